/* test-login-page.c — the login page against the simulator: wrong password,
 * the emailed-code step, the network down, all shown inline.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "carport-api-error.h"
#include "carport-login-page.h"
#include "carport-memory-store.h"
#include "carport-simulator.h"
#include "gui-test-util.h"

typedef struct {
  CarportSimulator *sim;
  CarportSession   *session;
  CarportLoginPage *page;
  GtkWidget        *window;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CarportMemoryStore) store = carport_memory_store_new ();
  g_auto(GStrv) roots = NULL;

  f->sim = carport_simulator_new ();
  g_assert_true (carport_simulator_start (f->sim, 0, &error));
  g_assert_no_error (error);
  roots = carport_simulator_dup_environ (f->sim);

  f->session = g_object_new (CARPORT_TYPE_SESSION,
                             "store", store,
                             "service-roots", roots,
                             NULL);
  f->page = CARPORT_LOGIN_PAGE (carport_login_page_new ());
  carport_login_page_set_session (f->page, f->session);

  f->window = adw_window_new ();
  adw_window_set_content (ADW_WINDOW (f->window), GTK_WIDGET (f->page));
  gtk_window_set_default_size (GTK_WINDOW (f->window), 360, 700);
  gtk_window_present (GTK_WINDOW (f->window));
  gui_test_flush ();
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  gui_test_flush ();
  g_clear_object (&f->session);
  carport_simulator_stop (f->sim);
  g_clear_object (&f->sim);
}

static void
fill (Fixture *f, const char *email, const char *password)
{
  gtk_editable_set_text (GTK_EDITABLE (carport_login_page_get_part (f->page, "email_row")), email);
  gtk_editable_set_text (GTK_EDITABLE (carport_login_page_get_part (f->page, "password_row")), password);
}

static gboolean
not_busy (gpointer data)
{
  return !carport_login_page_get_busy (CARPORT_LOGIN_PAGE (data));
}

static gboolean
error_shown (gpointer data)
{
  CarportLoginPage *page = CARPORT_LOGIN_PAGE (data);
  const char *text = carport_login_page_get_error_text (page);

  return text != NULL && gui_test_label_shown (GTK_WIDGET (page), text);
}

/* The inline error slides in: wait for it (bounded). */
static void
assert_error_shown (Fixture *f)
{
  g_assert_nonnull (carport_login_page_get_error_text (f->page));
  g_assert_true (gui_test_wait_until (error_shown, f->page, 5000));
}

static void
submit (Fixture *f)
{
  g_assert_true (gtk_widget_is_sensitive (carport_login_page_get_part (f->page, "submit_button")));
  gtk_widget_activate_action (GTK_WIDGET (f->page), "login.submit", NULL);
  /* Progress is shown while the server answers. */
  g_assert_true (carport_login_page_get_busy (f->page));
  g_assert_true (gui_test_wait_until (not_busy, f->page, 30000));
}

static void
test_needs_both_fields (Fixture *f, gconstpointer data)
{
  GtkWidget *button = carport_login_page_get_part (f->page, "submit_button");

  g_assert_false (gtk_widget_is_sensitive (button));
  fill (f, "someone@example.com", "");
  g_assert_false (gtk_widget_is_sensitive (button));
  fill (f, "someone@example.com", "secret");
  g_assert_true (gtk_widget_is_sensitive (button));
  /* A country from the locale table is chosen. */
  g_assert_nonnull (carport_login_page_get_locale (f->page));
  g_assert_cmpint (strlen (carport_login_page_get_locale (f->page)), ==, 5);
}

static void
test_wrong_password (Fixture *f, gconstpointer data)
{
  fill (f, carport_simulator_get_demo_email (f->sim), "not-the-password");
  submit (f);

  assert_error_shown (f);
  g_assert_true (gtk_widget_has_css_class (carport_login_page_get_part (f->page, "password_row"), "error"));
  g_assert_cmpint (carport_session_get_state (f->session), !=, CARPORT_SESSION_STATE_READY);
}

