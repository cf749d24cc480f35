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

#include "sim-test-util.h"

#define CLIENT_ID    "ZM3WK7ax1OtQKYQ8Qqzcv5VgiA8a"
#define REDIRECT_URI "com://wso2.service.nci"

#define VIN_LEAF    "SJNFAAZE1U0000001"
#define VIN_ARIYA   "SJNTAAFE0U0000002"
#define VIN_MICRA   "VNVMICRAE00000003"
#define VIN_QASHQAI "SJNFAAJ12U0000004"

typedef struct {
  CarportSimulator *sim;
  SoupSession      *session;
  char             *auth, *bff, *ua, *ca, *notif, *status;
  char             *access, *refresh;
} NFixture;

typedef struct {
  guint               status;
  SoupMessageHeaders *headers;
  char               *body;
  JsonNode           *json;
  GTlsCertificate    *peer;
} Resp;

static void
resp_free (Resp *r)
{
  g_clear_pointer (&r->headers, soup_message_headers_unref);
  g_free (r->body);
  g_clear_pointer (&r->json, json_node_unref);
  g_clear_object (&r->peer);
  g_free (r);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Resp, resp_free)

static void
fixture_setup (NFixture      *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTlsDatabase) database = NULL;

  f->sim = carport_simulator_new ();
  carport_simulator_set_command_delay_ms (f->sim, 300);
  g_assert_true (carport_simulator_start (f->sim, 0, &error));
  g_assert_no_error (error);
  database = g_tls_file_database_new (carport_simulator_get_ca_file (f->sim), &error);
  g_assert_no_error (error);
  f->session = soup_session_new_with_options ("timeout", 30, "tls-database", database, NULL);
  soup_session_add_feature_by_type (f->session, SOUP_TYPE_COOKIE_JAR);
  f->auth = carport_simulator_get_nissan_url (f->sim, CARPORT_SIM_NISSAN_AUTH);
  f->bff = carport_simulator_get_nissan_url (f->sim, CARPORT_SIM_NISSAN_BFF);
  f->ua = carport_simulator_get_nissan_url (f->sim, CARPORT_SIM_NISSAN_USER_ADAPTER);
  f->ca = carport_simulator_get_nissan_url (f->sim, CARPORT_SIM_NISSAN_CAR_ADAPTER);
  f->notif = carport_simulator_get_nissan_url (f->sim, CARPORT_SIM_NISSAN_NOTIFICATIONS);
  f->status = carport_simulator_get_nissan_url (f->sim, CARPORT_SIM_NISSAN_ACTION_STATUS);
}

static void
fixture_teardown (NFixture      *f,
                  gconstpointer  data)
{
  carport_simulator_stop (f->sim);
  g_clear_object (&f->session);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_finalize_object (g_steal_pointer (&f->sim));
  g_free (f->auth);
  g_free (f->bff);
  g_free (f->ua);
  g_free (f->ca);
  g_free (f->notif);
  g_free (f->status);
  g_free (f->access);
  g_free (f->refresh);
}

typedef struct {
  GBytes *body;
  GError *error;
  gboolean done;
} Sent;

static void
sent_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Sent *sent = user_data;

  sent->body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &sent->error);
  sent->done = TRUE;
}

/* Extra headers as name, value pairs, then NULL; redirects are not followed. */
static Resp *
req (NFixture   *f,
     const char *method,
     const char *url,
     const char *content_type,
     const char *body,
     ...)
{
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  Sent sent = { NULL, NULL, FALSE };
  Resp *r = g_new0 (Resp, 1);
  const char *name;
  va_list args;
  gsize length;

  g_assert_nonnull (msg);
  soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
  va_start (args, body);
  while ((name = va_arg (args, const char *)) != NULL)
    soup_message_headers_append (soup_message_get_request_headers (msg), name, va_arg (args, const char *));
  va_end (args);
  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (msg, content_type, bytes);
    }
  soup_session_send_and_read_async (f->session, msg, G_PRIORITY_DEFAULT, NULL, sent_cb, &sent);
  while (!sent.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (sent.error);
  r->status = soup_message_get_status (msg);
  r->headers = soup_message_headers_ref (soup_message_get_response_headers (msg));
  r->body = g_strndup (g_bytes_get_data (sent.body, &length), g_bytes_get_size (sent.body));
  r->peer = soup_message_get_tls_peer_certificate (msg) ? g_object_ref (soup_message_get_tls_peer_certificate (msg))
                                                        : NULL;
  g_bytes_unref (sent.body);
  {
    g_autoptr(JsonParser) parser = json_parser_new ();

    if (length > 0 && json_parser_load_from_data (parser, r->body, -1, NULL))
      r->json = json_node_copy (json_parser_get_root (parser));
  }
  /* every answer says its length, 302s included */
  g_assert_cmpint (soup_message_headers_get_encoding (r->headers), ==, SOUP_ENCODING_CONTENT_LENGTH);
  return r;
}

