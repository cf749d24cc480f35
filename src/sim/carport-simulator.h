/* carport-simulator.h — an in-process stand-in for Renault's Gigya and Kamereon servers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * CarportSimulator serves the Gigya (login) and Kamereon (car) APIs of
 * docs/api-renault.md on 127.0.0.1 over http, and Nissan's OneID login and
 * Kamereon hosts (docs/api-nissan.md, docs/nissan-sim.md) over https, with simulated cars whose state evolves
 * (charging raises the level, commands go PENDING then COMPLETED) and with
 * fault injection. It runs on the thread-default main context of the thread
 * that calls carport_simulator_start(); everything is asynchronous.
 *
 * It depends on GLib, libsoup and json-glib only: it writes the wire format on
 * its own. The scenario file format, the per-model error mapping and the
 * fault syntax are described in src/sim/README.md.
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define CARPORT_SIMULATOR_ERROR (carport_simulator_error_quark ())

typedef enum {
  CARPORT_SIMULATOR_ERROR_INVALID_SCENARIO,  /* the scenario file is not valid */
  CARPORT_SIMULATOR_ERROR_INVALID_FAULT,     /* a fault spec is not valid */
  CARPORT_SIMULATOR_ERROR_UNKNOWN_MODEL,     /* a car's model code is not simulated */
  CARPORT_SIMULATOR_ERROR_RUNNING,           /* already started */
} CarportSimulatorError;

GQuark carport_simulator_error_quark (void);

/**
 * CarportSimFaultKind:
 * @CARPORT_SIM_FAULT_ERROR: answer @http_status with a Kamereon error body of
 *   @error_code (on /gigya: a Gigya error body whose errorCode is @error_code)
 * @CARPORT_SIM_FAULT_HTML_502: an nginx "502 Bad Gateway" HTML page
 * @CARPORT_SIM_FAULT_DELAY: wait @delay_ms more, then answer normally
 * @CARPORT_SIM_FAULT_TRUNCATED: the normal answer cut in half (valid HTTP framing)
 * @CARPORT_SIM_FAULT_QUOTA: HTTP 429 with err.func.wired.overloaded
 * @CARPORT_SIM_FAULT_MALFORMED: HTTP 200 whose JSON body does not parse
 * @CARPORT_SIM_FAULT_HUGE: the normal answer padded to @size bytes of valid JSON
 * @CARPORT_SIM_FAULT_EMPTY: HTTP 200 with an empty body
 * @CARPORT_SIM_FAULT_BODY: the bytes of @body_file verbatim, with @http_status
 *   (default 200); application/json, or text/html when they start with "<"
 * @CARPORT_SIM_FAULT_DRIP: the normal answer (so a command is carried out),
 *   its body written one byte every @delay_ms (a slow or stuck server)
 * @CARPORT_SIM_FAULT_REDIRECT: a redirect (@http_status, default 302) to the
 *   same path under /redirected/ on the simulator, which answers 404: a client
 *   that follows it shows in the "redirected" endpoint count
 */
typedef enum {
  CARPORT_SIM_FAULT_ERROR,
  CARPORT_SIM_FAULT_HTML_502,
  CARPORT_SIM_FAULT_DELAY,
  CARPORT_SIM_FAULT_TRUNCATED,
  CARPORT_SIM_FAULT_QUOTA,
  CARPORT_SIM_FAULT_MALFORMED,
  CARPORT_SIM_FAULT_HUGE,
  CARPORT_SIM_FAULT_EMPTY,
  CARPORT_SIM_FAULT_BODY,
  CARPORT_SIM_FAULT_DRIP,
  CARPORT_SIM_FAULT_REDIRECT,
} CarportSimFaultKind;

