/* carport-sim-tls.h — a certificate authority made at start, for the https hosts (not public API)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

GTlsCertificate *_carport_sim_tls_generate (const char  *ca_path,
                                            GError     **error);

G_END_DECLS
