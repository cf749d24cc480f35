/* carport-charge-limits-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "carport-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "carport-charge-limits-dialog.h"

/* What the dialog offers when the car has not told its levels. */
#define DEFAULT_MIN_PERCENT    20
#define DEFAULT_TARGET_PERCENT 80

struct _CarportChargeLimitsDialog
{
  AdwMessageDialog  parent_instance;

  /* Template widgets */
  AdwActionRow     *min_row;
  AdwActionRow     *target_row;
  GtkSpinButton    *min_spin;
  GtkSpinButton    *target_spin;
  GtkAdjustment    *min_adjustment;
  GtkAdjustment    *target_adjustment;

  /* Owned */
  CarportVehicle   *vehicle;
  CarportSocRange   range;
};

G_DEFINE_FINAL_TYPE (CarportChargeLimitsDialog, carport_charge_limits_dialog, ADW_TYPE_MESSAGE_DIALOG)

enum {
  PROP_0,
  PROP_VEHICLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* @level on the car's steps, from @lower to @upper; @fallback when unknown. */
static int
snap (int level, int fallback, int lower, int upper, int step)
{
  if (level < 0)
    level = fallback;
  level = ((level + step / 2) / step) * step;
  return CLAMP (level, lower, upper);
}

/* One level's row: its bounds (in its subtitle too) and its first value. */
static void
configure_level (AdwActionRow  *row,
                 GtkSpinButton *spin,
                 GtkAdjustment *adjustment,
                 int            level,
                 int            lower,
                 int            upper,
                 int            step)
{
  /* Translators: the levels a car takes, e.g. "15–45 %"; change the
   * spacing to your language's habit, as for a percentage */
  g_autofree char *bounds = g_strdup_printf (_("%d–%d %%"), lower, upper);

  gtk_adjustment_configure (adjustment, level, lower, upper, step, step * 2, 0);
  adw_action_row_set_subtitle (row, bounds);
  /* Enter in the field saves, as anywhere else in the dialog (GTK 4.8's
   * spin buttons have no activates-default of their own). */
  g_object_set (gtk_editable_get_delegate (GTK_EDITABLE (spin)), "activates-default", TRUE, NULL);
}

static void
carport_charge_limits_dialog_constructed (GObject *object)
{
  CarportChargeLimitsDialog *self = CARPORT_CHARGE_LIMITS_DIALOG (object);
  CarportChargeSettings *settings = carport_vehicle_get_charge_settings (self->vehicle);
  const CarportSocRange *r = &self->range;

  G_OBJECT_CLASS (carport_charge_limits_dialog_parent_class)->constructed (object);

  carport_capabilities_get_soc_range (carport_vehicle_get_capabilities (self->vehicle), &self->range);
  configure_level (self->min_row, self->min_spin, self->min_adjustment,
                   snap (carport_charge_settings_get_soc_min_percent (settings), DEFAULT_MIN_PERCENT,
                         r->min_lower, r->min_upper, r->step),
                   r->min_lower, r->min_upper, r->step);
  configure_level (self->target_row, self->target_spin, self->target_adjustment,
                   snap (carport_charge_settings_get_soc_target_percent (settings), DEFAULT_TARGET_PERCENT,
                         r->target_lower, r->target_upper, r->step),
                   r->target_lower, r->target_upper, r->step);
}

static void
carport_charge_limits_dialog_dispose (GObject *object)
{
  CarportChargeLimitsDialog *self = CARPORT_CHARGE_LIMITS_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CARPORT_TYPE_CHARGE_LIMITS_DIALOG);
  g_clear_object (&self->vehicle);

  G_OBJECT_CLASS (carport_charge_limits_dialog_parent_class)->dispose (object);
}

static void
carport_charge_limits_dialog_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  CarportChargeLimitsDialog *self = CARPORT_CHARGE_LIMITS_DIALOG (object);

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
carport_charge_limits_dialog_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  CarportChargeLimitsDialog *self = CARPORT_CHARGE_LIMITS_DIALOG (object);

  switch (prop_id)
    {
    case PROP_VEHICLE:
      g_set_object (&self->vehicle, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carport_charge_limits_dialog_class_init (CarportChargeLimitsDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = carport_charge_limits_dialog_constructed;
  object_class->dispose = carport_charge_limits_dialog_dispose;
  object_class->get_property = carport_charge_limits_dialog_get_property;
  object_class->set_property = carport_charge_limits_dialog_set_property;

  properties[PROP_VEHICLE] =
    g_param_spec_object ("vehicle", NULL, NULL, CARPORT_TYPE_VEHICLE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/carport/Carport/dialogs/carport-charge-limits-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CarportChargeLimitsDialog, min_row);
  gtk_widget_class_bind_template_child (widget_class, CarportChargeLimitsDialog, target_row);
  gtk_widget_class_bind_template_child (widget_class, CarportChargeLimitsDialog, min_spin);
  gtk_widget_class_bind_template_child (widget_class, CarportChargeLimitsDialog, target_spin);
  gtk_widget_class_bind_template_child (widget_class, CarportChargeLimitsDialog, min_adjustment);
  gtk_widget_class_bind_template_child (widget_class, CarportChargeLimitsDialog, target_adjustment);
}

static void
carport_charge_limits_dialog_init (CarportChargeLimitsDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
carport_charge_limits_dialog_new (GtkWindow      *parent,
                                  CarportVehicle *vehicle)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (CARPORT_IS_VEHICLE (vehicle), NULL);

  return g_object_new (CARPORT_TYPE_CHARGE_LIMITS_DIALOG,
                       "transient-for", parent,
                       "modal", TRUE,
                       "vehicle", vehicle,
                       NULL);
}

/* What was typed counts, even without leaving the field; on the steps. */
static int
chosen_level (GtkSpinButton *spin, int lower, int upper, int step)
{
  gtk_spin_button_update (spin);
  return snap (gtk_spin_button_get_value_as_int (spin), lower, lower, upper, step);
}

int
carport_charge_limits_dialog_get_min (CarportChargeLimitsDialog *self)
{
  g_return_val_if_fail (CARPORT_IS_CHARGE_LIMITS_DIALOG (self), -1);

  return chosen_level (self->min_spin, self->range.min_lower, self->range.min_upper, self->range.step);
}

int
carport_charge_limits_dialog_get_target (CarportChargeLimitsDialog *self)
{
  g_return_val_if_fail (CARPORT_IS_CHARGE_LIMITS_DIALOG (self), -1);

  return chosen_level (self->target_spin, self->range.target_lower, self->range.target_upper, self->range.step);
}

void
carport_charge_limits_dialog_apply (CarportChargeLimitsDialog *self,
                                    CarportCommand            *command)
{
  g_return_if_fail (CARPORT_IS_CHARGE_LIMITS_DIALOG (self));
  g_return_if_fail (CARPORT_IS_COMMAND (command));

  carport_command_set_soc_min_percent (command, carport_charge_limits_dialog_get_min (self));
  carport_command_set_soc_target_percent (command, carport_charge_limits_dialog_get_target (self));
}
