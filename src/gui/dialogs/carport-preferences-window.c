/* carport-preferences-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "carport-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "carport-account-row.h"
#include "carport-account-window.h"
#include "carport-preferences-window.h"

/* The refresh intervals offered, in seconds; 0 turns automatic refresh off. */
static const guint intervals[] = { 0, 5 * 60, 15 * 60, 30 * 60, 60 * 60, 3 * 60 * 60 };

struct _CarportPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* Template widgets */
  GtkWidget            *accounts_group;
  GtkListBox           *accounts_list;
  AdwComboRow          *distance_row;
  AdwComboRow          *temperature_row;
  AdwComboRow          *interval_row;
  GtkSwitch            *notify_commands_switch;
  GtkSwitch            *notify_charging_switch;
  GtkSwitch            *remote_lock_switch;
  GtkSwitch            *reverse_geocoding_switch;
  GtkSwitch            *background_switch;
  GtkWidget            *autostart_row;
  GtkSwitch            *autostart_switch;

  /* Owned */
  GSettings            *settings;
  CarportSession       *session;
};

G_DEFINE_FINAL_TYPE (CarportPreferencesWindow, carport_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* One row per account, then "Add Account…". */
static void
rebuild_accounts (CarportPreferencesWindow *self)
{
  GtkWidget *child;
  GtkWidget *add_row;
  GtkWidget *icon;
  GListModel *accounts;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->accounts_list))) != NULL)
    gtk_list_box_remove (self->accounts_list, child);

  gtk_widget_set_visible (self->accounts_group, self->session != NULL);
  if (self->session == NULL)
    return;

  accounts = carport_session_get_accounts (self->session);
  for (guint i = 0; i < g_list_model_get_n_items (accounts); i++)
    {
      g_autoptr(CarportAccount) account = g_list_model_get_item (accounts, i);

      gtk_list_box_append (self->accounts_list, carport_account_row_new (self->session, account));
    }

  add_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (add_row), _("_Add Account…"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (add_row), TRUE);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (add_row), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (add_row), "prefs.add-account");
  icon = gtk_image_new_from_icon_name ("list-add-symbolic");
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, NULL, -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (add_row), icon);
  gtk_widget_set_name (add_row, "add-account-row");
  gtk_list_box_append (self->accounts_list, add_row);
}

static void
add_account_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CarportPreferencesWindow *self = CARPORT_PREFERENCES_WINDOW (widget);
  GtkWidget *window;

  if (self->session == NULL)
    return;

  window = carport_account_window_new (GTK_WINDOW (self), self->session);
  gtk_window_present (GTK_WINDOW (window));
}

/* Enum keys ↔ the position in a combo row (the GSettings values are 0, 1). */
static gboolean
enum_get_mapping (GValue *value, GVariant *variant, gpointer user_data)
{
  const char * const *nicks = user_data;
  const char *nick = g_variant_get_string (variant, NULL);

  for (guint i = 0; nicks[i]; i++)
    if (g_str_equal (nicks[i], nick))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }
  return FALSE;
}

static GVariant *
enum_set_mapping (const GValue *value, const GVariantType *type, gpointer user_data)
{
  const char * const *nicks = user_data;
  guint position = g_value_get_uint (value);

  if (position >= g_strv_length ((char **) nicks))
    return NULL;
  return g_variant_new_string (nicks[position]);
}

static gboolean
interval_get_mapping (GValue *value, GVariant *variant, gpointer user_data)
{
  guint seconds = g_variant_get_uint32 (variant);
  guint best = 0;

  /* The nearest offered interval. */
  for (guint i = 0; i < G_N_ELEMENTS (intervals); i++)
    if (ABS ((int) intervals[i] - (int) seconds) < ABS ((int) intervals[best] - (int) seconds))
      best = i;
  g_value_set_uint (value, best);
  return TRUE;
}

static GVariant *
interval_set_mapping (const GValue *value, const GVariantType *type, gpointer user_data)
{
  guint position = g_value_get_uint (value);

  if (position >= G_N_ELEMENTS (intervals))
    return NULL;
  return g_variant_new_uint32 (intervals[position]);
}

/* In the order of the rows' items: "Automatic (…)" first. */
static const char * const distance_nicks[] = { "automatic", "kilometres", "miles", NULL };
static const char * const temperature_nicks[] = { "automatic", "celsius", "fahrenheit", NULL };

/* Puts "Automatic (Miles)" before @row's units, naming the locale's unit,
 * the one at @locale_unit + 1. */
static void
add_automatic_unit (AdwComboRow *row, guint locale_unit)
{
  GtkStringList *units = GTK_STRING_LIST (adw_combo_row_get_model (row));
  /* Translators: the unit where you are, e.g. "Automatic (Kilometres)" */
  g_autofree char *automatic = g_strdup_printf (_("Automatic (%s)"),
                                                gtk_string_list_get_string (units, locale_unit));
  const char * const items[] = { automatic, NULL };

  gtk_string_list_splice (units, 0, 0, items);
}

