/* carport-state-cache.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Threading: the public functions run on the thread that owns the main
 * context the cache was created in. Each operation is a GTask; they are
 * queued here and run one at a time with g_task_run_in_thread(), so they
 * reach the database in the order they were asked for. The connection is
 * opened lazily by the first operation and is only touched from worker
 * threads, with db_mutex held. Vehicles (GObjects) are only touched on the
 * main thread: save serializes before queueing, load deserializes in its
 * finish function.
 */

#include "config.h"

#define G_LOG_DOMAIN "carport-store"

#include <errno.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "carport-credential-store.h"
#include "carport-sqlite-file.h"
#include "carport-state-cache.h"

struct _CarportStateCache
{
  GObject parent_instance;

  char *path;            /* owned; set at construction, then constant */
  char *legacy_path;     /* owned, nullable: where Carport kept the default file before it went to the cache folder */
  GMainContext *context; /* owned; where queued operations are started */

  /* Main thread only. */
  GQueue pending;        /* owned Job *, not yet started */
  gboolean running;      /* an operation is in a worker thread */

  /* Worker threads only, with db_mutex held. */
  GMutex db_mutex;
  sqlite3 *db;           /* owned, nullable until the first operation */
};

G_DEFINE_FINAL_TYPE (CarportStateCache, carport_state_cache, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PATH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  GTask *task;           /* owned */
  GTaskThreadFunc func;
} Job;

typedef struct
{
  char *owner;
  char *vin;
  char *account_id;      /* nullable */
  GBytes *state;         /* the serialized a{sv}, normal form */
} SaveData;

typedef struct
{
  char *vin;
  GVariant *state;       /* a{sv}, normal form */
} CachedRow;

static void
save_data_free (SaveData *data)
{
  g_free (data->owner);
  g_free (data->vin);
  g_free (data->account_id);
  g_clear_pointer (&data->state, g_bytes_unref);
  g_free (data);
}

static void
cached_row_free (CachedRow *row)
{
  g_free (row->vin);
  g_clear_pointer (&row->state, g_variant_unref);
  g_free (row);
}

/* Database access: worker threads, db_mutex held. */

static gboolean
prepare_file (const char  *path,
              GError     **error)
{
  return carport_sqlite_prepare_file (path,
                                      _("Carport could not create the folder “%s” for the last known state of your cars: %s."),
                                      _("Carport could not open “%s” for the last known state of your cars: %s."),
                                      error);
}

/* Databases of Carport before several accounts have no owner column: add
 * it. Their rows get the owner "", which every owner sees. */
static int
migrate_owner (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  gboolean has_owner = FALSE;
  int rc;

  rc = sqlite3_prepare_v2 (db, "SELECT name FROM pragma_table_info('vehicles')", -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "owner") == 0)
        has_owner = TRUE;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return rc;

  if (has_owner)
    return SQLITE_OK;

  g_debug ("Adding the owner column to the state cache");
  return sqlite3_exec (db, "ALTER TABLE vehicles ADD COLUMN owner TEXT NOT NULL DEFAULT ''",
                       NULL, NULL, NULL);
}

/* Returns an SQLite result code: SQLITE_OK, or why the database is unusable. */
static int
setup_db (sqlite3 *db)
{
  int rc;

  /* IMMEDIATE: another Carport process opening the same file at the same
   * time waits (busy timeout) instead of adding the column twice. */
  rc = sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    return rc;

  /* owner is last so that new and migrated tables have the same columns. */
  rc = sqlite3_exec (db,
                     "CREATE TABLE IF NOT EXISTS vehicles ("
                     "  vin TEXT PRIMARY KEY,"
                     "  account_id TEXT,"
                     "  saved_at INTEGER,"
                     "  state BLOB,"
                     "  owner TEXT NOT NULL DEFAULT ''"
                     ")",
                     NULL, NULL, NULL);
  if (rc == SQLITE_OK)
    rc = migrate_owner (db);

  if (rc == SQLITE_OK)
    rc = sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);

  return rc;
}


/* Moves a damaged database to "<path>.corrupt" (replacing an older one),
 * drops its journals and creates an empty one. */
