/* carport-credential-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#define G_LOG_DOMAIN "carport-store"

#include <string.h>

#include "carport-credential-store.h"

G_DEFINE_QUARK (carport-store-error-quark, carport_store_error)

G_DEFINE_INTERFACE (CarportCredentialStore, carport_credential_store, G_TYPE_OBJECT)

G_DEFINE_BOXED_TYPE (CarportCredentials, carport_credentials,
                     carport_credentials_copy, carport_credentials_free)

/* Called through a volatile pointer so that the compiler cannot drop the
 * wipe of memory that is freed right after. */
static void *(*const volatile wipe_memset) (void *, int, size_t) = memset;

static void
wipe_and_free (char *str)
{
  if (str == NULL)
    return;

  wipe_memset (str, 0, strlen (str));
  g_free (str);
}

/**
 * carport_credentials_new:
 * @brand: the brand ("renault", …)
 * @locale: (nullable): the account's locale ("fr_FR")
 * @email: the account's e-mail address
 * @secret: the long-lived login token
 *
 * Returns: (transfer full): new credentials holding copies of the strings.
 */
CarportCredentials *
carport_credentials_new (const char *brand,
                         const char *locale,
                         const char *email,
                         const char *secret)
{
  CarportCredentials *self = g_new0 (CarportCredentials, 1);

  self->brand = g_strdup (brand);
  self->locale = g_strdup (locale);
  self->email = g_strdup (email);
  self->secret = g_strdup (secret);

  return self;
}

CarportCredentials *
carport_credentials_copy (const CarportCredentials *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return carport_credentials_new (self->brand, self->locale, self->email, self->secret);
}

void
carport_credentials_free (CarportCredentials *self)
{
  if (self == NULL)
    return;

  g_free (self->brand);
  g_free (self->locale);
  g_free (self->email);
  wipe_and_free (self->secret);
  g_free (self);
}

gboolean
carport_credentials_equal (const CarportCredentials *a,
                           const CarportCredentials *b)
{
  if (a == b)
    return TRUE;
  if (a == NULL || b == NULL)
    return FALSE;

  return g_strcmp0 (a->brand, b->brand) == 0 &&
         g_strcmp0 (a->locale, b->locale) == 0 &&
         g_strcmp0 (a->email, b->email) == 0 &&
         g_strcmp0 (a->secret, b->secret) == 0;
}

static void
carport_credential_store_default_init (CarportCredentialStoreInterface *iface)
{
}

