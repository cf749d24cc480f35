/* carport-climate-card.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "carport-gui"

#include "config.h"

#include "carport-closures.h"
#include "carport-climate-card.h"
#include "carport-command-runner.h"
#include "carport-schedule-list.h"

struct _CarportClimateCard
{
  CarportStatusCard     parent_instance;

  /* Template widgets */
  GtkWidget            *cancel_planned_button;

  /* Owned */
  CarportSession       *session;
  CarportCommandRunner *runner;   /* the Cancel of a planned start */
};

G_DEFINE_FINAL_TYPE (CarportClimateCard, carport_climate_card, CARPORT_TYPE_STATUS_CARD)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The target shows while the climate runs, when the car reports one (Nissan
 * does; no brand reports the time left, so none is shown). */
static gboolean
shows_target (gpointer unused, int state, double target_c)
{
  return state == CARPORT_CLIMATE_STATE_ON && carport_is_known (target_c);
}

/* Cancel can be pressed when the car takes a stop, none is under way and
 * the account is logged in. */
static void
update_cancel (CarportClimateCard *self)
{
  CarportVehicle *vehicle = carport_status_card_get_vehicle (CARPORT_STATUS_CARD (self));

  gtk_widget_set_sensitive (self->cancel_planned_button,
                            vehicle != NULL &&
                            carport_vehicle_supports_command (vehicle, CARPORT_COMMAND_KIND_HVAC_STOP) &&
                            carport_command_runner_get_login_obstacle (self->runner) == NULL &&
                            !carport_command_runner_in_flight (self->runner, CARPORT_COMMAND_KIND_HVAC_STOP));
}

/* Cancels the planned start: hvac-stop carrying the start it cancels (the
 * brands send "cancel" or "stop" as the car needs), tracked as any command. */
static void
cancel_planned_cb (CarportClimateCard *self)
{
  CarportVehicle *vehicle = carport_status_card_get_vehicle (CARPORT_STATUS_CARD (self));
  g_autoptr(CarportCommand) command = NULL;
  GDateTime *planned;

  if (vehicle == NULL)
    return;
  planned = carport_climate_get_next_start (carport_vehicle_get_climate (vehicle));
  command = carport_command_runner_create (self->runner, CARPORT_COMMAND_KIND_HVAC_STOP);
  if (planned == NULL || command == NULL)
    return;
  carport_command_set_start_at (command, planned);
  carport_command_runner_send (self->runner, command);
  update_cancel (self);
}

static void
carport_climate_card_vehicle_changed (CarportStatusCard *card, CarportVehicle *old_vehicle)
{
  CarportClimateCard *self = CARPORT_CLIMATE_CARD (card);
  CarportVehicle *vehicle = carport_status_card_get_vehicle (card);

  if (old_vehicle)
    g_signal_handlers_disconnect_by_data (old_vehicle, self);
  carport_command_runner_set_vehicle (self->runner, vehicle);
  if (vehicle)
    g_signal_connect_swapped (vehicle, "notify::supported-commands", G_CALLBACK (update_cancel), self);
  update_cancel (self);
}

static void
carport_climate_card_dispose (GObject *object)
{
  CarportClimateCard *self = CARPORT_CLIMATE_CARD (object);
  CarportVehicle *vehicle = carport_status_card_get_vehicle (CARPORT_STATUS_CARD (self));

  if (vehicle)
    g_signal_handlers_disconnect_by_data (vehicle, self);
  if (self->runner)
    g_signal_handlers_disconnect_by_data (self->runner, self);
  g_clear_object (&self->runner);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (carport_climate_card_parent_class)->dispose (object);
}

static void
carport_climate_card_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  CarportClimateCard *self = CARPORT_CLIMATE_CARD (object);

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
carport_climate_card_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  CarportClimateCard *self = CARPORT_CLIMATE_CARD (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      carport_climate_card_set_session (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carport_climate_card_class_init (CarportClimateCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  CarportStatusCardClass *card_class = CARPORT_STATUS_CARD_CLASS (klass);

  object_class->dispose = carport_climate_card_dispose;
  object_class->get_property = carport_climate_card_get_property;
  object_class->set_property = carport_climate_card_set_property;
  card_class->vehicle_changed = carport_climate_card_vehicle_changed;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, CARPORT_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/carport/Carport/cards/carport-climate-card.ui");
  carport_closures_bind (widget_class);
  gtk_widget_class_bind_template_child (widget_class, CarportClimateCard, cancel_planned_button);
  gtk_widget_class_bind_template_callback (widget_class, shows_target);
  gtk_widget_class_bind_template_callback (widget_class, cancel_planned_cb);
}

static void
carport_climate_card_init (CarportClimateCard *self)
{
  g_type_ensure (CARPORT_TYPE_SCHEDULE_LIST);
  self->runner = carport_command_runner_new (GTK_WIDGET (self));
  g_signal_connect_swapped (self->runner, "finished", G_CALLBACK (update_cancel), self);
  g_signal_connect_swapped (self->runner, "notify::login-obstacle", G_CALLBACK (update_cancel), self);
  gtk_widget_init_template (GTK_WIDGET (self));
  update_cancel (self);
}

GtkWidget *
carport_climate_card_new (void)
{
  return g_object_new (CARPORT_TYPE_CLIMATE_CARD, NULL);
}

CarportSession *
carport_climate_card_get_session (CarportClimateCard *self)
{
  g_return_val_if_fail (CARPORT_IS_CLIMATE_CARD (self), NULL);
  return self->session;
}

void
carport_climate_card_set_session (CarportClimateCard *self, CarportSession *session)
{
  g_return_if_fail (CARPORT_IS_CLIMATE_CARD (self));
  g_return_if_fail (session == NULL || CARPORT_IS_SESSION (session));

  if (!g_set_object (&self->session, session))
    return;
  carport_command_runner_set_session (self->runner, session);
  update_cancel (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}
