/* test-api-client.c — CarportHttp, CarportRenaultAuth and CarportRenaultClient
 * against an in-process server over loopback HTTP. */
#include "config.h"

#include <string.h>

#include "carport-http.h"
#include "carport-renault-auth.h"
#include "carport-jwt.h"
#include "carport-renault-client.h"
#include "carport-test-loop.h"
#include "carport-renault-models.h"
#include "test-server.h"

#define VIN1 "VF1AAAAA555777999"
#define VIN2 "VF1BBBBB555777888"
#define ACCOUNT "acc-1"

/* ------------------------------------------------------------------------ */
/* Log watch: every message is checked for secrets. */

static guint n_debug_messages;

static const char * const secret_markers[] = {
  TS_PASSWORD, "LOGIN-TOKEN-", "eyJ", "REG-TOKEN-", "ASSERT-1", "PHV-TOKEN-", TS_TFA_CODE,
};

static void
log_handler (const char     *log_domain,
             GLogLevelFlags  log_level,
             const char     *message,
             gpointer        user_data)
{
  for (gsize j = 0; j < G_N_ELEMENTS (secret_markers); j++)
    if (message != NULL && strstr (message, secret_markers[j]) != NULL)
      g_error ("A secret was logged: %s", message);

  if (log_level & G_LOG_LEVEL_DEBUG)
    {
      n_debug_messages++;
      if (g_getenv ("CARPORT_TEST_VERBOSE") == NULL)
        return;
    }

  g_log_default_handler (log_domain, log_level, message, user_data);
}

/* ------------------------------------------------------------------------ */
/* Helpers */

typedef struct {
  TestServer            *ts;
  CarportHttp           *http;
  CarportRenaultAuth    *auth;
  CarportRenaultClient *client;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->ts = test_server_new ();
  g_setenv ("CARPORT_RENAULT_GIGYA_URL", f->ts->gigya_url, TRUE);
  g_setenv ("CARPORT_RENAULT_KAMEREON_URL", f->ts->kamereon_url, TRUE);

  f->http = carport_http_new ();
  f->auth = carport_renault_auth_new (f->http, "fr_FR", &error);
  g_assert_no_error (error);
  f->client = carport_renault_client_new (CARPORT_AUTH_PROVIDER (f->auth), f->http, "fr_FR", &error);
  g_assert_no_error (error);

  g_assert_cmpstr (carport_renault_auth_get_gigya_url (f->auth), ==, f->ts->gigya_url);
  g_assert_cmpstr (carport_renault_client_get_kamereon_url (f->client), ==, f->ts->kamereon_url);
  g_assert_cmpstr (carport_renault_client_get_country (f->client), ==, "FR");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_assert_finalize_object (f->client);
  g_assert_finalize_object (f->auth);
  g_assert_finalize_object (f->http);
  test_server_free (f->ts);
  g_unsetenv ("CARPORT_RENAULT_GIGYA_URL");
  g_unsetenv ("CARPORT_RENAULT_KAMEREON_URL");
}

static void
login (Fixture *f)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  carport_auth_provider_login_async (CARPORT_AUTH_PROVIDER (f->auth), TS_EMAIL, TS_PASSWORD,
                                     NULL, carport_test_result_cb, &result);
  g_assert_true (carport_auth_provider_login_finish (CARPORT_AUTH_PROVIDER (f->auth),
                                                     carport_test_wait_result (&result), &error));
  g_assert_no_error (error);
}

static char *
get_token (Fixture  *f,
           GError  **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  carport_auth_provider_get_token_async (CARPORT_AUTH_PROVIDER (f->auth), NULL, carport_test_result_cb, &result);
  return carport_auth_provider_get_token_finish (CARPORT_AUTH_PROVIDER (f->auth),
                                                 carport_test_wait_result (&result), error);
}

static gboolean
refresh (Fixture         *f,
         CarportVehicle  *vehicle,
         guint            mask,
         GError         **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  carport_vehicle_client_refresh_async (CARPORT_VEHICLE_CLIENT (f->client), vehicle, mask, NULL, carport_test_result_cb, &result);
  return carport_vehicle_client_refresh_finish (CARPORT_VEHICLE_CLIENT (f->client), carport_test_wait_result (&result), error);
}

static gboolean
send_command (Fixture         *f,
              CarportVehicle  *vehicle,
              CarportCommand  *command,
              GError         **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  carport_vehicle_client_send_command_async (CARPORT_VEHICLE_CLIENT (f->client), vehicle, command, NULL, carport_test_result_cb, &result);
  return carport_vehicle_client_send_command_finish (CARPORT_VEHICLE_CLIENT (f->client), carport_test_wait_result (&result), error);
}

static CarportCommandState
poll_command (Fixture        *f,
              CarportCommand *command)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CarportVehicle) vehicle = carport_vehicle_new ("VF1AAAAA555777999");
  CarportCommandState state = CARPORT_COMMAND_STATE_NEW;

  carport_vehicle_client_poll_command_async (CARPORT_VEHICLE_CLIENT (f->client), vehicle, command, NULL, carport_test_result_cb, &result);
  g_assert_true (carport_vehicle_client_poll_command_finish (CARPORT_VEHICLE_CLIENT (f->client), carport_test_wait_result (&result),
                                                              &state, &error));
  g_assert_no_error (error);

  return state;
}

