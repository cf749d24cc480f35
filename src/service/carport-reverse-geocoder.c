/* carport-reverse-geocoder.c — the street address of a car's position.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "carport-service"

#include "config.h"

#include <math.h>

#include "carport-http.h"
#include "carport-json.h"
#include "carport-nominatim.h"
#include "carport-reverse-geocoder.h"

/* Nominatim's usage policy: at most one request a second. */
#define INTERVAL_MS 1000

struct _CarportReverseGeocoder
{
  GObject       parent_instance;

  char         *root;
  CarportHttp  *http;          /* its own: no cookie of the makers goes there */
  GCancellable *cancellable;
  GHashTable   *asked;         /* VIN → carport_location_dup_coordinates() asked for */
  GQueue        waiting;       /* CarportVehicle (owned), to ask for */
  guint         interval_ms;
  guint         pause_id;
  gboolean      busy;          /* a request is out */
  gboolean      enabled;
};

G_DEFINE_FINAL_TYPE (CarportReverseGeocoder, carport_reverse_geocoder, G_TYPE_OBJECT)

typedef struct {
  CarportReverseGeocoder *self;         /* unowned: alive while @cancellable is not cancelled */
  GCancellable           *cancellable;  /* self's */
  CarportVehicle         *vehicle;
  char                   *coordinates;  /* the position asked for */
} Lookup;

static void
lookup_free (Lookup *lookup)
{
  g_object_unref (lookup->cancellable);
  g_object_unref (lookup->vehicle);
  g_free (lookup->coordinates);
  g_free (lookup);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Lookup, lookup_free)

static void pump (CarportReverseGeocoder *self);

static gboolean
resume_cb (gpointer user_data)
{
  CarportReverseGeocoder *self = user_data;

  self->pause_id = 0;
  pump (self);
  return G_SOURCE_REMOVE;
}

static void
answered_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(Lookup) lookup = user_data;
  CarportReverseGeocoder *self = lookup->self;
  CarportLocation *location;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *address = NULL;
  g_autofree char *now = NULL;
  guint status = 0;

  body = carport_http_request_finish (CARPORT_HTTP (source), result, &status, &error);
  if (g_cancellable_is_cancelled (lookup->cancellable))
    return;

  self->busy = FALSE;
  if (body == NULL)
    g_debug ("No address for %s: %s", carport_vehicle_get_vin (lookup->vehicle), error->message);
  else if (status != SOUP_STATUS_OK)
    g_debug ("No address for %s: HTTP %u", carport_vehicle_get_vin (lookup->vehicle), status);
  else
    {
      gsize size;
      const char *data = g_bytes_get_data (body, &size);

      address = carport_nominatim_parse_address (data, size);
    }

  location = carport_vehicle_get_location (lookup->vehicle);
  now = carport_location_dup_coordinates (location);
  if (self->enabled && g_strcmp0 (now, lookup->coordinates) == 0)
    carport_location_set_address (location, address);

  if (self->interval_ms > 0)
    self->pause_id = g_timeout_add (self->interval_ms, resume_cb, self);
  else
    pump (self);
}

/* "de" for de_DE.UTF-8, or NULL. */
static char *
dup_language (void)
{
  const char *name = g_get_language_names ()[0];
  gsize length = strcspn (name, "_.@");

  if (length == 0 || g_str_equal (name, "C") || g_str_equal (name, "POSIX"))
    return NULL;
  return g_strndup (name, length);
}

