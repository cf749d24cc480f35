/* test-renault-models.c — the capability table, action bodies and locales.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "carport-renault-models.h"

#define TEST_VIN "VF1TEST0000000042"
#define EP(e) (1u << CARPORT_ENDPOINT_ ## e)
#define CMD(c) (1u << CARPORT_COMMAND_KIND_ ## c)

/* ------------------------------------------------------------------------ */
/* Helpers                                                                   */

static void
assert_json_equal (const char *actual,
                   const char *expected)
{
  g_autoptr(JsonNode) a = NULL;
  g_autoptr(JsonNode) b = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (actual);
  a = json_from_string (actual, &error);
  g_assert_no_error (error);
  b = json_from_string (expected, &error);
  g_assert_no_error (error);

  if (!json_node_equal (a, b))
    g_error ("JSON differs:\n  got      %s\n  expected %s", actual, expected);
}

static char *
build (const char         *model,
       CarportCommandKind  kind,
       JsonNode           *current,
       GError            **error)
{
  g_autoptr(CarportCommand) command = carport_command_new (kind, TEST_VIN);

  return carport_renault_build_action_body (model, command, current, error);
}

static void
assert_body (const char         *model,
             CarportCommandKind  kind,
             const char         *expected)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *body = build (model, kind, NULL, &error);

  g_assert_no_error (error);
  assert_json_equal (body, expected);
}

static void
assert_endpoint (const char      *model,
                 CarportEndpoint  endpoint,
                 const char      *path,
                 CarportActionMode mode)
{
  const CarportEndpointDef *def = carport_renault_model_get_endpoint (model, endpoint);

  if (path == NULL)
    {
      g_assert_null (def);
      return;
    }
  g_assert_nonnull (def);
  g_assert_cmpstr (def->path, ==, path);
  g_assert_cmpint (def->mode, ==, mode);
}

static void
assert_action (const char         *model,
               CarportCommandKind  kind,
               const char         *path,
               CarportActionMode   mode)
{
  const CarportEndpointDef *def = carport_renault_model_get_action (model, kind);

  if (path == NULL)
    {
      g_assert_null (def);
      return;
    }
  g_assert_nonnull (def);
  g_assert_cmpstr (def->path, ==, path);
  g_assert_cmpint (def->mode, ==, mode);
}

/* ------------------------------------------------------------------------ */
/* Model table                                                               */

static void
test_model_known (void)
{
  static const char * const codes[] = {
    "A4E1VE", "A5E1AE", "DU31SU", "R5E1VE", "X071VE", "X101VE", "X102VE", "XBG1VE",
    "XCB1SE", "XCB1VE", "XDD1VE", "XFB2BI", "XHN1CP", "XHN1ML", "XHN1SU", "XJA1VP",
    "XJA2VP", "XJB1SU", "XJB2CP", "XJF2BI", "XJL2TR",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (codes); i++)
    {
      g_assert_true (carport_renault_model_is_known (codes[i]));
      g_assert_nonnull (carport_renault_model_get_name (codes[i]));
      /* Every known model differs from the defaults in something. */
      g_assert_true (carport_renault_model_supported_endpoints (codes[i]) !=
                     carport_renault_model_supported_endpoints (NULL) ||
                     carport_renault_model_supported_commands (codes[i]) !=
                     carport_renault_model_supported_commands (NULL));
      /* Trip history is Nissan's: no Renault car ever asks it. */
      g_assert_false (carport_renault_model_supported_endpoints (codes[i]) & EP (TRIP_HISTORY));
      g_assert_null (carport_renault_model_get_endpoint (codes[i], CARPORT_ENDPOINT_TRIP_HISTORY));
    }

  g_assert_false (carport_renault_model_is_known ("XJD1SU"));
  g_assert_false (carport_renault_model_is_known (""));
  g_assert_false (carport_renault_model_is_known (NULL));
  g_assert_true (carport_renault_model_is_known ("x101ve"));
  g_assert_cmpstr (carport_renault_model_get_name ("XBG1VE"), ==, "DACIA SPRING");
  g_assert_null (carport_renault_model_get_name ("XJD1SU"));
}

/* The car-adapter root and the contracts: not in renault-api's table, every car has them. */
#define EVERY_CAR (EP (CAR_ADAPTER) | EP (CONTRACTS))

/* notification-settings and alerts follow the table (api-renault.md §c.5);
 * the root and the contracts are every car's, the contracts beside kamereon/. */
static void
test_model_records (void)
{
  g_assert_true (carport_renault_model_supported_endpoints ("R5E1VE") & EP (ALERTS));
  g_assert_false (carport_renault_model_supported_endpoints ("R5E1VE") & EP (NOTIFICATION_SETTINGS));
  g_assert_false (carport_renault_model_supported_endpoints ("A5E1AE") & EP (ALERTS));
  g_assert_true (carport_renault_model_supported_endpoints ("X102VE") & EP (ALERTS));
  g_assert_true (carport_renault_model_supported_endpoints ("X102VE") & EP (NOTIFICATION_SETTINGS));
  g_assert_cmpuint (carport_renault_model_supported_endpoints ("A5E1AE") & EVERY_CAR, ==, EVERY_CAR);
  assert_endpoint ("X102VE", CARPORT_ENDPOINT_CAR_ADAPTER, "kca/car-adapter/v2/cars/{vin}", CARPORT_ACTION_MODE_DEFAULT);
  assert_endpoint ("X102VE", CARPORT_ENDPOINT_CONTRACTS, "../vehicles/{vin}/contracts", CARPORT_ACTION_MODE_DEFAULT);
  assert_endpoint ("X102VE", CARPORT_ENDPOINT_ALERTS, "vehicles/{vin}/alerts", CARPORT_ACTION_MODE_DEFAULT);
  assert_endpoint ("X102VE", CARPORT_ENDPOINT_NOTIFICATION_SETTINGS,
                   "kca/car-adapter/v1/cars/{vin}/notification-settings", CARPORT_ACTION_MODE_DEFAULT);
}

