/* carport-charge-settings.h — Charge mode, charge limits and programmes (endpoints charge-mode, charging-settings, charge-schedule, ev/settings, ev/soc-levels, hvac-settings). */
#pragma once

#include <gio/gio.h>

#include "carport-enums.h"
#include "carport-state.h"

G_BEGIN_DECLS

#define CARPORT_TYPE_CHARGE_SETTINGS (carport_charge_settings_get_type ())
G_DECLARE_FINAL_TYPE (CarportChargeSettings, carport_charge_settings, CARPORT, CHARGE_SETTINGS, CarportState)

CarportChargeSettings *carport_charge_settings_new (void);

/* Properties: mode (CarportChargeMode), soc-min-percent, soc-target-percent
 * (int, -1 unknown), delayed-start (GDateTime, nullable: when a charge in
 * delayed mode starts; a read that reports the mode without one clears it),
 * schedules (GListModel of CarportSchedule, never NULL,
 * (int, -1 unknown), climate-mode (string, hvac-settings' "mode": "scheduled", …),
 * charge-time-start (string "HH:MM", KCM), charge-duration-minutes (int, KCM),
 * preconditioning-temperature-c (double, KCM), heated-steering-wheel,
 * heated-left-seat, heated-right-seat (CarportToggle, what preconditioning
 * turns on; KCM), schedules (GListModel of CarportSchedule, never NULL,
 * read-only; the charge and climate programmes), and CarportState\'s "updated". */
CarportChargeMode carport_charge_settings_get_mode               (CarportChargeSettings *self);
void              carport_charge_settings_set_mode               (CarportChargeSettings *self, CarportChargeMode value);
int               carport_charge_settings_get_soc_min_percent    (CarportChargeSettings *self);
void              carport_charge_settings_set_soc_min_percent    (CarportChargeSettings *self, int value);
int               carport_charge_settings_get_soc_target_percent (CarportChargeSettings *self);
void              carport_charge_settings_set_soc_target_percent (CarportChargeSettings *self, int value);
GDateTime        *carport_charge_settings_get_delayed_start      (CarportChargeSettings *self);
void              carport_charge_settings_set_delayed_start      (CarportChargeSettings *self, GDateTime *value);
const char       * carport_charge_settings_get_climate_mode (CarportChargeSettings *self);
void              carport_charge_settings_set_climate_mode (CarportChargeSettings *self, const char * value);
const char       * carport_charge_settings_get_charge_time_start (CarportChargeSettings *self);
void              carport_charge_settings_set_charge_time_start (CarportChargeSettings *self, const char * value);
int               carport_charge_settings_get_charge_duration_minutes (CarportChargeSettings *self);
void              carport_charge_settings_set_charge_duration_minutes (CarportChargeSettings *self, int value);
double            carport_charge_settings_get_preconditioning_temperature_c (CarportChargeSettings *self);
void              carport_charge_settings_set_preconditioning_temperature_c (CarportChargeSettings *self, double value);
CarportToggle     carport_charge_settings_get_heated_steering_wheel (CarportChargeSettings *self);
void              carport_charge_settings_set_heated_steering_wheel (CarportChargeSettings *self, CarportToggle value);
CarportToggle     carport_charge_settings_get_heated_left_seat (CarportChargeSettings *self);
void              carport_charge_settings_set_heated_left_seat (CarportChargeSettings *self, CarportToggle value);
CarportToggle     carport_charge_settings_get_heated_right_seat (CarportChargeSettings *self);
void              carport_charge_settings_set_heated_right_seat (CarportChargeSettings *self, CarportToggle value);
GListModel       *carport_charge_settings_get_schedules          (CarportChargeSettings *self);
/* Replaces the programmes of @kind (charge, or climate) with @schedules
 * (a GPtrArray of CarportSchedule; NULL or empty clears them). */
void              carport_charge_settings_set_schedules          (CarportChargeSettings *self, gboolean climate, GPtrArray *schedules);

G_END_DECLS
