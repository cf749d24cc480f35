/* carport-schedule-list.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "carport-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "carport-command-runner.h"
#include "carport-schedule-dialog.h"
#include "carport-schedule-list.h"

struct _CarportScheduleList
{
  GtkBox                parent_instance;

  /* Template widgets */
  GtkLabel             *heading;
  GtkListBox           *list;
  GtkLabel             *empty_label;
  GtkWidget            *add_button;

  /* Owned */
  gboolean              climate;
  CarportVehicle       *vehicle;
  CarportSession       *session;
  GListModel           *schedules;  /* the vehicle's programmes of the kind that are set up */
  CarportCommandRunner *runner;
  CarportCommand       *command;    /* the change being sent, while it runs */
  gboolean              syncing;    /* the switches follow the car: nothing to send */
};

G_DEFINE_FINAL_TYPE (CarportScheduleList, carport_schedule_list, GTK_TYPE_BOX)

enum {
  PROP_0,
  PROP_CLIMATE,
  PROP_VEHICLE,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define EP(e) (1u << CARPORT_ENDPOINT_##e)
/* Where cars report their programmes: charge ones in the ZE40 calendar, KCA
 * charging-settings or KCM ev/settings; climate ones in KCA hvac-settings
 * or KCM ev/settings. */
#define CHARGE_ENDPOINTS  (EP (CHARGE_SCHEDULE) | EP (CHARGING_SETTINGS) | EP (EV_SETTINGS))
#define CLIMATE_ENDPOINTS (EP (HVAC_SETTINGS) | EP (EV_SETTINGS))

static CarportCommandKind
command_kind (CarportScheduleList *self)
{
  return self->climate ? CARPORT_COMMAND_KIND_HVAC_SCHEDULE : CARPORT_COMMAND_KIND_CHARGE_SCHEDULE;
}

static GListModel *
all_schedules (CarportScheduleList *self)
{
  return carport_charge_settings_get_schedules (carport_vehicle_get_charge_settings (self->vehicle));
}

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

/* Why the programmes cannot be changed now, or NULL. */
static const char *
obstacle (CarportScheduleList *self)
{
  const char *reason;

  if (self->vehicle == NULL)
    return NULL;
  if ((reason = carport_vehicle_get_command_obstacle (self->vehicle, command_kind (self))) != NULL)
    return reason;
  if ((reason = carport_command_runner_get_login_obstacle (self->runner)) != NULL)
    return reason;
  if (self->command != NULL)
    return _("A change to the programmes is under way");
  return NULL;
}

/* The subtitle: the days and how long, and for a charge programme that is
 * on while the charge mode ignores it, that it is not used. */
static char *
format_subtitle (CarportScheduleList *self,
                 CarportSchedule     *schedule)
{
  g_autofree char *days = format_days (carport_schedule_get_days (schedule));
  int duration = carport_schedule_get_duration_minutes (schedule);
  CarportChargeMode mode = carport_charge_settings_get_mode (carport_vehicle_get_charge_settings (self->vehicle));
  g_autofree char *text = NULL;

  if (duration > 0)
    {
      g_autofree char *length = carport_format_duration_minutes (duration);
      /* Translators: days and length of a schedule, e.g. "Weekdays, for 2 h 30 min" */
      text = g_strdup_printf (_("%s, for %s"), days, length);
    }
  else
    text = g_steal_pointer (&days);

  if (!self->climate && mode == CARPORT_CHARGE_MODE_ALWAYS && carport_schedule_get_activated (schedule))
    {
      g_autofree char *note = g_strdup_printf (_("Not used while the charge mode is %s"),
                                               carport_format_charge_mode (mode));
      return g_strdup_printf ("%s\n%s", text, note);
    }
  return g_steal_pointer (&text);
}

static gboolean
schedule_ignored (CarportScheduleList *self,
                  CarportSchedule     *schedule)
{
  return !self->climate && carport_schedule_get_activated (schedule) &&
         carport_charge_settings_get_mode (carport_vehicle_get_charge_settings (self->vehicle)) == CARPORT_CHARGE_MODE_ALWAYS;
}

/* Does the car report @schedule's programme as several groups of days
 * (one row each)? */
static gboolean
is_split (CarportScheduleList *self,
          CarportSchedule     *schedule)
{
  GListModel *schedules = all_schedules (self);
  guint groups = 0;

  for (guint i = 0; i < g_list_model_get_n_items (schedules); i++)
    {
      g_autoptr(CarportSchedule) other = g_list_model_get_item (schedules, i);

      if (carport_schedule_get_id (other) == carport_schedule_get_id (schedule) &&
          carport_schedule_is_climate (other) == carport_schedule_is_climate (schedule) &&
          carport_schedule_is_set_up (other))
        groups++;
    }
  return groups > 1;
}

static void send_edit (CarportScheduleList *self, CarportSchedule *changes, CarportScheduleEditAction action);

/* The switch turns programme @id on or off at once. */
static void
switch_active_cb (GtkSwitch           *toggle,
                  GParamSpec          *pspec,
                  CarportScheduleList *self)
{
  CarportSchedule *schedule = g_object_get_data (G_OBJECT (toggle), "schedule");

  if (self->syncing)
    return;
  send_edit (self, schedule, gtk_switch_get_active (toggle) ? CARPORT_SCHEDULE_EDIT_ENABLE
                                                            : CARPORT_SCHEDULE_EDIT_DISABLE);
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  CarportScheduleList *self = CARPORT_SCHEDULE_LIST (user_data);
  /* Programmes stored in UTC are shown in local time. */
  g_autoptr(CarportSchedule) schedule = carport_schedule_convert (CARPORT_SCHEDULE (item), FALSE, NULL);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *toggle = gtk_switch_new ();
  const char *time = carport_schedule_get_start_time (schedule) ? carport_schedule_get_start_time (schedule) : "—";
  g_autofree char *title = NULL;
  g_autofree char *subtitle = format_subtitle (self, schedule);
  g_autofree char *name = NULL;
  const char *kind;
  const char *reason = obstacle (self);

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
      /* Translators: the name of a charge programme, a noun ("Charge · 23:30") */
      kind = C_("programme", "Charge");
      break;
    }

  /* Translators: a schedule, e.g. "Charge · 23:30" */
  title = g_strdup_printf (_("%s · %s"), kind, time);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (schedule_ignored (self, schedule))
    gtk_widget_add_css_class (row, "dim-label");
  g_object_set_data_full (G_OBJECT (row), "schedule", g_object_ref (item), g_object_unref);

  if (is_split (self, CARPORT_SCHEDULE (item)))
    {
      g_autofree char *days = format_days (carport_schedule_get_days (schedule));

      /* Translators: the accessible name of the on/off switch of one group
       * of days of a programme, e.g. "Programme 2 (Sat, Sun) on" */
      name = g_strdup_printf (_("Programme %d (%s) on"), carport_schedule_get_id (schedule), days);
    }
  else
    /* Translators: the accessible name of a programme's on/off switch */
    name = g_strdup_printf (_("Programme %d on"), carport_schedule_get_id (schedule));
  gtk_accessible_update_property (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  gtk_switch_set_active (GTK_SWITCH (toggle), carport_schedule_get_activated (schedule));
  gtk_widget_set_sensitive (toggle, reason == NULL);
  gtk_widget_set_tooltip_text (toggle, reason);
  g_object_set_data_full (G_OBJECT (toggle), "schedule", g_object_ref (item), g_object_unref);
  g_object_set_data (G_OBJECT (row), "switch", toggle);
  g_signal_connect_object (toggle, "notify::active", G_CALLBACK (switch_active_cb), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);

  /* A click opens the editor when the car can be told. */
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), reason == NULL);
  return row;
}