/**
 * CarportSimFault:
 * @kind: what happens
 * @http_status: %CARPORT_SIM_FAULT_ERROR: 0 = the usual status of @error_code;
 *   %CARPORT_SIM_FAULT_REDIRECT: 0 = 302
 * @error_code: %CARPORT_SIM_FAULT_ERROR only, e.g. "err.func.wired.forbidden",
 *   or a Gigya code such as "403005"; NULL = "err.tech.500" (Gigya: 500001)
 * @delay_ms: %CARPORT_SIM_FAULT_DELAY: the extra wait; %CARPORT_SIM_FAULT_DRIP:
 *   the pause before each byte
 * @size: %CARPORT_SIM_FAULT_HUGE only, in bytes; 0 = 8 MiB
 * @count: how many matching requests it hits; 0 = all of them
 * @body_file: %CARPORT_SIM_FAULT_BODY only: a file whose bytes are served
 *   (read when the fault is added)
 *
 * A fault is matched against each request (see carport_simulator_add_fault()).
 * The simulator copies it; the caller keeps ownership of @error_code.
 */
typedef struct {
  CarportSimFaultKind kind;
  guint               http_status;
  const char         *error_code;
  guint               delay_ms;
  gsize               size;
  guint               count;
  const char         *body_file;
} CarportSimFault;

/**
 * CarportSimNissanHost:
 *
 * The Nissan hosts, each a path prefix of the https origin.
 */
typedef enum {
  CARPORT_SIM_NISSAN_AUTH,            /* OneID (WSO2): .../oneid/ */
  CARPORT_SIM_NISSAN_BFF,             /* bff-web: .../bff-web/ */
  CARPORT_SIM_NISSAN_USER_ADAPTER,    /* .../user-adapter/ */
  CARPORT_SIM_NISSAN_CAR_ADAPTER,     /* .../car-adapter/ */
  CARPORT_SIM_NISSAN_NOTIFICATIONS,   /* .../notifications/ */
  CARPORT_SIM_NISSAN_ACTION_STATUS,   /* .../action-status/ */
} CarportSimNissanHost;

#define CARPORT_TYPE_SIMULATOR (carport_simulator_get_type ())

G_DECLARE_FINAL_TYPE (CarportSimulator, carport_simulator, CARPORT, SIMULATOR, GObject)

/* Life cycle */
CarportSimulator *carport_simulator_new                  (void);
gboolean          carport_simulator_load_scenario        (CarportSimulator      *self,
                                                          const char            *path,
                                                          GError               **error);
gboolean          carport_simulator_load_scenario_data   (CarportSimulator      *self,
                                                          const char            *json,
                                                          GError               **error);
gboolean          carport_simulator_start                (CarportSimulator      *self,
                                                          guint16                port,
                                                          GError               **error);
void              carport_simulator_stop                 (CarportSimulator      *self);

/* Where it listens and how to log in */
guint16           carport_simulator_get_port             (CarportSimulator      *self);
char             *carport_simulator_get_gigya_url        (CarportSimulator      *self);
char             *carport_simulator_get_kamereon_url     (CarportSimulator      *self);
char             *carport_simulator_dup_info_json        (CarportSimulator      *self);
/* The info line's "env" as environment entries ("NAME=value"), for a
 * client in the same process (demo mode, tests). */
char            **carport_simulator_dup_environ          (CarportSimulator      *self);
const char       *carport_simulator_get_demo_email       (CarportSimulator      *self);
const char       *carport_simulator_get_demo_password    (CarportSimulator      *self);
const char       *carport_simulator_get_demo_locale      (CarportSimulator      *self);
const char       *carport_simulator_get_person_id        (CarportSimulator      *self);
const char       *carport_simulator_get_account_id       (CarportSimulator      *self);

/* The Nissan side: https on its own port, with a CA made at start */
guint16           carport_simulator_get_nissan_port      (CarportSimulator      *self);
char             *carport_simulator_get_nissan_url       (CarportSimulator      *self,
                                                          CarportSimNissanHost   host);
const char       *carport_simulator_get_ca_file          (CarportSimulator      *self);
const char       *carport_simulator_get_nissan_demo_email (CarportSimulator     *self);
const char       *carport_simulator_get_nissan_demo_password (CarportSimulator  *self);
const char       *carport_simulator_get_nissan_user_id   (CarportSimulator      *self);
void              carport_simulator_expire_nissan_access_tokens (CarportSimulator *self);
void              carport_simulator_revoke_nissan_refresh_tokens (CarportSimulator *self);
void              carport_simulator_set_nissan_rotate_refresh_token (CarportSimulator *self,
                                                          gboolean               rotate);
