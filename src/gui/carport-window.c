/* carport-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "carport-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "carport-account-window.h"
#include "carport-api-error.h"
#include "carport-closures.h"
#include "carport-error-banner.h"
#include "carport-login-page.h"
#include "carport-units.h"
#include "carport-vehicle-page.h"
#include "carport-vehicle-row.h"
#include "carport-welcome-page.h"
#include "carport-units.h"
#include "carport-window.h"

struct _CarportWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;

  /* Made when first shown, so that the first frame comes sooner: the pages
   * (in the tree) and the cars' view (carport-window-cars.ui, its builder
   * owned); NULL until then */
  GtkWidget            *welcome_page;
  CarportVehiclePage   *vehicle_page;
  CarportLoginPage     *login_page;
  GtkBuilder           *cars_builder;
  AdwLeaflet           *leaflet;
  GtkWidget            *sidebar;
  GtkWidget            *sidebar_separator;
  AdwWindowTitle       *sidebar_title;
  GtkListBox           *vehicle_list;
  GtkWidget            *content;
  GtkWidget            *back_button;
  AdwWindowTitle       *vehicle_title;
  GtkStack             *refresh_stack;
  GtkSpinner           *refresh_spinner;
  GtkRevealer          *demo_revealer;
  CarportErrorBanner   *error_banner;

  /* Owned */
  CarportSession       *session;
  GSettings            *settings;
  GCancellable         *cancellable;
  char                 *wanted_vin;
  GError               *refresh_error;   /* of the last refresh of all cars, nullable */
  gboolean              drawn;
  gboolean              demo;
  gboolean              asking_expired;  /* the login page asks for an expired login */
};

