/* carport-session.c — every account of the person, and their cars in one list.
 *
 * The session holds one CarportAccount per login (from the keyring at start,
 * or added by a login), shares one HTTP session between them, keeps the flat
 * list of every account's cars, routes a car's refreshes, commands and history
 * to its account, re-emits the accounts' events and refreshes on a timer. */
#define G_LOG_DOMAIN "carport-service"

#include "config.h"

#include <glib/gi18n.h>

#include "carport-session-private.h"
#include "carport-service-enum-types.h"
#include "carport-credential-store.h"
#include "carport-state-cache.h"
#include "carport-http.h"
#include "carport-brand.h"

#define DEFAULT_POLL_INTERVAL_MS 1000


G_DEFINE_FINAL_TYPE (CarportSession, carport_session, G_TYPE_OBJECT)


enum {
  SIGNAL_EVENT,
  N_SIGNALS
};

GParamSpec *carport_session_properties[CARPORT_SESSION_N_PROPS];
static guint signals[N_SIGNALS];

/* ----------------------------------------------------------------------- */
/* The accounts and what they add up to                                    */

CarportAccount *
carport_session_account_at (CarportSession *self,
            guint           position)
{
  g_autoptr(CarportAccount) account = g_list_model_get_item (G_LIST_MODEL (self->accounts), position);

  return account;   /* the list keeps its reference */
}

guint
carport_session_n_accounts (CarportSession *self)
{
  return g_list_model_get_n_items (G_LIST_MODEL (self->accounts));
}

