/* carport-sim-fault.c — injected faults: parsing, matching and applying
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A fault spec, as given to `carport-simulator --fault` or in a scenario:
 *
 *   ENDPOINT=KIND[:ARG…][:xN]
 *
 *   error[:STATUS][:CODE]   e.g. battery-status=error:err.func.wired.forbidden
 *                                accounts.getJWT=error:403005
 *   html-502 | quota | malformed | truncated | empty
 *   delay:MS                e.g. cockpit=delay:3000
 *   drip[:MS]               the answer a byte every MS (default 2000), e.g. hvac-start=drip:500
 *   huge[:SIZE]             SIZE in bytes, or with a K or M suffix (default 8M)
 *   body:FILE[:STATUS]      the file's bytes verbatim, e.g. cockpit=body:cockpit-501.json:501
 *   xN                      only the next N matching requests (default: all)
 */

#define G_LOG_DOMAIN "carport-sim"

#include "config.h"

#include <string.h>

#include "carport-sim-fault.h"
#include "carport-sim-util.h"

#define DEFAULT_HUGE_SIZE (8 * 1024 * 1024)
#define DEFAULT_DRIP_MS 2000

static const struct {
  const char          *name;
  CarportSimFaultKind  kind;
} kinds[] = {
  { "error", CARPORT_SIM_FAULT_ERROR },
  { "html-502", CARPORT_SIM_FAULT_HTML_502 },
  { "delay", CARPORT_SIM_FAULT_DELAY },
  { "truncated", CARPORT_SIM_FAULT_TRUNCATED },
  { "quota", CARPORT_SIM_FAULT_QUOTA },
  { "malformed", CARPORT_SIM_FAULT_MALFORMED },
  { "huge", CARPORT_SIM_FAULT_HUGE },
  { "empty", CARPORT_SIM_FAULT_EMPTY },
  { "body", CARPORT_SIM_FAULT_BODY },
  { "drip", CARPORT_SIM_FAULT_DRIP },
  { "redirect", CARPORT_SIM_FAULT_REDIRECT },
};

CarportSimFaultEntry *
_carport_sim_fault_entry_new (const char            *endpoint,
                              const CarportSimFault *fault)
{
  CarportSimFaultEntry *entry = g_new0 (CarportSimFaultEntry, 1);

  entry->endpoint = g_strdup (endpoint);
  entry->fault = *fault;
  entry->owned_code = g_strdup (fault->error_code);
  entry->fault.error_code = entry->owned_code;
  entry->owned_file = g_strdup (fault->body_file);
  entry->fault.body_file = entry->owned_file;
  if (fault->kind == CARPORT_SIM_FAULT_BODY && fault->body_file != NULL)
    {
      char *contents = NULL;
      gsize length = 0;

      /* read once, when the fault is added, not while serving */
      if (g_file_get_contents (fault->body_file, &contents, &length, NULL))
        entry->body = g_bytes_new_take (contents, length);
    }
  if (fault->kind == CARPORT_SIM_FAULT_DRIP && fault->delay_ms == 0)
    entry->fault.delay_ms = DEFAULT_DRIP_MS;
  entry->remaining = fault->count;
  return entry;
}

CarportSimFaultEntry *
_carport_sim_fault_entry_copy (const CarportSimFaultEntry *entry)
{
  CarportSimFaultEntry *copy = g_new0 (CarportSimFaultEntry, 1);

  copy->endpoint = g_strdup (entry->endpoint);
  copy->fault = entry->fault;
  copy->owned_code = g_strdup (entry->owned_code);
  copy->fault.error_code = copy->owned_code;
  copy->owned_file = g_strdup (entry->owned_file);
  copy->fault.body_file = copy->owned_file;
  copy->body = entry->body ? g_bytes_ref (entry->body) : NULL;
  copy->remaining = entry->remaining;
  return copy;
}

void
_carport_sim_fault_entry_free (CarportSimFaultEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->endpoint);
  g_free (entry->owned_code);
  g_free (entry->owned_file);
  g_clear_pointer (&entry->body, g_bytes_unref);
  g_free (entry);
}