G_DEFINE_FINAL_TYPE (CarportWindow, carport_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_DRAWN,
  PROP_DEMO,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static guint
n_vehicles (CarportWindow *self)
{
  return self->session ? g_list_model_get_n_items (carport_session_get_vehicles (self->session)) : 0;
}

static void
update_actions (CarportWindow *self)
{
  gboolean ready = self->session &&
                   carport_session_get_state (self->session) == CARPORT_SESSION_STATE_READY;
  gboolean busy = FALSE;

  if (self->session)
    g_object_get (self->session, "busy", &busy, NULL);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.refresh", ready && !busy);
  /* The demo is left (app.leave-demo), not logged out of. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.add-account", ready && !self->demo);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.logout",
                                 self->session && !self->demo &&
                                 g_list_model_get_n_items (carport_session_get_accounts (self->session)) > 0);
  if (self->cars_builder == NULL)
    return;
  gtk_stack_set_visible_child_name (self->refresh_stack, busy ? "busy" : "idle");
  gtk_spinner_set_spinning (self->refresh_spinner, busy);
}

static void
update_demo (CarportWindow *self)
{
  if (self->cars_builder == NULL)
    return;
  gtk_revealer_set_reveal_child (self->demo_revealer, self->demo);
  adw_window_title_set_subtitle (self->sidebar_title, self->demo ? _("Demo — simulated cars") : NULL);
}

static GtkWidget *
create_row (gpointer item, gpointer user_data)
{
  return carport_vehicle_row_new (CARPORT_VEHICLE (item));
}

static void
bind_vehicle_list (CarportWindow *self)
{
  if (self->cars_builder)
    gtk_list_box_bind_model (self->vehicle_list,
                             self->session ? carport_session_get_vehicles (self->session) : NULL,
                             create_row, NULL, NULL);
}

static void row_selected_cb (CarportWindow *self, GtkListBoxRow *row);
static void row_activated_cb (CarportWindow *self, GtkListBoxRow *row);
static void update_error_banner (CarportWindow *self);

/* Folded on the car list (a narrow window), only the list is in view. */
static gboolean
list_only_in_view (CarportWindow *self)
{
  return adw_leaflet_get_folded (self->leaflet) && adw_leaflet_get_visible_child (self->leaflet) == self->sidebar;
}

/* The error banner goes under the header of the pane in view: the car list
 * when the window is folded on it, else the car's pane. */
static void
place_error_banner (CarportWindow *self)
{
  GtkWidget *clamp = GTK_WIDGET (gtk_builder_get_object (self->cars_builder, "error_clamp"));
  gboolean on_list = list_only_in_view (self);
  GtkWidget *pane = on_list ? self->sidebar : self->content;
  GtkWidget *after = on_list ? GTK_WIDGET (gtk_builder_get_object (self->cars_builder, "sidebar_header"))
                             : GTK_WIDGET (self->demo_revealer);

  if (gtk_widget_get_parent (clamp) != pane)
    {
      g_object_ref (clamp);
      gtk_box_remove (GTK_BOX (gtk_widget_get_parent (clamp)), clamp);
      gtk_box_insert_child_after (GTK_BOX (pane), clamp, after);
      g_object_unref (clamp);
    }
  update_error_banner (self);
}

static void
ensure_cars_view (CarportWindow *self)
{
  if (self->cars_builder)
    return;

  g_type_ensure (CARPORT_TYPE_ERROR_BANNER);
  self->cars_builder = gtk_builder_new_from_resource ("/io/github/carport/Carport/carport-window-cars.ui");
#define CARS_PART(type, id) self->id = type (gtk_builder_get_object (self->cars_builder, #id))
  CARS_PART (ADW_LEAFLET, leaflet);
  CARS_PART (GTK_WIDGET, sidebar);
  CARS_PART (GTK_WIDGET, sidebar_separator);
  CARS_PART (ADW_WINDOW_TITLE, sidebar_title);
  CARS_PART (GTK_LIST_BOX, vehicle_list);
  CARS_PART (GTK_WIDGET, content);
  CARS_PART (GTK_WIDGET, back_button);
  CARS_PART (ADW_WINDOW_TITLE, vehicle_title);
  CARS_PART (GTK_STACK, refresh_stack);
  CARS_PART (GTK_SPINNER, refresh_spinner);
  CARS_PART (GTK_REVEALER, demo_revealer);
  CARS_PART (CARPORT_ERROR_BANNER, error_banner);
#undef CARS_PART
  /* Folded, each pane has the window's buttons, the list its menu, the car a
   * way back (bound here: a plain builder's bindings outlive its widgets). */
  g_object_bind_property (self->leaflet, "folded", gtk_builder_get_object (self->cars_builder, "sidebar_header"),
                          "show-end-title-buttons", G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->leaflet, "folded", gtk_builder_get_object (self->cars_builder, "sidebar_menu_button"),
                          "visible", G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->leaflet, "folded", gtk_builder_get_object (self->cars_builder, "content_header"),
                          "show-start-title-buttons", G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->leaflet, "folded", self->back_button, "visible", G_BINDING_SYNC_CREATE);
  g_signal_connect_swapped (self->vehicle_list, "row-selected", G_CALLBACK (row_selected_cb), self);
  g_signal_connect_swapped (self->vehicle_list, "row-activated", G_CALLBACK (row_activated_cb), self);
  g_signal_connect_swapped (self->leaflet, "notify::folded", G_CALLBACK (place_error_banner), self);
  g_signal_connect_swapped (self->leaflet, "notify::visible-child", G_CALLBACK (place_error_banner), self);
  gtk_stack_add_named (self->main_stack, GTK_WIDGET (self->leaflet), "vehicles");
  bind_vehicle_list (self);
  update_demo (self);
  update_actions (self);
}

static void
ensure_welcome_page (CarportWindow *self)
{
  if (self->welcome_page)
    return;
  self->welcome_page = carport_welcome_page_new ();
  gtk_stack_add_named (self->main_stack, self->welcome_page, "welcome");
}

static CarportLoginPage *
ensure_login_page (CarportWindow *self)
{
  if (self->login_page)
    return self->login_page;

  self->login_page = CARPORT_LOGIN_PAGE (carport_login_page_new ());
  carport_login_page_set_session (self->login_page, self->session);
  gtk_stack_add_named (self->main_stack, GTK_WIDGET (self->login_page), "login");
  return self->login_page;
}

static void
show_view (CarportWindow *self, const char *name)
{
  if (g_str_equal (name, "welcome"))
    ensure_welcome_page (self);
  else if (g_str_equal (name, "login"))
    ensure_login_page (self);
  else if (g_str_equal (name, "vehicles"))
    ensure_cars_view (self);
  gtk_stack_set_visible_child_name (self->main_stack, name);
}

static CarportVehiclePage *
ensure_vehicle_page (CarportWindow *self)
{
  if (self->vehicle_page)
    return self->vehicle_page;

  ensure_cars_view (self);
  self->vehicle_page = CARPORT_VEHICLE_PAGE (carport_vehicle_page_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->vehicle_page), TRUE);
  gtk_box_append (GTK_BOX (self->content), GTK_WIDGET (self->vehicle_page));
  carport_vehicle_page_set_session (self->vehicle_page, self->session);
  carport_units_bind (self->settings, self->vehicle_page);
  g_settings_bind (self->settings, "experimental-remote-lock", self->vehicle_page, "remote-lock",
                   G_SETTINGS_BIND_GET);
  return self->vehicle_page;
}


static CarportVehicle *
shown_vehicle (CarportWindow *self)
{
  return self->vehicle_page ? carport_vehicle_page_get_vehicle (self->vehicle_page) : NULL;
}

static void
update_title (CarportWindow *self)
{
  CarportVehicle *vehicle = shown_vehicle (self);

  if (self->cars_builder == NULL)
    return;
  adw_window_title_set_title (self->vehicle_title, vehicle ? carport_vehicle_get_display_name (vehicle) : "");
  adw_window_title_set_subtitle (self->vehicle_title,
                                 vehicle ? carport_format_energy_type (carport_vehicle_get_energy (vehicle)) : NULL);
}

static void
select_vehicle (CarportWindow *self, CarportVehicle *vehicle)
{
  CarportVehicle *old = shown_vehicle (self);

  if (old)
    g_signal_handlers_disconnect_by_func (old, update_title, self);
  if (vehicle || self->vehicle_page)
    carport_vehicle_page_set_vehicle (ensure_vehicle_page (self), vehicle);
  if (vehicle)
    {
      g_signal_connect_swapped (vehicle, "notify::display-name", G_CALLBACK (update_title), self);
      g_settings_set_string (self->settings, "last-vehicle", carport_vehicle_get_vin (vehicle));
    }
  update_title (self);
}

static void
row_selected_cb (CarportWindow *self, GtkListBoxRow *row)
{
  if (row == NULL)
    return;

  select_vehicle (self, carport_vehicle_row_get_vehicle (CARPORT_VEHICLE_ROW (row)));
}

static void
row_activated_cb (CarportWindow *self, GtkListBoxRow *row)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static GtkListBoxRow *
row_for_vin (CarportWindow *self, const char *vin)
{
  for (int i = 0; ; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->vehicle_list, i);

      if (row == NULL)
        return NULL;
      if (g_strcmp0 (carport_vehicle_get_vin (carport_vehicle_row_get_vehicle (CARPORT_VEHICLE_ROW (row))), vin) == 0)
        return row;
    }
}

