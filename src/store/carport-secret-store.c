/* carport-secret-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#define G_LOG_DOMAIN "carport-store"

#include <glib/gi18n.h>

#include "carport-secret-store-private.h"

#define ATTR_BRAND  "brand"
#define ATTR_LOCALE "locale"
#define ATTR_EMAIL  "email"

struct _CarportSecretStore
{
  GObject parent_instance;
};

static void carport_secret_store_iface_init (CarportCredentialStoreInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CarportSecretStore, carport_secret_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (CARPORT_TYPE_CREDENTIAL_STORE,
                                                      carport_secret_store_iface_init))

const SecretSchema *
carport_secret_store_get_schema (void)
{
  static const SecretSchema schema = {
    "io.github.carport.Carport.Login", SECRET_SCHEMA_NONE,
    {
      { ATTR_BRAND, SECRET_SCHEMA_ATTRIBUTE_STRING },
      { ATTR_LOCALE, SECRET_SCHEMA_ATTRIBUTE_STRING },
      { ATTR_EMAIL, SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };

  return &schema;
}

/* No Secret Service to talk to: nobody owns org.freedesktop.secrets and it
 * cannot be activated, the bus itself is missing, or the owner does not
 * speak the protocol. */
static gboolean
is_no_keyring_error (const GError *error)
{
  if (error->domain == G_DBUS_ERROR)
    {
      switch (error->code)
        {
        case G_DBUS_ERROR_SERVICE_UNKNOWN:
        case G_DBUS_ERROR_NAME_HAS_NO_OWNER:
        case G_DBUS_ERROR_NO_SERVER:
        case G_DBUS_ERROR_DISCONNECTED:
        case G_DBUS_ERROR_NO_REPLY:
        case G_DBUS_ERROR_TIMEOUT:
        case G_DBUS_ERROR_TIMED_OUT:
        case G_DBUS_ERROR_ACCESS_DENIED:
        case G_DBUS_ERROR_UNKNOWN_METHOD:
        case G_DBUS_ERROR_UNKNOWN_OBJECT:
        case G_DBUS_ERROR_UNKNOWN_INTERFACE:
        case G_DBUS_ERROR_SPAWN_EXEC_FAILED:
        case G_DBUS_ERROR_SPAWN_FORK_FAILED:
        case G_DBUS_ERROR_SPAWN_CHILD_EXITED:
        case G_DBUS_ERROR_SPAWN_CHILD_SIGNALED:
        case G_DBUS_ERROR_SPAWN_FAILED:
        case G_DBUS_ERROR_SPAWN_SETUP_FAILED:
        case G_DBUS_ERROR_SPAWN_CONFIG_INVALID:
        case G_DBUS_ERROR_SPAWN_SERVICE_INVALID:
        case G_DBUS_ERROR_SPAWN_SERVICE_NOT_FOUND:
        case G_DBUS_ERROR_SPAWN_PERMISSIONS_INVALID:
        case G_DBUS_ERROR_SPAWN_FILE_INVALID:
        case G_DBUS_ERROR_SPAWN_NO_MEMORY:
          return TRUE;

        default:
          return FALSE;
        }
    }

  /* Local errors of GIO come from connecting to the session bus (no
   * address, no socket, connection closed) or, inside Flatpak, from
   * reaching the Secret portal. */
  if (error->domain == G_IO_ERROR)
    return error->code != G_IO_ERROR_CANCELLED;

  return FALSE;
}

