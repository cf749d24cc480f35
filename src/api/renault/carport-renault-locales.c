/* carport-renault-locales.c — Renault's locale table (docs/api-renault.md
 * api-renault.md §a.4): the servers and keys of each country, and where a service is
 * reached (carport-renault-models.h declares it).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#define G_LOG_DOMAIN "carport-api"

#include <string.h>

#include <glib/gi18n.h>

#include "carport-http.h"
#include "carport-renault-models.h"

#define GIGYA_URL_EU "https://accounts.eu1.gigya.com"
#define GIGYA_URL_US "https://accounts.us1.gigya.com"
#define GIGYA_KEY_EU "3_VgdkgtIRH3AdHvJm-cjV2ug2EFE0lxt0IJzMC4MFqZjFpn_GYFXVdNZ19L7wZX0N"
#define KAMEREON_URL_EU "https://api-wired-prod-1-euw1.wrd-aws.com"
#define KAMEREON_URL_US "https://api-wired-prod-1-usw2.wrd-aws.com"
#define KAMEREON_APIKEY "YjkKtHmGfaceeuExUDKGxrLZGGvtVS0J"

static const CarportRenaultLocale locales[] = {
  { "bg_BG", GIGYA_URL_EU, GIGYA_KEY_EU, KAMEREON_URL_EU, KAMEREON_APIKEY },
  { "cs_CZ", GIGYA_URL_EU, GIGYA_KEY_EU, KAMEREON_URL_EU, KAMEREON_APIKEY },
  { "da_DK", GIGYA_URL_EU, GIGYA_KEY_EU, KAMEREON_URL_EU, KAMEREON_APIKEY },
  { "de_DE", GIGYA_URL_EU, GIGYA_KEY_EU, KAMEREON_URL_EU, KAMEREON_APIKEY },
  { "de_AT", GIGYA_URL_EU, GIGYA_KEY_EU, KAMEREON_URL_EU, KAMEREON_APIKEY },
  { "de_CH", GIGYA_URL_EU, GIGYA_KEY_EU, KAMEREON_URL_EU, KAMEREON_APIKEY },
  { "en_GB", GIGYA_URL_EU, GIGYA_KEY_EU, KAMEREON_URL_EU, KAMEREON_APIKEY },
  { "en_IE", GIGYA_URL_EU, GIGYA_KEY_EU, KAMEREON_URL_EU, KAMEREON_APIKEY },
  { "es_ES", GIGYA_URL_EU, GIGYA_KEY_EU, KAMEREON_URL_EU, KAMEREON_APIKEY },
  { "fi_FI", GIGYA_URL_EU, GIGYA_KEY_EU, KAMEREON_URL_EU, KAMEREON_APIKEY },
  { "fr_FR", GIGYA_URL_EU, GIGYA_KEY_EU, KAMEREON_URL_EU, KAMEREON_APIKEY },
  { "fr_BE", GIGYA_URL_EU, GIGYA_KEY_EU, KAMEREON_URL_EU, KAMEREON_APIKEY },
  { "fr_CH", GIGYA_URL_EU, GIGYA_KEY_EU, KAMEREON_URL_EU, KAMEREON_APIKEY },
  { "hr_HR", GIGYA_URL_EU, GIGYA_KEY_EU, KAMEREON_URL_EU, KAMEREON_APIKEY },
  { "hu_HU", GIGYA_URL_EU, GIGYA_KEY_EU, KAMEREON_URL_EU, KAMEREON_APIKEY },
  { "it_IT", GIGYA_URL_EU, GIGYA_KEY_EU, KAMEREON_URL_EU, KAMEREON_APIKEY },
  { "it_CH", GIGYA_URL_EU, GIGYA_KEY_EU, KAMEREON_URL_EU, KAMEREON_APIKEY },
  { "nl_NL", GIGYA_URL_EU, GIGYA_KEY_EU, KAMEREON_URL_EU, KAMEREON_APIKEY },
  { "nl_BE", GIGYA_URL_EU, GIGYA_KEY_EU, KAMEREON_URL_EU, KAMEREON_APIKEY },
  { "no_NO", GIGYA_URL_EU, GIGYA_KEY_EU, KAMEREON_URL_EU, KAMEREON_APIKEY },
  { "pl_PL", GIGYA_URL_EU, GIGYA_KEY_EU, KAMEREON_URL_EU, KAMEREON_APIKEY },
  { "pt_PT", GIGYA_URL_EU, GIGYA_KEY_EU, KAMEREON_URL_EU, KAMEREON_APIKEY },
  { "ro_RO", GIGYA_URL_EU, GIGYA_KEY_EU, KAMEREON_URL_EU, KAMEREON_APIKEY },
  { "ru_RU", GIGYA_URL_EU, GIGYA_KEY_EU, KAMEREON_URL_EU, KAMEREON_APIKEY },
  { "sk_SK", GIGYA_URL_EU, GIGYA_KEY_EU, KAMEREON_URL_EU, KAMEREON_APIKEY },
  { "sl_SI", GIGYA_URL_EU, GIGYA_KEY_EU, KAMEREON_URL_EU, KAMEREON_APIKEY },
  { "sv_SE", GIGYA_URL_EU, GIGYA_KEY_EU, KAMEREON_URL_EU, KAMEREON_APIKEY },
  { "fr_LU", GIGYA_URL_EU, "3_zt44Wl_wT9mnqn-BHrR19PvXj3wYRPQKLcPbGWawlatFR837KdxSZZStbBTDaqnb", KAMEREON_URL_EU, KAMEREON_APIKEY },
  { "es_MX", GIGYA_URL_US, "4_yTFqPSsGxVyRXPZUM7t1Iw", KAMEREON_URL_US, KAMEREON_APIKEY },
};

const CarportRenaultLocale *
carport_renault_locales (guint *n_locales)
{
  if (n_locales != NULL)
    *n_locales = G_N_ELEMENTS (locales);

  return locales;
}

const CarportRenaultLocale *
carport_renault_locale_lookup (const char *locale)
{
  char normalized[6];

  if (locale == NULL || strlen (locale) != 5)
    return NULL;

  /* "fr_FR", also written "fr-FR" or "FR_fr". */
  normalized[0] = g_ascii_tolower (locale[0]);
  normalized[1] = g_ascii_tolower (locale[1]);
  normalized[2] = locale[2] == '-' ? '_' : locale[2];
  normalized[3] = g_ascii_toupper (locale[3]);
  normalized[4] = g_ascii_toupper (locale[4]);
  normalized[5] = '\0';

  for (gsize i = 0; i < G_N_ELEMENTS (locales); i++)
    if (strcmp (locales[i].locale, normalized) == 0)
      return &locales[i];

  return NULL;
}

