/* carport-climate.c — Climate control (endpoint hvac-status).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "carport-core"

#include "config.h"

#include <math.h>

#include "carport-climate.h"
#include "carport-core-enum-types.h"

struct _CarportClimate
{
  CarportState parent_instance;

  CarportClimateState  state;
  double               outside_c;
  double               inside_c;
  double               soc_threshold_percent;
  double               target_c;
  GDateTime           *next_start; /* owned, nullable */
  GDateTime           *expected_since; /* owned, nullable: next_start is a command's, the car's report may lag */
};

G_DEFINE_FINAL_TYPE (CarportClimate, carport_climate, CARPORT_TYPE_STATE)

enum {
  PROP_0,
  PROP_STATE,
  PROP_OUTSIDE_C,
  PROP_INSIDE_C,
  PROP_SOC_THRESHOLD_PERCENT,
  PROP_TARGET_C,
  PROP_NEXT_START,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

CarportClimateState
carport_climate_get_state (CarportClimate *self)
{
  g_return_val_if_fail (CARPORT_IS_CLIMATE (self), CARPORT_CLIMATE_STATE_NONE);

  return self->state;
}

void
carport_climate_set_state (CarportClimate      *self,
                           CarportClimateState  value)
{
  g_return_if_fail (CARPORT_IS_CLIMATE (self));

  if (self->state == value)
    return;

  self->state = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

double
carport_climate_get_outside_c (CarportClimate *self)
{
  g_return_val_if_fail (CARPORT_IS_CLIMATE (self), NAN);

  return self->outside_c;
}

void
carport_climate_set_outside_c (CarportClimate *self,
                               double          value)
{
  g_return_if_fail (CARPORT_IS_CLIMATE (self));

  if (self->outside_c == value || (isnan (self->outside_c) && isnan (value)))
    return;

  self->outside_c = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OUTSIDE_C]);
}

double
carport_climate_get_inside_c (CarportClimate *self)
{
  g_return_val_if_fail (CARPORT_IS_CLIMATE (self), NAN);

  return self->inside_c;
}

void
carport_climate_set_inside_c (CarportClimate *self,
                              double          value)
{
  g_return_if_fail (CARPORT_IS_CLIMATE (self));

  if (self->inside_c == value || (isnan (self->inside_c) && isnan (value)))
    return;

  self->inside_c = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INSIDE_C]);
}

double
carport_climate_get_soc_threshold_percent (CarportClimate *self)
{
  g_return_val_if_fail (CARPORT_IS_CLIMATE (self), NAN);

  return self->soc_threshold_percent;
}

void
carport_climate_set_soc_threshold_percent (CarportClimate *self,
                                           double          value)
{
  g_return_if_fail (CARPORT_IS_CLIMATE (self));

  if (self->soc_threshold_percent == value || (isnan (self->soc_threshold_percent) && isnan (value)))
    return;

  self->soc_threshold_percent = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SOC_THRESHOLD_PERCENT]);
}

double
carport_climate_get_target_c (CarportClimate *self)
{
  g_return_val_if_fail (CARPORT_IS_CLIMATE (self), NAN);

  return self->target_c;
}

void
carport_climate_set_target_c (CarportClimate *self,
                              double          value)
{
  g_return_if_fail (CARPORT_IS_CLIMATE (self));

  if (self->target_c == value || (isnan (self->target_c) && isnan (value)))
    return;

  self->target_c = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TARGET_C]);
}

GDateTime *
carport_climate_get_next_start (CarportClimate *self)
{
  g_return_val_if_fail (CARPORT_IS_CLIMATE (self), NULL);

  return self->next_start;
}

void
carport_climate_set_next_start (CarportClimate *self,
                                GDateTime      *value)
{
  g_return_if_fail (CARPORT_IS_CLIMATE (self));

  if (self->next_start == value
      || (self->next_start != NULL && value != NULL && g_date_time_equal (self->next_start, value)))
    return;

  g_clear_pointer (&self->next_start, g_date_time_unref);
  if (value != NULL)
    self->next_start = g_date_time_ref (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NEXT_START]);
}

void
carport_climate_expect_next_start (CarportClimate *self,
                                   GDateTime      *start)
{
  g_return_if_fail (CARPORT_IS_CLIMATE (self));
  g_return_if_fail (start != NULL);

  g_clear_pointer (&self->expected_since, g_date_time_unref);
  self->expected_since = g_date_time_new_now_utc ();
  carport_climate_set_next_start (self, start);
}

