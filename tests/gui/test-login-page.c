/* test-login-page.c — the login page against the simulator: wrong password,
 * the emailed-code step (and a new code), errors in a few words with the
 * details and a Retry, each step of a slow login and its Cancel, Enter,
 * the searchable country list; at 1100 and 360 pixels. Controls are found by
 * their accessible role and name, as a screen reader finds them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "carport-api-error.h"
#include "carport-error-banner.h"
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
  int width = GPOINTER_TO_INT (data) ? GPOINTER_TO_INT (data) : 360;

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
  gtk_window_set_default_size (GTK_WINDOW (f->window), width, 760);
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

/* The control with @role and @name, shown (fails the test otherwise). */
static GtkWidget *
control (Fixture *f, GtkAccessibleRole role, const char *name)
{
  GtkWidget *widget = gui_test_find_accessible (GTK_WIDGET (f->page), role, name);

  if (widget == NULL)
    {
      g_autofree char *labels = gui_test_dump_labels (GTK_WIDGET (f->page));

      g_error ("no control “%s” of role %d; labels: %s", name, role, labels);
    }
  return widget;
}

static GtkWidget *
field (Fixture *f, const char *name)
{
  return control (f, GTK_ACCESSIBLE_ROLE_TEXT_BOX, name);
}

static void
fill (Fixture *f, const char *email, const char *password)
{
  gtk_editable_set_text (GTK_EDITABLE (field (f, "Email Address")), email);
  gtk_editable_set_text (GTK_EDITABLE (field (f, "Password")), password);
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
click (GtkWidget *button)
{
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

static void
wait_not_busy (Fixture *f)
{
  g_assert_true (gui_test_wait_until (not_busy, f->page, 30000));
}

static void
submit (Fixture *f)
{
  click (control (f, GTK_ACCESSIBLE_ROLE_BUTTON, "Log In"));
  /* Progress is shown while the server answers. */
  g_assert_true (carport_login_page_get_busy (f->page));
  wait_not_busy (f);
}

/* Enter in @row's text, as a key press activates it. */
static void
press_enter (GtkWidget *row)
{
  GtkWidget *text = gui_test_find_type (row, GTK_TYPE_TEXT);

  g_assert_nonnull (text);
  g_signal_emit_by_name (text, "activate");
}

static void
test_needs_both_fields (Fixture *f, gconstpointer data)
{
  GtkWidget *button = control (f, GTK_ACCESSIBLE_ROLE_BUTTON, "Log In");

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
  g_assert_true (gtk_widget_has_css_class (field (f, "Password"), "error"));
  g_assert_cmpint (carport_session_get_state (f->session), !=, CARPORT_SESSION_STATE_READY);
  /* A wrong password is typed again, not retried as it is. */
  g_assert_null (gui_test_find_accessible (GTK_WIDGET (f->page), GTK_ACCESSIBLE_ROLE_BUTTON, "Retry"));
}

static gboolean
allocated (gpointer data)
{
  return gtk_widget_get_mapped (data) && gtk_widget_get_width (data) > 0;
}

static double
center_x (GtkWidget *widget, GtkWidget *page)
{
  graphene_rect_t bounds;

  g_assert_true (gtk_widget_compute_bounds (widget, page, &bounds));
  return bounds.origin.x + bounds.size.width / 2;
}

static void
test_code_step (Fixture *f, gconstpointer data)
{
  GtkWidget *code_group = carport_login_page_get_part (f->page, "code_group");
  GtkWidget *code, *other, *resend;
  g_autofree char *first = NULL;

  carport_simulator_set_require_tfa (f->sim, TRUE);
  fill (f, carport_simulator_get_demo_email (f->sim), carport_simulator_get_demo_password (f->sim));
  submit (f);

  /* Not an error: the code step, its explanation above the field. */
  code = field (f, "Code from the Email");
  g_assert_true (gtk_widget_is_ancestor (code, code_group));
  g_assert_nonnull (strstr (adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (code_group)),
                            carport_simulator_get_demo_email (f->sim)));
  g_assert_null (carport_login_page_get_error_text (f->page));
  g_assert_false (gtk_widget_is_sensitive (carport_login_page_get_part (f->page, "credentials_group")));

  /* Its buttons line up under the Log In button. */
  other = control (f, GTK_ACCESSIBLE_ROLE_BUTTON, "Use Another Account");
  resend = control (f, GTK_ACCESSIBLE_ROLE_BUTTON, "Send the Code Again");
  g_assert_true (gui_test_wait_until (allocated, other, 5000));
  g_assert_cmpfloat_with_epsilon (center_x (other, GTK_WIDGET (f->page)),
                                  center_x (control (f, GTK_ACCESSIBLE_ROLE_BUTTON, "Log In"), GTK_WIDGET (f->page)), 1);
  g_assert_cmpfloat_with_epsilon (center_x (resend, GTK_WIDGET (f->page)),
                                  center_x (other, GTK_WIDGET (f->page)), 1);

  /* A new code: the simulator sends one more, the field is emptied. */
  first = g_strdup (carport_simulator_get_last_tfa_code (f->sim));
  gtk_editable_set_text (GTK_EDITABLE (code), "123");
  click (resend);
  g_assert_true (carport_login_page_get_busy (f->page));
  wait_not_busy (f);
  g_assert_null (carport_login_page_get_error_text (f->page));
  g_assert_cmpuint (carport_simulator_get_endpoint_request_count (f->sim, "accounts.tfa.email.sendVerificationCode"),
                    ==, 2);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (code)), ==, "");
  g_assert_nonnull (strstr (adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (code_group)), "new code"));

  /* A wrong code (the emailed one with its first digit changed) is an inline
   * error on the code, and the code step stays. */
  {
    g_autofree char *wrong = g_strdup (carport_simulator_get_last_tfa_code (f->sim));

    g_assert_nonnull (wrong);
    wrong[0] = wrong[0] == '9' ? '0' : wrong[0] + 1;
    gtk_editable_set_text (GTK_EDITABLE (code), wrong);
  }
  submit (f);
  assert_error_shown (f);
  g_assert_true (gtk_widget_has_css_class (code, "error"));
  g_assert_true (gtk_widget_get_visible (code_group));
  g_assert_cmpint (carport_session_get_state (f->session), ==, CARPORT_SESSION_STATE_NEEDS_CODE);

  /* The new code, with Enter, logs in. */
  gtk_editable_set_text (GTK_EDITABLE (code), carport_simulator_get_last_tfa_code (f->sim));
  press_enter (code);
  g_assert_true (carport_login_page_get_busy (f->page));
  wait_not_busy (f);
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
  g_assert_nonnull (gui_test_find_accessible (GTK_WIDGET (f->page), GTK_ACCESSIBLE_ROLE_BUTTON, "Retry"));
}

