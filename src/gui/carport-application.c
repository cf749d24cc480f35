/* carport-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "carport-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "carport-api-error.h"
#include "carport-application.h"
#include "carport-background.h"
#include "carport-background-status.h"
#include "carport-closures.h"
#include "carport-command-runner.h"
#include "carport-demo.h"
#include "carport-notifier.h"
#include "carport-preferences-window.h"
#include "carport-search-provider.h"
#include "carport-secret-store.h"
#include "carport-state-cache.h"
#include "carport-history-store.h"
#include "carport-window.h"

/* Opening the window refreshes the cars when the last refresh asked here is
 * older than this (each refresh may wake the car's modem). */
#define ACTIVATE_REFRESH_USEC (5 * 60 * G_USEC_PER_SEC)

struct _CarportApplication
{
  AdwApplication       parent_instance;

  /* Owned */
  CarportSession      *session;
  GSettings           *settings;
  GCancellable        *cancellable;   /* of the session being created and its requests */
  CarportNotifier     *notifier;
  CarportSearchProvider *search_provider;
  CarportBackgroundStatus *background_status;
  GPtrArray           *pending;       /* PendingCommand: app actions waiting for their car */
  gint64               last_refresh;  /* monotonic µs */
  CarportSessionState  last_state;
  gboolean             demo;
  gboolean             start_demo;    /* --demo */
  gboolean             session_started;
  gboolean             held;          /* running in the background */
  gboolean             had_accounts;  /* the session had an account (logging out empties it) */
  gboolean             background_busy;   /* a background request is running */
  gboolean             background_again;  /* … and the settings changed since */
};

/* A command asked for by an app action (a notification's button) before the
 * session knows the car, e.g. right after D-Bus activation. */
typedef struct {
  char               *vin;
  CarportCommandKind  kind;
} PendingCommand;

static void
pending_command_free (PendingCommand *pending)
{
  g_free (pending->vin);
  g_free (pending);
}

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
      g_object_bind_property (self, "demo", window, "demo", G_BINDING_SYNC_CREATE);
    }
  return window;
}

/* The window, when the user has it in front; else NULL. */
static CarportWindow *
window_in_front (CarportApplication *self)
{
  CarportWindow *window = get_window (self);

  if (window == NULL || !gtk_widget_get_visible (GTK_WIDGET (window)) ||
      !gtk_window_is_active (GTK_WINDOW (window)))
    return NULL;
  return window;
}

static void
toast (CarportApplication *self, const char *text)
{
  CarportWindow *window = get_window (self);

  if (window)
    carport_window_add_toast (window, text);
}

/* Refreshing */

static void
refresh_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(CarportApplication) self = user_data;
  g_autoptr(GError) error = NULL;
  CarportWindow *window;

  /* Partial failures are on the vehicles (the page shows them); a total one
   * is said once, in the window. */
  if ((carport_session_refresh_finish (CARPORT_SESSION (object), result, &error) ||
       !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)) &&
      (window = get_window (self)) != NULL)
    carport_window_show_refresh_result (window, error);
}

static void
refresh_all (CarportApplication *self)
{
  if (self->session == NULL || carport_session_get_state (self->session) != CARPORT_SESSION_STATE_READY)
    return;

  self->last_refresh = g_get_monotonic_time ();
  carport_session_refresh_async (self->session, NULL, self->cancellable, refresh_cb, g_object_ref (self));
}

/* Commands asked for by app actions (notification buttons) */

/* Sent as the car's page sends them: through a CarportCommandRunner, whose
 * toast goes in the window when the user has it in front (else the notifier
 * tells the result). */
