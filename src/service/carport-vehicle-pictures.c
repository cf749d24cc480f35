/* carport-vehicle-pictures.c — the cars' pictures, downloaded and kept on disk.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "carport-service"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "carport-http.h"
#include "carport-vehicle-pictures.h"

#define KEY_GROUP "picture"

struct _CarportVehiclePictures
{
  GObject       parent_instance;

  char         *dir;
  CarportHttp  *http;          /* its own: the makers' cookies never go to a picture host */
  GCancellable *cancellable;
  GHashTable   *wanted;        /* VIN → the URL looked up or fetched */
};

G_DEFINE_FINAL_TYPE (CarportVehiclePictures, carport_vehicle_pictures, G_TYPE_OBJECT)

/* One car's picture, from the look-up in the cache to the car's property. */
typedef struct {
  CarportVehiclePictures *self;         /* unowned: alive while @cancellable is not cancelled */
  GCancellable           *cancellable;  /* self's */
  CarportVehicle         *vehicle;
  char                   *url;
  char                   *dir;        /* self's */
  char                   *record;     /* <dir>/<VIN>.url */
  char                   *path;       /* <dir>/<VIN>.<type>, once known */
  GBytes                 *body;
} Fetch;

static void
fetch_free (Fetch *fetch)
{
  g_object_unref (fetch->cancellable);
  g_object_unref (fetch->vehicle);
  g_free (fetch->url);
  g_free (fetch->dir);
  g_free (fetch->record);
  g_free (fetch->path);
  g_clear_pointer (&fetch->body, g_bytes_unref);
  g_free (fetch);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Fetch, fetch_free)

/* The file type of @body when its bytes are the image @content_type says,
 * else NULL. */
static const char *
image_extension (const char *content_type,
                 GBytes     *body)
{
  gsize size;
  const char *data = g_bytes_get_data (body, &size);

  if (content_type == NULL || size == 0)
    return NULL;
  if (g_ascii_strcasecmp (content_type, "image/png") == 0 && size > 8 &&
      memcmp (data, "\x89PNG\r\n\x1a\n", 8) == 0)
    return "png";
  if (g_ascii_strcasecmp (content_type, "image/jpeg") == 0 && size > 3 && memcmp (data, "\xff\xd8\xff", 3) == 0)
    return "jpg";
  if (g_ascii_strcasecmp (content_type, "image/webp") == 0 && size > 12 &&
      memcmp (data, "RIFF", 4) == 0 && memcmp (data + 8, "WEBP", 4) == 0)
    return "webp";
  if (g_ascii_strcasecmp (content_type, "image/svg+xml") == 0 &&
      g_strstr_len (data, MIN (size, 1024), "<svg") != NULL)
    return "svg";
  return NULL;
}

static void
finish (Fetch *fetch)
{
  CarportVehiclePictures *self = fetch->self;
  const char *vin = carport_vehicle_get_vin (fetch->vehicle);

  /* The car may have named another picture meanwhile: that one wins. */
  if (g_strcmp0 (g_hash_table_lookup (self->wanted, vin), fetch->url) == 0 &&
      g_strcmp0 (carport_vehicle_get_picture_url (fetch->vehicle), fetch->url) == 0)
    carport_vehicle_set_picture_file (fetch->vehicle, fetch->path);
}

static void
give_up (Fetch      *fetch,
         const char *why)
{
  const char *vin = carport_vehicle_get_vin (fetch->vehicle);

  g_debug ("The picture of %s was not taken: %s", vin, why);
  /* Asked again, it is fetched again (a later start, a new URL). */
  if (g_strcmp0 (g_hash_table_lookup (fetch->self->wanted, vin), fetch->url) == 0)
    g_hash_table_remove (fetch->self->wanted, vin);
}

/* In a worker thread: the file the record names, when it is of this URL and there. */
static void
look_up_thread (GTask        *task,
                gpointer      source,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Fetch *fetch = task_data;
  g_autoptr(GKeyFile) record = g_key_file_new ();
  g_autofree char *url = NULL;
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;

  if (!g_key_file_load_from_file (record, fetch->record, G_KEY_FILE_NONE, NULL) ||
      (url = g_key_file_get_string (record, KEY_GROUP, "url", NULL)) == NULL ||
      (name = g_key_file_get_string (record, KEY_GROUP, "file", NULL)) == NULL ||
      g_strcmp0 (url, fetch->url) != 0 || strchr (name, G_DIR_SEPARATOR) != NULL)
    {
      g_task_return_pointer (task, NULL, NULL);
      return;
    }
  path = g_build_filename (fetch->dir, name, NULL);
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    g_clear_pointer (&path, g_free);
  g_task_return_pointer (task, g_steal_pointer (&path), g_free);
}

