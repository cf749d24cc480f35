/* carport-charge-settings.c — Charge mode, charge limits and programmes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "carport-core"

#include "config.h"

#include <math.h>

#include <gio/gio.h>

#include "carport-charge-settings.h"
#include "carport-schedule.h"
#include "carport-core-enum-types.h"

struct _CarportChargeSettings
{
  CarportState parent_instance;

  CarportChargeMode  mode;
  int                soc_min_percent;
  int                soc_target_percent;
  GDateTime         *delayed_start;  /* owned, nullable */
  char              *climate_mode;
  char              *charge_time_start;
  int                charge_duration_minutes;
  double             preconditioning_temperature_c;
  CarportToggle      heated_steering_wheel;
  CarportToggle      heated_left_seat;
  CarportToggle      heated_right_seat;
  GListStore *schedules; /* owned, of CarportSchedule */
};

G_DEFINE_FINAL_TYPE (CarportChargeSettings, carport_charge_settings, CARPORT_TYPE_STATE)

enum {
  PROP_0,
  PROP_MODE,
  PROP_SOC_MIN_PERCENT,
  PROP_SOC_TARGET_PERCENT,
  PROP_DELAYED_START,
  PROP_CLIMATE_MODE,
  PROP_CHARGE_TIME_START,
  PROP_CHARGE_DURATION_MINUTES,
  PROP_PRECONDITIONING_TEMPERATURE_C,
  PROP_HEATED_STEERING_WHEEL,
  PROP_HEATED_LEFT_SEAT,
  PROP_HEATED_RIGHT_SEAT,
  PROP_SCHEDULES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

CarportChargeMode
carport_charge_settings_get_mode (CarportChargeSettings *self)
{
  g_return_val_if_fail (CARPORT_IS_CHARGE_SETTINGS (self), CARPORT_CHARGE_MODE_NONE);

  return self->mode;
}

void
carport_charge_settings_set_mode (CarportChargeSettings *self,
                                  CarportChargeMode      value)
{
  g_return_if_fail (CARPORT_IS_CHARGE_SETTINGS (self));

  if (self->mode == value)
    return;

  self->mode = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODE]);
}

int
carport_charge_settings_get_soc_min_percent (CarportChargeSettings *self)
{
  g_return_val_if_fail (CARPORT_IS_CHARGE_SETTINGS (self), -1);

  return self->soc_min_percent;
}

void
carport_charge_settings_set_soc_min_percent (CarportChargeSettings *self,
                                             int                    value)
{
  g_return_if_fail (CARPORT_IS_CHARGE_SETTINGS (self));

  if (self->soc_min_percent == value)
    return;

  self->soc_min_percent = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SOC_MIN_PERCENT]);
}

int
carport_charge_settings_get_soc_target_percent (CarportChargeSettings *self)
{
  g_return_val_if_fail (CARPORT_IS_CHARGE_SETTINGS (self), -1);

  return self->soc_target_percent;
}

void
carport_charge_settings_set_soc_target_percent (CarportChargeSettings *self,
                                                int                    value)
{
  g_return_if_fail (CARPORT_IS_CHARGE_SETTINGS (self));

  if (self->soc_target_percent == value)
    return;

  self->soc_target_percent = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SOC_TARGET_PERCENT]);
}

CarportChargeSettings *
carport_charge_settings_new (void)
{
  return g_object_new (CARPORT_TYPE_CHARGE_SETTINGS, NULL);
}

/* The writable properties are reset by the base class; the programmes are not one. */
static void
carport_charge_settings_clear (CarportState *state)
{
  CarportChargeSettings *self = CARPORT_CHARGE_SETTINGS (state);

  CARPORT_STATE_CLASS (carport_charge_settings_parent_class)->clear (state);

  if (g_list_model_get_n_items (G_LIST_MODEL (self->schedules)) > 0)
    g_list_store_remove_all (self->schedules);
}

GDateTime *
carport_charge_settings_get_delayed_start (CarportChargeSettings *self)
{
  g_return_val_if_fail (CARPORT_IS_CHARGE_SETTINGS (self), NULL);

  return self->delayed_start;
}

void
carport_charge_settings_set_delayed_start (CarportChargeSettings *self,
                                           GDateTime             *value)
{
  g_return_if_fail (CARPORT_IS_CHARGE_SETTINGS (self));

  if (self->delayed_start == value
      || (self->delayed_start != NULL && value != NULL && g_date_time_equal (self->delayed_start, value)))
    return;

  g_clear_pointer (&self->delayed_start, g_date_time_unref);
  if (value != NULL)
    self->delayed_start = g_date_time_ref (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DELAYED_START]);
}

