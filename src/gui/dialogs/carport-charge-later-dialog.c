/* carport-charge-later-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "carport-gui"

#include "config.h"

#include "carport-charge-later-dialog.h"
#include "carport-clock-chooser.h"

/* What the dialog offers first: in a few hours, when power is cheaper at night. */
#define START_IN_MINUTES 120

struct _CarportChargeLaterDialog
{
  AdwMessageDialog     parent_instance;

  /* Template widgets */
  CarportClockChooser *clock_chooser;
};

G_DEFINE_FINAL_TYPE (CarportChargeLaterDialog, carport_charge_later_dialog, ADW_TYPE_MESSAGE_DIALOG)

static void
carport_charge_later_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), CARPORT_TYPE_CHARGE_LATER_DIALOG);

  G_OBJECT_CLASS (carport_charge_later_dialog_parent_class)->dispose (object);
}

static void
carport_charge_later_dialog_class_init (CarportChargeLaterDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = carport_charge_later_dialog_dispose;

  g_type_ensure (CARPORT_TYPE_CLOCK_CHOOSER);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/carport/Carport/dialogs/carport-charge-later-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CarportChargeLaterDialog, clock_chooser);
}

static void
carport_charge_later_dialog_init (CarportChargeLaterDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  carport_clock_chooser_set_from_now (self->clock_chooser, START_IN_MINUTES);
}

GtkWidget *
carport_charge_later_dialog_new (GtkWindow *parent)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  return g_object_new (CARPORT_TYPE_CHARGE_LATER_DIALOG,
                       "transient-for", parent,
                       "modal", TRUE,
                       NULL);
}

GDateTime *
carport_charge_later_dialog_dup_start_at (CarportChargeLaterDialog *self)
{
  g_return_val_if_fail (CARPORT_IS_CHARGE_LATER_DIALOG (self), NULL);

  return carport_clock_chooser_dup_next (self->clock_chooser);
}