void
carport_session_update_state (CarportSession *self)
{
  CarportSessionState state = CARPORT_SESSION_STATE_LOGGED_OUT;
  CarportLoginStep step = self->pending ? carport_account_get_login_step (self->pending) : CARPORT_LOGIN_STEP_NONE;
  gboolean restoring = FALSE, ready = FALSE, busy = FALSE;

  for (guint i = 0; i < carport_session_n_accounts (self); i++)
    {
      CarportAccount *account = carport_session_account_at (self, i);
      CarportSessionState s = carport_account_get_state (account);

      ready |= s == CARPORT_SESSION_STATE_READY;
      restoring |= s == CARPORT_SESSION_STATE_RESTORING || s == CARPORT_SESSION_STATE_LOGGING_IN;
      busy |= carport_account_get_busy (account);
    }
  if (self->pending)
    busy |= carport_account_get_busy (self->pending);

  if (self->pending && !ready)
    state = carport_account_get_state (self->pending);
  else if (ready)
    state = CARPORT_SESSION_STATE_READY;
  else if (restoring)
    state = CARPORT_SESSION_STATE_RESTORING;
  else if (self->pending)
    state = carport_account_get_state (self->pending);

  g_object_freeze_notify (G_OBJECT (self));
  if (self->state != state)
    {
      self->state = state;
      g_object_notify_by_pspec (G_OBJECT (self), carport_session_properties[PROP_STATE]);
    }
  if (self->busy != busy)
    {
      self->busy = busy;
      g_object_notify_by_pspec (G_OBJECT (self), carport_session_properties[PROP_BUSY]);
    }
  if (self->login_step != step)
    {
      self->login_step = step;
      g_object_notify_by_pspec (G_OBJECT (self), carport_session_properties[PROP_LOGIN_STEP]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

/* Where the cars of the account at @position start in the flat list. */
static guint
vehicles_offset (CarportSession *self,
                 CarportAccount *account)
{
  guint offset = 0;

  for (guint i = 0; i < carport_session_n_accounts (self); i++)
    {
      CarportAccount *other = carport_session_account_at (self, i);

      if (other == account)
        break;
      offset += g_list_model_get_n_items (carport_account_get_vehicles (other));
    }
  return offset;
}

static void
account_vehicles_changed_cb (GListModel     *model,
                             guint           position,
                             guint           removed,
                             guint           added,
                             CarportSession *self)
{
  CarportAccount *account = g_object_get_data (G_OBJECT (model), "carport-account");
  g_autoptr(GPtrArray) fresh = g_ptr_array_new_with_free_func (g_object_unref);
  guint offset;
  guint found;

  /* Only accounts in the list show their cars. */
  if (!g_list_store_find (self->accounts, account, &found))
    return;

  offset = vehicles_offset (self, account);
  for (guint i = 0; i < added; i++)
    g_ptr_array_add (fresh, g_list_model_get_item (model, position + i));
  g_list_store_splice (self->vehicles, offset + position, removed, fresh->pdata, fresh->len);
}

static void
account_event_cb (CarportAccount      *account,
                  CarportSessionEvent  event,
                  CarportVehicle      *vehicle,
                  CarportCommand      *command,
                  CarportSession      *self)
{
  g_signal_emit (self, signals[SIGNAL_EVENT], 0, event, vehicle, command);
}

CarportAccount *
carport_session_new_account (CarportSession *self,
             const char     *brand_id,
             const char     *locale,
             const char     *email)
{
  CarportAccount *account;

  account = g_object_new (CARPORT_TYPE_ACCOUNT,
                          "http", self->http,
                          "store", self->store,
                          "cache", self->cache,
                          "service-roots", self->service_roots,
                          "brand-id", brand_id,
                          "locale", locale,
                          "email", email,
                          "command-timeout", self->command_timeout,
                          "poll-interval", self->poll_interval_ms,
                          NULL);
  carport_account_set_history (account, self->history);
  g_object_set_data (G_OBJECT (carport_account_get_vehicles (account)), "carport-account", account);
  g_signal_connect_object (carport_account_get_vehicles (account), "items-changed",
                           G_CALLBACK (account_vehicles_changed_cb), self, 0);
  g_signal_connect_object (account, "event", G_CALLBACK (account_event_cb), self, 0);
  g_signal_connect_object (account, "notify::state", G_CALLBACK (carport_session_update_state), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (account, "notify::busy", G_CALLBACK (carport_session_update_state), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (account, "notify::login-step", G_CALLBACK (carport_session_update_state), self,
                           G_CONNECT_SWAPPED);
  return account;
}

void
carport_session_add_account (CarportSession *self,
             CarportAccount *account)
{
  GListModel *cars = carport_account_get_vehicles (account);
  g_autoptr(GPtrArray) fresh = g_ptr_array_new_with_free_func (g_object_unref);

  if (g_list_store_find (self->accounts, account, NULL))
    return;
  g_list_store_append (self->accounts, account);
  for (guint i = 0; i < g_list_model_get_n_items (cars); i++)
    g_ptr_array_add (fresh, g_list_model_get_item (cars, i));
  g_list_store_splice (self->vehicles, vehicles_offset (self, account), 0, fresh->pdata, fresh->len);
  g_object_notify_by_pspec (G_OBJECT (self), carport_session_properties[PROP_EMAIL]);
  carport_session_update_state (self);
}

void
carport_session_remove_account (CarportSession *self,
                CarportAccount *account)
{
  guint position;
  guint offset = vehicles_offset (self, account);
  guint n_cars = g_list_model_get_n_items (carport_account_get_vehicles (account));

  if (!g_list_store_find (self->accounts, account, &position))
    return;
  g_list_store_splice (self->vehicles, offset, n_cars, NULL, 0);
  g_list_store_remove (self->accounts, position);
  g_object_notify_by_pspec (G_OBJECT (self), carport_session_properties[PROP_EMAIL]);
  carport_session_update_state (self);
}

void
carport_session_set_pending (CarportSession *self,
             CarportAccount *account)
{
  if (self->pending == account)
    return;
  g_set_object (&self->pending, account);
  g_object_notify_by_pspec (G_OBJECT (self), carport_session_properties[PROP_EMAIL]);
  carport_session_update_state (self);
}

CarportAccount *
carport_session_find_account (CarportSession *self,
                              const char     *brand_id,
                              const char     *email)
{
  g_return_val_if_fail (CARPORT_IS_SESSION (self), NULL);

  for (guint i = 0; i < carport_session_n_accounts (self); i++)
    if (carport_account_matches (carport_session_account_at (self, i), brand_id, email))
      return carport_session_account_at (self, i);
  return NULL;
}

CarportAccount *
carport_session_get_vehicle_account (CarportSession *self,
                                     CarportVehicle *vehicle)
{
  g_return_val_if_fail (CARPORT_IS_SESSION (self), NULL);
  g_return_val_if_fail (CARPORT_IS_VEHICLE (vehicle), NULL);

  for (guint i = 0; i < carport_session_n_accounts (self); i++)
    if (carport_account_find_vehicle (carport_session_account_at (self, i), carport_vehicle_get_vin (vehicle)) == vehicle)
      return carport_session_account_at (self, i);
  return NULL;
}

CarportVehicle *
carport_session_find_vehicle (CarportSession *self,
                              const char     *vin)
{
  g_return_val_if_fail (CARPORT_IS_SESSION (self), NULL);

  for (guint i = 0; i < carport_session_n_accounts (self); i++)
    {
      CarportVehicle *vehicle = carport_account_find_vehicle (carport_session_account_at (self, i), vin);

      if (vehicle)
        return vehicle;
    }
  return NULL;
}

/* ----------------------------------------------------------------------- */
/* Refresh                                                                 */

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

static void
account_refreshed_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RefreshData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (carport_account_refresh_finish (CARPORT_ACCOUNT (source), result, &error))
    data->succeeded++;
  else if (!data->error)
    data->error = g_steal_pointer (&error);
  if (--data->pending > 0)
    return;
  if (data->succeeded == 0 && data->error)
    g_task_return_error (task, g_steal_pointer (&data->error));
  else
    g_task_return_boolean (task, TRUE);
}

void
carport_session_refresh_async (CarportSession      *self,
                               CarportVehicle      *vehicle,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GPtrArray) targets = g_ptr_array_new ();
  RefreshData *data;

  g_return_if_fail (CARPORT_IS_SESSION (self));
  g_return_if_fail (vehicle == NULL || CARPORT_IS_VEHICLE (vehicle));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, carport_session_refresh_async);

  if (vehicle)
    {
      CarportAccount *account = carport_session_get_vehicle_account (self, vehicle);

      if (account)
        g_ptr_array_add (targets, account);
    }
  else
    for (guint i = 0; i < carport_session_n_accounts (self); i++)
      if (carport_account_get_state (carport_session_account_at (self, i)) == CARPORT_SESSION_STATE_READY)
        g_ptr_array_add (targets, carport_session_account_at (self, i));

  if (targets->len == 0)
    {
      g_task_return_new_error (task, CARPORT_API_ERROR, CARPORT_API_ERROR_LOGIN_EXPIRED, _("Not logged in."));
      return;
    }

  data = g_new0 (RefreshData, 1);
  data->pending = targets->len;
  g_task_set_task_data (task, data, (GDestroyNotify) refresh_data_free);
  for (guint i = 0; i < targets->len; i++)
    carport_account_refresh_async (g_ptr_array_index (targets, i), vehicle, cancellable,
                                   account_refreshed_cb, g_object_ref (task));
}

gboolean
carport_session_refresh_finish (CarportSession  *self,
                                GAsyncResult    *result,
                                GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static gboolean
refresh_timeout_cb (gpointer user_data)
{
  CarportSession *self = user_data;

  /* Each account on its own: a quota at one brand holds back only its cars. */
  for (guint i = 0; i < carport_session_n_accounts (self); i++)
    {
      CarportAccount *account = carport_session_account_at (self, i);

      if (carport_account_get_state (account) == CARPORT_SESSION_STATE_READY &&
          !carport_account_is_quota_blocked (account))
        carport_account_refresh_async (account, NULL, NULL, NULL, NULL);
    }
  return G_SOURCE_CONTINUE;
}

guint
carport_session_get_refresh_interval (CarportSession *self)
{
  g_return_val_if_fail (CARPORT_IS_SESSION (self), 0);
  return self->refresh_interval;
}

void
carport_session_set_refresh_interval (CarportSession *self,
                                      guint           seconds)
{
  g_return_if_fail (CARPORT_IS_SESSION (self));

  if (self->refresh_interval == seconds)
    return;
  self->refresh_interval = seconds;
  g_clear_handle_id (&self->refresh_source, g_source_remove);
  if (seconds > 0)
    self->refresh_source = g_timeout_add_seconds (seconds, refresh_timeout_cb, self);
  g_object_notify_by_pspec (G_OBJECT (self), carport_session_properties[PROP_REFRESH_INTERVAL]);
}

/* ----------------------------------------------------------------------- */
/* Commands and history: through the car's account                          */

CarportCommand *
carport_session_create_command (CarportSession     *self,
                                CarportVehicle     *vehicle,
                                CarportCommandKind  kind)
{
  g_return_val_if_fail (CARPORT_IS_SESSION (self), NULL);
  g_return_val_if_fail (CARPORT_IS_VEHICLE (vehicle), NULL);

  return carport_command_new (kind, carport_vehicle_get_vin (vehicle));
}

CarportCommand *
carport_session_get_command_in_flight (CarportSession     *self,
                                       CarportVehicle     *vehicle,
                                       CarportCommandKind  kind)
{
  CarportAccount *account;

  g_return_val_if_fail (CARPORT_IS_SESSION (self), NULL);

  account = carport_session_get_vehicle_account (self, vehicle);
  return account ? carport_account_get_command_in_flight (account, vehicle, kind) : NULL;
}

static void
command_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!carport_account_send_command_finish (CARPORT_ACCOUNT (source), result, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
carport_session_send_command_async (CarportSession      *self,
                                    CarportCommand      *command,
                                    gboolean             wait,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  CarportVehicle *vehicle;
  CarportAccount *account = NULL;

  g_return_if_fail (CARPORT_IS_SESSION (self));
  g_return_if_fail (CARPORT_IS_COMMAND (command));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, carport_session_send_command_async);

  vehicle = carport_session_find_vehicle (self, carport_command_get_vin (command));
  if (vehicle)
    account = carport_session_get_vehicle_account (self, vehicle);
  if (!account)
    {
      g_task_return_new_error (task, CARPORT_API_ERROR, CARPORT_API_ERROR_FAILED,
                               _("This car is not in the account any more."));
      return;
    }
  carport_account_send_command_async (account, command, wait, cancellable, command_done_cb,
                                      g_steal_pointer (&task));
}

gboolean
carport_session_send_command_finish (CarportSession  *self,
                                     GAsyncResult    *result,
                                     GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

typedef struct {
  CarportVehicle *vehicle;
  CarportCommand *command;
  gulong          refreshing_id;  /* while waiting for the read */
} ReportData;

static void
report_data_free (ReportData *data)
{
  g_clear_signal_handler (&data->refreshing_id, data->vehicle);
  g_clear_object (&data->vehicle);
  g_clear_object (&data->command);
  g_free (data);
}

/* The read after the command is done: did it read what the car reported? */
static void
return_report (GTask *task)
{
  ReportData *data = g_task_get_task_data (task);
  CarportCommandKind kind = carport_command_get_kind (data->command);
  CarportEndpoint endpoint;
  const char *error;

  carport_command_kind_get_reported_endpoint (kind, &endpoint);
  error = carport_vehicle_get_endpoint_error (data->vehicle, endpoint);
  if (error == NULL)
    error = carport_vehicle_get_command_obstacle (data->vehicle, kind);
  if (error)
    g_task_return_new_error (task, CARPORT_API_ERROR, CARPORT_API_ERROR_FAILED, "%s", error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
report_refreshing_cb (CarportVehicle *vehicle,
                      GParamSpec     *pspec,
                      gpointer        user_data)
{
  GTask *task = user_data;
  ReportData *data = g_task_get_task_data (task);

  if (carport_vehicle_get_refreshing (vehicle))
    return;
  g_clear_signal_handler (&data->refreshing_id, vehicle);
  return_report (task);
  g_object_unref (task);
}

void
carport_session_await_report_async (CarportSession      *self,
                                    CarportVehicle      *vehicle,
                                    CarportCommand      *command,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ReportData *data;

  g_return_if_fail (CARPORT_IS_SESSION (self));
  g_return_if_fail (CARPORT_IS_VEHICLE (vehicle));
  g_return_if_fail (CARPORT_IS_COMMAND (command));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, carport_session_await_report_async);
  if (!carport_command_kind_get_reported_endpoint (carport_command_get_kind (command), NULL))
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  data = g_new0 (ReportData, 1);
  data->vehicle = g_object_ref (vehicle);
  data->command = g_object_ref (command);
  g_task_set_task_data (task, data, (GDestroyNotify) report_data_free);
  /* The account reads what the command changed once it completed. */
  if (carport_vehicle_get_refreshing (vehicle))
    data->refreshing_id = g_signal_connect (vehicle, "notify::refreshing",
                                            G_CALLBACK (report_refreshing_cb), g_steal_pointer (&task));
  else
    return_report (task);
}

gboolean
carport_session_await_report_finish (CarportSession  *self,
                                     GAsyncResult    *result,
                                     GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == carport_session_await_report_async, FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
history_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  GPtrArray *entries = carport_account_get_history_finish (CARPORT_ACCOUNT (source), result, &error);

  if (!entries)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, entries, (GDestroyNotify) g_ptr_array_unref);
}

/* The account of @vehicle, or NULL when it has none (the task then failed). */
static CarportAccount *
history_account (CarportSession *self,
                 CarportVehicle *vehicle,
                 GTask          *task)
{
  CarportAccount *account = carport_session_get_vehicle_account (self, vehicle);

  if (!account)
    {
      g_task_return_new_error (task, CARPORT_API_ERROR, CARPORT_API_ERROR_LOGIN_EXPIRED, _("Not logged in."));
      g_object_unref (task);
    }
  return account;
}

void
carport_session_get_charges_async (CarportSession      *self,
                                   CarportVehicle      *vehicle,
                                   GDateTime           *from,
                                   GDateTime           *to,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  GTask *task;
  CarportAccount *account;

  g_return_if_fail (CARPORT_IS_SESSION (self));
  g_return_if_fail (CARPORT_IS_VEHICLE (vehicle));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, carport_session_get_charges_async);
  account = history_account (self, vehicle, task);
  if (account)
    carport_account_get_charges_async (account, vehicle, from, to, cancellable, history_done_cb, task);
}

void
carport_session_get_usage_async (CarportSession      *self,
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
  CarportAccount *account;

  g_return_if_fail (CARPORT_IS_SESSION (self));
  g_return_if_fail (CARPORT_IS_VEHICLE (vehicle));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, carport_session_get_usage_async);
  account = history_account (self, vehicle, task);
  if (account)
    carport_account_get_usage_async (account, vehicle, source, period, from, to, cancellable, history_done_cb,
                                     task);
}

GPtrArray *
carport_session_get_charges_finish (CarportSession  *self,
                                    GAsyncResult    *result,
                                    GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

GPtrArray *
carport_session_get_usage_finish (CarportSession  *self,
                                  GAsyncResult    *result,
                                  GError         **error)
{
  return carport_session_get_charges_finish (self, result, error);
}

static void
account_flushed_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  guint *pending = g_task_get_task_data (task);

  carport_account_flush_finish (CARPORT_ACCOUNT (source), result, NULL);
  if (--*pending == 0)
    g_task_return_boolean (task, TRUE);
}

void
carport_session_flush_async (CarportSession      *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GPtrArray) all = g_ptr_array_new ();
  guint *pending;

  g_return_if_fail (CARPORT_IS_SESSION (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, carport_session_flush_async);

  for (guint i = 0; i < carport_session_n_accounts (self); i++)
    g_ptr_array_add (all, carport_session_account_at (self, i));
  if (self->pending)
    g_ptr_array_add (all, self->pending);
  if (all->len == 0)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  pending = g_new (guint, 1);
  *pending = all->len;
  g_task_set_task_data (task, pending, g_free);
  for (guint i = 0; i < all->len; i++)
    carport_account_flush_async (g_ptr_array_index (all, i), cancellable, account_flushed_cb,
                                 g_object_ref (task));
}

gboolean
carport_session_flush_finish (CarportSession  *self,
                              GAsyncResult    *result,
                              GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ----------------------------------------------------------------------- */
/* GObject                                                                 */

CarportSession *
carport_session_new (gpointer store,
                     gpointer cache)
{
  g_return_val_if_fail (CARPORT_IS_CREDENTIAL_STORE (store), NULL);
  g_return_val_if_fail (cache == NULL || CARPORT_IS_STATE_CACHE (cache), NULL);

  return g_object_new (CARPORT_TYPE_SESSION, "store", store, "cache", cache, NULL);
}

/**
 * carport_session_get_history:
 *
 * Returns: (transfer none) (nullable) (type CarportHistoryStore): the history.
 */
gpointer
carport_session_get_history (CarportSession *self)
{
  g_return_val_if_fail (CARPORT_IS_SESSION (self), NULL);
  return self->history;
}

void
carport_session_set_history (CarportSession *self,
                             gpointer        history)
{
  g_return_if_fail (CARPORT_IS_SESSION (self));
  g_return_if_fail (history == NULL || CARPORT_IS_HISTORY_STORE (history));

  if (!g_set_object (&self->history, history))
    return;
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->accounts)); i++)
    {
      g_autoptr(CarportAccount) account = g_list_model_get_item (G_LIST_MODEL (self->accounts), i);

      carport_account_set_history (account, history);
    }
  if (self->pending)
    carport_account_set_history (self->pending, history);
  g_object_notify_by_pspec (G_OBJECT (self), carport_session_properties[PROP_HISTORY]);
}

