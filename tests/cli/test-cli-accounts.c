/* test-cli-accounts.c — carport-cli with a Renault and a Nissan login.
 *
 * Real carport-cli processes against a carport-simulator process, the logins
 * kept in the private keyring of build-aux/test-session (the tests skip
 * without it). Every test starts from no login and leaves none behind, and
 * the test runs alone (is_parallel: false) since the keyring and the state
 * cache are those of the whole test session. */
#include "config.h"

#include <glib/gstdio.h>

#include <math.h>
#include <string.h>

#include "carport-cli-exit.h"
#include "cli-test-util.h"

/* The simulator's demo Nissans (src/sim/README.md); each test checks that
 * the account lists them as such. */
#define LEAF_VIN "SJNFAAZE1U0000001"
#define ARIYA_VIN "SJNTAAFE0U0000002"
#define MICRA_VIN "VNVMICRAE00000003"

static JsonNode *
vehicles (void)
{
  g_auto(Run) run = { 0 };
  JsonNode *root;

  run_cli (&run, "--json", "vehicles");
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpint (run.status, ==, 0);
  root = parse (run.out);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (root));
  return root;
}

/* The vehicle of the list whose @member is @value, or NULL. */
static JsonObject *
find_by (JsonNode   *list,
         const char *member,
         const char *value)
{
  JsonArray *array = json_node_get_array (list);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *vehicle = json_array_get_object_element (array, i);

      if (g_strcmp0 (json_object_get_string_member (vehicle, member), value) == 0)
        return vehicle;
    }
  return NULL;
}

static guint
count_brand (JsonNode   *list,
             const char *brand)
{
  JsonArray *array = json_node_get_array (list);
  guint n = 0;

  for (guint i = 0; i < json_array_get_length (array); i++)
    n += g_str_equal (json_object_get_string_member (json_array_get_object_element (array, i), "brand"), brand);
  return n;
}

/* `--json status --vin @car`; the document, after checking a clean exit. */
static JsonNode *
status (const char *car)
{
  g_auto(Run) run = { 0 };
  JsonNode *root;

  run_cli (&run, "--json", "status", "--vin", car);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpint (run.status, ==, 0);
  root = parse (run.out);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  return root;
}

static void
assert_status_of (const char *car,
                  const char *vin)
{
  g_autoptr(JsonNode) root = status (car);

  g_test_message ("--vin '%s'", car);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (root), "vin"), ==, vin);
}

