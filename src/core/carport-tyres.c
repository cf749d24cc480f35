/* carport-tyres.c — Tyre pressures in bar (endpoint pressure).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "carport-core"

#include "config.h"

#include <math.h>

#include "carport-tyres.h"
#include "carport-core-enum-types.h"

struct _CarportTyres
{
  CarportState parent_instance;

  double       front_left_bar;
  double       front_right_bar;
  double       rear_left_bar;
  double       rear_right_bar;
  CarportTyreStatus status[CARPORT_N_TYRES];
};

G_DEFINE_FINAL_TYPE (CarportTyres, carport_tyres, CARPORT_TYPE_STATE)

enum {
  PROP_0,
  PROP_FRONT_LEFT_BAR,
  PROP_FRONT_RIGHT_BAR,
  PROP_REAR_LEFT_BAR,
  PROP_REAR_RIGHT_BAR,
  PROP_FRONT_LEFT_STATUS,
  PROP_FRONT_RIGHT_STATUS,
  PROP_REAR_LEFT_STATUS,
  PROP_REAR_RIGHT_STATUS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

double
carport_tyres_get_front_left_bar (CarportTyres *self)
{
  g_return_val_if_fail (CARPORT_IS_TYRES (self), NAN);

  return self->front_left_bar;
}

void
carport_tyres_set_front_left_bar (CarportTyres *self,
                                  double        value)
{
  g_return_if_fail (CARPORT_IS_TYRES (self));

  if (self->front_left_bar == value || (isnan (self->front_left_bar) && isnan (value)))
    return;

  self->front_left_bar = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRONT_LEFT_BAR]);
}

double
carport_tyres_get_front_right_bar (CarportTyres *self)
{
  g_return_val_if_fail (CARPORT_IS_TYRES (self), NAN);

  return self->front_right_bar;
}

void
carport_tyres_set_front_right_bar (CarportTyres *self,
                                   double        value)
{
  g_return_if_fail (CARPORT_IS_TYRES (self));

  if (self->front_right_bar == value || (isnan (self->front_right_bar) && isnan (value)))
    return;

  self->front_right_bar = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRONT_RIGHT_BAR]);
}

double
carport_tyres_get_rear_left_bar (CarportTyres *self)
{
  g_return_val_if_fail (CARPORT_IS_TYRES (self), NAN);

  return self->rear_left_bar;
}

void
carport_tyres_set_rear_left_bar (CarportTyres *self,
                                 double        value)
{
  g_return_if_fail (CARPORT_IS_TYRES (self));

  if (self->rear_left_bar == value || (isnan (self->rear_left_bar) && isnan (value)))
    return;

  self->rear_left_bar = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REAR_LEFT_BAR]);
}

double
carport_tyres_get_rear_right_bar (CarportTyres *self)
{
  g_return_val_if_fail (CARPORT_IS_TYRES (self), NAN);

  return self->rear_right_bar;
}

void
carport_tyres_set_rear_right_bar (CarportTyres *self,
                                  double        value)
{
  g_return_if_fail (CARPORT_IS_TYRES (self));

  if (self->rear_right_bar == value || (isnan (self->rear_right_bar) && isnan (value)))
    return;

  self->rear_right_bar = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REAR_RIGHT_BAR]);
}

CarportTyreStatus
carport_tyres_get_status (CarportTyres *self,
                          CarportTyre   tyre)
{
  g_return_val_if_fail (CARPORT_IS_TYRES (self), CARPORT_TYRE_STATUS_NONE);
  g_return_val_if_fail ((guint) tyre < CARPORT_N_TYRES, CARPORT_TYRE_STATUS_NONE);

  return self->status[tyre];
}

void
carport_tyres_set_status (CarportTyres      *self,
                          CarportTyre        tyre,
                          CarportTyreStatus  value)
{
  g_return_if_fail (CARPORT_IS_TYRES (self));
  g_return_if_fail ((guint) tyre < CARPORT_N_TYRES);

  if (self->status[tyre] == value)
    return;

  self->status[tyre] = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRONT_LEFT_STATUS + tyre]);
}

CarportTyres *
carport_tyres_new (void)
{
  return g_object_new (CARPORT_TYPE_TYRES, NULL);
}

static void
carport_tyres_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  CarportTyres *self = CARPORT_TYRES (object);

  switch (prop_id)
    {
    case PROP_FRONT_LEFT_BAR:
      g_value_set_double (value, self->front_left_bar);
      break;

    case PROP_FRONT_RIGHT_BAR:
      g_value_set_double (value, self->front_right_bar);
      break;

    case PROP_REAR_LEFT_BAR:
      g_value_set_double (value, self->rear_left_bar);
      break;

    case PROP_REAR_RIGHT_BAR:
      g_value_set_double (value, self->rear_right_bar);
      break;

    case PROP_FRONT_LEFT_STATUS:
    case PROP_FRONT_RIGHT_STATUS:
    case PROP_REAR_LEFT_STATUS:
    case PROP_REAR_RIGHT_STATUS:
      g_value_set_enum (value, self->status[prop_id - PROP_FRONT_LEFT_STATUS]);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carport_tyres_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  CarportTyres *self = CARPORT_TYRES (object);

  switch (prop_id)
    {
    case PROP_FRONT_LEFT_BAR:
      carport_tyres_set_front_left_bar (self, g_value_get_double (value));
      break;

    case PROP_FRONT_RIGHT_BAR:
      carport_tyres_set_front_right_bar (self, g_value_get_double (value));
      break;

    case PROP_REAR_LEFT_BAR:
      carport_tyres_set_rear_left_bar (self, g_value_get_double (value));
      break;

    case PROP_REAR_RIGHT_BAR:
      carport_tyres_set_rear_right_bar (self, g_value_get_double (value));
      break;

    case PROP_FRONT_LEFT_STATUS:
    case PROP_FRONT_RIGHT_STATUS:
    case PROP_REAR_LEFT_STATUS:
    case PROP_REAR_RIGHT_STATUS:
      carport_tyres_set_status (self, prop_id - PROP_FRONT_LEFT_STATUS, g_value_get_enum (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carport_tyres_class_init (CarportTyresClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = carport_tyres_get_property;
  object_class->set_property = carport_tyres_set_property;

  properties[PROP_FRONT_LEFT_BAR] =
    carport_param_spec_unknown_double ("front-left-bar",
                                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_FRONT_RIGHT_BAR] =
    carport_param_spec_unknown_double ("front-right-bar",
                                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_REAR_LEFT_BAR] =
    carport_param_spec_unknown_double ("rear-left-bar",
                                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_REAR_RIGHT_BAR] =
    carport_param_spec_unknown_double ("rear-right-bar",
                                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  for (CarportTyre tyre = 0; tyre < CARPORT_N_TYRES; tyre++)
    {
      static const char * const names[CARPORT_N_TYRES] = {
        "front-left-status", "front-right-status", "rear-left-status", "rear-right-status",
      };

      properties[PROP_FRONT_LEFT_STATUS + tyre] =
        g_param_spec_enum (names[tyre], NULL, NULL,
                           CARPORT_TYPE_TYRE_STATUS, CARPORT_TYRE_STATUS_NONE,
                           (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
    }

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
carport_tyres_init (CarportTyres *self)
{
  self->front_left_bar = NAN;
  self->front_right_bar = NAN;
  self->rear_left_bar = NAN;
  self->rear_right_bar = NAN;
}
