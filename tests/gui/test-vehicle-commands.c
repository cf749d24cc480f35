/* test-vehicle-commands.c — the car's buttons on a demo session, found as a
 * screen reader finds them (accessible role and name): the climate dialog
 * answers Enter and Escape; a button that cannot work is insensitive and
 * says why; a Locate whose location cannot be read says so; a button keeps
 * its title and width while its command runs. Remote lock has its own
 * test, test-remote-lock.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "carport-climate-dialog.h"
#include "carport-closures.h"
#include "carport-command-button.h"
#include "gui-test-demo.h"
#include "gui-test-util.h"

/* The demo's cars (carport-simulator.c): the ZOE phase 1 has no location
 * endpoint, the Megane charges and cannot be told to stop, the Ariya is
 * unplugged. */
#define ZOE_PH1 "VF1X101VE00000001"
#define MEGANE  "VF1XCB1VE00000003"
#define ARIYA   "SJNTAAFE0U0000002"

static gboolean
climate_dialog_open (gpointer data)
{
  return demo_find_toplevel (CARPORT_TYPE_CLIMATE_DIALOG) != NULL;
}

static gboolean
climate_dialog_closed (gpointer data)
{
  return !climate_dialog_open (data);
}

static gboolean
sim_hvac_on (gpointer data)
{
  DemoFixture *f = data;

  return carport_simulator_get_hvac_on (f->sim, carport_vehicle_get_vin (carport_window_get_vehicle (f->window)));
}

static GtkWidget *
open_climate_dialog (DemoFixture *f)
{
  demo_press (f, "Climate…");
  g_assert_true (gui_test_wait_until (climate_dialog_open, NULL, 5000));
  return demo_find_toplevel (CARPORT_TYPE_CLIMATE_DIALOG);
}

/* Enter in the temperature field starts the climate with what was typed. */
static void
test_climate_dialog_enter_starts (DemoFixture *f, gconstpointer data)
{
  CarportVehicle *megane = demo_vehicle (f, MEGANE);
  GtkWidget *dialog, *temperature;
  CarportCommandButton *button;

  demo_show (f, megane);
  g_assert_false (carport_simulator_get_hvac_on (f->sim, MEGANE));
  dialog = open_climate_dialog (f);

  temperature = gui_test_get_accessible (dialog, GTK_ACCESSIBLE_ROLE_SPIN_BUTTON, "Temperature");
  gtk_widget_grab_focus (temperature);
  gtk_editable_set_text (GTK_EDITABLE (temperature), "24.5");
  /* What pressing Enter in the field does. */
  g_signal_emit_by_name (gtk_editable_get_delegate (GTK_EDITABLE (temperature)), "activate");

  g_assert_true (gui_test_wait_until (climate_dialog_closed, NULL, 5000));
  button = CARPORT_COMMAND_BUTTON (gui_test_get_accessible (f->page, GTK_ACCESSIBLE_ROLE_BUTTON, "Climate…"));
  g_assert_nonnull (carport_command_button_get_command (button));
  g_assert_cmpfloat (carport_command_get_temperature_c (carport_command_button_get_command (button)), ==, 24.5);
  g_assert_true (gui_test_wait_until (sim_hvac_on, f, 30000));
}

/* Escape (the dialog's window.close) cancels: nothing is sent. */
static void
test_climate_dialog_escape_cancels (DemoFixture *f, gconstpointer data)
{
  CarportVehicle *megane = demo_vehicle (f, MEGANE);
  GtkWidget *dialog;

  demo_show (f, megane);
  dialog = open_climate_dialog (f);
  gtk_widget_activate_action (dialog, "window.close", NULL);
  g_assert_true (gui_test_wait_until (climate_dialog_closed, NULL, 5000));
  gui_test_flush ();
  g_assert_null (carport_session_get_command_in_flight (f->session, megane, CARPORT_COMMAND_KIND_HVAC_START));
  g_assert_false (carport_simulator_get_hvac_on (f->sim, MEGANE));
}

/* The button named @name is there, cannot be pressed, and says @reason in
 * its tooltip and to a screen reader. */
static void
assert_refused (DemoFixture *f, const char *name, const char *reason)
{
  GtkWidget *button = gui_test_get_accessible (f->page, GTK_ACCESSIBLE_ROLE_BUTTON, name);

  g_assert_true (gtk_widget_get_mapped (button));
  g_assert_false (gtk_widget_is_sensitive (button));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (button), ==, reason);
  g_assert_true (gui_test_accessible_has (button, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, reason));
}

