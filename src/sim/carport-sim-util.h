/* carport-sim-util.h — helpers shared by the simulator's files (not public API)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

#define CARPORT_SIM_KAMEREON_APIKEY "YjkKtHmGfaceeuExUDKGxrLZGGvtVS0J"

/* Content types the real servers send. */
#define CARPORT_SIM_CT_GIGYA    "text/javascript; charset=utf-8"
#define CARPORT_SIM_CT_JSON     "application/json; charset=utf-8"
#define CARPORT_SIM_CT_JSON_API "application/vnd.api+json; charset=utf-8"
#define CARPORT_SIM_CT_HTML     "text/html; charset=utf-8"

/* JSON */
/* Reading requests, the simulator is as strict as a server: a number is a
 * JSON number (not "21"), an integer a JSON integer. Carport's own reader
 * (src/api/carport-json.h) is lenient the other way, as a client must be. */
char       *_carport_sim_json_to_string        (JsonNode            *node);
JsonNode   *_carport_sim_json_parse            (const char          *data,
                                                gsize                length);
JsonObject *_carport_sim_json_get_object       (JsonObject          *object,
                                                const char          *member);
const char *_carport_sim_json_get_string       (JsonObject          *object,
                                                const char          *member);
gboolean    _carport_sim_json_get_number       (JsonObject          *object,
                                                const char          *member,
                                                double              *out);
gboolean    _carport_sim_json_get_int          (JsonObject          *object,
                                                const char          *member,
                                                gint64              *out);

/* Requests */
char       *_carport_sim_cookie_value          (SoupServerMessage   *msg,
                                                const char          *name);
GHashTable *_carport_sim_form_body             (SoupServerMessage   *msg);

/* Replies */
void        _carport_sim_reply_text            (SoupServerMessage   *msg,
                                                guint                status,
                                                const char          *content_type,
                                                const char          *text);
void        _carport_sim_reply_take            (SoupServerMessage   *msg,
                                                guint                status,
                                                const char          *content_type,
                                                char                *text,
                                                gsize                length);
void        _carport_sim_reply_json            (SoupServerMessage   *msg,
                                                guint                status,
                                                const char          *content_type,
                                                JsonNode            *node);

/* Kamereon error bodies (api-renault.md §d.1) */
guint       _carport_sim_kamereon_error_status (const char          *code);
char       *_carport_sim_nested_error          (const char          *status,
                                                const char          *code,
                                                const char          *title,
                                                const char          *detail,
                                                const char          *pointer);
void        _carport_sim_reply_kamereon_error  (SoupServerMessage   *msg,
                                                const char          *code,
                                                const char          *message);
void        _carport_sim_reply_nissan_error    (SoupServerMessage   *msg,
                                                guint                status,
                                                const char          *code,
                                                const char          *title,
                                                const char          *detail);
void        _carport_sim_reply_html_502        (SoupServerMessage   *msg);

/* Gigya */
const char *_carport_sim_gigya_error_message   (int                  code);
JsonObject *_carport_sim_gigya_object_new      (int                  error_code);
void        _carport_sim_reply_gigya_error     (SoupServerMessage   *msg,
                                                int                  code,
                                                const char          *details);

/* Time and identifiers */
char       *_carport_sim_iso8601               (gint64               real_time_us,
                                                int                  offset_minutes,
                                                gboolean             with_millis);
void        _carport_sim_set_time              (JsonObject          *object,
                                                const char          *member,
                                                gint64               real_time_us);
char       *_carport_sim_local_millis          (gint64               real_time_us);
gboolean    _carport_sim_parse_iso8601         (const char          *text,
                                                gint64              *real_time_us);
char       *_carport_sim_random_hex            (guint                n_bytes);
char       *_carport_sim_base64url             (const guchar        *data,
                                                gsize                length);
guchar     *_carport_sim_base64url_decode      (const char          *text,
                                                gsize               *length);

G_END_DECLS
