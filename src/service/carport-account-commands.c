/* carport-account-commands.c — an account's commands, from click to result:
 * sent once (one at a time per car and kind, across processes), followed
 * (polling with back-off until the command's deadline), then the state they
 * change read again and an event emitted. When the sending got no answer,
 * the outcome is not known: the car's state is read until it tells. */
#define G_LOG_DOMAIN "carport-service"

#include "config.h"

#include <glib/gi18n.h>

#include "carport-account-private.h"
#include "carport-command-lock.h"
#include "carport-deadline.h"

/* res-state's code while the engine runs (api-renault.md "res-state"; "10"
 * is "Stopped, ready for RES"). */
#define RES_STATE_RUNNING "42"

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
      /* A delayed start shows in charging-settings (mode "delayed"). */
      return EP (BATTERY_STATUS) | EP (EV_SETTINGS) | EP (CHARGING_SETTINGS);
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
    case CARPORT_COMMAND_KIND_LOCK:
    case CARPORT_COMMAND_KIND_UNLOCK:
      return EP (LOCK_STATUS);
    case CARPORT_COMMAND_KIND_ENGINE_START:
    case CARPORT_COMMAND_KIND_ENGINE_STOP:
      return EP (RES_STATE);
    case CARPORT_COMMAND_KIND_HORN:
    case CARPORT_COMMAND_KIND_LIGHTS:
    case CARPORT_N_COMMAND_KINDS:
    default:
      return 0;
    }
#undef EP
}

/* The endpoint whose state shows whether a command of @kind was carried out,
 * or -1 when no state shows it (horn, lights, programmes, refreshes). */
static int
endpoint_showing (CarportCommandKind kind)
{
  switch (kind)
    {
    case CARPORT_COMMAND_KIND_HVAC_START:
    case CARPORT_COMMAND_KIND_HVAC_STOP:
      return CARPORT_ENDPOINT_HVAC_STATUS;
    case CARPORT_COMMAND_KIND_CHARGE_START:
    case CARPORT_COMMAND_KIND_CHARGE_STOP:
      return CARPORT_ENDPOINT_BATTERY_STATUS;
    case CARPORT_COMMAND_KIND_SOC_LEVELS:
      return CARPORT_ENDPOINT_SOC_LEVELS;
    case CARPORT_COMMAND_KIND_LOCK:
    case CARPORT_COMMAND_KIND_UNLOCK:
      return CARPORT_ENDPOINT_LOCK_STATUS;
    case CARPORT_COMMAND_KIND_ENGINE_START:
    case CARPORT_COMMAND_KIND_ENGINE_STOP:
      return CARPORT_ENDPOINT_RES_STATE;
    case CARPORT_COMMAND_KIND_CHARGE_MODE:
    case CARPORT_COMMAND_KIND_CHARGE_SCHEDULE:
    case CARPORT_COMMAND_KIND_HVAC_SCHEDULE:
    case CARPORT_COMMAND_KIND_HORN:
    case CARPORT_COMMAND_KIND_LIGHTS:
    case CARPORT_COMMAND_KIND_REFRESH_LOCATION:
    case CARPORT_COMMAND_KIND_REFRESH_BATTERY:
    case CARPORT_COMMAND_KIND_REFRESH_HVAC:
    case CARPORT_COMMAND_KIND_REFRESH_LOCKS:
    case CARPORT_N_COMMAND_KINDS:
    default:
      return -1;
    }
}

