/* test-history-page.c — the History window of a car on a demo session,
 * found as a screen reader finds it: it opens from the car page's History
 * button; the battery chart describes the range of levels; the charging
 * sessions list energy, duration and levels; Day, Week and Month change the
 * chart; the cloud's charge history and climate sessions show where the car
 * reports them; a car without charging sessions says why; nothing overflows at 1100 or
 * 360 px; every control is named; the CSV export has its header rows and no
 * secret.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "carport-chart.h"
#include "carport-history-page.h"
#include "gui-test-demo.h"
#include "gui-test-util.h"

#define ZOE2_VIN "VF1X102VE00000002"
#define MEGANE_VIN "VF1XCB1VE00000003"
#define QASHQAI_VIN "SJNFAAJ12U0000004"

static GtkWidget *
find_history_window (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();  /* owned by GTK */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (gtk_widget_get_visible (window) && gui_test_find_type (window, CARPORT_TYPE_HISTORY_PAGE))
        return window;
    }
  return NULL;
}

static void
click (GtkWidget *button)
{
  g_signal_emit_by_name (button, "clicked");
  gui_test_flush ();
}

static gboolean
history_window_shown (gpointer data)
{
  return find_history_window () != NULL;
}

static gboolean
page_loaded (gpointer data)
{
  GtkStack *stack = GTK_STACK (gui_test_find_type (data, GTK_TYPE_STACK));
  const char *name = gtk_stack_get_visible_child_name (stack);

  /* and laid out */
  return g_strcmp0 (name, "loading") != 0 && gtk_widget_get_height (gtk_stack_get_visible_child (stack)) > 0;
}

/* Shows @vin's page, clicks History and waits for its window to load;
 * returns the window (GTK keeps it). */
static GtkWidget *
open_history (DemoFixture *f,
              const char  *vin)
{
  GtkWidget *window;

  demo_show (f, demo_vehicle (f, vin));
  click (gui_test_get_accessible (f->page, GTK_ACCESSIBLE_ROLE_BUTTON, "History"));
  g_assert_true (gui_test_wait_until (history_window_shown, NULL, 5000));
  window = find_history_window ();
  g_assert_true (gui_test_wait_until (page_loaded, window, 10000));
  gui_test_flush ();
  return window;
}

static const char *
visible_page (GtkWidget *window)
{
  return gtk_stack_get_visible_child_name (GTK_STACK (gui_test_find_type (window, GTK_TYPE_STACK)));
}

static CarportChart *
chart (GtkWidget  *window,
       const char *name)
{
  return CARPORT_CHART (gui_test_get_accessible (window, GTK_ACCESSIBLE_ROLE_IMG, name));
}

static void
close_window (GtkWidget *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  gui_test_flush ();
}

/* The battery chart says from which level to which, as its description. */
static void
test_battery_chart (DemoFixture *f, gconstpointer data)
{
  GtkWidget *window = open_history (f, ZOE2_VIN);
  CarportChart *battery;
  const char *summary;

  g_assert_cmpstr (visible_page (window), ==, "history");
  battery = chart (window, "Battery level chart");
  summary = carport_chart_get_summary (battery);
  g_assert_true (g_regex_match_simple ("^Battery level from \\d+ % to \\d+ % over the last 7 days$", summary, 0, 0));
  g_assert_true (gui_test_accessible_has (GTK_WIDGET (battery), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, summary));
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (battery)), >=, 120);
  close_window (window);
}

