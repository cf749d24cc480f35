/* test-cards.c — status cards with hand-made vehicles (no service needed):
 * values shown through the format helpers, unsupported cards hidden, units
 * followed, the "cached" tag and the age line.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "carport-battery-card.h"
#include "carport-card.h"
#include "carport-charge-card.h"
#include "carport-climate-card.h"
#include "carport-cockpit-card.h"
#include "carport-location-card.h"
#include "carport-locks-card.h"
#include "carport-trips-card.h"
#include "carport-tyres-card.h"
#include "carport-vehicle-picture.h"
#include "gui-test-util.h"

static CarportVehicle *
make_zoe (void)
{
  CarportVehicle *vehicle = carport_vehicle_new ("VF1AG000000000001");
  CarportBattery *battery = carport_vehicle_get_battery (vehicle);
  CarportClimate *climate = carport_vehicle_get_climate (vehicle);
  CarportLocks *locks = carport_vehicle_get_locks (vehicle);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) five_min_ago = g_date_time_add_minutes (now, -5);

  carport_vehicle_set_brand (vehicle, CARPORT_BRAND_RENAULT);
  carport_vehicle_set_model_name (vehicle, "ZOE");
  carport_vehicle_set_registration (vehicle, "AB-123-CD");
  carport_vehicle_set_energy (vehicle, CARPORT_ENERGY_ELECTRIC);
  carport_vehicle_set_supported_endpoints (vehicle,
                                           (1u << CARPORT_ENDPOINT_BATTERY_STATUS) |
                                           (1u << CARPORT_ENDPOINT_HVAC_STATUS) |
                                           (1u << CARPORT_ENDPOINT_LOCK_STATUS));

  carport_battery_set_level_percent (battery, 78);
  carport_battery_set_range_km (battery, 312);
  carport_battery_set_plug (battery, CARPORT_PLUG_STATE_PLUGGED);
  carport_battery_set_charging (battery, CARPORT_CHARGING_STATE_CHARGING);
  carport_battery_set_charging_power_kw (battery, 7.4);
  carport_battery_set_remaining_minutes (battery, 85);
  carport_battery_set_temperature_c (battery, 20);
  carport_state_set_updated (CARPORT_STATE (battery), five_min_ago);

  carport_climate_set_state (climate, CARPORT_CLIMATE_STATE_OFF);
  carport_climate_set_outside_c (climate, 12.5);
  carport_state_set_updated (CARPORT_STATE (climate), now);

  carport_locks_set_state (locks, CARPORT_LOCK_STATE_LOCKED);
  carport_locks_set_driver (locks, CARPORT_OPENING_STATE_CLOSED);
  carport_locks_set_hatch (locks, CARPORT_OPENING_STATE_OPEN);

  return vehicle;
}

static GtkWidget *
show_in_window (GtkWidget *card)
{
  GtkWidget *window = gtk_window_new ();

  gtk_window_set_default_size (GTK_WINDOW (window), 500, 700);
  gtk_window_set_child (GTK_WINDOW (window), card);
  gtk_window_present (GTK_WINDOW (window));
  gui_test_flush ();
  return window;
}

#define assert_label(root, text) G_STMT_START {                               \
  g_autofree char *_t = (text);                                               \
  if (!gui_test_label_shown ((root), _t)) {                                   \
    g_autofree char *_d = gui_test_dump_labels (root);                        \
    g_error ("label “%s” not shown; labels: %s", _t, _d);                     \
  } } G_STMT_END

static void
test_battery_card_values (void)
{
  g_autoptr(CarportVehicle) vehicle = make_zoe ();
  GtkWidget *card = carport_battery_card_new ();
  GtkWidget *window;
  GtkLevelBar *bar;
  CarportCard *frame;

  carport_status_card_set_vehicle (CARPORT_STATUS_CARD (card), vehicle);
  window = show_in_window (card);

  g_assert_true (gtk_widget_get_visible (card));
  assert_label (card, carport_format_percent (78));
  assert_label (card, g_strdup (carport_format_plug_state (CARPORT_PLUG_STATE_PLUGGED)));
  assert_label (card, g_strdup (carport_format_charging_state (CARPORT_CHARGING_STATE_CHARGING)));
  assert_label (card, carport_format_power (7.4));
  assert_label (card, carport_format_duration_minutes (85));
  assert_label (card, carport_format_temperature (20, CARPORT_TEMPERATURE_UNIT_CELSIUS));

  /* Not reported: no row. */
  g_assert_false (gui_test_label_shown (card, "Energy available"));

  bar = GTK_LEVEL_BAR (gui_test_find_type (card, GTK_TYPE_LEVEL_BAR));
  g_assert_cmpfloat_with_epsilon (gtk_level_bar_get_value (bar), 0.78, 0.001);

  /* The age comes from the car's own timestamp. */
  frame = CARPORT_CARD (gui_test_find_type (card, CARPORT_TYPE_CARD));
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
    g_autoptr(GDateTime) five_min_ago = g_date_time_add_minutes (now, -5);
    g_autofree char *expected = carport_format_updated (five_min_ago, NULL);

    g_assert_cmpstr (carport_card_get_updated_text (frame), ==, expected);
  }

  /* Values follow the model. */
  carport_battery_set_level_percent (carport_vehicle_get_battery (vehicle), 80);
  gui_test_flush ();
  assert_label (card, carport_format_percent (80));
  g_assert_cmpfloat_with_epsilon (gtk_level_bar_get_value (bar), 0.80, 0.001);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_units (void)
{
  g_autoptr(CarportVehicle) vehicle = make_zoe ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *battery = carport_battery_card_new ();
  GtkWidget *climate = carport_climate_card_new ();
  GtkWidget *window;
  g_autofree char *km = carport_format_distance (312, CARPORT_DISTANCE_UNIT_KILOMETRES);
  g_autofree char *km_range = NULL;
  g_autofree char *mi_range = NULL;
  g_autofree char *mi = carport_format_distance (312, CARPORT_DISTANCE_UNIT_MILES);

  gtk_box_append (GTK_BOX (box), battery);
  gtk_box_append (GTK_BOX (box), climate);
  g_object_set (battery, "vehicle", vehicle, NULL);
  g_object_set (climate, "vehicle", vehicle, NULL);
  window = show_in_window (box);

  km_range = g_strdup_printf ("%s range", km);
  g_assert_nonnull (gui_test_find_label (battery, km_range));
  assert_label (climate, carport_format_temperature (12.5, CARPORT_TEMPERATURE_UNIT_CELSIUS));

  g_object_set (battery, "distance-unit", CARPORT_DISTANCE_UNIT_MILES,
                "temperature-unit", CARPORT_TEMPERATURE_UNIT_FAHRENHEIT, NULL);
  g_object_set (climate, "temperature-unit", CARPORT_TEMPERATURE_UNIT_FAHRENHEIT, NULL);
  gui_test_flush ();

  mi_range = g_strdup_printf ("%s range", mi);
  g_assert_nonnull (gui_test_find_label (battery, mi_range));
  assert_label (battery, carport_format_temperature (20, CARPORT_TEMPERATURE_UNIT_FAHRENHEIT));
  assert_label (climate, carport_format_temperature (12.5, CARPORT_TEMPERATURE_UNIT_FAHRENHEIT));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_unsupported_hidden (void)
{
  g_autoptr(CarportVehicle) vehicle = make_zoe ();
  GtkWidget *cards[] = {
    carport_battery_card_new (), carport_cockpit_card_new (), carport_climate_card_new (),
    carport_location_card_new (), carport_locks_card_new (), carport_charge_card_new (),
    carport_tyres_card_new (), carport_trips_card_new (),
  };
  gboolean expected[] = { TRUE, FALSE, TRUE, FALSE, TRUE, FALSE, FALSE, FALSE };
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *window;

  for (guint i = 0; i < G_N_ELEMENTS (cards); i++)
    {
      gtk_box_append (GTK_BOX (box), cards[i]);
      g_assert_false (gtk_widget_get_visible (cards[i]));   /* no vehicle yet */
      g_object_set (cards[i], "vehicle", vehicle, NULL);
    }
  window = show_in_window (box);

  for (guint i = 0; i < G_N_ELEMENTS (cards); i++)
    g_assert_cmpint (gtk_widget_get_visible (cards[i]), ==, expected[i]);

  /* Learnt at run time: the car answers 403 to the lock status. */
  carport_vehicle_mark_unsupported (vehicle, CARPORT_ENDPOINT_LOCK_STATUS);
  gui_test_flush ();
  g_assert_false (gtk_widget_get_visible (cards[4]));

  /* A new capability shows its card. */
  carport_vehicle_set_supported_endpoints (vehicle, carport_vehicle_get_supported_endpoints (vehicle) |
                                           (1u << CARPORT_ENDPOINT_PRESSURE));
  carport_tyres_set_front_left_bar (carport_vehicle_get_tyres (vehicle), 2.5);
  gui_test_flush ();
  g_assert_true (gtk_widget_get_visible (cards[6]));
  assert_label (cards[6], carport_format_pressure (2.5));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* This month's distance, count, time and energy; today's trips; what the
 * car did not report has no row. */
static void
test_trips_card (void)
{
  g_autoptr(CarportVehicle) vehicle = carport_vehicle_new ("SJNFAAZE1U0000001");
  CarportTrips *trips = carport_vehicle_get_trips (vehicle);
  const CarportTripSummary month = { 33, 838.9, 1780, 129.5, NAN };
  const CarportTripSummary today = { 2, 24.5, 52, 3.9, NAN };
  const CarportTripSummary none = { 0, 0, 0, 0, NAN };
  GtkWidget *card = carport_trips_card_new ();
  GtkWidget *window;

  carport_vehicle_set_brand (vehicle, CARPORT_BRAND_NISSAN);
  carport_vehicle_set_energy (vehicle, CARPORT_ENERGY_ELECTRIC);
  carport_vehicle_set_supported_endpoints (vehicle, 1u << CARPORT_ENDPOINT_TRIP_HISTORY);
  carport_trips_set_summary (trips, CARPORT_TRIPS_PERIOD_MONTH, &month);
  carport_trips_set_summary (trips, CARPORT_TRIPS_PERIOD_TODAY, &today);
  g_object_set (card, "vehicle", vehicle, NULL);
  window = show_in_window (card);

  g_assert_true (gtk_widget_get_visible (card));
  assert_label (card, g_strdup ("Trips"));
  assert_label (card, carport_format_distance_grouped (838.9, CARPORT_DISTANCE_UNIT_KILOMETRES));
  assert_label (card, carport_format_trip_count (33));
  assert_label (card, carport_format_duration_minutes (1780));
  assert_label (card, carport_format_energy (129.5));
  assert_label (card, carport_format_trips (2, 24.5, CARPORT_DISTANCE_UNIT_KILOMETRES));
  /* An EV: no fuel row. */
  g_assert_false (gui_test_label_shown (card, "Fuel used"));

  /* Miles follow the page's unit. */
  g_object_set (card, "distance-unit", CARPORT_DISTANCE_UNIT_MILES, NULL);
  gui_test_flush ();
  assert_label (card, carport_format_distance_grouped (838.9, CARPORT_DISTANCE_UNIT_MILES));

  /* A new day without trips yet; the energy of a month unknown. */
  carport_trips_set_summary (trips, CARPORT_TRIPS_PERIOD_TODAY, &none);
  carport_trips_set_summary (trips, CARPORT_TRIPS_PERIOD_MONTH, &(CarportTripSummary) { 33, 838.9, 1780, NAN, NAN });
  gui_test_flush ();
  assert_label (card, carport_format_trip_count (0));
  g_assert_false (gui_test_label_shown (card, "Energy used"));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_cached_tag (void)
{
  g_autoptr(CarportVehicle) vehicle = make_zoe ();
  GtkWidget *card = carport_locks_card_new ();
  GtkWidget *window;

  carport_vehicle_set_from_cache (vehicle, TRUE);
  g_object_set (card, "vehicle", vehicle, NULL);
  window = show_in_window (card);

  g_assert_true (gui_test_label_shown (card, "Cached"));
  assert_label (card, g_strdup (carport_format_lock_state (CARPORT_LOCK_STATE_LOCKED)));
  assert_label (card, g_strdup (carport_format_opening_state (CARPORT_OPENING_STATE_OPEN)));
  /* Not reported: no row for the passenger door. */
  g_assert_false (gui_test_label_shown (card, "Passenger’s door"));

  carport_vehicle_set_from_cache (vehicle, FALSE);
  gui_test_flush ();
  g_assert_false (gui_test_label_shown (card, "Cached"));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_location_and_schedules (void)
{
  g_autoptr(CarportVehicle) vehicle = make_zoe ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *location = carport_location_card_new ();
  GtkWidget *charge = carport_charge_card_new ();
  CarportChargeSettings *settings = carport_vehicle_get_charge_settings (vehicle);
  g_autoptr(GPtrArray) schedules = g_ptr_array_new_with_free_func (g_object_unref);
  CarportSchedule *schedule = carport_schedule_new ();
  GtkWidget *window;

  carport_vehicle_set_supported_endpoints (vehicle, (1u << CARPORT_ENDPOINT_LOCATION) |
                                           (1u << CARPORT_ENDPOINT_CHARGE_MODE) |
                                           (1u << CARPORT_ENDPOINT_CHARGE_SCHEDULE));
  carport_location_set_latitude (carport_vehicle_get_location (vehicle), 48.8566);
  carport_location_set_longitude (carport_vehicle_get_location (vehicle), -2.3522);
  carport_charge_settings_set_mode (settings, CARPORT_CHARGE_MODE_SCHEDULED);
  carport_schedule_set_kind (schedule, CARPORT_SCHEDULE_KIND_CHARGE);
  carport_schedule_set_activated (schedule, TRUE);
  carport_schedule_set_days (schedule, 0x1f);
  carport_schedule_set_start_time (schedule, "23:30");
  carport_schedule_set_duration_minutes (schedule, 150);
  g_ptr_array_add (schedules, schedule);
  /* An empty slot, as the cars report them: not shown. */
  {
    CarportSchedule *empty = carport_schedule_new ();

    carport_schedule_set_kind (empty, CARPORT_SCHEDULE_KIND_CHARGE);
    carport_schedule_set_id (empty, 2);
    g_ptr_array_add (schedules, empty);
  }
  /* A programme the car keeps in UTC (main() sets a zone one hour ahead):
   * 23:15 UTC on Sunday is 00:15 on Monday. */
  {
    CarportSchedule *utc = carport_schedule_new ();

    carport_schedule_set_kind (utc, CARPORT_SCHEDULE_KIND_CHARGE);
    carport_schedule_set_id (utc, 3);
    carport_schedule_set_activated (utc, TRUE);
    carport_schedule_set_days (utc, 1u << CARPORT_WEEKDAY_SUNDAY);
    carport_schedule_set_start_time (utc, "23:15");
    carport_schedule_set_start_time_is_utc (utc, TRUE);
    carport_schedule_set_duration_minutes (utc, 60);
    g_ptr_array_add (schedules, utc);
  }
  carport_charge_settings_set_schedules (settings, FALSE, schedules);
  /* A climate programme: not a charge schedule. */
  {
    g_autoptr(GPtrArray) climate = g_ptr_array_new_with_free_func (g_object_unref);
    CarportSchedule *ready = carport_schedule_new ();

    carport_schedule_set_kind (ready, CARPORT_SCHEDULE_KIND_CLIMATE);
    carport_schedule_set_activated (ready, TRUE);
    carport_schedule_set_days (ready, 0x1f);
    carport_schedule_set_start_time (ready, "07:00");
    g_ptr_array_add (climate, ready);
    carport_charge_settings_set_schedules (settings, TRUE, climate);
  }

  gtk_box_append (GTK_BOX (box), location);
  gtk_box_append (GTK_BOX (box), charge);
  g_object_set (location, "vehicle", vehicle, NULL);
  g_object_set (charge, "vehicle", vehicle, NULL);
  window = show_in_window (box);

  assert_label (location, g_strdup ("48.85660° N, 2.35220° W"));
  assert_label (charge, g_strdup (carport_format_charge_mode (CARPORT_CHARGE_MODE_SCHEDULED)));
  assert_label (charge, g_strdup ("Charge · 23:30"));
  g_assert_false (gui_test_label_shown (charge, "Charge · —"));
  assert_label (charge, g_strdup ("Charge · 00:15"));
  assert_label (charge, g_strdup ("Mon, for 1 h"));
  g_assert_null (gui_test_find_label (charge, "Climate ready at · 07:00"));
  g_assert_false (gui_test_label_shown (charge, "No charge programmes set up"));

  /* Cars that report their programmes in charging-settings (KCA) or
   * ev/settings (KCM) show them too, mode or not. */
  for (guint i = 0; i < 2; i++)
    {
      static const CarportEndpoint endpoints[] = { CARPORT_ENDPOINT_CHARGING_SETTINGS, CARPORT_ENDPOINT_EV_SETTINGS };

      carport_vehicle_set_supported_endpoints (vehicle, (1u << CARPORT_ENDPOINT_LOCATION) | (1u << endpoints[i]));
      gui_test_flush ();
      g_assert_true (gtk_widget_get_visible (charge));
      g_assert_true (gui_test_label_shown (charge, "Charge · 23:30"));
    }
  carport_vehicle_set_supported_endpoints (vehicle, (1u << CARPORT_ENDPOINT_LOCATION));
  gui_test_flush ();
  g_assert_false (gtk_widget_get_visible (charge));
  carport_vehicle_set_supported_endpoints (vehicle, (1u << CARPORT_ENDPOINT_LOCATION) |
                                           (1u << CARPORT_ENDPOINT_CHARGE_MODE) |
                                           (1u << CARPORT_ENDPOINT_CHARGE_SCHEDULE));
  gui_test_flush ();

  /* Without charge schedules, the card says so. */
  carport_charge_settings_set_schedules (settings, FALSE, NULL);
  gui_test_flush ();
  g_assert_true (gui_test_label_shown (charge, "No charge programmes set up"));
  g_assert_false (gui_test_label_shown (charge, "Charge · 23:30"));

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
picture_settled (gpointer data)
{
  CarportVehiclePicture *picture = data;

  return GPOINTER_TO_INT (g_object_get_data (G_OBJECT (picture), "settled")) > 0;
}

static void
paintable_notified_cb (GObject *picture, GParamSpec *pspec, gpointer unused)
{
  int count = GPOINTER_TO_INT (g_object_get_data (picture, "settled"));

  g_object_set_data (picture, "settled", GINT_TO_POINTER (count + 1));
}

/* Shows @bytes as the car's picture; TRUE when a picture (not the glyph) shows. */
static gboolean
shows_picture (const char *bytes, gsize length)
{
  g_autofree char *path = NULL;
  g_autoptr(GtkWidget) picture = g_object_ref_sink (carport_vehicle_picture_new ());
  int fd = g_file_open_tmp ("carport-picture-XXXXXX", &path, NULL);
  gboolean shown;

  g_assert_cmpint (fd, >=, 0);
  close (fd);
  g_assert_true (g_file_set_contents (path, bytes, length, NULL));
  g_signal_connect (picture, "notify::paintable", G_CALLBACK (paintable_notified_cb), NULL);
  carport_vehicle_picture_set_file (CARPORT_VEHICLE_PICTURE (picture), path);
  g_assert_true (gui_test_wait_until (picture_settled, picture, 10000));
  shown = carport_vehicle_picture_get_paintable (CARPORT_VEHICLE_PICTURE (picture)) != NULL;
  g_assert_cmpint (shown, ==, gtk_widget_has_css_class (picture, "has-picture"));
  g_remove (path);
  return shown;
}

/* A picture file that is no image keeps the glyph, and nothing breaks. */
static void
test_vehicle_picture (void)
{
  static const char svg[] = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"40\" height=\"20\">"
                            "<rect width=\"40\" height=\"20\" fill=\"#36c\"/></svg>";
  static const char html[] = "<html><body><h1>502 Bad Gateway</h1></body></html>";
  static const char png_head[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR";

  g_assert_true (shows_picture (svg, sizeof svg - 1));
  g_assert_false (shows_picture (html, sizeof html - 1));
  g_assert_false (shows_picture (png_head, sizeof png_head - 1));
  g_assert_false (shows_picture ("", 0));
}

int
main (int argc, char *argv[])
{
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_setenv ("TZ", "XYZ-1", TRUE);  /* one hour ahead of UTC, all year */
  gui_test_init (&argc, &argv);

  g_test_add_func ("/gui/cards/battery-values", test_battery_card_values);
  g_test_add_func ("/gui/cards/units", test_units);
  g_test_add_func ("/gui/cards/unsupported-hidden", test_unsupported_hidden);
  g_test_add_func ("/gui/cards/cached-tag", test_cached_tag);
  g_test_add_func ("/gui/cards/trips", test_trips_card);
  g_test_add_func ("/gui/cards/location-and-schedules", test_location_and_schedules);
  g_test_add_func ("/gui/cards/vehicle-picture", test_vehicle_picture);

  return g_test_run ();
}