/* TRUE when @vehicle's state (just read) is what @command asked for. */
static gboolean
state_shows_done (CarportCommand *command,
                  CarportVehicle *vehicle)
{
  CarportClimate *climate = carport_vehicle_get_climate (vehicle);
  CarportChargingState charging = carport_battery_get_charging (carport_vehicle_get_battery (vehicle));
  CarportChargeSettings *settings = carport_vehicle_get_charge_settings (vehicle);
  gboolean planned = carport_command_get_start_at (command) != NULL;
  int soc_min = carport_command_get_soc_min_percent (command);
  int soc_target = carport_command_get_soc_target_percent (command);
  const char *remote_start = carport_services_get_remote_start_code (carport_vehicle_get_services (vehicle));

  switch (carport_command_get_kind (command))
    {
    case CARPORT_COMMAND_KIND_HVAC_START:
      return carport_climate_get_state (climate) == CARPORT_CLIMATE_STATE_ON ||
             (planned && carport_climate_get_next_start (climate) != NULL);
    case CARPORT_COMMAND_KIND_HVAC_STOP:
      return carport_climate_get_state (climate) == CARPORT_CLIMATE_STATE_OFF;
    case CARPORT_COMMAND_KIND_CHARGE_START:
      return charging == CARPORT_CHARGING_STATE_CHARGING ||
             (planned && charging == CARPORT_CHARGING_STATE_WAITING_PLANNED);
    case CARPORT_COMMAND_KIND_CHARGE_STOP:
      return charging != CARPORT_CHARGING_STATE_NONE && charging != CARPORT_CHARGING_STATE_UNKNOWN &&
             charging != CARPORT_CHARGING_STATE_CHARGING;
    case CARPORT_COMMAND_KIND_SOC_LEVELS:
      return (soc_min < 0 || carport_charge_settings_get_soc_min_percent (settings) == soc_min) &&
             (soc_target < 0 || carport_charge_settings_get_soc_target_percent (settings) == soc_target);
    case CARPORT_COMMAND_KIND_LOCK:
      return carport_locks_get_state (carport_vehicle_get_locks (vehicle)) == CARPORT_LOCK_STATE_LOCKED;
    case CARPORT_COMMAND_KIND_UNLOCK:
      return carport_locks_get_state (carport_vehicle_get_locks (vehicle)) == CARPORT_LOCK_STATE_UNLOCKED;
    case CARPORT_COMMAND_KIND_ENGINE_START:
      return g_strcmp0 (remote_start, RES_STATE_RUNNING) == 0;
    case CARPORT_COMMAND_KIND_ENGINE_STOP:
      return remote_start != NULL && *remote_start != '\0' && !g_str_equal (remote_start, RES_STATE_RUNNING);
    default:
      return FALSE;
    }
}

/* Errors that waiting does not cure: the login (or the app's key) is gone. */
static gboolean
is_auth_error (const GError *error)
{
  return g_error_matches (error, CARPORT_API_ERROR, CARPORT_API_ERROR_LOGIN_EXPIRED) ||
         g_error_matches (error, CARPORT_API_ERROR, CARPORT_API_ERROR_UNAUTHORIZED) ||
         g_error_matches (error, CARPORT_API_ERROR, CARPORT_API_ERROR_API_KEY);
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

/* One command from its sending to its final state. */
typedef struct {
  CarportCommand     *command;
  CarportVehicle     *vehicle;
  GTask              *waiter;     /* the caller's task while it waits */
  gboolean            wait;       /* the caller waits for the final state */
  CarportCommandLock *lock;       /* held until the final state */
  CarportDeadline    *deadline;   /* the command's, from sending to the final state */
  guint               interval_ms;
  guint               timeout_source;
  gboolean            verified;   /* the car's state was read to learn the outcome */
  gboolean            sent_in_time; /* the sending ended before the deadline */
  char               *pin;        /* nullable, wiped: a PIN to remember once the car took it */
  gboolean            pin_settled; /* the remembered PIN was kept or forgotten */
  GError             *final_error; /* track_finish()'s while the PIN is settled */
} Tracking;

static void
tracking_free (Tracking *tracking)
{
  g_clear_handle_id (&tracking->timeout_source, g_source_remove);
  /* A PIN the sending did not use (the PIN check failed) goes too. */
  carport_command_set_pin (tracking->command, NULL);
  g_clear_object (&tracking->command);
  g_clear_object (&tracking->vehicle);
  g_clear_object (&tracking->waiter);
  g_clear_pointer (&tracking->lock, carport_command_lock_release);
  g_clear_pointer (&tracking->deadline, carport_deadline_free);
  g_clear_pointer (&tracking->pin, carport_credential_store_pin_free);
  g_clear_error (&tracking->final_error);
  g_free (tracking);
}

/* The account is gone (logged out, disposed): nothing more is learnt. */
static void
track_cancel (Tracking *tracking,
              GError   *error)
{
  if (tracking->waiter)
    g_task_return_error (tracking->waiter, error);
  else
    g_error_free (error);
  tracking_free (tracking);
}

static void track_poll (CarportAccount *self, Tracking *tracking);
static void poll_cb (GObject *source, GAsyncResult *result, gpointer user_data);
static void verify_read (CarportAccount *self, Tracking *tracking);

/* The wait is over: look again (poll the command, or read the car's state). */
static gboolean
track_timeout_cb (gpointer user_data)
{
  Tracking *tracking = user_data;
  CarportAccount *self = g_object_get_data (G_OBJECT (tracking->vehicle), "carport-account");

  tracking->timeout_source = 0;
  if (!self || !self->client)
    track_cancel (tracking, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "Logged out"));
  else if (tracking->verified)
    verify_read (self, tracking);
  else
    carport_vehicle_client_poll_command_async (self->client, tracking->vehicle, tracking->command,
                                                carport_deadline_get_cancellable (tracking->deadline),
                                                poll_cb, tracking);
  return G_SOURCE_REMOVE;
}

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

