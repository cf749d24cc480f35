/* test-vehicle.c — CarportVehicle: identity, support masks, errors, cache.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <locale.h>
#include <math.h>

#include "carport-core.h"
#include "core-test-utils.h"

#define ALL_ENDPOINTS ((1u << CARPORT_N_ENDPOINTS) - 1)
#define ALL_COMMANDS  ((1u << CARPORT_N_COMMAND_KINDS) - 1)

static void
test_defaults (void)
{
  CarportVehicle *vehicle = carport_vehicle_new ("VF1AG000000000001");
  GObject *battery = NULL;

  g_assert_cmpstr (carport_vehicle_get_vin (vehicle), ==, "VF1AG000000000001");
  g_assert_cmpint (carport_vehicle_get_brand (vehicle), ==, CARPORT_BRAND_UNKNOWN);
  g_assert_cmpint (carport_vehicle_get_energy (vehicle), ==, CARPORT_ENERGY_NONE);
  g_assert_null (carport_vehicle_get_model_name (vehicle));
  g_assert_cmpuint (carport_vehicle_get_supported_endpoints (vehicle), ==, ALL_ENDPOINTS);
  g_assert_cmpuint (carport_vehicle_get_supported_commands (vehicle), ==, ALL_COMMANDS);
  g_assert_false (carport_vehicle_get_from_cache (vehicle));
  g_assert_false (carport_vehicle_get_refreshing (vehicle));
  g_assert_null (carport_vehicle_get_last_error (vehicle));
  g_assert_false (carport_vehicle_get_has_errors (vehicle));
  assert_all_defaults (G_OBJECT (vehicle));

  /* The state objects exist from the start, as properties too. */
  g_assert_true (CARPORT_IS_BATTERY (carport_vehicle_get_battery (vehicle)));
  g_assert_true (CARPORT_IS_COCKPIT (carport_vehicle_get_cockpit (vehicle)));
  g_assert_true (CARPORT_IS_CLIMATE (carport_vehicle_get_climate (vehicle)));
  g_assert_true (CARPORT_IS_LOCATION (carport_vehicle_get_location (vehicle)));
  g_assert_true (CARPORT_IS_LOCKS (carport_vehicle_get_locks (vehicle)));
  g_assert_true (CARPORT_IS_TYRES (carport_vehicle_get_tyres (vehicle)));
  g_assert_true (CARPORT_IS_TRIPS (carport_vehicle_get_trips (vehicle)));
  g_assert_true (CARPORT_IS_CHARGE_SETTINGS (carport_vehicle_get_charge_settings (vehicle)));
  g_object_get (vehicle, "battery", &battery, NULL);
  g_assert_true (battery == (GObject *) carport_vehicle_get_battery (vehicle));
  g_object_unref (battery);

  assert_all_defaults (G_OBJECT (carport_vehicle_get_battery (vehicle)));
  assert_all_defaults (G_OBJECT (carport_vehicle_get_charge_settings (vehicle)));

  g_assert_finalize_object (vehicle);
}

static void
test_notify (void)
{
  CarportVehicle *vehicle = carport_vehicle_new ("VF1AG000000000001");
  const char * const derived[] = { "display-name", "readable-endpoints", NULL };

  assert_notifies_once (G_OBJECT (vehicle), derived);
  g_assert_finalize_object (vehicle);
}

static void
test_display_name (void)
{
  CarportVehicle *vehicle = carport_vehicle_new ("VF1AG000000000001");
  g_autofree char *from_property = NULL;
  NotifyCounter counter;

  notify_counter_init (&counter, G_OBJECT (vehicle));

  g_assert_cmpstr (carport_vehicle_get_display_name (vehicle), ==, "VF1AG000000000001");

  carport_vehicle_set_model_name (vehicle, "ZOE");
  g_assert_cmpstr (carport_vehicle_get_display_name (vehicle), ==, "ZOE");
  g_assert_cmpuint (notify_counter_get (&counter, "display-name"), ==, 1);

  carport_vehicle_set_registration (vehicle, "AB-123-CD");
  g_assert_cmpstr (carport_vehicle_get_display_name (vehicle), ==, "AB-123-CD");
  g_assert_cmpuint (notify_counter_get (&counter, "display-name"), ==, 2);

  /* Hidden behind the registration: no change, no notification. */
  carport_vehicle_set_model_name (vehicle, "Megane E-Tech");
  g_assert_cmpuint (notify_counter_get (&counter, "display-name"), ==, 2);

  /* Other fields do not touch it. */
  carport_vehicle_set_model_code (vehicle, "XCB1VE");
  carport_vehicle_set_picture_url (vehicle, "https://example.com/car.png");
  g_assert_cmpuint (notify_counter_get (&counter, "display-name"), ==, 2);

  /* An empty registration counts as none. */
  carport_vehicle_set_registration (vehicle, "");
  g_assert_cmpstr (carport_vehicle_get_display_name (vehicle), ==, "Megane E-Tech");
  g_assert_cmpuint (notify_counter_get (&counter, "display-name"), ==, 3);

  carport_vehicle_set_registration (vehicle, NULL);
  g_assert_cmpstr (carport_vehicle_get_display_name (vehicle), ==, "Megane E-Tech");
  g_assert_cmpuint (notify_counter_get (&counter, "display-name"), ==, 3);

  carport_vehicle_set_model_name (vehicle, NULL);
  g_assert_cmpstr (carport_vehicle_get_display_name (vehicle), ==, "VF1AG000000000001");
  g_assert_cmpuint (notify_counter_get (&counter, "display-name"), ==, 4);

  g_object_get (vehicle, "display-name", &from_property, NULL);
  g_assert_cmpstr (from_property, ==, "VF1AG000000000001");

  notify_counter_clear (&counter);
  g_assert_finalize_object (vehicle);
}

