/* test-state-cache.c — CarportStateCache on real SQLite files.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>
#include <sys/stat.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "carport-credential-store.h"
#include "carport-sqlite-file.h"
#include "carport-state-cache.h"
#include "store-test-utils.h"
#include "store-test-vehicle.h"

/* Owners as the service names them. */
#define OWNER_A "renault:anne@example.com"
#define OWNER_B "nissan:bert@example.com"

static char *
test_dir (void)
{
  /* G_TEST_OPTION_ISOLATE_DIRS: a fresh folder per test, removed after. */
  return g_build_filename (g_get_user_cache_dir (), "state-cache-test", NULL);
}

static char *
test_path (void)
{
  g_autofree char *dir = test_dir ();

  return g_build_filename (dir, "state.sqlite3", NULL);
}

static gboolean
save_for (CarportStateCache  *cache,
          const char         *owner,
          CarportVehicle     *vehicle,
          GError            **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  carport_state_cache_save_async (cache, owner, vehicle, NULL, store_test_result_cb, &result);
  store_test_wait (&result);
  return carport_state_cache_save_finish (cache, result, error);
}

static gboolean
save (CarportStateCache  *cache,
      CarportVehicle     *vehicle,
      GError            **error)
{
  return save_for (cache, OWNER_A, vehicle, error);
}

static GPtrArray *
load_for (CarportStateCache  *cache,
          const char         *owner,
          GError            **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  carport_state_cache_load_async (cache, owner, NULL, store_test_result_cb, &result);
  store_test_wait (&result);
  return carport_state_cache_load_finish (cache, result, error);
}

static gboolean
clear_for (CarportStateCache  *cache,
           const char         *owner,
           GError            **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  carport_state_cache_clear_async (cache, owner, NULL, store_test_result_cb, &result);
  store_test_wait (&result);
  return carport_state_cache_clear_finish (cache, result, error);
}

/* Load and clear for the owner that save() uses. */
static GPtrArray *
load (CarportStateCache  *cache,
      GError            **error)
{
  return load_for (cache, OWNER_A, error);
}

static gboolean
clear (CarportStateCache  *cache,
       GError            **error)
{
  return clear_for (cache, OWNER_A, error);
}

static void
finalize_cache (CarportStateCache *cache)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  /* A worker thread of GTask may drop its reference to the task (and so to
   * the cache) just after the callback ran on this thread. */
  while (g_atomic_int_get (&G_OBJECT (cache)->ref_count) > 1 &&
         g_get_monotonic_time () < deadline)
    {
      store_test_drain ();
      g_usleep (1000);
    }

  g_assert_finalize_object (cache);
}

static void
test_round_trip (void)
{
  g_autofree char *path = test_path ();
  g_autoptr(CarportStateCache) cache = carport_state_cache_new_for_path (path);
  g_autoptr(CarportVehicle) vehicle = store_test_full_vehicle ("VF1AG000000000001");
  g_autoptr(GPtrArray) loaded = NULL;
  g_autoptr(GError) error = NULL;
  CarportVehicle *copy;

  store_test_assert_all_set (G_OBJECT (vehicle), "vehicle");
  g_assert_cmpstr (carport_state_cache_get_path (cache), ==, path);

  g_assert_true (save (cache, vehicle, &error));
  g_assert_no_error (error);
  finalize_cache (g_steal_pointer (&cache));

  /* A new cache object reads it from the file. */
  cache = carport_state_cache_new_for_path (path);
  loaded = load (cache, &error);
  g_assert_no_error (error);
  g_assert_nonnull (loaded);
  g_assert_cmpuint (loaded->len, ==, 1);

  copy = g_ptr_array_index (loaded, 0);
  g_assert_true (CARPORT_IS_VEHICLE (copy));
  g_assert_true (carport_vehicle_get_from_cache (copy));
  g_assert_false (carport_vehicle_get_from_cache (vehicle));
  store_test_assert_objects_equal (G_OBJECT (vehicle), G_OBJECT (copy), "vehicle");

  finalize_cache (g_steal_pointer (&cache));
}

static void
test_empty (void)
{
  g_autofree char *path = test_path ();
  g_autoptr(CarportStateCache) cache = carport_state_cache_new_for_path (path);
  g_autoptr(GPtrArray) loaded = NULL;
  g_autoptr(GError) error = NULL;

  /* Nothing saved yet, and not even a file: an empty list. */
  loaded = load (cache, &error);
  g_assert_no_error (error);
  g_assert_nonnull (loaded);
  g_assert_cmpuint (loaded->len, ==, 0);

  finalize_cache (g_steal_pointer (&cache));
}

