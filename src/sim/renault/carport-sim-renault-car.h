/* carport-sim-renault-car.h — a Renault car on the wire: models, reads, actions (not public API)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Renault model table, and the rendering of a CarportSimCar's state as
 * Kamereon-commerce answers (api-renault.md §b, §c).
 */

#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "carport-sim-car.h"

G_BEGIN_DECLS

#define CARPORT_SIM_FORBIDDEN     "err.func.wired.forbidden"
#define CARPORT_SIM_NOT_FOUND     "err.func.wired.notFound"
#define CARPORT_SIM_NOT_SUPPORTED "err.tech.501"

typedef struct {
  const char *endpoint;   /* endpoint name; "name:action" for one action value */
  const char *code;       /* the error it answers */
} CarportSimRenaultDenial;

typedef enum {
  MODEL_POWER_IN_WATTS     = 1 << 0,  /* chargingInstantaneousPower in W (GDC gateway) */
  MODEL_UNPLUGGED_MINUS_1  = 1 << 1,  /* chargingStatus -1.0 when unplugged (ZE40) */
  MODEL_NO_DATA_TYPE       = 1 << 2,  /* newer cars leave out data.type */
  MODEL_BATTERY_TEMP       = 1 << 3,
  MODEL_NO_ENERGY          = 1 << 4,  /* batteryAvailableEnergy always 0 */
  MODEL_R5_BATTERY         = 1 << 5,  /* no capacity/energy, remaining time always, V2L */
  MODEL_COCKPIT_FUEL_ZERO  = 1 << 6,  /* fuelAutonomy 0 / fuelQuantity 0 on an EV */
  MODEL_COCKPIT_R5         = 1 << 7,  /* fuelQuantity 0.0 and a timestamp */
  MODEL_PHEV               = 1 << 8,  /* real fuel figures */
  MODEL_HVAC_EXTERNAL      = 1 << 9,
  MODEL_HVAC_INTERNAL      = 1 << 10,
  MODEL_HVAC_SOC_THRESHOLD = 1 << 11,
  MODEL_HVAC_NO_TIMESTAMP  = 1 << 12,
  MODEL_GPS_DIRECTION      = 1 << 13,
  MODEL_OLD_CHARGE_MODE    = 1 << 14, /* charge-mode reads always_charging / schedule_mode */
  MODEL_DURATION_MINUTES   = 1 << 15, /* charges[].chargeDuration in minutes */
  MODEL_KCM_SETTINGS       = 1 << 16, /* charge mode lives in ev/settings */
  MODEL_SLOW_PUNCTURE      = 1 << 17, /* the rear left tyre loses air and its sensor warns */
} CarportSimRenaultModelFlags;

typedef struct {
  const char   *code;
  const char   *label;
  const char   *brand;
  const char   *family_code;
  const char   *family_label;
  const char   *gateway_model;    /* gateway "modelCode" */
  const char   *energy_code;
  const char   *energy_label;
  const char   *engine_energy_type;
  const char   *engine_type;
  const char   *battery_code;
  const char   *tcu_code;
  const char   *radio_type;
  const char   *car_gateway;
  const char   *can_generation;
  const char   *connectivity;
  const char   *version_code;
  const char   *colour;           /* of the picture */
  double        capacity_kwh;
  double        range_km;         /* electric range at 100 % */
  double        charge_power;     /* in the unit the car reports */
  double        charge_power_kw;
  int           offset_minutes;   /* of battery-status timestamps */
  CarportSimRenaultModelFlags flags;
  const CarportSimRenaultDenial *denials;
} CarportSimRenaultModel;


#define RM(car) ((const CarportSimRenaultModel *) (car)->spec.model)

/* What the router found out about a request on a car's URL. */
typedef struct {
  const char *method;     /* "GET", "POST", … */
  const char *adapter;    /* "kca", "kcm" or "vehicles" (alerts) */
  guint       version;    /* kca: the N of car-adapter/vN */
  const char *endpoint;   /* the path after the VIN: "battery-status", "actions/hvac-start", "ev/settings" */
  GHashTable *query;      /* decoded query string */
} CarportSimCarRequest;

/* One action request being handled. */
typedef struct {
  CarportSimCar     *self;
  SoupServerMessage *msg;
  JsonNode          *body;
  JsonObject        *attributes;   /* of a JSON:API action, may be empty */
  const char        *type;
  gint64             now;
} CarportSimRenaultAction;

/* carport-sim-renault-model.c */
CarportSimCar *_carport_sim_renault_car_new        (JsonObject        *config,
                                                    GError           **error);
const char    *_carport_sim_renault_denial         (CarportSimCar     *car,
                                                    const char        *endpoint);

/* carport-sim-renault-car.c */
void           _carport_sim_renault_reply_denial   (SoupServerMessage *msg,
                                                    const char        *code);
void           _carport_sim_renault_reply_invalid  (SoupServerMessage *msg,
                                                    const char        *nested_code,
                                                    const char        *detail,
                                                    const char        *pointer);
void           _carport_sim_renault_car_handle     (CarportSimCar     *car,
                                                    SoupServerMessage *msg,
                                                    const CarportSimCarRequest *request);
JsonNode      *_carport_sim_renault_build_link     (CarportSimCar     *car,
                                                    gboolean           with_details);
JsonNode      *_carport_sim_renault_build_details  (CarportSimCar     *car);
JsonNode      *_carport_sim_renault_build_contracts (CarportSimCar    *car);
void           _carport_sim_renault_reply_picture  (CarportSimCar     *car,
                                                    SoupServerMessage *msg);
void           _carport_sim_renault_add_notifications (CarportSimCar  *car,
                                                    JsonArray         *array,
                                                    const char        *notification_id,
                                                    const char        *person_id,
                                                    const char        *user_id);

/* carport-sim-renault-actions.c: each answers the request */
typedef void (*CarportSimRenaultActFunc) (CarportSimRenaultAction *action);

void _carport_sim_renault_act_hvac_start       (CarportSimRenaultAction *action);
void _carport_sim_renault_act_charging_start   (CarportSimRenaultAction *action);
void _carport_sim_renault_act_kcm_charge_start (CarportSimRenaultAction *action);
void _carport_sim_renault_act_pause_resume     (CarportSimRenaultAction *action);
void _carport_sim_renault_act_charge_mode      (CarportSimRenaultAction *action);
void _carport_sim_renault_act_charge_schedule  (CarportSimRenaultAction *action);
void _carport_sim_renault_act_hvac_schedule    (CarportSimRenaultAction *action);
void _carport_sim_renault_act_horn_lights      (CarportSimRenaultAction *action);
void _carport_sim_renault_act_refresh_location (CarportSimRenaultAction *action);
void _carport_sim_renault_act_refresh_battery  (CarportSimRenaultAction *action);
void _carport_sim_renault_act_refresh_hvac     (CarportSimRenaultAction *action);
void _carport_sim_renault_act_ev_settings      (CarportSimRenaultAction *action);
void _carport_sim_renault_act_soc_levels       (CarportSimRenaultAction *action);
void _carport_sim_renault_act_srp_initiates    (CarportSimRenaultAction *action);
void _carport_sim_renault_act_srp_sets         (CarportSimRenaultAction *action);
void _carport_sim_renault_act_lock_unlock      (CarportSimRenaultAction *action);
void _carport_sim_renault_act_engine_start     (CarportSimRenaultAction *action);

G_END_DECLS
