/* sim-nissan-test-util.c — the simulator's Nissan side over real https on
 * loopback (sim-nissan-test-util.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include <string.h>

#include "sim-nissan-test-util.h"

void
nsim_resp_free (Resp *r)
{
  g_clear_pointer (&r->headers, soup_message_headers_unref);
  g_free (r->body);
  g_clear_pointer (&r->json, json_node_unref);
  g_clear_object (&r->peer);
  g_free (r);
}

void
nsim_fixture_setup (NFixture      *f,
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

void
nsim_fixture_teardown (NFixture      *f,
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

Resp *
nsim_req (NFixture   *f,
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

JsonObject *
nsim_obj (Resp *r)
{
  g_assert_nonnull (r->json);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (r->json));
  return json_node_get_object (r->json);
}

JsonObject *
nsim_attrs (Resp *r)
{
  JsonObject *data = json_object_get_object_member (nsim_obj (r), "data");

  g_assert_false (json_object_has_member (nsim_obj (r), "errors"));
  return json_object_get_object_member (data, "attributes");
}

const char *
nsim_error_code (Resp *r)
{
  JsonArray *errors = json_object_get_array_member (nsim_obj (r), "errors");

  return json_object_get_string_member (json_array_get_object_element (errors, 0), "code");
}

/* ------------------------------------------------------------------------ */
/* Login                                                                    */
/* ------------------------------------------------------------------------ */

void
nsim_pkce_init (Pkce *p)
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

void
nsim_pkce_clear (Pkce *p)
{
  g_free (p->verifier);
  g_free (p->challenge);
  g_free (p->state);
}

char *
nsim_authorize_url (NFixture *f,
               Pkce     *p)
{
  return g_strdup_printf ("%soauth2/authorize?response_type=code&redirect_uri=com%%3A%%2F%%2Fwso2.service.nci"
                          "&client_id=%s&state=%s&scope=openid+name+profile+email+offline_access"
                          "&code_challenge=%s&code_challenge_method=S256&locale=en_GB&brand=Nissan"
                          "&client=mynissanapp", f->auth, CLIENT_ID, p->state, p->challenge);
}

/* The sessionDataKey of the login form (the second form; the first is the
 * language selector), or NULL when the page has no login form. */
char *
nsim_form_key (const char *html)
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

Resp *
nsim_post_login (NFixture   *f,
            const char *key,
            const char *password)
{
  g_autofree char *form = NULL;
  g_autofree char *email = g_uri_escape_string (carport_simulator_get_nissan_demo_email (f->sim), NULL, TRUE);
  g_autofree char *url = g_strconcat (f->auth, "commonauth", NULL);

  form = g_strdup_printf ("sessionDataKey=%s&regionCode=EU&usernameUserInput=&userName=%s&username=EU%%2F%s"
                          "&password=%s", key, email, email, password);
  return nsim_req (f, "POST", url, "application/x-www-form-urlencoded", form, NULL);
}

/* A new login starts with an empty cookie jar, as clients do. */
void
nsim_fresh_jar (NFixture *f)
{
  SoupCookieJar *jar = SOUP_COOKIE_JAR (soup_session_get_feature (f->session, SOUP_TYPE_COOKIE_JAR));
  GSList *all = soup_cookie_jar_all_cookies (jar);

  for (GSList *l = all; l != NULL; l = l->next)
    soup_cookie_jar_delete_cookie (jar, l->data);
  g_slist_free_full (all, (GDestroyNotify) soup_cookie_free);
}

