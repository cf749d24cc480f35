/* carport-kamereon-json.c — the Kamereon car-adapter's read bodies, shared
 * by every brand, into the model.
 *
 * Everything here follows docs/api-renault.md (§c.3) and the normalisation
 * rules of docs/cli-json.md; answers and errors are carport-kamereon-response.c's. Every field is optional; a value
 * of the wrong type is treated as missing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#define G_LOG_DOMAIN "carport-api"

#include <errno.h>
#include <math.h>
#include <string.h>

#include <glib/gi18n.h>
#include <libsoup/soup.h>

#include "carport-json.h"
#include "carport-kamereon-json.h"
#include "carport-renault-models.h"

static const char * const day_names[CARPORT_N_WEEKDAYS] = {
  "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
};

static const char * const program_day_flags[CARPORT_N_WEEKDAYS] = {
  "programActivationMonday", "programActivationTuesday", "programActivationWednesday",
  "programActivationThursday", "programActivationFriday", "programActivationSaturday",
  "programActivationSunday",
};

/* ------------------------------------------------------------------------ */
/* Normalisation helpers                                                     */

static CarportPlugState
plug_state_from_value (int value)
{
  switch (value)
    {
    case 0:
      return CARPORT_PLUG_STATE_UNPLUGGED;
    case 1:
      return CARPORT_PLUG_STATE_PLUGGED;
    case -1:
      return CARPORT_PLUG_STATE_ERROR;
    default:
      return CARPORT_PLUG_STATE_UNKNOWN;
    }
}

static CarportChargingState
charging_state_from_value (double   value,
                           gboolean plug_known,
                           int      plug)
{
  double tenths = round (value * 10.0);

  if (tenths < G_MININT || tenths > G_MAXINT)
    return CARPORT_CHARGING_STATE_UNKNOWN;

  switch ((int) tenths)
    {
    case 0:
      return CARPORT_CHARGING_STATE_NOT_CHARGING;
    case 1:
      return CARPORT_CHARGING_STATE_WAITING_PLANNED;
    case 2:
      return CARPORT_CHARGING_STATE_ENDED;
    case 3:
      return CARPORT_CHARGING_STATE_WAITING_CURRENT;
    case 4:
      return CARPORT_CHARGING_STATE_FLAP_OPEN;
    case 10:
      return CARPORT_CHARGING_STATE_CHARGING;
    case -10:
      /* ZE40 reports -1.0 for "not plugged, not charging". */
      if (plug_known && plug == 0)
        return CARPORT_CHARGING_STATE_NOT_CHARGING;
      return CARPORT_CHARGING_STATE_ERROR;
    case -11:
      return CARPORT_CHARGING_STATE_UNAVAILABLE;
    case -13:
      return CARPORT_CHARGING_STATE_V2G_WAITING;
    case -14:
      return CARPORT_CHARGING_STATE_V2L_CONNECTED;
    case -15:
      return CARPORT_CHARGING_STATE_V2G_DISCHARGING;
    case -16:
      return CARPORT_CHARGING_STATE_V2G_CHARGING;
    default:
      return CARPORT_CHARGING_STATE_UNKNOWN;
    }
}

static CarportChargeMode
charge_mode_from_string (const char *text)
{
  if (text == NULL)
    return CARPORT_CHARGE_MODE_NONE;

  if (g_ascii_strcasecmp (text, "always") == 0 ||
      g_ascii_strcasecmp (text, "always_charging") == 0)
    return CARPORT_CHARGE_MODE_ALWAYS;
  if (g_ascii_strcasecmp (text, "scheduled") == 0 ||
      g_ascii_strcasecmp (text, "schedule_mode") == 0)
    return CARPORT_CHARGE_MODE_SCHEDULED;
  if (g_ascii_strcasecmp (text, "delayed") == 0)
    return CARPORT_CHARGE_MODE_DELAYED;

  return CARPORT_CHARGE_MODE_NONE;
}