static CarportVehicle *
make_vehicle (const char *vin,
              const char *model)
{
  CarportVehicle *vehicle = carport_vehicle_new (vin);

  carport_vehicle_set_model_code (vehicle, model);
  carport_vehicle_set_account_id (vehicle, ACCOUNT);
  carport_vehicle_set_supported_endpoints (vehicle, carport_renault_model_supported_endpoints (model));
  carport_vehicle_set_supported_commands (vehicle, carport_renault_model_supported_commands (model));
  {
    CarportClimateRange range;

    carport_renault_model_get_climate_range (model, &range);
    carport_capabilities_set_climate_range (carport_vehicle_get_capabilities (vehicle), &range);
  }

  return vehicle;
}

/* Path below /kamereon of @endpoint for @model, or NULL. */
static char *
endpoint_path (const char      *model,
               CarportEndpoint  endpoint,
               const char      *vin)
{
  const CarportEndpointDef *def = carport_renault_model_get_endpoint (model, endpoint);
  g_auto(GStrv) parts = NULL;
  g_autofree char *joined = NULL;

  if (def == NULL)
    return NULL;

  parts = g_strsplit (def->path, "{vin}", -1);
  joined = g_strjoinv (vin, parts);
  return g_strdup_printf ("/commerce/v1/accounts/" ACCOUNT "/kamereon/%s", joined);
}

static char *
action_path (const char         *model,
             CarportCommandKind  kind,
             const char         *vin)
{
  const CarportEndpointDef *def = carport_renault_model_get_action (model, kind);
  g_auto(GStrv) parts = NULL;
  g_autofree char *joined = NULL;

  g_assert_nonnull (def);
  parts = g_strsplit (def->path, "{vin}", -1);
  joined = g_strjoinv (vin, parts);
  return g_strdup_printf ("/commerce/v1/accounts/" ACCOUNT "/kamereon/%s", joined);
}

static guint
khits (TestServer *ts,
       const char *path)
{
  g_autofree char *full = g_strconcat ("/kamereon", path, NULL);

  return test_server_hits (ts, full);
}

static char *
kca (const char *attributes)
{
  return g_strdup_printf ("{\"data\":{\"type\":\"Car\",\"id\":\"" VIN1 "\",\"attributes\":%s}}", attributes);
}

/* A canned, valid answer for each read endpoint (§c.3). */
static char *
endpoint_body (CarportEndpoint endpoint,
               int             battery_level,
               double          mileage)
{
  switch (endpoint)
    {
    case CARPORT_ENDPOINT_BATTERY_STATUS:
      {
        g_autofree char *attributes =
          g_strdup_printf ("{\"timestamp\":\"2026-09-01T10:00:00Z\",\"batteryLevel\":%d,"
                           "\"batteryAutonomy\":210,\"batteryAvailableEnergy\":31,\"plugStatus\":1,"
                           "\"chargingStatus\":1.0,\"chargingRemainingTime\":45,"
                           "\"chargingInstantaneousPower\":7.4}", battery_level);
        return kca (attributes);
      }
    case CARPORT_ENDPOINT_COCKPIT:
      {
        char buffer[G_ASCII_DTOSTR_BUF_SIZE];
        g_autofree char *attributes =
          g_strdup_printf ("{\"totalMileage\":%s,\"fuelAutonomy\":0.0,\"fuelQuantity\":0.0}",
                           g_ascii_dtostr (buffer, sizeof buffer, mileage));
        return kca (attributes);
      }
    case CARPORT_ENDPOINT_LOCATION:
      return kca ("{\"gpsLatitude\":48.8566,\"gpsLongitude\":2.3522,\"lastUpdateTime\":\"2026-09-01T09:58:00Z\"}");
    case CARPORT_ENDPOINT_HVAC_STATUS:
      return kca ("{\"hvacStatus\":\"off\",\"externalTemperature\":12.5,\"socThreshold\":20.0,"
                  "\"lastUpdateTime\":\"2026-09-01T09:58:00Z\"}");
    case CARPORT_ENDPOINT_HVAC_SETTINGS:
      return kca ("{\"mode\":\"scheduled\",\"schedules\":[{\"id\":1,\"activated\":true,"
                  "\"monday\":{\"readyAtTime\":\"T07:30Z\"}}]}");
    case CARPORT_ENDPOINT_CHARGE_MODE:
      return kca ("{\"chargeMode\":\"always_charging\"}");
    case CARPORT_ENDPOINT_CHARGING_SETTINGS:
      return kca ("{\"mode\":\"scheduled\",\"schedules\":[{\"id\":1,\"activated\":true,"
                  "\"monday\":{\"startTime\":\"T01:00Z\",\"duration\":420}}]}");
    case CARPORT_ENDPOINT_CHARGE_SCHEDULE:
      return kca ("{\"calendar\":{\"monday\":[{\"startTime\":\"0100\",\"duration\":420,"
                  "\"activationState\":true}]}}");
    case CARPORT_ENDPOINT_EV_SETTINGS:
      return g_strdup ("{\"lastSettingsUpdateTimestamp\":\"2026-09-01T09:00:00Z\",\"delegatedActivated\":false,"
                       "\"chargeModeRq\":\"SCHEDULED\",\"chargeTimeStart\":\"01:00\",\"chargeDuration\":420,"
                       "\"preconditioningTemperature\":21.0,\"programs\":[{\"programActivationStatus\":true,"
                       "\"programType\":\"CHARGE\",\"programDepartureTime\":\"07:00\","
                       "\"programActivationMonday\":true}]}");
    case CARPORT_ENDPOINT_SOC_LEVELS:
      return g_strdup ("{\"lastEnergyUpdateTimestamp\":\"2026-09-01T09:00:00Z\",\"socMin\":20,\"socTarget\":80}");
    case CARPORT_ENDPOINT_LOCK_STATUS:
      return kca ("{\"lockStatus\":\"locked\",\"doorStatusRearLeft\":\"closed\",\"doorStatusRearRight\":\"closed\","
                  "\"doorStatusDriver\":\"closed\",\"doorStatusPassenger\":\"closed\",\"hatchStatus\":\"closed\","
                  "\"lastUpdateTime\":\"2026-09-01T09:58:00Z\"}");
    case CARPORT_ENDPOINT_RES_STATE:
      return g_strdup ("{\"data\":{\"type\":\"ResState\",\"id\":\"" VIN1 "\",\"attributes\":"
                       "{\"details\":\"Stopped, ready for RES\",\"code\":\"10\"}}}");
    case CARPORT_ENDPOINT_PRESSURE:
      return kca ("{\"flPressure\":2460,\"frPressure\":2450,\"rlPressure\":2400,\"rrPressure\":2410,"
                  "\"flStatus\":0,\"frStatus\":0,\"rlStatus\":0,\"rrStatus\":0}");
    case CARPORT_N_ENDPOINTS:
    default:
      g_assert_not_reached ();
    }
}

