/* carport-status-card.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "carport-gui"

#include "config.h"

#include "carport-card.h"
#include "carport-units.h"
#include "carport-status-card.h"

typedef struct
{
  /* Owned */
  CarportVehicle *vehicle;
  CarportDistanceUnit distance_unit;
  CarportTemperatureUnit temperature_unit;
} CarportStatusCardPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (CarportStatusCard, carport_status_card, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_VEHICLE,
  PROP_DISTANCE_UNIT,
  PROP_TEMPERATURE_UNIT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_visible (CarportStatusCard *self)
{
  CarportStatusCardPrivate *priv = carport_status_card_get_instance_private (self);
  guint endpoints = CARPORT_STATUS_CARD_GET_CLASS (self)->endpoints;

  gtk_widget_set_visible (GTK_WIDGET (self),
                          priv->vehicle != NULL &&
                          (carport_vehicle_get_readable_endpoints (priv->vehicle) & endpoints) != 0);
}

static void
carport_status_card_dispose (GObject *object)
{
  CarportStatusCard *self = CARPORT_STATUS_CARD (object);
  CarportStatusCardPrivate *priv = carport_status_card_get_instance_private (self);

  gtk_widget_dispose_template (GTK_WIDGET (self), G_OBJECT_TYPE (self));
  if (priv->vehicle)
    g_signal_handlers_disconnect_by_func (priv->vehicle, update_visible, self);
  g_clear_object (&priv->vehicle);

  G_OBJECT_CLASS (carport_status_card_parent_class)->dispose (object);
}

static void
carport_status_card_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  CarportStatusCard *self = CARPORT_STATUS_CARD (object);
  CarportStatusCardPrivate *priv = carport_status_card_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_VEHICLE:
      g_value_set_object (value, priv->vehicle);
      break;
    case PROP_DISTANCE_UNIT:
      g_value_set_enum (value, priv->distance_unit);
      break;
    case PROP_TEMPERATURE_UNIT:
      g_value_set_enum (value, priv->temperature_unit);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carport_status_card_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  CarportStatusCard *self = CARPORT_STATUS_CARD (object);
  CarportStatusCardPrivate *priv = carport_status_card_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_VEHICLE:
      carport_status_card_set_vehicle (self, g_value_get_object (value));
      break;
    case PROP_DISTANCE_UNIT:
      if (priv->distance_unit != (CarportDistanceUnit) g_value_get_enum (value))
        {
          priv->distance_unit = g_value_get_enum (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_TEMPERATURE_UNIT:
      if (priv->temperature_unit != (CarportTemperatureUnit) g_value_get_enum (value))
        {
          priv->temperature_unit = g_value_get_enum (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carport_status_card_class_init (CarportStatusCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = carport_status_card_dispose;
  object_class->get_property = carport_status_card_get_property;
  object_class->set_property = carport_status_card_set_property;

  properties[PROP_VEHICLE] =
    g_param_spec_object ("vehicle", NULL, NULL, CARPORT_TYPE_VEHICLE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DISTANCE_UNIT] =
    g_param_spec_enum ("distance-unit", NULL, NULL,
                       CARPORT_TYPE_GUI_DISTANCE_UNIT, CARPORT_DISTANCE_UNIT_KILOMETRES,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TEMPERATURE_UNIT] =
    g_param_spec_enum ("temperature-unit", NULL, NULL,
                       CARPORT_TYPE_GUI_TEMPERATURE_UNIT, CARPORT_TEMPERATURE_UNIT_CELSIUS,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (CARPORT_TYPE_CARD);
  g_type_ensure (CARPORT_TYPE_VEHICLE);
}

static void
carport_status_card_init (CarportStatusCard *self)
{
}

CarportVehicle *
carport_status_card_get_vehicle (CarportStatusCard *self)
{
  CarportStatusCardPrivate *priv;

  g_return_val_if_fail (CARPORT_IS_STATUS_CARD (self), NULL);

  priv = carport_status_card_get_instance_private (self);
  return priv->vehicle;
}

void
carport_status_card_set_vehicle (CarportStatusCard *self, CarportVehicle *vehicle)
{
  CarportStatusCardPrivate *priv;
  CarportStatusCardClass *klass;
  g_autoptr(CarportVehicle) old_vehicle = NULL;

  g_return_if_fail (CARPORT_IS_STATUS_CARD (self));
  g_return_if_fail (vehicle == NULL || CARPORT_IS_VEHICLE (vehicle));

  priv = carport_status_card_get_instance_private (self);
  klass = CARPORT_STATUS_CARD_GET_CLASS (self);

  if (priv->vehicle == vehicle)
    return;

  old_vehicle = g_steal_pointer (&priv->vehicle);
  if (old_vehicle)
    g_signal_handlers_disconnect_by_func (old_vehicle, update_visible, self);
  g_set_object (&priv->vehicle, vehicle);
  if (vehicle)
    g_signal_connect_swapped (vehicle, "notify::readable-endpoints", G_CALLBACK (update_visible), self);
  update_visible (self);
  if (klass->vehicle_changed)
    klass->vehicle_changed (self, old_vehicle);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VEHICLE]);
}