static JsonObject *
obj (Resp *r)
{
  g_assert_nonnull (r->json);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (r->json));
  return json_node_get_object (r->json);
}

static JsonObject *
attrs (Resp *r)
{
  JsonObject *data = json_object_get_object_member (obj (r), "data");

  g_assert_false (json_object_has_member (obj (r), "errors"));
  return json_object_get_object_member (data, "attributes");
}

static const char *
error_code (Resp *r)
{
  JsonArray *errors = json_object_get_array_member (obj (r), "errors");

  return json_object_get_string_member (json_array_get_object_element (errors, 0), "code");
}

/* ------------------------------------------------------------------------ */
/* Login                                                                    */
/* ------------------------------------------------------------------------ */

typedef struct {
  char *verifier;
  char *challenge;
  char *state;
} Pkce;

static void
pkce_init (Pkce *p)
{
  guint8 digest[32];
  gsize length = sizeof digest;
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(GString) verifier = g_string_new (NULL);
  g_autofree char *b64 = NULL;

  while (verifier->len < 86)
    g_string_append_c (verifier, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"[g_random_int_range (0, 64)]);
  p->verifier = g_string_free (g_steal_pointer (&verifier), FALSE);
  g_checksum_update (checksum, (const guchar *) p->verifier, -1);
  g_checksum_get_digest (checksum, digest, &length);
  b64 = g_base64_encode (digest, length);
  g_strdelimit (b64, "+", '-');
  g_strdelimit (b64, "/", '_');
  *strchr (b64, '=') = '\0';
  p->challenge = g_steal_pointer (&b64);
  p->state = g_strdup ("st4te-with.chars~0123456789abcdefghijklmnopq");
}

static void
pkce_clear (Pkce *p)
{
  g_free (p->verifier);
  g_free (p->challenge);
  g_free (p->state);
}

static char *
authorize_url (NFixture *f,
               Pkce     *p)
{
  return g_strdup_printf ("%soauth2/authorize?response_type=code&redirect_uri=com%%3A%%2F%%2Fwso2.service.nci"
                          "&client_id=%s&state=%s&scope=openid+name+profile+email+offline_access"
                          "&code_challenge=%s&code_challenge_method=S256&locale=en_GB&brand=Nissan"
                          "&client=mynissanapp", f->auth, CLIENT_ID, p->state, p->challenge);
}

/* The sessionDataKey of the login form (the second form; the first is the
 * language selector), or NULL when the page has no login form. */
static char *
form_key (const char *html)
{
  const char *form = strstr (html, "action=\"../commonauth\"");
  const char *input, *value;

  if (form == NULL || strstr (form, "name=\"password\"") == NULL || strstr (form, "</form>") == NULL)
    return NULL;
  g_assert_nonnull (strstr (html, "name=\"ui_locales\""));
  g_assert_true (strstr (html, "name=\"ui_locales\"") < form);
  input = strstr (form, "name=\"sessionDataKey\" value=\"");
  g_assert_nonnull (input);
  value = input + strlen ("name=\"sessionDataKey\" value=\"");
  return g_strndup (value, (gsize) (strchr (value, '"') - value));
}

static Resp *
post_login (NFixture   *f,
            const char *key,
            const char *password)
{
  g_autofree char *form = NULL;
  g_autofree char *email = g_uri_escape_string (carport_simulator_get_nissan_demo_email (f->sim), NULL, TRUE);
  g_autofree char *url = g_strconcat (f->auth, "commonauth", NULL);

  form = g_strdup_printf ("sessionDataKey=%s&regionCode=EU&usernameUserInput=&userName=%s&username=EU%%2F%s"
                          "&password=%s", key, email, email, password);
  return req (f, "POST", url, "application/x-www-form-urlencoded", form, NULL);
}

/* A new login starts with an empty cookie jar, as clients do. */
static void
fresh_jar (NFixture *f)
{
  SoupCookieJar *jar = SOUP_COOKIE_JAR (soup_session_get_feature (f->session, SOUP_TYPE_COOKIE_JAR));
  GSList *all = soup_cookie_jar_all_cookies (jar);

  for (GSList *l = all; l != NULL; l = l->next)
    soup_cookie_jar_delete_cookie (jar, l->data);
  g_slist_free_full (all, (GDestroyNotify) soup_cookie_free);
}

/* authorize → login.do; returns the session key. */
static char *
start_login (NFixture *f,
             Pkce     *p)
{
  g_autofree char *url = authorize_url (f, p);
  g_autoptr(Resp) authorize = NULL;
  g_autoptr(Resp) page = NULL;
  const char *location;

  fresh_jar (f);
  authorize = req (f, "GET", url, NULL, NULL, NULL);
  location = soup_message_headers_get_one (authorize->headers, "Location");

  g_assert_cmpuint (authorize->status, ==, 302);
  g_assert_cmpstr (soup_message_headers_get_one (authorize->headers, "Content-Length"), ==, "0");
  g_assert_true (g_str_has_prefix (location, f->auth));
  g_assert_nonnull (strstr (location, "authenticationendpoint/login.do?"));
  g_assert_nonnull (strstr (soup_message_headers_get_list (authorize->headers, "Set-Cookie"), "JSESSIONID="));
  g_assert_nonnull (strstr (soup_message_headers_get_list (authorize->headers, "Set-Cookie"), "Path=/"));
  page = req (f, "GET", location, NULL, NULL, NULL);
  g_assert_cmpuint (page->status, ==, 200);
  return form_key (page->body);
}

/* The whole login; returns the code (the state was checked). */
static char *
login_code (NFixture *f,
            Pkce     *p)
{
  g_autofree char *key = start_login (f, p);
  g_autoptr(Resp) posted = post_login (f, key, carport_simulator_get_nissan_demo_password (f->sim));
  g_autoptr(Resp) hop = NULL;
  g_autoptr(GUri) callback = NULL;
  g_autoptr(GHashTable) query = NULL;
  const char *location;

  g_assert_cmpuint (posted->status, ==, 302);
  location = soup_message_headers_get_one (posted->headers, "Location");
  g_assert_true (g_str_has_prefix (location, f->auth));
  hop = req (f, "GET", location, NULL, NULL, NULL);
  g_assert_cmpuint (hop->status, ==, 302);
  location = soup_message_headers_get_one (hop->headers, "Location");
  g_assert_true (g_str_has_prefix (location, REDIRECT_URI "?"));
  callback = g_uri_parse (location, G_URI_FLAGS_NONE, NULL);
  query = g_uri_parse_params (g_uri_get_query (callback), -1, "&", G_URI_PARAMS_NONE, NULL);
  g_assert_cmpstr (g_hash_table_lookup (query, "state"), ==, p->state);
  g_assert_nonnull (g_hash_table_lookup (query, "session_state"));
  return g_strdup (g_hash_table_lookup (query, "code"));
}

static Resp *
token (NFixture   *f,
       const char *code,
       const char *verifier)
{
  g_autofree char *url = g_strconcat (f->auth, "oauth2/token", NULL);
  g_autofree char *form = g_strdup_printf ("redirect_uri=com%%3A%%2F%%2Fwso2.service.nci&grant_type=authorization_code"
                                           "&client_id=%s&code=%s&code_verifier=%s"
                                           "&scope=openid+name+profile+email+offline_access",
                                           CLIENT_ID, code, verifier);

  return req (f, "POST", url, "application/x-www-form-urlencoded", form, NULL);
}

/* Logs in and keeps the Kamereon tokens in @f. */
static void
nissan_login (NFixture *f)
{
  Pkce p;
  g_autofree char *code = NULL;
  g_autoptr(Resp) t = NULL;
  g_autoptr(Resp) k = NULL;
  g_autofree char *url = g_strconcat (f->bff, "v1/oauth2/access_token?platform=Android", NULL);

  pkce_init (&p);
  code = login_code (f, &p);
  t = token (f, code, p.verifier);
  g_assert_cmpuint (t->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (obj (t), "token_type"), ==, "Bearer");
  k = req (f, "POST", url, "application/vnd.api+json", "",
           "Authorization", json_object_get_string_member (obj (t), "id_token"), NULL);
  g_assert_cmpuint (k->status, ==, 200);
  g_assert_false (json_object_has_member (obj (k), "error"));
  g_assert_cmpstr (json_object_get_string_member (obj (k), "token_type"), ==, "Bearer");
  g_assert_cmpint (json_object_get_int_member (obj (k), "expires_in"), >=, 300);
  g_free (f->access);
  f->access = g_strdup (json_object_get_string_member (obj (k), "access_token"));
  g_free (f->refresh);
  f->refresh = g_strdup (json_object_get_string_member (obj (k), "refresh_token"));
  pkce_clear (&p);
}

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
  return req (f, "GET", url, NULL, NULL, "Authorization", bearer, "Accept", accept ? accept : "*/*", NULL);
}

