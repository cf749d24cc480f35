/* carport-sim-car.h — one simulated car: brand-neutral state and physics (not public API)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A CarportSimCar holds what a car is (battery, plug, charge, climate, doors,
 * position, odometer, the commands sent to it) and how that evolves over
 * time. It knows no wire format: the brand folders (renault/, nissan/) read
 * and write its fields to render their servers' answers, which is why the
 * instance structure is visible to the simulator's files.
 */

#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "carport-sim-srp.h"

G_BEGIN_DECLS

#define CARPORT_SIM_SECONDS(n) ((gint64) (n) * G_USEC_PER_SEC)
#define CARPORT_SIM_N_SCHEDULES 5

extern const char * const carport_sim_days[7];   /* "monday" … "sunday" */

typedef enum {
  CARPORT_SIM_BRAND_RENAULT,
  CARPORT_SIM_BRAND_NISSAN,
} CarportSimBrand;

typedef enum {
  CARPORT_SIM_CHARGE_IDLE,
  CARPORT_SIM_CHARGE_WAITING,    /* plugged, waiting for a planned charge */
  CARPORT_SIM_CHARGE_ENDED,
  CARPORT_SIM_CHARGE_CHARGING,
} CarportSimChargeState;

typedef enum {
  CARPORT_SIM_CMD_HVAC_START,
  CARPORT_SIM_CMD_HVAC_STOP,
  CARPORT_SIM_CMD_CHARGE_START,
  CARPORT_SIM_CMD_CHARGE_STOP,
  CARPORT_SIM_CMD_CHARGE_MODE,
  CARPORT_SIM_CMD_CHARGE_SCHEDULE,
  CARPORT_SIM_CMD_HVAC_SCHEDULE,
  CARPORT_SIM_CMD_HORN_LIGHTS,
  CARPORT_SIM_CMD_REFRESH_LOCATION,
  CARPORT_SIM_CMD_REFRESH_BATTERY,
  CARPORT_SIM_CMD_REFRESH_HVAC,
  CARPORT_SIM_CMD_REFRESH_LOCK,
  CARPORT_SIM_CMD_EV_SETTINGS,
  CARPORT_SIM_CMD_SOC_LEVELS,
  CARPORT_SIM_CMD_SRP_INITIATES,   /* PIN enrolment */
  CARPORT_SIM_CMD_SRP_SETS,        /* a challenge: salt and B */
  CARPORT_SIM_CMD_LOCK,
  CARPORT_SIM_CMD_UNLOCK,
  CARPORT_SIM_CMD_ENGINE_START,    /* remote engine start (Renault res-state) */
  CARPORT_SIM_CMD_ENGINE_STOP,
} CarportSimCommandKind;

typedef enum {
  CARPORT_SIM_FAILURE_NONE,
  CARPORT_SIM_FAILURE_UNPLUGGED,       /* a charge start on an unplugged car */
  CARPORT_SIM_FAILURE_SOC_THRESHOLD,   /* climate below the level allowed unplugged */
  CARPORT_SIM_FAILURE_WRONG_PIN,       /* an SRP proof that does not match */
  CARPORT_SIM_FAILURE_PIN_LOCKED_OUT,  /* too many wrong PINs */
} CarportSimFailure;

typedef struct {
  char                  *id;
  CarportSimCommandKind  kind;
  const char            *command_type;   /* "HVAC_START", … */
  gint64                 created;
  gint64                 due;
  gboolean               applied;
  CarportSimFailure      failure;
  guint                  polls;          /* status requests seen (Nissan action-status) */
  /* parameters */
  double                 temperature;
  gint64                 start_at;
  char                  *mode;
  JsonNode              *schedules;
  int                    soc_min;
  int                    soc_target;
  char                  *srp_salt;       /* SRP_SETS: the challenge, hex */
  char                  *srp_b;
  int                    srp_tries_left; /* a wrong PIN: the tries before the lock-out */
} CarportSimCommand;

typedef struct {
  gint64   start;
  gint64   end;
  double   start_level;
  double   end_level;
  gboolean ok;
} CarportSimChargeSession;

/* What a brand's model table tells the car about itself. */
typedef struct {
  CarportSimBrand  brand;
  gconstpointer    model;                /* the brand's model entry */
  const char      *model_code;
  const char      *label;
  double           capacity_kwh;         /* 0: no traction battery */
  double           range_km;             /* electric range at 100 % */
  double           charge_power_kw;
  double           fuel_litres;          /* at start; 0 for an EV */
  double           soc_threshold;        /* climate refuses below it, unplugged */
  gboolean         unplugged_minus_1;    /* chargingStatus -1.0 when unplugged */
  gboolean         soc_limited;          /* charges stop at soc_target */
  gboolean         scheduled_by_default; /* charge mode "scheduled" */
  gboolean       (*is_endpoint) (const char *name);   /* for "allow" and "deny" */
} CarportSimCarSpec;

#define CARPORT_TYPE_SIM_CAR (carport_sim_car_get_type ())

G_DECLARE_FINAL_TYPE (CarportSimCar, carport_sim_car, CARPORT, SIM_CAR, GObject)

struct _CarportSimCar
{
  GObject parent_instance;

