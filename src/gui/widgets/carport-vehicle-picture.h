/* carport-vehicle-picture.h — a car's picture, or its glyph while there is none. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CARPORT_TYPE_VEHICLE_PICTURE (carport_vehicle_picture_get_type ())
G_DECLARE_FINAL_TYPE (CarportVehiclePicture, carport_vehicle_picture, CARPORT, VEHICLE_PICTURE, GtkWidget)

/* Properties:
 *   file (string, nullable: the path of the picture, CarportVehicle's
 *     picture-file; read and decoded in a worker thread),
 *   pixel-size (int: of the glyph),
 *   picture-height (int: the picture's height; it is twice as wide),
 *   paintable (GdkPaintable, read-only, nullable: the picture shown; NULL
 *     while the glyph is, as when the file is no image it can read).
 * The widget has the style class "has-picture" while it shows one. */
GtkWidget    *carport_vehicle_picture_new           (void);
const char   *carport_vehicle_picture_get_file      (CarportVehiclePicture *self);
void          carport_vehicle_picture_set_file      (CarportVehiclePicture *self, const char *file);
GdkPaintable *carport_vehicle_picture_get_paintable (CarportVehiclePicture *self);

G_END_DECLS
