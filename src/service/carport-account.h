/* carport-account.h — one login at one brand's cloud, and its cars.
 *
 * A CarportSession holds one CarportAccount per login (a household may have
 * a Renault account and a Nissan account). The account owns the brand's
 * auth provider and car client (from the brand registry), keeps its own
 * keyring item (keyed by brand and email) and its cars' last state in the
 * cache, refreshes its cars and follows their commands. All I/O is async. */
#pragma once

#include <gio/gio.h>
#include "carport-core.h"
#include "carport-session.h"
#include "carport-vehicle-client.h"

G_BEGIN_DECLS

#define CARPORT_TYPE_ACCOUNT (carport_account_get_type ())
G_DECLARE_FINAL_TYPE (CarportAccount, carport_account, CARPORT, ACCOUNT, GObject)

/* Properties (construct-only): http (CarportHttp, shared by the accounts of
 * a session), store (CarportCredentialStore), cache (CarportStateCache,
 * nullable), service-roots (strv, nullable), brand-id ("renault", "nissan"),
 * locale (nullable: the brand's default), email.
 * Read/write: command-timeout (seconds), poll-interval (ms).
 * Read-only: state (CarportSessionState), vehicles (GListModel), busy,
 * needs-code, login-step (CarportLoginStep: of a login under way).
 *
 * Signals: event (CarportSessionEvent, CarportVehicle *, CarportCommand *),
 * as CarportSession's. */

const char     *carport_account_get_brand_id   (CarportAccount *self);
CarportBrand    carport_account_get_brand      (CarportAccount *self);
/* The car client of a login that is ready, else NULL: for requests of its
 * own (carport-cli http). */
CarportVehicleClient *carport_account_get_client (CarportAccount *self);
const char     *carport_account_get_locale     (CarportAccount *self);
const char     *carport_account_get_email      (CarportAccount *self);
CarportSessionState carport_account_get_state  (CarportAccount *self);
GListModel     *carport_account_get_vehicles   (CarportAccount *self);
CarportVehicle *carport_account_find_vehicle   (CarportAccount *self, const char *vin);
gboolean        carport_account_get_busy       (CarportAccount *self);
CarportLoginStep carport_account_get_login_step (CarportAccount *self);
/* TRUE when @brand_id (or a brand that logs in there) and @email name this account. */
gboolean        carport_account_matches        (CarportAccount *self, const char *brand_id, const char *email);

/* Puts back a stored login: the cars from the cache at once (from-cache),
 * then the cars from the server with the stored token. */
void     carport_account_restore_async   (CarportAccount *self, const char *secret,
                                          GCancellable *cancellable, GAsyncReadyCallback callback,
                                          gpointer user_data);
gboolean carport_account_restore_finish  (CarportAccount *self, GAsyncResult *result, GError **error);

/* Logs in with a password (never stored) and discovers the cars. Fails with
 * CARPORT_API_ERROR_TFA_REQUIRED when a code was emailed (state NEEDS_CODE). */
void     carport_account_login_async     (CarportAccount *self, const char *password,
                                          GCancellable *cancellable, GAsyncReadyCallback callback,
                                          gpointer user_data);
gboolean carport_account_login_finish    (CarportAccount *self, GAsyncResult *result, GError **error);
void     carport_account_submit_code_async  (CarportAccount *self, const char *code, GCancellable *cancellable,
                                             GAsyncReadyCallback callback, gpointer user_data);
gboolean carport_account_submit_code_finish (CarportAccount *self, GAsyncResult *result, GError **error);
/* Emails a new code (state NEEDS_CODE, which stays). */
void     carport_account_resend_code_async  (CarportAccount *self, GCancellable *cancellable,
                                             GAsyncReadyCallback callback, gpointer user_data);
gboolean carport_account_resend_code_finish (CarportAccount *self, GAsyncResult *result, GError **error);