static void
test_model_defaults (void)
{
  guint all_endpoints = (1u << CARPORT_N_ENDPOINTS) - 1;
  /* Asking for the lock status is Nissan's only. */
  guint all_commands = ((1u << CARPORT_N_COMMAND_KINDS) - 1) & ~(1u << CARPORT_COMMAND_KIND_REFRESH_LOCKS);
  static const char * const unknown[] = { NULL, "", "XJD1SU", "NOPE" };

  for (gsize i = 0; i < G_N_ELEMENTS (unknown); i++)
    {
      /* Everything but KCM ev/settings and Nissan's trip history. */
      g_assert_cmpuint (carport_renault_model_supported_endpoints (unknown[i]), ==,
                        all_endpoints & ~EP (EV_SETTINGS) & ~EP (TRIP_HISTORY));
      g_assert_cmpuint (carport_renault_model_supported_commands (unknown[i]), ==, all_commands);
    }

  assert_endpoint (NULL, CARPORT_ENDPOINT_BATTERY_STATUS,
                   "kca/car-adapter/v2/cars/{vin}/battery-status", CARPORT_ACTION_MODE_DEFAULT);
  assert_endpoint (NULL, CARPORT_ENDPOINT_COCKPIT,
                   "kca/car-adapter/v1/cars/{vin}/cockpit", CARPORT_ACTION_MODE_DEFAULT);
  assert_endpoint (NULL, CARPORT_ENDPOINT_SOC_LEVELS,
                   "kcm/v1/vehicles/{vin}/ev/soc-levels", CARPORT_ACTION_MODE_KCM_PLAIN);
  assert_endpoint (NULL, CARPORT_ENDPOINT_EV_SETTINGS, NULL, 0);
  assert_action (NULL, CARPORT_COMMAND_KIND_HVAC_STOP,
                 "kca/car-adapter/v1/cars/{vin}/actions/hvac-start", CARPORT_ACTION_MODE_DEFAULT);
  assert_action (NULL, CARPORT_COMMAND_KIND_CHARGE_START,
                 "kca/car-adapter/v1/cars/{vin}/actions/charging-start", CARPORT_ACTION_MODE_DEFAULT);
  assert_action (NULL, CARPORT_COMMAND_KIND_CHARGE_SCHEDULE,
                 "kca/car-adapter/v2/cars/{vin}/actions/charge-schedule", CARPORT_ACTION_MODE_DEFAULT);
  assert_action (NULL, CARPORT_COMMAND_KIND_HVAC_SCHEDULE,
                 "kca/car-adapter/v2/cars/{vin}/actions/hvac-schedule", CARPORT_ACTION_MODE_DEFAULT);
  assert_action (NULL, CARPORT_COMMAND_KIND_HORN,
                 "kca/car-adapter/v1/cars/{vin}/actions/horn-lights", CARPORT_ACTION_MODE_DEFAULT);
  assert_action (NULL, CARPORT_COMMAND_KIND_REFRESH_BATTERY,
                 "kca/car-adapter/v1/cars/{vin}/actions/refresh-battery-status", CARPORT_ACTION_MODE_DEFAULT);
  assert_action (NULL, CARPORT_COMMAND_KIND_SOC_LEVELS,
                 "kcm/v1/vehicles/{vin}/ev/soc-levels", CARPORT_ACTION_MODE_KCM_PLAIN);
}

static void
test_model_zoe_ph1 (void)
{
  guint endpoints = carport_renault_model_supported_endpoints ("X101VE");
  guint commands = carport_renault_model_supported_commands ("X101VE");

  g_assert_true (carport_renault_model_reports_watts ("X101VE"));
  g_assert_false (carport_renault_model_reports_watts ("X102VE"));
  g_assert_false (carport_renault_model_reports_watts (NULL));

  /* Marked unsupported: location, lock-status, res-state, pressure, soc-levels;
   * notification-settings and alerts not listed: the defaults. */
  g_assert_cmpuint (endpoints, ==,
                    EP (BATTERY_STATUS) | EP (COCKPIT) | EP (HVAC_STATUS) | EP (HVAC_SETTINGS) |
                    EP (CHARGE_MODE) | EP (CHARGING_SETTINGS) | EP (CHARGE_SCHEDULE) |
                    EVERY_CAR | EP (NOTIFICATION_SETTINGS) | EP (ALERTS));
  g_assert_false (commands & CMD (SOC_LEVELS));
  g_assert_true (commands & CMD (CHARGE_START));
  g_assert_true (commands & CMD (HORN));   /* not listed → default */
  assert_action ("X101VE", CARPORT_COMMAND_KIND_HVAC_STOP,
                 "kca/car-adapter/v1/cars/{vin}/actions/hvac-start", CARPORT_ACTION_MODE_DEFAULT);
}

static void
test_model_alternatives (void)
{
  /* Spring: KCA stop for hvac, pause-resume for charging. */
  assert_action ("XBG1VE", CARPORT_COMMAND_KIND_HVAC_STOP,
                 "kca/car-adapter/v1/cars/{vin}/actions/hvac-start", CARPORT_ACTION_MODE_KCA_STOP);
  assert_action ("XBG1VE", CARPORT_COMMAND_KIND_CHARGE_START,
                 "kcm/v1/vehicles/{vin}/charge/pause-resume", CARPORT_ACTION_MODE_KCM_PAUSE_RESUME);
  assert_action ("XBG1VE", CARPORT_COMMAND_KIND_CHARGE_STOP,
                 "kcm/v1/vehicles/{vin}/charge/pause-resume", CARPORT_ACTION_MODE_KCM_PAUSE_RESUME);
  assert_action ("XBG1VE", CARPORT_COMMAND_KIND_HORN, NULL, 0);
  assert_endpoint ("XBG1VE", CARPORT_ENDPOINT_HVAC_SETTINGS, NULL, 0);
  assert_endpoint ("XBG1VE", CARPORT_ENDPOINT_SOC_LEVELS, NULL, 0);
  /* It reads no programmes, so it is not offered to send them (they go whole, as read). */
  assert_action ("XBG1VE", CARPORT_COMMAND_KIND_CHARGE_SCHEDULE, NULL, 0);
  assert_action ("XBG1VE", CARPORT_COMMAND_KIND_HVAC_SCHEDULE, NULL, 0);

  /* ZOE phase 2: default start, pause-resume stop. */
  assert_action ("X102VE", CARPORT_COMMAND_KIND_CHARGE_START,
                 "kca/car-adapter/v1/cars/{vin}/actions/charging-start", CARPORT_ACTION_MODE_DEFAULT);
  assert_action ("X102VE", CARPORT_COMMAND_KIND_CHARGE_STOP,
                 "kcm/v1/vehicles/{vin}/charge/pause-resume", CARPORT_ACTION_MODE_KCM_PAUSE_RESUME);
  assert_endpoint ("X102VE", CARPORT_ENDPOINT_PRESSURE,
                   "kca/car-adapter/v1/cars/{vin}/pressure", CARPORT_ACTION_MODE_DEFAULT);
  assert_endpoint ("X102VE", CARPORT_ENDPOINT_CHARGE_MODE, NULL, 0);

  /* Megane E-Tech: KCM charge/start and charge/schedule, no stop. */
  assert_action ("XCB1VE", CARPORT_COMMAND_KIND_CHARGE_START,
                 "kcm/v1/vehicles/{vin}/charge/start", CARPORT_ACTION_MODE_KCM);
  assert_action ("XCB1VE", CARPORT_COMMAND_KIND_CHARGE_SCHEDULE,
                 "kcm/v1/vehicles/{vin}/charge/schedule", CARPORT_ACTION_MODE_KCM);
  assert_action ("XCB1VE", CARPORT_COMMAND_KIND_CHARGE_STOP, NULL, 0);
  assert_endpoint ("XCB1VE", CARPORT_ENDPOINT_CHARGE_SCHEDULE, NULL, 0);
  assert_endpoint ("XCB1VE", CARPORT_ENDPOINT_EV_SETTINGS, NULL, 0);

  /* R5: ev/settings for "charge now" and the schedules, stop for hvac. */
  assert_action ("R5E1VE", CARPORT_COMMAND_KIND_CHARGE_START,
                 "kcm/v1/vehicles/{vin}/ev/settings", CARPORT_ACTION_MODE_KCM_SETTINGS);
  assert_action ("R5E1VE", CARPORT_COMMAND_KIND_HVAC_STOP,
                 "kca/car-adapter/v1/cars/{vin}/actions/hvac-start", CARPORT_ACTION_MODE_KCA_STOP);
  assert_action ("R5E1VE", CARPORT_COMMAND_KIND_CHARGE_STOP, NULL, 0);
  assert_action ("R5E1VE", CARPORT_COMMAND_KIND_CHARGE_MODE, NULL, 0);
  assert_endpoint ("R5E1VE", CARPORT_ENDPOINT_EV_SETTINGS,
                   "kcm/v1/vehicles/{vin}/ev/settings", CARPORT_ACTION_MODE_KCM_PLAIN);
  assert_endpoint ("R5E1VE", CARPORT_ENDPOINT_CHARGE_SCHEDULE, NULL, 0);
  assert_endpoint ("R5E1VE", CARPORT_ENDPOINT_CHARGING_SETTINGS, NULL, 0);
  assert_endpoint ("R5E1VE", CARPORT_ENDPOINT_SOC_LEVELS,
                   "kcm/v1/vehicles/{vin}/ev/soc-levels", CARPORT_ACTION_MODE_KCM_PLAIN);

  /* A290 and Master. */
  assert_action ("A5E1AE", CARPORT_COMMAND_KIND_HVAC_STOP,
                 "kca/car-adapter/v1/cars/{vin}/actions/hvac-start", CARPORT_ACTION_MODE_KCA_STOP);
  assert_action ("XDD1VE", CARPORT_COMMAND_KIND_HVAC_STOP,
                 "kca/car-adapter/v1/cars/{vin}/actions/hvac-start", CARPORT_ACTION_MODE_DEFAULT);
  assert_action ("XDD1VE", CARPORT_COMMAND_KIND_CHARGE_MODE,
                 "kca/car-adapter/v1/cars/{vin}/actions/charge-mode", CARPORT_ACTION_MODE_DEFAULT);
  assert_action ("A4E1VE", CARPORT_COMMAND_KIND_CHARGE_START,
                 "kcm/v1/vehicles/{vin}/ev/settings", CARPORT_ACTION_MODE_KCM_SETTINGS);

  /* Scenic and Rafale: schedules from ev/settings only. */
  assert_endpoint ("XCB1SE", CARPORT_ENDPOINT_EV_SETTINGS,
                   "kcm/v1/vehicles/{vin}/ev/settings", CARPORT_ACTION_MODE_KCM_PLAIN);
  assert_action ("XHN1CP", CARPORT_COMMAND_KIND_CHARGE_START, NULL, 0);
  assert_endpoint ("XHN1CP", CARPORT_ENDPOINT_EV_SETTINGS,
                   "kcm/v1/vehicles/{vin}/ev/settings", CARPORT_ACTION_MODE_KCM_PLAIN);
}

