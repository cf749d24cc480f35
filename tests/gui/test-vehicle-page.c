/* test-vehicle-page.c — the vehicle page without a session (hand-made car):
 * supported cards and buttons only, commands disabled without a session, the
 * error banner keeps the values, and the narrow layout at 360 px.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "carport-error-banner.h"
#include "carport-vehicle-page.h"
#include "gui-test-util.h"

static CarportVehicle *
make_spring (void)
{
  CarportVehicle *vehicle = carport_vehicle_new ("UU1DBG000000000002");
  CarportBattery *battery = carport_vehicle_get_battery (vehicle);

  carport_vehicle_set_brand (vehicle, CARPORT_BRAND_DACIA);
  carport_vehicle_set_model_name (vehicle, "Spring");
  carport_vehicle_set_energy (vehicle, CARPORT_ENERGY_ELECTRIC);
  carport_vehicle_set_supported_endpoints (vehicle,
                                           (1u << CARPORT_ENDPOINT_BATTERY_STATUS) |
                                           (1u << CARPORT_ENDPOINT_COCKPIT) |
                                           (1u << CARPORT_ENDPOINT_LOCATION));
  carport_vehicle_set_supported_commands (vehicle,
                                          (1u << CARPORT_COMMAND_KIND_CHARGE_START) |
                                          (1u << CARPORT_COMMAND_KIND_HVAC_START));
  carport_battery_set_level_percent (battery, 64);
  carport_battery_set_range_km (battery, 150);
  carport_battery_set_charging (battery, CARPORT_CHARGING_STATE_NOT_CHARGING);
  carport_cockpit_set_mileage_km (carport_vehicle_get_cockpit (vehicle), 12345);
  carport_location_set_latitude (carport_vehicle_get_location (vehicle), 45.76);
  carport_location_set_longitude (carport_vehicle_get_location (vehicle), 4.83);
  return vehicle;
}

static GtkWidget *
present (GtkWidget *page, int width, int height)
{
  GtkWidget *window = adw_window_new ();
  GtkWidget *overlay = adw_toast_overlay_new ();

  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), page);
  adw_window_set_content (ADW_WINDOW (window), overlay);
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  gui_test_flush ();
  /* The first size may follow the content's natural width; ask again. */
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gui_test_flush ();
  return window;
}

/* The page's button named @name, as a screen reader finds it, or NULL. */
static GtkWidget *
button (CarportVehiclePage *page, const char *name)
{
  return gui_test_find_accessible (GTK_WIDGET (page), GTK_ACCESSIBLE_ROLE_BUTTON, name);
}

static gboolean
is_shown (GtkWidget *widget)
{
  return gtk_widget_is_visible (widget) && gtk_widget_get_mapped (widget);
}

static void
test_supported_only (void)
{
  g_autoptr(CarportVehicle) vehicle = make_spring ();
  CarportVehiclePage *page = CARPORT_VEHICLE_PAGE (carport_vehicle_page_new ());
  GtkWidget *window;

  carport_vehicle_page_set_vehicle (page, vehicle);
  window = present (GTK_WIDGET (page), 1000, 900);

  g_assert_true (is_shown (carport_vehicle_page_get_part (page, "battery_card")));
  g_assert_true (is_shown (carport_vehicle_page_get_part (page, "cockpit_card")));
  g_assert_true (is_shown (carport_vehicle_page_get_part (page, "location_card")));
  g_assert_false (gtk_widget_is_visible (carport_vehicle_page_get_part (page, "climate_card")));
  g_assert_false (gtk_widget_is_visible (carport_vehicle_page_get_part (page, "locks_card")));
  g_assert_false (gtk_widget_is_visible (carport_vehicle_page_get_part (page, "tyres_card")));
  g_assert_false (gtk_widget_is_visible (carport_vehicle_page_get_part (page, "charge_card")));

  /* Buttons: only what the car supports; start (not stop) as it is not charging. */
  g_assert_nonnull (button (page, "Charge"));
  g_assert_null (button (page, "Stop Charging"));
  g_assert_nonnull (button (page, "Climate…"));
  g_assert_null (button (page, "Horn…"));
  g_assert_null (button (page, "Lights…"));
  /* Each button sends the command of its kind (set in the .ui). */
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (button (page, "Charge"))), ==,
                   "command.charge-start");
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (button (page, "Climate…"))), ==,
                   "command.hvac-start");

  /* No session: nothing can be sent. Open in Maps works from the position alone. */
  g_assert_false (gtk_widget_is_sensitive (button (page, "Charge")));
  {
    GtkWidget *maps = gui_test_find_label (carport_vehicle_page_get_part (page, "location_card"), "_Open in Maps");

    g_assert_nonnull (maps);
    g_assert_true (gtk_widget_is_sensitive (maps));
  }

  /* The car starts charging: the stop button replaces the start button. */
  carport_battery_set_charging (carport_vehicle_get_battery (vehicle), CARPORT_CHARGING_STATE_CHARGING);
  gui_test_flush ();
  g_assert_null (button (page, "Charge"));
  /* The car cannot be told to stop: the button says so and cannot be pressed. */
  g_assert_false (gtk_widget_is_sensitive (button (page, "Stop Charging")));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (button (page, "Stop Charging")), ==,
                   "This car cannot be told to stop charging; it stops when full or unplugged");

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The page's error is said in the app's one banner (CarportErrorBanner),
 * with a Retry that refreshes the car; the cards keep their values. */
