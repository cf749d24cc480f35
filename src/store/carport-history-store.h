/* carport-history-store.h — every reading of every car, kept on disk.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An SQLite database (by default <user data dir>/carport/history.sqlite3;
 * folder 0700, file 0600) with one row per change of a reading: the car's
 * VIN, what was read (CarportReadingKind), when Carport saw it (Unix
 * seconds) and its value. A reading that has not changed since the last row
 * of its car adds nothing. It never holds a secret. The store stays bounded:
 * rows older than retention-days are pruned at each write (0 keeps nothing)
 * and, beyond max-rows, the oldest rows go. All database work runs in one
 * worker thread, in the order it was asked for; a corrupt file is moved
 * aside ("….corrupt") and recreated. Errors are CARPORT_STORE_ERROR_CACHE. */
#pragma once

#include <gio/gio.h>

#include "carport-core.h"

G_BEGIN_DECLS

typedef enum {
  CARPORT_READING_BATTERY_LEVEL,        /* % */
  CARPORT_READING_RANGE,                /* km */
  CARPORT_READING_PLUG,                 /* CarportPlugState */
  CARPORT_READING_CHARGING,             /* CarportChargingState */
  CARPORT_READING_ODOMETER,             /* km */
  CARPORT_READING_LATITUDE,             /* degrees */
  CARPORT_READING_LONGITUDE,            /* degrees */
  CARPORT_READING_OUTSIDE_TEMPERATURE,  /* °C */
  CARPORT_READING_INSIDE_TEMPERATURE,   /* °C */
  CARPORT_READING_CLIMATE,              /* CarportClimateState */
  CARPORT_READING_N_KINDS
} CarportReadingKind;

typedef struct {
  CarportReadingKind kind;
  gint64             time;   /* Unix seconds */
  double             value;
} CarportReading;

/* The kind's name in the database, the CLI and CSV ("battery-level"). */
const char *carport_reading_kind_to_string (CarportReadingKind kind);

/* Every reading @vehicle reports, at @time (Unix seconds). */
GArray     *carport_readings_from_vehicle  (CarportVehicle *vehicle,
                                            gint64          time);

/* A path that keeps the history in memory only (the demo's). */
#define CARPORT_HISTORY_IN_MEMORY ":memory:"

#define CARPORT_HISTORY_DEFAULT_RETENTION_DAYS 365
#define CARPORT_HISTORY_DEFAULT_MAX_ROWS       500000

#define CARPORT_TYPE_HISTORY_STORE (carport_history_store_get_type ())
G_DECLARE_FINAL_TYPE (CarportHistoryStore, carport_history_store, CARPORT, HISTORY_STORE, GObject)

/* Properties:
 *   path (string, construct-only): the database file; NULL means the default.
 *   retention-days (uint): how long rows are kept; 0 keeps nothing.
 *   max-rows (uint): the most rows kept, over every car. */
CarportHistoryStore *carport_history_store_new                (void);
CarportHistoryStore *carport_history_store_new_for_path       (const char          *path);

const char          *carport_history_store_get_path           (CarportHistoryStore *self);
guint                carport_history_store_get_retention_days (CarportHistoryStore *self);
void                 carport_history_store_set_retention_days (CarportHistoryStore *self,
                                                               guint                days);
/* Keeps retention-days bound to the setting history-retention-days when
 * @source (nullable) has Carport's GSettings schema; else (the schema is not
 * installed) the retention stays as it is. Returns whether it is bound. */
gboolean             carport_history_store_follow_settings    (CarportHistoryStore   *self,
                                                               GSettingsSchemaSource *source);
guint                carport_history_store_get_max_rows       (CarportHistoryStore *self);
void                 carport_history_store_set_max_rows       (CarportHistoryStore *self,
                                                               guint                rows);

/* Adds what @vehicle reports now (its readings are taken before this
 * returns). */
void                 carport_history_store_record_async       (CarportHistoryStore *self,
                                                               CarportVehicle      *vehicle,
                                                               GCancellable        *cancellable,
                                                               GAsyncReadyCallback  callback,
                                                               gpointer             user_data);
gboolean             carport_history_store_record_finish      (CarportHistoryStore *self,
                                                               GAsyncResult        *result,
                                                               GError             **error);

/* Adds @readings (CarportReading, each with its own time) of the car @vin:
 * a reading equal to the last row of its kind adds nothing; then prunes. */
void                 carport_history_store_add_async          (CarportHistoryStore *self,
                                                               const char          *vin,
                                                               GArray              *readings,
                                                               GCancellable        *cancellable,
                                                               GAsyncReadyCallback  callback,
                                                               gpointer             user_data);
gboolean             carport_history_store_add_finish         (CarportHistoryStore *self,
                                                               GAsyncResult        *result,
                                                               GError             **error);

/* The rows of @vin from @from to @to (Unix seconds, inclusive; 0 and
 * G_MAXINT64 for no bound), oldest first: a GArray of CarportReading. */
void                 carport_history_store_query_async        (CarportHistoryStore *self,
                                                               const char          *vin,
                                                               gint64               from,
                                                               gint64               to,
                                                               GCancellable        *cancellable,
                                                               GAsyncReadyCallback  callback,
                                                               gpointer             user_data);
GArray              *carport_history_store_query_finish       (CarportHistoryStore *self,
                                                               GAsyncResult        *result,
                                                               GError             **error);

G_END_DECLS
