/* test-sim-actions.c — commands: validation, PENDING → COMPLETED/FAILED, and their effect
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "sim-test-util.h"

static SimResponse *
post (SimFixture *f,
      const char *vin,
      const char *endpoint,
      const char *body)
{
  g_autofree char *path = sim_car_path (f, vin, endpoint);

  return sim_post (f, body, "%s", path);
}

static SimResponse *
get (SimFixture *f,
     const char *vin,
     const char *endpoint)
{
  g_autofree char *path = sim_car_path (f, vin, endpoint);

  return sim_get (f, "%s", path);
}

/* Checks the echo and returns data.id, the notification id. */
static char *
action_id (SimResponse *r,
           const char  *type)
{
  JsonObject *data;
  const char *id;

  if (r->status != 200)
    {
      g_autofree char *text = sim_response_text (r);

      g_error ("action failed: HTTP %u %.300s", r->status, text);
    }
  data = json_object_get_object_member (sim_response_object (r), "data");
  g_assert_cmpstr (json_object_get_string_member (data, "type"), ==, type);
  id = json_object_get_string_member (data, "id");
  g_assert_nonnull (id);
  g_assert_cmpuint (strlen (id), >=, 16);
  return g_strdup (id);
}

static void
assert_error (SimResponse *r,
              guint        status,
              const char  *code,
              const char  *pointer)
{
  if (r->status != status || g_strcmp0 (sim_response_error_code (r), code) != 0)
    {
      g_autofree char *text = sim_response_text (r);

      g_error ("expected %u %s, got %u: %.400s", status, code, r->status, text);
    }
  if (pointer != NULL)
    {
      g_autofree char *quoted = g_strdup_printf ("\"pointer\":\"%s\"", pointer);

      g_assert_nonnull (strstr (sim_response_error_message (r), quoted));
    }
}

static JsonObject *
notification (SimFixture *f,
              const char *id)
{
  g_autoptr(SimResponse) r = sim_get (f, "/commerce/v1/persons/%s/notifications/kmr?notificationId=%s",
                                      carport_simulator_get_person_id (f->sim), id);
  JsonArray *array = sim_response_array (r);

  g_assert_cmpuint (json_array_get_length (array), ==, 1);
  return json_object_ref (json_array_get_object_element (array, 0));
}

static const char *
hvac_status (SimFixture *f,
             const char *vin)
{
  g_autoptr(SimResponse) r = get (f, vin, "v1:hvac-status");

  return g_intern_string (json_object_get_string_member (sim_response_attributes (r), "hvacStatus"));
}

static double
charging_status (SimFixture *f,
                 const char *vin,
                 gint64     *level)
{
  g_autoptr(SimResponse) r = get (f, vin, "v2:battery-status");
  JsonObject *a = sim_response_attributes (r);

  if (level != NULL)
    *level = json_object_get_int_member (a, "batteryLevel");
  return json_object_get_double_member (a, "chargingStatus");
}

/* ------------------------------------------------------------------------ */

static void
test_hvac (SimFixture    *f,
           gconstpointer  data)
{
  g_autoptr(SimResponse) start = NULL;
  g_autoptr(SimResponse) cancel = NULL;
  g_autoptr(SimResponse) stop = NULL;
  g_autoptr(JsonObject) pending = NULL;
  g_autoptr(JsonObject) done = NULL;
  g_autofree char *start_id = NULL;
  g_autofree char *cancel_id = NULL;
  g_autofree char *stop_id = NULL;
  JsonObject *attributes;

  carport_simulator_set_command_delay_ms (f->sim, 600);
  sim_login (f);
  g_assert_cmpstr (hvac_status (f, VIN_ZOE2), ==, "off");

  start = post (f, VIN_ZOE2, "v1:actions/hvac-start",
                "{\"data\":{\"type\":\"HvacStart\",\"attributes\":{\"action\":\"start\",\"targetTemperature\":21.0}}}");
  start_id = action_id (start, "HvacStart");
  attributes = json_object_get_object_member (json_object_get_object_member (sim_response_object (start), "data"),
                                              "attributes");
  g_assert_cmpstr (json_object_get_string_member (attributes, "action"), ==, "start");
  g_assert_cmpfloat (json_object_get_double_member (attributes, "targetTemperature"), ==, 21.0);

  pending = notification (f, start_id);
  g_assert_cmpstr (json_object_get_string_member (pending, "commandType"), ==, "HVAC_START");
  g_assert_cmpstr (json_object_get_string_member (pending, "vin"), ==, VIN_ZOE2);
  g_assert_cmpstr (json_object_get_string_member (pending, "personId"), ==,
                   carport_simulator_get_person_id (f->sim));
  g_assert_nonnull (json_object_get_string_member (pending, "notifDate"));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (pending, "commandResponse"),
                                                  "status"), ==, "PENDING");
  /* not carried out yet */
  g_assert_cmpstr (hvac_status (f, VIN_ZOE2), ==, "off");
  g_assert_false (carport_simulator_get_hvac_on (f->sim, VIN_ZOE2));

  g_assert_cmpstr (sim_wait_command (f, start_id, 5000), ==, "COMPLETED");
  done = notification (f, start_id);
  g_assert_cmpstr (json_object_get_string_member (done, "actionType"), ==, "COMMAND_RESPONSE");
  g_assert_cmpstr (hvac_status (f, VIN_ZOE2), ==, "on");
  g_assert_true (carport_simulator_get_hvac_on (f->sim, VIN_ZOE2));

  cancel = post (f, VIN_ZOE2, "v1:actions/hvac-start",
                 "{\"data\":{\"type\":\"HvacStart\",\"attributes\":{\"action\":\"cancel\"}}}");
  cancel_id = action_id (cancel, "HvacStart");
  g_assert_cmpstr (sim_wait_command (f, cancel_id, 5000), ==, "COMPLETED");
  g_assert_cmpstr (hvac_status (f, VIN_ZOE2), ==, "off");

  /* the Spring stops with "stop" */
  carport_simulator_set_command_delay_ms (f->sim, 50);
  {
    g_autoptr(SimResponse) spring = post (f, VIN_SPRING, "v1:actions/hvac-start",
                                          "{\"data\":{\"type\":\"HvacStart\",\"attributes\":{\"action\":\"start\","
                                          "\"targetTemperature\":\"20\"}}}");
    g_autofree char *id = action_id (spring, "HvacStart");

    g_assert_cmpstr (sim_wait_command (f, id, 5000), ==, "COMPLETED");
    g_assert_cmpstr (hvac_status (f, VIN_SPRING), ==, "on");
  }
  stop = post (f, VIN_SPRING, "v1:actions/hvac-start",
               "{\"data\":{\"type\":\"HvacStart\",\"attributes\":{\"action\":\"stop\"}}}");
  stop_id = action_id (stop, "HvacStart");
  g_assert_cmpstr (sim_wait_command (f, stop_id, 5000), ==, "COMPLETED");
  g_assert_cmpstr (hvac_status (f, VIN_SPRING), ==, "off");
}

