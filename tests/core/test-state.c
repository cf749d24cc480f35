/* test-state.c — the state objects: defaults, notifications, clear(), merge().
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <locale.h>
#include <math.h>

#include "carport-core.h"
#include "core-test-utils.h"

typedef void (*ClearFunc) (gpointer object);

typedef struct {
  const char *name;
  GType     (*get_type) (void);
  ClearFunc   clear;
} StateClass;

static const StateClass state_classes[] = {
  { "battery", carport_battery_get_type, (ClearFunc) carport_state_clear },
  { "cockpit", carport_cockpit_get_type, (ClearFunc) carport_state_clear },
  { "climate", carport_climate_get_type, (ClearFunc) carport_state_clear },
  { "location", carport_location_get_type, (ClearFunc) carport_state_clear },
  { "locks", carport_locks_get_type, (ClearFunc) carport_state_clear },
  { "tyres", carport_tyres_get_type, (ClearFunc) carport_state_clear },
  { "trips", carport_trips_get_type, (ClearFunc) carport_state_clear },
  { "schedule", carport_schedule_get_type, (ClearFunc) carport_schedule_clear },
  { "charge-settings", carport_charge_settings_get_type, (ClearFunc) carport_state_clear },
  { "services", carport_services_get_type, (ClearFunc) carport_state_clear },
};

static void
test_defaults (gconstpointer data)
{
  const StateClass *klass = data;
  GObject *object = g_object_new (klass->get_type (), NULL);

  assert_all_defaults (object);
  g_assert_finalize_object (object);
}

static void
test_notify (gconstpointer data)
{
  const StateClass *klass = data;
  GObject *object = g_object_new (klass->get_type (), NULL);

  assert_notifies_once (object, NULL);
  assert_all_defaults (object);
  g_assert_finalize_object (object);
}

static void
test_clear (gconstpointer data)
{
  const StateClass *klass = data;
  GObject *object = g_object_new (klass->get_type (), NULL);
  g_autofree GParamSpec **pspecs = NULL;
  NotifyCounter counter;
  guint n_pspecs;
  guint n_settable = 0;

  set_all_non_default (object);

  notify_counter_init (&counter, object);
  klass->clear (object);
  assert_all_defaults (object);

  /* Each changed property notified once, after the thaw. */
  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (object), &n_pspecs);
  for (guint i = 0; i < n_pspecs; i++)
    {
      if ((pspecs[i]->flags & G_PARAM_WRITABLE) == 0)
        continue;
      g_assert_cmpuint (notify_counter_get (&counter, pspecs[i]->name), ==, 1);
      n_settable++;
    }
  g_assert_cmpuint (notify_counter_total (&counter), ==, n_settable);

  /* Clearing a clear object says nothing. */
  notify_counter_reset (&counter);
  klass->clear (object);
  g_assert_cmpuint (notify_counter_total (&counter), ==, 0);

  notify_counter_clear (&counter);
  g_assert_finalize_object (object);
}

