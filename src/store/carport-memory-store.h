/* carport-memory-store.h — a CarportCredentialStore kept in memory.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For tests and demo mode: nothing is written anywhere and the logins are
 * forgotten when the object is finalized. Setting the "fail-with" property
 * makes every operation fail with a copy of that error, so that service
 * tests can simulate a missing or locked keyring. */
#pragma once

#include "carport-credential-store.h"

G_BEGIN_DECLS

#define CARPORT_TYPE_MEMORY_STORE (carport_memory_store_get_type ())
G_DECLARE_FINAL_TYPE (CarportMemoryStore, carport_memory_store, CARPORT, MEMORY_STORE, GObject)

/* Properties:
 *   fail-with (GError, nullable): when set, lookup, store and clear fail with
 *   a copy of it (and change nothing). */
CarportMemoryStore *carport_memory_store_new           (void);

const GError       *carport_memory_store_get_fail_with (CarportMemoryStore *self);
void                carport_memory_store_set_fail_with (CarportMemoryStore *self,
                                                        const GError       *error);

G_END_DECLS
