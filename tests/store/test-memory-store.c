/* test-memory-store.c — CarportMemoryStore and CarportCredentials.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "carport-memory-store.h"
#include "store-test-utils.h"

static CarportCredentials *
lookup (CarportCredentialStore  *store,
        GError                 **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  carport_credential_store_lookup_async (store, NULL, store_test_result_cb, &result);
  store_test_wait (&result);
  return carport_credential_store_lookup_finish (store, result, error);
}

static gboolean
store_credentials (CarportCredentialStore    *store,
                   const CarportCredentials  *credentials,
                   GError                   **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  carport_credential_store_store_async (store, credentials, NULL, store_test_result_cb, &result);
  store_test_wait (&result);
  return carport_credential_store_store_finish (store, result, error);
}

static gboolean
clear (CarportCredentialStore  *store,
       GError                 **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  carport_credential_store_clear_async (store, NULL, store_test_result_cb, &result);
  store_test_wait (&result);
  return carport_credential_store_clear_finish (store, result, error);
}

static void
test_credentials_boxed (void)
{
  g_autoptr(CarportCredentials) a = carport_credentials_new ("renault", "fr_FR", "a@example.com", "token-1");
  g_autoptr(CarportCredentials) b = carport_credentials_copy (a);
  g_autoptr(CarportCredentials) c = carport_credentials_new ("nissan", NULL, "a@example.com", "token-1");
  CarportCredentials *d;

  g_assert_true (a != b);
  g_assert_true (a->secret != b->secret);
  g_assert_true (carport_credentials_equal (a, b));
  g_assert_false (carport_credentials_equal (a, c));
  g_assert_false (carport_credentials_equal (a, NULL));
  g_assert_true (carport_credentials_equal (NULL, NULL));
  g_assert_null (c->locale);

  g_assert_true (G_TYPE_IS_BOXED (CARPORT_TYPE_CREDENTIALS));
  d = g_boxed_copy (CARPORT_TYPE_CREDENTIALS, a);
  g_assert_true (carport_credentials_equal (a, d));
  g_boxed_free (CARPORT_TYPE_CREDENTIALS, d);

  carport_credentials_free (NULL);
}

static void
test_round_trip (void)
{
  g_autoptr(CarportMemoryStore) store = carport_memory_store_new ();
  g_autoptr(CarportCredentials) in = carport_credentials_new ("renault", "fr_FR", "a@example.com", "token-1");
  g_autoptr(CarportCredentials) out = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (CARPORT_IS_CREDENTIAL_STORE (store));

  /* Nothing stored: NULL, and no error. */
  out = lookup (CARPORT_CREDENTIAL_STORE (store), &error);
  g_assert_no_error (error);
  g_assert_null (out);

  g_assert_true (store_credentials (CARPORT_CREDENTIAL_STORE (store), in, &error));
  g_assert_no_error (error);

  out = lookup (CARPORT_CREDENTIAL_STORE (store), &error);
  g_assert_no_error (error);
  g_assert_nonnull (out);
  g_assert_true (out != in);
  g_assert_true (carport_credentials_equal (in, out));

  g_assert_finalize_object (g_steal_pointer (&store));
}

static void
test_replace (void)
{
  g_autoptr(CarportMemoryStore) store = carport_memory_store_new ();
  g_autoptr(CarportCredentials) first = carport_credentials_new ("renault", "fr_FR", "a@example.com", "token-1");
  g_autoptr(CarportCredentials) second = carport_credentials_new ("nissan", NULL, "b@example.com", "token-2");
  g_autoptr(CarportCredentials) out = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (store_credentials (CARPORT_CREDENTIAL_STORE (store), first, &error));
  g_assert_no_error (error);
  g_assert_true (store_credentials (CARPORT_CREDENTIAL_STORE (store), second, &error));
  g_assert_no_error (error);

  out = lookup (CARPORT_CREDENTIAL_STORE (store), &error);
  g_assert_no_error (error);
  g_assert_true (carport_credentials_equal (second, out));

  g_assert_finalize_object (g_steal_pointer (&store));
}

