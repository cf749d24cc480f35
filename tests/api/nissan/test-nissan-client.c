/* test-nissan-client.c — CarportNissanAuth and CarportNissanClient against a
 * test server on loopback that plays OneID (WSO2) and the Kamereon hosts.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "carport-brand.h"
#include "carport-nissan-auth.h"
#include "carport-nissan-client.h"
#include "carport-nissan-json.h"
#include "carport-nissan-trips.h"
#include "carport-test-loop.h"
#include "nissan-test-server.h"

#define LEAF  "SJNFAAZE1U0000001"
#define ARIYA "SJNFAAFE0U0000002"

typedef struct {
  NissanTestServer *ts;
  CarportHttp      *http;
  CarportNissanAuth *auth;
  CarportNissanClient *client;
} Fixture;

/* Every log line written while a test runs (to look for secrets). */
static GString *log_text;

static GLogWriterOutput
capture_writer (GLogLevelFlags   level,
                const GLogField *fields,
                gsize            n_fields,
                gpointer         user_data)
{
  for (gsize i = 0; i < n_fields; i++)
    if (g_str_equal (fields[i].key, "MESSAGE"))
      {
        g_string_append_len (log_text, fields[i].value, fields[i].length);
        g_string_append_c (log_text, '\n');
      }

  if (level & (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING | G_LOG_LEVEL_ERROR))
    return g_log_writer_default (level, fields, n_fields, user_data);

  return G_LOG_WRITER_HANDLED;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->ts = nissan_test_server_new ();
  f->http = carport_http_new ();
  f->auth = carport_nissan_auth_new (f->http, NULL, (const char * const *) f->ts->overrides, &error);
  g_assert_no_error (error);
  f->client = carport_nissan_client_new (f->auth, &error);
  g_assert_no_error (error);
  g_string_truncate (log_text, 0);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->client);
  g_assert_finalize_object (f->auth);
  g_clear_object (&f->http);
  nissan_test_server_free (f->ts);
}

static gboolean
login (Fixture     *f,
       const char  *password,
       GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  carport_auth_provider_login_async (CARPORT_AUTH_PROVIDER (f->auth), NTS_EMAIL, password, NULL,
                                     carport_test_result_cb, &result);
  return carport_auth_provider_login_finish (CARPORT_AUTH_PROVIDER (f->auth), carport_test_wait_result (&result),
                                             error);
}

static void
login_ok (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (login (f, NTS_PASSWORD, &error));
  g_assert_no_error (error);
}

static char *
get_token (Fixture  *f,
           GError  **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  carport_auth_provider_get_token_async (CARPORT_AUTH_PROVIDER (f->auth), NULL, carport_test_result_cb, &result);
  return carport_auth_provider_get_token_finish (CARPORT_AUTH_PROVIDER (f->auth), carport_test_wait_result (&result),
                                                 error);
}

static GPtrArray *
list_vehicles (Fixture  *f,
               GError  **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  carport_vehicle_client_list_vehicles_async (CARPORT_VEHICLE_CLIENT (f->client), NULL, carport_test_result_cb, &result);
  return carport_vehicle_client_list_vehicles_finish (CARPORT_VEHICLE_CLIENT (f->client),
                                                      carport_test_wait_result (&result), error);
}

static CarportVehicle *
vehicle_by_vin (GPtrArray  *vehicles,
                const char *vin)
{
  for (guint i = 0; i < vehicles->len; i++)
    if (g_str_equal (carport_vehicle_get_vin (g_ptr_array_index (vehicles, i)), vin))
      return g_ptr_array_index (vehicles, i);

  g_assert_not_reached ();
}

static gboolean
refresh (Fixture         *f,
         CarportVehicle  *vehicle,
         guint            mask,
         GError         **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  carport_vehicle_client_refresh_async (CARPORT_VEHICLE_CLIENT (f->client), vehicle, mask, NULL,
                                        carport_test_result_cb, &result);
  return carport_vehicle_client_refresh_finish (CARPORT_VEHICLE_CLIENT (f->client),
                                                carport_test_wait_result (&result), error);
}

static gboolean
send_command (Fixture         *f,
              CarportVehicle  *vehicle,
              CarportCommand  *command,
              GError         **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  carport_vehicle_client_send_command_async (CARPORT_VEHICLE_CLIENT (f->client), vehicle, command, NULL,
                                             carport_test_result_cb, &result);
  return carport_vehicle_client_send_command_finish (CARPORT_VEHICLE_CLIENT (f->client),
                                                     carport_test_wait_result (&result), error);
}

static CarportCommandState
poll_command (Fixture         *f,
              CarportVehicle  *vehicle,
              CarportCommand  *command,
              GError         **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  CarportCommandState state = CARPORT_COMMAND_STATE_NEW;

  carport_vehicle_client_poll_command_async (CARPORT_VEHICLE_CLIENT (f->client), vehicle, command, NULL,
                                             carport_test_result_cb, &result);
  carport_vehicle_client_poll_command_finish (CARPORT_VEHICLE_CLIENT (f->client),
                                              carport_test_wait_result (&result), &state, error);
  return state;
}

