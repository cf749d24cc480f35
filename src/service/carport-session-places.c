/* carport-session-places.c — what the session adds to its cars besides the
 * makers' data: their pictures (carport-vehicle-pictures.h), their addresses
 * (carport-reverse-geocoder.h, when the user asked for them) and the map's
 * tile source. */
#define G_LOG_DOMAIN "carport-service"

#include "config.h"

#include "carport-session-private.h"
#include "carport-http.h"

#define OSM_TILE_URL "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
#define NOMINATIM_URL "https://nominatim.openstreetmap.org"
#define WATCHED_KEY "carport-session-places"

/* The value of @name in the session's service roots, else in the
 * environment, else @default_url; NULL (and a warning) when it is not
 * https:// or http:// to loopback. */
static char *
dup_root (CarportSession *self,
          const char     *name,
          const char     *default_url)
{
  const char *value = g_environ_getenv (self->service_roots, name);
  g_autoptr(GError) error = NULL;
  g_autofree char *checked = NULL;
  g_autofree char *template = NULL;

  if (value == NULL || *value == '\0')
    value = g_getenv (name);
  if (value == NULL || *value == '\0')
    value = default_url;
  /* A tile URL's {z}/{x}/{y} are no valid URI characters: check a tile's. */
  template = g_strdup (value);
  g_strdelimit (template, "{}", '_');
  checked = carport_service_root (NULL, template, &error);
  if (checked == NULL)
    {
      g_warning ("%s: %s", name, error->message);
      return NULL;
    }
  return g_strdup (value);
}

char *
carport_session_dup_map_tile_url (CarportSession *self)
{
  g_return_val_if_fail (CARPORT_IS_SESSION (self), NULL);

  return dup_root (self, "CARPORT_MAP_TILE_URL", OSM_TILE_URL);
}

gboolean
carport_session_get_reverse_geocoding (CarportSession *self)
{
  g_return_val_if_fail (CARPORT_IS_SESSION (self), FALSE);

  return self->geocoder != NULL && carport_reverse_geocoder_get_enabled (self->geocoder);
}

void
carport_session_set_reverse_geocoding (CarportSession *self,
                                       gboolean        enabled)
{
  guint n_vehicles;

  g_return_if_fail (CARPORT_IS_SESSION (self));

  if (self->geocoder == NULL || carport_reverse_geocoder_get_enabled (self->geocoder) == !!enabled)
    return;

  carport_reverse_geocoder_set_enabled (self->geocoder, enabled);
  n_vehicles = g_list_model_get_n_items (G_LIST_MODEL (self->vehicles));
  for (guint i = 0; i < n_vehicles; i++)
    {
      g_autoptr(CarportVehicle) vehicle = g_list_model_get_item (G_LIST_MODEL (self->vehicles), i);

      if (enabled)
        carport_reverse_geocoder_update (self->geocoder, vehicle);
      else
        carport_location_set_address (carport_vehicle_get_location (vehicle), NULL);
    }
  g_object_notify_by_pspec (G_OBJECT (self), carport_session_properties[PROP_REVERSE_GEOCODING]);
}

gboolean
carport_session_get_fetch_pictures (CarportSession *self)
{
  g_return_val_if_fail (CARPORT_IS_SESSION (self), FALSE);

  return self->fetch_pictures;
}

void
carport_session_set_fetch_pictures (CarportSession *self,
                                    gboolean        fetch)
{
  guint n_vehicles;

  g_return_if_fail (CARPORT_IS_SESSION (self));

  if (self->fetch_pictures == !!fetch)
    return;
  self->fetch_pictures = !!fetch;
  n_vehicles = g_list_model_get_n_items (G_LIST_MODEL (self->vehicles));
  for (guint i = 0; fetch && i < n_vehicles; i++)
    {
      g_autoptr(CarportVehicle) vehicle = g_list_model_get_item (G_LIST_MODEL (self->vehicles), i);

      carport_vehicle_pictures_update (self->pictures, vehicle);
    }
  g_object_notify_by_pspec (G_OBJECT (self), carport_session_properties[PROP_FETCH_PICTURES]);
}

static void
picture_url_changed_cb (CarportVehicle *vehicle,
                        GParamSpec     *pspec,
                        CarportSession *self)
{
  if (self->fetch_pictures)
    carport_vehicle_pictures_update (self->pictures, vehicle);
}

static void
position_changed_cb (CarportLocation *location,
                     GParamSpec      *pspec,
                     CarportSession  *self)
{
  guint n_vehicles = g_list_model_get_n_items (G_LIST_MODEL (self->vehicles));

  if (self->geocoder == NULL)
    return;
  for (guint i = 0; i < n_vehicles; i++)
    {
      g_autoptr(CarportVehicle) vehicle = g_list_model_get_item (G_LIST_MODEL (self->vehicles), i);

      if (carport_vehicle_get_location (vehicle) == location)
        carport_reverse_geocoder_update (self->geocoder, vehicle);
    }
}

static void
vehicles_changed_cb (GListModel     *model,
                     guint           position,
                     guint           removed,
                     guint           added,
                     CarportSession *self)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(CarportVehicle) vehicle = g_list_model_get_item (model, i);
      CarportLocation *location = carport_vehicle_get_location (vehicle);

      /* Once for each car, however often it is listed again; the
       * handlers go with the session. */
      if (g_object_get_data (G_OBJECT (vehicle), WATCHED_KEY) != self)
        {
          g_object_set_data (G_OBJECT (vehicle), WATCHED_KEY, self);
          g_signal_connect_object (vehicle, "notify::picture-url", G_CALLBACK (picture_url_changed_cb), self, 0);
          g_signal_connect_object (location, "notify::latitude", G_CALLBACK (position_changed_cb), self, 0);
          g_signal_connect_object (location, "notify::longitude", G_CALLBACK (position_changed_cb), self, 0);
        }
      if (self->fetch_pictures)
        carport_vehicle_pictures_update (self->pictures, vehicle);
      if (self->geocoder != NULL)
        carport_reverse_geocoder_update (self->geocoder, vehicle);
      else
        carport_location_set_address (location, NULL);
    }
}

void
carport_session_places_init (CarportSession *self)
{
  g_autofree char *pictures = g_build_filename (g_get_user_cache_dir (), "carport", "pictures", NULL);
  g_autofree char *nominatim = dup_root (self, "CARPORT_GEOCODE_URL", NOMINATIM_URL);
  const char *ca_file = g_environ_getenv (self->service_roots, "CARPORT_NISSAN_CA_FILE");

  if (ca_file == NULL)
    ca_file = g_getenv ("CARPORT_NISSAN_CA_FILE");
  self->pictures = carport_vehicle_pictures_new (pictures, ca_file);
  if (nominatim != NULL)
    self->geocoder = carport_reverse_geocoder_new (nominatim);
  g_signal_connect_object (self->vehicles, "items-changed", G_CALLBACK (vehicles_changed_cb), self, 0);
}
