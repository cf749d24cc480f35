/* test-nissan-sim.c — the Nissan client against the whole-cloud simulator
 * (src/sim/nissan), which writes the wire format on its own: the demo
 * MyNISSAN account over the simulator's HTTPS, its CA trusted
 * (CARPORT_NISSAN_CA_FILE from the simulator's env), every read, every
 * command to its final state.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "carport-brand.h"
#include "carport-nissan-client.h"
#include "carport-simulator.h"
#include "carport-test-loop.h"

typedef struct {
  CarportSimulator     *sim;
  CarportHttp          *http;
  CarportVehicleClient *client;
} Fixture;

/* The simulator's "env" object as an environ-style list. */
static GStrv
sim_overrides (CarportSimulator *sim)
{
  g_autofree char *info = carport_simulator_dup_info_json (sim);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *env;
  g_autoptr(GList) names = NULL;

  json_parser_load_from_data (parser, info, -1, &error);
  g_assert_no_error (error);
  env = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)), "env");
  names = json_object_get_members (env);
  for (GList *l = names; l != NULL; l = l->next)
    if (g_str_has_prefix (l->data, "CARPORT_NISSAN_"))
      {
        g_autofree char *pair = g_strdup_printf ("%s=%s", (char *) l->data,
                                                 json_object_get_string_member (env, l->data));

        g_strv_builder_add (builder, pair);
      }

  return g_strv_builder_end (builder);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  const CarportBrandInfo *info = carport_brand_lookup ("nissan");
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) overrides = NULL;

  f->sim = carport_simulator_new ();
  carport_simulator_set_command_delay_ms (f->sim, 200);
  g_assert_true (carport_simulator_start (f->sim, 0, &error));
  g_assert_no_error (error);

  overrides = sim_overrides (f->sim);
  g_assert_nonnull (g_environ_getenv (overrides, "CARPORT_NISSAN_AUTH_URL"));
  g_assert_true (g_str_has_prefix (g_environ_getenv (overrides, "CARPORT_NISSAN_AUTH_URL"), "https://"));

  f->http = carport_http_new ();
  f->client = info->create_client (f->http, info->default_locale, (const char * const *) overrides, &error);
  g_assert_no_error (error);
  g_assert_true (info->is_loopback (f->client));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->client);
  g_clear_object (&f->http);
  carport_simulator_stop (f->sim);
  g_clear_object (&f->sim);
}

static void
login (Fixture    *f,
       const char *password,
       GError    **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  CarportAuthProvider *auth = carport_vehicle_client_get_auth (f->client);

  carport_auth_provider_login_async (auth, carport_simulator_get_nissan_demo_email (f->sim), password, NULL,
                                     carport_test_result_cb, &result);
  carport_auth_provider_login_finish (auth, carport_test_wait_result (&result), error);
}

static GPtrArray *
list_vehicles (Fixture *f)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *vehicles;

  carport_vehicle_client_list_vehicles_async (f->client, NULL, carport_test_result_cb, &result);
  vehicles = carport_vehicle_client_list_vehicles_finish (f->client, carport_test_wait_result (&result), &error);
  g_assert_no_error (error);
  return vehicles;
}

static void
refresh (Fixture        *f,
         CarportVehicle *vehicle)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  carport_vehicle_client_refresh_async (f->client, vehicle, G_MAXUINT, NULL, carport_test_result_cb, &result);
  carport_vehicle_client_refresh_finish (f->client, carport_test_wait_result (&result), &error);
  g_assert_no_error (error);
}