static void
route_leaf_reads (Fixture *f)
{
  nissan_test_server_route (f->ts, "GET", "/ca/v1/cars/" LEAF "/battery-status", 200, "@battery-status.v1.leaf.json");
  nissan_test_server_route (f->ts, "GET", "/ca/v1/cars/" LEAF "/cockpit", 200, "@cockpit.v1.json");
  nissan_test_server_route (f->ts, "GET", "/ca/v1/cars/" LEAF "/location", 200, "@location.json");
  nissan_test_server_route (f->ts, "GET", "/ca/v1/cars/" LEAF "/hvac-status", 200, "@hvac-status.json");
  nissan_test_server_route (f->ts, "GET", "/ca/v1/cars/" LEAF "/lock-status", 200, "@lock-status.json");
  /* One summary naming no period: the answer to both trip reads. */
  nissan_test_server_route (f->ts, "GET", "/ca/v1/cars/" LEAF "/trip-history", 200,
                            "{\"data\":{\"attributes\":{\"summaries\":[{\"tripsNumber\":4,\"distance\":50.5,"
                            "\"duration\":70,\"consumedElectricity\":8.1,\"consumedFuel\":0}]}}}");
}

/* The queries of the requests that came for @path. */
static GPtrArray *
queries_of (Fixture    *f,
            const char *path)
{
  GPtrArray *queries = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < f->ts->requests->len; i++)
    {
      NtsRequest *request = g_ptr_array_index (f->ts->requests, i);

      if (g_str_equal (request->path, path))
        g_ptr_array_add (queries, g_strdup (request->query));
    }
  return queries;
}

/* ------------------------------------------------------------------------ */
/* Login */

static void
test_login (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *secret = NULL;
  g_autofree char *token = NULL;
  g_autoptr(GError) error = NULL;
  NtsRequest *request;
  guint authorize_before;

  login_ok (f);
  secret = carport_auth_provider_dup_refresh_secret (CARPORT_AUTH_PROVIDER (f->auth));
  g_assert_cmpstr (secret, ==, f->ts->refresh_token);
  g_assert_false (carport_auth_provider_get_needs_code (CARPORT_AUTH_PROVIDER (f->auth)));

  token = get_token (f, &error);
  g_assert_no_error (error);
  g_assert_true (g_hash_table_contains (f->ts->valid_access, token));
  g_assert_cmpuint (f->ts->n_refresh, ==, 0);

  /* The id_token went raw, without "Bearer ". */
  request = nissan_test_server_last (f->ts, "/bff/v1/oauth2/access_token");
  g_assert_cmpstr (request->authorization, ==, f->ts->id_token);
  g_assert_cmpuint (f->ts->n_exchange, ==, 1);

  /* A second login starts with a fresh jar: no old cookie goes along. */
  authorize_before = nissan_test_server_hits (f->ts, "/oneid/oauth2/authorize");
  login_ok (f);
  g_assert_cmpuint (nissan_test_server_hits (f->ts, "/oneid/oauth2/authorize"), ==, authorize_before + 2);
  for (guint i = 0; i < f->ts->requests->len; i++)
    {
      NtsRequest *r = g_ptr_array_index (f->ts->requests, i);

      if (g_str_equal (r->path, "/oneid/oauth2/authorize") && r->query != NULL && strstr (r->query, "state=") != NULL)
        g_assert_null (r->cookie);
    }
}

static void
test_login_wrong_password (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *secret = NULL;

  /* 302 to login.do?authFailure=true, then the form. */
  g_assert_false (login (f, "wrong", &error));
  g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_INVALID_CREDENTIALS);
  g_assert_nonnull (strstr (error->message, "https://login.mynissan-account.com"));
  g_assert_cmpuint (nissan_test_server_hits (f->ts, "/oneid/authenticationendpoint/login.do"), ==, 2);
  g_clear_error (&error);

  /* 200 with the form again. */
  f->ts->wrong_password_mode = NTS_WRONG_PASSWORD_FORM;
  g_assert_false (login (f, "wrong", &error));
  g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_INVALID_CREDENTIALS);

  secret = carport_auth_provider_dup_refresh_secret (CARPORT_AUTH_PROVIDER (f->auth));
  g_assert_null (secret);
  g_assert_cmpuint (nissan_test_server_hits (f->ts, "/oneid/oauth2/token"), ==, 0);
}

static void
test_login_failures (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->ts->interstitial = TRUE;
  g_assert_false (login (f, NTS_PASSWORD, &error));
  g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "MyNISSAN app"));
  g_clear_error (&error);
  f->ts->interstitial = FALSE;

  f->ts->bad_state = TRUE;
  g_assert_false (login (f, NTS_PASSWORD, &error));
  g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_INVALID_RESPONSE);
  g_assert_cmpuint (nissan_test_server_hits (f->ts, "/oneid/oauth2/token"), ==, 0);
  g_clear_error (&error);
  f->ts->bad_state = FALSE;

  f->ts->token_error = TRUE;
  g_assert_false (login (f, NTS_PASSWORD, &error));
  g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "The authorization code has expired"));
  g_clear_error (&error);
  f->ts->token_error = FALSE;

  /* A redirect off the login origin is not followed. */
  f->ts->offsite = TRUE;
  g_assert_false (login (f, NTS_PASSWORD, &error));
  g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_INVALID_RESPONSE);
  g_assert_cmpuint (nissan_test_server_hits (f->ts, "/oneid/authenticationendpoint/login.do"), ==, 3);
  g_assert_null (carport_auth_provider_dup_refresh_secret (CARPORT_AUTH_PROVIDER (f->auth)));
}

