/* carport-cli-http.c — carport-cli http: a request of one's own through the
 * login, to the brand's Kamereon server, and its answer, secrets hidden. For
 * owners of a model Carport does not know yet, to find what it answers. */
#define G_LOG_DOMAIN "carport-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "carport-account.h"
#include "carport-cli-private.h"
#include "carport-http-trace.h"

/* The exit status an answer's HTTP status means. */
static CarportCliExit
exit_for_status (guint status)
{
  if (SOUP_STATUS_IS_SUCCESSFUL (status))
    return CARPORT_CLI_EXIT_OK;
  if (status == SOUP_STATUS_UNAUTHORIZED)
    return CARPORT_CLI_EXIT_NOPERM;
  if (status == 429  /* Too Many Requests */)
    return CARPORT_CLI_EXIT_TEMPFAIL;
  if (SOUP_STATUS_IS_SERVER_ERROR (status))
    return CARPORT_CLI_EXIT_UNAVAILABLE;
  return CARPORT_CLI_EXIT_FAILED;
}

/* @body as people read it: JSON indented, else as it came; secrets hidden. */
static char *
dup_readable_body (GBytes *body)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  gsize size;
  const char *data = g_bytes_get_data (body, &size);
  g_autofree char *text = NULL;

  if (size > 0 && json_parser_load_from_data (parser, data, size, NULL))
    text = json_to_string (json_parser_get_root (parser), TRUE);
  else if (g_utf8_validate (data, size, NULL))
    text = g_strndup (data, size);
  else
    text = g_strdup_printf (_("(%zu bytes that are not text)"), size);
  return carport_redact_secrets (text);
}

static void
raw_sent_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Cli *cli = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autofree char *text = NULL;
  guint status = 0;

  body = carport_vehicle_client_send_raw_finish (CARPORT_VEHICLE_CLIENT (source), result, &status, &error);
  if (!body)
    {
      carport_cli_finish_with_error (cli, error);
      return;
    }
  text = dup_readable_body (body);
  if (!cli->json)
    g_print ("HTTP %u %s\n\n", status, soup_status_get_phrase (status));
  g_print ("%s\n", text);
  carport_cli_finish (cli, exit_for_status (status));
}

/* What `post PATH -` reads: all of standard input. */
static GBytes *
read_stdin (void)
{
  g_autoptr(GByteArray) data = g_byte_array_new ();
  guint8 chunk[4096];
  size_t n;

  while ((n = fread (chunk, 1, sizeof chunk, stdin)) > 0)
    g_byte_array_append (data, chunk, n);
  return g_byte_array_free_to_bytes (g_steal_pointer (&data));
}

/* @path with {vin} and {account} (the car's Kamereon account) filled in. */
static char *
fill_placeholders (const char     *path,
                   CarportVehicle *vehicle)
{
  g_auto(GStrv) by_vin = g_strsplit (path, "{vin}", -1);
  g_autofree char *with_vin = g_strjoinv (carport_vehicle_get_vin (vehicle), by_vin);
  g_auto(GStrv) by_account = g_strsplit (with_vin, "{account}", -1);
  const char *account = carport_vehicle_get_account_id (vehicle);

  return g_strjoinv (account ? account : "", by_account);
}

void
carport_cli_cmd_http (Cli *cli)
{
  guint n_args = g_strv_length (cli->args);
  gboolean post = n_args > 0 && g_str_equal (cli->args[0], "post");
  g_autoptr(GBytes) body = NULL;
  g_autofree char *path = NULL;
  CarportVehicle *vehicle;
  CarportVehicleClient *client;

  if (!((n_args == 2 && g_str_equal (cli->args[0], "get")) || (post && (n_args == 2 || n_args == 3))))
    {
      carport_cli_expect_args (cli, G_MAXUINT);
      return;
    }
  if (n_args == 3)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();

      body = g_str_equal (cli->args[2], "-") ? read_stdin () : g_bytes_new (cli->args[2], strlen (cli->args[2]));
      if (!json_parser_load_from_data (parser, g_bytes_get_data (body, NULL), g_bytes_get_size (body), NULL))
        {
          carport_cli_finish_with_message (cli, CARPORT_CLI_EXIT_USAGE, _("The body to send is not JSON"));
          return;
        }
    }
  if (!(vehicle = carport_cli_pick_vehicle (cli)))
    return;
  client = carport_account_get_client (carport_session_get_vehicle_account (cli->session, vehicle));
  if (!client)
    {
      carport_cli_finish_with_message (cli, CARPORT_CLI_EXIT_NOPERM, _("This car’s login is not ready: log in again"));
      return;
    }
  path = fill_placeholders (cli->args[1], vehicle);
  carport_vehicle_client_send_raw_async (client, post ? "POST" : "GET", path, body, cli->cancellable,
                                         raw_sent_cb, cli);
}