static void
test_hvac_scheduled_start (SimFixture    *f,
                           gconstpointer  data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) soon = g_date_time_add_seconds (now, 2);
  g_autofree char *when = g_date_time_format (soon, "%Y-%m-%dT%H:%M:%SZ");
  g_autofree char *body = g_strdup_printf ("{\"data\":{\"type\":\"HvacStart\",\"attributes\":{\"action\":\"start\","
                                           "\"targetTemperature\":19.5,\"startDateTime\":\"%s\"}}}", when);
  g_autoptr(SimResponse) r = NULL;
  g_autoptr(SimResponse) status = NULL;
  g_autofree char *id = NULL;

  carport_simulator_set_command_delay_ms (f->sim, 0);
  sim_login (f);
  r = post (f, VIN_R5, "v1:actions/hvac-start", body);
  id = action_id (r, "HvacStart");
  g_assert_cmpstr (sim_wait_command (f, id, 2000), ==, "COMPLETED");
  status = get (f, VIN_R5, "v1:hvac-status");
  g_assert_cmpstr (json_object_get_string_member (sim_response_attributes (status), "hvacStatus"), ==, "off");
  g_assert_nonnull (json_object_get_string_member (sim_response_attributes (status), "nextHvacStartDate"));

  carport_test_spin (2200);
  g_assert_cmpstr (hvac_status (f, VIN_R5), ==, "on");
}

static void
test_charge (SimFixture    *f,
             gconstpointer  data)
{
  g_autoptr(SimResponse) start = NULL;
  g_autoptr(SimResponse) battery = NULL;
  g_autoptr(SimResponse) stop = NULL;
  g_autoptr(SimResponse) charges_before = NULL;
  g_autoptr(SimResponse) charges_after = NULL;
  g_autofree char *start_id = NULL;
  g_autofree char *stop_id = NULL;
  JsonObject *a;
  gint64 level1, level2, autonomy1, level;
  guint sessions_before;
  gint64 deadline;

  carport_simulator_set_charge_rate (f->sim, 20.0);
  sim_login (f);
  g_assert_cmpfloat (charging_status (f, VIN_ZOE2, &level1), ==, 0.0);
  g_assert_cmpint (level1, ==, 62);
  charges_before = get (f, VIN_ZOE2, "v1:charges?start=20200101&end=20991231");
  sessions_before = json_array_get_length (json_object_get_array_member (sim_response_attributes (charges_before),
                                                                         "charges"));

  start = post (f, VIN_ZOE2, "v1:actions/charging-start",
                "{\"data\":{\"type\":\"ChargingStart\",\"attributes\":{\"action\":\"start\"}}}");
  start_id = action_id (start, "ChargingStart");
  g_assert_cmpstr (sim_wait_command (f, start_id, 5000), ==, "COMPLETED");
  g_assert_true (carport_simulator_get_charging (f->sim, VIN_ZOE2));

  battery = get (f, VIN_ZOE2, "v2:battery-status");
  a = sim_response_attributes (battery);
  g_assert_cmpfloat (json_object_get_double_member (a, "chargingStatus"), ==, 1.0);
  g_assert_cmpint (json_object_get_int_member (a, "plugStatus"), ==, 1);
  g_assert_cmpfloat (json_object_get_double_member (a, "chargingInstantaneousPower"), ==, 22.0);
  g_assert_cmpint (json_object_get_int_member (a, "chargingRemainingTime"), >, 0);
  level1 = json_object_get_int_member (a, "batteryLevel");
  autonomy1 = json_object_get_int_member (a, "batteryAutonomy");

  carport_test_spin (250);
  {
    g_autoptr(SimResponse) later = get (f, VIN_ZOE2, "v2:battery-status");

    level2 = json_object_get_int_member (sim_response_attributes (later), "batteryLevel");
    g_assert_cmpint (level2, >, level1);
    g_assert_cmpint (json_object_get_int_member (sim_response_attributes (later), "batteryAutonomy"), >, autonomy1);
  }

  /* it stops by itself at 100 % */
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (charging_status (f, VIN_ZOE2, &level) > 0.5 && g_get_monotonic_time () < deadline)
    carport_test_spin (100);
  g_assert_cmpfloat (charging_status (f, VIN_ZOE2, &level), ==, 0.2);
  g_assert_cmpint (level, ==, 100);
  g_assert_false (carport_simulator_get_charging (f->sim, VIN_ZOE2));
  g_assert_cmpint (carport_simulator_get_battery_level (f->sim, VIN_ZOE2), ==, 100);

  /* and the session is in the history */
  charges_after = get (f, VIN_ZOE2, "v1:charges?start=20200101&end=20991231");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (sim_response_attributes (charges_after),
                                                                         "charges")), ==, sessions_before + 1);

  /* stop gives "not charging" (ZOE ph2 stops through pause-resume) */
  stop = post (f, VIN_ZOE2, "kcm:charge/pause-resume",
               "{\"data\":{\"type\":\"ChargePauseResume\",\"attributes\":{\"action\":\"pause\"}}}");
  stop_id = action_id (stop, "ChargePauseResume");
  g_assert_cmpstr (sim_wait_command (f, stop_id, 5000), ==, "COMPLETED");
  g_assert_cmpfloat (charging_status (f, VIN_ZOE2, NULL), ==, 0.0);
}

