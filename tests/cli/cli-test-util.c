/* cli-test-util.c — running carport-cli and carport-simulator as processes. */
#include "cli-test-util.h"

#include <signal.h>
#include <string.h>

static char **run_env;

void
run_clear (Run *run)
{
  g_free (run->out);
  g_free (run->err);
}

void
cli_test_set_env (char **env)
{
  g_strfreev (run_env);
  run_env = env;
}

GSubprocess *
spawn_cli (const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GError) error = NULL;
  GSubprocess *process;

  g_ptr_array_add (argv, (char *) g_getenv ("CARPORT_CLI"));
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE |
                                        G_SUBPROCESS_FLAGS_STDIN_PIPE);
  for (guint i = 0; run_env && run_env[i]; i++)
    {
      g_auto(GStrv) pair = g_strsplit (run_env[i], "=", 2);

      g_subprocess_launcher_setenv (launcher, pair[0], pair[1], TRUE);
    }
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  return process;
}

static void
communicated_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Run *run = user_data;
  g_autoptr(GError) error = NULL;

  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (source), result, &run->out, &run->err, &error);
  g_assert_no_error (error);
}

void
wait_cli (Run         *run,
          GSubprocess *process,
          const char  *input)
{
  run->out = run->err = NULL;
  g_subprocess_communicate_utf8_async (process, input, NULL, communicated_cb, run);
  /* Both are set (maybe "") once the process has ended. */
  while (run->out == NULL)
    g_main_context_iteration (NULL, TRUE);
  run->status = g_subprocess_get_if_exited (process) ? g_subprocess_get_exit_status (process) : -1;
}

void
run_cli_full (Run        *run,
              const char *input,
              const char *first,
              ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  va_list ap;

  va_start (ap, first);
  for (const char *arg = first; arg; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (char *) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  process = spawn_cli ((const char * const *) args->pdata);
  wait_cli (run, process, input);
}

JsonNode *
parse (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_ref (json_parser_get_root (parser));
}

void
assert_one_line_error (Run *run)
{
  g_assert_cmpint (run->status, !=, 0);
  g_assert_true (g_str_has_prefix (run->err, "carport-cli: "));
  g_assert_cmpint (strchr (run->err, '\n') - run->err, ==, (long) strlen (run->err) - 1);
}

GSubprocess *
start_simulator (const char * const *extra_args,
                 JsonObject        **info)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autofree char *line = NULL;
  GSubprocess *process;
  JsonNode *root;

  g_ptr_array_add (argv, (char *) g_getenv ("CARPORT_SIMULATOR"));
  g_ptr_array_add (argv, (char *) "--port");
  g_ptr_array_add (argv, (char *) "0");
  for (guint i = 0; extra_args && extra_args[i]; i++)
    g_ptr_array_add (argv, (char *) extra_args[i]);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_newv ((const char * const *) argv->pdata, G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
  g_assert_no_error (error);
  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  root = parse (line);
  *info = json_object_ref (json_node_get_object (root));
  json_node_unref (root);
  return process;
}

char **
simulator_env (JsonObject *info)
{
  g_autoptr(GStrvBuilder) env = g_strv_builder_new ();
  JsonObject *env_object = json_object_get_object_member (info, "env");
  g_autoptr(GList) names = json_object_get_members (env_object);

  for (GList *l = names; l; l = l->next)
    {
      g_autofree char *pair = g_strdup_printf ("%s=%s", (char *) l->data,
                                               json_object_get_string_member (env_object, l->data));

      g_strv_builder_add (env, pair);
    }
  return g_strv_builder_end (env);
}

void
stop_simulator_cleanly (GSubprocess *process)
{
  g_autoptr(GError) error = NULL;

  g_subprocess_send_signal (process, SIGTERM);
  g_subprocess_wait_check (process, NULL, &error);
  g_assert_no_error (error);
}

void
stop_simulator (gpointer process)
{
  g_subprocess_force_exit (process);
  g_object_unref (process);
}
