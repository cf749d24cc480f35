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
/* One more entry for every later run. */
void      cli_test_add_env      (const char *name, const char *value);

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

/* A carport-simulator process, for the tests that log in to it. */
typedef struct {
  GSubprocess *simulator;
  JsonObject  *info;
} Sim;

/* TRUE when the keyring of build-aux/test-session is there; else the test
 * is skipped. */
gboolean     need_keyring       (void);
/* The info line's account of @brand. */
JsonObject  *demo_account       (Sim *sim, const char *brand);
/* Starts the simulator (stopped even when an assertion fails), points the
 * runs at it and logs out of anything left. */
void         sim_start          (Sim *sim, const char * const *extra_args);
/* Logs out and stops the simulator cleanly. */
void         sim_stop           (Sim *sim);
/* Logs in to the simulator's demo account of @brand, the password on stdin. */
void         login              (Sim *sim, const char *brand);
/* The requests the simulator received for @endpoint (its info page). */
guint        simulator_endpoint_requests (Sim *sim, const char *endpoint);
/* Whether the simulator has the doors of @vin locked (its info page). */
gboolean     simulator_car_locked (Sim *sim, const char *vin);
gboolean     simulator_engine_running (Sim *sim, const char *vin);

/* The last code the simulator "e-mailed" for a Nissan's device
 * registration, or NULL (its info page). */
char        *simulator_device_otp (Sim *sim);

/* A carport-cli process started, not yet waited for: runs side by side. */
typedef struct {
  GSubprocess *process;
  char        *input;
} Spawned;

/* Starts $CARPORT_CLI with the arguments up to NULL; @input goes to its
 * stdin when it is waited for. */
void         spawn_cli          (Spawned    *spawned,
                                 const char *input,
                                 const char *first,
                                 ...) G_GNUC_NULL_TERMINATED;
/* The same with the arguments in @args (NULL-terminated). */
void         spawn_cli_args     (Spawned            *spawned,
                                 const char         *input,
                                 const char * const *args);
/* Waits until the simulator e-mails a device code other than @previous
 * (nullable), then types it into @spawned's standard input, as a person
 * reading the mail would. */
void         spawned_type_device_otp (Spawned *spawned, Sim *sim, const char *previous);
/* Waits for @spawned to end, with what it wrote, while the main context
 * turns (a simulator in the test's process keeps answering). */
void         spawned_wait       (Spawned    *spawned,
                                 Run        *run);

G_END_DECLS
