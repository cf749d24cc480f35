/* test-application.c — the whole application in demo mode, as the desktop
 * starts it: notifications through the mock notification daemon of the test
 * session (org.freedesktop.Notifications, read back with
 * org.freedesktop.DBus.Mock.GetCalls), app actions invoked over D-Bus before
 * any window exists, and running in the background after the window closes.
 *
 * Each test runs its own CarportApplication (under its own app id, so its
 * notifications are told apart by their desktop-entry hint) with
 * g_application_run().
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "carport-application.h"
#include "carport-background.h"
#include "carport-closures.h"
#include "carport-demo.h"
#include "carport-simulator.h"
#include "carport-vehicle-page.h"
#include "carport-window.h"
#include "gui-test-util.h"

#define MEGANE "VF1XCB1VE00000003"    /* charging in the demo */
#define ZOE_PH2 "VF1X102VE00000002"   /* plugged in, not charging */
#define SPRING "UU1XBG1VE00000004"

/* Bounds: generous, for a loaded machine; the waits end as soon as they can. */
#define READY_MS 60000
#define EVENT_MS 60000
#define GUARD_SECONDS 180

typedef struct _Fixture Fixture;
typedef void (*Body) (Fixture *f);

struct _Fixture {
  CarportApplication *app;
  char               *app_id;
  Body                body;
  GtkWidget          *other_window;   /* another app's window, to take the focus */
  gboolean            guard_fired;
  gboolean            finished;       /* the test quit the app itself */
  gboolean            quit_by_itself; /* run() returned without the test asking */
  guint               poll_id;
  guint               seen;           /* the notify id found */
  gboolean            reopened;
  gboolean            destroy_window; /* not just closed */
};

/* ---------------------------------------------------------------------- */
/* The mock notification daemon                                           */

typedef struct {
  guint32  id;          /* the id the daemon gave it */
  guint32  replaces_id;
  char    *summary;
  char    *body;
  GStrv    actions;     /* key, label, key, label, … */
  guchar   urgency;
} Notified;

static void
notified_free (Notified *n)
{
  g_free (n->summary);
  g_free (n->body);
  g_strfreev (n->actions);
  g_free (n);
}

static GVariant *
mock_call (const char *method, GVariant *parameters)
{
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr(GError) error = NULL;
  GVariant *reply;

  g_assert_nonnull (bus);
  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.Notifications", "/org/freedesktop/Notifications",
                                       "org.freedesktop.DBus.Mock", method, parameters, NULL,
                                       G_DBUS_CALL_FLAGS_NONE, 10000, NULL, &error);
  g_assert_no_error (error);
  return reply;
}

/* Every Notify call made with @desktop_entry, oldest first (the daemon numbers
 * notifications in the order it gets them, across all its clients), and the
 * number of CloseNotification calls for ids in @closed_ids (if not NULL). */
static GPtrArray *
notifications (const char *desktop_entry, GArray *closed_ids)
{
  g_autoptr(GVariant) reply = mock_call ("GetCalls", NULL);
  g_autoptr(GVariantIter) calls = NULL;
  GPtrArray *found = g_ptr_array_new_with_free_func ((GDestroyNotify) notified_free);
  guint32 next_id = 1;
  const char *method;
  GVariant *args;
  guint64 timestamp;

  g_variant_get (reply, "(a(tsav))", &calls);
  while (g_variant_iter_next (calls, "(t&s@av)", &timestamp, &method, &args))
    {
      if (g_str_equal (method, "Notify"))
        {
          g_autoptr(GVariant) replaces = g_variant_get_child_value (args, 1);
          g_autoptr(GVariant) hints_v = g_variant_get_child_value (args, 6);
          g_autoptr(GVariant) hints = g_variant_get_variant (hints_v);
          const char *entry = NULL;
          g_autoptr(GVariant) replaces_u = g_variant_get_variant (replaces);
          guint32 replaces_id = g_variant_get_uint32 (replaces_u);
          guint32 id = replaces_id ? replaces_id : next_id++;

          g_variant_lookup (hints, "desktop-entry", "&s", &entry);
          if (g_strcmp0 (entry, desktop_entry) == 0)
            {
              Notified *n = g_new0 (Notified, 1);
              g_autoptr(GVariant) summary = g_variant_get_child_value (args, 3);
              g_autoptr(GVariant) body = g_variant_get_child_value (args, 4);
              g_autoptr(GVariant) actions = g_variant_get_child_value (args, 5);
              g_autoptr(GVariant) s = g_variant_get_variant (summary);
              g_autoptr(GVariant) b = g_variant_get_variant (body);
              g_autoptr(GVariant) a = g_variant_get_variant (actions);

              n->id = id;
              n->replaces_id = replaces_id;
              n->summary = g_variant_dup_string (s, NULL);
              n->body = g_variant_dup_string (b, NULL);
              n->actions = g_variant_dup_strv (a, NULL);
              g_variant_lookup (hints, "urgency", "y", &n->urgency);
              g_ptr_array_add (found, n);
            }
        }
      else if (g_str_equal (method, "CloseNotification") && closed_ids)
        {
          g_autoptr(GVariant) v = g_variant_get_child_value (args, 0);
          g_autoptr(GVariant) inner = g_variant_get_variant (v);
          guint32 id = g_variant_is_of_type (inner, G_VARIANT_TYPE_UINT32) ? g_variant_get_uint32 (inner)
                                                                           : (guint32) g_variant_get_int32 (inner);

          g_array_append_val (closed_ids, id);
        }
      g_variant_unref (args);
    }
  return found;
}

