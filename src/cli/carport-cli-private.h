/* carport-cli-private.h — what the files of carport-cli share: the run's
 * state and options, and the helpers every command uses. */
#pragma once

#include <glib.h>

#include "carport-cli.h"
#include "carport-cli-exit.h"
#include "carport-session.h"

G_BEGIN_DECLS


typedef struct _Cli Cli;
typedef void (*CommandFunc) (Cli *cli);

typedef struct {
  const char *name;
  const char *usage;        /* arguments after the name */
  const char *summary;
  CommandFunc func;
  gboolean    needs_login;
  const char * const *options;  /* the names of its options (carport-cli-options.c) */
} Command;

struct _Cli {
  GMainLoop      *loop;
  GCancellable   *cancellable;
  CarportSession *session;
  const Command  *command;
  int             exit_status;

  /* Global options */
  gboolean json;
  gboolean csv;           /* history: CSV instead of a table */
  gboolean demo;
  gboolean debug;

  /* Command arguments and options */
  char   **args;          /* positional arguments after the command name */
  char    *vin;
  char    *brand;
  char    *account;
  char    *locale;
  char    *email;
  gboolean password_stdin;
  gboolean pin_stdin;
  gboolean remember_pin;  /* keep the PIN in the keyring once the car took it */
  gboolean no_wait;
  double   temperature;
  char    *at;
  char    *from;
  char    *to;
  int      soc_min;
  int      soc_target;
  char    *days;
  char    *start;
  int      duration;
  char    *password;      /* wiped after use */
  char    *remembered_pin; /* from the keyring; wiped after use */
  gboolean pin_looked_up;
};

/* Arguments (carport-cli-options.c) */
/* Parses @argv into @cli (its command one of @commands): -1 to go on, else
 * the exit status to end with (after the help, the version, or an error). */
int             carport_cli_parse               (Cli *cli, const Command *commands, guint n_commands,
                                                 int argc, char **argv);

/* Output */
void            carport_cli_append_padded       (GString *line, const char *text, glong width);
void            carport_cli_print_row           (const char *label, const char *value);
/* Ends the run (once what the session writes is kept) with @status. */
void            carport_cli_finish              (Cli *cli, int status);
/* Says @error on stderr and ends with the exit status its code means. */
void            carport_cli_finish_with_error   (Cli *cli, const GError *error);
/* Says @message on stderr and ends with @status. */
void            carport_cli_finish_with_message (Cli *cli, CarportCliExit status, const char *message);
/* The exit status a failure of @error means. */
CarportCliExit  carport_cli_exit_for_error      (const GError *error);
/* The car --vin names (or the first); NULL after saying why. */
CarportVehicle *carport_cli_pick_vehicle        (Cli *cli);
/* FALSE, after saying so, when @vehicle does not offer @kind. */
gboolean        carport_cli_check_supported     (Cli *cli, CarportVehicle *vehicle, CarportCommandKind kind);
/* Commands (carport-cli-commands.c) */
/* Sends a command of @kind (with the options given) to the car --vin names
 * and reports it (waiting for its result unless --no-wait). */
void            carport_cli_send_command        (Cli *cli, CarportCommandKind kind);
/* Lock, unlock or PIN enrolment: uses the PIN remembered in the keyring, or
 * asks for the PIN (no echo) or reads it from standard input with
 * --pin-stdin; it lives only in the command (and, with --remember-pin, in
 * the keyring once the car took it). */
void            carport_cli_send_pin_command    (Cli *cli, CarportCommandKind kind);
/* Remembered PINs (carport-cli-pin.c): TRUE when a lookup of the PIN
 * remembered for @vehicle started (lock, unlock without --pin-stdin or
 * --remember-pin), which sends the command again once cli->remembered_pin
 * is set (or not); where the PIN comes from; "srp forget". */
gboolean        carport_cli_lookup_pin          (Cli *cli, CarportVehicle *vehicle, CarportCommandKind kind);
CarportPinSource carport_cli_pin_source         (Cli *cli);
void            carport_cli_forget_pin          (Cli *cli);
/* "device forget": unregisters this computer from the car (Nissan). */
void            carport_cli_forget_device       (Cli *cli);
/* Reports a sent command (user data: the command, with "cli" set on it) and
 * ends the run with the exit status its outcome means. */
void            carport_cli_command_sent_cb     (GObject *source, GAsyncResult *result, gpointer user_data);
/* FALSE, after printing the usage, unless there are @n positional arguments. */
gboolean        carport_cli_expect_args         (Cli *cli, guint n);

/* Status and refresh (carport-cli-status.c) */
void            carport_cli_cmd_status          (Cli *cli);
void            carport_cli_cmd_refresh         (Cli *cli);

/* History (carport-cli-history.c) */
void            carport_cli_cmd_history         (Cli *cli);

/* Requests of one's own (carport-cli-http.c) */
void            carport_cli_cmd_http            (Cli *cli);

/* Programmes (carport-cli-schedules.c) */
void            carport_cli_cmd_schedule        (Cli *cli);
void            carport_cli_schedule_refreshed_cb (GObject *source, GAsyncResult *result, gpointer user_data);

G_END_DECLS
