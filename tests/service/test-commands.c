/* test-commands.c — commands when the network misbehaves: a sending that
 * gets no answer is settled from the car's state (done, not done, or
 * unknown: never plain "failed"), a command has one deadline from sending
 * to its end, following it honours the quota back-off and stops when the
 * login is gone, and one command of a kind per car is on its way at a time,
 * across processes; a Nissan's remote lock registers this computer first.
 * Each test has its own simulator (service-test-util.h). */
#include "config.h"

#include <string.h>

#include "carport-api-error.h"
#include "carport-command-lock.h"
#include "carport-test-loop.h"
#include "service-test-util.h"

/* The states @command goes through, as a string: "sending verifying completed". */
static void
state_cb (CarportCommand *command,
          GParamSpec     *pspec,
          GString        *states)
{
  g_string_append_printf (states, "%s%s", states->len ? " " : "",
                          carport_enum_to_nick (CARPORT_TYPE_COMMAND_STATE, carport_command_get_state (command)));
}

static void
add_fault (Fixture    *fixture,
           const char *spec)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (carport_simulator_add_fault_from_string (fixture->sim, spec, &error));
  g_assert_no_error (error);
}

typedef struct {
  CarportVehicle *vehicle;
  CarportCommand *command;
  GString        *states;   /* the states the command went through */
  gboolean        ok;
  GError         *error;
} Sent;

static void
sent_clear (Sent *sent)
{
  g_clear_object (&sent->command);
  if (sent->states)
    g_string_free (g_steal_pointer (&sent->states), TRUE);
  g_clear_error (&sent->error);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Sent, sent_clear)

/* Logs in, then sends a command of @kind to the car of @model with @fault on
 * the simulator, requests limited to @request_deadline and the command to
 * @command_timeout seconds; waits for its end. */
static void
send_with_fault (Fixture            *fixture,
                 Sent               *sent,
                 const char         *model,
                 CarportCommandKind  kind,
                 const char         *fault,
                 guint               request_deadline,
                 guint               command_timeout)
{
  login (fixture);
  sent->vehicle = vehicle_by_model (fixture, model);
  g_assert_true (carport_vehicle_supports_command (sent->vehicle, kind));
  g_object_set (fixture->session, "request-deadline", request_deadline, "command-timeout", command_timeout, NULL);
  add_fault (fixture, fault);

  sent->states = g_string_new (NULL);
  sent->command = carport_session_create_command (fixture->session, sent->vehicle, kind);
  g_signal_connect (sent->command, "notify::state", G_CALLBACK (state_cb), sent->states);
  sent->ok = send_command (fixture, sent->command, &sent->error);
}

/* ----------------------------------------------------------------------- */

/* The server carried out the climate start but its answer never came in
 * time: the car's state shows it done. */
static void
test_no_answer_but_done (Fixture       *fixture,
                         gconstpointer  data)
{
  g_auto(Sent) sent = { 0 };

  send_with_fault (fixture, &sent, ZOE2, CARPORT_COMMAND_KIND_HVAC_START, "hvac-start=drip:300", 1, 10);
  g_assert_no_error (sent.error);
  g_assert_true (sent.ok);
  g_assert_cmpstr (sent.states->str, ==, "sending verifying completed");
  g_assert_nonnull (carport_command_get_message (sent.command));
  g_assert_true (carport_simulator_get_hvac_on (fixture->sim, carport_vehicle_get_vin (sent.vehicle)));
  g_assert_cmpint (carport_climate_get_state (carport_vehicle_get_climate (sent.vehicle)), ==, CARPORT_CLIMATE_STATE_ON);
  g_assert_cmpuint (carport_simulator_get_endpoint_request_count (fixture->sim, "actions/hvac-start"), ==, 1);
}

/* The sending never reached the car (the server gave up with the client):
 * the state still shows it not done when the command's time is up. */
static void
test_no_answer_not_done (Fixture       *fixture,
                         gconstpointer  data)
{
  g_auto(Sent) sent = { 0 };

  send_with_fault (fixture, &sent, ZOE2, CARPORT_COMMAND_KIND_HVAC_START, "hvac-start=delay:5000", 1, 3);
  g_assert_false (sent.ok);
  g_assert_error (sent.error, CARPORT_API_ERROR, CARPORT_API_ERROR_FAILED);
  g_assert_cmpstr (sent.states->str, ==, "sending verifying failed");
  g_assert_cmpstr (sent.error->message, ==, carport_command_get_message (sent.command));
  g_assert_false (carport_simulator_get_hvac_on (fixture->sim, carport_vehicle_get_vin (sent.vehicle)));
}

