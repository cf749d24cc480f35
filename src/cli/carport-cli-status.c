/* carport-cli-status.c — carport-cli's status and refresh: a car's state
 * as a table or as the JSON of docs/cli-json.md.
 *
 * When no endpoint answers, the last known values (restored from the cache)
 * are printed all the same, marked so, with each endpoint's error, and the
 * exit status says that nothing was confirmed (carport-cli(1), EXIT STATUS). */
#define G_LOG_DOMAIN "carport-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "carport-api-error.h"
#include "carport-cli-private.h"
#include "carport-cli-json.h"

/* The newest report time of @vehicle's state objects, or NULL. */
static GDateTime *
newest_report (CarportVehicle *vehicle)
{
  CarportState *states[] = {
    CARPORT_STATE (carport_vehicle_get_battery (vehicle)),
    CARPORT_STATE (carport_vehicle_get_cockpit (vehicle)),
    CARPORT_STATE (carport_vehicle_get_climate (vehicle)),
    CARPORT_STATE (carport_vehicle_get_location (vehicle)),
    CARPORT_STATE (carport_vehicle_get_locks (vehicle)),
    CARPORT_STATE (carport_vehicle_get_tyres (vehicle)),
    CARPORT_STATE (carport_vehicle_get_trips (vehicle)),
    CARPORT_STATE (carport_vehicle_get_charge_settings (vehicle)),
  };
  GDateTime *newest = NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (states); i++)
    {
      GDateTime *updated = carport_state_get_updated (states[i]);

      if (updated && (!newest || g_date_time_compare (updated, newest) > 0))
        newest = updated;
    }
  return newest;
}

/* The line that says the values are the last known ones, and how old. */
static void
print_last_known (CarportVehicle *vehicle,
                  GDateTime      *now)
{
  GDateTime *reported = newest_report (vehicle);
  g_autofree char *age = NULL;
  g_autofree char *line = NULL;

  if (!reported)
    {
      g_print ("  %s\n", _("(last known state, not confirmed by the car yet)"));
      return;
    }
  age = carport_format_relative_time (reported, now);
  /* Translators: %s is how long ago the car reported it: "3 h ago", "yesterday" or a date */
  line = g_strdup_printf (_("(last known state, reported %s; not confirmed by the car yet)"), age);
  g_print ("  %s\n", line);
}

/* Which tyre warns, in words, as the window's tyres card says it. */
static void
print_tyre_warnings (CarportTyres *tyres)
{
  static const struct {
    CarportTyre  tyre;
    const char  *name;
  } tyre_names[] = {
    { CARPORT_TYRE_FRONT_LEFT, N_("Front left") },
    { CARPORT_TYRE_FRONT_RIGHT, N_("Front right") },
    { CARPORT_TYRE_REAR_LEFT, N_("Rear left") },
    { CARPORT_TYRE_REAR_RIGHT, N_("Rear right") },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (tyre_names); i++)
    if (carport_tyres_get_status (tyres, tyre_names[i].tyre) == CARPORT_TYRE_STATUS_WARNING)
      {
        /* Translators: a tyre ("Rear left") and what is wrong with it */
        g_autofree char *line = g_strdup_printf (_("%s: low pressure or puncture"), _(tyre_names[i].name));

        carport_cli_print_row (_("Warning"), line);
      }
}

/* The maker's maintenance alerts and the contracts with their end dates,
 * where the car reports them. */
static void
print_services (CarportServices *services)
{
  GListModel *alerts = services != NULL ? carport_services_get_alerts (services) : NULL;
  GListModel *contracts = services != NULL ? carport_services_get_contracts (services) : NULL;

  for (guint i = 0; alerts != NULL && i < g_list_model_get_n_items (alerts); i++)
    {
      g_autoptr(CarportAlert) alert = g_list_model_get_item (alerts, i);

      carport_cli_print_row (i == 0 ? _("Alerts") : "", carport_alert_get_title (alert));
      if (carport_alert_get_description (alert) != NULL)
        carport_cli_print_row ("", carport_alert_get_description (alert));
    }
  for (guint i = 0; contracts != NULL && i < g_list_model_get_n_items (contracts); i++)
    {
      g_autoptr(CarportContract) contract = g_list_model_get_item (contracts, i);
      const char *name = carport_contract_get_description (contract);
      g_autofree char *state = carport_format_contract_state (carport_contract_get_status (contract),
                                                              carport_contract_get_end_date (contract));
      g_autofree char *line = g_strdup_printf ("%s: %s", name != NULL ? name : carport_contract_get_code (contract), state);

      carport_cli_print_row (i == 0 ? _("Contracts") : "", line);
    }
}

