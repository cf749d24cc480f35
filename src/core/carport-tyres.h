/* carport-tyres.h — Tyre pressures (endpoint pressure; the server sends mbar). */
#pragma once

#include "carport-enums.h"
#include "carport-state.h"

G_BEGIN_DECLS

#define CARPORT_TYPE_TYRES (carport_tyres_get_type ())
G_DECLARE_FINAL_TYPE (CarportTyres, carport_tyres, CARPORT, TYRES, CarportState)

CarportTyres *carport_tyres_new (void);

typedef enum {
  CARPORT_TYRE_FRONT_LEFT,
  CARPORT_TYRE_FRONT_RIGHT,
  CARPORT_TYRE_REAR_LEFT,
  CARPORT_TYRE_REAR_RIGHT,
  CARPORT_N_TYRES
} CarportTyre;

/* Properties: front-left-bar, front-right-bar, rear-left-bar, rear-right-bar
 * (double, NAN unknown), front-left-status … rear-right-status
 * (CarportTyreStatus), and CarportState\'s "updated". */
double     carport_tyres_get_front_left_bar  (CarportTyres *self);
void       carport_tyres_set_front_left_bar  (CarportTyres *self, double value);
double     carport_tyres_get_front_right_bar (CarportTyres *self);
void       carport_tyres_set_front_right_bar (CarportTyres *self, double value);
double     carport_tyres_get_rear_left_bar   (CarportTyres *self);
void       carport_tyres_set_rear_left_bar   (CarportTyres *self, double value);
double     carport_tyres_get_rear_right_bar  (CarportTyres *self);
void       carport_tyres_set_rear_right_bar  (CarportTyres *self, double value);
CarportTyreStatus carport_tyres_get_status   (CarportTyres *self, CarportTyre tyre);
void       carport_tyres_set_status          (CarportTyres *self, CarportTyre tyre, CarportTyreStatus value);

G_END_DECLS
