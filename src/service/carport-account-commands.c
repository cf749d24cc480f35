/* carport-account-commands.c — an account's commands, from click to result:
 * sent once, followed (polling with back-off until a deadline), then the
 * state they change read again and an event emitted. */
#define G_LOG_DOMAIN "carport-service"

#include "config.h"

#include <glib/gi18n.h>

#include "carport-account-private.h"

/* First delay between two polls of a command's state; it grows to 5 s. */
#define MAX_POLL_INTERVAL_MS 5000

static guint
endpoints_changed_by (CarportCommandKind kind)
{
#define EP(e) (1u << CARPORT_ENDPOINT_##e)
  switch (kind)
    {
    case CARPORT_COMMAND_KIND_HVAC_START:
    case CARPORT_COMMAND_KIND_HVAC_STOP:
    case CARPORT_COMMAND_KIND_REFRESH_HVAC:
      return EP (HVAC_STATUS);
    case CARPORT_COMMAND_KIND_CHARGE_START:
    case CARPORT_COMMAND_KIND_CHARGE_STOP:
    case CARPORT_COMMAND_KIND_REFRESH_BATTERY:
      return EP (BATTERY_STATUS) | EP (EV_SETTINGS);
    case CARPORT_COMMAND_KIND_CHARGE_MODE:
    case CARPORT_COMMAND_KIND_CHARGE_SCHEDULE:
      return EP (CHARGE_MODE) | EP (CHARGING_SETTINGS) | EP (CHARGE_SCHEDULE) | EP (EV_SETTINGS);
    case CARPORT_COMMAND_KIND_HVAC_SCHEDULE:
      return EP (HVAC_SETTINGS);
    case CARPORT_COMMAND_KIND_REFRESH_LOCATION:
      return EP (LOCATION);
    case CARPORT_COMMAND_KIND_SOC_LEVELS:
      return EP (SOC_LEVELS);
    case CARPORT_COMMAND_KIND_REFRESH_LOCKS:
      return EP (LOCK_STATUS);
    case CARPORT_COMMAND_KIND_HORN:
    case CARPORT_COMMAND_KIND_LIGHTS:
    case CARPORT_N_COMMAND_KINDS:
    default:
      return 0;
    }
#undef EP
}

CarportCommand *
carport_account_get_command_in_flight (CarportAccount     *self,
                                       CarportVehicle     *vehicle,
                                       CarportCommandKind  kind)
{
  g_return_val_if_fail (CARPORT_IS_ACCOUNT (self), NULL);

  for (guint i = 0; i < self->commands->len; i++)
    {
      CarportCommand *command = g_ptr_array_index (self->commands, i);

      if (carport_command_get_kind (command) == kind &&
          g_strcmp0 (carport_command_get_vin (command), carport_vehicle_get_vin (vehicle)) == 0)
        return command;
    }
  return NULL;
}

typedef struct {
  CarportCommand *command;
  CarportVehicle *vehicle;
  GTask          *waiter;     /* the caller's task while it waits; NULL without @wait */
  guint           interval_ms;
  gint64          deadline;   /* monotonic µs */
  guint           timeout_source;
} Tracking;

static void
tracking_free (Tracking *tracking)
{
  g_clear_handle_id (&tracking->timeout_source, g_source_remove);
  g_clear_object (&tracking->command);
  g_clear_object (&tracking->vehicle);
  g_clear_object (&tracking->waiter);
  g_free (tracking);
}

static void track_poll (CarportAccount *self, Tracking *tracking);

static void
command_refreshed_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(CarportVehicle) vehicle = user_data;
  g_autoptr(GError) error = NULL;
  CarportAccount *self = g_object_get_data (G_OBJECT (vehicle), "carport-account");

  carport_vehicle_client_refresh_finish (CARPORT_VEHICLE_CLIENT (source), result, &error);
  if (self)
    carport_account_vehicle_refreshed (self, vehicle, error);
}

