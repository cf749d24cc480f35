/* carport-charge-card.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "carport-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "carport-closures.h"
#include "carport-charge-card.h"

struct _CarportChargeCard
{
  CarportStatusCard parent_instance;

  /* Template widgets */
  GtkListBox *schedules_list;
  GtkWidget  *schedules_heading;
  GtkWidget  *no_schedules_label;

  /* Owned: the vehicle's charge programmes that are set up */
  GListModel *schedules;
};

G_DEFINE_FINAL_TYPE (CarportChargeCard, carport_charge_card, CARPORT_TYPE_STATUS_CARD)

#define EP(e) (1u << CARPORT_ENDPOINT_##e)
/* Where cars report their charge programmes: the ZE40 calendar, KCA
 * charging-settings, KCM ev/settings. */
#define SCHEDULE_ENDPOINTS (EP (CHARGE_SCHEDULE) | EP (CHARGING_SETTINGS) | EP (EV_SETTINGS))

static char *
format_days (guint days)
{
  g_autoptr(GString) text = g_string_new (NULL);
  /* 2024-01-01 was a Monday. */
  g_autoptr(GDateTime) monday = g_date_time_new_local (2024, 1, 1, 12, 0, 0);

  if ((days & 0x7f) == 0x7f)
    return g_strdup (_("Every day"));
  if ((days & 0x7f) == 0x1f)
    return g_strdup (_("Weekdays"));
  if ((days & 0x7f) == 0x60)
    return g_strdup (_("Weekends"));

  for (int i = 0; i < CARPORT_N_WEEKDAYS; i++)
    {
      g_autoptr(GDateTime) day = NULL;
      g_autofree char *name = NULL;

      if ((days & (1u << i)) == 0)
        continue;
      day = g_date_time_add_days (monday, i);
      name = g_date_time_format (day, "%a");
      if (text->len > 0)
        /* Translators: separator between abbreviated day names */
        g_string_append (text, _(", "));
      g_string_append (text, name);
    }

  if (text->len == 0)
    return g_strdup (_("No days"));
  return g_strdup (text->str);
}

static GtkWidget *
create_schedule_row (gpointer item, gpointer user_data)
{
  /* Programmes stored in UTC are shown in local time. */
  g_autoptr(CarportSchedule) schedule = carport_schedule_convert (CARPORT_SCHEDULE (item), FALSE, NULL);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *state;
  g_autofree char *days = format_days (carport_schedule_get_days (schedule));
  const char *time = carport_schedule_get_start_time (schedule) ? carport_schedule_get_start_time (schedule) : "—";
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  const char *kind;
  int duration = carport_schedule_get_duration_minutes (schedule);

  switch (carport_schedule_get_kind (schedule))
    {
    case CARPORT_SCHEDULE_KIND_CLIMATE:
      kind = _("Climate ready at");
      break;
    case CARPORT_SCHEDULE_KIND_CHARGE_AND_CLIMATE:
      kind = _("Charge and climate");
      break;
    case CARPORT_SCHEDULE_KIND_CHARGE:
    default:
      kind = _("Charge");
      break;
    }

  /* Translators: a schedule, e.g. "Charge · 23:30" */
  title = g_strdup_printf (_("%s · %s"), kind, time);
  if (duration > 0)
    {
      g_autofree char *length = carport_format_duration_minutes (duration);
      /* Translators: days and length of a schedule, e.g. "Weekdays, for 2 h 30 min" */
      subtitle = g_strdup_printf (_("%s, for %s"), days, length);
    }
  else
    subtitle = g_steal_pointer (&days);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  state = gtk_label_new (carport_schedule_get_activated (schedule) ? _("On") : _("Off"));
  gtk_widget_add_css_class (state, carport_schedule_get_activated (schedule) ? "success" : "dim-label");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), state);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);

  return row;
}

/* Charge programmes only (climate ones belong to the climate), and only
 * those set up: the car reports its empty slots too. */