static void track_finish (CarportAccount *self, Tracking *tracking, GError *error);

static void
pin_settled_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  Tracking *tracking = user_data;

  track_finish (CARPORT_ACCOUNT (source), tracking, g_steal_pointer (&tracking->final_error));
}

/* The command reached its final state: tell everyone, once its PIN was kept
 * in the keyring or forgotten there (carport-account-pins.c). @error (taken,
 * nullable) is what the waiter gets instead of one made from the state. */
static void
track_finish (CarportAccount *self,
              Tracking       *tracking,
              GError         *error)
{
  CarportCommand *command = tracking->command;
  CarportCommandState state = carport_command_get_state (command);
  guint endpoints = endpoints_changed_by (carport_command_get_kind (command));
  const char *message;

  if (!tracking->pin_settled && carport_account_pin_needs_settling (command))
    {
      tracking->pin_settled = TRUE;
      tracking->final_error = error;
      carport_account_settle_pin_async (self, command, tracking->pin, pin_settled_cb, tracking);
      return;
    }
  message = carport_command_get_message (command);

  g_ptr_array_remove (self->commands, command);
  g_clear_pointer (&tracking->lock, carport_command_lock_release);

  /* After a verification the state was just read. */
  if (state == CARPORT_COMMAND_STATE_COMPLETED && endpoints && self->client && !tracking->verified)
    carport_vehicle_client_refresh_async (self->client, tracking->vehicle, endpoints, self->cancellable,
                                           command_refreshed_cb, g_object_ref (tracking->vehicle));
  /* A planned climate start shows as planned from now on, until the car
   * reports it (carport_climate_expect_next_start()). */
  if (state == CARPORT_COMMAND_STATE_COMPLETED &&
      carport_command_get_kind (command) == CARPORT_COMMAND_KIND_HVAC_START &&
      carport_command_get_start_at (command) != NULL &&
      carport_climate_get_next_start (carport_vehicle_get_climate (tracking->vehicle)) == NULL)
    carport_climate_expect_next_start (carport_vehicle_get_climate (tracking->vehicle),
                                       carport_command_get_start_at (command));
  /* A planned start cancelled is gone, whatever a lagging report says. */
  if (state == CARPORT_COMMAND_STATE_COMPLETED &&
      carport_command_get_kind (command) == CARPORT_COMMAND_KIND_HVAC_STOP &&
      carport_command_get_start_at (command) != NULL)
    carport_climate_set_next_start (carport_vehicle_get_climate (tracking->vehicle), NULL);
  if (state == CARPORT_COMMAND_STATE_COMPLETED &&
      carport_command_get_kind (command) == CARPORT_COMMAND_KIND_CHARGE_STOP)
    g_object_set_data (G_OBJECT (tracking->vehicle), "carport-stop-asked", GINT_TO_POINTER (TRUE));

  g_signal_emit (self, carport_account_signals[CARPORT_ACCOUNT_SIGNAL_EVENT], 0, CARPORT_SESSION_EVENT_COMMAND_FINISHED,
                 tracking->vehicle, command);

  if (tracking->waiter && error)
    g_task_return_error (tracking->waiter, g_steal_pointer (&error));
  else if (tracking->waiter && state == CARPORT_COMMAND_STATE_COMPLETED)
    g_task_return_boolean (tracking->waiter, TRUE);
  else if (tracking->waiter)
    g_task_return_new_error (tracking->waiter, CARPORT_API_ERROR,
                             state == CARPORT_COMMAND_STATE_FAILED ? CARPORT_API_ERROR_FAILED
                                                                   : CARPORT_API_ERROR_TIMEOUT,
                             "%s", message ? message : _("The car did not carry out the command."));
  g_clear_error (&error);
  tracking_free (tracking);
}

