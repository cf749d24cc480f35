/* carport-battery.c — Battery and charging state (endpoint battery-status).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "carport-core"

#include "config.h"

#include <math.h>

#include "carport-battery.h"
#include "carport-core-enum-types.h"

struct _CarportBattery
{
  CarportState parent_instance;

  int                   level_percent;
  double                range_km;
  double                temperature_c;
  double                available_energy_kwh;
  CarportPlugState      plug;
  CarportChargingState  charging;
  double                charging_power_kw;
  int                   remaining_minutes;
  GDateTime            *remaining_updated;
  double                capacity_kwh;
};

G_DEFINE_FINAL_TYPE (CarportBattery, carport_battery, CARPORT_TYPE_STATE)

enum {
  PROP_0,
  PROP_LEVEL_PERCENT,
  PROP_RANGE_KM,
  PROP_TEMPERATURE_C,
  PROP_AVAILABLE_ENERGY_KWH,
  PROP_PLUG,
  PROP_CHARGING,
  PROP_CHARGING_POWER_KW,
  PROP_REMAINING_MINUTES,
  PROP_REMAINING_UPDATED,
  PROP_CAPACITY_KWH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

int
carport_battery_get_level_percent (CarportBattery *self)
{
  g_return_val_if_fail (CARPORT_IS_BATTERY (self), -1);

  return self->level_percent;
}

void
carport_battery_set_level_percent (CarportBattery *self,
                                   int             value)
{
  g_return_if_fail (CARPORT_IS_BATTERY (self));

  if (self->level_percent == value)
    return;

  self->level_percent = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LEVEL_PERCENT]);
}

double
carport_battery_get_range_km (CarportBattery *self)
{
  g_return_val_if_fail (CARPORT_IS_BATTERY (self), NAN);

  return self->range_km;
}

void
carport_battery_set_range_km (CarportBattery *self,
                              double          value)
{
  g_return_if_fail (CARPORT_IS_BATTERY (self));

  if (self->range_km == value || (isnan (self->range_km) && isnan (value)))
    return;

  self->range_km = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RANGE_KM]);
}

double
carport_battery_get_temperature_c (CarportBattery *self)
{
  g_return_val_if_fail (CARPORT_IS_BATTERY (self), NAN);

  return self->temperature_c;
}

void
carport_battery_set_temperature_c (CarportBattery *self,
                                   double          value)
{
  g_return_if_fail (CARPORT_IS_BATTERY (self));

  if (self->temperature_c == value || (isnan (self->temperature_c) && isnan (value)))
    return;

  self->temperature_c = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEMPERATURE_C]);
}

double
carport_battery_get_available_energy_kwh (CarportBattery *self)
{
  g_return_val_if_fail (CARPORT_IS_BATTERY (self), NAN);

  return self->available_energy_kwh;
}

void
carport_battery_set_available_energy_kwh (CarportBattery *self,
                                          double          value)
{
  g_return_if_fail (CARPORT_IS_BATTERY (self));

  if (self->available_energy_kwh == value || (isnan (self->available_energy_kwh) && isnan (value)))
    return;

  self->available_energy_kwh = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AVAILABLE_ENERGY_KWH]);
}

CarportPlugState
carport_battery_get_plug (CarportBattery *self)
{
  g_return_val_if_fail (CARPORT_IS_BATTERY (self), CARPORT_PLUG_STATE_NONE);

  return self->plug;
}

void
carport_battery_set_plug (CarportBattery   *self,
                          CarportPlugState  value)
{
  g_return_if_fail (CARPORT_IS_BATTERY (self));

  if (self->plug == value)
    return;

  self->plug = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLUG]);
}

CarportChargingState
carport_battery_get_charging (CarportBattery *self)
{
  g_return_val_if_fail (CARPORT_IS_BATTERY (self), CARPORT_CHARGING_STATE_NONE);

  return self->charging;
}

void
carport_battery_set_charging (CarportBattery       *self,
                              CarportChargingState  value)
{
  g_return_if_fail (CARPORT_IS_BATTERY (self));

  if (self->charging == value)
    return;

  self->charging = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHARGING]);
}

double
carport_battery_get_charging_power_kw (CarportBattery *self)
{
  g_return_val_if_fail (CARPORT_IS_BATTERY (self), NAN);

  return self->charging_power_kw;
}

void
carport_battery_set_charging_power_kw (CarportBattery *self,
                                       double          value)
{
  g_return_if_fail (CARPORT_IS_BATTERY (self));

  if (self->charging_power_kw == value || (isnan (self->charging_power_kw) && isnan (value)))
    return;

  self->charging_power_kw = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHARGING_POWER_KW]);
}

int
carport_battery_get_remaining_minutes (CarportBattery *self)
{
  g_return_val_if_fail (CARPORT_IS_BATTERY (self), -1);

  return self->remaining_minutes;
}

void
carport_battery_set_remaining_minutes (CarportBattery *self,
                                       int             value)
{
  g_return_if_fail (CARPORT_IS_BATTERY (self));

  if (self->remaining_minutes == value)
    return;

  self->remaining_minutes = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REMAINING_MINUTES]);
}

GDateTime *
carport_battery_get_remaining_updated (CarportBattery *self)
{
  g_return_val_if_fail (CARPORT_IS_BATTERY (self), NULL);

  return self->remaining_updated;
}

void
carport_battery_set_remaining_updated (CarportBattery *self,
                                       GDateTime      *value)
{
  g_return_if_fail (CARPORT_IS_BATTERY (self));

  if (self->remaining_updated == value ||
      (self->remaining_updated != NULL && value != NULL && g_date_time_equal (self->remaining_updated, value)))
    return;

  g_clear_pointer (&self->remaining_updated, g_date_time_unref);
  self->remaining_updated = value != NULL ? g_date_time_ref (value) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REMAINING_UPDATED]);
}

double
carport_battery_get_capacity_kwh (CarportBattery *self)
{
  g_return_val_if_fail (CARPORT_IS_BATTERY (self), NAN);

  return self->capacity_kwh;
}

void
carport_battery_set_capacity_kwh (CarportBattery *self,
                                  double          value)
{
  g_return_if_fail (CARPORT_IS_BATTERY (self));

  if (self->capacity_kwh == value || (isnan (self->capacity_kwh) && isnan (value)))
    return;

  self->capacity_kwh = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAPACITY_KWH]);
}

CarportBattery *
carport_battery_new (void)
{
  return g_object_new (CARPORT_TYPE_BATTERY, NULL);
}

static void
carport_battery_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CarportBattery *self = CARPORT_BATTERY (object);

  switch (prop_id)
    {
    case PROP_LEVEL_PERCENT:
      g_value_set_int (value, self->level_percent);
      break;

    case PROP_RANGE_KM:
      g_value_set_double (value, self->range_km);
      break;

    case PROP_TEMPERATURE_C:
      g_value_set_double (value, self->temperature_c);
      break;

    case PROP_AVAILABLE_ENERGY_KWH:
      g_value_set_double (value, self->available_energy_kwh);
      break;

    case PROP_PLUG:
      g_value_set_enum (value, self->plug);
      break;

    case PROP_CHARGING:
      g_value_set_enum (value, self->charging);
      break;

    case PROP_CHARGING_POWER_KW:
      g_value_set_double (value, self->charging_power_kw);
      break;

    case PROP_REMAINING_MINUTES:
      g_value_set_int (value, self->remaining_minutes);
      break;

    case PROP_REMAINING_UPDATED:
      g_value_set_boxed (value, self->remaining_updated);
      break;

    case PROP_CAPACITY_KWH:
      g_value_set_double (value, self->capacity_kwh);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carport_battery_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  CarportBattery *self = CARPORT_BATTERY (object);

  switch (prop_id)
    {
    case PROP_LEVEL_PERCENT:
      carport_battery_set_level_percent (self, g_value_get_int (value));
      break;

    case PROP_RANGE_KM:
      carport_battery_set_range_km (self, g_value_get_double (value));
      break;

    case PROP_TEMPERATURE_C:
      carport_battery_set_temperature_c (self, g_value_get_double (value));
      break;

    case PROP_AVAILABLE_ENERGY_KWH:
      carport_battery_set_available_energy_kwh (self, g_value_get_double (value));
      break;

    case PROP_PLUG:
      carport_battery_set_plug (self, g_value_get_enum (value));
      break;

    case PROP_CHARGING:
      carport_battery_set_charging (self, g_value_get_enum (value));
      break;

    case PROP_CHARGING_POWER_KW:
      carport_battery_set_charging_power_kw (self, g_value_get_double (value));
      break;

    case PROP_REMAINING_MINUTES:
      carport_battery_set_remaining_minutes (self, g_value_get_int (value));
      break;

    case PROP_REMAINING_UPDATED:
      carport_battery_set_remaining_updated (self, g_value_get_boxed (value));
      break;

    case PROP_CAPACITY_KWH:
      carport_battery_set_capacity_kwh (self, g_value_get_double (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* TRUE for the states in which no charge is under way. */