static void
test_overwrite (void)
{
  g_autofree char *path = test_path ();
  g_autoptr(CarportStateCache) cache = carport_state_cache_new_for_path (path);
  g_autoptr(CarportVehicle) a = store_test_full_vehicle ("VF1AG000000000001");
  g_autoptr(CarportVehicle) b = store_test_full_vehicle ("VF1AG000000000002");
  g_autoptr(GPtrArray) loaded = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (save (cache, a, &error));
  g_assert_no_error (error);
  g_assert_true (save (cache, b, &error));
  g_assert_no_error (error);

  carport_battery_set_level_percent (carport_vehicle_get_battery (a), 99);
  carport_vehicle_set_account_id (a, "account-2");
  carport_charge_settings_set_schedules (carport_vehicle_get_charge_settings (a), TRUE, NULL);
  g_assert_true (save (cache, a, &error));
  g_assert_no_error (error);

  loaded = load (cache, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (loaded->len, ==, 2);

  /* Still in the order they were first saved. */
  g_assert_cmpstr (carport_vehicle_get_vin (g_ptr_array_index (loaded, 0)), ==, "VF1AG000000000001");
  g_assert_cmpstr (carport_vehicle_get_vin (g_ptr_array_index (loaded, 1)), ==, "VF1AG000000000002");
  g_assert_cmpint (carport_battery_get_level_percent (carport_vehicle_get_battery (g_ptr_array_index (loaded, 0))), ==, 99);
  store_test_assert_objects_equal (G_OBJECT (a), g_ptr_array_index (loaded, 0), "a");
  store_test_assert_objects_equal (G_OBJECT (b), g_ptr_array_index (loaded, 1), "b");

  finalize_cache (g_steal_pointer (&cache));
}

static void
test_clear (void)
{
  g_autofree char *path = test_path ();
  g_autoptr(CarportStateCache) cache = carport_state_cache_new_for_path (path);
  g_autoptr(CarportVehicle) a = store_test_full_vehicle ("VF1AG000000000001");
  g_autoptr(GPtrArray) loaded = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (save (cache, a, &error));
  g_assert_no_error (error);
  g_assert_true (clear (cache, &error));
  g_assert_no_error (error);

  loaded = load (cache, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (loaded->len, ==, 0);

  /* Clearing twice is fine. */
  g_assert_true (clear (cache, &error));
  g_assert_no_error (error);

  finalize_cache (g_steal_pointer (&cache));
}

/* Operations asked for one after the other without waiting run in order. */
static void
test_order (void)
{
  g_autofree char *path = test_path ();
  g_autoptr(CarportStateCache) cache = carport_state_cache_new_for_path (path);
  GAsyncResult *saves[10] = { NULL, };
  g_autoptr(GAsyncResult) cleared = NULL;
  g_autoptr(GAsyncResult) last = NULL;
  g_autoptr(GAsyncResult) loaded_result = NULL;
  g_autoptr(CarportVehicle) kept = store_test_full_vehicle ("VF1AG000000000099");
  g_autoptr(GPtrArray) loaded = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (saves); i++)
    {
      g_autofree char *vin = g_strdup_printf ("VF1AG0000000000%02u", i);
      g_autoptr(CarportVehicle) vehicle = store_test_full_vehicle (vin);

      carport_state_cache_save_async (cache, OWNER_A, vehicle, NULL, store_test_result_cb, &saves[i]);
    }
  carport_state_cache_clear_async (cache, OWNER_A, NULL, store_test_result_cb, &cleared);
  carport_state_cache_save_async (cache, OWNER_B, kept, NULL, store_test_result_cb, &last);
  carport_state_cache_load_async (cache, NULL, NULL, store_test_result_cb, &loaded_result);

  store_test_wait (&loaded_result);
  for (guint i = 0; i < G_N_ELEMENTS (saves); i++)
    {
      store_test_wait (&saves[i]);
      g_assert_true (carport_state_cache_save_finish (cache, saves[i], &error));
      g_assert_no_error (error);
      g_clear_object (&saves[i]);
    }
  store_test_wait (&cleared);
  g_assert_true (carport_state_cache_clear_finish (cache, cleared, &error));
  g_assert_no_error (error);
  store_test_wait (&last);
  g_assert_true (carport_state_cache_save_finish (cache, last, &error));
  g_assert_no_error (error);

  loaded = carport_state_cache_load_finish (cache, loaded_result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (loaded->len, ==, 1);
  g_assert_cmpstr (carport_vehicle_get_vin (g_ptr_array_index (loaded, 0)), ==, "VF1AG000000000099");

  /* The results hold the cache. */
  g_clear_object (&cleared);
  g_clear_object (&last);
  g_clear_object (&loaded_result);
  finalize_cache (g_steal_pointer (&cache));
}

static void
test_cancelled (void)
{
  g_autofree char *path = test_path ();
  g_autoptr(CarportStateCache) cache = carport_state_cache_new_for_path (path);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) loaded = NULL;
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (cancellable);
  carport_state_cache_load_async (cache, OWNER_A, cancellable, store_test_result_cb, &result);
  store_test_wait (&result);
  loaded = carport_state_cache_load_finish (cache, result, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (loaded);

  g_clear_object (&result);
  finalize_cache (g_steal_pointer (&cache));
}

static void
exec_sql (sqlite3    *db,
          const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

static void
insert_blob (sqlite3      *db,
             const char   *vin,
             gconstpointer data,
             gsize         size)
{
  sqlite3_stmt *stmt = NULL;

  /* Named columns: the same in the old and the new schema; no owner. */
  g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT INTO vehicles (vin, account_id, saved_at, state)"
                                       " VALUES (?1, 'account-1', 0, ?2)",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, vin, -1, SQLITE_STATIC);
  sqlite3_bind_blob64 (stmt, 2, size ? data : "", size, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
}

static void
insert_variant (sqlite3    *db,
                const char *vin,
                GVariant   *variant)
{
  g_autoptr(GVariant) owned = g_variant_ref_sink (variant);

  insert_blob (db, vin, g_variant_get_data (owned), g_variant_get_size (owned));
}

static void
test_corrupt_rows (void)
{
  g_autofree char *path = test_path ();
  g_autoptr(CarportStateCache) cache = carport_state_cache_new_for_path (path);
  g_autoptr(CarportVehicle) good = store_test_full_vehicle ("VF1AG000000000001");
  g_autoptr(GPtrArray) loaded = NULL;
  g_autoptr(GError) error = NULL;
  static const guint8 garbage[] = { 0x05, 'v', 'i', 0xff, 0x00, 0x13, 0x42, 0xff, 0xfe, 0x07 };
  g_autoptr(GBytes) garbage_bytes = g_bytes_new_static (garbage, sizeof garbage);
  g_autoptr(GVariant) garbage_variant = NULL;
  GVariantBuilder builder;
  sqlite3 *db = NULL;

  g_assert_true (save (cache, good, &error));
  g_assert_no_error (error);
  finalize_cache (g_steal_pointer (&cache));

  garbage_variant = g_variant_ref_sink (g_variant_new_from_bytes (G_VARIANT_TYPE_VARDICT, garbage_bytes, FALSE));
  g_assert_false (g_variant_is_normal_form (garbage_variant));

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  insert_blob (db, "GARBAGE0000000001", garbage, sizeof garbage);
  insert_blob (db, "EMPTY000000000001", NULL, 0);
  exec_sql (db, "INSERT INTO vehicles VALUES ('TEXT0000000000001', NULL, 0, 'not a blob', '" OWNER_A "')");
  exec_sql (db, "INSERT INTO vehicles VALUES ('NULL0000000000001', NULL, 0, NULL, '" OWNER_A "')");
  exec_sql (db, "INSERT INTO vehicles VALUES ('', NULL, 0, NULL, '" OWNER_A "')");
  exec_sql (db, "INSERT INTO vehicles VALUES (NULL, NULL, 0, x'00', '" OWNER_A "')");

  /* A valid a{sv} of another car. */
  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&builder, "{sv}", "vin", g_variant_new_string ("SOMEONEELSE000001"));
  insert_variant (db, "MISMATCH000000001", g_variant_builder_end (&builder));

  /* Valid a{sv} with values of the wrong types: loaded, bad values ignored. */
  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&builder, "{sv}", "vin", g_variant_new_string ("WRONGTYPES0000001"));
  g_variant_builder_add (&builder, "{sv}", "battery", g_variant_new_int32 (42));
  g_variant_builder_add (&builder, "{sv}", "brand", g_variant_new_string ("no-such-brand"));
  g_variant_builder_add (&builder, "{sv}", "model-name", g_variant_new_double (1.0));
  g_variant_builder_add (&builder, "{sv}", "unknown-key", g_variant_new_string ("x"));
  insert_variant (db, "WRONGTYPES0000001", g_variant_builder_end (&builder));

  /* A car saved after the bad rows is still found. */
  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&builder, "{sv}", "vin", g_variant_new_string ("LAST0000000000001"));
  insert_variant (db, "LAST0000000000001", g_variant_builder_end (&builder));

  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);

  cache = carport_state_cache_new_for_path (path);
  loaded = load (cache, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (loaded->len, ==, 3);
  g_assert_cmpstr (carport_vehicle_get_vin (g_ptr_array_index (loaded, 0)), ==, "VF1AG000000000001");
  store_test_assert_objects_equal (G_OBJECT (good), g_ptr_array_index (loaded, 0), "good");
  g_assert_cmpstr (carport_vehicle_get_vin (g_ptr_array_index (loaded, 1)), ==, "WRONGTYPES0000001");
  g_assert_cmpint (carport_vehicle_get_brand (g_ptr_array_index (loaded, 1)), ==, CARPORT_BRAND_UNKNOWN);
  g_assert_null (carport_vehicle_get_model_name (g_ptr_array_index (loaded, 1)));
  g_assert_cmpstr (carport_vehicle_get_vin (g_ptr_array_index (loaded, 2)), ==, "LAST0000000000001");

  finalize_cache (g_steal_pointer (&cache));
}