/* Programmes of the list's kind that are set up: the car reports its
 * empty slots too. */
static gboolean
schedule_shown (gpointer item,
                gpointer user_data)
{
  CarportScheduleList *self = CARPORT_SCHEDULE_LIST (user_data);

  return carport_schedule_is_climate (item) == self->climate && carport_schedule_is_set_up (item);
}

/* What shows: the list for a car that reports programmes of its kind, the
 * rows or that there are none, Add while a slot is free. */
static void
sync_shown (CarportScheduleList *self)
{
  guint readable = self->vehicle ? carport_vehicle_get_readable_endpoints (self->vehicle) : 0;
  gboolean shown = (readable & (self->climate ? CLIMATE_ENDPOINTS : CHARGE_ENDPOINTS)) != 0;
  guint n = self->schedules ? g_list_model_get_n_items (self->schedules) : 0;
  gboolean offered = self->vehicle && carport_vehicle_supports_command (self->vehicle, command_kind (self));
  const char *reason = obstacle (self);

  gtk_widget_set_visible (GTK_WIDGET (self), shown);
  gtk_widget_set_visible (GTK_WIDGET (self->list), n > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->empty_label), n == 0);
  gtk_widget_set_visible (self->add_button,
                          offered && carport_schedules_free_id (all_schedules (self), self->climate) != 0);
  gtk_widget_set_sensitive (self->add_button, reason == NULL);
  gtk_widget_set_tooltip_text (self->add_button, reason);
}