static CarportOpeningState
opening_state_from_string (const char *text)
{
  if (text == NULL)
    return CARPORT_OPENING_STATE_NONE;
  if (g_ascii_strcasecmp (text, "open") == 0 || g_ascii_strcasecmp (text, "opened") == 0)
    return CARPORT_OPENING_STATE_OPEN;
  if (g_ascii_strcasecmp (text, "closed") == 0)
    return CARPORT_OPENING_STATE_CLOSED;
  return CARPORT_OPENING_STATE_NONE;
}

/* "HH:MM" from "THH:MMZ", "HH:MM", "HH:MM:SS" or, with @compact, "HHMM". */
static char *
normalize_time (const char *text,
                gboolean    compact)
{
  const char *p = text;
  int hour, minute;

  if (p == NULL)
    return NULL;

  while (g_ascii_isspace (*p))
    p++;
  if (*p == 'T' || *p == 't')
    p++;

  if (!g_ascii_isdigit (p[0]) || !g_ascii_isdigit (p[1]))
    return NULL;
  hour = g_ascii_digit_value (p[0]) * 10 + g_ascii_digit_value (p[1]);
  p += 2;

  if (*p == ':')
    p++;
  else if (!compact)
    return NULL;

  if (!g_ascii_isdigit (p[0]) || !g_ascii_isdigit (p[1]))
    return NULL;
  minute = g_ascii_digit_value (p[0]) * 10 + g_ascii_digit_value (p[1]);
  p += 2;

  if (p[0] == ':' && g_ascii_isdigit (p[1]) && g_ascii_isdigit (p[2]))
    p += 3;
  if (*p == '.')
    {
      p++;
      while (g_ascii_isdigit (*p))
        p++;
    }
  if (*p == 'Z' || *p == 'z')
    p++;
  while (g_ascii_isspace (*p))
    p++;

  if (*p != '\0' || hour > 23 || minute > 59)
    return NULL;

  return g_strdup_printf ("%02d:%02d", hour, minute);
}

static CarportSchedule *
schedule_new (int                 id,
              CarportScheduleKind kind,
              gboolean            activated,
              guint               days,
              const char         *start_time,
              gboolean            is_utc,
              int                 duration)
{
  CarportSchedule *schedule = carport_schedule_new ();

  carport_schedule_set_id (schedule, id);
  carport_schedule_set_kind (schedule, kind);
  carport_schedule_set_activated (schedule, activated);
  carport_schedule_set_days (schedule, days);
  carport_schedule_set_start_time (schedule, start_time);
  carport_schedule_set_start_time_is_utc (schedule, is_utc);
  carport_schedule_set_duration_minutes (schedule, duration);

  return schedule;
}

typedef struct {
  char     *time;
  int       duration;
  gboolean  activated;
  guint     days;
} DayGroup;

static void
day_groups_clear (DayGroup *groups,
                  guint     n_groups)
{
  for (guint i = 0; i < n_groups; i++)
    g_clear_pointer (&groups[i].time, g_free);
}

/* Adds day @day to the group with the same time, duration and activation. */
static void
day_groups_add (DayGroup   *groups,
                guint      *n_groups,
                guint       max_groups,
                guint       day,
                char       *time,
                int         duration,
                gboolean    activated)
{
  for (guint i = 0; i < *n_groups; i++)
    {
      if (g_strcmp0 (groups[i].time, time) == 0 &&
          groups[i].duration == duration &&
          groups[i].activated == activated)
        {
          groups[i].days |= 1u << day;
          g_free (time);
          return;
        }
    }

  if (*n_groups >= max_groups)
    {
      g_free (time);
      return;
    }

  groups[*n_groups].time = time;
  groups[*n_groups].duration = duration;
  groups[*n_groups].activated = activated;
  groups[*n_groups].days = 1u << day;
  (*n_groups)++;
}

/* KCA schedules (charging-settings, hvac-settings): one CarportSchedule per
 * group of days that share a time and a duration (§c.3). A schedule without
 * any day still gives one entry, so that its id and state are known. */
