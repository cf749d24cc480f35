/* test-format.c — text for people, and ISO-8601.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <libintl.h>
#include <locale.h>
#include <math.h>

#include "carport-core.h"

#define DASH "—"

#define assert_format(expr, expected) \
  G_STMT_START { \
    g_autofree char *_s = (expr); \
    g_assert_cmpstr (_s, ==, (expected)); \
  } G_STMT_END

static void
test_percent (void)
{
  assert_format (carport_format_percent (50), "50 %");
  assert_format (carport_format_percent (0), "0 %");
  assert_format (carport_format_percent (100), "100 %");
  assert_format (carport_format_percent (-1), DASH);
}

static void
test_distance (void)
{
  assert_format (carport_format_distance (128, CARPORT_DISTANCE_UNIT_KILOMETRES), "128 km");
  assert_format (carport_format_distance (127.6, CARPORT_DISTANCE_UNIT_KILOMETRES), "128 km");
  assert_format (carport_format_distance (0, CARPORT_DISTANCE_UNIT_KILOMETRES), "0 km");
  assert_format (carport_format_distance (12345.4, CARPORT_DISTANCE_UNIT_KILOMETRES), "12345 km");
  /* 128 km = 79.5 mi; 100 mi = 160.9344 km. */
  assert_format (carport_format_distance (128, CARPORT_DISTANCE_UNIT_MILES), "80 mi");
  assert_format (carport_format_distance (160.9344, CARPORT_DISTANCE_UNIT_MILES), "100 mi");
  assert_format (carport_format_distance (NAN, CARPORT_DISTANCE_UNIT_KILOMETRES), DASH);
  assert_format (carport_format_distance (NAN, CARPORT_DISTANCE_UNIT_MILES), DASH);
}

static void
test_distance_grouped (void)
{
  /* The C locale has no thousands separator: a narrow no-break space. */
  assert_format (carport_format_distance_grouped (49114.4, CARPORT_DISTANCE_UNIT_KILOMETRES), "49\u202f114 km");
  assert_format (carport_format_distance_grouped (1234567, CARPORT_DISTANCE_UNIT_KILOMETRES), "1\u202f234\u202f567 km");
  assert_format (carport_format_distance_grouped (999.6, CARPORT_DISTANCE_UNIT_KILOMETRES), "1\u202f000 km");
  assert_format (carport_format_distance_grouped (128, CARPORT_DISTANCE_UNIT_KILOMETRES), "128 km");
  assert_format (carport_format_distance_grouped (0, CARPORT_DISTANCE_UNIT_KILOMETRES), "0 km");
  assert_format (carport_format_distance_grouped (160934.4, CARPORT_DISTANCE_UNIT_MILES), "100\u202f000 mi");
  assert_format (carport_format_distance_grouped (NAN, CARPORT_DISTANCE_UNIT_KILOMETRES), DASH);
  /* The plain formatter is unchanged. */
  assert_format (carport_format_distance (12345.4, CARPORT_DISTANCE_UNIT_KILOMETRES), "12345 km");
}

static void
test_litres (void)
{
  assert_format (carport_format_litres (27), "27 l");
  assert_format (carport_format_litres (4.5), "4.5 l");
  assert_format (carport_format_litres (0), "0 l");
  assert_format (carport_format_litres (NAN), DASH);
}

