/* test-api-sim.c — the Renault client against the whole-cloud simulator
 * (src/sim), which writes the wire format on its own. */
#include "config.h"

#include <string.h>

#include "carport-http.h"
#include "carport-renault-auth.h"
#include "carport-renault-client.h"
#include "carport-test-loop.h"
#include "carport-renault-models.h"
#include "carport-simulator.h"

typedef struct {
  CarportSimulator      *sim;
  CarportHttp           *http;
  CarportRenaultAuth    *auth;
  CarportRenaultClient *client;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *gigya = NULL;
  g_autofree char *kamereon = NULL;

  f->sim = carport_simulator_new ();
  carport_simulator_set_command_delay_ms (f->sim, 200);
  g_assert_true (carport_simulator_start (f->sim, 0, &error));
  g_assert_no_error (error);

  gigya = carport_simulator_get_gigya_url (f->sim);
  kamereon = carport_simulator_get_kamereon_url (f->sim);
  g_setenv ("CARPORT_RENAULT_GIGYA_URL", gigya, TRUE);
  g_setenv ("CARPORT_RENAULT_KAMEREON_URL", kamereon, TRUE);

  f->http = carport_http_new ();
  f->auth = carport_renault_auth_new (f->http, carport_simulator_get_demo_locale (f->sim), &error);
  g_assert_no_error (error);
  f->client = carport_renault_client_new (CARPORT_AUTH_PROVIDER (f->auth), f->http,
                                           carport_simulator_get_demo_locale (f->sim), &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_assert_finalize_object (f->client);
  g_assert_finalize_object (f->auth);
  g_assert_finalize_object (f->http);
  carport_simulator_stop (f->sim);
  g_clear_object (&f->sim);
  g_unsetenv ("CARPORT_RENAULT_GIGYA_URL");
  g_unsetenv ("CARPORT_RENAULT_KAMEREON_URL");
}

static void
login (Fixture *f)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  carport_auth_provider_login_async (CARPORT_AUTH_PROVIDER (f->auth),
                                     carport_simulator_get_demo_email (f->sim),
                                     carport_simulator_get_demo_password (f->sim),
                                     NULL, carport_test_result_cb, &result);
  g_assert_true (carport_auth_provider_login_finish (CARPORT_AUTH_PROVIDER (f->auth),
                                                     carport_test_wait_result (&result), &error));
  g_assert_no_error (error);
}

static GPtrArray *
list_vehicles (Fixture *f)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *vehicles;

  carport_vehicle_client_list_vehicles_async (CARPORT_VEHICLE_CLIENT (f->client), NULL, carport_test_result_cb, &result);
  vehicles = carport_vehicle_client_list_vehicles_finish (CARPORT_VEHICLE_CLIENT (f->client), carport_test_wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (vehicles);

  return vehicles;
}