/* Routes every endpoint @model supports; returns the number routed. */
static guint
route_all_endpoints (TestServer *ts,
                     const char *model,
                     int         delay_ms,
                     int         battery_level,
                     double      mileage)
{
  guint mask = carport_renault_model_supported_endpoints (model);
  guint n = 0;

  for (guint e = 0; e < CARPORT_N_ENDPOINTS; e++)
    {
      g_autofree char *path = NULL;
      g_autofree char *body = NULL;

      if (!(mask & (1u << e)))
        continue;
      path = endpoint_path (model, e, VIN1);
      if (path == NULL)
        continue;
      body = endpoint_body (e, battery_level, mileage);
      test_server_route (ts, "GET", path, 200, body, delay_ms);
      n++;
    }

  return n;
}

static const char *quota_body =
  "{\"type\":\"FUNCTIONAL\",\"messages\":[{\"code\":\"err.func.wired.overloaded\","
  "\"message\":\"You have reached your quota limit\"}],\"errors\":[{\"errorCode\":\"err.func.wired.overloaded\","
  "\"errorMessage\":\"You have reached your quota limit\"}],\"error_reference\":\"FUNCTIONAL\"}";

static const char *not_found_body =
  "{\"errors\":[{\"errorCode\":\"err.func.wired.notFound\",\"errorMessage\":"
  "\"{\\\"errors\\\":[{\\\"errorCode\\\":404,\\\"errorMessage\\\":\\\"There is no data for this vin and uid\\\"}],"
  "\\\"error_reference\\\":\\\"rrt-1\\\"}\"}]}";

static const char *upstream_body =
  "{\"type\":\"TECHNICAL\",\"errors\":[{\"errorCode\":\"err.tech.500\",\"errorMessage\":"
  "\"Invalid response from the upstream server (The request sent to the GDC is erroneous) ; 502 Bad Gateway\"}],"
  "\"error_reference\":\"TECHNICAL\"}";

static const char *forbidden_body =
  "{\"type\":\"FUNCTIONAL\",\"errors\":[{\"errorCode\":\"err.func.wired.forbidden\","
  "\"errorMessage\":\"The access is forbidden\"}],\"error_reference\":\"FUNCTIONAL\"}";

static const char *html_502 =
  "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
  "<center><h1>502 Bad Gateway</h1></center>\r\n</body>\r\n</html>\r\n";

/* ------------------------------------------------------------------------ */
/* CarportHttp */

static void
test_service_root (void)
{
  struct {
    const char *value;
    const char *expected;  /* NULL: rejected */
    int         code;
  } cases[] = {
    { "https://api.example.com/", "https://api.example.com", 0 },
    { "http://127.0.0.1:8080/gigya", "http://127.0.0.1:8080/gigya", 0 },
    { "http://127.3.4.5/", "http://127.3.4.5", 0 },
    { "http://localhost:9/x", "http://localhost:9/x", 0 },
    { "http://[::1]:8080", "http://[::1]:8080", 0 },
    { "http://example.com", NULL, CARPORT_API_ERROR_INSECURE_URL },
    { "http://10.0.0.1", NULL, CARPORT_API_ERROR_INSECURE_URL },
    { "http://127.0.0.1.example.com", NULL, CARPORT_API_ERROR_INSECURE_URL },
    { "ftp://127.0.0.1", NULL, CARPORT_API_ERROR_INSECURE_URL },
    { "not a url", NULL, CARPORT_API_ERROR_INVALID_INPUT },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *root = NULL;

      g_setenv ("CARPORT_TEST_ROOT", cases[i].value, TRUE);
      root = carport_service_root ("CARPORT_TEST_ROOT", "https://default.example.com", &error);
      if (cases[i].expected != NULL)
        {
          g_assert_no_error (error);
          g_assert_cmpstr (root, ==, cases[i].expected);
        }
      else
        {
          g_assert_error (error, CARPORT_API_ERROR, cases[i].code);
          g_assert_null (root);
        }
    }

  /* Unset or empty: the default. */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *root = NULL;
    g_autofree char *root2 = NULL;

    g_setenv ("CARPORT_TEST_ROOT", "", TRUE);
    root = carport_service_root ("CARPORT_TEST_ROOT", "https://default.example.com/", &error);
    g_assert_no_error (error);
    g_assert_cmpstr (root, ==, "https://default.example.com");

    g_unsetenv ("CARPORT_TEST_ROOT");
    root2 = carport_service_root ("CARPORT_TEST_ROOT", "https://accounts.eu1.gigya.com", &error);
    g_assert_no_error (error);
    g_assert_cmpstr (root2, ==, "https://accounts.eu1.gigya.com");
  }

  g_assert_true (carport_url_is_secure ("https://x.example"));
  g_assert_false (carport_url_is_secure ("http://x.example"));
}