CarportSessionState
carport_session_get_state (CarportSession *self)
{
  g_return_val_if_fail (CARPORT_IS_SESSION (self), CARPORT_SESSION_STATE_LOGGED_OUT);
  return self->state;
}

GListModel *
carport_session_get_accounts (CarportSession *self)
{
  g_return_val_if_fail (CARPORT_IS_SESSION (self), NULL);
  return G_LIST_MODEL (self->accounts);
}

GListModel *
carport_session_get_vehicles (CarportSession *self)
{
  g_return_val_if_fail (CARPORT_IS_SESSION (self), NULL);
  return G_LIST_MODEL (self->vehicles);
}

CarportLoginStep
carport_session_get_login_step (CarportSession *self)
{
  g_return_val_if_fail (CARPORT_IS_SESSION (self), CARPORT_LOGIN_STEP_NONE);
  return self->login_step;
}

const char *
carport_session_get_email (CarportSession *self)
{
  g_return_val_if_fail (CARPORT_IS_SESSION (self), NULL);

  if (self->pending)
    return carport_account_get_email (self->pending);
  if (carport_session_n_accounts (self) > 0)
    return carport_account_get_email (carport_session_account_at (self, 0));
  return NULL;
}

static void
set_account_property (CarportSession *self,
                      const char     *name,
                      guint           value)
{
  for (guint i = 0; i < carport_session_n_accounts (self); i++)
    g_object_set (carport_session_account_at (self, i), name, value, NULL);
  if (self->pending)
    g_object_set (self->pending, name, value, NULL);
}

