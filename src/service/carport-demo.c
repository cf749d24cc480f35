/* carport-demo.c — a session on the built-in simulator, for `--demo`. */
#define G_LOG_DOMAIN "carport-service"

#include "config.h"

#include <math.h>

#include "carport-demo.h"
#include "carport-history-store.h"
#include "carport-memory-store.h"
#include "carport-simulator.h"

#define SIMULATOR_KEY "carport-demo-simulator"

/* The demo logs in to both demo accounts at once: the Renault one and the
 * Nissan one, so the list shows both brands. It is ready when both answered;
 * it fails only when neither could log in. */
typedef struct {
  guint   pending;
  guint   logged_in;
  GError *error;
} DemoLogin;

static void
demo_login_free (DemoLogin *login)
{
  g_clear_error (&login->error);
  g_free (login);
}

static void
add_reading (GArray             *readings,
             CarportReadingKind  kind,
             gint64              time,
             double              value)
{
  CarportReading reading = { kind, time, value };

  g_array_append_val (readings, reading);
}

/* Where the car is at @hour: at home (@home, its position now) by night,
 * at work from 9 to 17, and on the way between at 8 and 18; the places are
 * the car's own (they come from its VIN, not from the random numbers the
 * other readings use). So that every day has a trail to show. */
static void
add_position (GArray        *readings,
              const char    *vin,
              const double   home[2],
              gint64         t,
              int            hour)
{
  guint hash = g_str_hash (vin);
  double work[2] = { home[0] + 0.002 + (hash % 97) / 97000.0, home[1] + 0.003 + (hash / 97 % 89) / 89000.0 };
  double along = hour == 8 || hour == 18 ? 0.5 : hour > 8 && hour < 18 ? 1 : 0;

  add_reading (readings, CARPORT_READING_LATITUDE, t, home[0] + along * (work[0] - home[0]));
  add_reading (readings, CARPORT_READING_LONGITUDE, t, home[1] + along * (work[1] - home[1]) +
                                                        (hour == 8 ? 0.0012 : 0));
}

/* Four weeks of a car's life, every two hours: driven by day, plugged in
 * and charged overnight when low, warmed up on some mornings. The same
 * every time for a car (the random numbers are seeded with its VIN). */
static GArray *
demo_readings (const char *vin,
               gint64      now)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (g_str_hash (vin));
  GArray *readings = g_array_new (FALSE, FALSE, sizeof (CarportReading));
  double level = 70, odometer = 12000 + g_rand_int_range (rand, 0, 30000);
  gboolean charging = FALSE;
  gint64 start = now - 28 * 86400;

  for (gint64 t = start - start % 7200; t < now; t += 7200)
    {
      g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (t);
      int hour = g_date_time_get_hour (when);

      if (hour >= 8 && hour <= 18 && !charging && g_rand_int_range (rand, 0, 3) == 0)
        {
          double km = g_rand_double_range (rand, 5, 45);

          odometer += km;
          level = MAX (5, level - km / 3.2);
        }
      if (hour == 20 && level < 45)
        charging = TRUE;
      if (charging)
        level = MIN (90, level + g_rand_double_range (rand, 6, 11));
      if (charging && level >= 90)
        charging = FALSE;
      add_reading (readings, CARPORT_READING_BATTERY_LEVEL, t, (int) level);
      add_reading (readings, CARPORT_READING_RANGE, t, (int) (level * 3.1));
      add_reading (readings, CARPORT_READING_CHARGING, t,
                   charging ? CARPORT_CHARGING_STATE_CHARGING : CARPORT_CHARGING_STATE_NOT_CHARGING);
      add_reading (readings, CARPORT_READING_PLUG, t,
                   charging ? CARPORT_PLUG_STATE_PLUGGED : CARPORT_PLUG_STATE_UNPLUGGED);
      add_reading (readings, CARPORT_READING_ODOMETER, t, (int) odometer);
      add_reading (readings, CARPORT_READING_OUTSIDE_TEMPERATURE, t, 9 + 6 * sin ((hour - 9) * G_PI / 12));
      add_reading (readings, CARPORT_READING_CLIMATE, t,
                   hour == 8 && g_rand_int_range (rand, 0, 3) == 0 ? CARPORT_CLIMATE_STATE_ON
                                                                  : CARPORT_CLIMATE_STATE_OFF);
    }

  return readings;
}

typedef struct {
  CarportHistoryStore *history;
  char                *vin;
} PositionsSeed;

static void
positions_seed_free (gpointer data,
                     GClosure *closure)
{
  PositionsSeed *seed = data;

  g_object_unref (seed->history);
  g_free (seed->vin);
  g_free (seed);
}

/* Four weeks of where the car was, every two hours, once its position now
 * (its home) is known: the first refresh reads it, after the login. */
