/* carport-history.c */
#define G_LOG_DOMAIN "carport-service"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "carport-api-error.h"
#include "carport-history.h"

static GDateTime *
utc_from_unix (gint64 seconds)
{
  return g_date_time_new_from_unix_utc (seconds);
}

static gboolean
is_charging (double value)
{
  return (CarportChargingState) value == CARPORT_CHARGING_STATE_CHARGING ||
         (CarportChargingState) value == CARPORT_CHARGING_STATE_V2G_CHARGING;
}

static void
end_charge (GPtrArray            *charges,
            CarportChargeSession *charge,
            gint64                start,
            gint64                end)
{
  charge->start = utc_from_unix (start);
  charge->end = utc_from_unix (end);
  charge->duration_minutes = (int) ((end - start) / 60);
  g_ptr_array_add (charges, carport_charge_session_copy (charge));
  g_clear_pointer (&charge->start, g_date_time_unref);
  g_clear_pointer (&charge->end, g_date_time_unref);
}

/**
 * carport_history_charges_from_readings:
 *
 * Returns: (transfer full) (element-type CarportChargeSession): the sessions.
 */
GPtrArray *
carport_history_charges_from_readings (GArray *readings)
{
  GPtrArray *charges = g_ptr_array_new_with_free_func ((GDestroyNotify) carport_charge_session_free);
  CarportChargeSession charge = { NULL, NULL, -1, -1, -1, NAN };
  gboolean charging = FALSE;
  gint64 start = 0, last_seen = 0;
  int level = -1;

  for (guint i = 0; i < readings->len; i++)
    {
      CarportReading *reading = &g_array_index (readings, CarportReading, i);

      if (reading->kind == CARPORT_READING_BATTERY_LEVEL)
        {
          level = (int) reading->value;
          if (charging)
            {
              charge.end_level_percent = level;
              last_seen = reading->time;
            }
        }
      else if (reading->kind == CARPORT_READING_CHARGING)
        {
          if (is_charging (reading->value) && !charging)
            {
              charging = TRUE;
              start = last_seen = reading->time;
              charge.start_level_percent = charge.end_level_percent = level;
            }
          else if (!is_charging (reading->value) && charging)
            {
              charging = FALSE;
              end_charge (charges, &charge, start, reading->time);
            }
        }
    }
  /* A charge still under way ends, for now, at its last reading. */
  if (charging)
    end_charge (charges, &charge, start, last_seen);

  return charges;
}

/**
 * carport_history_climate_from_readings:
 *
 * Returns: (transfer full) (element-type CarportClimateRun): the runs.
 */
GArray *
carport_history_climate_from_readings (GArray *readings)
{
  GArray *runs = g_array_new (FALSE, FALSE, sizeof (CarportClimateRun));
  CarportClimateRun run = { 0, 0 };
  gboolean on = FALSE;

  for (guint i = 0; i < readings->len; i++)
    {
      CarportReading *reading = &g_array_index (readings, CarportReading, i);
      gboolean now_on;

      if (reading->kind != CARPORT_READING_CLIMATE)
        continue;
      now_on = (CarportClimateState) reading->value == CARPORT_CLIMATE_STATE_ON;
      if (now_on && !on)
        run.start = reading->time;
      else if (!now_on && on)
        {
          run.end = reading->time;
          g_array_append_val (runs, run);
        }
      on = now_on;
    }

  return runs;
}

double
carport_charge_session_average_power_kw (const CarportChargeSession *session)
{
  if (!carport_is_known (session->energy_kwh) || session->duration_minutes <= 0)
    return NAN;
  return session->energy_kwh / (session->duration_minutes / 60.0);
}

/* ----------------------------------------------------------------------- */
/* Reading                                                                 */

static void
readings_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  GArray *readings;

  readings = carport_history_store_query_finish (CARPORT_HISTORY_STORE (source), result, &error);
  if (readings)
    g_task_return_pointer (task, readings, (GDestroyNotify) g_array_unref);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

void
carport_history_get_readings_async (CarportSession      *session,
                                    CarportVehicle      *vehicle,
                                    gint64               from,
                                    gint64               to,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  CarportHistoryStore *history = carport_session_get_history (session);

  g_task_set_source_tag (task, carport_history_get_readings_async);
  if (!history)
    {
      g_task_return_pointer (task, g_array_new (FALSE, FALSE, sizeof (CarportReading)),
                             (GDestroyNotify) g_array_unref);
      return;
    }
  carport_history_store_query_async (history, carport_vehicle_get_vin (vehicle), from, to, cancellable,
                                     readings_cb, g_steal_pointer (&task));
}

