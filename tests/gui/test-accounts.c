/* test-accounts.c — several accounts in one window, against the in-process
 * simulator: adding a login from the preferences while the cars stay in
 * view, an account whose login expired (its cars stay, the app says so and
 * offers to log in again), removing one account, logging out of all.
 *
 * The simulator serves one Renault account (its demo). The second account
 * is a Renault login of another email whose token the simulator does not
 * know, with a car (a Dacia) in the state cache: it is restored from the
 * cache, and its login expires at the first refresh.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "carport-account.h"
#include "carport-account-row.h"
#include "carport-account-window.h"
#include "carport-login-page.h"
#include "carport-memory-store.h"
#include "carport-preferences-window.h"
#include "carport-simulator.h"
#include "carport-state-cache.h"
#include "carport-vehicle-page.h"
#include "carport-window.h"
#include "gui-test-util.h"

#define OTHER_EMAIL "camille@example.com"
#define OTHER_VIN "UU1DSPRING0000099"

typedef struct {
  CarportSimulator   *sim;
  CarportMemoryStore *store;
  CarportStateCache  *cache;
  char               *dir;
  GStrv               roots;
  CarportSession     *session;
  CarportWindow      *window;
  int                 width;
  gboolean            left_cars;   /* the window left the car list at some point */
} Fixture;

static gboolean
is_true (gpointer data)
{
  return *(gboolean *) data;
}

static void
done_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
}

static void
saved_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (carport_state_cache_save_finish (CARPORT_STATE_CACHE (object), result, &error));
  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
}

static void
stored_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (carport_credential_store_store_finish (CARPORT_CREDENTIAL_STORE (object), result, &error));
  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
}

static CarportSession *
new_session (Fixture *f)
{
  return g_object_new (CARPORT_TYPE_SESSION,
                       "store", f->store,
                       "cache", f->cache,
                       "service-roots", f->roots,
                       NULL);
}

/* The demo account's login, stored as a real login leaves it. */
static void
store_demo_login (Fixture *f)
{
  g_autoptr(CarportSession) session = new_session (f);
  gboolean done = FALSE;

  carport_session_login_async (session, "renault", carport_simulator_get_demo_locale (f->sim),
                               carport_simulator_get_demo_email (f->sim),
                               carport_simulator_get_demo_password (f->sim), NULL, done_cb, &done);
  g_assert_true (gui_test_wait_until (is_true, &done, 30000));
  g_assert_cmpint (carport_session_get_state (session), ==, CARPORT_SESSION_STATE_READY);
  done = FALSE;
  carport_session_flush_async (session, NULL, done_cb, &done);
  g_assert_true (gui_test_wait_until (is_true, &done, 30000));
}

/* A login of @email the simulator does not know (it expires at the first
 * refresh), and its car in the cache. */
static void
store_unknown_login (Fixture *f, const char *email)
{
  g_autoptr(CarportVehicle) car = carport_vehicle_new (OTHER_VIN);
  g_autoptr(CarportCredentials) login = carport_credentials_new ("renault", "fr_FR", email,
                                                                 "not-a-token-the-server-knows");
  g_autofree char *owner = g_strconcat ("renault:", email, NULL);
  gboolean done = FALSE;

  carport_vehicle_set_brand (car, CARPORT_BRAND_DACIA);
  carport_vehicle_set_model_name (car, "Spring");
  carport_vehicle_set_energy (car, CARPORT_ENERGY_ELECTRIC);
  carport_vehicle_set_account_id (car, "camille-account");
  carport_vehicle_set_supported_endpoints (car, 1u << CARPORT_ENDPOINT_BATTERY_STATUS);
  carport_vehicle_set_supported_commands (car, 1u << CARPORT_COMMAND_KIND_CHARGE_START);
  carport_battery_set_level_percent (carport_vehicle_get_battery (car), 64);
  carport_state_cache_save_async (f->cache, owner, car, NULL, saved_cb, &done);
  g_assert_true (gui_test_wait_until (is_true, &done, 10000));

  done = FALSE;
  carport_credential_store_store_async (CARPORT_CREDENTIAL_STORE (f->store), login, NULL, stored_cb, &done);
  g_assert_true (gui_test_wait_until (is_true, &done, 10000));
}

