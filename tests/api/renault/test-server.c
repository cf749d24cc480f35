/* test-server.c — an in-process Gigya + Kamereon stand-in for the client tests. */
#include "config.h"

#include <string.h>
#include <json-glib/json-glib.h>

#include "test-server.h"
#include "carport-renault-models.h"

static void
route_free (TsRoute *route)
{
  g_clear_pointer (&route->body, g_bytes_unref);
  g_free (route->content_type);
  g_free (route);
}

static void
request_free (TsRequest *request)
{
  g_free (request->method);
  g_free (request->path);
  g_free (request->query);
  g_clear_pointer (&request->body, g_bytes_unref);
  g_free (request->content_type);
  g_free (request->token);
  g_free (request);
}

char *
test_make_jwt (gint64 exp,
               guint  serial)
{
  g_autofree char *payload = g_strdup_printf ("{\"exp\":%" G_GINT64_FORMAT ",\"sub\":\"%s\",\"n\":%u}",
                                              exp, TS_PERSON_ID, serial);
  g_autofree char *header = g_base64_encode ((const guchar *) "{\"alg\":\"RS256\",\"typ\":\"JWT\"}", 27);
  g_autofree char *body = g_base64_encode ((const guchar *) payload, strlen (payload));
  char *p;

  /* base64 → base64url without padding */
  for (p = body; *p; p++)
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
  for (p = header; *p; p++)
    if (*p == '=')
      {
        *p = '\0';
        break;
      }

  return g_strdup_printf ("%s.%s.c2lnbmF0dXJl", header, body);
}

/* ------------------------------------------------------------------------ */
/* Gigya */

static void
gigya_reply (SoupServerMessage *msg,
             JsonBuilder       *builder)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_set_member_name (builder, "callId");
  json_builder_add_string_value (builder, "4f2b2c3e");
  json_builder_set_member_name (builder, "apiVersion");
  json_builder_add_int_value (builder, 2);
  json_builder_set_member_name (builder, "time");
  json_builder_add_string_value (builder, "2026-09-01T10:00:00.000Z");
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);

  /* Gigya answers HTTP 200 even for errors; the body says what happened. */
  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "text/javascript", SOUP_MEMORY_COPY, text, strlen (text));
}

static JsonBuilder *
gigya_ok (void)
{
  JsonBuilder *builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "errorCode");
  json_builder_add_int_value (builder, 0);
  json_builder_set_member_name (builder, "statusCode");
  json_builder_add_int_value (builder, 200);
  json_builder_set_member_name (builder, "statusReason");
  json_builder_add_string_value (builder, "OK");
  return builder;
}

static JsonBuilder *
gigya_error (int         code,
             int         status,
             const char *message)
{
  JsonBuilder *builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "errorCode");
  json_builder_add_int_value (builder, code);
  json_builder_set_member_name (builder, "errorMessage");
  json_builder_add_string_value (builder, message);
  json_builder_set_member_name (builder, "errorDetails");
  json_builder_add_string_value (builder, message);
  json_builder_set_member_name (builder, "statusCode");
  json_builder_add_int_value (builder, status);
  json_builder_set_member_name (builder, "statusReason");
  json_builder_add_string_value (builder, status == 403 ? "Forbidden" : "Bad Request");
  return builder;
}

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

static gboolean
has_cookie (SoupServerMessage *msg,
            const char        *name)
{
  const char *cookies = soup_message_headers_get_one (soup_server_message_get_request_headers (msg), "Cookie");

  return cookies != NULL && strstr (cookies, name) != NULL;
}