/* An HTML 502 from the login server: a short sentence, wrapped, the details
 * a click away, and a Retry that logs in once the server is back. */
static void
test_server_trouble (Fixture *f, gconstpointer data)
{
  GtkWidget *banner = carport_login_page_get_part (f->page, "error_banner");
  GtkWidget *label;
  const char *details;

  g_assert_true (carport_simulator_add_fault_from_string (f->sim, "accounts.login=html-502:x1", NULL));
  fill (f, carport_simulator_get_demo_email (f->sim), carport_simulator_get_demo_password (f->sim));
  submit (f);

  assert_error_shown (f);
  g_assert_cmpstr (carport_login_page_get_error_text (f->page), ==,
                   "The car maker's servers are having trouble right now. Try again later.");
  label = gui_test_find_label (banner, carport_login_page_get_error_text (f->page));
  g_assert_true (gtk_label_get_wrap (GTK_LABEL (label)));
  g_assert_cmpint (gtk_label_get_ellipsize (GTK_LABEL (label)), ==, PANGO_ELLIPSIZE_NONE);
  g_assert_cmpint (gtk_widget_get_width (label), <=, gtk_widget_get_width (GTK_WIDGET (f->page)));

  /* The details: the whole message, the server's words with it. */
  details = carport_error_banner_get_details (CARPORT_ERROR_BANNER (banner));
  g_assert_nonnull (details);
  g_assert_nonnull (strstr (details, "502"));
  click (control (f, GTK_ACCESSIBLE_ROLE_BUTTON, "Details"));
  {
    GtkWindow *dialog = NULL;
    GListModel *toplevels = gtk_window_get_toplevels ();

    for (guint i = 0; i < g_list_model_get_n_items (toplevels) && dialog == NULL; i++)
      {
        g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

        if (ADW_IS_MESSAGE_DIALOG (window))
          dialog = window;
      }
    g_assert_nonnull (dialog);
    g_assert_cmpstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), ==, details);
    gtk_window_destroy (dialog);
  }

  click (control (f, GTK_ACCESSIBLE_ROLE_BUTTON, "Retry"));
  wait_not_busy (f);
  g_assert_null (carport_login_page_get_error_text (f->page));
  g_assert_cmpint (carport_session_get_state (f->session), ==, CARPORT_SESSION_STATE_READY);
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
  GtkDropDown *brand = GTK_DROP_DOWN (control (f, GTK_ACCESSIBLE_ROLE_COMBO_BOX, "Brand"));
  GtkWidget *help = carport_login_page_get_part (f->page, "nissan_help");
  GListModel *brands = gtk_drop_down_get_model (brand);
  guint nissan = G_MAXUINT;

  for (guint i = 0; i < g_list_model_get_n_items (brands); i++)
    if (g_str_equal (gtk_string_list_get_string (GTK_STRING_LIST (brands), i), "Nissan"))
      nissan = i;
  g_assert_cmpuint (nissan, ==, 3);
  g_assert_true (gui_test_label_shown (GTK_WIDGET (f->page),
                                       "Use your MY Renault account. Carport does not store your password."));

  gtk_drop_down_set_selected (brand, nissan);
  gui_test_flush ();
  g_assert_cmpstr (carport_login_page_get_brand_id (f->page), ==, "nissan");
  g_assert_null (carport_login_page_get_locale (f->page));
  g_assert_true (gui_test_label_shown (GTK_WIDGET (f->page),
                                       "Use your MyNISSAN account. Carport does not store your password."));
  g_assert_null (gui_test_find_accessible (GTK_WIDGET (f->page), GTK_ACCESSIBLE_ROLE_COMBO_BOX, "Country"));
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

  gtk_drop_down_set_selected (brand, 1);
  gui_test_flush ();
  g_assert_true (gui_test_label_shown (GTK_WIDGET (f->page),
                                       "Use your MyDacia account. Carport does not store your password."));
  g_assert_nonnull (control (f, GTK_ACCESSIBLE_ROLE_COMBO_BOX, "Country"));
  g_assert_false (gtk_widget_is_visible (carport_login_page_get_part (f->page, "region_row")));
  g_assert_false (gtk_widget_is_visible (help));
  g_assert_nonnull (carport_login_page_get_locale (f->page));
}