/* Another account: a stored login the simulator does not know, and its car
 * in the cache. */
static void
store_other_login (Fixture *f)
{
  store_unknown_login (f, OTHER_EMAIL);
}

static void
view_changed_cb (Fixture *f)
{
  if (g_strcmp0 (carport_window_get_view (f->window), "vehicles") != 0)
    f->left_cars = TRUE;
}

static gboolean
view_is_vehicles (gpointer data)
{
  return g_strcmp0 (carport_window_get_view (CARPORT_WINDOW (data)), "vehicles") == 0;
}

/* A session restored from the store and cache, in a window. */
static void
restore (Fixture *f)
{
  gboolean done = FALSE;

  f->session = new_session (f);
  carport_session_restore_async (f->session, NULL, done_cb, &done);
  g_assert_true (gui_test_wait_until (is_true, &done, 30000));
  g_assert_cmpint (carport_session_get_state (f->session), ==, CARPORT_SESSION_STATE_READY);

  f->window = g_object_new (CARPORT_TYPE_WINDOW, NULL);
  gtk_window_set_default_size (GTK_WINDOW (f->window), f->width, 800);
  carport_window_set_session (f->window, f->session);
  gtk_window_present (GTK_WINDOW (f->window));
  g_assert_true (gui_test_wait_until (view_is_vehicles, f->window, 10000));
  g_signal_connect_swapped (carport_window_get_part (f->window, "main_stack"), "notify::visible-child",
                            G_CALLBACK (view_changed_cb), f);
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *gigya = NULL;
  g_autofree char *kamereon = NULL;
  g_autofree char *path = NULL;

  f->width = data ? GPOINTER_TO_INT (data) : 1100;
  f->sim = carport_simulator_new ();
  carport_simulator_set_command_delay_ms (f->sim, 300);
  g_assert_true (carport_simulator_start (f->sim, 0, &error));
  g_assert_no_error (error);
  gigya = carport_simulator_get_gigya_url (f->sim);
  kamereon = carport_simulator_get_kamereon_url (f->sim);
  f->roots = g_environ_setenv (f->roots, "CARPORT_RENAULT_GIGYA_URL", gigya, TRUE);
  f->roots = g_environ_setenv (f->roots, "CARPORT_RENAULT_KAMEREON_URL", kamereon, TRUE);

  f->dir = g_dir_make_tmp ("carport-test-accounts-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "state.sqlite3", NULL);
  f->cache = carport_state_cache_new_for_path (path);
  f->store = carport_memory_store_new ();
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  GList *toplevels;

  if (f->window)
    g_signal_handlers_disconnect_by_data (carport_window_get_part (f->window, "main_stack"), f);
  /* The window and whatever it opened. */
  while ((toplevels = gtk_window_list_toplevels ()) != NULL)
    {
      gtk_window_destroy (toplevels->data);
      g_list_free (toplevels);
    }
  gui_test_flush ();
  g_clear_object (&f->session);
  g_clear_object (&f->cache);
  g_clear_object (&f->store);
  carport_simulator_stop (f->sim);
  g_clear_object (&f->sim);
  g_strfreev (f->roots);
  {
    g_autofree char *path = g_build_filename (f->dir, "state.sqlite3", NULL);

    g_unlink (path);
    g_rmdir (f->dir);
  }
  g_free (f->dir);
}

/* With CARPORT_TEST_SHOTS=DIR, what the test sees is saved for review. */
static void
maybe_save (GtkWidget *window, const char *name)
{
  const char *dir = g_getenv ("CARPORT_TEST_SHOTS");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  GtkSnapshot *snapshot;
  int width, height;

  if (dir == NULL)
    return;
  {
    gboolean never = FALSE;

    gui_test_wait_until (is_true, &never, 500);  /* let it draw */
  }
  width = gtk_widget_get_width (window);
  height = gtk_widget_get_height (window);
  paintable = gtk_widget_paintable_new (window);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  if (node == NULL)
    return;
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  path = g_build_filename (dir, name, NULL);
  gdk_texture_save_to_png (texture, path);
}

/* Finding things as a person would: by type, title, name. */

static GtkWidget *
find_toplevel (GType type)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l; l = l->next)
    if (g_type_is_a (G_OBJECT_TYPE (l->data), type) && gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

static gboolean
has_toplevel (gpointer data)
{
  return find_toplevel (GPOINTER_TO_SIZE (data)) != NULL;
}

static gboolean
no_toplevel (gpointer data)
{
  return find_toplevel (GPOINTER_TO_SIZE (data)) == NULL;
}

static GtkWidget *
wait_toplevel (GType type)
{
  g_assert_true (gui_test_wait_until (has_toplevel, GSIZE_TO_POINTER (type), 5000));
  return find_toplevel (type);
}

/* The preferences row whose title is @title (AdwPreferencesRow), or NULL. */
static GtkWidget *
find_row (GtkWidget *root, const char *title)
{
  if (ADW_IS_PREFERENCES_ROW (root) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root)), title) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_row (child, title);

      if (found)
        return found;
    }
  return NULL;
}

