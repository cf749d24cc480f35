/* carport-history-page.c
 *
 * The page reads once a month of readings from the session's history store,
 * the charging sessions and climate runs (the cloud's, else those the
 * readings show) and the cloud's charge history per day and month (where the
 * car reports it), then draws the period the toggle picks from them. */
#define G_LOG_DOMAIN "carport-gui"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "carport-api-error.h"
#include "carport-chart.h"
#include "carport-history.h"
#include "carport-history-page.h"

#define SECONDS_PER_DAY 86400
#define MONTH_DAYS 30
#define YEAR_MONTHS 12

struct _CarportHistoryPage
{
  AdwBin parent_instance;

  CarportSession *session;
  CarportVehicle *vehicle;
  GCancellable   *cancellable;
  GArray         *readings;        /* CarportReading, the last month; nullable until read */
  GPtrArray      *charges;         /* CarportChargeSession; nullable until read */
  gboolean        charges_reported;
  GArray         *climate;         /* CarportClimateRun; nullable until read */
  GPtrArray      *charge_days;     /* CarportUsage per day; NULL when the car does not report them */
  GPtrArray      *charge_months;   /* CarportUsage per month; as charge_days */
  guint           pending;         /* reads under way */

  GtkStack       *stack;
  AdwStatusPage  *empty_page;
  GtkToggleButton *day_button;
  GtkToggleButton *week_button;
  GtkToggleButton *month_button;
  CarportChart   *battery_chart;
  CarportChart   *energy_chart;
  CarportChart   *mileage_chart;
  CarportChart   *climate_chart;
  GtkWidget      *charge_days_group;
  GtkWidget      *charge_months_group;
  CarportChart   *charge_days_chart;
  CarportChart   *charge_months_chart;
  GtkListBox     *sessions_list;
};

G_DEFINE_FINAL_TYPE (CarportHistoryPage, carport_history_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_VEHICLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static guint
period_days (CarportHistoryPage *self)
{
  if (gtk_toggle_button_get_active (self->day_button))
    return 1;
  if (gtk_toggle_button_get_active (self->month_button))
    return MONTH_DAYS;
  return 7;
}

static char *
format_day (gint64 seconds)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (seconds);

  /* Translators: a day under a bar of a chart, as strftime() writes it. */
  return g_date_time_format (when, _("%b %-d"));
}

static char *
format_time (gint64 seconds,
             guint  days)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (seconds);

  return g_date_time_format (when, days == 1 ? "%H:%M" : _("%b %-d"));
}

static void
show_battery (CarportHistoryPage *self,
              gint64              since,
              guint               days)
{
  g_autoptr(GArray) xs = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) ys = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *x_start = format_time (since, days);
  g_autofree char *x_end = format_time (g_get_real_time () / G_USEC_PER_SEC, days);
  g_autofree char *summary = NULL;

  for (guint i = 0; i < self->readings->len; i++)
    {
      CarportReading *reading = &g_array_index (self->readings, CarportReading, i);
      double x = reading->time;

      if (reading->kind != CARPORT_READING_BATTERY_LEVEL || reading->time < since)
        continue;
      g_array_append_val (xs, x);
      g_array_append_val (ys, reading->value);
    }
  carport_chart_set_line (self->battery_chart, (double *) xs->data, (double *) ys->data, ys->len,
                          0, 100, "%", x_start, x_end);
  if (ys->len == 0)
    summary = g_strdup (_("No battery level in this period"));
  else
    summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "Battery level from %d %% to %d %% over the last day",
                                            "Battery level from %d %% to %d %% over the last %u days", days),
                               (int) g_array_index (ys, double, 0), (int) g_array_index (ys, double, ys->len - 1),
                               days);
  carport_chart_set_summary (self->battery_chart, summary);
}

/* Per-day totals over the period (at least a week, so a day shows bars), or
 * per month (first_day unused). */