/* Remote engine start (experimental): where res-state is read (the Captur
 * II, and a model not in the table), with the PIN's enrolment; dropped on a
 * car without an engine; its body carries the SRP step's proof. */
static void
test_engine_start (void)
{
  guint engine = CMD (ENGINE_START) | CMD (ENGINE_STOP);
  guint captur = carport_renault_model_supported_commands ("XJB1SU");
  g_autoptr(CarportCommand) command = carport_command_new (CARPORT_COMMAND_KIND_ENGINE_STOP, TEST_VIN);
  g_autoptr(JsonNode) proof = json_from_string ("{\"srp\":\"0A1B\"}", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;

  g_assert_cmpuint (captur & engine, ==, engine);
  g_assert_true (captur & CMD (SRP_ENROL));
  g_assert_false (captur & CMD (LOCK));
  g_assert_true (carport_renault_model_supported_endpoints ("XJB1SU") & EP (RES_STATE));
  g_assert_cmpuint (carport_renault_model_supported_commands (NULL) & engine, ==, engine);
  /* The models whose res-state renault-api marks unsupported. */
  g_assert_false (carport_renault_model_supported_commands ("XJF2BI") & engine);
  g_assert_false (carport_renault_model_supported_commands ("XJA1VP") & engine);
  g_assert_false (carport_renault_model_supported_commands ("XCB1VE") & engine);

  g_assert_cmpuint (carport_renault_model_drop_engineless (captur, CARPORT_ENERGY_PLUG_IN_HYBRID), ==, captur);
  g_assert_cmpuint (carport_renault_model_drop_engineless (captur, CARPORT_ENERGY_FUEL), ==, captur);
  g_assert_cmpuint (carport_renault_model_drop_engineless (captur, CARPORT_ENERGY_ELECTRIC), ==, captur & ~engine);
  g_assert_cmpuint (carport_renault_model_drop_engineless (captur, CARPORT_ENERGY_NONE), ==, captur & ~engine);

  assert_action ("XJB1SU", CARPORT_COMMAND_KIND_ENGINE_START,
                 "kca/car-adapter/v1/cars/{vin}/actions/engine-start", CARPORT_ACTION_MODE_SRP);
  body = carport_renault_build_action_body ("XJB1SU", command, proof, &error);
  g_assert_no_error (error);
  assert_json_equal (body, "{\"data\":{\"type\":\"EngineStart\",\"attributes\":{\"srp\":\"0A1B\",\"action\":\"stop\"}}}");
  g_clear_pointer (&body, g_free);
  /* Without the proof nothing is built. */
  body = carport_renault_build_action_body ("XJB1SU", command, NULL, &error);
  g_assert_null (body);
  g_assert_nonnull (error);
}

static void
test_model_fuel_cars (void)
{
  /* Clio V: cockpit and location only; refreshes follow the endpoints. */
  g_assert_cmpuint (carport_renault_model_supported_endpoints ("XJA1VP"), ==, EP (COCKPIT) | EP (LOCATION) | EVERY_CAR);
  g_assert_cmpuint (carport_renault_model_supported_endpoints ("XJA2VP"), ==, EP (COCKPIT) | EP (LOCATION) | EVERY_CAR);
  g_assert_false (carport_renault_model_supported_commands ("XJA1VP") & CMD (REFRESH_BATTERY));
  g_assert_false (carport_renault_model_supported_commands ("XJA1VP") & CMD (HORN));
  g_assert_true (carport_renault_model_supported_commands ("XJA1VP") & CMD (REFRESH_LOCATION));

  /* Sandero: horn, lights and refresh-location only; remote lock, whose
   * outcome the lock state shows. */
  g_assert_cmpuint (carport_renault_model_supported_endpoints ("XJF2BI"), ==,
                    EP (COCKPIT) | EP (LOCATION) | EP (LOCK_STATUS) | EVERY_CAR);
  g_assert_cmpuint (carport_renault_model_supported_commands ("XJF2BI"), ==,
                    CMD (HORN) | CMD (LIGHTS) | CMD (REFRESH_LOCATION) |
                    CMD (LOCK) | CMD (UNLOCK) | CMD (SRP_ENROL));

  /* Duster III: hvac actions not listed → default, horn unsupported. */
  g_assert_true (carport_renault_model_supported_commands ("DU31SU") & CMD (HVAC_START));
  g_assert_false (carport_renault_model_supported_commands ("DU31SU") & CMD (LIGHTS));

  /* Arkana: battery-status not listed → default. */
  g_assert_true (carport_renault_model_supported_endpoints ("XJL2TR") & EP (BATTERY_STATUS));
  g_assert_false (carport_renault_model_supported_endpoints ("XJL2TR") & EP (HVAC_STATUS));
  g_assert_false (carport_renault_model_supported_commands ("XJL2TR") & CMD (REFRESH_HVAC));

  /* Megane IV: location unsupported. */
  g_assert_false (carport_renault_model_supported_endpoints ("XFB2BI") & EP (LOCATION));
  g_assert_true (carport_renault_model_supported_endpoints ("XFB2BI") & EP (CHARGING_SETTINGS));
}

/* ------------------------------------------------------------------------ */
/* Action bodies                                                             */

/* Every model, known or not, takes 15–25 °C in 0.5 steps (§c.4). */
static void
test_model_climate_range (void)
{
  static const char *models[] = { "X101VE", "X102VE", "XCB1VE", "R5E1VE", "XBG1VE", "NOPE", "", NULL };

  for (gsize i = 0; i < G_N_ELEMENTS (models); i++)
    {
      CarportClimateRange range;

      carport_renault_model_get_climate_range (models[i], &range);
      g_assert_cmpfloat (range.min_c, ==, 15.0);
      g_assert_cmpfloat (range.max_c, ==, 25.0);
      g_assert_cmpfloat (range.step_c, ==, 0.5);
    }
}

static void
test_body_hvac (void)
{
  g_autoptr(CarportCommand) command = carport_command_new (CARPORT_COMMAND_KIND_HVAC_START, TEST_VIN);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) later = g_date_time_add_hours (now, 3);
  g_autoptr(GDateTime) earlier = g_date_time_add_minutes (now, -1);
  g_autoptr(GTimeZone) plus2 = g_time_zone_new_identifier ("+02:00");
  g_autoptr(GDateTime) fixed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *later_text = NULL;

  /* Default temperature. */
  assert_body ("X102VE", CARPORT_COMMAND_KIND_HVAC_START,
               "{\"data\":{\"type\":\"HvacStart\",\"attributes\":{\"action\":\"start\",\"targetTemperature\":21.0}}}");

  carport_command_set_temperature_c (command, 19.5);
  body = carport_renault_build_action_body ("X102VE", command, NULL, &error);
  g_assert_no_error (error);
  assert_json_equal (body, "{\"data\":{\"type\":\"HvacStart\",\"attributes\":{\"action\":\"start\",\"targetTemperature\":19.5}}}");
  g_clear_pointer (&body, g_free);

  /* Limits. */
  carport_command_set_temperature_c (command, 15.0);
  body = carport_renault_build_action_body ("X102VE", command, NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&body, g_free);
  carport_command_set_temperature_c (command, 25.0);
  body = carport_renault_build_action_body ("X102VE", command, NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&body, g_free);

  carport_command_set_temperature_c (command, 14.5);
  g_assert_null (carport_renault_build_action_body ("X102VE", command, NULL, &error));
  g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  carport_command_set_temperature_c (command, 25.5);
  g_assert_null (carport_renault_build_action_body ("X102VE", command, NULL, &error));
  g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_INVALID_INPUT);
  g_assert_cmpstr (error->message, ==, "The temperature must be between 15 °C and 25 °C.");
  g_clear_error (&error);
  carport_command_set_temperature_c (command, INFINITY);
  g_assert_null (carport_renault_build_action_body ("X102VE", command, NULL, &error));
  g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  /* A start time in the future, written in UTC. */
  carport_command_set_temperature_c (command, 22.0);
  fixed = g_date_time_to_timezone (later, plus2);
  carport_command_set_start_at (command, fixed);
  body = carport_renault_build_action_body ("X102VE", command, NULL, &error);
  g_assert_no_error (error);
  later_text = g_date_time_format (later, "%Y-%m-%dT%H:%M:%SZ");
  expected = g_strdup_printf ("{\"data\":{\"type\":\"HvacStart\",\"attributes\":{\"action\":\"start\","
                              "\"targetTemperature\":22.0,\"startDateTime\":\"%s\"}}}", later_text);
  assert_json_equal (body, expected);
  g_clear_pointer (&body, g_free);

  /* …and not in the past. */
  carport_command_set_start_at (command, earlier);
  g_assert_null (carport_renault_build_action_body ("X102VE", command, NULL, &error));
  g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  /* Stop: "cancel", or "stop" on KCA_STOP models. */
  assert_body ("X102VE", CARPORT_COMMAND_KIND_HVAC_STOP,
               "{\"data\":{\"type\":\"HvacStart\",\"attributes\":{\"action\":\"cancel\"}}}");
  assert_body (NULL, CARPORT_COMMAND_KIND_HVAC_STOP,
               "{\"data\":{\"type\":\"HvacStart\",\"attributes\":{\"action\":\"cancel\"}}}");
  assert_body ("A5E1AE", CARPORT_COMMAND_KIND_HVAC_STOP,
               "{\"data\":{\"type\":\"HvacStart\",\"attributes\":{\"action\":\"stop\"}}}");
  assert_body ("R5E1VE", CARPORT_COMMAND_KIND_HVAC_STOP,
               "{\"data\":{\"type\":\"HvacStart\",\"attributes\":{\"action\":\"stop\"}}}");
  assert_body ("XBG1VE", CARPORT_COMMAND_KIND_HVAC_STOP,
               "{\"data\":{\"type\":\"HvacStart\",\"attributes\":{\"action\":\"stop\"}}}");
}

