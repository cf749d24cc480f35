/* carport-cli-exit.h — the exit statuses of carport-cli, in the spirit of
 * sysexits.h: the one list that the code, the tests, `carport-cli --help`,
 * carport-cli(1) (EXIT STATUS) and docs/cli-json.md ("Exit status") follow. */
#pragma once

typedef enum {
  CARPORT_CLI_EXIT_OK = 0,
  CARPORT_CLI_EXIT_FAILED = 1,          /* failed, or refused by the car */
  CARPORT_CLI_EXIT_NOT_CONFIRMED = 3,   /* a command's outcome is not known; status shows the last known state */
  CARPORT_CLI_EXIT_IN_PROGRESS = 4,     /* the same command is already on its way to the car: nothing sent */
  CARPORT_CLI_EXIT_USAGE = 64,          /* EX_USAGE: unknown command or option, wrong arguments */
  CARPORT_CLI_EXIT_UNAVAILABLE = 69,    /* EX_UNAVAILABLE: the servers cannot be reached or failed */
  CARPORT_CLI_EXIT_TEMPFAIL = 75,       /* EX_TEMPFAIL: too many requests; try again later */
  CARPORT_CLI_EXIT_NOPERM = 77,         /* EX_NOPERM: not logged in, login expired or refused */
} CarportCliExit;
