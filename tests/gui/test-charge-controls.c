/* test-charge-controls.c — the charge card's controls on a demo session,
 * found as a screen reader finds them: the charge mode dropdown tells the
 * car the mode chosen (the simulator's car changes), shows progress while
 * it runs, and goes back to the car's mode with a toast when the server
 * refuses; a car that cannot be told its mode shows no dropdown; the charge
 * limits dialog offers the car's bounds and steps, Enter saves both levels
 * to the car, Escape sends nothing. At 1100 and 360 px.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <json-glib/json-glib.h>

#include "carport-charge-limits-dialog.h"
#include "carport-closures.h"
#include "gui-test-demo.h"
#include "gui-test-util.h"

static const int widths[] = { 1100, 360 };

typedef struct {
  DemoFixture *f;
  const char  *vin;
  const char  *mode;   /* the simulator's "chargeMode" */
} SimMode;

static gboolean
sim_mode_is (gpointer data)
{
  SimMode *wanted = data;
  g_autofree char *json = carport_simulator_dup_car_state_json (wanted->f->sim, wanted->vin);
  g_autoptr(JsonNode) node = json_from_string (json, NULL);
  const char *mode = node ? json_object_get_string_member_with_default (json_node_get_object (node), "chargeMode", NULL)
                          : NULL;

  return g_strcmp0 (mode, wanted->mode) == 0;
}

static gboolean
mode_is (gpointer data)
{
  SimMode *wanted = data;
  CarportVehicle *vehicle = demo_vehicle (wanted->f, wanted->vin);
  CarportChargeMode mode = carport_charge_settings_get_mode (carport_vehicle_get_charge_settings (vehicle));

  return g_strcmp0 (carport_enum_to_nick (CARPORT_TYPE_CHARGE_MODE, mode), wanted->mode) == 0;
}

static gboolean
sensitive (gpointer data)
{
  return gtk_widget_is_sensitive (GTK_WIDGET (data));
}

static const char *
selected_name (GtkWidget *dropdown)
{
  GtkStringObject *item = gtk_drop_down_get_selected_item (GTK_DROP_DOWN (dropdown));

  return item ? gtk_string_object_get_string (item) : NULL;
}

/* Chooses @name in @dropdown, as a click in its list does. */
static void
choose (GtkWidget *dropdown, const char *name)
{
  GListModel *names = gtk_drop_down_get_model (GTK_DROP_DOWN (dropdown));

  for (guint i = 0; i < g_list_model_get_n_items (names); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (names, i);

      if (g_str_equal (gtk_string_object_get_string (item), name))
        {
          gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), i);
          return;
        }
    }
  g_error ("the charge mode dropdown has no “%s”", name);
}

/* A car that takes the charge mode command, on its page, in scheduled mode. */
static CarportVehicle *
show_mode_car (DemoFixture *f)
{
  CarportVehicle *vehicle = demo_find_vehicle (f, CARPORT_COMMAND_KIND_CHARGE_MODE, CARPORT_ENDPOINT_CHARGE_MODE);

  g_assert_nonnull (vehicle);
  demo_show (f, vehicle);
  return vehicle;
}

/* Choosing a mode tells the car: the dropdown is busy meanwhile, then the
 * simulator's car has the mode, the toast says so and the card reads it. */
