/* test-sim-nissan.c — the simulator's Nissan side, over real https on loopback
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A SoupSession that trusts only the simulator's CA (a GTlsFileDatabase of
 * its ca_file) logs in through OneID with PKCE, exchanges and refreshes the
 * Kamereon tokens, reads every demo car and drives every action to its end
 * through action-status. Redirects are not followed, so each hop is checked.
 */

#include <string.h>
#include <sys/stat.h>

#include <gnutls/gnutls.h>
#include <gnutls/x509.h>
#include <glib/gstdio.h>

#include "sim-nissan-test-util.h"


static Resp *
kget (NFixture   *f,
      const char *accept,
      const char *format,
      ...) G_GNUC_PRINTF (3, 4);

static Resp *
kget (NFixture   *f,
      const char *accept,
      const char *format,
      ...)
{
  g_autofree char *url = NULL;
  g_autofree char *bearer = g_strconcat ("Bearer ", f->access, NULL);
  va_list args;

  va_start (args, format);
  url = g_strdup_vprintf (format, args);
  va_end (args);
  return nsim_req (f, "GET", url, NULL, NULL, "Authorization", bearer, "Accept", accept ? accept : "*/*", NULL);
}

static Resp *
kpost (NFixture   *f,
       const char *vin,
       const char *action,
       const char *body)
{
  g_autofree char *url = g_strdup_printf ("%sv1/cars/%s/actions/%s", f->ca, vin, action);
  g_autofree char *bearer = g_strconcat ("Bearer ", f->access, NULL);

  return nsim_req (f, "POST", url, "application/vnd.api+json", body, "Authorization", bearer, NULL);
}

/* ------------------------------------------------------------------------ */
/* Tests                                                                    */
/* ------------------------------------------------------------------------ */

static gnutls_x509_crt_t
crt_from_pem (const char *pem)
{
  gnutls_x509_crt_t crt;
  gnutls_datum_t datum = { (unsigned char *) pem, (unsigned int) strlen (pem) };

  g_assert_cmpint (gnutls_x509_crt_init (&crt), ==, 0);
  g_assert_cmpint (gnutls_x509_crt_import (crt, &datum, GNUTLS_X509_FMT_PEM), ==, 0);
  return crt;
}

