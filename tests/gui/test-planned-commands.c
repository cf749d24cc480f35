/* test-planned-commands.c — what is told to the car for later, on a demo
 * session, found as a screen reader finds it: a climate "ready at" says
 * "Ready at 18:50", shows as planned on the climate card and its Cancel
 * cancels it in the car (a Renault at 1100 px, a Nissan at 360); a running climate shows its target where the car
 * reports one (Nissan), nothing where it does not (Renault); "Charge
 * Later…" sends the chosen time to a car that takes one (the Megane) and the
 * charge card says when it starts, and is insensitive, saying why, on a car
 * that does not (the ZOE), its title whole. At 1100 and 360 px where the
 * layout matters.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <json-glib/json-glib.h>

#include "carport-charge-later-dialog.h"
#include "carport-climate-dialog.h"
#include "gui-test-demo.h"
#include "gui-test-util.h"

/* The demo's cars (carport-simulator.c). */
#define ZOE_PH2 "VF1X102VE00000002"
#define MEGANE  "VF1XCB1VE00000003"
#define LEAF    "SJNFAAZE1U0000001"

static const int widths[] = { 1100, 360 };

/* The simulator's state of @vin: its member @name ("plannedHvacAt"), or NULL. */
static GDateTime *
dup_sim_time (DemoFixture *f, const char *vin, const char *name)
{
  g_autofree char *json = carport_simulator_dup_car_state_json (f->sim, vin);
  g_autoptr(JsonNode) node = json_from_string (json, NULL);
  const char *text = json_object_get_string_member_with_default (json_node_get_object (node), name, NULL);

  return text ? g_date_time_new_from_iso8601 (text, NULL) : NULL;
}

typedef struct {
  DemoFixture *f;
  const char  *vin;
  const char  *name;
  GDateTime   *expected;   /* NULL: none */
} SimTime;

static gboolean
sim_time_is (gpointer data)
{
  SimTime *wanted = data;
  g_autoptr(GDateTime) when = dup_sim_time (wanted->f, wanted->vin, wanted->name);

  if (wanted->expected == NULL || when == NULL)
    return wanted->expected == when;
  return g_date_time_equal (when, wanted->expected);
}

/* Two hours from now, on five minutes, as the clock chooser takes it: the
 * next such time. */
static GDateTime *
dup_in_two_hours (int *hour, int *minute)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) later = g_date_time_add_hours (now, 2);
  g_autoptr(GDateTime) today = NULL;

  *hour = g_date_time_get_hour (later);
  *minute = g_date_time_get_minute (later) / 5 * 5;
  today = g_date_time_new_local (g_date_time_get_year (now), g_date_time_get_month (now),
                                 g_date_time_get_day_of_month (now), *hour, *minute, 0);
  if (g_date_time_compare (today, now) <= 0)
    return g_date_time_add_days (today, 1);
  return g_steal_pointer (&today);
}

/* "18:50" today, else with the day, as the app writes times to come. */
static char *
clock_text (GDateTime *when)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  if (g_date_time_get_day_of_year (when) == g_date_time_get_day_of_year (now))
    return g_date_time_format (when, "%H:%M");
  return g_date_time_format (when, "%a %e %b, %H:%M");
}

static void
set_clock (GtkWidget *dialog, int hour, int minute)
{
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (gui_test_get_accessible (dialog, GTK_ACCESSIBLE_ROLE_SPIN_BUTTON, "Hour")),
                             hour);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (gui_test_get_accessible (dialog, GTK_ACCESSIBLE_ROLE_SPIN_BUTTON, "Minute")),
                             minute);
}

static gboolean
dialog_open (gpointer data)
{
  return demo_find_toplevel (GPOINTER_TO_SIZE (data)) != NULL;
}

/* Presses @button_name and waits for the dialog of @type it opens. */
static GtkWidget *
open_dialog (DemoFixture *f, const char *button_name, GType type)
{
  demo_press (f, button_name);
  g_assert_true (gui_test_wait_until (dialog_open, GSIZE_TO_POINTER (type), 5000));
  return demo_find_toplevel (type);
}

typedef struct {
  GtkWidget  *root;
  const char *text;
} LabelWait;

static gboolean
label_gone (gpointer data)
{
  LabelWait *wait = data;

  return !gui_test_label_shown (wait->root, wait->text);
}

/* A "ready at" time: the toast says when, the climate card shows it as
 * planned, and its Cancel cancels it in the car (Renault's hvac-start
 * "cancel", Nissan's too: not "stop"). */
