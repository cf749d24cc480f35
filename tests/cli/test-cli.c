/* test-cli.c — carport-cli as scripts use it: real processes, real JSON.
 *
 * The demo tests run the CLI's in-process simulator. The login test starts
 * carport-simulator as its own process, points the CLI at it through the
 * service-root variables it prints, and keeps the login in the real keyring
 * of the test session (build-aux/test-session). */
#include "config.h"

#include <string.h>

#include "carport-cli-exit.h"
#include "cli-test-util.h"

/* The VIN of the first demo vehicle with @model. */
static char *
demo_vin (const char *model)
{
  g_auto(Run) run = { 0 };
  g_autoptr(JsonNode) root = NULL;
  JsonArray *array;

  run_cli (&run, "--demo", "--json", "vehicles");
  g_assert_cmpint (run.status, ==, 0);
  root = parse (run.out);
  array = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *vehicle = json_array_get_object_element (array, i);

      if (g_strcmp0 (json_object_get_string_member (vehicle, "model_code"), model) == 0)
        return g_strdup (json_object_get_string_member (vehicle, "vin"));
    }
  g_assert_not_reached ();
}

static void
test_help (void)
{
  g_auto(Run) run = { 0 };
  g_auto(Run) unknown = { 0 };
  g_auto(Run) sub = { 0 };

  run_cli (&run, "--help");
  g_assert_cmpint (run.status, ==, 0);
  for (const char *const *name = (const char *const[]) { "login", "logout", "vehicles", "status", "refresh",
                                                        "climate", "charge", "horn", "lights", "locate",
                                                        "history", NULL };
       *name; name++)
    g_assert_nonnull (strstr (run.out, *name));

  run_cli (&sub, "climate", "--help");
  g_assert_cmpint (sub.status, ==, 0);
  g_assert_nonnull (strstr (sub.out, "--temperature"));

  run_cli (&unknown, "fly");
  g_assert_cmpint (unknown.status, ==, CARPORT_CLI_EXIT_USAGE);
  g_assert_nonnull (strstr (unknown.err, "fly"));
}

/* A command's --help lists its own options only; the general one lists
 * the commands, the global options and the exit statuses. */
static void
test_command_help (void)
{
  g_auto(Run) status = { 0 };
  g_auto(Run) general = { 0 };
  g_auto(Run) charge = { 0 };

  run_cli (&status, "status", "--help");
  g_assert_cmpint (status.status, ==, 0);
  g_assert_nonnull (strstr (status.out, "--vin"));
  for (const char *const *other = (const char *const[]) { "\n  --temperature", "\n  --email", "\n  --no-wait",
                                                         "\n  --json", NULL };
       *other; other++)
    g_assert_null (strstr (status.out, *other));

  run_cli (&general, "--help");
  g_assert_cmpint (general.status, ==, 0);
  g_assert_nonnull (strstr (general.out, "\n  --debug"));
  g_assert_null (strstr (general.out, "--vin"));
  g_assert_nonnull (strstr (general.out, "Exit status:"));
  for (const char *const *code = (const char *const[]) { "\n  64 ", "\n  69 ", "\n  75 ", "\n  77 ", NULL };
       *code; code++)
    g_assert_nonnull (strstr (general.out, *code));

  /* The bounds of --min and --target are the car's, not written in the help. */
  run_cli (&charge, "charge", "--help");
  g_assert_nonnull (strstr (charge.out, "--target"));
  g_assert_null (strstr (charge.out, "55 to 100"));
  g_assert_null (strstr (charge.out, "15 to 45"));
}

/* --json, --demo and --debug stand before or after the command. */
static void
test_global_options_anywhere (void)
{
  g_auto(Run) after = { 0 };
  g_autoptr(JsonNode) root = NULL;

  run_cli (&after, "status", "--json", "--demo");
  g_assert_cmpint (after.status, ==, 0);
  root = parse (after.out);
  g_assert_nonnull (json_object_get_string_member (json_node_get_object (root), "vin"));
}

/* Usage errors exit 64 (EX_USAGE). */
static void
test_usage_exit_status (void)
{
  g_auto(Run) option = { 0 };
  g_auto(Run) date = { 0 };
  g_auto(Run) arguments = { 0 };
  g_auto(Run) none = { 0 };

  run_cli (&option, "status", "--temperature", "20");
  g_assert_cmpint (option.status, ==, CARPORT_CLI_EXIT_USAGE);
  run_cli (&date, "--demo", "history", "charges", "--from", "yesterday");
  g_assert_cmpint (date.status, ==, CARPORT_CLI_EXIT_USAGE);
  run_cli (&arguments, "--demo", "climate", "fly");
  g_assert_cmpint (arguments.status, ==, CARPORT_CLI_EXIT_USAGE);
  run_cli (&none, "--json");
  g_assert_cmpint (none.status, ==, CARPORT_CLI_EXIT_USAGE);
}

/* vehicles: a header row, then one car a line. */
static void
test_vehicles_table (void)
{
  g_auto(Run) run = { 0 };
  g_auto(GStrv) lines = NULL;

  run_cli (&run, "--demo", "vehicles");
  g_assert_cmpint (run.status, ==, 0);
  lines = g_strsplit (run.out, "\n", -1);
  g_assert_true (g_str_has_prefix (lines[0], "VIN "));
  g_assert_nonnull (strstr (lines[0], "Registration"));
  g_assert_nonnull (lines[1]);
  g_assert_false (g_str_has_prefix (lines[1], "VIN "));
}

