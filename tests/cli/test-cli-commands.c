/* test-cli-commands.c — carport-cli commands when two are started at once
 * or the server does not answer: exactly one of two identical commands is
 * sent, the other refused with its own exit status; a sending that got no
 * answer is reported from the car's state, or as an unknown outcome.
 *
 * Real carport-cli processes against a carport-simulator process, the login
 * in the private keyring of build-aux/test-session (the tests skip without
 * it); the test runs alone (is_parallel: false), as cli-accounts. */
#include "config.h"

#include <string.h>

#include "carport-cli-exit.h"
#include "cli-test-util.h"

/* The simulator's demo cars (src/sim/README.md). */
#define ZOE2_VIN "VF1X102VE00000002"
#define MEGANE_VIN "VF1XCB1VE00000003"

/* Two identical commands started together: the first sends, the second is
 * refused while the first is followed. */
static void
test_one_of_two_processes (void)
{
  const char * const args[] = { "--command-delay-ms", "100", "--fault", "actions/hvac-start=delay:4000", NULL };
  Sim sim = { 0 };
  Spawned first = { 0 }, second = { 0 };
  g_auto(Run) first_run = { 0 };
  g_auto(Run) second_run = { 0 };
  Run *sent, *refused;

  if (!need_keyring ())
    return;
  sim_start (&sim, args);
  login (&sim, "renault");

  spawn_cli (&first, NULL, "climate", "start", "--vin", ZOE2_VIN, NULL);
  spawn_cli (&second, NULL, "climate", "start", "--vin", ZOE2_VIN, NULL);
  spawned_wait (&first, &first_run);
  spawned_wait (&second, &second_run);

  /* Either may win the race. */
  sent = first_run.status == 0 ? &first_run : &second_run;
  refused = sent == &first_run ? &second_run : &first_run;
  g_assert_cmpint (sent->status, ==, 0);
  g_assert_cmpstr (sent->err, ==, "");
  g_assert_cmpint (refused->status, ==, CARPORT_CLI_EXIT_IN_PROGRESS);
  assert_one_line_error (refused);
  g_assert_nonnull (strstr (refused->err, "already in progress"));
  g_assert_cmpuint (simulator_endpoint_requests (&sim, "actions/hvac-start"), ==, 1);

  sim_stop (&sim);
}

/* The server carried out the climate start, but its answer drips past the
 * deadline: the car's state says it was done. */
static void
test_no_answer_but_done (void)
{
  const char * const args[] = { "--command-delay-ms", "100", "--fault", "actions/hvac-start=drip:300", NULL };
  Sim sim = { 0 };
  g_auto(Run) run = { 0 };

  if (!need_keyring ())
    return;
  sim_start (&sim, args);
  cli_test_add_env ("CARPORT_HTTP_DEADLINE", "1");
  login (&sim, "renault");

  run_cli (&run, "climate", "start", "--vin", ZOE2_VIN);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, "Start climate: done. The server did not answer"));
  g_assert_cmpuint (simulator_endpoint_requests (&sim, "actions/hvac-start"), ==, 1);

  sim_stop (&sim);
}

/* Nothing shows whether the horn sounded: "unknown", its own exit status,
 * never "failed". */
static void
test_no_answer_unknown (void)
{
  const char * const args[] = { "--fault", "horn-lights=drip:300", NULL };
  Sim sim = { 0 };
  g_auto(Run) run = { 0 };
  g_auto(Run) json = { 0 };
  g_autoptr(JsonNode) root = NULL;

  if (!need_keyring ())
    return;
  sim_start (&sim, args);
  cli_test_add_env ("CARPORT_HTTP_DEADLINE", "1");
  login (&sim, "renault");

  run_cli (&run, "horn", "--vin", MEGANE_VIN);
  g_assert_cmpint (run.status, ==, CARPORT_CLI_EXIT_NOT_CONFIRMED);
  assert_one_line_error (&run);
  g_assert_true (g_str_has_prefix (run.err, "carport-cli: Sound the horn: outcome unknown."));
  g_assert_nonnull (strstr (run.err, "Check the car before sending it again."));

  run_cli (&json, "--json", "horn", "--vin", MEGANE_VIN);
  g_assert_cmpint (json.status, ==, CARPORT_CLI_EXIT_NOT_CONFIRMED);
  root = parse (json.out);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (root), "state"), ==, "unknown");
  g_assert_cmpuint (simulator_endpoint_requests (&sim, "actions/horn-lights"), ==, 2);

  sim_stop (&sim);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli-commands/one-of-two-processes", test_one_of_two_processes);
  g_test_add_func ("/cli-commands/no-answer-but-done", test_no_answer_but_done);
  g_test_add_func ("/cli-commands/no-answer-unknown", test_no_answer_unknown);

  return g_test_run ();
}
