/* test-conformance.c — the parsers against the recorded responses shared
 * beside the project (../shared/fixtures/renault, from renault-api's test
 * fixtures). Those files are read in place, never copied; when they are
 * absent every test is skipped.
 *
 * Files not named below (the set may grow) still get generic checks: they
 * must parse, and error files must give an error of CARPORT_API_ERROR.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "carport-kamereon-json.h"
#include "carport-renault-charges.h"
#include "carport-renault-json.h"
#include "carport-renault-models.h"

static char *
fixtures_dir (const char *subdir)
{
  const char *base = g_getenv ("CARPORT_SHARED_FIXTURES");
  g_autofree char *dir = NULL;

  if (base == NULL || *base == '\0')
    return NULL;

  dir = g_build_filename (base, "renault", subdir, NULL);
  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    return NULL;

  return g_steal_pointer (&dir);
}

#define REQUIRE_DIR(var, subdir) \
  g_autofree char *var = fixtures_dir (subdir); \
  if (var == NULL) \
    { \
      g_test_skip ("shared fixtures not found (CARPORT_SHARED_FIXTURES)"); \
      return; \
    }

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* Sorted file names of @dir (regular files only). */
static GPtrArray *
list_files (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (handle);
  while ((name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        g_ptr_array_add (names, g_strdup (name));
    }

  g_ptr_array_sort (names, compare_names);
  return names;
}

static GBytes *
read_file (const char *dir,
           const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

static JsonNode *
parse_ok (const char *dir,
          const char *name)
{
  g_autoptr(GBytes) body = read_file (dir, name);
  g_autoptr(GError) error = NULL;
  JsonNode *root;

  g_test_message ("%s", name);
  root = carport_kamereon_parse_response (200, body, &error);
  g_assert_no_error (error);
  g_assert_nonnull (root);
  return root;
}

static void
assert_time (GDateTime  *when,
             const char *expected_utc)
{
  g_autofree char *text = NULL;

  g_assert_nonnull (when);
  text = carport_format_iso8601_utc (when);
  g_assert_cmpstr (text, ==, expected_utc);
}

static gboolean
has_prefix (const char *name,
            const char *prefix)
{
  return g_str_has_prefix (name, prefix);
}

/* ------------------------------------------------------------------------ */

static void
check_vehicle_data_file (const char *dir,
                         const char *name)
{
  g_autoptr(JsonNode) root = parse_ok (dir, name);
  g_autoptr(CarportVehicle) vehicle = carport_vehicle_new ("VF1AAAAA555777999");
  g_autoptr(GError) error = NULL;
  CarportEndpoint endpoint;
  CarportBattery *battery = carport_vehicle_get_battery (vehicle);
  CarportCockpit *cockpit = carport_vehicle_get_cockpit (vehicle);
  CarportClimate *climate = carport_vehicle_get_climate (vehicle);
  CarportLocation *location = carport_vehicle_get_location (vehicle);
  CarportLocks *locks = carport_vehicle_get_locks (vehicle);
  CarportChargeSettings *settings = carport_vehicle_get_charge_settings (vehicle);
  GListModel *schedules = carport_charge_settings_get_schedules (settings);

  if (has_prefix (name, "battery-status"))
    endpoint = CARPORT_ENDPOINT_BATTERY_STATUS;
  else if (has_prefix (name, "cockpit"))
    endpoint = CARPORT_ENDPOINT_COCKPIT;
  else if (has_prefix (name, "location"))
    endpoint = CARPORT_ENDPOINT_LOCATION;
  else if (has_prefix (name, "hvac-status"))
    endpoint = CARPORT_ENDPOINT_HVAC_STATUS;
  else if (has_prefix (name, "hvac-settings"))
    endpoint = CARPORT_ENDPOINT_HVAC_SETTINGS;
  else if (has_prefix (name, "charge-mode") || has_prefix (name, "no_data"))
    endpoint = CARPORT_ENDPOINT_CHARGE_MODE;
  else if (has_prefix (name, "charging-settings"))
    endpoint = CARPORT_ENDPOINT_CHARGING_SETTINGS;
  else if (has_prefix (name, "charge-schedule"))
    endpoint = CARPORT_ENDPOINT_CHARGE_SCHEDULE;
  else if (has_prefix (name, "lock-status"))
    endpoint = CARPORT_ENDPOINT_LOCK_STATUS;
  else if (has_prefix (name, "res-state"))
    endpoint = CARPORT_ENDPOINT_RES_STATE;
  else if (has_prefix (name, "pressure"))
    endpoint = CARPORT_ENDPOINT_PRESSURE;
  else
    return;   /* history, sessions, notification settings: no model for them */

  if (g_str_equal (name, "cockpit.zoe_50.json") || g_str_equal (name, "cockpit.renault_5.json") ||
      g_str_equal (name, "cockpit.zoe.json") || g_str_equal (name, "cockpit.spring.json"))
    carport_vehicle_set_energy (vehicle, CARPORT_ENERGY_ELECTRIC);
  else if (g_str_equal (name, "cockpit.captur_ii.json"))
    carport_vehicle_set_energy (vehicle, CARPORT_ENERGY_FUEL);

  g_assert_true (carport_kamereon_parse_endpoint (vehicle, endpoint, root, &error));
  g_assert_no_error (error);

  /* Generic plausibility. */
  if (endpoint == CARPORT_ENDPOINT_BATTERY_STATUS)
    {
      int level = carport_battery_get_level_percent (battery);

      g_assert_cmpint (level, >=, 0);
      g_assert_cmpint (level, <=, 100);
      g_assert_cmpint (carport_battery_get_plug (battery), !=, CARPORT_PLUG_STATE_NONE);
      g_assert_cmpint (carport_battery_get_charging (battery), !=, CARPORT_CHARGING_STATE_NONE);
      g_assert_cmpint (carport_battery_get_charging (battery), !=, CARPORT_CHARGING_STATE_UNKNOWN);
      g_assert_nonnull (carport_state_get_updated (CARPORT_STATE (battery)));
    }
  else if (endpoint == CARPORT_ENDPOINT_COCKPIT)
    {
      g_assert_cmpfloat (carport_cockpit_get_mileage_km (cockpit), >, 0);
    }
  else if (endpoint == CARPORT_ENDPOINT_LOCATION)
    {
      g_assert_true (carport_is_known (carport_location_get_latitude (location)));
      g_assert_true (carport_is_known (carport_location_get_longitude (location)));
      g_assert_nonnull (carport_state_get_updated (CARPORT_STATE (location)));
    }
  else if (endpoint == CARPORT_ENDPOINT_HVAC_STATUS)
    {
      g_assert_cmpint (carport_climate_get_state (climate), !=, CARPORT_CLIMATE_STATE_NONE);
    }
  else if (endpoint == CARPORT_ENDPOINT_LOCK_STATUS)
    {
      g_assert_cmpint (carport_locks_get_state (locks), !=, CARPORT_LOCK_STATE_NONE);
    }

  /* Specific files. */
  if (g_str_equal (name, "battery-status.1.json"))
    {
      g_assert_cmpint (carport_battery_get_level_percent (battery), ==, 50);
      g_assert_cmpfloat (carport_battery_get_range_km (battery), ==, 128);
      g_assert_cmpint (carport_battery_get_plug (battery), ==, CARPORT_PLUG_STATE_UNPLUGGED);
      g_assert_cmpint (carport_battery_get_charging (battery), ==, CARPORT_CHARGING_STATE_NOT_CHARGING);
      g_assert_false (carport_is_known (carport_battery_get_available_energy_kwh (battery)));
      assert_time (carport_state_get_updated (CARPORT_STATE (battery)), "2020-11-17T08:06:48Z");
    }
  else if (g_str_equal (name, "battery-status.2.json"))
    {
      g_assert_cmpint (carport_battery_get_level_percent (battery), ==, 60);
      g_assert_cmpint (carport_battery_get_plug (battery), ==, CARPORT_PLUG_STATE_PLUGGED);
      g_assert_cmpint (carport_battery_get_charging (battery), ==, CARPORT_CHARGING_STATE_CHARGING);
      g_assert_cmpfloat (carport_battery_get_available_energy_kwh (battery), ==, 31);
      g_assert_cmpint (carport_battery_get_remaining_minutes (battery), ==, 145);
      g_assert_cmpfloat (carport_battery_get_charging_power_kw (battery), ==, 27.0);
    }
  else if (g_str_equal (name, "cockpit.zoe_50.json"))
    {
      g_assert_false (carport_is_known (carport_cockpit_get_fuel_range_km (cockpit)));
      g_assert_false (carport_is_known (carport_cockpit_get_fuel_litres (cockpit)));
    }
  else if (g_str_equal (name, "cockpit.captur_ii.json"))
    {
      g_assert_cmpfloat (carport_cockpit_get_fuel_range_km (cockpit), >, 0);
      g_assert_cmpfloat (carport_cockpit_get_fuel_litres (cockpit), >, 0);
    }
  else if (g_str_equal (name, "charge-mode.json"))
    {
      g_assert_cmpint (carport_charge_settings_get_mode (settings), ==, CARPORT_CHARGE_MODE_ALWAYS);
    }
  else if (g_str_equal (name, "no_data.json"))
    {
      g_assert_cmpint (carport_charge_settings_get_mode (settings), ==, CARPORT_CHARGE_MODE_NONE);
    }
  else if (g_str_equal (name, "charging-settings.multi.json"))
    {
      g_assert_cmpint (carport_charge_settings_get_mode (settings), ==, CARPORT_CHARGE_MODE_SCHEDULED);
      g_assert_cmpuint (g_list_model_get_n_items (schedules), ==, 5);
    }
  else if (g_str_equal (name, "charging-settings.delayed.json"))
    {
      g_assert_cmpint (carport_charge_settings_get_mode (settings), ==, CARPORT_CHARGE_MODE_DELAYED);
    }
  else if (g_str_equal (name, "charge-schedule.single.json"))
    {
      g_autoptr(CarportSchedule) schedule = NULL;

      g_assert_cmpuint (g_list_model_get_n_items (schedules), ==, 1);
      schedule = g_list_model_get_item (schedules, 0);
      g_assert_cmpuint (carport_schedule_get_days (schedule), ==, 0x7f);
      g_assert_cmpstr (carport_schedule_get_start_time (schedule), ==, "23:00");
      g_assert_cmpint (carport_schedule_get_duration_minutes (schedule), ==, 480);
    }
  else if (g_str_equal (name, "hvac-settings.json"))
    {
      g_assert_cmpuint (g_list_model_get_n_items (schedules), >=, 5);
    }
  else if (g_str_equal (name, "hvac-status.zoe_50.json"))
    {
      g_assert_cmpint (carport_climate_get_state (climate), ==, CARPORT_CLIMATE_STATE_ON);
      g_assert_cmpfloat (carport_climate_get_soc_threshold_percent (climate), ==, 40);
    }
  else if (g_str_equal (name, "lock-status.1.json"))
    {
      g_assert_cmpint (carport_locks_get_state (locks), ==, CARPORT_LOCK_STATE_LOCKED);
      g_assert_cmpint (carport_locks_get_hatch (locks), ==, CARPORT_OPENING_STATE_CLOSED);
    }
  else if (g_str_equal (name, "pressure.json"))
    {
      double bar = carport_tyres_get_front_left_bar (carport_vehicle_get_tyres (vehicle));

      g_assert_cmpfloat (bar, >, 1.0);
      g_assert_cmpfloat (bar, <, 4.0);
    }
}

static void
test_vehicle_data (void)
{
  REQUIRE_DIR (dir, "kamereon/vehicle_data");
  g_autoptr(GPtrArray) names = list_files (dir);

  g_assert_cmpuint (names->len, >, 0);
  for (guint i = 0; i < names->len; i++)
    check_vehicle_data_file (dir, g_ptr_array_index (names, i));
}

static void
test_kcm_data (void)
{
  REQUIRE_DIR (dir, "kamereon/vehicle_kcm_data");
  g_autoptr(GPtrArray) names = list_files (dir);

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      g_autoptr(JsonNode) root = parse_ok (dir, name);
      g_autoptr(CarportVehicle) vehicle = carport_vehicle_new ("VF1AAAAA555777999");
      CarportChargeSettings *settings = carport_vehicle_get_charge_settings (vehicle);
      g_autoptr(GError) error = NULL;

      if (has_prefix (name, "ev-soc-levels"))
        {
          g_assert_true (carport_kamereon_parse_endpoint (vehicle, CARPORT_ENDPOINT_SOC_LEVELS, root, &error));
          g_assert_no_error (error);
          g_assert_cmpint (carport_charge_settings_get_soc_min_percent (settings), >=, 0);
          g_assert_cmpint (carport_charge_settings_get_soc_target_percent (settings), >,
                           carport_charge_settings_get_soc_min_percent (settings));
          if (g_str_equal (name, "ev-soc-levels.json"))
            {
              g_assert_cmpint (carport_charge_settings_get_soc_min_percent (settings), ==, 20);
              g_assert_cmpint (carport_charge_settings_get_soc_target_percent (settings), ==, 80);
            }
        }
      else if (has_prefix (name, "ev-settings"))
        {
          GListModel *schedules = carport_charge_settings_get_schedules (settings);

          g_assert_true (carport_kamereon_parse_endpoint (vehicle, CARPORT_ENDPOINT_EV_SETTINGS, root, &error));
          g_assert_no_error (error);
          g_assert_cmpint (carport_charge_settings_get_mode (settings), !=, CARPORT_CHARGE_MODE_NONE);
          for (guint j = 0; j < g_list_model_get_n_items (schedules); j++)
            {
              g_autoptr(CarportSchedule) schedule = g_list_model_get_item (schedules, j);

              g_assert_false (carport_schedule_get_start_time_is_utc (schedule));
              g_assert_nonnull (carport_schedule_get_start_time (schedule));
            }
          if (g_str_equal (name, "ev-settings.multi.active.json"))
            g_assert_cmpuint (g_list_model_get_n_items (schedules), ==, 3);
          if (g_str_equal (name, "ev-settings.empty.json"))
            g_assert_cmpuint (g_list_model_get_n_items (schedules), ==, 0);
        }
    }
}

static void
check_energy (CarportVehicle *vehicle,
              JsonObject     *spec)
{
  gboolean electricity = json_object_get_boolean_member_with_default (spec, "uses_electricity", FALSE);
  gboolean fuel = json_object_get_boolean_member_with_default (spec, "uses_fuel", FALSE);
  CarportEnergy energy = carport_vehicle_get_energy (vehicle);

  if (electricity && fuel)
    g_assert_cmpint (energy, ==, CARPORT_ENERGY_PLUG_IN_HYBRID);
  else if (electricity)
    g_assert_cmpint (energy, ==, CARPORT_ENERGY_ELECTRIC);
  else
    g_assert_true (energy == CARPORT_ENERGY_FUEL || energy == CARPORT_ENERGY_HYBRID);
}

/* expected_specs.json is keyed by the vehicles/ file names; the details
 * files share some names but not their pictures. */
static void
check_against_spec (CarportVehicle *vehicle,
                    JsonObject     *specs,
                    const char     *name,
                    gboolean        picture)
{
  JsonNode *node = specs != NULL ? json_object_get_member (specs, name) : NULL;
  JsonObject *spec;
  const char *code;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return;
  spec = json_node_get_object (node);
  code = carport_vehicle_get_model_code (vehicle);

  g_assert_cmpstr (code, ==, json_object_get_string_member_with_default (spec, "get_model_code", NULL));
  /* renault-api's label, as people write it. */
  {
    g_autofree char *label = carport_renault_model_normalize_name (json_object_get_string_member_with_default (spec, "get_model_label", NULL));

    g_assert_cmpstr (carport_vehicle_get_model_name (vehicle), ==, label);
  }
  if (picture)
    g_assert_cmpstr (carport_vehicle_get_picture_url (vehicle), ==,
                     json_object_get_string_member_with_default (spec, "get_picture_large", NULL));
  g_assert_cmpint (carport_renault_model_reports_watts (code), ==,
                   json_object_get_boolean_member_with_default (spec, "reports_charging_power_in_watts", FALSE));
  check_energy (vehicle, spec);

  if (json_object_has_member (spec, "supports-hvac-status"))
    g_assert_cmpint (carport_renault_model_get_endpoint (code, CARPORT_ENDPOINT_HVAC_STATUS) != NULL, ==,
                     json_object_get_boolean_member (spec, "supports-hvac-status"));
  if (json_object_has_member (spec, "supports-location"))
    g_assert_cmpint (carport_renault_model_get_endpoint (code, CARPORT_ENDPOINT_LOCATION) != NULL, ==,
                     json_object_get_boolean_member (spec, "supports-location"));
}

static JsonNode *
load_specs (void)
{
  g_autofree char *dir = fixtures_dir ("kamereon");
  g_autofree char *path = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();

  if (dir == NULL)
    return NULL;
  path = g_build_filename (dir, "expected_specs.json", NULL);
  if (!json_parser_load_from_file (parser, path, NULL))
    return NULL;

  return json_parser_steal_root (parser);
}

static void
test_vehicles (void)
{
  REQUIRE_DIR (dir, "kamereon/vehicles");
  g_autoptr(GPtrArray) names = list_files (dir);
  g_autoptr(JsonNode) specs = load_specs ();

  g_assert_cmpuint (names->len, >, 0);
  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      g_autoptr(JsonNode) root = parse_ok (dir, name);
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) vehicles = carport_kamereon_parse_vehicles (root, NULL, &error);
      CarportVehicle *vehicle;

      g_assert_no_error (error);
      g_assert_cmpuint (vehicles->len, >=, 1);
      vehicle = g_ptr_array_index (vehicles, 0);
      g_assert_nonnull (carport_vehicle_get_vin (vehicle));
      g_assert_nonnull (carport_vehicle_get_account_id (vehicle));
      g_assert_cmpint (carport_vehicle_get_brand (vehicle), !=, CARPORT_BRAND_UNKNOWN);
      g_assert_nonnull (carport_vehicle_get_model_code (vehicle));
      g_assert_cmpint (carport_vehicle_get_energy (vehicle), !=, CARPORT_ENERGY_NONE);

      check_against_spec (vehicle, specs != NULL ? json_node_get_object (specs) : NULL, name, TRUE);
    }
}

