/* screenshot-tool.c — renders Carport's main screens to PNG, from inside the
 * program (window paintable → GtkSnapshot → GskRenderer → PNG). It runs the
 * real application: the welcome and login pages (Renault and Nissan, an
 * error, the emailed code, a login that expired) of a logged-out account,
 * then the demo's cars (with the demo's banner, and a failed refresh, also
 * from the narrow car list), a card the last refresh could not update, the
 * climate dialog, the remote lock PIN dialog (and asked again after a
 * refused remembered PIN), the climate card with a planned start ("Planned: ready at
 * …" and its Cancel), the charge card with its controls and the charge
 * limits dialog, the programme editor (charge and climate), and the
 * preferences
 * with its account, light and dark, wide and narrow. Run it through
 * build-aux/screenshots, which provides the display and the bus.
 *
 *   carport-screenshot-tool OUTDIR [--review]
 *
 * --review adds every demo car's page and the preferences window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "carport-api-error.h"
#include "carport-application.h"
#include "carport-charge-limits-dialog.h"
#include "carport-schedule-dialog.h"
#include "carport-schedule-list.h"
#include "carport-climate-dialog.h"
#include "carport-pin-dialog.h"
#include "carport-device-code-dialog.h"
#include "carport-demo.h"
#include "carport-login-page.h"
#include "carport-history-page.h"
#include "carport-preferences-window.h"
#include "carport-simulator.h"
#include "carport-vehicle-page.h"
#include "carport-window.h"
#include "gui-test-util.h"

static const struct { const char *name; int width, height; } sizes[] = {
  { "wide", 1100, 750 }, { "narrow", 360, 720 },
};
static const struct { const char *name; AdwColorScheme scheme; } schemes[] = {
  { "light", ADW_COLOR_SCHEME_FORCE_LIGHT }, { "dark", ADW_COLOR_SCHEME_FORCE_DARK },
};
/* The cars shown: the charging Megane (wide), the ZOE (narrow). */
static const char * const shown_vins[] = { "VF1XCB1VE00000003", "VF1X101VE00000001" };
/* The car whose battery the server will not tell in a partial failure. */
#define PARTIAL_VIN "VF1XCB1VE00000003"
/* The car whose History is shown: the ZOE phase 2 reports its charge history. */
#define HISTORY_VIN "VF1X102VE00000002"

static const char *outdir;
static gboolean review;

static gboolean
timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Lets layout, transitions and the network settle (bounded, no sleep). */
static void
settle (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, timeout_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static gboolean
wait_for (gboolean (*condition) (gpointer), gpointer data, guint ms)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (ms, timeout_cb, &timed_out);

  while (!condition (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);
  return condition (data);
}

/* The first visible scrolled window below @widget, or NULL. */
static GtkScrolledWindow *
find_scrolled (GtkWidget *widget)
{
  if (!gtk_widget_get_mapped (widget))
    return NULL;
  if (GTK_IS_SCROLLED_WINDOW (widget) && CARPORT_IS_VEHICLE_PAGE (gtk_widget_get_parent (widget)))
    return GTK_SCROLLED_WINDOW (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkScrolledWindow *found = find_scrolled (child);

      if (found)
        return found;
    }
  return NULL;
}

/* Scrolls the vehicle page shown in @window to its end (its last cards)
 * or back to its top. */
static void
scroll_page (GtkWidget *window, gboolean to_end)
{
  GtkScrolledWindow *scrolled = find_scrolled (window);
  GtkAdjustment *adjustment;

  if (scrolled == NULL)
    return;
  adjustment = gtk_scrolled_window_get_vadjustment (scrolled);
  gtk_adjustment_set_value (adjustment, to_end ? gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment)
                                               : 0);
  settle (300);
}

/* Scrolls the window's page so that @widget is at its top. */
static void
scroll_to (GtkWidget *window, GtkWidget *widget)
{
  GtkScrolledWindow *scrolled = find_scrolled (window);
  graphene_point_t point;

  if (scrolled == NULL ||
      !gtk_widget_compute_point (widget, gtk_scrolled_window_get_child (scrolled), &GRAPHENE_POINT_INIT (0, 0), &point))
    return;
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (scrolled), point.y - 12);
  settle (300);
}

/* @window, with @popover (nullable; open over it) drawn where it shows. */
static void
save_with_popover (GtkWidget *window, GtkWidget *popover, const char *name)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (window);
  int width = gtk_widget_get_width (window);
  int height = gtk_widget_get_height (window);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = g_build_filename (outdir, name, NULL);

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  if (popover != NULL)
    {
      g_autoptr(GdkPaintable) popover_paintable = gtk_widget_paintable_new (popover);
      GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (popover));
      double window_x, window_y, popover_x, popover_y;

      gtk_native_get_surface_transform (GTK_NATIVE (window), &window_x, &window_y);
      gtk_native_get_surface_transform (GTK_NATIVE (popover), &popover_x, &popover_y);
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (gdk_popup_get_position_x (GDK_POPUP (surface)) + popover_x - window_x,
                                                             gdk_popup_get_position_y (GDK_POPUP (surface)) + popover_y - window_y));
      gdk_paintable_snapshot (popover_paintable, snapshot, gtk_widget_get_width (popover), gtk_widget_get_height (popover));
      gtk_snapshot_restore (snapshot);
    }
  node = gtk_snapshot_free_to_node (snapshot);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (!gdk_texture_save_to_png (texture, path))
    g_error ("could not write %s", path);
  g_print ("%s\n", path);
}

