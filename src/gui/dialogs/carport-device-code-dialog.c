/* carport-device-code-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "carport-gui"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "carport-api-error.h"
#include "carport-demo.h"
#include "carport-device-code-dialog.h"

#define CODE_DIGITS 6

struct _CarportDeviceCodeDialog
{
  AdwMessageDialog  parent_instance;

  /* Template widgets */
  GtkWidget        *code_entry;
  GtkWidget        *problem_label;

  char             *car_name;
  char             *problem;
  char             *demo_code;
};

G_DEFINE_FINAL_TYPE (CarportDeviceCodeDialog, carport_device_code_dialog, ADW_TYPE_MESSAGE_DIALOG)

enum {
  PROP_0,
  PROP_CAR_NAME,
  PROP_PROBLEM,
  PROP_DEMO_CODE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
is_code (const char *text)
{
  return strlen (text) == CODE_DIGITS && strspn (text, "0123456789") == CODE_DIGITS;
}

static void
code_changed_cb (CarportDeviceCodeDialog *self)
{
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "register",
                                           is_code (gtk_editable_get_text (GTK_EDITABLE (self->code_entry))));
}

/* Enter registers, once the code is complete. */
static void
code_activate_cb (CarportDeviceCodeDialog *self)
{
  if (!is_code (gtk_editable_get_text (GTK_EDITABLE (self->code_entry))))
    return;
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (self), "register");
  gtk_window_close (GTK_WINDOW (self));
}

static void
carport_device_code_dialog_constructed (GObject *object)
{
  CarportDeviceCodeDialog *self = CARPORT_DEVICE_CODE_DIALOG (object);
  g_autofree char *body = NULL;

  G_OBJECT_CLASS (carport_device_code_dialog_parent_class)->constructed (object);

  /* Translators: %s is a car's name */
  body = g_strdup_printf (_("Before this computer can lock and unlock %s, Nissan registers it. Nissan has e-mailed "
                            "a 6-digit code to the account’s address: enter it here. Nothing is sent to the car."),
                          self->car_name != NULL ? self->car_name : "");
  if (self->demo_code != NULL)
    {
      /* Translators: in the demo; %s is the 6-digit code */
      g_autofree char *demo = g_strdup_printf (_("Demo: the simulated e-mail says %s."), self->demo_code);
      char *both = g_strconcat (body, "\n\n", demo, NULL);

      g_free (body);
      body = both;
    }
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self), body);
  code_changed_cb (self);
}

static void
carport_device_code_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), CARPORT_TYPE_DEVICE_CODE_DIALOG);

  G_OBJECT_CLASS (carport_device_code_dialog_parent_class)->dispose (object);
}

static void
carport_device_code_dialog_finalize (GObject *object)
{
  CarportDeviceCodeDialog *self = CARPORT_DEVICE_CODE_DIALOG (object);

  g_free (self->car_name);
  g_free (self->problem);
  g_free (self->demo_code);

  G_OBJECT_CLASS (carport_device_code_dialog_parent_class)->finalize (object);
}

static void
set_problem (CarportDeviceCodeDialog *self,
             const char              *problem)
{
  if (g_strcmp0 (self->problem, problem) == 0)
    return;
  g_free (self->problem);
  self->problem = g_strdup (problem);
  gtk_label_set_text (GTK_LABEL (self->problem_label), problem != NULL ? problem : "");
  gtk_widget_set_visible (self->problem_label, problem != NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROBLEM]);
}

static void
carport_device_code_dialog_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  CarportDeviceCodeDialog *self = CARPORT_DEVICE_CODE_DIALOG (object);

  switch (prop_id)
    {
    case PROP_CAR_NAME:
      g_value_set_string (value, self->car_name);
      break;
    case PROP_PROBLEM:
      g_value_set_string (value, self->problem);
      break;
    case PROP_DEMO_CODE:
      g_value_set_string (value, self->demo_code);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carport_device_code_dialog_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  CarportDeviceCodeDialog *self = CARPORT_DEVICE_CODE_DIALOG (object);

  switch (prop_id)
    {
    case PROP_CAR_NAME:
      self->car_name = g_value_dup_string (value);
      break;
    case PROP_PROBLEM:
      set_problem (self, g_value_get_string (value));
      break;
    case PROP_DEMO_CODE:
      self->demo_code = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carport_device_code_dialog_class_init (CarportDeviceCodeDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = carport_device_code_dialog_constructed;
  object_class->dispose = carport_device_code_dialog_dispose;
  object_class->finalize = carport_device_code_dialog_finalize;
  object_class->get_property = carport_device_code_dialog_get_property;
  object_class->set_property = carport_device_code_dialog_set_property;

  properties[PROP_CAR_NAME] =
    g_param_spec_string ("car-name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROBLEM] =
    g_param_spec_string ("problem", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DEMO_CODE] =
    g_param_spec_string ("demo-code", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/carport/Carport/dialogs/carport-device-code-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CarportDeviceCodeDialog, code_entry);
  gtk_widget_class_bind_template_child (widget_class, CarportDeviceCodeDialog, problem_label);
  gtk_widget_class_bind_template_callback (widget_class, code_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, code_activate_cb);
}

static void
carport_device_code_dialog_init (CarportDeviceCodeDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
carport_device_code_dialog_new (GtkWindow  *parent,
                                const char *car_name,
                                const char *problem,
                                const char *demo_code)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  return g_object_new (CARPORT_TYPE_DEVICE_CODE_DIALOG,
                       "transient-for", parent,
                       "modal", TRUE,
                       "car-name", car_name,
                       "problem", problem,
                       "demo-code", demo_code,
                       NULL);
}

char *
carport_device_code_dialog_dup_code (CarportDeviceCodeDialog *self)
{
  char *code;

  g_return_val_if_fail (CARPORT_IS_DEVICE_CODE_DIALOG (self), NULL);

  code = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->code_entry)));
  gtk_editable_set_text (GTK_EDITABLE (self->code_entry), "");
  return code;
}