/* http get: the answer of the car's server, through the demo's login. */
static void
test_http_get (void)
{
  g_auto(Run) run = { 0 };
  g_auto(Run) bad = { 0 };
  g_autofree char *leaf = demo_vin ("ZE1");

  run_cli (&run, "--demo", "http", "get", "v1/cars/{vin}/battery-status", "--vin", leaf);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, "HTTP 200 OK\n"));
  g_assert_nonnull (strstr (run.out, leaf));
  g_assert_nonnull (strstr (run.out, "\"batteryLevel\""));

  run_cli (&bad, "--demo", "http", "post", "v1/cars/{vin}/actions/horn-lights", "{not json", "--vin", leaf);
  g_assert_cmpint (bad.status, ==, CARPORT_CLI_EXIT_USAGE);
}

static void
test_vehicles_json (void)
{
  g_auto(Run) run = { 0 };
  g_autoptr(JsonNode) root = NULL;
  JsonArray *array;
  guint n_nissan = 0;
  static const char *keys[] = { "vin", "brand", "model_code", "model_name", "registration", "energy", "account_id" };

  run_cli (&run, "--demo", "--json", "vehicles");
  g_assert_cmpint (run.status, ==, 0);
  root = parse (run.out);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (root));
  array = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (array), >=, 6);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *vehicle = json_array_get_object_element (array, i);
      const char *brand;

      for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
        g_assert_true (json_object_has_member (vehicle, keys[k]));
      brand = json_object_get_string_member (vehicle, "brand");
      g_assert_true (g_strv_contains ((const char *const[]) { "renault", "dacia", "alpine", "nissan", NULL }, brand));
      n_nissan += g_str_equal (brand, "nissan");
    }
  /* The demo lists the cars of both demo accounts. */
  g_assert_cmpuint (n_nissan, >=, 4);
}

static void
test_status_json (void)
{
  g_auto(Run) run = { 0 };
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *vin = demo_vin ("X101VE");
  JsonObject *status, *battery;
  JsonArray *unsupported;
  gboolean location_listed = FALSE;
  const char *plug, *charging, *updated;

  run_cli (&run, "--demo", "--json", "status", "--vin", vin);
  g_assert_cmpint (run.status, ==, 0);
  root = parse (run.out);
  status = json_node_get_object (root);
  g_assert_cmpstr (json_object_get_string_member (status, "vin"), ==, vin);
  g_assert_cmpstr (json_object_get_string_member (status, "model_code"), ==, "X101VE");

  battery = json_object_get_object_member (status, "battery");
  g_assert_nonnull (battery);
  g_assert_cmpint (json_object_get_int_member (battery, "level_percent"), >=, 0);
  g_assert_cmpint (json_object_get_int_member (battery, "level_percent"), <=, 100);
  plug = json_object_get_string_member (battery, "plug");
  g_assert_true (g_strv_contains ((const char *const[]) { "plugged", "unplugged", "error", "unknown", NULL }, plug));
  charging = json_object_get_string_member (battery, "charging");
  g_assert_nonnull (charging);
  /* ZOE phase 1 reports watts; the CLI always prints kW. */
  if (!json_object_get_null_member (battery, "charging_power_kw"))
    g_assert_cmpfloat (json_object_get_double_member (battery, "charging_power_kw"), <, 100.0);
  /* Times are UTC with a Z, whatever offset the server sent. */
  updated = json_object_get_string_member (battery, "updated");
  g_assert_nonnull (updated);
  g_assert_true (g_str_has_suffix (updated, "Z"));

  /* No location on a ZOE phase 1: null, and listed. */
  g_assert_true (json_object_get_null_member (status, "location"));
  unsupported = json_object_get_array_member (status, "unsupported");
  for (guint i = 0; i < json_array_get_length (unsupported); i++)
    location_listed |= g_str_equal (json_array_get_string_element (unsupported, i), "location");
  g_assert_true (location_listed);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_object_get_member (status, "errors")));
}

static gboolean
lists_unsupported (JsonObject *status,
                   const char *endpoint)
{
  JsonArray *unsupported = json_object_get_array_member (status, "unsupported");

  for (guint i = 0; i < json_array_get_length (unsupported); i++)
    if (g_str_equal (json_array_get_string_element (unsupported, i), endpoint))
      return TRUE;
  return FALSE;
}

static JsonNode *
status_of (const char *vin)
{
  g_auto(Run) run = { 0 };

  run_cli (&run, "--demo", "--json", "status", "--vin", vin);
  g_assert_cmpint (run.status, ==, 0);
  return parse (run.out);
}

/* Trip history: the demo Leaf has it (service 235); other cars list
 * trip-history as unsupported and have "trips": null. */
