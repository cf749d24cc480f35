/* carport-charge-card.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "carport-gui"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "carport-closures.h"
#include "carport-charge-card.h"
#include "carport-charge-limits-dialog.h"
#include "carport-command-runner.h"
#include "carport-schedule-list.h"

struct _CarportChargeCard
{
  CarportStatusCard parent_instance;

  /* Template widgets */
  GtkWidget            *mode_label;
  GtkWidget            *controls_list;
  GtkWidget            *mode_row;
  GtkSpinner           *mode_spinner;
  GtkDropDown          *mode_dropdown;
  GtkStringList        *mode_names;
  GtkWidget            *limits_button;

  /* Owned */
  CarportSession       *session;
  CarportCommandRunner *runner;
  CarportCommand       *mode_command;  /* the charge mode being set, while it runs */
  CarportCommand       *limits_command; /* the charge limits being set, while they run */

  /* The modes mode_dropdown offers, in its order */
  CarportChargeMode     modes[CARPORT_CHARGE_MODE_DELAYED + 1];
  guint                 n_modes;
  gboolean              syncing_mode;  /* the dropdown follows the car, nothing to send */
};

G_DEFINE_FINAL_TYPE (CarportChargeCard, carport_charge_card, CARPORT_TYPE_STATUS_CARD)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The mode the car is told: always or scheduled (what every brand takes).
 * A mode the car reports beyond those (delayed) is offered too while it is
 * the car's, so that the dropdown shows it. */
static void
fill_modes (CarportChargeCard *self, CarportChargeMode current)
{
  CarportChargeMode modes[G_N_ELEMENTS (self->modes)] = { CARPORT_CHARGE_MODE_ALWAYS, CARPORT_CHARGE_MODE_SCHEDULED };
  guint n = 2;

  if (current == CARPORT_CHARGE_MODE_DELAYED)
    modes[n++] = current;
  if (n == self->n_modes && memcmp (modes, self->modes, n * sizeof modes[0]) == 0)
    return;

  gtk_string_list_splice (self->mode_names, 0, self->n_modes, NULL);
  for (guint i = 0; i < n; i++)
    gtk_string_list_append (self->mode_names, carport_format_charge_mode (modes[i]));
  memcpy (self->modes, modes, sizeof modes);
  self->n_modes = n;
}

/* The dropdown shows the car's mode (or the one being set) and can be used
 * when nothing stands in the way; the hero label shows the mode of a car
 * that cannot be told it, and when a delayed charge starts ("Charging
 * starts at 23:30"). */
static void
sync_mode (CarportChargeCard *self)
{
  CarportVehicle *vehicle = carport_status_card_get_vehicle (CARPORT_STATUS_CARD (self));
  gboolean offered = vehicle && carport_vehicle_supports_command (vehicle, CARPORT_COMMAND_KIND_CHARGE_MODE);
  gboolean delayed = vehicle && carport_charge_settings_get_delayed_start (carport_vehicle_get_charge_settings (vehicle));
  const char *obstacle = NULL;
  CarportChargeMode mode;
  guint position = GTK_INVALID_LIST_POSITION;

  gtk_widget_set_visible (self->controls_list, offered);
  gtk_widget_set_visible (self->mode_label, !offered || delayed);
  if (!offered)
    return;

  mode = self->mode_command ? carport_command_get_charge_mode (self->mode_command)
                            : carport_charge_settings_get_mode (carport_vehicle_get_charge_settings (vehicle));
  obstacle = carport_command_runner_get_login_obstacle (self->runner);
  if (obstacle == NULL)
    obstacle = carport_vehicle_get_command_obstacle (vehicle, CARPORT_COMMAND_KIND_CHARGE_MODE);

  self->syncing_mode = TRUE;
  fill_modes (self, mode);
  for (guint i = 0; i < self->n_modes; i++)
    if (self->modes[i] == mode)
      position = i;
  gtk_drop_down_set_selected (self->mode_dropdown, position);
  self->syncing_mode = FALSE;

  gtk_widget_set_sensitive (self->mode_row, obstacle == NULL && self->mode_command == NULL);
  gtk_widget_set_tooltip_text (self->mode_row, obstacle);
  gtk_widget_set_visible (GTK_WIDGET (self->mode_spinner), self->mode_command != NULL);
  gtk_spinner_set_spinning (self->mode_spinner, self->mode_command != NULL);
}

/* The user chose a mode: the car is told it. */
static void
mode_selected_cb (CarportChargeCard *self)
{
  CarportVehicle *vehicle = carport_status_card_get_vehicle (CARPORT_STATUS_CARD (self));
  guint position = gtk_drop_down_get_selected (self->mode_dropdown);
  g_autoptr(CarportCommand) command = NULL;

  if (self->syncing_mode || vehicle == NULL || position >= self->n_modes ||
      self->modes[position] == carport_charge_settings_get_mode (carport_vehicle_get_charge_settings (vehicle)))
    return;

  command = carport_command_runner_create (self->runner, CARPORT_COMMAND_KIND_CHARGE_MODE);
  if (command != NULL)
    {
      carport_command_set_charge_mode (command, self->modes[position]);
      g_set_object (&self->mode_command, command);
      carport_command_runner_send (self->runner, command);
    }
  sync_mode (self);
}

