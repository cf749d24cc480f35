/* carport-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "carport-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "carport-application.h"
#include "carport-demo.h"
#include "carport-preferences-window.h"
#include "carport-secret-store.h"
#include "carport-service-enum-types.h"
#include "carport-state-cache.h"
#include "carport-window.h"

struct _CarportApplication
{
  AdwApplication  parent_instance;

  /* Owned */
  CarportSession *session;
  GSettings      *settings;
  GCancellable   *cancellable;   /* of the session being created */
  gboolean        demo;
};

G_DEFINE_FINAL_TYPE (CarportApplication, carport_application, ADW_TYPE_APPLICATION)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_DEMO,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static CarportWindow *
get_window (CarportApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (CARPORT_IS_WINDOW (window))
    return CARPORT_WINDOW (window);

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    if (CARPORT_IS_WINDOW (l->data))
      return l->data;
  return NULL;
}

static CarportWindow *
ensure_window (CarportApplication *self)
{
  CarportWindow *window = get_window (self);

  if (window == NULL)
    {
      window = carport_window_new (ADW_APPLICATION (self));
      carport_window_set_session (window, self->session);
    }
  return window;
}

static void
toast (CarportApplication *self, const char *text)
{
  CarportWindow *window = get_window (self);

  if (window)
    carport_window_add_toast (window, text);
}

/* Notifications: only when the window is not in front (else the page's toast
 * says it); a stable id per car and event, so a repeat replaces the last. */
static void
session_event_cb (CarportApplication *self,
                  CarportSessionEvent event,
                  CarportVehicle     *vehicle,
                  CarportCommand     *command,
                  CarportSession     *session)
{
  CarportWindow *window = get_window (self);
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *id = NULL;
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;
  const char *name = carport_vehicle_get_display_name (vehicle);
  const char *vin = carport_vehicle_get_vin (vehicle);

  if (window && gtk_window_is_active (GTK_WINDOW (window)) && gtk_widget_get_visible (GTK_WIDGET (window)))
    return;

  switch (event)
    {
    case CARPORT_SESSION_EVENT_COMMAND_FINISHED:
      {
        const char *what;

        if (!g_settings_get_boolean (self->settings, "notify-commands") || command == NULL)
          return;
        what = carport_command_kind_get_title (carport_command_get_kind (command));
        id = g_strdup_printf ("command-%s-%s", vin,
                              carport_enum_to_nick (CARPORT_TYPE_COMMAND_KIND, carport_command_get_kind (command)));
        if (carport_command_get_state (command) == CARPORT_COMMAND_STATE_COMPLETED)
          {
            /* Translators: a command's title, e.g. "Start climate: done" */
            title = g_strdup_printf (_("%s: done"), what);
            body = g_strdup (name);
          }
        else
          {
            /* Translators: a command's title, e.g. "Start climate failed" */
            title = g_strdup_printf (_("%s failed"), what);
            body = carport_command_get_message (command)
                   ? g_strdup_printf ("%s — %s", name, carport_command_get_message (command))
                   : g_strdup (name);
          }
      }
      break;

    case CARPORT_SESSION_EVENT_CHARGE_COMPLETE:
    case CARPORT_SESSION_EVENT_CHARGE_STOPPED:
      {
        int level = carport_battery_get_level_percent (carport_vehicle_get_battery (vehicle));
        g_autofree char *percent = carport_format_percent (level);

        if (!g_settings_get_boolean (self->settings, "notify-charging"))
          return;
        id = g_strdup_printf ("charge-%s", vin);
        if (event == CARPORT_SESSION_EVENT_CHARGE_COMPLETE)
          {
            title = g_strdup (_("Charge complete"));
            /* Translators: the car's name and battery level */
            body = g_strdup_printf (_("%s is charged to %s."), name, percent);
          }
        else
          {
            title = g_strdup (_("Charging stopped"));
            /* Translators: the car's name and battery level */
            body = g_strdup_printf (_("%s stopped charging at %s."), name, percent);
          }
      }
      break;

    default:
      return;
    }

  notification = g_notification_new (title);
  g_notification_set_body (notification, body);
  g_notification_set_default_action_and_target (notification, "app.show-vehicle", "s", vin);
  if (event == CARPORT_SESSION_EVENT_CHARGE_STOPPED ||
      (command && carport_command_get_state (command) != CARPORT_COMMAND_STATE_COMPLETED))
    g_notification_set_priority (notification, G_NOTIFICATION_PRIORITY_HIGH);
  g_application_send_notification (G_APPLICATION (self), id, notification);
}

