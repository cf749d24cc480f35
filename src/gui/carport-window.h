/* carport-window.h — the main window: welcome and login, then the cars (a
 * sidebar that folds on narrow screens) and the selected car's page. */
#pragma once

#include <adwaita.h>

#include "carport-session.h"

G_BEGIN_DECLS

#define CARPORT_TYPE_WINDOW (carport_window_get_type ())
G_DECLARE_FINAL_TYPE (CarportWindow, carport_window, CARPORT, WINDOW, AdwApplicationWindow)

/* Properties: session (nullable: "loading"), demo, drawn (read-only: the first
 * frame is on screen; "First frame drawn" is logged then, for
 * bench/startup-bench). */
CarportWindow  *carport_window_new             (AdwApplication *application);
gboolean        carport_window_get_drawn       (CarportWindow *self);
CarportSession *carport_window_get_session     (CarportWindow *self);
void            carport_window_set_session     (CarportWindow *self, CarportSession *session);
void            carport_window_add_toast       (CarportWindow *self, const char *title);
/* After a refresh: why it failed (@error) in the banner with a Retry,
 * unless the car's page already says it or the login page asks for the
 * login; NULL (it worked) takes the banner away. */
void            carport_window_show_refresh_result (CarportWindow *self, const GError *error);
/* demo: the cars are the demo's (a banner says so; "Leave Demo" instead of
 * "Log Out"). */
gboolean        carport_window_get_demo        (CarportWindow *self);
void            carport_window_set_demo        (CarportWindow *self, gboolean demo);
/* Shows the car with @vin, now or as soon as the session knows it (e.g. when
 * a notification started the app); FALSE when it does not know it yet. */
gboolean        carport_window_show_vehicle    (CarportWindow *self, const char *vin);
/* The car shown, or NULL. */
CarportVehicle *carport_window_get_vehicle     (CarportWindow *self);
/* "loading", "welcome", "login" or "vehicles". */
const char     *carport_window_get_view        (CarportWindow *self);
void            carport_window_show_login      (CarportWindow *self);
/* For tests and screenshots: a template child by id ("leaflet", …), or a
 * page ("vehicle_page", "login_page"), made now if it was not yet. */
GtkWidget      *carport_window_get_part        (CarportWindow *self, const char *id);

G_END_DECLS
