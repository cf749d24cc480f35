/* test-nissan-http.c — what the HTTP layer does for the Nissan login: no
 * redirect is followed, a login brings its own cookie jar and reads the
 * answer's headers, and an extra CA (the simulator's) is trusted with the
 * certificate checks still on. The certificates are made here (GnuTLS).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>

#include "carport-http.h"
#include "carport-tls-database.h"
#include "carport-test-loop.h"

/* ------------------------------------------------------------------------ */
/* Certificates */

typedef struct {
  gnutls_x509_privkey_t key;
  gnutls_x509_crt_t     crt;
} Cert;

static void
cert_clear (Cert *cert)
{
  gnutls_x509_crt_deinit (cert->crt);
  gnutls_x509_privkey_deinit (cert->key);
}

static void
check (int ret)
{
  if (ret < 0)
    g_error ("gnutls: %s", gnutls_strerror (ret));
}

/* A CA when @issuer is NULL, else a server certificate for @ip (nullable)
 * signed by @issuer. */
static void
cert_make (Cert       *cert,
           const char *cn,
           Cert       *issuer,
           gboolean    loopback_san)
{
  static guint serial_counter;
  guchar serial[4] = { 0, 0, 0, (guchar) ++serial_counter };
  guchar key_id[64];
  size_t key_id_size = sizeof key_id;
  time_t now = time (NULL);
  g_autofree char *dn = g_strdup_printf ("CN=%s", cn);

  check (gnutls_x509_privkey_init (&cert->key));
  check (gnutls_x509_privkey_generate (cert->key, GNUTLS_PK_ECDSA,
                                       GNUTLS_CURVE_TO_BITS (GNUTLS_ECC_CURVE_SECP256R1), 0));
  check (gnutls_x509_crt_init (&cert->crt));
  check (gnutls_x509_crt_set_version (cert->crt, 3));
  check (gnutls_x509_crt_set_serial (cert->crt, serial, sizeof serial));
  check (gnutls_x509_crt_set_activation_time (cert->crt, now - 3600));
  check (gnutls_x509_crt_set_expiration_time (cert->crt, now + 86400));
  check (gnutls_x509_crt_set_dn (cert->crt, dn, NULL));
  check (gnutls_x509_crt_set_key (cert->crt, cert->key));
  check (gnutls_x509_crt_get_key_id (cert->crt, 0, key_id, &key_id_size));
  check (gnutls_x509_crt_set_subject_key_id (cert->crt, key_id, key_id_size));

  if (issuer == NULL)
    {
      check (gnutls_x509_crt_set_basic_constraints (cert->crt, 1, 0));
      check (gnutls_x509_crt_set_key_usage (cert->crt, GNUTLS_KEY_KEY_CERT_SIGN | GNUTLS_KEY_CRL_SIGN));
      check (gnutls_x509_crt_sign2 (cert->crt, cert->crt, cert->key, GNUTLS_DIG_SHA256, 0));
      return;
    }

  {
    static const guchar loopback[4] = { 127, 0, 0, 1 };
    guchar ca_id[64];
    size_t ca_id_size = sizeof ca_id;

    check (gnutls_x509_crt_set_basic_constraints (cert->crt, 0, -1));
    check (gnutls_x509_crt_set_key_usage (cert->crt, GNUTLS_KEY_DIGITAL_SIGNATURE));
    check (gnutls_x509_crt_set_key_purpose_oid (cert->crt, GNUTLS_KP_TLS_WWW_SERVER, 0));
    if (loopback_san)
      check (gnutls_x509_crt_set_subject_alt_name (cert->crt, GNUTLS_SAN_IPADDRESS, loopback, sizeof loopback,
                                                   GNUTLS_FSAN_APPEND));
    else
      check (gnutls_x509_crt_set_subject_alt_name (cert->crt, GNUTLS_SAN_DNSNAME, "elsewhere.test", 14,
                                                   GNUTLS_FSAN_APPEND));
    check (gnutls_x509_crt_get_subject_key_id (issuer->crt, ca_id, &ca_id_size, NULL));
    check (gnutls_x509_crt_set_authority_key_id (cert->crt, ca_id, ca_id_size));
    check (gnutls_x509_crt_sign2 (cert->crt, issuer->crt, issuer->key, GNUTLS_DIG_SHA256, 0));
  }
}

static char *
cert_pem (Cert *cert)
{
  gnutls_datum_t out = { NULL, 0 };
  char *text;

  check (gnutls_x509_crt_export2 (cert->crt, GNUTLS_X509_FMT_PEM, &out));
  text = g_strndup ((const char *) out.data, out.size);
  gnutls_free (out.data);
  return text;
}