static void
test_temperature (void)
{
  assert_format (carport_format_temperature (21, CARPORT_TEMPERATURE_UNIT_CELSIUS), "21 °C");
  assert_format (carport_format_temperature (21.5, CARPORT_TEMPERATURE_UNIT_CELSIUS), "21.5 °C");
  assert_format (carport_format_temperature (20.96, CARPORT_TEMPERATURE_UNIT_CELSIUS), "21 °C");
  assert_format (carport_format_temperature (-3.4, CARPORT_TEMPERATURE_UNIT_CELSIUS), "-3.4 °C");
  assert_format (carport_format_temperature (0, CARPORT_TEMPERATURE_UNIT_CELSIUS), "0 °C");
  /* °F = °C × 9/5 + 32 */
  assert_format (carport_format_temperature (21, CARPORT_TEMPERATURE_UNIT_FAHRENHEIT), "69.8 °F");
  assert_format (carport_format_temperature (0, CARPORT_TEMPERATURE_UNIT_FAHRENHEIT), "32 °F");
  assert_format (carport_format_temperature (100, CARPORT_TEMPERATURE_UNIT_FAHRENHEIT), "212 °F");
  assert_format (carport_format_temperature (-40, CARPORT_TEMPERATURE_UNIT_FAHRENHEIT), "-40 °F");
  assert_format (carport_format_temperature (NAN, CARPORT_TEMPERATURE_UNIT_CELSIUS), DASH);
  assert_format (carport_format_temperature (NAN, CARPORT_TEMPERATURE_UNIT_FAHRENHEIT), DASH);
}

static void
test_power_energy_pressure (void)
{
  assert_format (carport_format_power (7.4), "7.4 kW");
  assert_format (carport_format_power (22), "22.0 kW");
  assert_format (carport_format_power (0), "0.0 kW");
  assert_format (carport_format_power (NAN), DASH);

  assert_format (carport_format_energy (41), "41 kWh");
  assert_format (carport_format_energy (41.3), "41.3 kWh");
  assert_format (carport_format_energy (NAN), DASH);

  assert_format (carport_format_pressure (2.5), "2.5 bar");
  assert_format (carport_format_pressure (2.47), "2.5 bar");
  assert_format (carport_format_pressure (NAN), DASH);
}

static void
test_trips (void)
{
  assert_format (carport_format_trip_count (33), "33 trips");
  assert_format (carport_format_trip_count (1), "1 trip");
  assert_format (carport_format_trip_count (0), "No trips");
  assert_format (carport_format_trip_count (-1), DASH);

  assert_format (carport_format_trips (2, 24.4, CARPORT_DISTANCE_UNIT_KILOMETRES), "2 trips, 24 km");
  assert_format (carport_format_trips (1, 16.1, CARPORT_DISTANCE_UNIT_MILES), "1 trip, 10 mi");
  assert_format (carport_format_trips (3, NAN, CARPORT_DISTANCE_UNIT_KILOMETRES), "3 trips");
  assert_format (carport_format_trips (0, 0, CARPORT_DISTANCE_UNIT_KILOMETRES), "No trips");
  assert_format (carport_format_trips (-1, 5, CARPORT_DISTANCE_UNIT_KILOMETRES), DASH);
}

static void
test_duration (void)
{
  assert_format (carport_format_duration_minutes (85), "1 h 25 min");
  assert_format (carport_format_duration_minutes (45), "45 min");
  assert_format (carport_format_duration_minutes (0), "0 min");
  assert_format (carport_format_duration_minutes (120), "2 h");
  assert_format (carport_format_duration_minutes (61), "1 h 1 min");
  assert_format (carport_format_duration_minutes (-1), DASH);
}

static GDateTime *
offset (GDateTime *now,
        GTimeSpan  span)
{
  return g_date_time_add (now, span);
}

#define assert_relative(now, span, expected) \
  G_STMT_START { \
    g_autoptr(GDateTime) _when = offset ((now), (span)); \
    assert_format (carport_format_relative_time (_when, (now)), (expected)); \
  } G_STMT_END

