/* test-kamereon-response.c — how Gigya's and Kamereon's answers are checked:
 * error bodies (recorded and inline), HTTP statuses, successful envelopes,
 * Gigya's answers and the error domain.
 *
 * The fixtures in fixtures/ are written from docs/api-renault.md.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "api-test-util.h"
#include "carport-api-error.h"
#include "carport-kamereon-response.h"

static void
assert_kamereon_error (guint            status,
                       GBytes          *body,
                       int              expected,
                       const char      *detail)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = carport_kamereon_parse_response (status, body, &error);

  g_assert_null (root);
  g_assert_error (error, CARPORT_API_ERROR, expected);
  g_assert_nonnull (error->message);
  g_assert_cmpuint (strlen (error->message), >, 10);
  g_assert_null (strchr (error->message, '\n'));
  if (detail != NULL && strstr (error->message, detail) == NULL)
    g_error ("“%s” does not contain “%s”", error->message, detail);
}

static void
test_errors_fixtures (void)
{
  static const struct {
    const char *file;
    guint status;
    int expected;
    const char *detail;
  } cases[] = {
    { "errors/forbidden.json", 403, CARPORT_API_ERROR_FORBIDDEN, "The access is forbidden" },
    { "errors/access-denied-nested.json", 403, CARPORT_API_ERROR_ACCESS_DENIED,
      "Not supported Operation not supported for this can (T4VS)" },
    { "errors/invalid-date.json", 400, CARPORT_API_ERROR_INVALID_INPUT,
      "/data/attributes/startDateTime must be a future date" },
    { "errors/in-progress.json", 409, CARPORT_API_ERROR_IN_PROGRESS, "CHARGE_MODE is already in progress" },
    { "errors/quota.json", 429, CARPORT_API_ERROR_QUOTA_LIMIT, "quota" },
    { "errors/privacy.json", 403, CARPORT_API_ERROR_PRIVACY_MODE, "Privacy mode" },
    { "errors/not-supported.json", 501, CARPORT_API_ERROR_NOT_SUPPORTED, "not technically supported" },
    { "errors/upstream.json", 500, CARPORT_API_ERROR_UPSTREAM, "Invalid response from the upstream server" },
    { "errors/proxy.json", 502, CARPORT_API_ERROR_UPSTREAM, "Failed to forward" },
    { "errors/not-found.json", 404, CARPORT_API_ERROR_NOT_FOUND, "Resource not found" },
    { "errors/unauthorized.json", 401, CARPORT_API_ERROR_UNAUTHORIZED, NULL },
    { "errors/integer-code.json", 404, CARPORT_API_ERROR_NOT_FOUND, "There is no data for this vin and uid" },
    { "errors/integer-code.json", 200, CARPORT_API_ERROR_NOT_FOUND, NULL },
    { "errors/integer-nested.json", 400, CARPORT_API_ERROR_NOT_FOUND, "There is no data" },
    { "errors/unknown-code.json", 200, CARPORT_API_ERROR_FAILED, "err.func.something.new: Something unexpected happened" },
    { "errors/unknown-code.json", 503, CARPORT_API_ERROR_SERVER, "Something unexpected" },
    { "errors/gateway-access-denied.json", 403, CARPORT_API_ERROR_API_KEY, "access_denied" },
    /* A proxy's HTML page for a failing server: the server has trouble. */
    { "errors/bad-gateway.html", 502, CARPORT_API_ERROR_SERVER, "502" },
    { "errors/bad-gateway.html", 200, CARPORT_API_ERROR_INVALID_RESPONSE, NULL },
    { "errors/truncated.json", 200, CARPORT_API_ERROR_INVALID_RESPONSE, NULL },
    /* An error body wins over a 200. */
    { "errors/forbidden.json", 200, CARPORT_API_ERROR_FORBIDDEN, NULL },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) body = load_fixture (cases[i].file);

      g_test_message ("%s (HTTP %u)", cases[i].file, cases[i].status);
      assert_kamereon_error (cases[i].status, body, cases[i].expected, cases[i].detail);
    }
}

