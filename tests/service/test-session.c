/* test-session.c — the service against the simulator, over loopback HTTP.
 *
 * Every test starts its own simulator, logs in through a memory credential
 * store (the keyring has its own tests) and a state cache in a temporary
 * directory, and checks what a user would see. */
#define _GNU_SOURCE  /* memmem() */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "carport-api-error.h"
#include "carport-demo.h"
#include "carport-history-store.h"
#include "carport-memory-store.h"
#include "carport-session.h"
#include "carport-simulator.h"
#include "carport-state-cache.h"
#include "carport-test-loop.h"
#include "service-test-util.h"

/* ----------------------------------------------------------------------- */

static void
test_login_discovers_every_car (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(GPtrArray) logins = NULL;
  CarportCredentials *stored;
  GAsyncResult *waiter = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *vehicles;
  CarportVehicle *zoe, *spring, *captur;

  login (fixture);
  vehicles = carport_session_get_vehicles (fixture->session);
  g_assert_cmpuint (g_list_model_get_n_items (vehicles), >=, 6);

  zoe = vehicle_by_model (fixture, ZOE1);
  spring = vehicle_by_model (fixture, SPRING);
  captur = vehicle_by_model (fixture, CAPTUR);
  g_assert_cmpint (carport_vehicle_get_brand (spring), ==, CARPORT_BRAND_DACIA);
  g_assert_cmpint (carport_vehicle_get_energy (zoe), ==, CARPORT_ENERGY_ELECTRIC);
  g_assert_cmpint (carport_vehicle_get_energy (captur), ==, CARPORT_ENERGY_PLUG_IN_HYBRID);
  /* The model table: ZOE phase 1 has no location, the Spring no lock status. */
  g_assert_false (carport_vehicle_supports_endpoint (zoe, CARPORT_ENDPOINT_LOCATION));
  g_assert_true (carport_vehicle_supports_endpoint (zoe, CARPORT_ENDPOINT_BATTERY_STATUS));
  g_assert_false (carport_vehicle_supports_endpoint (spring, CARPORT_ENDPOINT_LOCK_STATUS));
  g_assert_false (carport_vehicle_supports_command (spring, CARPORT_COMMAND_KIND_HORN));

  /* The login token (not the password) went to the store. */
  carport_credential_store_lookup_async (fixture->store, NULL, carport_test_result_cb, &waiter);
  logins = carport_credential_store_lookup_finish (fixture->store, carport_test_wait_result (&waiter), &error);
  g_clear_object (&waiter);
  g_assert_no_error (error);
  g_assert_cmpuint (logins->len, ==, 1);
  stored = g_ptr_array_index (logins, 0);
  g_assert_cmpstr (stored->brand, ==, "renault");
  g_assert_cmpstr (stored->email, ==, carport_simulator_get_demo_email (fixture->sim));
  g_assert_null (strstr (stored->secret, carport_simulator_get_demo_password (fixture->sim)));
}

static void
test_login_wrong_password (Fixture       *fixture,
                           gconstpointer  data)
{
  GAsyncResult *waiter = NULL;
  g_autoptr(GError) error = NULL;

  carport_session_login_async (fixture->session, "renault",
                               carport_simulator_get_demo_locale (fixture->sim),
                               carport_simulator_get_demo_email (fixture->sim),
                               "not the password", NULL, carport_test_result_cb, &waiter);
  g_assert_false (carport_session_login_finish (fixture->session, carport_test_wait_result (&waiter), &error));
  g_clear_object (&waiter);
  g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_INVALID_CREDENTIALS);
  g_assert_cmpstr (error->message, !=, "");
  g_assert_cmpint (carport_session_get_state (fixture->session), ==, CARPORT_SESSION_STATE_LOGGED_OUT);
}

static void
test_login_with_emailed_code (Fixture       *fixture,
                              gconstpointer  data)
{
  GAsyncResult *waiter = NULL, *code_waiter = NULL, *bad_waiter = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) bad_error = NULL;

  carport_simulator_set_require_tfa (fixture->sim, TRUE);
  carport_session_login_async (fixture->session, "renault",
                               carport_simulator_get_demo_locale (fixture->sim),
                               carport_simulator_get_demo_email (fixture->sim),
                               carport_simulator_get_demo_password (fixture->sim),
                               NULL, carport_test_result_cb, &waiter);
  g_assert_false (carport_session_login_finish (fixture->session, carport_test_wait_result (&waiter), &error));
  g_clear_object (&waiter);
  g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_TFA_REQUIRED);
  g_assert_cmpint (carport_session_get_state (fixture->session), ==, CARPORT_SESSION_STATE_NEEDS_CODE);

  /* A wrong code leaves room for another try. */
  carport_session_submit_code_async (fixture->session, "000000", NULL, carport_test_result_cb, &bad_waiter);
  g_assert_false (carport_session_submit_code_finish (fixture->session, carport_test_wait_result (&bad_waiter), &bad_error));
  g_clear_object (&bad_waiter);
  g_assert_error (bad_error, CARPORT_API_ERROR, CARPORT_API_ERROR_TFA_CODE_INVALID);
  g_assert_cmpint (carport_session_get_state (fixture->session), ==, CARPORT_SESSION_STATE_NEEDS_CODE);

  carport_session_submit_code_async (fixture->session, carport_simulator_get_last_tfa_code (fixture->sim),
                                     NULL, carport_test_result_cb, &code_waiter);
  g_clear_error (&error);
  g_assert_true (carport_session_submit_code_finish (fixture->session, carport_test_wait_result (&code_waiter), &error));
  g_clear_object (&code_waiter);
  g_assert_no_error (error);
  g_assert_cmpint (carport_session_get_state (fixture->session), ==, CARPORT_SESSION_STATE_READY);
  g_assert_cmpuint (g_list_model_get_n_items (carport_session_get_vehicles (fixture->session)), >=, 6);
}

static void
test_refresh_reads_every_endpoint (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  CarportVehicle *zoe, *captur, *zoe2;
  CarportBattery *battery;

  login (fixture);
  g_assert_true (refresh (fixture, NULL, &error));
  g_assert_no_error (error);

  zoe = vehicle_by_model (fixture, ZOE1);
  battery = carport_vehicle_get_battery (zoe);
  g_assert_cmpint (carport_battery_get_level_percent (battery), ==,
                   carport_simulator_get_battery_level (fixture->sim, carport_vehicle_get_vin (zoe)));
  g_assert_true (carport_is_known (carport_battery_get_range_km (battery)));
  g_assert_nonnull (carport_state_get_updated (CARPORT_STATE (battery)));
  g_assert_false (carport_vehicle_get_from_cache (zoe));
  g_assert_true (carport_is_known (carport_cockpit_get_mileage_km (carport_vehicle_get_cockpit (zoe))));

  captur = vehicle_by_model (fixture, CAPTUR);
  g_assert_true (carport_is_known (carport_cockpit_get_fuel_range_km (carport_vehicle_get_cockpit (captur))));

  zoe2 = vehicle_by_model (fixture, ZOE2);
  g_assert_true (carport_is_known (carport_location_get_latitude (carport_vehicle_get_location (zoe2))));
  g_assert_true (carport_is_known (carport_tyres_get_front_left_bar (carport_vehicle_get_tyres (zoe2))));
  g_assert_cmpfloat (carport_tyres_get_front_left_bar (carport_vehicle_get_tyres (zoe2)), <, 5.0);
}

