/* carport-vehicle-row.h — a car in the sidebar: name, model, battery level. */
#pragma once

#include <gtk/gtk.h>

#include "carport-core.h"

G_BEGIN_DECLS

#define CARPORT_TYPE_VEHICLE_ROW (carport_vehicle_row_get_type ())
G_DECLARE_FINAL_TYPE (CarportVehicleRow, carport_vehicle_row, CARPORT, VEHICLE_ROW, GtkListBoxRow)

/* Properties: vehicle (construct). */
GtkWidget      *carport_vehicle_row_new         (CarportVehicle *vehicle);
CarportVehicle *carport_vehicle_row_get_vehicle (CarportVehicleRow *self);

G_END_DECLS