/* The account row of @email. */
static CarportAccountRow *
find_account_row (GtkWidget *root, const char *email)
{
  if (CARPORT_IS_ACCOUNT_ROW (root) &&
      g_strcmp0 (carport_account_get_email (carport_account_row_get_account (CARPORT_ACCOUNT_ROW (root))), email) == 0)
    return CARPORT_ACCOUNT_ROW (root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      CarportAccountRow *found = find_account_row (child, email);

      if (found)
        return found;
    }
  return NULL;
}

static guint
n_accounts (Fixture *f)
{
  return g_list_model_get_n_items (carport_session_get_accounts (f->session));
}

static guint
n_vehicles (Fixture *f)
{
  return g_list_model_get_n_items (carport_session_get_vehicles (f->session));
}

static guint
n_demo_cars (Fixture *f)
{
  g_auto(GStrv) vins = carport_simulator_dup_vins (f->sim);

  return g_strv_length (vins);
}

static GtkWidget *
open_preferences (Fixture *f)
{
  GtkWidget *preferences = carport_preferences_window_new (GTK_WINDOW (f->window));

  carport_preferences_window_set_session (CARPORT_PREFERENCES_WINDOW (preferences), f->session);
  gtk_window_present (GTK_WINDOW (preferences));
  gui_test_flush ();
  return preferences;
}

typedef struct {
  Fixture *f;
  guint    accounts;
  guint    vehicles;
} CountWait;

static gboolean
counts_are (gpointer data)
{
  CountWait *w = data;

  return n_accounts (w->f) == w->accounts && n_vehicles (w->f) == w->vehicles;
}

static void
assert_counts_soon (Fixture *f, guint accounts, guint vehicles)
{
  CountWait w = { f, accounts, vehicles };

  if (!gui_test_wait_until (counts_are, &w, 30000))
    g_error ("wanted %u accounts and %u cars, have %u and %u", accounts, vehicles, n_accounts (f), n_vehicles (f));
}

