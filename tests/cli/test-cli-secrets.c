/* test-cli-secrets.c — no secret leaves the keyring over a scripted session.
 *
 * The simulator runs in this process, so that it can say which secrets it
 * handed out (carport_simulator_dup_issued_secrets()); carport-cli runs as a
 * process with its own HOME, XDG folders and runtime dir, and
 * G_MESSAGES_DEBUG=all. Over a login, a status, a request of one's own
 * (http get) and a command for a Renault and a Nissan account, all with
 * --debug (the HTTP exchange on stderr), and a remote lock PIN enrolled and
 * used at each brand (the Nissan after registering this computer with the
 * code it e-mails; the Renault's remembered in the keyring and used from
 * there), neither password, PIN, e-mailed code nor any token or JWT appears
 * in a file under those folders, in the output and logs, or in the argv or
 * environment of the running CLI. The state cache is private; a logout
 * leaves no keyring item (login or PIN) and no cached car of that account;
 * plain http:// is
 * refused off loopback. The test runs alone (is_parallel: false): the
 * keyring is the whole test session's. */
#define _GNU_SOURCE  /* memmem() */
#include "config.h"

#include <glib/gstdio.h>
#include <libsecret/secret.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>

#include "carport-simulator.h"
#include "cli-test-util.h"

/* Cars whose commands the simulator confirms after its command delay. */
#define RENAULT_VIN "VF1X102VE00000002"
/* A car that offers remote lock, and its PIN: 8 digits, so that it cannot
 * turn up in the logs' times and ids by chance. */
#define LOCK_VIN    "VF1XCB1VE00000003"
#define LOCK_PIN    "97531864"
#define NISSAN_VIN  "SJNFAAZE1U0000001"
/* The Nissan's remote lock PIN (api-nissan.md §3.4) */
#define NISSAN_PIN  "86429753"
#define NISSAN_LOCALE "en_GB"
#define RENAULT_LOCALE "fr_FR"

typedef struct {
  CarportSimulator *sim;
  char             *root;           /* the CLI's HOME, XDG folders and runtime dir */
  GString          *output;         /* every run's stdout and stderr */
  GPtrArray        *process_texts;  /* argv and environ of the running CLI */
  GSubprocess      *running;
} Audit;

static const char * const folders[][2] = {
  { "HOME", "home" },
  { "XDG_CACHE_HOME", "cache" },
  { "XDG_CONFIG_HOME", "config" },
  { "XDG_DATA_HOME", "data" },
  { "XDG_STATE_HOME", "state" },
  { "XDG_RUNTIME_DIR", "runtime" },
};

typedef void (*FileFunc) (const char *path,
                          gpointer    user_data);

/* Calls @func on every file below @dir, and on each folder after its files. */
static void
walk_tree (const char *dir,
           FileFunc    func,
           gpointer    user_data)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  while (handle && (name = g_dir_read_name (handle)))
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        walk_tree (path, func, user_data);
      else
        func (path, user_data);
    }
  func (dir, user_data);
}

static void
remove_path (const char *path,
             gpointer    user_data)
{
  g_assert_cmpint (g_remove (path), ==, 0);
}

static void
audit_start (Audit *audit)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GStrvBuilder) env = g_strv_builder_new ();
  g_auto(GStrv) sim_env = NULL;

  audit->sim = carport_simulator_new ();
  g_assert_true (carport_simulator_start (audit->sim, 0, &error));
  g_assert_no_error (error);
  audit->root = g_dir_make_tmp ("carport-secrets-XXXXXX", &error);
  g_assert_no_error (error);
  audit->output = g_string_new (NULL);
  audit->process_texts = g_ptr_array_new_with_free_func (g_free);

  sim_env = carport_simulator_dup_environ (audit->sim);
  g_strv_builder_addv (env, (const char **) sim_env);
  for (gsize i = 0; i < G_N_ELEMENTS (folders); i++)
    {
      g_autofree char *path = g_build_filename (audit->root, folders[i][1], NULL);
      g_autofree char *entry = g_strdup_printf ("%s=%s", folders[i][0], path);

      g_assert_cmpint (g_mkdir (path, 0700), ==, 0);
      g_strv_builder_add (env, entry);
    }
  g_strv_builder_add (env, "G_MESSAGES_DEBUG=all");
  cli_test_set_env (g_strv_builder_end (env));
}

static void
audit_stop (Audit *audit)
{
  cli_test_set_env (NULL);
  carport_simulator_stop (audit->sim);
  g_clear_object (&audit->sim);
  walk_tree (audit->root, remove_path, NULL);
  g_clear_pointer (&audit->root, g_free);
  g_string_free (audit->output, TRUE);
  g_ptr_array_unref (audit->process_texts);
}

