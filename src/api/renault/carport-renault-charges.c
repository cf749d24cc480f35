/* carport-renault-charges.c — the charge history of a Renault
 * (kca/car-adapter/v1/cars/{vin}/charges, docs/api-renault.md §c.3). */
#include "config.h"

#define G_LOG_DOMAIN "carport-api"

#include <glib/gi18n.h>

#include <math.h>

#include "carport-json.h"
#include "carport-kamereon-json.h"
#include "carport-renault-charges.h"
#include "carport-renault-models.h"

/* A number, or NAN when absent or not a number. */
static double
member_number (JsonObject *object,
               const char *name)
{
  double value;

  return carport_json_get_number (object, name, &value) ? value : NAN;
}

/* chargeDuration is minutes on some cars and seconds on others (api-renault.md §c.3):
 * take whichever reading agrees with end − start. */
static int
charge_duration_minutes (double      raw,
                         GDateTime  *start,
                         GDateTime  *end,
                         gboolean    minutes_model)
{
  double span = -1;

  if (start != NULL && end != NULL)
    span = (double) g_date_time_difference (end, start) / G_TIME_SPAN_MINUTE;

  if (isnan (raw) || raw < 0)
    return span >= 0 ? (int) lround (span) : -1;

  if (span < 0)
    return minutes_model ? (int) lround (raw) : (int) lround (raw / 60.0);

  if (fabs (raw - span) <= fabs (raw / 60.0 - span))
    return (int) lround (raw);

  return (int) lround (raw / 60.0);
}

/* chargeStartInstantaneousPower: watts on the ZOE phase 1 (as its
 * chargingInstantaneousPower) and wherever a value is past any
 * charger's kilowatts (3100 on a ZE40), kW elsewhere; NAN when absent or
 * implausible. */
static double
start_power_kw (JsonObject *charge,
                gboolean    watts_model)
{
  double power;

  if (!carport_json_get_number_in (charge, "chargeStartInstantaneousPower",
                                   0, CARPORT_KAMEREON_MAX_POWER_KW * 1000.0, &power))
    return NAN;
  if (watts_model || power > CARPORT_KAMEREON_MAX_POWER_KW)
    return power / 1000.0;
  return power;
}

static int
compare_sessions (gconstpointer a,
                  gconstpointer b)
{
  const CarportChargeSession *sa = *(CarportChargeSession * const *) a;
  const CarportChargeSession *sb = *(CarportChargeSession * const *) b;

  if (sa->start == NULL || sb->start == NULL)
    return (sa->start == NULL) - (sb->start == NULL);

  return g_date_time_compare (sa->start, sb->start);
}

GPtrArray *
carport_renault_parse_charges (JsonNode    *root,
                               const char  *model_code,
                               GError     **error)
{
  g_autoptr(GPtrArray) sessions = NULL;
  gboolean minutes_model, watts_model;
  JsonObject *attributes;
  JsonArray *charges;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  attributes = carport_json_get_object (carport_json_get_object (carport_json_node_get_object (root), "data"),
                                        "attributes");
  if (attributes == NULL)
    {
      g_set_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_INVALID_RESPONSE,
                   _("The charge history has an unexpected shape"));
      return NULL;
    }

  minutes_model = g_strcmp0 (model_code, "X101VE") == 0;
  watts_model = carport_renault_model_reports_watts (model_code);
  sessions = g_ptr_array_new_with_free_func ((GDestroyNotify) carport_charge_session_free);
  charges = carport_json_get_array (attributes, "charges");

  for (guint i = 0; charges != NULL && i < json_array_get_length (charges); i++)
    {
      JsonNode *node = json_array_get_element (charges, i);
      JsonObject *charge;
      CarportChargeSession *session;
      double value;
      int level;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      charge = json_node_get_object (node);

      session = carport_charge_session_new ();
      session->start = carport_json_get_time (charge, "chargeStartDate");
      session->end = carport_json_get_time (charge, "chargeEndDate");
      session->duration_minutes = charge_duration_minutes (member_number (charge, "chargeDuration"),
                                                           session->start, session->end,
                                                           minutes_model);
      value = member_number (charge, "chargeStartBatteryLevel");
      session->start_level_percent = isnan (value) ? -1 : (int) lround (value);
      value = member_number (charge, "chargeEndBatteryLevel");
      session->end_level_percent = isnan (value) ? -1 : (int) lround (value);
      session->energy_kwh = member_number (charge, "chargeEnergyRecovered");
      if (carport_json_get_int_in (charge, "chargeBatteryLevelRecovered", 0, 100, &level))
        session->recovered_percent = level;
      session->start_power_kw = start_power_kw (charge, watts_model);
      session->power_kind = g_strdup (carport_json_get_string (charge, "chargePower"));
      session->end_status = g_strdup (carport_json_get_string (charge, "chargeEndStatus"));

      g_ptr_array_add (sessions, session);
    }

  g_ptr_array_sort (sessions, compare_sessions);
  return g_steal_pointer (&sessions);
}
