/* test-banners.c — errors in the window, on a demo session: the car's page
 * says its error in the app's one banner (CarportErrorBanner) with a Retry
 * that refreshes; in a narrow window (360 px, folded on the car list) the
 * window's error is shown from the car list too, and its Retry works.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "carport-error-banner.h"
#include "gui-test-demo.h"
#include "gui-test-util.h"

#define MEGANE "VF1XCB1VE00000003"

/* Presses the Retry of @banner, as a click does. */
static void
retry (GtkWidget *banner)
{
  GtkWidget *button = gui_test_get_accessible (banner, GTK_ACCESSIBLE_ROLE_BUTTON, "Retry");

  g_assert_true (gtk_widget_get_mapped (button));
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

static void
add_fault (DemoFixture *f, const char *fault)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (carport_simulator_add_fault_from_string (f->sim, fault, &error));
  g_assert_no_error (error);
}

/* The page's error is a CarportErrorBanner (Retry and Details), and Retry
 * refreshes the car: once the server answers again, the banner goes. */
static void
test_page_banner_retry (DemoFixture *f, gconstpointer data)
{
  CarportVehicle *megane = demo_vehicle (f, MEGANE);
  GtkWidget *banner;

  demo_show (f, megane);
  banner = carport_vehicle_page_get_part (CARPORT_VEHICLE_PAGE (f->page), "error_banner");
  g_assert_true (CARPORT_IS_ERROR_BANNER (banner));

  add_fault (f, "*=html-502");
  gtk_widget_activate_action (f->page, "vehicle.refresh", NULL);
  g_assert_true (gui_test_wait_banner (banner, TRUE, 30000));
  g_assert_cmpstr (carport_error_banner_get_text (CARPORT_ERROR_BANNER (banner)), ==,
                   carport_vehicle_get_last_error (megane));
  gui_test_assert_label_soon (banner, carport_vehicle_get_last_error (megane));

  carport_simulator_clear_faults (f->sim);
  retry (banner);
  g_assert_true (gui_test_wait_banner (banner, FALSE, 30000));
  g_assert_null (carport_vehicle_get_last_error (megane));
}

static gboolean
list_in_view (gpointer data)
{
  CarportWindow *window = data;
  AdwLeaflet *leaflet = ADW_LEAFLET (carport_window_get_part (window, "leaflet"));

  return adw_leaflet_get_folded (leaflet) &&
         adw_leaflet_get_visible_child (leaflet) == carport_window_get_part (window, "sidebar");
}

/* Narrow, on the car list: a refresh of all cars fails, and the error shows
 * there (not only on the car's page, out of view), with a Retry that works. */
static void
test_narrow_list_shows_error (DemoFixture *f, gconstpointer data)
{
  CarportVehicle *megane = demo_vehicle (f, MEGANE);
  GtkWidget *sidebar = carport_window_get_part (f->window, "sidebar");
  GtkWidget *banner = carport_window_get_part (f->window, "error_banner");
  const char *text;

  demo_set_width (f, 360);
  demo_show (f, megane);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.back", NULL);
  g_assert_true (gui_test_wait_until (list_in_view, f->window, 5000));

  add_fault (f, "*=html-502");
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.refresh", NULL);
  g_assert_true (gui_test_wait_banner (banner, TRUE, 30000));
  text = carport_error_banner_get_text (CARPORT_ERROR_BANNER (banner));
  g_assert_nonnull (text);
  gui_test_assert_label_soon (sidebar, text);

  carport_simulator_clear_faults (f->sim);
  retry (banner);
  g_assert_true (gui_test_wait_banner (banner, FALSE, 30000));
}

int
main (int argc, char *argv[])
{
  gui_test_init (&argc, &argv);

#define ADD(path, func) g_test_add ("/gui/banners/" path, DemoFixture, NULL, \
                                    demo_fixture_set_up, func, demo_fixture_tear_down)
  ADD ("page-banner-retry", test_page_banner_retry);
  ADD ("narrow-list-shows-error", test_narrow_list_shows_error);
#undef ADD

  return g_test_run ();
}