/* Keeps /proc/PID/@name of the running CLI, its NULs made newlines. */
static void
sample_proc_file (Audit      *audit,
                  const char *pid,
                  const char *name)
{
  g_autofree char *path = g_build_filename ("/proc", pid, name, NULL);
  char *contents = NULL;
  gsize len;

  /* Unreadable once the process has ended. */
  if (!g_file_get_contents (path, &contents, &len, NULL))
    return;
  for (gsize i = 0; i < len; i++)
    if (contents[i] == '\0')
      contents[i] = '\n';
  g_ptr_array_add (audit->process_texts, contents);
}

static gboolean
sample_process (gpointer user_data)
{
  Audit *audit = user_data;
  const char *pid = g_subprocess_get_identifier (audit->running);

  if (pid != NULL)
    {
      sample_proc_file (audit, pid, "cmdline");
      sample_proc_file (audit, pid, "environ");
    }
  return G_SOURCE_CONTINUE;
}

/* Runs the CLI with @args, @input (nullable) on its stdin, keeping its
 * output and, every 20 ms while it runs, its argv and environment. */
static void
audit_run (Audit              *audit,
           Run                *run,
           const char         *input,
           const char * const *args)
{
  Spawned spawned = { 0 };
  guint sampler;

  spawn_cli_args (&spawned, input, args);
  audit->running = spawned.process;
  sample_process (audit);
  sampler = g_timeout_add (20, sample_process, audit);
  spawned_wait (&spawned, run);
  g_source_remove (sampler);
  audit->running = NULL;

  g_string_append (audit->output, run->out);
  g_string_append (audit->output, run->err);
}

/* As audit_run_ok(), for a command that asks for the code the simulator
 * e-mails (a Nissan's device registration): typed once it is sent, @input
 * after it. Returns the code. */
static char *
audit_run_with_code (Audit              *audit,
                     const char         *input,
                     const char * const *args)
{
  g_auto(Run) run = { 0 };
  Spawned spawned = { 0 };
  g_autofree char *line = NULL;
  g_autoptr(GError) error = NULL;
  guint sampler;

  g_assert_null (carport_simulator_get_last_device_otp (audit->sim));
  spawn_cli_args (&spawned, NULL, args);
  audit->running = spawned.process;
  sampler = g_timeout_add (20, sample_process, audit);
  /* The simulator answers in this process: the main context turns. */
  while (carport_simulator_get_last_device_otp (audit->sim) == NULL)
    g_main_context_iteration (NULL, TRUE);
  line = g_strconcat (carport_simulator_get_last_device_otp (audit->sim), "\n", NULL);
  g_output_stream_write_all (g_subprocess_get_stdin_pipe (spawned.process), line, strlen (line), NULL, NULL,
                             &error);
  g_assert_no_error (error);
  spawned.input = g_strdup (input);
  spawned_wait (&spawned, &run);
  g_source_remove (sampler);
  audit->running = NULL;

  g_string_append (audit->output, run.out);
  g_string_append (audit->output, run.err);
  if (run.status != 0)
    g_test_message ("carport-cli %s: %s", args[0], run.err);
  g_assert_cmpint (run.status, ==, 0);
  return g_strdup (carport_simulator_get_last_device_otp (audit->sim));
}

/* TRUE when @code stands in @text as a number of its own (not inside a
 * longer run of digits, as times and ids have). */
static gboolean
has_number (const char *text,
            const char *code)
{
  gsize len = strlen (code);

  for (const char *at = strstr (text, code); at != NULL; at = strstr (at + 1, code))
    if ((at == text || !g_ascii_isdigit (at[-1])) && !g_ascii_isdigit (at[len]))
      return TRUE;
  return FALSE;
}

static void
audit_run_ok (Audit              *audit,
              const char         *input,
              const char * const *args)
{
  g_auto(Run) run = { 0 };

  audit_run (audit, &run, input, args);
  if (run.status != 0)
    g_test_message ("carport-cli %s: %s", args[0], run.err);
  g_assert_cmpint (run.status, ==, 0);
}

/* A login, a status of @vin, a GET of @path and @command (on @vin), the
 * password on stdin, all with --debug. */