static void
carport_preferences_window_dispose (GObject *object)
{
  CarportPreferencesWindow *self = CARPORT_PREFERENCES_WINDOW (object);

  if (self->session)
    g_signal_handlers_disconnect_by_data (carport_session_get_accounts (self->session), self);
  gtk_widget_dispose_template (GTK_WIDGET (self), CARPORT_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (carport_preferences_window_parent_class)->dispose (object);
}

static void
carport_preferences_window_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  CarportPreferencesWindow *self = CARPORT_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carport_preferences_window_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  CarportPreferencesWindow *self = CARPORT_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      carport_preferences_window_set_session (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carport_preferences_window_class_init (CarportPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = carport_preferences_window_dispose;
  object_class->get_property = carport_preferences_window_get_property;
  object_class->set_property = carport_preferences_window_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, CARPORT_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/carport/Carport/dialogs/carport-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CarportPreferencesWindow, accounts_group);
  gtk_widget_class_bind_template_child (widget_class, CarportPreferencesWindow, accounts_list);
  gtk_widget_class_bind_template_child (widget_class, CarportPreferencesWindow, distance_row);
  gtk_widget_class_bind_template_child (widget_class, CarportPreferencesWindow, temperature_row);
  gtk_widget_class_bind_template_child (widget_class, CarportPreferencesWindow, interval_row);
  gtk_widget_class_bind_template_child (widget_class, CarportPreferencesWindow, notify_commands_switch);
  gtk_widget_class_bind_template_child (widget_class, CarportPreferencesWindow, notify_charging_switch);
  gtk_widget_class_bind_template_child (widget_class, CarportPreferencesWindow, remote_lock_switch);
  gtk_widget_class_bind_template_child (widget_class, CarportPreferencesWindow, reverse_geocoding_switch);
  gtk_widget_class_bind_template_child (widget_class, CarportPreferencesWindow, background_switch);
  gtk_widget_class_bind_template_child (widget_class, CarportPreferencesWindow, autostart_row);
  gtk_widget_class_bind_template_child (widget_class, CarportPreferencesWindow, autostart_switch);

  gtk_widget_class_install_action (widget_class, "prefs.add-account", NULL, add_account_action);
}

static void
carport_preferences_window_init (CarportPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new ("io.github.carport.Carport");
  add_automatic_unit (self->distance_row, carport_distance_unit_for_locale (NULL));
  add_automatic_unit (self->temperature_row, carport_temperature_unit_for_locale (NULL));
  g_settings_bind_with_mapping (self->settings, "distance-unit", self->distance_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, enum_get_mapping, enum_set_mapping,
                                (gpointer) distance_nicks, NULL);
  g_settings_bind_with_mapping (self->settings, "temperature-unit", self->temperature_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, enum_get_mapping, enum_set_mapping,
                                (gpointer) temperature_nicks, NULL);
  g_settings_bind_with_mapping (self->settings, "refresh-interval", self->interval_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, interval_get_mapping, interval_set_mapping,
                                NULL, NULL);
  g_settings_bind (self->settings, "notify-commands", self->notify_commands_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "reverse-geocoding", self->reverse_geocoding_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "notify-charging", self->notify_charging_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "experimental-remote-lock", self->remote_lock_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  /* The application asks the portal or writes the login entry when these change. */
  g_settings_bind (self->settings, "run-in-background", self->background_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "autostart", self->autostart_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "run-in-background", self->autostart_row, "sensitive",
                   G_SETTINGS_BIND_GET);
}

GtkWidget *
carport_preferences_window_new (GtkWindow *parent)
{
  return g_object_new (CARPORT_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "modal", parent != NULL,
                       NULL);
}

GtkWidget *
carport_preferences_window_get_part (CarportPreferencesWindow *self, const char *id)
{
  g_return_val_if_fail (CARPORT_IS_PREFERENCES_WINDOW (self), NULL);

  return GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (self), CARPORT_TYPE_PREFERENCES_WINDOW, id));
}

CarportSession *
carport_preferences_window_get_session (CarportPreferencesWindow *self)
{
  g_return_val_if_fail (CARPORT_IS_PREFERENCES_WINDOW (self), NULL);
  return self->session;
}

void
carport_preferences_window_set_session (CarportPreferencesWindow *self, CarportSession *session)
{
  g_return_if_fail (CARPORT_IS_PREFERENCES_WINDOW (self));
  g_return_if_fail (session == NULL || CARPORT_IS_SESSION (session));

  if (self->session == session)
    return;

  if (self->session)
    g_signal_handlers_disconnect_by_data (carport_session_get_accounts (self->session), self);
  g_set_object (&self->session, session);
  if (session)
    g_signal_connect_swapped (carport_session_get_accounts (session), "items-changed",
                              G_CALLBACK (rebuild_accounts), self);
  rebuild_accounts (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}
