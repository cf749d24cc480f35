/* carport-history-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Threading: the public functions run on the thread that owns the main
 * context of the caller. Each operation is a GTask pushed to a thread pool
 * of one thread, which runs them in order; the connection is opened lazily
 * there and only ever touched by that thread. Vehicles (GObjects) are read
 * on the calling thread: record takes the readings before queueing. The
 * retention and the row cap are atomics, read by the worker at each write.
 */

#include "config.h"

#define G_LOG_DOMAIN "carport-store"

#include <math.h>

#include <glib/gi18n.h>

#include "carport-credential-store.h"
#include "carport-history-store.h"
#include "carport-sqlite-file.h"

#define SECONDS_PER_DAY 86400

struct _CarportHistoryStore
{
  GObject parent_instance;

  char *path;              /* owned; set at construction, then constant */
  int retention_days;      /* atomic */
  int max_rows;            /* atomic */
  GThreadPool *pool;       /* owned; one thread: the operations in order */

  /* The pool's thread only. */
  sqlite3 *db;             /* owned, nullable until the first operation */
};

G_DEFINE_FINAL_TYPE (CarportHistoryStore, carport_history_store, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PATH,
  PROP_RETENTION_DAYS,
  PROP_MAX_ROWS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const kind_names[CARPORT_READING_N_KINDS] = {
  [CARPORT_READING_BATTERY_LEVEL] = "battery-level",
  [CARPORT_READING_RANGE] = "range",
  [CARPORT_READING_PLUG] = "plug",
  [CARPORT_READING_CHARGING] = "charging",
  [CARPORT_READING_ODOMETER] = "odometer",
  [CARPORT_READING_LATITUDE] = "latitude",
  [CARPORT_READING_LONGITUDE] = "longitude",
  [CARPORT_READING_OUTSIDE_TEMPERATURE] = "outside-temperature",
  [CARPORT_READING_INSIDE_TEMPERATURE] = "inside-temperature",
  [CARPORT_READING_CLIMATE] = "climate",
};

const char *
carport_reading_kind_to_string (CarportReadingKind kind)
{
  g_return_val_if_fail (kind < CARPORT_READING_N_KINDS, NULL);

  return kind_names[kind];
}

static gboolean
kind_from_string (const char         *name,
                  CarportReadingKind *out_kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kind_names); i++)
    if (g_strcmp0 (kind_names[i], name) == 0)
      {
        *out_kind = i;
        return TRUE;
      }

  return FALSE;
}

static void
add_reading (GArray             *readings,
             CarportReadingKind  kind,
             gint64              time,
             double              value,
             gboolean            reported)
{
  CarportReading reading = { kind, time, value };

  if (reported && isfinite (value))
    g_array_append_val (readings, reading);
}

/**
 * carport_readings_from_vehicle:
 *
 * Returns: (transfer full) (element-type CarportReading): what @vehicle
 * reports; nothing for what it does not.
 */
GArray *
carport_readings_from_vehicle (CarportVehicle *vehicle,
                               gint64          time)
{
  CarportBattery *battery = carport_vehicle_get_battery (vehicle);
  CarportCockpit *cockpit = carport_vehicle_get_cockpit (vehicle);
  CarportLocation *location = carport_vehicle_get_location (vehicle);
  CarportClimate *climate = carport_vehicle_get_climate (vehicle);
  GArray *readings = g_array_new (FALSE, FALSE, sizeof (CarportReading));
  int level = carport_battery_get_level_percent (battery);
  CarportPlugState plug = carport_battery_get_plug (battery);
  CarportChargingState charging = carport_battery_get_charging (battery);
  CarportClimateState climate_state = carport_climate_get_state (climate);

  add_reading (readings, CARPORT_READING_BATTERY_LEVEL, time, level, level >= 0);
  add_reading (readings, CARPORT_READING_RANGE, time, carport_battery_get_range_km (battery), TRUE);
  add_reading (readings, CARPORT_READING_PLUG, time, plug, plug != CARPORT_PLUG_STATE_NONE);
  add_reading (readings, CARPORT_READING_CHARGING, time, charging, charging != CARPORT_CHARGING_STATE_NONE);
  add_reading (readings, CARPORT_READING_ODOMETER, time, carport_cockpit_get_mileage_km (cockpit), TRUE);
  add_reading (readings, CARPORT_READING_LATITUDE, time, carport_location_get_latitude (location), TRUE);
  add_reading (readings, CARPORT_READING_LONGITUDE, time, carport_location_get_longitude (location), TRUE);
  add_reading (readings, CARPORT_READING_OUTSIDE_TEMPERATURE, time, carport_climate_get_outside_c (climate), TRUE);
  add_reading (readings, CARPORT_READING_INSIDE_TEMPERATURE, time, carport_climate_get_inside_c (climate), TRUE);
  add_reading (readings, CARPORT_READING_CLIMATE, time, climate_state, climate_state != CARPORT_CLIMATE_STATE_NONE);

  return readings;
}