/* The last notification whose summary is @summary and whose body names
 * @about (NULL: any body), or NULL. */
static Notified *
find_notified_about (GPtrArray *list, const char *summary, const char *about)
{
  for (guint i = list->len; i > 0; i--)
    {
      Notified *n = g_ptr_array_index (list, i - 1);

      if (g_strcmp0 (n->summary, summary) == 0 && (about == NULL || (n->body && strstr (n->body, about))))
        return n;
    }
  return NULL;
}

static Notified *
find_notified (GPtrArray *list, const char *summary)
{
  return find_notified_about (list, summary, NULL);
}

static gboolean
has_action (Notified *n, const char *key, const char *label)
{
  for (guint i = 0; n->actions[i] && n->actions[i + 1]; i += 2)
    if (g_str_equal (n->actions[i], key) && (label == NULL || g_str_equal (n->actions[i + 1], label)))
      return TRUE;
  return FALSE;
}

typedef struct {
  const char *desktop_entry;
  const char *summary;
  guint       count;    /* how many with that summary are wanted */
} NotifiedWait;

static guint
count_notified (const char *desktop_entry, const char *summary)
{
  g_autoptr(GPtrArray) list = notifications (desktop_entry, NULL);
  guint count = 0;

  for (guint i = 0; i < list->len; i++)
    count += g_strcmp0 (((Notified *) g_ptr_array_index (list, i))->summary, summary) == 0;
  return count;
}

static gboolean
notified_cb (gpointer data)
{
  NotifiedWait *w = data;

  return count_notified (w->desktop_entry, w->summary) >= w->count;
}

/* ---------------------------------------------------------------------- */
/* Running the application                                                */

static void
run_body (Fixture *data)
{
  Fixture *f = data;

  f->body (f);
}

static gboolean
run_body_cb (gpointer data)
{
  run_body (data);
  return G_SOURCE_REMOVE;
}

/* First thing in the main loop, before any reply from the simulator. */
static void
startup_cb (GApplication *app, Fixture *f)
{
  g_idle_add_full (G_PRIORITY_HIGH, run_body_cb, f, NULL);
}

static gboolean
guard_cb (gpointer data)
{
  Fixture *f = data;

  f->guard_fired = TRUE;
  g_application_quit (G_APPLICATION (f->app));
  return G_SOURCE_REMOVE;
}

static void
finish (Fixture *f)
{
  f->finished = TRUE;
  g_application_quit (G_APPLICATION (f->app));
}

/* Runs the app with @args (after argv[0]) until the test finishes it; @body
 * runs once it has started. */
static void
run_app (Fixture *f, const char * const *args, Body body)
{
  static guint counter;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  guint guard;

  f->app_id = g_strdup_printf ("%s.Test%u", APP_ID, ++counter);
  f->app = carport_application_new ();
  g_application_set_application_id (G_APPLICATION (f->app), f->app_id);
  f->body = body;
  g_signal_connect_after (f->app, "startup", G_CALLBACK (startup_cb), f);

  g_ptr_array_add (argv, (char *) "carport");
  for (guint i = 0; args && args[i]; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);

  guard = g_timeout_add_seconds (GUARD_SECONDS, guard_cb, f);
  g_application_run (G_APPLICATION (f->app), argv->len - 1, (char **) argv->pdata);
  if (!f->guard_fired)
    g_source_remove (guard);
  f->quit_by_itself = !f->finished && !f->guard_fired;
  g_clear_handle_id (&f->poll_id, g_source_remove);

  g_assert_false (f->guard_fired);
}

static void
run_demo (Fixture *f, Body body)
{
  const char *args[] = { "--demo", NULL };

  run_app (f, args, body);
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.carport.Carport");

  g_settings_reset (settings, "run-in-background");
  g_settings_reset (settings, "autostart");
  g_settings_reset (settings, "refresh-interval");
  g_settings_reset (settings, "notify-commands");
  g_settings_reset (settings, "notify-charging");
  g_settings_reset (settings, "last-vehicle");
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  if (f->other_window)
    gtk_window_destroy (GTK_WINDOW (f->other_window));
  if (f->app)
    {
      GList *windows;

      while ((windows = gtk_application_get_windows (GTK_APPLICATION (f->app))) != NULL)
        gtk_window_destroy (windows->data);
    }
  gui_test_flush ();
  g_clear_object (&f->app);
  g_free (f->app_id);
}