/**
 * carport_history_get_readings_finish:
 *
 * Returns: (transfer full) (element-type CarportReading): the readings.
 */
GArray *
carport_history_get_readings_finish (GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Charging sessions or climate runs: the cloud's, else the store's. */
typedef struct {
  CarportSession *session;
  CarportVehicle *vehicle;
  gboolean        climate;     /* climate runs, not charging sessions */
  gboolean        reported;
  gint64          from;
  gint64          to;
} MergeData;

static void
merge_data_free (MergeData *data)
{
  g_clear_object (&data->session);
  g_clear_object (&data->vehicle);
  g_free (data);
}

static void
return_runs (GTask  *task,
             GArray *runs)
{
  g_task_return_pointer (task, runs, (GDestroyNotify) g_array_unref);
}

static void
return_charges (GTask     *task,
                GPtrArray *charges)
{
  g_task_return_pointer (task, charges, (GDestroyNotify) g_ptr_array_unref);
}

static void
merge_readings_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MergeData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) readings = carport_history_get_readings_finish (result, &error);

  if (!readings)
    g_task_return_error (task, g_steal_pointer (&error));
  else if (data->climate)
    return_runs (task, carport_history_climate_from_readings (readings));
  else
    return_charges (task, carport_history_charges_from_readings (readings));
}

/* The climate sessions of hvac-sessions as runs. */
static GArray *
climate_from_usage (GPtrArray *sessions)
{
  GArray *runs = g_array_new (FALSE, FALSE, sizeof (CarportClimateRun));

  for (guint i = 0; i < sessions->len; i++)
    {
      CarportUsage *session = g_ptr_array_index (sessions, i);
      CarportClimateRun run = { g_date_time_to_unix (session->start), 0 };

      if (session->end)
        run.end = g_date_time_to_unix (session->end);
      else if (session->duration_minutes >= 0)
        run.end = run.start + session->duration_minutes * 60;
      else
        continue;
      g_array_append_val (runs, run);
    }
  return runs;
}

static void
merge_cloud_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MergeData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cloud = NULL;
  GCancellable *cancellable;

  if (data->climate)
    cloud = carport_session_get_usage_finish (CARPORT_SESSION (source), result, &error);
  else
    cloud = carport_session_get_charges_finish (CARPORT_SESSION (source), result, &error);
  data->reported = error == NULL;
  if (cloud && cloud->len > 0)
    {
      if (data->climate)
        return_runs (task, climate_from_usage (cloud));
      else
        return_charges (task, g_steal_pointer (&cloud));
      return;
    }
  if (error && !g_error_matches (error, CARPORT_API_ERROR, CARPORT_API_ERROR_NOT_SUPPORTED))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  /* Nothing from the cloud: what the history store saw. */
  cancellable = g_task_get_cancellable (task);
  carport_history_get_readings_async (data->session, data->vehicle, data->from, data->to, cancellable,
                                      merge_readings_cb, g_steal_pointer (&task));
}

static GTask *
merge_task_new (CarportSession      *session,
                CarportVehicle      *vehicle,
                gboolean             climate,
                GDateTime           *from,
                GDateTime           *to,
                GCancellable        *cancellable,
                GAsyncReadyCallback  callback,
                gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  MergeData *data = g_new0 (MergeData, 1);

  data->session = g_object_ref (session);
  data->vehicle = g_object_ref (vehicle);
  data->climate = climate;
  data->from = g_date_time_to_unix (from);
  /* The whole last day. */
  data->to = g_date_time_to_unix (to) + 86399;
  g_task_set_task_data (task, data, (GDestroyNotify) merge_data_free);
  return task;
}

void
carport_history_get_charges_async (CarportSession      *session,
                                   CarportVehicle      *vehicle,
                                   GDateTime           *from,
                                   GDateTime           *to,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  GTask *task = merge_task_new (session, vehicle, FALSE, from, to, cancellable, callback, user_data);

  g_task_set_source_tag (task, carport_history_get_charges_async);
  carport_session_get_charges_async (session, vehicle, from, to, cancellable, merge_cloud_cb, task);
}

void
carport_history_get_climate_async (CarportSession      *session,
                                   CarportVehicle      *vehicle,
                                   GDateTime           *from,
                                   GDateTime           *to,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  GTask *task = merge_task_new (session, vehicle, TRUE, from, to, cancellable, callback, user_data);

  g_task_set_source_tag (task, carport_history_get_climate_async);
  carport_session_get_usage_async (session, vehicle, CARPORT_USAGE_CLIMATE_SESSIONS, CARPORT_USAGE_PER_DAY,
                                   from, to, cancellable, merge_cloud_cb, task);
}

