/* test-sim-gigya.c — the simulated Gigya server: login, JWT, expiry, two-factor flow
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <stdlib.h>
#include <string.h>

#include "sim-test-util.h"

static int
gigya_error (SimResponse *r)
{
  JsonObject *object = sim_response_object (r);

  g_assert_cmpuint (r->status, ==, 200);   /* Gigya puts errors in the body */
  g_assert_cmpstr (r->content_type, ==, "text/javascript");
  for (guint i = 0; i < 6; i++)
    {
      static const char * const members[] = {
        "callId", "errorCode", "apiVersion", "statusCode", "statusReason", "time",
      };

      g_assert_true (json_object_has_member (object, members[i]));
    }
  return (int) json_object_get_int_member (object, "errorCode");
}

static void
test_login_ok (SimFixture    *f,
               gconstpointer  data)
{
  g_autoptr(SimResponse) r = NULL;
  JsonObject *object, *session;
  const char *token;

  r = sim_gigya (f, "accounts.login",
                 "ApiKey", SIM_GIGYA_KEY,
                 "loginID", "demo@carport.example",
                 "password", "carport-demo",
                 NULL);
  g_assert_cmpint (gigya_error (r), ==, 0);
  object = sim_response_object (r);
  g_assert_cmpint (json_object_get_int_member (object, "statusCode"), ==, 200);
  g_assert_cmpstr (json_object_get_string_member (object, "statusReason"), ==, "OK");
  session = json_object_get_object_member (object, "sessionInfo");
  token = json_object_get_string_member (session, "cookieValue");
  g_assert_nonnull (token);
  g_assert_cmpuint (strlen (token), >, 20);
  g_assert_true (g_str_has_prefix (json_object_get_string_member (session, "cookieName"), "gac_"));
}

static void
test_login_variants (SimFixture    *f,
                     gconstpointer  data)
{
  g_autofree char *url = NULL;
  g_autoptr(SimResponse) get = NULL;
  g_autoptr(SimResponse) lower = NULL;
  g_autoptr(SimResponse) lu = NULL;
  g_autoptr(SimResponse) mx = NULL;

  /* evcc's way: a GET query string with "apiKey" */
  url = g_strdup_printf ("%s/accounts.login?apiKey=%s&loginID=demo%%40carport.example&password=carport-demo",
                         f->gigya, SIM_GIGYA_KEY);
  get = sim_request (f, "GET", url, NULL, NULL, NULL);
  g_assert_cmpint (gigya_error (get), ==, 0);

  lower = sim_gigya (f, "accounts.login", "APIKey", SIM_GIGYA_KEY,
                     "loginID", "DEMO@carport.example", "password", "carport-demo", NULL);
  g_assert_cmpint (gigya_error (lower), ==, 0);

  lu = sim_gigya (f, "accounts.login",
                  "ApiKey", "3_zt44Wl_wT9mnqn-BHrR19PvXj3wYRPQKLcPbGWawlatFR837KdxSZZStbBTDaqnb",
                  "loginID", "demo@carport.example", "password", "carport-demo", NULL);
  g_assert_cmpint (gigya_error (lu), ==, 0);
  mx = sim_gigya (f, "accounts.login", "ApiKey", "4_yTFqPSsGxVyRXPZUM7t1Iw",
                  "loginID", "demo@carport.example", "password", "carport-demo", NULL);
  g_assert_cmpint (gigya_error (mx), ==, 0);
}

