/* carport-secret-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#define G_LOG_DOMAIN "carport-store"

#include <string.h>

#include <glib/gi18n.h>

#include "carport-secret-store-private.h"

#define ATTR_BRAND  "brand"
#define ATTR_LOCALE "locale"
#define ATTR_EMAIL  "email"
#define ATTR_VIN    "vin"

struct _CarportSecretStore
{
  GObject parent_instance;

  gboolean always_retrieve; /* tests only */
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

/* A remembered remote control PIN: one item per car of a login, apart from
 * the logins so that a search for logins never finds one. */
const SecretSchema *
carport_secret_store_get_pin_schema (void)
{
  static const SecretSchema schema = {
    "io.github.carport.Carport.Pin", SECRET_SCHEMA_NONE,
    {
      { ATTR_BRAND, SECRET_SCHEMA_ATTRIBUTE_STRING },
      { ATTR_EMAIL, SECRET_SCHEMA_ATTRIBUTE_STRING },
      { ATTR_VIN, SECRET_SCHEMA_ATTRIBUTE_STRING },
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

  if (op == CARPORT_SECRET_STORE_OP_PIN_LOOKUP || op == CARPORT_SECRET_STORE_OP_PIN_STORE ||
      op == CARPORT_SECRET_STORE_OP_PIN_FORGET)
    {
      CarportStoreError code = is_no_keyring_error (error) ? CARPORT_STORE_ERROR_NO_KEYRING
                               : g_error_matches (error, SECRET_ERROR, SECRET_ERROR_IS_LOCKED) ||
                                 g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
                               ? CARPORT_STORE_ERROR_LOCKED : CARPORT_STORE_ERROR_FAILED;

      return g_error_new_literal (CARPORT_STORE_ERROR, code,
                                  op == CARPORT_SECRET_STORE_OP_PIN_LOOKUP
                                  ? _("Carport could not read the remembered PIN from the keyring.")
                                  : op == CARPORT_SECRET_STORE_OP_PIN_STORE
                                  ? _("Carport could not keep the PIN in the keyring, so it will ask for it next time.")
                                  : _("Carport could not remove the remembered PIN from the keyring."));
    }

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

/* One login found by the search: the newest item of its brand and email. */
typedef struct
{
  SecretRetrievable *item;         /* owned */
  CarportCredentials *credentials; /* owned; secret NULL until loaded */
  guint64 created;
  guint64 modified;
} Found;

typedef struct
{
  GPtrArray *found;  /* owned Found * */
  guint pending;     /* secrets still being retrieved */
  GError *error;     /* owned, nullable: the first failure, translated */
} LookupData;

static void
found_free (Found *found)
{
  g_clear_object (&found->item);
  g_clear_pointer (&found->credentials, carport_credentials_free);
  g_free (found);
}

static void
lookup_data_free (LookupData *data)
{
  g_clear_pointer (&data->found, g_ptr_array_unref);
  g_clear_error (&data->error);
  g_free (data);
}

static int
compare_found_by_age (gconstpointer a,
                      gconstpointer b)
{
  const Found *fa = *(const Found * const *) a;
  const Found *fb = *(const Found * const *) b;

  if (fa->created != fb->created)
    return fa->created < fb->created ? -1 : 1;
  if (fa->modified != fb->modified)
    return fa->modified < fb->modified ? -1 : 1;
  return 0;
}

/* Takes the secret of @found from @value. FALSE, with the (untranslated)
 * reason in @error, when the keyring gave none: it is still locked. A secret
 * that is empty or not text leaves @found without a secret (and the item is
 * ignored) but is no failure: one broken item must not hide the other
 * logins, and storing that login again replaces it. */
static gboolean
found_set_secret (Found        *found,
                  SecretValue  *value,
                  GError      **error)
{
  const char *text;

  if (value == NULL)
    {
      g_set_error_literal (error, SECRET_ERROR, SECRET_ERROR_IS_LOCKED, "no secret");
      return FALSE;
    }

  text = secret_value_get_text (value);
  if (text == NULL || *text == '\0')
    {
      g_debug ("Ignoring a %s keyring item whose secret is empty or not text",
               found->credentials->brand);
      return TRUE;
    }

  found->credentials->secret = g_strdup (text);
  return TRUE;
}

/* Called when every secret is there (or failed): completes the lookup. */
static void
lookup_complete (GTask *task)
{
  LookupData *data = g_task_get_task_data (task);
  g_autoptr(GPtrArray) logins = NULL;

  if (data->error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&data->error));
      return;
    }

  g_ptr_array_sort (data->found, compare_found_by_age);

  logins = g_ptr_array_new_full (data->found->len, (GDestroyNotify) carport_credentials_free);
  for (guint i = 0; i < data->found->len; i++)
    {
      Found *found = g_ptr_array_index (data->found, i);

      if (found->credentials->secret != NULL)
        g_ptr_array_add (logins, g_steal_pointer (&found->credentials));
    }

  g_task_return_pointer (task, g_steal_pointer (&logins), (GDestroyNotify) g_ptr_array_unref);
}

/* Records the outcome of loading the secret of @found. The first failure
 * fails the whole lookup: the keyring is locked or broken for every item. */
static void
lookup_take_value (GTask        *task,
                   Found        *found,
                   SecretValue  *value,
                   const GError *retrieve_error)
{
  LookupData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (data->error != NULL)
    return;

  if (retrieve_error != NULL)
    error = g_error_copy (retrieve_error);
  else if (found_set_secret (found, value, &error))
    return;

  data->error = _carport_secret_store_translate_error (error, CARPORT_SECRET_STORE_OP_LOOKUP,
                                                       g_task_get_cancellable (task));
}

typedef struct
{
  GTask *task;   /* owned */
  Found *found;  /* borrowed from the task data */
} Retrieval;

static void
lookup_retrieve_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  Retrieval *retrieval = user_data;
  g_autoptr(GTask) task = g_steal_pointer (&retrieval->task);
  LookupData *data = g_task_get_task_data (task);
  g_autoptr(SecretValue) value = NULL;
  g_autoptr(GError) error = NULL;

  value = secret_retrievable_retrieve_secret_finish (SECRET_RETRIEVABLE (object), result, &error);
  lookup_take_value (task, retrieval->found, value, error);
  g_free (retrieval);

  g_assert (data->pending > 0);
  if (--data->pending == 0)
    lookup_complete (task);
}

