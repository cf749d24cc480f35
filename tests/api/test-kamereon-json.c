/* test-kamereon-json.c — the shared car-adapter and commerce parsers
 * (the answers' checking is in test-kamereon-response.c).
 *
 * The fixtures in fixtures/ are written from docs/api-renault.md.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "api-test-util.h"
#include "carport-json.h"
#include "carport-kamereon-json.h"
#include "carport-renault-json.h"
#include "carport-renault-models.h"

static void
assert_unknown (double value)
{
  g_assert_true (isnan (value));
}

static CarportSchedule *
schedule_at (GListModel *model,
             guint       position)
{
  CarportSchedule *schedule = g_list_model_get_item (model, position);

  g_assert_nonnull (schedule);
  /* The model keeps a reference: return a borrowed pointer. */
  g_object_unref (schedule);
  return schedule;
}

static void
assert_schedule (CarportSchedule     *schedule,
                 int                  id,
                 CarportScheduleKind  kind,
                 gboolean             activated,
                 guint                days,
                 const char          *start,
                 gboolean             utc,
                 int                  duration)
{
  g_assert_cmpint (carport_schedule_get_id (schedule), ==, id);
  g_assert_cmpint (carport_schedule_get_kind (schedule), ==, kind);
  g_assert_cmpint (carport_schedule_get_activated (schedule), ==, activated);
  g_assert_cmpuint (carport_schedule_get_days (schedule), ==, days);
  g_assert_cmpstr (carport_schedule_get_start_time (schedule), ==, start);
  if (start != NULL)
    g_assert_cmpint (carport_schedule_get_start_time_is_utc (schedule), ==, utc);
  g_assert_cmpint (carport_schedule_get_duration_minutes (schedule), ==, duration);
}

#define DAY(d) (1u << CARPORT_WEEKDAY_ ## d)
#define WEEKDAYS (DAY (MONDAY) | DAY (TUESDAY) | DAY (WEDNESDAY) | DAY (THURSDAY) | DAY (FRIDAY))

/* ------------------------------------------------------------------------ */
/* battery-status                                                            */

static void
test_battery_zoe_ph1_unplugged (void)
{
  g_autoptr(CarportVehicle) vehicle = vehicle_new ("X101VE", CARPORT_ENERGY_ELECTRIC);
  CarportBattery *battery = carport_vehicle_get_battery (vehicle);

  parse_endpoint_fixture (vehicle, CARPORT_ENDPOINT_BATTERY_STATUS,
                          "battery-status.zoe-ph1-unplugged.json");

  g_assert_cmpint (carport_battery_get_level_percent (battery), ==, 42);
  g_assert_cmpfloat (carport_battery_get_range_km (battery), ==, 97);
  assert_unknown (carport_battery_get_temperature_c (battery));
  /* 0 kWh means unknown. */
  assert_unknown (carport_battery_get_available_energy_kwh (battery));
  g_assert_cmpint (carport_battery_get_plug (battery), ==, CARPORT_PLUG_STATE_UNPLUGGED);
  /* −1.0 with plugStatus 0 is "not charging" on a ZE40. */
  g_assert_cmpint (carport_battery_get_charging (battery), ==, CARPORT_CHARGING_STATE_NOT_CHARGING);
  assert_unknown (carport_battery_get_charging_power_kw (battery));
  g_assert_cmpint (carport_battery_get_remaining_minutes (battery), ==, -1);
  /* +02:00 offset, normalised to UTC. */
  assert_time (carport_state_get_updated (CARPORT_STATE (battery)), "2023-05-04T05:08:09Z");
}

static void
test_battery_charging_watts (void)
{
  g_autoptr(CarportVehicle) zoe = vehicle_new ("X101VE", CARPORT_ENERGY_ELECTRIC);
  g_autoptr(CarportVehicle) zoe2 = vehicle_new ("X102VE", CARPORT_ENERGY_ELECTRIC);
  CarportBattery *battery = carport_vehicle_get_battery (zoe);

  parse_endpoint_fixture (zoe, CARPORT_ENDPOINT_BATTERY_STATUS, "battery-status.charging.json");
  g_assert_cmpint (carport_battery_get_level_percent (battery), ==, 67);
  g_assert_cmpfloat (carport_battery_get_temperature_c (battery), ==, 17);
  g_assert_cmpfloat (carport_battery_get_range_km (battery), ==, 180);
  g_assert_cmpfloat (carport_battery_get_available_energy_kwh (battery), ==, 22);
  g_assert_cmpint (carport_battery_get_plug (battery), ==, CARPORT_PLUG_STATE_PLUGGED);
  g_assert_cmpint (carport_battery_get_charging (battery), ==, CARPORT_CHARGING_STATE_CHARGING);
  g_assert_cmpint (carport_battery_get_remaining_minutes (battery), ==, 95);
  /* ZOE phase 1 reports watts. */
  g_assert_cmpfloat_with_epsilon (carport_battery_get_charging_power_kw (battery), 6.6, 1e-9);
  assert_time (carport_state_get_updated (CARPORT_STATE (battery)), "2023-06-01T22:15:00Z");

  /* Other models report kW as they are: 6600 kW is no charging power. */
  parse_endpoint_fixture (zoe2, CARPORT_ENDPOINT_BATTERY_STATUS, "battery-status.charging.json");
  assert_unknown (carport_battery_get_charging_power_kw (carport_vehicle_get_battery (zoe2)));
}

static void
test_battery_quirks (void)
{
  g_autoptr(CarportVehicle) vehicle = vehicle_new ("R5E1VE", CARPORT_ENERGY_ELECTRIC);
  CarportBattery *battery = carport_vehicle_get_battery (vehicle);

  parse_endpoint_fixture (vehicle, CARPORT_ENDPOINT_BATTERY_STATUS, "battery-status.quirks.json");

  /* Numeric strings are numbers. */
  g_assert_cmpint (carport_battery_get_level_percent (battery), ==, 73);
  g_assert_cmpfloat (carport_battery_get_range_km (battery), ==, 210.5);
  g_assert_cmpfloat (carport_battery_get_available_energy_kwh (battery), ==, 18.5);
  g_assert_cmpint (carport_battery_get_plug (battery), ==, CARPORT_PLUG_STATE_PLUGGED);
  g_assert_cmpint (carport_battery_get_charging (battery), ==, CARPORT_CHARGING_STATE_WAITING_PLANNED);
  /* Wrong types, null and bad dates are missing. */
  assert_unknown (carport_battery_get_temperature_c (battery));
  g_assert_cmpint (carport_battery_get_remaining_minutes (battery), ==, -1);
  assert_unknown (carport_battery_get_charging_power_kw (battery));
  assert_time (carport_state_get_updated (CARPORT_STATE (battery)), NULL);
}

static void
test_battery_v2l (void)
{
  g_autoptr(CarportVehicle) vehicle = vehicle_new ("R5E1VE", CARPORT_ENERGY_ELECTRIC);
  CarportBattery *battery = carport_vehicle_get_battery (vehicle);

  parse_endpoint_fixture (vehicle, CARPORT_ENDPOINT_BATTERY_STATUS, "battery-status.v2l.json");
  g_assert_cmpint (carport_battery_get_level_percent (battery), ==, 81);
  g_assert_cmpint (carport_battery_get_plug (battery), ==, CARPORT_PLUG_STATE_UNKNOWN);
  g_assert_cmpint (carport_battery_get_charging (battery), ==, CARPORT_CHARGING_STATE_V2L_CONNECTED);
  g_assert_cmpint (carport_battery_get_remaining_minutes (battery), ==, 0);
  assert_time (carport_state_get_updated (CARPORT_STATE (battery)), "2025-09-10T11:12:13Z");
}