static CarportWindow *
app_window (Fixture *f)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (f->app)); l; l = l->next)
    if (CARPORT_IS_WINDOW (l->data))
      return l->data;
  return NULL;
}

static CarportSession *
session (Fixture *f)
{
  return carport_application_get_session (f->app);
}

static CarportSimulator *
simulator (Fixture *f)
{
  return session (f) ? carport_demo_session_get_simulator (session (f)) : NULL;
}

/* The demo is logged in and its first refresh has brought every car's state. */
static gboolean
demo_ready (gpointer data)
{
  Fixture *f = data;
  GListModel *vehicles;
  gboolean busy = TRUE;

  if (session (f) == NULL || carport_session_get_state (session (f)) != CARPORT_SESSION_STATE_READY)
    return FALSE;
  g_object_get (session (f), "busy", &busy, NULL);
  vehicles = carport_session_get_vehicles (session (f));
  if (busy || g_list_model_get_n_items (vehicles) == 0)
    return FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (vehicles); i++)
    {
      g_autoptr(CarportVehicle) vehicle = g_list_model_get_item (vehicles, i);

      /* Every car with a battery has told its level (a fuel car has none). */
      if (carport_vehicle_supports_endpoint (vehicle, CARPORT_ENDPOINT_BATTERY_STATUS) &&
          carport_battery_get_level_percent (carport_vehicle_get_battery (vehicle)) < 0)
        return FALSE;
    }
  return TRUE;
}

static void
wait_demo_ready (Fixture *f)
{
  g_assert_true (gui_test_wait_until (demo_ready, f, READY_MS));
  /* Commands answer quickly. */
  carport_simulator_set_command_delay_ms (simulator (f), 300);
}

static CarportVehicle *
vehicle (Fixture *f, const char *vin)
{
  CarportVehicle *found = carport_session_find_vehicle (session (f), vin);

  g_assert_nonnull (found);
  return found;
}

static gboolean
window_inactive (gpointer data)
{
  CarportWindow *window = data;

  return !gtk_window_is_active (GTK_WINDOW (window));
}

static gboolean
window_active (gpointer data)
{
  CarportWindow *window = data;

  return gtk_widget_get_visible (GTK_WIDGET (window)) && gtk_window_is_active (GTK_WINDOW (window));
}

/* Another window takes the focus, as when the user works in another app. */
static void
focus_elsewhere (Fixture *f)
{
  f->other_window = gtk_window_new ();
  gtk_window_set_title (GTK_WINDOW (f->other_window), "Another app");
  gtk_window_set_default_size (GTK_WINDOW (f->other_window), 200, 200);
  gtk_window_present (GTK_WINDOW (f->other_window));
  g_assert_true (gui_test_wait_until (window_inactive, app_window (f), 10000));
}

static gboolean
shows_wanted (gpointer data)
{
  Fixture *f = data;
  CarportWindow *window = app_window (f);
  const char *wanted = g_object_get_data (G_OBJECT (f->app), "wanted");

  return window && carport_window_get_vehicle (window) &&
         g_strcmp0 (carport_vehicle_get_vin (carport_window_get_vehicle (window)), wanted) == 0;
}

static void
wait_shows (Fixture *f, const char *vin)
{
  g_object_set_data_full (G_OBJECT (f->app), "wanted", g_strdup (vin), g_free);
  g_assert_true (gui_test_wait_until (shows_wanted, f, EVENT_MS));
}

typedef struct {
  CarportSession     *session;
  CarportVehicle     *vehicle;
  CarportCommandKind  kind;
} InFlight;

static gboolean
not_in_flight (gpointer data)
{
  InFlight *w = data;

  return carport_session_get_command_in_flight (w->session, w->vehicle, w->kind) == NULL;
}

/* Sends @kind from the car's page, as a click does, and waits for the end. */
static void
click_command (Fixture *f, CarportVehicle *car, const char *action, CarportCommandKind kind)
{
  GtkWidget *page = carport_window_get_part (app_window (f), "vehicle_page");
  InFlight w = { session (f), car, kind };

  g_assert_true (carport_vehicle_page_get_vehicle (CARPORT_VEHICLE_PAGE (page)) == car);
  gtk_widget_activate_action (page, action, NULL);
  g_assert_nonnull (carport_session_get_command_in_flight (session (f), car, kind));
  g_assert_true (gui_test_wait_until (not_in_flight, &w, EVENT_MS));
}

/* ---------------------------------------------------------------------- */
/* A command completes while the window is not focused                    */

