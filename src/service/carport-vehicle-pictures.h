/* carport-vehicle-pictures.h — the cars' pictures, downloaded and kept on disk.
 *
 * The makers name a picture of each car (CarportVehicle's picture-url). This
 * downloads it once into a folder of the cache (g_get_user_cache_dir()/
 * carport/pictures: <VIN>.png, .jpg, .webp or .svg, beside <VIN>.url that
 * names the URL it came from), again only when the URL changes, and sets the
 * car's picture-file. An answer that is not 200, not an image type (PNG,
 * JPEG, WebP, SVG) or whose bytes are not one, or that is over
 * CARPORT_VEHICLE_PICTURE_MAX_SIZE is refused: the car keeps what it had
 * (the GUI shows its glyph). Only https:// URLs, or http:// to loopback. */
#pragma once

#include "carport-core.h"

G_BEGIN_DECLS

#define CARPORT_VEHICLE_PICTURE_MAX_SIZE (5 * 1024 * 1024)

#define CARPORT_TYPE_VEHICLE_PICTURES (carport_vehicle_pictures_get_type ())
G_DECLARE_FINAL_TYPE (CarportVehiclePictures, carport_vehicle_pictures, CARPORT, VEHICLE_PICTURES, GObject)

/* Pictures go into @dir (created when first needed). @ca_file (nullable):
 * a certificate authority trusted besides the system's (the simulator's
 * Nissan side, CARPORT_NISSAN_CA_FILE). */
CarportVehiclePictures *carport_vehicle_pictures_new    (const char             *dir,
                                                         const char             *ca_file);
/* Sets @vehicle's picture-file from the cache, downloading its picture-url
 * first when the cache does not hold it; in the background. */
void                    carport_vehicle_pictures_update (CarportVehiclePictures *self,
                                                         CarportVehicle         *vehicle);

G_END_DECLS
