/* carport-vehicle-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "carport-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "carport-account.h"
#include "carport-account-window.h"
#include "carport-battery-card.h"
#include "carport-history-page.h"
#include "carport-charge-card.h"
#include "carport-climate-card.h"
#include "carport-charge-later-dialog.h"
#include "carport-climate-dialog.h"
#include "carport-closures.h"
#include "carport-vehicle-picture.h"
#include "carport-cockpit-card.h"
#include "carport-command-button.h"
#include "carport-command-runner.h"
#include "carport-error-banner.h"
#include "carport-device-code-dialog.h"
#include "carport-pin-flow.h"
#include "carport-location-card.h"
#include "carport-locks-card.h"
#include "carport-tyres-card.h"
#include "carport-services-card.h"
#include "carport-trips-card.h"
#include "carport-units.h"
#include "carport-vehicle-page.h"

struct _CarportVehiclePage
{
  AdwBin                  parent_instance;

  /* Template widgets */
  CarportErrorBanner     *error_banner;
  GtkFlowBox             *actions_box;
  GtkBox                 *columns;
  GtkBox                 *column_start;
  GtkBox                 *column_end;
  GtkWidget              *wake_button;
  GtkWidget              *pin_menu_button;

  /* Found in the template: the command buttons of actions_box and the
   * cards of column_start, in their order there */
  GPtrArray              *command_buttons;
  GPtrArray              *cards;
  CarportLocationCard    *location_card;
  GSimpleActionGroup     *command_actions;  /* "command.<kind's nick>", one a button */

  /* Owned */
  CarportVehicle         *vehicle;
  CarportSession         *session;
  CarportAccount         *account;      /* the vehicle's */
  CarportCommandRunner   *runner;
  GCancellable           *cancellable;
  CarportDistanceUnit     distance_unit;
  CarportTemperatureUnit  temperature_unit;
  guint                   relayout_id;
  guint                   asking;       /* "Ask the Car Now" commands in flight */
  gboolean                two_columns;
  gboolean                remote_lock;  /* the experimental lock and unlock offered */
};

/* Wider than this, the cards go in two columns. */
#define TWO_COLUMNS_WIDTH 720

G_DEFINE_FINAL_TYPE (CarportVehiclePage, carport_vehicle_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_VEHICLE,
  PROP_SESSION,
  PROP_DISTANCE_UNIT,
  PROP_TEMPERATURE_UNIT,
  PROP_REMOTE_LOCK,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The button that shows a command of @kind: the one that asks when, for a
 * @planned one, when there is one ("Charge Later…"), else the other. */
static CarportCommandButton *
button_for_command (CarportVehiclePage *self, CarportCommandKind kind, gboolean planned)
{
  CarportCommandButton *found = NULL;

  for (guint i = 0; i < self->command_buttons->len; i++)
    {
      CarportCommandButton *button = g_ptr_array_index (self->command_buttons, i);

      if (carport_command_button_get_kind (button) != kind)
        continue;
      if (carport_command_button_get_planned (button) == planned)
        return button;
      if (!carport_command_button_get_planned (button))
        found = button;
    }
  return found;
}

/* "command.charge-start", or "command.charge-start-later" for the button that asks when. */
static char *
dup_action_name (CarportCommandButton *button)
{
  const char *nick = carport_enum_to_nick (CARPORT_TYPE_COMMAND_KIND, carport_command_button_get_kind (button));

  return g_strconcat (nick, carport_command_button_get_planned (button) ? "-later" : "", NULL);
}

static gboolean
in_flight (CarportVehiclePage *self, CarportCommandKind kind)
{
  return carport_command_runner_in_flight (self->runner, kind);
}

/* A GtkFlowBox keeps an empty slot for a hidden child: hide its box too. */
static void
set_shown (GtkWidget *widget, gboolean shown)
{
  GtkWidget *parent = gtk_widget_get_parent (widget);

  gtk_widget_set_visible (widget, shown);
  if (GTK_IS_FLOW_BOX_CHILD (parent))
    gtk_widget_set_visible (parent, shown);
}

/* One column when narrow; two balanced columns (each card to the shorter
 * one, in order) when wide. */
static void
relayout_cards (CarportVehiclePage *self)
{
  int heights[2] = { 0, 0 };
  int column_width = gtk_widget_get_width (GTK_WIDGET (self->columns));

  if (self->two_columns)
    column_width = (column_width - 12) / 2;

  for (guint i = 0; i < self->cards->len; i++)
    {
      GtkWidget *card = g_ptr_array_index (self->cards, i);
      GtkBox *target = self->column_start;
      int height = 0;

      if (self->two_columns && gtk_widget_get_visible (card))
        {
          gtk_widget_measure (card, GTK_ORIENTATION_VERTICAL, MAX (column_width, 1), NULL, &height, NULL, NULL);
          if (heights[1] < heights[0])
            target = self->column_end;
          heights[target == self->column_end] += height + 12;
        }

      g_object_ref (card);
      gtk_box_remove (GTK_BOX (gtk_widget_get_parent (card)), card);
      gtk_box_append (target, card);
      g_object_unref (card);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->column_end), self->two_columns);
}