static void
test_refresh (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *third = NULL;
  g_autofree char *old_secret = NULL;
  g_autofree char *new_secret = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *results[3] = { NULL, };

  login_ok (f);
  first = get_token (f, &error);
  old_secret = carport_auth_provider_dup_refresh_secret (CARPORT_AUTH_PROVIDER (f->auth));

  /* No new refresh token: the old one stays. Concurrent callers share one. */
  carport_auth_provider_invalidate_token (CARPORT_AUTH_PROVIDER (f->auth));
  g_assert_null (carport_auth_provider_dup_access_token (CARPORT_AUTH_PROVIDER (f->auth)));
  for (guint i = 0; i < G_N_ELEMENTS (results); i++)
    carport_auth_provider_get_token_async (CARPORT_AUTH_PROVIDER (f->auth), NULL, carport_test_result_cb, &results[i]);
  for (guint i = 0; i < G_N_ELEMENTS (results); i++)
    {
      g_autofree char *token = NULL;

      carport_test_wait_result (&results[i]);
      token = carport_auth_provider_get_token_finish (CARPORT_AUTH_PROVIDER (f->auth), results[i], &error);
      g_assert_no_error (error);
      if (second == NULL)
        second = g_strdup (token);
      g_assert_cmpstr (token, ==, second);
      g_clear_object (&results[i]);
    }
  g_assert_cmpstr (first, !=, second);
  g_assert_cmpuint (f->ts->n_refresh, ==, 1);
  new_secret = carport_auth_provider_dup_refresh_secret (CARPORT_AUTH_PROVIDER (f->auth));
  g_assert_cmpstr (new_secret, ==, old_secret);
  g_clear_pointer (&new_secret, g_free);

  /* A new refresh token replaces the kept one. */
  f->ts->rotate_refresh = TRUE;
  carport_auth_provider_invalidate_token (CARPORT_AUTH_PROVIDER (f->auth));
  third = get_token (f, &error);
  g_assert_no_error (error);
  new_secret = carport_auth_provider_dup_refresh_secret (CARPORT_AUTH_PROVIDER (f->auth));
  g_assert_cmpstr (new_secret, !=, old_secret);
  g_assert_cmpstr (new_secret, ==, f->ts->refresh_token);
}

static void
test_refresh_revoked (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;

  login_ok (f);
  f->ts->refuse_refresh = TRUE;
  carport_auth_provider_invalidate_token (CARPORT_AUTH_PROVIDER (f->auth));
  token = get_token (f, &error);
  g_assert_null (token);
  g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_LOGIN_EXPIRED);
  g_assert_null (carport_auth_provider_dup_refresh_secret (CARPORT_AUTH_PROVIDER (f->auth)));
  g_clear_error (&error);

  /* Without a refresh token, nothing is asked of the server. */
  token = get_token (f, &error);
  g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_LOGIN_EXPIRED);
  g_assert_cmpuint (f->ts->n_refresh, ==, 1);
}

/* A caller that gives up leaves at once; the others still share the one
 * renewal, and a token is renewed without asking who the user is. */
static void
test_refresh_cancelled_waiter (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) r1 = NULL;
  g_autoptr(GAsyncResult) r2 = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *t1 = NULL;
  g_autofree char *t2 = NULL;

  login_ok (f);
  carport_auth_provider_invalidate_token (CARPORT_AUTH_PROVIDER (f->auth));

  carport_auth_provider_get_token_async (CARPORT_AUTH_PROVIDER (f->auth), cancellable, carport_test_result_cb, &r1);
  carport_auth_provider_get_token_async (CARPORT_AUTH_PROVIDER (f->auth), NULL, carport_test_result_cb, &r2);
  g_cancellable_cancel (cancellable);

  t1 = carport_auth_provider_get_token_finish (CARPORT_AUTH_PROVIDER (f->auth), carport_test_wait_result (&r1), &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (t1);
  g_clear_error (&error);

  t2 = carport_auth_provider_get_token_finish (CARPORT_AUTH_PROVIDER (f->auth), carport_test_wait_result (&r2), &error);
  g_assert_no_error (error);
  g_assert_nonnull (t2);
  g_assert_cmpuint (f->ts->n_refresh, ==, 1);
  g_assert_cmpuint (nissan_test_server_hits (f->ts, "/ua/v1/users/current"), ==, 0);
}

static void
test_restore (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *secret = NULL;
  g_autofree char *access = NULL;
  g_autofree char *person = NULL;
  g_autoptr(CarportNissanAuth) again = NULL;
  g_autofree char *token = NULL;

  login_ok (f);
  {
    g_autoptr(GPtrArray) cars = list_vehicles (f, &error);

    g_assert_no_error (error);
    g_assert_nonnull (cars);
  }
  secret = carport_auth_provider_dup_refresh_secret (CARPORT_AUTH_PROVIDER (f->auth));
  access = carport_auth_provider_dup_access_token (CARPORT_AUTH_PROVIDER (f->auth));
  person = carport_auth_provider_dup_person_id (CARPORT_AUTH_PROVIDER (f->auth));
  g_assert_cmpstr (person, ==, NTS_USER_ID);

  /* The next start: keyring secret, then what spares requests. */
  again = carport_nissan_auth_new (f->http, NULL, (const char * const *) f->ts->overrides, &error);
  g_assert_no_error (error);
  carport_auth_provider_set_refresh_secret (CARPORT_AUTH_PROVIDER (again), secret);
  carport_auth_provider_restore_session (CARPORT_AUTH_PROVIDER (again), person, access);
  {
    g_autoptr(GAsyncResult) result = NULL;

    carport_auth_provider_get_token_async (CARPORT_AUTH_PROVIDER (again), NULL, carport_test_result_cb, &result);
    token = carport_auth_provider_get_token_finish (CARPORT_AUTH_PROVIDER (again), carport_test_wait_result (&result),
                                                    &error);
  }
  g_assert_cmpstr (token, ==, access);
  g_assert_cmpuint (f->ts->n_refresh, ==, 0);
}

