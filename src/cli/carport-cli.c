/* carport-cli.c — the commands of carport-cli.
 *
 * Each command is one asynchronous job on a CarportSession, run in a main
 * loop: prepare the session (demo, or the stored login), then act, then print
 * a table for people or the JSON of docs/cli-json.md. */
#define G_LOG_DOMAIN "carport-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "carport-api-error.h"
#include "carport-cli-private.h"
#include "carport-cli-json.h"
#include "carport-cli-prompt.h"
#include "carport-http.h"
#include "carport-demo.h"
#include "carport-memory-store.h"
#include "carport-secret-store.h"
#include "carport-session.h"
#include "carport-account.h"
#include "carport-state-cache.h"
#include "carport-history-store.h"


/* ----------------------------------------------------------------------- */
/* Output helpers                                                          */

/* @text, then spaces up to @width characters (printf pads bytes, which
 * misaligns "—" and translated words). */
void
carport_cli_append_padded (GString    *line,
                           const char *text,
                           glong       width)
{
  g_string_append (line, text);
  for (glong n = g_utf8_strlen (text, -1); n < width; n++)
    g_string_append_c (line, ' ');
}

void
carport_cli_print_row (const char *label,
                       const char *value)
{
  g_autoptr(GString) line = g_string_new ("  ");

  carport_cli_append_padded (line, label, 18);
  g_print ("%s %s\n", line->str, value);
}

static void
flushed_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Cli *cli = user_data;

  carport_session_flush_finish (CARPORT_SESSION (source), result, NULL);
  g_main_loop_quit (cli->loop);
}

/* Ends the run once what the session writes (login, cached state) is kept. */
void
carport_cli_finish (Cli *cli,
                    int  status)
{
  cli->exit_status = status;
  if (cli->session)
    carport_session_flush_async (cli->session, NULL, flushed_cb, cli);
  else
    g_main_loop_quit (cli->loop);
}

CarportCliExit
carport_cli_exit_for_error (const GError *error)
{
  if (error->domain != CARPORT_API_ERROR)
    return CARPORT_CLI_EXIT_FAILED;
  switch ((CarportApiError) error->code)
    {
    case CARPORT_API_ERROR_INVALID_CREDENTIALS:
    case CARPORT_API_ERROR_TFA_CODE_INVALID:
    case CARPORT_API_ERROR_LOGIN_EXPIRED:
    case CARPORT_API_ERROR_UNAUTHORIZED:
      return CARPORT_CLI_EXIT_NOPERM;
    case CARPORT_API_ERROR_NETWORK:
    case CARPORT_API_ERROR_TIMEOUT:
    case CARPORT_API_ERROR_INVALID_RESPONSE:
    case CARPORT_API_ERROR_UPSTREAM:
    case CARPORT_API_ERROR_SERVER:
      return CARPORT_CLI_EXIT_UNAVAILABLE;
    case CARPORT_API_ERROR_QUOTA_LIMIT:
      return CARPORT_CLI_EXIT_TEMPFAIL;
    case CARPORT_API_ERROR_IN_PROGRESS:
      return CARPORT_CLI_EXIT_IN_PROGRESS;
    case CARPORT_API_ERROR_INSECURE_URL:
      return CARPORT_CLI_EXIT_USAGE;
    default:
      return CARPORT_CLI_EXIT_FAILED;
    }
}

void
carport_cli_finish_with_message (Cli            *cli,
                                 CarportCliExit  status,
                                 const char     *message)
{
  g_printerr ("carport-cli: %s\n", message);
  carport_cli_finish (cli, status);
}

void
carport_cli_finish_with_error (Cli          *cli,
                               const GError *error)
{
  carport_cli_finish_with_message (cli, carport_cli_exit_for_error (error), error->message);
}

