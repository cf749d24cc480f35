/* carport-vehicle-page.h — one car: its status cards and the buttons for what
 * it supports. The page finds its cards and command buttons in its .ui; it
 * owns the "vehicle.*" actions and a "command.<kind's nick>" action for each
 * button, and enables them from one place (capabilities, state, login and
 * commands in flight). */
#pragma once

#include <adwaita.h>

#include "carport-core.h"
#include "carport-session.h"

G_BEGIN_DECLS

#define CARPORT_TYPE_VEHICLE_PAGE (carport_vehicle_page_get_type ())
G_DECLARE_FINAL_TYPE (CarportVehiclePage, carport_vehicle_page, CARPORT, VEHICLE_PAGE, AdwBin)

/* Properties: vehicle (nullable), session (nullable: without one the cards
 * show the vehicle and every command is disabled), distance-unit,
 * temperature-unit, remote-lock (whether Lock and Unlock, and Start Engine and
 * Stop Engine, experimental, are offered to the cars that support them;
 * they ask for the PIN). */
GtkWidget      *carport_vehicle_page_new         (void);
CarportVehicle *carport_vehicle_page_get_vehicle (CarportVehiclePage *self);
void            carport_vehicle_page_set_vehicle (CarportVehiclePage *self, CarportVehicle *vehicle);
CarportSession *carport_vehicle_page_get_session (CarportVehiclePage *self);
void            carport_vehicle_page_set_session (CarportVehiclePage *self, CarportSession *session);

/* For tests: the first widget of the page with this id in a .ui ("battery_card", …). */
GtkWidget      *carport_vehicle_page_get_part    (CarportVehiclePage *self, const char *id);

G_END_DECLS
