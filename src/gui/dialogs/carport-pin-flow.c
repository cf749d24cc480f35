/* carport-pin-flow.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "carport-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "carport-credential-store.h"
#include "carport-pin-dialog.h"
#include "carport-pin-flow.h"

#define PIN_KNOWN "carport-pin-known"

gboolean
carport_pin_flow_get_pin_known (CarportVehicle *vehicle)
{
  return vehicle != NULL && g_object_get_data (G_OBJECT (vehicle), PIN_KNOWN) != NULL;
}

static void
set_pin_known (CarportVehicle *vehicle)
{
  g_object_set_data (G_OBJECT (vehicle), PIN_KNOWN, GINT_TO_POINTER (TRUE));
}

/* One Lock, Unlock, engine start or stop, or PIN set-up on its way. */
typedef struct {
  CarportCommandRunner *runner;
  CarportVehicle       *vehicle;
  GtkWindow            *parent;   /* nullable */
  CarportCommandKind    kind;
  CarportCommand       *command;  /* nullable: once sent */
} Flow;

static void
flow_free (Flow *flow)
{
  g_clear_object (&flow->runner);
  g_clear_object (&flow->vehicle);
  g_clear_object (&flow->parent);
  g_clear_object (&flow->command);
  g_free (flow);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Flow, flow_free)

static Flow *
flow_new (CarportCommandRunner *runner,
          CarportVehicle       *vehicle,
          CarportCommandKind    kind,
          GtkWindow            *parent)
{
  Flow *flow = g_new0 (Flow, 1);

  flow->runner = g_object_ref (runner);
  flow->vehicle = g_object_ref (vehicle);
  flow->parent = parent ? g_object_ref (parent) : NULL;
  flow->kind = kind;
  return flow;
}

static void ask (Flow *flow, const char *reason);

static void
finished_cb (CarportCommandRunner *runner,
             CarportCommand       *command,
             Flow                 *flow)
{
  if (command != flow->command)
    return;

  if (carport_command_get_state (command) == CARPORT_COMMAND_STATE_COMPLETED ||
      carport_command_get_pin_check (command) != CARPORT_PIN_CHECK_UNKNOWN)
    set_pin_known (flow->vehicle);
  /* The remembered PIN was refused (and forgotten): ask for the PIN, saying
   * why, while the page still shows that car. */
  if (carport_command_get_pin_source (command) == CARPORT_PIN_SOURCE_REMEMBERED &&
      carport_command_get_pin_check (command) == CARPORT_PIN_CHECK_WRONG &&
      carport_command_runner_get_vehicle (runner) == flow->vehicle)
    ask (flow_new (runner, flow->vehicle, flow->kind, flow->parent), carport_command_get_message (command));
  /* Frees @flow. */
  g_signal_handlers_disconnect_by_func (runner, finished_cb, flow);
}

/* Sends @command (its PIN set) through the runner (progress, the toast of
 * the outcome), then follows its end. */
static void
send (Flow           *flow,
      CarportCommand *command)
{
  Flow *sending = flow_new (flow->runner, flow->vehicle, flow->kind, flow->parent);

  sending->command = g_object_ref (command);
  g_signal_connect_data (flow->runner, "finished", G_CALLBACK (finished_cb), sending,
                         (GClosureNotify) flow_free, 0);
  carport_command_runner_send (flow->runner, command);
}

static void
response_cb (CarportPinDialog *dialog,
             const char       *response,
             Flow             *flow)
{
  g_autoptr(CarportCommand) command = NULL;

  if (g_str_equal (response, "set-up"))
    {
      ask (flow_new (flow->runner, flow->vehicle, CARPORT_COMMAND_KIND_SRP_ENROL, flow->parent), NULL);
      return;
    }
  if (!g_str_equal (response, "send") || carport_command_runner_get_vehicle (flow->runner) != flow->vehicle)
    return;

  command = carport_command_runner_create (flow->runner, flow->kind);
  if (command == NULL)
    return;
  carport_pin_dialog_apply (dialog, command);
  send (flow, command);
}