static void
test_ready_at (DemoFixture *f, gconstpointer data)
{
  static const char * const vins[] = { MEGANE, LEAF };

  for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
    {
      CarportVehicle *car = demo_vehicle (f, vins[w]);
      GtkWidget *dialog, *card, *cancel;
      int hour, minute;
      g_autoptr(GDateTime) ready = dup_in_two_hours (&hour, &minute);
      g_autofree char *time = clock_text (ready);
      g_autofree char *toast = g_strdup_printf ("Ready at %s", time);
      g_autofree char *planned = g_strdup_printf ("Planned: ready at %s", time);
      SimTime sim_planned = { f, vins[w], "plannedHvacAt", ready };
      SimTime sim_cancelled = { f, vins[w], "plannedHvacAt", NULL };
      LabelWait gone;

      demo_set_width (f, widths[w]);
      demo_show (f, car);
      g_assert_true (carport_vehicle_supports_command (car, CARPORT_COMMAND_KIND_HVAC_STOP));
      card = carport_vehicle_page_get_part (CARPORT_VEHICLE_PAGE (f->page), "climate_card");

      dialog = open_dialog (f, "Climate…", CARPORT_TYPE_CLIMATE_DIALOG);
      gtk_switch_set_active (GTK_SWITCH (gui_test_get_accessible (dialog, GTK_ACCESSIBLE_ROLE_SWITCH,
                                                                  "Ready at a Set Time")), TRUE);
      set_clock (dialog, hour, minute);
      adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "start");

      /* The car has it planned, the toast says when, not "Climate control is on". */
      g_assert_true (gui_test_wait_until (sim_time_is, &sim_planned, 30000));
      demo_assert_toast_soon (f, toast);
      g_assert_false (carport_simulator_get_hvac_on (f->sim, vins[w]));
      gui_test_assert_label_soon (card, planned);

      /* Cancel: the car has nothing planned any more, nor the card. */
      cancel = gui_test_get_accessible (card, GTK_ACCESSIBLE_ROLE_BUTTON, "Cancel");
      g_assert_true (gtk_widget_is_sensitive (cancel));
      gtk_widget_activate (cancel);
      g_assert_true (gui_test_wait_until (sim_time_is, &sim_cancelled, 30000));
      demo_assert_toast_soon (f, "Planned climate cancelled");
      gone = (LabelWait) { card, planned };
      g_assert_true (gui_test_wait_until (label_gone, &gone, 30000));
    }
}

/* Until the car reports the plan (here its hvac-status cannot be read), the
 * card shows the one the command just set. */
static void
test_ready_at_before_report (DemoFixture *f, gconstpointer data)
{
  CarportVehicle *megane = demo_vehicle (f, MEGANE);
  g_autoptr(GError) error = NULL;
  int hour, minute;
  g_autoptr(GDateTime) ready = dup_in_two_hours (&hour, &minute);
  g_autofree char *time = clock_text (ready);
  g_autofree char *toast = g_strdup_printf ("Ready at %s", time);
  g_autofree char *planned = g_strdup_printf ("Planned: ready at %s", time);
  GtkWidget *dialog;

  demo_show (f, megane);
  g_assert_true (carport_simulator_add_fault_from_string (f->sim, "hvac-status=malformed", &error));
  g_assert_no_error (error);
  dialog = open_dialog (f, "Climate…", CARPORT_TYPE_CLIMATE_DIALOG);
  gtk_switch_set_active (GTK_SWITCH (gui_test_get_accessible (dialog, GTK_ACCESSIBLE_ROLE_SWITCH,
                                                              "Ready at a Set Time")), TRUE);
  set_clock (dialog, hour, minute);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "start");

  demo_assert_toast_soon (f, toast);
  gui_test_assert_label_soon (carport_vehicle_page_get_part (CARPORT_VEHICLE_PAGE (f->page), "climate_card"), planned);
}

typedef struct {
  CarportVehicle *vehicle;
  double          target_c;   /* NAN: not reported */
} ClimateOn;

static gboolean
climate_on (gpointer data)
{
  ClimateOn *wanted = data;
  CarportClimate *climate = carport_vehicle_get_climate (wanted->vehicle);

  return carport_climate_get_state (climate) == CARPORT_CLIMATE_STATE_ON &&
         (isnan (wanted->target_c) || carport_climate_get_target_c (climate) == wanted->target_c);
}

/* Starts the climate now at @temperature from the page's dialog. */
static void
start_climate (DemoFixture *f, const char *temperature)
{
  GtkWidget *dialog = open_dialog (f, "Climate…", CARPORT_TYPE_CLIMATE_DIALOG);

  gtk_editable_set_text (GTK_EDITABLE (gui_test_get_accessible (dialog, GTK_ACCESSIBLE_ROLE_SPIN_BUTTON, "Temperature")),
                         temperature);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "start");
}

/* While the climate runs, the card shows the target where the car reports
 * one (Nissan's nextTargetTemperature) and nothing where it does not (no
 * brand reports the time left). */