static void
test_battery_accessors (void)
{
  CarportBattery *battery = carport_battery_new ();
  g_autoptr(GDateTime) dt = g_date_time_new_utc (2024, 1, 2, 3, 4, 5);

  g_assert_cmpint (carport_battery_get_level_percent (battery), ==, -1);
  g_assert_true (isnan (carport_battery_get_range_km (battery)));
  g_assert_cmpint (carport_battery_get_plug (battery), ==, CARPORT_PLUG_STATE_NONE);
  g_assert_null (carport_state_get_updated (CARPORT_STATE (battery)));

  carport_battery_set_level_percent (battery, 80);
  carport_battery_set_range_km (battery, 250.5);
  carport_battery_set_temperature_c (battery, 20);
  carport_battery_set_available_energy_kwh (battery, 31);
  carport_battery_set_plug (battery, CARPORT_PLUG_STATE_PLUGGED);
  carport_battery_set_charging (battery, CARPORT_CHARGING_STATE_CHARGING);
  carport_battery_set_charging_power_kw (battery, 7.4);
  carport_battery_set_remaining_minutes (battery, 95);
  carport_state_set_updated (CARPORT_STATE (battery), dt);

  g_assert_cmpint (carport_battery_get_level_percent (battery), ==, 80);
  g_assert_cmpfloat (carport_battery_get_range_km (battery), ==, 250.5);
  g_assert_cmpfloat (carport_battery_get_temperature_c (battery), ==, 20);
  g_assert_cmpfloat (carport_battery_get_available_energy_kwh (battery), ==, 31);
  g_assert_cmpint (carport_battery_get_plug (battery), ==, CARPORT_PLUG_STATE_PLUGGED);
  g_assert_cmpint (carport_battery_get_charging (battery), ==, CARPORT_CHARGING_STATE_CHARGING);
  g_assert_cmpfloat (carport_battery_get_charging_power_kw (battery), ==, 7.4);
  g_assert_cmpint (carport_battery_get_remaining_minutes (battery), ==, 95);
  g_assert_true (carport_state_get_updated (CARPORT_STATE (battery)) == dt);

  g_assert_finalize_object (battery);
}

static void
test_trips_summary (void)
{
  CarportTrips *trips = carport_trips_new ();
  CarportTripSummary month = { 33, 838.9, 1780, 129.5, NAN };
  CarportTripSummary out;
  NotifyCounter counter;
  int today_trips = 0;
  double distance = 0;

  carport_trips_get_summary (trips, CARPORT_TRIPS_PERIOD_TODAY, &out);
  g_assert_cmpint (out.trips, ==, -1);
  g_assert_true (isnan (out.distance_km));
  g_assert_cmpint (out.duration_minutes, ==, -1);

  notify_counter_init (&counter, G_OBJECT (trips));
  carport_trips_set_summary (trips, CARPORT_TRIPS_PERIOD_MONTH, &month);
  /* Four values changed (fuel stays unknown); today is untouched. */
  g_assert_cmpuint (notify_counter_total (&counter), ==, 4);
  g_assert_cmpuint (notify_counter_get (&counter, "month-trips"), ==, 1);
  g_assert_cmpuint (notify_counter_get (&counter, "month-fuel-litres"), ==, 0);
  g_assert_cmpuint (notify_counter_get (&counter, "today-trips"), ==, 0);

  carport_trips_get_summary (trips, CARPORT_TRIPS_PERIOD_MONTH, &out);
  g_assert_cmpint (out.trips, ==, 33);
  g_assert_cmpfloat (out.distance_km, ==, 838.9);
  g_assert_cmpint (out.duration_minutes, ==, 1780);
  g_assert_cmpfloat (out.electricity_kwh, ==, 129.5);
  g_assert_true (isnan (out.fuel_litres));

  /* The properties name the same values. */
  g_object_get (trips, "month-distance-km", &distance, "today-trips", &today_trips, NULL);
  g_assert_cmpfloat (distance, ==, 838.9);
  g_assert_cmpint (today_trips, ==, -1);

  /* The same again says nothing. */
  notify_counter_reset (&counter);
  carport_trips_set_summary (trips, CARPORT_TRIPS_PERIOD_MONTH, &month);
  g_assert_cmpuint (notify_counter_total (&counter), ==, 0);

  notify_counter_clear (&counter);
  g_assert_finalize_object (trips);
}

static void
test_location_geo_uri (void)
{
  CarportLocation *location = carport_location_new ();
  g_autofree char *none = NULL;
  g_autofree char *half = NULL;
  g_autofree char *uri = NULL;

  none = carport_location_dup_geo_uri (location);
  g_assert_null (none);

  carport_location_set_latitude (location, 48.1);
  half = carport_location_dup_geo_uri (location);
  g_assert_null (half);

  carport_location_set_longitude (location, -11.5);
  uri = carport_location_dup_geo_uri (location);
  g_assert_cmpstr (uri, ==, "geo:48.1,-11.5");

  g_assert_finalize_object (location);
}