static void
test_relative_time (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_utc (2024, 3, 10, 12, 0, 0);
  g_autoptr(GDateTime) last_year = g_date_time_new_utc (2023, 11, 17, 9, 6, 48);
  g_autoptr(GDateTime) local_now = g_date_time_new_now_local ();

  assert_format (carport_format_relative_time (NULL, now), DASH);

  assert_relative (now, 0, "just now");
  assert_relative (now, -30 * G_TIME_SPAN_SECOND, "just now");
  assert_relative (now, 30 * G_TIME_SPAN_SECOND, "just now");

  /* Minutes, singular and plural. */
  assert_relative (now, -G_TIME_SPAN_MINUTE, "1 min ago");
  assert_relative (now, -5 * G_TIME_SPAN_MINUTE, "5 min ago");
  assert_relative (now, -59 * G_TIME_SPAN_MINUTE - 59 * G_TIME_SPAN_SECOND, "59 min ago");
  assert_relative (now, 5 * G_TIME_SPAN_MINUTE, "in 5 min");
  assert_relative (now, G_TIME_SPAN_MINUTE, "in 1 min");

  /* Hours. */
  assert_relative (now, -G_TIME_SPAN_HOUR, "1 h ago");
  assert_relative (now, -3 * G_TIME_SPAN_HOUR - 20 * G_TIME_SPAN_MINUTE, "3 h ago");
  assert_relative (now, -23 * G_TIME_SPAN_HOUR, "23 h ago");
  assert_relative (now, 3 * G_TIME_SPAN_HOUR, "in 3 h");

  /* Calendar days, then dates. */
  assert_relative (now, -30 * G_TIME_SPAN_HOUR, "yesterday");
  assert_relative (now, 30 * G_TIME_SPAN_HOUR, "tomorrow");
  assert_relative (now, -48 * G_TIME_SPAN_HOUR, "8 Mar");
  assert_relative (now, -9 * G_TIME_SPAN_DAY, "1 Mar");
  assert_relative (now, 5 * G_TIME_SPAN_DAY, "15 Mar");
  assert_format (carport_format_relative_time (last_year, now), "11/17/23");

  /* @now NULL is the current time. */
  {
    g_autoptr(GDateTime) when = g_date_time_add_minutes (local_now, -10);
    g_autofree char *text = carport_format_relative_time (when, NULL);

    /* 10, or 11 should the clock tick over a minute meanwhile. */
    g_assert_true (g_str_equal (text, "10 min ago") || g_str_equal (text, "11 min ago"));
  }
}

static void
test_relative_time_zone (void)
{
  /* Days are counted in the time zone of @now: 23:30 UTC on the 8th is
   * already the 9th at UTC+2, so yesterday from the 10th. */
  g_autoptr(GTimeZone) tz = g_time_zone_new_offset (2 * 3600);
  g_autoptr(GDateTime) now = g_date_time_new (tz, 2024, 3, 10, 12, 0, 0);
  g_autoptr(GDateTime) when = g_date_time_new_utc (2024, 3, 8, 23, 30, 0);

  assert_format (carport_format_relative_time (when, now), "yesterday");
}

static void
test_updated (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_utc (2024, 3, 10, 12, 0, 0);
  g_autoptr(GDateTime) five = g_date_time_add_minutes (now, -5);
  g_autoptr(GDateTime) day = g_date_time_add_hours (now, -30);

  assert_format (carport_format_updated (five, now), "Updated 5 min ago");
  assert_format (carport_format_updated (now, now), "Updated just now");
  assert_format (carport_format_updated (day, now), "Updated yesterday");
  assert_format (carport_format_updated (NULL, now), DASH);
}

/* One English word, two meanings, two translations: the French of "Updated"
 * takes "le" before a date only, and "Fuel" is the energy a car runs on
 * ("Thermique") or what is in its tank ("Carburant"). Read from the built
 * French catalogue. */
