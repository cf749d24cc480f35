/* carport-services.h — what the maker's records say about a car beyond its
 * readings: the car-adapter root (its gateway), the remote engine start's
 * state, its contracts and its maintenance alerts (endpoints car-adapter,
 * res-state, contracts, alerts). */
#pragma once

#include <gio/gio.h>
#include "carport-state.h"

G_BEGIN_DECLS

#define CARPORT_TYPE_SERVICES (carport_services_get_type ())
G_DECLARE_FINAL_TYPE (CarportServices, carport_services, CARPORT, SERVICES, CarportState)

CarportServices *carport_services_new (void);

/* Properties (names match docs/cli-json.md keys with "-" for "_"):
 *   car-gateway (string, "AVN", "GDC"), can-generation (string, "C1A"),
 *   remote-start-code (string, "10"), remote-start-details (string, "Stopped,
 *   ready for RES"), each nullable; alerts (GListModel of CarportAlert) and
 *   contracts (GListModel of CarportContract), read-only, replaced as a whole
 *   by the setters; and CarportState's "updated". */
const char *carport_services_get_car_gateway          (CarportServices *self);
void        carport_services_set_car_gateway          (CarportServices *self, const char *value);
const char *carport_services_get_can_generation       (CarportServices *self);
void        carport_services_set_can_generation       (CarportServices *self, const char *value);
const char *carport_services_get_remote_start_code    (CarportServices *self);
void        carport_services_set_remote_start_code    (CarportServices *self, const char *value);
const char *carport_services_get_remote_start_details (CarportServices *self);
void        carport_services_set_remote_start_details (CarportServices *self, const char *value);
GListModel *carport_services_get_alerts               (CarportServices *self);
void        carport_services_set_alerts               (CarportServices *self, GPtrArray *alerts);
GListModel *carport_services_get_contracts            (CarportServices *self);
void        carport_services_set_contracts            (CarportServices *self, GPtrArray *contracts);

G_END_DECLS
