/* carport-sim-map.h — map tiles and Nominatim's reverse geocoding, served on
 * the simulator's port (not public API)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

/* TRUE for /tiles/…: the tiles of CARPORT_MAP_TILE_URL. */
gboolean _carport_sim_map_is_tile_path  (const char        *path);
/* Answers /tiles/{z}/{x}/{y}.png with a generated 256 × 256 PNG; 404 for a
 * tile that does not exist at that zoom. */
void     _carport_sim_map_reply_tile    (SoupServerMessage *msg,
                                         const char        *path);
/* Answers Nominatim's /reverse?lat=…&lon=… (format=jsonv2) with the address
 * of the demo place nearest to the position, {"error":"Unable to geocode"}
 * far from them all; 403 without a User-Agent that names Carport, 400 for a
 * missing or invalid position. */
void     _carport_sim_map_reply_reverse (SoupServerMessage *msg,
                                         GHashTable        *query);

G_END_DECLS
