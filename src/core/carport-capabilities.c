/* carport-capabilities.c — what a car can be told, and within which bounds.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "carport-core"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "carport-api-error.h"
#include "carport-capabilities.h"
#include "carport-format.h"

struct _CarportCapabilities
{
  GObject parent_instance;

  CarportClimateRange climate;
  gboolean            charge_start_time;
};

G_DEFINE_FINAL_TYPE (CarportCapabilities, carport_capabilities, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CLIMATE_MIN_C,
  PROP_CLIMATE_MAX_C,
  PROP_CLIMATE_STEP_C,
  PROP_CHARGE_START_TIME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

gboolean
carport_climate_range_check (const CarportClimateRange  *range,
                             double                      temperature_c,
                             GError                    **error)
{
  g_autofree char *min = NULL;
  g_autofree char *max = NULL;

  g_return_val_if_fail (range != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (temperature_c >= range->min_c && temperature_c <= range->max_c)
    return TRUE;

  min = carport_format_temperature (range->min_c, CARPORT_TEMPERATURE_UNIT_CELSIUS);
  max = carport_format_temperature (range->max_c, CARPORT_TEMPERATURE_UNIT_CELSIUS);
  /* Translators: the range a car takes, e.g. "between 15 °C and 25 °C". */
  g_set_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_INVALID_INPUT,
               _("The temperature must be between %s and %s."), min, max);
  return FALSE;
}

static gboolean
level_in (int level, int lower, int upper, int step)
{
  return level >= lower && level <= upper && level % step == 0;
}

gboolean
carport_soc_range_check (const CarportSocRange  *range,
                         int                     soc_min,
                         int                     soc_target,
                         GError                **error)
{
  g_return_val_if_fail (range != NULL && range->step > 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!level_in (soc_min, range->min_lower, range->min_upper, range->step))
    {
      /* Translators: e.g. "between 15 % and 45 %, in steps of 5 %" */
      g_set_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_INVALID_INPUT,
                   _("The minimum charge level must be between %d %% and %d %%, in steps of %d %%."),
                   range->min_lower, range->min_upper, range->step);
      return FALSE;
    }
  if (!level_in (soc_target, range->target_lower, range->target_upper, range->step))
    {
      /* Translators: e.g. "between 55 % and 100 %, in steps of 5 %" */
      g_set_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_INVALID_INPUT,
                   _("The charge target must be between %d %% and %d %%, in steps of %d %%."),
                   range->target_lower, range->target_upper, range->step);
      return FALSE;
    }
  return TRUE;
}

gboolean
carport_charge_start_time_check (gboolean    takes_start_time,
                                 GDateTime  *start_at,
                                 GError    **error)
{
  g_autoptr(GDateTime) now = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (start_at == NULL)
    return TRUE;
  if (!takes_start_time)
    {
      g_set_error_literal (error, CARPORT_API_ERROR, CARPORT_API_ERROR_INVALID_INPUT,
                           _("This car can only start charging now."));
      return FALSE;
    }
  now = g_date_time_new_now_utc ();
  if (g_date_time_compare (start_at, now) <= 0)
    {
      g_set_error_literal (error, CARPORT_API_ERROR, CARPORT_API_ERROR_INVALID_INPUT,
                           _("The start time must be in the future."));
      return FALSE;
    }
  return TRUE;
}

gboolean
carport_capabilities_get_charge_start_time (CarportCapabilities *self)
{
  g_return_val_if_fail (CARPORT_IS_CAPABILITIES (self), FALSE);

  return self->charge_start_time;
}

void
carport_capabilities_set_charge_start_time (CarportCapabilities *self,
                                            gboolean             value)
{
  g_return_if_fail (CARPORT_IS_CAPABILITIES (self));

  if (self->charge_start_time == !!value)
    return;
  self->charge_start_time = !!value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHARGE_START_TIME]);
}

gboolean
carport_capabilities_check_charge_start_time (CarportCapabilities  *self,
                                              GDateTime            *start_at,
                                              GError              **error)
{
  g_return_val_if_fail (CARPORT_IS_CAPABILITIES (self), FALSE);

  return carport_charge_start_time_check (self->charge_start_time, start_at, error);
}

