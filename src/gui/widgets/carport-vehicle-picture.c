/* carport-vehicle-picture.c — a car's picture, or its glyph while there is none.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "carport-gui"

#include "config.h"

#include "carport-vehicle-picture.h"

struct _CarportVehiclePicture
{
  GtkWidget     parent_instance;

  GtkWidget    *glyph;
  GtkWidget    *picture;
  char         *file;
  GCancellable *cancellable;   /* the file being read */
};

G_DEFINE_FINAL_TYPE (CarportVehiclePicture, carport_vehicle_picture, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_FILE,
  PROP_PIXEL_SIZE,
  PROP_PICTURE_HEIGHT,
  PROP_PAINTABLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
show_texture (CarportVehiclePicture *self,
              GdkTexture            *texture)
{
  gtk_picture_set_paintable (GTK_PICTURE (self->picture), GDK_PAINTABLE (texture));
  gtk_widget_set_visible (self->picture, texture != NULL);
  gtk_widget_set_visible (self->glyph, texture == NULL);
  if (texture != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self), "has-picture");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "has-picture");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAINTABLE]);
}

/* In a worker thread: the file's texture. */
static void
load_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (task_data);
  GdkTexture *texture = gdk_texture_new_from_file (file, &error);

  if (texture == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, texture, g_object_unref);
}

static void
loaded_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;

  texture = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (texture == NULL)
    g_debug ("The car's picture cannot be shown: %s", error->message);
  /* The task is the widget's: it is alive. */
  show_texture (CARPORT_VEHICLE_PICTURE (source), texture);
}

GtkWidget *
carport_vehicle_picture_new (void)
{
  return g_object_new (CARPORT_TYPE_VEHICLE_PICTURE, NULL);
}

const char *
carport_vehicle_picture_get_file (CarportVehiclePicture *self)
{
  g_return_val_if_fail (CARPORT_IS_VEHICLE_PICTURE (self), NULL);

  return self->file;
}

void
carport_vehicle_picture_set_file (CarportVehiclePicture *self,
                                  const char            *file)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CARPORT_IS_VEHICLE_PICTURE (self));

  if (g_strcmp0 (self->file, file) == 0)
    return;
  g_free (self->file);
  self->file = g_strdup (file);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (file == NULL)
    show_texture (self, NULL);
  else
    {
      self->cancellable = g_cancellable_new ();
      task = g_task_new (self, self->cancellable, loaded_cb, NULL);
      g_task_set_source_tag (task, carport_vehicle_picture_set_file);
      g_task_set_task_data (task, g_strdup (file), g_free);
      g_task_set_return_on_cancel (task, TRUE);
      g_task_run_in_thread (task, load_thread);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
}

GdkPaintable *
carport_vehicle_picture_get_paintable (CarportVehiclePicture *self)
{
  g_return_val_if_fail (CARPORT_IS_VEHICLE_PICTURE (self), NULL);

  return gtk_picture_get_paintable (GTK_PICTURE (self->picture));
}

static void
carport_vehicle_picture_dispose (GObject *object)
{
  CarportVehiclePicture *self = CARPORT_VEHICLE_PICTURE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->glyph, gtk_widget_unparent);
  g_clear_pointer (&self->picture, gtk_widget_unparent);

  G_OBJECT_CLASS (carport_vehicle_picture_parent_class)->dispose (object);
}

static void
carport_vehicle_picture_finalize (GObject *object)
{
  CarportVehiclePicture *self = CARPORT_VEHICLE_PICTURE (object);

  g_free (self->file);

  G_OBJECT_CLASS (carport_vehicle_picture_parent_class)->finalize (object);
}

static void
carport_vehicle_picture_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  CarportVehiclePicture *self = CARPORT_VEHICLE_PICTURE (object);
  int height;

  switch (prop_id)
    {
    case PROP_FILE:
      g_value_set_string (value, self->file);
      break;
    case PROP_PIXEL_SIZE:
      g_value_set_int (value, gtk_image_get_pixel_size (GTK_IMAGE (self->glyph)));
      break;
    case PROP_PICTURE_HEIGHT:
      gtk_widget_get_size_request (self->picture, NULL, &height);
      g_value_set_int (value, height);
      break;
    case PROP_PAINTABLE:
      g_value_set_object (value, carport_vehicle_picture_get_paintable (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carport_vehicle_picture_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  CarportVehiclePicture *self = CARPORT_VEHICLE_PICTURE (object);

  switch (prop_id)
    {
    case PROP_FILE:
      carport_vehicle_picture_set_file (self, g_value_get_string (value));
      break;
    case PROP_PIXEL_SIZE:
      gtk_image_set_pixel_size (GTK_IMAGE (self->glyph), g_value_get_int (value));
      break;
    case PROP_PICTURE_HEIGHT:
      gtk_widget_set_size_request (self->picture, 2 * g_value_get_int (value), g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carport_vehicle_picture_class_init (CarportVehiclePictureClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = carport_vehicle_picture_dispose;
  object_class->finalize = carport_vehicle_picture_finalize;
  object_class->get_property = carport_vehicle_picture_get_property;
  object_class->set_property = carport_vehicle_picture_set_property;

  properties[PROP_FILE] =
    g_param_spec_string ("file", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PIXEL_SIZE] =
    g_param_spec_int ("pixel-size", NULL, NULL, -1, G_MAXINT, -1,
                      G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PICTURE_HEIGHT] =
    g_param_spec_int ("picture-height", NULL, NULL, -1, G_MAXINT, -1,
                      G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PAINTABLE] =
    g_param_spec_object ("paintable", NULL, NULL, GDK_TYPE_PAINTABLE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "vehicle-picture");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_PRESENTATION);
}

static void
carport_vehicle_picture_init (CarportVehiclePicture *self)
{
  self->glyph = gtk_image_new_from_icon_name ("carport-car-symbolic");
  gtk_widget_set_parent (self->glyph, GTK_WIDGET (self));
  self->picture = gtk_picture_new ();
  gtk_picture_set_can_shrink (GTK_PICTURE (self->picture), TRUE);
  gtk_picture_set_content_fit (GTK_PICTURE (self->picture), GTK_CONTENT_FIT_CONTAIN);
  gtk_widget_set_visible (self->picture, FALSE);
  gtk_widget_set_parent (self->picture, GTK_WIDGET (self));
}
