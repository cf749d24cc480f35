/* carport-sim-car.c — one simulated car: its state and its model's behaviour
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The state is evaluated lazily: nothing runs on a timer. Every request first
 * advances the car to "now", replaying in time order the commands whose delay
 * has passed, a planned charge or climate start, the end of a charge (the
 * level rises at the charge rate until the limit) and the automatic end of
 * climate. So a charge's level is exact at any read, and an idle simulator
 * costs nothing.
 */

#define G_LOG_DOMAIN "carport-sim"

#include "config.h"

#include <math.h>
#include <string.h>

#include "carport-simulator.h"
#include "carport-sim-car.h"
#include "carport-sim-util.h"

#define FORBIDDEN     "err.func.wired.forbidden"
#define NOT_FOUND     "err.func.wired.notFound"
#define NOT_SUPPORTED "err.tech.501"

#define SECONDS(n) ((gint64) (n) * G_USEC_PER_SEC)
#define HVAC_RUN_TIME_US SECONDS (15 * 60)
#define N_SCHEDULES 5

static const char * const days[] = {
  "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
};

/* ------------------------------------------------------------------------ */
/* Models                                                                   */
/* ------------------------------------------------------------------------ */

typedef struct {
  const char *endpoint;   /* endpoint name; "name:action" for one action value */
  const char *code;       /* the error it answers */
} Denial;

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
} ModelFlags;

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
  ModelFlags    flags;
  const Denial *denials;
} ModelInfo;

/* The errors follow the "Marked unsupported" lists of §c.5, with one rule:
 * a KCA endpoint answers err.func.wired.forbidden, except lock-status which
 * answers err.func.wired.notFound "There is no data for this vin and uid";
 * a KCM endpoint answers err.tech.501 on a car without the KCM platform and
 * err.func.wired.forbidden on a KCM car without that feature; a charge action
 * that the model does through an alternative path (§c.4) is forbidden on the
 * default path. src/sim/README.md has the same table. */

static const Denial x101ve_denials[] = {
  { "location", FORBIDDEN },
  { "lock-status", NOT_FOUND },
  { "res-state", FORBIDDEN },
  { "pressure", FORBIDDEN },
  { "ev/settings", NOT_SUPPORTED },
  { "ev/soc-levels", NOT_SUPPORTED },
  { "charge/start", NOT_SUPPORTED },
  { "charge/pause-resume", NOT_SUPPORTED },
  { "charge/schedule", NOT_SUPPORTED },
  { NULL, NULL }
};

static const Denial x102ve_denials[] = {
  { "charge-mode", FORBIDDEN },
  { "charge-schedule", FORBIDDEN },
  { "lock-status", NOT_FOUND },
  { "res-state", FORBIDDEN },
  { "actions/horn-lights", FORBIDDEN },
  { "actions/charging-start:stop", FORBIDDEN },  /* stop goes through charge/pause-resume */
  { "ev/settings", NOT_SUPPORTED },
  { "ev/soc-levels", NOT_SUPPORTED },
  { "charge/start", NOT_SUPPORTED },
  { "charge/schedule", NOT_SUPPORTED },
  { NULL, NULL }
};

static const Denial xcb1ve_denials[] = {
  { "charge-mode", FORBIDDEN },
  { "charge-schedule", FORBIDDEN },
  { "charge-history", FORBIDDEN },
  { "hvac-history", FORBIDDEN },
  { "hvac-sessions", FORBIDDEN },
  { "lock-status", NOT_FOUND },
  { "res-state", FORBIDDEN },
  { "pressure", FORBIDDEN },
  { "notification-settings", FORBIDDEN },
  { "actions/charging-start", FORBIDDEN },       /* start goes through charge/start; no stop */
  { "actions/charge-schedule", FORBIDDEN },      /* goes through charge/schedule */
  { "charge/pause-resume", FORBIDDEN },
  { NULL, NULL }
};

static const Denial xbg1ve_denials[] = {
  { "hvac-settings", FORBIDDEN },
  { "charge-mode", FORBIDDEN },
  { "charging-settings", FORBIDDEN },
  { "charge-schedule", FORBIDDEN },
  { "charge-history", FORBIDDEN },
  { "hvac-history", FORBIDDEN },
  { "hvac-sessions", FORBIDDEN },
  { "lock-status", NOT_FOUND },
  { "res-state", FORBIDDEN },
  { "pressure", FORBIDDEN },
  { "notification-settings", FORBIDDEN },
  { "alerts", FORBIDDEN },
  { "actions/horn-lights", FORBIDDEN },
  { "actions/charging-start", FORBIDDEN },       /* start and stop go through charge/pause-resume */
  { "ev/soc-levels", FORBIDDEN },
  { "ev/settings", FORBIDDEN },
  { "charge/start", FORBIDDEN },
  { "charge/schedule", FORBIDDEN },
  { NULL, NULL }
};

static const Denial r5e1ve_denials[] = {
  { "charge-mode", FORBIDDEN },
  { "charging-settings", FORBIDDEN },
  { "charge-schedule", FORBIDDEN },              /* read ev/settings instead */
  { "charge-history", FORBIDDEN },
  { "hvac-history", FORBIDDEN },
  { "hvac-sessions", FORBIDDEN },
  { "lock-status", NOT_FOUND },
  { "res-state", FORBIDDEN },
  { "pressure", FORBIDDEN },
  { "notification-settings", FORBIDDEN },
  { "actions/hvac-schedule", FORBIDDEN },
  { "actions/charging-start", FORBIDDEN },       /* start goes through ev/settings; no stop */
  { "actions/charge-mode", FORBIDDEN },
  { "actions/charge-schedule", FORBIDDEN },
  { "charge/start", FORBIDDEN },
  { "charge/pause-resume", FORBIDDEN },
  { "charge/schedule", FORBIDDEN },
  { NULL, NULL }
};

static const Denial xjb1su_denials[] = {
  { "charge-mode", FORBIDDEN },
  { "charge-schedule", FORBIDDEN },
  { "charge-history", FORBIDDEN },
  { "hvac-history", FORBIDDEN },
  { "hvac-sessions", FORBIDDEN },
  { "lock-status", NOT_FOUND },
  { "res-state", FORBIDDEN },
  { "pressure", FORBIDDEN },
  { "notification-settings", FORBIDDEN },
  { "actions/charging-start", FORBIDDEN },
  { "actions/horn-lights", FORBIDDEN },
  { "ev/settings", NOT_SUPPORTED },
  { "ev/soc-levels", NOT_SUPPORTED },
  { "charge/start", NOT_SUPPORTED },
  { "charge/pause-resume", NOT_SUPPORTED },
  { "charge/schedule", NOT_SUPPORTED },
  { NULL, NULL }
};

static const ModelInfo models[] = {
  {
    "X101VE", "ZOE", "RENAULT", "X10", "FAMILLE X10", "B10",
    "ELEC", "ELECTRIQUE", "ELEC", "5AQ", "BT4AR1", "TCU0G2", "RAD37A",
    "GDC", "C1A", "RLINK1", "INT MB 10R", "#3f7fbf",
    41.0, 260.0, 7400.0, 7.4, 60,
    MODEL_POWER_IN_WATTS | MODEL_UNPLUGGED_MINUS_1 | MODEL_NO_ENERGY | MODEL_HVAC_EXTERNAL |
    MODEL_HVAC_NO_TIMESTAMP | MODEL_OLD_CHARGE_MODE | MODEL_DURATION_MINUTES,
    x101ve_denials,
  },
  {
    "X102VE", "ZOE", "RENAULT", "X10", "FAMILLE X10", "B10",
    "ELEC", "ELECTRIQUE", "ELEC", "5AQ", "BT4AR1", "AIVCT", "NA418",
    "AVN", "C1A", "RLINK1", "INT A MD 1L", "#c0392b",
    52.0, 390.0, 22.0, 22.0, 0,
    MODEL_BATTERY_TEMP | MODEL_COCKPIT_FUEL_ZERO | MODEL_HVAC_SOC_THRESHOLD | MODEL_HVAC_NO_TIMESTAMP,
    x102ve_denials,
  },
  {
    "XCB1VE", "MEGANE E-TECH", "RENAULT", "XCB", "XCB FAMILY", "BCB",
    "ELECX", "ELECTRICITY", "ELEC", "6AM", "BTBAE", "AIVCT", "NA448",
    "AVN", "C1A", "OPENRLINK", "2PRE M J1 L", "#7f8c8d",
    60.0, 450.0, 7.4, 7.4, 0,
    MODEL_BATTERY_TEMP | MODEL_HVAC_EXTERNAL | MODEL_HVAC_INTERNAL | MODEL_HVAC_SOC_THRESHOLD |
    MODEL_GPS_DIRECTION | MODEL_DURATION_MINUTES,
    xcb1ve_denials,
  },
  {
    "XBG1VE", "SPRING", "DACIA", "XBG", "KWID EV", "BBG",
    "ELEC", "ELECTRIC", "ELEC", "4DB", "BTDAN", "AIVCT", "RA43D",
    "AVN", "T4VS", "NONE", "E2PM1 B4E2R", "#27ae60",
    26.8, 230.0, 6.6, 6.6, 0,
    MODEL_HVAC_SOC_THRESHOLD,
    xbg1ve_denials,
  },
  {
    "R5E1VE", "RENAULT 5", "RENAULT", "X1316", "X1316 FAMILY", "R5E",
    "ELECX", "ELECTRICITY", "ELEC", "6AK", "BTGAE", "AIVCT", "IVI2",
    "AVN", "C1A", "OPENRLINK", "E3 A1 N", "#f1c40f",
    52.0, 410.0, 11.0, 11.0, 0,
    MODEL_NO_DATA_TYPE | MODEL_R5_BATTERY | MODEL_COCKPIT_R5 | MODEL_HVAC_INTERNAL |
    MODEL_HVAC_SOC_THRESHOLD | MODEL_KCM_SETTINGS,
    r5e1ve_denials,
  },
  {
    "XJB1SU", "CAPTUR II", "RENAULT", "XJB", "B+X OVER FAMILY", "HJB",
    "ESS", "PETROL", "PHEV", "H4M", "BT9AE1", "AIVCT", "NA418",
    "AVN", "C1A", "NONE", "ITAMMHH 6UP", "#d35400",
    9.8, 50.0, 3.7, 3.7, 0,
    MODEL_PHEV | MODEL_HVAC_EXTERNAL,
    xjb1su_denials,
  },
};

static const ModelInfo *
find_model (const char *code)
{
  for (guint i = 0; i < G_N_ELEMENTS (models); i++)
    if (g_str_equal (models[i].code, code))
      return &models[i];
  return NULL;
}

/* ------------------------------------------------------------------------ */
/* State                                                                    */
/* ------------------------------------------------------------------------ */

typedef enum {
  CHARGE_IDLE,
  CHARGE_WAITING,    /* 0.1: plugged, waiting for a planned charge */
  CHARGE_ENDED,      /* 0.2 */
  CHARGE_CHARGING,   /* 1.0 */
} ChargeState;

typedef enum {
  CMD_HVAC_START,
  CMD_HVAC_STOP,
  CMD_CHARGE_START,
  CMD_CHARGE_STOP,
  CMD_CHARGE_MODE,
  CMD_CHARGE_SCHEDULE,
  CMD_HVAC_SCHEDULE,
  CMD_HORN_LIGHTS,
  CMD_REFRESH_LOCATION,
  CMD_REFRESH_BATTERY,
  CMD_REFRESH_HVAC,
  CMD_EV_SETTINGS,
  CMD_SOC_LEVELS,
} CommandKind;

typedef struct {
  char        *id;
  CommandKind  kind;
  const char  *command_type;   /* "HVAC_START", … */
  gint64       created;
  gint64       due;
  gboolean     applied;
  gboolean     failed;
  const char  *failure_code;
  const char  *failure_message;
  /* parameters */
  double       temperature;
  gint64       start_at;
  char        *mode;
  JsonNode    *schedules;
  int          soc_min;
  int          soc_target;
} Command;

typedef struct {
  gint64   start;
  gint64   end;
  double   start_level;
  double   end_level;
  gboolean ok;
} ChargeSession;

struct _CarportSimCar
{
  GObject parent_instance;

  const ModelInfo *model;
  char *vin;
  char *name;
  char *registration;
  char *base_url;
  gboolean details_in_list;
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
  ChargeState charge;
  gint64 planned_charge_at;     /* 0 = none */
  gint64 session_start;
  double session_start_level;
  gint64 battery_time;
  GArray *sessions;             /* ChargeSession */

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
  double soc_threshold;
  gint64 hvac_time;

  /* location */
  double latitude;
  double longitude;
  gint64 location_time;

  /* settings */
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

  GPtrArray *commands;          /* Command* */
};

G_DEFINE_FINAL_TYPE (CarportSimCar, carport_sim_car, G_TYPE_OBJECT)

static void
command_free (gpointer data)
{
  Command *command = data;

  g_free (command->id);
  g_free (command->mode);
  g_clear_pointer (&command->schedules, json_node_unref);
  g_free (command);
}

static void
carport_sim_car_finalize (GObject *object)
{
  CarportSimCar *self = CARPORT_SIM_CAR (object);

  g_clear_pointer (&self->vin, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->registration, g_free);
  g_clear_pointer (&self->base_url, g_free);
  g_clear_pointer (&self->allowed, g_hash_table_unref);
  g_clear_pointer (&self->denied, g_hash_table_unref);
  g_clear_pointer (&self->sessions, g_array_unref);
  g_clear_pointer (&self->charge_mode, g_free);
  g_clear_pointer (&self->charge_schedules, json_array_unref);
  g_clear_pointer (&self->hvac_schedules, json_array_unref);
  g_clear_pointer (&self->ev_settings, json_object_unref);
  g_clear_pointer (&self->commands, g_ptr_array_unref);

  G_OBJECT_CLASS (carport_sim_car_parent_class)->finalize (object);
}

