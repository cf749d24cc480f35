/* carport-tyres-card.h — The tyre pressure card. */
#pragma once

#include <adwaita.h>

#include "carport-core.h"

G_BEGIN_DECLS

#define CARPORT_TYPE_TYRES_CARD (carport_tyres_card_get_type ())
G_DECLARE_FINAL_TYPE (CarportTyresCard, carport_tyres_card, CARPORT, TYRES_CARD, AdwBin)

/* Properties: vehicle (CarportVehicle, nullable), distance-unit,
 * temperature-unit (the units of carport-format.h). The card hides itself
 * when the vehicle does not offer its endpoint. */
GtkWidget      *carport_tyres_card_new         (void);
CarportVehicle *carport_tyres_card_get_vehicle (CarportTyresCard *self);
void            carport_tyres_card_set_vehicle (CarportTyresCard *self, CarportVehicle *vehicle);

G_END_DECLS