static void
test_support_masks (void)
{
  CarportVehicle *vehicle = carport_vehicle_new ("VF1AG000000000001");
  NotifyCounter counter;

  notify_counter_init (&counter, G_OBJECT (vehicle));

  for (guint i = 0; i < CARPORT_N_ENDPOINTS; i++)
    g_assert_true (carport_vehicle_supports_endpoint (vehicle, i));
  for (guint i = 0; i < CARPORT_N_COMMAND_KINDS; i++)
    g_assert_true (carport_vehicle_supports_command (vehicle, i));

  /* Learnt at run time: not readable any more, still offered by the brand. */
  g_assert_true (carport_vehicle_mark_unsupported (vehicle, CARPORT_ENDPOINT_PRESSURE));
  g_assert_false (carport_vehicle_supports_endpoint (vehicle, CARPORT_ENDPOINT_PRESSURE));
  g_assert_true (carport_vehicle_supports_endpoint (vehicle, CARPORT_ENDPOINT_LOCK_STATUS));
  g_assert_cmpuint (carport_vehicle_get_readable_endpoints (vehicle), ==,
                    ALL_ENDPOINTS & ~(1u << CARPORT_ENDPOINT_PRESSURE));
  g_assert_cmpuint (carport_vehicle_get_supported_endpoints (vehicle), ==, ALL_ENDPOINTS);
  g_assert_cmpuint (notify_counter_get (&counter, "readable-endpoints"), ==, 1);
  g_assert_cmpuint (notify_counter_get (&counter, "supported-endpoints"), ==, 0);

  /* Twice is no change. */
  g_assert_true (carport_vehicle_mark_unsupported (vehicle, CARPORT_ENDPOINT_PRESSURE));
  g_assert_cmpuint (notify_counter_get (&counter, "readable-endpoints"), ==, 1);

  /* An endpoint that has answered with data is never hidden. */
  carport_vehicle_note_endpoint_data (vehicle, CARPORT_ENDPOINT_BATTERY_STATUS);
  g_assert_false (carport_vehicle_mark_unsupported (vehicle, CARPORT_ENDPOINT_BATTERY_STATUS));
  g_assert_true (carport_vehicle_supports_endpoint (vehicle, CARPORT_ENDPOINT_BATTERY_STATUS));
  g_assert_cmpuint (notify_counter_get (&counter, "readable-endpoints"), ==, 1);

  /* Data from a learnt endpoint brings it back. */
  carport_vehicle_note_endpoint_data (vehicle, CARPORT_ENDPOINT_PRESSURE);
  g_assert_true (carport_vehicle_supports_endpoint (vehicle, CARPORT_ENDPOINT_PRESSURE));
  g_assert_cmpuint (notify_counter_get (&counter, "readable-endpoints"), ==, 2);

  /* A lesson older than a day is forgotten: the endpoint is asked again. */
  g_assert_true (carport_vehicle_mark_unsupported (vehicle, CARPORT_ENDPOINT_LOCATION));
  g_assert_false (carport_vehicle_supports_endpoint (vehicle, CARPORT_ENDPOINT_LOCATION));
  g_object_set (vehicle, "learned-at",
                (gint64) (g_get_real_time () / G_USEC_PER_SEC - CARPORT_VEHICLE_LEARNED_SECONDS - 60), NULL);
  g_assert_true (carport_vehicle_supports_endpoint (vehicle, CARPORT_ENDPOINT_LOCATION));
  g_assert_cmpuint (notify_counter_get (&counter, "readable-endpoints"), ==, 4);

  carport_vehicle_set_supported_endpoints (vehicle, ALL_ENDPOINTS & ~(1u << CARPORT_ENDPOINT_PRESSURE));
  g_assert_cmpuint (notify_counter_get (&counter, "supported-endpoints"), ==, 1);
  carport_vehicle_set_supported_endpoints (vehicle, ALL_ENDPOINTS & ~(1u << CARPORT_ENDPOINT_BATTERY_STATUS)
                                                    & ~(1u << CARPORT_ENDPOINT_PRESSURE));
  g_assert_false (carport_vehicle_supports_endpoint (vehicle, CARPORT_ENDPOINT_BATTERY_STATUS));
  g_assert_cmpuint (notify_counter_get (&counter, "supported-endpoints"), ==, 2);

  carport_vehicle_set_supported_endpoints (vehicle, 1u << CARPORT_ENDPOINT_LOCATION);
  g_assert_true (carport_vehicle_supports_endpoint (vehicle, CARPORT_ENDPOINT_LOCATION));
  g_assert_false (carport_vehicle_supports_endpoint (vehicle, CARPORT_ENDPOINT_COCKPIT));
  g_assert_cmpuint (notify_counter_get (&counter, "supported-endpoints"), ==, 3);

  /* Bits beyond the last endpoint are dropped. */
  carport_vehicle_set_supported_endpoints (vehicle, G_MAXUINT);
  g_assert_cmpuint (carport_vehicle_get_supported_endpoints (vehicle), ==, ALL_ENDPOINTS);

  carport_vehicle_set_supported_commands (vehicle, (1u << CARPORT_COMMAND_KIND_HORN)
                                                   | (1u << CARPORT_COMMAND_KIND_LIGHTS));
  g_assert_true (carport_vehicle_supports_command (vehicle, CARPORT_COMMAND_KIND_HORN));
  g_assert_true (carport_vehicle_supports_command (vehicle, CARPORT_COMMAND_KIND_LIGHTS));
  g_assert_false (carport_vehicle_supports_command (vehicle, CARPORT_COMMAND_KIND_HVAC_START));
  g_assert_cmpuint (notify_counter_get (&counter, "supported-commands"), ==, 1);
  carport_vehicle_set_supported_commands (vehicle, (1u << CARPORT_COMMAND_KIND_HORN)
                                                   | (1u << CARPORT_COMMAND_KIND_LIGHTS));
  g_assert_cmpuint (notify_counter_get (&counter, "supported-commands"), ==, 1);

  notify_counter_clear (&counter);
  g_assert_finalize_object (vehicle);
}

