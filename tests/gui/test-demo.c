/* test-demo.c — the whole window on a demo session (the in-process
 * simulator): cards show the simulator's values, commands show their
 * progress and end in the car's new state, errors keep the last values.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "carport-api-error.h"
#include "carport-card.h"
#include "carport-closures.h"
#include "carport-command-button.h"
#include "carport-command-lock.h"
#include "carport-demo.h"
#include "carport-error-banner.h"
#include "carport-simulator.h"
#include "carport-vehicle-page.h"
#include "carport-window.h"
#include "carport-error-banner.h"
#include "gui-test-demo.h"
#include "gui-test-util.h"

typedef DemoFixture Fixture;

static void
test_lists_the_cars (Fixture *f, gconstpointer data)
{
  GtkListBox *list = GTK_LIST_BOX (carport_window_get_part (f->window, "vehicle_list"));
  g_auto(GStrv) vins = carport_simulator_dup_vins (f->sim);
  g_auto(GStrv) nissan_vins = carport_simulator_dup_nissan_vins (f->sim);
  g_autofree char *labels = NULL;
  guint rows = 0;

  /* The Renault and the Nissan demo accounts, their cars in one list, each
   * row naming its brand. */
  while (gtk_list_box_get_row_at_index (list, rows))
    rows++;
  g_assert_cmpuint (g_list_model_get_n_items (carport_session_get_accounts (f->session)), ==, 2);
  g_assert_cmpuint (g_strv_length (nissan_vins), >, 0);
  g_assert_cmpuint (rows, ==, g_strv_length (vins) + g_strv_length (nissan_vins));
  labels = gui_test_dump_labels (GTK_WIDGET (list));
  g_assert_nonnull (strstr (labels, "|Nissan "));
  g_assert_nonnull (strstr (labels, "|Renault "));
  g_assert_cmpuint (rows, >=, 2);
  g_assert_true (gtk_widget_is_visible (carport_window_get_part (f->window, "sidebar")));
  g_assert_nonnull (carport_window_get_vehicle (f->window));
}

static void
test_cards_show_simulator_values (Fixture *f, gconstpointer data)
{
  CarportVehicle *vehicle = demo_find_vehicle (f, CARPORT_COMMAND_KIND_HVAC_START, CARPORT_ENDPOINT_BATTERY_STATUS);
  g_autofree char *level = NULL;
  int sim_level;

  g_assert_nonnull (vehicle);
  demo_show (f, vehicle);

  /* The simulator's own number, through the model, into the card. */
  sim_level = carport_simulator_get_battery_level (f->sim, carport_vehicle_get_vin (vehicle));
  g_assert_cmpint (carport_battery_get_level_percent (carport_vehicle_get_battery (vehicle)), ==, sim_level);
  level = carport_format_percent (sim_level);
  gui_test_assert_label_soon (carport_vehicle_page_get_part (CARPORT_VEHICLE_PAGE (f->page), "battery_card"), level);

  /* The header names the car. */
  gui_test_assert_label_soon (GTK_WIDGET (f->window), carport_vehicle_get_display_name (vehicle));

  /* Unsupported cards are hidden, supported ones shown. */
  for (guint i = 0; i < 8; i++)
    {
      static const struct { const char *id; guint endpoints; } cards[] = {
        { "battery_card", 1u << CARPORT_ENDPOINT_BATTERY_STATUS },
        { "cockpit_card", 1u << CARPORT_ENDPOINT_COCKPIT },
        { "climate_card", 1u << CARPORT_ENDPOINT_HVAC_STATUS },
        { "location_card", 1u << CARPORT_ENDPOINT_LOCATION },
        { "locks_card", 1u << CARPORT_ENDPOINT_LOCK_STATUS },
        { "tyres_card", 1u << CARPORT_ENDPOINT_PRESSURE },
        { "trips_card", 1u << CARPORT_ENDPOINT_TRIP_HISTORY },
        { "charge_card", (1u << CARPORT_ENDPOINT_CHARGE_MODE) | (1u << CARPORT_ENDPOINT_SOC_LEVELS) |
                         (1u << CARPORT_ENDPOINT_CHARGE_SCHEDULE) | (1u << CARPORT_ENDPOINT_CHARGING_SETTINGS) |
                         (1u << CARPORT_ENDPOINT_EV_SETTINGS) },
      };
      GtkWidget *card = carport_vehicle_page_get_part (CARPORT_VEHICLE_PAGE (f->page), cards[i].id);
      gboolean supported = (carport_vehicle_get_supported_endpoints (vehicle) & cards[i].endpoints) != 0;

      g_assert_cmpint (gtk_widget_is_visible (card), ==, supported);
    }
  /* No demo car reports its locks (404 on every model): that card is hidden. */
  g_assert_false (gtk_widget_is_visible (carport_vehicle_page_get_part (CARPORT_VEHICLE_PAGE (f->page), "locks_card")));
}