static GPtrArray *
parse_kca_schedules (JsonArray *array,
                     gboolean   climate)
{
  GPtrArray *result = g_ptr_array_new_with_free_func (g_object_unref);
  CarportScheduleKind kind = climate ? CARPORT_SCHEDULE_KIND_CLIMATE : CARPORT_SCHEDULE_KIND_CHARGE;

  if (array == NULL)
    return result;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      DayGroup groups[CARPORT_N_WEEKDAYS] = { { 0, } };
      guint n_groups = 0;
      JsonObject *object;
      gboolean activated = FALSE;
      int id;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      object = json_node_get_object (node);

      if (!carport_json_get_int (object, "id", &id))
        id = (int) i + 1;
      carport_json_get_bool (object, "activated", &activated);

      for (guint day = 0; day < CARPORT_N_WEEKDAYS; day++)
        {
          JsonObject *slot = carport_json_get_object (object, day_names[day]);
          char *time;
          int duration = -1;

          if (slot == NULL)
            continue;

          time = normalize_time (carport_json_get_string (slot, climate ? "readyAtTime" : "startTime"), FALSE);
          if (!climate && (!carport_json_get_int (slot, "duration", &duration) || duration < 0))
            duration = -1;

          if (time == NULL && duration < 0)
            continue;

          day_groups_add (groups, &n_groups, G_N_ELEMENTS (groups), day, time, duration, activated);
        }

      if (n_groups == 0)
        g_ptr_array_add (result, schedule_new (id, kind, activated, 0, NULL, TRUE, -1));

      for (guint g = 0; g < n_groups; g++)
        g_ptr_array_add (result, schedule_new (id, kind, activated, groups[g].days,
                                               groups[g].time, TRUE, groups[g].duration));

      day_groups_clear (groups, n_groups);
    }

  return result;
}

/* The ZE40-era calendar (§c.3 charge-schedule): slots per day, grouped over
 * days by start time, duration and activation; times are UTC. */
static GPtrArray *
parse_calendar (JsonObject *calendar)
{
  GPtrArray *result = g_ptr_array_new_with_free_func (g_object_unref);
  DayGroup groups[32] = { { 0, } };
  guint n_groups = 0;

  if (calendar == NULL)
    return result;

  for (guint day = 0; day < CARPORT_N_WEEKDAYS; day++)
    {
      JsonArray *slots = carport_json_get_array (calendar, day_names[day]);

      if (slots == NULL)
        continue;

      for (guint i = 0; i < json_array_get_length (slots); i++)
        {
          JsonNode *node = json_array_get_element (slots, i);
          JsonObject *slot;
          gboolean activated = FALSE;
          int duration = -1;
          char *time;

          if (!JSON_NODE_HOLDS_OBJECT (node))
            continue;
          slot = json_node_get_object (node);

          time = normalize_time (carport_json_get_string (slot, "startTime"), TRUE);
          if (!carport_json_get_int (slot, "duration", &duration) || duration < 0)
            duration = -1;
          carport_json_get_bool (slot, "activationState", &activated);

          if (time == NULL && duration < 0)
            {
              g_free (time);
              continue;
            }

          day_groups_add (groups, &n_groups, G_N_ELEMENTS (groups), day, time, duration, activated);
        }
    }

  for (guint g = 0; g < n_groups; g++)
    g_ptr_array_add (result, schedule_new ((int) g + 1, CARPORT_SCHEDULE_KIND_CHARGE,
                                           groups[g].activated, groups[g].days,
                                           groups[g].time, TRUE, groups[g].duration));

  day_groups_clear (groups, n_groups);

  return result;
}

/* KCM ev/settings programmes: local departure times, one entry each. */
static GPtrArray *
parse_programs (JsonArray *programs)
{
  GPtrArray *result = g_ptr_array_new_with_free_func (g_object_unref);

  if (programs == NULL)
    return result;

  for (guint i = 0; i < json_array_get_length (programs); i++)
    {
      JsonNode *node = json_array_get_element (programs, i);
      CarportScheduleKind kind = CARPORT_SCHEDULE_KIND_CHARGE;
      g_autofree char *time = NULL;
      JsonObject *program;
      gboolean activated = FALSE;
      const char *type;
      guint days = 0;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      program = json_node_get_object (node);

      type = carport_json_get_string (program, "programType");
      if (g_strcmp0 (type, "PRECONDITIONING") == 0)
        kind = CARPORT_SCHEDULE_KIND_CLIMATE;
      else if (g_strcmp0 (type, "CHARGE_AND_PRECONDITIONING") == 0)
        kind = CARPORT_SCHEDULE_KIND_CHARGE_AND_CLIMATE;

      carport_json_get_bool (program, "programActivationStatus", &activated);

      for (guint day = 0; day < CARPORT_N_WEEKDAYS; day++)
        {
          gboolean on = FALSE;

          if (carport_json_get_bool (program, program_day_flags[day], &on) && on)
            days |= 1u << day;
        }

      time = normalize_time (carport_json_get_string (program, "programDepartureTime"), FALSE);

      g_ptr_array_add (result, schedule_new ((int) i + 1, kind, activated, days, time, FALSE, -1));
    }

  return result;
}

