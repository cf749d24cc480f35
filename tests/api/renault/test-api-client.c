/* test-api-client.c — CarportRenaultClient (discovery, refresh, commands,
 * history) against an in-process server over loopback HTTP. */
#include "config.h"

#include <string.h>

#include "renault-test-util.h"

/* ------------------------------------------------------------------------ */
/* Kamereon: token rejection */

static void
test_unauthorized_retry (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(CarportVehicle) vehicle = make_vehicle (VIN1, "X102VE");
  g_autoptr(GError) error = NULL;
  g_autofree char *path = endpoint_path ("X102VE", CARPORT_ENDPOINT_COCKPIT, VIN1);
  g_autofree char *body = endpoint_body (CARPORT_ENDPOINT_COCKPIT, 0, 4321.5);
  gboolean with_code = GPOINTER_TO_INT (data);

  f->ts->reject_with_code = with_code;
  test_server_route (f->ts, "GET", path, 200, body, 0);
  login (f);

  g_assert_true (refresh (f, vehicle, 1u << CARPORT_ENDPOINT_COCKPIT, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f->ts->n_jwt, ==, 1);

  /* The server stops accepting the JWT: one re-mint, one retry. */
  test_server_revoke_jwts (f->ts);
  g_assert_true (refresh (f, vehicle, 1u << CARPORT_ENDPOINT_COCKPIT, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f->ts->n_jwt, ==, 2);
  g_assert_cmpuint (khits (f->ts, path), ==, 3);
  g_assert_cmpfloat_with_epsilon (carport_cockpit_get_mileage_km (carport_vehicle_get_cockpit (vehicle)),
                                  4321.5, 0.01);
}

static void
test_unauthorized_twice (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(CarportVehicle) vehicle = make_vehicle (VIN1, "X102VE");
  g_autoptr(GError) error = NULL;
  g_autofree char *path = endpoint_path ("X102VE", CARPORT_ENDPOINT_COCKPIT, VIN1);
  g_autofree char *body = endpoint_body (CARPORT_ENDPOINT_COCKPIT, 0, 1.0);

  test_server_route (f->ts, "GET", path, 200, body, 0);
  login (f);
  f->ts->reject_always = TRUE;

  g_assert_false (refresh (f, vehicle, 1u << CARPORT_ENDPOINT_COCKPIT, &error));
  g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_UNAUTHORIZED);
  /* One try, one re-mint, one retry: no loop. */
  g_assert_cmpuint (khits (f->ts, path), ==, 2);
  g_assert_cmpuint (f->ts->n_jwt, ==, 2);
}

static void
test_unauthorized_concurrent (Fixture       *f,
                              gconstpointer  data)
{
  const char *model = "ZZ999VE";
  g_autoptr(CarportVehicle) vehicle = make_vehicle (VIN1, model);
  g_autoptr(GError) error = NULL;
  guint n;

  n = route_all_endpoints (f->ts, model, 0, 50, 10.0);
  login (f);

  g_assert_true (refresh (f, vehicle, G_MAXUINT, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f->ts->n_jwt, ==, 1);

  /* Every endpoint is refused at once: still a single re-mint. */
  test_server_revoke_jwts (f->ts);
  g_assert_true (refresh (f, vehicle, G_MAXUINT, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f->ts->n_jwt, ==, 2);
  for (guint e = 0; e < CARPORT_N_ENDPOINTS; e++)
    g_assert_null (carport_vehicle_get_endpoint_error (vehicle, e));
  g_assert_cmpuint (n, >, 5);
}

/* ------------------------------------------------------------------------ */
/* Discovery */

static void
test_discovery (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) vehicles = NULL;
  g_autoptr(GError) error = NULL;
  CarportVehicle *first;
  CarportVehicle *second;

  test_server_route (f->ts, "GET", "/commerce/v1/persons/" TS_PERSON_ID, 200,
                     "{\"personId\":\"" TS_PERSON_ID "\",\"type\":\"I\",\"country\":\"FR\","
                     "\"accounts\":[{\"accountId\":\"acc-sfdc\",\"accountType\":\"SFDC\",\"accountStatus\":\"ACTIVE\","
                     "\"country\":\"FR\",\"personId\":\"" TS_PERSON_ID "\",\"relationType\":\"OWNER\"},"
                     "{\"accountId\":\"" ACCOUNT "\",\"accountType\":\"MYDACIA\",\"accountStatus\":\"ACTIVE\","
                     "\"country\":\"FR\",\"personId\":\"" TS_PERSON_ID "\",\"relationType\":\"OWNER\"}],"
                     "\"locale\":\"fr-FR\"}", 0);
  test_server_route (f->ts, "GET", "/commerce/v1/accounts/acc-sfdc/vehicles", 200,
                     "{\"accountId\":\"acc-sfdc\",\"country\":\"FR\",\"vehicleLinks\":[]}", 0);
  test_server_route (f->ts, "GET", "/commerce/v1/accounts/" ACCOUNT "/vehicles", 200,
                     "{\"accountId\":\"" ACCOUNT "\",\"country\":\"FR\",\"vehicleLinks\":["
                     "{\"brand\":\"RENAULT\",\"vin\":\"" VIN1 "\",\"status\":\"ACTIVE\",\"linkType\":\"OWNER\","
                     "\"vehicleDetails\":{\"vin\":\"" VIN1 "\",\"registrationNumber\":\"AB-123-CD\","
                     "\"brand\":{\"label\":\"RENAULT\"},\"model\":{\"code\":\"X102VE\",\"label\":\"ZOE\",\"group\":\"971\"},"
                     "\"energy\":{\"code\":\"ELEC\",\"label\":\"ELECTRIQUE\",\"group\":\"019\"},\"engineEnergyType\":\"ELEC\"}},"
                     "{\"brand\":\"RENAULT\",\"vin\":\"" VIN2 "\",\"status\":\"ACTIVE\",\"linkType\":\"OWNER\"}]}", 0);
  test_server_route (f->ts, "GET", "/commerce/v1/accounts/" ACCOUNT "/vehicles/" VIN2 "/details", 200,
                     "{\"vin\":\"" VIN2 "\",\"registrationNumber\":\"EF-456-GH\",\"brand\":{\"label\":\"RENAULT\"},"
                     "\"model\":{\"code\":\"R5E1VE\",\"label\":\"R5 E-TECH\",\"group\":\"971\"},"
                     "\"energy\":{\"code\":\"ELEC\",\"label\":\"ELECTRIQUE\",\"group\":\"019\"},\"engineEnergyType\":\"ELEC\"}", 0);
  login (f);

  carport_vehicle_client_list_vehicles_async (CARPORT_VEHICLE_CLIENT (f->client), NULL, carport_test_result_cb, &result);
  vehicles = carport_vehicle_client_list_vehicles_finish (CARPORT_VEHICLE_CLIENT (f->client), carport_test_wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (vehicles);
  g_assert_cmpuint (vehicles->len, ==, 2);

  first = g_ptr_array_index (vehicles, 0);
  second = g_ptr_array_index (vehicles, 1);
  g_assert_cmpstr (carport_vehicle_get_vin (first), ==, VIN1);
  g_assert_cmpstr (carport_vehicle_get_model_code (first), ==, "X102VE");
  g_assert_cmpstr (carport_vehicle_get_account_id (first), ==, ACCOUNT);
  g_assert_cmpuint (carport_vehicle_get_supported_endpoints (first), ==,
                    carport_renault_model_supported_endpoints ("X102VE"));
  g_assert_cmpuint (carport_vehicle_get_supported_commands (first), ==,
                    carport_renault_model_supported_commands ("X102VE"));

  g_assert_cmpstr (carport_vehicle_get_vin (second), ==, VIN2);
  g_assert_cmpstr (carport_vehicle_get_model_code (second), ==, "R5E1VE");
  g_assert_cmpstr (carport_vehicle_get_registration (second), ==, "EF-456-GH");
  g_assert_cmpstr (carport_vehicle_get_account_id (second), ==, ACCOUNT);
  g_assert_cmpuint (carport_vehicle_get_supported_endpoints (second), ==,
                    carport_renault_model_supported_endpoints ("R5E1VE"));

  /* Both take 15–25 °C in 0.5 steps (§c.4), from the model table. */
  for (guint i = 0; i < vehicles->len; i++)
    {
      CarportClimateRange range;

      carport_capabilities_get_climate_range (carport_vehicle_get_capabilities (g_ptr_array_index (vehicles, i)), &range);
      g_assert_cmpfloat (range.min_c, ==, 15.0);
      g_assert_cmpfloat (range.max_c, ==, 25.0);
      g_assert_cmpfloat (range.step_c, ==, 0.5);
    }

  /* Details only for the link without vehicleDetails; the SFDC account was asked and skipped. */
  g_assert_cmpuint (khits (f->ts, "/commerce/v1/accounts/" ACCOUNT "/vehicles/" VIN2 "/details"), ==, 1);
  g_assert_cmpuint (khits (f->ts, "/commerce/v1/accounts/" ACCOUNT "/vehicles/" VIN1 "/details"), ==, 0);
  g_assert_cmpuint (khits (f->ts, "/commerce/v1/accounts/acc-sfdc/vehicles"), ==, 1);
}

static void
test_discovery_no_vehicles (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) vehicles = NULL;
  g_autoptr(GError) error = NULL;

  test_server_route (f->ts, "GET", "/commerce/v1/persons/" TS_PERSON_ID, 200,
                     "{\"personId\":\"" TS_PERSON_ID "\",\"accounts\":["
                     "{\"accountId\":\"acc-sfdc\",\"accountType\":\"SFDC\",\"accountStatus\":\"ACTIVE\"},"
                     "{\"accountId\":\"acc-x\",\"accountType\":\"MYRENAULT\",\"accountStatus\":\"ACTIVE\"}]}", 0);
  test_server_route (f->ts, "GET", "/commerce/v1/accounts/acc-sfdc/vehicles", 200,
                     "{\"accountId\":\"acc-sfdc\",\"vehicleLinks\":[]}", 0);
  test_server_route (f->ts, "GET", "/commerce/v1/accounts/acc-x/vehicles", 403, forbidden_body, 0);
  login (f);

  carport_vehicle_client_list_vehicles_async (CARPORT_VEHICLE_CLIENT (f->client), NULL, carport_test_result_cb, &result);
  vehicles = carport_vehicle_client_list_vehicles_finish (CARPORT_VEHICLE_CLIENT (f->client), carport_test_wait_result (&result), &error);
  g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_NO_VEHICLES);
  g_assert_null (vehicles);
}

/* ------------------------------------------------------------------------ */
/* Refresh */

static void
test_refresh_concurrent (Fixture       *f,
                         gconstpointer  data)
{
  const char *model = data;
  g_autoptr(CarportVehicle) vehicle = make_vehicle (VIN1, model);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  guint n_routed;
  guint refreshing_changes = 0;
  guint before;

  /* Long enough for every request to be under way, even under a sanitizer. */
  n_routed = route_all_endpoints (f->ts, model, 1000, 62, 12345.6);
  g_assert_cmpuint (n_routed, >=, 3);
  login (f);

  g_signal_connect (vehicle, "notify::refreshing", G_CALLBACK (notify_count_cb), &refreshing_changes);
  before = carport_http_get_request_count (f->http);

  carport_vehicle_client_refresh_async (CARPORT_VEHICLE_CLIENT (f->client), vehicle, G_MAXUINT, NULL, carport_test_result_cb, &result);
  g_assert_true (carport_vehicle_get_refreshing (vehicle));
  g_assert_true (carport_vehicle_client_refresh_finish (CARPORT_VEHICLE_CLIENT (f->client), carport_test_wait_result (&result), &error));
  g_assert_no_error (error);
  g_assert_false (carport_vehicle_get_refreshing (vehicle));
  g_assert_cmpuint (refreshing_changes, ==, 2);

  /* Every endpoint was in flight at the same time, and only one JWT was minted. */
  g_assert_cmpuint (f->ts->max_in_flight, ==, n_routed);
  g_assert_cmpuint (f->ts->n_jwt, ==, 1);
  g_assert_cmpuint (carport_http_get_request_count (f->http) - before, ==, n_routed + 2);

  for (guint e = 0; e < CARPORT_N_ENDPOINTS; e++)
    g_assert_null (carport_vehicle_get_endpoint_error (vehicle, e));
  g_assert_null (carport_vehicle_get_last_error (vehicle));

  if (carport_vehicle_supports_endpoint (vehicle, CARPORT_ENDPOINT_BATTERY_STATUS))
    g_assert_cmpint (carport_battery_get_level_percent (carport_vehicle_get_battery (vehicle)), ==, 62);
  if (carport_vehicle_supports_endpoint (vehicle, CARPORT_ENDPOINT_COCKPIT))
    g_assert_cmpfloat_with_epsilon (carport_cockpit_get_mileage_km (carport_vehicle_get_cockpit (vehicle)),
                                    12345.6, 0.01);

  g_signal_handlers_disconnect_by_data (vehicle, &refreshing_changes);
}

static void
test_refresh_kcm_paths (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(CarportVehicle) vehicle = make_vehicle (VIN1, "R5E1VE");
  g_autoptr(GError) error = NULL;
  gboolean saw_kcm = FALSE;

  route_all_endpoints (f->ts, "R5E1VE", 0, 50, 100.0);
  login (f);

  g_assert_true (refresh (f, vehicle, G_MAXUINT, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < f->ts->requests->len; i++)
    {
      TsRequest *request = g_ptr_array_index (f->ts->requests, i);

      if (strstr (request->path, "/kamereon/kcm/v1/vehicles/" VIN1 "/") != NULL)
        saw_kcm = TRUE;
      /* Nothing the table marks unsupported for an R5 was asked (its
       * lock-status is read: it takes remote lock). */
      g_assert_null (strstr (request->path, "/res-state"));
      g_assert_null (strstr (request->path, "/charge-mode"));
    }
  g_assert_true (saw_kcm);
}

static void
test_refresh_unsupported (Fixture       *f,
                          gconstpointer  data)
{
  const char *model = "ZZ999VE";  /* unknown: the defaults, lock-status included */
  g_autoptr(CarportVehicle) vehicle = make_vehicle (VIN1, model);
  g_autoptr(GError) error = NULL;
  g_autofree char *lock_path = endpoint_path (model, CARPORT_ENDPOINT_LOCK_STATUS, VIN1);
  guint mask = (1u << CARPORT_ENDPOINT_LOCK_STATUS) | (1u << CARPORT_ENDPOINT_COCKPIT);

  g_assert_nonnull (lock_path);
  g_assert_true (carport_vehicle_supports_endpoint (vehicle, CARPORT_ENDPOINT_LOCK_STATUS));

  route_all_endpoints (f->ts, model, 0, 50, 100.0);
  test_server_route (f->ts, "GET", lock_path, 404, not_found_body, 0);
  login (f);

  /* One "not found" is asked again; the second is believed. */
  g_assert_true (refresh (f, vehicle, mask, &error));
  g_assert_no_error (error);
  g_assert_false (carport_vehicle_supports_endpoint (vehicle, CARPORT_ENDPOINT_LOCK_STATUS));
  g_assert_null (carport_vehicle_get_endpoint_error (vehicle, CARPORT_ENDPOINT_LOCK_STATUS));
  g_assert_cmpuint (khits (f->ts, lock_path), ==, 2);

  g_assert_true (refresh (f, vehicle, mask, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (khits (f->ts, lock_path), ==, 2);

  /* A day later it is asked again, and data brings it back. */
  g_object_set (vehicle, "learned-at",
                (gint64) (g_get_real_time () / G_USEC_PER_SEC - CARPORT_VEHICLE_LEARNED_SECONDS - 1), NULL);
  route_all_endpoints (f->ts, model, 0, 50, 100.0);
  g_assert_true (refresh (f, vehicle, mask, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (khits (f->ts, lock_path), ==, 3);
  g_assert_true (carport_vehicle_supports_endpoint (vehicle, CARPORT_ENDPOINT_LOCK_STATUS));
}

/* An endpoint that has answered with data is never hidden by a later
 * "not found": the answer is an error shown on its card, the values stay. */
static void
test_refresh_unsupported_after_data (Fixture       *f,
                                     gconstpointer  data)
{
  const char *model = "ZZ999VE";
  g_autoptr(CarportVehicle) vehicle = make_vehicle (VIN1, model);
  g_autoptr(GError) error = NULL;
  g_autofree char *lock_path = endpoint_path (model, CARPORT_ENDPOINT_LOCK_STATUS, VIN1);
  guint mask = (1u << CARPORT_ENDPOINT_LOCK_STATUS) | (1u << CARPORT_ENDPOINT_COCKPIT);
  CarportLockState locked;

  route_all_endpoints (f->ts, model, 0, 50, 100.0);
  login (f);
  g_assert_true (refresh (f, vehicle, mask, &error));
  g_assert_no_error (error);
  locked = carport_locks_get_state (carport_vehicle_get_locks (vehicle));
  g_assert_cmpint (locked, !=, CARPORT_LOCK_STATE_NONE);

  test_server_route (f->ts, "GET", lock_path, 404, not_found_body, 0);
  g_assert_true (refresh (f, vehicle, mask, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (khits (f->ts, lock_path), ==, 3);
  g_assert_true (carport_vehicle_supports_endpoint (vehicle, CARPORT_ENDPOINT_LOCK_STATUS));
  g_assert_nonnull (carport_vehicle_get_endpoint_error (vehicle, CARPORT_ENDPOINT_LOCK_STATUS));
  g_assert_cmpint (carport_locks_get_state (carport_vehicle_get_locks (vehicle)), ==, locked);
}

static void
test_refresh_partial_error (Fixture       *f,
                            gconstpointer  data)
{
  const char *model = "X102VE";
  g_autoptr(CarportVehicle) vehicle = make_vehicle (VIN1, model);
  g_autoptr(GError) error = NULL;
  g_autofree char *battery_path = endpoint_path (model, CARPORT_ENDPOINT_BATTERY_STATUS, VIN1);
  g_autofree char *battery_body = endpoint_body (CARPORT_ENDPOINT_BATTERY_STATUS, 40, 0);

  route_all_endpoints (f->ts, model, 0, 62, 1000.0);
  login (f);

  g_assert_true (refresh (f, vehicle, G_MAXUINT, &error));
  g_assert_no_error (error);
  g_assert_cmpint (carport_battery_get_level_percent (carport_vehicle_get_battery (vehicle)), ==, 62);

  /* The battery endpoint breaks; the others move on. */
  test_server_route (f->ts, "GET", battery_path, 500, upstream_body, 0);
  route_all_endpoints (f->ts, model, 0, 62, 2000.0);
  test_server_route (f->ts, "GET", battery_path, 500, upstream_body, 0);

  g_assert_true (refresh (f, vehicle, G_MAXUINT, &error));
  g_assert_no_error (error);
  g_assert_cmpint (carport_battery_get_level_percent (carport_vehicle_get_battery (vehicle)), ==, 62);
  g_assert_nonnull (carport_vehicle_get_endpoint_error (vehicle, CARPORT_ENDPOINT_BATTERY_STATUS));
  g_assert_true (carport_vehicle_supports_endpoint (vehicle, CARPORT_ENDPOINT_BATTERY_STATUS));
  g_assert_null (carport_vehicle_get_endpoint_error (vehicle, CARPORT_ENDPOINT_COCKPIT));
  g_assert_cmpfloat_with_epsilon (carport_cockpit_get_mileage_km (carport_vehicle_get_cockpit (vehicle)),
                                  2000.0, 0.01);

  /* It recovers: the error goes away. */
  test_server_route (f->ts, "GET", battery_path, 200, battery_body, 0);
  g_assert_true (refresh (f, vehicle, G_MAXUINT, &error));
  g_assert_no_error (error);
  g_assert_null (carport_vehicle_get_endpoint_error (vehicle, CARPORT_ENDPOINT_BATTERY_STATUS));
  g_assert_cmpint (carport_battery_get_level_percent (carport_vehicle_get_battery (vehicle)), ==, 40);
}

static void
test_refresh_all_fail (Fixture       *f,
                       gconstpointer  data)
{
  const char *model = "X102VE";
  g_autoptr(CarportVehicle) vehicle = make_vehicle (VIN1, model);
  g_autoptr(GError) error = NULL;
  guint mask = carport_renault_model_supported_endpoints (model);
  gboolean first = TRUE;

  /* One endpoint says "quota", the others fail upstream: quota wins. */
  for (guint e = 0; e < CARPORT_N_ENDPOINTS; e++)
    {
      g_autofree char *path = NULL;

      if (!(mask & (1u << e)) || (path = endpoint_path (model, e, VIN1)) == NULL)
        continue;
      if (first)
        test_server_route (f->ts, "GET", path, 500, upstream_body, 0);
      else
        test_server_route (f->ts, "GET", path, 429, quota_body, 0);
      first = FALSE;
    }
  login (f);

  g_assert_false (refresh (f, vehicle, G_MAXUINT, &error));
  g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_QUOTA_LIMIT);
  g_assert_nonnull (carport_vehicle_get_last_error (vehicle));
  g_assert_false (carport_vehicle_get_refreshing (vehicle));
}

typedef struct {
  const char *name;
  guint       status;
  const char *body;        /* NULL with size: generated */
  const char *content_type;
  gsize       size;
  gboolean    chunked;
  int         delay_ms;
  int         expected;
} Fault;

static const Fault faults[] = {
  { "html-502", 502, NULL, "text/html", 0, FALSE, 0, CARPORT_API_ERROR_SERVER },
  { "malformed", 200, "{\"data\":{\"attributes\":{\"batteryLevel\":5", NULL, 0, FALSE, 0, CARPORT_API_ERROR_INVALID_RESPONSE },
  { "garbage", 200, "<<<not json>>>", NULL, 0, FALSE, 0, CARPORT_API_ERROR_INVALID_RESPONSE },
  { "empty", 200, "", NULL, 0, FALSE, 0, CARPORT_API_ERROR_INVALID_RESPONSE },
  { "huge", 200, NULL, NULL, 5 * 1024 * 1024, FALSE, 0, CARPORT_API_ERROR_INVALID_RESPONSE },
  { "huge-chunked", 200, NULL, NULL, 5 * 1024 * 1024, TRUE, 0, CARPORT_API_ERROR_INVALID_RESPONSE },
  { "quota", 429, NULL, NULL, 0, FALSE, 0, CARPORT_API_ERROR_QUOTA_LIMIT },
  { "bare-429", 429, "", NULL, 0, FALSE, 0, CARPORT_API_ERROR_QUOTA_LIMIT },
  { "500", 500, "", NULL, 0, FALSE, 0, CARPORT_API_ERROR_SERVER },
  { "timeout", 200, "{}", NULL, 0, FALSE, -1, CARPORT_API_ERROR_TIMEOUT },
};

static void
test_fault (Fixture       *f,
            gconstpointer  data)
{
  const Fault *fault = data;
  const char *model = "X102VE";
  g_autoptr(CarportVehicle) vehicle = make_vehicle (VIN1, model);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autofree char *path = endpoint_path (model, CARPORT_ENDPOINT_BATTERY_STATUS, VIN1);

  if (fault->size > 0)
    {
      /* Valid JSON, just very large. */
      GString *huge = g_string_sized_new (fault->size + 64);

      g_string_append (huge, "{\"data\":{\"attributes\":{\"batteryLevel\":5,\"pad\":\"");
      while (huge->len < fault->size)
        g_string_append_c (huge, 'x');
      g_string_append (huge, "\"}}}");
      body = g_string_free_to_bytes (huge);
    }
  else if (fault->body != NULL)
    body = g_bytes_new (fault->body, strlen (fault->body));
  else if (fault->status == 502)
    body = g_bytes_new_static (html_502, strlen (html_502));
  else if (fault->status == 429)
    body = g_bytes_new_static (quota_body, strlen (quota_body));

  test_server_route_bytes (f->ts, "GET", path, fault->status, body, fault->content_type,
                           fault->delay_ms, fault->chunked);
  if (fault->delay_ms < 0)
    carport_http_set_timeout (f->http, 1);
  login (f);

  g_assert_false (refresh (f, vehicle, 1u << CARPORT_ENDPOINT_BATTERY_STATUS, &error));
  g_assert_error (error, CARPORT_API_ERROR, fault->expected);
  g_assert_nonnull (carport_vehicle_get_endpoint_error (vehicle, CARPORT_ENDPOINT_BATTERY_STATUS));
  g_assert_true (carport_vehicle_supports_endpoint (vehicle, CARPORT_ENDPOINT_BATTERY_STATUS));
  g_assert_false (carport_vehicle_get_refreshing (vehicle));
}

static void
test_refresh_cancel (Fixture       *f,
                     gconstpointer  data)
{
  const char *model = "X102VE";
  g_autoptr(CarportVehicle) vehicle = make_vehicle (VIN1, model);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  guint n;

  n = route_all_endpoints (f->ts, model, -1, 10, 10.0);
  login (f);

  carport_vehicle_client_refresh_async (CARPORT_VEHICLE_CLIENT (f->client), vehicle, G_MAXUINT, cancellable, carport_test_result_cb, &result);
  while (f->ts->in_flight < n)
    g_main_context_iteration (NULL, TRUE);
  g_cancellable_cancel (cancellable);

  g_assert_false (carport_vehicle_client_refresh_finish (CARPORT_VEHICLE_CLIENT (f->client), carport_test_wait_result (&result), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (carport_vehicle_get_refreshing (vehicle));
  for (guint e = 0; e < CARPORT_N_ENDPOINTS; e++)
    g_assert_null (carport_vehicle_get_endpoint_error (vehicle, e));
}

/* ------------------------------------------------------------------------ */
/* Commands */

static JsonObject *
parse_object (GBytes *bytes, JsonParser *parser)
{
  g_autoptr(GError) error = NULL;
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);

  g_assert_true (json_parser_load_from_data (parser, data, len, &error));
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  return json_node_get_object (json_parser_get_root (parser));
}

static void
test_command_hvac (Fixture       *f,
                   gconstpointer  data)
{
  const char *model = "X102VE";
  g_autoptr(CarportVehicle) vehicle = make_vehicle (VIN1, model);
  g_autoptr(CarportCommand) command = carport_command_new (CARPORT_COMMAND_KIND_HVAC_START, VIN1);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = action_path (model, CARPORT_COMMAND_KIND_HVAC_START, VIN1);
  g_autofree char *full = g_strconcat ("/kamereon", path, NULL);
  const char *notifications = "/commerce/v1/persons/" TS_PERSON_ID "/notifications/kmr";
  JsonObject *sent, *attributes;
  TsRequest *request;
  g_autoptr(GHashTable) query = NULL;

  g_assert_true (g_str_has_suffix (path, "/actions/hvac-start"));
  test_server_route (f->ts, "POST", path, 200,
                     "{\"data\":{\"type\":\"HvacStart\",\"id\":\"notif-42\","
                     "\"attributes\":{\"action\":\"start\",\"targetTemperature\":21.0}}}", 0);
  test_server_route (f->ts, "GET", notifications, 200,
                     "[{\"notificationId\":\"notif-42\",\"notifDate\":\"2026-09-01T10:00:00.000\","
                     "\"vin\":\"" VIN1 "\",\"personId\":\"" TS_PERSON_ID "\",\"actionType\":\"COMMAND_RESPONSE\","
                     "\"commandType\":\"HVAC_START\",\"commandResponse\":{\"status\":\"CREATED\"}}]", 0);
  login (f);

  carport_command_set_temperature_c (command, 21.0);
  g_assert_true (send_command (f, vehicle, command, &error));
  g_assert_no_error (error);
  g_assert_cmpint (carport_command_get_state (command), ==, CARPORT_COMMAND_STATE_PENDING);
  g_assert_cmpstr (carport_command_get_server_id (command), ==, "notif-42");

  /* The body of §c.4. */
  request = test_server_last (f->ts, "POST", full);
  g_assert_nonnull (request);
  g_assert_cmpstr (request->content_type, ==, "application/vnd.api+json");
  sent = parse_object (request->body, parser);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (sent, "data"), "type"),
                   ==, "HvacStart");
  attributes = json_object_get_object_member (json_object_get_object_member (sent, "data"), "attributes");
  g_assert_cmpstr (json_object_get_string_member (attributes, "action"), ==, "start");
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (attributes, "targetTemperature"), 21.0, 0.001);

  /* Still pending. */
  g_assert_cmpint (poll_command (f, command), ==, CARPORT_COMMAND_STATE_PENDING);
  g_assert_cmpint (carport_command_get_state (command), ==, CARPORT_COMMAND_STATE_PENDING);
  request = g_ptr_array_index (f->ts->requests, f->ts->requests->len - 1);
  g_assert_cmpstr (request->path, ==, "/kamereon/commerce/v1/persons/" TS_PERSON_ID "/notifications/kmr");
  query = soup_form_decode (request->query);
  g_assert_cmpstr (g_hash_table_lookup (query, "notificationId"), ==, "notif-42");
  g_assert_cmpstr (g_hash_table_lookup (query, "country"), ==, "FR");

  /* Done. */
  test_server_route (f->ts, "GET", notifications, 200,
                     "[{\"notificationId\":\"notif-42\",\"actionType\":\"COMMAND_RESPONSE\","
                     "\"commandType\":\"HVAC_START\",\"commandResponse\":{\"status\":\"COMPLETED\"}}]", 0);
  g_assert_cmpint (poll_command (f, command), ==, CARPORT_COMMAND_STATE_COMPLETED);
  g_assert_cmpint (carport_command_get_state (command), ==, CARPORT_COMMAND_STATE_COMPLETED);
}

static void
test_command_failed (Fixture       *f,
                     gconstpointer  data)
{
  const char *model = "X102VE";
  g_autoptr(CarportVehicle) vehicle = make_vehicle (VIN1, model);
  g_autoptr(CarportCommand) command = carport_command_new (CARPORT_COMMAND_KIND_CHARGE_START, VIN1);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = action_path (model, CARPORT_COMMAND_KIND_CHARGE_START, VIN1);

  test_server_route (f->ts, "POST", path, 200,
                     "{\"data\":{\"type\":\"ChargingStart\",\"id\":\"notif-7\",\"attributes\":{\"action\":\"start\"}}}", 0);
  test_server_route (f->ts, "GET", "/commerce/v1/persons/" TS_PERSON_ID "/notifications/kmr", 200,
                     "[{\"notificationId\":\"notif-7\",\"actionType\":\"COMMAND_RESPONSE\","
                     "\"commandResponse\":{\"status\":\"FAILED\",\"errorMessage\":\"Car is asleep\"}}]", 0);
  login (f);

  g_assert_true (send_command (f, vehicle, command, &error));
  g_assert_no_error (error);
  g_assert_cmpint (carport_command_get_state (command), ==, CARPORT_COMMAND_STATE_PENDING);

  g_assert_cmpint (poll_command (f, command), ==, CARPORT_COMMAND_STATE_FAILED);
  g_assert_cmpint (carport_command_get_state (command), ==, CARPORT_COMMAND_STATE_FAILED);
  g_assert_nonnull (carport_command_get_message (command));
}

static void
test_command_rejected (Fixture       *f,
                       gconstpointer  data)
{
  const char *model = "X102VE";
  g_autoptr(CarportVehicle) vehicle = make_vehicle (VIN1, model);
  g_autoptr(CarportCommand) command = carport_command_new (CARPORT_COMMAND_KIND_HVAC_START, VIN1);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = action_path (model, CARPORT_COMMAND_KIND_HVAC_START, VIN1);

  test_server_route (f->ts, "POST", path, 403, forbidden_body, 0);
  login (f);

  g_assert_false (send_command (f, vehicle, command, &error));
  g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_FORBIDDEN);
  g_assert_cmpint (carport_command_get_state (command), ==, CARPORT_COMMAND_STATE_FAILED);
  g_assert_nonnull (carport_command_get_message (command));
}

static void
test_command_kcm_settings (Fixture       *f,
                           gconstpointer  data)
{
  const char *model = "R5E1VE";
  g_autoptr(CarportVehicle) vehicle = make_vehicle (VIN1, model);
  g_autoptr(CarportCommand) command = carport_command_new (CARPORT_COMMAND_KIND_CHARGE_START, VIN1);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  const CarportEndpointDef *def = carport_renault_model_get_action (model, CARPORT_COMMAND_KIND_CHARGE_START);
  g_autofree char *path = NULL;
  g_autofree char *full = NULL;
  g_autofree char *settings = endpoint_body (CARPORT_ENDPOINT_EV_SETTINGS, 0, 0);
  TsRequest *request;
  JsonObject *sent;
  JsonArray *programs;

  g_assert_nonnull (def);
  g_assert_cmpint (def->mode, ==, CARPORT_ACTION_MODE_KCM_SETTINGS);
  path = action_path (model, CARPORT_COMMAND_KIND_CHARGE_START, VIN1);
  full = g_strconcat ("/kamereon", path, NULL);

  test_server_route (f->ts, "GET", path, 200, settings, 0);
  test_server_route (f->ts, "POST", path, 200, "{\"chargeModeRq\":\"ALWAYS\",\"programs\":[]}", 0);
  login (f);

  g_assert_true (send_command (f, vehicle, command, &error));
  g_assert_no_error (error);
  g_assert_cmpint (carport_command_get_state (command), !=, CARPORT_COMMAND_STATE_FAILED);
  g_assert_cmpint (carport_command_get_state (command), !=, CARPORT_COMMAND_STATE_SENDING);

  g_assert_nonnull (test_server_last (f->ts, "GET", full));
  request = test_server_last (f->ts, "POST", full);
  g_assert_nonnull (request);
  sent = parse_object (request->body, parser);
  programs = json_object_get_array_member (sent, "programs");
  g_assert_nonnull (programs);
  g_assert_cmpuint (json_array_get_length (programs), >=, 1);
  for (guint i = 0; i < json_array_get_length (programs); i++)
    g_assert_false (json_object_get_boolean_member (json_array_get_object_element (programs, i),
                                                    "programActivationStatus"));
}

static void
test_command_not_supported (Fixture       *f,
                            gconstpointer  data)
{
  const char *model = "R5E1VE";  /* no charge stop on these (§c.4) */
  g_autoptr(CarportVehicle) vehicle = make_vehicle (VIN1, model);
  g_autoptr(CarportCommand) command = carport_command_new (CARPORT_COMMAND_KIND_CHARGE_STOP, VIN1);
  g_autoptr(GError) error = NULL;
  guint before;

  g_assert_null (carport_renault_model_get_action (model, CARPORT_COMMAND_KIND_CHARGE_STOP));
  login (f);
  before = carport_http_get_request_count (f->http);

  g_assert_false (send_command (f, vehicle, command, &error));
  g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_NOT_SUPPORTED);
  g_assert_cmpuint (carport_http_get_request_count (f->http), ==, before);
  g_assert_cmpint (carport_command_get_state (command), ==, CARPORT_COMMAND_STATE_FAILED);
}

/* A temperature outside the car's range is refused before any request, and
 * the message names the range. */
static void
test_command_temperature_refused (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(CarportVehicle) vehicle = make_vehicle (VIN1, "X102VE");
  static const double refused[] = { 14.5, 25.5, 40 };
  guint before;

  login (f);
  before = carport_http_get_request_count (f->http);

  for (gsize i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(CarportCommand) command = carport_command_new (CARPORT_COMMAND_KIND_HVAC_START, VIN1);
      g_autoptr(GError) error = NULL;

      carport_command_set_temperature_c (command, refused[i]);
      g_assert_false (send_command (f, vehicle, command, &error));
      g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_INVALID_INPUT);
      g_assert_nonnull (strstr (error->message, "15 °C"));
      g_assert_nonnull (strstr (error->message, "25 °C"));
      g_assert_cmpint (carport_command_get_state (command), ==, CARPORT_COMMAND_STATE_FAILED);
    }
  g_assert_cmpuint (carport_http_get_request_count (f->http), ==, before);
}

/* ------------------------------------------------------------------------ */
/* Charge history */

static void
test_charges (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(CarportVehicle) vehicle = make_vehicle (VIN1, "XCB1VE");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) sessions = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) start = g_date_time_new_utc (2026, 8, 1, 0, 0, 0);
  g_autoptr(GDateTime) end = g_date_time_new_utc (2026, 8, 31, 0, 0, 0);
  g_autoptr(GHashTable) query = NULL;
  CarportChargeSession *session;
  TsRequest *request;

  test_server_route (f->ts, "GET", "/commerce/v1/accounts/" ACCOUNT "/kamereon/kca/car-adapter/v1/cars/" VIN1 "/charges", 200,
                     "{\"data\":{\"type\":\"Car\",\"id\":\"" VIN1 "\",\"attributes\":{\"charges\":["
                     "{\"chargeStartDate\":\"2026-08-20T20:00:00Z\",\"chargeEndDate\":\"2026-08-20T21:30:00Z\","
                     "\"chargeDuration\":5400,\"chargeStartBatteryLevel\":30,\"chargeEndBatteryLevel\":60,"
                     "\"chargeEnergyRecovered\":15.5,\"chargeEndStatus\":\"ok\"},"
                     "{\"chargeStartDate\":\"2026-08-10T11:12:44Z\",\"chargeEndDate\":\"2026-08-10T12:49:39Z\","
                     "\"chargeDuration\":97,\"chargeStartBatteryLevel\":20,\"chargeEndBatteryLevel\":80,"
                     "\"chargeEndStatus\":\"ok\"}]}}}", 0);
  login (f);

  carport_vehicle_client_get_charges_async (CARPORT_VEHICLE_CLIENT (f->client), vehicle, start, end, NULL, carport_test_result_cb, &result);
  sessions = carport_vehicle_client_get_charges_finish (CARPORT_VEHICLE_CLIENT (f->client), carport_test_wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (sessions);
  g_assert_cmpuint (sessions->len, ==, 2);

  /* Oldest first; 97 is minutes, 5400 is seconds. */
  session = g_ptr_array_index (sessions, 0);
  g_assert_cmpint (g_date_time_get_day_of_month (session->start), ==, 10);
  g_assert_cmpint (session->duration_minutes, ==, 97);
  g_assert_cmpint (session->start_level_percent, ==, 20);
  g_assert_cmpint (session->end_level_percent, ==, 80);
  g_assert_true (isnan (session->energy_kwh));

  session = g_ptr_array_index (sessions, 1);
  g_assert_cmpint (session->duration_minutes, ==, 90);
  g_assert_cmpfloat_with_epsilon (session->energy_kwh, 15.5, 0.001);

  request = g_ptr_array_index (f->ts->requests, f->ts->requests->len - 1);
  query = soup_form_decode (request->query);
  g_assert_cmpstr (g_hash_table_lookup (query, "start"), ==, "20260801");
  g_assert_cmpstr (g_hash_table_lookup (query, "end"), ==, "20260831");

  /* The boxed type copies. */
  {
    CarportChargeSession *copy = g_boxed_copy (CARPORT_TYPE_CHARGE_SESSION, session);
    g_assert_cmpint (copy->duration_minutes, ==, 90);
    g_boxed_free (CARPORT_TYPE_CHARGE_SESSION, copy);
  }
}

/* charge-history per month: type and months in the query; a model the
 * table marks unsupported is not asked. */
static void
test_usage (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(CarportVehicle) zoe = make_vehicle (VIN1, "X102VE");
  g_autoptr(CarportVehicle) megane = make_vehicle (VIN1, "XCB1VE");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) months = NULL;
  g_autoptr(GPtrArray) none = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) start = g_date_time_new_utc (2026, 1, 15, 0, 0, 0);
  g_autoptr(GDateTime) end = g_date_time_new_utc (2026, 8, 31, 0, 0, 0);
  g_autoptr(GHashTable) query = NULL;
  guint n_requests;
  TsRequest *request;

  test_server_route (f->ts, "GET", "/commerce/v1/accounts/" ACCOUNT "/kamereon/kca/car-adapter/v1/cars/" VIN1 "/charge-history", 200,
                     "{\"data\":{\"type\":\"Car\",\"id\":\"" VIN1 "\",\"attributes\":{\"chargeSummaries\":["
                     "{\"month\":\"202608\",\"totalChargesNumber\":4,\"totalChargesDuration\":600,"
                     "\"totalChargesErrors\":0}]}}}", 0);
  login (f);

  carport_vehicle_client_get_usage_async (CARPORT_VEHICLE_CLIENT (f->client), zoe, CARPORT_USAGE_CHARGES,
                                          CARPORT_USAGE_PER_MONTH, start, end, NULL, carport_test_result_cb, &result);
  months = carport_vehicle_client_get_usage_finish (CARPORT_VEHICLE_CLIENT (f->client), carport_test_wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (months->len, ==, 1);
  g_assert_cmpint (((CarportUsage *) g_ptr_array_index (months, 0))->count, ==, 4);
  request = g_ptr_array_index (f->ts->requests, f->ts->requests->len - 1);
  query = soup_form_decode (request->query);
  g_assert_cmpstr (g_hash_table_lookup (query, "type"), ==, "month");
  g_assert_cmpstr (g_hash_table_lookup (query, "start"), ==, "202601");
  g_assert_cmpstr (g_hash_table_lookup (query, "end"), ==, "202608");

  n_requests = f->ts->requests->len;
  g_clear_object (&result);
  carport_vehicle_client_get_usage_async (CARPORT_VEHICLE_CLIENT (f->client), megane, CARPORT_USAGE_CHARGES,
                                          CARPORT_USAGE_PER_DAY, start, end, NULL, carport_test_result_cb, &result);
  none = carport_vehicle_client_get_usage_finish (CARPORT_VEHICLE_CLIENT (f->client), carport_test_wait_result (&result), &error);
  g_assert_null (none);
  g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_NOT_SUPPORTED);
  g_assert_cmpstr (error->message, ==, "This car does not report its charge history");
  g_assert_cmpuint (f->ts->requests->len, ==, n_requests);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  /* Every message of the api layer is checked for secrets. */
  g_log_set_handler ("carport-api", G_LOG_LEVEL_MASK | G_LOG_FLAG_FATAL | G_LOG_FLAG_RECURSION,
                     log_handler, NULL);

