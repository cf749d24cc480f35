/* carport-sim-nissan-car.c — a Nissan car's answers: models, reads, actions, action status
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Renders a CarportSimCar as Nissan's Kamereon hosts do (docs/api-nissan.md
 * api-nissan.md §2–§4): the v5 car list entry, the car-adapter reads (JSON:API envelope for
 * "Accept: any" or none, flat for "Accept: application/json"), the bff-web v3
 * battery, the actions, the action-status polling and the notifications.
 */

#define G_LOG_DOMAIN "carport-sim"

#include "config.h"

#include <math.h>
#include <string.h>

#include "carport-simulator.h"
#include "carport-sim-util.h"
#include "carport-sim-nissan-car.h"

typedef enum {
  N_BATTERY_V1         = 1 << 0,  /* car-adapter v1 battery-status, the Leaf's full set */
  N_BATTERY_V1_PARTIAL = 1 << 1,  /* v1 answers a few fields only (Ariya) */
  N_BATTERY_V1_RANGE   = 1 << 2,  /* v1 carries the fuel range only (combustion) */
  N_BATTERY_V2         = 1 << 3,  /* car-adapter v2, flat */
  N_BATTERY_V3         = 1 << 4,  /* bff-web v3 ?canGen= */
  N_COCKPIT_V1         = 1 << 5,
  N_COCKPIT_V2         = 1 << 6,
  N_ICE                = 1 << 7,
  N_NO_EXTERNAL_TEMP   = 1 << 8,
} NissanFlags;

typedef struct {
  const char  *code;            /* the scenario's "model" */
  const char  *model_name;
  const char  *model_code;
  const char  *can_generation;
  const char  *car_gateway;
  const char  *energy;
  double       capacity_kwh;
  double       range_km;
  double       charge_power_kw;
  NissanFlags  flags;
  guint        lock_status;     /* 0: served; else the HTTP error it answers */
  const char  *ccs_gen;         /* nullable: "1" CCS2, "2" CCS1.5 (the remote lock's gate) */
  const char  *services;        /* ids; "s308" is sent as the string "308" */
} NissanModel;

static const NissanModel models[] = {
  { "LEAF_ZE1", "Leaf", "ZE1", "C1A", "GDC", "ELECTRIC", 40.0, 270.0, 3.6,
    N_BATTERY_V1 | N_COCKPIT_V1 | N_COCKPIT_V2, 0, "2",
    "319 12 366 307 2042 299 97 2021 235 27 747" },
  { "ARIYA", "ARIYA", "FE0", "C1A", "AVN", "ELECTRIC", 87.0, 420.0, 7.4,
    N_BATTERY_V1_PARTIAL | N_BATTERY_V2 | N_BATTERY_V3 | N_COCKPIT_V1 | N_COCKPIT_V2, 403, NULL,
    "319 12 366 299 303 97 279 s308 s5001" },
  { "MICRA", "MICRA", "BCJ", "C1A_HS EVO", "RVG", "ELECTRIC", 52.0, 310.0, 11.0,
    N_BATTERY_V2 | N_BATTERY_V3 | N_COCKPIT_V2 | N_NO_EXTERNAL_TEMP, 404, NULL,
    "12 97 107 202 299 308 317 319 344 366" },
  { "QASHQAI", "Qashqai", "J12", "C1A", "AVN", "GASOLINE", 0.0, 0.0, 0.0,
    N_BATTERY_V1_RANGE | N_COCKPIT_V1 | N_COCKPIT_V2 | N_ICE, 0, NULL,
    "12 97 2021 202 96" },
};

#define NM(car) ((const NissanModel *) (car)->spec.model)

static gboolean
is_endpoint_name (const char *name)
{
  static const char * const names[] = {
    "battery-status", "cockpit", "location", "hvac-status", "lock-status", "trip-history",
    "actions/refresh-battery-status", "actions/refresh-location", "actions/refresh-hvac-status",
    "actions/refresh-lock-status", "actions/hvac-start", "actions/charging-start",
    "actions/horn-lights", "actions/srp-initiates", "actions/srp-sets", "actions/lock-unlock", NULL
  };
  g_autofree char *base = g_strdup (name);
  char *colon = strchr (base, ':');

  if (colon != NULL)
    *colon = '\0';
  return g_strv_contains (names, base);
}

/**
 * _carport_sim_nissan_car_new:
 * @config: one entry of a scenario's "nissan.cars"
 *
 * Returns: (transfer full) (nullable): the car, or %NULL with @error set
 */
