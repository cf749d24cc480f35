/* carport-vehicle-client.h — what every brand's car client does, on one spine.
 *
 * A brand (src/api/renault/, src/api/nissan/) subclasses CarportVehicleClient
 * and fills in the class vfuncs: how to list the account's cars, read one
 * endpoint, send and follow a command, and how its requests carry the token
 * and report errors. The base class owns what is the same for every brand:
 * the auth provider and HTTP session, authenticated requests with one retry
 * after a rejected token, and the concurrent refresh of a car's endpoints
 * with its bookkeeping (unsupported endpoints, per-endpoint errors, the most
 * meaningful failure). */
#pragma once

#include <json-glib/json-glib.h>
#include "carport-core.h"
#include "carport-auth-provider.h"
#include "carport-http.h"

G_BEGIN_DECLS

#define CARPORT_TYPE_VEHICLE_CLIENT (carport_vehicle_client_get_type ())
G_DECLARE_DERIVABLE_TYPE (CarportVehicleClient, carport_vehicle_client, CARPORT, VEHICLE_CLIENT, GObject)

struct _CarportVehicleClientClass
{
  GObjectClass parent_class;

  /* Adds the request headers (name/value pairs) that carry @token. */
  void        (*add_auth_headers)     (CarportVehicleClient  *self,
                                       const char            *token,
                                       GPtrArray             *headers);
  /* Turns an answer into a JSON root or a CARPORT_API_ERROR; UNAUTHORIZED
   * makes the base class drop the token and retry once. */
  JsonNode *  (*parse_response)       (CarportVehicleClient  *self,
                                       guint                  http_status,
                                       GBytes                *body,
                                       GError               **error);

  void        (*list_vehicles_async)  (CarportVehicleClient  *self,
                                       GCancellable          *cancellable,
                                       GAsyncReadyCallback    callback,
                                       gpointer               user_data);
  GPtrArray * (*list_vehicles_finish) (CarportVehicleClient  *self,
                                       GAsyncResult          *result,
                                       GError               **error);

  /* TRUE when this client knows how to read @endpoint of @vehicle. */
  gboolean    (*can_read)             (CarportVehicleClient  *self,
                                       CarportVehicle        *vehicle,
                                       CarportEndpoint        endpoint);
  /* Reads one endpoint and updates @vehicle's state object. */
  void        (*read_endpoint_async)  (CarportVehicleClient  *self,
                                       CarportVehicle        *vehicle,
                                       CarportEndpoint        endpoint,
                                       GCancellable          *cancellable,
                                       GAsyncReadyCallback    callback,
                                       gpointer               user_data);
  gboolean    (*read_endpoint_finish) (CarportVehicleClient  *self,
                                       GAsyncResult          *result,
                                       GError               **error);

  void        (*send_command_async)   (CarportVehicleClient  *self,
                                       CarportVehicle        *vehicle,
                                       CarportCommand        *command,
                                       GCancellable          *cancellable,
                                       GAsyncReadyCallback    callback,
                                       gpointer               user_data);
  gboolean    (*send_command_finish)  (CarportVehicleClient  *self,
                                       GAsyncResult          *result,
                                       GError               **error);

  void        (*poll_command_async)   (CarportVehicleClient  *self,
                                       CarportVehicle        *vehicle,
                                       CarportCommand        *command,
                                       GCancellable          *cancellable,
                                       GAsyncReadyCallback    callback,
                                       gpointer               user_data);
  gboolean    (*poll_command_finish)  (CarportVehicleClient  *self,
                                       GAsyncResult          *result,
                                       CarportCommandState   *out_state,
                                       GError               **error);

  /* Optional: NULL means the brand has no charge history. */
  void        (*get_charges_async)    (CarportVehicleClient  *self,
                                       CarportVehicle        *vehicle,
                                       GDateTime             *start,
                                       GDateTime             *end,
                                       GCancellable          *cancellable,
                                       GAsyncReadyCallback    callback,
                                       gpointer               user_data);
  GPtrArray * (*get_charges_finish)   (CarportVehicleClient  *self,
                                       GAsyncResult          *result,
                                       GError               **error);

  /* Optional: NULL means the brand has no charge or climate history. */
  void        (*get_usage_async)      (CarportVehicleClient  *self,
                                       CarportVehicle        *vehicle,
                                       CarportUsageSource     source,
                                       CarportUsagePeriod     period,
                                       GDateTime             *start,
                                       GDateTime             *end,
                                       GCancellable          *cancellable,
                                       GAsyncReadyCallback    callback,
                                       gpointer               user_data);
  GPtrArray * (*get_usage_finish)     (CarportVehicleClient  *self,
                                       GAsyncResult          *result,
                                       GError               **error);

