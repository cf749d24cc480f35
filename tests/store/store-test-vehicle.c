/* store-test-vehicle.c — a car with every field set, and the deep
 * comparison of two cars, for the tests of what is kept on disk.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>

#include "store-test-vehicle.h"

/* Run-time state, and what the service finds again itself (the picture in
 * its cache, the address at the geocoder when asked for). */
static const char * const not_cached[] = { "from-cache", "refreshing", "last-error", "picture-file", "address", NULL };

static GDateTime *
utc (int year, int month, int day, int hour, int minute, int second)
{
  return g_date_time_new_utc (year, month, day, hour, minute, second);
}

static CarportSchedule *
make_schedule (int                 id,
               CarportScheduleKind kind,
               const char         *start,
               int                 duration)
{
  CarportSchedule *schedule = carport_schedule_new ();

  carport_schedule_set_id (schedule, id);
  carport_schedule_set_kind (schedule, kind);
  carport_schedule_set_activated (schedule, TRUE);
  carport_schedule_set_days (schedule, (1u << CARPORT_WEEKDAY_MONDAY) | (1u << CARPORT_WEEKDAY_FRIDAY));
  carport_schedule_set_start_time (schedule, start);
  carport_schedule_set_start_time_is_utc (schedule, TRUE);
  carport_schedule_set_duration_minutes (schedule, duration);

  return schedule;
}

