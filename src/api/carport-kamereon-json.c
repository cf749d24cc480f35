/* carport-kamereon-json.c — JSON <-> model mapping for Gigya and Kamereon.
 *
 * Everything here follows docs/api-renault.md (§b, §c.3, §d, §e.1) and the
 * normalisation rules of docs/cli-json.md. Every field is optional; a value
 * of the wrong type is treated as missing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#define G_LOG_DOMAIN "carport-api"

#include <errno.h>
#include <math.h>
#include <string.h>

#include <glib/gi18n.h>
#include <libsoup/soup.h>

#include "carport-kamereon-json.h"
#include "carport-renault-models.h"

/* Larger answers are refused rather than parsed. */
#define MAX_BODY_SIZE (8 * 1024 * 1024)
/* Server details quoted in error messages are cut at this many characters. */
#define MAX_DETAIL_CHARS 240

static const char * const day_names[CARPORT_N_WEEKDAYS] = {
  "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
};

static const char * const program_day_flags[CARPORT_N_WEEKDAYS] = {
  "programActivationMonday", "programActivationTuesday", "programActivationWednesday",
  "programActivationThursday", "programActivationFriday", "programActivationSaturday",
  "programActivationSunday",
};

/* ------------------------------------------------------------------------ */
/* Lenient member access                                                     */

static JsonNode *
get_member (JsonObject *object,
            const char *name)
{
  JsonNode *node;

  if (object == NULL)
    return NULL;

  node = json_object_get_member (object, name);
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;

  return node;
}

static JsonObject *
get_object (JsonObject *object,
            const char *name)
{
  JsonNode *node = get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;

  return json_node_get_object (node);
}

static JsonArray *
get_array (JsonObject *object,
           const char *name)
{
  JsonNode *node = get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;

  return json_node_get_array (node);
}

static const char *
get_string (JsonObject *object,
            const char *name)
{
  JsonNode *node = get_member (object, name);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

/* A number given as a JSON integer, a JSON double or a numeric string. */
static gboolean
node_get_number (JsonNode *node,
                 double   *out)
{
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;

  type = json_node_get_value_type (node);
  if (type == G_TYPE_INT64)
    {
      *out = (double) json_node_get_int (node);
      return TRUE;
    }
  else if (type == G_TYPE_DOUBLE)
    {
      double value = json_node_get_double (node);

      if (!isfinite (value))
        return FALSE;
      *out = value;
      return TRUE;
    }
  else if (type == G_TYPE_STRING)
    {
      g_autofree char *text = g_strstrip (g_strdup (json_node_get_string (node)));
      char *end = NULL;
      double value;

      if (*text == '\0')
        return FALSE;
      errno = 0;
      value = g_ascii_strtod (text, &end);
      if (errno != 0 || end == text || *end != '\0' || !isfinite (value))
        return FALSE;
      *out = value;
      return TRUE;
    }

  return FALSE;
}

static gboolean
get_number (JsonObject *object,
            const char *name,
            double     *out)
{
  return node_get_number (get_member (object, name), out);
}

/* An integer: rounded, and within the range of int. */
static gboolean
get_int (JsonObject *object,
         const char *name,
         int        *out)
{
  double value;

  if (!get_number (object, name, &value))
    return FALSE;

  value = round (value);
  if (value < G_MININT || value > G_MAXINT)
    return FALSE;

  *out = (int) value;
  return TRUE;
}

static gboolean
get_bool (JsonObject *object,
          const char *name,
          gboolean   *out)
{
  JsonNode *node = get_member (object, name);
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;

  type = json_node_get_value_type (node);
  if (type == G_TYPE_BOOLEAN)
    {
      *out = json_node_get_boolean (node);
      return TRUE;
    }
  else if (type == G_TYPE_STRING)
    {
      const char *text = json_node_get_string (node);

      if (g_ascii_strcasecmp (text, "true") == 0)
        *out = TRUE;
      else if (g_ascii_strcasecmp (text, "false") == 0)
        *out = FALSE;
      else
        return FALSE;
      return TRUE;
    }
  else if (type == G_TYPE_INT64)
    {
      gint64 value = json_node_get_int (node);

      if (value != 0 && value != 1)
        return FALSE;
      *out = value == 1;
      return TRUE;
    }

  return FALSE;
}

static GDateTime *
get_time (JsonObject *object,
          const char *name)
{
  const char *text = get_string (object, name);

  if (text == NULL || *text == '\0')
    return NULL;

  return carport_parse_iso8601 (text);
}

/* A code given as a string or an integer, as a new string. */
static char *
node_dup_code (JsonNode *node)
{
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;

  type = json_node_get_value_type (node);
  if (type == G_TYPE_STRING)
    {
      const char *text = json_node_get_string (node);

      return (text != NULL && *text != '\0') ? g_strstrip (g_strdup (text)) : NULL;
    }
  else if (type == G_TYPE_INT64)
    {
      return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
    }
  else if (type == G_TYPE_DOUBLE)
    {
      double value = json_node_get_double (node);

      if (isfinite (value) && value == round (value) && fabs (value) < 1e15)
        return g_strdup_printf ("%.0f", value);
    }

  return NULL;
}

/* ------------------------------------------------------------------------ */
/* Errors                                                                    */

/* One line, no control characters, not too long. */
static char *
sanitize_detail (const char *detail)
{
  g_autoptr(GString) out = g_string_new (NULL);
  const char *p;
  guint n_chars = 0;
  gboolean space = FALSE;

  if (detail == NULL || !g_utf8_validate (detail, -1, NULL))
    return NULL;

  for (p = detail; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || g_unichar_iscntrl (c))
        {
          space = out->len > 0;
          continue;
        }

      if (n_chars >= MAX_DETAIL_CHARS)
        {
          g_string_append (out, "…");
          break;
        }

      if (space)
        {
          g_string_append_c (out, ' ');
          n_chars++;
          space = FALSE;
        }

      g_string_append_unichar (out, c);
      n_chars++;
    }

  if (out->len == 0)
    return NULL;

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* "<sentence> (<detail>)." — the describe() sentence with the server's words. */
static void
set_error_with_detail (GError          **error,
                       CarportApiError   code,
                       const char       *detail)
{
  const char *sentence = carport_api_error_describe (code);
  g_autofree char *clean = sanitize_detail (detail);
  gsize len;

  if (clean == NULL)
    {
      g_set_error_literal (error, CARPORT_API_ERROR, code, sentence);
      return;
    }

  len = strlen (sentence);
  if (len > 0 && sentence[len - 1] == '.')
    len--;

  g_set_error (error, CARPORT_API_ERROR, code, "%.*s (%s).", (int) len, sentence, clean);
}

static char *
http_status_detail (guint http_status)
{
  const char *phrase = soup_status_get_phrase (http_status);

  if (phrase != NULL && *phrase != '\0')
    return g_strdup_printf ("HTTP %u %s", http_status, phrase);

  return g_strdup_printf ("HTTP %u", http_status);
}

static gboolean
status_is_success (guint http_status)
{
  return http_status >= 200 && http_status < 300;
}

/* What an HTTP status alone says (the body had nothing better). */
static CarportApiError
code_for_http_status (guint http_status)
{
  switch (http_status)
    {
    case 400:
    case 422:
      return CARPORT_API_ERROR_INVALID_INPUT;
    case 401:
      return CARPORT_API_ERROR_UNAUTHORIZED;
    case 403:
      /* A bare 403 without a Kamereon error is the gateway refusing the
       * API key (§a.2: every call failed like this after a key change). */
      return CARPORT_API_ERROR_API_KEY;
    case 404:
    case 405:
      return CARPORT_API_ERROR_NOT_FOUND;
    case 408:
    case 504:
      return CARPORT_API_ERROR_TIMEOUT;
    case 409:
      return CARPORT_API_ERROR_IN_PROGRESS;
    case 429:
      return CARPORT_API_ERROR_QUOTA_LIMIT;
    case 501:
      return CARPORT_API_ERROR_NOT_SUPPORTED;
    default:
      if (http_status >= 500 && http_status < 600)
        return CARPORT_API_ERROR_SERVER;
      return CARPORT_API_ERROR_FAILED;
    }
}

typedef struct {
  const char      *code;
  CarportApiError  error;
} CodeMapping;

/* docs/api-renault.md §d.2, plus the unmapped codes seen in the wild, plus
 * the bare HTTP-like numbers that nested errors carry. */
static const CodeMapping kamereon_codes[] = {
  { "err.func.400", CARPORT_API_ERROR_INVALID_INPUT },
  { "err.func.403", CARPORT_API_ERROR_ACCESS_DENIED },
  { "err.tech.500", CARPORT_API_ERROR_UPSTREAM },
  { "err.tech.501", CARPORT_API_ERROR_NOT_SUPPORTED },
  { "err.tech.502", CARPORT_API_ERROR_UPSTREAM },
  { "err.func.wired.notFound", CARPORT_API_ERROR_NOT_FOUND },
  { "err.func.wired.not-found", CARPORT_API_ERROR_NOT_FOUND },
  { "err.func.wired.methodNotAllowed", CARPORT_API_ERROR_NOT_FOUND },
  { "err.tech.wired.kamereon-proxy", CARPORT_API_ERROR_UPSTREAM },
  { "err.func.wired.overloaded", CARPORT_API_ERROR_QUOTA_LIMIT },
  { "err.func.privacy.on", CARPORT_API_ERROR_PRIVACY_MODE },
  { "err.func.wired.forbidden", CARPORT_API_ERROR_FORBIDDEN },
  { "err.func.wired.unauthorized", CARPORT_API_ERROR_UNAUTHORIZED },
  { "err.func.wired.empty-vehicle-link", CARPORT_API_ERROR_NO_VEHICLES },
  { "err.func.wired.invalid-body", CARPORT_API_ERROR_INVALID_INPUT },
  { "err.func.wired.invalid-body-format", CARPORT_API_ERROR_INVALID_INPUT },
  { "err.func.wired.missingRequestParam", CARPORT_API_ERROR_INVALID_INPUT },
  { "409001", CARPORT_API_ERROR_IN_PROGRESS },
  { "400001", CARPORT_API_ERROR_NOT_SUPPORTED },
  { "403011", CARPORT_API_ERROR_ACCESS_DENIED },
  { "400", CARPORT_API_ERROR_INVALID_INPUT },
  { "401", CARPORT_API_ERROR_UNAUTHORIZED },
  { "403", CARPORT_API_ERROR_ACCESS_DENIED },
  { "404", CARPORT_API_ERROR_NOT_FOUND },
  { "409", CARPORT_API_ERROR_IN_PROGRESS },
  { "429", CARPORT_API_ERROR_QUOTA_LIMIT },
  { "500", CARPORT_API_ERROR_SERVER },
  { "501", CARPORT_API_ERROR_NOT_SUPPORTED },
  { "502", CARPORT_API_ERROR_SERVER },
  { "503", CARPORT_API_ERROR_SERVER },
};

static gboolean
lookup_kamereon_code (const char      *code,
                      CarportApiError *out)
{
  if (code == NULL)
    return FALSE;

  for (gsize i = 0; i < G_N_ELEMENTS (kamereon_codes); i++)
    {
      if (g_ascii_strcasecmp (kamereon_codes[i].code, code) == 0)
        {
          *out = kamereon_codes[i].error;
          return TRUE;
        }
    }

  return FALSE;
}

/* The message of an error entry: plain text, or JSON in a string whose
 * errors[] are joined as renault-api does ("title pointer detail", ", "
 * between errors). @nested_code receives the first inner code, if any. */
static char *
error_message_details (const char  *message,
                       char       **nested_code)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GString) joined = NULL;
  const char *p;
  JsonNode *root;
  JsonArray *errors;

  if (message == NULL)
    return NULL;

  for (p = message; g_ascii_isspace (*p); p++)
    ;
  if (*p != '{')
    return g_strdup (message);

  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, p, -1, NULL))
    return g_strdup (message);

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return g_strdup (message);

  errors = get_array (json_node_get_object (root), "errors");
  if (errors == NULL)
    return g_strdup (message);

  joined = g_string_new (NULL);
  for (guint i = 0; i < json_array_get_length (errors); i++)
    {
      JsonNode *node = json_array_get_element (errors, i);
      g_autoptr(GString) one = g_string_new (NULL);
      const char *parts[4];
      JsonObject *inner;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      inner = json_node_get_object (node);

      if (nested_code != NULL && *nested_code == NULL)
        {
          *nested_code = node_dup_code (get_member (inner, "code"));
          if (*nested_code == NULL)
            *nested_code = node_dup_code (get_member (inner, "errorCode"));
        }

      parts[0] = get_string (inner, "title");
      parts[1] = get_string (get_object (inner, "source"), "pointer");
      parts[2] = get_string (inner, "detail");
      parts[3] = get_string (inner, "errorMessage");

      for (guint j = 0; j < G_N_ELEMENTS (parts); j++)
        {
          if (parts[j] == NULL || *parts[j] == '\0')
            continue;
          if (one->len > 0)
            g_string_append_c (one, ' ');
          g_string_append (one, parts[j]);
        }

      if (one->len == 0)
        continue;
      if (joined->len > 0)
        g_string_append (joined, ", ");
      g_string_append (joined, one->str);
    }

  if (joined->len == 0)
    return g_strdup (message);

  return g_string_free (g_steal_pointer (&joined), FALSE);
}

