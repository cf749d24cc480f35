/* carport-cli-schedules.c — carport-cli's charge and climate programmes:
 * shown, set, turned on and off, in local time. */
#define G_LOG_DOMAIN "carport-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "carport-cli-private.h"
#include "carport-cli-json.h"

static void
print_schedules (Cli            *cli,
                 CarportVehicle *vehicle,
                 gboolean        climate)
{
  CarportChargeSettings *settings = carport_vehicle_get_charge_settings (vehicle);
  GListModel *schedules = carport_charge_settings_get_schedules (settings);
  guint n = g_list_model_get_n_items (schedules);
  guint shown = 0;
  g_autoptr(GString) line = g_string_new (NULL);
  static const char *day_names[] = { N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"), N_("Sat"), N_("Sun") };

  if (cli->json)
    {
      g_autoptr(JsonNode) status = carport_cli_json_status (vehicle);
      JsonObject *object = json_node_get_object (status);
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "vin");
      json_builder_add_string_value (builder, carport_vehicle_get_vin (vehicle));
      json_builder_set_member_name (builder, "charge_mode");
      json_builder_add_value (builder, json_node_copy (json_object_get_member (object, "charge_mode")));
      json_builder_set_member_name (builder, "schedules");
      json_builder_begin_array (builder);
      if (json_object_get_array_member (object, "schedules"))
        {
          JsonArray *all = json_object_get_array_member (object, "schedules");

          /* The programmes of this kind, as in the status. */
          for (guint i = 0; i < json_array_get_length (all); i++)
            {
              JsonObject *schedule = json_array_get_object_element (all, i);
              const char *kind = json_object_get_string_member_with_default (schedule, "kind", "");

              if (g_str_equal (kind, "climate") == climate)
                json_builder_add_value (builder, json_node_copy (json_array_get_element (all, i)));
            }
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      carport_cli_json_print (root);
      return;
    }

  if (!climate)
    carport_cli_print_row (_("Charge mode"), carport_format_charge_mode (carport_charge_settings_get_mode (settings)));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CarportSchedule) item = g_list_model_get_item (schedules, i);
      g_autoptr(CarportSchedule) schedule = NULL;
      g_autoptr(GString) days = g_string_new (NULL);
      g_autofree char *duration = NULL;
      const char *start;

      /* The empty slots a car reports are no programmes. */
      if (carport_schedule_is_climate (item) != climate || !carport_schedule_is_set_up (item))
        continue;
      /* Times as people read them: in this computer's time zone. */
      schedule = carport_schedule_convert (item, FALSE, NULL);
      start = carport_schedule_get_start_time (schedule);
      for (guint d = 0; d < CARPORT_N_WEEKDAYS; d++)
        if (carport_schedule_get_days (schedule) & (1u << d))
          g_string_append_printf (days, "%s%s", days->len ? " " : "", _(day_names[d]));
      if (!climate && carport_schedules_have_duration (schedules))
        duration = carport_format_duration_minutes (carport_schedule_get_duration_minutes (schedule));

      g_string_printf (line, "  #%d ", carport_schedule_get_id (schedule));
      carport_cli_append_padded (line, carport_schedule_get_activated (schedule) ? _("active") : _("inactive"), 9);
      g_string_append_c (line, ' ');
      carport_cli_append_padded (line, start ? start : "—", 5);
      g_string_append_c (line, ' ');
      carport_cli_append_padded (line, days->len ? days->str : "—", 28);
      if (duration != NULL)
        g_string_append_printf (line, " %s", duration);
      g_print ("%s\n", g_strchomp (line->str));
      shown++;
    }
  if (shown == 0)
    g_print ("  %s\n", _("No programmes"));
}

void
carport_cli_schedule_refreshed_cb (GObject      *source,
                                   GAsyncResult *result,
                                   gpointer      user_data)
{
  Cli *cli = user_data;
  g_autoptr(GError) error = NULL;
  CarportVehicle *vehicle = carport_cli_pick_vehicle (cli);

  if (!carport_session_refresh_finish (CARPORT_SESSION (source), result, &error))
    {
      carport_cli_finish_with_error (cli, error);
      return;
    }
  print_schedules (cli, vehicle, g_str_equal (cli->command->name, "climate"));
  carport_cli_finish (cli, 0);
}

/* "mon,tue", "weekdays", "weekend" or "daily" → a CarportWeekday mask, or 0. */
static guint
parse_days (const char *text)
{
  static const char * const names[CARPORT_N_WEEKDAYS][2] = {
    { "mon", "monday" }, { "tue", "tuesday" }, { "wed", "wednesday" }, { "thu", "thursday" },
    { "fri", "friday" }, { "sat", "saturday" }, { "sun", "sunday" },
  };
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);
  guint days = 0;

  for (guint i = 0; parts[i]; i++)
    {
      g_autofree char *part = g_ascii_strdown (g_strstrip (parts[i]), -1);
      guint day = 0;

      if (g_str_equal (part, "weekdays"))
        day = 0x1f;
      else if (g_str_equal (part, "weekend"))
        day = 0x60;
      else if (g_str_equal (part, "daily"))
        day = 0x7f;
      for (guint d = 0; d < CARPORT_N_WEEKDAYS && day == 0; d++)
        if (g_str_equal (part, names[d][0]) || g_str_equal (part, names[d][1]))
          day = 1u << d;
      if (day == 0)
        return 0;
      days |= day;
    }
  return days;
}