/* A car with a value in every property of every state object. */
CarportVehicle *
store_test_full_vehicle (const char *vin)
{
  CarportVehicle *vehicle = carport_vehicle_new (vin);
  CarportBattery *battery = carport_vehicle_get_battery (vehicle);
  CarportCockpit *cockpit = carport_vehicle_get_cockpit (vehicle);
  CarportClimate *climate = carport_vehicle_get_climate (vehicle);
  CarportLocation *location = carport_vehicle_get_location (vehicle);
  CarportLocks *locks = carport_vehicle_get_locks (vehicle);
  CarportTyres *tyres = carport_vehicle_get_tyres (vehicle);
  CarportTrips *trips = carport_vehicle_get_trips (vehicle);
  const CarportTripSummary month = { 33, 838.9, 1780, 129.5, 1.25 };
  const CarportTripSummary today = { 2, 24.5, 52, 3.9, 0.0 };
  CarportChargeSettings *settings = carport_vehicle_get_charge_settings (vehicle);
  g_autoptr(GDateTime) t1 = utc (2024, 5, 17, 8, 30, 12);
  g_autoptr(GDateTime) t2 = utc (2024, 5, 17, 9, 0, 0);
  g_autoptr(GPtrArray) charge = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) hvac = g_ptr_array_new_with_free_func (g_object_unref);
  CarportServices *services = carport_vehicle_get_services (vehicle);
  g_autoptr(GPtrArray) alerts = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) contracts = g_ptr_array_new_with_free_func (g_object_unref);

  carport_vehicle_set_brand (vehicle, CARPORT_BRAND_RENAULT);
  carport_vehicle_set_model_code (vehicle, "X101VE");
  carport_vehicle_set_model_name (vehicle, "ZOE");
  carport_vehicle_set_registration (vehicle, "AB-123-CD");
  carport_vehicle_set_energy (vehicle, CARPORT_ENERGY_ELECTRIC);
  carport_vehicle_set_account_id (vehicle, "account-1");
  carport_vehicle_set_picture_url (vehicle, "https://example.com/zoe.png");
  carport_vehicle_set_client_data (vehicle, "{'car-gateway': 'GDC'}");
  carport_vehicle_set_supported_endpoints (vehicle, 0x1ff5);
  carport_vehicle_set_supported_commands (vehicle, 0x0f3b);

  carport_battery_set_level_percent (battery, 64);
  carport_battery_set_range_km (battery, 187.5);
  carport_battery_set_temperature_c (battery, 21.25);
  carport_battery_set_available_energy_kwh (battery, 31.0);
  carport_battery_set_plug (battery, CARPORT_PLUG_STATE_PLUGGED);
  carport_battery_set_charging (battery, CARPORT_CHARGING_STATE_CHARGING);
  carport_battery_set_charging_power_kw (battery, 7.4);
  carport_battery_set_remaining_minutes (battery, 95);
  carport_battery_set_remaining_updated (battery, t1);
  carport_battery_set_capacity_kwh (battery, 52.0);
  carport_state_set_updated (CARPORT_STATE (battery), t1);

  carport_cockpit_set_mileage_km (cockpit, 45678.9);
  carport_cockpit_set_fuel_range_km (cockpit, 321.0);
  carport_cockpit_set_fuel_litres (cockpit, 12.5);
  carport_state_set_updated (CARPORT_STATE (cockpit), t1);

  carport_climate_set_state (climate, CARPORT_CLIMATE_STATE_ON);
  carport_climate_set_outside_c (climate, -3.5);
  carport_climate_set_inside_c (climate, 19.0);
  carport_climate_set_soc_threshold_percent (climate, 40.0);
  carport_climate_set_target_c (climate, 21.0);
  carport_climate_set_next_start (climate, t2);
  carport_state_set_updated (CARPORT_STATE (climate), t1);

  carport_location_set_latitude (location, 48.8566);
  carport_location_set_longitude (location, 2.3522);
  carport_state_set_updated (CARPORT_STATE (location), t1);

  carport_locks_set_state (locks, CARPORT_LOCK_STATE_UNLOCKED);
  carport_locks_set_driver (locks, CARPORT_OPENING_STATE_OPEN);
  carport_locks_set_passenger (locks, CARPORT_OPENING_STATE_CLOSED);
  carport_locks_set_rear_left (locks, CARPORT_OPENING_STATE_CLOSED);
  carport_locks_set_rear_right (locks, CARPORT_OPENING_STATE_OPEN);
  carport_locks_set_hatch (locks, CARPORT_OPENING_STATE_CLOSED);
  carport_state_set_updated (CARPORT_STATE (locks), t1);

  carport_tyres_set_front_left_bar (tyres, 2.5);
  carport_tyres_set_front_right_bar (tyres, 2.4);
  carport_tyres_set_rear_left_bar (tyres, 2.3);
  carport_tyres_set_rear_right_bar (tyres, 2.2);
  for (CarportTyre tyre = 0; tyre < CARPORT_N_TYRES; tyre++)
    carport_tyres_set_status (tyres, tyre, tyre == CARPORT_TYRE_REAR_LEFT ? CARPORT_TYRE_STATUS_WARNING
                                                                           : CARPORT_TYRE_STATUS_OK);
  carport_state_set_updated (CARPORT_STATE (tyres), t1);

  carport_trips_set_summary (trips, CARPORT_TRIPS_PERIOD_MONTH, &month);
  carport_trips_set_summary (trips, CARPORT_TRIPS_PERIOD_TODAY, &today);
  carport_state_set_updated (CARPORT_STATE (trips), t2);

  carport_charge_settings_set_mode (settings, CARPORT_CHARGE_MODE_SCHEDULED);
  carport_charge_settings_set_soc_min_percent (settings, 20);
  carport_charge_settings_set_soc_target_percent (settings, 80);
  carport_charge_settings_set_delayed_start (settings, t2);
  carport_capabilities_set_charge_start_time (carport_vehicle_get_capabilities (vehicle), TRUE);
  carport_charge_settings_set_climate_mode (settings, "scheduled");
  carport_charge_settings_set_charge_time_start (settings, "23:30");
  carport_charge_settings_set_charge_duration_minutes (settings, 300);
  carport_charge_settings_set_preconditioning_temperature_c (settings, 21.5);
  carport_charge_settings_set_heated_steering_wheel (settings, CARPORT_TOGGLE_ON);
  carport_charge_settings_set_heated_left_seat (settings, CARPORT_TOGGLE_OFF);
  carport_charge_settings_set_heated_right_seat (settings, CARPORT_TOGGLE_ON);
  g_ptr_array_add (charge, make_schedule (1, CARPORT_SCHEDULE_KIND_CHARGE, "22:30", 420));
  g_ptr_array_add (charge, make_schedule (2, CARPORT_SCHEDULE_KIND_CHARGE, "01:15", 90));
  carport_charge_settings_set_schedules (settings, FALSE, charge);
  g_ptr_array_add (hvac, make_schedule (3, CARPORT_SCHEDULE_KIND_CLIMATE, "07:45", 15));
  carport_charge_settings_set_schedules (settings, TRUE, hvac);
  carport_state_set_updated (CARPORT_STATE (settings), t2);

  carport_services_set_car_gateway (services, "GDC");
  carport_services_set_can_generation (services, "C1A");
  carport_services_set_remote_start_code (services, "10");
  carport_services_set_remote_start_details (services, "Stopped, ready for RES");
  g_ptr_array_add (alerts, carport_alert_new ("oillevellow", "Oil level", "Top up the engine oil.", 2, 45600.0));
  carport_services_set_alerts (services, alerts);
  g_ptr_array_add (contracts, carport_contract_new ("CONNECTED_SERVICES", "ZECONNECTP", "Connected services",
                                                    CARPORT_CONTRACT_STATUS_ACTIVE, "2024-03-08", "2027-03-08"));
  carport_services_set_contracts (services, contracts);
  carport_state_set_updated (CARPORT_STATE (services), t2);

  return vehicle;
}

/* Fails when a property of @object (or of its state objects) was left at
 * "not reported", so that the round trip really covers every field. */