static void
endpoint_error_changed_cb (CarportVehicle *vehicle, CarportEndpoint endpoint, gpointer user_data)
{
  g_string_append_printf (user_data, "%s|", carport_enum_to_nick (CARPORT_TYPE_ENDPOINT, endpoint));
}

/* Each change of one endpoint's error is told, with the endpoint, also when
 * has-errors stays as it was. */
static void
test_endpoint_error_changed (void)
{
  CarportVehicle *vehicle = carport_vehicle_new ("VF1AG000000000001");
  g_autoptr(GString) told = g_string_new (NULL);

  g_signal_connect (vehicle, "endpoint-error-changed", G_CALLBACK (endpoint_error_changed_cb), told);
  carport_vehicle_set_endpoint_error (vehicle, CARPORT_ENDPOINT_COCKPIT, "Quota");
  carport_vehicle_set_endpoint_error (vehicle, CARPORT_ENDPOINT_COCKPIT, "Quota");
  carport_vehicle_set_endpoint_error (vehicle, CARPORT_ENDPOINT_BATTERY_STATUS, "Malformed");
  carport_vehicle_set_endpoint_error (vehicle, CARPORT_ENDPOINT_BATTERY_STATUS, "Timeout");
  carport_vehicle_set_endpoint_error (vehicle, CARPORT_ENDPOINT_COCKPIT, NULL);
  carport_vehicle_clear_endpoint_errors (vehicle);
  g_assert_cmpstr (told->str, ==, "cockpit|battery-status|battery-status|cockpit|battery-status|");
  g_assert_finalize_object (vehicle);
}

static void
test_endpoint_errors (void)
{
  CarportVehicle *vehicle = carport_vehicle_new ("VF1AG000000000001");
  NotifyCounter counter;
  gboolean has_errors = TRUE;

  notify_counter_init (&counter, G_OBJECT (vehicle));

  for (guint i = 0; i < CARPORT_N_ENDPOINTS; i++)
    g_assert_null (carport_vehicle_get_endpoint_error (vehicle, i));

  carport_vehicle_set_endpoint_error (vehicle, CARPORT_ENDPOINT_COCKPIT, "The server did not answer");
  g_assert_cmpstr (carport_vehicle_get_endpoint_error (vehicle, CARPORT_ENDPOINT_COCKPIT), ==,
                   "The server did not answer");
  g_assert_null (carport_vehicle_get_endpoint_error (vehicle, CARPORT_ENDPOINT_LOCATION));
  g_assert_true (carport_vehicle_get_has_errors (vehicle));
  g_assert_cmpuint (notify_counter_get (&counter, "has-errors"), ==, 1);

  /* A second error does not change has-errors. */
  carport_vehicle_set_endpoint_error (vehicle, CARPORT_ENDPOINT_LOCATION, "Not available");
  carport_vehicle_set_endpoint_error (vehicle, CARPORT_ENDPOINT_LOCATION, "Still not available");
  g_assert_cmpstr (carport_vehicle_get_endpoint_error (vehicle, CARPORT_ENDPOINT_LOCATION), ==,
                   "Still not available");
  g_assert_cmpuint (notify_counter_get (&counter, "has-errors"), ==, 1);

  carport_vehicle_set_endpoint_error (vehicle, CARPORT_ENDPOINT_COCKPIT, NULL);
  g_assert_null (carport_vehicle_get_endpoint_error (vehicle, CARPORT_ENDPOINT_COCKPIT));
  g_assert_true (carport_vehicle_get_has_errors (vehicle));
  g_assert_cmpuint (notify_counter_get (&counter, "has-errors"), ==, 1);

  carport_vehicle_set_endpoint_error (vehicle, CARPORT_ENDPOINT_LOCATION, NULL);
  g_assert_false (carport_vehicle_get_has_errors (vehicle));
  g_assert_cmpuint (notify_counter_get (&counter, "has-errors"), ==, 2);

  carport_vehicle_set_endpoint_error (vehicle, CARPORT_ENDPOINT_PRESSURE, "Oops");
  carport_vehicle_set_endpoint_error (vehicle, CARPORT_ENDPOINT_RES_STATE, "Oops");
  g_assert_cmpuint (notify_counter_get (&counter, "has-errors"), ==, 3);
  carport_vehicle_clear_endpoint_errors (vehicle);
  g_assert_cmpuint (notify_counter_get (&counter, "has-errors"), ==, 4);
  for (guint i = 0; i < CARPORT_N_ENDPOINTS; i++)
    g_assert_null (carport_vehicle_get_endpoint_error (vehicle, i));
  g_object_get (vehicle, "has-errors", &has_errors, NULL);
  g_assert_false (has_errors);

  /* Clearing no errors says nothing. */
  carport_vehicle_clear_endpoint_errors (vehicle);
  g_assert_cmpuint (notify_counter_get (&counter, "has-errors"), ==, 4);

  /* Errors are run-time state only: not in the cache. */
  carport_vehicle_set_endpoint_error (vehicle, CARPORT_ENDPOINT_PRESSURE, "Oops");
  {
    g_autoptr(GVariant) variant = carport_vehicle_serialize (vehicle);
    CarportVehicle *loaded = carport_vehicle_new_from_variant (variant);

    g_assert_false (carport_vehicle_get_has_errors (loaded));
    g_assert_finalize_object (loaded);
  }

  notify_counter_clear (&counter);
  g_assert_finalize_object (vehicle);
}