/* What the maker's records hold and the newer fields, through the session
 * from the simulator: the ZOE ph2's slow puncture, gateway and contracts,
 * the Captur's alert; a contracts answer that breaks keeps the list. */
static void
test_refresh_reads_records (Fixture       *fixture,
                            gconstpointer  data)
{
  static const CarportSimFault broken = { CARPORT_SIM_FAULT_MALFORMED, 200, NULL, 0, 0, 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(CarportAlert) alert = NULL;
  CarportVehicle *zoe2, *captur;
  CarportServices *services;
  CarportTyres *tyres;

  login (fixture);
  g_assert_true (refresh (fixture, NULL, &error));
  g_assert_no_error (error);

  zoe2 = vehicle_by_model (fixture, ZOE2);
  tyres = carport_vehicle_get_tyres (zoe2);
  g_assert_cmpint (carport_tyres_get_status (tyres, CARPORT_TYRE_REAR_LEFT), ==, CARPORT_TYRE_STATUS_WARNING);
  g_assert_cmpint (carport_tyres_get_status (tyres, CARPORT_TYRE_FRONT_RIGHT), ==, CARPORT_TYRE_STATUS_OK);
  services = carport_vehicle_get_services (zoe2);
  g_assert_cmpstr (carport_services_get_car_gateway (services), ==, "AVN");
  g_assert_cmpuint (g_list_model_get_n_items (carport_services_get_contracts (services)), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (carport_services_get_alerts (services)), ==, 0);
  g_assert_null (carport_vehicle_get_endpoint_error (zoe2, CARPORT_ENDPOINT_CONTRACTS));
  g_assert_null (carport_vehicle_get_endpoint_error (zoe2, CARPORT_ENDPOINT_NOTIFICATION_SETTINGS));

  captur = vehicle_by_model (fixture, CAPTUR);
  g_assert_cmpuint (g_list_model_get_n_items (carport_services_get_alerts (carport_vehicle_get_services (captur))), ==, 1);
  alert = g_list_model_get_item (carport_services_get_alerts (carport_vehicle_get_services (captur)), 0);
  g_assert_cmpstr (carport_alert_get_title (alert), ==, "Oil level");

  /* Read again when due (CARPORT_ENDPOINT_MASK_RECORDS). */
  carport_simulator_add_fault (fixture->sim, "contracts", &broken);
  carport_vehicle_set_settings_read_at (zoe2, g_get_real_time () / G_USEC_PER_SEC - CARPORT_VEHICLE_SETTINGS_SECONDS - 60);
  g_assert_true (refresh (fixture, zoe2, &error));
  g_assert_nonnull (carport_vehicle_get_endpoint_error (zoe2, CARPORT_ENDPOINT_CONTRACTS));
  g_assert_cmpuint (g_list_model_get_n_items (carport_services_get_contracts (services)), ==, 2);
}

static void
test_token_is_reused (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  CarportVehicle *zoe;
  guint before, after_first, after_second;

  login (fixture);
  zoe = vehicle_by_model (fixture, ZOE1);
  before = carport_simulator_get_request_count (fixture->sim);
  g_assert_true (refresh (fixture, zoe, &error));
  after_first = carport_simulator_get_request_count (fixture->sim);
  /* (The maker's records, just read, are not due again for a while.) */
  carport_vehicle_set_settings_read_at (zoe, 0);
  g_assert_true (refresh (fixture, zoe, &error));
  after_second = carport_simulator_get_request_count (fixture->sim);

  /* The second refresh asks exactly the same endpoints, with no login traffic. */
  g_assert_cmpuint (after_first - before, >, 0);
  g_assert_cmpuint (after_second - after_first, ==, after_first - before);
}

static void
test_expiring_jwt_is_reminted (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  CarportVehicle *zoe;
  guint before;

  /* Tokens live 61 s: each is within a minute of its end, so renewed before use. */
  carport_simulator_set_jwt_lifetime (fixture->sim, 61);
  login (fixture);
  zoe = vehicle_by_model (fixture, ZOE1);
  g_assert_true (refresh (fixture, zoe, &error));
  /* Two seconds later the token has less than a minute left. */
  g_usleep (2100 * 1000);
  before = carport_simulator_get_request_count (fixture->sim);
  g_assert_true (refresh (fixture, zoe, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (carport_simulator_get_request_count (fixture->sim) - before, >, count_supported (zoe));
  g_assert_null (carport_vehicle_get_endpoint_error (zoe, CARPORT_ENDPOINT_BATTERY_STATUS));
}

static void
test_rejected_jwt_is_reminted (Fixture       *fixture,
                               gconstpointer  data)
{
  static const CarportSimFault unauthorized = { CARPORT_SIM_FAULT_ERROR, 401, "err.func.wired.unauthorized", 0, 0, 1 };
  g_autoptr(GError) error = NULL;
  CarportVehicle *zoe;
  int level;

  login (fixture);
  zoe = vehicle_by_model (fixture, ZOE1);
  carport_simulator_add_fault (fixture->sim, "battery-status", &unauthorized);
  g_assert_true (refresh (fixture, zoe, &error));
  g_assert_no_error (error);
  /* Re-minted and asked again: the battery was read all the same. */
  g_assert_null (carport_vehicle_get_endpoint_error (zoe, CARPORT_ENDPOINT_BATTERY_STATUS));
  level = carport_battery_get_level_percent (carport_vehicle_get_battery (zoe));
  g_assert_cmpint (level, >=, 0);
}

static void
test_expired_login_token_logs_out (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CarportSession) second = NULL;
  GAsyncResult *waiter = NULL;
  CarportVehicle *zoe;
  int level;

  /* Short-lived access tokens: the next start must mint one. */
  carport_simulator_set_jwt_lifetime (fixture->sim, 1);
  login (fixture);
  zoe = vehicle_by_model (fixture, ZOE1);
  g_assert_true (refresh (fixture, zoe, &error));
  level = carport_battery_get_level_percent (carport_vehicle_get_battery (zoe));

  /* A new start with the stored login, after the server forgot it. */
  carport_simulator_expire_login_tokens (fixture->sim);
  second = new_session (fixture);
  carport_session_restore_async (second, NULL, carport_test_result_cb, &waiter);
  g_assert_true (carport_session_restore_finish (second, carport_test_wait_result (&waiter), &error));
  g_clear_object (&waiter);
  g_assert_no_error (error);

  /* The cached cars show at once, with their last values. */
  zoe = carport_session_find_vehicle (second, carport_vehicle_get_vin (zoe));
  g_assert_nonnull (zoe);
  g_assert_true (carport_vehicle_get_from_cache (zoe));
  g_assert_cmpint (carport_battery_get_level_percent (carport_vehicle_get_battery (zoe)), ==, level);

  /* Minting a token with the forgotten login: Gigya says 403005. */
  {
    GAsyncResult *refresh_waiter = NULL;

    carport_session_refresh_async (second, zoe, NULL, carport_test_result_cb, &refresh_waiter);
    g_assert_false (carport_session_refresh_finish (second, carport_test_wait_result (&refresh_waiter), &error));
    g_clear_object (&refresh_waiter);
  }
  g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_LOGIN_EXPIRED);
  g_assert_cmpint (carport_session_get_state (second), ==, CARPORT_SESSION_STATE_LOGGED_OUT);
  /* Nothing is lost: the last good values stay. */
  g_assert_cmpint (carport_battery_get_level_percent (carport_vehicle_get_battery (zoe)), ==, level);
}

static void
test_restore_without_login (Fixture       *fixture,
                            gconstpointer  data)
{
  GAsyncResult *waiter = NULL;
  g_autoptr(GError) error = NULL;

  carport_session_restore_async (fixture->session, NULL, carport_test_result_cb, &waiter);
  g_assert_false (carport_session_restore_finish (fixture->session, carport_test_wait_result (&waiter), &error));
  g_clear_object (&waiter);
  g_assert_no_error (error);
  g_assert_cmpint (carport_session_get_state (fixture->session), ==, CARPORT_SESSION_STATE_LOGGED_OUT);
}

static void
test_restore_needs_no_login_traffic (Fixture       *fixture,
                                     gconstpointer  data)
{
  g_autoptr(CarportSession) second = NULL;
  g_autoptr(GPtrArray) logins = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *waiter = NULL, *refresh_waiter = NULL;
  CarportVehicle *zoe;
  guint before, requests;
  guint supported;

  login (fixture);
  zoe = vehicle_by_model (fixture, ZOE1);
  g_assert_true (refresh (fixture, zoe, &error));

  second = new_session (fixture);
  carport_session_restore_async (second, NULL, carport_test_result_cb, &waiter);
  g_assert_true (carport_session_restore_finish (second, carport_test_wait_result (&waiter), &error));
  g_clear_object (&waiter);

  zoe = carport_session_find_vehicle (second, carport_vehicle_get_vin (zoe));
  /* The maker's records were just read: not again until they are due. */
  g_assert_cmpuint (carport_vehicle_get_settings_due (zoe), ==, 0);
  supported = count_supported (zoe);

  /* Empty the store: whatever the refresh writes to it shows. */
  carport_credential_store_clear_async (fixture->store, NULL, NULL, NULL, carport_test_result_cb, &waiter);
  g_assert_true (carport_credential_store_clear_finish (fixture->store, carport_test_wait_result (&waiter), &error));
  g_clear_object (&waiter);

  before = carport_simulator_get_request_count (fixture->sim);
  carport_session_refresh_async (second, zoe, NULL, carport_test_result_cb, &refresh_waiter);
  g_assert_true (carport_session_refresh_finish (second, carport_test_wait_result (&refresh_waiter), &error));
  g_clear_object (&refresh_waiter);
  requests = carport_simulator_get_request_count (fixture->sim) - before;

  /* Cached token and vehicle list: one request per endpoint, nothing else. */
  g_assert_cmpuint (requests, ==, supported);
  g_assert_false (carport_vehicle_get_from_cache (zoe));

  /* The token it used came from the store: it is not written back. */
  carport_session_flush_async (second, NULL, carport_test_result_cb, &waiter);
  g_assert_true (carport_session_flush_finish (second, carport_test_wait_result (&waiter), &error));
  g_clear_object (&waiter);
  carport_credential_store_lookup_async (fixture->store, NULL, carport_test_result_cb, &waiter);
  logins = carport_credential_store_lookup_finish (fixture->store, carport_test_wait_result (&waiter), &error);
  g_clear_object (&waiter);
  g_assert_no_error (error);
  g_assert_cmpuint (logins->len, ==, 0);
}

static void
test_concurrent_refresh (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  CarportVehicle *zoe2;
  gint64 start, elapsed;

  login (fixture);
  zoe2 = vehicle_by_model (fixture, ZOE2);
  carport_simulator_set_latency_ms (fixture->sim, 300);
  start = g_get_monotonic_time ();
  g_assert_true (refresh (fixture, zoe2, &error));
  elapsed = g_get_monotonic_time () - start;
  /* Six or more endpoints at 300 ms each would take 1.8 s in a row. */
  g_assert_cmpint (elapsed, <, 1500 * 1000);
}

static void
test_fault_keeps_last_values (Fixture       *fixture,
                              gconstpointer  data)
{
  static const CarportSimFault faults[] = {
    { CARPORT_SIM_FAULT_HTML_502, 0, NULL, 0, 0, 0 },
    { CARPORT_SIM_FAULT_MALFORMED, 0, NULL, 0, 0, 0 },
    { CARPORT_SIM_FAULT_TRUNCATED, 0, NULL, 0, 0, 0 },
    { CARPORT_SIM_FAULT_HUGE, 0, NULL, 0, 0, 0 },
    { CARPORT_SIM_FAULT_EMPTY, 0, NULL, 0, 0, 0 },
    { CARPORT_SIM_FAULT_ERROR, 500, "err.tech.500", 0, 0, 0 },
    { CARPORT_SIM_FAULT_ERROR, 503, "err.tech.wired.kamereon-proxy", 0, 0, 0 },
    { CARPORT_SIM_FAULT_ERROR, 400, "err.func.privacy.on", 0, 0, 0 },
  };
  g_autoptr(GError) error = NULL;
  CarportVehicle *zoe2;
  int level;
  double mileage;

  login (fixture);
  zoe2 = vehicle_by_model (fixture, ZOE2);
  g_assert_true (refresh (fixture, zoe2, &error));
  level = carport_battery_get_level_percent (carport_vehicle_get_battery (zoe2));
  mileage = carport_cockpit_get_mileage_km (carport_vehicle_get_cockpit (zoe2));
  g_assert_cmpint (level, >=, 0);

  for (guint i = 0; i < G_N_ELEMENTS (faults); i++)
    {
      const char *message;

      carport_simulator_clear_faults (fixture->sim);
      carport_simulator_add_fault (fixture->sim, "battery-status", &faults[i]);
      /* Other endpoints still answer: the refresh as a whole succeeds. */
      g_assert_true (refresh (fixture, zoe2, &error));
      g_assert_no_error (error);
      message = carport_vehicle_get_endpoint_error (zoe2, CARPORT_ENDPOINT_BATTERY_STATUS);
      g_assert_nonnull (message);
      g_assert_cmpuint (strlen (message), >, 10);
      g_assert_cmpint (carport_battery_get_level_percent (carport_vehicle_get_battery (zoe2)), ==, level);
      g_assert_true (carport_vehicle_supports_endpoint (zoe2, CARPORT_ENDPOINT_BATTERY_STATUS));
      g_assert_cmpfloat (carport_cockpit_get_mileage_km (carport_vehicle_get_cockpit (zoe2)), >=, mileage);
    }

  /* Once the server is well again, the error goes. */
  carport_simulator_clear_faults (fixture->sim);
  g_assert_true (refresh (fixture, zoe2, &error));
  g_assert_null (carport_vehicle_get_endpoint_error (zoe2, CARPORT_ENDPOINT_BATTERY_STATUS));
}

/* @fixture's directory/@name holding @body, as a simulator body fault on
 * @endpoint of @vin. */
static void
add_body_fault (Fixture    *fixture,
                const char *vin,
                const char *endpoint,
                const char *name,
                const char *body)
{
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
  g_autofree char *spec = g_strdup_printf ("%s/%s=body:%s", vin, endpoint, path);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, body, -1, &error));
  g_assert_no_error (error);
  g_assert_true (carport_simulator_add_fault_from_string (fixture->sim, spec, &error));
  g_assert_no_error (error);
}

