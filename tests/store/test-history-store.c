/* test-history-store.c — CarportHistoryStore on real SQLite files.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <sys/stat.h>

#include <glib/gstdio.h>

#include "carport-credential-store.h"
#include "carport-history-store.h"
#include "store-test-utils.h"

#define VIN_A "VF1AG000066666666"
#define VIN_B "VF1AG000077777777"

static char *
test_path (void)
{
  /* G_TEST_OPTION_ISOLATE_DIRS: a fresh folder per test, removed after. */
  return g_build_filename (g_get_user_data_dir (), "history-test", "history.sqlite3", NULL);
}

static gint64
now_s (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

static void
add (CarportHistoryStore *store,
     const char          *vin,
     const CarportReading *readings,
     guint                n_readings)
{
  g_autoptr(GArray) array = g_array_new (FALSE, FALSE, sizeof (CarportReading));
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  g_array_append_vals (array, readings, n_readings);
  carport_history_store_add_async (store, vin, array, NULL, store_test_result_cb, &result);
  store_test_wait (&result);
  g_assert_true (carport_history_store_add_finish (store, result, &error));
  g_assert_no_error (error);
}

static GArray *
query (CarportHistoryStore *store,
       const char          *vin)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GArray *rows;

  carport_history_store_query_async (store, vin, 0, G_MAXINT64, NULL, store_test_result_cb, &result);
  store_test_wait (&result);
  rows = carport_history_store_query_finish (store, result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (rows);

  return rows;
}

static void
record (CarportHistoryStore *store,
        CarportVehicle      *vehicle)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  carport_history_store_record_async (store, vehicle, NULL, store_test_result_cb, &result);
  store_test_wait (&result);
  g_assert_true (carport_history_store_record_finish (store, result, &error));
  g_assert_no_error (error);
}

static void
test_history_only_changes (void)
{
  g_autofree char *path = test_path ();
  g_autoptr(CarportHistoryStore) store = carport_history_store_new_for_path (path);
  g_autoptr(CarportVehicle) vehicle = carport_vehicle_new (VIN_A);
  CarportBattery *battery = carport_vehicle_get_battery (vehicle);
  g_autoptr(GArray) rows = NULL;
  GStatBuf st;
  guint levels = 0;

  carport_battery_set_level_percent (battery, 40);
  carport_battery_set_plug (battery, CARPORT_PLUG_STATE_PLUGGED);
  record (store, vehicle);
  record (store, vehicle);   /* nothing changed: no row */
  carport_battery_set_level_percent (battery, 55);
  record (store, vehicle);   /* the level changed, the plug did not */

  rows = query (store, VIN_A);
  g_assert_cmpuint (rows->len, ==, 3);
  for (guint i = 0; i < rows->len; i++)
    {
      CarportReading *reading = &g_array_index (rows, CarportReading, i);

      g_assert_cmpint (reading->time, >=, now_s () - 60);
      if (reading->kind == CARPORT_READING_BATTERY_LEVEL)
        g_assert_cmpfloat (reading->value, ==, levels++ == 0 ? 40 : 55);
      else
        g_assert_cmpint (reading->kind, ==, CARPORT_READING_PLUG);
    }
  g_assert_cmpuint (levels, ==, 2);
  g_clear_pointer (&rows, g_array_unref);

  /* Another car's rows are its own. */
  rows = query (store, VIN_B);
  g_assert_cmpuint (rows->len, ==, 0);

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  {
    g_autofree char *dir = g_path_get_dirname (path);

    g_assert_cmpint (g_stat (dir, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  }
}

static void
test_history_retention (void)
{
  g_autofree char *path = test_path ();
  g_autoptr(CarportHistoryStore) store = carport_history_store_new_for_path (path);
  gint64 now = now_s ();
  const CarportReading old_and_new[] = {
    { CARPORT_READING_ODOMETER, now - 40 * 86400, 1000 },
    { CARPORT_READING_ODOMETER, now - 20 * 86400, 1500 },
    { CARPORT_READING_ODOMETER, now - 3600, 1800 },
  };
  const CarportReading newer = { CARPORT_READING_RANGE, now, 210 };
  g_autoptr(GArray) rows = NULL;

  g_assert_cmpuint (carport_history_store_get_retention_days (store), ==, 365);
  carport_history_store_set_retention_days (store, 30);
  add (store, VIN_A, old_and_new, G_N_ELEMENTS (old_and_new));

  rows = query (store, VIN_A);
  g_assert_cmpuint (rows->len, ==, 2);
  g_assert_cmpfloat (g_array_index (rows, CarportReading, 0).value, ==, 1500);
  g_clear_pointer (&rows, g_array_unref);

  /* 0 keeps nothing. */
  carport_history_store_set_retention_days (store, 0);
  add (store, VIN_A, &newer, 1);
  rows = query (store, VIN_A);
  g_assert_cmpuint (rows->len, ==, 0);
}

static void
test_history_row_cap (void)
{
  g_autofree char *path = test_path ();
  g_autoptr(CarportHistoryStore) store = carport_history_store_new_for_path (path);
  g_autoptr(GArray) readings = g_array_new (FALSE, FALSE, sizeof (CarportReading));
  g_autoptr(GArray) rows = NULL;
  gint64 now = now_s ();

  carport_history_store_set_max_rows (store, 10);
  for (int i = 0; i < 25; i++)
    {
      CarportReading reading = { CARPORT_READING_BATTERY_LEVEL, now - 1000 + i, i };

      g_array_append_val (readings, reading);
    }
  add (store, VIN_A, (CarportReading *) readings->data, readings->len);

  rows = query (store, VIN_A);
  g_assert_cmpuint (rows->len, ==, 10);
  /* The oldest went. */
  g_assert_cmpfloat (g_array_index (rows, CarportReading, 0).value, ==, 15);
  g_assert_cmpfloat (g_array_index (rows, CarportReading, 9).value, ==, 24);
}

static void
test_history_query_range (void)
{
  g_autofree char *path = test_path ();
  g_autoptr(CarportHistoryStore) store = carport_history_store_new_for_path (path);
  gint64 now = now_s ();
  const CarportReading readings[] = {
    { CARPORT_READING_BATTERY_LEVEL, now - 300, 10 },
    { CARPORT_READING_BATTERY_LEVEL, now - 200, 20 },
    { CARPORT_READING_BATTERY_LEVEL, now - 100, 30 },
  };
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GArray) rows = NULL;

  add (store, VIN_A, readings, G_N_ELEMENTS (readings));
  carport_history_store_query_async (store, VIN_A, now - 250, now - 150, NULL, store_test_result_cb, &result);
  store_test_wait (&result);
  rows = carport_history_store_query_finish (store, result, NULL);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpfloat (g_array_index (rows, CarportReading, 0).value, ==, 20);
}

static void
test_history_corrupt_file (void)
{
  g_autofree char *path = test_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *aside = g_strconcat (path, ".corrupt", NULL);
  g_autoptr(CarportHistoryStore) store = NULL;
  g_autoptr(GArray) rows = NULL;
  const CarportReading reading = { CARPORT_READING_RANGE, now_s (), 120 };

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, "This is not a database, it is a poem.\n"
                                      "Roses are red, SQLite is not.", -1, NULL));

  store = carport_history_store_new_for_path (path);
  add (store, VIN_A, &reading, 1);
  rows = query (store, VIN_A);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_true (g_file_test (aside, G_FILE_TEST_IS_REGULAR));
}