/* Ends @tracking in @state with @message; see track_finish() for @error. */
static void
track_end (CarportAccount      *self,
           Tracking            *tracking,
           CarportCommandState  state,
           const char          *message,
           GError              *error)
{
  carport_command_set_outcome (tracking->command, state, message);
  track_finish (self, tracking, error);
}

/* An error that waiting does not cure ends the command at once: it was
 * sent, so its outcome is not known. Takes @error. */
static void
track_end_by_auth_error (CarportAccount *self,
                         Tracking       *tracking,
                         GError         *error)
{
  g_autofree char *message = NULL;
  GError *reported;

  if (g_error_matches (error, CARPORT_API_ERROR, CARPORT_API_ERROR_LOGIN_EXPIRED))
    carport_account_set_state (self, CARPORT_SESSION_STATE_LOGGED_OUT);
  /* Translators: the first %s says why (e.g. "Your login has expired. Please log in again.") */
  message = g_strdup_printf (_("%s The command was sent; whether the car carried it out is not known."),
                             error->message);
  reported = g_error_new_literal (error->domain, error->code, message);
  g_error_free (error);
  track_end (self, tracking, CARPORT_COMMAND_STATE_UNKNOWN, message, reported);
}

/* Waits (longer each time) before looking again, or ends the command when
 * the servers asked Carport to wait (the quota back-off) past its deadline. */
static void
track_wait (CarportAccount *self,
            Tracking       *tracking)
{
  g_autoptr(GError) quota = NULL;
  g_autofree char *message = NULL;
  guint ms = tracking->interval_ms;

  tracking->interval_ms = MIN (tracking->interval_ms * 2, MAX (MAX_POLL_INTERVAL_MS, self->poll_interval_ms));
  if (!carport_account_quota_blocked (self, &quota))
    {
      tracking->timeout_source = g_timeout_add (ms, track_timeout_cb, tracking);
      return;
    }
  if (self->quota_until < carport_deadline_get_end_time (tracking->deadline))
    {
      ms = MAX (ms, (guint) ((self->quota_until - g_get_monotonic_time ()) / 1000 + 1));
      tracking->timeout_source = g_timeout_add (ms, track_timeout_cb, tracking);
      return;
    }

  g_debug ("The servers asked to wait past the command's deadline: no more requests for it");
  message = g_strdup_printf ("%s %s", quota->message,
                             tracking->verified
                             ? _("Whether the car carried out the command is not known: check the car before sending it again.")
                             : _("Carport stopped following the command; the car may still carry it out."));
  track_end (self, tracking,
             tracking->verified ? CARPORT_COMMAND_STATE_UNKNOWN : CARPORT_COMMAND_STATE_TIMED_OUT,
             message, NULL);
}

/* ----------------------------------------------------------------------- */
/* Following a command the server took                                     */

static void
poll_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Tracking *tracking = user_data;
  CarportAccount *self;
  GError *error = NULL;
  CarportCommandState state = CARPORT_COMMAND_STATE_PENDING;

  carport_vehicle_client_poll_command_finish (CARPORT_VEHICLE_CLIENT (source), result, &state, &error);
  self = g_object_get_data (G_OBJECT (tracking->vehicle), "carport-account");
  if (!self || (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
                !carport_deadline_expired (tracking->deadline, error)))
    {
      track_cancel (tracking, error ? error : g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "Logged out"));
      return;
    }

  if (error)
    {
      carport_account_note_error (self, error);
      if (is_auth_error (error))
        {
          track_end_by_auth_error (self, tracking, error);
          return;
        }
      /* Other failed polls are not a failed command: try again until the deadline. */
      g_debug ("Polling a command failed: %s", error->message);
      g_clear_error (&error);
    }
  else if (state != CARPORT_COMMAND_STATE_PENDING)
    {
      track_finish (self, tracking, NULL);
      return;
    }
  track_poll (self, tracking);
}

