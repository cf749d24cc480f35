/* carport-command.c — one command sent to a car, from click to final state.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "carport-core"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>

#include "carport-command.h"
#include "carport-core-enum-types.h"

struct _CarportCommand
{
  GObject parent_instance;

  CarportCommandKind   kind;
  char                *vin;       /* owned */
  CarportCommandState  state;
  char                *server_id; /* owned, nullable */
  char                *message;   /* owned, nullable */

  double               temperature_c;
  GDateTime           *start_at;  /* owned, nullable */
  CarportChargeMode    charge_mode;
  int                  soc_min_percent;
  int                  soc_target_percent;
  char                *pin;   /* never a property: not copied, not saved, wiped */
  CarportPinSource     pin_source;
  CarportPinCheck      pin_check;
  int                  pin_tries_left;
  char                *device_id;  /* never a property: not copied, not saved */
  GListModel          *schedules;  /* owned, nullable */
};

G_DEFINE_FINAL_TYPE (CarportCommand, carport_command, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_KIND,
  PROP_VIN,
  PROP_STATE,
  PROP_IN_FLIGHT,
  PROP_FINISHED,
  PROP_SERVER_ID,
  PROP_MESSAGE,
  PROP_TEMPERATURE_C,
  PROP_START_AT,
  PROP_CHARGE_MODE,
  PROP_SOC_MIN_PERCENT,
  PROP_SOC_TARGET_PERCENT,
  PROP_SCHEDULES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
state_is_in_flight (CarportCommandState state)
{
  return state == CARPORT_COMMAND_STATE_SENDING
         || state == CARPORT_COMMAND_STATE_PENDING
         || state == CARPORT_COMMAND_STATE_VERIFYING;
}

static gboolean
state_is_finished (CarportCommandState state)
{
  return state == CARPORT_COMMAND_STATE_COMPLETED
         || state == CARPORT_COMMAND_STATE_FAILED
         || state == CARPORT_COMMAND_STATE_TIMED_OUT
         || state == CARPORT_COMMAND_STATE_UNKNOWN;
}

CarportCommand *
carport_command_new (CarportCommandKind  kind,
                     const char         *vin)
{
  return g_object_new (CARPORT_TYPE_COMMAND,
                       "kind", kind,
                       "vin", vin,
                       NULL);
}

CarportCommandKind
carport_command_get_kind (CarportCommand *self)
{
  g_return_val_if_fail (CARPORT_IS_COMMAND (self), 0);

  return self->kind;
}

const char *
carport_command_get_vin (CarportCommand *self)
{
  g_return_val_if_fail (CARPORT_IS_COMMAND (self), NULL);

  return self->vin;
}

CarportCommandState
carport_command_get_state (CarportCommand *self)
{
  g_return_val_if_fail (CARPORT_IS_COMMAND (self), CARPORT_COMMAND_STATE_NEW);

  return self->state;
}

void
carport_command_set_state (CarportCommand      *self,
                           CarportCommandState  value)
{
  gboolean was_in_flight;
  gboolean was_finished;

  g_return_if_fail (CARPORT_IS_COMMAND (self));

  if (self->state == value)
    return;

  was_in_flight = state_is_in_flight (self->state);
  was_finished = state_is_finished (self->state);
  self->state = value;

  g_object_freeze_notify (G_OBJECT (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
  if (was_in_flight != state_is_in_flight (value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IN_FLIGHT]);
  if (was_finished != state_is_finished (value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FINISHED]);
  g_object_thaw_notify (G_OBJECT (self));
}

gboolean
carport_command_get_in_flight (CarportCommand *self)
{
  g_return_val_if_fail (CARPORT_IS_COMMAND (self), FALSE);

  return state_is_in_flight (self->state);
}

gboolean
carport_command_get_finished (CarportCommand *self)
{
  g_return_val_if_fail (CARPORT_IS_COMMAND (self), FALSE);

  return state_is_finished (self->state);
}

const char *
carport_command_get_server_id (CarportCommand *self)
{
  g_return_val_if_fail (CARPORT_IS_COMMAND (self), NULL);

  return self->server_id;
}

void
carport_command_set_server_id (CarportCommand *self,
                               const char     *value)
{
  g_return_if_fail (CARPORT_IS_COMMAND (self));

  if (g_strcmp0 (self->server_id, value) == 0)
    return;

  g_free (self->server_id);
  self->server_id = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SERVER_ID]);
}

const char *
carport_command_get_message (CarportCommand *self)
{
  g_return_val_if_fail (CARPORT_IS_COMMAND (self), NULL);

  return self->message;
}

void
carport_command_set_message (CarportCommand *self,
                             const char     *value)
{
  g_return_if_fail (CARPORT_IS_COMMAND (self));

  if (g_strcmp0 (self->message, value) == 0)
    return;

  g_free (self->message);
  self->message = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MESSAGE]);
}