/* ------------------------------------------------------------------------ */
/* Read endpoints                                                            */

static gboolean
percent_is_valid (int value)
{
  return value >= 0 && value <= 100;
}

static void
parse_battery_status (CarportVehicle *vehicle,
                      JsonObject     *attrs)
{
  CarportBattery *battery = carport_vehicle_get_battery (vehicle);
  g_autoptr(GDateTime) updated = carport_json_get_time (attrs, "timestamp");
  gboolean plug_known;
  double number;
  int value, plug = 0;

  g_object_freeze_notify (G_OBJECT (battery));

  if (carport_json_get_int (attrs, "batteryLevel", &value) && percent_is_valid (value))
    carport_battery_set_level_percent (battery, value);
  else
    carport_battery_set_level_percent (battery, -1);

  if (carport_json_get_number (attrs, "batteryAutonomy", &number) && number >= 0)
    carport_battery_set_range_km (battery, number);
  else
    carport_battery_set_range_km (battery, CARPORT_UNKNOWN_DOUBLE);

  if (carport_json_get_number (attrs, "batteryTemperature", &number))
    carport_battery_set_temperature_c (battery, number);
  else
    carport_battery_set_temperature_c (battery, CARPORT_UNKNOWN_DOUBLE);

  /* 0 kWh means "not reported" (cli-json.md). */
  if (carport_json_get_number (attrs, "batteryAvailableEnergy", &number) && number > 0)
    carport_battery_set_available_energy_kwh (battery, number);
  else
    carport_battery_set_available_energy_kwh (battery, CARPORT_UNKNOWN_DOUBLE);

  plug_known = carport_json_get_int (attrs, "plugStatus", &plug);
  carport_battery_set_plug (battery, plug_known ? plug_state_from_value (plug)
                                                : CARPORT_PLUG_STATE_NONE);

  if (carport_json_get_number (attrs, "chargingStatus", &number))
    carport_battery_set_charging (battery, charging_state_from_value (number, plug_known, plug));
  else
    carport_battery_set_charging (battery, CARPORT_CHARGING_STATE_NONE);

  if (carport_json_get_number (attrs, "chargingInstantaneousPower", &number))
    {
      if (carport_renault_model_reports_watts (carport_vehicle_get_model_code (vehicle)))
        number /= 1000.0;
      carport_battery_set_charging_power_kw (battery, number);
    }
  else
    {
      carport_battery_set_charging_power_kw (battery, CARPORT_UNKNOWN_DOUBLE);
    }

  if (carport_json_get_int (attrs, "chargingRemainingTime", &value) && value >= 0)
    carport_battery_set_remaining_minutes (battery, value);
  else
    carport_battery_set_remaining_minutes (battery, -1);

  carport_state_set_updated (CARPORT_STATE (battery), updated);

  g_object_thaw_notify (G_OBJECT (battery));
}