static gboolean
is_idle (CarportChargingState state)
{
  switch (state)
    {
    case CARPORT_CHARGING_STATE_NOT_CHARGING:
    case CARPORT_CHARGING_STATE_WAITING_PLANNED:
    case CARPORT_CHARGING_STATE_ENDED:
    case CARPORT_CHARGING_STATE_WAITING_CURRENT:
    case CARPORT_CHARGING_STATE_FLAP_OPEN:
    case CARPORT_CHARGING_STATE_ERROR:
    case CARPORT_CHARGING_STATE_UNAVAILABLE:
      return TRUE;
    default:
      return FALSE;
    }
}

/* The charging power and the time to full belong to a charge: when a read
 * says that none is under way and does not report them, the last ones go. */
static gboolean
carport_battery_merge (CarportState *state,
                       CarportState *update_state)
{
  CarportBattery *self = CARPORT_BATTERY (state);
  CarportBattery *update = CARPORT_BATTERY (update_state);

  if (!CARPORT_STATE_CLASS (carport_battery_parent_class)->merge (state, update_state))
    return FALSE;

  if (is_idle (update->charging))
    {
      g_object_freeze_notify (G_OBJECT (self));
      if (isnan (update->charging_power_kw))
        carport_battery_set_charging_power_kw (self, NAN);
      if (update->remaining_minutes < 0)
        {
          carport_battery_set_remaining_minutes (self, -1);
          carport_battery_set_remaining_updated (self, NULL);
        }
      g_object_thaw_notify (G_OBJECT (self));
    }
  return TRUE;
}

