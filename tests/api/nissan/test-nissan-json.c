/* test-nissan-json.c — Nissan's parsers, login pieces and action bodies
 * against the fixtures written from docs/api-nissan.md (fixtures/), and a
 * conformance pass over the recorded bodies shared beside the project
 * (../shared/fixtures/nissan, read in place; skipped when absent).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "carport-json.h"
#include "carport-nissan-json.h"
#include "carport-nissan-login.h"
#include "carport-nissan-region.h"
#include "carport-nissan-trips.h"

static GBytes *
read_bytes (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);

  return g_bytes_new_take (contents, length);
}

static GBytes *
fixture (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", name, NULL);

  return read_bytes (path);
}

static JsonNode *
parse_ok (GBytes *body)
{
  g_autoptr(GError) error = NULL;
  JsonNode *root = carport_nissan_parse_response (200, body, &error);

  g_assert_no_error (error);
  g_assert_nonnull (root);
  return root;
}

static JsonNode *
fixture_root (const char *name)
{
  g_autoptr(GBytes) body = fixture (name);

  return parse_ok (body);
}

static GDateTime *
utc (const char *iso)
{
  return g_date_time_new_from_iso8601 (iso, NULL);
}

static void
assert_time (GDateTime  *actual,
             const char *iso)
{
  g_autoptr(GDateTime) expected = utc (iso);

  g_assert_nonnull (actual);
  g_assert_true (g_date_time_equal (actual, expected));
}

static CarportVehicle *
vehicle_new (CarportEnergy energy)
{
  CarportVehicle *vehicle = carport_vehicle_new ("SJNFAAZE1U0000001");

  carport_vehicle_set_energy (vehicle, energy);
  return vehicle;
}

/* Reads the fixture @name as an answer of @endpoint into @vehicle: TRUE
 * when it holds usable values, else FALSE with INVALID_RESPONSE. */
static gboolean
read_fixture (CarportVehicle          *vehicle,
              CarportEndpoint          endpoint,
              CarportNissanBatteryApi  api,
              const char              *name)
{
  g_autoptr(JsonNode) root = fixture_root (name);
  g_autoptr(GError) error = NULL;
  gboolean ok = carport_nissan_parse_endpoint (vehicle, endpoint, api, root, &error);

  if (ok)
    g_assert_no_error (error);
  else
    g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_INVALID_RESPONSE);
  return ok;
}

#define read_into(vehicle, endpoint, api, name) g_assert_true (read_fixture (vehicle, endpoint, api, name))
#define read_fails(vehicle, endpoint, api, name) g_assert_false (read_fixture (vehicle, endpoint, api, name))

/* ------------------------------------------------------------------------ */

static void
test_model_names (void)
{
  static const struct { const char *in, *out; } cases[] = {
    { "LEAF", "Leaf" }, { "leaf", "Leaf" }, { "ARIYA", "Ariya" }, { "Ariya", "Ariya" },
    { "MICRA", "Micra" }, { "TOWNSTAR", "Townstar" }, { "qashqai", "Qashqai" },
    { "X-TRAIL", "X-Trail" }, { "E-NV200", "e-NV200" }, { " NEW LEAF ", "New Leaf" },
    { "Y63-PATROL", "Y63-Patrol" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = carport_nissan_normalize_model_name (cases[i].in);

      g_assert_cmpstr (name, ==, cases[i].out);
    }
  g_assert_null (carport_nissan_normalize_model_name (NULL));
  g_assert_null (carport_nissan_normalize_model_name ("  "));
}

#define EP(e) (1u << CARPORT_ENDPOINT_##e)
#define CMD(c) (1u << CARPORT_COMMAND_KIND_##c)

static void
test_cars (void)
{
  g_autoptr(JsonNode) root = fixture_root ("cars.v5.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cars = carport_nissan_parse_cars (root, "user-1", &error);
  CarportVehicle *leaf, *ariya, *townstar;
  CarportNissanCarInfo *info;

  g_assert_no_error (error);
  g_assert_cmpuint (cars->len, ==, 3);  /* no VIN skipped, the duplicate VIN once */
  leaf = g_ptr_array_index (cars, 0);
  ariya = g_ptr_array_index (cars, 1);
  townstar = g_ptr_array_index (cars, 2);

  g_assert_cmpstr (carport_vehicle_get_vin (leaf), ==, "SJNFAAZE1U0000001");
  g_assert_cmpint (carport_vehicle_get_brand (leaf), ==, CARPORT_BRAND_NISSAN);
  g_assert_cmpstr (carport_vehicle_get_model_name (leaf), ==, "Leaf");
  g_assert_cmpstr (carport_vehicle_get_model_code (leaf), ==, "ZE1");
  g_assert_cmpstr (carport_vehicle_get_registration (leaf), ==, "AB-123-CD");
  g_assert_cmpstr (carport_vehicle_get_picture_url (leaf), ==, "https://example.com/leaf.png");
  g_assert_cmpstr (carport_vehicle_get_account_id (leaf), ==, "user-1");
  g_assert_cmpint (carport_vehicle_get_energy (leaf), ==, CARPORT_ENERGY_ELECTRIC);
  g_assert_cmpuint (carport_vehicle_get_supported_endpoints (leaf), ==,
                    EP (BATTERY_STATUS) | EP (COCKPIT) | EP (LOCATION) | EP (HVAC_STATUS) | EP (LOCK_STATUS) |
                    EP (TRIP_HISTORY));
  g_assert_cmpuint (carport_vehicle_get_supported_commands (leaf), ==,
                    CMD (REFRESH_BATTERY) | CMD (REFRESH_LOCATION) | CMD (REFRESH_HVAC) | CMD (HVAC_START) |
                    CMD (HVAC_STOP) | CMD (REFRESH_LOCKS) | CMD (HORN) | CMD (LIGHTS) | CMD (CHARGE_START));
  info = carport_nissan_car_info_get (leaf);
  g_assert_nonnull (info);
  g_assert_cmpint (info->battery_api, ==, CARPORT_NISSAN_BATTERY_V1);
  g_assert_false (info->cockpit_v2);
  g_assert_null (info->can_generation);

  /* hvac-status without 366 (from 2042), no climate commands; lock via 886;
   * charge stop via 303; a deactivated 235 gives no trip history; nested
   * features and odd ids ignored. */
  g_assert_cmpstr (carport_vehicle_get_model_name (ariya), ==, "Ariya");
  g_assert_cmpint (carport_vehicle_get_energy (ariya), ==, CARPORT_ENERGY_ELECTRIC);
  g_assert_cmpuint (carport_vehicle_get_supported_endpoints (ariya), ==,
                    EP (BATTERY_STATUS) | EP (COCKPIT) | EP (HVAC_STATUS) | EP (LOCK_STATUS));
  g_assert_cmpuint (carport_vehicle_get_supported_commands (ariya), ==,
                    CMD (REFRESH_BATTERY) | CMD (REFRESH_HVAC) | CMD (REFRESH_LOCKS) | CMD (CHARGE_STOP));
  info = carport_nissan_car_info_get (ariya);
  g_assert_cmpint (info->battery_api, ==, CARPORT_NISSAN_BATTERY_BFF_V3);
  g_assert_cmpstr (info->can_generation, ==, "C1A");

  g_assert_cmpstr (carport_vehicle_get_model_name (townstar), ==, "Townstar");
  g_assert_cmpint (carport_vehicle_get_energy (townstar), ==, CARPORT_ENERGY_FUEL);
  info = carport_nissan_car_info_get (townstar);
  g_assert_true (info->cockpit_v2);
  g_assert_cmpstr (info->car_gateway, ==, "RVG");
}

static void
test_cars_empty (void)
{
  g_autoptr(GBytes) body = g_bytes_new_static ("{\"data\":[]}", 11);
  g_autoptr(GBytes) flat = g_bytes_new_static ("{\"cars\":[]}", 11);
  g_autoptr(JsonNode) root = parse_ok (body);
  g_autoptr(JsonNode) other = parse_ok (flat);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) none = NULL;

  none = carport_nissan_parse_cars (root, "u", &error);
  g_assert_null (none);
  g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_NO_VEHICLES);
  g_clear_error (&error);

  none = carport_nissan_parse_cars (other, "u", &error);
  g_assert_null (none);
  g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_INVALID_RESPONSE);
}