static gboolean
array_has_string (JsonArray  *array,
                  const char *value)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    if (g_strcmp0 (json_array_get_string_element (array, i), value) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
is_one_of (const char         *value,
           const char * const *allowed)
{
  return value && g_strv_contains (allowed, value);
}

/* A time as cli-json.md has it: ISO-8601 in UTC with a Z. */
static void
assert_utc_time (JsonObject *object,
                 const char *member)
{
  const char *text;
  g_autoptr(GDateTime) when = NULL;

  if (json_object_get_null_member (object, member))
    return;
  text = json_object_get_string_member (object, member);
  g_assert_nonnull (text);
  g_assert_true (g_str_has_suffix (text, "Z"));
  when = g_date_time_new_from_iso8601 (text, NULL);
  g_assert_nonnull (when);
}

/* ----------------------------------------------------------------------- */

static void
test_two_logins (void)
{
  Sim sim = { 0 };
  g_autoptr(JsonNode) both = NULL;
  g_autoptr(JsonNode) renault_only = NULL;
  g_auto(Run) ambiguous = { 0 };
  g_auto(Run) horn = { 0 };
  g_auto(Run) logout_nissan = { 0 };
  g_auto(Run) gone = { 0 };
  g_auto(Run) first = { 0 };
  g_auto(Run) logout_all = { 0 };
  g_auto(Run) after = { 0 };
  g_autofree char *plate_lower = NULL;
  g_autofree char *plate_spaced = NULL;
  g_autofree char *leaf_vin = NULL;
  g_autofree char *renault_account = NULL;
  g_autofree char *nissan_account = NULL;
  const char *nissan_email;
  JsonObject *leaf, *micra;
  JsonArray *array;
  guint n_renault;

  if (!need_keyring ())
    return;
  sim_start (&sim, NULL);
  nissan_email = json_object_get_string_member (demo_account (&sim, "nissan"), "email");

  login (&sim, "renault");
  renault_only = vehicles ();
  n_renault = json_array_get_length (json_node_get_array (renault_only));
  g_assert_cmpuint (n_renault, >, 0);
  g_assert_cmpuint (count_brand (renault_only, "nissan"), ==, 0);
  login (&sim, "nissan");

  /* Both logins' cars, the Nissans marked so, each with its account. */
  both = vehicles ();
  array = json_node_get_array (both);
  g_assert_cmpuint (count_brand (both, "nissan"), ==, 4);
  g_assert_cmpuint (json_array_get_length (array), ==, n_renault + 4);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *vehicle = json_array_get_object_element (array, i);
      const char *vin = json_object_get_string_member (vehicle, "vin");
      const char *account = json_object_get_string_member (vehicle, "account_id");

      g_test_message ("%s %s", vin, json_object_get_string_member (vehicle, "brand"));
      g_assert_nonnull (account);
      if (g_str_equal (json_object_get_string_member (vehicle, "brand"), "nissan"))
        {
          g_assert_null (find_by (renault_only, "vin", vin));
          if (!nissan_account)
            nissan_account = g_strdup (account);
          g_assert_cmpstr (account, ==, nissan_account);
        }
      else
        {
          g_assert_nonnull (find_by (renault_only, "vin", vin));
          if (!renault_account)
            renault_account = g_strdup (account);
          g_assert_cmpstr (account, ==, renault_account);
        }
    }
  g_assert_cmpstr (renault_account, !=, nissan_account);
  leaf = find_by (both, "model_name", "Leaf");
  micra = find_by (both, "model_name", "Micra");
  g_assert_nonnull (leaf);
  g_assert_nonnull (micra);
  g_assert_cmpstr (json_object_get_string_member (leaf, "brand"), ==, "nissan");
  g_assert_cmpstr (json_object_get_string_member (micra, "vin"), ==, MICRA_VIN);
  leaf_vin = g_strdup (json_object_get_string_member (leaf, "vin"));

  /* A Nissan by VIN, by its plate in another case and spacing, by a model name only it has. */
  assert_status_of (leaf_vin, leaf_vin);
  {
    g_autofree char *lower = g_ascii_strdown (leaf_vin, -1);

    assert_status_of (lower, leaf_vin);
  }
  {
    g_autofree char *down = g_ascii_strdown (json_object_get_string_member (leaf, "registration"), -1);
    g_auto(GStrv) words = g_strsplit (down, " ", -1);
    g_autoptr(GString) spaced = g_string_new (NULL);

    plate_lower = g_strjoinv ("", words);
    for (const char *p = plate_lower; *p; p++)
      g_string_append_printf (spaced, "%c%s", *p, p[1] ? " " : "");
    plate_spaced = g_string_free (g_steal_pointer (&spaced), FALSE);
  }
  g_assert_cmpstr (plate_lower, !=, json_object_get_string_member (leaf, "registration"));
  assert_status_of (plate_lower, leaf_vin);
  assert_status_of (plate_spaced, leaf_vin);
  assert_status_of ("Micra", MICRA_VIN);
  {
    g_autoptr(JsonNode) root = status ("Micra");

    g_assert_cmpstr (json_object_get_string_member (json_node_get_object (root), "brand"), ==, "nissan");
  }

  /* Two Renaults are called ZOE: no guess. */
  g_assert_nonnull (find_by (both, "model_name", "ZOE"));
  run_cli (&ambiguous, "--json", "status", "--vin", "ZOE");
  assert_one_line_error (&ambiguous);
  g_assert_nonnull (strstr (ambiguous.err, "ZOE"));
  g_assert_cmpstr (ambiguous.out, ==, "");

  /* A command on a Nissan, followed to its end. */
  run_cli (&horn, "--json", "horn", "--vin", leaf_vin);
  g_assert_cmpstr (horn.err, ==, "");
  g_assert_cmpint (horn.status, ==, 0);
  {
    g_autoptr(JsonNode) root = parse (horn.out);
    JsonObject *command = json_node_get_object (root);

    g_assert_cmpstr (json_object_get_string_member (command, "vin"), ==, leaf_vin);
    g_assert_cmpstr (json_object_get_string_member (command, "state"), ==, "completed");
    g_assert_nonnull (json_object_get_string_member (command, "id"));
    g_assert_true (json_object_get_null_member (command, "message"));
  }

  /* Logging out of the Nissan account leaves the Renault one. */
  run_cli (&logout_nissan, "logout", "--account", nissan_email);
  g_assert_cmpstr (logout_nissan.err, ==, "");
  g_assert_cmpint (logout_nissan.status, ==, 0);
  {
    g_autoptr(JsonNode) left = vehicles ();

    g_assert_cmpuint (count_brand (left, "nissan"), ==, 0);
    g_assert_cmpuint (json_array_get_length (json_node_get_array (left)), ==, n_renault);
  }
  run_cli (&gone, "--json", "status", "--vin", leaf_vin);
  assert_one_line_error (&gone);
  g_assert_nonnull (strstr (gone.err, leaf_vin));
  run_cli (&first, "--json", "status");
  g_assert_cmpstr (first.err, ==, "");
  g_assert_cmpint (first.status, ==, 0);
  {
    g_autoptr(JsonNode) root = parse (first.out);
    JsonObject *object = json_node_get_object (root);

    g_assert_nonnull (find_by (renault_only, "vin", json_object_get_string_member (object, "vin")));
    g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (object, "battery"),
                                                 "level_percent"), >=, 0);
  }

  /* And logging out of everything leaves nothing. */
  run_cli (&logout_all, "logout");
  g_assert_cmpint (logout_all.status, ==, 0);
  run_cli (&after, "status");
  assert_one_line_error (&after);
  g_assert_nonnull (strstr (after.err, "Not logged in"));

  sim_stop (&sim);
}