typedef struct {
  CarportCommandButton *button;
  const char           *text;
} ButtonWait;

static gboolean
button_says (gpointer data)
{
  ButtonWait *w = data;

  return g_strcmp0 (carport_command_button_get_status_text (w->button), w->text) == 0;
}

static gboolean
button_in_flight (gpointer data)
{
  ButtonWait *w = data;
  CarportCommand *command = carport_command_button_get_command (w->button);

  return command && carport_command_get_in_flight (command);
}

static gboolean
dialog_open (gpointer data)
{
  return demo_find_toplevel (ADW_TYPE_MESSAGE_DIALOG) != NULL;
}

static gboolean
sim_hvac_on (gpointer data)
{
  Fixture *f = data;
  CarportVehicle *vehicle = carport_window_get_vehicle (f->window);

  return carport_simulator_get_hvac_on (f->sim, carport_vehicle_get_vin (vehicle));
}

static void
test_climate_command (Fixture *f, gconstpointer data)
{
  CarportVehicle *vehicle = demo_find_vehicle (f, CARPORT_COMMAND_KIND_HVAC_START, CARPORT_ENDPOINT_HVAC_STATUS);
  CarportVehiclePage *page = CARPORT_VEHICLE_PAGE (f->page);
  CarportCommandButton *button;
  AdwMessageDialog *dialog;
  ButtonWait wait;
  g_autofree char *toast = NULL;

  g_assert_nonnull (vehicle);
  demo_show (f, vehicle);
  g_assert_false (carport_simulator_get_hvac_on (f->sim, carport_vehicle_get_vin (vehicle)));

  button = CARPORT_COMMAND_BUTTON (gui_test_get_accessible (f->page, GTK_ACCESSIBLE_ROLE_BUTTON, "Climate…"));
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (button)));
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (button)));

  /* The button asks for the temperature first. */
  g_signal_emit_by_name (button, "clicked");
  g_assert_true (gui_test_wait_until (dialog_open, NULL, 5000));
  dialog = ADW_MESSAGE_DIALOG (demo_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  adw_message_dialog_response (dialog, "start");

  /* Progress: sending / waiting for the car, and no second send. */
  wait.button = button;
  g_assert_true (gui_test_wait_until (button_in_flight, &wait, 5000));
  g_assert_true (g_str_equal (carport_command_button_get_status_text (button), "Sending…") ||
                 g_str_equal (carport_command_button_get_status_text (button), "Waiting for the car…"));
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (button)));
  g_assert_cmpfloat (carport_command_get_temperature_c (carport_command_button_get_command (button)), ==, 21.0);

  /* Final state: done, in the button, a toast, the card, and the simulator. */
  wait.text = "Done";
  g_assert_true (gui_test_wait_until (button_says, &wait, 30000));
  g_assert_cmpint (carport_command_get_state (carport_command_button_get_command (button)), ==,
                   CARPORT_COMMAND_STATE_COMPLETED);
  g_assert_true (sim_hvac_on (f));
  toast = g_strdup (carport_closures_command_outcome (CARPORT_COMMAND_KIND_HVAC_START, TRUE));
  gui_test_assert_label_soon (carport_window_get_part (f->window, "toast_overlay"), toast);
  gui_test_assert_label_soon (carport_vehicle_page_get_part (page, "climate_card"),
                     carport_format_climate_state (CARPORT_CLIMATE_STATE_ON));
  /* Climate is on: "Stop" replaces "Start". */
  g_assert_nonnull (gui_test_find_accessible (f->page, GTK_ACCESSIBLE_ROLE_BUTTON, "Stop Climate"));
}

static gboolean
dialog_closed (gpointer data)
{
  return !dialog_open (data);
}

