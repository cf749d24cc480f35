/* carport-renault-discovery.c — a Renault-group login's cars: the person's
 * Kamereon accounts, then every account's cars at once, then the details of
 * the cars the list leaves without a model, at once (docs/api-renault.md §b).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "carport-api"

#include <glib/gi18n.h>

#include "carport-renault-client-private.h"
#include "carport-kamereon-json.h"
#include "carport-renault-json.h"
#include "carport-renault-models.h"

typedef struct {
  GPtrArray *accounts;      /* CarportKamereonAccount */
  GPtrArray *lists;         /* GPtrArray of CarportVehicle (or NULL), one per account */
  GPtrArray *vehicles;      /* CarportVehicle, the accounts' cars in their order */
  guint      pending;       /* requests in flight */
  GError    *error;         /* the first failure */
} ListData;

static void
list_data_free (ListData *data)
{
  g_clear_pointer (&data->accounts, g_ptr_array_unref);
  g_clear_pointer (&data->lists, g_ptr_array_unref);
  g_clear_pointer (&data->vehicles, g_ptr_array_unref);
  g_clear_error (&data->error);
  g_free (data);
}

static void
list_free (gpointer list)
{
  if (list)
    g_ptr_array_unref (list);
}

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
      CarportClimateRange range;

      g_object_freeze_notify (G_OBJECT (vehicle));
      carport_vehicle_set_supported_endpoints (vehicle, carport_renault_model_supported_endpoints (model));
      carport_vehicle_set_supported_commands (vehicle,
                                              carport_renault_model_drop_engineless (carport_renault_model_supported_commands (model),
                                                                                     carport_vehicle_get_energy (vehicle)));
      carport_renault_model_get_climate_range (model, &range);
      carport_capabilities_set_climate_range (carport_vehicle_get_capabilities (vehicle), &range);
      carport_capabilities_set_charge_start_time (carport_vehicle_get_capabilities (vehicle),
                                                  carport_renault_model_takes_charge_start_time (model));
      g_object_thaw_notify (G_OBJECT (vehicle));
    }

  g_task_return_pointer (task, g_steal_pointer (&data->vehicles), (GDestroyNotify) g_ptr_array_unref);
}

typedef struct {
  GTask          *task;     /* owned */
  CarportVehicle *vehicle;  /* owned */
} DetailsCall;

static void
details_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  DetailsCall *call = user_data;
  g_autoptr(GTask) task = call->task;
  g_autoptr(CarportVehicle) vehicle = call->vehicle;
  CarportRenaultClient *self = CARPORT_RENAULT_CLIENT (source);
  ListData *data = g_task_get_task_data (task);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;

  g_free (call);
  root = _carport_renault_client_request_finish (self, result, &error);
  if (root == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && data->error == NULL)
    data->error = g_steal_pointer (&error);
  /* Without details the car keeps the default capabilities. */
  else if (root == NULL || !carport_kamereon_parse_vehicle_details (vehicle, root, &error))
    g_debug ("No details for a car (%s); using the default capabilities",
             error ? error->message : "?");

  if (--data->pending > 0)
    return;
  if (data->error)
    g_task_return_error (task, g_steal_pointer (&data->error));
  else
    list_finish (task);
}

/* The details of every car without a model code, at once. */
static void
list_details (GTask *task)
{
  CarportRenaultClient *self = g_task_get_source_object (task);
  ListData *data = g_task_get_task_data (task);

  for (guint i = 0; i < data->vehicles->len; i++)
    {
      CarportVehicle *vehicle = g_ptr_array_index (data->vehicles, i);
      const char *model = carport_vehicle_get_model_code (vehicle);
      g_autofree char *account = NULL;
      g_autofree char *vin = NULL;
      g_autofree char *path = NULL;
      DetailsCall *call;

      if (model != NULL && *model != '\0')
        continue;
      account = _carport_renault_client_escape (carport_vehicle_get_account_id (vehicle));
      vin = _carport_renault_client_escape (carport_vehicle_get_vin (vehicle));
      path = g_strdup_printf ("commerce/v1/accounts/%s/vehicles/%s/details", account, vin);
      call = g_new0 (DetailsCall, 1);
      call->task = g_object_ref (task);
      call->vehicle = g_object_ref (vehicle);
      data->pending++;
      _carport_renault_client_request_async (self, "GET", path, NULL, NULL, g_task_get_cancellable (task), details_cb, call);
    }

  if (data->pending == 0)
    list_finish (task);
}

