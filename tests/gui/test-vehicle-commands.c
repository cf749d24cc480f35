/* test-vehicle-commands.c — the car's buttons on a demo session, found as a
 * screen reader finds them (accessible role and name): the climate dialog
 * answers Enter and Escape.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "carport-climate-dialog.h"
#include "carport-command-button.h"
#include "gui-test-demo.h"
#include "gui-test-util.h"

/* The demo's cars (carport-simulator.c). */
#define MEGANE "VF1XCB1VE00000003"

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

/* Presses the page's button named @name, as a click does. */
static GtkWidget *
press (DemoFixture *f, const char *name)
{
  GtkWidget *button = gui_test_get_accessible (f->page, GTK_ACCESSIBLE_ROLE_BUTTON, name);

  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  return button;
}

static GtkWidget *
open_climate_dialog (DemoFixture *f)
{
  press (f, "Climate…");
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

  temperature = gui_test_get_accessible (dialog, GTK_ACCESSIBLE_ROLE_SPIN_BUTTON, "Target temperature");
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

int
main (int argc, char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) g_test_add ("/gui/vehicle-commands/" path, DemoFixture, NULL, \
                                    demo_fixture_set_up, func, demo_fixture_tear_down)
  ADD ("climate-dialog-enter-starts", test_climate_dialog_enter_starts);
  ADD ("climate-dialog-escape-cancels", test_climate_dialog_escape_cancels);
#undef ADD

  return g_test_run ();
}
