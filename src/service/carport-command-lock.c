/* carport-command-lock.c — one command of a kind on its way to a car at a
 * time, across every Carport process of the user. */
#define G_LOG_DOMAIN "carport-service"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "carport-api-error.h"
#include "carport-command-lock.h"
#include "carport-core-enum-types.h"

struct _CarportCommandLock
{
  int fd;  /* -1 when there is no lock file */
};

/* The account id only tells cars apart (the same VIN at two simulators):
 * a hash of it keeps it out of file names. */
static char *
lock_path (const char         *account_id,
           const char         *vin,
           CarportCommandKind  kind)
{
  g_autofree char *account = g_compute_checksum_for_string (G_CHECKSUM_SHA256,
                                                            account_id ? account_id : "", -1);
  g_autofree char *name = NULL;
  GString *safe_vin = g_string_new (NULL);

  for (const char *p = vin; p && *p; p++)
    g_string_append_c (safe_vin, g_ascii_isalnum (*p) ? *p : '_');
  account[16] = '\0';
  name = g_strdup_printf ("command-%s-%s-%s.lock", safe_vin->str,
                          carport_enum_to_nick (CARPORT_TYPE_COMMAND_KIND, kind), account);
  g_string_free (safe_vin, TRUE);
  return g_build_filename (g_get_user_runtime_dir (), "carport", name, NULL);
}

static CarportCommandLock *
lock_new (int fd)
{
  CarportCommandLock *lock = g_new0 (CarportCommandLock, 1);

  lock->fd = fd;
  return lock;
}

CarportCommandLock *
carport_command_lock_acquire (const char          *account_id,
                              const char          *vin,
                              CarportCommandKind   kind,
                              GError             **error)
{
  g_autofree char *path = NULL;
  g_autofree char *dir = NULL;
  int fd = -1;
  int saved_errno;

  g_return_val_if_fail (vin != NULL, NULL);
  g_return_val_if_fail ((guint) kind < CARPORT_N_COMMAND_KINDS, NULL);

  path = lock_path (account_id, vin, kind);
  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) == 0)
    fd = g_open (path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      g_debug ("No command lock (%s): %s", path, g_strerror (errno));
      return lock_new (-1);
    }
  if (flock (fd, LOCK_EX | LOCK_NB) == 0)
    return lock_new (fd);

  saved_errno = errno;
  close (fd);
  if (saved_errno != EWOULDBLOCK)
    {
      g_debug ("No command lock (%s): %s", path, g_strerror (saved_errno));
      return lock_new (-1);
    }
  g_set_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_IN_PROGRESS,
               /* Translators: %s is a command, e.g. "Start climate" */
               _("A “%s” command for this car is already in progress (in Carport or carport-cli). Wait for it to finish."),
               carport_command_kind_get_title (kind));
  return NULL;
}

void
carport_command_lock_release (CarportCommandLock *lock)
{
  if (lock == NULL)
    return;
  /* Closing the only descriptor of the file lets go of the flock(). */
  if (lock->fd >= 0)
    close (lock->fd);
  g_free (lock);
}