static void
relayout_idle_cb (gpointer user_data)
{
  CarportVehiclePage *self = user_data;

  self->relayout_id = 0;
  relayout_cards (self);
}

static void
queue_relayout (CarportVehiclePage *self)
{
  if (self->relayout_id == 0)
    self->relayout_id = g_idle_add_once (relayout_idle_cb, self);
}

static void
card_visible_cb (CarportVehiclePage *self)
{
  if (self->two_columns)
    queue_relayout (self);
}

/* The page lays its child out itself (no layout manager) to see its width:
 * libadwaita 1.2 has no breakpoints. */
static void
carport_vehicle_page_measure (GtkWidget      *widget,
                              GtkOrientation  orientation,
                              int             for_size,
                              int            *minimum,
                              int            *natural,
                              int            *minimum_baseline,
                              int            *natural_baseline)
{
  GtkWidget *child = adw_bin_get_child (ADW_BIN (widget));

  if (child && gtk_widget_should_layout (child))
    gtk_widget_measure (child, orientation, for_size, minimum, natural, minimum_baseline, natural_baseline);
}

static void
carport_vehicle_page_size_allocate (GtkWidget *widget, int width, int height, int baseline)
{
  CarportVehiclePage *self = CARPORT_VEHICLE_PAGE (widget);
  GtkWidget *child = adw_bin_get_child (ADW_BIN (widget));
  gboolean two = width >= TWO_COLUMNS_WIDTH;

  if (two != self->two_columns)
    {
      self->two_columns = two;
      queue_relayout (self);
    }

  if (child && gtk_widget_should_layout (child))
    gtk_widget_allocate (child, width, height, baseline, NULL);
}

/* The commands that wake the car so that it reports its state now: every
 * refresh-… command it supports (battery, location, climate, locks, …). */
static gboolean
is_wake_kind (CarportCommandKind kind)
{
  return g_str_has_prefix (carport_enum_to_nick (CARPORT_TYPE_COMMAND_KIND, kind), "refresh-");
}

/* A refresh command that can work: the car takes it and Carport can read
 * what it asks the car to report. */
static gboolean
wakes (CarportVehicle *vehicle, CarportCommandKind kind)
{
  return is_wake_kind (kind) && carport_vehicle_get_command_obstacle (vehicle, kind) == NULL;
}

static gboolean
can_wake (CarportVehicle *vehicle)
{
  for (int kind = 0; vehicle && kind < CARPORT_N_COMMAND_KINDS; kind++)
    if (wakes (vehicle, kind))
      return TRUE;
  return FALSE;
}

/* The commands that come in start/stop pairs (charge, climate): the other
 * one, and whether @kind starts. FALSE for the others. */
static gboolean
pair_of (CarportCommandKind kind, CarportCommandKind *other, gboolean *starts)
{
  switch (kind)
    {
    case CARPORT_COMMAND_KIND_CHARGE_START:
    case CARPORT_COMMAND_KIND_CHARGE_STOP:
      *starts = kind == CARPORT_COMMAND_KIND_CHARGE_START;
      *other = *starts ? CARPORT_COMMAND_KIND_CHARGE_STOP : CARPORT_COMMAND_KIND_CHARGE_START;
      return TRUE;
    case CARPORT_COMMAND_KIND_HVAC_START:
    case CARPORT_COMMAND_KIND_HVAC_STOP:
      *starts = kind == CARPORT_COMMAND_KIND_HVAC_START;
      *other = *starts ? CARPORT_COMMAND_KIND_HVAC_STOP : CARPORT_COMMAND_KIND_HVAC_START;
      return TRUE;
    default:
      return FALSE;
    }
}

/* Whether what a pair starts and stops is on: charging, the climate. */
static gboolean
pair_is_on (CarportVehicle *vehicle, CarportCommandKind kind)
{
  if (kind == CARPORT_COMMAND_KIND_CHARGE_START || kind == CARPORT_COMMAND_KIND_CHARGE_STOP)
    return carport_battery_get_charging (carport_vehicle_get_battery (vehicle)) == CARPORT_CHARGING_STATE_CHARGING;
  return carport_climate_get_state (carport_vehicle_get_climate (vehicle)) == CARPORT_CLIMATE_STATE_ON;
}

static gboolean
is_ready (CarportVehiclePage *self)
{
  return carport_command_runner_get_login_obstacle (self->runner) == NULL;
}

/* One banner: a login that expired (with a way to log in again), else the
 * last refresh's error (with Retry); the cards keep their last values. */
static void
update_banner (CarportVehiclePage *self)
{
  const char *error = self->vehicle ? carport_vehicle_get_last_error (self->vehicle) : NULL;

  if (self->account != NULL && carport_account_get_state (self->account) == CARPORT_SESSION_STATE_LOGGED_OUT)
    {
      g_autofree char *text = NULL;

      /* Translators: first %s is the name of the maker's account ("MyNISSAN"), second the email address */
      text = g_strdup_printf (_("The %s login of %s expired"),
                              carport_closures_account_name (carport_account_get_brand (self->account)),
                              carport_account_get_email (self->account));
      carport_error_banner_set_retry_action_name (self->error_banner, "vehicle.log-in-again");
      g_object_set (self->error_banner, "retry-label", _("_Log In…"), NULL);
      carport_error_banner_show_message (self->error_banner, text, NULL, TRUE);
    }
  else if (error != NULL && *error != '\0')
    {
      carport_error_banner_set_retry_action_name (self->error_banner, "vehicle.refresh");
      g_object_set (self->error_banner, "retry-label", _("_Retry"), NULL);
      carport_error_banner_show_message (self->error_banner, error, NULL, TRUE);
    }
  else
    carport_error_banner_hide (self->error_banner);
}

