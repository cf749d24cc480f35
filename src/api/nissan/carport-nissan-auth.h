/* carport-nissan-auth.h — MyNISSAN's OneID login and Kamereon tokens
 * (docs/api-nissan.md §1.2). */
#pragma once

#include "carport-auth-provider.h"
#include "carport-http.h"
#include "carport-nissan-region.h"

G_BEGIN_DECLS

#define CARPORT_TYPE_NISSAN_AUTH (carport_nissan_auth_get_type ())
G_DECLARE_FINAL_TYPE (CarportNissanAuth, carport_nissan_auth, CARPORT, NISSAN_AUTH, CarportAuthProvider)

/* A CarportAuthProvider and a GInitable.
 *
 * refresh-secret is the Kamereon refresh token, and nothing else: the
 * password, the PKCE verifier and the OneID tokens live only for one login.
 * needs-code is always FALSE (OneID asks no code of Carport). person-id is
 * the user-adapter's userId.
 *
 * Properties (construct-only): http (CarportHttp), region (string, NULL =
 * Europe), overrides (strv, nullable: environ-style service roots such as
 * "CARPORT_NISSAN_AUTH_URL=https://127.0.0.1:8443/oneid/", taking precedence
 * over the process environment).
 *
 * Fails with INVALID_INPUT for an unknown region, INSECURE_URL for a
 * non-https root that is not loopback. */
CarportNissanAuth *carport_nissan_auth_new      (CarportHttp         *http,
                                                 const char          *region,
                                                 const char * const  *overrides,
                                                 GError             **error);

CarportHttp       *carport_nissan_auth_get_http (CarportNissanAuth    *self);
/* The root in use for @service, without its trailing slash; NULL for an
 * optional service that is not configured. */
const char        *carport_nissan_auth_get_root (CarportNissanAuth    *self,
                                                 CarportNissanService  service);

G_END_DECLS
