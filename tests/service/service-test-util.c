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
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  GAsyncResult *waiter = NULL;

  /* Pending cache writes finish before the directory goes. */
  carport_session_flush_async (fixture->session, NULL, carport_test_result_cb, &waiter);
  carport_session_flush_finish (fixture->session, carport_test_wait_result (&waiter), NULL);
  g_clear_object (&waiter);
  g_clear_object (&fixture->session);
  g_clear_object (&fixture->cache);
  g_clear_object (&fixture->store);
  carport_simulator_stop (fixture->sim);
  g_clear_object (&fixture->sim);
  g_clear_pointer (&fixture->events, g_ptr_array_unref);
  remove_tree (fixture->dir);
  g_free (fixture->dir);
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
