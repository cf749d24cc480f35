/* fuzz-replay.c — runs a fuzz target on kept inputs, without libFuzzer: the
 * regular build's test that the crashes found once stay fixed.
 *
 *   fuzz-NAME-replay FILE|FOLDER…
 *
 * Each file is one input; a folder's files run in name order. Fails when no
 * input was found (a wrong path would otherwise pass), or when one names no
 * parser of the target. */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "fuzz-target.h"

static gboolean
replay_file (const char  *path,
             guint       *n_inputs,
             GError     **error)
{
  g_autofree char *data = NULL;
  gsize len;

  if (!g_file_get_contents (path, &data, &len, error))
    return FALSE;

  g_print ("%s\n", path);
  if (LLVMFuzzerTestOneInput ((const uint8_t *) data, len) != 0)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                   "%s: no parser of this target has the name of its first line", path);
      return FALSE;
    }
  (*n_inputs)++;
  return TRUE;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static gboolean
replay_folder (const char  *path,
               guint       *n_inputs,
               GError     **error)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, error);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (dir == NULL)
    return FALSE;

  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *file = g_build_filename (path, g_ptr_array_index (names, i), NULL);

      if (!replay_file (file, n_inputs, error))
        return FALSE;
    }
  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  guint n_inputs = 0;

  setlocale (LC_ALL, "");

  for (int i = 1; i < argc; i++)
    {
      gboolean ok = g_file_test (argv[i], G_FILE_TEST_IS_DIR)
                      ? replay_folder (argv[i], &n_inputs, &error)
                      : replay_file (argv[i], &n_inputs, &error);

      if (!ok)
        {
          g_printerr ("%s: %s\n", argv[0], error->message);
          return 1;
        }
    }

  if (n_inputs == 0)
    {
      g_printerr ("%s: no input to replay\n", argv[0]);
      return 1;
    }

  g_print ("%u inputs replayed\n", n_inputs);
  return 0;
}
