/* test-secret-no-service.c — CarportSecretStore on a session bus where no
 * Secret Service runs or can be started.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GTestDBus starts a private dbus-daemon without any service files, so
 * org.freedesktop.secrets cannot be activated: the bus answers
 * ServiceUnknown, as on a desktop without gnome-keyring or KWallet. */

#include "config.h"

#include "carport-secret-store.h"
#include "store-test-utils.h"

#define QUICKLY_US (5 * G_USEC_PER_SEC)

static GTestDBus *bus;

static void
assert_no_keyring (const GError *error,
                   gint64        started)
{
  g_assert_error (error, CARPORT_STORE_ERROR, CARPORT_STORE_ERROR_NO_KEYRING);
  g_assert_nonnull (strstr (error->message, "keyring"));
  g_assert_cmpint (g_get_monotonic_time () - started, <, QUICKLY_US);
}

static void
test_lookup (void)
{
  g_autoptr(CarportSecretStore) store = carport_secret_store_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) out = NULL;
  g_autoptr(GError) error = NULL;
  gint64 started = g_get_monotonic_time ();

  carport_credential_store_lookup_async (CARPORT_CREDENTIAL_STORE (store), NULL, store_test_result_cb, &result);
  store_test_wait_timeout (&result, 10);
  out = carport_credential_store_lookup_finish (CARPORT_CREDENTIAL_STORE (store), result, &error);
  g_assert_null (out);
  assert_no_keyring (error, started);
}

static void
test_store (void)
{
  g_autoptr(CarportSecretStore) store = carport_secret_store_new ();
  g_autoptr(CarportCredentials) in = carport_credentials_new ("renault", "fr_FR", "a@example.com", "token-1");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 started = g_get_monotonic_time ();

  carport_credential_store_store_async (CARPORT_CREDENTIAL_STORE (store), in, NULL, store_test_result_cb, &result);
  store_test_wait_timeout (&result, 10);
  g_assert_false (carport_credential_store_store_finish (CARPORT_CREDENTIAL_STORE (store), result, &error));
  assert_no_keyring (error, started);
}

static void
test_clear (void)
{
  g_autoptr(CarportSecretStore) store = carport_secret_store_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 started = g_get_monotonic_time ();

  carport_credential_store_clear_async (CARPORT_CREDENTIAL_STORE (store), NULL, NULL, NULL,
                                        store_test_result_cb, &result);
  store_test_wait_timeout (&result, 10);
  g_assert_false (carport_credential_store_clear_finish (CARPORT_CREDENTIAL_STORE (store), result, &error));
  assert_no_keyring (error, started);
}

/* Forgetting one login fails the same way. */
static void
test_clear_one (void)
{
  g_autoptr(CarportSecretStore) store = carport_secret_store_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 started = g_get_monotonic_time ();

  carport_credential_store_clear_async (CARPORT_CREDENTIAL_STORE (store), "nissan", "b@example.com", NULL,
                                        store_test_result_cb, &result);
  store_test_wait_timeout (&result, 10);
  g_assert_false (carport_credential_store_clear_finish (CARPORT_CREDENTIAL_STORE (store), result, &error));
  assert_no_keyring (error, started);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_setenv ("SECRET_BACKEND", "service", TRUE);
  g_unsetenv ("DISPLAY");

  g_test_init (&argc, &argv, NULL);

  bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_up (bus);

  g_test_add_func ("/store/secret-no-service/lookup", test_lookup);
  g_test_add_func ("/store/secret-no-service/store", test_store);
  g_test_add_func ("/store/secret-no-service/clear", test_clear);
  g_test_add_func ("/store/secret-no-service/clear-one", test_clear_one);

  status = g_test_run ();

  /* libsecret keeps a reference to the bus connection for the life of the
   * process, so g_test_dbus_down() (also run when the GTestDBus is
   * finalized) would wait 30 s for it in vain: only stop the daemon, and
   * leave the GTestDBus to the end of the process. */
  secret_service_disconnect ();
  store_test_drain ();
  g_test_dbus_stop (bus);

  return status;
}
