/* carport-climate-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "carport-gui"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "carport-climate-dialog.h"
#include "carport-clock-chooser.h"
#include "carport-units.h"

/* What the dialog offers before the user chooses. */
#define DEFAULT_CELSIUS    21.0
#define DEFAULT_FAHRENHEIT 70.0
#define READY_IN_MINUTES   30

struct _CarportClimateDialog
{
  AdwMessageDialog        parent_instance;

  /* Template widgets */
  GtkSpinButton          *temperature_spin;
  GtkAdjustment          *temperature_adjustment;
  GtkSwitch              *ready_switch;
  CarportClockChooser    *clock_chooser;

  /* Owned */
  CarportVehicle         *vehicle;
  CarportTemperatureUnit  unit;
  CarportClimateRange     range;  /* the car's, in °C */
};

G_DEFINE_FINAL_TYPE (CarportClimateDialog, carport_climate_dialog, ADW_TYPE_MESSAGE_DIALOG)

enum {
  PROP_0,
  PROP_VEHICLE,
  PROP_TEMPERATURE_UNIT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
fahrenheit (CarportClimateDialog *self)
{
  return self->unit == CARPORT_TEMPERATURE_UNIT_FAHRENHEIT;
}

/* What the car takes; in °F, the whole degrees inside its range. */
static void
sync_range (CarportClimateDialog *self)
{
  double lower, upper, step, value;

  if (self->vehicle)
    carport_capabilities_get_climate_range (carport_vehicle_get_capabilities (self->vehicle), &self->range);
  else
    self->range = CARPORT_CLIMATE_RANGE_DEFAULT;

  if (fahrenheit (self))
    {
      lower = ceil (self->range.min_c * 9.0 / 5.0 + 32.0);
      upper = floor (self->range.max_c * 9.0 / 5.0 + 32.0);
      step = 1.0;
      value = DEFAULT_FAHRENHEIT;
    }
  else
    {
      lower = self->range.min_c;
      upper = self->range.max_c;
      step = self->range.step_c;
      value = DEFAULT_CELSIUS;
    }

  gtk_adjustment_configure (self->temperature_adjustment, CLAMP (value, lower, upper),
                            lower, upper, step, step * 2, 0);
  gtk_spin_button_set_digits (self->temperature_spin, step < 1.0 ? 1 : 0);

  /* The bounds offered, in the user's unit (back from °F to °C and again:
   * whole degrees stay whole), in the text above, which has the width. */
  {
    g_autofree char *from = carport_format_temperature (fahrenheit (self) ? (lower - 32.0) * 5.0 / 9.0 : lower, self->unit);
    g_autofree char *to = carport_format_temperature (fahrenheit (self) ? (upper - 32.0) * 5.0 / 9.0 : upper, self->unit);
    /* Translators: the dialog's text; the temperatures the car takes, e.g. "15 °C" and "25 °C" */
    g_autofree char *body = g_strdup_printf (_("The car heats or cools the cabin to the temperature you choose, from %s to %s."),
                                             from, to);

    adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self), body);
  }
}

/* Enter in the temperature field starts, as it does anywhere else in the
 * dialog (GTK 4.8's spin buttons have no activates-default of their own). */
static void
activate_default_on_enter (GtkSpinButton *spin)
{
  g_object_set (gtk_editable_get_delegate (GTK_EDITABLE (spin)), "activates-default", TRUE, NULL);
}

static void
carport_climate_dialog_constructed (GObject *object)
{
  CarportClimateDialog *self = CARPORT_CLIMATE_DIALOG (object);

  G_OBJECT_CLASS (carport_climate_dialog_parent_class)->constructed (object);

  sync_range (self);
}

static void
carport_climate_dialog_dispose (GObject *object)
{
  CarportClimateDialog *self = CARPORT_CLIMATE_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CARPORT_TYPE_CLIMATE_DIALOG);
  g_clear_object (&self->vehicle);

  G_OBJECT_CLASS (carport_climate_dialog_parent_class)->dispose (object);
}