/* The country list is a combo box that can be searched by name. */
static void
test_country_search (Fixture *f, gconstpointer data)
{
  GtkDropDown *country = GTK_DROP_DOWN (control (f, GTK_ACCESSIBLE_ROLE_COMBO_BOX, "Country"));
  GtkExpression *expression = gtk_drop_down_get_expression (country);
  GListModel *names = gtk_drop_down_get_model (country);
  guint ireland = G_MAXUINT;
  GValue value = G_VALUE_INIT;

  g_assert_true (gtk_drop_down_get_enable_search (country));
  g_assert_nonnull (expression);
  for (guint i = 0; i < g_list_model_get_n_items (names); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (names, i);

      /* The search matches what the expression reads: the country's name. */
      g_assert_true (gtk_expression_evaluate (expression, item, &value));
      if (g_str_equal (g_value_get_string (&value), "Ireland"))
        ireland = i;
      g_value_unset (&value);
    }
  g_assert_cmpuint (ireland, !=, G_MAXUINT);
  gtk_drop_down_set_selected (country, ireland);
  g_assert_cmpstr (carport_login_page_get_locale (f->page), ==, "en_IE");
}

/* Enter in the email field goes to the password, in the password logs in. */
static void
test_enter_submits (Fixture *f, gconstpointer data)
{
  GtkWidget *email = field (f, "Email Address");
  GtkWidget *password = field (f, "Password");

  gtk_editable_set_text (GTK_EDITABLE (email), carport_simulator_get_demo_email (f->sim));
  press_enter (email);
  g_assert_false (carport_login_page_get_busy (f->page));
  gtk_editable_set_text (GTK_EDITABLE (password), carport_simulator_get_demo_password (f->sim));
  press_enter (password);
  g_assert_true (carport_login_page_get_busy (f->page));
  wait_not_busy (f);
  g_assert_cmpint (carport_session_get_state (f->session), ==, CARPORT_SESSION_STATE_READY);
}

