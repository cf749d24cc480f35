/* carport-schedule-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "carport-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "carport-schedule-dialog.h"

/* What a new charge programme lasts, and the least one can (the brands'). */
#define DEFAULT_DURATION_MINUTES 120
#define MIN_DURATION_MINUTES     15
/* When a new programme starts or has the car ready. */
#define DEFAULT_CHARGE_START "01:00"
#define DEFAULT_READY_AT     "07:30"

struct _CarportScheduleDialog
{
  AdwMessageDialog  parent_instance;

  /* Template widgets */
  GtkBox           *days_box;
  AdwActionRow     *time_row;
  GtkSpinButton    *hour_spin;
  GtkSpinButton    *minute_spin;
  GtkWidget        *duration_row;
  GtkSpinButton    *duration_spin;
  GtkLabel         *reason_label;

  /* Owned */
  CarportSchedule  *schedule;
  gboolean          is_new;
  gboolean          has_duration;

  GtkToggleButton  *day_buttons[CARPORT_N_WEEKDAYS];
};

G_DEFINE_FINAL_TYPE (CarportScheduleDialog, carport_schedule_dialog, ADW_TYPE_MESSAGE_DIALOG)

enum {
  PROP_0,
  PROP_SCHEDULE,
  PROP_IS_NEW,
  PROP_HAS_DURATION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
is_climate (CarportScheduleDialog *self)
{
  return carport_schedule_is_climate (self->schedule);
}

static guint
chosen_days (CarportScheduleDialog *self)
{
  guint days = 0;

  for (guint d = 0; d < CARPORT_N_WEEKDAYS; d++)
    if (gtk_toggle_button_get_active (self->day_buttons[d]))
      days |= 1u << d;
  return days;
}

static int
chosen_duration (CarportScheduleDialog *self)
{
  gtk_spin_button_update (self->duration_spin);
  return gtk_spin_button_get_value_as_int (self->duration_spin);
}

/* Save only what the car can run, and say why not. */
static void
validate (CarportScheduleDialog *self)
{
  const char *reason = NULL;

  if (self->day_buttons[0] == NULL)
    return;  /* still being built */
  if (chosen_days (self) == 0)
    reason = _("Choose at least one day.");
  else if (self->has_duration && !is_climate (self) && chosen_duration (self) < MIN_DURATION_MINUTES)
    reason = _("A charge lasts 15 minutes at least.");

  gtk_label_set_label (self->reason_label, reason);
  gtk_widget_set_visible (GTK_WIDGET (self->reason_label), reason != NULL);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "save", reason == NULL);
}

static void
set_days (CarportScheduleDialog *self, guint days)
{
  for (guint d = 0; d < CARPORT_N_WEEKDAYS; d++)
    gtk_toggle_button_set_active (self->day_buttons[d], (days & (1u << d)) != 0);
  validate (self);
}

static void
weekdays_clicked_cb (CarportScheduleDialog *self)
{
  set_days (self, 0x1f);
}

static void
every_day_clicked_cb (CarportScheduleDialog *self)
{
  set_days (self, 0x7f);
}

/* "7" shows as "07", as on a clock. */
static gboolean
two_digits_output_cb (GtkSpinButton *spin, gpointer user_data)
{
  g_autofree char *text = g_strdup_printf ("%02d", gtk_spin_button_get_value_as_int (spin));

  gtk_editable_set_text (GTK_EDITABLE (spin), text);
  return TRUE;
}

/* The duration as hours and minutes ("7 h 00"), not bare minutes. */
static gboolean
duration_output_cb (GtkSpinButton *spin, gpointer user_data)
{
  int minutes = gtk_spin_button_get_value_as_int (spin);
  /* Translators: a programme's duration in a spin button, hours and minutes: "7 h 00" */
  g_autofree char *text = g_strdup_printf (_("%d h %02d"), minutes / 60, minutes % 60);

  gtk_editable_set_text (GTK_EDITABLE (spin), text);
  return TRUE;
}