static void
carport_battery_finalize (GObject *object)
{
  CarportBattery *self = CARPORT_BATTERY (object);

  g_clear_pointer (&self->remaining_updated, g_date_time_unref);

  G_OBJECT_CLASS (carport_battery_parent_class)->finalize (object);
}

static void
carport_battery_class_init (CarportBatteryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  CarportStateClass *state_class = CARPORT_STATE_CLASS (klass);

  object_class->finalize = carport_battery_finalize;
  object_class->get_property = carport_battery_get_property;
  object_class->set_property = carport_battery_set_property;
  state_class->merge = carport_battery_merge;

  properties[PROP_LEVEL_PERCENT] =
    g_param_spec_int ("level-percent", NULL, NULL,
                      -1, G_MAXINT, -1,
                      (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_RANGE_KM] =
    carport_param_spec_unknown_double ("range-km",
                                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_TEMPERATURE_C] =
    carport_param_spec_unknown_double ("temperature-c",
                                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_AVAILABLE_ENERGY_KWH] =
    carport_param_spec_unknown_double ("available-energy-kwh",
                                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_PLUG] =
    g_param_spec_enum ("plug", NULL, NULL,
                       CARPORT_TYPE_PLUG_STATE, CARPORT_PLUG_STATE_NONE,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_CHARGING] =
    g_param_spec_enum ("charging", NULL, NULL,
                       CARPORT_TYPE_CHARGING_STATE, CARPORT_CHARGING_STATE_NONE,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_CHARGING_POWER_KW] =
    carport_param_spec_unknown_double ("charging-power-kw",
                                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_REMAINING_MINUTES] =
    g_param_spec_int ("remaining-minutes", NULL, NULL,
                      -1, G_MAXINT, -1,
                      (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_REMAINING_UPDATED] =
    g_param_spec_boxed ("remaining-updated", NULL, NULL,
                        G_TYPE_DATE_TIME,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_CAPACITY_KWH] =
    carport_param_spec_unknown_double ("capacity-kwh",
                                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
carport_battery_init (CarportBattery *self)
{
  self->level_percent = -1;
  self->range_km = NAN;
  self->temperature_c = NAN;
  self->available_energy_kwh = NAN;
  self->charging_power_kw = NAN;
  self->remaining_minutes = -1;
  self->capacity_kwh = NAN;
}