static void
test_trips_json (void)
{
  static const char * const keys[] = { "trips", "distance_km", "duration_minutes", "electricity_kwh", "fuel_litres" };
  g_autofree char *old_tz = g_strdup (g_getenv ("TZ"));
  g_autofree char *leaf_vin = NULL;
  g_autofree char *zoe_vin = demo_vin ("X101VE");
  g_autoptr(JsonNode) leaf = NULL;
  g_autoptr(JsonNode) zoe = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) yesterday = NULL;
  g_auto(Run) table = { 0 };
  JsonObject *trips, *month, *today;

  /* The simulator's summaries are for the days before today (UTC). */
  g_setenv ("TZ", "UTC", TRUE);
  leaf_vin = demo_vin ("ZE1");
  leaf = status_of (leaf_vin);
  now = g_date_time_new_now_utc ();
  yesterday = g_date_time_add_days (now, -1);

  g_assert_false (lists_unsupported (json_node_get_object (leaf), "trip-history"));
  g_assert_null (json_object_get_member (json_object_get_object_member (json_node_get_object (leaf), "errors"),
                                         "trip-history"));
  trips = json_object_get_object_member (json_node_get_object (leaf), "trips");
  g_assert_nonnull (trips);
  month = json_object_get_object_member (trips, "month");
  today = json_object_get_object_member (trips, "today");
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_assert_true (json_object_has_member (month, keys[i]));
      g_assert_true (json_object_has_member (today, keys[i]));
    }
  g_assert_true (json_object_has_member (trips, "updated"));

  if (g_date_time_get_month (yesterday) == g_date_time_get_month (now))
    {
      /* The month so far: the simulator's monthly summary. */
      g_assert_cmpint (json_object_get_int_member (month, "trips"), ==, 33);
      g_assert_cmpfloat (json_object_get_double_member (month, "distance_km"), ==, 838.9);
      g_assert_cmpint (json_object_get_int_member (month, "duration_minutes"), ==, 1780);
      g_assert_cmpfloat (json_object_get_double_member (month, "electricity_kwh"), ==, 129.5);
      g_assert_true (g_str_has_suffix (json_object_get_string_member (trips, "updated"), "Z"));
    }
  else
    {
      /* The 1st: the simulator's month is last month's; none this month. */
      g_assert_cmpint (json_object_get_int_member (month, "trips"), ==, 0);
    }
  /* An electric car's 0 l of fuel is not applicable. */
  g_assert_true (json_object_get_null_member (month, "fuel_litres"));
  /* No summary for today: no trips yet. */
  g_assert_cmpint (json_object_get_int_member (today, "trips"), ==, 0);
  g_assert_cmpfloat (json_object_get_double_member (today, "distance_km"), ==, 0);

  /* The table says so too. */
  run_cli (&table, "--demo", "status", "--vin", leaf_vin);
  g_assert_cmpint (table.status, ==, 0);
  g_assert_nonnull (strstr (table.out, "Trips this month"));
  g_assert_nonnull (strstr (table.out, "Trips today"));
  g_assert_nonnull (strstr (table.out, "No trips"));

  /* A Renault never asks it. */
  zoe = status_of (zoe_vin);
  g_assert_true (json_object_get_null_member (json_node_get_object (zoe), "trips"));
  g_assert_true (lists_unsupported (json_node_get_object (zoe), "trip-history"));

  if (old_tz)
    g_setenv ("TZ", old_tz, TRUE);
  else
    g_unsetenv ("TZ");
}

static void
test_command_json (void)
{
  g_auto(Run) run = { 0 };
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *vin = demo_vin ("X102VE");
  JsonObject *command;

  run_cli (&run, "--demo", "--json", "climate", "start", "--temperature", "21", "--vin", vin);
  g_assert_cmpint (run.status, ==, 0);
  root = parse (run.out);
  command = json_node_get_object (root);
  g_assert_cmpstr (json_object_get_string_member (command, "command"), ==, "hvac-start");
  g_assert_cmpstr (json_object_get_string_member (command, "vin"), ==, vin);
  g_assert_cmpstr (json_object_get_string_member (command, "state"), ==, "completed");
  g_assert_nonnull (json_object_get_string_member (command, "id"));
}

static void
test_command_no_wait (void)
{
  g_auto(Run) run = { 0 };
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *vin = demo_vin ("XCB1VE");

  g_auto(Run) table = { 0 };

  run_cli (&run, "--demo", "--json", "horn", "--no-wait", "--vin", vin);
  g_assert_cmpint (run.status, ==, 0);
  root = parse (run.out);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (root), "state"), ==, "pending");

  /* Not waiting, it never says it waits. */
  run_cli (&table, "--demo", "horn", "--no-wait", "--vin", vin);
  g_assert_cmpint (table.status, ==, 0);
  g_assert_nonnull (strstr (table.out, "sent"));
  g_assert_null (strstr (table.out, "wait"));
}

static void
test_errors_are_one_line (void)
{
  g_auto(Run) unknown_vin = { 0 };
  g_auto(Run) unsupported = { 0 };
  g_auto(Run) bad_mode = { 0 };
  g_auto(Run) bad_temperature = { 0 };
  g_autofree char *spring = demo_vin ("XBG1VE");
  g_autofree char *zoe2 = demo_vin ("X102VE");

  run_cli (&unknown_vin, "--demo", "status", "--vin", "VF1NOTACAR000000");
  assert_one_line_error (&unknown_vin);
  g_assert_nonnull (strstr (unknown_vin.err, "VF1NOTACAR000000"));

  /* The Spring has no horn. */
  run_cli (&unsupported, "--demo", "horn", "--vin", spring);
  assert_one_line_error (&unsupported);

  run_cli (&bad_mode, "--demo", "charge", "mode", "sometimes");
  assert_one_line_error (&bad_mode);

  run_cli (&bad_temperature, "--demo", "climate", "start", "--temperature", "40", "--vin", zoe2);
  assert_one_line_error (&bad_temperature);
}

