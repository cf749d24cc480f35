/* carport-vehicle-client.c — what every brand's car client does, on one spine. */
#include "config.h"

#define G_LOG_DOMAIN "carport-api"

#include <glib/gi18n.h>

#include "carport-deadline.h"
#include "carport-vehicle-client.h"

typedef struct
{
  CarportAuthProvider *auth;  /* owned */
  CarportHttp         *http;  /* owned */
} CarportVehicleClientPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (CarportVehicleClient, carport_vehicle_client, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_AUTH,
  PROP_HTTP,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ------------------------------------------------------------------------ */
/* One authenticated request: token → HTTP → parse; one retry on UNAUTHORIZED */

typedef struct {
  char    *method;
  char    *url;
  GStrv    extra_headers;
  GBytes  *body;          /* nullable */
  char    *content_type;  /* nullable */
  char    *token;         /* the token sent; a secret, never logged */
  gboolean retried;
  gboolean raw;           /* the answer as it came: no parsing (carport_vehicle_client_send_raw_async()) */
  guint    status;        /* the answer's HTTP status */
} Request;

static void
request_free (Request *request)
{
  g_free (request->method);
  g_free (request->url);
  g_strfreev (request->extra_headers);
  g_clear_pointer (&request->body, g_bytes_unref);
  g_free (request->content_type);
  g_free (request->token);
  g_free (request);
}

static void request_start (GTask *task);

static void
request_http_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CarportVehicleClient *self = g_task_get_source_object (task);
  CarportVehicleClientPrivate *priv = carport_vehicle_client_get_instance_private (self);
  Request *request = g_task_get_task_data (task);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  JsonNode *root;
  guint status = 0;

  body = carport_http_request_finish (CARPORT_HTTP (source), result, &status, &error);
  if (body == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  request->status = status;
  if (request->raw && (status != SOUP_STATUS_UNAUTHORIZED || request->retried))
    {
      g_task_return_pointer (task, g_steal_pointer (&body), (GDestroyNotify) g_bytes_unref);
      return;
    }
  if (request->raw)
    root = NULL;  /* 401: a new token, once */
  else
    root = CARPORT_VEHICLE_CLIENT_GET_CLASS (self)->parse_response (self, status, body, &error);
  if (root != NULL)
    {
      g_task_return_pointer (task, root, (GDestroyNotify) json_node_unref);
      return;
    }

  if ((request->raw || g_error_matches (error, CARPORT_API_ERROR, CARPORT_API_ERROR_UNAUTHORIZED)) &&
      !request->retried)
    {
      g_autofree char *current = carport_auth_provider_dup_access_token (priv->auth);

      g_debug ("The server rejected the token; getting a new one and retrying once");
      request->retried = TRUE;
      /* Concurrent requests rejected together renew the token once: only
       * drop it if it still is the one this request sent. */
      if (current == NULL || g_strcmp0 (current, request->token) == 0)
        carport_auth_provider_invalidate_token (priv->auth);
      request_start (g_steal_pointer (&task));
      return;
    }

  /* A change the server took (2xx) but whose answer cannot be read may have
   * been carried out: as when no answer came, the caller finds out. */
  if (!g_str_equal (request->method, "GET") && SOUP_STATUS_IS_SUCCESSFUL (status) &&
      g_error_matches (error, CARPORT_API_ERROR, CARPORT_API_ERROR_INVALID_RESPONSE))
    {
      GError *unreadable = NULL;

      g_debug ("The server took a %s but its answer cannot be read: %s", request->method, error->message);
      carport_api_set_error (&unreadable, CARPORT_API_ERROR_TIMEOUT, _("its answer could not be read"));
      g_task_return_error (task, unreadable);
      return;
    }

  g_task_return_error (task, g_steal_pointer (&error));
}

static void
request_token_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CarportVehicleClient *self = g_task_get_source_object (task);
  CarportVehicleClientPrivate *priv = carport_vehicle_client_get_instance_private (self);
  Request *request = g_task_get_task_data (task);
  g_autoptr(GPtrArray) headers = NULL;
  g_autofree char *token = NULL;
  GError *error = NULL;

  token = carport_auth_provider_get_token_finish (CARPORT_AUTH_PROVIDER (source), result, &error);
  if (token == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  g_free (request->token);
  request->token = g_strdup (token);

  headers = g_ptr_array_new ();
  CARPORT_VEHICLE_CLIENT_GET_CLASS (self)->add_auth_headers (self, request->token, headers);
  for (guint i = 0; request->extra_headers != NULL && request->extra_headers[i] != NULL; i++)
    g_ptr_array_add (headers, request->extra_headers[i]);
  g_ptr_array_add (headers, NULL);

  carport_http_request_async (priv->http, request->method, request->url,
                              (const char * const *) headers->pdata,
                              request->body, request->content_type,
                              g_task_get_cancellable (task),
                              request_http_cb, g_object_ref (task));
}

static void
request_start (GTask *task)
{
  CarportVehicleClient *self = g_task_get_source_object (task);
  CarportVehicleClientPrivate *priv = carport_vehicle_client_get_instance_private (self);

  carport_auth_provider_get_token_async (priv->auth, g_task_get_cancellable (task),
                                         request_token_cb, task);
}

static GTask *
request_new (CarportVehicleClient  *self,
             gpointer               source_tag,
             const char            *method,
             const char            *url,
             const char * const    *extra_headers,
             GBytes                *body,
             const char            *content_type,
             GCancellable          *cancellable,
             GAsyncReadyCallback    callback,
             gpointer               user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Request *request;

  g_task_set_source_tag (task, source_tag);
  request = g_new0 (Request, 1);
  request->method = g_strdup (method);
  request->url = g_strdup (url);
  request->extra_headers = g_strdupv ((char **) extra_headers);
  request->body = body ? g_bytes_ref (body) : NULL;
  request->content_type = g_strdup (content_type);
  g_task_set_task_data (task, request, (GDestroyNotify) request_free);
  return task;
}

void
carport_vehicle_client_request_async (CarportVehicleClient  *self,
                                      const char            *method,
                                      const char            *url,
                                      const char * const    *extra_headers,
                                      GBytes                *body,
                                      const char            *content_type,
                                      GCancellable          *cancellable,
                                      GAsyncReadyCallback    callback,
                                      gpointer               user_data)
{
  g_return_if_fail (CARPORT_IS_VEHICLE_CLIENT (self));
  g_return_if_fail (method != NULL && url != NULL);

  request_start (request_new (self, carport_vehicle_client_request_async, method, url, extra_headers,
                              body, content_type, cancellable, callback, user_data));
}

void
carport_vehicle_client_send_raw_async (CarportVehicleClient  *self,
                                       const char            *method,
                                       const char            *path,
                                       GBytes                *body,
                                       GCancellable          *cancellable,
                                       GAsyncReadyCallback    callback,
                                       gpointer               user_data)
{
  g_autofree char *url = NULL;
  GTask *task;

  g_return_if_fail (CARPORT_IS_VEHICLE_CLIENT (self));
  g_return_if_fail (method != NULL && path != NULL);

  while (*path == '/')
    path++;
  url = CARPORT_VEHICLE_CLIENT_GET_CLASS (self)->dup_url_for_path (self, path);
  task = request_new (self, carport_vehicle_client_send_raw_async, method, url, NULL, body,
                      body ? "application/vnd.api+json" : NULL, cancellable, callback, user_data);
  ((Request *) g_task_get_task_data (task))->raw = TRUE;
  request_start (task);
}

GBytes *
carport_vehicle_client_send_raw_finish (CarportVehicleClient  *self,
                                        GAsyncResult          *result,
                                        guint                 *out_status,
                                        GError               **error)
{
  Request *request;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == carport_vehicle_client_send_raw_async, NULL);

  request = g_task_get_task_data (G_TASK (result));
  *out_status = request->status;
  return g_task_propagate_pointer (G_TASK (result), error);
}