static void
handle_gigya (TestServer        *ts,
              SoupServerMessage *msg,
              const char        *method,
              GHashTable        *form)
{
  g_autoptr(JsonBuilder) builder = NULL;
  const char *api_key = form ? g_hash_table_lookup (form, "ApiKey") : NULL;
  const char *content_type = soup_message_headers_get_content_type (soup_server_message_get_request_headers (msg), NULL);

  if (g_strcmp0 (soup_server_message_get_method (msg), "POST") != 0 ||
      g_strcmp0 (content_type, "application/x-www-form-urlencoded") != 0 ||
      g_strcmp0 (api_key, ts->gigya_key) != 0)
    {
      builder = gigya_error (400093, 400, "Invalid ApiKey parameter");
      gigya_reply (msg, builder);
      return;
    }

  if (g_strcmp0 (method, ts->gigya_bare) == 0)
    {
      builder = gigya_ok ();
      gigya_reply (msg, builder);
      return;
    }

#define FIELD(name) ((const char *) g_hash_table_lookup (form, (name)))

  if (g_str_equal (method, "accounts.login"))
    {
      ts->n_login++;
      if (g_strcmp0 (FIELD ("loginID"), TS_EMAIL) != 0 ||
          g_strcmp0 (FIELD ("password"), TS_PASSWORD) != 0)
        {
          builder = gigya_error (403042, 403, "invalid loginID or password");
        }
      else if (ts->tfa && !ts->tfa_finalized)
        {
          builder = gigya_error (403101, 403, "Pending Two-Factor Authentication");
          add_string (builder, "regToken", "REG-TOKEN-1");
          add_string (builder, "UID", "uid-1");
        }
      else
        {
          g_free (ts->login_token);
          ts->login_token = g_strdup_printf ("LOGIN-TOKEN-%u", ++ts->serial);
          builder = gigya_ok ();
          json_builder_set_member_name (builder, "sessionInfo");
          json_builder_begin_object (builder);
          add_string (builder, "cookieName", "gac_key");
          add_string (builder, "cookieValue", ts->login_token);
          json_builder_end_object (builder);
        }
    }
  else if (g_str_equal (method, "accounts.getAccountInfo"))
    {
      ts->n_account_info++;
      if (ts->login_token == NULL || g_strcmp0 (FIELD ("login_token"), ts->login_token) != 0)
        builder = gigya_error (403005, 403, "Unauthorized user");
      else
        {
          builder = gigya_ok ();
          json_builder_set_member_name (builder, "data");
          json_builder_begin_object (builder);
          add_string (builder, "personId", TS_PERSON_ID);
          add_string (builder, "gigyaDataCenter", "eu1.gigya.com");
          json_builder_end_object (builder);
        }
    }
  else if (g_str_equal (method, "accounts.getJWT"))
    {
      ts->n_jwt++;
      if (ts->jwt_error != 0)
        builder = gigya_error (ts->jwt_error, 403, "Unauthorized user");
      else if (ts->login_token == NULL || g_strcmp0 (FIELD ("login_token"), ts->login_token) != 0 ||
               g_strcmp0 (FIELD ("expiration"), "900") != 0 ||
               g_strcmp0 (FIELD ("fields"), "data.personId,data.gigyaDataCenter") != 0)
        builder = gigya_error (403005, 403, "Unauthorized user");
      else
        {
          g_autofree char *jwt = test_make_jwt (g_get_real_time () / G_USEC_PER_SEC + ts->jwt_lifetime,
                                                ++ts->serial);

          g_hash_table_add (ts->valid_jwts, g_strdup (jwt));
          builder = gigya_ok ();
          add_string (builder, "id_token", jwt);
        }
    }
  else if (g_str_equal (method, "accounts.webSdkBootstrap"))
    {
      builder = gigya_ok ();
      soup_message_headers_append (soup_server_message_get_response_headers (msg),
                                   "Set-Cookie", "gmid=gmid-value; Path=/");
      soup_message_headers_append (soup_server_message_get_response_headers (msg),
                                   "Set-Cookie", "ucid=ucid-value; Path=/");
    }
  else if (g_str_equal (method, "accounts.tfa.initTFA"))
    {
      if (!has_cookie (msg, "gmid=gmid-value") ||
          g_strcmp0 (FIELD ("provider"), "gigyaEmail") != 0 ||
          g_strcmp0 (FIELD ("mode"), "verify") != 0 ||
          g_strcmp0 (FIELD ("regToken"), "REG-TOKEN-1") != 0)
        builder = gigya_error (400006, 400, "Invalid parameter value");
      else
        {
          builder = gigya_ok ();
          add_string (builder, "gigyaAssertion", "ASSERT-1");
        }
    }
  else if (g_str_equal (method, "accounts.tfa.email.getEmails"))
    {
      if (g_strcmp0 (FIELD ("gigyaAssertion"), "ASSERT-1") != 0)
        builder = gigya_error (400006, 400, "Invalid parameter value");
      else
        {
          builder = gigya_ok ();
          json_builder_set_member_name (builder, "emails");
          json_builder_begin_array (builder);
          json_builder_begin_object (builder);
          add_string (builder, "id", "EMAIL-ID-1");
          add_string (builder, "obfuscated", "d*****@example.com");
          json_builder_end_object (builder);
          json_builder_end_array (builder);
        }
    }
  else if (g_str_equal (method, "accounts.tfa.email.sendVerificationCode"))
    {
      if (g_strcmp0 (FIELD ("gigyaAssertion"), "ASSERT-1") != 0 ||
          g_strcmp0 (FIELD ("emailID"), "EMAIL-ID-1") != 0)
        builder = gigya_error (400006, 400, "Invalid parameter value");
      else
        {
          ts->tfa_code_sent = TRUE;
          builder = gigya_ok ();
          add_string (builder, "phvToken", "PHV-TOKEN-1");
        }
    }
  else if (g_str_equal (method, "accounts.tfa.email.completeVerification"))
    {
      if (g_strcmp0 (FIELD ("gigyaAssertion"), "ASSERT-1") != 0 ||
          g_strcmp0 (FIELD ("phvToken"), "PHV-TOKEN-1") != 0 ||
          g_strcmp0 (FIELD ("code"), TS_TFA_CODE) != 0)
        builder = gigya_error (400006, 400, "Invalid parameter value");
      else
        {
          builder = gigya_ok ();
          add_string (builder, "providerAssertion", "PROVIDER-ASSERT-1");
        }
    }
  else if (g_str_equal (method, "accounts.tfa.finalizeTFA"))
    {
      if (g_strcmp0 (FIELD ("gigyaAssertion"), "ASSERT-1") != 0 ||
          g_strcmp0 (FIELD ("providerAssertion"), "PROVIDER-ASSERT-1") != 0 ||
          g_strcmp0 (FIELD ("regToken"), "REG-TOKEN-1") != 0 ||
          g_strcmp0 (FIELD ("tempDevice"), "false") != 0)
        builder = gigya_error (400006, 400, "Invalid parameter value");
      else
        {
          ts->tfa_finalized = TRUE;
          builder = gigya_ok ();
        }
    }
  else
    builder = gigya_error (400006, 400, "Unknown method");

#undef FIELD

  gigya_reply (msg, builder);
}