static void
command_notification_body (Fixture *f)
{
  CarportWindow *window = app_window (f);
  CarportVehicle *car, *other;
  const char *summary = carport_closures_command_outcome (CARPORT_COMMAND_KIND_REFRESH_LOCATION, TRUE);
  g_autofree char *open_key = NULL;
  g_autoptr(GPtrArray) list = NULL;
  NotifiedWait wait = { f->app_id, summary, 1 };
  Notified *first, *second;
  guint first_id;

  g_assert_nonnull (window);
  wait_demo_ready (f);
  car = vehicle (f, ZOE_PH2);
  other = vehicle (f, SPRING);
  g_assert_true (carport_vehicle_supports_command (car, CARPORT_COMMAND_KIND_REFRESH_LOCATION));
  open_key = g_strdup_printf ("app.show-vehicle::%s", carport_vehicle_get_vin (car));

  carport_window_show_vehicle (window, ZOE_PH2);
  wait_shows (f, ZOE_PH2);
  focus_elsewhere (f);

  /* "Locate" completes while the user is in another app: a notification. */
  click_command (f, car, "command.refresh-location", CARPORT_COMMAND_KIND_REFRESH_LOCATION);
  g_assert_true (gui_test_wait_until (notified_cb, &wait, EVENT_MS));
  list = notifications (f->app_id, NULL);
  first = find_notified (list, summary);
  g_assert_nonnull (first);
  g_assert_cmpuint (first->replaces_id, ==, 0);
  g_assert_nonnull (strstr (first->body, carport_vehicle_get_display_name (car)));
  /* A default action (app.show-vehicle with the VIN, checked below by
   * clicking it), and no button that does the same. */
  g_assert_true (has_action (first, "default", NULL));
  g_assert_false (has_action (first, open_key, NULL));
  first_id = first->id;
  g_clear_pointer (&list, g_ptr_array_unref);

  /* Again: the same car and event replace the notification. */
  click_command (f, car, "command.refresh-location", CARPORT_COMMAND_KIND_REFRESH_LOCATION);
  wait.count = 2;
  g_assert_true (gui_test_wait_until (notified_cb, &wait, EVENT_MS));
  list = notifications (f->app_id, NULL);
  second = find_notified (list, summary);
  g_assert_cmpuint (second->replaces_id, ==, first_id);
  g_assert_cmpuint (second->id, ==, first_id);

  /* The user looks at another car, then clicks the notification: the
   * default action shows the car of the notification, in front. */
  carport_window_show_vehicle (window, SPRING);
  wait_shows (f, SPRING);
  g_assert_true (carport_window_get_vehicle (window) == other);
  {
    g_autoptr(GVariant) reply = NULL;
    GVariant *args[] = { g_variant_new_variant (g_variant_new_uint32 (first_id)),
                         g_variant_new_variant (g_variant_new_string ("default")) };

    reply = mock_call ("EmitSignal",
                       g_variant_new ("(sss@av)", "org.freedesktop.Notifications", "ActionInvoked", "us",
                                      g_variant_new_array (G_VARIANT_TYPE_VARIANT, args, 2)));
  }
  wait_shows (f, ZOE_PH2);
  g_assert_true (gui_test_wait_until (window_active, window, 10000));

  finish (f);
}

static void
test_command_notification (Fixture *f, gconstpointer data)
{
  const char *args[] = { "--demo", NULL };

  run_app (f, args, command_notification_body);
  g_assert_true (f->finished);
}

/* The car took the Locate, but its location could not be read after it:
 * the notification says so, never "Location updated" (the notifier waits
 * for the read, as the page's toast does). */
static void
locate_unread_notification_body (Fixture *f)
{
  CarportVehicle *car;
  const char *updated = carport_closures_command_outcome (CARPORT_COMMAND_KIND_REFRESH_LOCATION, TRUE);
  const char *failed = carport_closures_command_outcome (CARPORT_COMMAND_KIND_REFRESH_LOCATION, FALSE);
  NotifiedWait wait = { f->app_id, failed, 1 };
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  Notified *notified;

  wait_demo_ready (f);
  car = vehicle (f, ZOE_PH2);
  carport_window_show_vehicle (app_window (f), ZOE_PH2);
  wait_shows (f, ZOE_PH2);
  focus_elsewhere (f);
  g_assert_true (carport_simulator_add_fault_from_string (simulator (f), "location=malformed", &error));
  g_assert_no_error (error);

  click_command (f, car, "command.refresh-location", CARPORT_COMMAND_KIND_REFRESH_LOCATION);
  g_assert_true (gui_test_wait_until (notified_cb, &wait, EVENT_MS));
  list = notifications (f->app_id, NULL);
  notified = find_notified (list, failed);
  g_assert_nonnull (strstr (notified->body, carport_vehicle_get_endpoint_error (car, CARPORT_ENDPOINT_LOCATION)));
  g_assert_cmpuint (count_notified (f->app_id, updated), ==, 0);

  finish (f);
}

static void
test_locate_unread_notification (Fixture *f, gconstpointer data)
{
  const char *args[] = { "--demo", NULL };

  run_app (f, args, locate_unread_notification_body);
  g_assert_true (f->finished);
}