static void
assert_mode (const char *path,
             guint       mode)
{
  GStatBuf buf;

  g_assert_cmpint (g_stat (path, &buf), ==, 0);
  g_assert_cmpuint (buf.st_mode & 0777, ==, mode);
}

static void
test_corrupt_file (void)
{
  g_autofree char *dir = test_dir ();
  g_autofree char *path = test_path ();
  g_autofree char *aside = g_strconcat (path, ".corrupt", NULL);
  g_autoptr(CarportStateCache) cache = NULL;
  g_autoptr(CarportVehicle) vehicle = store_test_full_vehicle ("VF1AG000000000001");
  g_autoptr(GPtrArray) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) junk = g_string_new (NULL);
  g_autofree char *moved = NULL;
  gsize moved_len = 0;

  for (guint i = 0; i < 512; i++)
    g_string_append (junk, "This is not an SQLite database. ");

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, junk->str, junk->len, &error));
  g_assert_no_error (error);

  cache = carport_state_cache_new_for_path (path);
  loaded = load (cache, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (loaded->len, ==, 0);

  /* The bad file was kept aside, and a new one works. */
  g_assert_true (g_file_get_contents (aside, &moved, &moved_len, &error));
  g_assert_no_error (error);
  g_assert_cmpmem (moved, moved_len, junk->str, junk->len);
  assert_mode (path, 0600);

  g_assert_true (save (cache, vehicle, &error));
  g_assert_no_error (error);
  g_clear_pointer (&loaded, g_ptr_array_unref);
  loaded = load (cache, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (loaded->len, ==, 1);

  finalize_cache (g_steal_pointer (&cache));
}

/* A real database whose pages were overwritten after the header. */
static void
test_damaged_pages (void)
{
  g_autofree char *path = test_path ();
  g_autoptr(CarportStateCache) cache = carport_state_cache_new_for_path (path);
  g_autoptr(GPtrArray) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  for (guint i = 0; i < 20; i++)
    {
      g_autofree char *vin = g_strdup_printf ("VF1AG0000000000%02u", i);
      g_autoptr(CarportVehicle) vehicle = store_test_full_vehicle (vin);

      g_assert_true (save (cache, vehicle, &error));
      g_assert_no_error (error);
    }
  finalize_cache (g_steal_pointer (&cache));

  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, 2 * 4096);
  memset (contents + 4096, 0x5a, length - 4096);
  g_assert_true (g_file_set_contents (path, contents, length, &error));
  g_assert_no_error (error);

  cache = carport_state_cache_new_for_path (path);
  loaded = load (cache, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (loaded->len, ==, 0);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  finalize_cache (g_steal_pointer (&cache));
}

static void
test_file_mode (void)
{
  g_autofree char *dir = test_dir ();
  g_autofree char *path = test_path ();
  g_autoptr(CarportStateCache) cache = carport_state_cache_new_for_path (path);
  g_autoptr(CarportVehicle) vehicle = store_test_full_vehicle ("VF1AG000000000001");
  g_autoptr(GError) error = NULL;

  g_assert_false (g_file_test (dir, G_FILE_TEST_EXISTS));

  g_assert_true (save (cache, vehicle, &error));
  g_assert_no_error (error);

  assert_mode (dir, 0700);
  assert_mode (path, 0600);

  finalize_cache (g_steal_pointer (&cache));
}

static void
test_default_path (void)
{
  g_autoptr(CarportStateCache) cache = carport_state_cache_new ();
  g_autofree char *expected = g_build_filename (g_get_user_cache_dir (), "carport", "state.sqlite3", NULL);
  g_autofree char *prop = NULL;
  g_autoptr(CarportVehicle) vehicle = store_test_full_vehicle ("VF1AG000000000001");
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (carport_state_cache_get_path (cache), ==, expected);
  g_object_get (cache, "path", &prop, NULL);
  g_assert_cmpstr (prop, ==, expected);

  /* G_TEST_OPTION_ISOLATE_DIRS: this is a temporary folder. */
  g_assert_true (save (cache, vehicle, &error));
  g_assert_no_error (error);
  assert_mode (expected, 0600);

  finalize_cache (g_steal_pointer (&cache));
}

/* A cache Carport kept in the data folder moves to the cache folder when
 * first opened, cars and all. */
static void
test_move_from_data_dir (void)
{
  g_autofree char *legacy = g_build_filename (g_get_user_data_dir (), "carport", "state.sqlite3", NULL);
  g_autoptr(CarportStateCache) old = carport_state_cache_new_for_path (legacy);
  g_autoptr(CarportStateCache) cache = NULL;
  g_autoptr(CarportVehicle) vehicle = store_test_full_vehicle ("VF1AG000000000001");
  g_autoptr(GPtrArray) loaded = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (save (old, vehicle, &error));
  g_assert_no_error (error);
  finalize_cache (g_steal_pointer (&old));

  cache = carport_state_cache_new ();
  loaded = load (cache, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (loaded->len, ==, 1);
  g_assert_false (g_file_test (legacy, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (carport_state_cache_get_path (cache), G_FILE_TEST_IS_REGULAR));
  assert_mode (carport_state_cache_get_path (cache), 0600);
  finalize_cache (g_steal_pointer (&cache));
}

static void
test_bad_directory (void)
{
  g_autofree char *dir = test_dir ();
  g_autofree char *blocker = g_build_filename (dir, "a-file", NULL);
  g_autofree char *path = g_build_filename (blocker, "sub", "state.sqlite3", NULL);
  g_autoptr(CarportStateCache) cache = carport_state_cache_new_for_path (path);
  g_autoptr(CarportVehicle) vehicle = store_test_full_vehicle ("VF1AG000000000001");
  g_autoptr(GPtrArray) loaded = NULL;
  g_autoptr(GError) error = NULL;

  /* A plain file where a folder should be: the folder cannot be created. */
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (blocker, "", 0, &error));
  g_assert_no_error (error);

  g_assert_false (save (cache, vehicle, &error));
  g_assert_error (error, CARPORT_STORE_ERROR, CARPORT_STORE_ERROR_CACHE);
  g_assert_nonnull (strstr (error->message, "Carport could not"));
  g_test_message ("save: %s", error->message);
  g_clear_error (&error);

  loaded = load (cache, &error);
  g_assert_error (error, CARPORT_STORE_ERROR, CARPORT_STORE_ERROR_CACHE);
  g_assert_null (loaded);
  g_clear_error (&error);

  g_assert_false (clear (cache, &error));
  g_assert_error (error, CARPORT_STORE_ERROR, CARPORT_STORE_ERROR_CACHE);
  g_clear_error (&error);

  finalize_cache (g_steal_pointer (&cache));
}

/* The path is a folder: SQLite cannot open it. */
static void
test_path_is_directory (void)
{
  g_autofree char *path = test_path ();
  g_autoptr(CarportStateCache) cache = carport_state_cache_new_for_path (path);
  g_autoptr(GPtrArray) loaded = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (path, 0700), ==, 0);

  loaded = load (cache, &error);
  g_assert_error (error, CARPORT_STORE_ERROR, CARPORT_STORE_ERROR_CACHE);
  g_assert_null (loaded);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_DIR));

  finalize_cache (g_steal_pointer (&cache));
}