/* A temperature the car does not take is refused with the car's own range. */
static void
test_climate_range (void)
{
  static const struct { const char *model, *temperature, *min, *max; } cases[] = {
    { "X102VE", "25.5", "15 °C", "25 °C" },  /* Renault: 15–25 °C */
    { "ZE1", "26.5", "16 °C", "26 °C" },     /* Nissan: 16–26 °C */
    { "ZE1", "15.5", "16 °C", "26 °C" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(Run) run = { 0 };
      g_autofree char *vin = demo_vin (cases[i].model);

      run_cli (&run, "--demo", "climate", "start", "--temperature", cases[i].temperature, "--vin", vin);
      assert_one_line_error (&run);
      g_assert_nonnull (strstr (run.err, cases[i].min));
      g_assert_nonnull (strstr (run.err, cases[i].max));
    }
}

/* "charge start --at" on a car whose charge start takes no start time (the
 * ZOE's KCA charging-start) is refused with the car's capability, as the
 * window's "Charge Later…" is, and nothing is sent. */
static void
test_charge_start_at (void)
{
  g_auto(Run) run = { 0 };
  g_autofree char *zoe2 = demo_vin ("X102VE");

  run_cli (&run, "--demo", "charge", "start", "--at", "23:30", "--vin", zoe2);
  assert_one_line_error (&run);
  g_assert_nonnull (strstr (run.err, "This car can only start charging now."));
}

/* Charge limits the car does not take are refused with the car's bounds
 * (its capabilities, as the window's dialog offers them); those it takes
 * are sent. */
static void
test_charge_limits (void)
{
  static const struct { const char *min, *target; gboolean ok; gboolean min_refused; } cases[] = {
    { "30", "90", TRUE, FALSE },
    { "50", "80", FALSE, TRUE },
    { "22", "80", FALSE, TRUE },
    { "20", "50", FALSE, FALSE },
  };
  g_autofree char *r5 = demo_vin ("R5E1VE");
  /* The capabilities' CARPORT_SOC_RANGE_DEFAULT. */
  const char *min_bounds = "between 15 % and 45 %, in steps of 5 %";
  const char *target_bounds = "between 55 % and 100 %, in steps of 5 %";

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(Run) run = { 0 };

      run_cli (&run, "--demo", "charge", "limits", "--min", cases[i].min, "--target", cases[i].target, "--vin", r5);
      if (cases[i].ok)
        {
          g_assert_cmpint (run.status, ==, 0);
          continue;
        }
      assert_one_line_error (&run);
      g_assert_nonnull (strstr (run.err, cases[i].min_refused ? min_bounds : target_bounds));
    }
}

/* Programmes are given and shown in local time and kept by the car in UTC.
 * Each run is a new demo, so every check reads the table the edit prints. */
