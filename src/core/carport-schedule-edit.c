/* carport-schedule-edit.c — a change to one charge or climate programme,
 * turned into the programmes to send.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "carport-core"

#include "config.h"

#include <glib/gi18n.h>

#include "carport-api-error.h"
#include "carport-format.h"
#include "carport-schedule-edit.h"

gboolean
carport_schedule_is_climate (CarportSchedule *schedule)
{
  g_return_val_if_fail (CARPORT_IS_SCHEDULE (schedule), FALSE);

  return carport_schedule_get_kind (schedule) == CARPORT_SCHEDULE_KIND_CLIMATE;
}

gboolean
carport_schedule_is_set_up (CarportSchedule *schedule)
{
  g_return_val_if_fail (CARPORT_IS_SCHEDULE (schedule), FALSE);

  return carport_schedule_get_activated (schedule) ||
         (carport_schedule_get_days (schedule) != 0 && carport_schedule_get_start_time (schedule) != NULL);
}

/* Do the car's programmes keep their times in UTC (KCA) or in local time
 * (KCM)? UTC when it reports none. */
static gboolean
schedules_in_utc (GListModel *current)
{
  for (guint i = 0; i < g_list_model_get_n_items (current); i++)
    {
      g_autoptr(CarportSchedule) schedule = g_list_model_get_item (current, i);

      if (carport_schedule_get_start_time (schedule) != NULL)
        return carport_schedule_get_start_time_is_utc (schedule);
    }
  return TRUE;
}

gboolean
carport_schedules_have_duration (GListModel *current)
{
  g_return_val_if_fail (G_IS_LIST_MODEL (current), TRUE);

  /* KCM programmes are departure times. */
  return schedules_in_utc (current);
}

int
carport_schedules_free_id (GListModel *current,
                           gboolean    climate)
{
  guint taken = 0;

  g_return_val_if_fail (G_IS_LIST_MODEL (current), 0);

  for (guint i = 0; i < g_list_model_get_n_items (current); i++)
    {
      g_autoptr(CarportSchedule) schedule = g_list_model_get_item (current, i);
      int id = carport_schedule_get_id (schedule);

      if (carport_schedule_is_climate (schedule) == climate && carport_schedule_is_set_up (schedule) &&
          id >= 1 && id <= CARPORT_MAX_SCHEDULES)
        taken |= 1u << id;
    }
  for (int id = 1; id <= CARPORT_MAX_SCHEDULES; id++)
    if ((taken & (1u << id)) == 0)
      return id;
  return 0;
}

static gpointer
invalid_input (GError     **error,
               const char  *message)
{
  g_set_error_literal (error, CARPORT_API_ERROR, CARPORT_API_ERROR_INVALID_INPUT, message);
  return NULL;
}

/* The groups of @groups as one: all their days at the first one's time. */
static void
merge_groups (GPtrArray *groups)
{
  CarportSchedule *first = g_ptr_array_index (groups, 0);

  for (guint i = 1; i < groups->len; i++)
    carport_schedule_set_days (first, carport_schedule_get_days (first) |
                                      carport_schedule_get_days (g_ptr_array_index (groups, i)));
  g_ptr_array_set_size (groups, 1);
}

/* An error when the programme @schedule (turned on) cannot run. */
static gboolean
check_complete (CarportSchedule  *schedule,
                gboolean          needs_duration,
                GError          **error)
{
  g_autofree char *message = NULL;
  int id = carport_schedule_get_id (schedule);

  if (carport_schedule_get_days (schedule) != 0 && carport_schedule_get_start_time (schedule) != NULL &&
      (!needs_duration || carport_schedule_get_duration_minutes (schedule) > 0))
    return TRUE;

  if (carport_schedule_is_climate (schedule))
    message = g_strdup_printf (_("Programme %d needs days and a ready-at time."), id);
  else if (needs_duration)
    message = g_strdup_printf (_("Programme %d needs days, a start time and a duration."), id);
  else
    message = g_strdup_printf (_("Programme %d needs days and a time."), id);
  invalid_input (error, message);
  return FALSE;
}

