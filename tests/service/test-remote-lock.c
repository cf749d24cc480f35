/* test-remote-lock.c — remote lock (experimental) as the service runs it,
 * against the simulator's Renault Megane: the PIN kept in the credential
 * store only when asked and once the car took it, used, replaced by a new
 * one, forgotten when refused, when asked and at logout; the lock state
 * read back after the command; a refused PIN (with the tries the server
 * says remain) and the lock-out said in words; and a PIN check that never
 * answers fails without sending anything to the car. Remote engine start
 * on the Captur, the same way. */
#include "config.h"

#include <string.h>

#include "carport-api-error.h"
#include "carport-test-loop.h"
#include "service-test-util.h"

/* Sends @kind to @vehicle with @pin from @source; TRUE when completed. */
static gboolean
send_pin (Fixture             *fixture,
          CarportVehicle      *vehicle,
          CarportCommandKind   kind,
          const char          *pin,
          CarportPinSource     source,
          CarportCommand     **out_command,
          GError             **error)
{
  g_autoptr(CarportCommand) command = carport_session_create_command (fixture->session, vehicle, kind);
  gboolean ok;

  carport_command_set_pin_source (command, source);
  carport_command_set_pin (command, pin);
  ok = send_command (fixture, command, error);
  /* The PIN lives in the command only until it is used. */
  g_assert_null (carport_command_get_pin (command));
  if (out_command)
    *out_command = g_steal_pointer (&command);
  return ok;
}

static char *
remembered (Fixture        *fixture,
            CarportVehicle *vehicle)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  char *pin;

  carport_session_lookup_pin_async (fixture->session, vehicle, NULL, carport_test_result_cb, &result);
  pin = carport_session_lookup_pin_finish (fixture->session, carport_test_wait_result (&result), &error);
  g_assert_no_error (error);
  return pin;
}

static void
assert_remembered (Fixture        *fixture,
                   CarportVehicle *vehicle,
                   const char     *expected)
{
  char *pin = remembered (fixture, vehicle);

  g_assert_cmpstr (pin, ==, expected);
  carport_credential_store_pin_free (pin);
}

static void
store_pin_behind_carports_back (Fixture        *fixture,
                                CarportVehicle *vehicle,
                                const char     *pin)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  carport_credential_store_store_pin_async (fixture->store, "renault",
                                            carport_simulator_get_demo_email (fixture->sim),
                                            carport_vehicle_get_vin (vehicle), pin, NULL,
                                            carport_test_result_cb, &result);
  g_assert_true (carport_credential_store_store_pin_finish (fixture->store, carport_test_wait_result (&result),
                                                            &error));
  g_assert_no_error (error);
}

static CarportLockState
lock_state (CarportVehicle *vehicle)
{
  return carport_locks_get_state (carport_vehicle_get_locks (vehicle));
}

/* The refresh after a command is under way: waits (up to 5 s) for @state. */
static void
assert_lock_state_becomes (CarportVehicle   *vehicle,
                           CarportLockState  state)
{
  for (int i = 0; i < 100 && lock_state (vehicle) != state; i++)
    carport_test_spin (50);
  g_assert_cmpint (lock_state (vehicle), ==, state);
}