static void
test_battery_missing_fields (void)
{
  g_autoptr(CarportVehicle) vehicle = vehicle_new (NULL, CARPORT_ENERGY_NONE);
  CarportBattery *battery = carport_vehicle_get_battery (vehicle);

  /* A full report first, then a sparse one: what is missing keeps its
   * last value, the time included. */
  parse_endpoint_fixture (vehicle, CARPORT_ENDPOINT_BATTERY_STATUS, "battery-status.charging.json");
  parse_endpoint_fixture (vehicle, CARPORT_ENDPOINT_BATTERY_STATUS, "battery-status.minimal.json");

  g_assert_cmpint (carport_battery_get_level_percent (battery), ==, 12);
  g_assert_cmpfloat (carport_battery_get_range_km (battery), ==, 180);
  g_assert_cmpfloat (carport_battery_get_temperature_c (battery), ==, 17);
  g_assert_cmpfloat (carport_battery_get_available_energy_kwh (battery), ==, 22);
  assert_unknown (carport_battery_get_charging_power_kw (battery));  /* 6600 “kW” */
  g_assert_cmpint (carport_battery_get_plug (battery), ==, CARPORT_PLUG_STATE_PLUGGED);
  g_assert_cmpint (carport_battery_get_charging (battery), ==, CARPORT_CHARGING_STATE_CHARGING);
  g_assert_cmpint (carport_battery_get_remaining_minutes (battery), ==, 95);
  assert_time (carport_state_get_updated (CARPORT_STATE (battery)), "2023-06-01T22:15:00Z");

  /* "data" without attributes reports nothing: no error, nothing changes. */
  parse_endpoint_fixture (vehicle, CARPORT_ENDPOINT_BATTERY_STATUS, "no-attributes.json");
  g_assert_cmpint (carport_battery_get_level_percent (battery), ==, 12);

  /* Unplugged, not charging, without a power or time to full: the last
   * charge's figures go. */
  parse_endpoint_fixture (vehicle, CARPORT_ENDPOINT_BATTERY_STATUS, "battery-status.zoe-ph1-unplugged.json");
  g_assert_cmpint (carport_battery_get_charging (battery), ==, CARPORT_CHARGING_STATE_NOT_CHARGING);
  assert_unknown (carport_battery_get_charging_power_kw (battery));
  g_assert_cmpint (carport_battery_get_remaining_minutes (battery), ==, -1);
  g_assert_cmpfloat (carport_battery_get_temperature_c (battery), ==, 17);
}

static void
test_battery_charging_codes (void)
{
  static const struct {
    const char *status;
    int plug;
    CarportChargingState expected;
  } cases[] = {
    { "0.0", 1, CARPORT_CHARGING_STATE_NOT_CHARGING },
    { "0", 0, CARPORT_CHARGING_STATE_NOT_CHARGING },
    { "0.1", 1, CARPORT_CHARGING_STATE_WAITING_PLANNED },
    { "0.2", 1, CARPORT_CHARGING_STATE_ENDED },
    { "0.3", 1, CARPORT_CHARGING_STATE_WAITING_CURRENT },
    { "0.30000001", 1, CARPORT_CHARGING_STATE_WAITING_CURRENT },
    { "0.4", 1, CARPORT_CHARGING_STATE_FLAP_OPEN },
    { "1.0", 1, CARPORT_CHARGING_STATE_CHARGING },
    { "1", 1, CARPORT_CHARGING_STATE_CHARGING },
    { "-1.0", 1, CARPORT_CHARGING_STATE_ERROR },
    { "-1.0", 0, CARPORT_CHARGING_STATE_NOT_CHARGING },
    { "-1.1", 1, CARPORT_CHARGING_STATE_UNAVAILABLE },
    { "-1.3", 1, CARPORT_CHARGING_STATE_V2G_WAITING },
    { "-1.4", 1, CARPORT_CHARGING_STATE_V2L_CONNECTED },
    { "-1.5", 1, CARPORT_CHARGING_STATE_V2G_DISCHARGING },
    { "-1.6", 1, CARPORT_CHARGING_STATE_V2G_CHARGING },
    { "0.7", 1, CARPORT_CHARGING_STATE_UNKNOWN },
    { "42", 1, CARPORT_CHARGING_STATE_UNKNOWN },
    { "\"1.0\"", 1, CARPORT_CHARGING_STATE_CHARGING },
    { "\"abc\"", 1, CARPORT_CHARGING_STATE_NONE },
  };
  static const struct {
    const char *plug;
    CarportPlugState expected;
  } plugs[] = {
    { "0", CARPORT_PLUG_STATE_UNPLUGGED },
    { "1", CARPORT_PLUG_STATE_PLUGGED },
    { "1.0", CARPORT_PLUG_STATE_PLUGGED },
    { "-1", CARPORT_PLUG_STATE_ERROR },
    { "-2147483648", CARPORT_PLUG_STATE_UNKNOWN },
    { "3", CARPORT_PLUG_STATE_UNKNOWN },
    { "null", CARPORT_PLUG_STATE_NONE },
    { "[1]", CARPORT_PLUG_STATE_NONE },
    { "1e30", CARPORT_PLUG_STATE_NONE },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(CarportVehicle) vehicle = vehicle_new ("X102VE", CARPORT_ENERGY_ELECTRIC);
      g_autofree char *json = g_strdup_printf ("{\"data\":{\"attributes\":{\"plugStatus\":%d,\"chargingStatus\":%s}}}",
                                               cases[i].plug, cases[i].status);

      parse_endpoint_string (vehicle, CARPORT_ENDPOINT_BATTERY_STATUS, json);
      g_assert_cmpint (carport_battery_get_charging (carport_vehicle_get_battery (vehicle)), ==, cases[i].expected);
    }

  for (gsize i = 0; i < G_N_ELEMENTS (plugs); i++)
    {
      g_autoptr(CarportVehicle) vehicle = vehicle_new ("X102VE", CARPORT_ENERGY_ELECTRIC);
      g_autofree char *json = g_strdup_printf ("{\"data\":{\"attributes\":{\"plugStatus\":%s}}}", plugs[i].plug);

      /* Alone, a plug state that is not one is no usable value. */
      if (plugs[i].expected == CARPORT_PLUG_STATE_NONE)
        parse_endpoint_string_fails (vehicle, CARPORT_ENDPOINT_BATTERY_STATUS, json);
      else
        parse_endpoint_string (vehicle, CARPORT_ENDPOINT_BATTERY_STATUS, json);
      g_assert_cmpint (carport_battery_get_plug (carport_vehicle_get_battery (vehicle)), ==, plugs[i].expected);
    }
}

static void
test_endpoint_bad_shape (void)
{
  static const char * const bodies[] = {
    "{}",
    "{\"data\":[]}",
    "{\"data\":\"x\"}",
    "[1,2]",
    "{\"data\":{\"attributes\":[1]}}",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autoptr(CarportVehicle) vehicle = vehicle_new ("X102VE", CARPORT_ENERGY_ELECTRIC);
      g_autoptr(GBytes) body = bytes_from_string (bodies[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) root = carport_kamereon_parse_response (200, body, &error);

      g_assert_no_error (error);
      g_assert_false (carport_kamereon_parse_endpoint (vehicle, CARPORT_ENDPOINT_COCKPIT, root, &error));
      g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_INVALID_RESPONSE);
    }
}

/* ------------------------------------------------------------------------ */
/* cockpit, location, hvac-status, lock-status, pressure, res-state          */

