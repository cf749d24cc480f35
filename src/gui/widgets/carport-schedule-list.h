/* carport-schedule-list.h — a car's charge or climate programmes on its
 * card: one row each, with a switch that turns it on or off at once, a
 * click that opens the editor (CarportScheduleDialog), and Add Programme
 * while the car has fewer than it keeps. Every change is sent through a
 * CarportCommandRunner (progress, toast, the programmes read again); the
 * switches and Add wait, with the reason as tooltip, while a change runs or
 * the car cannot be told (carport_vehicle_get_command_obstacle(), the
 * login). A charge programme the charge mode ignores (Always) says so,
 * dimmed, instead of looking active. */
#pragma once

#include <adwaita.h>

#include "carport-core.h"
#include "carport-session.h"

G_BEGIN_DECLS

#define CARPORT_TYPE_SCHEDULE_LIST (carport_schedule_list_get_type ())
G_DECLARE_FINAL_TYPE (CarportScheduleList, carport_schedule_list, CARPORT, SCHEDULE_LIST, GtkBox)

/* Properties: climate (boolean, construct-only: climate programmes, else
 * charge ones), vehicle (CarportVehicle, nullable), session
 * (CarportSession, nullable: without it nothing is sent). The list hides
 * itself for a car that reports no programmes of its kind. */
CarportVehicle *carport_schedule_list_get_vehicle (CarportScheduleList *self);
void            carport_schedule_list_set_vehicle (CarportScheduleList *self, CarportVehicle *vehicle);
CarportSession *carport_schedule_list_get_session (CarportScheduleList *self);
void            carport_schedule_list_set_session (CarportScheduleList *self, CarportSession *session);

G_END_DECLS
