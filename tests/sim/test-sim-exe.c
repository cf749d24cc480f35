/* test-sim-exe.c — the carport-simulator executable: the info line, serving, clean exit
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <signal.h>
#include <string.h>

#include <glib/gstdio.h>

#include "sim-test-util.h"

static const char *
simulator_path (void)
{
  const char *path = g_getenv ("CARPORT_SIMULATOR");

  if (path == NULL)
    g_error ("CARPORT_SIMULATOR is not set (meson sets it)");
  return path;
}

static GSubprocess *
spawn (GSubprocessFlags   flags,
       const char        *first,
       ...) G_GNUC_NULL_TERMINATED;

static GSubprocess *
spawn (GSubprocessFlags  flags,
       const char       *first,
       ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  GSubprocess *process;
  const char *arg;
  va_list args;

  g_ptr_array_add (argv, (gpointer) simulator_path ());
  va_start (args, first);
  for (arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  process = g_subprocess_newv ((const char * const *) argv->pdata, flags, &error);
  g_assert_no_error (error);
  return process;
}

static JsonObject *
read_info_line (GSubprocess *process)
{
  g_autoptr(GDataInputStream) in = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;

  line = g_data_input_stream_read_line_utf8 (in, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  g_assert_true (json_parser_load_from_data (parser, line, -1, &error));
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static void
stop_and_check (GSubprocess *process,
                int          signum)
{
  g_autoptr(GError) error = NULL;

  g_subprocess_send_signal (process, signum);
  g_assert_true (g_subprocess_wait (process, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
}

static void
test_serves_and_exits (void)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(JsonObject) info = NULL;
  SimFixture f = { NULL, };
  JsonObject *env, *account;
  const char *gigya, *kamereon;

  process = spawn (G_SUBPROCESS_FLAGS_STDOUT_PIPE, "--port", "0", "--fault", "cockpit=quota:x1",
                   "--latency-ms", "10", NULL);
  info = read_info_line (process);
  env = json_object_get_object_member (info, "env");
  gigya = json_object_get_string_member (env, "CARPORT_RENAULT_GIGYA_URL");
  kamereon = json_object_get_string_member (env, "CARPORT_RENAULT_KAMEREON_URL");
  g_assert_true (g_str_has_prefix (gigya, "http://127.0.0.1:"));
  g_assert_true (g_str_has_suffix (gigya, "/gigya"));
  g_assert_true (g_str_has_suffix (kamereon, "/kamereon"));
  account = json_array_get_object_element (json_object_get_array_member (info, "accounts"), 0);
  g_assert_cmpstr (json_object_get_string_member (account, "brand"), ==, "renault");

  /* it really serves: a login with the advertised account */
  f.session = soup_session_new ();
  f.gigya = g_strdup (gigya);
  f.kamereon = g_strdup (kamereon);
  {
    g_autoptr(SimResponse) login = sim_gigya (&f, "accounts.login", "ApiKey", SIM_GIGYA_KEY,
                                              "loginID", json_object_get_string_member (account, "email"),
                                              "password", json_object_get_string_member (account, "password"),
                                              NULL);
    g_autofree char *url = g_strdup_printf ("%s/commerce/v1/accounts/x/kamereon/kca/car-adapter/v1/cars/%s/cockpit",
                                            kamereon, VIN_ZOE1);
    g_autoptr(SimResponse) quota = sim_request (&f, "GET", url, NULL, NULL, NULL);
    g_autoptr(SimResponse) after = sim_request (&f, "GET", url, NULL, NULL, NULL);

    g_assert_cmpint (json_object_get_int_member (sim_response_object (login), "errorCode"), ==, 0);
    g_assert_cmpuint (quota->status, ==, 429);          /* the --fault */
    g_assert_cmpuint (after->status, ==, 403);          /* then the key check */
  }
  g_clear_object (&f.session);
  g_free (f.gigya);
  g_free (f.kamereon);

  stop_and_check (process, SIGTERM);
}

static void
test_sigint (void)
{
  g_autoptr(GSubprocess) process = spawn (G_SUBPROCESS_FLAGS_STDOUT_PIPE, "--port", "0", NULL);
  g_autoptr(JsonObject) info = read_info_line (process);

  g_assert_true (json_object_has_member (info, "env"));
  stop_and_check (process, SIGINT);
}

static void
test_scenario_option (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(JsonObject) info = NULL;
  JsonObject *account;
  int fd;

  fd = g_file_open_tmp ("carport-sim-XXXXXX.json", &path, &error);
  g_assert_no_error (error);
  close (fd);
  g_assert_true (g_file_set_contents (path, "{\"account\": {\"email\": \"x@example.org\", \"locale\": \"en_GB\"}}",
                                      -1, &error));
  process = spawn (G_SUBPROCESS_FLAGS_STDOUT_PIPE, "--scenario", path, "--port", "0", NULL);
  info = read_info_line (process);
  account = json_array_get_object_element (json_object_get_array_member (info, "accounts"), 0);
  g_assert_cmpstr (json_object_get_string_member (account, "email"), ==, "x@example.org");
  g_assert_cmpstr (json_object_get_string_member (account, "locale"), ==, "en_GB");
  stop_and_check (process, SIGTERM);
  g_unlink (path);
}

static void
test_bad_options (void)
{
  static const char * const bad[][3] = {
    { "--fault", "nonsense", "invalid fault" },
    { "--scenario", "/nonexistent.json", "nonexistent" },
    { "--port", "70000", "--port" },
    { "--no-such-option", NULL, "no-such-option" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GSubprocess) process = spawn (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                                              bad[i][0], bad[i][1], NULL);
      g_autoptr(GError) error = NULL;
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;

      g_assert_true (g_subprocess_communicate_utf8 (process, NULL, NULL, &out, &err, &error));
      g_assert_no_error (error);
      g_assert_true (g_subprocess_get_if_exited (process));
      g_assert_cmpint (g_subprocess_get_exit_status (process), !=, 0);
      g_assert_cmpstr (out, ==, "");
      g_assert_nonnull (strstr (err, bad[i][2]));
    }
}

static void
test_help (void)
{
  g_autoptr(GSubprocess) process = spawn (G_SUBPROCESS_FLAGS_STDOUT_PIPE, "--help", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;

  g_assert_true (g_subprocess_communicate_utf8 (process, NULL, NULL, &out, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
  for (guint i = 0; i < 6; i++)
    {
      static const char * const options[] = {
        "--port", "--scenario", "--latency-ms", "--jwt-lifetime", "--command-delay-ms", "--fault",
      };

      g_assert_nonnull (strstr (out, options[i]));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sim/exe/serves-and-exits", test_serves_and_exits);
  g_test_add_func ("/sim/exe/sigint", test_sigint);
  g_test_add_func ("/sim/exe/scenario-option", test_scenario_option);
  g_test_add_func ("/sim/exe/bad-options", test_bad_options);
  g_test_add_func ("/sim/exe/help", test_help);

  return g_test_run ();
}