static void
send_command (CarportApplication *self, CarportVehicle *vehicle, CarportCommandKind kind)
{
  CarportWindow *window = window_in_front (self);
  g_autoptr(CarportCommandRunner) runner = NULL;

  if (!carport_vehicle_supports_command (vehicle, kind))
    {
      g_message ("%s cannot “%s”", carport_vehicle_get_vin (vehicle), carport_command_kind_get_title (kind));
      return;
    }

  runner = carport_command_runner_new (window ? carport_window_get_part (window, "toast_overlay") : NULL);
  carport_command_runner_set_session (runner, self->session);
  carport_command_runner_set_vehicle (runner, vehicle);
  carport_command_runner_run (runner, kind);
}

/* Runs the commands waiting for the session to know their car. */
static void
run_pending (CarportApplication *self)
{
  g_autoptr(GPtrArray) ready = NULL;

  if (self->session == NULL || self->pending->len == 0)
    return;

  switch (carport_session_get_state (self->session))
    {
    case CARPORT_SESSION_STATE_READY:
      ready = g_steal_pointer (&self->pending);
      self->pending = g_ptr_array_new_with_free_func ((GDestroyNotify) pending_command_free);
      for (guint i = 0; i < ready->len; i++)
        {
          PendingCommand *pending = g_ptr_array_index (ready, i);
          CarportVehicle *vehicle = carport_session_find_vehicle (self->session, pending->vin);

          if (vehicle)
            send_command (self, vehicle, pending->kind);
          else
            g_message ("No car %s in this account", pending->vin);
        }
      break;
    case CARPORT_SESSION_STATE_LOGGED_OUT:
    case CARPORT_SESSION_STATE_NEEDS_CODE:
      g_ptr_array_set_size (self->pending, 0);
      break;
    case CARPORT_SESSION_STATE_RESTORING:
    case CARPORT_SESSION_STATE_LOGGING_IN:
    default:
      break;
    }
}

static void
queue_command (CarportApplication *self, const char *vin, CarportCommandKind kind)
{
  PendingCommand *pending = g_new0 (PendingCommand, 1);

  pending->vin = g_strdup (vin);
  pending->kind = kind;
  g_ptr_array_add (self->pending, pending);
  run_pending (self);
}

/* The session */

static void
session_state_cb (CarportApplication *self)
{
  CarportSessionState state = carport_session_get_state (self->session);
  gboolean became_ready = state == CARPORT_SESSION_STATE_READY && self->last_state != state;

  self->last_state = state;
  /* Logged in, or the cached cars are shown: ask the server for their state. */
  if (became_ready)
    refresh_all (self);
  run_pending (self);
}

static void start_real_session (CarportApplication *self);
static void renew_cancellable (CarportApplication *self);

/* Back to the real accounts (or the welcome page). */
static void
leave_demo (CarportApplication *self)
{
  if (!self->demo)
    return;
  renew_cancellable (self);
  start_real_session (self);
}

static void
leave_demo_cb (gpointer user_data)
{
  g_autoptr(CarportApplication) self = user_data;

  leave_demo (self);
}

/* The last account went (the window's "Log Out"): its notifications are
 * stale, and leaving the demo goes back to the real (logged out) accounts. */
static void
accounts_changed_cb (CarportApplication *self)
{
  guint n = g_list_model_get_n_items (carport_session_get_accounts (self->session));

  if (n > 0)
    {
      self->had_accounts = TRUE;
      return;
    }
  if (!self->had_accounts)
    return;
  self->had_accounts = FALSE;
  if (self->notifier)
    carport_notifier_withdraw_all (self->notifier);
  /* Not from inside the session's own signal. */
  if (self->demo)
    g_idle_add_once (leave_demo_cb, g_object_ref (self));
}

