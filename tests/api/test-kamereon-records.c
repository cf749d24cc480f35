/* test-kamereon-records.c — the values of every endpoint the spec lists
 * beyond the readings a first parser kept (api-renault.md §b.5–§b.7, §c.3):
 * battery capacity, the tyres' sensors, the car-adapter root, res-state,
 * notification-settings, hvac-settings' mode, KCM ev/settings' values, the
 * charges' extra fields, contracts and alerts.
 *
 * The fixtures in fixtures/ are written from docs/api-renault.md; the
 * recorded answers of ../shared/fixtures are read when they are there.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "api-test-util.h"
#include "carport-kamereon-json.h"
#include "carport-renault-charges.h"
#include "carport-renault-services.h"

static void
test_battery_capacity (void)
{
  g_autoptr(CarportVehicle) vehicle = vehicle_new ("R5E1VE", CARPORT_ENERGY_ELECTRIC);
  CarportBattery *battery = carport_vehicle_get_battery (vehicle);

  parse_endpoint_fixture (vehicle, CARPORT_ENDPOINT_BATTERY_STATUS, "battery-status.capacity.json");
  g_assert_cmpfloat (carport_battery_get_capacity_kwh (battery), ==, 52.0);
  assert_time (carport_battery_get_remaining_updated (battery), "2025-06-01T09:58:30Z");

  /* Renault's 0 means "not reported", and a wrong value is absent: the last one stays. */
  parse_endpoint_string (vehicle, CARPORT_ENDPOINT_BATTERY_STATUS,
                         "{\"data\":{\"attributes\":{\"batteryLevel\":50,\"batteryCapacity\":0,\"plugStatus\":1,"
                         "\"chargingStatus\":1.0}}}");
  g_assert_cmpfloat (carport_battery_get_capacity_kwh (battery), ==, 52.0);
  parse_endpoint_string (vehicle, CARPORT_ENDPOINT_BATTERY_STATUS,
                         "{\"data\":{\"attributes\":{\"batteryLevel\":51,\"batteryCapacity\":\"52\"}}}");
  g_assert_cmpfloat (carport_battery_get_capacity_kwh (battery), ==, 52.0);
  parse_endpoint_string (vehicle, CARPORT_ENDPOINT_BATTERY_STATUS,
                         "{\"data\":{\"attributes\":{\"batteryLevel\":51,\"batteryCapacity\":90000}}}");
  g_assert_cmpfloat (carport_battery_get_capacity_kwh (battery), ==, 52.0);

  /* The time to full and its update go with the charge. */
  parse_endpoint_string (vehicle, CARPORT_ENDPOINT_BATTERY_STATUS,
                         "{\"data\":{\"attributes\":{\"batteryLevel\":80,\"plugStatus\":0,\"chargingStatus\":0.0}}}");
  g_assert_cmpint (carport_battery_get_remaining_minutes (battery), ==, -1);
  g_assert_null (carport_battery_get_remaining_updated (battery));
  g_assert_cmpfloat (carport_battery_get_capacity_kwh (battery), ==, 52.0);
}

static void
test_tyre_status (void)
{
  g_autoptr(CarportVehicle) vehicle = vehicle_new ("X102VE", CARPORT_ENERGY_ELECTRIC);
  CarportTyres *tyres = carport_vehicle_get_tyres (vehicle);

  parse_endpoint_fixture (vehicle, CARPORT_ENDPOINT_PRESSURE, "pressure.json");
  for (CarportTyre tyre = 0; tyre < CARPORT_N_TYRES; tyre++)
    g_assert_cmpint (carport_tyres_get_status (tyres, tyre), ==, CARPORT_TYRE_STATUS_OK);

  parse_endpoint_fixture (vehicle, CARPORT_ENDPOINT_PRESSURE, "pressure.warning.json");
  g_assert_cmpint (carport_tyres_get_status (tyres, CARPORT_TYRE_REAR_LEFT), ==, CARPORT_TYRE_STATUS_WARNING);
  g_assert_cmpint (carport_tyres_get_status (tyres, CARPORT_TYRE_FRONT_LEFT), ==, CARPORT_TYRE_STATUS_OK);
  g_assert_cmpfloat_with_epsilon (carport_tyres_get_rear_left_bar (tyres), 1.78, 1e-9);

  /* A status of the wrong type is absent: the warning stays. */
  parse_endpoint_string (vehicle, CARPORT_ENDPOINT_PRESSURE,
                         "{\"data\":{\"attributes\":{\"rlStatus\":\"low\",\"flStatus\":0}}}");
  g_assert_cmpint (carport_tyres_get_status (tyres, CARPORT_TYRE_REAR_LEFT), ==, CARPORT_TYRE_STATUS_WARNING);
}