static void
save (GtkWidget *window, const char *name)
{
  save_with_popover (window, NULL, name);
}

/* A fresh window of the app, at @width × @height. */
static CarportWindow *
open_window (GApplication *app, int width, int height)
{
  GtkWindow *window;

  for (GList *l; (l = gtk_application_get_windows (GTK_APPLICATION (app))) != NULL; )
    gtk_window_destroy (l->data);
  settle (100);

  {
    g_autoptr(GSettings) settings = g_settings_new ("io.github.carport.Carport");

    g_settings_set_int (settings, "window-width", width);
    g_settings_set_int (settings, "window-height", height);
    g_settings_set_boolean (settings, "window-maximized", FALSE);
  }
  g_application_activate (app);
  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  if (!CARPORT_IS_WINDOW (window))
    window = gtk_application_get_windows (GTK_APPLICATION (app))->data;
  settle (300);
  /* The first size may follow the content's natural width; ask again. */
  gtk_window_set_default_size (window, width, height);
  settle (700);
  return CARPORT_WINDOW (window);
}

static gboolean
view_is (gpointer data)
{
  GApplication *app = data;
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (app));
  const char *wanted = g_object_get_data (G_OBJECT (app), "wanted-view");

  return windows && CARPORT_IS_WINDOW (windows->data) &&
         g_strcmp0 (carport_window_get_view (windows->data), wanted) == 0;
}

static gboolean
demo_ready (gpointer data)
{
  CarportSession *session = carport_application_get_session (CARPORT_APPLICATION (data));
  GListModel *vehicles;
  gboolean busy = TRUE;

  if (session == NULL || carport_session_get_state (session) != CARPORT_SESSION_STATE_READY)
    return FALSE;
  g_object_get (session, "busy", &busy, NULL);
  vehicles = carport_session_get_vehicles (session);
  if (busy || g_list_model_get_n_items (vehicles) == 0)
    return FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (vehicles); i++)
    {
      g_autoptr(CarportVehicle) vehicle = g_list_model_get_item (vehicles, i);

      /* Every car with a battery has told its level (a fuel car has none). */
      if (carport_vehicle_supports_endpoint (vehicle, CARPORT_ENDPOINT_BATTERY_STATUS) &&
          carport_battery_get_level_percent (carport_vehicle_get_battery (vehicle)) < 0)
        return FALSE;
    }
  return TRUE;
}

static void
wait_view (GApplication *app, const char *view)
{
  g_object_set_data (G_OBJECT (app), "wanted-view", (gpointer) view);
  if (!wait_for (view_is, app, 30000))
    g_error ("the window did not show “%s”", view);
}

static gboolean
refresh_over (gpointer data)
{
  CarportVehicle *vehicle = data;

  return !carport_vehicle_get_refreshing (vehicle);
}

/* Refreshes @vin's car and waits (bounded) for the end. */
static void
refresh_car (GApplication *app, CarportWindow *window, const char *vin)
{
  CarportSession *session = carport_application_get_session (CARPORT_APPLICATION (app));

  carport_session_refresh_async (session, carport_session_find_vehicle (session, vin), NULL, NULL, NULL);
  settle (200);
  wait_for (refresh_over, carport_session_find_vehicle (session, vin), 10000);
  settle (400);
}

/* Some endpoints answer, the battery's is over quota and the charge
 * limits' answer is malformed: their cards say "Not updated". */
static void
shoot_partial_failure (GApplication *app, CarportWindow *window, const char *scheme, const char *size)
{
  CarportSimulator *sim = carport_demo_session_get_simulator (carport_application_get_session (CARPORT_APPLICATION (app)));
  g_autofree char *name = g_strdup_printf ("partial-failure-%s-%s.png", scheme, size);

  carport_window_show_vehicle (window, PARTIAL_VIN);
  scroll_page (GTK_WIDGET (window), FALSE);
  carport_simulator_add_fault_from_string (sim, "battery-status=quota", NULL);
  carport_simulator_add_fault_from_string (sim, "soc-levels=malformed", NULL);
  refresh_car (app, window, PARTIAL_VIN);
  save (GTK_WIDGET (window), name);
  carport_simulator_clear_faults (sim);
  refresh_car (app, window, PARTIAL_VIN);
}