static gboolean
plugged_in (gpointer data)
{
  return carport_battery_get_plug (carport_vehicle_get_battery (CARPORT_VEHICLE (data))) == CARPORT_PLUG_STATE_PLUGGED;
}

/* Charge on an unplugged car says to plug it in; plugged in (which starts
 * the charge in its "always" mode), Stop Charging can be pressed. */
static void
test_charge_needs_the_plug (DemoFixture *f, gconstpointer data)
{
  CarportVehicle *ariya = demo_vehicle (f, ARIYA);
  GtkWidget *stop;

  demo_show (f, ariya);
  g_assert_cmpint (carport_battery_get_plug (carport_vehicle_get_battery (ariya)), ==, CARPORT_PLUG_STATE_UNPLUGGED);
  assert_refused (f, "Charge", "Plug the car in to charge");

  g_assert_true (carport_simulator_set_plugged (f->sim, ARIYA, TRUE));
  gtk_widget_activate_action (f->page, "vehicle.refresh", NULL);
  g_assert_true (gui_test_wait_until (plugged_in, ariya, 30000));
  gui_test_flush ();
  g_assert_null (gui_test_find_accessible (f->page, GTK_ACCESSIBLE_ROLE_BUTTON, "Charge"));
  stop = gui_test_get_accessible (f->page, GTK_ACCESSIBLE_ROLE_BUTTON, "Stop Charging");
  g_assert_true (gtk_widget_is_sensitive (stop));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (stop), ==, "Stop Charging");
}

/* A charging car that cannot be told to stop shows the Stop it cannot take,
 * insensitive, and why; not a Charge it does not need. */
static void
test_stop_the_car_cannot_take (DemoFixture *f, gconstpointer data)
{
  CarportVehicle *megane = demo_vehicle (f, MEGANE);

  demo_show (f, megane);
  g_assert_cmpint (carport_battery_get_charging (carport_vehicle_get_battery (megane)), ==,
                   CARPORT_CHARGING_STATE_CHARGING);
  g_assert_false (carport_vehicle_supports_command (megane, CARPORT_COMMAND_KIND_CHARGE_STOP));
  assert_refused (f, "Stop Charging", "This car cannot be told to stop charging; it stops when full or unplugged");
  g_assert_null (gui_test_find_accessible (f->page, GTK_ACCESSIBLE_ROLE_BUTTON, "Charge"));
}

/* Locate on a car whose location Carport cannot read is not offered. */
static void
test_locate_without_location (DemoFixture *f, gconstpointer data)
{
  CarportVehicle *zoe = demo_vehicle (f, ZOE_PH1);

  demo_show (f, zoe);
  g_assert_true (carport_vehicle_supports_command (zoe, CARPORT_COMMAND_KIND_REFRESH_LOCATION));
  g_assert_false (carport_vehicle_get_readable_endpoints (zoe) & (1u << CARPORT_ENDPOINT_LOCATION));
  assert_refused (f, "Locate", "This car does not report its location");
}

static gboolean
location_error_set (gpointer data)
{
  return carport_vehicle_get_endpoint_error (CARPORT_VEHICLE (data), CARPORT_ENDPOINT_LOCATION) != NULL;
}

/* The car took the Locate, but its location could not be read after it:
 * the toast says so, never "Location updated". */
static void
test_locate_unread_is_no_success (DemoFixture *f, gconstpointer data)
{
  CarportVehicle *megane = demo_vehicle (f, MEGANE);
  const char *updated = carport_closures_command_outcome (CARPORT_COMMAND_KIND_REFRESH_LOCATION, TRUE);
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *labels = NULL;

  demo_show (f, megane);
  g_assert_true (carport_simulator_add_fault_from_string (f->sim, "location=malformed", &error));
  g_assert_no_error (error);

  demo_press (f, "Locate");
  g_assert_true (gui_test_wait_until (location_error_set, megane, 30000));
  expected = g_strdup_printf ("%s: %s", carport_closures_command_outcome (CARPORT_COMMAND_KIND_REFRESH_LOCATION, FALSE),
                              carport_vehicle_get_endpoint_error (megane, CARPORT_ENDPOINT_LOCATION));
  demo_assert_toast_soon (f, expected);
  labels = gui_test_dump_labels (carport_window_get_part (f->window, "toast_overlay"));
  g_assert_null (strstr (labels, updated));
}

