/* carport-account-refresh.c — an account's reads: its cars refreshed
 * concurrently (partial failures stay on the car), and their charge history. */
#define G_LOG_DOMAIN "carport-service"

#include "config.h"

#include <glib/gi18n.h>

#include "carport-account-private.h"

typedef struct {
  guint   pending;
  guint   succeeded;
  GError *error;     /* the first failure */
} RefreshData;

static void
refresh_data_free (RefreshData *data)
{
  g_clear_error (&data->error);
  g_free (data);
}

typedef struct {
  GTask          *task;      /* nullable: a refresh nobody waits for */
  CarportAccount *session;   /* weak: only used while the task holds it */
  CarportVehicle *vehicle;
} VehicleRefresh;

void
carport_account_set_history (CarportAccount *self,
                             gpointer        history)
{
  g_return_if_fail (CARPORT_IS_ACCOUNT (self));
  g_return_if_fail (history == NULL || CARPORT_IS_HISTORY_STORE (history));

  g_set_object (&self->history, history);
}

static void
history_recorded_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(CarportAccount) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!carport_history_store_record_finish (CARPORT_HISTORY_STORE (source), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_message ("Could not keep the car's readings in its history: %s", error->message);
  carport_account_write_done (self);
}

/* Each refreshed reading that changed becomes a row of the history. */
static void
record_history (CarportAccount *self,
                CarportVehicle *vehicle)
{
  if (!self->history)
    return;
  carport_account_write_started (self);
  carport_history_store_record_async (self->history, vehicle, self->cancellable, history_recorded_cb,
                                      g_object_ref (self));
}

void
carport_account_vehicle_refreshed (CarportAccount *self,
                   CarportVehicle *vehicle,
                   const GError   *error)
{
  if (!error)
    {
      carport_vehicle_set_from_cache (vehicle, FALSE);
      carport_vehicle_set_last_error (vehicle, NULL);
      carport_account_save_vehicle (self, vehicle);
      record_history (self, vehicle);
      carport_account_save_credentials_if_renewed (self);
    }
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      carport_account_note_error (self, error);
      carport_vehicle_set_last_error (vehicle, error->message);
      if (g_error_matches (error, CARPORT_API_ERROR, CARPORT_API_ERROR_LOGIN_EXPIRED))
        carport_account_set_state (self, CARPORT_SESSION_STATE_LOGGED_OUT);
    }
}

static void
vehicle_refreshed_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  VehicleRefresh *call = user_data;
  g_autoptr(GTask) task = call->task;
  g_autoptr(CarportVehicle) vehicle = call->vehicle;
  CarportAccount *self = g_task_get_source_object (task);
  RefreshData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  g_free (call);
  if (carport_vehicle_client_refresh_finish (CARPORT_VEHICLE_CLIENT (source), result, &error))
    data->succeeded++;
  carport_account_vehicle_refreshed (self, vehicle, error);
  if (error && !data->error)
    data->error = g_steal_pointer (&error);

  if (--data->pending > 0)
    return;

  carport_account_busy_pop (self);
  if (data->succeeded == 0 && data->error)
    g_task_return_error (task, g_steal_pointer (&data->error));
  else
    g_task_return_boolean (task, TRUE);
}

