/* carport-sqlite-file.h — what Carport's SQLite files share: created
 * private (folder 0700, file 0600) before SQLite opens them, checked when
 * opened, and moved aside when damaged.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Worker threads only: these functions do blocking file I/O, except
 * carport_sqlite_configure(). */
#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* Sets SQLite up for Carport's small databases, before the first
 * connection: no page cache allocated ahead for each connection (~0.3 MB
 * of a carport-cli status, for the cache and the history together) and no
 * lookaside memory where SQLite is built with it. Call it from the main thread (the stores' class_init),
 * where libshumate's tile cache uses SQLite too: SQLite's configuration is
 * not thread-safe. Does nothing once SQLite runs. */
void     carport_sqlite_configure    (void);

/* Whether an SQLite result code says the file is damaged or not a database. */
gboolean carport_sqlite_is_corrupt   (int rc);

/* Creates the folder (0700) and the file (0600) of @path. On failure sets
 * @error (CARPORT_STORE_ERROR_CACHE) from @folder_message or @file_message,
 * formats with two "%s": the folder or file, then the system's reason. */
gboolean carport_sqlite_prepare_file (const char  *path,
                                      const char  *folder_message,
                                      const char  *file_message,
                                      GError     **error);

/* Creates the tables (and migrates them): an SQLite result code. */
typedef int (*CarportSqliteSetup) (sqlite3 *db);

/* Opens @path (read-write, created if missing), runs PRAGMA quick_check and
 * @setup: returns SQLITE_OK with *@out_db set, or why the file is unusable. */
int      carport_sqlite_open_checked (const char          *path,
                                      CarportSqliteSetup   setup,
                                      sqlite3            **out_db);

/* A CARPORT_STORE_ERROR_CACHE error saying @message. */
GError  *carport_sqlite_error        (const char          *message);

/* Moves a damaged @path to "<path>.corrupt" (replacing an older one) and
 * removes its journals. */
void     carport_sqlite_move_aside   (const char  *path);

G_END_DECLS