static void
test_login_errors (SimFixture    *f,
                   gconstpointer  data)
{
  g_autoptr(SimResponse) wrong = NULL;
  g_autoptr(SimResponse) unknown = NULL;
  g_autoptr(SimResponse) no_key = NULL;
  g_autoptr(SimResponse) old_key = NULL;
  g_autoptr(SimResponse) old_key_jwt = NULL;
  g_autoptr(SimResponse) method = NULL;
  JsonObject *object;

  wrong = sim_gigya (f, "accounts.login", "ApiKey", SIM_GIGYA_KEY,
                     "loginID", "demo@carport.example", "password", "nope", NULL);
  g_assert_cmpint (gigya_error (wrong), ==, 403042);
  object = sim_response_object (wrong);
  g_assert_cmpint (json_object_get_int_member (object, "statusCode"), ==, 403);
  g_assert_cmpstr (json_object_get_string_member (object, "statusReason"), ==, "Forbidden");
  g_assert_cmpstr (json_object_get_string_member (object, "errorDetails"), ==, "invalid loginID or password");
  g_assert_false (json_object_has_member (object, "sessionInfo"));

  unknown = sim_gigya (f, "accounts.login", "ApiKey", SIM_GIGYA_KEY,
                       "loginID", "someone@else.example", "password", "carport-demo", NULL);
  g_assert_cmpint (gigya_error (unknown), ==, 403042);

  no_key = sim_gigya (f, "accounts.login", "loginID", "demo@carport.example",
                      "password", "carport-demo", NULL);
  g_assert_cmpint (gigya_error (no_key), ==, 400002);

  /* the pre-May-2026 fr_FR key: login says 403042 as the real one did */
  old_key = sim_gigya (f, "accounts.login",
                       "ApiKey", "3_4LKbCcMMcvjDm3X89LU4z4mNKYKdl_W0oD9w-Jvih21WqgJKtFZAnb9YdUgWT9_a",
                       "loginID", "demo@carport.example", "password", "carport-demo", NULL);
  g_assert_cmpint (gigya_error (old_key), ==, 403042);
  old_key_jwt = sim_gigya (f, "accounts.getJWT", "ApiKey", "3_bogus", "login_token", "x", NULL);
  g_assert_cmpint (gigya_error (old_key_jwt), ==, 400093);

  method = sim_gigya (f, "accounts.deleteAccount", "ApiKey", SIM_GIGYA_KEY, NULL);
  g_assert_cmpint (gigya_error (method), ==, 403007);
}

/* "gigya_key_rotated": Renault moved to a new key; the ones clients know
 * are refused as an outdated key was in May 2026, and "false" undoes it. */
static void
test_key_rotated (SimFixture    *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SimResponse) login = NULL;
  g_autoptr(SimResponse) bootstrap = NULL;
  g_autoptr(SimResponse) jwt = NULL;
  g_autoptr(SimResponse) again = NULL;

  g_assert_true (carport_simulator_load_scenario_data (f->sim, "{\"gigya_key_rotated\": true}", &error));
  g_assert_no_error (error);
  login = sim_gigya (f, "accounts.login", "ApiKey", SIM_GIGYA_KEY,
                     "loginID", "demo@carport.example", "password", "carport-demo", NULL);
  g_assert_cmpint (gigya_error (login), ==, 403042);
  bootstrap = sim_gigya (f, "accounts.webSdkBootstrap", "ApiKey", SIM_GIGYA_KEY, NULL);
  g_assert_cmpint (gigya_error (bootstrap), ==, 400093);
  g_assert_cmpstr (json_object_get_string_member (sim_response_object (bootstrap), "errorDetails"), ==,
                   "Invalid ApiKey parameter");
  jwt = sim_gigya (f, "accounts.getJWT", "ApiKey", SIM_GIGYA_KEY, "login_token", "x", NULL);
  g_assert_cmpint (gigya_error (jwt), ==, 400093);

  g_assert_false (carport_simulator_load_scenario_data (f->sim, "{\"gigya_key_rotated\": 1}", &error));
  g_assert_error (error, CARPORT_SIMULATOR_ERROR, CARPORT_SIMULATOR_ERROR_INVALID_SCENARIO);
  g_clear_error (&error);
  g_assert_true (carport_simulator_load_scenario_data (f->sim, "{\"gigya_key_rotated\": false}", &error));
  again = sim_gigya (f, "accounts.login", "ApiKey", SIM_GIGYA_KEY,
                     "loginID", "demo@carport.example", "password", "carport-demo", NULL);
  g_assert_cmpint (gigya_error (again), ==, 0);
}

