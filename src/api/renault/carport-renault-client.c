/* carport-renault-client.c — the Renault Kamereon car-adapter client. */
#include "config.h"

#define G_LOG_DOMAIN "carport-api"

#include <glib/gi18n.h>

#include <math.h>
#include <string.h>

#include "carport-renault-client-private.h"
#include "carport-renault-charges.h"
#include "carport-json.h"
#include "carport-kamereon-json.h"
#include "carport-renault-json.h"
#include "carport-renault-models.h"
#include "carport-renault-services.h"

#define KAMEREON_MIME_TYPE  "application/vnd.api+json"

struct _CarportRenaultClient
{
  CarportVehicleClient parent_instance;

  char                *locale;
  char                *country;       /* "FR" */
  char                *kamereon_url;  /* resolved root, no trailing slash */
  char                *kamereon_key;
};

static void carport_renault_client_initable_iface_init (GInitableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CarportRenaultClient, carport_renault_client, CARPORT_TYPE_VEHICLE_CLIENT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE,
                                                      carport_renault_client_initable_iface_init))

enum {
  PROP_0,
  PROP_LOCALE,
  PROP_COUNTRY,
  PROP_KAMEREON_URL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ------------------------------------------------------------------------ */
/* Helpers */

char *
_carport_renault_client_escape (const char *segment)
{
  return g_uri_escape_string (segment ? segment : "", NULL, FALSE);
}

/* "commerce/v1/accounts/{account}/kamereon/" + @template with {vin}
 * substituted; a template that starts with "../" is beside kamereon/. */
static char *
account_path (const char *account_id,
              const char *template,
              const char *vin)
{
  g_autofree char *account = _carport_renault_client_escape (account_id);
  g_autofree char *escaped_vin = _carport_renault_client_escape (vin);
  g_autoptr(GString) path = g_string_new (NULL);
  const char *p;

  g_string_append_printf (path, "commerce/v1/accounts/%s/", account);
  if (g_str_has_prefix (template, "../"))
    template += strlen ("../");
  else
    g_string_append (path, "kamereon/");

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

/* ------------------------------------------------------------------------ */
/* One Kamereon request */

static void
renault_add_auth_headers (CarportVehicleClient *client,
                          const char           *token,
                          GPtrArray            *headers)
{
  CarportRenaultClient *self = CARPORT_RENAULT_CLIENT (client);

  g_ptr_array_add (headers, (gpointer) "apikey");
  g_ptr_array_add (headers, self->kamereon_key);
  g_ptr_array_add (headers, (gpointer) "x-gigya-id_token");
  g_ptr_array_add (headers, (gpointer) token);
  g_ptr_array_add (headers, (gpointer) "Content-Type");
  g_ptr_array_add (headers, (gpointer) KAMEREON_MIME_TYPE);
}

static JsonNode *
renault_parse_response (CarportVehicleClient  *client,
                        guint                  http_status,
                        GBytes                *body,
                        GError               **error)
{
  return carport_kamereon_parse_response (http_status, body, error);
}

/* Every request names the account's country, as the phone app's do. */
static char *
renault_dup_url_for_path (CarportVehicleClient *client,
                          const char           *path)
{
  CarportRenaultClient *self = CARPORT_RENAULT_CLIENT (client);

  if (strstr (path, "country="))
    return g_strdup_printf ("%s/%s", self->kamereon_url, path);
  return g_strdup_printf ("%s/%s%ccountry=%s", self->kamereon_url, path, strchr (path, '?') ? '&' : '?',
                          self->country);
}

void
_carport_renault_client_request_async (CarportRenaultClient *self,
                                       const char           *method,
                                       const char           *path,
                                       const char           *query,
                                       GBytes               *body,
                                       GCancellable         *cancellable,
                                       GAsyncReadyCallback   callback,
                                       gpointer              user_data)
{
  g_autofree char *url = g_strdup_printf ("%s/%s?%s%scountry=%s",
                                          self->kamereon_url, path,
                                          query ? query : "", query ? "&" : "",
                                          self->country);

  carport_vehicle_client_request_async (CARPORT_VEHICLE_CLIENT (self), method, url, NULL,
                                        body, KAMEREON_MIME_TYPE, cancellable, callback, user_data);
}

JsonNode *
_carport_renault_client_request_finish (CarportRenaultClient  *self,
                                        GAsyncResult          *result,
                                        GError               **error)
{
  return carport_vehicle_client_request_finish (CARPORT_VEHICLE_CLIENT (self), result, error);
}

/* ------------------------------------------------------------------------ */
/* Reads */

static gboolean
renault_can_read (CarportVehicleClient *client,
                  CarportVehicle       *vehicle,
                  CarportEndpoint       endpoint)
{
  const char *account_id = carport_vehicle_get_account_id (vehicle);

  return account_id != NULL && *account_id != '\0' &&
         carport_renault_model_get_endpoint (carport_vehicle_get_model_code (vehicle), endpoint) != NULL;
}

static void
read_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CarportVehicle *vehicle = g_task_get_task_data (task);
  CarportEndpoint endpoint = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (task), "endpoint"));
  g_autoptr(JsonNode) root = NULL;
  GError *error = NULL;

  root = _carport_renault_client_request_finish (CARPORT_RENAULT_CLIENT (source), result, &error);
  if (root == NULL ||
      !(endpoint == CARPORT_ENDPOINT_CONTRACTS || endpoint == CARPORT_ENDPOINT_ALERTS
          ? carport_renault_parse_services (vehicle, endpoint, root, &error)
          : carport_kamereon_parse_endpoint (vehicle, endpoint, root, &error)))
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_boolean (task, TRUE);
}

