/* carport-sim-util.c — JSON, reply, error-body and time helpers of the simulator
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "carport-sim"

#include "config.h"

#include <string.h>

#include "carport-sim-util.h"

/* ------------------------------------------------------------------------ */
/* JSON                                                                     */
/* ------------------------------------------------------------------------ */

static void
append_string (GString    *out,
               const char *str)
{
  g_string_append_c (out, '"');
  for (const char *p = str; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      switch (c)
        {
        case '"':  g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        case '\b': g_string_append (out, "\\b"); break;
        case '\f': g_string_append (out, "\\f"); break;
        default:
          if (c < 0x20)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_c (out, (char) c);
        }
    }
  g_string_append_c (out, '"');
}

static void
append_double (GString *out,
               double   value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  /* json-glib 1.6 prints 17 significant digits (0.2 → 0.20000000000000001);
   * the real servers print the short form, so do that. */
  g_ascii_formatd (buf, sizeof buf, "%.15g", value);
  g_string_append (out, buf);
  if (strpbrk (buf, ".eEn") == NULL)
    g_string_append (out, ".0");
}

static void
append_node (GString  *out,
             JsonNode *node)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_NULL:
      g_string_append (out, "null");
      break;

    case JSON_NODE_VALUE:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_INT64:
          g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
          break;
        case G_TYPE_DOUBLE:
          append_double (out, json_node_get_double (node));
          break;
        case G_TYPE_BOOLEAN:
          g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
          break;
        case G_TYPE_STRING:
          append_string (out, json_node_get_string (node));
          break;
        default:
          g_string_append (out, "null");
        }
      break;

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint n = json_array_get_length (array);

        g_string_append_c (out, '[');
        for (guint i = 0; i < n; i++)
          {
            if (i > 0)
              g_string_append_c (out, ',');
            append_node (out, json_array_get_element (array, i));
          }
        g_string_append_c (out, ']');
      }
      break;

    case JSON_NODE_OBJECT:
      {
        JsonObjectIter iter;
        const char *name;
        JsonNode *member;
        gboolean first = TRUE;

        g_string_append_c (out, '{');
        json_object_iter_init_ordered (&iter, json_node_get_object (node));
        while (json_object_iter_next_ordered (&iter, &name, &member))
          {
            if (!first)
              g_string_append_c (out, ',');
            first = FALSE;
            append_string (out, name);
            g_string_append_c (out, ':');
            append_node (out, member);
          }
        g_string_append_c (out, '}');
      }
      break;

    default:
      g_assert_not_reached ();
    }
}

/* Compact JSON, members in insertion order, doubles in their short form. */
char *
_carport_sim_json_to_string (JsonNode *node)
{
  GString *out = g_string_new (NULL);

  append_node (out, node);
  return g_string_free (out, FALSE);
}

JsonNode *
_carport_sim_json_parse (const char *data,
                         gsize       length)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();

  if (data == NULL || length == 0)
    return NULL;
  if (!json_parser_load_from_data (parser, data, (gssize) length, NULL))
    return NULL;
  if (json_parser_get_root (parser) == NULL)
    return NULL;
  return json_node_copy (json_parser_get_root (parser));
}

JsonObject *
_carport_sim_json_get_object (JsonObject *object,
                              const char *member)
{
  JsonNode *node;

  if (object == NULL)
    return NULL;
  node = json_object_get_member (object, member);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  return json_node_get_object (node);
}

const char *
_carport_sim_json_get_string (JsonObject *object,
                              const char *member)
{
  JsonNode *node;

  if (object == NULL)
    return NULL;
  node = json_object_get_member (object, member);
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

gboolean
_carport_sim_json_get_number (JsonObject *object,
                              const char *member,
                              double     *out)
{
  JsonNode *node;
  GType type;

  if (object == NULL)
    return FALSE;
  node = json_object_get_member (object, member);
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  type = json_node_get_value_type (node);
  if (type == G_TYPE_INT64)
    *out = (double) json_node_get_int (node);
  else if (type == G_TYPE_DOUBLE)
    *out = json_node_get_double (node);
  else
    return FALSE;
  return TRUE;
}

gboolean
_carport_sim_json_get_int (JsonObject *object,
                           const char *member,
                           gint64     *out)
{
  JsonNode *node;

  if (object == NULL)
    return FALSE;
  node = json_object_get_member (object, member);
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;
  *out = json_node_get_int (node);
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* Replies                                                                  */
/* ------------------------------------------------------------------------ */

void
_carport_sim_reply_take (SoupServerMessage *msg,
                         guint              status,
                         const char        *content_type,
                         char              *text,
                         gsize              length)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, content_type, SOUP_MEMORY_TAKE, text, length);
}