static JsonObject *
decode_jwt_payload (const char *jwt)
{
  g_auto(GStrv) parts = g_strsplit (jwt, ".", -1);
  g_autoptr(GString) b64 = NULL;
  g_autofree guchar *raw = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  gsize length;

  g_assert_cmpuint (g_strv_length (parts), ==, 3);
  b64 = g_string_new (parts[1]);
  g_assert_null (strpbrk (b64->str, "+/="));  /* base64url, unpadded */
  for (gsize i = 0; i < b64->len; i++)
    b64->str[i] = b64->str[i] == '-' ? '+' : b64->str[i] == '_' ? '/' : b64->str[i];
  while (b64->len % 4)
    g_string_append_c (b64, '=');
  raw = g_base64_decode (b64->str, &length);
  g_assert_true (json_parser_load_from_data (parser, (const char *) raw, (gssize) length, NULL));
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static void
test_account_info_and_jwt (SimFixture    *f,
                           gconstpointer  data)
{
  g_autoptr(SimResponse) info = NULL;
  g_autoptr(SimResponse) short_jwt = NULL;
  g_autoptr(JsonObject) payload = NULL;
  g_autoptr(JsonObject) short_payload = NULL;
  JsonObject *object;
  gint64 iat, exp;

  sim_login (f);

  info = sim_gigya (f, "accounts.getAccountInfo", "ApiKey", SIM_GIGYA_KEY,
                    "login_token", f->login_token, NULL);
  g_assert_cmpint (gigya_error (info), ==, 0);
  object = json_object_get_object_member (sim_response_object (info), "data");
  g_assert_cmpstr (json_object_get_string_member (object, "personId"), ==,
                   carport_simulator_get_person_id (f->sim));
  g_assert_nonnull (json_object_get_string_member (object, "gigyaDataCenter"));

  payload = decode_jwt_payload (f->jwt);
  iat = json_object_get_int_member (payload, "iat");
  exp = json_object_get_int_member (payload, "exp");
  g_assert_cmpint (exp - iat, >=, 900);
  g_assert_cmpint (exp - iat, <=, 901);
  g_assert_cmpint (iat, <=, g_get_real_time () / G_USEC_PER_SEC);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (payload, "data"), "personId"),
                   ==, carport_simulator_get_person_id (f->sim));

  /* lifetime = min(expiration, configured) */
  short_jwt = sim_gigya (f, "accounts.getJWT", "ApiKey", SIM_GIGYA_KEY, "login_token", f->login_token,
                         "fields", "data.personId", "expiration", "60", NULL);
  g_assert_cmpint (gigya_error (short_jwt), ==, 0);
  short_payload = decode_jwt_payload (json_object_get_string_member (sim_response_object (short_jwt), "id_token"));
  g_assert_cmpint (json_object_get_int_member (short_payload, "exp") -
                   json_object_get_int_member (short_payload, "iat"), <=, 61);
  g_assert_cmpint (json_object_get_int_member (short_payload, "exp") -
                   json_object_get_int_member (short_payload, "iat"), >=, 60);
}

static void
test_expired_login_token (SimFixture    *f,
                          gconstpointer  data)
{
  g_autoptr(SimResponse) jwt = NULL;
  g_autoptr(SimResponse) info = NULL;
  g_autoptr(SimResponse) unknown = NULL;
  g_autoptr(SimResponse) kamereon = NULL;

  sim_login (f);
  carport_simulator_expire_login_tokens (f->sim);

  jwt = sim_gigya (f, "accounts.getJWT", "ApiKey", SIM_GIGYA_KEY, "login_token", f->login_token,
                   "fields", "data.personId,data.gigyaDataCenter", "expiration", "900", NULL);
  g_assert_cmpint (gigya_error (jwt), ==, 403005);
  g_assert_cmpstr (json_object_get_string_member (sim_response_object (jwt), "errorDetails"), ==,
                   "Unauthorized user");
  info = sim_gigya (f, "accounts.getAccountInfo", "ApiKey", SIM_GIGYA_KEY,
                    "login_token", f->login_token, NULL);
  g_assert_cmpint (gigya_error (info), ==, 403005);
  unknown = sim_gigya (f, "accounts.getJWT", "ApiKey", SIM_GIGYA_KEY, "login_token", "st2.s.made-up", NULL);
  g_assert_cmpint (gigya_error (unknown), ==, 403005);

  /* a JWT minted before stays good until it expires */
  kamereon = sim_get (f, "/commerce/v1/persons/%s", carport_simulator_get_person_id (f->sim));
  g_assert_cmpuint (kamereon->status, ==, 200);

  /* and a new password login works again */
  sim_login (f);
}