static void
test_vehicle_details (void)
{
  REQUIRE_DIR (dir, "kamereon/vehicle_details");
  g_autoptr(GPtrArray) names = list_files (dir);
  g_autoptr(JsonNode) specs = load_specs ();

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      g_autoptr(JsonNode) root = parse_ok (dir, name);
      const char *vin = json_object_get_string_member_with_default (json_node_get_object (root), "vin", "VIN");
      g_autoptr(CarportVehicle) vehicle = carport_vehicle_new (vin);
      g_autoptr(GError) error = NULL;

      g_assert_true (carport_kamereon_parse_vehicle_details (vehicle, root, &error));
      g_assert_no_error (error);
      g_assert_nonnull (carport_vehicle_get_model_code (vehicle));
      check_against_spec (vehicle, specs != NULL ? json_node_get_object (specs) : NULL, name, FALSE);
    }
}

static void
test_errors (void)
{
  static const struct {
    const char *file;
    int expected;
  } known[] = {
    { "access_denied.json", CARPORT_API_ERROR_ACCESS_DENIED },
    { "bad_gateway.html", CARPORT_API_ERROR_SERVER },
    { "charge_mode_inprogress.json", CARPORT_API_ERROR_IN_PROGRESS },
    { "failed_forward.json", CARPORT_API_ERROR_UPSTREAM },
    { "forbidden.json", CARPORT_API_ERROR_FORBIDDEN },
    { "hvac-status.403.403011.json", CARPORT_API_ERROR_ACCESS_DENIED },
    { "invalid_date.json", CARPORT_API_ERROR_INVALID_INPUT },
    { "invalid_upstream.json", CARPORT_API_ERROR_UPSTREAM },
    { "not_supported.json", CARPORT_API_ERROR_NOT_SUPPORTED },
    { "privacy_on.json", CARPORT_API_ERROR_PRIVACY_MODE },
    { "resource_not_found.json", CARPORT_API_ERROR_NOT_FOUND },
  };
  REQUIRE_DIR (dir, "kamereon/error");
  g_autoptr(GPtrArray) names = list_files (dir);

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      g_autoptr(GBytes) body = read_file (dir, name);
      guint status = g_str_has_suffix (name, ".html") ? 502 : 400;
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) root = NULL;

      g_test_message ("error/%s", name);
      root = carport_kamereon_parse_response (status, body, &error);
      g_assert_null (root);
      g_assert_nonnull (error);
      g_assert_true (error->domain == CARPORT_API_ERROR);
      g_assert_null (strchr (error->message, '\n'));

      for (gsize j = 0; j < G_N_ELEMENTS (known); j++)
        if (g_str_equal (known[j].file, name))
          g_assert_error (error, CARPORT_API_ERROR, known[j].expected);

      /* The same body with HTTP 200: still the same error. */
      if (!g_str_has_suffix (name, ".html"))
        {
          g_autoptr(GError) again = NULL;
          g_autoptr(JsonNode) root200 = carport_kamereon_parse_response (200, body, &again);

          g_assert_null (root200);
          g_assert_error (again, CARPORT_API_ERROR, error->code);
        }
    }

  /* The details of nested JSON reach the message. */
  {
    g_autoptr(GBytes) body = read_file (dir, "invalid_date.json");
    g_autoptr(GError) error = NULL;
    g_autoptr(JsonNode) root = carport_kamereon_parse_response (400, body, &error);

    g_assert_null (root);
    g_assert_nonnull (strstr (error->message, "/data/attributes/startDateTime must be a future date"));
  }
}