/* The programmes to send: the car's current ones of that kind, with
 * programme @id changed as the verb and the options say. NULL after
 * reporting an error. */
static GListStore *
edit_schedules (Cli            *cli,
                CarportVehicle *vehicle,
                gboolean        climate,
                const char     *verb,
                int             id)
{
  static const char * const verbs[] = { "set", "enable", "disable", "delete", NULL };
  GListModel *current = carport_charge_settings_get_schedules (carport_vehicle_get_charge_settings (vehicle));
  g_autoptr(CarportSchedule) changes = carport_schedule_new ();
  g_autoptr(GListStore) result = NULL;
  g_autoptr(GError) error = NULL;
  CarportScheduleEditAction action = CARPORT_SCHEDULE_EDIT_SET;
  guint days = 0;

  for (guint i = 0; verbs[i]; i++)
    if (g_str_equal (verb, verbs[i]))
      action = (CarportScheduleEditAction) i;
  if (cli->days && (days = parse_days (cli->days)) == 0)
    {
      g_autofree char *message = g_strdup_printf (_("“%s” are not days: use mon,tue,… or weekdays, weekend, daily"),
                                                  cli->days);
      carport_cli_finish_with_message (cli, CARPORT_CLI_EXIT_USAGE, message);
      return NULL;
    }

  carport_schedule_set_id (changes, id);
  carport_schedule_set_kind (changes, climate ? CARPORT_SCHEDULE_KIND_CLIMATE : CARPORT_SCHEDULE_KIND_CHARGE);
  carport_schedule_set_days (changes, days);
  carport_schedule_set_start_time (changes, climate ? cli->at : cli->start);
  carport_schedule_set_duration_minutes (changes, cli->duration);
  result = carport_schedule_edit (current, changes, action, NULL, &error);
  if (result == NULL)
    carport_cli_finish_with_message (cli, CARPORT_CLI_EXIT_USAGE, error->message);
  return g_steal_pointer (&result);
}

static void
schedule_edit_refreshed_cb (GObject      *source,
                            GAsyncResult *result,
                            gpointer      user_data)
{
  Cli *cli = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListStore) schedules = NULL;
  g_autoptr(CarportCommand) command = NULL;
  CarportVehicle *vehicle = carport_cli_pick_vehicle (cli);
  gboolean climate = g_str_equal (cli->command->name, "climate");

  /* The programmes are read again first: the car gets back all of them,
   * and others may have changed them since the last look. */
  if (!carport_session_refresh_finish (CARPORT_SESSION (source), result, &error))
    {
      carport_cli_finish_with_error (cli, error);
      return;
    }
  schedules = edit_schedules (cli, vehicle, climate, cli->args[1], atoi (cli->args[2]));
  if (!schedules)
    return;

  command = carport_session_create_command (cli->session, vehicle,
                                            climate ? CARPORT_COMMAND_KIND_HVAC_SCHEDULE
                                                    : CARPORT_COMMAND_KIND_CHARGE_SCHEDULE);
  carport_command_set_schedules (command, G_LIST_MODEL (schedules));
  g_object_set_data (G_OBJECT (command), "cli", cli);
  carport_session_send_command_async (cli->session, command, !cli->no_wait, cli->cancellable,
                                      carport_cli_command_sent_cb, g_object_ref (command));
}

/* charge|climate schedule [set|enable|disable|delete ID]: cli->args[0] is "schedule". */
void
carport_cli_cmd_schedule (Cli *cli)
{
  guint n_args = g_strv_length (cli->args);
  gboolean climate = g_str_equal (cli->command->name, "climate");
  CarportCommandKind kind = climate ? CARPORT_COMMAND_KIND_HVAC_SCHEDULE : CARPORT_COMMAND_KIND_CHARGE_SCHEDULE;
  CarportVehicle *vehicle;
  const char *verb = n_args > 1 ? cli->args[1] : NULL;
  char *end = NULL;
  gint64 id = 0;

  if (n_args == 3)
    id = g_ascii_strtoll (cli->args[2], &end, 10);
  if (n_args != 1 &&
      (n_args != 3 || !g_strv_contains ((const char * const[]) { "set", "enable", "disable", "delete", NULL }, verb) ||
       end == NULL || *end != '\0' || id < 1 || id > 5))
    {
      carport_cli_expect_args (cli, G_MAXUINT);
      return;
    }
  if (!(vehicle = carport_cli_pick_vehicle (cli)))
    return;

  if (n_args == 1)
    {
      carport_session_refresh_async (cli->session, vehicle, cli->cancellable, carport_cli_schedule_refreshed_cb, cli);
      return;
    }
  if (!carport_cli_check_supported (cli, vehicle, kind))
    return;
  carport_session_refresh_async (cli->session, vehicle, cli->cancellable, schedule_edit_refreshed_cb, cli);
}
