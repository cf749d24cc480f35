/* first-frame.c — the time from starting a program to the first frame of its
 * window, for bench/startup-bench.
 *
 *   first-frame --bare
 *       A bare libadwaita window (an AdwApplication with an id, an
 *       AdwApplicationWindow of Carport's default size with a header bar)
 *       that prints "First frame drawn" once its first frame is painted, and
 *       quits.
 *   first-frame RUNS COMMAND [ARG...]
 *       Starts the bare window and COMMAND in turn, RUNS times each, and
 *       prints one line per run: "bare MS" or "app MS", the milliseconds from
 *       spawning the process to the line "First frame drawn" on its standard
 *       output (Carport prints it with G_MESSAGES_DEBUG=carport-gui). COMMAND
 *       is then terminated.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <adwaita.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>

#define MARK "First frame drawn"
#define WAIT_SECONDS 30

static void
after_paint_cb (GdkFrameClock *clock, gpointer user_data)
{
  GApplication *app = user_data;

  g_print (MARK "\n");
  g_signal_handlers_disconnect_by_func (clock, after_paint_cb, user_data);
  g_application_quit (app);
}

static void
map_cb (GtkWidget *window, gpointer user_data)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint", G_CALLBACK (after_paint_cb), user_data);
}

static void
activate_cb (GApplication *app)
{
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (app));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 750);
  g_signal_connect (window, "map", G_CALLBACK (map_cb), app);
  gtk_window_present (GTK_WINDOW (window));
}

static int
run_bare (void)
{
  g_autoptr(AdwApplication) app = adw_application_new ("io.github.carport.FirstFrame", G_APPLICATION_DEFAULT_FLAGS);

  g_signal_connect (app, "activate", G_CALLBACK (activate_cb), NULL);
  return g_application_run (G_APPLICATION (app), 0, NULL);
}

/* Milliseconds from spawning @argv to its line MARK; -1 on failure. */
static double
time_one (char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GIOChannel) channel = NULL;
  gint64 start, end = -1;
  GPid pid;
  int out;

  start = g_get_monotonic_time ();
  if (!g_spawn_async_with_pipes (NULL, argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_SEARCH_PATH,
                                 NULL, NULL, &pid, NULL, &out, NULL, &error))
    {
      g_printerr ("first-frame: %s\n", error->message);
      return -1;
    }

  channel = g_io_channel_unix_new (out);
  g_io_channel_set_close_on_unref (channel, TRUE);
  while (g_get_monotonic_time () - start < WAIT_SECONDS * G_USEC_PER_SEC)
    {
      g_autofree char *line = NULL;

      if (g_io_channel_read_line (channel, &line, NULL, NULL, NULL) != G_IO_STATUS_NORMAL)
        break;
      if (strstr (line, MARK))
        {
          end = g_get_monotonic_time ();
          break;
        }
    }

  kill (pid, SIGTERM);
  waitpid (pid, NULL, 0);
  g_spawn_close_pid (pid);
  return end < 0 ? -1 : (end - start) / 1000.0;
}

int
main (int argc, char *argv[])
{
  char *bare[] = { argv[0], (char *) "--bare", NULL };
  int runs;

  if (argc == 2 && g_str_equal (argv[1], "--bare"))
    return run_bare ();

  if (argc < 3 || (runs = atoi (argv[1])) <= 0)
    {
      g_printerr ("usage: %s --bare | RUNS COMMAND [ARG...]\n", argv[0]);
      return 2;
    }

  /* Alternating, in turn first, so that a slower moment of the machine (or
   * a warmer cache) favours neither. */
  for (int i = 0; i < runs; i++)
    {
      double app_ms, bare_ms;

      if (i % 2 == 0)
        {
          bare_ms = time_one (bare);
          app_ms = time_one (argv + 2);
        }
      else
        {
          app_ms = time_one (argv + 2);
          bare_ms = time_one (bare);
        }
      if (bare_ms < 0 || app_ms < 0)
        {
          g_printerr ("first-frame: no first frame within %d s\n", WAIT_SECONDS);
          return 1;
        }
      g_print ("bare %.1f\napp %.1f\n", bare_ms, app_ms);
    }
  return 0;
}
