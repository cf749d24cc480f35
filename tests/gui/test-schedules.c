/* test-schedules.c — the charge and climate programmes from the window, on
 * a demo session, found as a screen reader finds them: a programme is
 * added, edited, turned off and on and deleted, and each time the
 * simulator's car holds the change, for the ZOE phase 1 (its programmes
 * read from the ZE40 calendar), the ZOE phase 2 (charging-settings and
 * hvac-settings) and the Renault 5 (KCM ev/settings, charge only: its
 * climate programmes are hvac-settings', which it cannot write). Times are
 * given in local time (UTC+1 here); the KCA cars keep them in UTC, the R5
 * in local time, as departure times without a duration. A programme the Always mode ignores does not look
 * active; the editor saves on Enter, cancels on Escape, keeps Save
 * insensitive with the reason while no day is chosen, shows the duration
 * in hours and minutes, and fits 360 px; a programme in several groups of
 * days has a switch of a distinct name for each.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "carport-closures.h"
#include "carport-schedule-dialog.h"
#include "gui-test-demo.h"
#include "gui-test-util.h"

typedef struct {
  DemoFixture *f;
  const char  *vin;
  gboolean     climate;
  const char  *time;    /* the time the car keeps on Saturday: UTC "THH:MMZ", or local "HH:MM" (ev/settings) */
  int          wanted;  /* 1 on, 0 off, -1 no such programme */
} SimSlot;

/* The same in KCM ev/settings: a programme of Saturday departing at
 * slot->time (local), on or not. */
static int
sim_program_state (SimSlot    *slot,
                   JsonObject *car)
{
  JsonArray *programs = json_object_get_array_member (json_object_get_object_member (car, "evSettings"), "programs");

  for (guint i = 0; i < json_array_get_length (programs); i++)
    {
      JsonObject *program = json_array_get_object_element (programs, i);

      if (json_object_get_boolean_member_with_default (program, "programActivationSaturday", FALSE) &&
          g_strcmp0 (json_object_get_string_member_with_default (program, "programDepartureTime", NULL),
                     slot->time) == 0)
        {
          g_assert_cmpstr (json_object_get_string_member (program, "programType"), ==, "CHARGE");
          return json_object_get_boolean_member_with_default (program, "programActivationStatus", FALSE);
        }
    }
  return -1;
}

/* Is there a programme on the simulator's car with a Saturday slot at
 * wanted->time, and is it on? */
static int
sim_slot_state (SimSlot *slot)
{
  g_autofree char *json = carport_simulator_dup_car_state_json (slot->f->sim, slot->vin);
  g_autoptr(JsonNode) node = json_from_string (json, NULL);
  JsonArray *schedules = json_object_get_array_member (json_node_get_object (node),
                                                       slot->climate ? "hvacSchedules" : "chargeSchedules");

  if (slot->time[0] != 'T')
    return sim_program_state (slot, json_node_get_object (node));
  for (guint i = 0; i < json_array_get_length (schedules); i++)
    {
      JsonObject *schedule = json_array_get_object_element (schedules, i);
      JsonNode *saturday = json_object_get_member (schedule, "saturday");
      const char *time;

      if (saturday == NULL || !JSON_NODE_HOLDS_OBJECT (saturday))
        continue;
      time = json_object_get_string_member_with_default (json_node_get_object (saturday),
                                                         slot->climate ? "readyAtTime" : "startTime", NULL);
      if (g_strcmp0 (time, slot->time) == 0)
        return json_object_get_boolean_member_with_default (schedule, "activated", FALSE);
    }
  return -1;
}

static gboolean
sim_slot_is (gpointer data)
{
  SimSlot *slot = data;

  return sim_slot_state (slot) == slot->wanted;
}

static gboolean
dialog_open (gpointer data)
{
  return demo_find_toplevel (CARPORT_TYPE_SCHEDULE_DIALOG) != NULL;
}