static void
test_translated_contexts (void)
{
  const char *localedir = g_getenv ("CARPORT_TEST_LOCALEDIR");
  g_autoptr(GDateTime) now = g_date_time_new_utc (2024, 3, 10, 12, 0, 0);
  g_autoptr(GDateTime) five = g_date_time_add_minutes (now, -5);
  g_autoptr(GDateTime) week = g_date_time_add_days (now, -7);
  g_autofree char *ago = NULL;
  g_autofree char *on_date = NULL;
  g_autofree char *fr_mo = NULL;

  if (localedir == NULL)
    {
      g_test_skip ("CARPORT_TEST_LOCALEDIR is not set (meson test sets it)");
      return;
    }
  fr_mo = g_build_filename (localedir, "fr", "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
  g_assert_true (g_file_test (fr_mo, G_FILE_TEST_EXISTS));

  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);  /* as main() does in the app and the CLI */
  g_setenv ("LANGUAGE", "fr", TRUE);
  setlocale (LC_MESSAGES, "");

  ago = carport_format_updated (five, now);
  on_date = carport_format_updated (week, now);
  g_test_message ("%s / %s", ago, on_date);
  g_assert_true (g_str_has_prefix (ago, "Actualisé "));
  g_assert_false (g_str_has_prefix (ago, "Actualisé le "));
  g_assert_true (g_str_has_prefix (on_date, "Actualisé le "));
  g_assert_cmpstr (carport_format_energy_type (CARPORT_ENERGY_FUEL), ==, "Thermique");
  g_assert_cmpstr (g_dpgettext2 (GETTEXT_PACKAGE, "amount in the tank", "Fuel"), ==, "Carburant");

  g_unsetenv ("LANGUAGE");
  setlocale (LC_MESSAGES, "");
  g_assert_cmpstr (carport_format_energy_type (CARPORT_ENERGY_FUEL), ==, "Fuel");
}

/* Miles and °F where people use them, from the locale's name alone (the
 * locale need not be installed). */
static void
test_units_for_locale (void)
{
  g_assert_cmpint (carport_distance_unit_for_locale ("en_US.UTF-8"), ==, CARPORT_DISTANCE_UNIT_MILES);
  g_assert_cmpint (carport_temperature_unit_for_locale ("en_US.UTF-8"), ==, CARPORT_TEMPERATURE_UNIT_FAHRENHEIT);
  g_assert_cmpint (carport_distance_unit_for_locale ("en_GB.UTF-8"), ==, CARPORT_DISTANCE_UNIT_MILES);
  g_assert_cmpint (carport_temperature_unit_for_locale ("en_GB.UTF-8"), ==, CARPORT_TEMPERATURE_UNIT_CELSIUS);
  g_assert_cmpint (carport_distance_unit_for_locale ("fr_FR.UTF-8@euro"), ==, CARPORT_DISTANCE_UNIT_KILOMETRES);
  g_assert_cmpint (carport_temperature_unit_for_locale ("es_US"), ==, CARPORT_TEMPERATURE_UNIT_FAHRENHEIT);
  g_assert_cmpint (carport_distance_unit_for_locale ("en_IE.UTF-8"), ==, CARPORT_DISTANCE_UNIT_KILOMETRES);
  g_assert_cmpint (carport_distance_unit_for_locale ("C.UTF-8"), ==, CARPORT_DISTANCE_UNIT_KILOMETRES);
  g_assert_cmpint (carport_distance_unit_for_locale ("POSIX"), ==, CARPORT_DISTANCE_UNIT_KILOMETRES);

  /* This process's: LC_ALL first, then LC_MEASUREMENT, then LANG. */
  g_unsetenv ("LC_ALL");
  g_setenv ("LANG", "de_DE.UTF-8", TRUE);
  g_setenv ("LC_MEASUREMENT", "en_US.UTF-8", TRUE);
  g_assert_cmpint (carport_distance_unit_for_locale (NULL), ==, CARPORT_DISTANCE_UNIT_MILES);
  g_unsetenv ("LC_MEASUREMENT");
  g_assert_cmpint (carport_distance_unit_for_locale (NULL), ==, CARPORT_DISTANCE_UNIT_KILOMETRES);
  g_setenv ("LC_ALL", "en_US.UTF-8", TRUE);
  g_assert_cmpint (carport_temperature_unit_for_locale (NULL), ==, CARPORT_TEMPERATURE_UNIT_FAHRENHEIT);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
}