static void
test_battery_v1 (void)
{
  g_autoptr(CarportVehicle) vehicle = vehicle_new (CARPORT_ENERGY_ELECTRIC);
  CarportBattery *battery = carport_vehicle_get_battery (vehicle);

  read_into (vehicle, CARPORT_ENDPOINT_BATTERY_STATUS, CARPORT_NISSAN_BATTERY_V1, "battery-status.v1.leaf.json");
  g_assert_cmpint (carport_battery_get_level_percent (battery), ==, 80);
  g_assert_cmpfloat (carport_battery_get_range_km (battery), ==, 210);  /* climate off */
  g_assert_cmpint (carport_battery_get_plug (battery), ==, CARPORT_PLUG_STATE_PLUGGED);
  g_assert_cmpint (carport_battery_get_charging (battery), ==, CARPORT_CHARGING_STATE_CHARGING);
  g_assert_cmpfloat (carport_battery_get_charging_power_kw (battery), ==, 6.6);
  g_assert_cmpint (carport_battery_get_remaining_minutes (battery), ==, 180);  /* chargePower 2: normal */
  g_assert_false (carport_is_known (carport_battery_get_temperature_c (battery)));
  g_assert_cmpfloat (carport_battery_get_capacity_kwh (battery), ==, 40.0);  /* kWh */
  assert_time (carport_state_get_updated (CARPORT_STATE (battery)), "2026-09-20T06:07:54Z");

  /* Out-of-range values are absent; bars stand in for a missing level;
   * what the answer leaves out or spoils (the power, the time) keeps its
   * last value. */
  read_into (vehicle, CARPORT_ENDPOINT_BATTERY_STATUS, CARPORT_NISSAN_BATTERY_V1, "battery-status.v1.invalid.json");
  g_assert_cmpint (carport_battery_get_level_percent (battery), ==, 50);
  g_assert_cmpfloat (carport_battery_get_range_km (battery), ==, 150);
  g_assert_cmpint (carport_battery_get_plug (battery), ==, CARPORT_PLUG_STATE_UNPLUGGED);
  g_assert_cmpint (carport_battery_get_charging (battery), ==, CARPORT_CHARGING_STATE_UNKNOWN);
  g_assert_cmpint (carport_battery_get_remaining_minutes (battery), ==, 500);
  g_assert_cmpfloat (carport_battery_get_charging_power_kw (battery), ==, 6.6);
  g_assert_cmpfloat (carport_battery_get_capacity_kwh (battery), ==, 40.0);
  assert_time (carport_state_get_updated (CARPORT_STATE (battery)), "2026-09-20T06:07:54Z");
}

static void
test_battery_v3 (void)
{
  g_autoptr(CarportVehicle) vehicle = vehicle_new (CARPORT_ENERGY_ELECTRIC);
  CarportBattery *battery = carport_vehicle_get_battery (vehicle);

  read_into (vehicle, CARPORT_ENDPOINT_BATTERY_STATUS, CARPORT_NISSAN_BATTERY_BFF_V3, "battery-status.v3.ariya.json");
  g_assert_cmpint (carport_battery_get_level_percent (battery), ==, 64);
  g_assert_cmpfloat (carport_battery_get_range_km (battery), ==, 280);
  g_assert_false (carport_is_known (carport_battery_get_temperature_c (battery)));  /* 0: not measured */
  g_assert_cmpfloat (carport_battery_get_available_energy_kwh (battery), ==, 55);
  g_assert_cmpint (carport_battery_get_plug (battery), ==, CARPORT_PLUG_STATE_PLUGGED);
  g_assert_cmpint (carport_battery_get_charging (battery), ==, CARPORT_CHARGING_STATE_CHARGING);
  g_assert_cmpint (carport_battery_get_remaining_minutes (battery), ==, 95);
  assert_time (carport_state_get_updated (CARPORT_STATE (battery)), "2026-09-20T07:00:00Z");

  /* A flat body (Accept: application/json) with "timestamp". */
  read_into (vehicle, CARPORT_ENDPOINT_BATTERY_STATUS, CARPORT_NISSAN_BATTERY_V2, "battery-status.v2.flat.json");
  g_assert_cmpint (carport_battery_get_level_percent (battery), ==, 69);
  g_assert_cmpfloat (carport_battery_get_range_km (battery), ==, 325);
  g_assert_cmpint (carport_battery_get_plug (battery), ==, CARPORT_PLUG_STATE_UNPLUGGED);
  g_assert_cmpint (carport_battery_get_charging (battery), ==, CARPORT_CHARGING_STATE_FLAP_OPEN);
  /* 0 kWh is "not reported": the last energy stays. */
  g_assert_cmpfloat (carport_battery_get_available_energy_kwh (battery), ==, 55);
  assert_time (carport_state_get_updated (CARPORT_STATE (battery)), "2026-09-20T05:30:00Z");
}

static void
test_cockpit (void)
{
  g_autoptr(CarportVehicle) ev = vehicle_new (CARPORT_ENERGY_ELECTRIC);
  g_autoptr(CarportVehicle) fuel = vehicle_new (CARPORT_ENERGY_FUEL);
  CarportCockpit *cockpit;

  read_into (ev, CARPORT_ENDPOINT_COCKPIT, CARPORT_NISSAN_BATTERY_V1, "cockpit.v1.json");
  cockpit = carport_vehicle_get_cockpit (ev);
  g_assert_cmpfloat (carport_cockpit_get_mileage_km (cockpit), ==, 24512.4);
  g_assert_false (carport_is_known (carport_cockpit_get_fuel_range_km (cockpit)));

  read_into (fuel, CARPORT_ENDPOINT_COCKPIT, CARPORT_NISSAN_BATTERY_V1, "cockpit.v2.fuel.json");
  cockpit = carport_vehicle_get_cockpit (fuel);
  g_assert_cmpfloat (carport_cockpit_get_mileage_km (cockpit), ==, 2580);  /* "mileage" */
  g_assert_cmpfloat (carport_cockpit_get_fuel_range_km (cockpit), ==, 671);
  g_assert_cmpfloat (carport_cockpit_get_fuel_litres (cockpit), ==, 52);
}