void
carport_credential_store_lookup_async (CarportCredentialStore *self,
                                       GCancellable           *cancellable,
                                       GAsyncReadyCallback     callback,
                                       gpointer                user_data)
{
  g_return_if_fail (CARPORT_IS_CREDENTIAL_STORE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  CARPORT_CREDENTIAL_STORE_GET_IFACE (self)->lookup_async (self, cancellable, callback, user_data);
}

/**
 * carport_credential_store_lookup_finish:
 *
 * Returns: (transfer container) (element-type CarportCredentials) (nullable):
 *   every stored login, oldest first (empty when nothing is stored), or
 *   %NULL with @error set on failure.
 */
GPtrArray *
carport_credential_store_lookup_finish (CarportCredentialStore  *self,
                                        GAsyncResult            *result,
                                        GError                 **error)
{
  g_return_val_if_fail (CARPORT_IS_CREDENTIAL_STORE (self), NULL);
  g_return_val_if_fail (G_IS_ASYNC_RESULT (result), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return CARPORT_CREDENTIAL_STORE_GET_IFACE (self)->lookup_finish (self, result, error);
}

void
carport_credential_store_store_async (CarportCredentialStore   *self,
                                      const CarportCredentials *credentials,
                                      GCancellable             *cancellable,
                                      GAsyncReadyCallback       callback,
                                      gpointer                  user_data)
{
  g_return_if_fail (CARPORT_IS_CREDENTIAL_STORE (self));
  g_return_if_fail (credentials != NULL);
  g_return_if_fail (credentials->brand != NULL && *credentials->brand != '\0');
  g_return_if_fail (credentials->email != NULL && *credentials->email != '\0');
  g_return_if_fail (credentials->secret != NULL && *credentials->secret != '\0');
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  CARPORT_CREDENTIAL_STORE_GET_IFACE (self)->store_async (self, credentials, cancellable, callback, user_data);
}

gboolean
carport_credential_store_store_finish (CarportCredentialStore  *self,
                                       GAsyncResult            *result,
                                       GError                 **error)
{
  g_return_val_if_fail (CARPORT_IS_CREDENTIAL_STORE (self), FALSE);
  g_return_val_if_fail (G_IS_ASYNC_RESULT (result), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return CARPORT_CREDENTIAL_STORE_GET_IFACE (self)->store_finish (self, result, error);
}

/**
 * carport_credential_store_clear_async:
 * @brand: (nullable): the brand of the login to forget, or %NULL with @email
 *   %NULL to forget every login
 * @email: (nullable): the e-mail address of the login to forget
 */
void
carport_credential_store_clear_async (CarportCredentialStore *self,
                                      const char             *brand,
                                      const char             *email,
                                      GCancellable           *cancellable,
                                      GAsyncReadyCallback     callback,
                                      gpointer                user_data)
{
  g_return_if_fail (CARPORT_IS_CREDENTIAL_STORE (self));
  g_return_if_fail ((brand == NULL) == (email == NULL));
  g_return_if_fail (brand == NULL || *brand != '\0');
  g_return_if_fail (email == NULL || *email != '\0');
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  CARPORT_CREDENTIAL_STORE_GET_IFACE (self)->clear_async (self, brand, email, cancellable, callback, user_data);
}

gboolean
carport_credential_store_clear_finish (CarportCredentialStore  *self,
                                       GAsyncResult            *result,
                                       GError                 **error)
{
  g_return_val_if_fail (CARPORT_IS_CREDENTIAL_STORE (self), FALSE);
  g_return_val_if_fail (G_IS_ASYNC_RESULT (result), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return CARPORT_CREDENTIAL_STORE_GET_IFACE (self)->clear_finish (self, result, error);
}

void
carport_credential_store_pin_free (char *pin)
{
  wipe_and_free (pin);
}

void
carport_credential_store_lookup_pin_async (CarportCredentialStore *self,
                                           const char             *brand,
                                           const char             *email,
                                           const char             *vin,
                                           GCancellable           *cancellable,
                                           GAsyncReadyCallback     callback,
                                           gpointer                user_data)
{
  g_return_if_fail (CARPORT_IS_CREDENTIAL_STORE (self));
  g_return_if_fail (brand != NULL && *brand != '\0');
  g_return_if_fail (email != NULL && *email != '\0');
  g_return_if_fail (vin != NULL && *vin != '\0');

  CARPORT_CREDENTIAL_STORE_GET_IFACE (self)->lookup_pin_async (self, brand, email, vin, cancellable,
                                                               callback, user_data);
}

/**
 * carport_credential_store_lookup_pin_finish:
 *
 * Returns: (transfer full) (nullable): the remembered PIN (free it with
 *   carport_credential_store_pin_free()), or %NULL: none (@error unset) or
 *   a failure (@error set).
 */
char *
carport_credential_store_lookup_pin_finish (CarportCredentialStore  *self,
                                            GAsyncResult            *result,
                                            GError                 **error)
{
  g_return_val_if_fail (CARPORT_IS_CREDENTIAL_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return CARPORT_CREDENTIAL_STORE_GET_IFACE (self)->lookup_pin_finish (self, result, error);
}

void
carport_credential_store_store_pin_async (CarportCredentialStore *self,
                                          const char             *brand,
                                          const char             *email,
                                          const char             *vin,
                                          const char             *pin,
                                          GCancellable           *cancellable,
                                          GAsyncReadyCallback     callback,
                                          gpointer                user_data)
{
  g_return_if_fail (CARPORT_IS_CREDENTIAL_STORE (self));
  g_return_if_fail (brand != NULL && *brand != '\0');
  g_return_if_fail (email != NULL && *email != '\0');
  g_return_if_fail (vin != NULL && *vin != '\0');
  g_return_if_fail (pin != NULL && *pin != '\0');

  CARPORT_CREDENTIAL_STORE_GET_IFACE (self)->store_pin_async (self, brand, email, vin, pin, cancellable,
                                                              callback, user_data);
}

gboolean
carport_credential_store_store_pin_finish (CarportCredentialStore  *self,
                                           GAsyncResult            *result,
                                           GError                 **error)
{
  g_return_val_if_fail (CARPORT_IS_CREDENTIAL_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return CARPORT_CREDENTIAL_STORE_GET_IFACE (self)->store_pin_finish (self, result, error);
}

/**
 * carport_credential_store_forget_pins_async:
 * @brand: (nullable): the login's brand; %NULL with @email and @vin: every PIN
 * @email: (nullable): the login's e-mail address
 * @vin: (nullable): the car, or %NULL for every car of the login
 */
void
carport_credential_store_forget_pins_async (CarportCredentialStore *self,
                                            const char             *brand,
                                            const char             *email,
                                            const char             *vin,
                                            GCancellable           *cancellable,
                                            GAsyncReadyCallback     callback,
                                            gpointer                user_data)
{
  g_return_if_fail (CARPORT_IS_CREDENTIAL_STORE (self));
  g_return_if_fail ((brand == NULL) == (email == NULL));
  g_return_if_fail (brand != NULL || vin == NULL);

  CARPORT_CREDENTIAL_STORE_GET_IFACE (self)->forget_pins_async (self, brand, email, vin, cancellable,
                                                                callback, user_data);
}

gboolean
carport_credential_store_forget_pins_finish (CarportCredentialStore  *self,
                                             GAsyncResult            *result,
                                             GError                 **error)
{
  g_return_val_if_fail (CARPORT_IS_CREDENTIAL_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return CARPORT_CREDENTIAL_STORE_GET_IFACE (self)->forget_pins_finish (self, result, error);
}
