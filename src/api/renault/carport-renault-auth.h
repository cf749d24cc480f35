/* carport-renault-auth.h — Renault's Gigya login (docs/api-renault.md §a). */
#pragma once

#include "carport-auth-provider.h"
#include "carport-http.h"

G_BEGIN_DECLS

#define CARPORT_TYPE_RENAULT_AUTH (carport_renault_auth_get_type ())
G_DECLARE_FINAL_TYPE (CarportRenaultAuth, carport_renault_auth, CARPORT, RENAULT_AUTH, CarportAuthProvider)

/* A CarportAuthProvider (refresh-secret = the Gigya login token) and a
 * GInitable. Properties: locale (string, construct-only, "fr_FR"), http
 * (CarportHttp, construct-only), gigya-url (string, construct-only: an
 * explicit root; when NULL, CARPORT_RENAULT_GIGYA_URL or else the locale
 * table's; reads back the root in use).
 *
 * Fails with INVALID_INPUT for a locale not in the table, INSECURE_URL for a
 * non-https override. */
CarportRenaultAuth *carport_renault_auth_new           (CarportHttp  *http,
                                                        const char   *locale,
                                                        GError      **error);

/* The same with an explicit Gigya root (NULL: as carport_renault_auth_new()). */
CarportRenaultAuth *carport_renault_auth_new_for_url   (CarportHttp  *http,
                                                        const char   *locale,
                                                        const char   *gigya_url,
                                                        GError      **error);

const char         *carport_renault_auth_get_locale    (CarportRenaultAuth *self);
CarportHttp        *carport_renault_auth_get_http      (CarportRenaultAuth *self);
const char         *carport_renault_auth_get_gigya_url (CarportRenaultAuth *self);

G_END_DECLS
