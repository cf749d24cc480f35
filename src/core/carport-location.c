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
  CarportState parent_instance;

  double       latitude;
  double       longitude;
  char        *address;    /* owned, nullable */
};

G_DEFINE_FINAL_TYPE (CarportLocation, carport_location, CARPORT_TYPE_STATE)

enum {
  PROP_0,
  PROP_LATITUDE,
  PROP_LONGITUDE,
  PROP_ADDRESS,
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

const char *
carport_location_get_address (CarportLocation *self)
{
  g_return_val_if_fail (CARPORT_IS_LOCATION (self), NULL);

  return self->address;
}

void
carport_location_set_address (CarportLocation *self,
                              const char      *value)
{
  g_return_if_fail (CARPORT_IS_LOCATION (self));

  if (g_strcmp0 (self->address, value) == 0)
    return;

  g_free (self->address);
  self->address = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ADDRESS]);
}

CarportLocation *
carport_location_new (void)
{
  return g_object_new (CARPORT_TYPE_LOCATION, NULL);
}

/* Both coordinates in @format with a dot, whatever the locale; FALSE when
 * the position is unknown. */
static gboolean
format_position (CarportLocation *self,
                 const char      *format,
                 char             lat[G_ASCII_DTOSTR_BUF_SIZE],
                 char             lon[G_ASCII_DTOSTR_BUF_SIZE])
{
  if (isnan (self->latitude) || isnan (self->longitude))
    return FALSE;
  g_ascii_formatd (lat, G_ASCII_DTOSTR_BUF_SIZE, format, self->latitude);
  g_ascii_formatd (lon, G_ASCII_DTOSTR_BUF_SIZE, format, self->longitude);
  return TRUE;
}

char *
carport_location_dup_geo_uri (CarportLocation *self)
{
  char lat[G_ASCII_DTOSTR_BUF_SIZE];
  char lon[G_ASCII_DTOSTR_BUF_SIZE];

  g_return_val_if_fail (CARPORT_IS_LOCATION (self), NULL);

  /* geo: URIs (RFC 5870) always use a dot; ten significant digits are 7
   * decimals for ±180 (about 1 cm). */
  if (!format_position (self, "%.10g", lat, lon))
    return NULL;
  return g_strdup_printf ("geo:%s,%s", lat, lon);
}

char *
carport_location_dup_coordinates (CarportLocation *self)
{
  char lat[G_ASCII_DTOSTR_BUF_SIZE];
  char lon[G_ASCII_DTOSTR_BUF_SIZE];

  g_return_val_if_fail (CARPORT_IS_LOCATION (self), NULL);

  /* Six decimals: about 10 cm, what map apps take. */
  if (!format_position (self, "%.6f", lat, lon))
    return NULL;
  return g_strdup_printf ("%s, %s", lat, lon);
}

char *
carport_location_dup_osm_url (CarportLocation *self)
{
  char lat[G_ASCII_DTOSTR_BUF_SIZE];
  char lon[G_ASCII_DTOSTR_BUF_SIZE];

  g_return_val_if_fail (CARPORT_IS_LOCATION (self), NULL);

  if (!format_position (self, "%.6f", lat, lon))
    return NULL;
  return g_strdup_printf ("https://www.openstreetmap.org/?mlat=%s&mlon=%s#map=16/%s/%s", lat, lon, lat, lon);
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

    case PROP_ADDRESS:
      g_value_set_string (value, self->address);
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

    case PROP_ADDRESS:
      carport_location_set_address (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carport_location_finalize (GObject *object)
{
  CarportLocation *self = CARPORT_LOCATION (object);

  g_clear_pointer (&self->address, g_free);

  G_OBJECT_CLASS (carport_location_parent_class)->finalize (object);
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

  /* Not from the car: the service's reverse geocoding fills it. */
  properties[PROP_ADDRESS] =
    g_param_spec_string ("address", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
carport_location_init (CarportLocation *self)
{
  self->latitude = NAN;
  self->longitude = NAN;
}
