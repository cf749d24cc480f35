/* carport-search-provider.h — the GNOME Shell search provider: a car's name,
 * plate or model typed in the Activities overview shows the car with its
 * last known battery level and range, and choosing it opens its page.
 *
 * It answers org.gnome.Shell.SearchProvider2 at the application's object
 * path + "/SearchProvider" (data/…search-provider.ini says where). The cars
 * are the session's when it has any, else the state cache's: a search never
 * waits for the network or the keyring. */
#pragma once

#include <gio/gio.h>

#include "carport-session.h"

G_BEGIN_DECLS

#define CARPORT_TYPE_SEARCH_PROVIDER (carport_search_provider_get_type ())
G_DECLARE_FINAL_TYPE (CarportSearchProvider, carport_search_provider, CARPORT, SEARCH_PROVIDER, GObject)

/* Results are activated through @application's "show-vehicle" action. */
CarportSearchProvider *carport_search_provider_new        (GApplication           *application);

/* Properties: session (CarportSession, nullable): where the cars are while
 * the app runs one. */
void                   carport_search_provider_set_session (CarportSearchProvider *self,
                                                            CarportSession        *session);

/* Exports the provider on @connection at @object_path. */
gboolean               carport_search_provider_register   (CarportSearchProvider  *self,
                                                           GDBusConnection        *connection,
                                                           const char             *object_path,
                                                           GError                **error);
void                   carport_search_provider_unregister (CarportSearchProvider  *self);

G_END_DECLS
