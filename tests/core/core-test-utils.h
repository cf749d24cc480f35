/* core-test-utils.h — generic property checks shared by the core tests.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Counts "notify" emissions per property name. */
typedef struct {
  GHashTable *counts; /* owned: interned name → count */
  gulong      handler_id;
  GObject    *object; /* borrowed */
} NotifyCounter;

void  notify_counter_init  (NotifyCounter *counter,
                            GObject       *object);
void  notify_counter_clear (NotifyCounter *counter);
void  notify_counter_reset (NotifyCounter *counter);
guint notify_counter_get   (NotifyCounter *counter,
                            const char    *name);
guint notify_counter_total (NotifyCounter *counter);

/* Fills @value (uninitialised) with a value of @pspec's type that differs
 * from its default. */
void  test_value_for_pspec (GParamSpec *pspec,
                            GValue     *value);

/* Asserts that each writable (not construct-only) property of @object has its
 * default value. */
void  assert_all_defaults  (GObject *object);

/* For every writable (not construct-only) property of @object: setting a
 * different value notifies it exactly once, setting it again does not;
 * doubles going back to NAN and pointers going back to NULL notify once and
 * only once; an equal but distinct GDateTime does not notify. Properties in
 * @derived (NULL-terminated, may be NULL) may be notified as a side effect. */
void  assert_notifies_once (GObject           *object,
                            const char * const *derived);

/* Sets every writable (not construct-only) property of @object to a
 * non-default value. */
void  set_all_non_default  (GObject *object);

G_END_DECLS
