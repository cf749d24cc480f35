/* carport-cli-commands.c — commands sent to a car from carport-cli: built
 * from the options, sent, and reported with an exit status that says what
 * is known of their outcome (see EXIT STATUS in carport-cli(1)). */
#define G_LOG_DOMAIN "carport-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "carport-api-error.h"
#include "carport-cli-json.h"
#include "carport-cli-private.h"
#include "carport-cli-prompt.h"
#include "carport-demo.h"

/* What the exit status says of @command, which did not complete. */
static CarportCliExit
exit_status (CarportCommand *command,
             const GError   *error)
{
  if (g_error_matches (error, CARPORT_API_ERROR, CARPORT_API_ERROR_IN_PROGRESS))
    return CARPORT_CLI_EXIT_IN_PROGRESS;
  switch (carport_command_get_state (command))
    {
    case CARPORT_COMMAND_STATE_TIMED_OUT:
    case CARPORT_COMMAND_STATE_UNKNOWN:
      return CARPORT_CLI_EXIT_NOT_CONFIRMED;
    default:
      /* Not sent (the servers, the login) or refused by the car. */
      return error ? carport_cli_exit_for_error (error) : CARPORT_CLI_EXIT_FAILED;
    }
}

static void
print_done (CarportCommand *command)
{
  const char *title = carport_command_kind_get_title (carport_command_get_kind (command));

  if (carport_command_get_state (command) == CARPORT_COMMAND_STATE_PENDING)
    g_print (_("%s: sent; the car has not confirmed it yet\n"), title);
  else if (carport_command_get_message (command))
    /* Translators: a command, then how its outcome was learnt (e.g. "Start climate: done. The server did not answer, but…") */
    g_print (_("%s: done. %s\n"), title, carport_command_get_message (command));
  else
    g_print (_("%s: done\n"), title);
}

/* One line on stderr: why, and for a command whose outcome is not known, that
 * it is not known. */
static char *
describe_failure (CarportCommand *command,
                  const GError   *error)
{
  const char *why = error ? error->message : carport_command_get_message (command);

  if (exit_status (command, error) != CARPORT_CLI_EXIT_NOT_CONFIRMED)
    return g_strdup (why);
  /* Translators: a command, then why its outcome is not known */
  return g_strdup_printf (_("%s: outcome unknown. %s"),
                          carport_command_kind_get_title (carport_command_get_kind (command)), why);
}

void
carport_cli_command_sent_cb (GObject      *source,
                             GAsyncResult *result,
                             gpointer      user_data)
{
  g_autoptr(CarportCommand) command = user_data;
  Cli *cli = g_object_get_data (G_OBJECT (command), "cli");
  g_autoptr(GError) error = NULL;
  g_autofree char *failure = NULL;
  CarportCommandKind kind = carport_command_get_kind (command);
  gboolean ok;

  ok = carport_session_send_command_finish (CARPORT_SESSION (source), result, &error);

  if (cli->json)
    {
      g_autoptr(JsonNode) root = carport_cli_json_command (command);

      carport_cli_json_print (root);
    }
  else if (ok)
    print_done (command);

  if (!ok)
    {
      failure = describe_failure (command, error);
      g_printerr ("carport-cli: %s\n", failure);
      carport_cli_finish (cli, exit_status (command, error));
      return;
    }
  if (!cli->json && (kind == CARPORT_COMMAND_KIND_CHARGE_SCHEDULE || kind == CARPORT_COMMAND_KIND_HVAC_SCHEDULE) &&
      carport_command_get_state (command) == CARPORT_COMMAND_STATE_COMPLETED)
    {
      /* Show the programmes as the car now reports them. */
      carport_session_refresh_async (cli->session, carport_cli_pick_vehicle (cli), cli->cancellable,
                                     carport_cli_schedule_refreshed_cb, cli);
      return;
    }
  carport_cli_finish (cli, CARPORT_CLI_EXIT_OK);
}