static void
test_charge_zoe1_watts_and_failure (SimFixture    *f,
                                    gconstpointer  data)
{
  g_autoptr(SimResponse) unplugged = NULL;
  g_autoptr(SimResponse) battery = NULL;
  g_autoptr(SimResponse) stop = NULL;
  g_autoptr(JsonObject) failed = NULL;
  g_autofree char *unplugged_id = NULL;
  g_autofree char *stop_id = NULL;
  JsonObject *response;
  JsonObject *a;

  sim_login (f);
  unplugged = post (f, VIN_ZOE1, "v1:actions/charging-start",
                    "{\"data\":{\"type\":\"ChargingStart\",\"attributes\":{\"action\":\"start\"}}}");
  unplugged_id = action_id (unplugged, "ChargingStart");
  g_assert_cmpstr (sim_wait_command (f, unplugged_id, 5000), ==, "FAILED");
  failed = notification (f, unplugged_id);
  response = json_object_get_object_member (failed, "commandResponse");
  g_assert_cmpstr (json_object_get_string_member (response, "status"), ==, "FAILED");
  g_assert_nonnull (json_object_get_string_member (response, "errorMessage"));
  g_assert_cmpstr (json_object_get_string_member (failed, "commandType"), ==, "CHARGE_START");
  g_assert_cmpfloat (charging_status (f, VIN_ZOE1, NULL), ==, -1.0);

  /* plugging in (charge mode "always") starts a charge; power in watts */
  g_assert_true (carport_simulator_set_plugged (f->sim, VIN_ZOE1, TRUE));
  g_assert_false (carport_simulator_set_plugged (f->sim, "VF1NOSUCHCAR00000", TRUE));
  battery = get (f, VIN_ZOE1, "v2:battery-status");
  a = sim_response_attributes (battery);
  g_assert_cmpint (json_object_get_int_member (a, "plugStatus"), ==, 1);
  g_assert_cmpfloat (json_object_get_double_member (a, "chargingStatus"), ==, 1.0);
  g_assert_cmpfloat (json_object_get_double_member (a, "chargingInstantaneousPower"), ==, 7400.0);

  stop = post (f, VIN_ZOE1, "v1:actions/charging-start",
               "{\"data\":{\"type\":\"ChargingStart\",\"attributes\":{\"action\":\"stop\"}}}");
  stop_id = action_id (stop, "ChargingStart");
  g_assert_cmpstr (sim_wait_command (f, stop_id, 5000), ==, "COMPLETED");
  g_assert_cmpfloat (charging_status (f, VIN_ZOE1, NULL), ==, 0.0);
}

