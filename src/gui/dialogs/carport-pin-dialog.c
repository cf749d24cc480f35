/* carport-pin-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "carport-gui"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "carport-pin-dialog.h"

/* The PIN of the makers' apps. */
#define PIN_DIGITS 4

struct _CarportPinDialog
{
  AdwMessageDialog    parent_instance;

  /* Template widgets */
  GtkWidget          *pin_entry;
  GtkWidget          *remember_switch;
  GtkWidget          *remember_row;

  CarportCommandKind  kind;
  gboolean            pin_known;
};

G_DEFINE_FINAL_TYPE (CarportPinDialog, carport_pin_dialog, ADW_TYPE_MESSAGE_DIALOG)

enum {
  PROP_0,
  PROP_KIND,
  PROP_PIN_KNOWN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
is_pin (const char *text)
{
  return strlen (text) == PIN_DIGITS && strspn (text, "0123456789") == PIN_DIGITS;
}

static void
pin_changed_cb (CarportPinDialog *self)
{
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "send",
                                           is_pin (gtk_editable_get_text (GTK_EDITABLE (self->pin_entry))));
}

/* Enter sends, once the PIN is complete. */
static void
pin_activate_cb (CarportPinDialog *self)
{
  if (!is_pin (gtk_editable_get_text (GTK_EDITABLE (self->pin_entry))))
    return;
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (self), "send");
  gtk_window_close (GTK_WINDOW (self));
}

static void
carport_pin_dialog_constructed (GObject *object)
{
  CarportPinDialog *self = CARPORT_PIN_DIALOG (object);
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (self);
  gboolean enrol = self->kind == CARPORT_COMMAND_KIND_SRP_ENROL;
  gboolean engine = self->kind == CARPORT_COMMAND_KIND_ENGINE_START || self->kind == CARPORT_COMMAND_KIND_ENGINE_STOP;

  G_OBJECT_CLASS (carport_pin_dialog_parent_class)->constructed (object);

  adw_message_dialog_set_heading (dialog, enrol && self->pin_known ? _("Change the Remote Control PIN")
                                          : enrol ? _("Set Up the Remote Control PIN")
                                          : self->kind == CARPORT_COMMAND_KIND_LOCK ? _("Lock the Car")
                                          : self->kind == CARPORT_COMMAND_KIND_ENGINE_START ? _("Start the Engine")
                                          : self->kind == CARPORT_COMMAND_KIND_ENGINE_STOP ? _("Stop the Engine")
                                          : _("Unlock the Car"));
  adw_message_dialog_set_body (dialog, enrol
                               ? _("Choose the 4-digit PIN that the car asks for before the remote commands that need one. It replaces the PIN set in the maker’s app; only a value derived from it is sent.")
                               : engine
                               ? _("Enter the car’s 4-digit PIN. Remote engine start is experimental: check the car afterwards.")
                               : _("Enter the car’s 4-digit PIN. Remote lock is experimental: check the car afterwards."));
  /* The .ui's words name Lock and Unlock. */
  if (engine)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (self->remember_row),
                                 _("Kept in the keyring only, once the car accepted it; Start Engine and Stop Engine then use it without asking"));
  else if (enrol)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (self->remember_row),
                                 _("Kept in the keyring only, once the car accepted it; the remote commands then use it without asking"));
  adw_message_dialog_add_response (dialog, "cancel", _("_Cancel"));
  if (!enrol)
    adw_message_dialog_add_response (dialog, "set-up", self->pin_known ? _("C_hange PIN…") : _("Set _Up PIN…"));
  adw_message_dialog_add_response (dialog, "send", enrol ? _("_Set PIN")
                                                   : self->kind == CARPORT_COMMAND_KIND_LOCK ? _("_Lock")
                                                   : self->kind == CARPORT_COMMAND_KIND_ENGINE_START ? _("_Start")
                                                   : self->kind == CARPORT_COMMAND_KIND_ENGINE_STOP ? _("_Stop")
                                                   : _("_Unlock"));
  adw_message_dialog_set_response_appearance (dialog, "send", ADW_RESPONSE_SUGGESTED);
  pin_changed_cb (self);
}

