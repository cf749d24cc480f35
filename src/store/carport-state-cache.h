/* carport-state-cache.h — the last known state of every car, on disk.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An SQLite database (by default <user cache dir>/carport/state.sqlite3,
 * moved there from <user data dir>/carport/ when first opened; folder 0700,
 * file 0600) with one row per car: its VIN, the owner (an
 * opaque string naming the login the car came through; the service uses
 * "<brand>:<email>"), account id, the time it was saved and
 * carport_vehicle_serialize() as GVariant data. It never holds a secret.
 * Cars saved before owners existed have the owner "" and are seen by every
 * owner until saved again; a database of that time gains the owner column
 * when it is first opened. All database work runs in worker threads, one
 * operation after the other in the order they were asked for; a corrupt row
 * is skipped and a corrupt file is moved aside ("….corrupt") and recreated.
 * Errors are CARPORT_STORE_ERROR_CACHE. */
#pragma once

#include <gio/gio.h>

#include "carport-core.h"

G_BEGIN_DECLS

#define CARPORT_TYPE_STATE_CACHE (carport_state_cache_get_type ())
G_DECLARE_FINAL_TYPE (CarportStateCache, carport_state_cache, CARPORT, STATE_CACHE, GObject)

/* Properties:
 *   path (string, construct-only): the database file; NULL at construction
 *   means the default, and the property then reads the default. */
CarportStateCache *carport_state_cache_new          (void);
CarportStateCache *carport_state_cache_new_for_path (const char          *path);

const char        *carport_state_cache_get_path     (CarportStateCache   *self);

/* Saves (or replaces) the state of @vehicle, keyed by its VIN, for @owner
 * (not NULL, not empty). A car saved before for another owner (or for none)
 * now belongs to @owner. The vehicle is serialized before this function
 * returns: later changes are not saved. */
void               carport_state_cache_save_async   (CarportStateCache   *self,
                                                     const char          *owner,
                                                     CarportVehicle      *vehicle,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
gboolean           carport_state_cache_save_finish  (CarportStateCache   *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);

/* Loads the saved cars of @owner, in the order they were first saved; @owner
 * NULL: every car. Cars saved before owners existed (owner "") are returned
 * for any owner. The finish function returns a GPtrArray of new
 * CarportVehicle (from-cache set), empty when nothing is saved. */
void               carport_state_cache_load_async   (CarportStateCache   *self,
                                                     const char          *owner,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
GPtrArray         *carport_state_cache_load_finish  (CarportStateCache   *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);

/* Forgets what loading for @owner returns: its cars and the cars saved
 * before owners existed (logging out of one account); @owner NULL: every
 * car. */
void               carport_state_cache_clear_async  (CarportStateCache   *self,
                                                     const char          *owner,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
gboolean           carport_state_cache_clear_finish (CarportStateCache   *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);

G_END_DECLS