/* Forgets this login's keyring item, its remembered PINs, its cached cars and its cars. */
void     carport_account_logout_async    (CarportAccount *self, GCancellable *cancellable,
                                          GAsyncReadyCallback callback, gpointer user_data);
gboolean carport_account_logout_finish   (CarportAccount *self, GAsyncResult *result, GError **error);

/* The remote control PIN remembered for the car @vin (NULL without an error:
 * none), and forgetting it (@vin NULL: every car's); see carport-account-pins.c. */
void     carport_account_lookup_pin_async    (CarportAccount *self, const char *vin, GCancellable *cancellable,
                                              GAsyncReadyCallback callback, gpointer user_data);
char    *carport_account_lookup_pin_finish   (CarportAccount *self, GAsyncResult *result, GError **error);
void     carport_account_forget_pins_async   (CarportAccount *self, const char *vin, GCancellable *cancellable,
                                              GAsyncReadyCallback callback, gpointer user_data);
gboolean carport_account_forget_pins_finish  (CarportAccount *self, GAsyncResult *result, GError **error);

/* As carport_session_refresh_async(), for this account's cars. */
void     carport_account_refresh_async   (CarportAccount *self, CarportVehicle *vehicle,
                                          GCancellable *cancellable, GAsyncReadyCallback callback,
                                          gpointer user_data);
gboolean carport_account_refresh_finish  (CarportAccount *self, GAsyncResult *result, GError **error);
/* Remote lock on brands that register this computer for each car first
 * (Nissan): TRUE when @vehicle's remote lock needs it; one step of it, as
 * carport_session_device_async(). */
gboolean carport_account_registers_devices (CarportAccount *self, CarportVehicle *vehicle);
void     carport_account_device_async    (CarportAccount *self, CarportVehicle *vehicle, CarportDeviceStep step,
                                          const char *code, GCancellable *cancellable,
                                          GAsyncReadyCallback callback, gpointer user_data);
gboolean carport_account_device_finish   (CarportAccount *self, GAsyncResult *result, gboolean *out_registered,
                                          GError **error);
/* TRUE while the brand's servers asked to wait (quota). */
gboolean carport_account_is_quota_blocked (CarportAccount *self);

CarportCommand *carport_account_get_command_in_flight (CarportAccount *self, CarportVehicle *vehicle,
                                                       CarportCommandKind kind);
void     carport_account_send_command_async  (CarportAccount *self, CarportCommand *command, gboolean wait,
                                              GCancellable *cancellable, GAsyncReadyCallback callback,
                                              gpointer user_data);
gboolean carport_account_send_command_finish (CarportAccount *self, GAsyncResult *result, GError **error);

void       carport_account_get_charges_async  (CarportAccount *self, CarportVehicle *vehicle,
                                               GDateTime *from, GDateTime *to, GCancellable *cancellable,
                                               GAsyncReadyCallback callback, gpointer user_data);
void       carport_account_get_usage_async    (CarportAccount *self, CarportVehicle *vehicle,
                                               CarportUsageSource source, CarportUsagePeriod period,
                                               GDateTime *from, GDateTime *to, GCancellable *cancellable,
                                               GAsyncReadyCallback callback, gpointer user_data);
/* The result of either: a GPtrArray of CarportChargeSession or of CarportUsage. */
GPtrArray *carport_account_get_history_finish (CarportAccount *self, GAsyncResult *result, GError **error);

/* Where the readings of each refresh are kept: a CarportHistoryStore, or
 * NULL for nowhere (the session gives every account its own). */
void     carport_account_set_history (CarportAccount *self, gpointer history);

/* Completes once this account's keyring and cache writes are done. */
void     carport_account_flush_async  (CarportAccount *self, GCancellable *cancellable,
                                       GAsyncReadyCallback callback, gpointer user_data);
gboolean carport_account_flush_finish (CarportAccount *self, GAsyncResult *result, GError **error);

G_END_DECLS
