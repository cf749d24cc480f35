/* carport-charge-session.h — one charging session of a car's history. */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* One charging session from the "charges" endpoint (api-renault.md §c.3). */
typedef struct {
  GDateTime *start;                 /* nullable */
  GDateTime *end;                   /* nullable */
  int        duration_minutes;      /* -1 unknown; checked against end − start */
  int        start_level_percent;   /* -1 unknown */
  int        end_level_percent;     /* -1 unknown */
  double     energy_kwh;            /* NAN unknown */
  double     start_power_kw;        /* NAN unknown; the power when it began */
  int        recovered_percent;     /* -1 unknown; battery level gained */
  char      *power_kind;            /* nullable; the maker's word: "slow", "fast", … */
  char      *end_status;            /* nullable; "ok", "error", … */
} CarportChargeSession;

/* A session that knows nothing yet: numbers unknown, strings and times NULL. */
CarportChargeSession *carport_charge_session_new      (void);

#define CARPORT_TYPE_CHARGE_SESSION (carport_charge_session_get_type ())
GType                 carport_charge_session_get_type (void) G_GNUC_CONST;
CarportChargeSession *carport_charge_session_copy     (const CarportChargeSession *session);
void                  carport_charge_session_free     (CarportChargeSession *session);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CarportChargeSession, carport_charge_session_free)

G_END_DECLS