/* The VINs of @vehicles, in order, joined by spaces. */
static char *
vins_of (GPtrArray *vehicles)
{
  g_autoptr(GString) vins = g_string_new (NULL);

  g_assert_nonnull (vehicles);
  for (guint i = 0; i < vehicles->len; i++)
    {
      if (i > 0)
        g_string_append_c (vins, ' ');
      g_string_append (vins, carport_vehicle_get_vin (g_ptr_array_index (vehicles, i)));
    }

  return g_string_free (g_steal_pointer (&vins), FALSE);
}

/* Loads for @owner (NULL: every car) and compares the VINs in order. */
static void
assert_loads (CarportStateCache *cache,
              const char        *owner,
              const char        *expected_vins)
{
  g_autoptr(GPtrArray) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *vins = NULL;

  loaded = load_for (cache, owner, &error);
  g_assert_no_error (error);
  vins = vins_of (loaded);
  g_assert_cmpstr (vins, ==, expected_vins);
}

static void
save_ok (CarportStateCache *cache,
         const char        *owner,
         const char        *vin)
{
  g_autoptr(CarportVehicle) vehicle = store_test_full_vehicle (vin);
  g_autoptr(GError) error = NULL;

  g_assert_true (save_for (cache, owner, vehicle, &error));
  g_assert_no_error (error);
}