static void
test_schedules (void)
{
  g_auto(Run) show = { 0 };
  g_auto(Run) set = { 0 };
  g_auto(Run) set_json = { 0 };
  g_auto(Run) climate = { 0 };
  g_auto(Run) disable = { 0 };
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *zoe2 = demo_vin ("X102VE");
  g_autofree char *r5 = demo_vin ("R5E1VE");
  g_autofree char *old_tz = g_strdup (g_getenv ("TZ"));
  static const char * const bad[][8] = {
    { "charge", "schedule", "set", "2", "--days", "someday", "--start", "01:00" },
    { "charge", "schedule", "set", "2", "--days", "mon", "--start", "25:00" },
    { "charge", "schedule", "set", "2", "--days", "mon", "--start", "01:00" },  /* no duration */
    { "charge", "schedule", "set", "1", "--duration", "5" },                    /* 15 minutes at least */
    { "charge", "schedule", "set", "6", "--days", "mon", "--start", "01:00" },  /* ids are 1..5 */
    { "charge", "schedule", "enable", "3" },                                     /* nothing set up */
    { "charge", "schedule", "wipe", "3" },
    { "climate", "schedule", "set", "4", "--days", "mon" },                      /* no --at */
  };

  /* One hour ahead of UTC, all year. */
  g_setenv ("TZ", "XYZ-1", TRUE);

  /* JSON: the programmes of that kind, as the car keeps them (UTC). */
  {
    g_auto(Run) json = { 0 };
    g_autoptr(JsonNode) shown = NULL;
    JsonArray *schedules;
    JsonObject *schedule;

    run_cli (&json, "--demo", "--json", "climate", "schedule", "--vin", zoe2);
    g_assert_cmpint (json.status, ==, 0);
    shown = parse (json.out);
    schedules = json_object_get_array_member (json_node_get_object (shown), "schedules");
    /* The car's one programme (2); its four empty slots are not listed. */
    g_assert_cmpuint (json_array_get_length (schedules), ==, 1);
    schedule = json_array_get_object_element (schedules, 0);
    g_assert_cmpstr (json_object_get_string_member (schedule, "kind"), ==, "climate");
    g_assert_cmpint (json_object_get_int_member (schedule, "id"), ==, 2);
    g_assert_true (json_object_get_boolean_member (schedule, "start_time_is_utc"));
  }

  /* The demo ZOE's programme 1 starts at 22:30 UTC on weekdays. */
  run_cli (&show, "--demo", "charge", "schedule", "--vin", zoe2);
  g_assert_cmpint (show.status, ==, 0);
  g_assert_nonnull (strstr (show.out, "#1 active    23:30 Mon Tue Wed Thu Fri"));

  /* 00:30 local on Saturday and Sunday is 23:30 UTC on Friday and
   * Saturday: were either conversion missing, this would not read 00:30. */
  run_cli (&set, "--demo", "charge", "schedule", "set", "2", "--days", "weekend", "--start", "0:30",
           "--duration", "240", "--vin", zoe2);
  g_assert_cmpint (set.status, ==, 0);
  g_assert_nonnull (strstr (set.out, "Set charge schedule: done"));
  g_assert_nonnull (strstr (set.out, "#2 active    00:30 Sat Sun"));
  g_assert_nonnull (strstr (set.out, "4 h"));
  /* The others are kept. */
  g_assert_nonnull (strstr (set.out, "#1 active    23:30 Mon Tue Wed Thu Fri"));

  run_cli (&set_json, "--demo", "--json", "charge", "schedule", "set", "2", "--days", "mon,thu",
           "--start", "06:00", "--duration", "60", "--vin", zoe2);
  g_assert_cmpint (set_json.status, ==, 0);
  root = parse (set_json.out);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (root), "command"), ==, "charge-schedule");
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (root), "state"), ==, "completed");

  run_cli (&climate, "--demo", "climate", "schedule", "set", "3", "--days", "wed", "--at", "7:05", "--vin", zoe2);
  g_assert_cmpint (climate.status, ==, 0);
  g_assert_nonnull (strstr (climate.out, "#3 active    07:05 Wed"));

  run_cli (&disable, "--demo", "charge", "schedule", "disable", "1", "--vin", zoe2);
  g_assert_cmpint (disable.status, ==, 0);
  g_assert_nonnull (strstr (disable.out, "#1 inactive  23:30 Mon Tue Wed Thu Fri"));

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_auto(Run) run = { 0 };

      g_test_message ("%s schedule %s %s", bad[i][0], bad[i][2], bad[i][5] ? bad[i][5] : "");
      run_cli (&run, "--demo", bad[i][0], bad[i][1], bad[i][2], bad[i][3], "--vin", zoe2,
               bad[i][4], bad[i][5], bad[i][6], bad[i][7]);
      assert_one_line_error (&run);
    }
  {
    /* The Renault 5 keeps its programmes in ev/settings, in local time,
     * as departure times (no duration). */
    g_auto(Run) r5_set = { 0 };
    g_auto(Run) r5_delete = { 0 };

    run_cli (&r5_set, "--demo", "charge", "schedule", "set", "2", "--days", "sat,sun", "--start", "9:05",
             "--vin", r5);
    g_assert_cmpint (r5_set.status, ==, 0);
    g_assert_nonnull (strstr (r5_set.out, "Set charge schedule: done"));
    g_assert_nonnull (strstr (r5_set.out, "#1 active    07:30 Mon Tue Wed Thu Fri\n"));
    g_assert_nonnull (strstr (r5_set.out, "#2 active    09:05 Sat Sun\n"));

    run_cli (&r5_delete, "--demo", "charge", "schedule", "delete", "1", "--vin", r5);
    g_assert_cmpint (r5_delete.status, ==, 0);
    g_assert_nonnull (strstr (r5_delete.out, "No programmes"));
  }
  {
    /* A car without programmes is refused. */
    g_auto(Run) run = { 0 };
    g_autofree char *leaf = demo_vin ("ZE1");

    run_cli (&run, "--demo", "charge", "schedule", "set", "1", "--days", "mon", "--start", "01:00",
             "--duration", "60", "--vin", leaf);
    assert_one_line_error (&run);
    g_assert_nonnull (strstr (run.err, "not available on this car"));
  }
  {
    /* A deleted programme is not listed, in words or in JSON. */
    g_auto(Run) deleted = { 0 };
    g_auto(Run) json = { 0 };
    g_autoptr(JsonNode) shown = NULL;

    run_cli (&deleted, "--demo", "charge", "schedule", "delete", "1", "--vin", zoe2);
    g_assert_cmpint (deleted.status, ==, 0);
    g_assert_nonnull (strstr (deleted.out, "No programmes"));
    g_assert_null (strstr (deleted.out, "#1"));

    /* (A new demo:) its one charge and one climate programme, not the
     * eight empty slots the car reports. */
    run_cli (&json, "--demo", "--json", "status", "--vin", zoe2);
    g_assert_cmpint (json.status, ==, 0);
    shown = parse (json.out);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (shown), "schedules")), ==, 2);
  }

  if (old_tz)
    g_setenv ("TZ", old_tz, TRUE);
  else
    g_unsetenv ("TZ");
}

static void
test_table_output (void)
{
  g_auto(Run) run = { 0 };
  g_autofree char *vin = demo_vin ("XJB1SU");

  run_cli (&run, "--demo", "status", "--vin", vin);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, vin));
  g_assert_nonnull (strstr (run.out, "Battery"));
  g_assert_nonnull (strstr (run.out, "Fuel range"));
  g_assert_nonnull (strstr (run.out, " km"));
  /* The maker's alert, in its words, and the contracts' end dates. */
  g_assert_nonnull (strstr (run.out, "Alerts             Oil level\n"));
  g_assert_nonnull (strstr (run.out, "Top up the engine oil or contact your dealer."));
  g_assert_true (g_regex_match_simple ("^  Contracts +.+: Until \\d+ \\w+ \\d{4}$", run.out, G_REGEX_MULTILINE, 0));
}

/* A tyre that warns is named in words; a car without such a warning says
 * none; the battery's capacity shows where the car reports it (Nissan). */
static void
test_table_warnings (void)
{
  g_auto(Run) zoe = { 0 };
  g_auto(Run) captur = { 0 };
  g_auto(Run) leaf = { 0 };
  g_autofree char *zoe_vin = demo_vin ("X102VE");
  g_autofree char *captur_vin = demo_vin ("XJB1SU");
  g_autofree char *leaf_vin = demo_vin ("ZE1");

  run_cli (&zoe, "--demo", "status", "--vin", zoe_vin);
  g_assert_cmpint (zoe.status, ==, 0);
  g_assert_nonnull (strstr (zoe.out, "  Warning            Rear left: low pressure or puncture\n"));
  g_assert_null (strstr (zoe.out, "Front left"));
  g_assert_null (strstr (zoe.out, "Battery capacity"));

  run_cli (&captur, "--demo", "status", "--vin", captur_vin);
  g_assert_null (strstr (captur.out, "low pressure"));

  run_cli (&leaf, "--demo", "status", "--vin", leaf_vin);
  g_assert_cmpint (leaf.status, ==, 0);
  g_assert_nonnull (strstr (leaf.out, "  Battery capacity   40 kWh\n"));
  g_assert_null (strstr (leaf.out, "Contracts"));
}