static void
test_location_hvac_lock (void)
{
  g_autoptr(CarportVehicle) vehicle = vehicle_new (CARPORT_ENERGY_ELECTRIC);
  CarportLocation *location = carport_vehicle_get_location (vehicle);
  CarportClimate *climate = carport_vehicle_get_climate (vehicle);
  CarportLocks *locks = carport_vehicle_get_locks (vehicle);

  read_into (vehicle, CARPORT_ENDPOINT_LOCATION, 0, "location.json");
  g_assert_cmpfloat (carport_location_get_latitude (location), ==, 52.3702);
  g_assert_cmpfloat (carport_location_get_longitude (location), ==, 4.8952);
  assert_time (carport_state_get_updated (CARPORT_STATE (location)), "2026-09-20T06:10:00Z");
  /* A latitude of 152°: no position, no usable value; the last one stays. */
  read_fails (vehicle, CARPORT_ENDPOINT_LOCATION, 0, "location.invalid.json");
  g_assert_cmpfloat (carport_location_get_latitude (location), ==, 52.3702);

  read_into (vehicle, CARPORT_ENDPOINT_HVAC_STATUS, 0, "hvac-status.json");
  g_assert_cmpint (carport_climate_get_state (climate), ==, CARPORT_CLIMATE_STATE_ON);
  g_assert_cmpfloat (carport_climate_get_inside_c (climate), ==, 18.5);
  g_assert_cmpfloat (carport_climate_get_outside_c (climate), ==, 9);
  g_assert_cmpfloat (carport_climate_get_soc_threshold_percent (climate), ==, 30);
  assert_time (carport_climate_get_next_start (climate), "2026-09-21T06:30:00Z");
  assert_time (carport_state_get_updated (CARPORT_STATE (climate)), "2026-09-20T06:12:00Z");

  read_into (vehicle, CARPORT_ENDPOINT_LOCK_STATUS, 0, "lock-status.json");
  g_assert_cmpint (carport_locks_get_state (locks), ==, CARPORT_LOCK_STATE_UNLOCKED);
  g_assert_cmpint (carport_locks_get_driver (locks), ==, CARPORT_OPENING_STATE_OPEN);
  g_assert_cmpint (carport_locks_get_passenger (locks), ==, CARPORT_OPENING_STATE_CLOSED);
  g_assert_cmpint (carport_locks_get_hatch (locks), ==, CARPORT_OPENING_STATE_OPEN);
  assert_time (carport_state_get_updated (CARPORT_STATE (locks)), "2026-09-20T06:13:00Z");
}

static void
test_errors (void)
{
  static const struct { guint status; const char *body; CarportApiError code; } cases[] = {
    { 401, "{\"errors\":{\"status\":\"Unauthorized\",\"code\":\"401000\",\"detail\":\"Invalid or missing token\"}}",
      CARPORT_API_ERROR_UNAUTHORIZED },
    { 403, "{\"errors\":[{\"code\":\"403009\",\"detail\":\"Privacy mode currently ON\"}]}", CARPORT_API_ERROR_PRIVACY_MODE },
    { 403, "{\"errors\":[{\"code\":\"403\",\"title\":\"security.access\"}]}", CARPORT_API_ERROR_FORBIDDEN },
    { 404, "{\"errors\":[{\"status\":\"Not Found\",\"code\":\"404\"}]}", CARPORT_API_ERROR_NOT_FOUND },
    { 501, "{\"errors\":[{\"code\":\"501\",\"title\":\"Not supported Feature\"}]}", CARPORT_API_ERROR_NOT_SUPPORTED },
    { 409, "{\"errors\":[{\"code\":\"409\"}]}", CARPORT_API_ERROR_IN_PROGRESS },
    { 429, "{\"errors\":[{\"code\":\"429\"}]}", CARPORT_API_ERROR_QUOTA_LIMIT },
    { 500, "{\"errors\":[{\"code\":\"500\"}]}", CARPORT_API_ERROR_SERVER },
    { 502, "{\"errors\":[{\"code\":\"502\"}]}", CARPORT_API_ERROR_UPSTREAM },
    { 200, "{\"errors\":[{\"code\":\"501\"}]}", CARPORT_API_ERROR_NOT_SUPPORTED },  /* errors inside a 200 */
    { 200, "{\"data\":{},\"errors\":[]}", CARPORT_API_ERROR_FAILED },               /* even empty */
    { 400, "{\"errors\":[{\"code\":\"400\",\"title\":\"Http message is not readable\"}]}", CARPORT_API_ERROR_INVALID_INPUT },
    { 418, "{\"errors\":[{\"code\":\"999999\"}]}", CARPORT_API_ERROR_FAILED },
    { 502, "<html><body>Bad gateway</body></html>", CARPORT_API_ERROR_SERVER },
    { 200, "garbage", CARPORT_API_ERROR_INVALID_RESPONSE },
    { 403, "{}", CARPORT_API_ERROR_FORBIDDEN },
    { 401, "", CARPORT_API_ERROR_UNAUTHORIZED },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) body = g_bytes_new_static (cases[i].body, strlen (cases[i].body));
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) root = carport_nissan_parse_response (cases[i].status, body, &error);

      g_test_message ("case %" G_GSIZE_FORMAT ": %s", i, cases[i].body);
      g_assert_null (root);
      g_assert_error (error, CARPORT_API_ERROR, (int) cases[i].code);
    }
}