const CarportRenaultLocale *
carport_renault_locale_resolve (const char            *locale,
                                CarportRenaultService  service,
                                char                 **root,
                                GError               **error)
{
  const CarportRenaultLocale *entry = carport_renault_locale_lookup (locale);
  gboolean gigya = service == CARPORT_RENAULT_SERVICE_GIGYA;
  char *resolved;

  g_return_val_if_fail (root != NULL, NULL);

  if (entry == NULL)
    {
      g_set_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_INVALID_INPUT,
                   _("The country “%s” is not supported"), locale ? locale : "");
      return NULL;
    }

  if (*root != NULL && **root != '\0')
    resolved = carport_service_root (NULL, *root, error);  /* checked like an override */
  else
    resolved = carport_service_root (gigya ? "CARPORT_RENAULT_GIGYA_URL" : "CARPORT_RENAULT_KAMEREON_URL",
                                     gigya ? entry->gigya_url : entry->kamereon_url, error);
  if (resolved == NULL)
    return NULL;

  g_free (*root);
  *root = resolved;
  return entry;
}

char *
carport_renault_locale_country (const char *locale)
{
  gsize len;

  if (locale == NULL)
    return NULL;

  len = strlen (locale);
  if (len < 2 || !g_ascii_isalpha (locale[len - 2]) || !g_ascii_isalpha (locale[len - 1]))
    return NULL;

  return g_ascii_strup (locale + len - 2, 2);
}