static CarportVehicle *
make_full_vehicle (void)
{
  CarportVehicle *vehicle = carport_vehicle_new ("VF1AG000000000001");
  CarportChargeSettings *settings = carport_vehicle_get_charge_settings (vehicle);
  g_autoptr(GPtrArray) charge = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) climate = g_ptr_array_new_with_free_func (g_object_unref);
  CarportSchedule *schedule;

  /* Every writable property of the vehicle and of each state object. */
  set_all_non_default (G_OBJECT (vehicle));
  set_all_non_default (G_OBJECT (carport_vehicle_get_battery (vehicle)));
  set_all_non_default (G_OBJECT (carport_vehicle_get_cockpit (vehicle)));
  set_all_non_default (G_OBJECT (carport_vehicle_get_climate (vehicle)));
  set_all_non_default (G_OBJECT (carport_vehicle_get_location (vehicle)));
  set_all_non_default (G_OBJECT (carport_vehicle_get_locks (vehicle)));
  set_all_non_default (G_OBJECT (carport_vehicle_get_tyres (vehicle)));
  set_all_non_default (G_OBJECT (carport_vehicle_get_trips (vehicle)));
  set_all_non_default (G_OBJECT (settings));

  /* Then some realistic values. */
  carport_vehicle_set_brand (vehicle, CARPORT_BRAND_DACIA);
  carport_vehicle_set_model_name (vehicle, "Spring");
  carport_vehicle_set_registration (vehicle, NULL);
  carport_vehicle_mark_unsupported (vehicle, CARPORT_ENDPOINT_PRESSURE);
  carport_battery_set_level_percent (carport_vehicle_get_battery (vehicle), 66);
  carport_battery_set_range_km (carport_vehicle_get_battery (vehicle), 123.25);
  carport_battery_set_temperature_c (carport_vehicle_get_battery (vehicle), NAN);
  carport_location_set_latitude (carport_vehicle_get_location (vehicle), 48.858);

  schedule = carport_schedule_new ();
  carport_schedule_set_id (schedule, 1);
  carport_schedule_set_kind (schedule, CARPORT_SCHEDULE_KIND_CHARGE);
  carport_schedule_set_activated (schedule, TRUE);
  carport_schedule_set_days (schedule, 0x1f);
  carport_schedule_set_start_time (schedule, "T01:30Z");
  carport_schedule_set_start_time_is_utc (schedule, TRUE);
  carport_schedule_set_duration_minutes (schedule, 120);
  g_ptr_array_add (charge, schedule);

  schedule = carport_schedule_new ();
  carport_schedule_set_id (schedule, 2);
  carport_schedule_set_kind (schedule, CARPORT_SCHEDULE_KIND_CHARGE_AND_CLIMATE);
  g_ptr_array_add (charge, schedule);

  schedule = carport_schedule_new ();
  carport_schedule_set_id (schedule, 1);
  carport_schedule_set_kind (schedule, CARPORT_SCHEDULE_KIND_CLIMATE);
  carport_schedule_set_start_time (schedule, "07:15");
  g_ptr_array_add (climate, schedule);

  carport_charge_settings_set_schedules (settings, FALSE, charge);
  carport_charge_settings_set_schedules (settings, TRUE, climate);

  carport_vehicle_set_from_cache (vehicle, FALSE);
  carport_vehicle_set_refreshing (vehicle, TRUE);
  carport_vehicle_set_last_error (vehicle, "Boom");

  return vehicle;
}

/* The charge limits come from the capabilities: a command outside them is
 * refused before any request, with the bounds in the message. */
static void
test_soc_range (void)
{
  g_autoptr(CarportVehicle) vehicle = carport_vehicle_new ("VF1TEST0000000001");
  g_autoptr(CarportCommand) levels = carport_command_new (CARPORT_COMMAND_KIND_SOC_LEVELS, "VF1TEST0000000001");
  g_autoptr(GError) error = NULL;
  CarportSocRange range;
  static const struct {
    int min, target;
    const char *message;
  } cases[] = {
    { 15, 55, NULL }, { 45, 100, NULL }, { 20, 80, NULL },
    { 10, 80, "The minimum charge level must be between 15 % and 45 %, in steps of 5 %." },
    { 22, 80, "The minimum charge level must be between 15 % and 45 %, in steps of 5 %." },
    { -1, 80, "The minimum charge level must be between 15 % and 45 %, in steps of 5 %." },
    { 20, 105, "The charge target must be between 55 % and 100 %, in steps of 5 %." },
    { 20, 83, "The charge target must be between 55 % and 100 %, in steps of 5 %." },
    { 20, -1, "The charge target must be between 55 % and 100 %, in steps of 5 %." },
  };

  carport_capabilities_get_soc_range (carport_vehicle_get_capabilities (vehicle), &range);
  g_assert_cmpint (range.min_lower, ==, 15);
  g_assert_cmpint (range.min_upper, ==, 45);
  g_assert_cmpint (range.target_lower, ==, 55);
  g_assert_cmpint (range.target_upper, ==, 100);
  g_assert_cmpint (range.step, ==, 5);

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      carport_command_set_soc_min_percent (levels, cases[i].min);
      carport_command_set_soc_target_percent (levels, cases[i].target);
      if (cases[i].message == NULL)
        {
          g_assert_true (carport_vehicle_check_command (vehicle, levels, &error));
          g_assert_no_error (error);
          continue;
        }
      g_assert_false (carport_vehicle_check_command (vehicle, levels, &error));
      g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_INVALID_INPUT);
      g_assert_cmpstr (error->message, ==, cases[i].message);
      g_clear_error (&error);
    }
}