/* The value of the cookie @name the request sent, or NULL. */
char *
_carport_sim_cookie_value (SoupServerMessage *msg,
                           const char        *name)
{
  const char *header = soup_message_headers_get_list (
    soup_server_message_get_request_headers (msg), "Cookie");
  g_autoptr(GHashTable) cookies = NULL;

  if (header == NULL)
    return NULL;
  cookies = soup_header_parse_semi_param_list (header);
  return g_strdup (g_hash_table_lookup (cookies, name));
}

/* The request's form-encoded body, decoded ("+" is a space); never NULL. */
GHashTable *
_carport_sim_form_body (SoupServerMessage *msg)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autofree char *text = NULL;

  if (body == NULL || body->length == 0)
    return g_hash_table_new (g_str_hash, g_str_equal);
  text = g_strndup (body->data, body->length);
  return soup_form_decode (text);
}

void
_carport_sim_reply_text (SoupServerMessage *msg,
                         guint              status,
                         const char        *content_type,
                         const char        *text)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, content_type, SOUP_MEMORY_COPY, text, strlen (text));
}

void
_carport_sim_reply_json (SoupServerMessage *msg,
                         guint              status,
                         const char        *content_type,
                         JsonNode          *node)
{
  char *text = _carport_sim_json_to_string (node);

  _carport_sim_reply_take (msg, status, content_type, text, strlen (text));
}

/* ------------------------------------------------------------------------ */
/* Kamereon errors                                                          */
/* ------------------------------------------------------------------------ */

typedef struct {
  const char *code;
  guint       status;
} ErrorStatus;

static const ErrorStatus error_statuses[] = {
  { "err.func.400", 400 },
  { "err.func.403", 403 },
  { "err.func.privacy.on", 403 },
  { "err.func.wired.forbidden", 403 },
  { "err.func.wired.unauthorized", 401 },
  { "err.func.wired.notFound", 404 },
  { "err.func.wired.not-found", 404 },
  { "err.func.wired.empty-vehicle-link", 404 },
  { "err.func.wired.overloaded", 429 },
  { "err.func.wired.missingRequestParam", 400 },
  { "err.func.wired.invalid-body", 400 },
  { "err.func.wired.invalid-body-format", 400 },
  { "err.func.wired.methodNotAllowed", 405 },
  { "err.tech.500", 500 },
  { "err.tech.501", 501 },
  { "err.tech.502", 502 },
  { "err.tech.wired.kamereon-proxy", 502 },
  { "409001", 409 },
  { "400001", 400 },
};

/* The HTTP status the real gateway sends with an error code. */
guint
_carport_sim_kamereon_error_status (const char *code)
{
  for (guint i = 0; i < G_N_ELEMENTS (error_statuses); i++)
    if (g_str_equal (error_statuses[i].code, code))
      return error_statuses[i].status;
  if (g_str_has_prefix (code, "err.tech."))
    return 500;
  return 400;
}

/* The JSON-in-a-string that many errorMessage fields carry. */
char *
_carport_sim_nested_error (const char *status,
                           const char *code,
                           const char *title,
                           const char *detail,
                           const char *pointer)
{
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonObject) outer = json_object_new ();
  g_autoptr(JsonArray) errors = json_array_new ();
  JsonObject *error = json_object_new ();

  json_object_set_string_member (error, "status", status);
  json_object_set_string_member (error, "code", code);
  if (title != NULL)
    json_object_set_string_member (error, "title", title);
  if (detail != NULL)
    json_object_set_string_member (error, "detail", detail);
  if (pointer != NULL)
    {
      JsonObject *source = json_object_new ();

      json_object_set_string_member (source, "pointer", pointer);
      json_object_set_object_member (error, "source", source);
    }
  json_array_add_object_element (errors, error);
  json_object_set_array_member (outer, "errors", g_steal_pointer (&errors));
  json_node_set_object (root, outer);
  return _carport_sim_json_to_string (root);
}