void
store_test_assert_all_set (GObject    *object,
                           const char *where)
{
  g_autofree GParamSpec **pspecs = NULL;
  guint n_pspecs;

  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (object), &n_pspecs);
  for (guint i = 0; i < n_pspecs; i++)
    {
      GParamSpec *pspec = pspecs[i];
      g_auto(GValue) value = G_VALUE_INIT;
      GType type = pspec->value_type;

      if (g_strv_contains (not_cached, pspec->name))
        continue;

      g_value_init (&value, type);
      g_object_get_property (object, pspec->name, &value);

      if (type == G_TYPE_DOUBLE)
        {
          if (isnan (g_value_get_double (&value)))
            g_error ("Fixture leaves %s:%s unknown", where, pspec->name);
        }
      else if (type == G_TYPE_STRING || type == G_TYPE_DATE_TIME)
        {
          if (g_value_peek_pointer (&value) == NULL)
            g_error ("Fixture leaves %s:%s unset", where, pspec->name);
        }
      else if (G_TYPE_IS_ENUM (type))
        {
          g_autoptr(GEnumClass) klass = g_type_class_ref (type);
          GEnumValue *enum_value = g_enum_get_value (klass, g_value_get_enum (&value));

          if (enum_value == NULL || g_str_equal (enum_value->value_nick, "none"))
            g_error ("Fixture leaves %s:%s at NONE", where, pspec->name);
        }
      else if (type == G_TYPE_INT)
        {
          if (g_value_get_int (&value) == -1)
            g_error ("Fixture leaves %s:%s unknown", where, pspec->name);
        }
      else if (g_type_is_a (type, G_TYPE_LIST_MODEL))
        {
          GListModel *model = g_value_get_object (&value);

          if (g_list_model_get_n_items (model) == 0)
            g_error ("Fixture leaves %s:%s empty", where, pspec->name);
          for (guint j = 0; j < g_list_model_get_n_items (model); j++)
            {
              g_autoptr(GObject) item = g_list_model_get_item (model, j);
              g_autofree char *inner = g_strdup_printf ("%s:%s[%u]", where, pspec->name, j);

              store_test_assert_all_set (item, inner);
            }
        }
      else if (g_type_is_a (type, G_TYPE_OBJECT))
        {
          g_autofree char *inner = g_strdup_printf ("%s:%s", where, pspec->name);

          store_test_assert_all_set (g_value_get_object (&value), inner);
        }
    }
}

/* Compares every readable property of @a and @b, state objects and
 * programmes included. */
void
store_test_assert_objects_equal (GObject    *a,
                                 GObject    *b,
                                 const char *where)
{
  g_autofree GParamSpec **pspecs = NULL;
  guint n_pspecs;

  g_assert_cmpstr (G_OBJECT_TYPE_NAME (a), ==, G_OBJECT_TYPE_NAME (b));

  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (a), &n_pspecs);
  for (guint i = 0; i < n_pspecs; i++)
    {
      GParamSpec *pspec = pspecs[i];
      g_auto(GValue) va = G_VALUE_INIT;
      g_auto(GValue) vb = G_VALUE_INIT;
      GType type = pspec->value_type;
      g_autofree char *name = g_strdup_printf ("%s:%s", where, pspec->name);

      if ((pspec->flags & G_PARAM_READABLE) == 0 || g_strv_contains (not_cached, pspec->name))
        continue;

      g_value_init (&va, type);
      g_value_init (&vb, type);
      g_object_get_property (a, pspec->name, &va);
      g_object_get_property (b, pspec->name, &vb);

      if (type == G_TYPE_DOUBLE)
        {
          double da = g_value_get_double (&va);
          double db = g_value_get_double (&vb);

          if (!(isnan (da) && isnan (db)) && da != db)
            g_error ("%s: %g != %g", name, da, db);
        }
      else if (type == G_TYPE_DATE_TIME)
        {
          GDateTime *ta = g_value_get_boxed (&va);
          GDateTime *tb = g_value_get_boxed (&vb);

          if ((ta == NULL) != (tb == NULL) || (ta != NULL && !g_date_time_equal (ta, tb)))
            g_error ("%s: times differ", name);
        }
      else if (g_type_is_a (type, G_TYPE_LIST_MODEL))
        {
          GListModel *ma = g_value_get_object (&va);
          GListModel *mb = g_value_get_object (&vb);

          g_assert_cmpuint (g_list_model_get_n_items (ma), ==, g_list_model_get_n_items (mb));
          for (guint j = 0; j < g_list_model_get_n_items (ma); j++)
            {
              g_autoptr(GObject) ia = g_list_model_get_item (ma, j);
              g_autoptr(GObject) ib = g_list_model_get_item (mb, j);
              g_autofree char *inner = g_strdup_printf ("%s[%u]", name, j);

              store_test_assert_objects_equal (ia, ib, inner);
            }
        }
      else if (g_type_is_a (type, G_TYPE_OBJECT))
        {
          GObject *oa = g_value_get_object (&va);
          GObject *ob = g_value_get_object (&vb);

          g_assert_true ((oa == NULL) == (ob == NULL));
          if (oa != NULL)
            store_test_assert_objects_equal (oa, ob, name);
        }
      else if (g_param_values_cmp (pspec, &va, &vb) != 0)
        {
          g_autofree char *sa = g_strdup_value_contents (&va);
          g_autofree char *sb = g_strdup_value_contents (&vb);

          g_error ("%s: %s != %s", name, sa, sb);
        }
    }
}

