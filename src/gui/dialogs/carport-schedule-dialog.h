/* carport-schedule-dialog.h — edits one charge or climate programme: its
 * days, its start (charge) or ready-at (climate) time in local time, and how
 * long a charge lasts where the car keeps that. Save stays insensitive,
 * with the reason shown, while no day is chosen or a charge lasts under
 * 15 minutes; Enter saves, Escape cancels. The dialog only asks; whoever
 * opened it edits the programmes (carport_schedule_dialog_apply(),
 * carport_schedule_edit()) and sends them. */
#pragma once

#include <adwaita.h>

#include "carport-core.h"

G_BEGIN_DECLS

#define CARPORT_TYPE_SCHEDULE_DIALOG (carport_schedule_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CarportScheduleDialog, carport_schedule_dialog, CARPORT, SCHEDULE_DIALOG, AdwMessageDialog)

/* @schedule: the programme as it is (in local time: carport_schedule_convert()),
 * or a new one with only its id and kind; @is_new: it is not on the car yet
 * (no Delete); @has_duration: the car keeps how long a charge lasts.
 * Responses: "cancel", "delete" (an existing programme), "save" (the
 * default). */
GtkWidget *carport_schedule_dialog_new   (GtkWindow             *parent,
                                          CarportSchedule       *schedule,
                                          gboolean               is_new,
                                          gboolean               has_duration);
/* Sets on @changes what was chosen: the programme's id and kind, the days,
 * the time ("HH:MM", local) and the duration in minutes (-1 without). */
void       carport_schedule_dialog_apply (CarportScheduleDialog *self,
                                          CarportSchedule       *changes);

G_END_DECLS