CarportSimCar *
_carport_sim_nissan_car_new (JsonObject  *config,
                             GError     **error)
{
  g_autoptr(CarportSimCar) car = NULL;
  const char *code, *vin;
  const NissanModel *model = NULL;
  CarportSimCarSpec spec = { 0, };

  if (!carport_sim_car_config_ids (config, &code, &vin, error))
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (models); i++)
    if (g_str_equal (models[i].code, code))
      model = &models[i];
  if (model == NULL)
    {
      g_set_error (error, CARPORT_SIMULATOR_ERROR, CARPORT_SIMULATOR_ERROR_UNKNOWN_MODEL,
                   "car %s: Nissan model “%s” is not simulated (known: LEAF_ZE1, ARIYA, MICRA, QASHQAI)",
                   vin, code);
      return NULL;
    }
  spec.brand = CARPORT_SIM_BRAND_NISSAN;
  spec.model = model;
  spec.model_code = model->code;
  spec.label = model->model_name;
  spec.capacity_kwh = model->capacity_kwh;
  spec.range_km = model->range_km;
  spec.charge_power_kw = model->charge_power_kw;
  spec.fuel_litres = (model->flags & N_ICE) ? 38.0 : 0.0;
  spec.is_endpoint = is_endpoint_name;
  car = carport_sim_car_new (&spec, vin);
  if (!carport_sim_car_apply_config (car, config, NULL, error))
    return NULL;
  return g_steal_pointer (&car);
}

static gboolean
has_service (CarportSimCar *car,
             const char    *id)
{
  g_auto(GStrv) ids = g_strsplit (NM (car)->services, " ", -1);

  for (guint i = 0; ids[i] != NULL; i++)
    if (g_str_equal (ids[i][0] == 's' ? ids[i] + 1 : ids[i], id))
      return TRUE;
  return FALSE;
}

/* The remote lock's gate (api-nissan.md §3.4): lock status 886 on a CCS2
 * car (ccsGen "1", none is cross-badged here), else 2021; the command needs
 * it and 27 or 878; the PIN's set-up is 909 on CCS2, 747 on CCS1.5. */
gboolean
_carport_sim_nissan_car_can (CarportSimCar     *car,
                             CarportSimNissanCan what)
{
  const char *ccs_gen = NM (car)->ccs_gen;
  gboolean ccs2 = g_strcmp0 (ccs_gen, "1") == 0;
  gboolean lock_status = has_service (car, ccs2 ? "886" : "2021");

  switch (what)
    {
    case CARPORT_SIM_NISSAN_CAN_LOCK:
      return lock_status && (has_service (car, "27") || has_service (car, "878"));
    case CARPORT_SIM_NISSAN_CAN_SRP_SETUP:
    default:
      return ccs2 ? has_service (car, "909") : g_strcmp0 (ccs_gen, "2") == 0 && has_service (car, "747");
    }
}

/**
 * _carport_sim_nissan_build_car:
 *
 * Returns: (transfer full): one entry of bff-web v5/users/{id}/cars
 */
JsonNode *
_carport_sim_nissan_build_car (CarportSimCar *car,
                               const char    *picture_base)
{
  const NissanModel *m = NM (car);
  JsonNode *root = json_node_new (JSON_NODE_OBJECT);
  JsonObject *o = json_object_new ();
  JsonArray *services = json_array_new ();
  g_auto(GStrv) ids = g_strsplit (m->services, " ", -1);
  g_autofree char *picture = g_strdup_printf ("%s/assets/%s-large.svg", picture_base, car->vin);

  json_object_set_string_member (o, "vin", car->vin);
  json_object_set_string_member (o, "modelName", m->model_name);
  json_object_set_string_member (o, "modelCode", m->model_code);
  json_object_set_int_member (o, "modelYear", g_str_equal (m->code, "MICRA") ? 2025 : 2022);
  json_object_set_string_member (o, "nickname", car->name);
  json_object_set_string_member (o, "registrationNumber", car->registration);
  json_object_set_string_member (o, "energy", m->energy);
  json_object_set_string_member (o, "canGeneration", m->can_generation);
  json_object_set_string_member (o, "carGateway", m->car_gateway);
  json_object_set_string_member (o, "pictureURL", picture);
  json_object_set_string_member (o, "privacyMode", car->quirk_privacy_on ? "ON" : "OFF");
  json_object_set_string_member (o, "role", "OWNER");
  if (m->ccs_gen != NULL)
    json_object_set_string_member (o, "ccsGen", m->ccs_gen);
  json_object_set_boolean_member (o, "isCrossBadged", FALSE);
  for (guint i = 0; ids[i] != NULL; i++)
    {
      JsonObject *service = json_object_new ();

      if (ids[i][0] == 's')
        json_object_set_string_member (service, "id", ids[i] + 1);
      else
        json_object_set_int_member (service, "id", g_ascii_strtoll (ids[i], NULL, 10));
      json_object_set_string_member (service, "activationState", "ACTIVATED");
      /* a real Ariya nests features in its services (api-nissan.md §9) */
      if (g_str_equal (ids[i], "366") && g_str_equal (m->code, "ARIYA"))
        {
          JsonArray *features = json_array_new ();
          JsonObject *feature = json_object_new ();

          json_object_set_string_member (feature, "id", "hvac.remote.start");
          json_object_set_string_member (feature, "state", "ENABLED");
          json_array_add_object_element (features, feature);
          json_object_set_array_member (service, "features", features);
        }
      json_array_add_object_element (services, service);
    }
  json_object_set_array_member (o, "services", services);
  json_node_take_object (root, o);
  return root;
}

