/* carport-nissan-login.c — the pure pieces of the MyNISSAN OneID login. */
#include "config.h"

#define G_LOG_DOMAIN "carport-api"

#include <errno.h>
#include <string.h>
#include <sys/random.h>

#include "carport-nissan-login.h"
#include "carport-nissan-region.h"

/* ------------------------------------------------------------------------ */
/* PKCE and state */

static char *
base64url (const guchar *data,
           gsize         len)
{
  char *text = g_base64_encode (data, len);

  for (char *p = text; *p != '\0'; p++)
    {
      if (*p == '+')
        *p = '-';
      else if (*p == '/')
        *p = '_';
      else if (*p == '=')
        {
          *p = '\0';
          break;
        }
    }

  return text;
}

static char *
random_base64url (gsize n_bytes)
{
  guchar bytes[64];
  gsize got = 0;
  char *text;

  g_assert (n_bytes <= sizeof bytes);

  while (got < n_bytes)
    {
      ssize_t n = getrandom (bytes + got, n_bytes - got, 0);

      if (n > 0)
        got += (gsize) n;
      else if (n < 0 && errno != EINTR)
        g_error ("No random numbers from the system: %s", g_strerror (errno));
    }

  text = base64url (bytes, n_bytes);
  explicit_bzero (bytes, sizeof bytes);
  return text;
}

char *
carport_nissan_pkce_verifier (void)
{
  return random_base64url (64);
}

char *
carport_nissan_pkce_challenge (const char *verifier)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 digest[32];
  gsize len = sizeof digest;

  g_return_val_if_fail (verifier != NULL, NULL);

  g_checksum_update (checksum, (const guchar *) verifier, (gssize) strlen (verifier));
  g_checksum_get_digest (checksum, digest, &len);

  return base64url (digest, len);
}

char *
carport_nissan_random_state (void)
{
  return random_base64url (32);
}

/* ------------------------------------------------------------------------ */
/* The login form */

static void
append_entity (GString    *out,
               const char *entity,
               gsize       len)
{
  static const struct { const char *name; const char *text; } named[] = {
    { "amp", "&" }, { "lt", "<" }, { "gt", ">" }, { "quot", "\"" }, { "apos", "'" }, { "nbsp", "\u00a0" },
  };

  if (len > 1 && entity[0] == '#')
    {
      g_autofree char *digits = g_strndup (entity + 1, len - 1);
      gboolean hex = digits[0] == 'x' || digits[0] == 'X';
      char *end = NULL;
      guint64 code = g_ascii_strtoull (hex ? digits + 1 : digits, &end, hex ? 16 : 10);

      if (end != NULL && *end == '\0' && code > 0 && code <= 0x10FFFF && g_unichar_validate ((gunichar) code))
        {
          g_string_append_unichar (out, (gunichar) code);
          return;
        }
    }
  else
    {
      for (gsize i = 0; i < G_N_ELEMENTS (named); i++)
        if (strlen (named[i].name) == len && strncmp (named[i].name, entity, len) == 0)
          {
            g_string_append (out, named[i].text);
            return;
          }
    }

  g_string_append_c (out, '&');
  g_string_append_len (out, entity, (gssize) len);
  g_string_append_c (out, ';');
}

static char *
decode_entities (const char *text,
                 gsize       len)
{
  GString *out = g_string_sized_new (len);

  for (gsize i = 0; i < len; i++)
    {
      if (text[i] == '&')
        {
          gsize j = i + 1;

          while (j < len && j - i < 12 && text[j] != ';' && text[j] != '&' && !g_ascii_isspace (text[j]))
            j++;
          if (j < len && text[j] == ';')
            {
              append_entity (out, text + i + 1, j - i - 1);
              i = j;
              continue;
            }
        }
      g_string_append_c (out, text[i]);
    }

  return g_string_free (out, FALSE);
}

/* Parses the attributes of a tag from @p to its '>'; returns where the tag
 * ends. Keeps name, value and action (the others are not needed). */
static const char *
parse_attributes (const char  *p,
                  char       **name,
                  char       **value,
                  char       **action)
{
  while (*p != '\0' && *p != '>')
    {
      const char *key, *val = NULL;
      gsize key_len, val_len = 0;

      while (g_ascii_isspace (*p) || *p == '/')
        p++;
      if (*p == '\0' || *p == '>')
        break;

      key = p;
      while (*p != '\0' && *p != '>' && *p != '=' && *p != '/' && !g_ascii_isspace (*p))
        p++;
      key_len = (gsize) (p - key);
      if (key_len == 0)
        {
          p++;
          continue;
        }

      while (g_ascii_isspace (*p))
        p++;
      if (*p == '=')
        {
          p++;
          while (g_ascii_isspace (*p))
            p++;
          if (*p == '"' || *p == '\'')
            {
              char quote = *p++;

              val = p;
              while (*p != '\0' && *p != quote)
                p++;
              val_len = (gsize) (p - val);
              if (*p == quote)
                p++;
            }
          else
            {
              val = p;
              while (*p != '\0' && *p != '>' && !g_ascii_isspace (*p))
                p++;
              val_len = (gsize) (p - val);
              /* "value=x/>": the slash closes the tag. */
              if (val_len > 0 && val[val_len - 1] == '/' && *p == '>')
                val_len--;
            }
        }

#define KEEP(attr, out) \
      if (out != NULL && key_len == strlen (attr) && g_ascii_strncasecmp (key, attr, key_len) == 0) \
        { \
          g_free (*out); \
          *out = val != NULL ? decode_entities (val, val_len) : g_strdup (""); \
        }
      KEEP ("name", name)
      KEEP ("value", value)
      KEEP ("action", action)
#undef KEEP
    }

  return *p == '>' ? p + 1 : p;
}

