/* test-search-provider.c — the GNOME Shell search provider, called over
 * D-Bus on the private session bus as the Shell calls it: the app started
 * as a D-Bus service (no window), cars found by name, plate or model from
 * the last known state, their battery and range in the result, and a
 * chosen result opening the car's page.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <math.h>

#include "carport-application.h"
#include "carport-state-cache.h"
#include "carport-window.h"
#include "gui-test-util.h"

#define CACHED_ZOE "VF1AG000000000101"
#define CACHED_MEGANE "VF1RCB00000000203"
#define DEMO_MEGANE "VF1XCB1VE00000003"
#define IFACE "org.gnome.Shell.SearchProvider2"
#define WAIT_MS 20000

typedef struct {
  CarportApplication *app;
  GDBusConnection    *shell;   /* a connection of its own, as the Shell's */
  char               *path;
  void              (*body) (gpointer f);
  gboolean            done;
} Fixture;

/* Calls @method on the provider from the "Shell" connection and waits for
 * the answer, turning the app's main loop meanwhile. */
typedef struct {
  GVariant *reply;
  GError   *error;
  gboolean  done;
} Call;

static void
call_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Call *call = user_data;

  call->reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &call->error);
  call->done = TRUE;
}

static gboolean
call_done (gpointer data)
{
  return ((Call *) data)->done;
}

static GVariant *
call (Fixture *f, const char *method, GVariant *parameters)
{
  g_autofree char *app_id = g_strdup (g_application_get_application_id (G_APPLICATION (f->app)));
  Call c = { NULL, NULL, FALSE };

  g_dbus_connection_call (f->shell, app_id, f->path, IFACE, method, parameters, NULL,
                          G_DBUS_CALL_FLAGS_NONE, WAIT_MS, NULL, call_cb, &c);
  g_assert_true (gui_test_wait_until (call_done, &c, WAIT_MS));
  g_assert_no_error (c.error);
  return c.reply;
}

/* The VINs a search for @terms (within @previous, NULL: a first search) finds, joined by spaces. */
static char *
search (Fixture *f, const char * const *terms, const char * const *previous)
{
  g_autoptr(GVariant) reply = NULL;
  g_autofree const char **vins = NULL;

  if (previous)
    reply = call (f, "GetSubsearchResultSet", g_variant_new ("(^as^as)", previous, terms));
  else
    reply = call (f, "GetInitialResultSet", g_variant_new ("(^as)", terms));
  g_variant_get (reply, "(^a&s)", &vins);
  return g_strjoinv (" ", (char **) vins);
}

static void
saved_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (carport_state_cache_save_finish (CARPORT_STATE_CACHE (source), result, &error));
  g_assert_no_error (error);
  (*(guint *) user_data)--;
}

static gboolean
none_left (gpointer data)
{
  return *(guint *) data == 0;
}

/* Two cars in the state cache, as a previous run of Carport left them. */
static void
save_cached_cars (void)
{
  g_autoptr(CarportStateCache) cache = carport_state_cache_new ();
  g_autoptr(CarportVehicle) zoe = carport_vehicle_new (CACHED_ZOE);
  g_autoptr(CarportVehicle) megane = carport_vehicle_new (CACHED_MEGANE);
  guint left = 2;

  carport_vehicle_set_brand (zoe, CARPORT_BRAND_RENAULT);
  carport_vehicle_set_model_name (zoe, "ZOE");
  carport_vehicle_set_registration (zoe, "FR-101-ZE");
  carport_battery_set_level_percent (carport_vehicle_get_battery (zoe), 71);
  carport_battery_set_range_km (carport_vehicle_get_battery (zoe), 320);
  carport_vehicle_set_brand (megane, CARPORT_BRAND_RENAULT);
  carport_vehicle_set_model_name (megane, "Mégane E-Tech");
  carport_vehicle_set_registration (megane, "GH-203-MG");

  carport_state_cache_save_async (cache, "renault:owner@example.com", zoe, NULL, saved_cb, &left);
  carport_state_cache_save_async (cache, "renault:owner@example.com", megane, NULL, saved_cb, &left);
  g_assert_true (gui_test_wait_until (none_left, &left, WAIT_MS));
}

static gboolean
run_body_cb (gpointer data)
{
  Fixture *f = data;

  f->body (f);
  f->done = TRUE;
  g_application_quit (G_APPLICATION (f->app));
  return G_SOURCE_REMOVE;
}

static void
startup_cb (GApplication *app, Fixture *f)
{
  g_autofree char *address = g_dbus_address_get_for_bus_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr(GError) error = NULL;

  f->shell = g_dbus_connection_new_for_address_sync (address,
                                                     G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                     G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                     NULL, NULL, &error);
  g_assert_no_error (error);
  f->path = g_strconcat (g_application_get_dbus_object_path (app), "/SearchProvider", NULL);
  g_idle_add (run_body_cb, f);
}

static void
run_app (Fixture *f, const char * const *args, void (*body) (gpointer f))
{
  static guint counter;
  g_autofree char *app_id = g_strdup_printf ("%s.TestSearch%u", APP_ID, ++counter);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();

  f->app = carport_application_new ();
  f->body = body;
  g_application_set_application_id (G_APPLICATION (f->app), app_id);
  g_signal_connect_after (f->app, "startup", G_CALLBACK (startup_cb), f);
  g_ptr_array_add (argv, (char *) "carport");
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);
  g_application_run (G_APPLICATION (f->app), argv->len - 1, (char **) argv->pdata);
  g_assert_true (f->done);

  g_clear_object (&f->shell);
  g_clear_pointer (&f->path, g_free);
  g_clear_object (&f->app);
}

