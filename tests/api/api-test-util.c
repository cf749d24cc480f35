/* api-test-util.c — the API tests' fixtures. */
#include "api-test-util.h"

#include <string.h>

#include "carport-kamereon-json.h"

GBytes *
load_fixture (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);

  return g_bytes_new_take (contents, length);
}

GBytes *
bytes_from_string (const char *text)
{
  return g_bytes_new (text, strlen (text));
}

JsonNode *
parse_fixture (const char *name)
{
  g_autoptr(GBytes) body = load_fixture (name);
  g_autoptr(GError) error = NULL;
  JsonNode *root;

  root = carport_kamereon_parse_response (200, body, &error);
  g_assert_no_error (error);
  g_assert_nonnull (root);

  return root;
}

CarportVehicle *
vehicle_new (const char    *model_code,
             CarportEnergy  energy)
{
  CarportVehicle *vehicle = carport_vehicle_new (TEST_VIN);

  if (model_code != NULL)
    carport_vehicle_set_model_code (vehicle, model_code);
  carport_vehicle_set_energy (vehicle, energy);

  return vehicle;
}

void
parse_endpoint_fixture (CarportVehicle  *vehicle,
                        CarportEndpoint  endpoint,
                        const char      *name)
{
  g_autoptr(JsonNode) root = parse_fixture (name);
  g_autoptr(GError) error = NULL;

  g_assert_true (carport_kamereon_parse_endpoint (vehicle, endpoint, root, &error));
  g_assert_no_error (error);
}

/* Parses @json as an answer of @endpoint into @vehicle. */
gboolean
parse_endpoint_json (CarportVehicle   *vehicle,
                     CarportEndpoint   endpoint,
                     const char       *json,
                     GError          **error)
{
  g_autoptr(GBytes) body = bytes_from_string (json);
  g_autoptr(JsonNode) root = carport_kamereon_parse_response (200, body, error);

  g_assert_nonnull (root);
  return carport_kamereon_parse_endpoint (vehicle, endpoint, root, error);
}

void
parse_endpoint_string (CarportVehicle  *vehicle,
                       CarportEndpoint  endpoint,
                       const char      *json)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (parse_endpoint_json (vehicle, endpoint, json, &error));
  g_assert_no_error (error);
}

/* An answer whose values are all unusable: INVALID_RESPONSE, nothing changes. */
void
parse_endpoint_string_fails (CarportVehicle  *vehicle,
                             CarportEndpoint  endpoint,
                             const char      *json)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (parse_endpoint_json (vehicle, endpoint, json, &error));
  g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_INVALID_RESPONSE);
  g_assert_nonnull (strstr (error->message, "no usable value"));
}

void
assert_time (GDateTime  *when,
             const char *expected_utc)
{
  g_autofree char *text = NULL;

  if (expected_utc == NULL)
    {
      g_assert_null (when);
      return;
    }

  g_assert_nonnull (when);
  text = carport_format_iso8601_utc (when);
  g_assert_cmpstr (text, ==, expected_utc);
}
