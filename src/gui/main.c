/* main.c — carport, the desktop app.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "carport-application.h"

int
main (int argc, char *argv[])
{
  g_autoptr(CarportApplication) app = NULL;
  const char *localedir = g_getenv ("CARPORT_LOCALEDIR");

  /* As carport-cli: CARPORT_LOCALEDIR finds the translations of an
   * uninstalled build or of a DESTDIR install. */
  bindtextdomain (GETTEXT_PACKAGE, localedir && *localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_set_application_name (_("Carport"));
  app = carport_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