static void
test_state_words (void)
{
  g_assert_cmpstr (carport_format_plug_state (CARPORT_PLUG_STATE_PLUGGED), ==, "Plugged in");
  g_assert_cmpstr (carport_format_plug_state (CARPORT_PLUG_STATE_UNPLUGGED), ==, "Unplugged");
  g_assert_cmpstr (carport_format_plug_state (CARPORT_PLUG_STATE_ERROR), ==, "Plug error");
  g_assert_cmpstr (carport_format_plug_state (CARPORT_PLUG_STATE_UNKNOWN), ==, "Unknown");
  g_assert_cmpstr (carport_format_plug_state (CARPORT_PLUG_STATE_NONE), ==, DASH);
  g_assert_cmpstr (carport_format_plug_state (99), ==, DASH);

  {
    static const char * const charging[] = {
      DASH, "Not charging", "Waiting for planned charge", "Charge complete",
      "Waiting for current", "Charging flap open", "Charging", "Charging error",
      "Unavailable", "V2G waiting", "Powering a device (V2L)", "V2G discharging",
      "V2G charging", "Unknown",
    };

    G_STATIC_ASSERT (G_N_ELEMENTS (charging) == CARPORT_CHARGING_STATE_UNKNOWN + 1);
    for (guint i = 0; i < G_N_ELEMENTS (charging); i++)
      g_assert_cmpstr (carport_format_charging_state (i), ==, charging[i]);
    g_assert_cmpstr (carport_format_charging_state (99), ==, DASH);
  }

  g_assert_cmpstr (carport_format_climate_state (CARPORT_CLIMATE_STATE_ON), ==, "On");
  g_assert_cmpstr (carport_format_climate_state (CARPORT_CLIMATE_STATE_OFF), ==, "Off");
  g_assert_cmpstr (carport_format_climate_state (CARPORT_CLIMATE_STATE_NONE), ==, DASH);

  g_assert_cmpstr (carport_format_lock_state (CARPORT_LOCK_STATE_LOCKED), ==, "Locked");
  g_assert_cmpstr (carport_format_lock_state (CARPORT_LOCK_STATE_UNLOCKED), ==, "Unlocked");
  g_assert_cmpstr (carport_format_lock_state (CARPORT_LOCK_STATE_NONE), ==, DASH);

  g_assert_cmpstr (carport_format_opening_state (CARPORT_OPENING_STATE_OPEN), ==, "Open");
  g_assert_cmpstr (carport_format_opening_state (CARPORT_OPENING_STATE_CLOSED), ==, "Closed");
  g_assert_cmpstr (carport_format_opening_state (CARPORT_OPENING_STATE_NONE), ==, DASH);

  g_assert_cmpstr (carport_format_charge_mode (CARPORT_CHARGE_MODE_ALWAYS), ==, "Always");
  g_assert_cmpstr (carport_format_charge_mode (CARPORT_CHARGE_MODE_SCHEDULED), ==, "Scheduled");
  g_assert_cmpstr (carport_format_charge_mode (CARPORT_CHARGE_MODE_DELAYED), ==, "Delayed");
  g_assert_cmpstr (carport_format_charge_mode (CARPORT_CHARGE_MODE_NONE), ==, DASH);

  g_assert_cmpstr (carport_format_energy_type (CARPORT_ENERGY_ELECTRIC), ==, "Electric");
  g_assert_cmpstr (carport_format_energy_type (CARPORT_ENERGY_PLUG_IN_HYBRID), ==, "Plug-in hybrid");
  g_assert_cmpstr (carport_format_energy_type (CARPORT_ENERGY_HYBRID), ==, "Hybrid");
  g_assert_cmpstr (carport_format_energy_type (CARPORT_ENERGY_FUEL), ==, "Fuel");
  g_assert_cmpstr (carport_format_energy_type (CARPORT_ENERGY_NONE), ==, DASH);

  g_assert_cmpstr (carport_format_brand (CARPORT_BRAND_RENAULT), ==, "Renault");
  g_assert_cmpstr (carport_format_brand (CARPORT_BRAND_DACIA), ==, "Dacia");
  g_assert_cmpstr (carport_format_brand (CARPORT_BRAND_ALPINE), ==, "Alpine");
  g_assert_cmpstr (carport_format_brand (CARPORT_BRAND_NISSAN), ==, "Nissan");
  g_assert_cmpstr (carport_format_brand (CARPORT_BRAND_UNKNOWN), ==, DASH);
}