static void
test_insecure_override (void)
{
  g_autoptr(CarportHttp) http = carport_http_new ();
  g_autoptr(CarportRenaultAuth) auth = NULL;
  g_autoptr(CarportRenaultAuth) auth2 = NULL;
  g_autoptr(CarportRenaultClient) client = NULL;
  g_autoptr(GError) error = NULL;

  g_setenv ("CARPORT_RENAULT_GIGYA_URL", "http://example.com", TRUE);
  auth = carport_renault_auth_new (http, "fr_FR", &error);
  g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_INSECURE_URL);
  g_assert_null (auth);
  g_clear_error (&error);

  g_setenv ("CARPORT_RENAULT_GIGYA_URL", "http://127.0.0.1:1/gigya", TRUE);
  auth2 = carport_renault_auth_new (http, "fr_FR", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (carport_renault_auth_get_gigya_url (auth2), ==, "http://127.0.0.1:1/gigya");

  g_setenv ("CARPORT_RENAULT_KAMEREON_URL", "http://example.com", TRUE);
  client = carport_renault_client_new (CARPORT_AUTH_PROVIDER (auth2), http, "fr_FR", &error);
  g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_INSECURE_URL);
  g_assert_null (client);
  g_clear_error (&error);

  /* Without overrides: the locale table's https roots. */
  g_unsetenv ("CARPORT_RENAULT_GIGYA_URL");
  g_unsetenv ("CARPORT_RENAULT_KAMEREON_URL");
  client = carport_renault_client_new (CARPORT_AUTH_PROVIDER (auth2), http, "fr_FR", &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (carport_renault_client_get_kamereon_url (client), "https://"));

  /* An unknown locale. */
  g_clear_object (&auth);
  auth = carport_renault_auth_new (http, "xx_XX", &error);
  g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_INVALID_INPUT);
  g_assert_null (auth);
}

static void
test_http_request (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GBytes) sent = g_bytes_new_static ("ApiKey=x", 8);
  g_autofree char *url = g_strconcat (f->ts->gigya_url, "/accounts.login", NULL);
  guint status = 0;
  guint before = carport_http_get_request_count (f->http);

  g_assert_cmpuint (carport_http_get_timeout (f->http), ==, 30);

  carport_http_request_async (f->http, "POST", url, NULL, sent, "application/x-www-form-urlencoded",
                              NULL, carport_test_result_cb, &result);
  body = carport_http_request_finish (f->http, carport_test_wait_result (&result), &status, &error);
  g_assert_no_error (error);
  g_assert_nonnull (body);
  g_assert_cmpuint (status, ==, 200);
  g_assert_nonnull (strstr (g_bytes_get_data (body, NULL), "errorCode"));
  g_assert_cmpuint (carport_http_get_request_count (f->http), ==, before + 1);
}

/* A raw server that promises 1000 bytes and closes after 20. */
static gboolean
truncating_run_cb (GThreadedSocketService *service,
                   GSocketConnection      *connection,
                   GObject                *source_object,
                   gpointer                user_data)
{
  GInputStream *in = g_io_stream_get_input_stream (G_IO_STREAM (connection));
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (connection));
  const char *reply = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n"
                      "{\"data\":{\"attributes\":";
  char buffer[4096];
  g_autoptr(GString) head = g_string_new (NULL);

  /* Read the request head (in the service's thread). */
  while (strstr (head->str, "\r\n\r\n") == NULL)
    {
      gssize n = g_input_stream_read (in, buffer, sizeof buffer, NULL, NULL);
      if (n <= 0)
        break;
      g_string_append_len (head, buffer, n);
    }

  g_output_stream_write_all (out, reply, strlen (reply), NULL, NULL, NULL);
  g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);

  return TRUE;
}

static void
test_http_truncated (void)
{
  g_autoptr(GSocketService) service = g_threaded_socket_service_new (1);
  g_autoptr(CarportHttp) http = carport_http_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autofree char *url = NULL;
  guint16 port;

  port = g_socket_listener_add_any_inet_port (G_SOCKET_LISTENER (service), NULL, &error);
  g_assert_no_error (error);
  g_signal_connect (service, "run", G_CALLBACK (truncating_run_cb), NULL);
  g_socket_service_start (service);

  url = g_strdup_printf ("http://127.0.0.1:%u/cut", port);
  carport_http_request_async (http, "GET", url, NULL, NULL, NULL, NULL, carport_test_result_cb, &result);
  body = carport_http_request_finish (http, carport_test_wait_result (&result), NULL, &error);
  g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_INVALID_RESPONSE);
  g_assert_null (body);

  g_socket_service_stop (service);
}