/* The climate dialog over the Megane's page, "ready at" a time. */
static void
shoot_climate_dialog (CarportWindow *window, const char *scheme, const char *size)
{
  g_autofree char *name = g_strdup_printf ("climate-dialog-%s-%s.png", scheme, size);
  GtkWidget *page = carport_window_get_part (window, "vehicle_page");
  GtkWidget *dialog = NULL;

  carport_window_show_vehicle (window, PARTIAL_VIN);
  settle (300);
  gtk_widget_activate_action (page, "command.hvac-start", NULL);
  settle (600);
  for (GList *l = gtk_window_list_toplevels (); l; l = g_list_delete_link (l, l))
    if (CARPORT_IS_CLIMATE_DIALOG (l->data))
      dialog = l->data;
  if (dialog == NULL)
    g_error ("the climate dialog did not open");
  gtk_switch_set_active (GTK_SWITCH (gui_test_find_type (dialog, GTK_TYPE_SWITCH)), TRUE);
  settle (400);
  save (dialog, name);
  gtk_window_destroy (GTK_WINDOW (dialog));
  settle (200);
}

/* With remote lock on, shows @vin's page, saves it as @page_name, presses
 * @action and returns the PIN dialog it opens. */
static GtkWidget *
open_pin_dialog (CarportWindow *window, const char *vin, const char *action, const char *page_name)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.carport.Carport");
  GtkWidget *page = carport_window_get_part (window, "vehicle_page");
  GtkWidget *dialog = NULL;

  g_settings_set_boolean (settings, "experimental-remote-lock", TRUE);
  carport_window_show_vehicle (window, vin);
  settle (600);
  if (page_name != NULL)
    save (GTK_WIDGET (window), page_name);
  gtk_widget_activate_action (page, action, NULL);
  settle (600);
  for (GList *l = gtk_window_list_toplevels (); l; l = g_list_delete_link (l, l))
    if (CARPORT_IS_PIN_DIALOG (l->data))
      dialog = l->data;
  if (dialog == NULL)
    g_error ("the PIN dialog did not open");
  return dialog;
}

/* The PIN dialog of Lock (remote lock, experimental) over the Megane's page
 * (with Lock…, Unlock… and the PIN's menu), then the same after a
 * remembered PIN was refused, saying why. */
static void
shoot_pin_dialog (CarportWindow *window, const char *scheme, const char *size)
{
  g_autofree char *name = g_strdup_printf ("pin-dialog-%s-%s.png", scheme, size);
  g_autofree char *refused_name = g_strdup_printf ("pin-dialog-refused-%s-%s.png", scheme, size);
  g_autofree char *page_name = g_strdup_printf ("remote-lock-page-%s-%s.png", scheme, size);
  g_autoptr(GSettings) settings = g_settings_new ("io.github.carport.Carport");
  GtkWidget *dialog = open_pin_dialog (window, PARTIAL_VIN, "command.lock", page_name);

  save (dialog, name);
  carport_pin_dialog_set_reason (CARPORT_PIN_DIALOG (dialog),
                                 "The PIN was wrong; nothing was done to the car. Carport forgot the remembered PIN.");
  gtk_switch_set_active (GTK_SWITCH (gui_test_find_type (dialog, GTK_TYPE_SWITCH)), TRUE);
  settle (400);
  save (dialog, refused_name);
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_settings_reset (settings, "experimental-remote-lock");
}

/* The Captur's page with Start Engine… and Stop Engine… (experimental),
 * the PIN dialog of Start Engine, and setting up the PIN on a car that
 * takes it for engine start only. */
static void
shoot_engine_start (CarportWindow *window, const char *scheme, const char *size)
{
  g_autofree char *name = g_strdup_printf ("engine-dialog-%s-%s.png", scheme, size);
  g_autofree char *page_name = g_strdup_printf ("engine-page-%s-%s.png", scheme, size);
  g_autofree char *setup_name = g_strdup_printf ("pin-setup-dialog-%s-%s.png", scheme, size);
  g_autoptr(GSettings) settings = g_settings_new ("io.github.carport.Carport");
  GtkWidget *dialog = open_pin_dialog (window, "VF1XJB1SU00000006", "command.engine-start", page_name);

  save (dialog, name);
  gtk_window_destroy (GTK_WINDOW (dialog));
  dialog = open_pin_dialog (window, "VF1XJB1SU00000006", "vehicle.pin-set-up", NULL);
  save (dialog, setup_name);
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_settings_reset (settings, "experimental-remote-lock");
}

/* The code a Nissan e-mails before its first remote lock, after a wrong one. */
static void
shoot_device_code_dialog (CarportWindow *window, const char *scheme, const char *size)
{
  g_autofree char *name = g_strdup_printf ("device-code-dialog-%s-%s.png", scheme, size);
  GtkWidget *dialog = carport_device_code_dialog_new (GTK_WINDOW (window), "Leaf",
                                                      "The code is not right. Check the e-mail from Nissan and try again.", NULL);

  gtk_window_present (GTK_WINDOW (dialog));
  settle (400);
  save (dialog, name);
  gtk_window_destroy (GTK_WINDOW (dialog));
  settle (200);
}

