/* carport-sim-renault-model.c — the simulated Renault models and their errors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "carport-sim"

#include "config.h"

#include <string.h>

#include "carport-simulator.h"
#include "carport-sim-util.h"
#include "carport-sim-renault-car.h"

#define FORBIDDEN     CARPORT_SIM_FORBIDDEN
#define NOT_FOUND     CARPORT_SIM_NOT_FOUND
#define NOT_SUPPORTED CARPORT_SIM_NOT_SUPPORTED

/* The errors follow the "Marked unsupported" lists of api-renault.md §c.5, with one rule:
 * a KCA endpoint answers err.func.wired.forbidden, except lock-status which
 * answers err.func.wired.notFound "There is no data for this vin and uid";
 * a KCM endpoint answers err.tech.501 on a car without the KCM platform and
 * err.func.wired.forbidden on a KCM car without that feature; a charge action
 * that the model does through an alternative path (api-renault.md §c.4) is forbidden on the
 * default path. One departure: the cars that take remote lock (experimental,
 * §e.2: the Megane and the R5, whose horn and lights work) report their
 * locks, so that a lock or unlock shows in lock-status; and the Captur,
 * which takes remote engine start (experimental), reports its res-state.
 * src/sim/README.md has the same table. */

static const CarportSimRenaultDenial x101ve_denials[] = {
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

static const CarportSimRenaultDenial x102ve_denials[] = {
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

static const CarportSimRenaultDenial xcb1ve_denials[] = {
  { "charge-mode", FORBIDDEN },
  { "charge-schedule", FORBIDDEN },
  { "charge-history", FORBIDDEN },
  { "hvac-history", FORBIDDEN },
  { "hvac-sessions", FORBIDDEN },
  { "res-state", FORBIDDEN },
  { "pressure", FORBIDDEN },
  { "notification-settings", FORBIDDEN },
  { "actions/charging-start", FORBIDDEN },       /* start goes through charge/start; no stop */
  { "actions/charge-schedule", FORBIDDEN },      /* goes through charge/schedule */
  { "charge/pause-resume", FORBIDDEN },
  { NULL, NULL }
};

static const CarportSimRenaultDenial xbg1ve_denials[] = {
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

static const CarportSimRenaultDenial r5e1ve_denials[] = {
  { "charge-mode", FORBIDDEN },
  { "charging-settings", FORBIDDEN },
  { "charge-schedule", FORBIDDEN },              /* read ev/settings instead */
  { "charge-history", FORBIDDEN },
  { "hvac-history", FORBIDDEN },
  { "hvac-sessions", FORBIDDEN },
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

static const CarportSimRenaultDenial xjb1su_denials[] = {
  { "charge-mode", FORBIDDEN },
  { "charge-schedule", FORBIDDEN },
  { "charge-history", FORBIDDEN },
  { "hvac-history", FORBIDDEN },
  { "hvac-sessions", FORBIDDEN },
  { "lock-status", NOT_FOUND },
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

static const CarportSimRenaultModel models[] = {
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
    MODEL_BATTERY_TEMP | MODEL_COCKPIT_FUEL_ZERO | MODEL_HVAC_SOC_THRESHOLD | MODEL_HVAC_NO_TIMESTAMP |
    MODEL_SLOW_PUNCTURE,
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
    "actions/srp-initiates", "actions/srp-sets", "actions/lock-unlock", "actions/engine-start",
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

/* The error @endpoint answers on @car, or NULL when it works. */
const char *
_carport_sim_renault_denial (CarportSimCar *car,
                             const char    *endpoint)
{
  const char *code;

  if (g_hash_table_contains (car->allowed, endpoint))
    return NULL;
  code = g_hash_table_lookup (car->denied, endpoint);
  if (code != NULL)
    return code;
  for (const CarportSimRenaultDenial *d = RM (car)->denials; d->endpoint != NULL; d++)
    if (g_str_equal (d->endpoint, endpoint))
      return d->code;
  return NULL;
}

static gboolean
model_denies (const CarportSimRenaultModel *model,
              const char                   *endpoint)
{
  for (const CarportSimRenaultDenial *d = model->denials; d->endpoint != NULL; d++)
    if (g_str_equal (d->endpoint, endpoint))
      return TRUE;
  return FALSE;
}

/**
 * _carport_sim_renault_car_new:
 * @config: one entry of a scenario's "cars" (see src/sim/README.md)
 *
 * Returns: (transfer full) (nullable): the car, or %NULL with @error set
 */
CarportSimCar *
_carport_sim_renault_car_new (JsonObject  *config,
                              GError     **error)
{
  static const char * const brand_members[] = { "details_in_vehicle_list", NULL };
  g_autoptr(CarportSimCar) car = NULL;
  const char *model_code, *vin;
  const CarportSimRenaultModel *model = NULL;
  CarportSimCarSpec spec = { 0, };
  JsonNode *node;

  if (!carport_sim_car_config_ids (config, &model_code, &vin, error))
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (models); i++)
    if (g_str_equal (models[i].code, model_code))
      model = &models[i];
  if (model == NULL)
    {
      g_autoptr(GString) codes = g_string_new (NULL);

      for (guint i = 0; i < G_N_ELEMENTS (models); i++)
        g_string_append_printf (codes, "%s%s", i > 0 ? ", " : "", models[i].code);
      g_set_error (error, CARPORT_SIMULATOR_ERROR, CARPORT_SIMULATOR_ERROR_UNKNOWN_MODEL,
                   "car %s: model “%s” is not simulated (known: %s)", vin, model_code, codes->str);
      return NULL;
    }

  spec.brand = CARPORT_SIM_BRAND_RENAULT;
  spec.model = model;
  spec.model_code = model->code;
  spec.label = model->label;
  spec.capacity_kwh = model->capacity_kwh;
  spec.range_km = model->range_km;
  spec.charge_power_kw = model->charge_power_kw;
  spec.fuel_litres = (model->flags & MODEL_PHEV) ? 27.0 : 0.0;
  spec.soc_threshold = (model->flags & MODEL_HVAC_SOC_THRESHOLD) ? 20.0 : 0.0;
  spec.unplugged_minus_1 = (model->flags & MODEL_UNPLUGGED_MINUS_1) != 0;
  spec.soc_limited = !model_denies (model, "ev/soc-levels");
  spec.scheduled_by_default = (model->flags & MODEL_KCM_SETTINGS) != 0;
  spec.is_endpoint = is_endpoint_name;

  car = carport_sim_car_new (&spec, vin);
  if (!carport_sim_car_apply_config (car, config, brand_members, error))
    return NULL;
  node = json_object_get_member (config, "details_in_vehicle_list");
  if (node != NULL)
    {
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
        {
          carport_sim_car_config_error (error, vin, "“details_in_vehicle_list” must be true or false");
          return NULL;
        }
      car->details_in_list = json_node_get_boolean (node);
    }
  car->spec.soc_limited = _carport_sim_renault_denial (car, "ev/soc-levels") == NULL;
  return g_steal_pointer (&car);
}
