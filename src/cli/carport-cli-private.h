/* carport-cli-private.h — what the files of carport-cli share: the run's
 * state and options, and the helpers every command uses. */
#pragma once

#include <glib.h>

#include "carport-cli.h"
#include "carport-session.h"

G_BEGIN_DECLS

/* The exit statuses of carport-cli (EXIT STATUS in data/carport-cli.1). */
typedef enum {
  CARPORT_CLI_EXIT_OK = 0,
  CARPORT_CLI_EXIT_FAILED = 1,           /* failed, or wrong arguments */
  CARPORT_CLI_EXIT_USAGE = 2,            /* unknown command or option */
  CARPORT_CLI_EXIT_OUTCOME_UNKNOWN = 3,  /* a command was sent; whether the car carried it out is not known */
  CARPORT_CLI_EXIT_IN_PROGRESS = 4,      /* the same command is already on its way to the car: nothing sent */
} CarportCliExit;

typedef struct _Cli Cli;
typedef void (*CommandFunc) (Cli *cli);

typedef struct {
  const char *name;
  const char *usage;        /* arguments after the name */
  const char *summary;
  CommandFunc func;
  gboolean    needs_login;
} Command;

struct _Cli {
  GMainLoop      *loop;
  GCancellable   *cancellable;
  CarportSession *session;
  const Command  *command;
  int             exit_status;

  /* Global options */
  gboolean json;
  gboolean demo;

  /* Command arguments and options */
  char   **args;          /* positional arguments after the command name */
  char    *vin;
  char    *brand;
  char    *account;
  char    *locale;
  char    *email;
  gboolean password_stdin;
  gboolean pin_stdin;
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
};

/* Output */
void            carport_cli_append_padded       (GString *line, const char *text, glong width);
void            carport_cli_print_row           (const char *label, const char *value);
/* Ends the run (once what the session writes is kept) with @status. */
void            carport_cli_finish              (Cli *cli, int status);
void            carport_cli_finish_with_error   (Cli *cli, const GError *error);
void            carport_cli_finish_with_message (Cli *cli, const char *message);
/* The car --vin names (or the first); NULL after saying why. */
CarportVehicle *carport_cli_pick_vehicle        (Cli *cli);
/* FALSE, after saying so, when @vehicle does not offer @kind. */
gboolean        carport_cli_check_supported     (Cli *cli, CarportVehicle *vehicle, CarportCommandKind kind);
/* Commands (carport-cli-commands.c) */
/* Sends a command of @kind (with the options given) to the car --vin names
 * and reports it (waiting for its result unless --no-wait). */
void            carport_cli_send_command        (Cli *cli, CarportCommandKind kind);
/* Lock, unlock or PIN enrolment: asks for the PIN (no echo) or reads it from
 * standard input with --pin-stdin; it lives only in the command. */
void            carport_cli_send_pin_command    (Cli *cli, CarportCommandKind kind);
/* Reports a sent command (user data: the command, with "cli" set on it) and
 * ends the run with the exit status its outcome means. */
void            carport_cli_command_sent_cb     (GObject *source, GAsyncResult *result, gpointer user_data);
/* FALSE, after printing the usage, unless there are @n positional arguments. */
gboolean        carport_cli_expect_args         (Cli *cli, guint n);

/* Status and refresh (carport-cli-status.c) */
void            carport_cli_cmd_status          (Cli *cli);
void            carport_cli_cmd_refresh         (Cli *cli);

/* Programmes (carport-cli-schedules.c) */
void            carport_cli_cmd_schedule        (Cli *cli);
void            carport_cli_schedule_refreshed_cb (GObject *source, GAsyncResult *result, gpointer user_data);

G_END_DECLS
