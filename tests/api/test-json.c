/* test-json.c — the one lenient JSON reader of the api layer
 * (src/api/carport-json.h): its rules, and the parser's depth guard. */
#include "config.h"

#include <string.h>

#include "carport-json.h"
#include "carport-kamereon-response.h"
#include "carport-jwt.h"
#include "carport-nominatim.h"

static char *
nested (guint depth)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < depth; i++)
    g_string_append_c (text, '[');
  for (guint i = 0; i < depth; i++)
    g_string_append_c (text, ']');
  return g_string_free (text, FALSE);
}

static void
test_parse_depth (void)
{
  g_autofree char *fine = nested (CARPORT_JSON_MAX_DEPTH);
  g_autofree char *deep = nested (CARPORT_JSON_MAX_DEPTH + 1);
  g_autofree char *very_deep = nested (80000);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) refused = NULL;
  /* Brackets inside strings do not count. */
  g_autofree char *in_string = g_strdup_printf ("{\"a\": \"%s\"}", very_deep);
  g_autoptr(JsonNode) string_root = NULL;

  root = carport_json_parse (fine, -1);
  g_assert_nonnull (root);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (root));
  refused = carport_json_parse (deep, -1);
  g_assert_null (refused);
  g_assert_null (carport_json_parse (very_deep, -1));
  string_root = carport_json_parse (in_string, -1);
  g_assert_nonnull (string_root);
  g_assert_cmpstr (carport_json_get_string (json_node_get_object (string_root), "a"), ==, very_deep);
}

static void
test_parse_refuses (void)
{
  static const char with_nul[] = "{\"a\":1}\0{}";

  g_assert_null (carport_json_parse (NULL, -1));
  g_assert_null (carport_json_parse ("", -1));
  g_assert_null (carport_json_parse ("{\"a\":", -1));
  g_assert_null (carport_json_parse ("\xff\xfe{}", -1));
  g_assert_null (carport_json_parse (with_nul, sizeof with_nul - 1));
}

/* A deep answer of the server is an invalid response, not a crash. */
static void
test_deep_answer (void)
{
  g_autofree char *very_deep = nested (80000);
  g_autoptr(GBytes) body = g_bytes_new (very_deep, strlen (very_deep));
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;

  root = carport_kamereon_parse_response (200, body, &error);
  g_assert_null (root);
  g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_INVALID_RESPONSE);
}

static void
test_numbers (void)
{
  g_autoptr(JsonNode) root = carport_json_parse ("{\"a\":\"12\",\"b\":\"12abc\",\"c\":4.6,\"d\":null,"
                                                 "\"e\":\"NaN\",\"f\":1e30}", -1);
  JsonObject *object = json_node_get_object (root);
  double value = 0;
  int n = 0;

  g_assert_true (carport_json_get_number (object, "a", &value));
  g_assert_cmpfloat (value, ==, 12);
  g_assert_false (carport_json_get_number (object, "b", &value));
  g_assert_true (carport_json_get_int (object, "c", &n));
  g_assert_cmpint (n, ==, 5);
  g_assert_false (carport_json_get_number (object, "d", &value));
  g_assert_false (carport_json_get_number (object, "e", &value));
  /* Out of the range of int: not an int. */
  g_assert_false (carport_json_get_int (object, "f", &n));
}

/* Bounds: outside them a number is absent, as a wrong type is. */
static void
test_numbers_in_range (void)
{
  g_autoptr(JsonNode) root = carport_json_parse ("{\"level\":62,\"over\":101,\"under\":-1,\"text\":\"99.6\","
                                                 "\"lat\":48.5,\"flag\":true}", -1);
  JsonObject *object = json_node_get_object (root);
  double value = 0;
  int n = 0;

  g_assert_true (carport_json_get_int_in (object, "level", 0, 100, &n));
  g_assert_cmpint (n, ==, 62);
  g_assert_false (carport_json_get_int_in (object, "over", 0, 100, &n));
  g_assert_false (carport_json_get_int_in (object, "under", 0, 100, &n));
  g_assert_true (carport_json_get_int_in (object, "text", 0, 100, &n));
  g_assert_cmpint (n, ==, 100);
  g_assert_false (carport_json_get_int_in (object, "flag", 0, 100, &n));
  g_assert_cmpint (n, ==, 100);
  g_assert_true (carport_json_get_number_in (object, "lat", -90, 90, &value));
  g_assert_cmpfloat (value, ==, 48.5);
  g_assert_false (carport_json_get_number_in (object, "over", -90, 90, &value));
  g_assert_false (carport_json_get_number_in (object, "missing", -90, 90, &value));
  g_assert_cmpfloat (value, ==, 48.5);
}

/* json-glib wraps integers beyond 64 bits (1e30 written out reads as -1, a
 * plausible latitude): they are read as the large numbers they are. */