static void
test_mode_changes_the_car (DemoFixture *f, gconstpointer data)
{
  /* The change stays in flight long enough to be seen on a slow machine
   * (sanitizers, valgrind), not just the fixture's 300 ms. */
  carport_simulator_set_command_delay_ms (f->sim, 2000);
  for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
    {
      CarportVehicle *vehicle;
      GtkWidget *dropdown, *row;
      CarportChargeMode mode;
      const char *other, *other_name;
      SimMode wanted = { f, NULL, NULL };

      demo_set_width (f, widths[w]);
      vehicle = show_mode_car (f);
      wanted.vin = carport_vehicle_get_vin (vehicle);
      dropdown = gui_test_get_accessible (f->page, GTK_ACCESSIBLE_ROLE_COMBO_BOX, "Charge mode");
      row = gtk_widget_get_ancestor (dropdown, ADW_TYPE_ACTION_ROW);
      g_assert_true (gtk_widget_get_mapped (dropdown));
      g_assert_true (gtk_widget_is_sensitive (dropdown));
      g_assert_cmpint (gtk_widget_get_width (dropdown), <=, widths[w]);

      mode = carport_charge_settings_get_mode (carport_vehicle_get_charge_settings (vehicle));
      g_assert_cmpstr (selected_name (dropdown), ==, carport_format_charge_mode (mode));
      other = mode == CARPORT_CHARGE_MODE_ALWAYS ? "scheduled" : "always";
      other_name = carport_format_charge_mode (mode == CARPORT_CHARGE_MODE_ALWAYS ? CARPORT_CHARGE_MODE_SCHEDULED
                                                                                  : CARPORT_CHARGE_MODE_ALWAYS);

      choose (dropdown, other_name);
      gui_test_flush ();
      g_assert_false (gtk_widget_is_sensitive (row));
      g_assert_true (gtk_widget_get_mapped (gui_test_find_type (row, GTK_TYPE_SPINNER)));

      wanted.mode = other;
      g_assert_true (gui_test_wait_until (sim_mode_is, &wanted, 30000));
      demo_assert_toast_soon (f, carport_closures_command_outcome (CARPORT_COMMAND_KIND_CHARGE_MODE, TRUE));
      g_assert_true (gui_test_wait_until (mode_is, &wanted, 30000));
      g_assert_true (gui_test_wait_until (sensitive, row, 30000));
      g_assert_cmpstr (selected_name (dropdown), ==, other_name);
    }
}

/* The server refuses the mode: the dropdown shows the car's mode again
 * and the toast says the command failed. */
static void
test_mode_failure_goes_back (DemoFixture *f, gconstpointer data)
{
  for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
    {
      CarportVehicle *vehicle;
      GtkWidget *dropdown, *row;
      const char *before;
      CarportChargeMode mode;
      g_autoptr(GError) error = NULL;
      g_autofree char *labels = NULL;

      demo_set_width (f, widths[w]);
      vehicle = show_mode_car (f);
      dropdown = gui_test_get_accessible (f->page, GTK_ACCESSIBLE_ROLE_COMBO_BOX, "Charge mode");
      row = gtk_widget_get_ancestor (dropdown, ADW_TYPE_ACTION_ROW);
      mode = carport_charge_settings_get_mode (carport_vehicle_get_charge_settings (vehicle));
      before = carport_format_charge_mode (mode);

      g_assert_true (carport_simulator_add_fault_from_string (f->sim, "charge-mode=error:500:x1", &error));
      g_assert_no_error (error);
      choose (dropdown, carport_format_charge_mode (mode == CARPORT_CHARGE_MODE_ALWAYS ? CARPORT_CHARGE_MODE_SCHEDULED
                                                                                      : CARPORT_CHARGE_MODE_ALWAYS));
      /* (A refusal comes fast: the progress is the other test's.) */
      g_assert_true (gui_test_wait_until (sensitive, row, 30000));
      g_assert_cmpstr (selected_name (dropdown), ==, before);
      g_assert_cmpint (carport_charge_settings_get_mode (carport_vehicle_get_charge_settings (vehicle)), ==, mode);
      labels = gui_test_dump_labels (carport_window_get_part (f->window, "toast_overlay"));
      g_assert_nonnull (strstr (labels, carport_closures_command_outcome (CARPORT_COMMAND_KIND_CHARGE_MODE, FALSE)));
    }
}

/* A car whose charge card shows but which cannot be told its mode shows
 * the mode without a dropdown; every other shows the dropdown. */
static void
test_mode_not_offered (DemoFixture *f, gconstpointer data)
{
  GListModel *vehicles = carport_session_get_vehicles (f->session);
  gboolean seen = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (vehicles); i++)
    {
      g_autoptr(CarportVehicle) vehicle = g_list_model_get_item (vehicles, i);

      demo_show (f, vehicle);
      if (!gtk_widget_get_visible (carport_vehicle_page_get_part (CARPORT_VEHICLE_PAGE (f->page), "charge_card")))
        continue;
      if (carport_vehicle_supports_command (vehicle, CARPORT_COMMAND_KIND_CHARGE_MODE))
        {
          g_assert_nonnull (gui_test_find_accessible (f->page, GTK_ACCESSIBLE_ROLE_COMBO_BOX, "Charge mode"));
          continue;
        }
      g_assert_null (gui_test_find_accessible (f->page, GTK_ACCESSIBLE_ROLE_COMBO_BOX, "Charge mode"));
      seen = TRUE;
    }
  g_assert_true (seen);
}

