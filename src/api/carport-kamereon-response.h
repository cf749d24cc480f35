/* carport-kamereon-response.h — an answer into JSON or a readable error. */
#pragma once

#include <json-glib/json-glib.h>
#include "carport-api-error.h"

G_BEGIN_DECLS

/* Turns a Kamereon HTTP answer into a JSON root, or an error of CARPORT_API_ERROR.
 * Order as in docs/api-renault.md §b.1: a body starting with '[' is wrapped as
 * {"data":[…]}; a non-JSON body (HTML 502, empty, truncated) is INVALID_RESPONSE
 * (or the HTTP status' class when it says more); an "errors" array maps its first
 * entry by api-renault.md §d (string or integer codes, JSON-in-a-string messages); the old
 * gateway shape {"error":"access_denied"} is API_KEY; only then the HTTP status
 * (401 UNAUTHORIZED, 404 NOT_FOUND, 429 QUOTA_LIMIT, 5xx SERVER, …). The error
 * message is a sentence for people, with the server's detail appended where it helps. */
JsonNode *carport_kamereon_parse_response (guint http_status, GBytes *body, GError **error);

/* The same for Gigya: errorCode > 0 → INVALID_CREDENTIALS (403042), TFA_REQUIRED
 * (403101), LOGIN_EXPIRED (403005, 403013), API_KEY (403007; 400093 "Invalid
 * ApiKey parameter", saying that Renault changed the key of its app and
 * Carport needs an update), FAILED otherwise; non-JSON → INVALID_RESPONSE. */
JsonNode *carport_gigya_parse_response (guint http_status, GBytes *body, GError **error);

/* The readable text of a Kamereon error message, which may carry JSON in a
 * string: its errors[] joined as renault-api does. @nested_code (nullable)
 * receives the first inner code, if any. */
char *carport_kamereon_error_message_details (const char *message, char **nested_code);

G_END_DECLS