/* ------------------------------------------------------------------------ */
/* Reads                                                                    */
/* ------------------------------------------------------------------------ */

static void
set_stamp (JsonObject *object,
           const char *member,
           gint64      when)
{
  g_autofree char *text = _carport_sim_iso8601 (when, 0, TRUE);

  json_object_set_string_member (object, member, text);
}

static gboolean
wants_flat (SoupServerMessage *msg)
{
  const char *accept = soup_message_headers_get_one (soup_server_message_get_request_headers (msg), "Accept");

  return accept != NULL && strstr (accept, "application/json") != NULL && strstr (accept, "*/*") == NULL;
}

/* Answers @attributes (taken) as {"data":{"type":"Car","id":VIN,"attributes"}},
 * or flat {"id":VIN,…} when @flat. */
static void
reply_read (CarportSimCar     *car,
            SoupServerMessage *msg,
            JsonObject        *attributes,
            gboolean           flat)
{
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);

  if (flat)
    {
      JsonObject *object = json_object_new ();
      JsonObjectIter iter;
      const char *member;
      JsonNode *node;

      json_object_set_string_member (object, "id", car->vin);
      json_object_iter_init (&iter, attributes);
      while (json_object_iter_next (&iter, &member, &node))
        json_object_set_member (object, member, json_node_copy (node));
      json_object_unref (attributes);
      json_node_take_object (root, object);
      _carport_sim_reply_json (msg, SOUP_STATUS_OK, CARPORT_SIM_CT_JSON, root);
    }
  else
    {
      JsonObject *outer = json_object_new ();
      JsonObject *data = json_object_new ();

      json_object_set_string_member (data, "type", "Car");
      json_object_set_string_member (data, "id", car->vin);
      json_object_set_object_member (data, "attributes", attributes);
      json_object_set_object_member (outer, "data", data);
      json_node_take_object (root, outer);
      _carport_sim_reply_json (msg, SOUP_STATUS_OK, CARPORT_SIM_CT_JSON_API, root);
    }
}

static void
reply_unsupported (SoupServerMessage *msg)
{
  _carport_sim_reply_nissan_error (msg, 501, "501", "Not supported Feature",
                                   "This feature is not technically supported by this gateway");
}

static void
reply_forbidden (SoupServerMessage *msg)
{
  _carport_sim_reply_nissan_error (msg, 403, "403", "security.access", "Access is denied for this resource");
}

static int
minutes_at (CarportSimCar *car,
            double         kw)
{
  double missing = 100.0 - car->level;

  return missing <= 0 ? 0 : (int) ceil (missing / 100.0 * car->spec.capacity_kwh / kw * 60.0);
}

static JsonObject *
battery_v1 (CarportSimCar *car)
{
  JsonObject *a = json_object_new ();
  NissanFlags flags = NM (car)->flags;
  double range = car->level / 100.0 * car->spec.range_km;

  if (flags & N_BATTERY_V1_RANGE)
    {
      json_object_set_int_member (a, "rangeHvacOn", (gint64) round (car->fuel_litres * 16.0));
      _carport_sim_set_time (a, "lastUpdateTime", car->battery_time);
      return a;
    }
  json_object_set_int_member (a, "batteryLevel", (gint64) floor (car->level));
  json_object_set_int_member (a, "plugStatus", car->plugged ? 1 : 0);
  _carport_sim_set_time (a, "lastUpdateTime", car->battery_time);
  if (flags & N_BATTERY_V1_PARTIAL)
    return a;
  json_object_set_int_member (a, "batteryCapacity", (gint64) car->spec.capacity_kwh);
  json_object_set_int_member (a, "batteryBarLevel", (gint64) round (car->level * 2.4));
  json_object_set_int_member (a, "rangeHvacOn", (gint64) round (range * 0.88));
  json_object_set_int_member (a, "rangeHvacOff", (gint64) round (range));
  json_object_set_int_member (a, "chargeStatus", car->charge == CARPORT_SIM_CHARGE_CHARGING ? 1 : 0);
  json_object_set_int_member (a, "chargePower", 2);   /* 1–5, never 0 */
  json_object_set_int_member (a, "timeRequiredToFullSlow", minutes_at (car, 2.3));
  json_object_set_int_member (a, "timeRequiredToFullNormal", minutes_at (car, car->spec.charge_power_kw));
  json_object_set_int_member (a, "timeRequiredToFullFast", minutes_at (car, 46.0));
  return a;
}

