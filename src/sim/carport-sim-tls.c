/* carport-sim-tls.c — a certificate authority made at start, for the https hosts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * With GnuTLS: an ECDSA P-256 CA (basicConstraints critical CA:TRUE,
 * keyUsage keyCertSign) signs a leaf for 127.0.0.1 and localhost (SAN
 * IP:127.0.0.1 and DNS:localhost, authorityKeyIdentifier, extendedKeyUsage
 * serverAuth, basicConstraints CA:FALSE): what strict verifiers (Python 3.13
 * and later) ask for. Only the CA's certificate is written out; the keys
 * stay in memory.
 */

#define G_LOG_DOMAIN "carport-sim"

#include "config.h"

#include <time.h>

#include <gnutls/gnutls.h>
#include <gnutls/x509.h>

#include <gmodule.h>

#include "carport-sim-tls.h"

#define VALIDITY_SECONDS (60 * 60 * 24 * 30)

/* GnuTLS is opened when the simulator first makes a certificate, not linked:
 * Carport's programs carry the simulator for their demo, and loading GnuTLS
 * (and what it needs) at every start costs 2 MB of memory they do not use. */
#define GNUTLS_SONAME "libgnutls.so.30"
#define GNUTLS_FUNCTIONS(X) \
  X (gnutls_x509_crt_deinit) \
  X (gnutls_x509_privkey_deinit) \
  X (gnutls_strerror) \
  X (gnutls_x509_crt_export2) \
  X (gnutls_x509_crt_get_key_id) \
  X (gnutls_x509_crt_init) \
  X (gnutls_x509_crt_set_activation_time) \
  X (gnutls_x509_crt_set_authority_key_id) \
  X (gnutls_x509_crt_set_basic_constraints) \
  X (gnutls_x509_crt_set_dn) \
  X (gnutls_x509_crt_set_expiration_time) \
  X (gnutls_x509_crt_set_key) \
  X (gnutls_x509_crt_set_key_purpose_oid) \
  X (gnutls_x509_crt_set_key_usage) \
  X (gnutls_x509_crt_set_serial) \
  X (gnutls_x509_crt_set_subject_alt_name) \
  X (gnutls_x509_crt_set_subject_key_id) \
  X (gnutls_x509_crt_set_version) \
  X (gnutls_x509_crt_sign2) \
  X (gnutls_x509_privkey_export2_pkcs8) \
  X (gnutls_x509_privkey_generate) \
  X (gnutls_x509_privkey_init) \
  /* end */

static struct {
#define GNUTLS_MEMBER(name) __typeof__ (name) *name;
  GNUTLS_FUNCTIONS (GNUTLS_MEMBER)
#undef GNUTLS_MEMBER
  gnutls_free_function *gnutls_free;
} gt;

static gboolean
load_gnutls (GError **error)
{
  static GModule *module = NULL;

  if (module != NULL)
    return TRUE;

  module = g_module_open (GNUTLS_SONAME, G_MODULE_BIND_LAZY | G_MODULE_BIND_LOCAL);
  if (module == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "cannot open %s: %s", GNUTLS_SONAME,
                   g_module_error ());
      return FALSE;
    }
#define GNUTLS_LOAD(name) \
  if (!g_module_symbol (module, #name, (gpointer *) &gt.name)) \
    goto missing;
  GNUTLS_FUNCTIONS (GNUTLS_LOAD)
#undef GNUTLS_LOAD
  if (!g_module_symbol (module, "gnutls_free", (gpointer *) &gt.gnutls_free))
    goto missing;
  return TRUE;

missing:
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "%s lacks a function: %s", GNUTLS_SONAME,
               g_module_error ());
  g_module_close (module);
  module = NULL;
  return FALSE;
}

static void
privkey_free (gnutls_x509_privkey_t key)
{
  gt.gnutls_x509_privkey_deinit (key);
}

static void
crt_free (gnutls_x509_crt_t crt)
{
  gt.gnutls_x509_crt_deinit (crt);
}

G_DEFINE_AUTO_CLEANUP_FREE_FUNC (gnutls_x509_privkey_t, privkey_free, NULL)
G_DEFINE_AUTO_CLEANUP_FREE_FUNC (gnutls_x509_crt_t, crt_free, NULL)

static gboolean
check (int       ret,
       const char *what,
       GError **error)
{
  if (ret >= 0)
    return TRUE;
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "cannot make the certificate (%s): %s",
               what, gt.gnutls_strerror (ret));
  return FALSE;
}

static gboolean
new_key (gnutls_x509_privkey_t  *key,
         GError                **error)
{
  return check (gt.gnutls_x509_privkey_init (key), "key", error) &&
         check (gt.gnutls_x509_privkey_generate (*key, GNUTLS_PK_ECDSA,
                                              GNUTLS_CURVE_TO_BITS (GNUTLS_ECC_CURVE_SECP256R1), 0),
                "key", error);
}

