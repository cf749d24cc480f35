/* carport-nissan-lock.c — a Nissan's remote lock chain (api-nissan.md §3.4)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * This computer is registered for each car under a device id the service
 * gives (generate-device-otp e-mails the owner a 6-digit code,
 * register-device takes it, registration-status tells, and a DELETE of the
 * car's device forgets it). The PIN is enrolled
 * with srp-initiates (salt and verifier, x = H(salt | H(userId ":" PIN))).
 * Each lock or unlock asks srp-sets for a challenge with a fresh A, polls
 * the action status until srpLoginS and srpLoginB arrive, and sends
 * lock-unlock with the device id and the proof bound to "<VIN>/RLU/Lock" or
 * "…/Unlock". The user id is the SRP user. Nothing of this goes to a car
 * outside the gate of carport-nissan-json.c (remote_lock_commands()).
 */
#include "config.h"

#define G_LOG_DOMAIN "carport-api"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "carport-api-error.h"
#include "carport-json.h"
#include "carport-kamereon-json.h"
#include "carport-nissan-client-private.h"
#include "carport-nissan-json.h"
#include "carport-srp.h"

/* The challenge is polled at once (the first answer is often 404: not
 * indexed yet), then after 250 ms, twice the last wait up to 2 s, until the
 * HTTP deadline has passed since srp-sets. */
#define FIRST_POLL_MS 250
#define LONGEST_POLL_MS 2000
#define SALT_BYTES 10
/* What Nissan lists this computer as among the car's devices. */
#define DEVICE_MODEL_NAME "Carport"

static GBytes *
take_bytes (char *text)
{
  return g_bytes_new_take (text, strlen (text));
}

static char *
escape (const char *segment)
{
  return g_uri_escape_string (segment, NULL, FALSE);
}

/* ------------------------------------------------------------------------ */
/* This computer as one of the car's devices (steps 1–3) */

typedef struct {
  CarportVehicle    *vehicle;    /* owned */
  CarportDeviceStep  step;
  char              *device_id;
  char              *code;       /* REGISTER: the e-mailed code, wiped */
} DeviceData;

static void
device_data_free (DeviceData *data)
{
  g_clear_object (&data->vehicle);
  g_free (data->device_id);
  if (data->code != NULL)
    explicit_bzero (data->code, strlen (data->code));
  g_free (data->code);
  g_free (data);
}

/* The DELETE of this computer failed with @error (taken): 404, a device
 * Nissan does not know, is what was wanted; the other errors say whether
 * the computer may still be registered. */
static void
forget_failed (GTask  *task,
               GError *error)
{
  g_autoptr(GError) owned = error;
  const char *message = NULL;

  if (g_error_matches (error, CARPORT_API_ERROR, CARPORT_API_ERROR_NOT_FOUND))
    {
      g_debug ("DELETE device: not registered");
      g_task_return_int (task, FALSE);
      return;
    }
  if (error->domain != CARPORT_API_ERROR || error->code == CARPORT_API_ERROR_LOGIN_EXPIRED)
    {
      g_task_return_error (task, g_steal_pointer (&owned));
      return;
    }

  g_debug ("DELETE device failed: %s", error->message);
  switch ((CarportApiError) error->code)
    {
    case CARPORT_API_ERROR_TIMEOUT:
      /* It may have been done: the next try tells (404 is done). */
      message = _("Nissan did not answer in time, so this computer may still be registered with the car. Try again.");
      break;
    case CARPORT_API_ERROR_UNAUTHORIZED:
      message = _("Nissan did not accept Carport’s login, so this computer is still registered with the car. "
                  "Log in again, then try again.");
      break;
    case CARPORT_API_ERROR_FORBIDDEN:
    case CARPORT_API_ERROR_ACCESS_DENIED:
      message = _("Nissan refused to remove this computer from the car. It can also be removed in the MyNISSAN app.");
      break;
    default:
      break;
    }
  if (message != NULL)
    g_task_return_new_error (task, CARPORT_API_ERROR, error->code, "%s", message);
  else
    /* Translators: the second %s says why (the servers' trouble, …) */
    g_task_return_new_error (task, CARPORT_API_ERROR, error->code, _("This computer could not be removed from the car. %s"),
                             error->message);
}