static char *
default_error_message (const char *code)
{
  if (g_str_equal (code, "err.func.400"))
    return _carport_sim_nested_error ("400", "invalid", "Invalid input", "The request is invalid", NULL);
  if (g_str_equal (code, "err.func.403"))
    return _carport_sim_nested_error ("403", "security.access", NULL, "Access is denied for this resource", NULL);
  if (g_str_equal (code, "err.tech.500"))
    return _carport_sim_nested_error ("Internal Server Error", "500",
                                      "Invalid response from the upstream server (The request sent to the GDC is erroneous) ; 502 Bad Gateway",
                                      NULL, NULL);
  if (g_str_equal (code, "err.tech.501"))
    return _carport_sim_nested_error ("501", "error.internal", NULL,
                                      "This feature is not technically supported by this gateway", NULL);
  if (g_str_equal (code, "err.tech.502"))
    return _carport_sim_nested_error ("502", "gateway.processing", NULL,
                                      "VNEXT error http_code=403 403 FORBIDDEN", NULL);

  static const struct { const char *code, *message; } messages[] = {
    { "err.func.privacy.on", "Privacy mode currently ON" },
    { "err.func.wired.forbidden", "The access is forbidden" },
    { "err.func.wired.unauthorized", "The access is unauthorized" },
    { "err.func.wired.notFound", "Resource not found" },
    { "err.func.wired.not-found", "The specified url does not exist" },
    { "err.func.wired.empty-vehicle-link", "No vehicle in garage" },
    { "err.func.wired.overloaded", "You have reached your quota limit" },
    { "err.func.wired.missingRequestParam", "Missing request parameter" },
    { "err.func.wired.invalid-body", "The request body is invalid" },
    { "err.func.wired.invalid-body-format", "The request body is not well-formed JSON" },
    { "err.func.wired.methodNotAllowed", "Method not allowed" },
    { "err.tech.wired.kamereon-proxy", "Failed to forward request to remote service." },
    { "409001", "A remote CHARGE_MODE is already in progress" },
    { "400001", "The vehicle does not have a GDC gateway" },
  };
  for (guint i = 0; i < G_N_ELEMENTS (messages); i++)
    if (g_str_equal (messages[i].code, code))
      return g_strdup (messages[i].message);
  return g_strdup (code);
}

/* Writes the standard Kamereon error shape with the code's HTTP status.
 * @message NULL means the code's usual message. */
void
_carport_sim_reply_kamereon_error (SoupServerMessage *msg,
                                   const char        *code,
                                   const char        *message)
{
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonObject) body = json_object_new ();
  g_autofree char *text = message ? g_strdup (message) : default_error_message (code);
  gboolean technical = g_str_has_prefix (code, "err.tech.");
  gboolean charge_mode = g_str_equal (code, "409001");
  JsonArray *messages = json_array_new ();
  JsonArray *errors = json_array_new ();
  JsonObject *m = json_object_new ();
  JsonObject *e = json_object_new ();

  json_object_set_string_member (body, "type", technical ? "TECHNICAL" : "FUNCTIONAL");

  /* 409001 is the one code whose messages[].code differs from errorCode. */
  json_object_set_string_member (m, "code", charge_mode ? "err.func.vcps.ev.charge-mode.error" : code);
  json_object_set_string_member (m, "message", text);
  json_array_add_object_element (messages, m);
  json_object_set_array_member (body, "messages", messages);

  json_object_set_string_member (e, "errorCode", code);
  json_object_set_string_member (e, "errorMessage", text);
  if (charge_mode)
    {
      json_object_set_string_member (e, "errorType", "functional");
      json_object_set_string_member (e, "errorLevel", "error");
    }
  json_array_add_object_element (errors, e);
  json_object_set_array_member (body, "errors", errors);

  if (!charge_mode)
    json_object_set_string_member (body, "error_reference", technical ? "TECHNICAL" : "FUNCTIONAL");

  json_node_set_object (root, body);
  _carport_sim_reply_json (msg, _carport_sim_kamereon_error_status (code),
                           CARPORT_SIM_CT_JSON, root);
}