static void
update_app_actions (CarportApplication *self)
{
  gboolean logged_in = self->session &&
                       carport_session_get_state (self->session) == CARPORT_SESSION_STATE_READY;
  GAction *action;

  action = g_action_map_lookup_action (G_ACTION_MAP (self), "logout");
  g_simple_action_set_enabled (G_SIMPLE_ACTION (action), logged_in);
  action = g_action_map_lookup_action (G_ACTION_MAP (self), "switch-account");
  g_simple_action_set_enabled (G_SIMPLE_ACTION (action), logged_in);
}

static void
set_session (CarportApplication *self, CarportSession *session)
{
  CarportWindow *window;

  if (self->session == session)
    return;

  if (self->session)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_set_object (&self->session, session);

  if (session)
    {
      g_signal_connect_object (session, "event", G_CALLBACK (session_event_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (session, "notify::state", G_CALLBACK (update_app_actions), self, G_CONNECT_SWAPPED);
      g_settings_bind (self->settings, "refresh-interval", session, "refresh-interval", G_SETTINGS_BIND_GET);
    }

  window = get_window (self);
  if (window)
    carport_window_set_session (window, session);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

static void
restore_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(CarportApplication) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!carport_session_restore_finish (CARPORT_SESSION (object), result, &error) &&
      error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    toast (self, error->message);
}

static void
start_real_session (CarportApplication *self)
{
  g_autoptr(CarportSecretStore) store = carport_secret_store_new ();
  g_autoptr(CarportStateCache) cache = carport_state_cache_new ();
  g_autoptr(CarportSession) session = carport_session_new (store, cache);

  self->demo = FALSE;
  set_session (self, session);
  carport_session_restore_async (session, self->cancellable, restore_cb, g_object_ref (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEMO]);
}

static void
demo_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(CarportApplication) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CarportSession) session = carport_demo_session_new_finish (result, &error);

  if (session == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_warning ("Could not start the demo: %s", error->message);
      /* Translators: the demo's simulator could not start */
      toast (self, _("The demo could not start"));
      if (self->session == NULL)
        start_real_session (self);
      return;
    }

  set_session (self, session);
}