/* The climate dialog offers exactly what the car takes: its range and steps. */
static void
test_climate_dialog_range (Fixture *f, gconstpointer data)
{
  static const struct { CarportBrand brand; CarportClimateRange range; } cases[] = {
    { CARPORT_BRAND_RENAULT, { 15.0, 25.0, 0.5 } },
    { CARPORT_BRAND_NISSAN, { 16.0, 26.0, 1.0 } },
  };
  GListModel *vehicles = carport_session_get_vehicles (f->session);

  for (gsize c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      CarportVehicle *vehicle = NULL;
      GtkWidget *button, *dialog;
      GtkAdjustment *adjustment;

      for (guint i = 0; i < g_list_model_get_n_items (vehicles) && vehicle == NULL; i++)
        {
          g_autoptr(CarportVehicle) item = g_list_model_get_item (vehicles, i);

          if (carport_vehicle_get_brand (item) == cases[c].brand &&
              carport_vehicle_supports_command (item, CARPORT_COMMAND_KIND_HVAC_START))
            vehicle = item;  /* the session keeps it alive */
        }
      g_assert_nonnull (vehicle);
      demo_show (f, vehicle);

      button = gui_test_get_accessible (f->page, GTK_ACCESSIBLE_ROLE_BUTTON, "Climate…");
      g_signal_emit_by_name (button, "clicked");
      g_assert_true (gui_test_wait_until (dialog_open, NULL, 5000));
      dialog = demo_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);

      /* The temperature comes first, before the hour and the minute. */
      adjustment = gtk_spin_button_get_adjustment (GTK_SPIN_BUTTON (gui_test_find_type (dialog, GTK_TYPE_SPIN_BUTTON)));
      g_assert_cmpfloat (gtk_adjustment_get_lower (adjustment), ==, cases[c].range.min_c);
      g_assert_cmpfloat (gtk_adjustment_get_upper (adjustment), ==, cases[c].range.max_c);
      g_assert_cmpfloat (gtk_adjustment_get_step_increment (adjustment), ==, cases[c].range.step_c);
      g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, 21.0);

      adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
      gtk_window_destroy (GTK_WINDOW (dialog));
      g_assert_true (gui_test_wait_until (dialog_closed, NULL, 5000));
    }
}

/* Presses @button, gives its dialog @response and waits until the button
 * says @text. */
static void
press_and_answer (CarportCommandButton *button,
                  const char           *response,
                  const char           *text)
{
  ButtonWait wait = { button, text };

  g_signal_emit_by_name (button, "clicked");
  g_assert_true (gui_test_wait_until (dialog_open, NULL, 5000));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (demo_find_toplevel (ADW_TYPE_MESSAGE_DIALOG)), response);
  g_assert_true (gui_test_wait_until (button_says, &wait, 30000));
}

static void
test_horn_asks_first (Fixture *f, gconstpointer data)
{
  CarportVehicle *vehicle = demo_find_vehicle (f, CARPORT_COMMAND_KIND_HORN, CARPORT_ENDPOINT_BATTERY_STATUS);
  CarportCommandButton *button;

  if (vehicle == NULL)
    {
      g_test_skip ("no demo car has a horn");
      return;
    }
  demo_show (f, vehicle);
  button = CARPORT_COMMAND_BUTTON (gui_test_get_accessible (f->page, GTK_ACCESSIBLE_ROLE_BUTTON, "Horn…"));

  /* Cancel: nothing is sent. */
  g_signal_emit_by_name (button, "clicked");
  g_assert_true (gui_test_wait_until (dialog_open, NULL, 5000));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (demo_find_toplevel (ADW_TYPE_MESSAGE_DIALOG)), "cancel");
  gui_test_flush ();
  g_assert_null (carport_command_button_get_command (button));

  /* Confirm: sent and done. */
  press_and_answer (button, "send", "Done");
}

/* The toast the page shows for @button's command, which did not complete. */
static char *
expected_failure_toast (CarportCommandButton *button)
{
  CarportCommand *command = carport_command_button_get_command (button);
  g_autoptr(GError) why = g_error_new_literal (CARPORT_API_ERROR, CARPORT_API_ERROR_FAILED,
                                               carport_command_get_message (command));

  return carport_closures_command_toast (command, why);
}

/* The horn's sending gets no answer and nothing shows whether it sounded:
 * "unknown" in the button and the toast, never "failed". */
static void
test_horn_outcome_unknown (Fixture *f, gconstpointer data)
{
  CarportVehicle *vehicle = demo_find_vehicle (f, CARPORT_COMMAND_KIND_HORN, CARPORT_ENDPOINT_BATTERY_STATUS);
  CarportCommandButton *button;
  g_autoptr(GError) error = NULL;
  g_autofree char *toast = NULL;

  g_assert_nonnull (vehicle);
  demo_show (f, vehicle);
  g_object_set (f->session, "request-deadline", 1, NULL);
  g_assert_true (carport_simulator_add_fault_from_string (f->sim, "horn-lights=drip:300", &error));
  g_assert_no_error (error);

  button = CARPORT_COMMAND_BUTTON (gui_test_get_accessible (f->page, GTK_ACCESSIBLE_ROLE_BUTTON, "Horn…"));
  press_and_answer (button, "send", "Result unknown");
  g_assert_cmpint (carport_command_get_state (carport_command_button_get_command (button)), ==,
                   CARPORT_COMMAND_STATE_UNKNOWN);

  toast = expected_failure_toast (button);
  g_assert_true (g_str_has_prefix (toast, "Sound the horn: outcome unknown: "));
  gui_test_assert_label_soon (carport_window_get_part (f->window, "toast_overlay"), toast);
}

