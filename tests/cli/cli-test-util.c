/* cli-test-util.c — running carport-cli and carport-simulator as processes. */
#include "cli-test-util.h"

#include <signal.h>
#include <sys/prctl.h>
#include <string.h>

#include <libsoup/soup.h>

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

void
cli_test_add_env (const char *name,
                  const char *value)
{
  g_autofree char *entry = g_strdup_printf ("%s=%s", name, value);
  guint n = run_env ? g_strv_length (run_env) : 0;

  run_env = g_renew (char *, run_env, n + 2);
  run_env[n] = g_steal_pointer (&entry);
  run_env[n + 1] = NULL;
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

static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

GSubprocess *
start_simulator (const char * const *extra_args,
                 JsonObject        **info)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
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

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  /* A failed assertion aborts the test before its queued stop: the
   * simulator goes with it rather than keep the test's stderr open. */
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
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

gboolean
need_keyring (void)
{
  if (g_getenv ("CARPORT_TEST_SESSION_INNER"))
    return TRUE;
  g_test_skip ("needs the keyring of build-aux/test-session");
  return FALSE;
}

/* The info line's account of @brand. */
JsonObject *
demo_account (Sim        *sim,
              const char *brand)
{
  JsonArray *accounts = json_object_get_array_member (sim->info, "accounts");

  for (guint i = 0; i < json_array_get_length (accounts); i++)
    {
      JsonObject *account = json_array_get_object_element (accounts, i);

      if (g_str_equal (json_object_get_string_member (account, "brand"), brand))
        return account;
    }
  g_error ("the simulator has no %s account", brand);
}

void
sim_start (Sim                *sim,
           const char * const *extra_args)
{
  g_auto(Run) logout = { 0 };

  sim->simulator = start_simulator (extra_args, &sim->info);
  /* Stopped even when an assertion fails half-way. */
  g_test_queue_destroy (stop_simulator, g_object_ref (sim->simulator));
  cli_test_set_env (simulator_env (sim->info));
  /* Nothing left from another test. */
  run_cli (&logout, "logout");
  g_assert_cmpint (logout.status, ==, 0);
}

void
sim_stop (Sim *sim)
{
  g_auto(Run) logout = { 0 };

  run_cli (&logout, "logout");
  g_assert_cmpint (logout.status, ==, 0);
  cli_test_set_env (NULL);
  stop_simulator_cleanly (sim->simulator);
  g_clear_object (&sim->simulator);
  g_clear_pointer (&sim->info, json_object_unref);
}

/* Logs in to the simulator's demo account of @brand, the password on stdin. */
void
login (Sim        *sim,
       const char *brand)
{
  JsonObject *account = demo_account (sim, brand);
  const char *password = json_object_get_string_member (account, "password");
  g_autofree char *input = g_strdup_printf ("%s\n", password);
  g_auto(Run) run = { 0 };
  g_autoptr(JsonNode) root = NULL;
  JsonObject *result;

  run_cli_full (&run, input, "--json", "login", "--brand", brand,
                "--locale", json_object_get_string_member (account, "locale"),
                "--email", json_object_get_string_member (account, "email"), "--password-stdin", NULL);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_null (strstr (run.out, password));
  root = parse (run.out);
  result = json_node_get_object (root);
  g_assert_cmpstr (json_object_get_string_member (result, "brand"), ==, brand);
  g_assert_cmpstr (json_object_get_string_member (result, "email"), ==,
                   json_object_get_string_member (account, "email"));
  g_assert_cmpint (json_object_get_int_member (result, "vehicles"), >, 0);
}

/* $CARPORT_CLI, then the arguments from @first up to NULL. */
static GPtrArray *
cli_argv (const char *first,
          va_list     args)
{
  GPtrArray *argv = g_ptr_array_new ();

  g_ptr_array_add (argv, (char *) g_getenv ("CARPORT_CLI"));
  for (const char *arg = first; arg; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  g_ptr_array_add (argv, NULL);
  return argv;
}

static void
spawn_cliv (Spawned            *spawned,
            const char         *input,
            const char * const *argv)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GError) error = NULL;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE |
                                        G_SUBPROCESS_FLAGS_STDIN_PIPE);
  for (guint i = 0; run_env && run_env[i]; i++)
    {
      g_auto(GStrv) pair = g_strsplit (run_env[i], "=", 2);

      g_subprocess_launcher_setenv (launcher, pair[0], pair[1], TRUE);
    }
  spawned->process = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);
  spawned->input = g_strdup (input);
}