/* Stored only when asked, used, replaced, forgotten when refused. */
static void
test_remember (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CarportCommand) refused = NULL;
  CarportVehicle *megane;

  login (fixture);
  megane = vehicle_by_model (fixture, MEGANE);

  /* A PIN typed without "remember" is not kept. */
  g_assert_true (send_pin (fixture, megane, CARPORT_COMMAND_KIND_SRP_ENROL, "1234", CARPORT_PIN_SOURCE_TYPED,
                           NULL, &error));
  g_assert_no_error (error);
  assert_remembered (fixture, megane, NULL);
  g_assert_true (send_pin (fixture, megane, CARPORT_COMMAND_KIND_UNLOCK, "1234", CARPORT_PIN_SOURCE_TYPED,
                           NULL, &error));
  assert_remembered (fixture, megane, NULL);

  /* Asked: kept once the car took it; the lock state is read back. */
  g_assert_true (send_pin (fixture, megane, CARPORT_COMMAND_KIND_LOCK, "1234", CARPORT_PIN_SOURCE_REMEMBER,
                           NULL, &error));
  g_assert_no_error (error);
  assert_remembered (fixture, megane, "1234");
  assert_lock_state_becomes (megane, CARPORT_LOCK_STATE_LOCKED);

  /* Used as it is. */
  g_assert_true (send_pin (fixture, megane, CARPORT_COMMAND_KIND_UNLOCK, "1234", CARPORT_PIN_SOURCE_REMEMBERED,
                           NULL, &error));
  g_assert_no_error (error);
  assert_lock_state_becomes (megane, CARPORT_LOCK_STATE_UNLOCKED);

  /* A new PIN without "remember" forgets the old one; with it, replaces it. */
  g_assert_true (send_pin (fixture, megane, CARPORT_COMMAND_KIND_SRP_ENROL, "5678", CARPORT_PIN_SOURCE_TYPED,
                           NULL, &error));
  assert_remembered (fixture, megane, NULL);
  g_assert_true (send_pin (fixture, megane, CARPORT_COMMAND_KIND_SRP_ENROL, "2468", CARPORT_PIN_SOURCE_REMEMBER,
                           NULL, &error));
  assert_remembered (fixture, megane, "2468");

  /* The PIN changed elsewhere (the maker's app): the remembered one is
   * refused, then forgotten, and the message says both. */
  store_pin_behind_carports_back (fixture, megane, "1111");
  g_assert_false (send_pin (fixture, megane, CARPORT_COMMAND_KIND_LOCK, "1111", CARPORT_PIN_SOURCE_REMEMBERED,
                            &refused, &error));
  g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_FAILED);
  g_assert_cmpint (carport_command_get_pin_check (refused), ==, CARPORT_PIN_CHECK_WRONG);
  g_assert_nonnull (strstr (error->message, "The PIN was wrong"));
  g_assert_nonnull (strstr (error->message, "Carport forgot the remembered PIN."));
  assert_remembered (fixture, megane, NULL);
  g_assert_cmpint (lock_state (megane), ==, CARPORT_LOCK_STATE_UNLOCKED);
  g_clear_error (&error);

  /* A typed PIN refused leaves a remembered one alone (it may be right). */
  store_pin_behind_carports_back (fixture, megane, "2468");
  g_assert_false (send_pin (fixture, megane, CARPORT_COMMAND_KIND_LOCK, "9999", CARPORT_PIN_SOURCE_TYPED,
                            NULL, &error));
  assert_remembered (fixture, megane, "2468");
}

/* Forgotten when asked, and with the login. */
static void
test_forget (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  CarportVehicle *megane;
  CarportVehicle *zoe2;

  login (fixture);
  megane = vehicle_by_model (fixture, MEGANE);
  zoe2 = vehicle_by_model (fixture, ZOE2);
  store_pin_behind_carports_back (fixture, megane, "1234");
  store_pin_behind_carports_back (fixture, zoe2, "4321");

  carport_session_forget_pin_async (fixture->session, megane, NULL, carport_test_result_cb, &result);
  g_assert_true (carport_session_forget_pin_finish (fixture->session, carport_test_wait_result (&result), &error));
  g_assert_no_error (error);
  assert_remembered (fixture, megane, NULL);
  assert_remembered (fixture, zoe2, "4321");
  g_clear_object (&result);

  carport_session_logout_async (fixture->session, NULL, NULL, carport_test_result_cb, &result);
  g_assert_true (carport_session_logout_finish (fixture->session, carport_test_wait_result (&result), &error));
  g_clear_object (&result);
  login (fixture);
  zoe2 = vehicle_by_model (fixture, ZOE2);
  assert_remembered (fixture, zoe2, NULL);
}

/* Wrong PINs are said in words, with the tries left, then the lock-out. */
static void
test_wrong_pin (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  CarportVehicle *megane;

  login (fixture);
  megane = vehicle_by_model (fixture, MEGANE);
  g_assert_true (send_pin (fixture, megane, CARPORT_COMMAND_KIND_SRP_ENROL, "1234", CARPORT_PIN_SOURCE_TYPED,
                           NULL, &error));

  for (int i = 0; i < 3; i++)
    {
      g_autoptr(CarportCommand) command = NULL;

      g_clear_error (&error);
      g_assert_false (send_pin (fixture, megane, CARPORT_COMMAND_KIND_UNLOCK, "4321", CARPORT_PIN_SOURCE_TYPED,
                                &command, &error));
      g_assert_cmpint (carport_command_get_state (command), ==, CARPORT_COMMAND_STATE_FAILED);
      if (i < 2)
        {
          g_autofree char *tries = g_strdup_printf ("%d more wrong tr", 2 - i);

          g_assert_cmpint (carport_command_get_pin_check (command), ==, CARPORT_PIN_CHECK_WRONG);
          g_assert_cmpint (carport_command_get_pin_tries_left (command), ==, 2 - i);
          g_assert_nonnull (strstr (error->message, "The PIN was wrong"));
          g_assert_nonnull (strstr (error->message, tries));
        }
      else
        {
          g_assert_cmpint (carport_command_get_pin_check (command), ==, CARPORT_PIN_CHECK_LOCKED_OUT);
          g_assert_nonnull (strstr (error->message, "Set the PIN again"));
        }
    }
  g_assert_true (refresh (fixture, megane, NULL));
  g_assert_cmpint (lock_state (megane), ==, CARPORT_LOCK_STATE_LOCKED);
}

