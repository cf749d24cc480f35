/* test-schedule-edit.c — one change to a charge or climate programme
 * (set, enable, disable, delete) turned into the programmes to send, in the
 * form the car keeps them: the edit the CLI and the window share.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <locale.h>

#include "carport-core.h"

#define WEEKDAYS 0x1f
#define MONDAY   0x01

static CarportSchedule *
schedule (int id, CarportScheduleKind kind, gboolean on, guint days, const char *time, gboolean utc, int duration)
{
  CarportSchedule *schedule = carport_schedule_new ();

  carport_schedule_set_id (schedule, id);
  carport_schedule_set_kind (schedule, kind);
  carport_schedule_set_activated (schedule, on);
  carport_schedule_set_days (schedule, days);
  carport_schedule_set_start_time (schedule, time);
  carport_schedule_set_start_time_is_utc (schedule, utc);
  carport_schedule_set_duration_minutes (schedule, duration);
  return schedule;
}

/* A KCA car: charge programme 1 at 22:30 UTC on weekdays, 2 as two groups
 * (Monday 01:00 and Tuesday 02:00), an empty slot 3 and climate programme 1. */
static GListModel *
kca_car (void)
{
  GListStore *store = g_list_store_new (CARPORT_TYPE_SCHEDULE);
  CarportSchedule *items[] = {
    schedule (1, CARPORT_SCHEDULE_KIND_CHARGE, TRUE, WEEKDAYS, "22:30", TRUE, 120),
    schedule (2, CARPORT_SCHEDULE_KIND_CHARGE, FALSE, MONDAY, "01:00", TRUE, 60),
    schedule (2, CARPORT_SCHEDULE_KIND_CHARGE, FALSE, 0x02, "02:00", TRUE, 60),
    schedule (3, CARPORT_SCHEDULE_KIND_CHARGE, FALSE, 0, NULL, TRUE, -1),
    schedule (1, CARPORT_SCHEDULE_KIND_CLIMATE, TRUE, WEEKDAYS, "06:00", TRUE, -1),
  };

  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    {
      g_list_store_append (store, items[i]);
      g_object_unref (items[i]);
    }
  return G_LIST_MODEL (store);
}

static CarportSchedule *
find (GListModel *list, int id, guint n)
{
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(CarportSchedule) item = g_list_model_get_item (list, i);

      if (carport_schedule_get_id (item) == id && n-- == 0)
        return item;  /* the list keeps it */
    }
  return NULL;
}

static guint
count (GListModel *list, int id)
{
  guint n = 0;

  while (find (list, id, n))
    n++;
  return n;
}

static GListStore *
edit (GListModel *current, CarportScheduleKind kind, int id, CarportScheduleEditAction action,
      guint days, const char *time, int duration, GError **error)
{
  g_autoptr(CarportSchedule) changes = schedule (id, kind, FALSE, days, time, FALSE, duration);
  g_autoptr(GTimeZone) plus_one = g_time_zone_new_identifier ("+01:00");

  return carport_schedule_edit (current, changes, action, plus_one, error);
}

/* A new programme in local time goes out in UTC, the others as they were,
 * the climate ones left out. */
static void
test_set_new (void)
{
  g_autoptr(GListModel) car = kca_car ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GListStore) sent = edit (car, CARPORT_SCHEDULE_KIND_CHARGE, 4, CARPORT_SCHEDULE_EDIT_SET,
                                     0x60, "00:30", 240, &error);
  CarportSchedule *added;

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (sent)), ==, 5);
  added = find (G_LIST_MODEL (sent), 4, 0);
  g_assert_nonnull (added);
  /* 00:30 on Saturday and Sunday at +01:00 is 23:30 UTC on Friday and Saturday. */
  g_assert_cmpstr (carport_schedule_get_start_time (added), ==, "23:30");
  g_assert_cmpuint (carport_schedule_get_days (added), ==, 0x30);
  g_assert_true (carport_schedule_get_start_time_is_utc (added));
  g_assert_true (carport_schedule_get_activated (added));
  g_assert_cmpint (carport_schedule_get_duration_minutes (added), ==, 240);
  g_assert_cmpint (carport_schedule_get_kind (added), ==, CARPORT_SCHEDULE_KIND_CHARGE);
  g_assert_cmpstr (carport_schedule_get_start_time (find (G_LIST_MODEL (sent), 1, 0)), ==, "22:30");
  g_assert_cmpuint (count (G_LIST_MODEL (sent), 2), ==, 2);
}