/* `--json status` of each demo Nissan against docs/cli-json.md. */
static void
test_nissan_status_json (void)
{
  static const char * const plugs[] = { "plugged", "unplugged", "error", "unknown", NULL };
  static const char * const chargings[] = { "not-charging", "waiting-planned", "ended", "waiting-current",
                                            "flap-open", "charging", "error", "unavailable", "v2g-waiting",
                                            "v2l-connected", "v2g-discharging", "v2g-charging", "unknown", NULL };
  static const char * const sections[] = { "battery", "cockpit", "climate", "location", "locks", NULL };
  static const char * const keys[] = { "vin", "brand", "model_code", "battery", "cockpit", "climate", "location",
                                       "locks", "charge_mode", "unsupported", "errors", NULL };
  Sim sim = { 0 };
  g_autoptr(JsonNode) list = NULL;
  JsonArray *array;

  if (!need_keyring ())
    return;
  sim_start (&sim, NULL);
  login (&sim, "nissan");
  list = vehicles ();
  array = json_node_get_array (list);
  g_assert_cmpuint (json_array_get_length (array), ==, 4);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *vehicle = json_array_get_object_element (array, i);
      const char *vin = json_object_get_string_member (vehicle, "vin");
      const char *model = json_object_get_string_member (vehicle, "model_name");
      g_autoptr(JsonNode) root = status (vin);
      JsonObject *object = json_node_get_object (root);
      JsonArray *unsupported;
      JsonObject *errors;

      g_test_message ("%s %s", vin, model);
      for (guint k = 0; keys[k]; k++)
        g_assert_true (json_object_has_member (object, keys[k]));
      g_assert_cmpstr (json_object_get_string_member (object, "vin"), ==, vin);
      g_assert_cmpstr (json_object_get_string_member (object, "brand"), ==, "nissan");
      unsupported = json_object_get_array_member (object, "unsupported");
      g_assert_nonnull (unsupported);
      errors = json_object_get_object_member (object, "errors");
      g_assert_nonnull (errors);
      g_assert_cmpuint (json_object_get_size (errors), ==, 0);

      /* A section is null exactly when its endpoint is listed unsupported. */
      for (guint k = 0; sections[k]; k++)
        {
          const char *endpoint = g_str_equal (sections[k], "battery") ? "battery-status"
                               : g_str_equal (sections[k], "climate") ? "hvac-status"
                               : g_str_equal (sections[k], "locks") ? "lock-status" : sections[k];

          if (json_object_get_null_member (object, sections[k]))
            g_assert_true (array_has_string (unsupported, endpoint));
          else
            {
              JsonObject *section = json_object_get_object_member (object, sections[k]);

              g_assert_false (array_has_string (unsupported, endpoint));
              assert_utc_time (section, "updated");
            }
        }

      if (!json_object_get_null_member (object, "battery"))
        {
          JsonObject *battery = json_object_get_object_member (object, "battery");
          gint64 level = json_object_get_int_member (battery, "level_percent");

          g_assert_cmpint (level, >=, 0);
          g_assert_cmpint (level, <=, 100);
          g_assert_cmpfloat (json_object_get_double_member (battery, "range_km"), >, 0);
          g_assert_true (is_one_of (json_object_get_string_member (battery, "plug"), plugs));
          g_assert_true (is_one_of (json_object_get_string_member (battery, "charging"), chargings));
          g_assert_false (json_object_get_null_member (battery, "updated"));
          /* 0 means "not measured" at Nissan. */
          g_assert_true (json_object_get_null_member (battery, "temperature_c") ||
                         json_object_get_double_member (battery, "temperature_c") != 0);
          if (!json_object_get_null_member (battery, "charging_power_kw"))
            g_assert_cmpfloat (json_object_get_double_member (battery, "charging_power_kw"), <, 400);
        }

      if (g_str_equal (model, "Micra"))
        {
          /* No lock status, and its odometer from the v2 cockpit. */
          g_assert_true (json_object_get_null_member (object, "locks"));
          g_assert_true (array_has_string (unsupported, "lock-status"));
          g_assert_cmpfloat (json_object_get_double_member (json_object_get_object_member (object, "cockpit"),
                                                            "mileage_km"), >, 0);
          g_assert_false (json_object_get_null_member (object, "battery"));
        }
      else if (g_str_equal (model, "Ariya"))
        {
          g_assert_cmpstr (vin, ==, ARIYA_VIN);
          g_assert_true (json_object_get_null_member (object, "locks"));
          g_assert_true (array_has_string (unsupported, "lock-status"));
        }
      else if (g_str_equal (model, "Qashqai"))
        {
          JsonObject *cockpit = json_object_get_object_member (object, "cockpit");

          g_assert_cmpstr (json_object_get_string_member (vehicle, "energy"), ==, "fuel");
          g_assert_true (json_object_get_null_member (object, "battery"));
          g_assert_true (array_has_string (unsupported, "battery-status"));
          g_assert_cmpfloat (json_object_get_double_member (cockpit, "fuel_range_km"), >, 0);
          g_assert_cmpfloat (json_object_get_double_member (cockpit, "mileage_km"), >, 0);
          g_assert_true (is_one_of (json_object_get_string_member (json_object_get_object_member (object, "locks"),
                                                                   "state"),
                                    (const char * const[]) { "locked", "unlocked", NULL }));
        }
      else
        {
          JsonObject *battery = json_object_get_object_member (object, "battery");

          /* The Leaf: charging at the start, locked. */
          g_assert_cmpstr (model, ==, "Leaf");
          g_assert_cmpstr (json_object_get_string_member (battery, "plug"), ==, "plugged");
          g_assert_cmpstr (json_object_get_string_member (battery, "charging"), ==, "charging");
          g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (object, "locks"), "state"),
                           ==, "locked");
        }
    }

  sim_stop (&sim);
}