static void
test_body_charging (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CarportCommand) command = carport_command_new (CARPORT_COMMAND_KIND_CHARGE_START, TEST_VIN);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) later = g_date_time_add_minutes (now, 90);
  g_autofree char *body = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *later_text = NULL;

  assert_body ("X102VE", CARPORT_COMMAND_KIND_CHARGE_START,
               "{\"data\":{\"type\":\"ChargingStart\",\"attributes\":{\"action\":\"start\"}}}");
  assert_body (NULL, CARPORT_COMMAND_KIND_CHARGE_STOP,
               "{\"data\":{\"type\":\"ChargingStart\",\"attributes\":{\"action\":\"stop\"}}}");
  assert_body ("XCB1VE", CARPORT_COMMAND_KIND_CHARGE_START,
               "{\"data\":{\"type\":\"ChargingStart\",\"attributes\":{\"action\":\"start\"}}}");
  assert_body ("XBG1VE", CARPORT_COMMAND_KIND_CHARGE_START,
               "{\"data\":{\"type\":\"ChargePauseResume\",\"attributes\":{\"action\":\"resume\"}}}");
  assert_body ("XBG1VE", CARPORT_COMMAND_KIND_CHARGE_STOP,
               "{\"data\":{\"type\":\"ChargePauseResume\",\"attributes\":{\"action\":\"pause\"}}}");
  assert_body ("X102VE", CARPORT_COMMAND_KIND_CHARGE_STOP,
               "{\"data\":{\"type\":\"ChargePauseResume\",\"attributes\":{\"action\":\"pause\"}}}");

  /* KCM charge/start with a delayed start. */
  carport_command_set_start_at (command, later);
  body = carport_renault_build_action_body ("XCB1VE", command, NULL, &error);
  g_assert_no_error (error);
  later_text = g_date_time_format (later, "%Y-%m-%dT%H:%M:%SZ");
  expected = g_strdup_printf ("{\"data\":{\"type\":\"ChargingStart\",\"attributes\":{\"action\":\"start\","
                              "\"startDateTime\":\"%s\"}}}", later_text);
  assert_json_equal (body, expected);

  /* Pause-resume cannot start later. */
  g_assert_null (carport_renault_build_action_body ("XBG1VE", command, NULL, &error));
  g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  /* Nor the KCA charging-start, which takes no start time (§c.4): only the
   * Megane's KCM charge/start does, as its capability says. */
  g_assert_null (carport_renault_build_action_body ("X102VE", command, NULL, &error));
  g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_true (carport_renault_model_takes_charge_start_time ("XCB1VE"));
  g_assert_false (carport_renault_model_takes_charge_start_time ("X102VE"));
  g_assert_false (carport_renault_model_takes_charge_start_time ("XBG1VE"));
  g_assert_false (carport_renault_model_takes_charge_start_time ("R5E1VE"));

  /* Not offered. */
  g_assert_null (build ("XCB1VE", CARPORT_COMMAND_KIND_CHARGE_STOP, NULL, &error));
  g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_NOT_SUPPORTED);
}

