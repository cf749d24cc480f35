/* carport-vehicle-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "carport-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "carport-closures.h"
#include "carport-vehicle-picture.h"
#include "carport-vehicle-row.h"

struct _CarportVehicleRow
{
  GtkListBoxRow   parent_instance;

  /* Owned */
  CarportVehicle *vehicle;
};

G_DEFINE_FINAL_TYPE (CarportVehicleRow, carport_vehicle_row, GTK_TYPE_LIST_BOX_ROW)

enum {
  PROP_0,
  PROP_VEHICLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
format_row_level (gpointer unused, int percent, guint endpoints)
{
  if ((endpoints & (1u << CARPORT_ENDPOINT_BATTERY_STATUS)) == 0 || percent < 0)
    return g_strdup ("");
  return carport_format_percent (percent);
}

static void
carport_vehicle_row_dispose (GObject *object)
{
  CarportVehicleRow *self = CARPORT_VEHICLE_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CARPORT_TYPE_VEHICLE_ROW);
  g_clear_object (&self->vehicle);

  G_OBJECT_CLASS (carport_vehicle_row_parent_class)->dispose (object);
}

static void
carport_vehicle_row_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  CarportVehicleRow *self = CARPORT_VEHICLE_ROW (object);

  switch (prop_id)
    {
    case PROP_VEHICLE:
      g_value_set_object (value, self->vehicle);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carport_vehicle_row_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  CarportVehicleRow *self = CARPORT_VEHICLE_ROW (object);

  switch (prop_id)
    {
    case PROP_VEHICLE:
      self->vehicle = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carport_vehicle_row_class_init (CarportVehicleRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = carport_vehicle_row_dispose;
  object_class->get_property = carport_vehicle_row_get_property;
  object_class->set_property = carport_vehicle_row_set_property;

  properties[PROP_VEHICLE] =
    g_param_spec_object ("vehicle", NULL, NULL, CARPORT_TYPE_VEHICLE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (CARPORT_TYPE_VEHICLE_PICTURE);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/carport/Carport/widgets/carport-vehicle-row.ui");
  carport_closures_bind (widget_class);
  gtk_widget_class_bind_template_callback (widget_class, format_row_level);
}

static void
carport_vehicle_row_init (CarportVehicleRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
carport_vehicle_row_new (CarportVehicle *vehicle)
{
  g_return_val_if_fail (CARPORT_IS_VEHICLE (vehicle), NULL);

  return g_object_new (CARPORT_TYPE_VEHICLE_ROW, "vehicle", vehicle, NULL);
}

CarportVehicle *
carport_vehicle_row_get_vehicle (CarportVehicleRow *self)
{
  g_return_val_if_fail (CARPORT_IS_VEHICLE_ROW (self), NULL);
  return self->vehicle;
}
