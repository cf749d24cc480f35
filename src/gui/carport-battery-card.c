/* carport-battery-card.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "carport-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "carport-card.h"
#include "carport-closures.h"
#include "carport-units.h"
#include "carport-battery-card.h"

struct _CarportBatteryCard
{
  AdwBin          parent_instance;

  /* Owned */
  CarportVehicle *vehicle;
  CarportDistanceUnit distance_unit;
  CarportTemperatureUnit temperature_unit;
};

G_DEFINE_FINAL_TYPE (CarportBatteryCard, carport_battery_card, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_VEHICLE,
  PROP_DISTANCE_UNIT,
  PROP_TEMPERATURE_UNIT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The endpoints this card shows; hidden when the car offers none of them. */
#define CARD_ENDPOINTS ((1u << CARPORT_ENDPOINT_BATTERY_STATUS))

static void
update_visible (CarportBatteryCard *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self),
                          self->vehicle != NULL &&
                          (carport_vehicle_get_supported_endpoints (self->vehicle) & CARD_ENDPOINTS) != 0);
}


static void
carport_battery_card_dispose (GObject *object)
{
  CarportBatteryCard *self = CARPORT_BATTERY_CARD (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CARPORT_TYPE_BATTERY_CARD);
  if (self->vehicle)
    g_signal_handlers_disconnect_by_func (self->vehicle, update_visible, self);
  g_clear_object (&self->vehicle);

  G_OBJECT_CLASS (carport_battery_card_parent_class)->dispose (object);
}

static void
carport_battery_card_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  CarportBatteryCard *self = CARPORT_BATTERY_CARD (object);

  switch (prop_id)
    {
    case PROP_VEHICLE:
      g_value_set_object (value, self->vehicle);
      break;
    case PROP_DISTANCE_UNIT:
      g_value_set_enum (value, self->distance_unit);
      break;
    case PROP_TEMPERATURE_UNIT:
      g_value_set_enum (value, self->temperature_unit);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carport_battery_card_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  CarportBatteryCard *self = CARPORT_BATTERY_CARD (object);

  switch (prop_id)
    {
    case PROP_VEHICLE:
      carport_battery_card_set_vehicle (self, g_value_get_object (value));
      break;
    case PROP_DISTANCE_UNIT:
      if (self->distance_unit != (CarportDistanceUnit) g_value_get_enum (value))
        {
          self->distance_unit = g_value_get_enum (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_TEMPERATURE_UNIT:
      if (self->temperature_unit != (CarportTemperatureUnit) g_value_get_enum (value))
        {
          self->temperature_unit = g_value_get_enum (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carport_battery_card_class_init (CarportBatteryCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = carport_battery_card_dispose;
  object_class->get_property = carport_battery_card_get_property;
  object_class->set_property = carport_battery_card_set_property;

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

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/carport/Carport/carport-battery-card.ui");
  carport_closures_bind (widget_class);
}

static void
carport_battery_card_init (CarportBatteryCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
carport_battery_card_new (void)
{
  return g_object_new (CARPORT_TYPE_BATTERY_CARD, NULL);
}

CarportVehicle *
carport_battery_card_get_vehicle (CarportBatteryCard *self)
{
  g_return_val_if_fail (CARPORT_IS_BATTERY_CARD (self), NULL);
  return self->vehicle;
}

void
carport_battery_card_set_vehicle (CarportBatteryCard *self, CarportVehicle *vehicle)
{
  g_return_if_fail (CARPORT_IS_BATTERY_CARD (self));
  g_return_if_fail (vehicle == NULL || CARPORT_IS_VEHICLE (vehicle));

  if (self->vehicle == vehicle)
    return;

  if (self->vehicle)
    g_signal_handlers_disconnect_by_func (self->vehicle, update_visible, self);
  g_set_object (&self->vehicle, vehicle);
  if (vehicle)
    g_signal_connect_swapped (vehicle, "notify::supported-endpoints", G_CALLBACK (update_visible), self);
  update_visible (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VEHICLE]);
}
