/* carport-brand.c — the brand registry. */
#include "config.h"

#define G_LOG_DOMAIN "carport-api"

#include "carport-brand.h"
#include "carport-renault-auth.h"
#include "carport-renault-client.h"
#include "carport-nissan-auth.h"
#include "carport-nissan-client.h"

static CarportVehicleClient *
create_renault (CarportHttp         *http,
                const char          *locale,
                const char * const  *overrides,
                GError             **error)
{
  const char *gigya = g_environ_getenv ((char **) overrides, "CARPORT_RENAULT_GIGYA_URL");
  const char *kamereon = g_environ_getenv ((char **) overrides, "CARPORT_RENAULT_KAMEREON_URL");
  g_autoptr(CarportRenaultAuth) auth = NULL;

  auth = carport_renault_auth_new_for_url (http, locale, gigya, error);
  if (auth == NULL)
    return NULL;

  return CARPORT_VEHICLE_CLIENT (carport_renault_client_new_for_url (CARPORT_AUTH_PROVIDER (auth), http,
                                                                     locale, kamereon, error));
}

static gboolean
renault_is_loopback (CarportVehicleClient *client)
{
  CarportRenaultAuth *auth = CARPORT_RENAULT_AUTH (carport_vehicle_client_get_auth (client));

  return carport_url_is_loopback (carport_renault_auth_get_gigya_url (auth)) &&
         carport_url_is_loopback (carport_renault_client_get_kamereon_url (CARPORT_RENAULT_CLIENT (client)));
}

static CarportVehicleClient *
create_nissan (CarportHttp         *http,
               const char          *locale,
               const char * const  *overrides,
               GError             **error)
{
  const char *ca_file = g_environ_getenv ((char **) overrides, "CARPORT_NISSAN_CA_FILE");
  g_autoptr(CarportNissanAuth) auth = NULL;

  /* The simulator's CA, when demo mode hands it over rather than the
   * environment (certificate checks stay on). */
  if (ca_file != NULL && *ca_file != '\0' && !carport_http_add_trusted_ca_file (http, ca_file, error))
    return NULL;

  /* One OneID login serves every European country: the locale is not used. */
  auth = carport_nissan_auth_new (http, NULL, overrides, error);
  if (auth == NULL)
    return NULL;

  return CARPORT_VEHICLE_CLIENT (carport_nissan_client_new (auth, error));
}

static gboolean
nissan_is_loopback (CarportVehicleClient *client)
{
  CarportNissanAuth *auth = CARPORT_NISSAN_AUTH (carport_vehicle_client_get_auth (client));

  for (guint i = 0; i < CARPORT_NISSAN_N_SERVICES; i++)
    {
      const char *root = carport_nissan_auth_get_root (auth, i);

      if (root != NULL && !carport_url_is_loopback (root))
        return FALSE;
    }

  return TRUE;
}

static const CarportBrandInfo brands[] = {
  {
    .id = "renault",
    .brand = CARPORT_BRAND_RENAULT,
    .name = "Renault, Dacia, Alpine",
    .account_name = "MY Renault",
    .default_locale = "fr_FR",
    .has_locale = TRUE,
    .keep_access_token = TRUE,
    .create_client = create_renault,
    .is_loopback = renault_is_loopback,
  },
  {
    .id = "nissan",
    .brand = CARPORT_BRAND_NISSAN,
    .name = "Nissan",
    .account_name = "MyNISSAN",
    .default_locale = "en_GB",
    .has_locale = FALSE,
    .create_client = create_nissan,
    .is_loopback = nissan_is_loopback,
  },
};

const CarportBrandInfo *
carport_brand_registry (guint *n_brands)
{
  if (n_brands != NULL)
    *n_brands = G_N_ELEMENTS (brands);

  return brands;
}

const CarportBrandInfo *
carport_brand_for_brand (CarportBrand brand)
{
  if (brand == CARPORT_BRAND_DACIA || brand == CARPORT_BRAND_ALPINE)
    brand = CARPORT_BRAND_RENAULT;

  for (guint i = 0; i < G_N_ELEMENTS (brands); i++)
    if (brands[i].brand == brand)
      return &brands[i];

  return NULL;
}

const CarportBrandInfo *
carport_brand_lookup (const char *id)
{
  if (id == NULL)
    return NULL;

  return carport_brand_for_brand (carport_enum_from_nick (CARPORT_TYPE_BRAND, id, CARPORT_BRAND_UNKNOWN));
}
