/* carport-brand.h — the brand registry: one row per brand of account.
 *
 * The service knows brands only through this table: what to call them, how
 * an account of that brand logs in, and which client reads its cars. A new
 * brand is a folder under src/api/ and one row in carport-brand.c. */
#pragma once

#include "carport-core.h"
#include "carport-auth-provider.h"
#include "carport-http.h"
#include "carport-vehicle-client.h"

G_BEGIN_DECLS

typedef struct _CarportBrandInfo CarportBrandInfo;

struct _CarportBrandInfo
{
  const char   *id;              /* "renault": stored logins, --brand, the cache */
  CarportBrand  brand;
  const char   *name;            /* "Renault, Dacia, Alpine" (brand names are not translated) */
  const char   *account_name;    /* "MY Renault", "MyNISSAN": the account people log in with */
  const char   *default_locale;  /* when none is given */
  gboolean      has_locale;      /* the locale chooses the servers (Renault) */
  gboolean      keep_access_token; /* the access token may be kept beside the long-lived one
                                    * in the keyring, to spare a request at the next start */

  /* The auth provider and the car client of one account. @overrides is NULL
   * or an environ-style list ("CARPORT_RENAULT_GIGYA_URL=http://…") that
   * takes precedence over the process environment (demo mode, tests). */
  CarportVehicleClient * (*create_client) (CarportHttp          *http,
                                           const char           *locale,
                                           const char * const   *overrides,
                                           GError              **error);
  /* TRUE when every service root @client uses is on this machine (the
   * simulator or a test server): then no proxy is asked. */
  gboolean               (*is_loopback)   (CarportVehicleClient *client);
};

/* The brands people log in with, in the order the login page lists them. */
const CarportBrandInfo *carport_brand_registry (guint *n_brands);
/* The row of @id ("renault", "nissan"; also "dacia" and "alpine", which log
 * in at Renault), or NULL. */
const CarportBrandInfo *carport_brand_lookup   (const char *id);
/* The row that logs in the cars of @brand. */
const CarportBrandInfo *carport_brand_for_brand (CarportBrand brand);

G_END_DECLS
