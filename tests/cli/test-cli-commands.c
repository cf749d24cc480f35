/* test-cli-commands.c — carport-cli commands when two are started at once
 * or the server does not answer: exactly one of two identical commands is
 * sent, the other refused with its own exit status; a sending that got no
 * answer is reported from the car's state, or as an unknown outcome. Remote
 * lock: enrolment, lock and unlock, wrong PINs in words and the lock-out, a
 * PIN check that never answers (nothing sent), and the PIN remembered in
 * the real keyring only when asked. A Nissan's "device forget", and each
 * way it fails.
 *
 * Real carport-cli processes against a carport-simulator process, the login
 * in the private keyring of build-aux/test-session (the tests skip without
 * it); the test runs alone (is_parallel: false), as cli-accounts. */
#include "config.h"

#include <string.h>

#include <libsecret/secret.h>

#include "carport-cli-exit.h"
#include "cli-test-util.h"

/* The simulator's demo cars (src/sim/README.md). */
#define ZOE2_VIN "VF1X102VE00000002"
#define MEGANE_VIN "VF1XCB1VE00000003"
#define CAPTUR_VIN "VF1XJB1SU00000006"
#define LEAF_VIN "SJNFAAZE1U0000001"

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

/* Remote lock (experimental): the PIN enrolled with "srp enrol", then
 * unlock and lock prove it over SRP-6a (srp-sets, the notification with
 * salt and B, lock-unlock with the proof); the car's lock state follows. A
 * wrong PIN fails, and three in a row lock the PIN out, the right one
 * included. */
static void
test_lock_unlock (void)
{
  const char * const args[] = { "--command-delay-ms", "100", NULL };
  Sim sim = { 0 };
  g_auto(Run) enrol = { 0 };
  g_auto(Run) unlock = { 0 };
  g_auto(Run) lock = { 0 };
  g_auto(Run) locked_out = { 0 };
  g_auto(Run) no_pin = { 0 };

  if (!need_keyring ())
    return;
  sim_start (&sim, args);
  login (&sim, "renault");

  /* Before enrolment the car has no PIN to check. */
  run_cli_full (&no_pin, "1234\n", "unlock", "--pin-stdin", "--vin", MEGANE_VIN, NULL);
  assert_one_line_error (&no_pin);

  run_cli_full (&enrol, "1234\n", "srp", "enrol", "--pin-stdin", "--vin", MEGANE_VIN, NULL);
  g_assert_cmpstr (enrol.err, ==, "");
  g_assert_cmpint (enrol.status, ==, 0);
  g_assert_true (g_str_has_prefix (enrol.out, "Set the remote control PIN: done"));

  g_assert_true (simulator_car_locked (&sim, MEGANE_VIN));
  run_cli_full (&unlock, "1234\n", "unlock", "--pin-stdin", "--vin", MEGANE_VIN, NULL);
  g_assert_cmpstr (unlock.err, ==, "");
  g_assert_cmpint (unlock.status, ==, 0);
  g_assert_true (g_str_has_prefix (unlock.out, "Unlock: done"));
  g_assert_false (simulator_car_locked (&sim, MEGANE_VIN));
  g_assert_cmpuint (simulator_endpoint_requests (&sim, "actions/srp-sets"), ==, 2);
  g_assert_cmpuint (simulator_endpoint_requests (&sim, "actions/lock-unlock"), ==, 1);

  for (guint i = 0; i < 3; i++)
    {
      g_auto(Run) wrong = { 0 };

      run_cli_full (&wrong, "4321\n", "lock", "--pin-stdin", "--vin", MEGANE_VIN, NULL);
      assert_one_line_error (&wrong);
      g_assert_cmpint (wrong.status, ==, 1);
      /* In words: wrong, with the tries the server says remain, then blocked. */
      g_assert_nonnull (strstr (wrong.err, i == 0 ? "The PIN was wrong; nothing was done to the car. 2 more wrong tries"
                                         : i == 1 ? "The PIN was wrong; nothing was done to the car. 1 more wrong try"
                                         : "remote lock is blocked for this car. Set the PIN again"));
    }
  run_cli_full (&locked_out, "1234\n", "lock", "--pin-stdin", "--vin", MEGANE_VIN, NULL);
  assert_one_line_error (&locked_out);
  g_assert_nonnull (strstr (locked_out.err, "Set the PIN again"));
  g_assert_false (simulator_car_locked (&sim, MEGANE_VIN));

  /* Enrolling again lifts the lock-out. */
  g_clear_pointer (&enrol.out, g_free);
  g_clear_pointer (&enrol.err, g_free);
  run_cli_full (&enrol, "1234\n", "srp", "enrol", "--pin-stdin", "--vin", MEGANE_VIN, NULL);
  g_assert_cmpint (enrol.status, ==, 0);
  run_cli_full (&lock, "1234\n", "lock", "--pin-stdin", "--vin", MEGANE_VIN, NULL);
  g_assert_cmpstr (lock.err, ==, "");
  g_assert_true (g_str_has_prefix (lock.out, "Lock: done"));
  g_assert_true (simulator_car_locked (&sim, MEGANE_VIN));

  sim_stop (&sim);
}