static void
test_info_and_certificate (NFixture      *f,
                           gconstpointer  data)
{
  g_autofree char *info = carport_simulator_dup_info_json (f->sim);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *prefix = g_strdup_printf ("https://127.0.0.1:%u/", carport_simulator_get_nissan_port (f->sim));
  g_autofree char *ca_pem = NULL;
  g_autofree char *leaf_pem = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *ua_url = g_strconcat (f->ua, "v1/users/current", NULL);
  g_autoptr(Resp) r = NULL;
  static const char * const keys[] = {
    "CARPORT_NISSAN_AUTH_URL", "CARPORT_NISSAN_BFF_URL", "CARPORT_NISSAN_USER_ADAPTER_URL",
    "CARPORT_NISSAN_CAR_ADAPTER_URL", "CARPORT_NISSAN_NOTIFICATIONS_URL", "CARPORT_NISSAN_ACTION_STATUS_URL",
  };
  JsonObject *root, *env, *account;
  const char *ca_file = carport_simulator_get_ca_file (f->sim);
  gnutls_x509_crt_t ca, leaf;
  unsigned int critical = 0, ca_flag = 0, usage = 0;
  int pathlen = 0;
  char san[64];
  size_t size;
  unsigned int san_type;
  gboolean has_ip = FALSE, has_dns = FALSE;
  struct stat st;
  guchar aki[64];

  g_assert_true (json_parser_load_from_data (parser, info, -1, NULL));
  root = json_node_get_object (json_parser_get_root (parser));
  env = json_object_get_object_member (root, "env");
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      const char *url = json_object_get_string_member (env, keys[i]);

      g_assert_true (g_str_has_prefix (url, prefix));
      g_assert_true (g_str_has_suffix (url, "/"));
    }
  g_assert_cmpstr (json_object_get_string_member (env, "CARPORT_NISSAN_AUTH_URL"), ==, f->auth);
  g_assert_cmpstr (json_object_get_string_member (env, "CARPORT_NISSAN_CA_FILE"), ==, ca_file);
  g_assert_cmpstr (json_object_get_string_member (root, "ca_file"), ==, ca_file);
  account = json_array_get_object_element (json_object_get_array_member (root, "accounts"), 1);
  g_assert_cmpstr (json_object_get_string_member (account, "brand"), ==, "nissan");
  g_assert_cmpstr (json_object_get_string_member (account, "locale"), ==, "en_GB");
  g_assert_cmpstr (json_object_get_string_member (account, "email"), ==,
                   carport_simulator_get_nissan_demo_email (f->sim));
  g_assert_cmpstr (json_object_get_string_member (account, "password"), ==,
                   carport_simulator_get_nissan_demo_password (f->sim));

  /* the CA file: public certificate only, in a private directory */
  dir = g_path_get_dirname (ca_file);
  g_assert_cmpint (g_stat (dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  g_assert_true (g_file_get_contents (ca_file, &ca_pem, NULL, NULL));
  g_assert_null (strstr (ca_pem, "PRIVATE KEY"));
  ca = crt_from_pem (ca_pem);
  g_assert_cmpint (gnutls_x509_crt_get_basic_constraints (ca, &critical, &ca_flag, &pathlen), >=, 0);
  g_assert_true (critical);
  g_assert_true (ca_flag);
  g_assert_cmpint (gnutls_x509_crt_get_key_usage (ca, &usage, &critical), ==, 0);
  g_assert_true (usage & GNUTLS_KEY_KEY_CERT_SIGN);

  /* the leaf, as the TLS handshake showed it (the session trusts only the CA) */
  r = nsim_req (f, "GET", ua_url, NULL, NULL, NULL);
  g_assert_cmpuint (r->status, ==, 401);   /* no token */
  g_assert_cmpstr (nsim_error_code (r), ==, "401000");
  g_assert_nonnull (r->peer);
  g_object_get (r->peer, "certificate-pem", &leaf_pem, NULL);
  leaf = crt_from_pem (leaf_pem);
  for (unsigned int i = 0; ; i++)
    {
      int ret;

      size = sizeof san;
      ret = gnutls_x509_crt_get_subject_alt_name2 (leaf, i, san, &size, &san_type, NULL);
      if (ret < 0)
        break;
      if (san_type == GNUTLS_SAN_IPADDRESS && size == 4 && memcmp (san, "\x7f\0\0\x01", 4) == 0)
        has_ip = TRUE;
      if (san_type == GNUTLS_SAN_DNSNAME && g_strcmp0 (san, "localhost") == 0)
        has_dns = TRUE;
    }
  g_assert_true (has_ip);
  g_assert_true (has_dns);
  g_assert_cmpint (gnutls_x509_crt_get_basic_constraints (leaf, NULL, &ca_flag, &pathlen), >=, 0);
  g_assert_false (ca_flag);
  size = sizeof san;
  g_assert_cmpint (gnutls_x509_crt_get_key_purpose_oid (leaf, 0, san, &size, NULL), ==, 0);
  g_assert_cmpstr (san, ==, GNUTLS_KP_TLS_WWW_SERVER);
  size = sizeof aki;
  g_assert_cmpint (gnutls_x509_crt_get_authority_key_id (leaf, aki, &size, NULL), ==, 0);
  g_assert_cmpint (gnutls_x509_crt_verify (leaf, &ca, 1, 0, &usage), ==, 0);
  g_assert_cmpuint (usage, ==, 0);
  gnutls_x509_crt_deinit (ca);
  gnutls_x509_crt_deinit (leaf);

  /* the Nissan paths are not served over plain http */
  {
    g_autofree char *plain = g_strdup_printf ("http://127.0.0.1:%u/user-adapter/v1/users/current",
                                              carport_simulator_get_port (f->sim));
    g_autoptr(Resp) p = nsim_req (f, "GET", plain, NULL, NULL, NULL);

    g_assert_cmpuint (p->status, ==, 404);
  }

  /* the CA file goes with the server */
  {
    g_autofree char *kept = g_strdup (ca_file);

    carport_simulator_stop (f->sim);
    g_assert_false (g_file_test (kept, G_FILE_TEST_EXISTS));
    g_assert_false (g_file_test (dir, G_FILE_TEST_EXISTS));
    g_assert_null (carport_simulator_get_ca_file (f->sim));
  }
}

static void
test_login (NFixture      *f,
            gconstpointer  data)
{
  Pkce p;
  g_autofree char *key = NULL;
  g_autofree char *again = NULL;
  g_autofree char *code = NULL;
  g_autoptr(Resp) bad = NULL;
  g_autoptr(Resp) form = NULL;
  g_autoptr(Resp) wrong_verifier = NULL;
  g_autoptr(Resp) reused = NULL;
  const char *location;

  nsim_pkce_init (&p);
  key = nsim_start_login (f, &p);
  g_assert_nonnull (key);

  /* a wrong password: 302 to login.do?authFailure=true, which shows the form again */
  bad = nsim_post_login (f, key, "not-the-password");
  g_assert_cmpuint (bad->status, ==, 302);
  g_assert_cmpstr (soup_message_headers_get_one (bad->headers, "Content-Length"), ==, "0");
  location = soup_message_headers_get_one (bad->headers, "Location");
  g_assert_true (g_str_has_prefix (location, f->auth));
  g_assert_nonnull (strstr (location, "authFailure=true"));
  form = nsim_req (f, "GET", location, NULL, NULL, NULL);
  g_assert_cmpuint (form->status, ==, 200);
  again = nsim_form_key (form->body);
  g_assert_cmpstr (again, ==, key);
  g_assert_nonnull (strstr (form->body, "Login failed"));
  nsim_pkce_clear (&p);

  /* the right one, then the code with a wrong verifier, then reused */
  nsim_pkce_init (&p);
  code = nsim_login_code (f, &p);
  wrong_verifier = nsim_token (f, code, "0123456789012345678901234567890123456789012345678901234567890123456789");
  g_assert_cmpuint (wrong_verifier->status, ==, 400);
  g_assert_cmpstr (json_object_get_string_member (nsim_obj (wrong_verifier), "error"), ==, "invalid_grant");
  g_assert_true (json_object_has_member (nsim_obj (wrong_verifier), "error_description"));
  reused = nsim_token (f, code, p.verifier);
  g_assert_cmpuint (reused->status, ==, 400);
  nsim_pkce_clear (&p);

  /* a good code exchange */
  {
    g_autofree char *code2 = NULL;
    g_autoptr(Resp) ok = NULL;

    nsim_pkce_init (&p);
    code2 = nsim_login_code (f, &p);
    ok = nsim_token (f, code2, p.verifier);
    g_assert_cmpuint (ok->status, ==, 200);
    g_assert_nonnull (json_object_get_string_member (nsim_obj (ok), "id_token"));
    g_assert_nonnull (json_object_get_string_member (nsim_obj (ok), "access_token"));
    g_assert_false (json_object_has_member (nsim_obj (ok), "error"));
    nsim_pkce_clear (&p);
  }

  /* with the cookies of that login, authorize skips the form */
  {
    g_autofree char *url = NULL;
    g_autoptr(Resp) skip = NULL;

    nsim_pkce_init (&p);
    url = nsim_authorize_url (f, &p);
    skip = nsim_req (f, "GET", url, NULL, NULL, NULL);
    g_assert_cmpuint (skip->status, ==, 302);
    g_assert_true (g_str_has_prefix (soup_message_headers_get_one (skip->headers, "Location"), REDIRECT_URI "?code="));
    nsim_pkce_clear (&p);
  }
}

static void
test_login_variants (NFixture      *f,
                     gconstpointer  data)
{
  Pkce p;
  g_autofree char *key = NULL;
  g_autofree char *again = NULL;
  g_autoptr(Resp) bad = NULL;
  g_autoptr(Resp) good = NULL;
  g_autoptr(Resp) hop = NULL;
  g_autoptr(Resp) no_pkce = NULL;
  g_autofree char *url = NULL;

  /* the 200 form at once */
  carport_simulator_set_nissan_bad_password_form (f->sim, TRUE);
  nsim_pkce_init (&p);
  key = nsim_start_login (f, &p);
  bad = nsim_post_login (f, key, "nope");
  g_assert_cmpuint (bad->status, ==, 200);
  again = nsim_form_key (bad->body);
  g_assert_cmpstr (again, ==, key);

  /* an interstitial: a page without the login form after the password */
  carport_simulator_set_nissan_interstitial (f->sim, TRUE);
  good = nsim_post_login (f, key, carport_simulator_get_nissan_demo_password (f->sim));
  g_assert_cmpuint (good->status, ==, 302);
  hop = nsim_req (f, "GET", soup_message_headers_get_one (good->headers, "Location"), NULL, NULL, NULL);
  g_assert_cmpuint (hop->status, ==, 200);
  g_assert_null (nsim_form_key (hop->body));
  g_assert_null (strstr (hop->body, "name=\"password\""));
  nsim_pkce_clear (&p);

  /* no S256 challenge: an error on the callback, with the state */
  url = g_strdup_printf ("%soauth2/authorize?response_type=code&redirect_uri=com%%3A%%2F%%2Fwso2.service.nci"
                         "&client_id=%s&state=abc&scope=openid", f->auth, CLIENT_ID);
  no_pkce = nsim_req (f, "GET", url, NULL, NULL, NULL);
  g_assert_cmpuint (no_pkce->status, ==, 302);
  g_assert_nonnull (strstr (soup_message_headers_get_one (no_pkce->headers, "Location"), "error=invalid_request"));
  g_assert_nonnull (strstr (soup_message_headers_get_one (no_pkce->headers, "Location"), "state=abc"));
}

static Resp *
refresh (NFixture   *f,
         const char *token)
{
  g_autofree char *url = g_strconcat (f->bff, "v1/oauth2/refresh-token?platform=Android", NULL);

  return nsim_req (f, "POST", url, "application/vnd.api+json", "{\"scope\": \"openid profile vehicles\"}",
              "Authorization", token, NULL);
}

static void
test_tokens (NFixture      *f,
             gconstpointer  data)
{
  g_autoptr(Resp) user = NULL;
  g_autoptr(Resp) expired = NULL;
  g_autoptr(Resp) r1 = NULL;
  g_autoptr(Resp) old = NULL;
  g_autoptr(Resp) r2 = NULL;
  g_autoptr(Resp) r3 = NULL;
  g_autoptr(Resp) revoked = NULL;
  g_autoptr(Resp) raw_id = NULL;
  g_autofree char *first_refresh = NULL;
  g_autofree char *bff_url = g_strconcat (f->bff, "v1/oauth2/access_token?platform=Android", NULL);

  nsim_login (f);
  user = kget (f, NULL, "%sv1/users/current", f->ua);
  g_assert_cmpuint (user->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (nsim_obj (user), "userId"), ==,
                   carport_simulator_get_nissan_user_id (f->sim));

  /* an unknown id_token is refused */
  raw_id = nsim_req (f, "POST", bff_url, "application/vnd.api+json", "", "Authorization", "not.an.idtoken", NULL);
  g_assert_cmpuint (raw_id->status, ==, 401);

  carport_simulator_expire_nissan_access_tokens (f->sim);
  expired = kget (f, NULL, "%sv1/users/current", f->ua);
  g_assert_cmpuint (expired->status, ==, 401);
  g_assert_cmpstr (nsim_error_code (expired), ==, "401000");

  /* refresh with rotation: a new refresh token, the old one retired */
  first_refresh = g_strdup (f->refresh);
  r1 = refresh (f, first_refresh);
  g_assert_cmpuint (r1->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (nsim_obj (r1), "token_type"), ==, "Bearer");
  g_assert_true (json_object_has_member (nsim_obj (r1), "refresh_token"));
  g_free (f->access);
  f->access = g_strdup (json_object_get_string_member (nsim_obj (r1), "access_token"));
  g_free (f->refresh);
  f->refresh = g_strdup (json_object_get_string_member (nsim_obj (r1), "refresh_token"));
  g_assert_cmpstr (f->refresh, !=, first_refresh);
  old = refresh (f, first_refresh);
  g_assert_cmpuint (old->status, ==, 401);
  {
    g_autoptr(Resp) again = kget (f, NULL, "%sv1/users/current", f->ua);

    g_assert_cmpuint (again->status, ==, 200);
  }

  /* without rotation: no refresh_token, the old one stays good */
  carport_simulator_set_nissan_rotate_refresh_token (f->sim, FALSE);
  r2 = refresh (f, f->refresh);
  g_assert_cmpuint (r2->status, ==, 200);
  g_assert_false (json_object_has_member (nsim_obj (r2), "refresh_token"));
  r3 = refresh (f, f->refresh);
  g_assert_cmpuint (r3->status, ==, 200);

  /* revoked: invalid_grant */
  carport_simulator_revoke_nissan_refresh_tokens (f->sim);
  revoked = refresh (f, f->refresh);
  g_assert_cmpuint (revoked->status, ==, 401);
  g_assert_cmpstr (json_object_get_string_member (nsim_obj (revoked), "error"), ==, "invalid_grant");
}

static void
test_cars_and_reads (NFixture      *f,
                     gconstpointer  data)
{
  g_autoptr(Resp) cars = NULL;
  g_autoptr(GHashTable) activated = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const char *uid = carport_simulator_get_nissan_user_id (f->sim);
  JsonArray *list;
  gboolean features = FALSE, string_id = FALSE;
  static const char * const needed[] = { "319", "12", "366", "299", "97", "2021" };

  nsim_login (f);
  cars = kget (f, NULL, "%sv5/users/%s/cars", f->bff, uid);
  g_assert_cmpuint (cars->status, ==, 200);
  list = json_object_get_array_member (nsim_obj (cars), "data");
  g_assert_cmpuint (json_array_get_length (list), ==, 4);
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonObject *car = json_array_get_object_element (list, i);
      JsonArray *services = json_object_get_array_member (car, "services");

      g_assert_nonnull (json_object_get_string_member (car, "modelName"));
      g_assert_nonnull (json_object_get_string_member (car, "canGeneration"));
      g_assert_nonnull (json_object_get_string_member (car, "pictureURL"));
      for (guint j = 0; j < json_array_get_length (services); j++)
        {
          JsonObject *s = json_array_get_object_element (services, j);
          JsonNode *id = json_object_get_member (s, "id");

          g_assert_cmpstr (json_object_get_string_member (s, "activationState"), ==, "ACTIVATED");
          if (json_node_get_value_type (id) == G_TYPE_STRING)
            {
              string_id = TRUE;
              g_hash_table_add (activated, g_strdup (json_node_get_string (id)));
            }
          else
            g_hash_table_add (activated, g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (id)));
          features |= json_object_has_member (s, "features");
        }
    }
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (list, 0), "vin"), ==, VIN_LEAF);
  g_assert_true (features);
  g_assert_true (string_id);
  for (guint i = 0; i < G_N_ELEMENTS (needed); i++)
    g_assert_true (g_hash_table_contains (activated, needed[i]));

  /* Leaf ZE1: the full v1 battery; v2 answers 501 */
  {
    g_autoptr(Resp) b = kget (f, NULL, "%sv1/cars/%s/battery-status", f->ca, VIN_LEAF);
    g_autoptr(Resp) v2 = kget (f, NULL, "%sv2/cars/%s/battery-status", f->ca, VIN_LEAF);
    g_autoptr(Resp) lock = kget (f, NULL, "%sv1/cars/%s/lock-status", f->ca, VIN_LEAF);
    g_autoptr(Resp) trips = kget (f, NULL, "%sv1/cars/%s/trip-history?type=1&start=2026-01-01&end=2026-12-31",
                                  f->ca, VIN_LEAF);
    JsonObject *a = nsim_attrs (b);
    static const char * const fields[] = {
      "batteryLevel", "batteryCapacity", "batteryBarLevel", "rangeHvacOn", "rangeHvacOff", "chargeStatus",
      "plugStatus", "chargePower", "timeRequiredToFullSlow", "timeRequiredToFullNormal",
      "timeRequiredToFullFast", "lastUpdateTime",
    };

    g_assert_cmpuint (b->status, ==, 200);
    for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
      g_assert_true (json_object_has_member (a, fields[i]));
    g_assert_cmpint (json_object_get_int_member (a, "chargePower"), >=, 1);
    g_assert_cmpint (json_object_get_int_member (a, "chargePower"), <=, 5);
    g_assert_cmpint (json_object_get_int_member (a, "chargeStatus"), ==, 1);   /* charging in the demo */
    g_assert_true (g_str_has_suffix (json_object_get_string_member (a, "lastUpdateTime"), "Z"));
    g_assert_cmpuint (v2->status, ==, 501);
    g_assert_cmpstr (nsim_error_code (v2), ==, "501");
    g_assert_cmpuint (lock->status, ==, 200);
    g_assert_cmpstr (json_object_get_string_member (nsim_attrs (lock), "lockStatus"), ==, "locked");
    g_assert_cmpuint (trips->status, ==, 200);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (nsim_attrs (trips), "summaries")), ==, 1);
  }
  /* Ariya: bff v3 with canGen, car-adapter v2 flat, lock 403 */
  {
    g_autoptr(Resp) v3 = kget (f, NULL, "%sv3/cars/%s/battery-status?canGen=C1A", f->bff, VIN_ARIYA);
    g_autoptr(Resp) v2 = kget (f, NULL, "%sv2/cars/%s/battery-status", f->ca, VIN_ARIYA);
    g_autoptr(Resp) lock = kget (f, NULL, "%sv1/cars/%s/lock-status", f->ca, VIN_ARIYA);
    JsonObject *a = nsim_attrs (v3);

    g_assert_cmpuint (v3->status, ==, 200);
    g_assert_true (json_object_has_member (a, "batteryAutonomy"));
    g_assert_cmpint (json_object_get_int_member (a, "batteryTemperature"), ==, 0);
    g_assert_true (json_node_get_value_type (json_object_get_member (a, "chargingStatus")) == G_TYPE_DOUBLE);
    g_assert_cmpuint (v2->status, ==, 200);
    g_assert_false (json_object_has_member (nsim_obj (v2), "data"));
    g_assert_cmpstr (json_object_get_string_member (nsim_obj (v2), "id"), ==, VIN_ARIYA);
    g_assert_true (json_object_has_member (nsim_obj (v2), "timestamp"));
    g_assert_cmpuint (lock->status, ==, 403);
  }
  /* Micra: cockpit v1 501, v2 works, lock 404, v3 with a space in canGen */
  {
    g_autoptr(Resp) c1 = kget (f, NULL, "%sv1/cars/%s/cockpit", f->ca, VIN_MICRA);
    g_autoptr(Resp) c2 = kget (f, NULL, "%sv2/cars/%s/cockpit", f->ca, VIN_MICRA);
    g_autoptr(Resp) lock = kget (f, NULL, "%sv1/cars/%s/lock-status", f->ca, VIN_MICRA);
    g_autoptr(Resp) v3 = kget (f, NULL, "%sv3/cars/%s/battery-status?canGen=C1A_HS%%20EVO", f->bff, VIN_MICRA);
    g_autoptr(Resp) hvac = kget (f, NULL, "%sv1/cars/%s/hvac-status", f->ca, VIN_MICRA);

    g_assert_cmpuint (c1->status, ==, 501);
    g_assert_cmpuint (c2->status, ==, 200);
    g_assert_cmpfloat (json_object_get_double_member (nsim_attrs (c2), "totalMileage"), ==, 2345.0);
    g_assert_cmpuint (lock->status, ==, 404);
    g_assert_cmpuint (v3->status, ==, 200);
    g_assert_cmpuint (hvac->status, ==, 200);
    g_assert_false (json_object_has_member (nsim_attrs (hvac), "externalTemperature"));
  }
  /* Qashqai: fuel in the cockpit, the range in v1 battery, lock-status */
  {
    g_autoptr(Resp) c = kget (f, NULL, "%sv1/cars/%s/cockpit", f->ca, VIN_QASHQAI);
    g_autoptr(Resp) b = kget (f, NULL, "%sv1/cars/%s/battery-status", f->ca, VIN_QASHQAI);
    g_autoptr(Resp) lock = kget (f, NULL, "%sv1/cars/%s/lock-status", f->ca, VIN_QASHQAI);
    g_autoptr(Resp) flat = kget (f, "application/json", "%sv1/cars/%s/location", f->ca, VIN_QASHQAI);
    g_autoptr(Resp) envelope = kget (f, "*/*", "%sv1/cars/%s/location", f->ca, VIN_QASHQAI);

    g_assert_cmpfloat (json_object_get_double_member (nsim_attrs (c), "fuelQuantity"), ==, 38.0);
    g_assert_true (json_object_has_member (nsim_attrs (c), "fuelAutonomy"));
    g_assert_true (json_object_has_member (nsim_attrs (b), "rangeHvacOn"));
    g_assert_false (json_object_has_member (nsim_attrs (b), "batteryLevel"));
    g_assert_cmpstr (json_object_get_string_member (nsim_attrs (lock), "lockStatus"), ==, "unlocked");
    g_assert_false (carport_simulator_get_locked (f->sim, VIN_QASHQAI));
    /* flat for Accept: application/json, the envelope for */
    g_assert_false (json_object_has_member (nsim_obj (flat), "data"));
    g_assert_cmpfloat (json_object_get_double_member (nsim_obj (flat), "gpsLatitude"), ==, 55.9533);
    g_assert_cmpfloat (json_object_get_double_member (nsim_attrs (envelope), "gpsLatitude"), ==, 55.9533);
    g_assert_nonnull (json_object_get_string_member (nsim_attrs (envelope), "lastUpdateTime"));
  }
  /* another user's cars, an unknown car */
  {
    g_autoptr(Resp) other = kget (f, NULL, "%sv5/users/0/cars", f->bff);
    g_autoptr(Resp) unknown = kget (f, NULL, "%sv1/cars/VF1AAAAAAAAAAAAAA/location", f->ca);

    g_assert_cmpuint (other->status, ==, 403);
    g_assert_cmpuint (unknown->status, ==, 403);
  }
}