/* Lock, unlock and engine start and stop, offered only while the
 * experimental setting is on: they take the car's PIN. */
static gboolean
is_remote_lock (CarportCommandKind kind)
{
  return carport_command_kind_takes_pin (kind);
}

/* What a command button shows: whether it is there, can be pressed, and
 * why not. A pair (start, stop) shows the one the car's state calls for, the
 * one in flight staying in view, even when the car takes only the other. */
static void
update_command_button (CarportVehiclePage *self, CarportCommandButton *button, gboolean *shown)
{
  CarportVehicle *vehicle = self->vehicle;
  CarportCommandKind kind = carport_command_button_get_kind (button);
  g_autofree char *action_name = dup_action_name (button);
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self->command_actions), action_name);
  gboolean supported = vehicle && carport_vehicle_supports_command (vehicle, kind) &&
                       (self->remote_lock || !is_remote_lock (kind));
  gboolean busy = in_flight (self, kind);
  const char *reason = NULL;
  CarportCommandKind other;
  gboolean starts;

  *shown = supported;
  if (vehicle && pair_of (kind, &other, &starts))
    {
      gboolean other_busy = in_flight (self, other);
      gboolean called_for = pair_is_on (vehicle, kind) != starts;

      *shown = (supported || carport_vehicle_supports_command (vehicle, other)) &&
               (busy || (called_for && !other_busy));
      busy = busy || other_busy;
    }

  /* What the car cannot do comes first, then the login, then its state. */
  if (vehicle && !busy)
    {
      reason = supported ? carport_command_runner_get_login_obstacle (self->runner) : NULL;
      if (reason == NULL)
        reason = carport_vehicle_get_command_obstacle (vehicle, kind);
      /* The same capability the protocol layer and the CLI check. */
      if (reason == NULL && carport_command_button_get_planned (button) &&
          !carport_capabilities_get_charge_start_time (carport_vehicle_get_capabilities (vehicle)))
        reason = _("This car can only start charging now");
    }

  g_simple_action_set_enabled (G_SIMPLE_ACTION (action), vehicle && !busy && reason == NULL);
  carport_command_button_set_reason (button, reason);
  set_shown (GTK_WIDGET (button), *shown);
}

/* The one place that decides what can be pressed and which buttons show. */
static void
update_actions (CarportVehiclePage *self)
{
  CarportVehicle *vehicle = self->vehicle;
  gboolean ready = is_ready (self);
  gboolean has_position = FALSE;
  gboolean remote_lock;
  guint n_shown = 0;

  if (vehicle)
    {
      CarportLocation *location = carport_vehicle_get_location (vehicle);

      has_position = carport_is_known (carport_location_get_latitude (location)) &&
                     carport_is_known (carport_location_get_longitude (location));
    }

  for (guint i = 0; i < self->command_buttons->len; i++)
    {
      gboolean shown;

      update_command_button (self, g_ptr_array_index (self->command_buttons, i), &shown);
      n_shown += shown;
    }

  gtk_widget_set_visible (self->wake_button, can_wake (vehicle));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "vehicle.ask-car", ready && self->asking == 0);
  carport_command_button_set_reason (CARPORT_COMMAND_BUTTON (self->wake_button),
                                     self->asking == 0 ? carport_command_runner_get_login_obstacle (self->runner) : NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "vehicle.log-in-again",
                                 self->account != NULL &&
                                 carport_account_get_state (self->account) == CARPORT_SESSION_STATE_LOGGED_OUT);

  gtk_widget_set_visible (GTK_WIDGET (self->actions_box), n_shown > 0);
  /* The buttons share the width in one line when it is wide enough. */
  gtk_flow_box_set_max_children_per_line (self->actions_box, MAX (n_shown, 2));
  /* The PIN's menu, while remote lock is offered: "Change" once the car has one. */
  remote_lock = self->remote_lock && vehicle && carport_vehicle_supports_command (vehicle, CARPORT_COMMAND_KIND_SRP_ENROL);
  gtk_widget_set_visible (self->pin_menu_button, remote_lock);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "vehicle.pin-set-up",
                                 remote_lock && !carport_pin_flow_get_pin_known (vehicle));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "vehicle.pin-change",
                                 remote_lock && carport_pin_flow_get_pin_known (vehicle));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "vehicle.pin-forget", remote_lock);
  /* "Forget This Computer…" where the maker registers it (a Nissan). */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "vehicle.device-forget",
                                 remote_lock && self->session != NULL &&
                                 carport_session_registers_devices (self->session, vehicle));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "vehicle.open-maps", has_position);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "vehicle.copy-coordinates", has_position);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "vehicle.refresh",
                                 ready && !carport_vehicle_get_refreshing (vehicle));
}

