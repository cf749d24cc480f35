/* screenshot-tool.c — renders Carport's main screens to PNG, from inside the
 * program (window paintable → GtkSnapshot → GskRenderer → PNG). Run it
 * through build-aux/screenshots, which provides the display and the bus.
 *
 *   carport-screenshot-tool OUTDIR
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "carport-demo.h"
#include "carport-login-page.h"
#include "carport-memory-store.h"
#include "carport-window.h"

static gboolean done;

static gboolean
timeout_cb (gpointer data)
{
  done = TRUE;
  return G_SOURCE_REMOVE;
}

/* Lets layout, transitions and the network settle (bounded, no sleep). */
static void
settle (guint ms)
{
  done = FALSE;
  g_timeout_add (ms, timeout_cb, NULL);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static void
save (GtkWidget *window, const char *dir, const char *name)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (window);
  int width = gtk_widget_get_width (window);
  int height = gtk_widget_get_height (window);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = g_build_filename (dir, name, NULL);

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (!gdk_texture_save_to_png (texture, path))
    g_error ("could not write %s", path);
  g_print ("%s\n", path);
}

static void
demo_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(GError) error = NULL;

  *(CarportSession **) user_data = carport_demo_session_new_finish (result, &error);
  if (error)
    g_error ("demo: %s", error->message);
}

static CarportVehicle *
best_vehicle (CarportSession *session)
{
  GListModel *vehicles = carport_session_get_vehicles (session);
  CarportVehicle *best = NULL;
  guint best_count = 0;

  /* The car with the most cards makes the best picture. */
  for (guint i = 0; i < g_list_model_get_n_items (vehicles); i++)
    {
      g_autoptr(CarportVehicle) vehicle = g_list_model_get_item (vehicles, i);
      guint count = __builtin_popcount (carport_vehicle_get_supported_endpoints (vehicle)) +
                    __builtin_popcount (carport_vehicle_get_supported_commands (vehicle));

      if (count > best_count)
        {
          best = vehicle;
          best_count = count;
        }
    }
  return best;
}

static GtkWidget *
new_window (CarportSession *session, int width, int height)
{
  CarportWindow *window = g_object_new (CARPORT_TYPE_WINDOW, NULL);

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  carport_window_set_session (window, session);
  gtk_window_present (GTK_WINDOW (window));
  settle (300);
  /* The first size may follow the content's natural width; ask again. */
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  settle (800);
  return GTK_WIDGET (window);
}

int
main (int argc, char *argv[])
{
  static const struct { const char *name; int width, height; } sizes[] = {
    { "wide", 1100, 750 }, { "narrow", 360, 720 },
  };
  static const struct { const char *name; AdwColorScheme scheme; } schemes[] = {
    { "light", ADW_COLOR_SCHEME_FORCE_LIGHT }, { "dark", ADW_COLOR_SCHEME_FORCE_DARK },
  };
  g_autoptr(CarportSession) demo = NULL;
  g_autoptr(CarportMemoryStore) store = NULL;
  g_autoptr(CarportSession) logged_out = NULL;
  const char *dir;

  if (argc != 2)
    {
      g_printerr ("usage: %s OUTDIR\n", argv[0]);
      return 2;
    }
  dir = argv[1];
  g_mkdir_with_parents (dir, 0755);

  gtk_init ();
  adw_init ();
  /* Resources registered by the library; the theme looks for the app icon here. */
  gtk_icon_theme_add_resource_path (gtk_icon_theme_get_for_display (gdk_display_get_default ()),
                                    "/io/github/carport/Carport/icons");
  {
    g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

    gtk_css_provider_load_from_resource (css, "/io/github/carport/Carport/style.css");
    gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  }

  carport_demo_session_new_async (NULL, demo_cb, &demo);
  while (demo == NULL)
    g_main_context_iteration (NULL, TRUE);
  store = carport_memory_store_new ();
  logged_out = carport_session_new (store, NULL);

  for (guint s = 0; s < G_N_ELEMENTS (schemes); s++)
    {
      adw_style_manager_set_color_scheme (adw_style_manager_get_default (), schemes[s].scheme);

      for (guint z = 0; z < G_N_ELEMENTS (sizes); z++)
        {
          GtkWidget *window;
          g_autofree char *name = NULL;
          CarportVehicle *vehicle;

          /* Welcome */
          window = new_window (logged_out, sizes[z].width, sizes[z].height);
          name = g_strdup_printf ("welcome-%s-%s.png", schemes[s].name, sizes[z].name);
          save (window, dir, name);
          g_clear_pointer (&name, g_free);

          /* Login */
          carport_window_show_login (CARPORT_WINDOW (window));
          {
            CarportLoginPage *login = CARPORT_LOGIN_PAGE (carport_window_get_part (CARPORT_WINDOW (window), "login_page"));

            gtk_editable_set_text (GTK_EDITABLE (carport_login_page_get_part (login, "email_row")),
                                   "camille@example.com");
          }
          gtk_widget_grab_focus (GTK_WIDGET (window));
          settle (600);
          name = g_strdup_printf ("login-%s-%s.png", schemes[s].name, sizes[z].name);
          save (window, dir, name);
          g_clear_pointer (&name, g_free);
          gtk_window_destroy (GTK_WINDOW (window));

          /* Vehicle page (and, narrow, the list) */
          window = new_window (demo, sizes[z].width, sizes[z].height);
          vehicle = best_vehicle (demo);
          if (z == 1)
            {
              settle (400);
              name = g_strdup_printf ("vehicles-%s-%s.png", schemes[s].name, sizes[z].name);
              save (window, dir, name);
              g_clear_pointer (&name, g_free);
            }
          carport_window_show_vehicle (CARPORT_WINDOW (window), carport_vehicle_get_vin (vehicle));
          settle (800);
          name = g_strdup_printf ("vehicle-%s-%s.png", schemes[s].name, sizes[z].name);
          save (window, dir, name);
          g_clear_pointer (&name, g_free);
          gtk_window_destroy (GTK_WINDOW (window));
        }
    }

  return 0;
}
