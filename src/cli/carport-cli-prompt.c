/* carport-cli-prompt.c — reading a secret from the terminal without echo. */
#define G_LOG_DOMAIN "carport-cli"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <gio/gio.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "carport-cli-prompt.h"

void
carport_cli_secret_free (char *secret)
{
  if (secret)
    {
      explicit_bzero (secret, strlen (secret));
      g_free (secret);
    }
}

static char *
read_line (FILE *stream)
{
  GString *line = g_string_new (NULL);
  int c;

  while ((c = fgetc (stream)) != EOF && c != '\n')
    g_string_append_c (line, (char) c);
  if (c == EOF && line->len == 0)
    {
      explicit_bzero (line->str, line->allocated_len);
      g_string_free (line, TRUE);
      return NULL;
    }
  if (line->len > 0 && line->str[line->len - 1] == '\r')
    g_string_truncate (line, line->len - 1);
  return g_string_free (line, FALSE);
}

static char *
prompt_tty (const char  *prompt,
            gboolean     echo,
            GError     **error)
{
  struct termios saved, quiet;
  gboolean restore = FALSE;
  char *line;
  FILE *tty;

  tty = fopen ("/dev/tty", "r+");
  if (!tty)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("No terminal to ask on; use --password-stdin"));
      return NULL;
    }

  fputs (prompt, tty);
  fflush (tty);
  if (!echo && tcgetattr (fileno (tty), &saved) == 0)
    {
      quiet = saved;
      quiet.c_lflag &= ~(tcflag_t) ECHO;
      quiet.c_lflag |= ECHONL;
      restore = tcsetattr (fileno (tty), TCSAFLUSH, &quiet) == 0;
    }
  line = read_line (tty);
  if (restore)
    tcsetattr (fileno (tty), TCSAFLUSH, &saved);
  fclose (tty);

  if (!line)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("No answer was given"));
  return line;
}

char *
carport_cli_prompt_secret (const char  *prompt,
                           GError     **error)
{
  return prompt_tty (prompt, FALSE, error);
}

char *
carport_cli_prompt_line (const char  *prompt,
                         GError     **error)
{
  return prompt_tty (prompt, TRUE, error);
}

char *
carport_cli_read_stdin_line (GError **error)
{
  char *line = read_line (stdin);

  if (!line)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("Nothing was read from standard input"));
  return line;
}