/* A login that expired (its account stays listed, logged out) is asked for
 * again at once: the login page with its brand, country and email, and why.
 * FALSE when no login expired. */
static gboolean
show_expired_login (CarportWindow *self)
{
  GListModel *accounts = carport_session_get_accounts (self->session);
  CarportLoginPage *page;
  g_autofree char *notice = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (accounts); i++)
    {
      g_autoptr(CarportAccount) account = g_list_model_get_item (accounts, i);

      if (carport_account_get_state (account) != CARPORT_SESSION_STATE_LOGGED_OUT)
        continue;
      /* Already asked: what the person typed stays. */
      if (self->asking_expired)
        return TRUE;

      self->asking_expired = TRUE;
      page = ensure_login_page (self);
      carport_login_page_reset (page);
      carport_login_page_set_account (page, carport_account_get_brand_id (account),
                                      carport_account_get_locale (account), carport_account_get_email (account));
      /* Translators: the first %s is the maker's account ("MY Renault"), the second the email address */
      notice = g_strdup_printf (_("Your %s login of %s has expired. Log in again to see your cars."),
                                carport_closures_account_name (carport_account_get_brand (account)),
                                carport_account_get_email (account));
      carport_login_page_set_notice (page, notice);
      show_view (self, "login");
      return TRUE;
    }
  return FALSE;
}