static JsonObject *
battery_v2 (CarportSimCar *car)
{
  JsonObject *a = json_object_new ();

  _carport_sim_set_time (a, "timestamp", car->battery_time);
  json_object_set_int_member (a, "batteryLevel", (gint64) floor (car->level));
  json_object_set_int_member (a, "batteryAutonomy", (gint64) round (car->level / 100.0 * car->spec.range_km));
  json_object_set_int_member (a, "batteryCapacity", (gint64) car->spec.capacity_kwh);
  json_object_set_int_member (a, "batteryAvailableEnergy",
                              (gint64) round (car->level / 100.0 * car->spec.capacity_kwh));
  json_object_set_int_member (a, "plugStatus", car->plugged ? 1 : 0);
  json_object_set_double_member (a, "chargingStatus", carport_sim_car_charging_status (car));
  json_object_set_int_member (a, "chargingRemainingTime", carport_sim_car_remaining_minutes (car));
  return a;
}

static JsonObject *
battery_v3 (CarportSimCar *car)
{
  JsonObject *a = json_object_new ();

  set_stamp (a, "lastUpdateTime", car->battery_time);
  json_object_set_int_member (a, "batteryLevel", (gint64) floor (car->level));
  json_object_set_int_member (a, "batteryTemperature", 0);   /* not measured */
  json_object_set_int_member (a, "batteryAutonomy", (gint64) round (car->level / 100.0 * car->spec.range_km));
  json_object_set_int_member (a, "plugStatus", car->plugged ? 1 : 0);
  json_object_set_double_member (a, "chargingStatus", carport_sim_car_charging_status (car));
  json_object_set_int_member (a, "chargingRemainingTime", carport_sim_car_remaining_minutes (car));
  return a;
}

static JsonObject *
cockpit (CarportSimCar *car)
{
  JsonObject *a = json_object_new ();

  if (NM (car)->flags & N_ICE)
    {
      json_object_set_double_member (a, "fuelAutonomy", round (car->fuel_litres * 16.0));
      json_object_set_double_member (a, "fuelQuantity", car->fuel_litres);
    }
  json_object_set_double_member (a, "totalMileage", round (car->mileage * 10.0) / 10.0);
  return a;
}

static JsonObject *
location (CarportSimCar *car)
{
  JsonObject *a = json_object_new ();

  json_object_set_double_member (a, "gpsLatitude", car->latitude);
  json_object_set_double_member (a, "gpsLongitude", car->longitude);
  json_object_set_int_member (a, "gpsDirection", 0);
  _carport_sim_set_time (a, "lastUpdateTime", car->location_time);
  return a;
}

static JsonObject *
hvac_status (CarportSimCar *car)
{
  JsonObject *a = json_object_new ();

  json_object_set_string_member (a, "hvacStatus", car->hvac_on ? "on" : "off");
  json_object_set_double_member (a, "internalTemperature",
                                 car->hvac_on ? car->internal_temperature : car->external_temperature + 2.0);
  if (!(NM (car)->flags & N_NO_EXTERNAL_TEMP))
    json_object_set_double_member (a, "externalTemperature", car->external_temperature);
  json_object_set_int_member (a, "nextTargetTemperature", (gint64) car->target_temperature);
  if (car->planned_hvac_at != 0)
    _carport_sim_set_time (a, "nextHvacStartDate", car->planned_hvac_at);
  _carport_sim_set_time (a, "lastUpdateTime", car->hvac_time);
  return a;
}

static JsonObject *
lock_status (CarportSimCar *car)
{
  static const char * const doors[] = {
    "doorStatusFrontLeft", "doorStatusFrontRight", "doorStatusRearLeft", "doorStatusRearRight",
    "hatchStatus", "engineHoodStatus",
  };
  JsonObject *a = json_object_new ();

  json_object_set_string_member (a, "lockStatus", car->locked ? "locked" : "unlocked");
  for (guint i = 0; i < G_N_ELEMENTS (doors); i++)
    json_object_set_string_member (a, doors[i], "closed");
  _carport_sim_set_time (a, "lastUpdateTime", car->lock_time);
  return a;
}

