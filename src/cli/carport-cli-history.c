/* carport-cli-history.c — carport-cli history charges|climate|readings: a
 * car's past from the cloud and the history store, as a table, JSON
 * (docs/cli-json.md) or CSV. */
#define G_LOG_DOMAIN "carport-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "carport-cli-private.h"
#include "carport-cli-json.h"
#include "carport-history.h"

typedef enum {
  HISTORY_CHARGES,
  HISTORY_CLIMATE,
  HISTORY_READINGS,
} HistoryKind;

static const char * const history_kinds[] = { "charges", "climate", "readings" };

static GDateTime *
parse_day (const char *text)
{
  int year, month, day;
  char extra;

  if (!text || sscanf (text, "%d-%d-%d%c", &year, &month, &day, &extra) != 3)
    return NULL;
  return g_date_time_new_local (year, month, day, 0, 0, 0);
}

static void
add_int_or_null (JsonBuilder *builder,
                 const char  *name,
                 int          value)
{
  json_builder_set_member_name (builder, name);
  if (value >= 0)
    json_builder_add_int_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_double_or_null (JsonBuilder *builder,
                    const char  *name,
                    double       value)
{
  json_builder_set_member_name (builder, name);
  if (carport_is_known (value))
    json_builder_add_double_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_string_or_null (JsonBuilder *builder,
                    const char  *name,
                    const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_time (JsonBuilder *builder,
          const char  *name,
          GDateTime   *when)
{
  g_autofree char *text = carport_format_iso8601_utc (when);

  json_builder_set_member_name (builder, name);
  text ? json_builder_add_string_value (builder, text) : json_builder_add_null_value (builder);
}

static void
add_unix_time (JsonBuilder *builder,
               const char  *name,
               gint64       seconds)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_utc (seconds);

  add_time (builder, name, when);
}

static void
print_csv_and_finish (Cli  *cli,
                      char *csv)
{
  g_autofree char *owned = csv;

  fputs (owned, stdout);
  carport_cli_finish (cli, 0);
}

static void
print_json_and_finish (Cli         *cli,
                       JsonBuilder *builder)
{
  g_autoptr(JsonNode) root = json_builder_get_root (builder);

  carport_cli_json_print (root);
  carport_cli_finish (cli, 0);
}

static char *
format_local (GDateTime *when)
{
  g_autoptr(GDateTime) local = when ? g_date_time_to_local (when) : NULL;

  return local ? g_date_time_format (local, "%x %H:%M") : g_strdup ("—");
}

static char *
format_local_unix (gint64 seconds)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_utc (seconds);

  return format_local (when);
}

static void
charges_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Cli *cli = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) charges = NULL;
  gboolean reported = FALSE;

  charges = carport_history_get_charges_finish (result, &reported, &error);
  if (!charges)
    {
      carport_cli_finish_with_error (cli, error);
      return;
    }

  if (cli->csv)
    {
      print_csv_and_finish (cli, carport_history_charges_csv (charges));
      return;
    }
  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < charges->len; i++)
        {
          CarportChargeSession *charge = g_ptr_array_index (charges, i);

          json_builder_begin_object (builder);
          add_time (builder, "start", charge->start);
          add_time (builder, "end", charge->end);
          add_int_or_null (builder, "duration_minutes", charge->duration_minutes);
          add_int_or_null (builder, "start_level_percent", charge->start_level_percent);
          add_int_or_null (builder, "end_level_percent", charge->end_level_percent);
          add_double_or_null (builder, "energy_kwh", charge->energy_kwh);
          add_double_or_null (builder, "average_power_kw", carport_charge_session_average_power_kw (charge));
          add_int_or_null (builder, "recovered_percent", charge->recovered_percent);
          add_double_or_null (builder, "start_power_kw", charge->start_power_kw);
          add_string_or_null (builder, "power", charge->power_kind);
          add_string_or_null (builder, "end_status", charge->end_status);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      print_json_and_finish (cli, builder);
      return;
    }

  if (charges->len == 0)
    g_print ("%s\n", reported ? _("No charge in this period")
                              : _("This car does not report its charging sessions, and Carport saw none"));
  for (guint i = 0; i < charges->len; i++)
    {
      CarportChargeSession *charge = g_ptr_array_index (charges, i);
      g_autofree char *when = format_local (charge->start);
      g_autofree char *duration = carport_format_duration_minutes (charge->duration_minutes);
      g_autofree char *from = carport_format_percent (charge->start_level_percent);
      g_autofree char *to = carport_format_percent (charge->end_level_percent);
      g_autofree char *energy = carport_format_energy (charge->energy_kwh);

      g_print ("%-20s %-12s %6s → %-6s %s\n", when, duration, from, to, energy);
    }
  carport_cli_finish (cli, 0);
}