static void
test_cockpit (void)
{
  g_autoptr(CarportVehicle) fuel = vehicle_new ("XJB1SU", CARPORT_ENERGY_FUEL);
  g_autoptr(CarportVehicle) ev = vehicle_new ("X102VE", CARPORT_ENERGY_ELECTRIC);
  g_autoptr(CarportVehicle) phev = vehicle_new ("XJB1SU", CARPORT_ENERGY_PLUG_IN_HYBRID);
  CarportCockpit *cockpit = carport_vehicle_get_cockpit (fuel);

  parse_endpoint_fixture (fuel, CARPORT_ENDPOINT_COCKPIT, "cockpit.fuel.json");
  g_assert_cmpfloat (carport_cockpit_get_mileage_km (cockpit), ==, 12345.6);
  g_assert_cmpfloat (carport_cockpit_get_fuel_range_km (cockpit), ==, 420);
  g_assert_cmpfloat (carport_cockpit_get_fuel_litres (cockpit), ==, 31.5);
  assert_time (carport_state_get_updated (CARPORT_STATE (cockpit)), "2024-02-03T04:05:06Z");

  /* Fuel fields at 0 on an EV are unknown… */
  cockpit = carport_vehicle_get_cockpit (ev);
  parse_endpoint_fixture (ev, CARPORT_ENDPOINT_COCKPIT, "cockpit.ev.json");
  g_assert_cmpfloat (carport_cockpit_get_mileage_km (cockpit), ==, 877);
  assert_unknown (carport_cockpit_get_fuel_range_km (cockpit));
  assert_unknown (carport_cockpit_get_fuel_litres (cockpit));
  assert_time (carport_state_get_updated (CARPORT_STATE (cockpit)), NULL);

  /* …but a real empty tank elsewhere. */
  cockpit = carport_vehicle_get_cockpit (phev);
  parse_endpoint_fixture (phev, CARPORT_ENDPOINT_COCKPIT, "cockpit.ev.json");
  g_assert_cmpfloat (carport_cockpit_get_fuel_range_km (cockpit), ==, 0);
  g_assert_cmpfloat (carport_cockpit_get_fuel_litres (cockpit), ==, 0);
}

static void
test_location (void)
{
  g_autoptr(CarportVehicle) vehicle = vehicle_new ("X102VE", CARPORT_ENERGY_ELECTRIC);
  CarportLocation *location = carport_vehicle_get_location (vehicle);

  parse_endpoint_fixture (vehicle, CARPORT_ENDPOINT_LOCATION, "location.json");
  g_assert_cmpfloat (carport_location_get_latitude (location), ==, 45.764);
  g_assert_cmpfloat (carport_location_get_longitude (location), ==, 4.8357);
  assert_time (carport_state_get_updated (CARPORT_STATE (location)), "2024-07-14T08:00:00Z");

  /* Out of range, or only one coordinate: no position, so no usable
   * value; the last position stays. */
  parse_endpoint_string_fails (vehicle, CARPORT_ENDPOINT_LOCATION,
                               "{\"data\":{\"attributes\":{\"gpsLatitude\":123.0,\"gpsLongitude\":4.0,"
                               "\"lastUpdateTime\":\"2024-07-15T08:00:00Z\"}}}");
  parse_endpoint_string_fails (vehicle, CARPORT_ENDPOINT_LOCATION,
                               "{\"data\":{\"attributes\":{\"gpsLatitude\":\"48.5\"}}}");
  parse_endpoint_string_fails (vehicle, CARPORT_ENDPOINT_LOCATION,
                               "{\"data\":{\"attributes\":{\"gpsLatitude\":1e30,\"gpsLongitude\":1e30}}}");
  g_assert_cmpfloat (carport_location_get_latitude (location), ==, 45.764);
  g_assert_cmpfloat (carport_location_get_longitude (location), ==, 4.8357);
  assert_time (carport_state_get_updated (CARPORT_STATE (location)), "2024-07-14T08:00:00Z");
}

static void
test_hvac_status (void)
{
  g_autoptr(CarportVehicle) vehicle = vehicle_new ("R5E1VE", CARPORT_ENERGY_ELECTRIC);
  CarportClimate *climate = carport_vehicle_get_climate (vehicle);

  parse_endpoint_fixture (vehicle, CARPORT_ENDPOINT_HVAC_STATUS, "hvac-status.json");
  g_assert_cmpint (carport_climate_get_state (climate), ==, CARPORT_CLIMATE_STATE_ON);
  g_assert_cmpfloat (carport_climate_get_outside_c (climate), ==, 12.5);
  g_assert_cmpfloat (carport_climate_get_inside_c (climate), ==, 19.0);
  g_assert_cmpfloat (carport_climate_get_soc_threshold_percent (climate), ==, 35);
  assert_time (carport_climate_get_next_start (climate), "2024-11-02T06:30:00Z");
  assert_time (carport_state_get_updated (CARPORT_STATE (climate)), "2024-11-01T18:20:00Z");

  parse_endpoint_string (vehicle, CARPORT_ENDPOINT_HVAC_STATUS,
                         "{\"data\":{\"attributes\":{\"hvacStatus\":\"OFF\",\"externalTemperature\":\"-3.5\"}}}");
  g_assert_cmpint (carport_climate_get_state (climate), ==, CARPORT_CLIMATE_STATE_OFF);
  g_assert_cmpfloat (carport_climate_get_outside_c (climate), ==, -3.5);
  /* What the answer left out keeps its value, but for the next start: a
   * state without one says none is set. */
  g_assert_cmpfloat (carport_climate_get_inside_c (climate), ==, 19.0);
  g_assert_cmpfloat (carport_climate_get_soc_threshold_percent (climate), ==, 35);
  assert_time (carport_climate_get_next_start (climate), NULL);

  /* A state of an unknown name, a next start that is no time: no usable value. */
  parse_endpoint_string_fails (vehicle, CARPORT_ENDPOINT_HVAC_STATUS,
                               "{\"data\":{\"attributes\":{\"hvacStatus\":\"pending\"}}}");
  parse_endpoint_string_fails (vehicle, CARPORT_ENDPOINT_HVAC_STATUS,
                               "{\"data\":{\"attributes\":{\"nextHvacStartDate\":\"soon\"}}}");
  g_assert_cmpint (carport_climate_get_state (climate), ==, CARPORT_CLIMATE_STATE_OFF);
}

static void
test_lock_status (void)
{
  g_autoptr(CarportVehicle) vehicle = vehicle_new ("X102VE", CARPORT_ENERGY_ELECTRIC);
  CarportLocks *locks = carport_vehicle_get_locks (vehicle);

  parse_endpoint_fixture (vehicle, CARPORT_ENDPOINT_LOCK_STATUS, "lock-status.json");
  g_assert_cmpint (carport_locks_get_state (locks), ==, CARPORT_LOCK_STATE_UNLOCKED);
  g_assert_cmpint (carport_locks_get_driver (locks), ==, CARPORT_OPENING_STATE_OPEN);
  g_assert_cmpint (carport_locks_get_passenger (locks), ==, CARPORT_OPENING_STATE_CLOSED);
  g_assert_cmpint (carport_locks_get_rear_left (locks), ==, CARPORT_OPENING_STATE_CLOSED);
  g_assert_cmpint (carport_locks_get_rear_right (locks), ==, CARPORT_OPENING_STATE_CLOSED);
  g_assert_cmpint (carport_locks_get_hatch (locks), ==, CARPORT_OPENING_STATE_CLOSED);
  assert_time (carport_state_get_updated (CARPORT_STATE (locks)), "2024-04-04T04:04:04Z");

  parse_endpoint_string (vehicle, CARPORT_ENDPOINT_LOCK_STATUS,
                         "{\"data\":{\"attributes\":{\"lockStatus\":\"locked\",\"hatchStatus\":7}}}");
  g_assert_cmpint (carport_locks_get_state (locks), ==, CARPORT_LOCK_STATE_LOCKED);
  g_assert_cmpint (carport_locks_get_driver (locks), ==, CARPORT_OPENING_STATE_OPEN);
  g_assert_cmpint (carport_locks_get_hatch (locks), ==, CARPORT_OPENING_STATE_CLOSED);
}

