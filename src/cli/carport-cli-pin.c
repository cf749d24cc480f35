/* carport-cli-pin.c — what remote lock keeps for a car, in carport-cli:
 * lock and unlock use the PIN kept in the keyring (only after
 * --remember-pin), and "srp forget" forgets it; "device forget" has the
 * brand forget this computer (a Nissan registers it for the car's remote
 * lock), the remembered PIN staying.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "carport-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "carport-api-error.h"
#include "carport-cli-json.h"
#include "carport-cli-private.h"
#include "carport-credential-store.h"

typedef struct {
  Cli                *cli;
  CarportCommandKind  kind;
} Lookup;

static void
pin_looked_up_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autofree Lookup *lookup = user_data;
  Cli *cli = lookup->cli;
  g_autoptr(GError) error = NULL;

  cli->remembered_pin = carport_session_lookup_pin_finish (CARPORT_SESSION (source), result, &error);
  /* The keyring could not say: the PIN is asked for, as without one. */
  if (error)
    g_debug ("No remembered PIN: %s", error->message);
  cli->pin_looked_up = TRUE;
  carport_cli_send_pin_command (cli, lookup->kind);
}

gboolean
carport_cli_lookup_pin (Cli                *cli,
                        CarportVehicle     *vehicle,
                        CarportCommandKind  kind)
{
  Lookup *lookup;

  /* A PIN given (or to be remembered) is the one to use; a new PIN is typed. */
  if (cli->pin_looked_up || cli->pin_stdin || cli->remember_pin || kind == CARPORT_COMMAND_KIND_SRP_ENROL)
    return FALSE;
  lookup = g_new0 (Lookup, 1);
  lookup->cli = cli;
  lookup->kind = kind;
  carport_session_lookup_pin_async (cli->session, vehicle, cli->cancellable, pin_looked_up_cb, lookup);
  return TRUE;
}

CarportPinSource
carport_cli_pin_source (Cli *cli)
{
  if (cli->remembered_pin)
    return CARPORT_PIN_SOURCE_REMEMBERED;
  return cli->remember_pin ? CARPORT_PIN_SOURCE_REMEMBER : CARPORT_PIN_SOURCE_TYPED;
}

static void
pin_forgotten_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Cli *cli = user_data;
  g_autoptr(GError) error = NULL;

  if (!carport_session_forget_pin_finish (CARPORT_SESSION (source), result, &error))
    {
      carport_cli_finish_with_error (cli, error);
      return;
    }
  g_print (_("No PIN is remembered for %s\n"), carport_vehicle_get_display_name (carport_cli_pick_vehicle (cli)));
  carport_cli_finish (cli, CARPORT_CLI_EXIT_OK);
}

void
carport_cli_forget_pin (Cli *cli)
{
  CarportVehicle *vehicle = carport_cli_pick_vehicle (cli);

  if (vehicle)
    carport_session_forget_pin_async (cli->session, vehicle, cli->cancellable, pin_forgotten_cb, cli);
}

static void
device_forgotten_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  Cli *cli = user_data;
  CarportVehicle *vehicle = carport_cli_pick_vehicle (cli);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (!carport_session_device_finish (CARPORT_SESSION (source), result, NULL, &error))
    {
      /* A car whose remote lock registers no computer (a Renault): the
       * computer is not registered, as wanted. */
      if (g_error_matches (error, CARPORT_API_ERROR, CARPORT_API_ERROR_NOT_SUPPORTED))
        text = g_strdup (error->message);
      /* No answer: it may have been done; the next run tells. */
      else if (g_error_matches (error, CARPORT_API_ERROR, CARPORT_API_ERROR_TIMEOUT))
        {
          carport_cli_finish_with_message (cli, CARPORT_CLI_EXIT_NOT_CONFIRMED, error->message);
          return;
        }
      else
        {
          carport_cli_finish_with_error (cli, error);
          return;
        }
    }
  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "vin");
      json_builder_add_string_value (builder, carport_vehicle_get_vin (vehicle));
      json_builder_set_member_name (builder, "registered");
      json_builder_add_boolean_value (builder, FALSE);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      carport_cli_json_print (root);
    }
  else if (text != NULL)
    g_print ("%s\n", text);
  else
    g_print (_("This computer is no longer registered with %s\n"), carport_vehicle_get_display_name (vehicle));
  carport_cli_finish (cli, CARPORT_CLI_EXIT_OK);
}

void
carport_cli_forget_device (Cli *cli)
{
  CarportVehicle *vehicle = carport_cli_pick_vehicle (cli);

  if (vehicle)
    carport_session_device_async (cli->session, vehicle, CARPORT_DEVICE_STEP_FORGET, NULL, cli->cancellable,
                                  device_forgotten_cb, cli);
}