static void
set_session (CarportApplication *self, CarportSession *session)
{
  CarportWindow *window;

  if (self->session == session)
    return;

  if (self->session)
    {
      g_signal_handlers_disconnect_by_data (self->session, self);
      g_signal_handlers_disconnect_by_data (carport_session_get_vehicles (self->session), self);
      g_signal_handlers_disconnect_by_data (carport_session_get_accounts (self->session), self);
      g_settings_unbind (self->session, "refresh-interval");
      g_settings_unbind (self->session, "reverse-geocoding");
    }
  g_set_object (&self->session, session);
  self->last_state = CARPORT_SESSION_STATE_LOGGED_OUT;
  self->had_accounts = session && g_list_model_get_n_items (carport_session_get_accounts (session)) > 0;
  if (self->notifier)
    carport_notifier_set_session (self->notifier, session);
  if (self->search_provider)
    carport_search_provider_set_session (self->search_provider, session);
  if (self->background_status)
    carport_background_status_set_session (self->background_status, session);

  if (session)
    {
      g_signal_connect_object (session, "notify::state", G_CALLBACK (session_state_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (carport_session_get_vehicles (session), "items-changed",
                               G_CALLBACK (run_pending), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (carport_session_get_accounts (session), "items-changed",
                               G_CALLBACK (accounts_changed_cb), self, G_CONNECT_SWAPPED);
      g_settings_bind (self->settings, "refresh-interval", session, "refresh-interval", G_SETTINGS_BIND_GET);
      g_settings_bind (self->settings, "reverse-geocoding", session, "reverse-geocoding", G_SETTINGS_BIND_GET);
      session_state_cb (self);
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
  g_autofree char *summary = NULL;

  if (!carport_session_restore_finish (CARPORT_SESSION (object), result, &error) &&
      error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
      /* An expired login is asked for again on the login page. */
      !g_error_matches (error, CARPORT_API_ERROR, CARPORT_API_ERROR_LOGIN_EXPIRED))
    {
      summary = carport_api_error_dup_summary (error, NULL);
      toast (self, summary);
    }
}

static void
set_demo (CarportApplication *self, gboolean demo)
{
  if (self->demo == demo)
    return;
  self->demo = demo;
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self), "leave-demo")),
                               demo);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEMO]);
}

static void
start_real_session (CarportApplication *self)
{
  g_autoptr(CarportSecretStore) store = carport_secret_store_new ();
  g_autoptr(CarportStateCache) cache = carport_state_cache_new ();
  g_autoptr(CarportSession) session = carport_session_new (store, cache);
  g_autoptr(CarportHistoryStore) history = carport_history_store_new ();

  g_settings_bind (self->settings, "history-retention-days", history, "retention-days", G_SETTINGS_BIND_GET);
  carport_session_set_history (session, history);
  set_demo (self, FALSE);
  set_session (self, session);
  carport_session_restore_async (session, self->cancellable, restore_cb, g_object_ref (self));
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
      g_message ("Could not start the demo: %s", error->message);
      /* Translators: the demo's simulator could not start */
      toast (self, _("The demo could not start"));
      if (self->session == NULL)
        start_real_session (self);
      return;
    }

  set_session (self, session);
}

static void
renew_cancellable (CarportApplication *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
}

void
carport_application_start_demo (CarportApplication *self)
{
  g_return_if_fail (CARPORT_IS_APPLICATION (self));

  renew_cancellable (self);
  set_demo (self, TRUE);
  set_session (self, NULL);
  carport_demo_session_new_async (self->cancellable, demo_cb, g_object_ref (self));
}

/* The session starts once the window's first frame is on screen: the
 * keyring, the cache and the network wait for it. Without a window (a start
 * by D-Bus activation, in the background) it starts at once. */
static void
start_session (CarportApplication *self)
{
  if (self->session_started)
    return;
  self->session_started = TRUE;
  if (self->start_demo)
    carport_application_start_demo (self);
  else
    start_real_session (self);
}

static void
window_drawn_cb (CarportApplication *self)
{
  start_session (self);
}

/* A window that is never drawn (kept hidden by the desktop) waits no longer. */
#define FIRST_FRAME_WAIT_MS 1000

static void
first_frame_late_cb (gpointer user_data)
{
  g_autoptr(CarportApplication) self = user_data;

  start_session (self);
}