/* "AB-123-CD", "ab 123 cd" and "AB123CD" are the same plate. */
static char *
plate_key (const char *text)
{
  GString *key = g_string_new (NULL);

  for (const char *p = text; p && *p; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (key, g_ascii_toupper (*p));
  return g_string_free (key, FALSE);
}

static gboolean
vehicle_is_called (CarportVehicle *vehicle,
                   const char     *wanted)
{
  g_autofree char *wanted_plate = plate_key (wanted);
  g_autofree char *plate = plate_key (carport_vehicle_get_registration (vehicle));

  if (g_ascii_strcasecmp (carport_vehicle_get_vin (vehicle), wanted) == 0)
    return TRUE;
  if (*plate && g_strcmp0 (plate, wanted_plate) == 0)
    return TRUE;
  return carport_vehicle_get_model_name (vehicle) &&
         g_utf8_collate (carport_vehicle_get_model_name (vehicle), wanted) == 0;
}

/* The car of any account whose VIN, registration or model name is @wanted:
 * a VIN or plate first, a name only when it names one car. */
static CarportVehicle *
find_vehicle (Cli        *cli,
              const char *wanted)
{
  GListModel *vehicles = carport_session_get_vehicles (cli->session);
  CarportVehicle *by_name = NULL;
  guint n_named = 0;

  for (guint i = 0; i < g_list_model_get_n_items (vehicles); i++)
    {
      g_autoptr(CarportVehicle) vehicle = g_list_model_get_item (vehicles, i);
      g_autofree char *plate = plate_key (carport_vehicle_get_registration (vehicle));
      g_autofree char *wanted_plate = plate_key (wanted);

      if (g_ascii_strcasecmp (carport_vehicle_get_vin (vehicle), wanted) == 0 ||
          (*plate && g_strcmp0 (plate, wanted_plate) == 0))
        return vehicle;   /* the session keeps its reference */
      if (vehicle_is_called (vehicle, wanted))
        {
          by_name = vehicle;
          n_named++;
        }
    }
  return n_named == 1 ? by_name : NULL;
}

CarportVehicle *
carport_cli_pick_vehicle (Cli *cli)
{
  GListModel *vehicles = carport_session_get_vehicles (cli->session);
  g_autoptr(CarportVehicle) first = NULL;

  if (cli->vin)
    {
      CarportVehicle *vehicle = find_vehicle (cli, cli->vin);

      if (!vehicle)
        {
          g_autofree char *message = g_strdup_printf (_("No car called %s in your accounts (give its VIN, registration or name)"),
                                                      cli->vin);

          carport_cli_finish_with_message (cli, CARPORT_CLI_EXIT_USAGE, message);
        }
      return vehicle;
    }

  first = g_list_model_get_item (vehicles, 0);
  if (!first)
    carport_cli_finish_with_message (cli, CARPORT_CLI_EXIT_FAILED, _("This account has no vehicle"));
  return first;  /* the session keeps its reference */
}

/* ----------------------------------------------------------------------- */
/* vehicles                                                                */

/* One line of the vehicles table, in columns (a missing value blank). */
static void
print_vehicle_row (const char *vin,
                   const char *brand,
                   const char *model_code,
                   const char *model_name,
                   const char *registration)
{
  g_autoptr(GString) line = g_string_new (NULL);

  carport_cli_append_padded (line, vin, 18);
  g_string_append_c (line, ' ');
  carport_cli_append_padded (line, brand, 8);
  g_string_append_c (line, ' ');
  carport_cli_append_padded (line, model_code ? model_code : "", 8);
  g_string_append_c (line, ' ');
  carport_cli_append_padded (line, model_name ? model_name : "", 24);
  g_print ("%s %s\n", line->str, registration ? registration : "");
}

static void
cmd_vehicles (Cli *cli)
{
  GListModel *vehicles = carport_session_get_vehicles (cli->session);
  guint n = g_list_model_get_n_items (vehicles);

  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_array (builder);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(CarportVehicle) vehicle = g_list_model_get_item (vehicles, i);

          json_builder_add_value (builder, carport_cli_json_vehicle (vehicle));
        }
      json_builder_end_array (builder);
      root = json_builder_get_root (builder);
      carport_cli_json_print (root);
    }
  else
    {
      print_vehicle_row (_("VIN"), _("Brand"), _("Model"), _("Name"), _("Registration"));
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(CarportVehicle) vehicle = g_list_model_get_item (vehicles, i);

          print_vehicle_row (carport_vehicle_get_vin (vehicle),
                             carport_format_brand (carport_vehicle_get_brand (vehicle)),
                             carport_vehicle_get_model_code (vehicle),
                             carport_vehicle_get_model_name (vehicle),
                             carport_vehicle_get_registration (vehicle));
        }
    }
  carport_cli_finish (cli, 0);
}

/* ----------------------------------------------------------------------- */
/* Commands sent to the car                                                */

