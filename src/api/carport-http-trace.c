/* carport-http-trace.c — the HTTP exchange written out for people, secrets
 * hidden. */
#include "config.h"

#define G_LOG_DOMAIN "carport-api"

#include <string.h>

#include "carport-http-trace.h"

#define REDACTED "[redacted]"
/* Words in the name of a header, JSON member or form field that carries a
 * secret. */
#define SECRET_WORDS "authorization|password|passwd|token|secret|cookie|jwt|verifier|assertion|apikey|api-key|api_key|otp|deviceid"
/* JSON members whose short names carry one: SRP's verifier "v" (with its
 * salt, a PIN is quickly guessed from it) and proof "srp". */
#define SECRET_MEMBERS "v|srp"

/* "/devices/ID" with ID (up to the next '/', '?', quote or space)
 * replaced, wherever it appears: Nissan's remote lock puts this computer's
 * device id in paths. Plain string work, so that a request's log line costs
 * no regular expression. */
char *
carport_redact_device_ids (const char *text)
{
  static const char marker[] = "/devices/";
  GString *result = g_string_new (NULL);
  const char *rest = text;
  const char *found;

  while ((found = strstr (rest, marker)) != NULL)
    {
      const char *id = found + strlen (marker);
      gsize id_length = strcspn (id, "/? \t\r\n\"");

      g_string_append_len (result, rest, id - rest);
      if (id_length > 0)
        g_string_append (result, REDACTED);
      rest = id + id_length;
    }
  g_string_append (result, rest);
  return g_string_free (result, FALSE);
}

char *
carport_redact_secrets (const char *text)
{
  static GRegex *rules[5];
  static const char * const replacements[] = {
    "\\1" REDACTED, "\\1\"" REDACTED "\"", "\\1" REDACTED, REDACTED, "\\1\"" REDACTED "\"",
  };
  static gsize ready = 0;
  g_autofree char *result = g_strdup (text);

  /* Compiled on the first trace only, and without JIT: traces are rare
   * and short, and JIT compiling costs more memory than it saves time. */
  if (g_once_init_enter (&ready))
    {
      const char * const patterns[] = {
        /* A header line: "Authorization: Bearer …", "x-gigya-id_token: …". */
        "^((?:[<>] )?[\\w-]*(?:" SECRET_WORDS ")[\\w-]*[ \\t]*:[ \\t]*)\\S.*$",
        /* A JSON member: "cookieValue": "…", "refresh_token": "…". */
        "(\"[^\"\\n]*(?:" SECRET_WORDS ")[^\"\\n]*\"\\s*:\\s*)\"(?:[^\"\\\\]|\\\\.)*\"",
        /* A form or query field: password=…, login_token=…, code=…. */
        "((?:^|[?&;\\s])(?:[\\w.-]*(?:" SECRET_WORDS ")[\\w.-]*|code)=)[^&\\s\";]*",
        /* Any JWT. */
        "eyJ[\\w-]*\\.[\\w-]*\\.[\\w-]*",
        /* The JSON members of SECRET_MEMBERS. */
        "(\"(?:" SECRET_MEMBERS ")\"\\s*:\\s*)\"(?:[^\"\\\\]|\\\\.)*\"",
      };

      for (guint i = 0; i < G_N_ELEMENTS (rules); i++)
        rules[i] = g_regex_new (patterns[i], G_REGEX_CASELESS | G_REGEX_MULTILINE, 0, NULL);
      g_once_init_leave (&ready, 1);
    }

  for (guint i = 0; i < G_N_ELEMENTS (rules); i++)
    {
      char *replaced = g_regex_replace (rules[i], result, -1, 0, replacements[i], 0, NULL);

      if (replaced == NULL)
        return g_strdup (REDACTED);  /* not UTF-8: nothing of it shown */
      g_free (result);
      result = replaced;
    }
  return carport_redact_device_ids (result);
}

static void
append_headers (GString            *text,
                const char         *prefix,
                SoupMessageHeaders *headers)
{
  SoupMessageHeadersIter iter;
  const char *name, *value;

  soup_message_headers_iter_init (&iter, headers);
  while (soup_message_headers_iter_next (&iter, &name, &value))
    g_string_append_printf (text, "%s%s: %s\n", prefix, name, value);
}

static void
append_body (GString      *text,
             const char   *prefix,
             const guint8 *data,
             gsize         size)
{
  g_auto(GStrv) lines = NULL;

  if (size == 0)
    return;
  if (!g_utf8_validate ((const char *) data, size, NULL))
    {
      g_string_append_printf (text, "%s(%" G_GSIZE_FORMAT " bytes, not text)\n", prefix, size);
      return;
    }
  g_string_append_printf (text, "%s\n", prefix);
  {
    g_autofree char *body = g_strndup ((const char *) data, size);

    lines = g_strsplit (body, "\n", -1);
  }
  for (guint i = 0; lines[i]; i++)
    g_string_append_printf (text, "%s%s\n", prefix, lines[i]);
}

void
carport_http_trace_exchange (const char         *method,
                             GUri               *uri,
                             SoupMessageHeaders *request_headers,
                             GBytes             *request_body,
                             guint               status,
                             SoupMessageHeaders *response_headers,
                             const guint8       *response_body,
                             gsize               response_size,
                             const char         *failure)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *url = g_uri_to_string (uri);
  g_autofree char *redacted = NULL;

  g_string_append_printf (text, "> %s %s\n", method, url);
  append_headers (text, "> ", request_headers);
  if (request_body)
    append_body (text, "> ", g_bytes_get_data (request_body, NULL), g_bytes_get_size (request_body));
  if (response_headers)
    {
      g_string_append_printf (text, "< %u %s\n", status, soup_status_get_phrase (status));
      append_headers (text, "< ", response_headers);
      append_body (text, "< ", response_body, response_size);
    }
  if (failure)
    g_string_append_printf (text, "< (%s)\n", failure);
  redacted = carport_redact_secrets (text->str);
  g_printerr ("%s\n", redacted);
}