/* New days or a new time make a programme of several groups one; turning
 * it on keeps its groups. */
static void
test_groups (void)
{
  g_autoptr(GListModel) car = kca_car ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GListStore) enabled = edit (car, CARPORT_SCHEDULE_KIND_CHARGE, 2, CARPORT_SCHEDULE_EDIT_ENABLE,
                                        0, NULL, -1, &error);
  g_autoptr(GListStore) moved = NULL;
  CarportSchedule *one;

  g_assert_no_error (error);
  g_assert_cmpuint (count (G_LIST_MODEL (enabled), 2), ==, 2);
  g_assert_true (carport_schedule_get_activated (find (G_LIST_MODEL (enabled), 2, 1)));
  g_assert_cmpstr (carport_schedule_get_start_time (find (G_LIST_MODEL (enabled), 2, 1)), ==, "02:00");

  moved = edit (car, CARPORT_SCHEDULE_KIND_CHARGE, 2, CARPORT_SCHEDULE_EDIT_SET, 0, "08:00", -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count (G_LIST_MODEL (moved), 2), ==, 1);
  one = find (G_LIST_MODEL (moved), 2, 0);
  g_assert_cmpuint (carport_schedule_get_days (one), ==, 0x03);
  g_assert_cmpstr (carport_schedule_get_start_time (one), ==, "07:00");
  g_assert_cmpint (carport_schedule_get_duration_minutes (one), ==, 60);
}

static void
test_disable_and_delete (void)
{
  g_autoptr(GListModel) car = kca_car ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GListStore) off = edit (car, CARPORT_SCHEDULE_KIND_CHARGE, 1, CARPORT_SCHEDULE_EDIT_DISABLE,
                                    0, NULL, -1, &error);
  g_autoptr(GListStore) deleted = NULL;
  CarportSchedule *slot;

  g_assert_no_error (error);
  g_assert_false (carport_schedule_get_activated (find (G_LIST_MODEL (off), 1, 0)));
  g_assert_cmpstr (carport_schedule_get_start_time (find (G_LIST_MODEL (off), 1, 0)), ==, "22:30");
  g_assert_cmpuint (carport_schedule_get_days (find (G_LIST_MODEL (off), 1, 0)), ==, WEEKDAYS);

  /* A deleted programme is its slot sent back empty and off. */
  deleted = edit (car, CARPORT_SCHEDULE_KIND_CHARGE, 2, CARPORT_SCHEDULE_EDIT_DELETE, 0, NULL, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count (G_LIST_MODEL (deleted), 2), ==, 1);
  slot = find (G_LIST_MODEL (deleted), 2, 0);
  g_assert_false (carport_schedule_get_activated (slot));
  g_assert_cmpuint (carport_schedule_get_days (slot), ==, 0);
  g_assert_null (carport_schedule_get_start_time (slot));
  g_assert_false (carport_schedule_is_set_up (slot));
  g_assert_true (carport_schedule_is_set_up (find (G_LIST_MODEL (deleted), 1, 0)));
}

/* Refused: what the car does not have, bad ids and times, a programme
 * turned on without all it needs. */
