/* fuzz-target.c — the name line of a fuzz input, and what every target sets
 * up once (see fuzz-target.h). */
#include "config.h"

#define G_LOG_DOMAIN "carport-fuzz"

#include <string.h>

#include "fuzz-target.h"

guint
fuzz_arg_status (const char *arg)
{
  guint64 status;

  if (!g_ascii_string_to_unsigned (arg, 10, 100, 599, &status, NULL))
    return 200;
  return (guint) status;
}

JsonNode *
fuzz_read_answer (FuzzReadAnswerFunc  read_answer,
                  const char         *arg,
                  GBytes             *body)
{
  g_autoptr(GError) error = NULL;
  JsonNode *root = read_answer (fuzz_arg_status (arg), body, &error);

  g_assert ((root == NULL) != (error == NULL));
  return root;
}

static void
run_parser (const FuzzParser   *parser,
            FuzzReadAnswerFunc  read_answer,
            const char         *arg,
            GBytes             *body)
{
  if (parser->parse_body != NULL)
    {
      parser->parse_body (arg, body);
    }
  else if (parser->parse_text != NULL)
    {
      gsize len;
      const char *data = g_bytes_get_data (body, &len);
      g_autofree char *text = g_strndup (data != NULL ? data : "", len);

      parser->parse_text (arg, text);
    }
  else
    {
      g_autoptr(JsonNode) root = fuzz_read_answer (read_answer, "", body);

      if (root != NULL)
        parser->parse_root (arg, root);
    }
}

static void
abort_on_warning (const char     *domain,
                  GLogLevelFlags  level,
                  const char     *message,
                  gpointer        data)
{
  g_log_default_handler (domain, level, message, data);
  if (level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    g_abort ();
}

int
fuzz_run_input (const FuzzParser   *parsers,
                gsize               n_parsers,
                FuzzReadAnswerFunc  read_answer,
                const uint8_t      *data,
                size_t              size)
{
  static gboolean set_up = FALSE;
  const uint8_t *newline = memchr (data, '\n', size);
  g_autofree char *line = NULL;
  g_autoptr(GBytes) body = NULL;
  const char *arg = "";
  char *space;

  if (!set_up)
    {
      /* A warning or critical on bad input is a bug, as a crash is: abort
       * (which libFuzzer catches and keeps the input of), not GLib's
       * breakpoint trap (which it does not). */
      g_log_set_default_handler (abort_on_warning, NULL);
      set_up = TRUE;
    }

  if (newline == NULL)
    return -1;

  line = g_strndup ((const char *) data, (gsize) (newline - data));
  space = strchr (line, ' ');
  if (space != NULL)
    {
      *space = '\0';
      arg = space + 1;
    }

  body = g_bytes_new (newline + 1, size - (gsize) (newline - data) - 1);
  for (gsize i = 0; i < n_parsers; i++)
    if (strcmp (parsers[i].name, line) == 0)
      {
        run_parser (&parsers[i], read_answer, arg, body);
        return 0;
      }

  return -1;
}
