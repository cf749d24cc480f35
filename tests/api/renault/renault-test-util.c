/* renault-test-util.c — what the Renault client tests share. */
#include "config.h"

#include <string.h>

#include "renault-test-util.h"

/* ------------------------------------------------------------------------ */
/* Log watch: every message is checked for secrets. */

guint n_debug_messages;

const char * const secret_markers[] = {
  TS_PASSWORD, "LOGIN-TOKEN-", "eyJ", "REG-TOKEN-", "ASSERT-1", "PHV-TOKEN-", TS_TFA_CODE,
};

void
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


void
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

void
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

void
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

char *
get_token (Fixture  *f,
           GError  **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  carport_auth_provider_get_token_async (CARPORT_AUTH_PROVIDER (f->auth), NULL, carport_test_result_cb, &result);
  return carport_auth_provider_get_token_finish (CARPORT_AUTH_PROVIDER (f->auth),
                                                 carport_test_wait_result (&result), error);
}

gboolean
refresh (Fixture         *f,
         CarportVehicle  *vehicle,
         guint            mask,
         GError         **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  carport_vehicle_client_refresh_async (CARPORT_VEHICLE_CLIENT (f->client), vehicle, mask, NULL, carport_test_result_cb, &result);
  return carport_vehicle_client_refresh_finish (CARPORT_VEHICLE_CLIENT (f->client), carport_test_wait_result (&result), error);
}

gboolean
send_command (Fixture         *f,
              CarportVehicle  *vehicle,
              CarportCommand  *command,
              GError         **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  carport_vehicle_client_send_command_async (CARPORT_VEHICLE_CLIENT (f->client), vehicle, command, NULL, carport_test_result_cb, &result);
  return carport_vehicle_client_send_command_finish (CARPORT_VEHICLE_CLIENT (f->client), carport_test_wait_result (&result), error);
}

CarportCommandState
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

CarportVehicle *
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
char *
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
  /* Contracts sit beside kamereon/ (api-renault.md §b.6). */
  if (g_str_has_prefix (joined, "../"))
    return g_strdup_printf ("/commerce/v1/accounts/" ACCOUNT "/%s", joined + strlen ("../"));
  return g_strdup_printf ("/commerce/v1/accounts/" ACCOUNT "/kamereon/%s", joined);
}

char *
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

guint
khits (TestServer *ts,
       const char *path)
{
  g_autofree char *full = g_strconcat ("/kamereon", path, NULL);

  return test_server_hits (ts, full);
}

char *
kca (const char *attributes)
{
  return g_strdup_printf ("{\"data\":{\"type\":\"Car\",\"id\":\"" VIN1 "\",\"attributes\":%s}}", attributes);
}

/* A canned, valid answer for each read endpoint (§c.3). */
char *
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
    case CARPORT_ENDPOINT_CAR_ADAPTER:
      return kca ("{\"vin\":\"" VIN1 "\",\"carGateway\":\"AVN\",\"canGeneration\":\"C1A\"}");
    case CARPORT_ENDPOINT_NOTIFICATION_SETTINGS:
      return kca ("{}");
    case CARPORT_ENDPOINT_CONTRACTS:
      return g_strdup ("[{\"type\":\"CONNECTED_SERVICES\",\"code\":\"ZECONNECTP\",\"startDate\":\"2024-03-08\","
                       "\"endDate\":\"2027-03-08\",\"status\":\"ACTIVE\",\"description\":\"Connected services\"}]");
    case CARPORT_ENDPOINT_ALERTS:
      return g_strdup ("[]");
    case CARPORT_N_ENDPOINTS:
    default:
      g_assert_not_reached ();
    }
}

/* Routes every endpoint @model supports; returns the number routed. */
guint
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

const char *quota_body =
  "{\"type\":\"FUNCTIONAL\",\"messages\":[{\"code\":\"err.func.wired.overloaded\","
  "\"message\":\"You have reached your quota limit\"}],\"errors\":[{\"errorCode\":\"err.func.wired.overloaded\","
  "\"errorMessage\":\"You have reached your quota limit\"}],\"error_reference\":\"FUNCTIONAL\"}";

const char *not_found_body =
  "{\"errors\":[{\"errorCode\":\"err.func.wired.notFound\",\"errorMessage\":"
  "\"{\\\"errors\\\":[{\\\"errorCode\\\":404,\\\"errorMessage\\\":\\\"There is no data for this vin and uid\\\"}],"
  "\\\"error_reference\\\":\\\"rrt-1\\\"}\"}]}";

const char *upstream_body =
  "{\"type\":\"TECHNICAL\",\"errors\":[{\"errorCode\":\"err.tech.500\",\"errorMessage\":"
  "\"Invalid response from the upstream server (The request sent to the GDC is erroneous) ; 502 Bad Gateway\"}],"
  "\"error_reference\":\"TECHNICAL\"}";

const char *forbidden_body =
  "{\"type\":\"FUNCTIONAL\",\"errors\":[{\"errorCode\":\"err.func.wired.forbidden\","
  "\"errorMessage\":\"The access is forbidden\"}],\"error_reference\":\"FUNCTIONAL\"}";

const char *html_502 =
  "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
  "<center><h1>502 Bad Gateway</h1></center>\r\n</body>\r\n</html>\r\n";

void
notify_count_cb (GObject    *object,
                 GParamSpec *pspec,
                 gpointer    user_data)
{
  (*(guint *) user_data)++;
}

void
test_logging_happened (void)
{
  /* The writer checked every message for secrets; make sure there were some. */
  g_assert_cmpuint (n_debug_messages, >, 10);
}