static gboolean
parse_size (const char *text,
            gsize      *out)
{
  g_autofree char *digits = g_strdup (text);
  gsize n = strlen (digits);
  guint64 multiplier = 1;
  guint64 value;

  if (n > 0 && (digits[n - 1] == 'K' || digits[n - 1] == 'k'))
    multiplier = 1024;
  else if (n > 0 && (digits[n - 1] == 'M' || digits[n - 1] == 'm'))
    multiplier = 1024 * 1024;
  if (multiplier != 1)
    digits[n - 1] = '\0';
  if (!g_ascii_string_to_unsigned (digits, 10, 1, 256 * 1024 * 1024 / multiplier, &value, NULL))
    return FALSE;
  *out = (gsize) (value * multiplier);
  return TRUE;
}

static gboolean
fault_error (GError    **error,
             const char *spec,
             const char *why)
{
  g_set_error (error, CARPORT_SIMULATOR_ERROR, CARPORT_SIMULATOR_ERROR_INVALID_FAULT,
               "invalid fault “%s”: %s", spec, why);
  return FALSE;
}

/* body:FILE[:STATUS][:xN]; FILE may hold colons. */
static CarportSimFaultEntry *
parse_body_fault (const char  *spec,
                  const char  *endpoint,
                  char       **parts,
                  GError     **error)
{
  CarportSimFault fault = { CARPORT_SIM_FAULT_BODY, 0, };
  guint n = g_strv_length (parts);
  guint64 number;
  g_autofree char *file = NULL;
  CarportSimFaultEntry *entry;

  if (n > 2 && parts[n - 1][0] == 'x' &&
      g_ascii_string_to_unsigned (parts[n - 1] + 1, 10, 1, G_MAXUINT, &number, NULL))
    {
      fault.count = (guint) number;
      n--;
    }
  if (n > 2 && strlen (parts[n - 1]) == 3 &&
      g_ascii_string_to_unsigned (parts[n - 1], 10, 100, 599, &number, NULL))
    {
      fault.http_status = (guint) number;
      n--;
    }
  if (n < 2 || parts[1][0] == '\0')
    {
      fault_error (error, spec, "body needs a file, e.g. body:capture.json[:STATUS]");
      return NULL;
    }
  {
    g_autofree char *last = parts[n];

    parts[n] = NULL;
    file = g_strjoinv (":", parts + 1);
    parts[n] = g_steal_pointer (&last);
  }
  fault.body_file = file;
  entry = _carport_sim_fault_entry_new (endpoint, &fault);
  if (entry->body == NULL)
    {
      g_autofree char *why = g_strdup_printf ("cannot read “%s”", file);

      _carport_sim_fault_entry_free (entry);
      fault_error (error, spec, why);
      return NULL;
    }
  return entry;
}

/**
 * _carport_sim_fault_entry_parse:
 * @spec: "ENDPOINT=KIND[:ARG…][:xN]"
 */
