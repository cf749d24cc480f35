/* test-renault-auth.c — CarportHttp and CarportRenaultAuth (Gigya login,
 * two-factor codes, JWT mints) against an in-process server over loopback. */
#include "config.h"

#include <string.h>

#include "renault-test-util.h"

/* ------------------------------------------------------------------------ */
/* CarportHttp */

static void
test_service_root (void)
{
  struct {
    const char *value;
    const char *expected;  /* NULL: rejected */
    int         code;
  } cases[] = {
    { "https://api.example.com/", "https://api.example.com", 0 },
    { "http://127.0.0.1:8080/gigya", "http://127.0.0.1:8080/gigya", 0 },
    { "http://127.3.4.5/", "http://127.3.4.5", 0 },
    { "http://localhost:9/x", "http://localhost:9/x", 0 },
    { "http://[::1]:8080", "http://[::1]:8080", 0 },
    { "http://example.com", NULL, CARPORT_API_ERROR_INSECURE_URL },
    { "http://10.0.0.1", NULL, CARPORT_API_ERROR_INSECURE_URL },
    { "http://127.0.0.1.example.com", NULL, CARPORT_API_ERROR_INSECURE_URL },
    { "ftp://127.0.0.1", NULL, CARPORT_API_ERROR_INSECURE_URL },
    { "not a url", NULL, CARPORT_API_ERROR_INVALID_INPUT },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *root = NULL;

      g_setenv ("CARPORT_TEST_ROOT", cases[i].value, TRUE);
      root = carport_service_root ("CARPORT_TEST_ROOT", "https://default.example.com", &error);
      if (cases[i].expected != NULL)
        {
          g_assert_no_error (error);
          g_assert_cmpstr (root, ==, cases[i].expected);
        }
      else
        {
          g_assert_error (error, CARPORT_API_ERROR, cases[i].code);
          g_assert_null (root);
        }
    }

  /* Unset or empty: the default. */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *root = NULL;
    g_autofree char *root2 = NULL;

    g_setenv ("CARPORT_TEST_ROOT", "", TRUE);
    root = carport_service_root ("CARPORT_TEST_ROOT", "https://default.example.com/", &error);
    g_assert_no_error (error);
    g_assert_cmpstr (root, ==, "https://default.example.com");

    g_unsetenv ("CARPORT_TEST_ROOT");
    root2 = carport_service_root ("CARPORT_TEST_ROOT", "https://accounts.eu1.gigya.com", &error);
    g_assert_no_error (error);
    g_assert_cmpstr (root2, ==, "https://accounts.eu1.gigya.com");
  }

  g_assert_true (carport_url_is_secure ("https://x.example"));
  g_assert_false (carport_url_is_secure ("http://x.example"));
}

static void
test_insecure_override (void)
{
  g_autoptr(CarportHttp) http = carport_http_new ();
  g_autoptr(CarportRenaultAuth) auth = NULL;
  g_autoptr(CarportRenaultAuth) auth2 = NULL;
  g_autoptr(CarportRenaultClient) client = NULL;
  g_autoptr(GError) error = NULL;

  g_setenv ("CARPORT_RENAULT_GIGYA_URL", "http://example.com", TRUE);
  auth = carport_renault_auth_new (http, "fr_FR", &error);
  g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_INSECURE_URL);
  g_assert_null (auth);
  g_clear_error (&error);

  g_setenv ("CARPORT_RENAULT_GIGYA_URL", "http://127.0.0.1:1/gigya", TRUE);
  auth2 = carport_renault_auth_new (http, "fr_FR", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (carport_renault_auth_get_gigya_url (auth2), ==, "http://127.0.0.1:1/gigya");

  g_setenv ("CARPORT_RENAULT_KAMEREON_URL", "http://example.com", TRUE);
  client = carport_renault_client_new (CARPORT_AUTH_PROVIDER (auth2), http, "fr_FR", &error);
  g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_INSECURE_URL);
  g_assert_null (client);
  g_clear_error (&error);

  /* Without overrides: the locale table's https roots. */
  g_unsetenv ("CARPORT_RENAULT_GIGYA_URL");
  g_unsetenv ("CARPORT_RENAULT_KAMEREON_URL");
  client = carport_renault_client_new (CARPORT_AUTH_PROVIDER (auth2), http, "fr_FR", &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (carport_renault_client_get_kamereon_url (client), "https://"));

  /* An unknown locale. */
  g_clear_object (&auth);
  auth = carport_renault_auth_new (http, "xx_XX", &error);
  g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_INVALID_INPUT);
  g_assert_null (auth);
}