static void
test_serialize_round_trip (void)
{
  CarportVehicle *vehicle = make_full_vehicle ();
  CarportVehicle *loaded;
  CarportVehicle *reloaded;
  g_autoptr(GVariant) variant = NULL;
  g_autoptr(GVariant) from_disk = NULL;
  g_autoptr(GVariant) again = NULL;
  g_autoptr(GVariant) battery = NULL;
  g_autoptr(GBytes) bytes = NULL;
  GListModel *schedules;
  g_autoptr(CarportSchedule) first = NULL;
  g_autoptr(CarportSchedule) last = NULL;
  double d;

  variant = carport_vehicle_serialize (vehicle);
  g_assert_nonnull (variant);
  g_assert_false (g_variant_is_floating (variant));
  g_assert_true (g_variant_is_of_type (variant, G_VARIANT_TYPE_VARDICT));

  /* Derived and run-time values are not stored; unknown numbers neither. */
  g_assert_false (g_variant_lookup (variant, "display-name", "s", NULL));
  g_assert_false (g_variant_lookup (variant, "has-errors", "b", NULL));
  g_assert_false (g_variant_lookup (variant, "from-cache", "b", NULL));
  g_assert_false (g_variant_lookup (variant, "refreshing", "b", NULL));
  g_assert_false (g_variant_lookup (variant, "last-error", "s", NULL));
  g_assert_false (g_variant_lookup (variant, "registration", "s", NULL));
  g_assert_true (g_variant_lookup (variant, "brand", "&s", NULL));
  battery = g_variant_lookup_value (variant, "battery", G_VARIANT_TYPE_VARDICT);
  g_assert_nonnull (battery);
  g_assert_false (g_variant_lookup (battery, "temperature-c", "d", NULL));
  g_assert_true (g_variant_lookup (battery, "range-km", "d", &d));
  g_assert_cmpfloat (d, ==, 123.25);

  /* Through bytes, as the disk cache does. */
  bytes = g_variant_get_data_as_bytes (variant);
  from_disk = g_variant_ref_sink (g_variant_new_from_bytes (G_VARIANT_TYPE_VARDICT, bytes, FALSE));

  loaded = carport_vehicle_new_from_variant (from_disk);
  g_assert_nonnull (loaded);
  g_assert_true (carport_vehicle_get_from_cache (loaded));
  g_assert_false (carport_vehicle_get_refreshing (loaded));
  g_assert_null (carport_vehicle_get_last_error (loaded));
  g_assert_cmpstr (carport_vehicle_get_vin (loaded), ==, "VF1AG000000000001");
  g_assert_cmpstr (carport_vehicle_get_display_name (loaded), ==, "Spring");
  g_assert_cmpint (carport_vehicle_get_brand (loaded), ==, CARPORT_BRAND_DACIA);
  g_assert_false (carport_vehicle_supports_endpoint (loaded, CARPORT_ENDPOINT_PRESSURE));
  g_assert_cmpint (carport_battery_get_level_percent (carport_vehicle_get_battery (loaded)), ==, 66);
  g_assert_cmpfloat (carport_battery_get_range_km (carport_vehicle_get_battery (loaded)), ==, 123.25);
  g_assert_true (isnan (carport_battery_get_temperature_c (carport_vehicle_get_battery (loaded))));
  g_assert_cmpfloat (carport_location_get_latitude (carport_vehicle_get_location (loaded)), ==, 48.858);
  g_assert_true (g_date_time_equal (carport_state_get_updated (CARPORT_STATE (carport_vehicle_get_battery (vehicle))),
                                    carport_state_get_updated (CARPORT_STATE (carport_vehicle_get_battery (loaded)))));
  g_assert_cmpint (g_date_time_get_microsecond (carport_state_get_updated (CARPORT_STATE (carport_vehicle_get_battery (loaded)))),
                   ==, 250000);

  schedules = carport_charge_settings_get_schedules (carport_vehicle_get_charge_settings (loaded));
  g_assert_cmpuint (g_list_model_get_n_items (schedules), ==, 3);
  first = g_list_model_get_item (schedules, 0);
  g_assert_cmpint (carport_schedule_get_id (first), ==, 1);
  g_assert_cmpint (carport_schedule_get_kind (first), ==, CARPORT_SCHEDULE_KIND_CHARGE);
  g_assert_true (carport_schedule_get_activated (first));
  g_assert_cmpuint (carport_schedule_get_days (first), ==, 0x1f);
  g_assert_cmpstr (carport_schedule_get_start_time (first), ==, "T01:30Z");
  g_assert_true (carport_schedule_get_start_time_is_utc (first));
  g_assert_cmpint (carport_schedule_get_duration_minutes (first), ==, 120);
  last = g_list_model_get_item (schedules, 2);
  g_assert_cmpint (carport_schedule_get_kind (last), ==, CARPORT_SCHEDULE_KIND_CLIMATE);
  g_assert_cmpstr (carport_schedule_get_start_time (last), ==, "07:15");

  /* Everything stored comes back: serializing again gives the same. */
  again = carport_vehicle_serialize (loaded);
  g_assert_true (g_variant_equal (variant, again));

  /* And a second round trip too. */
  reloaded = carport_vehicle_new_from_variant (again);
  g_clear_pointer (&again, g_variant_unref);
  again = carport_vehicle_serialize (reloaded);
  g_assert_true (g_variant_equal (variant, again));

  g_clear_object (&first);
  g_clear_object (&last);
  g_assert_finalize_object (reloaded);
  g_assert_finalize_object (loaded);
  g_assert_finalize_object (vehicle);
}