static void
device_answer_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  DeviceData *data = g_task_get_task_data (task);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;

  root = carport_vehicle_client_request_finish (CARPORT_VEHICLE_CLIENT (source), result, &error);
  if (root != NULL)
    {
      g_task_return_int (task, data->step != CARPORT_DEVICE_STEP_FORGET);
      return;
    }

  switch (data->step)
    {
    case CARPORT_DEVICE_STEP_FORGET:
      forget_failed (task, g_steal_pointer (&error));
      return;
    case CARPORT_DEVICE_STEP_CHECK:
      /* registration-status: 404 is "not registered" (HTTP < 400 is). */
      if (g_error_matches (error, CARPORT_API_ERROR, CARPORT_API_ERROR_NOT_FOUND))
        {
          g_task_return_int (task, FALSE);
          return;
        }
      break;
    case CARPORT_DEVICE_STEP_REGISTER:
      /* 409 / 409010 "Device already exists": it is registered. */
      if (g_error_matches (error, CARPORT_API_ERROR, CARPORT_API_ERROR_IN_PROGRESS))
        {
          g_debug ("register-device: already registered");
          g_task_return_int (task, TRUE);
          return;
        }
      if (g_error_matches (error, CARPORT_API_ERROR, CARPORT_API_ERROR_INVALID_INPUT) ||
          g_error_matches (error, CARPORT_API_ERROR, CARPORT_API_ERROR_FAILED))
        {
          gboolean expired = strstr (error->message, "xpired") != NULL;

          g_debug ("register-device refused the code: %s", error->message);
          g_task_return_new_error (task, CARPORT_API_ERROR, CARPORT_API_ERROR_TFA_CODE_INVALID, "%s",
                                   expired ? _("The code has expired. Ask for a new one.")
                                           : _("The code is not right. Check the e-mail from Nissan and try again."));
          return;
        }
      break;
    case CARPORT_DEVICE_STEP_REQUEST_CODE:
    default:
      break;
    }
  g_task_return_error (task, g_steal_pointer (&error));
}

/* Sends the step's request; @user_id (NULL for FORGET, whose path has
 * none) is the Nissan user. Takes @task. */
static void
device_send (GTask      *task,
             const char *user_id)
{
  CarportNissanClient *self = g_task_get_source_object (task);
  DeviceData *data = g_task_get_task_data (task);
  g_autofree char *user = NULL;
  g_autofree char *vin = NULL;
  g_autofree char *device = NULL;
  g_autofree char *url = NULL;
  g_autoptr(GBytes) body = NULL;
  const char *method = "POST";
  g_autoptr(JsonObject) attributes = NULL;

  user = user_id != NULL ? escape (user_id) : NULL;
  vin = escape (carport_vehicle_get_vin (data->vehicle));
  device = escape (data->device_id);
  attributes = json_object_new ();
  json_object_set_string_member (attributes, "deviceId", data->device_id);
  switch (data->step)
    {
    case CARPORT_DEVICE_STEP_FORGET:
      /* §3.4 step 3: no user in this path; the answer has no body to read. */
      method = "DELETE";
      url = g_strdup_printf ("%s/v1/vehicles/%s/devices/%s",
                             _carport_nissan_client_root (self, CARPORT_NISSAN_SERVICE_BFF), vin, device);
      break;
    case CARPORT_DEVICE_STEP_CHECK:
      method = "GET";
      url = g_strdup_printf ("%s/v1/users/%s/vehicles/%s/devices/%s/registration-status",
                             _carport_nissan_client_root (self, CARPORT_NISSAN_SERVICE_BFF), user, vin, device);
      break;
    case CARPORT_DEVICE_STEP_REQUEST_CODE:
      url = g_strdup_printf ("%s/v1/users/%s/vehicles/%s/generate-device-otp",
                             _carport_nissan_client_root (self, CARPORT_NISSAN_SERVICE_BFF), user, vin);
      body = take_bytes (carport_kamereon_jsonapi_body ("GenerateDeviceOtp", attributes));
      break;
    case CARPORT_DEVICE_STEP_REGISTER:
    default:
      url = g_strdup_printf ("%s/v1/users/%s/vehicles/%s/register-device",
                             _carport_nissan_client_root (self, CARPORT_NISSAN_SERVICE_BFF), user, vin);
      json_object_set_string_member (attributes, "otp", data->code);
      json_object_set_string_member (attributes, "modelName", DEVICE_MODEL_NAME);
      body = take_bytes (carport_kamereon_jsonapi_body ("RegisterDevice", attributes));
      break;
    }

  /* bff-web takes plain JSON (§3.4 step 2) */
  carport_vehicle_client_request_async (CARPORT_VEHICLE_CLIENT (self), method, url, NULL, body,
                                        body != NULL ? "application/json" : NULL,
                                        g_task_get_cancellable (task), device_answer_cb, task);
}