/* Sets @error from a Kamereon error body: errors[0] first, messages[0] when
 * errors[0] lacks a code or message (§d.1). */
static void
set_kamereon_error (JsonObject  *object,
                    guint        http_status,
                    GError     **error)
{
  JsonArray *errors = get_array (object, "errors");
  JsonArray *messages = get_array (object, "messages");
  JsonObject *entry = NULL;
  JsonObject *message_entry = NULL;
  g_autofree char *code = NULL;
  g_autofree char *nested_code = NULL;
  g_autofree char *details = NULL;
  const char *raw_message = NULL;
  CarportApiError mapped;

  if (errors != NULL && json_array_get_length (errors) > 0)
    {
      JsonNode *node = json_array_get_element (errors, 0);

      if (JSON_NODE_HOLDS_OBJECT (node))
        entry = json_node_get_object (node);
      else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        raw_message = json_node_get_string (node);
    }

  if (messages != NULL && json_array_get_length (messages) > 0)
    {
      JsonNode *node = json_array_get_element (messages, 0);

      if (JSON_NODE_HOLDS_OBJECT (node))
        message_entry = json_node_get_object (node);
    }

  if (entry != NULL)
    {
      code = node_dup_code (get_member (entry, "errorCode"));
      if (code == NULL)
        code = node_dup_code (get_member (entry, "code"));
      raw_message = get_string (entry, "errorMessage");
      if (raw_message == NULL)
        raw_message = get_string (entry, "message");
      if (raw_message == NULL)
        raw_message = get_string (entry, "detail");
    }

  if (code == NULL && message_entry != NULL)
    code = node_dup_code (get_member (message_entry, "code"));
  if (raw_message == NULL && message_entry != NULL)
    raw_message = get_string (message_entry, "message");

  details = error_message_details (raw_message, &nested_code);

  /* The top-level code wins ("409001" over messages[].code), then the one
   * nested in the message, then what the HTTP status says. */
  if (!lookup_kamereon_code (code, &mapped) &&
      !lookup_kamereon_code (nested_code, &mapped))
    {
      mapped = CARPORT_API_ERROR_FAILED;
      if (!status_is_success (http_status) &&
          code_for_http_status (http_status) != CARPORT_API_ERROR_API_KEY)
        mapped = code_for_http_status (http_status);
    }

  if (mapped == CARPORT_API_ERROR_FAILED && code != NULL)
    {
      g_autofree char *with_code = NULL;

      with_code = details != NULL ? g_strdup_printf ("%s: %s", code, details) : g_strdup (code);
      set_error_with_detail (error, mapped, with_code);
    }
  else
    {
      set_error_with_detail (error, mapped, details);
    }
}

/* ------------------------------------------------------------------------ */
/* Response parsing                                                          */

/* Parses @body; NULL (without error) when it is not JSON at all. On return
 * @empty tells whether the body held nothing but white space. */
