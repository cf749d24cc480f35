/* cli-test-util.h — running carport-cli and carport-simulator as processes,
 * for the CLI tests. */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef struct {
  int   status;  /* the exit status, or -1 when it did not exit */
  char *out;
  char *err;
} Run;

void run_clear (Run *run);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

/* The "NAME=value" entries every later run gets (NULL: none); takes @env. */
void      cli_test_set_env      (char **env);

/* Starts $CARPORT_CLI with @args (NULL-terminated), the env above set,
 * stdin, stdout and stderr piped. */
GSubprocess *spawn_cli          (const char * const *args);
/* Writes @input (nullable) to @process's stdin and waits for its end while
 * the thread-default main context runs (a simulator in the test process
 * keeps serving, the test's timeouts fire). */
void      wait_cli              (Run         *run,
                                 GSubprocess *process,
                                 const char  *input);

/* Runs $CARPORT_CLI with the arguments up to NULL, @input on its stdin. */
void      run_cli_full          (Run        *run,
                                 const char *input,
                                 const char *first,
                                 ...) G_GNUC_NULL_TERMINATED;
#define run_cli(run, ...) run_cli_full (run, NULL, __VA_ARGS__, NULL)

/* The JSON document @text (a failure when it does not parse). */
JsonNode *parse                 (const char *text);
/* A non-zero exit with one "carport-cli: …" line on stderr. */
void      assert_one_line_error (Run *run);

/* Starts $CARPORT_SIMULATOR --port 0 and @extra_args (NULL-terminated, may
 * be NULL); *@info is its info line. */
GSubprocess *start_simulator    (const char * const *extra_args,
                                 JsonObject        **info);
/* The info line's "env" as "NAME=value" entries. */
char       **simulator_env      (JsonObject *info);
/* SIGTERM, and a clean exit expected. */
void         stop_simulator_cleanly (GSubprocess *process);
/* A GDestroyNotify: kills @process and drops the reference. */
void         stop_simulator     (gpointer process);

G_END_DECLS
