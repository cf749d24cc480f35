/* carport-sim-renault-actions.c — a Renault car's Kamereon actions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each action validates its body (JSON:API for KCA and KCM, plain JSON for
 * ev/settings and ev/soc-levels), queues a command on the car and answers
 * with the notification id that the client polls (api-renault.md §c.4, §e.1).
 */

#define G_LOG_DOMAIN "carport-sim"

#include "config.h"

#include <math.h>
#include <string.h>

#include "carport-sim-util.h"
#include "carport-sim-renault-car.h"
/* Actions                                                                  */
/* ------------------------------------------------------------------------ */


/* Checks {"data":{"type":TYPE,"attributes":{…}}}; replies on error. */
static gboolean
parse_action (CarportSimRenaultAction     *action,
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
action_choice (CarportSimRenaultAction             *action,
               const char         *member,
               const char * const *values)
{
  const char *value = _carport_sim_json_get_string (action->attributes, member);
  g_autofree char *pointer = g_strconcat ("/data/attributes/", member, NULL);

  if (value == NULL)
    {
      _carport_sim_renault_reply_invalid (action->msg, "NotNull", "must not be null", pointer);
      return NULL;
    }
  if (!g_strv_contains (values, value))
    {
      g_autofree char *joined = g_strjoinv (", ", (char **) values);
      g_autofree char *detail = g_strdup_printf ("must be one of %s", joined);

      _carport_sim_renault_reply_invalid (action->msg, "Pattern", detail, pointer);
      return NULL;
    }
  return value;
}

/* The optional startDateTime: must parse and lie in the future; replies on error. */
static gboolean
action_start_time (CarportSimRenaultAction *action,
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
      _carport_sim_renault_reply_invalid (action->msg, "DateTime", "must be a date-time such as 2026-01-31T08:30:00Z",
                     "/data/attributes/startDateTime");
      return FALSE;
    }
  if (*start_at <= action->now)
    {
      _carport_sim_renault_reply_invalid (action->msg, "Future", "must be a future date", "/data/attributes/startDateTime");
      return FALSE;
    }
  return TRUE;
}

/* Answers the request echoed back with data.id = the notification id. */
static void
reply_action (CarportSimRenaultAction     *action,
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
check_action_denial (CarportSimRenaultAction     *action,
                     const char *endpoint,
                     const char *value)
{
  g_autofree char *key = g_strconcat (endpoint, ":", value, NULL);
  const char *code = _carport_sim_renault_denial (action->self, key);

  if (code != NULL)
    {
      _carport_sim_renault_reply_denial (action->msg, code);
      return FALSE;
    }
  return TRUE;
}

void
_carport_sim_renault_act_hvac_start (CarportSimRenaultAction *action)
{
  static const char * const values[] = { "start", "cancel", "stop", NULL };
  const char *value;
  CarportSimCommand *command;
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

      /* a number; strings were accepted too (api-renault.md §c.4) */
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
          _carport_sim_renault_reply_invalid (action->msg, "NotNull", "must be a number", "/data/attributes/targetTemperature");
          return;
        }
      if (temperature < 15.0 || temperature > 30.0)
        {
          _carport_sim_renault_reply_invalid (action->msg, "Range", "must be between 15 and 30",
                         "/data/attributes/targetTemperature");
          return;
        }
      if (!action_start_time (action, &start_at))
        return;
      command = carport_sim_car_queue_command (action->self, CARPORT_SIM_CMD_HVAC_START, "HVAC_START", action->now);
      command->temperature = temperature;
      command->start_at = start_at;
    }
  else
    {
      command = carport_sim_car_queue_command (action->self, CARPORT_SIM_CMD_HVAC_STOP, "HVAC_STOP", action->now);
    }
  reply_action (action, command->id);
}

static void
queue_charge (CarportSimRenaultAction   *action,
              gboolean  start,
              gint64    start_at,
              const char *command_type)
{
  CarportSimCommand *command = carport_sim_car_queue_command (action->self, start ? CARPORT_SIM_CMD_CHARGE_START : CARPORT_SIM_CMD_CHARGE_STOP,
                                    command_type, action->now);

  command->start_at = start_at;
  reply_action (action, command->id);
}

