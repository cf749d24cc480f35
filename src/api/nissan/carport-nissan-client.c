/* carport-nissan-client.c — Nissan's Kamereon client.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "carport-api"

#include <glib/gi18n.h>

#include <string.h>

#include "carport-nissan-client-private.h"
#include "carport-nissan-json.h"
#include "carport-nissan-trips.h"
#include "carport-json.h"

#define KAMEREON_MIME_TYPE  "application/vnd.api+json"
#define SENT_AT_KEY         "carport-nissan-sent-at"
#define VEHICLE_KEY         "carport-nissan-vehicle"

struct _CarportNissanClient
{
  CarportVehicleClient  parent_instance;

  GHashTable           *cars;    /* VIN → CarportNissanCarInfo, owned */
  char                 *bearer;  /* "Bearer <token>": a secret */
};

G_DEFINE_FINAL_TYPE (CarportNissanClient, carport_nissan_client, CARPORT_TYPE_VEHICLE_CLIENT)

#define root _carport_nissan_client_root

const char *
_carport_nissan_client_root (CarportNissanClient  *self,
                             CarportNissanService  service)
{
  CarportAuthProvider *auth = carport_vehicle_client_get_auth (CARPORT_VEHICLE_CLIENT (self));

  return carport_nissan_auth_get_root (CARPORT_NISSAN_AUTH (auth), service);
}

static char *
car_url (CarportNissanClient  *self,
         CarportNissanService  service,
         const char           *version,
         CarportVehicle       *vehicle,
         const char           *rest)
{
  g_autofree char *vin = g_uri_escape_string (carport_vehicle_get_vin (vehicle), NULL, FALSE);

  return g_strdup_printf ("%s/%s/cars/%s/%s", root (self, service), version, vin, rest);
}

static char *
nissan_dup_url_for_path (CarportVehicleClient *client,
                         const char           *path)
{
  return g_strdup_printf ("%s/%s", root (CARPORT_NISSAN_CLIENT (client), CARPORT_NISSAN_SERVICE_CAR_ADAPTER), path);
}

/* What @vehicle needs: its own info, else the one listed for its VIN, else
 * one guessed from its model name (kept on the vehicle from then on). */
static CarportNissanCarInfo *
car_info (CarportNissanClient *self,
          CarportVehicle      *vehicle)
{
  CarportNissanCarInfo *info = carport_nissan_car_info_get (vehicle);
  CarportNissanCarInfo *listed;

  if (info != NULL)
    return info;

  listed = g_hash_table_lookup (self->cars, carport_vehicle_get_vin (vehicle));
  info = listed != NULL ? carport_nissan_car_info_copy (listed)
                        : carport_nissan_car_info_new_for_vehicle (vehicle);
  carport_nissan_car_info_set (vehicle, info);

  return info;
}

/* Keeps what was learnt about @vehicle for the vehicles restored later. */
static void
remember (CarportNissanClient *self,
          CarportVehicle      *vehicle)
{
  g_hash_table_replace (self->cars, g_strdup (carport_vehicle_get_vin (vehicle)),
                        carport_nissan_car_info_copy (car_info (self, vehicle)));
}

/* ------------------------------------------------------------------------ */
/* One Kamereon request */

static void
nissan_add_auth_headers (CarportVehicleClient *client,
                         const char           *token,
                         GPtrArray            *headers)
{
  CarportNissanClient *self = CARPORT_NISSAN_CLIENT (client);

  /* The headers are copied before the request goes: one string will do. */
  if (self->bearer == NULL || strcmp (self->bearer + strlen ("Bearer "), token) != 0)
    {
      if (self->bearer != NULL)
        explicit_bzero (self->bearer, strlen (self->bearer));
      g_free (self->bearer);
      self->bearer = g_strconcat ("Bearer ", token, NULL);
    }

  g_ptr_array_add (headers, (gpointer) "Authorization");
  g_ptr_array_add (headers, self->bearer);
  g_ptr_array_add (headers, (gpointer) "Accept");
  g_ptr_array_add (headers, (gpointer) "*/*");
}

static JsonNode *
nissan_parse_response (CarportVehicleClient  *client,
                       guint                  http_status,
                       GBytes                *body,
                       GError               **error)
{
  return carport_nissan_parse_response (http_status, body, error);
}

#define nissan_request_async _carport_nissan_client_request_async
#define nissan_request_finish _carport_nissan_client_request_finish

void
_carport_nissan_client_request_async (CarportNissanClient *self,
                                      const char          *method,
                                      const char          *url,
                                      GBytes              *body,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  /* GETs name the JSON:API type too, without a body (api-nissan.md §3.1). */
  static const char * const get_headers[] = { "Content-Type", KAMEREON_MIME_TYPE, NULL };

  carport_vehicle_client_request_async (CARPORT_VEHICLE_CLIENT (self), method, url,
                                        body == NULL ? get_headers : NULL,
                                        body, body != NULL ? KAMEREON_MIME_TYPE : NULL,
                                        cancellable, callback, user_data);
}