void
carport_capabilities_get_soc_range (CarportCapabilities *self,
                                    CarportSocRange     *out_range)
{
  g_return_if_fail (CARPORT_IS_CAPABILITIES (self));
  g_return_if_fail (out_range != NULL);

  *out_range = CARPORT_SOC_RANGE_DEFAULT;
}

CarportCapabilities *
carport_capabilities_new (void)
{
  return g_object_new (CARPORT_TYPE_CAPABILITIES, NULL);
}

void
carport_capabilities_get_climate_range (CarportCapabilities *self,
                                        CarportClimateRange *out_range)
{
  g_return_if_fail (CARPORT_IS_CAPABILITIES (self));
  g_return_if_fail (out_range != NULL);

  *out_range = self->climate;
}

static void
set_double (CarportCapabilities *self,
            double              *field,
            double               value,
            guint                prop_id)
{
  if (*field == value)
    return;

  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

void
carport_capabilities_set_climate_range (CarportCapabilities       *self,
                                        const CarportClimateRange *range)
{
  g_return_if_fail (CARPORT_IS_CAPABILITIES (self));
  g_return_if_fail (range != NULL);
  g_return_if_fail (range->min_c <= range->max_c && range->step_c > 0);

  g_object_freeze_notify (G_OBJECT (self));
  set_double (self, &self->climate.min_c, range->min_c, PROP_CLIMATE_MIN_C);
  set_double (self, &self->climate.max_c, range->max_c, PROP_CLIMATE_MAX_C);
  set_double (self, &self->climate.step_c, range->step_c, PROP_CLIMATE_STEP_C);
  g_object_thaw_notify (G_OBJECT (self));
}

gboolean
carport_capabilities_check_climate_temperature (CarportCapabilities  *self,
                                                double                temperature_c,
                                                GError              **error)
{
  g_return_val_if_fail (CARPORT_IS_CAPABILITIES (self), FALSE);

  return carport_climate_range_check (&self->climate, temperature_c, error);
}

static void
carport_capabilities_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  CarportCapabilities *self = CARPORT_CAPABILITIES (object);

  switch (prop_id)
    {
    case PROP_CLIMATE_MIN_C:
      g_value_set_double (value, self->climate.min_c);
      break;

    case PROP_CLIMATE_MAX_C:
      g_value_set_double (value, self->climate.max_c);
      break;

    case PROP_CLIMATE_STEP_C:
      g_value_set_double (value, self->climate.step_c);
      break;

    case PROP_CHARGE_START_TIME:
      g_value_set_boolean (value, self->charge_start_time);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carport_capabilities_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  CarportCapabilities *self = CARPORT_CAPABILITIES (object);

  switch (prop_id)
    {
    case PROP_CLIMATE_MIN_C:
      set_double (self, &self->climate.min_c, g_value_get_double (value), prop_id);
      break;

    case PROP_CLIMATE_MAX_C:
      set_double (self, &self->climate.max_c, g_value_get_double (value), prop_id);
      break;

    case PROP_CLIMATE_STEP_C:
      set_double (self, &self->climate.step_c, g_value_get_double (value), prop_id);
      break;

    case PROP_CHARGE_START_TIME:
      carport_capabilities_set_charge_start_time (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carport_capabilities_class_init (CarportCapabilitiesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const CarportClimateRange defaults = CARPORT_CLIMATE_RANGE_DEFAULT;

  object_class->get_property = carport_capabilities_get_property;
  object_class->set_property = carport_capabilities_set_property;

  properties[PROP_CLIMATE_MIN_C] =
    g_param_spec_double ("climate-min-c", NULL, NULL,
                         -50.0, 100.0, defaults.min_c,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_CLIMATE_MAX_C] =
    g_param_spec_double ("climate-max-c", NULL, NULL,
                         -50.0, 100.0, defaults.max_c,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_CLIMATE_STEP_C] =
    g_param_spec_double ("climate-step-c", NULL, NULL,
                         0.1, 10.0, defaults.step_c,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_CHARGE_START_TIME] =
    g_param_spec_boolean ("charge-start-time", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
carport_capabilities_init (CarportCapabilities *self)
{
  self->climate = CARPORT_CLIMATE_RANGE_DEFAULT;
}