/* carport-cli (another process) is starting this car's climate: the page
 * sends nothing and says why. */
static void
test_command_in_progress_elsewhere (Fixture *f, gconstpointer data)
{
  CarportVehicle *vehicle = demo_find_vehicle (f, CARPORT_COMMAND_KIND_HVAC_START, CARPORT_ENDPOINT_HVAC_STATUS);
  g_autoptr(CarportCommandLock) other = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *toast = NULL;
  CarportCommandButton *button;

  g_assert_nonnull (vehicle);
  demo_show (f, vehicle);
  /* A lock of its own (another open file) stands for the other process. */
  other = carport_command_lock_acquire (carport_vehicle_get_account_id (vehicle), carport_vehicle_get_vin (vehicle),
                                        CARPORT_COMMAND_KIND_HVAC_START, &error);
  g_assert_no_error (error);

  button = CARPORT_COMMAND_BUTTON (gui_test_get_accessible (f->page, GTK_ACCESSIBLE_ROLE_BUTTON, "Climate…"));
  press_and_answer (button, "start", "Failed");

  toast = expected_failure_toast (button);
  g_assert_nonnull (strstr (toast, "already in progress"));
  gui_test_assert_label_soon (carport_window_get_part (f->window, "toast_overlay"), toast);
  g_assert_cmpuint (carport_simulator_get_endpoint_request_count (f->sim, "actions/hvac-start"), ==, 0);
  g_assert_false (carport_simulator_get_hvac_on (f->sim, carport_vehicle_get_vin (vehicle)));
}

/* The frame of the card titled @title, as a screen reader finds it. */
static GtkWidget *
card_frame (Fixture *f, const char *title)
{
  return gui_test_get_accessible (f->page, GTK_ACCESSIBLE_ROLE_GROUP, title);
}

static gboolean
has_error (gpointer data)
{
  const char *error = carport_vehicle_get_last_error (CARPORT_VEHICLE (data));

  return error != NULL && *error != '\0';
}

static void
test_error_keeps_last_values (Fixture *f, gconstpointer data)
{
  CarportVehicle *vehicle = demo_find_vehicle (f, CARPORT_COMMAND_KIND_HVAC_START, CARPORT_ENDPOINT_BATTERY_STATUS);
  CarportVehiclePage *page = CARPORT_VEHICLE_PAGE (f->page);
  g_autofree char *level = NULL;
  g_autoptr(GError) error = NULL;

  demo_show (f, vehicle);
  level = carport_format_percent (carport_battery_get_level_percent (carport_vehicle_get_battery (vehicle)));
  gui_test_assert_label_soon (carport_vehicle_page_get_part (page, "battery_card"), level);

  /* The server rate-limits every request. */
  g_assert_true (carport_simulator_add_fault_from_string (f->sim, "*=quota", &error));
  g_assert_no_error (error);

  gtk_widget_activate_action (f->page, "vehicle.refresh", NULL);
  g_assert_true (gui_test_wait_until (has_error, vehicle, 30000));

  /* The explanation is shown and the values stay. */
  gui_test_assert_label_soon (carport_vehicle_page_get_part (page, "error_banner"), carport_vehicle_get_last_error (vehicle));
  gui_test_assert_label_soon (carport_vehicle_page_get_part (page, "battery_card"), level);
  g_assert_true (gtk_widget_is_visible (carport_vehicle_page_get_part (page, "battery_card")));
  /* Said once, in the banner: not again on every card. */
  g_assert_null (carport_card_get_problem_text (CARPORT_CARD (card_frame (f, "Battery"))));
  carport_simulator_clear_faults (f->sim);
}

static gboolean
refresh_done (gpointer data)
{
  DemoFixture *f = data;

  return gtk_widget_is_sensitive (f->page) &&
         !carport_vehicle_get_refreshing (carport_window_get_vehicle (f->window)) &&
         g_object_get_data (G_OBJECT (f->window), "refreshed") != NULL;
}

static void
refreshed_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  DemoFixture *f = user_data;

  carport_session_refresh_finish (CARPORT_SESSION (object), result, NULL);
  g_object_set_data (G_OBJECT (f->window), "refreshed", GINT_TO_POINTER (TRUE));
}

/* Refreshes the shown car and waits for the end. */
static void
refresh_shown (DemoFixture *f)
{
  g_object_set_data (G_OBJECT (f->window), "refreshed", NULL);
  carport_session_refresh_async (f->session, carport_window_get_vehicle (f->window), NULL, refreshed_cb, f);
  g_assert_true (gui_test_wait_until (refresh_done, f, 30000));
  gui_test_flush ();
}

/* Some endpoints fail, others answer: the cards of those that failed say
 * "Not updated" and why, keeping their values; the others and the banner
 * say nothing. At 1100 px and at 360 px. */