/* Adding a login from the preferences, while the cars stay in view. */
static void
test_add_from_preferences (Fixture *f, gconstpointer data)
{
  GtkWidget *preferences;
  GtkWidget *add_row;
  CarportAccountWindow *adding;
  CarportLoginPage *login;

  store_other_login (f);
  restore (f);
  g_assert_cmpuint (n_accounts (f), ==, 1);
  g_assert_cmpuint (n_vehicles (f), ==, 1);

  preferences = open_preferences (f);
  g_assert_nonnull (find_account_row (preferences, OTHER_EMAIL));
  add_row = find_row (preferences, "_Add Account…");
  g_assert_nonnull (add_row);
  g_assert_true (gtk_widget_is_visible (add_row));
  g_signal_emit_by_name (add_row, "activate");

  adding = CARPORT_ACCOUNT_WINDOW (wait_toplevel (CARPORT_TYPE_ACCOUNT_WINDOW));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (adding)) == GTK_WINDOW (preferences));
  login = carport_account_window_get_login_page (adding);
  g_assert_true (carport_login_page_get_adding (login));
  /* Its own header bar: not the login page's "back to the welcome page". */
  g_assert_false (gtk_widget_get_visible (carport_login_page_get_part (login, "header_bar")));
  gui_test_assert_label_soon (GTK_WIDGET (adding), "Add an Account");

  gtk_editable_set_text (GTK_EDITABLE (carport_login_page_get_part (login, "email_row")),
                         carport_simulator_get_demo_email (f->sim));
  gtk_editable_set_text (GTK_EDITABLE (carport_login_page_get_part (login, "password_row")),
                         carport_simulator_get_demo_password (f->sim));
  /* Enter in the password field logs in. */
  g_signal_emit_by_name (carport_login_page_get_part (login, "password_row"), "entry-activated");
  g_assert_true (carport_login_page_get_busy (login));

  /* The window closes, the new cars join the list, the list never went away. */
  g_assert_true (gui_test_wait_until (no_toplevel, GSIZE_TO_POINTER (CARPORT_TYPE_ACCOUNT_WINDOW), 30000));
  assert_counts_soon (f, 2, 1 + n_demo_cars (f));
  g_assert_false (f->left_cars);
  g_assert_cmpint (carport_session_get_state (f->session), ==, CARPORT_SESSION_STATE_READY);
  g_assert_nonnull (find_account_row (preferences, carport_simulator_get_demo_email (f->sim)));
  g_assert_nonnull (find_account_row (preferences, OTHER_EMAIL));

  /* Two brands, told apart in the list. */
  gtk_window_destroy (GTK_WINDOW (preferences));
  gui_test_assert_label_soon (carport_window_get_part (f->window, "vehicle_list"), "Dacia Spring");
  gui_test_assert_label_soon (carport_window_get_part (f->window, "vehicle_list"), "Renault ZOE");
}

static void
refreshed_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
}

static gboolean
other_expired (gpointer data)
{
  Fixture *f = data;
  CarportAccount *account = carport_session_find_account (f->session, "renault", OTHER_EMAIL);

  return account && carport_account_get_state (account) == CARPORT_SESSION_STATE_LOGGED_OUT;
}

/* Both accounts restored, then refreshed: the other one's login expires. */
static void
restore_both (Fixture *f)
{
  gboolean done = FALSE;

  store_demo_login (f);
  store_other_login (f);
  restore (f);
  assert_counts_soon (f, 2, 1 + n_demo_cars (f));

  carport_session_refresh_async (f->session, NULL, NULL, refreshed_cb, &done);
  g_assert_true (gui_test_wait_until (is_true, &done, 30000));
  if (!gui_test_wait_until (other_expired, f, 10000))
    g_error ("the other login did not expire: %s, state %d",
             carport_vehicle_get_last_error (carport_session_find_vehicle (f->session, OTHER_VIN)),
             carport_account_get_state (carport_session_find_account (f->session, "renault", OTHER_EMAIL)));
  /* The others stay logged in, and the other's car stays listed. */
  g_assert_cmpint (carport_session_get_state (f->session), ==, CARPORT_SESSION_STATE_READY);
  g_assert_nonnull (carport_session_find_vehicle (f->session, OTHER_VIN));
  g_assert_cmpstr (carport_window_get_view (f->window), ==, "vehicles");
}

static gboolean
shown_is_other (gpointer data)
{
  CarportVehicle *shown = carport_window_get_vehicle (CARPORT_WINDOW (data));

  return shown && g_str_equal (carport_vehicle_get_vin (shown), OTHER_VIN);
}