static void
test_code_step (Fixture *f, gconstpointer data)
{
  GtkWidget *code_group = carport_login_page_get_part (f->page, "code_group");

  carport_simulator_set_require_tfa (f->sim, TRUE);
  fill (f, carport_simulator_get_demo_email (f->sim), carport_simulator_get_demo_password (f->sim));
  submit (f);

  /* Not an error: the code step. */
  g_assert_true (gtk_widget_get_visible (code_group));
  g_assert_null (carport_login_page_get_error_text (f->page));
  g_assert_false (gtk_widget_is_sensitive (carport_login_page_get_part (f->page, "credentials_group")));

  /* A wrong code (the emailed one with its first digit changed) is an inline
   * error on the code, and the code step stays. */
  {
    g_autofree char *wrong = g_strdup (carport_simulator_get_last_tfa_code (f->sim));

    g_assert_nonnull (wrong);
    wrong[0] = wrong[0] == '9' ? '0' : wrong[0] + 1;
    gtk_editable_set_text (GTK_EDITABLE (carport_login_page_get_part (f->page, "code_row")), wrong);
  }
  submit (f);
  assert_error_shown (f);
  g_assert_true (gtk_widget_has_css_class (carport_login_page_get_part (f->page, "code_row"), "error"));
  g_assert_true (gtk_widget_get_visible (code_group));
  g_assert_cmpint (carport_session_get_state (f->session), ==, CARPORT_SESSION_STATE_NEEDS_CODE);

  /* The right one logs in. */
  gtk_editable_set_text (GTK_EDITABLE (carport_login_page_get_part (f->page, "code_row")),
                         carport_simulator_get_last_tfa_code (f->sim));
  submit (f);
  g_assert_null (carport_login_page_get_error_text (f->page));
  g_assert_cmpint (carport_session_get_state (f->session), ==, CARPORT_SESSION_STATE_READY);
  g_assert_cmpuint (g_list_model_get_n_items (carport_session_get_vehicles (f->session)), >, 0);
}

static void
test_network_down (Fixture *f, gconstpointer data)
{
  carport_simulator_stop (f->sim);
  fill (f, "someone@example.com", "secret");
  submit (f);

  assert_error_shown (f);
}

static void
test_errors_inline (Fixture *f, gconstpointer data)
{
  static const int codes[] = { CARPORT_API_ERROR_NO_VEHICLES, CARPORT_API_ERROR_NETWORK,
                               CARPORT_API_ERROR_INVALID_CREDENTIALS };

  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    {
      g_autoptr(GError) error = g_error_new (CARPORT_API_ERROR, codes[i], "Message %u for people.", i);
      g_autofree char *expected = g_strdup_printf ("Message %u for people.", i);

      carport_login_page_show_error (f->page, error);
      g_assert_cmpstr (carport_login_page_get_error_text (f->page), ==, expected);
    }

  /* A new attempt clears the old error. */
  carport_login_page_reset (f->page);
  g_assert_null (carport_login_page_get_error_text (f->page));
}

/* Nissan: MyNISSAN wording, a region instead of a country, the 2026 note
 * with the link to the MyNISSAN site; back to Renault, as before. */
