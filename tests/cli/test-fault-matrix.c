/* test-fault-matrix.c — every kind of bad answer, for a read, a command and
 * the polling of a command's result, as carport-cli meets them.
 *
 * The simulator runs in this process (its faults change between runs); real
 * carport-cli processes talk to it over loopback while this process keeps
 * its main loop turning. The login is kept in the keyring of
 * build-aux/test-session, so the test runs alone (is_parallel: false) and
 * leaves no login behind.
 *
 * For each fault the CLI must exit with a documented status and one clear
 * message, keep the last good values, and never hide the endpoint. */
#include "config.h"

#include <glib/gstdio.h>

#include <string.h>

#include "carport-simulator.h"
#include "carport-cli-exit.h"
#include "cli-test-util.h"

#define ZOE2_VIN "VF1X102VE00000002"

static CarportSimulator *sim;
static char *work_dir;

/* A file in the work folder with @contents; returns its path. */
static char *
write_body (const char *name,
            const char *contents,
            gssize      length)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (work_dir, name, NULL);

  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
  return path;
}

/* Nested arrays 80,000 deep: ~160 KB, far under the body cap. */
static char *
write_deep_json (void)
{
  const gsize depth = 80000;
  g_autofree char *text = g_malloc (depth * 2 + 1);

  memset (text, '[', depth);
  memset (text + depth, ']', depth);
  text[depth * 2] = '\0';
  return write_body ("deep.json", text, depth * 2);
}

static void
add_fault (const char *endpoint,
           const char *spec)
{
  g_autofree char *line = g_strdup_printf ("%s=%s", endpoint, spec);
  g_autoptr(GError) error = NULL;

  g_assert_true (carport_simulator_add_fault_from_string (sim, line, &error));
  g_assert_no_error (error);
}

static JsonObject *
status_of (Run *run)
{
  g_autoptr(JsonNode) root = parse (run->out);

  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  return json_object_ref (json_node_get_object (root));
}

static void
log_in (void)
{
  g_auto(Run) run = { 0 };
  g_autofree char *input = g_strdup_printf ("%s\n", carport_simulator_get_demo_password (sim));

  run_cli_full (&run, input, "login", "--locale", carport_simulator_get_demo_locale (sim),
                "--email", carport_simulator_get_demo_email (sim), "--password-stdin", NULL);
  g_assert_cmpint (run.status, ==, 0);
}

static void
log_out (void)
{
  g_auto(Run) run = { 0 };

  run_cli (&run, "logout");
  g_assert_cmpint (run.status, ==, 0);
}

static gint64
battery_level (JsonObject *status)
{
  JsonObject *battery = json_object_get_object_member (status, "battery");

  g_assert_nonnull (battery);
  return json_object_get_int_member (battery, "level_percent");
}