void
carport_account_refresh_async (CarportAccount      *self,
                               CarportVehicle      *vehicle,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GPtrArray) targets = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  RefreshData *data;

  g_return_if_fail (CARPORT_IS_ACCOUNT (self));
  g_return_if_fail (vehicle == NULL || CARPORT_IS_VEHICLE (vehicle));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, carport_account_refresh_async);

  if (!self->client || self->state != CARPORT_SESSION_STATE_READY)
    {
      g_task_return_new_error (task, CARPORT_API_ERROR, CARPORT_API_ERROR_LOGIN_EXPIRED,
                               _("Not logged in."));
      return;
    }
  if (carport_account_quota_blocked (self, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (vehicle)
    g_ptr_array_add (targets, g_object_ref (vehicle));
  else
    for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->vehicles)); i++)
      g_ptr_array_add (targets, g_list_model_get_item (G_LIST_MODEL (self->vehicles), i));
  if (targets->len == 0)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  data = g_new0 (RefreshData, 1);
  data->pending = targets->len;
  g_task_set_task_data (task, data, (GDestroyNotify) refresh_data_free);
  carport_account_busy_push (self);

  /* Every car at once; the client asks every endpoint of a car at once (the
   * HTTP layer bounds how many requests are in flight). The car asked for
   * gets everything but the maker's records that are not due; a refresh of
   * every car reads the settings of the cars whose settings are due, which
   * keeps a fleet's refresh short. */
  for (guint i = 0; i < targets->len; i++)
    {
      VehicleRefresh *call = g_new0 (VehicleRefresh, 1);
      guint mask;

      call->task = g_object_ref (task);
      call->vehicle = g_object_ref (g_ptr_array_index (targets, i));
      mask = vehicle ? ~(CARPORT_ENDPOINT_MASK_RECORDS & ~carport_vehicle_get_settings_due (call->vehicle))
                     : ~CARPORT_ENDPOINT_MASK_SETTINGS | carport_vehicle_get_settings_due (call->vehicle);
      carport_vehicle_client_refresh_async (self->client, call->vehicle, mask, cancellable,
                                             vehicle_refreshed_cb, call);
    }
}

gboolean
carport_account_refresh_finish (CarportAccount  *self,
                                GAsyncResult    *result,
                                GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ----------------------------------------------------------------------- */
/* History                                                                 */

typedef GPtrArray *(*HistoryFinish) (CarportVehicleClient *client, GAsyncResult *result, GError **error);

static void
history_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CarportAccount *self = g_task_get_source_object (task);
  HistoryFinish finish = (HistoryFinish) g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  GPtrArray *entries;

  carport_account_busy_pop (self);
  entries = finish (CARPORT_VEHICLE_CLIENT (source), result, &error);
  if (!entries)
    {
      carport_account_note_error (self, error);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_pointer (task, entries, (GDestroyNotify) g_ptr_array_unref);
}

/* A task for a history read that the client's @finish completes, or NULL
 * when the account cannot read now (the task then failed already). */
static GTask *
history_task_new (CarportAccount      *self,
                  gpointer             source_tag,
                  HistoryFinish        finish,
                  GCancellable        *cancellable,
                  GAsyncReadyCallback  callback,
                  gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(GError) error = NULL;

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, finish, NULL);
  if (!self->client || self->state != CARPORT_SESSION_STATE_READY)
    {
      g_task_return_new_error (task, CARPORT_API_ERROR, CARPORT_API_ERROR_LOGIN_EXPIRED, _("Not logged in."));
      return NULL;
    }
  if (carport_account_quota_blocked (self, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return NULL;
    }
  carport_account_busy_push (self);
  return g_steal_pointer (&task);
}

void
carport_account_get_charges_async (CarportAccount      *self,
                                   CarportVehicle      *vehicle,
                                   GDateTime           *from,
                                   GDateTime           *to,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (CARPORT_IS_ACCOUNT (self));
  g_return_if_fail (CARPORT_IS_VEHICLE (vehicle));
  g_return_if_fail (from != NULL && to != NULL);

  task = history_task_new (self, carport_account_get_charges_async, carport_vehicle_client_get_charges_finish,
                           cancellable, callback, user_data);
  if (task)
    carport_vehicle_client_get_charges_async (self->client, vehicle, from, to, cancellable, history_cb, task);
}

void
carport_account_get_usage_async (CarportAccount      *self,
                                 CarportVehicle      *vehicle,
                                 CarportUsageSource   source,
                                 CarportUsagePeriod   period,
                                 GDateTime           *from,
                                 GDateTime           *to,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (CARPORT_IS_ACCOUNT (self));
  g_return_if_fail (CARPORT_IS_VEHICLE (vehicle));
  g_return_if_fail (from != NULL && to != NULL);

  task = history_task_new (self, carport_account_get_usage_async, carport_vehicle_client_get_usage_finish,
                           cancellable, callback, user_data);
  if (task)
    carport_vehicle_client_get_usage_async (self->client, vehicle, source, period, from, to, cancellable,
                                            history_cb, task);
}

/* Either history read's result. */
GPtrArray *
carport_account_get_history_finish (CarportAccount  *self,
                                    GAsyncResult    *result,
                                    GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