/* authorize → login.do; returns the session key. */
char *
nsim_start_login (NFixture *f,
             Pkce     *p)
{
  g_autofree char *url = nsim_authorize_url (f, p);
  g_autoptr(Resp) authorize = NULL;
  g_autoptr(Resp) page = NULL;
  const char *location;

  nsim_fresh_jar (f);
  authorize = nsim_req (f, "GET", url, NULL, NULL, NULL);
  location = soup_message_headers_get_one (authorize->headers, "Location");

  g_assert_cmpuint (authorize->status, ==, 302);
  g_assert_cmpstr (soup_message_headers_get_one (authorize->headers, "Content-Length"), ==, "0");
  g_assert_true (g_str_has_prefix (location, f->auth));
  g_assert_nonnull (strstr (location, "authenticationendpoint/login.do?"));
  g_assert_nonnull (strstr (soup_message_headers_get_list (authorize->headers, "Set-Cookie"), "JSESSIONID="));
  g_assert_nonnull (strstr (soup_message_headers_get_list (authorize->headers, "Set-Cookie"), "Path=/"));
  page = nsim_req (f, "GET", location, NULL, NULL, NULL);
  g_assert_cmpuint (page->status, ==, 200);
  return nsim_form_key (page->body);
}

/* The whole login; returns the code (the state was checked). */
char *
nsim_login_code (NFixture *f,
            Pkce     *p)
{
  g_autofree char *key = nsim_start_login (f, p);
  g_autoptr(Resp) posted = nsim_post_login (f, key, carport_simulator_get_nissan_demo_password (f->sim));
  g_autoptr(Resp) hop = NULL;
  g_autoptr(GUri) callback = NULL;
  g_autoptr(GHashTable) query = NULL;
  const char *location;

  g_assert_cmpuint (posted->status, ==, 302);
  location = soup_message_headers_get_one (posted->headers, "Location");
  g_assert_true (g_str_has_prefix (location, f->auth));
  hop = nsim_req (f, "GET", location, NULL, NULL, NULL);
  g_assert_cmpuint (hop->status, ==, 302);
  location = soup_message_headers_get_one (hop->headers, "Location");
  g_assert_true (g_str_has_prefix (location, REDIRECT_URI "?"));
  callback = g_uri_parse (location, G_URI_FLAGS_NONE, NULL);
  query = g_uri_parse_params (g_uri_get_query (callback), -1, "&", G_URI_PARAMS_NONE, NULL);
  g_assert_cmpstr (g_hash_table_lookup (query, "state"), ==, p->state);
  g_assert_nonnull (g_hash_table_lookup (query, "session_state"));
  return g_strdup (g_hash_table_lookup (query, "code"));
}

Resp *
nsim_token (NFixture   *f,
       const char *code,
       const char *verifier)
{
  g_autofree char *url = g_strconcat (f->auth, "oauth2/token", NULL);
  g_autofree char *form = g_strdup_printf ("redirect_uri=com%%3A%%2F%%2Fwso2.service.nci&grant_type=authorization_code"
                                           "&client_id=%s&code=%s&code_verifier=%s"
                                           "&scope=openid+name+profile+email+offline_access",
                                           CLIENT_ID, code, verifier);

  return nsim_req (f, "POST", url, "application/x-www-form-urlencoded", form, NULL);
}

/* Logs in and keeps the Kamereon tokens in @f. */
void
nsim_login (NFixture *f)
{
  Pkce p;
  g_autofree char *code = NULL;
  g_autoptr(Resp) t = NULL;
  g_autoptr(Resp) k = NULL;
  g_autofree char *url = g_strconcat (f->bff, "v1/oauth2/access_token?platform=Android", NULL);

  nsim_pkce_init (&p);
  code = nsim_login_code (f, &p);
  t = nsim_token (f, code, p.verifier);
  g_assert_cmpuint (t->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (nsim_obj (t), "token_type"), ==, "Bearer");
  k = nsim_req (f, "POST", url, "application/vnd.api+json", "",
           "Authorization", json_object_get_string_member (nsim_obj (t), "id_token"), NULL);
  g_assert_cmpuint (k->status, ==, 200);
  g_assert_false (json_object_has_member (nsim_obj (k), "error"));
  g_assert_cmpstr (json_object_get_string_member (nsim_obj (k), "token_type"), ==, "Bearer");
  g_assert_cmpint (json_object_get_int_member (nsim_obj (k), "expires_in"), >=, 300);
  g_free (f->access);
  f->access = g_strdup (json_object_get_string_member (nsim_obj (k), "access_token"));
  g_free (f->refresh);
  f->refresh = g_strdup (json_object_get_string_member (nsim_obj (k), "refresh_token"));
  nsim_pkce_clear (&p);
}