static void
renault_read_endpoint_async (CarportVehicleClient *client,
                             CarportVehicle       *vehicle,
                             CarportEndpoint       endpoint,
                             GCancellable         *cancellable,
                             GAsyncReadyCallback   callback,
                             gpointer              user_data)
{
  CarportRenaultClient *self = CARPORT_RENAULT_CLIENT (client);
  const CarportEndpointDef *def;
  g_autofree char *path = NULL;
  g_autofree char *query = NULL;
  g_autoptr(GTask) task = NULL;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, renault_read_endpoint_async);
  g_task_set_task_data (task, g_object_ref (vehicle), g_object_unref);
  g_object_set_data (G_OBJECT (task), "endpoint", GUINT_TO_POINTER (endpoint));

  def = carport_renault_model_get_endpoint (carport_vehicle_get_model_code (vehicle), endpoint);
  g_assert (def != NULL);
  path = account_path (carport_vehicle_get_account_id (vehicle), def->path, carport_vehicle_get_vin (vehicle));
  /* api-renault.md §b.6: which contracts, in which language, of which brand. */
  if (endpoint == CARPORT_ENDPOINT_CONTRACTS)
    {
      g_autofree char *brand = g_ascii_strup (carport_enum_to_nick (CARPORT_TYPE_BRAND, carport_vehicle_get_brand (vehicle)), -1);

      query = g_strdup_printf ("locale=%s&brand=%s&connectedServicesContracts=true&warranty=true"
                               "&warrantyMaintenanceContracts=true", self->locale, brand);
    }
  _carport_renault_client_request_async (self, "GET", path, query, NULL, cancellable, read_cb, g_steal_pointer (&task));
}

static gboolean
renault_read_endpoint_finish (CarportVehicleClient  *client,
                              GAsyncResult          *result,
                              GError               **error)
{
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

  carport_vehicle_client_fail_command (data->command, error);

  g_task_return_error (task, error);
}

static void
command_post_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CarportRenaultClient *self = CARPORT_RENAULT_CLIENT (source);
  CommandData *data = g_task_get_task_data (task);
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *id = NULL;
  GError *error = NULL;

  root = _carport_renault_client_request_finish (self, result, &error);
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
  CarportRenaultClient *self = g_task_get_source_object (task);
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
  _carport_renault_client_request_async (self, "POST", data->path, NULL, body,
                          g_task_get_cancellable (task), command_post_cb, task);
}

