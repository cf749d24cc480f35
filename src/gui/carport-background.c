/* carport-background.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "carport-gui"

#include "config.h"

#include <glib/gi18n.h>

#if HAVE_LIBPORTAL
#include <libportal/portal.h>
#include <libportal-gtk4/portal-gtk4.h>
#endif

#include "carport-background.h"

char *
carport_background_dup_autostart_path (void)
{
  return g_build_filename (g_get_user_config_dir (), "autostart", APP_ID ".desktop", NULL);
}

gboolean
carport_background_uses_portal (void)
{
#if HAVE_LIBPORTAL
  return xdp_portal_running_under_flatpak ();
#else
  return FALSE;
#endif
}

/* Outside Flatpak: the autostart entry, written or removed in a thread (no
 * file I/O on the main thread). The task data is the entry's text, or NULL
 * to remove it. */
static void
autostart_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  const char *contents = task_data;
  g_autofree char *path = carport_background_dup_autostart_path ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) dir = g_file_get_parent (file);
  g_autoptr(GError) error = NULL;

  if (contents == NULL)
    {
      if (!g_file_delete (file, cancellable, &error) &&
          !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      g_task_return_boolean (task, TRUE);
      return;
    }

  if (!g_file_make_directory_with_parents (dir, cancellable, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_clear_error (&error);

  if (!g_file_replace_contents (file, contents, strlen (contents), NULL, FALSE,
                                G_FILE_CREATE_REPLACE_DESTINATION, NULL, cancellable, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static char *
autostart_entry (void)
{
  GString *entry = g_string_new ("[Desktop Entry]\n");

  g_string_append (entry, "Type=Application\n");
  g_string_append_printf (entry, "Name=%s\n", _("Carport"));
  g_string_append_printf (entry, "Comment=%s\n",
                          _("Keeps an eye on your cars and tells you when a charge completes"));
  g_string_append (entry, "Icon=" APP_ID "\n");
  g_string_append (entry, "Exec=carport --gapplication-service\n");
  g_string_append (entry, "Terminal=false\n");
  g_string_append (entry, "X-GNOME-Autostart-enabled=true\n");
  g_string_append (entry, "X-GNOME-UsesNotifications=true\n");
  return g_string_free (entry, FALSE);
}

#if HAVE_LIBPORTAL
static void
portal_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!xdp_portal_request_background_finish (XDP_PORTAL (object), result, &error))
    {
      if (error)
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                                 _("Carport is not allowed to run in the background. You can allow it in Settings."));
      return;
    }
  g_task_return_boolean (task, TRUE);
}
#endif

void
carport_background_request_async (GtkWindow           *parent,
                                  gboolean             autostart,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, carport_background_request_async);

#if HAVE_LIBPORTAL
  if (carport_background_uses_portal ())
    {
      g_autoptr(XdpPortal) portal = xdp_portal_new ();
      g_autoptr(XdpParent) xparent = parent ? xdp_parent_new_gtk (parent) : NULL;
      /* Handed over: (transfer container) for libportal. */
      GPtrArray *commandline = NULL;
      g_autofree char *reason = g_strdup (_("Carport keeps checking your cars and tells you when a charge completes."));

      if (autostart)
        {
          commandline = g_ptr_array_new_with_free_func (g_free);
          g_ptr_array_add (commandline, g_strdup ("carport"));
          g_ptr_array_add (commandline, g_strdup ("--gapplication-service"));
        }
      xdp_portal_request_background (portal, xparent, reason, commandline,
                                     (autostart ? XDP_BACKGROUND_FLAG_AUTOSTART : XDP_BACKGROUND_FLAG_NONE) |
                                     XDP_BACKGROUND_FLAG_ACTIVATABLE,
                                     cancellable, portal_cb, g_steal_pointer (&task));
      return;
    }
#endif

  g_task_set_task_data (task, autostart ? autostart_entry () : NULL, g_free);
  g_task_run_in_thread (task, autostart_thread);
}

gboolean
carport_background_request_finish (GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