static void
device_user_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  GTask *task = user_data;
  g_autofree char *user_id = NULL;
  GError *error = NULL;

  user_id = carport_auth_provider_get_person_id_finish (CARPORT_AUTH_PROVIDER (source), result, &error);
  if (user_id == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  device_send (task, user_id);
}

void
_carport_nissan_client_device_async (CarportVehicleClient *client,
                                     CarportVehicle       *vehicle,
                                     CarportDeviceStep     step,
                                     const char           *device_id,
                                     const char           *code,
                                     GCancellable         *cancellable,
                                     GAsyncReadyCallback   callback,
                                     gpointer              user_data)
{
  g_autoptr(GTask) task = g_task_new (client, cancellable, callback, user_data);
  DeviceData *data = g_new0 (DeviceData, 1);

  g_task_set_source_tag (task, _carport_nissan_client_device_async);
  data->vehicle = g_object_ref (vehicle);
  data->step = step;
  data->device_id = g_strdup (device_id);
  data->code = g_strdup (code);
  g_task_set_task_data (task, data, (GDestroyNotify) device_data_free);

  if (!carport_vehicle_supports_command (vehicle, CARPORT_COMMAND_KIND_LOCK) &&
      !carport_vehicle_supports_command (vehicle, CARPORT_COMMAND_KIND_SRP_ENROL))
    {
      g_task_return_new_error (task, CARPORT_API_ERROR, CARPORT_API_ERROR_NOT_SUPPORTED,
                               _("This car does not offer remote lock"));
      return;
    }
  if (step == CARPORT_DEVICE_STEP_REGISTER &&
      (code == NULL || strlen (code) != 6 || strspn (code, "0123456789") != 6))
    {
      g_task_return_new_error (task, CARPORT_API_ERROR, CARPORT_API_ERROR_TFA_CODE_INVALID,
                               _("The code is the 6 digits of the e-mail from Nissan"));
      return;
    }
  if (step == CARPORT_DEVICE_STEP_FORGET)
    {
      device_send (g_steal_pointer (&task), NULL);
      return;
    }
  carport_auth_provider_get_person_id_async (carport_vehicle_client_get_auth (client), cancellable,
                                             device_user_cb, g_steal_pointer (&task));
}

gboolean
_carport_nissan_client_device_finish (CarportVehicleClient  *client,
                                      GAsyncResult          *result,
                                      gboolean              *out_registered,
                                      GError               **error)
{
  g_return_val_if_fail (g_task_is_valid (result, client), FALSE);

  return carport_device_step_propagate (G_TASK (result), out_registered, error);
}

/* ------------------------------------------------------------------------ */
/* The PIN: enrolment, and the proof before each command (steps 4–5) */

typedef struct {
  CarportVehicle   *vehicle;   /* owned */
  CarportCommand   *command;   /* owned */
  char             *user_id;
  char             *action_id;
  CarportSrpClient *srp;
  gint64            poll_end_time;
  guint             poll_wait_ms;
  const char       *action;    /* the POST that follows */
} SrpStep;

static void
srp_step_free (SrpStep *step)
{
  g_clear_object (&step->vehicle);
  g_clear_object (&step->command);
  g_free (step->user_id);
  g_free (step->action_id);
  g_clear_pointer (&step->srp, carport_srp_client_free);
  g_free (step);
}

static void
return_body (GTask      *task,
             const char *type,
             JsonObject *attributes)
{
  g_task_return_pointer (task, carport_kamereon_jsonapi_body (type, attributes), g_free);
}

/* Before lock-unlock goes, a failure leaves the car as it was: never an
 * outcome to find out. */
static void
srp_fail (GTask      *task,
          const char *message)
{
  g_task_return_new_error (task, CARPORT_API_ERROR, CARPORT_API_ERROR_FAILED, "%s", message);
}

static gboolean poll_challenge (gpointer owned_task);