  CarportSimCarSpec spec;
  char *vin;
  char *name;
  char *registration;
  char *base_url;               /* "http://127.0.0.1:PORT", for pictures */
  gboolean details_in_list;     /* Renault: the vehicles list carries vehicleDetails */
  GHashTable *allowed;          /* endpoint → NULL: overrides the model's denials */
  GHashTable *denied;           /* endpoint → error code */
  gboolean quirk_hvac_403011;
  gboolean quirk_privacy_on;

  guint command_delay_ms;
  double charge_rate;           /* % per second */

  /* battery */
  gint64 state_time;            /* the time the figures below describe */
  double level;
  gboolean plugged;
  CarportSimChargeState charge;
  gint64 planned_charge_at;     /* 0 = none */
  gint64 session_start;
  double session_start_level;
  gint64 battery_time;
  GArray *sessions;             /* CarportSimChargeSession */

  /* cockpit */
  double mileage;
  double fuel_litres;

  /* climate */
  gboolean hvac_on;
  gint64 hvac_off_at;
  gint64 planned_hvac_at;
  double target_temperature;
  double external_temperature;
  double internal_temperature;
  gint64 hvac_time;

  /* location */
  double latitude;
  double longitude;
  gint64 location_time;

  /* charge settings */
  char *charge_mode;            /* "always" or "scheduled" */
  JsonArray *charge_schedules;
  JsonArray *hvac_schedules;
  gint64 charging_settings_time;
  gint64 hvac_settings_time;
  JsonObject *ev_settings;
  int soc_min;
  int soc_target;
  gint64 soc_time;

  /* doors */
  gboolean locked;
  gint64 lock_time;
  gboolean engine_running;      /* remote engine start */
  CarportSimSrp *srp;           /* the PIN's verifier, challenges, tries */

  GPtrArray *commands;          /* CarportSimCommand* */
};

CarportSimCar     *carport_sim_car_new                  (const CarportSimCarSpec *spec,
                                                         const char           *vin);
gboolean           carport_sim_car_apply_config         (CarportSimCar        *self,
                                                         JsonObject           *config,
                                                         const char * const   *brand_members,
                                                         GError              **error);
gboolean           carport_sim_car_config_error         (GError              **error,
                                                         const char           *vin,
                                                         const char           *format,
                                                         ...) G_GNUC_PRINTF (3, 4);
gboolean           carport_sim_is_valid_vin             (const char           *vin);
gboolean           carport_sim_car_config_ids           (JsonObject           *config,
                                                         const char          **model,
                                                         const char          **vin,
                                                         GError              **error);
CarportSimCar     *carport_sim_find_car                 (GPtrArray            *cars,
                                                         const char           *vin);

const char        *carport_sim_car_get_vin              (CarportSimCar        *self);
CarportSimBrand    carport_sim_car_get_brand            (CarportSimCar        *self);
void               carport_sim_car_set_command_delay_ms (CarportSimCar        *self,
                                                         guint                 ms);
void               carport_sim_car_set_charge_rate      (CarportSimCar        *self,
                                                         double                percent_per_second);
void               carport_sim_car_set_base_url         (CarportSimCar        *self,
                                                         const char           *base_url);

/* Physics */
void               carport_sim_car_advance              (CarportSimCar        *self,
                                                         gint64                now);
void               carport_sim_car_start_charging       (CarportSimCar        *self,
                                                         gint64                when);
double             carport_sim_car_charge_limit         (CarportSimCar        *self);
double             carport_sim_car_charging_status      (CarportSimCar        *self);
int                carport_sim_car_remaining_minutes    (CarportSimCar        *self);
gboolean           carport_sim_car_ev_settings_always   (JsonObject           *settings);

/* Commands */
CarportSimCommand *carport_sim_car_queue_command        (CarportSimCar        *self,
                                                         CarportSimCommandKind kind,
                                                         const char           *command_type,
                                                         gint64                now);
gboolean           carport_sim_car_command_pending      (CarportSimCar        *self,
                                                         CarportSimCommandKind kind);
CarportSimCommand *carport_sim_car_find_command         (CarportSimCar        *self,
                                                         const char           *id);
const char        *carport_sim_command_status           (const CarportSimCommand *command);
const char        *carport_sim_command_failure_message  (const CarportSimCommand *command);
CarportSimCommand *carport_sim_car_queue_srp_command    (CarportSimCar        *self,
                                                         CarportSimCommandKind kind,
                                                         const char           *command_type,
                                                         const char           *order,
                                                         const char           *proof,
                                                         gint64                now);

/* Introspection */
int                carport_sim_car_get_battery_level    (CarportSimCar        *self);
gboolean           carport_sim_car_get_charging         (CarportSimCar        *self);
gboolean           carport_sim_car_get_hvac_on          (CarportSimCar        *self);
gboolean           carport_sim_car_get_locked           (CarportSimCar        *self);
gboolean           carport_sim_car_get_engine_running   (CarportSimCar        *self);
void               carport_sim_car_set_plugged          (CarportSimCar        *self,
                                                         gboolean              plugged);
char              *carport_sim_car_dup_state_json       (CarportSimCar        *self);

G_END_DECLS
