/* carport-account-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "carport-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "carport-account-row.h"
#include "carport-account-window.h"
#include "carport-closures.h"

struct _CarportAccountRow
{
  AdwActionRow    parent_instance;

  /* Template widgets */
  GtkImage       *icon;

  /* Owned */
  CarportSession *session;
  CarportAccount *account;
  GCancellable   *cancellable;
};

G_DEFINE_FINAL_TYPE (CarportAccountRow, carport_account_row, ADW_TYPE_ACTION_ROW)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_ACCOUNT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
account_subtitle (const char *email, int state)
{
  switch (state)
    {
    case CARPORT_SESSION_STATE_LOGGED_OUT:
      /* Translators: %s is the email address of an account whose login expired */
      return g_strdup_printf (_("%s\nThe login expired: its cars are not updated"), email ? email : "");
    case CARPORT_SESSION_STATE_RESTORING:
    case CARPORT_SESSION_STATE_LOGGING_IN:
    case CARPORT_SESSION_STATE_NEEDS_CODE:
      /* Translators: %s is the email address of an account */
      return g_strdup_printf (_("%s\nLogging in…"), email ? email : "");
    case CARPORT_SESSION_STATE_READY:
    default:
      return g_strdup (email ? email : "");
    }
}

/* Set here, not bound in the .ui: a binding on the row itself would outlive
 * the account it watches. */
static void
update_subtitle (CarportAccountRow *self)
{
  g_autofree char *subtitle = account_subtitle (carport_account_get_email (self->account),
                                                carport_account_get_state (self->account));

  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), subtitle);
  /* An expired login stands out. */
  if (carport_account_get_state (self->account) == CARPORT_SESSION_STATE_LOGGED_OUT)
    {
      gtk_image_set_from_icon_name (self->icon, "dialog-warning-symbolic");
      gtk_widget_add_css_class (GTK_WIDGET (self->icon), "warning");
    }
  else
    {
      gtk_image_set_from_icon_name (self->icon, "carport-car-symbolic");
      gtk_widget_remove_css_class (GTK_WIDGET (self->icon), "warning");
    }
}

static void
log_in_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CarportAccountRow *self = CARPORT_ACCOUNT_ROW (widget);

  carport_account_window_log_in_again (GTK_WINDOW (gtk_widget_get_root (widget)), self->session, self->account);
}

static void
logout_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(CarportAccountRow) self = user_data;
  g_autoptr(GError) error = NULL;
  GtkRoot *root;

  if (carport_session_logout_finish (CARPORT_SESSION (object), result, &error) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  root = gtk_widget_get_root (GTK_WIDGET (self));
  if (ADW_IS_PREFERENCES_WINDOW (root))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root), adw_toast_new (error->message));
  else
    g_message ("Could not remove the account: %s", error->message);
}

static void
remove_response_cb (AdwMessageDialog *dialog, const char *response, gpointer user_data)
{
  CarportAccountRow *self = CARPORT_ACCOUNT_ROW (user_data);

  if (!g_str_equal (response, "remove") || self->session == NULL)
    return;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "account-row.remove", FALSE);
  /* The row goes with the account: the session keeps the task alive. */
  carport_session_logout_async (self->session, self->account, self->cancellable, logout_cb, g_object_ref (self));
}

static void
remove_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CarportAccountRow *self = CARPORT_ACCOUNT_ROW (widget);
  CarportBrand brand = carport_account_get_brand (self->account);
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  /* Translators: first %s is the name of the maker's account ("MyNISSAN"), second the email address */
  heading = g_strdup_printf (_("Remove the %s account %s?"),
                             carport_closures_account_name (brand), carport_account_get_email (self->account));
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), heading,
                                   _("Its cars disappear from Carport; the account itself is not changed."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "remove", _("_Remove"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (remove_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
carport_account_row_dispose (GObject *object)
{
  CarportAccountRow *self = CARPORT_ACCOUNT_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CARPORT_TYPE_ACCOUNT_ROW);
  if (self->account)
    g_signal_handlers_disconnect_by_data (self->account, self);
  g_clear_object (&self->session);
  g_clear_object (&self->account);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (carport_account_row_parent_class)->dispose (object);
}

static void
carport_account_row_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  CarportAccountRow *self = CARPORT_ACCOUNT_ROW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_ACCOUNT:
      g_value_set_object (value, self->account);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carport_account_row_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  CarportAccountRow *self = CARPORT_ACCOUNT_ROW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;
    case PROP_ACCOUNT:
      self->account = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carport_account_row_constructed (GObject *object)
{
  CarportAccountRow *self = CARPORT_ACCOUNT_ROW (object);

  G_OBJECT_CLASS (carport_account_row_parent_class)->constructed (object);

  g_return_if_fail (self->account != NULL);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self),
                                 carport_format_brand (carport_account_get_brand (self->account)));
  g_signal_connect_swapped (self->account, "notify::state", G_CALLBACK (update_subtitle), self);
  update_subtitle (self);
}

static void
carport_account_row_class_init (CarportAccountRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = carport_account_row_constructed;
  object_class->dispose = carport_account_row_dispose;
  object_class->get_property = carport_account_row_get_property;
  object_class->set_property = carport_account_row_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, CARPORT_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ACCOUNT] =
    g_param_spec_object ("account", NULL, NULL, CARPORT_TYPE_ACCOUNT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/carport/Carport/widgets/carport-account-row.ui");
  carport_closures_bind (widget_class);
  gtk_widget_class_bind_template_child (widget_class, CarportAccountRow, icon);

  gtk_widget_class_install_action (widget_class, "account-row.log-in", NULL, log_in_action);
  gtk_widget_class_install_action (widget_class, "account-row.remove", NULL, remove_action);
}

static void
carport_account_row_init (CarportAccountRow *self)
{
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
carport_account_row_new (CarportSession *session, CarportAccount *account)
{
  g_return_val_if_fail (CARPORT_IS_SESSION (session), NULL);
  g_return_val_if_fail (CARPORT_IS_ACCOUNT (account), NULL);

  return g_object_new (CARPORT_TYPE_ACCOUNT_ROW, "session", session, "account", account, NULL);
}

CarportAccount *
carport_account_row_get_account (CarportAccountRow *self)
{
  g_return_val_if_fail (CARPORT_IS_ACCOUNT_ROW (self), NULL);
  return self->account;
}
