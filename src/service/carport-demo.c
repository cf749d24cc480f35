/* carport-demo.c — a session on the built-in simulator, for `--demo`. */
#define G_LOG_DOMAIN "carport-service"

#include "config.h"

#include "carport-demo.h"
#include "carport-memory-store.h"
#include "carport-simulator.h"

#define SIMULATOR_KEY "carport-demo-simulator"

static void
demo_logged_in_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!carport_session_login_finish (CARPORT_SESSION (source), result, &error))
    g_task_return_error (task, g_steal_pointer (&error));
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
  g_autofree char *gigya = NULL;
  g_autofree char *kamereon = NULL;
  g_auto(GStrv) roots = NULL;

  g_task_set_source_tag (task, carport_demo_session_new_async);

  /* Commands confirm quickly so the demo feels alive. */
  carport_simulator_set_command_delay_ms (simulator, 1500);
  if (!carport_simulator_start (simulator, 0, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  gigya = carport_simulator_get_gigya_url (simulator);
  kamereon = carport_simulator_get_kamereon_url (simulator);

  roots = g_environ_setenv (roots, "CARPORT_RENAULT_GIGYA_URL", gigya, TRUE);
  roots = g_environ_setenv (roots, "CARPORT_RENAULT_KAMEREON_URL", kamereon, TRUE);

  store = CARPORT_CREDENTIAL_STORE (carport_memory_store_new ());
  session = g_object_new (CARPORT_TYPE_SESSION,
                          "store", store,
                          "service-roots", roots,
                          NULL);
  g_object_set_data_full (G_OBJECT (session), SIMULATOR_KEY, g_object_ref (simulator), stop_simulator);

  carport_session_login_async (session, "renault",
                               carport_simulator_get_demo_locale (simulator),
                               carport_simulator_get_demo_email (simulator),
                               carport_simulator_get_demo_password (simulator),
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