static void
test_kcm_charging (SimFixture    *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SimResponse) settings = NULL;
  g_autoptr(SimResponse) settings_post = NULL;
  g_autoptr(SimResponse) megane_now = NULL;
  g_autoptr(SimResponse) spring_resume = NULL;
  g_autoptr(SimResponse) spring_pause = NULL;
  char *ids[3] = { NULL, };
  g_autofree char *settings_text = NULL;
  JsonObject *object;
  JsonArray *programs;

  /* the Megane plugged in, waiting for its schedule */
  g_assert_true (carport_simulator_load_scenario_data (
    f->sim,
    "{\"cars\": ["
    " {\"model\": \"XCB1VE\", \"vin\": \"VF1XCB1VE00000003\", \"battery_level\": 40, \"plugged\": true,"
    "  \"charge_mode\": \"scheduled\"},"
    " {\"model\": \"XBG1VE\", \"vin\": \"UU1XBG1VE00000004\", \"battery_level\": 40, \"plugged\": true,"
    "  \"charge_mode\": \"scheduled\"},"
    " {\"model\": \"R5E1VE\", \"vin\": \"VF1R5E1VE00000005\", \"battery_level\": 40, \"plugged\": true}"
    "]}", &error));
  g_assert_no_error (error);
  sim_login (f);
  g_assert_cmpfloat (charging_status (f, VIN_MEGANE, NULL), ==, 0.1);
  g_assert_cmpfloat (charging_status (f, VIN_R5, NULL), ==, 0.1);

  /* Megane: KCM charge/start */
  megane_now = post (f, VIN_MEGANE, "kcm:charge/start",
                     "{\"data\":{\"type\":\"ChargingStart\",\"attributes\":{\"action\":\"start\"}}}");
  ids[0] = action_id (megane_now, "ChargingStart");
  g_assert_cmpstr (sim_wait_command (f, ids[0], 5000), ==, "COMPLETED");
  g_assert_cmpfloat (charging_status (f, VIN_MEGANE, NULL), ==, 1.0);

  /* R5: GET ev/settings, switch every program off, POST it all back */
  settings = get (f, VIN_R5, "kcm:ev/settings");
  object = sim_response_object (settings);
  g_assert_cmpstr (json_object_get_string_member (object, "chargeModeRq"), ==, "SCHEDULED");
  programs = json_object_get_array_member (object, "programs");
  g_assert_cmpuint (json_array_get_length (programs), >, 0);
  for (guint i = 0; i < json_array_get_length (programs); i++)
    json_object_set_boolean_member (json_array_get_object_element (programs, i), "programActivationStatus", FALSE);
  settings_text = json_to_string (settings->json, FALSE);
  settings_post = post (f, VIN_R5, "kcm:ev/settings", settings_text);
  g_assert_cmpuint (settings_post->status, ==, 200);
  object = sim_response_object (settings_post);
  g_assert_cmpstr (json_object_get_string_member (object, "chargeModeRq"), ==, "ALWAYS");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "programs")), ==, 0);
  carport_test_spin (400);
  g_assert_cmpfloat (charging_status (f, VIN_R5, NULL), ==, 1.0);

  /* Spring: pause-resume */
  spring_resume = post (f, VIN_SPRING, "kcm:charge/pause-resume",
                        "{\"data\":{\"type\":\"ChargePauseResume\",\"attributes\":{\"action\":\"resume\"}}}");
  ids[1] = action_id (spring_resume, "ChargePauseResume");
  g_assert_cmpstr (sim_wait_command (f, ids[1], 5000), ==, "COMPLETED");
  g_assert_cmpfloat (charging_status (f, VIN_SPRING, NULL), ==, 1.0);
  spring_pause = post (f, VIN_SPRING, "kcm:charge/pause-resume",
                       "{\"data\":{\"type\":\"ChargePauseResume\",\"attributes\":{\"action\":\"pause\"}}}");
  ids[2] = action_id (spring_pause, "ChargePauseResume");
  g_assert_cmpstr (sim_wait_command (f, ids[2], 5000), ==, "COMPLETED");
  g_assert_cmpfloat (charging_status (f, VIN_SPRING, NULL), ==, 0.0);
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    g_clear_pointer (&ids[i], g_free);
}

static void
test_soc_levels (SimFixture    *f,
                 gconstpointer  data)
{
  g_autoptr(SimResponse) ok = NULL;
  g_autoptr(SimResponse) levels = NULL;
  static const struct { const char *body, *pointer; } bad[] = {
    { "{\"socMin\":10,\"socTarget\":80}", "/socMin" },
    { "{\"socMin\":50,\"socTarget\":80}", "/socMin" },
    { "{\"socMin\":22,\"socTarget\":80}", "/socMin" },
    { "{\"socMin\":20,\"socTarget\":50}", "/socTarget" },
    { "{\"socMin\":20,\"socTarget\":83}", "/socTarget" },
    { "{\"socMin\":20}", "/socTarget" },
    { "{\"socMin\":\"20\",\"socTarget\":80}", "/socMin" },
  };
  JsonObject *object;
  const char *id;

  sim_login (f);
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(SimResponse) r = post (f, VIN_MEGANE, "kcm:ev/soc-levels", bad[i].body);

      assert_error (r, 400, "err.func.400", bad[i].pointer);
    }

  ok = post (f, VIN_MEGANE, "kcm:ev/soc-levels", "{\"socMin\":25,\"socTarget\":85}");
  g_assert_cmpuint (ok->status, ==, 200);
  object = sim_response_object (ok);
  g_assert_cmpstr (json_object_get_string_member (object, "type"), ==, "SOC_SYNCH");
  g_assert_cmpstr (json_object_get_string_member (object, "status"), ==, "CREATED");
  id = json_object_get_string_member (object, "commandId");
  g_assert_cmpstr (sim_wait_command (f, id, 5000), ==, "COMPLETED");

  levels = get (f, VIN_MEGANE, "kcm:ev/soc-levels");
  object = sim_response_object (levels);
  g_assert_cmpint (json_object_get_int_member (object, "socMin"), ==, 25);
  g_assert_cmpint (json_object_get_int_member (object, "socTarget"), ==, 85);

  /* the Megane (charging at 71 %) now stops at 85 % */
  carport_simulator_set_charge_rate (f->sim, 20.0);
  carport_test_spin (1500);
  g_assert_cmpint (carport_simulator_get_battery_level (f->sim, VIN_MEGANE), ==, 85);
  g_assert_cmpfloat (charging_status (f, VIN_MEGANE, NULL), ==, 0.2);
}

