/* carport-preferences-window.h — units, refresh interval, notifications. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CARPORT_TYPE_PREFERENCES_WINDOW (carport_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (CarportPreferencesWindow, carport_preferences_window, CARPORT, PREFERENCES_WINDOW, AdwPreferencesWindow)

GtkWidget *carport_preferences_window_new (GtkWindow *parent);

G_END_DECLS