static void
test_login_and_reads (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) vehicles = NULL;
  CarportVehicle *first;
  g_auto(GStrv) vins = carport_simulator_dup_nissan_vins (f->sim);

  login (f, carport_simulator_get_nissan_demo_password (f->sim), &error);
  g_assert_no_error (error);

  vehicles = list_vehicles (f);
  g_assert_cmpuint (vehicles->len, ==, g_strv_length (vins));

  for (guint i = 0; i < vehicles->len; i++)
    {
      CarportVehicle *vehicle = g_ptr_array_index (vehicles, i);

      g_test_message ("%s: %s", carport_vehicle_get_vin (vehicle), carport_vehicle_get_model_name (vehicle));
      g_assert_cmpint (carport_vehicle_get_brand (vehicle), ==, CARPORT_BRAND_NISSAN);
      g_assert_cmpstr (carport_vehicle_get_account_id (vehicle), ==, carport_simulator_get_nissan_user_id (f->sim));
      refresh (f, vehicle);
      for (guint e = 0; e < CARPORT_N_ENDPOINTS; e++)
        if (carport_vehicle_supports_endpoint (vehicle, e))
          g_assert_null (carport_vehicle_get_endpoint_error (vehicle, e));
    }

  /* The first car is an EV with its battery read. */
  first = g_ptr_array_index (vehicles, 0);
  g_assert_true (carport_vehicle_supports_endpoint (first, CARPORT_ENDPOINT_BATTERY_STATUS));
  g_assert_cmpint (carport_battery_get_level_percent (carport_vehicle_get_battery (first)), ==,
                   carport_simulator_get_battery_level (f->sim, carport_vehicle_get_vin (first)));
  g_assert_nonnull (carport_state_get_updated (CARPORT_STATE (carport_vehicle_get_battery (first))));
  g_assert_true (carport_is_known (carport_cockpit_get_mileage_km (carport_vehicle_get_cockpit (first))));
}

static void
test_wrong_password (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  login (f, "not-the-password", &error);
  g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_INVALID_CREDENTIALS);
  g_clear_error (&error);

  carport_simulator_set_nissan_bad_password_form (f->sim, TRUE);
  login (f, "not-the-password", &error);
  g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_INVALID_CREDENTIALS);
}

static void
test_token_renewal (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) vehicles = NULL;

  login (f, carport_simulator_get_nissan_demo_password (f->sim), &error);
  g_assert_no_error (error);
  vehicles = list_vehicles (f);

  /* A rejected access token is renewed with the refresh token. */
  carport_simulator_expire_nissan_access_tokens (f->sim);
  refresh (f, g_ptr_array_index (vehicles, 0));

  /* A revoked refresh token asks for the password. */
  carport_simulator_expire_nissan_access_tokens (f->sim);
  carport_simulator_revoke_nissan_refresh_tokens (f->sim);
  {
    g_autoptr(GAsyncResult) result = NULL;

    carport_vehicle_client_refresh_async (f->client, g_ptr_array_index (vehicles, 0), G_MAXUINT, NULL,
                                          carport_test_result_cb, &result);
    g_assert_false (carport_vehicle_client_refresh_finish (f->client, carport_test_wait_result (&result), &error));
    g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_LOGIN_EXPIRED);
  }
}

/* A page with neither the login form nor the way back (new terms to accept):
 * a clear error that says where to go, and nothing kept. */
static void
test_interstitial (Fixture       *f,
                   gconstpointer  data)
{
  CarportAuthProvider *auth = carport_vehicle_client_get_auth (f->client);
  g_autoptr(GError) error = NULL;
  g_autofree char *secret = NULL;

  carport_simulator_set_nissan_interstitial (f->sim, TRUE);
  login (f, carport_simulator_get_nissan_demo_password (f->sim), &error);
  g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "MyNISSAN"));
  secret = carport_auth_provider_dup_refresh_secret (auth);
  g_assert_null (secret);
}

/* A refresh that brings no new refresh token keeps the old one, which keeps
 * working for the next refresh. */
static void
test_refresh_keeps_refresh_token (Fixture       *f,
                                  gconstpointer  data)
{
  CarportAuthProvider *auth = carport_vehicle_client_get_auth (f->client);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) vehicles = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *again = NULL;

  carport_simulator_set_nissan_rotate_refresh_token (f->sim, FALSE);
  login (f, carport_simulator_get_nissan_demo_password (f->sim), &error);
  g_assert_no_error (error);
  vehicles = list_vehicles (f);
  before = carport_auth_provider_dup_refresh_secret (auth);
  g_assert_nonnull (before);

  carport_simulator_expire_nissan_access_tokens (f->sim);
  refresh (f, g_ptr_array_index (vehicles, 0));
  after = carport_auth_provider_dup_refresh_secret (auth);
  g_assert_cmpstr (after, ==, before);

  carport_simulator_expire_nissan_access_tokens (f->sim);
  refresh (f, g_ptr_array_index (vehicles, 0));
  again = carport_auth_provider_dup_refresh_secret (auth);
  g_assert_cmpstr (again, ==, before);
}

/* Sends @command and polls it to its final state; with @may_refuse,
 * FAILED at once when the sending fails (a PIN command whose PIN check
 * refuses it first). */
