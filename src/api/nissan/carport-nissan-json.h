/* carport-nissan-json.h — JSON <-> model mapping of Nissan's Kamereon hosts
 * (docs/api-nissan.md §1.4, §2, §3, §4), and what Carport remembers per car.
 * No I/O. Bodies shaped like Renault's car-adapter go through the shared
 * parser of carport-kamereon-json.h. */
#pragma once

#include <json-glib/json-glib.h>
#include "carport-core.h"
#include "carport-api-error.h"

G_BEGIN_DECLS

/* Which battery read a car needs (api-nissan.md §4.3). */
typedef enum {
  CARPORT_NISSAN_BATTERY_V1,      /* car-adapter v1 (Leaf and most cars) */
  CARPORT_NISSAN_BATTERY_V2,      /* car-adapter v2 (fallback after a 404/501 of v1 on an EV) */
  CARPORT_NISSAN_BATTERY_BFF_V3,  /* bff-web v3 ?canGen= (Ariya, Micra) */
} CarportNissanBatteryApi;

/* What a car's reads need, learnt from the car list (and from answers). */
typedef struct {
  CarportNissanBatteryApi  battery_api;
  char                    *can_generation;  /* nullable: "C1A_HS EVO" */
  char                    *car_gateway;     /* nullable: "RVG" */
  gboolean                 cockpit_v2;      /* RVG, or v1 answered 404/501 */
} CarportNissanCarInfo;

CarportNissanCarInfo *carport_nissan_car_info_new       (const char *model_name,
                                                         const char *can_generation,
                                                         const char *car_gateway);
/* From what the car list said about @vehicle (its client-data), for a car
 * restored from the cache. */
CarportNissanCarInfo *carport_nissan_car_info_new_for_vehicle (CarportVehicle *vehicle);
CarportNissanCarInfo *carport_nissan_car_info_copy      (const CarportNissanCarInfo *info);
void                  carport_nissan_car_info_free      (CarportNissanCarInfo *info);
/* The info attached to @vehicle (g_object_set_data_full), or NULL. */
CarportNissanCarInfo *carport_nissan_car_info_get       (CarportVehicle *vehicle);
/* Attaches @info (taken) to @vehicle, replacing any. */
void                  carport_nissan_car_info_set       (CarportVehicle *vehicle,
                                                         CarportNissanCarInfo *info);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CarportNissanCarInfo, carport_nissan_car_info_free)

/* "Leaf", "Ariya", "Micra", "Townstar", "Qashqai", "X-Trail", "e-NV200", …
 * whatever case the server used; an unknown name in title case. */
char      *carport_nissan_normalize_model_name (const char *name);

/* An answer of a Kamereon host (user-adapter, bff-web, car-adapter, action
 * status) as a JSON root, or an error of CARPORT_API_ERROR. An "errors"
 * member in any body, whatever the status, array or object (even empty), is
 * an error: 401000/401 UNAUTHORIZED, 403009 PRIVACY_MODE, 403 FORBIDDEN,
 * 404 NOT_FOUND, 501 NOT_SUPPORTED, 409 IN_PROGRESS, 429 QUOTA_LIMIT,
 * 500 SERVER, 502 UPSTREAM; HTML or garbage is INVALID_RESPONSE. */
JsonNode  *carport_nissan_parse_response    (guint       http_status,
                                             GBytes     *body,
                                             GError    **error);

/* The tokens of an OAuth answer (OneID token endpoint, bff-web exchange and
 * refresh). Secrets: wipe them. */
typedef struct {
  char   *access_token;
  char   *refresh_token;  /* nullable */
  char   *id_token;       /* nullable */
  gint64  expires_in;     /* seconds; 3600 when absent or not positive */
} CarportNissanTokens;

void       carport_nissan_tokens_clear      (CarportNissanTokens *tokens);
/* Fills @tokens from a 2xx JSON object with a non-empty access_token (and
 * token_type, when given, "Bearer"). Otherwise FALSE with: the OAuth
 * {"error","error_description"} as a readable FAILED error (@rejected set to
 * TRUE, as for any 400/401/403 status), or INVALID_RESPONSE / SERVER. */
gboolean   carport_nissan_parse_tokens      (guint                http_status,
                                             GBytes              *body,
                                             CarportNissanTokens *tokens,
                                             gboolean            *rejected,
                                             GError             **error);

/* users/current → userId (string or number), or NULL. */
char      *carport_nissan_parse_user_id     (JsonNode *root);

/* v5 cars → a GPtrArray of CarportVehicle (brand NISSAN, VIN upper-cased,
 * model name normalised, account-id @user_id, supported endpoints and
 * commands from the ACTIVATED services) each with its CarportNissanCarInfo
 * attached. NO_VEHICLES when empty; INVALID_RESPONSE when not a list. */
GPtrArray *carport_nissan_parse_cars        (JsonNode    *root,
                                             const char  *user_id,
                                             GError     **error);

/* Merges one read into @vehicle's state, as carport_kamereon_parse_endpoint()
 * does: invalid or implausible values are absent and keep their last good
 * value; an answer whose values are all unusable is INVALID_RESPONSE and
 * changes nothing (one without attributes changes nothing either).
 * @battery_api says which battery shape @root has (ignored for other
 * endpoints). Envelope or flat bodies; each value's own time goes to
 * "updated". */
gboolean   carport_nissan_parse_endpoint    (CarportVehicle          *vehicle,
                                             CarportEndpoint          endpoint,
                                             CarportNissanBatteryApi  battery_api,
                                             JsonNode                *root,
                                             GError                 **error);

/* The action id of a command's answer (data.id), or NULL. */
char      *carport_nissan_parse_action_id   (JsonNode *root);

/* The value named @name in an action-status answer's data:[{name, value}]
 * (the SRP challenge's srpLoginS and srpLoginB), or NULL. */
char      *carport_nissan_parse_action_data (JsonNode   *root,
                                             const char *name);

/* The state of an action-status answer: COMPLETED; FAILED (REJECTED,
 * CANCELLED, TIMEOUT, FAILED, with a readable @message); PENDING otherwise
 * (PENDING, CREATED, PRISTINE, unknown). */
CarportCommandState carport_nissan_parse_action_status (JsonNode  *root,
                                                        char     **message);

/* The climate target temperatures every Nissan takes (api-nissan.md §3.3): 16–26 °C in
 * whole degrees. Listed cars get it as their capabilities. */
extern const CarportClimateRange carport_nissan_climate_range;

/* The car-adapter action of @command: its path below v1/cars/{VIN}/actions/
 * and its JSON body (api-nissan.md §3.3). INVALID_INPUT for a climate temperature outside
 * carport_nissan_climate_range (sent rounded to whole degrees), NOT_SUPPORTED
 * for a kind Nissan lacks. */
char      *carport_nissan_build_action      (CarportCommand  *command,
                                             const char     **out_action,
                                             GError         **error);

G_END_DECLS
