/* carport-climate-dialog.h — asks how to start the climate control: the
 * target temperature (in the car's range and steps, shown in the user's unit)
 * and, optionally, a time at which the cabin is to be ready. Enter starts,
 * Escape cancels. The dialog only asks; whoever opened it sends the command
 * when the "start" response comes (carport_climate_dialog_apply()). */
#pragma once

#include <adwaita.h>

#include "carport-core.h"

G_BEGIN_DECLS

#define CARPORT_TYPE_CLIMATE_DIALOG (carport_climate_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CarportClimateDialog, carport_climate_dialog, CARPORT, CLIMATE_DIALOG, AdwMessageDialog)

/* Properties: vehicle (CarportVehicle, construct-only: its capabilities give
 * the range), temperature-unit (construct-only). Responses: "cancel",
 * "start" (the default). */
GtkWidget *carport_climate_dialog_new             (GtkWindow              *parent,
                                                   CarportVehicle         *vehicle,
                                                   CarportTemperatureUnit  unit);
/* The temperature chosen, in °C, on the car's steps and within its range. */
double     carport_climate_dialog_get_temperature_c (CarportClimateDialog *self);
/* When the cabin is to be ready (the next such time, today or tomorrow), or
 * NULL to start now. */
GDateTime *carport_climate_dialog_dup_ready_at    (CarportClimateDialog *self);
/* Sets what was chosen on @command (HVAC_START): temperature and start time. */
void       carport_climate_dialog_apply           (CarportClimateDialog *self,
                                                   CarportCommand       *command);

G_END_DECLS