typedef struct {
  guint   n;
  gint64  first_day;           /* local midnight, Unix seconds */
  double *values;
  char  **labels;
} Days;

static void
days_init (Days  *days,
           guint  n)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) midnight = g_date_time_new_local (g_date_time_get_year (now), g_date_time_get_month (now),
                                                         g_date_time_get_day_of_month (now), 0, 0, 0);

  days->n = n;
  days->first_day = g_date_time_to_unix (midnight) - (gint64) (n - 1) * SECONDS_PER_DAY;
  days->values = g_new0 (double, n);
  days->labels = g_new0 (char *, n + 1);
  for (guint i = 0; i < n; i++)
    days->labels[i] = format_day (days->first_day + (gint64) i * SECONDS_PER_DAY + SECONDS_PER_DAY / 2);
}

static void
days_add (Days   *days,
          gint64  time,
          double  value)
{
  gint64 index = (time - days->first_day) / SECONDS_PER_DAY;

  if (time >= days->first_day && index < days->n)
    days->values[index] += value;
}

static double
days_total (Days *days)
{
  double total = 0;

  for (guint i = 0; i < days->n; i++)
    total += days->values[i];
  return total;
}

static void
days_show (Days         *days,
           CarportChart *chart,
           const char   *unit,
           char         *summary)
{
  carport_chart_set_bars (chart, days->values, (const char * const *) days->labels, days->n, unit);
  carport_chart_set_summary (chart, summary);
  g_free (summary);
  g_free (days->values);
  g_strfreev (days->labels);
}

static void
show_energy (CarportHistoryPage *self,
             guint               n_days)
{
  gboolean known = FALSE;
  Days days;

  for (guint i = 0; i < self->charges->len; i++)
    known |= carport_is_known (((CarportChargeSession *) g_ptr_array_index (self->charges, i))->energy_kwh);

  days_init (&days, n_days);
  for (guint i = 0; i < self->charges->len; i++)
    {
      CarportChargeSession *charge = g_ptr_array_index (self->charges, i);

      if (!charge->start)
        continue;
      if (known && carport_is_known (charge->energy_kwh))
        days_add (&days, g_date_time_to_unix (charge->start), charge->energy_kwh);
      else if (!known && charge->start_level_percent >= 0 && charge->end_level_percent >= 0)
        days_add (&days, g_date_time_to_unix (charge->start),
                  MAX (0, charge->end_level_percent - charge->start_level_percent));
    }
  days_show (&days, self->energy_chart, known ? "kWh" : "%",
             known ? g_strdup_printf (_("%.1f kWh charged over the last %u days"), days_total (&days), n_days)
                   : g_strdup_printf (_("%.0f %% of the battery charged over the last %u days"), days_total (&days), n_days));
}

static void
show_mileage (CarportHistoryPage *self,
              guint               n_days)
{
  double last = NAN;
  Days days;

  days_init (&days, n_days);
  for (guint i = 0; i < self->readings->len; i++)
    {
      CarportReading *reading = &g_array_index (self->readings, CarportReading, i);

      if (reading->kind != CARPORT_READING_ODOMETER)
        continue;
      if (carport_is_known (last) && reading->value > last)
        days_add (&days, reading->time, reading->value - last);
      last = reading->value;
    }
  days_show (&days, self->mileage_chart, "km",
             g_strdup_printf (_("%.0f km driven over the last %u days"), days_total (&days), n_days));
}

static void
show_climate (CarportHistoryPage *self,
              guint               n_days)
{
  Days days;

  days_init (&days, n_days);
  for (guint i = 0; i < self->climate->len; i++)
    {
      CarportClimateRun *run = &g_array_index (self->climate, CarportClimateRun, i);

      days_add (&days, run->start, (run->end - run->start) / 60.0);
    }
  days_show (&days, self->climate_chart, "min",
             g_strdup_printf (_("Climate control on for %.0f minutes over the last %u days"), days_total (&days), n_days));
}