GError *
_carport_secret_store_translate_error (const GError         *error,
                                       CarportSecretStoreOp  op,
                                       GCancellable         *cancellable)
{
  g_return_val_if_fail (error != NULL, NULL);

  if (error->domain == CARPORT_STORE_ERROR)
    return g_error_copy (error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
      g_cancellable_is_cancelled (cancellable))
    return g_error_copy (error);

  /* The message of the original error names D-Bus objects and error names,
   * never the secret: keep it for debugging only. */
  g_debug ("Keyring error (%s, %d): %s",
           g_quark_to_string (error->domain), error->code, error->message);

  if (is_no_keyring_error (error))
    {
      switch (op)
        {
        case CARPORT_SECRET_STORE_OP_CLEAR:
          return g_error_new_literal (CARPORT_STORE_ERROR, CARPORT_STORE_ERROR_NO_KEYRING,
                                      _("No keyring is available, so Carport could not remove a saved login."));
        case CARPORT_SECRET_STORE_OP_LOOKUP:
        case CARPORT_SECRET_STORE_OP_STORE:
        default:
          return g_error_new_literal (CARPORT_STORE_ERROR, CARPORT_STORE_ERROR_NO_KEYRING,
                                      _("No keyring is available to keep your login. "
                                        "Carport will ask for your password next time."));
        }
    }

  /* A locked item or collection, or an unlock prompt that was dismissed
   * (libsecret reports that as a cancellation nobody asked for). */
  if (g_error_matches (error, SECRET_ERROR, SECRET_ERROR_IS_LOCKED) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      switch (op)
        {
        case CARPORT_SECRET_STORE_OP_STORE:
          return g_error_new_literal (CARPORT_STORE_ERROR, CARPORT_STORE_ERROR_LOCKED,
                                      _("Your keyring is locked, so Carport could not save your login. "
                                        "Carport will ask for your password next time."));
        case CARPORT_SECRET_STORE_OP_CLEAR:
          return g_error_new_literal (CARPORT_STORE_ERROR, CARPORT_STORE_ERROR_LOCKED,
                                      _("Your keyring is locked, so Carport could not remove your saved login. "
                                        "Unlock the keyring and try again."));
        case CARPORT_SECRET_STORE_OP_LOOKUP:
        default:
          return g_error_new_literal (CARPORT_STORE_ERROR, CARPORT_STORE_ERROR_LOCKED,
                                      _("Your keyring is locked. Unlock it to use your saved login, "
                                        "or log in with your password."));
        }
    }

  switch (op)
    {
    case CARPORT_SECRET_STORE_OP_STORE:
      return g_error_new_literal (CARPORT_STORE_ERROR, CARPORT_STORE_ERROR_FAILED,
                                  _("Carport could not save your login in the keyring. "
                                    "It will ask for your password next time."));
    case CARPORT_SECRET_STORE_OP_CLEAR:
      return g_error_new_literal (CARPORT_STORE_ERROR, CARPORT_STORE_ERROR_FAILED,
                                  _("Carport could not remove your saved login from the keyring."));
    case CARPORT_SECRET_STORE_OP_LOOKUP:
    default:
      return g_error_new_literal (CARPORT_STORE_ERROR, CARPORT_STORE_ERROR_FAILED,
                                  _("Carport could not read your saved login from the keyring. "
                                    "Log in with your password."));
    }
}

static void
return_translated_error (GTask                *task,
                         const GError         *error,
                         CarportSecretStoreOp  op)
{
  g_task_return_error (task,
                       _carport_secret_store_translate_error (error, op,
                                                              g_task_get_cancellable (task)));
}

/* Lookup */

/* Completes a lookup with the secret @value of the item found. */
static void
lookup_return_value (GTask       *task,
                     SecretValue *value)
{
  CarportCredentials *found = g_task_get_task_data (task);
  const char *text;

  if (value == NULL)
    {
      /* The item is there but its secret could not be had: still locked. */
      g_autoptr(GError) locked = g_error_new_literal (SECRET_ERROR, SECRET_ERROR_IS_LOCKED, "no secret");
      return_translated_error (task, locked, CARPORT_SECRET_STORE_OP_LOOKUP);
      return;
    }

  text = secret_value_get_text (value);
  if (text == NULL || *text == '\0')
    {
      g_autoptr(GError) bad = g_error_new_literal (SECRET_ERROR, SECRET_ERROR_PROTOCOL,
                                                   "the stored secret is empty or not text");
      return_translated_error (task, bad, CARPORT_SECRET_STORE_OP_LOOKUP);
      return;
    }

  g_task_return_pointer (task,
                         carport_credentials_new (found->brand, found->locale, found->email, text),
                         (GDestroyNotify) carport_credentials_free);
}