static void
challenge_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SrpStep *step = g_task_get_task_data (task);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *salt = NULL;
  g_autofree char *b = NULL;
  g_autofree char *order = NULL;
  g_autofree char *proof = NULL;
  g_autofree char *message = NULL;
  g_autoptr(JsonObject) attributes = NULL;
  gboolean lock;

  root = _carport_nissan_client_request_finish (CARPORT_NISSAN_CLIENT (source), result, &error);
  if (root == NULL && g_error_matches (error, CARPORT_API_ERROR, CARPORT_API_ERROR_TIMEOUT))
    {
      srp_fail (task, _("The car did not answer the PIN check. Nothing was sent to the car."));
      return;
    }
  if (root == NULL && !g_error_matches (error, CARPORT_API_ERROR, CARPORT_API_ERROR_NOT_FOUND))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (root != NULL && carport_nissan_parse_action_status (root, &message) == CARPORT_COMMAND_STATE_FAILED)
    {
      g_debug ("srp-sets failed: %s", message);
      g_task_return_new_error (task, CARPORT_API_ERROR, CARPORT_API_ERROR_FAILED,
                               _("The car refused the PIN check. Nothing was sent to the car."));
      return;
    }
  if (root != NULL)
    {
      salt = carport_nissan_parse_action_data (root, "srpLoginS");
      b = carport_nissan_parse_action_data (root, "srpLoginB");
    }
  if (salt == NULL || b == NULL)
    {
      /* Not indexed yet (404), or not ready: again, until the deadline. */
      step->poll_wait_ms = step->poll_wait_ms == 0 ? FIRST_POLL_MS : MIN (2 * step->poll_wait_ms, LONGEST_POLL_MS);
      if (g_get_monotonic_time () + step->poll_wait_ms * G_TIME_SPAN_MILLISECOND > step->poll_end_time)
        srp_fail (task, _("The car did not answer the PIN check. Nothing was sent to the car."));
      else
        g_timeout_add (step->poll_wait_ms, poll_challenge, g_steal_pointer (&task));
      return;
    }

  if (!carport_srp_client_set_challenge (step->srp, step->user_id, carport_command_get_pin (step->command),
                                         salt, b, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  carport_command_set_pin (step->command, NULL);
  lock = carport_command_get_kind (step->command) == CARPORT_COMMAND_KIND_LOCK;
  order = g_strconcat (carport_vehicle_get_vin (step->vehicle), lock ? "/RLU/Lock" : "/RLU/Unlock", NULL);
  proof = carport_srp_client_dup_proof (step->srp, step->user_id, order);

  /* MyNISSAN 4.0.0's body (api-nissan.md §3.3) */
  attributes = json_object_new ();
  json_object_set_string_member (attributes, "action", lock ? "lock" : "unlock");
  json_object_set_string_member (attributes, "deviceId", carport_command_get_device_id (step->command));
  json_object_set_int_member (attributes, "duration", 0);
  json_object_set_string_member (attributes, "target", "doors_hatch");
  json_object_set_string_member (attributes, "srp", proof);
  return_body (task, "LockUnlock", attributes);
}

/* Takes ownership of @owned_task. */
static gboolean
poll_challenge (gpointer owned_task)
{
  GTask *task = owned_task;
  CarportNissanClient *self = g_task_get_source_object (task);
  SrpStep *step = g_task_get_task_data (task);
  g_autofree char *vin = escape (carport_vehicle_get_vin (step->vehicle));
  g_autofree char *id = escape (step->action_id);
  g_autofree char *url = g_strdup_printf ("%s/v1/cars/%s/actions/status?actionId=%s",
                                          _carport_nissan_client_root (self, CARPORT_NISSAN_SERVICE_ACTION_STATUS),
                                          vin, id);

  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      return G_SOURCE_REMOVE;
    }
  _carport_nissan_client_request_async (self, "GET", url, NULL, g_task_get_cancellable (task), challenge_cb, task);
  return G_SOURCE_REMOVE;
}

static void
srp_sets_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SrpStep *step = g_task_get_task_data (task);
  g_autoptr(JsonNode) root = NULL;
  guint deadline;
  GError *error = NULL;

  root = _carport_nissan_client_request_finish (CARPORT_NISSAN_CLIENT (source), result, &error);
  if (root == NULL)
    {
      if (g_error_matches (error, CARPORT_API_ERROR, CARPORT_API_ERROR_INVALID_INPUT))
        {
          /* srp-sets refuses A when no PIN is set */
          g_debug ("srp-sets refused: %s", error->message);
          g_clear_error (&error);
          g_set_error_literal (&error, CARPORT_API_ERROR, CARPORT_API_ERROR_INVALID_INPUT,
                               _("The car has no remote control PIN yet: set one up first. "
                                 "Nothing was sent to the car."));
        }
      if (g_error_matches (error, CARPORT_API_ERROR, CARPORT_API_ERROR_TIMEOUT))
        {
          g_clear_error (&error);
          srp_fail (task, _("The car did not answer the PIN check. Nothing was sent to the car."));
          return;
        }
      g_task_return_error (task, error);
      return;
    }
  deadline = carport_http_get_deadline (carport_vehicle_client_get_http (CARPORT_VEHICLE_CLIENT (source)));
  step->poll_end_time = deadline == 0 ? G_MAXINT64 : g_get_monotonic_time () + deadline * G_TIME_SPAN_SECOND;
  step->action_id = carport_nissan_parse_action_id (root);
  if (step->action_id == NULL)
    {
      srp_fail (task, _("The car did not answer the PIN check. Nothing was sent to the car."));
      return;
    }
  poll_challenge (g_steal_pointer (&task));
}