/* The open AdwMessageDialog whose heading is @heading, or NULL. */
static GtkWidget *
find_message_dialog (const char *heading)
{
  GtkWidget *dialog = NULL;

  for (GList *l = gtk_window_list_toplevels (); l; l = g_list_delete_link (l, l))
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data) &&
        g_strcmp0 (adw_message_dialog_get_heading (l->data), heading) == 0)
      dialog = l->data;
  return dialog;
}

/* The Leaf's Remote Control PIN menu with "Forget This Computer…", its
 * dialog, the toast once done, and the dialog of Nissan's server failing. */
static void
shoot_forget_device (GApplication *app, CarportWindow *window, const char *scheme, const char *size)
{
  CarportSession *session = carport_application_get_session (CARPORT_APPLICATION (app));
  g_autofree char *menu_name = g_strdup_printf ("forget-device-menu-%s-%s.png", scheme, size);
  g_autofree char *dialog_name = g_strdup_printf ("forget-device-dialog-%s-%s.png", scheme, size);
  g_autofree char *done_name = g_strdup_printf ("forget-device-done-%s-%s.png", scheme, size);
  g_autofree char *failed_name = g_strdup_printf ("forget-device-failed-%s-%s.png", scheme, size);
  g_autoptr(GSettings) settings = g_settings_new ("io.github.carport.Carport");
  GtkWidget *page = carport_window_get_part (window, "vehicle_page");
  GtkWidget *menu_button, *dialog;

  g_settings_set_boolean (settings, "experimental-remote-lock", TRUE);
  carport_window_show_vehicle (window, "SJNFAAZE1U0000001");
  settle (600);
  menu_button = carport_vehicle_page_get_part (CARPORT_VEHICLE_PAGE (page), "pin_menu_button");
  scroll_to (GTK_WIDGET (window), menu_button);
  gtk_menu_button_popup (GTK_MENU_BUTTON (menu_button));
  settle (600);
  save_with_popover (GTK_WIDGET (window), GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (menu_button))),
                     menu_name);
  gtk_menu_button_popdown (GTK_MENU_BUTTON (menu_button));
  settle (300);

  for (guint i = 0; i < 3; i++)
    {
      gtk_widget_activate_action (page, "vehicle.device-forget", NULL);
      settle (600);
      if ((dialog = find_message_dialog ("Forget This Computer?")) == NULL)
        g_error ("the dialog of Forget This Computer did not open");
      if (i == 0)
        {
          save (dialog, dialog_name);
          gtk_window_destroy (GTK_WINDOW (dialog));
          continue;
        }
      if (i == 2)
        carport_simulator_add_fault_from_string (carport_demo_session_get_simulator (session), "devices=html-502:x1",
                                                 NULL);
      adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "forget");
      gtk_window_destroy (GTK_WINDOW (dialog));
      settle (1500);
      if (i == 1)
        {
          save (GTK_WIDGET (window), done_name);
          settle (4500);
        }
      else if ((dialog = find_message_dialog ("Could Not Forget This Computer")) == NULL)
        g_error ("the failure of Forget This Computer was not shown");
      else
        {
          save (dialog, failed_name);
          gtk_window_destroy (GTK_WINDOW (dialog));
        }
    }
  scroll_page (GTK_WIDGET (window), FALSE);
  g_settings_reset (settings, "experimental-remote-lock");
}

static gboolean
climate_planned (gpointer data)
{
  return carport_climate_get_next_start (carport_vehicle_get_climate (CARPORT_VEHICLE (data))) != NULL;
}

static gboolean
climate_unplanned (gpointer data)
{
  return !climate_planned (data);
}

/* Sends @kind to @vehicle with @start_at (nullable) and waits for its end. */
static void
send_and_wait (CarportSession *session, CarportVehicle *vehicle, CarportCommandKind kind, GDateTime *start_at,
               gboolean (*done) (gpointer))
{
  g_autoptr(CarportCommand) command = carport_session_create_command (session, vehicle, kind);

  carport_command_set_start_at (command, start_at);
  carport_session_send_command_async (session, command, TRUE, NULL, NULL, NULL);
  if (!wait_for (done, vehicle, 30000))
    g_error ("the car did not take “%s”", carport_command_kind_get_title (kind));
  settle (400);
}

/* The Megane's climate card with a start planned two hours from now, then
 * the plan cancelled again. */
static void
shoot_climate_planned (GApplication *app, CarportWindow *window, const char *scheme, const char *size)
{
  CarportSession *session = carport_application_get_session (CARPORT_APPLICATION (app));
  CarportVehicle *megane = carport_session_find_vehicle (session, PARTIAL_VIN);
  g_autofree char *name = g_strdup_printf ("climate-planned-%s-%s.png", scheme, size);
  GtkWidget *page = carport_window_get_part (window, "vehicle_page");
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) later = g_date_time_add_hours (now, 2);

  carport_window_show_vehicle (window, PARTIAL_VIN);
  settle (300);
  send_and_wait (session, megane, CARPORT_COMMAND_KIND_HVAC_START, later, climate_planned);
  scroll_to (GTK_WIDGET (window), carport_vehicle_page_get_part (CARPORT_VEHICLE_PAGE (page), "climate_card"));
  save (GTK_WIDGET (window), name);
  send_and_wait (session, megane, CARPORT_COMMAND_KIND_HVAC_STOP, later, climate_unplanned);
  scroll_page (GTK_WIDGET (window), FALSE);
}