static void
carport_sim_car_class_init (CarportSimCarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = carport_sim_car_finalize;
}

static void
carport_sim_car_init (CarportSimCar *self)
{
  self->allowed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->denied = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->sessions = g_array_new (FALSE, TRUE, sizeof (ChargeSession));
  self->commands = g_ptr_array_new_with_free_func (command_free);
  self->command_delay_ms = 1500;
  self->charge_rate = 0.05;
  self->base_url = g_strdup ("http://127.0.0.1");
}

/* ------------------------------------------------------------------------ */
/* Charging and climate over time                                           */
/* ------------------------------------------------------------------------ */

static gboolean
has_soc_levels (CarportSimCar *self);

static double
charge_limit (CarportSimCar *self)
{
  return has_soc_levels (self) ? (double) self->soc_target : 100.0;
}

static void
end_session (CarportSimCar *self,
             gint64         when,
             gboolean       ok)
{
  ChargeSession session = {
    self->session_start, when, self->session_start_level, self->level, ok,
  };

  if (self->session_start != 0 && when > self->session_start)
    g_array_append_val (self->sessions, session);
  self->session_start = 0;
}

static void
start_charging (CarportSimCar *self,
                gint64         when)
{
  self->planned_charge_at = 0;
  self->battery_time = when;
  if (self->level >= charge_limit (self))
    {
      self->charge = CHARGE_ENDED;
      return;
    }
  self->charge = CHARGE_CHARGING;
  self->session_start = when;
  self->session_start_level = self->level;
}

/* Moves the battery forward to @when (no events in between). */
static void
integrate (CarportSimCar *self,
           gint64         when)
{
  if (when <= self->state_time)
    return;

  if (self->charge == CHARGE_CHARGING)
    {
      double limit = charge_limit (self);
      double seconds = (double) (when - self->state_time) / G_USEC_PER_SEC;
      double level = self->level + self->charge_rate * seconds;

      if (level >= limit)
        {
          gint64 reached = self->state_time;

          if (self->charge_rate > 0)
            reached += (gint64) ((limit - self->level) / self->charge_rate * G_USEC_PER_SEC);
          self->level = MAX (self->level, limit);
          self->charge = CHARGE_ENDED;
          end_session (self, reached, TRUE);
          self->battery_time = reached;
        }
      else
        {
          self->level = level;
          self->battery_time = when;   /* a charging car reports */
        }
    }
  self->state_time = when;
}

static const char *
failure_for (CarportSimCar *self,
             Command       *command)
{
  switch (command->kind)
    {
    case CMD_CHARGE_START:
      if (!self->plugged)
        return "The vehicle is not plugged in";
      return NULL;

    case CMD_HVAC_START:
      if (!self->plugged && self->level < self->soc_threshold)
        return "The battery level is below the threshold for remote climate control";
      return NULL;

    default:
      return NULL;
    }
}

static gint64
schedule_id (JsonNode *node)
{
  return json_object_get_int_member_with_default (json_node_get_object (node), "id", 0);
}

static gint
compare_schedules (gconstpointer a,
                   gconstpointer b)
{
  gint64 ia = schedule_id (*(JsonNode **) a);
  gint64 ib = schedule_id (*(JsonNode **) b);

  return ia < ib ? -1 : ia > ib ? 1 : 0;
}

/* The new schedules replace those with the same id; the rest stay. */
static void
merge_schedules (JsonArray *stored,
                 JsonArray *incoming)
{
  g_autoptr(GPtrArray) merged = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);

  for (guint i = 0; i < json_array_get_length (incoming); i++)
    g_ptr_array_add (merged, json_node_copy (json_array_get_element (incoming, i)));
  for (guint i = 0; i < json_array_get_length (stored); i++)
    {
      JsonNode *old = json_array_get_element (stored, i);
      gboolean replaced = FALSE;

      for (guint j = 0; j < json_array_get_length (incoming); j++)
        if (schedule_id (json_array_get_element (incoming, j)) == schedule_id (old))
          replaced = TRUE;
      if (!replaced)
        g_ptr_array_add (merged, json_node_copy (old));
    }
  g_ptr_array_sort (merged, compare_schedules);

  while (json_array_get_length (stored) > 0)
    json_array_remove_element (stored, json_array_get_length (stored) - 1);
  for (guint i = 0; i < merged->len; i++)
    json_array_add_element (stored, json_node_copy (g_ptr_array_index (merged, i)));
}

static gboolean
ev_settings_always (JsonObject *settings)
{
  const char *mode = _carport_sim_json_get_string (settings, "chargeModeRq");
  JsonNode *programs_node = json_object_get_member (settings, "programs");

  if (mode != NULL && g_str_equal (mode, "ALWAYS"))
    return TRUE;
  if (programs_node == NULL || !JSON_NODE_HOLDS_ARRAY (programs_node))
    return TRUE;
  for (guint i = 0; i < json_array_get_length (json_node_get_array (programs_node)); i++)
    {
      JsonObject *program = json_array_get_object_element (json_node_get_array (programs_node), i);
      const char *type = _carport_sim_json_get_string (program, "programType");

      if (json_object_get_boolean_member_with_default (program, "programActivationStatus", FALSE) &&
          type != NULL && g_str_has_prefix (type, "CHARGE"))
        return FALSE;
    }
  return TRUE;
}

static void
apply_command (CarportSimCar *self,
               Command       *command,
               gint64         when)
{
  const char *failure = failure_for (self, command);

  command->applied = TRUE;
  if (failure != NULL)
    {
      command->failed = TRUE;
      command->failure_code = command->kind == CMD_CHARGE_START ? "err.func.charge.unplugged"
                                                                 : "err.func.hvac.soc-threshold";
      command->failure_message = failure;
      return;
    }

  switch (command->kind)
    {
    case CMD_HVAC_START:
      self->target_temperature = command->temperature;
      if (command->start_at > when)
        {
          self->planned_hvac_at = command->start_at;
        }
      else
        {
          self->hvac_on = TRUE;
          self->hvac_off_at = when + HVAC_RUN_TIME_US;
          self->internal_temperature = command->temperature;
          self->hvac_time = when;
        }
      break;

    case CMD_HVAC_STOP:
      self->hvac_on = FALSE;
      self->planned_hvac_at = 0;
      self->hvac_off_at = 0;
      self->hvac_time = when;
      break;

    case CMD_CHARGE_START:
      if (self->charge == CHARGE_CHARGING)
        break;
      if (command->start_at > when)
        {
          self->charge = CHARGE_WAITING;
          self->planned_charge_at = command->start_at;
          self->battery_time = when;
        }
      else
        {
          start_charging (self, when);
        }
      break;

    case CMD_CHARGE_STOP:
      if (self->charge == CHARGE_CHARGING)
        end_session (self, when, TRUE);
      self->charge = CHARGE_IDLE;
      self->planned_charge_at = 0;
      self->battery_time = when;
      break;

    case CMD_CHARGE_MODE:
      g_free (self->charge_mode);
      self->charge_mode = g_strdup (command->mode);
      json_object_set_string_member (self->ev_settings, "chargeModeRq",
                                     g_str_equal (command->mode, "always") ? "ALWAYS" : "SCHEDULED");
      self->charging_settings_time = when;
      break;

    case CMD_CHARGE_SCHEDULE:
      merge_schedules (self->charge_schedules, json_node_get_array (command->schedules));
      self->charging_settings_time = when;
      break;

    case CMD_HVAC_SCHEDULE:
      merge_schedules (self->hvac_schedules, json_node_get_array (command->schedules));
      self->hvac_settings_time = when;
      break;

    case CMD_HORN_LIGHTS:
      break;

    case CMD_REFRESH_LOCATION:
      self->location_time = when;
      break;

    case CMD_REFRESH_BATTERY:
      self->battery_time = when;
      break;

    case CMD_REFRESH_HVAC:
      self->hvac_time = when;
      break;

    case CMD_EV_SETTINGS:
      /* Leaving scheduled mode makes a plugged car charge now (§c.4). */
      if (ev_settings_always (self->ev_settings) && self->plugged &&
          self->charge != CHARGE_CHARGING)
        start_charging (self, when);
      break;

    case CMD_SOC_LEVELS:
      self->soc_min = command->soc_min;
      self->soc_target = command->soc_target;
      self->soc_time = when;
      if (self->charge == CHARGE_CHARGING && self->level >= self->soc_target)
        {
          end_session (self, when, TRUE);
          self->charge = CHARGE_ENDED;
        }
      break;

    default:
      g_assert_not_reached ();
    }
}

/* Brings the car to @now, replaying every event in time order. */
static void
advance (CarportSimCar *self,
         gint64         now)
{
  for (;;)
    {
      Command *next = NULL;
      gint64 when = G_MAXINT64;

      for (guint i = 0; i < self->commands->len; i++)
        {
          Command *command = g_ptr_array_index (self->commands, i);

          if (!command->applied && command->due <= now && command->due < when)
            {
              next = command;
              when = command->due;
            }
        }
      if (self->planned_charge_at != 0 && self->planned_charge_at <= now && self->planned_charge_at < when)
        {
          next = NULL;
          when = self->planned_charge_at;
        }
      if (self->planned_hvac_at != 0 && self->planned_hvac_at <= now && self->planned_hvac_at < when)
        {
          next = NULL;
          when = self->planned_hvac_at;
        }
      if (self->hvac_on && self->hvac_off_at != 0 && self->hvac_off_at <= now && self->hvac_off_at < when)
        {
          next = NULL;
          when = self->hvac_off_at;
        }
      if (when == G_MAXINT64)
        break;

      integrate (self, when);
      if (next != NULL)
        apply_command (self, next, when);
      else if (when == self->planned_charge_at)
        {
          if (self->plugged)
            start_charging (self, when);
          else
            self->planned_charge_at = 0;
        }
      else if (when == self->planned_hvac_at)
        {
          self->planned_hvac_at = 0;
          self->hvac_on = TRUE;
          self->hvac_off_at = when + HVAC_RUN_TIME_US;
          self->internal_temperature = self->target_temperature;
          self->hvac_time = when;
        }
      else
        {
          self->hvac_on = FALSE;
          self->hvac_off_at = 0;
          self->hvac_time = when;
        }
    }
  integrate (self, now);
}

static gboolean
command_pending (CarportSimCar *self,
                 CommandKind    kind)
{
  for (guint i = 0; i < self->commands->len; i++)
    {
      Command *command = g_ptr_array_index (self->commands, i);

      if (command->kind == kind && !command->applied)
        return TRUE;
    }
  return FALSE;
}

static Command *
queue_command (CarportSimCar *self,
               CommandKind    kind,
               const char    *command_type,
               gint64         now)
{
  Command *command = g_new0 (Command, 1);

  command->id = g_uuid_string_random ();
  command->kind = kind;
  command->command_type = command_type;
  command->created = now;
  command->due = now + (gint64) self->command_delay_ms * 1000;
  g_ptr_array_add (self->commands, command);
  return command;
}

/* ------------------------------------------------------------------------ */
/* Construction from a scenario entry                                       */
/* ------------------------------------------------------------------------ */

/* Five schedules (ids 1..5), one active on weekdays at @time (UTC); the
 * slot's time is under @time_key, with a @duration in minutes when >= 0. */
static JsonArray *
default_schedules (int         active_id,
                   const char *time_key,
                   const char *time,
                   int         duration)
{
  JsonArray *array = json_array_new ();

  for (int id = 1; id <= N_SCHEDULES; id++)
    {
      JsonObject *schedule = json_object_new ();

      json_object_set_int_member (schedule, "id", id);
      json_object_set_boolean_member (schedule, "activated", id == active_id);
      if (id == active_id)
        for (guint d = 0; d < 5; d++)
          {
            JsonObject *slot = json_object_new ();

            json_object_set_string_member (slot, time_key, time);
            if (duration >= 0)
              json_object_set_int_member (slot, "duration", duration);
            json_object_set_object_member (schedule, days[d], slot);
          }
      json_array_add_object_element (array, schedule);
    }
  return array;
}

static JsonObject *
default_ev_settings (gint64   now,
                     gboolean scheduled)
{
  JsonObject *settings = json_object_new ();
  JsonArray *programs = json_array_new ();
  JsonObject *program = json_object_new ();
  g_autofree char *stamp = _carport_sim_iso8601 (now - SECONDS (86400), 0, TRUE);
  static const char * const flags[] = {
    "programActivationMonday", "programActivationTuesday", "programActivationWednesday",
    "programActivationThursday", "programActivationFriday", "programActivationSaturday",
    "programActivationSunday",
  };

  json_object_set_string_member (settings, "lastSettingsUpdateTimestamp", stamp);
  json_object_set_boolean_member (settings, "delegatedActivated", FALSE);
  json_object_set_string_member (settings, "chargeModeRq", scheduled ? "SCHEDULED" : "ALWAYS");
  json_object_set_string_member (settings, "chargeTimeStart", "23:30");
  json_object_set_int_member (settings, "chargeDuration", 420);
  json_object_set_double_member (settings, "preconditioningTemperature", 21.0);
  json_object_set_boolean_member (settings, "preconditioningHeatedStrgWheel", FALSE);
  json_object_set_boolean_member (settings, "preconditioningHeatedRightSeat", FALSE);
  json_object_set_boolean_member (settings, "preconditioningHeatedLeftSeat", FALSE);
  json_object_set_boolean_member (program, "programActivationStatus", scheduled);
  json_object_set_string_member (program, "programType", "CHARGE");
  json_object_set_string_member (program, "programDepartureTime", "07:30");
  for (guint d = 0; d < G_N_ELEMENTS (flags); d++)
    json_object_set_boolean_member (program, flags[d], d < 5);
  json_array_add_object_element (programs, program);
  json_object_set_array_member (settings, "programs", programs);
  return settings;
}