static char *
key_pem (Cert *cert)
{
  gnutls_datum_t out = { NULL, 0 };
  char *text;

  check (gnutls_x509_privkey_export2_pkcs8 (cert->key, GNUTLS_X509_FMT_PEM, NULL, GNUTLS_PKCS_PLAIN, &out));
  text = g_strndup ((const char *) out.data, out.size);
  gnutls_free (out.data);
  return text;
}

/* ------------------------------------------------------------------------ */
/* Servers */

static void
handle (SoupServer        *server,
        SoupServerMessage *msg,
        const char        *path,
        GHashTable        *query,
        gpointer           user_data)
{
  guint *hits = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  if (g_str_equal (path, "/redirect"))
    {
      soup_server_message_set_status (msg, 302, NULL);
      soup_message_headers_replace (headers, "Location", "/target");
      soup_message_headers_append (headers, "Set-Cookie", "JSESSIONID=abc; Path=/");
      return;
    }

  if (g_str_equal (path, "/target"))
    (*hits)++;

  if (g_str_equal (path, "/echo-cookie"))
    {
      const char *cookie = soup_message_headers_get_one (soup_server_message_get_request_headers (msg), "Cookie");

      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_COPY, cookie ? cookie : "", cookie ? strlen (cookie) : 0);
      return;
    }

  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_STATIC, "ok", 2);
}

