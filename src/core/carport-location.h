/* carport-location.h — Where the car is (endpoint location). */
#pragma once

#include "carport-enums.h"

G_BEGIN_DECLS

#define CARPORT_TYPE_LOCATION (carport_location_get_type ())
G_DECLARE_FINAL_TYPE (CarportLocation, carport_location, CARPORT, LOCATION, GObject)

CarportLocation *carport_location_new (void);
/* Resets every field to "not reported". */
void carport_location_clear (CarportLocation *self);

/* Properties: latitude, longitude (double, NAN unknown, WGS-84 degrees), updated. */
double     carport_location_get_latitude  (CarportLocation *self);
void       carport_location_set_latitude  (CarportLocation *self, double value);
double     carport_location_get_longitude (CarportLocation *self);
void       carport_location_set_longitude (CarportLocation *self, double value);
GDateTime *carport_location_get_updated   (CarportLocation *self);
void       carport_location_set_updated   (CarportLocation *self, GDateTime *value);
/* A geo: URI ("geo:48.1,11.5") or NULL when the position is unknown. */
char      *carport_location_dup_geo_uri   (CarportLocation *self);

G_END_DECLS
