/* carport-memory-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#define G_LOG_DOMAIN "carport-store"

#include "carport-memory-store.h"

struct _CarportMemoryStore
{
  GObject parent_instance;

  GPtrArray *logins; /* owned CarportCredentials *, oldest first; wiped when freed */
  GError *fail_with;  /* owned, nullable */
  GHashTable *pins;   /* "brand\nemail\nvin" → PIN, both owned, the PIN wiped */
};

static void carport_memory_store_iface_init (CarportCredentialStoreInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CarportMemoryStore, carport_memory_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (CARPORT_TYPE_CREDENTIAL_STORE,
                                                      carport_memory_store_iface_init))

enum {
  PROP_0,
  PROP_FAIL_WITH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The index of the login of @brand and @email in self->logins, or -1. */
static int
find_login (CarportMemoryStore *self,
            const char         *brand,
            const char         *email)
{
  for (guint i = 0; i < self->logins->len; i++)
    {
      const CarportCredentials *login = g_ptr_array_index (self->logins, i);

      if (g_strcmp0 (login->brand, brand) == 0 && g_strcmp0 (login->email, email) == 0)
        return (int) i;
    }

  return -1;
}

/* Returns TRUE (and the task) when the store is set to fail. */
static gboolean
return_fail_with (CarportMemoryStore *self,
                  GTask              *task)
{
  if (self->fail_with == NULL)
    return FALSE;

  g_task_return_error (task, g_error_copy (self->fail_with));
  return TRUE;
}

static void
carport_memory_store_lookup_async (CarportCredentialStore *store,
                                   GCancellable           *cancellable,
                                   GAsyncReadyCallback     callback,
                                   gpointer                user_data)
{
  CarportMemoryStore *self = CARPORT_MEMORY_STORE (store);
  g_autoptr(GTask) task = NULL;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, carport_memory_store_lookup_async);

  if (g_task_return_error_if_cancelled (task) || return_fail_with (self, task))
    return;

  g_task_return_pointer (task,
                         g_ptr_array_copy (self->logins, (GCopyFunc) carport_credentials_copy, NULL),
                         (GDestroyNotify) g_ptr_array_unref);
}

static GPtrArray *
carport_memory_store_lookup_finish (CarportCredentialStore  *store,
                                    GAsyncResult            *result,
                                    GError                 **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == carport_memory_store_lookup_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
carport_memory_store_store_async (CarportCredentialStore   *store,
                                  const CarportCredentials *credentials,
                                  GCancellable             *cancellable,
                                  GAsyncReadyCallback       callback,
                                  gpointer                  user_data)
{
  CarportMemoryStore *self = CARPORT_MEMORY_STORE (store);
  g_autoptr(GTask) task = NULL;
  int index;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, carport_memory_store_store_async);

  if (g_task_return_error_if_cancelled (task) || return_fail_with (self, task))
    return;

  /* As in the keyring, a login stored again is a new one: it goes last. */
  index = find_login (self, credentials->brand, credentials->email);
  if (index >= 0)
    g_ptr_array_remove_index (self->logins, index);
  g_ptr_array_add (self->logins, carport_credentials_copy (credentials));

  g_task_return_boolean (task, TRUE);
}

static gboolean
carport_memory_store_store_finish (CarportCredentialStore  *store,
                                   GAsyncResult            *result,
                                   GError                 **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == carport_memory_store_store_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
carport_memory_store_clear_async (CarportCredentialStore *store,
                                  const char             *brand,
                                  const char             *email,
                                  GCancellable           *cancellable,
                                  GAsyncReadyCallback     callback,
                                  gpointer                user_data)
{
  CarportMemoryStore *self = CARPORT_MEMORY_STORE (store);
  g_autoptr(GTask) task = NULL;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, carport_memory_store_clear_async);

  if (g_task_return_error_if_cancelled (task) || return_fail_with (self, task))
    return;

  if (brand == NULL && email == NULL)
    {
      g_ptr_array_set_size (self->logins, 0);
    }
  else
    {
      int index = find_login (self, brand, email);

      if (index >= 0)
        g_ptr_array_remove_index (self->logins, index);
    }

  g_task_return_boolean (task, TRUE);
}

