/* test-map.c — the location card's map and the cars' pictures, on a demo
 * session: the tiles come from the simulator over loopback, the marker is
 * where the car is, OpenStreetMap is credited; "Open in Maps" without a maps
 * app opens openstreetmap.org (in a stand-in browser that writes down what
 * it was given), "Copy Coordinates" fills the clipboard; the address shows
 * only when asked for; the pictures show in the page header and the list.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <math.h>
#include <glib/gstdio.h>
#include <shumate/shumate.h>

#include "carport-location-card.h"
#include "carport-simulator.h"
#include "carport-vehicle-page.h"
#include "carport-vehicle-picture.h"
#include "carport-window.h"
#include "gui-test-demo.h"
#include "gui-test-util.h"

typedef DemoFixture Fixture;

#define LYON_ZOE "VF1X102VE00000002"

static char *browser_log;   /* where the stand-in browser writes the URI it opened */

static GtkWidget *
location_card (Fixture *f)
{
  return carport_vehicle_page_get_part (CARPORT_VEHICLE_PAGE (f->page), "location_card");
}

static gboolean
tiles_asked (gpointer data)
{
  Fixture *f = data;

  return carport_simulator_get_endpoint_request_count (f->sim, "tiles") > 0;
}

static void
test_map_shows_the_car (Fixture *f, gconstpointer data)
{
  CarportVehicle *zoe = demo_vehicle (f, LYON_ZOE);
  CarportLocation *location = carport_vehicle_get_location (zoe);
  GtkWidget *marker;

  demo_show (f, zoe);
  g_assert_cmpstr (carport_location_card_get_map_tile_url (CARPORT_LOCATION_CARD (location_card (f))),
                   ==, g_environ_getenv (carport_simulator_dup_environ (f->sim), "CARPORT_MAP_TILE_URL"));

  /* Tiles from the simulator, not from the Internet. */
  g_assert_true (gui_test_wait_until (tiles_asked, f, 10000));

  /* The marker is where the car is. */
  marker = gui_test_find_type (location_card (f), SHUMATE_TYPE_MARKER);
  g_assert_nonnull (marker);
  g_assert_cmpfloat_with_epsilon (shumate_location_get_latitude (SHUMATE_LOCATION (marker)),
                                  carport_location_get_latitude (location), 1e-9);
  g_assert_cmpfloat_with_epsilon (shumate_location_get_longitude (SHUMATE_LOCATION (marker)),
                                  carport_location_get_longitude (location), 1e-9);
  g_assert_true (gtk_widget_is_drawable (marker));

  /* OpenStreetMap's attribution is on the map. */
  gui_test_assert_label_soon (location_card (f), "© OpenStreetMap contributors");
  /* The zoom buttons have names a screen reader says. */
  g_assert_nonnull (gui_test_get_accessible (location_card (f), GTK_ACCESSIBLE_ROLE_BUTTON, "Zoom In"));
  g_assert_nonnull (gui_test_get_accessible (location_card (f), GTK_ACCESSIBLE_ROLE_BUTTON, "Zoom Out"));
  gui_test_assert_controls_named (location_card (f));
}

static gboolean
trail_shown (gpointer data)
{
  GtkWidget *trail = gui_test_find_type (location_card (data), SHUMATE_TYPE_PATH_LAYER);

  return trail != NULL && gtk_widget_get_visible (trail);
}

/* Where the car was over the last day: a line from the positions the
 * history kept to the marker, said in the map's description; a car that
 * stayed put has none. */
