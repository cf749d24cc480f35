/* carport-services-card.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "carport-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "carport-closures.h"
#include "carport-services-card.h"

struct _CarportServicesCard
{
  CarportStatusCard  parent_instance;

  GtkListBox        *alerts_list;
  GtkWidget         *no_alerts_label;
  GtkListBox        *contracts_list;
};

G_DEFINE_FINAL_TYPE (CarportServicesCard, carport_services_card, CARPORT_TYPE_STATUS_CARD)

/* A row of @title and @subtitle (nullable), shown as plain text. */
static AdwActionRow *
text_row (const char *title,
          const char *subtitle)
{
  AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (row, subtitle);
  adw_action_row_set_subtitle_lines (row, 0);
  adw_action_row_set_title_lines (row, 0);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  return row;
}

static GtkWidget *
create_alert_row (gpointer item,
                  gpointer user_data)
{
  CarportAlert *alert = CARPORT_ALERT (item);
  AdwActionRow *row = text_row (carport_alert_get_title (alert), carport_alert_get_description (alert));
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

  /* The icon and the words say it is a warning, not the colour alone. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Warning"), -1);
  adw_action_row_add_prefix (row, icon);
  gtk_widget_add_css_class (GTK_WIDGET (row), "warning");
  return GTK_WIDGET (row);
}

static GtkWidget *
create_contract_row (gpointer item,
                     gpointer user_data)
{
  CarportContract *contract = CARPORT_CONTRACT (item);
  const char *name = carport_contract_get_description (contract);
  g_autofree char *state = carport_format_contract_state (carport_contract_get_status (contract),
                                                          carport_contract_get_end_date (contract));

  return GTK_WIDGET (text_row (name != NULL ? name : carport_contract_get_code (contract), state));
}

/* Shows the lists that hold something, and "No alerts" when the car reads
 * its alerts and has none. */
static void
update_lists (CarportServicesCard *self)
{
  CarportVehicle *vehicle = carport_status_card_get_vehicle (CARPORT_STATUS_CARD (self));
  CarportServices *services = vehicle != NULL ? carport_vehicle_get_services (vehicle) : NULL;
  guint n_alerts = services != NULL ? g_list_model_get_n_items (carport_services_get_alerts (services)) : 0;
  guint n_contracts = services != NULL ? g_list_model_get_n_items (carport_services_get_contracts (services)) : 0;
  gboolean reads_alerts = vehicle != NULL &&
                          (carport_vehicle_get_readable_endpoints (vehicle) & (1u << CARPORT_ENDPOINT_ALERTS)) != 0;

  gtk_widget_set_visible (GTK_WIDGET (self->alerts_list), n_alerts > 0);
  gtk_widget_set_visible (self->no_alerts_label, reads_alerts && n_alerts == 0);
  gtk_widget_set_visible (GTK_WIDGET (self->contracts_list), n_contracts > 0);
}

static void
list_changed_cb (GListModel          *model,
                 guint                position,
                 guint                removed,
                 guint                added,
                 CarportServicesCard *self)
{
  update_lists (self);
}

static void
carport_services_card_vehicle_changed (CarportStatusCard *card,
                                       CarportVehicle    *old_vehicle)
{
  CarportServicesCard *self = CARPORT_SERVICES_CARD (card);
  CarportVehicle *vehicle = carport_status_card_get_vehicle (card);
  CarportServices *services = vehicle != NULL ? carport_vehicle_get_services (vehicle) : NULL;
  GListModel *alerts = services != NULL ? carport_services_get_alerts (services) : NULL;
  GListModel *contracts = services != NULL ? carport_services_get_contracts (services) : NULL;

  if (old_vehicle != NULL)
    {
      CarportServices *old = carport_vehicle_get_services (old_vehicle);

      g_signal_handlers_disconnect_by_func (carport_services_get_alerts (old), list_changed_cb, self);
      g_signal_handlers_disconnect_by_func (carport_services_get_contracts (old), list_changed_cb, self);
    }

  gtk_list_box_bind_model (self->alerts_list, alerts, create_alert_row, NULL, NULL);
  gtk_list_box_bind_model (self->contracts_list, contracts, create_contract_row, NULL, NULL);
  if (services != NULL)
    {
      g_signal_connect_object (alerts, "items-changed", G_CALLBACK (list_changed_cb), self, 0);
      g_signal_connect_object (contracts, "items-changed", G_CALLBACK (list_changed_cb), self, 0);
    }
  update_lists (self);
}

static void
carport_services_card_class_init (CarportServicesCardClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  CarportStatusCardClass *card_class = CARPORT_STATUS_CARD_CLASS (klass);

  card_class->vehicle_changed = carport_services_card_vehicle_changed;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/carport/Carport/cards/carport-services-card.ui");
  gtk_widget_class_bind_template_child (widget_class, CarportServicesCard, alerts_list);
  gtk_widget_class_bind_template_child (widget_class, CarportServicesCard, no_alerts_label);
  gtk_widget_class_bind_template_child (widget_class, CarportServicesCard, contracts_list);
  carport_closures_bind (widget_class);
}

static void
carport_services_card_init (CarportServicesCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
carport_services_card_new (void)
{
  return g_object_new (CARPORT_TYPE_SERVICES_CARD, NULL);
}
