/* nissan-test-server.c — an in-process OneID (WSO2) + Kamereon stand-in. */
#include "config.h"

#include <string.h>

#include "nissan-test-server.h"

#define SESSION_KEY "1b0e7a52-5c0b-4e5e-9d6e-0f2c3a4b5c6d"

static void
request_free (NtsRequest *request)
{
  g_free (request->method);
  g_free (request->path);
  g_free (request->query);
  g_free (request->body);
  g_free (request->authorization);
  g_free (request->content_type);
  g_free (request->accept);
  g_free (request->cookie);
  g_free (request->origin);
  g_free (request->referer);
  g_free (request);
}

static void
reply (SoupServerMessage *msg,
       guint              status,
       const char        *content_type,
       const char        *body)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, content_type, SOUP_MEMORY_COPY, body, strlen (body));
}

static void
redirect (SoupServerMessage *msg,
          const char        *location)
{
  soup_server_message_set_status (msg, 302, NULL);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Location", location);
}

static const char *
header (SoupServerMessage *msg,
        const char        *name)
{
  return soup_message_headers_get_one (soup_server_message_get_request_headers (msg), name);
}

static char *
read_fixture (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", name, NULL);
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  return contents;
}

static char *
login_page (gboolean failed)
{
  return g_strdup_printf ("<html><body>%s"
                          "<form id='lang' action='lang'><input name='ui_locales' value='en'></form>"
                          "<form action=\"../commonauth\" method=\"post\" id=\"loginForm\">"
                          "<input type=\"hidden\" name=\"sessionDataKey\" value=\"" SESSION_KEY "\"/>"
                          "<input type=\"hidden\" name=\"regionCode\" value=\"EU\">"
                          "<input type=\"email\" name=\"usernameUserInput\">"
                          "<input type=\"password\" name=\"password\">"
                          "<button type=\"submit\">Sign in</button></form></body></html>",
                          failed ? "<p class='error'>Login failed</p>" : "");
}

static char *
challenge_of (const char *verifier)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 digest[32];
  gsize len = sizeof digest;
  char *text;

  g_checksum_update (checksum, (const guchar *) verifier, -1);
  g_checksum_get_digest (checksum, digest, &len);
  text = g_base64_encode (digest, len);
  for (char *p = text; *p; p++)
    {
      if (*p == '+')
        *p = '-';
      else if (*p == '/')
        *p = '_';
      else if (*p == '=')
        {
          *p = '\0';
          break;
        }
    }
  return text;
}

static char *
token_answer (NissanTestServer *ts,
              gboolean          with_refresh)
{
  g_autofree char *access = g_strdup_printf ("acc-%u", ++ts->serial);

  g_hash_table_add (ts->valid_access, g_strdup (access));
  if (with_refresh)
    {
      g_free (ts->refresh_token);
      ts->refresh_token = g_strdup_printf ("ref-%u", ts->serial);
      return g_strdup_printf ("{\"access_token\":\"%s\",\"refresh_token\":\"%s\",\"token_type\":\"Bearer\","
                              "\"expires_in\":%d}", access, ts->refresh_token, ts->lifetime);
    }
  return g_strdup_printf ("{\"access_token\":\"%s\",\"token_type\":\"bearer\",\"expires_in\":%d}",
                          access, ts->lifetime);
}

