/* carport-command-lock.h — one command of a kind on its way to a car at a
 * time, across every Carport process of the user (the app, carport-cli).
 *
 * A lock is a file in the user's runtime folder
 * ($XDG_RUNTIME_DIR/carport/command-VIN-KIND-ACCOUNT.lock) held with flock()
 * while the command is followed. The kernel lets go of it when the process
 * ends, however it ends, so a lock is never left behind. */
#pragma once

#include <gio/gio.h>
#include "carport-core.h"

G_BEGIN_DECLS

typedef struct _CarportCommandLock CarportCommandLock;

/* Takes the lock of @kind for the car @vin of the account @account_id (the
 * brand's id for it; nullable). CARPORT_API_ERROR_IN_PROGRESS, with a
 * sentence for people, while another process holds it. Where no lock file
 * can be made (no runtime folder), the lock is taken without one. Never
 * blocks: the file is in the runtime folder (a tmpfs) and flock() does not
 * wait. */
CarportCommandLock *carport_command_lock_acquire (const char          *account_id,
                                                  const char          *vin,
                                                  CarportCommandKind   kind,
                                                  GError             **error);
/* Lets go of @lock (nullable). */
void                carport_command_lock_release (CarportCommandLock  *lock);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CarportCommandLock, carport_command_lock_release)

G_END_DECLS
