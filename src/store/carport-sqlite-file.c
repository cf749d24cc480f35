/* carport-sqlite-file.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#define G_LOG_DOMAIN "carport-store"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "carport-credential-store.h"
#include "carport-sqlite-file.h"

GError *
carport_sqlite_error (const char *message)
{
  return g_error_new_literal (CARPORT_STORE_ERROR, CARPORT_STORE_ERROR_CACHE, message);
}

/* Says @message (a format with the name of @path, then the reason). */
static void
set_file_error (GError     **error,
                const char  *message,
                const char  *path,
                int          saved_errno)
{
  g_debug ("Cannot create or open %s: %s", path, g_strerror (saved_errno));
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
  g_set_error (error, CARPORT_STORE_ERROR, CARPORT_STORE_ERROR_CACHE, message, path, g_strerror (saved_errno));
#pragma GCC diagnostic pop
}

void
carport_sqlite_configure (void)
{
  static gboolean configured = FALSE;

  if (configured)
    return;
  configured = TRUE;
  /* SQLITE_MISUSE when SQLite already runs: its defaults then stay. */
  if (sqlite3_config (SQLITE_CONFIG_LOOKASIDE, 0, 0) != SQLITE_OK ||
      sqlite3_config (SQLITE_CONFIG_PAGECACHE, NULL, 0, 0) != SQLITE_OK)
    g_debug ("SQLite already runs: its memory defaults stay");
}

gboolean
carport_sqlite_is_corrupt (int rc)
{
  rc &= 0xff;
  return rc == SQLITE_CORRUPT || rc == SQLITE_NOTADB;
}

/* Before SQLite sees them, so the database and its journal are never
 * readable by others. */
gboolean
carport_sqlite_prepare_file (const char  *path,
                             const char  *folder_message,
                             const char  *file_message,
                             GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int fd;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      set_file_error (error, folder_message, dir, errno);
      return FALSE;
    }

  fd = g_open (path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      set_file_error (error, file_message, path, errno);
      return FALSE;
    }

  if (fchmod (fd, 0600) != 0)
    g_debug ("Cannot restrict the mode of %s: %s", path, g_strerror (errno));

  g_close (fd, NULL);
  return TRUE;
}

/* A file that is not a database fails with SQLITE_NOTADB; damaged pages are
 * found by the check. Carport's databases are small, so it is quick. */
static int
quick_check (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, "PRAGMA quick_check", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          const char *result = (const char *) sqlite3_column_text (stmt, 0);

          if (g_strcmp0 (result, "ok") == 0)
            rc = SQLITE_OK;
          else
            {
              g_debug ("Database check failed: %s", result ? result : "(null)");
              rc = SQLITE_CORRUPT;
            }
        }
    }
  sqlite3_finalize (stmt);

  return rc;
}

int
carport_sqlite_open_checked (const char          *path,
                             CarportSqliteSetup   setup,
                             sqlite3            **out_db)
{
  sqlite3 *db = NULL;
  int rc;

  rc = sqlite3_open_v2 (path, &db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                        NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_busy_timeout (db, 2000);
      sqlite3_extended_result_codes (db, 1);
      rc = quick_check (db);
    }
  if (rc == SQLITE_OK)
    rc = setup (db);

  if (rc != SQLITE_OK)
    {
      g_debug ("Cannot open %s: %s (%d)", path, sqlite3_errstr (rc), rc);
      sqlite3_close_v2 (db);
      return rc;
    }

  *out_db = db;
  return SQLITE_OK;
}

void
carport_sqlite_move_aside (const char *path)
{
  g_autofree char *aside = g_strconcat (path, ".corrupt", NULL);
  static const char * const suffixes[] = { "-journal", "-wal", "-shm" };

  g_debug ("%s is damaged; moving it to %s", path, aside);
  if (g_rename (path, aside) != 0)
    {
      g_debug ("Cannot move %s aside: %s", path, g_strerror (errno));
      g_unlink (path);
    }

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *journal = g_strconcat (path, suffixes[i], NULL);

      g_unlink (journal);
    }
}
