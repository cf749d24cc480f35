/* carport-account-device.c — this computer as a device registered for a car,
 * which some brands' remote lock needs first (Nissan, api-nissan.md §3.4).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The device id is derived, not stored: HMAC-SHA256 keyed with the
 * machine id (/etc/machine-id, random per installation) over the brand's
 * account id and the VIN, the first 16 hex digits, as systemd's
 * sd_id128_get_machine_app_specific() does for an application. So it is
 * stable for a car on this computer whatever happens to the caches (no
 * second registration, and no second of the car's few device slots, after a
 * cache is cleared), differs per car and per account, and tells nothing of
 * the machine id. It is not a secret, but it is never written to argv or a
 * log. */
#define G_LOG_DOMAIN "carport-service"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "carport-account-private.h"
#include "carport-api-error.h"

#define DEVICE_ID_CHARS 16

static const char * const machine_id_files[] = { "/etc/machine-id", "/var/lib/dbus/machine-id" };
static char *machine_id;  /* read once per process, in the main context */

gboolean
carport_account_registers_devices (CarportAccount *self,
                                   CarportVehicle *vehicle)
{
  g_return_val_if_fail (CARPORT_IS_ACCOUNT (self), FALSE);

  return self->client != NULL && carport_vehicle_client_registers_devices (self->client) &&
         (carport_vehicle_supports_command (vehicle, CARPORT_COMMAND_KIND_LOCK) ||
          carport_vehicle_supports_command (vehicle, CARPORT_COMMAND_KIND_UNLOCK) ||
          carport_vehicle_supports_command (vehicle, CARPORT_COMMAND_KIND_SRP_ENROL));
}

static void
return_device_id (GTask *task)
{
  CarportVehicle *vehicle = g_task_get_task_data (task);
  const char *account_id = carport_vehicle_get_account_id (vehicle);
  g_autofree char *message = g_strconcat ("carport-device:", account_id != NULL ? account_id : "", ":",
                                          carport_vehicle_get_vin (vehicle), NULL);
  char *id = g_compute_hmac_for_string (G_CHECKSUM_SHA256, (const guchar *) machine_id, strlen (machine_id),
                                        message, -1);

  id[DEVICE_ID_CHARS] = '\0';
  g_task_return_pointer (task, id, g_free);
}

static void read_machine_id (GTask *task, guint index);

static void
machine_id_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (task), "file-index"));
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;

  if (g_file_load_contents_finish (G_FILE (source), result, &contents, NULL, NULL, &error))
    g_strstrip (contents);
  if (contents != NULL && strlen (contents) >= 32 && machine_id == NULL)
    machine_id = g_steal_pointer (&contents);
  if (machine_id != NULL)
    {
      return_device_id (task);
      return;
    }
  g_debug ("No machine id in %s: %s", machine_id_files[index], error != NULL ? error->message : "too short");
  read_machine_id (g_steal_pointer (&task), index + 1);
}

/* Takes ownership of @task. */
static void
read_machine_id (GTask *task,
                 guint  index)
{
  g_autoptr(GFile) file = NULL;

  if (index >= G_N_ELEMENTS (machine_id_files))
    {
      g_task_return_new_error (task, CARPORT_API_ERROR, CARPORT_API_ERROR_FAILED,
                               _("This computer has no machine id (/etc/machine-id) to register it for the car "
                                 "with. Nothing was sent to the car."));
      g_object_unref (task);
      return;
    }
  file = g_file_new_for_path (machine_id_files[index]);
  g_object_set_data (G_OBJECT (task), "file-index", GUINT_TO_POINTER (index));
  g_file_load_contents_async (file, g_task_get_cancellable (task), machine_id_cb, task);
}

void
carport_account_dup_device_id_async (CarportAccount      *self,
                                     CarportVehicle      *vehicle,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, carport_account_dup_device_id_async);
  g_task_set_task_data (task, g_object_ref (vehicle), g_object_unref);
  if (machine_id != NULL)
    {
      return_device_id (task);
      g_object_unref (task);
      return;
    }
  read_machine_id (task, 0);
}

char *
carport_account_dup_device_id_finish (CarportAccount  *self,
                                      GAsyncResult    *result,
                                      GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ------------------------------------------------------------------------ */
/* One step of the registration */

typedef struct {
  CarportVehicle    *vehicle;  /* owned */
  CarportDeviceStep  step;
  char              *code;     /* wiped */
} DeviceCall;

static void
device_call_free (DeviceCall *call)
{
  g_clear_object (&call->vehicle);
  if (call->code != NULL)
    explicit_bzero (call->code, strlen (call->code));
  g_free (call->code);
  g_free (call);
}

static void
device_step_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CarportAccount *self = g_task_get_source_object (task);
  gboolean registered = FALSE;
  GError *error = NULL;

  carport_account_busy_pop (self);
  if (!carport_vehicle_client_device_finish (CARPORT_VEHICLE_CLIENT (source), result, &registered, &error))
    {
      carport_account_note_error (self, error);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_int (task, registered);
}

static void
device_id_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CarportAccount *self = CARPORT_ACCOUNT (source);
  DeviceCall *call = g_task_get_task_data (task);
  g_autofree char *device_id = NULL;
  GError *error = NULL;

  device_id = carport_account_dup_device_id_finish (self, result, &error);
  if (device_id == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (self->client == NULL)
    {
      g_task_return_new_error (task, CARPORT_API_ERROR, CARPORT_API_ERROR_LOGIN_EXPIRED,
                               _("Log in again to use remote lock."));
      return;
    }
  carport_account_busy_push (self);
  carport_vehicle_client_device_async (self->client, call->vehicle, call->step, device_id, call->code,
                                       g_task_get_cancellable (task), device_step_cb, g_object_ref (task));
}

void
carport_account_device_async (CarportAccount      *self,
                              CarportVehicle      *vehicle,
                              CarportDeviceStep    step,
                              const char          *code,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  DeviceCall *call = g_new0 (DeviceCall, 1);

  g_task_set_source_tag (task, carport_account_device_async);
  call->vehicle = g_object_ref (vehicle);
  call->step = step;
  call->code = g_strdup (code);
  g_task_set_task_data (task, call, (GDestroyNotify) device_call_free);

  if (!carport_account_registers_devices (self, vehicle))
    {
      g_task_return_new_error (task, CARPORT_API_ERROR, CARPORT_API_ERROR_NOT_SUPPORTED, "%s",
                               step == CARPORT_DEVICE_STEP_FORGET
                               ? _("Carport does not register this computer with this car: there is nothing to forget.")
                               : _("This car does not offer remote lock"));
      return;
    }
  carport_account_dup_device_id_async (self, vehicle, cancellable, device_id_cb, g_steal_pointer (&task));
}

gboolean
carport_account_device_finish (CarportAccount  *self,
                               GAsyncResult    *result,
                               gboolean        *out_registered,
                               GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return carport_device_step_propagate (G_TASK (result), out_registered, error);
}