static gboolean
recreate_db (CarportStateCache  *self,
             GError            **error)
{
  int rc;

  g_clear_pointer (&self->db, sqlite3_close_v2);
  carport_sqlite_move_aside (self->path);

  if (!prepare_file (self->path, error))
    return FALSE;

  rc = carport_sqlite_open_checked (self->path, setup_db, &self->db);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, CARPORT_STORE_ERROR, CARPORT_STORE_ERROR_CACHE,
                   _("Carport could not create a new database for the last known state of your cars in “%s”."),
                   self->path);
      return FALSE;
    }

  return TRUE;
}

/* Moves the file (and its journal) from where Carport kept it before, the
 * first time the default one is opened and is not there yet. */
static void
move_legacy_file (CarportStateCache *self)
{
  g_autofree char *dir = NULL;

  if (self->legacy_path == NULL || g_file_test (self->path, G_FILE_TEST_EXISTS) ||
      !g_file_test (self->legacy_path, G_FILE_TEST_IS_REGULAR))
    return;
  dir = g_path_get_dirname (self->path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    return;  /* prepare_file() says why */
  for (const char * const *suffix = (const char * const[]) { "", "-journal", "-wal", "-shm", NULL }; *suffix; suffix++)
    {
      g_autofree char *from = g_strconcat (self->legacy_path, *suffix, NULL);
      g_autofree char *to = g_strconcat (self->path, *suffix, NULL);

      if (g_file_test (from, G_FILE_TEST_EXISTS) && g_rename (from, to) != 0)
        g_debug ("Cannot move %s to %s: %s", from, to, g_strerror (errno));
    }
}

static gboolean
ensure_db (CarportStateCache  *self,
           GError            **error)
{
  int rc;

  if (self->db != NULL)
    return TRUE;

  move_legacy_file (self);
  if (!prepare_file (self->path, error))
    return FALSE;

  rc = carport_sqlite_open_checked (self->path, setup_db, &self->db);
  if (carport_sqlite_is_corrupt (rc))
    return recreate_db (self, error);

  if (rc != SQLITE_OK)
    {
      g_set_error (error, CARPORT_STORE_ERROR, CARPORT_STORE_ERROR_CACHE,
                   _("Carport could not open the database “%s” for the last known state of your cars."),
                   self->path);
      return FALSE;
    }

  return TRUE;
}

static int
exec_save (sqlite3  *db,
           SaveData *data)
{
  sqlite3_stmt *stmt = NULL;
  gsize size = 0;
  gconstpointer bytes = g_bytes_get_data (data->state, &size);
  int rc;

  rc = sqlite3_prepare_v2 (db,
                           "INSERT INTO vehicles (vin, account_id, saved_at, state, owner)"
                           " VALUES (?1, ?2, ?3, ?4, ?5)"
                           " ON CONFLICT (vin) DO UPDATE SET"
                           "  account_id = excluded.account_id,"
                           "  saved_at = excluded.saved_at,"
                           "  state = excluded.state,"
                           "  owner = excluded.owner",
                           -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return rc;

  sqlite3_bind_text (stmt, 1, data->vin, -1, SQLITE_STATIC);
  if (data->account_id != NULL)
    sqlite3_bind_text (stmt, 2, data->account_id, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, 2);
  sqlite3_bind_int64 (stmt, 3, g_get_real_time () / G_USEC_PER_SEC);
  /* A zero-length blob is still a blob (an empty a{sv}), not NULL. */
  sqlite3_bind_blob64 (stmt, 4, size > 0 ? bytes : "", size, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, data->owner, -1, SQLITE_STATIC);

  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);

  return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* The rows of @owner and the rows without an owner; every row when @owner
 * is NULL. */
static int
exec_load (sqlite3    *db,
           const char *owner,
           GPtrArray  *rows)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db,
                           "SELECT vin, state FROM vehicles"
                           " WHERE ?1 IS NULL OR owner = ?1 OR owner = ''"
                           " ORDER BY rowid",
                           -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return rc;

  if (owner != NULL)
    sqlite3_bind_text (stmt, 1, owner, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, 1);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *vin = (const char *) sqlite3_column_text (stmt, 0);
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GVariant) state = NULL;
      const char *inner_vin = NULL;
      CachedRow *row;

      if (vin == NULL || *vin == '\0' || !g_utf8_validate (vin, -1, NULL))
        {
          g_debug ("Skipping a cached state without a valid VIN");
          continue;
        }

      if (sqlite3_column_type (stmt, 1) != SQLITE_BLOB)
        {
          g_debug ("Skipping the cached state of %s: it is not a blob", vin);
          continue;
        }

      /* Copied: the GVariant must outlive the statement and be aligned. */
      bytes = g_bytes_new (sqlite3_column_blob (stmt, 1), sqlite3_column_bytes (stmt, 1));
      state = g_variant_ref_sink (g_variant_new_from_bytes (G_VARIANT_TYPE_VARDICT, bytes, FALSE));
      if (!g_variant_is_normal_form (state))
        {
          g_debug ("Skipping the cached state of %s: it is not a valid a{sv}", vin);
          continue;
        }

      if (!g_variant_lookup (state, "vin", "&s", &inner_vin) || g_strcmp0 (inner_vin, vin) != 0)
        {
          g_debug ("Skipping the cached state of %s: it describes another car", vin);
          continue;
        }

      row = g_new0 (CachedRow, 1);
      row->vin = g_strdup (vin);
      row->state = g_steal_pointer (&state);
      g_ptr_array_add (rows, row);
    }

  sqlite3_finalize (stmt);

  return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* Deletes what exec_load() would read for @owner: its rows and the rows
 * without an owner (they may be its cars); every row when @owner is NULL. */