/* type 0 daily (the last three days), 1 monthly; start/end are YYYY-MM-DD. */
static JsonObject *
trip_history (CarportSimCar     *car,
              SoupServerMessage *msg,
              GHashTable        *query)
{
  const char *type = g_hash_table_lookup (query, "type");
  gint64 now = g_get_real_time ();
  JsonObject *a;
  JsonArray *summaries;
  guint n;

  if (type == NULL || g_hash_table_lookup (query, "start") == NULL || g_hash_table_lookup (query, "end") == NULL ||
      (!g_str_equal (type, "0") && !g_str_equal (type, "1")))
    {
      _carport_sim_reply_nissan_error (msg, 400, "400", "Bad Request", "type (0 or 1), start and end are required");
      return NULL;
    }
  a = json_object_new ();
  summaries = json_array_new ();
  n = g_str_equal (type, "0") ? 3 : 1;
  for (guint i = 0; i < n; i++)
    {
      JsonObject *s = json_object_new ();
      g_autoptr(GDateTime) day = g_date_time_new_from_unix_utc (now / G_USEC_PER_SEC - (gint64) (i + 1) * 86400);
      g_autofree char *key = g_date_time_format (day, n == 1 ? "%Y%m" : "%Y%m%d");
      g_autofree char *first = g_date_time_format (day, "%Y-%m-%dT07:40:00Z");
      g_autofree char *last = g_date_time_format (day, "%Y-%m-%dT18:05:00Z");

      json_object_set_int_member (s, "tripsNumber", n == 1 ? 33 : 2 + i);
      json_object_set_double_member (s, "distance", n == 1 ? 838.9 : 24.5 + 3 * i);
      json_object_set_int_member (s, "duration", n == 1 ? 1780 : 52 + 5 * i);
      json_object_set_string_member (s, "firstTripStart", first);
      json_object_set_string_member (s, "lastTripEnd", last);
      json_object_set_double_member (s, "consumedFuel", 0);
      json_object_set_double_member (s, "consumedElectricity", n == 1 ? 129.5 : 3.9 + 0.4 * i);
      json_object_set_double_member (s, "savedElectricity", 0);
      json_object_set_double_member (s, "co2Saving", n == 1 ? 144109.7 : 4210.0);
      json_object_set_string_member (s, n == 1 ? "month" : "day", key);
      json_array_add_object_element (summaries, s);
    }
  json_object_set_array_member (a, "summaries", summaries);
  return a;
}

/* ------------------------------------------------------------------------ */
/* Actions                                                                  */
/* ------------------------------------------------------------------------ */

static void
reply_bad_body (SoupServerMessage *msg,
                const char        *detail)
{
  _carport_sim_reply_nissan_error (msg, 400, "400", "Http message is not readable", detail);
}

static const char *
choice (SoupServerMessage  *msg,
        JsonObject         *attributes,
        const char         *member,
        const char * const *values)
{
  const char *value = _carport_sim_json_get_string (attributes, member);

  if (value == NULL || !g_strv_contains (values, value))
    {
      g_autofree char *joined = g_strjoinv (", ", (char **) values);
      g_autofree char *detail = g_strdup_printf ("attributes.%s must be one of %s", member, joined);

      reply_bad_body (msg, detail);
      return NULL;
    }
  return value;
}

