/* carport-secret-store-private.h — internals of CarportSecretStore shared with its tests.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "carport-secret-store.h"

G_BEGIN_DECLS

typedef enum {
  CARPORT_SECRET_STORE_OP_LOOKUP,
  CARPORT_SECRET_STORE_OP_STORE,
  CARPORT_SECRET_STORE_OP_CLEAR,
  CARPORT_SECRET_STORE_OP_PIN_LOOKUP,
  CARPORT_SECRET_STORE_OP_PIN_STORE,
  CARPORT_SECRET_STORE_OP_PIN_FORGET,
} CarportSecretStoreOp;

/* Turns an error of libsecret, GDBus or GIO into a CARPORT_STORE_ERROR with
 * a message for people. G_IO_ERROR_CANCELLED is returned unchanged when
 * @cancellable was cancelled (the caller gave up); otherwise it means the
 * unlock prompt was dismissed. */
GError *_carport_secret_store_translate_error (const GError         *error,
                                               CarportSecretStoreOp  op,
                                               GCancellable         *cancellable);

/* For tests: when TRUE, lookup ignores the secrets its search loaded and
 * retrieves the secret of every item on its own (asynchronously, all at
 * once), as it must with the file backend inside Flatpak. */
void    _carport_secret_store_set_always_retrieve (CarportSecretStore   *self,
                                                   gboolean              always_retrieve);

G_END_DECLS