static JsonNode *
load_body (GBytes   *body,
           gboolean *empty,
           gboolean *too_large)
{
  g_autoptr(JsonParser) parser = NULL;
  const char *data = NULL;
  gsize len = 0;

  *empty = TRUE;
  *too_large = FALSE;

  if (body != NULL)
    data = g_bytes_get_data (body, &len);

  if (data == NULL)
    return NULL;

  if (len > MAX_BODY_SIZE)
    {
      *empty = FALSE;
      *too_large = TRUE;
      return NULL;
    }

  /* A UTF-8 byte order mark, then white space. */
  if (len >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      data += 3;
      len -= 3;
    }
  while (len > 0 && g_ascii_isspace (*data))
    {
      data++;
      len--;
    }

  if (len == 0)
    return NULL;

  *empty = FALSE;

  if (*data != '{' && *data != '[')
    return NULL;

  if (memchr (data, '\0', len) != NULL || !g_utf8_validate_len (data, len, NULL))
    return NULL;

  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, data, (gssize) len, NULL))
    return NULL;

  return json_parser_steal_root (parser);
}

/* {"data": […]} around a top-level array (§b.1). */
static JsonNode *
wrap_array (JsonNode *array_node)
{
  JsonObject *object = json_object_new ();
  JsonNode *root = json_node_new (JSON_NODE_OBJECT);

  json_object_set_member (object, "data", array_node);
  json_node_take_object (root, object);

  return root;
}

JsonNode *
carport_kamereon_parse_response (guint    http_status,
                                 GBytes  *body,
                                 GError **error)
{
  g_autoptr(JsonNode) root = NULL;
  gboolean empty, too_large;
  JsonObject *object;
  const char *gateway_error;

  root = load_body (body, &empty, &too_large);

  if (root == NULL || !(JSON_NODE_HOLDS_OBJECT (root) || JSON_NODE_HOLDS_ARRAY (root)))
    {
      g_autofree char *detail = http_status_detail (http_status);

      if (too_large)
        {
          set_error_with_detail (error, CARPORT_API_ERROR_INVALID_RESPONSE,
                                 _("the answer is too large"));
          return NULL;
        }

      /* A body that is not JSON: the status says more for these. */
      if (http_status == 401 || http_status == 403 || http_status == 404 ||
          http_status == 429 || http_status == 501 ||
          (empty && !status_is_success (http_status) && http_status >= 400))
        {
          set_error_with_detail (error, code_for_http_status (http_status), detail);
          return NULL;
        }

      /* 204 No Content and friends: nothing to read, nothing wrong. */
      if (empty && status_is_success (http_status) && http_status != 200)
        {
          JsonNode *node = json_node_new (JSON_NODE_OBJECT);

          json_node_take_object (node, json_object_new ());
          return node;
        }

      if (empty && status_is_success (http_status))
        set_error_with_detail (error, CARPORT_API_ERROR_INVALID_RESPONSE, _("empty answer"));
      else
        set_error_with_detail (error, CARPORT_API_ERROR_INVALID_RESPONSE, detail);
      return NULL;
    }

  if (JSON_NODE_HOLDS_ARRAY (root))
    root = wrap_array (g_steal_pointer (&root));

  object = json_node_get_object (root);

  if (get_array (object, "errors") != NULL && json_array_get_length (get_array (object, "errors")) > 0)
    {
      set_kamereon_error (object, http_status, error);
      return NULL;
    }

  gateway_error = get_string (object, "error");
  if (gateway_error != NULL)
    {
      const char *description = get_string (object, "error_description");
      g_autofree char *detail = NULL;
      CarportApiError code;

      if (g_ascii_strcasecmp (gateway_error, "access_denied") == 0)
        code = CARPORT_API_ERROR_API_KEY;
      else if (g_ascii_strcasecmp (gateway_error, "invalid_token") == 0)
        code = CARPORT_API_ERROR_UNAUTHORIZED;
      else if (!status_is_success (http_status))
        code = code_for_http_status (http_status);
      else
        code = CARPORT_API_ERROR_FAILED;

      detail = description != NULL ? g_strdup_printf ("%s: %s", gateway_error, description)
                                   : g_strdup (gateway_error);
      set_error_with_detail (error, code, detail);
      return NULL;
    }

  if (!status_is_success (http_status))
    {
      g_autofree char *detail = http_status_detail (http_status);
      const char *message = get_string (object, "message");
      g_autofree char *full = NULL;

      if (message != NULL && *message != '\0')
        full = g_strdup_printf ("%s: %s", detail, message);

      set_error_with_detail (error, code_for_http_status (http_status),
                             full != NULL ? full : detail);
      return NULL;
    }

  return g_steal_pointer (&root);
}

static gboolean
gigya_error_code (JsonObject *object,
                  gint64     *out)
{
  double value;

  if (!node_get_number (get_member (object, "errorCode"), &value))
    return FALSE;

  *out = (gint64) value;
  return TRUE;
}

JsonNode *
carport_gigya_parse_response (guint    http_status,
                              GBytes  *body,
                              GError **error)
{
  g_autoptr(JsonNode) root = NULL;
  gboolean empty, too_large;
  JsonObject *object;
  gint64 code = 0;

  root = load_body (body, &empty, &too_large);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_autofree char *detail = NULL;

      if (too_large)
        detail = g_strdup (_("the answer is too large"));
      else if (empty)
        detail = g_strdup (_("empty answer from the login server"));
      else if (!status_is_success (http_status))
        detail = http_status_detail (http_status);
      else
        detail = g_strdup (_("the login server did not send JSON"));

      set_error_with_detail (error, CARPORT_API_ERROR_INVALID_RESPONSE, detail);
      return NULL;
    }

  object = json_node_get_object (root);

  if (gigya_error_code (object, &code) && code > 0)
    {
      const char *details = get_string (object, "errorDetails");
      const char *message = get_string (object, "errorMessage");
      const char *text = (details != NULL && *details != '\0') ? details : message;
      g_autofree char *with_code = NULL;

      switch (code)
        {
        case 403042:
          set_error_with_detail (error, CARPORT_API_ERROR_INVALID_CREDENTIALS, text);
          break;
        case 403101:
          set_error_with_detail (error, CARPORT_API_ERROR_TFA_REQUIRED, NULL);
          break;
        case 403005:
        case 403013:
          set_error_with_detail (error, CARPORT_API_ERROR_LOGIN_EXPIRED, text);
          break;
        case 403007:
          /* Seen when a Gigya key had been rotated (§a.2). */
          set_error_with_detail (error, CARPORT_API_ERROR_API_KEY, text);
          break;
        default:
          with_code = text != NULL ? g_strdup_printf ("%" G_GINT64_FORMAT ": %s", code, text)
                                   : g_strdup_printf ("%" G_GINT64_FORMAT, code);
          set_error_with_detail (error, CARPORT_API_ERROR_FAILED, with_code);
          break;
        }
      return NULL;
    }

  if (!status_is_success (http_status))
    {
      g_autofree char *detail = http_status_detail (http_status);
      CarportApiError mapped = code_for_http_status (http_status);

      if (mapped == CARPORT_API_ERROR_UNAUTHORIZED)
        mapped = CARPORT_API_ERROR_LOGIN_EXPIRED;
      set_error_with_detail (error, mapped, detail);
      return NULL;
    }

  return g_steal_pointer (&root);
}

/* ------------------------------------------------------------------------ */
/* Normalisation helpers                                                     */

static CarportPlugState
plug_state_from_value (int value)
{
  switch (value)
    {
    case 0:
      return CARPORT_PLUG_STATE_UNPLUGGED;
    case 1:
      return CARPORT_PLUG_STATE_PLUGGED;
    case -1:
      return CARPORT_PLUG_STATE_ERROR;
    default:
      return CARPORT_PLUG_STATE_UNKNOWN;
    }
}

static CarportChargingState
charging_state_from_value (double   value,
                           gboolean plug_known,
                           int      plug)
{
  double tenths = round (value * 10.0);

  if (tenths < G_MININT || tenths > G_MAXINT)
    return CARPORT_CHARGING_STATE_UNKNOWN;

  switch ((int) tenths)
    {
    case 0:
      return CARPORT_CHARGING_STATE_NOT_CHARGING;
    case 1:
      return CARPORT_CHARGING_STATE_WAITING_PLANNED;
    case 2:
      return CARPORT_CHARGING_STATE_ENDED;
    case 3:
      return CARPORT_CHARGING_STATE_WAITING_CURRENT;
    case 4:
      return CARPORT_CHARGING_STATE_FLAP_OPEN;
    case 10:
      return CARPORT_CHARGING_STATE_CHARGING;
    case -10:
      /* ZE40 reports -1.0 for "not plugged, not charging". */
      if (plug_known && plug == 0)
        return CARPORT_CHARGING_STATE_NOT_CHARGING;
      return CARPORT_CHARGING_STATE_ERROR;
    case -11:
      return CARPORT_CHARGING_STATE_UNAVAILABLE;
    case -13:
      return CARPORT_CHARGING_STATE_V2G_WAITING;
    case -14:
      return CARPORT_CHARGING_STATE_V2L_CONNECTED;
    case -15:
      return CARPORT_CHARGING_STATE_V2G_DISCHARGING;
    case -16:
      return CARPORT_CHARGING_STATE_V2G_CHARGING;
    default:
      return CARPORT_CHARGING_STATE_UNKNOWN;
    }
}