static void
test_tokens (void)
{
  static const char good[] = "{\"access_token\":\"a\",\"refresh_token\":\"r\",\"id_token\":\"i\","
                             "\"token_type\":\"bearer\",\"expires_in\":\"1800\"}";
  static const char bare[] = "{\"access_token\":\"a\",\"expires_in\":0}";
  static const char oauth_error[] = "{\"error\":\"invalid_grant\",\"error_description\":\"id token has expired\"}";
  static const char wrong_type[] = "{\"access_token\":\"a\",\"token_type\":\"MAC\"}";
  CarportNissanTokens tokens;
  g_autoptr(GError) error = NULL;
  gboolean rejected;
  GBytes *body;

  body = g_bytes_new_static (good, strlen (good));
  g_assert_true (carport_nissan_parse_tokens (200, body, &tokens, &rejected, &error));
  g_assert_cmpstr (tokens.access_token, ==, "a");
  g_assert_cmpstr (tokens.refresh_token, ==, "r");
  g_assert_cmpstr (tokens.id_token, ==, "i");
  g_assert_cmpint (tokens.expires_in, ==, 1800);
  carport_nissan_tokens_clear (&tokens);
  g_bytes_unref (body);

  body = g_bytes_new_static (bare, strlen (bare));
  g_assert_true (carport_nissan_parse_tokens (200, body, &tokens, &rejected, &error));
  g_assert_null (tokens.refresh_token);
  g_assert_cmpint (tokens.expires_in, ==, 3600);
  carport_nissan_tokens_clear (&tokens);
  g_bytes_unref (body);

  body = g_bytes_new_static (oauth_error, strlen (oauth_error));
  g_assert_false (carport_nissan_parse_tokens (400, body, &tokens, &rejected, &error));
  g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "id token has expired"));
  g_assert_true (rejected);
  g_clear_error (&error);
  g_bytes_unref (body);

  body = g_bytes_new_static (wrong_type, strlen (wrong_type));
  g_assert_false (carport_nissan_parse_tokens (200, body, &tokens, &rejected, &error));
  g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_INVALID_RESPONSE);
  g_clear_error (&error);
  g_bytes_unref (body);

  body = g_bytes_new_static ("<html>", 6);
  g_assert_false (carport_nissan_parse_tokens (503, body, &tokens, &rejected, &error));
  g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_SERVER);
  g_assert_false (rejected);
  g_bytes_unref (body);
}

static void
test_actions (void)
{
  static const struct { CarportCommandKind kind; double temperature; const char *action, *body; } cases[] = {
    { CARPORT_COMMAND_KIND_REFRESH_BATTERY, NAN, "refresh-battery-status", "{\"data\":{\"type\":\"RefreshBatteryStatus\"}}" },
    { CARPORT_COMMAND_KIND_REFRESH_LOCATION, NAN, "refresh-location", "{\"data\":{\"type\":\"RefreshLocation\"}}" },
    { CARPORT_COMMAND_KIND_REFRESH_HVAC, NAN, "refresh-hvac-status", "{\"data\":{\"type\":\"RefreshHvacStatus\"}}" },
    { CARPORT_COMMAND_KIND_REFRESH_LOCKS, NAN, "refresh-lock-status", "{\"data\":{\"type\":\"RefreshLockStatus\"}}" },
    { CARPORT_COMMAND_KIND_HVAC_START, 21.4, "hvac-start",
      "{\"data\":{\"type\":\"HvacStart\",\"attributes\":{\"action\":\"start\",\"targetTemperature\":21}}}" },
    { CARPORT_COMMAND_KIND_HVAC_START, NAN, "hvac-start",
      "{\"data\":{\"type\":\"HvacStart\",\"attributes\":{\"action\":\"start\",\"targetTemperature\":21}}}" },
    { CARPORT_COMMAND_KIND_HVAC_START, 25.6, "hvac-start",
      "{\"data\":{\"type\":\"HvacStart\",\"attributes\":{\"action\":\"start\",\"targetTemperature\":26}}}" },
    { CARPORT_COMMAND_KIND_HVAC_STOP, NAN, "hvac-start", "{\"data\":{\"type\":\"HvacStart\",\"attributes\":{\"action\":\"stop\"}}}" },
    { CARPORT_COMMAND_KIND_CHARGE_START, NAN, "charging-start",
      "{\"data\":{\"type\":\"ChargingStart\",\"attributes\":{\"action\":\"start\"}}}" },
    { CARPORT_COMMAND_KIND_CHARGE_STOP, NAN, "charging-start",
      "{\"data\":{\"type\":\"ChargingStart\",\"attributes\":{\"action\":\"stop\"}}}" },
    { CARPORT_COMMAND_KIND_HORN, NAN, "horn-lights",
      "{\"data\":{\"type\":\"HornLights\",\"attributes\":{\"action\":\"start\",\"duration\":5,\"target\":\"horn_lights\"}}}" },
    { CARPORT_COMMAND_KIND_LIGHTS, NAN, "horn-lights",
      "{\"data\":{\"type\":\"HornLights\",\"attributes\":{\"action\":\"start\",\"duration\":5,\"target\":\"lights\"}}}" },
  };
  static const double refused[] = { 15.4, 26.6, 30, 0 };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(CarportCommand) command = carport_command_new (cases[i].kind, "VIN");
      g_autoptr(GError) error = NULL;
      g_autofree char *body = NULL;
      const char *action = NULL;

      carport_command_set_temperature_c (command, cases[i].temperature);
      body = carport_nissan_build_action (command, &action, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (action, ==, cases[i].action);
      g_assert_cmpstr (body, ==, cases[i].body);
    }

  for (gsize i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(CarportCommand) command = carport_command_new (CARPORT_COMMAND_KIND_HVAC_START, "VIN");
      g_autoptr(GError) error = NULL;
      const char *action = NULL;

      carport_command_set_temperature_c (command, refused[i]);
      g_assert_null (carport_nissan_build_action (command, &action, &error));
      g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_INVALID_INPUT);
      g_assert_cmpstr (error->message, ==, "The temperature must be between 16 °C and 26 °C.");
    }

  {
    g_autoptr(CarportCommand) command = carport_command_new (CARPORT_COMMAND_KIND_CHARGE_MODE, "VIN");
    g_autoptr(GError) error = NULL;
    const char *action = NULL;

    g_assert_null (carport_nissan_build_action (command, &action, &error));
    g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_NOT_SUPPORTED);
  }
}

static void
test_action_answers (void)
{
  g_autoptr(JsonNode) answer = fixture_root ("action.hvac-start.json");
  g_autoptr(JsonNode) completed = fixture_root ("action-status.completed.json");
  g_autoptr(JsonNode) timeout = fixture_root ("action-status.timeout.json");
  g_autofree char *id = carport_nissan_parse_action_id (answer);
  g_autofree char *message = NULL;
  static const char * const pending[] = { "PENDING", "CREATED", "PRISTINE", "SOMETHING-NEW" };

  g_assert_cmpstr (id, ==, "5c1b8a52-3b1e-4f0c-9a8e-1d2f3a4b5c6d");

  g_assert_cmpint (carport_nissan_parse_action_status (completed, &message), ==, CARPORT_COMMAND_STATE_COMPLETED);
  g_assert_null (message);
  g_assert_cmpint (carport_nissan_parse_action_status (timeout, &message), ==, CARPORT_COMMAND_STATE_FAILED);
  g_assert_nonnull (strstr (message, "timeout"));
  g_assert_nonnull (strstr (message, "408"));

  for (gsize i = 0; i < G_N_ELEMENTS (pending); i++)
    {
      g_autofree char *text = g_strdup_printf ("{\"data\":{\"attributes\":{\"status\":\"%s\"}}}", pending[i]);
      g_autoptr(GBytes) body = g_bytes_new (text, strlen (text));
      g_autoptr(JsonNode) root = parse_ok (body);
      g_autofree char *none = NULL;

      g_assert_cmpint (carport_nissan_parse_action_status (root, &none), ==, CARPORT_COMMAND_STATE_PENDING);
      g_assert_null (none);
    }
}

/* ------------------------------------------------------------------------ */
/* Login pieces */

