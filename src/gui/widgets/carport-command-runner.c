/* carport-command-runner.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "carport-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "carport-account.h"
#include "carport-closures.h"
#include "carport-command-runner.h"

/* How long a toast about a command stays. */
#define TOAST_SECONDS 4

struct _CarportCommandRunner
{
  GObject         parent_instance;

  /* Borrowed (weak) */
  GtkWidget      *widget;

  /* Owned */
  CarportSession *session;
  CarportVehicle *vehicle;
  CarportAccount *account;       /* the vehicle's, whose login decides */
  GCancellable   *cancellable;   /* cancelled when the widget goes */
};

G_DEFINE_FINAL_TYPE (CarportCommandRunner, carport_command_runner, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_WIDGET,
  PROP_SESSION,
  PROP_VEHICLE,
  PROP_LOGIN_OBSTACLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_SENT,
  SIGNAL_FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

void
carport_command_runner_add_toast (CarportCommandRunner *self,
                                  const char           *title)
{
  GtkWidget *overlay;
  AdwToast *toast;

  g_return_if_fail (CARPORT_IS_COMMAND_RUNNER (self));

  overlay = self->widget ? gtk_widget_get_ancestor (self->widget, ADW_TYPE_TOAST_OVERLAY) : NULL;
  if (overlay == NULL)
    return;

  toast = adw_toast_new (title);
  adw_toast_set_timeout (toast, TOAST_SECONDS);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
}

static void
login_changed_cb (CarportCommandRunner *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOGIN_OBSTACLE]);
}

/* The account the car came through: its login decides what can be sent. */
static void
update_account (CarportCommandRunner *self)
{
  CarportAccount *account = NULL;

  if (self->session && self->vehicle)
    account = carport_session_get_vehicle_account (self->session, self->vehicle);
  if (account != self->account)
    {
      if (self->account)
        g_signal_handlers_disconnect_by_func (self->account, login_changed_cb, self);
      g_set_object (&self->account, account);
      if (account)
        g_signal_connect_swapped (account, "notify::state", G_CALLBACK (login_changed_cb), self);
    }
  login_changed_cb (self);
}

const char *
carport_command_runner_get_login_obstacle (CarportCommandRunner *self)
{
  CarportSessionState state;

  g_return_val_if_fail (CARPORT_IS_COMMAND_RUNNER (self), NULL);

  if (self->session && self->vehicle)
    {
      /* The vehicle's account, or the session for a car without one (tests). */
      state = self->account ? carport_account_get_state (self->account) : carport_session_get_state (self->session);
      if (state == CARPORT_SESSION_STATE_READY)
        return NULL;
      if (self->account && state == CARPORT_SESSION_STATE_LOGGED_OUT)
        return _("Log in again to send commands to this car");
    }
  return _("Carport is not connected to this car’s account yet");
}

typedef struct {
  CarportCommand *command;
  CarportVehicle *vehicle;
} SendData;

static void
send_data_free (SendData *data)
{
  g_clear_object (&data->command);
  g_clear_object (&data->vehicle);
  g_free (data);
}

static void
report_read_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (carport_session_await_report_finish (CARPORT_SESSION (object), result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
command_sent_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CarportCommandRunner *self = g_task_get_source_object (task);
  SendData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  carport_session_send_command_finish (CARPORT_SESSION (object), result, &error);
  g_signal_emit (self, signals[SIGNAL_FINISHED], 0, data->command);

  if (error)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    /* A command that asks the car to report something worked only when the
     * read after it did. */
    carport_session_await_report_async (CARPORT_SESSION (object), data->vehicle, data->command,
                                        self->cancellable, report_read_cb, g_steal_pointer (&task));
}

void
carport_command_runner_send_async (CarportCommandRunner *self,
                                   CarportCommand       *command,
                                   GAsyncReadyCallback   callback,
                                   gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  SendData *data;

  g_return_if_fail (CARPORT_IS_COMMAND_RUNNER (self));
  g_return_if_fail (CARPORT_IS_COMMAND (command));

  task = g_task_new (self, self->cancellable, callback, user_data);
  g_task_set_source_tag (task, carport_command_runner_send_async);

  if (self->session == NULL || self->vehicle == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED, "No session");
      return;
    }

  data = g_new0 (SendData, 1);
  data->command = g_object_ref (command);
  data->vehicle = g_object_ref (self->vehicle);
  g_task_set_task_data (task, data, (GDestroyNotify) send_data_free);

  g_signal_emit (self, signals[SIGNAL_SENT], 0, command);
  carport_session_send_command_async (self->session, command, TRUE, self->cancellable,
                                      command_sent_cb, g_steal_pointer (&task));
}

