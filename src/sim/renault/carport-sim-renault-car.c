/* carport-sim-renault-car.c — a Renault car's Kamereon answers: reads, routing, garage
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Renders a CarportSimCar as the Kamereon-commerce car-adapter (KCA), KCM and
 * vehicle endpoints of docs/api-renault.md; the actions are in
 * carport-sim-renault-actions.c, the models in carport-sim-renault-model.c.
 */

#define G_LOG_DOMAIN "carport-sim"

#include "config.h"

#include <math.h>
#include <string.h>

#include "carport-sim-util.h"
#include "carport-sim-renault-car.h"

#define NOT_FOUND CARPORT_SIM_NOT_FOUND

void
_carport_sim_renault_reply_denial (SoupServerMessage *msg,
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

void
_carport_sim_renault_reply_invalid (SoupServerMessage *msg,
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

  if (type != NULL && !(g_str_equal (type, "Car") && (RM (self)->flags & MODEL_NO_DATA_TYPE)))
    json_object_set_string_member (data, "type", type);
  json_object_set_string_member (data, "id", self->vin);
  if (attributes != NULL)
    json_object_set_object_member (data, "attributes", attributes);
  json_object_set_object_member (outer, "data", data);
  json_node_take_object (root, outer);
  return root;
}

static JsonNode *
read_gateway (CarportSimCar *self)
{
  const CarportSimRenaultModel *m = RM (self);
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
  CarportSimRenaultModelFlags flags = RM (self)->flags;
  g_autofree char *stamp = _carport_sim_iso8601 (self->battery_time, RM (self)->offset_minutes, FALSE);
  gboolean charging = self->charge == CARPORT_SIM_CHARGE_CHARGING;

  json_object_set_string_member (a, "timestamp", stamp);
  json_object_set_int_member (a, "batteryLevel", (gint64) floor (self->level));
  if (flags & MODEL_BATTERY_TEMP)
    json_object_set_int_member (a, "batteryTemperature", 20);
  json_object_set_int_member (a, "batteryAutonomy",
                              (gint64) round (self->level / 100.0 * RM (self)->range_km));
  if (!(flags & MODEL_R5_BATTERY))
    {
      json_object_set_int_member (a, "batteryCapacity", 0);
      json_object_set_int_member (a, "batteryAvailableEnergy",
                                  (flags & MODEL_NO_ENERGY) ? 0 :
                                  (gint64) round (self->level / 100.0 * RM (self)->capacity_kwh));
    }
  json_object_set_int_member (a, "plugStatus", self->plugged ? 1 : 0);
  json_object_set_double_member (a, "chargingStatus", carport_sim_car_charging_status (self));
  if (charging || (flags & MODEL_R5_BATTERY))
    json_object_set_int_member (a, "chargingRemainingTime", charging ? carport_sim_car_remaining_minutes (self) : 0);
  if (charging && (flags & MODEL_R5_BATTERY))
    _carport_sim_set_time (a, "chargingRemainingTimeLastUpdateDateTime", self->battery_time);
  if (charging && !(flags & MODEL_R5_BATTERY))
    json_object_set_double_member (a, "chargingInstantaneousPower", RM (self)->charge_power);
  if (flags & MODEL_R5_BATTERY)
    json_object_set_int_member (a, "V2L_SystemStatusDisplay", 0);
  return envelope (self, "Car", a);
}

static JsonNode *
read_cockpit (CarportSimCar *self)
{
  JsonObject *a = json_object_new ();
  CarportSimRenaultModelFlags flags = RM (self)->flags;
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
    _carport_sim_set_time (a, "timestamp", self->battery_time);
  return envelope (self, "Car", a);
}

static JsonNode *
read_location (CarportSimCar *self)
{
  JsonObject *a = json_object_new ();

  if (RM (self)->flags & MODEL_GPS_DIRECTION)
    json_object_set_null_member (a, "gpsDirection");
  json_object_set_double_member (a, "gpsLatitude", self->latitude);
  json_object_set_double_member (a, "gpsLongitude", self->longitude);
  _carport_sim_set_time (a, "lastUpdateTime", self->location_time);
  return envelope (self, "Car", a);
}

static JsonNode *
read_hvac_status (CarportSimCar *self)
{
  JsonObject *a = json_object_new ();
  CarportSimRenaultModelFlags flags = RM (self)->flags;

  if (flags & MODEL_HVAC_EXTERNAL)
    json_object_set_double_member (a, "externalTemperature", self->external_temperature);
  if (flags & MODEL_HVAC_INTERNAL)
    json_object_set_double_member (a, "internalTemperature",
                                   self->hvac_on ? self->internal_temperature : self->external_temperature + 2.0);
  json_object_set_string_member (a, "hvacStatus", self->hvac_on ? "on" : "off");
  if (flags & MODEL_HVAC_SOC_THRESHOLD)
    json_object_set_double_member (a, "socThreshold", self->spec.soc_threshold);
  if (self->planned_hvac_at != 0)
    _carport_sim_set_time (a, "nextHvacStartDate", self->planned_hvac_at);
  if (!(flags & MODEL_HVAC_NO_TIMESTAMP))
    _carport_sim_set_time (a, "lastUpdateTime", self->hvac_time);
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

  if (RM (self)->flags & MODEL_OLD_CHARGE_MODE)
    json_object_set_string_member (a, "chargeMode", always ? "always_charging" : "schedule_mode");
  else
    json_object_set_string_member (a, "chargeMode", always ? "always" : "scheduled");
  return envelope (self, "Car", a);
}

static JsonNode *
read_charging_settings (CarportSimCar *self)
{
  JsonObject *a = json_object_new ();

  _carport_sim_set_time (a, "dateTime", self->charging_settings_time);
  /* A charge told to start later (charge/start with a startDateTime). */
  if (self->planned_charge_at != 0)
    {
      json_object_set_string_member (a, "mode", "delayed");
      _carport_sim_set_time (a, "startDateTime", self->planned_charge_at);
    }
  else
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

  for (guint d = 0; d < G_N_ELEMENTS (carport_sim_days); d++)
    {
      JsonArray *slots = json_array_new ();

      for (guint i = 0; i < json_array_get_length (self->charge_schedules); i++)
        {
          JsonObject *schedule = json_array_get_object_element (self->charge_schedules, i);
          JsonObject *day = _carport_sim_json_get_object (schedule, carport_sim_days[d]);
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
      /* every day is listed, one without a slot as [] (as in the real calendar) */
      json_object_set_array_member (calendar, carport_sim_days[d], slots);
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
  _carport_sim_set_time (a, "lastUpdateTime", self->lock_time);
  return envelope (self, "Car", a);
}

static JsonNode *
read_res_state (CarportSimCar *self)
{
  JsonObject *a = json_object_new ();

  json_object_set_string_member (a, "details", self->engine_running ? "Running" : "Stopped, ready for RES");
  json_object_set_string_member (a, "code", self->engine_running ? "42" : "10");
  return envelope (self, "ResState", a);
}

static JsonNode *
read_pressure (CarportSimCar *self)
{
  JsonObject *a = json_object_new ();
  gboolean puncture = (RM (self)->flags & MODEL_SLOW_PUNCTURE) != 0;
  /* A slow puncture loses 10 mbar an hour of the day, down to 1.6 bar. */
  gint64 rear_left = puncture ? 1850 - 10 * (g_get_real_time () / G_TIME_SPAN_HOUR % 24) : 2410;

  json_object_set_int_member (a, "flPressure", 2500);
  json_object_set_int_member (a, "frPressure", 2490);
  json_object_set_int_member (a, "rlPressure", rear_left);
  json_object_set_int_member (a, "rrPressure", 2420);
  json_object_set_int_member (a, "flStatus", 0);
  json_object_set_int_member (a, "frStatus", 0);
  json_object_set_int_member (a, "rlStatus", puncture ? 1 : 0);
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
          _carport_sim_renault_reply_invalid (msg, "Pattern", "must be day or month", "type");
          return FALSE;
        }
      *month = g_str_equal (type, "month");
    }
  length = *month ? 6 : 8;
  if (!is_digits (*start, length) || !is_digits (*end, length))
    {
      _carport_sim_renault_reply_invalid (msg, "Pattern", *month ? "must be YYYYMM" : "must be YYYYMMDD", "start");
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
  gboolean minutes = (RM (self)->flags & MODEL_DURATION_MINUTES) != 0;
  gboolean zoe1 = (RM (self)->flags & MODEL_POWER_IN_WATTS) != 0;

  if (!history_range (msg, query, FALSE, &month, &start, &end))
    return NULL;

  a = json_object_new ();
  charges = json_array_new ();
  for (guint i = 0; i < self->sessions->len; i++)
    {
      CarportSimChargeSession *s = &g_array_index (self->sessions, CarportSimChargeSession, i);
      g_autofree char *day = day_key (s->start, FALSE);
      JsonObject *c;
      gint64 seconds = (s->end - s->start) / G_USEC_PER_SEC;
      double recovered = s->end_level - s->start_level;

      if (strcmp (day, start) < 0 || strcmp (day, end) > 0)
        continue;
      c = json_object_new ();
      _carport_sim_set_time (c, "chargeStartDate", s->start);
      _carport_sim_set_time (c, "chargeEndDate", s->end);
      json_object_set_int_member (c, "chargeDuration", minutes ? (seconds + 30) / 60 : seconds);
      json_object_set_int_member (c, "chargeStartBatteryLevel", (gint64) floor (s->start_level));
      json_object_set_int_member (c, "chargeEndBatteryLevel", (gint64) floor (s->end_level));
      if (zoe1)
        {
          json_object_set_int_member (c, "chargeBatteryLevelRecovered", (gint64) floor (recovered));
          json_object_set_string_member (c, "chargePower", "slow");
          json_object_set_int_member (c, "chargeStartInstantaneousPower", (gint64) RM (self)->charge_power);
        }
      else
        {
          json_object_set_double_member (c, "chargeEnergyRecovered",
                                         round (recovered / 100.0 * RM (self)->capacity_kwh * 10.0) / 10.0);
        }
      json_object_set_string_member (c, "chargeEndStatus", s->ok ? "ok" : "error");
      json_array_add_object_element (charges, c);
    }
  json_object_set_array_member (a, "charges", charges);
  return envelope (self, "Car", a);
}

/* The simulated climate use: the car warms for its driver for ten minutes,
 * from a quarter of an hour before each charge ends. Wire names of
 * hvac-history and hvac-sessions as Carport reads them (api-renault.md §c.3,
 * [unsure]: no recorded answer has any). */
#define CLIMATE_LEAD CARPORT_SIM_SECONDS (15 * 60)
#define CLIMATE_MINUTES 10

static gint64
session_start (CarportSimChargeSession *s,
               gboolean                 climate)
{
  return climate ? s->end - CLIMATE_LEAD : s->start;
}

/* charge-history (@climate FALSE) or hvac-history: one summary per day or
 * month with sessions, newest first as the recorded answers are. */
static JsonNode *
read_summaries (CarportSimCar     *self,
                SoupServerMessage *msg,
                GHashTable        *query,
                gboolean           climate)
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
  for (guint i = self->sessions->len; i > 0; i--)
    {
      CarportSimChargeSession *s = &g_array_index (self->sessions, CarportSimChargeSession, i - 1);
      g_autofree char *key = day_key (session_start (s, climate), month);
      gint64 count = 0, minutes = 0, errors = 0;
      JsonObject *summary;

      if (strcmp (key, start) < 0 || strcmp (key, end) > 0)
        continue;
      if (g_ptr_array_find_with_equal_func (keys, key, g_str_equal, NULL))
        continue;
      for (guint j = 0; j < self->sessions->len; j++)
        {
          CarportSimChargeSession *t = &g_array_index (self->sessions, CarportSimChargeSession, j);
          g_autofree char *other = day_key (session_start (t, climate), month);

          if (!g_str_equal (other, key))
            continue;
          count++;
          minutes += climate ? CLIMATE_MINUTES : (t->end - t->start) / CARPORT_SIM_SECONDS (60);
          errors += t->ok || climate ? 0 : 1;
        }
      summary = json_object_new ();
      json_object_set_string_member (summary, month ? "month" : "day", key);
      json_object_set_int_member (summary, climate ? "totalHvacSessionsNumber" : "totalChargesNumber", count);
      json_object_set_int_member (summary, climate ? "totalHvacSessionsDuration" : "totalChargesDuration", minutes);
      if (!climate)
        json_object_set_int_member (summary, "totalChargesErrors", errors);
      json_array_add_object_element (summaries, summary);
      g_ptr_array_add (keys, g_steal_pointer (&key));
    }
  json_object_set_array_member (a, climate ? "hvacSessionsSummaries" : "chargeSummaries", summaries);
  return envelope (self, "Car", a);
}

static JsonNode *
read_charge_history (CarportSimCar     *self,
                     SoupServerMessage *msg,
                     GHashTable        *query)
{
  return read_summaries (self, msg, query, FALSE);
}

static JsonNode *
read_hvac_history (CarportSimCar     *self,
                   SoupServerMessage *msg,
                   GHashTable        *query)
{
  return read_summaries (self, msg, query, TRUE);
}

static JsonNode *
read_hvac_sessions (CarportSimCar     *self,
                    SoupServerMessage *msg,
                    GHashTable        *query)
{
  const char *start, *end;
  gboolean month;
  JsonObject *a;
  JsonArray *sessions;

  if (!history_range (msg, query, FALSE, &month, &start, &end))
    return NULL;

  a = json_object_new ();
  sessions = json_array_new ();
  for (guint i = 0; i < self->sessions->len; i++)
    {
      gint64 on = session_start (&g_array_index (self->sessions, CarportSimChargeSession, i), TRUE);
      g_autofree char *day = day_key (on, FALSE);
      JsonObject *session;

      if (strcmp (day, start) < 0 || strcmp (day, end) > 0)
        continue;
      session = json_object_new ();
      _carport_sim_set_time (session, "hvacSessionStartDate", on);
      _carport_sim_set_time (session, "hvacSessionEndDate", on + CARPORT_SIM_SECONDS (CLIMATE_MINUTES * 60));
      json_object_set_int_member (session, "hvacSessionDuration", CLIMATE_MINUTES);
      json_array_add_object_element (sessions, session);
    }
  json_object_set_array_member (a, "hvacSessions", sessions);
  return envelope (self, "Car", a);
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

  _carport_sim_set_time (object, "lastEnergyUpdateTimestamp", self->soc_time);
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

  if (RM (self)->flags & MODEL_PHEV)
    {
      JsonObject *alert = json_object_new ();
      g_autofree char *created = _carport_sim_iso8601 (g_get_real_time () - CARPORT_SIM_SECONDS (5 * 86400), 0, TRUE);

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
      json_object_set_string_member (alert, "modelCode", RM (self)->gateway_model);
      json_object_set_string_member (alert, "creationDateTime", created);
      json_object_set_int_member (alert, "status", 0);
      json_array_add_object_element (alerts, alert);
    }
  json_node_take_array (root, alerts);
  return root;
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
typedef CarportSimRenaultActFunc ActionFunc;

typedef struct {
  const char    *name;
  const char    *adapter;
  Versions       versions;       /* kca only */
  ReadFunc       read;
  QueryReadFunc  query_read;
  ActionFunc     act;
} EndpointDef;

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
  { "hvac-history", "kca", V1, NULL, read_hvac_history, NULL },
  { "hvac-sessions", "kca", V1, NULL, read_hvac_sessions, NULL },
  { "actions/hvac-start", "kca", V1, NULL, NULL, _carport_sim_renault_act_hvac_start },
  { "actions/charging-start", "kca", V1, NULL, NULL, _carport_sim_renault_act_charging_start },
  { "actions/charge-mode", "kca", V1, NULL, NULL, _carport_sim_renault_act_charge_mode },
  { "actions/charge-schedule", "kca", V2, NULL, NULL, _carport_sim_renault_act_charge_schedule },
  { "actions/hvac-schedule", "kca", V2, NULL, NULL, _carport_sim_renault_act_hvac_schedule },
  { "actions/horn-lights", "kca", V1, NULL, NULL, _carport_sim_renault_act_horn_lights },
  { "actions/refresh-location", "kca", V1, NULL, NULL, _carport_sim_renault_act_refresh_location },
  { "actions/refresh-battery-status", "kca", V1, NULL, NULL, _carport_sim_renault_act_refresh_battery },
  { "actions/refresh-hvac-status", "kca", V1, NULL, NULL, _carport_sim_renault_act_refresh_hvac },
  { "actions/srp-initiates", "kca", V1, NULL, NULL, _carport_sim_renault_act_srp_initiates },
  { "actions/srp-sets", "kca", V1, NULL, NULL, _carport_sim_renault_act_srp_sets },
  { "actions/lock-unlock", "kca", V1, NULL, NULL, _carport_sim_renault_act_lock_unlock },
  { "actions/engine-start", "kca", V1, NULL, NULL, _carport_sim_renault_act_engine_start },
  { "ev/settings", "kcm", 0, read_ev_settings, NULL, _carport_sim_renault_act_ev_settings },
  { "ev/soc-levels", "kcm", 0, read_soc_levels, NULL, _carport_sim_renault_act_soc_levels },
  { "charge/start", "kcm", 0, NULL, NULL, _carport_sim_renault_act_kcm_charge_start },
  { "charge/pause-resume", "kcm", 0, NULL, NULL, _carport_sim_renault_act_pause_resume },
  { "charge/schedule", "kcm", 0, NULL, NULL, _carport_sim_renault_act_charge_schedule },
  { "alerts", "vehicles", 0, read_alerts, NULL, NULL },
};

/**
 * _carport_sim_renault_car_handle:
 *
 * Answers a Kamereon request on one of this car's URLs. The caller has
 * checked the key, the JWT, the country and that the car is the person's.
 */
void
_carport_sim_renault_car_handle (CarportSimCar              *self,
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
  code = _carport_sim_renault_denial (self, def->name);
  if (code != NULL)
    {
      _carport_sim_renault_reply_denial (msg, code);
      return;
    }
  if (self->quirk_hvac_403011 && g_str_equal (def->name, "hvac-status"))
    {
      g_autofree char *detail = g_strdup_printf ("Operation not supported for this can (%s)",
                                                 RM (self)->can_generation);
      g_autofree char *nested = _carport_sim_nested_error ("403", "403011", "Operation not supported",
                                                           detail, NULL);

      _carport_sim_reply_kamereon_error (msg, "err.func.403", nested);
      return;
    }

  carport_sim_car_advance (self, now);

  if (is_post)
    {
      SoupMessageBody *body = soup_server_message_get_request_body (msg);
      g_autoptr(JsonNode) node = _carport_sim_json_parse (body->data, (gsize) body->length);
      CarportSimRenaultAction action = { self, msg, node, NULL, NULL, now };

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
 * _carport_sim_renault_build_details:
 *
 * Returns: (transfer full): the vehicleDetails object (api-renault.md §b.4)
 */
JsonNode *
_carport_sim_renault_build_details (CarportSimCar *self)
{
  const CarportSimRenaultModel *m = RM (self);
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
 * _carport_sim_renault_build_link:
 *
 * Returns: (transfer full): one vehicleLinks[] entry (api-renault.md §b.3)
 */
JsonNode *
_carport_sim_renault_build_link (CarportSimCar *self,
                            gboolean       with_details)
{
  JsonNode *root = json_node_new (JSON_NODE_OBJECT);
  JsonObject *link = json_object_new ();
  JsonObject *driver = json_object_new ();

  json_object_set_string_member (link, "brand", RM (self)->brand);
  json_object_set_string_member (link, "vin", self->vin);
  json_object_set_string_member (link, "status", "ACTIVE");
  json_object_set_string_member (link, "linkType", "OWNER");
  json_object_set_string_member (link, "garageBrand", RM (self)->brand);
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
    json_object_set_member (link, "vehicleDetails", _carport_sim_renault_build_details (self));
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
 * _carport_sim_renault_build_contracts:
 *
 * Returns: (transfer full): the top-level array of api-renault.md §b.6
 */
JsonNode *
_carport_sim_renault_build_contracts (CarportSimCar *self)
{
  JsonNode *root = json_node_new (JSON_NODE_ARRAY);
  JsonArray *array = json_array_new ();
  /* Bought 31 months ago: the connected services end in 5 months. */
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) bought = g_date_time_add_months (now, -31);
  g_autoptr(GDateTime) services_end = g_date_time_add_months (bought, 36);
  g_autoptr(GDateTime) warranty_end = g_date_time_add_months (bought, 96);
  g_autofree char *start = g_date_time_format (bought, "%Y-%m-%d");
  g_autofree char *services_until = g_date_time_format (services_end, "%Y-%m-%d");
  g_autofree char *warranty_until = g_date_time_format (warranty_end, "%Y-%m-%d");

  json_array_add_object_element (array, contract ("CONNECTED_SERVICES",
                                                  (RM (self)->flags & MODEL_POWER_IN_WATTS) ? "ZECONNECTP" : "MYRSERV",
                                                  "Z", 36, start, services_until,
                                                  "Connected services 36 months"));
  json_array_add_object_element (array, contract ("WARRANTY", "ManufacturerWarranty", "W", 96,
                                                  start, warranty_until, "Manufacturer warranty"));
  json_node_take_array (root, array);
  return root;
}

void
_carport_sim_renault_reply_picture (CarportSimCar     *self,
                               SoupServerMessage *msg)
{
  g_autofree char *svg = NULL;
  gsize length;

  g_return_if_fail (CARPORT_IS_SIM_CAR (self));

  svg = g_strdup_printf (
    "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"480\" height=\"240\" viewBox=\"0 0 480 240\">"
    "<path d=\"M40 170 L60 120 L150 110 L210 70 L330 70 L390 115 L440 125 L450 170 Z\" fill=\"%s\"/>"
    "<path d=\"M220 80 L320 80 L365 115 L180 115 Z\" fill=\"#cfe3f0\"/>"
    "<circle cx=\"130\" cy=\"172\" r=\"32\" fill=\"#222\"/><circle cx=\"130\" cy=\"172\" r=\"14\" fill=\"#999\"/>"
    "<circle cx=\"360\" cy=\"172\" r=\"32\" fill=\"#222\"/><circle cx=\"360\" cy=\"172\" r=\"14\" fill=\"#999\"/>"
    "<text x=\"240\" y=\"230\" font-family=\"sans-serif\" font-size=\"18\" text-anchor=\"middle\" fill=\"#444\">%s</text>"
    "</svg>",
    RM (self)->colour, RM (self)->label);
  /* The length first: the order of evaluation of the arguments is not
   * defined, and the steal empties @svg. */
  length = strlen (svg);
  _carport_sim_reply_take (msg, SOUP_STATUS_OK, "image/svg+xml", g_steal_pointer (&svg), length);
}

/* ------------------------------------------------------------------------ */
/* Notifications                                                            */
/* ------------------------------------------------------------------------ */

/**
 * _carport_sim_renault_add_notifications:
 * @notification_id: (nullable): only this one; %NULL for all
 *
 * Appends the COMMAND_RESPONSE entries of this car's commands to @array,
 * newest first.
 */
void
_carport_sim_renault_add_notifications (CarportSimCar *self,
                                   JsonArray     *array,
                                   const char    *notification_id,
                                   const char    *person_id,
                                   const char    *user_id)
{
  gint64 now = g_get_real_time ();

  g_return_if_fail (CARPORT_IS_SIM_CAR (self));

  carport_sim_car_advance (self, now);
  for (guint i = self->commands->len; i > 0; i--)
    {
      CarportSimCommand *command = g_ptr_array_index (self->commands, i - 1);
      JsonObject *entry;
      JsonObject *response;
      g_autofree char *date = NULL;
      const char *status;

      if (notification_id != NULL && !g_str_equal (notification_id, command->id))
        continue;
      status = carport_sim_command_status (command);
      date = _carport_sim_local_millis (command->applied ? command->due : command->created);
      entry = json_object_new ();
      json_object_set_string_member (entry, "notificationId", command->id);
      json_object_set_string_member (entry, "notifDate", date);
      json_object_set_string_member (entry, "vin", self->vin);
      json_object_set_string_member (entry, "personId", person_id);
      json_object_set_string_member (entry, "kmrUserId", user_id);
      if (command->srp_b != NULL && command->applied)
        {
          /* The challenge an srp-sets asked for (§e.1). */
          response = json_object_new ();
          json_object_set_string_member (response, "status", "OK");
          json_object_set_string_member (response, "loginB", command->srp_b);
          json_object_set_string_member (response, "loginSalt", command->srp_salt);
          json_object_set_string_member (entry, "actionType", "SRP_SALT_REQUEST");
          json_object_set_object_member (entry, "srpResponse", response);
          json_array_add_object_element (array, entry);
          continue;
        }
      json_object_set_string_member (entry, "actionType", "COMMAND_RESPONSE");
      response = json_object_new ();
      json_object_set_string_member (response, "status", status);
      if (command->failure != CARPORT_SIM_FAILURE_NONE)
        {
          json_object_set_string_member (response, "errorCode",
                                         command->failure == CARPORT_SIM_FAILURE_UNPLUGGED
                                         ? "err.func.charge.unplugged"
                                         : command->failure == CARPORT_SIM_FAILURE_WRONG_PIN
                                         ? "err.func.srp.wrong-pin"
                                         : command->failure == CARPORT_SIM_FAILURE_PIN_LOCKED_OUT
                                         ? "err.func.srp.locked" : "err.func.hvac.soc-threshold");
          json_object_set_string_member (response, "errorMessage", carport_sim_command_failure_message (command));
          /* The simulator's own guess: Renault's wording is not known (§e.2). */
          if (command->failure == CARPORT_SIM_FAILURE_WRONG_PIN)
            json_object_set_int_member (response, "remainingAttempts", command->srp_tries_left);
        }
      json_object_set_object_member (entry, "commandResponse", response);
      json_object_set_string_member (entry, "commandType", command->command_type);
      json_array_add_object_element (array, entry);
    }
}

