/* carport-jwt.c — reading what a JWT says about itself (no signature check).
 *
 * Both brands hand out JWTs (Renault's Gigya JWT, Nissan's Kamereon access
 * token): their expiry tells how long a token kept from an earlier run is
 * still good. */
#include "config.h"

#define G_LOG_DOMAIN "carport-api"

#include <json-glib/json-glib.h>

#include "carport-jwt.h"
#include "carport-json.h"

gint64
carport_jwt_get_expiry (const char *jwt)
{
  g_auto(GStrv) parts = NULL;
  g_autoptr(GString) payload = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree guchar *decoded = NULL;
  gsize decoded_len = 0;
  JsonObject *object;
  JsonNode *exp;

  if (jwt == NULL)
    return 0;

  parts = g_strsplit (jwt, ".", 4);
  if (g_strv_length (parts) < 2 || *parts[1] == '\0')
    return 0;

  /* base64url → base64 with padding */
  payload = g_string_new (parts[1]);
  for (gsize i = 0; i < payload->len; i++)
    {
      if (payload->str[i] == '-')
        payload->str[i] = '+';
      else if (payload->str[i] == '_')
        payload->str[i] = '/';
    }
  while (payload->len % 4 != 0)
    g_string_append_c (payload, '=');

  decoded = g_base64_decode (payload->str, &decoded_len);
  if (decoded == NULL || decoded_len == 0)
    return 0;

  root = carport_json_parse ((const char *) decoded, (gssize) decoded_len);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return 0;

  object = json_node_get_object (root);
  exp = json_object_get_member (object, "exp");
  if (exp == NULL || !JSON_NODE_HOLDS_VALUE (exp))
    return 0;

  switch (json_node_get_value_type (exp))
    {
    case G_TYPE_INT64:
      return json_node_get_int (exp);
    case G_TYPE_DOUBLE:
      {
        double value = json_node_get_double (exp);

        /* Out of the range of gint64 (undefined to convert): no usable expiry. */
        if (!(value > -9.2e18 && value < 9.2e18))
          return 0;
        return (gint64) value;
      }
    case G_TYPE_STRING:
      return g_ascii_strtoll (json_node_get_string (exp), NULL, 10);
    default:
      return 0;
    }
}