static void
test_history_default_path (void)
{
  g_autoptr(CarportHistoryStore) store = carport_history_store_new ();
  g_autofree char *expected = g_build_filename (g_get_user_data_dir (), "carport", "history.sqlite3", NULL);

  g_assert_cmpstr (carport_history_store_get_path (store), ==, expected);
  g_assert_cmpstr (carport_reading_kind_to_string (CARPORT_READING_BATTERY_LEVEL), ==, "battery-level");
}

/* The CLI's store follows history-retention-days where the schema is
 * installed, and keeps its 365 days where it is not. */
static void
test_history_follow_settings (void)
{
  const char *dir = g_getenv ("CARPORT_SCHEMA_DIR");
  g_autoptr(CarportHistoryStore) store = carport_history_store_new_for_path (CARPORT_HISTORY_IN_MEMORY);
  g_autoptr(CarportHistoryStore) alone = carport_history_store_new_for_path (CARPORT_HISTORY_IN_MEMORY);
  g_autoptr(GSettingsSchemaSource) source = NULL;
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (dir);
  source = g_settings_schema_source_new_from_directory (dir, NULL, TRUE, &error);
  g_assert_no_error (error);
  schema = g_settings_schema_source_lookup (source, "io.github.carport.Carport", FALSE);
  settings = g_settings_new_full (schema, NULL, NULL);
  g_settings_set_uint (settings, "history-retention-days", 30);

  g_assert_true (carport_history_store_follow_settings (store, source));
  g_assert_cmpuint (carport_history_store_get_retention_days (store), ==, 30);
  g_settings_set_uint (settings, "history-retention-days", 7);
  g_assert_cmpuint (carport_history_store_get_retention_days (store), ==, 7);

  g_assert_false (carport_history_store_follow_settings (alone, NULL));
  g_assert_cmpuint (carport_history_store_get_retention_days (alone), ==, CARPORT_HISTORY_DEFAULT_RETENTION_DAYS);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/history-store/only-changes", test_history_only_changes);
  g_test_add_func ("/history-store/retention", test_history_retention);
  g_test_add_func ("/history-store/row-cap", test_history_row_cap);
  g_test_add_func ("/history-store/query-range", test_history_query_range);
  g_test_add_func ("/history-store/corrupt-file", test_history_corrupt_file);
  g_test_add_func ("/history-store/default-path", test_history_default_path);
  g_test_add_func ("/history-store/follow-settings", test_history_follow_settings);

  return g_test_run ();
}