void
_carport_sim_renault_act_charging_start (CarportSimRenaultAction *action)
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

void
_carport_sim_renault_act_kcm_charge_start (CarportSimRenaultAction *action)
{
  static const char * const values[] = { "start", NULL };
  gint64 start_at;

  if (!parse_action (action, "ChargingStart", TRUE) ||
      action_choice (action, "action", values) == NULL ||
      !action_start_time (action, &start_at))
    return;
  queue_charge (action, TRUE, start_at, "CHARGE_START");
}

void
_carport_sim_renault_act_pause_resume (CarportSimRenaultAction *action)
{
  static const char * const values[] = { "pause", "resume", NULL };
  const char *value;

  if (!parse_action (action, "ChargePauseResume", TRUE) ||
      (value = action_choice (action, "action", values)) == NULL)
    return;
  queue_charge (action, g_str_equal (value, "resume"), 0,
                g_str_equal (value, "resume") ? "CHARGE_RESUME" : "CHARGE_PAUSE");
}

void
_carport_sim_renault_act_charge_mode (CarportSimRenaultAction *action)
{
  static const char * const values[] = { "always", "always_charging", "schedule_mode", "scheduled", NULL };
  const char *value;
  CarportSimCommand *command;

  if (!parse_action (action, "ChargeMode", TRUE) ||
      (value = action_choice (action, "action", values)) == NULL)
    return;
  if (carport_sim_car_command_pending (action->self, CARPORT_SIM_CMD_CHARGE_MODE))
    {
      _carport_sim_reply_kamereon_error (action->msg, "409001", NULL);
      return;
    }
  command = carport_sim_car_queue_command (action->self, CARPORT_SIM_CMD_CHARGE_MODE, "CHARGE_MODE", action->now);
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
parse_schedules (CarportSimRenaultAction   *action,
                 gboolean  charge)
{
  JsonNode *node = json_object_get_member (action->attributes, "schedules");
  g_autoptr(JsonArray) out = json_array_new ();
  JsonNode *result;
  JsonArray *in;
  guint seen = 0;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      _carport_sim_renault_reply_invalid (action->msg, "NotNull", "must be an array", "/data/attributes/schedules");
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
          id < 1 || id > CARPORT_SIM_N_SCHEDULES || (seen & (1u << id)))
        {
          g_autofree char *pointer = g_strconcat (base, "/id", NULL);

          _carport_sim_renault_reply_invalid (action->msg, "Range", "must be a distinct id from 1 to 5", pointer);
          return NULL;
        }
      seen |= 1u << id;
      activated = json_object_get_member (schedule, "activated");
      if (activated == NULL || !JSON_NODE_HOLDS_VALUE (activated) ||
          json_node_get_value_type (activated) != G_TYPE_BOOLEAN)
        {
          g_autofree char *pointer = g_strconcat (base, "/activated", NULL);

          _carport_sim_renault_reply_invalid (action->msg, "NotNull", "must be true or false", pointer);
          return NULL;
        }
      copy = json_object_new ();
      json_object_set_int_member (copy, "id", id);
      json_object_set_boolean_member (copy, "activated", json_node_get_boolean (activated));
      for (guint d = 0; d < G_N_ELEMENTS (carport_sim_days); d++)
        {
          JsonNode *day_node = json_object_get_member (schedule, carport_sim_days[d]);
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
              pointer = g_strdup_printf ("%s/%s/%s", base, carport_sim_days[d], charge ? "startTime" : "readyAtTime");
              json_object_unref (copy);
              _carport_sim_renault_reply_invalid (action->msg, "Pattern", "must be THH:MMZ (UTC)", pointer);
              return NULL;
            }
          if (charge && (!_carport_sim_json_get_int (day, "duration", &duration) ||
                         duration < 1 || duration > 1440))
            {
              pointer = g_strdup_printf ("%s/%s/duration", base, carport_sim_days[d]);
              json_object_unref (copy);
              _carport_sim_renault_reply_invalid (action->msg, "Range", "must be a number of minutes from 1 to 1440", pointer);
              return NULL;
            }
          slot = json_object_new ();
          json_object_set_string_member (slot, charge ? "startTime" : "readyAtTime", time);
          if (charge)
            json_object_set_int_member (slot, "duration", duration);
          json_object_set_object_member (copy, carport_sim_days[d], slot);
        }
      json_array_add_object_element (out, copy);
    }
  result = json_node_new (JSON_NODE_ARRAY);
  json_node_set_array (result, out);
  return result;
}

