/* carport-trips-card.h — The trips card: this month's distance, trips and energy, and today's trips (Nissan trip history). */
#pragma once

#include <adwaita.h>

#include "carport-core.h"
#include "carport-status-card.h"

G_BEGIN_DECLS

#define CARPORT_TYPE_TRIPS_CARD (carport_trips_card_get_type ())
G_DECLARE_FINAL_TYPE (CarportTripsCard, carport_trips_card, CARPORT, TRIPS_CARD, CarportStatusCard)

/* Properties: those of CarportStatusCard (vehicle, distance-unit,
 * temperature-unit). The card hides itself when the vehicle does not
 * offer its endpoint. */
GtkWidget *carport_trips_card_new (void);

G_END_DECLS
