/* carport-cockpit.h — Odometer and fuel (endpoint cockpit). */
#pragma once

#include "carport-enums.h"
#include "carport-state.h"

G_BEGIN_DECLS

#define CARPORT_TYPE_COCKPIT (carport_cockpit_get_type ())
G_DECLARE_FINAL_TYPE (CarportCockpit, carport_cockpit, CARPORT, COCKPIT, CarportState)

CarportCockpit *carport_cockpit_new (void);

/* Properties: mileage-km, fuel-range-km, fuel-litres (double, NAN unknown), and CarportState\'s "updated". */
double     carport_cockpit_get_mileage_km    (CarportCockpit *self);
void       carport_cockpit_set_mileage_km    (CarportCockpit *self, double value);
double     carport_cockpit_get_fuel_range_km (CarportCockpit *self);
void       carport_cockpit_set_fuel_range_km (CarportCockpit *self, double value);
double     carport_cockpit_get_fuel_litres   (CarportCockpit *self);
void       carport_cockpit_set_fuel_litres   (CarportCockpit *self, double value);

G_END_DECLS