static void
test_partial_failure_on_cards (Fixture *f, gconstpointer data)
{
  CarportVehicle *megane = carport_session_find_vehicle (f->session, "VF1XCB1VE00000003");
  static const int widths[] = { 1100, 360 };

  for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
    {
      g_autofree char *level = NULL;
      g_autoptr(GError) error = NULL;
      const char *reason;
      GtkWidget *battery, *charge;

      demo_set_width (f, widths[w]);
      demo_show (f, megane);
      level = carport_format_percent (carport_battery_get_level_percent (carport_vehicle_get_battery (megane)));

      g_assert_true (carport_simulator_add_fault_from_string (f->sim, "battery-status=quota", &error));
      g_assert_true (carport_simulator_add_fault_from_string (f->sim, "soc-levels=malformed", &error));
      g_assert_no_error (error);
      refresh_shown (f);
      g_assert_null (carport_vehicle_get_last_error (megane));

      /* The battery: quota. Its card says so in a few words, the tooltip
       * and a screen reader get the whole reason; the level stays. */
      reason = carport_vehicle_get_endpoint_error (megane, CARPORT_ENDPOINT_BATTERY_STATUS);
      g_assert_nonnull (reason);
      battery = card_frame (f, "Battery");
      g_assert_cmpstr (carport_card_get_problem_text (CARPORT_CARD (battery)), ==,
                       "Not updated: The car maker's servers are limiting requests right now.");
      gui_test_assert_label_soon (battery, "Not updated: The car maker's servers are limiting requests right now.");
      g_assert_cmpstr (gtk_widget_get_tooltip_text (gtk_widget_get_parent (gui_test_find_label (battery, "Not updated: The car maker's servers are limiting requests right now."))), ==, reason);
      g_assert_true (gui_test_accessible_has (battery, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                              "Not updated: The car maker's servers are limiting requests right now."));
      gui_test_assert_label_soon (battery, level);
      g_assert_cmpint (gtk_widget_get_width (battery), <=, widths[w]);

      /* The charge limits: a malformed answer; the card's other endpoints answered. */
      charge = card_frame (f, "Charge Mode");
      /* In a few words: the details in brackets are left to the tooltip. */
      g_assert_cmpstr (carport_card_get_problem_text (CARPORT_CARD (charge)), ==,
                       "Not updated: The car maker's servers answered with something Carport does not understand.");

      /* The others and the banner say nothing. */
      g_assert_null (carport_card_get_problem_text (CARPORT_CARD (card_frame (f, "Odometer"))));
      g_assert_false (carport_error_banner_get_revealed (CARPORT_ERROR_BANNER (carport_vehicle_page_get_part (CARPORT_VEHICLE_PAGE (f->page),
                                                                                                             "error_banner"))));

      /* Answers again: the notes go. */
      carport_simulator_clear_faults (f->sim);
      refresh_shown (f);
      g_assert_null (carport_card_get_problem_text (CARPORT_CARD (battery)));
      g_assert_null (carport_card_get_problem_text (CARPORT_CARD (charge)));
    }
}

static gboolean
leaflet_folded (gpointer leaflet)
{
  return adw_leaflet_get_folded (leaflet);
}

static void
test_narrow_window (Fixture *f, gconstpointer data)
{
  AdwLeaflet *leaflet = ADW_LEAFLET (carport_window_get_part (f->window, "leaflet"));
  GtkListBox *list = GTK_LIST_BOX (carport_window_get_part (f->window, "vehicle_list"));

  gtk_window_set_default_size (GTK_WINDOW (f->window), 360, 640);
  gtk_widget_queue_resize (GTK_WIDGET (f->window));
  /* However busy the main loop is (pictures, map tiles), until it folds. */
  gui_test_wait_until (leaflet_folded, leaflet, 10000);

  g_assert_true (adw_leaflet_get_folded (leaflet));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->window)), <=, 360);

  /* Choosing a car goes to its page; back goes to the list. */
  g_signal_emit_by_name (list, "row-activated", gtk_list_box_get_row_at_index (list, 1));
  gui_test_flush ();
  g_assert_true (adw_leaflet_get_visible_child (leaflet) ==
                 gtk_widget_get_parent (f->page));
  g_assert_true (gtk_widget_is_visible (carport_window_get_part (f->window, "back_button")));
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.back", NULL);
  gui_test_flush ();
  g_assert_true (adw_leaflet_get_visible_child (leaflet) == carport_window_get_part (f->window, "sidebar"));
}