static void
test_http_request (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GBytes) sent = g_bytes_new_static ("ApiKey=x", 8);
  g_autofree char *url = g_strconcat (f->ts->gigya_url, "/accounts.login", NULL);
  guint status = 0;
  guint before = carport_http_get_request_count (f->http);

  g_assert_cmpuint (carport_http_get_timeout (f->http), ==, 30);

  carport_http_request_async (f->http, "POST", url, NULL, sent, "application/x-www-form-urlencoded",
                              NULL, carport_test_result_cb, &result);
  body = carport_http_request_finish (f->http, carport_test_wait_result (&result), &status, &error);
  g_assert_no_error (error);
  g_assert_nonnull (body);
  g_assert_cmpuint (status, ==, 200);
  g_assert_nonnull (strstr (g_bytes_get_data (body, NULL), "errorCode"));
  g_assert_cmpuint (carport_http_get_request_count (f->http), ==, before + 1);
}

/* A raw server that promises 1000 bytes and closes after 20. */
static gboolean
truncating_run_cb (GThreadedSocketService *service,
                   GSocketConnection      *connection,
                   GObject                *source_object,
                   gpointer                user_data)
{
  GInputStream *in = g_io_stream_get_input_stream (G_IO_STREAM (connection));
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (connection));
  const char *reply = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n"
                      "{\"data\":{\"attributes\":";
  char buffer[4096];
  g_autoptr(GString) head = g_string_new (NULL);

  /* Read the request head (in the service's thread). */
  while (strstr (head->str, "\r\n\r\n") == NULL)
    {
      gssize n = g_input_stream_read (in, buffer, sizeof buffer, NULL, NULL);
      if (n <= 0)
        break;
      g_string_append_len (head, buffer, n);
    }

  g_output_stream_write_all (out, reply, strlen (reply), NULL, NULL, NULL);
  g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);

  return TRUE;
}

static void
test_http_truncated (void)
{
  g_autoptr(GSocketService) service = g_threaded_socket_service_new (1);
  g_autoptr(CarportHttp) http = carport_http_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autofree char *url = NULL;
  guint16 port;

  port = g_socket_listener_add_any_inet_port (G_SOCKET_LISTENER (service), NULL, &error);
  g_assert_no_error (error);
  g_signal_connect (service, "run", G_CALLBACK (truncating_run_cb), NULL);
  g_socket_service_start (service);

  url = g_strdup_printf ("http://127.0.0.1:%u/cut", port);
  carport_http_request_async (http, "GET", url, NULL, NULL, NULL, NULL, carport_test_result_cb, &result);
  body = carport_http_request_finish (http, carport_test_wait_result (&result), NULL, &error);
  g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_INVALID_RESPONSE);
  g_assert_null (body);

  g_socket_service_stop (service);
}

static void
test_http_refused (void)
{
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(CarportHttp) http = carport_http_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autofree char *url = NULL;
  guint16 port;

  /* Find a free port, then close it: nothing listens there. */
  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  g_assert_true (g_socket_bind (socket, address, FALSE, &error));
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  g_socket_close (socket, NULL);

  url = g_strdup_printf ("http://127.0.0.1:%u/", port);
  carport_http_request_async (http, "GET", url, NULL, NULL, NULL, NULL, carport_test_result_cb, &result);
  body = carport_http_request_finish (http, carport_test_wait_result (&result), NULL, &error);
  g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_NETWORK);
  g_assert_null (body);
}

