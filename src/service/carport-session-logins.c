/* carport-session-logins.c — the session's logins: every stored one put
 * back at start, one added (or logged in again) with a password and maybe an
 * emailed code, one or every one forgotten. */
#define G_LOG_DOMAIN "carport-service"

#include "config.h"

#include <glib/gi18n.h>

#include "carport-session-private.h"
#include "carport-task-steps.h"

/* ----------------------------------------------------------------------- */
/* Restore: every stored login at once                                     */

typedef struct {
  guint   pending;
  guint   restored;
  GError *error;     /* the first failure */
} RestoreData;

static void
restore_data_free (RestoreData *data)
{
  g_clear_error (&data->error);
  g_free (data);
}

static void
restore_done (GTask *task)
{
  RestoreData *data = g_task_get_task_data (task);

  if (--data->pending > 0)
    return;
  if (data->restored == 0 && data->error)
    g_task_return_error (task, g_steal_pointer (&data->error));
  else
    g_task_return_boolean (task, data->restored > 0);
}

static void
account_restored_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RestoreData *data = g_task_get_task_data (task);
  CarportSession *self = g_task_get_source_object (task);
  CarportAccount *account = CARPORT_ACCOUNT (source);
  g_autoptr(GError) error = NULL;

  if (carport_account_restore_finish (account, result, &error))
    data->restored++;
  else
    {
      g_message ("Could not restore the login of %s: %s", carport_account_get_brand_id (account), error->message);
      /* An expired login stays listed so that the person can log in again. */
      if (!g_error_matches (error, CARPORT_API_ERROR, CARPORT_API_ERROR_LOGIN_EXPIRED) &&
          carport_account_get_state (account) == CARPORT_SESSION_STATE_LOGGED_OUT &&
          g_list_model_get_n_items (carport_account_get_vehicles (account)) == 0)
        carport_session_remove_account (self, account);
      if (!data->error)
        data->error = g_steal_pointer (&error);
    }
  carport_session_update_state (self);
  restore_done (task);
}

static void
credentials_found_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CarportSession *self = g_task_get_source_object (task);
  RestoreData *data = g_task_get_task_data (task);
  g_autoptr(GPtrArray) logins = NULL;

  logins = carport_credential_store_lookup_finish (CARPORT_CREDENTIAL_STORE (source), result, &data->error);
  if (g_task_return_error_if_cancelled (task))
    return;

  for (guint i = 0; logins && i < logins->len; i++)
    {
      CarportCredentials *login = g_ptr_array_index (logins, i);
      g_autoptr(CarportAccount) account = NULL;

      if (!carport_brand_lookup (login->brand) || carport_session_find_account (self, login->brand, login->email))
        continue;
      account = carport_session_new_account (self, login->brand, login->locale, login->email);
      carport_session_add_account (self, account);
      data->pending++;
      carport_account_restore_async (account, login->secret, g_task_get_cancellable (task),
                                     account_restored_cb, g_object_ref (task));
    }
  carport_session_update_state (self);
  restore_done (task);
}