/* Whether the next start shown is one a command set that the car may not
 * report yet: until a read newer than the command, or the start's time. */
static gboolean
awaits_report (CarportClimate *self,
               CarportState   *update)
{
  GDateTime *read_at = carport_state_get_updated (update);
  g_autoptr(GDateTime) now = NULL;

  if (self->expected_since == NULL || self->next_start == NULL)
    return FALSE;
  now = g_date_time_new_now_utc ();
  if (g_date_time_compare (self->next_start, now) <= 0)
    return FALSE;
  return read_at == NULL || g_date_time_compare (read_at, self->expected_since) < 0;
}

CarportClimate *
carport_climate_new (void)
{
  return g_object_new (CARPORT_TYPE_CLIMATE, NULL);
}

static void
carport_climate_finalize (GObject *object)
{
  CarportClimate *self = (CarportClimate *) object;

  g_clear_pointer (&self->next_start, g_date_time_unref);
  g_clear_pointer (&self->expected_since, g_date_time_unref);

  G_OBJECT_CLASS (carport_climate_parent_class)->finalize (object);
}

static void
carport_climate_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CarportClimate *self = CARPORT_CLIMATE (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;

    case PROP_OUTSIDE_C:
      g_value_set_double (value, self->outside_c);
      break;

    case PROP_INSIDE_C:
      g_value_set_double (value, self->inside_c);
      break;

    case PROP_SOC_THRESHOLD_PERCENT:
      g_value_set_double (value, self->soc_threshold_percent);
      break;

    case PROP_TARGET_C:
      g_value_set_double (value, self->target_c);
      break;

    case PROP_NEXT_START:
      g_value_set_boxed (value, self->next_start);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carport_climate_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  CarportClimate *self = CARPORT_CLIMATE (object);

  switch (prop_id)
    {
    case PROP_STATE:
      carport_climate_set_state (self, g_value_get_enum (value));
      break;

    case PROP_OUTSIDE_C:
      carport_climate_set_outside_c (self, g_value_get_double (value));
      break;

    case PROP_INSIDE_C:
      carport_climate_set_inside_c (self, g_value_get_double (value));
      break;

    case PROP_SOC_THRESHOLD_PERCENT:
      carport_climate_set_soc_threshold_percent (self, g_value_get_double (value));
      break;

    case PROP_TARGET_C:
      carport_climate_set_target_c (self, g_value_get_double (value));
      break;

    case PROP_NEXT_START:
      carport_climate_set_next_start (self, g_value_get_boxed (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* A next start is only reported while one is set: a read that reports the
 * climate's state without one says there is none any more, unless it is
 * older than the command that planned the one shown. */
static gboolean
carport_climate_merge (CarportState *state,
                       CarportState *update_state)
{
  CarportClimate *self = CARPORT_CLIMATE (state);
  CarportClimate *update = CARPORT_CLIMATE (update_state);
  gboolean awaits = awaits_report (self, update_state);

  if (!CARPORT_STATE_CLASS (carport_climate_parent_class)->merge (state, update_state))
    return FALSE;

  if (update->next_start != NULL || !awaits)
    g_clear_pointer (&self->expected_since, g_date_time_unref);
  if (update->state != CARPORT_CLIMATE_STATE_NONE && update->next_start == NULL && !awaits)
    carport_climate_set_next_start (self, NULL);
  return TRUE;
}

static void
carport_climate_class_init (CarportClimateClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  CarportStateClass *state_class = CARPORT_STATE_CLASS (klass);

  object_class->finalize = carport_climate_finalize;
  object_class->get_property = carport_climate_get_property;
  object_class->set_property = carport_climate_set_property;
  state_class->merge = carport_climate_merge;

  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL,
                       CARPORT_TYPE_CLIMATE_STATE, CARPORT_CLIMATE_STATE_NONE,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_OUTSIDE_C] =
    carport_param_spec_unknown_double ("outside-c",
                                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_INSIDE_C] =
    carport_param_spec_unknown_double ("inside-c",
                                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SOC_THRESHOLD_PERCENT] =
    carport_param_spec_unknown_double ("soc-threshold-percent",
                                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_TARGET_C] =
    carport_param_spec_unknown_double ("target-c",
                                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_NEXT_START] =
    g_param_spec_boxed ("next-start", NULL, NULL,
                        G_TYPE_DATE_TIME,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
carport_climate_init (CarportClimate *self)
{
  self->outside_c = NAN;
  self->inside_c = NAN;
  self->soc_threshold_percent = NAN;
  self->target_c = NAN;
}
