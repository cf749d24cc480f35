/* carport-json.h — the one lenient JSON reader of the api layer.
 *
 * Servers send every field optional and often of another type than
 * documented ("12" for 12, 0/1 for booleans, null for absent). These
 * readers share one rule set, for every brand:
 *
 * - a member that is absent or JSON null is absent;
 * - a number is a JSON integer, a finite JSON double, or a string that is a
 *   whole finite number after trimming ("12", " 4.5 "); "12abc", "" and
 *   "NaN" are not numbers;
 * - a boolean is true/false, the strings "true"/"false" (any case), or 0/1;
 * - a string is a JSON string only (a number is not a string);
 * - a time is an ISO-8601 string (carport_parse_iso8601()).
 *
 * A value of the wrong type is treated as absent, and so is a number outside
 * the bounds a caller gives (carport_json_get_number_in(), _get_int_in()):
 * the one way to check that a value is plausible. All lookups accept a NULL
 * object and return "absent". */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

JsonNode   *carport_json_get_member (JsonObject *object, const char *name);
JsonObject *carport_json_get_object (JsonObject *object, const char *name);
JsonArray  *carport_json_get_array  (JsonObject *object, const char *name);
const char *carport_json_get_string (JsonObject *object, const char *name);
gboolean    carport_json_get_number (JsonObject *object, const char *name, double *out);
/* A number within [@min, @max]; outside, it is absent. */
gboolean    carport_json_get_number_in (JsonObject *object, const char *name,
                                        double min, double max, double *out);
/* A number rounded to the nearest integer within the range of int. */
gboolean    carport_json_get_int    (JsonObject *object, const char *name, int *out);
/* A number rounded to the nearest integer within [@min, @max]; outside, it is absent. */
gboolean    carport_json_get_int_in (JsonObject *object, const char *name,
                                     int min, int max, int *out);
gboolean    carport_json_get_bool   (JsonObject *object, const char *name, gboolean *out);
/* NULL when absent or not a parsable ISO-8601 time. */
GDateTime  *carport_json_get_time   (JsonObject *object, const char *name);

gboolean    carport_json_node_get_number (JsonNode *node, double *out);
/* The object of @node, or NULL when @node is not an object. */
JsonObject *carport_json_node_get_object (JsonNode *node);
/* A string member reached through a dotted path ("data.personId") from @root. */
const char *carport_json_get_path_string (JsonNode *root, const char *path);
/* The JSON:API "data.attributes" object of @root, or @root itself when it has
 * no "data" envelope (a flat body); NULL when @root is not an object. */
JsonObject *carport_json_attributes      (JsonNode *root);

/* A code given as a string (trimmed, not empty) or a whole number, as a new
 * string ("err.func.wired.notFound", "403042"); NULL otherwise. */
char       *carport_json_node_dup_code   (JsonNode *node);

/* How deep arrays and objects may nest in an answer. Real answers nest
 * fewer than ten levels; a deeper body is refused before parsing, as
 * json-glib's recursive parser would overflow the stack on one of
 * thousands of levels. */
#define CARPORT_JSON_MAX_DEPTH 64

/* Parses @len bytes of @data (@len -1: up to a NUL) into a root node, or
 * NULL when they are not JSON, not UTF-8, hold a NUL, or nest deeper than
 * CARPORT_JSON_MAX_DEPTH. An integer beyond 64 bits is read as a double
 * (json-glib alone wraps it: 1e30 written out would read as -1). Every JSON
 * answer of the api layer goes through it. */
JsonNode   *carport_json_parse           (const char *data, gssize len);

G_END_DECLS
