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
  CarportVehicle         *vehicle;
  CarportDistanceUnit     distance_unit;
  CarportTemperatureUnit  temperature_unit;
  char                   *endpoints;      /* as set: nicks */
  guint                   endpoint_mask;
} CarportStatusCardPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (CarportStatusCard, carport_status_card, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_VEHICLE,
  PROP_DISTANCE_UNIT,
  PROP_TEMPERATURE_UNIT,
  PROP_ENDPOINTS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_visible (CarportStatusCard *self)
{
  CarportStatusCardPrivate *priv = carport_status_card_get_instance_private (self);

  gtk_widget_set_visible (GTK_WIDGET (self),
                          priv->vehicle != NULL &&
                          (carport_vehicle_get_readable_endpoints (priv->vehicle) & priv->endpoint_mask) != 0);
}

/* Some of the car's endpoints failed in the last refresh, others did not:
 * the frame says which of this card's could not be read, and why (each
 * reason once). When all failed, the page's banner says it once for all. */
static void
update_problem (CarportStatusCard *self)
{
  CarportStatusCardPrivate *priv = carport_status_card_get_instance_private (self);
  GtkWidget *frame = adw_bin_get_child (ADW_BIN (self));
  g_autoptr(GPtrArray) reasons = g_ptr_array_new ();
  g_autofree char *problem = NULL;

  if (!CARPORT_IS_CARD (frame))
    return;

  if (priv->vehicle && carport_vehicle_get_last_error (priv->vehicle) == NULL)
    {
      guint mask = priv->endpoint_mask & carport_vehicle_get_readable_endpoints (priv->vehicle);

      for (guint e = 0; e < CARPORT_N_ENDPOINTS; e++)
        {
          const char *error = (mask & (1u << e)) ? carport_vehicle_get_endpoint_error (priv->vehicle, e) : NULL;

          if (error && !g_ptr_array_find_with_equal_func (reasons, error, g_str_equal, NULL))
            g_ptr_array_add (reasons, (gpointer) error);
        }
    }

  if (reasons->len > 0)
    {
      g_ptr_array_add (reasons, NULL);
      problem = g_strjoinv ("\n", (char **) reasons->pdata);
    }
  carport_card_set_problem (CARPORT_CARD (frame), problem);
}

static void
update_from_vehicle (CarportStatusCard *self)
{
  update_visible (self);
  update_problem (self);
}

static void
carport_status_card_dispose (GObject *object)
{
  CarportStatusCard *self = CARPORT_STATUS_CARD (object);
  CarportStatusCardPrivate *priv = carport_status_card_get_instance_private (self);

  gtk_widget_dispose_template (GTK_WIDGET (self), G_OBJECT_TYPE (self));
  if (priv->vehicle)
    g_signal_handlers_disconnect_by_func (priv->vehicle, update_from_vehicle, self);
  g_clear_object (&priv->vehicle);

  G_OBJECT_CLASS (carport_status_card_parent_class)->dispose (object);
}

static void
carport_status_card_finalize (GObject *object)
{
  CarportStatusCard *self = CARPORT_STATUS_CARD (object);
  CarportStatusCardPrivate *priv = carport_status_card_get_instance_private (self);

  g_clear_pointer (&priv->endpoints, g_free);

  G_OBJECT_CLASS (carport_status_card_parent_class)->finalize (object);
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
    case PROP_ENDPOINTS:
      g_value_set_string (value, priv->endpoints);
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
    case PROP_ENDPOINTS:
      carport_status_card_set_endpoints (self, g_value_get_string (value));
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
  object_class->finalize = carport_status_card_finalize;
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
  properties[PROP_ENDPOINTS] =
    g_param_spec_string ("endpoints", NULL, NULL, NULL,
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
    g_signal_handlers_disconnect_by_func (old_vehicle, update_from_vehicle, self);
  g_set_object (&priv->vehicle, vehicle);
  if (vehicle)
    {
      g_signal_connect_swapped (vehicle, "notify::readable-endpoints", G_CALLBACK (update_from_vehicle), self);
      g_signal_connect_swapped (vehicle, "notify::last-error", G_CALLBACK (update_from_vehicle), self);
      g_signal_connect_swapped (vehicle, "endpoint-error-changed", G_CALLBACK (update_from_vehicle), self);
    }
  update_from_vehicle (self);
  if (klass->vehicle_changed)
    klass->vehicle_changed (self, old_vehicle);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VEHICLE]);
}

const char *
carport_status_card_get_endpoints (CarportStatusCard *self)
{
  CarportStatusCardPrivate *priv;

  g_return_val_if_fail (CARPORT_IS_STATUS_CARD (self), NULL);

  priv = carport_status_card_get_instance_private (self);
  return priv->endpoints;
}

void
carport_status_card_set_endpoints (CarportStatusCard *self, const char *endpoints)
{
  CarportStatusCardPrivate *priv;
  g_auto(GStrv) nicks = NULL;
  guint mask = 0;

  g_return_if_fail (CARPORT_IS_STATUS_CARD (self));

  priv = carport_status_card_get_instance_private (self);
  if (g_strcmp0 (priv->endpoints, endpoints) == 0)
    return;

  nicks = g_strsplit_set (endpoints ? endpoints : "", " \t\n", -1);
  for (guint i = 0; nicks[i] != NULL; i++)
    {
      int endpoint;

      if (*nicks[i] == '\0')
        continue;
      endpoint = carport_enum_from_nick (CARPORT_TYPE_ENDPOINT, nicks[i], -1);
      g_return_if_fail (endpoint >= 0);
      mask |= 1u << endpoint;
    }

  g_free (priv->endpoints);
  priv->endpoints = g_strdup (endpoints);
  priv->endpoint_mask = mask;
  update_from_vehicle (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENDPOINTS]);
}

guint
carport_status_card_get_endpoint_mask (CarportStatusCard *self)
{
  CarportStatusCardPrivate *priv;

  g_return_val_if_fail (CARPORT_IS_STATUS_CARD (self), 0);

  priv = carport_status_card_get_instance_private (self);
  return priv->endpoint_mask;
}