static CarportCommandState
run_full_command (Fixture            *f,
                  CarportVehicle     *vehicle,
                  CarportCommand     *command,
                  gboolean            may_refuse)
{
  g_autoptr(GAsyncResult) sent = NULL;
  g_autoptr(GError) error = NULL;

  carport_vehicle_client_send_command_async (f->client, vehicle, command, NULL, carport_test_result_cb, &sent);
  if (!carport_vehicle_client_send_command_finish (f->client, carport_test_wait_result (&sent), &error))
    {
      g_test_message ("sending failed: %s", error->message);
      g_assert_true (may_refuse);
      g_assert_cmpint (carport_command_get_state (command), ==, CARPORT_COMMAND_STATE_FAILED);
      return CARPORT_COMMAND_STATE_FAILED;
    }
  g_assert_cmpint (carport_command_get_state (command), ==, CARPORT_COMMAND_STATE_PENDING);

  for (guint i = 0; i < 100 && !carport_command_get_finished (command); i++)
    {
      g_autoptr(GAsyncResult) polled = NULL;
      CarportCommandState state;

      carport_test_spin (100);
      carport_vehicle_client_poll_command_async (f->client, vehicle, command, NULL, carport_test_result_cb, &polled);
      g_assert_true (carport_vehicle_client_poll_command_finish (f->client, carport_test_wait_result (&polled),
                                                                 &state, &error));
      g_assert_no_error (error);
    }

  return carport_command_get_state (command);
}

/* Sends @kind and polls it to its final state. */
static CarportCommandState
run_command (Fixture            *f,
             CarportVehicle     *vehicle,
             CarportCommandKind  kind)
{
  g_autoptr(CarportCommand) command = carport_command_new (kind, carport_vehicle_get_vin (vehicle));

  carport_command_set_temperature_c (command, 21);
  return run_full_command (f, vehicle, command, FALSE);
}

static void
test_commands (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) vehicles = NULL;
  guint sent = 0;

  login (f, carport_simulator_get_nissan_demo_password (f->sim), &error);
  g_assert_no_error (error);
  vehicles = list_vehicles (f);

  for (guint i = 0; i < vehicles->len; i++)
    {
      CarportVehicle *vehicle = g_ptr_array_index (vehicles, i);
      const char *vin = carport_vehicle_get_vin (vehicle);

      for (guint kind = 0; kind < CARPORT_N_COMMAND_KINDS; kind++)
        {
          /* The SRP-guarded ones need a PIN and a device: remote-lock */
          if (!carport_vehicle_supports_command (vehicle, kind) || kind == CARPORT_COMMAND_KIND_LOCK ||
              kind == CARPORT_COMMAND_KIND_UNLOCK || kind == CARPORT_COMMAND_KIND_SRP_ENROL)
            continue;
          g_test_message ("%s: %s", vin, carport_enum_to_nick (CARPORT_TYPE_COMMAND_KIND, kind));
          /* An unplugged car refuses to charge (see charge-refused). */
          if (kind == CARPORT_COMMAND_KIND_CHARGE_START)
            carport_simulator_set_plugged (f->sim, vin, TRUE);
          g_assert_cmpint (run_command (f, vehicle, kind), ==, CARPORT_COMMAND_STATE_COMPLETED);
          sent++;

          if (kind == CARPORT_COMMAND_KIND_HVAC_START)
            g_assert_true (carport_simulator_get_hvac_on (f->sim, vin));
          else if (kind == CARPORT_COMMAND_KIND_HVAC_STOP)
            g_assert_false (carport_simulator_get_hvac_on (f->sim, vin));
        }
    }

  g_assert_cmpuint (sent, >, 0);
}

static void
test_charge_refused (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) vehicles = NULL;

  login (f, carport_simulator_get_nissan_demo_password (f->sim), &error);
  g_assert_no_error (error);
  vehicles = list_vehicles (f);

  for (guint i = 0; i < vehicles->len; i++)
    {
      CarportVehicle *vehicle = g_ptr_array_index (vehicles, i);

      if (!carport_vehicle_supports_command (vehicle, CARPORT_COMMAND_KIND_CHARGE_START))
        continue;
      carport_simulator_set_plugged (f->sim, carport_vehicle_get_vin (vehicle), FALSE);
      g_assert_cmpint (run_command (f, vehicle, CARPORT_COMMAND_KIND_CHARGE_START), ==, CARPORT_COMMAND_STATE_FAILED);
      return;
    }

  g_test_skip ("no car can start charging");
}