/* ----------------------------------------------------------------------- */
/* Recorded Nissan battery bodies, replayed with body:                     */

/* cli-json.md's `plug`. */
static const char *
expected_plug (gint64 value)
{
  switch (value)
    {
    case 0: return "unplugged";
    case 1: return "plugged";
    case -1: return "error";
    default: return "unknown";
    }
}

/* cli-json.md's `charging`, from chargingStatus compared after rounding ×10. */
static const char *
expected_charging (double status,
                   gint64 plug)
{
  switch ((int) lround (status * 10))
    {
    case 0: return "not-charging";
    case 1: return "waiting-planned";
    case 2: return "ended";
    case 3: return "waiting-current";
    case 4: return "flap-open";
    case 10: return "charging";
    case -10: return plug == 0 ? "not-charging" : "error";
    case -11: return "unavailable";
    case -13: return "v2g-waiting";
    case -14: return "v2l-connected";
    case -15: return "v2g-discharging";
    case -16: return "v2g-charging";
    default: return "unknown";
    }
}

static void
test_recorded_battery (gconstpointer data)
{
  const char * const *replay = data;   /* { file under the fixtures, VIN } */
  const char *fixtures = g_getenv ("CARPORT_SHARED_FIXTURES");
  g_autofree char *path = NULL;
  g_autofree char *fault = NULL;
  g_autoptr(JsonNode) recorded = NULL;
  g_autoptr(JsonNode) list = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *attrs, *battery, *object;
  Sim sim = { 0 };
  gint64 plug;

  if (!need_keyring ())
    return;
  if (!fixtures || !g_file_test (fixtures, G_FILE_TEST_IS_DIR))
    {
      g_test_skip ("the shared fixtures are not there (CARPORT_SHARED_FIXTURES)");
      return;
    }
  path = g_build_filename (fixtures, replay[0], NULL);
  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_no_error (error);
  recorded = parse (contents);
  /* Flat (car-adapter v2) or in a JSON:API envelope (bff-web v3). */
  attrs = json_node_get_object (recorded);
  if (json_object_has_member (attrs, "data"))
    attrs = json_object_get_object_member (json_object_get_object_member (attrs, "data"), "attributes");
  g_assert_nonnull (attrs);

  /* Only this car's battery read (v1, v2 or bff-web v3) answers the recording. */
  fault = g_strdup_printf ("%s/battery-status=body:%s", replay[1], path);
  sim_start (&sim, (const char * const[]) { "--fault", fault, NULL });
  login (&sim, "nissan");
  list = vehicles ();
  g_assert_nonnull (find_by (list, "vin", replay[1]));
  g_assert_cmpstr (json_object_get_string_member (find_by (list, "vin", replay[1]), "brand"), ==, "nissan");

  root = status (replay[1]);
  object = json_node_get_object (root);
  g_assert_cmpuint (json_object_get_size (json_object_get_object_member (object, "errors")), ==, 0);
  g_assert_false (json_object_get_null_member (object, "battery"));
  battery = json_object_get_object_member (object, "battery");

  g_assert_cmpint (json_object_get_int_member (battery, "level_percent"), ==,
                   json_object_get_int_member (attrs, "batteryLevel"));
  g_assert_cmpfloat (json_object_get_double_member (battery, "range_km"), ==,
                     json_object_get_double_member (attrs, "batteryAutonomy"));
  plug = json_object_get_int_member (attrs, "plugStatus");
  g_assert_cmpstr (json_object_get_string_member (battery, "plug"), ==, expected_plug (plug));
  g_assert_cmpstr (json_object_get_string_member (battery, "charging"), ==,
                   expected_charging (json_object_get_double_member (attrs, "chargingStatus"), plug));
  if (json_object_has_member (attrs, "chargingRemainingTime"))
    g_assert_cmpint (json_object_get_int_member (battery, "remaining_minutes"), ==,
                     json_object_get_int_member (attrs, "chargingRemainingTime"));
  /* 0 from the server means unknown. */
  if (json_object_has_member (attrs, "batteryAvailableEnergy"))
    {
      double kwh = json_object_get_double_member (attrs, "batteryAvailableEnergy");

      if (kwh == 0)
        g_assert_true (json_object_get_null_member (battery, "available_energy_kwh"));
      else
        g_assert_cmpfloat (json_object_get_double_member (battery, "available_energy_kwh"), ==, kwh);
    }
  if (json_object_has_member (attrs, "batteryTemperature") &&
      json_object_get_double_member (attrs, "batteryTemperature") == 0)
    g_assert_true (json_object_get_null_member (battery, "temperature_c"));
  /* The recording's own time, in UTC with a Z. */
  {
    const char *stamp = json_object_has_member (attrs, "timestamp")
                        ? json_object_get_string_member (attrs, "timestamp")
                        : json_object_get_string_member (attrs, "lastUpdateTime");
    g_autoptr(GDateTime) want = g_date_time_new_from_iso8601 (stamp, NULL);
    g_autoptr(GDateTime) got = NULL;

    assert_utc_time (battery, "updated");
    got = g_date_time_new_from_iso8601 (json_object_get_string_member (battery, "updated"), NULL);
    g_assert_nonnull (want);
    g_assert_nonnull (got);
    g_assert_cmpint (g_date_time_to_unix (got), ==, g_date_time_to_unix (want));
  }

  sim_stop (&sim);
}

