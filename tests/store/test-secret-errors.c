/* test-secret-errors.c — CarportSecretStore without a keyring, and the
 * messages it gives for each kind of keyring failure.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * main() points the session bus at a socket that does not exist (meson sets
 * the same), so this never reaches a real keyring. */

#include "config.h"

#include "carport-secret-store-private.h"
#include "store-test-utils.h"

#define NO_BUS_ADDRESS "unix:path=/nonexistent/carport-test-bus"

/* Fails quickly: well under the 25 s of a D-Bus timeout. */
#define QUICKLY_US (5 * G_USEC_PER_SEC)

static void
assert_no_keyring (const GError *error,
                   gint64        started)
{
  g_assert_error (error, CARPORT_STORE_ERROR, CARPORT_STORE_ERROR_NO_KEYRING);
  g_assert_nonnull (strstr (error->message, "keyring"));
  /* A message for people: no D-Bus names or paths. */
  g_assert_null (strstr (error->message, "org.freedesktop"));
  g_assert_null (strstr (error->message, "/nonexistent"));
  g_assert_cmpint (g_get_monotonic_time () - started, <, QUICKLY_US);
  g_test_message ("%s", error->message);
}

static void
test_no_bus_lookup (void)
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
test_no_bus_store (void)
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
  g_assert_null (strstr (error->message, "token-1"));
}

static void
test_no_bus_clear (void)
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
test_no_bus_clear_one (void)
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

typedef struct {
  GQuark domain;
  int code;
  gboolean cancelled;
  GQuark expected_domain;
  int expected_code;
} Translation;

static void
test_translate (void)
{
  const Translation cases[] = {
    { G_DBUS_ERROR, G_DBUS_ERROR_SERVICE_UNKNOWN, FALSE, CARPORT_STORE_ERROR, CARPORT_STORE_ERROR_NO_KEYRING },
    { G_DBUS_ERROR, G_DBUS_ERROR_NAME_HAS_NO_OWNER, FALSE, CARPORT_STORE_ERROR, CARPORT_STORE_ERROR_NO_KEYRING },
    { G_DBUS_ERROR, G_DBUS_ERROR_SPAWN_CHILD_EXITED, FALSE, CARPORT_STORE_ERROR, CARPORT_STORE_ERROR_NO_KEYRING },
    { G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_METHOD, FALSE, CARPORT_STORE_ERROR, CARPORT_STORE_ERROR_NO_KEYRING },
    { G_IO_ERROR, G_IO_ERROR_NOT_FOUND, FALSE, CARPORT_STORE_ERROR, CARPORT_STORE_ERROR_NO_KEYRING },
    { G_IO_ERROR, G_IO_ERROR_CLOSED, FALSE, CARPORT_STORE_ERROR, CARPORT_STORE_ERROR_NO_KEYRING },
    { SECRET_ERROR, SECRET_ERROR_IS_LOCKED, FALSE, CARPORT_STORE_ERROR, CARPORT_STORE_ERROR_LOCKED },
    /* A dismissed unlock prompt: a cancellation nobody asked for. */
    { G_IO_ERROR, G_IO_ERROR_CANCELLED, FALSE, CARPORT_STORE_ERROR, CARPORT_STORE_ERROR_LOCKED },
    /* The caller cancelled: stays quiet. */
    { G_IO_ERROR, G_IO_ERROR_CANCELLED, TRUE, G_IO_ERROR, G_IO_ERROR_CANCELLED },
    { SECRET_ERROR, SECRET_ERROR_PROTOCOL, FALSE, CARPORT_STORE_ERROR, CARPORT_STORE_ERROR_FAILED },
    { SECRET_ERROR, SECRET_ERROR_NO_SUCH_OBJECT, FALSE, CARPORT_STORE_ERROR, CARPORT_STORE_ERROR_FAILED },
    { G_DBUS_ERROR, G_DBUS_ERROR_FAILED, FALSE, CARPORT_STORE_ERROR, CARPORT_STORE_ERROR_FAILED },
    { CARPORT_STORE_ERROR, CARPORT_STORE_ERROR_LOCKED, FALSE, CARPORT_STORE_ERROR, CARPORT_STORE_ERROR_LOCKED },
  };
  const CarportSecretStoreOp ops[] = {
    CARPORT_SECRET_STORE_OP_LOOKUP,
    CARPORT_SECRET_STORE_OP_STORE,
    CARPORT_SECRET_STORE_OP_CLEAR,
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    for (guint j = 0; j < G_N_ELEMENTS (ops); j++)
      {
        g_autoptr(GCancellable) cancellable = g_cancellable_new ();
        g_autoptr(GError) in = g_error_new_literal (cases[i].domain, cases[i].code,
                                                    "org.freedesktop.Secret.Error.Whatever: raw detail");
        g_autoptr(GError) out = NULL;

        if (cases[i].cancelled)
          g_cancellable_cancel (cancellable);

        out = _carport_secret_store_translate_error (in, ops[j], cancellable);
        g_assert_error (out, cases[i].expected_domain, cases[i].expected_code);

        if (out->domain == CARPORT_STORE_ERROR && in->domain != CARPORT_STORE_ERROR)
          {
            g_assert_cmpstr (out->message, !=, "");
            g_assert_null (strstr (out->message, "org.freedesktop"));
            g_assert_null (strstr (out->message, "raw detail"));
          }
      }
}

/* Each kind of failure reads differently. */
static void
test_messages_differ (void)
{
  g_autoptr(GError) no_service = g_error_new_literal (G_DBUS_ERROR, G_DBUS_ERROR_SERVICE_UNKNOWN, "x");
  g_autoptr(GError) locked = g_error_new_literal (SECRET_ERROR, SECRET_ERROR_IS_LOCKED, "x");
  g_autoptr(GError) failed = g_error_new_literal (SECRET_ERROR, SECRET_ERROR_PROTOCOL, "x");
  g_autoptr(GError) a = _carport_secret_store_translate_error (no_service, CARPORT_SECRET_STORE_OP_LOOKUP, NULL);
  g_autoptr(GError) b = _carport_secret_store_translate_error (locked, CARPORT_SECRET_STORE_OP_LOOKUP, NULL);
  g_autoptr(GError) c = _carport_secret_store_translate_error (failed, CARPORT_SECRET_STORE_OP_LOOKUP, NULL);

  g_assert_cmpstr (a->message, ==,
                   "No keyring is available to keep your login. Carport will ask for your password next time.");
  g_assert_cmpstr (a->message, !=, b->message);
  g_assert_cmpstr (b->message, !=, c->message);
  g_assert_nonnull (strstr (b->message, "locked"));
}

int
main (int   argc,
      char *argv[])
{
  /* Before anything connects to a bus. */
  g_setenv ("DBUS_SESSION_BUS_ADDRESS", NO_BUS_ADDRESS, TRUE);
  g_setenv ("SECRET_BACKEND", "service", TRUE);
  g_unsetenv ("DISPLAY");

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store/secret-errors/no-bus/lookup", test_no_bus_lookup);
  g_test_add_func ("/store/secret-errors/no-bus/store", test_no_bus_store);
  g_test_add_func ("/store/secret-errors/no-bus/clear", test_no_bus_clear);
  g_test_add_func ("/store/secret-errors/no-bus/clear-one", test_no_bus_clear_one);
  g_test_add_func ("/store/secret-errors/translate", test_translate);
  g_test_add_func ("/store/secret-errors/messages-differ", test_messages_differ);

  return g_test_run ();
}