typedef enum {
  OP_ADD,
  OP_QUERY,
} Operation;

typedef struct
{
  Operation op;
  char *vin;
  GArray *readings;     /* OP_ADD: owned CarportReading */
  gint64 from;          /* OP_QUERY */
  gint64 to;            /* OP_QUERY */
} OperationData;

static void
operation_data_free (OperationData *data)
{
  g_free (data->vin);
  g_clear_pointer (&data->readings, g_array_unref);
  g_free (data);
}

/* Database access: the pool's thread. */

static int
setup_db (sqlite3 *db)
{
  return sqlite3_exec (db,
                       "CREATE TABLE IF NOT EXISTS readings ("
                       "  vin TEXT NOT NULL,"
                       "  kind TEXT NOT NULL,"
                       "  at INTEGER NOT NULL,"
                       "  value REAL NOT NULL"
                       ");"
                       "CREATE INDEX IF NOT EXISTS readings_by_car ON readings (vin, kind, at);"
                       "CREATE INDEX IF NOT EXISTS readings_by_time ON readings (at);",
                       NULL, NULL, NULL);
}


static gboolean
prepare_file (CarportHistoryStore  *self,
              GError              **error)
{
  if (g_strcmp0 (self->path, CARPORT_HISTORY_IN_MEMORY) == 0)
    return TRUE;
  return carport_sqlite_prepare_file (self->path,
                                      _("Carport could not create the folder “%s” for the history of your cars: %s."),
                                      _("Carport could not open “%s” for the history of your cars: %s."),
                                      error);
}

static gboolean
prepare_and_open (CarportHistoryStore  *self,
                  GError              **error)
{
  int rc;

  if (!prepare_file (self, error))
    return FALSE;
  rc = carport_sqlite_open_checked (self->path, setup_db, &self->db);
  if (rc == SQLITE_OK)
    return TRUE;

  if (carport_sqlite_is_corrupt (rc))
    {
      carport_sqlite_move_aside (self->path);
      if (prepare_file (self, error) && carport_sqlite_open_checked (self->path, setup_db, &self->db) == SQLITE_OK)
        return TRUE;
    }

  if (error != NULL && *error == NULL)
    g_set_error (error, CARPORT_STORE_ERROR, CARPORT_STORE_ERROR_CACHE,
                 _("Carport could not open the database “%s” for the history of your cars."),
                 self->path);
  return FALSE;
}

/* A damaged file found while in use is replaced by a new one. */
static gboolean
recreate_db (CarportHistoryStore  *self,
             GError              **error)
{
  g_clear_pointer (&self->db, sqlite3_close_v2);
  carport_sqlite_move_aside (self->path);

  return prepare_and_open (self, error);
}

static gboolean
ensure_db (CarportHistoryStore  *self,
           GError              **error)
{
  return self->db != NULL || prepare_and_open (self, error);
}

static int
exec_bound (sqlite3    *db,
            const char *sql,
            gint64      value)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return rc;

  sqlite3_bind_int64 (stmt, 1, value);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);

  return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

static int
exec_prune (CarportHistoryStore *self)
{
  guint days = (guint) g_atomic_int_get (&self->retention_days);
  guint max_rows = (guint) g_atomic_int_get (&self->max_rows);
  int rc;

  if (days == 0)
    return sqlite3_exec (self->db, "DELETE FROM readings", NULL, NULL, NULL);

  rc = exec_bound (self->db, "DELETE FROM readings WHERE at < ?1",
                   g_get_real_time () / G_USEC_PER_SEC - (gint64) days * SECONDS_PER_DAY);
  if (rc != SQLITE_OK)
    return rc;

  return exec_bound (self->db,
                     "DELETE FROM readings WHERE rowid IN ("
                     "  SELECT rowid FROM readings ORDER BY at, rowid"
                     "  LIMIT max (0, (SELECT count (*) FROM readings) - ?1))",
                     max_rows);
}