static void
test_errors_inline (void)
{
  static const struct {
    guint status;
    const char *body;
    int expected;
    const char *detail;
  } cases[] = {
    /* Integer codes at the top level. */
    { 409, "{\"errors\":[{\"errorCode\":409001,\"errorMessage\":\"busy\"}]}", CARPORT_API_ERROR_IN_PROGRESS, "busy" },
    { 403, "{\"errors\":[{\"errorCode\":403,\"errorMessage\":\"denied\"}]}", CARPORT_API_ERROR_ACCESS_DENIED, "denied" },
    /* messages[].code when errors[] has no code. */
    { 429, "{\"messages\":[{\"code\":\"err.func.wired.overloaded\",\"message\":\"slow down\"}],\"errors\":[{\"errorMessage\":\"x\"}]}",
      CARPORT_API_ERROR_QUOTA_LIMIT, NULL },
    /* Codes seen in the wild beyond renault-api's table. */
    { 404, "{\"errors\":[{\"errorCode\":\"err.func.wired.not-found\",\"errorMessage\":\"The specified url does not exist\"}]}",
      CARPORT_API_ERROR_NOT_FOUND, "url does not exist" },
    { 200, "{\"errors\":[{\"errorCode\":\"err.func.wired.empty-vehicle-link\",\"errorMessage\":\"No vehicle in garage\"}]}",
      CARPORT_API_ERROR_NO_VEHICLES, NULL },
    { 400, "{\"errors\":[{\"errorCode\":\"400001\",\"errorMessage\":\"The vehicle does not have a GDC gateway\"}]}",
      CARPORT_API_ERROR_NOT_SUPPORTED, NULL },
    { 502, "{\"errors\":[{\"errorCode\":\"err.tech.502\",\"errorMessage\":\"{\\\"errors\\\":[{\\\"code\\\":\\\"gateway.processing\\\",\\\"detail\\\":\\\"vnext error http_code=403\\\"}]}\"}]}",
      CARPORT_API_ERROR_UPSTREAM, "vnext error http_code=403" },
    /* Several nested errors are joined with ", ". */
    { 400, "{\"errors\":[{\"errorCode\":\"err.func.400\",\"errorMessage\":\"{\\\"errors\\\":[{\\\"detail\\\":\\\"one\\\"},{\\\"title\\\":\\\"two\\\",\\\"detail\\\":\\\"three\\\"}]}\"}]}",
      CARPORT_API_ERROR_INVALID_INPUT, "(one, two three)" },
    /* Broken JSON in the message: shown as it is. */
    { 400, "{\"errors\":[{\"errorCode\":\"err.func.400\",\"errorMessage\":\"{not json\"}]}",
      CARPORT_API_ERROR_INVALID_INPUT, "{not json" },
    /* An unknown code is refined by the nested one. */
    { 403, "{\"errors\":[{\"errorCode\":\"err.func.other\",\"errorMessage\":\"{\\\"errors\\\":[{\\\"code\\\":\\\"403011\\\",\\\"detail\\\":\\\"can C1A\\\"}]}\"}]}",
      CARPORT_API_ERROR_ACCESS_DENIED, "can C1A" },
    /* HTTP statuses without bodies. */
    { 401, "", CARPORT_API_ERROR_UNAUTHORIZED, "401" },
    { 403, "", CARPORT_API_ERROR_API_KEY, "403" },
    { 404, "", CARPORT_API_ERROR_NOT_FOUND, "404" },
    { 429, "", CARPORT_API_ERROR_QUOTA_LIMIT, "429" },
    { 500, "", CARPORT_API_ERROR_SERVER, "500" },
    { 502, "", CARPORT_API_ERROR_SERVER, "502" },
    { 503, "   \n", CARPORT_API_ERROR_SERVER, "503" },
    { 200, "", CARPORT_API_ERROR_INVALID_RESPONSE, NULL },
    /* HTTP statuses with bodies that say nothing more. */
    { 401, "{}", CARPORT_API_ERROR_UNAUTHORIZED, NULL },
    { 403, "{\"message\":\"Forbidden\"}", CARPORT_API_ERROR_API_KEY, "Forbidden" },
    { 404, "{\"errors\":[]}", CARPORT_API_ERROR_NOT_FOUND, NULL },
    { 429, "<html>Too Many Requests</html>", CARPORT_API_ERROR_QUOTA_LIMIT, NULL },
    { 500, "{\"data\":{}}", CARPORT_API_ERROR_SERVER, NULL },
    { 500, "<html><body>oops</body></html>", CARPORT_API_ERROR_SERVER, "500" },
    { 503, "Service Unavailable", CARPORT_API_ERROR_SERVER, "503" },
    { 418, "{}", CARPORT_API_ERROR_FAILED, "418" },
    /* Not JSON, or JSON of the wrong kind. */
    { 200, "\"just a string\"", CARPORT_API_ERROR_INVALID_RESPONSE, NULL },
    { 200, "42", CARPORT_API_ERROR_INVALID_RESPONSE, NULL },
    { 200, "null", CARPORT_API_ERROR_INVALID_RESPONSE, NULL },
    { 200, "{\"a\":1} trailing", CARPORT_API_ERROR_INVALID_RESPONSE, NULL },
    { 200, "[1, 2", CARPORT_API_ERROR_INVALID_RESPONSE, NULL },
    { 200, "{\"a\":\"\xff\xfe\"}", CARPORT_API_ERROR_INVALID_RESPONSE, NULL },
    /* The old gateway shape. */
    { 403, "{\"error\":\"access_denied\"}", CARPORT_API_ERROR_API_KEY, NULL },
    { 401, "{\"error\":\"invalid_token\",\"error_description\":\"expired\"}", CARPORT_API_ERROR_UNAUTHORIZED, "expired" },
    { 500, "{\"error\":\"boom\"}", CARPORT_API_ERROR_SERVER, "boom" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) body = bytes_from_string (cases[i].body);

      g_test_message ("HTTP %u: %s", cases[i].status, cases[i].body);
      assert_kamereon_error (cases[i].status, body, cases[i].expected, cases[i].detail);
    }
}