void              carport_simulator_set_nissan_bad_password_form (CarportSimulator *self,
                                                          gboolean               form);
void              carport_simulator_set_nissan_interstitial (CarportSimulator   *self,
                                                          gboolean               interstitial);

/* Behaviour (also settable from a scenario) */
void              carport_simulator_set_latency_ms       (CarportSimulator      *self,
                                                          guint                  ms);
guint             carport_simulator_get_latency_ms       (CarportSimulator      *self);
void              carport_simulator_set_jwt_lifetime     (CarportSimulator      *self,
                                                          guint                  seconds);
guint             carport_simulator_get_jwt_lifetime     (CarportSimulator      *self);
void              carport_simulator_set_command_delay_ms (CarportSimulator      *self,
                                                          guint                  ms);
guint             carport_simulator_get_command_delay_ms (CarportSimulator      *self);
void              carport_simulator_set_charge_rate      (CarportSimulator      *self,
                                                          double                 percent_per_second);
double            carport_simulator_get_charge_rate      (CarportSimulator      *self);

/* Faults. @endpoint matches a request when it is "*" (every request but the
 * pictures', the map tiles' and the geocoder's: "assets", "tiles", "reverse"
 * are named to be hit), the request's endpoint
 * name ("battery-status", "actions/hvac-start", "accounts.login", …), or a
 * suffix of its path after a "/" ("hvac-start", "VIN/cockpit", "charge/start").
 * Faults are tried in the order they were added; the first match wins. */
void              carport_simulator_add_fault            (CarportSimulator      *self,
                                                          const char            *endpoint,
                                                          const CarportSimFault *fault);
gboolean          carport_simulator_add_fault_from_string (CarportSimulator     *self,
                                                          const char            *spec,
                                                          GError               **error);
void              carport_simulator_clear_faults         (CarportSimulator      *self);

/* Authentication scenarios */
void              carport_simulator_expire_login_tokens  (CarportSimulator      *self);
void              carport_simulator_set_require_tfa      (CarportSimulator      *self,
                                                          gboolean               require);
void              carport_simulator_set_gigya_key_rotated (CarportSimulator     *self,
                                                          gboolean               rotated);
const char       *carport_simulator_get_last_tfa_code    (CarportSimulator      *self);
/* Nissan's remote lock: the last device code "e-mailed"; expiring them. */
const char       *carport_simulator_get_last_device_otp  (CarportSimulator      *self);
void              carport_simulator_expire_device_otps   (CarportSimulator      *self);

/* Introspection for tests and benchmarks */
char            **carport_simulator_dup_issued_secrets   (CarportSimulator      *self);
guint             carport_simulator_get_request_count    (CarportSimulator      *self);
guint             carport_simulator_get_endpoint_request_count (CarportSimulator *self,
                                                          const char            *endpoint);
char            **carport_simulator_dup_vins             (CarportSimulator      *self);
char            **carport_simulator_dup_nissan_vins      (CarportSimulator      *self);
char             *carport_simulator_dup_car_state_json   (CarportSimulator      *self,
                                                          const char            *vin);
int               carport_simulator_get_battery_level    (CarportSimulator      *self,
                                                          const char            *vin);
gboolean          carport_simulator_get_charging         (CarportSimulator      *self,
                                                          const char            *vin);
gboolean          carport_simulator_get_hvac_on          (CarportSimulator      *self,
                                                          const char            *vin);
gboolean          carport_simulator_get_locked           (CarportSimulator      *self,
                                                          const char            *vin);
gboolean          carport_simulator_get_engine_running   (CarportSimulator      *self,
                                                          const char            *vin);
gboolean          carport_simulator_set_plugged          (CarportSimulator      *self,
                                                          const char            *vin,
                                                          gboolean               plugged);
gboolean          carport_simulator_set_charge_mode      (CarportSimulator      *self,
                                                          const char            *vin,
                                                          const char            *mode);

G_END_DECLS