static CarportChargeMode
charge_mode_from_string (const char *text)
{
  if (text == NULL)
    return CARPORT_CHARGE_MODE_NONE;

  if (g_ascii_strcasecmp (text, "always") == 0 ||
      g_ascii_strcasecmp (text, "always_charging") == 0)
    return CARPORT_CHARGE_MODE_ALWAYS;
  if (g_ascii_strcasecmp (text, "scheduled") == 0 ||
      g_ascii_strcasecmp (text, "schedule_mode") == 0)
    return CARPORT_CHARGE_MODE_SCHEDULED;
  if (g_ascii_strcasecmp (text, "delayed") == 0)
    return CARPORT_CHARGE_MODE_DELAYED;

  return CARPORT_CHARGE_MODE_NONE;
}

static CarportOpeningState
opening_state_from_string (const char *text)
{
  if (text == NULL)
    return CARPORT_OPENING_STATE_NONE;
  if (g_ascii_strcasecmp (text, "open") == 0 || g_ascii_strcasecmp (text, "opened") == 0)
    return CARPORT_OPENING_STATE_OPEN;
  if (g_ascii_strcasecmp (text, "closed") == 0)
    return CARPORT_OPENING_STATE_CLOSED;
  return CARPORT_OPENING_STATE_NONE;
}

/* "HH:MM" from "THH:MMZ", "HH:MM", "HH:MM:SS" or, with @compact, "HHMM". */
static char *
normalize_time (const char *text,
                gboolean    compact)
{
  const char *p = text;
  int hour, minute;

  if (p == NULL)
    return NULL;

  while (g_ascii_isspace (*p))
    p++;
  if (*p == 'T' || *p == 't')
    p++;

  if (!g_ascii_isdigit (p[0]) || !g_ascii_isdigit (p[1]))
    return NULL;
  hour = g_ascii_digit_value (p[0]) * 10 + g_ascii_digit_value (p[1]);
  p += 2;

  if (*p == ':')
    p++;
  else if (!compact)
    return NULL;

  if (!g_ascii_isdigit (p[0]) || !g_ascii_isdigit (p[1]))
    return NULL;
  minute = g_ascii_digit_value (p[0]) * 10 + g_ascii_digit_value (p[1]);
  p += 2;

  if (p[0] == ':' && g_ascii_isdigit (p[1]) && g_ascii_isdigit (p[2]))
    p += 3;
  if (*p == '.')
    {
      p++;
      while (g_ascii_isdigit (*p))
        p++;
    }
  if (*p == 'Z' || *p == 'z')
    p++;
  while (g_ascii_isspace (*p))
    p++;

  if (*p != '\0' || hour > 23 || minute > 59)
    return NULL;

  return g_strdup_printf ("%02d:%02d", hour, minute);
}

static CarportSchedule *
schedule_new (int                 id,
              CarportScheduleKind kind,
              gboolean            activated,
              guint               days,
              const char         *start_time,
              gboolean            is_utc,
              int                 duration)
{
  CarportSchedule *schedule = carport_schedule_new ();

  carport_schedule_set_id (schedule, id);
  carport_schedule_set_kind (schedule, kind);
  carport_schedule_set_activated (schedule, activated);
  carport_schedule_set_days (schedule, days);
  carport_schedule_set_start_time (schedule, start_time);
  carport_schedule_set_start_time_is_utc (schedule, is_utc);
  carport_schedule_set_duration_minutes (schedule, duration);

  return schedule;
}

typedef struct {
  char     *time;
  int       duration;
  gboolean  activated;
  guint     days;
} DayGroup;

static void
day_groups_clear (DayGroup *groups,
                  guint     n_groups)
{
  for (guint i = 0; i < n_groups; i++)
    g_clear_pointer (&groups[i].time, g_free);
}

/* Adds day @day to the group with the same time, duration and activation. */
static void
day_groups_add (DayGroup   *groups,
                guint      *n_groups,
                guint       max_groups,
                guint       day,
                char       *time,
                int         duration,
                gboolean    activated)
{
  for (guint i = 0; i < *n_groups; i++)
    {
      if (g_strcmp0 (groups[i].time, time) == 0 &&
          groups[i].duration == duration &&
          groups[i].activated == activated)
        {
          groups[i].days |= 1u << day;
          g_free (time);
          return;
        }
    }

  if (*n_groups >= max_groups)
    {
      g_free (time);
      return;
    }

  groups[*n_groups].time = time;
  groups[*n_groups].duration = duration;
  groups[*n_groups].activated = activated;
  groups[*n_groups].days = 1u << day;
  (*n_groups)++;
}

/* KCA schedules (charging-settings, hvac-settings): one CarportSchedule per
 * group of days that share a time and a duration (§c.3). A schedule without
 * any day still gives one entry, so that its id and state are known. */
static GPtrArray *
parse_kca_schedules (JsonArray *array,
                     gboolean   climate)
{
  GPtrArray *result = g_ptr_array_new_with_free_func (g_object_unref);
  CarportScheduleKind kind = climate ? CARPORT_SCHEDULE_KIND_CLIMATE : CARPORT_SCHEDULE_KIND_CHARGE;

  if (array == NULL)
    return result;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      DayGroup groups[CARPORT_N_WEEKDAYS] = { { 0, } };
      guint n_groups = 0;
      JsonObject *object;
      gboolean activated = FALSE;
      int id;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      object = json_node_get_object (node);

      if (!get_int (object, "id", &id))
        id = (int) i + 1;
      get_bool (object, "activated", &activated);

      for (guint day = 0; day < CARPORT_N_WEEKDAYS; day++)
        {
          JsonObject *slot = get_object (object, day_names[day]);
          char *time;
          int duration = -1;

          if (slot == NULL)
            continue;

          time = normalize_time (get_string (slot, climate ? "readyAtTime" : "startTime"), FALSE);
          if (!climate && (!get_int (slot, "duration", &duration) || duration < 0))
            duration = -1;

          if (time == NULL && duration < 0)
            continue;

          day_groups_add (groups, &n_groups, G_N_ELEMENTS (groups), day, time, duration, activated);
        }

      if (n_groups == 0)
        g_ptr_array_add (result, schedule_new (id, kind, activated, 0, NULL, TRUE, -1));

      for (guint g = 0; g < n_groups; g++)
        g_ptr_array_add (result, schedule_new (id, kind, activated, groups[g].days,
                                               groups[g].time, TRUE, groups[g].duration));

      day_groups_clear (groups, n_groups);
    }

  return result;
}

/* The ZE40-era calendar (§c.3 charge-schedule): slots per day, grouped over
 * days by start time, duration and activation; times are UTC. */
static GPtrArray *
parse_calendar (JsonObject *calendar)
{
  GPtrArray *result = g_ptr_array_new_with_free_func (g_object_unref);
  DayGroup groups[32] = { { 0, } };
  guint n_groups = 0;

  if (calendar == NULL)
    return result;

  for (guint day = 0; day < CARPORT_N_WEEKDAYS; day++)
    {
      JsonArray *slots = get_array (calendar, day_names[day]);

      if (slots == NULL)
        continue;

      for (guint i = 0; i < json_array_get_length (slots); i++)
        {
          JsonNode *node = json_array_get_element (slots, i);
          JsonObject *slot;
          gboolean activated = FALSE;
          int duration = -1;
          char *time;

          if (!JSON_NODE_HOLDS_OBJECT (node))
            continue;
          slot = json_node_get_object (node);

          time = normalize_time (get_string (slot, "startTime"), TRUE);
          if (!get_int (slot, "duration", &duration) || duration < 0)
            duration = -1;
          get_bool (slot, "activationState", &activated);

          if (time == NULL && duration < 0)
            {
              g_free (time);
              continue;
            }

          day_groups_add (groups, &n_groups, G_N_ELEMENTS (groups), day, time, duration, activated);
        }
    }

  for (guint g = 0; g < n_groups; g++)
    g_ptr_array_add (result, schedule_new ((int) g + 1, CARPORT_SCHEDULE_KIND_CHARGE,
                                           groups[g].activated, groups[g].days,
                                           groups[g].time, TRUE, groups[g].duration));

  day_groups_clear (groups, n_groups);

  return result;
}