/* In front, the page's toast says it: no notification. */
static void
no_notification_in_front_body (Fixture *f)
{
  CarportWindow *window = app_window (f);
  CarportVehicle *car;
  const char *summary = carport_closures_command_outcome (CARPORT_COMMAND_KIND_REFRESH_LOCATION, TRUE);

  wait_demo_ready (f);
  car = vehicle (f, ZOE_PH2);
  carport_window_show_vehicle (window, ZOE_PH2);
  wait_shows (f, ZOE_PH2);
  g_assert_true (gui_test_wait_until (window_active, window, 10000));

  click_command (f, car, "command.refresh-location", CARPORT_COMMAND_KIND_REFRESH_LOCATION);
  /* The event has been handled; a notification would have reached the
   * daemon before this call (one connection keeps the order). */
  gui_test_flush ();
  g_assert_cmpuint (count_notified (f->app_id, summary), ==, 0);
  {
    g_autofree char *labels = gui_test_dump_labels (carport_window_get_part (window, "toast_overlay"));

    g_assert_nonnull (strstr (labels, summary));
  }

  finish (f);
}

static void
test_no_notification_in_front (Fixture *f, gconstpointer data)
{
  const char *args[] = { "--demo", NULL };

  run_app (f, args, no_notification_in_front_body);
  g_assert_true (f->finished);
}

/* ---------------------------------------------------------------------- */
/* Charging: "Stop Charging" where it makes sense, stale ones withdrawn    */

static gboolean
car_charging_in_app (gpointer data)
{
  Fixture *f = data;

  return carport_battery_get_charging (carport_vehicle_get_battery (vehicle (f, ZOE_PH2))) ==
         CARPORT_CHARGING_STATE_CHARGING;
}

typedef struct {
  const char *desktop_entry;
  guint32     id;
} ClosedWait;

static gboolean
closed_cb (gpointer data)
{
  ClosedWait *w = data;
  g_autoptr(GArray) closed = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GPtrArray) list = notifications (w->desktop_entry, closed);

  /* Asking for the notifications fills @closed with those closed so far. */
  g_assert_nonnull (list);
  for (guint i = 0; i < closed->len; i++)
    if (g_array_index (closed, guint32, i) == w->id)
      return TRUE;
  return FALSE;
}

static void
charging_body (Fixture *f)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.carport.Carport");
  const char *started = carport_closures_command_outcome (CARPORT_COMMAND_KIND_CHARGE_START, TRUE);
  g_autofree char *stop_key = g_strdup_printf ("app.stop-charging::%s", ZOE_PH2);
  g_autofree char *start_key = g_strdup_printf ("app.start-charging::%s", ZOE_PH2);
  NotifiedWait wait = { f->app_id, started, 1 };
  g_autoptr(GPtrArray) list = NULL;
  ClosedWait closed = { f->app_id, 0 };
  Notified *n;

  wait_demo_ready (f);
  focus_elsewhere (f);
  g_settings_set_uint (settings, "refresh-interval", 1);

  /* The ZOE starts charging (as the "Charge" button of a notification
   * does): the result says so, with a button to stop it. */
  g_action_group_activate_action (G_ACTION_GROUP (f->app), "start-charging", g_variant_new_string (ZOE_PH2));
  g_assert_true (gui_test_wait_until (notified_cb, &wait, EVENT_MS));
  list = notifications (f->app_id, NULL);
  n = find_notified (list, started);
  g_assert_true (has_action (n, stop_key, "Stop Charging"));
  g_assert_true (gui_test_wait_until (car_charging_in_app, f, EVENT_MS));
  g_clear_pointer (&list, g_ptr_array_unref);

  /* Someone unplugs it: "Charging stopped", with a button to charge again;
   * important (GLib's HIGH, urgency "normal" on the wire), not "critical",
   * which would break through Do Not Disturb. */
  carport_simulator_set_plugged (simulator (f), ZOE_PH2, FALSE);
  wait.summary = "Charging stopped";
  g_assert_true (gui_test_wait_until (notified_cb, &wait, EVENT_MS));
  list = notifications (f->app_id, NULL);
  n = find_notified (list, "Charging stopped");
  g_assert_cmpuint (n->urgency, ==, 1);
  g_assert_true (has_action (n, start_key, "Charge"));
  closed.id = n->id;
  g_assert_false (closed_cb (&closed));

  /* Plugged in again, it charges: the "stopped" notification is stale. */
  carport_simulator_set_plugged (simulator (f), ZOE_PH2, TRUE);
  g_assert_true (gui_test_wait_until (car_charging_in_app, f, EVENT_MS));
  g_assert_true (gui_test_wait_until (closed_cb, &closed, EVENT_MS));

  finish (f);
}

static void
test_charging_notifications (Fixture *f, gconstpointer data)
{
  const char *args[] = { "--demo", NULL };

  run_app (f, args, charging_body);
  g_assert_true (f->finished);
}

/* ---------------------------------------------------------------------- */
/* App actions before any window: started as a D-Bus service               */

static void
activate_action_over_dbus (Fixture *f, const char *action, const char *vin)
{
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  GVariantBuilder parameter, platform_data;

  g_variant_builder_init (&parameter, G_VARIANT_TYPE ("av"));
  g_variant_builder_add (&parameter, "v", g_variant_new_string (vin));
  g_variant_builder_init (&platform_data, G_VARIANT_TYPE_VARDICT);
  /* As the shell does for a notification's button: org.freedesktop.Application. */
  g_dbus_connection_call (bus, f->app_id, g_application_get_dbus_object_path (G_APPLICATION (f->app)),
                          "org.freedesktop.Application", "ActivateAction",
                          g_variant_new ("(sava{sv})", action, &parameter, &platform_data),
                          NULL, G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL, NULL);
}