static void
act_schedule (CarportSimRenaultAction   *action,
              gboolean  charge)
{
  CarportSimCommand *command;
  JsonNode *schedules;

  if (!parse_action (action, charge ? "ChargeSchedule" : "HvacSchedule", TRUE))
    return;
  schedules = parse_schedules (action, charge);
  if (schedules == NULL)
    return;
  command = carport_sim_car_queue_command (action->self, charge ? CARPORT_SIM_CMD_CHARGE_SCHEDULE : CARPORT_SIM_CMD_HVAC_SCHEDULE,
                           charge ? "CHARGE_SCHEDULE" : "HVAC_SCHEDULE", action->now);
  command->schedules = schedules;
  reply_action (action, command->id);
}

void
_carport_sim_renault_act_charge_schedule (CarportSimRenaultAction *action)
{
  act_schedule (action, TRUE);
}

void
_carport_sim_renault_act_hvac_schedule (CarportSimRenaultAction *action)
{
  act_schedule (action, FALSE);
}

void
_carport_sim_renault_act_horn_lights (CarportSimRenaultAction *action)
{
  static const char * const actions[] = { "start", "stop", "double_start", NULL };
  static const char * const targets[] = { "horn", "lights", "horn_lights", NULL };
  const char *target;
  CarportSimCommand *command;

  if (!parse_action (action, "HornLights", TRUE) ||
      action_choice (action, "action", actions) == NULL ||
      (target = action_choice (action, "target", targets)) == NULL)
    return;
  command = carport_sim_car_queue_command (action->self, CARPORT_SIM_CMD_HORN_LIGHTS,
                           g_str_equal (target, "horn") ? "HORN" :
                           g_str_equal (target, "lights") ? "LIGHTS" : "HORN_LIGHTS",
                           action->now);
  reply_action (action, command->id);
}

static void
act_refresh (CarportSimRenaultAction      *action,
             const char  *type,
             CarportSimCommandKind  kind,
             const char  *command_type)
{
  CarportSimCommand *command;

  if (!parse_action (action, type, FALSE))
    return;
  command = carport_sim_car_queue_command (action->self, kind, command_type, action->now);
  reply_action (action, command->id);
}

void
_carport_sim_renault_act_refresh_location (CarportSimRenaultAction *action)
{
  act_refresh (action, "RefreshLocation", CARPORT_SIM_CMD_REFRESH_LOCATION, "REFRESH_LOCATION");
}

void
_carport_sim_renault_act_refresh_battery (CarportSimRenaultAction *action)
{
  act_refresh (action, "RefreshBatteryStatus", CARPORT_SIM_CMD_REFRESH_BATTERY, "REFRESH_BATTERY_STATUS");
}

void
_carport_sim_renault_act_refresh_hvac (CarportSimRenaultAction *action)
{
  act_refresh (action, "RefreshHvacStatus", CARPORT_SIM_CMD_REFRESH_HVAC, "REFRESH_HVAC_STATUS");
}

static gboolean
is_hhmm (const char *text)
{
  return text != NULL && strlen (text) == 5 && text[2] == ':' &&
         g_ascii_isdigit (text[0]) && g_ascii_isdigit (text[1]) &&
         g_ascii_isdigit (text[3]) && g_ascii_isdigit (text[4]) &&
         (text[0] - '0') * 10 + (text[1] - '0') < 24 && (text[3] - '0') * 10 + (text[4] - '0') < 60;
}