/* Which view the session's state calls for. */
static void
update_view (CarportWindow *self)
{
  const char *current = gtk_stack_get_visible_child_name (self->main_stack);
  guint n = n_vehicles (self);
  CarportSessionState state;

  if (self->session == NULL)
    {
      gtk_stack_set_visible_child_name (self->main_stack, "loading");
      return;
    }

  state = carport_session_get_state (self->session);

  if (n > 0 && (state == CARPORT_SESSION_STATE_READY || state == CARPORT_SESSION_STATE_RESTORING))
    {
      gboolean several = n > 1;
      CarportVehicle *shown = shown_vehicle (self);
      GtkListBoxRow *row = NULL;

      self->asking_expired = FALSE;
      ensure_cars_view (self);
      /* One car goes straight to its page: no list. */
      gtk_widget_set_visible (self->sidebar, several);
      gtk_widget_set_visible (self->sidebar_separator, several);

      if (self->wanted_vin)
        row = row_for_vin (self, self->wanted_vin);
      if (row == NULL && shown)
        row = row_for_vin (self, carport_vehicle_get_vin (shown));
      if (row == NULL)
        {
          g_autofree char *last = g_settings_get_string (self->settings, "last-vehicle");

          row = row_for_vin (self, last);
        }
      if (row == NULL)
        row = gtk_list_box_get_row_at_index (self->vehicle_list, 0);

      gtk_list_box_select_row (self->vehicle_list, row);
      if (row)
        select_vehicle (self, carport_vehicle_row_get_vehicle (CARPORT_VEHICLE_ROW (row)));

      if (g_strcmp0 (current, "vehicles") != 0)
        {
          show_view (self, "vehicles");
          /* On a phone several cars start with the list. */
          adw_leaflet_set_visible_child (self->leaflet,
                                         several && self->wanted_vin == NULL ? self->sidebar : self->content);
        }
      else if (self->wanted_vin)
        adw_leaflet_set_visible_child (self->leaflet, self->content);
      g_clear_pointer (&self->wanted_vin, g_free);
      return;
    }

  switch (state)
    {
    case CARPORT_SESSION_STATE_RESTORING:
      gtk_stack_set_visible_child_name (self->main_stack, "loading");
      break;
    case CARPORT_SESSION_STATE_LOGGING_IN:
    case CARPORT_SESSION_STATE_NEEDS_CODE:
      show_view (self, "login");
      break;
    case CARPORT_SESSION_STATE_READY:
    case CARPORT_SESSION_STATE_LOGGED_OUT:
    default:
      select_vehicle (self, NULL);
      if (show_expired_login (self))
        break;
      /* A login the person asked for stays; one for a login that expired
       * goes with that login (logged out of). */
      if (g_strcmp0 (current, "login") != 0 || self->asking_expired)
        show_view (self, "welcome");
      self->asking_expired = FALSE;
      break;
    }
}

static void
refresh_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(CarportWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (carport_session_refresh_finish (CARPORT_SESSION (object), result, &error) ||
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    carport_window_show_refresh_result (self, error);
}

static void
refresh_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CarportWindow *self = CARPORT_WINDOW (widget);

  if (self->session == NULL)
    return;

  carport_session_refresh_async (self->session, NULL, self->cancellable, refresh_cb, g_object_ref (self));
}