static void
test_car_adapter (void)
{
  g_autoptr(CarportVehicle) vehicle = vehicle_new ("X101VE", CARPORT_ENERGY_ELECTRIC);
  CarportServices *services = carport_vehicle_get_services (vehicle);

  parse_endpoint_fixture (vehicle, CARPORT_ENDPOINT_CAR_ADAPTER, "car-adapter.json");
  g_assert_cmpstr (carport_services_get_car_gateway (services), ==, "GDC");
  g_assert_cmpstr (carport_services_get_can_generation (services), ==, "C1A");

  /* No value it knows: INVALID_RESPONSE, the gateway stays. */
  parse_endpoint_string_fails (vehicle, CARPORT_ENDPOINT_CAR_ADAPTER,
                               "{\"data\":{\"attributes\":{\"carGateway\":42,\"canGeneration\":\"\"}}}");
  g_assert_cmpstr (carport_services_get_car_gateway (services), ==, "GDC");
}

static void
test_res_state_details (void)
{
  g_autoptr(CarportVehicle) vehicle = vehicle_new ("X102VE", CARPORT_ENERGY_ELECTRIC);
  CarportServices *services = carport_vehicle_get_services (vehicle);

  parse_endpoint_fixture (vehicle, CARPORT_ENDPOINT_RES_STATE, "res-state.json");
  g_assert_cmpstr (carport_services_get_remote_start_code (services), ==, "10");
  g_assert_cmpstr (carport_services_get_remote_start_details (services), ==, "Engine stopped");

  parse_endpoint_string (vehicle, CARPORT_ENDPOINT_RES_STATE,
                         "{\"data\":{\"type\":\"ResState\",\"attributes\":{\"code\":\"42\",\"details\":null}}}");
  g_assert_cmpstr (carport_services_get_remote_start_code (services), ==, "42");
  g_assert_cmpstr (carport_services_get_remote_start_details (services), ==, "Engine stopped");
  parse_endpoint_string_fails (vehicle, CARPORT_ENDPOINT_RES_STATE,
                               "{\"data\":{\"attributes\":{\"code\":10}}}");
}

static void
test_notification_settings (void)
{
  g_autoptr(CarportVehicle) vehicle = vehicle_new ("X102VE", CARPORT_ENERGY_ELECTRIC);
  g_autoptr(GError) error = NULL;

  parse_endpoint_string (vehicle, CARPORT_ENDPOINT_NOTIFICATION_SETTINGS,
                         "{\"data\":{\"type\":\"Car\",\"id\":\"" TEST_VIN "\",\"attributes\":{}}}");
  g_assert_false (parse_endpoint_json (vehicle, CARPORT_ENDPOINT_NOTIFICATION_SETTINGS, "[1, 2]", &error));
  g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_INVALID_RESPONSE);
}

