/* carport-renault-client.h — the Renault Kamereon car-adapter client
 * (docs/api-renault.md §b–§e), a CarportVehicleClient: discovery through
 * persons and accounts, reads through the model table, commands and their
 * notifications, charge history. */
#pragma once

#include "carport-core.h"
#include "carport-auth-provider.h"
#include "carport-http.h"
#include "carport-vehicle-client.h"

G_BEGIN_DECLS

#define CARPORT_TYPE_RENAULT_CLIENT (carport_renault_client_get_type ())
G_DECLARE_FINAL_TYPE (CarportRenaultClient, carport_renault_client, CARPORT, RENAULT_CLIENT, CarportVehicleClient)

/* Implements GInitable. Properties (construct-only): auth
 * (CarportAuthProvider), http (CarportHttp), locale ("fr_FR": the country
 * "FR" goes on every call), kamereon-url (an explicit root; when NULL,
 * CARPORT_RENAULT_KAMEREON_URL or else the locale table's; reads back the root
 * in use). Read-only: country.
 *
 * Every call sends the apikey, x-gigya-id_token and Content-Type headers of
 * api-renault.md §b.1. A rejected token (UNAUTHORIZED) is dropped, re-minted and the call
 * retried once. Fails with INVALID_INPUT for an unknown locale, INSECURE_URL
 * for a non-https override. */
CarportRenaultClient *carport_renault_client_new                (CarportAuthProvider  *auth,
                                                                   CarportHttp          *http,
                                                                   const char           *locale,
                                                                   GError              **error);

/* The same with an explicit Kamereon root (NULL: as carport_renault_client_new()). */
CarportRenaultClient *carport_renault_client_new_for_url        (CarportAuthProvider  *auth,
                                                                   CarportHttp          *http,
                                                                   const char           *locale,
                                                                   const char           *kamereon_url,
                                                                   GError              **error);

const char           *carport_renault_client_get_locale       (CarportRenaultClient *self);
const char           *carport_renault_client_get_country      (CarportRenaultClient *self);
const char           *carport_renault_client_get_kamereon_url (CarportRenaultClient *self);

G_END_DECLS
