/* carport-nissan-trips.c — Nissan's trip history: queries and summaries.
 *
 * docs/api-nissan.md §3.2: `trip-history?type={0 daily,1 monthly,2 yearly}
 * &start=YYYY-MM-DD&end=YYYY-MM-DD` answers `summaries[]` with tripsNumber,
 * distance (km), duration (min), consumedElectricity (kWh), consumedFuel (l)
 * and the period as day (YYYYMMDD) or month (YYYYMM).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "carport-api"

#include <glib/gi18n.h>

#include "carport-nissan-trips.h"
#include "carport-api-error.h"
#include "carport-json.h"

/* Bounds past which a value is a glitch, not a month of driving. */
#define MAX_TRIPS     100000
#define MAX_KM        1000000.0
#define MAX_MINUTES   (60 * 24 * 31)
#define MAX_KWH       100000.0
#define MAX_LITRES    100000.0

char *
carport_nissan_trips_query (CarportTripsPeriod  period,
                            GDateTime          *today)
{
  g_autofree char *end = NULL;
  g_autofree char *start = NULL;

  g_return_val_if_fail (today != NULL, NULL);

  end = g_date_time_format (today, "%Y-%m-%d");
  if (period == CARPORT_TRIPS_PERIOD_MONTH)
    {
      start = g_date_time_format (today, "%Y-%m-01");
      return g_strdup_printf ("type=1&start=%s&end=%s", start, end);
    }

  return g_strdup_printf ("type=0&start=%s&end=%s", end, end);
}

/* The digits of a period key given as a string ("202310", "2023-10") or a
 * number (202310); NULL when absent. */
static char *
period_key (JsonObject *summary,
            const char *name)
{
  g_autofree char *code = carport_json_node_dup_code (carport_json_get_member (summary, name));
  GString *digits;

  if (code == NULL)
    return NULL;

  digits = g_string_new (NULL);
  for (const char *p = code; *p != '\0'; p++)
    if (g_ascii_isdigit (*p))
      g_string_append_c (digits, *p);

  return g_string_free (digits, FALSE);
}

/* The summary of @period in @summaries, or NULL when there is none. */
static JsonObject *
find_summary (JsonArray          *summaries,
              CarportTripsPeriod  period,
              GDateTime          *today)
{
  const char *name = period == CARPORT_TRIPS_PERIOD_MONTH ? "month" : "day";
  g_autofree char *wanted = g_date_time_format (today, period == CARPORT_TRIPS_PERIOD_MONTH ? "%Y%m" : "%Y%m%d");
  guint n = json_array_get_length (summaries);

  for (guint i = 0; i < n; i++)
    {
      JsonObject *summary = carport_json_node_get_object (json_array_get_element (summaries, i));
      g_autofree char *key = period_key (summary, name);

      if (key != NULL && g_str_equal (key, wanted))
        return summary;
    }

  /* A lone summary that names no period at all is the one asked for. */
  if (n == 1)
    {
      JsonObject *summary = carport_json_node_get_object (json_array_get_element (summaries, 0));

      if (summary != NULL &&
          carport_json_get_member (summary, "month") == NULL &&
          carport_json_get_member (summary, "day") == NULL &&
          carport_json_get_member (summary, "year") == NULL)
        return summary;
    }

  return NULL;
}

static double
get_amount (JsonObject *summary,
            const char *name,
            double      max)
{
  double value;

  if (carport_json_get_number_in (summary, name, 0, max, &value))
    return value;
  return CARPORT_UNKNOWN_DOUBLE;
}

static int
get_count (JsonObject *summary,
           const char *name,
           int         max)
{
  int value;

  if (carport_json_get_int_in (summary, name, 0, max, &value))
    return value;
  return -1;
}