static Resp *
kpost (NFixture   *f,
       const char *vin,
       const char *action,
       const char *body)
{
  g_autofree char *url = g_strdup_printf ("%sv1/cars/%s/actions/%s", f->ca, vin, action);
  g_autofree char *bearer = g_strconcat ("Bearer ", f->access, NULL);

  return req (f, "POST", url, "application/vnd.api+json", body, "Authorization", bearer, NULL);
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
  r = req (f, "GET", ua_url, NULL, NULL, NULL);
  g_assert_cmpuint (r->status, ==, 401);   /* no token */
  g_assert_cmpstr (error_code (r), ==, "401000");
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
    g_autoptr(Resp) p = req (f, "GET", plain, NULL, NULL, NULL);

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

  pkce_init (&p);
  key = start_login (f, &p);
  g_assert_nonnull (key);

  /* a wrong password: 302 to login.do?authFailure=true, which shows the form again */
  bad = post_login (f, key, "not-the-password");
  g_assert_cmpuint (bad->status, ==, 302);
  g_assert_cmpstr (soup_message_headers_get_one (bad->headers, "Content-Length"), ==, "0");
  location = soup_message_headers_get_one (bad->headers, "Location");
  g_assert_true (g_str_has_prefix (location, f->auth));
  g_assert_nonnull (strstr (location, "authFailure=true"));
  form = req (f, "GET", location, NULL, NULL, NULL);
  g_assert_cmpuint (form->status, ==, 200);
  again = form_key (form->body);
  g_assert_cmpstr (again, ==, key);
  g_assert_nonnull (strstr (form->body, "Login failed"));
  pkce_clear (&p);

  /* the right one, then the code with a wrong verifier, then reused */
  pkce_init (&p);
  code = login_code (f, &p);
  wrong_verifier = token (f, code, "0123456789012345678901234567890123456789012345678901234567890123456789");
  g_assert_cmpuint (wrong_verifier->status, ==, 400);
  g_assert_cmpstr (json_object_get_string_member (obj (wrong_verifier), "error"), ==, "invalid_grant");
  g_assert_true (json_object_has_member (obj (wrong_verifier), "error_description"));
  reused = token (f, code, p.verifier);
  g_assert_cmpuint (reused->status, ==, 400);
  pkce_clear (&p);

  /* a good code exchange */
  {
    g_autofree char *code2 = NULL;
    g_autoptr(Resp) ok = NULL;

    pkce_init (&p);
    code2 = login_code (f, &p);
    ok = token (f, code2, p.verifier);
    g_assert_cmpuint (ok->status, ==, 200);
    g_assert_nonnull (json_object_get_string_member (obj (ok), "id_token"));
    g_assert_nonnull (json_object_get_string_member (obj (ok), "access_token"));
    g_assert_false (json_object_has_member (obj (ok), "error"));
    pkce_clear (&p);
  }

  /* with the cookies of that login, authorize skips the form */
  {
    g_autofree char *url = NULL;
    g_autoptr(Resp) skip = NULL;

    pkce_init (&p);
    url = authorize_url (f, &p);
    skip = req (f, "GET", url, NULL, NULL, NULL);
    g_assert_cmpuint (skip->status, ==, 302);
    g_assert_true (g_str_has_prefix (soup_message_headers_get_one (skip->headers, "Location"), REDIRECT_URI "?code="));
    pkce_clear (&p);
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
  pkce_init (&p);
  key = start_login (f, &p);
  bad = post_login (f, key, "nope");
  g_assert_cmpuint (bad->status, ==, 200);
  again = form_key (bad->body);
  g_assert_cmpstr (again, ==, key);

  /* an interstitial: a page without the login form after the password */
  carport_simulator_set_nissan_interstitial (f->sim, TRUE);
  good = post_login (f, key, carport_simulator_get_nissan_demo_password (f->sim));
  g_assert_cmpuint (good->status, ==, 302);
  hop = req (f, "GET", soup_message_headers_get_one (good->headers, "Location"), NULL, NULL, NULL);
  g_assert_cmpuint (hop->status, ==, 200);
  g_assert_null (form_key (hop->body));
  g_assert_null (strstr (hop->body, "name=\"password\""));
  pkce_clear (&p);

  /* no S256 challenge: an error on the callback, with the state */
  url = g_strdup_printf ("%soauth2/authorize?response_type=code&redirect_uri=com%%3A%%2F%%2Fwso2.service.nci"
                         "&client_id=%s&state=abc&scope=openid", f->auth, CLIENT_ID);
  no_pkce = req (f, "GET", url, NULL, NULL, NULL);
  g_assert_cmpuint (no_pkce->status, ==, 302);
  g_assert_nonnull (strstr (soup_message_headers_get_one (no_pkce->headers, "Location"), "error=invalid_request"));
  g_assert_nonnull (strstr (soup_message_headers_get_one (no_pkce->headers, "Location"), "state=abc"));
}

static Resp *
refresh (NFixture   *f,
         const char *token)
{
  g_autofree char *url = g_strconcat (f->bff, "v1/oauth2/refresh-token?platform=Android", NULL);

  return req (f, "POST", url, "application/vnd.api+json", "{\"scope\": \"openid profile vehicles\"}",
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

  nissan_login (f);
  user = kget (f, NULL, "%sv1/users/current", f->ua);
  g_assert_cmpuint (user->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (obj (user), "userId"), ==,
                   carport_simulator_get_nissan_user_id (f->sim));

  /* an unknown id_token is refused */
  raw_id = req (f, "POST", bff_url, "application/vnd.api+json", "", "Authorization", "not.an.idtoken", NULL);
  g_assert_cmpuint (raw_id->status, ==, 401);

  carport_simulator_expire_nissan_access_tokens (f->sim);
  expired = kget (f, NULL, "%sv1/users/current", f->ua);
  g_assert_cmpuint (expired->status, ==, 401);
  g_assert_cmpstr (error_code (expired), ==, "401000");

  /* refresh with rotation: a new refresh token, the old one retired */
  first_refresh = g_strdup (f->refresh);
  r1 = refresh (f, first_refresh);
  g_assert_cmpuint (r1->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (obj (r1), "token_type"), ==, "Bearer");
  g_assert_true (json_object_has_member (obj (r1), "refresh_token"));
  g_free (f->access);
  f->access = g_strdup (json_object_get_string_member (obj (r1), "access_token"));
  g_free (f->refresh);
  f->refresh = g_strdup (json_object_get_string_member (obj (r1), "refresh_token"));
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
  g_assert_false (json_object_has_member (obj (r2), "refresh_token"));
  r3 = refresh (f, f->refresh);
  g_assert_cmpuint (r3->status, ==, 200);

  /* revoked: invalid_grant */
  carport_simulator_revoke_nissan_refresh_tokens (f->sim);
  revoked = refresh (f, f->refresh);
  g_assert_cmpuint (revoked->status, ==, 401);
  g_assert_cmpstr (json_object_get_string_member (obj (revoked), "error"), ==, "invalid_grant");
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

  nissan_login (f);
  cars = kget (f, NULL, "%sv5/users/%s/cars", f->bff, uid);
  g_assert_cmpuint (cars->status, ==, 200);
  list = json_object_get_array_member (obj (cars), "data");
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
    JsonObject *a = attrs (b);
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
    g_assert_cmpstr (error_code (v2), ==, "501");
    g_assert_cmpuint (lock->status, ==, 200);
    g_assert_cmpstr (json_object_get_string_member (attrs (lock), "lockStatus"), ==, "locked");
    g_assert_cmpuint (trips->status, ==, 200);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (attrs (trips), "summaries")), ==, 1);
  }
  /* Ariya: bff v3 with canGen, car-adapter v2 flat, lock 403 */
  {
    g_autoptr(Resp) v3 = kget (f, NULL, "%sv3/cars/%s/battery-status?canGen=C1A", f->bff, VIN_ARIYA);
    g_autoptr(Resp) v2 = kget (f, NULL, "%sv2/cars/%s/battery-status", f->ca, VIN_ARIYA);
    g_autoptr(Resp) lock = kget (f, NULL, "%sv1/cars/%s/lock-status", f->ca, VIN_ARIYA);
    JsonObject *a = attrs (v3);

    g_assert_cmpuint (v3->status, ==, 200);
    g_assert_true (json_object_has_member (a, "batteryAutonomy"));
    g_assert_cmpint (json_object_get_int_member (a, "batteryTemperature"), ==, 0);
    g_assert_true (json_node_get_value_type (json_object_get_member (a, "chargingStatus")) == G_TYPE_DOUBLE);
    g_assert_cmpuint (v2->status, ==, 200);
    g_assert_false (json_object_has_member (obj (v2), "data"));
    g_assert_cmpstr (json_object_get_string_member (obj (v2), "id"), ==, VIN_ARIYA);
    g_assert_true (json_object_has_member (obj (v2), "timestamp"));
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
    g_assert_cmpfloat (json_object_get_double_member (attrs (c2), "totalMileage"), ==, 2345.0);
    g_assert_cmpuint (lock->status, ==, 404);
    g_assert_cmpuint (v3->status, ==, 200);
    g_assert_cmpuint (hvac->status, ==, 200);
    g_assert_false (json_object_has_member (attrs (hvac), "externalTemperature"));
  }
  /* Qashqai: fuel in the cockpit, the range in v1 battery, lock-status */
  {
    g_autoptr(Resp) c = kget (f, NULL, "%sv1/cars/%s/cockpit", f->ca, VIN_QASHQAI);
    g_autoptr(Resp) b = kget (f, NULL, "%sv1/cars/%s/battery-status", f->ca, VIN_QASHQAI);
    g_autoptr(Resp) lock = kget (f, NULL, "%sv1/cars/%s/lock-status", f->ca, VIN_QASHQAI);
    g_autoptr(Resp) flat = kget (f, "application/json", "%sv1/cars/%s/location", f->ca, VIN_QASHQAI);
    g_autoptr(Resp) envelope = kget (f, "*/*", "%sv1/cars/%s/location", f->ca, VIN_QASHQAI);

    g_assert_cmpfloat (json_object_get_double_member (attrs (c), "fuelQuantity"), ==, 38.0);
    g_assert_true (json_object_has_member (attrs (c), "fuelAutonomy"));
    g_assert_true (json_object_has_member (attrs (b), "rangeHvacOn"));
    g_assert_false (json_object_has_member (attrs (b), "batteryLevel"));
    g_assert_cmpstr (json_object_get_string_member (attrs (lock), "lockStatus"), ==, "unlocked");
    g_assert_false (carport_simulator_get_locked (f->sim, VIN_QASHQAI));
    /* flat for Accept: application/json, the envelope for */
    g_assert_false (json_object_has_member (obj (flat), "data"));
    g_assert_cmpfloat (json_object_get_double_member (obj (flat), "gpsLatitude"), ==, 55.9533);
    g_assert_cmpfloat (json_object_get_double_member (attrs (envelope), "gpsLatitude"), ==, 55.9533);
    g_assert_nonnull (json_object_get_string_member (attrs (envelope), "lastUpdateTime"));
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
          g_assert_cmpstr (error_code (r), ==, "404");
          continue;
        }
      g_assert_cmpuint (r->status, ==, 200);
      status = json_object_get_string_member (attrs (r), "status");
      if (g_str_equal (status, "PENDING"))
        {
          *saw_pending = TRUE;
          g_usleep (20000);
          continue;
        }
      if (g_str_equal (status, "REJECTED"))
        g_assert_nonnull (json_object_get_string_member (attrs (r), "errorCode"));
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
  g_assert_false (json_object_has_member (obj (r), "errors"));
  data = json_object_get_object_member (obj (r), "data");
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

  nissan_login (f);

  /* refresh-battery-status (no attributes) moves lastUpdateTime */
  carport_simulator_set_plugged (f->sim, VIN_ARIYA, FALSE);
  before = kget (f, NULL, "%sv3/cars/%s/battery-status?canGen=C1A", f->bff, VIN_ARIYA);
  s = run_action (f, VIN_ARIYA, "refresh-battery-status", "RefreshBatteryStatus", NULL);
  g_assert_cmpstr (s, ==, "COMPLETED");
  after = kget (f, NULL, "%sv3/cars/%s/battery-status?canGen=C1A", f->bff, VIN_ARIYA);
  g_assert_cmpstr (json_object_get_string_member (attrs (before), "lastUpdateTime"), <,
                   json_object_get_string_member (attrs (after), "lastUpdateTime"));
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

    g_assert_cmpstr (json_object_get_string_member (attrs (hvac), "hvacStatus"), ==, "on");
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
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (attrs (notes), "messages")), ==, 4);
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

  nissan_login (f);
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
  g_assert_cmpstr (error_code (quota), ==, "429");

  /* a scenario for both brands: privacy mode on a Nissan car */
  g_assert_true (carport_simulator_load_scenario_data (f->sim,
    "{\"nissan\": {\"cars\": [{\"model\": \"LEAF_ZE1\", \"vin\": \"" VIN_LEAF "\", \"quirks\": [\"privacy-on\"]}],"
    "             \"bad_password\": \"form\", \"rotate_refresh_token\": false}}", &error));
  g_assert_no_error (error);
  privacy = kget (f, NULL, "%sv1/cars/%s/location", f->ca, VIN_LEAF);
  g_assert_cmpuint (privacy->status, ==, 403);
  g_assert_cmpstr (error_code (privacy), ==, "403009");
  g_assert_false (carport_simulator_load_scenario_data (f->sim, "{\"nissan\": {\"cars\": [{\"model\": \"X101VE\", "
                                                        "\"vin\": \"VF1X101VE00000009\"}]}}", &error));
  g_assert_error (error, CARPORT_SIMULATOR_ERROR, CARPORT_SIMULATOR_ERROR_UNKNOWN_MODEL);
}