#define LEAF_VIN "SJNFAAZE1U0000001"
#define DEVICE_ID "a1b2c3d4e5f60718"

/* One step of the device registration; FALSE with @error. */
static gboolean
device_step (Fixture           *f,
             CarportVehicle    *vehicle,
             CarportDeviceStep  step,
             const char        *code,
             gboolean          *out_registered,
             GError           **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  carport_vehicle_client_device_async (f->client, vehicle, step, DEVICE_ID, code, NULL, carport_test_result_cb,
                                       &result);
  return carport_vehicle_client_device_finish (f->client, carport_test_wait_result (&result), out_registered, error);
}

static CarportCommandState
run_pin_command (Fixture            *f,
                 CarportVehicle     *vehicle,
                 CarportCommandKind  kind,
                 const char         *pin,
                 const char         *device_id)
{
  g_autoptr(CarportCommand) command = carport_command_new (kind, carport_vehicle_get_vin (vehicle));

  carport_command_set_pin (command, pin);
  carport_command_set_device_id (command, device_id);
  return run_full_command (f, vehicle, command, TRUE);
}

/* api-nissan.md §3.4 at the protocol layer: the gate, the device's
 * registration (no code, wrong, expired, right, already registered), the
 * PIN's enrolment, lock and unlock with the proof and the registered device,
 * a wrong PIN, the lock-out and its end. */