static void
test_serialize_defaults (void)
{
  CarportVehicle *vehicle = carport_vehicle_new ("VF1AG000000000002");
  CarportVehicle *loaded;
  g_autoptr(GVariant) variant = carport_vehicle_serialize (vehicle);
  g_autoptr(GVariant) again = NULL;

  loaded = carport_vehicle_new_from_variant (variant);
  assert_all_defaults (G_OBJECT (carport_vehicle_get_battery (loaded)));
  assert_all_defaults (G_OBJECT (carport_vehicle_get_climate (loaded)));
  g_assert_cmpuint (carport_vehicle_get_supported_endpoints (loaded), ==, ALL_ENDPOINTS);
  again = carport_vehicle_serialize (loaded);
  g_assert_true (g_variant_equal (variant, again));

  g_assert_finalize_object (loaded);
  g_assert_finalize_object (vehicle);
}

static void
test_load_missing_keys (void)
{
  CarportVehicle *vehicle;
  g_autoptr(GVariant) empty = g_variant_ref_sink (g_variant_new_array (G_VARIANT_TYPE ("{sv}"), NULL, 0));
  g_autoptr(GVariant) vin_only = NULL;
  GVariantDict dict;

  vehicle = carport_vehicle_new_from_variant (empty);
  g_assert_nonnull (vehicle);
  g_assert_null (carport_vehicle_get_vin (vehicle));
  g_assert_null (carport_vehicle_get_display_name (vehicle));
  g_assert_true (carport_vehicle_get_from_cache (vehicle));
  assert_all_defaults (G_OBJECT (carport_vehicle_get_battery (vehicle)));
  g_assert_cmpuint (carport_vehicle_get_supported_endpoints (vehicle), ==, ALL_ENDPOINTS);
  g_assert_finalize_object (vehicle);

  g_variant_dict_init (&dict, NULL);
  g_variant_dict_insert (&dict, "vin", "s", "VF1AG000000000003");
  g_variant_dict_insert_value (&dict, "battery", g_variant_new_array (G_VARIANT_TYPE ("{sv}"), NULL, 0));
  vin_only = g_variant_ref_sink (g_variant_dict_end (&dict));

  vehicle = carport_vehicle_new_from_variant (vin_only);
  g_assert_cmpstr (carport_vehicle_get_vin (vehicle), ==, "VF1AG000000000003");
  g_assert_cmpstr (carport_vehicle_get_display_name (vehicle), ==, "VF1AG000000000003");
  g_assert_cmpint (carport_battery_get_level_percent (carport_vehicle_get_battery (vehicle)), ==, -1);
  g_assert_true (carport_vehicle_get_from_cache (vehicle));
  g_assert_finalize_object (vehicle);
}

static void
test_load_wrong_types (void)
{
  CarportVehicle *vehicle;
  CarportBattery *battery;
  g_autoptr(GVariant) variant = NULL;
  GVariantDict dict;
  GVariantDict battery_dict;
  GVariantDict locks_dict;
  GVariantDict settings_dict;
  GVariantDict schedule_dict;
  GVariantBuilder schedules;

  g_variant_dict_init (&battery_dict, NULL);
  g_variant_dict_insert (&battery_dict, "level-percent", "s", "eighty");   /* wrong type */
  g_variant_dict_insert (&battery_dict, "range-km", "i", 120);             /* int for double */
  g_variant_dict_insert (&battery_dict, "remaining-minutes", "i", -50);    /* out of range */
  g_variant_dict_insert (&battery_dict, "plug", "s", "sideways");          /* unknown nick */
  g_variant_dict_insert (&battery_dict, "charging", "s", "charging");      /* fine */
  g_variant_dict_insert (&battery_dict, "updated", "s", "yesterday");      /* wrong type */
  g_variant_dict_insert (&battery_dict, "temperature-c", "d", 12.5);       /* fine */
  g_variant_dict_insert (&battery_dict, "no-such-thing", "b", TRUE);       /* unknown */

  g_variant_dict_init (&locks_dict, NULL);
  g_variant_dict_insert (&locks_dict, "state", "i", 1);
  g_variant_dict_insert (&locks_dict, "hatch", "s", "open");

  g_variant_dict_init (&schedule_dict, NULL);
  g_variant_dict_insert (&schedule_dict, "id", "s", "one");
  g_variant_dict_insert (&schedule_dict, "kind", "s", "climate");
  g_variant_builder_init (&schedules, G_VARIANT_TYPE ("aa{sv}"));
  g_variant_builder_add_value (&schedules, g_variant_dict_end (&schedule_dict));

  g_variant_dict_init (&settings_dict, NULL);
  g_variant_dict_insert_value (&settings_dict, "schedules", g_variant_builder_end (&schedules));
  g_variant_dict_insert (&settings_dict, "mode", "s", "");

  g_variant_dict_init (&dict, NULL);
  g_variant_dict_insert (&dict, "vin", "s", "VF1AG000000000004");
  g_variant_dict_insert (&dict, "brand", "i", 2);                          /* wrong type */
  g_variant_dict_insert (&dict, "energy", "s", "electric");                /* fine */
  g_variant_dict_insert (&dict, "display-name", "s", "Hacked");            /* read-only */
  g_variant_dict_insert (&dict, "has-errors", "b", TRUE);                  /* read-only */
  g_variant_dict_insert (&dict, "from-cache", "b", FALSE);                 /* skipped */
  g_variant_dict_insert (&dict, "refreshing", "b", TRUE);                  /* skipped */
  g_variant_dict_insert (&dict, "supported-endpoints", "u", G_MAXUINT);    /* out of range */
  g_variant_dict_insert (&dict, "supported-commands", "u", 3);             /* fine */
  g_variant_dict_insert (&dict, "model-name", "s", "ZOE");
  g_variant_dict_insert (&dict, "registration", "i", 5);
  g_variant_dict_insert (&dict, "unknown-key", "s", "whatever");
  g_variant_dict_insert (&dict, "cockpit", "s", "not a dictionary");
  g_variant_dict_insert (&dict, "tyres", "a{sv}", NULL);
  g_variant_dict_insert_value (&dict, "climate", g_variant_new_strv (NULL, 0));
  g_variant_dict_insert_value (&dict, "battery", g_variant_dict_end (&battery_dict));
  g_variant_dict_insert_value (&dict, "locks", g_variant_dict_end (&locks_dict));
  g_variant_dict_insert_value (&dict, "charge-settings", g_variant_dict_end (&settings_dict));
  variant = g_variant_ref_sink (g_variant_dict_end (&dict));

  vehicle = carport_vehicle_new_from_variant (variant);
  g_assert_nonnull (vehicle);
  g_assert_cmpstr (carport_vehicle_get_vin (vehicle), ==, "VF1AG000000000004");
  g_assert_cmpint (carport_vehicle_get_brand (vehicle), ==, CARPORT_BRAND_UNKNOWN);
  g_assert_cmpint (carport_vehicle_get_energy (vehicle), ==, CARPORT_ENERGY_ELECTRIC);
  g_assert_cmpstr (carport_vehicle_get_display_name (vehicle), ==, "ZOE");
  g_assert_null (carport_vehicle_get_registration (vehicle));
  g_assert_false (carport_vehicle_get_has_errors (vehicle));
  g_assert_true (carport_vehicle_get_from_cache (vehicle));
  g_assert_false (carport_vehicle_get_refreshing (vehicle));
  g_assert_cmpuint (carport_vehicle_get_supported_endpoints (vehicle), ==, ALL_ENDPOINTS);
  g_assert_cmpuint (carport_vehicle_get_supported_commands (vehicle), ==, 3);

  battery = carport_vehicle_get_battery (vehicle);
  g_assert_cmpint (carport_battery_get_level_percent (battery), ==, -1);
  g_assert_true (isnan (carport_battery_get_range_km (battery)));
  g_assert_cmpint (carport_battery_get_remaining_minutes (battery), ==, -1);
  g_assert_cmpint (carport_battery_get_plug (battery), ==, CARPORT_PLUG_STATE_NONE);
  g_assert_cmpint (carport_battery_get_charging (battery), ==, CARPORT_CHARGING_STATE_CHARGING);
  g_assert_null (carport_state_get_updated (CARPORT_STATE (battery)));
  g_assert_cmpfloat (carport_battery_get_temperature_c (battery), ==, 12.5);

  g_assert_cmpint (carport_locks_get_state (carport_vehicle_get_locks (vehicle)), ==, CARPORT_LOCK_STATE_NONE);
  g_assert_cmpint (carport_locks_get_hatch (carport_vehicle_get_locks (vehicle)), ==, CARPORT_OPENING_STATE_OPEN);
  assert_all_defaults (G_OBJECT (carport_vehicle_get_cockpit (vehicle)));
  assert_all_defaults (G_OBJECT (carport_vehicle_get_climate (vehicle)));
  assert_all_defaults (G_OBJECT (carport_vehicle_get_tyres (vehicle)));

  {
    CarportChargeSettings *settings = carport_vehicle_get_charge_settings (vehicle);
    GListModel *model = carport_charge_settings_get_schedules (settings);
    g_autoptr(CarportSchedule) schedule = NULL;

    g_assert_cmpint (carport_charge_settings_get_mode (settings), ==, CARPORT_CHARGE_MODE_NONE);
    g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
    schedule = g_list_model_get_item (model, 0);
    g_assert_cmpint (carport_schedule_get_id (schedule), ==, -1);
    g_assert_cmpint (carport_schedule_get_kind (schedule), ==, CARPORT_SCHEDULE_KIND_CLIMATE);
  }

  g_assert_finalize_object (vehicle);
}