/* The delayed start is only reported in delayed mode: a read that reports
 * the mode without one says there is none any more. */
static gboolean
carport_charge_settings_merge (CarportState *state,
                               CarportState *update_state)
{
  CarportChargeSettings *update = CARPORT_CHARGE_SETTINGS (update_state);

  if (!CARPORT_STATE_CLASS (carport_charge_settings_parent_class)->merge (state, update_state))
    return FALSE;

  if (update->mode != CARPORT_CHARGE_MODE_NONE && update->delayed_start == NULL)
    carport_charge_settings_set_delayed_start (CARPORT_CHARGE_SETTINGS (state), NULL);
  return TRUE;
}

GListModel *
carport_charge_settings_get_schedules (CarportChargeSettings *self)
{
  g_return_val_if_fail (CARPORT_IS_CHARGE_SETTINGS (self), NULL);

  return G_LIST_MODEL (self->schedules);
}

static gboolean
schedule_is_climate (CarportSchedule *schedule)
{
  return carport_schedule_get_kind (schedule) == CARPORT_SCHEDULE_KIND_CLIMATE;
}

/* Charge programmes (charge, and charge-and-climate) are kept first and the
 * climate programmes after them, so each family is one run of the list and a
 * replacement is one items-changed. */
void
carport_charge_settings_set_schedules (CarportChargeSettings *self,
                                       gboolean               climate,
                                       GPtrArray             *schedules)
{
  GListModel *model;
  guint n_items;
  guint first = G_MAXUINT;
  guint n_old = 0;
  guint n_new;
  gboolean contiguous = TRUE;

  g_return_if_fail (CARPORT_IS_CHARGE_SETTINGS (self));

  climate = !!climate;
  model = G_LIST_MODEL (self->schedules);
  n_items = g_list_model_get_n_items (model);
  n_new = schedules != NULL ? schedules->len : 0;

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(CarportSchedule) schedule = g_list_model_get_item (model, i);

      if (schedule_is_climate (schedule) != climate)
        continue;

      if (first == G_MAXUINT)
        first = i;
      else if (first + n_old != i)
        contiguous = FALSE;
      n_old++;
    }

  if (n_old == 0 && n_new == 0)
    return;

  if (!contiguous)
    {
      /* Only after an out-of-order load; put the family back in one run. */
      for (guint i = n_items; i > 0; i--)
        {
          g_autoptr(CarportSchedule) schedule = g_list_model_get_item (model, i - 1);

          if (schedule_is_climate (schedule) == climate)
            g_list_store_remove (self->schedules, i - 1);
        }
      n_old = 0;
      first = G_MAXUINT;
    }

  if (first == G_MAXUINT)
    first = climate ? g_list_model_get_n_items (model) : 0;

  g_list_store_splice (self->schedules, first, n_old,
                       n_new > 0 ? schedules->pdata : NULL, n_new);
}

const char *
carport_charge_settings_get_climate_mode (CarportChargeSettings *self)
{
  g_return_val_if_fail (CARPORT_IS_CHARGE_SETTINGS (self), NULL);

  return self->climate_mode;
}

void
carport_charge_settings_set_climate_mode (CarportChargeSettings *self,
                                          const char * value)
{
  g_return_if_fail (CARPORT_IS_CHARGE_SETTINGS (self));

  if (g_strcmp0 (self->climate_mode, value) == 0)
    return;

  g_free (self->climate_mode);
  self->climate_mode = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLIMATE_MODE]);
}

const char *
carport_charge_settings_get_charge_time_start (CarportChargeSettings *self)
{
  g_return_val_if_fail (CARPORT_IS_CHARGE_SETTINGS (self), NULL);

  return self->charge_time_start;
}

void
carport_charge_settings_set_charge_time_start (CarportChargeSettings *self,
                                               const char * value)
{
  g_return_if_fail (CARPORT_IS_CHARGE_SETTINGS (self));

  if (g_strcmp0 (self->charge_time_start, value) == 0)
    return;

  g_free (self->charge_time_start);
  self->charge_time_start = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHARGE_TIME_START]);
}

int
carport_charge_settings_get_charge_duration_minutes (CarportChargeSettings *self)
{
  g_return_val_if_fail (CARPORT_IS_CHARGE_SETTINGS (self), -1);

  return self->charge_duration_minutes;
}

