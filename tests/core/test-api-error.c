/* test-api-error.c — what people read of an error first, and its details.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "carport-core.h"

/* People read the sentence first; the server's words are the details. */
static void
test_error_summary (void)
{
  g_autoptr(GError) with_detail = NULL;
  g_autoptr(GError) plain = g_error_new_literal (CARPORT_API_ERROR, CARPORT_API_ERROR_SERVER,
                                                 carport_api_error_describe (CARPORT_API_ERROR_SERVER));
  g_autoptr(GError) own = g_error_new_literal (CARPORT_API_ERROR, CARPORT_API_ERROR_QUOTA_LIMIT,
                                               "Carport will try again in 3 minutes.");
  g_autoptr(GError) io = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, "Disk full");
  g_autofree char *summary = NULL;
  char *details = NULL;

  carport_api_set_error (&with_detail, CARPORT_API_ERROR_SERVER, "HTTP 502 Bad Gateway");
  summary = carport_api_error_dup_summary (with_detail, &details);
  g_assert_cmpstr (summary, ==, "The car maker's servers are having trouble right now. Try again later.");
  g_assert_cmpstr (details, ==, "The car maker's servers are having trouble right now. Try again later "
                                "(HTTP 502 Bad Gateway).");
  g_clear_pointer (&summary, g_free);
  g_clear_pointer (&details, g_free);

  summary = carport_api_error_dup_summary (plain, &details);
  g_assert_cmpstr (summary, ==, plain->message);
  g_assert_null (details);
  g_clear_pointer (&summary, g_free);

  summary = carport_api_error_dup_summary (own, &details);
  g_assert_cmpstr (summary, ==, own->message);
  g_assert_null (details);
  g_clear_pointer (&summary, g_free);

  summary = carport_api_error_dup_summary (io, NULL);
  g_assert_cmpstr (summary, ==, "Disk full");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/api-error/summary", test_error_summary);
  return g_test_run ();
}