static int
exec_clear (sqlite3    *db,
            const char *owner)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (owner == NULL)
    return sqlite3_exec (db, "DELETE FROM vehicles", NULL, NULL, NULL);

  rc = sqlite3_prepare_v2 (db, "DELETE FROM vehicles WHERE owner = ?1 OR owner = ''", -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return rc;

  sqlite3_bind_text (stmt, 1, owner, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);

  return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* The queue: main thread. */

static void run_next (CarportStateCache *self);

static gboolean
job_done_cb (gpointer user_data)
{
  CarportStateCache *self = user_data;

  self->running = FALSE;
  run_next (self);

  return G_SOURCE_REMOVE;
}

static void
run_next (CarportStateCache *self)
{
  Job *job;

  if (self->running)
    return;

  job = g_queue_pop_head (&self->pending);
  if (job == NULL)
    return;

  self->running = TRUE;
  g_task_run_in_thread (job->task, job->func);
  g_object_unref (job->task);
  g_free (job);
}

/* Takes @task. */
static void
enqueue (CarportStateCache *self,
         GTask             *task,
         GTaskThreadFunc    func)
{
  Job *job = g_new0 (Job, 1);

  job->task = task;
  job->func = func;
  g_queue_push_tail (&self->pending, job);

  run_next (self);
}

/* Called by every thread function when it is done with the database. */
static void
job_done (CarportStateCache *self)
{
  /* Not g_main_context_invoke(): it would run the callback right here in
   * the worker thread whenever the main context is not being iterated. */
  g_autoptr(GSource) source = g_idle_source_new ();

  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, job_done_cb, g_object_ref (self), g_object_unref);
  g_source_set_static_name (source, "[carport] state cache job done");
  g_source_attach (source, self->context);
}

/* Thread functions. */

static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  CarportStateCache *self = source_object;
  SaveData *data = task_data;
  g_autoptr(GError) error = NULL;
  int rc;

  if (g_task_return_error_if_cancelled (task))
    {
      job_done (self);
      return;
    }

  g_mutex_lock (&self->db_mutex);

  if (!ensure_db (self, &error))
    goto out;

  rc = exec_save (self->db, data);
  if (carport_sqlite_is_corrupt (rc) && recreate_db (self, &error))
    rc = exec_save (self->db, data);
  if (rc != SQLITE_OK && error == NULL)
    {
      g_debug ("Cannot save the state of %s: %s (%d)", data->vin,
               self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc), rc);
      error = carport_sqlite_error (_("Carport could not save the last known state of your car."));
    }

