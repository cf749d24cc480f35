/* carport-kamereon-client.c — the Renault Kamereon car-adapter client. */
#include "config.h"

#define G_LOG_DOMAIN "carport-api"

#include <glib/gi18n.h>

#include <math.h>
#include <string.h>

#include "carport-kamereon-client.h"
#include "carport-kamereon-json.h"
#include "carport-renault-models.h"

#define KAMEREON_MIME_TYPE  "application/vnd.api+json"

struct _CarportKamereonClient
{
  GObject              parent_instance;

  CarportAuthProvider *auth;          /* owned */
  CarportHttp         *http;          /* owned */
  char                *locale;
  char                *country;       /* "FR" */
  char                *kamereon_url;  /* resolved root, no trailing slash */
  char                *kamereon_key;
};

static void carport_kamereon_client_initable_iface_init (GInitableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CarportKamereonClient, carport_kamereon_client, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE,
                                                      carport_kamereon_client_initable_iface_init))

enum {
  PROP_0,
  PROP_AUTH,
  PROP_HTTP,
  PROP_LOCALE,
  PROP_COUNTRY,
  PROP_KAMEREON_URL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ------------------------------------------------------------------------ */
/* Charge sessions */

CarportChargeSession *
carport_charge_session_copy (const CarportChargeSession *session)
{
  CarportChargeSession *copy;

  g_return_val_if_fail (session != NULL, NULL);

  copy = g_new0 (CarportChargeSession, 1);
  *copy = *session;
  if (session->start != NULL)
    copy->start = g_date_time_ref (session->start);
  if (session->end != NULL)
    copy->end = g_date_time_ref (session->end);

  return copy;
}

void
carport_charge_session_free (CarportChargeSession *session)
{
  if (session == NULL)
    return;

  g_clear_pointer (&session->start, g_date_time_unref);
  g_clear_pointer (&session->end, g_date_time_unref);
  g_free (session);
}

G_DEFINE_BOXED_TYPE (CarportChargeSession, carport_charge_session,
                     carport_charge_session_copy, carport_charge_session_free)

/* ------------------------------------------------------------------------ */
/* Helpers */

static char *
escape (const char *segment)
{
  return g_uri_escape_string (segment ? segment : "", NULL, FALSE);
}

/* "commerce/v1/accounts/{account}/kamereon/" + @template with {vin} substituted. */
static char *
account_path (const char *account_id,
              const char *template,
              const char *vin)
{
  g_autofree char *account = escape (account_id);
  g_autofree char *escaped_vin = escape (vin);
  g_autoptr(GString) path = g_string_new (NULL);
  const char *p;

  g_string_append_printf (path, "commerce/v1/accounts/%s/kamereon/", account);

  for (p = template; *p != '\0'; )
    {
      if (g_str_has_prefix (p, "{vin}"))
        {
          g_string_append (path, escaped_vin);
          p += strlen ("{vin}");
        }
      else
        {
          g_string_append_c (path, *p);
          p++;
        }
    }

  return g_string_free (g_steal_pointer (&path), FALSE);
}

static JsonObject *
member_object (JsonObject *object,
               const char *name)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static JsonArray *
member_array (JsonObject *object,
              const char *name)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

/* A number that may come as an integer, a double or a string; NAN if absent. */
static double
member_number (JsonObject *object,
               const char *name)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NAN;

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_INT64:
      return (double) json_node_get_int (node);
    case G_TYPE_DOUBLE:
      return json_node_get_double (node);
    case G_TYPE_STRING:
      {
        const char *s = json_node_get_string (node);
        char *end = NULL;
        double value = g_ascii_strtod (s, &end);

        return end != s ? value : NAN;
      }
    default:
      return NAN;
    }
}

static GDateTime *
member_date_time (JsonObject *object,
                  const char *name)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;
  g_autoptr(GTimeZone) utc = NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  utc = g_time_zone_new_utc ();
  return g_date_time_new_from_iso8601 (json_node_get_string (node), utc);
}

/* ------------------------------------------------------------------------ */
/* One Kamereon request: token → HTTP → parse; one re-mint on UNAUTHORIZED. */

typedef struct {
  char    *method;
  char    *url;
  GBytes  *body;       /* nullable */
  char    *token;      /* the JWT sent; a secret, never logged */
  gboolean retried;
} KamereonRequest;

static void
kamereon_request_free (KamereonRequest *request)
{
  g_free (request->token);
  g_free (request->method);
  g_free (request->url);
  g_clear_pointer (&request->body, g_bytes_unref);
  g_free (request);
}

static void kamereon_request_start (GTask *task);

static void
kamereon_http_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CarportKamereonClient *self = g_task_get_source_object (task);
  KamereonRequest *request = g_task_get_task_data (task);
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

  root = carport_kamereon_parse_response (status, body, &error);
  if (root != NULL)
    {
      g_task_return_pointer (task, root, (GDestroyNotify) json_node_unref);
      return;
    }

  if (g_error_matches (error, CARPORT_API_ERROR, CARPORT_API_ERROR_UNAUTHORIZED) &&
      !request->retried)
    {
      g_autofree char *current = carport_auth_provider_dup_access_token (self->auth);

      g_debug ("Kamereon rejected the token; minting a new one and retrying once");
      request->retried = TRUE;
      /* Concurrent requests rejected together re-mint once: only drop the
       * token if it still is the one this request sent. */
      if (current == NULL || g_strcmp0 (current, request->token) == 0)
        carport_auth_provider_invalidate_token (self->auth);
      kamereon_request_start (g_steal_pointer (&task));
      return;
    }

  g_task_return_error (task, g_steal_pointer (&error));
}

