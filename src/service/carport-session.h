/* carport-session.h — what a user does with their accounts: log in (and
 * out), see the cars of every account in one list, refresh them, send
 * commands and hear about events.
 *
 * The GUI and the CLI both drive one CarportSession; it holds one
 * CarportAccount (carport-account.h) per login and knows brands only through
 * the brand registry. All I/O is async. */
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

/* Where a login under way is, for people waiting for it. */
typedef enum {
  CARPORT_LOGIN_STEP_NONE,               /* no login under way */
  CARPORT_LOGIN_STEP_CHECKING_PASSWORD,  /* the maker's login server checks the password */
  CARPORT_LOGIN_STEP_SENDING_CODE,       /* … emails a new verification code */
  CARPORT_LOGIN_STEP_CHECKING_CODE,      /* … checks the emailed code */
  CARPORT_LOGIN_STEP_FINDING_CARS,       /* logged in: the account's cars are listed */
} CarportLoginStep;

/* What is worth a notification. */
typedef enum {
  CARPORT_SESSION_EVENT_COMMAND_FINISHED,  /* a command completed, failed or timed out */
  CARPORT_SESSION_EVENT_CHARGE_COMPLETE,   /* charging → ended / full */
  CARPORT_SESSION_EVENT_CHARGE_STOPPED,    /* charging → anything but ended, while not asked to stop */
} CarportSessionEvent;

/* One login (carport-account.h). */
typedef struct _CarportAccount CarportAccount;

#define CARPORT_TYPE_SESSION (carport_session_get_type ())
G_DECLARE_FINAL_TYPE (CarportSession, carport_session, CARPORT, SESSION, GObject)

/* Properties:
 *   store (CarportCredentialStore, construct-only), cache (CarportStateCache,
 *   construct-only, nullable: no disk cache), history (CarportHistoryStore,
 *   nullable: where each refresh's readings are kept; none by default),
 *   service-roots (strv,
 *   construct-only, nullable: "CARPORT_…_URL=…" entries that override the
 *   environment variables of docs/ARCHITECTURE.md, as the demo does; http://
 *   for loopback only),
 *   accounts (GListModel of CarportAccount, read-only: the logins, in the
 *   order they were added), vehicles (GListModel of CarportVehicle, read-only,
 *   never NULL: every account's cars, account by account),
 *   state (CarportSessionState, read-only: the login under way if any, else
 *   READY when any account is, RESTORING while one is, else LOGGED_OUT),
 *   email (read-only: of the login under way, else of the first account),
 *   login-step (CarportLoginStep, read-only: of the login under way),
 *   refresh-interval (uint seconds; 0 = no automatic refresh),
 *   command-timeout (uint seconds, default 120: a command from its sending
 *   to its final state), poll-interval (ms), request-deadline (uint seconds,
 *   default 60 or CARPORT_HTTP_DEADLINE; 0 = none: one request, and one car's
 *   refresh, in all), busy, reverse-geocoding (boolean, default FALSE: look
 *   up the street address of each car's position at OpenStreetMap's
 *   Nominatim, or CARPORT_GEOCODE_URL, and set its location's address; off,
 *   nothing is sent and the addresses are cleared).
 *
 *   fetch-pictures (boolean, default FALSE: download each car's
 *   picture-url once into the cache dir and set it as its picture-file,
 *   carport-vehicle-pictures.h; the window turns it on, carport-cli shows
 *   no picture and leaves it off).
 *
 * Signals:
 *   event (CarportSessionEvent, CarportVehicle *, CarportCommand * or NULL) */
CarportSession *carport_session_new            (gpointer store /* CarportCredentialStore */,
                                                gpointer cache /* CarportStateCache or NULL */);

CarportSessionState carport_session_get_state  (CarportSession *self);
/* The history store (CarportHistoryStore or NULL) every account writes to. */
gpointer        carport_session_get_history    (CarportSession *self);
void            carport_session_set_history    (CarportSession *self,
                                                gpointer        history);
GListModel     *carport_session_get_accounts   (CarportSession *self);
GListModel     *carport_session_get_vehicles   (CarportSession *self);
/* The car with this VIN in any account, or NULL. */
CarportVehicle *carport_session_find_vehicle   (CarportSession *self, const char *vin);
/* The account @vehicle came through, or NULL. */
CarportAccount *carport_session_get_vehicle_account (CarportSession *self, CarportVehicle *vehicle);
/* The account of @brand_id ("renault", "nissan") and @email, or NULL. */
CarportAccount *carport_session_find_account   (CarportSession *self, const char *brand_id, const char *email);
const char     *carport_session_get_email      (CarportSession *self);
guint           carport_session_get_refresh_interval (CarportSession *self);
void            carport_session_set_refresh_interval (CarportSession *self, guint seconds);

