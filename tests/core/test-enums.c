/* test-enums.c — nick <-> value helpers.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <locale.h>

#include "carport-core.h"

static void
test_nicks (void)
{
  g_assert_cmpstr (carport_enum_to_nick (CARPORT_TYPE_PLUG_STATE, CARPORT_PLUG_STATE_PLUGGED), ==, "plugged");
  g_assert_cmpstr (carport_enum_to_nick (CARPORT_TYPE_ENDPOINT, CARPORT_ENDPOINT_BATTERY_STATUS), ==, "battery-status");
  g_assert_cmpstr (carport_enum_to_nick (CARPORT_TYPE_ENDPOINT, CARPORT_ENDPOINT_LOCK_STATUS), ==, "lock-status");
  g_assert_cmpstr (carport_enum_to_nick (CARPORT_TYPE_COMMAND_KIND, CARPORT_COMMAND_KIND_HVAC_START), ==, "hvac-start");
  g_assert_cmpstr (carport_enum_to_nick (CARPORT_TYPE_CHARGING_STATE, CARPORT_CHARGING_STATE_WAITING_PLANNED), ==, "waiting-planned");
  g_assert_cmpstr (carport_enum_to_nick (CARPORT_TYPE_SCHEDULE_KIND, CARPORT_SCHEDULE_KIND_CHARGE_AND_CLIMATE), ==, "charge-and-climate");
  g_assert_cmpstr (carport_enum_to_nick (CARPORT_TYPE_COMMAND_STATE, CARPORT_COMMAND_STATE_TIMED_OUT), ==, "timed-out");

  /* Out of range, and the skipped counters. */
  g_assert_null (carport_enum_to_nick (CARPORT_TYPE_PLUG_STATE, 99));
  g_assert_null (carport_enum_to_nick (CARPORT_TYPE_PLUG_STATE, -1));
  g_assert_null (carport_enum_to_nick (CARPORT_TYPE_ENDPOINT, CARPORT_N_ENDPOINTS));
  g_assert_null (carport_enum_to_nick (CARPORT_TYPE_COMMAND_KIND, CARPORT_N_COMMAND_KINDS));

  g_assert_cmpint (carport_enum_from_nick (CARPORT_TYPE_PLUG_STATE, "unplugged", -1), ==, CARPORT_PLUG_STATE_UNPLUGGED);
  g_assert_cmpint (carport_enum_from_nick (CARPORT_TYPE_ENDPOINT, "pressure", -1), ==, CARPORT_ENDPOINT_PRESSURE);
  g_assert_cmpint (carport_enum_from_nick (CARPORT_TYPE_ENDPOINT, "trip-history", -1), ==, CARPORT_ENDPOINT_TRIP_HISTORY);
  g_assert_cmpint (carport_enum_from_nick (CARPORT_TYPE_PLUG_STATE, "nonsense", 42), ==, 42);
  g_assert_cmpint (carport_enum_from_nick (CARPORT_TYPE_PLUG_STATE, NULL, 7), ==, 7);
  g_assert_cmpint (carport_enum_from_nick (CARPORT_TYPE_PLUG_STATE, "", 7), ==, 7);
  /* Nicks, not names. */
  g_assert_cmpint (carport_enum_from_nick (CARPORT_TYPE_PLUG_STATE, "CARPORT_PLUG_STATE_PLUGGED", 7), ==, 7);
}

static void
test_round_trip (void)
{
  const GType types[] = {
    CARPORT_TYPE_BRAND, CARPORT_TYPE_ENERGY, CARPORT_TYPE_PLUG_STATE,
    CARPORT_TYPE_CHARGING_STATE, CARPORT_TYPE_CLIMATE_STATE, CARPORT_TYPE_LOCK_STATE,
    CARPORT_TYPE_OPENING_STATE, CARPORT_TYPE_CHARGE_MODE, CARPORT_TYPE_ENDPOINT,
    CARPORT_TYPE_COMMAND_KIND, CARPORT_TYPE_COMMAND_STATE, CARPORT_TYPE_WEEKDAY,
    CARPORT_TYPE_SCHEDULE_KIND,
  };

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      g_autoptr(GEnumClass) klass = g_type_class_ref (types[i]);

      for (guint j = 0; j < klass->n_values; j++)
        {
          int value = klass->values[j].value;
          const char *nick = carport_enum_to_nick (types[i], value);

          g_assert_nonnull (nick);
          g_assert_cmpint (carport_enum_from_nick (types[i], nick, -1), ==, value);
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/enums/nicks", test_nicks);
  g_test_add_func ("/core/enums/round-trip", test_round_trip);

  return g_test_run ();
}