void
carport_command_set_outcome (CarportCommand      *self,
                             CarportCommandState  state,
                             const char          *message)
{
  g_return_if_fail (CARPORT_IS_COMMAND (self));

  g_object_freeze_notify (G_OBJECT (self));
  carport_command_set_message (self, message);
  carport_command_set_state (self, state);
  g_object_thaw_notify (G_OBJECT (self));
}

void
carport_command_fail (CarportCommand *self,
                      const char     *message)
{
  carport_command_set_outcome (self, CARPORT_COMMAND_STATE_FAILED, message);
}

double
carport_command_get_temperature_c (CarportCommand *self)
{
  g_return_val_if_fail (CARPORT_IS_COMMAND (self), NAN);

  return self->temperature_c;
}

void
carport_command_set_temperature_c (CarportCommand *self,
                                   double          value)
{
  g_return_if_fail (CARPORT_IS_COMMAND (self));

  if (self->temperature_c == value || (isnan (self->temperature_c) && isnan (value)))
    return;

  self->temperature_c = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEMPERATURE_C]);
}

GDateTime *
carport_command_get_start_at (CarportCommand *self)
{
  g_return_val_if_fail (CARPORT_IS_COMMAND (self), NULL);

  return self->start_at;
}

void
carport_command_set_start_at (CarportCommand *self,
                              GDateTime      *value)
{
  g_return_if_fail (CARPORT_IS_COMMAND (self));

  if (self->start_at == value
      || (self->start_at != NULL && value != NULL && g_date_time_equal (self->start_at, value)))
    return;

  g_clear_pointer (&self->start_at, g_date_time_unref);
  if (value != NULL)
    self->start_at = g_date_time_ref (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_START_AT]);
}

CarportChargeMode
carport_command_get_charge_mode (CarportCommand *self)
{
  g_return_val_if_fail (CARPORT_IS_COMMAND (self), CARPORT_CHARGE_MODE_NONE);

  return self->charge_mode;
}

void
carport_command_set_charge_mode (CarportCommand    *self,
                                 CarportChargeMode  value)
{
  g_return_if_fail (CARPORT_IS_COMMAND (self));

  if (self->charge_mode == value)
    return;

  self->charge_mode = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHARGE_MODE]);
}

int
carport_command_get_soc_min_percent (CarportCommand *self)
{
  g_return_val_if_fail (CARPORT_IS_COMMAND (self), -1);

  return self->soc_min_percent;
}

void
carport_command_set_soc_min_percent (CarportCommand *self,
                                     int             value)
{
  g_return_if_fail (CARPORT_IS_COMMAND (self));

  if (self->soc_min_percent == value)
    return;

  self->soc_min_percent = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SOC_MIN_PERCENT]);
}

int
carport_command_get_soc_target_percent (CarportCommand *self)
{
  g_return_val_if_fail (CARPORT_IS_COMMAND (self), -1);

  return self->soc_target_percent;
}

void
carport_command_set_soc_target_percent (CarportCommand *self,
                                        int             value)
{
  g_return_if_fail (CARPORT_IS_COMMAND (self));

  if (self->soc_target_percent == value)
    return;

  self->soc_target_percent = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SOC_TARGET_PERCENT]);
}

