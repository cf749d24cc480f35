/* carport-deadline.h — a cancellable that ends an operation when its caller
 * cancels it or when its time is up, whichever comes first.
 *
 * An operation runs on carport_deadline_get_cancellable(); when it fails with
 * G_IO_ERROR_CANCELLED, carport_deadline_expired() tells whether the time ran
 * out (a TIMEOUT for the user) or the caller gave up (cancelled). */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _CarportDeadline CarportDeadline;

/* Cancelled when @parent (nullable) is, or @seconds from now (0: no time
 * limit). The timer runs on the thread-default main context. */
CarportDeadline *carport_deadline_new              (GCancellable    *parent,
                                                    guint            seconds);
void             carport_deadline_free             (CarportDeadline *self);
GCancellable    *carport_deadline_get_cancellable  (CarportDeadline *self);
/* When the time runs out (g_get_monotonic_time() µs), G_MAXINT64 for never. */
gint64           carport_deadline_get_end_time     (CarportDeadline *self);
/* TRUE once the time ran out (and the caller had not cancelled first). */
gboolean         carport_deadline_has_passed       (CarportDeadline *self);
/* TRUE when @error is the cancellation that the time running out caused. */
gboolean         carport_deadline_expired          (CarportDeadline *self,
                                                    const GError    *error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CarportDeadline, carport_deadline_free)

G_END_DECLS