#define DEVICE_ID "00112233aabbccdd"

/* A device step under bff-web v1/users/{userId}/vehicles/{vin}/ (@rest):
 * POSTed with @type and @otp when @type is set, else a GET. */
static Resp *
device_request (NFixture   *f,
                const char *vin,
                const char *rest,
                const char *type,
                const char *otp)
{
  g_autofree char *url = g_strdup_printf ("%sv1/users/%s/vehicles/%s/%s", f->bff,
                                          carport_simulator_get_nissan_user_id (f->sim), vin, rest);
  g_autofree char *bearer = g_strconcat ("Bearer ", f->access, NULL);
  g_autofree char *body = NULL;

  if (type == NULL)
    return req (f, "GET", url, NULL, NULL, "Authorization", bearer, NULL);
  body = otp != NULL
         ? g_strdup_printf ("{\"data\":{\"type\":\"%s\",\"attributes\":{\"deviceId\":\"" DEVICE_ID "\","
                            "\"otp\":\"%s\",\"modelName\":\"Test\"}}}", type, otp)
         : g_strdup_printf ("{\"data\":{\"type\":\"%s\",\"attributes\":{\"deviceId\":\"" DEVICE_ID "\"}}}", type);
  return req (f, "POST", url, "application/json", body, "Authorization", bearer, NULL);
}

