/* credential-store-tests.h — what every CarportCredentialStore must do with
 * several logins. Each function takes an empty store and leaves it in any
 * state; the test programs of the implementations run them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "store-test-utils.h"

G_BEGIN_DECLS

static inline void
credential_store_test_store_ok (CarportCredentialStore   *store,
                                const CarportCredentials *credentials)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (store_test_store (store, credentials, &error));
  g_assert_no_error (error);
}

static inline void
credential_store_test_clear_ok (CarportCredentialStore *store,
                                const char             *brand,
                                const char             *email)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (store_test_clear (store, brand, email, &error));
  g_assert_no_error (error);
}

/* Nothing stored: an empty array, not NULL, not an error. */
static inline void
credential_store_test_empty (CarportCredentialStore *store)
{
  g_autoptr(GPtrArray) logins = store_test_lookup_n (store, 0);

  g_assert_nonnull (logins);
}

/* A household: a Renault and a Nissan login, both found with their secrets. */
static inline void
credential_store_test_two_brands (CarportCredentialStore *store)
{
  g_autoptr(CarportCredentials) renault = carport_credentials_new ("renault", "fr_FR", "anne@example.com",
                                                                   "renault-token-Ab0=");
  g_autoptr(CarportCredentials) nissan = carport_credentials_new ("nissan", NULL, "bert@example.com",
                                                                  "nissan-token-Ünïcode-✓");
  g_autoptr(GPtrArray) logins = NULL;

  credential_store_test_store_ok (store, renault);
  credential_store_test_store_ok (store, nissan);

  logins = store_test_lookup_n (store, 2);
  g_assert_true (carport_credentials_equal (store_test_find (logins, "renault", "anne@example.com"), renault));
  g_assert_true (carport_credentials_equal (store_test_find (logins, "nissan", "bert@example.com"), nissan));
  /* Copies, not the caller's. */
  g_assert_true (store_test_find (logins, "renault", "anne@example.com") != renault);
}

/* One person with the same e-mail address at two brands: two logins. */
static inline void
credential_store_test_same_email (CarportCredentialStore *store)
{
  g_autoptr(CarportCredentials) renault = carport_credentials_new ("renault", "fr_FR", "same@example.com", "token-r");
  g_autoptr(CarportCredentials) dacia = carport_credentials_new ("dacia", "fr_FR", "same@example.com", "token-d");
  g_autoptr(GPtrArray) logins = NULL;

  credential_store_test_store_ok (store, renault);
  credential_store_test_store_ok (store, dacia);

  logins = store_test_lookup_n (store, 2);
  g_assert_cmpstr (store_test_find (logins, "renault", "same@example.com")->secret, ==, "token-r");
  g_assert_cmpstr (store_test_find (logins, "dacia", "same@example.com")->secret, ==, "token-d");
}

/* Storing a login again replaces that login only, also with another locale. */
static inline void
credential_store_test_replace_one (CarportCredentialStore *store)
{
  g_autoptr(CarportCredentials) renault = carport_credentials_new ("renault", "fr_FR", "anne@example.com", "token-1");
  g_autoptr(CarportCredentials) nissan = carport_credentials_new ("nissan", "en_GB", "bert@example.com", "token-2");
  g_autoptr(CarportCredentials) again = carport_credentials_new ("renault", "fr_FR", "anne@example.com", "token-3");
  g_autoptr(CarportCredentials) moved = carport_credentials_new ("renault", "de_DE", "anne@example.com", "token-4");
  g_autoptr(CarportCredentials) no_locale = carport_credentials_new ("renault", NULL, "anne@example.com", "token-5");
  g_autoptr(GPtrArray) logins = NULL;

  credential_store_test_store_ok (store, renault);
  credential_store_test_store_ok (store, nissan);

  /* Same locale, new token. */
  credential_store_test_store_ok (store, again);
  logins = store_test_lookup_n (store, 2);
  g_assert_true (carport_credentials_equal (store_test_find (logins, "renault", "anne@example.com"), again));
  g_assert_true (carport_credentials_equal (store_test_find (logins, "nissan", "bert@example.com"), nissan));
  g_clear_pointer (&logins, g_ptr_array_unref);

  /* Another locale: still the same login. */
  credential_store_test_store_ok (store, moved);
  logins = store_test_lookup_n (store, 2);
  g_assert_true (carport_credentials_equal (store_test_find (logins, "renault", "anne@example.com"), moved));
  g_assert_true (carport_credentials_equal (store_test_find (logins, "nissan", "bert@example.com"), nissan));
  g_clear_pointer (&logins, g_ptr_array_unref);

  /* No locale at all. */
  credential_store_test_store_ok (store, no_locale);
  logins = store_test_lookup_n (store, 2);
  g_assert_true (carport_credentials_equal (store_test_find (logins, "renault", "anne@example.com"), no_locale));
  g_assert_null (store_test_find (logins, "renault", "anne@example.com")->locale);
  g_assert_true (carport_credentials_equal (store_test_find (logins, "nissan", "bert@example.com"), nissan));
}