static void
test_remote_lock (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) vehicles = NULL;
  CarportVehicle *leaf = NULL;
  gboolean registered = TRUE;
  const char *code;

  login (f, carport_simulator_get_nissan_demo_password (f->sim), &error);
  g_assert_no_error (error);
  vehicles = list_vehicles (f);
  g_assert_true (carport_vehicle_client_registers_devices (f->client));
  /* The gate: only the Leaf (ccsGen 2, services 2021, 27 and 747) */
  for (guint i = 0; i < vehicles->len; i++)
    {
      CarportVehicle *vehicle = g_ptr_array_index (vehicles, i);
      gboolean is_leaf = g_str_equal (carport_vehicle_get_vin (vehicle), LEAF_VIN);

      g_assert_cmpint (carport_vehicle_supports_command (vehicle, CARPORT_COMMAND_KIND_LOCK), ==, is_leaf);
      g_assert_cmpint (carport_vehicle_supports_command (vehicle, CARPORT_COMMAND_KIND_UNLOCK), ==, is_leaf);
      g_assert_cmpint (carport_vehicle_supports_command (vehicle, CARPORT_COMMAND_KIND_SRP_ENROL), ==, is_leaf);
      if (is_leaf)
        leaf = vehicle;
      else
        {
          /* nothing is asked for a car outside the gate */
          g_assert_false (device_step (f, vehicle, CARPORT_DEVICE_STEP_CHECK, NULL, NULL, &error));
          g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_NOT_SUPPORTED);
          g_clear_error (&error);
        }
    }
  g_assert_nonnull (leaf);

  g_assert_true (device_step (f, leaf, CARPORT_DEVICE_STEP_CHECK, NULL, &registered, &error));
  g_assert_no_error (error);
  g_assert_false (registered);

  /* Not 6 digits: refused without asking */
  g_assert_false (device_step (f, leaf, CARPORT_DEVICE_STEP_REGISTER, "12345", NULL, &error));
  g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_TFA_CODE_INVALID);
  g_clear_error (&error);
  /* No code asked for yet: as an expired one */
  g_assert_false (device_step (f, leaf, CARPORT_DEVICE_STEP_REGISTER, "123456", NULL, &error));
  g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_TFA_CODE_INVALID);
  g_assert_nonnull (strstr (error->message, "expired"));
  g_clear_error (&error);

  g_assert_true (device_step (f, leaf, CARPORT_DEVICE_STEP_REQUEST_CODE, NULL, NULL, &error));
  g_assert_no_error (error);
  code = carport_simulator_get_last_device_otp (f->sim);
  g_assert_cmpuint (strlen (code), ==, 6);
  g_assert_false (device_step (f, leaf, CARPORT_DEVICE_STEP_REGISTER, g_str_equal (code, "000000") ? "999999" : "000000",
                               NULL, &error));
  g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_TFA_CODE_INVALID);
  g_assert_nonnull (strstr (error->message, "not right"));
  g_clear_error (&error);
  carport_simulator_expire_device_otps (f->sim);
  g_assert_false (device_step (f, leaf, CARPORT_DEVICE_STEP_REGISTER, code, NULL, &error));
  g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_TFA_CODE_INVALID);
  g_assert_nonnull (strstr (error->message, "expired"));
  g_clear_error (&error);

  g_assert_true (device_step (f, leaf, CARPORT_DEVICE_STEP_REQUEST_CODE, NULL, NULL, &error));
  code = carport_simulator_get_last_device_otp (f->sim);
  g_assert_true (device_step (f, leaf, CARPORT_DEVICE_STEP_REGISTER, code, &registered, &error));
  g_assert_no_error (error);
  g_assert_true (registered);
  g_assert_true (device_step (f, leaf, CARPORT_DEVICE_STEP_CHECK, NULL, &registered, &error));
  g_assert_true (registered);
  /* 409 / 409010: already there counts as registered */
  g_assert_true (device_step (f, leaf, CARPORT_DEVICE_STEP_REGISTER, "123456", &registered, &error));
  g_assert_no_error (error);
  g_assert_true (registered);

  /* No PIN enrolled yet, and a PIN that is no PIN: nothing goes to the car */
  g_assert_cmpint (run_pin_command (f, leaf, CARPORT_COMMAND_KIND_UNLOCK, "1234", DEVICE_ID), ==,
                   CARPORT_COMMAND_STATE_FAILED);
  g_assert_cmpint (run_pin_command (f, leaf, CARPORT_COMMAND_KIND_SRP_ENROL, "12", DEVICE_ID), ==,
                   CARPORT_COMMAND_STATE_FAILED);
  g_assert_cmpuint (carport_simulator_get_endpoint_request_count (f->sim, "actions/lock-unlock"), ==, 0);
  g_assert_cmpuint (carport_simulator_get_endpoint_request_count (f->sim, "actions/srp-initiates"), ==, 0);

  g_assert_cmpint (run_pin_command (f, leaf, CARPORT_COMMAND_KIND_SRP_ENROL, "2580", NULL), ==,
                   CARPORT_COMMAND_STATE_COMPLETED);
  g_assert_true (carport_simulator_get_locked (f->sim, LEAF_VIN));
  g_assert_cmpint (run_pin_command (f, leaf, CARPORT_COMMAND_KIND_UNLOCK, "2580", DEVICE_ID), ==,
                   CARPORT_COMMAND_STATE_COMPLETED);
  g_assert_false (carport_simulator_get_locked (f->sim, LEAF_VIN));
  /* A device that is not registered is refused */
  g_assert_cmpint (run_pin_command (f, leaf, CARPORT_COMMAND_KIND_LOCK, "2580", "0000000000000000"), ==,
                   CARPORT_COMMAND_STATE_FAILED);
  g_assert_false (carport_simulator_get_locked (f->sim, LEAF_VIN));

  /* Wrong PINs, then the lock-out even for the right one */
  for (guint i = 0; i < 3; i++)
    g_assert_cmpint (run_pin_command (f, leaf, CARPORT_COMMAND_KIND_LOCK, "0852", DEVICE_ID), ==,
                     CARPORT_COMMAND_STATE_FAILED);
  g_assert_cmpint (run_pin_command (f, leaf, CARPORT_COMMAND_KIND_LOCK, "2580", DEVICE_ID), ==,
                   CARPORT_COMMAND_STATE_FAILED);
  g_assert_false (carport_simulator_get_locked (f->sim, LEAF_VIN));
  g_assert_cmpint (run_pin_command (f, leaf, CARPORT_COMMAND_KIND_SRP_ENROL, "2580", NULL), ==,
                   CARPORT_COMMAND_STATE_COMPLETED);
  g_assert_cmpint (run_pin_command (f, leaf, CARPORT_COMMAND_KIND_LOCK, "2580", DEVICE_ID), ==,
                   CARPORT_COMMAND_STATE_COMPLETED);
  g_assert_true (carport_simulator_get_locked (f->sim, LEAF_VIN));
}