/* Reads every stored login and puts its account back: its cars appear at
 * once from the cache (from-cache), then each logs in with its stored token.
 * TRUE when a stored login was found and works; FALSE without error when
 * there is none. */
void     carport_session_restore_async   (CarportSession *self, GCancellable *cancellable,
                                          GAsyncReadyCallback callback, gpointer user_data);
gboolean carport_session_restore_finish  (CarportSession *self, GAsyncResult *result, GError **error);

/* Logs in to an account of @brand_id ("renault", "nissan"; "dacia" and
 * "alpine" log in at Renault) with a password (never stored) and discovers
 * its cars; the account is added to the others (or, when it is already there,
 * logged in again). @locale may be NULL (the brand's default). Fails with
 * CARPORT_API_ERROR_TFA_REQUIRED when a code was emailed (state NEEDS_CODE):
 * then call carport_session_submit_code_async(). */
void     carport_session_login_async     (CarportSession *self, const char *brand_id, const char *locale,
                                          const char *email, const char *password,
                                          GCancellable *cancellable, GAsyncReadyCallback callback,
                                          gpointer user_data);
gboolean carport_session_login_finish    (CarportSession *self, GAsyncResult *result, GError **error);
void     carport_session_submit_code_async  (CarportSession *self, const char *code, GCancellable *cancellable,
                                             GAsyncReadyCallback callback, gpointer user_data);
gboolean carport_session_submit_code_finish (CarportSession *self, GAsyncResult *result, GError **error);
/* Emails a new code to the login waiting for one (state NEEDS_CODE); the
 * code sent before is void. */
void     carport_session_resend_code_async  (CarportSession *self, GCancellable *cancellable,
                                             GAsyncReadyCallback callback, gpointer user_data);
gboolean carport_session_resend_code_finish (CarportSession *self, GAsyncResult *result, GError **error);
CarportLoginStep carport_session_get_login_step (CarportSession *self);

/* Forgets one account (@account), or every account when
 * @account is NULL: its keyring item, its cached cars and its cars. */
void     carport_session_logout_async    (CarportSession *self, CarportAccount *account, GCancellable *cancellable,
                                          GAsyncReadyCallback callback, gpointer user_data);
gboolean carport_session_logout_finish   (CarportSession *self, GAsyncResult *result, GError **error);
/* Forgets the login of @email at @brand_id (NULL: at every brand), whether
 * its account was restored or not; finish with carport_session_logout_finish(). */
void     carport_session_forget_login_async (CarportSession *self, const char *brand_id, const char *email,
                                             GCancellable *cancellable, GAsyncReadyCallback callback,
                                             gpointer user_data);

/* Refreshes every supported endpoint of @vehicle (NULL: every car of every
 * account) concurrently. Partial failures are recorded on the vehicle
 * (endpoint errors) and are not an error; the last good values stay. */
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
/* Sends @command once, through the account of its car, and follows it to
 * its final state (completed, failed, timed out, unknown) within the
 * command-timeout, then refreshes what it changed. While it is followed no
 * other command of its kind for its car is sent, by this process or another
 * (CARPORT_API_ERROR_IN_PROGRESS; see carport-command-lock.h). When the
 * sending gets no answer (TIMEOUT, connection lost, the deadline), the
 * server may have taken it: the command is "verifying" while the car's state
 * is read, then completed (the state shows it done), failed (the state still
 * shows it not done at the deadline) or unknown (nothing shows it). Polling
 * honours the servers' quota back-off and ends at once when the login is
 * gone (LOGIN_EXPIRED: the account is logged out). With @wait FALSE the task
 * returns as soon as the server accepted it (state pending) and tracking goes
 * on in the background. TRUE when completed (or accepted, without @wait);
 * otherwise the error says why (TIMEOUT for timed out and unknown). */
void     carport_session_send_command_async  (CarportSession *self, CarportCommand *command, gboolean wait,
                                              GCancellable *cancellable, GAsyncReadyCallback callback,
                                              gpointer user_data);
gboolean carport_session_send_command_finish (CarportSession *self, GAsyncResult *result, GError **error);

/* Remote lock PINs kept in the keyring, only when the person asked (a lock,
 * unlock or PIN set-up whose PIN source is REMEMBER keeps it once the car
 * took it; see carport_command_set_pin_source()). lookup finishes with the
 * PIN remembered for @vehicle (wipe it: carport_credential_store_pin_free())
 * or NULL, without an error when there is none. A remembered PIN (source
 * REMEMBERED) the car refuses is forgotten, and so is every PIN of an
 * account at its logout. */
void     carport_session_lookup_pin_async    (CarportSession *self, CarportVehicle *vehicle,
                                              GCancellable *cancellable, GAsyncReadyCallback callback,
                                              gpointer user_data);