static void
clear_ok (CarportStateCache *cache,
          const char        *owner)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (clear_for (cache, owner, &error));
  g_assert_no_error (error);
}

/* The owner of every row, by VIN, straight from the file. */
static char *
owners_in_file (const char *path)
{
  g_autoptr(GString) owners = g_string_new (NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT vin, owner FROM vehicles ORDER BY rowid", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (owners, "%s%s=%s", owners->len ? " " : "",
                            sqlite3_column_text (stmt, 0), sqlite3_column_text (stmt, 1));
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);

  return g_string_free (g_steal_pointer (&owners), FALSE);
}

/* Each login sees its own cars; NULL sees them all. */
static void
test_owners (void)
{
  g_autofree char *path = test_path ();
  g_autoptr(CarportStateCache) cache = carport_state_cache_new_for_path (path);
  g_autoptr(CarportVehicle) a1 = store_test_full_vehicle ("VF1AAAAAAAAAAAAA1");
  g_autoptr(GPtrArray) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *owners = NULL;

  g_assert_true (save_for (cache, OWNER_A, a1, &error));
  g_assert_no_error (error);
  save_ok (cache, OWNER_B, "SJNBBBBBBBBBBBBB1");
  save_ok (cache, OWNER_A, "VF1AAAAAAAAAAAAA2");

  assert_loads (cache, OWNER_A, "VF1AAAAAAAAAAAAA1 VF1AAAAAAAAAAAAA2");
  assert_loads (cache, OWNER_B, "SJNBBBBBBBBBBBBB1");
  assert_loads (cache, NULL, "VF1AAAAAAAAAAAAA1 SJNBBBBBBBBBBBBB1 VF1AAAAAAAAAAAAA2");
  assert_loads (cache, "renault:nobody@example.com", "");

  /* Owners are compared exactly. */
  assert_loads (cache, "RENAULT:anne@example.com", "");
  assert_loads (cache, "renault:anne@example.co", "");

  /* Loading by owner gives the whole car, as without owners. */
  loaded = load_for (cache, OWNER_A, &error);
  g_assert_no_error (error);
  store_test_assert_objects_equal (G_OBJECT (a1), g_ptr_array_index (loaded, 0), "a1");

  /* A car saved for another login moves to it (one row per VIN). */
  save_ok (cache, OWNER_B, "VF1AAAAAAAAAAAAA1");
  assert_loads (cache, OWNER_A, "VF1AAAAAAAAAAAAA2");
  assert_loads (cache, OWNER_B, "VF1AAAAAAAAAAAAA1 SJNBBBBBBBBBBBBB1");

  finalize_cache (g_steal_pointer (&cache));

  owners = owners_in_file (path);
  g_assert_cmpstr (owners, ==,
                   "VF1AAAAAAAAAAAAA1=" OWNER_B " SJNBBBBBBBBBBBBB1=" OWNER_B " VF1AAAAAAAAAAAAA2=" OWNER_A);
}