/* A 200 whose values are null, of the wrong type or out of range does not
 * replace the last good ones, in memory nor in the cache; one without any
 * usable value is an error of that endpoint. */
static void
test_bad_values_keep_last_good (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CarportSession) second = NULL;
  GAsyncResult *waiter = NULL;
  CarportVehicle *zoe2;
  const char *vin;
  double latitude, longitude;

  login (fixture);
  zoe2 = vehicle_by_model (fixture, ZOE2);
  vin = carport_vehicle_get_vin (zoe2);
  g_assert_true (refresh (fixture, zoe2, &error));
  g_assert_cmpint (carport_battery_get_level_percent (carport_vehicle_get_battery (zoe2)), ==, 62);
  g_assert_cmpint (carport_battery_get_plug (carport_vehicle_get_battery (zoe2)), ==, CARPORT_PLUG_STATE_PLUGGED);
  latitude = carport_location_get_latitude (carport_vehicle_get_location (zoe2));
  longitude = carport_location_get_longitude (carport_vehicle_get_location (zoe2));
  g_assert_true (carport_is_known (latitude));

  /* A battery answer with one good value among bad ones, and a location
   * whose coordinates are an integer of 1e30. */
  add_body_fault (fixture, vin, "battery-status", "battery.json",
                  "{\"data\":{\"type\":\"Car\",\"id\":\"x\",\"attributes\":{"
                  "\"timestamp\":\"yesterday\",\"batteryLevel\":null,\"batteryAutonomy\":151,"
                  "\"plugStatus\":true,\"chargingStatus\":\"x\",\"batteryTemperature\":-1e30,"
                  "\"chargingRemainingTime\":[1],\"batteryAvailableEnergy\":9000}}}");
  add_body_fault (fixture, vin, "location", "location.json",
                  "{\"data\":{\"type\":\"Car\",\"id\":\"x\",\"attributes\":{"
                  "\"gpsLatitude\":1000000000000000000000000000000,"
                  "\"gpsLongitude\":1000000000000000000000000000000}}}");
  g_assert_true (refresh (fixture, zoe2, &error));
  g_assert_no_error (error);
  g_assert_cmpint (carport_battery_get_level_percent (carport_vehicle_get_battery (zoe2)), ==, 62);
  g_assert_cmpfloat (carport_battery_get_range_km (carport_vehicle_get_battery (zoe2)), ==, 151);
  g_assert_cmpint (carport_battery_get_plug (carport_vehicle_get_battery (zoe2)), ==, CARPORT_PLUG_STATE_PLUGGED);
  g_assert_null (carport_vehicle_get_endpoint_error (zoe2, CARPORT_ENDPOINT_BATTERY_STATUS));
  g_assert_cmpfloat (carport_location_get_latitude (carport_vehicle_get_location (zoe2)), ==, latitude);
  g_assert_nonnull (carport_vehicle_get_endpoint_error (zoe2, CARPORT_ENDPOINT_LOCATION));

  /* Nothing usable at all in the battery answer: an error for it. */
  carport_simulator_clear_faults (fixture->sim);
  add_body_fault (fixture, vin, "battery-status", "nothing.json",
                  "{\"data\":{\"attributes\":{\"batteryLevel\":\"\",\"plugStatus\":null,"
                  "\"batteryAutonomy\":-3,\"timestamp\":42}}}");
  g_assert_true (refresh (fixture, zoe2, &error));
  g_assert_nonnull (strstr (carport_vehicle_get_endpoint_error (zoe2, CARPORT_ENDPOINT_BATTERY_STATUS),
                            "no usable value"));
  g_assert_cmpint (carport_battery_get_level_percent (carport_vehicle_get_battery (zoe2)), ==, 62);
  g_assert_true (carport_vehicle_supports_endpoint (zoe2, CARPORT_ENDPOINT_BATTERY_STATUS));

  /* After a restart, the cache has the last good values too. */
  carport_session_flush_async (fixture->session, NULL, carport_test_result_cb, &waiter);
  g_assert_true (carport_session_flush_finish (fixture->session, carport_test_wait_result (&waiter), &error));
  g_clear_object (&waiter);
  second = new_session (fixture);
  carport_session_restore_async (second, NULL, carport_test_result_cb, &waiter);
  g_assert_true (carport_session_restore_finish (second, carport_test_wait_result (&waiter), &error));
  g_clear_object (&waiter);
  zoe2 = carport_session_find_vehicle (second, vin);
  g_assert_true (carport_vehicle_get_from_cache (zoe2));
  g_assert_cmpint (carport_battery_get_level_percent (carport_vehicle_get_battery (zoe2)), ==, 62);
  g_assert_cmpfloat (carport_battery_get_range_km (carport_vehicle_get_battery (zoe2)), ==, 151);
  g_assert_cmpint (carport_battery_get_plug (carport_vehicle_get_battery (zoe2)), ==, CARPORT_PLUG_STATE_PLUGGED);
  g_assert_cmpfloat (carport_location_get_latitude (carport_vehicle_get_location (zoe2)), ==, latitude);
  g_assert_cmpfloat (carport_location_get_longitude (carport_vehicle_get_location (zoe2)), ==, longitude);
}

