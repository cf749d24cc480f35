/* carport-format.c — turning model values into text for people.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "carport-core"

#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>
#include <stdio.h>
#include <glib/gi18n.h>

#include "carport-format.h"

#define UNKNOWN_TEXT "—"

/* Decimals to show @value with: none when it rounds to a whole number at one
 * decimal, else one. */
static int
decimals_for (double value)
{
  return fabs (value - round (value)) < 0.05 ? 0 : 1;
}

char *
carport_format_percent (int percent)
{
  if (percent < 0)
    return g_strdup (UNKNOWN_TEXT);

  /* Translators: a percentage, e.g. a battery level; change the spacing
   * to your language's habit. */
  return g_strdup_printf (_("%d %%"), percent);
}

char *
carport_format_distance (double              km,
                         CarportDistanceUnit unit)
{
  if (!carport_is_known (km))
    return g_strdup (UNKNOWN_TEXT);

  if (unit == CARPORT_DISTANCE_UNIT_MILES)
    /* Translators: a distance in miles */
    return g_strdup_printf (_("%.0f mi"), km / 1.609344);

  /* Translators: a distance in kilometres */
  return g_strdup_printf (_("%.0f km"), km);
}

/* @value rounded, its digits grouped by three with the locale's thousands
 * separator, or a narrow no-break space (U+202F) where the locale has none. */
static char *
group_digits (double value)
{
  const struct lconv *conv = localeconv ();
  const char *separator = conv->thousands_sep && *conv->thousands_sep ? conv->thousands_sep : "\u202f";
  g_autofree char *digits = g_strdup_printf ("%.0f", fabs (value));
  gsize length = strlen (digits);
  GString *text = g_string_new (NULL);

  if (round (value) < 0)
    g_string_append_c (text, '-');
  for (gsize i = 0; i < length; i++)
    {
      if (i > 0 && (length - i) % 3 == 0)
        g_string_append (text, separator);
      g_string_append_c (text, digits[i]);
    }
  return g_string_free (text, FALSE);
}

char *
carport_format_distance_grouped (double              km,
                                 CarportDistanceUnit unit)
{
  g_autofree char *number = NULL;

  if (!carport_is_known (km))
    return g_strdup (UNKNOWN_TEXT);

  if (unit == CARPORT_DISTANCE_UNIT_MILES)
    {
      number = group_digits (km / 1.609344);
      /* Translators: a distance in miles, the number already formatted */
      return g_strdup_printf (_("%s mi"), number);
    }

  number = group_digits (km);
  /* Translators: a distance in kilometres, the number already formatted */
  return g_strdup_printf (_("%s km"), number);
}

char *
carport_format_litres (double litres)
{
  if (!carport_is_known (litres))
    return g_strdup (UNKNOWN_TEXT);

  /* Translators: an amount of fuel in litres */
  return g_strdup_printf (_("%.*f l"), decimals_for (litres), litres);
}

char *
carport_format_temperature (double                 celsius,
                            CarportTemperatureUnit unit)
{
  double value;

  if (!carport_is_known (celsius))
    return g_strdup (UNKNOWN_TEXT);

  if (unit == CARPORT_TEMPERATURE_UNIT_FAHRENHEIT)
    {
      value = celsius * 9.0 / 5.0 + 32.0;
      /* Translators: a temperature in degrees Fahrenheit */
      return g_strdup_printf (_("%.*f °F"), decimals_for (value), value);
    }

  value = celsius;
  /* Translators: a temperature in degrees Celsius */
  return g_strdup_printf (_("%.*f °C"), decimals_for (value), value);
}

char *
carport_format_power (double kw)
{
  if (!carport_is_known (kw))
    return g_strdup (UNKNOWN_TEXT);

  /* Translators: a charging power in kilowatts */
  return g_strdup_printf (_("%.1f kW"), kw);
}

char *
carport_format_energy (double kwh)
{
  if (!carport_is_known (kwh))
    return g_strdup (UNKNOWN_TEXT);

  /* Translators: an amount of energy in kilowatt-hours */
  return g_strdup_printf (_("%.*f kWh"), decimals_for (kwh), kwh);
}