static void
handle_oneid (NissanTestServer  *ts,
              SoupServerMessage *msg,
              const char        *path,
              GHashTable        *query,
              const char        *body)
{
  if (g_str_equal (path, "/oneid/oauth2/authorize") && query != NULL && g_hash_table_contains (query, "sessionDataKey"))
    {
      g_autofree char *location = g_strdup_printf ("com://wso2.service.nci?code=%s&state=%s&session_state=x",
                                                   ts->code, ts->bad_state ? "other" : ts->state);
      redirect (msg, location);
    }
  else if (g_str_equal (path, "/oneid/oauth2/authorize"))
    {
      g_assert_nonnull (query);
      g_assert_cmpstr (g_hash_table_lookup (query, "client_id"), ==, "ZM3WK7ax1OtQKYQ8Qqzcv5VgiA8a");
      g_assert_cmpstr (g_hash_table_lookup (query, "redirect_uri"), ==, "com://wso2.service.nci");
      g_assert_cmpstr (g_hash_table_lookup (query, "scope"), ==, "openid name profile email offline_access");
      g_assert_cmpstr (g_hash_table_lookup (query, "code_challenge_method"), ==, "S256");
      g_assert_cmpstr (g_hash_table_lookup (query, "response_type"), ==, "code");
      g_assert_cmpstr (g_hash_table_lookup (query, "brand"), ==, "Nissan");
      g_free (ts->state);
      ts->state = g_strdup (g_hash_table_lookup (query, "state"));
      g_free (ts->challenge);
      ts->challenge = g_strdup (g_hash_table_lookup (query, "code_challenge"));
      soup_message_headers_append (soup_server_message_get_response_headers (msg), "Set-Cookie",
                                   "JSESSIONID=js-1; Path=/; HttpOnly");
      soup_message_headers_append (soup_server_message_get_response_headers (msg), "Set-Cookie",
                                   "lb=affinity-7; Path=/");
      redirect (msg, ts->offsite ? "https://evil.example/oneid/login.do"
                                 : "../authenticationendpoint/login.do?client_id=x&sessionDataKey=" SESSION_KEY);
    }
  else if (g_str_equal (path, "/oneid/authenticationendpoint/login.do"))
    {
      const char *cookie = header (msg, "Cookie");
      g_autofree char *page = NULL;

      if (cookie == NULL || strstr (cookie, "JSESSIONID=js-1") == NULL || strstr (cookie, "lb=affinity-7") == NULL)
        {
          reply (msg, 400, "text/html", "<html>no session</html>");
          return;
        }
      page = ts->interstitial ? g_strdup ("<html><body><h1>Accept the new terms</h1>"
                                          "<form action='consent'><input name='consent'></form></body></html>")
                              : login_page (query != NULL && g_hash_table_contains (query, "authFailure"));
      reply (msg, 200, "text/html; charset=UTF-8", page);
    }
  else if (g_str_equal (path, "/oneid/commonauth"))
    {
      g_autoptr(GHashTable) form = g_uri_parse_params (body ? body : "", -1, "&", G_URI_PARAMS_WWW_FORM, NULL);
      g_autofree char *region_user = g_strdup_printf ("EU/%s", NTS_EMAIL);

      g_assert_nonnull (header (msg, "Cookie"));
      g_assert_cmpstr (header (msg, "Origin"), ==, ts->base);
      g_assert_true (g_str_has_prefix (header (msg, "Referer"), ts->base));
      g_assert_cmpstr (g_hash_table_lookup (form, "sessionDataKey"), ==, SESSION_KEY);
      g_assert_cmpstr (g_hash_table_lookup (form, "userName"), ==, NTS_EMAIL);
      g_assert_cmpstr (g_hash_table_lookup (form, "username"), ==, region_user);

      if (g_strcmp0 (g_hash_table_lookup (form, "password"), NTS_PASSWORD) != 0)
        {
          if (ts->wrong_password_mode == NTS_WRONG_PASSWORD_REDIRECT)
            redirect (msg, "/oneid/authenticationendpoint/login.do?authFailure=true&sessionDataKey=" SESSION_KEY);
          else
            {
              g_autofree char *page = login_page (TRUE);

              reply (msg, 200, "text/html", page);
            }
          return;
        }

      g_free (ts->code);
      ts->code = g_strdup_printf ("code-%u", ++ts->serial);
      redirect (msg, "/oneid/oauth2/authorize?sessionDataKey=" SESSION_KEY);
    }
  else if (g_str_equal (path, "/oneid/oauth2/token"))
    {
      g_autoptr(GHashTable) form = g_uri_parse_params (body ? body : "", -1, "&", G_URI_PARAMS_WWW_FORM, NULL);
      const char *verifier = g_hash_table_lookup (form, "code_verifier");
      g_autofree char *challenge = verifier ? challenge_of (verifier) : NULL;
      g_autofree char *answer = NULL;

      g_assert_cmpstr (g_hash_table_lookup (form, "grant_type"), ==, "authorization_code");
      g_assert_cmpstr (g_hash_table_lookup (form, "code"), ==, ts->code);
      g_assert_cmpstr (challenge, ==, ts->challenge);
      g_assert_null (header (msg, "Authorization"));
      g_free (ts->verifier_seen);
      ts->verifier_seen = g_strdup (verifier);

      if (ts->token_error)
        {
          reply (msg, 400, "application/json",
                 "{\"error\":\"invalid_grant\",\"error_description\":\"The authorization code has expired\"}");
          return;
        }
      g_free (ts->id_token);
      ts->id_token = g_strdup_printf ("eyJpZC10b2tlbi0%u", ++ts->serial);
      answer = g_strdup_printf ("{\"access_token\":\"oneid-access\",\"refresh_token\":\"oneid-refresh\","
                                "\"id_token\":\"%s\",\"token_type\":\"Bearer\",\"expires_in\":3600}", ts->id_token);
      reply (msg, 200, "application/json", answer);
    }
  else
    {
      reply (msg, 404, "text/html", "<html>not here</html>");
    }
}

