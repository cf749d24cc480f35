/* carport-charge-card.h — The charge mode, charge limits and schedules card (read-only). */
#pragma once

#include <adwaita.h>

#include "carport-core.h"

G_BEGIN_DECLS

#define CARPORT_TYPE_CHARGE_CARD (carport_charge_card_get_type ())
G_DECLARE_FINAL_TYPE (CarportChargeCard, carport_charge_card, CARPORT, CHARGE_CARD, AdwBin)

/* Properties: vehicle (CarportVehicle, nullable), distance-unit,
 * temperature-unit (the units of carport-format.h). The card hides itself
 * when the vehicle does not offer its endpoint. */
GtkWidget      *carport_charge_card_new         (void);
CarportVehicle *carport_charge_card_get_vehicle (CarportChargeCard *self);
void            carport_charge_card_set_vehicle (CarportChargeCard *self, CarportVehicle *vehicle);

G_END_DECLS