static void
test_error_keeps_values (void)
{
  g_autoptr(CarportVehicle) vehicle = make_spring ();
  CarportVehiclePage *page = CARPORT_VEHICLE_PAGE (carport_vehicle_page_new ());
  GtkWidget *window, *banner;
  g_autofree char *level = carport_format_percent (64);
  const char *message = "Cannot reach the server. Check your internet connection.";

  carport_vehicle_page_set_vehicle (page, vehicle);
  window = present (GTK_WIDGET (page), 800, 800);
  banner = carport_vehicle_page_get_part (page, "error_banner");
  g_assert_true (CARPORT_IS_ERROR_BANNER (banner));
  g_assert_false (carport_error_banner_get_revealed (CARPORT_ERROR_BANNER (banner)));

  carport_vehicle_set_last_error (vehicle, message);
  g_assert_true (gui_test_wait_banner (banner, TRUE, 5000));
  g_assert_cmpstr (carport_error_banner_get_text (CARPORT_ERROR_BANNER (banner)), ==, message);
  g_assert_cmpstr (carport_error_banner_get_retry_action_name (CARPORT_ERROR_BANNER (banner)), ==, "vehicle.refresh");
  /* The last good values stay. */
  g_assert_true (gui_test_label_shown (GTK_WIDGET (page), level));

  /* A refresh that works takes it away. */
  carport_vehicle_set_last_error (vehicle, NULL);
  g_assert_true (gui_test_wait_banner (banner, FALSE, 5000));
  g_assert_true (gui_test_label_shown (GTK_WIDGET (page), level));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_narrow (void)
{
  g_autoptr(CarportVehicle) vehicle = make_spring ();
  CarportVehiclePage *page = CARPORT_VEHICLE_PAGE (carport_vehicle_page_new ());
  GtkWidget *window, *battery, *cockpit;
  graphene_point_t b, c;
  int width;

  carport_vehicle_page_set_vehicle (page, vehicle);
  window = present (GTK_WIDGET (page), 360, 640);

  /* The page fits 360 px: nothing asks for more. */
  gtk_widget_measure (GTK_WIDGET (page), GTK_ORIENTATION_HORIZONTAL, -1, &width, NULL, NULL, NULL);
  if (width > 360)
    {
      g_autofree char *widths = gui_test_dump_min_widths (GTK_WIDGET (page), 200);

      g_printerr ("%s", widths);
    }
  g_assert_cmpint (width, <=, 360);
  if (gtk_widget_get_width (window) > 360)
    {
      g_autofree char *widths = gui_test_dump_min_widths (window, 300);

      g_printerr ("%s", widths);
    }
  g_assert_cmpint (gtk_widget_get_width (window), <=, 360);

  /* One column: the cards are stacked. */
  battery = carport_vehicle_page_get_part (page, "battery_card");
  cockpit = carport_vehicle_page_get_part (page, "cockpit_card");
  g_assert_true (gtk_widget_compute_point (battery, GTK_WIDGET (page), &GRAPHENE_POINT_INIT (0, 0), &b));
  g_assert_true (gtk_widget_compute_point (cockpit, GTK_WIDGET (page), &GRAPHENE_POINT_INIT (0, 0), &c));
  g_assert_cmpfloat (b.x, ==, c.x);
  g_assert_cmpfloat (c.y, >, b.y);
  g_assert_cmpint (gtk_widget_get_width (battery), <=, 360);

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int argc, char *argv[])
{
  gui_test_init (&argc, &argv);

  g_test_add_func ("/gui/vehicle-page/supported-only", test_supported_only);
  g_test_add_func ("/gui/vehicle-page/error-keeps-values", test_error_keeps_values);
  g_test_add_func ("/gui/vehicle-page/narrow", test_narrow);

  return g_test_run ();
}