static void
kamereon_token_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CarportKamereonClient *self = g_task_get_source_object (task);
  KamereonRequest *request = g_task_get_task_data (task);
  g_autofree char *token = NULL;
  GError *error = NULL;
  const char *headers[7];

  token = carport_auth_provider_get_token_finish (CARPORT_AUTH_PROVIDER (source), result, &error);
  if (token == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  g_free (request->token);
  request->token = g_strdup (token);

  headers[0] = "apikey";
  headers[1] = self->kamereon_key;
  headers[2] = "x-gigya-id_token";
  headers[3] = token;
  headers[4] = "Content-Type";
  headers[5] = KAMEREON_MIME_TYPE;
  headers[6] = NULL;

  carport_http_request_async (self->http, request->method, request->url,
                              (const char * const *) headers,
                              request->body, KAMEREON_MIME_TYPE,
                              g_task_get_cancellable (task),
                              kamereon_http_cb, g_object_ref (task));
}

static void
kamereon_request_start (GTask *task)
{
  CarportKamereonClient *self = g_task_get_source_object (task);

  carport_auth_provider_get_token_async (self->auth, g_task_get_cancellable (task),
                                         kamereon_token_cb, task);
}

/* @path is relative to the root, escaped, without a query; @query is NULL or
 * escaped "k=v&k=v" pairs, sent before country=XX. */
static void
kamereon_request_async (CarportKamereonClient *self,
                        const char            *method,
                        const char            *path,
                        const char            *query,
                        GBytes                *body,
                        GCancellable          *cancellable,
                        GAsyncReadyCallback    callback,
                        gpointer               user_data)
{
  g_autoptr(GTask) task = NULL;
  KamereonRequest *request;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, kamereon_request_async);

  request = g_new0 (KamereonRequest, 1);
  request->method = g_strdup (method);
  request->url = g_strdup_printf ("%s/%s?%s%scountry=%s",
                                  self->kamereon_url, path,
                                  query ? query : "", query ? "&" : "",
                                  self->country);
  request->body = body ? g_bytes_ref (body) : NULL;
  g_task_set_task_data (task, request, (GDestroyNotify) kamereon_request_free);

  kamereon_request_start (g_steal_pointer (&task));
}