static void
test_pressure (void)
{
  g_autoptr(CarportVehicle) vehicle = vehicle_new ("X102VE", CARPORT_ENERGY_ELECTRIC);
  CarportTyres *tyres = carport_vehicle_get_tyres (vehicle);

  parse_endpoint_fixture (vehicle, CARPORT_ENDPOINT_PRESSURE, "pressure.json");
  g_assert_cmpfloat_with_epsilon (carport_tyres_get_front_left_bar (tyres), 2.30, 1e-9);
  g_assert_cmpfloat_with_epsilon (carport_tyres_get_front_right_bar (tyres), 2.35, 1e-9);
  g_assert_cmpfloat_with_epsilon (carport_tyres_get_rear_left_bar (tyres), 2.50, 1e-9);
  g_assert_cmpfloat_with_epsilon (carport_tyres_get_rear_right_bar (tyres), 2.48, 1e-9);

  parse_endpoint_string (vehicle, CARPORT_ENDPOINT_PRESSURE,
                         "{\"data\":{\"attributes\":{\"flPressure\":0,\"frPressure\":\"2600\"}}}");
  /* 0 mbar: the sensor did not report; the last pressure stays. */
  g_assert_cmpfloat_with_epsilon (carport_tyres_get_front_left_bar (tyres), 2.30, 1e-9);
  g_assert_cmpfloat_with_epsilon (carport_tyres_get_front_right_bar (tyres), 2.6, 1e-9);
  g_assert_cmpfloat_with_epsilon (carport_tyres_get_rear_left_bar (tyres), 2.50, 1e-9);
}

static void
test_res_state (void)
{
  g_autoptr(CarportVehicle) vehicle = vehicle_new ("X102VE", CARPORT_ENERGY_ELECTRIC);

  parse_endpoint_fixture (vehicle, CARPORT_ENDPOINT_RES_STATE, "res-state.json");
}

/* ------------------------------------------------------------------------ */
/* Invalid values are absent and keep the last good one                     */

static GObject *
state_of (CarportVehicle  *vehicle,
          CarportEndpoint  endpoint)
{
  switch (endpoint)
    {
    case CARPORT_ENDPOINT_BATTERY_STATUS:
      return G_OBJECT (carport_vehicle_get_battery (vehicle));
    case CARPORT_ENDPOINT_COCKPIT:
      return G_OBJECT (carport_vehicle_get_cockpit (vehicle));
    case CARPORT_ENDPOINT_LOCATION:
      return G_OBJECT (carport_vehicle_get_location (vehicle));
    case CARPORT_ENDPOINT_HVAC_STATUS:
      return G_OBJECT (carport_vehicle_get_climate (vehicle));
    case CARPORT_ENDPOINT_LOCK_STATUS:
      return G_OBJECT (carport_vehicle_get_locks (vehicle));
    case CARPORT_ENDPOINT_PRESSURE:
      return G_OBJECT (carport_vehicle_get_tyres (vehicle));
    default:
      g_assert_not_reached ();
    }
}

/* A property's value as text (times as ISO-8601, NAN as "nan"). */
static char *
property_text (GObject    *object,
               const char *name)
{
  g_auto(GValue) value = G_VALUE_INIT;
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (object), name);

  g_assert_nonnull (pspec);
  g_value_init (&value, pspec->value_type);
  g_object_get_property (object, name, &value);
  if (G_VALUE_HOLDS (&value, G_TYPE_DATE_TIME))
    return carport_format_iso8601_utc (g_value_get_boxed (&value));
  return g_strdup_value_contents (&value);
}

static JsonObject *
attributes_of (JsonNode *root)
{
  return json_object_get_object_member (json_object_get_object_member (json_node_get_object (root), "data"),
                                        "attributes");
}

/* Each member that is null, of a wrong type or out of its bounds is absent:
 * after a good report the field keeps its value while the rest of the
 * answer is taken, and alone it is an answer with no usable value. */