/* Polls until the action is final; the first poll answers 404. */
static char *
poll_action (NFixture   *f,
             const char *vin,
             const char *id,
             gboolean   *saw_pending)
{
  for (guint i = 0; i < 200; i++)
    {
      g_autoptr(Resp) r = kget (f, NULL, "%sv1/cars/%s/actions/status?actionId=%s", f->status, vin, id);
      const char *status;

      if (i == 0)
        {
          g_assert_cmpuint (r->status, ==, 404);
          g_assert_cmpstr (nsim_error_code (r), ==, "404");
          continue;
        }
      g_assert_cmpuint (r->status, ==, 200);
      status = json_object_get_string_member (nsim_attrs (r), "status");
      if (g_str_equal (status, "PENDING"))
        {
          *saw_pending = TRUE;
          g_usleep (20000);
          continue;
        }
      if (g_str_equal (status, "REJECTED"))
        g_assert_nonnull (json_object_get_string_member (nsim_attrs (r), "errorCode"));
      return g_strdup (status);
    }
  g_assert_not_reached ();
}

static char *
run_action (NFixture   *f,
            const char *vin,
            const char *action,
            const char *type,
            const char *attributes)
{
  g_autofree char *body = attributes ? g_strdup_printf ("{\"data\":{\"type\":\"%s\",\"attributes\":%s}}", type, attributes)
                                     : g_strdup_printf ("{\"data\":{\"type\":\"%s\"}}", type);
  g_autoptr(Resp) r = kpost (f, vin, action, body);
  JsonObject *data;
  gboolean pending = FALSE;
  char *status;

  g_assert_cmpuint (r->status, ==, 200);
  g_assert_false (json_object_has_member (nsim_obj (r), "errors"));
  data = json_object_get_object_member (nsim_obj (r), "data");
  g_assert_cmpstr (json_object_get_string_member (data, "type"), ==, type);
  status = poll_action (f, vin, json_object_get_string_member (data, "id"), &pending);
  g_assert_true (pending);
  return status;
}

