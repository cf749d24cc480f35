/* carport-kamereon-json.h — pure JSON <-> model mapping for the Renault cloud
 * (Gigya and Kamereon). No I/O: every function takes what the transport read. */
#pragma once

#include <json-glib/json-glib.h>
#include "carport-core.h"
#include "carport-api-error.h"

G_BEGIN_DECLS

/* Turns a Kamereon HTTP answer into a JSON root, or an error of CARPORT_API_ERROR.
 * Order as in docs/api-renault.md §b.1: a body starting with '[' is wrapped as
 * {"data":[…]}; a non-JSON body (HTML 502, empty, truncated) is INVALID_RESPONSE
 * (or the HTTP status' class when it says more); an "errors" array maps its first
 * entry by §d (string or integer codes, JSON-in-a-string messages); the old
 * gateway shape {"error":"access_denied"} is API_KEY; only then the HTTP status
 * (401 UNAUTHORIZED, 404 NOT_FOUND, 429 QUOTA_LIMIT, 5xx SERVER, …). The error
 * message is a sentence for people, with the server's detail appended where it helps. */
JsonNode *carport_kamereon_parse_response (guint http_status, GBytes *body, GError **error);

/* The same for Gigya: errorCode > 0 → INVALID_CREDENTIALS (403042), TFA_REQUIRED
 * (403101), LOGIN_EXPIRED (403005, 403013), FAILED otherwise; non-JSON → INVALID_RESPONSE. */
JsonNode *carport_gigya_parse_response (guint http_status, GBytes *body, GError **error);

/* Read endpoints: updates the matching state object of @vehicle inside one
 * freeze/thaw. Every field optional; wrong types are treated as missing.
 * Returns FALSE with INVALID_RESPONSE only when the shape is unusable. */
gboolean carport_kamereon_parse_endpoint (CarportVehicle  *vehicle,
                                          CarportEndpoint  endpoint,
                                          JsonNode        *root,
                                          GError         **error);

typedef struct {
  char *account_id;
  char *account_type;   /* "MYRENAULT", "SFDC", "MYDACIA", … */
} CarportKamereonAccount;
void carport_kamereon_account_free (CarportKamereonAccount *account);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CarportKamereonAccount, carport_kamereon_account_free)

/* persons/{id} → GPtrArray of CarportKamereonAccount (free func set). */
GPtrArray *carport_kamereon_parse_accounts (JsonNode *root, GError **error);

/* accounts/{id}/vehicles → GPtrArray of CarportVehicle (ACTIVE links only),
 * identity filled from vehicleDetails when present. A vehicle whose details
 * were missing has an empty model-code: the caller asks the details endpoint. */
GPtrArray *carport_kamereon_parse_vehicles (JsonNode *root, const char *account_id, GError **error);

/* vehicles/{vin}/details (or a vehicleDetails object) → identity of @vehicle:
 * brand, model code and name, registration, energy, picture URL. */
gboolean carport_kamereon_parse_vehicle_details (CarportVehicle *vehicle, JsonNode *root, GError **error);

/* The "data.id" of an action answer (KCA/KCM JSON:API) or "commandId" (plain KCM). NULL if none. */
char *carport_kamereon_parse_action_id (JsonNode *root);

/* notifications/kmr answer (wrapped array) → the state of @notification_id:
 * PENDING while the entry is absent or not final, COMPLETED, or FAILED (with a
 * user-readable @message). */
CarportCommandState carport_kamereon_parse_notification (JsonNode    *root,
                                                         const char  *notification_id,
                                                         char       **message);

G_END_DECLS