/* The common part of both certificates; @ski receives the subject key id. */
static gboolean
new_crt (gnutls_x509_crt_t      *crt,
         gnutls_x509_privkey_t   key,
         const char             *dn,
         guchar                 *ski,
         size_t                 *ski_size,
         GError                **error)
{
  time_t now = time (NULL);
  guchar serial[16];

  for (guint i = 0; i < sizeof serial; i++)
    serial[i] = (guchar) g_random_int_range (0, 256);
  serial[0] &= 0x7f;   /* positive */

  return check (gt.gnutls_x509_crt_init (crt), "init", error) &&
         check (gt.gnutls_x509_crt_set_version (*crt, 3), "version", error) &&
         check (gt.gnutls_x509_crt_set_serial (*crt, serial, sizeof serial), "serial", error) &&
         check (gt.gnutls_x509_crt_set_activation_time (*crt, now - 3600), "activation", error) &&
         check (gt.gnutls_x509_crt_set_expiration_time (*crt, now + VALIDITY_SECONDS), "expiration", error) &&
         check (gt.gnutls_x509_crt_set_dn (*crt, dn, NULL), "dn", error) &&
         check (gt.gnutls_x509_crt_set_key (*crt, key), "key", error) &&
         check (gt.gnutls_x509_crt_get_key_id (*crt, 0, ski, ski_size), "key id", error) &&
         check (gt.gnutls_x509_crt_set_subject_key_id (*crt, ski, *ski_size), "subject key id", error);
}

static char *
export_crt (gnutls_x509_crt_t crt)
{
  gnutls_datum_t out = { NULL, 0 };
  char *pem;

  if (gt.gnutls_x509_crt_export2 (crt, GNUTLS_X509_FMT_PEM, &out) < 0)
    return NULL;
  pem = g_strndup ((const char *) out.data, out.size);
  (*gt.gnutls_free) (out.data);
  return pem;
}

static char *
export_key (gnutls_x509_privkey_t key)
{
  gnutls_datum_t out = { NULL, 0 };
  char *pem;

  if (gt.gnutls_x509_privkey_export2_pkcs8 (key, GNUTLS_X509_FMT_PEM, NULL, GNUTLS_PKCS_PLAIN, &out) < 0)
    return NULL;
  pem = g_strndup ((const char *) out.data, out.size);
  (*gt.gnutls_free) (out.data);
  return pem;
}

/**
 * _carport_sim_tls_generate:
 * @ca_path: where to write the CA's certificate (PEM)
 *
 * Returns: (transfer full): the server certificate, its key and the CA as
 *   its issuer, for SoupServer:tls-certificate
 */
GTlsCertificate *
_carport_sim_tls_generate (const char  *ca_path,
                           GError     **error)
{
  g_auto(gnutls_x509_privkey_t) ca_key = NULL;
  g_auto(gnutls_x509_privkey_t) key = NULL;
  g_auto(gnutls_x509_crt_t) ca = NULL;
  g_auto(gnutls_x509_crt_t) leaf = NULL;
  g_autofree char *ca_pem = NULL;
  g_autofree char *leaf_pem = NULL;
  g_autofree char *key_pem = NULL;
  g_autofree char *chain = NULL;
  guchar ca_ski[64], leaf_ski[64];
  size_t ca_ski_size = sizeof ca_ski, leaf_ski_size = sizeof leaf_ski;
  static const guchar loopback[4] = { 127, 0, 0, 1 };

  if (!load_gnutls (error))
    return NULL;

  if (!new_key (&ca_key, error) ||
      !new_crt (&ca, ca_key, "CN=carport-simulator CA,O=Carport", ca_ski, &ca_ski_size, error) ||
      !check (gt.gnutls_x509_crt_set_basic_constraints (ca, 1, 0), "CA basic constraints", error) ||
      !check (gt.gnutls_x509_crt_set_key_usage (ca, GNUTLS_KEY_KEY_CERT_SIGN | GNUTLS_KEY_CRL_SIGN),
              "CA key usage", error) ||
      !check (gt.gnutls_x509_crt_sign2 (ca, ca, ca_key, GNUTLS_DIG_SHA256, 0), "CA signature", error))
    return NULL;

  if (!new_key (&key, error) ||
      !new_crt (&leaf, key, "CN=127.0.0.1,O=Carport", leaf_ski, &leaf_ski_size, error) ||
      !check (gt.gnutls_x509_crt_set_basic_constraints (leaf, 0, -1), "basic constraints", error) ||
      !check (gt.gnutls_x509_crt_set_key_usage (leaf, GNUTLS_KEY_DIGITAL_SIGNATURE), "key usage", error) ||
      !check (gt.gnutls_x509_crt_set_key_purpose_oid (leaf, GNUTLS_KP_TLS_WWW_SERVER, 0), "key purpose", error) ||
      !check (gt.gnutls_x509_crt_set_subject_alt_name (leaf, GNUTLS_SAN_IPADDRESS, loopback, sizeof loopback,
                                                    GNUTLS_FSAN_APPEND), "SAN", error) ||
      !check (gt.gnutls_x509_crt_set_subject_alt_name (leaf, GNUTLS_SAN_DNSNAME, "localhost", 9,
                                                    GNUTLS_FSAN_APPEND), "SAN", error) ||
      !check (gt.gnutls_x509_crt_set_authority_key_id (leaf, ca_ski, ca_ski_size), "authority key id", error) ||
      !check (gt.gnutls_x509_crt_sign2 (leaf, ca, ca_key, GNUTLS_DIG_SHA256, 0), "signature", error))
    return NULL;

  ca_pem = export_crt (ca);
  leaf_pem = export_crt (leaf);
  key_pem = export_key (key);
  if (ca_pem == NULL || leaf_pem == NULL || key_pem == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "cannot export the certificate");
      return NULL;
    }
  if (!g_file_set_contents_full (ca_path, ca_pem, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0644, error))
    return NULL;
  chain = g_strconcat (leaf_pem, key_pem, ca_pem, NULL);
  return g_tls_certificate_new_from_pem (chain, -1, error);
}