static void
test_body_charge_settings (void)
{
  const char *settings =
    "{\"lastSettingsUpdateTimestamp\":\"2025-01-01T00:00:00Z\",\"chargeModeRq\":\"SCHEDULED\","
    "\"chargeTimeStart\":\"01:00\",\"chargeDuration\":300,\"preconditioningTemperature\":20.5,"
    "\"programs\":[{\"programActivationStatus\":true,\"programType\":\"CHARGE\",\"programDepartureTime\":\"07:00\","
    "\"programActivationMonday\":true},"
    "{\"programActivationStatus\":false,\"programType\":\"PRECONDITIONING\",\"programDepartureTime\":\"08:00\"}]}";
  const char *expected =
    "{\"lastSettingsUpdateTimestamp\":\"2025-01-01T00:00:00Z\",\"chargeModeRq\":\"SCHEDULED\","
    "\"chargeTimeStart\":\"01:00\",\"chargeDuration\":300,\"preconditioningTemperature\":20.5,"
    "\"programs\":[{\"programActivationStatus\":false,\"programType\":\"CHARGE\",\"programDepartureTime\":\"07:00\","
    "\"programActivationMonday\":true},"
    "{\"programActivationStatus\":false,\"programType\":\"PRECONDITIONING\",\"programDepartureTime\":\"08:00\"}]}";
  g_autoptr(JsonNode) current = json_from_string (settings, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  g_autofree char *unchanged = NULL;

  body = build ("R5E1VE", CARPORT_COMMAND_KIND_CHARGE_START, current, &error);
  g_assert_no_error (error);
  assert_json_equal (body, expected);

  /* @current itself is left alone. */
  unchanged = json_to_string (current, FALSE);
  assert_json_equal (unchanged, settings);

  /* Without the settings there is nothing to send. */
  g_assert_null (build ("R5E1VE", CARPORT_COMMAND_KIND_CHARGE_START, NULL, &error));
  g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_INVALID_INPUT);
}

static void
test_body_charge_mode (void)
{
  g_autoptr(CarportCommand) command = carport_command_new (CARPORT_COMMAND_KIND_CHARGE_MODE, TEST_VIN);
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;

  carport_command_set_charge_mode (command, CARPORT_CHARGE_MODE_ALWAYS);
  body = carport_renault_build_action_body ("X101VE", command, NULL, &error);
  g_assert_no_error (error);
  assert_json_equal (body, "{\"data\":{\"type\":\"ChargeMode\",\"attributes\":{\"action\":\"always_charging\"}}}");
  g_clear_pointer (&body, g_free);

  carport_command_set_charge_mode (command, CARPORT_CHARGE_MODE_SCHEDULED);
  body = carport_renault_build_action_body ("X101VE", command, NULL, &error);
  g_assert_no_error (error);
  assert_json_equal (body, "{\"data\":{\"type\":\"ChargeMode\",\"attributes\":{\"action\":\"schedule_mode\"}}}");

  carport_command_set_charge_mode (command, CARPORT_CHARGE_MODE_DELAYED);
  g_assert_null (carport_renault_build_action_body ("X101VE", command, NULL, &error));
  g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  carport_command_set_charge_mode (command, CARPORT_CHARGE_MODE_NONE);
  g_assert_null (carport_renault_build_action_body ("X101VE", command, NULL, &error));
  g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_INVALID_INPUT);
}

static void
test_body_simple (void)
{
  assert_body ("R5E1VE", CARPORT_COMMAND_KIND_HORN,
               "{\"data\":{\"type\":\"HornLights\",\"attributes\":{\"action\":\"start\",\"target\":\"horn\"}}}");
  assert_body ("R5E1VE", CARPORT_COMMAND_KIND_LIGHTS,
               "{\"data\":{\"type\":\"HornLights\",\"attributes\":{\"action\":\"start\",\"target\":\"lights\"}}}");
  assert_body ("R5E1VE", CARPORT_COMMAND_KIND_REFRESH_LOCATION, "{\"data\":{\"type\":\"RefreshLocation\"}}");
  assert_body ("R5E1VE", CARPORT_COMMAND_KIND_REFRESH_BATTERY, "{\"data\":{\"type\":\"RefreshBatteryStatus\"}}");
  assert_body ("R5E1VE", CARPORT_COMMAND_KIND_REFRESH_HVAC, "{\"data\":{\"type\":\"RefreshHvacStatus\"}}");
}

static void
test_body_soc_levels (void)
{
  static const struct {
    int min, target;
    gboolean ok;
  } cases[] = {
    { 15, 55, TRUE }, { 45, 100, TRUE }, { 20, 80, TRUE },
    { 10, 80, FALSE }, { 50, 80, FALSE }, { 22, 80, FALSE },
    { 20, 50, FALSE }, { 20, 105, FALSE }, { 20, 83, FALSE },
    { -1, 80, FALSE }, { 20, -1, FALSE },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(CarportCommand) command = carport_command_new (CARPORT_COMMAND_KIND_SOC_LEVELS, TEST_VIN);
      g_autoptr(GError) error = NULL;
      g_autofree char *body = NULL;

      carport_command_set_soc_min_percent (command, cases[i].min);
      carport_command_set_soc_target_percent (command, cases[i].target);
      body = carport_renault_build_action_body ("R5E1VE", command, NULL, &error);

      if (cases[i].ok)
        {
          g_autofree char *expected = g_strdup_printf ("{\"socMin\":%d,\"socTarget\":%d}",
                                                       cases[i].min, cases[i].target);

          g_assert_no_error (error);
          assert_json_equal (body, expected);
        }
      else
        {
          g_assert_null (body);
          g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_INVALID_INPUT);
        }
    }

  /* Spring has no soc-levels. */
  {
    g_autoptr(CarportCommand) command = carport_command_new (CARPORT_COMMAND_KIND_SOC_LEVELS, TEST_VIN);
    g_autoptr(GError) error = NULL;

    carport_command_set_soc_min_percent (command, 20);
    carport_command_set_soc_target_percent (command, 80);
    g_assert_null (carport_renault_build_action_body ("XBG1VE", command, NULL, &error));
    g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_NOT_SUPPORTED);
  }
}