static guint
registration_status (NFixture *f)
{
  g_autoptr(Resp) r = device_request (f, VIN_LEAF, "devices/" DEVICE_ID "/registration-status", NULL, NULL);

  return r->status;
}

/* DELETE {BFF}v1/vehicles/{vin}/devices/{deviceId}, with @token (NULL: none). */
static Resp *
delete_device (NFixture   *f,
               const char *vin,
               const char *token)
{
  g_autofree char *url = g_strdup_printf ("%sv1/vehicles/%s/devices/" DEVICE_ID, f->bff, vin);
  g_autofree char *bearer = token != NULL ? g_strconcat ("Bearer ", token, NULL) : NULL;

  return req (f, "DELETE", url, NULL, NULL, bearer != NULL ? "Authorization" : NULL, bearer, NULL);
}

/* api-nissan.md §3.4: a device registered with the e-mailed code, then
 * forgotten with the DELETE: registration-status says 404 again, the code
 * is spent, a second DELETE is 404, and one without a token 401; a DELETE
 * voids a code sent and not used yet. The endpoint names leave the device
 * id out. */
static void
test_devices (NFixture      *f,
              gconstpointer  data)
{
  g_autoptr(Resp) sent = NULL;
  g_autoptr(Resp) registered = NULL;
  g_autoptr(Resp) deleted = NULL;
  g_autoptr(Resp) again = NULL;
  g_autoptr(Resp) anonymous = NULL;
  g_autoptr(Resp) stranger = NULL;
  g_autoptr(Resp) reused = NULL;
  g_autoptr(Resp) resent = NULL;
  g_autoptr(Resp) voided = NULL;
  g_autoptr(Resp) voided_register = NULL;
  g_autoptr(Resp) not_delete = NULL;
  g_autofree char *code = NULL;
  g_autofree char *get_url = NULL;
  g_autofree char *bearer = NULL;

  nissan_login (f);
  g_assert_cmpuint (registration_status (f), ==, 404);
  sent = device_request (f, VIN_LEAF, "generate-device-otp", "GenerateDeviceOtp", NULL);
  g_assert_cmpuint (sent->status, ==, 200);
  code = g_strdup (carport_simulator_get_last_device_otp (f->sim));
  registered = device_request (f, VIN_LEAF, "register-device", "RegisterDevice", code);
  g_assert_cmpuint (registered->status, ==, 200);
  g_assert_cmpuint (registration_status (f), ==, 200);

  anonymous = delete_device (f, VIN_LEAF, NULL);
  g_assert_cmpuint (anonymous->status, ==, 401);
  g_assert_cmpuint (registration_status (f), ==, 200);
  stranger = delete_device (f, "SJNFAAZE1U0000099", f->access);
  g_assert_cmpuint (stranger->status, ==, 403);

  deleted = delete_device (f, VIN_LEAF, f->access);
  g_assert_cmpuint (deleted->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (attrs (deleted), "deviceId"), ==, DEVICE_ID);
  g_assert_cmpstr (json_object_get_string_member (attrs (deleted), "status"), ==, "DELETED");
  g_assert_cmpuint (registration_status (f), ==, 404);
  again = delete_device (f, VIN_LEAF, f->access);
  g_assert_cmpuint (again->status, ==, 404);
  g_assert_cmpstr (error_code (again), ==, "404");
  /* The code was spent: registering again takes a new one */
  reused = device_request (f, VIN_LEAF, "register-device", "RegisterDevice", code);
  g_assert_cmpuint (reused->status, ==, 400);
  g_assert_cmpstr (error_code (reused), ==, "400021");

  /* A code sent, then the device forgotten: the code is void */
  resent = device_request (f, VIN_LEAF, "generate-device-otp", "GenerateDeviceOtp", NULL);
  g_assert_cmpuint (resent->status, ==, 200);
  g_free (code);
  code = g_strdup (carport_simulator_get_last_device_otp (f->sim));
  voided = delete_device (f, VIN_LEAF, f->access);
  g_assert_cmpuint (voided->status, ==, 404);
  voided_register = device_request (f, VIN_LEAF, "register-device", "RegisterDevice", code);
  g_assert_cmpuint (voided_register->status, ==, 400);
  g_assert_cmpstr (error_code (voided_register), ==, "400021");
  g_assert_cmpuint (registration_status (f), ==, 404);

  /* Only DELETE there */
  get_url = g_strdup_printf ("%sv1/vehicles/%s/devices/" DEVICE_ID, f->bff, VIN_LEAF);
  bearer = g_strconcat ("Bearer ", f->access, NULL);
  not_delete = req (f, "GET", get_url, NULL, NULL, "Authorization", bearer, NULL);
  g_assert_cmpuint (not_delete->status, ==, 404);

  /* Counted without the device id */
  g_assert_cmpuint (carport_simulator_get_endpoint_request_count (f->sim, "devices"), ==, 6);
  g_assert_cmpuint (carport_simulator_get_endpoint_request_count (f->sim, "devices/registration-status"), ==, 5);
}