/* KCM ev/settings programmes: local departure times, one entry each. */
static GPtrArray *
parse_programs (JsonArray *programs)
{
  GPtrArray *result = g_ptr_array_new_with_free_func (g_object_unref);

  if (programs == NULL)
    return result;

  for (guint i = 0; i < json_array_get_length (programs); i++)
    {
      JsonNode *node = json_array_get_element (programs, i);
      CarportScheduleKind kind = CARPORT_SCHEDULE_KIND_CHARGE;
      g_autofree char *time = NULL;
      JsonObject *program;
      gboolean activated = FALSE;
      const char *type;
      guint days = 0;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      program = json_node_get_object (node);

      type = get_string (program, "programType");
      if (g_strcmp0 (type, "PRECONDITIONING") == 0)
        kind = CARPORT_SCHEDULE_KIND_CLIMATE;
      else if (g_strcmp0 (type, "CHARGE_AND_PRECONDITIONING") == 0)
        kind = CARPORT_SCHEDULE_KIND_CHARGE_AND_CLIMATE;

      get_bool (program, "programActivationStatus", &activated);

      for (guint day = 0; day < CARPORT_N_WEEKDAYS; day++)
        {
          gboolean on = FALSE;

          if (get_bool (program, program_day_flags[day], &on) && on)
            days |= 1u << day;
        }

      time = normalize_time (get_string (program, "programDepartureTime"), FALSE);

      g_ptr_array_add (result, schedule_new ((int) i + 1, kind, activated, days, time, FALSE, -1));
    }

  return result;
}

/* ------------------------------------------------------------------------ */
/* Read endpoints                                                            */

static gboolean
percent_is_valid (int value)
{
  return value >= 0 && value <= 100;
}

static void
parse_battery_status (CarportVehicle *vehicle,
                      JsonObject     *attrs)
{
  CarportBattery *battery = carport_vehicle_get_battery (vehicle);
  g_autoptr(GDateTime) updated = get_time (attrs, "timestamp");
  gboolean plug_known;
  double number;
  int value, plug = 0;

  g_object_freeze_notify (G_OBJECT (battery));

  if (get_int (attrs, "batteryLevel", &value) && percent_is_valid (value))
    carport_battery_set_level_percent (battery, value);
  else
    carport_battery_set_level_percent (battery, -1);

  if (get_number (attrs, "batteryAutonomy", &number) && number >= 0)
    carport_battery_set_range_km (battery, number);
  else
    carport_battery_set_range_km (battery, CARPORT_UNKNOWN_DOUBLE);

  if (get_number (attrs, "batteryTemperature", &number))
    carport_battery_set_temperature_c (battery, number);
  else
    carport_battery_set_temperature_c (battery, CARPORT_UNKNOWN_DOUBLE);

  /* 0 kWh means "not reported" (cli-json.md). */
  if (get_number (attrs, "batteryAvailableEnergy", &number) && number > 0)
    carport_battery_set_available_energy_kwh (battery, number);
  else
    carport_battery_set_available_energy_kwh (battery, CARPORT_UNKNOWN_DOUBLE);

  plug_known = get_int (attrs, "plugStatus", &plug);
  carport_battery_set_plug (battery, plug_known ? plug_state_from_value (plug)
                                                : CARPORT_PLUG_STATE_NONE);

  if (get_number (attrs, "chargingStatus", &number))
    carport_battery_set_charging (battery, charging_state_from_value (number, plug_known, plug));
  else
    carport_battery_set_charging (battery, CARPORT_CHARGING_STATE_NONE);

  if (get_number (attrs, "chargingInstantaneousPower", &number))
    {
      if (carport_renault_model_reports_watts (carport_vehicle_get_model_code (vehicle)))
        number /= 1000.0;
      carport_battery_set_charging_power_kw (battery, number);
    }
  else
    {
      carport_battery_set_charging_power_kw (battery, CARPORT_UNKNOWN_DOUBLE);
    }

  if (get_int (attrs, "chargingRemainingTime", &value) && value >= 0)
    carport_battery_set_remaining_minutes (battery, value);
  else
    carport_battery_set_remaining_minutes (battery, -1);

  carport_battery_set_updated (battery, updated);

  g_object_thaw_notify (G_OBJECT (battery));
}

static void
parse_cockpit (CarportVehicle *vehicle,
               JsonObject     *attrs)
{
  CarportCockpit *cockpit = carport_vehicle_get_cockpit (vehicle);
  g_autoptr(GDateTime) updated = get_time (attrs, "timestamp");
  gboolean electric = carport_vehicle_get_energy (vehicle) == CARPORT_ENERGY_ELECTRIC;
  double number;

  g_object_freeze_notify (G_OBJECT (cockpit));

  if (get_number (attrs, "totalMileage", &number) && number >= 0)
    carport_cockpit_set_mileage_km (cockpit, number);
  else
    carport_cockpit_set_mileage_km (cockpit, CARPORT_UNKNOWN_DOUBLE);

  /* EVs report 0 for the fuel fields. */
  if (get_number (attrs, "fuelAutonomy", &number) && number >= 0 && !(electric && number == 0))
    carport_cockpit_set_fuel_range_km (cockpit, number);
  else
    carport_cockpit_set_fuel_range_km (cockpit, CARPORT_UNKNOWN_DOUBLE);

  if (get_number (attrs, "fuelQuantity", &number) && number >= 0 && !(electric && number == 0))
    carport_cockpit_set_fuel_litres (cockpit, number);
  else
    carport_cockpit_set_fuel_litres (cockpit, CARPORT_UNKNOWN_DOUBLE);

  carport_cockpit_set_updated (cockpit, updated);

  g_object_thaw_notify (G_OBJECT (cockpit));
}

static void
parse_location (CarportVehicle *vehicle,
                JsonObject     *attrs)
{
  CarportLocation *location = carport_vehicle_get_location (vehicle);
  g_autoptr(GDateTime) updated = get_time (attrs, "lastUpdateTime");
  double latitude, longitude;
  gboolean valid;

  valid = get_number (attrs, "gpsLatitude", &latitude) &&
          get_number (attrs, "gpsLongitude", &longitude) &&
          latitude >= -90 && latitude <= 90 &&
          longitude >= -180 && longitude <= 180;

  g_object_freeze_notify (G_OBJECT (location));
  carport_location_set_latitude (location, valid ? latitude : CARPORT_UNKNOWN_DOUBLE);
  carport_location_set_longitude (location, valid ? longitude : CARPORT_UNKNOWN_DOUBLE);
  carport_location_set_updated (location, updated);
  g_object_thaw_notify (G_OBJECT (location));
}

static void
parse_hvac_status (CarportVehicle *vehicle,
                   JsonObject     *attrs)
{
  CarportClimate *climate = carport_vehicle_get_climate (vehicle);
  g_autoptr(GDateTime) next_start = get_time (attrs, "nextHvacStartDate");
  g_autoptr(GDateTime) updated = get_time (attrs, "lastUpdateTime");
  const char *status = get_string (attrs, "hvacStatus");
  CarportClimateState state = CARPORT_CLIMATE_STATE_NONE;
  double number;

  if (status != NULL && g_ascii_strcasecmp (status, "on") == 0)
    state = CARPORT_CLIMATE_STATE_ON;
  else if (status != NULL && g_ascii_strcasecmp (status, "off") == 0)
    state = CARPORT_CLIMATE_STATE_OFF;

  g_object_freeze_notify (G_OBJECT (climate));

  carport_climate_set_state (climate, state);

  if (get_number (attrs, "externalTemperature", &number))
    carport_climate_set_outside_c (climate, number);
  else
    carport_climate_set_outside_c (climate, CARPORT_UNKNOWN_DOUBLE);

  if (get_number (attrs, "internalTemperature", &number))
    carport_climate_set_inside_c (climate, number);
  else
    carport_climate_set_inside_c (climate, CARPORT_UNKNOWN_DOUBLE);

  if (get_number (attrs, "socThreshold", &number) && number >= 0 && number <= 100)
    carport_climate_set_soc_threshold_percent (climate, number);
  else
    carport_climate_set_soc_threshold_percent (climate, CARPORT_UNKNOWN_DOUBLE);

  carport_climate_set_next_start (climate, next_start);
  carport_climate_set_updated (climate, updated);

  g_object_thaw_notify (G_OBJECT (climate));
}