/* Charge Limits… for a car that takes them, unless something stands in the
 * way (the reason in its tooltip) or they are being set. */
static void
sync_limits (CarportChargeCard *self)
{
  CarportVehicle *vehicle = carport_status_card_get_vehicle (CARPORT_STATUS_CARD (self));
  gboolean offered = vehicle && carport_vehicle_supports_command (vehicle, CARPORT_COMMAND_KIND_SOC_LEVELS);
  const char *obstacle = NULL;

  if (offered)
    obstacle = carport_command_runner_get_login_obstacle (self->runner);
  if (offered && obstacle == NULL)
    obstacle = carport_vehicle_get_command_obstacle (vehicle, CARPORT_COMMAND_KIND_SOC_LEVELS);

  gtk_widget_set_visible (self->limits_button, offered);
  gtk_widget_set_sensitive (self->limits_button, obstacle == NULL && self->limits_command == NULL);
  gtk_widget_set_tooltip_text (self->limits_button, obstacle);
}

static void
limits_response_cb (CarportChargeLimitsDialog *dialog, const char *response, gpointer user_data)
{
  CarportChargeCard *self = CARPORT_CHARGE_CARD (user_data);
  g_autoptr(CarportCommand) command = NULL;

  if (!g_str_equal (response, "save") ||
      (command = carport_command_runner_create (self->runner, CARPORT_COMMAND_KIND_SOC_LEVELS)) == NULL)
    return;

  carport_charge_limits_dialog_apply (dialog, command);
  g_set_object (&self->limits_command, command);
  carport_command_runner_send (self->runner, command);
  sync_limits (self);
}