static void
test_pkce (void)
{
  g_autofree char *verifier = carport_nissan_pkce_verifier ();
  g_autofree char *other = carport_nissan_pkce_verifier ();
  g_autofree char *state = carport_nissan_random_state ();
  g_autofree char *challenge = NULL;

  g_assert_cmpuint (strlen (verifier), ==, 86);
  g_assert_cmpuint (strlen (state), ==, 43);
  g_assert_cmpstr (verifier, !=, other);
  for (const char *p = verifier; *p; p++)
    g_assert_true (g_ascii_isalnum (*p) || *p == '-' || *p == '_');

  /* RFC 7636 appendix B. */
  challenge = carport_nissan_pkce_challenge ("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");
  g_assert_cmpstr (challenge, ==, "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
}

static void
test_form (void)
{
  g_autoptr(GBytes) page = fixture ("login.html");
  g_autofree char *html = g_strndup (g_bytes_get_data (page, NULL), g_bytes_get_size (page));
  g_autoptr(CarportNissanForm) form = carport_nissan_form_parse (html);
  g_autofree char *encoded = NULL;
  g_autoptr(GHashTable) params = NULL;

  g_assert_nonnull (form);
  g_assert_cmpstr (form->action, ==, "../commonauth?a=1&b=2");
  g_assert_cmpstr (carport_nissan_form_get (form, "sessionDataKey"), ==, "9f7c-42");
  g_assert_cmpstr (carport_nissan_form_get (form, "regionCode"), ==, "EU");
  g_assert_cmpstr (carport_nissan_form_get (form, "tenantDomain"), ==, "carbon.super");
  g_assert_cmpstr (carport_nissan_form_get (form, "chkRemember"), ==, "");
  g_assert_cmpstr (carport_nissan_form_get (form, "password"), ==, "");
  g_assert_null (carport_nissan_form_get (form, "ignored"));
  g_assert_null (carport_nissan_form_get (form, "locale"));

  encoded = carport_nissan_form_encode (form, "me+x@example.com", "p&ss w=rd");
  params = g_uri_parse_params (encoded, -1, "&", G_URI_PARAMS_WWW_FORM, NULL);
  g_assert_cmpstr (g_hash_table_lookup (params, "userName"), ==, "me+x@example.com");
  g_assert_cmpstr (g_hash_table_lookup (params, "username"), ==, "EU/me+x@example.com");
  g_assert_cmpstr (g_hash_table_lookup (params, "password"), ==, "p&ss w=rd");
  g_assert_cmpstr (g_hash_table_lookup (params, "sessionDataKey"), ==, "9f7c-42");
  g_assert_cmpstr (g_hash_table_lookup (params, "tenantDomain"), ==, "carbon.super");
}

static void
test_form_variants (void)
{
  g_autoptr(CarportNissanForm) bare = NULL;
  g_autoptr(CarportNissanForm) open = NULL;
  g_autofree char *encoded = NULL;
  g_autoptr(GHashTable) params = NULL;

  /* No regionCode: a bare username; a form left open at the end. */
  bare = carport_nissan_form_parse ("<form action=x><input name=sessionDataKey value=k>"
                                    "<input name=regionCode value=''><input name=password></form>");
  g_assert_nonnull (bare);
  encoded = carport_nissan_form_encode (bare, "a@b.c", "pw");
  params = g_uri_parse_params (encoded, -1, "&", G_URI_PARAMS_WWW_FORM, NULL);
  g_assert_cmpstr (g_hash_table_lookup (params, "username"), ==, "a@b.c");

  open = carport_nissan_form_parse ("<form><input name='sessionDataKey'><input name=\"password\" type=password>");
  g_assert_nonnull (open);
  g_assert_cmpstr (open->action, ==, "");

  g_assert_null (carport_nissan_form_parse ("<html><body><p>Please accept the terms</p>"
                                            "<form action=/consent><input name=consent></form></body></html>"));
  g_assert_null (carport_nissan_form_parse ("<form><input name=sessionDataKey></form><input name=password>"));
  g_assert_null (carport_nissan_form_parse (""));
  g_assert_null (carport_nissan_form_parse ("<form <input name=sessionDataKey"));
}

static void
test_callback (void)
{
  char *code, *state, *error_text;

  g_assert_true (carport_nissan_parse_callback ("com://wso2.service.nci?code=c%2B1&state=s1&session_state=x",
                                                &code, &state, &error_text));
  g_assert_cmpstr (code, ==, "c+1");
  g_assert_cmpstr (state, ==, "s1");
  g_assert_null (error_text);
  g_free (code);
  g_free (state);

  g_assert_true (carport_nissan_parse_callback ("com://wso2.service.nci/?error=access_denied&error_description=no&state=s",
                                                &code, &state, &error_text));
  g_assert_null (code);
  g_assert_cmpstr (error_text, ==, "access_denied: no");
  g_free (state);
  g_free (error_text);

  g_assert_false (carport_nissan_parse_callback ("https://wso2.service.nci/?code=x", &code, &state, &error_text));
  g_assert_false (carport_nissan_parse_callback ("com://evil.example/?code=x", &code, &state, &error_text));
  g_assert_false (carport_nissan_parse_callback (NULL, &code, &state, &error_text));

  g_assert_true (carport_nissan_same_origin ("https://login.example.com/a/b?c", "https://LOGIN.example.com:443/"));
  g_assert_false (carport_nissan_same_origin ("https://login.example.com:8443/", "https://login.example.com/"));
  g_assert_false (carport_nissan_same_origin ("http://login.example.com/", "https://login.example.com/"));
  g_assert_false (carport_nissan_same_origin ("https://evil.example.com/", "https://login.example.com/"));
}

static void
test_roots (void)
{
  const CarportNissanRegion *eu = carport_nissan_region_lookup (NULL);
  const char *overrides[] = { "CARPORT_NISSAN_AUTH_URL=http://127.0.0.1:9/oneid/", NULL };
  const char *insecure[] = { "CARPORT_NISSAN_BFF_URL=http://example.com/bff/", NULL };
  char *roots[CARPORT_NISSAN_N_SERVICES];
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (eu);
  g_assert_null (carport_nissan_region_lookup ("us"));
  g_assert_true (carport_nissan_resolve_roots (eu, NULL, roots, &error));
  g_assert_cmpstr (roots[CARPORT_NISSAN_SERVICE_AUTH], ==, "https://login.mynissan-account.com");
  g_assert_cmpstr (roots[CARPORT_NISSAN_SERVICE_BFF], ==, "https://nci-bff-web-prod.apps.eu2.kamereon.io/bff-web");
  g_assert_nonnull (roots[CARPORT_NISSAN_SERVICE_ACTION_STATUS]);
  for (guint i = 0; i < CARPORT_NISSAN_N_SERVICES; i++)
    g_free (roots[i]);

  /* Overridden: the optional hosts are not the real ones. */
  g_assert_true (carport_nissan_resolve_roots (eu, overrides, roots, &error));
  g_assert_cmpstr (roots[CARPORT_NISSAN_SERVICE_AUTH], ==, "http://127.0.0.1:9/oneid");
  g_assert_null (roots[CARPORT_NISSAN_SERVICE_ACTION_STATUS]);
  g_assert_null (roots[CARPORT_NISSAN_SERVICE_NOTIFICATIONS]);
  for (guint i = 0; i < CARPORT_NISSAN_N_SERVICES; i++)
    g_free (roots[i]);

  g_assert_false (carport_nissan_resolve_roots (eu, insecure, roots, &error));
  g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_INSECURE_URL);
}