/* The cloud's charge history: hours of charging per day over the period. */
static void
show_charge_days (CarportHistoryPage *self,
                  guint               n_days)
{
  Days days;

  gtk_widget_set_visible (self->charge_days_group, self->charge_days != NULL);
  if (!self->charge_days)
    return;

  days_init (&days, n_days);
  /* A day's summary starts at its midnight in UTC: its middle is that day here. */
  for (guint i = 0; i < self->charge_days->len; i++)
    {
      CarportUsage *day = g_ptr_array_index (self->charge_days, i);

      if (day->duration_minutes > 0)
        days_add (&days, g_date_time_to_unix (day->start) + SECONDS_PER_DAY / 2, day->duration_minutes / 60.0);
    }
  days_show (&days, self->charge_days_chart, "h",
             g_strdup_printf (_("%.1f hours of charging over the last %u days"), days_total (&days), n_days));
}

/* The same per month over the last year, this month last. */
static void
show_charge_months (CarportHistoryPage *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) this_month = g_date_time_new_local (g_date_time_get_year (now), g_date_time_get_month (now),
                                                           1, 0, 0, 0);
  g_autoptr(GDateTime) first_month = g_date_time_add_months (this_month, 1 - YEAR_MONTHS);
  int first = g_date_time_get_year (first_month) * 12 + g_date_time_get_month (first_month) - 1;
  int charges = 0;
  Days months;

  gtk_widget_set_visible (self->charge_months_group, self->charge_months != NULL);
  if (!self->charge_months)
    return;

  months = (Days) { YEAR_MONTHS, 0, g_new0 (double, YEAR_MONTHS), g_new0 (char *, YEAR_MONTHS + 1) };
  for (guint i = 0; i < YEAR_MONTHS; i++)
    {
      g_autoptr(GDateTime) month = g_date_time_add_months (first_month, (int) i);

      /* Translators: a month under a bar of a chart, as strftime() writes it. */
      months.labels[i] = g_date_time_format (month, _("%b"));
    }
  for (guint i = 0; i < self->charge_months->len; i++)
    {
      CarportUsage *month = g_ptr_array_index (self->charge_months, i);
      int index = g_date_time_get_year (month->start) * 12 + g_date_time_get_month (month->start) - 1 - first;

      if (index < 0 || index >= YEAR_MONTHS)
        continue;
      months.values[index] += MAX (0, month->duration_minutes) / 60.0;
      charges += MAX (0, month->count);
    }
  days_show (&months, self->charge_months_chart, "h",
             g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d charge over the last 12 months",
                                           "%d charges over the last 12 months", charges), charges));
}

static GtkWidget *
session_row (CarportChargeSession *charge)
{
  g_autoptr(GDateTime) local = charge->start ? g_date_time_to_local (charge->start) : NULL;
  g_autofree char *title = local ? g_date_time_format (local, "%x %H:%M") : g_strdup ("—");
  g_autofree char *energy = carport_format_energy (charge->energy_kwh);
  g_autofree char *duration = carport_format_duration_minutes (charge->duration_minutes);
  g_autofree char *from = carport_format_percent (charge->start_level_percent);
  g_autofree char *to = carport_format_percent (charge->end_level_percent);
  g_autofree char *power = carport_format_power (carport_charge_session_average_power_kw (charge));
  /* Translators: a charging session: energy · duration · start level → end level · average power. */
  g_autofree char *subtitle = g_strdup_printf (_("%s · %s · %s → %s · %s"), energy, duration, from, to, power);
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  return row;
}

static void
show_sessions (CarportHistoryPage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->sessions_list))))
    gtk_list_box_remove (self->sessions_list, child);

  /* Newest first. */
  for (guint i = self->charges->len; i > 0; i--)
    gtk_list_box_append (self->sessions_list, session_row (g_ptr_array_index (self->charges, i - 1)));
  if (self->charges->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     self->charges_reported ? _("No charging session in the last 30 days")
                                                            : _("This car does not report its charging sessions"));
      gtk_list_box_append (self->sessions_list, row);
    }
}

