/* carport-kamereon-json.c — the Kamereon car-adapter's read bodies, shared
 * by every brand, into the model.
 *
 * Everything here follows docs/api-renault.md (§c.3) and the normalisation
 * rules of docs/cli-json.md; answers and errors are carport-kamereon-response.c's. Every field is optional; a value
 * of the wrong type or outside its plausible bounds is treated as missing, and
 * what is missing keeps its last good value (carport_state_merge()).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#define G_LOG_DOMAIN "carport-api"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>
#include <libsoup/soup.h>

#include "carport-json.h"
#include "carport-kamereon-json.h"
#include "carport-renault-models.h"

const char * const carport_kamereon_day_names[CARPORT_N_WEEKDAYS] = {
  "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
};

const char * const carport_kamereon_program_day_flags[CARPORT_N_WEEKDAYS] = {
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
 * group of days that share a time and a duration (api-renault.md §c.3). A schedule without
 * any day still gives one entry, so that its id and state are known. */
static GPtrArray *
parse_kca_schedules (JsonArray *array,
                     gboolean   climate)
{
  GPtrArray *result = g_ptr_array_new_with_free_func (g_object_unref);
  CarportScheduleKind kind = climate ? CARPORT_SCHEDULE_KIND_CLIMATE : CARPORT_SCHEDULE_KIND_CHARGE;

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
          JsonObject *slot = carport_json_get_object (object, carport_kamereon_day_names[day]);
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

/* The ZE40-era calendar (api-renault.md §c.3 charge-schedule): slots per day, grouped over
 * days by start time, duration and activation; times are UTC. */
static GPtrArray *
parse_calendar (JsonObject *calendar)
{
  GPtrArray *result = g_ptr_array_new_with_free_func (g_object_unref);
  DayGroup groups[32] = { { 0, } };
  guint n_groups = 0;

  for (guint day = 0; day < CARPORT_N_WEEKDAYS; day++)
    {
      JsonArray *slots = carport_json_get_array (calendar, carport_kamereon_day_names[day]);

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

          if (carport_json_get_bool (program, carport_kamereon_program_day_flags[day], &on) && on)
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
no_usable_value (GError **error)
{
  carport_api_set_error (error, CARPORT_API_ERROR_INVALID_RESPONSE, _("the answer holds no usable value"));
  return FALSE;
}

gboolean
carport_kamereon_merge_update (gpointer   state,
                               gpointer   update,
                               GError   **error)
{
  return carport_state_merge (CARPORT_STATE (state), CARPORT_STATE (update)) || no_usable_value (error);
}

static void
read_battery_status (CarportVehicle *vehicle,
                     JsonObject     *attrs,
                     CarportState   *state)
{
  CarportBattery *update = CARPORT_BATTERY (state);
  g_autoptr(GDateTime) updated = carport_json_get_time (attrs, "timestamp");
  g_autoptr(GDateTime) remaining_updated = NULL;
  gboolean plug_known;
  double number;
  int value, plug = 0;

  if (carport_json_get_int_in (attrs, "batteryLevel", 0, 100, &value))
    carport_battery_set_level_percent (update, value);

  if (carport_json_get_number_in (attrs, "batteryAutonomy", 0, CARPORT_KAMEREON_MAX_RANGE_KM, &number))
    carport_battery_set_range_km (update, number);

  if (carport_json_get_number_in (attrs, "batteryTemperature",
                                  CARPORT_KAMEREON_MIN_BATTERY_C, CARPORT_KAMEREON_MAX_BATTERY_C, &number))
    carport_battery_set_temperature_c (update, number);

  /* 0 kWh means "not reported" (cli-json.md). */
  if (carport_json_get_number_in (attrs, "batteryAvailableEnergy", 0, CARPORT_KAMEREON_MAX_ENERGY_KWH, &number) &&
      number > 0)
    carport_battery_set_available_energy_kwh (update, number);

  plug_known = carport_json_get_int (attrs, "plugStatus", &plug);
  if (plug_known)
    carport_battery_set_plug (update, plug_state_from_value (plug));

  if (carport_json_get_number_in (attrs, "chargingStatus",
                                  -CARPORT_KAMEREON_MAX_STATUS_CODE, CARPORT_KAMEREON_MAX_STATUS_CODE, &number))
    carport_battery_set_charging (update, charging_state_from_value (number, plug_known, plug));

  if (carport_json_get_number (attrs, "chargingInstantaneousPower", &number))
    {
      if (carport_renault_model_reports_watts (carport_vehicle_get_model_code (vehicle)))
        number /= 1000.0;
      if (fabs (number) <= CARPORT_KAMEREON_MAX_POWER_KW)
        carport_battery_set_charging_power_kw (update, number);
    }

  if (carport_json_get_int_in (attrs, "chargingRemainingTime", 0, CARPORT_KAMEREON_MAX_REMAINING_MINUTES, &value))
    carport_battery_set_remaining_minutes (update, value);
  remaining_updated = carport_json_get_time (attrs, "chargingRemainingTimeLastUpdateDateTime");
  carport_battery_set_remaining_updated (update, remaining_updated);

  /* Renault's cloud sends 0 ("always 0", api-renault.md §c.3): not reported. */
  if (carport_json_get_number_in (attrs, "batteryCapacity", 0, CARPORT_KAMEREON_MAX_ENERGY_KWH, &number) &&
      number > 0)
    carport_battery_set_capacity_kwh (update, number);

  carport_state_set_updated (CARPORT_STATE (update), updated);
}

/* A fuel amount; EVs report 0 for the fuel fields, which means "none". */
static gboolean
get_fuel_amount (JsonObject *attrs,
                 const char *name,
                 double      max,
                 gboolean    electric,
                 double     *out)
{
  return carport_json_get_number_in (attrs, name, 0, max, out) && !(electric && *out == 0);
}

static void
read_cockpit (CarportVehicle *vehicle,
              JsonObject     *attrs,
              CarportState   *state)
{
  CarportCockpit *update = CARPORT_COCKPIT (state);
  g_autoptr(GDateTime) updated = carport_json_get_time (attrs, "timestamp");
  gboolean electric = carport_vehicle_get_energy (vehicle) == CARPORT_ENERGY_ELECTRIC;
  double number;

  if (carport_json_get_number_in (attrs, "totalMileage", 0, CARPORT_KAMEREON_MAX_MILEAGE_KM, &number))
    carport_cockpit_set_mileage_km (update, number);
  if (get_fuel_amount (attrs, "fuelAutonomy", CARPORT_KAMEREON_MAX_RANGE_KM, electric, &number))
    carport_cockpit_set_fuel_range_km (update, number);
  if (get_fuel_amount (attrs, "fuelQuantity", CARPORT_KAMEREON_MAX_FUEL_LITRES, electric, &number))
    carport_cockpit_set_fuel_litres (update, number);
  carport_state_set_updated (CARPORT_STATE (update), updated);
}

static void
read_location (CarportVehicle *vehicle,
               JsonObject     *attrs,
               CarportState   *state)
{
  CarportLocation *update = CARPORT_LOCATION (state);
  g_autoptr(GDateTime) updated = carport_json_get_time (attrs, "lastUpdateTime");
  double latitude, longitude;

  /* A position is both coordinates or none. */
  if (carport_json_get_number_in (attrs, "gpsLatitude", -90, 90, &latitude) &&
      carport_json_get_number_in (attrs, "gpsLongitude", -180, 180, &longitude))
    {
      carport_location_set_latitude (update, latitude);
      carport_location_set_longitude (update, longitude);
    }
  carport_state_set_updated (CARPORT_STATE (update), updated);
}

static void
read_hvac_status (CarportVehicle *vehicle,
                  JsonObject     *attrs,
                  CarportState   *state)
{
  CarportClimate *update = CARPORT_CLIMATE (state);
  g_autoptr(GDateTime) next_start = carport_json_get_time (attrs, "nextHvacStartDate");
  g_autoptr(GDateTime) updated = carport_json_get_time (attrs, "lastUpdateTime");
  const char *status = carport_json_get_string (attrs, "hvacStatus");
  double number;

  if (status != NULL && g_ascii_strcasecmp (status, "on") == 0)
    carport_climate_set_state (update, CARPORT_CLIMATE_STATE_ON);
  else if (status != NULL && g_ascii_strcasecmp (status, "off") == 0)
    carport_climate_set_state (update, CARPORT_CLIMATE_STATE_OFF);

  if (carport_json_get_number_in (attrs, "externalTemperature",
                                  CARPORT_KAMEREON_MIN_AIR_C, CARPORT_KAMEREON_MAX_AIR_C, &number))
    carport_climate_set_outside_c (update, number);
  if (carport_json_get_number_in (attrs, "internalTemperature",
                                  CARPORT_KAMEREON_MIN_AIR_C, CARPORT_KAMEREON_MAX_AIR_C, &number))
    carport_climate_set_inside_c (update, number);
  if (carport_json_get_number_in (attrs, "socThreshold", 0, 100, &number))
    carport_climate_set_soc_threshold_percent (update, number);
  /* Nissan only (api-nissan.md §4): the target of the climate on or planned. */
  if (carport_json_get_number_in (attrs, "nextTargetTemperature",
                                  CARPORT_KAMEREON_MIN_AIR_C, CARPORT_KAMEREON_MAX_AIR_C, &number))
    carport_climate_set_target_c (update, number);

  carport_climate_set_next_start (update, next_start);
  carport_state_set_updated (CARPORT_STATE (update), updated);
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
read_lock_status (CarportVehicle *vehicle,
                  JsonObject     *attrs,
                  CarportState   *state)
{
  CarportLocks *update = CARPORT_LOCKS (state);
  g_autoptr(GDateTime) updated = carport_json_get_time (attrs, "lastUpdateTime");
  const char *status = carport_json_get_string (attrs, "lockStatus");

  if (status != NULL && g_ascii_strcasecmp (status, "locked") == 0)
    carport_locks_set_state (update, CARPORT_LOCK_STATE_LOCKED);
  else if (status != NULL && g_ascii_strcasecmp (status, "unlocked") == 0)
    carport_locks_set_state (update, CARPORT_LOCK_STATE_UNLOCKED);

  /* Nissan also names the front doors by side (api-nissan.md §3.2). */
  carport_locks_set_driver (update, opening_state_from_string (first_string (attrs, "doorStatusDriver",
                                                                             "doorStatusFrontLeft")));
  carport_locks_set_passenger (update, opening_state_from_string (first_string (attrs, "doorStatusPassenger",
                                                                                "doorStatusFrontRight")));
  carport_locks_set_rear_left (update, opening_state_from_string (carport_json_get_string (attrs, "doorStatusRearLeft")));
  carport_locks_set_rear_right (update, opening_state_from_string (carport_json_get_string (attrs, "doorStatusRearRight")));
  carport_locks_set_hatch (update, opening_state_from_string (carport_json_get_string (attrs, "hatchStatus")));
  carport_state_set_updated (CARPORT_STATE (update), updated);
}

/* mbar → bar; 0 or less means the sensor did not report. */
static double
pressure_bar (JsonObject *attrs,
              const char *name)
{
  double mbar;

  if (!carport_json_get_number_in (attrs, name, 0, CARPORT_KAMEREON_MAX_PRESSURE_MBAR, &mbar) || mbar == 0)
    return CARPORT_UNKNOWN_DOUBLE;

  return mbar / 1000.0;
}

static void
read_pressure (CarportVehicle *vehicle,
               JsonObject     *attrs,
               CarportState   *state)
{
  CarportTyres *update = CARPORT_TYRES (state);
  g_autoptr(GDateTime) updated = carport_json_get_time (attrs, "lastUpdateTime");

  if (updated == NULL)
    updated = carport_json_get_time (attrs, "timestamp");

  carport_tyres_set_front_left_bar (update, pressure_bar (attrs, "flPressure"));
  carport_tyres_set_front_right_bar (update, pressure_bar (attrs, "frPressure"));
  carport_tyres_set_rear_left_bar (update, pressure_bar (attrs, "rlPressure"));
  carport_tyres_set_rear_right_bar (update, pressure_bar (attrs, "rrPressure"));
  for (CarportTyre tyre = 0; tyre < CARPORT_N_TYRES; tyre++)
    {
      static const char * const names[CARPORT_N_TYRES] = { "flStatus", "frStatus", "rlStatus", "rrStatus" };
      int status;

      if (carport_json_get_int (attrs, names[tyre], &status))
        carport_tyres_set_status (update, tyre, status == 0 ? CARPORT_TYRE_STATUS_OK : CARPORT_TYRE_STATUS_WARNING);
    }
  carport_state_set_updated (CARPORT_STATE (update), updated);
}

/* A short text the maker sends: NULL when absent, empty or too long to be one. */
static const char *
short_text (JsonObject *attrs,
            const char *name)
{
  const char *text = carport_json_get_string (attrs, name);

  return text != NULL && *text != '\0' && strlen (text) <= 200 ? text : NULL;
}

/* The car-adapter root (api-renault.md §b.5): the gateway and the CAN generation. */
static void
read_car_adapter (CarportVehicle *vehicle,
                  JsonObject     *attrs,
                  CarportState   *state)
{
  CarportServices *update = CARPORT_SERVICES (state);

  carport_services_set_car_gateway (update, short_text (attrs, "carGateway"));
  carport_services_set_can_generation (update, short_text (attrs, "canGeneration"));
}

/* res-state: the remote engine start's state, a code and the maker's words for it. */
static void
read_res_state (CarportVehicle *vehicle,
                JsonObject     *attrs,
                CarportState   *state)
{
  CarportServices *update = CARPORT_SERVICES (state);

  carport_services_set_remote_start_code (update, short_text (attrs, "code"));
  carport_services_set_remote_start_details (update, short_text (attrs, "details"));
}

typedef void (*StateReader) (CarportVehicle *vehicle,
                             JsonObject     *attrs,
                             CarportState   *update);

/* The endpoints that fill one state object as a whole, and their readers. */
static const struct {
  CarportEndpoint endpoint;
  StateReader     read;
} state_readers[] = {
  { CARPORT_ENDPOINT_BATTERY_STATUS, read_battery_status },
  { CARPORT_ENDPOINT_COCKPIT, read_cockpit },
  { CARPORT_ENDPOINT_LOCATION, read_location },
  { CARPORT_ENDPOINT_HVAC_STATUS, read_hvac_status },
  { CARPORT_ENDPOINT_LOCK_STATUS, read_lock_status },
  { CARPORT_ENDPOINT_PRESSURE, read_pressure },
  { CARPORT_ENDPOINT_CAR_ADAPTER, read_car_adapter },
  { CARPORT_ENDPOINT_RES_STATE, read_res_state },
};

/* The state object of @vehicle that @endpoint fills as a whole, or NULL. */
static CarportState *
endpoint_state (CarportVehicle  *vehicle,
                CarportEndpoint  endpoint)
{
  switch (endpoint)
    {
    case CARPORT_ENDPOINT_BATTERY_STATUS:
      return CARPORT_STATE (carport_vehicle_get_battery (vehicle));
    case CARPORT_ENDPOINT_COCKPIT:
      return CARPORT_STATE (carport_vehicle_get_cockpit (vehicle));
    case CARPORT_ENDPOINT_LOCATION:
      return CARPORT_STATE (carport_vehicle_get_location (vehicle));
    case CARPORT_ENDPOINT_HVAC_STATUS:
      return CARPORT_STATE (carport_vehicle_get_climate (vehicle));
    case CARPORT_ENDPOINT_LOCK_STATUS:
      return CARPORT_STATE (carport_vehicle_get_locks (vehicle));
    case CARPORT_ENDPOINT_PRESSURE:
      return CARPORT_STATE (carport_vehicle_get_tyres (vehicle));
    case CARPORT_ENDPOINT_CAR_ADAPTER:
    case CARPORT_ENDPOINT_RES_STATE:
      return CARPORT_STATE (carport_vehicle_get_services (vehicle));
    default:
      /* The charge settings' endpoints, notification-settings, trip-history,
       * contracts and alerts. */
      return NULL;
    }
}

void
carport_kamereon_read_state (CarportVehicle  *vehicle,
                             CarportEndpoint  endpoint,
                             JsonObject      *attrs,
                             CarportState    *update)
{
  g_return_if_fail (CARPORT_IS_VEHICLE (vehicle));
  g_return_if_fail (CARPORT_IS_STATE (update));

  for (gsize i = 0; i < G_N_ELEMENTS (state_readers); i++)
    if (state_readers[i].endpoint == endpoint)
      {
        state_readers[i].read (vehicle, attrs, update);
        return;
      }
  g_return_if_reached ();
}

/* The charge settings object is shared by several endpoints, and its
 * programmes are lists: each endpoint only touches what it reports validly
 * (a mode it knows, a list of programmes), "updated" only moves when a time
 * is given, and an answer with none of its values changes nothing. */
static gboolean
apply_charge_settings (CarportVehicle         *vehicle,
                       CarportChargeSettings  *update,
                       gboolean                climate,
                       GPtrArray              *schedules,
                       GError                **error)
{
  CarportChargeSettings *settings = carport_vehicle_get_charge_settings (vehicle);

  g_object_freeze_notify (G_OBJECT (settings));
  if (!carport_state_merge (CARPORT_STATE (settings), CARPORT_STATE (update)) && schedules == NULL)
    {
      g_object_thaw_notify (G_OBJECT (settings));
      return no_usable_value (error);
    }
  if (schedules != NULL)
    {
      GDateTime *updated = carport_state_get_updated (CARPORT_STATE (update));

      carport_charge_settings_set_schedules (settings, climate, schedules);
      if (updated != NULL)
        carport_state_set_updated (CARPORT_STATE (settings), updated);
    }
  g_object_thaw_notify (G_OBJECT (settings));
  return TRUE;
}

/* The KCA programmes of @attrs, or NULL when it has no "schedules" list. */
static GPtrArray *
kca_schedules_of (JsonObject *attrs,
                  gboolean    climate)
{
  JsonArray *array = carport_json_get_array (attrs, "schedules");

  return array != NULL ? parse_kca_schedules (array, climate) : NULL;
}

static gboolean
parse_charge_mode (CarportVehicle  *vehicle,
                   JsonObject      *attrs,
                   GError         **error)
{
  g_autoptr(CarportChargeSettings) update = carport_charge_settings_new ();

  carport_charge_settings_set_mode (update, charge_mode_from_string (carport_json_get_string (attrs, "chargeMode")));
  return apply_charge_settings (vehicle, update, FALSE, NULL, error);
}

static gboolean
parse_charging_settings (CarportVehicle  *vehicle,
                         JsonObject      *attrs,
                         GError         **error)
{
  g_autoptr(CarportChargeSettings) update = carport_charge_settings_new ();
  g_autoptr(GPtrArray) schedules = kca_schedules_of (attrs, FALSE);
  g_autoptr(GDateTime) updated = carport_json_get_time (attrs, "dateTime");
  g_autoptr(GDateTime) delayed_start = carport_json_get_time (attrs, "startDateTime");
  CarportChargeMode mode = charge_mode_from_string (carport_json_get_string (attrs, "mode"));

  carport_charge_settings_set_mode (update, mode);
  /* Meaningful in delayed mode only (§c.3). */
  if (mode == CARPORT_CHARGE_MODE_DELAYED)
    carport_charge_settings_set_delayed_start (update, delayed_start);
  carport_state_set_updated (CARPORT_STATE (update), updated);
  return apply_charge_settings (vehicle, update, FALSE, schedules, error);
}

static gboolean
parse_hvac_settings (CarportVehicle  *vehicle,
                     JsonObject      *attrs,
                     GError         **error)
{
  g_autoptr(CarportChargeSettings) update = carport_charge_settings_new ();
  g_autoptr(GPtrArray) schedules = kca_schedules_of (attrs, TRUE);

  carport_charge_settings_set_climate_mode (update, short_text (attrs, "mode"));
  return apply_charge_settings (vehicle, update, TRUE, schedules, error);
}

static gboolean
parse_charge_schedule (CarportVehicle  *vehicle,
                       JsonObject      *attrs,
                       GError         **error)
{
  g_autoptr(CarportChargeSettings) update = carport_charge_settings_new ();
  JsonObject *calendar = carport_json_get_object (attrs, "calendar");
  g_autoptr(GPtrArray) schedules = calendar != NULL ? parse_calendar (calendar) : NULL;

  return apply_charge_settings (vehicle, update, FALSE, schedules, error);
}

/* A boolean member as a toggle: NONE when absent or not a boolean. */
static CarportToggle
toggle_of (JsonObject *object,
           const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return CARPORT_TOGGLE_NONE;
  return json_node_get_boolean (node) ? CARPORT_TOGGLE_ON : CARPORT_TOGGLE_OFF;
}

/* KCM ev/settings' plain values (api-renault.md §c.3): the delayed charge's
 * start and length, the preconditioning's temperature and comfort options. */
static void
read_ev_settings_values (JsonObject            *object,
                         CarportChargeSettings *update)
{
  const char *start = carport_json_get_string (object, "chargeTimeStart");
  int hour, minute, duration;
  double temperature;
  char end;

  if (start != NULL && sscanf (start, "%2d:%2d%c", &hour, &minute, &end) == 2 &&
      hour >= 0 && hour < 24 && minute >= 0 && minute < 60)
    {
      g_autofree char *text = g_strdup_printf ("%02d:%02d", hour, minute);

      carport_charge_settings_set_charge_time_start (update, text);
    }
  /* The unit is not documented; renault-api's CLI says minutes. A week at most. */
  if (carport_json_get_int_in (object, "chargeDuration", 0, 7 * 24 * 60, &duration))
    carport_charge_settings_set_charge_duration_minutes (update, duration);
  if (carport_json_get_number_in (object, "preconditioningTemperature",
                                  CARPORT_KAMEREON_MIN_AIR_C, CARPORT_KAMEREON_MAX_AIR_C, &temperature))
    carport_charge_settings_set_preconditioning_temperature_c (update, temperature);
  carport_charge_settings_set_heated_steering_wheel (update, toggle_of (object, "preconditioningHeatedStrgWheel"));
  carport_charge_settings_set_heated_left_seat (update, toggle_of (object, "preconditioningHeatedLeftSeat"));
  carport_charge_settings_set_heated_right_seat (update, toggle_of (object, "preconditioningHeatedRightSeat"));
}

static gboolean
parse_ev_settings (CarportVehicle  *vehicle,
                   JsonObject      *object,
                   GError         **error)
{
  CarportChargeSettings *settings = carport_vehicle_get_charge_settings (vehicle);
  g_autoptr(CarportChargeSettings) update = carport_charge_settings_new ();
  JsonArray *array = carport_json_get_array (object, "programs");
  g_autoptr(GPtrArray) programs = NULL;
  g_autoptr(GPtrArray) charge = NULL;
  g_autoptr(GPtrArray) climate = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GDateTime) updated = carport_json_get_time (object, "lastSettingsUpdateTimestamp");
  gboolean applied;

  carport_charge_settings_set_mode (update, charge_mode_from_string (carport_json_get_string (object, "chargeModeRq")));
  carport_state_set_updated (CARPORT_STATE (update), updated);
  read_ev_settings_values (object, update);

  if (array != NULL)
    {
      programs = parse_programs (array);
      charge = g_ptr_array_new_with_free_func (g_object_unref);
      for (guint i = 0; i < programs->len; i++)
        {
          CarportSchedule *schedule = g_ptr_array_index (programs, i);

          if (carport_schedule_get_kind (schedule) == CARPORT_SCHEDULE_KIND_CLIMATE)
            g_ptr_array_add (climate, g_object_ref (schedule));
          else
            g_ptr_array_add (charge, g_object_ref (schedule));
        }
    }

  g_object_freeze_notify (G_OBJECT (settings));
  applied = apply_charge_settings (vehicle, update, FALSE, charge, error);
  /* Every car with ev/settings also has hvac-settings, which owns the
   * climate programmes: only preconditioning programmes replace them. */
  if (applied && climate->len > 0)
    carport_charge_settings_set_schedules (settings, TRUE, climate);
  g_object_thaw_notify (G_OBJECT (settings));

  return applied;
}

static gboolean
parse_soc_levels (CarportVehicle  *vehicle,
                  JsonObject      *object,
                  GError         **error)
{
  g_autoptr(CarportChargeSettings) update = carport_charge_settings_new ();
  g_autoptr(GDateTime) updated = carport_json_get_time (object, "lastEnergyUpdateTimestamp");
  int value;

  if (carport_json_get_int_in (object, "socMin", 0, 100, &value))
    carport_charge_settings_set_soc_min_percent (update, value);
  if (carport_json_get_int_in (object, "socTarget", 0, 100, &value))
    carport_charge_settings_set_soc_target_percent (update, value);
  carport_state_set_updated (CARPORT_STATE (update), updated);

  return apply_charge_settings (vehicle, update, FALSE, NULL, error);
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
  CarportState *state;

  g_return_val_if_fail (CARPORT_IS_VEHICLE (vehicle), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Models whose charge schedule lives in KCM ev/settings (api-renault.md §c.5). */
  if (endpoint == CARPORT_ENDPOINT_CHARGE_SCHEDULE && looks_like_ev_settings (root))
    endpoint = CARPORT_ENDPOINT_EV_SETTINGS;

  if (endpoint == CARPORT_ENDPOINT_EV_SETTINGS || endpoint == CARPORT_ENDPOINT_SOC_LEVELS)
    attrs = kcm_object (root, error);
  else if (endpoint == CARPORT_ENDPOINT_CONTRACTS || endpoint == CARPORT_ENDPOINT_ALERTS)
    {
      /* Not the car adapter's: the brand reads them (carport-renault-services.c). */
      g_set_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_FAILED,
                   "%s is not a car-adapter endpoint", carport_enum_to_nick (CARPORT_TYPE_ENDPOINT, endpoint));
      return FALSE;
    }
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

  /* An answer that reports nothing at all ("data" without attributes, seen
   * in the wild) is no fault: nothing changes. */
  if (json_object_get_size (attrs) == 0)
    return TRUE;

  state = endpoint_state (vehicle, endpoint);
  if (state != NULL)
    {
      g_autoptr(CarportState) update = g_object_new (G_OBJECT_TYPE (state), NULL);

      carport_kamereon_read_state (vehicle, endpoint, attrs, update);
      return carport_kamereon_merge_update (state, update, error);
    }

  switch (endpoint)
    {
    case CARPORT_ENDPOINT_HVAC_SETTINGS:
      return parse_hvac_settings (vehicle, attrs, error);
    case CARPORT_ENDPOINT_CHARGE_MODE:
      return parse_charge_mode (vehicle, attrs, error);
    case CARPORT_ENDPOINT_CHARGING_SETTINGS:
      return parse_charging_settings (vehicle, attrs, error);
    case CARPORT_ENDPOINT_CHARGE_SCHEDULE:
      return parse_charge_schedule (vehicle, attrs, error);
    case CARPORT_ENDPOINT_EV_SETTINGS:
      return parse_ev_settings (vehicle, attrs, error);
    case CARPORT_ENDPOINT_SOC_LEVELS:
      return parse_soc_levels (vehicle, attrs, error);
    case CARPORT_ENDPOINT_NOTIFICATION_SETTINGS:
      /* Its only sample has empty attributes (api-renault.md §c.3): what a
       * car reports there is not known, so nothing of it is kept. */
      return TRUE;
    default:
      /* The state objects' endpoints are read above; trip-history is Nissan's. */
      g_assert_not_reached ();
    }
}
char *
carport_kamereon_jsonapi_body (const char *type,
                               JsonObject *attributes)
{
  g_autoptr(JsonObject) data = json_object_new ();
  g_autoptr(JsonObject) envelope = json_object_new ();
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);

  json_object_set_string_member (data, "type", type);
  if (attributes != NULL)
    json_object_set_object_member (data, "attributes", json_object_ref (attributes));
  json_object_set_object_member (envelope, "data", json_object_ref (data));
  json_node_set_object (root, envelope);

  return json_to_string (root, FALSE);
}

char *
carport_kamereon_action_body (const char *type,
                              const char *action)
{
  g_autoptr(JsonObject) attributes = NULL;

  if (action != NULL)
    {
      attributes = json_object_new ();
      json_object_set_string_member (attributes, "action", action);
    }
  return carport_kamereon_jsonapi_body (type, attributes);
}