static CarportSchedule *
schedule_new (int                 id,
              CarportScheduleKind kind,
              gboolean            activated,
              guint               days,
              const char         *start,
              gboolean            utc,
              int                 duration)
{
  CarportSchedule *schedule = carport_schedule_new ();

  carport_schedule_set_id (schedule, id);
  carport_schedule_set_kind (schedule, kind);
  carport_schedule_set_activated (schedule, activated);
  carport_schedule_set_days (schedule, days);
  carport_schedule_set_start_time (schedule, start);
  carport_schedule_set_start_time_is_utc (schedule, utc);
  carport_schedule_set_duration_minutes (schedule, duration);

  return schedule;
}

static void
test_body_schedules (void)
{
  g_autoptr(GListStore) store = g_list_store_new (CARPORT_TYPE_SCHEDULE);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) charge = NULL;
  g_autoptr(JsonNode) climate = NULL;
  g_autofree char *body = NULL;

  {
    g_autoptr(CarportSchedule) a = schedule_new (1, CARPORT_SCHEDULE_KIND_CHARGE, TRUE,
                                                 (1u << CARPORT_WEEKDAY_MONDAY) | (1u << CARPORT_WEEKDAY_TUESDAY),
                                                 "21:30", TRUE, 480);
    g_autoptr(CarportSchedule) b = schedule_new (1, CARPORT_SCHEDULE_KIND_CHARGE, TRUE,
                                                 1u << CARPORT_WEEKDAY_SUNDAY, "23:00", TRUE, 300);
    g_autoptr(CarportSchedule) c = schedule_new (2, CARPORT_SCHEDULE_KIND_CHARGE, FALSE, 0, NULL, TRUE, -1);
    g_autoptr(CarportSchedule) d = schedule_new (1, CARPORT_SCHEDULE_KIND_CLIMATE, TRUE,
                                                 1u << CARPORT_WEEKDAY_FRIDAY, "06:45", TRUE, -1);

    g_list_store_append (store, a);
    g_list_store_append (store, b);
    g_list_store_append (store, c);
    g_list_store_append (store, d);
  }

  charge = carport_renault_schedules_to_json (G_LIST_MODEL (store), FALSE, &error);
  g_assert_no_error (error);
  body = build ("X102VE", CARPORT_COMMAND_KIND_CHARGE_SCHEDULE, charge, &error);
  g_assert_no_error (error);
  assert_json_equal (body,
                     "{\"data\":{\"type\":\"ChargeSchedule\",\"attributes\":{\"schedules\":["
                     "{\"id\":1,\"activated\":true,"
                     "\"monday\":{\"startTime\":\"T21:30Z\",\"duration\":480},"
                     "\"tuesday\":{\"startTime\":\"T21:30Z\",\"duration\":480},"
                     "\"wednesday\":null,\"thursday\":null,\"friday\":null,\"saturday\":null,"
                     "\"sunday\":{\"startTime\":\"T23:00Z\",\"duration\":300}},"
                     "{\"id\":2,\"activated\":false,\"monday\":null,\"tuesday\":null,\"wednesday\":null,"
                     "\"thursday\":null,\"friday\":null,\"saturday\":null,\"sunday\":null}]}}}");

  /* A command that carries the programmes builds the same body. */
  {
    g_autoptr(CarportCommand) command = carport_command_new (CARPORT_COMMAND_KIND_CHARGE_SCHEDULE, TEST_VIN);
    g_autofree char *from_command = NULL;

    carport_command_set_schedules (command, G_LIST_MODEL (store));
    from_command = carport_renault_build_action_body ("X102VE", command, NULL, &error);
    g_assert_no_error (error);
    assert_json_equal (from_command, body);
  }
  {
    /* Local-time (KCM ev/settings) programmes cannot go into this body. */
    g_autoptr(CarportCommand) command = carport_command_new (CARPORT_COMMAND_KIND_CHARGE_SCHEDULE, TEST_VIN);
    g_autoptr(GListStore) local = g_list_store_new (CARPORT_TYPE_SCHEDULE);
    g_autoptr(CarportSchedule) e = schedule_new (1, CARPORT_SCHEDULE_KIND_CHARGE, TRUE,
                                                 1u << CARPORT_WEEKDAY_MONDAY, "21:30", FALSE, 60);

    g_list_store_append (local, e);
    carport_command_set_schedules (command, G_LIST_MODEL (local));
    g_assert_null (carport_renault_build_action_body ("X102VE", command, NULL, &error));
    g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_INVALID_INPUT);
    g_clear_error (&error);
  }
  g_clear_pointer (&body, g_free);

  /* The Megane sends the same body to KCM charge/schedule. */
  body = build ("XCB1VE", CARPORT_COMMAND_KIND_CHARGE_SCHEDULE, charge, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (body, "ChargeSchedule"));
  g_clear_pointer (&body, g_free);

  climate = carport_renault_schedules_to_json (G_LIST_MODEL (store), TRUE, &error);
  g_assert_no_error (error);
  body = build ("X102VE", CARPORT_COMMAND_KIND_HVAC_SCHEDULE, climate, &error);
  g_assert_no_error (error);
  assert_json_equal (body,
                     "{\"data\":{\"type\":\"HvacSchedule\",\"attributes\":{\"schedules\":["
                     "{\"id\":1,\"activated\":true,\"monday\":null,\"tuesday\":null,\"wednesday\":null,"
                     "\"thursday\":null,\"friday\":{\"readyAtTime\":\"T06:45Z\"},\"saturday\":null,\"sunday\":null}]}}}");
  g_clear_pointer (&body, g_free);

  /* The KCA read (charging-settings attributes, in its envelope) works too. */
  {
    g_autoptr(JsonNode) read = json_from_string (
      "{\"data\":{\"attributes\":{\"mode\":\"scheduled\",\"schedules\":[{\"id\":3,\"activated\":true,"
      "\"friday\":{\"startTime\":\"T01:15Z\",\"duration\":45,\"extra\":1}}]}}}", NULL);

    body = build ("X102VE", CARPORT_COMMAND_KIND_CHARGE_SCHEDULE, read, &error);
    g_assert_no_error (error);
    assert_json_equal (body,
                       "{\"data\":{\"type\":\"ChargeSchedule\",\"attributes\":{\"schedules\":["
                       "{\"id\":3,\"activated\":true,\"monday\":null,\"tuesday\":null,\"wednesday\":null,"
                       "\"thursday\":null,\"friday\":{\"startTime\":\"T01:15Z\",\"duration\":45},"
                       "\"saturday\":null,\"sunday\":null}]}}}");
    g_clear_pointer (&body, g_free);
  }

  /* Missing or bad input. */
  g_assert_null (build ("X102VE", CARPORT_COMMAND_KIND_CHARGE_SCHEDULE, NULL, &error));
  g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  {
    g_autoptr(JsonNode) bad = json_from_string (
      "{\"schedules\":[{\"id\":1,\"activated\":true,\"monday\":{\"startTime\":\"25:00\",\"duration\":60}}]}", NULL);

    g_assert_null (build ("X102VE", CARPORT_COMMAND_KIND_CHARGE_SCHEDULE, bad, &error));
    g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_INVALID_INPUT);
    g_clear_error (&error);
  }

  /* Local-time (KCM) programmes cannot be sent yet. */
  {
    g_autoptr(CarportSchedule) local = schedule_new (1, CARPORT_SCHEDULE_KIND_CHARGE, TRUE,
                                                     1u << CARPORT_WEEKDAY_MONDAY, "07:00", FALSE, -1);
    g_autoptr(JsonNode) none = NULL;

    g_list_store_remove_all (store);
    g_list_store_append (store, local);
    none = carport_renault_schedules_to_json (G_LIST_MODEL (store), FALSE, &error);
    g_assert_null (none);
    g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_INVALID_INPUT);
    g_clear_error (&error);
  }

  /* The R5 writes its charge programmes to ev/settings (below). */
  g_assert_null (build ("R5E1VE", CARPORT_COMMAND_KIND_CHARGE_SCHEDULE, charge, &error));
  g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_INVALID_INPUT);
}