static void
test_total_failure_is_an_error (Fixture       *fixture,
                                gconstpointer  data)
{
  static const CarportSimFault html = { CARPORT_SIM_FAULT_HTML_502, 0, NULL, 0, 0, 0 };
  g_autoptr(GError) error = NULL;
  CarportVehicle *zoe;
  int level;

  login (fixture);
  zoe = vehicle_by_model (fixture, ZOE1);
  g_assert_true (refresh (fixture, zoe, &error));
  level = carport_battery_get_level_percent (carport_vehicle_get_battery (zoe));

  carport_simulator_add_fault (fixture->sim, "*", &html);
  g_assert_false (refresh (fixture, zoe, &error));
  g_assert_nonnull (error);
  g_assert_cmpstr (error->message, !=, "");
  g_assert_nonnull (carport_vehicle_get_last_error (zoe));
  g_assert_cmpint (carport_battery_get_level_percent (carport_vehicle_get_battery (zoe)), ==, level);
}

static void
test_quota_backs_off (Fixture       *fixture,
                      gconstpointer  data)
{
  static const CarportSimFault quota = { CARPORT_SIM_FAULT_QUOTA, 0, NULL, 0, 0, 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) second_error = NULL;
  CarportVehicle *zoe;
  guint before;

  login (fixture);
  zoe = vehicle_by_model (fixture, ZOE1);
  carport_simulator_add_fault (fixture->sim, "*", &quota);
  g_assert_false (refresh (fixture, zoe, &error));
  g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_QUOTA_LIMIT);

  /* The next refresh does not even ask: the server is left alone. */
  before = carport_simulator_get_request_count (fixture->sim);
  g_assert_false (refresh (fixture, zoe, &second_error));
  g_assert_error (second_error, CARPORT_API_ERROR, CARPORT_API_ERROR_QUOTA_LIMIT);
  g_assert_cmpuint (carport_simulator_get_request_count (fixture->sim), ==, before);
}