static gboolean
carport_memory_store_clear_finish (CarportCredentialStore  *store,
                                   GAsyncResult            *result,
                                   GError                 **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == carport_memory_store_clear_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Remembered PINs */

static char *
pin_key (const char *brand,
         const char *email,
         const char *vin)
{
  return g_strdup_printf ("%s\n%s\n%s", brand, email, vin ? vin : "");
}

static void
carport_memory_store_lookup_pin_async (CarportCredentialStore *store,
                                       const char             *brand,
                                       const char             *email,
                                       const char             *vin,
                                       GCancellable           *cancellable,
                                       GAsyncReadyCallback     callback,
                                       gpointer                user_data)
{
  CarportMemoryStore *self = CARPORT_MEMORY_STORE (store);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autofree char *key = pin_key (brand, email, vin);

  g_task_set_source_tag (task, carport_memory_store_lookup_pin_async);
  if (g_task_return_error_if_cancelled (task) || return_fail_with (self, task))
    return;
  g_task_return_pointer (task, g_strdup (g_hash_table_lookup (self->pins, key)),
                         (GDestroyNotify) carport_credential_store_pin_free);
}

static char *
carport_memory_store_lookup_pin_finish (CarportCredentialStore  *store,
                                        GAsyncResult            *result,
                                        GError                 **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
carport_memory_store_store_pin_async (CarportCredentialStore *store,
                                      const char             *brand,
                                      const char             *email,
                                      const char             *vin,
                                      const char             *pin,
                                      GCancellable           *cancellable,
                                      GAsyncReadyCallback     callback,
                                      gpointer                user_data)
{
  CarportMemoryStore *self = CARPORT_MEMORY_STORE (store);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, carport_memory_store_store_pin_async);
  if (g_task_return_error_if_cancelled (task) || return_fail_with (self, task))
    return;
  g_hash_table_replace (self->pins, pin_key (brand, email, vin), g_strdup (pin));
  g_task_return_boolean (task, TRUE);
}

static void
carport_memory_store_forget_pins_async (CarportCredentialStore *store,
                                        const char             *brand,
                                        const char             *email,
                                        const char             *vin,
                                        GCancellable           *cancellable,
                                        GAsyncReadyCallback     callback,
                                        gpointer                user_data)
{
  CarportMemoryStore *self = CARPORT_MEMORY_STORE (store);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autofree char *prefix = NULL;
  GHashTableIter iter;
  gpointer key;

  g_task_set_source_tag (task, carport_memory_store_forget_pins_async);
  if (g_task_return_error_if_cancelled (task) || return_fail_with (self, task))
    return;

  /* "brand\nemail\n" is the prefix of every car of that login. */
  prefix = brand ? pin_key (brand, email, vin) : g_strdup ("");
  g_hash_table_iter_init (&iter, self->pins);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (vin ? g_str_equal (key, prefix) : g_str_has_prefix (key, prefix))
      g_hash_table_iter_remove (&iter);
  g_task_return_boolean (task, TRUE);
}

static gboolean
carport_memory_store_pin_op_finish (CarportCredentialStore  *store,
                                    GAsyncResult            *result,
                                    GError                 **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
carport_memory_store_iface_init (CarportCredentialStoreInterface *iface)
{
  iface->lookup_pin_async = carport_memory_store_lookup_pin_async;
  iface->lookup_pin_finish = carport_memory_store_lookup_pin_finish;
  iface->store_pin_async = carport_memory_store_store_pin_async;
  iface->store_pin_finish = carport_memory_store_pin_op_finish;
  iface->forget_pins_async = carport_memory_store_forget_pins_async;
  iface->forget_pins_finish = carport_memory_store_pin_op_finish;
  iface->lookup_async = carport_memory_store_lookup_async;
  iface->lookup_finish = carport_memory_store_lookup_finish;
  iface->store_async = carport_memory_store_store_async;
  iface->store_finish = carport_memory_store_store_finish;
  iface->clear_async = carport_memory_store_clear_async;
  iface->clear_finish = carport_memory_store_clear_finish;
}

static void
carport_memory_store_finalize (GObject *object)
{
  CarportMemoryStore *self = (CarportMemoryStore *) object;

  g_clear_pointer (&self->logins, g_ptr_array_unref);
  g_clear_pointer (&self->pins, g_hash_table_unref);
  g_clear_error (&self->fail_with);

  G_OBJECT_CLASS (carport_memory_store_parent_class)->finalize (object);
}

static void
carport_memory_store_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  CarportMemoryStore *self = CARPORT_MEMORY_STORE (object);

  switch (prop_id)
    {
    case PROP_FAIL_WITH:
      g_value_set_boxed (value, self->fail_with);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carport_memory_store_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  CarportMemoryStore *self = CARPORT_MEMORY_STORE (object);

  switch (prop_id)
    {
    case PROP_FAIL_WITH:
      carport_memory_store_set_fail_with (self, g_value_get_boxed (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carport_memory_store_class_init (CarportMemoryStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = carport_memory_store_finalize;
  object_class->get_property = carport_memory_store_get_property;
  object_class->set_property = carport_memory_store_set_property;

  properties[PROP_FAIL_WITH] =
    g_param_spec_boxed ("fail-with", NULL, NULL,
                        G_TYPE_ERROR,
                        (G_PARAM_READWRITE |
                         G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
carport_memory_store_init (CarportMemoryStore *self)
{
  self->logins = g_ptr_array_new_with_free_func ((GDestroyNotify) carport_credentials_free);
  self->pins = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                      (GDestroyNotify) carport_credential_store_pin_free);
}

/**
 * carport_memory_store_new:
 *
 * Returns: (transfer full): an empty in-memory credential store.
 */
CarportMemoryStore *
carport_memory_store_new (void)
{
  return g_object_new (CARPORT_TYPE_MEMORY_STORE, NULL);
}

/**
 * carport_memory_store_get_fail_with:
 *
 * Returns: (transfer none) (nullable): the error every operation fails with.
 */
const GError *
carport_memory_store_get_fail_with (CarportMemoryStore *self)
{
  g_return_val_if_fail (CARPORT_IS_MEMORY_STORE (self), NULL);

  return self->fail_with;
}

/**
 * carport_memory_store_set_fail_with:
 * @error: (nullable): the error to fail with, or %NULL to work again
 */
void
carport_memory_store_set_fail_with (CarportMemoryStore *self,
                                    const GError       *error)
{
  g_return_if_fail (CARPORT_IS_MEMORY_STORE (self));

  if (self->fail_with == error)
    return;
  if (self->fail_with != NULL && error != NULL &&
      self->fail_with->domain == error->domain &&
      self->fail_with->code == error->code &&
      g_strcmp0 (self->fail_with->message, error->message) == 0)
    return;

  g_clear_error (&self->fail_with);
  if (error != NULL)
    self->fail_with = g_error_copy (error);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FAIL_WITH]);
}