#define ADD(path, func, data) \
  g_test_add ("/api-client/" path, Fixture, data, fixture_setup, func, fixture_teardown)



  ADD ("kamereon/unauthorized-401", test_unauthorized_retry, GINT_TO_POINTER (FALSE));
  ADD ("kamereon/unauthorized-code", test_unauthorized_retry, GINT_TO_POINTER (TRUE));
  ADD ("kamereon/unauthorized-twice", test_unauthorized_twice, NULL);
  ADD ("kamereon/unauthorized-concurrent", test_unauthorized_concurrent, NULL);
  ADD ("kamereon/discovery", test_discovery, NULL);
  ADD ("kamereon/discovery-no-vehicles", test_discovery_no_vehicles, NULL);
  ADD ("kamereon/refresh-concurrent", test_refresh_concurrent, "ZZ999VE");
  ADD ("kamereon/refresh-concurrent-zoe", test_refresh_concurrent, "X102VE");
  ADD ("kamereon/refresh-kcm", test_refresh_kcm_paths, NULL);
  ADD ("kamereon/refresh-unsupported", test_refresh_unsupported, NULL);
  ADD ("kamereon/refresh-unsupported-after-data", test_refresh_unsupported_after_data, NULL);
  ADD ("kamereon/refresh-partial-error", test_refresh_partial_error, NULL);
  ADD ("kamereon/refresh-all-fail", test_refresh_all_fail, NULL);
  ADD ("kamereon/refresh-cancel", test_refresh_cancel, NULL);
  for (gsize i = 0; i < G_N_ELEMENTS (faults); i++)
    {
      g_autofree char *path = g_strdup_printf ("/api-client/kamereon/fault/%s", faults[i].name);
      g_test_add (path, Fixture, &faults[i], fixture_setup, test_fault, fixture_teardown);
    }
  ADD ("kamereon/command-hvac", test_command_hvac, NULL);
  ADD ("kamereon/command-failed", test_command_failed, NULL);
  ADD ("kamereon/command-rejected", test_command_rejected, NULL);
  ADD ("kamereon/command-kcm-settings", test_command_kcm_settings, NULL);
  ADD ("kamereon/command-not-supported", test_command_not_supported, NULL);
  ADD ("kamereon/command-temperature-refused", test_command_temperature_refused, NULL);
  ADD ("kamereon/charges", test_charges, NULL);
  ADD ("kamereon/usage", test_usage, NULL);

  g_test_add_func ("/api-client/zz/logging", test_logging_happened);

#undef ADD

  return g_test_run ();
}