static void
use_account (Audit              *audit,
             const char         *brand,
             const char         *locale,
             const char         *email,
             const char         *password,
             const char         *vin,
             const char         *path,
             const char * const *command)
{
  g_autofree char *input = g_strdup_printf ("%s\n", password);
  const char * const login[] = { "login", "--brand", brand, "--locale", locale, "--email", email,
                                 "--password-stdin", "--debug", NULL };
  const char * const status[] = { "--json", "status", "--vin", vin, "--debug", NULL };
  const char * const http[] = { "--debug", "http", "get", path, "--vin", vin, NULL };

  audit_run_ok (audit, input, login);
  audit_run_ok (audit, NULL, status);
  audit_run_ok (audit, NULL, http);
  /* Runs for the simulator's command delay (1.5 s): sampled meanwhile. */
  audit_run_ok (audit, NULL, command);
}

static void
assert_no_secret_in (const char          *where,
                     const char          *data,
                     gsize                len,
                     const char * const  *secrets)
{
  for (guint i = 0; secrets[i]; i++)
    if (memmem (data, len, secrets[i], strlen (secrets[i])) != NULL)
      g_error ("secret %u (%zu bytes) found in %s", i, strlen (secrets[i]), where);
}

static void
assert_no_secret_in_file (const char *path,
                          gpointer    user_data)
{
  g_autofree char *contents = NULL;
  gsize len;

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    return;
  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  g_test_message ("file %s, %zu bytes", path, len);
  assert_no_secret_in (path, contents, len, user_data);
}

static guint
file_mode (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_mode & 0777;
}

/* The keyring items of Carport's logins for @email (NULL: any). */
static guint
count_items (const SecretSchema *schema,
             const char         *email)
{
  g_autoptr(GHashTable) attributes = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;
  GList *items;
  guint n;

  if (email != NULL)
    g_hash_table_insert (attributes, (char *) "email", (char *) email);
  items = secret_service_search_sync (NULL, schema, attributes, SECRET_SEARCH_ALL, NULL, &error);
  g_assert_no_error (error);
  n = g_list_length (items);
  g_list_free_full (items, g_object_unref);
  return n;
}

/* The logins in the keyring (of @email, or all). */
static guint
count_keyring_items (const char *email)
{
  static const SecretSchema schema = {
    "io.github.carport.Carport.Login", SECRET_SCHEMA_NONE,
    { { "email", SECRET_SCHEMA_ATTRIBUTE_STRING }, { NULL, 0 } },
  };

  return count_items (&schema, email);
}

/* The remembered remote lock PINs in the keyring (of @email, or all). */
static guint
count_pin_items (const char *email)
{
  static const SecretSchema schema = {
    "io.github.carport.Carport.Pin", SECRET_SCHEMA_NONE,
    { { "email", SECRET_SCHEMA_ATTRIBUTE_STRING }, { NULL, 0 } },
  };

  return count_items (&schema, email);
}

/* The cars of @vins (NULL-terminated) kept in the state cache at @path. */
static guint
count_cached_cars (const char         *path,
                   const char * const *vins)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  guint n = 0;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT vin FROM vehicles", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    n += g_strv_contains (vins, (const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

static void
logout (Audit      *audit,
        const char *email)
{
  const char * const args[] = { "logout", "--account", email, NULL };

  audit_run_ok (audit, NULL, args);
}

/* This computer's device id for the Nissan @vin, derived as the service
 * does (src/service/carport-account-device.c), or NULL without a machine id. */
static char *
nissan_device_id (Audit      *audit,
                  const char *vin)
{
  g_autofree char *machine_id = NULL;
  g_autofree char *message = NULL;
  char *id;

  if (!g_file_get_contents ("/etc/machine-id", &machine_id, NULL, NULL))
    return NULL;
  g_strstrip (machine_id);
  message = g_strconcat ("carport-device:", carport_simulator_get_nissan_user_id (audit->sim), ":", vin, NULL);
  id = g_compute_hmac_for_string (G_CHECKSUM_SHA256, (const guchar *) machine_id, strlen (machine_id), message, -1);
  id[16] = '\0';
  return id;
}