gboolean
carport_cli_expect_args (Cli  *cli,
                         guint n)
{
  if (g_strv_length (cli->args) != n)
    {
      g_autofree char *message = g_strdup_printf (_("Usage: carport-cli %s %s"), cli->command->name,
                                                  cli->command->usage);

      carport_cli_finish_with_message (cli, CARPORT_CLI_EXIT_USAGE, message);
      return FALSE;
    }
  return TRUE;
}

static void
cmd_climate (Cli *cli)
{
  const char *what = cli->args[0] ? cli->args[0] : "";

  if (g_str_equal (what, "schedule"))
    carport_cli_cmd_schedule (cli);
  else if (g_str_equal (what, "start") && carport_cli_expect_args (cli, 1))
    carport_cli_send_command (cli, CARPORT_COMMAND_KIND_HVAC_START);
  else if (g_str_equal (what, "stop") && carport_cli_expect_args (cli, 1))
    carport_cli_send_command (cli, CARPORT_COMMAND_KIND_HVAC_STOP);
  else if (!g_strv_contains ((const char * const[]) { "start", "stop", NULL }, what))
    carport_cli_expect_args (cli, G_MAXUINT);
}

static void
cmd_charge (Cli *cli)
{
  guint n_args = g_strv_length (cli->args);
  const char *what = n_args > 0 ? cli->args[0] : "";

  if (g_str_equal (what, "start") && carport_cli_expect_args (cli, 1))
    carport_cli_send_command (cli, CARPORT_COMMAND_KIND_CHARGE_START);
  else if (g_str_equal (what, "stop") && carport_cli_expect_args (cli, 1))
    carport_cli_send_command (cli, CARPORT_COMMAND_KIND_CHARGE_STOP);
  else if (g_str_equal (what, "limits") && carport_cli_expect_args (cli, 1))
    carport_cli_send_command (cli, CARPORT_COMMAND_KIND_SOC_LEVELS);
  else if (g_str_equal (what, "mode") && carport_cli_expect_args (cli, 2))
    {
      CarportChargeMode mode = carport_enum_from_nick (CARPORT_TYPE_CHARGE_MODE, cli->args[1],
                                                       CARPORT_CHARGE_MODE_NONE);
      CarportVehicle *vehicle;
      g_autoptr(CarportCommand) command = NULL;

      if (mode != CARPORT_CHARGE_MODE_ALWAYS && mode != CARPORT_CHARGE_MODE_SCHEDULED)
        {
          carport_cli_finish_with_message (cli, CARPORT_CLI_EXIT_USAGE, _("The charge mode is “always” or “scheduled”"));
          return;
        }
      if (!(vehicle = carport_cli_pick_vehicle (cli)))
        return;
      if (!carport_vehicle_supports_command (vehicle, CARPORT_COMMAND_KIND_CHARGE_MODE))
        {
          carport_cli_finish_with_message (cli, CARPORT_CLI_EXIT_FAILED, _("This car does not let Carport change its charge mode"));
          return;
        }
      command = carport_session_create_command (cli->session, vehicle, CARPORT_COMMAND_KIND_CHARGE_MODE);
      carport_command_set_charge_mode (command, mode);
      g_object_set_data (G_OBJECT (command), "cli", cli);
      carport_session_send_command_async (cli->session, command, !cli->no_wait, cli->cancellable,
                                          carport_cli_command_sent_cb, g_object_ref (command));
    }
  else if (g_str_equal (what, "schedule"))
    carport_cli_cmd_schedule (cli);
  else if (!g_strv_contains ((const char * const[]) { "start", "stop", "limits", "mode", "schedule", NULL }, what))
    carport_cli_expect_args (cli, G_MAXUINT);
}

static void
cmd_horn (Cli *cli)
{
  carport_cli_send_command (cli, CARPORT_COMMAND_KIND_HORN);
}

static void
cmd_lights (Cli *cli)
{
  carport_cli_send_command (cli, CARPORT_COMMAND_KIND_LIGHTS);
}

static void
cmd_lock (Cli *cli)
{
  carport_cli_send_pin_command (cli, CARPORT_COMMAND_KIND_LOCK);
}

static void
cmd_unlock (Cli *cli)
{
  carport_cli_send_pin_command (cli, CARPORT_COMMAND_KIND_UNLOCK);
}

