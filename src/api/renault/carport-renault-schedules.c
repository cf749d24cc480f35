/* carport-renault-schedules.c — the bodies that set a Renault's charge and
 * climate programmes (api-renault.md §c.3, §c.4): the KCA ChargeSchedule and HvacSchedule,
 * and the KCM ev/settings programs[].
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#define G_LOG_DOMAIN "carport-api"

#include <string.h>

#include <glib/gi18n.h>

#include "carport-json.h"
#include "carport-kamereon-json.h"
#include "carport-renault-bodies-private.h"
#include "carport-renault-models.h"

/* One ev/settings programme from @schedule (a charge programme in local
 * time), or NULL with @error. */
static JsonObject *
program_from_schedule (CarportSchedule  *schedule,
                       GError          **error)
{
  g_autoptr(JsonObject) program = json_object_new ();
  const char *start = carport_schedule_get_start_time (schedule);
  guint days = carport_schedule_get_days (schedule);
  g_autofree char *departure = NULL;
  int hours, minutes;

  if (days == 0 || start == NULL || !carport_parse_clock (start, &hours, &minutes))
    {
      g_set_error_literal (error, CARPORT_API_ERROR, CARPORT_API_ERROR_INVALID_INPUT,
                           _("A programme has a time Carport cannot send."));
      return NULL;
    }
  if (carport_schedule_get_start_time_is_utc (schedule))
    {
      g_set_error_literal (error, CARPORT_API_ERROR, CARPORT_API_ERROR_INVALID_INPUT,
                           _("This car keeps its programmes in local time."));
      return NULL;
    }

  departure = g_strdup_printf ("%02d:%02d", hours, minutes);
  json_object_set_boolean_member (program, "programActivationStatus", carport_schedule_get_activated (schedule));
  json_object_set_string_member (program, "programType",
                                 carport_schedule_get_kind (schedule) == CARPORT_SCHEDULE_KIND_CHARGE_AND_CLIMATE
                                 ? "CHARGE_AND_PRECONDITIONING" : "CHARGE");
  json_object_set_string_member (program, "programDepartureTime", departure);
  for (guint day = 0; day < CARPORT_N_WEEKDAYS; day++)
    json_object_set_boolean_member (program, carport_kamereon_program_day_flags[day], (days & (1u << day)) != 0);

  return g_steal_pointer (&program);
}

/* Appends charge programme @id of @schedules, when it is set up and not
 * in @sent yet; FALSE with @error when it cannot be sent. */
static gboolean
add_program (JsonArray   *programs,
             GListModel  *schedules,
             int          id,
             guint       *sent,
             GError     **error)
{
  for (guint i = 0; i < g_list_model_get_n_items (schedules) && (*sent & (1u << id)) == 0; i++)
    {
      g_autoptr(CarportSchedule) schedule = g_list_model_get_item (schedules, i);
      JsonObject *program;

      if (carport_schedule_get_id (schedule) != id ||
          carport_schedule_get_kind (schedule) == CARPORT_SCHEDULE_KIND_CLIMATE ||
          !carport_schedule_is_set_up (schedule))
        continue;

      program = program_from_schedule (schedule, error);
      if (program == NULL)
        return FALSE;
      json_array_add_object_element (programs, program);
      *sent |= 1u << id;
    }
  return TRUE;
}

/* KCM charge programmes: the ev/settings just read (@current) with
 * programs[] rebuilt from @schedules (the charge programmes to keep, id N
 * for the Nth programme as read), every other member as read, posted back
 * whole (api-renault.md §c.3, §c.4). Preconditioning programmes stay as read, in their
 * places: this car's climate programmes are hvac-settings'. */
char *
_carport_renault_build_ev_settings_programs (JsonNode    *current,
                                             GListModel  *schedules,
                                             GError     **error)
{
  g_autoptr(JsonNode) copy = _carport_renault_ev_settings_copy (current);
  g_autoptr(JsonArray) programs = json_array_new ();
  JsonObject *object;
  JsonArray *read;
  guint sent = 0;

  if (copy == NULL)
    {
      g_set_error_literal (error, CARPORT_API_ERROR, CARPORT_API_ERROR_INVALID_INPUT,
                           _("The car's charge settings must be read before its programmes can change."));
      return NULL;
    }
  if (schedules == NULL)
    {
      g_set_error_literal (error, CARPORT_API_ERROR, CARPORT_API_ERROR_INVALID_INPUT,
                           _("The programmes to send are missing."));
      return NULL;
    }

  object = json_node_get_object (copy);
  read = carport_json_get_array (object, "programs");
  for (guint i = 0; read != NULL && i < json_array_get_length (read); i++)
    {
      JsonNode *element = json_array_get_element (read, i);

      if (JSON_NODE_HOLDS_OBJECT (element) &&
          g_strcmp0 (carport_json_get_string (json_node_get_object (element), "programType"),
                     "PRECONDITIONING") == 0)
        json_array_add_element (programs, json_node_copy (element));
      else if (!add_program (programs, schedules, (int) i + 1, &sent, error))
        return NULL;
    }
  /* The new ones, in the order of their ids. */
  for (int id = 1; id <= CARPORT_MAX_SCHEDULES; id++)
    if (!add_program (programs, schedules, id, &sent, error))
      return NULL;

  json_object_set_array_member (object, "programs", g_steal_pointer (&programs));
  return _carport_renault_node_to_string (copy);
}

