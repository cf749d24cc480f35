/* carport-charge-card.h — The charge mode, charge limits and schedules card (read-only). */
#pragma once

#include <adwaita.h>

#include "carport-core.h"
#include "carport-status-card.h"

G_BEGIN_DECLS

#define CARPORT_TYPE_CHARGE_CARD (carport_charge_card_get_type ())
G_DECLARE_FINAL_TYPE (CarportChargeCard, carport_charge_card, CARPORT, CHARGE_CARD, CarportStatusCard)

/* Properties: those of CarportStatusCard (vehicle, distance-unit,
 * temperature-unit). The card hides itself when the vehicle does not
 * offer its endpoint. */
GtkWidget *carport_charge_card_new (void);

G_END_DECLS