/* ------------------------------------------------------------------------ */
/* Kamereon */

typedef struct {
  TestServer        *ts;
  SoupServerMessage *msg;
  TsRoute           *route;  /* borrowed from the table (kept alive by a ref on body) */
  GBytes            *body;
  char              *content_type;
  guint              status;
  gboolean           chunked;
} Delayed;

static void
answer (SoupServerMessage *msg,
        guint              status,
        GBytes            *body,
        const char        *content_type,
        gboolean           chunked)
{
  soup_server_message_set_status (msg, status, NULL);

  if (body == NULL)
    return;

  if (chunked)
    {
      SoupMessageBody *response_body = soup_server_message_get_response_body (msg);
      gsize size = g_bytes_get_size (body);
      const guint8 *data = g_bytes_get_data (body, NULL);
      gsize chunk = 256 * 1024;

      soup_message_headers_set_encoding (soup_server_message_get_response_headers (msg),
                                         SOUP_ENCODING_CHUNKED);
      soup_message_headers_set_content_type (soup_server_message_get_response_headers (msg),
                                             content_type ? content_type : "application/json", NULL);
      for (gsize offset = 0; offset < size; offset += chunk)
        soup_message_body_append (response_body, SOUP_MEMORY_COPY, data + offset, MIN (chunk, size - offset));
      soup_message_body_complete (response_body);
      return;
    }

  soup_server_message_set_response (msg, content_type ? content_type : "application/json",
                                    SOUP_MEMORY_COPY,
                                    g_bytes_get_data (body, NULL), g_bytes_get_size (body));
}

static gboolean
delayed_cb (gpointer user_data)
{
  Delayed *delayed = user_data;

  answer (delayed->msg, delayed->status, delayed->body, delayed->content_type, delayed->chunked);
  soup_server_message_unpause (delayed->msg);
  delayed->ts->in_flight--;

  g_object_unref (delayed->msg);
  g_clear_pointer (&delayed->body, g_bytes_unref);
  g_free (delayed->content_type);
  g_free (delayed);

  return G_SOURCE_REMOVE;
}