/* ------------------------------------------------------------------------ */
/* Discovery and reads */

static void
test_discovery_and_reads (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cars = NULL;
  CarportVehicle *leaf;
  NtsRequest *request;

  login_ok (f);
  cars = list_vehicles (f, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cars->len, ==, 3);
  leaf = vehicle_by_vin (cars, LEAF);
  g_assert_cmpstr (carport_vehicle_get_account_id (leaf), ==, NTS_USER_ID);
  g_assert_cmpuint (nissan_test_server_hits (f->ts, "/ua/v1/users/current"), ==, 1);

  /* Every listed car takes 16–26 °C in whole degrees (§3.3). */
  for (guint i = 0; i < cars->len; i++)
    {
      CarportClimateRange range;

      carport_capabilities_get_climate_range (carport_vehicle_get_capabilities (g_ptr_array_index (cars, i)), &range);
      g_assert_cmpfloat (range.min_c, ==, 16.0);
      g_assert_cmpfloat (range.max_c, ==, 26.0);
      g_assert_cmpfloat (range.step_c, ==, 1.0);
    }

  route_leaf_reads (f);
  g_assert_true (refresh (f, leaf, G_MAXUINT, &error));
  g_assert_no_error (error);
  g_assert_cmpint (carport_battery_get_level_percent (carport_vehicle_get_battery (leaf)), ==, 80);
  g_assert_cmpfloat (carport_cockpit_get_mileage_km (carport_vehicle_get_cockpit (leaf)), ==, 24512.4);
  g_assert_cmpfloat (carport_location_get_latitude (carport_vehicle_get_location (leaf)), ==, 52.3702);
  g_assert_cmpint (carport_climate_get_state (carport_vehicle_get_climate (leaf)), ==, CARPORT_CLIMATE_STATE_ON);
  /* The climate's target, which only Nissan reports. */
  g_assert_cmpfloat (carport_climate_get_target_c (carport_vehicle_get_climate (leaf)), ==, 21.0);
  g_assert_cmpint (carport_locks_get_state (carport_vehicle_get_locks (leaf)), ==, CARPORT_LOCK_STATE_UNLOCKED);
  g_assert_false (carport_vehicle_get_has_errors (leaf));

  /* Trip history (235): this month so far and today, asked together. */
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    g_autofree char *month_query = carport_nissan_trips_query (CARPORT_TRIPS_PERIOD_MONTH, now);
    g_autofree char *day_query = carport_nissan_trips_query (CARPORT_TRIPS_PERIOD_TODAY, now);
    g_autoptr(GPtrArray) queries = queries_of (f, "/ca/v1/cars/" LEAF "/trip-history");
    CarportTripSummary month, today;

    g_assert_cmpuint (queries->len, ==, 2);
    g_assert_true (g_ptr_array_find_with_equal_func (queries, month_query, g_str_equal, NULL));
    g_assert_true (g_ptr_array_find_with_equal_func (queries, day_query, g_str_equal, NULL));
    carport_trips_get_summary (carport_vehicle_get_trips (leaf), CARPORT_TRIPS_PERIOD_MONTH, &month);
    carport_trips_get_summary (carport_vehicle_get_trips (leaf), CARPORT_TRIPS_PERIOD_TODAY, &today);
    g_assert_cmpint (month.trips, ==, 4);
    g_assert_cmpfloat (month.distance_km, ==, 50.5);
    g_assert_cmpfloat (month.electricity_kwh, ==, 8.1);
    g_assert_false (carport_is_known (month.fuel_litres));
    g_assert_cmpint (today.duration_minutes, ==, 70);
  }
  /* Not listed with 235 ACTIVATED: never asked. */
  g_assert_false (carport_vehicle_supports_endpoint (vehicle_by_vin (cars, ARIYA), CARPORT_ENDPOINT_TRIP_HISTORY));

  request = nissan_test_server_last (f->ts, "/ca/v1/cars/" LEAF "/battery-status");
  g_assert_true (g_str_has_prefix (request->authorization, "Bearer acc-"));
  g_assert_cmpstr (request->content_type, ==, "application/vnd.api+json");
  g_assert_cmpstr (request->accept, ==, "*/*");
  g_assert_null (request->body);
}