static void
carport_climate_dialog_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  CarportClimateDialog *self = CARPORT_CLIMATE_DIALOG (object);

  switch (prop_id)
    {
    case PROP_VEHICLE:
      g_value_set_object (value, self->vehicle);
      break;
    case PROP_TEMPERATURE_UNIT:
      g_value_set_enum (value, self->unit);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carport_climate_dialog_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  CarportClimateDialog *self = CARPORT_CLIMATE_DIALOG (object);

  switch (prop_id)
    {
    case PROP_VEHICLE:
      g_set_object (&self->vehicle, g_value_get_object (value));
      break;
    case PROP_TEMPERATURE_UNIT:
      self->unit = g_value_get_enum (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carport_climate_dialog_class_init (CarportClimateDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = carport_climate_dialog_constructed;
  object_class->dispose = carport_climate_dialog_dispose;
  object_class->get_property = carport_climate_dialog_get_property;
  object_class->set_property = carport_climate_dialog_set_property;

  properties[PROP_VEHICLE] =
    g_param_spec_object ("vehicle", NULL, NULL, CARPORT_TYPE_VEHICLE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TEMPERATURE_UNIT] =
    g_param_spec_enum ("temperature-unit", NULL, NULL,
                       CARPORT_TYPE_GUI_TEMPERATURE_UNIT, CARPORT_TEMPERATURE_UNIT_CELSIUS,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/carport/Carport/dialogs/carport-climate-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CarportClimateDialog, temperature_spin);
  gtk_widget_class_bind_template_child (widget_class, CarportClimateDialog, temperature_adjustment);
  gtk_widget_class_bind_template_child (widget_class, CarportClimateDialog, ready_switch);
  gtk_widget_class_bind_template_child (widget_class, CarportClimateDialog, clock_chooser);
}

static void
carport_climate_dialog_init (CarportClimateDialog *self)
{
  g_type_ensure (CARPORT_TYPE_CLOCK_CHOOSER);
  gtk_widget_init_template (GTK_WIDGET (self));

  carport_clock_chooser_set_from_now (self->clock_chooser, READY_IN_MINUTES);
  activate_default_on_enter (self->temperature_spin);
}

GtkWidget *
carport_climate_dialog_new (GtkWindow              *parent,
                            CarportVehicle         *vehicle,
                            CarportTemperatureUnit  unit)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (CARPORT_IS_VEHICLE (vehicle), NULL);

  return g_object_new (CARPORT_TYPE_CLIMATE_DIALOG,
                       "transient-for", parent,
                       "modal", TRUE,
                       "vehicle", vehicle,
                       "temperature-unit", unit,
                       NULL);
}

double
carport_climate_dialog_get_temperature_c (CarportClimateDialog *self)
{
  double temperature;

  g_return_val_if_fail (CARPORT_IS_CLIMATE_DIALOG (self), NAN);

  /* What was typed counts, even without leaving the field. */
  gtk_spin_button_update (self->temperature_spin);
  temperature = gtk_spin_button_get_value (self->temperature_spin);
  if (fahrenheit (self))
    temperature = (temperature - 32.0) * 5.0 / 9.0;
  /* On the car's steps, within its range. */
  temperature = self->range.min_c + round ((temperature - self->range.min_c) / self->range.step_c) * self->range.step_c;
  return CLAMP (temperature, self->range.min_c, self->range.max_c);
}

GDateTime *
carport_climate_dialog_dup_ready_at (CarportClimateDialog *self)
{
  g_return_val_if_fail (CARPORT_IS_CLIMATE_DIALOG (self), NULL);

  if (!gtk_switch_get_active (self->ready_switch))
    return NULL;
  return carport_clock_chooser_dup_next (self->clock_chooser);
}

void
carport_climate_dialog_apply (CarportClimateDialog *self,
                              CarportCommand       *command)
{
  g_autoptr(GDateTime) ready_at = NULL;

  g_return_if_fail (CARPORT_IS_CLIMATE_DIALOG (self));
  g_return_if_fail (CARPORT_IS_COMMAND (command));

  ready_at = carport_climate_dialog_dup_ready_at (self);
  carport_command_set_temperature_c (command, carport_climate_dialog_get_temperature_c (self));
  carport_command_set_start_at (command, ready_at);
}