static void
test_http_refused (void)
{
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(CarportHttp) http = carport_http_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autofree char *url = NULL;
  guint16 port;

  /* Find a free port, then close it: nothing listens there. */
  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  g_assert_true (g_socket_bind (socket, address, FALSE, &error));
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  g_socket_close (socket, NULL);

  url = g_strdup_printf ("http://127.0.0.1:%u/", port);
  carport_http_request_async (http, "GET", url, NULL, NULL, NULL, NULL, carport_test_result_cb, &result);
  body = carport_http_request_finish (http, carport_test_wait_result (&result), NULL, &error);
  g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_NETWORK);
  g_assert_null (body);
}

static void
test_http_cancel (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autofree char *url = g_strconcat (f->ts->kamereon_url, "/hang?country=FR", NULL);
  const char *headers[] = { "apikey", f->ts->kamereon_key, "Content-Type", "application/vnd.api+json",
                            "x-gigya-id_token", "t", NULL };

  f->ts->reject_always = FALSE;
  g_hash_table_add (f->ts->valid_jwts, g_strdup ("t"));
  test_server_route (f->ts, "GET", "/hang", 200, "{}", -1);

  carport_http_request_async (f->http, "GET", url, headers, NULL, NULL, cancellable, carport_test_result_cb, &result);
  carport_test_spin (100);
  g_assert_null (result);
  g_assert_cmpuint (f->ts->in_flight, ==, 1);
  g_cancellable_cancel (cancellable);

  body = carport_http_request_finish (f->http, carport_test_wait_result (&result), NULL, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (body);
}

/* ------------------------------------------------------------------------ */
/* Auth */

static void
notify_count_cb (GObject    *object,
                 GParamSpec *pspec,
                 gpointer    user_data)
{
  (*(guint *) user_data)++;
}

static void
test_login_ok (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *secret = NULL;
  g_autofree char *token = NULL;
  g_autofree char *person_id = NULL;
  g_autoptr(GError) error = NULL;
  guint notified = 0;

  g_signal_connect (f->auth, "notify::refresh-secret", G_CALLBACK (notify_count_cb), &notified);

  login (f);
  secret = carport_auth_provider_dup_refresh_secret (CARPORT_AUTH_PROVIDER (f->auth));
  g_assert_cmpstr (secret, ==, f->ts->login_token);
  g_assert_cmpuint (notified, ==, 1);
  g_assert_cmpuint (f->ts->n_login, ==, 1);
  g_assert_false (carport_auth_provider_get_needs_code (CARPORT_AUTH_PROVIDER (f->auth)));

  token = get_token (f, &error);
  g_assert_no_error (error);
  g_assert_true (g_hash_table_contains (f->ts->valid_jwts, token));
  person_id = carport_auth_provider_dup_person_id (CARPORT_AUTH_PROVIDER (f->auth));
  g_assert_cmpstr (person_id, ==, TS_PERSON_ID);
  g_assert_cmpuint (f->ts->n_account_info, ==, 1);
  g_assert_cmpuint (f->ts->n_jwt, ==, 1);

  g_signal_handlers_disconnect_by_data (f->auth, &notified);
}

static void
test_login_wrong_password (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *secret = NULL;

  carport_auth_provider_login_async (CARPORT_AUTH_PROVIDER (f->auth), TS_EMAIL, "wrong",
                                     NULL, carport_test_result_cb, &result);
  g_assert_false (carport_auth_provider_login_finish (CARPORT_AUTH_PROVIDER (f->auth),
                                                      carport_test_wait_result (&result), &error));
  g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_INVALID_CREDENTIALS);
  secret = carport_auth_provider_dup_refresh_secret (CARPORT_AUTH_PROVIDER (f->auth));
  g_assert_null (secret);
}

static void
test_not_logged_in (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *token = get_token (f, &error);

  g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_LOGIN_EXPIRED);
  g_assert_null (token);
  g_assert_cmpuint (f->ts->n_jwt, ==, 0);
}

static void
test_stored_secret (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;

  /* As if read from the keyring: no password login needed. */
  f->ts->login_token = g_strdup ("LOGIN-TOKEN-stored");
  carport_auth_provider_set_refresh_secret (CARPORT_AUTH_PROVIDER (f->auth), "LOGIN-TOKEN-stored");

  token = get_token (f, &error);
  g_assert_no_error (error);
  g_assert_nonnull (token);
  g_assert_cmpuint (f->ts->n_login, ==, 0);
  g_assert_cmpuint (f->ts->n_jwt, ==, 1);
}