static void
track_finish (CarportAccount *self,
              Tracking       *tracking)
{
  CarportCommand *command = tracking->command;
  CarportCommandState state = carport_command_get_state (command);
  guint endpoints = endpoints_changed_by (carport_command_get_kind (command));

  g_ptr_array_remove (self->commands, command);

  if (state == CARPORT_COMMAND_STATE_COMPLETED && endpoints && self->client)
    carport_vehicle_client_refresh_async (self->client, tracking->vehicle, endpoints, self->cancellable,
                                           command_refreshed_cb, g_object_ref (tracking->vehicle));
  if (state == CARPORT_COMMAND_STATE_COMPLETED &&
      carport_command_get_kind (command) == CARPORT_COMMAND_KIND_CHARGE_STOP)
    g_object_set_data (G_OBJECT (tracking->vehicle), "carport-stop-asked", GINT_TO_POINTER (TRUE));

  g_signal_emit (self, carport_account_signals[CARPORT_ACCOUNT_SIGNAL_EVENT], 0, CARPORT_SESSION_EVENT_COMMAND_FINISHED,
                 tracking->vehicle, command);

  if (tracking->waiter)
    {
      if (state == CARPORT_COMMAND_STATE_COMPLETED)
        g_task_return_boolean (tracking->waiter, TRUE);
      else
        g_task_return_new_error (tracking->waiter, CARPORT_API_ERROR, CARPORT_API_ERROR_FAILED, "%s",
                                 carport_command_get_message (command)
                                   ? carport_command_get_message (command)
                                   : _("The car did not carry out the command."));
    }
  tracking_free (tracking);
}

static void
poll_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Tracking *tracking = user_data;
  CarportAccount *self;
  g_autoptr(GError) error = NULL;
  CarportCommandState state = CARPORT_COMMAND_STATE_PENDING;

  carport_vehicle_client_poll_command_finish (CARPORT_VEHICLE_CLIENT (source), result, &state, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      if (tracking->waiter)
        g_task_return_error (tracking->waiter, g_steal_pointer (&error));
      tracking_free (tracking);
      return;
    }
  self = g_object_get_data (G_OBJECT (tracking->vehicle), "carport-account");
  if (!self)
    {
      tracking_free (tracking);
      return;
    }

  if (error)
    {
      /* A failed poll is not a failed command: try again until the deadline. */
      carport_account_note_error (self, error);
      g_debug ("Polling a command failed: %s", error->message);
    }
  else if (state != CARPORT_COMMAND_STATE_PENDING)
    {
      track_finish (self, tracking);
      return;
    }
  track_poll (self, tracking);
}

static gboolean
poll_timeout_cb (gpointer user_data)
{
  Tracking *tracking = user_data;
  CarportAccount *self = g_object_get_data (G_OBJECT (tracking->vehicle), "carport-account");

  tracking->timeout_source = 0;
  if (!self || !self->client)
    {
      if (tracking->waiter)
        g_task_return_new_error (tracking->waiter, G_IO_ERROR, G_IO_ERROR_CANCELLED, "Logged out");
      tracking_free (tracking);
      return G_SOURCE_REMOVE;
    }

  if (g_get_monotonic_time () >= tracking->deadline)
    {
      carport_command_set_state (tracking->command, CARPORT_COMMAND_STATE_TIMED_OUT);
      carport_command_set_message (tracking->command,
                                   _("The car did not confirm the command in time. It may still carry it out."));
      track_finish (self, tracking);
      return G_SOURCE_REMOVE;
    }

  carport_vehicle_client_poll_command_async (self->client, tracking->vehicle, tracking->command, self->cancellable,
                                              poll_cb, tracking);
  return G_SOURCE_REMOVE;
}

static void
track_poll (CarportAccount *self,
            Tracking       *tracking)
{
  tracking->timeout_source = g_timeout_add (tracking->interval_ms, poll_timeout_cb, tracking);
  tracking->interval_ms = MIN (tracking->interval_ms * 2, MAX (MAX_POLL_INTERVAL_MS, self->poll_interval_ms));
}