/* The Megane's page scrolled to its charge card (its mode dropdown, Charge
 * Limits…), and the charge limits dialog over it. */
static void
shoot_charge_controls (CarportWindow *window, const char *scheme, const char *size)
{
  g_autofree char *card_name = g_strdup_printf ("charge-card-%s-%s.png", scheme, size);
  g_autofree char *dialog_name = g_strdup_printf ("charge-limits-dialog-%s-%s.png", scheme, size);
  GtkWidget *page = carport_window_get_part (window, "vehicle_page");
  GtkWidget *card, *dialog = NULL;

  carport_window_show_vehicle (window, PARTIAL_VIN);
  settle (300);
  card = carport_vehicle_page_get_part (CARPORT_VEHICLE_PAGE (page), "charge_card");
  scroll_to (GTK_WIDGET (window), card);
  save (GTK_WIDGET (window), card_name);
  g_signal_emit_by_name (carport_vehicle_page_get_part (CARPORT_VEHICLE_PAGE (page), "limits_button"), "clicked");
  settle (600);
  for (GList *l = gtk_window_list_toplevels (); l; l = g_list_delete_link (l, l))
    if (CARPORT_IS_CHARGE_LIMITS_DIALOG (l->data))
      dialog = l->data;
  if (dialog == NULL)
    g_error ("the charge limits dialog did not open");
  save (dialog, dialog_name);
  gtk_window_destroy (GTK_WINDOW (dialog));
  settle (200);
}

/* Scrolls the window's page by where @widget is in its view, until it is
 * at the top (a narrow page still grows while it is first scrolled). */
static void
scroll_by_offset (GtkWidget *window, GtkWidget *widget)
{
  GtkScrolledWindow *scrolled = find_scrolled (window);

  for (guint pass = 0; scrolled != NULL && pass < 3; pass++)
    {
      GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (scrolled);
      graphene_point_t point;

      if (!gtk_widget_compute_point (widget, GTK_WIDGET (scrolled), &GRAPHENE_POINT_INIT (0, 0), &point))
        return;
      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) + point.y - 12);
      settle (300);
    }
}

/* The ZOE ph2's tyres (a slow puncture) and contracts, and the Captur's
 * maintenance alert: the pages scrolled to those cards. */
static void
shoot_records (CarportWindow *window, const char *scheme, const char *size)
{
  static const struct { const char *vin, *card, *name; } shots[] = {
    { "VF1X102VE00000002", "tyres_card", "tyres" },
    { "VF1XJB1SU00000006", "services_card", "alerts" },
  };
  GtkWidget *page = carport_window_get_part (window, "vehicle_page");

  for (guint i = 0; i < G_N_ELEMENTS (shots); i++)
    {
      g_autofree char *name = g_strdup_printf ("vehicle-%s-%s-%s.png", shots[i].name, scheme, size);

      if (!carport_window_show_vehicle (window, shots[i].vin))
        g_error ("no demo car %s", shots[i].vin);
      settle (600);
      scroll_by_offset (GTK_WIDGET (window), carport_vehicle_page_get_part (CARPORT_VEHICLE_PAGE (page), shots[i].card));
      save (GTK_WIDGET (window), name);
    }
}

/* The programme editor over the Megane's page: its first charge
 * programme, then its first climate one. */
static void
shoot_schedule_dialogs (CarportWindow *window, const char *scheme, const char *size)
{
  GtkWidget *page = carport_window_get_part (window, "vehicle_page");

  carport_window_show_vehicle (window, PARTIAL_VIN);
  settle (300);
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *name = g_strdup_printf ("schedule-dialog-%s-%s-%s.png", i ? "climate" : "charge", scheme, size);
      GtkWidget *card = carport_vehicle_page_get_part (CARPORT_VEHICLE_PAGE (page), i ? "climate_card" : "charge_card");
      GtkWidget *list = gui_test_find_type (card, CARPORT_TYPE_SCHEDULE_LIST);
      GtkWidget *row = list ? gui_test_find_type (list, ADW_TYPE_ACTION_ROW) : NULL;
      GtkWidget *dialog = NULL;

      if (row == NULL)
        g_error ("the Megane has no %s programme", i ? "climate" : "charge");
      g_signal_emit_by_name (row, "activate");
      settle (600);
      for (GList *l = gtk_window_list_toplevels (); l; l = g_list_delete_link (l, l))
        if (CARPORT_IS_SCHEDULE_DIALOG (l->data))
          dialog = l->data;
      if (dialog == NULL)
        g_error ("the programme editor did not open");
      save (dialog, name);
      gtk_window_destroy (GTK_WINDOW (dialog));
      settle (200);
    }
}