/* Whether the last row of @kind for @vin holds @value. */
static int
is_unchanged (sqlite3        *db,
              const char     *vin,
              CarportReading *reading,
              gboolean       *out_unchanged)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db,
                           "SELECT value FROM readings WHERE vin = ?1 AND kind = ?2"
                           " ORDER BY at DESC, rowid DESC LIMIT 1",
                           -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return rc;

  sqlite3_bind_text (stmt, 1, vin, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, kind_names[reading->kind], -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  *out_unchanged = rc == SQLITE_ROW && sqlite3_column_double (stmt, 0) == reading->value;
  sqlite3_finalize (stmt);

  return rc == SQLITE_ROW || rc == SQLITE_DONE ? SQLITE_OK : rc;
}

static int
insert_reading (sqlite3        *db,
                const char     *vin,
                CarportReading *reading)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, "INSERT INTO readings (vin, kind, at, value) VALUES (?1, ?2, ?3, ?4)",
                           -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return rc;

  sqlite3_bind_text (stmt, 1, vin, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, kind_names[reading->kind], -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, reading->time);
  sqlite3_bind_double (stmt, 4, reading->value);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);

  return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

static int
exec_add (CarportHistoryStore *self,
          OperationData       *data)
{
  int rc;

  rc = sqlite3_exec (self->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    return rc;

  for (guint i = 0; rc == SQLITE_OK && i < data->readings->len; i++)
    {
      CarportReading *reading = &g_array_index (data->readings, CarportReading, i);
      gboolean unchanged = FALSE;

      rc = is_unchanged (self->db, data->vin, reading, &unchanged);
      if (rc == SQLITE_OK && !unchanged)
        rc = insert_reading (self->db, data->vin, reading);
    }

  if (rc == SQLITE_OK)
    rc = exec_prune (self);
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (self->db, "COMMIT", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);

  return rc;
}

static int
exec_query (CarportHistoryStore *self,
            OperationData       *data,
            GArray              *rows)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (self->db,
                           "SELECT kind, at, value FROM readings"
                           " WHERE vin = ?1 AND at >= ?2 AND at <= ?3 ORDER BY at, rowid",
                           -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return rc;

  sqlite3_bind_text (stmt, 1, data->vin, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, data->from);
  sqlite3_bind_int64 (stmt, 3, data->to);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CarportReading reading;

      if (!kind_from_string ((const char *) sqlite3_column_text (stmt, 0), &reading.kind))
        continue;
      reading.time = sqlite3_column_int64 (stmt, 1);
      reading.value = sqlite3_column_double (stmt, 2);
      g_array_append_val (rows, reading);
    }
  sqlite3_finalize (stmt);

  return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

static int
run_operation (CarportHistoryStore *self,
               OperationData       *data,
               GArray              *rows)
{
  return data->op == OP_ADD ? exec_add (self, data) : exec_query (self, data, rows);
}

/* The pool's function: one operation. */
static void
operation_thread (gpointer task_pointer,
                  gpointer self_pointer)
{
  g_autoptr(GTask) task = task_pointer;
  CarportHistoryStore *self = self_pointer;
  OperationData *data = g_task_get_task_data (task);
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (CarportReading));
  g_autoptr(GError) error = NULL;
  int rc;

  if (g_task_return_error_if_cancelled (task))
    return;

  if (!ensure_db (self, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  rc = run_operation (self, data, rows);
  if (carport_sqlite_is_corrupt (rc))
    {
      /* What was read is suspect: start over with nothing. */
      g_array_set_size (rows, 0);
      if (recreate_db (self, &error))
        rc = run_operation (self, data, rows);
    }
  if (rc != SQLITE_OK && error == NULL)
    {
      g_debug ("History operation failed: %s (%d)",
               self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc), rc);
      error = carport_sqlite_error (data->op == OP_ADD ? _("Carport could not save the history of your car.")
                                                : _("Carport could not read the history of your car."));
    }

  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else if (data->op == OP_ADD)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_pointer (task, g_steal_pointer (&rows), (GDestroyNotify) g_array_unref);
}

/* Public API. */

void
carport_history_store_add_async (CarportHistoryStore *self,
                                 const char          *vin,
                                 GArray              *readings,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  OperationData *data;

  g_return_if_fail (CARPORT_IS_HISTORY_STORE (self));
  g_return_if_fail (readings != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, carport_history_store_add_async);
  if (vin == NULL || *vin == '\0')
    {
      g_task_return_error (task, carport_sqlite_error (_("Carport could not save the history of a car without a VIN.")));
      return;
    }

  data = g_new0 (OperationData, 1);
  data->op = OP_ADD;
  data->vin = g_strdup (vin);
  data->readings = g_array_ref (readings);
  g_task_set_task_data (task, data, (GDestroyNotify) operation_data_free);
  g_thread_pool_push (self->pool, g_steal_pointer (&task), NULL);
}

gboolean
carport_history_store_add_finish (CarportHistoryStore  *self,
                                  GAsyncResult         *result,
                                  GError              **error)
{
  g_return_val_if_fail (CARPORT_IS_HISTORY_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
carport_history_store_record_async (CarportHistoryStore *self,
                                    CarportVehicle      *vehicle,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GArray) readings = NULL;

  g_return_if_fail (CARPORT_IS_VEHICLE (vehicle));

  readings = carport_readings_from_vehicle (vehicle, g_get_real_time () / G_USEC_PER_SEC);
  carport_history_store_add_async (self, carport_vehicle_get_vin (vehicle), readings,
                                   cancellable, callback, user_data);
}

gboolean
carport_history_store_record_finish (CarportHistoryStore  *self,
                                     GAsyncResult         *result,
                                     GError              **error)
{
  return carport_history_store_add_finish (self, result, error);
}

void
carport_history_store_query_async (CarportHistoryStore *self,
                                   const char          *vin,
                                   gint64               from,
                                   gint64               to,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  OperationData *data;

  g_return_if_fail (CARPORT_IS_HISTORY_STORE (self));
  g_return_if_fail (vin != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, carport_history_store_query_async);

  data = g_new0 (OperationData, 1);
  data->op = OP_QUERY;
  data->vin = g_strdup (vin);
  data->from = from;
  data->to = to;
  g_task_set_task_data (task, data, (GDestroyNotify) operation_data_free);
  g_thread_pool_push (self->pool, g_steal_pointer (&task), NULL);
}

/**
 * carport_history_store_query_finish:
 *
 * Returns: (transfer full) (element-type CarportReading): the rows.
 */
GArray *
carport_history_store_query_finish (CarportHistoryStore  *self,
                                    GAsyncResult         *result,
                                    GError              **error)
{
  g_return_val_if_fail (CARPORT_IS_HISTORY_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == carport_history_store_query_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

const char *
carport_history_store_get_path (CarportHistoryStore *self)
{
  g_return_val_if_fail (CARPORT_IS_HISTORY_STORE (self), NULL);

  return self->path;
}

guint
carport_history_store_get_retention_days (CarportHistoryStore *self)
{
  g_return_val_if_fail (CARPORT_IS_HISTORY_STORE (self), 0);

  return (guint) g_atomic_int_get (&self->retention_days);
}

void
carport_history_store_set_retention_days (CarportHistoryStore *self,
                                          guint                days)
{
  g_return_if_fail (CARPORT_IS_HISTORY_STORE (self));

  if (carport_history_store_get_retention_days (self) == days)
    return;
  g_atomic_int_set (&self->retention_days, (int) days);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RETENTION_DAYS]);
}

guint
carport_history_store_get_max_rows (CarportHistoryStore *self)
{
  g_return_val_if_fail (CARPORT_IS_HISTORY_STORE (self), 0);

  return (guint) g_atomic_int_get (&self->max_rows);
}

void
carport_history_store_set_max_rows (CarportHistoryStore *self,
                                    guint                rows)
{
  g_return_if_fail (CARPORT_IS_HISTORY_STORE (self));

  if (carport_history_store_get_max_rows (self) == rows)
    return;
  g_atomic_int_set (&self->max_rows, (int) rows);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_ROWS]);
}