CarportSimFaultEntry *
_carport_sim_fault_entry_parse (const char  *spec,
                                GError     **error)
{
  const char *equals = strchr (spec, '=');
  g_autofree char *endpoint = NULL;
  g_auto(GStrv) parts = NULL;
  CarportSimFault fault = { 0, };
  gboolean known = FALSE;
  guint n_parts;

  if (equals == NULL || equals == spec || equals[1] == '\0')
    {
      fault_error (error, spec, "expected ENDPOINT=KIND[:ARG…][:xN]");
      return NULL;
    }
  endpoint = g_strndup (spec, (gsize) (equals - spec));
  parts = g_strsplit (equals + 1, ":", -1);
  n_parts = g_strv_length (parts);

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_str_equal (kinds[i].name, parts[0]))
      {
        fault.kind = kinds[i].kind;
        known = TRUE;
      }
  if (!known)
    {
      fault_error (error, spec,
                   "the kind is one of error, html-502, delay, drip, truncated, quota, malformed, huge, empty, body, redirect");
      return NULL;
    }
  if (fault.kind == CARPORT_SIM_FAULT_BODY)
    return parse_body_fault (spec, endpoint, parts, error);

  for (guint i = 1; i < n_parts; i++)
    {
      const char *arg = parts[i];
      guint64 number;

      if (arg[0] == 'x' && g_ascii_string_to_unsigned (arg + 1, 10, 1, G_MAXUINT, &number, NULL))
        {
          if (i != n_parts - 1)
            {
              fault_error (error, spec, "the count xN comes last");
              return NULL;
            }
          fault.count = (guint) number;
        }
      else if ((fault.kind == CARPORT_SIM_FAULT_ERROR || fault.kind == CARPORT_SIM_FAULT_REDIRECT) &&
               strlen (arg) == 3 && g_ascii_string_to_unsigned (arg, 10, 100, 599, &number, NULL))
        {
          fault.http_status = (guint) number;
        }
      else if (fault.kind == CARPORT_SIM_FAULT_ERROR && fault.error_code == NULL && arg[0] != '\0')
        {
          fault.error_code = arg;
        }
      else if ((fault.kind == CARPORT_SIM_FAULT_DELAY || fault.kind == CARPORT_SIM_FAULT_DRIP) &&
               fault.delay_ms == 0 && g_ascii_string_to_unsigned (arg, 10, 1, 600000, &number, NULL))
        {
          fault.delay_ms = (guint) number;
        }
      else if (fault.kind == CARPORT_SIM_FAULT_HUGE && fault.size == 0 && parse_size (arg, &fault.size))
        {
        }
      else
        {
          g_autofree char *why = g_strdup_printf ("unexpected argument “%s”", arg);

          fault_error (error, spec, why);
          return NULL;
        }
    }
  if (fault.kind == CARPORT_SIM_FAULT_DELAY && fault.delay_ms == 0)
    {
      fault_error (error, spec, "delay needs a time in milliseconds, e.g. delay:2000");
      return NULL;
    }
  return _carport_sim_fault_entry_new (endpoint, &fault);
}

/**
 * _carport_sim_fault_entry_from_json:
 * @node: a spec string, or an object {"endpoint","kind","status","code",
 *   "delay_ms","size","count"}
 */
CarportSimFaultEntry *
_carport_sim_fault_entry_from_json (JsonNode  *node,
                                    GError   **error)
{
  static const char * const known[] = {
    "endpoint", "kind", "status", "code", "delay_ms", "size", "count", "file", NULL
  };
  JsonObject *object;
  JsonObjectIter iter;
  const char *member;
  JsonNode *value;
  const char *endpoint, *kind;
  CarportSimFault fault = { 0, };
  gboolean found = FALSE;
  gint64 number;

  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return _carport_sim_fault_entry_parse (json_node_get_string (node), error);
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      fault_error (error, "?", "a fault is a spec string or an object");
      return NULL;
    }
  object = json_node_get_object (node);
  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &member, &value))
    if (!g_strv_contains (known, member))
      {
        g_autofree char *why = g_strdup_printf ("unknown member “%s”", member);

        fault_error (error, "{…}", why);
        return NULL;
      }
  endpoint = _carport_sim_json_get_string (object, "endpoint");
  kind = _carport_sim_json_get_string (object, "kind");
  if (endpoint == NULL || kind == NULL)
    {
      fault_error (error, "{…}", "“endpoint” and “kind” are required");
      return NULL;
    }
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_str_equal (kinds[i].name, kind))
      {
        fault.kind = kinds[i].kind;
        found = TRUE;
      }
  if (!found)
    {
      fault_error (error, kind, "unknown kind");
      return NULL;
    }
  fault.error_code = _carport_sim_json_get_string (object, "code");
  if (_carport_sim_json_get_int (object, "status", &number))
    fault.http_status = (guint) CLAMP (number, 100, 599);
  if (_carport_sim_json_get_int (object, "delay_ms", &number))
    fault.delay_ms = (guint) CLAMP (number, 0, 600000);
  if (_carport_sim_json_get_int (object, "size", &number))
    fault.size = (gsize) CLAMP (number, 1, 256 * 1024 * 1024);
  if (_carport_sim_json_get_int (object, "count", &number))
    fault.count = (guint) CLAMP (number, 0, G_MAXINT);
  if (fault.kind == CARPORT_SIM_FAULT_DELAY && fault.delay_ms == 0)
    {
      fault_error (error, endpoint, "delay needs “delay_ms”");
      return NULL;
    }

  fault.body_file = _carport_sim_json_get_string (object, "file");
  if (fault.kind == CARPORT_SIM_FAULT_BODY)
    {
      CarportSimFaultEntry *entry = _carport_sim_fault_entry_new (endpoint, &fault);

      if (entry->body == NULL)
        {
          _carport_sim_fault_entry_free (entry);
          fault_error (error, endpoint, "body needs a readable “file”");
          return NULL;
        }
      return entry;
    }
  return _carport_sim_fault_entry_new (endpoint, &fault);
}