/* The first scrolled window below @widget (the History page's), or NULL. */
static GtkScrolledWindow *
find_any_scrolled (GtkWidget *widget)
{
  if (!gtk_widget_get_mapped (widget))
    return NULL;
  if (GTK_IS_SCROLLED_WINDOW (widget))
    return GTK_SCROLLED_WINDOW (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkScrolledWindow *found = find_any_scrolled (child);

      if (found)
        return found;
    }
  return NULL;
}

/* The ZOE's History window (it reports its charge history and climate
 * sessions) at the window's size: its top, then its end. */
static void
shoot_history (CarportWindow *window, const char *scheme, const char *size, int width, int height)
{
  GtkWidget *page = carport_window_get_part (window, "vehicle_page");
  GtkWidget *history = NULL;
  GtkScrolledWindow *scrolled;

  carport_window_show_vehicle (window, HISTORY_VIN);
  settle (300);
  gtk_widget_activate_action (page, "vehicle.history", NULL);
  settle (300);
  for (GList *l = gtk_window_list_toplevels (); l; l = g_list_delete_link (l, l))
    if (gui_test_find_type (l->data, CARPORT_TYPE_HISTORY_PAGE))
      history = l->data;
  if (history == NULL)
    g_error ("the History window did not open");
  gtk_window_set_default_size (GTK_WINDOW (history), width, height);
  settle (1200);
  for (guint end = 0; end < 2; end++)
    {
      g_autofree char *name = g_strdup_printf ("history-%s-%s%s.png", scheme, size, end ? "-end" : "");

      if (end && (scrolled = find_any_scrolled (history)) != NULL)
        {
          GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (scrolled);

          gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment) -
                                                gtk_adjustment_get_page_size (adjustment));
          settle (300);
        }
      save (history, name);
    }
  gtk_window_destroy (GTK_WINDOW (history));
  settle (200);
}

/* The Lyon ZOE's location card: the map on the simulator's tiles, the
 * marker, the attribution and (asked for) the address. */
static void
shoot_map_card (GApplication *app, CarportWindow *window, const char *scheme, const char *size)
{
  g_autofree char *name = g_strdup_printf ("map-card-%s-%s.png", scheme, size);
  CarportSession *session = carport_application_get_session (CARPORT_APPLICATION (app));
  GtkWidget *page = carport_window_get_part (window, "vehicle_page");

  carport_session_set_reverse_geocoding (session, TRUE);
  carport_window_show_vehicle (window, "VF1X102VE00000002");
  /* The tiles come over loopback; give them time to be drawn, and the page
   * its height before it scrolls. */
  settle (1500);
  /* Narrow, in one column, the card is one of the last; wide, the page
   * scrolls to it. */
  if (g_str_equal (size, "narrow"))
    scroll_page (GTK_WIDGET (window), TRUE);
  else
    scroll_to (GTK_WIDGET (window), carport_vehicle_page_get_part (CARPORT_VEHICLE_PAGE (page), "location_card"));
  save (GTK_WIDGET (window), name);
  carport_session_set_reverse_geocoding (session, FALSE);
}

