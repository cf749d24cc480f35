/* carport-task-steps.c — a GTask that completes once several steps are done. */
#define G_LOG_DOMAIN "carport-service"

#include "config.h"

#include "carport-task-steps.h"

typedef struct {
  guint   pending;
  GError *error;     /* the first failure */
} Steps;

static void
steps_free (Steps *steps)
{
  g_clear_error (&steps->error);
  g_free (steps);
}

void
carport_task_steps_begin (GTask *task,
                          guint  n)
{
  Steps *steps = g_new0 (Steps, 1);

  steps->pending = n;
  g_task_set_task_data (task, steps, (GDestroyNotify) steps_free);
}

void
carport_task_steps_add (GTask *task,
                        guint  n)
{
  Steps *steps = g_task_get_task_data (task);

  steps->pending += n;
}

void
carport_task_step_done (GTask  *task,
                        GError *error)
{
  Steps *steps = g_task_get_task_data (task);

  g_return_if_fail (steps->pending > 0);

  if (error && !steps->error)
    steps->error = error;
  else if (error)
    g_error_free (error);
  if (--steps->pending > 0)
    return;
  if (steps->error)
    g_task_return_error (task, g_steal_pointer (&steps->error));
  else
    g_task_return_boolean (task, TRUE);
}