/* "*", the endpoint's name, or a "/"-bounded suffix of the path. */
gboolean
_carport_sim_fault_entry_matches (const CarportSimFaultEntry *entry,
                                  const char                 *endpoint,
                                  const char                 *path)
{
  gsize path_len, suffix_len;

  /* "*" is every request to the makers' servers: the pictures, the map's
   * tiles and the geocoder are hosts of their own, named to be hit. */
  if (g_str_equal (entry->endpoint, "*"))
    return endpoint == NULL || !(g_str_equal (endpoint, "assets") || g_str_equal (endpoint, "tiles") ||
                                 g_str_equal (endpoint, "reverse"));
  if (endpoint != NULL && g_str_equal (entry->endpoint, endpoint))
    return TRUE;
  path_len = strlen (path);
  suffix_len = strlen (entry->endpoint);
  return suffix_len < path_len &&
         g_str_has_suffix (path, entry->endpoint) &&
         path[path_len - suffix_len - 1] == '/';
}

/**
 * _carport_sim_fault_answer:
 *
 * Answers in place of the server for the kinds that replace the answer.
 *
 * Returns: %TRUE if @msg was answered
 */
gboolean
_carport_sim_fault_answer (const CarportSimFaultEntry *entry,
                           SoupServerMessage          *msg,
                           CarportSimFlavour           flavour)
{
  const CarportSimFault *fault = &entry->fault;
  gboolean gigya = flavour == CARPORT_SIM_FLAVOUR_GIGYA;

  switch (fault->kind)
    {
    case CARPORT_SIM_FAULT_HTML_502:
      _carport_sim_reply_html_502 (msg);
      return TRUE;

    case CARPORT_SIM_FAULT_QUOTA:
      if (flavour == CARPORT_SIM_FLAVOUR_NISSAN)
        _carport_sim_reply_nissan_error (msg, 429, "429", "Too Many Requests", "You have reached your quota limit");
      else
        _carport_sim_reply_kamereon_error (msg, "err.func.wired.overloaded", NULL);
      return TRUE;

    case CARPORT_SIM_FAULT_BODY:
      if (entry->body == NULL)
        {
          _carport_sim_reply_text (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "text/plain",
                                   "the fault's file could not be read\n");
          return TRUE;
        }
      {
        gsize length;
        const char *data = g_bytes_get_data (entry->body, &length);
        gsize i = 0;

        while (i < length && g_ascii_isspace (data[i]))
          i++;
        _carport_sim_reply_take (msg, fault->http_status ? fault->http_status : SOUP_STATUS_OK,
                                 i < length && data[i] == '<' ? CARPORT_SIM_CT_HTML : CARPORT_SIM_CT_JSON,
                                 g_memdup2 (data, length), length);
      }
      return TRUE;

    case CARPORT_SIM_FAULT_ERROR:
      if (flavour == CARPORT_SIM_FLAVOUR_NISSAN)
        {
          const char *code = fault->error_code ? fault->error_code : "500";
          guint64 status = 500;

          /* "403009" → 403, "501" → 501; anything else 500 */
          if (strlen (code) >= 3 && g_ascii_isdigit (code[0]) && g_ascii_isdigit (code[1]) &&
              g_ascii_isdigit (code[2]))
            status = (guint64) ((code[0] - '0') * 100 + (code[1] - '0') * 10 + (code[2] - '0'));
          if (status < 400 || status > 599)
            status = 500;
          _carport_sim_reply_nissan_error (msg, (guint) status, code, NULL, NULL);
        }
      else if (gigya)
        {
          guint64 code = 500001;

          if (fault->error_code != NULL &&
              !g_ascii_string_to_unsigned (fault->error_code, 10, 100000, 999999, &code, NULL))
            code = 500001;
          _carport_sim_reply_gigya_error (msg, (int) code, NULL);
        }
      else
        {
          _carport_sim_reply_kamereon_error (msg, fault->error_code ? fault->error_code : "err.tech.500", NULL);
        }
      if (fault->http_status != 0)
        soup_server_message_set_status (msg, fault->http_status, NULL);
      return TRUE;

    case CARPORT_SIM_FAULT_MALFORMED:
      _carport_sim_reply_text (msg, SOUP_STATUS_OK, gigya ? CARPORT_SIM_CT_GIGYA : CARPORT_SIM_CT_JSON,
                               "{\"data\":{\"type\":\"Car\",\"id\":\"VF1\",\"attributes\":{\"batteryLevel\":50,,}");
      return TRUE;

    case CARPORT_SIM_FAULT_EMPTY:
      _carport_sim_reply_text (msg, SOUP_STATUS_OK, gigya ? CARPORT_SIM_CT_GIGYA : CARPORT_SIM_CT_JSON, "");
      return TRUE;

    case CARPORT_SIM_FAULT_REDIRECT:
      {
        GUri *uri = soup_server_message_get_uri (msg);
        g_autofree char *location = g_strconcat ("/redirected", g_uri_get_path (uri), NULL);

        soup_server_message_set_redirect (msg, fault->http_status ? fault->http_status : SOUP_STATUS_FOUND,
                                          location);
      }
      return TRUE;

    case CARPORT_SIM_FAULT_DELAY:
    case CARPORT_SIM_FAULT_DRIP:
    case CARPORT_SIM_FAULT_TRUNCATED:
    case CARPORT_SIM_FAULT_HUGE:
    default:
      return FALSE;
    }
}