static void
show_login_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  carport_window_show_login (CARPORT_WINDOW (widget));
}

static void
show_welcome_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CarportWindow *self = CARPORT_WINDOW (widget);

  if (self->login_page)
    carport_login_page_reset (self->login_page);
  self->asking_expired = FALSE;
  show_view (self, "welcome");
}

static void
add_account_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CarportWindow *self = CARPORT_WINDOW (widget);
  GtkWidget *window;

  if (self->session == NULL)
    return;

  /* Over the cars: they stay in view while the other account logs in. */
  window = carport_account_window_new (GTK_WINDOW (self), self->session);
  gtk_window_present (GTK_WINDOW (window));
}

static void
logout_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(CarportWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!carport_session_logout_finish (CARPORT_SESSION (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    carport_window_add_toast (self, error->message);
}

static void
logout_response_cb (AdwMessageDialog *dialog, const char *response, gpointer user_data)
{
  CarportWindow *self = CARPORT_WINDOW (user_data);

  if (!g_str_equal (response, "logout") || self->session == NULL)
    return;

  carport_session_logout_async (self->session, NULL, self->cancellable, logout_cb, g_object_ref (self));
}

/* Every account: ask first. */
static void
logout_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CarportWindow *self = CARPORT_WINDOW (widget);
  guint n;
  GtkWidget *dialog;

  if (self->session == NULL)
    return;

  n = g_list_model_get_n_items (carport_session_get_accounts (self->session));
  dialog = adw_message_dialog_new (GTK_WINDOW (self),
                                   n > 1 ? _("Log Out of Every Account?") : _("Log Out?"),
                                   n > 1
                                   ? _("The cars of every account disappear from Carport; the accounts themselves are not changed.")
                                   : _("Your cars disappear from Carport; the account itself is not changed."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "logout", _("_Log Out"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "logout", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (logout_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
back_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CarportWindow *self = CARPORT_WINDOW (widget);

  if (self->leaflet)
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
disconnect_session (CarportWindow *self)
{
  if (self->session == NULL)
    return;

  g_signal_handlers_disconnect_by_data (self->session, self);
  g_signal_handlers_disconnect_by_data (carport_session_get_vehicles (self->session), self);
  g_signal_handlers_disconnect_by_data (carport_session_get_accounts (self->session), self);
}

/* The first frame is on screen: what waited for it (the app's start-up
 * work) may go on. */
static void
after_paint_cb (GdkFrameClock *clock, CarportWindow *self)
{
  g_signal_handlers_disconnect_by_func (clock, after_paint_cb, self);
  g_debug ("First frame drawn");
  self->drawn = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DRAWN]);
}

static void
carport_window_map (GtkWidget *widget)
{
  CarportWindow *self = CARPORT_WINDOW (widget);

  GTK_WIDGET_CLASS (carport_window_parent_class)->map (widget);
  if (!self->drawn)
    g_signal_connect_object (gtk_widget_get_frame_clock (widget), "after-paint",
                             G_CALLBACK (after_paint_cb), self, 0);
}

static void
carport_window_dispose (GObject *object)
{
  CarportWindow *self = CARPORT_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  disconnect_session (self);
  select_vehicle (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CARPORT_TYPE_WINDOW);
  /* Gone with the tree. */
  self->welcome_page = NULL;
  self->vehicle_page = NULL;
  self->login_page = NULL;
  self->leaflet = NULL;
  self->vehicle_list = NULL;
  self->error_banner = NULL;
  g_clear_object (&self->cars_builder);
  g_clear_object (&self->session);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (carport_window_parent_class)->dispose (object);
}

static void
carport_window_finalize (GObject *object)
{
  CarportWindow *self = CARPORT_WINDOW (object);

  g_clear_pointer (&self->wanted_vin, g_free);
  g_clear_error (&self->refresh_error);

  G_OBJECT_CLASS (carport_window_parent_class)->finalize (object);
}

static void
carport_window_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  CarportWindow *self = CARPORT_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_DRAWN:
      g_value_set_boolean (value, self->drawn);
      break;
    case PROP_DEMO:
      g_value_set_boolean (value, self->demo);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carport_window_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  CarportWindow *self = CARPORT_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      carport_window_set_session (self, g_value_get_object (value));
      break;
    case PROP_DEMO:
      carport_window_set_demo (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carport_window_class_init (CarportWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = carport_window_dispose;
  object_class->finalize = carport_window_finalize;
  object_class->get_property = carport_window_get_property;
  object_class->set_property = carport_window_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, CARPORT_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DRAWN] =
    g_param_spec_boolean ("drawn", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DEMO] =
    g_param_spec_boolean ("demo", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  widget_class->map = carport_window_map;


  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/carport/Carport/carport-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CarportWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CarportWindow, main_stack);
  carport_closures_bind (widget_class);

  gtk_widget_class_install_action (widget_class, "win.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "win.show-login", NULL, show_login_action);
  gtk_widget_class_install_action (widget_class, "win.show-welcome", NULL, show_welcome_action);
  gtk_widget_class_install_action (widget_class, "win.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "win.add-account", NULL, add_account_action);
  gtk_widget_class_install_action (widget_class, "win.logout", NULL, logout_action);

  /* Ctrl+R, F5 and Ctrl+W are the application's accelerators (the menu shows them). */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "win.back", NULL);
}

static void
carport_window_init (CarportWindow *self)
{
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));

  if (g_strcmp0 (PROFILE, "development") == 0)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");

  self->settings = g_settings_new ("io.github.carport.Carport");
  g_settings_bind (self->settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-height", self, "default-height", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);
  /* Running in the background: closing hides the window, the app goes on. */
  g_settings_bind (self->settings, "run-in-background", self, "hide-on-close", G_SETTINGS_BIND_GET);

  update_actions (self);
  update_view (self);
}

CarportWindow *
carport_window_new (AdwApplication *application)
{
  return g_object_new (CARPORT_TYPE_WINDOW, "application", application, NULL);
}

gboolean
carport_window_get_drawn (CarportWindow *self)
{
  g_return_val_if_fail (CARPORT_IS_WINDOW (self), FALSE);
  return self->drawn;
}

CarportSession *
carport_window_get_session (CarportWindow *self)
{
  g_return_val_if_fail (CARPORT_IS_WINDOW (self), NULL);
  return self->session;
}

void
carport_window_set_session (CarportWindow *self, CarportSession *session)
{
  g_return_if_fail (CARPORT_IS_WINDOW (self));
  g_return_if_fail (session == NULL || CARPORT_IS_SESSION (session));

  if (self->session == session)
    return;

  disconnect_session (self);
  select_vehicle (self, NULL);
  g_set_object (&self->session, session);

  bind_vehicle_list (self);
  if (self->vehicle_page)
    carport_vehicle_page_set_session (self->vehicle_page, session);
  if (self->login_page)
    carport_login_page_set_session (self->login_page, session);
  g_clear_error (&self->refresh_error);
  update_error_banner (self);

  if (session)
    {
      /* The list and the car's page show the cars' pictures. */
      carport_session_set_fetch_pictures (session, TRUE);
      g_signal_connect_swapped (session, "notify::state", G_CALLBACK (update_view), self);
      g_signal_connect_swapped (session, "notify::state", G_CALLBACK (update_actions), self);
      g_signal_connect_swapped (session, "notify::busy", G_CALLBACK (update_actions), self);
      g_signal_connect_swapped (carport_session_get_vehicles (session), "items-changed",
                                G_CALLBACK (update_view), self);
      g_signal_connect_swapped (carport_session_get_accounts (session), "items-changed",
                                G_CALLBACK (update_actions), self);
      /* A login that expired, or went since. */
      g_signal_connect_swapped (carport_session_get_accounts (session), "items-changed",
                                G_CALLBACK (update_view), self);
    }

  update_actions (self);
  update_view (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

void
carport_window_add_toast (CarportWindow *self, const char *title)
{
  AdwToast *toast;

  g_return_if_fail (CARPORT_IS_WINDOW (self));

  toast = adw_toast_new (title);
  adw_toast_set_timeout (toast, 5);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* The last refresh's error, unless it is said elsewhere: a lost login (the
 * login page or the car's page asks for it), or the shown car's own error
 * on its page, when that page is in view. */
static void
update_error_banner (CarportWindow *self)
{
  CarportVehicle *vehicle;

  /* Refreshes come only once the cars are shown. */
  if (self->error_banner == NULL)
    return;
  if (self->refresh_error == NULL ||
      g_error_matches (self->refresh_error, CARPORT_API_ERROR, CARPORT_API_ERROR_LOGIN_EXPIRED))
    {
      carport_error_banner_hide (self->error_banner);
      return;
    }
  vehicle = shown_vehicle (self);
  if (vehicle && carport_vehicle_get_last_error (vehicle) && !list_only_in_view (self) &&
      g_strcmp0 (carport_window_get_view (self), "vehicles") == 0)
    {
      carport_error_banner_hide (self->error_banner);
      return;
    }
  carport_error_banner_show_error (self->error_banner, self->refresh_error, TRUE);
}

void
carport_window_show_refresh_result (CarportWindow *self, const GError *error)
{
  g_return_if_fail (CARPORT_IS_WINDOW (self));

  g_clear_error (&self->refresh_error);
  if (error)
    self->refresh_error = g_error_copy (error);
  update_error_banner (self);
}

gboolean
carport_window_show_vehicle (CarportWindow *self, const char *vin)
{
  g_return_val_if_fail (CARPORT_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (vin != NULL, FALSE);

  /* Kept until the session knows its cars (e.g. right after a notification
   * started the app). */
  g_free (self->wanted_vin);
  self->wanted_vin = g_strdup (vin);
  update_view (self);
  return self->session != NULL && carport_session_find_vehicle (self->session, vin) != NULL;
}

CarportVehicle *
carport_window_get_vehicle (CarportWindow *self)
{
  g_return_val_if_fail (CARPORT_IS_WINDOW (self), NULL);
  return shown_vehicle (self);
}

const char *
carport_window_get_view (CarportWindow *self)
{
  g_return_val_if_fail (CARPORT_IS_WINDOW (self), NULL);
  return gtk_stack_get_visible_child_name (self->main_stack);
}

void
carport_window_show_login (CarportWindow *self)
{
  g_return_if_fail (CARPORT_IS_WINDOW (self));

  carport_login_page_reset (ensure_login_page (self));
  self->asking_expired = FALSE;
  show_view (self, "login");
}

gboolean
carport_window_get_demo (CarportWindow *self)
{
  g_return_val_if_fail (CARPORT_IS_WINDOW (self), FALSE);
  return self->demo;
}

void
carport_window_set_demo (CarportWindow *self, gboolean demo)
{
  g_return_if_fail (CARPORT_IS_WINDOW (self));

  demo = !!demo;
  if (self->demo == demo)
    return;
  self->demo = demo;
  update_demo (self);
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEMO]);
}

GtkWidget *
carport_window_get_part (CarportWindow *self, const char *id)
{
  g_return_val_if_fail (CARPORT_IS_WINDOW (self), NULL);

  /* What is made when first shown is made when asked for. */
  if (g_str_equal (id, "vehicle_page"))
    return GTK_WIDGET (ensure_vehicle_page (self));
  if (g_str_equal (id, "login_page"))
    return GTK_WIDGET (ensure_login_page (self));
  if (g_str_equal (id, "welcome_page"))
    {
      ensure_welcome_page (self);
      return self->welcome_page;
    }
  if (gtk_widget_get_template_child (GTK_WIDGET (self), CARPORT_TYPE_WINDOW, id))
    return GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (self), CARPORT_TYPE_WINDOW, id));
  ensure_cars_view (self);
  return GTK_WIDGET (gtk_builder_get_object (self->cars_builder, id));
}