static void
assert_parses (const char *text,
               gint64      unix_seconds,
               int         microsecond)
{
  g_autoptr(GDateTime) dt = carport_parse_iso8601 (text);

  g_test_message ("%s", text);
  g_assert_nonnull (dt);
  g_assert_cmpint (g_date_time_to_unix (dt), ==, unix_seconds);
  g_assert_cmpint (g_date_time_get_microsecond (dt), ==, microsecond);
}

static void
test_parse_clock (void)
{
  static const char * const bad[] = { "24:00", "12:60", "-1:30", "7", "7:30pm", "07:30:00", "", "noon" };
  int hours = -1, minutes = -1;

  g_assert_true (carport_parse_clock ("07:30", &hours, &minutes));
  g_assert_cmpint (hours, ==, 7);
  g_assert_cmpint (minutes, ==, 30);
  g_assert_true (carport_parse_clock ("0:5", &hours, &minutes));
  g_assert_cmpint (hours, ==, 0);
  g_assert_cmpint (minutes, ==, 5);
  g_assert_true (carport_parse_clock ("23:59", &hours, &minutes));

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      hours = minutes = 99;
      g_assert_false (carport_parse_clock (bad[i], &hours, &minutes));
      g_assert_cmpint (hours, ==, 99);  /* left alone */
    }
  g_assert_false (carport_parse_clock (NULL, &hours, &minutes));
}

static void
test_parse_iso8601 (void)
{
  static const char * const garbage[] = {
    "", "garbage", "2020-13-45T09:06:48Z", "2020-11-17", "2020-11-17T25:00:00Z",
    "17/11/2020 09:06", "2020-11-17T09:06:48+99:00", "2020-11-17T09:06:48Zjunk",
  };

  /* 2020-11-17T08:06:48Z is 1605600408. */
  assert_parses ("2020-11-17T09:06:48+01:00", 1605600408, 0);
  assert_parses ("2020-11-17T08:06:48Z", 1605600408, 0);
  assert_parses ("2020-11-17T08:06:48+00:00", 1605600408, 0);
  assert_parses ("2020-11-17T03:06:48-05:00", 1605600408, 0);
  assert_parses ("2025-04-15T12:06:32.266Z", 1744718792, 266000);
  assert_parses ("2025-12-30T17:03:18.644879Z", 1767114198, 644879);
  /* No zone: UTC. */
  assert_parses ("2022-02-02T13:51:13", 1643809873, 0);
  assert_parses ("2022-02-02T13:51:13.123", 1643809873, 123000);

  g_assert_null (carport_parse_iso8601 (NULL));
  for (guint i = 0; i < G_N_ELEMENTS (garbage); i++)
    {
      g_autoptr(GDateTime) dt = carport_parse_iso8601 (garbage[i]);

      g_test_message ("garbage: %s", garbage[i]);
      g_assert_null (dt);
    }
}

static void
test_format_iso8601 (void)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_offset (3600);
  g_autoptr(GDateTime) paris = g_date_time_new (tz, 2020, 11, 17, 9, 6, 48.75);
  g_autoptr(GDateTime) parsed = NULL;
  g_autofree char *text = NULL;

  assert_format (carport_format_iso8601_utc (paris), "2020-11-17T08:06:48Z");
  g_assert_null (carport_format_iso8601_utc (NULL));

  /* And back. */
  text = carport_format_iso8601_utc (paris);
  parsed = carport_parse_iso8601 (text);
  g_assert_cmpint (g_date_time_to_unix (parsed), ==, g_date_time_to_unix (paris));
}