static void
cmd_engine (Cli *cli)
{
  const char *what = cli->args[0] ? cli->args[0] : "";

  if (g_str_equal (what, "start") && carport_cli_expect_args (cli, 1))
    carport_cli_send_pin_command (cli, CARPORT_COMMAND_KIND_ENGINE_START);
  else if (g_str_equal (what, "stop") && carport_cli_expect_args (cli, 1))
    carport_cli_send_pin_command (cli, CARPORT_COMMAND_KIND_ENGINE_STOP);
  else if (!g_strv_contains ((const char * const[]) { "start", "stop", NULL }, what))
    carport_cli_expect_args (cli, G_MAXUINT);
}

static void
cmd_srp (Cli *cli)
{
  if (g_strv_length (cli->args) == 1 && g_str_equal (cli->args[0], "enrol"))
    carport_cli_send_pin_command (cli, CARPORT_COMMAND_KIND_SRP_ENROL);
  else if (g_strv_length (cli->args) == 1 && g_str_equal (cli->args[0], "forget"))
    carport_cli_forget_pin (cli);
  else
    carport_cli_expect_args (cli, G_MAXUINT);
}

static void
cmd_device (Cli *cli)
{
  if (g_strv_length (cli->args) == 1 && g_str_equal (cli->args[0], "forget"))
    carport_cli_forget_device (cli);
  else
    carport_cli_expect_args (cli, G_MAXUINT);
}

static void
cmd_locate (Cli *cli)
{
  carport_cli_send_command (cli, CARPORT_COMMAND_KIND_REFRESH_LOCATION);
}

/* ----------------------------------------------------------------------- */
/* login / logout                                                          */

static void login_done (Cli *cli, GAsyncResult *result, gboolean code_step);

static void
code_submitted_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  login_done (user_data, result, TRUE);
}

static void
login_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  login_done (user_data, result, FALSE);
}

static void
login_done (Cli          *cli,
            GAsyncResult *result,
            gboolean      code_step)
{
  g_autoptr(GError) error = NULL;
  CarportAccount *account;
  gboolean ok;
  guint n;

  if (code_step)
    ok = carport_session_submit_code_finish (cli->session, result, &error);
  else
    ok = carport_session_login_finish (cli->session, result, &error);

  if (!ok && g_error_matches (error, CARPORT_API_ERROR, CARPORT_API_ERROR_TFA_REQUIRED))
    {
      g_autoptr(GError) prompt_error = NULL;
      g_autofree char *code = NULL;

      g_printerr ("%s\n", error->message);
      if (cli->password_stdin)
        code = carport_cli_read_stdin_line (&prompt_error);
      else
        code = carport_cli_prompt_line (_("Verification code: "), &prompt_error);
      if (!code)
        {
          carport_cli_finish_with_error (cli, prompt_error);
          return;
        }
      g_strstrip (code);
      carport_session_submit_code_async (cli->session, code, cli->cancellable, code_submitted_cb, cli);
      return;
    }
  if (!ok)
    {
      carport_cli_finish_with_error (cli, error);
      return;
    }

  account = carport_session_find_account (cli->session, cli->brand ? cli->brand : "renault", cli->email);
  n = account ? g_list_model_get_n_items (carport_account_get_vehicles (account)) : 0;
  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "brand");
      json_builder_add_string_value (builder, account ? carport_account_get_brand_id (account) : NULL);
      json_builder_set_member_name (builder, "email");
      json_builder_add_string_value (builder, cli->email);
      json_builder_set_member_name (builder, "vehicles");
      json_builder_add_int_value (builder, n);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      carport_cli_json_print (root);
    }
  else
    g_print (g_dngettext (GETTEXT_PACKAGE, "Logged in as %s: %u vehicle\n", "Logged in as %s: %u vehicles\n", n),
             cli->email, n);
  carport_cli_finish (cli, 0);
}

static void
cmd_login (Cli *cli)
{
  g_autoptr(GError) error = NULL;

  if (!cli->email)
    {
      carport_cli_finish_with_message (cli, CARPORT_CLI_EXIT_USAGE, _("Usage: carport-cli login --brand renault|nissan [--locale fr_FR] --email ADDRESS [--password-stdin]"));
      return;
    }

  if (cli->password_stdin)
    cli->password = carport_cli_read_stdin_line (&error);
  else
    cli->password = carport_cli_prompt_secret (_("Password: "), &error);
  if (!cli->password)
    {
      carport_cli_finish_with_error (cli, error);
      return;
    }

  carport_session_login_async (cli->session, cli->brand ? cli->brand : "renault", cli->locale,
                               cli->email, cli->password, cli->cancellable, login_cb, cli);
  /* The session copied what it needs; the password is not kept. */
  g_clear_pointer (&cli->password, carport_cli_secret_free);
}