/* The PIN check never answers in time (srp-sets is slower than the
 * request deadline): the command fails at once, saying nothing was sent to
 * the car, and nothing was. */
static void
test_pin_check_unanswered (void)
{
  const char * const args[] = { "--command-delay-ms", "100", "--fault", "actions/srp-sets=delay:6000", NULL };
  Sim sim = { 0 };
  g_auto(Run) enrol = { 0 };
  g_auto(Run) unlock = { 0 };

  if (!need_keyring ())
    return;
  sim_start (&sim, args);
  login (&sim, "renault");
  run_cli_full (&enrol, "1234\n", "srp", "enrol", "--pin-stdin", "--vin", MEGANE_VIN, NULL);
  g_assert_cmpint (enrol.status, ==, 0);

  cli_test_add_env ("CARPORT_HTTP_DEADLINE", "2");
  run_cli_full (&unlock, "1234\n", "unlock", "--pin-stdin", "--vin", MEGANE_VIN, NULL);
  assert_one_line_error (&unlock);
  g_assert_cmpint (unlock.status, !=, 0);
  g_assert_cmpint (unlock.status, !=, CARPORT_CLI_EXIT_NOT_CONFIRMED);
  g_assert_nonnull (strstr (unlock.err, "did not answer the PIN check in time, so nothing was sent to it"));
  g_assert_cmpuint (simulator_endpoint_requests (&sim, "actions/lock-unlock"), ==, 0);
  g_assert_true (simulator_car_locked (&sim, MEGANE_VIN));

  sim_stop (&sim);
}

/* Remote engine start (experimental) on the Captur: "engine start" proves
 * the PIN as lock does (the proof bound to RES/Start), the engine runs and
 * res-state says so; "engine stop" takes the PIN remembered; a wrong PIN
 * fails in words. An electric car is not offered it, with a clear error
 * and nothing sent. */
static void
test_engine (void)
{
  const char * const args[] = { "--command-delay-ms", "100", NULL };
  Sim sim = { 0 };
  g_auto(Run) enrol = { 0 };
  g_auto(Run) start = { 0 };
  g_auto(Run) wrong = { 0 };
  g_auto(Run) stop = { 0 };
  g_auto(Run) electric = { 0 };
  g_auto(Run) usage = { 0 };
  g_autoptr(JsonNode) root = NULL;

  if (!need_keyring ())
    return;
  sim_start (&sim, args);
  login (&sim, "renault");

  run_cli_full (&enrol, "2580\n", "srp", "enrol", "--pin-stdin", "--vin", CAPTUR_VIN, NULL);
  g_assert_cmpstr (enrol.err, ==, "");
  g_assert_cmpint (enrol.status, ==, 0);
  g_assert_false (simulator_engine_running (&sim, CAPTUR_VIN));

  run_cli_full (&start, "2580\n", "--json", "engine", "start", "--pin-stdin", "--remember-pin",
                "--vin", CAPTUR_VIN, NULL);
  g_assert_cmpstr (start.err, ==, "");
  g_assert_cmpint (start.status, ==, 0);
  root = parse (start.out);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (root), "command"), ==, "engine-start");
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (root), "state"), ==, "completed");
  g_assert_true (simulator_engine_running (&sim, CAPTUR_VIN));

  /* A wrong PIN: refused in words, the engine runs on. */
  run_cli_full (&wrong, "1111\n", "engine", "stop", "--pin-stdin", "--vin", CAPTUR_VIN, NULL);
  assert_one_line_error (&wrong);
  g_assert_cmpint (wrong.status, ==, CARPORT_CLI_EXIT_FAILED);
  g_assert_nonnull (strstr (wrong.err, "The PIN was wrong"));
  g_assert_true (simulator_engine_running (&sim, CAPTUR_VIN));

  /* The remembered PIN, without asking. */
  run_cli_full (&stop, NULL, "engine", "stop", "--vin", CAPTUR_VIN, NULL);
  g_assert_cmpstr (stop.err, ==, "");
  g_assert_cmpint (stop.status, ==, 0);
  g_assert_true (g_str_has_prefix (stop.out, "Stop engine: done"));
  g_assert_false (simulator_engine_running (&sim, CAPTUR_VIN));
  g_assert_cmpuint (simulator_endpoint_requests (&sim, "actions/engine-start"), ==, 3);

  /* An electric car has no engine to start. */
  run_cli_full (&electric, "2580\n", "engine", "start", "--pin-stdin", "--vin", MEGANE_VIN, NULL);
  assert_one_line_error (&electric);
  g_assert_cmpint (electric.status, ==, CARPORT_CLI_EXIT_FAILED);
  g_assert_nonnull (strstr (electric.err, "Start engine is not available on this car"));
  g_assert_cmpuint (simulator_endpoint_requests (&sim, "actions/engine-start"), ==, 3);

  run_cli_full (&usage, NULL, "engine", "run", "--vin", CAPTUR_VIN, NULL);
  g_assert_cmpint (usage.status, ==, CARPORT_CLI_EXIT_USAGE);
  g_assert_nonnull (strstr (usage.err, "engine start|stop"));

  sim_stop (&sim);
}

