/* test-login.c — a login on a slow network, against the simulator: what
 * can run at once does, each step is told, a new code can be asked for, and
 * a login can be cancelled. */
#include "config.h"

#include <json-glib/json-glib.h>

#include "carport-api-error.h"
#include "carport-test-loop.h"
#include "service-test-util.h"

/* Per request, as a slow mobile network. */
#define LATENCY_MS 200

static guint
requests_of (Fixture *fixture, const char *endpoint)
{
  return carport_simulator_get_endpoint_request_count (fixture->sim, endpoint);
}

/* The most requests the simulator held at once (with latency, those in flight). */
static gint64
peak_in_flight (Fixture *fixture)
{
  g_autofree char *info = carport_simulator_dup_info_json (fixture->sim);
  g_autoptr(JsonNode) root = json_from_string (info, NULL);

  g_assert_nonnull (root);
  return json_object_get_int_member (json_node_get_object (root), "peak_in_flight");
}

static void
step_cb (CarportSession *session, GParamSpec *pspec, GArray *steps)
{
  CarportLoginStep step = carport_session_get_login_step (session);

  g_array_append_val (steps, step);
}

static void
assert_steps (GArray *steps, const CarportLoginStep *expected, guint n_expected)
{
  g_assert_cmpuint (steps->len, ==, n_expected);
  for (guint i = 0; i < n_expected; i++)
    g_assert_cmpint (g_array_index (steps, CarportLoginStep, i), ==, expected[i]);
  g_array_set_size (steps, 0);
}

static gboolean
start_login (Fixture *fixture, GCancellable *cancellable, GError **error)
{
  GAsyncResult *waiter = NULL;
  gboolean ok;

  carport_session_login_async (fixture->session, "renault",
                               carport_simulator_get_demo_locale (fixture->sim),
                               carport_simulator_get_demo_email (fixture->sim),
                               carport_simulator_get_demo_password (fixture->sim),
                               cancellable, carport_test_result_cb, &waiter);
  ok = carport_session_login_finish (fixture->session, carport_test_wait_result (&waiter), error);
  g_clear_object (&waiter);
  return ok;
}

/* The Gigya person id and JWT need only the login token: they are asked
 * at once; then every Kamereon account's cars at once, each account once. */
static void
test_requests_run_at_once (Fixture *fixture, gconstpointer data)
{
  gint64 start;
  double round_trips;

  carport_simulator_set_latency_ms (fixture->sim, LATENCY_MS);
  start = g_get_monotonic_time ();
  login (fixture);
  round_trips = (g_get_monotonic_time () - start) / 1000.0 / LATENCY_MS;
  g_test_message ("login: %u requests in %.1f round trips of %d ms",
                  carport_simulator_get_request_count (fixture->sim), round_trips, LATENCY_MS);

  g_assert_cmpuint (requests_of (fixture, "accounts.login"), ==, 1);
  g_assert_cmpuint (requests_of (fixture, "accounts.getAccountInfo"), ==, 1);
  g_assert_cmpuint (requests_of (fixture, "accounts.getJWT"), ==, 1);
  g_assert_cmpuint (requests_of (fixture, "person"), ==, 1);
  /* The demo person has two Kamereon accounts (MYRENAULT and SFDC). */
  g_assert_cmpuint (requests_of (fixture, "vehicles"), ==, 2);
  g_assert_cmpuint (requests_of (fixture, "vehicle-details"), ==, 0);
  g_assert_cmpuint (carport_simulator_get_request_count (fixture->sim), ==, 6);
  g_assert_cmpint (peak_in_flight (fixture), ==, 2);
}

/* Only @endpoints answer slowly: the simulator holds @n of them at once when
 * the login asks them at once. */
static void
assert_asked_at_once (Fixture *fixture, const char * const *endpoints, gint64 n)
{
  CarportSimFault delay = { .kind = CARPORT_SIM_FAULT_DELAY, .delay_ms = LATENCY_MS };

  for (guint i = 0; endpoints[i]; i++)
    carport_simulator_add_fault (fixture->sim, endpoints[i], &delay);
  login (fixture);
  g_assert_cmpint (peak_in_flight (fixture), ==, n);
}

static void
test_person_and_token_at_once (Fixture *fixture, gconstpointer data)
{
  static const char * const endpoints[] = { "accounts.getAccountInfo", "accounts.getJWT", NULL };

  assert_asked_at_once (fixture, endpoints, 2);
}

static void
test_accounts_listed_at_once (Fixture *fixture, gconstpointer data)
{
  static const char * const endpoints[] = { "vehicles", NULL };

  /* One request per Kamereon account (two), at once. */
  assert_asked_at_once (fixture, endpoints, 2);
  g_assert_cmpuint (requests_of (fixture, "vehicles"), ==, 2);
}

static void
test_steps_told (Fixture *fixture, gconstpointer data)
{
  static const CarportLoginStep password_then_code[] = {
    CARPORT_LOGIN_STEP_CHECKING_PASSWORD, CARPORT_LOGIN_STEP_NONE,
  };
  static const CarportLoginStep code_then_cars[] = {
    CARPORT_LOGIN_STEP_CHECKING_CODE, CARPORT_LOGIN_STEP_FINDING_CARS, CARPORT_LOGIN_STEP_NONE,
  };
  g_autoptr(GArray) steps = g_array_new (FALSE, FALSE, sizeof (CarportLoginStep));
  g_autoptr(GError) error = NULL;
  GAsyncResult *waiter = NULL;

  g_signal_connect (fixture->session, "notify::login-step", G_CALLBACK (step_cb), steps);
  carport_simulator_set_require_tfa (fixture->sim, TRUE);
  g_assert_false (start_login (fixture, NULL, &error));
  g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_TFA_REQUIRED);
  assert_steps (steps, password_then_code, G_N_ELEMENTS (password_then_code));

  carport_session_submit_code_async (fixture->session, carport_simulator_get_last_tfa_code (fixture->sim),
                                     NULL, carport_test_result_cb, &waiter);
  g_clear_error (&error);
  g_assert_true (carport_session_submit_code_finish (fixture->session, carport_test_wait_result (&waiter), &error));
  g_clear_object (&waiter);
  assert_steps (steps, code_then_cars, G_N_ELEMENTS (code_then_cars));
  g_assert_cmpint (carport_session_get_login_step (fixture->session), ==, CARPORT_LOGIN_STEP_NONE);
}