JsonNode *
carport_vehicle_client_request_finish (CarportVehicleClient  *self,
                                       GAsyncResult          *result,
                                       GError               **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == carport_vehicle_client_request_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ------------------------------------------------------------------------ */
/* Refresh: every readable endpoint at once */

typedef struct {
  CarportVehicle *vehicle;     /* owned */
  CarportDeadline *deadline;   /* owned: the caller's cancellable, or the time up */
  guint           pending;
  guint           n_requested;
  guint           n_ok;
  guint           n_unsupported;
  guint           n_failed;
  GError         *error;       /* the most meaningful failure */
  gboolean        cancelled;
  gboolean        reads_settings;   /* every settings endpoint was asked for */
  gboolean        settings_failed;
} RefreshData;

typedef struct {
  GTask           *task;       /* owned */
  CarportEndpoint  endpoint;
  gboolean         asked_again; /* after a first "not for this car" */
} EndpointCall;

static void
refresh_data_free (RefreshData *data)
{
  g_clear_object (&data->vehicle);
  g_clear_pointer (&data->deadline, carport_deadline_free);
  g_clear_error (&data->error);
  g_free (data);
}

/* Lower is more meaningful to the user (and to the service's back-off). */
static int
error_rank (const GError *error)
{
  if (error->domain != CARPORT_API_ERROR)
    return 50;

  switch ((CarportApiError) error->code)
    {
    case CARPORT_API_ERROR_LOGIN_EXPIRED:     return 0;
    case CARPORT_API_ERROR_API_KEY:           return 1;
    case CARPORT_API_ERROR_QUOTA_LIMIT:       return 2;
    case CARPORT_API_ERROR_UNAUTHORIZED:      return 3;
    case CARPORT_API_ERROR_NETWORK:           return 4;
    case CARPORT_API_ERROR_TIMEOUT:           return 5;
    case CARPORT_API_ERROR_PRIVACY_MODE:      return 6;
    case CARPORT_API_ERROR_UPSTREAM:          return 7;
    case CARPORT_API_ERROR_SERVER:            return 8;
    case CARPORT_API_ERROR_INVALID_RESPONSE:  return 9;
    default:                                  return 20;
    }
}

static void
refresh_complete (GTask *task)
{
  RefreshData *data = g_task_get_task_data (task);
  CarportVehicle *vehicle = data->vehicle;

  carport_vehicle_set_refreshing (vehicle, FALSE);

  if (data->cancelled || g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "Refresh cancelled");
      return;
    }

  g_debug ("Refresh: %u endpoint(s), %u ok, %u unsupported, %u failed",
           data->n_requested, data->n_ok, data->n_unsupported, data->n_failed);

  if (data->reads_settings && !data->settings_failed)
    carport_vehicle_set_settings_read_at (vehicle, g_get_real_time () / G_USEC_PER_SEC);

  if (data->n_failed > 0 && data->n_failed == data->n_requested)
    {
      carport_vehicle_set_last_error (vehicle, data->error->message);
      g_task_return_error (task, g_steal_pointer (&data->error));
      return;
    }

  g_object_freeze_notify (G_OBJECT (vehicle));
  carport_vehicle_set_last_error (vehicle, NULL);
  if (data->n_ok > 0)
    carport_vehicle_set_from_cache (vehicle, FALSE);
  g_object_thaw_notify (G_OBJECT (vehicle));

  g_task_return_boolean (task, TRUE);
}