/* A 200 answer of ~80,000 nested arrays (160 KB, far below the size cap)
 * used to overflow the stack in the JSON parser: it is refused before
 * parsing, that endpoint says so, and the rest of the car is shown. */
static void
test_deep_json (void)
{
  g_autofree char *dir = g_dir_make_tmp ("carport-deep-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "deep.json", NULL);
  g_autofree char *fault = NULL;
  g_autoptr(GString) body = g_string_new (NULL);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *object, *errors;
  Sim sim = { 0 };

  if (!need_keyring ())
    return;
  for (guint i = 0; i < 80000; i++)
    g_string_append_c (body, '[');
  for (guint i = 0; i < 80000; i++)
    g_string_append_c (body, ']');
  g_assert_true (g_file_set_contents (path, body->str, (gssize) body->len, &error));
  g_assert_no_error (error);

  fault = g_strdup_printf ("%s/battery-status=body:%s", LEAF_VIN, path);
  sim_start (&sim, (const char * const[]) { "--fault", fault, NULL });
  login (&sim, "nissan");
  root = status (LEAF_VIN);
  object = json_node_get_object (root);
  errors = json_object_get_object_member (object, "errors");
  g_assert_true (json_object_has_member (errors, "battery-status"));
  g_assert_nonnull (strstr (json_object_get_string_member (errors, "battery-status"), "understand"));
  /* The other reads of the car are there. */
  g_assert_false (json_object_get_null_member (object, "cockpit"));
  g_assert_true (json_object_get_double_member (json_object_get_object_member (object, "cockpit"), "mileage_km") > 0);
  sim_stop (&sim);

  g_unlink (path);
  g_rmdir (dir);
}

/* The simulator's ZOE phase 2 (62 %, plugged in). */
#define ZOE2_VIN "VF1X102VE00000002"

/* Replaces the running simulator with one started with @extra_args (the
 * login and the cached state stay, and the access token the keyring holds
 * is only refused by the new one when no fault answers first). */
static void
sim_restart (Sim                *sim,
             const char * const *extra_args)
{
  stop_simulator_cleanly (sim->simulator);
  g_clear_object (&sim->simulator);
  g_clear_pointer (&sim->info, json_object_unref);
  sim->simulator = start_simulator (extra_args, &sim->info);
  g_test_queue_destroy (stop_simulator, g_object_ref (sim->simulator));
  cli_test_set_env (simulator_env (sim->info));
}

/* When no endpoint answers, status prints the last known values from the
 * cache, marked so, with every endpoint's error, and exits 3; a login that
 * must be renewed prints them too and exits 1. */
static void
test_every_endpoint_fails (void)
{
  static const char * const faults[] = {
    "--fault", "battery-status=html-502", "--fault", "cockpit=malformed", "--fault", "hvac-status=empty",
    "--fault", "location=quota", "--fault", "*=error:503:err.tech.wired.kamereon-proxy", NULL,
  };
  g_autoptr(JsonNode) fresh = NULL;
  g_autoptr(JsonNode) cached = NULL;
  g_autoptr(JsonNode) list = NULL;
  g_autoptr(JsonNode) after = NULL;
  g_auto(Run) json = { 0 };
  g_auto(Run) table = { 0 };
  g_auto(Run) refresh = { 0 };
  g_auto(Run) expired = { 0 };
  JsonObject *object, *errors;
  JsonArray *unsupported;
  guint n_supported = 0;
  Sim sim = { 0 };

  if (!need_keyring ())
    return;
  sim_start (&sim, NULL);
  login (&sim, "renault");
  fresh = status (ZOE2_VIN);
  object = json_node_get_object (fresh);
  g_assert_false (json_object_get_boolean_member (object, "from_cache"));
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (object, "battery"), "level_percent"), ==, 62);

  sim_restart (&sim, faults);
  run_cli (&json, "--json", "status", "--vin", ZOE2_VIN);
  g_assert_cmpint (json.status, ==, CARPORT_CLI_EXIT_NOT_CONFIRMED);
  assert_one_line_error (&json);
  cached = parse (json.out);
  object = json_node_get_object (cached);
  g_assert_true (json_object_get_boolean_member (object, "from_cache"));
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (object, "battery"), "level_percent"), ==, 62);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (object, "battery"), "plug"), ==,
                   "plugged");
  /* Every endpoint the car offers has its error. */
  errors = json_object_get_object_member (object, "errors");
  unsupported = json_object_get_array_member (object, "unsupported");
  for (const char * const *e = (const char * const[]) { "battery-status", "cockpit", "hvac-status", "location",
                                                        "charge-mode", "charging-settings", "lock-status", NULL };
       *e; e++)
    if (!array_has_string (unsupported, *e))
      {
        g_test_message ("%s", *e);
        g_assert_true (json_object_has_member (errors, *e));
        n_supported++;
      }
  g_assert_cmpuint (n_supported, >=, 4);
  /* An HTML 502 page: the server has trouble. */
  g_assert_nonnull (strstr (json_object_get_string_member (errors, "battery-status"), "having trouble"));
  g_assert_nonnull (strstr (json_object_get_string_member (errors, "location"), "limiting"));

  run_cli (&table, "status", "--vin", ZOE2_VIN);
  g_assert_cmpint (table.status, ==, CARPORT_CLI_EXIT_NOT_CONFIRMED);
  assert_one_line_error (&table);
  g_assert_nonnull (strstr (table.out, "last known state, reported "));
  g_assert_nonnull (strstr (table.out, "62"));
  g_assert_nonnull (strstr (table.out, "! battery-status: "));
  g_assert_nonnull (strstr (table.out, "! cockpit: "));

  run_cli (&refresh, "--json", "refresh");
  g_assert_cmpint (refresh.status, ==, CARPORT_CLI_EXIT_NOT_CONFIRMED);
  list = parse (refresh.out);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (list));

  /* A simulator that knows neither the token nor the login: log in again. */
  sim_restart (&sim, NULL);
  run_cli (&expired, "--json", "status", "--vin", ZOE2_VIN);
  g_assert_cmpint (expired.status, ==, CARPORT_CLI_EXIT_NOPERM);
  assert_one_line_error (&expired);
  g_assert_nonnull (strstr (expired.err, "log in again"));
  after = parse (expired.out);
  g_assert_true (json_object_get_boolean_member (json_node_get_object (after), "from_cache"));

  sim_stop (&sim);
}

