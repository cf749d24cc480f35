/* carport-locks-card.h — The doors and locks card. */
#pragma once

#include <adwaita.h>

#include "carport-core.h"

G_BEGIN_DECLS

#define CARPORT_TYPE_LOCKS_CARD (carport_locks_card_get_type ())
G_DECLARE_FINAL_TYPE (CarportLocksCard, carport_locks_card, CARPORT, LOCKS_CARD, AdwBin)

/* Properties: vehicle (CarportVehicle, nullable), distance-unit,
 * temperature-unit (the units of carport-format.h). The card hides itself
 * when the vehicle does not offer its endpoint. */
GtkWidget      *carport_locks_card_new         (void);
CarportVehicle *carport_locks_card_get_vehicle (CarportLocksCard *self);
void            carport_locks_card_set_vehicle (CarportLocksCard *self, CarportVehicle *vehicle);

G_END_DECLS