static gboolean
parse_time (Cli         *cli,
            const char  *text,
            GDateTime  **out)
{
  g_autoptr(GDateTime) parsed = NULL;

  if (!text)
    return TRUE;

  parsed = carport_parse_iso8601 (text);
  if (!parsed)
    {
      /* "HH:MM" today (or tomorrow when already past), local time. */
      int hours, minutes;

      if (carport_parse_clock (text, &hours, &minutes))
        {
          g_autoptr(GDateTime) now = g_date_time_new_now_local ();

          parsed = g_date_time_new_local (g_date_time_get_year (now), g_date_time_get_month (now),
                                          g_date_time_get_day_of_month (now), hours, minutes, 0);
          if (g_date_time_compare (parsed, now) <= 0)
            {
              GDateTime *tomorrow = g_date_time_add_days (parsed, 1);

              g_date_time_unref (parsed);
              parsed = tomorrow;
            }
        }
    }
  if (!parsed)
    {
      g_autofree char *message = g_strdup_printf (_("“%s” is not a time: use HH:MM or 2026-01-31T07:30:00Z"), text);

      carport_cli_finish_with_message (cli, CARPORT_CLI_EXIT_USAGE, message);
      return FALSE;
    }
  *out = g_steal_pointer (&parsed);
  return TRUE;
}

/* FALSE, after saying so, when @vehicle does not offer @kind. */
gboolean
carport_cli_check_supported (Cli                *cli,
                             CarportVehicle     *vehicle,
                             CarportCommandKind  kind)
{
  g_autofree char *message = NULL;

  if (carport_vehicle_supports_command (vehicle, kind))
    return TRUE;
  message = g_strdup_printf (_("%s is not available on this car (%s)"),
                             carport_command_kind_get_title (kind),
                             carport_vehicle_get_display_name (vehicle));
  carport_cli_finish_with_message (cli, CARPORT_CLI_EXIT_FAILED, message);
  return FALSE;
}

void
carport_cli_send_command (Cli                *cli,
                          CarportCommandKind  kind)
{
  CarportVehicle *vehicle = carport_cli_pick_vehicle (cli);
  g_autoptr(CarportCommand) command = NULL;
  g_autoptr(GDateTime) start_at = NULL;
  g_autoptr(GError) error = NULL;

  if (!vehicle)
    return;
  if (!carport_cli_check_supported (cli, vehicle, kind))
    return;
  if (!parse_time (cli, cli->at, &start_at))
    return;

  command = carport_session_create_command (cli->session, vehicle, kind);
  if (carport_is_known (cli->temperature))
    carport_command_set_temperature_c (command, cli->temperature);
  if (start_at)
    carport_command_set_start_at (command, start_at);
  if (cli->soc_min >= 0)
    carport_command_set_soc_min_percent (command, cli->soc_min);
  if (cli->soc_target >= 0)
    carport_command_set_soc_target_percent (command, cli->soc_target);
  /* What the car cannot take is refused here, as the window and the
   * protocol layer refuse it (the car's capabilities). */
  if (!carport_vehicle_check_command (vehicle, command, &error))
    {
      carport_cli_finish_with_error (cli, error);
      return;
    }

  g_object_set_data (G_OBJECT (command), "cli", cli);
  carport_session_send_command_async (cli->session, command, !cli->no_wait, cli->cancellable,
                                      carport_cli_command_sent_cb, g_object_ref (command));
}

/* Takes the remembered PIN, or asks for it (on the terminal without echo,
 * or from standard input), and sends @kind. */
static void
send_with_pin (Cli                *cli,
               CarportVehicle     *vehicle,
               CarportCommandKind  kind)
{
  g_autoptr(CarportCommand) command = NULL;
  g_autoptr(GError) error = NULL;
  CarportPinSource source;
  char *pin;

  source = carport_cli_pin_source (cli);
  pin = cli->remembered_pin ? g_steal_pointer (&cli->remembered_pin)
      : cli->pin_stdin ? carport_cli_read_stdin_line (&error)
      : carport_cli_prompt_secret (kind == CARPORT_COMMAND_KIND_SRP_ENROL ? _("New PIN: ") : _("PIN: "), &error);
  if (pin == NULL)
    {
      carport_cli_finish_with_error (cli, error);
      return;
    }
  command = carport_session_create_command (cli->session, vehicle, kind);
  carport_command_set_pin_source (command, source);
  carport_command_set_pin (command, pin);
  carport_cli_secret_free (pin);
  g_object_set_data (G_OBJECT (command), "cli", cli);
  carport_session_send_command_async (cli->session, command, !cli->no_wait, cli->cancellable,
                                      carport_cli_command_sent_cb, g_object_ref (command));
}

