/* carport-login-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "carport-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "carport-api-error.h"
#include "carport-closures.h"
#include "carport-error-banner.h"
#include "carport-login-page.h"

/* The countries of the Renault locale table (docs/api-renault.md §a.4). The
 * service decides the servers from the locale; the GUI only lists them, so it
 * does not depend on the api layer's table. */
static const struct {
  const char *locale;
  const char *country;  /* translatable */
} countries[] = {
  { "de_AT", N_("Austria") },
  { "fr_BE", N_("Belgium (Français)") },
  { "nl_BE", N_("Belgium (Nederlands)") },
  { "bg_BG", N_("Bulgaria") },
  { "hr_HR", N_("Croatia") },
  { "cs_CZ", N_("Czechia") },
  { "da_DK", N_("Denmark") },
  { "fi_FI", N_("Finland") },
  { "fr_FR", N_("France") },
  { "de_DE", N_("Germany") },
  { "hu_HU", N_("Hungary") },
  { "en_IE", N_("Ireland") },
  { "it_IT", N_("Italy") },
  { "fr_LU", N_("Luxembourg") },
  { "es_MX", N_("Mexico") },
  { "nl_NL", N_("Netherlands") },
  { "no_NO", N_("Norway") },
  { "pl_PL", N_("Poland") },
  { "pt_PT", N_("Portugal") },
  { "ro_RO", N_("Romania") },
  { "ru_RU", N_("Russia") },
  { "sk_SK", N_("Slovakia") },
  { "sl_SI", N_("Slovenia") },
  { "es_ES", N_("Spain") },
  { "sv_SE", N_("Sweden") },
  { "de_CH", N_("Switzerland (Deutsch)") },
  { "fr_CH", N_("Switzerland (Français)") },
  { "it_CH", N_("Switzerland (Italiano)") },
  { "en_GB", N_("United Kingdom") },
};

/* The brands offered; Dacia and Alpine log in at Renault, with a country. */
static const struct {
  CarportBrand  brand;
  gboolean      has_country;
} brands[] = {
  { CARPORT_BRAND_RENAULT, TRUE },
  { CARPORT_BRAND_DACIA,   TRUE },
  { CARPORT_BRAND_ALPINE,  TRUE },
  { CARPORT_BRAND_NISSAN,  FALSE },
};

struct _CarportLoginPage
{
  AdwBin              parent_instance;

  /* Template widgets */
  GtkDropDown        *brand_dropdown;
  GtkWidget          *country_row;
  GtkDropDown        *country_dropdown;
  GtkWidget          *region_row;
  GtkWidget          *header_bar;
  GtkLabel           *title_label;
  GtkLabel           *intro_label;
  GtkWidget          *nissan_help;
  GtkRevealer        *notice_revealer;
  GtkLabel           *notice_label;
  AdwEntryRow        *email_row;
  AdwEntryRow        *password_row;
  AdwEntryRow        *code_row;
  GtkWidget          *code_group;
  GtkWidget          *credentials_group;
  CarportErrorBanner *error_banner;
  GtkWidget          *submit_button;
  GtkStack           *button_stack;
  GtkSpinner         *spinner;
  GtkLabel           *step_label;
  GtkWidget          *cancel_button;
  GtkWidget          *resend_button;
  GtkWidget          *other_account_button;

  /* Owned */
  CarportSession     *session;
  GCancellable       *cancellable;
  gboolean            busy;
  gboolean            adding;
};

G_DEFINE_FINAL_TYPE (CarportLoginPage, carport_login_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_BUSY,
  PROP_ADDING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_LOGGED_IN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static guint
selected_brand (CarportLoginPage *self)
{
  return MIN (gtk_drop_down_get_selected (self->brand_dropdown), G_N_ELEMENTS (brands) - 1);
}

static gboolean
code_step (CarportLoginPage *self)
{
  return gtk_widget_get_visible (self->code_group);
}

static void
update_actions (CarportLoginPage *self)
{
  gboolean can_submit;

  if (code_step (self))
    can_submit = *gtk_editable_get_text (GTK_EDITABLE (self->code_row)) != '\0';
  else
    can_submit = *gtk_editable_get_text (GTK_EDITABLE (self->email_row)) != '\0' &&
                 *gtk_editable_get_text (GTK_EDITABLE (self->password_row)) != '\0';

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "login.submit",
                                 self->session != NULL && !self->busy && can_submit);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "login.resend-code",
                                 self->session != NULL && !self->busy && code_step (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "login.cancel", self->busy);
}