GListStore *
carport_schedule_edit (GListModel                *current,
                       CarportSchedule           *changes,
                       CarportScheduleEditAction  action,
                       GTimeZone                 *local,
                       GError                   **error)
{
  g_autoptr(GListStore) result = g_list_store_new (CARPORT_TYPE_SCHEDULE);
  g_autoptr(GPtrArray) groups = g_ptr_array_new_with_free_func (g_object_unref);
  gboolean climate, in_utc, needs_duration;
  const char *start;
  guint days;
  int id, hours, minutes, duration;

  g_return_val_if_fail (G_IS_LIST_MODEL (current), NULL);
  g_return_val_if_fail (CARPORT_IS_SCHEDULE (changes), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  id = carport_schedule_get_id (changes);
  climate = carport_schedule_is_climate (changes);
  start = carport_schedule_get_start_time (changes);
  days = carport_schedule_get_days (changes) & ((1u << CARPORT_N_WEEKDAYS) - 1);
  duration = carport_schedule_get_duration_minutes (changes);
  in_utc = schedules_in_utc (current);
  needs_duration = !climate && in_utc;

  if (id < 1 || id > CARPORT_MAX_SCHEDULES)
    return invalid_input (error, _("Each programme needs a number from 1 to 5."));
  if (start != NULL && !carport_parse_clock (start, &hours, &minutes))
    {
      g_autofree char *message = g_strdup_printf (_("“%s” is not a time of day: use HH:MM"), start);

      return invalid_input (error, message);
    }

  for (guint i = 0; i < g_list_model_get_n_items (current); i++)
    {
      g_autoptr(CarportSchedule) schedule = g_list_model_get_item (current, i);

      if (carport_schedule_is_climate (schedule) != climate)
        continue;
      if (carport_schedule_get_id (schedule) == id)
        g_ptr_array_add (groups, carport_schedule_convert (schedule, FALSE, local));  /* edited in local time */
      else
        g_list_store_append (result, schedule);
    }
  /* An empty slot the car reports is no programme. */
  if (groups->len == 1 && !carport_schedule_is_set_up (g_ptr_array_index (groups, 0)) &&
      action != CARPORT_SCHEDULE_EDIT_SET)
    g_ptr_array_set_size (groups, 0);

  if (groups->len == 0)
    {
      CarportSchedule *schedule;

      if (action != CARPORT_SCHEDULE_EDIT_SET)
        {
          g_autofree char *message = g_strdup_printf (_("This car has no programme %d."), id);

          return invalid_input (error, message);
        }
      schedule = carport_schedule_new ();
      carport_schedule_set_id (schedule, id);
      carport_schedule_set_kind (schedule, climate ? CARPORT_SCHEDULE_KIND_CLIMATE : CARPORT_SCHEDULE_KIND_CHARGE);
      g_ptr_array_add (groups, schedule);
    }

  if (action == CARPORT_SCHEDULE_EDIT_DELETE)
    {
      /* One empty slot, off: a KCA car keeps its five slots, a KCM one
       * leaves the programme out. */
      CarportSchedule *schedule = g_ptr_array_index (groups, 0);

      merge_groups (groups);
      carport_schedule_set_activated (schedule, FALSE);
      carport_schedule_set_days (schedule, 0);
      carport_schedule_set_start_time (schedule, NULL);
      carport_schedule_set_duration_minutes (schedule, -1);
    }
  else if (action == CARPORT_SCHEDULE_EDIT_SET && (days || start))
    {
      /* One group: the new days (or all the old ones) at one time. */
      CarportSchedule *first = g_ptr_array_index (groups, 0);

      merge_groups (groups);
      if (days)
        carport_schedule_set_days (first, days);
      if (start)
        {
          g_autofree char *clock = g_strdup_printf ("%02d:%02d", hours, minutes);  /* "7:5" → "07:05" */

          carport_schedule_set_start_time (first, clock);
        }
    }

  for (guint i = 0; i < groups->len; i++)
    {
      CarportSchedule *schedule = g_ptr_array_index (groups, i);

      if (action == CARPORT_SCHEDULE_EDIT_SET && duration >= 0 && !climate)
        carport_schedule_set_duration_minutes (schedule, duration);
      if (action != CARPORT_SCHEDULE_EDIT_DELETE)
        carport_schedule_set_activated (schedule, action != CARPORT_SCHEDULE_EDIT_DISABLE);
      if (carport_schedule_get_activated (schedule) && !check_complete (schedule, needs_duration, error))
        return NULL;

      /* Back in the form the car keeps. */
      if (in_utc)
        {
          g_autoptr(CarportSchedule) utc = carport_schedule_convert (schedule, TRUE, local);

          g_list_store_append (result, utc);
        }
      else
        g_list_store_append (result, schedule);
    }
  return g_steal_pointer (&result);
}
