/* carport-location-card.h — The location card: coordinates and "Open in Maps". */
#pragma once

#include <adwaita.h>

#include "carport-core.h"

G_BEGIN_DECLS

#define CARPORT_TYPE_LOCATION_CARD (carport_location_card_get_type ())
G_DECLARE_FINAL_TYPE (CarportLocationCard, carport_location_card, CARPORT, LOCATION_CARD, AdwBin)

/* Properties: vehicle (CarportVehicle, nullable), distance-unit,
 * temperature-unit (the units of carport-format.h). The card hides itself
 * when the vehicle does not offer its endpoint. */
GtkWidget      *carport_location_card_new         (void);
CarportVehicle *carport_location_card_get_vehicle (CarportLocationCard *self);
void            carport_location_card_set_vehicle (CarportLocationCard *self, CarportVehicle *vehicle);

G_END_DECLS
