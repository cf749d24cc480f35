/* carport-background.h — running in the background and starting at login.
 *
 * Inside Flatpak (built with libportal) both go through the Background portal,
 * which asks the user once; outside it the app may run in the background
 * anyway, and starting at login is an XDG autostart entry that runs
 * `carport --gapplication-service`. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Asks to keep running after the window is closed, and to be started at login
 * when @autostart is TRUE (FALSE removes the login entry). Fails with
 * G_IO_ERROR_PERMISSION_DENIED when the user (or the sandbox) says no.
 * @parent: the window the request comes from, or NULL. */
void      carport_background_request_async  (GtkWindow           *parent,
                                             gboolean             autostart,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gboolean  carport_background_request_finish (GAsyncResult        *result,
                                             GError             **error);

/* TRUE when the portal decides (inside Flatpak, with libportal). */
gboolean  carport_background_uses_portal    (void);
/* The autostart entry used outside Flatpak:
 * $XDG_CONFIG_HOME/autostart/<app id>.desktop. */
char     *carport_background_dup_autostart_path (void);

G_END_DECLS