static void
command_settings_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CarportRenaultClient *self = CARPORT_RENAULT_CLIENT (source);
  g_autoptr(JsonNode) root = NULL;
  GError *error = NULL;

  root = _carport_renault_client_request_finish (self, result, &error);
  if (root == NULL)
    {
      command_fail (g_steal_pointer (&task), error);
      return;
    }

  command_post (g_steal_pointer (&task), root);
}

static void
command_srp_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonNode) attributes = NULL;
  GError *error = NULL;

  attributes = _carport_renault_client_srp_attributes_finish (CARPORT_RENAULT_CLIENT (source), result, &error);
  if (attributes == NULL)
    {
      command_fail (g_steal_pointer (&task), _carport_renault_client_srp_not_sent (error));
      return;
    }
  command_post (g_steal_pointer (&task), attributes);
}

static void
renault_send_command_async (CarportVehicleClient *client,
                                            CarportVehicle        *vehicle,
                                            CarportCommand        *command,
                                            GCancellable          *cancellable,
                                            GAsyncReadyCallback    callback,
                                            gpointer               user_data)
{
  CarportRenaultClient *self = CARPORT_RENAULT_CLIENT (client);
  g_autoptr(GTask) task = NULL;
  const CarportEndpointDef *def;
  CarportCommandKind kind;
  const char *account_id;
  CommandData *data;
  GError *error = NULL;

  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, renault_send_command_async);

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

  /* Refused inputs fail before any request, naming the car's bounds. */
  if (!carport_vehicle_check_command (vehicle, command, &error))
    {
      command_fail (g_steal_pointer (&task), error);
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
      _carport_renault_client_request_async (self, "GET", data->path, NULL, NULL,
                              cancellable, command_settings_cb, g_steal_pointer (&task));
      return;
    }

  if (def->mode == CARPORT_ACTION_MODE_SRP)
    {
      g_autofree char *srp_sets = account_path (account_id, "kca/car-adapter/v1/cars/{vin}/actions/srp-sets",
                                                carport_vehicle_get_vin (vehicle));

      _carport_renault_client_srp_attributes_async (self, command, srp_sets, cancellable,
                                                    command_srp_cb, g_steal_pointer (&task));
      return;
    }

  command_post (g_steal_pointer (&task), NULL);
}

static gboolean
renault_send_command_finish (CarportVehicleClient  *client,
                                             GAsyncResult           *result,
                                             GError                **error)
{
  CarportRenaultClient *self = CARPORT_RENAULT_CLIENT (client);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == renault_send_command_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
poll_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CarportRenaultClient *self = CARPORT_RENAULT_CLIENT (source);
  CarportCommand *command = g_task_get_task_data (task);
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *message = NULL;
  CarportCommandState state;
  CarportPinCheck pin_check;
  int tries_left;
  GError *error = NULL;

  root = _carport_renault_client_request_finish (self, result, &error);
  if (root == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  state = carport_kamereon_parse_notification (root, carport_command_get_server_id (command), &message);

  if (state == CARPORT_COMMAND_STATE_FAILED &&
      (pin_check = carport_kamereon_parse_notification_pin (root, carport_command_get_server_id (command),
                                                            &tries_left)) != CARPORT_PIN_CHECK_UNKNOWN)
    carport_command_fail_pin (command, pin_check, tries_left);
  else if (state == CARPORT_COMMAND_STATE_COMPLETED || state == CARPORT_COMMAND_STATE_FAILED)
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
  CarportRenaultClient *self = g_task_get_source_object (task);
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

  escaped_person = _carport_renault_client_escape (person_id);
  escaped_id = _carport_renault_client_escape (carport_command_get_server_id (command));
  path = g_strdup_printf ("commerce/v1/persons/%s/notifications/kmr", escaped_person);
  query = g_strdup_printf ("notificationId=%s", escaped_id);

  _carport_renault_client_request_async (self, "GET", path, query, NULL,
                          g_task_get_cancellable (task), poll_cb, g_object_ref (task));
}

static void
renault_poll_command_async (CarportVehicleClient *client,
                            CarportVehicle       *vehicle,
                            CarportCommand       *command,
                                            GCancellable          *cancellable,
                                            GAsyncReadyCallback    callback,
                                            gpointer               user_data)
{
  CarportRenaultClient *self = CARPORT_RENAULT_CLIENT (client);
  g_autoptr(GTask) task = NULL;
  const char *server_id;

  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, renault_poll_command_async);
  g_task_set_task_data (task, g_object_ref (command), g_object_unref);

  server_id = carport_command_get_server_id (command);
  if (server_id == NULL || *server_id == '\0')
    {
      g_task_return_new_error (task, CARPORT_API_ERROR, CARPORT_API_ERROR_INVALID_INPUT,
                               _("The command has no id to follow"));
      return;
    }

  carport_auth_provider_get_person_id_async (carport_vehicle_client_get_auth (CARPORT_VEHICLE_CLIENT (self)), cancellable,
                                             poll_person_id_cb, g_steal_pointer (&task));
}