static void
clear_pin (CarportCommand *self)
{
  if (self->pin != NULL)
    explicit_bzero (self->pin, strlen (self->pin));
  g_clear_pointer (&self->pin, g_free);
}

const char *
carport_command_get_device_id (CarportCommand *self)
{
  g_return_val_if_fail (CARPORT_IS_COMMAND (self), NULL);

  return self->device_id;
}

void
carport_command_set_device_id (CarportCommand *self,
                               const char     *device_id)
{
  g_return_if_fail (CARPORT_IS_COMMAND (self));

  g_free (self->device_id);
  self->device_id = g_strdup (device_id);
}

const char *
carport_command_get_pin (CarportCommand *self)
{
  g_return_val_if_fail (CARPORT_IS_COMMAND (self), NULL);

  return self->pin;
}

void
carport_command_set_pin (CarportCommand *self,
                         const char     *pin)
{
  g_return_if_fail (CARPORT_IS_COMMAND (self));

  clear_pin (self);
  self->pin = g_strdup (pin);
}

CarportPinSource
carport_command_get_pin_source (CarportCommand *self)
{
  g_return_val_if_fail (CARPORT_IS_COMMAND (self), CARPORT_PIN_SOURCE_TYPED);

  return self->pin_source;
}

void
carport_command_set_pin_source (CarportCommand   *self,
                                CarportPinSource  source)
{
  g_return_if_fail (CARPORT_IS_COMMAND (self));

  self->pin_source = source;
}

CarportPinCheck
carport_command_get_pin_check (CarportCommand *self)
{
  g_return_val_if_fail (CARPORT_IS_COMMAND (self), CARPORT_PIN_CHECK_UNKNOWN);

  return self->pin_check;
}

int
carport_command_get_pin_tries_left (CarportCommand *self)
{
  g_return_val_if_fail (CARPORT_IS_COMMAND (self), -1);

  return self->pin_tries_left;
}

void
carport_command_set_pin_check (CarportCommand  *self,
                               CarportPinCheck  check,
                               int              tries_left)
{
  g_return_if_fail (CARPORT_IS_COMMAND (self));

  self->pin_check = check;
  self->pin_tries_left = tries_left < 0 ? -1 : tries_left;
}

void
carport_command_fail_pin (CarportCommand  *self,
                          CarportPinCheck  check,
                          int              tries_left)
{
  g_autofree char *message = NULL;

  g_return_if_fail (CARPORT_IS_COMMAND (self));
  g_return_if_fail (check != CARPORT_PIN_CHECK_UNKNOWN);

  carport_command_set_pin_check (self, check, tries_left);
  if (check == CARPORT_PIN_CHECK_LOCKED_OUT)
    message = g_strdup (_("The PIN was refused too many times, so remote lock is blocked for this car. "
                          "Set the PIN again to use it; nothing was done to the car."));
  else if (tries_left >= 0)
    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "The PIN was wrong; nothing was done to the car. "
                                            "%d more wrong try blocks remote lock.",
                                            "The PIN was wrong; nothing was done to the car. "
                                            "%d more wrong tries block remote lock.",
                                            tries_left),
                               tries_left);
  else
    message = g_strdup (_("The PIN was wrong; nothing was done to the car."));
  carport_command_fail (self, message);
}

GListModel *
carport_command_get_schedules (CarportCommand *self)
{
  g_return_val_if_fail (CARPORT_IS_COMMAND (self), NULL);

  return self->schedules;
}

void
carport_command_set_schedules (CarportCommand *self,
                               GListModel     *value)
{
  g_return_if_fail (CARPORT_IS_COMMAND (self));
  g_return_if_fail (value == NULL || G_IS_LIST_MODEL (value));

  if (g_set_object (&self->schedules, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCHEDULES]);
}

