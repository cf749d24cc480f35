/* main.c — carport-simulator: serve the simulated Renault cloud until stopped
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Prints one JSON line on stdout ({"env":{…},"accounts":[…]}, see
 * docs/ARCHITECTURE.md), then serves on 127.0.0.1 until SIGTERM or SIGINT.
 */

#define G_LOG_DOMAIN "carport-sim"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include <glib-unix.h>

#include "carport-simulator.h"

static gboolean
quit_cb (gpointer user_data)
{
  GMainLoop *loop = user_data;

  g_main_loop_quit (loop);
  return G_SOURCE_CONTINUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CarportSimulator) simulator = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autofree char *info = NULL;
  g_autofree char *scenario = NULL;
  g_auto(GStrv) faults = NULL;
  int port = 0;
  int latency_ms = -1;
  int jwt_lifetime = -1;
  int command_delay_ms = -1;
  double charge_rate = -1.0;
  gboolean require_tfa = FALSE;
  gboolean version = FALSE;
  guint sigterm_id, sigint_id;
  const GOptionEntry entries[] = {
    { "port", 'p', 0, G_OPTION_ARG_INT, &port,
      "Port on 127.0.0.1 (default 0: any free port)", "N" },
    { "scenario", 's', 0, G_OPTION_ARG_FILENAME, &scenario,
      "Load a JSON scenario (accounts, cars, latency, faults; see src/sim/README.md)", "FILE" },
    { "latency-ms", 0, 0, G_OPTION_ARG_INT, &latency_ms,
      "Delay every answer by N ms", "N" },
    { "jwt-lifetime", 0, 0, G_OPTION_ARG_INT, &jwt_lifetime,
      "Longest JWT lifetime in seconds (default 900)", "S" },
    { "command-delay-ms", 0, 0, G_OPTION_ARG_INT, &command_delay_ms,
      "Time a command stays PENDING (default 1500)", "N" },
    { "charge-rate", 0, 0, G_OPTION_ARG_DOUBLE, &charge_rate,
      "Percent per second gained while charging (default 0.05)", "RATE" },
    { "fault", 'f', 0, G_OPTION_ARG_STRING_ARRAY, &faults,
      "Inject a fault, e.g. battery-status=quota:x2 (repeatable)", "ENDPOINT=SPEC" },
    { "require-tfa", 0, 0, G_OPTION_ARG_NONE, &require_tfa,
      "Password logins need the two-factor email code", NULL },
    { "version", 0, 0, G_OPTION_ARG_NONE, &version,
      "Print the version and exit", NULL },
    G_OPTION_ENTRY_NULL
  };

  context = g_option_context_new ("— simulate the Renault Gigya and Kamereon servers and the Nissan hosts");
  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_set_description (context,
    "Prints one JSON line with the URLs, the CA file and the demo accounts, then serves on\n"
    "127.0.0.1 until SIGTERM or SIGINT. Fault kinds: error[:STATUS][:CODE],\n"
    "html-502, delay:MS, truncated, quota, malformed, huge[:SIZE], empty,\n"
    "body:FILE[:STATUS] (the file's bytes verbatim); add :xN\n"
    "to hit only the next N matching requests.\n");
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("carport-simulator: %s\n", error->message);
      return EXIT_FAILURE;
    }
  if (version)
    {
      g_print ("carport-simulator %s\n", PACKAGE_VERSION);
      return EXIT_SUCCESS;
    }
  if (port < 0 || port > G_MAXUINT16)
    {
      g_printerr ("carport-simulator: --port must be from 0 to 65535\n");
      return EXIT_FAILURE;
    }

  simulator = carport_simulator_new ();
  if (scenario != NULL && !carport_simulator_load_scenario (simulator, scenario, &error))
    {
      g_printerr ("carport-simulator: %s\n", error->message);
      return EXIT_FAILURE;
    }
  if (latency_ms >= 0)
    carport_simulator_set_latency_ms (simulator, (guint) latency_ms);
  if (jwt_lifetime > 0)
    carport_simulator_set_jwt_lifetime (simulator, (guint) jwt_lifetime);
  if (command_delay_ms >= 0)
    carport_simulator_set_command_delay_ms (simulator, (guint) command_delay_ms);
  if (charge_rate >= 0.0)
    carport_simulator_set_charge_rate (simulator, charge_rate);
  if (require_tfa)
    carport_simulator_set_require_tfa (simulator, TRUE);
  for (guint i = 0; faults != NULL && faults[i] != NULL; i++)
    if (!carport_simulator_add_fault_from_string (simulator, faults[i], &error))
      {
        g_printerr ("carport-simulator: %s\n", error->message);
        return EXIT_FAILURE;
      }

  if (!carport_simulator_start (simulator, (guint16) port, &error))
    {
      g_printerr ("carport-simulator: cannot listen on 127.0.0.1:%d: %s\n", port, error->message);
      return EXIT_FAILURE;
    }

  /* Catch the signals before telling anyone where we are: a caller may
   * send SIGTERM as soon as it has read the line. */
  loop = g_main_loop_new (NULL, FALSE);
  sigterm_id = g_unix_signal_add (SIGTERM, quit_cb, loop);
  sigint_id = g_unix_signal_add (SIGINT, quit_cb, loop);

  info = carport_simulator_dup_info_json (simulator);
  fprintf (stdout, "%s\n", info);
  fflush (stdout);

  g_main_loop_run (loop);
  g_source_remove (sigterm_id);
  g_source_remove (sigint_id);

  carport_simulator_stop (simulator);
  g_debug ("served %u requests", carport_simulator_get_request_count (simulator));
  return EXIT_SUCCESS;
}