static void
seed_positions_cb (CarportLocation *location,
                   GParamSpec      *pspec,
                   PositionsSeed   *seed)
{
  double home[2] = { carport_location_get_latitude (location), carport_location_get_longitude (location) };
  g_autoptr(GArray) readings = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC - 3600;
  gint64 start = now - 28 * 86400;

  if (isnan (home[0]) || isnan (home[1]))
    return;
  readings = g_array_new (FALSE, FALSE, sizeof (CarportReading));
  for (gint64 t = start - start % 7200; t < now; t += 7200)
    {
      g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (t);

      add_position (readings, seed->vin, home, t, g_date_time_get_hour (when));
    }
  carport_history_store_add_async (seed->history, seed->vin, readings, NULL, NULL, NULL);
  /* Last: it frees @seed. */
  g_signal_handlers_disconnect_by_func (location, seed_positions_cb, seed);
}

/* The demo's history lives in memory, with a past to look at. */
static void
seed_demo_history (CarportSession *session)
{
  g_autoptr(CarportHistoryStore) history = carport_history_store_new_for_path (CARPORT_HISTORY_IN_MEMORY);
  GListModel *vehicles = carport_session_get_vehicles (session);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  carport_session_set_history (session, history);
  for (guint i = 0; i < g_list_model_get_n_items (vehicles); i++)
    {
      g_autoptr(CarportVehicle) vehicle = g_list_model_get_item (vehicles, i);
      g_autoptr(GArray) readings = NULL;
      PositionsSeed *seed;

      /* A car without a battery (the Qashqai) has no past to show. */
      if (carport_vehicle_get_energy (vehicle) == CARPORT_ENERGY_FUEL)
        continue;
      readings = demo_readings (carport_vehicle_get_vin (vehicle), now - 3600);
      carport_history_store_add_async (history, carport_vehicle_get_vin (vehicle), readings, NULL, NULL, NULL);
      seed = g_new0 (PositionsSeed, 1);
      seed->history = g_object_ref (history);
      seed->vin = g_strdup (carport_vehicle_get_vin (vehicle));
      /* Its latitude and longitude come one after the other. */
      g_signal_connect_data (carport_vehicle_get_location (vehicle), "notify::updated",
                             G_CALLBACK (seed_positions_cb), seed, positions_seed_free, 0);
    }
}

static void
demo_logged_in_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  DemoLogin *login = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (carport_session_login_finish (CARPORT_SESSION (source), result, &error))
    login->logged_in++;
  else
    {
      g_debug ("A demo account could not log in: %s", error->message);
      if (!login->error)
        login->error = g_steal_pointer (&error);
    }
  if (--login->pending > 0)
    return;
  if (login->logged_in == 0)
    g_task_return_error (task, g_steal_pointer (&login->error));
  else
    {
      seed_demo_history (CARPORT_SESSION (source));
      g_task_return_pointer (task, g_object_ref (source), g_object_unref);
    }
}

static void
stop_simulator (gpointer data)
{
  CarportSimulator *simulator = data;

  carport_simulator_stop (simulator);
  g_object_unref (simulator);
}

void
carport_demo_session_new_async (GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  g_autoptr(CarportSimulator) simulator = carport_simulator_new ();
  g_autoptr(CarportCredentialStore) store = NULL;
  g_autoptr(CarportSession) session = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) roots = NULL;
  DemoLogin *login;

  g_task_set_source_tag (task, carport_demo_session_new_async);

  /* Commands confirm quickly so the demo feels alive. */
  carport_simulator_set_command_delay_ms (simulator, 1500);
  if (!carport_simulator_start (simulator, 0, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  roots = carport_simulator_dup_environ (simulator);

  store = CARPORT_CREDENTIAL_STORE (carport_memory_store_new ());
  session = g_object_new (CARPORT_TYPE_SESSION,
                          "store", store,
                          "service-roots", roots,
                          NULL);
  g_object_set_data_full (G_OBJECT (session), SIMULATOR_KEY, g_object_ref (simulator), stop_simulator);

  login = g_new0 (DemoLogin, 1);
  login->pending = 2;
  g_task_set_task_data (task, login, (GDestroyNotify) demo_login_free);
  carport_session_login_async (session, "renault",
                               carport_simulator_get_demo_locale (simulator),
                               carport_simulator_get_demo_email (simulator),
                               carport_simulator_get_demo_password (simulator),
                               cancellable, demo_logged_in_cb, g_object_ref (task));
  carport_session_login_async (session, "nissan", NULL,
                               carport_simulator_get_nissan_demo_email (simulator),
                               carport_simulator_get_nissan_demo_password (simulator),
                               cancellable, demo_logged_in_cb, g_steal_pointer (&task));
}

CarportSession *
carport_demo_session_new_finish (GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

gpointer
carport_demo_session_get_simulator (CarportSession *session)
{
  return g_object_get_data (G_OBJECT (session), SIMULATOR_KEY);
}

const char *
carport_demo_session_get_emailed_code (CarportSession *session)
{
  CarportSimulator *simulator = carport_demo_session_get_simulator (session);

  return simulator != NULL ? carport_simulator_get_last_device_otp (simulator) : NULL;
}