static void
logout_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Cli *cli = user_data;
  g_autoptr(GError) error = NULL;

  if (!carport_session_logout_finish (CARPORT_SESSION (source), result, &error))
    {
      carport_cli_finish_with_error (cli, error);
      return;
    }
  if (!cli->json)
    g_print ("%s\n", _("Logged out; the login was removed from the keyring"));
  carport_cli_finish (cli, 0);
}

static void
cmd_logout (Cli *cli)
{
  if (cli->account)
    carport_session_forget_login_async (cli->session, cli->brand, cli->account, cli->cancellable, logout_cb, cli);
  else
    carport_session_logout_async (cli->session, NULL, cli->cancellable, logout_cb, cli);
}

/* ----------------------------------------------------------------------- */
/* Preparing the session                                                   */

#define OPTIONS(...) ((const char * const[]) { __VA_ARGS__, NULL })
#define SENT_OPTIONS "vin", "no-wait"

static const Command commands[] = {
  { "login",    "--email ADDRESS [--brand renault|dacia|alpine|nissan] [--locale fr_FR] [--password-stdin]",
    N_("Log in; the login is kept in the keyring"), cmd_login, FALSE,
    OPTIONS ("email", "brand", "locale", "password-stdin") },
  { "logout",   "[--account EMAIL [--brand BRAND]]", N_("Forget the logins (or one) and their cached state"), cmd_logout, FALSE,
    OPTIONS ("account", "brand") },
  { "vehicles", "", N_("List the vehicles of the account"), cmd_vehicles, TRUE, NULL },
  { "status",   "[--vin VIN]", N_("Show the state of a vehicle"), carport_cli_cmd_status, TRUE, OPTIONS ("vin") },
  { "refresh",  "[--vin VIN]", N_("Refresh every vehicle (or one) and show it"), carport_cli_cmd_refresh, TRUE, OPTIONS ("vin") },
  { "climate",  "start [--temperature C] [--at TIME] | stop | schedule [set ID --days DAYS --at HH:MM | enable ID | disable ID | delete ID] [--vin VIN] [--no-wait]",
    N_("Start or stop the climate control, show or change its programmes"), cmd_climate, TRUE,
    OPTIONS (SENT_OPTIONS, "temperature", "at", "days") },
  { "charge",   "start [--at TIME] | stop | mode always|scheduled | limits --min N --target N | schedule [set ID --days DAYS --start HH:MM --duration MINUTES | enable ID | disable ID | delete ID] [--vin VIN] [--no-wait]",
    N_("Start or stop charging, set the charge mode or limits, show or change the programmes"), cmd_charge, TRUE,
    OPTIONS (SENT_OPTIONS, "at", "min", "target", "days", "start", "duration") },
  { "horn",     "[--vin VIN] [--no-wait]", N_("Sound the horn"), cmd_horn, TRUE, OPTIONS (SENT_OPTIONS) },
  { "lights",   "[--vin VIN] [--no-wait]", N_("Flash the lights"), cmd_lights, TRUE, OPTIONS (SENT_OPTIONS) },
  { "locate",   "[--vin VIN] [--no-wait]", N_("Ask the car for its position"), cmd_locate, TRUE, OPTIONS (SENT_OPTIONS) },
  { "lock",     "[--pin-stdin] [--remember-pin] [--vin VIN] [--no-wait]",
    N_("Lock the car (experimental; asks for its PIN unless one is remembered)"), cmd_lock, TRUE,
    OPTIONS (SENT_OPTIONS, "pin-stdin", "remember-pin") },
  { "unlock",   "[--pin-stdin] [--remember-pin] [--vin VIN] [--no-wait]",
    N_("Unlock the car (experimental; asks for its PIN unless one is remembered)"), cmd_unlock, TRUE,
    OPTIONS (SENT_OPTIONS, "pin-stdin", "remember-pin") },
  { "engine",   "start|stop [--pin-stdin] [--remember-pin] [--vin VIN] [--no-wait]",
    N_("Start or stop the engine remotely (experimental; asks for the car’s PIN unless one is remembered)"), cmd_engine, TRUE,
    OPTIONS (SENT_OPTIONS, "pin-stdin", "remember-pin") },
  { "srp",      "enrol [--pin-stdin] [--remember-pin] [--vin VIN] | forget [--vin VIN]",
    N_("Set the PIN that remote lock, unlock and engine start ask for, or forget the remembered one (experimental)"), cmd_srp, TRUE,
    OPTIONS ("vin", "pin-stdin", "remember-pin") },
  { "device",   "forget [--vin VIN]",
    N_("Unregister this computer from the car’s remote lock (a Nissan; experimental)"),
    cmd_device, TRUE, OPTIONS ("vin") },
  { "history",  "charges|climate|readings [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--csv] [--vin VIN]",
    N_("List the charging sessions, the climate use or the readings of a period (default: the last 30 days)"),
    carport_cli_cmd_history, TRUE, OPTIONS ("vin", "from", "to", "csv") },
  { "http",     "get PATH | post PATH [BODY|-] [--vin VIN]",
    N_("Send a request of your own through the login to the car’s server; PATH may hold {vin} and {account}"),
    carport_cli_cmd_http, TRUE, OPTIONS ("vin") },
};