/* What is typed: "7 h 30" or "7:30" (hours and minutes), or "450" (minutes). */
static int
duration_input_cb (GtkSpinButton *spin, double *new_value, gpointer user_data)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (spin));
  guint64 first, second = 0;
  char *end;

  while (g_ascii_isspace (*text))
    text++;
  if (!g_ascii_isdigit (*text))
    return GTK_INPUT_ERROR;
  first = g_ascii_strtoull (text, &end, 10);
  while (g_ascii_isspace (*end))
    end++;
  if (*end == '\0')
    {
      *new_value = (double) MIN (first, G_MAXINT);
      return TRUE;
    }
  while (*end != '\0' && !g_ascii_isdigit (*end))
    end++;
  if (*end != '\0')
    second = g_ascii_strtoull (end, NULL, 10);
  if (first > 24 || second > 59)
    return GTK_INPUT_ERROR;
  *new_value = (double) (first * 60 + second);
  return TRUE;
}

/* One toggle a day, its short name shown and its full name read out
 * (2024-01-01 was a Monday). */
static void
add_day_buttons (CarportScheduleDialog *self)
{
  g_autoptr(GDateTime) monday = g_date_time_new_local (2024, 1, 1, 12, 0, 0);

  for (guint d = 0; d < CARPORT_N_WEEKDAYS; d++)
    {
      g_autoptr(GDateTime) day = g_date_time_add_days (monday, (int) d);
      g_autofree char *short_name = g_date_time_format (day, "%a");
      g_autofree char *name = g_date_time_format (day, "%A");
      GtkWidget *button = gtk_toggle_button_new_with_label (short_name);

      gtk_widget_add_css_class (button, "circular");
      gtk_widget_set_tooltip_text (button, name);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      g_signal_connect_swapped (button, "toggled", G_CALLBACK (validate), self);
      gtk_box_append (self->days_box, button);
      self->day_buttons[d] = GTK_TOGGLE_BUTTON (button);
    }
}

static void
carport_schedule_dialog_constructed (GObject *object)
{
  CarportScheduleDialog *self = CARPORT_SCHEDULE_DIALOG (object);
  gboolean climate = is_climate (self);
  const char *time = carport_schedule_get_start_time (self->schedule);
  int duration = carport_schedule_get_duration_minutes (self->schedule);
  int id = carport_schedule_get_id (self->schedule);
  int hours = 0, minutes = 0;
  g_autofree char *heading = NULL;

  G_OBJECT_CLASS (carport_schedule_dialog_parent_class)->constructed (object);

  if (self->is_new)
    heading = g_strdup (climate ? _("New Climate Programme") : _("New Charge Programme"));
  else
    heading = g_strdup_printf (climate ? _("Climate Programme %d") : _("Charge Programme %d"), id);
  adw_message_dialog_set_heading (ADW_MESSAGE_DIALOG (self), heading);
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self),
                               climate ? _("The car is warm or cool by this time on the days chosen.")
                                       : _("The car charges from this time on the days chosen, while the charge mode is Scheduled."));
  if (!self->is_new)
    {
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (self), "delete", _("_Delete Programme"));
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (self), "delete", ADW_RESPONSE_DESTRUCTIVE);
    }

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->time_row), climate ? _("Ready At") : _("Start Time"));
  if (time == NULL || !carport_parse_clock (time, &hours, &minutes))
    carport_parse_clock (climate ? DEFAULT_READY_AT : DEFAULT_CHARGE_START, &hours, &minutes);
  gtk_spin_button_set_value (self->hour_spin, hours);
  gtk_spin_button_set_value (self->minute_spin, minutes);

  gtk_widget_set_visible (self->duration_row, self->has_duration && !climate);
  gtk_spin_button_set_value (self->duration_spin, duration > 0 ? duration : DEFAULT_DURATION_MINUTES);

  /* Enter in a field saves, as anywhere else in the dialog (GTK 4.8's
   * spin buttons have no activates-default of their own). */
  for (GtkSpinButton **spin = (GtkSpinButton *[]) { self->hour_spin, self->minute_spin, self->duration_spin, NULL };
       *spin; spin++)
    g_object_set (gtk_editable_get_delegate (GTK_EDITABLE (*spin)), "activates-default", TRUE, NULL);

  add_day_buttons (self);
  set_days (self, self->is_new ? 0x1f : carport_schedule_get_days (self->schedule));
}

static void
carport_schedule_dialog_dispose (GObject *object)
{
  CarportScheduleDialog *self = CARPORT_SCHEDULE_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CARPORT_TYPE_SCHEDULE_DIALOG);
  g_clear_object (&self->schedule);

  G_OBJECT_CLASS (carport_schedule_dialog_parent_class)->dispose (object);
}