static JsonNode *
kamereon_request_finish (CarportKamereonClient  *self,
                         GAsyncResult           *result,
                         GError                **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ------------------------------------------------------------------------ */
/* Discovery */

typedef struct {
  GPtrArray *accounts;      /* CarportKamereonAccount */
  guint      account_index;
  GPtrArray *vehicles;      /* CarportVehicle */
  guint      vehicle_index;
} ListData;

static void
list_data_free (ListData *data)
{
  g_clear_pointer (&data->accounts, g_ptr_array_unref);
  g_clear_pointer (&data->vehicles, g_ptr_array_unref);
  g_free (data);
}

static void list_next_account (GTask *task);
static void list_next_details (GTask *task);

static gboolean
has_vin (GPtrArray  *vehicles,
         const char *vin)
{
  for (guint i = 0; i < vehicles->len; i++)
    if (g_strcmp0 (carport_vehicle_get_vin (g_ptr_array_index (vehicles, i)), vin) == 0)
      return TRUE;

  return FALSE;
}

static void
list_finish (GTask *task)
{
  ListData *data = g_task_get_task_data (task);

  if (data->vehicles->len == 0)
    {
      g_task_return_new_error (task, CARPORT_API_ERROR, CARPORT_API_ERROR_NO_VEHICLES,
                               _("There is no car in this account"));
      return;
    }

  for (guint i = 0; i < data->vehicles->len; i++)
    {
      CarportVehicle *vehicle = g_ptr_array_index (data->vehicles, i);
      const char *model = carport_vehicle_get_model_code (vehicle);

      g_object_freeze_notify (G_OBJECT (vehicle));
      carport_vehicle_set_supported_endpoints (vehicle, carport_renault_model_supported_endpoints (model));
      carport_vehicle_set_supported_commands (vehicle, carport_renault_model_supported_commands (model));
      g_object_thaw_notify (G_OBJECT (vehicle));
    }

  g_task_return_pointer (task, g_steal_pointer (&data->vehicles), (GDestroyNotify) g_ptr_array_unref);
}

static void
details_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CarportKamereonClient *self = CARPORT_KAMEREON_CLIENT (source);
  ListData *data = g_task_get_task_data (task);
  CarportVehicle *vehicle = g_ptr_array_index (data->vehicles, data->vehicle_index);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;

  root = kamereon_request_finish (self, result, &error);
  if (root == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* Without details the car keeps the default capabilities. */
  if (root == NULL || !carport_kamereon_parse_vehicle_details (vehicle, root, &error))
    g_debug ("No details for a car (%s); using the default capabilities",
             error ? error->message : "?");

  data->vehicle_index++;
  list_next_details (g_steal_pointer (&task));
}

/* Takes ownership of @task. */
static void
list_next_details (GTask *task)
{
  CarportKamereonClient *self = g_task_get_source_object (task);
  ListData *data = g_task_get_task_data (task);

  for (; data->vehicle_index < data->vehicles->len; data->vehicle_index++)
    {
      CarportVehicle *vehicle = g_ptr_array_index (data->vehicles, data->vehicle_index);
      const char *model = carport_vehicle_get_model_code (vehicle);

      if (model == NULL || *model == '\0')
        {
          g_autofree char *account = escape (carport_vehicle_get_account_id (vehicle));
          g_autofree char *vin = escape (carport_vehicle_get_vin (vehicle));
          g_autofree char *path = g_strdup_printf ("commerce/v1/accounts/%s/vehicles/%s/details",
                                                   account, vin);

          kamereon_request_async (self, "GET", path, NULL, NULL,
                                  g_task_get_cancellable (task), details_cb, task);
          return;
        }
    }

  list_finish (task);
  g_object_unref (task);
}

static void
vehicles_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CarportKamereonClient *self = CARPORT_KAMEREON_CLIENT (source);
  ListData *data = g_task_get_task_data (task);
  CarportKamereonAccount *account = g_ptr_array_index (data->accounts, data->account_index);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) vehicles = NULL;
  g_autoptr(GError) error = NULL;

  root = kamereon_request_finish (self, result, &error);
  if (root != NULL)
    vehicles = carport_kamereon_parse_vehicles (root, account->account_id, &error);

  if (vehicles == NULL)
    {
      /* An account without cars (e.g. SFDC) may answer with an error. */
      if (carport_api_error_is_unsupported (error) ||
          g_error_matches (error, CARPORT_API_ERROR, CARPORT_API_ERROR_NO_VEHICLES))
        {
          g_debug ("Account of type %s has no cars: %s",
                   account->account_type ? account->account_type : "?", error->message);
        }
      else
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
    }
  else
    {
      g_debug ("Account of type %s has %u car(s)",
               account->account_type ? account->account_type : "?", vehicles->len);
      for (guint i = 0; i < vehicles->len; i++)
        {
          CarportVehicle *vehicle = g_ptr_array_index (vehicles, i);

          if (has_vin (data->vehicles, carport_vehicle_get_vin (vehicle)))
            continue;
          if (carport_vehicle_get_account_id (vehicle) == NULL)
            carport_vehicle_set_account_id (vehicle, account->account_id);
          g_ptr_array_add (data->vehicles, g_object_ref (vehicle));
        }
    }

  data->account_index++;
  list_next_account (g_steal_pointer (&task));
}

/* Takes ownership of @task. */
static void
list_next_account (GTask *task)
{
  CarportKamereonClient *self = g_task_get_source_object (task);
  ListData *data = g_task_get_task_data (task);
  CarportKamereonAccount *account;
  g_autofree char *escaped = NULL;
  g_autofree char *path = NULL;

  if (data->account_index >= data->accounts->len)
    {
      data->vehicle_index = 0;
      list_next_details (task);
      return;
    }

  account = g_ptr_array_index (data->accounts, data->account_index);
  escaped = escape (account->account_id);
  path = g_strdup_printf ("commerce/v1/accounts/%s/vehicles", escaped);

  kamereon_request_async (self, "GET", path, NULL, NULL,
                          g_task_get_cancellable (task), vehicles_cb, task);
}