static void
test_trail (Fixture *f, gconstpointer data)
{
  CarportVehicle *zoe = demo_vehicle (f, LYON_ZOE);
  CarportVehicle *qashqai = demo_vehicle (f, "SJNFAAJ12U0000004");
  CarportLocation *location = carport_vehicle_get_location (zoe);
  GtkWidget *trail;
  GList *nodes, *last;

  demo_show (f, zoe);
  g_assert_true (gui_test_wait_until (trail_shown, f, 10000));
  trail = gui_test_find_type (location_card (f), SHUMATE_TYPE_PATH_LAYER);
  nodes = shumate_path_layer_get_nodes (SHUMATE_PATH_LAYER (trail));
  g_assert_cmpuint (g_list_length (nodes), >=, 2);
  /* It ends where the car is now, and stays in town. */
  last = g_list_last (nodes);
  g_assert_cmpfloat_with_epsilon (shumate_location_get_latitude (last->data), carport_location_get_latitude (location), 1e-9);
  g_assert_cmpfloat_with_epsilon (shumate_location_get_longitude (last->data), carport_location_get_longitude (location), 1e-9);
  for (GList *node = nodes; node; node = node->next)
    {
      g_assert_cmpfloat (fabs (shumate_location_get_latitude (node->data) - carport_location_get_latitude (location)), <, 0.1);
      g_assert_cmpfloat (fabs (shumate_location_get_longitude (node->data) - carport_location_get_longitude (location)), <, 0.1);
    }
  g_list_free (nodes);
  /* A caption says what the line is. */
  g_assert_true (gui_test_label_shown (location_card (f), "The blue line shows where the car was over the last 24 hours."));

  /* The demo keeps no past for the Qashqai: no line. */
  demo_show (f, qashqai);
  g_assert_false (gui_test_wait_until (trail_shown, f, 2000));
  g_assert_false (gui_test_label_shown (location_card (f), "The blue line shows where the car was over the last 24 hours."));
  g_assert_nonnull (gui_test_find_type (location_card (f), SHUMATE_TYPE_PATH_LAYER));
}

/* A plain scroll over the map is the page's: the map's zoom stays. */
static void
test_scroll_is_the_pages (Fixture *f, gconstpointer data)
{
  CarportVehicle *zoe = demo_vehicle (f, LYON_ZOE);
  ShumateSimpleMap *map;
  GtkEventController *scroll = NULL;
  g_autoptr(GListModel) controllers = NULL;
  gboolean handled;

  demo_show (f, zoe);
  map = SHUMATE_SIMPLE_MAP (gui_test_find_type (location_card (f), SHUMATE_TYPE_SIMPLE_MAP));
  g_assert_nonnull (map);
  controllers = gtk_widget_observe_controllers (GTK_WIDGET (shumate_simple_map_get_map (map)));
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      /* libshumate's own zooms at every scroll: it is off. */
      if (GTK_IS_EVENT_CONTROLLER_SCROLL (controller) &&
          gtk_event_controller_get_propagation_phase (controller) != GTK_PHASE_NONE)
        {
          g_assert_null (scroll);
          scroll = controller;
        }
    }
  g_assert_nonnull (scroll);
  /* Without Ctrl the scroll is not taken. */
  g_signal_emit_by_name (scroll, "scroll", 0.0, 1.0, &handled);
  g_assert_false (handled);
}

static gboolean
file_written (gpointer data)
{
  return g_file_test (data, G_FILE_TEST_EXISTS);
}

static void
test_open_in_maps_without_maps_app (Fixture *f, gconstpointer data)
{
  CarportVehicle *zoe = demo_vehicle (f, LYON_ZOE);
  g_autoptr(GAppInfo) maps = g_app_info_get_default_for_uri_scheme ("geo");
  g_autofree char *opened = NULL;

  if (maps != NULL)
    {
      g_test_skip ("A maps app is installed here");
      return;
    }
  demo_show (f, zoe);
  gtk_widget_activate_action (f->page, "vehicle.open-maps", NULL);
  g_assert_true (gui_test_wait_until (file_written, browser_log, 10000));
  /* The stand-in writes after it was started: wait for the whole line. */
  while (!g_file_get_contents (browser_log, &opened, NULL, NULL) || !g_str_has_suffix (opened, "\n"))
    {
      g_clear_pointer (&opened, g_free);
      gui_test_flush ();
    }
  g_assert_cmpstr (opened, ==,
                   "https://www.openstreetmap.org/?mlat=45.764000&mlon=4.835700#map=16/45.764000/4.835700\n");
}

static void
text_read_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  *(char **) user_data = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, NULL);
}

static gboolean
is_set (gpointer data)
{
  return *(char **) data != NULL;
}

static void
test_copy_coordinates (Fixture *f, gconstpointer data)
{
  CarportVehicle *zoe = demo_vehicle (f, LYON_ZOE);
  g_autofree char *text = NULL;
  GtkWidget *button;

  demo_show (f, zoe);
  button = gui_test_get_accessible (location_card (f), GTK_ACCESSIBLE_ROLE_BUTTON, "Copy Coordinates");
  g_signal_emit_by_name (button, "clicked");
  demo_assert_toast_soon (f, "Coordinates copied");
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (f->page), NULL, text_read_cb, &text);
  g_assert_true (gui_test_wait_until (is_set, &text, 5000));
  g_assert_cmpstr (text, ==, "45.764000, 4.835700");
}