static void
climate_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Cli *cli = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) runs = carport_history_get_climate_finish (result, NULL, &error);

  if (!runs)
    {
      carport_cli_finish_with_error (cli, error);
      return;
    }
  if (cli->csv)
    {
      print_csv_and_finish (cli, carport_history_climate_csv (runs));
      return;
    }
  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < runs->len; i++)
        {
          CarportClimateRun *run = &g_array_index (runs, CarportClimateRun, i);

          json_builder_begin_object (builder);
          add_unix_time (builder, "start", run->start);
          add_unix_time (builder, "end", run->end);
          add_int_or_null (builder, "duration_minutes", (int) ((run->end - run->start) / 60));
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      print_json_and_finish (cli, builder);
      return;
    }

  if (runs->len == 0)
    g_print ("%s\n", _("No climate use in this period"));
  for (guint i = 0; i < runs->len; i++)
    {
      CarportClimateRun *run = &g_array_index (runs, CarportClimateRun, i);
      g_autofree char *when = format_local_unix (run->start);
      g_autofree char *duration = carport_format_duration_minutes ((int) ((run->end - run->start) / 60));

      g_print ("%-20s %s\n", when, duration);
    }
  carport_cli_finish (cli, 0);
}

static void
print_readings (Cli    *cli,
                GArray *readings)
{
  if (cli->csv)
    {
      print_csv_and_finish (cli, carport_history_readings_csv (readings));
      return;
    }
  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < readings->len; i++)
        {
          CarportReading *reading = &g_array_index (readings, CarportReading, i);

          json_builder_begin_object (builder);
          add_unix_time (builder, "time", reading->time);
          json_builder_set_member_name (builder, "reading");
          json_builder_add_string_value (builder, carport_reading_kind_to_string (reading->kind));
          add_double_or_null (builder, "value", reading->value);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      print_json_and_finish (cli, builder);
      return;
    }

  if (readings->len == 0)
    g_print ("%s\n", _("No readings yet: Carport records them at each refresh"));
  for (guint i = 0; i < readings->len; i++)
    {
      CarportReading *reading = &g_array_index (readings, CarportReading, i);
      g_autofree char *when = format_local_unix (reading->time);
      char value[G_ASCII_DTOSTR_BUF_SIZE];

      g_print ("%-20s %-20s %s\n", when, carport_reading_kind_to_string (reading->kind),
               g_ascii_formatd (value, sizeof value, "%.6g", reading->value));
    }
  carport_cli_finish (cli, 0);
}

static void
readings_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Cli *cli = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) readings = carport_history_get_readings_finish (result, &error);

  if (!readings)
    carport_cli_finish_with_error (cli, error);
  else
    print_readings (cli, readings);
}

void
carport_cli_cmd_history (Cli *cli)
{
  g_autoptr(GDateTime) from = NULL;
  g_autoptr(GDateTime) to = NULL;
  CarportVehicle *vehicle;

  if (!carport_cli_expect_args (cli, 1))
    return;
  if (!g_strv_contains (history_kinds, cli->args[0]))
    {
      carport_cli_expect_args (cli, G_MAXUINT);
      return;
    }
  if (cli->csv && cli->json)
    {
      carport_cli_finish_with_message (cli, CARPORT_CLI_EXIT_USAGE, _("Choose one of --json and --csv"));
      return;
    }
  to = cli->to ? parse_day (cli->to) : g_date_time_new_now_local ();
  from = cli->from ? parse_day (cli->from) : g_date_time_add_days (to, -30);
  if (!from || !to)
    {
      carport_cli_finish_with_message (cli, CARPORT_CLI_EXIT_USAGE, _("Dates are written YYYY-MM-DD"));
      return;
    }
  if (g_date_time_compare (from, to) > 0)
    {
      carport_cli_finish_with_message (cli, CARPORT_CLI_EXIT_USAGE, _("--from must not be after --to"));
      return;
    }
  if (!(vehicle = carport_cli_pick_vehicle (cli)))
    return;
  if (g_str_equal (cli->args[0], history_kinds[HISTORY_CHARGES]))
    carport_history_get_charges_async (cli->session, vehicle, from, to, cli->cancellable, charges_cb, cli);
  else if (g_str_equal (cli->args[0], history_kinds[HISTORY_CLIMATE]))
    carport_history_get_climate_async (cli->session, vehicle, from, to, cli->cancellable, climate_cb, cli);
  else
    /* Through the end of the last day (the default: now). */
    carport_history_get_readings_async (cli->session, vehicle, g_date_time_to_unix (from),
                                        cli->to ? g_date_time_to_unix (to) + 86399 : g_date_time_to_unix (to),
                                        cli->cancellable, readings_cb, cli);
}