static void
test_settings_values (void)
{
  g_autoptr(CarportVehicle) vehicle = vehicle_new ("R5E1VE", CARPORT_ENERGY_ELECTRIC);
  CarportChargeSettings *settings = carport_vehicle_get_charge_settings (vehicle);

  parse_endpoint_fixture (vehicle, CARPORT_ENDPOINT_HVAC_SETTINGS, "hvac-settings.json");
  g_assert_cmpstr (carport_charge_settings_get_climate_mode (settings), ==, "scheduled");

  parse_endpoint_fixture (vehicle, CARPORT_ENDPOINT_EV_SETTINGS, "ev-settings.json");
  g_assert_cmpstr (carport_charge_settings_get_charge_time_start (settings), ==, "22:00");
  g_assert_cmpint (carport_charge_settings_get_charge_duration_minutes (settings), ==, 480);
  g_assert_cmpfloat (carport_charge_settings_get_preconditioning_temperature_c (settings), ==, 21.5);
  g_assert_cmpint (carport_charge_settings_get_heated_steering_wheel (settings), ==, CARPORT_TOGGLE_OFF);
  g_assert_cmpint (carport_charge_settings_get_heated_left_seat (settings), ==, CARPORT_TOGGLE_OFF);
  g_assert_cmpint (carport_charge_settings_get_heated_right_seat (settings), ==, CARPORT_TOGGLE_ON);

  /* Bad values are absent; what is good is taken. */
  parse_endpoint_string (vehicle, CARPORT_ENDPOINT_EV_SETTINGS,
                         "{\"chargeModeRq\":\"ALWAYS\",\"chargeTimeStart\":\"25:00\",\"chargeDuration\":-3,"
                         "\"preconditioningTemperature\":\"hot\",\"preconditioningHeatedStrgWheel\":true,"
                         "\"preconditioningHeatedRightSeat\":1}");
  g_assert_cmpstr (carport_charge_settings_get_charge_time_start (settings), ==, "22:00");
  g_assert_cmpint (carport_charge_settings_get_charge_duration_minutes (settings), ==, 480);
  g_assert_cmpfloat (carport_charge_settings_get_preconditioning_temperature_c (settings), ==, 21.5);
  g_assert_cmpint (carport_charge_settings_get_heated_steering_wheel (settings), ==, CARPORT_TOGGLE_ON);
  g_assert_cmpint (carport_charge_settings_get_heated_right_seat (settings), ==, CARPORT_TOGGLE_ON);
}

static void
test_charges_fields (void)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GBytes) body = bytes_from_string (
    "{\"data\":{\"attributes\":{\"charges\":["
    "{\"chargeStartDate\":\"2020-11-11T00:31:03Z\",\"chargeEndDate\":\"2020-11-11T08:30:17Z\","
    "\"chargeDuration\":479,\"chargeStartBatteryLevel\":15,\"chargeEndBatteryLevel\":74,"
    "\"chargeBatteryLevelRecovered\":59,\"chargePower\":\"slow\",\"chargeStartInstantaneousPower\":3100,"
    "\"chargeEndStatus\":\"ok\"},"
    "{\"chargeStartDate\":\"2023-04-24T11:12:44Z\",\"chargeEndDate\":\"2023-04-24T12:49:39Z\","
    "\"chargeDuration\":97,\"chargeStartInstantaneousPower\":11.2,\"chargeBatteryLevelRecovered\":140,"
    "\"chargePower\":7,\"chargeEndStatus\":\"error\"}]}}}");
  g_autoptr(GPtrArray) sessions = NULL;
  g_autoptr(GError) error = NULL;
  CarportChargeSession *zoe, *megane;

  root = carport_kamereon_parse_response (200, body, &error);
  g_assert_no_error (error);
  sessions = carport_renault_parse_charges (root, "X102VE", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sessions->len, ==, 2);

  zoe = g_ptr_array_index (sessions, 0);
  g_assert_cmpint (zoe->recovered_percent, ==, 59);
  g_assert_cmpstr (zoe->power_kind, ==, "slow");
  g_assert_cmpstr (zoe->end_status, ==, "ok");
  /* 3100 is past any charger's kW: watts (api-renault.md §c.3, "W on ZE40"). */
  g_assert_cmpfloat_with_epsilon (zoe->start_power_kw, 3.1, 1e-9);

  megane = g_ptr_array_index (sessions, 1);
  g_assert_cmpfloat_with_epsilon (megane->start_power_kw, 11.2, 1e-9);
  g_assert_cmpint (megane->recovered_percent, ==, -1);
  g_assert_null (megane->power_kind);
  g_assert_cmpstr (megane->end_status, ==, "error");
}