/* The odometer's digits are grouped as in the window (C.UTF-8 has no
 * thousands separator: a narrow no-break space, as carport-format.c uses). */
static void
test_grouped_numbers (void)
{
  g_auto(Run) run = { 0 };
  g_autofree char *vin = demo_vin ("X101VE");

  run_cli (&run, "--demo", "status", "--vin", vin);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "49\u202f114 km"));
}

/* People read miles where they use them (the measurement locale); the
 * --json document stays in kilometres. */
static void
test_locale_units (void)
{
  g_auto(Run) run = { 0 };
  g_auto(Run) json = { 0 };
  g_autofree char *vin = demo_vin ("X101VE");
  g_autofree char *saved = g_strdup (g_getenv ("LC_ALL"));

  g_setenv ("LC_ALL", "en_US.UTF-8", TRUE);
  run_cli (&run, "--demo", "status", "--vin", vin);
  run_cli (&json, "--demo", "--json", "status", "--vin", vin);
  if (saved)
    g_setenv ("LC_ALL", saved, TRUE);
  else
    g_unsetenv ("LC_ALL");

  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, " mi"));
  g_assert_null (strstr (run.out, " km"));
  /* (The locale is not installed here: the degree sign prints as "?".) */
  g_assert_true (g_regex_match_simple ("Outside +[0-9.]+ .F$", run.out, G_REGEX_MULTILINE, 0));
  g_assert_cmpint (json.status, ==, 0);
  g_assert_nonnull (strstr (json.out, "\"mileage_km\""));
}

static void
test_history_json (void)
{
  g_auto(Run) run = { 0 };
  g_auto(Run) bad = { 0 };
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *vin = demo_vin ("XCB1VE");
  JsonArray *charges;

  run_cli (&run, "--demo", "--json", "history", "charges", "--from", "2020-01-01", "--vin", vin);
  g_assert_cmpint (run.status, ==, 0);
  root = parse (run.out);
  charges = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (charges), >, 0);
  for (guint i = 0; i < json_array_get_length (charges); i++)
    {
      JsonObject *charge = json_array_get_object_element (charges, i);
      g_autoptr(GDateTime) start = g_date_time_new_from_iso8601 (json_object_get_string_member (charge, "start"), NULL);
      g_autoptr(GDateTime) end = g_date_time_new_from_iso8601 (json_object_get_string_member (charge, "end"), NULL);
      gint64 minutes = g_date_time_difference (end, start) / G_TIME_SPAN_MINUTE;

      /* Whatever unit the car reported, the duration agrees with the times. */
      g_assert_cmpint (ABS (json_object_get_int_member (charge, "duration_minutes") - minutes), <=, 1);
      g_assert_cmpint (json_object_get_int_member (charge, "end_level_percent"), >,
                       json_object_get_int_member (charge, "start_level_percent"));
      g_assert_true (json_object_has_member (charge, "end_status"));
      g_assert_true (json_object_has_member (charge, "start_power_kw"));
    }

  run_cli (&bad, "--demo", "history", "charges", "--from", "last week");
  assert_one_line_error (&bad);
}

/* What the maker's records and the newer fields hold: the demo ZOE ph2's
 * slow puncture, contracts and gateway, the Captur's alert, the Leaf's
 * battery capacity (docs/cli-json.md). */
static void
test_records_json (void)
{
  g_autofree char *zoe_vin = demo_vin ("X102VE");
  g_autofree char *captur_vin = demo_vin ("XJB1SU");
  g_autofree char *leaf_vin = demo_vin ("ZE1");
  g_autoptr(JsonNode) zoe = status_of (zoe_vin);
  g_autoptr(JsonNode) captur = status_of (captur_vin);
  g_autoptr(JsonNode) leaf = status_of (leaf_vin);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  JsonObject *tyres, *services, *contract, *alert, *settings;
  JsonArray *contracts, *alerts;

  tyres = json_object_get_object_member (json_node_get_object (zoe), "tyres");
  g_assert_cmpstr (json_object_get_string_member (tyres, "rear_left_status"), ==, "warning");
  g_assert_cmpstr (json_object_get_string_member (tyres, "front_left_status"), ==, "ok");
  g_assert_cmpfloat (json_object_get_double_member (tyres, "rear_left_bar"), <, 2.0);
  services = json_object_get_object_member (json_node_get_object (zoe), "services");
  g_assert_cmpstr (json_object_get_string_member (services, "car_gateway"), ==, "AVN");
  contracts = json_object_get_array_member (json_node_get_object (zoe), "contracts");
  g_assert_cmpuint (json_array_get_length (contracts), >=, 1);
  contract = json_array_get_object_element (contracts, 0);
  g_assert_cmpstr (json_object_get_string_member (contract, "kind"), ==, "CONNECTED_SERVICES");
  g_assert_cmpstr (json_object_get_string_member (contract, "status"), ==, "active");
  /* Ends in some months: after today. */
  g_assert_cmpint (strcmp (json_object_get_string_member (contract, "end_date"), today), >, 0);
  g_assert_true (json_object_get_null_member (json_object_get_object_member (json_node_get_object (zoe), "battery"),
                                              "capacity_kwh"));
  settings = json_object_get_object_member (json_node_get_object (zoe), "settings");
  g_assert_cmpstr (json_object_get_string_member (settings, "climate_mode"), ==, "scheduled");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (zoe), "alerts")), ==, 0);

  alerts = json_object_get_array_member (json_node_get_object (captur), "alerts");
  g_assert_cmpuint (json_array_get_length (alerts), ==, 1);
  alert = json_array_get_object_element (alerts, 0);
  g_assert_cmpstr (json_object_get_string_member (alert, "title"), ==, "Oil level");
  g_assert_cmpint (json_object_get_int_member (alert, "criticity"), ==, 2);

  /* A Nissan reads neither contracts nor alerts, and reports its capacity in kWh. */
  g_assert_true (json_object_get_null_member (json_node_get_object (leaf), "contracts"));
  g_assert_true (json_object_get_null_member (json_node_get_object (leaf), "alerts"));
  g_assert_cmpfloat (json_object_get_double_member (json_object_get_object_member (json_node_get_object (leaf),
                                                                                   "battery"), "capacity_kwh"),
                     ==, 40.0);
}