/* What the button says while the login runs: the session's step. */
static const char *
step_text (CarportLoginPage *self)
{
  switch (self->session ? carport_session_get_login_step (self->session) : CARPORT_LOGIN_STEP_NONE)
    {
    case CARPORT_LOGIN_STEP_CHECKING_PASSWORD:
      return _("Checking your password…");
    case CARPORT_LOGIN_STEP_SENDING_CODE:
      return _("Sending a new code…");
    case CARPORT_LOGIN_STEP_CHECKING_CODE:
      return _("Checking the code…");
    case CARPORT_LOGIN_STEP_FINDING_CARS:
      return _("Finding your cars…");
    case CARPORT_LOGIN_STEP_NONE:
    default:
      return _("Logging In…");
    }
}

static void
update_step (CarportLoginPage *self)
{
  const char *text = self->busy ? step_text (self) : _("Log In");

  gtk_label_set_label (self->step_label, step_text (self));
  /* A screen reader hears what the button shows. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->submit_button), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
}

static void
set_busy (CarportLoginPage *self, gboolean busy)
{
  if (self->busy == busy)
    return;

  self->busy = busy;
  gtk_widget_set_sensitive (self->credentials_group, !busy && !code_step (self));
  gtk_widget_set_sensitive (self->code_group, !busy);
  gtk_stack_set_visible_child_name (self->button_stack, busy ? "busy" : "idle");
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_visible (self->cancel_button, busy);
  update_step (self);
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
clear_error (CarportLoginPage *self)
{
  carport_error_banner_hide (self->error_banner);
  gtk_widget_remove_css_class (GTK_WIDGET (self->email_row), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->password_row), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->code_row), "error");
}

static void
show_code_step (CarportLoginPage *self, gboolean show)
{
  const char *email = gtk_editable_get_text (GTK_EDITABLE (self->email_row));
  g_autofree char *text = NULL;

  if (show)
    {
      /* Translators: %s is the email address */
      text = g_strdup_printf (_("Your account asks for a verification code. We sent it to %s."), email);
      adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->code_group), text);
      gtk_editable_set_text (GTK_EDITABLE (self->code_row), "");
    }
  gtk_widget_set_visible (self->code_group, show);
  gtk_widget_set_visible (self->resend_button, show);
  gtk_widget_set_visible (self->other_account_button, show);
  gtk_widget_set_sensitive (self->credentials_group, !show && !self->busy);
  if (show)
    gtk_widget_grab_focus (GTK_WIDGET (self->code_row));
  update_actions (self);
}

void
carport_login_page_show_error (CarportLoginPage *self, const GError *error)
{
  GtkWidget *field = NULL;

  g_return_if_fail (CARPORT_IS_LOGIN_PAGE (self));
  g_return_if_fail (error != NULL);

  clear_error (self);

  if (error->domain == CARPORT_API_ERROR)
    {
      switch (error->code)
        {
        case CARPORT_API_ERROR_TFA_REQUIRED:
          /* Not an error: the next step. */
          show_code_step (self, TRUE);
          return;
        case CARPORT_API_ERROR_TFA_CODE_INVALID:
          field = GTK_WIDGET (self->code_row);
          break;
        case CARPORT_API_ERROR_INVALID_CREDENTIALS:
          field = GTK_WIDGET (self->password_row);
          gtk_widget_add_css_class (GTK_WIDGET (self->email_row), "error");
          break;
        default:
          break;
        }
    }

  /* A wrong entry is corrected, not retried as it is. */
  carport_error_banner_show_error (self->error_banner, error, field == NULL);
  if (field)
    {
      gtk_widget_add_css_class (field, "error");
      gtk_widget_grab_focus (field);
    }
}

static void
login_done (CarportLoginPage *self, gboolean ok, GError *error)
{
  /* Cancelled: the page is already back as it was. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_busy (self, FALSE);
  if (!ok)
    {
      carport_login_page_show_error (self, error);
      return;
    }

  /* The main window follows the session's state to the vehicles; a window
   * that adds an account closes. */
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  show_code_step (self, FALSE);
  carport_login_page_set_notice (self, NULL);
  g_signal_emit (self, signals[SIGNAL_LOGGED_IN], 0);
}

static void
login_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(CarportLoginPage) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok = carport_session_login_finish (CARPORT_SESSION (object), result, &error);

  login_done (self, ok, error);
}

static void
code_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(CarportLoginPage) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok = carport_session_submit_code_finish (CARPORT_SESSION (object), result, &error);

  login_done (self, ok, error);
}