/* Where no maps app takes geo: URIs, openstreetmap.org shows the car; the
 * coordinates a user copies have a dot in every locale. */
static void
test_location_osm_url_and_coordinates (void)
{
  CarportLocation *location = carport_location_new ();
  g_autofree char *no_url = NULL;
  g_autofree char *no_text = NULL;
  g_autofree char *url = NULL;
  g_autofree char *text = NULL;
  g_autofree char *old_locale = g_strdup (setlocale (LC_NUMERIC, NULL));

  no_url = carport_location_dup_osm_url (location);
  no_text = carport_location_dup_coordinates (location);
  g_assert_null (no_url);
  g_assert_null (no_text);

  /* A locale whose decimal separator is a comma, where there is one. */
  setlocale (LC_NUMERIC, "de_DE.UTF-8");
  carport_location_set_latitude (location, 45.764);
  carport_location_set_longitude (location, -4.8357);
  url = carport_location_dup_osm_url (location);
  text = carport_location_dup_coordinates (location);
  setlocale (LC_NUMERIC, old_locale);
  g_assert_cmpstr (url, ==, "https://www.openstreetmap.org/?mlat=45.764000&mlon=-4.835700#map=16/45.764000/-4.835700");
  g_assert_cmpstr (text, ==, "45.764000, -4.835700");

  g_assert_finalize_object (location);
}

static void
test_locks_any_open (void)
{
  CarportLocks *locks = carport_locks_new ();
  void (*setters[]) (CarportLocks *, CarportOpeningState) = {
    carport_locks_set_driver,
    carport_locks_set_passenger,
    carport_locks_set_rear_left,
    carport_locks_set_rear_right,
    carport_locks_set_hatch,
  };

  g_assert_false (carport_locks_any_open (locks));

  for (guint i = 0; i < G_N_ELEMENTS (setters); i++)
    setters[i] (locks, CARPORT_OPENING_STATE_CLOSED);
  g_assert_false (carport_locks_any_open (locks));

  for (guint i = 0; i < G_N_ELEMENTS (setters); i++)
    {
      setters[i] (locks, CARPORT_OPENING_STATE_OPEN);
      g_assert_true (carport_locks_any_open (locks));
      setters[i] (locks, CARPORT_OPENING_STATE_CLOSED);
      g_assert_false (carport_locks_any_open (locks));
    }

  /* The lock state is not an opening. */
  carport_locks_set_state (locks, CARPORT_LOCK_STATE_UNLOCKED);
  g_assert_false (carport_locks_any_open (locks));

  g_assert_finalize_object (locks);
}

typedef struct {
  guint position;
  guint removed;
  guint added;
  guint n_signals;
} ItemsChanged;

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  gpointer    user_data)
{
  ItemsChanged *changed = user_data;

  changed->position = position;
  changed->removed = removed;
  changed->added = added;
  changed->n_signals++;
}

static GPtrArray *
make_schedules (CarportScheduleKind kind,
                guint               n,
                int                 first_id)
{
  GPtrArray *array = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n; i++)
    {
      CarportSchedule *schedule = carport_schedule_new ();

      carport_schedule_set_kind (schedule, kind);
      carport_schedule_set_id (schedule, first_id + (int) i);
      g_ptr_array_add (array, schedule);
    }

  return array;
}

static int
schedule_id_at (GListModel *model,
                guint       position)
{
  g_autoptr(CarportSchedule) schedule = g_list_model_get_item (model, position);

  return carport_schedule_get_id (schedule);
}

