/* carport-locks.h — Doors and locks (endpoint lock-status). */
#pragma once

#include "carport-enums.h"
#include "carport-state.h"

G_BEGIN_DECLS

#define CARPORT_TYPE_LOCKS (carport_locks_get_type ())
G_DECLARE_FINAL_TYPE (CarportLocks, carport_locks, CARPORT, LOCKS, CarportState)

CarportLocks *carport_locks_new (void);

/* Properties: state (CarportLockState), driver, passenger, rear-left, rear-right,
 * hatch (CarportOpeningState), and CarportState\'s "updated". */
CarportLockState    carport_locks_get_state      (CarportLocks *self);
void                carport_locks_set_state      (CarportLocks *self, CarportLockState value);
CarportOpeningState carport_locks_get_driver     (CarportLocks *self);
void                carport_locks_set_driver     (CarportLocks *self, CarportOpeningState value);
CarportOpeningState carport_locks_get_passenger  (CarportLocks *self);
void                carport_locks_set_passenger  (CarportLocks *self, CarportOpeningState value);
CarportOpeningState carport_locks_get_rear_left  (CarportLocks *self);
void                carport_locks_set_rear_left  (CarportLocks *self, CarportOpeningState value);
CarportOpeningState carport_locks_get_rear_right (CarportLocks *self);
void                carport_locks_set_rear_right (CarportLocks *self, CarportOpeningState value);
CarportOpeningState carport_locks_get_hatch      (CarportLocks *self);
void                carport_locks_set_hatch      (CarportLocks *self, CarportOpeningState value);
/* TRUE when any opening is reported open. */
gboolean            carport_locks_any_open       (CarportLocks *self);

G_END_DECLS
