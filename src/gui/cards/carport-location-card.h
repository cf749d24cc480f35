/* carport-location-card.h — The location card: the car on a map, its
 * coordinates and address, "Open in Maps" and "Copy Coordinates". */
#pragma once

#include <adwaita.h>

#include "carport-core.h"
#include "carport-session.h"
#include "carport-status-card.h"

G_BEGIN_DECLS

#define CARPORT_TYPE_LOCATION_CARD (carport_location_card_get_type ())
G_DECLARE_FINAL_TYPE (CarportLocationCard, carport_location_card, CARPORT, LOCATION_CARD, CarportStatusCard)

/* Properties: those of CarportStatusCard (vehicle, distance-unit,
 * temperature-unit), and map-tile-url (string, nullable: the tile URL
 * template of the map, "https://…/{z}/{x}/{y}.png"; without one the card
 * shows no map and asks no tile). The card hides itself when the vehicle
 * does not offer its endpoint. The map shows OpenStreetMap's attribution,
 * zooms with its buttons and with Ctrl and the scroll wheel (a plain scroll
 * scrolls the page), and keeps the car's marker in view. Its tiles are cached
 * by libshumate in the user cache dir. With a session (nullable), a line
 * under the marker follows where the car was over the last 24 hours, as the
 * session's history store kept it. */
GtkWidget  *carport_location_card_new               (void);
const char *carport_location_card_get_map_tile_url  (CarportLocationCard *self);
void        carport_location_card_set_map_tile_url  (CarportLocationCard *self,
                                                     const char          *url);
CarportSession *carport_location_card_get_session   (CarportLocationCard *self);
void        carport_location_card_set_session       (CarportLocationCard *self,
                                                     CarportSession      *session);

G_END_DECLS
