/* carport-background-status.h — what Carport says it is doing while it runs
 * in the background: the Background portal's status text (GNOME Shell shows
 * it under the app in its list of background apps), "Charging Megane: 62 %"
 * or "Watching 3 cars".
 *
 * The text is set through org.freedesktop.portal.Background.SetStatus when
 * the portal offers it (interface version 2 or later) and the status is
 * active; otherwise nothing is sent. */
#pragma once

#include <gio/gio.h>

#include "carport-session.h"

G_BEGIN_DECLS

#define CARPORT_TYPE_BACKGROUND_STATUS (carport_background_status_get_type ())
G_DECLARE_FINAL_TYPE (CarportBackgroundStatus, carport_background_status, CARPORT, BACKGROUND_STATUS, GObject)

CarportBackgroundStatus *carport_background_status_new (void);

/* Properties: session (CarportSession, nullable): the cars to speak of;
 * active (boolean): Carport runs in the background, so the text is kept up
 * to date; message (string, read-only, nullable): the text, as last sent. */
void        carport_background_status_set_session (CarportBackgroundStatus *self, CarportSession *session);
void        carport_background_status_set_active  (CarportBackgroundStatus *self, gboolean active);
const char *carport_background_status_get_message (CarportBackgroundStatus *self);

/* The text for @vehicles (a GListModel of CarportVehicle): the charging
 * car with its level, else how many cars are watched; NULL for none. At most
 * 96 characters, as the portal asks. */
char       *carport_background_status_format (GListModel *vehicles);

G_END_DECLS