static void
test_clear (void)
{
  g_autoptr(CarportMemoryStore) store = carport_memory_store_new ();
  g_autoptr(CarportCredentials) in = carport_credentials_new ("dacia", "ro_RO", "c@example.com", "token-3");
  g_autoptr(CarportCredentials) out = NULL;
  g_autoptr(GError) error = NULL;

  /* Clearing an empty store is fine. */
  g_assert_true (clear (CARPORT_CREDENTIAL_STORE (store), &error));
  g_assert_no_error (error);

  g_assert_true (store_credentials (CARPORT_CREDENTIAL_STORE (store), in, &error));
  g_assert_no_error (error);
  g_assert_true (clear (CARPORT_CREDENTIAL_STORE (store), &error));
  g_assert_no_error (error);

  out = lookup (CARPORT_CREDENTIAL_STORE (store), &error);
  g_assert_no_error (error);
  g_assert_null (out);

  g_assert_finalize_object (g_steal_pointer (&store));
}

static void
notify_cb (GObject    *object,
           GParamSpec *pspec,
           gpointer    user_data)
{
  guint *count = user_data;

  (*count)++;
}

static void
test_fail_with (void)
{
  g_autoptr(CarportMemoryStore) store = carport_memory_store_new ();
  g_autoptr(CarportCredentials) in = carport_credentials_new ("renault", "fr_FR", "a@example.com", "token-1");
  g_autoptr(CarportCredentials) out = NULL;
  g_autoptr(GError) locked = g_error_new_literal (CARPORT_STORE_ERROR, CARPORT_STORE_ERROR_LOCKED, "Locked.");
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) prop = NULL;
  guint notified = 0;

  g_assert_true (store_credentials (CARPORT_CREDENTIAL_STORE (store), in, &error));
  g_assert_no_error (error);

  g_signal_connect (store, "notify::fail-with", G_CALLBACK (notify_cb), &notified);
  g_object_set (store, "fail-with", locked, NULL);
  g_assert_cmpuint (notified, ==, 1);
  carport_memory_store_set_fail_with (store, locked);
  g_assert_cmpuint (notified, ==, 1);
  g_object_get (store, "fail-with", &prop, NULL);
  g_assert_error (prop, CARPORT_STORE_ERROR, CARPORT_STORE_ERROR_LOCKED);

  out = lookup (CARPORT_CREDENTIAL_STORE (store), &error);
  g_assert_error (error, CARPORT_STORE_ERROR, CARPORT_STORE_ERROR_LOCKED);
  g_assert_null (out);
  g_clear_error (&error);

  g_assert_false (store_credentials (CARPORT_CREDENTIAL_STORE (store), in, &error));
  g_assert_error (error, CARPORT_STORE_ERROR, CARPORT_STORE_ERROR_LOCKED);
  g_clear_error (&error);

  g_assert_false (clear (CARPORT_CREDENTIAL_STORE (store), &error));
  g_assert_error (error, CARPORT_STORE_ERROR, CARPORT_STORE_ERROR_LOCKED);
  g_clear_error (&error);

  /* Failing changed nothing. */
  carport_memory_store_set_fail_with (store, NULL);
  g_assert_cmpuint (notified, ==, 2);
  g_assert_null (carport_memory_store_get_fail_with (store));
  out = lookup (CARPORT_CREDENTIAL_STORE (store), &error);
  g_assert_no_error (error);
  g_assert_true (carport_credentials_equal (in, out));

  g_assert_finalize_object (g_steal_pointer (&store));
}

static void
test_cancelled (void)
{
  g_autoptr(CarportMemoryStore) store = carport_memory_store_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(CarportCredentials) out = NULL;
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (cancellable);
  carport_credential_store_lookup_async (CARPORT_CREDENTIAL_STORE (store), cancellable,
                                         store_test_result_cb, &result);
  store_test_wait (&result);
  out = carport_credential_store_lookup_finish (CARPORT_CREDENTIAL_STORE (store), result, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (out);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store/credentials/boxed", test_credentials_boxed);
  g_test_add_func ("/store/memory/round-trip", test_round_trip);
  g_test_add_func ("/store/memory/replace", test_replace);
  g_test_add_func ("/store/memory/clear", test_clear);
  g_test_add_func ("/store/memory/fail-with", test_fail_with);
  g_test_add_func ("/store/memory/cancelled", test_cancelled);

  return g_test_run ();
}
