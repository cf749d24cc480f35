/* carport-schedule-edit.h — a change to one charge or climate programme,
 * turned into the programmes to send: the CLI and the window both edit
 * through it. */
#pragma once

#include <gio/gio.h>

#include "carport-schedule.h"

G_BEGIN_DECLS

/* How many programmes of each kind a car keeps (ids 1 to 5). */
#define CARPORT_MAX_SCHEDULES 5

typedef enum {
  CARPORT_SCHEDULE_EDIT_SET,      /* the days, time and duration given, and on */
  CARPORT_SCHEDULE_EDIT_ENABLE,
  CARPORT_SCHEDULE_EDIT_DISABLE,
  CARPORT_SCHEDULE_EDIT_DELETE,   /* its slot sent back empty and off */
} CarportScheduleEditAction;

/* TRUE for a climate programme, FALSE for a charge one (a programme that
 * charges and heats counts as a charge programme). */
gboolean carport_schedule_is_climate (CarportSchedule *schedule);
/* TRUE when @schedule is set up: on, or with days and a time (cars report
 * their empty slots too). */
gboolean carport_schedule_is_set_up  (CarportSchedule *schedule);
/* Does the car keep a duration with its charge programmes? FALSE for cars
 * whose programmes are departure times (KCM ev/settings, in local time):
 * what @current (the car's programmes) holds says so; TRUE for none. */
gboolean carport_schedules_have_duration (GListModel *current);
/* The lowest programme id of the kind (@climate) that is not set up in
 * @current, or 0 when all CARPORT_MAX_SCHEDULES are. */
int      carport_schedules_free_id   (GListModel *current,
                                      gboolean    climate);

/* The programmes of @changes' kind to send to the car: its current ones
 * (@current, CarportSchedule items of every kind, as the charge settings
 * hold them) with programme carport_schedule_get_id (@changes) changed as
 * @action says, in the form the car keeps them (UTC for KCA cars, local
 * time for KCM ones). For SET, @changes' days (0: keep), start time ("HH:MM"
 * in @local's time, NULL: the system's zone; NULL: keep) and duration (-1:
 * keep) replace the programme's; SET makes a programme the car does not
 * have yet. A programme the car reports as several groups of days stays so
 * unless new days or a new time make it one. NULL with
 * CARPORT_API_ERROR_INVALID_INPUT and a translated message when the id is
 * not 1 to 5, the time is not one, the car has no such programme (ENABLE,
 * DISABLE, DELETE), or a programme turned on lacks days, a time or a
 * duration. */
GListStore *carport_schedule_edit (GListModel                *current,
                                   CarportSchedule           *changes,
                                   CarportScheduleEditAction  action,
                                   GTimeZone                 *local,
                                   GError                   **error);

G_END_DECLS
