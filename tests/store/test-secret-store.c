/* test-secret-store.c — CarportSecretStore against a real gnome-keyring.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Run inside build-aux/test-session, which starts a private session bus with
 * an unlocked gnome-keyring in a temporary HOME. There, any keyring problem
 * fails the tests. Outside it (CARPORT_TEST_SESSION_INNER unset) they are
 * skipped, so that they never touch the keyring of the person running them. */

#include "config.h"

#include "carport-secret-store-private.h"
#include "credential-store-tests.h"

static gboolean
in_test_session (void)
{
  if (g_getenv ("CARPORT_TEST_SESSION_INNER") != NULL)
    return TRUE;

  g_test_skip ("Not inside build-aux/test-session: the real keyring is not touched");
  return FALSE;
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
  GList *items;

  g_assert_true (CARPORT_IS_CREDENTIAL_STORE (store));
  credential_store_test_clear_ok (CARPORT_CREDENTIAL_STORE (store), NULL, NULL);
  items = search_all (carport_secret_store_get_schema ());
  g_assert_null (items);

  return store;
}

/* Stores an item of Carport's schema the way another program could: any
 * subset of the attributes (NULL-terminated name, value pairs). */
static void
store_raw_item (const char *label,
                const char *secret,
                ...)
{
  g_autoptr(GHashTable) attributes = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  const char *name;
  va_list args;

  va_start (args, secret);
  while ((name = va_arg (args, const char *)) != NULL)
    g_hash_table_insert (attributes, (gpointer) name, va_arg (args, char *));
  va_end (args);

  secret_password_storev (carport_secret_store_get_schema (), attributes, SECRET_COLLECTION_DEFAULT,
                          label, secret, NULL, store_test_result_cb, &result);
  store_test_wait (&result);
  g_assert_true (secret_password_store_finish (result, &error));
  g_assert_no_error (error);
}

/* The keyring counts item times in seconds: wait for the next one, so that
 * the next item is newer. */
static void
next_second (void)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  while (g_get_real_time () / G_USEC_PER_SEC == now)
    g_usleep (G_USEC_PER_SEC / 20);
}

static guint
count_items (void)
{
  GList *items = search_all (carport_secret_store_get_schema ());
  guint n = g_list_length (items);

  g_list_free_full (items, g_object_unref);
  return n;
}

/* The shared scenarios of credential-store-tests.h on an empty keyring,
 * once with the secrets the search loaded and once retrieving each. */
typedef struct {
  void (*scenario) (CarportCredentialStore *store);
  gboolean always_retrieve;
} Shared;

static void
run_shared (gconstpointer data)
{
  const Shared *shared = data;
  g_autoptr(CarportSecretStore) store = NULL;
  g_autoptr(CarportSecretStore) other = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GError) error = NULL;

  if (!in_test_session ())
    return;

  store = new_empty_store ();
  _carport_secret_store_set_always_retrieve (store, shared->always_retrieve);
  shared->scenario (CARPORT_CREDENTIAL_STORE (store));

  /* A new store object (another run of Carport) finds the same. */
  before = store_test_lookup (CARPORT_CREDENTIAL_STORE (store), &error);
  g_assert_no_error (error);
  g_assert_nonnull (before);
  other = carport_secret_store_new ();
  _carport_secret_store_set_always_retrieve (other, !shared->always_retrieve);
  after = store_test_lookup_n (CARPORT_CREDENTIAL_STORE (other), before->len);
  g_assert_cmpuint (count_items (), ==, before->len);
  for (guint i = 0; i < before->len; i++)
    {
      const CarportCredentials *login = g_ptr_array_index (before, i);

      g_assert_true (carport_credentials_equal (store_test_find (after, login->brand, login->email), login));
    }
}

static const char *
brand_at (GPtrArray *logins,
          guint      index)
{
  return ((CarportCredentials *) g_ptr_array_index (logins, index))->brand;
}

/* Oldest first (by the item's creation); a login stored again is new. */
static void
test_order (void)
{
  g_autoptr(CarportSecretStore) store = NULL;
  CarportCredentialStore *cs;
  g_autoptr(CarportCredentials) renault = carport_credentials_new ("renault", "fr_FR", "a@example.com", "token-1");
  g_autoptr(CarportCredentials) nissan = carport_credentials_new ("nissan", NULL, "b@example.com", "token-2");
  g_autoptr(CarportCredentials) alpine = carport_credentials_new ("alpine", NULL, "c@example.com", "token-3");
  g_autoptr(GPtrArray) logins = NULL;

  if (!in_test_session ())
    return;

  store = new_empty_store ();
  cs = CARPORT_CREDENTIAL_STORE (store);

  /* Not in alphabetical order of anything. */
  credential_store_test_store_ok (cs, nissan);
  next_second ();
  credential_store_test_store_ok (cs, renault);
  next_second ();
  credential_store_test_store_ok (cs, alpine);
  logins = store_test_lookup_n (cs, 3);
  g_assert_cmpstr (brand_at (logins, 0), ==, "nissan");
  g_assert_cmpstr (brand_at (logins, 1), ==, "renault");
  g_assert_cmpstr (brand_at (logins, 2), ==, "alpine");
  g_clear_pointer (&logins, g_ptr_array_unref);

  next_second ();
  credential_store_test_store_ok (cs, nissan);
  _carport_secret_store_set_always_retrieve (store, TRUE);
  logins = store_test_lookup_n (cs, 3);
  g_assert_cmpstr (brand_at (logins, 0), ==, "renault");
  g_assert_cmpstr (brand_at (logins, 1), ==, "alpine");
  g_assert_cmpstr (brand_at (logins, 2), ==, "nissan");
}