int
main (int   argc,
      char *argv[])
{
  static const char * const ariya_v2[] = { "nissan/kamereon/battery-status.v2.ariya.attributes.mqtt-dump.json",
                                           ARIYA_VIN };
  static const char * const ariya_v3[] = { "nissan/kamereon/micra-shapes/battery-status.v3.bff-web.micra.json",
                                           ARIYA_VIN };
  static const char * const micra_v3[] = { "nissan/kamereon/micra-shapes/battery-status.v3.bff-web.micra.json",
                                           MICRA_VIN };

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli-accounts/two-logins", test_two_logins);
  g_test_add_func ("/cli-accounts/nissan-status-json", test_nissan_status_json);
  g_test_add_func ("/cli-accounts/deep-json", test_deep_json);
  g_test_add_func ("/cli-accounts/every-endpoint-fails", test_every_endpoint_fails);
  g_test_add_data_func ("/cli-accounts/recorded-battery/ariya-v2-flat", ariya_v2, test_recorded_battery);
  g_test_add_data_func ("/cli-accounts/recorded-battery/ariya-v3-envelope", ariya_v3, test_recorded_battery);
  g_test_add_data_func ("/cli-accounts/recorded-battery/micra-v3-envelope", micra_v3, test_recorded_battery);

  return g_test_run ();
}
