/* carport-session.h — what a user does with their account: log in (and out),
 * see the cars, refresh them, send commands and hear about events.
 *
 * The GUI and the CLI both drive one CarportSession. All I/O is async. */
#pragma once

#include <gio/gio.h>
#include "carport-core.h"

G_BEGIN_DECLS

typedef enum {
  CARPORT_SESSION_STATE_LOGGED_OUT,  /* no stored login */
  CARPORT_SESSION_STATE_RESTORING,   /* reading the keyring and cache */
  CARPORT_SESSION_STATE_LOGGING_IN,  /* talking to the server */
  CARPORT_SESSION_STATE_NEEDS_CODE,  /* waiting for the emailed verification code */
  CARPORT_SESSION_STATE_READY,       /* logged in, vehicles known */
} CarportSessionState;

/* What is worth a notification. */
typedef enum {
  CARPORT_SESSION_EVENT_COMMAND_FINISHED,  /* a command completed, failed or timed out */
  CARPORT_SESSION_EVENT_CHARGE_COMPLETE,   /* charging → ended / full */
  CARPORT_SESSION_EVENT_CHARGE_STOPPED,    /* charging → anything but ended, while not asked to stop */
} CarportSessionEvent;

#define CARPORT_TYPE_SESSION (carport_session_get_type ())
G_DECLARE_FINAL_TYPE (CarportSession, carport_session, CARPORT, SESSION, GObject)

/* Properties:
 *   store (CarportCredentialStore, construct-only), cache (CarportStateCache,
 *   construct-only, nullable: no disk cache), service-roots (strv,
 *   construct-only, nullable: "CARPORT_…_URL=…" entries that override the
 *   environment variables of docs/ARCHITECTURE.md, as the demo does; http://
 *   for loopback only),
 *   state (CarportSessionState, read-only), brand, locale, email (read-only),
 *   vehicles (GListModel of CarportVehicle, read-only, never NULL),
 *   refresh-interval (uint seconds; 0 = no automatic refresh),
 *   command-timeout (uint seconds, default 120), busy (read-only).
 *
 * Signals:
 *   event (CarportSessionEvent, CarportVehicle *, CarportCommand * or NULL) */
CarportSession *carport_session_new            (gpointer store /* CarportCredentialStore */,
                                                gpointer cache /* CarportStateCache or NULL */);

CarportSessionState carport_session_get_state  (CarportSession *self);
GListModel     *carport_session_get_vehicles   (CarportSession *self);
CarportVehicle *carport_session_find_vehicle   (CarportSession *self, const char *vin);
const char     *carport_session_get_email      (CarportSession *self);
const char     *carport_session_get_locale     (CarportSession *self);
CarportBrand    carport_session_get_brand      (CarportSession *self);
guint           carport_session_get_refresh_interval (CarportSession *self);
void            carport_session_set_refresh_interval (CarportSession *self, guint seconds);

/* Reads the stored login and the cached state (the vehicles appear at once,
 * from-cache), then logs in with the stored token and refreshes. TRUE when a
 * stored login was found and works; FALSE without error when there is none. */
void     carport_session_restore_async   (CarportSession *self, GCancellable *cancellable,
                                          GAsyncReadyCallback callback, gpointer user_data);
gboolean carport_session_restore_finish  (CarportSession *self, GAsyncResult *result, GError **error);

/* Logs in with a password (never stored) and discovers the vehicles. Fails with
 * CARPORT_API_ERROR_TFA_REQUIRED when a code was emailed (state NEEDS_CODE):
 * then call carport_session_submit_code_async(). */
void     carport_session_login_async     (CarportSession *self, CarportBrand brand, const char *locale,
                                          const char *email, const char *password,
                                          GCancellable *cancellable, GAsyncReadyCallback callback,
                                          gpointer user_data);
gboolean carport_session_login_finish    (CarportSession *self, GAsyncResult *result, GError **error);
void     carport_session_submit_code_async  (CarportSession *self, const char *code, GCancellable *cancellable,
                                             GAsyncReadyCallback callback, gpointer user_data);
gboolean carport_session_submit_code_finish (CarportSession *self, GAsyncResult *result, GError **error);

/* Forgets the login token, the cached state and the vehicles. */
void     carport_session_logout_async    (CarportSession *self, GCancellable *cancellable,
                                          GAsyncReadyCallback callback, gpointer user_data);
gboolean carport_session_logout_finish   (CarportSession *self, GAsyncResult *result, GError **error);

/* Refreshes every supported endpoint of @vehicle (NULL: all vehicles)
 * concurrently. Partial failures are recorded on the vehicle (endpoint errors)
 * and are not an error; the last good values stay. */
void     carport_session_refresh_async   (CarportSession *self, CarportVehicle *vehicle,
                                          GCancellable *cancellable, GAsyncReadyCallback callback,
                                          gpointer user_data);
gboolean carport_session_refresh_finish  (CarportSession *self, GAsyncResult *result, GError **error);

/* Creates a command for @vehicle; set its parameters, then send it. */
CarportCommand *carport_session_create_command (CarportSession *self, CarportVehicle *vehicle,
                                                CarportCommandKind kind);
/* The command of @kind in flight for @vehicle, or NULL. */
CarportCommand *carport_session_get_command_in_flight (CarportSession *self, CarportVehicle *vehicle,
                                                       CarportCommandKind kind);
/* Sends @command once and follows it to its final state (completed, failed,
 * timed out), then refreshes what it changed. With @wait FALSE the task
 * returns as soon as the server accepted it (state pending) and tracking goes
 * on in the background. TRUE when completed (or accepted, without @wait). */
void     carport_session_send_command_async  (CarportSession *self, CarportCommand *command, gboolean wait,
                                              GCancellable *cancellable, GAsyncReadyCallback callback,
                                              gpointer user_data);
gboolean carport_session_send_command_finish (CarportSession *self, GAsyncResult *result, GError **error);

/* The charging sessions of @vehicle between two days (inclusive): a GPtrArray
 * of CarportChargeSession (carport-renault-client.h), oldest first. */
void       carport_session_get_charges_async  (CarportSession *self, CarportVehicle *vehicle,
                                               GDateTime *from, GDateTime *to, GCancellable *cancellable,
                                               GAsyncReadyCallback callback, gpointer user_data);
GPtrArray *carport_session_get_charges_finish (CarportSession *self, GAsyncResult *result, GError **error);

/* Completes once the login and the cached state written so far are on disk /
 * in the keyring (a command-line run calls it before exiting). */
void     carport_session_flush_async  (CarportSession *self, GCancellable *cancellable,
                                       GAsyncReadyCallback callback, gpointer user_data);
gboolean carport_session_flush_finish (CarportSession *self, GAsyncResult *result, GError **error);

G_END_DECLS