/* A request to the session starts (FALSE: none can now). */
static gboolean
begin_request (CarportLoginPage *self)
{
  if (self->session == NULL || self->busy)
    return FALSE;

  clear_error (self);
  set_busy (self, TRUE);
  return TRUE;
}

static void
submit_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CarportLoginPage *self = CARPORT_LOGIN_PAGE (widget);

  if (!begin_request (self))
    return;

  if (code_step (self))
    {
      carport_session_submit_code_async (self->session,
                                         gtk_editable_get_text (GTK_EDITABLE (self->code_row)),
                                         self->cancellable, code_cb, g_object_ref (self));
      return;
    }

  carport_session_login_async (self->session,
                               carport_login_page_get_brand_id (self),
                               carport_login_page_get_locale (self),
                               gtk_editable_get_text (GTK_EDITABLE (self->email_row)),
                               gtk_editable_get_text (GTK_EDITABLE (self->password_row)),
                               self->cancellable, login_cb, g_object_ref (self));
}

static void
code_resent_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(CarportLoginPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (!carport_session_resend_code_finish (CARPORT_SESSION (object), result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_busy (self, FALSE);
  if (error)
    {
      carport_error_banner_show_error (self->error_banner, error, FALSE);
      return;
    }
  /* Translators: %s is the email address */
  text = g_strdup_printf (_("We sent a new code to %s. The one before no longer works."),
                          gtk_editable_get_text (GTK_EDITABLE (self->email_row)));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->code_group), text);
  gtk_editable_set_text (GTK_EDITABLE (self->code_row), "");
  gtk_widget_grab_focus (GTK_WIDGET (self->code_row));
}

static void
resend_code_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CarportLoginPage *self = CARPORT_LOGIN_PAGE (widget);

  if (!begin_request (self))
    return;
  carport_session_resend_code_async (self->session, self->cancellable, code_resent_cb, g_object_ref (self));
}

/* A new cancellable for the next request. */
static void
renew_cancellable (CarportLoginPage *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
}

/* The login stops; what was typed stays, to try again. */
static void
cancel_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CarportLoginPage *self = CARPORT_LOGIN_PAGE (widget);

  if (!self->busy)
    return;
  renew_cancellable (self);
  set_busy (self, FALSE);
  gtk_widget_grab_focus (code_step (self) ? GTK_WIDGET (self->code_row) : GTK_WIDGET (self->password_row));
}

static void
back_to_credentials_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CarportLoginPage *self = CARPORT_LOGIN_PAGE (widget);

  clear_error (self);
  show_code_step (self, FALSE);
}

/* The wording and the rows follow the brand: a Renault-group account has a
 * country, a MyNISSAN account the one region Carport supports. */
static void
brand_selected_cb (CarportLoginPage *self)
{
  guint i = selected_brand (self);
  g_autofree char *intro = NULL;

  /* Translators: %s is the name of the maker's account, e.g. "MY Renault" or "MyNISSAN" */
  intro = g_strdup_printf (_("Use your %s account. Carport does not store your password."),
                           carport_closures_account_name (brands[i].brand));
  gtk_label_set_label (self->intro_label, intro);
  gtk_widget_set_visible (self->country_row, brands[i].has_country);
  gtk_widget_set_visible (self->region_row, !brands[i].has_country);
  gtk_widget_set_visible (self->nissan_help, brands[i].brand == CARPORT_BRAND_NISSAN);
  clear_error (self);
}

static void
entry_changed_cb (CarportLoginPage *self)
{
  update_actions (self);
}

/* Enter in a field: to the next empty one, else log in. */
static void
entry_activated_cb (CarportLoginPage *self, AdwEntryRow *row)
{
  if (row == self->email_row &&
      *gtk_editable_get_text (GTK_EDITABLE (self->password_row)) == '\0')
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
      return;
    }
  gtk_widget_activate_action (GTK_WIDGET (self), "login.submit", NULL);
}

static guint
default_country (void)
{
  const char * const *languages = g_get_language_names ();

  for (guint l = 0; languages[l]; l++)
    for (guint i = 0; i < G_N_ELEMENTS (countries); i++)
      if (g_str_has_prefix (languages[l], countries[i].locale))
        return i;

  for (guint i = 0; i < G_N_ELEMENTS (countries); i++)
    if (g_str_equal (countries[i].locale, "en_GB"))
      return i;
  return 0;
}

static void
carport_login_page_dispose (GObject *object)
{
  CarportLoginPage *self = CARPORT_LOGIN_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  if (self->session)
    g_signal_handlers_disconnect_by_data (self->session, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), CARPORT_TYPE_LOGIN_PAGE);
  g_clear_object (&self->session);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (carport_login_page_parent_class)->dispose (object);
}

