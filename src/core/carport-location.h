/* carport-location.h — Where the car is (endpoint location). */
#pragma once

#include "carport-enums.h"
#include "carport-state.h"

G_BEGIN_DECLS

#define CARPORT_TYPE_LOCATION (carport_location_get_type ())
G_DECLARE_FINAL_TYPE (CarportLocation, carport_location, CARPORT, LOCATION, CarportState)

CarportLocation *carport_location_new (void);

/* Properties: latitude, longitude (double, NAN unknown, WGS-84 degrees), and CarportState\'s "updated". */
double     carport_location_get_latitude  (CarportLocation *self);
void       carport_location_set_latitude  (CarportLocation *self, double value);
double     carport_location_get_longitude (CarportLocation *self);
void       carport_location_set_longitude (CarportLocation *self, double value);
/* A geo: URI ("geo:48.1,11.5") or NULL when the position is unknown. */
char      *carport_location_dup_geo_uri   (CarportLocation *self);

G_END_DECLS