const char *
carport_command_kind_get_title (CarportCommandKind kind)
{
  static const char * const titles[CARPORT_N_COMMAND_KINDS] = {
    [CARPORT_COMMAND_KIND_HVAC_START] = N_("Start climate"),
    [CARPORT_COMMAND_KIND_HVAC_STOP] = N_("Stop climate"),
    [CARPORT_COMMAND_KIND_CHARGE_START] = N_("Start charging"),
    [CARPORT_COMMAND_KIND_CHARGE_STOP] = N_("Stop charging"),
    [CARPORT_COMMAND_KIND_CHARGE_MODE] = N_("Set charge mode"),
    [CARPORT_COMMAND_KIND_CHARGE_SCHEDULE] = N_("Set charge schedule"),
    [CARPORT_COMMAND_KIND_HVAC_SCHEDULE] = N_("Set climate schedule"),
    [CARPORT_COMMAND_KIND_HORN] = N_("Sound the horn"),
    [CARPORT_COMMAND_KIND_LIGHTS] = N_("Flash the lights"),
    [CARPORT_COMMAND_KIND_REFRESH_LOCATION] = N_("Locate the car"),
    [CARPORT_COMMAND_KIND_REFRESH_BATTERY] = N_("Refresh battery status"),
    [CARPORT_COMMAND_KIND_REFRESH_HVAC] = N_("Refresh climate status"),
    [CARPORT_COMMAND_KIND_SOC_LEVELS] = N_("Set charge limits"),
    [CARPORT_COMMAND_KIND_REFRESH_LOCKS] = N_("Refresh lock status"),
    [CARPORT_COMMAND_KIND_LOCK] = N_("Lock"),
    [CARPORT_COMMAND_KIND_UNLOCK] = N_("Unlock"),
    [CARPORT_COMMAND_KIND_SRP_ENROL] = N_("Set the remote control PIN"),
    [CARPORT_COMMAND_KIND_ENGINE_START] = N_("Start engine"),
    [CARPORT_COMMAND_KIND_ENGINE_STOP] = N_("Stop engine"),
  };

  g_return_val_if_fail ((guint) kind < CARPORT_N_COMMAND_KINDS, NULL);

  return _(titles[kind]);
}

gboolean
carport_command_kind_takes_pin (CarportCommandKind kind)
{
  return kind == CARPORT_COMMAND_KIND_LOCK || kind == CARPORT_COMMAND_KIND_UNLOCK ||
         kind == CARPORT_COMMAND_KIND_ENGINE_START || kind == CARPORT_COMMAND_KIND_ENGINE_STOP;
}

gboolean
carport_command_kind_get_reported_endpoint (CarportCommandKind  kind,
                                            CarportEndpoint    *out_endpoint)
{
  CarportEndpoint endpoint;

  switch (kind)
    {
    case CARPORT_COMMAND_KIND_REFRESH_LOCATION:
      endpoint = CARPORT_ENDPOINT_LOCATION;
      break;
    case CARPORT_COMMAND_KIND_REFRESH_BATTERY:
      endpoint = CARPORT_ENDPOINT_BATTERY_STATUS;
      break;
    case CARPORT_COMMAND_KIND_REFRESH_HVAC:
      endpoint = CARPORT_ENDPOINT_HVAC_STATUS;
      break;
    case CARPORT_COMMAND_KIND_REFRESH_LOCKS:
      endpoint = CARPORT_ENDPOINT_LOCK_STATUS;
      break;
    default:
      return FALSE;
    }

  if (out_endpoint)
    *out_endpoint = endpoint;
  return TRUE;
}

static void
carport_command_finalize (GObject *object)
{
  CarportCommand *self = (CarportCommand *) object;

  clear_pin (self);
  g_clear_pointer (&self->device_id, g_free);
  g_clear_pointer (&self->vin, g_free);
  g_clear_pointer (&self->server_id, g_free);
  g_clear_pointer (&self->message, g_free);
  g_clear_pointer (&self->start_at, g_date_time_unref);
  g_clear_object (&self->schedules);

  G_OBJECT_CLASS (carport_command_parent_class)->finalize (object);
}

