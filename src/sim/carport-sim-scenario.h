/* carport-sim-scenario.h — scenario files for both brands (not public API)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The demo scenario: what carport_simulator_new() simulates (JSON; the
 * README documents the format). */
extern const char _carport_sim_default_scenario[];

typedef struct {
  char *email;
  char *password;
  char *locale;
  char *first_name;
  char *last_name;
} CarportSimAccount;

/* The settings a scenario may change. The caller fills it with the current
 * ones, _carport_sim_scenario_load() overwrites what the file names. */
typedef struct {
  guint              latency_ms;
  guint              jwt_lifetime;
  guint              command_delay_ms;
  double             charge_rate;
  int                require_tfa;    /* -1: not named */
  int                gigya_key_rotated;  /* -1: not named */
  CarportSimAccount  account;        /* Renault */
  GPtrArray         *cars;           /* CarportSimCar*; NULL: not named */
  GPtrArray         *faults;         /* CarportSimFaultEntry*, to add */
  /* "nissan" */
  CarportSimAccount  nissan_account;
  GPtrArray         *nissan_cars;    /* NULL: not named */
  int                nissan_bad_password_form;   /* -1: not named */
  int                nissan_interstitial;        /* -1: not named */
  int                nissan_rotate_refresh;      /* -1: not named */
} CarportSimScenario;

void     _carport_sim_account_copy   (CarportSimAccount        *dest,
                                      const CarportSimAccount  *src);
void     _carport_sim_account_clear  (CarportSimAccount        *account);
void     _carport_sim_scenario_clear (CarportSimScenario       *scenario);
gboolean _carport_sim_scenario_load  (CarportSimScenario       *scenario,
                                      JsonNode                 *root,
                                      GError                  **error);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CarportSimScenario, _carport_sim_scenario_clear)

G_END_DECLS
