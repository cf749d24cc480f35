/* carport-schedule.c — One charge or climate programme.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "carport-core"

#include "config.h"

#include <math.h>

#include "carport-format.h"
#include "carport-schedule.h"
#include "carport-core-enum-types.h"

struct _CarportSchedule
{
  GObject parent_instance;

  int                  id;
  CarportScheduleKind  kind;
  gboolean             activated;
  guint                days;
  char                *start_time; /* owned, nullable */
  gboolean             start_time_is_utc;
  int                  duration_minutes;
};

G_DEFINE_FINAL_TYPE (CarportSchedule, carport_schedule, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_KIND,
  PROP_ACTIVATED,
  PROP_DAYS,
  PROP_START_TIME,
  PROP_START_TIME_IS_UTC,
  PROP_DURATION_MINUTES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

int
carport_schedule_get_id (CarportSchedule *self)
{
  g_return_val_if_fail (CARPORT_IS_SCHEDULE (self), -1);

  return self->id;
}

void
carport_schedule_set_id (CarportSchedule *self,
                         int              value)
{
  g_return_if_fail (CARPORT_IS_SCHEDULE (self));

  if (self->id == value)
    return;

  self->id = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

CarportScheduleKind
carport_schedule_get_kind (CarportSchedule *self)
{
  g_return_val_if_fail (CARPORT_IS_SCHEDULE (self), CARPORT_SCHEDULE_KIND_CHARGE);

  return self->kind;
}

void
carport_schedule_set_kind (CarportSchedule     *self,
                           CarportScheduleKind  value)
{
  g_return_if_fail (CARPORT_IS_SCHEDULE (self));

  if (self->kind == value)
    return;

  self->kind = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
}

gboolean
carport_schedule_get_activated (CarportSchedule *self)
{
  g_return_val_if_fail (CARPORT_IS_SCHEDULE (self), FALSE);

  return self->activated;
}

void
carport_schedule_set_activated (CarportSchedule *self,
                                gboolean         value)
{
  g_return_if_fail (CARPORT_IS_SCHEDULE (self));

  value = !!value;

  if (self->activated == value)
    return;

  self->activated = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVATED]);
}

guint
carport_schedule_get_days (CarportSchedule *self)
{
  g_return_val_if_fail (CARPORT_IS_SCHEDULE (self), 0);

  return self->days;
}

void
carport_schedule_set_days (CarportSchedule *self,
                           guint            value)
{
  g_return_if_fail (CARPORT_IS_SCHEDULE (self));

  if (self->days == value)
    return;

  self->days = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DAYS]);
}

const char *
carport_schedule_get_start_time (CarportSchedule *self)
{
  g_return_val_if_fail (CARPORT_IS_SCHEDULE (self), NULL);

  return self->start_time;
}

void
carport_schedule_set_start_time (CarportSchedule *self,
                                 const char      *value)
{
  g_return_if_fail (CARPORT_IS_SCHEDULE (self));

  if (g_strcmp0 (self->start_time, value) == 0)
    return;

  g_free (self->start_time);
  self->start_time = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_START_TIME]);
}

gboolean
carport_schedule_get_start_time_is_utc (CarportSchedule *self)
{
  g_return_val_if_fail (CARPORT_IS_SCHEDULE (self), FALSE);

  return self->start_time_is_utc;
}

void
carport_schedule_set_start_time_is_utc (CarportSchedule *self,
                                        gboolean         value)
{
  g_return_if_fail (CARPORT_IS_SCHEDULE (self));

  value = !!value;

  if (self->start_time_is_utc == value)
    return;

  self->start_time_is_utc = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_START_TIME_IS_UTC]);
}

int
carport_schedule_get_duration_minutes (CarportSchedule *self)
{
  g_return_val_if_fail (CARPORT_IS_SCHEDULE (self), -1);

  return self->duration_minutes;
}

void
carport_schedule_set_duration_minutes (CarportSchedule *self,
                                       int              value)
{
  g_return_if_fail (CARPORT_IS_SCHEDULE (self));

  if (self->duration_minutes == value)
    return;

  self->duration_minutes = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DURATION_MINUTES]);
}

CarportSchedule *
carport_schedule_new (void)
{
  return g_object_new (CARPORT_TYPE_SCHEDULE, NULL);
}

void
carport_schedule_clear (CarportSchedule *self)
{
  g_return_if_fail (CARPORT_IS_SCHEDULE (self));

  g_object_freeze_notify (G_OBJECT (self));
  carport_schedule_set_id (self, -1);
  carport_schedule_set_kind (self, CARPORT_SCHEDULE_KIND_CHARGE);
  carport_schedule_set_activated (self, FALSE);
  carport_schedule_set_days (self, 0);
  carport_schedule_set_start_time (self, NULL);
  carport_schedule_set_start_time_is_utc (self, FALSE);
  carport_schedule_set_duration_minutes (self, -1);
  g_object_thaw_notify (G_OBJECT (self));
}

