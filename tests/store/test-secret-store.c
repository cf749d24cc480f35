/* test-secret-store.c — CarportSecretStore against a real gnome-keyring.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Run inside build-aux/test-session, which starts a private session bus with
 * an unlocked gnome-keyring in a temporary HOME. There, any keyring problem
 * fails the tests. Outside it (CARPORT_TEST_SESSION_INNER unset) they are
 * skipped, so that they never touch the keyring of the person running them. */

#include "config.h"

#include "carport-secret-store.h"
#include "store-test-utils.h"

static gboolean
in_test_session (void)
{
  if (g_getenv ("CARPORT_TEST_SESSION_INNER") != NULL)
    return TRUE;

  g_test_skip ("Not inside build-aux/test-session: the real keyring is not touched");
  return FALSE;
}

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

/* Every item of @schema in the keyring (a GList of SecretRetrievable). */
static GList *
search_all (const SecretSchema *schema)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GList *items;

  secret_password_search (schema, SECRET_SEARCH_ALL, NULL, store_test_result_cb, &result, NULL);
  store_test_wait (&result);
  items = secret_password_search_finish (result, &error);
  g_assert_no_error (error);

  return items;
}

static CarportSecretStore *
new_empty_store (void)
{
  CarportSecretStore *store = carport_secret_store_new ();
  g_autoptr(GError) error = NULL;

  gboolean cleared;

  g_assert_true (CARPORT_IS_CREDENTIAL_STORE (store));
  cleared = clear (CARPORT_CREDENTIAL_STORE (store), &error);
  g_assert_no_error (error);
  g_assert_true (cleared);

  return store;
}

static void
test_lookup_empty (void)
{
  g_autoptr(CarportSecretStore) store = NULL;
  g_autoptr(CarportCredentials) out = NULL;
  g_autoptr(GError) error = NULL;

  if (!in_test_session ())
    return;

  store = new_empty_store ();
  out = lookup (CARPORT_CREDENTIAL_STORE (store), &error);
  g_assert_no_error (error);
  g_assert_null (out);
}

static void
test_round_trip (void)
{
  g_autoptr(CarportSecretStore) store = NULL;
  g_autoptr(CarportCredentials) in = carport_credentials_new ("renault", "fr_FR", "owner@example.com",
                                                              "st2.long-lived-login-token.Ab0=");
  g_autoptr(CarportCredentials) out = NULL;
  g_autoptr(GError) error = NULL;

  if (!in_test_session ())
    return;

  store = new_empty_store ();
  g_assert_true (store_credentials (CARPORT_CREDENTIAL_STORE (store), in, &error));
  g_assert_no_error (error);

  /* A new store object finds it in the keyring. */
  g_clear_object (&store);
  store = carport_secret_store_new ();
  out = lookup (CARPORT_CREDENTIAL_STORE (store), &error);
  g_assert_no_error (error);
  g_assert_nonnull (out);
  g_assert_cmpstr (out->brand, ==, "renault");
  g_assert_cmpstr (out->locale, ==, "fr_FR");
  g_assert_cmpstr (out->email, ==, "owner@example.com");
  g_assert_cmpstr (out->secret, ==, "st2.long-lived-login-token.Ab0=");
}

static void
test_round_trip_no_locale (void)
{
  g_autoptr(CarportSecretStore) store = NULL;
  g_autoptr(CarportCredentials) in = carport_credentials_new ("nissan", NULL, "nissan@example.com",
                                                              "refresh-token-Ünïcode-✓");
  g_autoptr(CarportCredentials) out = NULL;
  g_autoptr(GError) error = NULL;

  if (!in_test_session ())
    return;

  store = new_empty_store ();
  g_assert_true (store_credentials (CARPORT_CREDENTIAL_STORE (store), in, &error));
  g_assert_no_error (error);

  out = lookup (CARPORT_CREDENTIAL_STORE (store), &error);
  g_assert_no_error (error);
  g_assert_true (carport_credentials_equal (in, out));
}

static void
test_replace (void)
{
  g_autoptr(CarportSecretStore) store = NULL;
  g_autoptr(CarportCredentials) first = carport_credentials_new ("renault", "fr_FR", "a@example.com", "token-1");
  g_autoptr(CarportCredentials) second = carport_credentials_new ("dacia", "de_DE", "b@example.com", "token-2");
  g_autoptr(CarportCredentials) out = NULL;
  g_autoptr(GError) error = NULL;
  GList *items;

  if (!in_test_session ())
    return;

  store = new_empty_store ();
  g_assert_true (store_credentials (CARPORT_CREDENTIAL_STORE (store), first, &error));
  g_assert_no_error (error);
  g_assert_true (store_credentials (CARPORT_CREDENTIAL_STORE (store), second, &error));
  g_assert_no_error (error);

  out = lookup (CARPORT_CREDENTIAL_STORE (store), &error);
  g_assert_no_error (error);
  g_assert_true (carport_credentials_equal (second, out));

  /* Replaced, not added. */
  items = search_all (carport_secret_store_get_schema ());
  g_assert_cmpuint (g_list_length (items), ==, 1);
  g_list_free_full (items, g_object_unref);
}