JsonNode *
_carport_nissan_client_request_finish (CarportNissanClient  *self,
                                       GAsyncResult         *result,
                                       GError              **error)
{
  return carport_vehicle_client_request_finish (CARPORT_VEHICLE_CLIENT (self), result, error);
}

/* ------------------------------------------------------------------------ */
/* Discovery (api-nissan.md §2) */

static void
cars_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CarportNissanClient *self = CARPORT_NISSAN_CLIENT (source);
  const char *user_id = g_task_get_task_data (task);
  g_autoptr(JsonNode) root = NULL;
  GPtrArray *vehicles = NULL;
  GError *error = NULL;

  root = nissan_request_finish (self, result, &error);
  if (root != NULL)
    vehicles = carport_nissan_parse_cars (root, user_id, &error);
  if (vehicles == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  for (guint i = 0; i < vehicles->len; i++)
    remember (self, g_ptr_array_index (vehicles, i));

  g_debug ("The MyNISSAN account has %u car(s)", vehicles->len);
  g_task_return_pointer (task, vehicles, (GDestroyNotify) g_ptr_array_unref);
}

static void
list_person_id_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CarportNissanClient *self = g_task_get_source_object (task);
  g_autofree char *user_id = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *url = NULL;
  GError *error = NULL;

  user_id = carport_auth_provider_get_person_id_finish (CARPORT_AUTH_PROVIDER (source), result, &error);
  if (user_id == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  escaped = g_uri_escape_string (user_id, NULL, FALSE);
  url = g_strdup_printf ("%s/v5/users/%s/cars", root (self, CARPORT_NISSAN_SERVICE_BFF), escaped);
  g_task_set_task_data (task, g_steal_pointer (&user_id), g_free);
  nissan_request_async (self, "GET", url, NULL, g_task_get_cancellable (task), cars_cb, g_object_ref (task));
}

static void
nissan_list_vehicles_async (CarportVehicleClient *client,
                            GCancellable         *cancellable,
                            GAsyncReadyCallback   callback,
                            gpointer              user_data)
{
  g_autoptr(GTask) task = g_task_new (client, cancellable, callback, user_data);

  g_task_set_source_tag (task, nissan_list_vehicles_async);
  carport_auth_provider_get_person_id_async (carport_vehicle_client_get_auth (client), cancellable,
                                             list_person_id_cb, g_steal_pointer (&task));
}