/* A command goes out: its button shows its progress. */
static void
command_sent_cb (CarportVehiclePage *self, CarportCommand *command)
{
  CarportCommandButton *button = button_for_command (self, carport_command_get_kind (command),
                                                     carport_command_get_start_at (command) != NULL);

  if (button)
    carport_command_button_set_command (button, command);
  g_signal_connect_object (command, "notify::state", G_CALLBACK (update_actions), self, G_CONNECT_SWAPPED);
  update_actions (self);
}

static void
climate_response_cb (CarportClimateDialog *dialog, const char *response, gpointer user_data)
{
  CarportVehiclePage *self = CARPORT_VEHICLE_PAGE (user_data);
  g_autoptr(CarportCommand) command = NULL;

  if (!g_str_equal (response, "start"))
    return;

  command = carport_command_runner_create (self->runner, CARPORT_COMMAND_KIND_HVAC_START);
  if (command == NULL)
    return;
  carport_climate_dialog_apply (dialog, command);
  carport_command_runner_send (self->runner, command);
}

static void
history_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CarportVehiclePage *self = CARPORT_VEHICLE_PAGE (widget);

  if (self->session && self->vehicle)
    gtk_window_present (GTK_WINDOW (carport_history_page_new_window (GTK_WINDOW (gtk_widget_get_root (widget)),
                                                                     self->session, self->vehicle)));
}

/* Climate start asks for the temperature and an optional "ready at" time. */
static void
ask_climate (CarportVehiclePage *self)
{
  GtkWidget *dialog = carport_climate_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                                  self->vehicle, self->temperature_unit);

  g_signal_connect_object (dialog, "response", G_CALLBACK (climate_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
charge_later_response_cb (CarportChargeLaterDialog *dialog, const char *response, gpointer user_data)
{
  CarportVehiclePage *self = CARPORT_VEHICLE_PAGE (user_data);
  g_autoptr(CarportCommand) command = NULL;
  g_autoptr(GDateTime) start_at = NULL;

  if (!g_str_equal (response, "start"))
    return;

  command = carport_command_runner_create (self->runner, CARPORT_COMMAND_KIND_CHARGE_START);
  if (command == NULL)
    return;
  start_at = carport_charge_later_dialog_dup_start_at (dialog);
  carport_command_set_start_at (command, start_at);
  carport_command_runner_send (self->runner, command);
}

/* "Charge Later…" asks when (a car whose capabilities take a start time). */
static void
ask_charge_later (CarportVehiclePage *self)
{
  GtkWidget *dialog = carport_charge_later_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))));

  g_signal_connect_object (dialog, "response", G_CALLBACK (charge_later_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Whether the car has a PIN, from the keyring, for the PIN's menu: only
 * while remote lock is offered (the keyring may ask to be unlocked). */
static void
learn_pin (CarportVehiclePage *self)
{
  if (self->remote_lock && self->vehicle && self->session &&
      carport_vehicle_supports_command (self->vehicle, CARPORT_COMMAND_KIND_SRP_ENROL))
    carport_pin_flow_learn (self->session, self->vehicle, GTK_WIDGET (self), (void (*) (GtkWidget *)) update_actions);
}

typedef struct {
  CarportVehiclePage *page;  /* owned */
  CarportCommandKind  kind;
} PinAsk;

static void
device_ensured_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  PinAsk *ask = user_data;

  if (carport_device_code_dialog_ensure_finish (result) && ask->page->vehicle != NULL)
    carport_pin_flow_start (ask->page->runner, ask->kind, GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (ask->page))));
  g_object_unref (ask->page);
  g_free (ask);
}

/* The PIN (remembered, or asked for): a brand that registers this computer
 * for the car first (Nissan) asks for the e-mailed code before. */
static void
ask_device_then_pin (CarportVehiclePage *self, CarportCommandKind kind)
{
  PinAsk *ask;

  if (self->session == NULL)
    return;
  ask = g_new0 (PinAsk, 1);
  ask->page = g_object_ref (self);
  ask->kind = kind;
  carport_device_code_dialog_ensure_async (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), self->session,
                                           self->vehicle, device_ensured_cb, ask);
}

/* The remote control PIN: set up (or changed), and forgotten; this computer
 * forgotten by the maker. */
static void
pin_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  CarportVehiclePage *self = CARPORT_VEHICLE_PAGE (widget);

  if (g_str_equal (action_name, "vehicle.pin-forget"))
    carport_pin_flow_forget (self->runner);
  else if (g_str_equal (action_name, "vehicle.device-forget"))
    carport_device_code_dialog_forget (GTK_WINDOW (gtk_widget_get_root (widget)), self->runner);
  else
    ask_device_then_pin (self, CARPORT_COMMAND_KIND_SRP_ENROL);
}

/* A command button was pressed: the commands that take parameters ask for
 * them, the others go (horn and lights after a question). */
