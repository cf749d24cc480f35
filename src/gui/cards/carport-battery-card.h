/* carport-battery-card.h — The battery card: level, range, plug and charging state, power, time to full, energy, temperature. */
#pragma once

#include <adwaita.h>

#include "carport-core.h"
#include "carport-status-card.h"

G_BEGIN_DECLS

#define CARPORT_TYPE_BATTERY_CARD (carport_battery_card_get_type ())
G_DECLARE_FINAL_TYPE (CarportBatteryCard, carport_battery_card, CARPORT, BATTERY_CARD, CarportStatusCard)

/* Properties: those of CarportStatusCard (vehicle, distance-unit,
 * temperature-unit). The card hides itself when the vehicle does not
 * offer its endpoint. */
GtkWidget *carport_battery_card_new (void);

G_END_DECLS