static SoupServer *
server_new (GTlsCertificate *certificate,
            guint           *hits,
            char           **base)
{
  SoupServer *server = soup_server_new ("tls-certificate", certificate, NULL);
  g_autoptr(GError) error = NULL;
  GSList *uris;

  soup_server_add_handler (server, NULL, handle, hits, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY |
                            (certificate != NULL ? SOUP_SERVER_LISTEN_HTTPS : 0), &error);
  g_assert_no_error (error);

  uris = soup_server_get_uris (server);
  *base = g_strdup_printf ("%s://127.0.0.1:%d", certificate != NULL ? "https" : "http",
                           g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  return server;
}

static GBytes *
get (CarportHttp         *http,
     const char          *url,
     SoupCookieJar       *jar,
     guint               *status,
     SoupMessageHeaders **headers,
     GError             **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  carport_http_request_full_async (http, "GET", url, NULL, NULL, NULL, jar, NULL, carport_test_result_cb, &result);
  return carport_http_request_full_finish (http, carport_test_wait_result (&result), status, headers, error);
}

/* ------------------------------------------------------------------------ */

static void
test_no_redirect (void)
{
  g_autoptr(CarportHttp) http = carport_http_new ();
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(SoupCookieJar) jar = soup_cookie_jar_new ();
  g_autoptr(SoupMessageHeaders) headers = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *base = NULL;
  g_autofree char *url = NULL;
  SoupCookieJar *session_jar;
  GSList *cookies;
  guint hits = 0, status = 0;

  server = server_new (NULL, &hits, &base);
  url = g_strconcat (base, "/redirect", NULL);

  /* The plain call: the 302 comes back, /target is never asked. */
  carport_http_request_async (http, "GET", url, NULL, NULL, NULL, NULL, carport_test_result_cb, &result);
  body = carport_http_request_finish (http, carport_test_wait_result (&result), &status, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (status, ==, 302);
  g_assert_cmpuint (hits, ==, 0);
  g_clear_pointer (&body, g_bytes_unref);

  /* The login call: the headers, and the cookie in the caller's jar only. */
  session_jar = SOUP_COOKIE_JAR (soup_session_get_feature (carport_http_get_session (http), SOUP_TYPE_COOKIE_JAR));
  carport_http_clear_cookies (http);

  body = get (http, url, jar, &status, &headers, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (status, ==, 302);
  g_assert_cmpstr (soup_message_headers_get_one (headers, "Location"), ==, "/target");
  g_assert_cmpuint (hits, ==, 0);

  cookies = soup_cookie_jar_all_cookies (jar);
  g_assert_cmpuint (g_slist_length (cookies), ==, 1);
  g_slist_free_full (cookies, (GDestroyNotify) soup_cookie_free);
  cookies = soup_cookie_jar_all_cookies (session_jar);
  g_assert_null (cookies);

  /* …and sent back from that jar. */
  g_clear_pointer (&body, g_bytes_unref);
  g_clear_pointer (&headers, soup_message_headers_unref);
  g_free (url);
  url = g_strconcat (base, "/echo-cookie", NULL);
  body = get (http, url, jar, &status, &headers, &error);
  g_assert_no_error (error);
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (body, NULL), (gssize) g_bytes_get_size (body), "JSESSIONID=abc"));
}

typedef struct {
  char *dir;
  char *ca_file;
  char *other_ca_file;
  GTlsCertificate *good;   /* for 127.0.0.1, by the CA */
  GTlsCertificate *alien;  /* for another name, by the CA */
} Pki;

static void
pki_init (Pki *pki)
{
  Cert ca = { 0, }, other = { 0, }, leaf = { 0, }, alien = { 0, };
  g_autofree char *leaf_pem = NULL;
  g_autofree char *alien_pem = NULL;
  g_autofree char *ca_pem = NULL;
  g_autofree char *other_pem = NULL;
  g_autoptr(GError) error = NULL;

  cert_make (&ca, "Carport test CA", NULL, FALSE);
  cert_make (&other, "Another CA", NULL, FALSE);
  cert_make (&leaf, "127.0.0.1", &ca, TRUE);
  cert_make (&alien, "elsewhere.test", &ca, FALSE);

  pki->dir = g_dir_make_tmp ("carport-nissan-tls-XXXXXX", &error);
  g_assert_no_error (error);
  pki->ca_file = g_build_filename (pki->dir, "ca.pem", NULL);
  pki->other_ca_file = g_build_filename (pki->dir, "other.pem", NULL);
  ca_pem = cert_pem (&ca);
  other_pem = cert_pem (&other);
  g_assert_true (g_file_set_contents (pki->ca_file, ca_pem, -1, NULL));
  g_assert_true (g_file_set_contents (pki->other_ca_file, other_pem, -1, NULL));

  {
    g_autofree char *c = cert_pem (&leaf);
    g_autofree char *k = key_pem (&leaf);

    leaf_pem = g_strconcat (c, k, NULL);
  }
  {
    g_autofree char *c = cert_pem (&alien);
    g_autofree char *k = key_pem (&alien);

    alien_pem = g_strconcat (c, k, NULL);
  }
  pki->good = g_tls_certificate_new_from_pem (leaf_pem, -1, &error);
  g_assert_no_error (error);
  pki->alien = g_tls_certificate_new_from_pem (alien_pem, -1, &error);
  g_assert_no_error (error);

  cert_clear (&ca);
  cert_clear (&other);
  cert_clear (&leaf);
  cert_clear (&alien);
}

static void
pki_clear (Pki *pki)
{
  g_unlink (pki->ca_file);
  g_unlink (pki->other_ca_file);
  g_rmdir (pki->dir);
  g_free (pki->dir);
  g_free (pki->ca_file);
  g_free (pki->other_ca_file);
  g_clear_object (&pki->good);
  g_clear_object (&pki->alien);
}

static guint
status_of (CarportHttp *http,
           const char  *base,
           GError     **error)
{
  g_autofree char *url = g_strconcat (base, "/hello", NULL);
  g_autoptr(GBytes) body = NULL;
  guint status = 0;

  body = get (http, url, NULL, &status, NULL, error);
  return status;
}

static void
test_extra_ca (void)
{
  Pki pki = { 0, };
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(SoupServer) alien_server = NULL;
  g_autofree char *base = NULL;
  g_autofree char *alien_base = NULL;
  g_autoptr(GError) error = NULL;
  guint hits = 0;

  pki_init (&pki);
  server = server_new (pki.good, &hits, &base);
  alien_server = server_new (pki.alien, &hits, &alien_base);

  /* The system does not know the CA: refused. */
  {
    g_autoptr(CarportHttp) http = carport_http_new ();

    g_assert_cmpuint (status_of (http, base, &error), ==, 0);
    g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_NETWORK);
    g_clear_error (&error);
  }

  /* Another CA trusted: still refused. */
  {
    g_autoptr(CarportHttp) http = carport_http_new ();

    g_assert_true (carport_http_add_trusted_ca_file (http, pki.other_ca_file, &error));
    g_assert_cmpuint (status_of (http, base, &error), ==, 0);
    g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_NETWORK);
    g_clear_error (&error);
  }

  /* The CA trusted through the environment: accepted; a certificate of
   * that CA for another name: refused. */
  {
    g_autoptr(CarportHttp) http = NULL;

    g_setenv ("CARPORT_NISSAN_CA_FILE", pki.ca_file, TRUE);
    http = carport_http_new ();
    g_unsetenv ("CARPORT_NISSAN_CA_FILE");

    g_assert_cmpuint (status_of (http, base, &error), ==, 200);
    g_assert_no_error (error);
    g_assert_cmpuint (status_of (http, alien_base, &error), ==, 0);
    g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_NETWORK);
    g_clear_error (&error);
  }

  /* A file that is not there. */
  {
    g_autoptr(CarportHttp) http = carport_http_new ();

    g_assert_false (carport_http_add_trusted_ca_file (http, "/nonexistent/ca.pem", &error));
    g_assert_nonnull (error);
  }

  soup_server_disconnect (server);
  soup_server_disconnect (alien_server);
  pki_clear (&pki);
}