static void
act (CarportSimCar     *car,
     SoupServerMessage *msg,
     const char        *name,
     gint64             now)
{
  static const struct {
    const char *name;
    const char *type;
    const char *service;       /* NULL: none; "hvac": 366, 307 or 2042 */
    CarportSimCommandKind kind;
  } actions[] = {
    { "refresh-battery-status", "RefreshBatteryStatus", NULL, CARPORT_SIM_CMD_REFRESH_BATTERY },
    { "refresh-location", "RefreshLocation", "12", CARPORT_SIM_CMD_REFRESH_LOCATION },
    { "refresh-hvac-status", "RefreshHvacStatus", "hvac", CARPORT_SIM_CMD_REFRESH_HVAC },
    { "refresh-lock-status", "RefreshLockStatus", "2021", CARPORT_SIM_CMD_REFRESH_LOCK },
    { "hvac-start", "HvacStart", "366", CARPORT_SIM_CMD_HVAC_START },
    { "charging-start", "ChargingStart", "299", CARPORT_SIM_CMD_CHARGE_START },
    { "horn-lights", "HornLights", "97", CARPORT_SIM_CMD_HORN_LIGHTS },
  };
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(JsonNode) node = _carport_sim_json_parse (body->data, (gsize) body->length);
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  JsonObject *data, *attributes = NULL, *outer, *answer;
  const char *type, *service;
  CarportSimCommandKind kind;
  CarportSimCommand *command;
  double temperature = 0;
  gint64 start_at = 0;
  guint i;

  for (i = 0; i < G_N_ELEMENTS (actions); i++)
    if (g_str_equal (actions[i].name, name))
      break;
  if (i == G_N_ELEMENTS (actions))
    {
      _carport_sim_reply_nissan_error (msg, 404, "404", "Not Found", NULL);
      return;
    }
  kind = actions[i].kind;
  service = actions[i].service;

  data = node != NULL && JSON_NODE_HOLDS_OBJECT (node)
         ? _carport_sim_json_get_object (json_node_get_object (node), "data") : NULL;
  type = _carport_sim_json_get_string (data, "type");
  if (data == NULL || type == NULL || !g_str_equal (type, actions[i].type))
    {
      g_autofree char *detail = g_strdup_printf ("expected {\"data\":{\"type\":\"%s\",…}}", actions[i].type);

      reply_bad_body (msg, detail);
      return;
    }
  attributes = _carport_sim_json_get_object (data, "attributes");

  if (kind == CARPORT_SIM_CMD_HVAC_START)
    {
      static const char * const values[] = { "start", "stop", "cancel", NULL };
      const char *value = choice (msg, attributes, "action", values);

      if (value == NULL)
        return;
      if (g_str_equal (value, "start"))
        {
          if (!_carport_sim_json_get_number (attributes, "targetTemperature", &temperature) ||
              temperature != floor (temperature) || temperature < 16 || temperature > 26)
            {
              reply_bad_body (msg, "attributes.targetTemperature must be an integer from 16 to 26");
              return;
            }
          /* A planned start: ISO 8601, in the future (api-nissan.md §4.3). */
          if (_carport_sim_json_get_string (attributes, "startDateTime") != NULL &&
              (!_carport_sim_parse_iso8601 (_carport_sim_json_get_string (attributes, "startDateTime"), &start_at) ||
               start_at <= now))
            {
              reply_bad_body (msg, "attributes.startDateTime must be a date and time in the future");
              return;
            }
        }
      else
        kind = CARPORT_SIM_CMD_HVAC_STOP;
    }
  else if (kind == CARPORT_SIM_CMD_CHARGE_START)
    {
      static const char * const values[] = { "start", "stop", NULL };
      const char *value = choice (msg, attributes, "action", values);

      if (value == NULL)
        return;
      if (g_str_equal (value, "stop"))
        {
          kind = CARPORT_SIM_CMD_CHARGE_STOP;
          service = "303";
        }
    }
  else if (kind == CARPORT_SIM_CMD_HORN_LIGHTS)
    {
      static const char * const values[] = { "start", "stop", "double_start", NULL };
      static const char * const targets[] = { "horn_lights", "lights", "horn", NULL };

      if (choice (msg, attributes, "action", values) == NULL ||
          choice (msg, attributes, "target", targets) == NULL)
        return;
    }

  if (service != NULL &&
      (g_str_equal (service, "hvac") ? !(has_service (car, "366") || has_service (car, "307") ||
                                         has_service (car, "2042"))
                                     : !has_service (car, service)))
    {
      reply_forbidden (msg);
      return;
    }

  command = carport_sim_car_queue_command (car, kind, actions[i].type, now);
  command->temperature = temperature;
  command->start_at = start_at;

  outer = json_object_new ();
  answer = json_object_new ();
  json_object_set_string_member (answer, "type", actions[i].type);
  json_object_set_string_member (answer, "id", command->id);
  json_object_set_object_member (answer, "attributes",
                                 attributes ? json_object_ref (attributes) : json_object_new ());
  json_object_set_object_member (outer, "data", answer);
  json_node_take_object (root, outer);
  _carport_sim_reply_json (msg, SOUP_STATUS_OK, CARPORT_SIM_CT_JSON_API, root);
}

/* The error a scenario's "deny" gives @endpoint ("403", "404009", …). */
static gboolean
reply_denied (CarportSimCar     *car,
              SoupServerMessage *msg,
              const char        *endpoint)
{
  const char *code;
  guint status;

  if (g_hash_table_contains (car->allowed, endpoint))
    return FALSE;
  code = g_hash_table_lookup (car->denied, endpoint);
  if (code == NULL)
    return FALSE;
  status = (guint) g_ascii_strtoull (code, NULL, 10);
  while (status >= 1000)
    status /= 10;
  _carport_sim_reply_nissan_error (msg, status >= 400 && status < 600 ? status : 500, code, NULL, NULL);
  return TRUE;
}

/**
 * _carport_sim_nissan_car_handle:
 * @version: the N of vN
 * @endpoint: the path after the VIN ("battery-status", "actions/hvac-start")
 *
 * Answers a car request on the car-adapter or bff-web; the caller has
 * checked the token and that the car is the user's.
 */