static void
start_session_when_drawn (gpointer user_data)
{
  g_autoptr(CarportApplication) self = user_data;
  CarportWindow *window = get_window (self);

  if (window && !carport_window_get_drawn (window))
    {
      g_signal_connect_object (window, "notify::drawn", G_CALLBACK (window_drawn_cb), self, G_CONNECT_SWAPPED);
      g_timeout_add_once (FIRST_FRAME_WAIT_MS, first_frame_late_cb, g_object_ref (self));
    }
  else
    start_session (self);
}

/* Running in the background */

/* While "run in background" is on, the app stays alive without a window: the
 * window hides on close (bound in CarportWindow) and the app holds itself,
 * which also keeps a `--gapplication-service` start (login, D-Bus) going. */
static void
update_hold (CarportApplication *self)
{
  gboolean want = g_settings_get_boolean (self->settings, "run-in-background");

  if (want == self->held)
    return;
  self->held = want;
  /* In the background, the portal's status says what Carport watches. */
  carport_background_status_set_active (self->background_status, want);
  if (want)
    g_application_hold (G_APPLICATION (self));
  else
    g_application_release (G_APPLICATION (self));
}

static void request_background (CarportApplication *self);

static void
background_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(CarportApplication) self = user_data;
  g_autoptr(GError) error = NULL;

  self->background_busy = FALSE;
  if (!carport_background_request_finish (result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED))
        {
          /* The portal said no: the switches go back off. */
          g_settings_set_boolean (self->settings, "run-in-background", FALSE);
          g_settings_set_boolean (self->settings, "autostart", FALSE);
          toast (self, error->message);
        }
      else
        {
          g_message ("Could not set up starting at login: %s", error->message);
          g_settings_set_boolean (self->settings, "autostart", FALSE);
          toast (self, _("Carport could not be set up to start at login"));
        }
    }

  /* The settings changed while asking: ask again with the last ones. */
  if (self->background_again)
    request_background (self);
}

/* One request at a time, so that the last settings win. */
static void
request_background (CarportApplication *self)
{
  gboolean autostart = g_settings_get_boolean (self->settings, "run-in-background") &&
                       g_settings_get_boolean (self->settings, "autostart");

  if (self->background_busy)
    {
      self->background_again = TRUE;
      return;
    }
  self->background_busy = TRUE;
  self->background_again = FALSE;
  carport_background_request_async (GTK_WINDOW (get_window (self)), autostart, self->cancellable,
                                    background_cb, g_object_ref (self));
}

static void
background_changed_cb (CarportApplication *self, const char *key, GSettings *settings)
{
  update_hold (self);

  /* Outside Flatpak, turning "run in background" off with no login entry
   * has nothing more to do; inside, the portal asks the user when it is
   * turned on. */
  if (g_str_equal (key, "run-in-background") && !g_settings_get_boolean (settings, "run-in-background") &&
      !g_settings_get_boolean (settings, "autostart") && !carport_background_uses_portal ())
    return;
  request_background (self);
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

  carport_preferences_window_set_session (CARPORT_PREFERENCES_WINDOW (preferences), self->session);

  /* One of the app's windows: its shortcuts (Ctrl+Q) work there too. */
  gtk_window_set_application (GTK_WINDOW (preferences), GTK_APPLICATION (self));
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
about_action (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  CarportApplication *self = user_data;
  static const char *developers[] = { "The Carport contributors", NULL };
  GtkWidget *about = adw_about_window_new ();

  g_object_set (about,
                "transient-for", get_window (self),
                "application-name", _("Carport"),
                "application-icon", APP_ID,
                "developer-name", _("The Carport contributors"),
                "version", PACKAGE_VERSION,
                "comments", _("See your Renault, Dacia, Alpine or Nissan car and control it from your desktop."),
                "website", CARPORT_WEBSITE,
                "issue-url", CARPORT_WEBSITE "/issues",
                "developers", developers,
                "copyright", "© 2026 The Carport contributors",
                "license-type", GTK_LICENSE_GPL_3_0,
                "translator-credits", _("translator-credits"),
                NULL);
  /* The makers' names are theirs: Carport only says which cars it talks to. */
  adw_about_window_add_legal_section (ADW_ABOUT_WINDOW (about), _("Trademarks"), NULL, GTK_LICENSE_CUSTOM,
                                      _("Carport is not affiliated with or endorsed by Renault or Nissan. "
                                        "Renault, Dacia, Alpine and Nissan are trademarks of their owners, "
                                        "named here only to say which cars Carport works with."));
  gtk_window_present (GTK_WINDOW (about));
}

/* The shortcuts window, built the first time it is asked for (building it
 * with the window would delay the window's first frame). */
static void
shortcuts_action (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  CarportWindow *window = get_window (CARPORT_APPLICATION (user_data));
  g_autoptr(GtkBuilder) builder = NULL;

  if (window == NULL)
    return;
  if (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)) == NULL)
    {
      builder = gtk_builder_new_from_resource ("/io/github/carport/Carport/shortcuts.ui");
      gtk_application_window_set_help_overlay (GTK_APPLICATION_WINDOW (window),
                                               GTK_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "help_overlay")));
    }
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL);
}