/* Whether the GIO TLS module is in this process. */
static gboolean
tls_module_loaded (void)
{
  g_autofree char *maps = NULL;

  g_assert_true (g_file_get_contents ("/proc/self/maps", &maps, NULL, NULL));
  return strstr (maps, "libgiognutls") != NULL;
}

/* In a process of its own: plain HTTP loads no TLS at all; the first HTTPS
 * request makes Carport's database the default, which reads the system's
 * trust store once and answers exactly as the backend's own database. */
static void
check_system_database (void)
{
  Pki pki = { 0, };
  g_autoptr(CarportHttp) http = carport_http_new ();
  g_autoptr(SoupServer) plain_server = NULL;
  g_autoptr(SoupServer) tls_server = NULL;
  g_autofree char *plain_base = NULL;
  g_autofree char *tls_base = NULL;
  g_autoptr(GError) request_error = NULL;
  g_autoptr(GTlsDatabase) installed = NULL;
  g_autoptr(GTlsDatabase) system = NULL;
  g_autoptr(GSocketConnectable) identity = g_network_address_new ("127.0.0.1", 443);
  GTlsBackend *backend;
  GTlsCertificate *certificates[2];
  guint hits = 0;

  plain_server = server_new (NULL, &hits, &plain_base);
  g_assert_cmpuint (status_of (http, plain_base, &request_error), ==, 200);
  g_assert_no_error (request_error);
  g_assert_false (tls_module_loaded ());

  pki_init (&pki);
  tls_server = server_new (pki.good, &hits, &tls_base);
  g_assert_cmpuint (status_of (http, tls_base, &request_error), ==, 0);  /* the system does not know the CA */
  g_assert_error (request_error, CARPORT_API_ERROR, CARPORT_API_ERROR_NETWORK);

  backend = g_tls_backend_get_default ();
  installed = g_tls_backend_get_default_database (backend);
  system = G_TLS_BACKEND_GET_INTERFACE (backend)->get_default_database (backend);
  g_assert_true (CARPORT_IS_TLS_DATABASE (installed));
  g_assert_false (CARPORT_IS_TLS_DATABASE (system));

  certificates[0] = pki.good;
  certificates[1] = pki.alien;
  for (guint i = 0; i < G_N_ELEMENTS (certificates); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GError) system_error = NULL;
      GTlsCertificateFlags flags, system_flags;
      g_autoptr(GTlsCertificate) issuer = NULL;

      flags = g_tls_database_verify_chain (installed, certificates[i], G_TLS_DATABASE_PURPOSE_AUTHENTICATE_SERVER,
                                           identity, NULL, G_TLS_DATABASE_VERIFY_NONE, NULL, &error);
      system_flags = g_tls_database_verify_chain (system, certificates[i], G_TLS_DATABASE_PURPOSE_AUTHENTICATE_SERVER,
                                                  identity, NULL, G_TLS_DATABASE_VERIFY_NONE, NULL, &system_error);
      g_assert_cmphex (flags, ==, system_flags);
      g_assert_true (flags & G_TLS_CERTIFICATE_UNKNOWN_CA);
      g_assert_cmpint (error == NULL, ==, system_error == NULL);

      issuer = g_tls_database_lookup_certificate_issuer (installed, certificates[i], NULL,
                                                         G_TLS_DATABASE_LOOKUP_NONE, NULL, &error);
      g_assert_null (issuer);
    }
  /* The name is checked too: the alien certificate is not for 127.0.0.1. */
  g_assert_true (g_tls_database_verify_chain (installed, pki.alien, G_TLS_DATABASE_PURPOSE_AUTHENTICATE_SERVER,
                                              identity, NULL, G_TLS_DATABASE_VERIFY_NONE, NULL, NULL)
                 & G_TLS_CERTIFICATE_BAD_IDENTITY);

  soup_server_disconnect (plain_server);
  soup_server_disconnect (tls_server);
  pki_clear (&pki);
}

static void
test_system_database (void)
{
  if (g_test_subprocess ())
    {
      check_system_database ();
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDOUT | G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/nissan-http/no-redirect-and-jar", test_no_redirect);
  g_test_add_func ("/nissan-http/extra-ca", test_extra_ca);
  g_test_add_func ("/nissan-http/system-database", test_system_database);

  return g_test_run ();
}