/* The rows made again: they follow the charge mode. */
static void
rebuild (CarportScheduleList *self)
{
  gtk_list_box_bind_model (self->list, self->schedules, self->schedules ? create_row : NULL, self, NULL);
  sync_shown (self);
}

/* The switches and rows can be used when nothing stands in the way; with
 * @revert, the switches show the car's state again (a change failed). The
 * rows stay: this runs from a switch's own signal. */
static void
sync_rows (CarportScheduleList *self,
           gboolean             revert)
{
  const char *reason = obstacle (self);

  self->syncing = TRUE;
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->list)); row;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *toggle = g_object_get_data (G_OBJECT (row), "switch");
      CarportSchedule *schedule = g_object_get_data (G_OBJECT (row), "schedule");

      if (toggle == NULL || schedule == NULL)
        continue;
      if (revert)
        gtk_switch_set_active (GTK_SWITCH (toggle), carport_schedule_get_activated (schedule));
      gtk_widget_set_sensitive (toggle, reason == NULL);
      gtk_widget_set_tooltip_text (toggle, reason);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), reason == NULL);
    }
  self->syncing = FALSE;
  sync_shown (self);
}

static void
obstacle_changed_cb (CarportScheduleList *self)
{
  sync_rows (self, FALSE);
}

/* The programmes of the list's kind with @changes made as @action says,
 * sent; an edit the car would refuse is told in a toast. */
static void
send_edit (CarportScheduleList       *self,
           CarportSchedule           *changes,
           CarportScheduleEditAction  action)
{
  g_autoptr(GListStore) schedules = NULL;
  g_autoptr(CarportCommand) command = NULL;
  g_autoptr(GError) error = NULL;

  if (self->vehicle == NULL || obstacle (self) != NULL)
    {
      sync_rows (self, TRUE);
      return;
    }
  schedules = carport_schedule_edit (all_schedules (self), changes, action, NULL, &error);
  if (schedules == NULL)
    {
      carport_command_runner_add_toast (self->runner, error->message);
      sync_rows (self, TRUE);  /* the switch goes back */
      return;
    }
  command = carport_command_runner_create (self->runner, command_kind (self));
  if (command != NULL)
    {
      carport_command_set_schedules (command, G_LIST_MODEL (schedules));
      g_set_object (&self->command, command);
      carport_command_runner_send (self->runner, command);
    }
  sync_rows (self, command == NULL);
}

static void
dialog_response_cb (CarportScheduleDialog *dialog,
                    const char            *response,
                    gpointer               user_data)
{
  CarportScheduleList *self = CARPORT_SCHEDULE_LIST (user_data);
  g_autoptr(CarportSchedule) changes = carport_schedule_new ();

  carport_schedule_dialog_apply (dialog, changes);
  if (g_str_equal (response, "save"))
    send_edit (self, changes, CARPORT_SCHEDULE_EDIT_SET);
  else if (g_str_equal (response, "delete"))
    send_edit (self, changes, CARPORT_SCHEDULE_EDIT_DELETE);
}