static void
carport_pin_dialog_dispose (GObject *object)
{
  CarportPinDialog *self = CARPORT_PIN_DIALOG (object);

  /* The field empties itself as it goes; GTK 4.8's password entry must not
   * have the focus when it is disposed (its focus handler would run on it). */
  if (self->pin_entry != NULL)
    g_signal_handlers_disconnect_by_data (self->pin_entry, self);
  gtk_window_set_focus (GTK_WINDOW (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), CARPORT_TYPE_PIN_DIALOG);

  G_OBJECT_CLASS (carport_pin_dialog_parent_class)->dispose (object);
}

static void
carport_pin_dialog_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  CarportPinDialog *self = CARPORT_PIN_DIALOG (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    case PROP_PIN_KNOWN:
      g_value_set_boolean (value, self->pin_known);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carport_pin_dialog_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  CarportPinDialog *self = CARPORT_PIN_DIALOG (object);

  switch (prop_id)
    {
    case PROP_KIND:
      self->kind = g_value_get_enum (value);
      break;
    case PROP_PIN_KNOWN:
      self->pin_known = g_value_get_boolean (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carport_pin_dialog_class_init (CarportPinDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = carport_pin_dialog_constructed;
  object_class->dispose = carport_pin_dialog_dispose;
  object_class->get_property = carport_pin_dialog_get_property;
  object_class->set_property = carport_pin_dialog_set_property;

  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, CARPORT_TYPE_COMMAND_KIND, CARPORT_COMMAND_KIND_LOCK,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PIN_KNOWN] =
    g_param_spec_boolean ("pin-known", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/carport/Carport/dialogs/carport-pin-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CarportPinDialog, pin_entry);
  gtk_widget_class_bind_template_child (widget_class, CarportPinDialog, remember_switch);
  gtk_widget_class_bind_template_child (widget_class, CarportPinDialog, remember_row);
}

static void
carport_pin_dialog_init (CarportPinDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_object_set (gtk_editable_get_delegate (GTK_EDITABLE (self->pin_entry)),
                "input-purpose", GTK_INPUT_PURPOSE_PIN,
                "max-length", PIN_DIGITS,
                NULL);
  g_signal_connect_swapped (self->pin_entry, "changed", G_CALLBACK (pin_changed_cb), self);
  g_signal_connect_swapped (self->pin_entry, "activate", G_CALLBACK (pin_activate_cb), self);
}

GtkWidget *
carport_pin_dialog_new (GtkWindow          *parent,
                        CarportCommandKind  kind,
                        gboolean            pin_known)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (carport_command_kind_takes_pin (kind) || kind == CARPORT_COMMAND_KIND_SRP_ENROL, NULL);

  return g_object_new (CARPORT_TYPE_PIN_DIALOG,
                       "transient-for", parent,
                       "modal", TRUE,
                       "kind", kind,
                       "pin-known", pin_known,
                       NULL);
}

void
carport_pin_dialog_apply (CarportPinDialog *self,
                          CarportCommand   *command)
{
  g_return_if_fail (CARPORT_IS_PIN_DIALOG (self));
  g_return_if_fail (CARPORT_IS_COMMAND (command));

  carport_command_set_pin (command, gtk_editable_get_text (GTK_EDITABLE (self->pin_entry)));
  carport_command_set_pin_source (command, gtk_switch_get_active (GTK_SWITCH (self->remember_switch))
                                           ? CARPORT_PIN_SOURCE_REMEMBER : CARPORT_PIN_SOURCE_TYPED);
  gtk_editable_set_text (GTK_EDITABLE (self->pin_entry), "");
}

void
carport_pin_dialog_set_reason (CarportPinDialog *self,
                               const char       *reason)
{
  g_autofree char *body = NULL;

  g_return_if_fail (CARPORT_IS_PIN_DIALOG (self));

  /* Translators: first why the PIN is asked for again (e.g. "The PIN was
   * wrong… Carport forgot the remembered PIN."), then what to do. */
  body = g_strdup_printf (_("%s\n\nEnter the car’s 4-digit PIN."), reason);
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self), body);
}
