/* carport-command-button.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "carport-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "carport-command-button.h"

/* How long "Done" / "Failed" stays before the button rests again. */
#define RESULT_SECONDS 4

struct _CarportCommandButton
{
  GtkButton       parent_instance;

  /* Template widgets */
  GtkStack       *icon_stack;
  GtkImage       *icon;
  GtkImage       *result_icon;
  GtkSpinner     *spinner;
  GtkLabel       *text;

  /* Owned */
  CarportCommand     *command;
  CarportCommandKind  kind;
  gboolean            planned;
  char               *label;
  char               *explanation;
  char               *reason;
  const char         *status;   /* of the command shown, NULL at rest */
  guint               reset_id;
};

G_DEFINE_FINAL_TYPE (CarportCommandButton, carport_command_button, GTK_TYPE_BUTTON)

enum {
  PROP_0,
  PROP_LABEL,
  PROP_ICON_NAME,
  PROP_KIND,
  PROP_PLANNED,
  PROP_COMMAND,
  PROP_EXPLANATION,
  PROP_REASON,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* g_set_str() of GLib 2.76. */
static gboolean
set_string (char **field, const char *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

/* The tooltip and the accessible description: why the button cannot be
 * pressed, else how its command goes, else what it does (the tooltip: else
 * its title, which may be cut short on a narrow window). The title itself
 * never changes, so that the button keeps its width. */
static void
sync_hints (CarportCommandButton *self)
{
  const char *hint = self->reason ? self->reason : self->status ? self->status : self->explanation;

  gtk_widget_set_tooltip_text (GTK_WIDGET (self), hint ? hint : self->label);
  if (hint)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, hint, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

static void
show_status (CarportCommandButton *self, const char *status)
{
  self->status = status;
  sync_hints (self);
}

static void
show_resting (CarportCommandButton *self)
{
  gtk_stack_set_visible_child (self->icon_stack, GTK_WIDGET (self->icon));
  gtk_spinner_stop (self->spinner);
  show_status (self, NULL);
  gtk_widget_remove_css_class (GTK_WIDGET (self), "command-done");
  gtk_widget_remove_css_class (GTK_WIDGET (self), "command-failed");
  gtk_widget_remove_css_class (GTK_WIDGET (self), "command-busy");
}

static gboolean
reset_cb (gpointer user_data)
{
  CarportCommandButton *self = user_data;

  self->reset_id = 0;
  show_resting (self);
  return G_SOURCE_REMOVE;
}

static void
sync_state (CarportCommandButton *self)
{
  CarportCommandState state = self->command ? carport_command_get_state (self->command)
                                            : CARPORT_COMMAND_STATE_NEW;

  g_clear_handle_id (&self->reset_id, g_source_remove);

  switch (state)
    {
    case CARPORT_COMMAND_STATE_SENDING:
    case CARPORT_COMMAND_STATE_PENDING:
    case CARPORT_COMMAND_STATE_VERIFYING:
      gtk_stack_set_visible_child (self->icon_stack, GTK_WIDGET (self->spinner));
      gtk_spinner_start (self->spinner);
      show_status (self, state == CARPORT_COMMAND_STATE_SENDING ? _("Sending…")
                         : state == CARPORT_COMMAND_STATE_PENDING ? _("Waiting for the car…")
                         /* Translators: no answer came; the car's state is read to see whether it did it */
                         : _("Checking the car…"));
      gtk_widget_add_css_class (GTK_WIDGET (self), "command-busy");
      break;

    case CARPORT_COMMAND_STATE_COMPLETED:
    case CARPORT_COMMAND_STATE_FAILED:
    case CARPORT_COMMAND_STATE_TIMED_OUT:
    case CARPORT_COMMAND_STATE_UNKNOWN:
      {
        gboolean ok = state == CARPORT_COMMAND_STATE_COMPLETED;

        gtk_spinner_stop (self->spinner);
        gtk_image_set_from_icon_name (self->result_icon, ok ? "object-select-symbolic"
                                                            : "dialog-warning-symbolic");
        gtk_stack_set_visible_child (self->icon_stack, GTK_WIDGET (self->result_icon));
        show_status (self, ok ? _("Done")
                           : state == CARPORT_COMMAND_STATE_TIMED_OUT ? _("No answer")
                           /* Translators: whether the car carried out the command is not known */
                           : state == CARPORT_COMMAND_STATE_UNKNOWN ? _("Result unknown")
                           : _("Failed"));
        gtk_widget_remove_css_class (GTK_WIDGET (self), "command-busy");
        gtk_widget_add_css_class (GTK_WIDGET (self), ok ? "command-done" : "command-failed");
        self->reset_id = g_timeout_add_seconds (RESULT_SECONDS, reset_cb, self);
      }
      break;

    case CARPORT_COMMAND_STATE_NEW:
    default:
      show_resting (self);
      break;
    }
}

static void
carport_command_button_dispose (GObject *object)
{
  CarportCommandButton *self = CARPORT_COMMAND_BUTTON (object);

  g_clear_handle_id (&self->reset_id, g_source_remove);
  if (self->command)
    g_signal_handlers_disconnect_by_func (self->command, sync_state, self);
  g_clear_object (&self->command);
  gtk_widget_dispose_template (GTK_WIDGET (self), CARPORT_TYPE_COMMAND_BUTTON);

  G_OBJECT_CLASS (carport_command_button_parent_class)->dispose (object);
}

static void
carport_command_button_finalize (GObject *object)
{
  CarportCommandButton *self = CARPORT_COMMAND_BUTTON (object);

  g_clear_pointer (&self->label, g_free);
  g_clear_pointer (&self->explanation, g_free);
  g_clear_pointer (&self->reason, g_free);

  G_OBJECT_CLASS (carport_command_button_parent_class)->finalize (object);
}

static void
carport_command_button_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  CarportCommandButton *self = CARPORT_COMMAND_BUTTON (object);

  switch (prop_id)
    {
    case PROP_LABEL:
      g_value_set_string (value, self->label);
      break;
    case PROP_ICON_NAME:
      g_value_set_string (value, gtk_image_get_icon_name (self->icon));
      break;
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    case PROP_PLANNED:
      g_value_set_boolean (value, self->planned);
      break;
    case PROP_COMMAND:
      g_value_set_object (value, self->command);
      break;
    case PROP_EXPLANATION:
      g_value_set_string (value, self->explanation);
      break;
    case PROP_REASON:
      g_value_set_string (value, self->reason);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carport_command_button_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  CarportCommandButton *self = CARPORT_COMMAND_BUTTON (object);

  switch (prop_id)
    {
    case PROP_LABEL:
      if (g_strcmp0 (self->label, g_value_get_string (value)) != 0)
        {
          g_free (self->label);
          self->label = g_value_dup_string (value);
          gtk_label_set_label (self->text, self->label);
          gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                          GTK_ACCESSIBLE_PROPERTY_LABEL, self->label, -1);
          sync_hints (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_ICON_NAME:
      if (g_strcmp0 (gtk_image_get_icon_name (self->icon), g_value_get_string (value)) != 0)
        {
          gtk_image_set_from_icon_name (self->icon, g_value_get_string (value));
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_KIND:
      carport_command_button_set_kind (self, g_value_get_enum (value));
      break;
    case PROP_PLANNED:
      if (self->planned != g_value_get_boolean (value))
        {
          self->planned = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_COMMAND:
      carport_command_button_set_command (self, g_value_get_object (value));
      break;
    case PROP_EXPLANATION:
      carport_command_button_set_explanation (self, g_value_get_string (value));
      break;
    case PROP_REASON:
      carport_command_button_set_reason (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carport_command_button_class_init (CarportCommandButtonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = carport_command_button_dispose;
  object_class->finalize = carport_command_button_finalize;
  object_class->get_property = carport_command_button_get_property;
  object_class->set_property = carport_command_button_set_property;

  /* Not GtkButton's "label"/"icon-name": the button's child shows the title,
   * the icon, the spinner and the state text together. */
  properties[PROP_LABEL] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ICON_NAME] =
    g_param_spec_string ("icon", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, CARPORT_TYPE_COMMAND_KIND, CARPORT_COMMAND_KIND_HVAC_START,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PLANNED] =
    g_param_spec_boolean ("planned", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COMMAND] =
    g_param_spec_object ("command", NULL, NULL, CARPORT_TYPE_COMMAND,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_EXPLANATION] =
    g_param_spec_string ("explanation", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REASON] =
    g_param_spec_string ("reason", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/carport/Carport/widgets/carport-command-button.ui");
  gtk_widget_class_bind_template_child (widget_class, CarportCommandButton, icon_stack);
  gtk_widget_class_bind_template_child (widget_class, CarportCommandButton, icon);
  gtk_widget_class_bind_template_child (widget_class, CarportCommandButton, result_icon);
  gtk_widget_class_bind_template_child (widget_class, CarportCommandButton, spinner);
  gtk_widget_class_bind_template_child (widget_class, CarportCommandButton, text);
}

static void
carport_command_button_init (CarportCommandButton *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
carport_command_button_new (void)
{
  return g_object_new (CARPORT_TYPE_COMMAND_BUTTON, NULL);
}

CarportCommand *
carport_command_button_get_command (CarportCommandButton *self)
{
  g_return_val_if_fail (CARPORT_IS_COMMAND_BUTTON (self), NULL);
  return self->command;
}

void
carport_command_button_set_command (CarportCommandButton *self, CarportCommand *command)
{
  g_return_if_fail (CARPORT_IS_COMMAND_BUTTON (self));
  g_return_if_fail (command == NULL || CARPORT_IS_COMMAND (command));

  if (self->command == command)
    return;

  if (self->command)
    g_signal_handlers_disconnect_by_func (self->command, sync_state, self);
  g_set_object (&self->command, command);
  if (command)
    g_signal_connect_swapped (command, "notify::state", G_CALLBACK (sync_state), self);
  sync_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMMAND]);
}

CarportCommandKind
carport_command_button_get_kind (CarportCommandButton *self)
{
  g_return_val_if_fail (CARPORT_IS_COMMAND_BUTTON (self), CARPORT_COMMAND_KIND_HVAC_START);
  return self->kind;
}

void
carport_command_button_set_kind (CarportCommandButton *self, CarportCommandKind kind)
{
  g_return_if_fail (CARPORT_IS_COMMAND_BUTTON (self));

  if (self->kind == kind)
    return;

  self->kind = kind;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
}

gboolean
carport_command_button_get_planned (CarportCommandButton *self)
{
  g_return_val_if_fail (CARPORT_IS_COMMAND_BUTTON (self), FALSE);
  return self->planned;
}

const char *
carport_command_button_get_explanation (CarportCommandButton *self)
{
  g_return_val_if_fail (CARPORT_IS_COMMAND_BUTTON (self), NULL);
  return self->explanation;
}

void
carport_command_button_set_explanation (CarportCommandButton *self, const char *explanation)
{
  g_return_if_fail (CARPORT_IS_COMMAND_BUTTON (self));

  if (set_string (&self->explanation, explanation))
    {
      sync_hints (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXPLANATION]);
    }
}

const char *
carport_command_button_get_reason (CarportCommandButton *self)
{
  g_return_val_if_fail (CARPORT_IS_COMMAND_BUTTON (self), NULL);
  return self->reason;
}

void
carport_command_button_set_reason (CarportCommandButton *self, const char *reason)
{
  g_return_if_fail (CARPORT_IS_COMMAND_BUTTON (self));

  if (set_string (&self->reason, reason))
    {
      sync_hints (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REASON]);
    }
}

const char *
carport_command_button_get_title (CarportCommandButton *self)
{
  g_return_val_if_fail (CARPORT_IS_COMMAND_BUTTON (self), NULL);
  return self->label;
}

const char *
carport_command_button_get_status_text (CarportCommandButton *self)
{
  g_return_val_if_fail (CARPORT_IS_COMMAND_BUTTON (self), NULL);
  return self->status;
}