static void
test_refused (void)
{
  g_autoptr(GListModel) car = kca_car ();
  struct {
    CarportScheduleKind kind;
    int id;
    CarportScheduleEditAction action;
    guint days;
    const char *time;
    int duration;
  } cases[] = {
    { CARPORT_SCHEDULE_KIND_CHARGE, 3, CARPORT_SCHEDULE_EDIT_ENABLE, 0, NULL, -1 },   /* an empty slot */
    { CARPORT_SCHEDULE_KIND_CHARGE, 5, CARPORT_SCHEDULE_EDIT_DELETE, 0, NULL, -1 },
    { CARPORT_SCHEDULE_KIND_CLIMATE, 2, CARPORT_SCHEDULE_EDIT_DISABLE, 0, NULL, -1 },
    { CARPORT_SCHEDULE_KIND_CHARGE, 6, CARPORT_SCHEDULE_EDIT_SET, MONDAY, "01:00", 60 },
    { CARPORT_SCHEDULE_KIND_CHARGE, 0, CARPORT_SCHEDULE_EDIT_SET, MONDAY, "01:00", 60 },
    { CARPORT_SCHEDULE_KIND_CHARGE, 4, CARPORT_SCHEDULE_EDIT_SET, MONDAY, "25:00", 60 },
    { CARPORT_SCHEDULE_KIND_CHARGE, 4, CARPORT_SCHEDULE_EDIT_SET, MONDAY, "01:00", -1 },  /* no duration */
    { CARPORT_SCHEDULE_KIND_CHARGE, 4, CARPORT_SCHEDULE_EDIT_SET, MONDAY, "01:00", 0 },
    { CARPORT_SCHEDULE_KIND_CHARGE, 4, CARPORT_SCHEDULE_EDIT_SET, 0, "01:00", 60 },       /* no days */
    { CARPORT_SCHEDULE_KIND_CLIMATE, 4, CARPORT_SCHEDULE_EDIT_SET, MONDAY, NULL, -1 },    /* no time */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GListStore) sent = edit (car, cases[i].kind, cases[i].id, cases[i].action,
                                         cases[i].days, cases[i].time, cases[i].duration, &error);

      g_test_message ("case %u", i);
      g_assert_null (sent);
      g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_INVALID_INPUT);
      g_assert_cmpstr (error->message, !=, "");
    }
}

/* A KCM car keeps departure times in local time: no duration, no UTC. */
static void
test_local_programmes (void)
{
  g_autoptr(GListStore) car = g_list_store_new (CARPORT_TYPE_SCHEDULE);
  g_autoptr(CarportSchedule) first = schedule (1, CARPORT_SCHEDULE_KIND_CHARGE, TRUE, WEEKDAYS, "07:00", FALSE, -1);
  g_autoptr(GError) error = NULL;
  g_autoptr(GListStore) sent = NULL;
  CarportSchedule *added;

  g_list_store_append (car, first);
  g_assert_false (carport_schedules_have_duration (G_LIST_MODEL (car)));
  sent = edit (G_LIST_MODEL (car), CARPORT_SCHEDULE_KIND_CHARGE, 2, CARPORT_SCHEDULE_EDIT_SET,
               MONDAY, "23:30", -1, &error);
  g_assert_no_error (error);
  added = find (G_LIST_MODEL (sent), 2, 0);
  g_assert_cmpstr (carport_schedule_get_start_time (added), ==, "23:30");
  g_assert_cmpuint (carport_schedule_get_days (added), ==, MONDAY);
  g_assert_false (carport_schedule_get_start_time_is_utc (added));
}

static void
test_free_id (void)
{
  g_autoptr(GListModel) car = kca_car ();
  g_autoptr(GListStore) full = g_list_store_new (CARPORT_TYPE_SCHEDULE);

  g_assert_true (carport_schedules_have_duration (car));
  /* Slot 3 is reported but empty. */
  g_assert_cmpint (carport_schedules_free_id (car, FALSE), ==, 3);
  g_assert_cmpint (carport_schedules_free_id (car, TRUE), ==, 2);
  for (int id = 1; id <= CARPORT_MAX_SCHEDULES; id++)
    {
      g_autoptr(CarportSchedule) item = schedule (id, CARPORT_SCHEDULE_KIND_CLIMATE, FALSE, MONDAY, "06:00", TRUE, -1);

      g_list_store_append (full, item);
    }
  g_assert_cmpint (carport_schedules_free_id (G_LIST_MODEL (full), TRUE), ==, 0);
  g_assert_cmpint (carport_schedules_free_id (G_LIST_MODEL (full), FALSE), ==, 1);
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/schedule-edit/set-new", test_set_new);
  g_test_add_func ("/schedule-edit/groups", test_groups);
  g_test_add_func ("/schedule-edit/disable-and-delete", test_disable_and_delete);
  g_test_add_func ("/schedule-edit/refused", test_refused);
  g_test_add_func ("/schedule-edit/local-programmes", test_local_programmes);
  g_test_add_func ("/schedule-edit/free-id", test_free_id);

  return g_test_run ();
}
