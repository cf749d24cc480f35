/* store-test-utils.h — waiting for async results in the store tests.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Use store_test_result_cb as the callback with &result as user data, then
 * store_test_wait (&result): it runs the main context until the result is
 * there, failing the test after @timeout_s seconds. */
static inline void
store_test_result_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  GAsyncResult **out = user_data;

  g_assert_null (*out);
  *out = g_object_ref (result);
}

static inline gboolean
store_test_timeout_cb (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

static inline void
store_test_wait_timeout (GAsyncResult **result,
                         guint          timeout_s)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (timeout_s, store_test_timeout_cb, &timed_out);

  while (*result == NULL && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  if (!timed_out)
    g_source_remove (id);
  if (*result == NULL)
    g_error ("Timed out after %u s waiting for an asynchronous result", timeout_s);
}

static inline void
store_test_wait (GAsyncResult **result)
{
  store_test_wait_timeout (result, 20);
}

/* Runs whatever is pending on the main context (e.g. idles that hold
 * references) so that objects can be checked for finalization. */
static inline void
store_test_drain (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

G_END_DECLS