static void
test_http_cancel (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autofree char *url = g_strconcat (f->ts->kamereon_url, "/hang?country=FR", NULL);
  const char *headers[] = { "apikey", f->ts->kamereon_key, "Content-Type", "application/vnd.api+json",
                            "x-gigya-id_token", "t", NULL };

  f->ts->reject_always = FALSE;
  g_hash_table_add (f->ts->valid_jwts, g_strdup ("t"));
  test_server_route (f->ts, "GET", "/hang", 200, "{}", -1);

  carport_http_request_async (f->http, "GET", url, headers, NULL, NULL, cancellable, carport_test_result_cb, &result);
  carport_test_spin (100);
  g_assert_null (result);
  g_assert_cmpuint (f->ts->in_flight, ==, 1);
  g_cancellable_cancel (cancellable);

  body = carport_http_request_finish (f->http, carport_test_wait_result (&result), NULL, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (body);
}

/* ------------------------------------------------------------------------ */
/* Auth */

static void
test_login_ok (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *secret = NULL;
  g_autofree char *token = NULL;
  g_autofree char *person_id = NULL;
  g_autoptr(GError) error = NULL;
  guint notified = 0;

  g_signal_connect (f->auth, "notify::refresh-secret", G_CALLBACK (notify_count_cb), &notified);

  login (f);
  secret = carport_auth_provider_dup_refresh_secret (CARPORT_AUTH_PROVIDER (f->auth));
  g_assert_cmpstr (secret, ==, f->ts->login_token);
  g_assert_cmpuint (notified, ==, 1);
  g_assert_cmpuint (f->ts->n_login, ==, 1);
  g_assert_false (carport_auth_provider_get_needs_code (CARPORT_AUTH_PROVIDER (f->auth)));

  token = get_token (f, &error);
  g_assert_no_error (error);
  g_assert_true (g_hash_table_contains (f->ts->valid_jwts, token));
  person_id = carport_auth_provider_dup_person_id (CARPORT_AUTH_PROVIDER (f->auth));
  g_assert_cmpstr (person_id, ==, TS_PERSON_ID);
  g_assert_cmpuint (f->ts->n_account_info, ==, 1);
  g_assert_cmpuint (f->ts->n_jwt, ==, 1);

  g_signal_handlers_disconnect_by_data (f->auth, &notified);
}

static void
test_login_wrong_password (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *secret = NULL;

  carport_auth_provider_login_async (CARPORT_AUTH_PROVIDER (f->auth), TS_EMAIL, "wrong",
                                     NULL, carport_test_result_cb, &result);
  g_assert_false (carport_auth_provider_login_finish (CARPORT_AUTH_PROVIDER (f->auth),
                                                      carport_test_wait_result (&result), &error));
  g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_INVALID_CREDENTIALS);
  secret = carport_auth_provider_dup_refresh_secret (CARPORT_AUTH_PROVIDER (f->auth));
  g_assert_null (secret);
}

static void
test_not_logged_in (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *token = get_token (f, &error);

  g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_LOGIN_EXPIRED);
  g_assert_null (token);
  g_assert_cmpuint (f->ts->n_jwt, ==, 0);
}

static void
test_stored_secret (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;

  /* As if read from the keyring: no password login needed. */
  f->ts->login_token = g_strdup ("LOGIN-TOKEN-stored");
  carport_auth_provider_set_refresh_secret (CARPORT_AUTH_PROVIDER (f->auth), "LOGIN-TOKEN-stored");

  token = get_token (f, &error);
  g_assert_no_error (error);
  g_assert_nonnull (token);
  g_assert_cmpuint (f->ts->n_login, ==, 0);
  g_assert_cmpuint (f->ts->n_jwt, ==, 1);
}

