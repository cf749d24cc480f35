/* store-test-utils.h — waiting for async results in the store tests.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "carport-credential-store.h"

G_BEGIN_DECLS

/* Use store_test_result_cb as the callback with &result as user data, then
 * store_test_wait (&result): it runs the main context until the result is
 * there, failing the test after @timeout_s seconds. */
static inline void
store_test_result_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  GAsyncResult **out = user_data;

  g_assert_null (*out);
  *out = g_object_ref (result);
}

static inline gboolean
store_test_timeout_cb (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

static inline void
store_test_wait_timeout (GAsyncResult **result,
                         guint          timeout_s)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (timeout_s, store_test_timeout_cb, &timed_out);

  while (*result == NULL && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  if (!timed_out)
    g_source_remove (id);
  if (*result == NULL)
    g_error ("Timed out after %u s waiting for an asynchronous result", timeout_s);
}

static inline void
store_test_wait (GAsyncResult **result)
{
  store_test_wait_timeout (result, 20);
}

/* Runs whatever is pending on the main context (e.g. idles that hold
 * references) so that objects can be checked for finalization. */
static inline void
store_test_drain (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* Synchronous wrappers of the credential store for tests. */
static inline GPtrArray *
store_test_lookup (CarportCredentialStore  *store,
                   GError                 **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  carport_credential_store_lookup_async (store, NULL, store_test_result_cb, &result);
  store_test_wait (&result);
  return carport_credential_store_lookup_finish (store, result, error);
}

static inline gboolean
store_test_store (CarportCredentialStore    *store,
                  const CarportCredentials  *credentials,
                  GError                   **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  carport_credential_store_store_async (store, credentials, NULL, store_test_result_cb, &result);
  store_test_wait (&result);
  return carport_credential_store_store_finish (store, result, error);
}

static inline gboolean
store_test_clear (CarportCredentialStore  *store,
                  const char              *brand,
                  const char              *email,
                  GError                 **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  carport_credential_store_clear_async (store, brand, email, NULL, store_test_result_cb, &result);
  store_test_wait (&result);
  return carport_credential_store_clear_finish (store, result, error);
}

static inline char *
store_test_lookup_pin (CarportCredentialStore  *store,
                       const char              *brand,
                       const char              *email,
                       const char              *vin,
                       GError                 **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  carport_credential_store_lookup_pin_async (store, brand, email, vin, NULL, store_test_result_cb, &result);
  store_test_wait (&result);
  return carport_credential_store_lookup_pin_finish (store, result, error);
}

static inline gboolean
store_test_store_pin (CarportCredentialStore  *store,
                      const char              *brand,
                      const char              *email,
                      const char              *vin,
                      const char              *pin,
                      GError                 **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  carport_credential_store_store_pin_async (store, brand, email, vin, pin, NULL, store_test_result_cb, &result);
  store_test_wait (&result);
  return carport_credential_store_store_pin_finish (store, result, error);
}

static inline gboolean
store_test_forget_pins (CarportCredentialStore  *store,
                        const char              *brand,
                        const char              *email,
                        const char              *vin,
                        GError                 **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  carport_credential_store_forget_pins_async (store, brand, email, vin, NULL, store_test_result_cb, &result);
  store_test_wait (&result);
  return carport_credential_store_forget_pins_finish (store, result, error);
}

/* The login of @brand and @email in @logins (as returned by lookup), or
 * NULL. Fails the test when there are two. */
static inline const CarportCredentials *
store_test_find (GPtrArray  *logins,
                 const char *brand,
                 const char *email)
{
  const CarportCredentials *found = NULL;

  for (guint i = 0; i < logins->len; i++)
    {
      const CarportCredentials *login = g_ptr_array_index (logins, i);

      g_assert_nonnull (login);
      if (g_strcmp0 (login->brand, brand) == 0 && g_strcmp0 (login->email, email) == 0)
        {
          g_assert_null (found);
          found = login;
        }
    }

  return found;
}

/* Looks up and asserts that exactly @n logins are stored. */
static inline GPtrArray *
store_test_lookup_n (CarportCredentialStore *store,
                     guint                   n)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *logins = store_test_lookup (store, &error);

  g_assert_no_error (error);
  g_assert_nonnull (logins);
  g_assert_cmpuint (logins->len, ==, n);

  return logins;
}

G_END_DECLS