void
carport_charge_settings_set_charge_duration_minutes (CarportChargeSettings *self,
                                                     int value)
{
  g_return_if_fail (CARPORT_IS_CHARGE_SETTINGS (self));

  if (self->charge_duration_minutes == value)
    return;

  self->charge_duration_minutes = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHARGE_DURATION_MINUTES]);
}

double
carport_charge_settings_get_preconditioning_temperature_c (CarportChargeSettings *self)
{
  g_return_val_if_fail (CARPORT_IS_CHARGE_SETTINGS (self), NAN);

  return self->preconditioning_temperature_c;
}

void
carport_charge_settings_set_preconditioning_temperature_c (CarportChargeSettings *self,
                                                           double value)
{
  g_return_if_fail (CARPORT_IS_CHARGE_SETTINGS (self));

  if (self->preconditioning_temperature_c == value || (isnan (self->preconditioning_temperature_c) && isnan (value)))
    return;

  self->preconditioning_temperature_c = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PRECONDITIONING_TEMPERATURE_C]);
}

CarportToggle
carport_charge_settings_get_heated_steering_wheel (CarportChargeSettings *self)
{
  g_return_val_if_fail (CARPORT_IS_CHARGE_SETTINGS (self), CARPORT_TOGGLE_NONE);

  return self->heated_steering_wheel;
}

void
carport_charge_settings_set_heated_steering_wheel (CarportChargeSettings *self,
                                                   CarportToggle value)
{
  g_return_if_fail (CARPORT_IS_CHARGE_SETTINGS (self));

  if (self->heated_steering_wheel == value)
    return;

  self->heated_steering_wheel = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HEATED_STEERING_WHEEL]);
}

CarportToggle
carport_charge_settings_get_heated_left_seat (CarportChargeSettings *self)
{
  g_return_val_if_fail (CARPORT_IS_CHARGE_SETTINGS (self), CARPORT_TOGGLE_NONE);

  return self->heated_left_seat;
}

void
carport_charge_settings_set_heated_left_seat (CarportChargeSettings *self,
                                              CarportToggle value)
{
  g_return_if_fail (CARPORT_IS_CHARGE_SETTINGS (self));

  if (self->heated_left_seat == value)
    return;

  self->heated_left_seat = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HEATED_LEFT_SEAT]);
}

CarportToggle
carport_charge_settings_get_heated_right_seat (CarportChargeSettings *self)
{
  g_return_val_if_fail (CARPORT_IS_CHARGE_SETTINGS (self), CARPORT_TOGGLE_NONE);

  return self->heated_right_seat;
}

void
carport_charge_settings_set_heated_right_seat (CarportChargeSettings *self,
                                               CarportToggle value)
{
  g_return_if_fail (CARPORT_IS_CHARGE_SETTINGS (self));

  if (self->heated_right_seat == value)
    return;

  self->heated_right_seat = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HEATED_RIGHT_SEAT]);
}

static void
carport_charge_settings_dispose (GObject *object)
{
  CarportChargeSettings *self = (CarportChargeSettings *) object;

  g_clear_object (&self->schedules);
  g_clear_pointer (&self->climate_mode, g_free);
  g_clear_pointer (&self->charge_time_start, g_free);
  g_clear_pointer (&self->delayed_start, g_date_time_unref);

  G_OBJECT_CLASS (carport_charge_settings_parent_class)->dispose (object);
}