/* Every account's cars, in the accounts' order, each car once. */
static void
merge_lists (ListData *data)
{
  for (guint a = 0; a < data->lists->len; a++)
    {
      GPtrArray *vehicles = g_ptr_array_index (data->lists, a);
      CarportKamereonAccount *account = g_ptr_array_index (data->accounts, a);

      for (guint i = 0; vehicles && i < vehicles->len; i++)
        {
          CarportVehicle *vehicle = g_ptr_array_index (vehicles, i);

          if (has_vin (data->vehicles, carport_vehicle_get_vin (vehicle)))
            continue;
          if (carport_vehicle_get_account_id (vehicle) == NULL)
            carport_vehicle_set_account_id (vehicle, account->account_id);
          g_ptr_array_add (data->vehicles, g_object_ref (vehicle));
        }
    }
}

typedef struct {
  GTask *task;   /* owned */
  guint  index;  /* of the account */
} VehiclesCall;

static void
vehicles_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  VehiclesCall *call = user_data;
  g_autoptr(GTask) task = call->task;
  guint index = call->index;
  CarportRenaultClient *self = CARPORT_RENAULT_CLIENT (source);
  ListData *data = g_task_get_task_data (task);
  CarportKamereonAccount *account = g_ptr_array_index (data->accounts, index);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) vehicles = NULL;
  g_autoptr(GError) error = NULL;

  g_free (call);
  root = _carport_renault_client_request_finish (self, result, &error);
  if (root != NULL)
    vehicles = carport_kamereon_parse_vehicles (root, account->account_id, &error);

  if (vehicles != NULL)
    {
      g_debug ("Account of type %s has %u car(s)",
               account->account_type ? account->account_type : "?", vehicles->len);
      g_ptr_array_index (data->lists, index) = g_steal_pointer (&vehicles);
    }
  /* An account without cars (e.g. SFDC) may answer with an error. */
  else if (carport_api_error_is_unsupported (error) ||
           g_error_matches (error, CARPORT_API_ERROR, CARPORT_API_ERROR_NO_VEHICLES))
    g_debug ("Account of type %s has no cars: %s",
             account->account_type ? account->account_type : "?", error->message);
  else if (data->error == NULL)
    data->error = g_steal_pointer (&error);

  if (--data->pending > 0)
    return;
  if (data->error)
    {
      g_task_return_error (task, g_steal_pointer (&data->error));
      return;
    }
  merge_lists (data);
  list_details (task);
}

/* Every account's list of cars, at once. */
static void
list_accounts (GTask *task)
{
  CarportRenaultClient *self = g_task_get_source_object (task);
  ListData *data = g_task_get_task_data (task);

  data->lists = g_ptr_array_new_with_free_func (list_free);
  g_ptr_array_set_size (data->lists, data->accounts->len);
  if (data->accounts->len == 0)
    {
      list_finish (task);
      return;
    }

  for (guint i = 0; i < data->accounts->len; i++)
    {
      CarportKamereonAccount *account = g_ptr_array_index (data->accounts, i);
      g_autofree char *escaped = _carport_renault_client_escape (account->account_id);
      g_autofree char *path = g_strdup_printf ("commerce/v1/accounts/%s/vehicles", escaped);
      VehiclesCall *call = g_new0 (VehiclesCall, 1);

      call->task = g_object_ref (task);
      call->index = i;
      data->pending++;
      _carport_renault_client_request_async (self, "GET", path, NULL, NULL, g_task_get_cancellable (task), vehicles_cb, call);
    }
}

static void
person_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CarportRenaultClient *self = CARPORT_RENAULT_CLIENT (source);
  ListData *data = g_task_get_task_data (task);
  g_autoptr(JsonNode) root = NULL;
  GError *error = NULL;

  root = _carport_renault_client_request_finish (self, result, &error);
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

  list_accounts (task);
}

static void
list_person_id_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CarportRenaultClient *self = g_task_get_source_object (task);
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

  escaped = _carport_renault_client_escape (person_id);
  path = g_strdup_printf ("commerce/v1/persons/%s", escaped);
  _carport_renault_client_request_async (self, "GET", path, NULL, NULL,
                          g_task_get_cancellable (task), person_cb, g_object_ref (task));
}

void
_carport_renault_client_list_vehicles_async (CarportVehicleClient *client,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data)
{
  CarportRenaultClient *self = CARPORT_RENAULT_CLIENT (client);
  g_autoptr(GTask) task = NULL;
  ListData *data;

  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, _carport_renault_client_list_vehicles_async);

  data = g_new0 (ListData, 1);
  data->vehicles = g_ptr_array_new_with_free_func (g_object_unref);
  g_task_set_task_data (task, data, (GDestroyNotify) list_data_free);

  carport_auth_provider_get_person_id_async (carport_vehicle_client_get_auth (CARPORT_VEHICLE_CLIENT (self)), cancellable,
                                             list_person_id_cb, g_steal_pointer (&task));
}

GPtrArray *
_carport_renault_client_list_vehicles_finish (CarportVehicleClient  *client,
                                              GAsyncResult          *result,
                                              GError               **error)
{
  CarportRenaultClient *self = CARPORT_RENAULT_CLIENT (client);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == _carport_renault_client_list_vehicles_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
