/* test-services.c — what the maker's records and the newer fields show on a
 * car's page, on the demo session: the ZOE ph2's slow puncture on the tyres
 * card and its contracts' end on the alerts and services card, the
 * Captur's maintenance alert, the Leaf's battery capacity; at 1100 px and
 * at 360 px, found as a screen reader finds them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "carport-vehicle-page.h"
#include "gui-test-demo.h"
#include "gui-test-util.h"

typedef DemoFixture Fixture;

static const int widths[] = { 1100, 360 };

static CarportVehicle *
vehicle_of_model (Fixture    *f,
                  const char *model_code)
{
  GListModel *vehicles = carport_session_get_vehicles (f->session);

  for (guint i = 0; i < g_list_model_get_n_items (vehicles); i++)
    {
      g_autoptr(CarportVehicle) vehicle = g_list_model_get_item (vehicles, i);

      if (g_strcmp0 (carport_vehicle_get_model_code (vehicle), model_code) == 0)
        return vehicle;  /* the session keeps it */
    }
  g_error ("no demo car of model %s", model_code);
}

static GtkWidget *
part (Fixture    *f,
      const char *name)
{
  return carport_vehicle_page_get_part (CARPORT_VEHICLE_PAGE (f->page), name);
}

typedef struct {
  Fixture   *f;
  GtkWidget *widget;
} Within;

static gboolean
lies_within (gpointer data)
{
  Within *w = data;
  graphene_rect_t bounds;

  return gtk_widget_compute_bounds (w->widget, GTK_WIDGET (w->f->window), &bounds) &&
         bounds.origin.x + bounds.size.width <= gtk_widget_get_width (GTK_WIDGET (w->f->window));
}

/* The widget is shown and, once the layout has caught up with the last
 * change (a label's new text, the new width), lies within the window. */
static void
assert_shown_within (Fixture   *f,
                     GtkWidget *widget)
{
  Within w = { f, widget };
  graphene_rect_t bounds;

  g_assert_true (gtk_widget_is_visible (widget));
  gui_test_wait_until (lies_within, &w, 2000);
  g_assert_true (gtk_widget_compute_bounds (widget, GTK_WIDGET (f->window), &bounds));
  g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <=, gtk_widget_get_width (GTK_WIDGET (f->window)));
}

static void
test_tyre_warning_and_contracts (Fixture *f, gconstpointer data)
{
  CarportVehicle *zoe = vehicle_of_model (f, "X102VE");

  for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
    {
      GListModel *contracts = carport_services_get_contracts (carport_vehicle_get_services (zoe));
      g_autoptr(CarportContract) contract = NULL;
      g_autofree char *until = NULL;
      GtkWidget *warning, *row;

      demo_set_width (f, widths[w]);
      demo_show (f, zoe);

      /* The rear left tyre: its pressure and, beside it, the warning in words. */
      warning = gui_test_get_accessible (part (f, "tyres_card"), GTK_ACCESSIBLE_ROLE_LABEL, "Low pressure or puncture");
      assert_shown_within (f, warning);
      g_assert_true (gtk_widget_has_css_class (gtk_widget_get_parent (warning), "warning"));
      /* It is the rear left tyre's, and the only one. */
      g_assert_nonnull (gui_test_find_label (gtk_widget_get_parent (gtk_widget_get_parent (warning)), "Rear left"));
      g_assert_null (gui_test_find_label (gtk_widget_get_parent (gtk_widget_get_parent (warning)), "Front left"));

      /* The connected services' contract, and until when it runs. */
      g_assert_cmpuint (g_list_model_get_n_items (contracts), >=, 1);
      contract = g_list_model_get_item (contracts, 0);
      until = carport_format_contract_state (carport_contract_get_status (contract),
                                             carport_contract_get_end_date (contract));
      g_assert_true (g_str_has_prefix (until, "Until "));
      gui_test_assert_label_soon (part (f, "services_card"), until);
      row = gui_test_get_accessible (part (f, "services_card"), GTK_ACCESSIBLE_ROLE_LIST, "Contracts");
      assert_shown_within (f, row);
      /* No alert on this car: the card says so. */
      g_assert_true (gui_test_label_shown (part (f, "services_card"), "No alerts"));
    }
}

static void
test_alert (Fixture *f, gconstpointer data)
{
  CarportVehicle *captur = vehicle_of_model (f, "XJB1SU");

  for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
    {
      GtkWidget *list;

      demo_set_width (f, widths[w]);
      demo_show (f, captur);

      list = gui_test_get_accessible (part (f, "services_card"), GTK_ACCESSIBLE_ROLE_LIST, "Alerts");
      assert_shown_within (f, list);
      gui_test_assert_label_soon (list, "Oil level");
      gui_test_assert_label_soon (list, "Top up the engine oil or contact your dealer.");
      /* A warning in words and an icon, not colour alone. */
      g_assert_nonnull (gui_test_find_accessible (list, GTK_ACCESSIBLE_ROLE_IMG, "Warning"));
      g_assert_false (gui_test_label_shown (part (f, "services_card"), "No alerts"));
    }
}

static void
test_battery_capacity (Fixture *f, gconstpointer data)
{
  CarportVehicle *leaf = vehicle_of_model (f, "ZE1");
  CarportVehicle *zoe = vehicle_of_model (f, "X102VE");
  g_autofree char *capacity = carport_format_energy (40.0);

  for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
    {
      demo_set_width (f, widths[w]);
      demo_show (f, leaf);
      gui_test_assert_label_soon (part (f, "battery_card"), "Battery capacity");
      gui_test_assert_label_soon (part (f, "battery_card"), capacity);
      assert_shown_within (f, gui_test_find_label (part (f, "battery_card"), capacity));
      /* A Nissan has no contracts nor alerts to read: no such card. */
      g_assert_false (gtk_widget_is_visible (part (f, "services_card")));

      /* Renault sends 0 ("unknown"): no row. */
      demo_show (f, zoe);
      g_assert_false (gui_test_label_shown (part (f, "battery_card"), "Battery capacity"));
    }
}

int
main (int argc, char *argv[])
{
  gui_test_init (&argc, &argv);

  g_test_add ("/gui/services/tyre-warning-and-contracts", Fixture, NULL, demo_fixture_set_up,
              test_tyre_warning_and_contracts, demo_fixture_tear_down);
  g_test_add ("/gui/services/alert", Fixture, NULL, demo_fixture_set_up, test_alert, demo_fixture_tear_down);
  g_test_add ("/gui/services/battery-capacity", Fixture, NULL, demo_fixture_set_up,
              test_battery_capacity, demo_fixture_tear_down);

  return g_test_run ();
}
