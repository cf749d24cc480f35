/* carport-renault-json.h — the Kamereon-commerce shapes only Renault's cloud
 * has (docs/api-renault.md §b, §c.3, §e.1). No I/O. */
#pragma once

#include <json-glib/json-glib.h>
#include "carport-core.h"

G_BEGIN_DECLS

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

/* The SRP challenge of an SRP_SALT_REQUEST entry for @notification_id
 * (§e.1): TRUE with its loginSalt and loginB (hex), FALSE while none came. */
gboolean            carport_kamereon_parse_srp_challenge (JsonNode    *root,
                                                          const char  *notification_id,
                                                          char       **out_salt,
                                                          char       **out_b);

/* notifications/kmr answer (wrapped array) → the state of @notification_id:
 * PENDING while the entry is absent or not final, COMPLETED, or FAILED (with a
 * user-readable @message). */
CarportCommandState carport_kamereon_parse_notification (JsonNode    *root,
                                                         const char  *notification_id,
                                                         char       **message);

/* For a FAILED @notification_id: whether its error code says the PIN was
 * refused (the simulator's err.func.srp.wrong-pin and err.func.srp.locked;
 * Renault's own codes are not known, api-renault.md §e.2), with the
 * remainingAttempts it gives in @tries_left (-1: not said). */
CarportPinCheck     carport_kamereon_parse_notification_pin (JsonNode    *root,
                                                             const char  *notification_id,
                                                             int         *tries_left);

G_END_DECLS