static void
test_actions (NFixture      *f,
              gconstpointer  data)
{
  g_autofree char *s = NULL;
  g_autoptr(Resp) before = NULL;
  g_autoptr(Resp) after = NULL;
  g_autoptr(Resp) notes = NULL;
  static const struct {
    const char *vin, *action, *type, *attributes;
  } ok[] = {
    { VIN_LEAF, "refresh-location", "RefreshLocation", NULL },
    { VIN_LEAF, "refresh-hvac-status", "RefreshHvacStatus", NULL },
    { VIN_LEAF, "refresh-lock-status", "RefreshLockStatus", NULL },
    { VIN_QASHQAI, "horn-lights", "HornLights", "{\"action\":\"start\",\"duration\":5,\"target\":\"horn_lights\"}" },
    { VIN_QASHQAI, "horn-lights", "HornLights", "{\"action\":\"start\",\"duration\":5,\"target\":\"lights\"}" },
    { VIN_LEAF, "horn-lights", "HornLights", "{\"action\":\"start\",\"target\":\"horn\"}" },
  };

  nsim_login (f);

  /* refresh-battery-status (no attributes) moves lastUpdateTime */
  carport_simulator_set_plugged (f->sim, VIN_ARIYA, FALSE);
  before = kget (f, NULL, "%sv3/cars/%s/battery-status?canGen=C1A", f->bff, VIN_ARIYA);
  s = run_action (f, VIN_ARIYA, "refresh-battery-status", "RefreshBatteryStatus", NULL);
  g_assert_cmpstr (s, ==, "COMPLETED");
  after = kget (f, NULL, "%sv3/cars/%s/battery-status?canGen=C1A", f->bff, VIN_ARIYA);
  g_assert_cmpstr (json_object_get_string_member (nsim_attrs (before), "lastUpdateTime"), <,
                   json_object_get_string_member (nsim_attrs (after), "lastUpdateTime"));
  g_clear_pointer (&s, g_free);

  for (guint i = 0; i < G_N_ELEMENTS (ok); i++)
    {
      g_autofree char *status = run_action (f, ok[i].vin, ok[i].action, ok[i].type, ok[i].attributes);

      g_assert_cmpstr (status, ==, "COMPLETED");
    }

  /* climate on, then off */
  s = run_action (f, VIN_MICRA, "hvac-start", "HvacStart", "{\"action\":\"start\",\"targetTemperature\":21}");
  g_assert_cmpstr (s, ==, "COMPLETED");
  g_assert_true (carport_simulator_get_hvac_on (f->sim, VIN_MICRA));
  {
    g_autoptr(Resp) hvac = kget (f, NULL, "%sv1/cars/%s/hvac-status", f->ca, VIN_MICRA);

    g_assert_cmpstr (json_object_get_string_member (nsim_attrs (hvac), "hvacStatus"), ==, "on");
  }
  g_clear_pointer (&s, g_free);
  s = run_action (f, VIN_MICRA, "hvac-start", "HvacStart", "{\"action\":\"stop\"}");
  g_assert_cmpstr (s, ==, "COMPLETED");
  g_assert_false (carport_simulator_get_hvac_on (f->sim, VIN_MICRA));
  g_clear_pointer (&s, g_free);

  /* charging: unplugged → REJECTED; plugged → charging; stop (303) */
  s = run_action (f, VIN_ARIYA, "charging-start", "ChargingStart", "{\"action\":\"start\"}");
  g_assert_cmpstr (s, ==, "REJECTED");
  g_clear_pointer (&s, g_free);
  carport_simulator_set_plugged (f->sim, VIN_ARIYA, TRUE);
  s = run_action (f, VIN_ARIYA, "charging-start", "ChargingStart", "{\"action\":\"start\"}");
  g_assert_cmpstr (s, ==, "COMPLETED");
  g_assert_true (carport_simulator_get_charging (f->sim, VIN_ARIYA));
  g_clear_pointer (&s, g_free);
  s = run_action (f, VIN_ARIYA, "charging-start", "ChargingStart", "{\"action\":\"stop\"}");
  g_assert_cmpstr (s, ==, "COMPLETED");
  g_assert_false (carport_simulator_get_charging (f->sim, VIN_ARIYA));

  /* refusals: a bad temperature, a wrong type, a service the car lacks */
  {
    g_autoptr(Resp) half = kpost (f, VIN_LEAF, "hvac-start",
                                  "{\"data\":{\"type\":\"HvacStart\",\"attributes\":{\"action\":\"start\",\"targetTemperature\":21.5}}}");
    g_autoptr(Resp) hot = kpost (f, VIN_LEAF, "hvac-start",
                                 "{\"data\":{\"type\":\"HvacStart\",\"attributes\":{\"action\":\"start\",\"targetTemperature\":27}}}");
    g_autoptr(Resp) type = kpost (f, VIN_LEAF, "refresh-location", "{\"data\":{\"type\":\"RefreshBattery\"}}");
    g_autoptr(Resp) no_stop = kpost (f, VIN_LEAF, "charging-start",
                                     "{\"data\":{\"type\":\"ChargingStart\",\"attributes\":{\"action\":\"stop\"}}}");
    g_autoptr(Resp) no_hvac = kpost (f, VIN_QASHQAI, "hvac-start",
                                     "{\"data\":{\"type\":\"HvacStart\",\"attributes\":{\"action\":\"start\",\"targetTemperature\":20}}}");
    g_autoptr(Resp) no_lock = kpost (f, VIN_MICRA, "refresh-lock-status", "{\"data\":{\"type\":\"RefreshLockStatus\"}}");

    g_assert_cmpuint (half->status, ==, 400);
    g_assert_cmpuint (hot->status, ==, 400);
    g_assert_cmpuint (type->status, ==, 400);
    g_assert_cmpuint (no_stop->status, ==, 403);
    g_assert_cmpuint (no_hvac->status, ==, 403);
    g_assert_cmpuint (no_lock->status, ==, 403);
  }

  /* one notification per finished command */
  notes = kget (f, NULL, "%sv2/notifications/users/%s/vehicles/%s?realm=P_NCB&langCode=EN&from=1&to=20&order=DESC",
                f->notif, carport_simulator_get_nissan_user_id (f->sim), VIN_ARIYA);
  g_assert_cmpuint (notes->status, ==, 200);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (nsim_attrs (notes), "messages")), ==, 4);
}