typedef struct {
  CarportApplication *self;
  char               *vin;
} WithdrawData;

static void
withdraw_vehicle_cb (gpointer user_data)
{
  WithdrawData *data = user_data;

  if (data->self->notifier)
    carport_notifier_withdraw_vehicle (data->self->notifier, data->vin);
  g_object_unref (data->self);
  g_free (data->vin);
  g_free (data);
}

/* From a notification: works without a window (D-Bus activation) and before
 * the session knows the car (the window waits for it). */
static void
show_vehicle_action (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  CarportApplication *self = user_data;
  const char *vin = g_variant_get_string (parameter, NULL);
  CarportWindow *window = ensure_window (self);
  WithdrawData *withdraw;

  /* Its notifications are stale now; not from inside the notification's own
   * callback (the freedesktop backend frees it after calling us). */
  withdraw = g_new0 (WithdrawData, 1);
  withdraw->self = g_object_ref (self);
  withdraw->vin = g_strdup (vin);
  g_idle_add_once (withdraw_vehicle_cb, withdraw);
  carport_window_show_vehicle (window, vin);
  gtk_window_present (GTK_WINDOW (window));
}

static void
charging_action (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  CarportApplication *self = user_data;
  const char *vin = g_variant_get_string (parameter, NULL);
  gboolean stop = g_str_equal (g_action_get_name (G_ACTION (action)), "stop-charging");

  queue_command (self, vin, stop ? CARPORT_COMMAND_KIND_CHARGE_STOP : CARPORT_COMMAND_KIND_CHARGE_START);
}

static void
demo_action (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  carport_application_start_demo (CARPORT_APPLICATION (user_data));
}

static void
leave_demo_action (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  leave_demo (CARPORT_APPLICATION (user_data));
}

static const GActionEntry app_actions[] = {
  { "quit", quit_action },
  { "preferences", preferences_action },
  { "about", about_action },
  { "shortcuts", shortcuts_action },
  { "show-vehicle", show_vehicle_action, "s" },
  { "start-charging", charging_action, "s" },
  { "stop-charging", charging_action, "s" },
  { "demo", demo_action },
  { "leave-demo", leave_demo_action },
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
    self->start_demo = TRUE;

  return G_APPLICATION_CLASS (carport_application_parent_class)->handle_local_options (app, options);
}