static void
test_unsupported_is_learnt (Fixture       *fixture,
                            gconstpointer  data)
{
  static const CarportSimFault forbidden = { CARPORT_SIM_FAULT_ERROR, 403, "err.func.wired.forbidden", 0, 0, 0 };
  g_autoptr(GError) error = NULL;
  CarportVehicle *zoe2;

  login (fixture);
  zoe2 = vehicle_by_model (fixture, ZOE2);
  carport_simulator_add_fault (fixture->sim, "pressure", &forbidden);
  g_assert_true (refresh (fixture, zoe2, &error));
  g_assert_false (carport_vehicle_supports_endpoint (zoe2, CARPORT_ENDPOINT_PRESSURE));
  g_assert_null (carport_vehicle_get_endpoint_error (zoe2, CARPORT_ENDPOINT_PRESSURE));
}

/* A refresh of every car reads a car's settings only when they are due; a
 * refresh of that one car reads them always. */
static void
test_fleet_refresh_reads_settings_when_due (Fixture       *fixture,
                                            gconstpointer  data)
{
  static const CarportSimFault broken = { CARPORT_SIM_FAULT_ERROR, 500, "err.tech.500", 0, 0, 0 };
  g_autoptr(GError) error = NULL;
  CarportVehicle *zoe;
  gint64 read_at;
  guint contracts_asked;

  login (fixture);
  zoe = vehicle_by_model (fixture, ZOE1);
  g_assert_cmpint (carport_vehicle_get_settings_read_at (zoe), ==, 0);
  g_assert_true (refresh (fixture, NULL, &error));
  read_at = carport_vehicle_get_settings_read_at (zoe);
  g_assert_cmpint (read_at, >, 0);
  g_assert_cmpint (carport_vehicle_get_settings_due (zoe), ==, 0);
  g_assert_cmpint (carport_charge_settings_get_mode (carport_vehicle_get_charge_settings (zoe)), !=,
                   CARPORT_CHARGE_MODE_NONE);

  /* Not due: charge-mode and the contracts are not asked, so their faults are not seen. */
  carport_simulator_add_fault (fixture->sim, "charge-mode", &broken);
  carport_simulator_add_fault (fixture->sim, "contracts", &broken);
  g_assert_true (refresh (fixture, NULL, &error));
  g_assert_null (carport_vehicle_get_endpoint_error (zoe, CARPORT_ENDPOINT_CHARGE_MODE));
  g_assert_null (carport_vehicle_get_endpoint_error (zoe, CARPORT_ENDPOINT_CONTRACTS));

  /* Due: asked, and a failed read does not count as read. */
  read_at -= CARPORT_VEHICLE_SETTINGS_SECONDS + 60;
  carport_vehicle_set_settings_read_at (zoe, read_at);
  g_assert_cmpuint (carport_vehicle_get_settings_due (zoe), ==, CARPORT_ENDPOINT_MASK_SETTINGS);
  g_assert_true (refresh (fixture, NULL, &error));
  g_assert_nonnull (carport_vehicle_get_endpoint_error (zoe, CARPORT_ENDPOINT_CHARGE_MODE));
  g_assert_cmpint (carport_vehicle_get_settings_read_at (zoe), ==, read_at);

  /* The car's own refresh reads everything, due or not, but the maker's
   * records (contracts, …), which it reads only when due. */
  carport_simulator_clear_faults (fixture->sim);
  carport_vehicle_set_settings_read_at (zoe, g_get_real_time () / G_USEC_PER_SEC);
  contracts_asked = carport_simulator_get_endpoint_request_count (fixture->sim, "contracts");
  g_assert_true (refresh (fixture, zoe, &error));
  g_assert_null (carport_vehicle_get_endpoint_error (zoe, CARPORT_ENDPOINT_CHARGE_MODE));
  g_assert_cmpuint (carport_simulator_get_endpoint_request_count (fixture->sim, "contracts"), ==, contracts_asked);
  carport_vehicle_set_settings_read_at (zoe, read_at);
  g_assert_true (refresh (fixture, zoe, &error));
  g_assert_cmpuint (carport_simulator_get_endpoint_request_count (fixture->sim, "contracts"), ==, contracts_asked + 1);
}

typedef struct {
  CarportCommandKind kind;
  const char        *model;
} CommandCase;

static void
test_commands_reach_final_state (Fixture       *fixture,
                                 gconstpointer  data)
{
  static const CommandCase cases[] = {
    { CARPORT_COMMAND_KIND_HVAC_START, ZOE2 },
    { CARPORT_COMMAND_KIND_HVAC_STOP, ZOE2 },
    { CARPORT_COMMAND_KIND_HVAC_START, R5 },
    { CARPORT_COMMAND_KIND_HVAC_STOP, R5 },
    { CARPORT_COMMAND_KIND_CHARGE_START, ZOE2 },
    { CARPORT_COMMAND_KIND_CHARGE_STOP, ZOE2 },
    { CARPORT_COMMAND_KIND_CHARGE_START, SPRING },
    { CARPORT_COMMAND_KIND_CHARGE_STOP, SPRING },
    { CARPORT_COMMAND_KIND_CHARGE_START, MEGANE },
    { CARPORT_COMMAND_KIND_CHARGE_START, R5 },
    { CARPORT_COMMAND_KIND_HORN, MEGANE },
    { CARPORT_COMMAND_KIND_LIGHTS, R5 },
    { CARPORT_COMMAND_KIND_REFRESH_LOCATION, SPRING },
    { CARPORT_COMMAND_KIND_CHARGE_MODE, ZOE1 },
    { CARPORT_COMMAND_KIND_SOC_LEVELS, MEGANE },
  };

  login (fixture);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      CarportVehicle *vehicle = vehicle_by_model (fixture, cases[i].model);
      g_autoptr(CarportCommand) command = NULL;
      g_autoptr(GError) error = NULL;
      gboolean ok;

      g_test_message ("%s on %s", carport_command_kind_get_title (cases[i].kind), cases[i].model);
      g_assert_true (carport_vehicle_supports_command (vehicle, cases[i].kind));
      command = carport_session_create_command (fixture->session, vehicle, cases[i].kind);
      if (cases[i].kind == CARPORT_COMMAND_KIND_CHARGE_START)
        carport_simulator_set_plugged (fixture->sim, carport_vehicle_get_vin (vehicle), TRUE);
      if (cases[i].kind == CARPORT_COMMAND_KIND_CHARGE_MODE)
        carport_command_set_charge_mode (command, CARPORT_CHARGE_MODE_SCHEDULED);
      if (cases[i].kind == CARPORT_COMMAND_KIND_SOC_LEVELS)
        {
          carport_command_set_soc_min_percent (command, 20);
          carport_command_set_soc_target_percent (command, 80);
        }
      ok = send_command (fixture, command, &error);
      g_assert_no_error (error);
      g_assert_true (ok);
      g_assert_cmpint (carport_command_get_state (command), ==, CARPORT_COMMAND_STATE_COMPLETED);
      g_assert_false (carport_command_get_in_flight (command));
      g_assert_null (carport_session_get_command_in_flight (fixture->session, vehicle, cases[i].kind));
    }
}