  /* The URL of @path (no leading slash) below the brand's Kamereon root (its
   * car adapter), with what the brand adds to every request's query. */
  char *      (*dup_url_for_path)     (CarportVehicleClient  *self,
                                       const char            *path);
  /* Optional: NULL means the brand's remote lock needs no registered
   * device. See carport_vehicle_client_device_async(). */
  void        (*device_async)         (CarportVehicleClient  *self,
                                       CarportVehicle        *vehicle,
                                       CarportDeviceStep      step,
                                       const char            *device_id,
                                       const char            *code,
                                       GCancellable          *cancellable,
                                       GAsyncReadyCallback    callback,
                                       gpointer               user_data);
  gboolean    (*device_finish)        (CarportVehicleClient  *self,
                                       GAsyncResult          *result,
                                       gboolean              *out_registered,
                                       GError               **error);
  gpointer padding[3];
};

/* Properties (construct-only): auth (CarportAuthProvider), http (CarportHttp). */
CarportAuthProvider *carport_vehicle_client_get_auth (CarportVehicleClient *self);
CarportHttp         *carport_vehicle_client_get_http (CarportVehicleClient *self);

/* One authenticated request: a token from the auth provider, the brand's
 * headers (@extra_headers, NULL-terminated name/value pairs, come after
 * them), the brand's parse_response(); after UNAUTHORIZED the token is
 * dropped (unless another request already replaced it) and the request sent
 * once more. @body and @content_type may be NULL. Completes with the JSON
 * root (never NULL on success). */
void      carport_vehicle_client_request_async  (CarportVehicleClient  *self,
                                                 const char            *method,
                                                 const char            *url,
                                                 const char * const    *extra_headers,
                                                 GBytes                *body,
                                                 const char            *content_type,
                                                 GCancellable          *cancellable,
                                                 GAsyncReadyCallback    callback,
                                                 gpointer               user_data);
JsonNode *carport_vehicle_client_request_finish (CarportVehicleClient  *self,
                                                 GAsyncResult          *result,
                                                 GError               **error);

/* A request through the login, as a person writes it (carport-cli http):
 * @path is relative to the brand's Kamereon root (dup_url_for_path()),
 * @body (nullable) JSON. The token and the brand's headers are added, and a 401
 * gets a new token once; otherwise the answer is not read: completes with
 * its body (never NULL on success) and *@out_status whatever the status. */
void      carport_vehicle_client_send_raw_async  (CarportVehicleClient  *self,
                                                  const char            *method,
                                                  const char            *path,
                                                  GBytes                *body,
                                                  GCancellable          *cancellable,
                                                  GAsyncReadyCallback    callback,
                                                  gpointer               user_data);
GBytes   *carport_vehicle_client_send_raw_finish (CarportVehicleClient  *self,
                                                  GAsyncResult          *result,
                                                  guint                 *out_status,
                                                  GError               **error);
/* The account's cars: a GPtrArray of CarportVehicle (owning references) with
 * their brand, identity and supported endpoints and commands set; NO_VEHICLES
 * when there is none. */
void       carport_vehicle_client_list_vehicles_async  (CarportVehicleClient  *self,
                                                        GCancellable          *cancellable,
                                                        GAsyncReadyCallback    callback,
                                                        gpointer               user_data);
GPtrArray *carport_vehicle_client_list_vehicles_finish (CarportVehicleClient  *self,
                                                        GAsyncResult          *result,
                                                        GError               **error);

/* Requests, concurrently, every endpoint of @endpoint_mask (bit N =
 * CarportEndpoint N; G_MAXUINT for all) that @vehicle supports and the
 * client can read (its readable-endpoints). Each answer updates its state
 * object. A "not for this car" answer (403/404/501) is asked once more; a
 * second one marks the endpoint unsupported for a day
 * (carport_vehicle_mark_unsupported()), unless it has answered with data
 * before: then, as other failures, it is recorded with
 * carport_vehicle_set_endpoint_error() and the last values stay. Sets "refreshing" while it runs. The whole
 * refresh takes no longer than the HTTP deadline (carport_http_get_deadline()):
 * an endpoint still without an answer then fails with TIMEOUT. Fails only when every
 * endpoint failed (with the most meaningful of their errors), or when
 * cancelled. */
void       carport_vehicle_client_refresh_async        (CarportVehicleClient  *self,
                                                        CarportVehicle        *vehicle,
                                                        guint                  endpoint_mask,
                                                        GCancellable          *cancellable,
                                                        GAsyncReadyCallback    callback,
                                                        gpointer               user_data);
gboolean   carport_vehicle_client_refresh_finish       (CarportVehicleClient  *self,
                                                        GAsyncResult          *result,
                                                        GError               **error);

/* Sends @command for @vehicle: SENDING, then PENDING with the server's id (or
 * COMPLETED when the server answers synchronously). NOT_SUPPORTED, without a
 * request, when the car lacks it. On failure the command becomes FAILED with
 * a readable message and the error is returned; but after TIMEOUT (no answer:
 * the server may have taken it) or a cancellation it stays SENDING, for the
 * caller to settle (carport_vehicle_client_fail_command()). */