static void
lookup_retrieve_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(SecretValue) value = NULL;
  g_autoptr(GError) error = NULL;

  value = secret_retrievable_retrieve_secret_finish (SECRET_RETRIEVABLE (object), result, &error);
  if (error != NULL)
    {
      return_translated_error (task, error, CARPORT_SECRET_STORE_OP_LOOKUP);
      return;
    }
  lookup_return_value (task, value);
}

static void
lookup_search_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  GList *items;
  SecretRetrievable *best = NULL;
  guint64 best_modified = 0;
  g_autoptr(GHashTable) best_attributes = NULL;
  const char *locale;

  items = secret_password_search_finish (result, &error);
  if (error != NULL)
    {
      return_translated_error (task, error, CARPORT_SECRET_STORE_OP_LOOKUP);
      return;
    }

  /* There should be one item; if another program added more, take the
   * newest that has the attributes we need. */
  for (GList *l = items; l != NULL; l = l->next)
    {
      SecretRetrievable *item = l->data;
      g_autoptr(GHashTable) attributes = secret_retrievable_get_attributes (item);
      guint64 modified = secret_retrievable_get_modified (item);
      const char *brand = g_hash_table_lookup (attributes, ATTR_BRAND);
      const char *email = g_hash_table_lookup (attributes, ATTR_EMAIL);

      if (brand == NULL || *brand == '\0' || email == NULL || *email == '\0')
        {
          g_debug ("Ignoring a keyring item without brand or email");
          continue;
        }

      if (best == NULL || modified > best_modified)
        {
          best = item;
          best_modified = modified;
          g_clear_pointer (&best_attributes, g_hash_table_unref);
          best_attributes = g_steal_pointer (&attributes);
        }
    }

  if (best == NULL)
    {
      g_list_free_full (items, g_object_unref);
      g_task_return_pointer (task, NULL, NULL);
      return;
    }

  locale = g_hash_table_lookup (best_attributes, ATTR_LOCALE);
  if (locale != NULL && *locale == '\0')
    locale = NULL;

  g_task_set_task_data (task,
                        carport_credentials_new (g_hash_table_lookup (best_attributes, ATTR_BRAND),
                                                 locale,
                                                 g_hash_table_lookup (best_attributes, ATTR_EMAIL),
                                                 NULL),
                        (GDestroyNotify) carport_credentials_free);

  /* The search loaded the secrets with the items (one D-Bus call for
   * both); other backends (the file keyring in Flatpak) are asked again. */
  if (SECRET_IS_ITEM (best) && secret_item_get_locked (SECRET_ITEM (best)) == FALSE)
    {
      g_autoptr(SecretValue) value = secret_item_get_secret (SECRET_ITEM (best));

      if (value != NULL)
        {
          lookup_return_value (task, value);
          g_list_free_full (items, g_object_unref);
          return;
        }
    }
  secret_retrievable_retrieve_secret (best,
                                      g_task_get_cancellable (task),
                                      lookup_retrieve_cb,
                                      g_object_ref (task));

  g_list_free_full (items, g_object_unref);
}

static void
carport_secret_store_lookup_async (CarportCredentialStore *store,
                                   GCancellable           *cancellable,
                                   GAsyncReadyCallback     callback,
                                   gpointer                user_data)
{
  g_autoptr(GTask) task = NULL;

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, carport_secret_store_lookup_async);

  /* SECRET_SEARCH_UNLOCK lets the keyring ask the person to unlock it. */
  secret_password_search (carport_secret_store_get_schema (),
                          SECRET_SEARCH_ALL | SECRET_SEARCH_UNLOCK | SECRET_SEARCH_LOAD_SECRETS,
                          cancellable,
                          lookup_search_cb,
                          g_steal_pointer (&task),
                          NULL);
}

