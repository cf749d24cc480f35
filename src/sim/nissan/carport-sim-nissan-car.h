/* carport-sim-nissan-car.h — a Nissan car on the wire: models, reads, actions (not public API)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "carport-sim-car.h"

G_BEGIN_DECLS

/* Which host a car request came to. */
typedef enum {
  CARPORT_SIM_NISSAN_HOST_CAR_ADAPTER,
  CARPORT_SIM_NISSAN_HOST_BFF,
} CarportSimNissanCarHost;

typedef enum {
  CARPORT_SIM_NISSAN_CAN_LOCK,        /* lock-unlock */
  CARPORT_SIM_NISSAN_CAN_SRP_SETUP,   /* srp-initiates */
} CarportSimNissanCan;

gboolean       _carport_sim_nissan_car_can            (CarportSimCar     *car,
                                                       CarportSimNissanCan what);
CarportSimCar *_carport_sim_nissan_car_new            (JsonObject        *config,
                                                       GError           **error);
JsonNode      *_carport_sim_nissan_build_car          (CarportSimCar     *car,
                                                       const char        *picture_base);
void           _carport_sim_nissan_car_handle         (CarportSimCar     *car,
                                                       SoupServerMessage *msg,
                                                       CarportSimNissanCarHost host,
                                                       guint              version,
                                                       const char        *endpoint,
                                                       GHashTable        *query);
void           _carport_sim_nissan_action_status      (CarportSimCar     *car,
                                                       SoupServerMessage *msg,
                                                       const char        *action_id);
void           _carport_sim_nissan_add_messages       (CarportSimCar     *car,
                                                       JsonArray         *messages);

G_END_DECLS
