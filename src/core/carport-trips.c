/* carport-trips.c — Trip summaries: this month and today (endpoint trip-history).
 *
 * The ten properties are one table: period × field, so the getters, setters
 * and GObject plumbing are written once.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "carport-core"

#include "config.h"

#include <math.h>

#include "carport-trips.h"

typedef enum {
  FIELD_TRIPS,
  FIELD_DISTANCE_KM,
  FIELD_DURATION_MINUTES,
  FIELD_ELECTRICITY_KWH,
  FIELD_FUEL_LITRES,
  N_FIELDS
} Field;

static const char * const period_names[CARPORT_N_TRIPS_PERIODS] = { "month", "today" };
static const char * const field_names[N_FIELDS] = {
  "trips", "distance-km", "duration-minutes", "electricity-kwh", "fuel-litres",
};

struct _CarportTrips
{
  CarportState       parent_instance;

  CarportTripSummary summaries[CARPORT_N_TRIPS_PERIODS];
};

G_DEFINE_FINAL_TYPE (CarportTrips, carport_trips, CARPORT_TYPE_STATE)

/* Property ids: 1 + period * N_FIELDS + field. */
#define N_PROPS (1 + CARPORT_N_TRIPS_PERIODS * N_FIELDS)
#define PROP_ID(period, field) (1 + (period) * N_FIELDS + (field))

static GParamSpec *properties[N_PROPS];

static gboolean
field_is_int (Field field)
{
  return field == FIELD_TRIPS || field == FIELD_DURATION_MINUTES;
}

static int *
int_slot (CarportTripSummary *summary,
          Field               field)
{
  return field == FIELD_TRIPS ? &summary->trips : &summary->duration_minutes;
}

static double *
double_slot (CarportTripSummary *summary,
             Field               field)
{
  switch (field)
    {
    case FIELD_DISTANCE_KM:
      return &summary->distance_km;
    case FIELD_ELECTRICITY_KWH:
      return &summary->electricity_kwh;
    case FIELD_FUEL_LITRES:
    case FIELD_TRIPS:
    case FIELD_DURATION_MINUTES:
    case N_FIELDS:
    default:
      return &summary->fuel_litres;
    }
}

static void
set_int (CarportTrips       *self,
         CarportTripsPeriod  period,
         Field               field,
         int                 value)
{
  int *slot = int_slot (&self->summaries[period], field);

  value = MAX (value, -1);
  if (*slot == value)
    return;

  *slot = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID (period, field)]);
}

static void
set_double (CarportTrips       *self,
            CarportTripsPeriod  period,
            Field               field,
            double              value)
{
  double *slot = double_slot (&self->summaries[period], field);

  if (*slot == value || (isnan (*slot) && isnan (value)))
    return;

  *slot = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID (period, field)]);
}

void
carport_trips_get_summary (CarportTrips       *self,
                           CarportTripsPeriod  period,
                           CarportTripSummary *out)
{
  g_return_if_fail (CARPORT_IS_TRIPS (self));
  g_return_if_fail (period < CARPORT_N_TRIPS_PERIODS);
  g_return_if_fail (out != NULL);

  *out = self->summaries[period];
}

void
carport_trips_set_summary (CarportTrips             *self,
                           CarportTripsPeriod        period,
                           const CarportTripSummary *summary)
{
  g_return_if_fail (CARPORT_IS_TRIPS (self));
  g_return_if_fail (period < CARPORT_N_TRIPS_PERIODS);
  g_return_if_fail (summary != NULL);

  g_object_freeze_notify (G_OBJECT (self));
  set_int (self, period, FIELD_TRIPS, summary->trips);
  set_double (self, period, FIELD_DISTANCE_KM, summary->distance_km);
  set_int (self, period, FIELD_DURATION_MINUTES, summary->duration_minutes);
  set_double (self, period, FIELD_ELECTRICITY_KWH, summary->electricity_kwh);
  set_double (self, period, FIELD_FUEL_LITRES, summary->fuel_litres);
  g_object_thaw_notify (G_OBJECT (self));
}

CarportTrips *
carport_trips_new (void)
{
  return g_object_new (CARPORT_TYPE_TRIPS, NULL);
}

/* The period and field of property @prop_id; FALSE when it is not one. */
static gboolean
split_prop_id (guint               prop_id,
               CarportTripsPeriod *period,
               Field              *field)
{
  if (prop_id == 0 || prop_id >= N_PROPS)
    return FALSE;

  *period = (prop_id - 1) / N_FIELDS;
  *field = (prop_id - 1) % N_FIELDS;
  return TRUE;
}

static void
carport_trips_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  CarportTrips *self = CARPORT_TRIPS (object);
  CarportTripsPeriod period;
  Field field;

  if (!split_prop_id (prop_id, &period, &field))
    {
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }

  if (field_is_int (field))
    g_value_set_int (value, *int_slot (&self->summaries[period], field));
  else
    g_value_set_double (value, *double_slot (&self->summaries[period], field));
}

static void
carport_trips_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  CarportTrips *self = CARPORT_TRIPS (object);
  CarportTripsPeriod period;
  Field field;

  if (!split_prop_id (prop_id, &period, &field))
    {
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }

  if (field_is_int (field))
    set_int (self, period, field, g_value_get_int (value));
  else
    set_double (self, period, field, g_value_get_double (value));
}

static void
carport_trips_class_init (CarportTripsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_NICK | G_PARAM_STATIC_BLURB;

  object_class->get_property = carport_trips_get_property;
  object_class->set_property = carport_trips_set_property;

  /* The names are built once and live as long as the class: interned. */
  for (guint period = 0; period < CARPORT_N_TRIPS_PERIODS; period++)
    for (guint field = 0; field < N_FIELDS; field++)
      {
        g_autofree char *name = g_strdup_printf ("%s-%s", period_names[period], field_names[field]);
        const char *interned = g_intern_string (name);

        if (field_is_int (field))
          properties[PROP_ID (period, field)] =
            g_param_spec_int (interned, NULL, NULL, -1, G_MAXINT, -1, flags | G_PARAM_STATIC_NAME);
        else
          properties[PROP_ID (period, field)] =
            carport_param_spec_unknown_double (interned, flags | G_PARAM_STATIC_NAME);
      }

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
carport_trips_init (CarportTrips *self)
{
  for (guint period = 0; period < CARPORT_N_TRIPS_PERIODS; period++)
    self->summaries[period] = CARPORT_TRIP_SUMMARY_UNKNOWN;
}