char *
carport_format_pressure (double bar)
{
  if (!carport_is_known (bar))
    return g_strdup (UNKNOWN_TEXT);

  /* Translators: a tyre pressure in bar */
  return g_strdup_printf (_("%.1f bar"), bar);
}

char *
carport_format_duration_minutes (int minutes)
{
  int hours;

  if (minutes < 0)
    return g_strdup (UNKNOWN_TEXT);

  hours = minutes / 60;
  minutes %= 60;

  if (hours == 0)
    /* Translators: a duration in minutes */
    return g_strdup_printf (_("%d min"), minutes);
  if (minutes == 0)
    /* Translators: a duration in whole hours */
    return g_strdup_printf (_("%d h"), hours);

  /* Translators: a duration in hours and minutes */
  return g_strdup_printf (_("%d h %d min"), hours, minutes);
}

char *
carport_format_trip_count (int trips)
{
  if (trips < 0)
    return g_strdup (UNKNOWN_TEXT);
  if (trips == 0)
    return g_strdup (_("No trips"));

  /* Translators: how many trips the car made in a period */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d trip", "%d trips", trips), trips);
}

char *
carport_format_trips (int                 trips,
                      double              km,
                      CarportDistanceUnit unit)
{
  g_autofree char *count = carport_format_trip_count (trips);
  g_autofree char *distance = NULL;

  if (trips <= 0 || !carport_is_known (km))
    return g_steal_pointer (&count);

  distance = carport_format_distance (km, unit);
  /* Translators: a number of trips and their distance, "2 trips, 24 km" */
  return g_strdup_printf (C_("trips and distance", "%s, %s"), count, distance);
}

/* The territory of @locale ("US" of "en_US.UTF-8@x"), or "" for "C",
 * "POSIX" or a name without one. */
static char *
locale_territory (const char *locale)
{
  const char *start;
  size_t length;

  if (locale == NULL)
    {
      const char * const names[] = { "LC_ALL", "LC_MEASUREMENT", "LANG" };

      for (guint i = 0; i < G_N_ELEMENTS (names) && locale == NULL; i++)
        {
          locale = g_getenv (names[i]);
          if (locale != NULL && *locale == '\0')
            locale = NULL;
        }
      if (locale == NULL)
        return g_strdup ("");
    }
  start = strchr (locale, '_');
  if (start == NULL)
    return g_strdup ("");
  start++;
  length = strcspn (start, ".@");
  return g_ascii_strup (start, length);
}

static gboolean
territory_in (const char *locale, const char * const *territories)
{
  g_autofree char *territory = locale_territory (locale);

  return g_strv_contains (territories, territory);
}

CarportDistanceUnit
carport_distance_unit_for_locale (const char *locale)
{
  static const char * const miles[] = { "US", "GB", "LR", "MM", NULL };

  return territory_in (locale, miles) ? CARPORT_DISTANCE_UNIT_MILES : CARPORT_DISTANCE_UNIT_KILOMETRES;
}

CarportTemperatureUnit
carport_temperature_unit_for_locale (const char *locale)
{
  static const char * const fahrenheit[] = { "US", "LR", "BS", "BZ", "KY", "PW", NULL };

  return territory_in (locale, fahrenheit) ? CARPORT_TEMPERATURE_UNIT_FAHRENHEIT : CARPORT_TEMPERATURE_UNIT_CELSIUS;
}

/* carport_format_relative_time(), with *@is_date set when the text is a
 * date ("17 Nov") rather than a time from now ("5 min ago", "yesterday"). */
