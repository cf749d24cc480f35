/* carport-sim-car.c — one simulated car: brand-neutral state and physics
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The state is evaluated lazily: nothing runs on a timer. Every request first
 * advances the car to "now", replaying in time order the commands whose delay
 * has passed, a planned charge or climate start, the end of a charge (the
 * level rises at the charge rate until the limit) and the automatic end of
 * climate. So a charge's level is exact at any read, and an idle simulator
 * costs nothing. How a brand shows the state is in renault/ and nissan/.
 */

#define G_LOG_DOMAIN "carport-sim"

#include "config.h"

#include <math.h>
#include <string.h>

#include "carport-simulator.h"
#include "carport-sim-car.h"
#include "carport-sim-util.h"

#define HVAC_RUN_TIME_US CARPORT_SIM_SECONDS (15 * 60)

const char * const carport_sim_days[7] = {
  "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
};

G_DEFINE_FINAL_TYPE (CarportSimCar, carport_sim_car, G_TYPE_OBJECT)

static void
command_free (gpointer data)
{
  CarportSimCommand *command = data;

  g_free (command->id);
  g_free (command->mode);
  g_free (command->srp_salt);
  g_free (command->srp_b);
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
  g_clear_pointer (&self->srp, carport_sim_srp_free);

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
  self->sessions = g_array_new (FALSE, TRUE, sizeof (CarportSimChargeSession));
  self->commands = g_ptr_array_new_with_free_func (command_free);
  self->srp = carport_sim_srp_new ();
  self->command_delay_ms = 1500;
  self->charge_rate = 0.05;
  self->base_url = g_strdup ("http://127.0.0.1");
}

/* ------------------------------------------------------------------------ */
/* Charging and climate over time                                           */
/* ------------------------------------------------------------------------ */

double
carport_sim_car_charge_limit (CarportSimCar *self)
{
  return self->spec.soc_limited ? (double) self->soc_target : 100.0;
}

static void
end_session (CarportSimCar *self,
             gint64         when,
             gboolean       ok)
{
  CarportSimChargeSession session = {
    self->session_start, when, self->session_start_level, self->level, ok,
  };

  if (self->session_start != 0 && when > self->session_start)
    g_array_append_val (self->sessions, session);
  self->session_start = 0;
}