gboolean
carport_command_runner_send_finish (CarportCommandRunner  *self,
                                    GAsyncResult          *result,
                                    GError               **error)
{
  g_return_val_if_fail (CARPORT_IS_COMMAND_RUNNER (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == carport_command_runner_send_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
send_toasted_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  CarportCommandRunner *self = CARPORT_COMMAND_RUNNER (object);
  g_autoptr(CarportCommand) command = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (!carport_command_runner_send_finish (self, result, &error) &&
      (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
       g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED)))
    return;

  /* "Climate control is on", or what went wrong and why. */
  text = carport_closures_command_toast (command, error);
  carport_command_runner_add_toast (self, text);
}

void
carport_command_runner_send (CarportCommandRunner *self,
                             CarportCommand       *command)
{
  g_return_if_fail (CARPORT_IS_COMMAND_RUNNER (self));
  g_return_if_fail (CARPORT_IS_COMMAND (command));

  carport_command_runner_send_async (self, command, send_toasted_cb, g_object_ref (command));
}

gboolean
carport_command_runner_in_flight (CarportCommandRunner *self,
                                  CarportCommandKind    kind)
{
  g_return_val_if_fail (CARPORT_IS_COMMAND_RUNNER (self), FALSE);

  return self->session && self->vehicle &&
         carport_session_get_command_in_flight (self->session, self->vehicle, kind) != NULL;
}

CarportCommand *
carport_command_runner_create (CarportCommandRunner *self,
                               CarportCommandKind    kind)
{
  g_return_val_if_fail (CARPORT_IS_COMMAND_RUNNER (self), NULL);

  if (self->session == NULL || self->vehicle == NULL || carport_command_runner_in_flight (self, kind))
    return NULL;
  return carport_session_create_command (self->session, self->vehicle, kind);
}

static void
send_new (CarportCommandRunner *self,
          CarportCommandKind    kind)
{
  g_autoptr(CarportCommand) command = carport_command_runner_create (self, kind);

  if (command)
    carport_command_runner_send (self, command);
}

/* Horn and lights disturb people near the car: the question to ask first,
 * or FALSE for the commands sent at once. @name is the car's. */
static gboolean
describe_confirmation (CarportCommandKind      kind,
                       const char             *name,
                       const char            **heading,
                       char                  **body,
                       const char            **verb,
                       AdwResponseAppearance  *appearance)
{
  switch (kind)
    {
    case CARPORT_COMMAND_KIND_HORN:
      *heading = _("Sound the Horn?");
      /* Translators: %s is the car's name */
      *body = g_strdup_printf (_("The horn of %s will sound for a few seconds. Everyone near the car will hear it."), name);
      *verb = _("_Sound Horn");
      *appearance = ADW_RESPONSE_DESTRUCTIVE;
      return TRUE;
    case CARPORT_COMMAND_KIND_LIGHTS:
      *heading = _("Flash the Lights?");
      /* Translators: %s is the car's name */
      *body = g_strdup_printf (_("The lights of %s will flash for a few seconds."), name);
      *verb = _("_Flash Lights");
      *appearance = ADW_RESPONSE_SUGGESTED;
      return TRUE;
    default:
      return FALSE;
    }
}

static void
confirm_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     gpointer          user_data)
{
  CarportCommandRunner *self = CARPORT_COMMAND_RUNNER (user_data);
  CarportCommandKind kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "carport-kind"));

  if (g_str_equal (response, "send"))
    send_new (self, kind);
}

