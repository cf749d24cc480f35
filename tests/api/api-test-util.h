/* api-test-util.h — the API tests' fixtures. */
#pragma once

#include <json-glib/json-glib.h>

#include "carport-core.h"

G_BEGIN_DECLS

/* The bytes of fixtures/@name (failing the test when it cannot be read). */
GBytes *load_fixture      (const char *name);
/* @text's bytes, without its NUL. */
GBytes *bytes_from_string (const char *text);

#define TEST_VIN "VF1TEST0000000042"

/* fixtures/@name read as an answer (carport_kamereon_parse_response()). */
JsonNode       *parse_fixture               (const char *name);
/* A car of @model_code (nullable) and @energy, VIN TEST_VIN. */
CarportVehicle *vehicle_new                 (const char *model_code, CarportEnergy energy);
/* Parses fixtures/@name as an answer of @endpoint into @vehicle; it must succeed. */
void            parse_endpoint_fixture      (CarportVehicle *vehicle, CarportEndpoint endpoint, const char *name);
/* Parses @json as an answer of @endpoint into @vehicle. */
gboolean        parse_endpoint_json         (CarportVehicle *vehicle, CarportEndpoint endpoint,
                                             const char *json, GError **error);
/* As parse_endpoint_json(); it must succeed. */
void            parse_endpoint_string       (CarportVehicle *vehicle, CarportEndpoint endpoint, const char *json);
/* An answer whose values are all unusable: INVALID_RESPONSE, nothing changes. */
void            parse_endpoint_string_fails (CarportVehicle *vehicle, CarportEndpoint endpoint, const char *json);
/* @when is @expected_utc ("2024-04-04T04:04:04Z"), or NULL when that is NULL. */
void            assert_time                 (GDateTime *when, const char *expected_utc);

G_END_DECLS