static void
track_poll (CarportAccount *self,
            Tracking       *tracking)
{
  if (carport_deadline_has_passed (tracking->deadline))
    {
      track_end (self, tracking, CARPORT_COMMAND_STATE_TIMED_OUT,
                 _("The car did not confirm the command in time. It may still carry it out."), NULL);
      return;
    }
  track_wait (self, tracking);
}

/* ----------------------------------------------------------------------- */
/* No answer to the sending: what does the car's state say?               */

static void
verify_read_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  Tracking *tracking = user_data;
  CarportCommand *command = tracking->command;
  int endpoint = endpoint_showing (carport_command_get_kind (command));
  GError *error = NULL;
  CarportAccount *self;

  carport_vehicle_client_refresh_finish (CARPORT_VEHICLE_CLIENT (source), result, &error);
  self = g_object_get_data (G_OBJECT (tracking->vehicle), "carport-account");
  if (!self || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      track_cancel (tracking, error ? error : g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "Logged out"));
      return;
    }
  carport_account_vehicle_refreshed (self, tracking->vehicle, error);

  /* Read now, not left as it was (an error, or learnt unsupported). */
  if (error == NULL && carport_vehicle_get_endpoint_error (tracking->vehicle, endpoint) == NULL &&
      (carport_vehicle_get_readable_endpoints (tracking->vehicle) & (1u << endpoint)))
    {
      if (state_shows_done (command, tracking->vehicle))
        {
          track_end (self, tracking, CARPORT_COMMAND_STATE_COMPLETED,
                     _("The server did not answer, but the car’s state shows the command was carried out."), NULL);
          return;
        }
      /* The car had all the command's time to do it. */
      if (carport_deadline_has_passed (tracking->deadline) && tracking->sent_in_time)
        {
          track_end (self, tracking, CARPORT_COMMAND_STATE_FAILED,
                     _("The server did not answer, and the car’s state shows the command was not carried out. It can be sent again."),
                     NULL);
          return;
        }
    }
  else if (is_auth_error (error))
    {
      track_end_by_auth_error (self, tracking, error);
      return;
    }
  g_clear_error (&error);

  if (carport_deadline_has_passed (tracking->deadline))
    {
      track_end (self, tracking, CARPORT_COMMAND_STATE_UNKNOWN,
                 _("The server did not answer, and the car’s state does not show whether the command was carried out. Check the car before sending it again."),
                 NULL);
      return;
    }
  track_wait (self, tracking);
}

/* Reads what the command changes; that read is then its final refresh. */
static void
verify_read (CarportAccount *self,
             Tracking       *tracking)
{
  CarportCommandKind kind = carport_command_get_kind (tracking->command);

  /* A read may end after the command's deadline: it has its own. */
  carport_vehicle_client_refresh_async (self->client, tracking->vehicle,
                                         endpoints_changed_by (kind) | (1u << endpoint_showing (kind)),
                                         self->cancellable, verify_read_cb, tracking);
}

/* The sending of @tracking got no answer (timed out, connection lost, or
 * the command's deadline passed): the server may have taken it. */
static void
verify_start (CarportAccount *self,
              Tracking       *tracking)
{
  int endpoint = endpoint_showing (carport_command_get_kind (tracking->command));

  tracking->verified = TRUE;
  tracking->sent_in_time = !carport_deadline_has_passed (tracking->deadline);
  if (endpoint < 0 || !(carport_vehicle_get_readable_endpoints (tracking->vehicle) & (1u << endpoint)))
    {
      track_end (self, tracking, CARPORT_COMMAND_STATE_UNKNOWN,
                 _("The server did not answer, and nothing Carport can read shows whether the command was carried out. Check the car before sending it again."),
                 NULL);
      return;
    }

  g_debug ("No answer to a command; reading the car's state to learn its outcome");
  carport_command_set_outcome (tracking->command, CARPORT_COMMAND_STATE_VERIFYING,
                               _("The server did not answer. Carport is reading the car’s state to see whether the command was carried out."));
  verify_read (self, tracking);
}

/* ----------------------------------------------------------------------- */
/* Sending                                                                 */