#define DAYS_FALSE_FROM_TUESDAY \
  "\"programActivationTuesday\":false,\"programActivationWednesday\":false,\"programActivationThursday\":false," \
  "\"programActivationFriday\":false,\"programActivationSaturday\":false,\"programActivationSunday\":false"

/* KCM ev/settings: programs[] rebuilt from the charge programmes to keep,
 * in their places; preconditioning programmes and every other member as
 * read; the whole object posted back plain (§c.3, §c.4). */
static void
test_body_ev_settings_programs (void)
{
  static const char read[] =
    "{\"lastSettingsUpdateTimestamp\":\"2026-07-01T10:00:00Z\",\"delegatedActivated\":false,"
    "\"chargeModeRq\":\"SCHEDULED\",\"chargeTimeStart\":\"23:30\",\"chargeDuration\":420,"
    "\"preconditioningTemperature\":21.0,\"programs\":["
    "{\"programActivationStatus\":true,\"programType\":\"CHARGE\",\"programDepartureTime\":\"07:30\","
    "\"programActivationMonday\":true," DAYS_FALSE_FROM_TUESDAY "},"
    "{\"programActivationStatus\":true,\"programType\":\"PRECONDITIONING\",\"programDepartureTime\":\"08:00\","
    "\"programActivationMonday\":false," DAYS_FALSE_FROM_TUESDAY ",\"extra\":1},"
    "{\"programActivationStatus\":false,\"programType\":\"CHARGE\",\"programDepartureTime\":\"06:00\","
    "\"programActivationMonday\":true," DAYS_FALSE_FROM_TUESDAY "}]}";
  g_autoptr(JsonNode) current = json_from_string (read, NULL);
  g_autoptr(JsonNode) enveloped = json_from_string ("{\"data\":{\"attributes\":{\"programs\":[]}}}", NULL);
  g_autoptr(GListStore) store = g_list_store_new (CARPORT_TYPE_SCHEDULE);
  g_autoptr(CarportCommand) command = carport_command_new (CARPORT_COMMAND_KIND_CHARGE_SCHEDULE, TEST_VIN);
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;

  assert_action ("R5E1VE", CARPORT_COMMAND_KIND_CHARGE_SCHEDULE,
                 "kcm/v1/vehicles/{vin}/ev/settings", CARPORT_ACTION_MODE_KCM_SETTINGS);
  assert_action ("XCB1SE", CARPORT_COMMAND_KIND_CHARGE_SCHEDULE,
                 "kcm/v1/vehicles/{vin}/ev/settings", CARPORT_ACTION_MODE_KCM_SETTINGS);
  /* Their climate programmes are hvac-settings', which the R5 cannot write. */
  assert_action ("R5E1VE", CARPORT_COMMAND_KIND_HVAC_SCHEDULE, NULL, 0);

  {
    /* 1 changed, 3 deleted (an empty slot, off), 4 new and off. */
    g_autoptr(CarportSchedule) one = schedule_new (1, CARPORT_SCHEDULE_KIND_CHARGE_AND_CLIMATE, TRUE,
                                                   (1u << CARPORT_WEEKDAY_MONDAY) | (1u << CARPORT_WEEKDAY_SUNDAY),
                                                   "6:15", FALSE, -1);
    g_autoptr(CarportSchedule) three = schedule_new (3, CARPORT_SCHEDULE_KIND_CHARGE, FALSE, 0, NULL, FALSE, -1);
    g_autoptr(CarportSchedule) four = schedule_new (4, CARPORT_SCHEDULE_KIND_CHARGE, FALSE,
                                                    1u << CARPORT_WEEKDAY_MONDAY, "21:00", FALSE, -1);

    g_list_store_append (store, four);
    g_list_store_append (store, one);
    g_list_store_append (store, three);
  }
  carport_command_set_schedules (command, G_LIST_MODEL (store));
  body = carport_renault_build_action_body ("R5E1VE", command, current, &error);
  g_assert_no_error (error);
  assert_json_equal (body,
                     "{\"lastSettingsUpdateTimestamp\":\"2026-07-01T10:00:00Z\",\"delegatedActivated\":false,"
                     "\"chargeModeRq\":\"SCHEDULED\",\"chargeTimeStart\":\"23:30\",\"chargeDuration\":420,"
                     "\"preconditioningTemperature\":21.0,\"programs\":["
                     "{\"programActivationStatus\":true,\"programType\":\"CHARGE_AND_PRECONDITIONING\","
                     "\"programDepartureTime\":\"06:15\",\"programActivationMonday\":true,"
                     "\"programActivationTuesday\":false,\"programActivationWednesday\":false,"
                     "\"programActivationThursday\":false,\"programActivationFriday\":false,"
                     "\"programActivationSaturday\":false,\"programActivationSunday\":true},"
                     "{\"programActivationStatus\":true,\"programType\":\"PRECONDITIONING\",\"programDepartureTime\":\"08:00\","
                     "\"programActivationMonday\":false," DAYS_FALSE_FROM_TUESDAY ",\"extra\":1},"
                     "{\"programActivationStatus\":false,\"programType\":\"CHARGE\",\"programDepartureTime\":\"21:00\","
                     "\"programActivationMonday\":true," DAYS_FALSE_FROM_TUESDAY "}]}");
  g_clear_pointer (&body, g_free);

  /* The read in an envelope works too; the read is not changed. */
  body = carport_renault_build_action_body ("R5E1VE", command, enveloped, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (body, "\"programDepartureTime\":\"06:15\""));
  g_assert_null (strstr (body, "\"data\""));
  g_clear_pointer (&body, g_free);
  {
    g_autofree char *text = json_to_string (current, FALSE);

    g_assert_nonnull (strstr (text, "\"07:30\""));
  }

  /* Nothing read, or a programme in UTC: refused. */
  g_assert_null (carport_renault_build_action_body ("R5E1VE", command, NULL, &error));
  g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  {
    g_autoptr(CarportSchedule) utc = schedule_new (2, CARPORT_SCHEDULE_KIND_CHARGE, TRUE,
                                                   1u << CARPORT_WEEKDAY_MONDAY, "05:00", TRUE, 60);

    g_list_store_append (store, utc);
    g_assert_null (carport_renault_build_action_body ("R5E1VE", command, current, &error));
    g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_INVALID_INPUT);
  }
}

/* ------------------------------------------------------------------------ */
/* Locales                                                                   */