/* Without a login to send through, the controls cannot be used and say
 * why, as the page's buttons do. */
static void
test_controls_wait_for_the_login (DemoFixture *f, gconstpointer data)
{
  const char *reason = "Carport is not connected to this car’s account yet";
  CarportVehicle *vehicle = show_mode_car (f);
  GtkWidget *dropdown = gui_test_get_accessible (f->page, GTK_ACCESSIBLE_ROLE_COMBO_BOX, "Charge mode");
  GtkWidget *row = gtk_widget_get_ancestor (dropdown, ADW_TYPE_ACTION_ROW);
  GtkWidget *limits = gui_test_find_accessible (f->page, GTK_ACCESSIBLE_ROLE_BUTTON, "Charge Limits…");

  g_assert_true (gtk_widget_is_sensitive (row));
  carport_vehicle_page_set_session (CARPORT_VEHICLE_PAGE (f->page), NULL);
  gui_test_flush ();
  g_assert_false (gtk_widget_is_sensitive (row));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (row), ==, reason);
  if (carport_vehicle_supports_command (vehicle, CARPORT_COMMAND_KIND_SOC_LEVELS))
    {
      g_assert_false (gtk_widget_is_sensitive (limits));
      g_assert_cmpstr (gtk_widget_get_tooltip_text (limits), ==, reason);
    }

  carport_vehicle_page_set_session (CARPORT_VEHICLE_PAGE (f->page), f->session);
  gui_test_flush ();
  g_assert_true (gtk_widget_is_sensitive (row));
  g_assert_null (gtk_widget_get_tooltip_text (row));
}

static gboolean
limits_dialog_open (gpointer data)
{
  return demo_find_toplevel (CARPORT_TYPE_CHARGE_LIMITS_DIALOG) != NULL;
}

static gboolean
limits_dialog_closed (gpointer data)
{
  return !limits_dialog_open (data);
}

typedef struct {
  DemoFixture *f;
  const char  *vin;
  int          min, target;
} SimLevels;

static gboolean
car_levels_are (gpointer data)
{
  SimLevels *wanted = data;
  CarportChargeSettings *settings = carport_vehicle_get_charge_settings (demo_vehicle (wanted->f, wanted->vin));

  return carport_charge_settings_get_soc_min_percent (settings) == wanted->min &&
         carport_charge_settings_get_soc_target_percent (settings) == wanted->target;
}

static gboolean
sim_levels_are (gpointer data)
{
  SimLevels *wanted = data;
  g_autofree char *json = carport_simulator_dup_car_state_json (wanted->f->sim, wanted->vin);
  g_autoptr(JsonNode) node = json_from_string (json, NULL);
  JsonObject *state = node ? json_node_get_object (node) : NULL;

  return state && json_object_get_int_member_with_default (state, "socMin", -1) == wanted->min &&
         json_object_get_int_member_with_default (state, "socTarget", -1) == wanted->target;
}

/* A car that takes charge limits, on its page; its limits dialog open. */
static GtkWidget *
open_limits_dialog (DemoFixture *f, CarportVehicle **out_vehicle)
{
  CarportVehicle *vehicle = demo_find_vehicle (f, CARPORT_COMMAND_KIND_SOC_LEVELS, CARPORT_ENDPOINT_SOC_LEVELS);
  GtkWidget *button;

  g_assert_nonnull (vehicle);
  demo_show (f, vehicle);
  button = gui_test_get_accessible (f->page, GTK_ACCESSIBLE_ROLE_BUTTON, "Charge Limits…");
  g_assert_true (gtk_widget_get_mapped (button));
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  g_assert_true (gui_test_wait_until (limits_dialog_open, NULL, 5000));
  *out_vehicle = vehicle;
  return demo_find_toplevel (CARPORT_TYPE_CHARGE_LIMITS_DIALOG);
}

/* The spin button named @name offers @lower to @upper in steps of @step and
 * starts at the car's @level. */