/* The editor for @schedule (in the car's form), or a new programme. */
static void
open_editor (CarportScheduleList *self,
             CarportSchedule     *schedule,
             gboolean             is_new)
{
  g_autoptr(CarportSchedule) local = carport_schedule_convert (schedule, FALSE, NULL);
  GtkWidget *dialog;

  dialog = carport_schedule_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), local, is_new,
                                        carport_schedules_have_duration (all_schedules (self)));
  g_signal_connect_object (dialog, "response", G_CALLBACK (dialog_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
row_activated_cb (CarportScheduleList *self,
                  GtkListBoxRow       *row)
{
  open_editor (self, g_object_get_data (G_OBJECT (row), "schedule"), FALSE);
}

static void
add_clicked_cb (CarportScheduleList *self)
{
  g_autoptr(CarportSchedule) schedule = carport_schedule_new ();
  int id;

  if (self->vehicle == NULL || (id = carport_schedules_free_id (all_schedules (self), self->climate)) == 0)
    return;
  carport_schedule_set_id (schedule, id);
  carport_schedule_set_kind (schedule, self->climate ? CARPORT_SCHEDULE_KIND_CLIMATE : CARPORT_SCHEDULE_KIND_CHARGE);
  open_editor (self, schedule, TRUE);
}

static void
command_finished_cb (CarportScheduleList *self,
                     CarportCommand      *command)
{
  gboolean failed = carport_command_get_state (command) != CARPORT_COMMAND_STATE_COMPLETED;

  if (command != self->command)
    return;
  g_clear_object (&self->command);
  sync_rows (self, failed);
}

/* A change already under way for the car (sent before it was shown last)
 * keeps the list busy. */
static void
find_command (CarportScheduleList *self)
{
  CarportCommand *command = NULL;

  if (self->session && self->vehicle)
    command = carport_session_get_command_in_flight (self->session, self->vehicle, command_kind (self));
  g_set_object (&self->command, command);
  rebuild (self);
}

static void
disconnect_vehicle (CarportScheduleList *self)
{
  if (self->schedules)
    g_signal_handlers_disconnect_by_func (self->schedules, sync_shown, self);
  g_clear_object (&self->schedules);
  if (self->vehicle)
    {
      g_signal_handlers_disconnect_by_func (self->vehicle, sync_shown, self);
      g_signal_handlers_disconnect_by_func (self->vehicle, obstacle_changed_cb, self);
      g_signal_handlers_disconnect_by_func (carport_vehicle_get_charge_settings (self->vehicle), rebuild, self);
    }
}

static void
carport_schedule_list_dispose (GObject *object)
{
  CarportScheduleList *self = CARPORT_SCHEDULE_LIST (object);

  disconnect_vehicle (self);
  if (self->list)
    gtk_list_box_bind_model (self->list, NULL, NULL, NULL, NULL);
  if (self->runner)
    g_signal_handlers_disconnect_by_data (self->runner, self);
  g_clear_object (&self->runner);
  g_clear_object (&self->command);
  g_clear_object (&self->vehicle);
  g_clear_object (&self->session);
  gtk_widget_dispose_template (GTK_WIDGET (self), CARPORT_TYPE_SCHEDULE_LIST);

  G_OBJECT_CLASS (carport_schedule_list_parent_class)->dispose (object);
}

static void
carport_schedule_list_constructed (GObject *object)
{
  CarportScheduleList *self = CARPORT_SCHEDULE_LIST (object);

  G_OBJECT_CLASS (carport_schedule_list_parent_class)->constructed (object);

  gtk_label_set_label (self->heading, self->climate ? _("Climate Programmes") : _("Charge Programmes"));
  gtk_label_set_label (self->empty_label, self->climate ? _("No climate programmes set up")
                                                        : _("No charge programmes set up"));
  rebuild (self);
}

static void
carport_schedule_list_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  CarportScheduleList *self = CARPORT_SCHEDULE_LIST (object);

  switch (prop_id)
    {
    case PROP_CLIMATE:
      g_value_set_boolean (value, self->climate);
      break;
    case PROP_VEHICLE:
      g_value_set_object (value, self->vehicle);
      break;
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carport_schedule_list_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  CarportScheduleList *self = CARPORT_SCHEDULE_LIST (object);

  switch (prop_id)
    {
    case PROP_CLIMATE:
      self->climate = g_value_get_boolean (value);
      break;
    case PROP_VEHICLE:
      carport_schedule_list_set_vehicle (self, g_value_get_object (value));
      break;
    case PROP_SESSION:
      carport_schedule_list_set_session (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carport_schedule_list_class_init (CarportScheduleListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = carport_schedule_list_constructed;
  object_class->dispose = carport_schedule_list_dispose;
  object_class->get_property = carport_schedule_list_get_property;
  object_class->set_property = carport_schedule_list_set_property;

  properties[PROP_CLIMATE] =
    g_param_spec_boolean ("climate", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_VEHICLE] =
    g_param_spec_object ("vehicle", NULL, NULL, CARPORT_TYPE_VEHICLE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, CARPORT_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/carport/Carport/widgets/carport-schedule-list.ui");
  gtk_widget_class_bind_template_child (widget_class, CarportScheduleList, heading);
  gtk_widget_class_bind_template_child (widget_class, CarportScheduleList, list);
  gtk_widget_class_bind_template_child (widget_class, CarportScheduleList, empty_label);
  gtk_widget_class_bind_template_child (widget_class, CarportScheduleList, add_button);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_clicked_cb);
}

static void
carport_schedule_list_init (CarportScheduleList *self)
{
  self->runner = carport_command_runner_new (GTK_WIDGET (self));
  g_signal_connect_swapped (self->runner, "finished", G_CALLBACK (command_finished_cb), self);
  g_signal_connect_swapped (self->runner, "notify::login-obstacle", G_CALLBACK (obstacle_changed_cb), self);
  gtk_widget_init_template (GTK_WIDGET (self));
}

CarportVehicle *
carport_schedule_list_get_vehicle (CarportScheduleList *self)
{
  g_return_val_if_fail (CARPORT_IS_SCHEDULE_LIST (self), NULL);
  return self->vehicle;
}

void
carport_schedule_list_set_vehicle (CarportScheduleList *self,
                                   CarportVehicle      *vehicle)
{
  g_return_if_fail (CARPORT_IS_SCHEDULE_LIST (self));
  g_return_if_fail (vehicle == NULL || CARPORT_IS_VEHICLE (vehicle));

  if (self->vehicle == vehicle)
    return;

  disconnect_vehicle (self);
  g_set_object (&self->vehicle, vehicle);
  carport_command_runner_set_vehicle (self->runner, vehicle);
  if (vehicle)
    {
      CarportChargeSettings *settings = carport_vehicle_get_charge_settings (vehicle);
      GtkCustomFilter *filter = gtk_custom_filter_new (schedule_shown, self, NULL);

      self->schedules = G_LIST_MODEL (gtk_filter_list_model_new (g_object_ref (all_schedules (self)),
                                                                 GTK_FILTER (filter)));
      g_signal_connect_swapped (self->schedules, "items-changed", G_CALLBACK (sync_shown), self);
      g_signal_connect_swapped (vehicle, "notify::readable-endpoints", G_CALLBACK (sync_shown), self);
      g_signal_connect_swapped (vehicle, "notify::supported-commands", G_CALLBACK (obstacle_changed_cb), self);
      g_signal_connect_swapped (settings, "notify::mode", G_CALLBACK (rebuild), self);
    }
  find_command (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VEHICLE]);
}

CarportSession *
carport_schedule_list_get_session (CarportScheduleList *self)
{
  g_return_val_if_fail (CARPORT_IS_SCHEDULE_LIST (self), NULL);
  return self->session;
}

void
carport_schedule_list_set_session (CarportScheduleList *self,
                                   CarportSession      *session)
{
  g_return_if_fail (CARPORT_IS_SCHEDULE_LIST (self));
  g_return_if_fail (session == NULL || CARPORT_IS_SESSION (session));

  if (!g_set_object (&self->session, session))
    return;
  carport_command_runner_set_session (self->runner, session);
  find_command (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}