static gboolean
dialog_closed (gpointer data)
{
  return demo_find_toplevel (CARPORT_TYPE_SCHEDULE_DIALOG) == NULL;
}

static gboolean
sensitive (gpointer data)
{
  return gtk_widget_is_sensitive (GTK_WIDGET (data));
}

static CarportVehicle *
show_car (DemoFixture *f, const char *model)
{
  GListModel *vehicles = carport_session_get_vehicles (f->session);

  for (guint i = 0; i < g_list_model_get_n_items (vehicles); i++)
    {
      g_autoptr(CarportVehicle) vehicle = g_list_model_get_item (vehicles, i);

      if (g_strcmp0 (carport_vehicle_get_model_code (vehicle), model) == 0)
        {
          demo_show (f, vehicle);
          return vehicle;  /* the session keeps it */
        }
    }
  g_error ("the demo has no %s", model);
}

static GtkWidget *
card_of (DemoFixture *f, gboolean climate)
{
  return carport_vehicle_page_get_part (CARPORT_VEHICLE_PAGE (f->page), climate ? "climate_card" : "charge_card");
}

static GtkWidget *
open_dialog (GtkWidget *opener)
{
  if (GTK_IS_BUTTON (opener))
    g_signal_emit_by_name (opener, "clicked");
  else
    g_signal_emit_by_name (opener, "activate");
  g_assert_true (gui_test_wait_until (dialog_open, NULL, 5000));
  return demo_find_toplevel (CARPORT_TYPE_SCHEDULE_DIALOG);
}

/* Clicks the dialog's button @name, as a user does; the dialog closes. */
static void
click_response (GtkWidget *dialog, const char *name)
{
  g_signal_emit_by_name (gui_test_get_accessible (dialog, GTK_ACCESSIBLE_ROLE_BUTTON, name), "clicked");
  g_assert_true (gui_test_wait_until (dialog_closed, NULL, 5000));
}

static void
set_spin (GtkWidget *dialog, const char *name, int value)
{
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (gui_test_get_accessible (dialog, GTK_ACCESSIBLE_ROLE_SPIN_BUTTON, name)),
                             value);
}

/* The row of the programme titled @title, once the list shows it and it
 * can be changed (nothing under way). */
static GtkWidget *
programme_row (GtkWidget *card, const char *title)
{
  GtkWidget *row;

  gui_test_assert_label_soon (card, title);
  row = gtk_widget_get_ancestor (gui_test_find_label (card, title), ADW_TYPE_ACTION_ROW);
  g_assert_nonnull (row);
  g_assert_true (gui_test_wait_until (sensitive, gui_test_find_type (row, GTK_TYPE_SWITCH), 30000));
  /* The list may have been made again meanwhile. */
  return gtk_widget_get_ancestor (gui_test_find_label (card, title), ADW_TYPE_ACTION_ROW);
}

/* Add, edit, off, on, delete: each reaches the simulator's car, which
 * keeps the times in UTC, or in local time (@local_time: ev/settings). */