void
carport_session_restore_async (CarportSession      *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  RestoreData *data;

  g_return_if_fail (CARPORT_IS_SESSION (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, carport_session_restore_async);
  data = g_new0 (RestoreData, 1);
  data->pending = 1;
  g_task_set_task_data (task, data, (GDestroyNotify) restore_data_free);

  self->state = CARPORT_SESSION_STATE_RESTORING;
  g_object_notify_by_pspec (G_OBJECT (self), carport_session_properties[PROP_STATE]);
  carport_credential_store_lookup_async (self->store, cancellable, credentials_found_cb, g_steal_pointer (&task));
}

gboolean
carport_session_restore_finish (CarportSession  *self,
                                GAsyncResult    *result,
                                GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ----------------------------------------------------------------------- */
/* Login, the second factor, logout                                        */

static void
account_logged_in_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CarportSession *self = g_task_get_source_object (task);
  CarportAccount *account = CARPORT_ACCOUNT (source);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (g_task_get_source_tag (task) == carport_session_login_async)
    ok = carport_account_login_finish (account, result, &error);
  else
    ok = carport_account_submit_code_finish (account, result, &error);

  if (ok)
    {
      carport_session_add_account (self, account);
      if (self->pending == account)
        carport_session_set_pending (self, NULL);
      g_task_return_boolean (task, TRUE);
      return;
    }
  if (self->pending == account && carport_account_get_state (account) != CARPORT_SESSION_STATE_NEEDS_CODE)
    carport_session_set_pending (self, NULL);
  carport_session_update_state (self);
  g_task_return_error (task, g_steal_pointer (&error));
}

void
carport_session_login_async (CarportSession      *self,
                             const char          *brand_id,
                             const char          *locale,
                             const char          *email,
                             const char          *password,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(CarportAccount) account = NULL;

  g_return_if_fail (CARPORT_IS_SESSION (self));
  g_return_if_fail (email != NULL && password != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, carport_session_login_async);

  if (!carport_brand_lookup (brand_id))
    {
      g_task_return_new_error (task, CARPORT_API_ERROR, CARPORT_API_ERROR_INVALID_INPUT,
                               _("Carport does not know this brand."));
      return;
    }

  account = carport_session_find_account (self, brand_id, email);
  if (account)
    g_object_ref (account);
  else
    account = carport_session_new_account (self, brand_id, locale, email);
  carport_session_set_pending (self, account);
  carport_account_login_async (account, password, cancellable, account_logged_in_cb, g_steal_pointer (&task));
}

gboolean
carport_session_login_finish (CarportSession  *self,
                              GAsyncResult    *result,
                              GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* A task for a step of the login waiting for a code; NULL (the task has
 * failed) when none waits. */
static GTask *
code_task_new (CarportSession      *self,
               gpointer             source_tag,
               GCancellable        *cancellable,
               GAsyncReadyCallback  callback,
               gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  if (!self->pending)
    {
      g_task_return_new_error (task, CARPORT_API_ERROR, CARPORT_API_ERROR_FAILED,
                               _("No verification code was asked for. Log in again."));
      return NULL;
    }
  return g_steal_pointer (&task);
}

void
carport_session_submit_code_async (CarportSession      *self,
                                   const char          *code,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (CARPORT_IS_SESSION (self));
  g_return_if_fail (code != NULL);

  task = code_task_new (self, carport_session_submit_code_async, cancellable, callback, user_data);
  if (task)
    carport_account_submit_code_async (self->pending, code, cancellable, account_logged_in_cb, task);
}

gboolean
carport_session_submit_code_finish (CarportSession  *self,
                                    GAsyncResult    *result,
                                    GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
code_resent_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (carport_account_resend_code_finish (CARPORT_ACCOUNT (source), result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
carport_session_resend_code_async (CarportSession      *self,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (CARPORT_IS_SESSION (self));

  task = code_task_new (self, carport_session_resend_code_async, cancellable, callback, user_data);
  if (task)
    carport_account_resend_code_async (self->pending, cancellable, code_resent_cb, task);
}

gboolean
carport_session_resend_code_finish (CarportSession  *self,
                                    GAsyncResult    *result,
                                    GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
account_logged_out_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  carport_account_logout_finish (CARPORT_ACCOUNT (source), result, &error);
  carport_task_step_done (task, error);
}

static void
store_cleared_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  carport_credential_store_clear_finish (CARPORT_CREDENTIAL_STORE (source), result, &error);
  carport_task_step_done (task, error);
}

static void
store_pins_forgotten_cb (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  carport_credential_store_forget_pins_finish (CARPORT_CREDENTIAL_STORE (source), result, &error);
  carport_task_step_done (task, error);
}

void
carport_session_logout_async (CarportSession      *self,
                              CarportAccount      *account,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GPtrArray) leaving = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_if_fail (CARPORT_IS_SESSION (self));
  g_return_if_fail (account == NULL || CARPORT_IS_ACCOUNT (account));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, carport_session_logout_async);

  if (account)
    g_ptr_array_add (leaving, g_object_ref (account));
  else
    for (guint i = 0; i < carport_session_n_accounts (self); i++)
      g_ptr_array_add (leaving, g_object_ref (carport_session_account_at (self, i)));
  if (!account)
    carport_session_set_pending (self, NULL);

  if (leaving->len == 0)
    {
      /* Nothing known: still make sure no login (or PIN) is left behind. */
      carport_task_steps_begin (task, 2);
      carport_credential_store_clear_async (self->store, NULL, NULL, cancellable, store_cleared_cb,
                                            g_object_ref (task));
      carport_credential_store_forget_pins_async (self->store, NULL, NULL, NULL, cancellable,
                                                  store_pins_forgotten_cb, g_steal_pointer (&task));
      return;
    }

  carport_task_steps_begin (task, leaving->len);
  for (guint i = 0; i < leaving->len; i++)
    {
      CarportAccount *gone = g_ptr_array_index (leaving, i);

      carport_session_remove_account (self, gone);
      carport_account_logout_async (gone, cancellable, account_logged_out_cb, g_object_ref (task));
    }
}

void
carport_session_forget_login_async (CarportSession      *self,
                                    const char          *brand_id,
                                    const char          *email,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  guint n_brands;
  const CarportBrandInfo *brands = carport_brand_registry (&n_brands);

  g_return_if_fail (CARPORT_IS_SESSION (self));
  g_return_if_fail (email != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, carport_session_logout_async);
  if (brand_id && !carport_brand_lookup (brand_id))
    {
      g_task_return_new_error (task, CARPORT_API_ERROR, CARPORT_API_ERROR_INVALID_INPUT,
                               _("Carport does not know this brand."));
      return;
    }

  carport_task_steps_begin (task, 1);

  /* The account of each brand that may hold this login, known or not: logging
   * out of an account that was never restored still clears its keyring item
   * and cached cars. */
  for (guint i = 0; i < n_brands; i++)
    {
      g_autoptr(CarportAccount) account = NULL;

      if (brand_id && carport_brand_lookup (brand_id) != &brands[i])
        continue;
      account = carport_session_find_account (self, brands[i].id, email);
      if (account)
        g_object_ref (account);
      else
        account = carport_session_new_account (self, brands[i].id, NULL, email);
      if (self->pending == account)
        carport_session_set_pending (self, NULL);
      carport_session_remove_account (self, account);
      carport_task_steps_add (task, 1);
      carport_account_logout_async (account, cancellable, account_logged_out_cb, g_object_ref (task));
    }
  /* Balances the 1 above once every brand was asked. */
  carport_task_step_done (task, NULL);
}

gboolean
carport_session_logout_finish (CarportSession  *self,
                               GAsyncResult    *result,
                               GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
