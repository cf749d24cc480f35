/* carport-battery.h — Battery and charging state (endpoint battery-status). */
#pragma once

#include "carport-enums.h"
#include "carport-state.h"

G_BEGIN_DECLS

#define CARPORT_TYPE_BATTERY (carport_battery_get_type ())
G_DECLARE_FINAL_TYPE (CarportBattery, carport_battery, CARPORT, BATTERY, CarportState)

CarportBattery *carport_battery_new (void);

/* carport_state_merge() keeps what a read leaves out, except the charging
 * power and the time to full when the read says no charge is under way.
 *
 * Properties (names match docs/cli-json.md keys with "-" for "_"):
 *   level-percent (int, -1 unknown), range-km, temperature-c, available-energy-kwh,
 *   charging-power-kw (double, NAN unknown), plug (CarportPlugState),
 *   charging (CarportChargingState), remaining-minutes (int, -1 unknown),
 *   remaining-updated (GDateTime, when the car last worked out remaining-minutes),
 *   capacity-kwh (double, the battery's usable capacity), and CarportState's "updated". */
int                  carport_battery_get_level_percent        (CarportBattery *self);
void                 carport_battery_set_level_percent        (CarportBattery *self, int value);
double               carport_battery_get_range_km             (CarportBattery *self);
void                 carport_battery_set_range_km             (CarportBattery *self, double value);
double               carport_battery_get_temperature_c        (CarportBattery *self);
void                 carport_battery_set_temperature_c        (CarportBattery *self, double value);
double               carport_battery_get_available_energy_kwh (CarportBattery *self);
void                 carport_battery_set_available_energy_kwh (CarportBattery *self, double value);
CarportPlugState     carport_battery_get_plug                 (CarportBattery *self);
void                 carport_battery_set_plug                 (CarportBattery *self, CarportPlugState value);
CarportChargingState carport_battery_get_charging             (CarportBattery *self);
void                 carport_battery_set_charging             (CarportBattery *self, CarportChargingState value);
double               carport_battery_get_charging_power_kw    (CarportBattery *self);
void                 carport_battery_set_charging_power_kw    (CarportBattery *self, double value);
int                  carport_battery_get_remaining_minutes    (CarportBattery *self);
void                 carport_battery_set_remaining_minutes    (CarportBattery *self, int value);
GDateTime           *carport_battery_get_remaining_updated    (CarportBattery *self);
void                 carport_battery_set_remaining_updated    (CarportBattery *self, GDateTime *value);
double               carport_battery_get_capacity_kwh         (CarportBattery *self);
void                 carport_battery_set_capacity_kwh         (CarportBattery *self, double value);

G_END_DECLS
