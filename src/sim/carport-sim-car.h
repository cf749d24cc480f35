/* carport-sim-car.h — one simulated car: its state and its model's behaviour (not public API)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

/* What the server's router found out about a request on a car's URL. */
typedef struct {
  const char *method;     /* "GET", "POST", … */
  const char *adapter;    /* "kca", "kcm" or "vehicles" (alerts) */
  guint       version;    /* kca: the N of car-adapter/vN */
  const char *endpoint;   /* the path after the VIN: "battery-status", "actions/hvac-start", "ev/settings" */
  GHashTable *query;      /* decoded query string */
} CarportSimCarRequest;

#define CARPORT_TYPE_SIM_CAR (carport_sim_car_get_type ())

G_DECLARE_FINAL_TYPE (CarportSimCar, carport_sim_car, CARPORT, SIM_CAR, GObject)

CarportSimCar *carport_sim_car_new                  (JsonObject           *config,
                                                     GError              **error);
const char    *carport_sim_car_get_vin              (CarportSimCar        *self);
const char    *carport_sim_car_get_model_code       (CarportSimCar        *self);
gboolean       carport_sim_car_get_details_in_list  (CarportSimCar        *self);
void           carport_sim_car_set_command_delay_ms (CarportSimCar        *self,
                                                     guint                 ms);
void           carport_sim_car_set_charge_rate      (CarportSimCar        *self,
                                                     double                percent_per_second);
void           carport_sim_car_set_base_url         (CarportSimCar        *self,
                                                     const char           *base_url);

/* Kamereon */
JsonNode      *carport_sim_car_build_link           (CarportSimCar        *self,
                                                     gboolean              with_details);
JsonNode      *carport_sim_car_build_details        (CarportSimCar        *self);
JsonNode      *carport_sim_car_build_contracts      (CarportSimCar        *self);
void           carport_sim_car_handle               (CarportSimCar        *self,
                                                     SoupServerMessage    *msg,
                                                     const CarportSimCarRequest *request);
void           carport_sim_car_reply_picture        (CarportSimCar        *self,
                                                     SoupServerMessage    *msg);

/* Notifications of the commands sent to this car */
void           carport_sim_car_add_notifications    (CarportSimCar        *self,
                                                     JsonArray            *array,
                                                     const char           *notification_id,
                                                     const char           *person_id,
                                                     const char           *user_id);

/* Introspection */
int            carport_sim_car_get_battery_level    (CarportSimCar        *self);
gboolean       carport_sim_car_get_charging         (CarportSimCar        *self);
gboolean       carport_sim_car_get_hvac_on          (CarportSimCar        *self);
void           carport_sim_car_set_plugged          (CarportSimCar        *self,
                                                     gboolean              plugged);
char          *carport_sim_car_dup_state_json       (CarportSimCar        *self);

G_END_DECLS