static void
command_sent_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Tracking *tracking = user_data;
  CarportAccount *self = g_task_get_source_object (tracking->waiter);
  CarportCommand *command = tracking->command;
  GError *error = NULL;

  carport_account_busy_pop (self);
  if (!carport_vehicle_client_send_command_finish (CARPORT_VEHICLE_CLIENT (source), result, &error))
    {
      if (carport_deadline_expired (tracking->deadline, error) ||
          g_error_matches (error, CARPORT_API_ERROR, CARPORT_API_ERROR_TIMEOUT))
        {
          g_debug ("Sending a command got no answer: %s", error->message);
          g_error_free (error);
          verify_start (self, tracking);
          return;
        }
      carport_account_note_error (self, error);
      if (carport_command_get_state (command) != CARPORT_COMMAND_STATE_FAILED)
        carport_command_fail (command, error->message);
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_ptr_array_remove (self->commands, command);
          track_cancel (tracking, error);
          return;
        }
      track_finish (self, tracking, error);
      return;
    }

  /* Without a server id there is nothing to follow: the server took it. */
  if (!carport_command_get_server_id (command))
    {
      carport_command_set_state (command, CARPORT_COMMAND_STATE_COMPLETED);
      track_finish (self, tracking, NULL);
      return;
    }

  if (!tracking->wait)
    {
      g_task_return_boolean (tracking->waiter, TRUE);
      g_clear_object (&tracking->waiter);
    }
  track_poll (self, tracking);
}

static void
device_id_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  CarportAccount *self = CARPORT_ACCOUNT (source);
  Tracking *tracking = user_data;
  g_autofree char *device_id = NULL;
  g_autoptr(GError) error = NULL;

  device_id = carport_account_dup_device_id_finish (self, result, &error);
  carport_command_set_device_id (tracking->command, device_id);
  /* Without one, the client refuses the command before sending anything. */
  if (device_id == NULL)
    g_debug ("No device id: %s", error->message);
  carport_vehicle_client_send_command_async (self->client, tracking->vehicle, tracking->command,
                                              carport_deadline_get_cancellable (tracking->deadline),
                                              command_sent_cb, tracking);
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
  g_autoptr(CarportCommandLock) lock = NULL;
  CarportVehicle *vehicle;
  Tracking *tracking;

  g_return_if_fail (CARPORT_IS_ACCOUNT (self));
  g_return_if_fail (CARPORT_IS_COMMAND (command));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, carport_account_send_command_async);

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
  /* Another Carport process (carport-cli, the app) may be sending it. */
  lock = carport_command_lock_acquire (carport_vehicle_get_account_id (vehicle), carport_vehicle_get_vin (vehicle),
                                       carport_command_get_kind (command), &error);
  if (!lock)
    {
      carport_command_fail (command, error->message);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  tracking = g_new0 (Tracking, 1);
  tracking->command = g_object_ref (command);
  tracking->vehicle = g_object_ref (vehicle);
  tracking->waiter = g_steal_pointer (&task);
  tracking->wait = wait;
  tracking->lock = g_steal_pointer (&lock);
  tracking->deadline = carport_deadline_new (self->cancellable, self->command_timeout);
  tracking->interval_ms = self->poll_interval_ms;
  if (carport_command_get_pin_source (command) == CARPORT_PIN_SOURCE_REMEMBER)
    tracking->pin = g_strdup (carport_command_get_pin (command));

  g_ptr_array_add (self->commands, g_object_ref (command));
  carport_account_busy_push (self);
  /* Lock and unlock of a brand that knows this computer as a device
   * (Nissan) carry its id. */
  if (carport_account_registers_devices (self, vehicle) &&
      carport_command_get_kind (command) != CARPORT_COMMAND_KIND_SRP_ENROL)
    {
      carport_account_dup_device_id_async (self, vehicle, carport_deadline_get_cancellable (tracking->deadline),
                                           device_id_cb, tracking);
      return;
    }
  carport_vehicle_client_send_command_async (self->client, vehicle, command,
                                              carport_deadline_get_cancellable (tracking->deadline),
                                              command_sent_cb, tracking);
}

gboolean
carport_account_send_command_finish (CarportAccount  *self,
                                     GAsyncResult    *result,
                                     GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
