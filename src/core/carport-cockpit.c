/* carport-cockpit.c — Odometer and fuel (endpoint cockpit).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "carport-core"

#include "config.h"

#include <math.h>

#include "carport-cockpit.h"
#include "carport-core-enum-types.h"

struct _CarportCockpit
{
  CarportState parent_instance;

  double       mileage_km;
  double       fuel_range_km;
  double       fuel_litres;
};

G_DEFINE_FINAL_TYPE (CarportCockpit, carport_cockpit, CARPORT_TYPE_STATE)

enum {
  PROP_0,
  PROP_MILEAGE_KM,
  PROP_FUEL_RANGE_KM,
  PROP_FUEL_LITRES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

double
carport_cockpit_get_mileage_km (CarportCockpit *self)
{
  g_return_val_if_fail (CARPORT_IS_COCKPIT (self), NAN);

  return self->mileage_km;
}

void
carport_cockpit_set_mileage_km (CarportCockpit *self,
                                double          value)
{
  g_return_if_fail (CARPORT_IS_COCKPIT (self));

  if (self->mileage_km == value || (isnan (self->mileage_km) && isnan (value)))
    return;

  self->mileage_km = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MILEAGE_KM]);
}

double
carport_cockpit_get_fuel_range_km (CarportCockpit *self)
{
  g_return_val_if_fail (CARPORT_IS_COCKPIT (self), NAN);

  return self->fuel_range_km;
}

void
carport_cockpit_set_fuel_range_km (CarportCockpit *self,
                                   double          value)
{
  g_return_if_fail (CARPORT_IS_COCKPIT (self));

  if (self->fuel_range_km == value || (isnan (self->fuel_range_km) && isnan (value)))
    return;

  self->fuel_range_km = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FUEL_RANGE_KM]);
}

double
carport_cockpit_get_fuel_litres (CarportCockpit *self)
{
  g_return_val_if_fail (CARPORT_IS_COCKPIT (self), NAN);

  return self->fuel_litres;
}

void
carport_cockpit_set_fuel_litres (CarportCockpit *self,
                                 double          value)
{
  g_return_if_fail (CARPORT_IS_COCKPIT (self));

  if (self->fuel_litres == value || (isnan (self->fuel_litres) && isnan (value)))
    return;

  self->fuel_litres = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FUEL_LITRES]);
}

CarportCockpit *
carport_cockpit_new (void)
{
  return g_object_new (CARPORT_TYPE_COCKPIT, NULL);
}

static void
carport_cockpit_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CarportCockpit *self = CARPORT_COCKPIT (object);

  switch (prop_id)
    {
    case PROP_MILEAGE_KM:
      g_value_set_double (value, self->mileage_km);
      break;

    case PROP_FUEL_RANGE_KM:
      g_value_set_double (value, self->fuel_range_km);
      break;

    case PROP_FUEL_LITRES:
      g_value_set_double (value, self->fuel_litres);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carport_cockpit_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  CarportCockpit *self = CARPORT_COCKPIT (object);

  switch (prop_id)
    {
    case PROP_MILEAGE_KM:
      carport_cockpit_set_mileage_km (self, g_value_get_double (value));
      break;

    case PROP_FUEL_RANGE_KM:
      carport_cockpit_set_fuel_range_km (self, g_value_get_double (value));
      break;

    case PROP_FUEL_LITRES:
      carport_cockpit_set_fuel_litres (self, g_value_get_double (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carport_cockpit_class_init (CarportCockpitClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = carport_cockpit_get_property;
  object_class->set_property = carport_cockpit_set_property;

  properties[PROP_MILEAGE_KM] =
    carport_param_spec_unknown_double ("mileage-km",
                                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_FUEL_RANGE_KM] =
    carport_param_spec_unknown_double ("fuel-range-km",
                                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_FUEL_LITRES] =
    carport_param_spec_unknown_double ("fuel-litres",
                                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
carport_cockpit_init (CarportCockpit *self)
{
  self->mileage_km = NAN;
  self->fuel_range_km = NAN;
  self->fuel_litres = NAN;
}