static void
test_charge_settings_schedules (void)
{
  CarportChargeSettings *settings = carport_charge_settings_new ();
  GListModel *model = carport_charge_settings_get_schedules (settings);
  g_autoptr(GPtrArray) charge = make_schedules (CARPORT_SCHEDULE_KIND_CHARGE, 2, 1);
  g_autoptr(GPtrArray) climate = make_schedules (CARPORT_SCHEDULE_KIND_CLIMATE, 3, 10);
  g_autoptr(GPtrArray) climate2 = make_schedules (CARPORT_SCHEDULE_KIND_CLIMATE, 1, 20);
  g_autoptr(GPtrArray) charge2 = make_schedules (CARPORT_SCHEDULE_KIND_CHARGE_AND_CLIMATE, 3, 30);
  g_autoptr(GObject) property_model = NULL;
  ItemsChanged changed = { 0, };

  g_assert_nonnull (model);
  g_assert_true (g_list_model_get_item_type (model) == CARPORT_TYPE_SCHEDULE);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  g_object_get (settings, "schedules", &property_model, NULL);
  g_assert_true (property_model == (GObject *) model);

  g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed), &changed);

  /* Clearing nothing says nothing. */
  carport_charge_settings_set_schedules (settings, TRUE, NULL);
  g_assert_cmpuint (changed.n_signals, ==, 0);

  carport_charge_settings_set_schedules (settings, TRUE, climate);
  g_assert_cmpuint (changed.n_signals, ==, 1);
  g_assert_cmpuint (changed.position, ==, 0);
  g_assert_cmpuint (changed.removed, ==, 0);
  g_assert_cmpuint (changed.added, ==, 3);

  /* Charge programmes go first. */
  carport_charge_settings_set_schedules (settings, FALSE, charge);
  g_assert_cmpuint (changed.n_signals, ==, 2);
  g_assert_cmpuint (changed.position, ==, 0);
  g_assert_cmpuint (changed.removed, ==, 0);
  g_assert_cmpuint (changed.added, ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 5);
  g_assert_cmpint (schedule_id_at (model, 0), ==, 1);
  g_assert_cmpint (schedule_id_at (model, 1), ==, 2);
  g_assert_cmpint (schedule_id_at (model, 2), ==, 10);
  g_assert_cmpint (schedule_id_at (model, 4), ==, 12);

  /* Replacing the climate ones leaves the charge ones alone. */
  carport_charge_settings_set_schedules (settings, TRUE, climate2);
  g_assert_cmpuint (changed.n_signals, ==, 3);
  g_assert_cmpuint (changed.position, ==, 2);
  g_assert_cmpuint (changed.removed, ==, 3);
  g_assert_cmpuint (changed.added, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);
  g_assert_cmpint (schedule_id_at (model, 2), ==, 20);

  /* Charge-and-climate programmes belong to the charge family. */
  carport_charge_settings_set_schedules (settings, FALSE, charge2);
  g_assert_cmpuint (changed.n_signals, ==, 4);
  g_assert_cmpuint (changed.position, ==, 0);
  g_assert_cmpuint (changed.removed, ==, 2);
  g_assert_cmpuint (changed.added, ==, 3);
  g_assert_cmpint (schedule_id_at (model, 0), ==, 30);
  g_assert_cmpint (schedule_id_at (model, 3), ==, 20);

  /* An empty array clears the family. */
  g_ptr_array_set_size (charge, 0);
  carport_charge_settings_set_schedules (settings, FALSE, charge);
  g_assert_cmpuint (changed.n_signals, ==, 5);
  g_assert_cmpuint (changed.removed, ==, 3);
  g_assert_cmpuint (changed.added, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);

  /* clear() empties the list. */
  carport_state_clear (CARPORT_STATE (settings));
  g_assert_cmpuint (changed.n_signals, ==, 6);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  carport_state_clear (CARPORT_STATE (settings));
  g_assert_cmpuint (changed.n_signals, ==, 6);

  g_signal_handlers_disconnect_by_data (model, &changed);
  g_clear_object (&property_model);
  g_assert_finalize_object (settings);
}