/* Adds @item to @by_login (keyed by brand and email, owning Found *)
 * unless an item of the same login was modified later. */
static void
lookup_consider_item (GHashTable        *by_login,
                      SecretRetrievable *item)
{
  g_autoptr(GHashTable) attributes = secret_retrievable_get_attributes (item);
  const char *brand = g_hash_table_lookup (attributes, ATTR_BRAND);
  const char *email = g_hash_table_lookup (attributes, ATTR_EMAIL);
  const char *locale = g_hash_table_lookup (attributes, ATTR_LOCALE);
  g_autofree char *key = NULL;
  Found *found;
  Found *other;

  if (brand == NULL || *brand == '\0' || email == NULL || *email == '\0')
    {
      g_debug ("Ignoring a keyring item without brand or email");
      return;
    }

  if (locale != NULL && *locale == '\0')
    locale = NULL;

  found = g_new0 (Found, 1);
  found->item = g_object_ref (item);
  found->credentials = carport_credentials_new (brand, locale, email, NULL);
  found->created = secret_retrievable_get_created (item);
  found->modified = secret_retrievable_get_modified (item);

  /* Length-prefixed: no brand and email of other items give the same key,
   * whatever characters another program put in them. */
  key = g_strdup_printf ("%" G_GSIZE_FORMAT ":%s%s", strlen (brand), brand, email);
  other = g_hash_table_lookup (by_login, key);
  if (other != NULL)
    {
      /* Another program added a second item of this login: keep the newest. */
      g_debug ("Two keyring items of one %s login; using the newest", brand);
      if (other->modified > found->modified ||
          (other->modified == found->modified && other->created >= found->created))
        {
          found_free (found);
          return;
        }
    }

  g_hash_table_replace (by_login, g_steal_pointer (&key), found);
}