static void
test_clear (void)
{
  g_autoptr(CarportSecretStore) store = NULL;
  g_autoptr(CarportCredentials) in = carport_credentials_new ("alpine", "fr_FR", "a@example.com", "token-1");
  g_autoptr(CarportCredentials) out = NULL;
  g_autoptr(GError) error = NULL;
  GList *items;

  if (!in_test_session ())
    return;

  store = new_empty_store ();
  g_assert_true (store_credentials (CARPORT_CREDENTIAL_STORE (store), in, &error));
  g_assert_no_error (error);
  g_assert_true (clear (CARPORT_CREDENTIAL_STORE (store), &error));
  g_assert_no_error (error);

  out = lookup (CARPORT_CREDENTIAL_STORE (store), &error);
  g_assert_no_error (error);
  g_assert_null (out);

  items = search_all (carport_secret_store_get_schema ());
  g_assert_null (items);

  /* Clearing an empty keyring succeeds. */
  g_assert_true (clear (CARPORT_CREDENTIAL_STORE (store), &error));
  g_assert_no_error (error);
}

/* Items of other applications are left alone. */
static void
test_clear_keeps_others (void)
{
  static const SecretSchema other_schema = {
    "org.example.Other", SECRET_SCHEMA_NONE,
    { { "user", SECRET_SCHEMA_ATTRIBUTE_STRING }, { NULL, 0 } }
  };
  g_autoptr(CarportSecretStore) store = NULL;
  g_autoptr(CarportCredentials) in = carport_credentials_new ("renault", "fr_FR", "a@example.com", "token-1");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GList *items;

  if (!in_test_session ())
    return;

  store = new_empty_store ();
  secret_password_store (&other_schema, SECRET_COLLECTION_DEFAULT, "Other", "other-secret",
                         NULL, store_test_result_cb, &result, "user", "a@example.com", NULL);
  store_test_wait (&result);
  g_assert_true (secret_password_store_finish (result, &error));
  g_assert_no_error (error);

  g_assert_true (store_credentials (CARPORT_CREDENTIAL_STORE (store), in, &error));
  g_assert_no_error (error);
  g_assert_true (clear (CARPORT_CREDENTIAL_STORE (store), &error));
  g_assert_no_error (error);

  items = search_all (&other_schema);
  g_assert_cmpuint (g_list_length (items), ==, 1);
  g_list_free_full (items, g_object_unref);

  g_clear_object (&result);
  secret_password_clear (&other_schema, NULL, store_test_result_cb, &result, NULL);
  store_test_wait (&result);
  g_assert_true (secret_password_clear_finish (result, &error));
  g_assert_no_error (error);
}

/* The label and the attributes (which anyone on the session bus can read,
 * even with the keyring locked) never hold the secret. */
static void
test_secret_not_in_metadata (void)
{
  const char *secret = "SECRET-TOKEN-1234567890";
  g_autoptr(CarportSecretStore) store = NULL;
  g_autoptr(CarportCredentials) in = carport_credentials_new ("renault", "fr_FR", "owner@example.com", secret);
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) attributes = NULL;
  g_autofree char *label = NULL;
  GHashTableIter iter;
  gpointer key, value;
  GList *items;

  if (!in_test_session ())
    return;

  store = new_empty_store ();
  g_assert_true (store_credentials (CARPORT_CREDENTIAL_STORE (store), in, &error));
  g_assert_no_error (error);

  items = search_all (carport_secret_store_get_schema ());
  g_assert_cmpuint (g_list_length (items), ==, 1);

  label = secret_retrievable_get_label (items->data);
  g_assert_cmpstr (label, ==, "Carport login for owner@example.com");

  attributes = secret_retrievable_get_attributes (items->data);
  g_assert_cmpstr (g_hash_table_lookup (attributes, "brand"), ==, "renault");
  g_assert_cmpstr (g_hash_table_lookup (attributes, "locale"), ==, "fr_FR");
  g_assert_cmpstr (g_hash_table_lookup (attributes, "email"), ==, "owner@example.com");
  g_assert_cmpstr (g_hash_table_lookup (attributes, "xdg:schema"), ==, "io.github.carport.Carport.Login");

  g_hash_table_iter_init (&iter, attributes);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_assert_null (strstr (key, secret));
      g_assert_null (strstr (value, secret));
      g_assert_null (strstr (value, "SECRET-TOKEN"));
    }
  g_assert_null (strstr (label, "SECRET-TOKEN"));

  g_list_free_full (items, g_object_unref);
}

static void
test_cancelled (void)
{
  g_autoptr(CarportSecretStore) store = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(CarportCredentials) out = NULL;
  g_autoptr(GError) error = NULL;

  if (!in_test_session ())
    return;

  store = carport_secret_store_new ();
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

  /* Always the Secret Service, also if run inside a Flatpak sandbox. */
  g_setenv ("SECRET_BACKEND", "service", TRUE);

  g_test_add_func ("/store/secret/lookup-empty", test_lookup_empty);
  g_test_add_func ("/store/secret/round-trip", test_round_trip);
  g_test_add_func ("/store/secret/round-trip-no-locale", test_round_trip_no_locale);
  g_test_add_func ("/store/secret/replace", test_replace);
  g_test_add_func ("/store/secret/clear", test_clear);
  g_test_add_func ("/store/secret/clear-keeps-others", test_clear_keeps_others);
  g_test_add_func ("/store/secret/secret-not-in-metadata", test_secret_not_in_metadata);
  g_test_add_func ("/store/secret/cancelled", test_cancelled);

  return g_test_run ();
}