static gboolean
sim_charging (gpointer data)
{
  Fixture *f = data;

  return simulator (f) && carport_simulator_get_charging (simulator (f), ZOE_PH2);
}

static void
service_actions_body (Fixture *f)
{
  /* Started as a service: no window, the session still starting. */
  g_assert_null (app_window (f));
  g_assert_false (demo_ready (f));

  /* A notification's buttons: charge the ZOE, then open it. */
  activate_action_over_dbus (f, "start-charging", ZOE_PH2);
  activate_action_over_dbus (f, "show-vehicle", ZOE_PH2);

  /* The window opens at once and shows the car when the session knows it. */
  wait_demo_ready (f);
  wait_shows (f, ZOE_PH2);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (app_window (f))));

  /* The command waited for its car, then went to the simulator. */
  g_assert_true (gui_test_wait_until (sim_charging, f, EVENT_MS));

  finish (f);
}

static void
test_actions_before_window (Fixture *f, gconstpointer data)
{
  const char *args[] = { "--demo", "--gapplication-service", NULL };

  run_app (f, args, service_actions_body);
  g_assert_true (f->finished);
}

/* ---------------------------------------------------------------------- */
/* Running in the background                                              */

static gboolean
megane_charging (gpointer data)
{
  Fixture *f = data;

  return demo_ready (f) &&
         carport_battery_get_charging (carport_vehicle_get_battery (vehicle (f, MEGANE))) ==
           CARPORT_CHARGING_STATE_CHARGING;
}

/* Polled from the app's own main loop (not a nested one): if the app quit
 * when its window closed, run() returns and nothing is found. */
static gboolean
poll_charge_complete_cb (gpointer data)
{
  Fixture *f = data;
  g_autoptr(GPtrArray) list = notifications (f->app_id, NULL);
  /* Other demo cars (the Nissan Leaf) may finish charging too. */
  Notified *n = find_notified_about (list, "Charge complete",
                                     carport_vehicle_get_display_name (vehicle (f, MEGANE)));
  CarportWindow *window = app_window (f);
  g_autofree char *open_key = g_strdup_printf ("app.show-vehicle::%s", MEGANE);

  if (n == NULL)
    return G_SOURCE_CONTINUE;

  f->poll_id = 0;
  f->seen = n->id;
  g_assert_nonnull (strstr (n->body, carport_vehicle_get_display_name (vehicle (f, MEGANE))));
  g_assert_true (has_action (n, "default", NULL));
  g_assert_false (has_action (n, open_key, NULL));

  /* Opening Carport again shows the window: the hidden one, or a new one. */
  g_assert_true (window == NULL || !gtk_widget_get_visible (GTK_WIDGET (window)));
  g_application_activate (G_APPLICATION (f->app));
  f->reopened = app_window (f) != NULL && gtk_widget_get_visible (GTK_WIDGET (app_window (f))) &&
                (window == NULL || app_window (f) == window);

  finish (f);
  return G_SOURCE_REMOVE;
}

static void
background_body (Fixture *f)
{
  CarportWindow *window = app_window (f);
  g_autoptr(GSettings) settings = g_settings_new ("io.github.carport.Carport");

  /* The Megane is charging (the first refresh saw it). */
  g_assert_true (gui_test_wait_until (megane_charging, f, READY_MS));

  /* The app refreshes every second; the charge ends at the next refresh. */
  g_settings_set_uint (settings, "refresh-interval", 1);
  carport_simulator_set_charge_rate (simulator (f), 200.0);

  if (f->destroy_window)
    {
      /* No window at all (as after a start at login): the app holds itself. */
      gtk_window_destroy (GTK_WINDOW (window));
      gui_test_flush ();
      g_assert_null (app_window (f));
    }
  else
    {
      /* The user closes the window: hidden, kept for when it is opened again. */
      gtk_window_close (GTK_WINDOW (window));
      gui_test_flush ();
      g_assert_true (app_window (f) == window);
      g_assert_false (gtk_widget_get_visible (GTK_WIDGET (window)));
    }

  f->poll_id = g_timeout_add (250, poll_charge_complete_cb, f);
}

static void
test_background (Fixture *f, gconstpointer data)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.carport.Carport");
  const char *args[] = { "--demo", NULL };

  g_settings_set_boolean (settings, "run-in-background", TRUE);
  f->destroy_window = GPOINTER_TO_INT (data);
  run_app (f, args, background_body);

  g_assert_false (f->quit_by_itself);
  g_assert_true (f->finished);
  g_assert_cmpuint (f->seen, >, 0);
  g_assert_true (f->reopened);
}

