/* carport-schedule.h — One charge or climate programme. */
#pragma once

#include "carport-enums.h"

G_BEGIN_DECLS

#define CARPORT_TYPE_SCHEDULE (carport_schedule_get_type ())
G_DECLARE_FINAL_TYPE (CarportSchedule, carport_schedule, CARPORT, SCHEDULE, GObject)

CarportSchedule *carport_schedule_new (void);
/* Resets every field to "not reported". */
void carport_schedule_clear (CarportSchedule *self);
CarportSchedule *carport_schedule_copy (CarportSchedule *self);
/* A copy whose start time and days are in UTC (@to_utc) or in @local's time
 * (NULL: the system's zone), with @local's offset of today: a programme that
 * crosses midnight moves to the day before or after. A programme without a
 * start time only changes its form; one already in the asked form, or with a
 * time that is not "HH:MM", is copied as it is. */
CarportSchedule *carport_schedule_convert (CarportSchedule *self,
                                           gboolean         to_utc,
                                           GTimeZone       *local);

/* Properties: id (int), kind (CarportScheduleKind), activated (boolean),
 * days (guint, bit N set = CarportWeekday N), start-time ("HH:MM", nullable),
 * start-time-is-utc (boolean: KCA schedules are UTC, KCM ones local),
 * duration-minutes (int, -1 unknown; for climate programmes the time is the
 * ready-at time). */
int                 carport_schedule_get_id                (CarportSchedule *self);
void                carport_schedule_set_id                (CarportSchedule *self, int value);
CarportScheduleKind carport_schedule_get_kind              (CarportSchedule *self);
void                carport_schedule_set_kind              (CarportSchedule *self, CarportScheduleKind value);
gboolean            carport_schedule_get_activated         (CarportSchedule *self);
void                carport_schedule_set_activated         (CarportSchedule *self, gboolean value);
guint               carport_schedule_get_days              (CarportSchedule *self);
void                carport_schedule_set_days              (CarportSchedule *self, guint value);
const char         *carport_schedule_get_start_time        (CarportSchedule *self);
void                carport_schedule_set_start_time        (CarportSchedule *self, const char *value);
gboolean            carport_schedule_get_start_time_is_utc (CarportSchedule *self);
void                carport_schedule_set_start_time_is_utc (CarportSchedule *self, gboolean value);
int                 carport_schedule_get_duration_minutes  (CarportSchedule *self);
void                carport_schedule_set_duration_minutes  (CarportSchedule *self, int value);

G_END_DECLS