/* ------------------------------------------------------------------------ */
/* Trip history (§3.2, service 235) */

static CarportTripSummary
trip_summary (CarportVehicle     *vehicle,
              CarportTripsPeriod  period)
{
  CarportTripSummary out;

  carport_trips_get_summary (carport_vehicle_get_trips (vehicle), period, &out);
  return out;
}

static void
test_trips_query (void)
{
  g_autoptr(GDateTime) today = g_date_time_new_local (2026, 3, 4, 23, 59, 0);
  g_autofree char *month = carport_nissan_trips_query (CARPORT_TRIPS_PERIOD_MONTH, today);
  g_autofree char *day = carport_nissan_trips_query (CARPORT_TRIPS_PERIOD_TODAY, today);

  g_assert_cmpstr (month, ==, "type=1&start=2026-03-01&end=2026-03-04");
  g_assert_cmpstr (day, ==, "type=0&start=2026-03-04&end=2026-03-04");
}

static void
test_trips (void)
{
  g_autoptr(CarportVehicle) leaf = vehicle_new (CARPORT_ENERGY_ELECTRIC);
  g_autoptr(CarportVehicle) petrol = vehicle_new (CARPORT_ENERGY_FUEL);
  g_autoptr(JsonNode) month = fixture_root ("trip-history.monthly.json");
  g_autoptr(JsonNode) day = fixture_root ("trip-history.daily.json");
  g_autoptr(JsonNode) invalid = fixture_root ("trip-history.invalid.json");
  g_autoptr(JsonNode) no_list = fixture_root ("location.json");
  g_autoptr(GDateTime) today = g_date_time_new_local (2026, 3, 14, 21, 0, 0);
  g_autoptr(GDateTime) next_month = g_date_time_new_local (2026, 4, 1, 8, 0, 0);
  g_autoptr(GError) error = NULL;
  CarportTripSummary s;

  /* The month's entry by its key (a number here), not the first one; the
   * day's from a flat body; an EV's 0 l of fuel is not applicable. */
  g_assert_true (carport_nissan_parse_trips (leaf, month, day, today, &error));
  g_assert_no_error (error);
  s = trip_summary (leaf, CARPORT_TRIPS_PERIOD_MONTH);
  g_assert_cmpint (s.trips, ==, 57);
  g_assert_cmpfloat (s.distance_km, ==, 1243.75);
  g_assert_cmpint (s.duration_minutes, ==, 1810);
  g_assert_cmpfloat (s.electricity_kwh, ==, 198.4);
  g_assert_false (carport_is_known (s.fuel_litres));
  s = trip_summary (leaf, CARPORT_TRIPS_PERIOD_TODAY);
  g_assert_cmpint (s.trips, ==, 2);
  g_assert_cmpfloat (s.distance_km, ==, 18.5);
  g_assert_cmpint (s.duration_minutes, ==, 34);
  g_assert_cmpfloat (s.electricity_kwh, ==, 2.9);
  /* The latest trip's end, of either answer. */
  assert_time (carport_state_get_updated (CARPORT_STATE (carport_vehicle_get_trips (leaf))), "2026-03-14T19:20:30Z");

  /* A combustion car: 0 l is a value, 0 kWh (here: a month without
   * trips) is not applicable. */
  g_assert_true (carport_nissan_parse_trips (petrol, month, day, today, &error));
  g_assert_cmpfloat (trip_summary (petrol, CARPORT_TRIPS_PERIOD_TODAY).fuel_litres, ==, 0);
  g_assert_true (carport_nissan_parse_trips (petrol, month, day, next_month, &error));
  g_assert_cmpfloat (trip_summary (petrol, CARPORT_TRIPS_PERIOD_MONTH).fuel_litres, ==, 0);
  g_assert_false (carport_is_known (trip_summary (petrol, CARPORT_TRIPS_PERIOD_MONTH).electricity_kwh));

  /* No daily answer: today unknown, the month kept. */
  g_assert_true (carport_nissan_parse_trips (leaf, month, NULL, today, &error));
  s = trip_summary (leaf, CARPORT_TRIPS_PERIOD_TODAY);
  g_assert_cmpint (s.trips, ==, -1);
  g_assert_false (carport_is_known (s.distance_km));
  g_assert_cmpint (trip_summary (leaf, CARPORT_TRIPS_PERIOD_MONTH).trips, ==, 57);

  /* A period without an entry had no trips. */
  g_assert_true (carport_nissan_parse_trips (leaf, month, day, next_month, &error));
  s = trip_summary (leaf, CARPORT_TRIPS_PERIOD_MONTH);
  g_assert_cmpint (s.trips, ==, 0);
  g_assert_cmpfloat (s.distance_km, ==, 0);
  g_assert_cmpint (trip_summary (leaf, CARPORT_TRIPS_PERIOD_TODAY).trips, ==, 0);
  g_assert_null (carport_state_get_updated (CARPORT_STATE (carport_vehicle_get_trips (leaf))));

  /* Values out of range or of the wrong type are unknown. */
  g_assert_true (carport_nissan_parse_trips (leaf, invalid, invalid, today, &error));
  s = trip_summary (leaf, CARPORT_TRIPS_PERIOD_MONTH);
  g_assert_cmpint (s.trips, ==, -1);
  g_assert_false (carport_is_known (s.distance_km));
  g_assert_cmpint (s.duration_minutes, ==, -1);
  g_assert_false (carport_is_known (s.electricity_kwh));
  g_assert_false (carport_is_known (s.fuel_litres));

  /* An answer without summaries is not a trip history; nothing changes. */
  g_assert_true (carport_nissan_parse_trips (leaf, month, day, today, &error));
  g_assert_false (carport_nissan_parse_trips (leaf, no_list, day, today, &error));
  g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_INVALID_RESPONSE);
  g_assert_cmpint (trip_summary (leaf, CARPORT_TRIPS_PERIOD_MONTH).trips, ==, 57);
}

/* ------------------------------------------------------------------------ */
/* Conformance: the recorded bodies in ../shared/fixtures/nissan */

static char *
shared_dir (void)
{
  const char *base = g_getenv ("CARPORT_SHARED_FIXTURES");
  char *dir;

  if (base == NULL || *base == '\0')
    return NULL;
  dir = g_build_filename (base, "nissan", NULL);
  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_free (dir);
      return NULL;
    }
  return dir;
}