static void
run_command (Cli *cli)
{
  cli->command->func (cli);
}

static void
restore_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Cli *cli = user_data;
  g_autoptr(GError) error = NULL;

  if (!carport_session_restore_finish (CARPORT_SESSION (source), result, &error))
    {
      if (error)
        carport_cli_finish_with_error (cli, error);
      else
        carport_cli_finish_with_message (cli, CARPORT_CLI_EXIT_NOPERM, _("Not logged in: run “carport-cli login” first, or try “carport-cli --demo”"));
      return;
    }
  run_command (cli);
}

static void
demo_ready_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  Cli *cli = user_data;
  g_autoptr(GError) error = NULL;

  cli->session = carport_demo_session_new_finish (result, &error);
  if (!cli->session)
    {
      carport_cli_finish_with_error (cli, error);
      return;
    }
  if (cli->command->func == cmd_login || cli->command->func == cmd_logout)
    {
      carport_cli_finish_with_message (cli, CARPORT_CLI_EXIT_USAGE, _("The demo is always logged in"));
      return;
    }
  run_command (cli);
}

static gboolean
start_cb (gpointer user_data)
{
  Cli *cli = user_data;

  if (cli->demo)
    {
      carport_demo_session_new_async (cli->cancellable, demo_ready_cb, cli);
      return G_SOURCE_REMOVE;
    }

  {
    g_autoptr(CarportCredentialStore) store = CARPORT_CREDENTIAL_STORE (carport_secret_store_new ());
    g_autoptr(CarportStateCache) cache = carport_state_cache_new ();

    g_autoptr(CarportHistoryStore) history = carport_history_store_new ();

    carport_history_store_follow_settings (history, g_settings_schema_source_get_default ());
    cli->session = carport_session_new (store, cache);
    carport_session_set_history (cli->session, history);
  }

  if (cli->command->needs_login)
    carport_session_restore_async (cli->session, cli->cancellable, restore_cb, cli);
  else
    run_command (cli);
  return G_SOURCE_REMOVE;
}

int
carport_cli_run (int    argc,
                 char **argv)
{
  Cli cli = { 0 };
  int status;

  cli.temperature = CARPORT_UNKNOWN_DOUBLE;
  cli.soc_min = -1;
  cli.soc_target = -1;
  cli.duration = -1;

  status = carport_cli_parse (&cli, commands, G_N_ELEMENTS (commands), argc, argv);
  if (status >= 0)
    return status;
  if (cli.debug)
    carport_http_set_trace (TRUE);

  cli.loop = g_main_loop_new (NULL, FALSE);
  cli.cancellable = g_cancellable_new ();
  g_idle_add (start_cb, &cli);
  g_main_loop_run (cli.loop);

  g_cancellable_cancel (cli.cancellable);
  g_clear_object (&cli.session);
  g_clear_object (&cli.cancellable);
  g_clear_pointer (&cli.loop, g_main_loop_unref);
  g_clear_pointer (&cli.args, g_strfreev);
  g_clear_pointer (&cli.password, carport_cli_secret_free);
  g_clear_pointer (&cli.remembered_pin, carport_cli_secret_free);
  g_free (cli.vin);
  g_free (cli.brand);
  g_free (cli.account);
  g_free (cli.locale);
  g_free (cli.email);
  g_free (cli.at);
  g_free (cli.from);
  g_free (cli.to);
  g_free (cli.days);
  g_free (cli.start);
  return cli.exit_status;
}
