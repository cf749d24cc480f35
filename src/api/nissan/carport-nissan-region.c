/* carport-nissan-region.c — MyNISSAN's constants and service roots. */
#include "config.h"

#define G_LOG_DOMAIN "carport-api"

#include "carport-nissan-region.h"
#include "carport-http.h"

static const char * const env_names[CARPORT_NISSAN_N_SERVICES] = {
  [CARPORT_NISSAN_SERVICE_AUTH] = "CARPORT_NISSAN_AUTH_URL",
  [CARPORT_NISSAN_SERVICE_BFF] = "CARPORT_NISSAN_BFF_URL",
  [CARPORT_NISSAN_SERVICE_USER_ADAPTER] = "CARPORT_NISSAN_USER_ADAPTER_URL",
  [CARPORT_NISSAN_SERVICE_CAR_ADAPTER] = "CARPORT_NISSAN_CAR_ADAPTER_URL",
  [CARPORT_NISSAN_SERVICE_NOTIFICATIONS] = "CARPORT_NISSAN_NOTIFICATIONS_URL",
  [CARPORT_NISSAN_SERVICE_ACTION_STATUS] = "CARPORT_NISSAN_ACTION_STATUS_URL",
};

static const CarportNissanRegion regions[] = {
  {
    .id = "eu",
    .roots = {
      [CARPORT_NISSAN_SERVICE_AUTH] = "https://login.mynissan-account.com/",
      [CARPORT_NISSAN_SERVICE_BFF] = "https://nci-bff-web-prod.apps.eu2.kamereon.io/bff-web/",
      [CARPORT_NISSAN_SERVICE_USER_ADAPTER] = "https://alliance-platform-usersadapter-prod.apps.eu2.kamereon.io/user-adapter/",
      [CARPORT_NISSAN_SERVICE_CAR_ADAPTER] = "https://alliance-platform-caradapter-prod.apps.eu2.kamereon.io/car-adapter/",
      [CARPORT_NISSAN_SERVICE_NOTIFICATIONS] = "https://alliance-platform-notifications-prod.apps.eu2.kamereon.io/notifications/",
      [CARPORT_NISSAN_SERVICE_ACTION_STATUS] = "https://alliance-platform-action-status-polling-prod.apps.eu2.kamereon.io/",
    },
  },
};

const CarportNissanRegion *
carport_nissan_region_lookup (const char *id)
{
  if (id == NULL || *id == '\0')
    return &regions[0];

  for (gsize i = 0; i < G_N_ELEMENTS (regions); i++)
    if (g_ascii_strcasecmp (regions[i].id, id) == 0)
      return &regions[i];

  return NULL;
}

static const char *
override_for (const char * const  *overrides,
              CarportNissanService service)
{
  const char *value = g_environ_getenv ((char **) overrides, env_names[service]);

  if (value == NULL || *value == '\0')
    value = g_getenv (env_names[service]);

  return (value != NULL && *value != '\0') ? value : NULL;
}

gboolean
carport_nissan_resolve_roots (const CarportNissanRegion  *region,
                              const char * const         *overrides,
                              char                      **roots,
                              GError                    **error)
{
  gboolean any_override = FALSE;

  g_return_val_if_fail (region != NULL, FALSE);
  g_return_val_if_fail (roots != NULL, FALSE);

  for (guint i = 0; i < CARPORT_NISSAN_N_SERVICES; i++)
    if (override_for (overrides, i) != NULL)
      any_override = TRUE;

  for (guint i = 0; i < CARPORT_NISSAN_N_SERVICES; i++)
    {
      const char *value = override_for (overrides, i);
      gboolean optional = i == CARPORT_NISSAN_SERVICE_NOTIFICATIONS ||
                          i == CARPORT_NISSAN_SERVICE_ACTION_STATUS;

      roots[i] = NULL;
      if (value == NULL && optional && any_override)
        continue;

      roots[i] = carport_service_root (NULL, value != NULL ? value : region->roots[i], error);
      if (roots[i] == NULL)
        {
          for (guint j = 0; j < i; j++)
            g_clear_pointer (&roots[j], g_free);
          return FALSE;
        }
      if (value != NULL)
        g_debug ("%s overrides the server address", env_names[i]);
    }

  return TRUE;
}