static gboolean
renault_poll_command_finish (CarportVehicleClient  *client,
                                             GAsyncResult           *result,
                                             CarportCommandState    *out_state,
                                             GError                **error)
{
  CarportRenaultClient *self = CARPORT_RENAULT_CLIENT (client);
  g_autoptr(GError) local_error = NULL;
  gssize state;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == renault_poll_command_async, FALSE);

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
/* History: charges, charge-history, hvac-history, hvac-sessions */

typedef struct {
  CarportVehicle     *vehicle;
  CarportUsageSource  source;   /* unused for charges */
} HistoryRequest;

static void
history_request_free (HistoryRequest *request)
{
  g_clear_object (&request->vehicle);
  g_free (request);
}

static void renault_get_charges_async (CarportVehicleClient *client, CarportVehicle *vehicle, GDateTime *start,
                                       GDateTime *end, GCancellable *cancellable, GAsyncReadyCallback callback,
                                       gpointer user_data);

static void
history_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CarportRenaultClient *self = CARPORT_RENAULT_CLIENT (source);
  HistoryRequest *request = g_task_get_task_data (task);
  g_autoptr(JsonNode) root = NULL;
  GPtrArray *entries;
  GError *error = NULL;

  root = _carport_renault_client_request_finish (self, result, &error);
  if (root == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (g_task_get_source_tag (task) == renault_get_charges_async)
    entries = carport_renault_parse_charges (root, carport_vehicle_get_model_code (request->vehicle), &error);
  else
    entries = carport_renault_parse_usage (root, request->source, &error);
  if (entries == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, entries, (GDestroyNotify) g_ptr_array_unref);
}

/* GETs the history endpoint @name of the task's car with @query; the
 * history endpoints bypass the model table's paths (api-renault.md §c.5). */
static void
history_request (CarportRenaultClient *self,
                 GTask                *task,
                 const char           *name,
                 const char           *query)
{
  HistoryRequest *request = g_task_get_task_data (task);
  const char *account_id = carport_vehicle_get_account_id (request->vehicle);
  g_autofree char *template = NULL;
  g_autofree char *path = NULL;

  if (account_id == NULL || *account_id == '\0')
    {
      g_task_return_new_error (task, CARPORT_API_ERROR, CARPORT_API_ERROR_INVALID_INPUT,
                               _("The car is not linked to an account"));
      g_object_unref (task);
      return;
    }

  template = g_strconcat ("kca/car-adapter/v1/cars/{vin}/", name, NULL);
  path = account_path (account_id, template, carport_vehicle_get_vin (request->vehicle));
  _carport_renault_client_request_async (self, "GET", path, query, NULL, g_task_get_cancellable (task),
                                         history_cb, task);
}

static GTask *
history_task_new (CarportRenaultClient *self,
                  CarportVehicle       *vehicle,
                  CarportUsageSource    source,
                  gpointer              source_tag,
                  GCancellable         *cancellable,
                  GAsyncReadyCallback   callback,
                  gpointer              user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  HistoryRequest *request = g_new0 (HistoryRequest, 1);

  request->vehicle = g_object_ref (vehicle);
  request->source = source;
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, request, (GDestroyNotify) history_request_free);
  return task;
}