static void
test_sim_everything (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) vehicles = NULL;
  g_auto(GStrv) vins = carport_simulator_dup_vins (f->sim);
  CarportVehicle *hvac_car = NULL;

  login (f);
  vehicles = list_vehicles (f);
  g_assert_cmpuint (vehicles->len, ==, g_strv_length (vins));
  g_assert_cmpuint (vehicles->len, ==, 6);

  for (guint i = 0; i < vehicles->len; i++)
    {
      CarportVehicle *vehicle = g_ptr_array_index (vehicles, i);
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GError) error = NULL;
      const char *model = carport_vehicle_get_model_code (vehicle);

      g_assert_true (g_strv_contains ((const char * const *) vins, carport_vehicle_get_vin (vehicle)));
      g_assert_nonnull (model);
      g_assert_cmpstr (model, !=, "");
      g_assert_cmpuint (carport_vehicle_get_supported_endpoints (vehicle), ==,
                        carport_renault_model_supported_endpoints (model));

      carport_vehicle_client_refresh_async (CARPORT_VEHICLE_CLIENT (f->client), vehicle, G_MAXUINT, NULL, carport_test_result_cb, &result);
      g_assert_true (carport_vehicle_client_refresh_finish (CARPORT_VEHICLE_CLIENT (f->client), carport_test_wait_result (&result), &error));
      g_assert_no_error (error);

      for (guint e = 0; e < CARPORT_N_ENDPOINTS; e++)
        if (carport_vehicle_get_endpoint_error (vehicle, e) != NULL)
          g_test_message ("%s %s: %s", carport_vehicle_get_vin (vehicle), model,
                          carport_vehicle_get_endpoint_error (vehicle, e));

      if (carport_vehicle_supports_endpoint (vehicle, CARPORT_ENDPOINT_COCKPIT))
        g_assert_true (carport_is_known (carport_cockpit_get_mileage_km (carport_vehicle_get_cockpit (vehicle))));

      if (hvac_car == NULL && carport_vehicle_supports_command (vehicle, CARPORT_COMMAND_KIND_HVAC_START))
        hvac_car = vehicle;
    }

  /* Start the climate of one car and follow it to the end. */
  g_assert_nonnull (hvac_car);
  {
    g_autoptr(CarportCommand) command = carport_command_new (CARPORT_COMMAND_KIND_HVAC_START,
                                                             carport_vehicle_get_vin (hvac_car));
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GError) error = NULL;
    CarportCommandState state = CARPORT_COMMAND_STATE_PENDING;

    carport_command_set_temperature_c (command, 21.0);
    carport_vehicle_client_send_command_async (CARPORT_VEHICLE_CLIENT (f->client), hvac_car, command, NULL, carport_test_result_cb, &result);
    g_assert_true (carport_vehicle_client_send_command_finish (CARPORT_VEHICLE_CLIENT (f->client), carport_test_wait_result (&result), &error));
    g_assert_no_error (error);
    g_assert_cmpint (carport_command_get_state (command), ==, CARPORT_COMMAND_STATE_PENDING);
    g_assert_nonnull (carport_command_get_server_id (command));

    for (guint attempt = 0; attempt < 50 && state == CARPORT_COMMAND_STATE_PENDING; attempt++)
      {
        g_clear_object (&result);
        carport_test_spin (100);
        carport_vehicle_client_poll_command_async (CARPORT_VEHICLE_CLIENT (f->client), hvac_car, command, NULL, carport_test_result_cb, &result);
        g_assert_true (carport_vehicle_client_poll_command_finish (CARPORT_VEHICLE_CLIENT (f->client), carport_test_wait_result (&result),
                                                                    &state, &error));
        g_assert_no_error (error);
      }

    g_assert_cmpint (state, ==, CARPORT_COMMAND_STATE_COMPLETED);
    g_assert_cmpint (carport_command_get_state (command), ==, CARPORT_COMMAND_STATE_COMPLETED);
    g_assert_true (carport_simulator_get_hvac_on (f->sim, carport_vehicle_get_vin (hvac_car)));
  }
}

static void
test_sim_tfa (Fixture       *f,
              gconstpointer  data)
{
  CarportAuthProvider *auth = CARPORT_AUTH_PROVIDER (f->auth);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) vehicles = NULL;
  const char *code;

  carport_simulator_set_require_tfa (f->sim, TRUE);

  carport_auth_provider_login_async (auth, carport_simulator_get_demo_email (f->sim),
                                     carport_simulator_get_demo_password (f->sim),
                                     NULL, carport_test_result_cb, &result);
  g_assert_false (carport_auth_provider_login_finish (auth, carport_test_wait_result (&result), &error));
  g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_TFA_REQUIRED);
  g_assert_true (carport_auth_provider_get_needs_code (auth));
  g_clear_error (&error);
  g_clear_object (&result);

  code = carport_simulator_get_last_tfa_code (f->sim);
  g_assert_nonnull (code);
  carport_auth_provider_submit_code_async (auth, code, NULL, carport_test_result_cb, &result);
  g_assert_true (carport_auth_provider_submit_code_finish (auth, carport_test_wait_result (&result), &error));
  g_assert_no_error (error);
  g_assert_false (carport_auth_provider_get_needs_code (auth));

  vehicles = list_vehicles (f);
  g_assert_cmpuint (vehicles->len, >, 0);
}