/* A "HH:MM" (or "THH:MMZ") time as the KCA "THH:MMZ", or NULL. */
static char *
kca_time (const char *text)
{
  int hour, minute;

  if (text == NULL)
    return NULL;
  if (*text == 'T')
    text++;
  if (strlen (text) < 5 || !g_ascii_isdigit (text[0]) || !g_ascii_isdigit (text[1]) ||
      text[2] != ':' || !g_ascii_isdigit (text[3]) || !g_ascii_isdigit (text[4]) ||
      !(text[5] == '\0' || (text[5] == 'Z' && text[6] == '\0')))
    return NULL;

  hour = g_ascii_digit_value (text[0]) * 10 + g_ascii_digit_value (text[1]);
  minute = g_ascii_digit_value (text[3]) * 10 + g_ascii_digit_value (text[4]);
  if (hour > 23 || minute > 59)
    return NULL;

  return g_strdup_printf ("T%02d:%02dZ", hour, minute);
}

/* One KCA schedule, cleaned: id, activated, and each day a slot or null. */
static JsonObject *
clean_schedule (JsonObject  *schedule,
                gboolean     climate,
                GError     **error)
{
  g_autoptr(JsonObject) out = json_object_new ();
  JsonNode *id = json_object_get_member (schedule, "id");
  JsonNode *activated = json_object_get_member (schedule, "activated");

  if (id == NULL || json_node_get_value_type (id) != G_TYPE_INT64 ||
      json_node_get_int (id) < 1 || json_node_get_int (id) > 5)
    {
      g_set_error_literal (error, CARPORT_API_ERROR, CARPORT_API_ERROR_INVALID_INPUT,
                           _("Each programme needs a number from 1 to 5."));
      return NULL;
    }

  json_object_set_int_member (out, "id", json_node_get_int (id));
  json_object_set_boolean_member (out, "activated",
                                  activated != NULL &&
                                  json_node_get_value_type (activated) == G_TYPE_BOOLEAN &&
                                  json_node_get_boolean (activated));

  for (guint day = 0; day < CARPORT_N_WEEKDAYS; day++)
    {
      JsonObject *slot = carport_json_get_object (schedule, carport_kamereon_day_names[day]);
      g_autoptr(JsonObject) clean = NULL;
      g_autofree char *time = NULL;

      if (slot == NULL)
        {
          json_object_set_null_member (out, carport_kamereon_day_names[day]);
          continue;
        }

      time = kca_time (json_object_get_string_member_with_default (slot, climate ? "readyAtTime" : "startTime", NULL));
      if (time == NULL)
        {
          g_set_error_literal (error, CARPORT_API_ERROR, CARPORT_API_ERROR_INVALID_INPUT,
                               _("A programme has a time Carport cannot send."));
          return NULL;
        }

      clean = json_object_new ();
      if (climate)
        {
          json_object_set_string_member (clean, "readyAtTime", time);
        }
      else
        {
          gint64 duration = json_object_get_int_member_with_default (slot, "duration", -1);

          if (duration < 15 || duration > 24 * 60)
            {
              g_set_error_literal (error, CARPORT_API_ERROR, CARPORT_API_ERROR_INVALID_INPUT,
                                   _("A charge programme needs a duration between 15 minutes and 24 hours."));
              return NULL;
            }
          json_object_set_string_member (clean, "startTime", time);
          json_object_set_int_member (clean, "duration", duration);
        }
      json_object_set_object_member (out, carport_kamereon_day_names[day], g_steal_pointer (&clean));
    }

  return g_steal_pointer (&out);
}

/* ChargeSchedule / HvacSchedule: @current holds {"schedules":[…]} in the
 * KCA shape (charging-settings / hvac-settings, or what
 * carport_renault_schedules_to_json() built); all of them are sent (api-renault.md §c.4). */