static void
test_climate_turns_on (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(CarportCommand) command = NULL;
  g_autoptr(GError) error = NULL;
  CarportVehicle *zoe2;
  CarportClimate *climate;
  g_autofree char *expected = NULL;
  gboolean refreshed = FALSE;

  login (fixture);
  zoe2 = vehicle_by_model (fixture, ZOE2);
  g_assert_true (refresh (fixture, zoe2, &error));
  climate = carport_vehicle_get_climate (zoe2);
  g_assert_cmpint (carport_climate_get_state (climate), ==, CARPORT_CLIMATE_STATE_OFF);

  command = carport_session_create_command (fixture->session, zoe2, CARPORT_COMMAND_KIND_HVAC_START);
  carport_command_set_temperature_c (command, 22);
  g_assert_true (send_command (fixture, command, &error));
  g_assert_true (carport_simulator_get_hvac_on (fixture->sim, carport_vehicle_get_vin (zoe2)));
  expected = g_strdup_printf ("%d:%s", CARPORT_SESSION_EVENT_COMMAND_FINISHED, carport_vehicle_get_vin (zoe2));
  g_assert_cmpuint (fixture->events->len, >=, 1);
  g_assert_cmpstr (g_ptr_array_index (fixture->events, fixture->events->len - 1), ==, expected);

  /* The command's effect is read back without asking. */
  {
    gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

    while (carport_climate_get_state (climate) != CARPORT_CLIMATE_STATE_ON && g_get_monotonic_time () < deadline)
      g_main_context_iteration (NULL, TRUE);
    refreshed = carport_climate_get_state (climate) == CARPORT_CLIMATE_STATE_ON;
  }
  g_assert_true (refreshed);
}

static CarportSchedule *
find_schedule (CarportVehicle *vehicle,
               gboolean        climate,
               int             id)
{
  GListModel *schedules = carport_charge_settings_get_schedules (carport_vehicle_get_charge_settings (vehicle));

  for (guint i = 0; i < g_list_model_get_n_items (schedules); i++)
    {
      g_autoptr(CarportSchedule) schedule = g_list_model_get_item (schedules, i);

      if (carport_schedule_get_id (schedule) == id &&
          (carport_schedule_get_kind (schedule) == CARPORT_SCHEDULE_KIND_CLIMATE) == climate)
        return schedule;  /* the list keeps its reference */
    }
  return NULL;
}

/* A programme written with the command's "schedules" is what the car then
 * reports, and the programmes sent along are kept. */
static void
test_schedule_commands (Fixture       *fixture,
                        gconstpointer  data)
{
  static const struct {
    const char         *model;
    CarportCommandKind  kind;
  } cases[] = {
    { ZOE2, CARPORT_COMMAND_KIND_CHARGE_SCHEDULE },
    { ZOE2, CARPORT_COMMAND_KIND_HVAC_SCHEDULE },
    { MEGANE, CARPORT_COMMAND_KIND_CHARGE_SCHEDULE },
  };

  login (fixture);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      CarportVehicle *vehicle = vehicle_by_model (fixture, cases[i].model);
      gboolean climate = cases[i].kind == CARPORT_COMMAND_KIND_HVAC_SCHEDULE;
      GListModel *current = carport_charge_settings_get_schedules (carport_vehicle_get_charge_settings (vehicle));
      g_autoptr(GListStore) sent = g_list_store_new (CARPORT_TYPE_SCHEDULE);
      g_autoptr(CarportCommand) command = NULL;
      g_autoptr(GError) error = NULL;
      CarportSchedule *schedule;
      guint before = 0;

      g_test_message ("%s on %s", carport_command_kind_get_title (cases[i].kind), cases[i].model);
      g_assert_true (refresh (fixture, vehicle, &error));
      g_assert_nonnull (find_schedule (vehicle, climate, 1));
      g_assert_nonnull ((schedule = find_schedule (vehicle, climate, 4)));
      g_assert_false (carport_schedule_get_activated (schedule));

      /* Everything as it is, but programme 4: Saturday and Sunday at 05:15 UTC. */
      for (guint j = 0; j < g_list_model_get_n_items (current); j++)
        {
          g_autoptr(CarportSchedule) item = g_list_model_get_item (current, j);
          g_autoptr(CarportSchedule) copy = NULL;

          if ((carport_schedule_get_kind (item) == CARPORT_SCHEDULE_KIND_CLIMATE) != climate)
            continue;
          before++;
          copy = carport_schedule_copy (item);
          if (carport_schedule_get_id (copy) == 4)
            {
              carport_schedule_set_activated (copy, TRUE);
              carport_schedule_set_days (copy, (1u << CARPORT_WEEKDAY_SATURDAY) | (1u << CARPORT_WEEKDAY_SUNDAY));
              carport_schedule_set_start_time (copy, "05:15");
              carport_schedule_set_start_time_is_utc (copy, TRUE);
              if (!climate)
                carport_schedule_set_duration_minutes (copy, 90);
            }
          g_list_store_append (sent, copy);
        }

      command = carport_session_create_command (fixture->session, vehicle, cases[i].kind);
      carport_command_set_schedules (command, G_LIST_MODEL (sent));
      g_assert_true (send_command (fixture, command, &error));
      g_assert_no_error (error);
      g_assert_cmpint (carport_command_get_state (command), ==, CARPORT_COMMAND_STATE_COMPLETED);

      g_assert_true (refresh (fixture, vehicle, &error));
      schedule = find_schedule (vehicle, climate, 4);
      g_assert_nonnull (schedule);
      g_assert_true (carport_schedule_get_activated (schedule));
      g_assert_cmpuint (carport_schedule_get_days (schedule), ==,
                        (1u << CARPORT_WEEKDAY_SATURDAY) | (1u << CARPORT_WEEKDAY_SUNDAY));
      g_assert_cmpstr (carport_schedule_get_start_time (schedule), ==, "05:15");
      g_assert_true (carport_schedule_get_start_time_is_utc (schedule));
      if (!climate)
        g_assert_cmpint (carport_schedule_get_duration_minutes (schedule), ==, 90);
      /* The others are still there, programme 1 still active. */
      g_assert_true (carport_schedule_get_activated (find_schedule (vehicle, climate, 1)) ||
                     carport_schedule_get_activated (find_schedule (vehicle, climate, 2)));
      {
        guint after = 0;

        for (guint j = 0; j < g_list_model_get_n_items (current); j++)
          {
            g_autoptr(CarportSchedule) item = g_list_model_get_item (current, j);

            after += (carport_schedule_get_kind (item) == CARPORT_SCHEDULE_KIND_CLIMATE) == climate;
          }
        g_assert_cmpuint (after, ==, before);
      }
    }
}