static void
lookup_search_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CarportSecretStore *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) by_login = NULL;
  LookupData *data;
  GHashTableIter iter;
  gpointer value;
  GList *items;

  items = secret_password_search_finish (result, &error);
  if (error != NULL)
    {
      return_translated_error (task, error, CARPORT_SECRET_STORE_OP_LOOKUP);
      return;
    }

  by_login = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (GList *l = items; l != NULL; l = l->next)
    lookup_consider_item (by_login, l->data);
  g_list_free_full (items, g_object_unref);

  data = g_new0 (LookupData, 1);
  data->found = g_ptr_array_new_with_free_func ((GDestroyNotify) found_free);
  g_hash_table_iter_init (&iter, by_login);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (data->found, value);
  g_task_set_task_data (task, data, (GDestroyNotify) lookup_data_free);

  /* The search loaded the secrets with the items (one D-Bus call for
   * all); other backends (the file keyring in Flatpak) are asked again,
   * every item at once. */
  for (guint i = 0; i < data->found->len; i++)
    {
      Found *found = g_ptr_array_index (data->found, i);
      Retrieval *retrieval;

      if (!self->always_retrieve &&
          SECRET_IS_ITEM (found->item) && !secret_item_get_locked (SECRET_ITEM (found->item)))
        {
          g_autoptr(SecretValue) secret = secret_item_get_secret (SECRET_ITEM (found->item));

          if (secret != NULL)
            {
              lookup_take_value (task, found, secret, NULL);
              continue;
            }
        }

      retrieval = g_new0 (Retrieval, 1);
      retrieval->task = g_object_ref (task);
      retrieval->found = found;
      data->pending++;
      secret_retrievable_retrieve_secret (found->item,
                                          g_task_get_cancellable (task),
                                          lookup_retrieve_cb,
                                          retrieval);
    }

  if (data->pending == 0)
    lookup_complete (task);
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

static GPtrArray *
carport_secret_store_lookup_finish (CarportCredentialStore  *store,
                                    GAsyncResult            *result,
                                    GError                 **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == carport_secret_store_lookup_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Store: first remove the items of the same brand and email (whatever
 * their locale), then add the new one. */

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
                         ATTR_BRAND, credentials->brand,
                         ATTR_EMAIL, credentials->email,
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
                                  const char             *brand,
                                  const char             *email,
                                  GCancellable           *cancellable,
                                  GAsyncReadyCallback     callback,
                                  gpointer                user_data)
{
  g_autoptr(GTask) task = NULL;

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, carport_secret_store_clear_async);

  if (brand == NULL && email == NULL)
    {
      /* No attributes: every item of the schema matches, including any
       * another program left without a brand or an email. */
      secret_password_clear (carport_secret_store_get_schema (),
                             cancellable,
                             clear_cleared_cb,
                             g_steal_pointer (&task),
                             NULL);
      return;
    }

  /* Every locale of that login. */
  secret_password_clear (carport_secret_store_get_schema (),
                         cancellable,
                         clear_cleared_cb,
                         g_steal_pointer (&task),
                         ATTR_BRAND, brand,
                         ATTR_EMAIL, email,
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

/* Remembered PINs */

static GHashTable *
pin_attributes (const char *brand,
                const char *email,
                const char *vin)
{
  GHashTable *attributes = g_hash_table_new (g_str_hash, g_str_equal);

  if (brand != NULL)
    g_hash_table_insert (attributes, (char *) ATTR_BRAND, (char *) brand);
  if (email != NULL)
    g_hash_table_insert (attributes, (char *) ATTR_EMAIL, (char *) email);
  if (vin != NULL)
    g_hash_table_insert (attributes, (char *) ATTR_VIN, (char *) vin);
  return attributes;
}

/* Returns @value's text as the PIN (NULL when empty or not text), in
 * memory that carport_credential_store_pin_free() wipes. */
static void
pin_take_value (GTask        *task,
                SecretValue  *value,
                const GError *error)
{
  const char *text;

  if (error != NULL)
    {
      return_translated_error (task, error, CARPORT_SECRET_STORE_OP_PIN_LOOKUP);
      return;
    }
  text = value != NULL ? secret_value_get_text (value) : NULL;
  g_task_return_pointer (task, text != NULL && *text != '\0' ? g_strdup (text) : NULL,
                         (GDestroyNotify) carport_credential_store_pin_free);
}

static void
pin_retrieved_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(SecretValue) value = secret_retrievable_retrieve_secret_finish (SECRET_RETRIEVABLE (object),
                                                                             result, &error);

  pin_take_value (task, value, error);
}

/* The PIN is read as the logins are (a search that loads the secrets, else
 * a retrieval): libsecret 0.20's secret_password_lookup() loses a D-Bus
 * reply for every secret it finds. */
static void
pin_searched_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CarportSecretStore *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  GList *items = secret_password_search_finish (result, &error);
  SecretRetrievable *item;
  GCancellable *cancellable;

  if (error != NULL || items == NULL)
    {
      pin_take_value (task, NULL, error);
      return;
    }

  /* One PIN per car: an item stored again replaces the older one. */
  item = items->data;
  if (!self->always_retrieve && SECRET_IS_ITEM (item) && !secret_item_get_locked (SECRET_ITEM (item)))
    {
      g_autoptr(SecretValue) secret = secret_item_get_secret (SECRET_ITEM (item));

      if (secret != NULL)
        {
          pin_take_value (task, secret, NULL);
          g_list_free_full (items, g_object_unref);
          return;
        }
    }
  cancellable = g_task_get_cancellable (task);
  secret_retrievable_retrieve_secret (item, cancellable, pin_retrieved_cb, g_steal_pointer (&task));
  g_list_free_full (items, g_object_unref);
}