/* KCM ev/settings POST: plain JSON, the whole settings object (api-renault.md §c.4). */
void
_carport_sim_renault_act_ev_settings (CarportSimRenaultAction *action)
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
      _carport_sim_renault_reply_invalid (action->msg, "Pattern", "must be ALWAYS or SCHEDULED", "/chargeModeRq");
      return;
    }
  if (json_object_has_member (posted, "chargeTimeStart") &&
      !is_hhmm (_carport_sim_json_get_string (posted, "chargeTimeStart")))
    {
      _carport_sim_renault_reply_invalid (action->msg, "Pattern", "must be HH:MM", "/chargeTimeStart");
      return;
    }
  programs_node = json_object_get_member (posted, "programs");
  if (programs_node != NULL)
    {
      JsonArray *programs = JSON_NODE_HOLDS_ARRAY (programs_node) ? json_node_get_array (programs_node) : NULL;

      if (programs == NULL)
        {
          _carport_sim_renault_reply_invalid (action->msg, "NotNull", "must be an array", "/programs");
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
              _carport_sim_renault_reply_invalid (action->msg, "Invalid", "invalid program", pointer);
              return;
            }
        }
    }

  json_object_iter_init (&iter, posted);
  while (json_object_iter_next (&iter, &member, &node))
    if (!g_str_equal (member, "lastSettingsUpdateTimestamp"))
      json_object_set_member (self->ev_settings, member, json_node_copy (node));

  /* No active charge program means "charge now" (api-renault.md §c.4). */
  always = carport_sim_car_ev_settings_always (self->ev_settings);
  json_object_set_string_member (self->ev_settings, "chargeModeRq", always ? "ALWAYS" : "SCHEDULED");
  stamp = _carport_sim_iso8601 (action->now, 0, TRUE);
  json_object_set_string_member (self->ev_settings, "lastSettingsUpdateTimestamp", stamp);
  g_free (self->charge_mode);
  self->charge_mode = g_strdup (always ? "always" : "scheduled");
  carport_sim_car_queue_command (self, CARPORT_SIM_CMD_EV_SETTINGS, "EV_SETTINGS", action->now);

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

/* KCM ev/soc-levels POST: plain {"socMin","socTarget"} (api-renault.md §c.4). */
void
_carport_sim_renault_act_soc_levels (CarportSimRenaultAction *action)
{
  JsonObject *posted = JSON_NODE_HOLDS_OBJECT (action->body) ? json_node_get_object (action->body) : NULL;
  gint64 soc_min, soc_target;
  double number;
  CarportSimCommand *command;
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
      _carport_sim_renault_reply_invalid (action->msg, "NotNull", "must be an integer", "/socMin");
      return;
    }
  soc_min = (gint64) number;
  if (!_carport_sim_json_get_number (posted, "socTarget", &number) || number != floor (number))
    {
      _carport_sim_renault_reply_invalid (action->msg, "NotNull", "must be an integer", "/socTarget");
      return;
    }
  soc_target = (gint64) number;
  if (soc_min < 15 || soc_min > 45 || soc_min % 5 != 0)
    {
      _carport_sim_renault_reply_invalid (action->msg, "Range", "must be between 15 and 45, in steps of 5", "/socMin");
      return;
    }
  if (soc_target < 55 || soc_target > 100 || soc_target % 5 != 0)
    {
      _carport_sim_renault_reply_invalid (action->msg, "Range", "must be between 55 and 100, in steps of 5", "/socTarget");
      return;
    }

  command = carport_sim_car_queue_command (action->self, CARPORT_SIM_CMD_SOC_LEVELS, "SOC_SYNCH", action->now);
  command->soc_min = (int) soc_min;
  command->soc_target = (int) soc_target;

  answer = json_object_new ();
  json_object_set_string_member (answer, "commandId", command->id);
  json_object_set_string_member (answer, "type", "SOC_SYNCH");
  json_object_set_string_member (answer, "status", "CREATED");
  json_node_take_object (root, answer);
  _carport_sim_reply_json (action->msg, SOUP_STATUS_OK, CARPORT_SIM_CT_JSON, root);
}


/* SRP (§e.2): srp-initiates enrols the PIN's salt and verifier, srp-sets
 * asks for a challenge (its notification carries loginSalt and loginB), and
 * lock-unlock carries the proof bound to "<VIN>/RLU/Lock" or "…/Unlock",
 * engine-start the one bound to "<VIN>/RES/Start" or "…/RES/Stop". */