static void
test_command_rejected_by_car (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(CarportCommand) command = NULL;
  g_autoptr(GError) error = NULL;
  CarportVehicle *zoe2;

  login (fixture);
  zoe2 = vehicle_by_model (fixture, ZOE2);
  /* Charging cannot start while unplugged: the car says FAILED. */
  carport_simulator_set_plugged (fixture->sim, carport_vehicle_get_vin (zoe2), FALSE);
  command = carport_session_create_command (fixture->session, zoe2, CARPORT_COMMAND_KIND_CHARGE_START);
  g_assert_false (send_command (fixture, command, &error));
  g_assert_nonnull (error);
  g_assert_cmpint (carport_command_get_state (command), ==, CARPORT_COMMAND_STATE_FAILED);
  g_assert_nonnull (carport_command_get_message (command));
}

static void
test_command_http_errors (Fixture       *fixture,
                          gconstpointer  data)
{
  static const CarportSimFault forbidden = { CARPORT_SIM_FAULT_ERROR, 403, "err.func.wired.forbidden", 0, 0, 0 };
  static const CarportSimFault busy = { CARPORT_SIM_FAULT_ERROR, 409, "409001", 0, 0, 0 };
  g_autoptr(CarportCommand) horn = NULL;
  g_autoptr(CarportCommand) mode = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) mode_error = NULL;
  CarportVehicle *megane, *zoe;

  login (fixture);
  megane = vehicle_by_model (fixture, MEGANE);
  carport_simulator_add_fault (fixture->sim, "horn-lights", &forbidden);
  horn = carport_session_create_command (fixture->session, megane, CARPORT_COMMAND_KIND_HORN);
  g_assert_false (send_command (fixture, horn, &error));
  g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_FORBIDDEN);
  g_assert_cmpint (carport_command_get_state (horn), ==, CARPORT_COMMAND_STATE_FAILED);

  zoe = vehicle_by_model (fixture, ZOE1);
  carport_simulator_add_fault (fixture->sim, "charge-mode", &busy);
  mode = carport_session_create_command (fixture->session, zoe, CARPORT_COMMAND_KIND_CHARGE_MODE);
  carport_command_set_charge_mode (mode, CARPORT_CHARGE_MODE_ALWAYS);
  g_assert_false (send_command (fixture, mode, &mode_error));
  g_assert_error (mode_error, CARPORT_API_ERROR, CARPORT_API_ERROR_IN_PROGRESS);
}

static void
test_command_not_sent_twice (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(CarportCommand) first = NULL;
  g_autoptr(CarportCommand) second = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *waiter = NULL;
  CarportVehicle *zoe2;

  login (fixture);
  zoe2 = vehicle_by_model (fixture, ZOE2);
  first = carport_session_create_command (fixture->session, zoe2, CARPORT_COMMAND_KIND_HVAC_START);
  carport_session_send_command_async (fixture->session, first, TRUE, NULL, carport_test_result_cb, &waiter);
  g_assert_true (carport_session_get_command_in_flight (fixture->session, zoe2, CARPORT_COMMAND_KIND_HVAC_START) == first);

  second = carport_session_create_command (fixture->session, zoe2, CARPORT_COMMAND_KIND_HVAC_START);
  g_assert_false (send_command (fixture, second, &error));
  g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_IN_PROGRESS);

  g_assert_true (carport_session_send_command_finish (fixture->session, carport_test_wait_result (&waiter), NULL));
  g_clear_object (&waiter);
}

static void
test_command_times_out (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(CarportCommand) command = NULL;
  g_autoptr(GError) error = NULL;
  CarportVehicle *zoe2;

  login (fixture);
  g_object_set (fixture->session, "command-timeout", 1, NULL);
  carport_simulator_set_command_delay_ms (fixture->sim, 60000);
  zoe2 = vehicle_by_model (fixture, ZOE2);
  command = carport_session_create_command (fixture->session, zoe2, CARPORT_COMMAND_KIND_HORN);
  if (!carport_vehicle_supports_command (zoe2, CARPORT_COMMAND_KIND_HORN))
    {
      g_clear_object (&command);
      command = carport_session_create_command (fixture->session, zoe2, CARPORT_COMMAND_KIND_HVAC_START);
    }
  g_assert_false (send_command (fixture, command, &error));
  g_assert_cmpint (carport_command_get_state (command), ==, CARPORT_COMMAND_STATE_TIMED_OUT);
  g_assert_nonnull (carport_command_get_message (command));
}

static void
test_charge_complete_event (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(CarportCommand) command = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  CarportVehicle *zoe2;
  gint64 deadline;
  gboolean seen = FALSE;

  carport_simulator_set_charge_rate (fixture->sim, 200.0);
  login (fixture);
  zoe2 = vehicle_by_model (fixture, ZOE2);
  carport_simulator_set_plugged (fixture->sim, carport_vehicle_get_vin (zoe2), TRUE);
  command = carport_session_create_command (fixture->session, zoe2, CARPORT_COMMAND_KIND_CHARGE_START);
  g_assert_true (send_command (fixture, command, &error));

  expected = g_strdup_printf ("%d:%s", CARPORT_SESSION_EVENT_CHARGE_COMPLETE, carport_vehicle_get_vin (zoe2));
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (!seen && g_get_monotonic_time () < deadline)
    {
      g_assert_true (refresh (fixture, zoe2, &error));
      for (guint i = 0; i < fixture->events->len; i++)
        seen |= g_str_equal (g_ptr_array_index (fixture->events, i), expected);
      if (!seen)
        g_usleep (200 * 1000);
    }
  g_assert_true (seen);
  g_assert_cmpint (carport_battery_get_level_percent (carport_vehicle_get_battery (zoe2)), ==, 100);
}