static void
renault_get_charges_async (CarportVehicleClient *client,
                           CarportVehicle       *vehicle,
                           GDateTime            *start,
                           GDateTime            *end,
                           GCancellable         *cancellable,
                           GAsyncReadyCallback   callback,
                           gpointer              user_data)
{
  CarportRenaultClient *self = CARPORT_RENAULT_CLIENT (client);
  g_autofree char *start_day = NULL;
  g_autofree char *end_day = NULL;
  g_autofree char *query = NULL;

  g_return_if_fail (start != NULL);
  g_return_if_fail (end != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  start_day = g_date_time_format (start, "%Y%m%d");
  end_day = g_date_time_format (end, "%Y%m%d");
  query = g_strdup_printf ("start=%s&end=%s", start_day, end_day);
  history_request (self, history_task_new (self, vehicle, CARPORT_USAGE_CHARGES, renault_get_charges_async,
                                           cancellable, callback, user_data),
                   "charges", query);
}

static void
renault_get_usage_async (CarportVehicleClient *client,
                         CarportVehicle       *vehicle,
                         CarportUsageSource    source,
                         CarportUsagePeriod    period,
                         GDateTime            *start,
                         GDateTime            *end,
                         GCancellable         *cancellable,
                         GAsyncReadyCallback   callback,
                         gpointer              user_data)
{
  static const char * const names[] = { "charge-history", "hvac-history", "hvac-sessions" };
  CarportRenaultClient *self = CARPORT_RENAULT_CLIENT (client);
  /* charge-history and hvac-history take type=day|month and days or months
   * (YYYYMMDD, YYYYMM); hvac-sessions days (api-renault.md §c.2). */
  gboolean months = source != CARPORT_USAGE_CLIMATE_SESSIONS && period == CARPORT_USAGE_PER_MONTH;
  const char *format = months ? "%Y%m" : "%Y%m%d";
  g_autofree char *start_text = NULL;
  g_autofree char *end_text = NULL;
  g_autofree char *query = NULL;
  GTask *task;

  g_return_if_fail (start != NULL);
  g_return_if_fail (end != NULL);
  g_return_if_fail (source < G_N_ELEMENTS (names));

  task = history_task_new (self, vehicle, source, renault_get_usage_async, cancellable, callback, user_data);
  if (!carport_renault_model_reads_usage (carport_vehicle_get_model_code (vehicle), source))
    {
      g_task_return_new_error (task, CARPORT_API_ERROR, CARPORT_API_ERROR_NOT_SUPPORTED, "%s",
                               carport_usage_not_reported_message (source));
      g_object_unref (task);
      return;
    }

  start_text = g_date_time_format (start, format);
  end_text = g_date_time_format (end, format);
  if (source == CARPORT_USAGE_CLIMATE_SESSIONS)
    query = g_strdup_printf ("start=%s&end=%s", start_text, end_text);
  else
    query = g_strdup_printf ("type=%s&start=%s&end=%s", months ? "month" : "day", start_text, end_text);
  history_request (self, task, names[source], query);
}

static GPtrArray *
renault_get_history_finish (CarportVehicleClient  *client,
                            GAsyncResult          *result,
                            GError               **error)
{
  g_return_val_if_fail (g_task_is_valid (result, client), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ------------------------------------------------------------------------ */
/* GObject / GInitable */

static gboolean
carport_renault_client_initable_init (GInitable     *initable,
                                       GCancellable  *cancellable,
                                       GError       **error)
{
  CarportRenaultClient *self = CARPORT_RENAULT_CLIENT (initable);
  const CarportRenaultLocale *entry;

  if (carport_vehicle_client_get_auth (CARPORT_VEHICLE_CLIENT (self)) == NULL || carport_vehicle_client_get_http (CARPORT_VEHICLE_CLIENT (self)) == NULL)
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
carport_renault_client_initable_iface_init (GInitableIface *iface)
{
  iface->init = carport_renault_client_initable_init;
}

static void
carport_renault_client_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  CarportRenaultClient *self = CARPORT_RENAULT_CLIENT (object);

  switch (prop_id)
    {
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
carport_renault_client_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  CarportRenaultClient *self = CARPORT_RENAULT_CLIENT (object);

  switch (prop_id)
    {
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
carport_renault_client_finalize (GObject *object)
{
  CarportRenaultClient *self = CARPORT_RENAULT_CLIENT (object);

  g_free (self->locale);
  g_free (self->country);
  g_free (self->kamereon_url);
  g_free (self->kamereon_key);

  G_OBJECT_CLASS (carport_renault_client_parent_class)->finalize (object);
}

static void
carport_renault_client_class_init (CarportRenaultClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  CarportVehicleClientClass *client_class = CARPORT_VEHICLE_CLIENT_CLASS (klass);

  object_class->get_property = carport_renault_client_get_property;
  object_class->set_property = carport_renault_client_set_property;
  object_class->finalize = carport_renault_client_finalize;

  client_class->add_auth_headers = renault_add_auth_headers;
  client_class->parse_response = renault_parse_response;
  client_class->dup_url_for_path = renault_dup_url_for_path;
  client_class->list_vehicles_async = _carport_renault_client_list_vehicles_async;
  client_class->list_vehicles_finish = _carport_renault_client_list_vehicles_finish;
  client_class->can_read = renault_can_read;
  client_class->read_endpoint_async = renault_read_endpoint_async;
  client_class->read_endpoint_finish = renault_read_endpoint_finish;
  client_class->send_command_async = renault_send_command_async;
  client_class->send_command_finish = renault_send_command_finish;
  client_class->poll_command_async = renault_poll_command_async;
  client_class->poll_command_finish = renault_poll_command_finish;
  client_class->get_charges_async = renault_get_charges_async;
  client_class->get_charges_finish = renault_get_history_finish;
  client_class->get_usage_async = renault_get_usage_async;
  client_class->get_usage_finish = renault_get_history_finish;

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
carport_renault_client_init (CarportRenaultClient *self)
{
}

CarportRenaultClient *
carport_renault_client_new (CarportAuthProvider  *auth,
                             CarportHttp          *http,
                             const char           *locale,
                             GError              **error)
{
  g_return_val_if_fail (CARPORT_IS_AUTH_PROVIDER (auth), NULL);
  g_return_val_if_fail (CARPORT_IS_HTTP (http), NULL);
  g_return_val_if_fail (locale != NULL, NULL);

  return g_initable_new (CARPORT_TYPE_RENAULT_CLIENT, NULL, error,
                         "auth", auth,
                         "http", http,
                         "locale", locale,
                         NULL);
}

CarportRenaultClient *
carport_renault_client_new_for_url (CarportAuthProvider  *auth,
                                     CarportHttp          *http,
                                     const char           *locale,
                                     const char           *kamereon_url,
                                     GError              **error)
{
  g_return_val_if_fail (CARPORT_IS_AUTH_PROVIDER (auth), NULL);
  g_return_val_if_fail (CARPORT_IS_HTTP (http), NULL);
  g_return_val_if_fail (locale != NULL, NULL);

  return g_initable_new (CARPORT_TYPE_RENAULT_CLIENT, NULL, error,
                         "auth", auth,
                         "http", http,
                         "locale", locale,
                         "kamereon-url", kamereon_url,
                         NULL);
}

const char *
carport_renault_client_get_locale (CarportRenaultClient *self)
{
  g_return_val_if_fail (CARPORT_IS_RENAULT_CLIENT (self), NULL);

  return self->locale;
}

const char *
carport_renault_client_get_country (CarportRenaultClient *self)
{
  g_return_val_if_fail (CARPORT_IS_RENAULT_CLIENT (self), NULL);

  return self->country;
}

const char *
carport_renault_client_get_kamereon_url (CarportRenaultClient *self)
{
  g_return_val_if_fail (CARPORT_IS_RENAULT_CLIENT (self), NULL);

  return self->kamereon_url;
}
