/* carport-charge-later-dialog.h — asks when a car that takes a start time is
 * to start charging (a time of day, in local time: the next such time).
 * Enter starts, Escape cancels; whoever opened it sends the command when the
 * "start" response comes. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CARPORT_TYPE_CHARGE_LATER_DIALOG (carport_charge_later_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CarportChargeLaterDialog, carport_charge_later_dialog, CARPORT, CHARGE_LATER_DIALOG, AdwMessageDialog)

/* Responses: "cancel", "start" (the default). */
GtkWidget *carport_charge_later_dialog_new          (GtkWindow *parent);
/* When the charge is to start: the next time chosen, in the future. */
GDateTime *carport_charge_later_dialog_dup_start_at (CarportChargeLaterDialog *self);

G_END_DECLS