static void
test_logout_forgets (Fixture       *fixture,
                     gconstpointer  data)
{
  GAsyncResult *waiter = NULL, *lookup = NULL, *restore = NULL;
  g_autoptr(GPtrArray) logins = NULL;
  g_autoptr(CarportSession) second = NULL;
  g_autoptr(GError) error = NULL;

  login (fixture);
  carport_session_logout_async (fixture->session, NULL, NULL, carport_test_result_cb, &waiter);
  g_assert_true (carport_session_logout_finish (fixture->session, carport_test_wait_result (&waiter), &error));
  g_clear_object (&waiter);
  g_assert_cmpuint (g_list_model_get_n_items (carport_session_get_vehicles (fixture->session)), ==, 0);

  carport_credential_store_lookup_async (fixture->store, NULL, carport_test_result_cb, &lookup);
  logins = carport_credential_store_lookup_finish (fixture->store, carport_test_wait_result (&lookup), &error);
  g_clear_object (&lookup);
  g_assert_no_error (error);
  g_assert_cmpuint (logins->len, ==, 0);

  second = new_session (fixture);
  carport_session_restore_async (second, NULL, carport_test_result_cb, &restore);
  g_assert_false (carport_session_restore_finish (second, carport_test_wait_result (&restore), &error));
  g_clear_object (&restore);
  g_assert_cmpuint (g_list_model_get_n_items (carport_session_get_vehicles (second)), ==, 0);
}

static guint
count_readings (GArray             *rows,
                CarportReadingKind  kind,
                double             *out_last)
{
  guint n = 0;

  for (guint i = 0; i < rows->len; i++)
    if (g_array_index (rows, CarportReading, i).kind == kind)
      {
        n++;
        *out_last = g_array_index (rows, CarportReading, i).value;
      }

  return n;
}

static GArray *
query_history (CarportHistoryStore *history,
               const char          *vin)
{
  GAsyncResult *waiter = NULL;
  g_autoptr(GError) error = NULL;
  GArray *rows;

  carport_history_store_query_async (history, vin, 0, G_MAXINT64, NULL, carport_test_result_cb, &waiter);
  rows = carport_history_store_query_finish (history, carport_test_wait_result (&waiter), &error);
  g_clear_object (&waiter);
  g_assert_no_error (error);

  return rows;
}

/* Each refresh writes what changed to the history, and nothing secret. */
static void
test_refresh_writes_history (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "history.sqlite3", NULL);
  g_autoptr(CarportHistoryStore) history = carport_history_store_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) rows = NULL;
  g_autofree char *contents = NULL;
  g_auto(GStrv) secrets = NULL;
  GAsyncResult *waiter = NULL;
  CarportVehicle *zoe;
  const char *vin;
  double level = -1, plug = -1;
  gsize length;

  carport_session_set_history (fixture->session, history);
  login (fixture);
  zoe = vehicle_by_model (fixture, ZOE2);
  vin = carport_vehicle_get_vin (zoe);
  carport_simulator_set_plugged (fixture->sim, vin, FALSE);
  g_assert_true (refresh (fixture, zoe, &error));
  g_assert_true (refresh (fixture, zoe, &error));  /* nothing changed */
  carport_simulator_set_plugged (fixture->sim, vin, TRUE);
  g_assert_true (refresh (fixture, zoe, &error));
  g_assert_no_error (error);
  carport_session_flush_async (fixture->session, NULL, carport_test_result_cb, &waiter);
  g_assert_true (carport_session_flush_finish (fixture->session, carport_test_wait_result (&waiter), &error));
  g_clear_object (&waiter);

  rows = query_history (history, vin);
  g_assert_cmpuint (count_readings (rows, CARPORT_READING_BATTERY_LEVEL, &level), >=, 1);
  g_assert_cmpfloat (level, ==, carport_simulator_get_battery_level (fixture->sim, vin));
  g_assert_cmpuint (count_readings (rows, CARPORT_READING_PLUG, &plug), ==, 2);
  g_assert_cmpfloat (plug, ==, CARPORT_PLUG_STATE_PLUGGED);
  g_assert_cmpuint (count_readings (rows, CARPORT_READING_LATITUDE, &level), ==, 1);
  g_assert_cmpuint (count_readings (rows, CARPORT_READING_ODOMETER, &level), ==, 1);

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  secrets = carport_simulator_dup_issued_secrets (fixture->sim);
  g_assert_cmpuint (g_strv_length (secrets), >=, 2);
  for (guint i = 0; secrets[i]; i++)
    g_assert_null (memmem (contents, length, secrets[i], strlen (secrets[i])));
  g_assert_null (memmem (contents, length, carport_simulator_get_demo_password (fixture->sim),
                        strlen (carport_simulator_get_demo_password (fixture->sim))));
}

static void
test_demo_session (void)
{
  GAsyncResult *waiter = NULL;
  g_autoptr(CarportSession) session = NULL;
  g_autoptr(GError) error = NULL;

  carport_demo_session_new_async (NULL, carport_test_result_cb, &waiter);
  session = carport_demo_session_new_finish (carport_test_wait_result (&waiter), &error);
  g_clear_object (&waiter);
  g_assert_no_error (error);
  g_assert_nonnull (carport_demo_session_get_simulator (session));
  g_assert_cmpint (carport_session_get_state (session), ==, CARPORT_SESSION_STATE_READY);
  g_assert_cmpuint (g_list_model_get_n_items (carport_session_get_vehicles (session)), >=, 6);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/session/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("login/discovers-every-car", test_login_discovers_every_car);
  ADD ("login/wrong-password", test_login_wrong_password);
  ADD ("login/emailed-code", test_login_with_emailed_code);
  ADD ("restore/nothing-stored", test_restore_without_login);
  ADD ("restore/no-login-traffic", test_restore_needs_no_login_traffic);
  ADD ("restore/expired-login-token", test_expired_login_token_logs_out);
  ADD ("refresh/bad-values-keep-last-good", test_bad_values_keep_last_good);
  ADD ("refresh/every-endpoint", test_refresh_reads_every_endpoint);
  ADD ("refresh/records", test_refresh_reads_records);
  ADD ("refresh/token-reused", test_token_is_reused);
  ADD ("refresh/token-reminted-early", test_expiring_jwt_is_reminted);
  ADD ("refresh/token-rejected-reminted", test_rejected_jwt_is_reminted);
  ADD ("refresh/concurrent", test_concurrent_refresh);
  ADD ("refresh/faults-keep-last-values", test_fault_keeps_last_values);
  ADD ("refresh/total-failure", test_total_failure_is_an_error);
  ADD ("refresh/quota-back-off", test_quota_backs_off);
  ADD ("refresh/unsupported-learnt", test_unsupported_is_learnt);
  ADD ("refresh/writes-history", test_refresh_writes_history);
  ADD ("refresh/fleet-reads-settings-when-due", test_fleet_refresh_reads_settings_when_due);
  ADD ("command/final-states", test_commands_reach_final_state);
  ADD ("command/climate-turns-on", test_climate_turns_on);
  ADD ("command/schedules", test_schedule_commands);
  ADD ("command/rejected-by-car", test_command_rejected_by_car);
  ADD ("command/http-errors", test_command_http_errors);
  ADD ("command/not-sent-twice", test_command_not_sent_twice);
  ADD ("command/times-out", test_command_times_out);
  ADD ("event/charge-complete", test_charge_complete_event);
  ADD ("logout/forgets", test_logout_forgets);
  g_test_add_func ("/session/demo", test_demo_session);

  return g_test_run ();
}
