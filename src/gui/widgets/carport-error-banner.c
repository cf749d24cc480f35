/* carport-error-banner.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "carport-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "carport-api-error.h"
#include "carport-error-banner.h"

struct _CarportErrorBanner
{
  AdwBin       parent_instance;

  /* Template widgets */
  GtkRevealer *revealer;      /* the child */
  GtkLabel    *label;
  GtkWidget   *buttons;
  GtkWidget   *details_button;
  GtkWidget   *retry_button;

  /* Owned */
  char        *details;      /* nullable */
  gboolean     can_retry;
};

G_DEFINE_FINAL_TYPE (CarportErrorBanner, carport_error_banner, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_RETRY_ACTION_NAME,
  PROP_RETRY_LABEL,
  PROP_REVEALED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_buttons (CarportErrorBanner *self)
{
  gboolean retry = self->can_retry && gtk_actionable_get_action_name (GTK_ACTIONABLE (self->retry_button)) != NULL;

  gtk_widget_set_visible (self->retry_button, retry);
  gtk_widget_set_visible (self->details_button, self->details != NULL);
  gtk_widget_set_visible (self->buttons, retry || self->details != NULL);
}

static void
details_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CarportErrorBanner *self = CARPORT_ERROR_BANNER (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *dialog;

  if (self->details == NULL)
    return;

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   gtk_label_get_label (self->label), self->details);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
carport_error_banner_finalize (GObject *object)
{
  CarportErrorBanner *self = CARPORT_ERROR_BANNER (object);

  g_free (self->details);

  G_OBJECT_CLASS (carport_error_banner_parent_class)->finalize (object);
}

static void
carport_error_banner_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), CARPORT_TYPE_ERROR_BANNER);

  G_OBJECT_CLASS (carport_error_banner_parent_class)->dispose (object);
}

static void
carport_error_banner_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  CarportErrorBanner *self = CARPORT_ERROR_BANNER (object);

  switch (prop_id)
    {
    case PROP_RETRY_ACTION_NAME:
      g_value_set_string (value, carport_error_banner_get_retry_action_name (self));
      break;
    case PROP_RETRY_LABEL:
      g_value_set_string (value, gtk_button_get_label (GTK_BUTTON (self->retry_button)));
      break;
    case PROP_REVEALED:
      g_value_set_boolean (value, carport_error_banner_get_revealed (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carport_error_banner_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  CarportErrorBanner *self = CARPORT_ERROR_BANNER (object);

  switch (prop_id)
    {
    case PROP_RETRY_ACTION_NAME:
      carport_error_banner_set_retry_action_name (self, g_value_get_string (value));
      break;
    case PROP_RETRY_LABEL:
      if (g_strcmp0 (gtk_button_get_label (GTK_BUTTON (self->retry_button)), g_value_get_string (value)) != 0)
        {
          gtk_button_set_label (GTK_BUTTON (self->retry_button), g_value_get_string (value));
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carport_error_banner_class_init (CarportErrorBannerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = carport_error_banner_dispose;
  object_class->finalize = carport_error_banner_finalize;
  object_class->get_property = carport_error_banner_get_property;
  object_class->set_property = carport_error_banner_set_property;

  properties[PROP_RETRY_ACTION_NAME] =
    g_param_spec_string ("retry-action-name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RETRY_LABEL] =
    g_param_spec_string ("retry-label", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REVEALED] =
    g_param_spec_boolean ("revealed", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/carport/Carport/widgets/carport-error-banner.ui");
  gtk_widget_class_bind_template_child (widget_class, CarportErrorBanner, label);
  gtk_widget_class_bind_template_child (widget_class, CarportErrorBanner, buttons);
  gtk_widget_class_bind_template_child (widget_class, CarportErrorBanner, details_button);
  gtk_widget_class_bind_template_child (widget_class, CarportErrorBanner, retry_button);

  gtk_widget_class_install_action (widget_class, "error-banner.details", NULL, details_action);
}

static void
carport_error_banner_init (CarportErrorBanner *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* The bin's child (not a template child: the bin unparents it itself). */
  self->revealer = GTK_REVEALER (adw_bin_get_child (ADW_BIN (self)));
  /* Hidden, it takes no room (nor its parent's spacing). */
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

GtkWidget *
carport_error_banner_new (void)
{
  return g_object_new (CARPORT_TYPE_ERROR_BANNER, NULL);
}

void
carport_error_banner_show_error (CarportErrorBanner *self, const GError *error, gboolean can_retry)
{
  g_autofree char *summary = NULL;
  g_autofree char *details = NULL;

  g_return_if_fail (CARPORT_IS_ERROR_BANNER (self));
  g_return_if_fail (error != NULL);

  summary = carport_api_error_dup_summary (error, &details);
  carport_error_banner_show_message (self, summary, details, can_retry);
}

void
carport_error_banner_show_message (CarportErrorBanner *self,
                                   const char         *message,
                                   const char         *details,
                                   gboolean            can_retry)
{
  gboolean was_revealed;

  g_return_if_fail (CARPORT_IS_ERROR_BANNER (self));
  g_return_if_fail (message != NULL);

  was_revealed = carport_error_banner_get_revealed (self);
  g_free (self->details);
  self->details = g_strdup (details);
  gtk_label_set_label (self->label, message);
  self->can_retry = can_retry;
  update_buttons (self);
  gtk_widget_set_visible (GTK_WIDGET (self), TRUE);
  gtk_revealer_set_reveal_child (self->revealer, TRUE);
  if (!was_revealed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REVEALED]);
}

void
carport_error_banner_hide (CarportErrorBanner *self)
{
  g_return_if_fail (CARPORT_IS_ERROR_BANNER (self));

  if (!carport_error_banner_get_revealed (self))
    return;
  gtk_revealer_set_reveal_child (self->revealer, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  g_clear_pointer (&self->details, g_free);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REVEALED]);
}

gboolean
carport_error_banner_get_revealed (CarportErrorBanner *self)
{
  g_return_val_if_fail (CARPORT_IS_ERROR_BANNER (self), FALSE);
  return gtk_revealer_get_reveal_child (self->revealer);
}

const char *
carport_error_banner_get_text (CarportErrorBanner *self)
{
  g_return_val_if_fail (CARPORT_IS_ERROR_BANNER (self), NULL);
  return carport_error_banner_get_revealed (self) ? gtk_label_get_label (self->label) : NULL;
}

const char *
carport_error_banner_get_details (CarportErrorBanner *self)
{
  g_return_val_if_fail (CARPORT_IS_ERROR_BANNER (self), NULL);
  return self->details;
}

const char *
carport_error_banner_get_retry_action_name (CarportErrorBanner *self)
{
  g_return_val_if_fail (CARPORT_IS_ERROR_BANNER (self), NULL);
  return gtk_actionable_get_action_name (GTK_ACTIONABLE (self->retry_button));
}

void
carport_error_banner_set_retry_action_name (CarportErrorBanner *self, const char *action_name)
{
  g_return_if_fail (CARPORT_IS_ERROR_BANNER (self));

  if (g_strcmp0 (action_name, carport_error_banner_get_retry_action_name (self)) == 0)
    return;
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->retry_button), action_name);
  update_buttons (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RETRY_ACTION_NAME]);
}
