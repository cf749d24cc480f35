/* test-memory-store.c — CarportMemoryStore and CarportCredentials.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "carport-memory-store.h"
#include "credential-store-tests.h"

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
  g_autoptr(GPtrArray) logins = NULL;

  g_assert_true (CARPORT_IS_CREDENTIAL_STORE (store));

  credential_store_test_store_ok (CARPORT_CREDENTIAL_STORE (store), in);

  logins = store_test_lookup_n (CARPORT_CREDENTIAL_STORE (store), 1);
  g_assert_true (g_ptr_array_index (logins, 0) != in);
  g_assert_true (carport_credentials_equal (in, g_ptr_array_index (logins, 0)));

  g_assert_finalize_object (g_steal_pointer (&store));
}

/* The shared scenarios of credential-store-tests.h, on a new store each. */
static void
run_shared (gconstpointer data)
{
  void (*scenario) (CarportCredentialStore *) = data;
  g_autoptr(CarportMemoryStore) store = carport_memory_store_new ();

  scenario (CARPORT_CREDENTIAL_STORE (store));

  g_assert_finalize_object (g_steal_pointer (&store));
}

static const char *
brand_at (GPtrArray *logins,
          guint      index)
{
  return ((CarportCredentials *) g_ptr_array_index (logins, index))->brand;
}

/* Oldest first; a login stored again is the newest. */
static void
test_order (void)
{
  g_autoptr(CarportMemoryStore) store = carport_memory_store_new ();
  CarportCredentialStore *cs = CARPORT_CREDENTIAL_STORE (store);
  g_autoptr(CarportCredentials) renault = carport_credentials_new ("renault", "fr_FR", "a@example.com", "token-1");
  g_autoptr(CarportCredentials) nissan = carport_credentials_new ("nissan", NULL, "b@example.com", "token-2");
  g_autoptr(CarportCredentials) alpine = carport_credentials_new ("alpine", NULL, "c@example.com", "token-3");
  g_autoptr(GPtrArray) logins = NULL;

  credential_store_test_store_ok (cs, renault);
  credential_store_test_store_ok (cs, nissan);
  credential_store_test_store_ok (cs, alpine);
  logins = store_test_lookup_n (cs, 3);
  g_assert_cmpstr (brand_at (logins, 0), ==, "renault");
  g_assert_cmpstr (brand_at (logins, 1), ==, "nissan");
  g_assert_cmpstr (brand_at (logins, 2), ==, "alpine");
  g_clear_pointer (&logins, g_ptr_array_unref);

  credential_store_test_store_ok (cs, renault);
  logins = store_test_lookup_n (cs, 3);
  g_assert_cmpstr (brand_at (logins, 0), ==, "nissan");
  g_assert_cmpstr (brand_at (logins, 1), ==, "alpine");
  g_assert_cmpstr (brand_at (logins, 2), ==, "renault");

  g_assert_finalize_object (g_steal_pointer (&store));
}

/* The array belongs to the caller: changing it changes nothing stored. */
static void
test_lookup_is_a_copy (void)
{
  g_autoptr(CarportMemoryStore) store = carport_memory_store_new ();
  CarportCredentialStore *cs = CARPORT_CREDENTIAL_STORE (store);
  g_autoptr(CarportCredentials) renault = carport_credentials_new ("renault", "fr_FR", "a@example.com", "token-1");
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) second = NULL;

  credential_store_test_store_ok (cs, renault);
  first = store_test_lookup_n (cs, 1);
  g_ptr_array_set_size (first, 0);

  second = store_test_lookup_n (cs, 1);
  g_assert_true (carport_credentials_equal (g_ptr_array_index (second, 0), renault));

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
  g_autoptr(GPtrArray) out = NULL;
  g_autoptr(GError) locked = g_error_new_literal (CARPORT_STORE_ERROR, CARPORT_STORE_ERROR_LOCKED, "Locked.");
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) prop = NULL;
  guint notified = 0;

  credential_store_test_store_ok (CARPORT_CREDENTIAL_STORE (store), in);

  g_signal_connect (store, "notify::fail-with", G_CALLBACK (notify_cb), &notified);
  g_object_set (store, "fail-with", locked, NULL);
  g_assert_cmpuint (notified, ==, 1);
  carport_memory_store_set_fail_with (store, locked);
  g_assert_cmpuint (notified, ==, 1);
  g_object_get (store, "fail-with", &prop, NULL);
  g_assert_error (prop, CARPORT_STORE_ERROR, CARPORT_STORE_ERROR_LOCKED);

  out = store_test_lookup (CARPORT_CREDENTIAL_STORE (store), &error);
  g_assert_error (error, CARPORT_STORE_ERROR, CARPORT_STORE_ERROR_LOCKED);
  g_assert_null (out);
  g_clear_error (&error);

  g_assert_false (store_test_store (CARPORT_CREDENTIAL_STORE (store), in, &error));
  g_assert_error (error, CARPORT_STORE_ERROR, CARPORT_STORE_ERROR_LOCKED);
  g_clear_error (&error);

  g_assert_false (store_test_clear (CARPORT_CREDENTIAL_STORE (store), "renault", "a@example.com", &error));
  g_assert_error (error, CARPORT_STORE_ERROR, CARPORT_STORE_ERROR_LOCKED);
  g_clear_error (&error);

  g_assert_false (store_test_clear (CARPORT_CREDENTIAL_STORE (store), NULL, NULL, &error));
  g_assert_error (error, CARPORT_STORE_ERROR, CARPORT_STORE_ERROR_LOCKED);
  g_clear_error (&error);

  /* Failing changed nothing. */
  carport_memory_store_set_fail_with (store, NULL);
  g_assert_cmpuint (notified, ==, 2);
  g_assert_null (carport_memory_store_get_fail_with (store));
  out = store_test_lookup_n (CARPORT_CREDENTIAL_STORE (store), 1);
  g_assert_true (carport_credentials_equal (in, g_ptr_array_index (out, 0)));

  g_assert_finalize_object (g_steal_pointer (&store));
}

static void
test_cancelled (void)
{
  g_autoptr(CarportMemoryStore) store = carport_memory_store_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) out = NULL;
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
  g_test_add_data_func ("/store/memory/empty", credential_store_test_empty, run_shared);
  g_test_add_data_func ("/store/memory/two-brands", credential_store_test_two_brands, run_shared);
  g_test_add_data_func ("/store/memory/same-email", credential_store_test_same_email, run_shared);
  g_test_add_data_func ("/store/memory/replace-one", credential_store_test_replace_one, run_shared);
  g_test_add_data_func ("/store/memory/clear-one", credential_store_test_clear_one, run_shared);
  g_test_add_data_func ("/store/memory/clear-all", credential_store_test_clear_all, run_shared);
  g_test_add_data_func ("/store/memory/pins", credential_store_test_pins, run_shared);
  g_test_add_func ("/store/memory/order", test_order);
  g_test_add_func ("/store/memory/lookup-is-a-copy", test_lookup_is_a_copy);
  g_test_add_func ("/store/memory/fail-with", test_fail_with);
  g_test_add_func ("/store/memory/cancelled", test_cancelled);

  return g_test_run ();
}