static void
test_nissan (Fixture *f, gconstpointer data)
{
  AdwComboRow *brand = ADW_COMBO_ROW (carport_login_page_get_part (f->page, "brand_row"));
  GtkWidget *help = carport_login_page_get_part (f->page, "nissan_help");
  GListModel *brands = adw_combo_row_get_model (brand);
  guint nissan = G_MAXUINT;

  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (brand)), ==, "Brand");
  for (guint i = 0; i < g_list_model_get_n_items (brands); i++)
    if (g_str_equal (gtk_string_list_get_string (GTK_STRING_LIST (brands), i), "Nissan"))
      nissan = i;
  g_assert_cmpuint (nissan, ==, 3);
  g_assert_true (gui_test_label_shown (GTK_WIDGET (f->page),
                                       "Use your MY Renault account. Carport does not store your password."));

  adw_combo_row_set_selected (brand, nissan);
  gui_test_flush ();
  g_assert_cmpuint (adw_combo_row_get_selected (brand), ==, nissan);
  g_assert_cmpstr (carport_login_page_get_brand_id (f->page), ==, "nissan");
  g_assert_null (carport_login_page_get_locale (f->page));
  g_assert_true (gui_test_label_shown (GTK_WIDGET (f->page),
                                       "Use your MyNISSAN account. Carport does not store your password."));
  g_assert_false (gtk_widget_is_visible (carport_login_page_get_part (f->page, "country_row")));
  g_assert_true (gtk_widget_is_visible (carport_login_page_get_part (f->page, "region_row")));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (carport_login_page_get_part (f->page, "region_row"))),
                   ==, "Region");
  g_assert_true (gui_test_label_shown (carport_login_page_get_part (f->page, "region_row"), "Europe"));
  g_assert_true (gtk_widget_is_visible (help));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (help)), "href=\"https://login.mynissan-account.com\""));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (help)), "MyNISSAN site"));

  /* It logs in like the others; what the service says shows inline. */
  fill (f, "someone@example.com", "secret");
  submit (f);
  assert_error_shown (f);

  adw_combo_row_set_selected (brand, 1);
  gui_test_flush ();
  g_assert_true (gui_test_label_shown (GTK_WIDGET (f->page),
                                       "Use your MyDacia account. Carport does not store your password."));
  g_assert_true (gtk_widget_is_visible (carport_login_page_get_part (f->page, "country_row")));
  g_assert_false (gtk_widget_is_visible (carport_login_page_get_part (f->page, "region_row")));
  g_assert_false (gtk_widget_is_visible (help));
  g_assert_nonnull (carport_login_page_get_locale (f->page));
}

/* Enter in the email field goes to the password, in the password logs in. */
static void
test_enter_submits (Fixture *f, gconstpointer data)
{
  GtkWidget *email = carport_login_page_get_part (f->page, "email_row");
  GtkWidget *password = carport_login_page_get_part (f->page, "password_row");

  gtk_editable_set_text (GTK_EDITABLE (email), carport_simulator_get_demo_email (f->sim));
  g_signal_emit_by_name (email, "entry-activated");
  g_assert_false (carport_login_page_get_busy (f->page));
  gtk_editable_set_text (GTK_EDITABLE (password), carport_simulator_get_demo_password (f->sim));
  g_signal_emit_by_name (password, "entry-activated");
  g_assert_true (carport_login_page_get_busy (f->page));
  g_assert_true (gui_test_wait_until (not_busy, f->page, 30000));
  g_assert_cmpint (carport_session_get_state (f->session), ==, CARPORT_SESSION_STATE_READY);
}

int
main (int argc, char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/gui/login/needs-both-fields", Fixture, NULL, fixture_set_up, test_needs_both_fields, fixture_tear_down);
  g_test_add ("/gui/login/wrong-password", Fixture, NULL, fixture_set_up, test_wrong_password, fixture_tear_down);
  g_test_add ("/gui/login/code-step", Fixture, NULL, fixture_set_up, test_code_step, fixture_tear_down);
  g_test_add ("/gui/login/network-down", Fixture, NULL, fixture_set_up, test_network_down, fixture_tear_down);
  g_test_add ("/gui/login/nissan", Fixture, NULL, fixture_set_up, test_nissan, fixture_tear_down);
  g_test_add ("/gui/login/enter-submits", Fixture, NULL, fixture_set_up, test_enter_submits, fixture_tear_down);
  g_test_add ("/gui/login/errors-inline", Fixture, NULL, fixture_set_up, test_errors_inline, fixture_tear_down);

  return g_test_run ();
}