static void
carport_login_page_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  CarportLoginPage *self = CARPORT_LOGIN_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    case PROP_ADDING:
      g_value_set_boolean (value, self->adding);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carport_login_page_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  CarportLoginPage *self = CARPORT_LOGIN_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      carport_login_page_set_session (self, g_value_get_object (value));
      break;
    case PROP_ADDING:
      carport_login_page_set_adding (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carport_login_page_class_init (CarportLoginPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = carport_login_page_dispose;
  object_class->get_property = carport_login_page_get_property;
  object_class->set_property = carport_login_page_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, CARPORT_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ADDING] =
    g_param_spec_boolean ("adding", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* A login (and the emailed code, if asked for) succeeded. */
  signals[SIGNAL_LOGGED_IN] =
    g_signal_new ("logged-in", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (CARPORT_TYPE_ERROR_BANNER);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/carport/Carport/pages/carport-login-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CarportLoginPage, brand_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CarportLoginPage, country_row);
  gtk_widget_class_bind_template_child (widget_class, CarportLoginPage, country_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CarportLoginPage, region_row);
  gtk_widget_class_bind_template_child (widget_class, CarportLoginPage, header_bar);
  gtk_widget_class_bind_template_child (widget_class, CarportLoginPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, CarportLoginPage, intro_label);
  gtk_widget_class_bind_template_child (widget_class, CarportLoginPage, nissan_help);
  gtk_widget_class_bind_template_child (widget_class, CarportLoginPage, notice_revealer);
  gtk_widget_class_bind_template_child (widget_class, CarportLoginPage, notice_label);
  gtk_widget_class_bind_template_child (widget_class, CarportLoginPage, email_row);
  gtk_widget_class_bind_template_child (widget_class, CarportLoginPage, password_row);
  gtk_widget_class_bind_template_child (widget_class, CarportLoginPage, code_row);
  gtk_widget_class_bind_template_child (widget_class, CarportLoginPage, code_group);
  gtk_widget_class_bind_template_child (widget_class, CarportLoginPage, credentials_group);
  gtk_widget_class_bind_template_child (widget_class, CarportLoginPage, error_banner);
  gtk_widget_class_bind_template_child (widget_class, CarportLoginPage, submit_button);
  gtk_widget_class_bind_template_child (widget_class, CarportLoginPage, button_stack);
  gtk_widget_class_bind_template_child (widget_class, CarportLoginPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, CarportLoginPage, step_label);
  gtk_widget_class_bind_template_child (widget_class, CarportLoginPage, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, CarportLoginPage, resend_button);
  gtk_widget_class_bind_template_child (widget_class, CarportLoginPage, other_account_button);
  gtk_widget_class_bind_template_callback (widget_class, entry_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, brand_selected_cb);

  gtk_widget_class_install_action (widget_class, "login.submit", NULL, submit_action);
  gtk_widget_class_install_action (widget_class, "login.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "login.resend-code", NULL, resend_code_action);
  gtk_widget_class_install_action (widget_class, "login.back-to-credentials", NULL, back_to_credentials_action);
}

static void
carport_login_page_init (CarportLoginPage *self)
{
  g_autoptr(GtkStringList) brand_names = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) country_names = gtk_string_list_new (NULL);

  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < G_N_ELEMENTS (brands); i++)
    gtk_string_list_append (brand_names, carport_format_brand (brands[i].brand));
  gtk_drop_down_set_model (self->brand_dropdown, G_LIST_MODEL (brand_names));
  gtk_drop_down_set_selected (self->brand_dropdown, 0);
  brand_selected_cb (self);

  for (guint i = 0; i < G_N_ELEMENTS (countries); i++)
    gtk_string_list_append (country_names, _(countries[i].country));
  gtk_drop_down_set_model (self->country_dropdown, G_LIST_MODEL (country_names));
  gtk_drop_down_set_selected (self->country_dropdown, default_country ());

  update_step (self);
  update_actions (self);
}

GtkWidget *
carport_login_page_new (void)
{
  return g_object_new (CARPORT_TYPE_LOGIN_PAGE, NULL);
}

CarportSession *
carport_login_page_get_session (CarportLoginPage *self)
{
  g_return_val_if_fail (CARPORT_IS_LOGIN_PAGE (self), NULL);
  return self->session;
}

