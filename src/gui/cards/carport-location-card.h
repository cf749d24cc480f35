/* carport-location-card.h — The location card: coordinates and "Open in Maps". */
#pragma once

#include <adwaita.h>

#include "carport-core.h"
#include "carport-status-card.h"

G_BEGIN_DECLS

#define CARPORT_TYPE_LOCATION_CARD (carport_location_card_get_type ())
G_DECLARE_FINAL_TYPE (CarportLocationCard, carport_location_card, CARPORT, LOCATION_CARD, CarportStatusCard)

/* Properties: those of CarportStatusCard (vehicle, distance-unit,
 * temperature-unit). The card hides itself when the vehicle does not
 * offer its endpoint. */
GtkWidget *carport_location_card_new (void);

G_END_DECLS