/* Both levels are asked for in a dialog, and sent as one command. */
static void
limits_clicked_cb (CarportChargeCard *self)
{
  CarportVehicle *vehicle = carport_status_card_get_vehicle (CARPORT_STATUS_CARD (self));
  GtkWidget *dialog;

  if (vehicle == NULL)
    return;
  dialog = carport_charge_limits_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), vehicle);
  g_signal_connect_object (dialog, "response", G_CALLBACK (limits_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The mode command ended: a failure puts the dropdown back to the car's
 * mode; a success keeps the one chosen until the car's settings are read
 * again. */
static void
command_finished_cb (CarportChargeCard *self, CarportCommand *command)
{
  CarportVehicle *vehicle = carport_status_card_get_vehicle (CARPORT_STATUS_CARD (self));

  if (command == self->limits_command)
    {
      g_clear_object (&self->limits_command);
      sync_limits (self);
    }
  if (command != self->mode_command)
    return;
  /* vehicle_refreshing_cb ends it once the settings are read. */
  if (carport_command_get_state (command) == CARPORT_COMMAND_STATE_COMPLETED &&
      vehicle && carport_vehicle_get_refreshing (vehicle))
    return;
  g_clear_object (&self->mode_command);
  sync_mode (self);
}

static void
vehicle_refreshing_cb (CarportChargeCard *self)
{
  CarportVehicle *vehicle = carport_status_card_get_vehicle (CARPORT_STATUS_CARD (self));

  if (self->mode_command && carport_command_get_finished (self->mode_command) &&
      !carport_vehicle_get_refreshing (vehicle))
    command_finished_cb (self, self->mode_command);
}

/* A mode or limits command already under way for the car (sent before it
 * was shown last) keeps its control busy. */
static void
find_commands (CarportChargeCard *self)
{
  CarportVehicle *vehicle = carport_status_card_get_vehicle (CARPORT_STATUS_CARD (self));
  CarportCommand *command = NULL;

  if (self->session && vehicle)
    command = carport_session_get_command_in_flight (self->session, vehicle, CARPORT_COMMAND_KIND_CHARGE_MODE);
  g_set_object (&self->mode_command, command);
  command = NULL;
  if (self->session && vehicle)
    command = carport_session_get_command_in_flight (self->session, vehicle, CARPORT_COMMAND_KIND_SOC_LEVELS);
  g_set_object (&self->limits_command, command);
  sync_mode (self);
  sync_limits (self);
}

/* Leaves @vehicle (the card's until now) alone. */
static void
disconnect_vehicle (CarportChargeCard *self, CarportVehicle *vehicle)
{
  g_signal_handlers_disconnect_by_func (vehicle, sync_mode, self);
  g_signal_handlers_disconnect_by_func (vehicle, sync_limits, self);
  g_signal_handlers_disconnect_by_func (vehicle, vehicle_refreshing_cb, self);
  g_signal_handlers_disconnect_by_func (carport_vehicle_get_charge_settings (vehicle), sync_mode, self);
}

static void
carport_charge_card_vehicle_changed (CarportStatusCard *card, CarportVehicle *old_vehicle)
{
  CarportChargeCard *self = CARPORT_CHARGE_CARD (card);
  CarportVehicle *vehicle = carport_status_card_get_vehicle (card);

  if (old_vehicle)
    disconnect_vehicle (self, old_vehicle);
  carport_command_runner_set_vehicle (self->runner, vehicle);

  if (vehicle)
    {
      g_signal_connect_swapped (vehicle, "notify::supported-commands", G_CALLBACK (sync_mode), self);
      g_signal_connect_swapped (vehicle, "notify::readable-endpoints", G_CALLBACK (sync_mode), self);
      g_signal_connect_swapped (vehicle, "notify::supported-commands", G_CALLBACK (sync_limits), self);
      g_signal_connect_swapped (vehicle, "notify::refreshing", G_CALLBACK (vehicle_refreshing_cb), self);
      g_signal_connect_swapped (carport_vehicle_get_charge_settings (vehicle), "notify::mode",
                                G_CALLBACK (sync_mode), self);
      g_signal_connect_swapped (carport_vehicle_get_charge_settings (vehicle), "notify::delayed-start",
                                G_CALLBACK (sync_mode), self);
    }
  find_commands (self);
}

static void
carport_charge_card_dispose (GObject *object)
{
  CarportChargeCard *self = CARPORT_CHARGE_CARD (object);
  CarportVehicle *vehicle = carport_status_card_get_vehicle (CARPORT_STATUS_CARD (self));

  if (vehicle)
    disconnect_vehicle (self, vehicle);
  if (self->runner)
    g_signal_handlers_disconnect_by_data (self->runner, self);
  g_clear_object (&self->runner);
  g_clear_object (&self->mode_command);
  g_clear_object (&self->limits_command);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (carport_charge_card_parent_class)->dispose (object);
}

static void
carport_charge_card_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  CarportChargeCard *self = CARPORT_CHARGE_CARD (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carport_charge_card_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  CarportChargeCard *self = CARPORT_CHARGE_CARD (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      carport_charge_card_set_session (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carport_charge_card_class_init (CarportChargeCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  CarportStatusCardClass *card_class = CARPORT_STATUS_CARD_CLASS (klass);

  object_class->dispose = carport_charge_card_dispose;
  object_class->get_property = carport_charge_card_get_property;
  object_class->set_property = carport_charge_card_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, CARPORT_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  card_class->vehicle_changed = carport_charge_card_vehicle_changed;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/carport/Carport/cards/carport-charge-card.ui");
  carport_closures_bind (widget_class);
  gtk_widget_class_bind_template_child (widget_class, CarportChargeCard, mode_label);
  gtk_widget_class_bind_template_child (widget_class, CarportChargeCard, controls_list);
  gtk_widget_class_bind_template_child (widget_class, CarportChargeCard, mode_row);
  gtk_widget_class_bind_template_child (widget_class, CarportChargeCard, mode_spinner);
  gtk_widget_class_bind_template_child (widget_class, CarportChargeCard, mode_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CarportChargeCard, mode_names);
  gtk_widget_class_bind_template_child (widget_class, CarportChargeCard, limits_button);
  gtk_widget_class_bind_template_callback (widget_class, mode_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, limits_clicked_cb);
}

static void
carport_charge_card_init (CarportChargeCard *self)
{
  self->runner = carport_command_runner_new (GTK_WIDGET (self));
  g_signal_connect_swapped (self->runner, "finished", G_CALLBACK (command_finished_cb), self);
  g_signal_connect_swapped (self->runner, "notify::login-obstacle", G_CALLBACK (sync_mode), self);
  g_signal_connect_swapped (self->runner, "notify::login-obstacle", G_CALLBACK (sync_limits), self);
  g_type_ensure (CARPORT_TYPE_SCHEDULE_LIST);
  gtk_widget_init_template (GTK_WIDGET (self));
  sync_mode (self);
  sync_limits (self);
}

GtkWidget *
carport_charge_card_new (void)
{
  return g_object_new (CARPORT_TYPE_CHARGE_CARD, NULL);
}

CarportSession *
carport_charge_card_get_session (CarportChargeCard *self)
{
  g_return_val_if_fail (CARPORT_IS_CHARGE_CARD (self), NULL);
  return self->session;
}

void
carport_charge_card_set_session (CarportChargeCard *self, CarportSession *session)
{
  g_return_if_fail (CARPORT_IS_CHARGE_CARD (self));
  g_return_if_fail (session == NULL || CARPORT_IS_SESSION (session));

  if (!g_set_object (&self->session, session))
    return;
  carport_command_runner_set_session (self->runner, session);
  find_commands (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}