/* The Leaf, logged in; this computer registered for it when @registered. */
static CarportVehicle *
leaf_of (Fixture  *f,
         gboolean  registered)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) vehicles = NULL;
  CarportVehicle *leaf = NULL;
  gboolean is_registered = FALSE;

  login (f, carport_simulator_get_nissan_demo_password (f->sim), &error);
  g_assert_no_error (error);
  vehicles = list_vehicles (f);
  for (guint i = 0; i < vehicles->len; i++)
    if (g_str_equal (carport_vehicle_get_vin (g_ptr_array_index (vehicles, i)), LEAF_VIN))
      leaf = g_object_ref (g_ptr_array_index (vehicles, i));
  g_assert_nonnull (leaf);
  if (registered)
    {
      g_assert_true (device_step (f, leaf, CARPORT_DEVICE_STEP_REQUEST_CODE, NULL, NULL, &error));
      g_assert_true (device_step (f, leaf, CARPORT_DEVICE_STEP_REGISTER, carport_simulator_get_last_device_otp (f->sim),
                                  NULL, &error));
      g_assert_no_error (error);
    }
  g_assert_true (device_step (f, leaf, CARPORT_DEVICE_STEP_CHECK, NULL, &is_registered, &error));
  g_assert_no_error (error);
  g_assert_cmpint (is_registered, ==, registered);
  return leaf;
}

static gboolean
leaf_registered (Fixture        *f,
                 CarportVehicle *leaf)
{
  g_autoptr(GError) error = NULL;
  gboolean registered = FALSE;

  g_assert_true (device_step (f, leaf, CARPORT_DEVICE_STEP_CHECK, NULL, &registered, &error));
  g_assert_no_error (error);
  return registered;
}

/* "Forget This Computer" (api-nissan.md §3.4 step 3): the DELETE unregisters
 * it, registration-status then says so, the code it was registered with is
 * spent, and a device Nissan does not know (404) counts as forgotten; a car
 * outside the gate is asked nothing. */
static void
test_forget_device (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CarportVehicle) leaf = leaf_of (f, TRUE);
  g_autoptr(GPtrArray) vehicles = list_vehicles (f);
  g_autofree char *code = g_strdup (carport_simulator_get_last_device_otp (f->sim));
  gboolean registered = TRUE;

  g_assert_true (device_step (f, leaf, CARPORT_DEVICE_STEP_FORGET, NULL, &registered, &error));
  g_assert_no_error (error);
  g_assert_false (registered);
  g_assert_cmpuint (carport_simulator_get_endpoint_request_count (f->sim, "devices"), ==, 1);
  g_assert_false (leaf_registered (f, leaf));

  /* Registering again takes a new code */
  g_assert_false (device_step (f, leaf, CARPORT_DEVICE_STEP_REGISTER, code, NULL, &error));
  g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_TFA_CODE_INVALID);
  g_clear_error (&error);

  /* Not registered (404): done all the same */
  registered = TRUE;
  g_assert_true (device_step (f, leaf, CARPORT_DEVICE_STEP_FORGET, NULL, &registered, &error));
  g_assert_no_error (error);
  g_assert_false (registered);
  g_assert_cmpuint (carport_simulator_get_endpoint_request_count (f->sim, "devices"), ==, 2);

  for (guint i = 0; i < vehicles->len; i++)
    {
      CarportVehicle *vehicle = g_ptr_array_index (vehicles, i);

      if (g_str_equal (carport_vehicle_get_vin (vehicle), LEAF_VIN))
        continue;
      g_assert_false (device_step (f, vehicle, CARPORT_DEVICE_STEP_FORGET, NULL, NULL, &error));
      g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_NOT_SUPPORTED);
      g_clear_error (&error);
    }
  g_assert_cmpuint (carport_simulator_get_endpoint_request_count (f->sim, "devices"), ==, 2);
}

/* Forgets this computer for @leaf with the simulator's DELETE answering
 * @fault: FALSE, with the error in @error. */
static gboolean
forget_with_fault (Fixture         *f,
                   CarportVehicle  *leaf,
                   const char      *fault,
                   GError         **error)
{
  g_autoptr(GError) fault_error = NULL;
  gboolean done;

  carport_simulator_clear_faults (f->sim);
  g_assert_true (carport_simulator_add_fault_from_string (f->sim, fault, &fault_error));
  g_assert_no_error (fault_error);
  done = device_step (f, leaf, CARPORT_DEVICE_STEP_FORGET, NULL, NULL, error);
  carport_simulator_clear_faults (f->sim);
  return done;
}