static void
pump (CarportReverseGeocoder *self)
{
  g_autoptr(CarportVehicle) vehicle = NULL;
  g_autofree char *url = NULL;
  g_autofree char *language = dup_language ();
  CarportLocation *location;
  char lat[G_ASCII_DTOSTR_BUF_SIZE];
  char lon[G_ASCII_DTOSTR_BUF_SIZE];
  Lookup *lookup;

  if (self->busy || self->pause_id != 0 || !self->enabled)
    return;
  vehicle = g_queue_pop_head (&self->waiting);
  if (vehicle == NULL)
    return;

  location = carport_vehicle_get_location (vehicle);
  if (isnan (carport_location_get_latitude (location)) || isnan (carport_location_get_longitude (location)))
    {
      pump (self);
      return;
    }
  g_ascii_formatd (lat, sizeof lat, "%.6f", carport_location_get_latitude (location));
  g_ascii_formatd (lon, sizeof lon, "%.6f", carport_location_get_longitude (location));
  url = g_strdup_printf ("%s/reverse?format=jsonv2&addressdetails=1&zoom=18&lat=%s&lon=%s%s%s",
                         self->root, lat, lon, language ? "&accept-language=" : "", language ? language : "");

  lookup = g_new0 (Lookup, 1);
  lookup->self = self;
  lookup->cancellable = g_object_ref (self->cancellable);
  lookup->vehicle = g_steal_pointer (&vehicle);
  lookup->coordinates = carport_location_dup_coordinates (location);
  self->busy = TRUE;
  carport_http_request_async (self->http, "GET", url, NULL, NULL, NULL, self->cancellable,
                              answered_cb, lookup);
}

void
carport_reverse_geocoder_update (CarportReverseGeocoder *self,
                                 CarportVehicle         *vehicle)
{
  const char *vin;
  g_autofree char *coordinates = NULL;

  g_return_if_fail (CARPORT_IS_REVERSE_GEOCODER (self));
  g_return_if_fail (CARPORT_IS_VEHICLE (vehicle));

  if (!self->enabled)
    return;
  coordinates = carport_location_dup_coordinates (carport_vehicle_get_location (vehicle));
  vin = carport_vehicle_get_vin (vehicle);
  if (coordinates == NULL || g_strcmp0 (g_hash_table_lookup (self->asked, vin), coordinates) == 0)
    return;

  g_hash_table_insert (self->asked, g_strdup (vin), g_steal_pointer (&coordinates));
  /* The address of where the car was is not where it is. */
  carport_location_set_address (carport_vehicle_get_location (vehicle), NULL);
  if (g_queue_find (&self->waiting, vehicle) == NULL)
    g_queue_push_tail (&self->waiting, g_object_ref (vehicle));
  pump (self);
}

gboolean
carport_reverse_geocoder_get_enabled (CarportReverseGeocoder *self)
{
  g_return_val_if_fail (CARPORT_IS_REVERSE_GEOCODER (self), FALSE);

  return self->enabled;
}

void
carport_reverse_geocoder_set_enabled (CarportReverseGeocoder *self,
                                      gboolean                enabled)
{
  g_return_if_fail (CARPORT_IS_REVERSE_GEOCODER (self));

  self->enabled = !!enabled;
  if (self->enabled)
    return;
  g_hash_table_remove_all (self->asked);
  g_queue_clear_full (&self->waiting, g_object_unref);
}

CarportReverseGeocoder *
carport_reverse_geocoder_new (const char *root)
{
  CarportReverseGeocoder *self;

  g_return_val_if_fail (root != NULL, NULL);

  self = g_object_new (CARPORT_TYPE_REVERSE_GEOCODER, NULL);
  self->root = g_strdup (root);
  self->interval_ms = carport_url_is_loopback (root) ? 0 : INTERVAL_MS;
  return self;
}

static void
carport_reverse_geocoder_dispose (GObject *object)
{
  CarportReverseGeocoder *self = CARPORT_REVERSE_GEOCODER (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->pause_id, g_source_remove);
  g_queue_clear_full (&self->waiting, g_object_unref);

  G_OBJECT_CLASS (carport_reverse_geocoder_parent_class)->dispose (object);
}

static void
carport_reverse_geocoder_finalize (GObject *object)
{
  CarportReverseGeocoder *self = CARPORT_REVERSE_GEOCODER (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->http);
  g_clear_pointer (&self->asked, g_hash_table_unref);
  g_clear_pointer (&self->root, g_free);

  G_OBJECT_CLASS (carport_reverse_geocoder_parent_class)->finalize (object);
}

static void
carport_reverse_geocoder_class_init (CarportReverseGeocoderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = carport_reverse_geocoder_dispose;
  object_class->finalize = carport_reverse_geocoder_finalize;
}

static void
carport_reverse_geocoder_init (CarportReverseGeocoder *self)
{
  self->cancellable = g_cancellable_new ();
  self->http = carport_http_new ();
  self->asked = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_queue_init (&self->waiting);
}