static void
test_locale_numbers (void)
{
  const char *locales[] = { "de_DE.UTF-8", "fr_FR.UTF-8", "de_DE.utf8", "fr_FR.utf8" };
  g_autofree char *saved = g_strdup (setlocale (LC_NUMERIC, NULL));
  const char *found = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (locales) && found == NULL; i++)
    found = setlocale (LC_NUMERIC, locales[i]);

  if (found == NULL)
    {
      g_test_skip ("No locale with a decimal comma installed");
      return;
    }

  assert_format (carport_format_power (7.4), "7,4 kW");
  assert_format (carport_format_temperature (21.5, CARPORT_TEMPERATURE_UNIT_CELSIUS), "21,5 °C");
  assert_format (carport_format_litres (4.5), "4,5 l");
  /* The locale's own grouping ("." in German, a space in French). */
  {
    g_autofree char *grouped = carport_format_distance_grouped (49114, CARPORT_DISTANCE_UNIT_KILOMETRES);
    const char *separator = localeconv ()->thousands_sep;

    if (separator && *separator)
      {
        g_autofree char *expected = g_strdup_printf ("49%s114 km", separator);

        g_assert_cmpstr (grouped, ==, expected);
      }
  }

  setlocale (LC_NUMERIC, saved);
}

/* Model names as people write them, from makers' capitals. */
static void
test_model_name (void)
{
  static const char * const known[] = { "ZOE", "e-NV200", NULL };
  static const struct { const char *in, *out; } cases[] = {
    { "MEGANE E-TECH", "Megane E-Tech" }, { "RENAULT 5", "Renault 5" }, { "SPRING", "Spring" },
    { "CAPTUR II", "Captur II" }, { "CLIO V", "Clio V" }, { "TWINGO III", "Twingo III" },
    { " zoe ", "ZOE" }, { "E-NV200", "e-NV200" }, { "A290", "A290" }, { "NEW LEAF", "New Leaf" },
    { "Y63-PATROL", "Y63-Patrol" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = carport_format_model_name (cases[i].in, known);

      g_assert_cmpstr (name, ==, cases[i].out);
    }
  g_assert_null (carport_format_model_name (NULL, known));
  g_assert_null (carport_format_model_name ("  ", NULL));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/format/percent", test_percent);
  g_test_add_func ("/core/format/model-name", test_model_name);
  g_test_add_func ("/core/format/distance", test_distance);
  g_test_add_func ("/core/format/distance-grouped", test_distance_grouped);
  g_test_add_func ("/core/format/litres", test_litres);
  g_test_add_func ("/core/format/temperature", test_temperature);
  g_test_add_func ("/core/format/power-energy-pressure", test_power_energy_pressure);
  g_test_add_func ("/core/format/duration", test_duration);
  g_test_add_func ("/core/format/trips", test_trips);
  g_test_add_func ("/core/format/relative-time", test_relative_time);
  g_test_add_func ("/core/format/relative-time-zone", test_relative_time_zone);
  g_test_add_func ("/core/format/updated", test_updated);
  g_test_add_func ("/core/format/translated-contexts", test_translated_contexts);
  g_test_add_func ("/core/format/units-for-locale", test_units_for_locale);
  g_test_add_func ("/core/format/state-words", test_state_words);
  g_test_add_func ("/core/format/parse-clock", test_parse_clock);
  g_test_add_func ("/core/format/parse-iso8601", test_parse_iso8601);
  g_test_add_func ("/core/format/format-iso8601", test_format_iso8601);
  g_test_add_func ("/core/format/locale-numbers", test_locale_numbers);

  return g_test_run ();
}