/* Replacing really removes the old item (also of another locale). */
static void
test_replace_removes_item (void)
{
  g_autoptr(CarportSecretStore) store = NULL;
  g_autoptr(CarportCredentials) first = carport_credentials_new ("renault", "fr_FR", "a@example.com", "token-1");
  g_autoptr(CarportCredentials) second = carport_credentials_new ("renault", "de_DE", "a@example.com", "token-2");
  g_autoptr(CarportCredentials) nissan = carport_credentials_new ("nissan", NULL, "b@example.com", "token-3");

  if (!in_test_session ())
    return;

  store = new_empty_store ();
  credential_store_test_store_ok (CARPORT_CREDENTIAL_STORE (store), first);
  credential_store_test_store_ok (CARPORT_CREDENTIAL_STORE (store), nissan);
  g_assert_cmpuint (count_items (), ==, 2);
  credential_store_test_store_ok (CARPORT_CREDENTIAL_STORE (store), second);
  g_assert_cmpuint (count_items (), ==, 2);
}

/* Items of Carport's schema without a brand or an email (left by another
 * program or an older Carport) are ignored; clearing everything removes them. */
static void
test_incomplete_items_ignored (void)
{
  g_autoptr(CarportSecretStore) store = NULL;
  g_autoptr(CarportCredentials) nissan = carport_credentials_new ("nissan", NULL, "b@example.com", "token-3");
  g_autoptr(GPtrArray) logins = NULL;

  if (!in_test_session ())
    return;

  store = new_empty_store ();
  /* gnome-keyring replaces an item whose attributes include all of the new
   * item's: the item without attributes goes first. */
  store_raw_item ("nothing", "secret-d", NULL);
  store_raw_item ("no brand", "secret-a", "email", "a@example.com", "locale", "fr_FR", NULL);
  store_raw_item ("no email", "secret-b", "brand", "renault", NULL);
  store_raw_item ("empty brand", "secret-c", "brand", "", "email", "c@example.com", NULL);
  credential_store_test_store_ok (CARPORT_CREDENTIAL_STORE (store), nissan);
  g_assert_cmpuint (count_items (), ==, 5);

  logins = store_test_lookup_n (CARPORT_CREDENTIAL_STORE (store), 1);
  g_assert_true (carport_credentials_equal (g_ptr_array_index (logins, 0), nissan));
  g_clear_pointer (&logins, g_ptr_array_unref);

  _carport_secret_store_set_always_retrieve (store, TRUE);
  logins = store_test_lookup_n (CARPORT_CREDENTIAL_STORE (store), 1);
  g_assert_true (carport_credentials_equal (g_ptr_array_index (logins, 0), nissan));

  credential_store_test_clear_ok (CARPORT_CREDENTIAL_STORE (store), NULL, NULL);
  g_assert_cmpuint (count_items (), ==, 0);
}

/* An item whose secret is empty is skipped; the other logins are found. */
static void
test_empty_secret_ignored (void)
{
  g_autoptr(CarportSecretStore) store = NULL;
  g_autoptr(CarportCredentials) nissan = carport_credentials_new ("nissan", NULL, "b@example.com", "token-3");
  g_autoptr(CarportCredentials) renault = carport_credentials_new ("renault", "fr_FR", "a@example.com", "token-1");
  g_autoptr(GPtrArray) logins = NULL;

  if (!in_test_session ())
    return;

  store = new_empty_store ();
  store_raw_item ("empty", "", "brand", "renault", "email", "a@example.com", "locale", "fr_FR", NULL);
  credential_store_test_store_ok (CARPORT_CREDENTIAL_STORE (store), nissan);

  for (guint retrieve = 0; retrieve < 2; retrieve++)
    {
      _carport_secret_store_set_always_retrieve (store, retrieve);
      logins = store_test_lookup_n (CARPORT_CREDENTIAL_STORE (store), 1);
      g_assert_true (carport_credentials_equal (g_ptr_array_index (logins, 0), nissan));
      g_clear_pointer (&logins, g_ptr_array_unref);
    }

  /* Logging in again replaces it. */
  credential_store_test_store_ok (CARPORT_CREDENTIAL_STORE (store), renault);
  logins = store_test_lookup_n (CARPORT_CREDENTIAL_STORE (store), 2);
  g_assert_true (carport_credentials_equal (store_test_find (logins, "renault", "a@example.com"), renault));
  g_assert_cmpuint (count_items (), ==, 2);
}

/* Two items of one brand and email (another program stored a second one
 * with another locale): the newest is the login, whichever was first. */
