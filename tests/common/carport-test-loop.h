/* carport-test-loop.h — waiting for async results in tests, with a bound. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A GAsyncReadyCallback that keeps a reference to the result in the
 * GAsyncResult ** given as user data (which must be empty). */
void          carport_test_result_cb   (GObject      *source,
                                        GAsyncResult *result,
                                        gpointer      slot);
/* Spins the main context until *@slot is set (fails the test after 30 s). */
GAsyncResult *carport_test_wait_result (GAsyncResult **slot);
/* Spins the main context for @ms milliseconds. */
void          carport_test_spin        (guint ms);

G_END_DECLS