static void
programme_cycle (DemoFixture *f, const char *model, gboolean climate, gboolean local_time)
{
  CarportVehicle *vehicle = show_car (f, model);
  GtkWidget *card = card_of (f, climate);
  const char *kind = climate ? "Climate ready at" : "Charge";
  g_autofree char *added_title = g_strdup_printf ("%s · 06:15", kind);
  g_autofree char *edited_title = g_strdup_printf ("%s · 06:45", kind);
  SimSlot slot = { f, carport_vehicle_get_vin (vehicle), climate, local_time ? "06:15" : "T05:15Z", 1 };
  GtkWidget *dialog, *row, *toggle, *hours;
  static const char * const weekdays[] = { "Monday", "Tuesday", "Wednesday", "Thursday", "Friday" };

  g_test_message ("%s, %s programmes", model, climate ? "climate" : "charge");
  g_assert_cmpint (sim_slot_state (&slot), ==, -1);

  /* Add: Saturday at 06:15 local, saved with Enter in the hours field. */
  dialog = open_dialog (gui_test_get_accessible (card, GTK_ACCESSIBLE_ROLE_BUTTON, "Add Programme"));
  for (guint d = 0; d < G_N_ELEMENTS (weekdays); d++)
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (gui_test_get_accessible (dialog, GTK_ACCESSIBLE_ROLE_BUTTON,
                                                                              weekdays[d])), FALSE);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (gui_test_get_accessible (dialog, GTK_ACCESSIBLE_ROLE_BUTTON,
                                                                            "Saturday")), TRUE);
  set_spin (dialog, climate ? "Ready At" : "Start Time", 6);
  set_spin (dialog, "Minutes", 15);
  /* A departure time has no duration. */
  g_assert_true ((gui_test_find_accessible (dialog, GTK_ACCESSIBLE_ROLE_SPIN_BUTTON, "Duration") != NULL) ==
                 (!climate && !local_time));
  if (!climate && !local_time)
    set_spin (dialog, "Duration", 90);
  hours = gui_test_get_accessible (dialog, GTK_ACCESSIBLE_ROLE_SPIN_BUTTON, climate ? "Ready At" : "Start Time");
  gtk_widget_grab_focus (hours);
  /* What pressing Enter in the field does. */
  g_signal_emit_by_name (gtk_editable_get_delegate (GTK_EDITABLE (hours)), "activate");
  g_assert_true (gui_test_wait_until (dialog_closed, NULL, 5000));
  g_assert_true (gui_test_wait_until (sim_slot_is, &slot, 30000));

  /* Edit: 06:45. */
  dialog = open_dialog (programme_row (card, added_title));
  set_spin (dialog, "Minutes", 45);
  click_response (dialog, "Save");
  slot.time = local_time ? "06:45" : "T05:45Z";
  g_assert_true (gui_test_wait_until (sim_slot_is, &slot, 30000));

  /* Off and on again with its switch. */
  row = programme_row (card, edited_title);
  toggle = gui_test_find_type (row, GTK_TYPE_SWITCH);
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (toggle)));
  gtk_switch_set_active (GTK_SWITCH (toggle), FALSE);
  slot.wanted = 0;
  g_assert_true (gui_test_wait_until (sim_slot_is, &slot, 30000));
  row = programme_row (card, edited_title);
  toggle = gui_test_find_type (row, GTK_TYPE_SWITCH);
  gtk_switch_set_active (GTK_SWITCH (toggle), TRUE);
  slot.wanted = 1;
  g_assert_true (gui_test_wait_until (sim_slot_is, &slot, 30000));

  /* Delete. */
  dialog = open_dialog (programme_row (card, edited_title));
  click_response (dialog, "Delete Programme");
  slot.wanted = -1;
  g_assert_true (gui_test_wait_until (sim_slot_is, &slot, 30000));
  demo_assert_toast_soon (f, carport_closures_command_outcome (climate ? CARPORT_COMMAND_KIND_HVAC_SCHEDULE
                                                                       : CARPORT_COMMAND_KIND_CHARGE_SCHEDULE, TRUE));
}

static void
test_zoe_calendar (DemoFixture *f, gconstpointer data)
{
  programme_cycle (f, "X101VE", FALSE, FALSE);
}

static void
test_zoe_charging_settings (DemoFixture *f, gconstpointer data)
{
  programme_cycle (f, "X102VE", FALSE, FALSE);
}

static void
test_zoe_hvac_settings (DemoFixture *f, gconstpointer data)
{
  programme_cycle (f, "X102VE", TRUE, FALSE);
}

static void
test_r5_ev_settings (DemoFixture *f, gconstpointer data)
{
  programme_cycle (f, "R5E1VE", FALSE, TRUE);
  /* What the R5 cannot write is not offered. */
  g_assert_null (gui_test_find_accessible (card_of (f, TRUE), GTK_ACCESSIBLE_ROLE_BUTTON, "Add Programme"));
}

/* A programme the car reports as two groups of days (a KCA car with other
 * times on other days) has a row each, and each switch its own name. */
