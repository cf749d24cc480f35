/* carport-account-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "carport-account-window"

#include "config.h"

#include <glib/gi18n.h>

#include "carport-account-window.h"

struct _CarportAccountWindow
{
  AdwWindow         parent_instance;

  /* Template widgets */
  CarportLoginPage *login_page;

  /* Owned */
  CarportSession   *session;
};

G_DEFINE_FINAL_TYPE (CarportAccountWindow, carport_account_window, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The new account's cars are in the main list now. */
static void
logged_in_cb (CarportAccountWindow *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

static void
carport_account_window_dispose (GObject *object)
{
  CarportAccountWindow *self = CARPORT_ACCOUNT_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CARPORT_TYPE_ACCOUNT_WINDOW);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (carport_account_window_parent_class)->dispose (object);
}

static void
carport_account_window_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  CarportAccountWindow *self = CARPORT_ACCOUNT_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carport_account_window_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  CarportAccountWindow *self = CARPORT_ACCOUNT_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      carport_account_window_set_session (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carport_account_window_class_init (CarportAccountWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = carport_account_window_dispose;
  object_class->get_property = carport_account_window_get_property;
  object_class->set_property = carport_account_window_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, CARPORT_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (CARPORT_TYPE_LOGIN_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/carport/Carport/dialogs/carport-account-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CarportAccountWindow, login_page);
  gtk_widget_class_bind_template_callback (widget_class, logged_in_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
carport_account_window_init (CarportAccountWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
carport_account_window_new (GtkWindow *parent, CarportSession *session)
{
  return g_object_new (CARPORT_TYPE_ACCOUNT_WINDOW,
                       "transient-for", parent,
                       "modal", parent != NULL,
                       "session", session,
                       NULL);
}

CarportSession *
carport_account_window_get_session (CarportAccountWindow *self)
{
  g_return_val_if_fail (CARPORT_IS_ACCOUNT_WINDOW (self), NULL);
  return self->session;
}

void
carport_account_window_set_session (CarportAccountWindow *self, CarportSession *session)
{
  g_return_if_fail (CARPORT_IS_ACCOUNT_WINDOW (self));
  g_return_if_fail (session == NULL || CARPORT_IS_SESSION (session));

  if (!g_set_object (&self->session, session))
    return;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

void
carport_account_window_set_account (CarportAccountWindow *self, const char *brand_id,
                                    const char *locale, const char *email)
{
  g_return_if_fail (CARPORT_IS_ACCOUNT_WINDOW (self));

  gtk_window_set_title (GTK_WINDOW (self), _("Log In Again"));
  carport_login_page_set_account (self->login_page, brand_id, locale, email);
}

CarportLoginPage *
carport_account_window_get_login_page (CarportAccountWindow *self)
{
  g_return_val_if_fail (CARPORT_IS_ACCOUNT_WINDOW (self), NULL);
  return self->login_page;
}

void
carport_account_window_log_in_again (GtkWindow *parent, CarportSession *session, CarportAccount *account)
{
  GtkWidget *window;

  g_return_if_fail (CARPORT_IS_SESSION (session));
  g_return_if_fail (CARPORT_IS_ACCOUNT (account));

  window = carport_account_window_new (parent, session);
  carport_account_window_set_account (CARPORT_ACCOUNT_WINDOW (window),
                                      carport_account_get_brand_id (account),
                                      carport_account_get_locale (account),
                                      carport_account_get_email (account));
  gtk_window_present (GTK_WINDOW (window));
}