/* A phone's width, on the car's page (the list is one step back). */
static void
make_narrow (Fixture *f)
{
  AdwLeaflet *leaflet = ADW_LEAFLET (carport_window_get_part (f->window, "leaflet"));

  gtk_window_set_default_size (GTK_WINDOW (f->window), 360, 640);
  gtk_widget_queue_resize (GTK_WIDGET (f->window));
  /* However busy the main loop is (pictures, map tiles), until it folds. */
  gui_test_wait_until (leaflet_folded, leaflet, 10000);
  g_assert_true (adw_leaflet_get_folded (leaflet));
  adw_leaflet_set_visible_child (leaflet, gtk_widget_get_parent (f->page));
}

/* The demo says so (the application sets it), with "Leave Demo" where a real
 * account has "Log Out"; wrapped, never cut off, when narrow. */
static void
test_says_so (Fixture *f, gconstpointer data)
{
  const char *text = "Demo — these cars are simulated; nothing is sent anywhere.";
  GtkWidget *label, *leave;

  if (GPOINTER_TO_INT (data) == 360)
    make_narrow (f);
  g_assert_null (gui_test_find_accessible (GTK_WIDGET (f->window), GTK_ACCESSIBLE_ROLE_BUTTON, "Leave Demo"));
  carport_window_set_demo (f->window, TRUE);
  gui_test_assert_label_soon (GTK_WIDGET (f->window), text);
  label = gui_test_find_label (GTK_WIDGET (f->window), text);
  g_assert_true (gtk_label_get_wrap (GTK_LABEL (label)));
  g_assert_cmpint (gtk_label_get_ellipsize (GTK_LABEL (label)), ==, PANGO_ELLIPSIZE_NONE);
  leave = gui_test_find_accessible (GTK_WIDGET (f->window), GTK_ACCESSIBLE_ROLE_BUTTON, "Leave Demo");
  g_assert_nonnull (leave);
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (leave)), ==, "app.leave-demo");
  g_assert_cmpstr (adw_window_title_get_subtitle (ADW_WINDOW_TITLE (carport_window_get_part (f->window, "sidebar_title"))),
                   ==, "Demo — simulated cars");

  /* No "Log Out" (nor "Add Account") in the demo: nothing asks. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.logout", NULL);
  gui_test_flush ();
  g_assert_false (dialog_open (NULL));

  carport_window_set_demo (f->window, FALSE);
  gui_test_flush ();
  g_assert_cmpstr (adw_window_title_get_subtitle (ADW_WINDOW_TITLE (carport_window_get_part (f->window, "sidebar_title"))),
                   ==, "");
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.logout", NULL);
  g_assert_true (gui_test_wait_until (dialog_open, NULL, 5000));
}

static gboolean
banner_hidden (gpointer data)
{
  return !gtk_widget_get_visible (data);
}

/* A refresh that failed for every car: a sentence, the details, a Retry
 * that refreshes (and, done, takes the banner away). */
static void
test_refresh_error (Fixture *f, gconstpointer data)
{
  GtkWidget *banner = carport_window_get_part (f->window, "error_banner");
  g_autoptr(GError) error = NULL;
  GtkWidget *retry;

  if (GPOINTER_TO_INT (data) == 360)
    make_narrow (f);
  carport_api_set_error (&error, CARPORT_API_ERROR_SERVER, "HTTP 502 Bad Gateway");
  carport_window_show_refresh_result (f->window, error);
  gui_test_assert_label_soon (banner, "The car maker's servers are having trouble right now. Try again later.");
  g_assert_nonnull (gui_test_find_accessible (banner, GTK_ACCESSIBLE_ROLE_BUTTON, "Details"));
  retry = gui_test_find_accessible (banner, GTK_ACCESSIBLE_ROLE_BUTTON, "Retry");
  g_assert_nonnull (retry);
  g_assert_cmpint (gtk_widget_get_width (banner), <=, gtk_widget_get_width (GTK_WIDGET (f->window)));

  g_signal_emit_by_name (retry, "clicked");
  g_assert_true (gui_test_wait_until (banner_hidden, banner, 30000));
}

static CarportVehicle *
find_brand (Fixture      *f,
            CarportBrand  brand)
{
  GListModel *vehicles = carport_session_get_vehicles (f->session);

  for (guint i = 0; i < g_list_model_get_n_items (vehicles); i++)
    {
      g_autoptr(CarportVehicle) vehicle = g_list_model_get_item (vehicles, i);

      if (carport_vehicle_get_brand (vehicle) == brand)
        return vehicle;  /* the session keeps it alive */
    }
  return NULL;
}

static gboolean
trips_read (gpointer data)
{
  CarportTripSummary month;

  carport_trips_get_summary (carport_vehicle_get_trips (data), CARPORT_TRIPS_PERIOD_MONTH, &month);
  return month.trips >= 0;
}

/* The demo Leaf has trip history (service 235): its card shows this
 * month's distance and trips from the simulator; a Renault has no card. */