static void
command_activated_cb (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  CarportVehiclePage *self = CARPORT_VEHICLE_PAGE (user_data);
  const char *name = g_action_get_name (G_ACTION (action));
  CarportCommandKind kind = carport_enum_from_nick (CARPORT_TYPE_COMMAND_KIND, name, -1);

  if (self->vehicle == NULL)
    return;
  if (g_str_has_suffix (name, "-later"))
    ask_charge_later (self);
  else if (kind == CARPORT_COMMAND_KIND_HVAC_START)
    ask_climate (self);
  else if (is_remote_lock (kind))
    ask_device_then_pin (self, kind);
  else
    carport_command_runner_run (self->runner, kind);
}

typedef struct {
  CarportVehiclePage *self;
  CarportVehicle     *vehicle;
  guint               pending;
  guint               failed;
  char               *error;      /* the first failure */
} AskData;

static void
ask_data_clear (AskData *ask)
{
  g_clear_object (&ask->self);
  g_clear_object (&ask->vehicle);
  g_free (ask->error);
}

static void
ask_data_release (AskData *ask)
{
  g_rc_box_release_full (ask, (GDestroyNotify) ask_data_clear);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AskData, ask_data_release)

static void
ask_command_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(AskData) ask = user_data;
  CarportVehiclePage *self = ask->self;
  g_autoptr(GError) error = NULL;

  carport_command_runner_send_finish (CARPORT_COMMAND_RUNNER (object), result, &error);
  if (error && !ask->error && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    ask->error = g_strdup (error->message);
  ask->failed += error != NULL;
  if (--ask->pending > 0)
    return;

  if (ask->vehicle == self->vehicle)
    self->asking = 0;
  if (ask->error)
    {
      /* Translators: %s says why, e.g. "The car did not answer." */
      g_autofree char *text = g_strdup_printf (_("The car did not report its state: %s"), ask->error);

      carport_command_runner_add_toast (self->runner, text);
    }
  else if (ask->failed == 0)
    carport_command_runner_add_toast (self->runner, _("The car reported its state"));
  update_actions (self);
}

/* "Ask the Car Now": wakes the car (its 12 V battery pays) with every
 * refresh command it supports; the background refresh never does. */
static void
ask_car_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CarportVehiclePage *self = CARPORT_VEHICLE_PAGE (widget);
  g_autoptr(AskData) ask = NULL;

  if (self->vehicle == NULL || self->asking > 0)
    return;

  ask = g_rc_box_new0 (AskData);
  ask->self = g_object_ref (self);
  ask->vehicle = g_object_ref (self->vehicle);
  for (int kind = 0; kind < CARPORT_N_COMMAND_KINDS; kind++)
    {
      g_autoptr(CarportCommand) command = NULL;

      if (!wakes (self->vehicle, kind))
        continue;
      command = carport_command_runner_create (self->runner, kind);
      if (command == NULL)
        continue;
      /* The button follows the first; the toast says how they all went. */
      if (ask->pending++ == 0)
        carport_command_button_set_command (CARPORT_COMMAND_BUTTON (self->wake_button), command);
      carport_command_runner_send_async (self->runner, command, ask_command_cb, g_rc_box_acquire (ask));
    }
  self->asking = ask->pending;
  update_actions (self);
}

static void
log_in_again_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CarportVehiclePage *self = CARPORT_VEHICLE_PAGE (widget);

  if (self->account == NULL || self->session == NULL)
    return;

  carport_account_window_log_in_again (GTK_WINDOW (gtk_widget_get_root (widget)), self->session, self->account);
}

static void
refresh_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(CarportVehiclePage) self = user_data;
  g_autoptr(GError) error = NULL;

  /* Failures land on the vehicle (last-error) and show in the banner; a
   * toast only for those that do not (e.g. not logged in). */
  if (!carport_session_refresh_finish (CARPORT_SESSION (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
      (self->vehicle == NULL || carport_vehicle_get_last_error (self->vehicle) == NULL))
    carport_command_runner_add_toast (self->runner, error->message);
}

static void
refresh_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CarportVehiclePage *self = CARPORT_VEHICLE_PAGE (widget);

  if (self->session == NULL || self->vehicle == NULL)
    return;

  carport_session_refresh_async (self->session, self->vehicle, self->cancellable,
                                 refresh_cb, g_object_ref (self));
}

static void
open_maps_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(CarportVehiclePage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_app_info_launch_default_for_uri_finish (result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_debug ("Could not open the map: %s", error->message);
      carport_command_runner_add_toast (self->runner, _("No app is installed that can show a map location"));
    }
}

/* A maps app where one takes geo: URIs, else openstreetmap.org in the browser. */
static void
open_maps_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CarportVehiclePage *self = CARPORT_VEHICLE_PAGE (widget);
  g_autoptr(GAppInfo) maps_app = NULL;
  g_autofree char *uri = NULL;
  g_autoptr(GAppLaunchContext) context = NULL;
  CarportLocation *location;

  if (self->vehicle == NULL)
    return;

  location = carport_vehicle_get_location (self->vehicle);
  maps_app = g_app_info_get_default_for_uri_scheme ("geo");
  uri = maps_app != NULL ? carport_location_dup_geo_uri (location) : carport_location_dup_osm_url (location);
  if (uri == NULL)
    return;

  context = G_APP_LAUNCH_CONTEXT (gdk_display_get_app_launch_context (gtk_widget_get_display (widget)));
  g_app_info_launch_default_for_uri_async (uri, context, self->cancellable, open_maps_cb, g_object_ref (self));
}