/* Day, Week and Month redraw the charts over their period. */
static void
test_periods (DemoFixture *f, gconstpointer data)
{
  GtkWidget *window = open_history (f, ZOE2_VIN);
  CarportChart *battery = chart (window, "Battery level chart");
  CarportChart *energy = chart (window, "Charged per day chart");

  click (gui_test_get_accessible (window, GTK_ACCESSIBLE_ROLE_BUTTON, "Day"));
  g_assert_true (g_str_has_suffix (carport_chart_get_summary (battery), "over the last day"));
  g_assert_true (g_str_has_suffix (carport_chart_get_summary (energy), "over the last 7 days"));
  click (gui_test_get_accessible (window, GTK_ACCESSIBLE_ROLE_BUTTON, "Month"));
  g_assert_true (g_str_has_suffix (carport_chart_get_summary (battery), "over the last 30 days"));
  g_assert_true (g_str_has_suffix (carport_chart_get_summary (energy), "over the last 30 days"));
  click (gui_test_get_accessible (window, GTK_ACCESSIBLE_ROLE_BUTTON, "Week"));
  g_assert_true (g_str_has_suffix (carport_chart_get_summary (battery), "over the last 7 days"));
  close_window (window);
}

/* The simulator's three charges of the last week, newest first, each with
 * its energy, duration and levels. */
static void
test_sessions (DemoFixture *f, gconstpointer data)
{
  GtkWidget *window = open_history (f, ZOE2_VIN);
  GtkWidget *list = gui_test_get_accessible (window, GTK_ACCESSIBLE_ROLE_LIST, "Charging sessions");
  guint n = 0;

  for (GtkWidget *row = gtk_widget_get_first_child (list); row; row = gtk_widget_get_next_sibling (row))
    {
      const char *subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (row));

      /* "15.6 kWh · 42 min · 25 % → 55 % · 22.0 kW" */
      g_assert_true (g_regex_match_simple ("^[\\d.]+ kWh · (\\d+ h )?\\d+ min · \\d+ % → \\d+ % · [\\d.]+ kW$",
                                           subtitle, 0, 0));
      n++;
    }
  g_assert_cmpuint (n, ==, 3);
  close_window (window);
}

/* The cloud's charge history (ZOE) and its climate sessions: ten minutes
 * before each of the three charges ends. */
static void
test_cloud_history (DemoFixture *f, gconstpointer data)
{
  GtkWidget *window = open_history (f, ZOE2_VIN);
  CarportChart *days = chart (window, "Charging time per day chart");
  CarportChart *months = chart (window, "Charging time per month chart");

  g_assert_true (g_regex_match_simple ("^[\\d.]+ hours of charging over the last 7 days$",
                                       carport_chart_get_summary (days), 0, 0));
  g_assert_false (g_str_has_prefix (carport_chart_get_summary (days), "0.0 "));
  g_assert_cmpstr (carport_chart_get_summary (months), ==, "3 charges over the last 12 months");
  g_assert_cmpstr (carport_chart_get_summary (chart (window, "Climate use per day chart")), ==,
                   "Climate control on for 30 minutes over the last 7 days");
  close_window (window);

  /* The Mégane does not report its charge history: no such charts. */
  window = open_history (f, MEGANE_VIN);
  g_assert_cmpstr (visible_page (window), ==, "history");
  g_assert_null (gui_test_find_accessible (window, GTK_ACCESSIBLE_ROLE_IMG, "Charging time per day chart"));
  close_window (window);
}

/* A car that reports no charging sessions (a Nissan) and was never seen
 * charging (it burns fuel) says why where the sessions would be. */
static void
test_no_charges (DemoFixture *f, gconstpointer data)
{
  GtkWidget *window = open_history (f, QASHQAI_VIN);
  GtkWidget *list = gui_test_get_accessible (window, GTK_ACCESSIBLE_ROLE_LIST, "Charging sessions");
  GtkWidget *row = gtk_widget_get_first_child (list);

  g_assert_cmpstr (visible_page (window), ==, "history");
  g_assert_nonnull (row);
  g_assert_null (gtk_widget_get_next_sibling (row));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                   "This car does not report its charging sessions");
  close_window (window);
}