/* Nothing shows whether the horn sounded: unknown, never "failed". */
static void
test_no_answer_unknown (Fixture       *fixture,
                        gconstpointer  data)
{
  g_auto(Sent) sent = { 0 };

  send_with_fault (fixture, &sent, MEGANE, CARPORT_COMMAND_KIND_HORN, "horn-lights=drip:300", 1, 10);
  g_assert_false (sent.ok);
  g_assert_error (sent.error, CARPORT_API_ERROR, CARPORT_API_ERROR_TIMEOUT);
  g_assert_cmpstr (sent.states->str, ==, "sending unknown");
  g_assert_true (carport_command_get_finished (sent.command));
  g_assert_nonnull (carport_command_get_message (sent.command));
  g_assert_cmpuint (carport_simulator_get_endpoint_request_count (fixture->sim, "actions/horn-lights"), ==, 1);
}

/* The command's deadline covers its sending too: a sending that would take
 * longer is cut, then settled from the car's state. */
static void
test_deadline_covers_sending (Fixture       *fixture,
                              gconstpointer  data)
{
  g_auto(Sent) sent = { 0 };

  send_with_fault (fixture, &sent, ZOE2, CARPORT_COMMAND_KIND_HVAC_START, "hvac-start=drip:300", 25, 2);
  g_assert_no_error (sent.error);
  g_assert_cmpstr (sent.states->str, ==, "sending verifying completed");
}

/* ----------------------------------------------------------------------- */

/* After the first "quota reached" the servers are left alone: no poll
 * every few seconds until the deadline. */
static void
test_poll_honours_quota (Fixture       *fixture,
                         gconstpointer  data)
{
  g_auto(Sent) sent = { 0 };

  carport_simulator_set_command_delay_ms (fixture->sim, 8000);
  send_with_fault (fixture, &sent, ZOE2, CARPORT_COMMAND_KIND_HVAC_START, "notifications=quota", 60, 10);
  g_assert_false (sent.ok);
  g_assert_error (sent.error, CARPORT_API_ERROR, CARPORT_API_ERROR_TIMEOUT);
  g_assert_cmpint (carport_command_get_state (sent.command), ==, CARPORT_COMMAND_STATE_TIMED_OUT);
  g_assert_cmpuint (carport_simulator_get_endpoint_request_count (fixture->sim, "notifications"), ==, 1);
  g_assert_cmpuint (carport_simulator_get_endpoint_request_count (fixture->sim, "actions/hvac-start"), ==, 1);
}

static void
revoke_login_when_pending_cb (CarportCommand *command,
                              GParamSpec     *pspec,
                              Fixture        *fixture)
{
  if (carport_command_get_state (command) != CARPORT_COMMAND_STATE_PENDING)
    return;
  carport_simulator_expire_login_tokens (fixture->sim);
  add_fault (fixture, "notifications=error:401:err.func.wired.unauthorized");
}

/* The login is revoked while the command is followed: "log in again" at
 * once, not "timed out" after the deadline. */
static void
test_poll_stops_when_login_gone (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(CarportCommand) command = NULL;
  g_autoptr(GError) error = NULL;
  CarportVehicle *zoe2;

  login (fixture);
  zoe2 = vehicle_by_model (fixture, ZOE2);
  carport_simulator_set_command_delay_ms (fixture->sim, 8000);

  command = carport_session_create_command (fixture->session, zoe2, CARPORT_COMMAND_KIND_HVAC_START);
  g_signal_connect (command, "notify::state", G_CALLBACK (revoke_login_when_pending_cb), fixture);
  g_assert_false (send_command (fixture, command, &error));
  g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_LOGIN_EXPIRED);
  g_assert_cmpint (carport_command_get_state (command), ==, CARPORT_COMMAND_STATE_UNKNOWN);
  g_assert_cmpuint (carport_simulator_get_endpoint_request_count (fixture->sim, "notifications"), <=, 2);
  g_assert_cmpint (carport_session_get_state (fixture->session), ==, CARPORT_SESSION_STATE_LOGGED_OUT);
}

/* ----------------------------------------------------------------------- */

/* While another process follows a climate start for this car, this one
 * sends none; the lock goes with the command. */