static void
test_invalid_values_kept (void)
{
  static const struct {
    CarportEndpoint  endpoint;
    const char      *fixture;
    const char      *member;
    const char      *property;
    const char      *out_of_range;  /* besides the bad values every member has */
  } fields[] = {
    { CARPORT_ENDPOINT_BATTERY_STATUS, "battery-status.charging.json", "batteryLevel", "level-percent", "101" },
    { CARPORT_ENDPOINT_BATTERY_STATUS, "battery-status.charging.json", "batteryLevel", "level-percent", "-1" },
    { CARPORT_ENDPOINT_BATTERY_STATUS, "battery-status.charging.json", "batteryAutonomy", "range-km", "-4" },
    { CARPORT_ENDPOINT_BATTERY_STATUS, "battery-status.charging.json", "batteryAutonomy", "range-km", "65535" },
    { CARPORT_ENDPOINT_BATTERY_STATUS, "battery-status.charging.json", "batteryTemperature", "temperature-c", "500" },
    { CARPORT_ENDPOINT_BATTERY_STATUS, "battery-status.charging.json", "batteryAvailableEnergy", "available-energy-kwh", "0" },
    { CARPORT_ENDPOINT_BATTERY_STATUS, "battery-status.charging.json", "batteryAvailableEnergy", "available-energy-kwh", "4000" },
    { CARPORT_ENDPOINT_BATTERY_STATUS, "battery-status.charging.json", "plugStatus", "plug", "\"plugged\"" },
    { CARPORT_ENDPOINT_BATTERY_STATUS, "battery-status.charging.json", "chargingStatus", "charging", "-1e9" },
    { CARPORT_ENDPOINT_BATTERY_STATUS, "battery-status.charging.json", "chargingInstantaneousPower", "charging-power-kw", "9e9" },
    { CARPORT_ENDPOINT_BATTERY_STATUS, "battery-status.charging.json", "chargingRemainingTime", "remaining-minutes", "-5" },
    { CARPORT_ENDPOINT_BATTERY_STATUS, "battery-status.charging.json", "chargingRemainingTime", "remaining-minutes", "999999" },
    { CARPORT_ENDPOINT_BATTERY_STATUS, "battery-status.charging.json", "timestamp", "updated", "\"2023-13-45T99:00:00Z\"" },
    { CARPORT_ENDPOINT_COCKPIT, "cockpit.fuel.json", "totalMileage", "mileage-km", "-1" },
    { CARPORT_ENDPOINT_COCKPIT, "cockpit.fuel.json", "totalMileage", "mileage-km", "9e12" },
    { CARPORT_ENDPOINT_COCKPIT, "cockpit.fuel.json", "fuelAutonomy", "fuel-range-km", "-20" },
    { CARPORT_ENDPOINT_COCKPIT, "cockpit.fuel.json", "fuelQuantity", "fuel-litres", "5000" },
    { CARPORT_ENDPOINT_COCKPIT, "cockpit.fuel.json", "timestamp", "updated", "\"yesterday\"" },
    { CARPORT_ENDPOINT_LOCATION, "location.json", "gpsLatitude", "latitude", "90.5" },
    { CARPORT_ENDPOINT_LOCATION, "location.json", "gpsLongitude", "longitude", "-180.5" },
    { CARPORT_ENDPOINT_LOCATION, "location.json", "lastUpdateTime", "updated", "\"now\"" },
    { CARPORT_ENDPOINT_HVAC_STATUS, "hvac-status.json", "hvacStatus", "state", "\"pending\"" },
    { CARPORT_ENDPOINT_HVAC_STATUS, "hvac-status.json", "externalTemperature", "outside-c", "300" },
    { CARPORT_ENDPOINT_HVAC_STATUS, "hvac-status.json", "internalTemperature", "inside-c", "-273" },
    { CARPORT_ENDPOINT_HVAC_STATUS, "hvac-status.json", "socThreshold", "soc-threshold-percent", "101" },
    { CARPORT_ENDPOINT_HVAC_STATUS, "hvac-status.json", "lastUpdateTime", "updated", "\"2024-11-01\"" },
    { CARPORT_ENDPOINT_LOCK_STATUS, "lock-status.json", "lockStatus", "state", "\"ajar\"" },
    { CARPORT_ENDPOINT_LOCK_STATUS, "lock-status.json", "doorStatusDriver", "driver", "\"half\"" },
    { CARPORT_ENDPOINT_LOCK_STATUS, "lock-status.json", "hatchStatus", "hatch", "1" },
    { CARPORT_ENDPOINT_LOCK_STATUS, "lock-status.json", "lastUpdateTime", "updated", "\"\"" },
    { CARPORT_ENDPOINT_PRESSURE, "pressure.json", "flPressure", "front-left-bar", "0" },
    { CARPORT_ENDPOINT_PRESSURE, "pressure.json", "rrPressure", "rear-right-bar", "250000" },
  };
  static const char * const bad_values[] = {
    "null", "true", "\"abc\"", "[1]", "{}", "1e30", "-1e30",
    "1000000000000000000000000000000",  /* json-glib alone reads -1 */
  };

  for (gsize f = 0; f < G_N_ELEMENTS (fields); f++)
    for (gsize b = 0; b <= G_N_ELEMENTS (bad_values); b++)
      {
        const char *bad = b < G_N_ELEMENTS (bad_values) ? bad_values[b] : fields[f].out_of_range;
        g_autoptr(CarportVehicle) vehicle = vehicle_new ("X101VE", fields[f].endpoint == CARPORT_ENDPOINT_COCKPIT
                                                                   ? CARPORT_ENERGY_FUEL : CARPORT_ENERGY_ELECTRIC);
        GObject *state = state_of (vehicle, fields[f].endpoint);
        g_autoptr(JsonNode) update = parse_fixture (fields[f].fixture);
        g_autoptr(JsonNode) alone = json_from_string ("{\"data\":{\"attributes\":{}}}", NULL);
        g_autoptr(GError) error = NULL;
        g_autofree char *before = NULL;
        g_autofree char *after = NULL;

        g_test_message ("%s = %s", fields[f].member, bad);
        parse_endpoint_fixture (vehicle, fields[f].endpoint, fields[f].fixture);
        before = property_text (state, fields[f].property);
        g_assert_cmpstr (before, !=, "nan");
        g_assert_nonnull (before);

        /* A position is both coordinates or none: without one, the rest of
         * a location answer (its time) is no usable value either. */
        json_object_set_member (attributes_of (update), fields[f].member, carport_json_parse (bad, -1));
        if (fields[f].endpoint == CARPORT_ENDPOINT_LOCATION && g_str_has_prefix (fields[f].member, "gps"))
          {
            g_assert_false (carport_kamereon_parse_endpoint (vehicle, fields[f].endpoint, update, &error));
            g_clear_error (&error);
          }
        else
          g_assert_true (carport_kamereon_parse_endpoint (vehicle, fields[f].endpoint, update, &error));
        g_assert_no_error (error);
        after = property_text (state, fields[f].property);
        g_assert_cmpstr (after, ==, before);

        json_object_set_member (attributes_of (alone), fields[f].member, carport_json_parse (bad, -1));
        g_assert_false (carport_kamereon_parse_endpoint (vehicle, fields[f].endpoint, alone, &error));
        g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_INVALID_RESPONSE);
        g_free (after);
        after = property_text (state, fields[f].property);
        g_assert_cmpstr (after, ==, before);
      }
}

/* ------------------------------------------------------------------------ */
/* Charge settings                                                           */

static void
test_charge_mode (void)
{
  static const struct {
    const char *value;
    CarportChargeMode expected;
  } cases[] = {
    { "always", CARPORT_CHARGE_MODE_ALWAYS },
    { "always_charging", CARPORT_CHARGE_MODE_ALWAYS },
    { "scheduled", CARPORT_CHARGE_MODE_SCHEDULED },
    { "schedule_mode", CARPORT_CHARGE_MODE_SCHEDULED },
    { "delayed", CARPORT_CHARGE_MODE_DELAYED },
  };
  g_autoptr(CarportVehicle) vehicle = vehicle_new ("X101VE", CARPORT_ENERGY_ELECTRIC);
  CarportChargeSettings *settings = carport_vehicle_get_charge_settings (vehicle);

  parse_endpoint_fixture (vehicle, CARPORT_ENDPOINT_CHARGE_MODE, "charge-mode.json");
  g_assert_cmpint (carport_charge_settings_get_mode (settings), ==, CARPORT_CHARGE_MODE_SCHEDULED);

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"data\":{\"attributes\":{\"chargeMode\":\"%s\"}}}", cases[i].value);

      parse_endpoint_string (vehicle, CARPORT_ENDPOINT_CHARGE_MODE, json);
      g_assert_cmpint (carport_charge_settings_get_mode (settings), ==, cases[i].expected);
    }

  /* A mode of an unknown name is no usable value: the last one stays. */
  parse_endpoint_string_fails (vehicle, CARPORT_ENDPOINT_CHARGE_MODE,
                               "{\"data\":{\"attributes\":{\"chargeMode\":\"eco\"}}}");
  g_assert_cmpint (carport_charge_settings_get_mode (settings), ==, CARPORT_CHARGE_MODE_DELAYED);
}

static void
test_charging_settings (void)
{
  g_autoptr(CarportVehicle) vehicle = vehicle_new ("X102VE", CARPORT_ENERGY_ELECTRIC);
  CarportChargeSettings *settings = carport_vehicle_get_charge_settings (vehicle);
  GListModel *schedules = carport_charge_settings_get_schedules (settings);

  parse_endpoint_fixture (vehicle, CARPORT_ENDPOINT_CHARGING_SETTINGS, "charging-settings.scheduled.json");
  g_assert_cmpint (carport_charge_settings_get_mode (settings), ==, CARPORT_CHARGE_MODE_SCHEDULED);
  assert_time (carport_state_get_updated (CARPORT_STATE (settings)), "2024-03-03T03:03:03Z");

  /* Schedule 1 has two groups of days; 2 one day; 3 none. */
  g_assert_cmpuint (g_list_model_get_n_items (schedules), ==, 4);
  assert_schedule (schedule_at (schedules, 0), 1, CARPORT_SCHEDULE_KIND_CHARGE, TRUE,
                   WEEKDAYS, "21:30", TRUE, 480);
  assert_schedule (schedule_at (schedules, 1), 1, CARPORT_SCHEDULE_KIND_CHARGE, TRUE,
                   DAY (SATURDAY) | DAY (SUNDAY), "23:00", TRUE, 300);
  assert_schedule (schedule_at (schedules, 2), 2, CARPORT_SCHEDULE_KIND_CHARGE, FALSE,
                   DAY (TUESDAY), "01:00", TRUE, 60);
  assert_schedule (schedule_at (schedules, 3), 3, CARPORT_SCHEDULE_KIND_CHARGE, FALSE,
                   0, NULL, TRUE, -1);

  parse_endpoint_fixture (vehicle, CARPORT_ENDPOINT_CHARGING_SETTINGS, "charging-settings.delayed.json");
  g_assert_cmpint (carport_charge_settings_get_mode (settings), ==, CARPORT_CHARGE_MODE_DELAYED);
  g_assert_cmpuint (g_list_model_get_n_items (schedules), ==, 0);
  assert_time (carport_state_get_updated (CARPORT_STATE (settings)), "2024-03-04T10:00:00Z");
  /* When the delayed charge starts. */
  assert_time (carport_charge_settings_get_delayed_start (settings), "2024-03-04T22:00:00Z");

  /* Back in scheduled mode: no delayed start any more. */
  parse_endpoint_fixture (vehicle, CARPORT_ENDPOINT_CHARGING_SETTINGS, "charging-settings.scheduled.json");
  g_assert_null (carport_charge_settings_get_delayed_start (settings));
}

