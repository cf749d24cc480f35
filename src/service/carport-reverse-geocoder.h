/* carport-reverse-geocoder.h — the street address of a car's position, from
 * OpenStreetMap's Nominatim (or what CARPORT_GEOCODE_URL names).
 *
 * It sends the position to a third party: it asks nothing until enabled (the
 * user's "Show the address" preference). Enabled, it asks once for each new
 * position of a car (a position already asked for is not asked again, even
 * when the answer was no address) and sets the car's location's address;
 * a car that moved loses its old address at once. Requests go one after the
 * other, a second apart (Nominatim's usage policy), except to loopback, with
 * a User-Agent that names Carport and the user's language. */
#pragma once

#include "carport-core.h"

G_BEGIN_DECLS

#define CARPORT_TYPE_REVERSE_GEOCODER (carport_reverse_geocoder_get_type ())
G_DECLARE_FINAL_TYPE (CarportReverseGeocoder, carport_reverse_geocoder, CARPORT, REVERSE_GEOCODER, GObject)

/* @root: Nominatim's root URL ("https://nominatim.openstreetmap.org"); its
 * /reverse is asked. Disabled at first. */
CarportReverseGeocoder *carport_reverse_geocoder_new         (const char             *root);
gboolean                carport_reverse_geocoder_get_enabled (CarportReverseGeocoder *self);
/* Disabling forgets what was asked (the addresses are the caller's to clear). */
void                    carport_reverse_geocoder_set_enabled (CarportReverseGeocoder *self,
                                                              gboolean                enabled);
/* Looks up @vehicle's address when enabled and its position is new. */
void                    carport_reverse_geocoder_update      (CarportReverseGeocoder *self,
                                                              CarportVehicle         *vehicle);

G_END_DECLS