static gpointer
merge_finish (GAsyncResult  *result,
              gboolean      *out_reported,
              GError       **error)
{
  MergeData *data;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  data = g_task_get_task_data (G_TASK (result));
  if (out_reported)
    *out_reported = data->reported;
  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * carport_history_get_charges_finish:
 *
 * Returns: (transfer full) (element-type CarportChargeSession): the sessions.
 */
GPtrArray *
carport_history_get_charges_finish (GAsyncResult  *result,
                                    gboolean      *out_reported,
                                    GError       **error)
{
  return merge_finish (result, out_reported, error);
}

/**
 * carport_history_get_climate_finish:
 *
 * Returns: (transfer full) (element-type CarportClimateRun): the runs.
 */
GArray *
carport_history_get_climate_finish (GAsyncResult  *result,
                                    gboolean      *out_reported,
                                    GError       **error)
{
  return merge_finish (result, out_reported, error);
}

/* ----------------------------------------------------------------------- */
/* CSV                                                                     */

static void
append_time (GString    *csv,
             GDateTime  *when)
{
  g_autofree char *text = carport_format_iso8601_utc (when);

  if (text)
    g_string_append (csv, text);
}

static void
append_unix_time (GString *csv,
                  gint64   seconds)
{
  g_autoptr(GDateTime) when = utc_from_unix (seconds);

  append_time (csv, when);
}

static void
append_number (GString *csv,
               double   value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append_c (csv, ',');
  if (carport_is_known (value))
    g_string_append (csv, g_ascii_formatd (buffer, sizeof buffer, "%.6g", value));
}

static void
append_int (GString *csv,
            int      value)
{
  g_string_append_c (csv, ',');
  if (value >= 0)
    g_string_append_printf (csv, "%d", value);
}

char *
carport_history_readings_csv (GArray *readings)
{
  GString *csv = g_string_new ("time,reading,value\r\n");

  for (guint i = 0; i < readings->len; i++)
    {
      CarportReading *reading = &g_array_index (readings, CarportReading, i);

      append_unix_time (csv, reading->time);
      g_string_append_printf (csv, ",%s", carport_reading_kind_to_string (reading->kind));
      append_number (csv, reading->value);
      g_string_append (csv, "\r\n");
    }

  return g_string_free (csv, FALSE);
}

char *
carport_history_charges_csv (GPtrArray *charges)
{
  GString *csv = g_string_new ("start,end,duration_minutes,start_level_percent,end_level_percent,"
                               "energy_kwh,average_power_kw\r\n");

  for (guint i = 0; i < charges->len; i++)
    {
      CarportChargeSession *charge = g_ptr_array_index (charges, i);

      append_time (csv, charge->start);
      g_string_append_c (csv, ',');
      append_time (csv, charge->end);
      append_int (csv, charge->duration_minutes);
      append_int (csv, charge->start_level_percent);
      append_int (csv, charge->end_level_percent);
      append_number (csv, charge->energy_kwh);
      append_number (csv, carport_charge_session_average_power_kw (charge));
      g_string_append (csv, "\r\n");
    }

  return g_string_free (csv, FALSE);
}

char *
carport_history_climate_csv (GArray *runs)
{
  GString *csv = g_string_new ("start,end,duration_minutes\r\n");

  for (guint i = 0; i < runs->len; i++)
    {
      CarportClimateRun *run = &g_array_index (runs, CarportClimateRun, i);

      append_unix_time (csv, run->start);
      g_string_append_c (csv, ',');
      append_unix_time (csv, run->end);
      append_int (csv, (int) ((run->end - run->start) / 60));
      g_string_append (csv, "\r\n");
    }

  return g_string_free (csv, FALSE);
}

static void
csv_written_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (source), result, NULL, &error))
    {
      g_autofree char *name = g_file_get_parse_name (G_FILE (source));

      g_debug ("Cannot write %s: %s", name, error->message);
      g_task_return_new_error (task, error->domain, error->code,
                               _("Carport could not write “%s”: %s"), name, error->message);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

void
carport_history_write_csv_async (GFile               *file,
                                 const char          *csv,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  GTask *task = g_task_new (file, cancellable, callback, user_data);
  g_autoptr(GBytes) bytes = g_bytes_new (csv, strlen (csv));

  g_task_set_source_tag (task, carport_history_write_csv_async);
  /* GIO writes in its worker threads. */
  g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                       cancellable, csv_written_cb, task);
}

gboolean
carport_history_write_csv_finish (GFile         *file,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, file), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