static void
handle_tokens (NissanTestServer  *ts,
               SoupServerMessage *msg,
               const char        *path,
               const char        *body)
{
  const char *authorization = header (msg, "Authorization");
  g_autofree char *answer = NULL;

  g_assert_cmpstr (header (msg, "Content-Type"), ==, "application/vnd.api+json");

  if (g_str_equal (path, "/bff/v1/oauth2/access_token"))
    {
      ts->n_exchange++;
      if (g_strcmp0 (authorization, ts->id_token) != 0)
        {
          reply (msg, 401, "application/json", "{\"error\":\"invalid_token\",\"error_description\":\"id token\"}");
          return;
        }
      answer = token_answer (ts, TRUE);
      reply (msg, 200, "application/json", answer);
      return;
    }

  ts->n_refresh++;
  g_assert_nonnull (strstr (body ? body : "", "openid profile vehicles"));
  if (ts->refuse_refresh || g_strcmp0 (authorization, ts->refresh_token) != 0)
    {
      reply (msg, 401, "application/json", "{\"error\":\"invalid_grant\",\"error_description\":\"revoked\"}");
      return;
    }
  answer = token_answer (ts, ts->rotate_refresh);
  reply (msg, 200, "application/json", answer);
}

static void
handle (SoupServer        *server,
        SoupServerMessage *msg,
        const char        *path,
        GHashTable        *query,
        gpointer           user_data)
{
  NissanTestServer *ts = user_data;
  GUri *uri = soup_server_message_get_uri (msg);
  const char *method = soup_server_message_get_method (msg);
  SoupMessageBody *request_body = soup_server_message_get_request_body (msg);
  NtsRequest *request = g_new0 (NtsRequest, 1);
  const char *authorization;
  g_autofree char *key = NULL;
  const char *route;

  request->method = g_strdup (method);
  request->path = g_strdup (path);
  request->query = g_strdup (g_uri_get_query (uri));
  if (request_body->length > 0)
    request->body = g_strndup (request_body->data, request_body->length);
  request->authorization = g_strdup (header (msg, "Authorization"));
  request->content_type = g_strdup (header (msg, "Content-Type"));
  request->accept = g_strdup (header (msg, "Accept"));
  request->cookie = g_strdup (header (msg, "Cookie"));
  request->origin = g_strdup (header (msg, "Origin"));
  request->referer = g_strdup (header (msg, "Referer"));
  g_ptr_array_add (ts->requests, request);

  if (g_str_has_prefix (path, "/oneid/"))
    {
      handle_oneid (ts, msg, path, query, request->body);
      return;
    }

  if (g_str_equal (path, "/bff/v1/oauth2/access_token") || g_str_equal (path, "/bff/v1/oauth2/refresh-token"))
    {
      handle_tokens (ts, msg, path, request->body);
      return;
    }

  authorization = header (msg, "Authorization");
  if (authorization == NULL || !g_str_has_prefix (authorization, "Bearer ") ||
      !g_hash_table_contains (ts->valid_access, authorization + 7))
    {
      reply (msg, 401, "application/json",
             "{\"errors\":{\"status\":\"Unauthorized\",\"code\":\"401000\",\"detail\":\"Invalid or missing token\"}}");
      return;
    }

  if (g_str_equal (path, "/ua/v1/users/current"))
    {
      reply (msg, 200, "application/json", "{\"userId\":\"" NTS_USER_ID "\"}");
      return;
    }

  if (g_str_equal (method, "POST") && g_str_has_prefix (path, "/ca/v1/cars/") && strstr (path, "/actions/") != NULL)
    {
      key = g_strdup_printf ("POST %s", path);
      if (!g_hash_table_contains (ts->routes, key))
        {
          g_autofree char *answer = g_strdup_printf ("{\"data\":{\"type\":\"Action\",\"id\":\"act-%u\"}}",
                                                     ++ts->n_actions);

          g_assert_cmpstr (header (msg, "Content-Type"), ==, "application/vnd.api+json");
          reply (msg, 200, "application/vnd.api+json", answer);
          return;
        }
    }

  g_clear_pointer (&key, g_free);
  key = g_strdup_printf ("%s %s", method, path);
  route = g_hash_table_lookup (ts->routes, key);
  if (route == NULL)
    {
      reply (msg, 404, "application/json", "{\"errors\":[{\"status\":\"Not Found\",\"code\":\"404\"}]}");
      return;
    }

  {
    const char *newline = strchr (route, '\n');
    guint status = (guint) g_ascii_strtoull (route, NULL, 10);
    const char *text = newline + 1;
    g_autofree char *contents = NULL;

    if (text[0] == '@')
      text = contents = read_fixture (text + 1);
    reply (msg, status, "application/vnd.api+json", text);
  }
}