static void
test_running_target (DemoFixture *f, gconstpointer data)
{
  CarportVehicle *leaf = demo_vehicle (f, LEAF);
  CarportVehicle *megane = demo_vehicle (f, MEGANE);
  ClimateOn leaf_on = { leaf, 22.0 };
  ClimateOn megane_on = { megane, NAN };
  g_autofree char *target = carport_format_temperature (22.0, CARPORT_TEMPERATURE_UNIT_CELSIUS);
  GtkWidget *card;

  demo_show (f, leaf);
  card = carport_vehicle_page_get_part (CARPORT_VEHICLE_PAGE (f->page), "climate_card");
  g_assert_false (gui_test_label_shown (card, "Target"));
  start_climate (f, "22");
  g_assert_true (gui_test_wait_until (climate_on, &leaf_on, 30000));
  gui_test_assert_label_soon (card, "Target");
  gui_test_assert_label_soon (card, target);

  demo_show (f, megane);
  start_climate (f, "22");
  g_assert_true (gui_test_wait_until (climate_on, &megane_on, 30000));
  gui_test_flush ();
  g_assert_true (isnan (carport_climate_get_target_c (carport_vehicle_get_climate (megane))));
  g_assert_false (gui_test_label_shown (card, "Target"));
}

static gboolean
button_sensitive (gpointer data)
{
  DemoFixture *f = data;
  GtkWidget *button = gui_test_find_accessible (f->page, GTK_ACCESSIBLE_ROLE_BUTTON, "Charge Later…");

  return button && gtk_widget_is_sensitive (button);
}

/* The Megane takes a start time (KCM charge/start): the time chosen goes to
 * the car, the toast and the charge card say when it starts. */
static void
test_charge_later (DemoFixture *f, gconstpointer data)
{
  CarportVehicle *megane = demo_vehicle (f, MEGANE);
  GtkWidget *dialog, *card;
  int hour, minute;
  g_autoptr(GDateTime) start = dup_in_two_hours (&hour, &minute);
  g_autofree char *time = clock_text (start);
  g_autofree char *starts = g_strdup_printf ("Charging starts at %s", time);
  SimTime sim_planned = { f, MEGANE, "plannedChargeAt", start };

  /* Plugged in, waiting: not charging. */
  g_assert_true (carport_capabilities_get_charge_start_time (carport_vehicle_get_capabilities (megane)));
  g_assert_true (carport_simulator_set_charge_mode (f->sim, MEGANE, "scheduled"));
  g_assert_true (carport_simulator_set_plugged (f->sim, MEGANE, FALSE));
  g_assert_true (carport_simulator_set_plugged (f->sim, MEGANE, TRUE));
  demo_show (f, megane);
  gtk_widget_activate_action (f->page, "vehicle.refresh", NULL);
  g_assert_true (gui_test_wait_until (button_sensitive, f, 30000));

  dialog = open_dialog (f, "Charge Later…", CARPORT_TYPE_CHARGE_LATER_DIALOG);
  set_clock (dialog, hour, minute);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "start");

  g_assert_true (gui_test_wait_until (sim_time_is, &sim_planned, 30000));
  demo_assert_toast_soon (f, starts);
  card = carport_vehicle_page_get_part (CARPORT_VEHICLE_PAGE (f->page), "charge_card");
  gui_test_assert_label_soon (card, starts);
}

static gboolean
title_whole (gpointer data)
{
  gui_test_flush ();
  return !pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (data)));
}

/* The ZOE's charge start takes no start time: the button is there, cannot
 * be pressed, and says why (the capability the protocol layer and the CLI
 * check too). */
static void
test_charge_later_refused (DemoFixture *f, gconstpointer data)
{
  CarportVehicle *zoe = demo_vehicle (f, ZOE_PH2);
  const char *reason = "This car can only start charging now";

  for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
    {
      GtkWidget *button;

      demo_set_width (f, widths[w]);
      demo_show (f, zoe);
      g_assert_false (carport_capabilities_get_charge_start_time (carport_vehicle_get_capabilities (zoe)));
      button = gui_test_get_accessible (f->page, GTK_ACCESSIBLE_ROLE_BUTTON, "Charge Later…");
      g_assert_true (gtk_widget_get_mapped (button));
      g_assert_false (gtk_widget_is_sensitive (button));
      g_assert_cmpstr (gtk_widget_get_tooltip_text (button), ==, reason);
      /* Its title whole, not cut off, even at 360 px (once laid out). */
      g_assert_true (gui_test_wait_until (title_whole, gui_test_find_label (button, "Charge Later…"), 5000));
      g_assert_true (gui_test_accessible_has (button, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, reason));
      /* "Charge" (now) can be pressed. */
      g_assert_true (gtk_widget_is_sensitive (gui_test_get_accessible (f->page, GTK_ACCESSIBLE_ROLE_BUTTON, "Charge")));
    }
}

int
main (int argc, char *argv[])
{
  gui_test_init (&argc, &argv);

#define ADD(path, func) g_test_add ("/gui/planned-commands/" path, DemoFixture, NULL, \
                                    demo_fixture_set_up, func, demo_fixture_tear_down)
  ADD ("ready-at", test_ready_at);
  ADD ("ready-at-before-report", test_ready_at_before_report);
  ADD ("running-target", test_running_target);
  ADD ("charge-later", test_charge_later);
  ADD ("charge-later-refused", test_charge_later_refused);
#undef ADD

  return g_test_run ();
}