static void
test_integer_overflow (void)
{
  g_autoptr(JsonNode) root = carport_json_parse ("{\"big\":1000000000000000000000000000000,"
                                                 "\"small\":-1000000000000000000000000000000,"
                                                 "\"max\":9223372036854775807,\"min\":-9223372036854775808,"
                                                 "\"over\":9223372036854775808,\"exp\":1e30,\"frac\":12345678901234567890.5,"
                                                 "\"text\":\"1000000000000000000000000000000\","
                                                 "\"list\":[18446744073709551615,-1]}", -1);
  JsonObject *object;
  JsonArray *list;
  double value = 0;

  g_assert_nonnull (root);
  object = json_node_get_object (root);
  g_assert_true (carport_json_get_number (object, "big", &value));
  g_assert_cmpfloat (value, ==, 1e30);
  g_assert_false (carport_json_get_number_in (object, "big", -90, 90, &value));
  g_assert_true (carport_json_get_number (object, "small", &value));
  g_assert_cmpfloat (value, ==, -1e30);
  g_assert_cmpint (json_object_get_int_member (object, "max"), ==, G_MAXINT64);
  g_assert_cmpint (json_object_get_int_member (object, "min"), ==, G_MININT64);
  g_assert_true (carport_json_get_number (object, "over", &value));
  g_assert_cmpfloat (value, >, 9e18);
  g_assert_true (carport_json_get_number (object, "exp", &value));
  g_assert_cmpfloat (value, ==, 1e30);
  g_assert_true (carport_json_get_number (object, "frac", &value));
  g_assert_cmpfloat (value, >, 1e19);
  g_assert_cmpstr (carport_json_get_string (object, "text"), ==, "1000000000000000000000000000000");
  list = carport_json_get_array (object, "list");
  g_assert_cmpfloat (json_array_get_double_element (list, 0), >, 1e19);
  g_assert_cmpint (json_array_get_int_element (list, 1), ==, -1);
}

/* Numbers out of the range of gint64 (undefined to convert) are still read
 * safely: a huge Gigya error code is an error, a huge JWT expiry none. */
static void
test_huge_numbers (void)
{
  static const char gigya[] = "{\"errorCode\": 4e30, \"errorMessage\": \"odd\", \"statusCode\": 500}";
  g_autoptr(GBytes) body = g_bytes_new_static (gigya, sizeof gigya - 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *payload = NULL;
  g_autofree char *jwt = NULL;

  root = carport_gigya_parse_response (200, body, &error);
  g_assert_null (root);
  g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_FAILED);

  payload = g_base64_encode ((const guchar *) "{\"exp\": 9e71}", strlen ("{\"exp\": 9e71}"));
  jwt = g_strdup_printf ("e30.%s.sig", payload);
  g_strdelimit (jwt, "=", '\0');
  g_assert_cmpint (carport_jwt_get_expiry (jwt), ==, 0);
}

/* A Nominatim reverse answer, as people write an address; what holds no
 * address (an error, an HTML page, nothing) gives none. */
static void
test_nominatim_address (void)
{
  static const struct { const char *body; const char *address; } cases[] = {
    { "{\"address\":{\"house_number\":\"12\",\"road\":\"Rue de la République\",\"city\":\"Lyon\","
      "\"postcode\":\"69002\",\"country\":\"France\"},\"display_name\":\"12, Rue de la République, Lyon\"}",
      "12 Rue de la République, 69002 Lyon" },
    { "{\"address\":{\"pedestrian\":\"Place Bellecour\",\"town\":\"Lyon\"}}", "Place Bellecour, Lyon" },
    { "{\"address\":{\"village\":\"Saint-Jean\",\"postcode\":\"31240\"}}", "31240 Saint-Jean" },
    { "{\"address\":{\"country\":\"France\"},\"display_name\":\"France\"}", "France" },
    { "{\"display_name\":\"Somewhere\"}", "Somewhere" },
    { "{\"address\":{\"road\":42,\"city\":[\"Lyon\"]}}", NULL },
    { "{\"error\":\"Unable to geocode\"}", NULL },
    { "<html><body>502 Bad Gateway</body></html>", NULL },
    { "", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *address = carport_nominatim_parse_address (cases[i].body, strlen (cases[i].body));

      g_assert_cmpstr (address, ==, cases[i].address);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/json/parse-depth", test_parse_depth);
  g_test_add_func ("/json/parse-refuses", test_parse_refuses);
  g_test_add_func ("/json/deep-answer", test_deep_answer);
  g_test_add_func ("/json/numbers", test_numbers);
  g_test_add_func ("/json/numbers-in-range", test_numbers_in_range);
  g_test_add_func ("/json/integer-overflow", test_integer_overflow);
  g_test_add_func ("/json/huge-numbers", test_huge_numbers);
  g_test_add_func ("/json/nominatim-address", test_nominatim_address);

  return g_test_run ();
}