static void
test_validation (SimFixture    *f,
                 gconstpointer  data)
{
  static const struct {
    const char *vin, *endpoint, *body;
    guint status;
    const char *code, *pointer;
  } cases[] = {
    { VIN_ZOE2, "v1:actions/hvac-start", "{\"data\":{\"type\":\"ChargingStart\",\"attributes\":{\"action\":\"start\"}}}",
      400, "err.func.wired.invalid-body", NULL },
    { VIN_ZOE2, "v1:actions/hvac-start", "{\"type\":\"HvacStart\",\"action\":\"start\"}",
      400, "err.func.wired.invalid-body", NULL },
    { VIN_ZOE2, "v1:actions/hvac-start", "{\"data\":{\"type\":\"HvacStart\"}}",
      400, "err.func.wired.invalid-body", NULL },
    { VIN_ZOE2, "v1:actions/hvac-start", "not json at all",
      400, "err.func.wired.invalid-body-format", NULL },
    { VIN_ZOE2, "v1:actions/hvac-start", "{\"data\":{\"type\":\"HvacStart\",\"attributes\":{\"action\":\"launch\"}}}",
      400, "err.func.400", "/data/attributes/action" },
    { VIN_ZOE2, "v1:actions/hvac-start", "{\"data\":{\"type\":\"HvacStart\",\"attributes\":{\"targetTemperature\":21}}}",
      400, "err.func.400", "/data/attributes/action" },
    { VIN_ZOE2, "v1:actions/hvac-start", "{\"data\":{\"type\":\"HvacStart\",\"attributes\":{\"action\":\"start\"}}}",
      400, "err.func.400", "/data/attributes/targetTemperature" },
    { VIN_ZOE2, "v1:actions/hvac-start",
      "{\"data\":{\"type\":\"HvacStart\",\"attributes\":{\"action\":\"start\",\"targetTemperature\":45}}}",
      400, "err.func.400", "/data/attributes/targetTemperature" },
    { VIN_ZOE2, "v1:actions/hvac-start",
      "{\"data\":{\"type\":\"HvacStart\",\"attributes\":{\"action\":\"start\",\"targetTemperature\":21,"
      "\"startDateTime\":\"2020-01-01T08:00:00Z\"}}}",
      400, "err.func.400", "/data/attributes/startDateTime" },
    { VIN_ZOE2, "v1:actions/hvac-start",
      "{\"data\":{\"type\":\"HvacStart\",\"attributes\":{\"action\":\"start\",\"targetTemperature\":21,"
      "\"startDateTime\":\"tomorrow\"}}}",
      400, "err.func.400", "/data/attributes/startDateTime" },
    { VIN_MEGANE, "kcm:charge/start",
      "{\"data\":{\"type\":\"ChargingStart\",\"attributes\":{\"action\":\"start\","
      "\"startDateTime\":\"2021-03-06T23:45:00Z\"}}}",
      400, "err.func.400", "/data/attributes/startDateTime" },
    { VIN_ZOE1, "v1:actions/charge-mode", "{\"data\":{\"type\":\"ChargeMode\",\"attributes\":{\"action\":\"sometimes\"}}}",
      400, "err.func.400", "/data/attributes/action" },
    { VIN_MEGANE, "v1:actions/horn-lights",
      "{\"data\":{\"type\":\"HornLights\",\"attributes\":{\"action\":\"start\",\"target\":\"wipers\"}}}",
      400, "err.func.400", "/data/attributes/target" },
    { VIN_ZOE2, "v2:actions/charge-schedule",
      "{\"data\":{\"type\":\"ChargeSchedule\",\"attributes\":{\"schedules\":[{\"id\":1,\"activated\":true,"
      "\"monday\":{\"startTime\":\"01:00\",\"duration\":60}}]}}}",
      400, "err.func.400", "/data/attributes/schedules/0/monday/startTime" },
    { VIN_ZOE2, "v2:actions/charge-schedule",
      "{\"data\":{\"type\":\"ChargeSchedule\",\"attributes\":{\"schedules\":[{\"id\":9,\"activated\":true}]}}}",
      400, "err.func.400", "/data/attributes/schedules/0/id" },
    { VIN_ZOE2, "v2:actions/hvac-schedule",
      "{\"data\":{\"type\":\"HvacSchedule\",\"attributes\":{\"schedules\":[{\"id\":1,\"activated\":\"yes\"}]}}}",
      400, "err.func.400", "/data/attributes/schedules/0/activated" },
    { VIN_R5, "kcm:ev/settings", "{\"chargeModeRq\":\"NOW\"}", 400, "err.func.400", "/chargeModeRq" },
    { VIN_R5, "kcm:ev/settings", "{\"programs\":[{\"programActivationStatus\":true,\"programType\":\"CHARGE\","
      "\"programDepartureTime\":\"7h30\"}]}", 400, "err.func.400", "/programs/0/programDepartureTime" },
    { VIN_R5, "kcm:ev/settings", "[]", 400, "err.func.wired.invalid-body", NULL },
  };

  sim_login (f);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(SimResponse) r = post (f, cases[i].vin, cases[i].endpoint, cases[i].body);

      g_test_message ("case %u: %s", i, cases[i].body);
      assert_error (r, cases[i].status, cases[i].code, cases[i].pointer);
    }
}