#define REQUIRE_SHARED(var) \
  g_autofree char *var = shared_dir (); \
  if (var == NULL) \
    { \
      g_test_skip ("shared fixtures not found (CARPORT_SHARED_FIXTURES)"); \
      return; \
    }

static JsonNode *
shared_root (const char *dir,
             const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GBytes) body = read_bytes (path);

  return parse_ok (body);
}

static void
test_shared_reads (void)
{
  REQUIRE_SHARED (dir);
  g_autoptr(CarportVehicle) ariya = vehicle_new (CARPORT_ENERGY_ELECTRIC);
  g_autoptr(CarportVehicle) micra = vehicle_new (CARPORT_ENERGY_ELECTRIC);
  g_autoptr(CarportVehicle) townstar = vehicle_new (CARPORT_ENERGY_FUEL);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cars = NULL;
  CarportBattery *battery;
  CarportNissanCarInfo *info;

  root = shared_root (dir, "kamereon/battery-status.v2.ariya.attributes.mqtt-dump.json");
  g_assert_true (carport_nissan_parse_endpoint (ariya, CARPORT_ENDPOINT_BATTERY_STATUS, CARPORT_NISSAN_BATTERY_V2, root, &error));
  battery = carport_vehicle_get_battery (ariya);
  g_assert_cmpint (carport_battery_get_level_percent (battery), ==, 69);
  g_assert_cmpfloat (carport_battery_get_range_km (battery), ==, 325);
  g_assert_cmpint (carport_battery_get_remaining_minutes (battery), ==, 73);
  g_assert_cmpint (carport_battery_get_charging (battery), ==, CARPORT_CHARGING_STATE_NOT_CHARGING);
  assert_time (carport_state_get_updated (CARPORT_STATE (battery)), "2023-10-07T10:19:52Z");
  g_clear_pointer (&root, json_node_unref);

  root = shared_root (dir, "kamereon/micra-shapes/battery-status.v3.bff-web.micra.json");
  g_assert_true (carport_nissan_parse_endpoint (micra, CARPORT_ENDPOINT_BATTERY_STATUS, CARPORT_NISSAN_BATTERY_BFF_V3, root, &error));
  battery = carport_vehicle_get_battery (micra);
  g_assert_cmpint (carport_battery_get_level_percent (battery), ==, 57);
  g_assert_cmpfloat (carport_battery_get_range_km (battery), ==, 244);
  g_assert_false (carport_is_known (carport_battery_get_temperature_c (battery)));
  assert_time (carport_state_get_updated (CARPORT_STATE (battery)), "2026-01-01T10:00:00Z");
  g_clear_pointer (&root, json_node_unref);

  root = shared_root (dir, "kamereon/micra-shapes/cars.v5.micra.json");
  cars = carport_nissan_parse_cars (root, "u", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cars->len, ==, 1);
  g_assert_cmpstr (carport_vehicle_get_model_name (g_ptr_array_index (cars, 0)), ==, "Micra");
  g_assert_true (carport_vehicle_supports_endpoint (g_ptr_array_index (cars, 0), CARPORT_ENDPOINT_HVAC_STATUS));
  g_assert_false (carport_vehicle_supports_endpoint (g_ptr_array_index (cars, 0), CARPORT_ENDPOINT_LOCK_STATUS));
  info = carport_nissan_car_info_get (g_ptr_array_index (cars, 0));
  g_assert_cmpint (info->battery_api, ==, CARPORT_NISSAN_BATTERY_BFF_V3);
  g_assert_cmpstr (info->can_generation, ==, "C1A_HS EVO");
  g_assert_true (info->cockpit_v2);
  g_clear_pointer (&root, json_node_unref);

  root = shared_root (dir, "kamereon/cockpit.v2.townstar-petrol.attributes.json");
  g_assert_true (carport_nissan_parse_endpoint (townstar, CARPORT_ENDPOINT_COCKPIT, 0, root, &error));
  g_assert_cmpfloat (carport_cockpit_get_mileage_km (carport_vehicle_get_cockpit (townstar)), ==, 2580);
  g_assert_cmpfloat (carport_cockpit_get_fuel_range_km (carport_vehicle_get_cockpit (townstar)), ==, 671);
  g_clear_pointer (&root, json_node_unref);

  root = shared_root (dir, "kamereon/micra-shapes/cockpit.v2.micra.json");
  g_assert_true (carport_nissan_parse_endpoint (micra, CARPORT_ENDPOINT_COCKPIT, 0, root, &error));
  g_assert_cmpfloat (carport_cockpit_get_mileage_km (carport_vehicle_get_cockpit (micra)), ==, 12345);
  g_clear_pointer (&root, json_node_unref);

  root = shared_root (dir, "kamereon/micra-shapes/location.v1.micra.json");
  g_assert_true (carport_nissan_parse_endpoint (micra, CARPORT_ENDPOINT_LOCATION, 0, root, &error));
  g_assert_cmpfloat (carport_location_get_latitude (carport_vehicle_get_location (micra)), ==, 12.34);
  assert_time (carport_state_get_updated (CARPORT_STATE (carport_vehicle_get_location (micra))), "2026-01-01T06:00:00Z");
  g_clear_pointer (&root, json_node_unref);

  root = shared_root (dir, "kamereon/location.ariya.attributes.mqtt-dump.json");
  g_assert_true (carport_nissan_parse_endpoint (ariya, CARPORT_ENDPOINT_LOCATION, 0, root, &error));
  g_assert_cmpfloat (carport_location_get_longitude (carport_vehicle_get_location (ariya)), ==, 14.7);
  g_clear_pointer (&root, json_node_unref);

  root = shared_root (dir, "kamereon/micra-shapes/hvac-status.v1.micra.json");
  g_assert_true (carport_nissan_parse_endpoint (micra, CARPORT_ENDPOINT_HVAC_STATUS, 0, root, &error));
  g_assert_cmpint (carport_climate_get_state (carport_vehicle_get_climate (micra)), ==, CARPORT_CLIMATE_STATE_OFF);
  g_assert_cmpfloat (carport_climate_get_inside_c (carport_vehicle_get_climate (micra)), ==, 21);
  g_assert_false (carport_is_known (carport_climate_get_outside_c (carport_vehicle_get_climate (micra))));
  g_clear_pointer (&root, json_node_unref);

  root = shared_root (dir, "kamereon/hvac-status.ariya.attributes.mqtt-dump.json");
  g_assert_true (carport_nissan_parse_endpoint (ariya, CARPORT_ENDPOINT_HVAC_STATUS, 0, root, &error));
  assert_time (carport_state_get_updated (CARPORT_STATE (carport_vehicle_get_climate (ariya))), "2023-10-07T10:20:07Z");
  g_clear_pointer (&root, json_node_unref);

  root = shared_root (dir, "kamereon/lock-status.ariya.attributes.mqtt-dump.json");
  g_assert_true (carport_nissan_parse_endpoint (ariya, CARPORT_ENDPOINT_LOCK_STATUS, 0, root, &error));
  g_assert_cmpint (carport_locks_get_state (carport_vehicle_get_locks (ariya)), ==, CARPORT_LOCK_STATE_LOCKED);
  g_assert_cmpint (carport_locks_get_driver (carport_vehicle_get_locks (ariya)), ==, CARPORT_OPENING_STATE_CLOSED);
  g_clear_pointer (&root, json_node_unref);

  root = shared_root (dir, "kamereon/action-response.refresh-battery-status.json");
  {
    g_autofree char *id = carport_nissan_parse_action_id (root);

    g_assert_cmpstr (id, ==, "10105284-e42b-4376-819e-fe50cf52c9df");
  }
  g_clear_pointer (&root, json_node_unref);

  root = shared_root (dir, "kamereon/action-status.rejected.shape.json");
  {
    g_autofree char *message = NULL;

    g_assert_cmpint (carport_nissan_parse_action_status (root, &message), ==, CARPORT_COMMAND_STATE_FAILED);
    g_assert_nonnull (message);
  }
  g_clear_pointer (&root, json_node_unref);

  root = shared_root (dir, "kamereon/action-status.srp-challenge.completed.shape.json");
  g_assert_cmpint (carport_nissan_parse_action_status (root, NULL), ==, CARPORT_COMMAND_STATE_COMPLETED);
  /* The SRP challenge in its data (api-nissan.md §3.4) */
  {
    g_autofree char *salt = carport_nissan_parse_action_data (root, "srpLoginS");
    g_autofree char *b = carport_nissan_parse_action_data (root, "srpLoginB");
    g_autofree char *none = carport_nissan_parse_action_data (root, "srpLoginA");

    g_assert_nonnull (strstr (salt, "10-byte salt"));
    g_assert_nonnull (strstr (b, "server public B"));
    g_assert_null (none);
  }
}