static const char *unauthorized_body =
  "{\"type\":\"FUNCTIONAL\",\"messages\":[{\"code\":\"err.func.wired.unauthorized\","
  "\"message\":\"The access is unauthorized\"}],\"errors\":[{\"errorCode\":\"err.func.wired.unauthorized\","
  "\"errorMessage\":\"The access is unauthorized\"}],\"error_reference\":\"FUNCTIONAL\"}";

static const char *not_found_body =
  "{\"type\":\"FUNCTIONAL\",\"errors\":[{\"errorCode\":\"err.func.wired.not-found\","
  "\"errorMessage\":\"The specified url does not exist\"}],\"error_reference\":\"FUNCTIONAL\"}";

static void
handle_kamereon (TestServer        *ts,
                 SoupServerMessage *msg,
                 const char        *path,
                 TsRequest         *request)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  g_autofree char *key = g_strdup_printf ("%s %s", soup_server_message_get_method (msg), path);
  GHashTable *query = NULL;
  TsRoute *route;
  Delayed *delayed;

  if (request->query != NULL)
    query = soup_form_decode (request->query);

  if (g_strcmp0 (soup_message_headers_get_one (headers, "apikey"), ts->kamereon_key) != 0 ||
      query == NULL || g_strcmp0 (g_hash_table_lookup (query, "country"), "FR") != 0 ||
      g_strcmp0 (soup_message_headers_get_one (headers, "Content-Type"), "application/vnd.api+json") != 0)
    {
      const char *bad = "{\"error\":\"access_denied\",\"error_description\":\"Unauthorized\"}";

      g_clear_pointer (&query, g_hash_table_unref);
      soup_server_message_set_status (msg, 403, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, bad, strlen (bad));
      return;
    }
  g_clear_pointer (&query, g_hash_table_unref);

  if (ts->reject_always || request->token == NULL ||
      !g_hash_table_contains (ts->valid_jwts, request->token))
    {
      if (ts->reject_with_code)
        {
          soup_server_message_set_status (msg, 403, NULL);
          soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC,
                                            unauthorized_body, strlen (unauthorized_body));
        }
      else
        soup_server_message_set_status (msg, 401, NULL);
      return;
    }

  route = g_hash_table_lookup (ts->routes, key);
  if (route == NULL)
    {
      soup_server_message_set_status (msg, 404, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC,
                                        not_found_body, strlen (not_found_body));
      return;
    }

  if (route->delay_ms == 0)
    {
      answer (msg, route->status, route->body, route->content_type, route->chunked);
      return;
    }

  soup_server_message_pause (msg);
  ts->in_flight++;
  ts->max_in_flight = MAX (ts->max_in_flight, ts->in_flight);

  if (route->delay_ms < 0)
    {
      g_ptr_array_add (ts->held, g_object_ref (msg));
      return;
    }

  delayed = g_new0 (Delayed, 1);
  delayed->ts = ts;
  delayed->msg = g_object_ref (msg);
  delayed->status = route->status;
  delayed->body = route->body ? g_bytes_ref (route->body) : NULL;
  delayed->content_type = g_strdup (route->content_type);
  delayed->chunked = route->chunked;
  g_timeout_add (route->delay_ms, delayed_cb, delayed);
}

static void
server_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  TestServer *ts = user_data;
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  TsRequest *request = g_new0 (TsRequest, 1);
  GUri *uri = soup_server_message_get_uri (msg);
  guint hits;

  request->method = g_strdup (soup_server_message_get_method (msg));
  request->path = g_strdup (path);
  request->query = g_strdup (g_uri_get_query (uri));
  if (body->length > 0)
    request->body = g_bytes_new (body->data, body->length);
  request->content_type = g_strdup (soup_message_headers_get_content_type (headers, NULL));
  request->token = g_strdup (soup_message_headers_get_one (headers, "x-gigya-id_token"));
  g_ptr_array_add (ts->requests, request);

  hits = GPOINTER_TO_UINT (g_hash_table_lookup (ts->hits, path));
  g_hash_table_insert (ts->hits, g_strdup (path), GUINT_TO_POINTER (hits + 1));

  g_assert_true (g_str_has_prefix (soup_message_headers_get_one (headers, "User-Agent"), "Carport/"));

  if (g_str_has_prefix (path, "/gigya/"))
    {
      GHashTable *form = NULL;

      if (body->length > 0)
        {
          g_autofree char *text = g_strndup (body->data, body->length);
          form = soup_form_decode (text);
        }
      handle_gigya (ts, msg, path + strlen ("/gigya/"), form);
      g_clear_pointer (&form, g_hash_table_unref);
    }
  else if (g_str_has_prefix (path, "/kamereon/"))
    handle_kamereon (ts, msg, path + strlen ("/kamereon"), request);
  else
    soup_server_message_set_status (msg, 404, NULL);
}

