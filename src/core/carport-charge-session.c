/* carport-charge-session.c — one charging session of a car's history. */
#include "config.h"

#define G_LOG_DOMAIN "carport-core"

#include <math.h>

#include "carport-charge-session.h"

CarportChargeSession *
carport_charge_session_new (void)
{
  CarportChargeSession *session = g_new0 (CarportChargeSession, 1);

  session->duration_minutes = -1;
  session->start_level_percent = -1;
  session->end_level_percent = -1;
  session->energy_kwh = NAN;
  session->start_power_kw = NAN;
  session->recovered_percent = -1;
  return session;
}

CarportChargeSession *
carport_charge_session_copy (const CarportChargeSession *session)
{
  CarportChargeSession *copy;

  g_return_val_if_fail (session != NULL, NULL);

  copy = g_new0 (CarportChargeSession, 1);
  *copy = *session;
  if (session->start != NULL)
    copy->start = g_date_time_ref (session->start);
  if (session->end != NULL)
    copy->end = g_date_time_ref (session->end);
  copy->power_kind = g_strdup (session->power_kind);
  copy->end_status = g_strdup (session->end_status);

  return copy;
}

void
carport_charge_session_free (CarportChargeSession *session)
{
  if (session == NULL)
    return;

  g_clear_pointer (&session->start, g_date_time_unref);
  g_clear_pointer (&session->end, g_date_time_unref);
  g_free (session->power_kind);
  g_free (session->end_status);
  g_free (session);
}

G_DEFINE_BOXED_TYPE (CarportChargeSession, carport_charge_session,
                     carport_charge_session_copy, carport_charge_session_free)