static void
show_history (CarportHistoryPage *self)
{
  guint days = period_days (self);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  if (self->pending > 0 || !self->readings || !self->charges || !self->climate)
    return;
  if (self->readings->len == 0 && self->charges->len == 0 && !self->charge_days)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }
  show_battery (self, now - (gint64) days * SECONDS_PER_DAY, days);
  show_energy (self, MAX (days, 7));
  show_mileage (self, MAX (days, 7));
  show_climate (self, MAX (days, 7));
  show_charge_days (self, MAX (days, 7));
  show_charge_months (self);
  show_sessions (self);
  gtk_stack_set_visible_child_name (self->stack, "history");
}

static void
readings_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(CarportHistoryPage) self = user_data;
  g_autoptr(GError) error = NULL;

  self->pending--;
  g_clear_pointer (&self->readings, g_array_unref);
  self->readings = carport_history_get_readings_finish (result, &error);
  if (!self->readings)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_message ("Could not read the car's history: %s", error->message);
      self->readings = g_array_new (FALSE, FALSE, sizeof (CarportReading));
    }
  show_history (self);
}

static void
charges_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(CarportHistoryPage) self = user_data;
  g_autoptr(GError) error = NULL;

  self->pending--;
  g_clear_pointer (&self->charges, g_ptr_array_unref);
  self->charges = carport_history_get_charges_finish (result, &self->charges_reported, &error);
  if (!self->charges)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* What the cloud could not say now is not "never". */
      g_message ("Could not read the charging sessions: %s", error->message);
      self->charges_reported = TRUE;
      self->charges = g_ptr_array_new ();
    }
  show_history (self);
}

static void
climate_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(CarportHistoryPage) self = user_data;
  g_autoptr(GError) error = NULL;

  self->pending--;
  g_clear_pointer (&self->climate, g_array_unref);
  self->climate = carport_history_get_climate_finish (result, NULL, &error);
  if (!self->climate)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_message ("Could not read the climate use: %s", error->message);
      self->climate = g_array_new (FALSE, FALSE, sizeof (CarportClimateRun));
    }
  show_history (self);
}

/* The charge history of @result; NULL when the car does not report it or
 * the cloud could not say now (*@cancelled when the page went away). */
static GPtrArray *
charge_history_finish (CarportHistoryPage *self,
                       GObject            *source,
                       GAsyncResult       *result,
                       gboolean           *cancelled)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *usage = carport_session_get_usage_finish (CARPORT_SESSION (source), result, &error);

  self->pending--;
  *cancelled = g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  if (error && !*cancelled && !g_error_matches (error, CARPORT_API_ERROR, CARPORT_API_ERROR_NOT_SUPPORTED))
    g_message ("Could not read the charge history: %s", error->message);
  return usage;
}

static void
charge_days_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(CarportHistoryPage) self = user_data;
  gboolean cancelled;

  g_clear_pointer (&self->charge_days, g_ptr_array_unref);
  self->charge_days = charge_history_finish (self, source, result, &cancelled);
  if (!cancelled)
    show_history (self);
}

static void
charge_months_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(CarportHistoryPage) self = user_data;
  gboolean cancelled;

  g_clear_pointer (&self->charge_months, g_ptr_array_unref);
  self->charge_months = charge_history_finish (self, source, result, &cancelled);
  if (!cancelled)
    show_history (self);
}