static GtkWidget *
assert_level (GtkWidget *dialog, const char *name, int level, int lower, int upper, int step)
{
  GtkWidget *spin = gui_test_get_accessible (dialog, GTK_ACCESSIBLE_ROLE_SPIN_BUTTON, name);
  GtkAdjustment *adjustment = gtk_spin_button_get_adjustment (GTK_SPIN_BUTTON (spin));

  g_assert_cmpfloat (gtk_adjustment_get_lower (adjustment), ==, lower);
  g_assert_cmpfloat (gtk_adjustment_get_upper (adjustment), ==, upper);
  g_assert_cmpfloat (gtk_adjustment_get_step_increment (adjustment), ==, step);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (spin)), ==, level);
  return spin;
}

/* Enter in the target field saves both levels to the car, as one command;
 * the card then shows them. */
static void
test_limits_dialog_saves (DemoFixture *f, gconstpointer data)
{
  for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
    {
      CarportVehicle *vehicle = NULL;
      CarportChargeSettings *settings;
      CarportSocRange range;
      GtkWidget *dialog, *min, *target;
      SimLevels wanted = { f, NULL, 0, 0 };

      demo_set_width (f, widths[w]);
      dialog = open_limits_dialog (f, &vehicle);
      settings = carport_vehicle_get_charge_settings (vehicle);
      carport_capabilities_get_soc_range (carport_vehicle_get_capabilities (vehicle), &range);
      min = assert_level (dialog, "Minimum Level", carport_charge_settings_get_soc_min_percent (settings),
                          range.min_lower, range.min_upper, range.step);
      target = assert_level (dialog, "Target Level", carport_charge_settings_get_soc_target_percent (settings),
                             range.target_lower, range.target_upper, range.step);

      wanted.vin = carport_vehicle_get_vin (vehicle);
      wanted.min = w == 0 ? 30 : 25;
      wanted.target = w == 0 ? 90 : 85;
      g_assert_false (sim_levels_are (&wanted));
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (min), wanted.min);
      gtk_widget_grab_focus (target);
      gtk_editable_set_text (GTK_EDITABLE (target), w == 0 ? "90" : "85");
      /* What pressing Enter in the field does. */
      g_signal_emit_by_name (gtk_editable_get_delegate (GTK_EDITABLE (target)), "activate");

      g_assert_true (gui_test_wait_until (limits_dialog_closed, NULL, 5000));
      g_assert_true (gui_test_wait_until (sim_levels_are, &wanted, 30000));
      demo_assert_toast_soon (f, carport_closures_command_outcome (CARPORT_COMMAND_KIND_SOC_LEVELS, TRUE));
      g_assert_true (gui_test_wait_until (car_levels_are, &wanted, 30000));
    }
}

/* Escape (the dialog's window.close) cancels: nothing is sent. */
static void
test_limits_dialog_escape_cancels (DemoFixture *f, gconstpointer data)
{
  CarportVehicle *vehicle = NULL;
  GtkWidget *dialog = open_limits_dialog (f, &vehicle);

  gtk_widget_activate_action (dialog, "window.close", NULL);
  g_assert_true (gui_test_wait_until (limits_dialog_closed, NULL, 5000));
  gui_test_flush ();
  g_assert_null (carport_session_get_command_in_flight (f->session, vehicle, CARPORT_COMMAND_KIND_SOC_LEVELS));
}

/* Every control of the card and the dialog has an accessible name. */
static void
test_controls_named (DemoFixture *f, gconstpointer data)
{
  CarportVehicle *vehicle = NULL;
  GtkWidget *dialog = open_limits_dialog (f, &vehicle);

  gui_test_assert_controls_named (carport_vehicle_page_get_part (CARPORT_VEHICLE_PAGE (f->page), "charge_card"));
  gui_test_assert_controls_named (dialog);
}

int
main (int argc, char *argv[])
{
  gui_test_init (&argc, &argv);

#define ADD(path, func) g_test_add ("/gui/charge-controls/" path, DemoFixture, NULL, \
                                    demo_fixture_set_up, func, demo_fixture_tear_down)
  ADD ("mode-changes-the-car", test_mode_changes_the_car);
  ADD ("mode-failure-goes-back", test_mode_failure_goes_back);
  ADD ("mode-not-offered", test_mode_not_offered);
  ADD ("controls-wait-for-the-login", test_controls_wait_for_the_login);
  ADD ("limits-dialog-saves", test_limits_dialog_saves);
  ADD ("limits-dialog-escape-cancels", test_limits_dialog_escape_cancels);
  ADD ("controls-named", test_controls_named);
#undef ADD

  return g_test_run ();
}