static gboolean
finding_cars (gpointer data)
{
  Fixture *f = data;

  return gui_test_find_accessible (GTK_WIDGET (f->page), GTK_ACCESSIBLE_ROLE_BUTTON, "Finding your cars…") != NULL;
}

static gboolean
session_logged_out (gpointer data)
{
  return carport_session_get_state (CARPORT_SESSION (data)) == CARPORT_SESSION_STATE_LOGGED_OUT;
}

/* On a slow network the button says what is going on, and Cancel brings the
 * form back as it was. */
static void
test_steps_and_cancel (Fixture *f, gconstpointer data)
{
  carport_simulator_set_latency_ms (f->sim, 300);
  fill (f, carport_simulator_get_demo_email (f->sim), carport_simulator_get_demo_password (f->sim));
  g_assert_null (gui_test_find_accessible (GTK_WIDGET (f->page), GTK_ACCESSIBLE_ROLE_BUTTON, "Cancel"));
  click (control (f, GTK_ACCESSIBLE_ROLE_BUTTON, "Log In"));

  g_assert_nonnull (control (f, GTK_ACCESSIBLE_ROLE_BUTTON, "Checking your password…"));
  g_assert_true (gui_test_label_shown (GTK_WIDGET (f->page), "Checking your password…"));
  g_assert_true (gui_test_wait_until (finding_cars, f, 10000));
  g_assert_true (gui_test_label_shown (GTK_WIDGET (f->page), "Finding your cars…"));

  click (control (f, GTK_ACCESSIBLE_ROLE_BUTTON, "Cancel"));
  g_assert_false (carport_login_page_get_busy (f->page));
  g_assert_nonnull (control (f, GTK_ACCESSIBLE_ROLE_BUTTON, "Log In"));
  g_assert_null (gui_test_find_accessible (GTK_WIDGET (f->page), GTK_ACCESSIBLE_ROLE_BUTTON, "Cancel"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field (f, "Email Address"))), ==,
                   carport_simulator_get_demo_email (f->sim));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field (f, "Password"))), ==,
                   carport_simulator_get_demo_password (f->sim));
  g_assert_null (carport_login_page_get_error_text (f->page));
  g_assert_true (gui_test_wait_until (session_logged_out, f->session, 10000));
  g_assert_cmpuint (g_list_model_get_n_items (carport_session_get_accounts (f->session)), ==, 0);

  /* It can be tried again at once. */
  carport_simulator_set_latency_ms (f->sim, 0);
  submit (f);
  g_assert_cmpint (carport_session_get_state (f->session), ==, CARPORT_SESSION_STATE_READY);
}

int
main (int argc, char *argv[])
{
  gui_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/gui/login/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  /* Where the layout matters, wide and narrow. */
#define ADD_WIDTHS(path, func) \
  g_test_add ("/gui/login/" path "/1100", Fixture, GINT_TO_POINTER (1100), fixture_set_up, func, fixture_tear_down); \
  g_test_add ("/gui/login/" path "/360", Fixture, GINT_TO_POINTER (360), fixture_set_up, func, fixture_tear_down)

  ADD ("needs-both-fields", test_needs_both_fields);
  ADD ("wrong-password", test_wrong_password);
  ADD_WIDTHS ("code-step", test_code_step);
  ADD ("network-down", test_network_down);
  ADD_WIDTHS ("server-trouble", test_server_trouble);
  ADD ("nissan", test_nissan);
  ADD ("country-search", test_country_search);
  ADD ("enter-submits", test_enter_submits);
  ADD ("steps-and-cancel", test_steps_and_cancel);
  ADD ("errors-inline", test_errors_inline);

  return g_test_run ();
}
