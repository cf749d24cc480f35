/* carport-cli-options.c — carport-cli's arguments: one table of options,
 * which each command names, drives the parsing, `carport-cli --help`,
 * `carport-cli COMMAND --help` and what the shell completions ask for
 * (--list-commands, COMMAND --list-options). Global options (--json, --demo,
 * --debug) stand anywhere, before or after the command. */
#define G_LOG_DOMAIN "carport-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "carport-cli-private.h"

typedef struct {
  const char *name;
  GOptionArg  arg;
  gsize       offset;           /* of its field in Cli */
  const char *description;
  const char *arg_description;
} CliOption;

#define FIELD(name) G_STRUCT_OFFSET (Cli, name)

static const CliOption global_options[] = {
  { "json", G_OPTION_ARG_NONE, FIELD (json), N_("Print JSON (see docs/cli-json.md)"), NULL },
  { "demo", G_OPTION_ARG_NONE, FIELD (demo), N_("Use the built-in simulator with demo cars"), NULL },
  { "debug", G_OPTION_ARG_NONE, FIELD (debug), N_("Print the HTTP exchange on standard error, secrets hidden"), NULL },
};

static const CliOption command_options[] = {
  { "vin", G_OPTION_ARG_STRING, FIELD (vin), N_("The vehicle: its VIN, registration or name (default: the first one)"), "CAR" },
  { "brand", G_OPTION_ARG_STRING, FIELD (brand), N_("renault, dacia, alpine or nissan"), "BRAND" },
  { "account", G_OPTION_ARG_STRING, FIELD (account), N_("The email address of one of your logins"), "EMAIL" },
  { "locale", G_OPTION_ARG_STRING, FIELD (locale), N_("The account's country, e.g. fr_FR or en_GB"), "LOCALE" },
  { "email", G_OPTION_ARG_STRING, FIELD (email), N_("The account's email address"), "ADDRESS" },
  { "password-stdin", G_OPTION_ARG_NONE, FIELD (password_stdin), N_("Read the password (and a verification code) from standard input"), NULL },
  { "pin-stdin", G_OPTION_ARG_NONE, FIELD (pin_stdin), N_("Read the PIN from standard input (after the e-mailed code, when one is asked for)"), NULL },
  { "remember-pin", G_OPTION_ARG_NONE, FIELD (remember_pin), N_("Keep the PIN in the keyring once the car took it, for the next commands that need it"), NULL },
  { "no-wait", G_OPTION_ARG_NONE, FIELD (no_wait), N_("Do not wait for the car to confirm the command"), NULL },
  { "temperature", G_OPTION_ARG_DOUBLE, FIELD (temperature), N_("Target temperature in °C, within the car’s range"), "C" },
  { "at", G_OPTION_ARG_STRING, FIELD (at), N_("When the car should be ready, or start charging (HH:MM or ISO 8601)"), "TIME" },
  { "min", G_OPTION_ARG_INT, FIELD (soc_min), N_("Minimum charge level in %, within the car’s limits"), "N" },
  { "target", G_OPTION_ARG_INT, FIELD (soc_target), N_("Charge target in %, within the car’s limits"), "N" },
  { "from", G_OPTION_ARG_STRING, FIELD (from), N_("First day of the period"), "YYYY-MM-DD" },
  { "to", G_OPTION_ARG_STRING, FIELD (to), N_("Last day of the period"), "YYYY-MM-DD" },
  { "csv", G_OPTION_ARG_NONE, FIELD (csv), N_("Print comma-separated values (history)"), NULL },
  { "days", G_OPTION_ARG_STRING, FIELD (days), N_("Days of a programme: mon,tue,… or weekdays, weekend, daily"), "DAYS" },
  { "start", G_OPTION_ARG_STRING, FIELD (start), N_("When a charge programme starts, local time"), "HH:MM" },
  { "duration", G_OPTION_ARG_INT, FIELD (duration), N_("How long a charge programme lasts, in minutes"), "MINUTES" },
};

/* The exit statuses, as --help lists them (carport-cli-exit.h). */
static const struct {
  CarportCliExit status;
  const char    *meaning;
} exit_statuses[] = {
  { CARPORT_CLI_EXIT_OK, N_("success") },
  { CARPORT_CLI_EXIT_FAILED, N_("failed, or refused by the car") },
  { CARPORT_CLI_EXIT_NOT_CONFIRMED, N_("not confirmed: a command’s outcome is not known, or the state shown is the last known one") },
  { CARPORT_CLI_EXIT_IN_PROGRESS, N_("the same command is already on its way to the car: nothing sent") },
  { CARPORT_CLI_EXIT_USAGE, N_("wrong command, option or argument") },
  { CARPORT_CLI_EXIT_UNAVAILABLE, N_("the servers cannot be reached or failed") },
  { CARPORT_CLI_EXIT_TEMPFAIL, N_("too many requests: try again later") },
  { CARPORT_CLI_EXIT_NOPERM, N_("not logged in, or the login expired or was refused") },
};

static void
add_entry (GArray          *entries,
           Cli             *cli,
           const CliOption *option,
           GOptionFlags     flags)
{
  GOptionEntry entry = {
    option->name, 0, flags, option->arg, G_STRUCT_MEMBER_P (cli, option->offset),
    option->description, option->arg_description,
  };

  g_array_append_val (entries, entry);
}

static const CliOption *
find_command_option (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (command_options); i++)
    if (g_str_equal (command_options[i].name, name))
      return &command_options[i];
  g_assert_not_reached ();
}

static void
add_global_entries (GArray   *entries,
                    Cli      *cli,
                    gboolean  hidden)
{
  for (guint i = 0; i < G_N_ELEMENTS (global_options); i++)
    add_entry (entries, cli, &global_options[i], hidden ? G_OPTION_FLAG_HIDDEN : 0);
}

