/* carport-nissan-trips.h — Nissan's trip history (docs/api-nissan.md §3.2,
 * `v1/cars/{vin}/trip-history`, gated by service 235): the queries to ask
 * and the answers' summaries. No I/O. */
#pragma once

#include <json-glib/json-glib.h>
#include "carport-core.h"

G_BEGIN_DECLS

/* The query of the read for @period containing @today (a local date):
 * "type=1&start=YYYY-MM-01&end=YYYY-MM-DD" (the month so far) or
 * "type=0&start=YYYY-MM-DD&end=YYYY-MM-DD" (today). */
char     *carport_nissan_trips_query (CarportTripsPeriod  period,
                                      GDateTime          *today);

/* Updates @vehicle's trips from the monthly answer @month_root (required)
 * and the daily answer @day_root (NULL when that read failed: today is then
 * unknown). Envelope or flat bodies with "summaries". A period's summary is
 * the one whose "month" (YYYYMM) or "day" (YYYYMMDD) is @today's, or a lone
 * summary without either; none means no trips then (zeros). Invalid numbers
 * are unknown; 0 l of fuel on an electric car and 0 kWh on a fuel car too.
 * "updated" is the latest lastTripEnd. INVALID_RESPONSE, leaving the state
 * as it was, when the monthly answer has no summaries list. */
gboolean  carport_nissan_parse_trips (CarportVehicle  *vehicle,
                                      JsonNode        *month_root,
                                      JsonNode        *day_root,
                                      GDateTime       *today,
                                      GError         **error);

G_END_DECLS