static void
add_past_sessions (CarportSimCar *self,
                   gint64         now)
{
  gint64 midnight = now - now % SECONDS (86400);
  static const int ago[] = { 6, 3, 1 };

  for (guint i = 0; i < G_N_ELEMENTS (ago); i++)
    {
      ChargeSession session;
      double gained = 30.0 + 7.0 * i;

      session.start = midnight - SECONDS (ago[i] * 86400) + SECONDS (90 * 60);
      session.end = session.start + (gint64) (gained / 100.0 * self->model->capacity_kwh /
                                              self->model->charge_power_kw * 3600) * G_USEC_PER_SEC;
      session.start_level = 25.0 + 5.0 * i;
      session.end_level = MIN (100.0, session.start_level + gained);
      session.ok = TRUE;
      g_array_append_val (self->sessions, session);
    }
}

static gboolean
config_error (GError    **error,
              const char *vin,
              const char *format,
              ...) G_GNUC_PRINTF (3, 4);

static gboolean
config_error (GError    **error,
              const char *vin,
              const char *format,
              ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, CARPORT_SIMULATOR_ERROR, CARPORT_SIMULATOR_ERROR_INVALID_SCENARIO,
               "car %s: %s", vin ? vin : "?", message);
  return FALSE;
}

static gboolean
get_config_number (JsonObject *config,
                   const char *member,
                   double      min,
                   double      max,
                   double     *out,
                   const char *vin,
                   GError    **error)
{
  double value;

  if (!json_object_has_member (config, member))
    return TRUE;
  if (!_carport_sim_json_get_number (config, member, &value) || value < min || value > max)
    return config_error (error, vin, "“%s” must be a number from %g to %g", member, min, max);
  *out = value;
  return TRUE;
}

static gboolean
get_config_bool (JsonObject *config,
                 const char *member,
                 gboolean   *out,
                 const char *vin,
                 GError    **error)
{
  JsonNode *node = json_object_get_member (config, member);

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return config_error (error, vin, "“%s” must be true or false", member);
  *out = json_node_get_boolean (node);
  return TRUE;
}

static gboolean
get_config_string (JsonObject  *config,
                   const char  *member,
                   char       **out,
                   const char  *vin,
                   GError     **error)
{
  JsonNode *node = json_object_get_member (config, member);

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return config_error (error, vin, "“%s” must be a string", member);
  g_free (*out);
  *out = g_strdup (json_node_get_string (node));
  return TRUE;
}

static gboolean
is_endpoint_name (const char *name)
{
  static const char * const names[] = {
    "battery-status", "cockpit", "location", "hvac-status", "hvac-settings", "charge-mode",
    "charging-settings", "charge-schedule", "lock-status", "res-state", "pressure",
    "notification-settings", "charge-history", "charges", "hvac-history", "hvac-sessions",
    "alerts", "ev/settings", "ev/soc-levels", "charge/start", "charge/pause-resume",
    "charge/schedule", "actions/hvac-start", "actions/charging-start", "actions/charge-mode",
    "actions/charge-schedule", "actions/hvac-schedule", "actions/horn-lights",
    "actions/refresh-location", "actions/refresh-battery-status", "actions/refresh-hvac-status",
  };
  g_autofree char *base = g_strdup (name);
  char *colon = strchr (base, ':');

  if (colon != NULL)
    *colon = '\0';
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_str_equal (names[i], base))
      return TRUE;
  return FALSE;
}

static gboolean
apply_config (CarportSimCar *self,
              JsonObject    *config,
              GError       **error)
{
  static const char * const known[] = {
    "model", "vin", "name", "registration", "battery_level", "plugged", "charging",
    "charge_mode", "mileage", "fuel_litres", "latitude", "longitude", "hvac_on",
    "external_temperature", "soc_min", "soc_target", "locked", "details_in_vehicle_list",
    "allow", "deny", "quirks",
  };
  JsonObjectIter iter;
  const char *member;
  JsonNode *node;
  gboolean charging = FALSE;
  double number;
  g_autofree char *mode = NULL;

  json_object_iter_init (&iter, config);
  while (json_object_iter_next (&iter, &member, &node))
    if (!g_strv_contains (known, member))
      return config_error (error, self->vin, "unknown member “%s”", member);

  if (!get_config_string (config, "name", &self->name, self->vin, error) ||
      !get_config_string (config, "registration", &self->registration, self->vin, error) ||
      !get_config_number (config, "battery_level", 0, 100, &self->level, self->vin, error) ||
      !get_config_bool (config, "plugged", &self->plugged, self->vin, error) ||
      !get_config_bool (config, "charging", &charging, self->vin, error) ||
      !get_config_number (config, "mileage", 0, 2e6, &self->mileage, self->vin, error) ||
      !get_config_number (config, "fuel_litres", 0, 100, &self->fuel_litres, self->vin, error) ||
      !get_config_number (config, "latitude", -90, 90, &self->latitude, self->vin, error) ||
      !get_config_number (config, "longitude", -180, 180, &self->longitude, self->vin, error) ||
      !get_config_bool (config, "hvac_on", &self->hvac_on, self->vin, error) ||
      !get_config_number (config, "external_temperature", -50, 60, &self->external_temperature, self->vin, error) ||
      !get_config_bool (config, "locked", &self->locked, self->vin, error) ||
      !get_config_bool (config, "details_in_vehicle_list", &self->details_in_list, self->vin, error) ||
      !get_config_string (config, "charge_mode", &mode, self->vin, error))
    return FALSE;

  number = self->soc_min;
  if (!get_config_number (config, "soc_min", 15, 45, &number, self->vin, error))
    return FALSE;
  self->soc_min = (int) number;
  number = self->soc_target;
  if (!get_config_number (config, "soc_target", 55, 100, &number, self->vin, error))
    return FALSE;
  self->soc_target = (int) number;

  if (mode != NULL)
    {
      if (!g_str_equal (mode, "always") && !g_str_equal (mode, "scheduled"))
        return config_error (error, self->vin, "“charge_mode” must be \"always\" or \"scheduled\"");
      g_free (self->charge_mode);
      self->charge_mode = g_steal_pointer (&mode);
      json_object_unref (self->ev_settings);
      self->ev_settings = default_ev_settings (self->state_time, g_str_equal (self->charge_mode, "scheduled"));
    }

  if (charging && !self->plugged)
    return config_error (error, self->vin, "a car cannot be charging while unplugged");
  if (charging)
    start_charging (self, self->state_time);
  else if (self->plugged && g_str_equal (self->charge_mode, "scheduled"))
    self->charge = CHARGE_WAITING;
  else
    self->charge = CHARGE_IDLE;

  if (self->hvac_on)
    {
      self->hvac_off_at = self->state_time + HVAC_RUN_TIME_US;
      self->internal_temperature = self->target_temperature;
    }

  node = json_object_get_member (config, "allow");
  if (node != NULL)
    {
      JsonArray *array = JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;

      for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
        {
          const char *name = json_array_get_string_element (array, i);

          if (name == NULL || !is_endpoint_name (name))
            return config_error (error, self->vin, "“allow” lists an unknown endpoint");
          g_hash_table_add (self->allowed, g_strdup (name));
        }
      if (array == NULL)
        return config_error (error, self->vin, "“allow” must be an array of endpoint names");
    }

  node = json_object_get_member (config, "deny");
  if (node != NULL)
    {
      if (!JSON_NODE_HOLDS_OBJECT (node))
        return config_error (error, self->vin, "“deny” must map endpoint names to error codes");
      json_object_iter_init (&iter, json_node_get_object (node));
      while (json_object_iter_next (&iter, &member, &node))
        {
          if (!is_endpoint_name (member) || !JSON_NODE_HOLDS_VALUE (node) ||
              json_node_get_value_type (node) != G_TYPE_STRING)
            return config_error (error, self->vin, "“deny”: “%s” is not an endpoint with an error code", member);
          g_hash_table_replace (self->denied, g_strdup (member), g_strdup (json_node_get_string (node)));
        }
    }

  node = json_object_get_member (config, "quirks");
  if (node != NULL)
    {
      JsonArray *array = JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;

      if (array == NULL)
        return config_error (error, self->vin, "“quirks” must be an array");
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          const char *quirk = json_array_get_string_element (array, i);

          if (g_strcmp0 (quirk, "hvac-status-403011") == 0)
            self->quirk_hvac_403011 = TRUE;
          else if (g_strcmp0 (quirk, "privacy-on") == 0)
            self->quirk_privacy_on = TRUE;
          else
            return config_error (error, self->vin, "unknown quirk “%s”", quirk ? quirk : "");
        }
    }
  return TRUE;
}

static gboolean
is_valid_vin (const char *vin)
{
  if (strlen (vin) != 17)
    return FALSE;
  for (const char *p = vin; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p) && !g_ascii_isupper (*p))
      return FALSE;
  return TRUE;
}

/**
 * carport_sim_car_new:
 * @config: one entry of a scenario's "cars" (see src/sim/README.md)
 *
 * Returns: (transfer full) (nullable): the car, or %NULL with @error set
 */
CarportSimCar *
carport_sim_car_new (JsonObject  *config,
                     GError     **error)
{
  g_autoptr(CarportSimCar) self = NULL;
  const char *model_code = _carport_sim_json_get_string (config, "model");
  const char *vin = _carport_sim_json_get_string (config, "vin");
  const ModelInfo *model;
  gint64 now = g_get_real_time ();

  if (model_code == NULL || vin == NULL)
    {
      g_set_error (error, CARPORT_SIMULATOR_ERROR, CARPORT_SIMULATOR_ERROR_INVALID_SCENARIO,
                   "every car needs a “model” and a “vin”");
      return NULL;
    }
  model = find_model (model_code);
  if (model == NULL)
    {
      g_autoptr(GString) codes = g_string_new (NULL);

      for (guint i = 0; i < G_N_ELEMENTS (models); i++)
        g_string_append_printf (codes, "%s%s", i > 0 ? ", " : "", models[i].code);
      g_set_error (error, CARPORT_SIMULATOR_ERROR, CARPORT_SIMULATOR_ERROR_UNKNOWN_MODEL,
                   "car %s: model “%s” is not simulated (known: %s)", vin, model_code, codes->str);
      return NULL;
    }
  if (!is_valid_vin (vin))
    {
      g_set_error (error, CARPORT_SIMULATOR_ERROR, CARPORT_SIMULATOR_ERROR_INVALID_SCENARIO,
                   "car %s: a VIN has 17 upper-case letters and digits", vin);
      return NULL;
    }

  self = g_object_new (CARPORT_TYPE_SIM_CAR, NULL);
  self->model = model;
  self->vin = g_strdup (vin);
  self->name = g_strdup (model->label);
  self->registration = g_strdup_printf ("AB-%03u-CD", (guint) (g_str_hash (vin) % 1000));
  self->details_in_list = TRUE;
  self->state_time = now;
  self->level = 50.0;
  self->battery_time = now - SECONDS (12 * 60);
  self->mileage = 12345.6;
  self->fuel_litres = (model->flags & MODEL_PHEV) ? 27.0 : 0.0;
  self->target_temperature = 21.0;
  self->external_temperature = 12.0;
  self->internal_temperature = 14.0;
  self->soc_threshold = (model->flags & MODEL_HVAC_SOC_THRESHOLD) ? 20.0 : 0.0;
  self->hvac_time = now - SECONDS (25 * 60);
  self->latitude = 48.8566;
  self->longitude = 2.3522;
  self->location_time = now - SECONDS (40 * 60);
  self->charge_mode = g_strdup ((model->flags & MODEL_KCM_SETTINGS) ? "scheduled" : "always");
  self->charge_schedules = default_schedules (1, "startTime", "T22:30Z", 420);
  self->hvac_schedules = default_schedules (2, "readyAtTime", "T06:45Z", -1);
  self->charging_settings_time = now - SECONDS (3 * 86400);
  self->hvac_settings_time = now - SECONDS (3 * 86400);
  self->ev_settings = default_ev_settings (now, g_str_equal (self->charge_mode, "scheduled"));
  self->soc_min = 20;
  self->soc_target = 100;
  self->soc_time = now - SECONDS (2 * 86400);
  self->locked = TRUE;
  self->lock_time = now - SECONDS (60 * 60);
  add_past_sessions (self, now);

  if (!apply_config (self, config, error))
    return NULL;

  return g_steal_pointer (&self);
}

const char *
carport_sim_car_get_vin (CarportSimCar *self)
{
  g_return_val_if_fail (CARPORT_IS_SIM_CAR (self), NULL);

  return self->vin;
}

const char *
carport_sim_car_get_model_code (CarportSimCar *self)
{
  g_return_val_if_fail (CARPORT_IS_SIM_CAR (self), NULL);

  return self->model->code;
}

gboolean
carport_sim_car_get_details_in_list (CarportSimCar *self)
{
  g_return_val_if_fail (CARPORT_IS_SIM_CAR (self), FALSE);

  return self->details_in_list;
}

void
carport_sim_car_set_command_delay_ms (CarportSimCar *self,
                                      guint          ms)
{
  g_return_if_fail (CARPORT_IS_SIM_CAR (self));

  self->command_delay_ms = ms;
}

void
carport_sim_car_set_charge_rate (CarportSimCar *self,
                                 double         percent_per_second)
{
  g_return_if_fail (CARPORT_IS_SIM_CAR (self));

  /* what was charged so far stays charged at the old rate */
  advance (self, g_get_real_time ());
  self->charge_rate = MAX (percent_per_second, 0.0);
}