static void
test_versions (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cars = NULL;
  g_autoptr(CarportVehicle) restored = NULL;
  g_autoptr(CarportVehicle) unlisted = NULL;
  CarportVehicle *leaf;
  NtsRequest *request;

  login_ok (f);
  cars = list_vehicles (f, &error);
  g_assert_no_error (error);
  leaf = vehicle_by_vin (cars, LEAF);

  /* Leaf: v1 battery refused → v2; v1 cockpit 404 → v2; both remembered. */
  nissan_test_server_route (f->ts, "GET", "/ca/v1/cars/" LEAF "/battery-status", 501,
                            "{\"errors\":[{\"code\":\"501\",\"title\":\"Not supported Feature\"}]}");
  nissan_test_server_route (f->ts, "GET", "/ca/v2/cars/" LEAF "/battery-status", 200, "@battery-status.v2.flat.json");
  nissan_test_server_route (f->ts, "GET", "/ca/v2/cars/" LEAF "/cockpit", 200, "@cockpit.v1.json");
  g_assert_true (refresh (f, leaf, (1u << CARPORT_ENDPOINT_BATTERY_STATUS) | (1u << CARPORT_ENDPOINT_COCKPIT), &error));
  g_assert_no_error (error);
  g_assert_cmpint (carport_battery_get_level_percent (carport_vehicle_get_battery (leaf)), ==, 69);
  g_assert_cmpfloat (carport_cockpit_get_mileage_km (carport_vehicle_get_cockpit (leaf)), ==, 24512.4);
  g_assert_true (refresh (f, leaf, (1u << CARPORT_ENDPOINT_BATTERY_STATUS) | (1u << CARPORT_ENDPOINT_COCKPIT), &error));
  g_assert_cmpuint (nissan_test_server_hits (f->ts, "/ca/v1/cars/" LEAF "/battery-status"), ==, 1);
  g_assert_cmpuint (nissan_test_server_hits (f->ts, "/ca/v1/cars/" LEAF "/cockpit"), ==, 1);
  g_assert_cmpuint (nissan_test_server_hits (f->ts, "/ca/v2/cars/" LEAF "/battery-status"), ==, 2);

  /* Ariya: bff v3 with its CAN generation, also for a car restored from
   * the cache (a new object with the same VIN). */
  nissan_test_server_route (f->ts, "GET", "/bff/v3/cars/" ARIYA "/battery-status", 200, "@battery-status.v3.ariya.json");
  restored = carport_vehicle_new (ARIYA);
  carport_vehicle_set_supported_endpoints (restored, 1u << CARPORT_ENDPOINT_BATTERY_STATUS);
  g_assert_true (refresh (f, restored, G_MAXUINT, &error));
  g_assert_no_error (error);
  request = nissan_test_server_last (f->ts, "/bff/v3/cars/" ARIYA "/battery-status");
  g_assert_cmpstr (request->query, ==, "canGen=C1A");
  g_assert_cmpint (carport_battery_get_level_percent (carport_vehicle_get_battery (restored)), ==, 64);

  /* A car never listed: from its model name, canGen=None. */
  nissan_test_server_route (f->ts, "GET", "/bff/v3/cars/SJNMICRA000000009/battery-status", 200,
                            "@battery-status.v3.ariya.json");
  unlisted = carport_vehicle_new ("SJNMICRA000000009");
  carport_vehicle_set_model_name (unlisted, "Micra");
  carport_vehicle_set_supported_endpoints (unlisted, 1u << CARPORT_ENDPOINT_BATTERY_STATUS);
  g_assert_true (refresh (f, unlisted, G_MAXUINT, &error));
  request = nissan_test_server_last (f->ts, "/bff/v3/cars/SJNMICRA000000009/battery-status");
  g_assert_cmpstr (request->query, ==, "canGen=None");
}

static void
test_expired_token (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cars = NULL;
  CarportVehicle *leaf;

  login_ok (f);
  cars = list_vehicles (f, &error);
  leaf = vehicle_by_vin (cars, LEAF);
  route_leaf_reads (f);

  /* The server forgets the token: 401 → refresh → the same read again. */
  nissan_test_server_revoke (f->ts);
  g_assert_true (refresh (f, leaf, 1u << CARPORT_ENDPOINT_LOCATION, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f->ts->n_refresh, ==, 1);
  g_assert_cmpuint (nissan_test_server_hits (f->ts, "/ca/v1/cars/" LEAF "/location"), ==, 2);

  /* A revoked refresh token: LOGIN_EXPIRED. */
  nissan_test_server_revoke (f->ts);
  f->ts->refuse_refresh = TRUE;
  g_assert_false (refresh (f, leaf, 1u << CARPORT_ENDPOINT_LOCATION, &error));
  g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_LOGIN_EXPIRED);
}