static GPtrArray *
nissan_list_vehicles_finish (CarportVehicleClient  *client,
                             GAsyncResult          *result,
                             GError               **error)
{
  g_return_val_if_fail (g_task_is_valid (result, client), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ------------------------------------------------------------------------ */
/* Reads (api-nissan.md §3.2) */

static gboolean
nissan_can_read (CarportVehicleClient *client,
                 CarportVehicle       *vehicle,
                 CarportEndpoint       endpoint)
{
  switch (endpoint)
    {
    case CARPORT_ENDPOINT_BATTERY_STATUS:
    case CARPORT_ENDPOINT_COCKPIT:
    case CARPORT_ENDPOINT_LOCATION:
    case CARPORT_ENDPOINT_HVAC_STATUS:
    case CARPORT_ENDPOINT_LOCK_STATUS:
      return TRUE;
    case CARPORT_ENDPOINT_TRIP_HISTORY:
      /* Service 235: the car list sets it in the supported endpoints. */
      return carport_vehicle_supports_endpoint (vehicle, endpoint);
    case CARPORT_ENDPOINT_HVAC_SETTINGS:
    case CARPORT_ENDPOINT_CHARGE_MODE:
    case CARPORT_ENDPOINT_CHARGING_SETTINGS:
    case CARPORT_ENDPOINT_CHARGE_SCHEDULE:
    case CARPORT_ENDPOINT_EV_SETTINGS:
    case CARPORT_ENDPOINT_SOC_LEVELS:
    case CARPORT_ENDPOINT_RES_STATE:
    case CARPORT_ENDPOINT_PRESSURE:
    case CARPORT_N_ENDPOINTS:
    default:
      return FALSE;
    }
}

typedef struct {
  CarportVehicle          *vehicle;      /* owned */
  CarportEndpoint          endpoint;
  CarportNissanBatteryApi  battery_api;  /* of the request in flight */
  gboolean                 cockpit_v2;

  /* trip-history: the month's and today's answers, asked together */
  GDateTime               *today;        /* owned, local */
  JsonNode                *trips_roots[CARPORT_N_TRIPS_PERIODS];  /* owned, nullable */
  GError                  *trips_error;  /* owned: the monthly read's, or a cancellation */
  guint                    trips_pending;
} ReadData;

static void
read_data_free (ReadData *data)
{
  g_clear_object (&data->vehicle);
  g_clear_pointer (&data->today, g_date_time_unref);
  for (guint i = 0; i < CARPORT_N_TRIPS_PERIODS; i++)
    g_clear_pointer (&data->trips_roots[i], json_node_unref);
  g_clear_error (&data->trips_error);
  g_free (data);
}

static void read_start (GTask *task);

/* The month so far and today are two reads of trip-history (api-nissan.md §3.2), asked
 * at once. The monthly one decides: its failure is the endpoint's; a
 * failed daily one only leaves today unknown. */
typedef struct {
  GTask              *task;    /* owned */
  CarportTripsPeriod  period;
} TripsCall;

static void
trips_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  TripsCall *call = user_data;
  g_autoptr(GTask) task = call->task;
  CarportTripsPeriod period = call->period;
  CarportNissanClient *self = CARPORT_NISSAN_CLIENT (source);
  ReadData *data = g_task_get_task_data (task);
  GError *error = NULL;

  g_free (call);

  data->trips_roots[period] = nissan_request_finish (self, result, &error);
  if (error != NULL)
    {
      if (period == CARPORT_TRIPS_PERIOD_MONTH || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_clear_error (&data->trips_error);
          data->trips_error = g_steal_pointer (&error);
        }
      else
        {
          g_debug ("trip-history: the daily read failed (%s); today is unknown", error->message);
          g_clear_error (&error);
        }
    }

  if (--data->trips_pending > 0)
    return;

  if (data->trips_error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&data->trips_error));
      return;
    }
  if (!carport_nissan_parse_trips (data->vehicle, data->trips_roots[CARPORT_TRIPS_PERIOD_MONTH],
                                   data->trips_roots[CARPORT_TRIPS_PERIOD_TODAY], data->today, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_boolean (task, TRUE);
}

/* Takes ownership of @task. */
static void
trips_start (GTask *task)
{
  CarportNissanClient *self = g_task_get_source_object (task);
  ReadData *data = g_task_get_task_data (task);

  data->today = g_date_time_new_now_local ();
  data->trips_pending = CARPORT_N_TRIPS_PERIODS;
  for (guint period = 0; period < CARPORT_N_TRIPS_PERIODS; period++)
    {
      g_autofree char *query = carport_nissan_trips_query (period, data->today);
      g_autofree char *rest = g_strconcat ("trip-history?", query, NULL);
      g_autofree char *url = car_url (self, CARPORT_NISSAN_SERVICE_CAR_ADAPTER, "v1", data->vehicle, rest);

      TripsCall *call = g_new0 (TripsCall, 1);

      call->task = g_object_ref (task);
      call->period = period;
      nissan_request_async (self, "GET", url, NULL, g_task_get_cancellable (task), trips_cb, call);
    }
  g_object_unref (task);
}

static void
read_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CarportNissanClient *self = CARPORT_NISSAN_CLIENT (source);
  ReadData *data = g_task_get_task_data (task);
  CarportNissanCarInfo *info = car_info (self, data->vehicle);
  g_autoptr(JsonNode) root = NULL;
  GError *error = NULL;
  gboolean gone;

  root = nissan_request_finish (self, result, &error);
  gone = g_error_matches (error, CARPORT_API_ERROR, CARPORT_API_ERROR_NOT_SUPPORTED) ||
         g_error_matches (error, CARPORT_API_ERROR, CARPORT_API_ERROR_NOT_FOUND);

  /* api-nissan.md §4.3: an EV whose v1 battery is refused may answer on v2; RVG-like
   * cars only serve the v2 cockpit. Remembered for the next reads. */
  if (gone && data->endpoint == CARPORT_ENDPOINT_BATTERY_STATUS &&
      data->battery_api == CARPORT_NISSAN_BATTERY_V1 &&
      carport_vehicle_get_energy (data->vehicle) == CARPORT_ENERGY_ELECTRIC)
    {
      g_debug ("battery-status v1 refused (%s); trying v2", error->message);
      g_clear_error (&error);
      info->battery_api = CARPORT_NISSAN_BATTERY_V2;
      remember (self, data->vehicle);
      read_start (g_steal_pointer (&task));
      return;
    }

  if (gone && data->endpoint == CARPORT_ENDPOINT_COCKPIT && !data->cockpit_v2)
    {
      g_debug ("cockpit v1 refused (%s); trying v2", error->message);
      g_clear_error (&error);
      info->cockpit_v2 = TRUE;
      remember (self, data->vehicle);
      read_start (g_steal_pointer (&task));
      return;
    }

  if (root == NULL ||
      !carport_nissan_parse_endpoint (data->vehicle, data->endpoint, data->battery_api, root, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_boolean (task, TRUE);
}

/* Takes ownership of @task. */
static void
read_start (GTask *task)
{
  CarportNissanClient *self = g_task_get_source_object (task);
  ReadData *data = g_task_get_task_data (task);
  CarportNissanCarInfo *info = car_info (self, data->vehicle);
  g_autofree char *url = NULL;

  data->battery_api = info->battery_api;
  data->cockpit_v2 = info->cockpit_v2;

  switch (data->endpoint)
    {
    case CARPORT_ENDPOINT_BATTERY_STATUS:
      if (info->battery_api == CARPORT_NISSAN_BATTERY_BFF_V3)
        {
          g_autofree char *can_gen = g_uri_escape_string (info->can_generation ? info->can_generation : "None",
                                                          NULL, FALSE);
          g_autofree char *rest = g_strconcat ("battery-status?canGen=", can_gen, NULL);

          url = car_url (self, CARPORT_NISSAN_SERVICE_BFF, "v3", data->vehicle, rest);
        }
      else
        {
          url = car_url (self, CARPORT_NISSAN_SERVICE_CAR_ADAPTER,
                         info->battery_api == CARPORT_NISSAN_BATTERY_V2 ? "v2" : "v1",
                         data->vehicle, "battery-status");
        }
      break;
    case CARPORT_ENDPOINT_COCKPIT:
      url = car_url (self, CARPORT_NISSAN_SERVICE_CAR_ADAPTER, info->cockpit_v2 ? "v2" : "v1",
                     data->vehicle, "cockpit");
      break;
    case CARPORT_ENDPOINT_LOCATION:
      url = car_url (self, CARPORT_NISSAN_SERVICE_CAR_ADAPTER, "v1", data->vehicle, "location");
      break;
    case CARPORT_ENDPOINT_HVAC_STATUS:
      url = car_url (self, CARPORT_NISSAN_SERVICE_CAR_ADAPTER, "v1", data->vehicle, "hvac-status");
      break;
    case CARPORT_ENDPOINT_LOCK_STATUS:
      url = car_url (self, CARPORT_NISSAN_SERVICE_CAR_ADAPTER, "v1", data->vehicle, "lock-status");
      break;
    case CARPORT_ENDPOINT_TRIP_HISTORY:
      trips_start (task);
      return;
    case CARPORT_ENDPOINT_HVAC_SETTINGS:
    case CARPORT_ENDPOINT_CHARGE_MODE:
    case CARPORT_ENDPOINT_CHARGING_SETTINGS:
    case CARPORT_ENDPOINT_CHARGE_SCHEDULE:
    case CARPORT_ENDPOINT_EV_SETTINGS:
    case CARPORT_ENDPOINT_SOC_LEVELS:
    case CARPORT_ENDPOINT_RES_STATE:
    case CARPORT_ENDPOINT_PRESSURE:
    case CARPORT_N_ENDPOINTS:
    default:
      g_task_return_new_error (task, CARPORT_API_ERROR, CARPORT_API_ERROR_NOT_SUPPORTED,
                               _("This car does not offer this feature."));
      g_object_unref (task);
      return;
    }

  nissan_request_async (self, "GET", url, NULL, g_task_get_cancellable (task), read_cb, task);
}

static void
nissan_read_endpoint_async (CarportVehicleClient *client,
                            CarportVehicle       *vehicle,
                            CarportEndpoint       endpoint,
                            GCancellable         *cancellable,
                            GAsyncReadyCallback   callback,
                            gpointer              user_data)
{
  GTask *task = g_task_new (client, cancellable, callback, user_data);
  ReadData *data = g_new0 (ReadData, 1);

  g_task_set_source_tag (task, nissan_read_endpoint_async);
  data->vehicle = g_object_ref (vehicle);
  data->endpoint = endpoint;
  g_task_set_task_data (task, data, (GDestroyNotify) read_data_free);

  read_start (task);
}

static gboolean
nissan_read_endpoint_finish (CarportVehicleClient  *client,
                             GAsyncResult          *result,
                             GError               **error)
{
  g_return_val_if_fail (g_task_is_valid (result, client), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ------------------------------------------------------------------------ */
/* Commands (api-nissan.md §3.3) */

static void
command_fail (GTask  *owned_task,
              GError *error)
{
  g_autoptr(GTask) task = owned_task;
  CarportCommand *command = g_task_get_task_data (task);

  carport_vehicle_client_fail_command (command, error);

  g_task_return_error (task, error);
}

static void
command_post_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CarportNissanClient *self = CARPORT_NISSAN_CLIENT (source);
  CarportCommand *command = g_task_get_task_data (task);
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *id = NULL;
  GError *error = NULL;

  root = nissan_request_finish (self, result, &error);
  if (root == NULL)
    {
      command_fail (g_steal_pointer (&task), error);
      return;
    }

  /* Accepted is not done: without an id there is nothing to follow. */
  id = carport_nissan_parse_action_id (root);
  if (id == NULL)
    {
      carport_api_set_error (&error, CARPORT_API_ERROR_INVALID_RESPONSE, "no action id");
      command_fail (g_steal_pointer (&task), error);
      return;
    }

  g_object_freeze_notify (G_OBJECT (command));
  carport_command_set_message (command, NULL);
  carport_command_set_server_id (command, id);
  carport_command_set_state (command, CARPORT_COMMAND_STATE_PENDING);
  g_object_thaw_notify (G_OBJECT (command));

  g_debug ("Command %s accepted, pending",
           carport_enum_to_nick (CARPORT_TYPE_COMMAND_KIND, carport_command_get_kind (command)));
  g_task_return_boolean (task, TRUE);
}

/* POSTs @text (owned) to actions/@action. Takes ownership of @task. */
static void
command_post (GTask          *task,
              CarportVehicle *vehicle,
              const char     *action,
              char           *text)
{
  CarportNissanClient *self = g_task_get_source_object (task);
  CarportCommand *command = g_task_get_task_data (task);
  g_autofree char *rest = g_strconcat ("actions/", action, NULL);
  g_autofree char *url = car_url (self, CARPORT_NISSAN_SERVICE_CAR_ADAPTER, "v1", vehicle, rest);
  g_autoptr(GBytes) body = g_bytes_new_take (text, strlen (text));

  g_object_set_data_full (G_OBJECT (command), SENT_AT_KEY, g_date_time_new_now_utc (),
                          (GDestroyNotify) g_date_time_unref);
  carport_command_set_state (command, CARPORT_COMMAND_STATE_SENDING);
  nissan_request_async (self, "POST", url, body, g_task_get_cancellable (task), command_post_cb, task);
}

static void
command_srp_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  GTask *task = user_data;
  CarportCommand *command = g_task_get_task_data (task);
  g_autoptr(CarportVehicle) vehicle = g_object_steal_data (G_OBJECT (command), VEHICLE_KEY);
  const char *action = NULL;
  GError *error = NULL;
  char *text;

  text = _carport_nissan_client_srp_body_finish (CARPORT_NISSAN_CLIENT (source), result, &action, &error);
  if (text == NULL)
    {
      command_fail (task, error);
      return;
    }
  command_post (task, vehicle, action, text);
}

static void
nissan_send_command_async (CarportVehicleClient *client,
                           CarportVehicle       *vehicle,
                           CarportCommand       *command,
                           GCancellable         *cancellable,
                           GAsyncReadyCallback   callback,
                           gpointer              user_data)
{
  CarportNissanClient *self = CARPORT_NISSAN_CLIENT (client);
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  CarportCommandKind kind = carport_command_get_kind (command);
  g_autofree char *text = NULL;
  const char *action = NULL;
  GError *error = NULL;

  g_task_set_source_tag (task, nissan_send_command_async);
  g_task_set_task_data (task, g_object_ref (command), g_object_unref);

  if (!carport_vehicle_supports_command (vehicle, kind))
    {
      g_set_error (&error, CARPORT_API_ERROR, CARPORT_API_ERROR_NOT_SUPPORTED,
                   _("This car does not offer “%s”"), carport_command_kind_get_title (kind));
      command_fail (task, error);
      return;
    }

  /* Refused inputs fail before any request, naming the car's bounds. */
  if (!carport_vehicle_check_command (vehicle, command, &error))
    {
      command_fail (task, error);
      return;
    }
  /* Lock, unlock and the PIN: the SRP step makes the body (§3.4). */
  if (kind == CARPORT_COMMAND_KIND_LOCK || kind == CARPORT_COMMAND_KIND_UNLOCK ||
      kind == CARPORT_COMMAND_KIND_SRP_ENROL)
    {
      g_object_freeze_notify (G_OBJECT (command));
      carport_command_set_message (command, NULL);
      carport_command_set_state (command, CARPORT_COMMAND_STATE_SENDING);
      g_object_thaw_notify (G_OBJECT (command));
      g_object_set_data_full (G_OBJECT (command), VEHICLE_KEY, g_object_ref (vehicle), g_object_unref);
      _carport_nissan_client_srp_body_async (self, vehicle, command, cancellable, command_srp_cb, task);
      return;
    }

  text = carport_nissan_build_action (command, &action, &error);
  if (text == NULL)
    {
      command_fail (task, error);
      return;
    }
  command_post (task, vehicle, action, g_steal_pointer (&text));
}

static gboolean
nissan_send_command_finish (CarportVehicleClient  *client,
                            GAsyncResult          *result,
                            GError               **error)
{
  g_return_val_if_fail (g_task_is_valid (result, client), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ------------------------------------------------------------------------ */
/* Following a command (api-nissan.md §4.1) */

typedef struct {
  CarportVehicle *vehicle;   /* owned */
  CarportCommand *command;   /* owned */
} PollData;

static void
poll_data_free (PollData *data)
{
  g_clear_object (&data->vehicle);
  g_clear_object (&data->command);
  g_free (data);
}

/* The read that shows what @kind changed. */
static gboolean
confirming_endpoint (CarportCommandKind  kind,
                     CarportEndpoint    *out)
{
  switch (kind)
    {
    case CARPORT_COMMAND_KIND_HVAC_START:
    case CARPORT_COMMAND_KIND_HVAC_STOP:
    case CARPORT_COMMAND_KIND_REFRESH_HVAC:
      *out = CARPORT_ENDPOINT_HVAC_STATUS;
      return TRUE;
    case CARPORT_COMMAND_KIND_CHARGE_START:
    case CARPORT_COMMAND_KIND_CHARGE_STOP:
    case CARPORT_COMMAND_KIND_REFRESH_BATTERY:
      *out = CARPORT_ENDPOINT_BATTERY_STATUS;
      return TRUE;
    case CARPORT_COMMAND_KIND_REFRESH_LOCATION:
      *out = CARPORT_ENDPOINT_LOCATION;
      return TRUE;
    case CARPORT_COMMAND_KIND_REFRESH_LOCKS:
    case CARPORT_COMMAND_KIND_LOCK:
    case CARPORT_COMMAND_KIND_UNLOCK:
      *out = CARPORT_ENDPOINT_LOCK_STATUS;
      return TRUE;
    case CARPORT_COMMAND_KIND_HORN:
    case CARPORT_COMMAND_KIND_LIGHTS:
    case CARPORT_COMMAND_KIND_CHARGE_MODE:
    case CARPORT_COMMAND_KIND_CHARGE_SCHEDULE:
    case CARPORT_COMMAND_KIND_HVAC_SCHEDULE:
    case CARPORT_COMMAND_KIND_SOC_LEVELS:
    case CARPORT_N_COMMAND_KINDS:
    default:
      return FALSE;
    }
}

static GDateTime *
state_updated (CarportVehicle  *vehicle,
               CarportEndpoint  endpoint)
{
  switch (endpoint)
    {
    case CARPORT_ENDPOINT_HVAC_STATUS:
      return carport_state_get_updated (CARPORT_STATE (carport_vehicle_get_climate (vehicle)));
    case CARPORT_ENDPOINT_BATTERY_STATUS:
      return carport_state_get_updated (CARPORT_STATE (carport_vehicle_get_battery (vehicle)));
    case CARPORT_ENDPOINT_LOCATION:
      return carport_state_get_updated (CARPORT_STATE (carport_vehicle_get_location (vehicle)));
    case CARPORT_ENDPOINT_LOCK_STATUS:
      return carport_state_get_updated (CARPORT_STATE (carport_vehicle_get_locks (vehicle)));
    case CARPORT_ENDPOINT_COCKPIT:
    case CARPORT_ENDPOINT_HVAC_SETTINGS:
    case CARPORT_ENDPOINT_CHARGE_MODE:
    case CARPORT_ENDPOINT_CHARGING_SETTINGS:
    case CARPORT_ENDPOINT_CHARGE_SCHEDULE:
    case CARPORT_ENDPOINT_EV_SETTINGS:
    case CARPORT_ENDPOINT_SOC_LEVELS:
    case CARPORT_ENDPOINT_RES_STATE:
    case CARPORT_ENDPOINT_PRESSURE:
    case CARPORT_ENDPOINT_TRIP_HISTORY:
    case CARPORT_N_ENDPOINTS:
    default:
      return NULL;
    }
}

/* TRUE when the state read back shows @command done: the wanted value, or
 * a reading newer than the command. */
static gboolean
command_confirmed (CarportVehicle  *vehicle,
                   CarportCommand  *command,
                   CarportEndpoint  endpoint)
{
  GDateTime *sent_at = g_object_get_data (G_OBJECT (command), SENT_AT_KEY);
  GDateTime *updated = state_updated (vehicle, endpoint);
  CarportClimateState climate = carport_climate_get_state (carport_vehicle_get_climate (vehicle));
  CarportChargingState charging = carport_battery_get_charging (carport_vehicle_get_battery (vehicle));
  CarportLockState lock = carport_locks_get_state (carport_vehicle_get_locks (vehicle));

  switch (carport_command_get_kind (command))
    {
    case CARPORT_COMMAND_KIND_HVAC_START:
      if (climate == CARPORT_CLIMATE_STATE_ON)
        return TRUE;
      break;
    case CARPORT_COMMAND_KIND_HVAC_STOP:
      if (climate == CARPORT_CLIMATE_STATE_OFF)
        return TRUE;
      break;
    case CARPORT_COMMAND_KIND_CHARGE_START:
      if (charging == CARPORT_CHARGING_STATE_CHARGING)
        return TRUE;
      break;
    case CARPORT_COMMAND_KIND_CHARGE_STOP:
      if (charging != CARPORT_CHARGING_STATE_CHARGING && charging != CARPORT_CHARGING_STATE_NONE)
        return TRUE;
      break;
    case CARPORT_COMMAND_KIND_LOCK:
      return lock == CARPORT_LOCK_STATE_LOCKED;
    case CARPORT_COMMAND_KIND_UNLOCK:
      return lock == CARPORT_LOCK_STATE_UNLOCKED;
    case CARPORT_COMMAND_KIND_REFRESH_HVAC:
    case CARPORT_COMMAND_KIND_REFRESH_BATTERY:
    case CARPORT_COMMAND_KIND_REFRESH_LOCATION:
    case CARPORT_COMMAND_KIND_REFRESH_LOCKS:
    case CARPORT_COMMAND_KIND_HORN:
    case CARPORT_COMMAND_KIND_LIGHTS:
    case CARPORT_COMMAND_KIND_CHARGE_MODE:
    case CARPORT_COMMAND_KIND_CHARGE_SCHEDULE:
    case CARPORT_COMMAND_KIND_HVAC_SCHEDULE:
    case CARPORT_COMMAND_KIND_SOC_LEVELS:
    case CARPORT_N_COMMAND_KINDS:
    default:
      break;
    }

  return sent_at != NULL && updated != NULL && g_date_time_compare (updated, sent_at) > 0;
}

static void
poll_return (GTask               *owned_task,
             CarportCommandState  state,
             const char          *message)
{
  g_autoptr(GTask) task = owned_task;
  PollData *data = g_task_get_task_data (task);

  g_object_freeze_notify (G_OBJECT (data->command));
  if (state == CARPORT_COMMAND_STATE_FAILED)
    carport_command_set_message (data->command, message);
  carport_command_set_state (data->command, state);
  g_object_thaw_notify (G_OBJECT (data->command));

  g_task_return_int (task, state);
}

static void
confirm_read_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PollData *data = g_task_get_task_data (task);
  CarportEndpoint endpoint = CARPORT_ENDPOINT_BATTERY_STATUS;
  GError *error = NULL;

  if (!nissan_read_endpoint_finish (CARPORT_VEHICLE_CLIENT (source), result, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  confirming_endpoint (carport_command_get_kind (data->command), &endpoint);
  poll_return (g_steal_pointer (&task),
               command_confirmed (data->vehicle, data->command, endpoint)
               ? CARPORT_COMMAND_STATE_COMPLETED : CARPORT_COMMAND_STATE_PENDING,
               NULL);
}

/* Without an action-status answer: read back what the command changes.
 * Takes ownership of @task. */
static void
poll_confirm (GTask *task)
{
  CarportNissanClient *self = g_task_get_source_object (task);
  PollData *data = g_task_get_task_data (task);
  CarportEndpoint endpoint;

  /* Horn and lights leave nothing to read: accepted is done. */
  if (!confirming_endpoint (carport_command_get_kind (data->command), &endpoint))
    {
      poll_return (task, CARPORT_COMMAND_STATE_COMPLETED, NULL);
      return;
    }

  nissan_read_endpoint_async (CARPORT_VEHICLE_CLIENT (self), data->vehicle, endpoint,
                              g_task_get_cancellable (task), confirm_read_cb, task);
}

static void
action_status_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *message = NULL;
  GError *error = NULL;
  CarportCommandState state;
  CarportCommandKind kind;

  root = nissan_request_finish (CARPORT_NISSAN_CLIENT (source), result, &error);
  if (root == NULL)
    {
      /* Not indexed yet, right after the POST (api-nissan.md §4.1). */
      if (g_error_matches (error, CARPORT_API_ERROR, CARPORT_API_ERROR_NOT_FOUND))
        {
          g_error_free (error);
          poll_return (g_steal_pointer (&task), CARPORT_COMMAND_STATE_PENDING, NULL);
          return;
        }
      /* The optional host is not there: fall back on the car's state. */
      if (g_error_matches (error, CARPORT_API_ERROR, CARPORT_API_ERROR_NETWORK))
        {
          g_debug ("action status unreachable (%s); confirming from the car's state", error->message);
          g_error_free (error);
          poll_confirm (g_steal_pointer (&task));
          return;
        }
      g_task_return_error (task, error);
      return;
    }

  state = carport_nissan_parse_action_status (root, &message);
  kind = carport_command_get_kind (((PollData *) g_task_get_task_data (task))->command);
  if (state == CARPORT_COMMAND_STATE_FAILED && (kind == CARPORT_COMMAND_KIND_LOCK || kind == CARPORT_COMMAND_KIND_UNLOCK))
    {
      /* What an SRP refusal means for people (§3.4); the car's words follow. */
      g_autofree char *detail = g_steal_pointer (&message);

      message = g_strdup_printf ("%s %s", _("The car refused the PIN. After several wrong PINs, remote lock "
                                            "stays blocked until the PIN is set again."), detail);
    }
  poll_return (g_steal_pointer (&task), state, message);
}

static void
nissan_poll_command_async (CarportVehicleClient *client,
                           CarportVehicle       *vehicle,
                           CarportCommand       *command,
                           GCancellable         *cancellable,
                           GAsyncReadyCallback   callback,
                           gpointer              user_data)
{
  CarportNissanClient *self = CARPORT_NISSAN_CLIENT (client);
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  const char *server_id = carport_command_get_server_id (command);
  const char *status_root = root (self, CARPORT_NISSAN_SERVICE_ACTION_STATUS);
  PollData *data = g_new0 (PollData, 1);
  g_autofree char *id = NULL;
  g_autofree char *vin = NULL;
  g_autofree char *url = NULL;

  g_task_set_source_tag (task, nissan_poll_command_async);
  data->vehicle = g_object_ref (vehicle);
  data->command = g_object_ref (command);
  g_task_set_task_data (task, data, (GDestroyNotify) poll_data_free);

  if (server_id == NULL || *server_id == '\0')
    {
      g_task_return_new_error (task, CARPORT_API_ERROR, CARPORT_API_ERROR_INVALID_INPUT,
                               _("The command has no id to follow"));
      g_object_unref (task);
      return;
    }

  if (status_root == NULL)
    {
      poll_confirm (task);
      return;
    }

  id = g_uri_escape_string (server_id, NULL, FALSE);
  vin = g_uri_escape_string (carport_vehicle_get_vin (vehicle), NULL, FALSE);
  url = g_strdup_printf ("%s/v1/cars/%s/actions/status?actionId=%s", status_root, vin, id);
  nissan_request_async (self, "GET", url, NULL, cancellable, action_status_cb, task);
}

static gboolean
nissan_poll_command_finish (CarportVehicleClient  *client,
                            GAsyncResult          *result,
                            CarportCommandState   *out_state,
                            GError               **error)
{
  g_autoptr(GError) local_error = NULL;
  gssize state;

  g_return_val_if_fail (g_task_is_valid (result, client), FALSE);

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
/* GObject */

static void
carport_nissan_client_finalize (GObject *object)
{
  CarportNissanClient *self = CARPORT_NISSAN_CLIENT (object);

  g_clear_pointer (&self->cars, g_hash_table_unref);
  if (self->bearer != NULL)
    explicit_bzero (self->bearer, strlen (self->bearer));
  g_free (self->bearer);

  G_OBJECT_CLASS (carport_nissan_client_parent_class)->finalize (object);
}

static void
carport_nissan_client_class_init (CarportNissanClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  CarportVehicleClientClass *client_class = CARPORT_VEHICLE_CLIENT_CLASS (klass);

  object_class->finalize = carport_nissan_client_finalize;

  client_class->add_auth_headers = nissan_add_auth_headers;
  client_class->parse_response = nissan_parse_response;
  client_class->dup_url_for_path = nissan_dup_url_for_path;
  client_class->list_vehicles_async = nissan_list_vehicles_async;
  client_class->list_vehicles_finish = nissan_list_vehicles_finish;
  client_class->can_read = nissan_can_read;
  client_class->read_endpoint_async = nissan_read_endpoint_async;
  client_class->read_endpoint_finish = nissan_read_endpoint_finish;
  client_class->send_command_async = nissan_send_command_async;
  client_class->send_command_finish = nissan_send_command_finish;
  client_class->poll_command_async = nissan_poll_command_async;
  client_class->poll_command_finish = nissan_poll_command_finish;
  client_class->device_async = _carport_nissan_client_device_async;
  client_class->device_finish = _carport_nissan_client_device_finish;
}

static void
carport_nissan_client_init (CarportNissanClient *self)
{
  self->cars = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                      (GDestroyNotify) carport_nissan_car_info_free);
}

CarportNissanClient *
carport_nissan_client_new (CarportNissanAuth  *auth,
                           GError            **error)
{
  g_return_val_if_fail (CARPORT_IS_NISSAN_AUTH (auth), NULL);

  return g_object_new (CARPORT_TYPE_NISSAN_CLIENT,
                       "auth", auth,
                       "http", carport_nissan_auth_get_http (auth),
                       NULL);
}