char *
_carport_renault_build_schedules (JsonNode  *current,
                                  gboolean   climate,
                                  GError   **error)
{
  g_autoptr(JsonObject) attributes = json_object_new ();
  JsonArray *out = json_array_new ();
  JsonObject *object = NULL;
  JsonArray *schedules = NULL;

  if (current != NULL && JSON_NODE_HOLDS_OBJECT (current))
    {
      JsonObject *data;

      object = json_node_get_object (current);
      data = carport_json_get_object (object, "data");
      if (data != NULL)
        object = carport_json_get_object (data, "attributes");
      if (object != NULL)
        schedules = carport_json_get_array (object, "schedules");
    }

  json_object_set_array_member (attributes, "schedules", out);

  if (schedules == NULL)
    {
      g_set_error_literal (error, CARPORT_API_ERROR, CARPORT_API_ERROR_INVALID_INPUT,
                           _("The programmes to send are missing."));
      return NULL;
    }

  for (guint i = 0; i < json_array_get_length (schedules); i++)
    {
      JsonNode *node = json_array_get_element (schedules, i);
      JsonObject *clean;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;

      clean = clean_schedule (json_node_get_object (node), climate, error);
      if (clean == NULL)
        return NULL;
      json_array_add_object_element (out, clean);
    }

  return carport_kamereon_jsonapi_body (climate ? "HvacSchedule" : "ChargeSchedule", attributes);
}

static void
clear_schedule_objects (JsonObject **by_id,
                        guint        n)
{
  for (guint i = 0; i < n; i++)
    g_clear_pointer (&by_id[i], json_object_unref);
}

/* Adds @schedule to the per-id objects; FALSE with @error when it cannot be sent. */
static gboolean
add_schedule_object (JsonObject      **by_id,
                     CarportSchedule  *schedule,
                     gboolean          climate,
                     GError          **error)
{
  int id = carport_schedule_get_id (schedule);
  guint days = carport_schedule_get_days (schedule);
  g_autofree char *time = NULL;

  if (id < 1 || id > 5)
    {
      g_set_error_literal (error, CARPORT_API_ERROR, CARPORT_API_ERROR_INVALID_INPUT,
                           _("Each programme needs a number from 1 to 5."));
      return FALSE;
    }

  if (days != 0 && !carport_schedule_get_start_time_is_utc (schedule))
    {
      g_set_error_literal (error, CARPORT_API_ERROR, CARPORT_API_ERROR_INVALID_INPUT,
                           _("Programmes in local time cannot be sent yet."));
      return FALSE;
    }

  if (by_id[id] == NULL)
    {
      by_id[id] = json_object_new ();
      json_object_set_int_member (by_id[id], "id", id);
      json_object_set_boolean_member (by_id[id], "activated", FALSE);
    }
  if (carport_schedule_get_activated (schedule))
    json_object_set_boolean_member (by_id[id], "activated", TRUE);

  if (days == 0)
    return TRUE;

  time = kca_time (carport_schedule_get_start_time (schedule));
  if (time == NULL)
    {
      g_set_error_literal (error, CARPORT_API_ERROR, CARPORT_API_ERROR_INVALID_INPUT,
                           _("A programme has a time Carport cannot send."));
      return FALSE;
    }

  for (guint day = 0; day < CARPORT_N_WEEKDAYS; day++)
    {
      JsonObject *slot;

      if ((days & (1u << day)) == 0)
        continue;

      slot = json_object_new ();
      if (climate)
        {
          json_object_set_string_member (slot, "readyAtTime", time);
        }
      else
        {
          json_object_set_string_member (slot, "startTime", time);
          json_object_set_int_member (slot, "duration", carport_schedule_get_duration_minutes (schedule));
        }
      json_object_set_object_member (by_id[id], carport_kamereon_day_names[day], slot);
    }

  return TRUE;
}

JsonNode *
carport_renault_schedules_to_json (GListModel  *schedules,
                                   gboolean     climate,
                                   GError     **error)
{
  JsonObject *by_id[6] = { NULL, };
  JsonObject *object;
  JsonArray *array;
  JsonNode *root;

  g_return_val_if_fail (schedules == NULL || G_IS_LIST_MODEL (schedules), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  for (guint i = 0; schedules != NULL && i < g_list_model_get_n_items (schedules); i++)
    {
      g_autoptr(CarportSchedule) schedule = g_list_model_get_item (schedules, i);

      if (climate != (carport_schedule_get_kind (schedule) == CARPORT_SCHEDULE_KIND_CLIMATE))
        continue;

      if (!add_schedule_object (by_id, schedule, climate, error))
        {
          clear_schedule_objects (by_id, G_N_ELEMENTS (by_id));
          return NULL;
        }
    }

  object = json_object_new ();
  array = json_array_new ();
  for (guint id = 1; id <= 5; id++)
    {
      if (by_id[id] != NULL)
        json_array_add_object_element (array, g_steal_pointer (&by_id[id]));
    }
  json_object_set_array_member (object, "schedules", array);

  root = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (root, object);
  return root;
}
