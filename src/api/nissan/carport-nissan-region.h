/* carport-nissan-region.h — MyNISSAN's constants and service roots (docs/api-nissan.md §1.1, §1.2).
 *
 * One table per region, so that the next change of host or client (Nissan
 * changed them in 2022, 2024, 2025 and 2026) is one edit. Only Europe is
 * served: Japan and North America are other stacks. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CARPORT_NISSAN_CLIENT_ID       "ZM3WK7ax1OtQKYQ8Qqzcv5VgiA8a"
#define CARPORT_NISSAN_ONEID_SCOPE     "openid name profile email offline_access"
#define CARPORT_NISSAN_KAMEREON_SCOPE  "openid profile vehicles"
#define CARPORT_NISSAN_REDIRECT_URI    "com://wso2.service.nci"
#define CARPORT_NISSAN_REDIRECT_SCHEME "com"
#define CARPORT_NISSAN_REDIRECT_HOST   "wso2.service.nci"
#define CARPORT_NISSAN_PLATFORM        "Android"
#define CARPORT_NISSAN_BRAND           "Nissan"
#define CARPORT_NISSAN_APP             "mynissanapp"
#define CARPORT_NISSAN_LOCALE          "en_GB"
#define CARPORT_NISSAN_RESET_SITE      "https://login.mynissan-account.com"

typedef enum {
  CARPORT_NISSAN_SERVICE_AUTH,           /* OneID (WSO2) */
  CARPORT_NISSAN_SERVICE_BFF,            /* bff-web: tokens, cars, v3 battery */
  CARPORT_NISSAN_SERVICE_USER_ADAPTER,   /* users/current */
  CARPORT_NISSAN_SERVICE_CAR_ADAPTER,    /* reads and actions */
  CARPORT_NISSAN_SERVICE_NOTIFICATIONS,  /* optional */
  CARPORT_NISSAN_SERVICE_ACTION_STATUS,  /* optional: action-status polling */
  CARPORT_NISSAN_N_SERVICES
} CarportNissanService;

typedef struct {
  const char *id;                              /* "eu" */
  const char *roots[CARPORT_NISSAN_N_SERVICES]; /* each ends with '/' */
} CarportNissanRegion;

/* The region table's row for @id (NULL or "" gives Europe), or NULL. */
const CarportNissanRegion *carport_nissan_region_lookup (const char *id);


/* Resolves every service root of @region into @roots (each without its
 * trailing slash): an override from @overrides (environ-style, nullable)
 * first, then the process environment, then the table. Overrides follow
 * carport_service_root(): https, or http to a loopback host. When any root
 * is overridden (the simulator, a test server), an optional service that is
 * not overridden is left NULL rather than pointing at Nissan's real hosts.
 * On failure @roots is left cleared. */
gboolean    carport_nissan_resolve_roots    (const CarportNissanRegion  *region,
                                             const char * const         *overrides,
                                             char                      **roots,
                                             GError                    **error);

G_END_DECLS