static void
test_sim_expired_login (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) vehicles = NULL;
  g_autofree char *secret = NULL;

  login (f);
  carport_simulator_expire_login_tokens (f->sim);
  carport_auth_provider_invalidate_token (CARPORT_AUTH_PROVIDER (f->auth));

  carport_vehicle_client_list_vehicles_async (CARPORT_VEHICLE_CLIENT (f->client), NULL, carport_test_result_cb, &result);
  vehicles = carport_vehicle_client_list_vehicles_finish (CARPORT_VEHICLE_CLIENT (f->client), carport_test_wait_result (&result), &error);
  g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_LOGIN_EXPIRED);
  g_assert_null (vehicles);
  secret = carport_auth_provider_dup_refresh_secret (CARPORT_AUTH_PROVIDER (f->auth));
  g_assert_null (secret);
}

/* A car of @vehicles that reports its battery and its odometer. */
static CarportVehicle *
find_battery_and_cockpit (GPtrArray *vehicles)
{
  for (guint i = 0; i < vehicles->len; i++)
    if (carport_vehicle_supports_endpoint (g_ptr_array_index (vehicles, i), CARPORT_ENDPOINT_BATTERY_STATUS) &&
        carport_vehicle_supports_endpoint (g_ptr_array_index (vehicles, i), CARPORT_ENDPOINT_COCKPIT))
      return g_ptr_array_index (vehicles, i);
  g_assert_not_reached ();
}

static void
test_sim_quota_fault (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GPtrArray) vehicles = NULL;
  CarportSimFault fault = { .kind = CARPORT_SIM_FAULT_QUOTA };
  CarportVehicle *vehicle = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  login (f);
  vehicles = list_vehicles (f);
  vehicle = find_battery_and_cockpit (vehicles);

  carport_simulator_add_fault (f->sim, "battery-status", &fault);
  carport_vehicle_client_refresh_async (CARPORT_VEHICLE_CLIENT (f->client), vehicle, G_MAXUINT, NULL, carport_test_result_cb, &result);
  g_assert_true (carport_vehicle_client_refresh_finish (CARPORT_VEHICLE_CLIENT (f->client), carport_test_wait_result (&result), &error));
  g_assert_no_error (error);
  g_assert_nonnull (carport_vehicle_get_endpoint_error (vehicle, CARPORT_ENDPOINT_BATTERY_STATUS));
  g_assert_null (carport_vehicle_get_endpoint_error (vehicle, CARPORT_ENDPOINT_COCKPIT));
  g_assert_true (carport_vehicle_supports_endpoint (vehicle, CARPORT_ENDPOINT_BATTERY_STATUS));
}

/* Renault changed its Gigya API key (as in May 2026): the login answers
 * 403042 "invalid loginID or password" and a token mint 400093. Both say
 * that Renault changed the key of its app and Carport needs an update; the
 * wrong password stays a wrong password, and the login is not dropped. */
static void
assert_key_changed (const GError *error)
{
  g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_API_KEY);
  g_assert_nonnull (strstr (error->message, "changed the key of its app"));
  g_assert_nonnull (strstr (error->message, "needs an update"));
}