static void
parse_lock_status (CarportVehicle *vehicle,
                   JsonObject     *attrs)
{
  CarportLocks *locks = carport_vehicle_get_locks (vehicle);
  g_autoptr(GDateTime) updated = get_time (attrs, "lastUpdateTime");
  const char *status = get_string (attrs, "lockStatus");
  CarportLockState state = CARPORT_LOCK_STATE_NONE;

  if (status != NULL && g_ascii_strcasecmp (status, "locked") == 0)
    state = CARPORT_LOCK_STATE_LOCKED;
  else if (status != NULL && g_ascii_strcasecmp (status, "unlocked") == 0)
    state = CARPORT_LOCK_STATE_UNLOCKED;

  g_object_freeze_notify (G_OBJECT (locks));
  carport_locks_set_state (locks, state);
  carport_locks_set_driver (locks, opening_state_from_string (get_string (attrs, "doorStatusDriver")));
  carport_locks_set_passenger (locks, opening_state_from_string (get_string (attrs, "doorStatusPassenger")));
  carport_locks_set_rear_left (locks, opening_state_from_string (get_string (attrs, "doorStatusRearLeft")));
  carport_locks_set_rear_right (locks, opening_state_from_string (get_string (attrs, "doorStatusRearRight")));
  carport_locks_set_hatch (locks, opening_state_from_string (get_string (attrs, "hatchStatus")));
  carport_locks_set_updated (locks, updated);
  g_object_thaw_notify (G_OBJECT (locks));
}

/* mbar → bar; 0 or less means the sensor did not report. */
static double
pressure_bar (JsonObject *attrs,
              const char *name)
{
  double mbar;

  if (!get_number (attrs, name, &mbar) || mbar <= 0)
    return CARPORT_UNKNOWN_DOUBLE;

  return mbar / 1000.0;
}

static void
parse_pressure (CarportVehicle *vehicle,
                JsonObject     *attrs)
{
  CarportTyres *tyres = carport_vehicle_get_tyres (vehicle);
  g_autoptr(GDateTime) updated = get_time (attrs, "lastUpdateTime");

  if (updated == NULL)
    updated = get_time (attrs, "timestamp");

  g_object_freeze_notify (G_OBJECT (tyres));
  carport_tyres_set_front_left_bar (tyres, pressure_bar (attrs, "flPressure"));
  carport_tyres_set_front_right_bar (tyres, pressure_bar (attrs, "frPressure"));
  carport_tyres_set_rear_left_bar (tyres, pressure_bar (attrs, "rlPressure"));
  carport_tyres_set_rear_right_bar (tyres, pressure_bar (attrs, "rrPressure"));
  carport_tyres_set_updated (tyres, updated);
  g_object_thaw_notify (G_OBJECT (tyres));
}

/* The charge settings object is shared by several endpoints: each one only
 * touches what it reports, and "updated" only moves when a time is given. */
static void
parse_charge_mode (CarportVehicle *vehicle,
                   JsonObject     *attrs)
{
  CarportChargeSettings *settings = carport_vehicle_get_charge_settings (vehicle);

  carport_charge_settings_set_mode (settings,
                                    charge_mode_from_string (get_string (attrs, "chargeMode")));
}

static void
parse_charging_settings (CarportVehicle *vehicle,
                         JsonObject     *attrs)
{
  CarportChargeSettings *settings = carport_vehicle_get_charge_settings (vehicle);
  g_autoptr(GPtrArray) schedules = parse_kca_schedules (get_array (attrs, "schedules"), FALSE);
  g_autoptr(GDateTime) updated = get_time (attrs, "dateTime");

  g_object_freeze_notify (G_OBJECT (settings));
  carport_charge_settings_set_mode (settings, charge_mode_from_string (get_string (attrs, "mode")));
  carport_charge_settings_set_schedules (settings, FALSE, schedules);
  if (updated != NULL)
    carport_charge_settings_set_updated (settings, updated);
  g_object_thaw_notify (G_OBJECT (settings));
}

static void
parse_hvac_settings (CarportVehicle *vehicle,
                     JsonObject     *attrs)
{
  CarportChargeSettings *settings = carport_vehicle_get_charge_settings (vehicle);
  g_autoptr(GPtrArray) schedules = parse_kca_schedules (get_array (attrs, "schedules"), TRUE);

  carport_charge_settings_set_schedules (settings, TRUE, schedules);
}

static void
parse_charge_schedule (CarportVehicle *vehicle,
                       JsonObject     *attrs)
{
  CarportChargeSettings *settings = carport_vehicle_get_charge_settings (vehicle);
  g_autoptr(GPtrArray) schedules = parse_calendar (get_object (attrs, "calendar"));

  carport_charge_settings_set_schedules (settings, FALSE, schedules);
}

static void
parse_ev_settings (CarportVehicle *vehicle,
                   JsonObject     *object)
{
  CarportChargeSettings *settings = carport_vehicle_get_charge_settings (vehicle);
  g_autoptr(GPtrArray) programs = parse_programs (get_array (object, "programs"));
  g_autoptr(GPtrArray) charge = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) climate = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GDateTime) updated = get_time (object, "lastSettingsUpdateTimestamp");

  for (guint i = 0; i < programs->len; i++)
    {
      CarportSchedule *schedule = g_ptr_array_index (programs, i);

      if (carport_schedule_get_kind (schedule) == CARPORT_SCHEDULE_KIND_CLIMATE)
        g_ptr_array_add (climate, g_object_ref (schedule));
      else
        g_ptr_array_add (charge, g_object_ref (schedule));
    }

  g_object_freeze_notify (G_OBJECT (settings));
  carport_charge_settings_set_mode (settings,
                                    charge_mode_from_string (get_string (object, "chargeModeRq")));
  carport_charge_settings_set_schedules (settings, FALSE, charge);
  /* Every car with ev/settings also has hvac-settings, which owns the
   * climate programmes: only preconditioning programmes replace them. */
  if (climate->len > 0)
    carport_charge_settings_set_schedules (settings, TRUE, climate);
  if (updated != NULL)
    carport_charge_settings_set_updated (settings, updated);
  g_object_thaw_notify (G_OBJECT (settings));
}

static void
parse_soc_levels (CarportVehicle *vehicle,
                  JsonObject     *object)
{
  CarportChargeSettings *settings = carport_vehicle_get_charge_settings (vehicle);
  g_autoptr(GDateTime) updated = get_time (object, "lastEnergyUpdateTimestamp");
  int value;

  g_object_freeze_notify (G_OBJECT (settings));

  if (get_int (object, "socMin", &value) && percent_is_valid (value))
    carport_charge_settings_set_soc_min_percent (settings, value);
  else
    carport_charge_settings_set_soc_min_percent (settings, -1);

  if (get_int (object, "socTarget", &value) && percent_is_valid (value))
    carport_charge_settings_set_soc_target_percent (settings, value);
  else
    carport_charge_settings_set_soc_target_percent (settings, -1);

  if (updated != NULL)
    carport_charge_settings_set_updated (settings, updated);

  g_object_thaw_notify (G_OBJECT (settings));
}

/* data.attributes of a KCA answer. A "data" without attributes (seen in
 * the wild) means nothing was reported: an empty object is returned. */
static JsonObject *
kca_attributes (JsonNode  *root,
                GError   **error)
{
  JsonObject *data;
  JsonObject *attrs;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root) ||
      (data = get_object (json_node_get_object (root), "data")) == NULL)
    {
      set_error_with_detail (error, CARPORT_API_ERROR_INVALID_RESPONSE, _("no vehicle data in the answer"));
      return NULL;
    }

  attrs = get_object (data, "attributes");
  if (attrs == NULL)
    {
      JsonNode *member = json_object_get_member (data, "attributes");

      if (member != NULL && !JSON_NODE_HOLDS_NULL (member))
        {
          set_error_with_detail (error, CARPORT_API_ERROR_INVALID_RESPONSE,
                                 _("the vehicle data has an unexpected shape"));
          return NULL;
        }
      return json_object_new ();
    }

  return json_object_ref (attrs);
}

