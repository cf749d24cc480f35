/* test-preferences.c — the preferences window is bound to GSettings both
 * ways: units, refresh interval, notifications, running in the background
 * and starting at login (only offered with running in the background).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "carport-preferences-window.h"
#include "carport-units.h"
#include "carport-vehicle-page.h"
#include "gui-test-util.h"

static GtkWidget *
part (GtkWidget *window, const char *id)
{
  GtkWidget *widget = carport_preferences_window_get_part (CARPORT_PREFERENCES_WINDOW (window), id);

  g_assert_nonnull (widget);
  return widget;
}

static void
test_bindings (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.carport.Carport");
  GtkWidget *window;
  g_autofree char *unit = NULL;

  g_settings_reset (settings, "run-in-background");
  g_settings_reset (settings, "autostart");
  g_settings_set_uint (settings, "refresh-interval", 15 * 60);

  window = carport_preferences_window_new (NULL);
  gtk_window_present (GTK_WINDOW (window));
  gui_test_flush ();

  /* Settings → widgets. */
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (part (window, "interval_row"))), ==, 2);
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (part (window, "background_switch"))));
  g_assert_false (gtk_widget_get_sensitive (part (window, "autostart_row")));
  g_settings_set_boolean (settings, "notify-charging", FALSE);
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (part (window, "notify_charging_switch"))));
  g_settings_set_boolean (settings, "notify-charging", TRUE);
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (part (window, "notify_charging_switch"))));

  /* Widgets → settings. */
  gtk_switch_set_active (GTK_SWITCH (part (window, "background_switch")), TRUE);
  g_assert_true (g_settings_get_boolean (settings, "run-in-background"));
  g_assert_true (gtk_widget_get_sensitive (part (window, "autostart_row")));
  gtk_switch_set_active (GTK_SWITCH (part (window, "autostart_switch")), TRUE);
  g_assert_true (g_settings_get_boolean (settings, "autostart"));

  /* The address is off until asked for: it sends the position away. */
  g_assert_false (g_settings_get_boolean (settings, "reverse-geocoding"));
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (part (window, "reverse_geocoding_switch"))));
  gtk_switch_set_active (GTK_SWITCH (part (window, "reverse_geocoding_switch")), TRUE);
  g_assert_true (g_settings_get_boolean (settings, "reverse-geocoding"));
  g_settings_reset (settings, "reverse-geocoding");

  /* The units of where the user is, first; here (LC_ALL=C.UTF-8), kilometres. */
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (part (window, "distance_row"))), ==, 0);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (adw_combo_row_get_model (ADW_COMBO_ROW (part (window, "distance_row")))), 0),
                   ==, "Automatic (Kilometres)");
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (adw_combo_row_get_model (ADW_COMBO_ROW (part (window, "temperature_row")))), 0),
                   ==, "Automatic (Celsius)");
  adw_combo_row_set_selected (ADW_COMBO_ROW (part (window, "distance_row")), 2);
  unit = g_settings_get_string (settings, "distance-unit");
  g_assert_cmpstr (unit, ==, "miles");
  adw_combo_row_set_selected (ADW_COMBO_ROW (part (window, "interval_row")), 0);
  g_assert_cmpuint (g_settings_get_uint (settings, "refresh-interval"), ==, 0);

  /* The app turns the switches back off when the portal says no. */
  g_settings_set_boolean (settings, "run-in-background", FALSE);
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (part (window, "background_switch"))));
  g_assert_false (gtk_widget_get_sensitive (part (window, "autostart_row")));

  gtk_window_destroy (GTK_WINDOW (window));
  g_settings_reset (settings, "autostart");
  g_settings_reset (settings, "distance-unit");
}

/* "Automatic" shows the units of the measurement locale; a chosen unit
 * stays whatever the locale. */
static void
test_automatic_units (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.carport.Carport");
  GtkWidget *page = g_object_ref_sink (carport_vehicle_page_new ());
  CarportDistanceUnit distance;
  CarportTemperatureUnit temperature;

  g_settings_reset (settings, "distance-unit");
  g_settings_reset (settings, "temperature-unit");
  g_setenv ("LC_ALL", "en_US.UTF-8", TRUE);
  carport_units_bind (settings, page);
  g_object_get (page, "distance-unit", &distance, "temperature-unit", &temperature, NULL);
  g_assert_cmpint (distance, ==, CARPORT_DISTANCE_UNIT_MILES);
  g_assert_cmpint (temperature, ==, CARPORT_TEMPERATURE_UNIT_FAHRENHEIT);

  g_settings_set_string (settings, "distance-unit", "kilometres");
  g_object_get (page, "distance-unit", &distance, NULL);
  g_assert_cmpint (distance, ==, CARPORT_DISTANCE_UNIT_KILOMETRES);

  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_settings_reset (settings, "distance-unit");
  g_object_get (page, "distance-unit", &distance, NULL);
  g_assert_cmpint (distance, ==, CARPORT_DISTANCE_UNIT_KILOMETRES);
  g_object_unref (page);
}

int
main (int argc, char *argv[])
{
  gui_test_init (&argc, &argv);

  g_test_add_func ("/gui/preferences/bindings", test_bindings);
  g_test_add_func ("/gui/preferences/automatic-units", test_automatic_units);

  return g_test_run ();
}