void
carport_sim_car_set_base_url (CarportSimCar *self,
                              const char    *base_url)
{
  g_return_if_fail (CARPORT_IS_SIM_CAR (self));

  g_free (self->base_url);
  self->base_url = g_strdup (base_url);
}

/* ------------------------------------------------------------------------ */
/* Endpoint support                                                         */
/* ------------------------------------------------------------------------ */

static const char *
denial (CarportSimCar *self,
        const char    *endpoint)
{
  const char *code;

  if (g_hash_table_contains (self->allowed, endpoint))
    return NULL;
  code = g_hash_table_lookup (self->denied, endpoint);
  if (code != NULL)
    return code;
  for (const Denial *d = self->model->denials; d->endpoint != NULL; d++)
    if (g_str_equal (d->endpoint, endpoint))
      return d->code;
  return NULL;
}

static gboolean
has_soc_levels (CarportSimCar *self)
{
  return denial (self, "ev/soc-levels") == NULL;
}

static void
reply_denial (SoupServerMessage *msg,
              const char        *code)
{
  if (g_str_equal (code, NOT_FOUND))
    {
      /* The nested error of a missing resource has an integer errorCode. */
      g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
      JsonObject *outer = json_object_new ();
      JsonArray *errors = json_array_new ();
      JsonObject *error = json_object_new ();
      g_autofree char *reference = _carport_sim_random_hex (8);
      g_autofree char *ref = g_strconcat ("rrt-", reference, "-sim", NULL);
      g_autofree char *text = NULL;

      json_object_set_int_member (error, "errorCode", 404);
      json_object_set_string_member (error, "errorMessage", "There is no data for this vin and uid");
      json_object_set_string_member (error, "errorType", "functional");
      json_array_add_object_element (errors, error);
      json_object_set_array_member (outer, "errors", errors);
      json_object_set_string_member (outer, "error_reference", ref);
      json_node_take_object (root, outer);
      text = _carport_sim_json_to_string (root);
      _carport_sim_reply_kamereon_error (msg, code, text);
      return;
    }
  _carport_sim_reply_kamereon_error (msg, code, NULL);
}

static void
reply_invalid (SoupServerMessage *msg,
               const char        *nested_code,
               const char        *detail,
               const char        *pointer)
{
  g_autofree char *nested = _carport_sim_nested_error ("400", nested_code, NULL, detail, pointer);

  _carport_sim_reply_kamereon_error (msg, "err.func.400", nested);
}

/* ------------------------------------------------------------------------ */
/* Reads                                                                    */
/* ------------------------------------------------------------------------ */

static JsonNode *
envelope (CarportSimCar *self,
          const char    *type,
          JsonObject    *attributes)
{
  JsonNode *root = json_node_new (JSON_NODE_OBJECT);
  JsonObject *outer = json_object_new ();
  JsonObject *data = json_object_new ();

  if (type != NULL && !(g_str_equal (type, "Car") && (self->model->flags & MODEL_NO_DATA_TYPE)))
    json_object_set_string_member (data, "type", type);
  json_object_set_string_member (data, "id", self->vin);
  if (attributes != NULL)
    json_object_set_object_member (data, "attributes", attributes);
  json_object_set_object_member (outer, "data", data);
  json_node_take_object (root, outer);
  return root;
}

static void
set_time (JsonObject *object,
          const char *member,
          gint64      when)
{
  g_autofree char *text = _carport_sim_iso8601 (when, 0, FALSE);

  json_object_set_string_member (object, member, text);
}

static double
charging_status (CarportSimCar *self)
{
  switch (self->charge)
    {
    case CHARGE_CHARGING: return 1.0;
    case CHARGE_ENDED:    return 0.2;
    case CHARGE_WAITING:  return 0.1;
    case CHARGE_IDLE:
    default:
      if (!self->plugged && (self->model->flags & MODEL_UNPLUGGED_MINUS_1))
        return -1.0;
      return 0.0;
    }
}

static int
remaining_minutes (CarportSimCar *self)
{
  double missing = charge_limit (self) - self->level;

  if (missing <= 0)
    return 0;
  return (int) ceil (missing / 100.0 * self->model->capacity_kwh / self->model->charge_power_kw * 60.0);
}

/* The car-adapter root, "vehicle gateway" (§b.5). */
static JsonNode *
read_gateway (CarportSimCar *self)
{
  const ModelInfo *m = self->model;
  JsonObject *a = json_object_new ();
  static const char * const nulls[] = {
    "bin", "color", "dealerId", "deviceSerialNumber", "electricityUnitCost", "fuelUnitCost",
    "modelYear", "navigAssistCode", "packId", "packManufacturingDate", "packNominalCapacity",
    "packType", "pictureUrl", "sourceReferenceId", "temperatureUnit", "upholstery",
    "vehicleSourceReference", "vehicleSourceType", "vehicleType", "versionName",
    "privacyModeUpdateDate", "svtLastUpdateTime", "svtBlockLastUpdateTime",
  };

  json_object_set_string_member (a, "vin", self->vin);
  json_object_set_int_member (a, "vehicleId", 100000 + (gint64) (g_str_hash (self->vin) % 900000));
  json_object_set_string_member (a, "batteryCode", m->battery_code);
  json_object_set_string_member (a, "brand", m->brand);
  json_object_set_string_member (a, "canGeneration", m->can_generation);
  json_object_set_string_member (a, "carGateway", m->car_gateway);
  json_object_set_string_member (a, "deliveryCountry", "FR ");
  json_object_set_string_member (a, "deliveryDate", "2023-03-08T00:00:00.000+0000");
  json_object_set_string_member (a, "energy", (m->flags & MODEL_PHEV) ? "gasoline" : "electric");
  json_object_set_string_member (a, "engineType", m->engine_type);
  json_object_set_string_member (a, "familyCode", m->family_code);
  json_object_set_string_member (a, "firstRegistrationDate", "20230301");
  json_object_set_string_member (a, "gearbox", "AUTOMATIC");
  json_object_set_string_member (a, "modelCode", m->gateway_model);
  json_object_set_string_member (a, "modelCodeDetail", m->code);
  json_object_set_string_member (a, "modelName", m->label);
  json_object_set_string_member (a, "nickname", self->name);
  json_object_set_string_member (a, "radioType", m->radio_type);
  json_object_set_string_member (a, "region", "EU");
  json_object_set_string_member (a, "registrationCountry", "FR ");
  json_object_set_string_member (a, "registrationNumber", self->registration);
  json_object_set_string_member (a, "tcuCode", m->tcu_code);
  json_object_set_string_member (a, "versionCode", m->version_code);
  json_object_set_string_member (a, "privacyMode", self->quirk_privacy_on ? "on" : "off");
  json_object_set_boolean_member (a, "svtFlag", FALSE);
  json_object_set_boolean_member (a, "svtBlockFlag", FALSE);
  for (guint i = 0; i < G_N_ELEMENTS (nulls); i++)
    json_object_set_null_member (a, nulls[i]);
  return envelope (self, "Car", a);
}

static JsonNode *
read_battery_status (CarportSimCar *self)
{
  JsonObject *a = json_object_new ();
  ModelFlags flags = self->model->flags;
  g_autofree char *stamp = _carport_sim_iso8601 (self->battery_time, self->model->offset_minutes, FALSE);
  gboolean charging = self->charge == CHARGE_CHARGING;

  json_object_set_string_member (a, "timestamp", stamp);
  json_object_set_int_member (a, "batteryLevel", (gint64) floor (self->level));
  if (flags & MODEL_BATTERY_TEMP)
    json_object_set_int_member (a, "batteryTemperature", 20);
  json_object_set_int_member (a, "batteryAutonomy",
                              (gint64) round (self->level / 100.0 * self->model->range_km));
  if (!(flags & MODEL_R5_BATTERY))
    {
      json_object_set_int_member (a, "batteryCapacity", 0);
      json_object_set_int_member (a, "batteryAvailableEnergy",
                                  (flags & MODEL_NO_ENERGY) ? 0 :
                                  (gint64) round (self->level / 100.0 * self->model->capacity_kwh));
    }
  json_object_set_int_member (a, "plugStatus", self->plugged ? 1 : 0);
  json_object_set_double_member (a, "chargingStatus", charging_status (self));
  if (charging || (flags & MODEL_R5_BATTERY))
    json_object_set_int_member (a, "chargingRemainingTime", charging ? remaining_minutes (self) : 0);
  if (charging && (flags & MODEL_R5_BATTERY))
    set_time (a, "chargingRemainingTimeLastUpdateDateTime", self->battery_time);
  if (charging && !(flags & MODEL_R5_BATTERY))
    json_object_set_double_member (a, "chargingInstantaneousPower", self->model->charge_power);
  if (flags & MODEL_R5_BATTERY)
    json_object_set_int_member (a, "V2L_SystemStatusDisplay", 0);
  return envelope (self, "Car", a);
}

static JsonNode *
read_cockpit (CarportSimCar *self)
{
  JsonObject *a = json_object_new ();
  ModelFlags flags = self->model->flags;
  double mileage = round (self->mileage * 100.0) / 100.0;

  if (flags & MODEL_PHEV)
    {
      json_object_set_double_member (a, "fuelAutonomy", round (self->fuel_litres * 16.0));
      json_object_set_double_member (a, "fuelQuantity", self->fuel_litres);
    }
  else if (flags & MODEL_COCKPIT_FUEL_ZERO)
    {
      json_object_set_int_member (a, "fuelAutonomy", 0);
      json_object_set_int_member (a, "fuelQuantity", 0);
    }
  else if (flags & MODEL_COCKPIT_R5)
    {
      json_object_set_double_member (a, "fuelQuantity", 0.0);
    }
  json_object_set_double_member (a, "totalMileage", mileage);
  if (flags & MODEL_COCKPIT_R5)
    set_time (a, "timestamp", self->battery_time);
  return envelope (self, "Car", a);
}

static JsonNode *
read_location (CarportSimCar *self)
{
  JsonObject *a = json_object_new ();

  if (self->model->flags & MODEL_GPS_DIRECTION)
    json_object_set_null_member (a, "gpsDirection");
  json_object_set_double_member (a, "gpsLatitude", self->latitude);
  json_object_set_double_member (a, "gpsLongitude", self->longitude);
  set_time (a, "lastUpdateTime", self->location_time);
  return envelope (self, "Car", a);
}

static JsonNode *
read_hvac_status (CarportSimCar *self)
{
  JsonObject *a = json_object_new ();
  ModelFlags flags = self->model->flags;

  if (flags & MODEL_HVAC_EXTERNAL)
    json_object_set_double_member (a, "externalTemperature", self->external_temperature);
  if (flags & MODEL_HVAC_INTERNAL)
    json_object_set_double_member (a, "internalTemperature",
                                   self->hvac_on ? self->internal_temperature : self->external_temperature + 2.0);
  json_object_set_string_member (a, "hvacStatus", self->hvac_on ? "on" : "off");
  if (flags & MODEL_HVAC_SOC_THRESHOLD)
    json_object_set_double_member (a, "socThreshold", self->soc_threshold);
  if (self->planned_hvac_at != 0)
    set_time (a, "nextHvacStartDate", self->planned_hvac_at);
  if (!(flags & MODEL_HVAC_NO_TIMESTAMP))
    set_time (a, "lastUpdateTime", self->hvac_time);
  return envelope (self, "Car", a);
}

static JsonNode *
read_hvac_settings (CarportSimCar *self)
{
  JsonObject *a = json_object_new ();
  g_autofree char *stamp = _carport_sim_iso8601 (self->hvac_settings_time, 0, TRUE);

  json_object_set_string_member (a, "dateTime", stamp);
  json_object_set_string_member (a, "mode", "scheduled");
  json_object_set_array_member (a, "schedules", json_array_ref (self->hvac_schedules));
  return envelope (self, "Car", a);
}

static JsonNode *
read_charge_mode (CarportSimCar *self)
{
  JsonObject *a = json_object_new ();
  gboolean always = g_str_equal (self->charge_mode, "always");

  if (self->model->flags & MODEL_OLD_CHARGE_MODE)
    json_object_set_string_member (a, "chargeMode", always ? "always_charging" : "schedule_mode");
  else
    json_object_set_string_member (a, "chargeMode", always ? "always" : "scheduled");
  return envelope (self, "Car", a);
}

static JsonNode *
read_charging_settings (CarportSimCar *self)
{
  JsonObject *a = json_object_new ();

  set_time (a, "dateTime", self->charging_settings_time);
  json_object_set_string_member (a, "mode", self->charge_mode);
  json_object_set_array_member (a, "schedules", json_array_ref (self->charge_schedules));
  return envelope (self, "Car", a);
}

/* The ZE40-era calendar view of the same schedules: "HHMM" start times. */
static JsonNode *
read_charge_schedule (CarportSimCar *self)
{
  JsonObject *a = json_object_new ();
  JsonObject *calendar = json_object_new ();

  for (guint d = 0; d < G_N_ELEMENTS (days); d++)
    {
      JsonArray *slots = json_array_new ();

      for (guint i = 0; i < json_array_get_length (self->charge_schedules); i++)
        {
          JsonObject *schedule = json_array_get_object_element (self->charge_schedules, i);
          JsonObject *day = _carport_sim_json_get_object (schedule, days[d]);
          const char *start = _carport_sim_json_get_string (day, "startTime");
          JsonObject *slot;
          char hhmm[5];

          if (start == NULL || strlen (start) != 7)
            continue;
          hhmm[0] = start[1];
          hhmm[1] = start[2];
          hhmm[2] = start[4];
          hhmm[3] = start[5];
          hhmm[4] = '\0';
          slot = json_object_new ();
          json_object_set_string_member (slot, "startTime", hhmm);
          json_object_set_int_member (slot, "duration",
                                      json_object_get_int_member_with_default (day, "duration", 0));
          json_object_set_boolean_member (slot, "activationState",
                                          json_object_get_boolean_member_with_default (schedule, "activated", FALSE));
          json_array_add_object_element (slots, slot);
        }
      if (json_array_get_length (slots) > 0)
        json_object_set_array_member (calendar, days[d], slots);
      else
        json_array_unref (slots);
    }
  json_object_set_object_member (a, "calendar", calendar);
  return envelope (self, "Car", a);
}

