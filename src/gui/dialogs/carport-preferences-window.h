/* carport-preferences-window.h — the accounts (with the session), units,
 * refresh interval, running in the background and at login, notifications.
 * All but the accounts bound to GSettings. */
#pragma once

#include <adwaita.h>

#include "carport-session.h"

G_BEGIN_DECLS

#define CARPORT_TYPE_PREFERENCES_WINDOW (carport_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (CarportPreferencesWindow, carport_preferences_window, CARPORT, PREFERENCES_WINDOW, AdwPreferencesWindow)

/* Properties: session (nullable: no accounts group). */
GtkWidget *carport_preferences_window_new      (GtkWindow *parent);
CarportSession *carport_preferences_window_get_session (CarportPreferencesWindow *self);
void       carport_preferences_window_set_session (CarportPreferencesWindow *self, CarportSession *session);
/* For tests: a template child by id ("background_switch", "autostart_row", …). */
GtkWidget *carport_preferences_window_get_part (CarportPreferencesWindow *self, const char *id);

G_END_DECLS