static void
test_session_secrets (void)
{
  Audit audit = { 0 };
  g_auto(GStrv) secrets = NULL;
  g_auto(GStrv) renault_vins = NULL;
  g_auto(GStrv) nissan_vins = NULL;
  g_autoptr(GStrvBuilder) all = g_strv_builder_new ();
  g_autofree char *cache = NULL;
  g_autofree char *cache_dir = NULL;
  const char * const climate_start[] = { "--debug", "climate", "start", "--vin", RENAULT_VIN, NULL };
  const char * const horn[] = { "horn", "--debug", "--vin", NISSAN_VIN, NULL };
  const char * const srp_enrol[] = { "srp", "enrol", "--pin-stdin", "--debug", "--vin", LOCK_VIN, NULL };
  const char * const lock[] = { "lock", "--pin-stdin", "--remember-pin", "--debug", "--vin", LOCK_VIN, NULL };
  const char * const unlock[] = { "unlock", "--debug", "--vin", LOCK_VIN, NULL };
  const char * const nissan_enrol[] = { "srp", "enrol", "--pin-stdin", "--debug", "--vin", NISSAN_VIN, NULL };
  const char * const nissan_unlock[] = { "unlock", "--pin-stdin", "--debug", "--vin", NISSAN_VIN, NULL };
  const char * const nissan_forget[] = { "device", "forget", "--debug", "--vin", NISSAN_VIN, NULL };
  g_autofree char *device_id = NULL;
  g_autofree char *otp = NULL;
  g_auto(GStrv) output_secrets = NULL;
  const char *renault_email, *nissan_email;

  if (!g_getenv ("CARPORT_TEST_SESSION_INNER"))
    {
      g_test_skip ("needs the keyring of build-aux/test-session");
      return;
    }

  audit_start (&audit);
  renault_email = carport_simulator_get_demo_email (audit.sim);
  nissan_email = carport_simulator_get_nissan_demo_email (audit.sim);
  renault_vins = carport_simulator_dup_vins (audit.sim);
  nissan_vins = carport_simulator_dup_nissan_vins (audit.sim);
  g_assert_cmpuint (count_keyring_items (NULL), ==, 0);

  use_account (&audit, "renault", RENAULT_LOCALE, renault_email,
               carport_simulator_get_demo_password (audit.sim), RENAULT_VIN,
               "commerce/v1/accounts/{account}/kamereon/kca/car-adapter/v2/cars/{vin}/battery-status", climate_start);
  /* The PIN goes on stdin only: the CLI takes none as an argument. */
  audit_run_ok (&audit, LOCK_PIN "\n", srp_enrol);
  audit_run_ok (&audit, LOCK_PIN "\n", lock);
  /* Remembered: only in the keyring, and used from there. */
  g_assert_cmpuint (count_pin_items (renault_email), ==, 1);
  audit_run_ok (&audit, NULL, unlock);
  use_account (&audit, "nissan", NISSAN_LOCALE, nissan_email,
               carport_simulator_get_nissan_demo_password (audit.sim), NISSAN_VIN,
               "v1/cars/{vin}/battery-status", horn);
  /* The e-mailed code and the PIN go on stdin only. */
  otp = audit_run_with_code (&audit, NISSAN_PIN "\n", nissan_enrol);
  audit_run_ok (&audit, NISSAN_PIN "\n", nissan_unlock);
  g_assert_false (carport_simulator_get_locked (audit.sim, NISSAN_VIN));
  audit_run_ok (&audit, NULL, nissan_forget);
  device_id = nissan_device_id (&audit, NISSAN_VIN);

  /* What the simulator handed out: a login token and a JWT (Renault), an
   * authorization code, an id token, OneID and Kamereon tokens (Nissan). */
  secrets = carport_simulator_dup_issued_secrets (audit.sim);
  g_assert_cmpuint (g_strv_length (secrets), >=, 7);
  g_strv_builder_addv (all, (const char **) secrets);
  g_strv_builder_add (all, carport_simulator_get_demo_password (audit.sim));
  g_strv_builder_add (all, carport_simulator_get_nissan_demo_password (audit.sim));
  g_strv_builder_add (all, LOCK_PIN);
  g_strv_builder_add (all, NISSAN_PIN);
  g_strfreev (secrets);
  /* The logs are full of digits: the 6-digit code is looked for there as a
   * number of its own, below; everywhere else as the rest. */
  output_secrets = g_strv_builder_end (all);
  g_strv_builder_addv (all, (const char **) output_secrets);
  g_strv_builder_add (all, otp);
  secrets = g_strv_builder_end (all);

  /* The session did write: the cache, and the logs said a lot. */
  cache_dir = g_build_filename (audit.root, "cache", "carport", NULL);
  cache = g_build_filename (cache_dir, "state.sqlite3", NULL);
  g_assert_true (g_file_test (cache, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpuint (audit.output->len, >, 10000);
  /* --debug wrote the exchange; http get printed the answers. */
  g_assert_nonnull (strstr (audit.output->str, "> POST http://"));
  g_assert_nonnull (strstr (audit.output->str, "> GET https://"));
  g_assert_nonnull (strstr (audit.output->str, "< 200 OK"));
  g_assert_nonnull (strstr (audit.output->str, "[redacted]"));
  g_assert_nonnull (strstr (audit.output->str, "HTTP 200 OK"));
  g_assert_nonnull (strstr (audit.output->str, "\"batteryLevel\""));
  g_assert_cmpuint (audit.process_texts->len, >, 20);

  g_assert_false (has_number (audit.output->str, otp));
  /* The device id is no secret, but is kept out of the logs too */
  g_assert_nonnull (strstr (audit.output->str, "/devices/[redacted]/registration-status"));
  g_assert_nonnull (strstr (audit.output->str, "> DELETE https://"));
  g_assert_nonnull (strstr (audit.output->str, "/devices/[redacted]\n"));
  if (device_id != NULL)
    g_assert_null (strstr (audit.output->str, device_id));
  g_assert_null (strstr (audit.output->str, "\"deviceId\":\"0"));
  walk_tree (audit.root, assert_no_secret_in_file, secrets);
  assert_no_secret_in ("the CLI's output and logs", audit.output->str, audit.output->len,
                       (const char * const *) output_secrets);
  for (guint i = 0; i < audit.process_texts->len; i++)
    {
      const char *text = g_ptr_array_index (audit.process_texts, i);

      assert_no_secret_in ("the CLI's argv or environment", text, strlen (text),
                           (const char * const *) secrets);
    }

  g_assert_cmpuint (file_mode (cache), ==, 0600);
  g_assert_cmpuint (file_mode (cache_dir), ==, 0700);

  /* A logout leaves nothing of that account, and only of that one. */
  g_assert_cmpuint (count_keyring_items (renault_email), ==, 1);
  g_assert_cmpuint (count_keyring_items (nissan_email), ==, 1);
  g_assert_cmpuint (count_cached_cars (cache, (const char * const *) renault_vins), >, 0);
  g_assert_cmpuint (count_cached_cars (cache, (const char * const *) nissan_vins), >, 0);
  logout (&audit, renault_email);
  g_assert_cmpuint (count_keyring_items (renault_email), ==, 0);
  g_assert_cmpuint (count_pin_items (NULL), ==, 0);
  g_assert_cmpuint (count_cached_cars (cache, (const char * const *) renault_vins), ==, 0);
  g_assert_cmpuint (count_keyring_items (nissan_email), ==, 1);
  g_assert_cmpuint (count_cached_cars (cache, (const char * const *) nissan_vins), >, 0);
  logout (&audit, nissan_email);
  g_assert_cmpuint (count_keyring_items (NULL), ==, 0);
  g_assert_cmpuint (count_cached_cars (cache, (const char * const *) nissan_vins), ==, 0);

  audit_stop (&audit);
}

/* A service root of plain http:// off loopback is refused before any
 * request: 0.0.0.0 would reach the simulator. */
static void
test_http_only_loopback (void)
{
  Audit audit = { 0 };
  g_autofree char *gigya = NULL;
  g_autofree char *kamereon = NULL;
  g_autofree char *input = NULL;
  g_auto(Run) run = { 0 };
  guint requests;

  audit_start (&audit);
  gigya = g_strdup_printf ("CARPORT_RENAULT_GIGYA_URL=http://0.0.0.0:%u/gigya",
                           carport_simulator_get_port (audit.sim));
  kamereon = g_strdup_printf ("CARPORT_RENAULT_KAMEREON_URL=http://0.0.0.0:%u/kamereon",
                              carport_simulator_get_port (audit.sim));
  {
    const char * const overrides[] = { gigya, kamereon, "G_MESSAGES_DEBUG=", NULL };

    cli_test_set_env (g_strdupv ((char **) overrides));
  }
  input = g_strdup_printf ("%s\n", carport_simulator_get_demo_password (audit.sim));
  requests = carport_simulator_get_request_count (audit.sim);

  run_cli_full (&run, input, "login", "--brand", "renault", "--locale", RENAULT_LOCALE,
                "--email", carport_simulator_get_demo_email (audit.sim), "--password-stdin", NULL);
  assert_one_line_error (&run);
  g_assert_nonnull (strstr (run.err, "http://0.0.0.0:"));
  g_assert_nonnull (strstr (run.err, "https://"));
  g_assert_cmpuint (carport_simulator_get_request_count (audit.sim), ==, requests);

  audit_stop (&audit);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli-secrets/session", test_session_secrets);
  g_test_add_func ("/cli-secrets/http-only-loopback", test_http_only_loopback);

  return g_test_run ();
}