static void
test_charge_schedule_calendar (void)
{
  g_autoptr(CarportVehicle) vehicle = vehicle_new ("X101VE", CARPORT_ENERGY_ELECTRIC);
  CarportChargeSettings *settings = carport_vehicle_get_charge_settings (vehicle);
  GListModel *schedules = carport_charge_settings_get_schedules (settings);

  parse_endpoint_fixture (vehicle, CARPORT_ENDPOINT_CHARGE_SCHEDULE, "charge-schedule.calendar.json");
  g_assert_cmpuint (g_list_model_get_n_items (schedules), ==, 2);
  assert_schedule (schedule_at (schedules, 0), 1, CARPORT_SCHEDULE_KIND_CHARGE, TRUE,
                   DAY (MONDAY) | DAY (TUESDAY), "22:30", TRUE, 420);
  assert_schedule (schedule_at (schedules, 1), 2, CARPORT_SCHEDULE_KIND_CHARGE, FALSE,
                   DAY (SATURDAY), "01:00", TRUE, 240);
}

static void
test_hvac_settings (void)
{
  g_autoptr(CarportVehicle) vehicle = vehicle_new ("X102VE", CARPORT_ENERGY_ELECTRIC);
  CarportChargeSettings *settings = carport_vehicle_get_charge_settings (vehicle);
  GListModel *schedules = carport_charge_settings_get_schedules (settings);

  parse_endpoint_fixture (vehicle, CARPORT_ENDPOINT_CHARGING_SETTINGS, "charging-settings.scheduled.json");
  parse_endpoint_fixture (vehicle, CARPORT_ENDPOINT_HVAC_SETTINGS, "hvac-settings.json");

  /* The charge programmes stay; the climate ones come after them. */
  g_assert_cmpuint (g_list_model_get_n_items (schedules), ==, 4 + 3);
  assert_schedule (schedule_at (schedules, 4), 1, CARPORT_SCHEDULE_KIND_CLIMATE, TRUE,
                   DAY (MONDAY) | DAY (WEDNESDAY), "06:45", TRUE, -1);
  assert_schedule (schedule_at (schedules, 5), 1, CARPORT_SCHEDULE_KIND_CLIMATE, TRUE,
                   DAY (FRIDAY), "07:30", TRUE, -1);
  assert_schedule (schedule_at (schedules, 6), 2, CARPORT_SCHEDULE_KIND_CLIMATE, FALSE,
                   0, NULL, TRUE, -1);
  /* The charge mode is not the hvac mode. */
  g_assert_cmpint (carport_charge_settings_get_mode (settings), ==, CARPORT_CHARGE_MODE_SCHEDULED);
}

static void
test_ev_settings (void)
{
  g_autoptr(CarportVehicle) vehicle = vehicle_new ("R5E1VE", CARPORT_ENERGY_ELECTRIC);
  CarportChargeSettings *settings = carport_vehicle_get_charge_settings (vehicle);
  GListModel *schedules = carport_charge_settings_get_schedules (settings);
  guint n;

  parse_endpoint_fixture (vehicle, CARPORT_ENDPOINT_EV_SETTINGS, "ev-settings.json");
  g_assert_cmpint (carport_charge_settings_get_mode (settings), ==, CARPORT_CHARGE_MODE_SCHEDULED);
  assert_time (carport_state_get_updated (CARPORT_STATE (settings)), "2025-01-02T03:04:05Z");

  n = g_list_model_get_n_items (schedules);
  g_assert_cmpuint (n, ==, 3);
  /* Local times, one entry per programme; charge family first. */
  assert_schedule (schedule_at (schedules, 0), 1, CARPORT_SCHEDULE_KIND_CHARGE, TRUE,
                   WEEKDAYS, "06:45", FALSE, -1);
  assert_schedule (schedule_at (schedules, 1), 3, CARPORT_SCHEDULE_KIND_CHARGE_AND_CLIMATE, TRUE,
                   DAY (SUNDAY), "08:00", FALSE, -1);
  assert_schedule (schedule_at (schedules, 2), 2, CARPORT_SCHEDULE_KIND_CLIMATE, FALSE,
                   DAY (SATURDAY), "07:15", FALSE, -1);

  /* "ALWAYS", in any case, and no programmes. */
  parse_endpoint_string (vehicle, CARPORT_ENDPOINT_EV_SETTINGS, "{\"chargeModeRq\":\"ALWAYS\",\"programs\":[]}");
  g_assert_cmpint (carport_charge_settings_get_mode (settings), ==, CARPORT_CHARGE_MODE_ALWAYS);
  /* The charge family is replaced; preconditioning programmes stay until
   * hvac-settings or a non-empty list replaces them. */
  g_assert_cmpuint (g_list_model_get_n_items (schedules), ==, 1);

  /* The same document, asked as "charge-schedule" for KCM models. */
  parse_endpoint_fixture (vehicle, CARPORT_ENDPOINT_CHARGE_SCHEDULE, "ev-settings.json");
  g_assert_cmpint (carport_charge_settings_get_mode (settings), ==, CARPORT_CHARGE_MODE_SCHEDULED);
}

static void
test_soc_levels (void)
{
  g_autoptr(CarportVehicle) vehicle = vehicle_new ("R5E1VE", CARPORT_ENERGY_ELECTRIC);
  CarportChargeSettings *settings = carport_vehicle_get_charge_settings (vehicle);

  parse_endpoint_fixture (vehicle, CARPORT_ENDPOINT_SOC_LEVELS, "soc-levels.json");
  g_assert_cmpint (carport_charge_settings_get_soc_min_percent (settings), ==, 25);
  g_assert_cmpint (carport_charge_settings_get_soc_target_percent (settings), ==, 90);
  assert_time (carport_state_get_updated (CARPORT_STATE (settings)), "2025-02-03T04:05:06Z");

  parse_endpoint_string (vehicle, CARPORT_ENDPOINT_SOC_LEVELS, "{\"socMin\":\"30\",\"socTarget\":140}");
  g_assert_cmpint (carport_charge_settings_get_soc_min_percent (settings), ==, 30);
  g_assert_cmpint (carport_charge_settings_get_soc_target_percent (settings), ==, 90);
  parse_endpoint_string_fails (vehicle, CARPORT_ENDPOINT_SOC_LEVELS, "{\"socMin\":-5,\"socTarget\":null}");
  g_assert_cmpint (carport_charge_settings_get_soc_min_percent (settings), ==, 30);
}

/* ------------------------------------------------------------------------ */
/* Errors                                                                    */