static void
test_read_errors (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cars = NULL;
  CarportVehicle *leaf;

  login_ok (f);
  cars = list_vehicles (f, &error);
  leaf = vehicle_by_vin (cars, LEAF);
  route_leaf_reads (f);
  nissan_test_server_route (f->ts, "GET", "/ca/v1/cars/" LEAF "/location", 403,
                            "{\"errors\":[{\"code\":\"403009\",\"detail\":\"Privacy mode currently ON\"}]}");
  nissan_test_server_route (f->ts, "GET", "/ca/v1/cars/" LEAF "/lock-status", 404,
                            "{\"errors\":[{\"status\":\"Not Found\",\"code\":\"404\"}]}");
  nissan_test_server_route (f->ts, "GET", "/ca/v1/cars/" LEAF "/hvac-status", 200,
                            "{\"errors\":[{\"code\":\"502\"}]}");
  /* §3.2: an Ariya answered 400 to one builder's trip-history. */
  nissan_test_server_route (f->ts, "GET", "/ca/v1/cars/" LEAF "/trip-history", 400,
                            "{\"errors\":[{\"code\":\"400\",\"title\":\"Bad Request\"}]}");

  /* One failing read does not stop the others. */
  g_assert_true (refresh (f, leaf, G_MAXUINT, &error));
  g_assert_no_error (error);
  g_assert_nonnull (carport_vehicle_get_endpoint_error (leaf, CARPORT_ENDPOINT_LOCATION));
  g_assert_nonnull (carport_vehicle_get_endpoint_error (leaf, CARPORT_ENDPOINT_HVAC_STATUS));
  g_assert_false (carport_vehicle_supports_endpoint (leaf, CARPORT_ENDPOINT_LOCK_STATUS));
  g_assert_cmpint (carport_battery_get_level_percent (carport_vehicle_get_battery (leaf)), ==, 80);
  /* A refused trip read is an error of that endpoint; the car keeps it. */
  g_assert_nonnull (carport_vehicle_get_endpoint_error (leaf, CARPORT_ENDPOINT_TRIP_HISTORY));
  g_assert_true (carport_vehicle_supports_endpoint (leaf, CARPORT_ENDPOINT_TRIP_HISTORY));
  {
    CarportTripSummary month;

    carport_trips_get_summary (carport_vehicle_get_trips (leaf), CARPORT_TRIPS_PERIOD_MONTH, &month);
    g_assert_cmpint (month.trips, ==, -1);
  }
}

/* ------------------------------------------------------------------------ */
/* Commands */

static void
test_commands (Fixture       *f,
               gconstpointer  data)
{
  static const struct { CarportCommandKind kind; const char *action; const char *needle; } cases[] = {
    { CARPORT_COMMAND_KIND_REFRESH_BATTERY, "refresh-battery-status", "\"RefreshBatteryStatus\"" },
    { CARPORT_COMMAND_KIND_REFRESH_LOCATION, "refresh-location", "\"RefreshLocation\"" },
    { CARPORT_COMMAND_KIND_REFRESH_HVAC, "refresh-hvac-status", "\"RefreshHvacStatus\"" },
    { CARPORT_COMMAND_KIND_REFRESH_LOCKS, "refresh-lock-status", "\"RefreshLockStatus\"" },
    { CARPORT_COMMAND_KIND_HVAC_START, "hvac-start", "\"targetTemperature\":20" },
    { CARPORT_COMMAND_KIND_HVAC_STOP, "hvac-start", "\"action\":\"stop\"" },
    { CARPORT_COMMAND_KIND_CHARGE_START, "charging-start", "\"action\":\"start\"" },
    { CARPORT_COMMAND_KIND_HORN, "horn-lights", "\"horn_lights\"" },
    { CARPORT_COMMAND_KIND_LIGHTS, "horn-lights", "\"target\":\"lights\"" },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cars = NULL;
  CarportVehicle *leaf;

  login_ok (f);
  cars = list_vehicles (f, &error);
  leaf = vehicle_by_vin (cars, LEAF);

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(CarportCommand) command = carport_command_new (cases[i].kind, LEAF);
      g_autofree char *path = g_strdup_printf ("/ca/v1/cars/" LEAF "/actions/%s", cases[i].action);
      NtsRequest *request;

      carport_command_set_temperature_c (command, 19.6);
      g_assert_true (send_command (f, leaf, command, &error));
      g_assert_no_error (error);
      g_assert_cmpint (carport_command_get_state (command), ==, CARPORT_COMMAND_STATE_PENDING);
      g_assert_true (g_str_has_prefix (carport_command_get_server_id (command), "act-"));
      request = nissan_test_server_last (f->ts, path);
      g_assert_nonnull (request);
      g_assert_nonnull (strstr (request->body, cases[i].needle));
    }

  /* A planned climate start ("ready at") carries its time; cancelling it
   * is "cancel" (deletes the plan), not "stop". */
  {
    g_autoptr(CarportCommand) planned = carport_command_new (CARPORT_COMMAND_KIND_HVAC_START, LEAF);
    g_autoptr(CarportCommand) cancel = carport_command_new (CARPORT_COMMAND_KIND_HVAC_STOP, LEAF);
    g_autoptr(GDateTime) ready = g_date_time_new_utc (2099, 1, 2, 7, 30, 0);
    NtsRequest *request;

    carport_command_set_start_at (planned, ready);
    g_assert_true (send_command (f, leaf, planned, &error));
    g_assert_no_error (error);
    request = nissan_test_server_last (f->ts, "/ca/v1/cars/" LEAF "/actions/hvac-start");
    g_assert_nonnull (strstr (request->body, "\"startDateTime\":\"2099-01-02T07:30:00Z\""));

    carport_command_set_start_at (cancel, ready);
    g_assert_true (send_command (f, leaf, cancel, &error));
    g_assert_no_error (error);
    request = nissan_test_server_last (f->ts, "/ca/v1/cars/" LEAF "/actions/hvac-start");
    g_assert_nonnull (strstr (request->body, "\"action\":\"cancel\""));
  }
}

