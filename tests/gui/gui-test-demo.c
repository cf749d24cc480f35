/* gui-test-demo.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "carport-demo.h"
#include "gui-test-demo.h"
#include "gui-test-util.h"

static void
demo_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(GError) error = NULL;

  *(CarportSession **) user_data = carport_demo_session_new_finish (result, &error);
  g_assert_no_error (error);
}

static gboolean
is_non_null (gpointer data)
{
  return *(gpointer *) data != NULL;
}

static void
refreshed_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (carport_session_refresh_finish (CARPORT_SESSION (object), result, &error));
  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
}

static gboolean
is_true (gpointer data)
{
  return *(gboolean *) data;
}

static gboolean
view_is_vehicles (gpointer data)
{
  return g_strcmp0 (carport_window_get_view (CARPORT_WINDOW (data)), "vehicles") == 0;
}

void
demo_fixture_set_up (DemoFixture *f, gconstpointer data)
{
  gboolean refreshed = FALSE;

  carport_demo_session_new_async (NULL, demo_cb, &f->session);
  g_assert_true (gui_test_wait_until (is_non_null, &f->session, 30000));
  f->sim = carport_demo_session_get_simulator (f->session);
  g_assert_nonnull (f->sim);
  /* Commands answer quickly so that the test does not wait for long. */
  carport_simulator_set_command_delay_ms (f->sim, 300);

  /* A demo session knows its cars after logging in; their state comes with
   * the first refresh (the application asks for it when the session is ready). */
  carport_session_refresh_async (f->session, NULL, NULL, refreshed_cb, &refreshed);
  g_assert_true (gui_test_wait_until (is_true, &refreshed, 30000));

  f->window = g_object_new (CARPORT_TYPE_WINDOW, NULL);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1100, 800);
  carport_window_set_session (f->window, f->session);
  gtk_window_present (GTK_WINDOW (f->window));
  g_assert_true (gui_test_wait_until (view_is_vehicles, f->window, 10000));
  f->page = carport_window_get_part (f->window, "vehicle_page");
}

void
demo_fixture_tear_down (DemoFixture *f, gconstpointer data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();  /* owned by GTK */

  /* The dialogs a test left open first, then the window. */
  for (guint i = g_list_model_get_n_items (toplevels); i > 0; i--)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i - 1);

      if (window != GTK_WINDOW (f->window))
        gtk_window_destroy (window);
    }
  gtk_window_destroy (GTK_WINDOW (f->window));
  gui_test_flush ();
  g_clear_object (&f->session);
}

CarportVehicle *
demo_find_vehicle (DemoFixture *f, CarportCommandKind kind, CarportEndpoint endpoint)
{
  GListModel *vehicles = carport_session_get_vehicles (f->session);

  for (guint i = 0; i < g_list_model_get_n_items (vehicles); i++)
    {
      g_autoptr(CarportVehicle) vehicle = g_list_model_get_item (vehicles, i);

      if (carport_vehicle_supports_command (vehicle, kind) &&
          carport_vehicle_supports_endpoint (vehicle, endpoint))
        return vehicle;  /* the session keeps it alive */
    }
  return NULL;
}

CarportVehicle *
demo_vehicle (DemoFixture *f, const char *vin)
{
  CarportVehicle *vehicle = carport_session_find_vehicle (f->session, vin);

  g_assert_nonnull (vehicle);
  return vehicle;
}

static gboolean
shown_vehicle_is (gpointer data)
{
  DemoFixture *f = data;
  CarportVehicle *vehicle = g_object_get_data (G_OBJECT (f->window), "wanted");

  return carport_window_get_vehicle (f->window) == vehicle;
}

void
demo_show (DemoFixture *f, CarportVehicle *vehicle)
{
  g_object_set_data (G_OBJECT (f->window), "wanted", vehicle);
  g_assert_true (carport_window_show_vehicle (f->window, carport_vehicle_get_vin (vehicle)));
  g_assert_true (gui_test_wait_until (shown_vehicle_is, f, 5000));
  gui_test_flush ();
}

/* The window's content is a few pixels narrower than the size asked for
 * (the decorations' margins), never wider. */
static gboolean
width_is (gpointer data)
{
  DemoFixture *f = data;
  int width = gtk_widget_get_width (GTK_WIDGET (f->window));
  int wanted = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (f->window), "wanted-width"));

  return width <= wanted && width >= wanted - 16;
}

void
demo_set_width (DemoFixture *f, int width)
{
  g_object_set_data (G_OBJECT (f->window), "wanted-width", GINT_TO_POINTER (width));
  /* A size asked for before the content folds to it may stop at the
   * content's width then: ask again. */
  for (int attempt = 0; attempt < 5 && !width_is (f); attempt++)
    {
      gtk_window_set_default_size (GTK_WINDOW (f->window), width, 800);
      gtk_widget_queue_resize (GTK_WIDGET (f->window));
      gui_test_wait_until (width_is, f, 1000);
    }
  if (!width_is (f))
    {
      g_autofree char *widths = gui_test_dump_min_widths (GTK_WIDGET (f->window), width - 60);

      g_error ("the window is %d px wide, not %d; the widgets wider than %d px: %s",
               gtk_widget_get_width (GTK_WIDGET (f->window)), width, width - 60, widths);
    }
  gui_test_flush ();
}

GtkWidget *
demo_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();  /* owned by GTK */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (g_type_is_a (G_OBJECT_TYPE (window), type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return GTK_WIDGET (window);
    }
  return NULL;
}

GtkWidget *
demo_press (DemoFixture *f, const char *name)
{
  GtkWidget *button = gui_test_get_accessible (f->page, GTK_ACCESSIBLE_ROLE_BUTTON, name);

  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  return button;
}

void
demo_assert_toast_soon (DemoFixture *f, const char *text)
{
  gui_test_assert_label_soon (carport_window_get_part (f->window, "toast_overlay"), text);
}