static void
endpoint_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  EndpointCall *call = user_data;
  g_autoptr(GTask) task = g_steal_pointer (&call->task);
  CarportEndpoint endpoint = call->endpoint;
  CarportVehicleClient *self = CARPORT_VEHICLE_CLIENT (source);
  CarportVehicleClientClass *klass = CARPORT_VEHICLE_CLIENT_GET_CLASS (self);
  RefreshData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  const char *nick = carport_enum_to_nick (CARPORT_TYPE_ENDPOINT, endpoint);

  klass->read_endpoint_finish (self, result, &error);
  /* The refresh's time is up: what has not come is late, not cancelled. */
  if (carport_deadline_expired (data->deadline, error))
    {
      g_clear_error (&error);
      carport_api_set_error (&error, CARPORT_API_ERROR_TIMEOUT, NULL);
    }

  /* One "not for this car" may be a passing fault: ask once more before
   * believing it. */
  if (carport_api_error_is_unsupported (error) && !call->asked_again &&
      !g_cancellable_is_cancelled (carport_deadline_get_cancellable (data->deadline)))
    {
      g_debug ("%s answered “not for this car”; asking once more", nick);
      call->asked_again = TRUE;
      call->task = g_steal_pointer (&task);
      klass->read_endpoint_async (self, data->vehicle, endpoint, carport_deadline_get_cancellable (data->deadline),
                                  endpoint_cb, call);
      return;
    }
  g_free (call);

  if (error == NULL)
    {
      data->n_ok++;
      carport_vehicle_set_endpoint_error (data->vehicle, endpoint, NULL);
      carport_vehicle_note_endpoint_data (data->vehicle, endpoint);
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      data->cancelled = TRUE;
    }
  else if (carport_api_error_is_unsupported (error) &&
           carport_vehicle_mark_unsupported (data->vehicle, endpoint))
    {
      g_debug ("%s is not offered for this car: %s", nick, error->message);
      data->n_unsupported++;
      carport_vehicle_set_endpoint_error (data->vehicle, endpoint, NULL);
    }
  else
    {
      g_debug ("%s failed: %s", nick, error->message);
      data->n_failed++;
      if (CARPORT_ENDPOINT_MASK_SETTINGS & (1u << endpoint))
        data->settings_failed = TRUE;
      carport_vehicle_set_endpoint_error (data->vehicle, endpoint, error->message);
      if (data->error == NULL || error_rank (error) < error_rank (data->error))
        {
          g_clear_error (&data->error);
          data->error = g_steal_pointer (&error);
        }
    }

  if (--data->pending == 0)
    refresh_complete (task);
}

