/* carport-application.h — the app: owns the session (real or demo), the
 * app.* actions (those notifications trigger too) and the notifications. */
#pragma once

#include <adwaita.h>

#include "carport-session.h"

G_BEGIN_DECLS

#define CARPORT_TYPE_APPLICATION (carport_application_get_type ())
G_DECLARE_FINAL_TYPE (CarportApplication, carport_application, CARPORT, APPLICATION, AdwApplication)

/* Properties: session (read-only, nullable while starting), demo (boolean). */
CarportApplication *carport_application_new         (void);
CarportSession     *carport_application_get_session (CarportApplication *self);
gboolean            carport_application_get_demo    (CarportApplication *self);
/* Replaces the session with a demo session (what "Try the Demo" does). */
void                carport_application_start_demo  (CarportApplication *self);

G_END_DECLS