static const char *
get_string (SimResponse *r,
            const char  *member)
{
  return json_object_get_string_member (sim_response_object (r), member);
}

static void
test_tfa_flow (SimFixture    *f,
               gconstpointer  data)
{
  g_autoptr(SimResponse) pending = NULL;
  g_autoptr(SimResponse) no_cookie = NULL;
  g_autoptr(SimResponse) bootstrap = NULL;
  g_autoptr(SimResponse) init = NULL;
  g_autoptr(SimResponse) emails = NULL;
  g_autoptr(SimResponse) send = NULL;
  g_autoptr(SimResponse) wrong = NULL;
  g_autoptr(SimResponse) complete = NULL;
  g_autoptr(SimResponse) finalize = NULL;
  g_autoptr(SimResponse) login = NULL;
  g_autoptr(SoupCookieJar) jar = soup_cookie_jar_new ();
  g_autofree char *reg_token = NULL;
  g_autofree char *assertion = NULL;
  g_autofree char *email_id = NULL;
  g_autofree char *phv = NULL;
  g_autofree char *code = NULL;
  g_autofree char *provider = NULL;
  g_autofree char *bad_code = NULL;
  JsonObject *object;
  JsonArray *list;

  carport_simulator_set_require_tfa (f->sim, TRUE);

  pending = sim_gigya (f, "accounts.login", "ApiKey", SIM_GIGYA_KEY,
                       "loginID", "demo@carport.example", "password", "carport-demo", NULL);
  g_assert_cmpint (gigya_error (pending), ==, 403101);
  object = sim_response_object (pending);
  g_assert_cmpstr (json_object_get_string_member (object, "errorDetails"), ==, "Pending Two-Factor Authentication");
  g_assert_cmpstr (json_object_get_string_member (object, "errorMessage"), ==, "Account Pending TFA Verification");
  g_assert_cmpint (json_object_get_int_member (object, "statusCode"), ==, 403);
  g_assert_nonnull (json_object_get_string_member (object, "UID"));
  g_assert_false (json_object_has_member (json_object_get_object_member (object, "sessionInfo"), "cookieValue"));
  reg_token = g_strdup (json_object_get_string_member (object, "regToken"));
  g_assert_nonnull (reg_token);

  /* without the bootstrap cookies the TFA calls fail */
  no_cookie = sim_gigya (f, "accounts.tfa.initTFA", "APIKey", SIM_GIGYA_KEY, "provider", "gigyaEmail",
                         "mode", "verify", "regToken", reg_token, NULL);
  g_assert_cmpint (gigya_error (no_cookie), ==, 400006);

  /* from here on the session keeps a cookie jar, as a browser would */
  soup_session_add_feature (f->session, SOUP_SESSION_FEATURE (jar));
  bootstrap = sim_gigya (f, "accounts.webSdkBootstrap", "APIKey", SIM_GIGYA_KEY, NULL);
  g_assert_cmpint (gigya_error (bootstrap), ==, 0);
  {
    g_autoptr(GUri) uri = g_uri_parse (f->gigya, G_URI_FLAGS_NONE, NULL);
    g_autofree char *cookies = soup_cookie_jar_get_cookies (jar, uri, TRUE);

    g_assert_nonnull (cookies);
    g_assert_nonnull (strstr (cookies, "gmid="));
    g_assert_nonnull (strstr (cookies, "ucid="));
  }

  init = sim_gigya (f, "accounts.tfa.initTFA", "APIKey", SIM_GIGYA_KEY, "provider", "gigyaEmail",
                    "mode", "verify", "regToken", reg_token, NULL);
  g_assert_cmpint (gigya_error (init), ==, 0);
  assertion = g_strdup (get_string (init, "gigyaAssertion"));
  g_assert_nonnull (assertion);

  emails = sim_gigya (f, "accounts.tfa.email.getEmails", "APIKey", SIM_GIGYA_KEY,
                      "gigyaAssertion", assertion, NULL);
  g_assert_cmpint (gigya_error (emails), ==, 0);
  list = json_object_get_array_member (sim_response_object (emails), "emails");
  g_assert_cmpuint (json_array_get_length (list), ==, 1);
  email_id = g_strdup (json_object_get_string_member (json_array_get_object_element (list, 0), "id"));
  g_assert_null (strstr (json_object_get_string_member (json_array_get_object_element (list, 0), "obfuscated"),
                         "demo@"));

  g_assert_null (carport_simulator_get_last_tfa_code (f->sim));
  send = sim_gigya (f, "accounts.tfa.email.sendVerificationCode", "APIKey", SIM_GIGYA_KEY,
                    "gigyaAssertion", assertion, "emailID", email_id, "lang", "fr", NULL);
  g_assert_cmpint (gigya_error (send), ==, 0);
  phv = g_strdup (get_string (send, "phvToken"));
  code = g_strdup (carport_simulator_get_last_tfa_code (f->sim));
  g_assert_nonnull (code);
  g_assert_cmpuint (strlen (code), ==, 6);
  for (guint i = 0; i < 6; i++)
    g_assert_true (g_ascii_isdigit (code[i]));

  bad_code = g_strdup_printf ("%06d", (atoi (code) + 1) % 1000000);
  wrong = sim_gigya (f, "accounts.tfa.email.completeVerification", "APIKey", SIM_GIGYA_KEY,
                     "gigyaAssertion", assertion, "phvToken", phv, "code", bad_code, NULL);
  g_assert_cmpint (gigya_error (wrong), ==, 400006);

  complete = sim_gigya (f, "accounts.tfa.email.completeVerification", "APIKey", SIM_GIGYA_KEY,
                        "gigyaAssertion", assertion, "phvToken", phv, "code", code, NULL);
  g_assert_cmpint (gigya_error (complete), ==, 0);
  provider = g_strdup (get_string (complete, "providerAssertion"));
  g_assert_nonnull (provider);

  finalize = sim_gigya (f, "accounts.tfa.finalizeTFA", "APIKey", SIM_GIGYA_KEY, "gigyaAssertion", assertion,
                        "providerAssertion", provider, "regToken", reg_token, "tempDevice", "false", NULL);
  g_assert_cmpint (gigya_error (finalize), ==, 0);

  login = sim_gigya (f, "accounts.login", "ApiKey", SIM_GIGYA_KEY,
                     "loginID", "demo@carport.example", "password", "carport-demo", NULL);
  g_assert_cmpint (gigya_error (login), ==, 0);
  g_assert_nonnull (json_object_get_string_member (
                      json_object_get_object_member (sim_response_object (login), "sessionInfo"), "cookieValue"));

  /* and the chain goes on as usual */
  sim_login (f);
  g_assert_nonnull (f->jwt);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/sim/gigya/login-ok", SimFixture, NULL, sim_fixture_setup, test_login_ok, sim_fixture_teardown);
  g_test_add ("/sim/gigya/login-variants", SimFixture, NULL, sim_fixture_setup, test_login_variants,
              sim_fixture_teardown);
  g_test_add ("/sim/gigya/key-rotated", SimFixture, NULL, sim_fixture_setup, test_key_rotated,
              sim_fixture_teardown);
  g_test_add ("/sim/gigya/login-errors", SimFixture, NULL, sim_fixture_setup, test_login_errors,
              sim_fixture_teardown);
  g_test_add ("/sim/gigya/account-info-and-jwt", SimFixture, NULL, sim_fixture_setup,
              test_account_info_and_jwt, sim_fixture_teardown);
  g_test_add ("/sim/gigya/expired-login-token", SimFixture, NULL, sim_fixture_setup,
              test_expired_login_token, sim_fixture_teardown);
  g_test_add ("/sim/gigya/tfa-flow", SimFixture, NULL, sim_fixture_setup, test_tfa_flow, sim_fixture_teardown);

  return g_test_run ();
}
