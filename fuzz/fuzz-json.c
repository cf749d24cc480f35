/* fuzz-json.c — carport_json_parse() and every lenient reader of
 * carport-json.h, on each member of whatever parsed.
 *
 *   json\n BODY     parse BODY and read every member every way
 *   nominatim\n BODY  a reverse look-up's answer read into an address */
#include "config.h"

#include "carport-json.h"
#include "carport-nominatim.h"
#include "fuzz-target.h"

static void read_node (JsonNode *node);

static void
read_member (JsonObject  *object,
             const char  *name,
             JsonNode    *member,
             gpointer     user_data)
{
  GDateTime *time = carport_json_get_time (object, name);
  double number;
  int integer;
  gboolean boolean;

  (void) carport_json_get_member (object, name);
  (void) carport_json_get_object (object, name);
  (void) carport_json_get_array (object, name);
  (void) carport_json_get_string (object, name);
  (void) carport_json_get_number (object, name, &number);
  (void) carport_json_get_int (object, name, &integer);
  (void) carport_json_get_bool (object, name, &boolean);
  g_clear_pointer (&time, g_date_time_unref);
  g_free (carport_json_node_dup_code (member));
  read_node (member);
}

static void
read_element (JsonArray *array,
              guint      index,
              JsonNode  *element,
              gpointer   user_data)
{
  read_node (element);
}

static void
read_node (JsonNode *node)
{
  double number;

  (void) carport_json_node_get_number (node, &number);
  if (JSON_NODE_HOLDS_OBJECT (node))
    json_object_foreach_member (json_node_get_object (node), read_member, NULL);
  else if (JSON_NODE_HOLDS_ARRAY (node))
    json_array_foreach_element (json_node_get_array (node), read_element, NULL);
}

static void
parse_json (const char *arg,
            GBytes     *body)
{
  gsize len;
  const char *data = g_bytes_get_data (body, &len);
  g_autoptr(JsonNode) root = carport_json_parse (data != NULL ? data : "", (gssize) len);

  if (root == NULL)
    return;

  (void) carport_json_attributes (root);
  (void) carport_json_get_path_string (root, "data.attributes.id");
  read_node (root);
}

static void
parse_nominatim (const char *arg,
                 GBytes     *body)
{
  gsize len;
  const char *data = g_bytes_get_data (body, &len);

  g_free (carport_nominatim_parse_address (data, len));
}

static const FuzzParser parsers[] = {
  { "json", .parse_body = parse_json },
  { "nominatim", .parse_body = parse_nominatim },
};

FUZZ_TARGET (parsers, NULL)