static gboolean
resend_code (Fixture *fixture, GError **error)
{
  GAsyncResult *waiter = NULL;
  gboolean ok;

  carport_session_resend_code_async (fixture->session, NULL, carport_test_result_cb, &waiter);
  ok = carport_session_resend_code_finish (fixture->session, carport_test_wait_result (&waiter), error);
  g_clear_object (&waiter);
  return ok;
}

static void
test_code_sent_again (Fixture *fixture, gconstpointer data)
{
  static const CarportLoginStep sending[] = { CARPORT_LOGIN_STEP_SENDING_CODE, CARPORT_LOGIN_STEP_NONE };
  g_autoptr(GArray) steps = g_array_new (FALSE, FALSE, sizeof (CarportLoginStep));
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  GAsyncResult *waiter = NULL;

  /* Nothing to send again without a login waiting for a code. */
  g_assert_false (resend_code (fixture, &error));
  g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_FAILED);
  g_clear_error (&error);

  carport_simulator_set_require_tfa (fixture->sim, TRUE);
  g_assert_false (start_login (fixture, NULL, &error));
  g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_TFA_REQUIRED);
  g_clear_error (&error);
  first = g_strdup (carport_simulator_get_last_tfa_code (fixture->sim));
  g_assert_cmpuint (requests_of (fixture, "accounts.tfa.email.sendVerificationCode"), ==, 1);

  g_signal_connect (fixture->session, "notify::login-step", G_CALLBACK (step_cb), steps);
  g_assert_true (resend_code (fixture, &error));
  g_assert_no_error (error);
  assert_steps (steps, sending, G_N_ELEMENTS (sending));
  g_assert_cmpuint (requests_of (fixture, "accounts.tfa.email.sendVerificationCode"), ==, 2);
  g_assert_cmpint (carport_session_get_state (fixture->session), ==, CARPORT_SESSION_STATE_NEEDS_CODE);

  /* The first code is void (unless the simulator drew the same digits). */
  if (g_strcmp0 (first, carport_simulator_get_last_tfa_code (fixture->sim)) != 0)
    {
      carport_session_submit_code_async (fixture->session, first, NULL, carport_test_result_cb, &waiter);
      g_assert_false (carport_session_submit_code_finish (fixture->session, carport_test_wait_result (&waiter), &error));
      g_clear_object (&waiter);
      g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_TFA_CODE_INVALID);
      g_clear_error (&error);
    }

  carport_session_submit_code_async (fixture->session, carport_simulator_get_last_tfa_code (fixture->sim),
                                     NULL, carport_test_result_cb, &waiter);
  g_assert_true (carport_session_submit_code_finish (fixture->session, carport_test_wait_result (&waiter), &error));
  g_clear_object (&waiter);
  g_assert_no_error (error);
  g_assert_cmpint (carport_session_get_state (fixture->session), ==, CARPORT_SESSION_STATE_READY);
}

static void
cancel_at_step_cb (CarportSession *session, GParamSpec *pspec, GCancellable *cancellable)
{
  CarportLoginStep step = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (cancellable), "step"));

  if (carport_session_get_login_step (session) == step)
    g_cancellable_cancel (cancellable);
}

/* Cancelled at each step, the login ends at once with nothing left; the
 * next one works. */
static void
test_cancel (Fixture *fixture, gconstpointer data)
{
  static const CarportLoginStep steps[] = {
    CARPORT_LOGIN_STEP_CHECKING_PASSWORD, CARPORT_LOGIN_STEP_FINDING_CARS,
  };
  g_autoptr(GError) error = NULL;

  carport_simulator_set_latency_ms (fixture->sim, LATENCY_MS);
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      g_autoptr(GCancellable) cancellable = g_cancellable_new ();
      gulong handler;

      g_object_set_data (G_OBJECT (cancellable), "step", GINT_TO_POINTER (steps[i]));
      handler = g_signal_connect (fixture->session, "notify::login-step", G_CALLBACK (cancel_at_step_cb),
                                  cancellable);
      g_assert_false (start_login (fixture, cancellable, &error));
      g_signal_handler_disconnect (fixture->session, handler);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_clear_error (&error);
      g_assert_cmpint (carport_session_get_state (fixture->session), ==, CARPORT_SESSION_STATE_LOGGED_OUT);
      g_assert_cmpint (carport_session_get_login_step (fixture->session), ==, CARPORT_LOGIN_STEP_NONE);
      g_assert_cmpuint (g_list_model_get_n_items (carport_session_get_accounts (fixture->session)), ==, 0);
    }

  login (fixture);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/login/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("requests-run-at-once", test_requests_run_at_once);
  ADD ("person-and-token-at-once", test_person_and_token_at_once);
  ADD ("accounts-listed-at-once", test_accounts_listed_at_once);
  ADD ("steps-told", test_steps_told);
  ADD ("code-sent-again", test_code_sent_again);
  ADD ("cancel", test_cancel);

  return g_test_run ();
}