static CarportSchedule *
utc_schedule (guint       days,
              const char *start)
{
  CarportSchedule *schedule = carport_schedule_new ();

  carport_schedule_set_id (schedule, 2);
  carport_schedule_set_kind (schedule, CARPORT_SCHEDULE_KIND_CHARGE);
  carport_schedule_set_activated (schedule, TRUE);
  carport_schedule_set_days (schedule, days);
  carport_schedule_set_start_time (schedule, start);
  carport_schedule_set_start_time_is_utc (schedule, TRUE);
  carport_schedule_set_duration_minutes (schedule, 300);
  return schedule;
}

#define DAY(d) (1u << CARPORT_WEEKDAY_##d)

static void
test_schedule_convert (void)
{
  g_autoptr(GTimeZone) plus2 = g_time_zone_new_identifier ("+02:00");
  g_autoptr(GTimeZone) minus5 = g_time_zone_new_identifier ("-05:00");
  g_autoptr(GTimeZone) india = g_time_zone_new_identifier ("+05:30");

  {
    /* 23:30 UTC on Sunday and Monday is 01:30 on Monday and Tuesday at +2. */
    g_autoptr(CarportSchedule) utc = utc_schedule (DAY (SUNDAY) | DAY (MONDAY), "23:30");
    g_autoptr(CarportSchedule) local = carport_schedule_convert (utc, FALSE, plus2);
    g_autoptr(CarportSchedule) back = carport_schedule_convert (local, TRUE, plus2);

    g_assert_cmpstr (carport_schedule_get_start_time (local), ==, "01:30");
    g_assert_cmpuint (carport_schedule_get_days (local), ==, DAY (MONDAY) | DAY (TUESDAY));
    g_assert_false (carport_schedule_get_start_time_is_utc (local));
    g_assert_cmpint (carport_schedule_get_id (local), ==, 2);
    g_assert_true (carport_schedule_get_activated (local));
    g_assert_cmpint (carport_schedule_get_duration_minutes (local), ==, 300);
    /* The original is left alone. */
    g_assert_cmpstr (carport_schedule_get_start_time (utc), ==, "23:30");

    g_assert_cmpstr (carport_schedule_get_start_time (back), ==, "23:30");
    g_assert_cmpuint (carport_schedule_get_days (back), ==, DAY (SUNDAY) | DAY (MONDAY));
    g_assert_true (carport_schedule_get_start_time_is_utc (back));
  }
  {
    /* 02:00 UTC on Monday is 21:00 on Sunday at -5. */
    g_autoptr(CarportSchedule) utc = utc_schedule (DAY (MONDAY) | DAY (SATURDAY), "02:00");
    g_autoptr(CarportSchedule) local = carport_schedule_convert (utc, FALSE, minus5);

    g_assert_cmpstr (carport_schedule_get_start_time (local), ==, "21:00");
    g_assert_cmpuint (carport_schedule_get_days (local), ==, DAY (SUNDAY) | DAY (FRIDAY));
  }
  {
    /* Same day; half-hour zones. */
    g_autoptr(CarportSchedule) utc = utc_schedule (DAY (WEDNESDAY), "10:15");
    g_autoptr(CarportSchedule) local = carport_schedule_convert (utc, FALSE, india);

    g_assert_cmpstr (carport_schedule_get_start_time (local), ==, "15:45");
    g_assert_cmpuint (carport_schedule_get_days (local), ==, DAY (WEDNESDAY));
  }
  {
    /* Already UTC, or no time: copied as they are. */
    g_autoptr(CarportSchedule) utc = utc_schedule (DAY (FRIDAY), "05:00");
    g_autoptr(CarportSchedule) same = carport_schedule_convert (utc, TRUE, plus2);
    g_autoptr(CarportSchedule) empty = utc_schedule (0, NULL);
    g_autoptr(CarportSchedule) empty_local = carport_schedule_convert (empty, FALSE, plus2);
    g_autoptr(CarportSchedule) bad = utc_schedule (DAY (FRIDAY), "25:99");
    g_autoptr(CarportSchedule) bad_local = carport_schedule_convert (bad, FALSE, plus2);

    g_assert_true (same != utc);
    g_assert_cmpstr (carport_schedule_get_start_time (same), ==, "05:00");
    g_assert_cmpuint (carport_schedule_get_days (same), ==, DAY (FRIDAY));
    g_assert_null (carport_schedule_get_start_time (empty_local));
    g_assert_false (carport_schedule_get_start_time_is_utc (empty_local));
    g_assert_cmpstr (carport_schedule_get_start_time (bad_local), ==, "25:99");
  }
}