void
carport_login_page_set_session (CarportLoginPage *self, CarportSession *session)
{
  g_return_if_fail (CARPORT_IS_LOGIN_PAGE (self));

  if (self->session == session)
    return;

  if (self->session)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_set_object (&self->session, session);
  if (session)
    g_signal_connect_swapped (session, "notify::login-step", G_CALLBACK (update_step), self);

  update_step (self);
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

gboolean
carport_login_page_get_busy (CarportLoginPage *self)
{
  g_return_val_if_fail (CARPORT_IS_LOGIN_PAGE (self), FALSE);
  return self->busy;
}

void
carport_login_page_reset (CarportLoginPage *self)
{
  g_return_if_fail (CARPORT_IS_LOGIN_PAGE (self));

  renew_cancellable (self);
  set_busy (self, FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  clear_error (self);
  show_code_step (self, FALSE);
  carport_login_page_set_notice (self, NULL);
}

const char *
carport_login_page_get_error_text (CarportLoginPage *self)
{
  g_return_val_if_fail (CARPORT_IS_LOGIN_PAGE (self), NULL);

  return carport_error_banner_get_text (self->error_banner);
}

void
carport_login_page_set_notice (CarportLoginPage *self, const char *text)
{
  g_return_if_fail (CARPORT_IS_LOGIN_PAGE (self));

  if (text)
    gtk_label_set_label (self->notice_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->notice_revealer), text != NULL);
  gtk_revealer_set_reveal_child (self->notice_revealer, text != NULL);
}

const char *
carport_login_page_get_notice (CarportLoginPage *self)
{
  g_return_val_if_fail (CARPORT_IS_LOGIN_PAGE (self), NULL);

  return gtk_revealer_get_reveal_child (self->notice_revealer) ? gtk_label_get_label (self->notice_label) : NULL;
}

const char *
carport_login_page_get_locale (CarportLoginPage *self)
{
  guint selected;

  g_return_val_if_fail (CARPORT_IS_LOGIN_PAGE (self), NULL);

  /* Nissan: the brand's default region (Europe). */
  if (!brands[selected_brand (self)].has_country)
    return NULL;
  selected = gtk_drop_down_get_selected (self->country_dropdown);
  if (selected >= G_N_ELEMENTS (countries))
    return "en_GB";
  return countries[selected].locale;
}

GtkWidget *
carport_login_page_get_part (CarportLoginPage *self, const char *id)
{
  g_return_val_if_fail (CARPORT_IS_LOGIN_PAGE (self), NULL);

  return GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (self), CARPORT_TYPE_LOGIN_PAGE, id));
}

const char *
carport_login_page_get_brand_id (CarportLoginPage *self)
{
  g_return_val_if_fail (CARPORT_IS_LOGIN_PAGE (self), NULL);

  return carport_enum_to_nick (CARPORT_TYPE_BRAND, brands[selected_brand (self)].brand);
}

void
carport_login_page_set_account (CarportLoginPage *self, const char *brand_id, const char *locale,
                                const char *email)
{
  CarportBrand brand;

  g_return_if_fail (CARPORT_IS_LOGIN_PAGE (self));

  brand = carport_enum_from_nick (CARPORT_TYPE_BRAND, brand_id, CARPORT_BRAND_UNKNOWN);
  for (guint i = 0; i < G_N_ELEMENTS (brands); i++)
    if (brands[i].brand == brand)
      gtk_drop_down_set_selected (self->brand_dropdown, i);
  for (guint i = 0; locale && i < G_N_ELEMENTS (countries); i++)
    if (g_str_equal (countries[i].locale, locale))
      gtk_drop_down_set_selected (self->country_dropdown, i);
  gtk_editable_set_text (GTK_EDITABLE (self->email_row), email ? email : "");
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  if (self->adding)
    gtk_label_set_label (self->title_label, _("Log In Again"));
  gtk_widget_grab_focus (GTK_WIDGET (email && *email ? self->password_row : self->email_row));
}

gboolean
carport_login_page_get_adding (CarportLoginPage *self)
{
  g_return_val_if_fail (CARPORT_IS_LOGIN_PAGE (self), FALSE);
  return self->adding;
}

void
carport_login_page_set_adding (CarportLoginPage *self, gboolean adding)
{
  g_return_if_fail (CARPORT_IS_LOGIN_PAGE (self));

  adding = !!adding;
  if (self->adding == adding)
    return;

  self->adding = adding;
  /* The window that adds an account has its own header bar. */
  gtk_widget_set_visible (self->header_bar, !adding);
  gtk_label_set_label (self->title_label, adding ? _("Add an Account") : _("Log In to Your Car"));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ADDING]);
}