void
_carport_sim_renault_act_srp_initiates (CarportSimRenaultAction *action)
{
  CarportSimCommand *command;

  if (!parse_action (action, "SrpInitiates", TRUE))
    return;
  if (!carport_sim_srp_enrol (action->self->srp,
                              _carport_sim_json_get_string (action->attributes, "i"),
                              _carport_sim_json_get_string (action->attributes, "s"),
                              _carport_sim_json_get_string (action->attributes, "v")))
    {
      _carport_sim_renault_reply_invalid (action->msg, "Pattern", "must be hex: s (salt), v (verifier), and i",
                                          "/data/attributes");
      return;
    }
  command = carport_sim_car_queue_command (action->self, CARPORT_SIM_CMD_SRP_INITIATES, "SRP_INITIATES", action->now);
  reply_action (action, command->id);
}

void
_carport_sim_renault_act_srp_sets (CarportSimRenaultAction *action)
{
  g_autofree char *salt = NULL;
  g_autofree char *b = NULL;
  CarportSimCommand *command;

  if (!parse_action (action, "SrpSets", TRUE))
    return;
  if (!carport_sim_srp_challenge (action->self->srp,
                                  _carport_sim_json_get_string (action->attributes, "i"),
                                  _carport_sim_json_get_string (action->attributes, "a"),
                                  &salt, &b))
    {
      _carport_sim_reply_kamereon_error (action->msg, "err.func.403",
                                         carport_sim_srp_is_enrolled (action->self->srp)
                                         ? "No challenge for this user: A is invalid"
                                         : "No PIN is set for this car");
      return;
    }
  command = carport_sim_car_queue_command (action->self, CARPORT_SIM_CMD_SRP_SETS, "SRP_SETS", action->now);
  /* The challenge is ready at once: no car is asked. */
  command->due = action->now;
  command->srp_salt = g_steal_pointer (&salt);
  command->srp_b = g_steal_pointer (&b);
  reply_action (action, command->id);
}

void
_carport_sim_renault_act_lock_unlock (CarportSimRenaultAction *action)
{
  static const char * const actions[] = { "lock", "unlock", NULL };
  static const char * const targets[] = { "doors_hatch", "driver_s_door", "hatch", NULL };
  const char *value;
  gboolean lock;
  g_autofree char *order = NULL;
  CarportSimCommand *command;

  if (!parse_action (action, "LockUnlock", TRUE) ||
      (value = action_choice (action, "action", actions)) == NULL ||
      action_choice (action, "target", targets) == NULL)
    return;
  lock = g_str_equal (value, "lock");
  order = g_strconcat (action->self->vin, lock ? "/RLU/Lock" : "/RLU/Unlock", NULL);
  command = carport_sim_car_queue_srp_command (action->self, lock ? CARPORT_SIM_CMD_LOCK : CARPORT_SIM_CMD_UNLOCK,
                                               lock ? "LOCK" : "UNLOCK", order,
                                               _carport_sim_json_get_string (action->attributes, "srp"),
                                               action->now);
  reply_action (action, command->id);
}

/* Remote engine start (§e.2): only where the car reads res-state; a car
 * without it refuses the action as it refuses res-state. */
void
_carport_sim_renault_act_engine_start (CarportSimRenaultAction *action)
{
  static const char * const actions[] = { "start", "stop", NULL };
  const char *denial = _carport_sim_renault_denial (action->self, "res-state");
  const char *value;
  gboolean start;
  g_autofree char *order = NULL;
  CarportSimCommand *command;

  if (denial != NULL)
    {
      _carport_sim_renault_reply_denial (action->msg, denial);
      return;
    }
  if (!parse_action (action, "EngineStart", TRUE) ||
      (value = action_choice (action, "action", actions)) == NULL)
    return;
  start = g_str_equal (value, "start");
  order = g_strconcat (action->self->vin, start ? "/RES/Start" : "/RES/Stop", NULL);
  command = carport_sim_car_queue_srp_command (action->self,
                                               start ? CARPORT_SIM_CMD_ENGINE_START : CARPORT_SIM_CMD_ENGINE_STOP,
                                               start ? "ENGINE_START" : "ENGINE_STOP", order,
                                               _carport_sim_json_get_string (action->attributes, "srp"),
                                               action->now);
  reply_action (action, command->id);
}