static void
carport_application_startup (GApplication *app)
{
  CarportApplication *self = CARPORT_APPLICATION (app);
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };
  static const char *refresh_accels[] = { "<Control>r", "F5", NULL };
  static const char *close_accels[] = { "<Control>w", NULL };
  static const char *shortcuts_accels[] = { "<Control>question", NULL };

  G_APPLICATION_CLASS (carport_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions), self);
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self), "leave-demo")),
                               FALSE);
  /* One place for each shortcut: the menus and the shortcuts window show them. */
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences", preferences_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.refresh", refresh_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "window.close", close_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.shortcuts", shortcuts_accels);

  self->settings = g_settings_new ("io.github.carport.Carport");
  self->notifier = carport_notifier_new (GTK_APPLICATION (self));
  self->background_status = carport_background_status_new ();
  carport_background_status_set_session (self->background_status, self->session);
  g_signal_connect_object (self->settings, "changed::run-in-background",
                           G_CALLBACK (background_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::autostart",
                           G_CALLBACK (background_changed_cb), self, G_CONNECT_SWAPPED);
  update_hold (self);

  /* The session starts with the app, not with a window: a start by D-Bus
   * activation (a notification's button) or at login has none. With a
   * window (activate comes before this), after its first frame. */
  self->cancellable = g_cancellable_new ();
  g_idle_add_once (start_session_when_drawn, g_object_ref (self));
}

static void
carport_application_activate (GApplication *app)
{
  CarportApplication *self = CARPORT_APPLICATION (app);
  CarportWindow *window = ensure_window (self);

  /* Reopened after a while in the background: bring the cars up to date. */
  if (self->last_refresh != 0 && g_get_monotonic_time () - self->last_refresh > ACTIVATE_REFRESH_USEC)
    refresh_all (self);

  gtk_window_present (GTK_WINDOW (window));
}

static void
carport_application_shutdown (GApplication *app)
{
  CarportApplication *self = CARPORT_APPLICATION (app);

  g_cancellable_cancel (self->cancellable);
  /* Quitting: nothing more is refreshed or told (the notifications already
   * sent stay, a click starts Carport again). */
  g_clear_object (&self->notifier);
  if (self->session)
    {
      g_settings_unbind (self->session, "refresh-interval");
      carport_session_set_refresh_interval (self->session, 0);
    }
  G_APPLICATION_CLASS (carport_application_parent_class)->shutdown (app);
}

/* The Shell's search provider lives at the app's object path. */
static gboolean
carport_application_dbus_register (GApplication *app, GDBusConnection *connection,
                                   const char *object_path, GError **error)
{
  CarportApplication *self = CARPORT_APPLICATION (app);
  g_autofree char *path = g_strconcat (object_path, "/SearchProvider", NULL);

  if (!G_APPLICATION_CLASS (carport_application_parent_class)->dbus_register (app, connection, object_path, error))
    return FALSE;
  if (self->search_provider == NULL)
    self->search_provider = carport_search_provider_new (app);
  carport_search_provider_set_session (self->search_provider, self->session);
  return carport_search_provider_register (self->search_provider, connection, path, error);
}

static void
carport_application_dbus_unregister (GApplication *app, GDBusConnection *connection, const char *object_path)
{
  CarportApplication *self = CARPORT_APPLICATION (app);

  if (self->search_provider)
    carport_search_provider_unregister (self->search_provider);
  G_APPLICATION_CLASS (carport_application_parent_class)->dbus_unregister (app, connection, object_path);
}

static void
carport_application_dispose (GObject *object)
{
  CarportApplication *self = CARPORT_APPLICATION (object);

  if (self->session)
    {
      g_signal_handlers_disconnect_by_data (self->session, self);
      g_signal_handlers_disconnect_by_data (carport_session_get_vehicles (self->session), self);
      g_signal_handlers_disconnect_by_data (carport_session_get_accounts (self->session), self);
    }
  g_clear_object (&self->notifier);
  g_clear_object (&self->background_status);
  g_clear_object (&self->search_provider);
  g_clear_object (&self->session);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->pending, g_ptr_array_unref);

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
  app_class->dbus_register = carport_application_dbus_register;
  app_class->dbus_unregister = carport_application_dbus_unregister;
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

  self->pending = g_ptr_array_new_with_free_func ((GDestroyNotify) pending_command_free);
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