static void
load (CarportHistoryPage *self)
{
  g_autoptr(GDateTime) to = NULL;
  g_autoptr(GDateTime) from = NULL;
  g_autoptr(GDateTime) year_ago = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (!self->session || !self->vehicle)
    return;

  self->cancellable = g_cancellable_new ();
  self->pending = 5;
  gtk_stack_set_visible_child_name (self->stack, "loading");
  carport_history_get_readings_async (self->session, self->vehicle, now - MONTH_DAYS * SECONDS_PER_DAY, now,
                                      self->cancellable, readings_cb, g_object_ref (self));
  to = g_date_time_new_now_local ();
  from = g_date_time_add_days (to, -MONTH_DAYS);
  carport_history_get_charges_async (self->session, self->vehicle, from, to, self->cancellable, charges_cb,
                                     g_object_ref (self));
  carport_history_get_climate_async (self->session, self->vehicle, from, to, self->cancellable, climate_cb,
                                     g_object_ref (self));
  carport_session_get_usage_async (self->session, self->vehicle, CARPORT_USAGE_CHARGES, CARPORT_USAGE_PER_DAY,
                                   from, to, self->cancellable, charge_days_cb, g_object_ref (self));
  year_ago = g_date_time_add_months (to, 1 - YEAR_MONTHS);
  carport_session_get_usage_async (self->session, self->vehicle, CARPORT_USAGE_CHARGES, CARPORT_USAGE_PER_MONTH,
                                   year_ago, to, self->cancellable, charge_months_cb, g_object_ref (self));
}

/* Export */

