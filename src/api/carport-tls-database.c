/* carport-tls-database.c — the system's certificate authorities, read once
 * per process (carport-tls-database.h says why).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "carport-api"

#include "carport-tls-database.h"

struct _CarportTlsDatabase
{
  GTlsDatabase parent_instance;
};

G_DEFINE_FINAL_TYPE (CarportTlsDatabase, carport_tls_database, G_TYPE_TLS_DATABASE)

/* The backend's own default database (not the process's default, which is
 * this one once installed): created once by the backend, and thread-safe
 * (GTlsDatabase's async calls run these in worker threads). */
static GTlsDatabase *
system_database (void)
{
  GTlsBackend *backend = g_tls_backend_get_default ();
  GTlsBackendInterface *iface = G_TLS_BACKEND_GET_INTERFACE (backend);

  return iface->get_default_database ? iface->get_default_database (backend) : NULL;
}

static GTlsCertificateFlags
carport_tls_database_verify_chain (GTlsDatabase             *database,
                                   GTlsCertificate          *chain,
                                   const char               *purpose,
                                   GSocketConnectable       *identity,
                                   GTlsInteraction          *interaction,
                                   GTlsDatabaseVerifyFlags   flags,
                                   GCancellable             *cancellable,
                                   GError                  **error)
{
  g_autoptr(GTlsDatabase) system = system_database ();

  if (system == NULL)
    {
      g_set_error_literal (error, G_TLS_ERROR, G_TLS_ERROR_UNAVAILABLE, "No system certificate database");
      return G_TLS_CERTIFICATE_GENERIC_ERROR;
    }
  return g_tls_database_verify_chain (system, chain, purpose, identity, interaction, flags, cancellable, error);
}

static char *
carport_tls_database_create_certificate_handle (GTlsDatabase    *database,
                                                GTlsCertificate *certificate)
{
  g_autoptr(GTlsDatabase) system = system_database ();

  return system ? g_tls_database_create_certificate_handle (system, certificate) : NULL;
}

static GTlsCertificate *
carport_tls_database_lookup_certificate_for_handle (GTlsDatabase             *database,
                                                    const char               *handle,
                                                    GTlsInteraction          *interaction,
                                                    GTlsDatabaseLookupFlags   flags,
                                                    GCancellable             *cancellable,
                                                    GError                  **error)
{
  g_autoptr(GTlsDatabase) system = system_database ();

  if (system == NULL)
    return NULL;
  return g_tls_database_lookup_certificate_for_handle (system, handle, interaction, flags, cancellable, error);
}

static GTlsCertificate *
carport_tls_database_lookup_certificate_issuer (GTlsDatabase             *database,
                                                GTlsCertificate          *certificate,
                                                GTlsInteraction          *interaction,
                                                GTlsDatabaseLookupFlags   flags,
                                                GCancellable             *cancellable,
                                                GError                  **error)
{
  g_autoptr(GTlsDatabase) system = system_database ();

  if (system == NULL)
    return NULL;
  return g_tls_database_lookup_certificate_issuer (system, certificate, interaction, flags, cancellable, error);
}

static GList *
carport_tls_database_lookup_certificates_issued_by (GTlsDatabase             *database,
                                                    GByteArray               *issuer_raw_dn,
                                                    GTlsInteraction          *interaction,
                                                    GTlsDatabaseLookupFlags   flags,
                                                    GCancellable             *cancellable,
                                                    GError                  **error)
{
  g_autoptr(GTlsDatabase) system = system_database ();

  if (system == NULL)
    return NULL;
  return g_tls_database_lookup_certificates_issued_by (system, issuer_raw_dn, interaction, flags, cancellable, error);
}

static void
carport_tls_database_class_init (CarportTlsDatabaseClass *klass)
{
  GTlsDatabaseClass *database_class = G_TLS_DATABASE_CLASS (klass);

  /* GTlsDatabase runs these in a worker thread for the async calls. */
  database_class->verify_chain = carport_tls_database_verify_chain;
  database_class->create_certificate_handle = carport_tls_database_create_certificate_handle;
  database_class->lookup_certificate_for_handle = carport_tls_database_lookup_certificate_for_handle;
  database_class->lookup_certificate_issuer = carport_tls_database_lookup_certificate_issuer;
  database_class->lookup_certificates_issued_by = carport_tls_database_lookup_certificates_issued_by;
}

static void
carport_tls_database_init (CarportTlsDatabase *self)
{
}

void
carport_tls_database_install (void)
{
  static gsize installed = 0;

  if (g_once_init_enter (&installed))
    {
      g_autoptr(GTlsDatabase) database = g_object_new (CARPORT_TYPE_TLS_DATABASE, NULL);

      g_tls_backend_set_default_database (g_tls_backend_get_default (), database);
      g_once_init_leave (&installed, 1);
    }
}