void
_carport_sim_nissan_car_handle (CarportSimCar           *car,
                                SoupServerMessage       *msg,
                                CarportSimNissanCarHost  host,
                                guint                    version,
                                const char              *endpoint,
                                GHashTable              *query)
{
  const NissanModel *m = NM (car);
  gboolean post = g_str_equal (soup_server_message_get_method (msg), "POST");
  gboolean flat = wants_flat (msg);
  gint64 now = g_get_real_time ();
  JsonObject *a = NULL;

  carport_sim_car_advance (car, now);
  if (reply_denied (car, msg, endpoint))
    return;

  if (host == CARPORT_SIM_NISSAN_HOST_BFF)
    {
      if (post || version != 3 || !g_str_equal (endpoint, "battery-status"))
        _carport_sim_reply_nissan_error (msg, 404, "404", "Not Found", NULL);
      else if (g_hash_table_lookup (query, "canGen") == NULL)
        _carport_sim_reply_nissan_error (msg, 400, "400", "Bad Request", "canGen is required");
      else if (!(m->flags & N_BATTERY_V3))
        reply_unsupported (msg);
      else
        reply_read (car, msg, battery_v3 (car), FALSE);
      return;
    }

  if (g_str_has_prefix (endpoint, "actions/"))
    {
      if (!post || version != 1)
        _carport_sim_reply_nissan_error (msg, 405, "405", "Method Not Allowed", NULL);
      else
        act (car, msg, endpoint + strlen ("actions/"), now);
      return;
    }
  if (post)
    {
      _carport_sim_reply_nissan_error (msg, 405, "405", "Method Not Allowed", NULL);
      return;
    }
  if (car->quirk_privacy_on && (g_str_equal (endpoint, "location") || g_str_equal (endpoint, "trip-history")))
    {
      _carport_sim_reply_nissan_error (msg, 403, "403009", "Forbidden action", "Privacy mode currently ON");
      return;
    }

  if (g_str_equal (endpoint, "battery-status"))
    {
      if (version == 1 && (m->flags & (N_BATTERY_V1 | N_BATTERY_V1_PARTIAL | N_BATTERY_V1_RANGE)))
        a = battery_v1 (car);
      else if (version == 2 && (m->flags & N_BATTERY_V2))
        {
          /* the car-adapter v2 answers flat, whatever the Accept */
          reply_read (car, msg, battery_v2 (car), TRUE);
          return;
        }
      else if (version == 1 || version == 2)
        {
          reply_unsupported (msg);
          return;
        }
    }
  else if (g_str_equal (endpoint, "cockpit"))
    {
      if ((version == 1 && (m->flags & N_COCKPIT_V1)) || (version == 2 && (m->flags & N_COCKPIT_V2)))
        a = cockpit (car);
      else if (version == 1 || version == 2)
        {
          reply_unsupported (msg);
          return;
        }
    }
  else if (version == 1 && g_str_equal (endpoint, "location"))
    {
      if (!has_service (car, "12"))
        {
          reply_forbidden (msg);
          return;
        }
      a = location (car);
    }
  else if (version == 1 && g_str_equal (endpoint, "hvac-status"))
    {
      if (!has_service (car, "366") && !has_service (car, "307") && !has_service (car, "2042"))
        {
          reply_forbidden (msg);
          return;
        }
      a = hvac_status (car);
    }
  else if (version == 1 && g_str_equal (endpoint, "lock-status"))
    {
      if (m->lock_status == 404 || (m->lock_status == 0 && !has_service (car, "2021")))
        {
          _carport_sim_reply_nissan_error (msg, 404, "404", "Not Found", NULL);
          return;
        }
      if (m->lock_status != 0)
        {
          reply_forbidden (msg);
          return;
        }
      a = lock_status (car);
    }
  else if (version == 1 && g_str_equal (endpoint, "trip-history"))
    {
      if (!has_service (car, "235"))
        {
          reply_forbidden (msg);
          return;
        }
      a = trip_history (car, msg, query);
      if (a == NULL)
        return;
    }

  if (a == NULL)
    _carport_sim_reply_nissan_error (msg, 404, "404", "Not Found", NULL);
  else
    reply_read (car, msg, a, flat);
}

/* ------------------------------------------------------------------------ */
/* Action status and notifications                                          */
/* ------------------------------------------------------------------------ */

static const char *
rejection_code (const CarportSimCommand *command)
{
  switch (command->failure)
    {
    case CARPORT_SIM_FAILURE_UNPLUGGED:
      return "12";
    case CARPORT_SIM_FAILURE_WRONG_PIN:
      return "SRP_WRONG_PIN";
    case CARPORT_SIM_FAILURE_PIN_LOCKED_OUT:
      return "SRP_LOCKED";
    case CARPORT_SIM_FAILURE_NONE:
    case CARPORT_SIM_FAILURE_SOC_THRESHOLD:
    default:
      return "13";
    }
}

/**
 * _carport_sim_nissan_action_status:
 *
 * The first poll of an action answers 404 (not indexed yet, api-nissan.md §4.1), the next
 * ones PENDING until the command delay has passed, then COMPLETED or
 * REJECTED with an errorCode.
 */