static void
test_command_refusals (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cars = NULL;
  g_autoptr(CarportCommand) hot = carport_command_new (CARPORT_COMMAND_KIND_HVAC_START, LEAF);
  g_autoptr(CarportCommand) stop = carport_command_new (CARPORT_COMMAND_KIND_CHARGE_STOP, LEAF);
  g_autoptr(CarportCommand) no_id = carport_command_new (CARPORT_COMMAND_KIND_HORN, LEAF);
  CarportVehicle *leaf;
  guint before;

  login_ok (f);
  cars = list_vehicles (f, &error);
  leaf = vehicle_by_vin (cars, LEAF);
  before = f->ts->requests->len;

  carport_command_set_temperature_c (hot, 30);
  g_assert_false (send_command (f, leaf, hot, &error));
  g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_INVALID_INPUT);
  g_assert_cmpint (carport_command_get_state (hot), ==, CARPORT_COMMAND_STATE_FAILED);
  /* The message names the car's range. */
  g_assert_nonnull (strstr (error->message, "16 °C"));
  g_assert_nonnull (strstr (error->message, "26 °C"));
  g_assert_cmpstr (carport_command_get_message (hot), ==, error->message);
  g_clear_error (&error);

  /* The car's own range decides, before anything is sent. */
  {
    g_autoptr(CarportCommand) warm = carport_command_new (CARPORT_COMMAND_KIND_HVAC_START, LEAF);
    const CarportClimateRange narrow = { 18.0, 22.0, 1.0 };

    carport_capabilities_set_climate_range (carport_vehicle_get_capabilities (leaf), &narrow);
    carport_command_set_temperature_c (warm, 24);
    g_assert_false (send_command (f, leaf, warm, &error));
    g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_INVALID_INPUT);
    g_assert_nonnull (strstr (error->message, "18 °C"));
    g_assert_nonnull (strstr (error->message, "22 °C"));
    g_clear_error (&error);
  }

  /* charging-start takes no start time: a delayed charge is refused with
   * the car's capability, before anything is sent. */
  {
    g_autoptr(CarportCommand) later = carport_command_new (CARPORT_COMMAND_KIND_CHARGE_START, LEAF);
    g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
    g_autoptr(GDateTime) tonight = g_date_time_add_hours (now, 3);

    g_assert_false (carport_capabilities_get_charge_start_time (carport_vehicle_get_capabilities (leaf)));
    carport_command_set_start_at (later, tonight);
    g_assert_false (send_command (f, leaf, later, &error));
    g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_INVALID_INPUT);
    g_assert_cmpstr (error->message, ==, "This car can only start charging now.");
    g_clear_error (&error);
  }

  /* 303 is not ACTIVATED on this Leaf. */
  g_assert_false (send_command (f, leaf, stop, &error));
  g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_NOT_SUPPORTED);
  g_clear_error (&error);
  g_assert_cmpuint (f->ts->requests->len, ==, before);

  /* Accepted without an id is not "done". */
  nissan_test_server_route (f->ts, "POST", "/ca/v1/cars/" LEAF "/actions/horn-lights", 200,
                            "{\"data\":{\"type\":\"HornLights\"}}");
  g_assert_false (send_command (f, leaf, no_id, &error));
  g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_INVALID_RESPONSE);
  g_assert_cmpint (carport_command_get_state (no_id), ==, CARPORT_COMMAND_STATE_FAILED);
}

static void
test_poll (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cars = NULL;
  g_autoptr(CarportCommand) command = carport_command_new (CARPORT_COMMAND_KIND_CHARGE_START, LEAF);
  CarportVehicle *leaf;
  NtsRequest *request;

  login_ok (f);
  cars = list_vehicles (f, &error);
  leaf = vehicle_by_vin (cars, LEAF);
  g_assert_true (send_command (f, leaf, command, &error));

  /* Not indexed yet: pending. */
  g_assert_cmpint (poll_command (f, leaf, command, &error), ==, CARPORT_COMMAND_STATE_PENDING);
  g_assert_no_error (error);
  request = nissan_test_server_last (f->ts, "/as/v1/cars/" LEAF "/actions/status");
  g_assert_cmpstr (request->query, ==, "actionId=act-1");

  nissan_test_server_route (f->ts, "GET", "/as/v1/cars/" LEAF "/actions/status", 200,
                            "{\"data\":{\"attributes\":{\"status\":\"PENDING\"}}}");
  g_assert_cmpint (poll_command (f, leaf, command, &error), ==, CARPORT_COMMAND_STATE_PENDING);

  nissan_test_server_route (f->ts, "GET", "/as/v1/cars/" LEAF "/actions/status", 200, "@action-status.completed.json");
  g_assert_cmpint (poll_command (f, leaf, command, &error), ==, CARPORT_COMMAND_STATE_COMPLETED);
  g_assert_cmpint (carport_command_get_state (command), ==, CARPORT_COMMAND_STATE_COMPLETED);

  nissan_test_server_route (f->ts, "GET", "/as/v1/cars/" LEAF "/actions/status", 200,
                            "{\"data\":{\"attributes\":{\"status\":\"REJECTED\",\"errorCode\":\"12\"}}}");
  g_assert_cmpint (poll_command (f, leaf, command, &error), ==, CARPORT_COMMAND_STATE_FAILED);
  g_assert_nonnull (strstr (carport_command_get_message (command), "rejected"));
}

