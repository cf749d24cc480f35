/* carport-demo.c — a session on the built-in simulator, for `--demo`. */
#define G_LOG_DOMAIN "carport-service"

#include "config.h"

#include "carport-demo.h"
#include "carport-memory-store.h"
#include "carport-simulator.h"

#define SIMULATOR_KEY "carport-demo-simulator"

/* The demo logs in to both demo accounts at once: the Renault one and the
 * Nissan one, so the list shows both brands. It is ready when both answered;
 * it fails only when neither could log in. */
typedef struct {
  guint   pending;
  guint   logged_in;
  GError *error;
} DemoLogin;

static void
demo_login_free (DemoLogin *login)
{
  g_clear_error (&login->error);
  g_free (login);
}

static void
demo_logged_in_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  DemoLogin *login = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (carport_session_login_finish (CARPORT_SESSION (source), result, &error))
    login->logged_in++;
  else
    {
      g_debug ("A demo account could not log in: %s", error->message);
      if (!login->error)
        login->error = g_steal_pointer (&error);
    }
  if (--login->pending > 0)
    return;
  if (login->logged_in == 0)
    g_task_return_error (task, g_steal_pointer (&login->error));
  else
    g_task_return_pointer (task, g_object_ref (source), g_object_unref);
}

static void
stop_simulator (gpointer data)
{
  CarportSimulator *simulator = data;

  carport_simulator_stop (simulator);
  g_object_unref (simulator);
}

void
carport_demo_session_new_async (GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  g_autoptr(CarportSimulator) simulator = carport_simulator_new ();
  g_autoptr(CarportCredentialStore) store = NULL;
  g_autoptr(CarportSession) session = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) roots = NULL;
  DemoLogin *login;

  g_task_set_source_tag (task, carport_demo_session_new_async);

  /* Commands confirm quickly so the demo feels alive. */
  carport_simulator_set_command_delay_ms (simulator, 1500);
  if (!carport_simulator_start (simulator, 0, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  roots = carport_simulator_dup_environ (simulator);

  store = CARPORT_CREDENTIAL_STORE (carport_memory_store_new ());
  session = g_object_new (CARPORT_TYPE_SESSION,
                          "store", store,
                          "service-roots", roots,
                          NULL);
  g_object_set_data_full (G_OBJECT (session), SIMULATOR_KEY, g_object_ref (simulator), stop_simulator);

  login = g_new0 (DemoLogin, 1);
  login->pending = 2;
  g_task_set_task_data (task, login, (GDestroyNotify) demo_login_free);
  carport_session_login_async (session, "renault",
                               carport_simulator_get_demo_locale (simulator),
                               carport_simulator_get_demo_email (simulator),
                               carport_simulator_get_demo_password (simulator),
                               cancellable, demo_logged_in_cb, g_object_ref (task));
  carport_session_login_async (session, "nissan", NULL,
                               carport_simulator_get_nissan_demo_email (simulator),
                               carport_simulator_get_nissan_demo_password (simulator),
                               cancellable, demo_logged_in_cb, g_steal_pointer (&task));
}

CarportSession *
carport_demo_session_new_finish (GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

gpointer
carport_demo_session_get_simulator (CarportSession *session)
{
  return g_object_get_data (G_OBJECT (session), SIMULATOR_KEY);
}