static void
carport_charge_settings_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  CarportChargeSettings *self = CARPORT_CHARGE_SETTINGS (object);

  switch (prop_id)
    {
    case PROP_MODE:
      g_value_set_enum (value, self->mode);
      break;

    case PROP_SOC_MIN_PERCENT:
      g_value_set_int (value, self->soc_min_percent);
      break;

    case PROP_SOC_TARGET_PERCENT:
      g_value_set_int (value, self->soc_target_percent);
      break;

    case PROP_DELAYED_START:
      g_value_set_boxed (value, self->delayed_start);
      break;

    case PROP_CLIMATE_MODE:
      g_value_set_string (value, self->climate_mode);
      break;

    case PROP_CHARGE_TIME_START:
      g_value_set_string (value, self->charge_time_start);
      break;

    case PROP_CHARGE_DURATION_MINUTES:
      g_value_set_int (value, self->charge_duration_minutes);
      break;

    case PROP_PRECONDITIONING_TEMPERATURE_C:
      g_value_set_double (value, self->preconditioning_temperature_c);
      break;

    case PROP_HEATED_STEERING_WHEEL:
      g_value_set_enum (value, self->heated_steering_wheel);
      break;

    case PROP_HEATED_LEFT_SEAT:
      g_value_set_enum (value, self->heated_left_seat);
      break;

    case PROP_HEATED_RIGHT_SEAT:
      g_value_set_enum (value, self->heated_right_seat);
      break;

    case PROP_SCHEDULES:
      g_value_set_object (value, self->schedules);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carport_charge_settings_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  CarportChargeSettings *self = CARPORT_CHARGE_SETTINGS (object);

  switch (prop_id)
    {
    case PROP_MODE:
      carport_charge_settings_set_mode (self, g_value_get_enum (value));
      break;

    case PROP_SOC_MIN_PERCENT:
      carport_charge_settings_set_soc_min_percent (self, g_value_get_int (value));
      break;

    case PROP_SOC_TARGET_PERCENT:
      carport_charge_settings_set_soc_target_percent (self, g_value_get_int (value));
      break;

    case PROP_DELAYED_START:
      carport_charge_settings_set_delayed_start (self, g_value_get_boxed (value));
      break;

    case PROP_CLIMATE_MODE:
      carport_charge_settings_set_climate_mode (self, g_value_get_string (value));
      break;

    case PROP_CHARGE_TIME_START:
      carport_charge_settings_set_charge_time_start (self, g_value_get_string (value));
      break;

    case PROP_CHARGE_DURATION_MINUTES:
      carport_charge_settings_set_charge_duration_minutes (self, g_value_get_int (value));
      break;

    case PROP_PRECONDITIONING_TEMPERATURE_C:
      carport_charge_settings_set_preconditioning_temperature_c (self, g_value_get_double (value));
      break;

    case PROP_HEATED_STEERING_WHEEL:
      carport_charge_settings_set_heated_steering_wheel (self, g_value_get_enum (value));
      break;

    case PROP_HEATED_LEFT_SEAT:
      carport_charge_settings_set_heated_left_seat (self, g_value_get_enum (value));
      break;

    case PROP_HEATED_RIGHT_SEAT:
      carport_charge_settings_set_heated_right_seat (self, g_value_get_enum (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carport_charge_settings_class_init (CarportChargeSettingsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = carport_charge_settings_dispose;
  object_class->get_property = carport_charge_settings_get_property;
  object_class->set_property = carport_charge_settings_set_property;

  CARPORT_STATE_CLASS (klass)->clear = carport_charge_settings_clear;
  CARPORT_STATE_CLASS (klass)->merge = carport_charge_settings_merge;

  properties[PROP_MODE] =
    g_param_spec_enum ("mode", NULL, NULL,
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

  properties[PROP_DELAYED_START] =
    g_param_spec_boxed ("delayed-start", NULL, NULL,
                        G_TYPE_DATE_TIME,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_CLIMATE_MODE] =
    g_param_spec_string ("climate-mode", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_CHARGE_TIME_START] =
    g_param_spec_string ("charge-time-start", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_CHARGE_DURATION_MINUTES] =
    g_param_spec_int ("charge-duration-minutes", NULL, NULL,
                      -1, G_MAXINT, -1,
                      (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_PRECONDITIONING_TEMPERATURE_C] =
    carport_param_spec_unknown_double ("preconditioning-temperature-c",
                                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_HEATED_STEERING_WHEEL] =
    g_param_spec_enum ("heated-steering-wheel", NULL, NULL,
                       CARPORT_TYPE_TOGGLE, CARPORT_TOGGLE_NONE,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_HEATED_LEFT_SEAT] =
    g_param_spec_enum ("heated-left-seat", NULL, NULL,
                       CARPORT_TYPE_TOGGLE, CARPORT_TOGGLE_NONE,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_HEATED_RIGHT_SEAT] =
    g_param_spec_enum ("heated-right-seat", NULL, NULL,
                       CARPORT_TYPE_TOGGLE, CARPORT_TOGGLE_NONE,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SCHEDULES] =
    g_param_spec_object ("schedules", NULL, NULL,
                         G_TYPE_LIST_MODEL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
carport_charge_settings_init (CarportChargeSettings *self)
{
  self->soc_min_percent = -1;
  self->soc_target_percent = -1;
  self->charge_duration_minutes = -1;
  self->preconditioning_temperature_c = NAN;
  self->schedules = g_list_store_new (CARPORT_TYPE_SCHEDULE);
}