static void
print_state_table (CarportVehicle *vehicle)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  CarportBattery *battery = carport_vehicle_get_battery (vehicle);
  CarportCockpit *cockpit = carport_vehicle_get_cockpit (vehicle);
  CarportClimate *climate = carport_vehicle_get_climate (vehicle);
  CarportLocation *location = carport_vehicle_get_location (vehicle);
  CarportLocks *locks = carport_vehicle_get_locks (vehicle);
  CarportTyres *tyres = carport_vehicle_get_tyres (vehicle);
  CarportChargeSettings *settings = carport_vehicle_get_charge_settings (vehicle);

  g_print ("%s %s (%s)\n",
           carport_format_brand (carport_vehicle_get_brand (vehicle)),
           carport_vehicle_get_display_name (vehicle),
           carport_vehicle_get_vin (vehicle));
  if (carport_vehicle_get_from_cache (vehicle))
    print_last_known (vehicle, now);

  if (carport_vehicle_supports_endpoint (vehicle, CARPORT_ENDPOINT_BATTERY_STATUS))
    {
      g_autofree char *level = carport_format_percent (carport_battery_get_level_percent (battery));
      g_autofree char *range = carport_format_distance (carport_battery_get_range_km (battery), carport_distance_unit_for_locale (NULL));
      g_autofree char *power = carport_format_power (carport_battery_get_charging_power_kw (battery));
      g_autofree char *remaining = carport_format_duration_minutes (carport_battery_get_remaining_minutes (battery));
      g_autofree char *updated = carport_format_updated (carport_state_get_updated (CARPORT_STATE (battery)), now);

      carport_cli_print_row (_("Battery"), level);
      carport_cli_print_row (_("Range"), range);
      carport_cli_print_row (_("Plug"), carport_format_plug_state (carport_battery_get_plug (battery)));
      carport_cli_print_row (_("Charging"), carport_format_charging_state (carport_battery_get_charging (battery)));
      if (carport_battery_get_charging (battery) == CARPORT_CHARGING_STATE_CHARGING)
        {
          carport_cli_print_row (_("Charging power"), power);
          carport_cli_print_row (_("Time to full"), remaining);
        }
      carport_cli_print_row ("", updated);
    }
  if (carport_is_known (carport_battery_get_capacity_kwh (battery)) && carport_battery_get_capacity_kwh (battery) > 0)
    {
      g_autofree char *capacity = carport_format_energy (carport_battery_get_capacity_kwh (battery));

      carport_cli_print_row (_("Battery capacity"), capacity);
    }
  if (carport_vehicle_supports_endpoint (vehicle, CARPORT_ENDPOINT_COCKPIT))
    {
      g_autofree char *mileage = carport_format_distance_grouped (carport_cockpit_get_mileage_km (cockpit), carport_distance_unit_for_locale (NULL));

      carport_cli_print_row (_("Odometer"), mileage);
      if (carport_is_known (carport_cockpit_get_fuel_range_km (cockpit)))
        {
          g_autofree char *fuel = carport_format_distance (carport_cockpit_get_fuel_range_km (cockpit), carport_distance_unit_for_locale (NULL));

          carport_cli_print_row (_("Fuel range"), fuel);
        }
    }
  if (carport_vehicle_supports_endpoint (vehicle, CARPORT_ENDPOINT_HVAC_STATUS))
    {
      g_autofree char *outside = carport_format_temperature (carport_climate_get_outside_c (climate), carport_temperature_unit_for_locale (NULL));

      carport_cli_print_row (_("Climate"), carport_format_climate_state (carport_climate_get_state (climate)));
      carport_cli_print_row (_("Outside"), outside);
    }
  if (carport_vehicle_supports_endpoint (vehicle, CARPORT_ENDPOINT_LOCATION))
    {
      g_autofree char *where = NULL;

      if (carport_is_known (carport_location_get_latitude (location)))
        where = g_strdup_printf ("%.5f, %.5f", carport_location_get_latitude (location),
                                 carport_location_get_longitude (location));
      carport_cli_print_row (_("Location"), where ? where : "—");
    }
  if (carport_vehicle_supports_endpoint (vehicle, CARPORT_ENDPOINT_LOCK_STATUS))
    carport_cli_print_row (_("Doors"), carport_format_lock_state (carport_locks_get_state (locks)));
  if (carport_vehicle_supports_endpoint (vehicle, CARPORT_ENDPOINT_PRESSURE))
    {
      g_autofree char *fl = carport_format_pressure (carport_tyres_get_front_left_bar (tyres));
      g_autofree char *fr = carport_format_pressure (carport_tyres_get_front_right_bar (tyres));
      g_autofree char *rl = carport_format_pressure (carport_tyres_get_rear_left_bar (tyres));
      g_autofree char *rr = carport_format_pressure (carport_tyres_get_rear_right_bar (tyres));
      g_autofree char *all = g_strdup_printf ("%s  %s  %s  %s", fl, fr, rl, rr);

      carport_cli_print_row (_("Tyres"), all);
      print_tyre_warnings (tyres);
    }
  if (carport_vehicle_supports_endpoint (vehicle, CARPORT_ENDPOINT_TRIP_HISTORY))
    {
      CarportTrips *trips = carport_vehicle_get_trips (vehicle);
      CarportTripSummary month, today;
      g_autofree char *month_text = NULL;
      g_autofree char *today_text = NULL;

      carport_trips_get_summary (trips, CARPORT_TRIPS_PERIOD_MONTH, &month);
      carport_trips_get_summary (trips, CARPORT_TRIPS_PERIOD_TODAY, &today);
      month_text = carport_format_trips (month.trips, month.distance_km, carport_distance_unit_for_locale (NULL));
      today_text = carport_format_trips (today.trips, today.distance_km, carport_distance_unit_for_locale (NULL));
      carport_cli_print_row (_("Trips this month"), month_text);
      carport_cli_print_row (_("Trips today"), today_text);
    }
  if (carport_charge_settings_get_mode (settings) != CARPORT_CHARGE_MODE_NONE)
    carport_cli_print_row (_("Charge mode"), carport_format_charge_mode (carport_charge_settings_get_mode (settings)));
  print_services (carport_vehicle_get_services (vehicle));

  for (guint i = 0; i < CARPORT_N_ENDPOINTS; i++)
    {
      const char *message = carport_vehicle_get_endpoint_error (vehicle, i);

      if (message)
        g_print ("  ! %s: %s\n", carport_enum_to_nick (CARPORT_TYPE_ENDPOINT, i), message);
    }
}