static void
test_poll_by_reading (Fixture       *f,
                      gconstpointer  data)
{
  const char *closed[] = { NULL, NULL, NULL, NULL, NULL, "CARPORT_NISSAN_ACTION_STATUS_URL=http://127.0.0.1:1/as/", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cars = NULL;
  g_autoptr(CarportCommand) hvac = carport_command_new (CARPORT_COMMAND_KIND_HVAC_START, LEAF);
  g_autoptr(CarportCommand) locate = carport_command_new (CARPORT_COMMAND_KIND_REFRESH_LOCATION, LEAF);
  g_autoptr(CarportCommand) horn = carport_command_new (CARPORT_COMMAND_KIND_HORN, LEAF);
  CarportVehicle *leaf;

  /* The action-status host does not answer (a closed port). */
  for (guint i = 0; i < 4; i++)
    closed[i] = f->ts->overrides[i];
  g_clear_object (&f->client);
  g_clear_object (&f->auth);
  f->auth = carport_nissan_auth_new (f->http, NULL, closed, &error);
  g_assert_no_error (error);
  f->client = carport_nissan_client_new (f->auth, &error);

  login_ok (f);
  cars = list_vehicles (f, &error);
  leaf = vehicle_by_vin (cars, LEAF);
  route_leaf_reads (f);

  /* hvac-status says "on": done. */
  g_assert_true (send_command (f, leaf, hvac, &error));
  g_assert_cmpint (poll_command (f, leaf, hvac, &error), ==, CARPORT_COMMAND_STATE_COMPLETED);
  g_assert_no_error (error);

  /* The location's time is older than the command: not yet. */
  g_assert_true (send_command (f, leaf, locate, &error));
  g_assert_cmpint (poll_command (f, leaf, locate, &error), ==, CARPORT_COMMAND_STATE_PENDING);
  nissan_test_server_route (f->ts, "GET", "/ca/v1/cars/" LEAF "/location", 200,
                            "{\"data\":{\"attributes\":{\"gpsLatitude\":1,\"gpsLongitude\":2,"
                            "\"lastUpdateTime\":\"2099-01-01T00:00:00Z\"}}}");
  g_assert_cmpint (poll_command (f, leaf, locate, &error), ==, CARPORT_COMMAND_STATE_COMPLETED);

  g_assert_true (send_command (f, leaf, horn, &error));
  g_assert_cmpint (poll_command (f, leaf, horn, &error), ==, CARPORT_COMMAND_STATE_COMPLETED);
}

static void
test_no_secrets_logged (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cars = NULL;
  g_autofree char *token = NULL;
  g_autofree char *secret = NULL;

  login_ok (f);
  cars = list_vehicles (f, &error);
  route_leaf_reads (f);
  g_assert_true (refresh (f, vehicle_by_vin (cars, LEAF), G_MAXUINT, &error));
  carport_auth_provider_invalidate_token (CARPORT_AUTH_PROVIDER (f->auth));
  token = get_token (f, &error);
  secret = carport_auth_provider_dup_refresh_secret (CARPORT_AUTH_PROVIDER (f->auth));

  g_assert_cmpuint (log_text->len, >, 0);  /* G_MESSAGES_DEBUG=all is on */
  g_assert_null (strstr (log_text->str, NTS_PASSWORD));
  g_assert_null (strstr (log_text->str, "Pa55"));
  g_assert_null (strstr (log_text->str, token));
  g_assert_null (strstr (log_text->str, secret));
  g_assert_null (strstr (log_text->str, f->ts->id_token));
  g_assert_null (strstr (log_text->str, f->ts->code));
  g_assert_null (strstr (log_text->str, f->ts->verifier_seen));
  g_assert_null (strstr (log_text->str, "acc-"));
}

static void
test_brand_row (void)
{
  const CarportBrandInfo *info = carport_brand_lookup ("nissan");
  g_autoptr(NissanTestServer) ts = nissan_test_server_new ();
  g_autoptr(CarportHttp) http = carport_http_new ();
  g_autoptr(CarportVehicleClient) client = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (info);
  g_assert_cmpint (info->brand, ==, CARPORT_BRAND_NISSAN);
  client = info->create_client (http, info->default_locale, (const char * const *) ts->overrides, &error);
  g_assert_no_error (error);
  g_assert_true (CARPORT_IS_NISSAN_CLIENT (client));
  g_assert_true (info->is_loopback (client));
}

int
main (int argc, char *argv[])
{
  g_setenv ("G_MESSAGES_DEBUG", "all", TRUE);
  g_test_init (&argc, &argv, NULL);
  log_text = g_string_new (NULL);
  g_log_set_writer_func (capture_writer, NULL, NULL);

#define ADD(name, func) g_test_add ("/nissan-client/" name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("login", test_login);
  ADD ("login-wrong-password", test_login_wrong_password);
  ADD ("login-failures", test_login_failures);
  ADD ("refresh", test_refresh);
  ADD ("refresh-revoked", test_refresh_revoked);
  ADD ("refresh-cancelled-waiter", test_refresh_cancelled_waiter);
  ADD ("restore", test_restore);
  ADD ("discovery-and-reads", test_discovery_and_reads);
  ADD ("versions", test_versions);
  ADD ("expired-token", test_expired_token);
  ADD ("read-errors", test_read_errors);
  ADD ("commands", test_commands);
  ADD ("command-refusals", test_command_refusals);
  ADD ("poll", test_poll);
  ADD ("poll-by-reading", test_poll_by_reading);
  ADD ("no-secrets-logged", test_no_secrets_logged);
#undef ADD
  g_test_add_func ("/nissan-client/brand-row", test_brand_row);

  return g_test_run ();
}