static void
test_denied_actions (SimFixture    *f,
                     gconstpointer  data)
{
  static const struct { const char *vin, *endpoint, *body; guint status; const char *code; } cases[] = {
    { VIN_R5, "v1:actions/charging-start", "{\"data\":{\"type\":\"ChargingStart\",\"attributes\":{\"action\":\"start\"}}}",
      403, "err.func.wired.forbidden" },
    { VIN_ZOE2, "v1:actions/charging-start", "{\"data\":{\"type\":\"ChargingStart\",\"attributes\":{\"action\":\"stop\"}}}",
      403, "err.func.wired.forbidden" },
    { VIN_SPRING, "v1:actions/charging-start", "{\"data\":{\"type\":\"ChargingStart\",\"attributes\":{\"action\":\"start\"}}}",
      403, "err.func.wired.forbidden" },
    { VIN_MEGANE, "v1:actions/charging-start", "{\"data\":{\"type\":\"ChargingStart\",\"attributes\":{\"action\":\"start\"}}}",
      403, "err.func.wired.forbidden" },
    { VIN_CAPTUR, "v1:actions/horn-lights", "{\"data\":{\"type\":\"HornLights\",\"attributes\":{\"action\":\"start\",\"target\":\"horn\"}}}",
      403, "err.func.wired.forbidden" },
    { VIN_ZOE2, "v1:actions/horn-lights", "{\"data\":{\"type\":\"HornLights\",\"attributes\":{\"action\":\"start\",\"target\":\"lights\"}}}",
      403, "err.func.wired.forbidden" },
    { VIN_R5, "v1:actions/charge-mode", "{\"data\":{\"type\":\"ChargeMode\",\"attributes\":{\"action\":\"always\"}}}",
      403, "err.func.wired.forbidden" },
    { VIN_R5, "v2:actions/hvac-schedule", "{\"data\":{\"type\":\"HvacSchedule\",\"attributes\":{\"schedules\":[]}}}",
      403, "err.func.wired.forbidden" },
    { VIN_CAPTUR, "kcm:charge/start", "{\"data\":{\"type\":\"ChargingStart\",\"attributes\":{\"action\":\"start\"}}}",
      501, "err.tech.501" },
    { VIN_ZOE1, "kcm:ev/soc-levels", "{\"socMin\":20,\"socTarget\":80}", 501, "err.tech.501" },
    { VIN_SPRING, "kcm:ev/soc-levels", "{\"socMin\":20,\"socTarget\":80}", 403, "err.func.wired.forbidden" },
    { VIN_MEGANE, "kcm:charge/pause-resume", "{\"data\":{\"type\":\"ChargePauseResume\",\"attributes\":{\"action\":\"pause\"}}}",
      403, "err.func.wired.forbidden" },    /* Remote engine start only where res-state works (the Captur). */
    { VIN_MEGANE, "v1:actions/engine-start", "{\"data\":{\"type\":\"EngineStart\",\"attributes\":{\"action\":\"start\",\"srp\":\"AB\"}}}",
      403, "err.func.wired.forbidden" },
    { VIN_ZOE1, "v1:actions/engine-start", "{\"data\":{\"type\":\"EngineStart\",\"attributes\":{\"action\":\"stop\",\"srp\":\"AB\"}}}",
      403, "err.func.wired.forbidden" },
  };

  sim_login (f);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(SimResponse) r = post (f, cases[i].vin, cases[i].endpoint, cases[i].body);

      g_test_message ("%s %s", cases[i].vin, cases[i].endpoint);
      assert_error (r, cases[i].status, cases[i].code, NULL);
    }
}

static void
test_charge_mode (SimFixture    *f,
                  gconstpointer  data)
{
  g_autoptr(SimResponse) first = NULL;
  g_autoptr(SimResponse) second = NULL;
  g_autoptr(SimResponse) mode = NULL;
  g_autofree char *id = NULL;

  carport_simulator_set_command_delay_ms (f->sim, 800);
  sim_login (f);
  first = post (f, VIN_ZOE1, "v1:actions/charge-mode",
                "{\"data\":{\"type\":\"ChargeMode\",\"attributes\":{\"action\":\"schedule_mode\"}}}");
  id = action_id (first, "ChargeMode");
  second = post (f, VIN_ZOE1, "v1:actions/charge-mode",
                 "{\"data\":{\"type\":\"ChargeMode\",\"attributes\":{\"action\":\"always_charging\"}}}");
  assert_error (second, 409, "409001", NULL);
  g_assert_cmpstr (json_object_get_string_member (
                     json_array_get_object_element (json_object_get_array_member (sim_response_object (second),
                                                                                  "messages"), 0), "code"),
                   ==, "err.func.vcps.ev.charge-mode.error");

  g_assert_cmpstr (sim_wait_command (f, id, 5000), ==, "COMPLETED");
  mode = get (f, VIN_ZOE1, "v1:charge-mode");
  g_assert_cmpstr (json_object_get_string_member (sim_response_attributes (mode), "chargeMode"), ==, "schedule_mode");
}