/* Adds a car without an owner, as Carport saved them before owners. */
static void
insert_legacy_car (const char *path,
                   const char *vin)
{
  g_autoptr(CarportVehicle) vehicle = store_test_full_vehicle (vin);
  g_autoptr(GVariant) state = g_variant_take_ref (carport_vehicle_serialize (vehicle));
  g_autoptr(GVariant) normal = g_variant_get_normal_form (state);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  insert_blob (db, vin, g_variant_get_data (normal), g_variant_get_size (normal));
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

/* Cars saved before owners existed are seen by every owner until one of
 * them saves the car. */
static void
test_legacy_rows (void)
{
  g_autofree char *path = test_path ();
  g_autoptr(CarportStateCache) cache = carport_state_cache_new_for_path (path);
  g_autofree char *owners = NULL;

  save_ok (cache, OWNER_A, "VF1AAAAAAAAAAAAA1");
  finalize_cache (g_steal_pointer (&cache));
  insert_legacy_car (path, "VF1LEGACYLEGACY01");
  owners = owners_in_file (path);
  g_assert_cmpstr (owners, ==, "VF1AAAAAAAAAAAAA1=" OWNER_A " VF1LEGACYLEGACY01=");

  cache = carport_state_cache_new_for_path (path);
  assert_loads (cache, OWNER_A, "VF1AAAAAAAAAAAAA1 VF1LEGACYLEGACY01");
  assert_loads (cache, OWNER_B, "VF1LEGACYLEGACY01");
  assert_loads (cache, NULL, "VF1AAAAAAAAAAAAA1 VF1LEGACYLEGACY01");

  /* Saved by one login, it is that login's car. */
  save_ok (cache, OWNER_B, "VF1LEGACYLEGACY01");
  assert_loads (cache, OWNER_A, "VF1AAAAAAAAAAAAA1");
  assert_loads (cache, OWNER_B, "VF1LEGACYLEGACY01");

  finalize_cache (g_steal_pointer (&cache));
}

/* Clearing one owner keeps the others' cars; clearing NULL clears all. */
static void
test_clear_by_owner (void)
{
  g_autofree char *path = test_path ();
  g_autoptr(CarportStateCache) cache = carport_state_cache_new_for_path (path);

  save_ok (cache, OWNER_A, "VF1AAAAAAAAAAAAA1");
  save_ok (cache, OWNER_B, "SJNBBBBBBBBBBBBB1");
  save_ok (cache, OWNER_A, "VF1AAAAAAAAAAAAA2");

  clear_ok (cache, OWNER_A);
  assert_loads (cache, OWNER_A, "");
  assert_loads (cache, OWNER_B, "SJNBBBBBBBBBBBBB1");
  assert_loads (cache, NULL, "SJNBBBBBBBBBBBBB1");

  /* Nothing left of that owner, or an owner that never was: fine. */
  clear_ok (cache, OWNER_A);
  clear_ok (cache, "renault:nobody@example.com");
  assert_loads (cache, NULL, "SJNBBBBBBBBBBBBB1");

  save_ok (cache, OWNER_A, "VF1AAAAAAAAAAAAA3");
  clear_ok (cache, NULL);
  assert_loads (cache, NULL, "");
  clear_ok (cache, NULL);

  finalize_cache (g_steal_pointer (&cache));
}

/* Clearing an owner also forgets the cars without an owner: they may be
 * its cars, and every owner would see them. Other owners' cars stay. */
static void
test_clear_owner_legacy (void)
{
  g_autofree char *path = test_path ();
  g_autoptr(CarportStateCache) cache = carport_state_cache_new_for_path (path);

  save_ok (cache, OWNER_A, "VF1AAAAAAAAAAAAA1");
  save_ok (cache, OWNER_B, "SJNBBBBBBBBBBBBB1");
  finalize_cache (g_steal_pointer (&cache));
  insert_legacy_car (path, "VF1LEGACYLEGACY01");

  cache = carport_state_cache_new_for_path (path);
  clear_ok (cache, OWNER_A);
  assert_loads (cache, NULL, "SJNBBBBBBBBBBBBB1");
  assert_loads (cache, OWNER_B, "SJNBBBBBBBBBBBBB1");

  finalize_cache (g_steal_pointer (&cache));
}

/* What `PRAGMA table_info(vehicles)` says of the owner column: "" when
 * there is none, else "<type> notnull=<n> default=<value>". */
static char *
owner_column (const char *path)
{
  g_autofree char *column = g_strdup ("");
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT type, \"notnull\", dflt_value FROM pragma_table_info('vehicles')"
                                       " WHERE name = 'owner'", -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_free (column);
      column = g_strdup_printf ("%s notnull=%d default=%s", sqlite3_column_text (stmt, 0),
                                sqlite3_column_int (stmt, 1), sqlite3_column_text (stmt, 2));
    }
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);

  return g_steal_pointer (&column);
}