/* A fault on the DELETE by its endpoint name, "devices". */
static void
test_device_faults (NFixture      *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(Resp) page = NULL;
  g_autoptr(Resp) refused = NULL;

  nissan_login (f);
  g_assert_true (carport_simulator_add_fault_from_string (f->sim, "devices=html-502:x1", &error));
  g_assert_true (carport_simulator_add_fault_from_string (f->sim, "devices=error:401:401000:x1", &error));
  g_assert_no_error (error);
  page = delete_device (f, VIN_LEAF, f->access);
  g_assert_cmpuint (page->status, ==, 502);
  g_assert_cmpstr (soup_message_headers_get_content_type (page->headers, NULL), ==, "text/html");
  refused = delete_device (f, VIN_LEAF, f->access);
  g_assert_cmpuint (refused->status, ==, 401);
  g_assert_cmpstr (error_code (refused), ==, "401000");
  /* registration-status is not hit */
  g_assert_cmpuint (registration_status (f), ==, 404);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, NFixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("/sim/nissan/info-and-certificate", test_info_and_certificate);
  ADD ("/sim/nissan/login", test_login);
  ADD ("/sim/nissan/login-variants", test_login_variants);
  ADD ("/sim/nissan/tokens", test_tokens);
  ADD ("/sim/nissan/cars-and-reads", test_cars_and_reads);
  ADD ("/sim/nissan/actions", test_actions);
  ADD ("/sim/nissan/faults", test_faults);
  ADD ("/sim/nissan/devices", test_devices);
  ADD ("/sim/nissan/device-faults", test_device_faults);
#undef ADD

  return g_test_run ();
}
