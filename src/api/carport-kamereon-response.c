/* carport-kamereon-response.c — an answer of the Kamereon (or Gigya) servers
 * into a JSON root or a CARPORT_API_ERROR with a sentence for people:
 * the body checks (size, encoding, not JSON), the error shapes of
 * docs/api-renault.md §d and api-nissan.md §1.4, the HTTP status.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#define G_LOG_DOMAIN "carport-api"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>
#include <libsoup/soup.h>

#include "carport-json.h"
#include "carport-kamereon-response.h"

/* Larger answers are refused rather than parsed. */
#define MAX_BODY_SIZE (8 * 1024 * 1024)

/* ------------------------------------------------------------------------ */
/* Errors                                                                    */

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
       * API key (api-renault.md §a.2: every call failed like this after a key change). */
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
char *
carport_kamereon_error_message_details (const char  *message,
                                        char       **nested_code)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GString) joined = NULL;
  const char *p;
  JsonArray *errors;

  if (message == NULL)
    return NULL;

  for (p = message; g_ascii_isspace (*p); p++)
    ;
  if (*p != '{')
    return g_strdup (message);

  root = carport_json_parse (p, -1);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return g_strdup (message);

  errors = carport_json_get_array (json_node_get_object (root), "errors");
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
          *nested_code = carport_json_node_dup_code (carport_json_get_member (inner, "code"));
          if (*nested_code == NULL)
            *nested_code = carport_json_node_dup_code (carport_json_get_member (inner, "errorCode"));
        }

      parts[0] = carport_json_get_string (inner, "title");
      parts[1] = carport_json_get_string (carport_json_get_object (inner, "source"), "pointer");
      parts[2] = carport_json_get_string (inner, "detail");
      parts[3] = carport_json_get_string (inner, "errorMessage");

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
 * errors[0] lacks a code or message (api-renault.md §d.1). */
static void
set_kamereon_error (JsonObject  *object,
                    guint        http_status,
                    GError     **error)
{
  JsonArray *errors = carport_json_get_array (object, "errors");
  JsonArray *messages = carport_json_get_array (object, "messages");
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
      code = carport_json_node_dup_code (carport_json_get_member (entry, "errorCode"));
      if (code == NULL)
        code = carport_json_node_dup_code (carport_json_get_member (entry, "code"));
      raw_message = carport_json_get_string (entry, "errorMessage");
      if (raw_message == NULL)
        raw_message = carport_json_get_string (entry, "message");
      if (raw_message == NULL)
        raw_message = carport_json_get_string (entry, "detail");
    }

  if (code == NULL && message_entry != NULL)
    code = carport_json_node_dup_code (carport_json_get_member (message_entry, "code"));
  if (raw_message == NULL && message_entry != NULL)
    raw_message = carport_json_get_string (message_entry, "message");

  details = carport_kamereon_error_message_details (raw_message, &nested_code);

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
      carport_api_set_error (error, mapped, with_code);
    }
  else
    {
      carport_api_set_error (error, mapped, details);
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

  return carport_json_parse (data, (gssize) len);
}

/* {"data": […]} around a top-level array (api-renault.md §b.1). */
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
          carport_api_set_error (error, CARPORT_API_ERROR_INVALID_RESPONSE,
                                 _("the answer is too large"));
          return NULL;
        }

      /* A body that is not JSON: the status says more for these, and for
       * a server's failure (a proxy's HTML "502 Bad Gateway" page is the
       * server having trouble, not an answer Carport misreads). */
      if (http_status == 401 || http_status == 403 || http_status == 404 ||
          http_status == 429 || http_status >= 500 ||
          (empty && !status_is_success (http_status) && http_status >= 400))
        {
          carport_api_set_error (error, code_for_http_status (http_status), detail);
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
        carport_api_set_error (error, CARPORT_API_ERROR_INVALID_RESPONSE, _("empty answer"));
      else
        carport_api_set_error (error, CARPORT_API_ERROR_INVALID_RESPONSE, detail);
      return NULL;
    }

  if (JSON_NODE_HOLDS_ARRAY (root))
    root = wrap_array (g_steal_pointer (&root));

  object = json_node_get_object (root);

  if (carport_json_get_array (object, "errors") != NULL && json_array_get_length (carport_json_get_array (object, "errors")) > 0)
    {
      set_kamereon_error (object, http_status, error);
      return NULL;
    }

  gateway_error = carport_json_get_string (object, "error");
  if (gateway_error != NULL)
    {
      const char *description = carport_json_get_string (object, "error_description");
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
      carport_api_set_error (error, code, detail);
      return NULL;
    }

  if (!status_is_success (http_status))
    {
      g_autofree char *detail = http_status_detail (http_status);
      const char *message = carport_json_get_string (object, "message");
      g_autofree char *full = NULL;

      if (message != NULL && *message != '\0')
        full = g_strdup_printf ("%s: %s", detail, message);

      carport_api_set_error (error, code_for_http_status (http_status),
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

  if (!carport_json_node_get_number (carport_json_get_member (object, "errorCode"), &value))
    return FALSE;

  /* Converting a double out of the range of gint64 is undefined: a code
   * this large (4e30) is no code Carport knows, but still an error. */
  if (value >= 9.2e18 || value <= -9.2e18)
    *out = value > 0 ? G_MAXINT64 : G_MININT64;
  else
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
      else if (empty && http_status < 500)
        detail = g_strdup (_("empty answer from the login server"));
      else if (!status_is_success (http_status))
        detail = http_status_detail (http_status);
      else
        detail = g_strdup (_("the login server did not send JSON"));

      /* A server's failure (an HTML 502 page) is that, whatever the body. */
      carport_api_set_error (error,
                             !too_large && http_status >= 500 ? code_for_http_status (http_status)
                                                              : CARPORT_API_ERROR_INVALID_RESPONSE,
                             detail);
      return NULL;
    }

  object = json_node_get_object (root);

  if (gigya_error_code (object, &code) && code > 0)
    {
      const char *details = carport_json_get_string (object, "errorDetails");
      const char *message = carport_json_get_string (object, "errorMessage");
      const char *text = (details != NULL && *details != '\0') ? details : message;
      g_autofree char *with_code = NULL;

      switch (code)
        {
        case 403042:
          carport_api_set_error (error, CARPORT_API_ERROR_INVALID_CREDENTIALS, text);
          break;
        case 403101:
          carport_api_set_error (error, CARPORT_API_ERROR_TFA_REQUIRED, NULL);
          break;
        case 403005:
        case 403013:
          carport_api_set_error (error, CARPORT_API_ERROR_LOGIN_EXPIRED, text);
          break;
        case 403007:
          /* Seen when a Gigya key had been rotated (api-renault.md §a.2). */
          carport_api_set_error (error, CARPORT_API_ERROR_API_KEY, text);
          break;
        case 400093:
          /* "Invalid ApiKey parameter": the key Carport knows is gone. */
          g_set_error_literal (error, CARPORT_API_ERROR, CARPORT_API_ERROR_API_KEY,
                               _("Renault has changed the key of its app: Carport needs an update before it can log in again."));
          break;
        default:
          with_code = text != NULL ? g_strdup_printf ("%" G_GINT64_FORMAT ": %s", code, text)
                                   : g_strdup_printf ("%" G_GINT64_FORMAT, code);
          carport_api_set_error (error, CARPORT_API_ERROR_FAILED, with_code);
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
      carport_api_set_error (error, mapped, detail);
      return NULL;
    }

  return g_steal_pointer (&root);
}