static void
test_jwt_reuse (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  GAsyncResult *results[4] = { NULL, };
  char *tokens[4] = { NULL, };

  login (f);

  /* Concurrent callers share one mint. */
  for (guint i = 0; i < G_N_ELEMENTS (results); i++)
    carport_auth_provider_get_token_async (CARPORT_AUTH_PROVIDER (f->auth), NULL, carport_test_result_cb, &results[i]);
  for (guint i = 0; i < G_N_ELEMENTS (results); i++)
    {
      tokens[i] = carport_auth_provider_get_token_finish (CARPORT_AUTH_PROVIDER (f->auth),
                                                          carport_test_wait_result (&results[i]), &error);
      g_assert_no_error (error);
      g_assert_cmpstr (tokens[i], ==, tokens[0]);
      g_clear_object (&results[i]);
    }
  g_assert_cmpuint (f->ts->n_jwt, ==, 1);
  g_assert_cmpuint (f->ts->n_account_info, ==, 1);

  /* Later callers reuse it. */
  first = get_token (f, &error);
  g_assert_no_error (error);
  second = get_token (f, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (first, ==, tokens[0]);
  g_assert_cmpstr (second, ==, tokens[0]);
  g_assert_cmpuint (f->ts->n_jwt, ==, 1);

  /* invalidate_token → one new mint. */
  carport_auth_provider_invalidate_token (CARPORT_AUTH_PROVIDER (f->auth));
  g_clear_pointer (&first, g_free);
  first = get_token (f, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (first, !=, tokens[0]);
  g_assert_cmpuint (f->ts->n_jwt, ==, 2);
  g_assert_cmpuint (f->ts->n_account_info, ==, 1);

  for (guint i = 0; i < G_N_ELEMENTS (tokens); i++)
    g_free (tokens[i]);
}

static void
test_jwt_cancelled_waiter (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) r1 = NULL;
  g_autoptr(GAsyncResult) r2 = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *t1 = NULL;
  g_autofree char *t2 = NULL;

  login (f);

  carport_auth_provider_get_token_async (CARPORT_AUTH_PROVIDER (f->auth), cancellable, carport_test_result_cb, &r1);
  carport_auth_provider_get_token_async (CARPORT_AUTH_PROVIDER (f->auth), NULL, carport_test_result_cb, &r2);
  g_cancellable_cancel (cancellable);

  t1 = carport_auth_provider_get_token_finish (CARPORT_AUTH_PROVIDER (f->auth), carport_test_wait_result (&r1), &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (t1);
  g_clear_error (&error);

  /* The other caller still gets the shared mint. */
  t2 = carport_auth_provider_get_token_finish (CARPORT_AUTH_PROVIDER (f->auth), carport_test_wait_result (&r2), &error);
  g_assert_no_error (error);
  g_assert_nonnull (t2);
  g_assert_cmpuint (f->ts->n_jwt, ==, 1);
}

static void
test_jwt_near_expiry (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  /* A JWT valid for 30 s is within the 60 s margin: re-minted every time. */
  f->ts->jwt_lifetime = 30;
  login (f);

  first = get_token (f, &error);
  g_assert_no_error (error);
  second = get_token (f, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (f->ts->n_jwt, ==, 2);
  g_assert_cmpstr (first, !=, second);

  /* 120 s is comfortably fresh. */
  f->ts->jwt_lifetime = 120;
  carport_auth_provider_invalidate_token (CARPORT_AUTH_PROVIDER (f->auth));
  g_clear_pointer (&first, g_free);
  g_clear_pointer (&second, g_free);
  first = get_token (f, &error);
  g_assert_no_error (error);
  second = get_token (f, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (f->ts->n_jwt, ==, 3);
  g_assert_cmpstr (first, ==, second);
}

static void
test_jwt_expiry_decode (void)
{
  g_autofree char *jwt = test_make_jwt (1789000000, 7);

  g_assert_cmpint (carport_jwt_get_expiry (jwt), ==, 1789000000);
  g_assert_cmpint (carport_jwt_get_expiry ("nonsense"), ==, 0);
  g_assert_cmpint (carport_jwt_get_expiry ("a.!!!.c"), ==, 0);
  g_assert_cmpint (carport_jwt_get_expiry (NULL), ==, 0);
  /* "{"exp":"12"}" as base64url: string claims are read too. */
  g_assert_cmpint (carport_jwt_get_expiry ("x.eyJleHAiOiIxMiJ9.y"), ==, 12);
}

static void
test_login_expired (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  g_autofree char *secret = NULL;
  guint notified = 0;

  login (f);
  g_signal_connect (f->auth, "notify::refresh-secret", G_CALLBACK (notify_count_cb), &notified);

  f->ts->jwt_error = 403005;
  token = get_token (f, &error);
  g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_LOGIN_EXPIRED);
  g_assert_null (token);
  secret = carport_auth_provider_dup_refresh_secret (CARPORT_AUTH_PROVIDER (f->auth));
  g_assert_null (secret);
  g_assert_cmpuint (notified, ==, 1);

  /* No more Gigya calls without a new login. */
  g_clear_error (&error);
  token = get_token (f, &error);
  g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_LOGIN_EXPIRED);
  g_assert_cmpuint (f->ts->n_jwt, ==, 1);

  g_signal_handlers_disconnect_by_data (f->auth, &notified);
}

static void
test_tfa (Fixture       *f,
          gconstpointer  data)
{
  CarportAuthProvider *auth = CARPORT_AUTH_PROVIDER (f->auth);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *secret = NULL;
  g_autofree char *token = NULL;

  f->ts->tfa = TRUE;

  carport_auth_provider_login_async (auth, TS_EMAIL, TS_PASSWORD, NULL, carport_test_result_cb, &result);
  g_assert_false (carport_auth_provider_login_finish (auth, carport_test_wait_result (&result), &error));
  g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_TFA_REQUIRED);
  g_assert_true (carport_auth_provider_get_needs_code (auth));
  g_assert_true (f->ts->tfa_code_sent);
  g_assert_cmpuint (test_server_hits (f->ts, "/gigya/accounts.webSdkBootstrap"), ==, 1);
  g_assert_cmpuint (test_server_hits (f->ts, "/gigya/accounts.tfa.initTFA"), ==, 1);
  g_assert_cmpuint (test_server_hits (f->ts, "/gigya/accounts.tfa.email.getEmails"), ==, 1);
  g_assert_cmpuint (test_server_hits (f->ts, "/gigya/accounts.tfa.email.sendVerificationCode"), ==, 1);
  secret = carport_auth_provider_dup_refresh_secret (auth);
  g_assert_null (secret);
  g_clear_error (&error);
  g_clear_object (&result);

  /* A wrong code: another may be tried. */
  carport_auth_provider_submit_code_async (auth, "000000", NULL, carport_test_result_cb, &result);
  g_assert_false (carport_auth_provider_submit_code_finish (auth, carport_test_wait_result (&result), &error));
  g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_TFA_CODE_INVALID);
  g_assert_true (carport_auth_provider_get_needs_code (auth));
  g_clear_error (&error);
  g_clear_object (&result);

  /* The right one. */
  carport_auth_provider_submit_code_async (auth, " " TS_TFA_CODE " ", NULL, carport_test_result_cb, &result);
  g_assert_true (carport_auth_provider_submit_code_finish (auth, carport_test_wait_result (&result), &error));
  g_assert_no_error (error);
  g_assert_false (carport_auth_provider_get_needs_code (auth));
  g_assert_true (f->ts->tfa_finalized);
  g_assert_cmpuint (f->ts->n_login, ==, 2);
  secret = carport_auth_provider_dup_refresh_secret (auth);
  g_assert_cmpstr (secret, ==, f->ts->login_token);
  g_clear_object (&result);

  token = get_token (f, &error);
  g_assert_no_error (error);
  g_assert_nonnull (token);

  /* Nothing is waiting for a code any more. */
  carport_auth_provider_submit_code_async (auth, TS_TFA_CODE, NULL, carport_test_result_cb, &result);
  g_assert_false (carport_auth_provider_submit_code_finish (auth, carport_test_wait_result (&result), &error));
  g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_FAILED);
}