void
carport_nissan_form_free (CarportNissanForm *form)
{
  if (form == NULL)
    return;

  g_free (form->action);
  g_ptr_array_unref (form->names);
  g_ptr_array_unref (form->values);
  g_free (form);
}

const char *
carport_nissan_form_get (CarportNissanForm *form,
                         const char        *name)
{
  g_return_val_if_fail (form != NULL, NULL);

  for (guint i = 0; i < form->names->len; i++)
    if (g_strcmp0 (g_ptr_array_index (form->names, i), name) == 0)
      return g_ptr_array_index (form->values, i);

  return NULL;
}

static gboolean
form_is_login (CarportNissanForm *form)
{
  return form != NULL &&
         carport_nissan_form_get (form, "sessionDataKey") != NULL &&
         carport_nissan_form_get (form, "password") != NULL;
}

/* TRUE when @p starts the tag @tag ("<form", "</form") followed by a
 * delimiter. */
static gboolean
tag_is (const char *p,
        const char *tag)
{
  gsize len = strlen (tag);

  return g_ascii_strncasecmp (p, tag, len) == 0 &&
         (p[len] == '\0' || p[len] == '>' || p[len] == '/' || g_ascii_isspace (p[len]));
}

/* Skips past the end of a raw-text element (script, style). */
static const char *
skip_raw_text (const char *p,
               const char *closing)
{
  gsize len = strlen (closing);

  for (; *p != '\0'; p++)
    if (*p == '<' && g_ascii_strncasecmp (p, closing, len) == 0)
      return p;

  return p;
}

CarportNissanForm *
carport_nissan_form_parse (const char *html)
{
  g_autoptr(CarportNissanForm) form = NULL;
  const char *p = html;

  if (html == NULL)
    return NULL;

  while ((p = strchr (p, '<')) != NULL)
    {
      if (g_str_has_prefix (p, "<!--"))
        {
          const char *end = strstr (p + 4, "-->");

          if (end == NULL)
            break;
          p = end + 3;
        }
      else if (tag_is (p, "<script") || tag_is (p, "<style"))
        {
          gboolean script = tag_is (p, "<script");

          p = parse_attributes (p + (script ? 7 : 6), NULL, NULL, NULL);
          p = skip_raw_text (p, script ? "</script" : "</style");
        }
      else if (tag_is (p, "<form"))
        {
          /* Forms do not nest: an open one ends here. */
          if (form_is_login (form))
            return g_steal_pointer (&form);
          g_clear_pointer (&form, carport_nissan_form_free);

          form = g_new0 (CarportNissanForm, 1);
          form->names = g_ptr_array_new_with_free_func (g_free);
          form->values = g_ptr_array_new_with_free_func (g_free);
          p = parse_attributes (p + 5, NULL, NULL, &form->action);
          if (form->action == NULL)
            form->action = g_strdup ("");
        }
      else if (tag_is (p, "</form"))
        {
          if (form_is_login (form))
            return g_steal_pointer (&form);
          g_clear_pointer (&form, carport_nissan_form_free);
          p = parse_attributes (p + 6, NULL, NULL, NULL);
        }
      else if (tag_is (p, "<input"))
        {
          g_autofree char *name = NULL;
          g_autofree char *value = NULL;

          p = parse_attributes (p + 6, &name, &value, NULL);
          if (form != NULL && name != NULL && *name != '\0')
            {
              g_ptr_array_add (form->names, g_steal_pointer (&name));
              g_ptr_array_add (form->values, value != NULL ? g_steal_pointer (&value) : g_strdup (""));
            }
        }
      else
        {
          p++;
        }
    }

  return form_is_login (form) ? g_steal_pointer (&form) : NULL;
}

void
carport_nissan_form_append (GString    *form,
                            const char *name,
                            const char *value)
{
  g_autofree char *escaped_name = g_uri_escape_string (name, NULL, FALSE);
  g_autofree char *escaped_value = g_uri_escape_string (value != NULL ? value : "", NULL, FALSE);

  if (form->len > 0)
    g_string_append_c (form, '&');
  g_string_append_printf (form, "%s=%s", escaped_name, escaped_value);
  explicit_bzero (escaped_value, strlen (escaped_value));
}