void       carport_vehicle_client_send_command_async   (CarportVehicleClient  *self,
                                                        CarportVehicle        *vehicle,
                                                        CarportCommand        *command,
                                                        GCancellable          *cancellable,
                                                        GAsyncReadyCallback    callback,
                                                        gpointer               user_data);
gboolean   carport_vehicle_client_send_command_finish  (CarportVehicleClient  *self,
                                                        GAsyncResult          *result,
                                                        GError               **error);

/* For brands, when the sending of @command failed with @error: FAILED with
 * the error's message, unless its outcome is not known (TIMEOUT) or the
 * caller gave up (G_IO_ERROR_CANCELLED): then the caller settles it. */
void       carport_vehicle_client_fail_command         (CarportCommand        *command,
                                                        const GError          *error);

/* One look at the outcome of @command (sent for @vehicle): updates it to
 * COMPLETED or FAILED (with message) when final, leaves it PENDING otherwise.
 * The caller loops with back-off and decides on time-outs. */
void       carport_vehicle_client_poll_command_async   (CarportVehicleClient  *self,
                                                        CarportVehicle        *vehicle,
                                                        CarportCommand        *command,
                                                        GCancellable          *cancellable,
                                                        GAsyncReadyCallback    callback,
                                                        gpointer               user_data);
gboolean   carport_vehicle_client_poll_command_finish  (CarportVehicleClient  *self,
                                                        GAsyncResult          *result,
                                                        CarportCommandState   *out_state,
                                                        GError                **error);

/* TRUE when this brand's remote lock (lock, unlock, PIN enrolment) needs
 * this computer registered for the car first: the command then carries the
 * device id (carport_command_set_device_id()). */
gboolean   carport_vehicle_client_registers_devices    (CarportVehicleClient  *self);
/* One step of registering this computer, known to the brand as @device_id,
 * for @vehicle: CHECK completes with *@out_registered; REQUEST_CODE has the
 * brand e-mail the owner a code; REGISTER takes that @code (a device already
 * registered counts as registered), TFA_CODE_INVALID with a sentence for
 * people when the code is wrong or expired; FORGET unregisters it
 * (*@out_registered FALSE; a device the brand does not know counts as
 * done), its errors saying whether it may still be registered. Nothing is
 * sent to the car. NOT_SUPPORTED for every step when the brand registers no
 * devices (Renault: there is nothing to forget either; callers ask
 * carport_vehicle_client_registers_devices() first) or the car has no
 * remote lock. */
void       carport_vehicle_client_device_async         (CarportVehicleClient  *self,
                                                        CarportVehicle        *vehicle,
                                                        CarportDeviceStep      step,
                                                        const char            *device_id,
                                                        const char            *code,
                                                        GCancellable          *cancellable,
                                                        GAsyncReadyCallback    callback,
                                                        gpointer               user_data);
gboolean   carport_vehicle_client_device_finish        (CarportVehicleClient  *self,
                                                        GAsyncResult          *result,
                                                        gboolean              *out_registered,
                                                        GError               **error);
/* The _finish of a device step for each layer that passes one on (a brand's
 * client, the account, the session): their tasks complete with
 * g_task_return_int() of whether the computer is registered. */
gboolean   carport_device_step_propagate               (GTask                 *task,
                                                        gboolean              *out_registered,
                                                        GError               **error);

/* Charging sessions between two days (inclusive), oldest first: a GPtrArray
 * of CarportChargeSession. NOT_SUPPORTED for brands without a history. */
void       carport_vehicle_client_get_charges_async    (CarportVehicleClient  *self,
                                                        CarportVehicle        *vehicle,
                                                        GDateTime             *start,
                                                        GDateTime             *end,
                                                        GCancellable          *cancellable,
                                                        GAsyncReadyCallback    callback,
                                                        gpointer               user_data);
GPtrArray *carport_vehicle_client_get_charges_finish   (CarportVehicleClient  *self,
                                                        GAsyncResult          *result,
                                                        GError               **error);

/* "This car does not report its charge history" (or climate use). */
const char *carport_usage_not_reported_message         (CarportUsageSource     source);

/* The charge history, climate history (per day or month, @period) or
 * climate sessions (@source) between two days (inclusive), oldest first: a
 * GPtrArray of CarportUsage. NOT_SUPPORTED for brands and cars without it. */
void       carport_vehicle_client_get_usage_async      (CarportVehicleClient  *self,
                                                        CarportVehicle        *vehicle,
                                                        CarportUsageSource     source,
                                                        CarportUsagePeriod     period,
                                                        GDateTime             *start,
                                                        GDateTime             *end,
                                                        GCancellable          *cancellable,
                                                        GAsyncReadyCallback    callback,
                                                        gpointer               user_data);
GPtrArray *carport_vehicle_client_get_usage_finish     (CarportVehicleClient  *self,
                                                        GAsyncResult          *result,
                                                        GError               **error);

G_END_DECLS