void
carport_command_runner_run (CarportCommandRunner *self,
                            CarportCommandKind    kind)
{
  const char *heading = NULL, *verb = NULL;
  g_autofree char *body = NULL;
  AdwResponseAppearance appearance = ADW_RESPONSE_DEFAULT;
  GtkWidget *dialog;

  g_return_if_fail (CARPORT_IS_COMMAND_RUNNER (self));

  if (self->vehicle == NULL ||
      !describe_confirmation (kind, carport_vehicle_get_display_name (self->vehicle),
                              &heading, &body, &verb, &appearance))
    {
      send_new (self, kind);
      return;
    }

  dialog = adw_message_dialog_new (self->widget ? GTK_WINDOW (gtk_widget_get_root (self->widget)) : NULL,
                                   heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "send", verb,
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "send", appearance);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "carport-kind", GINT_TO_POINTER (kind));
  g_signal_connect_object (dialog, "response", G_CALLBACK (confirm_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
widget_gone_cb (gpointer  user_data,
                GObject  *where_the_widget_was)
{
  CarportCommandRunner *self = user_data;

  self->widget = NULL;
  g_cancellable_cancel (self->cancellable);
}

static void
carport_command_runner_dispose (GObject *object)
{
  CarportCommandRunner *self = CARPORT_COMMAND_RUNNER (object);

  if (self->widget)
    g_object_weak_unref (G_OBJECT (self->widget), widget_gone_cb, self);
  self->widget = NULL;
  g_cancellable_cancel (self->cancellable);
  if (self->session)
    g_signal_handlers_disconnect_by_func (self->session, login_changed_cb, self);
  if (self->account)
    g_signal_handlers_disconnect_by_func (self->account, login_changed_cb, self);
  g_clear_object (&self->account);
  g_clear_object (&self->session);
  g_clear_object (&self->vehicle);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (carport_command_runner_parent_class)->dispose (object);
}

static void
carport_command_runner_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  CarportCommandRunner *self = CARPORT_COMMAND_RUNNER (object);

  switch (prop_id)
    {
    case PROP_WIDGET:
      g_value_set_object (value, self->widget);
      break;
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_VEHICLE:
      g_value_set_object (value, self->vehicle);
      break;
    case PROP_LOGIN_OBSTACLE:
      g_value_set_string (value, carport_command_runner_get_login_obstacle (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carport_command_runner_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  CarportCommandRunner *self = CARPORT_COMMAND_RUNNER (object);

  switch (prop_id)
    {
    case PROP_WIDGET:
      self->widget = g_value_get_object (value);
      if (self->widget)
        g_object_weak_ref (G_OBJECT (self->widget), widget_gone_cb, self);
      break;
    case PROP_SESSION:
      carport_command_runner_set_session (self, g_value_get_object (value));
      break;
    case PROP_VEHICLE:
      carport_command_runner_set_vehicle (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carport_command_runner_class_init (CarportCommandRunnerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = carport_command_runner_dispose;
  object_class->get_property = carport_command_runner_get_property;
  object_class->set_property = carport_command_runner_set_property;

  properties[PROP_WIDGET] =
    g_param_spec_object ("widget", NULL, NULL, GTK_TYPE_WIDGET,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, CARPORT_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_VEHICLE] =
    g_param_spec_object ("vehicle", NULL, NULL, CARPORT_TYPE_VEHICLE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOGIN_OBSTACLE] =
    g_param_spec_string ("login-obstacle", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_SENT] =
    g_signal_new ("sent", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, CARPORT_TYPE_COMMAND);
  signals[SIGNAL_FINISHED] =
    g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, CARPORT_TYPE_COMMAND);
}

static void
carport_command_runner_init (CarportCommandRunner *self)
{
  self->cancellable = g_cancellable_new ();
}

CarportCommandRunner *
carport_command_runner_new (GtkWidget *widget)
{
  g_return_val_if_fail (widget == NULL || GTK_IS_WIDGET (widget), NULL);

  return g_object_new (CARPORT_TYPE_COMMAND_RUNNER, "widget", widget, NULL);
}

CarportSession *
carport_command_runner_get_session (CarportCommandRunner *self)
{
  g_return_val_if_fail (CARPORT_IS_COMMAND_RUNNER (self), NULL);
  return self->session;
}

void
carport_command_runner_set_session (CarportCommandRunner *self,
                                    CarportSession       *session)
{
  g_return_if_fail (CARPORT_IS_COMMAND_RUNNER (self));
  g_return_if_fail (session == NULL || CARPORT_IS_SESSION (session));

  if (self->session == session)
    return;
  if (self->session)
    g_signal_handlers_disconnect_by_func (self->session, login_changed_cb, self);
  g_set_object (&self->session, session);
  if (session)
    g_signal_connect_swapped (session, "notify::state", G_CALLBACK (login_changed_cb), self);
  update_account (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

CarportVehicle *
carport_command_runner_get_vehicle (CarportCommandRunner *self)
{
  g_return_val_if_fail (CARPORT_IS_COMMAND_RUNNER (self), NULL);
  return self->vehicle;
}

void
carport_command_runner_set_vehicle (CarportCommandRunner *self,
                                    CarportVehicle       *vehicle)
{
  g_return_if_fail (CARPORT_IS_COMMAND_RUNNER (self));
  g_return_if_fail (vehicle == NULL || CARPORT_IS_VEHICLE (vehicle));

  if (!g_set_object (&self->vehicle, vehicle))
    return;
  update_account (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VEHICLE]);
}