static void
parse_cockpit (CarportVehicle *vehicle,
               JsonObject     *attrs)
{
  CarportCockpit *cockpit = carport_vehicle_get_cockpit (vehicle);
  g_autoptr(GDateTime) updated = carport_json_get_time (attrs, "timestamp");
  gboolean electric = carport_vehicle_get_energy (vehicle) == CARPORT_ENERGY_ELECTRIC;
  double number;

  g_object_freeze_notify (G_OBJECT (cockpit));

  if (carport_json_get_number (attrs, "totalMileage", &number) && number >= 0)
    carport_cockpit_set_mileage_km (cockpit, number);
  else
    carport_cockpit_set_mileage_km (cockpit, CARPORT_UNKNOWN_DOUBLE);

  /* EVs report 0 for the fuel fields. */
  if (carport_json_get_number (attrs, "fuelAutonomy", &number) && number >= 0 && !(electric && number == 0))
    carport_cockpit_set_fuel_range_km (cockpit, number);
  else
    carport_cockpit_set_fuel_range_km (cockpit, CARPORT_UNKNOWN_DOUBLE);

  if (carport_json_get_number (attrs, "fuelQuantity", &number) && number >= 0 && !(electric && number == 0))
    carport_cockpit_set_fuel_litres (cockpit, number);
  else
    carport_cockpit_set_fuel_litres (cockpit, CARPORT_UNKNOWN_DOUBLE);

  carport_state_set_updated (CARPORT_STATE (cockpit), updated);

  g_object_thaw_notify (G_OBJECT (cockpit));
}

static void
parse_location (CarportVehicle *vehicle,
                JsonObject     *attrs)
{
  CarportLocation *location = carport_vehicle_get_location (vehicle);
  g_autoptr(GDateTime) updated = carport_json_get_time (attrs, "lastUpdateTime");
  double latitude, longitude;
  gboolean valid;

  valid = carport_json_get_number (attrs, "gpsLatitude", &latitude) &&
          carport_json_get_number (attrs, "gpsLongitude", &longitude) &&
          latitude >= -90 && latitude <= 90 &&
          longitude >= -180 && longitude <= 180;

  g_object_freeze_notify (G_OBJECT (location));
  carport_location_set_latitude (location, valid ? latitude : CARPORT_UNKNOWN_DOUBLE);
  carport_location_set_longitude (location, valid ? longitude : CARPORT_UNKNOWN_DOUBLE);
  carport_state_set_updated (CARPORT_STATE (location), updated);
  g_object_thaw_notify (G_OBJECT (location));
}

static void
parse_hvac_status (CarportVehicle *vehicle,
                   JsonObject     *attrs)
{
  CarportClimate *climate = carport_vehicle_get_climate (vehicle);
  g_autoptr(GDateTime) next_start = carport_json_get_time (attrs, "nextHvacStartDate");
  g_autoptr(GDateTime) updated = carport_json_get_time (attrs, "lastUpdateTime");
  const char *status = carport_json_get_string (attrs, "hvacStatus");
  CarportClimateState state = CARPORT_CLIMATE_STATE_NONE;
  double number;

  if (status != NULL && g_ascii_strcasecmp (status, "on") == 0)
    state = CARPORT_CLIMATE_STATE_ON;
  else if (status != NULL && g_ascii_strcasecmp (status, "off") == 0)
    state = CARPORT_CLIMATE_STATE_OFF;

  g_object_freeze_notify (G_OBJECT (climate));

  carport_climate_set_state (climate, state);

  if (carport_json_get_number (attrs, "externalTemperature", &number))
    carport_climate_set_outside_c (climate, number);
  else
    carport_climate_set_outside_c (climate, CARPORT_UNKNOWN_DOUBLE);

  if (carport_json_get_number (attrs, "internalTemperature", &number))
    carport_climate_set_inside_c (climate, number);
  else
    carport_climate_set_inside_c (climate, CARPORT_UNKNOWN_DOUBLE);

  if (carport_json_get_number (attrs, "socThreshold", &number) && number >= 0 && number <= 100)
    carport_climate_set_soc_threshold_percent (climate, number);
  else
    carport_climate_set_soc_threshold_percent (climate, CARPORT_UNKNOWN_DOUBLE);

  carport_climate_set_next_start (climate, next_start);
  carport_state_set_updated (CARPORT_STATE (climate), updated);

  g_object_thaw_notify (G_OBJECT (climate));
}

/* The first of two string members that is present. */
static const char *
first_string (JsonObject *attrs,
              const char *name,
              const char *fallback)
{
  const char *value = carport_json_get_string (attrs, name);

  return value != NULL ? value : carport_json_get_string (attrs, fallback);
}