/* history readings: JSON and CSV, and --from/--to keep one day. */
static void
test_history_readings (void)
{
  g_auto(Run) json = { 0 };
  g_auto(Run) csv = { 0 };
  g_auto(Run) day = { 0 };
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) day_root = NULL;
  g_autofree char *vin = demo_vin ("X102VE");
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) three_days_ago = g_date_time_add_days (now, -3);
  g_autoptr(GDateTime) midnight = g_date_time_new_local (g_date_time_get_year (three_days_ago),
                                                         g_date_time_get_month (three_days_ago),
                                                         g_date_time_get_day_of_month (three_days_ago), 0, 0, 0);
  g_autofree char *date = g_date_time_format (midnight, "%Y-%m-%d");
  g_auto(GStrv) lines = NULL;
  JsonArray *readings;

  run_cli (&json, "--demo", "--json", "history", "readings", "--vin", vin);
  g_assert_cmpint (json.status, ==, 0);
  root = parse (json.out);
  readings = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (readings), >, 0);
  for (guint i = 0; i < json_array_get_length (readings); i++)
    {
      JsonObject *reading = json_array_get_object_element (readings, i);

      g_assert_nonnull (json_object_get_string_member (reading, "time"));
      g_assert_nonnull (json_object_get_string_member (reading, "reading"));
      g_assert_true (json_object_has_member (reading, "value"));
    }

  run_cli (&csv, "--demo", "--csv", "history", "readings", "--vin", vin);
  g_assert_cmpint (csv.status, ==, 0);
  lines = g_strsplit (csv.out, "\r\n", -1);
  g_assert_cmpstr (lines[0], ==, "time,reading,value");
  g_assert_cmpuint (g_strv_length (lines), >, 2);
  g_assert_true (g_regex_match_simple ("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ,battery-level,\\d+$",
                                       lines[1], 0, 0) ||
                 g_regex_match_simple ("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ,[a-z-]+,", lines[1], 0, 0));

  run_cli (&day, "--demo", "--json", "history", "readings", "--vin", vin, "--from", date, "--to", date);
  g_assert_cmpint (day.status, ==, 0);
  day_root = parse (day.out);
  readings = json_node_get_array (day_root);
  g_assert_cmpuint (json_array_get_length (readings), >, 0);
  g_assert_cmpuint (json_array_get_length (readings), <, json_array_get_length (json_node_get_array (root)));
  for (guint i = 0; i < json_array_get_length (readings); i++)
    {
      const char *text = json_object_get_string_member (json_array_get_object_element (readings, i), "time");
      g_autoptr(GDateTime) when = g_date_time_new_from_iso8601 (text, NULL);
      GTimeSpan since = g_date_time_difference (when, midnight);

      g_assert_cmpint (since, >=, 0);
      g_assert_cmpint (since, <, G_TIME_SPAN_DAY);
    }
}

/* history charges: the cloud's sessions as CSV; a month long ago has none. */
static void
test_history_charges_csv (void)
{
  g_auto(Run) csv = { 0 };
  g_auto(Run) old = { 0 };
  g_autoptr(JsonNode) none = NULL;
  g_autofree char *vin = demo_vin ("X102VE");
  g_auto(GStrv) lines = NULL;

  run_cli (&csv, "--demo", "--csv", "history", "charges", "--vin", vin);
  g_assert_cmpint (csv.status, ==, 0);
  lines = g_strsplit (csv.out, "\r\n", -1);
  g_assert_cmpstr (lines[0], ==, "start,end,duration_minutes,start_level_percent,end_level_percent,"
                                 "energy_kwh,average_power_kw");
  /* The simulator's three sessions of the last week, and the empty end. */
  g_assert_cmpuint (g_strv_length (lines), ==, 5);
  g_assert_cmpstr (lines[4], ==, "");
  for (guint i = 1; i < 4; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], ",", -1);

      g_assert_cmpuint (g_strv_length (fields), ==, 7);
    }
  g_assert_null (strstr (csv.out, "token"));

  run_cli (&old, "--demo", "--json", "history", "charges", "--vin", vin, "--from", "2020-01-01", "--to", "2020-01-31");
  g_assert_cmpint (old.status, ==, 0);
  none = parse (old.out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (none)), ==, 0);
}

/* history climate: the cloud's climate sessions (hvac-sessions) where the
 * car reports them. */
static void
test_history_climate (void)
{
  g_auto(Run) json = { 0 };
  g_auto(Run) csv = { 0 };
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *vin = demo_vin ("X102VE");
  JsonArray *runs;

  run_cli (&json, "--demo", "--json", "history", "climate", "--vin", vin);
  g_assert_cmpint (json.status, ==, 0);
  root = parse (json.out);
  runs = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (runs), ==, 3);
  for (guint i = 0; i < json_array_get_length (runs); i++)
    g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (runs, i), "duration_minutes"), ==, 10);

  run_cli (&csv, "--demo", "--csv", "history", "climate", "--vin", vin);
  g_assert_cmpint (csv.status, ==, 0);
  g_assert_true (g_str_has_prefix (csv.out, "start,end,duration_minutes\r\n"));
  g_assert_true (g_str_has_suffix (csv.out, ",10\r\n"));
}