/* The keyring item of a remembered PIN, as carport-secret-store.c writes it. */
static const SecretSchema pin_schema = {
  "io.github.carport.Carport.Pin", SECRET_SCHEMA_NONE,
  {
    { "brand", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { "email", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { "vin", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { NULL, 0 },
  }
};

static void
searched_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* The PIN the keyring holds for @vin, or NULL. Read with an asynchronous
 * search: libsecret 0.20's secret_password_lookup() loses a D-Bus reply
 * for each secret it finds (valgrind). */
static char *
keyring_pin (const char *vin)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GHashTable) attributes = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;
  g_autoptr(SecretValue) secret = NULL;
  GList *items;
  char *pin = NULL;

  g_hash_table_insert (attributes, (char *) "vin", (char *) vin);
  secret_password_searchv (&pin_schema, attributes, SECRET_SEARCH_UNLOCK | SECRET_SEARCH_LOAD_SECRETS, NULL,
                           searched_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  items = secret_password_search_finish (result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_length (items), <=, 1);
  if (items != NULL)
    {
      secret = secret_item_get_secret (SECRET_ITEM (items->data));
      g_assert_nonnull (secret);
      pin = g_strdup (secret_value_get_text (secret));
    }
  g_list_free_full (items, g_object_unref);
  return pin;
}

static void
assert_keyring_pin (const char *vin,
                    const char *expected)
{
  g_autofree char *pin = keyring_pin (vin);

  g_assert_cmpstr (pin, ==, expected);
}

/* A PIN changed elsewhere (the maker's app): the keyring keeps the old one. */
static void
keyring_replace_pin (Sim        *sim,
                     const char *vin,
                     const char *pin)
{
  g_autoptr(GError) error = NULL;

  secret_password_store_sync (&pin_schema, SECRET_COLLECTION_DEFAULT, "test", pin, NULL, &error,
                              "brand", "renault",
                              "email", json_object_get_string_member (demo_account (sim, "renault"), "email"),
                              "vin", vin, NULL);
  g_assert_no_error (error);
}

/* The PIN kept in the real keyring only with --remember-pin and once the
 * car took it; lock and unlock use it without asking; a new PIN replaces
 * it; refused, it is forgotten; "srp forget" and logout forget it. */
static void
test_remember_pin (void)
{
  const char * const args[] = { "--command-delay-ms", "100", NULL };
  Sim sim = { 0 };

  if (!need_keyring ())
    return;
  sim_start (&sim, args);
  login (&sim, "renault");

  {
    g_auto(Run) enrol = { 0 };
    g_auto(Run) unlock = { 0 };

    /* Typed without --remember-pin: asked again next time, kept nowhere. */
    run_cli_full (&enrol, "1234\n", "srp", "enrol", "--pin-stdin", "--vin", MEGANE_VIN, NULL);
    g_assert_cmpint (enrol.status, ==, 0);
    run_cli_full (&unlock, "1234\n", "unlock", "--pin-stdin", "--vin", MEGANE_VIN, NULL);
    g_assert_cmpint (unlock.status, ==, 0);
    assert_keyring_pin (MEGANE_VIN, NULL);
  }
  {
    g_auto(Run) wrong = { 0 };
    g_auto(Run) lock = { 0 };
    g_auto(Run) unlock = { 0 };

    /* Refused: not kept, although asked. */
    run_cli_full (&wrong, "9999\n", "lock", "--pin-stdin", "--remember-pin", "--vin", MEGANE_VIN, NULL);
    g_assert_cmpint (wrong.status, ==, 1);
    assert_keyring_pin (MEGANE_VIN, NULL);
    /* Taken: kept. */
    run_cli_full (&lock, "1234\n", "lock", "--pin-stdin", "--remember-pin", "--vin", MEGANE_VIN, NULL);
    g_assert_cmpstr (lock.err, ==, "");
    g_assert_cmpint (lock.status, ==, 0);
    assert_keyring_pin (MEGANE_VIN, "1234");
    g_assert_true (simulator_car_locked (&sim, MEGANE_VIN));
    /* Used without asking: nothing on stdin, no terminal. */
    run_cli_full (&unlock, "", "unlock", "--vin", MEGANE_VIN, NULL);
    g_assert_cmpstr (unlock.err, ==, "");
    g_assert_cmpint (unlock.status, ==, 0);
    g_assert_true (g_str_has_prefix (unlock.out, "Unlock: done"));
    g_assert_false (simulator_car_locked (&sim, MEGANE_VIN));
  }
  {
    g_auto(Run) change = { 0 };
    g_auto(Run) change_remembered = { 0 };
    g_auto(Run) lock = { 0 };

    /* A new PIN without --remember-pin forgets the old; with it, replaces it. */
    run_cli_full (&change, "5678\n", "srp", "enrol", "--pin-stdin", "--vin", MEGANE_VIN, NULL);
    g_assert_cmpint (change.status, ==, 0);
    assert_keyring_pin (MEGANE_VIN, NULL);
    run_cli_full (&change_remembered, "2468\n", "srp", "enrol", "--pin-stdin", "--remember-pin",
                  "--vin", MEGANE_VIN, NULL);
    g_assert_cmpint (change_remembered.status, ==, 0);
    assert_keyring_pin (MEGANE_VIN, "2468");
    run_cli_full (&lock, "", "lock", "--vin", MEGANE_VIN, NULL);
    g_assert_cmpint (lock.status, ==, 0);
    g_assert_true (simulator_car_locked (&sim, MEGANE_VIN));
  }
  {
    g_auto(Run) refused = { 0 };

    /* Changed elsewhere: the remembered PIN is refused, and forgotten. */
    keyring_replace_pin (&sim, MEGANE_VIN, "1111");
    run_cli_full (&refused, "", "unlock", "--vin", MEGANE_VIN, NULL);
    assert_one_line_error (&refused);
    g_assert_cmpint (refused.status, ==, 1);
    g_assert_nonnull (strstr (refused.err, "The PIN was wrong"));
    g_assert_nonnull (strstr (refused.err, "Carport forgot the remembered PIN."));
    assert_keyring_pin (MEGANE_VIN, NULL);
    g_assert_true (simulator_car_locked (&sim, MEGANE_VIN));
  }
  {
    g_auto(Run) forget = { 0 };
    g_auto(Run) logout = { 0 };

    keyring_replace_pin (&sim, MEGANE_VIN, "2468");
    keyring_replace_pin (&sim, ZOE2_VIN, "2468");
    run_cli_full (&forget, NULL, "srp", "forget", "--vin", MEGANE_VIN, NULL);
    g_assert_cmpstr (forget.err, ==, "");
    g_assert_cmpint (forget.status, ==, 0);
    assert_keyring_pin (MEGANE_VIN, NULL);
    assert_keyring_pin (ZOE2_VIN, "2468");
    /* The login goes with every PIN of its cars. */
    run_cli_full (&logout, NULL, "logout", NULL);
    g_assert_cmpint (logout.status, ==, 0);
    assert_keyring_pin (ZOE2_VIN, NULL);
  }

  sim_stop (&sim);
}

/* The lock state of @vin as carport-cli reads it now ("locked", "unlocked"). */
static char *
cli_lock_state (const char *vin)
{
  g_auto(Run) run = { 0 };
  g_autoptr(JsonNode) root = NULL;
  JsonObject *car;

  run_cli (&run, "--json", "status", "--vin", vin);
  g_assert_cmpint (run.status, ==, 0);
  root = parse (run.out);
  car = json_node_get_object (root);
  if (json_object_has_member (car, "vehicles"))
    car = json_array_get_object_element (json_object_get_array_member (car, "vehicles"), 0);
  return g_strdup (json_object_get_string_member (json_object_get_object_member (car, "locks"), "state"));
}

/* A Nissan's remote lock (api-nissan.md §3.4): this computer is registered
 * for the car first with the code Nissan e-mails (a wrong one is refused and
 * nothing goes to the car), then the PIN is enrolled, and unlock and lock
 * prove it (srp-sets, the challenge through the action status, lock-unlock
 * with the device id); the lock state read back follows. A wrong PIN fails,
 * three lock it out, enrolling again lifts that. */
static void
test_nissan_lock (void)
{
  const char * const args[] = { "--command-delay-ms", "100", NULL };
  Sim sim = { 0 };
  Spawned spawned = { 0 };
  g_auto(Run) wrong_code = { 0 };
  g_auto(Run) enrol = { 0 };
  g_auto(Run) unlock = { 0 };
  g_auto(Run) lock = { 0 };
  g_auto(Run) locked_out = { 0 };
  g_autofree char *first_code = NULL;
  g_autofree char *state = NULL;

  if (!need_keyring ())
    return;
  sim_start (&sim, args);
  login (&sim, "nissan");

  /* A wrong code: refused, nothing sent to the car. */
  run_cli_full (&wrong_code, "000000\n1234\n", "srp", "enrol", "--pin-stdin", "--vin", LEAF_VIN, NULL);
  /* What is going on, then the one line of the error */
  g_assert_nonnull (strstr (wrong_code.err, "This computer is not registered for"));
  g_assert_nonnull (strstr (wrong_code.err, "Nissan has e-mailed a 6-digit code"));
  g_assert_cmpint (wrong_code.status, ==, CARPORT_CLI_EXIT_FAILED);
  g_assert_nonnull (strstr (wrong_code.err, "The code is not right"));
  g_assert_nonnull (strstr (wrong_code.err, "Nothing was sent to the car."));
  g_assert_cmpuint (simulator_endpoint_requests (&sim, "register-device"), ==, 1);
  g_assert_cmpuint (simulator_endpoint_requests (&sim, "actions/srp-initiates"), ==, 0);
  first_code = simulator_device_otp (&sim);

  /* The code from the "e-mail", then the PIN: registered and enrolled. */
  spawn_cli (&spawned, NULL, "srp", "enrol", "--pin-stdin", "--vin", LEAF_VIN, NULL);
  spawned_type_device_otp (&spawned, &sim, first_code);
  spawned.input = g_strdup ("1234\n");
  spawned_wait (&spawned, &enrol);
  g_assert_cmpint (enrol.status, ==, 0);
  g_assert_nonnull (strstr (enrol.err, "now registered"));
  g_assert_true (g_str_has_prefix (enrol.out, "Set the remote control PIN: done"));
  g_assert_cmpuint (simulator_endpoint_requests (&sim, "generate-device-otp"), ==, 2);

  /* Registered: no code asked again. */
  g_assert_true (simulator_car_locked (&sim, LEAF_VIN));
  run_cli_full (&unlock, "1234\n", "unlock", "--pin-stdin", "--vin", LEAF_VIN, NULL);
  g_assert_cmpstr (unlock.err, ==, "");
  g_assert_cmpint (unlock.status, ==, 0);
  g_assert_true (g_str_has_prefix (unlock.out, "Unlock: done"));
  g_assert_false (simulator_car_locked (&sim, LEAF_VIN));
  state = cli_lock_state (LEAF_VIN);
  g_assert_cmpstr (state, ==, "unlocked");
  g_assert_cmpuint (simulator_endpoint_requests (&sim, "generate-device-otp"), ==, 2);
  g_assert_cmpuint (simulator_endpoint_requests (&sim, "actions/srp-sets"), ==, 1);
  g_assert_cmpuint (simulator_endpoint_requests (&sim, "actions/lock-unlock"), ==, 1);

  for (guint i = 0; i < 3; i++)
    {
      g_auto(Run) wrong = { 0 };

      run_cli_full (&wrong, "4321\n", "lock", "--pin-stdin", "--vin", LEAF_VIN, NULL);
      assert_one_line_error (&wrong);
      g_assert_cmpint (wrong.status, ==, CARPORT_CLI_EXIT_FAILED);
      g_assert_nonnull (strstr (wrong.err, "The car refused the PIN"));
    }
  run_cli_full (&locked_out, "1234\n", "lock", "--pin-stdin", "--vin", LEAF_VIN, NULL);
  assert_one_line_error (&locked_out);
  g_assert_nonnull (strstr (locked_out.err, "The car refused the PIN"));
  g_assert_false (simulator_car_locked (&sim, LEAF_VIN));

  /* Enrolling again lifts the lock-out. */
  g_clear_pointer (&enrol.out, g_free);
  g_clear_pointer (&enrol.err, g_free);
  run_cli_full (&enrol, "1234\n", "srp", "enrol", "--pin-stdin", "--vin", LEAF_VIN, NULL);
  g_assert_cmpint (enrol.status, ==, 0);
  run_cli_full (&lock, "1234\n", "lock", "--pin-stdin", "--vin", LEAF_VIN, NULL);
  g_assert_cmpstr (lock.err, ==, "");
  g_assert_true (g_str_has_prefix (lock.out, "Lock: done"));
  g_assert_true (simulator_car_locked (&sim, LEAF_VIN));
  g_clear_pointer (&state, g_free);
  state = cli_lock_state (LEAF_VIN);
  g_assert_cmpstr (state, ==, "locked");

  sim_stop (&sim);
}

/* Registers this computer for the Leaf as a person does (the e-mailed code
 * typed before the PIN, with srp enrol); @previous_code is the code the
 * simulator last sent (NULL: none). */
static void
register_leaf (Sim        *sim,
               const char *previous_code)
{
  Spawned spawned = { 0 };
  g_auto(Run) enrol = { 0 };

  spawn_cli (&spawned, NULL, "srp", "enrol", "--pin-stdin", "--vin", LEAF_VIN, NULL);
  spawned_type_device_otp (&spawned, sim, previous_code);
  spawned.input = g_strdup ("1234\n");
  spawned_wait (&spawned, &enrol);
  g_assert_cmpint (enrol.status, ==, 0);
  g_assert_nonnull (strstr (enrol.err, "now registered"));
}

/* "device forget" (api-nissan.md §3.4): the DELETE unregisters this computer,
 * after which a lock asks for a new e-mailed code; a computer Nissan does not
 * know counts as forgotten; --json prints {"vin", "registered": false}; a
 * Renault has nothing to forget and is asked nothing. */
static void
test_device_forget (void)
{
  const char * const args[] = { "--command-delay-ms", "100", NULL };
  Sim sim = { 0 };
  g_auto(Run) forget = { 0 };
  g_auto(Run) again = { 0 };
  g_auto(Run) unlock = { 0 };
  g_auto(Run) renault = { 0 };
  g_auto(Run) usage = { 0 };
  g_autofree char *code = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;

  if (!need_keyring ())
    return;
  sim_start (&sim, args);
  login (&sim, "nissan");
  register_leaf (&sim, NULL);
  code = simulator_device_otp (&sim);

  run_cli (&forget, "device", "forget", "--vin", LEAF_VIN);
  g_assert_cmpstr (forget.err, ==, "");
  g_assert_cmpint (forget.status, ==, 0);
  g_assert_true (g_str_has_prefix (forget.out, "This computer is no longer registered with "));
  g_assert_cmpuint (simulator_endpoint_requests (&sim, "devices"), ==, 1);

  /* Not registered any more: done all the same */
  run_cli (&again, "--json", "device", "forget", "--vin", LEAF_VIN);
  g_assert_cmpint (again.status, ==, 0);
  root = parse (again.out);
  object = json_node_get_object (root);
  g_assert_cmpstr (json_object_get_string_member (object, "vin"), ==, LEAF_VIN);
  g_assert_true (json_object_has_member (object, "registered"));
  g_assert_false (json_object_get_boolean_member (object, "registered"));
  g_assert_cmpuint (simulator_endpoint_requests (&sim, "devices"), ==, 2);

  /* The next unlock asks Nissan for a new code (a wrong one ends it) */
  run_cli_full (&unlock, "000000\n1234\n", "unlock", "--pin-stdin", "--vin", LEAF_VIN, NULL);
  g_assert_nonnull (strstr (unlock.err, "This computer is not registered for"));
  g_assert_cmpint (unlock.status, ==, CARPORT_CLI_EXIT_FAILED);
  g_assert_cmpuint (simulator_endpoint_requests (&sim, "generate-device-otp"), ==, 2);
  g_assert_cmpuint (simulator_endpoint_requests (&sim, "actions/lock-unlock"), ==, 0);

  run_cli (&usage, "device", "remember", "--vin", LEAF_VIN);
  g_assert_cmpint (usage.status, ==, CARPORT_CLI_EXIT_USAGE);
  assert_one_line_error (&usage);

  login (&sim, "renault");
  run_cli (&renault, "device", "forget", "--vin", MEGANE_VIN);
  g_assert_cmpstr (renault.err, ==, "");
  g_assert_cmpint (renault.status, ==, 0);
  g_assert_nonnull (strstr (renault.out, "nothing to forget"));
  g_assert_cmpuint (simulator_endpoint_requests (&sim, "devices"), ==, 2);

  sim_stop (&sim);
}

/* Runs "device forget" for the Leaf, which fails with @status and one line
 * on stderr that holds @words. */
static void
assert_forget_fails (int         status,
                     const char *words)
{
  g_auto(Run) run = { 0 };

  run_cli (&run, "device", "forget", "--vin", LEAF_VIN);
  assert_one_line_error (&run);
  g_assert_cmpint (run.status, ==, status);
  g_assert_cmpstr (run.out, ==, "");
  if (strstr (run.err, words) == NULL)
    g_error ("“%s” is not in: %s", words, run.err);
  /* No device id, no HTML */
  g_assert_null (strstr (run.err, "<"));
  g_assert_null (strstr (run.err, "/devices/"));
}

/* Each way the DELETE fails, in the order of the simulator's faults: a
 * login Nissan refuses even after a new token (77), its server's error
 * (69), a proxy's HTML page (69), a refusal (1), no answer in time (3: it
 * may have been done); each in one sentence that says whether this computer
 * may still be registered. Then it works. */
static void
test_device_forget_errors (void)
{
  const char * const args[] = {
    "--fault", "devices=error:401000:x2", "--fault", "devices=error:500:x1", "--fault", "devices=html-502:x1",
    "--fault", "devices=error:403000:x1", "--fault", "devices=delay:6000:x1", NULL
  };
  Sim sim = { 0 };
  g_auto(Run) done = { 0 };

  if (!need_keyring ())
    return;
  sim_start (&sim, args);
  login (&sim, "nissan");

  assert_forget_fails (CARPORT_CLI_EXIT_NOPERM, "Nissan did not accept Carport’s login, so this computer is still "
                                                "registered with the car. Log in again, then try again.");
  g_assert_cmpuint (simulator_endpoint_requests (&sim, "devices"), ==, 2);
  assert_forget_fails (CARPORT_CLI_EXIT_UNAVAILABLE, "This computer could not be removed from the car. The car "
                                                     "maker's servers are having trouble right now.");
  assert_forget_fails (CARPORT_CLI_EXIT_UNAVAILABLE, "This computer could not be removed from the car.");
  assert_forget_fails (CARPORT_CLI_EXIT_FAILED, "Nissan refused to remove this computer from the car.");
  cli_test_add_env ("CARPORT_HTTP_DEADLINE", "1");
  assert_forget_fails (CARPORT_CLI_EXIT_NOT_CONFIRMED, "Nissan did not answer in time, so this computer may still "
                                                       "be registered with the car. Try again.");
  g_assert_cmpuint (simulator_endpoint_requests (&sim, "devices"), ==, 6);

  run_cli (&done, "device", "forget", "--vin", LEAF_VIN);
  g_assert_cmpint (done.status, ==, 0);

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
  g_test_add_func ("/cli-commands/lock-unlock", test_lock_unlock);
  g_test_add_func ("/cli-commands/remember-pin", test_remember_pin);
  g_test_add_func ("/cli-commands/pin-check-unanswered", test_pin_check_unanswered);
  g_test_add_func ("/cli-commands/engine", test_engine);
  g_test_add_func ("/cli-commands/nissan-lock", test_nissan_lock);
  g_test_add_func ("/cli-commands/device-forget", test_device_forget);
  g_test_add_func ("/cli-commands/device-forget-errors", test_device_forget_errors);

  return g_test_run ();
}