static char *
describe_commands (const Command *commands,
                   guint          n_commands)
{
  GString *text = g_string_new (_("Commands:"));

  for (guint i = 0; i < n_commands; i++)
    g_string_append_printf (text, "\n  %-10s %s", commands[i].name, _(commands[i].summary));
  g_string_append_printf (text, "\n\n%s\n\n%s", _("Run “carport-cli COMMAND --help” for a command's options."),
                          _("Exit status:"));
  for (guint i = 0; i < G_N_ELEMENTS (exit_statuses); i++)
    g_string_append_printf (text, "\n  %-4d %s", exit_statuses[i].status, _(exit_statuses[i].meaning));
  return g_string_free (text, FALSE);
}

static int
parse_failed (GError *error)
{
  g_printerr ("carport-cli: %s\n", error->message);
  g_error_free (error);
  return CARPORT_CLI_EXIT_USAGE;
}

/* carport-cli without a command: --version, --list-commands, --help, or the
 * help on stderr. */
static int
run_without_command (Cli           *cli,
                     const Command *commands,
                     guint          n_commands,
                     int            argc,
                     char         **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GArray) entries = g_array_new (TRUE, TRUE, sizeof (GOptionEntry));
  g_autofree char *description = describe_commands (commands, n_commands);
  g_autofree char *help = NULL;
  gboolean version = FALSE;
  gboolean list_commands = FALSE;
  GError *error = NULL;
  const GOptionEntry own[] = {
    { "version", 0, 0, G_OPTION_ARG_NONE, &version, N_("Print the version"), NULL },
    { "list-commands", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_NONE, &list_commands, NULL, NULL },
  };

  add_global_entries (entries, cli, FALSE);
  g_array_append_vals (entries, own, G_N_ELEMENTS (own));
  context = g_option_context_new (_("COMMAND [OPTIONS]"));
  g_option_context_set_summary (context, _("See and control your car from the command line."));
  g_option_context_set_description (context, description);
  g_option_context_add_main_entries (context, (GOptionEntry *) entries->data, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return parse_failed (error);

  if (version)
    {
      g_print ("carport-cli %s\n", PACKAGE_VERSION);
      return CARPORT_CLI_EXIT_OK;
    }
  if (list_commands)
    {
      for (guint i = 0; i < n_commands; i++)
        g_print ("%s\n", commands[i].name);
      return CARPORT_CLI_EXIT_OK;
    }
  help = g_option_context_get_help (context, TRUE, NULL);
  g_printerr ("%s", help);
  return CARPORT_CLI_EXIT_USAGE;
}

/* The command's options and the global ones (hidden from its help), parsed
 * from @argv (the command's name left out); the rest go to cli->args. */
static int
parse_command (Cli    *cli,
               char  **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GArray) entries = g_array_new (TRUE, TRUE, sizeof (GOptionEntry));
  g_autofree char *description = NULL;
  gboolean list_options = FALSE;
  GError *error = NULL;
  const GOptionEntry list_entry = {
    "list-options", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_NONE, &list_options, NULL, NULL,
  };

  for (const char * const *name = cli->command->options; name && *name; name++)
    add_entry (entries, cli, find_command_option (*name), 0);
  add_global_entries (entries, cli, TRUE);
  g_array_append_val (entries, list_entry);

  context = g_option_context_new (cli->command->usage);
  g_option_context_set_summary (context, _(cli->command->summary));
  description = g_strdup_printf ("%s\n%s",
                                 _("Global options (--json, --demo, --debug) may stand before or after the command."),
                                 _("Exit status: see “carport-cli --help”."));
  g_option_context_set_description (context, description);
  g_option_context_add_main_entries (context, (GOptionEntry *) entries->data, GETTEXT_PACKAGE);
  /* The _strv variant frees the arguments it consumes. */
  if (!g_option_context_parse_strv (context, &argv, &error))
    {
      g_strfreev (argv);
      return parse_failed (error);
    }
  if (list_options)
    {
      for (const char * const *name = cli->command->options; name && *name; name++)
        g_print ("--%s\n", *name);
      for (guint i = 0; i < G_N_ELEMENTS (global_options); i++)
        g_print ("--%s\n", global_options[i].name);
      g_strfreev (argv);
      return CARPORT_CLI_EXIT_OK;
    }
  cli->args = g_strdupv (argv + 1);
  g_strfreev (argv);
  return -1;
}

int
carport_cli_parse (Cli           *cli,
                   const Command *commands,
                   guint          n_commands,
                   int            argc,
                   char         **argv)
{
  g_autoptr(GStrvBuilder) command_argv = g_strv_builder_new ();
  int first_command = 0;
  g_autofree char *program = NULL;

  /* The first word that is not an option names the command: global options
   * take no value, so none stands between them. */
  for (int i = 1; i < argc && !first_command; i++)
    if (argv[i][0] != '-')
      first_command = i;
  if (!first_command)
    return run_without_command (cli, commands, n_commands, argc, argv);

  for (guint i = 0; i < n_commands; i++)
    if (g_str_equal (argv[first_command], commands[i].name))
      cli->command = &commands[i];
  if (!cli->command)
    {
      g_printerr (_("carport-cli: unknown command “%s”; see carport-cli --help\n"), argv[first_command]);
      return CARPORT_CLI_EXIT_USAGE;
    }

  program = g_strdup_printf ("carport-cli %s", cli->command->name);
  g_strv_builder_add (command_argv, program);
  for (int i = 1; i < argc; i++)
    if (i != first_command)
      g_strv_builder_add (command_argv, argv[i]);
  return parse_command (cli, g_strv_builder_end (command_argv));
}