static void
person_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CarportKamereonClient *self = CARPORT_KAMEREON_CLIENT (source);
  ListData *data = g_task_get_task_data (task);
  g_autoptr(JsonNode) root = NULL;
  GError *error = NULL;

  root = kamereon_request_finish (self, result, &error);
  if (root == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  data->accounts = carport_kamereon_parse_accounts (root, &error);
  if (data->accounts == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  data->account_index = 0;
  list_next_account (g_steal_pointer (&task));
}

static void
list_person_id_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CarportKamereonClient *self = g_task_get_source_object (task);
  g_autofree char *person_id = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *path = NULL;
  GError *error = NULL;

  person_id = carport_auth_provider_get_person_id_finish (CARPORT_AUTH_PROVIDER (source), result, &error);
  if (person_id == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  escaped = escape (person_id);
  path = g_strdup_printf ("commerce/v1/persons/%s", escaped);
  kamereon_request_async (self, "GET", path, NULL, NULL,
                          g_task_get_cancellable (task), person_cb, g_object_ref (task));
}

void
carport_kamereon_client_list_vehicles_async (CarportKamereonClient *self,
                                             GCancellable          *cancellable,
                                             GAsyncReadyCallback    callback,
                                             gpointer               user_data)
{
  g_autoptr(GTask) task = NULL;
  ListData *data;

  g_return_if_fail (CARPORT_IS_KAMEREON_CLIENT (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, carport_kamereon_client_list_vehicles_async);

  data = g_new0 (ListData, 1);
  data->vehicles = g_ptr_array_new_with_free_func (g_object_unref);
  g_task_set_task_data (task, data, (GDestroyNotify) list_data_free);

  carport_auth_provider_get_person_id_async (self->auth, cancellable,
                                             list_person_id_cb, g_steal_pointer (&task));
}

GPtrArray *
carport_kamereon_client_list_vehicles_finish (CarportKamereonClient  *self,
                                              GAsyncResult           *result,
                                              GError                **error)
{
  g_return_val_if_fail (CARPORT_IS_KAMEREON_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == carport_kamereon_client_list_vehicles_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ------------------------------------------------------------------------ */
/* Refresh */

typedef struct {
  CarportVehicle *vehicle;     /* owned */
  guint           pending;
  guint           n_requested;
  guint           n_ok;
  guint           n_unsupported;
  guint           n_failed;
  GError         *error;       /* the most meaningful failure */
  gboolean        cancelled;
} RefreshData;

typedef struct {
  GTask           *task;       /* owned */
  CarportEndpoint  endpoint;
} EndpointCall;

static void
refresh_data_free (RefreshData *data)
{
  g_clear_object (&data->vehicle);
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
  CarportKamereonClient *self = CARPORT_KAMEREON_CLIENT (source);
  RefreshData *data = g_task_get_task_data (task);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  const char *nick = carport_enum_to_nick (CARPORT_TYPE_ENDPOINT, endpoint);

  g_free (call);

  root = kamereon_request_finish (self, result, &error);
  if (root != NULL)
    carport_kamereon_parse_endpoint (data->vehicle, endpoint, root, &error);

  if (error == NULL)
    {
      data->n_ok++;
      carport_vehicle_set_endpoint_error (data->vehicle, endpoint, NULL);
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      data->cancelled = TRUE;
    }
  else if (carport_api_error_is_unsupported (error))
    {
      g_debug ("%s is not offered for this car: %s", nick, error->message);
      data->n_unsupported++;
      carport_vehicle_set_endpoint_error (data->vehicle, endpoint, NULL);
      carport_vehicle_mark_unsupported (data->vehicle, endpoint);
    }
  else
    {
      g_debug ("%s failed: %s", nick, error->message);
      data->n_failed++;
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
carport_kamereon_client_refresh_async (CarportKamereonClient *self,
                                       CarportVehicle        *vehicle,
                                       guint                  endpoint_mask,
                                       GCancellable          *cancellable,
                                       GAsyncReadyCallback    callback,
                                       gpointer               user_data)
{
  g_autoptr(GTask) task = NULL;
  RefreshData *data;
  const char *model;
  const char *account_id;
  const char *vin;
  guint mask;

  g_return_if_fail (CARPORT_IS_KAMEREON_CLIENT (self));
  g_return_if_fail (CARPORT_IS_VEHICLE (vehicle));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, carport_kamereon_client_refresh_async);

  data = g_new0 (RefreshData, 1);
  data->vehicle = g_object_ref (vehicle);
  g_task_set_task_data (task, data, (GDestroyNotify) refresh_data_free);

  model = carport_vehicle_get_model_code (vehicle);
  account_id = carport_vehicle_get_account_id (vehicle);
  vin = carport_vehicle_get_vin (vehicle);

  if (account_id == NULL || *account_id == '\0')
    {
      g_task_return_new_error (task, CARPORT_API_ERROR, CARPORT_API_ERROR_INVALID_INPUT,
                               _("The car is not linked to an account"));
      return;
    }

  mask = endpoint_mask & carport_vehicle_get_supported_endpoints (vehicle);

  /* Count first so that no answer can complete the task early. */
  for (guint e = 0; e < CARPORT_N_ENDPOINTS; e++)
    if ((mask & (1u << e)) && carport_renault_model_get_endpoint (model, e) != NULL)
      data->n_requested++;

  if (data->n_requested == 0)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  data->pending = data->n_requested;
  carport_vehicle_set_refreshing (vehicle, TRUE);

  for (guint e = 0; e < CARPORT_N_ENDPOINTS; e++)
    {
      const CarportEndpointDef *def;
      g_autofree char *path = NULL;
      EndpointCall *call;

      if (!(mask & (1u << e)))
        continue;
      def = carport_renault_model_get_endpoint (model, e);
      if (def == NULL)
        continue;

      path = account_path (account_id, def->path, vin);
      call = g_new0 (EndpointCall, 1);
      call->task = g_object_ref (task);
      call->endpoint = e;

      kamereon_request_async (self, "GET", path, NULL, NULL, cancellable, endpoint_cb, call);
    }
}

gboolean
carport_kamereon_client_refresh_finish (CarportKamereonClient  *self,
                                        GAsyncResult           *result,
                                        GError                **error)
{
  g_return_val_if_fail (CARPORT_IS_KAMEREON_CLIENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == carport_kamereon_client_refresh_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ------------------------------------------------------------------------ */
/* Commands */

typedef struct {
  CarportVehicle *vehicle;   /* owned */
  CarportCommand *command;   /* owned */
  char           *path;
} CommandData;

static void
command_data_free (CommandData *data)
{
  g_clear_object (&data->vehicle);
  g_clear_object (&data->command);
  g_free (data->path);
  g_free (data);
}

/* Takes ownership of @task and @error. */
static void
command_fail (GTask  *owned_task,
              GError *error)
{
  g_autoptr(GTask) task = owned_task;
  CommandData *data = g_task_get_task_data (task);

  g_object_freeze_notify (G_OBJECT (data->command));
  carport_command_set_message (data->command, error->message);
  carport_command_set_state (data->command, CARPORT_COMMAND_STATE_FAILED);
  g_object_thaw_notify (G_OBJECT (data->command));

  g_task_return_error (task, error);
}

static void
command_post_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CarportKamereonClient *self = CARPORT_KAMEREON_CLIENT (source);
  CommandData *data = g_task_get_task_data (task);
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *id = NULL;
  GError *error = NULL;

  root = kamereon_request_finish (self, result, &error);
  if (root == NULL)
    {
      command_fail (g_steal_pointer (&task), error);
      return;
    }

  id = carport_kamereon_parse_action_id (root);

  g_object_freeze_notify (G_OBJECT (data->command));
  carport_command_set_message (data->command, NULL);
  if (id != NULL)
    {
      carport_command_set_server_id (data->command, id);
      carport_command_set_state (data->command, CARPORT_COMMAND_STATE_PENDING);
    }
  else
    {
      /* Plain KCM writes (ev/settings) answer with the new state and no id:
       * there is nothing to track. */
      carport_command_set_state (data->command, CARPORT_COMMAND_STATE_COMPLETED);
    }
  g_object_thaw_notify (G_OBJECT (data->command));

  g_debug ("Command %s accepted%s",
           carport_enum_to_nick (CARPORT_TYPE_COMMAND_KIND, carport_command_get_kind (data->command)),
           id ? ", pending" : "");
  g_task_return_boolean (task, TRUE);
}

/* Takes ownership of @task. */
static void
command_post (GTask    *task,
              JsonNode *current)
{
  CarportKamereonClient *self = g_task_get_source_object (task);
  CommandData *data = g_task_get_task_data (task);
  g_autoptr(GBytes) body = NULL;
  char *text;
  GError *error = NULL;

  text = carport_renault_build_action_body (carport_vehicle_get_model_code (data->vehicle),
                                            data->command, current, &error);
  if (text == NULL)
    {
      if (error == NULL)
        error = g_error_new (CARPORT_API_ERROR, CARPORT_API_ERROR_INVALID_INPUT,
                             _("This command cannot be built"));
      command_fail (task, error);
      return;
    }

  body = g_bytes_new_take (text, strlen (text));
  kamereon_request_async (self, "POST", data->path, NULL, body,
                          g_task_get_cancellable (task), command_post_cb, task);
}

static void
command_settings_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CarportKamereonClient *self = CARPORT_KAMEREON_CLIENT (source);
  g_autoptr(JsonNode) root = NULL;
  GError *error = NULL;

  root = kamereon_request_finish (self, result, &error);
  if (root == NULL)
    {
      command_fail (g_steal_pointer (&task), error);
      return;
    }

  command_post (g_steal_pointer (&task), root);
}

void
carport_kamereon_client_send_command_async (CarportKamereonClient *self,
                                            CarportVehicle        *vehicle,
                                            CarportCommand        *command,
                                            GCancellable          *cancellable,
                                            GAsyncReadyCallback    callback,
                                            gpointer               user_data)
{
  g_autoptr(GTask) task = NULL;
  const CarportEndpointDef *def;
  CarportCommandKind kind;
  const char *account_id;
  CommandData *data;

  g_return_if_fail (CARPORT_IS_KAMEREON_CLIENT (self));
  g_return_if_fail (CARPORT_IS_VEHICLE (vehicle));
  g_return_if_fail (CARPORT_IS_COMMAND (command));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, carport_kamereon_client_send_command_async);

  data = g_new0 (CommandData, 1);
  data->vehicle = g_object_ref (vehicle);
  data->command = g_object_ref (command);
  g_task_set_task_data (task, data, (GDestroyNotify) command_data_free);

  kind = carport_command_get_kind (command);
  def = carport_renault_model_get_action (carport_vehicle_get_model_code (vehicle), kind);
  account_id = carport_vehicle_get_account_id (vehicle);

  if (def == NULL || !carport_vehicle_supports_command (vehicle, kind))
    {
      command_fail (g_steal_pointer (&task),
                    g_error_new (CARPORT_API_ERROR, CARPORT_API_ERROR_NOT_SUPPORTED,
                                 _("This car does not offer “%s”"),
                                 carport_command_kind_get_title (kind)));
      return;
    }

  if (account_id == NULL || *account_id == '\0')
    {
      command_fail (g_steal_pointer (&task),
                    g_error_new (CARPORT_API_ERROR, CARPORT_API_ERROR_INVALID_INPUT,
                                 _("The car is not linked to an account")));
      return;
    }

  data->path = account_path (account_id, def->path, carport_vehicle_get_vin (vehicle));

  g_object_freeze_notify (G_OBJECT (command));
  carport_command_set_message (command, NULL);
  carport_command_set_state (command, CARPORT_COMMAND_STATE_SENDING);
  g_object_thaw_notify (G_OBJECT (command));

  if (def->mode == CARPORT_ACTION_MODE_KCM_SETTINGS)
    {
      /* Read-modify-write: the whole ev/settings object goes back. */
      kamereon_request_async (self, "GET", data->path, NULL, NULL,
                              cancellable, command_settings_cb, g_steal_pointer (&task));
      return;
    }

  command_post (g_steal_pointer (&task), NULL);
}

gboolean
carport_kamereon_client_send_command_finish (CarportKamereonClient  *self,
                                             GAsyncResult           *result,
                                             GError                **error)
{
  g_return_val_if_fail (CARPORT_IS_KAMEREON_CLIENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == carport_kamereon_client_send_command_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
poll_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CarportKamereonClient *self = CARPORT_KAMEREON_CLIENT (source);
  CarportCommand *command = g_task_get_task_data (task);
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *message = NULL;
  CarportCommandState state;
  GError *error = NULL;

  root = kamereon_request_finish (self, result, &error);
  if (root == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  state = carport_kamereon_parse_notification (root, carport_command_get_server_id (command), &message);

  if (state == CARPORT_COMMAND_STATE_COMPLETED || state == CARPORT_COMMAND_STATE_FAILED)
    {
      g_object_freeze_notify (G_OBJECT (command));
      carport_command_set_message (command, state == CARPORT_COMMAND_STATE_FAILED ? message : NULL);
      carport_command_set_state (command, state);
      g_object_thaw_notify (G_OBJECT (command));
    }

  g_task_return_int (task, state);
}

static void
poll_person_id_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CarportKamereonClient *self = g_task_get_source_object (task);
  CarportCommand *command = g_task_get_task_data (task);
  g_autofree char *person_id = NULL;
  g_autofree char *escaped_person = NULL;
  g_autofree char *escaped_id = NULL;
  g_autofree char *path = NULL;
  g_autofree char *query = NULL;
  GError *error = NULL;

  person_id = carport_auth_provider_get_person_id_finish (CARPORT_AUTH_PROVIDER (source), result, &error);
  if (person_id == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  escaped_person = escape (person_id);
  escaped_id = escape (carport_command_get_server_id (command));
  path = g_strdup_printf ("commerce/v1/persons/%s/notifications/kmr", escaped_person);
  query = g_strdup_printf ("notificationId=%s", escaped_id);

  kamereon_request_async (self, "GET", path, query, NULL,
                          g_task_get_cancellable (task), poll_cb, g_object_ref (task));
}

void
carport_kamereon_client_poll_command_async (CarportKamereonClient *self,
                                            CarportCommand        *command,
                                            GCancellable          *cancellable,
                                            GAsyncReadyCallback    callback,
                                            gpointer               user_data)
{
  g_autoptr(GTask) task = NULL;
  const char *server_id;

  g_return_if_fail (CARPORT_IS_KAMEREON_CLIENT (self));
  g_return_if_fail (CARPORT_IS_COMMAND (command));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, carport_kamereon_client_poll_command_async);
  g_task_set_task_data (task, g_object_ref (command), g_object_unref);

  server_id = carport_command_get_server_id (command);
  if (server_id == NULL || *server_id == '\0')
    {
      g_task_return_new_error (task, CARPORT_API_ERROR, CARPORT_API_ERROR_INVALID_INPUT,
                               _("The command has no id to follow"));
      return;
    }

  carport_auth_provider_get_person_id_async (self->auth, cancellable,
                                             poll_person_id_cb, g_steal_pointer (&task));
}

gboolean
carport_kamereon_client_poll_command_finish (CarportKamereonClient  *self,
                                             GAsyncResult           *result,
                                             CarportCommandState    *out_state,
                                             GError                **error)
{
  g_autoptr(GError) local_error = NULL;
  gssize state;

  g_return_val_if_fail (CARPORT_IS_KAMEREON_CLIENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == carport_kamereon_client_poll_command_async, FALSE);

  state = g_task_propagate_int (G_TASK (result), &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (out_state != NULL)
    *out_state = (CarportCommandState) state;

  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* Charge history */

/* chargeDuration is minutes on some cars and seconds on others (§c.3):
 * take whichever reading agrees with end − start. */
static int
charge_duration_minutes (double      raw,
                         GDateTime  *start,
                         GDateTime  *end,
                         gboolean    minutes_model)
{
  double span = -1;

  if (start != NULL && end != NULL)
    span = (double) g_date_time_difference (end, start) / G_TIME_SPAN_MINUTE;

  if (isnan (raw) || raw < 0)
    return span >= 0 ? (int) lround (span) : -1;

  if (span < 0)
    return minutes_model ? (int) lround (raw) : (int) lround (raw / 60.0);

  if (fabs (raw - span) <= fabs (raw / 60.0 - span))
    return (int) lround (raw);

  return (int) lround (raw / 60.0);
}

static int
compare_sessions (gconstpointer a,
                  gconstpointer b)
{
  const CarportChargeSession *sa = *(CarportChargeSession * const *) a;
  const CarportChargeSession *sb = *(CarportChargeSession * const *) b;

  if (sa->start == NULL || sb->start == NULL)
    return (sa->start == NULL) - (sb->start == NULL);

  return g_date_time_compare (sa->start, sb->start);
}

static void
charges_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CarportKamereonClient *self = CARPORT_KAMEREON_CLIENT (source);
  CarportVehicle *vehicle = g_task_get_task_data (task);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) sessions = NULL;
  gboolean minutes_model;
  JsonObject *attributes;
  JsonArray *charges;
  GError *error = NULL;

  root = kamereon_request_finish (self, result, &error);
  if (root == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  attributes = JSON_NODE_HOLDS_OBJECT (root)
    ? member_object (member_object (json_node_get_object (root), "data"), "attributes")
    : NULL;
  if (attributes == NULL)
    {
      g_task_return_new_error (task, CARPORT_API_ERROR, CARPORT_API_ERROR_INVALID_RESPONSE,
                               _("The charge history has an unexpected shape"));
      return;
    }

  minutes_model = g_strcmp0 (carport_vehicle_get_model_code (vehicle), "X101VE") == 0;
  sessions = g_ptr_array_new_with_free_func ((GDestroyNotify) carport_charge_session_free);
  charges = member_array (attributes, "charges");

  for (guint i = 0; charges != NULL && i < json_array_get_length (charges); i++)
    {
      JsonNode *node = json_array_get_element (charges, i);
      JsonObject *charge;
      CarportChargeSession *session;
      double value;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      charge = json_node_get_object (node);

      session = g_new0 (CarportChargeSession, 1);
      session->start = member_date_time (charge, "chargeStartDate");
      session->end = member_date_time (charge, "chargeEndDate");
      session->duration_minutes = charge_duration_minutes (member_number (charge, "chargeDuration"),
                                                           session->start, session->end,
                                                           minutes_model);
      value = member_number (charge, "chargeStartBatteryLevel");
      session->start_level_percent = isnan (value) ? -1 : (int) lround (value);
      value = member_number (charge, "chargeEndBatteryLevel");
      session->end_level_percent = isnan (value) ? -1 : (int) lround (value);
      session->energy_kwh = member_number (charge, "chargeEnergyRecovered");

      g_ptr_array_add (sessions, session);
    }

  g_ptr_array_sort (sessions, compare_sessions);
  g_task_return_pointer (task, g_steal_pointer (&sessions), (GDestroyNotify) g_ptr_array_unref);
}

void
carport_kamereon_client_get_charges_async (CarportKamereonClient *self,
                                           CarportVehicle        *vehicle,
                                           GDateTime             *start,
                                           GDateTime             *end,
                                           GCancellable          *cancellable,
                                           GAsyncReadyCallback    callback,
                                           gpointer               user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *path = NULL;
  g_autofree char *start_day = NULL;
  g_autofree char *end_day = NULL;
  g_autofree char *query = NULL;
  const char *account_id;

  g_return_if_fail (CARPORT_IS_KAMEREON_CLIENT (self));
  g_return_if_fail (CARPORT_IS_VEHICLE (vehicle));
  g_return_if_fail (start != NULL);
  g_return_if_fail (end != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, carport_kamereon_client_get_charges_async);
  g_task_set_task_data (task, g_object_ref (vehicle), g_object_unref);

  account_id = carport_vehicle_get_account_id (vehicle);
  if (account_id == NULL || *account_id == '\0')
    {
      g_task_return_new_error (task, CARPORT_API_ERROR, CARPORT_API_ERROR_INVALID_INPUT,
                               _("The car is not linked to an account"));
      return;
    }

  /* History endpoints bypass the model table (§c.5). */
  path = account_path (account_id, "kca/car-adapter/v1/cars/{vin}/charges",
                       carport_vehicle_get_vin (vehicle));
  start_day = g_date_time_format (start, "%Y%m%d");
  end_day = g_date_time_format (end, "%Y%m%d");
  query = g_strdup_printf ("start=%s&end=%s", start_day, end_day);

  kamereon_request_async (self, "GET", path, query, NULL, cancellable,
                          charges_cb, g_steal_pointer (&task));
}

GPtrArray *
carport_kamereon_client_get_charges_finish (CarportKamereonClient  *self,
                                            GAsyncResult           *result,
                                            GError                **error)
{
  g_return_val_if_fail (CARPORT_IS_KAMEREON_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == carport_kamereon_client_get_charges_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ------------------------------------------------------------------------ */
/* GObject / GInitable */

static gboolean
carport_kamereon_client_initable_init (GInitable     *initable,
                                       GCancellable  *cancellable,
                                       GError       **error)
{
  CarportKamereonClient *self = CARPORT_KAMEREON_CLIENT (initable);
  const CarportRenaultLocale *entry;

  if (self->auth == NULL || self->http == NULL)
    {
      g_set_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_INVALID_INPUT,
                   _("No login or HTTP session given"));
      return FALSE;
    }

  entry = carport_renault_locale_resolve (self->locale, CARPORT_RENAULT_SERVICE_KAMEREON,
                                          &self->kamereon_url, error);
  if (entry == NULL)
    return FALSE;

  g_free (self->kamereon_key);
  self->kamereon_key = g_strdup (entry->kamereon_key);
  g_free (self->country);
  self->country = carport_renault_locale_country (self->locale);

  return TRUE;
}

static void
carport_kamereon_client_initable_iface_init (GInitableIface *iface)
{
  iface->init = carport_kamereon_client_initable_init;
}

static void
carport_kamereon_client_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  CarportKamereonClient *self = CARPORT_KAMEREON_CLIENT (object);

  switch (prop_id)
    {
    case PROP_AUTH:
      g_value_set_object (value, self->auth);
      break;
    case PROP_HTTP:
      g_value_set_object (value, self->http);
      break;
    case PROP_LOCALE:
      g_value_set_string (value, self->locale);
      break;
    case PROP_COUNTRY:
      g_value_set_string (value, self->country);
      break;
    case PROP_KAMEREON_URL:
      g_value_set_string (value, self->kamereon_url);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carport_kamereon_client_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  CarportKamereonClient *self = CARPORT_KAMEREON_CLIENT (object);

  switch (prop_id)
    {
    case PROP_AUTH:
      self->auth = g_value_dup_object (value);
      break;
    case PROP_HTTP:
      self->http = g_value_dup_object (value);
      break;
    case PROP_LOCALE:
      self->locale = g_value_dup_string (value);
      break;
    case PROP_KAMEREON_URL:
      self->kamereon_url = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carport_kamereon_client_dispose (GObject *object)
{
  CarportKamereonClient *self = CARPORT_KAMEREON_CLIENT (object);

  g_clear_object (&self->auth);
  g_clear_object (&self->http);

  G_OBJECT_CLASS (carport_kamereon_client_parent_class)->dispose (object);
}

static void
carport_kamereon_client_finalize (GObject *object)
{
  CarportKamereonClient *self = CARPORT_KAMEREON_CLIENT (object);

  g_free (self->locale);
  g_free (self->country);
  g_free (self->kamereon_url);
  g_free (self->kamereon_key);

  G_OBJECT_CLASS (carport_kamereon_client_parent_class)->finalize (object);
}

static void
carport_kamereon_client_class_init (CarportKamereonClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = carport_kamereon_client_get_property;
  object_class->set_property = carport_kamereon_client_set_property;
  object_class->dispose = carport_kamereon_client_dispose;
  object_class->finalize = carport_kamereon_client_finalize;

  properties[PROP_AUTH] =
    g_param_spec_object ("auth", NULL, NULL,
                         CARPORT_TYPE_AUTH_PROVIDER,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HTTP] =
    g_param_spec_object ("http", NULL, NULL,
                         CARPORT_TYPE_HTTP,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOCALE] =
    g_param_spec_string ("locale", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COUNTRY] =
    g_param_spec_string ("country", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_KAMEREON_URL] =
    g_param_spec_string ("kamereon-url", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
carport_kamereon_client_init (CarportKamereonClient *self)
{
}

CarportKamereonClient *
carport_kamereon_client_new (CarportAuthProvider  *auth,
                             CarportHttp          *http,
                             const char           *locale,
                             GError              **error)
{
  g_return_val_if_fail (CARPORT_IS_AUTH_PROVIDER (auth), NULL);
  g_return_val_if_fail (CARPORT_IS_HTTP (http), NULL);
  g_return_val_if_fail (locale != NULL, NULL);

  return g_initable_new (CARPORT_TYPE_KAMEREON_CLIENT, NULL, error,
                         "auth", auth,
                         "http", http,
                         "locale", locale,
                         NULL);
}

CarportKamereonClient *
carport_kamereon_client_new_for_url (CarportAuthProvider  *auth,
                                     CarportHttp          *http,
                                     const char           *locale,
                                     const char           *kamereon_url,
                                     GError              **error)
{
  g_return_val_if_fail (CARPORT_IS_AUTH_PROVIDER (auth), NULL);
  g_return_val_if_fail (CARPORT_IS_HTTP (http), NULL);
  g_return_val_if_fail (locale != NULL, NULL);

  return g_initable_new (CARPORT_TYPE_KAMEREON_CLIENT, NULL, error,
                         "auth", auth,
                         "http", http,
                         "locale", locale,
                         "kamereon-url", kamereon_url,
                         NULL);
}

CarportAuthProvider *
carport_kamereon_client_get_auth (CarportKamereonClient *self)
{
  g_return_val_if_fail (CARPORT_IS_KAMEREON_CLIENT (self), NULL);

  return self->auth;
}

CarportHttp *
carport_kamereon_client_get_http (CarportKamereonClient *self)
{
  g_return_val_if_fail (CARPORT_IS_KAMEREON_CLIENT (self), NULL);

  return self->http;
}

const char *
carport_kamereon_client_get_locale (CarportKamereonClient *self)
{
  g_return_val_if_fail (CARPORT_IS_KAMEREON_CLIENT (self), NULL);

  return self->locale;
}

const char *
carport_kamereon_client_get_country (CarportKamereonClient *self)
{
  g_return_val_if_fail (CARPORT_IS_KAMEREON_CLIENT (self), NULL);

  return self->country;
}

const char *
carport_kamereon_client_get_kamereon_url (CarportKamereonClient *self)
{
  g_return_val_if_fail (CARPORT_IS_KAMEREON_CLIENT (self), NULL);

  return self->kamereon_url;
}