static void
carport_session_dispose (GObject *object)
{
  CarportSession *self = CARPORT_SESSION (object);

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  g_clear_object (&self->pending);
  g_clear_object (&self->pictures);
  g_clear_object (&self->geocoder);
  g_clear_object (&self->vehicles);
  g_clear_object (&self->accounts);
  g_clear_object (&self->http);
  g_clear_object (&self->store);
  g_clear_object (&self->cache);
  g_clear_object (&self->history);

  G_OBJECT_CLASS (carport_session_parent_class)->dispose (object);
}

static void
carport_session_constructed (GObject *object)
{
  G_OBJECT_CLASS (carport_session_parent_class)->constructed (object);

  carport_session_places_init (CARPORT_SESSION (object));
}

static void
carport_session_finalize (GObject *object)
{
  CarportSession *self = CARPORT_SESSION (object);

  g_strfreev (self->service_roots);

  G_OBJECT_CLASS (carport_session_parent_class)->finalize (object);
}

static void
carport_session_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CarportSession *self = CARPORT_SESSION (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_CACHE:
      g_value_set_object (value, self->cache);
      break;
    case PROP_HISTORY:
      g_value_set_object (value, self->history);
      break;
    case PROP_SERVICE_ROOTS:
      g_value_set_boxed (value, self->service_roots);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_EMAIL:
      g_value_set_string (value, carport_session_get_email (self));
      break;
    case PROP_ACCOUNTS:
      g_value_set_object (value, self->accounts);
      break;
    case PROP_VEHICLES:
      g_value_set_object (value, self->vehicles);
      break;
    case PROP_REFRESH_INTERVAL:
      g_value_set_uint (value, self->refresh_interval);
      break;
    case PROP_COMMAND_TIMEOUT:
      g_value_set_uint (value, self->command_timeout);
      break;
    case PROP_POLL_INTERVAL:
      g_value_set_uint (value, self->poll_interval_ms);
      break;
    case PROP_REQUEST_DEADLINE:
      g_value_set_uint (value, carport_http_get_deadline (self->http));
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    case PROP_LOGIN_STEP:
      g_value_set_enum (value, self->login_step);
      break;
    case PROP_REVERSE_GEOCODING:
      g_value_set_boolean (value, carport_session_get_reverse_geocoding (self));
      break;
    case PROP_FETCH_PICTURES:
      g_value_set_boolean (value, self->fetch_pictures);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carport_session_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  CarportSession *self = CARPORT_SESSION (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_CACHE:
      self->cache = g_value_dup_object (value);
      break;
    case PROP_HISTORY:
      carport_session_set_history (self, g_value_get_object (value));
      break;
    case PROP_SERVICE_ROOTS:
      self->service_roots = g_value_dup_boxed (value);
      break;
    case PROP_REFRESH_INTERVAL:
      carport_session_set_refresh_interval (self, g_value_get_uint (value));
      break;
    case PROP_COMMAND_TIMEOUT:
      if (self->command_timeout != g_value_get_uint (value))
        {
          self->command_timeout = g_value_get_uint (value);
          set_account_property (self, "command-timeout", self->command_timeout);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_POLL_INTERVAL:
      if (self->poll_interval_ms != g_value_get_uint (value))
        {
          self->poll_interval_ms = g_value_get_uint (value);
          set_account_property (self, "poll-interval", self->poll_interval_ms);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_REQUEST_DEADLINE:
      if (carport_http_get_deadline (self->http) != g_value_get_uint (value))
        {
          carport_http_set_deadline (self->http, g_value_get_uint (value));
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_REVERSE_GEOCODING:
      carport_session_set_reverse_geocoding (self, g_value_get_boolean (value));
      break;
    case PROP_FETCH_PICTURES:
      carport_session_set_fetch_pictures (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carport_session_class_init (CarportSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = carport_session_constructed;
  object_class->dispose = carport_session_dispose;
  object_class->finalize = carport_session_finalize;
  object_class->get_property = carport_session_get_property;
  object_class->set_property = carport_session_set_property;

  carport_session_properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, CARPORT_TYPE_CREDENTIAL_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  carport_session_properties[PROP_CACHE] =
    g_param_spec_object ("cache", NULL, NULL, CARPORT_TYPE_STATE_CACHE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  carport_session_properties[PROP_HISTORY] =
    g_param_spec_object ("history", NULL, NULL, CARPORT_TYPE_HISTORY_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  carport_session_properties[PROP_SERVICE_ROOTS] =
    g_param_spec_boxed ("service-roots", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  carport_session_properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, CARPORT_TYPE_SESSION_STATE, CARPORT_SESSION_STATE_LOGGED_OUT,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  carport_session_properties[PROP_EMAIL] =
    g_param_spec_string ("email", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  carport_session_properties[PROP_ACCOUNTS] =
    g_param_spec_object ("accounts", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  carport_session_properties[PROP_VEHICLES] =
    g_param_spec_object ("vehicles", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  carport_session_properties[PROP_REFRESH_INTERVAL] =
    g_param_spec_uint ("refresh-interval", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  carport_session_properties[PROP_COMMAND_TIMEOUT] =
    g_param_spec_uint ("command-timeout", NULL, NULL, 1, G_MAXUINT, 120,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  carport_session_properties[PROP_POLL_INTERVAL] =
    g_param_spec_uint ("poll-interval", NULL, NULL, 10, 60000, DEFAULT_POLL_INTERVAL_MS,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  carport_session_properties[PROP_REQUEST_DEADLINE] =
    g_param_spec_uint ("request-deadline", NULL, NULL, 0, G_MAXUINT, CARPORT_HTTP_DEFAULT_DEADLINE,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  carport_session_properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  carport_session_properties[PROP_LOGIN_STEP] =
    g_param_spec_enum ("login-step", NULL, NULL, CARPORT_TYPE_LOGIN_STEP, CARPORT_LOGIN_STEP_NONE,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  carport_session_properties[PROP_REVERSE_GEOCODING] =
    g_param_spec_boolean ("reverse-geocoding", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  carport_session_properties[PROP_FETCH_PICTURES] =
    g_param_spec_boolean ("fetch-pictures", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, CARPORT_SESSION_N_PROPS, carport_session_properties);

  signals[SIGNAL_EVENT] =
    g_signal_new ("event", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, CARPORT_TYPE_SESSION_EVENT, CARPORT_TYPE_VEHICLE, CARPORT_TYPE_COMMAND);
}

static void
carport_session_init (CarportSession *self)
{
  self->http = carport_http_new ();
  self->accounts = g_list_store_new (CARPORT_TYPE_ACCOUNT);
  self->vehicles = g_list_store_new (CARPORT_TYPE_VEHICLE);
  self->command_timeout = 120;
  self->poll_interval_ms = DEFAULT_POLL_INTERVAL_MS;
}
