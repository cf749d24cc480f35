/* carport-session-lock.c — CarportSession's part of remote lock: the PINs
 * remembered in the keyring (only when asked) and this computer's
 * registration for a car at brands that register devices (Nissan,
 * api-nissan.md §3.4). The commands themselves go as every command does
 * (carport_session_send_command_async()).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "carport-service"

#include "config.h"

#include <glib/gi18n.h>

#include "carport-session-private.h"

/* The account of @vehicle, or NULL after returning the error on @task. */
static CarportAccount *
pin_account (CarportSession *self,
             CarportVehicle *vehicle,
             GTask          *task)
{
  CarportAccount *account = carport_session_get_vehicle_account (self, vehicle);

  if (!account)
    g_task_return_new_error (task, CARPORT_API_ERROR, CARPORT_API_ERROR_FAILED,
                             _("This car is not in the account any more."));
  return account;
}

static void
pin_looked_up_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  char *pin = carport_account_lookup_pin_finish (CARPORT_ACCOUNT (source), result, &error);

  if (error)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, pin, (GDestroyNotify) carport_credential_store_pin_free);
}

void
carport_session_lookup_pin_async (CarportSession      *self,
                                  CarportVehicle      *vehicle,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  CarportAccount *account;

  g_return_if_fail (CARPORT_IS_SESSION (self));
  g_return_if_fail (CARPORT_IS_VEHICLE (vehicle));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, carport_session_lookup_pin_async);
  if ((account = pin_account (self, vehicle, task)))
    carport_account_lookup_pin_async (account, carport_vehicle_get_vin (vehicle), cancellable,
                                      pin_looked_up_cb, g_steal_pointer (&task));
}

char *
carport_session_lookup_pin_finish (CarportSession  *self,
                                   GAsyncResult    *result,
                                   GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
pin_forgotten_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (carport_account_forget_pins_finish (CARPORT_ACCOUNT (source), result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
carport_session_forget_pin_async (CarportSession      *self,
                                  CarportVehicle      *vehicle,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  CarportAccount *account;

  g_return_if_fail (CARPORT_IS_SESSION (self));
  g_return_if_fail (CARPORT_IS_VEHICLE (vehicle));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, carport_session_forget_pin_async);
  if ((account = pin_account (self, vehicle, task)))
    carport_account_forget_pins_async (account, carport_vehicle_get_vin (vehicle), cancellable,
                                       pin_forgotten_cb, g_steal_pointer (&task));
}

gboolean
carport_session_forget_pin_finish (CarportSession  *self,
                                   GAsyncResult    *result,
                                   GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
carport_session_registers_devices (CarportSession *self,
                                   CarportVehicle *vehicle)
{
  CarportAccount *account;

  g_return_val_if_fail (CARPORT_IS_SESSION (self), FALSE);
  g_return_val_if_fail (CARPORT_IS_VEHICLE (vehicle), FALSE);

  account = carport_session_get_vehicle_account (self, vehicle);
  return account != NULL && carport_account_registers_devices (account, vehicle);
}

static void
device_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  gboolean registered = FALSE;
  GError *error = NULL;

  if (!carport_account_device_finish (CARPORT_ACCOUNT (source), result, &registered, &error))
    g_task_return_error (task, error);
  else
    g_task_return_int (task, registered);
}

void
carport_session_device_async (CarportSession      *self,
                              CarportVehicle      *vehicle,
                              CarportDeviceStep    step,
                              const char          *code,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  CarportAccount *account;

  g_return_if_fail (CARPORT_IS_SESSION (self));
  g_return_if_fail (CARPORT_IS_VEHICLE (vehicle));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, carport_session_device_async);
  if ((account = pin_account (self, vehicle, task)))
    carport_account_device_async (account, vehicle, step, code, cancellable, device_done_cb, g_steal_pointer (&task));
}

gboolean
carport_session_device_finish (CarportSession  *self,
                               GAsyncResult    *result,
                               gboolean        *out_registered,
                               GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return carport_device_step_propagate (G_TASK (result), out_registered, error);
}