static void
test_lock_across_processes (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(CarportCommand) refused = NULL;
  g_autoptr(CarportCommand) command = NULL;
  g_autoptr(CarportCommandLock) other = NULL;
  g_autoptr(CarportCommandLock) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) after_error = NULL;
  CarportVehicle *zoe2;
  const char *account_id;

  login (fixture);
  zoe2 = vehicle_by_model (fixture, ZOE2);
  account_id = carport_vehicle_get_account_id (zoe2);

  /* A lock of its own (another open file, as another process has) stands
   * for another process. */
  other = carport_command_lock_acquire (account_id, carport_vehicle_get_vin (zoe2),
                                        CARPORT_COMMAND_KIND_HVAC_START, &error);
  g_assert_no_error (error);
  g_assert_nonnull (other);

  refused = carport_session_create_command (fixture->session, zoe2, CARPORT_COMMAND_KIND_HVAC_START);
  g_assert_false (send_command (fixture, refused, &error));
  g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_IN_PROGRESS);
  g_assert_cmpint (carport_command_get_state (refused), ==, CARPORT_COMMAND_STATE_FAILED);
  g_assert_cmpuint (carport_simulator_get_endpoint_request_count (fixture->sim, "actions/hvac-start"), ==, 0);
  g_clear_error (&error);

  /* Another kind, or the same once the other process is done, goes. */
  g_clear_pointer (&other, carport_command_lock_release);
  command = carport_session_create_command (fixture->session, zoe2, CARPORT_COMMAND_KIND_HVAC_START);
  g_assert_true (send_command (fixture, command, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (carport_simulator_get_endpoint_request_count (fixture->sim, "actions/hvac-start"), ==, 1);

  /* Finished: nothing is left held. */
  after = carport_command_lock_acquire (account_id, carport_vehicle_get_vin (zoe2),
                                        CARPORT_COMMAND_KIND_HVAC_START, &after_error);
  g_assert_no_error (after_error);
  g_assert_nonnull (after);
}


/* A Nissan's remote lock through the service: this computer is registered
 * once (its device id derived, the same at each step), the PIN enrolled,
 * and an unlock carries the device id; the service reads the lock status
 * back, and the car shows unlocked. A Renault needs no registration. */
static void
test_nissan_remote_lock (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CarportCommand) enrol = NULL;
  g_autoptr(CarportCommand) unlock = NULL;
  CarportVehicle *leaf;
  gboolean registered = TRUE;

  login (fixture);
  g_assert_false (carport_session_registers_devices (fixture->session, vehicle_by_model (fixture, MEGANE)));
  leaf = login_nissan_leaf (fixture);
  g_assert_true (carport_session_registers_devices (fixture->session, leaf));

  g_assert_true (device_step (fixture, leaf, CARPORT_DEVICE_STEP_CHECK, NULL, &registered, &error));
  g_assert_false (registered);
  g_assert_true (device_step (fixture, leaf, CARPORT_DEVICE_STEP_REQUEST_CODE, NULL, NULL, &error));
  g_assert_true (device_step (fixture, leaf, CARPORT_DEVICE_STEP_REGISTER,
                              carport_simulator_get_last_device_otp (fixture->sim), &registered, &error));
  g_assert_no_error (error);
  g_assert_true (registered);
  g_assert_true (device_step (fixture, leaf, CARPORT_DEVICE_STEP_CHECK, NULL, &registered, &error));
  g_assert_true (registered);

  enrol = carport_session_create_command (fixture->session, leaf, CARPORT_COMMAND_KIND_SRP_ENROL);
  carport_command_set_pin (enrol, "4711");
  g_assert_true (send_command (fixture, enrol, &error));
  g_assert_no_error (error);
  /* The PIN is wiped once used */
  g_assert_null (carport_command_get_pin (enrol));

  g_assert_true (carport_simulator_get_locked (fixture->sim, LEAF_VIN));
  unlock = carport_session_create_command (fixture->session, leaf, CARPORT_COMMAND_KIND_UNLOCK);
  carport_command_set_pin (unlock, "4711");
  g_assert_true (send_command (fixture, unlock, &error));
  g_assert_no_error (error);
  g_assert_cmpint (carport_command_get_state (unlock), ==, CARPORT_COMMAND_STATE_COMPLETED);
  g_assert_cmpuint (strlen (carport_command_get_device_id (unlock)), ==, 16);
  g_assert_false (carport_simulator_get_locked (fixture->sim, LEAF_VIN));
  /* read back by the service after the command */
  for (guint i = 0; i < 100 && carport_locks_get_state (carport_vehicle_get_locks (leaf)) != CARPORT_LOCK_STATE_UNLOCKED; i++)
    carport_test_spin (50);
  g_assert_cmpint (carport_locks_get_state (carport_vehicle_get_locks (leaf)), ==, CARPORT_LOCK_STATE_UNLOCKED);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/commands/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("no-answer/done", test_no_answer_but_done);
  ADD ("no-answer/not-done", test_no_answer_not_done);
  ADD ("no-answer/unknown", test_no_answer_unknown);
  ADD ("deadline/covers-sending", test_deadline_covers_sending);
  ADD ("poll/honours-quota", test_poll_honours_quota);
  ADD ("poll/stops-when-login-gone", test_poll_stops_when_login_gone);
  ADD ("lock/across-processes", test_lock_across_processes);
  ADD ("nissan-remote-lock", test_nissan_remote_lock);

  return g_test_run ();
}