static void
test_jwt_reuse (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  GAsyncResult *results[4] = { NULL, };
  char *tokens[4] = { NULL, };

  login (f);

  /* Concurrent callers share one mint. */
  for (guint i = 0; i < G_N_ELEMENTS (results); i++)
    carport_auth_provider_get_token_async (CARPORT_AUTH_PROVIDER (f->auth), NULL, carport_test_result_cb, &results[i]);
  for (guint i = 0; i < G_N_ELEMENTS (results); i++)
    {
      tokens[i] = carport_auth_provider_get_token_finish (CARPORT_AUTH_PROVIDER (f->auth),
                                                          carport_test_wait_result (&results[i]), &error);
      g_assert_no_error (error);
      g_assert_cmpstr (tokens[i], ==, tokens[0]);
      g_clear_object (&results[i]);
    }
  g_assert_cmpuint (f->ts->n_jwt, ==, 1);
  g_assert_cmpuint (f->ts->n_account_info, ==, 1);

  /* Later callers reuse it. */
  first = get_token (f, &error);
  g_assert_no_error (error);
  second = get_token (f, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (first, ==, tokens[0]);
  g_assert_cmpstr (second, ==, tokens[0]);
  g_assert_cmpuint (f->ts->n_jwt, ==, 1);

  /* invalidate_token → one new mint. */
  carport_auth_provider_invalidate_token (CARPORT_AUTH_PROVIDER (f->auth));
  g_clear_pointer (&first, g_free);
  first = get_token (f, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (first, !=, tokens[0]);
  g_assert_cmpuint (f->ts->n_jwt, ==, 2);
  g_assert_cmpuint (f->ts->n_account_info, ==, 1);

  for (guint i = 0; i < G_N_ELEMENTS (tokens); i++)
    g_free (tokens[i]);
}

static void
test_jwt_cancelled_waiter (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) r1 = NULL;
  g_autoptr(GAsyncResult) r2 = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *t1 = NULL;
  g_autofree char *t2 = NULL;

  login (f);

  carport_auth_provider_get_token_async (CARPORT_AUTH_PROVIDER (f->auth), cancellable, carport_test_result_cb, &r1);
  carport_auth_provider_get_token_async (CARPORT_AUTH_PROVIDER (f->auth), NULL, carport_test_result_cb, &r2);
  g_cancellable_cancel (cancellable);

  t1 = carport_auth_provider_get_token_finish (CARPORT_AUTH_PROVIDER (f->auth), carport_test_wait_result (&r1), &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (t1);
  g_clear_error (&error);

  /* The other caller still gets the shared mint. */
  t2 = carport_auth_provider_get_token_finish (CARPORT_AUTH_PROVIDER (f->auth), carport_test_wait_result (&r2), &error);
  g_assert_no_error (error);
  g_assert_nonnull (t2);
  g_assert_cmpuint (f->ts->n_jwt, ==, 1);
}

static void
test_jwt_near_expiry (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  /* A JWT valid for 30 s is within the 60 s margin: re-minted every time. */
  f->ts->jwt_lifetime = 30;
  login (f);

  first = get_token (f, &error);
  g_assert_no_error (error);
  second = get_token (f, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (f->ts->n_jwt, ==, 2);
  g_assert_cmpstr (first, !=, second);

  /* 120 s is comfortably fresh. */
  f->ts->jwt_lifetime = 120;
  carport_auth_provider_invalidate_token (CARPORT_AUTH_PROVIDER (f->auth));
  g_clear_pointer (&first, g_free);
  g_clear_pointer (&second, g_free);
  first = get_token (f, &error);
  g_assert_no_error (error);
  second = get_token (f, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (f->ts->n_jwt, ==, 3);
  g_assert_cmpstr (first, ==, second);
}

static void
test_jwt_expiry_decode (void)
{
  g_autofree char *jwt = test_make_jwt (1789000000, 7);

  g_assert_cmpint (carport_jwt_get_expiry (jwt), ==, 1789000000);
  g_assert_cmpint (carport_jwt_get_expiry ("nonsense"), ==, 0);
  g_assert_cmpint (carport_jwt_get_expiry ("a.!!!.c"), ==, 0);
  g_assert_cmpint (carport_jwt_get_expiry (NULL), ==, 0);
  /* "{"exp":"12"}" as base64url: string claims are read too. */
  g_assert_cmpint (carport_jwt_get_expiry ("x.eyJleHAiOiIxMiJ9.y"), ==, 12);
}

static void
test_login_expired (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  g_autofree char *secret = NULL;
  guint notified = 0;

  login (f);
  g_signal_connect (f->auth, "notify::refresh-secret", G_CALLBACK (notify_count_cb), &notified);

  f->ts->jwt_error = 403005;
  token = get_token (f, &error);
  g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_LOGIN_EXPIRED);
  g_assert_null (token);
  secret = carport_auth_provider_dup_refresh_secret (CARPORT_AUTH_PROVIDER (f->auth));
  g_assert_null (secret);
  g_assert_cmpuint (notified, ==, 1);

  /* No more Gigya calls without a new login. */
  g_clear_error (&error);
  token = get_token (f, &error);
  g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_LOGIN_EXPIRED);
  g_assert_cmpuint (f->ts->n_jwt, ==, 1);

  g_signal_handlers_disconnect_by_data (f->auth, &notified);
}

static void
test_tfa (Fixture       *f,
          gconstpointer  data)
{
  CarportAuthProvider *auth = CARPORT_AUTH_PROVIDER (f->auth);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *secret = NULL;
  g_autofree char *token = NULL;

  f->ts->tfa = TRUE;

  carport_auth_provider_login_async (auth, TS_EMAIL, TS_PASSWORD, NULL, carport_test_result_cb, &result);
  g_assert_false (carport_auth_provider_login_finish (auth, carport_test_wait_result (&result), &error));
  g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_TFA_REQUIRED);
  g_assert_true (carport_auth_provider_get_needs_code (auth));
  g_assert_true (f->ts->tfa_code_sent);
  g_assert_cmpuint (test_server_hits (f->ts, "/gigya/accounts.webSdkBootstrap"), ==, 1);
  g_assert_cmpuint (test_server_hits (f->ts, "/gigya/accounts.tfa.initTFA"), ==, 1);
  g_assert_cmpuint (test_server_hits (f->ts, "/gigya/accounts.tfa.email.getEmails"), ==, 1);
  g_assert_cmpuint (test_server_hits (f->ts, "/gigya/accounts.tfa.email.sendVerificationCode"), ==, 1);
  secret = carport_auth_provider_dup_refresh_secret (auth);
  g_assert_null (secret);
  g_clear_error (&error);
  g_clear_object (&result);

  /* A wrong code: another may be tried. */
  carport_auth_provider_submit_code_async (auth, "000000", NULL, carport_test_result_cb, &result);
  g_assert_false (carport_auth_provider_submit_code_finish (auth, carport_test_wait_result (&result), &error));
  g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_TFA_CODE_INVALID);
  g_assert_true (carport_auth_provider_get_needs_code (auth));
  g_clear_error (&error);
  g_clear_object (&result);

  /* The right one. */
  carport_auth_provider_submit_code_async (auth, " " TS_TFA_CODE " ", NULL, carport_test_result_cb, &result);
  g_assert_true (carport_auth_provider_submit_code_finish (auth, carport_test_wait_result (&result), &error));
  g_assert_no_error (error);
  g_assert_false (carport_auth_provider_get_needs_code (auth));
  g_assert_true (f->ts->tfa_finalized);
  g_assert_cmpuint (f->ts->n_login, ==, 2);
  secret = carport_auth_provider_dup_refresh_secret (auth);
  g_assert_cmpstr (secret, ==, f->ts->login_token);
  g_clear_object (&result);

  token = get_token (f, &error);
  g_assert_no_error (error);
  g_assert_nonnull (token);

  /* Nothing is waiting for a code any more. */
  carport_auth_provider_submit_code_async (auth, TS_TFA_CODE, NULL, carport_test_result_cb, &result);
  g_assert_false (carport_auth_provider_submit_code_finish (auth, carport_test_wait_result (&result), &error));
  g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_FAILED);
}

