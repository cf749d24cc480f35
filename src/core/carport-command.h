/* carport-command.h — one command sent to a car, from click to final state.
 *
 * The service creates it (state "new"), sends it ("sending"), gets the server's
 * id ("pending"), and tracks it to "completed", "failed" or "timed-out" (the
 * server took it, the car did not confirm it in time). When no answer to the
 * sending came, the outcome is not known: the service reads the car's state
 * ("verifying") and ends in "completed", "failed" (the state shows it was not
 * done) or "unknown" (the state cannot tell: check the car before sending it
 * again). Views bind button sensitivity and spinners to "state" / "in-flight". */
#pragma once

#include <gio/gio.h>

#include "carport-enums.h"

G_BEGIN_DECLS

#define CARPORT_TYPE_COMMAND (carport_command_get_type ())
G_DECLARE_FINAL_TYPE (CarportCommand, carport_command, CARPORT, COMMAND, GObject)

/* Properties: kind, vin (construct-only), state, in-flight (read-only:
 * sending, pending or verifying), finished (read-only: completed, failed,
 * timed out or unknown),
 * server-id (nullable), message (nullable, user-readable reason of a failure),
 * and the parameters: temperature-c (double, NAN = default), start-at
 * (GDateTime, nullable: "ready at" or a delayed start; on HVAC_STOP, the
 * planned start it cancels), charge-mode,
 * soc-min-percent, soc-target-percent (int, -1 unset), schedules (GListModel
 * of CarportSchedule, nullable: every charge or climate programme the car is
 * to keep, for "set charge schedule" and "set climate schedule"). */
CarportCommand      *carport_command_new                    (CarportCommandKind kind, const char *vin);

CarportCommandKind   carport_command_get_kind               (CarportCommand *self);
const char          *carport_command_get_vin                (CarportCommand *self);
CarportCommandState  carport_command_get_state              (CarportCommand *self);
void                 carport_command_set_state              (CarportCommand *self, CarportCommandState value);
gboolean             carport_command_get_in_flight          (CarportCommand *self);
gboolean             carport_command_get_finished           (CarportCommand *self);
const char          *carport_command_get_server_id          (CarportCommand *self);
void                 carport_command_set_server_id          (CarportCommand *self, const char *value);
const char          *carport_command_get_message            (CarportCommand *self);
void                 carport_command_set_message            (CarportCommand *self, const char *value);
/* @state, with @message (a sentence for people, nullable) set first. */
void                 carport_command_set_outcome            (CarportCommand *self, CarportCommandState state,
                                                             const char *message);
/* FAILED, with @message (a sentence for people, nullable) set first. */
void                 carport_command_fail                   (CarportCommand *self, const char *message);

double               carport_command_get_temperature_c      (CarportCommand *self);
void                 carport_command_set_temperature_c      (CarportCommand *self, double value);
GDateTime           *carport_command_get_start_at           (CarportCommand *self);
void                 carport_command_set_start_at           (CarportCommand *self, GDateTime *value);
CarportChargeMode    carport_command_get_charge_mode        (CarportCommand *self);
void                 carport_command_set_charge_mode        (CarportCommand *self, CarportChargeMode value);
int                  carport_command_get_soc_min_percent    (CarportCommand *self);
void                 carport_command_set_soc_min_percent    (CarportCommand *self, int value);
int                  carport_command_get_soc_target_percent (CarportCommand *self);
void                 carport_command_set_soc_target_percent (CarportCommand *self, int value);
/* The PIN of an SRP-guarded command (lock, unlock, engine start or stop) or the new one to enrol:
 * held only while the command runs, wiped when it is replaced or the command
 * is finalized; never a property, never logged. */
const char          *carport_command_get_pin                (CarportCommand *self);
void                 carport_command_set_pin                (CarportCommand *self, const char *pin);
/* Where the PIN comes from (typed by default): the service keeps a PIN to
 * REMEMBER in the keyring once the car took it, and forgets a REMEMBERED
 * one the car refused. Not a property either. */
CarportPinSource     carport_command_get_pin_source         (CarportCommand *self);
void                 carport_command_set_pin_source         (CarportCommand *self, CarportPinSource source);
/* What the servers said of the PIN when the command failed (unknown when
 * they did not), and how many tries they said remain (-1: not said). */
CarportPinCheck      carport_command_get_pin_check          (CarportCommand *self);
int                  carport_command_get_pin_tries_left     (CarportCommand *self);
void                 carport_command_set_pin_check          (CarportCommand *self, CarportPinCheck check,
                                                             int tries_left);
/* FAILED because the servers refused the PIN (@check WRONG or LOCKED_OUT),
 * with @tries_left (-1: not said), and a message that says so in words. */
void                 carport_command_fail_pin               (CarportCommand *self, CarportPinCheck check,
                                                             int tries_left);

/* The id this computer is registered under for the car, which a brand's
 * remote lock sends with the command (Nissan, api-nissan.md §3.4); set by
 * the service; not a secret, but never a property, never logged. */
const char          *carport_command_get_device_id          (CarportCommand *self);
void                 carport_command_set_device_id          (CarportCommand *self, const char *device_id);
GListModel          *carport_command_get_schedules          (CarportCommand *self);
void                 carport_command_set_schedules          (CarportCommand *self, GListModel *value);

/* Localised, e.g. "Start climate", "Sound the horn". */
const char          *carport_command_kind_get_title         (CarportCommandKind kind);
/* TRUE for the SRP-guarded commands that carry the PIN's proof (lock,
 * unlock, engine start and stop), not the PIN's enrolment. */
gboolean             carport_command_kind_takes_pin         (CarportCommandKind kind);
/* For the commands that ask the car to report something (refresh-location,
 * refresh-battery, …): TRUE with the endpoint that then has it, which is
 * read after the command. FALSE for the others. */
gboolean             carport_command_kind_get_reported_endpoint (CarportCommandKind  kind,
                                                                 CarportEndpoint    *out_endpoint);

G_END_DECLS