static void
test_shared_trips (void)
{
  REQUIRE_SHARED (dir);
  g_autoptr(CarportVehicle) ariya = vehicle_new (CARPORT_ENERGY_ELECTRIC);
  g_autoptr(JsonNode) root = shared_root (dir, "kamereon/trip-history.monthly.ariya.attributes.mqtt-dump.json");
  g_autoptr(GDateTime) today = g_date_time_new_local (2023, 10, 7, 12, 0, 0);
  g_autoptr(GError) error = NULL;
  CarportTripSummary s;

  /* The recorded month (attributes only, as an MQTT dump has them). */
  g_assert_true (carport_nissan_parse_trips (ariya, root, NULL, today, &error));
  g_assert_no_error (error);
  s = trip_summary (ariya, CARPORT_TRIPS_PERIOD_MONTH);
  g_assert_cmpint (s.trips, ==, 33);
  g_assert_cmpfloat_with_epsilon (s.distance_km, 83.88, 0.01);
  g_assert_cmpint (s.duration_minutes, ==, 178);
  g_assert_cmpfloat_with_epsilon (s.electricity_kwh, 12.95, 0.01);
  g_assert_false (carport_is_known (s.fuel_litres));
  g_assert_cmpint (trip_summary (ariya, CARPORT_TRIPS_PERIOD_TODAY).trips, ==, -1);
  assert_time (carport_state_get_updated (CARPORT_STATE (carport_vehicle_get_trips (ariya))), "2023-10-07T10:20:03Z");
}

static void
test_shared_errors (void)
{
  REQUIRE_SHARED (dir);
  static const struct { const char *name; guint status; CarportApiError code; } cases[] = {
    { "errors/400.http-message-not-readable.lock-unlock.json", 400, CARPORT_API_ERROR_INVALID_INPUT },
    { "errors/401000.invalid-or-missing-token.json", 401, CARPORT_API_ERROR_UNAUTHORIZED },
    { "errors/403.security-access.cockpit.json", 403, CARPORT_API_ERROR_FORBIDDEN },
    { "errors/404.action-status-not-indexed-yet.json", 404, CARPORT_API_ERROR_NOT_FOUND },
    { "errors/500.internal-server-error.cockpit.json", 500, CARPORT_API_ERROR_SERVER },
    { "errors/501.not-supported-feature.battery-status-v2-on-leaf.json", 501, CARPORT_API_ERROR_NOT_SUPPORTED },
    { "kamereon/micra-shapes/cockpit.v1.micra.501-not-supported.json", 501, CARPORT_API_ERROR_NOT_SUPPORTED },
    { "kamereon/micra-shapes/hvac-status.v1.502.json", 502, CARPORT_API_ERROR_UPSTREAM },
    { "kamereon/micra-shapes/location.v1.403-privacy-mode.json", 403, CARPORT_API_ERROR_PRIVACY_MODE },
    { "kamereon/micra-shapes/lock-status.v1.micra.404.json", 404, CARPORT_API_ERROR_NOT_FOUND },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_build_filename (dir, cases[i].name, NULL);
      g_autoptr(GBytes) body = read_bytes (path);
      g_autoptr(GError) error = NULL;
      g_autoptr(GError) in_200 = NULL;
      g_autoptr(JsonNode) root = carport_nissan_parse_response (cases[i].status, body, &error);
      g_autoptr(JsonNode) root_200 = carport_nissan_parse_response (200, body, &in_200);

      g_test_message ("%s", cases[i].name);
      g_assert_null (root);
      g_assert_error (error, CARPORT_API_ERROR, (int) cases[i].code);
      /* The same body inside a 200 is the same error. */
      g_assert_null (root_200);
      g_assert_error (in_200, CARPORT_API_ERROR, (int) cases[i].code);
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/nissan-json/model-names", test_model_names);
  g_test_add_func ("/nissan-json/cars", test_cars);
  g_test_add_func ("/nissan-json/cars-empty", test_cars_empty);
  g_test_add_func ("/nissan-json/battery-v1", test_battery_v1);
  g_test_add_func ("/nissan-json/battery-v2-v3", test_battery_v3);
  g_test_add_func ("/nissan-json/cockpit", test_cockpit);
  g_test_add_func ("/nissan-json/location-hvac-lock", test_location_hvac_lock);
  g_test_add_func ("/nissan-json/errors", test_errors);
  g_test_add_func ("/nissan-json/tokens", test_tokens);
  g_test_add_func ("/nissan-json/actions", test_actions);
  g_test_add_func ("/nissan-json/action-answers", test_action_answers);
  g_test_add_func ("/nissan-json/trips-query", test_trips_query);
  g_test_add_func ("/nissan-json/trips", test_trips);
  g_test_add_func ("/nissan-login/pkce", test_pkce);
  g_test_add_func ("/nissan-login/form", test_form);
  g_test_add_func ("/nissan-login/form-variants", test_form_variants);
  g_test_add_func ("/nissan-login/callback", test_callback);
  g_test_add_func ("/nissan-login/roots", test_roots);
  g_test_add_func ("/nissan-conformance/reads", test_shared_reads);
  g_test_add_func ("/nissan-conformance/errors", test_shared_errors);
  g_test_add_func ("/nissan-conformance/trips", test_shared_trips);

  return g_test_run ();
}
