/* main.c — carport-cli: Carport for scripts and terminals.
 *
 *   carport-cli [--json] [--demo] COMMAND [OPTIONS]
 *
 * Every command runs one asynchronous job on the service and exits with 0 on
 * success, or prints a one-line error on stderr and exits non-zero. */
#define G_LOG_DOMAIN "carport-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "carport-cli.h"

int
main (int   argc,
      char *argv[])
{
  const char *localedir = g_getenv ("CARPORT_LOCALEDIR");

  setlocale (LC_ALL, "");
  /* CARPORT_LOCALEDIR finds the translations of an uninstalled build (its
   * po/ folder, as `meson devenv` sets it) or of a DESTDIR install. */
  bindtextdomain (GETTEXT_PACKAGE, localedir && *localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  return carport_cli_run (argc, argv);
}
