/* carport-kamereon-client.h — the Renault Kamereon car-adapter client
 * (docs/api-renault.md §b–§e): discovery, concurrent refresh, commands and
 * their notifications, charge history. */
#pragma once

#include "carport-core.h"
#include "carport-auth-provider.h"
#include "carport-http.h"

G_BEGIN_DECLS

/* One charging session from the "charges" endpoint (§c.3). */
typedef struct {
  GDateTime *start;                 /* nullable */
  GDateTime *end;                   /* nullable */
  int        duration_minutes;      /* -1 unknown; checked against end − start */
  int        start_level_percent;   /* -1 unknown */
  int        end_level_percent;     /* -1 unknown */
  double     energy_kwh;            /* NAN unknown */
} CarportChargeSession;

#define CARPORT_TYPE_CHARGE_SESSION (carport_charge_session_get_type ())
GType                 carport_charge_session_get_type (void) G_GNUC_CONST;
CarportChargeSession *carport_charge_session_copy     (const CarportChargeSession *session);
void                  carport_charge_session_free     (CarportChargeSession *session);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CarportChargeSession, carport_charge_session_free)

#define CARPORT_TYPE_KAMEREON_CLIENT (carport_kamereon_client_get_type ())
G_DECLARE_FINAL_TYPE (CarportKamereonClient, carport_kamereon_client, CARPORT, KAMEREON_CLIENT, GObject)

/* Implements GInitable. Properties (construct-only): auth
 * (CarportAuthProvider), http (CarportHttp), locale ("fr_FR": the country
 * "FR" goes on every call), kamereon-url (an explicit root; when NULL,
 * CARPORT_RENAULT_KAMEREON_URL or else the locale table's; reads back the root
 * in use). Read-only: country.
 *
 * Every call sends the apikey, x-gigya-id_token and Content-Type headers of
 * §b.1. A rejected token (UNAUTHORIZED) is dropped, re-minted and the call
 * retried once. Fails with INVALID_INPUT for an unknown locale, INSECURE_URL
 * for a non-https override. */
CarportKamereonClient *carport_kamereon_client_new                (CarportAuthProvider  *auth,
                                                                   CarportHttp          *http,
                                                                   const char           *locale,
                                                                   GError              **error);

/* The same with an explicit Kamereon root (NULL: as carport_kamereon_client_new()). */
CarportKamereonClient *carport_kamereon_client_new_for_url        (CarportAuthProvider  *auth,
                                                                   CarportHttp          *http,
                                                                   const char           *locale,
                                                                   const char           *kamereon_url,
                                                                   GError              **error);

CarportAuthProvider   *carport_kamereon_client_get_auth           (CarportKamereonClient *self);
CarportHttp           *carport_kamereon_client_get_http           (CarportKamereonClient *self);
const char            *carport_kamereon_client_get_locale         (CarportKamereonClient *self);
const char            *carport_kamereon_client_get_country        (CarportKamereonClient *self);
const char            *carport_kamereon_client_get_kamereon_url   (CarportKamereonClient *self);

/* Person → accounts → vehicles of every account that has some (whatever its
 * type), details fetched for links without vehicleDetails, support masks set
 * from the model table. Completes with a GPtrArray of CarportVehicle (owning
 * references), or NO_VEHICLES when no account has a car. */
void                   carport_kamereon_client_list_vehicles_async  (CarportKamereonClient *self,
                                                                     GCancellable          *cancellable,
                                                                     GAsyncReadyCallback    callback,
                                                                     gpointer               user_data);
GPtrArray             *carport_kamereon_client_list_vehicles_finish (CarportKamereonClient  *self,
                                                                     GAsyncResult           *result,
                                                                     GError                **error);

/* Requests, concurrently, every endpoint of @endpoint_mask (bit N =
 * CarportEndpoint N; G_MAXUINT for all) that @vehicle supports. Each answer
 * updates its state object; an "unsupported" answer marks the endpoint
 * unsupported on the vehicle; other failures are recorded with
 * carport_vehicle_set_endpoint_error() and leave the last values alone.
 * Sets "refreshing" while it runs. Fails only when every endpoint failed
 * (with the most meaningful of their errors), or when cancelled. */
void                   carport_kamereon_client_refresh_async        (CarportKamereonClient *self,
                                                                     CarportVehicle        *vehicle,
                                                                     guint                  endpoint_mask,
                                                                     GCancellable          *cancellable,
                                                                     GAsyncReadyCallback    callback,
                                                                     gpointer               user_data);
gboolean               carport_kamereon_client_refresh_finish       (CarportKamereonClient  *self,
                                                                     GAsyncResult           *result,
                                                                     GError                **error);

/* Sends @command for @vehicle: SENDING, then PENDING with the server's id (or
 * COMPLETED at once when the server answers synchronously without an id, as
 * KCM ev/settings and soc-levels may). NOT_SUPPORTED, without any request,
 * when the model lacks it. On failure the command becomes FAILED with a
 * readable message and the error is returned. */
void                   carport_kamereon_client_send_command_async   (CarportKamereonClient *self,
                                                                     CarportVehicle        *vehicle,
                                                                     CarportCommand        *command,
                                                                     GCancellable          *cancellable,
                                                                     GAsyncReadyCallback    callback,
                                                                     gpointer               user_data);
gboolean               carport_kamereon_client_send_command_finish  (CarportKamereonClient  *self,
                                                                     GAsyncResult           *result,
                                                                     GError                **error);

/* One look at the notification of @command (its server id): updates the
 * command to COMPLETED or FAILED (with message) when final, leaves it PENDING
 * otherwise. The caller loops with back-off and decides on time-outs. */
void                   carport_kamereon_client_poll_command_async   (CarportKamereonClient *self,
                                                                     CarportCommand        *command,
                                                                     GCancellable          *cancellable,
                                                                     GAsyncReadyCallback    callback,
                                                                     gpointer               user_data);
gboolean               carport_kamereon_client_poll_command_finish  (CarportKamereonClient  *self,
                                                                     GAsyncResult           *result,
                                                                     CarportCommandState   *out_state,
                                                                     GError                **error);

/* Charging sessions between two days (inclusive, local dates of @start and
 * @end), oldest first: a GPtrArray of CarportChargeSession. */
void                   carport_kamereon_client_get_charges_async    (CarportKamereonClient *self,
                                                                     CarportVehicle        *vehicle,
                                                                     GDateTime             *start,
                                                                     GDateTime             *end,
                                                                     GCancellable          *cancellable,
                                                                     GAsyncReadyCallback    callback,
                                                                     gpointer               user_data);
GPtrArray             *carport_kamereon_client_get_charges_finish   (CarportKamereonClient  *self,
                                                                     GAsyncResult           *result,
                                                                     GError                **error);

G_END_DECLS