static CarportCredentials *
carport_secret_store_lookup_finish (CarportCredentialStore  *store,
                                    GAsyncResult            *result,
                                    GError                 **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == carport_secret_store_lookup_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Store: first remove every older item, then add the new one. */

static void
store_stored_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!secret_password_store_finish (result, &error))
    {
      return_translated_error (task, error, CARPORT_SECRET_STORE_OP_STORE);
      return;
    }

  g_task_return_boolean (task, TRUE);
}

static void
store_cleared_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;
  CarportCredentials *credentials = g_task_get_task_data (task);

  /* FALSE without an error: there was nothing to remove. */
  if (!secret_password_clear_finish (result, &error) && error != NULL)
    {
      return_translated_error (task, error, CARPORT_SECRET_STORE_OP_STORE);
      return;
    }

  /* Translators: %s is the e-mail address of the account. The label is
   * shown in keyring managers such as Passwords and Keys. */
  label = g_strdup_printf (_("Carport login for %s"), credentials->email);

  secret_password_store (carport_secret_store_get_schema (),
                         SECRET_COLLECTION_DEFAULT,
                         label,
                         credentials->secret,
                         g_task_get_cancellable (task),
                         store_stored_cb,
                         g_object_ref (task),
                         ATTR_BRAND, credentials->brand,
                         ATTR_LOCALE, credentials->locale ? credentials->locale : "",
                         ATTR_EMAIL, credentials->email,
                         NULL);
}

static void
carport_secret_store_store_async (CarportCredentialStore   *store,
                                  const CarportCredentials *credentials,
                                  GCancellable             *cancellable,
                                  GAsyncReadyCallback       callback,
                                  gpointer                  user_data)
{
  g_autoptr(GTask) task = NULL;

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, carport_secret_store_store_async);
  g_task_set_task_data (task, carport_credentials_copy (credentials),
                        (GDestroyNotify) carport_credentials_free);

  secret_password_clear (carport_secret_store_get_schema (),
                         cancellable,
                         store_cleared_cb,
                         g_steal_pointer (&task),
                         NULL);
}

static gboolean
carport_secret_store_store_finish (CarportCredentialStore  *store,
                                   GAsyncResult            *result,
                                   GError                 **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == carport_secret_store_store_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Clear */

static void
clear_cleared_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!secret_password_clear_finish (result, &error) && error != NULL)
    {
      return_translated_error (task, error, CARPORT_SECRET_STORE_OP_CLEAR);
      return;
    }

  g_task_return_boolean (task, TRUE);
}

static void
carport_secret_store_clear_async (CarportCredentialStore *store,
                                  GCancellable           *cancellable,
                                  GAsyncReadyCallback     callback,
                                  gpointer                user_data)
{
  g_autoptr(GTask) task = NULL;

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, carport_secret_store_clear_async);

  /* No attributes: every item of the schema matches. */
  secret_password_clear (carport_secret_store_get_schema (),
                         cancellable,
                         clear_cleared_cb,
                         g_steal_pointer (&task),
                         NULL);
}

static gboolean
carport_secret_store_clear_finish (CarportCredentialStore  *store,
                                   GAsyncResult            *result,
                                   GError                 **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == carport_secret_store_clear_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
carport_secret_store_iface_init (CarportCredentialStoreInterface *iface)
{
  iface->lookup_async = carport_secret_store_lookup_async;
  iface->lookup_finish = carport_secret_store_lookup_finish;
  iface->store_async = carport_secret_store_store_async;
  iface->store_finish = carport_secret_store_store_finish;
  iface->clear_async = carport_secret_store_clear_async;
  iface->clear_finish = carport_secret_store_clear_finish;
}

static void
carport_secret_store_class_init (CarportSecretStoreClass *klass)
{
}

static void
carport_secret_store_init (CarportSecretStore *self)
{
}

/**
 * carport_secret_store_new:
 *
 * Returns: (transfer full): a credential store backed by the desktop keyring.
 */
CarportSecretStore *
carport_secret_store_new (void)
{
  return g_object_new (CARPORT_TYPE_SECRET_STORE, NULL);
}