static void
parse_lock_status (CarportVehicle *vehicle,
                   JsonObject     *attrs)
{
  CarportLocks *locks = carport_vehicle_get_locks (vehicle);
  g_autoptr(GDateTime) updated = carport_json_get_time (attrs, "lastUpdateTime");
  const char *status = carport_json_get_string (attrs, "lockStatus");
  CarportLockState state = CARPORT_LOCK_STATE_NONE;

  if (status != NULL && g_ascii_strcasecmp (status, "locked") == 0)
    state = CARPORT_LOCK_STATE_LOCKED;
  else if (status != NULL && g_ascii_strcasecmp (status, "unlocked") == 0)
    state = CARPORT_LOCK_STATE_UNLOCKED;

  g_object_freeze_notify (G_OBJECT (locks));
  carport_locks_set_state (locks, state);
  /* Nissan also names the front doors by side (api-nissan.md §3.2). */
  carport_locks_set_driver (locks, opening_state_from_string (first_string (attrs, "doorStatusDriver",
                                                                            "doorStatusFrontLeft")));
  carport_locks_set_passenger (locks, opening_state_from_string (first_string (attrs, "doorStatusPassenger",
                                                                               "doorStatusFrontRight")));
  carport_locks_set_rear_left (locks, opening_state_from_string (carport_json_get_string (attrs, "doorStatusRearLeft")));
  carport_locks_set_rear_right (locks, opening_state_from_string (carport_json_get_string (attrs, "doorStatusRearRight")));
  carport_locks_set_hatch (locks, opening_state_from_string (carport_json_get_string (attrs, "hatchStatus")));
  carport_state_set_updated (CARPORT_STATE (locks), updated);
  g_object_thaw_notify (G_OBJECT (locks));
}

/* mbar → bar; 0 or less means the sensor did not report. */
static double
pressure_bar (JsonObject *attrs,
              const char *name)
{
  double mbar;

  if (!carport_json_get_number (attrs, name, &mbar) || mbar <= 0)
    return CARPORT_UNKNOWN_DOUBLE;

  return mbar / 1000.0;
}

static void
parse_pressure (CarportVehicle *vehicle,
                JsonObject     *attrs)
{
  CarportTyres *tyres = carport_vehicle_get_tyres (vehicle);
  g_autoptr(GDateTime) updated = carport_json_get_time (attrs, "lastUpdateTime");

  if (updated == NULL)
    updated = carport_json_get_time (attrs, "timestamp");

  g_object_freeze_notify (G_OBJECT (tyres));
  carport_tyres_set_front_left_bar (tyres, pressure_bar (attrs, "flPressure"));
  carport_tyres_set_front_right_bar (tyres, pressure_bar (attrs, "frPressure"));
  carport_tyres_set_rear_left_bar (tyres, pressure_bar (attrs, "rlPressure"));
  carport_tyres_set_rear_right_bar (tyres, pressure_bar (attrs, "rrPressure"));
  carport_state_set_updated (CARPORT_STATE (tyres), updated);
  g_object_thaw_notify (G_OBJECT (tyres));
}

/* The charge settings object is shared by several endpoints: each one only
 * touches what it reports, and "updated" only moves when a time is given. */
static void
parse_charge_mode (CarportVehicle *vehicle,
                   JsonObject     *attrs)
{
  CarportChargeSettings *settings = carport_vehicle_get_charge_settings (vehicle);

  carport_charge_settings_set_mode (settings,
                                    charge_mode_from_string (carport_json_get_string (attrs, "chargeMode")));
}

static void
parse_charging_settings (CarportVehicle *vehicle,
                         JsonObject     *attrs)
{
  CarportChargeSettings *settings = carport_vehicle_get_charge_settings (vehicle);
  g_autoptr(GPtrArray) schedules = parse_kca_schedules (carport_json_get_array (attrs, "schedules"), FALSE);
  g_autoptr(GDateTime) updated = carport_json_get_time (attrs, "dateTime");

  g_object_freeze_notify (G_OBJECT (settings));
  carport_charge_settings_set_mode (settings, charge_mode_from_string (carport_json_get_string (attrs, "mode")));
  carport_charge_settings_set_schedules (settings, FALSE, schedules);
  if (updated != NULL)
    carport_state_set_updated (CARPORT_STATE (settings), updated);
  g_object_thaw_notify (G_OBJECT (settings));
}

