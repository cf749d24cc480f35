/* carport-trips.h — Trip summaries: this month and today (endpoint trip-history). */
#pragma once

#include "carport-enums.h"
#include "carport-state.h"

G_BEGIN_DECLS

/* The two periods a CarportTrips holds. */
typedef enum {
  CARPORT_TRIPS_PERIOD_MONTH,
  CARPORT_TRIPS_PERIOD_TODAY,
  CARPORT_N_TRIPS_PERIODS
} CarportTripsPeriod;

/* One period's totals. Unknown: trips and duration_minutes -1, doubles NAN. */
typedef struct {
  int    trips;
  double distance_km;
  int    duration_minutes;
  double electricity_kwh;
  double fuel_litres;
} CarportTripSummary;

/* A summary with every value unknown. */
#define CARPORT_TRIP_SUMMARY_UNKNOWN \
  ((CarportTripSummary) { -1, CARPORT_UNKNOWN_DOUBLE, -1, CARPORT_UNKNOWN_DOUBLE, CARPORT_UNKNOWN_DOUBLE })

#define CARPORT_TYPE_TRIPS (carport_trips_get_type ())
G_DECLARE_FINAL_TYPE (CarportTrips, carport_trips, CARPORT, TRIPS, CarportState)

CarportTrips *carport_trips_new (void);

/* Properties, for each period PERIOD "month" and "today":
 *   PERIOD-trips (int, -1 unknown), PERIOD-distance-km (double, NAN unknown),
 *   PERIOD-duration-minutes (int, -1 unknown), PERIOD-electricity-kwh and
 *   PERIOD-fuel-litres (double, NAN unknown);
 * and CarportState's "updated". */
void carport_trips_get_summary (CarportTrips             *self,
                                CarportTripsPeriod        period,
                                CarportTripSummary       *out);
/* Sets the five values of @period; each changed property notifies once. */
void carport_trips_set_summary (CarportTrips             *self,
                                CarportTripsPeriod        period,
                                const CarportTripSummary *summary);

G_END_DECLS
