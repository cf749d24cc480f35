/* carport-demo.h — a session on the built-in simulator, for `--demo`.
 *
 * Starts the simulator in-process on 127.0.0.1 (random port), logs in with its
 * demo account through a memory credential store and no disk cache: neither
 * the network nor the keyring is touched. The simulator lives as long as the
 * session. */
#pragma once

#include "carport-session.h"

G_BEGIN_DECLS

void            carport_demo_session_new_async  (GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
CarportSession *carport_demo_session_new_finish (GAsyncResult         *result,
                                                 GError              **error);
/* The simulator behind a demo session (tests drive it), or NULL. */
gpointer        carport_demo_session_get_simulator (CarportSession *session);
/* The last code the demo's simulator "e-mailed" (a Nissan's remote lock
 * registration), or NULL: a demo has no mailbox, so the window shows it. */
const char     *carport_demo_session_get_emailed_code (CarportSession *session);

G_END_DECLS