static void
test_contracts (void)
{
  g_autoptr(CarportVehicle) vehicle = vehicle_new ("X102VE", CARPORT_ENERGY_ELECTRIC);
  GListModel *contracts = carport_services_get_contracts (carport_vehicle_get_services (vehicle));
  g_autoptr(JsonNode) root = parse_fixture ("contracts.json");
  g_autoptr(JsonNode) bad = json_from_string ("{\"data\":{\"code\":\"x\"}}", NULL);
  g_autoptr(JsonNode) junk = json_from_string ("[1, \"two\", {\"status\":\"ACTIVE\"}]", NULL);
  g_autoptr(JsonNode) none = json_from_string ("[]", NULL);
  g_autoptr(CarportContract) first = NULL;
  g_autoptr(CarportContract) rejected = NULL;
  g_autoptr(CarportContract) painting = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (carport_renault_parse_services (vehicle, CARPORT_ENDPOINT_CONTRACTS, root, &error));
  g_assert_no_error (error);
  /* The string and the contract without a name are left out. */
  g_assert_cmpuint (g_list_model_get_n_items (contracts), ==, 4);

  first = g_list_model_get_item (contracts, 0);
  g_assert_cmpstr (carport_contract_get_kind (first), ==, "CONNECTED_SERVICES");
  g_assert_cmpstr (carport_contract_get_code (first), ==, "ZECONNECTP");
  g_assert_cmpstr (carport_contract_get_description (first), ==, "My Z.E. Connect 36 mois");
  g_assert_cmpint (carport_contract_get_status (first), ==, CARPORT_CONTRACT_STATUS_ACTIVE);
  g_assert_cmpstr (carport_contract_get_start_date (first), ==, "2024-08-23");
  g_assert_cmpstr (carport_contract_get_end_date (first), ==, "2027-08-23");
  rejected = g_list_model_get_item (contracts, 1);
  g_assert_cmpint (carport_contract_get_status (rejected), ==, CARPORT_CONTRACT_STATUS_REJECTED);
  g_assert_null (carport_contract_get_end_date (rejected));
  /* 30 February is no date; a status it does not know is "unknown". */
  painting = g_list_model_get_item (contracts, 3);
  g_assert_null (carport_contract_get_end_date (painting));
  g_assert_cmpint (carport_contract_get_status (painting), ==, CARPORT_CONTRACT_STATUS_UNKNOWN);

  /* Not a list, or a list of nothing usable: INVALID_RESPONSE, the last list stays. */
  g_assert_false (carport_renault_parse_services (vehicle, CARPORT_ENDPOINT_CONTRACTS, bad, &error));
  g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_INVALID_RESPONSE);
  g_clear_error (&error);
  g_assert_false (carport_renault_parse_services (vehicle, CARPORT_ENDPOINT_CONTRACTS, junk, &error));
  g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_INVALID_RESPONSE);
  g_clear_error (&error);
  g_assert_cmpuint (g_list_model_get_n_items (contracts), ==, 4);

  /* An empty list is an answer: no contracts. */
  g_assert_true (carport_renault_parse_services (vehicle, CARPORT_ENDPOINT_CONTRACTS, none, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (contracts), ==, 0);
}

static void
test_alerts (void)
{
  g_autoptr(CarportVehicle) vehicle = vehicle_new ("XJB1SU", CARPORT_ENERGY_PLUG_IN_HYBRID);
  GListModel *alerts = carport_services_get_alerts (carport_vehicle_get_services (vehicle));
  g_autoptr(JsonNode) root = parse_fixture ("alerts.json");
  g_autoptr(CarportAlert) airbag = NULL;
  g_autoptr(CarportAlert) tyres = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (carport_renault_parse_services (vehicle, CARPORT_ENDPOINT_ALERTS, root, &error));
  g_assert_no_error (error);
  /* The alert without a title is left out. */
  g_assert_cmpuint (g_list_model_get_n_items (alerts), ==, 2);

  airbag = g_list_model_get_item (alerts, 0);
  g_assert_cmpstr (carport_alert_get_code (airbag), ==, "crashairbagmalfunction");
  g_assert_cmpstr (carport_alert_get_title (airbag), ==, "Defective airbag");
  g_assert_cmpstr (carport_alert_get_description (airbag), ==, "The airbag must be inspected");
  g_assert_cmpint (carport_alert_get_criticity (airbag), ==, 3);
  g_assert_cmpfloat (carport_alert_get_mileage_km (airbag), ==, 63593.0);

  /* The short description stands in for a missing title; bad numbers are unknown. */
  tyres = g_list_model_get_item (alerts, 1);
  g_assert_cmpstr (carport_alert_get_title (tyres), ==, "Tyre pressure low");
  g_assert_null (carport_alert_get_description (tyres));
  g_assert_cmpint (carport_alert_get_criticity (tyres), ==, -1);
  g_assert_true (isnan (carport_alert_get_mileage_km (tyres)));
}