/* A KCM answer is a plain object; a JSON:API envelope is unwrapped too. */
static JsonObject *
kcm_object (JsonNode  *root,
            GError   **error)
{
  JsonObject *object;
  JsonObject *data;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      set_error_with_detail (error, CARPORT_API_ERROR_INVALID_RESPONSE, _("no vehicle data in the answer"));
      return NULL;
    }

  object = json_node_get_object (root);
  data = get_object (object, "data");
  if (data != NULL && get_object (data, "attributes") != NULL)
    object = get_object (data, "attributes");

  return json_object_ref (object);
}

static gboolean
looks_like_ev_settings (JsonNode *root)
{
  JsonObject *object;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return FALSE;

  object = json_node_get_object (root);
  return get_object (object, "data") == NULL &&
         (json_object_has_member (object, "programs") ||
          json_object_has_member (object, "chargeModeRq"));
}

gboolean
carport_kamereon_parse_endpoint (CarportVehicle   *vehicle,
                                 CarportEndpoint   endpoint,
                                 JsonNode         *root,
                                 GError          **error)
{
  g_autoptr(JsonObject) attrs = NULL;

  g_return_val_if_fail (CARPORT_IS_VEHICLE (vehicle), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Models whose charge schedule lives in KCM ev/settings (§c.5). */
  if (endpoint == CARPORT_ENDPOINT_CHARGE_SCHEDULE && looks_like_ev_settings (root))
    endpoint = CARPORT_ENDPOINT_EV_SETTINGS;

  if (endpoint == CARPORT_ENDPOINT_EV_SETTINGS || endpoint == CARPORT_ENDPOINT_SOC_LEVELS)
    attrs = kcm_object (root, error);
  else if ((guint) endpoint < CARPORT_N_ENDPOINTS)
    attrs = kca_attributes (root, error);
  else
    {
      g_set_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_FAILED,
                   "Unknown endpoint %d", (int) endpoint);
      return FALSE;
    }

  if (attrs == NULL)
    return FALSE;

  switch (endpoint)
    {
    case CARPORT_ENDPOINT_BATTERY_STATUS:
      parse_battery_status (vehicle, attrs);
      break;
    case CARPORT_ENDPOINT_COCKPIT:
      parse_cockpit (vehicle, attrs);
      break;
    case CARPORT_ENDPOINT_LOCATION:
      parse_location (vehicle, attrs);
      break;
    case CARPORT_ENDPOINT_HVAC_STATUS:
      parse_hvac_status (vehicle, attrs);
      break;
    case CARPORT_ENDPOINT_HVAC_SETTINGS:
      parse_hvac_settings (vehicle, attrs);
      break;
    case CARPORT_ENDPOINT_CHARGE_MODE:
      parse_charge_mode (vehicle, attrs);
      break;
    case CARPORT_ENDPOINT_CHARGING_SETTINGS:
      parse_charging_settings (vehicle, attrs);
      break;
    case CARPORT_ENDPOINT_CHARGE_SCHEDULE:
      parse_charge_schedule (vehicle, attrs);
      break;
    case CARPORT_ENDPOINT_EV_SETTINGS:
      parse_ev_settings (vehicle, attrs);
      break;
    case CARPORT_ENDPOINT_SOC_LEVELS:
      parse_soc_levels (vehicle, attrs);
      break;
    case CARPORT_ENDPOINT_LOCK_STATUS:
      parse_lock_status (vehicle, attrs);
      break;
    case CARPORT_ENDPOINT_RES_STATE:
      /* Remote engine start state: no model field for it (yet). */
      break;
    case CARPORT_ENDPOINT_PRESSURE:
      parse_pressure (vehicle, attrs);
      break;
    case CARPORT_N_ENDPOINTS:
    default:
      g_assert_not_reached ();
    }

  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* Accounts, vehicles, details                                               */

void
carport_kamereon_account_free (CarportKamereonAccount *account)
{
  if (account == NULL)
    return;

  g_free (account->account_id);
  g_free (account->account_type);
  g_free (account);
}

GPtrArray *
carport_kamereon_parse_accounts (JsonNode  *root,
                                 GError   **error)
{
  g_autoptr(GPtrArray) accounts = NULL;
  JsonArray *array;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      set_error_with_detail (error, CARPORT_API_ERROR_INVALID_RESPONSE, _("no account list in the answer"));
      return NULL;
    }

  accounts = g_ptr_array_new_with_free_func ((GDestroyNotify) carport_kamereon_account_free);

  array = get_array (json_node_get_object (root), "accounts");
  if (array == NULL)
    return g_steal_pointer (&accounts);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      CarportKamereonAccount *account;
      g_autofree char *id = NULL;
      JsonObject *object;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      object = json_node_get_object (node);

      id = node_dup_code (get_member (object, "accountId"));
      if (id == NULL)
        continue;

      account = g_new0 (CarportKamereonAccount, 1);
      account->account_id = g_steal_pointer (&id);
      account->account_type = g_strdup (get_string (object, "accountType"));
      g_ptr_array_add (accounts, account);
    }

  return g_steal_pointer (&accounts);
}

static CarportBrand
brand_from_string (const char *text)
{
  if (text == NULL)
    return CARPORT_BRAND_UNKNOWN;
  if (g_ascii_strcasecmp (text, "RENAULT") == 0)
    return CARPORT_BRAND_RENAULT;
  if (g_ascii_strcasecmp (text, "DACIA") == 0)
    return CARPORT_BRAND_DACIA;
  if (g_ascii_strcasecmp (text, "ALPINE") == 0)
    return CARPORT_BRAND_ALPINE;
  if (g_ascii_strcasecmp (text, "NISSAN") == 0)
    return CARPORT_BRAND_NISSAN;
  return CARPORT_BRAND_UNKNOWN;
}

static CarportEnergy
energy_from_code (const char *code)
{
  if (code == NULL)
    return CARPORT_ENERGY_NONE;
  if (g_ascii_strcasecmp (code, "ELEC") == 0 || g_ascii_strcasecmp (code, "ELECX") == 0)
    return CARPORT_ENERGY_ELECTRIC;
  if (g_ascii_strcasecmp (code, "PHEV") == 0)
    return CARPORT_ENERGY_PLUG_IN_HYBRID;
  if (g_ascii_strcasecmp (code, "HEV") == 0)
    return CARPORT_ENERGY_HYBRID;
  if (g_ascii_strcasecmp (code, "OTHER") == 0 || g_ascii_strcasecmp (code, "ESS") == 0 ||
      g_ascii_strcasecmp (code, "GASLN") == 0)
    return CARPORT_ENERGY_FUEL;
  return CARPORT_ENERGY_NONE;
}

static gboolean
is_web_url (const char *url)
{
  return url != NULL &&
         (g_str_has_prefix (url, "https://") || g_str_has_prefix (url, "http://"));
}

/* The ONE_MYRENAULT_LARGE rendition of the PICTURE asset, else its first
 * web rendition. */
static const char *
find_picture_url (JsonObject *details)
{
  JsonArray *assets = get_array (details, "assets");
  const char *fallback = NULL;

  if (assets == NULL)
    return NULL;

  for (guint i = 0; i < json_array_get_length (assets); i++)
    {
      JsonNode *node = json_array_get_element (assets, i);
      JsonArray *renditions;
      JsonObject *asset;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      asset = json_node_get_object (node);
      if (g_strcmp0 (get_string (asset, "assetType"), "PICTURE") != 0)
        continue;

      renditions = get_array (asset, "renditions");
      if (renditions == NULL)
        continue;

      for (guint j = 0; j < json_array_get_length (renditions); j++)
        {
          JsonNode *rnode = json_array_get_element (renditions, j);
          JsonObject *rendition;
          const char *url;

          if (!JSON_NODE_HOLDS_OBJECT (rnode))
            continue;
          rendition = json_node_get_object (rnode);
          url = get_string (rendition, "url");
          if (!is_web_url (url))
            continue;

          if (g_strcmp0 (get_string (rendition, "resolutionType"), "ONE_MYRENAULT_LARGE") == 0)
            return url;
          if (fallback == NULL)
            fallback = url;
        }
    }

  return fallback;
}