static void
copy_coordinates_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CarportVehiclePage *self = CARPORT_VEHICLE_PAGE (widget);
  g_autofree char *coordinates = NULL;

  if (self->vehicle == NULL)
    return;
  coordinates = carport_location_dup_coordinates (carport_vehicle_get_location (self->vehicle));
  if (coordinates == NULL)
    return;
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), coordinates);
  carport_command_runner_add_toast (self->runner, _("Coordinates copied"));
}

static void
disconnect_vehicle (CarportVehiclePage *self)
{
  if (self->vehicle == NULL)
    return;

  g_signal_handlers_disconnect_by_data (self->vehicle, self);
  g_signal_handlers_disconnect_by_data (carport_vehicle_get_battery (self->vehicle), self);
  g_signal_handlers_disconnect_by_data (carport_vehicle_get_climate (self->vehicle), self);
  g_signal_handlers_disconnect_by_data (carport_vehicle_get_location (self->vehicle), self);
}

/* The account the car came through: its login decides what can be done. */
static void
update_account (CarportVehiclePage *self)
{
  CarportAccount *account = NULL;

  if (self->session && self->vehicle)
    account = carport_session_get_vehicle_account (self->session, self->vehicle);
  if (account != self->account)
    {
      if (self->account)
        g_signal_handlers_disconnect_by_data (self->account, self);
      g_set_object (&self->account, account);
      if (account)
        {
          g_signal_connect_swapped (account, "notify::state", G_CALLBACK (update_banner), self);
          g_signal_connect_swapped (account, "notify::state", G_CALLBACK (update_actions), self);
        }
    }
  update_banner (self);
}

static void
carport_vehicle_page_dispose (GObject *object)
{
  CarportVehiclePage *self = CARPORT_VEHICLE_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->relayout_id, g_source_remove);
  if (self->runner)
    g_signal_handlers_disconnect_by_data (self->runner, self);
  g_clear_object (&self->runner);
  disconnect_vehicle (self);
  if (self->session)
    g_signal_handlers_disconnect_by_data (self->session, self);
  if (self->account)
    g_signal_handlers_disconnect_by_data (self->account, self);
  g_clear_object (&self->account);
  g_clear_pointer (&self->command_buttons, g_ptr_array_unref);
  g_clear_pointer (&self->cards, g_ptr_array_unref);
  g_clear_object (&self->command_actions);
  gtk_widget_dispose_template (GTK_WIDGET (self), CARPORT_TYPE_VEHICLE_PAGE);
  g_clear_object (&self->vehicle);
  g_clear_object (&self->session);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (carport_vehicle_page_parent_class)->dispose (object);
}