static void
carport_secret_store_lookup_pin_async (CarportCredentialStore *store,
                                       const char             *brand,
                                       const char             *email,
                                       const char             *vin,
                                       GCancellable           *cancellable,
                                       GAsyncReadyCallback     callback,
                                       gpointer                user_data)
{
  GTask *task = g_task_new (store, cancellable, callback, user_data);
  g_autoptr(GHashTable) attributes = pin_attributes (brand, email, vin);

  g_task_set_source_tag (task, carport_secret_store_lookup_pin_async);
  secret_password_searchv (carport_secret_store_get_pin_schema (), attributes,
                           SECRET_SEARCH_UNLOCK | SECRET_SEARCH_LOAD_SECRETS, cancellable,
                           pin_searched_cb, task);
}

static char *
carport_secret_store_lookup_pin_finish (CarportCredentialStore  *store,
                                        GAsyncResult            *result,
                                        GError                 **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
pin_stored_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!secret_password_store_finish (result, &error))
    return_translated_error (task, error, CARPORT_SECRET_STORE_OP_PIN_STORE);
  else
    g_task_return_boolean (task, TRUE);
}

/* An item with the same attributes is replaced: one PIN per car. */
static void
carport_secret_store_store_pin_async (CarportCredentialStore *store,
                                      const char             *brand,
                                      const char             *email,
                                      const char             *vin,
                                      const char             *pin,
                                      GCancellable           *cancellable,
                                      GAsyncReadyCallback     callback,
                                      gpointer                user_data)
{
  GTask *task = g_task_new (store, cancellable, callback, user_data);
  g_autoptr(GHashTable) attributes = pin_attributes (brand, email, vin);
  /* Translators: %s is the car's VIN. The label is shown in keyring
   * managers such as Passwords and Keys. */
  g_autofree char *label = g_strdup_printf (_("Carport remote control PIN for %s"), vin);

  g_task_set_source_tag (task, carport_secret_store_store_pin_async);
  secret_password_storev (carport_secret_store_get_pin_schema (), attributes, SECRET_COLLECTION_DEFAULT,
                          label, pin, cancellable, pin_stored_cb, task);
}

static void
pins_forgotten_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  /* FALSE without an error: there was nothing to remove. */
  if (!secret_password_clear_finish (result, &error) && error != NULL)
    return_translated_error (task, error, CARPORT_SECRET_STORE_OP_PIN_FORGET);
  else
    g_task_return_boolean (task, TRUE);
}

static void
carport_secret_store_forget_pins_async (CarportCredentialStore *store,
                                        const char             *brand,
                                        const char             *email,
                                        const char             *vin,
                                        GCancellable           *cancellable,
                                        GAsyncReadyCallback     callback,
                                        gpointer                user_data)
{
  GTask *task = g_task_new (store, cancellable, callback, user_data);
  g_autoptr(GHashTable) attributes = pin_attributes (brand, email, vin);

  g_task_set_source_tag (task, carport_secret_store_forget_pins_async);
  secret_password_clearv (carport_secret_store_get_pin_schema (), attributes, cancellable,
                          pins_forgotten_cb, task);
}

static gboolean
carport_secret_store_pin_op_finish (CarportCredentialStore  *store,
                                    GAsyncResult            *result,
                                    GError                 **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
carport_secret_store_iface_init (CarportCredentialStoreInterface *iface)
{
  iface->lookup_pin_async = carport_secret_store_lookup_pin_async;
  iface->lookup_pin_finish = carport_secret_store_lookup_pin_finish;
  iface->store_pin_async = carport_secret_store_store_pin_async;
  iface->store_pin_finish = carport_secret_store_pin_op_finish;
  iface->forget_pins_async = carport_secret_store_forget_pins_async;
  iface->forget_pins_finish = carport_secret_store_pin_op_finish;
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

void
_carport_secret_store_set_always_retrieve (CarportSecretStore *self,
                                           gboolean            always_retrieve)
{
  g_return_if_fail (CARPORT_IS_SECRET_STORE (self));

  self->always_retrieve = !!always_retrieve;
}