static void
close_body (Fixture *f)
{
  wait_demo_ready (f);
  gtk_window_close (GTK_WINDOW (app_window (f)));
  /* Nothing more: without "run in background" the app ends by itself. */
}

static void
test_close_quits (Fixture *f, gconstpointer data)
{
  const char *args[] = { "--demo", NULL };
  gint64 start = g_get_monotonic_time ();

  run_app (f, args, close_body);
  g_assert_true (f->quit_by_itself);
  g_assert_cmpint (g_get_monotonic_time () - start, <, (gint64) GUARD_SECONDS * G_USEC_PER_SEC);
}

/* The window's first frame comes first: the session (the keyring, the cache,
 * the network) starts after it. */
static void
session_set_cb (CarportApplication *app, GParamSpec *pspec, Fixture *f)
{
  CarportWindow *window = app_window (f);

  if (carport_application_get_session (app) == NULL)
    return;
  g_assert_nonnull (window);
  g_assert_true (carport_window_get_drawn (window));
  f->seen++;
}

static void
first_frame_body (Fixture *f)
{
  g_assert_nonnull (app_window (f));
  g_signal_connect (f->app, "notify::session", G_CALLBACK (session_set_cb), f);
  wait_demo_ready (f);
  g_assert_cmpuint (f->seen, ==, 1);
  finish (f);
}

static void
test_window_first (Fixture *f, gconstpointer data)
{
  run_demo (f, first_frame_body);
}

static gboolean
view_is_welcome (gpointer data)
{
  return g_strcmp0 (carport_window_get_view (CARPORT_WINDOW (data)), "welcome") == 0;
}

/* The demo says so, offers "Leave Demo" (not "Log Out"), and leaving it goes
 * back to the real accounts: none here, the welcome page. */
static void
leave_demo_body (Fixture *f)
{
  CarportWindow *window;
  GtkWidget *leave;

  wait_demo_ready (f);
  window = app_window (f);
  g_assert_true (carport_application_get_demo (f->app));
  g_assert_true (carport_window_get_demo (window));
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (f->app), "leave-demo"));
  gui_test_assert_label_soon (GTK_WIDGET (window), "Demo — these cars are simulated; nothing is sent anywhere.");
  leave = gui_test_find_accessible (GTK_WIDGET (window), GTK_ACCESSIBLE_ROLE_BUTTON, "Leave Demo");
  g_assert_nonnull (leave);

  g_signal_emit_by_name (leave, "clicked");
  g_assert_true (gui_test_wait_until (view_is_welcome, window, READY_MS));
  g_assert_false (carport_application_get_demo (f->app));
  g_assert_false (carport_window_get_demo (window));
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (f->app), "leave-demo"));
  finish (f);
}

static void
test_leave_demo (Fixture *f, gconstpointer data)
{
  run_demo (f, leave_demo_body);
}

static void
assert_accels (Fixture *f, const char *action, const char * const *expected)
{
  g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (f->app), action);

  g_assert_cmpstrv (accels, expected);
}

/* One refresh shortcut everywhere: the application's accelerators, which the
 * menu and the shortcuts window show; Ctrl+W closes the window. */
static void
shortcuts_body (Fixture *f)
{
  static const char * const refresh[] = { "<Control>r", "F5", NULL };
  static const char * const close[] = { "<Control>w", NULL };
  static const char * const shortcuts[] = { "<Control>question", NULL };
  GtkApplicationWindow *window = GTK_APPLICATION_WINDOW (app_window (f));
  GtkWidget *overlay;
  gboolean refresh_listed = FALSE, close_listed = FALSE;

  assert_accels (f, "win.refresh", refresh);
  assert_accels (f, "window.close", close);
  assert_accels (f, "app.shortcuts", shortcuts);

  /* Built when first asked for, not with the window (its first frame). */
  g_assert_null (gtk_application_window_get_help_overlay (window));
  g_action_group_activate_action (G_ACTION_GROUP (f->app), "shortcuts", NULL);
  overlay = GTK_WIDGET (gtk_application_window_get_help_overlay (window));
  g_assert_nonnull (overlay);
  g_assert_true (gtk_widget_get_visible (overlay));

  /* The shortcuts window names the actions (their accelerators follow). */
  {
    g_autoptr(GPtrArray) stack = g_ptr_array_new ();

    g_ptr_array_add (stack, overlay);
    while (stack->len > 0)
      {
        GtkWidget *w = g_ptr_array_steal_index (stack, stack->len - 1);
        g_autofree char *action = NULL;

        if (GTK_IS_SHORTCUTS_SHORTCUT (w))
          {
            g_object_get (w, "action-name", &action, NULL);
            refresh_listed |= g_strcmp0 (action, "win.refresh") == 0;
            close_listed |= g_strcmp0 (action, "window.close") == 0;
          }
        for (GtkWidget *c = gtk_widget_get_first_child (w); c; c = gtk_widget_get_next_sibling (c))
          g_ptr_array_add (stack, c);
      }
  }
  g_assert_true (refresh_listed);
  g_assert_true (close_listed);
  gtk_window_close (GTK_WINDOW (overlay));

  /* Ctrl+W closes the window (and, without "run in background", the app). */
  wait_demo_ready (f);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (app_window (f)), "window.close", NULL));
}