/* ------------------------------------------------------------------------ */
/* The whole step */

typedef struct {
  GtkWindow      *parent;   /* owned, nullable */
  CarportSession *session;  /* owned */
  CarportVehicle *vehicle;  /* owned */
} Ensure;

static void
ensure_free (Ensure *ensure)
{
  g_clear_object (&ensure->parent);
  g_clear_object (&ensure->session);
  g_clear_object (&ensure->vehicle);
  g_free (ensure);
}

/* A failure's sentences, which a toast would cut: in a dialog over @parent. */
static void
show_failure (GtkWindow  *parent,
              const char *heading,
              const char *body)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, heading, body));

  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Says why remote lock cannot go on, then ends with FALSE. Takes @task. */
static void
ensure_fail (GTask        *task,
             const GError *error)
{
  Ensure *ensure = g_task_get_task_data (task);
  g_autofree char *body = g_strdup_printf (_("%s Nothing was sent to the car."), error->message);

  show_failure (ensure->parent, _("This Computer Could Not Be Registered"), body);
  g_task_return_boolean (task, FALSE);
  g_object_unref (task);
}

static void ask_code (GTask *task, const char *problem);

static void
registered_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GTask *task = user_data;
  g_autoptr(GError) error = NULL;

  if (!carport_session_device_finish (CARPORT_SESSION (source), result, NULL, &error))
    {
      /* Wrong or expired code, the network: say it and ask again. */
      g_autofree char *problem = NULL;

      if (g_error_matches (error, CARPORT_API_ERROR, CARPORT_API_ERROR_TFA_CODE_INVALID))
        problem = g_strdup (error->message);
      else
        /* Translators: %s says what failed */
        problem = g_strdup_printf (_("Nissan could not be reached: %s"), error->message);
      ask_code (task, problem);
      return;
    }
  g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

static void
code_sent_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GTask *task = user_data;
  g_autoptr(GError) error = NULL;

  if (!carport_session_device_finish (CARPORT_SESSION (source), result, NULL, &error))
    {
      ensure_fail (task, error);
      return;
    }
  ask_code (task, NULL);
}

static void
dialog_response_cb (CarportDeviceCodeDialog *dialog,
                    const char              *response,
                    gpointer                 user_data)
{
  GTask *task = user_data;
  Ensure *ensure = g_task_get_task_data (task);

  /* One answer per dialog: closing it after Enter is no second one. */
  g_signal_handlers_disconnect_by_data (dialog, task);
  if (g_str_equal (response, "register"))
    {
      g_autofree char *code = carport_device_code_dialog_dup_code (dialog);

      carport_session_device_async (ensure->session, ensure->vehicle, CARPORT_DEVICE_STEP_REGISTER, code, NULL,
                                    registered_cb, task);
      explicit_bzero (code, strlen (code));
    }
  else if (g_str_equal (response, "resend"))
    carport_session_device_async (ensure->session, ensure->vehicle, CARPORT_DEVICE_STEP_REQUEST_CODE, NULL, NULL,
                                  code_sent_cb, task);
  else
    {
      g_task_return_boolean (task, FALSE);
      g_object_unref (task);
    }
}