static void
test_duplicates_newest (void)
{
  g_autoptr(CarportSecretStore) store = NULL;
  g_autoptr(CarportCredentials) replacement = carport_credentials_new ("renault", "it_IT", "a@example.com", "token-5");
  g_autoptr(GPtrArray) logins = NULL;
  const CarportCredentials *login;

  if (!in_test_session ())
    return;

  store = new_empty_store ();
  store_raw_item ("old a", "token-a-old", "brand", "renault", "email", "a@example.com", "locale", "fr_FR", NULL);
  store_raw_item ("old b", "token-b-old", "brand", "dacia", "email", "b@example.com", "locale", "de_DE", NULL);
  next_second ();
  store_raw_item ("new a", "token-a-new", "brand", "renault", "email", "a@example.com", "locale", "de_DE", NULL);
  store_raw_item ("new b", "token-b-new", "brand", "dacia", "email", "b@example.com", "locale", "fr_FR", NULL);
  g_assert_cmpuint (count_items (), ==, 4);

  for (guint retrieve = 0; retrieve < 2; retrieve++)
    {
      _carport_secret_store_set_always_retrieve (store, retrieve);
      logins = store_test_lookup_n (CARPORT_CREDENTIAL_STORE (store), 2);

      login = store_test_find (logins, "renault", "a@example.com");
      g_assert_cmpstr (login->secret, ==, "token-a-new");
      g_assert_cmpstr (login->locale, ==, "de_DE");
      login = store_test_find (logins, "dacia", "b@example.com");
      g_assert_cmpstr (login->secret, ==, "token-b-new");
      g_assert_cmpstr (login->locale, ==, "fr_FR");
      g_clear_pointer (&logins, g_ptr_array_unref);
    }

  /* Storing that login removes both of its items. */
  credential_store_test_store_ok (CARPORT_CREDENTIAL_STORE (store), replacement);
  g_assert_cmpuint (count_items (), ==, 3);
  logins = store_test_lookup_n (CARPORT_CREDENTIAL_STORE (store), 2);
  g_assert_true (carport_credentials_equal (store_test_find (logins, "renault", "a@example.com"), replacement));
  g_clear_pointer (&logins, g_ptr_array_unref);

  /* And clearing one removes every item of it. */
  credential_store_test_clear_ok (CARPORT_CREDENTIAL_STORE (store), "dacia", "b@example.com");
  g_assert_cmpuint (count_items (), ==, 1);
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

  credential_store_test_store_ok (CARPORT_CREDENTIAL_STORE (store), in);
  credential_store_test_clear_ok (CARPORT_CREDENTIAL_STORE (store), "renault", "a@example.com");
  credential_store_test_clear_ok (CARPORT_CREDENTIAL_STORE (store), NULL, NULL);

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
  g_autoptr(GHashTable) attributes = NULL;
  g_autofree char *label = NULL;
  GHashTableIter iter;
  gpointer key, value;
  GList *items;

  if (!in_test_session ())
    return;

  store = new_empty_store ();
  credential_store_test_store_ok (CARPORT_CREDENTIAL_STORE (store), in);

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
  g_autoptr(GPtrArray) out = NULL;
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

#define SHARED(scenario) { scenario, FALSE }, { scenario, TRUE }

static const Shared shared[] = {
  SHARED (credential_store_test_empty),
  SHARED (credential_store_test_two_brands),
  SHARED (credential_store_test_same_email),
  SHARED (credential_store_test_replace_one),
  SHARED (credential_store_test_clear_one),
  SHARED (credential_store_test_clear_all),
  SHARED (credential_store_test_pins),
};

static const char * const shared_names[] = {
  "empty", "two-brands", "same-email", "replace-one", "clear-one", "clear-all", "pins",
};

G_STATIC_ASSERT (G_N_ELEMENTS (shared) == 2 * G_N_ELEMENTS (shared_names));

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  /* Always the Secret Service, also if run inside a Flatpak sandbox. */
  g_setenv ("SECRET_BACKEND", "service", TRUE);

  for (guint i = 0; i < G_N_ELEMENTS (shared); i++)
    {
      g_autofree char *path = g_strdup_printf ("/store/secret/%s%s",
                                               shared[i].always_retrieve ? "retrieve/" : "",
                                               shared_names[i / 2]);

      g_test_add_data_func (path, &shared[i], run_shared);
    }
  g_test_add_func ("/store/secret/order", test_order);
  g_test_add_func ("/store/secret/replace-removes-item", test_replace_removes_item);
  g_test_add_func ("/store/secret/incomplete-items-ignored", test_incomplete_items_ignored);
  g_test_add_func ("/store/secret/empty-secret-ignored", test_empty_secret_ignored);
  g_test_add_func ("/store/secret/duplicates-newest", test_duplicates_newest);
  g_test_add_func ("/store/secret/clear-keeps-others", test_clear_keeps_others);
  g_test_add_func ("/store/secret/secret-not-in-metadata", test_secret_not_in_metadata);
  g_test_add_func ("/store/secret/cancelled", test_cancelled);

  return g_test_run ();
}