static char *
format_relative_time (GDateTime *when,
                      GDateTime *now,
                      gboolean  *is_date)
{
  g_autoptr(GDateTime) local_now = NULL;
  g_autoptr(GDateTime) local_when = NULL;
  GTimeSpan diff;
  GTimeSpan abs_diff;
  int day_diff;

  if (when == NULL)
    return g_strdup (UNKNOWN_TEXT);

  if (now == NULL)
    local_now = g_date_time_new_now_local ();
  else
    local_now = g_date_time_ref (now);

  diff = g_date_time_difference (local_now, when);
  abs_diff = diff < 0 ? -diff : diff;

  if (abs_diff < G_TIME_SPAN_MINUTE)
    return g_strdup (_("just now"));

  if (abs_diff < G_TIME_SPAN_HOUR)
    {
      int n = (int) (abs_diff / G_TIME_SPAN_MINUTE);

      if (diff > 0)
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d min ago", "%d min ago", n), n);
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "in %d min", "in %d min", n), n);
    }

  if (abs_diff < G_TIME_SPAN_DAY)
    {
      int n = (int) (abs_diff / G_TIME_SPAN_HOUR);

      if (diff > 0)
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d h ago", "%d h ago", n), n);
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "in %d h", "in %d h", n), n);
    }

  /* Calendar days, in the time zone of @now. */
  local_when = g_date_time_to_timezone (when, g_date_time_get_timezone (local_now));
  {
    GDate now_date;
    GDate when_date;

    g_date_clear (&now_date, 1);
    g_date_clear (&when_date, 1);
    g_date_set_dmy (&now_date,
                    g_date_time_get_day_of_month (local_now),
                    g_date_time_get_month (local_now),
                    g_date_time_get_year (local_now));
    g_date_set_dmy (&when_date,
                    g_date_time_get_day_of_month (local_when),
                    g_date_time_get_month (local_when),
                    g_date_time_get_year (local_when));
    day_diff = g_date_days_between (&when_date, &now_date);
  }

  if (day_diff == 1)
    return g_strdup (_("yesterday"));
  if (day_diff == -1)
    return g_strdup (_("tomorrow"));

  *is_date = TRUE;
  if (g_date_time_get_year (local_when) == g_date_time_get_year (local_now))
    /* Translators: a date this year, in g_date_time_format() syntax, e.g. "17 Nov" */
    return g_date_time_format (local_when, C_("date this year", "%-d %b"));

  return g_date_time_format (local_when, "%x");
}

char *
carport_format_contract_state (CarportContractStatus  status,
                               const char            *end_date)
{
  g_autofree char *date = NULL;
  int year, month, day;

  if (end_date != NULL && sscanf (end_date, "%4d-%2d-%2d", &year, &month, &day) == 3 &&
      g_date_valid_dmy (day, month, year))
    {
      g_autoptr(GDateTime) end = g_date_time_new_local (year, month, day, 0, 0, 0);

      /* Translators: a date, in g_date_time_format() syntax, e.g. "8 Mar 2027" */
      date = g_date_time_format (end, C_("contract date", "%-d %b %Y"));
    }

  switch (status)
    {
    case CARPORT_CONTRACT_STATUS_REJECTED:
      /* Translators: a contract the maker could not activate */
      return g_strdup (_("Not activated"));
    case CARPORT_CONTRACT_STATUS_ENDED:
      /* Translators: %s is a date */
      return date != NULL ? g_strdup_printf (_("Ended on %s"), date) : g_strdup (_("Ended"));
    case CARPORT_CONTRACT_STATUS_ACTIVE:
    case CARPORT_CONTRACT_STATUS_UNKNOWN:
    case CARPORT_CONTRACT_STATUS_NONE:
    default:
      /* Translators: a contract runs until a date (%s) */
      return date != NULL ? g_strdup_printf (_("Until %s"), date) : g_strdup (_("Active"));
    }
}

char *
carport_format_relative_time (GDateTime *when,
                              GDateTime *now)
{
  gboolean is_date = FALSE;

  return format_relative_time (when, now, &is_date);
}

char *
carport_format_updated (GDateTime *when,
                        GDateTime *now)
{
  g_autofree char *relative = NULL;
  gboolean is_date = FALSE;

  if (when == NULL)
    return g_strdup (UNKNOWN_TEXT);

  relative = format_relative_time (when, now, &is_date);
  if (is_date)
    /* Translators: %s is a date, "17 Nov" or "17/11/2025" (French: "Actualisé le %s") */
    return g_strdup_printf (C_("updated on a date", "Updated %s"), relative);
  /* Translators: %s is a time from now: "just now", "5 min ago", "yesterday" */
  return g_strdup_printf (C_("updated a time ago", "Updated %s"), relative);
}