static JsonNode *
read_lock_status (CarportSimCar *self)
{
  JsonObject *a = json_object_new ();

  json_object_set_string_member (a, "lockStatus", self->locked ? "locked" : "unlocked");
  json_object_set_string_member (a, "doorStatusRearLeft", "closed");
  json_object_set_string_member (a, "doorStatusRearRight", "closed");
  json_object_set_string_member (a, "doorStatusDriver", "closed");
  json_object_set_string_member (a, "doorStatusPassenger", "closed");
  json_object_set_string_member (a, "hatchStatus", "closed");
  set_time (a, "lastUpdateTime", self->lock_time);
  return envelope (self, "Car", a);
}

static JsonNode *
read_res_state (CarportSimCar *self)
{
  JsonObject *a = json_object_new ();

  json_object_set_string_member (a, "details", "Stopped, ready for RES");
  json_object_set_string_member (a, "code", "10");
  return envelope (self, "ResState", a);
}

static JsonNode *
read_pressure (CarportSimCar *self)
{
  JsonObject *a = json_object_new ();

  json_object_set_int_member (a, "flPressure", 2500);
  json_object_set_int_member (a, "frPressure", 2490);
  json_object_set_int_member (a, "rlPressure", 2410);
  json_object_set_int_member (a, "rrPressure", 2420);
  json_object_set_int_member (a, "flStatus", 0);
  json_object_set_int_member (a, "frStatus", 0);
  json_object_set_int_member (a, "rlStatus", 0);
  json_object_set_int_member (a, "rrStatus", 0);
  return envelope (self, "Car", a);
}

static JsonNode *
read_notification_settings (CarportSimCar *self)
{
  return envelope (self, "Car", json_object_new ());
}

/* "YYYYMMDD" or "YYYYMM" of a time, in UTC. */
static char *
day_key (gint64   when,
         gboolean month)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (when / G_USEC_PER_SEC);

  return g_date_time_format (dt, month ? "%Y%m" : "%Y%m%d");
}

static gboolean
is_digits (const char *text,
           gsize       length)
{
  if (text == NULL || strlen (text) != length)
    return FALSE;
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isdigit (text[i]))
      return FALSE;
  return TRUE;
}

/* Checks start/end (and type) of the history endpoints; replies on error. */
static gboolean
history_range (SoupServerMessage *msg,
               GHashTable        *query,
               gboolean           with_type,
               gboolean          *month,
               const char       **start,
               const char       **end)
{
  const char *type = query ? g_hash_table_lookup (query, "type") : NULL;
  gsize length;

  *start = query ? g_hash_table_lookup (query, "start") : NULL;
  *end = query ? g_hash_table_lookup (query, "end") : NULL;
  *month = FALSE;
  if ((with_type && type == NULL) || *start == NULL || *end == NULL)
    {
      _carport_sim_reply_kamereon_error (msg, "err.func.wired.missingRequestParam",
                                         with_type ? "Missing request parameter: type, start and end are required"
                                                   : "Missing request parameter: start and end are required");
      return FALSE;
    }
  if (with_type)
    {
      if (!g_str_equal (type, "day") && !g_str_equal (type, "month"))
        {
          reply_invalid (msg, "Pattern", "must be day or month", "type");
          return FALSE;
        }
      *month = g_str_equal (type, "month");
    }
  length = *month ? 6 : 8;
  if (!is_digits (*start, length) || !is_digits (*end, length))
    {
      reply_invalid (msg, "Pattern", *month ? "must be YYYYMM" : "must be YYYYMMDD", "start");
      return FALSE;
    }
  return TRUE;
}

static JsonNode *
read_charges (CarportSimCar     *self,
              SoupServerMessage *msg,
              GHashTable        *query)
{
  const char *start, *end;
  gboolean month;
  JsonObject *a;
  JsonArray *charges;
  gboolean minutes = (self->model->flags & MODEL_DURATION_MINUTES) != 0;
  gboolean zoe1 = (self->model->flags & MODEL_POWER_IN_WATTS) != 0;

  if (!history_range (msg, query, FALSE, &month, &start, &end))
    return NULL;

  a = json_object_new ();
  charges = json_array_new ();
  for (guint i = 0; i < self->sessions->len; i++)
    {
      ChargeSession *s = &g_array_index (self->sessions, ChargeSession, i);
      g_autofree char *day = day_key (s->start, FALSE);
      JsonObject *c;
      gint64 seconds = (s->end - s->start) / G_USEC_PER_SEC;
      double recovered = s->end_level - s->start_level;

      if (strcmp (day, start) < 0 || strcmp (day, end) > 0)
        continue;
      c = json_object_new ();
      set_time (c, "chargeStartDate", s->start);
      set_time (c, "chargeEndDate", s->end);
      json_object_set_int_member (c, "chargeDuration", minutes ? (seconds + 30) / 60 : seconds);
      json_object_set_int_member (c, "chargeStartBatteryLevel", (gint64) floor (s->start_level));
      json_object_set_int_member (c, "chargeEndBatteryLevel", (gint64) floor (s->end_level));
      if (zoe1)
        {
          json_object_set_int_member (c, "chargeBatteryLevelRecovered", (gint64) floor (recovered));
          json_object_set_string_member (c, "chargePower", "slow");
          json_object_set_int_member (c, "chargeStartInstantaneousPower", (gint64) self->model->charge_power);
        }
      else
        {
          json_object_set_double_member (c, "chargeEnergyRecovered",
                                         round (recovered / 100.0 * self->model->capacity_kwh * 10.0) / 10.0);
        }
      json_object_set_string_member (c, "chargeEndStatus", s->ok ? "ok" : "error");
      json_array_add_object_element (charges, c);
    }
  json_object_set_array_member (a, "charges", charges);
  return envelope (self, "Car", a);
}

static JsonNode *
read_charge_history (CarportSimCar     *self,
                     SoupServerMessage *msg,
                     GHashTable        *query)
{
  const char *start, *end;
  gboolean month;
  JsonObject *a;
  JsonArray *summaries;
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);

  if (!history_range (msg, query, TRUE, &month, &start, &end))
    return NULL;

  a = json_object_new ();
  summaries = json_array_new ();
  /* newest first, as the recorded answers are */
  for (guint i = self->sessions->len; i > 0; i--)
    {
      ChargeSession *s = &g_array_index (self->sessions, ChargeSession, i - 1);
      g_autofree char *key = day_key (s->start, month);
      gint64 count = 0, minutes = 0, errors = 0;
      JsonObject *summary;

      if (strcmp (key, start) < 0 || strcmp (key, end) > 0)
        continue;
      if (g_ptr_array_find_with_equal_func (keys, key, g_str_equal, NULL))
        continue;
      for (guint j = 0; j < self->sessions->len; j++)
        {
          ChargeSession *t = &g_array_index (self->sessions, ChargeSession, j);
          g_autofree char *other = day_key (t->start, month);

          if (!g_str_equal (other, key))
            continue;
          count++;
          minutes += (t->end - t->start) / SECONDS (60);
          errors += t->ok ? 0 : 1;
        }
      summary = json_object_new ();
      json_object_set_string_member (summary, month ? "month" : "day", key);
      json_object_set_int_member (summary, "totalChargesNumber", count);
      json_object_set_int_member (summary, "totalChargesDuration", minutes);
      json_object_set_int_member (summary, "totalChargesErrors", errors);
      json_array_add_object_element (summaries, summary);
      g_ptr_array_add (keys, g_steal_pointer (&key));
    }
  json_object_set_array_member (a, "chargeSummaries", summaries);
  return envelope (self, "Car", a);
}

static JsonNode *
read_hvac_history (CarportSimCar     *self,
                   SoupServerMessage *msg,
                   GHashTable        *query,
                   gboolean           sessions)
{
  const char *start, *end;
  gboolean month;

  if (!history_range (msg, query, !sessions, &month, &start, &end))
    return NULL;
  /* The recorded answers of both are empty. */
  return envelope (self, "Car", json_object_new ());
}

static JsonNode *
read_ev_settings (CarportSimCar *self)
{
  JsonNode *root = json_node_new (JSON_NODE_OBJECT);

  json_node_set_object (root, self->ev_settings);
  return root;
}

static JsonNode *
read_soc_levels (CarportSimCar *self)
{
  JsonNode *root = json_node_new (JSON_NODE_OBJECT);
  JsonObject *object = json_object_new ();

  set_time (object, "lastEnergyUpdateTimestamp", self->soc_time);
  json_object_set_int_member (object, "socMin", self->soc_min);
  json_object_set_int_member (object, "socTarget", self->soc_target);
  json_node_take_object (root, object);
  return root;
}

static JsonNode *
read_alerts (CarportSimCar *self)
{
  JsonNode *root = json_node_new (JSON_NODE_ARRAY);
  JsonArray *alerts = json_array_new ();

  if (self->model->flags & MODEL_PHEV)
    {
      JsonObject *alert = json_object_new ();
      g_autofree char *created = _carport_sim_iso8601 (g_get_real_time () - SECONDS (5 * 86400), 0, TRUE);

      json_object_set_string_member (alert, "id", "sim-alert-1");
      json_object_set_string_member (alert, "alertType", "proactive");
      json_object_set_string_member (alert, "alertCode", "oillevellow");
      json_object_set_int_member (alert, "criticity", 2);
      json_object_set_string_member (alert, "shortDescription", "Engine oil level low");
      json_object_set_string_member (alert, "alertCodeTitle", "Oil level");
      json_object_set_string_member (alert, "alertCodeDescription",
                                     "Top up the engine oil or contact your dealer.");
      json_object_set_int_member (alert, "mileage", (gint64) self->mileage);
      json_object_set_string_member (alert, "vin", self->vin);
      json_object_set_string_member (alert, "modelCode", self->model->gateway_model);
      json_object_set_string_member (alert, "creationDateTime", created);
      json_object_set_int_member (alert, "status", 0);
      json_array_add_object_element (alerts, alert);
    }
  json_node_take_array (root, alerts);
  return root;
}

/* ------------------------------------------------------------------------ */
/* Actions                                                                  */
/* ------------------------------------------------------------------------ */

typedef struct {
  CarportSimCar     *self;
  SoupServerMessage *msg;
  JsonNode          *body;
  JsonObject        *attributes;   /* of a JSON:API action, may be empty */
  const char        *type;
  gint64             now;
} Action;

/* Checks {"data":{"type":TYPE,"attributes":{…}}}; replies on error. */
static gboolean
parse_action (Action     *action,
              const char *type,
              gboolean    need_attributes)
{
  JsonObject *root;
  JsonObject *data;
  JsonNode *attributes;
  const char *got;

  action->type = type;
  if (!JSON_NODE_HOLDS_OBJECT (action->body))
    goto invalid;
  root = json_node_get_object (action->body);
  data = _carport_sim_json_get_object (root, "data");
  got = _carport_sim_json_get_string (data, "type");
  if (data == NULL || got == NULL || !g_str_equal (got, type))
    goto invalid;
  attributes = json_object_get_member (data, "attributes");
  if (attributes != NULL && !JSON_NODE_HOLDS_OBJECT (attributes) && !JSON_NODE_HOLDS_NULL (attributes))
    goto invalid;
  if (need_attributes && (attributes == NULL || !JSON_NODE_HOLDS_OBJECT (attributes)))
    goto invalid;
  action->attributes = attributes && JSON_NODE_HOLDS_OBJECT (attributes) ? json_node_get_object (attributes) : NULL;
  return TRUE;

invalid:
  {
    g_autofree char *message = g_strdup_printf ("The request body is invalid: expected "
                                                "{\"data\":{\"type\":\"%s\"%s}}",
                                                type, need_attributes ? ",\"attributes\":{…}" : "");

    _carport_sim_reply_kamereon_error (action->msg, "err.func.wired.invalid-body", message);
  }
  return FALSE;
}

/* Gets attributes.@member as one of @values; replies on error. */
static const char *
action_choice (Action             *action,
               const char         *member,
               const char * const *values)
{
  const char *value = _carport_sim_json_get_string (action->attributes, member);
  g_autofree char *pointer = g_strconcat ("/data/attributes/", member, NULL);

  if (value == NULL)
    {
      reply_invalid (action->msg, "NotNull", "must not be null", pointer);
      return NULL;
    }
  if (!g_strv_contains (values, value))
    {
      g_autofree char *joined = g_strjoinv (", ", (char **) values);
      g_autofree char *detail = g_strdup_printf ("must be one of %s", joined);

      reply_invalid (action->msg, "Pattern", detail, pointer);
      return NULL;
    }
  return value;
}

/* The optional startDateTime: must parse and lie in the future; replies on error. */
static gboolean
action_start_time (Action *action,
                   gint64 *start_at)
{
  JsonNode *node = action->attributes ? json_object_get_member (action->attributes, "startDateTime") : NULL;
  const char *text;

  *start_at = 0;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  text = JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
         ? json_node_get_string (node) : NULL;
  if (!_carport_sim_parse_iso8601 (text, start_at))
    {
      reply_invalid (action->msg, "DateTime", "must be a date-time such as 2026-01-31T08:30:00Z",
                     "/data/attributes/startDateTime");
      return FALSE;
    }
  if (*start_at <= action->now)
    {
      reply_invalid (action->msg, "Future", "must be a future date", "/data/attributes/startDateTime");
      return FALSE;
    }
  return TRUE;
}