static void
srp_user_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CarportNissanClient *self = g_task_get_source_object (task);
  SrpStep *step = g_task_get_task_data (task);
  g_autofree char *public_a = NULL;
  g_autofree char *vin = NULL;
  g_autofree char *url = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonObject) attributes = NULL;
  GError *error = NULL;

  step->user_id = carport_auth_provider_get_person_id_finish (CARPORT_AUTH_PROVIDER (source), result, &error);
  if (step->user_id == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  attributes = json_object_new ();
  if (carport_command_get_kind (step->command) == CARPORT_COMMAND_KIND_SRP_ENROL)
    {
      g_autoptr(GBytes) salt = carport_srp_new_salt (SALT_BYTES);
      g_autofree char *verifier = carport_srp_dup_verifier (carport_srp_params_kamereon (), step->user_id,
                                                            carport_command_get_pin (step->command), salt);
      g_autofree char *salt_hex = g_strnfill (2 * SALT_BYTES, '0');
      const guint8 *bytes = g_bytes_get_data (salt, NULL);

      for (gsize i = 0; i < SALT_BYTES; i++)
        g_snprintf (salt_hex + 2 * i, 3, "%02X", bytes[i]);
      carport_command_set_pin (step->command, NULL);
      json_object_set_string_member (attributes, "s", salt_hex);
      json_object_set_string_member (attributes, "i", step->user_id);
      json_object_set_string_member (attributes, "v", verifier);
      return_body (task, "SrpInitiates", attributes);
      return;
    }

  step->srp = carport_srp_client_new (carport_srp_params_kamereon (), NULL);
  public_a = carport_srp_client_dup_public (step->srp);
  json_object_set_string_member (attributes, "i", step->user_id);
  json_object_set_string_member (attributes, "a", public_a);
  vin = escape (carport_vehicle_get_vin (step->vehicle));
  url = g_strdup_printf ("%s/v1/cars/%s/actions/srp-sets",
                         _carport_nissan_client_root (self, CARPORT_NISSAN_SERVICE_CAR_ADAPTER), vin);
  body = take_bytes (carport_kamereon_jsonapi_body ("SrpSets", attributes));
  _carport_nissan_client_request_async (self, "POST", url, body, g_task_get_cancellable (task), srp_sets_cb,
                                        g_object_ref (task));
}

void
_carport_nissan_client_srp_body_async (CarportNissanClient *self,
                                       CarportVehicle      *vehicle,
                                       CarportCommand      *command,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  SrpStep *step = g_new0 (SrpStep, 1);
  CarportCommandKind kind = carport_command_get_kind (command);
  GError *error = NULL;

  g_task_set_source_tag (task, _carport_nissan_client_srp_body_async);
  step->vehicle = g_object_ref (vehicle);
  step->command = g_object_ref (command);
  step->action = kind == CARPORT_COMMAND_KIND_SRP_ENROL ? "srp-initiates" : "lock-unlock";
  g_task_set_task_data (task, step, (GDestroyNotify) srp_step_free);

  if (!carport_srp_check_pin (carport_command_get_pin (command), &error))
    {
      g_task_return_error (task, error);
      return;
    }
  if (kind != CARPORT_COMMAND_KIND_SRP_ENROL &&
      (carport_command_get_device_id (command) == NULL ||
       _carport_nissan_client_root (self, CARPORT_NISSAN_SERVICE_ACTION_STATUS) == NULL))
    {
      /* Without the device or the action status the proof cannot be made. */
      g_task_return_new_error (task, CARPORT_API_ERROR, CARPORT_API_ERROR_INVALID_INPUT,
                               _("This computer is not registered for the car yet. Nothing was sent to the car."));
      return;
    }
  carport_auth_provider_get_person_id_async (carport_vehicle_client_get_auth (CARPORT_VEHICLE_CLIENT (self)),
                                             cancellable, srp_user_cb, g_steal_pointer (&task));
}

char *
_carport_nissan_client_srp_body_finish (CarportNissanClient  *self,
                                        GAsyncResult         *result,
                                        const char          **out_action,
                                        GError              **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  *out_action = ((SrpStep *) g_task_get_task_data (G_TASK (result)))->action;
  return g_task_propagate_pointer (G_TASK (result), error);
}