/* A login step whose answer lacks what the next step needs ends the login
 * with a clear error; nothing waits for a code then, and nothing is kept. */
static void
test_tfa_broken_step (Fixture       *f,
                      gconstpointer  data)
{
  static const char * const during_login[] = {
    "accounts.tfa.initTFA", "accounts.tfa.email.getEmails", "accounts.tfa.email.sendVerificationCode",
  };
  CarportAuthProvider *auth = CARPORT_AUTH_PROVIDER (f->auth);

  f->ts->tfa = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (during_login); i++)
    {
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *secret = NULL;

      g_test_message ("%s answers without its data", during_login[i]);
      f->ts->gigya_bare = during_login[i];
      carport_auth_provider_login_async (auth, TS_EMAIL, TS_PASSWORD, NULL, carport_test_result_cb, &result);
      g_assert_false (carport_auth_provider_login_finish (auth, carport_test_wait_result (&result), &error));
      g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_INVALID_RESPONSE);
      g_assert_nonnull (strstr (error->message, during_login[i]));
      g_assert_false (carport_auth_provider_get_needs_code (auth));
      secret = carport_auth_provider_dup_refresh_secret (auth);
      g_assert_null (secret);
    }

  /* The code is taken, but the login that follows lacks the login token. */
  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GError) error = NULL;
    g_autofree char *secret = NULL;

    f->ts->gigya_bare = NULL;
    carport_auth_provider_login_async (auth, TS_EMAIL, TS_PASSWORD, NULL, carport_test_result_cb, &result);
    g_assert_false (carport_auth_provider_login_finish (auth, carport_test_wait_result (&result), &error));
    g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_TFA_REQUIRED);
    g_assert_true (carport_auth_provider_get_needs_code (auth));
    g_clear_error (&error);
    g_clear_object (&result);

    f->ts->gigya_bare = "accounts.login";
    carport_auth_provider_submit_code_async (auth, TS_TFA_CODE, NULL, carport_test_result_cb, &result);
    g_assert_false (carport_auth_provider_submit_code_finish (auth, carport_test_wait_result (&result), &error));
    g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_INVALID_RESPONSE);
    g_assert_nonnull (strstr (error->message, "sessionInfo.cookieValue"));
    g_assert_false (carport_auth_provider_get_needs_code (auth));
    secret = carport_auth_provider_dup_refresh_secret (auth);
    g_assert_null (secret);
  }
}