char *
carport_nissan_form_encode (CarportNissanForm *form,
                            const char        *email,
                            const char        *password)
{
  GString *body = g_string_new (NULL);
  const char *region;
  g_autofree char *username = NULL;

  g_return_val_if_fail (form != NULL, NULL);

  for (guint i = 0; i < form->names->len; i++)
    {
      const char *name = g_ptr_array_index (form->names, i);

      if (g_str_equal (name, "userName") || g_str_equal (name, "username") || g_str_equal (name, "password"))
        continue;
      carport_nissan_form_append (body, name, g_ptr_array_index (form->values, i));
    }

  region = carport_nissan_form_get (form, "regionCode");
  if (region != NULL && *region != '\0')
    username = g_strdup_printf ("%s/%s", region, email);
  else
    username = g_strdup (email);

  carport_nissan_form_append (body, "userName", email);
  carport_nissan_form_append (body, "username", username);
  carport_nissan_form_append (body, "password", password);

  return g_string_free (body, FALSE);
}

/* ------------------------------------------------------------------------ */
/* URLs */

gboolean
carport_nissan_parse_callback (const char  *url,
                               char       **code,
                               char       **state,
                               char       **error_text)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GHashTable) params = NULL;
  const char *query;
  const char *error_code, *description;

  *code = NULL;
  *state = NULL;
  *error_text = NULL;

  if (url == NULL)
    return FALSE;

  uri = g_uri_parse (url, G_URI_FLAGS_ENCODED_QUERY, NULL);
  if (uri == NULL ||
      g_ascii_strcasecmp (g_uri_get_scheme (uri), CARPORT_NISSAN_REDIRECT_SCHEME) != 0 ||
      g_uri_get_host (uri) == NULL ||
      g_ascii_strcasecmp (g_uri_get_host (uri), CARPORT_NISSAN_REDIRECT_HOST) != 0)
    return FALSE;

  query = g_uri_get_query (uri);
  if (query == NULL)
    return TRUE;

  params = g_uri_parse_params (query, -1, "&", G_URI_PARAMS_WWW_FORM, NULL);
  if (params == NULL)
    return TRUE;

  *code = g_strdup (g_hash_table_lookup (params, "code"));
  *state = g_strdup (g_hash_table_lookup (params, "state"));
  error_code = g_hash_table_lookup (params, "error");
  description = g_hash_table_lookup (params, "error_description");
  if (error_code != NULL)
    *error_text = description != NULL ? g_strdup_printf ("%s: %s", error_code, description)
                                      : g_strdup (error_code);

  if (*code != NULL && **code == '\0')
    g_clear_pointer (code, g_free);

  return TRUE;
}

static int
uri_port (GUri *uri)
{
  int port = g_uri_get_port (uri);

  if (port > 0)
    return port;
  if (g_ascii_strcasecmp (g_uri_get_scheme (uri), "https") == 0)
    return 443;
  if (g_ascii_strcasecmp (g_uri_get_scheme (uri), "http") == 0)
    return 80;
  return -1;
}

gboolean
carport_nissan_same_origin (const char *url,
                            const char *root)
{
  g_autoptr(GUri) a = NULL;
  g_autoptr(GUri) b = NULL;

  if (url == NULL || root == NULL)
    return FALSE;

  a = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  b = g_uri_parse (root, G_URI_FLAGS_NONE, NULL);

  return a != NULL && b != NULL &&
         g_uri_get_host (a) != NULL && g_uri_get_host (b) != NULL &&
         g_ascii_strcasecmp (g_uri_get_scheme (a), g_uri_get_scheme (b)) == 0 &&
         g_ascii_strcasecmp (g_uri_get_host (a), g_uri_get_host (b)) == 0 &&
         uri_port (a) == uri_port (b);
}

char *
carport_nissan_login_target (const char *page,
                             const char *reference,
                             const char *root)
{
  g_autoptr(GUri) base = NULL;
  g_autoptr(GUri) resolved = NULL;
  g_autofree char *target = NULL;

  base = g_uri_parse (page, G_URI_FLAGS_NONE, NULL);
  if (base == NULL)
    return NULL;
  resolved = g_uri_parse_relative (base, reference, G_URI_FLAGS_NONE, NULL);
  /* Without a host it is no login page; and GLib cannot write such a URI
   * when its path starts with "//" ("a:/.//b"): it fails an assertion. */
  if (resolved == NULL || g_uri_get_host (resolved) == NULL || *g_uri_get_host (resolved) == '\0')
    return NULL;
  target = g_uri_to_string (resolved);
  if (!carport_nissan_same_origin (target, root))
    return NULL;
  return g_steal_pointer (&target);
}
