/* carport-account-pins.c — the remote control PINs of an account's cars that
 * the person asked Carport to remember: kept in the keyring (never
 * elsewhere) once the car took the PIN, forgotten when the car refuses it,
 * when a new PIN is set without "remember", when asked, and with the login.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "carport-service"

#include "config.h"

#include <glib/gi18n.h>

#include "carport-account-private.h"

static void
pin_looked_up_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  char *pin = carport_credential_store_lookup_pin_finish (CARPORT_CREDENTIAL_STORE (source), result, &error);

  if (error)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, pin, (GDestroyNotify) carport_credential_store_pin_free);
}

void
carport_account_lookup_pin_async (CarportAccount      *self,
                                  const char          *vin,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (CARPORT_IS_ACCOUNT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, carport_account_lookup_pin_async);
  carport_credential_store_lookup_pin_async (self->store, self->brand_id, self->email, vin,
                                             cancellable, pin_looked_up_cb, task);
}

char *
carport_account_lookup_pin_finish (CarportAccount  *self,
                                   GAsyncResult    *result,
                                   GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
pins_forgotten_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  carport_account_write_done (g_task_get_source_object (task));
  if (!carport_credential_store_forget_pins_finish (CARPORT_CREDENTIAL_STORE (source), result, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
carport_account_forget_pins_async (CarportAccount      *self,
                                   const char          *vin,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (CARPORT_IS_ACCOUNT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, carport_account_forget_pins_async);
  carport_account_write_started (self);
  carport_credential_store_forget_pins_async (self->store, self->brand_id, self->email, vin,
                                              cancellable, pins_forgotten_cb, task);
}

gboolean
carport_account_forget_pins_finish (CarportAccount  *self,
                                    GAsyncResult    *result,
                                    GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* What becomes of the PIN of @command, which ended. */
typedef enum {
  PIN_KEEP_AS_IT_IS,
  PIN_REMEMBER,       /* the car took the PIN the person asked to remember */
  PIN_FORGET_STALE,   /* a new PIN was set without "remember" */
  PIN_FORGET_REFUSED, /* the car refused the remembered PIN */
} PinFate;

static PinFate
pin_fate (CarportCommand *command)
{
  CarportCommandKind kind = carport_command_get_kind (command);
  CarportCommandState state = carport_command_get_state (command);
  CarportPinSource source = carport_command_get_pin_source (command);

  if (!carport_command_kind_takes_pin (kind) && kind != CARPORT_COMMAND_KIND_SRP_ENROL)
    return PIN_KEEP_AS_IT_IS;
  if (state == CARPORT_COMMAND_STATE_COMPLETED && source == CARPORT_PIN_SOURCE_REMEMBER)
    return PIN_REMEMBER;
  if (state == CARPORT_COMMAND_STATE_COMPLETED && kind == CARPORT_COMMAND_KIND_SRP_ENROL)
    return PIN_FORGET_STALE;
  if (state == CARPORT_COMMAND_STATE_FAILED && source == CARPORT_PIN_SOURCE_REMEMBERED &&
      carport_command_get_pin_check (command) != CARPORT_PIN_CHECK_UNKNOWN)
    return PIN_FORGET_REFUSED;
  return PIN_KEEP_AS_IT_IS;
}

gboolean
carport_account_pin_needs_settling (CarportCommand *command)
{
  return pin_fate (command) != PIN_KEEP_AS_IT_IS;
}

/* Adds @sentence to the message of @command. */
static void
command_add_sentence (CarportCommand *command,
                      const char     *sentence)
{
  const char *message = carport_command_get_message (command);
  g_autofree char *both = message ? g_strdup_printf ("%s %s", message, sentence) : NULL;

  carport_command_set_message (command, both ? both : sentence);
}

static void
pin_settled_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CarportCommand *command = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  PinFate fate = pin_fate (command);

  carport_account_write_done (g_task_get_source_object (task));
  if (fate == PIN_REMEMBER)
    carport_credential_store_store_pin_finish (CARPORT_CREDENTIAL_STORE (source), result, &error);
  else
    carport_credential_store_forget_pins_finish (CARPORT_CREDENTIAL_STORE (source), result, &error);

  if (error)
    command_add_sentence (command, error->message);
  else if (fate == PIN_FORGET_REFUSED)
    command_add_sentence (command, _("Carport forgot the remembered PIN."));
  g_task_return_boolean (task, TRUE);
}

void
carport_account_settle_pin_async (CarportAccount      *self,
                                  CarportCommand      *command,
                                  const char          *typed_pin,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, NULL, callback, user_data);
  const char *vin = carport_command_get_vin (command);
  PinFate fate = pin_fate (command);

  g_task_set_source_tag (task, carport_account_settle_pin_async);
  g_task_set_task_data (task, g_object_ref (command), g_object_unref);

  if (fate == PIN_KEEP_AS_IT_IS || (fate == PIN_REMEMBER && typed_pin == NULL))
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  carport_account_write_started (self);
  if (fate == PIN_REMEMBER)
    carport_credential_store_store_pin_async (self->store, self->brand_id, self->email, vin, typed_pin,
                                              NULL, pin_settled_cb, g_steal_pointer (&task));
  else
    carport_credential_store_forget_pins_async (self->store, self->brand_id, self->email, vin,
                                                NULL, pin_settled_cb, g_steal_pointer (&task));
}