/* The PIN check never answers (the salt notification does not come): the
 * command fails at once, saying nothing was sent, and nothing was. */
static void
test_no_challenge (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) fault_error = NULL;
  g_autoptr(CarportCommand) command = NULL;
  g_autofree char *empty = NULL;
  g_autofree char *spec = NULL;
  CarportVehicle *megane;

  login (fixture);
  megane = vehicle_by_model (fixture, MEGANE);
  g_assert_true (send_pin (fixture, megane, CARPORT_COMMAND_KIND_SRP_ENROL, "1234", CARPORT_PIN_SOURCE_TYPED,
                           NULL, &error));

  /* Every notifications answer is empty from now on. */
  empty = g_build_filename (fixture->dir, "no-notifications.json", NULL);
  g_assert_true (g_file_set_contents (empty, "[]", -1, NULL));
  spec = g_strdup_printf ("notifications=body:%s", empty);
  g_assert_true (carport_simulator_add_fault_from_string (fixture->sim, spec, &fault_error));
  g_object_set (fixture->session, "request-deadline", 2, NULL);

  g_assert_false (send_pin (fixture, megane, CARPORT_COMMAND_KIND_UNLOCK, "1234", CARPORT_PIN_SOURCE_TYPED,
                            &command, &error));
  g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_UPSTREAM);
  g_assert_nonnull (strstr (error->message, "nothing was sent"));
  g_assert_cmpint (carport_command_get_state (command), ==, CARPORT_COMMAND_STATE_FAILED);
  g_assert_cmpuint (carport_simulator_get_endpoint_request_count (fixture->sim, "actions/lock-unlock"), ==, 0);
  g_assert_true (refresh (fixture, megane, NULL));
  g_assert_cmpint (lock_state (megane), ==, CARPORT_LOCK_STATE_LOCKED);
}

static const char *
remote_start_code (CarportVehicle *vehicle)
{
  return carport_services_get_remote_start_code (carport_vehicle_get_services (vehicle));
}

/* The refresh after a command is under way: waits (up to 5 s) for @code. */
static void
assert_remote_start_becomes (CarportVehicle *vehicle,
                             const char     *code)
{
  for (int i = 0; i < 100 && g_strcmp0 (remote_start_code (vehicle), code) != 0; i++)
    carport_test_spin (50);
  g_assert_cmpstr (remote_start_code (vehicle), ==, code);
}

/* Remote engine start (experimental) on the Captur, the one car with an
 * engine whose res-state is read: the proof bound to RES/Start or RES/Stop,
 * the engine's state read back, a wrong PIN refused; never on an electric
 * car, even one that takes remote lock. */
static void
test_engine (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CarportCommand) refused = NULL;
  CarportVehicle *captur;
  const char *vin;

  login (fixture);
  captur = vehicle_by_model (fixture, CAPTUR);
  vin = carport_vehicle_get_vin (captur);
  g_assert_true (carport_vehicle_supports_command (captur, CARPORT_COMMAND_KIND_ENGINE_START));
  g_assert_true (carport_vehicle_supports_command (captur, CARPORT_COMMAND_KIND_ENGINE_STOP));
  g_assert_true (carport_vehicle_supports_command (captur, CARPORT_COMMAND_KIND_SRP_ENROL));
  g_assert_false (carport_vehicle_supports_command (captur, CARPORT_COMMAND_KIND_LOCK));
  g_assert_false (carport_vehicle_supports_command (vehicle_by_model (fixture, MEGANE),
                                                    CARPORT_COMMAND_KIND_ENGINE_START));
  g_assert_false (carport_vehicle_supports_command (vehicle_by_model (fixture, ZOE2),
                                                    CARPORT_COMMAND_KIND_ENGINE_STOP));

  g_assert_true (send_pin (fixture, captur, CARPORT_COMMAND_KIND_SRP_ENROL, "2580", CARPORT_PIN_SOURCE_TYPED,
                           NULL, &error));
  g_assert_no_error (error);
  g_assert_true (refresh (fixture, captur, NULL));
  g_assert_cmpstr (remote_start_code (captur), ==, "10");

  g_assert_true (send_pin (fixture, captur, CARPORT_COMMAND_KIND_ENGINE_START, "2580", CARPORT_PIN_SOURCE_TYPED,
                           NULL, &error));
  g_assert_no_error (error);
  g_assert_true (carport_simulator_get_engine_running (fixture->sim, vin));
  assert_remote_start_becomes (captur, "42");
  g_assert_cmpuint (carport_simulator_get_endpoint_request_count (fixture->sim, "actions/engine-start"), ==, 1);

  /* A wrong PIN: refused, said so, the engine runs on. */
  g_assert_false (send_pin (fixture, captur, CARPORT_COMMAND_KIND_ENGINE_STOP, "1111", CARPORT_PIN_SOURCE_TYPED,
                            &refused, &error));
  g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_FAILED);
  g_assert_cmpint (carport_command_get_pin_check (refused), ==, CARPORT_PIN_CHECK_WRONG);
  g_assert_nonnull (strstr (error->message, "The PIN was wrong"));
  g_assert_true (carport_simulator_get_engine_running (fixture->sim, vin));
  g_clear_error (&error);

  g_assert_true (send_pin (fixture, captur, CARPORT_COMMAND_KIND_ENGINE_STOP, "2580", CARPORT_PIN_SOURCE_TYPED,
                           NULL, &error));
  g_assert_no_error (error);
  g_assert_false (carport_simulator_get_engine_running (fixture->sim, vin));
  assert_remote_start_becomes (captur, "10");
}

