/* carport-climate-card.h — The climate card: on/off, outside and inside temperature, next planned start. */
#pragma once

#include <adwaita.h>

#include "carport-core.h"

G_BEGIN_DECLS

#define CARPORT_TYPE_CLIMATE_CARD (carport_climate_card_get_type ())
G_DECLARE_FINAL_TYPE (CarportClimateCard, carport_climate_card, CARPORT, CLIMATE_CARD, AdwBin)

/* Properties: vehicle (CarportVehicle, nullable), distance-unit,
 * temperature-unit (the units of carport-format.h). The card hides itself
 * when the vehicle does not offer its endpoint. */
GtkWidget      *carport_climate_card_new         (void);
CarportVehicle *carport_climate_card_get_vehicle (CarportClimateCard *self);
void            carport_climate_card_set_vehicle (CarportClimateCard *self, CarportVehicle *vehicle);

G_END_DECLS