static void
test_errors_message_format (void)
{
  g_autoptr(GBytes) body = load_fixture ("errors/forbidden.json");
  g_autoptr(GBytes) long_body = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GString) json = g_string_new ("{\"errors\":[{\"errorCode\":\"err.func.wired.forbidden\",\"errorMessage\":\"");

  root = carport_kamereon_parse_response (403, body, &error);
  g_assert_null (root);
  g_assert_cmpstr (error->message, ==, "This car does not offer this feature (The access is forbidden).");
  g_clear_error (&error);

  /* Long server messages are cut; white space and control characters folded. */
  g_string_append (json, "line one\\nline\\ttwo ");
  for (guint i = 0; i < 100; i++)
    g_string_append (json, "0123456789");
  g_string_append (json, "\"}]}");
  long_body = g_bytes_new (json->str, json->len);
  root = carport_kamereon_parse_response (403, long_body, &error);
  g_assert_null (root);
  g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_FORBIDDEN);
  g_assert_nonnull (strstr (error->message, "(line one line two 0123"));
  g_assert_nonnull (strstr (error->message, "…)."));
  g_assert_cmpuint (g_utf8_strlen (error->message, -1), <, 320);
}

static void
test_response_success (void)
{
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonArray *data;

  /* A top-level array is wrapped as {"data": […]}. */
  body = bytes_from_string ("  [ {\"a\": 1}, {\"a\": 2} ]");
  root = carport_kamereon_parse_response (200, body, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  data = json_object_get_array_member (json_node_get_object (root), "data");
  g_assert_cmpuint (json_array_get_length (data), ==, 2);
  g_clear_pointer (&root, json_node_unref);
  g_clear_pointer (&body, g_bytes_unref);

  /* A byte order mark is skipped. */
  body = bytes_from_string ("\xEF\xBB\xBF{\"data\":{\"id\":\"x\"}}");
  root = carport_kamereon_parse_response (200, body, &error);
  g_assert_no_error (error);
  g_assert_nonnull (root);
  g_clear_pointer (&root, json_node_unref);

  /* 204 without a body is fine. */
  root = carport_kamereon_parse_response (204, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  g_clear_pointer (&root, json_node_unref);

  /* An empty errors[] is no error. */
  g_clear_pointer (&body, g_bytes_unref);
  body = bytes_from_string ("{\"errors\":[],\"data\":{}}");
  root = carport_kamereon_parse_response (201, body, &error);
  g_assert_no_error (error);
  g_assert_nonnull (root);
}

/* ------------------------------------------------------------------------ */
/* Gigya                                                                     */

static void
test_gigya (void)
{
  static const struct {
    const char *file;
    guint status;
    int expected;
  } errors[] = {
    { "gigya/login.403042.json", 200, CARPORT_API_ERROR_INVALID_CREDENTIALS },
    { "gigya/login.403101.json", 200, CARPORT_API_ERROR_TFA_REQUIRED },
    { "gigya/get_jwt.403005.json", 200, CARPORT_API_ERROR_LOGIN_EXPIRED },
    { "gigya/get_jwt.403013.json", 403, CARPORT_API_ERROR_LOGIN_EXPIRED },
  };
  static const struct {
    guint status;
    const char *body;
    int expected;
    const char *detail;
  } inline_errors[] = {
    { 200, "", CARPORT_API_ERROR_INVALID_RESPONSE, NULL },
    { 200, "<html></html>", CARPORT_API_ERROR_INVALID_RESPONSE, NULL },
    { 500, "oops", CARPORT_API_ERROR_SERVER, "500" },
    { 502, "<html><h1>502 Bad Gateway</h1></html>", CARPORT_API_ERROR_SERVER, "502" },
    { 200, "{\"errorCode\":", CARPORT_API_ERROR_INVALID_RESPONSE, NULL },
    { 200, "[]", CARPORT_API_ERROR_INVALID_RESPONSE, NULL },
    { 200, "{\"errorCode\":400006,\"errorMessage\":\"Invalid parameter value\"}", CARPORT_API_ERROR_FAILED,
      "400006: Invalid parameter value" },
    { 200, "{\"errorCode\":403007,\"errorMessage\":\"Invalid namespace\"}", CARPORT_API_ERROR_API_KEY, NULL },
    { 200, "{\"errorCode\":400093,\"errorMessage\":\"Invalid ApiKey parameter\"}", CARPORT_API_ERROR_API_KEY, "needs an update" },
    { 401, "{\"errorCode\":0}", CARPORT_API_ERROR_LOGIN_EXPIRED, NULL },
    { 503, "{\"errorCode\":0}", CARPORT_API_ERROR_SERVER, NULL },
  };
  g_autoptr(GBytes) body = load_fixture ("gigya/login.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *session;

  /* Content-Type is not looked at; the body decides. */
  root = carport_gigya_parse_response (200, body, &error);
  g_assert_no_error (error);
  session = json_object_get_object_member (json_node_get_object (root), "sessionInfo");
  g_assert_cmpstr (json_object_get_string_member (session, "cookieValue"), ==, "login-token-test");

  for (gsize i = 0; i < G_N_ELEMENTS (errors); i++)
    {
      g_autoptr(GBytes) error_body = load_fixture (errors[i].file);
      g_autoptr(JsonNode) error_root = NULL;

      error_root = carport_gigya_parse_response (errors[i].status, error_body, &error);
      g_assert_null (error_root);
      g_assert_error (error, CARPORT_API_ERROR, errors[i].expected);
      g_clear_error (&error);
    }

  for (gsize i = 0; i < G_N_ELEMENTS (inline_errors); i++)
    {
      g_autoptr(GBytes) error_body = bytes_from_string (inline_errors[i].body);
      g_autoptr(JsonNode) error_root = NULL;

      g_test_message ("Gigya HTTP %u: %s", inline_errors[i].status, inline_errors[i].body);
      error_root = carport_gigya_parse_response (inline_errors[i].status, error_body, &error);
      g_assert_null (error_root);
      g_assert_error (error, CARPORT_API_ERROR, inline_errors[i].expected);
      if (inline_errors[i].detail != NULL)
        g_assert_nonnull (strstr (error->message, inline_errors[i].detail));
      g_clear_error (&error);
    }

  /* The TFA message is the sentence alone; the JWT never leaks into messages. */
  {
    g_autoptr(GBytes) tfa = load_fixture ("gigya/login.403101.json");
    g_autoptr(JsonNode) tfa_root = carport_gigya_parse_response (403, tfa, &error);

    g_assert_null (tfa_root);
    g_assert_cmpstr (error->message, ==, "Renault sent a verification code to your email address.");
    g_assert_null (strstr (error->message, "reg-token-test"));
    g_clear_error (&error);
  }
}

/* ------------------------------------------------------------------------ */
/* Accounts, vehicles, details                                               */

static void
test_error_domain (void)
{
  g_autoptr(GError) forbidden = g_error_new_literal (CARPORT_API_ERROR, CARPORT_API_ERROR_FORBIDDEN, "x");
  g_autoptr(GError) quota = g_error_new_literal (CARPORT_API_ERROR, CARPORT_API_ERROR_QUOTA_LIMIT, "x");
  g_autoptr(GError) io = g_error_new_literal (G_IO_ERROR, CARPORT_API_ERROR_FORBIDDEN, "x");

  g_assert_cmpstr (g_quark_to_string (CARPORT_API_ERROR), ==, "carport-api-error-quark");
  g_assert_true (carport_api_error_is_unsupported (forbidden));
  g_assert_false (carport_api_error_is_unsupported (quota));
  g_assert_false (carport_api_error_is_unsupported (io));
  g_assert_false (carport_api_error_is_unsupported (NULL));

  for (int code = CARPORT_API_ERROR_NETWORK; code <= CARPORT_API_ERROR_FAILED; code++)
    {
      const char *text = carport_api_error_describe (code);

      g_assert_nonnull (text);
      g_assert_cmpuint (strlen (text), >, 10);
      g_assert_true (g_str_has_suffix (text, "."));
    }

  g_assert_cmpstr (carport_api_error_describe (CARPORT_API_ERROR_INVALID_CREDENTIALS), ==,
                   "Wrong email address or password.");
  g_assert_cmpstr (carport_api_error_describe (CARPORT_API_ERROR_PRIVACY_MODE), ==,
                   "The car's privacy mode is on.");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/kamereon-response/errors/fixtures", test_errors_fixtures);
  g_test_add_func ("/kamereon-response/errors/inline", test_errors_inline);
  g_test_add_func ("/kamereon-response/errors/message-format", test_errors_message_format);
  g_test_add_func ("/kamereon-response/response/success", test_response_success);
  g_test_add_func ("/kamereon-response/gigya", test_gigya);
  g_test_add_func ("/kamereon-response/error-domain", test_error_domain);

  return g_test_run ();
}