/* GObject */

static void
carport_history_store_constructed (GObject *object)
{
  CarportHistoryStore *self = (CarportHistoryStore *) object;

  G_OBJECT_CLASS (carport_history_store_parent_class)->constructed (object);

  if (self->path == NULL)
    self->path = g_build_filename (g_get_user_data_dir (), "carport", "history.sqlite3", NULL);
}

static void
carport_history_store_finalize (GObject *object)
{
  CarportHistoryStore *self = (CarportHistoryStore *) object;

  /* Every queued operation holds a reference: none is left, and the pool's
   * thread is done with the database. Not waiting: this may run in that
   * thread, when it dropped the last reference. */
  g_thread_pool_free (self->pool, FALSE, FALSE);
  g_clear_pointer (&self->db, sqlite3_close_v2);
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (carport_history_store_parent_class)->finalize (object);
}

static void
carport_history_store_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  CarportHistoryStore *self = CARPORT_HISTORY_STORE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;

    case PROP_RETENTION_DAYS:
      g_value_set_uint (value, carport_history_store_get_retention_days (self));
      break;

    case PROP_MAX_ROWS:
      g_value_set_uint (value, carport_history_store_get_max_rows (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carport_history_store_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  CarportHistoryStore *self = CARPORT_HISTORY_STORE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_assert (self->path == NULL);
      self->path = g_value_dup_string (value);
      break;

    case PROP_RETENTION_DAYS:
      carport_history_store_set_retention_days (self, g_value_get_uint (value));
      break;

    case PROP_MAX_ROWS:
      carport_history_store_set_max_rows (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carport_history_store_class_init (CarportHistoryStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  carport_sqlite_configure ();

  object_class->constructed = carport_history_store_constructed;
  object_class->finalize = carport_history_store_finalize;
  object_class->get_property = carport_history_store_get_property;
  object_class->set_property = carport_history_store_set_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));
  properties[PROP_RETENTION_DAYS] =
    g_param_spec_uint ("retention-days", NULL, NULL,
                       0, 36500, CARPORT_HISTORY_DEFAULT_RETENTION_DAYS,
                       (G_PARAM_READWRITE |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));
  properties[PROP_MAX_ROWS] =
    g_param_spec_uint ("max-rows", NULL, NULL,
                       1, G_MAXINT, CARPORT_HISTORY_DEFAULT_MAX_ROWS,
                       (G_PARAM_READWRITE |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
carport_history_store_init (CarportHistoryStore *self)
{
  self->retention_days = CARPORT_HISTORY_DEFAULT_RETENTION_DAYS;
  self->max_rows = CARPORT_HISTORY_DEFAULT_MAX_ROWS;
  self->pool = g_thread_pool_new (operation_thread, self, 1, FALSE, NULL);
}

/**
 * carport_history_store_new:
 *
 * Returns: (transfer full): the history in the user data dir.
 */
CarportHistoryStore *
carport_history_store_new (void)
{
  return g_object_new (CARPORT_TYPE_HISTORY_STORE, NULL);
}

gboolean
carport_history_store_follow_settings (CarportHistoryStore   *self,
                                       GSettingsSchemaSource *source)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) settings = NULL;

  g_return_val_if_fail (CARPORT_IS_HISTORY_STORE (self), FALSE);

  /* The schema id is the same in every profile (data/meson.build). */
  if (source)
    schema = g_settings_schema_source_lookup (source, "io.github.carport.Carport", TRUE);
  if (!schema || !g_settings_schema_has_key (schema, "history-retention-days"))
    {
      g_debug ("No GSettings schema: the history keeps %u days", self->retention_days);
      return FALSE;
    }
  settings = g_settings_new_full (schema, NULL, NULL);
  g_settings_bind (settings, "history-retention-days", self, "retention-days", G_SETTINGS_BIND_GET);
  return TRUE;
}

/**
 * carport_history_store_new_for_path:
 * @path: (nullable): the database file, or %NULL for the default
 *
 * Returns: (transfer full): a history in @path.
 */
CarportHistoryStore *
carport_history_store_new_for_path (const char *path)
{
  return g_object_new (CARPORT_TYPE_HISTORY_STORE, "path", path, NULL);
}