static void
test_gigya (void)
{
  REQUIRE_DIR (dir, "gigya");
  g_autofree char *error_dir = g_build_filename (dir, "error", NULL);
  static const struct {
    const char *file;
    int expected;
  } errors[] = {
    { "login.403042.json", CARPORT_API_ERROR_INVALID_CREDENTIALS },
    { "get_jwt.403005.json", CARPORT_API_ERROR_LOGIN_EXPIRED },
    { "get_jwt.403013.json", CARPORT_API_ERROR_LOGIN_EXPIRED },
  };
  static const char * const successes[] = { "login.json", "get_account_info.json", "get_jwt.json" };

  for (gsize i = 0; i < G_N_ELEMENTS (successes); i++)
    {
      g_autofree char *path = g_build_filename (dir, successes[i], NULL);
      g_autoptr(GBytes) body = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) root = NULL;

      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        continue;
      body = read_file (dir, successes[i]);
      root = carport_gigya_parse_response (200, body, &error);
      g_assert_no_error (error);
      g_assert_nonnull (root);
    }

  for (gsize i = 0; i < G_N_ELEMENTS (errors); i++)
    {
      g_autofree char *path = g_build_filename (error_dir, errors[i].file, NULL);
      g_autoptr(GBytes) body = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) root = NULL;

      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        continue;
      body = read_file (error_dir, errors[i].file);
      root = carport_gigya_parse_response (200, body, &error);
      g_assert_null (root);
      g_assert_error (error, CARPORT_API_ERROR, errors[i].expected);
    }

  {
    g_autofree char *path = g_build_filename (dir, "login_invalid.txt", NULL);

    if (g_file_test (path, G_FILE_TEST_EXISTS))
      {
        g_autoptr(GBytes) body = read_file (dir, "login_invalid.txt");
        g_autoptr(GError) error = NULL;
        g_autoptr(JsonNode) root = carport_gigya_parse_response (200, body, &error);

        g_assert_null (root);
        g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_INVALID_RESPONSE);
      }
  }
}