static void
test_expired_login (Fixture *f, gconstpointer data)
{
  CarportVehiclePage *page;
  GtkWidget *preferences;
  CarportAccountRow *row;
  CarportAccountWindow *again;
  CarportLoginPage *login;

  restore_both (f);

  /* The car's page says so and offers to log in again. */
  carport_window_show_vehicle (f->window, OTHER_VIN);
  g_assert_true (gui_test_wait_until (shown_is_other, f->window, 5000));
  page = CARPORT_VEHICLE_PAGE (carport_window_get_part (f->window, "vehicle_page"));
  gui_test_assert_label_soon (GTK_WIDGET (page), "The MY Renault login of " OTHER_EMAIL " expired");
  g_assert_true (gui_test_label_shown (GTK_WIDGET (page), "_Log In…"));
  maybe_save (GTK_WIDGET (f->window), "expired-car.png");
  /* Its commands wait for the login, and say so. */
  {
    GtkWidget *charge = gui_test_get_accessible (GTK_WIDGET (page), GTK_ACCESSIBLE_ROLE_BUTTON, "Charge");

    g_assert_false (gtk_widget_is_sensitive (charge));
    g_assert_cmpstr (gtk_widget_get_tooltip_text (charge), ==, "Log in again to send commands to this car");
  }

  gtk_widget_activate_action (GTK_WIDGET (page), "vehicle.log-in-again", NULL);
  again = CARPORT_ACCOUNT_WINDOW (wait_toplevel (CARPORT_TYPE_ACCOUNT_WINDOW));
  login = carport_account_window_get_login_page (again);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (carport_login_page_get_part (login, "email_row"))), ==,
                   OTHER_EMAIL);
  g_assert_cmpstr (carport_login_page_get_brand_id (login), ==, "renault");
  gui_test_assert_label_soon (GTK_WIDGET (again), "Log In Again");
  /* Escape closes it. */
  gtk_widget_activate_action (GTK_WIDGET (again), "window.close", NULL);
  g_assert_true (gui_test_wait_until (no_toplevel, GSIZE_TO_POINTER (CARPORT_TYPE_ACCOUNT_WINDOW), 5000));

  /* The preferences say it too. */
  preferences = open_preferences (f);
  row = find_account_row (preferences, OTHER_EMAIL);
  g_assert_nonnull (row);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "expired"));
  g_assert_true (gtk_widget_is_visible (gui_test_find_label (GTK_WIDGET (row), "_Log In…")));
  row = find_account_row (preferences, carport_simulator_get_demo_email (f->sim));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, carport_simulator_get_demo_email (f->sim));
  maybe_save (preferences, "expired-preferences.png");
}

static gboolean
view_is_login (gpointer data)
{
  return g_strcmp0 (carport_window_get_view (CARPORT_WINDOW (data)), "login") == 0;
}

/* The only login expires: straight to the login page, its email filled in,
 * with a message that stays; logging in brings the cars back. */
static void
test_only_login_expires (Fixture *f, gconstpointer data)
{
  const char *email = carport_simulator_get_demo_email (f->sim);
  CarportLoginPage *login;
  GtkWidget *password;
  gboolean done = FALSE;

  store_unknown_login (f, email);
  restore (f);
  carport_session_refresh_async (f->session, NULL, NULL, refreshed_cb, &done);
  g_assert_true (gui_test_wait_until (view_is_login, f->window, 30000));

  login = CARPORT_LOGIN_PAGE (carport_window_get_part (f->window, "login_page"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (gui_test_find_accessible (GTK_WIDGET (login),
                                                                              GTK_ACCESSIBLE_ROLE_TEXT_BOX,
                                                                              "Email Address"))), ==, email);
  g_assert_cmpstr (carport_login_page_get_brand_id (login), ==, "renault");
  g_assert_cmpstr (carport_login_page_get_locale (login), ==, "fr_FR");
  g_assert_nonnull (strstr (carport_login_page_get_notice (login), "has expired"));
  gui_test_assert_label_soon (GTK_WIDGET (login), carport_login_page_get_notice (login));
  maybe_save (GTK_WIDGET (f->window), f->width > 600 ? "expired-only-wide.png" : "expired-only-narrow.png");

  /* The message stays while the person types; then the login brings the
   * cars back. */
  password = gui_test_find_accessible (GTK_WIDGET (login), GTK_ACCESSIBLE_ROLE_TEXT_BOX, "Password");
  gtk_editable_set_text (GTK_EDITABLE (password), carport_simulator_get_demo_password (f->sim));
  gui_test_flush ();
  g_assert_nonnull (carport_login_page_get_notice (login));
  g_signal_emit_by_name (gui_test_find_accessible (GTK_WIDGET (login), GTK_ACCESSIBLE_ROLE_BUTTON, "Log In"), "clicked");
  g_assert_true (gui_test_wait_until (view_is_vehicles, f->window, 30000));
  g_assert_cmpint (carport_session_get_state (f->session), ==, CARPORT_SESSION_STATE_READY);
  g_assert_cmpuint (n_accounts (f), ==, 1);
  g_assert_null (carport_login_page_get_notice (login));
}

