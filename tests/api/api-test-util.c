/* api-test-util.c — the API tests' fixtures. */
#include "api-test-util.h"

#include <string.h>

GBytes *
load_fixture (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);

  return g_bytes_new_take (contents, length);
}

GBytes *
bytes_from_string (const char *text)
{
  return g_bytes_new (text, strlen (text));
}