void
spawn_cli (Spawned    *spawned,
           const char *input,
           const char *first,
           ...)
{
  g_autoptr(GPtrArray) argv = NULL;
  va_list args;

  va_start (args, first);
  argv = cli_argv (first, args);
  va_end (args);
  spawn_cliv (spawned, input, (const char * const *) argv->pdata);
}

static void
communicated_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

void
spawn_cli_args (Spawned            *spawned,
                const char         *input,
                const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();

  g_ptr_array_add (argv, (char *) g_getenv ("CARPORT_CLI"));
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);
  spawn_cliv (spawned, input, (const char * const *) argv->pdata);
}

void
spawned_wait (Spawned *spawned,
              Run     *run)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  /* The main loop turns meanwhile: a simulator in this process answers. */
  g_subprocess_communicate_utf8_async (spawned->process, spawned->input, NULL, communicated_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_subprocess_communicate_utf8_finish (spawned->process, result, &run->out, &run->err, &error);
  g_assert_no_error (error);
  run->status = g_subprocess_get_if_exited (spawned->process) ? g_subprocess_get_exit_status (spawned->process) : -1;
  g_clear_object (&spawned->process);
  g_clear_pointer (&spawned->input, g_free);
}

/* The simulator's info (/info), now. */
static JsonNode *
simulator_info (Sim *sim)
{
  JsonObject *env = json_object_get_object_member (sim->info, "env");
  const char *gigya = json_object_get_string_member (env, "CARPORT_RENAULT_GIGYA_URL");
  g_autofree char *base = g_strndup (gigya, strlen (gigya) - strlen ("gigya"));
  g_autofree char *url = g_strconcat (base, "info", NULL);
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) message = soup_message_new ("GET", url);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;

  body = soup_session_send_and_read (session, message, NULL, &error);
  g_assert_no_error (error);
  return parse (g_bytes_get_data (body, NULL));
}

guint
simulator_endpoint_requests (Sim        *sim,
                             const char *endpoint)
{
  g_autoptr(JsonNode) root = simulator_info (sim);
  JsonObject *counts = json_object_get_object_member (json_node_get_object (root), "endpoint_requests");

  return json_object_has_member (counts, endpoint) ? (guint) json_object_get_int_member (counts, endpoint) : 0;
}

char *
simulator_device_otp (Sim *sim)
{
  g_autoptr(JsonNode) root = simulator_info (sim);
  JsonObject *info = json_node_get_object (root);

  return json_object_has_member (info, "device_otp")
         ? g_strdup (json_object_get_string_member (info, "device_otp")) : NULL;
}

void
spawned_type_device_otp (Spawned    *spawned,
                         Sim        *sim,
                         const char *previous)
{
  g_autofree char *code = NULL;
  g_autofree char *line = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 400; i++)
    {
      g_free (code);
      code = simulator_device_otp (sim);
      if (code != NULL && g_strcmp0 (code, previous) != 0)
        break;
      g_usleep (25 * G_TIME_SPAN_MILLISECOND);
    }
  g_assert_nonnull (code);
  g_assert_cmpstr (code, !=, previous);
  line = g_strconcat (code, "\n", NULL);
  g_output_stream_write_all (g_subprocess_get_stdin_pipe (spawned->process), line, strlen (line), NULL, NULL,
                             &error);
  g_assert_no_error (error);
}

gboolean
simulator_car_locked (Sim        *sim,
                      const char *vin)
{
  g_autoptr(JsonNode) root = simulator_info (sim);
  JsonObject *locked = json_object_get_object_member (json_node_get_object (root), "locked");

  g_assert_true (json_object_has_member (locked, vin));
  return json_object_get_boolean_member (locked, vin);
}

gboolean
simulator_engine_running (Sim        *sim,
                          const char *vin)
{
  g_autoptr(JsonNode) root = simulator_info (sim);
  JsonObject *running = json_object_get_object_member (json_node_get_object (root), "engine_running");

  g_assert_true (json_object_has_member (running, vin));
  return json_object_get_boolean_member (running, vin);
}

void
run_cli_full (Run        *run,
              const char *input,
              const char *first,
              ...)
{
  g_autoptr(GPtrArray) argv = NULL;
  Spawned spawned = { 0 };
  va_list args;

  va_start (args, first);
  argv = cli_argv (first, args);
  va_end (args);
  spawn_cliv (&spawned, input, (const char * const *) argv->pdata);
  spawned_wait (&spawned, run);
}