/* In a worker thread: the picture, then the record of where it came from. */
static void
store_thread (GTask        *task,
              gpointer      source,
              gpointer      task_data,
              GCancellable *cancellable)
{
  Fetch *fetch = task_data;
  g_autoptr(GKeyFile) record = g_key_file_new ();
  g_autofree char *name = g_path_get_basename (fetch->path);
  g_autoptr(GError) error = NULL;
  gsize size;
  const char *data = g_bytes_get_data (fetch->body, &size);

  if (g_mkdir_with_parents (fetch->dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_task_return_new_error (task, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                               "%s: %s", fetch->dir, g_strerror (saved_errno));
      return;
    }
  g_key_file_set_string (record, KEY_GROUP, "url", fetch->url);
  g_key_file_set_string (record, KEY_GROUP, "file", name);
  if (!g_file_set_contents (fetch->path, data, size, &error) ||
      !g_key_file_save_to_file (record, fetch->record, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
stored_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(Fetch) fetch = user_data;
  g_autoptr(GError) error = NULL;
  gboolean stored = g_task_propagate_boolean (G_TASK (result), &error);

  if (g_cancellable_is_cancelled (fetch->cancellable))
    return;
  if (!stored)
    give_up (fetch, error->message);
  else
    finish (fetch);
}

static void
downloaded_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(Fetch) fetch = user_data;
  g_autoptr(SoupMessageHeaders) headers = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;
  g_autofree char *name = NULL;
  const char *extension;
  guint status = 0;

  fetch->body = carport_http_request_full_finish (CARPORT_HTTP (source), result, &status, &headers, &error);
  if (g_cancellable_is_cancelled (fetch->cancellable))
    return;
  if (fetch->body == NULL)
    {
      give_up (fetch, error->message);
      return;
    }
  if (status != SOUP_STATUS_OK)
    {
      give_up (fetch, soup_status_get_phrase (status));
      return;
    }
  extension = image_extension (soup_message_headers_get_content_type (headers, NULL), fetch->body);
  if (extension == NULL)
    {
      give_up (fetch, "not an image");
      return;
    }

  name = g_strdup_printf ("%s.%s", carport_vehicle_get_vin (fetch->vehicle), extension);
  fetch->path = g_build_filename (fetch->dir, name, NULL);
  task = g_task_new (NULL, fetch->cancellable, stored_cb, fetch);
  g_task_set_source_tag (task, downloaded_cb);
  g_task_set_task_data (task, g_steal_pointer (&fetch), NULL);
  g_task_run_in_thread (task, store_thread);
}

static void
looked_up_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(Fetch) fetch = user_data;
  g_autoptr(GError) error = NULL;
  static const char * const headers[] = { "Accept", "image/png, image/jpeg, image/webp, image/svg+xml", NULL };
  CarportHttp *http;
  GCancellable *cancellable;
  const char *url;

  fetch->path = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_cancellable_is_cancelled (fetch->cancellable))
    return;
  if (fetch->path != NULL)
    {
      finish (fetch);
      return;
    }
  /* The arguments first: the order of their evaluation is not defined, and
   * the steal empties @fetch. */
  http = fetch->self->http;
  url = fetch->url;
  cancellable = fetch->cancellable;
  carport_http_request_full_async (http, "GET", url, headers, NULL, NULL, NULL, cancellable,
                                   downloaded_cb, g_steal_pointer (&fetch));
}

void
carport_vehicle_pictures_update (CarportVehiclePictures *self,
                                 CarportVehicle         *vehicle)
{
  const char *url;
  const char *vin;
  g_autoptr(GTask) task = NULL;
  g_autofree char *record_name = NULL;
  Fetch *fetch;

  g_return_if_fail (CARPORT_IS_VEHICLE_PICTURES (self));
  g_return_if_fail (CARPORT_IS_VEHICLE (vehicle));

  url = carport_vehicle_get_picture_url (vehicle);
  vin = carport_vehicle_get_vin (vehicle);
  if (url == NULL || !carport_url_is_secure (url) || strchr (vin, G_DIR_SEPARATOR) != NULL)
    return;
  if (g_strcmp0 (g_hash_table_lookup (self->wanted, vin), url) == 0)
    return;
  g_hash_table_insert (self->wanted, g_strdup (vin), g_strdup (url));

  fetch = g_new0 (Fetch, 1);
  fetch->self = self;
  fetch->cancellable = g_object_ref (self->cancellable);
  fetch->vehicle = g_object_ref (vehicle);
  fetch->url = g_strdup (url);
  fetch->dir = g_strdup (self->dir);
  record_name = g_strdup_printf ("%s.url", vin);
  fetch->record = g_build_filename (self->dir, record_name, NULL);

  task = g_task_new (NULL, self->cancellable, looked_up_cb, fetch);
  g_task_set_source_tag (task, carport_vehicle_pictures_update);
  g_task_set_task_data (task, fetch, NULL);
  g_task_run_in_thread (task, look_up_thread);
}

CarportVehiclePictures *
carport_vehicle_pictures_new (const char *dir,
                              const char *ca_file)
{
  CarportVehiclePictures *self;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (dir != NULL, NULL);

  self = g_object_new (CARPORT_TYPE_VEHICLE_PICTURES, NULL);
  self->dir = g_strdup (dir);
  if (ca_file != NULL && !carport_http_add_trusted_ca_file (self->http, ca_file, &error))
    g_warning ("The pictures' hosts: %s", error->message);
  return self;
}

static void
carport_vehicle_pictures_dispose (GObject *object)
{
  CarportVehiclePictures *self = CARPORT_VEHICLE_PICTURES (object);

  g_cancellable_cancel (self->cancellable);

  G_OBJECT_CLASS (carport_vehicle_pictures_parent_class)->dispose (object);
}

static void
carport_vehicle_pictures_finalize (GObject *object)
{
  CarportVehiclePictures *self = CARPORT_VEHICLE_PICTURES (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->http);
  g_clear_pointer (&self->wanted, g_hash_table_unref);
  g_clear_pointer (&self->dir, g_free);

  G_OBJECT_CLASS (carport_vehicle_pictures_parent_class)->finalize (object);
}

static void
carport_vehicle_pictures_class_init (CarportVehiclePicturesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = carport_vehicle_pictures_dispose;
  object_class->finalize = carport_vehicle_pictures_finalize;
}

static void
carport_vehicle_pictures_init (CarportVehiclePictures *self)
{
  self->cancellable = g_cancellable_new ();
  self->http = carport_http_new ();
  carport_http_set_max_body_size (self->http, CARPORT_VEHICLE_PICTURE_MAX_SIZE);
  self->wanted = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}