/* Takes @flow: the dialog holds it. */
static void
ask (Flow       *flow,
     const char *reason)
{
  GtkWidget *dialog = carport_pin_dialog_new (flow->parent, flow->kind, carport_pin_flow_get_pin_known (flow->vehicle));

  if (reason)
    carport_pin_dialog_set_reason (CARPORT_PIN_DIALOG (dialog), reason);
  g_signal_connect_data (dialog, "response", G_CALLBACK (response_cb), flow, (GClosureNotify) flow_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
remembered_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(Flow) flow = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CarportCommand) command = NULL;
  char *pin = carport_session_lookup_pin_finish (CARPORT_SESSION (source), result, &error);

  /* The keyring cannot say: ask, as without a remembered PIN. */
  if (error)
    g_debug ("No remembered PIN: %s", error->message);
  if (pin == NULL)
    {
      ask (g_steal_pointer (&flow), NULL);
      return;
    }
  set_pin_known (flow->vehicle);
  if (carport_command_runner_get_vehicle (flow->runner) == flow->vehicle)
    command = carport_command_runner_create (flow->runner, flow->kind);
  if (command)
    {
      carport_command_set_pin_source (command, CARPORT_PIN_SOURCE_REMEMBERED);
      carport_command_set_pin (command, pin);
      send (flow, command);
    }
  carport_credential_store_pin_free (pin);
}

void
carport_pin_flow_start (CarportCommandRunner *runner,
                        CarportCommandKind    kind,
                        GtkWindow            *parent)
{
  CarportSession *session = carport_command_runner_get_session (runner);
  CarportVehicle *vehicle = carport_command_runner_get_vehicle (runner);
  Flow *flow;

  g_return_if_fail (CARPORT_IS_COMMAND_RUNNER (runner));
  if (session == NULL || vehicle == NULL)
    return;

  flow = flow_new (runner, vehicle, kind, parent);
  if (kind == CARPORT_COMMAND_KIND_SRP_ENROL)
    ask (flow, NULL);
  else
    carport_session_lookup_pin_async (session, vehicle, NULL, remembered_cb, flow);
}

static void
forgotten_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(Flow) flow = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (!carport_session_forget_pin_finish (CARPORT_SESSION (source), result, &error))
    {
      carport_command_runner_add_toast (flow->runner, error->message);
      return;
    }
  text = g_strdup_printf (_("No PIN is remembered for %s"), carport_vehicle_get_display_name (flow->vehicle));
  carport_command_runner_add_toast (flow->runner, text);
}

void
carport_pin_flow_forget (CarportCommandRunner *runner)
{
  CarportSession *session = carport_command_runner_get_session (runner);
  CarportVehicle *vehicle = carport_command_runner_get_vehicle (runner);

  g_return_if_fail (CARPORT_IS_COMMAND_RUNNER (runner));
  if (session && vehicle)
    carport_session_forget_pin_async (session, vehicle, NULL, forgotten_cb,
                                      flow_new (runner, vehicle, CARPORT_COMMAND_KIND_LOCK, NULL));
}

typedef struct {
  GWeakRef   widget;
  CarportVehicle *vehicle;
  void     (*done) (GtkWidget *widget);
} Learning;

static void
learnt_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Learning *learning = user_data;
  g_autoptr(GtkWidget) widget = g_weak_ref_get (&learning->widget);
  char *pin = carport_session_lookup_pin_finish (CARPORT_SESSION (source), result, NULL);

  if (pin)
    set_pin_known (learning->vehicle);
  carport_credential_store_pin_free (pin);
  if (widget)
    learning->done (widget);
  g_weak_ref_clear (&learning->widget);
  g_object_unref (learning->vehicle);
  g_free (learning);
}

void
carport_pin_flow_learn (CarportSession *session,
                        CarportVehicle *vehicle,
                        GtkWidget      *widget,
                        void          (*done) (GtkWidget *widget))
{
  Learning *learning;

  if (carport_pin_flow_get_pin_known (vehicle))
    return;
  learning = g_new0 (Learning, 1);
  g_weak_ref_init (&learning->widget, widget);
  learning->vehicle = g_object_ref (vehicle);
  learning->done = done;
  carport_session_lookup_pin_async (session, vehicle, NULL, learnt_cb, learning);
}