static void
test_faults (NFixture      *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *html = NULL;
  g_autofree char *spec = NULL;
  g_autofree char *html_spec = NULL;
  g_autoptr(Resp) replay = NULL;
  g_autoptr(Resp) page = NULL;
  g_autoptr(Resp) normal = NULL;
  g_autoptr(Resp) quota = NULL;
  g_autoptr(Resp) privacy = NULL;
  int fd;

  nsim_login (f);
  fd = g_file_open_tmp ("carport-sim-XXXXXX.json", &path, &error);
  g_assert_no_error (error);
  close (fd);
  g_assert_true (g_file_set_contents (path, "{\"errors\": [{\"status\": \"Internal Server Error\", \"code\": \"500\"}]}",
                                      -1, NULL));
  fd = g_file_open_tmp ("carport-sim-XXXXXX.html", &html, &error);
  g_assert_no_error (error);
  close (fd);
  g_assert_true (g_file_set_contents (html, "<html><body>maintenance</body></html>", -1, NULL));

  spec = g_strdup_printf ("cockpit=body:%s:500:x1", path);
  g_assert_true (carport_simulator_add_fault_from_string (f->sim, spec, &error));
  g_assert_no_error (error);
  html_spec = g_strdup_printf ("users/current=body:%s:x1", html);
  g_assert_true (carport_simulator_add_fault_from_string (f->sim, html_spec, &error));
  g_assert_false (carport_simulator_add_fault_from_string (f->sim, "cockpit=body:/nonexistent/file.json", &error));
  g_assert_error (error, CARPORT_SIMULATOR_ERROR, CARPORT_SIMULATOR_ERROR_INVALID_FAULT);
  g_clear_error (&error);
  g_assert_true (carport_simulator_add_fault_from_string (f->sim, "location=quota:x1", &error));
  g_unlink (path);
  g_unlink (html);

  replay = kget (f, NULL, "%sv1/cars/%s/cockpit", f->ca, VIN_LEAF);
  g_assert_cmpuint (replay->status, ==, 500);
  g_assert_cmpstr (replay->body, ==, "{\"errors\": [{\"status\": \"Internal Server Error\", \"code\": \"500\"}]}");
  normal = kget (f, NULL, "%sv1/cars/%s/cockpit", f->ca, VIN_LEAF);
  g_assert_cmpuint (normal->status, ==, 200);
  page = kget (f, NULL, "%sv1/users/current", f->ua);
  g_assert_cmpuint (page->status, ==, 200);
  g_assert_cmpstr (soup_message_headers_get_content_type (page->headers, NULL), ==, "text/html");
  quota = kget (f, NULL, "%sv1/cars/%s/location", f->ca, VIN_LEAF);
  g_assert_cmpuint (quota->status, ==, 429);
  g_assert_cmpstr (nsim_error_code (quota), ==, "429");

  /* a scenario for both brands: privacy mode on a Nissan car */
  g_assert_true (carport_simulator_load_scenario_data (f->sim,
    "{\"nissan\": {\"cars\": [{\"model\": \"LEAF_ZE1\", \"vin\": \"" VIN_LEAF "\", \"quirks\": [\"privacy-on\"]}],"
    "             \"bad_password\": \"form\", \"rotate_refresh_token\": false}}", &error));
  g_assert_no_error (error);
  privacy = kget (f, NULL, "%sv1/cars/%s/location", f->ca, VIN_LEAF);
  g_assert_cmpuint (privacy->status, ==, 403);
  g_assert_cmpstr (nsim_error_code (privacy), ==, "403009");
  g_assert_false (carport_simulator_load_scenario_data (f->sim, "{\"nissan\": {\"cars\": [{\"model\": \"X101VE\", "
                                                        "\"vin\": \"VF1X101VE00000009\"}]}}", &error));
  g_assert_error (error, CARPORT_SIMULATOR_ERROR, CARPORT_SIMULATOR_ERROR_UNKNOWN_MODEL);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, NFixture, NULL, nsim_fixture_setup, fn, nsim_fixture_teardown)
  ADD ("/sim/nissan/info-and-certificate", test_info_and_certificate);
  ADD ("/sim/nissan/login", test_login);
  ADD ("/sim/nissan/login-variants", test_login_variants);
  ADD ("/sim/nissan/tokens", test_tokens);
  ADD ("/sim/nissan/cars-and-reads", test_cars_and_reads);
  ADD ("/sim/nissan/actions", test_actions);
  ADD ("/sim/nissan/faults", test_faults);
#undef ADD

  return g_test_run ();
}