TestServer *
test_server_new (void)
{
  TestServer *ts = g_new0 (TestServer, 1);
  const CarportRenaultLocale *locale = carport_renault_locale_lookup ("fr_FR");
  g_autoptr(GError) error = NULL;
  GSList *uris;

  g_assert_nonnull (locale);

  ts->gigya_key = g_strdup (locale->gigya_key);
  ts->kamereon_key = g_strdup (locale->kamereon_key);
  ts->routes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) route_free);
  ts->hits = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  ts->requests = g_ptr_array_new_with_free_func ((GDestroyNotify) request_free);
  ts->held = g_ptr_array_new ();
  ts->valid_jwts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  ts->jwt_lifetime = 900;

  ts->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (ts->server, NULL, server_cb, ts, NULL);
  soup_server_listen_local (ts->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);

  uris = soup_server_get_uris (ts->server);
  g_assert_nonnull (uris);
  ts->base = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  ts->gigya_url = g_strconcat (ts->base, "/gigya", NULL);
  ts->kamereon_url = g_strconcat (ts->base, "/kamereon", NULL);

  return ts;
}

static gboolean
flag_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

void
test_server_free (TestServer *ts)
{
  gboolean done = FALSE;

  /* Answer what was held so the server can wind down its connections. */
  for (guint i = 0; i < ts->held->len; i++)
    {
      SoupServerMessage *msg = g_ptr_array_index (ts->held, i);

      soup_server_message_set_status (msg, 503, NULL);
      soup_server_message_unpause (msg);
      g_object_unref (msg);
    }
  g_ptr_array_unref (ts->held);

  /* Let the server notice the client's closed connections and free them. */
  g_timeout_add (20, flag_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);

  soup_server_disconnect (ts->server);
  g_clear_object (&ts->server);

  while (g_main_context_iteration (NULL, FALSE))
    ;

  g_hash_table_unref (ts->routes);
  g_hash_table_unref (ts->hits);
  g_hash_table_unref (ts->valid_jwts);
  g_ptr_array_unref (ts->requests);
  g_free (ts->base);
  g_free (ts->gigya_url);
  g_free (ts->kamereon_url);
  g_free (ts->gigya_key);
  g_free (ts->kamereon_key);
  g_free (ts->login_token);
  g_free (ts);
}

void
test_server_route_bytes (TestServer *ts,
                         const char *method,
                         const char *path,
                         guint       status,
                         GBytes     *body,
                         const char *content_type,
                         int         delay_ms,
                         gboolean    chunked)
{
  TsRoute *route = g_new0 (TsRoute, 1);

  route->status = status;
  route->body = body ? g_bytes_ref (body) : NULL;
  route->content_type = g_strdup (content_type);
  route->delay_ms = delay_ms;
  route->chunked = chunked;

  g_hash_table_replace (ts->routes, g_strdup_printf ("%s %s", method, path), route);
}

void
test_server_route (TestServer *ts,
                   const char *method,
                   const char *path,
                   guint       status,
                   const char *body,
                   int         delay_ms)
{
  g_autoptr(GBytes) bytes = body ? g_bytes_new (body, strlen (body)) : NULL;

  test_server_route_bytes (ts, method, path, status, bytes, NULL, delay_ms, FALSE);
}

guint
test_server_hits (TestServer *ts,
                  const char *path)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (ts->hits, path));
}

TsRequest *
test_server_last (TestServer *ts,
                  const char *method,
                  const char *full_path)
{
  for (guint i = ts->requests->len; i > 0; i--)
    {
      TsRequest *request = g_ptr_array_index (ts->requests, i - 1);

      if (g_str_equal (request->method, method) && g_str_equal (request->path, full_path))
        return request;
    }

  return NULL;
}

void
test_server_revoke_jwts (TestServer *ts)
{
  g_hash_table_remove_all (ts->valid_jwts);
}