/* A database written by Carport before owners: the column is added, the
 * cars are kept (without an owner) and the file works as a new one. */
static void
test_migration (void)
{
  g_autofree char *dir = test_dir ();
  g_autofree char *path = test_path ();
  g_autoptr(CarportStateCache) cache = NULL;
  g_autoptr(CarportVehicle) old1 = store_test_full_vehicle ("VF1OLDOLDOLDOLD01");
  g_autoptr(GPtrArray) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *column = NULL;
  g_autofree char *owners = NULL;
  sqlite3 *db = NULL;

  /* The schema of Carport 1, verbatim. */
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  exec_sql (db,
            "CREATE TABLE vehicles ("
            "  vin TEXT PRIMARY KEY,"
            "  account_id TEXT,"
            "  saved_at INTEGER,"
            "  state BLOB"
            ")");
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
  insert_legacy_car (path, "VF1OLDOLDOLDOLD01");
  insert_legacy_car (path, "VF1OLDOLDOLDOLD02");
  g_assert_cmpint (g_chmod (path, 0644), ==, 0);

  column = owner_column (path);
  g_assert_cmpstr (column, ==, "");
  g_clear_pointer (&column, g_free);

  cache = carport_state_cache_new_for_path (path);
  loaded = load_for (cache, OWNER_B, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (loaded->len, ==, 2);
  store_test_assert_objects_equal (G_OBJECT (old1), g_ptr_array_index (loaded, 0), "old1");
  g_assert_cmpstr (carport_vehicle_get_vin (g_ptr_array_index (loaded, 1)), ==, "VF1OLDOLDOLDOLD02");

  column = owner_column (path);
  g_assert_cmpstr (column, ==, "TEXT notnull=1 default=''");
  g_clear_pointer (&column, g_free);
  assert_mode (path, 0600);

  /* The migrated table takes owners like a new one. */
  save_ok (cache, OWNER_A, "VF1OLDOLDOLDOLD02");
  save_ok (cache, OWNER_A, "VF1NEWNEWNEWNEW01");
  assert_loads (cache, OWNER_A, "VF1OLDOLDOLDOLD01 VF1OLDOLDOLDOLD02 VF1NEWNEWNEWNEW01");
  assert_loads (cache, OWNER_B, "VF1OLDOLDOLDOLD01");
  finalize_cache (g_steal_pointer (&cache));

  owners = owners_in_file (path);
  g_assert_cmpstr (owners, ==,
                   "VF1OLDOLDOLDOLD01= VF1OLDOLDOLDOLD02=" OWNER_A " VF1NEWNEWNEWNEW01=" OWNER_A);

  /* Opening it again migrates nothing and loses nothing. */
  cache = carport_state_cache_new_for_path (path);
  assert_loads (cache, NULL, "VF1OLDOLDOLDOLD01 VF1OLDOLDOLDOLD02 VF1NEWNEWNEWNEW01");
  finalize_cache (g_steal_pointer (&cache));
  column = owner_column (path);
  g_assert_cmpstr (column, ==, "TEXT notnull=1 default=''");
}

/* A new database has the same column as a migrated one. */
static void
test_new_schema (void)
{
  g_autofree char *path = test_path ();
  g_autoptr(CarportStateCache) cache = carport_state_cache_new_for_path (path);
  g_autofree char *column = NULL;

  save_ok (cache, OWNER_A, "VF1AAAAAAAAAAAAA1");
  finalize_cache (g_steal_pointer (&cache));

  column = owner_column (path);
  g_assert_cmpstr (column, ==, "TEXT notnull=1 default=''");
}

static int
create_table (sqlite3 *db)
{
  return sqlite3_exec (db, "CREATE TABLE IF NOT EXISTS t (a INTEGER)", NULL, NULL, NULL);
}

/* Once a store exists, SQLite is set up for small databases: opening one
 * and reading it allocates less than the 20 pages of 4 KB of page cache
 * that SQLite would otherwise allocate ahead for each connection. */
static void
test_small_memory (void)
{
  g_autofree char *path = test_path ();
  g_autoptr(CarportStateCache) cache = carport_state_cache_new_for_path (path);
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;
  sqlite3_int64 before, after, highest;

  g_assert_true (carport_sqlite_prepare_file (path, "%s: %s", "%s: %s", &error));
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_status64 (SQLITE_STATUS_MEMORY_USED, &before, &highest, FALSE), ==, SQLITE_OK);
  g_assert_cmpint (carport_sqlite_open_checked (path, create_table, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "SELECT count(*) FROM t", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_status64 (SQLITE_STATUS_MEMORY_USED, &after, &highest, FALSE), ==, SQLITE_OK);
  g_test_message ("SQLite's memory for one connection: %lld bytes", (long long) (after - before));
  g_assert_cmpint (after - before, <, 20 * 4096);
  sqlite3_close (db);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/store/cache/round-trip", test_round_trip);
  g_test_add_func ("/store/cache/small-memory", test_small_memory);
  g_test_add_func ("/store/cache/empty", test_empty);
  g_test_add_func ("/store/cache/overwrite", test_overwrite);
  g_test_add_func ("/store/cache/clear", test_clear);
  g_test_add_func ("/store/cache/order", test_order);
  g_test_add_func ("/store/cache/cancelled", test_cancelled);
  g_test_add_func ("/store/cache/corrupt-rows", test_corrupt_rows);
  g_test_add_func ("/store/cache/corrupt-file", test_corrupt_file);
  g_test_add_func ("/store/cache/damaged-pages", test_damaged_pages);
  g_test_add_func ("/store/cache/file-mode", test_file_mode);
  g_test_add_func ("/store/cache/default-path", test_default_path);
  g_test_add_func ("/store/cache/move-from-data-dir", test_move_from_data_dir);
  g_test_add_func ("/store/cache/bad-directory", test_bad_directory);
  g_test_add_func ("/store/cache/path-is-directory", test_path_is_directory);
  g_test_add_func ("/store/cache/owners", test_owners);
  g_test_add_func ("/store/cache/legacy-rows", test_legacy_rows);
  g_test_add_func ("/store/cache/clear-by-owner", test_clear_by_owner);
  g_test_add_func ("/store/cache/clear-owner-legacy", test_clear_owner_legacy);
  g_test_add_func ("/store/cache/migration", test_migration);
  g_test_add_func ("/store/cache/new-schema", test_new_schema);

  return g_test_run ();
}
