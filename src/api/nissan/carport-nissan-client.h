/* carport-nissan-client.h — Nissan's Kamereon client (docs/api-nissan.md §2–§4). */
#pragma once

#include "carport-vehicle-client.h"
#include "carport-nissan-auth.h"

G_BEGIN_DECLS

#define CARPORT_TYPE_NISSAN_CLIENT (carport_nissan_client_get_type ())
G_DECLARE_FINAL_TYPE (CarportNissanClient, carport_nissan_client, CARPORT, NISSAN_CLIENT, CarportVehicleClient)

/* A CarportVehicleClient for the cars of a MyNISSAN account: discovery
 * through user-adapter and bff-web, reads on the car-adapter (the battery
 * on bff-web v3 for Ariya and Micra), commands as car-adapter actions,
 * confirmed by the action-status host when it is configured and answers,
 * else by reading back the state they change.
 *
 * What each car needs (battery version, CAN generation, gateway, cockpit
 * version) is kept on the vehicle and in a table of this client keyed by
 * VIN, so a car restored from the cache finds it after list_vehicles; a car
 * never listed gets it from its model name. The hosts are @auth's. */
CarportNissanClient *carport_nissan_client_new (CarportNissanAuth  *auth,
                                                GError            **error);

G_END_DECLS