NissanTestServer *
nissan_test_server_new (void)
{
  NissanTestServer *ts = g_new0 (NissanTestServer, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(GSList) uris = NULL;

  ts->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (ts->server, NULL, handle, ts, NULL);
  soup_server_listen_local (ts->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);

  uris = soup_server_get_uris (ts->server);
  ts->base = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (g_steal_pointer (&uris), (GDestroyNotify) g_uri_unref);

  ts->overrides = g_new0 (char *, 6);
  ts->overrides[0] = g_strdup_printf ("CARPORT_NISSAN_AUTH_URL=%s/oneid/", ts->base);
  ts->overrides[1] = g_strdup_printf ("CARPORT_NISSAN_BFF_URL=%s/bff/", ts->base);
  ts->overrides[2] = g_strdup_printf ("CARPORT_NISSAN_USER_ADAPTER_URL=%s/ua/", ts->base);
  ts->overrides[3] = g_strdup_printf ("CARPORT_NISSAN_CAR_ADAPTER_URL=%s/ca/", ts->base);
  ts->overrides[4] = g_strdup_printf ("CARPORT_NISSAN_ACTION_STATUS_URL=%s/as/", ts->base);

  ts->routes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  ts->requests = g_ptr_array_new_with_free_func ((GDestroyNotify) request_free);
  ts->valid_access = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  ts->lifetime = 3600;
  ts->wrong_password_mode = NTS_WRONG_PASSWORD_REDIRECT;

  nissan_test_server_route (ts, "GET", "/bff/v5/users/" NTS_USER_ID "/cars", 200, "@cars.v5.json");

  return ts;
}

void
nissan_test_server_free (NissanTestServer *ts)
{
  soup_server_disconnect (ts->server);
  g_object_unref (ts->server);
  g_free (ts->base);
  g_strfreev (ts->overrides);
  g_hash_table_unref (ts->routes);
  g_ptr_array_unref (ts->requests);
  g_hash_table_unref (ts->valid_access);
  g_free (ts->state);
  g_free (ts->challenge);
  g_free (ts->code);
  g_free (ts->verifier_seen);
  g_free (ts->id_token);
  g_free (ts->refresh_token);
  g_free (ts);
}

void
nissan_test_server_route (NissanTestServer *ts,
                          const char       *method,
                          const char       *path,
                          guint             status,
                          const char       *body)
{
  g_hash_table_replace (ts->routes, g_strdup_printf ("%s %s", method, path),
                        g_strdup_printf ("%u\n%s", status, body));
}

void
nissan_test_server_revoke (NissanTestServer *ts)
{
  g_hash_table_remove_all (ts->valid_access);
}

guint
nissan_test_server_hits (NissanTestServer *ts,
                         const char       *path)
{
  guint n = 0;

  for (guint i = 0; i < ts->requests->len; i++)
    if (g_str_equal (((NtsRequest *) g_ptr_array_index (ts->requests, i))->path, path))
      n++;

  return n;
}

NtsRequest *
nissan_test_server_last (NissanTestServer *ts,
                         const char       *path)
{
  for (guint i = ts->requests->len; i > 0; i--)
    {
      NtsRequest *request = g_ptr_array_index (ts->requests, i - 1);

      if (g_str_equal (request->path, path))
        return request;
    }

  return NULL;
}