static void
test_sim_gigya_key_rotated (Fixture       *f,
                            gconstpointer  data)
{
  CarportAuthProvider *auth = CARPORT_AUTH_PROVIDER (f->auth);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  g_autofree char *secret = NULL;

  carport_auth_provider_login_async (auth, carport_simulator_get_demo_email (f->sim), "not the password",
                                     NULL, carport_test_result_cb, &result);
  g_assert_false (carport_auth_provider_login_finish (auth, carport_test_wait_result (&result), &error));
  g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_INVALID_CREDENTIALS);
  g_clear_error (&error);
  g_clear_object (&result);

  /* Logged in before the change: minting the next token fails. */
  login (f);
  carport_simulator_set_gigya_key_rotated (f->sim, TRUE);
  carport_auth_provider_invalidate_token (auth);
  carport_auth_provider_get_token_async (auth, NULL, carport_test_result_cb, &result);
  token = carport_auth_provider_get_token_finish (auth, carport_test_wait_result (&result), &error);
  g_assert_null (token);
  assert_key_changed (error);
  secret = carport_auth_provider_dup_refresh_secret (auth);
  g_assert_nonnull (secret);
  g_clear_error (&error);
  g_clear_object (&result);

  /* A new login, with the right password. */
  carport_auth_provider_login_async (auth, carport_simulator_get_demo_email (f->sim),
                                     carport_simulator_get_demo_password (f->sim),
                                     NULL, carport_test_result_cb, &result);
  g_assert_false (carport_auth_provider_login_finish (auth, carport_test_wait_result (&result), &error));
  assert_key_changed (error);
}

/* Each request keeps within the deadline, but a slow token mint and a
 * dripping endpoint after it would not: the refresh as a whole ends at the
 * deadline, the late endpoint with TIMEOUT, the others read. */
static void
test_sim_refresh_deadline (Fixture       *f,
                           gconstpointer  data)
{
  CarportSimFault slow_mint = { .kind = CARPORT_SIM_FAULT_DELAY, .delay_ms = 4000, .count = 1 };
  CarportSimFault drip = { .kind = CARPORT_SIM_FAULT_DRIP, .delay_ms = 200 };
  g_autoptr(GPtrArray) vehicles = NULL;
  CarportVehicle *vehicle = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start;

  login (f);
  vehicles = list_vehicles (f);
  vehicle = find_battery_and_cockpit (vehicles);

  carport_http_set_deadline (f->http, 6);
  carport_simulator_add_fault (f->sim, "accounts.getJWT", &slow_mint);
  carport_simulator_add_fault (f->sim, "battery-status", &drip);
  /* The refresh mints a token first. */
  carport_auth_provider_invalidate_token (CARPORT_AUTH_PROVIDER (f->auth));
  start = g_get_monotonic_time ();
  carport_vehicle_client_refresh_async (CARPORT_VEHICLE_CLIENT (f->client), vehicle, G_MAXUINT, NULL, carport_test_result_cb, &result);
  g_assert_true (carport_vehicle_client_refresh_finish (CARPORT_VEHICLE_CLIENT (f->client), carport_test_wait_result (&result), &error));
  g_assert_no_error (error);

  /* Without the refresh's own deadline the battery would end at 4 + 6 s. */
  g_assert_cmpint (g_get_monotonic_time () - start, <, 9000 * 1000);
  g_assert_cmpstr (carport_vehicle_get_endpoint_error (vehicle, CARPORT_ENDPOINT_BATTERY_STATUS), ==,
                   carport_api_error_describe (CARPORT_API_ERROR_TIMEOUT));
  g_assert_null (carport_vehicle_get_endpoint_error (vehicle, CARPORT_ENDPOINT_COCKPIT));
  g_assert_true (carport_is_known (carport_cockpit_get_mileage_km (carport_vehicle_get_cockpit (vehicle))));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/api-sim/everything", Fixture, NULL, fixture_setup, test_sim_everything, fixture_teardown);
  g_test_add ("/api-sim/tfa", Fixture, NULL, fixture_setup, test_sim_tfa, fixture_teardown);
  g_test_add ("/api-sim/expired-login", Fixture, NULL, fixture_setup, test_sim_expired_login, fixture_teardown);
  g_test_add ("/api-sim/quota-fault", Fixture, NULL, fixture_setup, test_sim_quota_fault, fixture_teardown);
  g_test_add ("/api-sim/gigya-key-rotated", Fixture, NULL, fixture_setup, test_sim_gigya_key_rotated, fixture_teardown);

  g_test_add ("/api-sim/refresh-deadline", Fixture, NULL, fixture_setup, test_sim_refresh_deadline, fixture_teardown);

  return g_test_run ();
}