static void
shoot (GApplication *app)
{
  g_autofree char *name = NULL;

  g_application_hold (app);

  /* A logged-out account: welcome and login. */
  for (guint s = 0; s < G_N_ELEMENTS (schemes); s++)
    for (guint z = 0; z < G_N_ELEMENTS (sizes); z++)
      {
        CarportWindow *window;
        CarportLoginPage *login;

        adw_style_manager_set_color_scheme (adw_style_manager_get_default (), schemes[s].scheme);
        window = open_window (app, sizes[z].width, sizes[z].height);
        wait_view (app, "welcome");
        settle (300);
        name = g_strdup_printf ("welcome-%s-%s.png", schemes[s].name, sizes[z].name);
        save (GTK_WIDGET (window), name);
        g_clear_pointer (&name, g_free);

        carport_window_show_login (window);
        login = CARPORT_LOGIN_PAGE (carport_window_get_part (window, "login_page"));
        gtk_editable_set_text (GTK_EDITABLE (carport_login_page_get_part (login, "email_row")),
                               "camille@example.com");
        gtk_editable_set_text (GTK_EDITABLE (carport_login_page_get_part (login, "password_row")),
                               "secret12");
        gtk_widget_grab_focus (GTK_WIDGET (window));
        settle (600);
        name = g_strdup_printf ("login-%s-%s.png", schemes[s].name, sizes[z].name);
        save (GTK_WIDGET (window), name);
        g_clear_pointer (&name, g_free);

        /* The server has trouble: the sentence, Details and Retry. */
        {
          g_autoptr(GError) error = NULL;

          carport_api_set_error (&error, CARPORT_API_ERROR_SERVER, "HTTP 502 Bad Gateway");
          carport_login_page_show_error (login, error);
          gtk_widget_grab_focus (GTK_WIDGET (window));
          settle (600);
          name = g_strdup_printf ("login-error-%s-%s.png", schemes[s].name, sizes[z].name);
          save (GTK_WIDGET (window), name);
          g_clear_pointer (&name, g_free);
        }

        /* The emailed code: the explanation above the field, a new code,
         * another account. */
        {
          g_autoptr(GError) error = g_error_new_literal (CARPORT_API_ERROR, CARPORT_API_ERROR_TFA_REQUIRED, "");

          carport_login_page_show_error (login, error);
          gtk_widget_grab_focus (GTK_WIDGET (window));
          settle (600);
          name = g_strdup_printf ("login-code-%s-%s.png", schemes[s].name, sizes[z].name);
          save (GTK_WIDGET (window), name);
          g_clear_pointer (&name, g_free);
        }

        /* A login that expired: asked for again, with why. */
        carport_login_page_reset (login);
        carport_login_page_set_account (login, "renault", "fr_FR", "camille@example.com");
        carport_login_page_set_notice (login, "Your MY Renault login of camille@example.com has expired. "
                                              "Log in again to see your cars.");
        gtk_widget_grab_focus (GTK_WIDGET (window));
        settle (600);
        name = g_strdup_printf ("login-expired-%s-%s.png", schemes[s].name, sizes[z].name);
        save (GTK_WIDGET (window), name);
        g_clear_pointer (&name, g_free);
        carport_login_page_reset (login);

        /* A MyNISSAN account: a region, and the note on the 2026 login. */
        gtk_drop_down_set_selected (GTK_DROP_DOWN (carport_login_page_get_part (login, "brand_dropdown")), 3);
        gtk_widget_grab_focus (GTK_WIDGET (window));
        settle (600);
        name = g_strdup_printf ("login-nissan-%s-%s.png", schemes[s].name, sizes[z].name);
        save (GTK_WIDGET (window), name);
        g_clear_pointer (&name, g_free);
        gtk_drop_down_set_selected (GTK_DROP_DOWN (carport_login_page_get_part (login, "brand_dropdown")), 0);
      }

  /* The demo's cars: the list (narrow) and a car's page. */
  carport_application_start_demo (CARPORT_APPLICATION (app));
  if (!wait_for (demo_ready, app, 60000))
    g_error ("the demo did not start");

  for (guint s = 0; s < G_N_ELEMENTS (schemes); s++)
    for (guint z = 0; z < G_N_ELEMENTS (sizes); z++)
      {
        CarportWindow *window;

        adw_style_manager_set_color_scheme (adw_style_manager_get_default (), schemes[s].scheme);
        window = open_window (app, sizes[z].width, sizes[z].height);
        wait_view (app, "vehicles");
        if (z == 1)
          {
            settle (300);
            name = g_strdup_printf ("vehicles-%s-%s.png", schemes[s].name, sizes[z].name);
            save (GTK_WIDGET (window), name);
            g_clear_pointer (&name, g_free);
          }
        carport_window_show_vehicle (window, shown_vins[z]);
        settle (800);
        name = g_strdup_printf ("vehicle-%s-%s.png", schemes[s].name, sizes[z].name);
        save (GTK_WIDGET (window), name);
        g_clear_pointer (&name, g_free);

        /* A refresh that failed: the window's banner, Details and Retry. */
        {
          g_autoptr(GError) error = NULL;

          carport_api_set_error (&error, CARPORT_API_ERROR_SERVER, "HTTP 502 Bad Gateway");
          carport_window_show_refresh_result (window, error);
          settle (600);
          name = g_strdup_printf ("refresh-error-%s-%s.png", schemes[s].name, sizes[z].name);
          save (GTK_WIDGET (window), name);
          g_clear_pointer (&name, g_free);
          /* Narrow, the car list shows it too. */
          if (z == 1)
            {
              gtk_widget_activate_action (GTK_WIDGET (window), "win.back", NULL);
              settle (600);
              name = g_strdup_printf ("refresh-error-list-%s-%s.png", schemes[s].name, sizes[z].name);
              save (GTK_WIDGET (window), name);
              g_clear_pointer (&name, g_free);
              carport_window_show_vehicle (window, shown_vins[z]);
              settle (600);
            }
          carport_window_show_refresh_result (window, NULL);
        }

        /* A Nissan of the second demo account. */
        {
          CarportSession *session = carport_application_get_session (CARPORT_APPLICATION (app));
          g_auto(GStrv) nissans = carport_simulator_dup_nissan_vins (carport_demo_session_get_simulator (session));

          if (nissans && nissans[0])
            {
              carport_window_show_vehicle (window, nissans[0]);
              settle (800);
              name = g_strdup_printf ("vehicle-nissan-%s-%s.png", schemes[s].name, sizes[z].name);
              save (GTK_WIDGET (window), name);
              g_clear_pointer (&name, g_free);

              /* Its last cards (location, trips), scrolled to. */
              scroll_page (GTK_WIDGET (window), TRUE);
              name = g_strdup_printf ("vehicle-nissan-%s-%s-end.png", schemes[s].name, sizes[z].name);
              save (GTK_WIDGET (window), name);
              g_clear_pointer (&name, g_free);
            }
        }

        shoot_partial_failure (app, window, schemes[s].name, sizes[z].name);
        shoot_climate_dialog (window, schemes[s].name, sizes[z].name);
        shoot_pin_dialog (window, schemes[s].name, sizes[z].name);
        shoot_engine_start (window, schemes[s].name, sizes[z].name);
        shoot_device_code_dialog (window, schemes[s].name, sizes[z].name);
        shoot_forget_device (app, window, schemes[s].name, sizes[z].name);
        shoot_climate_planned (app, window, schemes[s].name, sizes[z].name);
        shoot_charge_controls (window, schemes[s].name, sizes[z].name);
        shoot_records (window, schemes[s].name, sizes[z].name);
        shoot_schedule_dialogs (window, schemes[s].name, sizes[z].name);
        shoot_history (window, schemes[s].name, sizes[z].name, sizes[z].width, sizes[z].height);
        shoot_map_card (app, window, schemes[s].name, sizes[z].name);
      }

  /* The preferences with the accounts, at their own size and narrow. */
  for (guint s = 0; s < G_N_ELEMENTS (schemes); s++)
    for (guint z = 0; z < G_N_ELEMENTS (sizes); z++)
      {
        GtkWidget *preferences = NULL;

        adw_style_manager_set_color_scheme (adw_style_manager_get_default (), schemes[s].scheme);
        open_window (app, sizes[0].width, sizes[0].height);
        g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
        for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l; l = l->next)
          if (CARPORT_IS_PREFERENCES_WINDOW (l->data))
            preferences = l->data;
        g_assert (preferences != NULL);
        gtk_window_set_default_size (GTK_WINDOW (preferences), z == 0 ? 640 : sizes[z].width, sizes[z].height);
        settle (800);
        name = g_strdup_printf ("preferences-%s-%s.png", schemes[s].name, sizes[z].name);
        save (preferences, name);
        g_clear_pointer (&name, g_free);
        gtk_window_destroy (GTK_WINDOW (preferences));
      }

  /* For review, not for the README: every car's page, the preferences. */
  if (review)
    {
      GtkWidget *preferences;

      CarportSession *session = carport_application_get_session (CARPORT_APPLICATION (app));
      GListModel *vehicles = carport_session_get_vehicles (session);
      CarportWindow *window;

      adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_LIGHT);
      window = open_window (app, sizes[0].width, 1400);
      wait_view (app, "vehicles");
      for (guint i = 0; i < g_list_model_get_n_items (vehicles); i++)
        {
          g_autoptr(CarportVehicle) vehicle = g_list_model_get_item (vehicles, i);

          carport_window_show_vehicle (window, carport_vehicle_get_vin (vehicle));
          settle (600);
          name = g_strdup_printf ("car-%s.png", carport_vehicle_get_vin (vehicle));
          save (GTK_WIDGET (window), name);
          g_clear_pointer (&name, g_free);
        }

      g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
      settle (600);
      preferences = NULL;
      for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l; l = l->next)
        if (CARPORT_IS_PREFERENCES_WINDOW (l->data))
          preferences = l->data;
      g_assert (preferences != NULL);
      save (preferences, "preferences.png");
      gtk_window_destroy (GTK_WINDOW (preferences));
    }

  /* An error: the server rate-limits a refresh; the last values stay. */
  {
    CarportSession *session = carport_application_get_session (CARPORT_APPLICATION (app));
    CarportWindow *window;

    adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_LIGHT);
    window = open_window (app, sizes[0].width, sizes[0].height);
    wait_view (app, "vehicles");
    carport_window_show_vehicle (window, shown_vins[1]);
    settle (300);
    carport_simulator_add_fault_from_string (carport_demo_session_get_simulator (session), "*=quota", NULL);
    gtk_widget_activate_action (GTK_WIDGET (window), "win.refresh", NULL);
    settle (1500);
    save (GTK_WIDGET (window), "error-light-wide.png");
    carport_simulator_clear_faults (carport_demo_session_get_simulator (session));
  }

  g_application_release (app);
  g_application_quit (app);
}

static void
activate_cb (GApplication *app)
{
  static gboolean started;

  if (started)
    return;
  started = TRUE;
  g_idle_add_once ((GSourceOnceFunc) shoot, app);
}

int
main (int argc, char *argv[])
{
  g_autoptr(CarportApplication) app = NULL;
  char *app_argv[] = { argv[0], NULL };

  if (argc < 2 || argc > 3 || (argc == 3 && !g_str_equal (argv[2], "--review")))
    {
      g_printerr ("usage: %s OUTDIR [--review]\n", argv[0]);
      return 2;
    }
  outdir = argv[1];
  review = argc == 3;
  g_mkdir_with_parents (outdir, 0755);

  app = carport_application_new ();
  /* Not the user's running Carport. */
  g_application_set_application_id (G_APPLICATION (app), APP_ID ".Screenshots");
  g_signal_connect_after (app, "activate", G_CALLBACK (activate_cb), NULL);
  return g_application_run (G_APPLICATION (app), 1, app_argv);
}