/* Answers the request echoed back with data.id = the notification id. */
static void
reply_action (Action     *action,
              const char *id)
{
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  JsonObject *outer = json_object_new ();
  JsonObject *data = json_object_new ();

  json_object_set_string_member (data, "type", action->type);
  json_object_set_string_member (data, "id", id);
  if (action->attributes != NULL)
    json_object_set_object_member (data, "attributes", json_object_ref (action->attributes));
  json_object_set_object_member (outer, "data", data);
  json_node_take_object (root, outer);
  _carport_sim_reply_json (action->msg, SOUP_STATUS_OK, CARPORT_SIM_CT_JSON_API, root);
}

static gboolean
check_action_denial (Action     *action,
                     const char *endpoint,
                     const char *value)
{
  g_autofree char *key = g_strconcat (endpoint, ":", value, NULL);
  const char *code = denial (action->self, key);

  if (code != NULL)
    {
      reply_denial (action->msg, code);
      return FALSE;
    }
  return TRUE;
}

static void
act_hvac_start (Action *action)
{
  static const char * const values[] = { "start", "cancel", "stop", NULL };
  const char *value;
  Command *command;
  double temperature = 21.0;
  gint64 start_at;

  if (!parse_action (action, "HvacStart", TRUE) ||
      (value = action_choice (action, "action", values)) == NULL ||
      !check_action_denial (action, "actions/hvac-start", value))
    return;

  if (g_str_equal (value, "start"))
    {
      JsonNode *node = json_object_get_member (action->attributes, "targetTemperature");
      gboolean ok = FALSE;

      /* a number; strings were accepted too (§c.4) */
      if (node != NULL && JSON_NODE_HOLDS_VALUE (node))
        {
          if (json_node_get_value_type (node) == G_TYPE_STRING)
            {
              char *end = NULL;
              const char *text = json_node_get_string (node);

              temperature = g_ascii_strtod (text, &end);
              ok = end != text && *end == '\0';
            }
          else
            {
              ok = _carport_sim_json_get_number (action->attributes, "targetTemperature", &temperature);
            }
        }
      if (!ok)
        {
          reply_invalid (action->msg, "NotNull", "must be a number", "/data/attributes/targetTemperature");
          return;
        }
      if (temperature < 15.0 || temperature > 30.0)
        {
          reply_invalid (action->msg, "Range", "must be between 15 and 30",
                         "/data/attributes/targetTemperature");
          return;
        }
      if (!action_start_time (action, &start_at))
        return;
      command = queue_command (action->self, CMD_HVAC_START, "HVAC_START", action->now);
      command->temperature = temperature;
      command->start_at = start_at;
    }
  else
    {
      command = queue_command (action->self, CMD_HVAC_STOP, "HVAC_STOP", action->now);
    }
  reply_action (action, command->id);
}

static void
queue_charge (Action   *action,
              gboolean  start,
              gint64    start_at,
              const char *command_type)
{
  Command *command = queue_command (action->self, start ? CMD_CHARGE_START : CMD_CHARGE_STOP,
                                    command_type, action->now);

  command->start_at = start_at;
  reply_action (action, command->id);
}

static void
act_charging_start (Action *action)
{
  static const char * const values[] = { "start", "stop", NULL };
  const char *value;

  if (!parse_action (action, "ChargingStart", TRUE) ||
      (value = action_choice (action, "action", values)) == NULL ||
      !check_action_denial (action, "actions/charging-start", value))
    return;
  queue_charge (action, g_str_equal (value, "start"), 0,
                g_str_equal (value, "start") ? "CHARGE_START" : "CHARGE_STOP");
}

static void
act_kcm_charge_start (Action *action)
{
  static const char * const values[] = { "start", NULL };
  gint64 start_at;

  if (!parse_action (action, "ChargingStart", TRUE) ||
      action_choice (action, "action", values) == NULL ||
      !action_start_time (action, &start_at))
    return;
  queue_charge (action, TRUE, start_at, "CHARGE_START");
}

static void
act_pause_resume (Action *action)
{
  static const char * const values[] = { "pause", "resume", NULL };
  const char *value;

  if (!parse_action (action, "ChargePauseResume", TRUE) ||
      (value = action_choice (action, "action", values)) == NULL)
    return;
  queue_charge (action, g_str_equal (value, "resume"), 0,
                g_str_equal (value, "resume") ? "CHARGE_RESUME" : "CHARGE_PAUSE");
}

static void
act_charge_mode (Action *action)
{
  static const char * const values[] = { "always", "always_charging", "schedule_mode", "scheduled", NULL };
  const char *value;
  Command *command;

  if (!parse_action (action, "ChargeMode", TRUE) ||
      (value = action_choice (action, "action", values)) == NULL)
    return;
  if (command_pending (action->self, CMD_CHARGE_MODE))
    {
      _carport_sim_reply_kamereon_error (action->msg, "409001", NULL);
      return;
    }
  command = queue_command (action->self, CMD_CHARGE_MODE, "CHARGE_MODE", action->now);
  command->mode = g_strdup (g_str_has_prefix (value, "always") ? "always" : "scheduled");
  reply_action (action, command->id);
}

static gboolean
is_utc_time (const char *text)
{
  /* "THH:MMZ" */
  return text != NULL && strlen (text) == 7 && text[0] == 'T' && text[3] == ':' && text[6] == 'Z' &&
         g_ascii_isdigit (text[1]) && g_ascii_isdigit (text[2]) && g_ascii_isdigit (text[4]) &&
         g_ascii_isdigit (text[5]) && (text[1] - '0') * 10 + (text[2] - '0') < 24 &&
         (text[4] - '0') * 10 + (text[5] - '0') < 60;
}

/* Validates and normalises a "schedules" array (charge: startTime + duration;
 * climate: readyAtTime). Returns NULL after replying on error. */
static JsonNode *
parse_schedules (Action   *action,
                 gboolean  charge)
{
  JsonNode *node = json_object_get_member (action->attributes, "schedules");
  g_autoptr(JsonArray) out = json_array_new ();
  JsonNode *result;
  JsonArray *in;
  guint seen = 0;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      reply_invalid (action->msg, "NotNull", "must be an array", "/data/attributes/schedules");
      return NULL;
    }
  in = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (in); i++)
    {
      JsonNode *element = json_array_get_element (in, i);
      JsonObject *schedule = JSON_NODE_HOLDS_OBJECT (element) ? json_node_get_object (element) : NULL;
      JsonObject *copy;
      JsonNode *activated;
      gint64 id;
      g_autofree char *base = g_strdup_printf ("/data/attributes/schedules/%u", i);

      if (schedule == NULL || !_carport_sim_json_get_int (schedule, "id", &id) ||
          id < 1 || id > N_SCHEDULES || (seen & (1u << id)))
        {
          g_autofree char *pointer = g_strconcat (base, "/id", NULL);

          reply_invalid (action->msg, "Range", "must be a distinct id from 1 to 5", pointer);
          return NULL;
        }
      seen |= 1u << id;
      activated = json_object_get_member (schedule, "activated");
      if (activated == NULL || !JSON_NODE_HOLDS_VALUE (activated) ||
          json_node_get_value_type (activated) != G_TYPE_BOOLEAN)
        {
          g_autofree char *pointer = g_strconcat (base, "/activated", NULL);

          reply_invalid (action->msg, "NotNull", "must be true or false", pointer);
          return NULL;
        }
      copy = json_object_new ();
      json_object_set_int_member (copy, "id", id);
      json_object_set_boolean_member (copy, "activated", json_node_get_boolean (activated));
      for (guint d = 0; d < G_N_ELEMENTS (days); d++)
        {
          JsonNode *day_node = json_object_get_member (schedule, days[d]);
          JsonObject *day, *slot;
          const char *time;
          gint64 duration = 0;
          g_autofree char *pointer = NULL;

          if (day_node == NULL || JSON_NODE_HOLDS_NULL (day_node))
            continue;
          day = JSON_NODE_HOLDS_OBJECT (day_node) ? json_node_get_object (day_node) : NULL;
          time = _carport_sim_json_get_string (day, charge ? "startTime" : "readyAtTime");
          if (!is_utc_time (time))
            {
              pointer = g_strdup_printf ("%s/%s/%s", base, days[d], charge ? "startTime" : "readyAtTime");
              json_object_unref (copy);
              reply_invalid (action->msg, "Pattern", "must be THH:MMZ (UTC)", pointer);
              return NULL;
            }
          if (charge && (!_carport_sim_json_get_int (day, "duration", &duration) ||
                         duration < 1 || duration > 1440))
            {
              pointer = g_strdup_printf ("%s/%s/duration", base, days[d]);
              json_object_unref (copy);
              reply_invalid (action->msg, "Range", "must be a number of minutes from 1 to 1440", pointer);
              return NULL;
            }
          slot = json_object_new ();
          json_object_set_string_member (slot, charge ? "startTime" : "readyAtTime", time);
          if (charge)
            json_object_set_int_member (slot, "duration", duration);
          json_object_set_object_member (copy, days[d], slot);
        }
      json_array_add_object_element (out, copy);
    }
  result = json_node_new (JSON_NODE_ARRAY);
  json_node_set_array (result, out);
  return result;
}

static void
act_schedule (Action   *action,
              gboolean  charge)
{
  Command *command;
  JsonNode *schedules;

  if (!parse_action (action, charge ? "ChargeSchedule" : "HvacSchedule", TRUE))
    return;
  schedules = parse_schedules (action, charge);
  if (schedules == NULL)
    return;
  command = queue_command (action->self, charge ? CMD_CHARGE_SCHEDULE : CMD_HVAC_SCHEDULE,
                           charge ? "CHARGE_SCHEDULE" : "HVAC_SCHEDULE", action->now);
  command->schedules = schedules;
  reply_action (action, command->id);
}

static void
act_charge_schedule (Action *action)
{
  act_schedule (action, TRUE);
}

static void
act_hvac_schedule (Action *action)
{
  act_schedule (action, FALSE);
}

static void
act_horn_lights (Action *action)
{
  static const char * const actions[] = { "start", "stop", "double_start", NULL };
  static const char * const targets[] = { "horn", "lights", "horn_lights", NULL };
  const char *target;
  Command *command;

  if (!parse_action (action, "HornLights", TRUE) ||
      action_choice (action, "action", actions) == NULL ||
      (target = action_choice (action, "target", targets)) == NULL)
    return;
  command = queue_command (action->self, CMD_HORN_LIGHTS,
                           g_str_equal (target, "horn") ? "HORN" :
                           g_str_equal (target, "lights") ? "LIGHTS" : "HORN_LIGHTS",
                           action->now);
  reply_action (action, command->id);
}

static void
act_refresh (Action      *action,
             const char  *type,
             CommandKind  kind,
             const char  *command_type)
{
  Command *command;

  if (!parse_action (action, type, FALSE))
    return;
  command = queue_command (action->self, kind, command_type, action->now);
  reply_action (action, command->id);
}

static void
act_refresh_location (Action *action)
{
  act_refresh (action, "RefreshLocation", CMD_REFRESH_LOCATION, "REFRESH_LOCATION");
}

static void
act_refresh_battery (Action *action)
{
  act_refresh (action, "RefreshBatteryStatus", CMD_REFRESH_BATTERY, "REFRESH_BATTERY_STATUS");
}

static void
act_refresh_hvac (Action *action)
{
  act_refresh (action, "RefreshHvacStatus", CMD_REFRESH_HVAC, "REFRESH_HVAC_STATUS");
}

static gboolean
is_hhmm (const char *text)
{
  return text != NULL && strlen (text) == 5 && text[2] == ':' &&
         g_ascii_isdigit (text[0]) && g_ascii_isdigit (text[1]) &&
         g_ascii_isdigit (text[3]) && g_ascii_isdigit (text[4]) &&
         (text[0] - '0') * 10 + (text[1] - '0') < 24 && (text[3] - '0') * 10 + (text[4] - '0') < 60;
}