static void
parse_hvac_settings (CarportVehicle *vehicle,
                     JsonObject     *attrs)
{
  CarportChargeSettings *settings = carport_vehicle_get_charge_settings (vehicle);
  g_autoptr(GPtrArray) schedules = parse_kca_schedules (carport_json_get_array (attrs, "schedules"), TRUE);

  carport_charge_settings_set_schedules (settings, TRUE, schedules);
}

static void
parse_charge_schedule (CarportVehicle *vehicle,
                       JsonObject     *attrs)
{
  CarportChargeSettings *settings = carport_vehicle_get_charge_settings (vehicle);
  g_autoptr(GPtrArray) schedules = parse_calendar (carport_json_get_object (attrs, "calendar"));

  carport_charge_settings_set_schedules (settings, FALSE, schedules);
}

static void
parse_ev_settings (CarportVehicle *vehicle,
                   JsonObject     *object)
{
  CarportChargeSettings *settings = carport_vehicle_get_charge_settings (vehicle);
  g_autoptr(GPtrArray) programs = parse_programs (carport_json_get_array (object, "programs"));
  g_autoptr(GPtrArray) charge = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) climate = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GDateTime) updated = carport_json_get_time (object, "lastSettingsUpdateTimestamp");

  for (guint i = 0; i < programs->len; i++)
    {
      CarportSchedule *schedule = g_ptr_array_index (programs, i);

      if (carport_schedule_get_kind (schedule) == CARPORT_SCHEDULE_KIND_CLIMATE)
        g_ptr_array_add (climate, g_object_ref (schedule));
      else
        g_ptr_array_add (charge, g_object_ref (schedule));
    }

  g_object_freeze_notify (G_OBJECT (settings));
  carport_charge_settings_set_mode (settings,
                                    charge_mode_from_string (carport_json_get_string (object, "chargeModeRq")));
  carport_charge_settings_set_schedules (settings, FALSE, charge);
  /* Every car with ev/settings also has hvac-settings, which owns the
   * climate programmes: only preconditioning programmes replace them. */
  if (climate->len > 0)
    carport_charge_settings_set_schedules (settings, TRUE, climate);
  if (updated != NULL)
    carport_state_set_updated (CARPORT_STATE (settings), updated);
  g_object_thaw_notify (G_OBJECT (settings));
}

static void
parse_soc_levels (CarportVehicle *vehicle,
                  JsonObject     *object)
{
  CarportChargeSettings *settings = carport_vehicle_get_charge_settings (vehicle);
  g_autoptr(GDateTime) updated = carport_json_get_time (object, "lastEnergyUpdateTimestamp");
  int value;

  g_object_freeze_notify (G_OBJECT (settings));

  if (carport_json_get_int (object, "socMin", &value) && percent_is_valid (value))
    carport_charge_settings_set_soc_min_percent (settings, value);
  else
    carport_charge_settings_set_soc_min_percent (settings, -1);

  if (carport_json_get_int (object, "socTarget", &value) && percent_is_valid (value))
    carport_charge_settings_set_soc_target_percent (settings, value);
  else
    carport_charge_settings_set_soc_target_percent (settings, -1);

  if (updated != NULL)
    carport_state_set_updated (CARPORT_STATE (settings), updated);

  g_object_thaw_notify (G_OBJECT (settings));
}

/* data.attributes of a KCA answer. A "data" without attributes (seen in
 * the wild) means nothing was reported: an empty object is returned. */
static JsonObject *
kca_attributes (JsonNode  *root,
                GError   **error)
{
  JsonObject *data;
  JsonObject *attrs;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root) ||
      (data = carport_json_get_object (json_node_get_object (root), "data")) == NULL)
    {
      carport_api_set_error (error, CARPORT_API_ERROR_INVALID_RESPONSE, _("no vehicle data in the answer"));
      return NULL;
    }

  attrs = carport_json_get_object (data, "attributes");
  if (attrs == NULL)
    {
      JsonNode *member = json_object_get_member (data, "attributes");

      if (member != NULL && !JSON_NODE_HOLDS_NULL (member))
        {
          carport_api_set_error (error, CARPORT_API_ERROR_INVALID_RESPONSE,
                                 _("the vehicle data has an unexpected shape"));
          return NULL;
        }
      return json_object_new ();
    }

  return json_object_ref (attrs);
}