static void
command_sent_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CarportAccount *self = g_task_get_source_object (task);
  CarportCommand *command = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  Tracking *tracking;
  CarportVehicle *vehicle;

  carport_account_busy_pop (self);
  vehicle = carport_account_find_vehicle (self, carport_command_get_vin (command));
  if (!carport_vehicle_client_send_command_finish (CARPORT_VEHICLE_CLIENT (source), result, &error))
    {
      carport_account_note_error (self, error);
      if (carport_command_get_state (command) != CARPORT_COMMAND_STATE_FAILED)
        carport_command_fail (command, error->message);
      g_ptr_array_remove (self->commands, command);
      if (vehicle && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_signal_emit (self, carport_account_signals[CARPORT_ACCOUNT_SIGNAL_EVENT], 0, CARPORT_SESSION_EVENT_COMMAND_FINISHED, vehicle, command);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  tracking = g_new0 (Tracking, 1);
  tracking->command = g_object_ref (command);
  tracking->vehicle = vehicle ? g_object_ref (vehicle) : NULL;
  tracking->interval_ms = self->poll_interval_ms;
  tracking->deadline = g_get_monotonic_time () + (gint64) self->command_timeout * G_USEC_PER_SEC;

  if (!vehicle)
    {
      tracking_free (tracking);
      g_task_return_boolean (task, TRUE);
      return;
    }

  /* Without a server id there is nothing to follow: the server took it. */
  if (!carport_command_get_server_id (command))
    {
      carport_command_set_state (command, CARPORT_COMMAND_STATE_COMPLETED);
      tracking->waiter = g_steal_pointer (&task);
      track_finish (self, tracking);
      return;
    }

  if (g_task_get_task_data (task) && g_object_get_data (G_OBJECT (task), "carport-wait"))
    tracking->waiter = g_steal_pointer (&task);
  else
    g_task_return_boolean (task, TRUE);

  track_poll (self, tracking);
}

void
carport_account_send_command_async (CarportAccount      *self,
                                    CarportCommand      *command,
                                    gboolean             wait,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  CarportVehicle *vehicle;

  g_return_if_fail (CARPORT_IS_ACCOUNT (self));
  g_return_if_fail (CARPORT_IS_COMMAND (command));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, carport_account_send_command_async);
  g_task_set_task_data (task, g_object_ref (command), g_object_unref);
  if (wait)
    g_object_set_data (G_OBJECT (task), "carport-wait", GINT_TO_POINTER (TRUE));

  vehicle = carport_account_find_vehicle (self, carport_command_get_vin (command));
  if (!self->client || !vehicle)
    {
      g_task_return_new_error (task, CARPORT_API_ERROR, CARPORT_API_ERROR_FAILED,
                               _("This car is not in the account any more."));
      return;
    }
  if (carport_command_get_state (command) != CARPORT_COMMAND_STATE_NEW)
    {
      g_task_return_new_error (task, CARPORT_API_ERROR, CARPORT_API_ERROR_FAILED,
                               "A command is sent only once");
      return;
    }
  if (carport_account_get_command_in_flight (self, vehicle, carport_command_get_kind (command)))
    {
      g_task_return_new_error (task, CARPORT_API_ERROR, CARPORT_API_ERROR_IN_PROGRESS,
                               _("%s is already on its way to the car."),
                               carport_command_kind_get_title (carport_command_get_kind (command)));
      return;
    }
  if (carport_account_quota_blocked (self, &error))
    {
      carport_command_fail (command, error->message);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_ptr_array_add (self->commands, g_object_ref (command));
  carport_account_busy_push (self);
  carport_vehicle_client_send_command_async (self->client, vehicle, command, self->cancellable,
                                              command_sent_cb, g_steal_pointer (&task));
}

gboolean
carport_account_send_command_finish (CarportAccount  *self,
                                     GAsyncResult    *result,
                                     GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