static void
test_shortcuts (Fixture *f, gconstpointer data)
{
  run_demo (f, shortcuts_body);
  g_assert_true (f->quit_by_itself);
}

/* Start at login: an autostart entry outside Flatpak. */
/* Written in full: a file being created may be read while still empty. */
static gboolean
file_exists (gpointer data)
{
  g_autoptr(GKeyFile) entry = g_key_file_new ();

  return g_key_file_load_from_file (entry, data, G_KEY_FILE_NONE, NULL) &&
         g_key_file_has_group (entry, "Desktop Entry");
}

static gboolean
file_missing (gpointer data)
{
  return !g_file_test (data, G_FILE_TEST_EXISTS);
}

static void
autostart_body (Fixture *f)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.carport.Carport");
  g_autofree char *path = carport_background_dup_autostart_path ();
  g_autoptr(GKeyFile) entry = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *exec = NULL;

  g_assert_false (carport_background_uses_portal ());
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  /* Only with "run in background". */
  g_settings_set_boolean (settings, "autostart", TRUE);
  gui_test_flush ();
  g_settings_set_boolean (settings, "run-in-background", TRUE);
  g_assert_true (gui_test_wait_until (file_exists, path, 10000));

  g_assert_true (g_key_file_load_from_file (entry, path, G_KEY_FILE_NONE, &error));
  g_assert_no_error (error);
  exec = g_key_file_get_string (entry, "Desktop Entry", "Exec", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (exec, ==, "carport --gapplication-service");
  g_assert_true (g_key_file_get_boolean (entry, "Desktop Entry", "X-GNOME-Autostart-enabled", NULL));

  /* Off again: the entry goes. */
  g_settings_set_boolean (settings, "autostart", FALSE);
  g_assert_true (gui_test_wait_until (file_missing, path, 10000));

  /* And turning "run in background" off removes it as well. */
  g_settings_set_boolean (settings, "autostart", TRUE);
  g_assert_true (gui_test_wait_until (file_exists, path, 10000));
  g_settings_set_boolean (settings, "run-in-background", FALSE);
  g_assert_true (gui_test_wait_until (file_missing, path, 10000));

  finish (f);
}

static void
test_autostart (Fixture *f, gconstpointer data)
{
  const char *args[] = { "--demo", NULL };

  run_app (f, args, autostart_body);
  g_assert_true (f->finished);
}

int
main (int argc, char *argv[])
{
  g_autofree char *config = NULL;
  int status;

  /* The autostart entry goes to a private config dir, never the user's. */
  config = g_dir_make_tmp ("carport-test-config-XXXXXX", NULL);
  g_assert_nonnull (config);
  g_setenv ("XDG_CONFIG_HOME", config, TRUE);

  gui_test_init (&argc, &argv);

  g_test_add ("/gui/application/command-notification", Fixture, NULL, fixture_set_up,
              test_command_notification, fixture_tear_down);
  g_test_add ("/gui/application/locate-unread-notification", Fixture, NULL, fixture_set_up,
              test_locate_unread_notification, fixture_tear_down);
  g_test_add ("/gui/application/no-notification-in-front", Fixture, NULL, fixture_set_up,
              test_no_notification_in_front, fixture_tear_down);
  g_test_add ("/gui/application/charging-notifications", Fixture, NULL, fixture_set_up,
              test_charging_notifications, fixture_tear_down);
  g_test_add ("/gui/application/actions-before-window", Fixture, NULL, fixture_set_up,
              test_actions_before_window, fixture_tear_down);
  g_test_add ("/gui/application/background", Fixture, GINT_TO_POINTER (FALSE), fixture_set_up,
              test_background, fixture_tear_down);
  g_test_add ("/gui/application/background-without-window", Fixture, GINT_TO_POINTER (TRUE), fixture_set_up,
              test_background, fixture_tear_down);
  g_test_add ("/gui/application/close-quits", Fixture, NULL, fixture_set_up, test_close_quits, fixture_tear_down);
  g_test_add ("/gui/application/window-first", Fixture, NULL, fixture_set_up, test_window_first, fixture_tear_down);
  g_test_add ("/gui/application/leave-demo", Fixture, NULL, fixture_set_up, test_leave_demo, fixture_tear_down);
  g_test_add ("/gui/application/shortcuts", Fixture, NULL, fixture_set_up, test_shortcuts, fixture_tear_down);
  g_test_add ("/gui/application/autostart", Fixture, NULL, fixture_set_up, test_autostart, fixture_tear_down);

  status = g_test_run ();

  {
    g_autofree char *autostart = g_build_filename (config, "autostart", NULL);
    g_autofree char *entry = g_build_filename (autostart, APP_ID ".desktop", NULL);

    g_unlink (entry);
    g_rmdir (autostart);
    g_rmdir (config);
  }
  return status;
}