/* KCM ev/settings POST: plain JSON, the whole settings object (§c.4). */
static void
act_ev_settings (Action *action)
{
  static const char * const types[] = { "CHARGE", "PRECONDITIONING", "CHARGE_AND_PRECONDITIONING", NULL };
  CarportSimCar *self = action->self;
  JsonObject *posted;
  JsonObjectIter iter;
  const char *member;
  JsonNode *node;
  JsonNode *programs_node;
  const char *mode;
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  JsonObject *answer;
  JsonArray *active;
  g_autofree char *stamp = NULL;
  gboolean always;

  if (!JSON_NODE_HOLDS_OBJECT (action->body))
    {
      _carport_sim_reply_kamereon_error (action->msg, "err.func.wired.invalid-body",
                                         "The request body is invalid: expected a settings object");
      return;
    }
  posted = json_node_get_object (action->body);

  mode = _carport_sim_json_get_string (posted, "chargeModeRq");
  if (json_object_has_member (posted, "chargeModeRq") &&
      (mode == NULL || (!g_str_equal (mode, "ALWAYS") && !g_str_equal (mode, "SCHEDULED"))))
    {
      reply_invalid (action->msg, "Pattern", "must be ALWAYS or SCHEDULED", "/chargeModeRq");
      return;
    }
  if (json_object_has_member (posted, "chargeTimeStart") &&
      !is_hhmm (_carport_sim_json_get_string (posted, "chargeTimeStart")))
    {
      reply_invalid (action->msg, "Pattern", "must be HH:MM", "/chargeTimeStart");
      return;
    }
  programs_node = json_object_get_member (posted, "programs");
  if (programs_node != NULL)
    {
      JsonArray *programs = JSON_NODE_HOLDS_ARRAY (programs_node) ? json_node_get_array (programs_node) : NULL;

      if (programs == NULL)
        {
          reply_invalid (action->msg, "NotNull", "must be an array", "/programs");
          return;
        }
      for (guint i = 0; i < json_array_get_length (programs); i++)
        {
          JsonNode *element = json_array_get_element (programs, i);
          JsonObject *program = JSON_NODE_HOLDS_OBJECT (element) ? json_node_get_object (element) : NULL;
          const char *type = _carport_sim_json_get_string (program, "programType");
          const char *departure = _carport_sim_json_get_string (program, "programDepartureTime");
          JsonNode *status = program ? json_object_get_member (program, "programActivationStatus") : NULL;
          g_autofree char *pointer = NULL;

          if (status == NULL || !JSON_NODE_HOLDS_VALUE (status) ||
              json_node_get_value_type (status) != G_TYPE_BOOLEAN)
            pointer = g_strdup_printf ("/programs/%u/programActivationStatus", i);
          else if (type == NULL || !g_strv_contains (types, type))
            pointer = g_strdup_printf ("/programs/%u/programType", i);
          else if (!is_hhmm (departure))
            pointer = g_strdup_printf ("/programs/%u/programDepartureTime", i);
          if (pointer != NULL)
            {
              reply_invalid (action->msg, "Invalid", "invalid program", pointer);
              return;
            }
        }
    }

  json_object_iter_init (&iter, posted);
  while (json_object_iter_next (&iter, &member, &node))
    if (!g_str_equal (member, "lastSettingsUpdateTimestamp"))
      json_object_set_member (self->ev_settings, member, json_node_copy (node));

  /* No active charge program means "charge now" (§c.4). */
  always = ev_settings_always (self->ev_settings);
  json_object_set_string_member (self->ev_settings, "chargeModeRq", always ? "ALWAYS" : "SCHEDULED");
  stamp = _carport_sim_iso8601 (action->now, 0, TRUE);
  json_object_set_string_member (self->ev_settings, "lastSettingsUpdateTimestamp", stamp);
  g_free (self->charge_mode);
  self->charge_mode = g_strdup (always ? "always" : "scheduled");
  queue_command (self, CMD_EV_SETTINGS, "EV_SETTINGS", action->now);

  answer = json_object_new ();
  active = json_array_new ();
  json_object_set_string_member (answer, "chargeModeRq", always ? "ALWAYS" : "SCHEDULED");
  programs_node = json_object_get_member (self->ev_settings, "programs");
  for (guint i = 0; programs_node && i < json_array_get_length (json_node_get_array (programs_node)); i++)
    {
      JsonNode *element = json_array_get_element (json_node_get_array (programs_node), i);

      if (json_object_get_boolean_member_with_default (json_node_get_object (element),
                                                       "programActivationStatus", FALSE))
        json_array_add_element (active, json_node_copy (element));
    }
  json_object_set_array_member (answer, "programs", active);
  json_node_take_object (root, answer);
  _carport_sim_reply_json (action->msg, SOUP_STATUS_OK, CARPORT_SIM_CT_JSON, root);
}

/* KCM ev/soc-levels POST: plain {"socMin","socTarget"} (§c.4). */
static void
act_soc_levels (Action *action)
{
  JsonObject *posted = JSON_NODE_HOLDS_OBJECT (action->body) ? json_node_get_object (action->body) : NULL;
  gint64 soc_min, soc_target;
  double number;
  Command *command;
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  JsonObject *answer;

  if (posted == NULL)
    {
      _carport_sim_reply_kamereon_error (action->msg, "err.func.wired.invalid-body",
                                         "The request body is invalid: expected {\"socMin\",\"socTarget\"}");
      return;
    }
  if (!_carport_sim_json_get_number (posted, "socMin", &number) || number != floor (number))
    {
      reply_invalid (action->msg, "NotNull", "must be an integer", "/socMin");
      return;
    }
  soc_min = (gint64) number;
  if (!_carport_sim_json_get_number (posted, "socTarget", &number) || number != floor (number))
    {
      reply_invalid (action->msg, "NotNull", "must be an integer", "/socTarget");
      return;
    }
  soc_target = (gint64) number;
  if (soc_min < 15 || soc_min > 45 || soc_min % 5 != 0)
    {
      reply_invalid (action->msg, "Range", "must be between 15 and 45, in steps of 5", "/socMin");
      return;
    }
  if (soc_target < 55 || soc_target > 100 || soc_target % 5 != 0)
    {
      reply_invalid (action->msg, "Range", "must be between 55 and 100, in steps of 5", "/socTarget");
      return;
    }

  command = queue_command (action->self, CMD_SOC_LEVELS, "SOC_SYNCH", action->now);
  command->soc_min = (int) soc_min;
  command->soc_target = (int) soc_target;

  answer = json_object_new ();
  json_object_set_string_member (answer, "commandId", command->id);
  json_object_set_string_member (answer, "type", "SOC_SYNCH");
  json_object_set_string_member (answer, "status", "CREATED");
  json_node_take_object (root, answer);
  _carport_sim_reply_json (action->msg, SOUP_STATUS_OK, CARPORT_SIM_CT_JSON, root);
}

/* ------------------------------------------------------------------------ */
/* Routing                                                                  */
/* ------------------------------------------------------------------------ */

typedef enum {
  V1 = 1 << 1,
  V2 = 1 << 2,
} Versions;

typedef JsonNode *(*ReadFunc) (CarportSimCar *self);
typedef JsonNode *(*QueryReadFunc) (CarportSimCar *self, SoupServerMessage *msg, GHashTable *query);
typedef void (*ActionFunc) (Action *action);

typedef struct {
  const char    *name;
  const char    *adapter;
  Versions       versions;       /* kca only */
  ReadFunc       read;
  QueryReadFunc  query_read;
  ActionFunc     act;
} EndpointDef;

static JsonNode *
read_hvac_history_cb (CarportSimCar     *self,
                      SoupServerMessage *msg,
                      GHashTable        *query)
{
  return read_hvac_history (self, msg, query, FALSE);
}

static JsonNode *
read_hvac_sessions_cb (CarportSimCar     *self,
                       SoupServerMessage *msg,
                       GHashTable        *query)
{
  return read_hvac_history (self, msg, query, TRUE);
}

static const EndpointDef endpoint_defs[] = {
  { "", "kca", V1 | V2, read_gateway, NULL, NULL },
  { "battery-status", "kca", V2, read_battery_status, NULL, NULL },
  { "cockpit", "kca", V1 | V2, read_cockpit, NULL, NULL },
  { "location", "kca", V1, read_location, NULL, NULL },
  { "hvac-status", "kca", V1, read_hvac_status, NULL, NULL },
  { "hvac-settings", "kca", V1, read_hvac_settings, NULL, NULL },
  { "charge-mode", "kca", V1, read_charge_mode, NULL, NULL },
  { "charging-settings", "kca", V1, read_charging_settings, NULL, NULL },
  { "charge-schedule", "kca", V1, read_charge_schedule, NULL, NULL },
  { "lock-status", "kca", V1, read_lock_status, NULL, NULL },
  { "res-state", "kca", V1, read_res_state, NULL, NULL },
  { "pressure", "kca", V1, read_pressure, NULL, NULL },
  { "notification-settings", "kca", V1, read_notification_settings, NULL, NULL },
  { "charge-history", "kca", V1, NULL, read_charge_history, NULL },
  { "charges", "kca", V1, NULL, read_charges, NULL },
  { "hvac-history", "kca", V1, NULL, read_hvac_history_cb, NULL },
  { "hvac-sessions", "kca", V1, NULL, read_hvac_sessions_cb, NULL },
  { "actions/hvac-start", "kca", V1, NULL, NULL, act_hvac_start },
  { "actions/charging-start", "kca", V1, NULL, NULL, act_charging_start },
  { "actions/charge-mode", "kca", V1, NULL, NULL, act_charge_mode },
  { "actions/charge-schedule", "kca", V2, NULL, NULL, act_charge_schedule },
  { "actions/hvac-schedule", "kca", V2, NULL, NULL, act_hvac_schedule },
  { "actions/horn-lights", "kca", V1, NULL, NULL, act_horn_lights },
  { "actions/refresh-location", "kca", V1, NULL, NULL, act_refresh_location },
  { "actions/refresh-battery-status", "kca", V1, NULL, NULL, act_refresh_battery },
  { "actions/refresh-hvac-status", "kca", V1, NULL, NULL, act_refresh_hvac },
  { "ev/settings", "kcm", 0, read_ev_settings, NULL, act_ev_settings },
  { "ev/soc-levels", "kcm", 0, read_soc_levels, NULL, act_soc_levels },
  { "charge/start", "kcm", 0, NULL, NULL, act_kcm_charge_start },
  { "charge/pause-resume", "kcm", 0, NULL, NULL, act_pause_resume },
  { "charge/schedule", "kcm", 0, NULL, NULL, act_charge_schedule },
  { "alerts", "vehicles", 0, read_alerts, NULL, NULL },
};

/**
 * carport_sim_car_handle:
 *
 * Answers a Kamereon request on one of this car's URLs. The caller has
 * checked the key, the JWT, the country and that the car is the person's.
 */
void
carport_sim_car_handle (CarportSimCar              *self,
                        SoupServerMessage          *msg,
                        const CarportSimCarRequest *request)
{
  const EndpointDef *def = NULL;
  gboolean is_post;
  const char *code;
  gint64 now = g_get_real_time ();

  g_return_if_fail (CARPORT_IS_SIM_CAR (self));

  for (guint i = 0; i < G_N_ELEMENTS (endpoint_defs); i++)
    if (g_str_equal (endpoint_defs[i].name, request->endpoint) &&
        g_str_equal (endpoint_defs[i].adapter, request->adapter))
      {
        def = &endpoint_defs[i];
        break;
      }
  if (def == NULL || (def->versions != 0 && !(def->versions & (1u << request->version))))
    {
      _carport_sim_reply_kamereon_error (msg, "err.func.wired.not-found", NULL);
      return;
    }

  is_post = g_str_equal (request->method, "POST");
  if ((is_post && def->act == NULL) ||
      (!is_post && (!g_str_equal (request->method, "GET") || (def->read == NULL && def->query_read == NULL))))
    {
      _carport_sim_reply_kamereon_error (msg, "err.func.wired.methodNotAllowed", NULL);
      return;
    }

  if (self->quirk_privacy_on && def->name[0] != '\0')
    {
      _carport_sim_reply_kamereon_error (msg, "err.func.privacy.on", NULL);
      return;
    }
  code = denial (self, def->name);
  if (code != NULL)
    {
      reply_denial (msg, code);
      return;
    }
  if (self->quirk_hvac_403011 && g_str_equal (def->name, "hvac-status"))
    {
      g_autofree char *detail = g_strdup_printf ("Operation not supported for this can (%s)",
                                                 self->model->can_generation);
      g_autofree char *nested = _carport_sim_nested_error ("403", "403011", "Operation not supported",
                                                           detail, NULL);

      _carport_sim_reply_kamereon_error (msg, "err.func.403", nested);
      return;
    }

  advance (self, now);

  if (is_post)
    {
      SoupMessageBody *body = soup_server_message_get_request_body (msg);
      g_autoptr(JsonNode) node = _carport_sim_json_parse (body->data, (gsize) body->length);
      Action action = { self, msg, node, NULL, NULL, now };

      if (node == NULL)
        {
          _carport_sim_reply_kamereon_error (msg, "err.func.wired.invalid-body-format", NULL);
          return;
        }
      def->act (&action);
    }
  else
    {
      g_autoptr(JsonNode) node = def->read ? def->read (self)
                                           : def->query_read (self, msg, request->query);

      if (node != NULL)
        _carport_sim_reply_json (msg, SOUP_STATUS_OK,
                                 g_str_equal (request->adapter, "kca") ? CARPORT_SIM_CT_JSON_API
                                                                       : CARPORT_SIM_CT_JSON,
                                 node);
    }
}

/* ------------------------------------------------------------------------ */
/* Garage                                                                   */
/* ------------------------------------------------------------------------ */

static JsonObject *
code_label (const char *code,
            const char *label,
            const char *group)
{
  JsonObject *object = json_object_new ();

  if (code != NULL)
    json_object_set_string_member (object, "code", code);
  if (label != NULL)
    json_object_set_string_member (object, "label", label);
  if (group != NULL)
    json_object_set_string_member (object, "group", group);
  return object;
}

static char *
picture_url (CarportSimCar *self,
             const char    *size)
{
  return g_strdup_printf ("%s/assets/%s-%s.svg", self->base_url, self->vin, size);
}

/**
 * carport_sim_car_build_details:
 *
 * Returns: (transfer full): the vehicleDetails object (§b.4)
 */
