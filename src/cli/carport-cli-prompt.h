/* carport-cli-prompt.h — reading a secret from the terminal without echo. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Prompts on the controlling terminal with echo off and returns the line
 * (without the newline), or NULL with an error when there is no terminal.
 * Free the result with carport_cli_secret_free(). */
char *carport_cli_prompt_secret (const char *prompt, GError **error);
/* Prompts with echo on (for the emailed code). */
char *carport_cli_prompt_line   (const char *prompt, GError **error);
/* Reads one line from standard input (for --password-stdin). */
char *carport_cli_read_stdin_line (GError **error);
/* Wipes and frees a secret. */
void  carport_cli_secret_free   (char *secret);

G_END_DECLS