static void
test_schedules (SimFixture    *f,
                gconstpointer  data)
{
  g_autoptr(SimResponse) charge = NULL;
  g_autoptr(SimResponse) hvac = NULL;
  g_autoptr(SimResponse) kcm = NULL;
  g_autoptr(SimResponse) settings = NULL;
  g_autoptr(SimResponse) calendar = NULL;
  g_autoptr(SimResponse) hvac_settings = NULL;
  g_autoptr(SimResponse) megane_settings = NULL;
  char *ids[3] = { NULL, };
  JsonArray *schedules;
  JsonObject *first;
  JsonObject *cal;

  carport_simulator_set_command_delay_ms (f->sim, 50);
  sim_login (f);

  charge = post (f, VIN_ZOE1, "v2:actions/charge-schedule",
                 "{\"data\":{\"type\":\"ChargeSchedule\",\"attributes\":{\"schedules\":["
                 "{\"id\":1,\"activated\":true,\"monday\":{\"startTime\":\"T01:00Z\",\"duration\":300},"
                 "\"tuesday\":null,\"sunday\":{\"startTime\":\"T02:15Z\",\"duration\":45}},"
                 "{\"id\":2,\"activated\":false}]}}}");
  ids[0] = action_id (charge, "ChargeSchedule");
  g_assert_cmpstr (sim_wait_command (f, ids[0], 5000), ==, "COMPLETED");

  settings = get (f, VIN_ZOE1, "v1:charging-settings");
  schedules = json_object_get_array_member (sim_response_attributes (settings), "schedules");
  g_assert_cmpuint (json_array_get_length (schedules), ==, 5);
  first = json_array_get_object_element (schedules, 0);
  g_assert_cmpint (json_object_get_int_member (first, "id"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (first, "monday"), "startTime"),
                   ==, "T01:00Z");
  g_assert_false (json_object_has_member (first, "tuesday"));
  g_assert_false (json_object_has_member (first, "wednesday"));

  /* the ZE40 calendar view of the same */
  calendar = get (f, VIN_ZOE1, "v1:charge-schedule");
  cal = json_object_get_object_member (sim_response_attributes (calendar), "calendar");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (
                     json_object_get_array_member (cal, "sunday"), 0), "startTime"), ==, "0215");
  /* every day is listed, as in the real calendar: one without a slot is [] */
  for (guint d = 0; d < 7; d++)
    {
      static const char * const week[] = {
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
      };

      g_assert_true (json_object_has_member (cal, week[d]));
    }
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (cal, "tuesday")), ==, 0);

  hvac = post (f, VIN_ZOE2, "v2:actions/hvac-schedule",
               "{\"data\":{\"type\":\"HvacSchedule\",\"attributes\":{\"schedules\":["
               "{\"id\":3,\"activated\":true,\"friday\":{\"readyAtTime\":\"T20:45Z\"}}]}}}");
  ids[1] = action_id (hvac, "HvacSchedule");
  g_assert_cmpstr (sim_wait_command (f, ids[1], 5000), ==, "COMPLETED");
  hvac_settings = get (f, VIN_ZOE2, "v1:hvac-settings");
  schedules = json_object_get_array_member (sim_response_attributes (hvac_settings), "schedules");
  g_assert_cmpuint (json_array_get_length (schedules), ==, 5);
  first = json_array_get_object_element (schedules, 2);
  g_assert_true (json_object_get_boolean_member (first, "activated"));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (first, "friday"), "readyAtTime"),
                   ==, "T20:45Z");

  kcm = post (f, VIN_MEGANE, "kcm:charge/schedule",
              "{\"data\":{\"type\":\"ChargeSchedule\",\"attributes\":{\"schedules\":["
              "{\"id\":2,\"activated\":true,\"saturday\":{\"startTime\":\"T23:30Z\",\"duration\":15}}]}}}");
  ids[2] = action_id (kcm, "ChargeSchedule");
  g_assert_cmpstr (sim_wait_command (f, ids[2], 5000), ==, "COMPLETED");
  megane_settings = get (f, VIN_MEGANE, "v1:charging-settings");
  schedules = json_object_get_array_member (sim_response_attributes (megane_settings), "schedules");
  g_assert_true (json_object_get_boolean_member (json_array_get_object_element (schedules, 1), "activated"));

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    g_clear_pointer (&ids[i], g_free);
}

static gint64
parse_time (const char *text)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) dt = g_date_time_new_from_iso8601 (text, utc);

  g_assert_nonnull (dt);
  return g_date_time_to_unix (dt);
}