void
carport_vehicle_client_refresh_async (CarportVehicleClient *self,
                                      CarportVehicle       *vehicle,
                                      guint                 endpoint_mask,
                                      GCancellable         *cancellable,
                                      GAsyncReadyCallback   callback,
                                      gpointer              user_data)
{
  CarportVehicleClientPrivate *priv = carport_vehicle_client_get_instance_private (self);
  CarportVehicleClientClass *klass;
  g_autoptr(GTask) task = NULL;
  RefreshData *data;
  guint mask;
  guint deadline;

  g_return_if_fail (CARPORT_IS_VEHICLE_CLIENT (self));
  g_return_if_fail (CARPORT_IS_VEHICLE (vehicle));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  klass = CARPORT_VEHICLE_CLIENT_GET_CLASS (self);
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, carport_vehicle_client_refresh_async);

  data = g_new0 (RefreshData, 1);
  data->vehicle = g_object_ref (vehicle);
  g_task_set_task_data (task, data, (GDestroyNotify) refresh_data_free);

  data->reads_settings = (endpoint_mask & CARPORT_ENDPOINT_MASK_SETTINGS) == CARPORT_ENDPOINT_MASK_SETTINGS;
  mask = endpoint_mask & carport_vehicle_get_readable_endpoints (vehicle);
  for (guint e = 0; e < CARPORT_N_ENDPOINTS; e++)
    if ((mask & (1u << e)) && !klass->can_read (self, vehicle, e))
      mask &= ~(1u << e);

  /* Count first so that no answer can complete the task early. */
  for (guint e = 0; e < CARPORT_N_ENDPOINTS; e++)
    if (mask & (1u << e))
      data->n_requested++;

  if (data->n_requested == 0)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  data->pending = data->n_requested;
  /* The refresh as a whole takes no longer than one request may. */
  deadline = carport_http_get_deadline (priv->http);
  data->deadline = carport_deadline_new (cancellable, deadline);
  carport_vehicle_set_refreshing (vehicle, TRUE);

  for (guint e = 0; e < CARPORT_N_ENDPOINTS; e++)
    {
      EndpointCall *call;

      if (!(mask & (1u << e)))
        continue;

      call = g_new0 (EndpointCall, 1);
      call->task = g_object_ref (task);
      call->endpoint = e;
      klass->read_endpoint_async (self, vehicle, e, carport_deadline_get_cancellable (data->deadline),
                                  endpoint_cb, call);
    }
}