/* A login step whose answer lacks what the next step needs ends the login
 * with a clear error; nothing waits for a code then, and nothing is kept. */
static void
test_tfa_broken_step (Fixture       *f,
                      gconstpointer  data)
{
  static const char * const during_login[] = {
    "accounts.tfa.initTFA", "accounts.tfa.email.getEmails", "accounts.tfa.email.sendVerificationCode",
  };
  CarportAuthProvider *auth = CARPORT_AUTH_PROVIDER (f->auth);

  f->ts->tfa = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (during_login); i++)
    {
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *secret = NULL;

      g_test_message ("%s answers without its data", during_login[i]);
      f->ts->gigya_bare = during_login[i];
      carport_auth_provider_login_async (auth, TS_EMAIL, TS_PASSWORD, NULL, carport_test_result_cb, &result);
      g_assert_false (carport_auth_provider_login_finish (auth, carport_test_wait_result (&result), &error));
      g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_INVALID_RESPONSE);
      g_assert_nonnull (strstr (error->message, during_login[i]));
      g_assert_false (carport_auth_provider_get_needs_code (auth));
      secret = carport_auth_provider_dup_refresh_secret (auth);
      g_assert_null (secret);
    }

  /* The code is taken, but the login that follows lacks the login token. */
  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GError) error = NULL;
    g_autofree char *secret = NULL;

    f->ts->gigya_bare = NULL;
    carport_auth_provider_login_async (auth, TS_EMAIL, TS_PASSWORD, NULL, carport_test_result_cb, &result);
    g_assert_false (carport_auth_provider_login_finish (auth, carport_test_wait_result (&result), &error));
    g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_TFA_REQUIRED);
    g_assert_true (carport_auth_provider_get_needs_code (auth));
    g_clear_error (&error);
    g_clear_object (&result);

    f->ts->gigya_bare = "accounts.login";
    carport_auth_provider_submit_code_async (auth, TS_TFA_CODE, NULL, carport_test_result_cb, &result);
    g_assert_false (carport_auth_provider_submit_code_finish (auth, carport_test_wait_result (&result), &error));
    g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_INVALID_RESPONSE);
    g_assert_nonnull (strstr (error->message, "sessionInfo.cookieValue"));
    g_assert_false (carport_auth_provider_get_needs_code (auth));
    secret = carport_auth_provider_dup_refresh_secret (auth);
    g_assert_null (secret);
  }
}

static void
test_logout (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  g_autofree char *secret = NULL;

  login (f);
  token = get_token (f, &error);
  g_assert_no_error (error);

  carport_auth_provider_logout (CARPORT_AUTH_PROVIDER (f->auth));
  secret = carport_auth_provider_dup_refresh_secret (CARPORT_AUTH_PROVIDER (f->auth));
  g_assert_null (secret);
  g_clear_pointer (&token, g_free);
  token = get_token (f, &error);
  g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_LOGIN_EXPIRED);
}

