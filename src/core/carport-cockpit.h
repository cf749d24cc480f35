/* carport-cockpit.h — Odometer and fuel (endpoint cockpit). */
#pragma once

#include "carport-enums.h"

G_BEGIN_DECLS

#define CARPORT_TYPE_COCKPIT (carport_cockpit_get_type ())
G_DECLARE_FINAL_TYPE (CarportCockpit, carport_cockpit, CARPORT, COCKPIT, GObject)

CarportCockpit *carport_cockpit_new (void);
/* Resets every field to "not reported". */
void carport_cockpit_clear (CarportCockpit *self);

/* Properties: mileage-km, fuel-range-km, fuel-litres (double, NAN unknown), updated. */
double     carport_cockpit_get_mileage_km    (CarportCockpit *self);
void       carport_cockpit_set_mileage_km    (CarportCockpit *self, double value);
double     carport_cockpit_get_fuel_range_km (CarportCockpit *self);
void       carport_cockpit_set_fuel_range_km (CarportCockpit *self, double value);
double     carport_cockpit_get_fuel_litres   (CarportCockpit *self);
void       carport_cockpit_set_fuel_litres   (CarportCockpit *self, double value);
GDateTime *carport_cockpit_get_updated       (CarportCockpit *self);
void       carport_cockpit_set_updated       (CarportCockpit *self, GDateTime *value);

G_END_DECLS
