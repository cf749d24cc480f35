/* carport-charge-limits-dialog.h — asks for a car's charge limits: the
 * minimum level it keeps and the target at which it stops charging, each in
 * the car's bounds and steps (carport_capabilities_get_soc_range()). Enter
 * saves, Escape cancels. The dialog only asks; whoever opened it sends the
 * command when the "save" response comes (carport_charge_limits_dialog_apply()). */
#pragma once

#include <adwaita.h>

#include "carport-core.h"

G_BEGIN_DECLS

#define CARPORT_TYPE_CHARGE_LIMITS_DIALOG (carport_charge_limits_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CarportChargeLimitsDialog, carport_charge_limits_dialog, CARPORT, CHARGE_LIMITS_DIALOG, AdwMessageDialog)

/* Properties: vehicle (CarportVehicle, construct-only: its capabilities give
 * the bounds, its charge settings the levels offered first). Responses:
 * "cancel", "save" (the default). */
GtkWidget *carport_charge_limits_dialog_new        (GtkWindow                 *parent,
                                                    CarportVehicle            *vehicle);
/* The levels chosen, in %, on the car's steps and within its bounds. */
int        carport_charge_limits_dialog_get_min    (CarportChargeLimitsDialog *self);
int        carport_charge_limits_dialog_get_target (CarportChargeLimitsDialog *self);
/* Sets both levels on @command (SOC_LEVELS). */
void       carport_charge_limits_dialog_apply      (CarportChargeLimitsDialog *self,
                                                    CarportCommand            *command);

G_END_DECLS