/* A date that is not one, or a range backwards: one line, exit 64. */
static void
test_history_bad_dates (void)
{
  static const char * const kinds[] = { "readings", "charges", "climate" };
  static const char * const dates[][2] = {
    { "2026-02-30", "2026-03-01" },
    { "2026-13-01", "2026-12-31" },
    { "01/02/2026", "2026-03-01" },
    { "2026-03-02", "2026-03-01" },
  };

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    for (guint d = 0; d < G_N_ELEMENTS (dates); d++)
      {
        g_auto(Run) run = { 0 };

        run_cli (&run, "--demo", "--json", "history", kinds[k], "--from", dates[d][0], "--to", dates[d][1]);
        g_assert_cmpint (run.status, ==, CARPORT_CLI_EXIT_USAGE);
        assert_one_line_error (&run);
        g_assert_cmpstr (run.out, ==, "");
      }
}

/* ----------------------------------------------------------------------- */

static void
test_login_with_keyring (void)
{
  g_autoptr(GSubprocess) simulator = NULL;
  g_autoptr(JsonObject) info = NULL;
  g_autofree char *input = NULL;
  g_auto(Run) before = { 0 };
  g_auto(Run) login = { 0 };
  g_auto(Run) wrong = { 0 };
  g_auto(Run) status = { 0 };
  g_auto(Run) logout = { 0 };
  g_auto(Run) after = { 0 };
  JsonObject *account;

  if (!g_getenv ("CARPORT_TEST_SESSION_INNER"))
    {
      g_test_skip ("needs the keyring of build-aux/test-session");
      return;
    }

  simulator = start_simulator (NULL, &info);
  /* Stopped even when an assertion fails half-way. */
  g_test_queue_destroy (stop_simulator, g_object_ref (simulator));
  cli_test_set_env (simulator_env (info));
  account = json_array_get_object_element (json_object_get_array_member (info, "accounts"), 0);

  run_cli (&before, "status");
  assert_one_line_error (&before);

  run_cli_full (&wrong, "wrong password\n", "login", "--brand", "renault",
                "--locale", json_object_get_string_member (account, "locale"),
                "--email", json_object_get_string_member (account, "email"), "--password-stdin", NULL);
  assert_one_line_error (&wrong);

  input = g_strdup_printf ("%s\n", json_object_get_string_member (account, "password"));
  run_cli_full (&login, input, "--json", "login", "--brand", "renault",
                "--locale", json_object_get_string_member (account, "locale"),
                "--email", json_object_get_string_member (account, "email"), "--password-stdin", NULL);
  g_assert_cmpstr (login.err, ==, "");
  g_assert_cmpint (login.status, ==, 0);
  /* The password is never echoed back. */
  g_assert_null (strstr (login.out, json_object_get_string_member (account, "password")));

  run_cli (&status, "--json", "status");
  g_assert_cmpint (status.status, ==, 0);
  {
    g_autoptr(JsonNode) root = parse (status.out);

    g_assert_nonnull (json_object_get_string_member (json_node_get_object (root), "vin"));
  }

  run_cli (&logout, "logout");
  g_assert_cmpint (logout.status, ==, 0);
  run_cli (&after, "status");
  assert_one_line_error (&after);

  cli_test_set_env (NULL);
  stop_simulator_cleanly (simulator);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/help", test_help);
  g_test_add_func ("/cli/command-help", test_command_help);
  g_test_add_func ("/cli/global-options-anywhere", test_global_options_anywhere);
  g_test_add_func ("/cli/usage-exit-status", test_usage_exit_status);
  g_test_add_func ("/cli/vehicles-table", test_vehicles_table);
  g_test_add_func ("/cli/http-get", test_http_get);
  g_test_add_func ("/cli/vehicles-json", test_vehicles_json);
  g_test_add_func ("/cli/status-json", test_status_json);
  g_test_add_func ("/cli/trips-json", test_trips_json);
  g_test_add_func ("/cli/command-json", test_command_json);
  g_test_add_func ("/cli/command-no-wait", test_command_no_wait);
  g_test_add_func ("/cli/errors-one-line", test_errors_are_one_line);
  g_test_add_func ("/cli/climate-range", test_climate_range);
  g_test_add_func ("/cli/charge-limits", test_charge_limits);
  g_test_add_func ("/cli/charge-start-at", test_charge_start_at);
  g_test_add_func ("/cli/table", test_table_output);
  g_test_add_func ("/cli/table-warnings", test_table_warnings);
  g_test_add_func ("/cli/grouped-numbers", test_grouped_numbers);
  g_test_add_func ("/cli/locale-units", test_locale_units);
  g_test_add_func ("/cli/schedules", test_schedules);
  g_test_add_func ("/cli/history-json", test_history_json);
  g_test_add_func ("/cli/records-json", test_records_json);
  g_test_add_func ("/cli/history-readings", test_history_readings);
  g_test_add_func ("/cli/history-charges-csv", test_history_charges_csv);
  g_test_add_func ("/cli/history-climate", test_history_climate);
  g_test_add_func ("/cli/history-bad-dates", test_history_bad_dates);
  g_test_add_func ("/cli/login-keyring", test_login_with_keyring);

  return g_test_run ();
}