out:
  g_mutex_unlock (&self->db_mutex);

  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);

  job_done (self);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  CarportStateCache *self = source_object;
  const char *owner = task_data;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) cached_row_free);
  g_autoptr(GError) error = NULL;
  int rc;

  if (g_task_return_error_if_cancelled (task))
    {
      job_done (self);
      return;
    }

  g_mutex_lock (&self->db_mutex);

  if (!ensure_db (self, &error))
    goto out;

  rc = exec_load (self->db, owner, rows);
  if (carport_sqlite_is_corrupt (rc))
    {
      /* Whatever was read is suspect: start over with nothing. */
      g_ptr_array_set_size (rows, 0);
      if (recreate_db (self, &error))
        rc = SQLITE_OK;
    }
  if (rc != SQLITE_OK && error == NULL)
    {
      g_debug ("Cannot load the cached states: %s (%d)",
               self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc), rc);
      error = carport_sqlite_error (_("Carport could not read the last known state of your cars."));
    }

out:
  g_mutex_unlock (&self->db_mutex);

  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, g_steal_pointer (&rows), (GDestroyNotify) g_ptr_array_unref);

  job_done (self);
}

static void
clear_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  CarportStateCache *self = source_object;
  const char *owner = task_data;
  g_autoptr(GError) error = NULL;
  int rc;

  if (g_task_return_error_if_cancelled (task))
    {
      job_done (self);
      return;
    }

  g_mutex_lock (&self->db_mutex);

  if (!ensure_db (self, &error))
    goto out;

  rc = exec_clear (self->db, owner);
  /* A new, empty database is as clear as it gets. */
  if (carport_sqlite_is_corrupt (rc) && recreate_db (self, &error))
    rc = SQLITE_OK;
  if (rc != SQLITE_OK && error == NULL)
    {
      g_debug ("Cannot clear the cached states: %s (%d)",
               self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc), rc);
      error = carport_sqlite_error (_("Carport could not remove the saved state of your cars."));
    }

out:
  g_mutex_unlock (&self->db_mutex);

  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);

  job_done (self);
}

/* Public API: main thread. */

void
carport_state_cache_save_async (CarportStateCache   *self,
                                const char          *owner,
                                CarportVehicle      *vehicle,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GVariant) variant = NULL;
  g_autoptr(GVariant) normal = NULL;
  const char *vin;
  SaveData *data;

  g_return_if_fail (CARPORT_IS_STATE_CACHE (self));
  g_return_if_fail (owner != NULL && *owner != '\0');
  g_return_if_fail (CARPORT_IS_VEHICLE (vehicle));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, carport_state_cache_save_async);

  vin = carport_vehicle_get_vin (vehicle);
  if (vin == NULL || *vin == '\0')
    {
      g_task_return_error (task, carport_sqlite_error (_("Carport could not save the state of a car without a VIN.")));
      return;
    }

  /* take_ref: correct whether serialize returns a floating or a full ref. */
  variant = g_variant_take_ref (carport_vehicle_serialize (vehicle));
  if (variant == NULL || !g_variant_is_of_type (variant, G_VARIANT_TYPE_VARDICT))
    {
      g_task_return_error (task, carport_sqlite_error (_("Carport could not save the last known state of your car.")));
      return;
    }

  normal = g_variant_get_normal_form (variant);

  data = g_new0 (SaveData, 1);
  data->owner = g_strdup (owner);
  data->vin = g_strdup (vin);
  data->account_id = g_strdup (carport_vehicle_get_account_id (vehicle));
  data->state = g_variant_get_data_as_bytes (normal);
  g_task_set_task_data (task, data, (GDestroyNotify) save_data_free);

  enqueue (self, g_steal_pointer (&task), save_thread);
}

