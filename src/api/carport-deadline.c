/* carport-deadline.c — a cancellable that ends an operation when its caller
 * cancels it or when its time is up. */
#include "config.h"

#define G_LOG_DOMAIN "carport-api"

#include "carport-deadline.h"

struct _CarportDeadline
{
  GCancellable *cancellable;  /* owned: what the operation runs on */
  GCancellable *parent;       /* owned, nullable: the caller's */
  gulong        parent_id;
  GSource      *timer;        /* owned, nullable */
  gint64        end_time;     /* monotonic µs, G_MAXINT64: never */
  gboolean      passed;
};

static void
parent_cancelled_cb (GCancellable *parent,
                     gpointer      user_data)
{
  CarportDeadline *self = user_data;

  g_cancellable_cancel (self->cancellable);
}

static gboolean
timer_cb (gpointer user_data)
{
  CarportDeadline *self = user_data;

  g_clear_pointer (&self->timer, g_source_unref);
  if (!g_cancellable_is_cancelled (self->cancellable))
    {
      self->passed = TRUE;
      g_cancellable_cancel (self->cancellable);
    }
  return G_SOURCE_REMOVE;
}

CarportDeadline *
carport_deadline_new (GCancellable *parent,
                      guint         seconds)
{
  CarportDeadline *self;

  g_return_val_if_fail (parent == NULL || G_IS_CANCELLABLE (parent), NULL);

  self = g_new0 (CarportDeadline, 1);
  self->cancellable = g_cancellable_new ();
  if (parent != NULL)
    {
      self->parent = g_object_ref (parent);
      self->parent_id = g_cancellable_connect (parent, G_CALLBACK (parent_cancelled_cb), self, NULL);
    }
  self->end_time = seconds > 0 ? g_get_monotonic_time () + (gint64) seconds * G_USEC_PER_SEC : G_MAXINT64;
  if (seconds > 0)
    {
      self->timer = g_timeout_source_new (seconds > G_MAXUINT / 1000 ? G_MAXUINT : seconds * 1000);
      g_source_set_callback (self->timer, timer_cb, self, NULL);
      g_source_set_static_name (self->timer, "[carport] deadline");
      g_source_attach (self->timer, g_main_context_get_thread_default ());
    }
  return self;
}

void
carport_deadline_free (CarportDeadline *self)
{
  if (self == NULL)
    return;

  if (self->timer != NULL)
    {
      g_source_destroy (self->timer);
      g_clear_pointer (&self->timer, g_source_unref);
    }
  if (self->parent != NULL)
    g_cancellable_disconnect (self->parent, self->parent_id);
  g_clear_object (&self->parent);
  g_clear_object (&self->cancellable);
  g_free (self);
}

GCancellable *
carport_deadline_get_cancellable (CarportDeadline *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->cancellable;
}

gint64
carport_deadline_get_end_time (CarportDeadline *self)
{
  g_return_val_if_fail (self != NULL, G_MAXINT64);

  return self->end_time;
}

gboolean
carport_deadline_has_passed (CarportDeadline *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->passed;
}

gboolean
carport_deadline_expired (CarportDeadline *self,
                          const GError    *error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->passed && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}