static void
test_logout (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  g_autofree char *secret = NULL;

  login (f);
  token = get_token (f, &error);
  g_assert_no_error (error);

  carport_auth_provider_logout (CARPORT_AUTH_PROVIDER (f->auth));
  secret = carport_auth_provider_dup_refresh_secret (CARPORT_AUTH_PROVIDER (f->auth));
  g_assert_null (secret);
  g_clear_pointer (&token, g_free);
  token = get_token (f, &error);
  g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_LOGIN_EXPIRED);
}

static void
test_restore_session (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(CarportRenaultAuth) other = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *secret = NULL;
  g_autofree char *restored = NULL;
  g_autofree char *stale = NULL;
  g_autofree char *person_id = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  login (f);
  g_assert_null (carport_auth_provider_dup_access_token (CARPORT_AUTH_PROVIDER (f->auth)));
  token = get_token (f, &error);
  g_assert_no_error (error);
  kept = carport_auth_provider_dup_access_token (CARPORT_AUTH_PROVIDER (f->auth));
  g_assert_cmpstr (kept, ==, token);
  secret = carport_auth_provider_dup_refresh_secret (CARPORT_AUTH_PROVIDER (f->auth));
  g_assert_cmpuint (f->ts->n_jwt, ==, 1);
  g_assert_cmpuint (f->ts->n_account_info, ==, 1);

  /* A second start: secret, person id and token from the keyring. */
  other = carport_renault_auth_new (f->http, "fr_FR", &error);
  g_assert_no_error (error);
  carport_auth_provider_restore_session (CARPORT_AUTH_PROVIDER (other), TS_PERSON_ID, kept);
  g_assert_null (carport_auth_provider_dup_access_token (CARPORT_AUTH_PROVIDER (other)));
  carport_auth_provider_set_refresh_secret (CARPORT_AUTH_PROVIDER (other), secret);
  carport_auth_provider_restore_session (CARPORT_AUTH_PROVIDER (other), TS_PERSON_ID, kept);
  person_id = carport_auth_provider_dup_person_id (CARPORT_AUTH_PROVIDER (other));
  g_assert_cmpstr (person_id, ==, TS_PERSON_ID);

  carport_auth_provider_get_token_async (CARPORT_AUTH_PROVIDER (other), NULL, carport_test_result_cb, &result);
  restored = carport_auth_provider_get_token_finish (CARPORT_AUTH_PROVIDER (other), carport_test_wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (restored, ==, token);
  g_assert_cmpuint (f->ts->n_jwt, ==, 1);
  g_assert_cmpuint (f->ts->n_account_info, ==, 1);

  /* A token about to expire is not taken back. */
  stale = test_make_jwt (g_get_real_time () / G_USEC_PER_SEC + 10, 99);
  carport_auth_provider_invalidate_token (CARPORT_AUTH_PROVIDER (other));
  carport_auth_provider_restore_session (CARPORT_AUTH_PROVIDER (other), NULL, stale);
  g_assert_null (carport_auth_provider_dup_access_token (CARPORT_AUTH_PROVIDER (other)));
}

static void
test_explicit_roots (void)
{
  g_autoptr(CarportHttp) http = carport_http_new ();
  g_autoptr(CarportRenaultAuth) auth = NULL;
  g_autoptr(CarportRenaultClient) client = NULL;
  g_autoptr(GError) error = NULL;

  /* An explicit root wins over the environment, and is checked the same way. */
  g_setenv ("CARPORT_RENAULT_GIGYA_URL", "https://env.example.com", TRUE);
  auth = carport_renault_auth_new_for_url (http, "fr_FR", "http://example.com/gigya", &error);
  g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_INSECURE_URL);
  g_assert_null (auth);
  g_clear_error (&error);

  auth = carport_renault_auth_new_for_url (http, "fr_FR", "http://127.0.0.1:9/gigya/", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (carport_renault_auth_get_gigya_url (auth), ==, "http://127.0.0.1:9/gigya");
  g_unsetenv ("CARPORT_RENAULT_GIGYA_URL");

  client = carport_renault_client_new_for_url (CARPORT_AUTH_PROVIDER (auth), http, "fr_FR",
                                                "http://localhost:9/kamereon", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (carport_renault_client_get_kamereon_url (client), ==, "http://localhost:9/kamereon");
  g_clear_object (&client);

  client = carport_renault_client_new_for_url (CARPORT_AUTH_PROVIDER (auth), http, "fr_FR",
                                                "http://192.168.1.1/kamereon", &error);
  g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_INSECURE_URL);
  g_assert_null (client);
  g_clear_error (&error);

  client = carport_renault_client_new_for_url (CARPORT_AUTH_PROVIDER (auth), http, "fr_FR", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (carport_renault_client_get_kamereon_url (client), "https://"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  /* Every message of the api layer is checked for secrets. */
  g_log_set_handler ("carport-api", G_LOG_LEVEL_MASK | G_LOG_FLAG_FATAL | G_LOG_FLAG_RECURSION,
                     log_handler, NULL);

#define ADD(path, func, data) \
  g_test_add ("/renault-auth/" path, Fixture, data, fixture_setup, func, fixture_teardown)

  g_test_add_func ("/renault-auth/http/service-root", test_service_root);
  g_test_add_func ("/renault-auth/http/insecure-override", test_insecure_override);
  ADD ("http/request", test_http_request, NULL);
  g_test_add_func ("/renault-auth/http/truncated", test_http_truncated);
  g_test_add_func ("/renault-auth/http/refused", test_http_refused);
  ADD ("http/cancel", test_http_cancel, NULL);

  ADD ("auth/login", test_login_ok, NULL);
  ADD ("auth/wrong-password", test_login_wrong_password, NULL);
  ADD ("auth/not-logged-in", test_not_logged_in, NULL);
  ADD ("auth/stored-secret", test_stored_secret, NULL);
  ADD ("auth/jwt-reuse", test_jwt_reuse, NULL);
  ADD ("auth/jwt-cancelled-waiter", test_jwt_cancelled_waiter, NULL);
  ADD ("auth/jwt-near-expiry", test_jwt_near_expiry, NULL);
  g_test_add_func ("/renault-auth/auth/jwt-decode", test_jwt_expiry_decode);
  ADD ("auth/login-expired", test_login_expired, NULL);
  ADD ("auth/tfa", test_tfa, NULL);
  ADD ("auth/tfa-broken-step", test_tfa_broken_step, NULL);
  ADD ("auth/logout", test_logout, NULL);
  ADD ("auth/restore-session", test_restore_session, NULL);
  g_test_add_func ("/renault-auth/http/explicit-roots", test_explicit_roots);

  g_test_add_func ("/renault-auth/zz/logging", test_logging_happened);

#undef ADD

  return g_test_run ();
}