static gboolean
window_width_is (gpointer data)
{
  GtkWidget *window = data;

  return ABS (gtk_widget_get_width (window) - GPOINTER_TO_INT (g_object_get_data (data, "wanted-width"))) <= 16;
}

/* At 1100 and 360 px nothing is wider than the window, the charts stay
 * readable, and every control has a name. */
static void
test_widths (DemoFixture *f, gconstpointer data)
{
  static const int widths[] = { 1100, 360 };
  GtkWidget *window = open_history (f, ZOE2_VIN);

  for (guint i = 0; i < G_N_ELEMENTS (widths); i++)
    {
      g_autofree char *wide = NULL;
      CarportChart *battery;

      g_object_set_data (G_OBJECT (window), "wanted-width", GINT_TO_POINTER (widths[i]));
      gtk_window_set_default_size (GTK_WINDOW (window), widths[i], 760);
      g_assert_true (gui_test_wait_until (window_width_is, window, 3000));
      gui_test_flush ();
      wide = gui_test_dump_min_widths (window, widths[i] - 16);
      g_assert_cmpstr (wide, ==, "");
      battery = chart (window, "Battery level chart");
      g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (battery)), <=, widths[i]);
      g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (battery)), >=, widths[i] / 2);
      g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (battery)), >=, 120);
      gui_test_assert_controls_named (window);
    }
  close_window (window);
}

static void
store_result (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static gboolean
has_result (gpointer data)
{
  return *(GAsyncResult **) data != NULL;
}

/* The export: the readings' table, then the charges', and no secret. */
static void
test_export (DemoFixture *f, gconstpointer data)
{
  GtkWidget *window = open_history (f, ZOE2_VIN);
  CarportHistoryPage *page = CARPORT_HISTORY_PAGE (gui_test_find_type (window, CARPORT_TYPE_HISTORY_PAGE));
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("carport-export-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *contents = NULL;
  g_auto(GStrv) tables = NULL;
  g_auto(GStrv) charges = NULL;

  g_assert_no_error (error);
  path = g_build_filename (dir, "ZOE.csv", NULL);
  file = g_file_new_for_path (path);
  carport_history_page_export_async (page, file, NULL, store_result, &result);
  g_assert_true (gui_test_wait_until (has_result, &result, 5000));
  g_assert_true (carport_history_page_export_finish (page, result, &error));
  g_assert_no_error (error);

  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (contents, "time,reading,value\r\n"));
  g_assert_true (g_regex_match_simple ("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ,battery-level,\\d+\r$",
                                       contents, G_REGEX_MULTILINE, 0));
  tables = g_strsplit (contents, "\r\n\r\n", -1);
  g_assert_cmpuint (g_strv_length (tables), ==, 2);
  charges = g_strsplit (tables[1], "\r\n", -1);
  g_assert_cmpstr (charges[0], ==, "start,end,duration_minutes,start_level_percent,end_level_percent,"
                                   "energy_kwh,average_power_kw");
  /* three sessions and the empty end */
  g_assert_cmpuint (g_strv_length (charges), ==, 5);
  g_assert_null (strstr (contents, "carport-demo"));
  g_assert_null (strstr (contents, "password"));
  g_assert_null (strstr (contents, "eyJ"));
  g_assert_null (strstr (contents, ZOE2_VIN));

  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
  close_window (window);
}

int
main (int argc, char *argv[])
{
  g_setenv ("TZ", "UTC", TRUE);
  gui_test_init (&argc, &argv);

#define ADD(path, func) g_test_add ("/gui/history/" path, DemoFixture, NULL, \
                                    demo_fixture_set_up, func, demo_fixture_tear_down)
  ADD ("battery-chart", test_battery_chart);
  ADD ("periods", test_periods);
  ADD ("sessions", test_sessions);
  ADD ("cloud-history", test_cloud_history);
  ADD ("no-charges", test_no_charges);
  ADD ("widths", test_widths);
  ADD ("export", test_export);

  return g_test_run ();
}
