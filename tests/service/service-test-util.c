/* service-test-util.c — a session against its own simulator, for the
 * service tests. */
#include "config.h"

#include <glib/gstdio.h>

#include "carport-test-loop.h"
#include "service-test-util.h"

static void
event_cb (CarportSession      *session,
          CarportSessionEvent  event,
          CarportVehicle      *vehicle,
          CarportCommand      *command,
          Fixture             *fixture)
{
  g_ptr_array_add (fixture->events,
                   g_strdup_printf ("%d:%s", event, carport_vehicle_get_vin (vehicle)));
}

CarportSession *
new_session (Fixture *fixture)
{
  g_auto(GStrv) roots = NULL;
  CarportSession *session;

  roots = carport_simulator_dup_environ (fixture->sim);

  session = g_object_new (CARPORT_TYPE_SESSION,
                          "store", fixture->store,
                          "cache", fixture->cache,
                          "service-roots", roots,
                          "poll-interval", 50,
                          "command-timeout", 10,
                          NULL);
  g_signal_connect (session, "event", G_CALLBACK (event_cb), fixture);
  return session;
}

void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = g_dir_make_tmp ("carport-session-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "state.sqlite3", NULL);

  fixture->sim = carport_simulator_new ();
  carport_simulator_set_command_delay_ms (fixture->sim, 100);
  g_assert_true (carport_simulator_start (fixture->sim, 0, &error));
  g_assert_no_error (error);
  fixture->renault_vins = carport_simulator_dup_vins (fixture->sim);
  fixture->nissan_vins = carport_simulator_dup_nissan_vins (fixture->sim);

  fixture->store = CARPORT_CREDENTIAL_STORE (carport_memory_store_new ());
  fixture->cache = carport_state_cache_new_for_path (path);
  fixture->events = g_ptr_array_new_with_free_func (g_free);
  fixture->session = new_session (fixture);
}

static void
remove_tree (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  while (handle && (name = g_dir_read_name (handle)))
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_remove (path);
    }
  g_rmdir (dir);
}

void
flush (CarportSession *session)
{
  GAsyncResult *waiter = NULL;
  g_autoptr(GError) error = NULL;

  carport_session_flush_async (session, NULL, carport_test_result_cb, &waiter);
  g_assert_true (carport_session_flush_finish (session, carport_test_wait_result (&waiter), &error));
  g_assert_no_error (error);
  g_clear_object (&waiter);
}

void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  /* Let the reads that follow a command, and the cache writes after them,
   * finish before the directory goes (else SQLite's journal vanishes under
   * a write). */
  if (fixture->session)
    {
      gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
      gboolean busy = TRUE;

      while (g_get_monotonic_time () < deadline)
        {
          g_object_get (fixture->session, "busy", &busy, NULL);
          if (!busy)
            break;
          g_main_context_iteration (NULL, TRUE);
        }
      flush (fixture->session);
    }
  for (int i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
  g_clear_object (&fixture->session);
  g_clear_object (&fixture->cache);
  g_clear_object (&fixture->store);
  carport_simulator_stop (fixture->sim);
  g_clear_object (&fixture->sim);
  g_clear_pointer (&fixture->events, g_ptr_array_unref);
  g_clear_pointer (&fixture->renault_vins, g_strfreev);
  g_clear_pointer (&fixture->nissan_vins, g_strfreev);
  remove_tree (fixture->dir);
  g_free (fixture->dir);
}

guint
count_supported (CarportVehicle *vehicle)
{
  guint skipped = CARPORT_ENDPOINT_MASK_RECORDS & ~carport_vehicle_get_settings_due (vehicle);
  guint n = 0;

  for (guint i = 0; i < CARPORT_N_ENDPOINTS; i++)
    n += carport_vehicle_supports_endpoint (vehicle, i) && !(skipped & (1u << i));
  return n;
}

void
login (Fixture *fixture)
{
  GAsyncResult *waiter = NULL;
  g_autoptr(GError) error = NULL;

  carport_session_login_async (fixture->session, "renault",
                               carport_simulator_get_demo_locale (fixture->sim),
                               carport_simulator_get_demo_email (fixture->sim),
                               carport_simulator_get_demo_password (fixture->sim),
                               NULL, carport_test_result_cb, &waiter);
  g_assert_true (carport_session_login_finish (fixture->session, carport_test_wait_result (&waiter), &error));
  g_assert_no_error (error);
  g_clear_object (&waiter);
  g_assert_cmpint (carport_session_get_state (fixture->session), ==, CARPORT_SESSION_STATE_READY);
}

CarportVehicle *
vehicle_by_model (Fixture    *fixture,
                  const char *model)
{
  GListModel *vehicles = carport_session_get_vehicles (fixture->session);

  for (guint i = 0; i < g_list_model_get_n_items (vehicles); i++)
    {
      g_autoptr(CarportVehicle) vehicle = g_list_model_get_item (vehicles, i);

      if (g_strcmp0 (carport_vehicle_get_model_code (vehicle), model) == 0)
        return vehicle;
    }
  g_assert_not_reached ();
}

gboolean
refresh (Fixture         *fixture,
         CarportVehicle  *vehicle,
         GError         **error)
{
  GAsyncResult *waiter = NULL;
  gboolean ok;

  carport_session_refresh_async (fixture->session, vehicle, NULL, carport_test_result_cb, &waiter);
  ok = carport_session_refresh_finish (fixture->session, carport_test_wait_result (&waiter), error);
  g_clear_object (&waiter);
  return ok;
}

gboolean
send_command (Fixture         *fixture,
              CarportCommand  *command,
              GError         **error)
{
  GAsyncResult *waiter = NULL;
  gboolean ok;

  carport_session_send_command_async (fixture->session, command, TRUE, NULL, carport_test_result_cb, &waiter);
  ok = carport_session_send_command_finish (fixture->session, carport_test_wait_result (&waiter), error);
  g_clear_object (&waiter);
  return ok;
}

gboolean
device_step (Fixture           *fixture,
             CarportVehicle    *vehicle,
             CarportDeviceStep  step,
             const char        *code,
             gboolean          *out_registered,
             GError           **error)
{
  GAsyncResult *waiter = NULL;
  gboolean ok;

  carport_session_device_async (fixture->session, vehicle, step, code, NULL, carport_test_result_cb, &waiter);
  ok = carport_session_device_finish (fixture->session, carport_test_wait_result (&waiter), out_registered, error);
  g_clear_object (&waiter);
  return ok;
}

CarportVehicle *
login_nissan_leaf (Fixture *fixture)
{
  GAsyncResult *waiter = NULL;
  g_autoptr(GError) error = NULL;
  CarportVehicle *leaf;

  carport_session_login_async (fixture->session, "nissan", "en_GB",
                               carport_simulator_get_nissan_demo_email (fixture->sim),
                               carport_simulator_get_nissan_demo_password (fixture->sim),
                               NULL, carport_test_result_cb, &waiter);
  g_assert_true (carport_session_login_finish (fixture->session, carport_test_wait_result (&waiter), &error));
  g_assert_no_error (error);
  g_clear_object (&waiter);
  leaf = carport_session_find_vehicle (fixture->session, LEAF_VIN);
  g_assert_nonnull (leaf);
  return leaf;
}