JsonNode *
carport_sim_car_build_details (CarportSimCar *self)
{
  const ModelInfo *m = self->model;
  JsonNode *root = json_node_new (JSON_NODE_OBJECT);
  JsonObject *d = json_object_new ();
  JsonArray *assets = json_array_new ();
  JsonObject *picture = json_object_new ();
  JsonArray *renditions = json_array_new ();
  JsonObject *rendition;
  g_autofree char *large = picture_url (self, "large");
  g_autofree char *small = picture_url (self, "small");
  g_autofree char *vcd = g_strdup_printf ("STANDA/%s/%s/%s/%s/%s/%s", m->family_code, m->energy_code,
                                          m->battery_code, m->tcu_code, m->code, m->engine_type);
  gboolean electric = !(m->flags & MODEL_PHEV);

  json_object_set_string_member (d, "vin", self->vin);
  json_object_set_string_member (d, "registrationDate", "2023-03-01");
  json_object_set_string_member (d, "firstRegistrationDate", "2023-03-01");
  json_object_set_string_member (d, "engineType", m->engine_type);
  json_object_set_string_member (d, "engineRatio", "601");
  json_object_set_string_member (d, "modelSCR", "");
  json_object_set_object_member (d, "deliveryCountry", code_label ("FR", "FRANCE", NULL));
  json_object_set_object_member (d, "family", code_label (m->family_code, m->family_label, "007"));
  json_object_set_object_member (d, "tcu", code_label (m->tcu_code, "CONNECTION UNIT", "E70"));
  json_object_set_object_member (d, "navigationAssistanceLevel", code_label ("", "", ""));
  json_object_set_object_member (d, "battery", code_label (m->battery_code, "BATTERY", "968"));
  json_object_set_object_member (d, "radioType", code_label (m->radio_type, m->radio_type, "425"));
  json_object_set_object_member (d, "registrationCountry", code_label ("FR", NULL, NULL));
  json_object_set_object_member (d, "brand", code_label (NULL, m->brand, NULL));
  json_object_set_object_member (d, "model", code_label (m->code, m->label, "971"));
  json_object_set_object_member (d, "gearbox", code_label (electric ? "1EVGB" : "BVH4",
                                                           electric ? "REDUCER FOR ELECTRIC MOTOR"
                                                                    : "HYBRID 4 SPEED GEARBOX",
                                                           "427"));
  json_object_set_object_member (d, "version", code_label (m->version_code, NULL, NULL));
  json_object_set_object_member (d, "energy", code_label (m->energy_code, m->energy_label, "019"));
  json_object_set_string_member (d, "registrationNumber", self->registration);
  json_object_set_string_member (d, "vcd", vcd);

  json_object_set_string_member (picture, "assetType", "PICTURE");
  rendition = json_object_new ();
  json_object_set_string_member (rendition, "resolutionType", "ONE_MYRENAULT_LARGE");
  json_object_set_string_member (rendition, "url", large);
  json_array_add_object_element (renditions, rendition);
  rendition = json_object_new ();
  json_object_set_string_member (rendition, "resolutionType", "ONE_MYRENAULT_SMALL");
  json_object_set_string_member (rendition, "url", small);
  json_array_add_object_element (renditions, rendition);
  json_object_set_array_member (picture, "renditions", renditions);
  json_array_add_object_element (assets, picture);
  json_object_set_array_member (d, "assets", assets);

  json_object_set_int_member (d, "yearsOfMaintenance", 12);
  json_object_set_string_member (d, "connectivityTechnology", m->connectivity);
  json_object_set_boolean_member (d, "easyConnectStore", FALSE);
  json_object_set_boolean_member (d, "electrical", electric);
  json_object_set_boolean_member (d, "rlinkStore", FALSE);
  json_object_set_string_member (d, "deliveryDate", "2023-03-08");
  json_object_set_boolean_member (d, "retrievedFromDhs", FALSE);
  json_object_set_string_member (d, "engineEnergyType", m->engine_energy_type);
  json_object_set_string_member (d, "radioCode", "1234");
  json_node_take_object (root, d);
  return root;
}

/**
 * carport_sim_car_build_link:
 *
 * Returns: (transfer full): one vehicleLinks[] entry (§b.3)
 */
JsonNode *
carport_sim_car_build_link (CarportSimCar *self,
                            gboolean       with_details)
{
  JsonNode *root = json_node_new (JSON_NODE_OBJECT);
  JsonObject *link = json_object_new ();
  JsonObject *driver = json_object_new ();

  json_object_set_string_member (link, "brand", self->model->brand);
  json_object_set_string_member (link, "vin", self->vin);
  json_object_set_string_member (link, "status", "ACTIVE");
  json_object_set_string_member (link, "linkType", "OWNER");
  json_object_set_string_member (link, "garageBrand", self->model->brand);
  json_object_set_int_member (link, "annualMileage", 12000);
  json_object_set_int_member (link, "mileage", (gint64) self->mileage);
  json_object_set_string_member (link, "startDate", "2023-03-08");
  json_object_set_string_member (link, "createdDate", "2023-03-08T10:12:44.409008Z");
  json_object_set_string_member (link, "lastModifiedDate", "2025-11-17T08:41:40.497400Z");
  json_object_set_string_member (link, "ownershipStartDate", "2023-03-01");
  json_object_set_object_member (link, "cancellationReason", json_object_new ());
  json_object_set_string_member (driver, "role", "MAIN_DRIVER");
  json_object_set_string_member (driver, "createdDate", "2023-03-08T10:20:06.880627Z");
  json_object_set_string_member (driver, "lastModifiedDate", "2023-03-08T10:20:06.880627Z");
  json_object_set_object_member (link, "connectedDriver", driver);
  if (with_details)
    json_object_set_member (link, "vehicleDetails", carport_sim_car_build_details (self));
  json_node_take_object (root, link);
  return root;
}

static JsonObject *
contract (const char *type,
          const char *code,
          const char *group,
          int         months,
          const char *start,
          const char *end,
          const char *description)
{
  JsonObject *c = json_object_new ();
  JsonArray *conditions = json_array_new ();
  JsonObject *condition = json_object_new ();

  json_object_set_string_member (c, "type", type);
  json_object_set_string_member (c, "contractId", "SIM00001");
  json_object_set_string_member (c, "code", code);
  json_object_set_string_member (c, "group", group);
  json_object_set_int_member (c, "durationMonths", months);
  json_object_set_string_member (c, "startDate", start);
  json_object_set_string_member (c, "endDate", end);
  json_object_set_string_member (c, "status", "ACTIVE");
  json_object_set_string_member (c, "statusLabel", "Active");
  json_object_set_string_member (c, "description", description);
  json_object_set_string_member (condition, "startDate", start);
  json_object_set_string_member (condition, "endDate", end);
  json_array_add_object_element (conditions, condition);
  json_object_set_array_member (c, "conditions", conditions);
  return c;
}

/**
 * carport_sim_car_build_contracts:
 *
 * Returns: (transfer full): the top-level array of §b.6
 */
JsonNode *
carport_sim_car_build_contracts (CarportSimCar *self)
{
  JsonNode *root = json_node_new (JSON_NODE_ARRAY);
  JsonArray *array = json_array_new ();

  json_array_add_object_element (array, contract ("CONNECTED_SERVICES",
                                                  (self->model->flags & MODEL_POWER_IN_WATTS) ? "ZECONNECTP" : "MYRSERV",
                                                  "Z", 36, "2023-03-08", "2026-03-08",
                                                  "Connected services 36 months"));
  json_array_add_object_element (array, contract ("WARRANTY", "ManufacturerWarranty", "W", 96,
                                                  "2023-03-01", "2031-03-01", "Manufacturer warranty"));
  json_node_take_array (root, array);
  return root;
}

void
carport_sim_car_reply_picture (CarportSimCar     *self,
                               SoupServerMessage *msg)
{
  g_autofree char *svg = NULL;

  g_return_if_fail (CARPORT_IS_SIM_CAR (self));

  svg = g_strdup_printf (
    "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"480\" height=\"240\" viewBox=\"0 0 480 240\">"
    "<path d=\"M40 170 L60 120 L150 110 L210 70 L330 70 L390 115 L440 125 L450 170 Z\" fill=\"%s\"/>"
    "<path d=\"M220 80 L320 80 L365 115 L180 115 Z\" fill=\"#cfe3f0\"/>"
    "<circle cx=\"130\" cy=\"172\" r=\"32\" fill=\"#222\"/><circle cx=\"130\" cy=\"172\" r=\"14\" fill=\"#999\"/>"
    "<circle cx=\"360\" cy=\"172\" r=\"32\" fill=\"#222\"/><circle cx=\"360\" cy=\"172\" r=\"14\" fill=\"#999\"/>"
    "<text x=\"240\" y=\"230\" font-family=\"sans-serif\" font-size=\"18\" text-anchor=\"middle\" fill=\"#444\">%s</text>"
    "</svg>",
    self->model->colour, self->model->label);
  _carport_sim_reply_take (msg, SOUP_STATUS_OK, "image/svg+xml", g_steal_pointer (&svg),
                           strlen (svg));
}

/* ------------------------------------------------------------------------ */
/* Notifications                                                            */
/* ------------------------------------------------------------------------ */

/**
 * carport_sim_car_add_notifications:
 * @notification_id: (nullable): only this one; %NULL for all
 *
 * Appends the COMMAND_RESPONSE entries of this car's commands to @array,
 * newest first.
 */
void
carport_sim_car_add_notifications (CarportSimCar *self,
                                   JsonArray     *array,
                                   const char    *notification_id,
                                   const char    *person_id,
                                   const char    *user_id)
{
  gint64 now = g_get_real_time ();

  g_return_if_fail (CARPORT_IS_SIM_CAR (self));

  advance (self, now);
  for (guint i = self->commands->len; i > 0; i--)
    {
      Command *command = g_ptr_array_index (self->commands, i - 1);
      JsonObject *entry;
      JsonObject *response;
      g_autofree char *date = NULL;
      const char *status;

      if (notification_id != NULL && !g_str_equal (notification_id, command->id))
        continue;
      status = !command->applied ? "PENDING" : command->failed ? "FAILED" : "COMPLETED";
      date = _carport_sim_local_millis (command->applied ? command->due : command->created);
      entry = json_object_new ();
      json_object_set_string_member (entry, "notificationId", command->id);
      json_object_set_string_member (entry, "notifDate", date);
      json_object_set_string_member (entry, "vin", self->vin);
      json_object_set_string_member (entry, "personId", person_id);
      json_object_set_string_member (entry, "kmrUserId", user_id);
      json_object_set_string_member (entry, "actionType", "COMMAND_RESPONSE");
      response = json_object_new ();
      json_object_set_string_member (response, "status", status);
      if (command->failed)
        {
          json_object_set_string_member (response, "errorCode", command->failure_code);
          json_object_set_string_member (response, "errorMessage", command->failure_message);
        }
      json_object_set_object_member (entry, "commandResponse", response);
      json_object_set_string_member (entry, "commandType", command->command_type);
      json_array_add_object_element (array, entry);
    }
}

/* ------------------------------------------------------------------------ */
/* Introspection                                                            */
/* ------------------------------------------------------------------------ */

int
carport_sim_car_get_battery_level (CarportSimCar *self)
{
  g_return_val_if_fail (CARPORT_IS_SIM_CAR (self), -1);

  advance (self, g_get_real_time ());
  return (int) floor (self->level);
}

gboolean
carport_sim_car_get_charging (CarportSimCar *self)
{
  g_return_val_if_fail (CARPORT_IS_SIM_CAR (self), FALSE);

  advance (self, g_get_real_time ());
  return self->charge == CHARGE_CHARGING;
}

gboolean
carport_sim_car_get_hvac_on (CarportSimCar *self)
{
  g_return_val_if_fail (CARPORT_IS_SIM_CAR (self), FALSE);

  advance (self, g_get_real_time ());
  return self->hvac_on;
}

/* Plugging in starts a charge in "always" mode, waits in "scheduled" mode;
 * unplugging ends any charge. */
void
carport_sim_car_set_plugged (CarportSimCar *self,
                             gboolean       plugged)
{
  gint64 now = g_get_real_time ();

  g_return_if_fail (CARPORT_IS_SIM_CAR (self));

  advance (self, now);
  if (!!plugged == self->plugged)
    return;
  self->plugged = !!plugged;
  self->battery_time = now;
  if (plugged)
    {
      if (g_str_equal (self->charge_mode, "always"))
        start_charging (self, now);
      else
        self->charge = CHARGE_WAITING;
    }
  else
    {
      if (self->charge == CHARGE_CHARGING)
        end_session (self, now, TRUE);
      self->charge = CHARGE_IDLE;
      self->planned_charge_at = 0;
    }
}

char *
carport_sim_car_dup_state_json (CarportSimCar *self)
{
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  JsonObject *state = json_object_new ();
  JsonArray *commands = json_array_new ();
  static const char * const charge_names[] = { "idle", "waiting", "ended", "charging" };

  g_return_val_if_fail (CARPORT_IS_SIM_CAR (self), NULL);

  advance (self, g_get_real_time ());
  json_object_set_string_member (state, "vin", self->vin);
  json_object_set_string_member (state, "model", self->model->code);
  json_object_set_string_member (state, "name", self->name);
  json_object_set_string_member (state, "registration", self->registration);
  json_object_set_double_member (state, "batteryLevel", self->level);
  json_object_set_boolean_member (state, "plugged", self->plugged);
  json_object_set_string_member (state, "charge", charge_names[self->charge]);
  json_object_set_double_member (state, "chargingStatus", charging_status (self));
  json_object_set_string_member (state, "chargeMode", self->charge_mode);
  json_object_set_int_member (state, "socMin", self->soc_min);
  json_object_set_int_member (state, "socTarget", self->soc_target);
  json_object_set_boolean_member (state, "hvacOn", self->hvac_on);
  json_object_set_double_member (state, "targetTemperature", self->target_temperature);
  json_object_set_double_member (state, "mileage", self->mileage);
  json_object_set_double_member (state, "latitude", self->latitude);
  json_object_set_double_member (state, "longitude", self->longitude);
  json_object_set_int_member (state, "chargeSessions", self->sessions->len);
  for (guint i = 0; i < self->commands->len; i++)
    {
      Command *command = g_ptr_array_index (self->commands, i);
      JsonObject *entry = json_object_new ();

      json_object_set_string_member (entry, "id", command->id);
      json_object_set_string_member (entry, "type", command->command_type);
      json_object_set_string_member (entry, "status",
                                     !command->applied ? "PENDING" : command->failed ? "FAILED" : "COMPLETED");
      json_array_add_object_element (commands, entry);
    }
  json_object_set_array_member (state, "commands", commands);
  json_node_take_object (root, state);
  return _carport_sim_json_to_string (root);
}