static void
test_accounts (void)
{
  g_autoptr(JsonNode) root = parse_fixture ("person.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) accounts = carport_kamereon_parse_accounts (root, &error);
  CarportKamereonAccount *account;

  g_assert_no_error (error);
  g_assert_cmpuint (accounts->len, ==, 2);
  account = g_ptr_array_index (accounts, 0);
  g_assert_cmpstr (account->account_id, ==, "acc-test-7");
  g_assert_cmpstr (account->account_type, ==, "MYRENAULT");
  account = g_ptr_array_index (accounts, 1);
  g_assert_cmpstr (account->account_id, ==, "acc-test-8");
  g_assert_cmpstr (account->account_type, ==, "SFDC");

  /* No accounts member: an empty list. */
  {
    g_autoptr(GBytes) body = bytes_from_string ("{\"personId\":\"p\"}");
    g_autoptr(JsonNode) empty_root = carport_kamereon_parse_response (200, body, &error);
    g_autoptr(GPtrArray) none = carport_kamereon_parse_accounts (empty_root, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (none->len, ==, 0);
  }

  g_assert_null (carport_kamereon_parse_accounts (NULL, &error));
  g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_INVALID_RESPONSE);
}

static void
test_vehicles (void)
{
  g_autoptr(JsonNode) root = parse_fixture ("vehicles.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) vehicles = carport_kamereon_parse_vehicles (root, "acc-given", &error);
  CarportVehicle *vehicle;
  const char *model;

  g_assert_no_error (error);
  /* The cancelled link and the link without a VIN are left out. */
  g_assert_cmpuint (vehicles->len, ==, 3);

  vehicle = g_ptr_array_index (vehicles, 0);
  g_assert_cmpstr (carport_vehicle_get_vin (vehicle), ==, "VF1R5TEST00000001");
  g_assert_cmpstr (carport_vehicle_get_account_id (vehicle), ==, "acc-given");
  g_assert_cmpint (carport_vehicle_get_brand (vehicle), ==, CARPORT_BRAND_RENAULT);
  g_assert_cmpstr (carport_vehicle_get_model_code (vehicle), ==, "R5E1VE");
  /* As people write it, not in Renault's capitals. */
  g_assert_cmpstr (carport_vehicle_get_model_name (vehicle), ==, "R5 E-Tech");
  g_assert_cmpstr (carport_vehicle_get_registration (vehicle), ==, "AB-123-CD");
  g_assert_cmpint (carport_vehicle_get_energy (vehicle), ==, CARPORT_ENERGY_ELECTRIC);
  g_assert_cmpstr (carport_vehicle_get_picture_url (vehicle), ==, "https://pictures.example.test/r5-large.png");

  /* Without vehicleDetails: the brand of the link, an empty model code. */
  vehicle = g_ptr_array_index (vehicles, 1);
  g_assert_cmpstr (carport_vehicle_get_vin (vehicle), ==, "UU1SPRTEST0000002");
  g_assert_cmpint (carport_vehicle_get_brand (vehicle), ==, CARPORT_BRAND_DACIA);
  model = carport_vehicle_get_model_code (vehicle);
  g_assert_true (model == NULL || *model == '\0');
  g_assert_cmpint (carport_vehicle_get_energy (vehicle), ==, CARPORT_ENERGY_NONE);

  /* engineEnergyType wins over energy.code. */
  vehicle = g_ptr_array_index (vehicles, 2);
  g_assert_cmpstr (carport_vehicle_get_vin (vehicle), ==, "VF1CAPTEST0000003");
  g_assert_cmpint (carport_vehicle_get_energy (vehicle), ==, CARPORT_ENERGY_PLUG_IN_HYBRID);
  g_assert_null (carport_vehicle_get_picture_url (vehicle));

  /* The account id of the answer when none is given. */
  {
    g_autoptr(GPtrArray) again = carport_kamereon_parse_vehicles (root, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (carport_vehicle_get_account_id (g_ptr_array_index (again, 0)), ==, "acc-test-7");
  }

  g_assert_null (carport_kamereon_parse_vehicles (NULL, NULL, &error));
  g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_INVALID_RESPONSE);
}

static void
test_vehicle_details (void)
{
  g_autoptr(JsonNode) root = parse_fixture ("vehicle-details.json");
  g_autoptr(CarportVehicle) vehicle = carport_vehicle_new ("VF1DUSTTEST000004");
  g_autoptr(CarportVehicle) other = carport_vehicle_new ("VF1SOMEOTHERVIN00");
  g_autoptr(GError) error = NULL;

  g_assert_true (carport_kamereon_parse_vehicle_details (vehicle, root, &error));
  g_assert_no_error (error);
  g_assert_cmpint (carport_vehicle_get_brand (vehicle), ==, CARPORT_BRAND_DACIA);
  g_assert_cmpstr (carport_vehicle_get_model_code (vehicle), ==, "DU31SU");
  g_assert_cmpstr (carport_vehicle_get_model_name (vehicle), ==, "Duster");
  g_assert_cmpstr (carport_vehicle_get_registration (vehicle), ==, "IJ-789-KL");
  /* No engineEnergyType: energy.code GASLN. */
  g_assert_cmpint (carport_vehicle_get_energy (vehicle), ==, CARPORT_ENERGY_FUEL);
  /* No large rendition: the small one. */
  g_assert_cmpstr (carport_vehicle_get_picture_url (vehicle), ==, "https://pictures.example.test/duster-small.png");

  /* Details of another car are refused. */
  g_assert_false (carport_kamereon_parse_vehicle_details (other, root, &error));
  g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_INVALID_RESPONSE);
  g_clear_error (&error);

  /* Energy codes. */
  {
    static const struct {
      const char *json;
      CarportEnergy expected;
    } cases[] = {
      { "{\"energy\":{\"code\":\"ELEC\"}}", CARPORT_ENERGY_ELECTRIC },
      { "{\"energy\":{\"code\":\"ELECX\"}}", CARPORT_ENERGY_ELECTRIC },
      { "{\"engineEnergyType\":\"PHEV\",\"energy\":{\"code\":\"ESS\"}}", CARPORT_ENERGY_PLUG_IN_HYBRID },
      { "{\"engineEnergyType\":\"HEV\",\"energy\":{\"code\":\"ESS\"}}", CARPORT_ENERGY_HYBRID },
      { "{\"engineEnergyType\":\"OTHER\"}", CARPORT_ENERGY_FUEL },
      { "{\"energy\":{\"code\":\"ESS\"}}", CARPORT_ENERGY_FUEL },
      { "{\"engineEnergyType\":\"ELEC\",\"energy\":{\"code\":\"ESS\"}}", CARPORT_ENERGY_ELECTRIC },
      { "{\"engineEnergyType\":\"???\",\"energy\":{\"code\":\"ELEC\"}}", CARPORT_ENERGY_ELECTRIC },
      { "{\"energy\":{\"code\":\"HYDROGEN\"}}", CARPORT_ENERGY_NONE },
      { "{\"energy\":\"ELEC\"}", CARPORT_ENERGY_NONE },
    };

    for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        g_autoptr(CarportVehicle) car = carport_vehicle_new (TEST_VIN);
        g_autoptr(GBytes) body = bytes_from_string (cases[i].json);
        g_autoptr(JsonNode) details = carport_kamereon_parse_response (200, body, &error);

        g_assert_no_error (error);
        g_assert_true (carport_kamereon_parse_vehicle_details (car, details, &error));
        g_assert_cmpint (carport_vehicle_get_energy (car), ==, cases[i].expected);
      }
  }
}

