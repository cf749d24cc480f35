/* carport-history.h — a car's past: the charging sessions and climate use
 * the cloud reports, merged with what the history store recorded, and
 * their CSV export. Shared by carport-cli and the History page. */
#pragma once

#include <gio/gio.h>

#include "carport-core.h"
#include "carport-history-store.h"
#include "carport-session.h"

G_BEGIN_DECLS

/* A time the climate control was on. */
typedef struct {
  gint64 start;   /* Unix seconds */
  gint64 end;     /* Unix seconds; the last reading that saw it on */
} CarportClimateRun;

/* The charging sessions in @readings (CarportReading, oldest first): each
 * run of "charging" readings, with the battery level at its first and last
 * reading. A GPtrArray of CarportChargeSession, oldest first. */
GPtrArray *carport_history_charges_from_readings (GArray *readings);
/* The runs of "climate on" in @readings: a GArray of CarportClimateRun. */
GArray    *carport_history_climate_from_readings (GArray *readings);

/* The average power of @session in kW, NAN when unknown. */
double     carport_charge_session_average_power_kw (const CarportChargeSession *session);

/* The readings of @vehicle from @from to @to (Unix seconds) in the
 * session's history store; empty when it keeps none. */
void       carport_history_get_readings_async  (CarportSession      *session,
                                                CarportVehicle      *vehicle,
                                                gint64               from,
                                                gint64               to,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
GArray    *carport_history_get_readings_finish (GAsyncResult        *result,
                                                GError             **error);

/* The charging sessions of @vehicle between two days: the cloud's (where
 * the car reports them), else those the history store saw.
 * *@out_reported: whether the car reports its charging sessions. */
void       carport_history_get_charges_async   (CarportSession      *session,
                                                CarportVehicle      *vehicle,
                                                GDateTime           *from,
                                                GDateTime           *to,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
GPtrArray *carport_history_get_charges_finish  (GAsyncResult        *result,
                                                gboolean            *out_reported,
                                                GError             **error);

/* The climate runs of @vehicle between two days: the cloud's climate
 * sessions (hvac-sessions, where the car reports some), else the runs the
 * history store saw. *@out_reported: whether the car reports its sessions. */
void       carport_history_get_climate_async   (CarportSession      *session,
                                                CarportVehicle      *vehicle,
                                                GDateTime           *from,
                                                GDateTime           *to,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
GArray    *carport_history_get_climate_finish  (GAsyncResult        *result,
                                                gboolean            *out_reported,
                                                GError             **error);

/* CSV (RFC 4180, a header row, times in ISO 8601 UTC, numbers with a dot). */
char      *carport_history_readings_csv        (GArray    *readings);
char      *carport_history_charges_csv         (GPtrArray *charges);
char      *carport_history_climate_csv         (GArray    *runs);

/* Writes @csv to @file in a worker thread (replacing it). */
void       carport_history_write_csv_async     (GFile               *file,
                                                const char          *csv,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
gboolean   carport_history_write_csv_finish    (GFile               *file,
                                                GAsyncResult        *result,
                                                GError             **error);

G_END_DECLS