/* What the base class holds: an abstract type, "updated" and clear(). */
static void
test_state_base_class (void)
{
  g_assert_true (G_TYPE_IS_ABSTRACT (CARPORT_TYPE_STATE));
  g_assert_false (g_type_is_a (CARPORT_TYPE_SCHEDULE, CARPORT_TYPE_STATE));

  for (guint i = 0; i < G_N_ELEMENTS (state_classes); i++)
    {
      GType type = state_classes[i].get_type ();
      g_autoptr(GDateTime) dt = g_date_time_new_utc (2024, 1, 2, 3, 4, 5);
      g_autoptr(GDateTime) same = g_date_time_new_utc (2024, 1, 2, 3, 4, 5);
      GObject *object;
      GParamSpec *pspec;
      NotifyCounter counter;

      if (type == CARPORT_TYPE_SCHEDULE)
        continue;

      g_assert_true (g_type_is_a (type, CARPORT_TYPE_STATE));
      g_assert_true (G_TYPE_IS_FINAL (type));
      pspec = g_object_class_find_property (g_type_class_peek (type), "updated");
      g_assert_nonnull (pspec);
      g_assert_true (pspec->owner_type == CARPORT_TYPE_STATE);
      g_assert_true (pspec->flags & G_PARAM_EXPLICIT_NOTIFY);

      object = g_object_new (type, NULL);
      notify_counter_init (&counter, object);
      g_assert_null (carport_state_get_updated (CARPORT_STATE (object)));
      carport_state_set_updated (CARPORT_STATE (object), dt);
      carport_state_set_updated (CARPORT_STATE (object), same);
      g_assert_true (carport_state_get_updated (CARPORT_STATE (object)) == dt);
      g_assert_cmpuint (notify_counter_get (&counter, "updated"), ==, 1);

      carport_state_clear (CARPORT_STATE (object));
      g_assert_null (carport_state_get_updated (CARPORT_STATE (object)));
      g_assert_cmpuint (notify_counter_get (&counter, "updated"), ==, 2);

      notify_counter_clear (&counter);
      g_assert_finalize_object (object);
    }
}

/* merge() copies what an update reports and keeps the rest; an update
 * with nothing but a time changes nothing. */