/* Started by the Shell for a search: no login, no window, no network; the
 * cars and their last state come from the cache. */
static void
cached_body (gpointer data)
{
  Fixture *f = data;
  g_autoptr(GVariant) metas = NULL;
  g_autoptr(GVariant) list = NULL;
  g_autoptr(GVariant) meta = NULL;
  g_autofree char *found = NULL;
  const char *name = NULL;
  const char *description = NULL;
  g_autoptr(GVariant) icon = NULL;

  g_assert_null (gtk_application_get_active_window (GTK_APPLICATION (f->app)));

  found = search (f, (const char *[]) { "megane", NULL }, NULL);
  g_assert_cmpstr (found, ==, CACHED_MEGANE);  /* "Mégane", accents aside */
  g_clear_pointer (&found, g_free);
  found = search (f, (const char *[]) { "fr-101", NULL }, NULL);
  g_assert_cmpstr (found, ==, CACHED_ZOE);     /* the plate */
  g_clear_pointer (&found, g_free);
  found = search (f, (const char *[]) { "RENAULT", NULL }, NULL);
  g_assert_cmpstr (found, ==, CACHED_ZOE " " CACHED_MEGANE);
  g_clear_pointer (&found, g_free);
  found = search (f, (const char *[]) { "renault", "zoe", NULL }, (const char *[]) { CACHED_ZOE, CACHED_MEGANE, NULL });
  g_assert_cmpstr (found, ==, CACHED_ZOE);     /* every term, within the previous results */
  g_clear_pointer (&found, g_free);
  found = search (f, (const char *[]) { "renault", NULL }, (const char *[]) { CACHED_MEGANE, NULL });
  g_assert_cmpstr (found, ==, CACHED_MEGANE);
  g_clear_pointer (&found, g_free);
  found = search (f, (const char *[]) { "leaf", NULL }, NULL);
  g_assert_cmpstr (found, ==, "");

  /* What the Shell shows: the car's name, its model, battery and range. */
  metas = call (f, "GetResultMetas", g_variant_new ("(^as)", (const char *[]) { CACHED_ZOE, "UNKNOWN", NULL }));
  list = g_variant_get_child_value (metas, 0);
  g_assert_cmpuint (g_variant_n_children (list), ==, 1);
  meta = g_variant_get_child_value (list, 0);
  g_assert_true (g_variant_lookup (meta, "name", "&s", &name));
  g_assert_true (g_variant_lookup (meta, "description", "&s", &description));
  g_assert_cmpstr (name, ==, "FR-101-ZE");
  g_assert_cmpstr (description, ==, "Renault ZOE · 71 % · 320 km");
  icon = g_variant_lookup_value (meta, "icon", NULL);
  g_assert_nonnull (icon);
}

static void
test_cached (void)
{
  Fixture f = { 0 };

  save_cached_cars ();
  run_app (&f, (const char *[]) { "--gapplication-service", NULL }, cached_body);
}

static gboolean
shows_demo_megane (gpointer data)
{
  Fixture *f = data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (f->app));
  CarportVehicle *vehicle = CARPORT_IS_WINDOW (window) ? carport_window_get_vehicle (CARPORT_WINDOW (window)) : NULL;

  return vehicle && g_str_equal (carport_vehicle_get_vin (vehicle), DEMO_MEGANE) &&
         gtk_widget_get_visible (GTK_WIDGET (window));
}

static gboolean
session_has_cars (gpointer data)
{
  Fixture *f = data;
  CarportSession *session = carport_application_get_session (f->app);

  return session && g_list_model_get_n_items (carport_session_get_vehicles (session)) > 0;
}

/* While the app runs a session, its cars are searched; choosing one opens
 * its page. */
static void
session_body (gpointer data)
{
  Fixture *f = data;
  g_autofree char *found = NULL;
  g_autoptr(GVariant) reply = NULL;

  g_assert_true (gui_test_wait_until (session_has_cars, f, WAIT_MS));
  found = search (f, (const char *[]) { "megane", NULL }, NULL);
  g_assert_cmpstr (found, ==, DEMO_MEGANE);  /* not the cache's Mégane */

  reply = call (f, "ActivateResult", g_variant_new ("(s^asu)", DEMO_MEGANE, (const char *[]) { "megane", NULL }, 0));
  g_assert_true (gui_test_wait_until (shows_demo_megane, f, WAIT_MS));
}

static void
test_session (void)
{
  Fixture f = { 0 };

  run_app (&f, (const char *[]) { "--demo", "--gapplication-service", NULL }, session_body);
}

int
main (int argc, char *argv[])
{
  g_autofree char *data = g_dir_make_tmp ("carport-test-search-XXXXXX", NULL);
  g_autofree char *data_home = g_build_filename (data, "data", NULL);
  g_autofree char *cache_home = g_build_filename (data, "cache", NULL);
  g_autofree char *config_home = g_build_filename (data, "config", NULL);

  /* The cache, the autostart entry: in a private place, never the user's. */
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_setenv ("XDG_CACHE_HOME", cache_home, TRUE);
  g_setenv ("XDG_CONFIG_HOME", config_home, TRUE);
  gui_test_init (&argc, &argv);

  g_test_add_func ("/gui/search-provider/cached", test_cached);
  g_test_add_func ("/gui/search-provider/session", test_session);

  return g_test_run ();
}
