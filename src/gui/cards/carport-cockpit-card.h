/* carport-cockpit-card.h — The odometer and fuel card. */
#pragma once

#include <adwaita.h>

#include "carport-core.h"
#include "carport-status-card.h"

G_BEGIN_DECLS

#define CARPORT_TYPE_COCKPIT_CARD (carport_cockpit_card_get_type ())
G_DECLARE_FINAL_TYPE (CarportCockpitCard, carport_cockpit_card, CARPORT, COCKPIT_CARD, CarportStatusCard)

/* Properties: those of CarportStatusCard (vehicle, distance-unit,
 * temperature-unit). The card hides itself when the vehicle does not
 * offer its endpoint. */
GtkWidget *carport_cockpit_card_new (void);

G_END_DECLS