/**
 * _carport_sim_fault_rewrite:
 *
 * Changes the normal answer already in @msg for the kinds that alter it.
 */
void
_carport_sim_fault_rewrite (const CarportSimFaultEntry *entry,
                            SoupServerMessage          *msg)
{
  SoupMessageBody *body = soup_server_message_get_response_body (msg);
  g_autoptr(GBytes) bytes = NULL;
  const char *data;
  gsize length;

  if (entry->fault.kind != CARPORT_SIM_FAULT_TRUNCATED && entry->fault.kind != CARPORT_SIM_FAULT_HUGE)
    return;

  bytes = soup_message_body_flatten (body);
  data = g_bytes_get_data (bytes, &length);
  soup_message_body_truncate (body);

  if (entry->fault.kind == CARPORT_SIM_FAULT_TRUNCATED)
    {
      /* half the answer, cut inside the JSON, with valid HTTP framing */
      soup_message_body_append (body, SOUP_MEMORY_COPY, data, length > 1 ? length / 2 : 0);
    }
  else
    {
      /* Whitespace after the first character keeps the JSON valid and
       * its meaning unchanged, whatever the answer was. */
      gsize size = entry->fault.size ? entry->fault.size : DEFAULT_HUGE_SIZE;
      gsize padding = size > length ? size - length : 0;
      char *huge = g_malloc (length + padding);

      if (length > 0)
        huge[0] = data[0];
      memset (huge + (length > 0 ? 1 : 0), ' ', padding);
      if (length > 1)
        memcpy (huge + 1 + padding, data + 1, length - 1);
      soup_message_body_append_take (body, (guchar *) huge, length + padding);
    }
}
