/* carport-cockpit-card.h — The odometer and fuel card. */
#pragma once

#include <adwaita.h>

#include "carport-core.h"

G_BEGIN_DECLS

#define CARPORT_TYPE_COCKPIT_CARD (carport_cockpit_card_get_type ())
G_DECLARE_FINAL_TYPE (CarportCockpitCard, carport_cockpit_card, CARPORT, COCKPIT_CARD, AdwBin)

/* Properties: vehicle (CarportVehicle, nullable), distance-unit,
 * temperature-unit (the units of carport-format.h). The card hides itself
 * when the vehicle does not offer its endpoint. */
GtkWidget      *carport_cockpit_card_new         (void);
CarportVehicle *carport_cockpit_card_get_vehicle (CarportCockpitCard *self);
void            carport_cockpit_card_set_vehicle (CarportCockpitCard *self, CarportVehicle *vehicle);

G_END_DECLS