static void
apply_details (CarportVehicle *vehicle,
               JsonObject     *details)
{
  JsonObject *model = get_object (details, "model");
  CarportBrand brand;
  CarportEnergy energy;
  const char *text;

  g_object_freeze_notify (G_OBJECT (vehicle));

  brand = brand_from_string (get_string (get_object (details, "brand"), "label"));
  if (brand != CARPORT_BRAND_UNKNOWN)
    carport_vehicle_set_brand (vehicle, brand);

  text = get_string (model, "code");
  if (text != NULL)
    carport_vehicle_set_model_code (vehicle, text);
  text = get_string (model, "label");
  if (text != NULL)
    carport_vehicle_set_model_name (vehicle, text);

  text = get_string (details, "registrationNumber");
  if (text != NULL)
    carport_vehicle_set_registration (vehicle, text);

  /* engineEnergyType first, else energy.code (§b.4). */
  energy = energy_from_code (get_string (details, "engineEnergyType"));
  if (energy == CARPORT_ENERGY_NONE)
    energy = energy_from_code (get_string (get_object (details, "energy"), "code"));
  if (energy != CARPORT_ENERGY_NONE)
    carport_vehicle_set_energy (vehicle, energy);

  text = find_picture_url (details);
  if (text != NULL)
    carport_vehicle_set_picture_url (vehicle, text);

  g_object_thaw_notify (G_OBJECT (vehicle));
}

GPtrArray *
carport_kamereon_parse_vehicles (JsonNode    *root,
                                 const char  *account_id,
                                 GError     **error)
{
  g_autoptr(GPtrArray) vehicles = NULL;
  JsonObject *object;
  JsonArray *links;
  const char *root_account;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      set_error_with_detail (error, CARPORT_API_ERROR_INVALID_RESPONSE, _("no vehicle list in the answer"));
      return NULL;
    }

  object = json_node_get_object (root);
  root_account = get_string (object, "accountId");
  if (account_id == NULL)
    account_id = root_account;

  vehicles = g_ptr_array_new_with_free_func (g_object_unref);

  links = get_array (object, "vehicleLinks");
  if (links == NULL)
    return g_steal_pointer (&vehicles);

  for (guint i = 0; i < json_array_get_length (links); i++)
    {
      JsonNode *node = json_array_get_element (links, i);
      g_autoptr(CarportVehicle) vehicle = NULL;
      JsonObject *link, *details;
      const char *vin, *status;
      CarportBrand brand;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      link = json_node_get_object (node);

      status = get_string (link, "status");
      if (status != NULL && g_ascii_strcasecmp (status, "ACTIVE") != 0)
        continue;

      details = get_object (link, "vehicleDetails");
      vin = get_string (link, "vin");
      if (vin == NULL || *vin == '\0')
        vin = get_string (details, "vin");
      if (vin == NULL || *vin == '\0')
        continue;

      vehicle = carport_vehicle_new (vin);
      if (account_id != NULL)
        carport_vehicle_set_account_id (vehicle, account_id);

      brand = brand_from_string (get_string (link, "brand"));
      if (brand != CARPORT_BRAND_UNKNOWN)
        carport_vehicle_set_brand (vehicle, brand);

      if (details != NULL)
        apply_details (vehicle, details);

      g_ptr_array_add (vehicles, g_steal_pointer (&vehicle));
    }

  return g_steal_pointer (&vehicles);
}

gboolean
carport_kamereon_parse_vehicle_details (CarportVehicle  *vehicle,
                                        JsonNode        *root,
                                        GError         **error)
{
  JsonObject *details;
  const char *vin;

  g_return_val_if_fail (CARPORT_IS_VEHICLE (vehicle), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      set_error_with_detail (error, CARPORT_API_ERROR_INVALID_RESPONSE, _("no vehicle details in the answer"));
      return FALSE;
    }

  details = json_node_get_object (root);
  /* Tolerate the vehicleDetails object inside its link. */
  if (get_object (details, "vehicleDetails") != NULL)
    details = get_object (details, "vehicleDetails");

  vin = get_string (details, "vin");
  if (vin != NULL && carport_vehicle_get_vin (vehicle) != NULL &&
      g_ascii_strcasecmp (vin, carport_vehicle_get_vin (vehicle)) != 0)
    {
      set_error_with_detail (error, CARPORT_API_ERROR_INVALID_RESPONSE,
                             _("the details are for another vehicle"));
      return FALSE;
    }

  apply_details (vehicle, details);

  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* Actions and notifications                                                 */

char *
carport_kamereon_parse_action_id (JsonNode *root)
{
  JsonObject *object;
  char *id;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;

  object = json_node_get_object (root);

  id = node_dup_code (get_member (get_object (object, "data"), "id"));
  if (id == NULL)
    id = node_dup_code (get_member (object, "commandId"));

  return id;
}

typedef enum {
  STATUS_PENDING,
  STATUS_COMPLETED,
  STATUS_FAILED,
} NotificationStatus;

static NotificationStatus
notification_status (const char *status)
{
  static const char * const completed[] = { "COMPLETED", "OK", "SUCCESS" };
  static const char * const failed[] = { "FAILED", "ERROR", "REJECTED" };

  if (status == NULL)
    return STATUS_PENDING;

  for (gsize i = 0; i < G_N_ELEMENTS (completed); i++)
    if (g_ascii_strcasecmp (status, completed[i]) == 0)
      return STATUS_COMPLETED;

  for (gsize i = 0; i < G_N_ELEMENTS (failed); i++)
    if (g_ascii_strcasecmp (status, failed[i]) == 0)
      return STATUS_FAILED;

  /* "PENDING", "CREATED" and anything not known yet. */
  return STATUS_PENDING;
}

static char *
notification_failure_detail (JsonObject *entry,
                             JsonObject *response)
{
  static const char * const keys[] = {
    "message", "errorMessage", "errorDescription", "reason", "detail", "statusReason",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      const char *text = get_string (response, keys[i]);

      if (text == NULL)
        text = get_string (entry, keys[i]);
      if (text != NULL && *text != '\0')
        return error_message_details (text, NULL);
    }

  return node_dup_code (get_member (response, "errorCode"));
}

CarportCommandState
carport_kamereon_parse_notification (JsonNode    *root,
                                     const char  *notification_id,
                                     char       **message)
{
  NotificationStatus result = STATUS_PENDING;
  g_autofree char *failure = NULL;
  JsonArray *entries = NULL;

  if (message != NULL)
    *message = NULL;

  if (root != NULL && JSON_NODE_HOLDS_ARRAY (root))
    entries = json_node_get_array (root);
  else if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
    entries = get_array (json_node_get_object (root), "data");

  if (entries == NULL)
    return CARPORT_COMMAND_STATE_PENDING;

  for (guint i = 0; i < json_array_get_length (entries); i++)
    {
      JsonNode *node = json_array_get_element (entries, i);
      g_autofree char *id = NULL;
      JsonObject *entry, *response;
      NotificationStatus status;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      entry = json_node_get_object (node);

      id = node_dup_code (get_member (entry, "notificationId"));
      if (notification_id != NULL && g_strcmp0 (id, notification_id) != 0)
        continue;

      /* Only command responses tell about the command (not SRP salts). */
      response = get_object (entry, "commandResponse");
      if (response == NULL)
        continue;

      status = notification_status (get_string (response, "status"));
      if (status == STATUS_FAILED)
        {
          result = STATUS_FAILED;
          if (failure == NULL)
            failure = notification_failure_detail (entry, response);
        }
      else if (status == STATUS_COMPLETED && result != STATUS_FAILED)
        {
          result = STATUS_COMPLETED;
        }
    }

  switch (result)
    {
    case STATUS_COMPLETED:
      return CARPORT_COMMAND_STATE_COMPLETED;

    case STATUS_FAILED:
      if (message != NULL)
        {
          g_autofree char *clean = sanitize_detail (failure);

          if (clean != NULL)
            /* Translators: the text in parentheses comes from Renault's servers. */
            *message = g_strdup_printf (_("The car did not carry out the command (%s)."), clean);
          else
            *message = g_strdup (_("The car did not carry out the command."));
        }
      return CARPORT_COMMAND_STATE_FAILED;

    case STATUS_PENDING:
    default:
      return CARPORT_COMMAND_STATE_PENDING;
    }
}