void
carport_sim_car_start_charging (CarportSimCar *self,
                gint64         when)
{
  self->planned_charge_at = 0;
  self->battery_time = when;
  if (self->level >= carport_sim_car_charge_limit (self))
    {
      self->charge = CARPORT_SIM_CHARGE_ENDED;
      return;
    }
  self->charge = CARPORT_SIM_CHARGE_CHARGING;
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

  if (self->charge == CARPORT_SIM_CHARGE_CHARGING)
    {
      double limit = carport_sim_car_charge_limit (self);
      double seconds = (double) (when - self->state_time) / G_USEC_PER_SEC;
      double level = self->level + self->charge_rate * seconds;

      if (level >= limit)
        {
          gint64 reached = self->state_time;

          if (self->charge_rate > 0)
            reached += (gint64) ((limit - self->level) / self->charge_rate * G_USEC_PER_SEC);
          self->level = MAX (self->level, limit);
          self->charge = CARPORT_SIM_CHARGE_ENDED;
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

static CarportSimFailure
failure_for (CarportSimCar     *self,
             CarportSimCommand *command)
{
  switch (command->kind)
    {
    case CARPORT_SIM_CMD_CHARGE_START:
      return self->plugged ? CARPORT_SIM_FAILURE_NONE : CARPORT_SIM_FAILURE_UNPLUGGED;

    case CARPORT_SIM_CMD_HVAC_START:
      if (!self->plugged && self->level < self->spec.soc_threshold)
        return CARPORT_SIM_FAILURE_SOC_THRESHOLD;
      return CARPORT_SIM_FAILURE_NONE;

    default:
      return CARPORT_SIM_FAILURE_NONE;
    }
}

/* "PENDING" until the command delay has passed, then "COMPLETED" or "FAILED". */
const char *
carport_sim_command_status (const CarportSimCommand *command)
{
  if (!command->applied)
    return "PENDING";
  return command->failure != CARPORT_SIM_FAILURE_NONE ? "FAILED" : "COMPLETED";
}

const char *
carport_sim_command_failure_message (const CarportSimCommand *command)
{
  switch (command->failure)
    {
    case CARPORT_SIM_FAILURE_UNPLUGGED:
      return "The vehicle is not plugged in";
    case CARPORT_SIM_FAILURE_SOC_THRESHOLD:
      return "The battery level is below the threshold for remote climate control";
    case CARPORT_SIM_FAILURE_WRONG_PIN:
      return "The PIN code is wrong";
    case CARPORT_SIM_FAILURE_PIN_LOCKED_OUT:
      return "Too many wrong PIN codes: remote commands are blocked until the PIN is set again";
    case CARPORT_SIM_FAILURE_NONE:
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

gboolean
carport_sim_car_ev_settings_always (JsonObject *settings)
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
               CarportSimCommand       *command,
               gint64         when)
{
  command->applied = TRUE;
  if (command->failure == CARPORT_SIM_FAILURE_NONE)
    command->failure = failure_for (self, command);
  if (command->failure != CARPORT_SIM_FAILURE_NONE)
    return;

  switch (command->kind)
    {
    case CARPORT_SIM_CMD_HVAC_START:
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

    case CARPORT_SIM_CMD_HVAC_STOP:
      self->hvac_on = FALSE;
      self->planned_hvac_at = 0;
      self->hvac_off_at = 0;
      self->hvac_time = when;
      break;

    case CARPORT_SIM_CMD_CHARGE_START:
      if (self->charge == CARPORT_SIM_CHARGE_CHARGING)
        break;
      if (command->start_at > when)
        {
          self->charge = CARPORT_SIM_CHARGE_WAITING;
          self->planned_charge_at = command->start_at;
          self->battery_time = when;
        }
      else
        {
          carport_sim_car_start_charging (self, when);
        }
      break;

    case CARPORT_SIM_CMD_CHARGE_STOP:
      if (self->charge == CARPORT_SIM_CHARGE_CHARGING)
        end_session (self, when, TRUE);
      self->charge = CARPORT_SIM_CHARGE_IDLE;
      self->planned_charge_at = 0;
      self->battery_time = when;
      break;

    case CARPORT_SIM_CMD_CHARGE_MODE:
      g_free (self->charge_mode);
      self->charge_mode = g_strdup (command->mode);
      json_object_set_string_member (self->ev_settings, "chargeModeRq",
                                     g_str_equal (command->mode, "always") ? "ALWAYS" : "SCHEDULED");
      self->charging_settings_time = when;
      break;

    case CARPORT_SIM_CMD_CHARGE_SCHEDULE:
      merge_schedules (self->charge_schedules, json_node_get_array (command->schedules));
      self->charging_settings_time = when;
      break;

    case CARPORT_SIM_CMD_HVAC_SCHEDULE:
      merge_schedules (self->hvac_schedules, json_node_get_array (command->schedules));
      self->hvac_settings_time = when;
      break;

    case CARPORT_SIM_CMD_HORN_LIGHTS:
      break;

    case CARPORT_SIM_CMD_REFRESH_LOCATION:
      self->location_time = when;
      break;

    case CARPORT_SIM_CMD_REFRESH_BATTERY:
      self->battery_time = when;
      break;

    case CARPORT_SIM_CMD_REFRESH_HVAC:
      self->hvac_time = when;
      break;

    case CARPORT_SIM_CMD_REFRESH_LOCK:
      self->lock_time = when;
      break;

    case CARPORT_SIM_CMD_LOCK:
    case CARPORT_SIM_CMD_UNLOCK:
      self->locked = command->kind == CARPORT_SIM_CMD_LOCK;
      self->lock_time = when;
      break;

    case CARPORT_SIM_CMD_ENGINE_START:
    case CARPORT_SIM_CMD_ENGINE_STOP:
      self->engine_running = command->kind == CARPORT_SIM_CMD_ENGINE_START;
      break;

    case CARPORT_SIM_CMD_EV_SETTINGS:
      /* Leaving scheduled mode makes a plugged car charge now (api-renault.md §c.4). */
      if (carport_sim_car_ev_settings_always (self->ev_settings) && self->plugged &&
          self->charge != CARPORT_SIM_CHARGE_CHARGING)
        carport_sim_car_start_charging (self, when);
      break;

    case CARPORT_SIM_CMD_SOC_LEVELS:
      self->soc_min = command->soc_min;
      self->soc_target = command->soc_target;
      self->soc_time = when;
      if (self->charge == CARPORT_SIM_CHARGE_CHARGING && self->level >= self->soc_target)
        {
          end_session (self, when, TRUE);
          self->charge = CARPORT_SIM_CHARGE_ENDED;
        }
      break;

    case CARPORT_SIM_CMD_SRP_INITIATES:
    case CARPORT_SIM_CMD_SRP_SETS:
      break;   /* their effect (the verifier, the challenge) is immediate */

    default:
      g_assert_not_reached ();
    }
}

/* Brings the car to @now, replaying every event in time order. */
void
carport_sim_car_advance (CarportSimCar *self,
         gint64         now)
{
  for (;;)
    {
      CarportSimCommand *next = NULL;
      gint64 when = G_MAXINT64;

      for (guint i = 0; i < self->commands->len; i++)
        {
          CarportSimCommand *command = g_ptr_array_index (self->commands, i);

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
            carport_sim_car_start_charging (self, when);
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

gboolean
carport_sim_car_command_pending (CarportSimCar *self,
                 CarportSimCommandKind    kind)
{
  for (guint i = 0; i < self->commands->len; i++)
    {
      CarportSimCommand *command = g_ptr_array_index (self->commands, i);

      if (command->kind == kind && !command->applied)
        return TRUE;
    }
  return FALSE;
}

CarportSimCommand *
carport_sim_car_queue_command (CarportSimCar *self,
               CarportSimCommandKind    kind,
               const char    *command_type,
               gint64         now)
{
  CarportSimCommand *command = g_new0 (CarportSimCommand, 1);

  command->id = g_uuid_string_random ();
  command->kind = kind;
  command->command_type = command_type;
  command->created = now;
  command->due = now + (gint64) self->command_delay_ms * 1000;
  g_ptr_array_add (self->commands, command);
  return command;
}

/* A command that an SRP proof guards: queued either way, it fails when
 * @proof does not answer the car's last challenge for @order. */
CarportSimCommand *
carport_sim_car_queue_srp_command (CarportSimCar         *self,
                                   CarportSimCommandKind  kind,
                                   const char            *command_type,
                                   const char            *order,
                                   const char            *proof,
                                   gint64                 now)
{
  CarportSimCommand *command = carport_sim_car_queue_command (self, kind, command_type, now);

  switch (carport_sim_srp_check (self->srp, order, proof))
    {
    case CARPORT_SIM_SRP_OK:
      break;
    case CARPORT_SIM_SRP_LOCKED_OUT:
      command->failure = CARPORT_SIM_FAILURE_PIN_LOCKED_OUT;
      break;
    case CARPORT_SIM_SRP_WRONG_PIN:
    case CARPORT_SIM_SRP_NO_CHALLENGE:
    default:
      command->failure = CARPORT_SIM_FAILURE_WRONG_PIN;
      command->srp_tries_left = (int) carport_sim_srp_tries_left (self->srp);
      break;
    }
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

  for (int id = 1; id <= CARPORT_SIM_N_SCHEDULES; id++)
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
            json_object_set_object_member (schedule, carport_sim_days[d], slot);
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
  g_autofree char *stamp = _carport_sim_iso8601 (now - CARPORT_SIM_SECONDS (86400), 0, TRUE);
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
  gint64 midnight = now - now % CARPORT_SIM_SECONDS (86400);
  static const int ago[] = { 6, 3, 1 };

  for (guint i = 0; i < G_N_ELEMENTS (ago); i++)
    {
      CarportSimChargeSession session;
      double gained = 30.0 + 7.0 * i;

      session.start = midnight - CARPORT_SIM_SECONDS (ago[i] * 86400) + CARPORT_SIM_SECONDS (90 * 60);
      session.end = session.start + (gint64) (gained / 100.0 * self->spec.capacity_kwh /
                                              self->spec.charge_power_kw * 3600) * G_USEC_PER_SEC;
      session.start_level = 25.0 + 5.0 * i;
      session.end_level = MIN (100.0, session.start_level + gained);
      session.ok = TRUE;
      g_array_append_val (self->sessions, session);
    }
}

gboolean
carport_sim_car_config_error (GError    **error,
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
    return carport_sim_car_config_error (error, vin, "“%s” must be a number from %g to %g", member, min, max);
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
    return carport_sim_car_config_error (error, vin, "“%s” must be true or false", member);
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
    return carport_sim_car_config_error (error, vin, "“%s” must be a string", member);
  g_free (*out);
  *out = g_strdup (json_node_get_string (node));
  return TRUE;
}

/**
 * carport_sim_car_apply_config:
 * @config: one entry of a scenario's "cars" (see src/sim/README.md)
 * @brand_members: (nullable): the members the brand reads itself
 *
 * Reads the brand-neutral members of @config; an unknown member is an error.
 */
gboolean
carport_sim_car_apply_config (CarportSimCar      *self,
                              JsonObject         *config,
                              const char * const *brand_members,
                              GError            **error)
{
  static const char * const known[] = {
    "model", "vin", "name", "registration", "battery_level", "plugged", "charging",
    "charge_mode", "mileage", "fuel_litres", "latitude", "longitude", "hvac_on",
    "external_temperature", "soc_min", "soc_target", "locked",
    "allow", "deny", "quirks", NULL
  };
  JsonObjectIter iter;
  const char *member;
  JsonNode *node;
  gboolean charging = FALSE;
  double number;
  g_autofree char *mode = NULL;

  json_object_iter_init (&iter, config);
  while (json_object_iter_next (&iter, &member, &node))
    if (!g_strv_contains (known, member) &&
        (brand_members == NULL || !g_strv_contains (brand_members, member)))
      return carport_sim_car_config_error (error, self->vin, "unknown member “%s”", member);

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
        return carport_sim_car_config_error (error, self->vin, "“charge_mode” must be \"always\" or \"scheduled\"");
      g_free (self->charge_mode);
      self->charge_mode = g_steal_pointer (&mode);
      json_object_unref (self->ev_settings);
      self->ev_settings = default_ev_settings (self->state_time, g_str_equal (self->charge_mode, "scheduled"));
    }

  if (charging && !self->plugged)
    return carport_sim_car_config_error (error, self->vin, "a car cannot be charging while unplugged");
  if (charging)
    carport_sim_car_start_charging (self, self->state_time);
  else if (self->plugged && g_str_equal (self->charge_mode, "scheduled"))
    self->charge = CARPORT_SIM_CHARGE_WAITING;
  else
    self->charge = CARPORT_SIM_CHARGE_IDLE;

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

          if (name == NULL || !self->spec.is_endpoint (name))
            return carport_sim_car_config_error (error, self->vin, "“allow” lists an unknown endpoint");
          g_hash_table_add (self->allowed, g_strdup (name));
        }
      if (array == NULL)
        return carport_sim_car_config_error (error, self->vin, "“allow” must be an array of endpoint names");
    }

  node = json_object_get_member (config, "deny");
  if (node != NULL)
    {
      if (!JSON_NODE_HOLDS_OBJECT (node))
        return carport_sim_car_config_error (error, self->vin, "“deny” must map endpoint names to error codes");
      json_object_iter_init (&iter, json_node_get_object (node));
      while (json_object_iter_next (&iter, &member, &node))
        {
          if (!self->spec.is_endpoint (member) || !JSON_NODE_HOLDS_VALUE (node) ||
              json_node_get_value_type (node) != G_TYPE_STRING)
            return carport_sim_car_config_error (error, self->vin, "“deny”: “%s” is not an endpoint with an error code", member);
          g_hash_table_replace (self->denied, g_strdup (member), g_strdup (json_node_get_string (node)));
        }
    }

  node = json_object_get_member (config, "quirks");
  if (node != NULL)
    {
      JsonArray *array = JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;

      if (array == NULL)
        return carport_sim_car_config_error (error, self->vin, "“quirks” must be an array");
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          const char *quirk = json_array_get_string_element (array, i);

          if (g_strcmp0 (quirk, "hvac-status-403011") == 0)
            self->quirk_hvac_403011 = TRUE;
          else if (g_strcmp0 (quirk, "privacy-on") == 0)
            self->quirk_privacy_on = TRUE;
          else
            return carport_sim_car_config_error (error, self->vin, "unknown quirk “%s”", quirk ? quirk : "");
        }
    }
  return TRUE;
}

gboolean
carport_sim_is_valid_vin (const char *vin)
{
  if (vin == NULL || strlen (vin) != 17)
    return FALSE;
  for (const char *p = vin; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p) && !g_ascii_isupper (*p))
      return FALSE;
  return TRUE;
}

/* A scenario car's "model" and "vin", both required, the VIN valid. */
gboolean
carport_sim_car_config_ids (JsonObject  *config,
                            const char **model,
                            const char **vin,
                            GError     **error)
{
  *model = _carport_sim_json_get_string (config, "model");
  *vin = _carport_sim_json_get_string (config, "vin");
  if (*model == NULL || *vin == NULL)
    {
      g_set_error (error, CARPORT_SIMULATOR_ERROR, CARPORT_SIMULATOR_ERROR_INVALID_SCENARIO,
                   "every car needs a “model” and a “vin”");
      return FALSE;
    }
  if (!carport_sim_is_valid_vin (*vin))
    {
      g_set_error (error, CARPORT_SIMULATOR_ERROR, CARPORT_SIMULATOR_ERROR_INVALID_SCENARIO,
                   "car %s: a VIN has 17 upper-case letters and digits", *vin);
      return FALSE;
    }
  return TRUE;
}

/* The car of @vin in @cars (CarportSimCar*), or NULL. */
CarportSimCar *
carport_sim_find_car (GPtrArray  *cars,
                      const char *vin)
{
  for (guint i = 0; vin != NULL && i < cars->len; i++)
    {
      CarportSimCar *car = g_ptr_array_index (cars, i);

      if (g_str_equal (car->vin, vin))
        return car;
    }
  return NULL;
}

/**
 * carport_sim_car_new:
 * @spec: what the brand's model table says; copied
 * @vin: a valid VIN (carport_sim_is_valid_vin())
 *
 * Returns: (transfer full): a car in its default state; the brand then
 *   applies the scenario entry with carport_sim_car_apply_config()
 */
CarportSimCar *
carport_sim_car_new (const CarportSimCarSpec *spec,
                     const char              *vin)
{
  CarportSimCar *self;
  gint64 now = g_get_real_time ();

  self = g_object_new (CARPORT_TYPE_SIM_CAR, NULL);
  self->spec = *spec;
  self->vin = g_strdup (vin);
  self->name = g_strdup (spec->label);
  self->registration = g_strdup_printf ("AB-%03u-CD", (guint) (g_str_hash (vin) % 1000));
  self->details_in_list = TRUE;
  self->state_time = now;
  self->level = 50.0;
  self->battery_time = now - CARPORT_SIM_SECONDS (12 * 60);
  self->mileage = 12345.6;
  self->fuel_litres = spec->fuel_litres;
  self->target_temperature = 21.0;
  self->external_temperature = 12.0;
  self->internal_temperature = 14.0;
  self->hvac_time = now - CARPORT_SIM_SECONDS (25 * 60);
  self->latitude = 48.8566;
  self->longitude = 2.3522;
  self->location_time = now - CARPORT_SIM_SECONDS (40 * 60);
  self->charge_mode = g_strdup (spec->scheduled_by_default ? "scheduled" : "always");
  self->charge_schedules = default_schedules (1, "startTime", "T22:30Z", 420);
  self->hvac_schedules = default_schedules (2, "readyAtTime", "T06:45Z", -1);
  self->charging_settings_time = now - CARPORT_SIM_SECONDS (3 * 86400);
  self->hvac_settings_time = now - CARPORT_SIM_SECONDS (3 * 86400);
  self->ev_settings = default_ev_settings (now, spec->scheduled_by_default);
  self->soc_min = 20;
  self->soc_target = 100;
  self->soc_time = now - CARPORT_SIM_SECONDS (2 * 86400);
  self->locked = TRUE;
  self->lock_time = now - CARPORT_SIM_SECONDS (60 * 60);
  if (spec->capacity_kwh > 0)
    add_past_sessions (self, now);
  return self;
}

const char *
carport_sim_car_get_vin (CarportSimCar *self)
{
  g_return_val_if_fail (CARPORT_IS_SIM_CAR (self), NULL);

  return self->vin;
}

CarportSimBrand
carport_sim_car_get_brand (CarportSimCar *self)
{
  g_return_val_if_fail (CARPORT_IS_SIM_CAR (self), CARPORT_SIM_BRAND_RENAULT);

  return self->spec.brand;
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
  carport_sim_car_advance (self, g_get_real_time ());
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
/* Charge figures that every brand shows                                    */
/* ------------------------------------------------------------------------ */

/* The Kamereon chargingStatus: 1.0 charging, 0.2 ended, 0.1 waiting, 0.0 idle. */
double
carport_sim_car_charging_status (CarportSimCar *self)
{
  switch (self->charge)
    {
    case CARPORT_SIM_CHARGE_CHARGING: return 1.0;
    case CARPORT_SIM_CHARGE_ENDED:    return 0.2;
    case CARPORT_SIM_CHARGE_WAITING:  return 0.1;
    case CARPORT_SIM_CHARGE_IDLE:
    default:
      if (!self->plugged && self->spec.unplugged_minus_1)
        return -1.0;
      return 0.0;
    }
}

/* Minutes to the charge limit at the car's charge power. */
int
carport_sim_car_remaining_minutes (CarportSimCar *self)
{
  double missing = carport_sim_car_charge_limit (self) - self->level;

  if (missing <= 0 || self->spec.charge_power_kw <= 0)
    return 0;
  return (int) ceil (missing / 100.0 * self->spec.capacity_kwh / self->spec.charge_power_kw * 60.0);
}

CarportSimCommand *
carport_sim_car_find_command (CarportSimCar *self,
                              const char    *id)
{
  for (guint i = 0; id != NULL && i < self->commands->len; i++)
    {
      CarportSimCommand *command = g_ptr_array_index (self->commands, i);

      if (g_str_equal (command->id, id))
        return command;
    }
  return NULL;
}

/* ------------------------------------------------------------------------ */
/* Introspection                                                            */
/* ------------------------------------------------------------------------ */

int
carport_sim_car_get_battery_level (CarportSimCar *self)
{
  g_return_val_if_fail (CARPORT_IS_SIM_CAR (self), -1);

  carport_sim_car_advance (self, g_get_real_time ());
  return (int) floor (self->level);
}

gboolean
carport_sim_car_get_charging (CarportSimCar *self)
{
  g_return_val_if_fail (CARPORT_IS_SIM_CAR (self), FALSE);

  carport_sim_car_advance (self, g_get_real_time ());
  return self->charge == CARPORT_SIM_CHARGE_CHARGING;
}

gboolean
carport_sim_car_get_locked (CarportSimCar *self)
{
  g_return_val_if_fail (CARPORT_IS_SIM_CAR (self), FALSE);

  return self->locked;
}

gboolean
carport_sim_car_get_engine_running (CarportSimCar *self)
{
  g_return_val_if_fail (CARPORT_IS_SIM_CAR (self), FALSE);

  carport_sim_car_advance (self, g_get_real_time ());
  return self->engine_running;
}

gboolean
carport_sim_car_get_hvac_on (CarportSimCar *self)
{
  g_return_val_if_fail (CARPORT_IS_SIM_CAR (self), FALSE);

  carport_sim_car_advance (self, g_get_real_time ());
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

  carport_sim_car_advance (self, now);
  if (!!plugged == self->plugged)
    return;
  self->plugged = !!plugged;
  self->battery_time = now;
  if (plugged)
    {
      if (g_str_equal (self->charge_mode, "always"))
        carport_sim_car_start_charging (self, now);
      else
        self->charge = CARPORT_SIM_CHARGE_WAITING;
    }
  else
    {
      if (self->charge == CARPORT_SIM_CHARGE_CHARGING)
        end_session (self, now, TRUE);
      self->charge = CARPORT_SIM_CHARGE_IDLE;
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

  carport_sim_car_advance (self, g_get_real_time ());
  json_object_set_string_member (state, "vin", self->vin);
  json_object_set_string_member (state, "brand", self->spec.brand == CARPORT_SIM_BRAND_NISSAN ? "nissan" : "renault");
  json_object_set_string_member (state, "model", self->spec.model_code);
  json_object_set_string_member (state, "name", self->name);
  json_object_set_string_member (state, "registration", self->registration);
  json_object_set_double_member (state, "batteryLevel", self->level);
  json_object_set_boolean_member (state, "plugged", self->plugged);
  json_object_set_string_member (state, "charge", charge_names[self->charge]);
  json_object_set_double_member (state, "chargingStatus", carport_sim_car_charging_status (self));
  json_object_set_string_member (state, "chargeMode", self->charge_mode);
  json_object_set_int_member (state, "socMin", self->soc_min);
  json_object_set_int_member (state, "socTarget", self->soc_target);
  json_object_set_boolean_member (state, "hvacOn", self->hvac_on);
  json_object_set_double_member (state, "targetTemperature", self->target_temperature);
  if (self->planned_hvac_at != 0)
    _carport_sim_set_time (state, "plannedHvacAt", self->planned_hvac_at);
  if (self->planned_charge_at != 0)
    _carport_sim_set_time (state, "plannedChargeAt", self->planned_charge_at);
  json_object_set_double_member (state, "mileage", self->mileage);
  json_object_set_boolean_member (state, "locked", self->locked);
  json_object_set_boolean_member (state, "engineRunning", self->engine_running);
  json_object_set_double_member (state, "latitude", self->latitude);
  json_object_set_double_member (state, "longitude", self->longitude);
  json_object_set_int_member (state, "chargeSessions", self->sessions->len);
  /* The programmes as the car keeps them (KCA shape, UTC; ev/settings). */
  json_object_set_member (state, "chargeSchedules", json_node_init_array (json_node_alloc (), self->charge_schedules));
  json_object_set_member (state, "hvacSchedules", json_node_init_array (json_node_alloc (), self->hvac_schedules));
  json_object_set_member (state, "evSettings", json_node_init_object (json_node_alloc (), self->ev_settings));
  for (guint i = 0; i < self->commands->len; i++)
    {
      CarportSimCommand *command = g_ptr_array_index (self->commands, i);
      JsonObject *entry = json_object_new ();

      json_object_set_string_member (entry, "id", command->id);
      json_object_set_string_member (entry, "type", command->command_type);
      json_object_set_string_member (entry, "status",
                                     carport_sim_command_status (command));
      json_array_add_object_element (commands, entry);
    }
  json_object_set_array_member (state, "commands", commands);
  json_node_take_object (root, state);
  return _carport_sim_json_to_string (root);
}