static void
exported_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (carport_history_write_csv_finish (G_FILE (source), result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

void
carport_history_page_export_async (CarportHistoryPage  *self,
                                   GFile               *file,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GPtrArray) none = g_ptr_array_new ();
  g_autofree char *readings = NULL;
  g_autofree char *charges = NULL;
  g_autofree char *csv = NULL;

  g_return_if_fail (CARPORT_IS_HISTORY_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, carport_history_page_export_async);
  readings = self->readings ? carport_history_readings_csv (self->readings) : g_strdup ("");
  charges = carport_history_charges_csv (self->charges ? self->charges : none);
  /* Two tables, one after the other, a blank line between. */
  csv = g_strconcat (readings, "\r\n", charges, NULL);
  carport_history_write_csv_async (file, csv, cancellable, exported_cb, g_steal_pointer (&task));
}

gboolean
carport_history_page_export_finish (CarportHistoryPage  *self,
                                    GAsyncResult        *result,
                                    GError             **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
export_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  CarportHistoryPage *self = CARPORT_HISTORY_PAGE (source);

  if (!carport_history_page_export_finish (self, result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      AdwToastOverlay *overlay = ADW_TOAST_OVERLAY (gtk_widget_get_ancestor (GTK_WIDGET (self),
                                                                            ADW_TYPE_TOAST_OVERLAY));

      if (overlay)
        adw_toast_overlay_add_toast (overlay, adw_toast_new (error->message));
      else
        g_message ("%s", error->message);
    }
}

static void
file_chosen_cb (GtkNativeDialog *dialog,
                int              response,
                gpointer         user_data)
{
  CarportHistoryPage *self = user_data;
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  if (file)
    carport_history_page_export_async (self, file, self->cancellable, export_done_cb, NULL);
  g_object_unref (dialog);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CarportHistoryPage *self = CARPORT_HISTORY_PAGE (widget);
  GtkFileChooserNative *dialog;
  g_autofree char *name = g_strdup_printf ("%s.csv", carport_vehicle_get_display_name (self->vehicle));

  dialog = gtk_file_chooser_native_new (_("Export the History"), GTK_WINDOW (gtk_widget_get_root (widget)),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  g_signal_connect_object (dialog, "response", G_CALLBACK (file_chosen_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* GObject */

static void
period_toggled_cb (CarportHistoryPage *self)
{
  show_history (self);
}

static void
carport_history_page_dispose (GObject *object)
{
  CarportHistoryPage *self = CARPORT_HISTORY_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->session);
  g_clear_object (&self->vehicle);
  g_clear_pointer (&self->readings, g_array_unref);
  g_clear_pointer (&self->charges, g_ptr_array_unref);
  g_clear_pointer (&self->climate, g_array_unref);
  g_clear_pointer (&self->charge_days, g_ptr_array_unref);
  g_clear_pointer (&self->charge_months, g_ptr_array_unref);
  /* AdwBin would unparent its child again after the template dropped it. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CARPORT_TYPE_HISTORY_PAGE);

  G_OBJECT_CLASS (carport_history_page_parent_class)->dispose (object);
}

static void
carport_history_page_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  CarportHistoryPage *self = CARPORT_HISTORY_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_VEHICLE:
      g_value_set_object (value, self->vehicle);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carport_history_page_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  CarportHistoryPage *self = CARPORT_HISTORY_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      if (g_set_object (&self->session, g_value_get_object (value)))
        {
          load (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_VEHICLE:
      if (g_set_object (&self->vehicle, g_value_get_object (value)))
        {
          load (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carport_history_page_class_init (CarportHistoryPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = carport_history_page_dispose;
  object_class->get_property = carport_history_page_get_property;
  object_class->set_property = carport_history_page_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, CARPORT_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_VEHICLE] =
    g_param_spec_object ("vehicle", NULL, NULL, CARPORT_TYPE_VEHICLE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (CARPORT_TYPE_CHART);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/carport/Carport/pages/carport-history-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CarportHistoryPage, stack);
  gtk_widget_class_bind_template_child (widget_class, CarportHistoryPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, CarportHistoryPage, day_button);
  gtk_widget_class_bind_template_child (widget_class, CarportHistoryPage, week_button);
  gtk_widget_class_bind_template_child (widget_class, CarportHistoryPage, month_button);
  gtk_widget_class_bind_template_child (widget_class, CarportHistoryPage, battery_chart);
  gtk_widget_class_bind_template_child (widget_class, CarportHistoryPage, energy_chart);
  gtk_widget_class_bind_template_child (widget_class, CarportHistoryPage, mileage_chart);
  gtk_widget_class_bind_template_child (widget_class, CarportHistoryPage, climate_chart);
  gtk_widget_class_bind_template_child (widget_class, CarportHistoryPage, charge_days_group);
  gtk_widget_class_bind_template_child (widget_class, CarportHistoryPage, charge_months_group);
  gtk_widget_class_bind_template_child (widget_class, CarportHistoryPage, charge_days_chart);
  gtk_widget_class_bind_template_child (widget_class, CarportHistoryPage, charge_months_chart);
  gtk_widget_class_bind_template_child (widget_class, CarportHistoryPage, sessions_list);
  gtk_widget_class_install_action (widget_class, "history.export", NULL, export_action);
}

static void
carport_history_page_init (CarportHistoryPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_swapped (self->day_button, "toggled", G_CALLBACK (period_toggled_cb), self);
  g_signal_connect_swapped (self->week_button, "toggled", G_CALLBACK (period_toggled_cb), self);
  g_signal_connect_swapped (self->month_button, "toggled", G_CALLBACK (period_toggled_cb), self);
}

GtkWidget *
carport_history_page_new (CarportSession *session,
                          CarportVehicle *vehicle)
{
  return g_object_new (CARPORT_TYPE_HISTORY_PAGE, "session", session, "vehicle", vehicle, NULL);
}

GtkWidget *
carport_history_page_new_window (GtkWindow      *parent,
                                 CarportSession *session,
                                 CarportVehicle *vehicle)
{
  GtkWidget *window = adw_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *overlay = adw_toast_overlay_new ();
  /* Translators: the title of a car's History window; %s is the car's name. */
  g_autofree char *title = g_strdup_printf (_("History of %s"), carport_vehicle_get_display_name (vehicle));

  gtk_window_set_title (GTK_WINDOW (window), title);
  gtk_window_set_transient_for (GTK_WINDOW (window), parent);
  gtk_window_set_default_size (GTK_WINDOW (window), 720, 760);
  gtk_box_append (GTK_BOX (box), header);
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), carport_history_page_new (session, vehicle));
  gtk_widget_set_vexpand (overlay, TRUE);
  gtk_box_append (GTK_BOX (box), overlay);
  adw_window_set_content (ADW_WINDOW (window), box);

  return window;
}