static void
print_status (Cli            *cli,
              CarportVehicle *vehicle)
{
  if (cli->json)
    {
      g_autoptr(JsonNode) root = carport_cli_json_status (vehicle);

      carport_cli_json_print (root);
    }
  else
    print_state_table (vehicle);
}

/* Ends a status or refresh whose cars were printed: with @error's exit
 * status (and message) when the person must act (log in again, or a new
 * Carport for a changed key), NOT_CONFIRMED when a car printed has no fresh
 * value (with @error's message, if any), else OK. */
static void
finish_printed (Cli          *cli,
                const GError *error,
                gboolean      last_known)
{
  if (error)
    g_printerr ("carport-cli: %s\n", error->message);
  if (error && (carport_cli_exit_for_error (error) == CARPORT_CLI_EXIT_NOPERM ||
                g_error_matches (error, CARPORT_API_ERROR, CARPORT_API_ERROR_API_KEY)))
    carport_cli_finish (cli, carport_cli_exit_for_error (error));
  else if (error || last_known)
    carport_cli_finish (cli, CARPORT_CLI_EXIT_NOT_CONFIRMED);
  else
    carport_cli_finish (cli, CARPORT_CLI_EXIT_OK);
}

static void
status_refreshed_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  Cli *cli = user_data;
  g_autoptr(GError) error = NULL;
  CarportVehicle *vehicle = carport_cli_pick_vehicle (cli);

  if (!vehicle)
    return;
  /* A failure leaves the car as it was: its last known state is printed. */
  carport_session_refresh_finish (CARPORT_SESSION (source), result, &error);
  print_status (cli, vehicle);
  finish_printed (cli, error, carport_vehicle_get_from_cache (vehicle));
}

void
carport_cli_cmd_status (Cli *cli)
{
  CarportVehicle *vehicle = carport_cli_pick_vehicle (cli);

  if (!vehicle)
    return;
  carport_session_refresh_async (cli->session, vehicle, cli->cancellable, status_refreshed_cb, cli);
}

static void
refresh_all_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  Cli *cli = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  GListModel *vehicles = carport_session_get_vehicles (cli->session);
  CarportVehicle *only = NULL;
  gboolean last_known = FALSE;

  if (cli->vin && !(only = carport_cli_pick_vehicle (cli)))
    return;
  carport_session_refresh_finish (CARPORT_SESSION (source), result, &error);

  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (vehicles); i++)
    {
      g_autoptr(CarportVehicle) vehicle = g_list_model_get_item (vehicles, i);

      if (only && vehicle != only)
        continue;
      last_known |= carport_vehicle_get_from_cache (vehicle);
      if (cli->json)
        json_builder_add_value (builder, carport_cli_json_status (vehicle));
      else
        {
          print_state_table (vehicle);
          g_print ("\n");
        }
    }
  json_builder_end_array (builder);
  if (cli->json)
    {
      g_autoptr(JsonNode) root = json_builder_get_root (builder);

      carport_cli_json_print (root);
    }
  finish_printed (cli, error, last_known);
}

void
carport_cli_cmd_refresh (Cli *cli)
{
  CarportVehicle *vehicle = NULL;

  if (cli->vin && !(vehicle = carport_cli_pick_vehicle (cli)))
    return;
  carport_session_refresh_async (cli->session, vehicle, cli->cancellable, refresh_all_cb, cli);
}