CarportSchedule *
carport_schedule_copy (CarportSchedule *self)
{
  CarportSchedule *copy;

  g_return_val_if_fail (CARPORT_IS_SCHEDULE (self), NULL);

  copy = carport_schedule_new ();
  copy->id = self->id;
  copy->kind = self->kind;
  copy->activated = self->activated;
  copy->days = self->days;
  copy->start_time = g_strdup (self->start_time);
  copy->start_time_is_utc = self->start_time_is_utc;
  copy->duration_minutes = self->duration_minutes;
  return copy;
}

/* Every day of @days one day later (@shift 1) or earlier (-1). */
static guint
rotate_days (guint days,
             int   shift)
{
  guint all = (1u << CARPORT_N_WEEKDAYS) - 1;

  days &= all;
  if (shift > 0)
    return ((days << 1) | (days >> (CARPORT_N_WEEKDAYS - 1))) & all;
  if (shift < 0)
    return ((days >> 1) | (days << (CARPORT_N_WEEKDAYS - 1))) & all;
  return days;
}

CarportSchedule *
carport_schedule_convert (CarportSchedule *self,
                          gboolean         to_utc,
                          GTimeZone       *local)
{
  g_autoptr(GTimeZone) system_zone = NULL;
  g_autoptr(GDateTime) now = NULL;
  CarportSchedule *copy;
  int hour, minute, minutes, offset, day_shift = 0;

  g_return_val_if_fail (CARPORT_IS_SCHEDULE (self), NULL);

  copy = carport_schedule_copy (self);
  if (self->start_time == NULL)
    {
      /* Nothing to move: only the form changes. */
      copy->start_time_is_utc = to_utc;
      return copy;
    }
  if (!self->start_time_is_utc == !to_utc ||
      !carport_parse_clock (self->start_time, &hour, &minute))
    return copy;

  if (local == NULL)
    local = system_zone = g_time_zone_new_local ();
  now = g_date_time_new_now (local);
  offset = (int) (g_date_time_get_utc_offset (now) / G_TIME_SPAN_MINUTE);

  minutes = hour * 60 + minute + (to_utc ? -offset : offset);
  if (minutes < 0)
    {
      minutes += 24 * 60;
      day_shift = -1;
    }
  else if (minutes >= 24 * 60)
    {
      minutes -= 24 * 60;
      day_shift = 1;
    }

  g_free (copy->start_time);
  copy->start_time = g_strdup_printf ("%02d:%02d", minutes / 60, minutes % 60);
  copy->days = rotate_days (self->days, day_shift);
  copy->start_time_is_utc = to_utc;
  return copy;
}

static void
carport_schedule_finalize (GObject *object)
{
  CarportSchedule *self = (CarportSchedule *) object;

  g_clear_pointer (&self->start_time, g_free);

  G_OBJECT_CLASS (carport_schedule_parent_class)->finalize (object);
}

static void
carport_schedule_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  CarportSchedule *self = CARPORT_SCHEDULE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int (value, self->id);
      break;

    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;

    case PROP_ACTIVATED:
      g_value_set_boolean (value, self->activated);
      break;

    case PROP_DAYS:
      g_value_set_uint (value, self->days);
      break;

    case PROP_START_TIME:
      g_value_set_string (value, self->start_time);
      break;

    case PROP_START_TIME_IS_UTC:
      g_value_set_boolean (value, self->start_time_is_utc);
      break;

    case PROP_DURATION_MINUTES:
      g_value_set_int (value, self->duration_minutes);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carport_schedule_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  CarportSchedule *self = CARPORT_SCHEDULE (object);

  switch (prop_id)
    {
    case PROP_ID:
      carport_schedule_set_id (self, g_value_get_int (value));
      break;

    case PROP_KIND:
      carport_schedule_set_kind (self, g_value_get_enum (value));
      break;

    case PROP_ACTIVATED:
      carport_schedule_set_activated (self, g_value_get_boolean (value));
      break;

    case PROP_DAYS:
      carport_schedule_set_days (self, g_value_get_uint (value));
      break;

    case PROP_START_TIME:
      carport_schedule_set_start_time (self, g_value_get_string (value));
      break;

    case PROP_START_TIME_IS_UTC:
      carport_schedule_set_start_time_is_utc (self, g_value_get_boolean (value));
      break;

    case PROP_DURATION_MINUTES:
      carport_schedule_set_duration_minutes (self, g_value_get_int (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carport_schedule_class_init (CarportScheduleClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = carport_schedule_finalize;
  object_class->get_property = carport_schedule_get_property;
  object_class->set_property = carport_schedule_set_property;

  properties[PROP_ID] =
    g_param_spec_int ("id", NULL, NULL,
                      -1, G_MAXINT, -1,
                      (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL,
                       CARPORT_TYPE_SCHEDULE_KIND, CARPORT_SCHEDULE_KIND_CHARGE,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_ACTIVATED] =
    g_param_spec_boolean ("activated", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_DAYS] =
    g_param_spec_uint ("days", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_START_TIME] =
    g_param_spec_string ("start-time", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_START_TIME_IS_UTC] =
    g_param_spec_boolean ("start-time-is-utc", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_DURATION_MINUTES] =
    g_param_spec_int ("duration-minutes", NULL, NULL,
                      -1, G_MAXINT, -1,
                      (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
carport_schedule_init (CarportSchedule *self)
{
  self->id = -1;
  self->duration_minutes = -1;
}