static void
test_state_merge (void)
{
  g_autoptr(CarportBattery) battery = carport_battery_new ();
  g_autoptr(CarportBattery) update = carport_battery_new ();
  g_autoptr(CarportBattery) time_only = carport_battery_new ();
  g_autoptr(GDateTime) first = g_date_time_new_utc (2024, 1, 2, 3, 4, 5);
  g_autoptr(GDateTime) later = g_date_time_new_utc (2024, 1, 3, 3, 4, 5);
  NotifyCounter counter;

  carport_battery_set_level_percent (battery, 62);
  carport_battery_set_range_km (battery, 180);
  carport_battery_set_plug (battery, CARPORT_PLUG_STATE_PLUGGED);
  carport_state_set_updated (CARPORT_STATE (battery), first);
  notify_counter_init (&counter, G_OBJECT (battery));

  carport_battery_set_level_percent (update, 0);
  carport_battery_set_charging (update, CARPORT_CHARGING_STATE_CHARGING);
  g_assert_true (carport_state_merge (CARPORT_STATE (battery), CARPORT_STATE (update)));
  g_assert_cmpint (carport_battery_get_level_percent (battery), ==, 0);
  g_assert_cmpint (carport_battery_get_charging (battery), ==, CARPORT_CHARGING_STATE_CHARGING);
  g_assert_cmpfloat (carport_battery_get_range_km (battery), ==, 180);
  g_assert_cmpint (carport_battery_get_plug (battery), ==, CARPORT_PLUG_STATE_PLUGGED);
  g_assert_true (carport_state_get_updated (CARPORT_STATE (battery)) == first);
  g_assert_cmpuint (notify_counter_get (&counter, "level-percent"), ==, 1);
  g_assert_cmpuint (notify_counter_get (&counter, "range-km"), ==, 0);

  carport_state_set_updated (CARPORT_STATE (time_only), later);
  g_assert_false (carport_state_merge (CARPORT_STATE (battery), CARPORT_STATE (time_only)));
  g_assert_true (carport_state_get_updated (CARPORT_STATE (battery)) == first);

  carport_state_set_updated (CARPORT_STATE (update), later);
  g_assert_true (carport_state_merge (CARPORT_STATE (battery), CARPORT_STATE (update)));
  g_assert_true (g_date_time_equal (carport_state_get_updated (CARPORT_STATE (battery)), later));
  notify_counter_clear (&counter);
}

/* A next start is reported only while one is set. */
static void
test_climate_merge_next_start (void)
{
  g_autoptr(CarportClimate) climate = carport_climate_new ();
  g_autoptr(CarportClimate) outside_only = carport_climate_new ();
  g_autoptr(CarportClimate) off = carport_climate_new ();
  g_autoptr(GDateTime) next = g_date_time_new_utc (2024, 1, 3, 6, 30, 0);

  carport_climate_set_state (climate, CARPORT_CLIMATE_STATE_OFF);
  carport_climate_set_next_start (climate, next);

  carport_climate_set_outside_c (outside_only, 4);
  g_assert_true (carport_state_merge (CARPORT_STATE (climate), CARPORT_STATE (outside_only)));
  g_assert_true (carport_climate_get_next_start (climate) == next);

  carport_climate_set_state (off, CARPORT_CLIMATE_STATE_OFF);
  g_assert_true (carport_state_merge (CARPORT_STATE (climate), CARPORT_STATE (off)));
  g_assert_null (carport_climate_get_next_start (climate));
  g_assert_cmpfloat (carport_climate_get_outside_c (climate), ==, 4);
}

/* A start a command planned shows until the car reports it: a read older
 * than the command, or without a time, that reports none leaves it; a newer
 * one ends it. */
static void
test_climate_expected_next_start (void)
{
  g_autoptr(CarportClimate) climate = carport_climate_new ();
  g_autoptr(CarportClimate) stale = carport_climate_new ();
  g_autoptr(CarportClimate) untimed = carport_climate_new ();
  g_autoptr(CarportClimate) fresh = carport_climate_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) planned = g_date_time_add_hours (now, 2);
  g_autoptr(GDateTime) before = g_date_time_add_minutes (now, -10);
  g_autoptr(GDateTime) after = g_date_time_add_minutes (now, 10);

  carport_climate_set_state (climate, CARPORT_CLIMATE_STATE_OFF);
  carport_climate_expect_next_start (climate, planned);
  g_assert_true (carport_climate_get_next_start (climate) == planned);

  carport_climate_set_state (stale, CARPORT_CLIMATE_STATE_OFF);
  carport_state_set_updated (CARPORT_STATE (stale), before);
  g_assert_true (carport_state_merge (CARPORT_STATE (climate), CARPORT_STATE (stale)));
  g_assert_true (carport_climate_get_next_start (climate) == planned);

  carport_climate_set_state (untimed, CARPORT_CLIMATE_STATE_OFF);
  g_assert_true (carport_state_merge (CARPORT_STATE (climate), CARPORT_STATE (untimed)));
  g_assert_true (carport_climate_get_next_start (climate) == planned);

  carport_climate_set_state (fresh, CARPORT_CLIMATE_STATE_OFF);
  carport_state_set_updated (CARPORT_STATE (fresh), after);
  g_assert_true (carport_state_merge (CARPORT_STATE (climate), CARPORT_STATE (fresh)));
  g_assert_null (carport_climate_get_next_start (climate));
}

