/* carport-command-runner.h — sends a command to a car from the window and
 * tells how it went: it asks first for the commands that disturb people
 * (horn, lights), sends through the session (which follows the command and
 * reads again what it changed), and ends with a toast over the widget it
 * serves. Every control that tells the car something goes through one. */
#pragma once

#include <adwaita.h>

#include "carport-core.h"
#include "carport-session.h"

G_BEGIN_DECLS

#define CARPORT_TYPE_COMMAND_RUNNER (carport_command_runner_get_type ())
G_DECLARE_FINAL_TYPE (CarportCommandRunner, carport_command_runner, CARPORT, COMMAND_RUNNER, GObject)

/* Properties: widget (GtkWidget, construct-only, weak: toasts go to its
 * AdwToastOverlay, questions over its window), session, vehicle (both
 * nullable: without them nothing is sent), login-obstacle (read-only: why
 * nothing can be sent now, or NULL: the vehicle's account logged out or not
 * connected yet).
 *
 * Signals:
 *   sent (CarportCommand *): a command goes out (its state then follows it);
 *   finished (CarportCommand *): a command sent through the runner ended
 *     (a command that asks the car to report something is told only
 *     once the read after it is done: it failed when that read did). */
CarportCommandRunner *carport_command_runner_new          (GtkWidget *widget);
CarportSession       *carport_command_runner_get_session  (CarportCommandRunner *self);
void                  carport_command_runner_set_session  (CarportCommandRunner *self, CarportSession *session);
CarportVehicle       *carport_command_runner_get_vehicle  (CarportCommandRunner *self);
void                  carport_command_runner_set_vehicle  (CarportCommandRunner *self, CarportVehicle *vehicle);

const char           *carport_command_runner_get_login_obstacle (CarportCommandRunner *self);

/* TRUE while a command of @kind is under way for the vehicle. */
gboolean              carport_command_runner_in_flight    (CarportCommandRunner *self, CarportCommandKind kind);
/* A new command of @kind for the vehicle, to set its parameters; NULL
 * without a session or a vehicle, or while one of @kind is under way. */
CarportCommand       *carport_command_runner_create       (CarportCommandRunner *self, CarportCommandKind kind);
/* Sends @command and toasts its outcome: "Location updated" only when the
 * location could be read after it. */
void                  carport_command_runner_send         (CarportCommandRunner *self, CarportCommand *command);
/* Sends a new command of @kind (no parameters); horn and lights ask first. */
void                  carport_command_runner_run          (CarportCommandRunner *self, CarportCommandKind kind);

/* The same without a toast, for a caller that tells the outcome itself. */
void                  carport_command_runner_send_async   (CarportCommandRunner *self, CarportCommand *command,
                                                           GAsyncReadyCallback callback, gpointer user_data);
gboolean              carport_command_runner_send_finish  (CarportCommandRunner *self, GAsyncResult *result,
                                                           GError **error);

/* Shows @title as a toast over the widget (nothing when it is in no overlay). */
void                  carport_command_runner_add_toast    (CarportCommandRunner *self, const char *title);

G_END_DECLS