void
carport_application_start_demo (CarportApplication *self)
{
  g_return_if_fail (CARPORT_IS_APPLICATION (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  self->demo = TRUE;
  set_session (self, NULL);
  carport_demo_session_new_async (self->cancellable, demo_cb, g_object_ref (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEMO]);
}

/* Actions */

static void
quit_action (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static void
preferences_action (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  CarportApplication *self = user_data;
  GtkWidget *preferences = carport_preferences_window_new (GTK_WINDOW (get_window (self)));

  gtk_window_present (GTK_WINDOW (preferences));
}

static void
about_action (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  CarportApplication *self = user_data;
  static const char *developers[] = { "The Carport contributors", NULL };

  adw_show_about_window (GTK_WINDOW (get_window (self)),
                         "application-name", _("Carport"),
                         "application-icon", "io.github.carport.Carport",
                         "developer-name", _("The Carport contributors"),
                         "version", PACKAGE_VERSION,
                         "comments", _("See your Renault, Dacia or Alpine car and control it from your desktop."),
                         "website", "https://github.com/carport/carport",
                         "issue-url", "https://github.com/carport/carport/issues",
                         "developers", developers,
                         "copyright", "© 2026 The Carport contributors",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static void
shortcuts_action (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  CarportWindow *window = get_window (CARPORT_APPLICATION (user_data));

  if (window)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL);
}

static void
show_vehicle_action (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  CarportApplication *self = user_data;
  CarportWindow *window = ensure_window (self);

  carport_window_show_vehicle (window, g_variant_get_string (parameter, NULL));
  gtk_window_present (GTK_WINDOW (window));
}

static void
demo_action (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  carport_application_start_demo (CARPORT_APPLICATION (user_data));
}

typedef struct {
  CarportApplication *self;
  gboolean            then_login;
} LogoutData;

static void
logout_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  LogoutData *data = user_data;
  CarportApplication *self = data->self;
  g_autoptr(GError) error = NULL;
  CarportWindow *window;

  if (!carport_session_logout_finish (CARPORT_SESSION (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    toast (self, error->message);

  /* Leaving the demo goes back to the real (logged out) account. */
  if (self->demo)
    start_real_session (self);

  window = get_window (self);
  if (window && data->then_login)
    carport_window_show_login (window);

  g_object_unref (data->self);
  g_free (data);
}

static void
logout_action (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  CarportApplication *self = user_data;
  LogoutData *data;

  if (self->session == NULL)
    return;

  data = g_new0 (LogoutData, 1);
  data->self = g_object_ref (self);
  data->then_login = g_str_equal (g_action_get_name (G_ACTION (action)), "switch-account");
  carport_session_logout_async (self->session, NULL, logout_cb, data);
}

static const GActionEntry app_actions[] = {
  { "quit", quit_action },
  { "preferences", preferences_action },
  { "about", about_action },
  { "shortcuts", shortcuts_action },
  { "show-vehicle", show_vehicle_action, "s" },
  { "demo", demo_action },
  { "logout", logout_action },
  { "switch-account", logout_action },
};

/* GApplication */

static int
carport_application_handle_local_options (GApplication *app, GVariantDict *options)
{
  CarportApplication *self = CARPORT_APPLICATION (app);

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("carport %s\n", PACKAGE_VERSION);
      return 0;
    }
  if (g_variant_dict_contains (options, "demo"))
    self->demo = TRUE;

  return G_APPLICATION_CLASS (carport_application_parent_class)->handle_local_options (app, options);
}

static void
carport_application_startup (GApplication *app)
{
  CarportApplication *self = CARPORT_APPLICATION (app);
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };

  G_APPLICATION_CLASS (carport_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences", preferences_accels);

  self->settings = g_settings_new ("io.github.carport.Carport");
  g_signal_connect_swapped (self, "notify::session", G_CALLBACK (update_app_actions), self);
  update_app_actions (self);
}

static void
carport_application_activate (GApplication *app)
{
  CarportApplication *self = CARPORT_APPLICATION (app);
  CarportWindow *window = ensure_window (self);

  if (self->session == NULL && self->cancellable == NULL)
    {
      self->cancellable = g_cancellable_new ();
      if (self->demo)
        carport_application_start_demo (self);
      else
        start_real_session (self);
    }

  gtk_window_present (GTK_WINDOW (window));
}

static void
carport_application_shutdown (GApplication *app)
{
  CarportApplication *self = CARPORT_APPLICATION (app);

  g_cancellable_cancel (self->cancellable);
  G_APPLICATION_CLASS (carport_application_parent_class)->shutdown (app);
}

static void
carport_application_dispose (GObject *object)
{
  CarportApplication *self = CARPORT_APPLICATION (object);

  if (self->session)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->session);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (carport_application_parent_class)->dispose (object);
}

static void
carport_application_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  CarportApplication *self = CARPORT_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_DEMO:
      g_value_set_boolean (value, self->demo);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carport_application_class_init (CarportApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = carport_application_dispose;
  object_class->get_property = carport_application_get_property;
  app_class->handle_local_options = carport_application_handle_local_options;
  app_class->startup = carport_application_startup;
  app_class->activate = carport_application_activate;
  app_class->shutdown = carport_application_shutdown;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, CARPORT_TYPE_SESSION,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DEMO] =
    g_param_spec_boolean ("demo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
carport_application_init (CarportApplication *self)
{
  static const GOptionEntry options[] = {
    { "demo", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Run with simulated cars, without an account or the network"), NULL },
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Show the version"), NULL },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), options);
}

CarportApplication *
carport_application_new (void)
{
  return g_object_new (CARPORT_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", "/io/github/carport/Carport",
                       NULL);
}

CarportSession *
carport_application_get_session (CarportApplication *self)
{
  g_return_val_if_fail (CARPORT_IS_APPLICATION (self), NULL);
  return self->session;
}

gboolean
carport_application_get_demo (CarportApplication *self)
{
  g_return_val_if_fail (CARPORT_IS_APPLICATION (self), FALSE);
  return self->demo;
}