void
_carport_sim_nissan_action_status (CarportSimCar     *car,
                                   SoupServerMessage *msg,
                                   const char        *action_id)
{
  CarportSimCommand *command = carport_sim_car_find_command (car, action_id);
  g_autoptr(JsonNode) root = NULL;
  JsonObject *outer, *data, *a;
  const char *status;
  gboolean failed_pin;

  carport_sim_car_advance (car, g_get_real_time ());
  if (command == NULL || command->polls++ == 0)
    {
      _carport_sim_reply_text (msg, SOUP_STATUS_NOT_FOUND, CARPORT_SIM_CT_JSON,
                               "{\"errors\":[{\"code\":\"404\",\"title\":\"Not found exception\","
                               "\"detail\":\"No action(s) found for this vehicle\"}]}");
      return;
    }
  failed_pin = command->failure == CARPORT_SIM_FAILURE_WRONG_PIN ||
               command->failure == CARPORT_SIM_FAILURE_PIN_LOCKED_OUT;
  /* A refused PIN is FAILED (api-nissan.md §9), other refusals REJECTED. */
  status = !command->applied ? "PENDING"
           : failed_pin ? "FAILED"
           : command->failure != CARPORT_SIM_FAILURE_NONE ? "REJECTED" : "COMPLETED";
  root = json_node_new (JSON_NODE_OBJECT);
  outer = json_object_new ();
  data = json_object_new ();
  a = json_object_new ();
  json_object_set_string_member (a, "status", status);
  json_object_set_string_member (a, "actionType", command->command_type);
  if (command->applied && command->failure != CARPORT_SIM_FAILURE_NONE)
    json_object_set_string_member (a, "errorCode", rejection_code (command));
  /* srp-sets: the challenge, as name/value pairs (§3.4 step 5) */
  if (command->applied && command->srp_b != NULL)
    {
      JsonArray *pairs = json_array_new ();
      const char *names[] = { "srpLoginS", "srpLoginB" };
      const char *values[] = { command->srp_salt, command->srp_b };

      for (guint i = 0; i < G_N_ELEMENTS (names); i++)
        {
          JsonObject *pair = json_object_new ();

          json_object_set_string_member (pair, "name", names[i]);
          json_object_set_string_member (pair, "value", values[i]);
          json_array_add_object_element (pairs, pair);
        }
      json_object_set_array_member (a, "data", pairs);
    }
  json_object_set_string_member (data, "type", "ActionStatus");
  json_object_set_string_member (data, "id", command->id);
  json_object_set_object_member (data, "attributes", a);
  json_object_set_object_member (outer, "data", data);
  json_node_take_object (root, outer);
  _carport_sim_reply_json (msg, SOUP_STATUS_OK, CARPORT_SIM_CT_JSON, root);
}

/**
 * _carport_sim_nissan_add_messages:
 *
 * Appends one notification per finished command, newest first (api-nissan.md §3.5).
 */
void
_carport_sim_nissan_add_messages (CarportSimCar *car,
                                  JsonArray     *messages)
{
  carport_sim_car_advance (car, g_get_real_time ());
  for (guint i = car->commands->len; i > 0; i--)
    {
      CarportSimCommand *command = g_ptr_array_index (car->commands, i - 1);
      gboolean failed = command->failure != CARPORT_SIM_FAILURE_NONE;
      JsonObject *m;
      JsonArray *data;
      JsonObject *item;
      g_autofree char *title = NULL;

      if (!command->applied)
        continue;
      m = json_object_new ();
      title = g_strdup_printf ("%s %s", command->command_type, failed ? "failed" : "done");
      json_object_set_string_member (m, "notificationId", command->id);
      json_object_set_string_member (m, "messageTitle", title);
      json_object_set_string_member (m, "messageSubtitle", car->name);
      json_object_set_string_member (m, "messageDescription",
                                     failed ? carport_sim_command_failure_message (command)
                                            : "The vehicle carried out the command.");
      json_object_set_string_member (m, "categoryKey", "remote.command");
      json_object_set_string_member (m, "ruleKey", failed ? "command.failure" : "command.success");
      json_object_set_string_member (m, "notificationKey",
                                     command->kind == CARPORT_SIM_CMD_CHARGE_START && failed ? "charge.failure"
                                     : command->kind == CARPORT_SIM_CMD_HVAC_START ? "hvac.autostart"
                                     : "command.result");
      json_object_set_int_member (m, "priority", failed ? 2 : 1);
      json_object_set_string_member (m, "status", "UNREAD");
      _carport_sim_set_time (m, "timestamp", command->due);
      data = json_array_new ();
      item = json_object_new ();
      json_object_set_string_member (item, "name", "actionId");
      json_object_set_string_member (item, "type", "String");
      json_object_set_string_member (item, "value", command->id);
      json_array_add_object_element (data, item);
      json_object_set_array_member (m, "data", data);
      json_object_set_object_member (m, "metadata", json_object_new ());
      json_array_add_object_element (messages, m);
    }
}