/* The DELETE's failures, each said in words with what it means for the
 * registration: a token refused once is renewed and the DELETE sent again;
 * refused twice, the login is to blame; a server's error (Nissan's JSON or
 * a proxy's HTML page) and a refusal leave it registered; no answer in time
 * may have removed it. The device id is in no message. */
static void
test_forget_device_errors (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CarportVehicle) leaf = leaf_of (f, TRUE);

  g_assert_false (forget_with_fault (f, leaf, "devices=error:401:401000", &error));
  g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_UNAUTHORIZED);
  g_assert_cmpstr (error->message, ==, "Nissan did not accept Carport’s login, so this computer is still registered "
                                       "with the car. Log in again, then try again.");
  g_assert_cmpuint (carport_simulator_get_endpoint_request_count (f->sim, "devices"), ==, 2);
  g_assert_true (leaf_registered (f, leaf));
  g_clear_error (&error);

  g_assert_false (forget_with_fault (f, leaf, "devices=error:500", &error));
  g_assert_true (g_error_matches (error, CARPORT_API_ERROR, CARPORT_API_ERROR_SERVER) ||
                 g_error_matches (error, CARPORT_API_ERROR, CARPORT_API_ERROR_UPSTREAM));
  g_assert_true (g_str_has_prefix (error->message, "This computer could not be removed from the car. The car"));
  g_assert_true (leaf_registered (f, leaf));
  g_clear_error (&error);

  g_assert_false (forget_with_fault (f, leaf, "devices=html-502", &error));
  g_assert_true (g_error_matches (error, CARPORT_API_ERROR, CARPORT_API_ERROR_SERVER) ||
                 g_error_matches (error, CARPORT_API_ERROR, CARPORT_API_ERROR_UPSTREAM));
  g_assert_true (g_str_has_prefix (error->message, "This computer could not be removed from the car. The car"));
  g_assert_nonnull (strstr (error->message, "502"));
  g_assert_null (strstr (error->message, "<"));
  g_assert_true (leaf_registered (f, leaf));
  g_clear_error (&error);

  g_assert_false (forget_with_fault (f, leaf, "devices=error:403000", &error));
  g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_FORBIDDEN);
  g_assert_cmpstr (error->message, ==, "Nissan refused to remove this computer from the car. It can also be removed "
                                       "in the MyNISSAN app.");
  g_clear_error (&error);

  carport_http_set_deadline (f->http, 1);
  g_assert_false (forget_with_fault (f, leaf, "devices=delay:3000", &error));
  g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_TIMEOUT);
  g_assert_cmpstr (error->message, ==, "Nissan did not answer in time, so this computer may still be registered with "
                                       "the car. Try again.");
  carport_http_set_deadline (f->http, 30);
  g_clear_error (&error);

  /* A token refused once: renewed, sent again, done */
  g_assert_true (forget_with_fault (f, leaf, "devices=error:401:401000:x1", &error));
  g_assert_no_error (error);
  g_assert_false (leaf_registered (f, leaf));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/nissan-sim/login-and-reads", Fixture, NULL, fixture_setup, test_login_and_reads, fixture_teardown);
  g_test_add ("/nissan-sim/wrong-password", Fixture, NULL, fixture_setup, test_wrong_password, fixture_teardown);
  g_test_add ("/nissan-sim/token-renewal", Fixture, NULL, fixture_setup, test_token_renewal, fixture_teardown);
  g_test_add ("/nissan-sim/interstitial", Fixture, NULL, fixture_setup, test_interstitial, fixture_teardown);
  g_test_add ("/nissan-sim/refresh-keeps-refresh-token", Fixture, NULL, fixture_setup,
              test_refresh_keeps_refresh_token, fixture_teardown);
  g_test_add ("/nissan-sim/commands", Fixture, NULL, fixture_setup, test_commands, fixture_teardown);
  g_test_add ("/nissan-sim/remote-lock", Fixture, NULL, fixture_setup, test_remote_lock, fixture_teardown);
  g_test_add ("/nissan-sim/forget-device", Fixture, NULL, fixture_setup, test_forget_device, fixture_teardown);
  g_test_add ("/nissan-sim/forget-device-errors", Fixture, NULL, fixture_setup, test_forget_device_errors,
              fixture_teardown);
  g_test_add ("/nissan-sim/charge-refused", Fixture, NULL, fixture_setup, test_charge_refused, fixture_teardown);

  return g_test_run ();
}