/* Registering this computer for the car first (Nissan, api-nissan.md §3.4). */
typedef struct {
  Cli                *cli;
  CarportVehicle     *vehicle;  /* owned */
  CarportCommandKind  kind;
} DeviceStep;

static void
device_step_free (DeviceStep *step)
{
  g_clear_object (&step->vehicle);
  g_free (step);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeviceStep, device_step_free)

/* Ends with @error and says that nothing went to the car. */
static void
device_step_fail (DeviceStep   *step,
                  const GError *error)
{
  g_autofree char *message = g_strdup_printf (_("%s Nothing was sent to the car."), error->message);

  /* A wrong or expired code is no login problem. */
  carport_cli_finish_with_message (step->cli,
                                   g_error_matches (error, CARPORT_API_ERROR, CARPORT_API_ERROR_TFA_CODE_INVALID)
                                   ? CARPORT_CLI_EXIT_FAILED : carport_cli_exit_for_error (error),
                                   message);
}

static void
device_registered_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(DeviceStep) step = user_data;
  g_autoptr(GError) error = NULL;

  if (!carport_session_device_finish (CARPORT_SESSION (source), result, NULL, &error))
    {
      device_step_fail (step, error);
      return;
    }
  g_printerr (_("This computer is now registered for %s.\n"), carport_vehicle_get_display_name (step->vehicle));
  send_with_pin (step->cli, step->vehicle, step->kind);
}

static void
device_code_sent_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(DeviceStep) step = user_data;
  g_autoptr(GError) error = NULL;
  Cli *cli = step->cli;
  CarportVehicle *vehicle;
  char *code;

  if (!carport_session_device_finish (CARPORT_SESSION (source), result, NULL, &error))
    {
      device_step_fail (step, error);
      return;
    }
  g_printerr (_("Nissan has e-mailed a 6-digit code to the account’s address.\n"));
  /* A demo has no mailbox: the code is shown. */
  if (carport_demo_session_get_emailed_code (cli->session) != NULL)
    g_printerr (_("Demo: the simulated e-mail says %s.\n"), carport_demo_session_get_emailed_code (cli->session));
  code = cli->pin_stdin ? carport_cli_read_stdin_line (&error)
                        : carport_cli_prompt_secret (_("Code from the e-mail: "), &error);
  if (code == NULL)
    {
      carport_cli_finish_with_error (cli, error);
      return;
    }
  g_strstrip (code);
  vehicle = step->vehicle;
  carport_session_device_async (cli->session, vehicle, CARPORT_DEVICE_STEP_REGISTER, code, cli->cancellable,
                                device_registered_cb, g_steal_pointer (&step));
  carport_cli_secret_free (code);
}

static void
device_checked_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(DeviceStep) step = user_data;
  g_autoptr(GError) error = NULL;
  gboolean registered = FALSE;
  CarportVehicle *vehicle;
  Cli *cli;

  if (!carport_session_device_finish (CARPORT_SESSION (source), result, &registered, &error))
    {
      device_step_fail (step, error);
      return;
    }
  if (registered)
    {
      send_with_pin (step->cli, step->vehicle, step->kind);
      return;
    }
  g_printerr (_("This computer is not registered for %s yet: asking Nissan for a code…\n"),
              carport_vehicle_get_display_name (step->vehicle));
  cli = step->cli;
  vehicle = step->vehicle;
  carport_session_device_async (cli->session, vehicle, CARPORT_DEVICE_STEP_REQUEST_CODE, NULL, cli->cancellable,
                                device_code_sent_cb, g_steal_pointer (&step));
}

void
carport_cli_send_pin_command (Cli                *cli,
                              CarportCommandKind  kind)
{
  CarportVehicle *vehicle = carport_cli_pick_vehicle (cli);
  DeviceStep *step;

  /* A remembered PIN first (carport_cli_lookup_pin() comes back here). */
  if (!vehicle || !carport_cli_check_supported (cli, vehicle, kind) || carport_cli_lookup_pin (cli, vehicle, kind))
    return;
  if (!carport_session_registers_devices (cli->session, vehicle))
    {
      send_with_pin (cli, vehicle, kind);
      return;
    }
  step = g_new0 (DeviceStep, 1);
  step->cli = cli;
  step->vehicle = g_object_ref (vehicle);
  step->kind = kind;
  carport_session_device_async (cli->session, vehicle, CARPORT_DEVICE_STEP_CHECK, NULL, cli->cancellable,
                                device_checked_cb, step);
}
