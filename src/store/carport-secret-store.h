/* carport-secret-store.h — a CarportCredentialStore in the desktop keyring.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each login is one item of the schema io.github.carport.Carport.Login in
 * the default collection, labelled "Carport login for <email>", with the
 * string attributes brand, locale and email; the login token is the item's
 * secret. Storing first removes the items of the same brand and email.
 * Lookup ignores items without a brand or an email and items whose secret is
 * not text; of several items of one brand and email (left by another
 * program) it takes the one modified last. Logins are sorted by the time
 * their item was created (the keyring counts in seconds).
 * Only asynchronous libsecret calls are made. Inside Flatpak, libsecret keeps
 * the item in its own encrypted file, unlocked through the Secret portal.
 *
 * Lookup asks the keyring to unlock itself, which shows the desktop's unlock
 * prompt: pass a cancellable the caller cancels when it gives up (on a bus
 * that sees a display nobody looks at, the prompt waits forever). Errors
 * are CARPORT_STORE_ERROR_NO_KEYRING, _LOCKED or _FAILED, or
 * G_IO_ERROR_CANCELLED when the cancellable was cancelled. */
#pragma once

#include <libsecret/secret.h>

#include "carport-credential-store.h"

G_BEGIN_DECLS

#define CARPORT_TYPE_SECRET_STORE (carport_secret_store_get_type ())
G_DECLARE_FINAL_TYPE (CarportSecretStore, carport_secret_store, CARPORT, SECRET_STORE, GObject)

CarportSecretStore *carport_secret_store_new        (void);

/* The schema of the stored item (for tests and tools). */
const SecretSchema *carport_secret_store_get_schema (void);
/* The schema of a remembered remote control PIN: brand, email and vin. */
const SecretSchema *carport_secret_store_get_pin_schema (void);

G_END_DECLS