static void
assert_range (CarportVehicle *vehicle,
              double          min_c,
              double          max_c,
              double          step_c)
{
  CarportClimateRange range;

  carport_capabilities_get_climate_range (carport_vehicle_get_capabilities (vehicle), &range);
  g_assert_cmpfloat (range.min_c, ==, min_c);
  g_assert_cmpfloat (range.max_c, ==, max_c);
  g_assert_cmpfloat (range.step_c, ==, step_c);
}

static void
test_capabilities (void)
{
  g_autoptr(CarportVehicle) vehicle = carport_vehicle_new ("VF1AG000000000001");
  CarportCapabilities *caps = carport_vehicle_get_capabilities (vehicle);
  const CarportClimateRange renault = { 15.0, 25.0, 0.5 };
  const CarportClimateRange defaults = CARPORT_CLIMATE_RANGE_DEFAULT;
  g_autoptr(CarportCommand) start = carport_command_new (CARPORT_COMMAND_KIND_HVAC_START, "VF1AG000000000001");
  g_autoptr(CarportCommand) stop = carport_command_new (CARPORT_COMMAND_KIND_HVAC_STOP, "VF1AG000000000001");
  g_autoptr(GError) error = NULL;
  NotifyCounter counter;

  g_assert_true (CARPORT_IS_CAPABILITIES (caps));
  assert_range (vehicle, defaults.min_c, defaults.max_c, defaults.step_c);

  /* One notification per changed bound. */
  notify_counter_init (&counter, G_OBJECT (caps));
  carport_capabilities_set_climate_range (caps, &renault);
  assert_range (vehicle, 15.0, 25.0, 0.5);
  g_assert_cmpuint (notify_counter_get (&counter, "climate-min-c"), ==, 1);
  g_assert_cmpuint (notify_counter_get (&counter, "climate-max-c"), ==, 0);
  g_assert_cmpuint (notify_counter_get (&counter, "climate-step-c"), ==, 1);
  carport_capabilities_set_climate_range (caps, &renault);
  g_assert_cmpuint (notify_counter_total (&counter), ==, 2);
  notify_counter_clear (&counter);

  /* Both bounds are inside; the message names the range. */
  g_assert_true (carport_vehicle_check_climate_temperature (vehicle, 15.0, &error));
  g_assert_true (carport_vehicle_check_climate_temperature (vehicle, 25.0, &error));
  g_assert_true (carport_vehicle_check_climate_temperature (vehicle, 21.3, &error));
  g_assert_no_error (error);
  g_assert_false (carport_vehicle_check_climate_temperature (vehicle, 25.5, &error));
  g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_INVALID_INPUT);
  g_assert_cmpstr (error->message, ==, "The temperature must be between 15 °C and 25 °C.");
  g_clear_error (&error);
  g_assert_false (carport_vehicle_check_climate_temperature (vehicle, NAN, &error));
  g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  /* Commands: only a given climate temperature is checked. */
  g_assert_true (carport_vehicle_check_command (vehicle, start, &error));
  carport_command_set_temperature_c (start, 14.5);
  g_assert_false (carport_vehicle_check_command (vehicle, start, &error));
  g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  carport_command_set_temperature_c (stop, 40);
  g_assert_true (carport_vehicle_check_command (vehicle, stop, &error));
  g_assert_no_error (error);

  /* Half degrees are named as such. */
  {
    const CarportClimateRange odd = { 15.5, 26.5, 0.5 };
    const CarportClimateRange wrong = { 20.0, 10.0, 1.0 };

    carport_capabilities_set_climate_range (caps, &odd);
    g_assert_false (carport_climate_range_check (&odd, 27, &error));
    g_assert_cmpstr (error->message, ==, "The temperature must be between 15.5 °C and 26.5 °C.");
    g_clear_error (&error);

    /* A minimum above the maximum is a programming error. */
    g_test_expect_message ("carport-core", G_LOG_LEVEL_CRITICAL, "*min_c <= range->max_c*");
    carport_capabilities_set_climate_range (caps, &wrong);
    g_test_assert_expected_messages ();
    assert_range (vehicle, 15.5, 26.5, 0.5);
  }
}