/* A Nissan Kamereon error: {"errors":[{"status":<reason>,"code","title","detail"}]}
 * with HTTP @status (api-nissan.md §1.4); @title and @detail may be NULL. */
void
_carport_sim_reply_nissan_error (SoupServerMessage *msg,
                                 guint              status,
                                 const char        *code,
                                 const char        *title,
                                 const char        *detail)
{
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  JsonObject *outer = json_object_new ();
  JsonArray *errors = json_array_new ();
  JsonObject *error = json_object_new ();
  const char *reason = soup_status_get_phrase (status);

  json_object_set_string_member (error, "status", reason ? reason : "Error");
  json_object_set_string_member (error, "code", code);
  json_object_set_string_member (error, "title", title ? title : (reason ? reason : "Error"));
  if (detail != NULL)
    json_object_set_string_member (error, "detail", detail);
  json_array_add_object_element (errors, error);
  json_object_set_array_member (outer, "errors", errors);
  json_node_take_object (root, outer);
  _carport_sim_reply_json (msg, status, CARPORT_SIM_CT_JSON, root);
}

void
_carport_sim_reply_html_502 (SoupServerMessage *msg)
{
  static const char page[] =
    "<html>\r\n"
    "<head><title>502 Bad Gateway</title></head>\r\n"
    "<body>\r\n"
    "<center><h1>502 Bad Gateway</h1></center>\r\n"
    "</body>\r\n"
    "</html>\r\n";

  _carport_sim_reply_text (msg, SOUP_STATUS_BAD_GATEWAY, CARPORT_SIM_CT_HTML, page);
}

/* ------------------------------------------------------------------------ */
/* Gigya                                                                    */
/* ------------------------------------------------------------------------ */

typedef struct {
  int         code;
  const char *message;
  const char *details;
} GigyaError;

static const GigyaError gigya_errors[] = {
  { 400002, "Missing required parameter", "Missing required parameter" },
  { 400006, "Invalid parameter value", "Invalid parameter value" },
  { 400093, "Invalid ApiKey parameter", "Invalid ApiKey parameter" },
  { 403005, "Unauthorized user", "Unauthorized user" },
  { 403007, "Permission denied", "Permission denied" },
  { 403013, "Unverified user", "Unverified user" },
  { 403042, "Invalid LoginID", "invalid loginID or password" },
  { 403101, "Account Pending TFA Verification", "Pending Two-Factor Authentication" },
  { 500001, "General Server Error", "General Server Error" },
};

const char *
_carport_sim_gigya_error_message (int code)
{
  for (guint i = 0; i < G_N_ELEMENTS (gigya_errors); i++)
    if (gigya_errors[i].code == code)
      return gigya_errors[i].message;
  return "Error";
}

static const char *
status_reason (int status)
{
  switch (status)
    {
    case 200: return "OK";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 409: return "Conflict";
    case 500: return "Internal Server Error";
    default:  return soup_status_get_phrase ((guint) status);
    }
}

/* The members every Gigya answer starts with. @error_code 0 is success;
 * an error's statusCode is its first three digits (403042 → 403). */
JsonObject *
_carport_sim_gigya_object_new (int error_code)
{
  JsonObject *object = json_object_new ();
  g_autofree char *call_id = _carport_sim_random_hex (16);
  g_autofree char *time = _carport_sim_iso8601 (g_get_real_time (), 0, TRUE);
  int status = error_code == 0 ? 200 : error_code / 1000;

  if (status < 100 || status > 599)
    status = 400;
  json_object_set_string_member (object, "callId", call_id);
  json_object_set_int_member (object, "errorCode", error_code);
  if (error_code != 0)
    {
      const char *details = "Error";

      for (guint i = 0; i < G_N_ELEMENTS (gigya_errors); i++)
        if (gigya_errors[i].code == error_code)
          details = gigya_errors[i].details;
      json_object_set_string_member (object, "errorDetails", details);
      json_object_set_string_member (object, "errorMessage",
                                     _carport_sim_gigya_error_message (error_code));
    }
  json_object_set_int_member (object, "apiVersion", 2);
  json_object_set_int_member (object, "statusCode", status);
  json_object_set_string_member (object, "statusReason", status_reason (status));
  json_object_set_string_member (object, "time", time);
  return object;
}

/* Gigya answers errors with HTTP 200 and the error in the body (its REST API
 * does so unless the caller asks for httpStatusCodes=true). */