static void
test_trips_card (Fixture *f, gconstpointer data)
{
  CarportVehicle *leaf = demo_find_vehicle (f, CARPORT_COMMAND_KIND_REFRESH_BATTERY, CARPORT_ENDPOINT_TRIP_HISTORY);
  CarportVehicle *renault = find_brand (f, CARPORT_BRAND_RENAULT);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) now_utc = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) yesterday_utc = g_date_time_add_days (now_utc, -1);
  GtkWidget *card;
  CarportTripSummary month;
  g_autofree char *count = NULL;
  g_autofree char *distance = NULL;

  g_assert_nonnull (leaf);
  g_assert_cmpstr (carport_vehicle_get_model_name (leaf), ==, "Leaf");
  demo_show (f, leaf);
  g_assert_true (gui_test_wait_until (trips_read, leaf, 10000));
  card = carport_vehicle_page_get_part (CARPORT_VEHICLE_PAGE (f->page), "trips_card");
  g_assert_true (gtk_widget_is_visible (card));

  carport_trips_get_summary (carport_vehicle_get_trips (leaf), CARPORT_TRIPS_PERIOD_MONTH, &month);
  /* The simulator's month is yesterday's (UTC): this month's unless today is the 1st. */
  g_assert_cmpint (month.trips, ==, g_date_time_get_month (yesterday_utc) == g_date_time_get_month (now) ? 33 : 0);
  count = carport_format_trip_count (month.trips);
  distance = carport_format_distance_grouped (month.distance_km, CARPORT_DISTANCE_UNIT_KILOMETRES);
  gui_test_assert_label_soon (card, count);
  gui_test_assert_label_soon (card, distance);

  g_assert_nonnull (renault);
  g_assert_false (carport_vehicle_supports_endpoint (renault, CARPORT_ENDPOINT_TRIP_HISTORY));
  demo_show (f, renault);
  g_assert_false (gtk_widget_is_visible (carport_vehicle_page_get_part (CARPORT_VEHICLE_PAGE (f->page), "trips_card")));
}

/* Cars are named as people write them, and the page does not repeat the
 * plate that the window's title shows. */
static void
test_names_as_people_write_them (Fixture *f, gconstpointer data)
{
  static const struct { const char *vin, *name; } cars[] = {
    { "VF1XCB1VE00000003", "Renault Megane E-Tech" },
    { "VF1R5E1VE00000005", "Renault 5" },
    { "UU1XBG1VE00000004", "Dacia Spring" },
    { "VF1X101VE00000001", "Renault ZOE" },
    { "SJNFAAZE1U0000001", "Nissan Leaf" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cars); i++)
    {
      CarportVehicle *vehicle = carport_session_find_vehicle (f->session, cars[i].vin);
      const char *plate = carport_vehicle_get_registration (vehicle);

      g_auto(GStrv) parts = g_strsplit (cars[i].name, "-", -1);
      /* The page's title does not break after a hyphen. */
      g_autofree char *title = g_strjoinv ("\u2011", parts);

      demo_show (f, vehicle);
      gui_test_assert_label_soon (f->page, title);
      gui_test_assert_label_soon (carport_window_get_part (f->window, "vehicle_list"), cars[i].name);
      g_assert_nonnull (plate);
      gui_test_assert_label_soon (GTK_WIDGET (f->window), plate);
      g_assert_false (gui_test_label_shown (f->page, plate));
    }
}

static gboolean
waits_for_planned_charge (gpointer data)
{
  return carport_battery_get_charging (carport_vehicle_get_battery (CARPORT_VEHICLE (data))) ==
         CARPORT_CHARGING_STATE_WAITING_PLANNED;
}

/* A car plugged in waiting for its planned charge reports 0 minutes to full:
 * no "Time to full 0 min" beside "Waiting for planned charge". */
static void
test_no_time_to_full_while_waiting (Fixture *f, gconstpointer data)
{
  CarportVehicle *r5 = carport_session_find_vehicle (f->session, "VF1R5E1VE00000005");
  GtkWidget *battery;

  demo_show (f, r5);
  g_assert_true (carport_simulator_set_plugged (f->sim, "VF1R5E1VE00000005", TRUE));
  gtk_widget_activate_action (f->page, "vehicle.refresh", NULL);
  g_assert_true (gui_test_wait_until (waits_for_planned_charge, r5, 30000));
  g_assert_cmpint (carport_battery_get_remaining_minutes (carport_vehicle_get_battery (r5)), ==, 0);

  battery = card_frame (f, "Battery");
  gui_test_assert_label_soon (battery, carport_format_charging_state (CARPORT_CHARGING_STATE_WAITING_PLANNED));
  g_assert_false (gui_test_label_shown (battery, "Time to full"));
}

