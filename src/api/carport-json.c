/* carport-json.c — the one lenient JSON reader of the api layer. */
#include "config.h"

#define G_LOG_DOMAIN "carport-api"

#include <errno.h>
#include <math.h>
#include <string.h>

#include "carport-core.h"
#include "carport-json.h"

JsonNode *
carport_json_get_member (JsonObject *object,
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

JsonObject *
carport_json_node_get_object (JsonNode *node)
{
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;

  return json_node_get_object (node);
}

JsonObject *
carport_json_get_object (JsonObject *object,
                         const char *name)
{
  return carport_json_node_get_object (carport_json_get_member (object, name));
}

JsonArray *
carport_json_get_array (JsonObject *object,
                        const char *name)
{
  JsonNode *node = carport_json_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;

  return json_node_get_array (node);
}

const char *
carport_json_get_string (JsonObject *object,
                         const char *name)
{
  JsonNode *node = carport_json_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

gboolean
carport_json_node_get_number (JsonNode *node,
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

gboolean
carport_json_get_number (JsonObject *object,
                         const char *name,
                         double     *out)
{
  return carport_json_node_get_number (carport_json_get_member (object, name), out);
}

gboolean
carport_json_get_number_in (JsonObject *object,
                            const char *name,
                            double      min,
                            double      max,
                            double     *out)
{
  double value;

  if (!carport_json_get_number (object, name, &value) || value < min || value > max)
    return FALSE;

  *out = value;
  return TRUE;
}

gboolean
carport_json_get_int_in (JsonObject *object,
                         const char *name,
                         int         min,
                         int         max,
                         int        *out)
{
  double value;

  if (!carport_json_get_number (object, name, &value))
    return FALSE;

  value = round (value);
  if (value < min || value > max)
    return FALSE;

  *out = (int) value;
  return TRUE;
}

gboolean
carport_json_get_int (JsonObject *object,
                      const char *name,
                      int        *out)
{
  return carport_json_get_int_in (object, name, G_MININT, G_MAXINT, out);
}

gboolean
carport_json_get_bool (JsonObject *object,
                       const char *name,
                       gboolean   *out)
{
  JsonNode *node = carport_json_get_member (object, name);
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

GDateTime *
carport_json_get_time (JsonObject *object,
                       const char *name)
{
  const char *text = carport_json_get_string (object, name);

  if (text == NULL || *text == '\0')
    return NULL;

  return carport_parse_iso8601 (text);
}

const char *
carport_json_get_path_string (JsonNode   *root,
                              const char *path)
{
  g_auto(GStrv) parts = g_strsplit (path, ".", -1);
  JsonObject *object = carport_json_node_get_object (root);
  guint last = g_strv_length (parts) - 1;

  for (guint i = 0; i < last && object != NULL; i++)
    object = carport_json_get_object (object, parts[i]);

  return carport_json_get_string (object, parts[last]);
}

JsonObject *
carport_json_attributes (JsonNode *root)
{
  JsonObject *object = carport_json_node_get_object (root);
  JsonObject *data = carport_json_get_object (object, "data");

  if (data == NULL)
    return object;

  return carport_json_get_object (data, "attributes");
}

/* A code given as a string or an integer, as a new string. */
char *
carport_json_node_dup_code (JsonNode *node)
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

/* TRUE when the @n_digits digits at @digits (no sign, no leading zero)
 * make an integer beyond gint64, negative when @negative. */
static gboolean
integer_overflows (const char *digits,
                   gsize       n_digits,
                   gboolean    negative)
{
  const char *limit = negative ? "9223372036854775808" : "9223372036854775807";
  gsize limit_len = strlen (limit);

  return n_digits > limit_len || (n_digits == limit_len && strncmp (digits, limit, limit_len) > 0);
}

/* One pass over @data, strings skipped: returns the deepest nesting of
 * arrays and objects (counting stops past @limit) and adds to @widen the
 * end offset of each integer literal beyond gint64, which json-glib would
 * wrap around (1e30 written out reads as -1). */
static guint
scan_body (const char *data,
           gsize       len,
           guint       limit,
           GArray     *widen)
{
  guint depth = 0, deepest = 0;
  gboolean in_string = FALSE;

  for (gsize i = 0; i < len && deepest <= limit; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if (c == '[' || c == '{')
        {
          depth++;
          deepest = MAX (deepest, depth);
        }
      else if ((c == ']' || c == '}') && depth > 0)
        depth--;
      else if (c == '-' || g_ascii_isdigit (c))
        {
          gboolean negative = c == '-';
          gsize start = negative ? i + 1 : i, end = start;

          while (end < len && g_ascii_isdigit (data[end]))
            end++;
          if ((end >= len || (data[end] != '.' && data[end] != 'e' && data[end] != 'E')) &&
              integer_overflows (data + start, end - start, negative))
            g_array_append_val (widen, end);
          /* The rest of a number (fraction, exponent) holds nothing to count. */
          while (end < len && (g_ascii_isdigit (data[end]) || strchr (".eE+-", data[end]) != NULL))
            end++;
          i = end - 1;
        }
    }
  return deepest;
}

JsonNode *
carport_json_parse (const char *data,
                    gssize      len)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GArray) widen = NULL;
  g_autoptr(GString) widened = NULL;
  gsize length;

  if (data == NULL)
    return NULL;
  length = len < 0 ? strlen (data) : (gsize) len;
  if (length == 0 || memchr (data, '\0', length) != NULL || !g_utf8_validate_len (data, length, NULL))
    return NULL;
  widen = g_array_new (FALSE, FALSE, sizeof (gsize));
  if (scan_body (data, length, CARPORT_JSON_MAX_DEPTH, widen) > CARPORT_JSON_MAX_DEPTH)
    {
      g_debug ("Refusing an answer nested deeper than %u levels", CARPORT_JSON_MAX_DEPTH);
      return NULL;
    }

  /* Integers beyond 64 bits are read as the doubles they are ("…0.0"), so
   * that a range check sees 1e30, not what json-glib wraps it to. */
  if (widen->len > 0)
    {
      gsize from = 0;

      widened = g_string_sized_new (length + 2 * widen->len);
      for (guint i = 0; i < widen->len; i++)
        {
          gsize end = g_array_index (widen, gsize, i);

          g_string_append_len (widened, data + from, (gssize) (end - from));
          g_string_append (widened, ".0");
          from = end;
        }
      g_string_append_len (widened, data + from, (gssize) (length - from));
      data = widened->str;
      length = widened->len;
    }

  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, data, (gssize) length, NULL))
    return NULL;
  return json_parser_steal_root (parser);
}