const char *
carport_format_plug_state (CarportPlugState state)
{
  switch (state)
    {
    case CARPORT_PLUG_STATE_UNPLUGGED:
      return _("Unplugged");
    case CARPORT_PLUG_STATE_PLUGGED:
      return _("Plugged in");
    case CARPORT_PLUG_STATE_ERROR:
      return _("Plug error");
    case CARPORT_PLUG_STATE_UNKNOWN:
      return _("Unknown");
    case CARPORT_PLUG_STATE_NONE:
    default:
      return UNKNOWN_TEXT;
    }
}

const char *
carport_format_charging_state (CarportChargingState state)
{
  switch (state)
    {
    case CARPORT_CHARGING_STATE_NOT_CHARGING:
      return _("Not charging");
    case CARPORT_CHARGING_STATE_WAITING_PLANNED:
      return _("Waiting for planned charge");
    case CARPORT_CHARGING_STATE_ENDED:
      return _("Charge complete");
    case CARPORT_CHARGING_STATE_WAITING_CURRENT:
      return _("Waiting for current");
    case CARPORT_CHARGING_STATE_FLAP_OPEN:
      return _("Charging flap open");
    case CARPORT_CHARGING_STATE_CHARGING:
      return _("Charging");
    case CARPORT_CHARGING_STATE_ERROR:
      return _("Charging error");
    case CARPORT_CHARGING_STATE_UNAVAILABLE:
      return _("Unavailable");
    case CARPORT_CHARGING_STATE_V2G_WAITING:
      return _("V2G waiting");
    case CARPORT_CHARGING_STATE_V2L_CONNECTED:
      return _("Powering a device (V2L)");
    case CARPORT_CHARGING_STATE_V2G_DISCHARGING:
      return _("V2G discharging");
    case CARPORT_CHARGING_STATE_V2G_CHARGING:
      return _("V2G charging");
    case CARPORT_CHARGING_STATE_UNKNOWN:
      return _("Unknown");
    case CARPORT_CHARGING_STATE_NONE:
    default:
      return UNKNOWN_TEXT;
    }
}

const char *
carport_format_climate_state (CarportClimateState state)
{
  switch (state)
    {
    case CARPORT_CLIMATE_STATE_ON:
      /* Translators: the climate control is on */
      return C_("climate", "On");
    case CARPORT_CLIMATE_STATE_OFF:
      /* Translators: the climate control is off */
      return C_("climate", "Off");
    case CARPORT_CLIMATE_STATE_NONE:
    default:
      return UNKNOWN_TEXT;
    }
}

const char *
carport_format_lock_state (CarportLockState state)
{
  switch (state)
    {
    case CARPORT_LOCK_STATE_LOCKED:
      return _("Locked");
    case CARPORT_LOCK_STATE_UNLOCKED:
      return _("Unlocked");
    case CARPORT_LOCK_STATE_NONE:
    default:
      return UNKNOWN_TEXT;
    }
}

const char *
carport_format_opening_state (CarportOpeningState state)
{
  switch (state)
    {
    case CARPORT_OPENING_STATE_OPEN:
      /* Translators: a door or the hatch is open */
      return C_("door", "Open");
    case CARPORT_OPENING_STATE_CLOSED:
      /* Translators: a door or the hatch is closed */
      return C_("door", "Closed");
    case CARPORT_OPENING_STATE_NONE:
    default:
      return UNKNOWN_TEXT;
    }
}