static void
test_locales (void)
{
  const CarportRenaultLocale *locales;
  const CarportRenaultLocale *locale;
  guint n = 0;

  locales = carport_renault_locales (&n);
  g_assert_cmpuint (n, ==, 29);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *country = carport_renault_locale_country (locales[i].locale);

      g_assert_true (g_str_has_prefix (locales[i].gigya_url, "https://"));
      g_assert_true (g_str_has_prefix (locales[i].kamereon_url, "https://"));
      g_assert_cmpstr (locales[i].kamereon_key, ==, "YjkKtHmGfaceeuExUDKGxrLZGGvtVS0J");
      g_assert_cmpuint (strlen (country), ==, 2);
      g_assert_true (carport_renault_locale_lookup (locales[i].locale) == &locales[i]);
    }

  locale = carport_renault_locale_lookup ("fr_FR");
  g_assert_nonnull (locale);
  g_assert_cmpstr (locale->gigya_url, ==, "https://accounts.eu1.gigya.com");
  g_assert_cmpstr (locale->gigya_key, ==, "3_VgdkgtIRH3AdHvJm-cjV2ug2EFE0lxt0IJzMC4MFqZjFpn_GYFXVdNZ19L7wZX0N");
  g_assert_cmpstr (locale->kamereon_url, ==, "https://api-wired-prod-1-euw1.wrd-aws.com");

  locale = carport_renault_locale_lookup ("fr_LU");
  g_assert_cmpstr (locale->gigya_key, ==, "3_zt44Wl_wT9mnqn-BHrR19PvXj3wYRPQKLcPbGWawlatFR837KdxSZZStbBTDaqnb");
  g_assert_cmpstr (locale->gigya_url, ==, "https://accounts.eu1.gigya.com");

  locale = carport_renault_locale_lookup ("es_MX");
  g_assert_cmpstr (locale->gigya_url, ==, "https://accounts.us1.gigya.com");
  g_assert_cmpstr (locale->gigya_key, ==, "4_yTFqPSsGxVyRXPZUM7t1Iw");
  g_assert_cmpstr (locale->kamereon_url, ==, "https://api-wired-prod-1-usw2.wrd-aws.com");

  /* de_AT uses the common key since May 2026. */
  g_assert_cmpstr (carport_renault_locale_lookup ("de_AT")->gigya_key, ==,
                   "3_VgdkgtIRH3AdHvJm-cjV2ug2EFE0lxt0IJzMC4MFqZjFpn_GYFXVdNZ19L7wZX0N");
  g_assert_true (carport_renault_locale_lookup ("en-GB") == carport_renault_locale_lookup ("en_GB"));
  g_assert_null (carport_renault_locale_lookup ("en_US"));
  g_assert_null (carport_renault_locale_lookup ("fr"));
  g_assert_null (carport_renault_locale_lookup (NULL));

  {
    g_autofree char *fr = carport_renault_locale_country ("fr_FR");
    g_autofree char *ch = carport_renault_locale_country ("it_CH");
    g_autofree char *lower = carport_renault_locale_country ("pt_pt");

    g_assert_cmpstr (fr, ==, "FR");
    g_assert_cmpstr (ch, ==, "CH");
    g_assert_cmpstr (lower, ==, "PT");
    g_assert_null (carport_renault_locale_country ("x"));
    g_assert_null (carport_renault_locale_country (NULL));
  }
}

static void
test_locale_resolve (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *root = NULL;
  const CarportRenaultLocale *entry;

  g_unsetenv ("CARPORT_RENAULT_GIGYA_URL");
  g_unsetenv ("CARPORT_RENAULT_KAMEREON_URL");

  /* The locale's own servers. */
  entry = carport_renault_locale_resolve ("fr_FR", CARPORT_RENAULT_SERVICE_GIGYA, &root, &error);
  g_assert_no_error (error);
  g_assert_true (entry == carport_renault_locale_lookup ("fr_FR"));
  g_assert_cmpstr (root, ==, entry->gigya_url);
  g_clear_pointer (&root, g_free);
  entry = carport_renault_locale_resolve ("es_MX", CARPORT_RENAULT_SERVICE_KAMEREON, &root, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (root, ==, entry->kamereon_url);
  g_clear_pointer (&root, g_free);

  /* The environment overrides them, for its service only. */
  g_setenv ("CARPORT_RENAULT_KAMEREON_URL", "http://127.0.0.1:8080/kamereon/", TRUE);
  entry = carport_renault_locale_resolve ("fr_FR", CARPORT_RENAULT_SERVICE_KAMEREON, &root, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (root, ==, "http://127.0.0.1:8080/kamereon");
  g_clear_pointer (&root, g_free);
  entry = carport_renault_locale_resolve ("fr_FR", CARPORT_RENAULT_SERVICE_GIGYA, &root, &error);
  g_assert_cmpstr (root, ==, entry->gigya_url);
  g_clear_pointer (&root, g_free);

  /* A root given goes before both, and is checked the same way. */
  root = g_strdup ("http://[::1]:9/gigya");
  entry = carport_renault_locale_resolve ("fr_FR", CARPORT_RENAULT_SERVICE_KAMEREON, &root, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (root, ==, "http://[::1]:9/gigya");
  g_clear_pointer (&root, g_free);
  root = g_strdup ("http://example.com/kamereon");
  g_assert_null (carport_renault_locale_resolve ("fr_FR", CARPORT_RENAULT_SERVICE_KAMEREON, &root, &error));
  g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_INSECURE_URL);
  g_assert_cmpstr (root, ==, "http://example.com/kamereon");  /* left as it was */
  g_clear_error (&error);
  g_clear_pointer (&root, g_free);
  g_unsetenv ("CARPORT_RENAULT_KAMEREON_URL");

  /* An unknown country. */
  g_assert_null (carport_renault_locale_resolve ("en_US", CARPORT_RENAULT_SERVICE_GIGYA, &root, &error));
  g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_INVALID_INPUT);
  g_assert_null (root);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/renault-models/table/known", test_model_known);
  g_test_add_func ("/renault-models/table/defaults", test_model_defaults);
  g_test_add_func ("/renault-models/table/records", test_model_records);
  g_test_add_func ("/renault-models/table/zoe-ph1", test_model_zoe_ph1);
  g_test_add_func ("/renault-models/table/alternatives", test_model_alternatives);
  g_test_add_func ("/renault-models/table/fuel-cars", test_model_fuel_cars);
  g_test_add_func ("/renault-models/table/climate-range", test_model_climate_range);
  g_test_add_func ("/renault-models/body/hvac", test_body_hvac);
  g_test_add_func ("/renault-models/body/charging", test_body_charging);
  g_test_add_func ("/renault-models/body/charge-now-settings", test_body_charge_settings);
  g_test_add_func ("/renault-models/body/charge-mode", test_body_charge_mode);
  g_test_add_func ("/renault-models/body/simple", test_body_simple);
  g_test_add_func ("/renault-models/body/soc-levels", test_body_soc_levels);
  g_test_add_func ("/renault-models/body/schedules", test_body_schedules);
  g_test_add_func ("/renault-models/body/ev-settings-programs", test_body_ev_settings_programs);
  g_test_add_func ("/renault-models/engine-start", test_engine_start);
  g_test_add_func ("/renault-models/locales", test_locales);
  g_test_add_func ("/renault-models/locale-resolve", test_locale_resolve);

  return g_test_run ();
}