/* ------------------------------------------------------------------------ */
/* Actions and notifications                                                 */

static void
test_action_id (void)
{
  static const struct {
    const char *json;
    const char *expected;
  } cases[] = {
    { "{\"data\":{\"type\":\"HvacStart\",\"id\":\"act-123\",\"attributes\":{\"action\":\"start\"}}}", "act-123" },
    { "{\"data\":{\"type\":\"HornLights\",\"id\":98765}}", "98765" },
    { "{\"commandId\":\"cmd-77\",\"type\":\"SOC_SYNCH\",\"status\":\"CREATED\"}", "cmd-77" },
    { "{\"chargeModeRq\":\"ALWAYS\",\"programs\":[]}", NULL },
    { "{\"data\":{\"type\":\"RefreshLocation\"}}", NULL },
    { "{\"data\":{\"id\":\"\"}}", NULL },
    { "[1]", NULL },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) body = bytes_from_string (cases[i].json);
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) root = carport_kamereon_parse_response (200, body, &error);
      g_autofree char *id = NULL;

      g_assert_no_error (error);
      id = carport_kamereon_parse_action_id (root);
      g_assert_cmpstr (id, ==, cases[i].expected);
    }

  g_assert_null (carport_kamereon_parse_action_id (NULL));
}

/* The SRP challenge of an srp-sets: found in the answer as the response
 * reader hands it over (wrapped) and as the server sends it (an array). */
static void
test_srp_challenge (void)
{
  g_autoptr(JsonNode) root = parse_fixture ("notifications.json");
  g_autoptr(JsonNode) bare = json_from_string ("[{\"notificationId\":\"n1\",\"actionType\":\"SRP_SALT_REQUEST\","
                                               "\"srpResponse\":{\"loginB\":\"0B\",\"loginSalt\":\"05\"}}]", NULL);
  g_autofree char *salt = NULL;
  g_autofree char *b = NULL;

  g_assert_true (carport_kamereon_parse_srp_challenge (root, "notif-d", &salt, &b));
  g_assert_cmpstr (salt, ==, "DEF");
  g_assert_cmpstr (b, ==, "ABC");
  g_clear_pointer (&salt, g_free);
  g_clear_pointer (&b, g_free);
  /* A command's result, or one not there yet, is no challenge. */
  g_assert_false (carport_kamereon_parse_srp_challenge (root, "notif-a", &salt, &b));
  g_assert_false (carport_kamereon_parse_srp_challenge (root, "notif-zzz", &salt, &b));
  g_assert_false (carport_kamereon_parse_srp_challenge (NULL, "notif-d", &salt, &b));

  g_assert_true (carport_kamereon_parse_srp_challenge (bare, "n1", &salt, &b));
  g_assert_cmpstr (b, ==, "0B");
}

static void
test_notifications (void)
{
  g_autoptr(JsonNode) root = parse_fixture ("notifications.json");
  g_autofree char *message = NULL;

  g_assert_cmpint (carport_kamereon_parse_notification (root, "notif-a", &message), ==,
                   CARPORT_COMMAND_STATE_COMPLETED);
  g_assert_null (message);

  g_assert_cmpint (carport_kamereon_parse_notification (root, "notif-b", &message), ==,
                   CARPORT_COMMAND_STATE_PENDING);
  g_assert_null (message);

  g_assert_cmpint (carport_kamereon_parse_notification (root, "notif-c", &message), ==,
                   CARPORT_COMMAND_STATE_FAILED);
  g_assert_cmpstr (message, ==, "The car did not carry out the command (Vehicle unreachable).");
  g_clear_pointer (&message, g_free);

  /* An SRP salt answer is not a command result. */
  g_assert_cmpint (carport_kamereon_parse_notification (root, "notif-d", &message), ==,
                   CARPORT_COMMAND_STATE_PENDING);
  /* Not there yet. */
  g_assert_cmpint (carport_kamereon_parse_notification (root, "notif-zzz", &message), ==,
                   CARPORT_COMMAND_STATE_PENDING);
  /* Lower case, no detail. */
  g_assert_cmpint (carport_kamereon_parse_notification (root, "notif-e", &message), ==,
                   CARPORT_COMMAND_STATE_FAILED);
  g_assert_cmpstr (message, ==, "The car did not carry out the command.");
  g_clear_pointer (&message, g_free);

  /* Other spellings of success; @message may be NULL. */
  {
    static const char * const statuses[] = { "OK", "SUCCESS", "completed" };

    for (gsize i = 0; i < G_N_ELEMENTS (statuses); i++)
      {
        g_autofree char *json = g_strdup_printf ("[{\"notificationId\":\"n\",\"commandResponse\":{\"status\":\"%s\"}}]",
                                                 statuses[i]);
        g_autoptr(GBytes) body = bytes_from_string (json);
        g_autoptr(GError) error = NULL;
        g_autoptr(JsonNode) other = carport_kamereon_parse_response (200, body, &error);

        g_assert_no_error (error);
        g_assert_cmpint (carport_kamereon_parse_notification (other, "n", NULL), ==,
                         CARPORT_COMMAND_STATE_COMPLETED);
      }
  }

  g_assert_cmpint (carport_kamereon_parse_notification (NULL, "x", &message), ==,
                   CARPORT_COMMAND_STATE_PENDING);
  g_assert_null (message);
}

/* ------------------------------------------------------------------------ */
/* The error domain                                                          */

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/kamereon-json/battery/zoe-ph1-unplugged", test_battery_zoe_ph1_unplugged);
  g_test_add_func ("/kamereon-json/battery/charging-watts", test_battery_charging_watts);
  g_test_add_func ("/kamereon-json/battery/quirks", test_battery_quirks);
  g_test_add_func ("/kamereon-json/battery/v2l", test_battery_v2l);
  g_test_add_func ("/kamereon-json/battery/missing-fields", test_battery_missing_fields);
  g_test_add_func ("/kamereon-json/battery/codes", test_battery_charging_codes);
  g_test_add_func ("/kamereon-json/endpoint/bad-shape", test_endpoint_bad_shape);
  g_test_add_func ("/kamereon-json/cockpit", test_cockpit);
  g_test_add_func ("/kamereon-json/location", test_location);
  g_test_add_func ("/kamereon-json/hvac-status", test_hvac_status);
  g_test_add_func ("/kamereon-json/lock-status", test_lock_status);
  g_test_add_func ("/kamereon-json/pressure", test_pressure);
  g_test_add_func ("/kamereon-json/res-state", test_res_state);
  g_test_add_func ("/kamereon-json/invalid-values-kept", test_invalid_values_kept);
  g_test_add_func ("/kamereon-json/charge/mode", test_charge_mode);
  g_test_add_func ("/kamereon-json/charge/charging-settings", test_charging_settings);
  g_test_add_func ("/kamereon-json/charge/calendar", test_charge_schedule_calendar);
  g_test_add_func ("/kamereon-json/charge/hvac-settings", test_hvac_settings);
  g_test_add_func ("/kamereon-json/charge/ev-settings", test_ev_settings);
  g_test_add_func ("/kamereon-json/charge/soc-levels", test_soc_levels);
  g_test_add_func ("/kamereon-json/accounts", test_accounts);
  g_test_add_func ("/kamereon-json/vehicles", test_vehicles);
  g_test_add_func ("/kamereon-json/vehicle-details", test_vehicle_details);
  g_test_add_func ("/kamereon-json/action-id", test_action_id);
  g_test_add_func ("/kamereon-json/notifications", test_notifications);
  g_test_add_func ("/kamereon-json/srp-challenge", test_srp_challenge);

  return g_test_run ();
}