static void
carport_command_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CarportCommand *self = CARPORT_COMMAND (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;

    case PROP_VIN:
      g_value_set_string (value, self->vin);
      break;

    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;

    case PROP_IN_FLIGHT:
      g_value_set_boolean (value, carport_command_get_in_flight (self));
      break;

    case PROP_FINISHED:
      g_value_set_boolean (value, carport_command_get_finished (self));
      break;

    case PROP_SERVER_ID:
      g_value_set_string (value, self->server_id);
      break;

    case PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;

    case PROP_TEMPERATURE_C:
      g_value_set_double (value, self->temperature_c);
      break;

    case PROP_START_AT:
      g_value_set_boxed (value, self->start_at);
      break;

    case PROP_CHARGE_MODE:
      g_value_set_enum (value, self->charge_mode);
      break;

    case PROP_SOC_MIN_PERCENT:
      g_value_set_int (value, self->soc_min_percent);
      break;

    case PROP_SOC_TARGET_PERCENT:
      g_value_set_int (value, self->soc_target_percent);
      break;

    case PROP_SCHEDULES:
      g_value_set_object (value, self->schedules);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carport_command_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  CarportCommand *self = CARPORT_COMMAND (object);

  switch (prop_id)
    {
    case PROP_KIND:
      self->kind = g_value_get_enum (value);
      break;

    case PROP_VIN:
      self->vin = g_value_dup_string (value);
      break;

    case PROP_STATE:
      carport_command_set_state (self, g_value_get_enum (value));
      break;

    case PROP_SERVER_ID:
      carport_command_set_server_id (self, g_value_get_string (value));
      break;

    case PROP_MESSAGE:
      carport_command_set_message (self, g_value_get_string (value));
      break;

    case PROP_TEMPERATURE_C:
      carport_command_set_temperature_c (self, g_value_get_double (value));
      break;

    case PROP_START_AT:
      carport_command_set_start_at (self, g_value_get_boxed (value));
      break;

    case PROP_CHARGE_MODE:
      carport_command_set_charge_mode (self, g_value_get_enum (value));
      break;

    case PROP_SOC_MIN_PERCENT:
      carport_command_set_soc_min_percent (self, g_value_get_int (value));
      break;

    case PROP_SOC_TARGET_PERCENT:
      carport_command_set_soc_target_percent (self, g_value_get_int (value));
      break;

    case PROP_SCHEDULES:
      carport_command_set_schedules (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carport_command_class_init (CarportCommandClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = carport_command_finalize;
  object_class->get_property = carport_command_get_property;
  object_class->set_property = carport_command_set_property;

  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL,
                       CARPORT_TYPE_COMMAND_KIND, CARPORT_COMMAND_KIND_HVAC_START,
                       (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_VIN] =
    g_param_spec_string ("vin", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL,
                       CARPORT_TYPE_COMMAND_STATE, CARPORT_COMMAND_STATE_NEW,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_IN_FLIGHT] =
    g_param_spec_boolean ("in-flight", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_FINISHED] =
    g_param_spec_boolean ("finished", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_SERVER_ID] =
    g_param_spec_string ("server-id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_MESSAGE] =
    g_param_spec_string ("message", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_TEMPERATURE_C] =
    carport_param_spec_unknown_double ("temperature-c",
                                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_START_AT] =
    g_param_spec_boxed ("start-at", NULL, NULL,
                        G_TYPE_DATE_TIME,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_CHARGE_MODE] =
    g_param_spec_enum ("charge-mode", NULL, NULL,
                       CARPORT_TYPE_CHARGE_MODE, CARPORT_CHARGE_MODE_NONE,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SOC_MIN_PERCENT] =
    g_param_spec_int ("soc-min-percent", NULL, NULL,
                      -1, G_MAXINT, -1,
                      (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SOC_TARGET_PERCENT] =
    g_param_spec_int ("soc-target-percent", NULL, NULL,
                      -1, G_MAXINT, -1,
                      (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SCHEDULES] =
    g_param_spec_object ("schedules", NULL, NULL,
                         G_TYPE_LIST_MODEL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
carport_command_init (CarportCommand *self)
{
  self->state = CARPORT_COMMAND_STATE_NEW;
  self->temperature_c = NAN;
  self->charge_mode = CARPORT_CHARGE_MODE_NONE;
  self->soc_min_percent = -1;
  self->soc_target_percent = -1;
  self->pin_tries_left = -1;
}