static void
test_refresh_and_horn (SimFixture    *f,
                       gconstpointer  data)
{
  static const struct { const char *vin, *action, *type, *read, *member; } refreshes[] = {
    { VIN_ZOE2, "v1:actions/refresh-location", "RefreshLocation", "v1:location", "lastUpdateTime" },
    { VIN_ZOE2, "v1:actions/refresh-battery-status", "RefreshBatteryStatus", "v2:battery-status", "timestamp" },
    { VIN_SPRING, "v1:actions/refresh-hvac-status", "RefreshHvacStatus", "v1:hvac-status", "lastUpdateTime" },
  };
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  carport_simulator_set_command_delay_ms (f->sim, 50);
  sim_login (f);
  for (guint i = 0; i < G_N_ELEMENTS (refreshes); i++)
    {
      g_autoptr(SimResponse) before = get (f, refreshes[i].vin, refreshes[i].read);
      g_autoptr(SimResponse) after = NULL;
      g_autoptr(SimResponse) action = NULL;
      g_autofree char *body = g_strdup_printf ("{\"data\":{\"type\":\"%s\"}}", refreshes[i].type);
      g_autofree char *id = NULL;

      g_assert_cmpint (parse_time (json_object_get_string_member (sim_response_attributes (before),
                                                                  refreshes[i].member)), <, now - 60);
      action = post (f, refreshes[i].vin, refreshes[i].action, body);
      id = action_id (action, refreshes[i].type);
      g_assert_cmpstr (sim_wait_command (f, id, 5000), ==, "COMPLETED");
      after = get (f, refreshes[i].vin, refreshes[i].read);
      g_assert_cmpint (parse_time (json_object_get_string_member (sim_response_attributes (after),
                                                                  refreshes[i].member)), >=, now - 1);
    }

  {
    g_autoptr(SimResponse) horn = post (f, VIN_MEGANE, "v1:actions/horn-lights",
                                        "{\"data\":{\"type\":\"HornLights\",\"attributes\":{\"action\":\"start\","
                                        "\"target\":\"horn\"}}}");
    g_autofree char *id = action_id (horn, "HornLights");
    g_autoptr(JsonObject) entry = NULL;

    g_assert_cmpstr (sim_wait_command (f, id, 5000), ==, "COMPLETED");
    entry = notification (f, id);
    g_assert_cmpstr (json_object_get_string_member (entry, "commandType"), ==, "HORN");
  }
}

static void
test_notifications (SimFixture    *f,
                    gconstpointer  data)
{
  g_autoptr(SimResponse) unknown = NULL;
  g_autoptr(SimResponse) all = NULL;
  g_autoptr(SimResponse) a = NULL;
  g_autoptr(SimResponse) b = NULL;

  sim_login (f);
  unknown = sim_get (f, "/commerce/v1/persons/%s/notifications/kmr?notificationId=no-such-id",
                     carport_simulator_get_person_id (f->sim));
  g_assert_cmpuint (unknown->status, ==, 200);
  g_assert_cmpuint (json_array_get_length (sim_response_array (unknown)), ==, 0);

  a = post (f, VIN_ZOE2, "v1:actions/refresh-location", "{\"data\":{\"type\":\"RefreshLocation\"}}");
  b = post (f, VIN_SPRING, "v1:actions/refresh-location", "{\"data\":{\"type\":\"RefreshLocation\"}}");
  g_assert_cmpuint (a->status, ==, 200);
  g_assert_cmpuint (b->status, ==, 200);
  all = sim_get (f, "/commerce/v1/persons/%s/notifications/kmr", carport_simulator_get_person_id (f->sim));
  g_assert_cmpuint (json_array_get_length (sim_response_array (all)), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/sim/actions/hvac", SimFixture, NULL, sim_fixture_setup, test_hvac, sim_fixture_teardown);
  g_test_add ("/sim/actions/hvac-scheduled-start", SimFixture, NULL, sim_fixture_setup,
              test_hvac_scheduled_start, sim_fixture_teardown);
  g_test_add ("/sim/actions/charge", SimFixture, NULL, sim_fixture_setup, test_charge, sim_fixture_teardown);
  g_test_add ("/sim/actions/charge-zoe1-watts-and-failure", SimFixture, NULL, sim_fixture_setup,
              test_charge_zoe1_watts_and_failure, sim_fixture_teardown);
  g_test_add ("/sim/actions/kcm-charging", SimFixture, NULL, sim_fixture_setup, test_kcm_charging,
              sim_fixture_teardown);
  g_test_add ("/sim/actions/soc-levels", SimFixture, NULL, sim_fixture_setup, test_soc_levels,
              sim_fixture_teardown);
  g_test_add ("/sim/actions/validation", SimFixture, NULL, sim_fixture_setup, test_validation,
              sim_fixture_teardown);
  g_test_add ("/sim/actions/denied", SimFixture, NULL, sim_fixture_setup, test_denied_actions,
              sim_fixture_teardown);
  g_test_add ("/sim/actions/charge-mode", SimFixture, NULL, sim_fixture_setup, test_charge_mode,
              sim_fixture_teardown);
  g_test_add ("/sim/actions/schedules", SimFixture, NULL, sim_fixture_setup, test_schedules,
              sim_fixture_teardown);
  g_test_add ("/sim/actions/refresh-and-horn", SimFixture, NULL, sim_fixture_setup, test_refresh_and_horn,
              sim_fixture_teardown);
  g_test_add ("/sim/actions/notifications", SimFixture, NULL, sim_fixture_setup, test_notifications,
              sim_fixture_teardown);

  return g_test_run ();
}