/* charge-history per day and month; hvac-history and hvac-sessions, whose
 * recorded answers are empty. */
static void
test_usage (void)
{
  static const struct {
    const char         *name;
    CarportUsageSource  source;
    guint               n;
    int                 first_minutes;
  } files[] = {
    { "charge-history.day.json", CARPORT_USAGE_CHARGES, 2, 657 },
    { "charge-history.month.json", CARPORT_USAGE_CHARGES, 1, 479 },
    { "hvac-history.json", CARPORT_USAGE_CLIMATE, 0, 0 },
    { "hvac-sessions.json", CARPORT_USAGE_CLIMATE_SESSIONS, 0, 0 },
  };
  REQUIRE_DIR (dir, "kamereon/vehicle_data");

  for (gsize i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_build_filename (dir, files[i].name, NULL);
      g_autoptr(JsonNode) root = NULL;
      g_autoptr(GPtrArray) entries = NULL;
      g_autoptr(GError) error = NULL;

      if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
        continue;
      root = parse_ok (dir, files[i].name);
      entries = carport_renault_parse_usage (root, files[i].source, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (entries->len, ==, files[i].n);
      if (files[i].n > 0)
        g_assert_cmpint (((CarportUsage *) g_ptr_array_index (entries, 0))->duration_minutes, ==,
                         files[i].first_minutes);
    }
}

static void
test_person_and_notifications (void)
{
  REQUIRE_DIR (dir, "kamereon");
  g_autofree char *person_dir = g_build_filename (dir, "person", NULL);
  g_autoptr(JsonNode) person = parse_ok (dir, "person.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) accounts = carport_kamereon_parse_accounts (person, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (accounts->len, >=, 1);

  if (g_file_test (person_dir, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(JsonNode) notifications = parse_ok (person_dir, "notifications.1.json");
      JsonArray *data = json_object_get_array_member (json_node_get_object (notifications), "data");
      const char *id;
      g_autofree char *message = NULL;

      g_assert_cmpuint (json_array_get_length (data), >=, 1);
      id = json_object_get_string_member (json_array_get_object_element (data, 0), "notificationId");
      /* CREATED, and an SRP salt: still pending. */
      g_assert_cmpint (carport_kamereon_parse_notification (notifications, id, &message), ==,
                       CARPORT_COMMAND_STATE_PENDING);
      g_assert_null (message);
    }
}

static void
test_actions (void)
{
  REQUIRE_DIR (dir, "kamereon/vehicle_action");
  g_autofree char *kcm_dir = fixtures_dir ("kamereon/vehicle_kcm_action");
  g_autoptr(GPtrArray) names = list_files (dir);

  for (guint i = 0; i < names->len; i++)
    {
      g_autoptr(JsonNode) root = parse_ok (dir, g_ptr_array_index (names, i));
      g_autofree char *id = carport_kamereon_parse_action_id (root);

      g_assert_nonnull (id);
    }

  if (kcm_dir != NULL)
    {
      g_autoptr(GPtrArray) kcm_names = list_files (kcm_dir);

      for (guint i = 0; i < kcm_names->len; i++)
        {
          const char *name = g_ptr_array_index (kcm_names, i);
          g_autoptr(JsonNode) root = parse_ok (kcm_dir, name);
          g_autofree char *id = carport_kamereon_parse_action_id (root);

          if (g_str_equal (name, "ev-settings.charge-start.json"))
            g_assert_null (id);
          else
            g_assert_nonnull (id);
        }
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/conformance/vehicle-data", test_vehicle_data);
  g_test_add_func ("/conformance/kcm-data", test_kcm_data);
  g_test_add_func ("/conformance/vehicles", test_vehicles);
  g_test_add_func ("/conformance/vehicle-details", test_vehicle_details);
  g_test_add_func ("/conformance/errors", test_errors);
  g_test_add_func ("/conformance/gigya", test_gigya);
  g_test_add_func ("/conformance/person-notifications", test_person_and_notifications);
  g_test_add_func ("/conformance/usage", test_usage);
  g_test_add_func ("/conformance/actions", test_actions);

  return g_test_run ();
}