static void
test_split_programme_names (DemoFixture *f, gconstpointer data)
{
  CarportVehicle *vehicle = show_car (f, "X102VE");
  g_autoptr(GPtrArray) groups = g_ptr_array_new_with_free_func (g_object_unref);
  GtkWidget *card = card_of (f, FALSE);
  static const struct { guint days; const char *utc; } parts[] = { { 0x1f, "20:00" }, { 0x60, "08:00" } };

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      CarportSchedule *group = carport_schedule_new ();

      carport_schedule_set_id (group, 2);
      carport_schedule_set_kind (group, CARPORT_SCHEDULE_KIND_CHARGE);
      carport_schedule_set_activated (group, TRUE);
      carport_schedule_set_days (group, parts[i].days);
      carport_schedule_set_start_time (group, parts[i].utc);
      carport_schedule_set_start_time_is_utc (group, TRUE);
      carport_schedule_set_duration_minutes (group, 60);
      g_ptr_array_add (groups, group);
    }
  carport_charge_settings_set_schedules (carport_vehicle_get_charge_settings (vehicle), FALSE, groups);
  gui_test_flush ();

  g_assert_nonnull (gui_test_find_accessible (card, GTK_ACCESSIBLE_ROLE_SWITCH, "Programme 2 (Weekdays) on"));
  g_assert_nonnull (gui_test_find_accessible (card, GTK_ACCESSIBLE_ROLE_SWITCH, "Programme 2 (Weekends) on"));
  g_assert_null (gui_test_find_accessible (card, GTK_ACCESSIBLE_ROLE_SWITCH, "Programme 2 on"));
}

/* The duration reads as hours and minutes, and is named Duration. */
static void
test_duration_hours_minutes (DemoFixture *f, gconstpointer data)
{
  GtkWidget *card, *dialog, *duration;

  show_car (f, "X102VE");
  card = card_of (f, FALSE);
  dialog = open_dialog (gui_test_get_accessible (card, GTK_ACCESSIBLE_ROLE_BUTTON, "Add Programme"));
  duration = gui_test_get_accessible (dialog, GTK_ACCESSIBLE_ROLE_SPIN_BUTTON, "Duration");
  gtk_test_accessible_assert_property (duration, GTK_ACCESSIBLE_PROPERTY_LABEL, "Duration");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (duration), 420);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (duration)), ==, "7 h 00");
  /* Typed as hours and minutes, or as minutes. */
  gtk_editable_set_text (GTK_EDITABLE (duration), "1 h 45");
  gtk_spin_button_update (GTK_SPIN_BUTTON (duration));
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (duration)), ==, 105);
  gtk_editable_set_text (GTK_EDITABLE (duration), "90");
  gtk_spin_button_update (GTK_SPIN_BUTTON (duration));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (duration)), ==, "1 h 30");
  click_response (dialog, "Cancel");
}

/* In Always mode an enabled charge programme says it is not used, dimmed. */
static void
test_always_mode_not_active (DemoFixture *f, gconstpointer data)
{
  CarportVehicle *vehicle = show_car (f, "X102VE");
  CarportChargeSettings *settings = carport_vehicle_get_charge_settings (vehicle);
  GtkWidget *card = card_of (f, FALSE);
  g_autofree char *note = g_strdup_printf ("Not used while the charge mode is %s",
                                           carport_format_charge_mode (CARPORT_CHARGE_MODE_ALWAYS));
  GtkWidget *row;

  carport_charge_settings_set_mode (settings, CARPORT_CHARGE_MODE_SCHEDULED);
  gui_test_flush ();
  row = gtk_widget_get_ancestor (gui_test_get_accessible (card, GTK_ACCESSIBLE_ROLE_SWITCH, "Programme 1 on"),
                                 ADW_TYPE_ACTION_ROW);
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (gui_test_find_type (row, GTK_TYPE_SWITCH))));
  g_assert_false (gtk_widget_has_css_class (row, "dim-label"));
  g_assert_null (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), note));

  carport_charge_settings_set_mode (settings, CARPORT_CHARGE_MODE_ALWAYS);
  gui_test_flush ();
  row = gtk_widget_get_ancestor (gui_test_get_accessible (card, GTK_ACCESSIBLE_ROLE_SWITCH, "Programme 1 on"),
                                 ADW_TYPE_ACTION_ROW);
  g_assert_true (gtk_widget_has_css_class (row, "dim-label"));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), note));
}

