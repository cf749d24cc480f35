/* carport-nominatim.c — a Nominatim reverse look-up's answer, read.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "carport-api"

#include "config.h"

#include "carport-json.h"
#include "carport-nominatim.h"

char *
carport_nominatim_parse_address (const char *data,
                                 gsize       size)
{
  g_autoptr(JsonNode) root = carport_json_parse (data != NULL ? data : "", size);
  JsonObject *object = carport_json_node_get_object (root);
  JsonObject *address;
  const char *road, *number, *postcode, *city;
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  if (object == NULL || carport_json_get_member (object, "error") != NULL)
    return NULL;
  address = carport_json_get_object (object, "address");
  if (address == NULL)
    return g_strdup (carport_json_get_string (object, "display_name"));

  road = carport_json_get_string (address, "road");
  if (road == NULL)
    road = carport_json_get_string (address, "pedestrian");
  number = carport_json_get_string (address, "house_number");
  postcode = carport_json_get_string (address, "postcode");
  city = carport_json_get_string (address, "city");
  if (city == NULL)
    city = carport_json_get_string (address, "town");
  if (city == NULL)
    city = carport_json_get_string (address, "village");

  if (road != NULL)
    g_ptr_array_add (parts, number != NULL ? g_strdup_printf ("%s %s", number, road) : g_strdup (road));
  if (city != NULL)
    g_ptr_array_add (parts, postcode != NULL ? g_strdup_printf ("%s %s", postcode, city) : g_strdup (city));
  if (parts->len == 0)
    return g_strdup (carport_json_get_string (object, "display_name"));
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (", ", (char **) parts->pdata);
}

