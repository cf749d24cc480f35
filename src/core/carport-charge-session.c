/* carport-charge-session.c — one charging session of a car's history. */
#include "config.h"

#define G_LOG_DOMAIN "carport-core"

#include "carport-charge-session.h"

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

  return copy;
}

void
carport_charge_session_free (CarportChargeSession *session)
{
  if (session == NULL)
    return;

  g_clear_pointer (&session->start, g_date_time_unref);
  g_clear_pointer (&session->end, g_date_time_unref);
  g_free (session);
}

G_DEFINE_BOXED_TYPE (CarportChargeSession, carport_charge_session,
                     carport_charge_session_copy, carport_charge_session_free)