/* Clearing one login keeps the others; clearing it again succeeds. */
static inline void
credential_store_test_clear_one (CarportCredentialStore *store)
{
  g_autoptr(CarportCredentials) renault = carport_credentials_new ("renault", "fr_FR", "anne@example.com", "token-1");
  g_autoptr(CarportCredentials) nissan = carport_credentials_new ("nissan", NULL, "bert@example.com", "token-2");
  g_autoptr(CarportCredentials) dacia = carport_credentials_new ("dacia", "ro_RO", "anne@example.com", "token-3");
  g_autoptr(GPtrArray) logins = NULL;

  credential_store_test_store_ok (store, renault);
  credential_store_test_store_ok (store, nissan);
  credential_store_test_store_ok (store, dacia);

  credential_store_test_clear_ok (store, "renault", "anne@example.com");
  logins = store_test_lookup_n (store, 2);
  g_assert_null (store_test_find (logins, "renault", "anne@example.com"));
  g_assert_true (carport_credentials_equal (store_test_find (logins, "nissan", "bert@example.com"), nissan));
  g_assert_true (carport_credentials_equal (store_test_find (logins, "dacia", "anne@example.com"), dacia));
  g_clear_pointer (&logins, g_ptr_array_unref);

  /* Not there (any more, or a brand and e-mail that never went together). */
  credential_store_test_clear_ok (store, "renault", "anne@example.com");
  credential_store_test_clear_ok (store, "nissan", "anne@example.com");
  logins = store_test_lookup_n (store, 2);
  g_assert_nonnull (store_test_find (logins, "nissan", "bert@example.com"));
  g_assert_nonnull (store_test_find (logins, "dacia", "anne@example.com"));
  g_clear_pointer (&logins, g_ptr_array_unref);

  credential_store_test_clear_ok (store, "nissan", "bert@example.com");
  logins = store_test_lookup_n (store, 1);
  g_assert_true (carport_credentials_equal (g_ptr_array_index (logins, 0), dacia));
}

/* clear (NULL, NULL) forgets every login; on an empty store it succeeds. */
static inline void
credential_store_test_clear_all (CarportCredentialStore *store)
{
  g_autoptr(CarportCredentials) renault = carport_credentials_new ("renault", "fr_FR", "anne@example.com", "token-1");
  g_autoptr(CarportCredentials) nissan = carport_credentials_new ("nissan", NULL, "bert@example.com", "token-2");
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;

  credential_store_test_store_ok (store, renault);
  credential_store_test_store_ok (store, nissan);
  before = store_test_lookup_n (store, 2);

  credential_store_test_clear_ok (store, NULL, NULL);
  after = store_test_lookup_n (store, 0);

  credential_store_test_clear_ok (store, NULL, NULL);
}

/* The remembered PIN of (@brand, @email, @vin) is @expected (NULL: none). */
static inline void
credential_store_test_assert_pin (CarportCredentialStore *store,
                                  const char             *brand,
                                  const char             *email,
                                  const char             *vin,
                                  const char             *expected)
{
  g_autoptr(GError) error = NULL;
  char *pin = store_test_lookup_pin (store, brand, email, vin, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (pin, ==, expected);
  carport_credential_store_pin_free (pin);
}

/* Remembered PINs: one per car of a login, replaced when stored again, no
 * login; forgotten per car, per login, or all at once. */
static inline void
credential_store_test_pins (CarportCredentialStore *store)
{
  g_autoptr(GPtrArray) logins = NULL;
  g_autoptr(GError) error = NULL;

  credential_store_test_assert_pin (store, "renault", "anne@example.com", "VF1AAAAA000000001", NULL);
  g_assert_true (store_test_store_pin (store, "renault", "anne@example.com", "VF1AAAAA000000001", "1234", &error));
  g_assert_true (store_test_store_pin (store, "renault", "anne@example.com", "VF1AAAAA000000002", "5678", &error));
  g_assert_true (store_test_store_pin (store, "nissan", "bert@example.com", "VF1AAAAA000000001", "0000", &error));
  g_assert_no_error (error);
  credential_store_test_assert_pin (store, "renault", "anne@example.com", "VF1AAAAA000000001", "1234");
  credential_store_test_assert_pin (store, "renault", "anne@example.com", "VF1AAAAA000000002", "5678");
  credential_store_test_assert_pin (store, "nissan", "bert@example.com", "VF1AAAAA000000001", "0000");
  credential_store_test_assert_pin (store, "renault", "bert@example.com", "VF1AAAAA000000001", NULL);

  /* A PIN set again replaces the one remembered. */
  g_assert_true (store_test_store_pin (store, "renault", "anne@example.com", "VF1AAAAA000000001", "4321", &error));
  credential_store_test_assert_pin (store, "renault", "anne@example.com", "VF1AAAAA000000001", "4321");
  /* PINs are no logins. */
  logins = store_test_lookup_n (store, 0);

  g_assert_true (store_test_forget_pins (store, "renault", "anne@example.com", "VF1AAAAA000000001", &error));
  credential_store_test_assert_pin (store, "renault", "anne@example.com", "VF1AAAAA000000001", NULL);
  credential_store_test_assert_pin (store, "renault", "anne@example.com", "VF1AAAAA000000002", "5678");
  g_assert_true (store_test_forget_pins (store, "renault", "anne@example.com", NULL, &error));
  credential_store_test_assert_pin (store, "renault", "anne@example.com", "VF1AAAAA000000002", NULL);
  credential_store_test_assert_pin (store, "nissan", "bert@example.com", "VF1AAAAA000000001", "0000");
  g_assert_true (store_test_forget_pins (store, NULL, NULL, NULL, &error));
  credential_store_test_assert_pin (store, "nissan", "bert@example.com", "VF1AAAAA000000001", NULL);
  /* Forgetting what is not there succeeds. */
  g_assert_true (store_test_forget_pins (store, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
}

G_END_DECLS