static void
test_remove_one (Fixture *f, gconstpointer data)
{
  GtkWidget *preferences;
  CarportAccountRow *row;
  AdwMessageDialog *dialog;
  guint demo_cars;

  restore_both (f);
  demo_cars = n_demo_cars (f);

  preferences = open_preferences (f);
  row = find_account_row (preferences, OTHER_EMAIL);
  g_assert_nonnull (row);
  gtk_widget_activate_action (GTK_WIDGET (row), "account-row.remove", NULL);

  /* It asks first. */
  dialog = ADW_MESSAGE_DIALOG (wait_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==,
                   "Remove the MY Renault account " OTHER_EMAIL "?");
  maybe_save (GTK_WIDGET (dialog), "remove-dialog.png");
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==,
                   "Its cars disappear from Carport; the account itself is not changed.");
  g_assert_cmpuint (n_accounts (f), ==, 2);
  adw_message_dialog_response (dialog, "remove");

  /* Its car goes, the demo's stay, the window stays on the cars. */
  assert_counts_soon (f, 1, demo_cars);
  g_assert_null (carport_session_find_vehicle (f->session, OTHER_VIN));
  g_assert_cmpstr (carport_window_get_view (f->window), ==, "vehicles");
  g_assert_false (f->left_cars);
  g_assert_null (find_account_row (preferences, OTHER_EMAIL));
  g_assert_nonnull (find_account_row (preferences, carport_simulator_get_demo_email (f->sim)));
}

static gboolean
view_is_welcome (gpointer data)
{
  return g_strcmp0 (carport_window_get_view (CARPORT_WINDOW (data)), "welcome") == 0;
}

static void
test_log_out_all (Fixture *f, gconstpointer data)
{
  AdwMessageDialog *dialog;

  restore_both (f);

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.logout", NULL);
  dialog = ADW_MESSAGE_DIALOG (wait_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Log Out of Every Account?");
  /* Cancel changes nothing. */
  adw_message_dialog_response (dialog, "cancel");
  gui_test_flush ();
  g_assert_cmpuint (n_accounts (f), ==, 2);

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.logout", NULL);
  dialog = ADW_MESSAGE_DIALOG (wait_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  adw_message_dialog_response (dialog, "logout");
  assert_counts_soon (f, 0, 0);
  g_assert_true (gui_test_wait_until (view_is_welcome, f->window, 10000));
}

int
main (int argc, char *argv[])
{
  gui_test_init (&argc, &argv);

  g_test_add ("/gui/accounts/add-from-preferences", Fixture, NULL, fixture_set_up, test_add_from_preferences,
              fixture_tear_down);
  g_test_add ("/gui/accounts/expired-login", Fixture, NULL, fixture_set_up, test_expired_login, fixture_tear_down);
  g_test_add ("/gui/accounts/only-login-expires/1100", Fixture, GINT_TO_POINTER (1100), fixture_set_up,
              test_only_login_expires, fixture_tear_down);
  g_test_add ("/gui/accounts/only-login-expires/360", Fixture, GINT_TO_POINTER (360), fixture_set_up,
              test_only_login_expires, fixture_tear_down);
  g_test_add ("/gui/accounts/remove-one", Fixture, NULL, fixture_set_up, test_remove_one, fixture_tear_down);
  g_test_add ("/gui/accounts/log-out-all", Fixture, NULL, fixture_set_up, test_log_out_all, fixture_tear_down);

  return g_test_run ();
}
