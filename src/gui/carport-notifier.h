/* carport-notifier.h — desktop notifications for the session's events.
 *
 * A command that finishes, a charge that completes or stops: when the main
 * window is not in front, a GNotification whose default action and "Open"
 * button run app.show-vehicle(VIN) (plus "Stop Charging" / "Charge" where it
 * makes sense); when it is, a toast. Ids are stable per car and event, so a
 * repeat replaces the last one, and stale ones are withdrawn (the
 * charge-complete one when the car charges again). */
#pragma once

#include <gtk/gtk.h>

#include "carport-session.h"

G_BEGIN_DECLS

#define CARPORT_TYPE_NOTIFIER (carport_notifier_get_type ())
G_DECLARE_FINAL_TYPE (CarportNotifier, carport_notifier, CARPORT, NOTIFIER, GObject)

/* Properties: application (GtkApplication, construct-only, not owned: it owns
 * the notifier), session (nullable). */
CarportNotifier *carport_notifier_new              (GtkApplication *application);
CarportSession  *carport_notifier_get_session      (CarportNotifier *self);
void             carport_notifier_set_session      (CarportNotifier *self,
                                                    CarportSession  *session);
/* The user looks at the car: its notifications are stale. */
void             carport_notifier_withdraw_vehicle (CarportNotifier *self,
                                                    const char      *vin);
void             carport_notifier_withdraw_all     (CarportNotifier *self);

/* The notification id of @event about the car with @vin (@kind: the command's,
 * for CARPORT_SESSION_EVENT_COMMAND_FINISHED). */
char            *carport_notifier_dup_id           (CarportSessionEvent  event,
                                                    const char          *vin,
                                                    CarportCommandKind   kind);

G_END_DECLS