/* Takes @task. */
static void
ask_code (GTask      *task,
          const char *problem)
{
  Ensure *ensure = g_task_get_task_data (task);
  /* A demo has no mailbox: the code is shown. */
  GtkWidget *dialog = carport_device_code_dialog_new (ensure->parent,
                                                      carport_vehicle_get_display_name (ensure->vehicle),
                                                      problem,
                                                      carport_demo_session_get_emailed_code (ensure->session));

  g_signal_connect (dialog, "response", G_CALLBACK (dialog_response_cb), task);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
checked_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  GTask *task = user_data;
  Ensure *ensure = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  gboolean registered = FALSE;

  if (!carport_session_device_finish (CARPORT_SESSION (source), result, &registered, &error))
    {
      ensure_fail (task, error);
      return;
    }
  if (registered)
    {
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }
  carport_session_device_async (ensure->session, ensure->vehicle, CARPORT_DEVICE_STEP_REQUEST_CODE, NULL, NULL,
                                code_sent_cb, task);
}

void
carport_device_code_dialog_ensure_async (GtkWindow           *parent,
                                         CarportSession      *session,
                                         CarportVehicle      *vehicle,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  GTask *task = g_task_new (NULL, NULL, callback, user_data);
  Ensure *ensure = g_new0 (Ensure, 1);

  g_task_set_source_tag (task, carport_device_code_dialog_ensure_async);
  ensure->parent = parent != NULL ? g_object_ref (parent) : NULL;
  ensure->session = g_object_ref (session);
  ensure->vehicle = g_object_ref (vehicle);
  g_task_set_task_data (task, ensure, (GDestroyNotify) ensure_free);

  if (!carport_session_registers_devices (session, vehicle))
    {
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }
  carport_session_device_async (session, vehicle, CARPORT_DEVICE_STEP_CHECK, NULL, NULL, checked_cb, task);
}

gboolean
carport_device_code_dialog_ensure_finish (GAsyncResult *result)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), NULL);
}

/* ------------------------------------------------------------------------ */
/* Forgetting this computer */

typedef struct {
  GtkWindow            *parent;   /* owned, nullable */
  CarportCommandRunner *runner;   /* owned: its toast tells it was done */
  CarportSession       *session;  /* owned */
  CarportVehicle       *vehicle;  /* owned */
} Forget;

static Forget *
forget_new (GtkWindow            *parent,
            CarportCommandRunner *runner,
            CarportSession       *session,
            CarportVehicle       *vehicle)
{
  Forget *forget = g_new0 (Forget, 1);

  forget->parent = parent != NULL ? g_object_ref (parent) : NULL;
  forget->runner = g_object_ref (runner);
  forget->session = g_object_ref (session);
  forget->vehicle = g_object_ref (vehicle);
  return forget;
}

static void
forget_free (Forget *forget)
{
  g_clear_object (&forget->parent);
  g_clear_object (&forget->runner);
  g_clear_object (&forget->session);
  g_clear_object (&forget->vehicle);
  g_free (forget);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Forget, forget_free)

static void
forgotten_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(Forget) forget = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  /* The message says whether the computer may still be registered. */
  if (!carport_session_device_finish (CARPORT_SESSION (source), result, NULL, &error))
    {
      show_failure (forget->parent, _("Could Not Forget This Computer"), error->message);
      return;
    }
  /* Short enough for a narrow window's toast. Translators: %s is a car
   * maker (Nissan) */
  text = g_strdup_printf (_("%s forgot this computer"), carport_format_brand (carport_vehicle_get_brand (forget->vehicle)));
  carport_command_runner_add_toast (forget->runner, text);
}

static void
forget_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    Forget           *forget)
{
  if (g_str_equal (response, "forget"))
    carport_session_device_async (forget->session, forget->vehicle, CARPORT_DEVICE_STEP_FORGET, NULL, NULL,
                                  forgotten_cb,
                                  forget_new (forget->parent, forget->runner, forget->session, forget->vehicle));
}

void
carport_device_code_dialog_forget (GtkWindow            *parent,
                                   CarportCommandRunner *runner)
{
  CarportSession *session;
  CarportVehicle *vehicle;
  GtkWidget *dialog;
  g_autofree char *body = NULL;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (CARPORT_IS_COMMAND_RUNNER (runner));

  session = carport_command_runner_get_session (runner);
  vehicle = carport_command_runner_get_vehicle (runner);
  if (session == NULL || vehicle == NULL)
    return;

  /* Translators: %1$s is the car's brand (Nissan), %2$s the car's name */
  body = g_strdup_printf (_("%1$s will no longer accept remote lock of %2$s from this computer until it is "
                            "registered again with a code sent by e-mail. The car’s remote control PIN stays "
                            "the same."),
                          carport_format_brand (carport_vehicle_get_brand (vehicle)),
                          carport_vehicle_get_display_name (vehicle));
  dialog = adw_message_dialog_new (parent, _("Forget This Computer?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    /* Translators: a button: have the car's maker unregister this computer */
                                    "forget", _("_Forget"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "forget", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (forget_response_cb),
                         forget_new (parent, runner, session, vehicle),
                         (GClosureNotify) (void (*) (void)) forget_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}