gboolean
carport_state_cache_save_finish (CarportStateCache  *self,
                                 GAsyncResult       *result,
                                 GError            **error)
{
  g_return_val_if_fail (CARPORT_IS_STATE_CACHE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == carport_state_cache_save_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
carport_state_cache_load_async (CarportStateCache   *self,
                                const char          *owner,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CARPORT_IS_STATE_CACHE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, carport_state_cache_load_async);
  g_task_set_task_data (task, g_strdup (owner), g_free);

  enqueue (self, g_steal_pointer (&task), load_thread);
}

/**
 * carport_state_cache_load_finish:
 *
 * Returns: (transfer container) (element-type CarportVehicle): the saved cars.
 */
GPtrArray *
carport_state_cache_load_finish (CarportStateCache  *self,
                                 GAsyncResult       *result,
                                 GError            **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  GPtrArray *vehicles;

  g_return_val_if_fail (CARPORT_IS_STATE_CACHE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == carport_state_cache_load_async, NULL);

  rows = g_task_propagate_pointer (G_TASK (result), error);
  if (rows == NULL)
    return NULL;

  vehicles = g_ptr_array_new_full (rows->len, g_object_unref);
  for (guint i = 0; i < rows->len; i++)
    {
      CachedRow *row = g_ptr_array_index (rows, i);
      g_autoptr(CarportVehicle) vehicle = carport_vehicle_new_from_variant (row->state);

      if (vehicle == NULL || g_strcmp0 (carport_vehicle_get_vin (vehicle), row->vin) != 0)
        {
          g_debug ("Skipping the cached state of %s: it does not describe that car", row->vin);
          continue;
        }

      g_ptr_array_add (vehicles, g_steal_pointer (&vehicle));
    }

  return vehicles;
}

void
carport_state_cache_clear_async (CarportStateCache   *self,
                                 const char          *owner,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CARPORT_IS_STATE_CACHE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, carport_state_cache_clear_async);
  g_task_set_task_data (task, g_strdup (owner), g_free);

  enqueue (self, g_steal_pointer (&task), clear_thread);
}

gboolean
carport_state_cache_clear_finish (CarportStateCache  *self,
                                  GAsyncResult       *result,
                                  GError            **error)
{
  g_return_val_if_fail (CARPORT_IS_STATE_CACHE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == carport_state_cache_clear_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* GObject */

static void
carport_state_cache_constructed (GObject *object)
{
  CarportStateCache *self = (CarportStateCache *) object;

  G_OBJECT_CLASS (carport_state_cache_parent_class)->constructed (object);

  if (self->path == NULL)
    {
      self->path = g_build_filename (g_get_user_cache_dir (), "carport", "state.sqlite3", NULL);
      self->legacy_path = g_build_filename (g_get_user_data_dir (), "carport", "state.sqlite3", NULL);
    }
}

static void
carport_state_cache_finalize (GObject *object)
{
  CarportStateCache *self = (CarportStateCache *) object;

  /* Every queued or running operation holds a reference: none is left. */
  g_assert (g_queue_is_empty (&self->pending));

  g_clear_pointer (&self->db, sqlite3_close_v2);
  g_mutex_clear (&self->db_mutex);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->legacy_path, g_free);

  G_OBJECT_CLASS (carport_state_cache_parent_class)->finalize (object);
}

static void
carport_state_cache_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  CarportStateCache *self = CARPORT_STATE_CACHE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carport_state_cache_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  CarportStateCache *self = CARPORT_STATE_CACHE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_assert (self->path == NULL);
      self->path = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carport_state_cache_class_init (CarportStateCacheClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  carport_sqlite_configure ();

  object_class->constructed = carport_state_cache_constructed;
  object_class->finalize = carport_state_cache_finalize;
  object_class->get_property = carport_state_cache_get_property;
  object_class->set_property = carport_state_cache_set_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
carport_state_cache_init (CarportStateCache *self)
{
  g_mutex_init (&self->db_mutex);
  g_queue_init (&self->pending);
  self->context = g_main_context_ref_thread_default ();
}

/**
 * carport_state_cache_new:
 *
 * Returns: (transfer full): the cache in the user data dir.
 */
CarportStateCache *
carport_state_cache_new (void)
{
  return g_object_new (CARPORT_TYPE_STATE_CACHE, NULL);
}

/**
 * carport_state_cache_new_for_path:
 * @path: (nullable): the database file, or %NULL for the default
 *
 * Returns: (transfer full): a cache in @path.
 */
CarportStateCache *
carport_state_cache_new_for_path (const char *path)
{
  return g_object_new (CARPORT_TYPE_STATE_CACHE, "path", path, NULL);
}

const char *
carport_state_cache_get_path (CarportStateCache *self)
{
  g_return_val_if_fail (CARPORT_IS_STATE_CACHE (self), NULL);

  return self->path;
}