char    *carport_session_lookup_pin_finish   (CarportSession *self, GAsyncResult *result, GError **error);
void     carport_session_forget_pin_async    (CarportSession *self, CarportVehicle *vehicle,
                                              GCancellable *cancellable, GAsyncReadyCallback callback,
                                              gpointer user_data);
gboolean carport_session_forget_pin_finish   (CarportSession *self, GAsyncResult *result, GError **error);

/* Remote lock on brands that register this computer for each car first
 * (Nissan, api-nissan.md §3.4). TRUE when @vehicle's lock, unlock and PIN
 * enrolment need it. Then, before them: CHECK whether this computer is
 * registered (*@out_registered); if not, REQUEST_CODE (the brand e-mails the
 * owner a 6-digit code) and REGISTER with that @code (TFA_CODE_INVALID,
 * with a sentence for people, when it is wrong or expired). FORGET
 * unregisters it ("Forget This Computer": the car sold, the computer handed
 * on, the car's few device slots full): done when the brand no longer knows
 * it; on failure the message says whether it may still be registered
 * (TIMEOUT: it may have been done). A remembered PIN stays: the PIN belongs
 * to the car (Nissan keeps its SRP verifier per user, not per device), so
 * the next lock from here registers again with a new e-mailed code and
 * proves the same PIN, with no new PIN set-up. None of these sends anything
 * to the car. NOT_SUPPORTED for a car whose remote lock needs no
 * registration (a Renault: there is nothing to forget). */
gboolean carport_session_registers_devices (CarportSession *self, CarportVehicle *vehicle);
void     carport_session_device_async      (CarportSession *self, CarportVehicle *vehicle, CarportDeviceStep step,
                                            const char *code, GCancellable *cancellable,
                                            GAsyncReadyCallback callback, gpointer user_data);
gboolean carport_session_device_finish     (CarportSession *self, GAsyncResult *result, gboolean *out_registered,
                                            GError **error);

/* After @command completed: for a command that asks the car to report
 * something (carport_command_kind_get_reported_endpoint(): Locate), waits
 * for the read the account starts after it and fails (FAILED, saying why)
 * when that read did not get what the car reported, so that nobody says
 * "Location updated" before, or without, the location. TRUE at once for
 * the other commands. */
void     carport_session_await_report_async  (CarportSession *self, CarportVehicle *vehicle, CarportCommand *command,
                                              GCancellable *cancellable, GAsyncReadyCallback callback,
                                              gpointer user_data);
gboolean carport_session_await_report_finish (CarportSession *self, GAsyncResult *result, GError **error);

/* The charging sessions of @vehicle between two days (inclusive): a GPtrArray
 * of CarportChargeSession, oldest first. */
void       carport_session_get_charges_async  (CarportSession *self, CarportVehicle *vehicle,
                                               GDateTime *from, GDateTime *to, GCancellable *cancellable,
                                               GAsyncReadyCallback callback, gpointer user_data);
GPtrArray *carport_session_get_charges_finish (CarportSession *self, GAsyncResult *result, GError **error);

/* The charge history or climate history of @vehicle, per day or month, or
 * its climate sessions (@source, api-renault.md §c.3), between two days
 * (inclusive): a GPtrArray of CarportUsage, oldest first. NOT_SUPPORTED
 * when the car does not report it. */
void       carport_session_get_usage_async    (CarportSession *self, CarportVehicle *vehicle,
                                               CarportUsageSource source, CarportUsagePeriod period,
                                               GDateTime *from, GDateTime *to, GCancellable *cancellable,
                                               GAsyncReadyCallback callback, gpointer user_data);
GPtrArray *carport_session_get_usage_finish   (CarportSession *self, GAsyncResult *result, GError **error);

/* The map's tile URL template ("https://tile.openstreetmap.org/{z}/{x}/{y}.png"
 * unless CARPORT_MAP_TILE_URL, in the service roots or the environment,
 * names another: the demo's simulator serves tiles), or NULL when that is
 * not https:// or http:// to loopback. */
char    *carport_session_dup_map_tile_url (CarportSession *self);
gboolean carport_session_get_fetch_pictures (CarportSession *self);
void     carport_session_set_fetch_pictures (CarportSession *self, gboolean fetch);
gboolean carport_session_get_reverse_geocoding (CarportSession *self);
void     carport_session_set_reverse_geocoding (CarportSession *self, gboolean enabled);

/* Completes once the logins and the cached state written so far are on disk /
 * in the keyring (a command-line run calls it before exiting). */
void     carport_session_flush_async  (CarportSession *self, GCancellable *cancellable,
                                       GAsyncReadyCallback callback, gpointer user_data);
gboolean carport_session_flush_finish (CarportSession *self, GAsyncResult *result, GError **error);

G_END_DECLS
