/* carport-task-steps.h — a GTask that completes once several steps (concurrent
 * requests) are done: TRUE, or the first step's error. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Makes @task wait for @n steps (more may be added before they are done). */
void carport_task_steps_begin (GTask *task, guint n);
void carport_task_steps_add   (GTask *task, guint n);
/* One step done; takes @error (nullable). After the last step @task
 * returns TRUE, or the first error a step gave. */
void carport_task_step_done   (GTask *task, GError *error);

G_END_DECLS
