/* carport-preferences-window.h — units, refresh interval, running in the
 * background and at login, notifications. All bound to GSettings. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CARPORT_TYPE_PREFERENCES_WINDOW (carport_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (CarportPreferencesWindow, carport_preferences_window, CARPORT, PREFERENCES_WINDOW, AdwPreferencesWindow)

GtkWidget *carport_preferences_window_new      (GtkWindow *parent);
/* For tests: a template child by id ("background_switch", "autostart_row", …). */
GtkWidget *carport_preferences_window_get_part (CarportPreferencesWindow *self, const char *id);

G_END_DECLS
