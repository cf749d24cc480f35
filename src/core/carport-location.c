/* carport-location.c — Where the car is (endpoint location).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "carport-core"

#include "config.h"

#include <math.h>

#include "carport-location.h"
#include "carport-core-enum-types.h"

struct _CarportLocation
{
  GObject parent_instance;

  double       latitude;
  double       longitude;
  GDateTime   *updated; /* owned, nullable */
};

G_DEFINE_FINAL_TYPE (CarportLocation, carport_location, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_LATITUDE,
  PROP_LONGITUDE,
  PROP_UPDATED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

double
carport_location_get_latitude (CarportLocation *self)
{
  g_return_val_if_fail (CARPORT_IS_LOCATION (self), NAN);

  return self->latitude;
}

void
carport_location_set_latitude (CarportLocation *self,
                               double           value)
{
  g_return_if_fail (CARPORT_IS_LOCATION (self));

  if (self->latitude == value || (isnan (self->latitude) && isnan (value)))
    return;

  self->latitude = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LATITUDE]);
}

double
carport_location_get_longitude (CarportLocation *self)
{
  g_return_val_if_fail (CARPORT_IS_LOCATION (self), NAN);

  return self->longitude;
}

void
carport_location_set_longitude (CarportLocation *self,
                                double           value)
{
  g_return_if_fail (CARPORT_IS_LOCATION (self));

  if (self->longitude == value || (isnan (self->longitude) && isnan (value)))
    return;

  self->longitude = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LONGITUDE]);
}

GDateTime *
carport_location_get_updated (CarportLocation *self)
{
  g_return_val_if_fail (CARPORT_IS_LOCATION (self), NULL);

  return self->updated;
}

void
carport_location_set_updated (CarportLocation *self,
                              GDateTime       *value)
{
  g_return_if_fail (CARPORT_IS_LOCATION (self));

  if (self->updated == value
      || (self->updated != NULL && value != NULL && g_date_time_equal (self->updated, value)))
    return;

  g_clear_pointer (&self->updated, g_date_time_unref);
  if (value != NULL)
    self->updated = g_date_time_ref (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UPDATED]);
}

CarportLocation *
carport_location_new (void)
{
  return g_object_new (CARPORT_TYPE_LOCATION, NULL);
}

void
carport_location_clear (CarportLocation *self)
{
  g_return_if_fail (CARPORT_IS_LOCATION (self));

  g_object_freeze_notify (G_OBJECT (self));
  carport_location_set_latitude (self, NAN);
  carport_location_set_longitude (self, NAN);
  carport_location_set_updated (self, NULL);
  g_object_thaw_notify (G_OBJECT (self));
}

char *
carport_location_dup_geo_uri (CarportLocation *self)
{
  char lat[G_ASCII_DTOSTR_BUF_SIZE];
  char lon[G_ASCII_DTOSTR_BUF_SIZE];

  g_return_val_if_fail (CARPORT_IS_LOCATION (self), NULL);

  if (isnan (self->latitude) || isnan (self->longitude))
    return NULL;

  /* geo: URIs (RFC 5870) always use a dot, whatever the locale; ten
   * significant digits are 7 decimals for ±180 (about 1 cm). */
  g_ascii_formatd (lat, sizeof lat, "%.10g", self->latitude);
  g_ascii_formatd (lon, sizeof lon, "%.10g", self->longitude);

  return g_strdup_printf ("geo:%s,%s", lat, lon);
}

static void
carport_location_finalize (GObject *object)
{
  CarportLocation *self = (CarportLocation *) object;

  g_clear_pointer (&self->updated, g_date_time_unref);

  G_OBJECT_CLASS (carport_location_parent_class)->finalize (object);
}

static void
carport_location_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  CarportLocation *self = CARPORT_LOCATION (object);

  switch (prop_id)
    {
    case PROP_LATITUDE:
      g_value_set_double (value, self->latitude);
      break;

    case PROP_LONGITUDE:
      g_value_set_double (value, self->longitude);
      break;

    case PROP_UPDATED:
      g_value_set_boxed (value, self->updated);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carport_location_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  CarportLocation *self = CARPORT_LOCATION (object);

  switch (prop_id)
    {
    case PROP_LATITUDE:
      carport_location_set_latitude (self, g_value_get_double (value));
      break;

    case PROP_LONGITUDE:
      carport_location_set_longitude (self, g_value_get_double (value));
      break;

    case PROP_UPDATED:
      carport_location_set_updated (self, g_value_get_boxed (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carport_location_class_init (CarportLocationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = carport_location_finalize;
  object_class->get_property = carport_location_get_property;
  object_class->set_property = carport_location_set_property;

  properties[PROP_LATITUDE] =
    carport_param_spec_unknown_double ("latitude",
                                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_LONGITUDE] =
    carport_param_spec_unknown_double ("longitude",
                                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_UPDATED] =
    g_param_spec_boxed ("updated", NULL, NULL,
                        G_TYPE_DATE_TIME,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
carport_location_init (CarportLocation *self)
{
  self->latitude = NAN;
  self->longitude = NAN;
}