static gboolean
ask_car_enabled (gpointer data)
{
  Fixture *f = data;

  return gtk_widget_is_sensitive (carport_vehicle_page_get_part (CARPORT_VEHICLE_PAGE (f->page), "wake_button"));
}

/* "Ask the Car Now" sends the refresh commands the car supports (it wakes
 * the car, and says so), then is pressable again. */
static void
test_ask_car (Fixture *f, gconstpointer data)
{
  CarportVehicle *vehicle = demo_find_vehicle (f, CARPORT_COMMAND_KIND_REFRESH_LOCATION, CARPORT_ENDPOINT_LOCATION);
  GtkWidget *button;
  guint before;

  g_assert_nonnull (vehicle);
  demo_show (f, vehicle);
  button = carport_vehicle_page_get_part (CARPORT_VEHICLE_PAGE (f->page), "wake_button");
  g_assert_true (gtk_widget_is_visible (button));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (button), "12 V battery"));
  g_assert_true (ask_car_enabled (f));

  before = carport_simulator_get_request_count (f->sim);
  gtk_widget_activate_action (f->page, "vehicle.ask-car", NULL);
  g_assert_false (ask_car_enabled (f));
  g_assert_nonnull (carport_session_get_command_in_flight (f->session, vehicle, CARPORT_COMMAND_KIND_REFRESH_LOCATION));
  g_assert_true (gui_test_wait_until (ask_car_enabled, f, 30000));
  g_assert_cmpuint (carport_simulator_get_request_count (f->sim), >, before);
}

int
main (int argc, char *argv[])
{
  gui_test_init (&argc, &argv);

  g_test_add ("/gui/demo/lists-the-cars", Fixture, NULL, demo_fixture_set_up, test_lists_the_cars, demo_fixture_tear_down);
  g_test_add ("/gui/demo/cards-show-simulator-values", Fixture, NULL, demo_fixture_set_up,
              test_cards_show_simulator_values, demo_fixture_tear_down);
  g_test_add ("/gui/demo/climate-command", Fixture, NULL, demo_fixture_set_up, test_climate_command, demo_fixture_tear_down);
  g_test_add ("/gui/demo/climate-dialog-range", Fixture, NULL, demo_fixture_set_up, test_climate_dialog_range,
              demo_fixture_tear_down);
  g_test_add ("/gui/demo/horn-asks-first", Fixture, NULL, demo_fixture_set_up, test_horn_asks_first, demo_fixture_tear_down);
  g_test_add ("/gui/demo/horn-outcome-unknown", Fixture, NULL, demo_fixture_set_up, test_horn_outcome_unknown,
              demo_fixture_tear_down);
  g_test_add ("/gui/demo/command-in-progress-elsewhere", Fixture, NULL, demo_fixture_set_up,
              test_command_in_progress_elsewhere, demo_fixture_tear_down);
  g_test_add ("/gui/demo/error-keeps-last-values", Fixture, NULL, demo_fixture_set_up,
              test_error_keeps_last_values, demo_fixture_tear_down);
  g_test_add ("/gui/demo/partial-failure-on-cards", Fixture, NULL, demo_fixture_set_up,
              test_partial_failure_on_cards, demo_fixture_tear_down);
  g_test_add ("/gui/demo/names-as-people-write-them", Fixture, NULL, demo_fixture_set_up,
              test_names_as_people_write_them, demo_fixture_tear_down);
  g_test_add ("/gui/demo/no-time-to-full-while-waiting", Fixture, NULL, demo_fixture_set_up,
              test_no_time_to_full_while_waiting, demo_fixture_tear_down);
  g_test_add ("/gui/demo/ask-car", Fixture, NULL, demo_fixture_set_up, test_ask_car, demo_fixture_tear_down);
  g_test_add ("/gui/demo/trips-card", Fixture, NULL, demo_fixture_set_up, test_trips_card, demo_fixture_tear_down);
  g_test_add ("/gui/demo/narrow-window", Fixture, NULL, demo_fixture_set_up, test_narrow_window, demo_fixture_tear_down);
  g_test_add ("/gui/demo/says-so/1100", Fixture, GINT_TO_POINTER (1100), demo_fixture_set_up, test_says_so,
              demo_fixture_tear_down);
  g_test_add ("/gui/demo/says-so/360", Fixture, GINT_TO_POINTER (360), demo_fixture_set_up, test_says_so,
              demo_fixture_tear_down);
  g_test_add ("/gui/demo/refresh-error/1100", Fixture, GINT_TO_POINTER (1100), demo_fixture_set_up, test_refresh_error,
              demo_fixture_tear_down);
  g_test_add ("/gui/demo/refresh-error/360", Fixture, GINT_TO_POINTER (360), demo_fixture_set_up, test_refresh_error,
              demo_fixture_tear_down);

  return g_test_run ();
}