/* Escape cancels: nothing is sent. No day chosen: Save waits, saying why. */
static void
test_dialog_escape_and_invalid (DemoFixture *f, gconstpointer data)
{
  CarportVehicle *vehicle = show_car (f, "X102VE");
  GtkWidget *card = card_of (f, FALSE);
  GtkWidget *dialog = open_dialog (gui_test_get_accessible (card, GTK_ACCESSIBLE_ROLE_BUTTON, "Add Programme"));
  static const char * const days[] = { "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday" };

  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "save"));
  for (guint d = 0; d < G_N_ELEMENTS (days); d++)
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (gui_test_get_accessible (dialog, GTK_ACCESSIBLE_ROLE_BUTTON,
                                                                              days[d])), FALSE);
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "save"));
  g_assert_true (gui_test_label_shown (dialog, "Choose at least one day."));
  g_signal_emit_by_name (gui_test_get_accessible (dialog, GTK_ACCESSIBLE_ROLE_BUTTON, "Every Day"), "clicked");
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "save"));
  set_spin (dialog, "Duration", 0);
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "save"));
  g_assert_true (gui_test_label_shown (dialog, "A charge lasts 15 minutes at least."));
  gui_test_assert_controls_named (dialog);

  gtk_widget_activate_action (dialog, "window.close", NULL);
  g_assert_true (gui_test_wait_until (dialog_closed, NULL, 5000));
  gui_test_flush ();
  g_assert_null (carport_session_get_command_in_flight (f->session, vehicle, CARPORT_COMMAND_KIND_CHARGE_SCHEDULE));
}

/* At 360 px the card and the editor fit: nothing wider than the window. */
static void
test_narrow (DemoFixture *f, gconstpointer data)
{
  GtkWidget *card, *dialog;
  int natural = 0;

  demo_set_width (f, 360);
  show_car (f, "X102VE");
  card = card_of (f, FALSE);
  gui_test_assert_controls_named (card);
  g_assert_cmpint (gtk_widget_get_width (card), <=, 360);
  dialog = open_dialog (programme_row (card, "Charge · 23:30"));
  gtk_widget_measure (dialog, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
  g_assert_cmpint (natural, <=, 360);
  gui_test_assert_controls_named (dialog);
  g_assert_nonnull (gui_test_find_accessible (dialog, GTK_ACCESSIBLE_ROLE_BUTTON, "Delete Programme"));
  click_response (dialog, "Cancel");
}

int
main (int argc, char *argv[])
{
  /* One hour ahead of UTC, all year. */
  g_setenv ("TZ", "XYZ-1", TRUE);
  gui_test_init (&argc, &argv);

#define ADD(path, func) g_test_add ("/gui/schedules/" path, DemoFixture, NULL, \
                                    demo_fixture_set_up, func, demo_fixture_tear_down)
  ADD ("zoe-calendar", test_zoe_calendar);
  ADD ("zoe-charging-settings", test_zoe_charging_settings);
  ADD ("zoe-hvac-settings", test_zoe_hvac_settings);
  ADD ("r5-ev-settings", test_r5_ev_settings);
  ADD ("split-programme-names", test_split_programme_names);
  ADD ("duration-hours-minutes", test_duration_hours_minutes);
  ADD ("always-mode-not-active", test_always_mode_not_active);
  ADD ("dialog-escape-and-invalid", test_dialog_escape_and_invalid);
  ADD ("narrow", test_narrow);
#undef ADD

  return g_test_run ();
}