void
_carport_sim_reply_gigya_error (SoupServerMessage *msg,
                                int                code,
                                const char        *details)
{
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  JsonObject *object = _carport_sim_gigya_object_new (code);

  if (details != NULL)
    json_object_set_string_member (object, "errorDetails", details);
  json_node_take_object (root, object);
  _carport_sim_reply_json (msg, SOUP_STATUS_OK, CARPORT_SIM_CT_GIGYA, root);
}

/* ------------------------------------------------------------------------ */
/* Time and identifiers                                                     */
/* ------------------------------------------------------------------------ */

/* ISO-8601 with "Z" (offset 0) or "+HH:MM". */
char *
_carport_sim_iso8601 (gint64   real_time_us,
                      int      offset_minutes,
                      gboolean with_millis)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (real_time_us / G_USEC_PER_SEC);
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *base = NULL;
  g_autofree char *millis = NULL;
  g_autofree char *zone = NULL;

  if (offset_minutes != 0)
    {
      g_autoptr(GTimeZone) tz = g_time_zone_new_offset (offset_minutes * 60);

      local = g_date_time_to_timezone (utc, tz);
      zone = g_date_time_format (local, "%:z");
    }
  else
    {
      local = g_date_time_ref (utc);
      zone = g_strdup ("Z");
    }
  base = g_date_time_format (local, "%Y-%m-%dT%H:%M:%S");
  if (with_millis)
    millis = g_strdup_printf (".%03d", (int) ((real_time_us % G_USEC_PER_SEC) / 1000));
  return g_strconcat (base, millis ? millis : "", zone, NULL);
}

/* @object.@member = the ISO-8601 UTC time of @real_time_us, "…Z" without millis. */
void
_carport_sim_set_time (JsonObject *object,
                       const char *member,
                       gint64      real_time_us)
{
  g_autofree char *text = _carport_sim_iso8601 (real_time_us, 0, FALSE);

  json_object_set_string_member (object, member, text);
}

/* "2022-02-01T19:01:51.622": the notifications' notifDate, UTC without zone. */
char *
_carport_sim_local_millis (gint64 real_time_us)
{
  g_autofree char *full = _carport_sim_iso8601 (real_time_us, 0, TRUE);

  full[strlen (full) - 1] = '\0';
  return g_steal_pointer (&full);
}

gboolean
_carport_sim_parse_iso8601 (const char *text,
                            gint64     *real_time_us)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) dt = NULL;

  if (text == NULL)
    return FALSE;
  dt = g_date_time_new_from_iso8601 (text, utc);
  if (dt == NULL)
    return FALSE;
  *real_time_us = g_date_time_to_unix (dt) * G_USEC_PER_SEC + g_date_time_get_microsecond (dt);
  return TRUE;
}

char *
_carport_sim_random_hex (guint n_bytes)
{
  GString *out = g_string_sized_new (n_bytes * 2);

  for (guint i = 0; i < n_bytes; i++)
    g_string_append_printf (out, "%02x", (guint) g_random_int_range (0, 256));
  return g_string_free (out, FALSE);
}

char *
_carport_sim_base64url (const guchar *data,
                        gsize         length)
{
  char *text = g_base64_encode (data, length);
  gsize n = strlen (text);

  while (n > 0 && text[n - 1] == '=')
    text[--n] = '\0';
  for (char *p = text; *p != '\0'; p++)
    {
      if (*p == '+')
        *p = '-';
      else if (*p == '/')
        *p = '_';
    }
  return text;
}

guchar *
_carport_sim_base64url_decode (const char *text,
                               gsize      *length)
{
  GString *std = g_string_new (text);

  for (gsize i = 0; i < std->len; i++)
    {
      if (std->str[i] == '-')
        std->str[i] = '+';
      else if (std->str[i] == '_')
        std->str[i] = '/';
      else if (!g_ascii_isalnum (std->str[i]) && std->str[i] != '+' && std->str[i] != '/')
        {
          g_string_free (std, TRUE);
          *length = 0;
          return NULL;
        }
    }
  while (std->len % 4 != 0)
    g_string_append_c (std, '=');
  {
    guchar *out = g_base64_decode (std->str, length);

    g_string_free (std, TRUE);
    return out;
  }
}