gboolean
carport_vehicle_client_refresh_finish (CarportVehicleClient  *self,
                                       GAsyncResult          *result,
                                       GError               **error)
{
  g_return_val_if_fail (CARPORT_IS_VEHICLE_CLIENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == carport_vehicle_client_refresh_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ------------------------------------------------------------------------ */
/* What each brand does its own way */

void
carport_vehicle_client_list_vehicles_async (CarportVehicleClient *self,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data)
{
  g_return_if_fail (CARPORT_IS_VEHICLE_CLIENT (self));

  CARPORT_VEHICLE_CLIENT_GET_CLASS (self)->list_vehicles_async (self, cancellable, callback, user_data);
}

GPtrArray *
carport_vehicle_client_list_vehicles_finish (CarportVehicleClient  *self,
                                             GAsyncResult          *result,
                                             GError               **error)
{
  g_return_val_if_fail (CARPORT_IS_VEHICLE_CLIENT (self), NULL);

  return CARPORT_VEHICLE_CLIENT_GET_CLASS (self)->list_vehicles_finish (self, result, error);
}

void
carport_vehicle_client_send_command_async (CarportVehicleClient *self,
                                           CarportVehicle       *vehicle,
                                           CarportCommand       *command,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data)
{
  g_return_if_fail (CARPORT_IS_VEHICLE_CLIENT (self));
  g_return_if_fail (CARPORT_IS_VEHICLE (vehicle));
  g_return_if_fail (CARPORT_IS_COMMAND (command));

  CARPORT_VEHICLE_CLIENT_GET_CLASS (self)->send_command_async (self, vehicle, command, cancellable,
                                                               callback, user_data);
}

gboolean
carport_vehicle_client_send_command_finish (CarportVehicleClient  *self,
                                            GAsyncResult          *result,
                                            GError               **error)
{
  g_return_val_if_fail (CARPORT_IS_VEHICLE_CLIENT (self), FALSE);

  return CARPORT_VEHICLE_CLIENT_GET_CLASS (self)->send_command_finish (self, result, error);
}

void
carport_vehicle_client_fail_command (CarportCommand *command,
                                     const GError   *error)
{
  g_return_if_fail (CARPORT_IS_COMMAND (command));
  g_return_if_fail (error != NULL);

  if (g_error_matches (error, CARPORT_API_ERROR, CARPORT_API_ERROR_TIMEOUT) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  carport_command_fail (command, error->message);
}

void
carport_vehicle_client_poll_command_async (CarportVehicleClient *self,
                                           CarportVehicle       *vehicle,
                                           CarportCommand       *command,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data)
{
  g_return_if_fail (CARPORT_IS_VEHICLE_CLIENT (self));
  g_return_if_fail (CARPORT_IS_VEHICLE (vehicle));
  g_return_if_fail (CARPORT_IS_COMMAND (command));

  CARPORT_VEHICLE_CLIENT_GET_CLASS (self)->poll_command_async (self, vehicle, command, cancellable,
                                                               callback, user_data);
}

gboolean
carport_vehicle_client_poll_command_finish (CarportVehicleClient  *self,
                                            GAsyncResult          *result,
                                            CarportCommandState   *out_state,
                                            GError               **error)
{
  g_return_val_if_fail (CARPORT_IS_VEHICLE_CLIENT (self), FALSE);

  return CARPORT_VEHICLE_CLIENT_GET_CLASS (self)->poll_command_finish (self, result, out_state, error);
}

void
carport_vehicle_client_get_charges_async (CarportVehicleClient *self,
                                          CarportVehicle       *vehicle,
                                          GDateTime            *start,
                                          GDateTime            *end,
                                          GCancellable         *cancellable,
                                          GAsyncReadyCallback   callback,
                                          gpointer              user_data)
{
  CarportVehicleClientClass *klass;

  g_return_if_fail (CARPORT_IS_VEHICLE_CLIENT (self));
  g_return_if_fail (CARPORT_IS_VEHICLE (vehicle));

  klass = CARPORT_VEHICLE_CLIENT_GET_CLASS (self);
  if (klass->get_charges_async == NULL)
    {
      g_task_report_new_error (self, callback, user_data, carport_vehicle_client_get_charges_async,
                               CARPORT_API_ERROR, CARPORT_API_ERROR_NOT_SUPPORTED,
                               _("This car does not report its charging sessions"));
      return;
    }

  klass->get_charges_async (self, vehicle, start, end, cancellable, callback, user_data);
}

GPtrArray *
carport_vehicle_client_get_charges_finish (CarportVehicleClient  *self,
                                           GAsyncResult          *result,
                                           GError               **error)
{
  CarportVehicleClientClass *klass;

  g_return_val_if_fail (CARPORT_IS_VEHICLE_CLIENT (self), NULL);

  klass = CARPORT_VEHICLE_CLIENT_GET_CLASS (self);
  if (g_async_result_is_tagged (result, carport_vehicle_client_get_charges_async))
    return g_task_propagate_pointer (G_TASK (result), error);

  return klass->get_charges_finish (self, result, error);
}

gboolean
carport_vehicle_client_registers_devices (CarportVehicleClient *self)
{
  g_return_val_if_fail (CARPORT_IS_VEHICLE_CLIENT (self), FALSE);

  return CARPORT_VEHICLE_CLIENT_GET_CLASS (self)->device_async != NULL;
}

void
carport_vehicle_client_device_async (CarportVehicleClient *self,
                                     CarportVehicle       *vehicle,
                                     CarportDeviceStep     step,
                                     const char           *device_id,
                                     const char           *code,
                                     GCancellable         *cancellable,
                                     GAsyncReadyCallback   callback,
                                     gpointer              user_data)
{
  CarportVehicleClientClass *klass;

  g_return_if_fail (CARPORT_IS_VEHICLE_CLIENT (self));
  g_return_if_fail (CARPORT_IS_VEHICLE (vehicle));
  g_return_if_fail (device_id != NULL);

  klass = CARPORT_VEHICLE_CLIENT_GET_CLASS (self);
  if (klass->device_async == NULL)
    {
      g_task_report_new_error (self, callback, user_data, carport_vehicle_client_device_async,
                               CARPORT_API_ERROR, CARPORT_API_ERROR_NOT_SUPPORTED,
                               _("This car does not offer this feature."));
      return;
    }

  klass->device_async (self, vehicle, step, device_id, code, cancellable, callback, user_data);
}

gboolean
carport_vehicle_client_device_finish (CarportVehicleClient  *self,
                                      GAsyncResult          *result,
                                      gboolean              *out_registered,
                                      GError               **error)
{
  g_return_val_if_fail (CARPORT_IS_VEHICLE_CLIENT (self), FALSE);

  if (out_registered != NULL)
    *out_registered = FALSE;
  if (g_async_result_is_tagged (result, carport_vehicle_client_device_async))
    return g_task_propagate_boolean (G_TASK (result), error);

  return CARPORT_VEHICLE_CLIENT_GET_CLASS (self)->device_finish (self, result, out_registered, error);
}

gboolean
carport_device_step_propagate (GTask     *task,
                               gboolean  *out_registered,
                               GError   **error)
{
  g_autoptr(GError) local_error = NULL;
  gssize registered = g_task_propagate_int (task, &local_error);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (out_registered != NULL)
    *out_registered = registered != 0;
  return TRUE;
}

/* What a car without @source says. */
const char *
carport_usage_not_reported_message (CarportUsageSource source)
{
  switch (source)
    {
    case CARPORT_USAGE_CHARGES:
      return _("This car does not report its charge history");
    case CARPORT_USAGE_CLIMATE:
    case CARPORT_USAGE_CLIMATE_SESSIONS:
    default:
      return _("This car does not report its climate use");
    }
}

void
carport_vehicle_client_get_usage_async (CarportVehicleClient *self,
                                        CarportVehicle       *vehicle,
                                        CarportUsageSource    source,
                                        CarportUsagePeriod    period,
                                        GDateTime            *start,
                                        GDateTime            *end,
                                        GCancellable         *cancellable,
                                        GAsyncReadyCallback   callback,
                                        gpointer              user_data)
{
  CarportVehicleClientClass *klass;

  g_return_if_fail (CARPORT_IS_VEHICLE_CLIENT (self));
  g_return_if_fail (CARPORT_IS_VEHICLE (vehicle));

  klass = CARPORT_VEHICLE_CLIENT_GET_CLASS (self);
  if (klass->get_usage_async == NULL)
    {
      g_task_report_new_error (self, callback, user_data, carport_vehicle_client_get_usage_async,
                               CARPORT_API_ERROR, CARPORT_API_ERROR_NOT_SUPPORTED, "%s",
                               carport_usage_not_reported_message (source));
      return;
    }

  klass->get_usage_async (self, vehicle, source, period, start, end, cancellable, callback, user_data);
}

GPtrArray *
carport_vehicle_client_get_usage_finish (CarportVehicleClient  *self,
                                         GAsyncResult          *result,
                                         GError               **error)
{
  g_return_val_if_fail (CARPORT_IS_VEHICLE_CLIENT (self), NULL);

  if (g_async_result_is_tagged (result, carport_vehicle_client_get_usage_async))
    return g_task_propagate_pointer (G_TASK (result), error);

  return CARPORT_VEHICLE_CLIENT_GET_CLASS (self)->get_usage_finish (self, result, error);
}

/* ------------------------------------------------------------------------ */
/* GObject */

CarportAuthProvider *
carport_vehicle_client_get_auth (CarportVehicleClient *self)
{
  CarportVehicleClientPrivate *priv = carport_vehicle_client_get_instance_private (self);

  g_return_val_if_fail (CARPORT_IS_VEHICLE_CLIENT (self), NULL);

  return priv->auth;
}

CarportHttp *
carport_vehicle_client_get_http (CarportVehicleClient *self)
{
  CarportVehicleClientPrivate *priv = carport_vehicle_client_get_instance_private (self);

  g_return_val_if_fail (CARPORT_IS_VEHICLE_CLIENT (self), NULL);

  return priv->http;
}

static void
carport_vehicle_client_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  CarportVehicleClient *self = CARPORT_VEHICLE_CLIENT (object);
  CarportVehicleClientPrivate *priv = carport_vehicle_client_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_AUTH:
      g_value_set_object (value, priv->auth);
      break;
    case PROP_HTTP:
      g_value_set_object (value, priv->http);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carport_vehicle_client_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  CarportVehicleClient *self = CARPORT_VEHICLE_CLIENT (object);
  CarportVehicleClientPrivate *priv = carport_vehicle_client_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_AUTH:
      priv->auth = g_value_dup_object (value);
      break;
    case PROP_HTTP:
      priv->http = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carport_vehicle_client_dispose (GObject *object)
{
  CarportVehicleClient *self = CARPORT_VEHICLE_CLIENT (object);
  CarportVehicleClientPrivate *priv = carport_vehicle_client_get_instance_private (self);

  g_clear_object (&priv->auth);
  g_clear_object (&priv->http);

  G_OBJECT_CLASS (carport_vehicle_client_parent_class)->dispose (object);
}

static void
carport_vehicle_client_class_init (CarportVehicleClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = carport_vehicle_client_get_property;
  object_class->set_property = carport_vehicle_client_set_property;
  object_class->dispose = carport_vehicle_client_dispose;

  properties[PROP_AUTH] =
    g_param_spec_object ("auth", NULL, NULL, CARPORT_TYPE_AUTH_PROVIDER,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HTTP] =
    g_param_spec_object ("http", NULL, NULL, CARPORT_TYPE_HTTP,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
carport_vehicle_client_init (CarportVehicleClient *self)
{
}