static void
carport_vehicle_page_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  CarportVehiclePage *self = CARPORT_VEHICLE_PAGE (object);

  switch (prop_id)
    {
    case PROP_VEHICLE:
      g_value_set_object (value, self->vehicle);
      break;
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_DISTANCE_UNIT:
      g_value_set_enum (value, self->distance_unit);
      break;
    case PROP_TEMPERATURE_UNIT:
      g_value_set_enum (value, self->temperature_unit);
      break;
    case PROP_REMOTE_LOCK:
      g_value_set_boolean (value, self->remote_lock);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carport_vehicle_page_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  CarportVehiclePage *self = CARPORT_VEHICLE_PAGE (object);

  switch (prop_id)
    {
    case PROP_VEHICLE:
      carport_vehicle_page_set_vehicle (self, g_value_get_object (value));
      break;
    case PROP_SESSION:
      carport_vehicle_page_set_session (self, g_value_get_object (value));
      break;
    case PROP_DISTANCE_UNIT:
      if (self->distance_unit != (CarportDistanceUnit) g_value_get_enum (value))
        {
          self->distance_unit = g_value_get_enum (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_TEMPERATURE_UNIT:
      if (self->temperature_unit != (CarportTemperatureUnit) g_value_get_enum (value))
        {
          self->temperature_unit = g_value_get_enum (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_REMOTE_LOCK:
      if (self->remote_lock != g_value_get_boolean (value))
        {
          self->remote_lock = g_value_get_boolean (value);
          learn_pin (self);
          update_actions (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carport_vehicle_page_class_init (CarportVehiclePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = carport_vehicle_page_dispose;
  object_class->get_property = carport_vehicle_page_get_property;
  object_class->set_property = carport_vehicle_page_set_property;
  widget_class->measure = carport_vehicle_page_measure;
  widget_class->size_allocate = carport_vehicle_page_size_allocate;

  properties[PROP_VEHICLE] =
    g_param_spec_object ("vehicle", NULL, NULL, CARPORT_TYPE_VEHICLE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, CARPORT_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DISTANCE_UNIT] =
    g_param_spec_enum ("distance-unit", NULL, NULL,
                       CARPORT_TYPE_GUI_DISTANCE_UNIT, CARPORT_DISTANCE_UNIT_KILOMETRES,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TEMPERATURE_UNIT] =
    g_param_spec_enum ("temperature-unit", NULL, NULL,
                       CARPORT_TYPE_GUI_TEMPERATURE_UNIT, CARPORT_TEMPERATURE_UNIT_CELSIUS,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REMOTE_LOCK] =
    g_param_spec_boolean ("remote-lock", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (CARPORT_TYPE_VEHICLE_PICTURE);
  g_type_ensure (CARPORT_TYPE_BATTERY_CARD);
  g_type_ensure (CARPORT_TYPE_COCKPIT_CARD);
  g_type_ensure (CARPORT_TYPE_CLIMATE_CARD);
  g_type_ensure (CARPORT_TYPE_LOCATION_CARD);
  g_type_ensure (CARPORT_TYPE_LOCKS_CARD);
  g_type_ensure (CARPORT_TYPE_CHARGE_CARD);
  g_type_ensure (CARPORT_TYPE_TYRES_CARD);
  g_type_ensure (CARPORT_TYPE_TRIPS_CARD);
  g_type_ensure (CARPORT_TYPE_SERVICES_CARD);
  g_type_ensure (CARPORT_TYPE_COMMAND_BUTTON);
  g_type_ensure (CARPORT_TYPE_ERROR_BANNER);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/carport/Carport/pages/carport-vehicle-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CarportVehiclePage, error_banner);
  gtk_widget_class_bind_template_child (widget_class, CarportVehiclePage, actions_box);
  gtk_widget_class_bind_template_child (widget_class, CarportVehiclePage, columns);
  gtk_widget_class_bind_template_child (widget_class, CarportVehiclePage, column_start);
  gtk_widget_class_bind_template_child (widget_class, CarportVehiclePage, column_end);
  gtk_widget_class_bind_template_child (widget_class, CarportVehiclePage, wake_button);
  gtk_widget_class_bind_template_child (widget_class, CarportVehiclePage, pin_menu_button);
  carport_closures_bind (widget_class);

  gtk_widget_class_install_action (widget_class, "vehicle.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "vehicle.open-maps", NULL, open_maps_action);
  gtk_widget_class_install_action (widget_class, "vehicle.copy-coordinates", NULL, copy_coordinates_action);
  gtk_widget_class_install_action (widget_class, "vehicle.ask-car", NULL, ask_car_action);
  gtk_widget_class_install_action (widget_class, "vehicle.history", NULL, history_action);
  gtk_widget_class_install_action (widget_class, "vehicle.log-in-again", NULL, log_in_again_action);
  gtk_widget_class_install_action (widget_class, "vehicle.pin-set-up", NULL, pin_action);
  gtk_widget_class_install_action (widget_class, "vehicle.pin-change", NULL, pin_action);
  gtk_widget_class_install_action (widget_class, "vehicle.pin-forget", NULL, pin_action);
  gtk_widget_class_install_action (widget_class, "vehicle.device-forget", NULL, pin_action);
}

/* The cards are column_start's children in the .ui: they show the page's
 * vehicle in its units (and those with a session property get the page's). */
static void
find_cards (CarportVehiclePage *self)
{
  static const char * const shared[] = { "vehicle", "distance-unit", "temperature-unit" };

  self->cards = g_ptr_array_new ();
  for (GtkWidget *card = gtk_widget_get_first_child (GTK_WIDGET (self->column_start));
       card != NULL;
       card = gtk_widget_get_next_sibling (card))
    {
      g_return_if_fail (CARPORT_IS_STATUS_CARD (card));

      g_ptr_array_add (self->cards, card);
      for (guint i = 0; i < G_N_ELEMENTS (shared); i++)
        g_object_bind_property (self, shared[i], card, shared[i], G_BINDING_SYNC_CREATE);
      /* The cards that send commands do it through the page's session. */
      if (g_object_class_find_property (G_OBJECT_GET_CLASS (card), "session"))
        g_object_bind_property (self, "session", card, "session", G_BINDING_SYNC_CREATE);
      if (CARPORT_IS_LOCATION_CARD (card))
        self->location_card = CARPORT_LOCATION_CARD (card);
      g_signal_connect_swapped (card, "notify::visible", G_CALLBACK (card_visible_cb), self);
    }
}

/* The command buttons are actions_box's children in the .ui; each gets the
 * action "command.<its kind's nick>". */
static void
find_command_buttons (CarportVehiclePage *self)
{
  self->command_buttons = g_ptr_array_new ();
  self->command_actions = g_simple_action_group_new ();
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->actions_box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *button = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child));
      g_autofree char *name = NULL;
      g_autoptr(GSimpleAction) action = NULL;
      g_autofree char *action_name = NULL;

      g_return_if_fail (CARPORT_IS_COMMAND_BUTTON (button));

      /* The button takes the focus, not the slot around it. */
      gtk_widget_set_focusable (child, FALSE);
      g_ptr_array_add (self->command_buttons, button);
      name = dup_action_name (CARPORT_COMMAND_BUTTON (button));
      action = g_simple_action_new (name, NULL);
      g_signal_connect (action, "activate", G_CALLBACK (command_activated_cb), self);
      g_action_map_add_action (G_ACTION_MAP (self->command_actions), G_ACTION (action));
      action_name = g_strconcat ("command.", name, NULL);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
    }
  gtk_widget_insert_action_group (GTK_WIDGET (self), "command", G_ACTION_GROUP (self->command_actions));
}

static void
carport_vehicle_page_init (CarportVehiclePage *self)
{
  self->cancellable = g_cancellable_new ();
  self->runner = carport_command_runner_new (GTK_WIDGET (self));
  g_signal_connect_swapped (self->runner, "sent", G_CALLBACK (command_sent_cb), self);
  /* After the PIN flow learnt whether the car has a PIN (its menu). */
  g_signal_connect_object (self->runner, "finished", G_CALLBACK (update_actions), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  g_signal_connect_swapped (self->runner, "finished", G_CALLBACK (update_actions), self);
  gtk_widget_set_layout_manager (GTK_WIDGET (self), NULL);
  gtk_widget_init_template (GTK_WIDGET (self));

  find_cards (self);
  find_command_buttons (self);
  update_actions (self);
}

GtkWidget *
carport_vehicle_page_new (void)
{
  return g_object_new (CARPORT_TYPE_VEHICLE_PAGE, NULL);
}

CarportVehicle *
carport_vehicle_page_get_vehicle (CarportVehiclePage *self)
{
  g_return_val_if_fail (CARPORT_IS_VEHICLE_PAGE (self), NULL);
  return self->vehicle;
}

void
carport_vehicle_page_set_vehicle (CarportVehiclePage *self, CarportVehicle *vehicle)
{
  g_return_if_fail (CARPORT_IS_VEHICLE_PAGE (self));
  g_return_if_fail (vehicle == NULL || CARPORT_IS_VEHICLE (vehicle));

  if (self->vehicle == vehicle)
    return;

  disconnect_vehicle (self);
  g_set_object (&self->vehicle, vehicle);
  carport_command_runner_set_vehicle (self->runner, vehicle);
  learn_pin (self);
  self->asking = 0;
  carport_command_button_set_command (CARPORT_COMMAND_BUTTON (self->wake_button), NULL);

  /* Buttons show the commands of this car only. */
  for (guint i = 0; i < self->command_buttons->len; i++)
    {
      CarportCommandButton *button = g_ptr_array_index (self->command_buttons, i);
      CarportCommandKind kind = carport_command_button_get_kind (button);
      CarportCommand *command = vehicle && self->session
                                ? carport_session_get_command_in_flight (self->session, vehicle, kind)
                                : NULL;

      /* Each command on the one button that shows it. */
      if (command && button_for_command (self, kind, carport_command_get_start_at (command) != NULL) != button)
        command = NULL;
      carport_command_button_set_command (button, command);
    }

  if (vehicle)
    {
      g_signal_connect_swapped (vehicle, "notify::supported-commands", G_CALLBACK (update_actions), self);
      g_signal_connect_swapped (vehicle, "notify::readable-endpoints", G_CALLBACK (update_actions), self);
      g_signal_connect_swapped (carport_vehicle_get_battery (vehicle), "notify::plug", G_CALLBACK (update_actions), self);
      g_signal_connect_swapped (vehicle, "notify::refreshing", G_CALLBACK (update_actions), self);
      g_signal_connect_swapped (vehicle, "notify::last-error", G_CALLBACK (update_banner), self);
      g_signal_connect_swapped (carport_vehicle_get_battery (vehicle), "notify::charging", G_CALLBACK (update_actions), self);
      g_signal_connect_swapped (carport_vehicle_get_climate (vehicle), "notify::state", G_CALLBACK (update_actions), self);
      g_signal_connect_swapped (carport_vehicle_get_location (vehicle), "notify::latitude", G_CALLBACK (update_actions), self);
    }

  update_account (self);
  update_actions (self);
  update_banner (self);
  queue_relayout (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VEHICLE]);
}

CarportSession *
carport_vehicle_page_get_session (CarportVehiclePage *self)
{
  g_return_val_if_fail (CARPORT_IS_VEHICLE_PAGE (self), NULL);
  return self->session;
}

void
carport_vehicle_page_set_session (CarportVehiclePage *self, CarportSession *session)
{
  g_return_if_fail (CARPORT_IS_VEHICLE_PAGE (self));
  g_return_if_fail (session == NULL || CARPORT_IS_SESSION (session));

  if (self->session == session)
    return;

  if (self->session)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_set_object (&self->session, session);
  carport_command_runner_set_session (self->runner, session);
  if (session)
    g_signal_connect_swapped (session, "notify::state", G_CALLBACK (update_actions), self);
  if (self->location_card != NULL)
    {
      g_autofree char *tile_url = session ? carport_session_dup_map_tile_url (session) : NULL;

      carport_location_card_set_map_tile_url (self->location_card, tile_url);
    }

  update_account (self);
  update_actions (self);
  update_banner (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

static GtkWidget *
find_by_id (GtkWidget *root, const char *id)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (g_strcmp0 (gtk_buildable_get_buildable_id (GTK_BUILDABLE (child)), id) == 0)
        return child;
      if ((found = find_by_id (child, id)) != NULL)
        return found;
    }
  return NULL;
}

GtkWidget *
carport_vehicle_page_get_part (CarportVehiclePage *self, const char *id)
{
  g_return_val_if_fail (CARPORT_IS_VEHICLE_PAGE (self), NULL);

  return find_by_id (GTK_WIDGET (self), id);
}