/* "Forget This Computer" on a Nissan: the remembered PIN stays (Nissan
 * keeps the PIN's verifier per user, not per device); a lock from the
 * forgotten computer is refused without forgetting it; registered again with
 * a new code, the same PIN unlocks without a new set-up. A Renault has
 * nothing to forget. */
static void
test_forget_device (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CarportCommand) refused = NULL;
  CarportVehicle *leaf;
  gboolean registered = TRUE;
  const char *code;

  login (fixture);
  g_assert_false (device_step (fixture, vehicle_by_model (fixture, MEGANE), CARPORT_DEVICE_STEP_FORGET, NULL, NULL,
                               &error));
  g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_NOT_SUPPORTED);
  g_assert_nonnull (strstr (error->message, "nothing to forget"));
  g_clear_error (&error);

  leaf = login_nissan_leaf (fixture);
  g_assert_true (device_step (fixture, leaf, CARPORT_DEVICE_STEP_REQUEST_CODE, NULL, NULL, &error));
  code = carport_simulator_get_last_device_otp (fixture->sim);
  g_assert_true (device_step (fixture, leaf, CARPORT_DEVICE_STEP_REGISTER, code, NULL, &error));
  g_assert_true (send_pin (fixture, leaf, CARPORT_COMMAND_KIND_SRP_ENROL, "4711", CARPORT_PIN_SOURCE_REMEMBER,
                           NULL, &error));
  g_assert_no_error (error);
  assert_remembered (fixture, leaf, "4711");

  g_assert_true (device_step (fixture, leaf, CARPORT_DEVICE_STEP_FORGET, NULL, &registered, &error));
  g_assert_no_error (error);
  g_assert_false (registered);
  g_assert_true (device_step (fixture, leaf, CARPORT_DEVICE_STEP_CHECK, NULL, &registered, &error));
  g_assert_false (registered);
  assert_remembered (fixture, leaf, "4711");

  /* Nissan no longer takes lock-unlock from here; the PIN is not to blame */
  g_assert_false (send_pin (fixture, leaf, CARPORT_COMMAND_KIND_UNLOCK, "4711", CARPORT_PIN_SOURCE_REMEMBERED,
                            &refused, &error));
  g_assert_cmpint (carport_command_get_state (refused), ==, CARPORT_COMMAND_STATE_FAILED);
  g_assert_cmpint (carport_command_get_pin_check (refused), ==, CARPORT_PIN_CHECK_UNKNOWN);
  g_clear_error (&error);
  g_assert_true (carport_simulator_get_locked (fixture->sim, LEAF_VIN));
  assert_remembered (fixture, leaf, "4711");

  /* Registered again with a new code: the same PIN, no new set-up */
  g_assert_true (device_step (fixture, leaf, CARPORT_DEVICE_STEP_REQUEST_CODE, NULL, NULL, &error));
  g_assert_true (device_step (fixture, leaf, CARPORT_DEVICE_STEP_REGISTER,
                              carport_simulator_get_last_device_otp (fixture->sim), &registered, &error));
  g_assert_no_error (error);
  g_assert_true (registered);
  g_assert_true (send_pin (fixture, leaf, CARPORT_COMMAND_KIND_UNLOCK, "4711", CARPORT_PIN_SOURCE_REMEMBERED,
                           NULL, &error));
  g_assert_no_error (error);
  g_assert_false (carport_simulator_get_locked (fixture->sim, LEAF_VIN));
  g_assert_cmpuint (carport_simulator_get_endpoint_request_count (fixture->sim, "actions/srp-initiates"), ==, 1);
  g_assert_cmpuint (carport_simulator_get_endpoint_request_count (fixture->sim, "devices"), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/remote-lock/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("remember", test_remember);
  ADD ("forget", test_forget);
  ADD ("wrong-pin", test_wrong_pin);
  ADD ("no-challenge", test_no_challenge);
  ADD ("engine", test_engine);
  ADD ("forget-device", test_forget_device);

  return g_test_run ();
}