const char *
carport_format_charge_mode (CarportChargeMode mode)
{
  switch (mode)
    {
    case CARPORT_CHARGE_MODE_ALWAYS:
      /* Translators: a charge mode: charge as soon as plugged in */
      return C_("charge mode", "Always");
    case CARPORT_CHARGE_MODE_SCHEDULED:
      /* Translators: a charge mode: charge following the programmes */
      return C_("charge mode", "Scheduled");
    case CARPORT_CHARGE_MODE_DELAYED:
      /* Translators: a charge mode: charge from a later start time */
      return C_("charge mode", "Delayed");
    case CARPORT_CHARGE_MODE_NONE:
    default:
      return UNKNOWN_TEXT;
    }
}

const char *
carport_format_energy_type (CarportEnergy energy)
{
  switch (energy)
    {
    case CARPORT_ENERGY_ELECTRIC:
      return _("Electric");
    case CARPORT_ENERGY_PLUG_IN_HYBRID:
      return _("Plug-in hybrid");
    case CARPORT_ENERGY_HYBRID:
      return _("Hybrid");
    case CARPORT_ENERGY_FUEL:
      /* Translators: the kind of energy a car runs on (petrol or diesel), beside "Electric" */
      return C_("energy type", "Fuel");
    case CARPORT_ENERGY_NONE:
    default:
      return UNKNOWN_TEXT;
    }
}

const char *
carport_format_brand (CarportBrand brand)
{
  /* Brand names are not translated. */
  switch (brand)
    {
    case CARPORT_BRAND_RENAULT:
      return "Renault";
    case CARPORT_BRAND_DACIA:
      return "Dacia";
    case CARPORT_BRAND_ALPINE:
      return "Alpine";
    case CARPORT_BRAND_NISSAN:
      return "Nissan";
    case CARPORT_BRAND_UNKNOWN:
    default:
      return UNKNOWN_TEXT;
    }
}

/* "II", "IV", "V": a numeral, written in capitals. */
static gboolean
is_roman_numeral (const char *word, gsize length)
{
  for (gsize i = 0; i < length; i++)
    if (strchr ("IVXivx", word[i]) == NULL)
      return FALSE;
  return length > 0 && length <= 4;
}

char *
carport_format_model_name (const char        *name,
                           const char * const *known_names)
{
  g_autofree char *trimmed = NULL;
  char *word;

  if (name == NULL)
    return NULL;

  trimmed = g_strstrip (g_strdup (name));
  if (*trimmed == '\0')
    return NULL;

  for (gsize i = 0; known_names && known_names[i]; i++)
    if (g_ascii_strcasecmp (trimmed, known_names[i]) == 0)
      return g_strdup (known_names[i]);

  /* Word by word; words end at spaces and hyphens ("E-TECH" → "E-Tech"). */
  for (word = trimmed; *word != '\0'; )
    {
      gsize length = strcspn (word, " -");
      gboolean numeral = is_roman_numeral (word, length);

      for (gsize i = 0; i < length; i++)
        word[i] = numeral || i == 0 ? g_ascii_toupper (word[i]) : g_ascii_tolower (word[i]);
      word += length;
      word += strspn (word, " -");
    }

  return g_steal_pointer (&trimmed);
}

char *
carport_format_iso8601_utc (GDateTime *when)
{
  g_autoptr(GDateTime) utc = NULL;

  if (when == NULL)
    return NULL;

  utc = g_date_time_to_utc (when);

  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

GDateTime *
carport_parse_iso8601 (const char *text)
{
  g_autoptr(GTimeZone) utc = NULL;

  if (text == NULL || text[0] == '\0')
    return NULL;

  /* Times without a zone (Renault's notifDate) are UTC. */
  utc = g_time_zone_new_utc ();

  return g_date_time_new_from_iso8601 (text, utc);
}

gboolean
carport_parse_clock (const char *text,
                     int        *hours,
                     int        *minutes)
{
  int h, m;
  char extra;

  g_return_val_if_fail (hours != NULL && minutes != NULL, FALSE);

  if (text == NULL || sscanf (text, "%d:%d%c", &h, &m, &extra) != 2 ||
      h < 0 || h > 23 || m < 0 || m > 59)
    return FALSE;
  *hours = h;
  *minutes = m;
  return TRUE;
}