/* A KCM answer is a plain object; a JSON:API envelope is unwrapped too. */
static JsonObject *
kcm_object (JsonNode  *root,
            GError   **error)
{
  JsonObject *object;
  JsonObject *data;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      carport_api_set_error (error, CARPORT_API_ERROR_INVALID_RESPONSE, _("no vehicle data in the answer"));
      return NULL;
    }

  object = json_node_get_object (root);
  data = carport_json_get_object (object, "data");
  if (data != NULL && carport_json_get_object (data, "attributes") != NULL)
    object = carport_json_get_object (data, "attributes");

  return json_object_ref (object);
}

static gboolean
looks_like_ev_settings (JsonNode *root)
{
  JsonObject *object;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return FALSE;

  object = json_node_get_object (root);
  return carport_json_get_object (object, "data") == NULL &&
         (json_object_has_member (object, "programs") ||
          json_object_has_member (object, "chargeModeRq"));
}

gboolean
carport_kamereon_parse_endpoint (CarportVehicle   *vehicle,
                                 CarportEndpoint   endpoint,
                                 JsonNode         *root,
                                 GError          **error)
{
  g_autoptr(JsonObject) attrs = NULL;

  g_return_val_if_fail (CARPORT_IS_VEHICLE (vehicle), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Models whose charge schedule lives in KCM ev/settings (§c.5). */
  if (endpoint == CARPORT_ENDPOINT_CHARGE_SCHEDULE && looks_like_ev_settings (root))
    endpoint = CARPORT_ENDPOINT_EV_SETTINGS;

  if (endpoint == CARPORT_ENDPOINT_EV_SETTINGS || endpoint == CARPORT_ENDPOINT_SOC_LEVELS)
    attrs = kcm_object (root, error);
  else if ((guint) endpoint < CARPORT_N_ENDPOINTS)
    attrs = kca_attributes (root, error);
  else
    {
      g_set_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_FAILED,
                   "Unknown endpoint %d", (int) endpoint);
      return FALSE;
    }

  if (attrs == NULL)
    return FALSE;

  switch (endpoint)
    {
    case CARPORT_ENDPOINT_BATTERY_STATUS:
      parse_battery_status (vehicle, attrs);
      break;
    case CARPORT_ENDPOINT_COCKPIT:
      parse_cockpit (vehicle, attrs);
      break;
    case CARPORT_ENDPOINT_LOCATION:
      parse_location (vehicle, attrs);
      break;
    case CARPORT_ENDPOINT_HVAC_STATUS:
      parse_hvac_status (vehicle, attrs);
      break;
    case CARPORT_ENDPOINT_HVAC_SETTINGS:
      parse_hvac_settings (vehicle, attrs);
      break;
    case CARPORT_ENDPOINT_CHARGE_MODE:
      parse_charge_mode (vehicle, attrs);
      break;
    case CARPORT_ENDPOINT_CHARGING_SETTINGS:
      parse_charging_settings (vehicle, attrs);
      break;
    case CARPORT_ENDPOINT_CHARGE_SCHEDULE:
      parse_charge_schedule (vehicle, attrs);
      break;
    case CARPORT_ENDPOINT_EV_SETTINGS:
      parse_ev_settings (vehicle, attrs);
      break;
    case CARPORT_ENDPOINT_SOC_LEVELS:
      parse_soc_levels (vehicle, attrs);
      break;
    case CARPORT_ENDPOINT_LOCK_STATUS:
      parse_lock_status (vehicle, attrs);
      break;
    case CARPORT_ENDPOINT_RES_STATE:
      /* Remote engine start state: no model field for it (yet). */
      break;
    case CARPORT_ENDPOINT_PRESSURE:
      parse_pressure (vehicle, attrs);
      break;
    case CARPORT_N_ENDPOINTS:
    default:
      g_assert_not_reached ();
    }

  return TRUE;
}