/* The recorded answers, when ../shared/fixtures is there. */
static JsonNode *
shared_fixture (const char *name)
{
  const char *base = g_getenv ("CARPORT_SHARED_FIXTURES");
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;
  JsonNode *root;

  if (base == NULL)
    return NULL;
  path = g_build_filename (base, "renault", "kamereon", name, NULL);
  if (!g_file_get_contents (path, &contents, &length, NULL))
    return NULL;
  body = g_bytes_new_take (g_steal_pointer (&contents), length);
  root = carport_kamereon_parse_response (200, body, &error);
  g_assert_no_error (error);
  return root;
}

static void
test_shared_fixtures (void)
{
  g_autoptr(CarportVehicle) vehicle = vehicle_new ("X102VE", CARPORT_ENERGY_ELECTRIC);
  CarportServices *services = carport_vehicle_get_services (vehicle);
  g_autoptr(JsonNode) gateway = shared_fixture ("vehicle_gateway/zoe_50.1.json");
  g_autoptr(JsonNode) res_state = shared_fixture ("vehicle_data/res-state.1.json");
  g_autoptr(JsonNode) contracts = shared_fixture ("vehicle_contract/fr_FR.1.json");
  g_autoptr(JsonNode) alerts = shared_fixture ("vehicle_info/alerts.json");
  g_autoptr(JsonNode) pressure = shared_fixture ("vehicle_data/pressure.json");
  g_autoptr(CarportAlert) alert = NULL;
  g_autoptr(GError) error = NULL;

  if (gateway == NULL || res_state == NULL || contracts == NULL || alerts == NULL || pressure == NULL)
    {
      g_test_skip ("shared fixtures not found (CARPORT_SHARED_FIXTURES)");
      return;
    }

  g_assert_true (carport_kamereon_parse_endpoint (vehicle, CARPORT_ENDPOINT_CAR_ADAPTER, gateway, &error));
  g_assert_cmpstr (carport_services_get_car_gateway (services), ==, "AVN");
  g_assert_true (carport_kamereon_parse_endpoint (vehicle, CARPORT_ENDPOINT_RES_STATE, res_state, &error));
  g_assert_cmpstr (carport_services_get_remote_start_details (services), ==, "Stopped, ready for RES");
  g_assert_true (carport_kamereon_parse_endpoint (vehicle, CARPORT_ENDPOINT_PRESSURE, pressure, &error));
  g_assert_cmpint (carport_tyres_get_status (carport_vehicle_get_tyres (vehicle), CARPORT_TYRE_FRONT_LEFT), ==,
                   CARPORT_TYRE_STATUS_OK);
  g_assert_true (carport_renault_parse_services (vehicle, CARPORT_ENDPOINT_CONTRACTS, contracts, &error));
  g_assert_cmpuint (g_list_model_get_n_items (carport_services_get_contracts (services)), >=, 4);
  g_assert_true (carport_renault_parse_services (vehicle, CARPORT_ENDPOINT_ALERTS, alerts, &error));
  g_assert_no_error (error);
  alert = g_list_model_get_item (carport_services_get_alerts (services), 0);
  g_assert_cmpstr (carport_alert_get_title (alert), ==, "Defective airbag");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/kamereon-records/battery-capacity", test_battery_capacity);
  g_test_add_func ("/kamereon-records/tyre-status", test_tyre_status);
  g_test_add_func ("/kamereon-records/car-adapter", test_car_adapter);
  g_test_add_func ("/kamereon-records/res-state", test_res_state_details);
  g_test_add_func ("/kamereon-records/notification-settings", test_notification_settings);
  g_test_add_func ("/kamereon-records/settings-values", test_settings_values);
  g_test_add_func ("/kamereon-records/charges-fields", test_charges_fields);
  g_test_add_func ("/kamereon-records/contracts", test_contracts);
  g_test_add_func ("/kamereon-records/alerts", test_alerts);
  g_test_add_func ("/kamereon-records/shared-fixtures", test_shared_fixtures);

  return g_test_run ();
}