static void
test_address_when_asked (Fixture *f, gconstpointer data)
{
  CarportVehicle *zoe = demo_vehicle (f, LYON_ZOE);

  demo_show (f, zoe);
  /* Off: no address, nothing asked. */
  gui_test_flush ();
  g_assert_null (gui_test_find_label (location_card (f), "12 Rue de la République, 69002 Lyon"));
  g_assert_cmpuint (carport_simulator_get_endpoint_request_count (f->sim, "reverse"), ==, 0);

  carport_session_set_reverse_geocoding (f->session, TRUE);
  gui_test_assert_label_soon (location_card (f), "12 Rue de la République, 69002 Lyon");
  carport_session_set_reverse_geocoding (f->session, FALSE);
  gui_test_flush ();
  g_assert_false (gui_test_label_shown (location_card (f), "12 Rue de la République, 69002 Lyon"));
}

static gboolean
has_paintable (gpointer data)
{
  return carport_vehicle_picture_get_paintable (data) != NULL;
}

static void
test_pictures_in_header_and_list (Fixture *f, gconstpointer data)
{
  CarportVehicle *zoe = demo_vehicle (f, LYON_ZOE);
  GtkListBox *list = GTK_LIST_BOX (carport_window_get_part (f->window, "vehicle_list"));
  GtkWidget *header_picture;
  GtkWidget *row_picture = NULL;

  demo_show (f, zoe);
  header_picture = carport_vehicle_page_get_part (CARPORT_VEHICLE_PAGE (f->page), "picture");
  g_assert_true (gui_test_wait_until (has_paintable, header_picture, 10000));
  g_assert_true (gtk_widget_has_css_class (header_picture, "has-picture"));
  g_assert_nonnull (carport_vehicle_get_picture_file (zoe));

  for (int i = 0; gtk_list_box_get_row_at_index (list, i) != NULL; i++)
    {
      GtkWidget *row = GTK_WIDGET (gtk_list_box_get_row_at_index (list, i));

      row_picture = gui_test_find_type (row, CARPORT_TYPE_VEHICLE_PICTURE);
      g_assert_nonnull (row_picture);
      g_assert_true (gui_test_wait_until (has_paintable, row_picture, 10000));
    }
}

/* A stand-in browser for https: URIs in this test's own XDG dirs (set
 * before GIO reads them). */
static void
install_browser (const char *root)
{
  g_autofree char *data = g_build_filename (root, "data", NULL);
  g_autofree char *apps = g_build_filename (data, "applications", NULL);
  g_autofree char *config = g_build_filename (root, "config", NULL);
  g_autofree char *desktop = g_build_filename (apps, "carport-test-browser.desktop", NULL);
  g_autofree char *mimeapps = g_build_filename (config, "mimeapps.list", NULL);
  g_autofree char *entry = NULL;

  browser_log = g_build_filename (root, "opened.txt", NULL);
  g_assert_cmpint (g_mkdir_with_parents (apps, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (config, 0700), ==, 0);
  entry = g_strdup_printf ("[Desktop Entry]\nType=Application\nName=Test Browser\n"
                           "Exec=sh -c 'echo \"$1\" > %s.part && mv %s.part %s' sh %%u\n"
                           "MimeType=x-scheme-handler/https;\nNoDisplay=true\n",
                           browser_log, browser_log, browser_log);
  g_assert_true (g_file_set_contents (desktop, entry, -1, NULL));
  g_assert_true (g_file_set_contents (mimeapps, "[Default Applications]\n"
                                      "x-scheme-handler/https=carport-test-browser.desktop\n", -1, NULL));
  g_setenv ("XDG_DATA_HOME", data, TRUE);
  g_setenv ("XDG_CONFIG_HOME", config, TRUE);
}

int
main (int argc, char *argv[])
{
  g_autofree char *root = g_dir_make_tmp ("carport-test-map-XXXXXX", NULL);
  int status;

  install_browser (root);
  gui_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/gui/map/" path, Fixture, NULL, demo_fixture_set_up, func, demo_fixture_tear_down)
  ADD ("shows-the-car", test_map_shows_the_car);
  ADD ("trail", test_trail);
  ADD ("scroll-is-the-pages", test_scroll_is_the_pages);
  ADD ("open-in-maps-without-maps-app", test_open_in_maps_without_maps_app);
  ADD ("copy-coordinates", test_copy_coordinates);
  ADD ("address-when-asked", test_address_when_asked);
  ADD ("pictures-in-header-and-list", test_pictures_in_header_and_list);
#undef ADD

  status = g_test_run ();
  g_free (browser_log);
  return status;
}