/* The capabilities go to the cache and back; a cache from before them, or
 * with a value out of bounds, gives the defaults. */
static void
test_serialize_capabilities (void)
{
  g_autoptr(CarportVehicle) vehicle = carport_vehicle_new ("SJNFAAZE1U0000001");
  const CarportClimateRange nissan = { 16.0, 26.0, 1.0 };
  const CarportClimateRange defaults = CARPORT_CLIMATE_RANGE_DEFAULT;
  g_autoptr(GVariant) variant = NULL;
  g_autoptr(GVariant) caps = NULL;
  g_autoptr(CarportVehicle) loaded = NULL;
  g_autoptr(CarportVehicle) old = NULL;
  g_autoptr(CarportVehicle) bad = NULL;
  g_autoptr(GVariant) old_variant = NULL;
  g_autoptr(GVariant) bad_variant = NULL;
  double d;

  carport_capabilities_set_climate_range (carport_vehicle_get_capabilities (vehicle), &nissan);
  variant = carport_vehicle_serialize (vehicle);
  caps = g_variant_lookup_value (variant, "capabilities", G_VARIANT_TYPE_VARDICT);
  g_assert_nonnull (caps);
  g_assert_true (g_variant_lookup (caps, "climate-min-c", "d", &d));
  g_assert_cmpfloat (d, ==, 16.0);
  g_assert_true (g_variant_lookup (caps, "climate-max-c", "d", &d));
  g_assert_cmpfloat (d, ==, 26.0);
  g_assert_true (g_variant_lookup (caps, "climate-step-c", "d", &d));
  g_assert_cmpfloat (d, ==, 1.0);

  loaded = carport_vehicle_new_from_variant (variant);
  assert_range (loaded, 16.0, 26.0, 1.0);

  /* A cache written before capabilities existed. */
  old_variant = g_variant_ref_sink (g_variant_new_parsed ("{'vin': <'SJNFAAZE1U0000001'>, 'brand': <'nissan'>,"
                                                          " 'battery': <{'level-percent': <int32 50>}>}"));
  old = carport_vehicle_new_from_variant (old_variant);
  g_assert_cmpint (carport_battery_get_level_percent (carport_vehicle_get_battery (old)), ==, 50);
  assert_range (old, defaults.min_c, defaults.max_c, defaults.step_c);

  /* A step of 0 or a text is ignored; the rest is kept. */
  bad_variant = g_variant_ref_sink (g_variant_new_parsed ("{'vin': <'SJNFAAZE1U0000001'>,"
                                                          " 'capabilities': <{'climate-min-c': <15.0>,"
                                                          " 'climate-max-c': <'hot'>, 'climate-step-c': <0.0>}>}"));
  bad = carport_vehicle_new_from_variant (bad_variant);
  assert_range (bad, 15.0, defaults.max_c, defaults.step_c);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/vehicle/defaults", test_defaults);
  g_test_add_func ("/core/vehicle/notify", test_notify);
  g_test_add_func ("/core/vehicle/display-name", test_display_name);
  g_test_add_func ("/core/vehicle/support-masks", test_support_masks);
  g_test_add_func ("/core/vehicle/endpoint-errors", test_endpoint_errors);
  g_test_add_func ("/core/vehicle/endpoint-error-changed", test_endpoint_error_changed);
  g_test_add_func ("/core/vehicle/capabilities", test_capabilities);
  g_test_add_func ("/core/vehicle/soc-range", test_soc_range);
  g_test_add_func ("/core/vehicle/serialize/round-trip", test_serialize_round_trip);
  g_test_add_func ("/core/vehicle/serialize/capabilities", test_serialize_capabilities);
  g_test_add_func ("/core/vehicle/serialize/defaults", test_serialize_defaults);
  g_test_add_func ("/core/vehicle/serialize/missing-keys", test_load_missing_keys);
  g_test_add_func ("/core/vehicle/serialize/wrong-types", test_load_wrong_types);

  return g_test_run ();
}
