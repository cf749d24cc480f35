/* carport-renault-models.h — what each Renault model supports, and how
 * (docs/api-renault.md §c.5), plus the locale table (api-renault.md §a.4) and the service
 * roots it gives. */
#pragma once

#include <json-glib/json-glib.h>
#include "carport-core.h"
#include "carport-api-error.h"

G_BEGIN_DECLS

typedef enum {
  CARPORT_ACTION_MODE_DEFAULT,           /* KCA JSON:API as in api-renault.md §c.4 */
  CARPORT_ACTION_MODE_KCA_STOP,          /* hvac stop with "action":"stop" */
  CARPORT_ACTION_MODE_KCM,               /* KCM JSON:API (charge/start, charge/schedule) */
  CARPORT_ACTION_MODE_KCM_PAUSE_RESUME,  /* KCM charge/pause-resume */
  CARPORT_ACTION_MODE_KCM_SETTINGS,      /* KCM ev/settings read-modify-write */
  CARPORT_ACTION_MODE_KCM_PLAIN,         /* KCM plain JSON (ev/soc-levels) */
  CARPORT_ACTION_MODE_SRP,               /* SRP-guarded (§e.2): the PIN's proof or verifier first */
} CarportActionMode;

typedef struct {
  const char        *path;   /* relative to {root}/commerce/v1/accounts/{account}/kamereon/, "{vin}" substituted */
  CarportActionMode  mode;
} CarportEndpointDef;

/* NULL when the model does not offer it. Unknown models get the defaults. */
const CarportEndpointDef *carport_renault_model_get_endpoint (const char *model_code, CarportEndpoint endpoint);
const CarportEndpointDef *carport_renault_model_get_action   (const char *model_code, CarportCommandKind kind);
guint    carport_renault_model_supported_endpoints (const char *model_code);  /* CarportVehicle mask */
guint    carport_renault_model_supported_commands  (const char *model_code);
/* @commands without engine start and stop when @energy has no engine (an
 * electric car, or one whose energy is not known). */
guint    carport_renault_model_drop_engineless     (guint commands, CarportEnergy energy);
gboolean carport_renault_model_reports_watts       (const char *model_code);  /* X101VE */
/* Whether the model's table leaves charge-history, hvac-history or
 * hvac-sessions supported (unknown models: yes). */
gboolean carport_renault_model_reads_usage         (const char *model_code, CarportUsageSource source);
gboolean carport_renault_model_is_known            (const char *model_code);
/* The climate target temperatures the model takes (every model: 15–25 °C in 0.5 steps). */
void     carport_renault_model_get_climate_range   (const char *model_code, CarportClimateRange *out_range);
/* Whether the car's charge start takes a start time (the KCM charge/start,
 * §c.4): the capability charge-start-time. */
gboolean carport_renault_model_takes_charge_start_time (const char *model_code);
/* The model's name from the table ("ZOE phase 1"), or NULL when unknown. */
const char *carport_renault_model_get_name         (const char *model_code);
/* The model's name as people write it, from the label Renault's servers
 * send in capitals ("MEGANE E-TECH" → "Megane E-Tech", "RENAULT 5" →
 * "Renault 5"; "ZOE" stays). NULL for NULL or blank. */
char       *carport_renault_model_normalize_name  (const char *label);

/* The JSON body for @command on @model_code (mode as above), or NULL with
 * INVALID_INPUT when a parameter is out of range. For KCM_SETTINGS @current is
 * the ev/settings object just read; for CHARGE_SCHEDULE / HVAC_SCHEDULE it may
 * be a KCA schedules document (charging-settings / hvac-settings attributes),
 * else the command's "schedules" are sent; otherwise NULL. NOT_SUPPORTED when
 * the model does not offer @command. */
char *carport_renault_build_action_body (const char     *model_code,
                                         CarportCommand *command,
                                         JsonNode       *current,
                                         GError        **error);

/* The KCA "schedules" document ({"schedules":[{id, activated, monday..sunday:
 * slot or null}]}) for the charge (@climate FALSE) or climate programmes in
 * @schedules (CarportSchedule items, e.g. the charge settings' list; entries
 * with the same id are merged). Pass it as @current to
 * carport_renault_build_action_body() for CHARGE_SCHEDULE / HVAC_SCHEDULE.
 * INVALID_INPUT for local-time (KCM) programmes, bad ids or times. */
JsonNode *carport_renault_schedules_to_json (GListModel  *schedules,
                                             gboolean     climate,
                                             GError     **error);

typedef struct {
  const char *locale;        /* "fr_FR" */
  const char *gigya_url;
  const char *gigya_key;
  const char *kamereon_url;
  const char *kamereon_key;
} CarportRenaultLocale;

const CarportRenaultLocale *carport_renault_locale_lookup (const char *locale); /* NULL if unknown */

typedef enum {
  CARPORT_RENAULT_SERVICE_GIGYA,     /* CARPORT_RENAULT_GIGYA_URL */
  CARPORT_RENAULT_SERVICE_KAMEREON,  /* CARPORT_RENAULT_KAMEREON_URL */
} CarportRenaultService;

/* The entry of @locale, with in @root where @service is reached: @root as
 * given when not NULL or empty (demo mode, tests), else the service's
 * environment variable when set, else the locale's default; checked and
 * trimmed by carport_service_root(). NULL with INVALID_INPUT for an unknown
 * locale, or the error of carport_service_root(); @root is left as it was. */
const CarportRenaultLocale *carport_renault_locale_resolve (const char            *locale,
                                                            CarportRenaultService  service,
                                                            char                 **root,
                                                            GError               **error);
const CarportRenaultLocale *carport_renault_locales       (guint *n_locales);
/* "FR" for "fr_FR" (the last two characters). */
char *carport_renault_locale_country (const char *locale);

G_END_DECLS