static gboolean
command_in_flight (gpointer data)
{
  CarportCommand *command = carport_command_button_get_command (CARPORT_COMMAND_BUTTON (data));

  return command && carport_command_get_in_flight (command);
}

static gboolean
command_finished (gpointer data)
{
  CarportCommand *command = carport_command_button_get_command (CARPORT_COMMAND_BUTTON (data));

  return command && carport_command_get_finished (command);
}

/* While a command runs its button shows a spinner instead of its icon and
 * keeps its title, so that neither it nor the buttons around it move; the
 * progress is in its tooltip and accessible description. */
static void
test_button_keeps_its_width (DemoFixture *f, gconstpointer data)
{
  static const int widths[] = { 1100, 360 };
  CarportVehicle *megane = demo_vehicle (f, MEGANE);

  /* The command stays in flight long enough to be seen on a slow machine
   * (sanitizers, valgrind), not just the fixture's 300 ms. */
  carport_simulator_set_command_delay_ms (f->sim, 2000);
  for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
    {
      GtkWidget *button, *actions, *spinner;
      int width, actions_height;
      const char *status;

      demo_set_width (f, widths[w]);
      demo_show (f, megane);
      button = gui_test_get_accessible (f->page, GTK_ACCESSIBLE_ROLE_BUTTON, "Locate");
      actions = carport_vehicle_page_get_part (CARPORT_VEHICLE_PAGE (f->page), "actions_box");
      width = gtk_widget_get_width (button);
      actions_height = gtk_widget_get_height (actions);
      g_assert_cmpint (width, >, 0);

      demo_press (f, "Locate");
      g_assert_true (gui_test_wait_until (command_in_flight, button, 5000));
      gui_test_flush ();
      g_assert_true (gui_test_label_shown (button, "Locate"));
      spinner = gui_test_find_type (button, GTK_TYPE_SPINNER);
      g_assert_true (gtk_widget_get_mapped (spinner));
      g_assert_true (gtk_spinner_get_spinning (GTK_SPINNER (spinner)));
      g_assert_cmpint (gtk_widget_get_width (button), ==, width);
      g_assert_cmpint (gtk_widget_get_height (actions), ==, actions_height);
      status = carport_command_button_get_status_text (CARPORT_COMMAND_BUTTON (button));
      g_assert_true (g_strcmp0 (status, "Sending…") == 0 || g_strcmp0 (status, "Waiting for the car…") == 0);
      g_assert_cmpstr (gtk_widget_get_tooltip_text (button), ==, status);
      g_assert_true (gui_test_accessible_has (button, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, status));

      g_assert_true (gui_test_wait_until (command_finished, button, 30000));
      gui_test_flush ();
      g_assert_true (gui_test_label_shown (button, "Locate"));
      g_assert_cmpint (gtk_widget_get_width (button), ==, width);
      g_assert_cmpint (gtk_widget_get_height (actions), ==, actions_height);
    }
}

/* Every control of every car's page, and of the climate dialog, has an
 * accessible name for a screen reader. */
static void
test_controls_named (DemoFixture *f, gconstpointer data)
{
  GListModel *vehicles = carport_session_get_vehicles (f->session);

  for (guint i = 0; i < g_list_model_get_n_items (vehicles); i++)
    {
      g_autoptr(CarportVehicle) vehicle = g_list_model_get_item (vehicles, i);

      demo_show (f, vehicle);
      gui_test_assert_controls_named (f->page);
    }

  demo_show (f, demo_vehicle (f, MEGANE));
  gui_test_assert_controls_named (open_climate_dialog (f));
}

int
main (int argc, char *argv[])
{
  gui_test_init (&argc, &argv);

#define ADD(path, func) g_test_add ("/gui/vehicle-commands/" path, DemoFixture, NULL, \
                                    demo_fixture_set_up, func, demo_fixture_tear_down)
  ADD ("climate-dialog-enter-starts", test_climate_dialog_enter_starts);
  ADD ("climate-dialog-escape-cancels", test_climate_dialog_escape_cancels);
  ADD ("charge-needs-the-plug", test_charge_needs_the_plug);
  ADD ("stop-the-car-cannot-take", test_stop_the_car_cannot_take);
  ADD ("locate-without-location", test_locate_without_location);
  ADD ("locate-unread-is-no-success", test_locate_unread_is_no_success);
  ADD ("button-keeps-its-width", test_button_keeps_its_width);
  ADD ("controls-named", test_controls_named);
#undef ADD

  return g_test_run ();
}