static gboolean
lists_endpoint (JsonObject *status,
                const char *member,
                const char *endpoint)
{
  JsonNode *node = json_object_get_member (status, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return FALSE;
  if (JSON_NODE_HOLDS_OBJECT (node))
    return json_object_has_member (json_node_get_object (node), endpoint);
  for (guint i = 0; i < json_array_get_length (json_node_get_array (node)); i++)
    if (g_strcmp0 (json_array_get_string_element (json_node_get_array (node), i), endpoint) == 0)
      return TRUE;
  return FALSE;
}

/* ----------------------------------------------------------------------- */

typedef struct {
  const char *name;
  const char *spec;     /* "@NAME" is a body file written by the test */
} FaultCase;

static const FaultCase read_faults[] = {
  { "server-error", "error:500" },
  { "proxy-error", "error:503:err.tech.wired.kamereon-proxy" },
  { "html-502", "html-502" },
  { "quota", "quota" },
  { "not-found", "error:404:err.func.wired.notFound" },
  { "forbidden", "error:403:err.func.wired.forbidden" },
  { "malformed", "malformed" },
  { "truncated", "truncated" },
  { "huge", "huge:8M" },
  { "empty", "empty" },
  { "deep", "@deep" },
  { "wrong-types", "@wrong-types" },
  { "nulls", "@nulls" },
  { "redirect", "redirect" },
  { "redirect-permanent", "redirect:301" },
  { "slow-drip", "drip:1000" },
  { "no-answer", "delay:20000" },
};

static char *
resolve_spec (const char *spec)
{
  if (spec[0] != '@')
    return g_strdup (spec);
  if (g_str_equal (spec, "@deep"))
    {
      g_autofree char *path = write_deep_json ();
      return g_strdup_printf ("body:%s", path);
    }
  if (g_str_equal (spec, "@wrong-types"))
    {
      g_autofree char *path = write_body ("wrong-types.json",
        "{\"data\":{\"type\":\"Car\",\"id\":\"" ZOE2_VIN "\",\"attributes\":"
        "{\"timestamp\":true,\"batteryLevel\":\"sixty\",\"batteryAutonomy\":[1],"
        "\"plugStatus\":\"error\",\"chargingStatus\":{},\"batteryTemperature\":1e300}}}", -1);
      return g_strdup_printf ("body:%s", path);
    }
  if (g_str_equal (spec, "@nulls"))
    {
      g_autofree char *path = write_body ("nulls.json",
        "{\"data\":{\"type\":\"Car\",\"id\":\"" ZOE2_VIN "\",\"attributes\":"
        "{\"timestamp\":null,\"batteryLevel\":null,\"batteryAutonomy\":null,"
        "\"plugStatus\":null,\"chargingStatus\":null}}}", -1);
      return g_strdup_printf ("body:%s", path);
    }
  g_assert_not_reached ();
}

static void
test_read_faults (void)
{
  g_auto(Run) first = { 0 };
  g_autoptr(JsonObject) good = NULL;
  gint64 level;

  if (!need_keyring ())
    return;
  log_in ();
  run_cli (&first, "--json", "status", "--vin", ZOE2_VIN);
  g_assert_cmpint (first.status, ==, 0);
  good = status_of (&first);
  level = battery_level (good);

  for (guint i = 0; i < G_N_ELEMENTS (read_faults); i++)
    {
      g_auto(Run) run = { 0 };
      g_auto(Run) after = { 0 };
      g_autoptr(JsonObject) status = NULL;
      g_autoptr(JsonObject) healed = NULL;
      g_autofree char *spec = resolve_spec (read_faults[i].spec);
      JsonObject *errors;

      g_test_message ("fault %s (%s)", read_faults[i].name, spec);
      carport_simulator_clear_faults (sim);
      add_fault ("battery-status", spec);
      run_cli (&run, "--json", "status", "--vin", ZOE2_VIN);

      /* Other endpoints answer: a status, with the failure in "errors". */
      g_assert_cmpint (run.status, ==, 0);
      status = status_of (&run);
      errors = json_object_get_object_member (status, "errors");
      g_assert_nonnull (errors);
      g_assert_true (json_object_has_member (errors, "battery-status"));
      g_assert_cmpuint (strlen (json_object_get_string_member (errors, "battery-status")), >, 10);
      g_assert_null (strchr (json_object_get_string_member (errors, "battery-status"), '\n'));
      /* The last good level stays, the endpoint is not hidden. */
      g_assert_cmpint (battery_level (status), ==, level);
      g_assert_false (lists_endpoint (status, "unsupported", "battery-status"));
      g_assert_cmpuint (carport_simulator_get_endpoint_request_count (sim, "redirected"), ==, 0);

      /* Well again: asked, and answered. */
      carport_simulator_clear_faults (sim);
      run_cli (&after, "--json", "status", "--vin", ZOE2_VIN);
      g_assert_cmpint (after.status, ==, 0);
      healed = status_of (&after);
      g_assert_false (lists_endpoint (healed, "errors", "battery-status"));
      level = battery_level (healed);
    }
  log_out ();
}

/* ----------------------------------------------------------------------- */
/* Commands: climate start on the ZOE ph2 */

static gboolean
climate_on (void)
{
  g_autofree char *json = carport_simulator_dup_car_state_json (sim, ZOE2_VIN);
  g_autoptr(JsonNode) root = parse (json);

  return json_object_get_boolean_member (json_node_get_object (root), "hvacOn");
}

static void
climate_off (void)
{
  if (climate_on ())
    {
      g_auto(Run) run = { 0 };

      carport_simulator_clear_faults (sim);
      run_cli (&run, "--json", "climate", "stop", "--vin", ZOE2_VIN);
      g_assert_cmpint (run.status, ==, 0);
      g_assert_false (climate_on ());
    }
}

typedef struct {
  const char     *name;
  const char     *endpoint;
  const char     *spec;
  CarportCliExit  exit_status;
  const char     *state;         /* the JSON "state" */
  gboolean        climate_on;    /* in the simulator afterwards */
} CommandCase;

static const CommandCase command_faults[] = {
  /* The sending. */
  { "server-error", "actions/hvac-start", "error:500", CARPORT_CLI_EXIT_UNAVAILABLE, "failed", FALSE },
  { "proxy-error", "actions/hvac-start", "error:503:err.tech.wired.kamereon-proxy", CARPORT_CLI_EXIT_UNAVAILABLE, "failed", FALSE },
  { "html-502", "actions/hvac-start", "html-502", CARPORT_CLI_EXIT_UNAVAILABLE, "failed", FALSE },
  { "quota", "actions/hvac-start", "quota", CARPORT_CLI_EXIT_TEMPFAIL, "failed", FALSE },
  { "forbidden", "actions/hvac-start", "error:403:err.func.wired.forbidden", CARPORT_CLI_EXIT_FAILED, "failed", FALSE },
  { "redirect", "actions/hvac-start", "redirect:307", CARPORT_CLI_EXIT_UNAVAILABLE, "failed", FALSE },
  { "slow-drip", "actions/hvac-start", "drip:1000", CARPORT_CLI_EXIT_OK, "completed", TRUE },
  /* A 200 that cannot be read (here the server carried the command out,
   * then cut its answer short): the server took it, the car's state tells.
   * When the car's state never shows it, "not done" comes at the command's
   * two-minute deadline: tests/service/test-commands.c has that. */
  { "truncated", "actions/hvac-start", "truncated", CARPORT_CLI_EXIT_OK, "completed", TRUE },
  /* Following it: passing faults are waited out, the others end it. */
  { "poll-server-error", "notifications", "error:500:x1", CARPORT_CLI_EXIT_OK, "completed", TRUE },
  { "poll-html-502", "notifications", "html-502:x1", CARPORT_CLI_EXIT_OK, "completed", TRUE },
  { "poll-malformed", "notifications", "malformed:x1", CARPORT_CLI_EXIT_OK, "completed", TRUE },
  { "poll-deep", "notifications", "@deep:x1", CARPORT_CLI_EXIT_OK, "completed", TRUE },
  { "poll-redirect", "notifications", "redirect:x1", CARPORT_CLI_EXIT_OK, "completed", TRUE },
  { "poll-quota", "notifications", "quota", CARPORT_CLI_EXIT_NOT_CONFIRMED, "timed-out", TRUE },
  { "poll-unauthorized", "notifications", "error:401:err.func.wired.unauthorized", CARPORT_CLI_EXIT_NOT_CONFIRMED, "unknown", TRUE },
};

static void
test_command_faults (void)
{
  if (!need_keyring ())
    return;
  log_in ();

  for (guint i = 0; i < G_N_ELEMENTS (command_faults); i++)
    {
      const CommandCase *c = &command_faults[i];
      g_autofree char *spec = NULL;
      g_auto(Run) run = { 0 };
      g_autoptr(JsonObject) result = NULL;
      guint posts;
      gint64 started;

      climate_off ();
      if (g_str_has_prefix (c->spec, "@deep"))
        {
          g_autofree char *body = resolve_spec ("@deep");

          spec = g_strconcat (body, c->spec + strlen ("@deep"), NULL);
        }
      else
        spec = g_strdup (c->spec);
      g_test_message ("fault %s: %s=%s", c->name, c->endpoint, spec);
      posts = carport_simulator_get_endpoint_request_count (sim, "actions/hvac-start");
      started = g_get_monotonic_time ();
      add_fault (c->endpoint, spec);
      run_cli (&run, "--json", "climate", "start", "--vin", ZOE2_VIN);
      carport_simulator_clear_faults (sim);

      g_test_message ("exit %d after %.1f s, %s%s", run.status, (g_get_monotonic_time () - started) / 1e6, run.out, run.err);
      g_assert_cmpint (run.status, ==, c->exit_status);
      result = status_of (&run);
      g_assert_cmpstr (json_object_get_string_member (result, "state"), ==, c->state);
      if (c->exit_status != 0)
        {
          const char *message = json_object_get_string_member (result, "message");

          g_assert_nonnull (message);
          g_assert_cmpuint (strlen (message), >, 10);
          g_assert_null (strchr (message, '\n'));
        }
      /* Sent exactly once, never to where a redirect points. */
      g_assert_cmpuint (carport_simulator_get_endpoint_request_count (sim, "actions/hvac-start"), ==, posts + 1);
      g_assert_cmpuint (carport_simulator_get_endpoint_request_count (sim, "redirected"), ==, 0);
      g_assert_cmpint (climate_on (), ==, c->climate_on);
    }
  climate_off ();
  log_out ();
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  work_dir = g_dir_make_tmp ("carport-fault-matrix-XXXXXX", &error);
  g_assert_no_error (error);
  sim = carport_simulator_new ();
  carport_simulator_set_command_delay_ms (sim, 300);
  g_assert_true (carport_simulator_start (sim, 0, &error));
  g_assert_no_error (error);
  cli_test_set_env (carport_simulator_dup_environ (sim));
  /* A slow server is given up on after 4 s, a command after 10 s. */
  cli_test_add_env ("CARPORT_HTTP_DEADLINE", "4");

  g_test_add_func ("/fault-matrix/read", test_read_faults);
  g_test_add_func ("/fault-matrix/command", test_command_faults);

  status = g_test_run ();

  carport_simulator_stop (sim);
  g_clear_object (&sim);
  cli_test_set_env (NULL);
  for (const char *const *name = (const char *const[]) { "deep.json", "wrong-types.json", "nulls.json", NULL };
       *name; name++)
    {
      g_autofree char *path = g_build_filename (work_dir, *name, NULL);

      g_remove (path);
    }
  g_rmdir (work_dir);
  g_free (work_dir);
  return status;
}
