/* carport-cli.h — the commands of carport-cli. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Runs carport-cli with its arguments; returns the exit status. */
int carport_cli_run (int argc, char **argv);

G_END_DECLS
