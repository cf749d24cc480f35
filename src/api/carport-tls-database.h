/* carport-tls-database.h — the system's certificate authorities, read once
 * per process.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every question (verify a chain, look up an issuer…) goes to the TLS
 * backend's default database, unchanged: Carport trusts exactly what the
 * system trusts. It exists because glib-networking 2.74 reads the whole
 * system trust store again for each TLS connection whose database is its
 * own type (~4 MB of memory and ~15 ms each: a Nissan status opens four);
 * with a database of another type it asks that database instead. The
 * default database is fetched at the first question, so a run that never
 * speaks TLS reads no certificates at all. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define CARPORT_TYPE_TLS_DATABASE (carport_tls_database_get_type ())
G_DECLARE_FINAL_TYPE (CarportTlsDatabase, carport_tls_database, CARPORT, TLS_DATABASE, GTlsDatabase)

/* Makes it the process's default TLS database, once: every TLS connection
 * of the process (Carport's, the map's tiles) then verifies with it. It
 * loads GIO's TLS backend: CarportHttp calls it before its first HTTPS
 * request, so that plain HTTP to loopback loads no TLS. */
void carport_tls_database_install (void);

G_END_DECLS
