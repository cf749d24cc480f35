/* carport-location.h — Where the car is (endpoint location). */
#pragma once

#include "carport-enums.h"
#include "carport-state.h"

G_BEGIN_DECLS

#define CARPORT_TYPE_LOCATION (carport_location_get_type ())
G_DECLARE_FINAL_TYPE (CarportLocation, carport_location, CARPORT, LOCATION, CarportState)

CarportLocation *carport_location_new (void);

/* Properties: latitude, longitude (double, NAN unknown, WGS-84 degrees),
 * address (string, nullable: the street address of the position, which the
 * service looks up when the user asked for it; not cached), and
 * CarportState\'s "updated". */
double     carport_location_get_latitude  (CarportLocation *self);
void       carport_location_set_latitude  (CarportLocation *self, double value);
double     carport_location_get_longitude (CarportLocation *self);
void       carport_location_set_longitude (CarportLocation *self, double value);
/* A geo: URI ("geo:48.1,11.5") or NULL when the position is unknown. */
char      *carport_location_dup_geo_uri   (CarportLocation *self);
/* "45.764000, 4.835700" (a dot whatever the locale, six decimals: what a
 * map app or a search box takes), or NULL when the position is unknown. */
char      *carport_location_dup_coordinates (CarportLocation *self);
/* The position on openstreetmap.org with a marker
 * ("https://www.openstreetmap.org/?mlat=…&mlon=…#map=16/…/…"), for a
 * desktop without a maps app; NULL when the position is unknown. */
char      *carport_location_dup_osm_url   (CarportLocation *self);
const char *carport_location_get_address  (CarportLocation *self);
void       carport_location_set_address   (CarportLocation *self, const char *value);

G_END_DECLS