/* A battery's charging power and time to full go with a charge: a read
 * that says none is under way, without them, takes them away. */
static void
test_battery_merge_charge (void)
{
  g_autoptr(CarportBattery) battery = carport_battery_new ();
  g_autoptr(CarportBattery) level_only = carport_battery_new ();
  g_autoptr(CarportBattery) stopped = carport_battery_new ();
  g_autoptr(CarportBattery) ended = carport_battery_new ();

  carport_battery_set_charging (battery, CARPORT_CHARGING_STATE_CHARGING);
  carport_battery_set_charging_power_kw (battery, 6.6);
  carport_battery_set_remaining_minutes (battery, 95);

  /* A read without a charging state says nothing about the charge. */
  carport_battery_set_level_percent (level_only, 70);
  g_assert_true (carport_state_merge (CARPORT_STATE (battery), CARPORT_STATE (level_only)));
  g_assert_cmpfloat (carport_battery_get_charging_power_kw (battery), ==, 6.6);
  g_assert_cmpint (carport_battery_get_remaining_minutes (battery), ==, 95);

  /* Ended, with a time reported: only the power goes. */
  carport_battery_set_charging (ended, CARPORT_CHARGING_STATE_ENDED);
  carport_battery_set_remaining_minutes (ended, 0);
  g_assert_true (carport_state_merge (CARPORT_STATE (battery), CARPORT_STATE (ended)));
  g_assert_true (isnan (carport_battery_get_charging_power_kw (battery)));
  g_assert_cmpint (carport_battery_get_remaining_minutes (battery), ==, 0);

  carport_battery_set_charging (stopped, CARPORT_CHARGING_STATE_NOT_CHARGING);
  g_assert_true (carport_state_merge (CARPORT_STATE (battery), CARPORT_STATE (stopped)));
  g_assert_cmpint (carport_battery_get_remaining_minutes (battery), ==, -1);
  g_assert_cmpint (carport_battery_get_level_percent (battery), ==, 70);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (state_classes); i++)
    {
      g_autofree char *defaults = g_strdup_printf ("/core/%s/defaults", state_classes[i].name);
      g_autofree char *notify = g_strdup_printf ("/core/%s/notify", state_classes[i].name);
      g_autofree char *clear = g_strdup_printf ("/core/%s/clear", state_classes[i].name);

      g_test_add_data_func (defaults, &state_classes[i], test_defaults);
      g_test_add_data_func (notify, &state_classes[i], test_notify);
      g_test_add_data_func (clear, &state_classes[i], test_clear);
    }

  g_test_add_func ("/core/state/base-class", test_state_base_class);
  g_test_add_func ("/core/state/merge", test_state_merge);
  g_test_add_func ("/core/battery/merge-charge", test_battery_merge_charge);
  g_test_add_func ("/core/climate/merge-next-start", test_climate_merge_next_start);
  g_test_add_func ("/core/climate/expected-next-start", test_climate_expected_next_start);
  g_test_add_func ("/core/battery/accessors", test_battery_accessors);
  g_test_add_func ("/core/trips/summary", test_trips_summary);
  g_test_add_func ("/core/location/geo-uri", test_location_geo_uri);
  g_test_add_func ("/core/location/osm-url-and-coordinates", test_location_osm_url_and_coordinates);
  g_test_add_func ("/core/locks/any-open", test_locks_any_open);
  g_test_add_func ("/core/charge-settings/schedules", test_charge_settings_schedules);
  g_test_add_func ("/core/schedule/convert", test_schedule_convert);

  return g_test_run ();
}