static gboolean
schedule_shown (gpointer item, gpointer user_data)
{
  CarportSchedule *schedule = CARPORT_SCHEDULE (item);

  return carport_schedule_get_kind (schedule) != CARPORT_SCHEDULE_KIND_CLIMATE &&
         (carport_schedule_get_activated (schedule) ||
          (carport_schedule_get_days (schedule) != 0 && carport_schedule_get_start_time (schedule) != NULL));
}

static void
schedules_changed_cb (CarportChargeCard *self)
{
  CarportVehicle *vehicle = carport_status_card_get_vehicle (CARPORT_STATUS_CARD (self));
  guint n = self->schedules ? g_list_model_get_n_items (self->schedules) : 0;
  gboolean supported = vehicle &&
    (carport_vehicle_get_readable_endpoints (vehicle) & SCHEDULE_ENDPOINTS) != 0;

  gtk_widget_set_visible (self->schedules_heading, supported);
  gtk_widget_set_visible (GTK_WIDGET (self->schedules_list), supported && n > 0);
  gtk_widget_set_visible (self->no_schedules_label, supported && n == 0);
}

static void
carport_charge_card_vehicle_changed (CarportStatusCard *card, CarportVehicle *old_vehicle)
{
  CarportChargeCard *self = CARPORT_CHARGE_CARD (card);
  CarportVehicle *vehicle = carport_status_card_get_vehicle (card);

  if (self->schedules)
    g_signal_handlers_disconnect_by_func (self->schedules, schedules_changed_cb, self);
  if (old_vehicle)
    g_signal_handlers_disconnect_by_func (old_vehicle, schedules_changed_cb, self);
  g_clear_object (&self->schedules);

  if (vehicle)
    {
      GListModel *all = carport_charge_settings_get_schedules (carport_vehicle_get_charge_settings (vehicle));
      GtkCustomFilter *filter = gtk_custom_filter_new (schedule_shown, NULL, NULL);

      self->schedules = G_LIST_MODEL (gtk_filter_list_model_new (g_object_ref (all), GTK_FILTER (filter)));
      g_signal_connect_swapped (self->schedules, "items-changed", G_CALLBACK (schedules_changed_cb), self);
      g_signal_connect_swapped (vehicle, "notify::readable-endpoints", G_CALLBACK (schedules_changed_cb), self);
    }
  gtk_list_box_bind_model (self->schedules_list, self->schedules, create_schedule_row, NULL, NULL);
  schedules_changed_cb (self);
}

static void
carport_charge_card_dispose (GObject *object)
{
  CarportChargeCard *self = CARPORT_CHARGE_CARD (object);
  CarportVehicle *vehicle = carport_status_card_get_vehicle (CARPORT_STATUS_CARD (self));

  if (self->schedules)
    g_signal_handlers_disconnect_by_func (self->schedules, schedules_changed_cb, self);
  g_clear_object (&self->schedules);
  if (vehicle)
    g_signal_handlers_disconnect_by_func (vehicle, schedules_changed_cb, self);

  G_OBJECT_CLASS (carport_charge_card_parent_class)->dispose (object);
}

static void
carport_charge_card_class_init (CarportChargeCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  CarportStatusCardClass *card_class = CARPORT_STATUS_CARD_CLASS (klass);

  object_class->dispose = carport_charge_card_dispose;

  card_class->vehicle_changed = carport_charge_card_vehicle_changed;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/carport/Carport/cards/carport-charge-card.ui");
  carport_closures_bind (widget_class);
  gtk_widget_class_bind_template_child (widget_class, CarportChargeCard, schedules_list);
  gtk_widget_class_bind_template_child (widget_class, CarportChargeCard, schedules_heading);
  gtk_widget_class_bind_template_child (widget_class, CarportChargeCard, no_schedules_label);
}

static void
carport_charge_card_init (CarportChargeCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  schedules_changed_cb (self);
}

GtkWidget *
carport_charge_card_new (void)
{
  return g_object_new (CARPORT_TYPE_CHARGE_CARD, NULL);
}