static void
carport_schedule_dialog_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  CarportScheduleDialog *self = CARPORT_SCHEDULE_DIALOG (object);

  switch (prop_id)
    {
    case PROP_SCHEDULE:
      g_value_set_object (value, self->schedule);
      break;
    case PROP_IS_NEW:
      g_value_set_boolean (value, self->is_new);
      break;
    case PROP_HAS_DURATION:
      g_value_set_boolean (value, self->has_duration);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carport_schedule_dialog_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  CarportScheduleDialog *self = CARPORT_SCHEDULE_DIALOG (object);

  switch (prop_id)
    {
    case PROP_SCHEDULE:
      self->schedule = carport_schedule_copy (g_value_get_object (value));
      break;
    case PROP_IS_NEW:
      self->is_new = g_value_get_boolean (value);
      break;
    case PROP_HAS_DURATION:
      self->has_duration = g_value_get_boolean (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carport_schedule_dialog_class_init (CarportScheduleDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = carport_schedule_dialog_constructed;
  object_class->dispose = carport_schedule_dialog_dispose;
  object_class->get_property = carport_schedule_dialog_get_property;
  object_class->set_property = carport_schedule_dialog_set_property;

  properties[PROP_SCHEDULE] =
    g_param_spec_object ("schedule", NULL, NULL, CARPORT_TYPE_SCHEDULE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_IS_NEW] =
    g_param_spec_boolean ("is-new", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HAS_DURATION] =
    g_param_spec_boolean ("has-duration", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/carport/Carport/dialogs/carport-schedule-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CarportScheduleDialog, days_box);
  gtk_widget_class_bind_template_child (widget_class, CarportScheduleDialog, time_row);
  gtk_widget_class_bind_template_child (widget_class, CarportScheduleDialog, hour_spin);
  gtk_widget_class_bind_template_child (widget_class, CarportScheduleDialog, minute_spin);
  gtk_widget_class_bind_template_child (widget_class, CarportScheduleDialog, duration_row);
  gtk_widget_class_bind_template_child (widget_class, CarportScheduleDialog, duration_spin);
  gtk_widget_class_bind_template_child (widget_class, CarportScheduleDialog, reason_label);
  gtk_widget_class_bind_template_callback (widget_class, validate);
  gtk_widget_class_bind_template_callback (widget_class, weekdays_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, every_day_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, two_digits_output_cb);
  gtk_widget_class_bind_template_callback (widget_class, duration_output_cb);
  gtk_widget_class_bind_template_callback (widget_class, duration_input_cb);
}

static void
carport_schedule_dialog_init (CarportScheduleDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
carport_schedule_dialog_new (GtkWindow       *parent,
                             CarportSchedule *schedule,
                             gboolean         is_new,
                             gboolean         has_duration)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (CARPORT_IS_SCHEDULE (schedule), NULL);

  return g_object_new (CARPORT_TYPE_SCHEDULE_DIALOG,
                       "transient-for", parent,
                       "modal", TRUE,
                       "schedule", schedule,
                       "is-new", is_new,
                       "has-duration", has_duration,
                       NULL);
}

void
carport_schedule_dialog_apply (CarportScheduleDialog *self,
                               CarportSchedule       *changes)
{
  g_autofree char *time = NULL;

  g_return_if_fail (CARPORT_IS_SCHEDULE_DIALOG (self));
  g_return_if_fail (CARPORT_IS_SCHEDULE (changes));

  /* What was typed counts, even without leaving the field. */
  gtk_spin_button_update (self->hour_spin);
  gtk_spin_button_update (self->minute_spin);
  time = g_strdup_printf ("%02d:%02d", gtk_spin_button_get_value_as_int (self->hour_spin),
                          gtk_spin_button_get_value_as_int (self->minute_spin));

  carport_schedule_set_id (changes, carport_schedule_get_id (self->schedule));
  carport_schedule_set_kind (changes, carport_schedule_get_kind (self->schedule));
  carport_schedule_set_days (changes, chosen_days (self));
  carport_schedule_set_start_time (changes, time);
  carport_schedule_set_start_time_is_utc (changes, FALSE);
  carport_schedule_set_duration_minutes (changes, self->has_duration && !is_climate (self) ? chosen_duration (self) : -1);
}