static void
test_restore_session (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(CarportRenaultAuth) other = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *secret = NULL;
  g_autofree char *restored = NULL;
  g_autofree char *stale = NULL;
  g_autofree char *person_id = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  login (f);
  g_assert_null (carport_auth_provider_dup_access_token (CARPORT_AUTH_PROVIDER (f->auth)));
  token = get_token (f, &error);
  g_assert_no_error (error);
  kept = carport_auth_provider_dup_access_token (CARPORT_AUTH_PROVIDER (f->auth));
  g_assert_cmpstr (kept, ==, token);
  secret = carport_auth_provider_dup_refresh_secret (CARPORT_AUTH_PROVIDER (f->auth));
  g_assert_cmpuint (f->ts->n_jwt, ==, 1);
  g_assert_cmpuint (f->ts->n_account_info, ==, 1);

  /* A second start: secret, person id and token from the keyring. */
  other = carport_renault_auth_new (f->http, "fr_FR", &error);
  g_assert_no_error (error);
  carport_auth_provider_restore_session (CARPORT_AUTH_PROVIDER (other), TS_PERSON_ID, kept);
  g_assert_null (carport_auth_provider_dup_access_token (CARPORT_AUTH_PROVIDER (other)));
  carport_auth_provider_set_refresh_secret (CARPORT_AUTH_PROVIDER (other), secret);
  carport_auth_provider_restore_session (CARPORT_AUTH_PROVIDER (other), TS_PERSON_ID, kept);
  person_id = carport_auth_provider_dup_person_id (CARPORT_AUTH_PROVIDER (other));
  g_assert_cmpstr (person_id, ==, TS_PERSON_ID);

  carport_auth_provider_get_token_async (CARPORT_AUTH_PROVIDER (other), NULL, carport_test_result_cb, &result);
  restored = carport_auth_provider_get_token_finish (CARPORT_AUTH_PROVIDER (other), carport_test_wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (restored, ==, token);
  g_assert_cmpuint (f->ts->n_jwt, ==, 1);
  g_assert_cmpuint (f->ts->n_account_info, ==, 1);

  /* A token about to expire is not taken back. */
  stale = test_make_jwt (g_get_real_time () / G_USEC_PER_SEC + 10, 99);
  carport_auth_provider_invalidate_token (CARPORT_AUTH_PROVIDER (other));
  carport_auth_provider_restore_session (CARPORT_AUTH_PROVIDER (other), NULL, stale);
  g_assert_null (carport_auth_provider_dup_access_token (CARPORT_AUTH_PROVIDER (other)));
}

static void
test_explicit_roots (void)
{
  g_autoptr(CarportHttp) http = carport_http_new ();
  g_autoptr(CarportRenaultAuth) auth = NULL;
  g_autoptr(CarportRenaultClient) client = NULL;
  g_autoptr(GError) error = NULL;

  /* An explicit root wins over the environment, and is checked the same way. */
  g_setenv ("CARPORT_RENAULT_GIGYA_URL", "https://env.example.com", TRUE);
  auth = carport_renault_auth_new_for_url (http, "fr_FR", "http://example.com/gigya", &error);
  g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_INSECURE_URL);
  g_assert_null (auth);
  g_clear_error (&error);

  auth = carport_renault_auth_new_for_url (http, "fr_FR", "http://127.0.0.1:9/gigya/", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (carport_renault_auth_get_gigya_url (auth), ==, "http://127.0.0.1:9/gigya");
  g_unsetenv ("CARPORT_RENAULT_GIGYA_URL");

  client = carport_renault_client_new_for_url (CARPORT_AUTH_PROVIDER (auth), http, "fr_FR",
                                                "http://localhost:9/kamereon", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (carport_renault_client_get_kamereon_url (client), ==, "http://localhost:9/kamereon");
  g_clear_object (&client);

  client = carport_renault_client_new_for_url (CARPORT_AUTH_PROVIDER (auth), http, "fr_FR",
                                                "http://192.168.1.1/kamereon", &error);
  g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_INSECURE_URL);
  g_assert_null (client);
  g_clear_error (&error);

  client = carport_renault_client_new_for_url (CARPORT_AUTH_PROVIDER (auth), http, "fr_FR", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (carport_renault_client_get_kamereon_url (client), "https://"));
}

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
      /* Nothing the table marks unsupported for an R5 was asked. */
      g_assert_null (strstr (request->path, "/lock-status"));
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
  { "html-502", 502, NULL, "text/html", 0, FALSE, 0, CARPORT_API_ERROR_INVALID_RESPONSE },
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

static void
test_logging_happened (void)
{
  /* The writer checked every message for secrets; make sure there were some. */
  g_assert_cmpuint (n_debug_messages, >, 10);
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

  g_test_add_func ("/api-client/http/service-root", test_service_root);
  g_test_add_func ("/api-client/http/insecure-override", test_insecure_override);
  ADD ("http/request", test_http_request, NULL);
  g_test_add_func ("/api-client/http/truncated", test_http_truncated);
  g_test_add_func ("/api-client/http/refused", test_http_refused);
  ADD ("http/cancel", test_http_cancel, NULL);

  ADD ("auth/login", test_login_ok, NULL);
  ADD ("auth/wrong-password", test_login_wrong_password, NULL);
  ADD ("auth/not-logged-in", test_not_logged_in, NULL);
  ADD ("auth/stored-secret", test_stored_secret, NULL);
  ADD ("auth/jwt-reuse", test_jwt_reuse, NULL);
  ADD ("auth/jwt-cancelled-waiter", test_jwt_cancelled_waiter, NULL);
  ADD ("auth/jwt-near-expiry", test_jwt_near_expiry, NULL);
  g_test_add_func ("/api-client/auth/jwt-decode", test_jwt_expiry_decode);
  ADD ("auth/login-expired", test_login_expired, NULL);
  ADD ("auth/tfa", test_tfa, NULL);
  ADD ("auth/tfa-broken-step", test_tfa_broken_step, NULL);
  ADD ("auth/logout", test_logout, NULL);
  ADD ("auth/restore-session", test_restore_session, NULL);
  g_test_add_func ("/api-client/http/explicit-roots", test_explicit_roots);

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

  g_test_add_func ("/api-client/zz/logging", test_logging_happened);

#undef ADD

  return g_test_run ();
}