/* @summary's values (zeros when NULL: no trips in the period). */
static CarportTripSummary
read_summary (JsonObject    *summary,
              CarportEnergy  energy)
{
  CarportTripSummary out = { 0, 0.0, 0, 0.0, 0.0 };

  if (summary != NULL)
    {
      out.trips = get_count (summary, "tripsNumber", MAX_TRIPS);
      out.distance_km = get_amount (summary, "distance", MAX_KM);
      out.duration_minutes = get_count (summary, "duration", MAX_MINUTES);
      out.electricity_kwh = get_amount (summary, "consumedElectricity", MAX_KWH);
      out.fuel_litres = get_amount (summary, "consumedFuel", MAX_LITRES);
    }

  /* An EV reports 0 l of fuel, a combustion car 0 kWh: not applicable. */
  if (energy == CARPORT_ENERGY_ELECTRIC && out.fuel_litres == 0)
    out.fuel_litres = CARPORT_UNKNOWN_DOUBLE;
  if (energy == CARPORT_ENERGY_FUEL && out.electricity_kwh == 0)
    out.electricity_kwh = CARPORT_UNKNOWN_DOUBLE;

  return out;
}

static JsonArray *
summaries_of (JsonNode *root)
{
  return root != NULL ? carport_json_get_array (carport_json_attributes (root), "summaries") : NULL;
}

/* Keeps in @latest the later of it and @summary's lastTripEnd. */
static void
note_trip_end (JsonObject  *summary,
               GDateTime  **latest)
{
  g_autoptr(GDateTime) end = summary != NULL ? carport_json_get_time (summary, "lastTripEnd") : NULL;

  if (end != NULL && (*latest == NULL || g_date_time_compare (end, *latest) > 0))
    {
      g_clear_pointer (latest, g_date_time_unref);
      *latest = g_steal_pointer (&end);
    }
}

gboolean
carport_nissan_parse_trips (CarportVehicle  *vehicle,
                            JsonNode        *month_root,
                            JsonNode        *day_root,
                            GDateTime       *today,
                            GError         **error)
{
  CarportTrips *trips;
  CarportEnergy energy;
  JsonArray *month_list;
  JsonArray *day_list;
  JsonObject *month = NULL;
  JsonObject *day = NULL;
  CarportTripSummary month_summary;
  CarportTripSummary day_summary = CARPORT_TRIP_SUMMARY_UNKNOWN;
  g_autoptr(GDateTime) updated = NULL;

  g_return_val_if_fail (CARPORT_IS_VEHICLE (vehicle), FALSE);
  g_return_val_if_fail (month_root != NULL, FALSE);
  g_return_val_if_fail (today != NULL, FALSE);

  month_list = summaries_of (month_root);
  if (month_list == NULL)
    {
      carport_api_set_error (error, CARPORT_API_ERROR_INVALID_RESPONSE, _("no trip summaries in the answer"));
      return FALSE;
    }

  energy = carport_vehicle_get_energy (vehicle);
  month = find_summary (month_list, CARPORT_TRIPS_PERIOD_MONTH, today);
  month_summary = read_summary (month, energy);
  note_trip_end (month, &updated);

  day_list = summaries_of (day_root);
  if (day_list != NULL)
    {
      day = find_summary (day_list, CARPORT_TRIPS_PERIOD_TODAY, today);
      day_summary = read_summary (day, energy);
      note_trip_end (day, &updated);
    }
  else if (day_root != NULL)
    g_debug ("trip-history: the daily answer has no summaries; today is unknown");

  trips = carport_vehicle_get_trips (vehicle);
  g_object_freeze_notify (G_OBJECT (trips));
  carport_trips_set_summary (trips, CARPORT_TRIPS_PERIOD_MONTH, &month_summary);
  carport_trips_set_summary (trips, CARPORT_TRIPS_PERIOD_TODAY, &day_summary);
  carport_state_set_updated (CARPORT_STATE (trips), updated);
  g_object_thaw_notify (G_OBJECT (trips));

  return TRUE;
}
