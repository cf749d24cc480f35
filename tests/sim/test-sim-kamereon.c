/* test-sim-kamereon.c — the simulated Kamereon server: auth, garage, reads, per-model errors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "sim-test-util.h"

static const char * const all_vins[] = {
  VIN_ZOE1, VIN_ZOE2, VIN_MEGANE, VIN_SPRING, VIN_R5, VIN_CAPTUR,
};

/* ------------------------------------------------------------------------ */
/* Authentication and request checks                                        */
/* ------------------------------------------------------------------------ */

static SimResponse *
raw_get (SimFixture *f,
         const char *path,
         const char *api_key,
         const char *jwt)
{
  g_autofree char *url = g_strdup_printf ("%s%s", f->kamereon, path);

  if (api_key != NULL && jwt != NULL)
    return sim_request (f, "GET", url, NULL, NULL, "apikey", api_key, "x-gigya-id_token", jwt, NULL);
  if (api_key != NULL)
    return sim_request (f, "GET", url, NULL, NULL, "apikey", api_key, NULL);
  if (jwt != NULL)
    return sim_request (f, "GET", url, NULL, NULL, "x-gigya-id_token", jwt, NULL);
  return sim_request (f, "GET", url, NULL, NULL, NULL);
}

static void
assert_access_denied (SimResponse *r)
{
  JsonObject *object = sim_response_object (r);

  g_assert_cmpuint (r->status, ==, 403);
  g_assert_cmpstr (json_object_get_string_member (object, "error"), ==, "access_denied");
  g_assert_cmpstr (json_object_get_string_member (object, "error_description"), ==, "Unauthorized");
}

static void
assert_kamereon_error (SimResponse *r,
                       guint        status,
                       const char  *code)
{
  JsonObject *object = sim_response_object (r);
  JsonArray *messages;

  if (r->status != status || g_strcmp0 (sim_response_error_code (r), code) != 0)
    {
      g_autofree char *text = sim_response_text (r);

      g_error ("expected %u %s, got %u: %.400s", status, code, r->status, text);
    }
  g_assert_true (g_str_equal (json_object_get_string_member (object, "type"), "FUNCTIONAL") ||
                 g_str_equal (json_object_get_string_member (object, "type"), "TECHNICAL"));
  messages = json_object_get_array_member (object, "messages");
  g_assert_cmpuint (json_array_get_length (messages), ==, 1);
  g_assert_nonnull (json_object_get_string_member (json_array_get_object_element (messages, 0), "message"));
  g_assert_nonnull (sim_response_error_message (r));
}

static void
test_auth (SimFixture    *f,
           gconstpointer  data)
{
  g_autofree char *person = NULL;
  g_autofree char *tampered = NULL;
  g_autoptr(SimResponse) no_key = NULL;
  g_autoptr(SimResponse) old_key = NULL;
  g_autoptr(SimResponse) no_jwt = NULL;
  g_autoptr(SimResponse) garbage = NULL;
  g_autoptr(SimResponse) forged = NULL;
  g_autoptr(SimResponse) no_country = NULL;
  g_autoptr(SimResponse) ok = NULL;
  char *last;

  sim_login (f);
  person = g_strdup_printf ("/commerce/v1/persons/%s?country=FR", carport_simulator_get_person_id (f->sim));

  no_key = raw_get (f, person, NULL, f->jwt);
  assert_access_denied (no_key);
  old_key = raw_get (f, person, "VAX7XYKGfa92yMvXculCkEFyfZbuM7Ss", f->jwt);
  assert_access_denied (old_key);

  no_jwt = raw_get (f, person, SIM_KAMEREON_KEY, NULL);
  assert_kamereon_error (no_jwt, 401, "err.func.wired.unauthorized");
  g_assert_cmpstr (sim_response_error_message (no_jwt), ==, "The access is unauthorized");
  garbage = raw_get (f, person, SIM_KAMEREON_KEY, "not.a.jwt");
  assert_kamereon_error (garbage, 401, "err.func.wired.unauthorized");

  /* a token the simulator did not sign */
  tampered = g_strdup (f->jwt);
  last = tampered + strlen (tampered) - 2;
  *last = *last == 'A' ? 'B' : 'A';
  forged = raw_get (f, person, SIM_KAMEREON_KEY, tampered);
  assert_kamereon_error (forged, 401, "err.func.wired.unauthorized");

  {
    g_autofree char *no_country_path = g_strdup_printf ("/commerce/v1/persons/%s",
                                                        carport_simulator_get_person_id (f->sim));

    no_country = raw_get (f, no_country_path, SIM_KAMEREON_KEY, f->jwt);
    assert_kamereon_error (no_country, 400, "err.func.wired.missingRequestParam");
  }

  ok = raw_get (f, person, SIM_KAMEREON_KEY, f->jwt);
  g_assert_cmpuint (ok->status, ==, 200);
}

static void
test_jwt_expiry (SimFixture    *f,
                 gconstpointer  data)
{
  g_autoptr(SimResponse) before = NULL;
  g_autoptr(SimResponse) after = NULL;
  g_autoptr(SimResponse) fresh = NULL;
  const char *person = carport_simulator_get_person_id (f->sim);

  carport_simulator_set_jwt_lifetime (f->sim, 1);
  sim_login (f);
  before = sim_get (f, "/commerce/v1/persons/%s", person);
  g_assert_cmpuint (before->status, ==, 200);

  carport_test_spin (2100);
  after = sim_get (f, "/commerce/v1/persons/%s", person);
  assert_kamereon_error (after, 401, "err.func.wired.unauthorized");

  /* the login token still mints a new one */
  sim_login (f);
  fresh = sim_get (f, "/commerce/v1/persons/%s", person);
  g_assert_cmpuint (fresh->status, ==, 200);
}

static void
test_routing_errors (SimFixture    *f,
                     gconstpointer  data)
{
  const char *account = carport_simulator_get_account_id (f->sim);
  g_autofree char *battery_v1 = NULL;
  g_autoptr(SimResponse) other_person = NULL;
  g_autoptr(SimResponse) other_account = NULL;
  g_autoptr(SimResponse) other_vin = NULL;
  g_autoptr(SimResponse) wrong_version = NULL;
  g_autoptr(SimResponse) unknown = NULL;
  g_autoptr(SimResponse) post_read = NULL;
  g_autoptr(SimResponse) get_action = NULL;
  g_autofree char *action = NULL;

  sim_login (f);
  other_person = sim_get (f, "/commerce/v1/persons/someone-else");
  assert_kamereon_error (other_person, 403, "err.func.wired.forbidden");
  other_account = sim_get (f, "/commerce/v1/accounts/not-mine/vehicles");
  assert_kamereon_error (other_account, 403, "err.func.wired.forbidden");
  other_vin = sim_get (f, "/commerce/v1/accounts/%s/kamereon/kca/car-adapter/v1/cars/VF1AAAAA555777999/cockpit",
                       account);
  assert_kamereon_error (other_vin, 403, "err.func.wired.forbidden");

  battery_v1 = sim_car_path (f, VIN_ZOE2, "v1:battery-status");
  wrong_version = sim_get (f, "%s", battery_v1);
  assert_kamereon_error (wrong_version, 404, "err.func.wired.not-found");
  unknown = sim_get (f, "/commerce/v1/accounts/%s/kamereon/kca/car-adapter/v1/cars/%s/trip-history",
                     account, VIN_ZOE2);
  assert_kamereon_error (unknown, 404, "err.func.wired.not-found");

  post_read = sim_post (f, "{}", "/commerce/v1/accounts/%s/kamereon/kca/car-adapter/v1/cars/%s/cockpit",
                        account, VIN_ZOE2);
  assert_kamereon_error (post_read, 405, "err.func.wired.methodNotAllowed");
  action = sim_car_path (f, VIN_ZOE2, "v1:actions/hvac-start");
  get_action = sim_get (f, "%s", action);
  assert_kamereon_error (get_action, 405, "err.func.wired.methodNotAllowed");
}

/* ------------------------------------------------------------------------ */
/* Person, accounts, vehicles                                               */
/* ------------------------------------------------------------------------ */

static void
test_person_and_vehicles (SimFixture    *f,
                          gconstpointer  data)
{
  g_autoptr(SimResponse) person = NULL;
  g_autoptr(SimResponse) vehicles = NULL;
  g_autoptr(SimResponse) sfdc_vehicles = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *accounts, *links;
  const char *myrenault = NULL, *sfdc = NULL;
  guint without_details = 0;

  sim_login (f);
  person = sim_get (f, "/commerce/v1/persons/%s", carport_simulator_get_person_id (f->sim));
  g_assert_cmpuint (person->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (sim_response_object (person), "personId"), ==,
                   carport_simulator_get_person_id (f->sim));
  accounts = json_object_get_array_member (sim_response_object (person), "accounts");
  g_assert_cmpuint (json_array_get_length (accounts), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      JsonObject *account = json_array_get_object_element (accounts, i);
      const char *type = json_object_get_string_member (account, "accountType");

      g_assert_cmpstr (json_object_get_string_member (account, "accountStatus"), ==, "ACTIVE");
      g_assert_cmpstr (json_object_get_string_member (account, "country"), ==, "FR");
      if (g_str_equal (type, "MYRENAULT"))
        myrenault = json_object_get_string_member (account, "accountId");
      else if (g_str_equal (type, "SFDC"))
        sfdc = json_object_get_string_member (account, "accountId");
    }
  g_assert_nonnull (myrenault);
  g_assert_nonnull (sfdc);
  g_assert_cmpstr (myrenault, ==, carport_simulator_get_account_id (f->sim));

  sfdc_vehicles = sim_get (f, "/commerce/v1/accounts/%s/vehicles", sfdc);
  g_assert_cmpuint (sfdc_vehicles->status, ==, 200);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (sim_response_object (sfdc_vehicles),
                                                                         "vehicleLinks")), ==, 0);

  vehicles = sim_get (f, "/commerce/v1/accounts/%s/vehicles", myrenault);
  g_assert_cmpuint (vehicles->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (sim_response_object (vehicles), "accountId"), ==, myrenault);
  links = json_object_get_array_member (sim_response_object (vehicles), "vehicleLinks");
  g_assert_cmpuint (json_array_get_length (links), ==, 6);
  for (guint i = 0; i < json_array_get_length (links); i++)
    {
      JsonObject *link = json_array_get_object_element (links, i);
      const char *vin = json_object_get_string_member (link, "vin");
      g_autoptr(SimResponse) details = NULL;
      JsonObject *d;

      g_assert_cmpuint (strlen (vin), ==, 17);
      g_assert_false (g_hash_table_contains (seen, vin));
      g_hash_table_add (seen, (gpointer) vin);
      g_assert_cmpstr (json_object_get_string_member (link, "status"), ==, "ACTIVE");
      g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (link, "connectedDriver"),
                                                      "role"), ==, "MAIN_DRIVER");

      details = sim_get (f, "/commerce/v1/accounts/%s/vehicles/%s/details", myrenault, vin);
      g_assert_cmpuint (details->status, ==, 200);
      d = sim_response_object (details);
      g_assert_cmpstr (json_object_get_string_member (d, "vin"), ==, vin);
      if (json_object_has_member (link, "vehicleDetails"))
        {
          JsonObject *inline_details = json_object_get_object_member (link, "vehicleDetails");

          g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (inline_details, "model"), "code"),
                           ==,
                           json_object_get_string_member (json_object_get_object_member (d, "model"), "code"));
        }
      else
        {
          without_details++;
        }

      if (g_str_equal (vin, VIN_SPRING))
        {
          g_assert_cmpstr (json_object_get_string_member (link, "brand"), ==, "DACIA");
          g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (d, "brand"), "label"),
                           ==, "DACIA");
        }
      if (g_str_equal (vin, VIN_CAPTUR))
        g_assert_cmpstr (json_object_get_string_member (d, "engineEnergyType"), ==, "PHEV");
      if (g_str_equal (vin, VIN_R5))
        g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (d, "model"), "code"),
                         ==, "R5E1VE");
      g_assert_cmpuint (json_array_get_length (json_object_get_array_member (d, "assets")), >, 0);
    }
  /* the demo account lists the details of every car, as the real one does */
  g_assert_cmpuint (without_details, ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (all_vins); i++)
    g_assert_true (g_hash_table_contains (seen, all_vins[i]));

  /* the quirk of a link without details is a scenario option */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(SimResponse) quirky = NULL;
    g_autoptr(SimResponse) details = NULL;
    JsonObject *megane, *zoe;

    g_assert_true (carport_simulator_load_scenario_data (f->sim,
      "{\"cars\": [{\"model\": \"XCB1VE\", \"vin\": \"" VIN_MEGANE "\", \"details_in_vehicle_list\": false},"
      "           {\"model\": \"X102VE\", \"vin\": \"" VIN_ZOE2 "\"}]}", &error));
    g_assert_no_error (error);
    quirky = sim_get (f, "/commerce/v1/accounts/%s/vehicles", myrenault);
    links = json_object_get_array_member (sim_response_object (quirky), "vehicleLinks");
    g_assert_cmpuint (json_array_get_length (links), ==, 2);
    megane = json_array_get_object_element (links, 0);
    zoe = json_array_get_object_element (links, 1);
    g_assert_cmpstr (json_object_get_string_member (megane, "vin"), ==, VIN_MEGANE);
    g_assert_false (json_object_has_member (megane, "vehicleDetails"));
    g_assert_true (json_object_has_member (zoe, "vehicleDetails"));
    details = sim_get (f, "/commerce/v1/accounts/%s/vehicles/%s/details", myrenault, VIN_MEGANE);
    g_assert_cmpuint (details->status, ==, 200);
  }
}

static void
test_gateway_contracts_picture (SimFixture    *f,
                                gconstpointer  data)
{
  static const struct { const char *vin, *model, *gateway; } cars[] = {
    { VIN_ZOE1, "X101VE", "GDC" }, { VIN_ZOE2, "X102VE", "AVN" }, { VIN_MEGANE, "XCB1VE", "AVN" },
    { VIN_SPRING, "XBG1VE", "AVN" }, { VIN_R5, "R5E1VE", "AVN" }, { VIN_CAPTUR, "XJB1SU", "AVN" },
  };

  sim_login (f);
  for (guint i = 0; i < G_N_ELEMENTS (cars); i++)
    {
      g_autofree char *path = sim_car_path (f, cars[i].vin, "v2:");
      g_autoptr(SimResponse) gateway = sim_get (f, "%s", path);
      g_autoptr(SimResponse) contracts = NULL;
      JsonObject *a = sim_response_attributes (gateway);

      g_assert_cmpstr (json_object_get_string_member (a, "vin"), ==, cars[i].vin);
      g_assert_cmpstr (json_object_get_string_member (a, "modelCodeDetail"), ==, cars[i].model);
      g_assert_cmpstr (json_object_get_string_member (a, "carGateway"), ==, cars[i].gateway);
      g_assert_cmpstr (json_object_get_string_member (a, "privacyMode"), ==, "off");

      contracts = sim_get (f, "/commerce/v1/accounts/%s/vehicles/%s/contracts?locale=fr_FR&brand=RENAULT"
                           "&connectedServicesContracts=true&warranty=true&warrantyMaintenanceContracts=true",
                           carport_simulator_get_account_id (f->sim), cars[i].vin);
      g_assert_cmpuint (contracts->status, ==, 200);
      g_assert_cmpuint (json_array_get_length (sim_response_array (contracts)), >, 0);
    }

  /* the picture URL of the details points at the simulator itself */
  {
    g_autoptr(SimResponse) details = sim_get (f, "/commerce/v1/accounts/%s/vehicles/%s/details",
                                              carport_simulator_get_account_id (f->sim), VIN_ZOE1);
    JsonArray *assets = json_object_get_array_member (sim_response_object (details), "assets");
    JsonObject *picture = json_array_get_object_element (assets, 0);
    JsonArray *renditions = json_object_get_array_member (picture, "renditions");
    const char *url = json_object_get_string_member (json_array_get_object_element (renditions, 0), "url");
    g_autofree char *prefix = g_strdup_printf ("http://127.0.0.1:%u/", carport_simulator_get_port (f->sim));
    g_autoptr(SimResponse) image = NULL;

    g_assert_cmpstr (json_object_get_string_member (picture, "assetType"), ==, "PICTURE");
    g_assert_true (g_str_has_prefix (url, prefix));
    image = sim_request (f, "GET", url, NULL, NULL, NULL);
    g_assert_cmpuint (image->status, ==, 200);
    g_assert_cmpstr (image->content_type, ==, "image/svg+xml");
  }
}

/* ------------------------------------------------------------------------ */
/* Reads: every endpoint on every car                                       */
/* ------------------------------------------------------------------------ */

/* What each car answers, per the model table of §c.5 and src/sim/README.md:
 * o = data, F = 403 err.func.wired.forbidden, N = 404 err.func.wired.notFound,
 * S = 501 err.tech.501. Columns: ZOE1 ZOE2 MEGANE SPRING R5 CAPTUR. */
static const struct {
  const char *endpoint;
  const char *expect;
} read_table[] = {
  { "v2:", "oooooo" },
  { "v2:battery-status", "oooooo" },
  { "v1:cockpit", "oooooo" },
  { "v2:cockpit", "oooooo" },
  { "v1:location", "Fooooo" },
  { "v1:hvac-status", "oooooo" },
  { "v1:hvac-settings", "oooFoo" },
  { "v1:charge-mode", "oFFFFF" },
  { "v1:charging-settings", "oooFFo" },
  { "v1:charge-schedule", "oFFFFF" },
  { "v1:lock-status", "NNoNoN" },  /* the cars that take remote lock report their locks */
  { "v1:res-state", "FFFFFo" },  /* the Captur takes remote engine start */
  { "v1:pressure", "FoFFFF" },
  { "v1:notification-settings", "ooFFFF" },
  { "v1:charge-history?type=day&start=20200101&end=20991231", "ooFFFF" },
  { "v1:charges?start=20200101&end=20991231", "oooooo" },
  { "v1:hvac-history?type=month&start=202001&end=209912", "ooFFFF" },
  { "v1:hvac-sessions?start=20200101&end=20991231", "ooFFFF" },
  { "kcm:ev/settings", "SSoFoS" },
  { "kcm:ev/soc-levels", "SSoFoS" },
  { "alerts", "oooFoo" },
};

static gboolean
is_iso8601 (const char *text)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) dt = NULL;

  if (text == NULL)
    return FALSE;
  dt = g_date_time_new_from_iso8601 (text, utc);
  return dt != NULL;
}

static void
check_shape (const char  *vin,
             const char  *endpoint,
             SimResponse *r)
{
  g_autofree char *name = g_strdup (strchr (endpoint, ':') ? strchr (endpoint, ':') + 1 : endpoint);
  char *question = strchr (name, '?');
  JsonObject *a = NULL;

  if (question != NULL)
    *question = '\0';

  if (g_str_equal (name, "alerts"))
    {
      sim_response_array (r);
      return;
    }
  if (g_str_has_prefix (name, "ev/"))
    {
      JsonObject *object = sim_response_object (r);

      g_assert_false (json_object_has_member (object, "data"));
      if (g_str_equal (name, "ev/settings"))
        {
          g_assert_nonnull (json_object_get_string_member (object, "chargeModeRq"));
          g_assert_true (JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, "programs")));
        }
      else
        {
          g_assert_cmpint (json_object_get_int_member (object, "socMin"), >=, 15);
          g_assert_cmpint (json_object_get_int_member (object, "socTarget"), <=, 100);
          g_assert_true (is_iso8601 (json_object_get_string_member (object, "lastEnergyUpdateTimestamp")));
        }
      return;
    }

  a = sim_response_attributes (r);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (sim_response_object (r), "data"),
                                                  "id"), ==, vin);
  g_assert_cmpstr (r->content_type, ==, "application/vnd.api+json");

  if (g_str_equal (name, "battery-status"))
    {
      gint64 level = json_object_get_int_member (a, "batteryLevel");
      const char *stamp = json_object_get_string_member (a, "timestamp");
      JsonObject *data = json_object_get_object_member (sim_response_object (r), "data");

      g_assert_cmpint (level, >=, 0);
      g_assert_cmpint (level, <=, 100);
      g_assert_cmpint (json_object_get_int_member (a, "batteryAutonomy"), >, 0);
      g_assert_true (is_iso8601 (stamp));
      g_assert_true (json_node_get_value_type (json_object_get_member (a, "chargingStatus")) == G_TYPE_DOUBLE);
      g_assert_true (json_node_get_value_type (json_object_get_member (a, "plugStatus")) == G_TYPE_INT64);
      if (g_str_equal (vin, VIN_ZOE1))
        {
          g_assert_true (g_str_has_suffix (stamp, "+01:00"));
          g_assert_cmpfloat (json_object_get_double_member (a, "chargingStatus"), ==, -1.0);
          g_assert_cmpint (json_object_get_int_member (a, "plugStatus"), ==, 0);
        }
      else
        {
          g_assert_true (g_str_has_suffix (stamp, "Z"));
        }
      /* newer cars leave out data.type */
      g_assert_true (json_object_has_member (data, "type") == !g_str_equal (vin, VIN_R5));
      if (g_str_equal (vin, VIN_R5))
        g_assert_true (json_object_has_member (a, "V2L_SystemStatusDisplay"));
    }
  else if (g_str_equal (name, "cockpit"))
    {
      g_assert_cmpfloat (json_object_get_double_member (a, "totalMileage"), >, 0.0);
      if (g_str_equal (vin, VIN_CAPTUR))
        {
          g_assert_cmpfloat (json_object_get_double_member (a, "fuelQuantity"), >, 0.0);
          g_assert_cmpfloat (json_object_get_double_member (a, "fuelAutonomy"), >, 0.0);
        }
    }
  else if (g_str_equal (name, "location"))
    {
      g_assert_cmpfloat (json_object_get_double_member (a, "gpsLatitude"), >, 40.0);
      g_assert_cmpfloat (json_object_get_double_member (a, "gpsLongitude"), <, 10.0);
      g_assert_true (is_iso8601 (json_object_get_string_member (a, "lastUpdateTime")));
    }
  else if (g_str_equal (name, "hvac-status"))
    {
      g_assert_cmpstr (json_object_get_string_member (a, "hvacStatus"), ==, "off");
    }
  else if (g_str_equal (name, "hvac-settings"))
    {
      JsonArray *schedules = json_object_get_array_member (a, "schedules");

      g_assert_cmpuint (json_array_get_length (schedules), ==, 5);
      for (guint i = 0; i < 5; i++)
        g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (schedules, i), "id"),
                         ==, i + 1);
    }
  else if (g_str_equal (name, "charge-mode"))
    {
      /* ZE40 speaks the old values */
      g_assert_cmpstr (json_object_get_string_member (a, "chargeMode"), ==, "always_charging");
    }
  else if (g_str_equal (name, "charging-settings"))
    {
      g_assert_nonnull (json_object_get_string_member (a, "mode"));
      g_assert_cmpuint (json_array_get_length (json_object_get_array_member (a, "schedules")), ==, 5);
    }
  else if (g_str_equal (name, "charge-schedule"))
    {
      JsonObject *calendar = json_object_get_object_member (a, "calendar");
      JsonObject *slot = json_array_get_object_element (json_object_get_array_member (calendar, "monday"), 0);

      g_assert_cmpuint (strlen (json_object_get_string_member (slot, "startTime")), ==, 4);
      /* the ZOE ph1 lists all seven days, the weekend without a slot */
      g_assert_cmpuint (json_object_get_size (calendar), ==, 7);
      g_assert_cmpuint (json_array_get_length (json_object_get_array_member (calendar, "sunday")), ==, 0);
    }
  else if (g_str_equal (name, "pressure"))
    {
      g_assert_cmpint (json_object_get_int_member (a, "flPressure"), >, 1000);
      g_assert_cmpint (json_object_get_int_member (a, "rrStatus"), ==, 0);
    }
  else if (g_str_equal (name, "lock-status"))
    {
      g_assert_cmpstr (json_object_get_string_member (a, "lockStatus"), ==, "locked");
      g_assert_cmpstr (json_object_get_string_member (a, "doorStatusDriver"), ==, "closed");
      g_assert_true (is_iso8601 (json_object_get_string_member (a, "lastUpdateTime")));
    }
  else if (g_str_equal (name, "res-state"))
    {
      /* The engine stopped, as in the recorded sample (api-renault.md). */
      g_assert_cmpstr (json_object_get_string_member (a, "code"), ==, "10");
      g_assert_cmpstr (json_object_get_string_member (a, "details"), ==, "Stopped, ready for RES");
    }
  else if (g_str_equal (name, "charge-history"))
    {
      JsonArray *summaries = json_object_get_array_member (a, "chargeSummaries");

      g_assert_cmpuint (json_array_get_length (summaries), >, 0);
      g_assert_cmpuint (strlen (json_object_get_string_member (json_array_get_object_element (summaries, 0),
                                                               "day")), ==, 8);
    }
  else if (g_str_equal (name, "charges"))
    {
      JsonArray *charges = json_object_get_array_member (a, "charges");
      JsonObject *c = json_array_get_object_element (charges, 0);

      g_assert_cmpuint (json_array_get_length (charges), >=, 3);
      g_assert_true (is_iso8601 (json_object_get_string_member (c, "chargeStartDate")));
      g_assert_cmpstr (json_object_get_string_member (c, "chargeEndStatus"), ==, "ok");
    }
  else if (g_str_equal (name, "notification-settings") || g_str_has_prefix (name, "hvac-"))
    {
      /* empty in every recorded answer */
    }
  else if (g_str_equal (name, ""))
    {
      g_assert_cmpstr (json_object_get_string_member (a, "vin"), ==, vin);
    }
  else
    {
      g_error ("no shape check for %s", name);
    }
}

static void
test_reads (SimFixture    *f,
            gconstpointer  data)
{
  sim_login (f);
  for (guint e = 0; e < G_N_ELEMENTS (read_table); e++)
    for (guint c = 0; c < G_N_ELEMENTS (all_vins); c++)
      {
        g_autofree char *path = sim_car_path (f, all_vins[c], read_table[e].endpoint);
        g_autoptr(SimResponse) r = sim_get (f, "%s", path);

        g_test_message ("%s %s → %u", all_vins[c], read_table[e].endpoint, r->status);
        switch (read_table[e].expect[c])
          {
          case 'o':
            check_shape (all_vins[c], read_table[e].endpoint, r);
            break;
          case 'F':
            assert_kamereon_error (r, 403, "err.func.wired.forbidden");
            g_assert_cmpstr (sim_response_error_message (r), ==, "The access is forbidden");
            break;
          case 'N':
            assert_kamereon_error (r, 404, "err.func.wired.notFound");
            g_assert_nonnull (strstr (sim_response_error_message (r), "There is no data for this vin and uid"));
            break;
          case 'S':
            assert_kamereon_error (r, 501, "err.tech.501");
            g_assert_cmpstr (json_object_get_string_member (sim_response_object (r), "type"), ==, "TECHNICAL");
            break;
          default:
            g_assert_not_reached ();
          }
      }
}

static void
test_history_params (SimFixture    *f,
                     gconstpointer  data)
{
  g_autofree char *missing = sim_car_path (f, VIN_ZOE1, "v1:charge-history?start=20200101&end=20991231");
  g_autofree char *bad = sim_car_path (f, VIN_ZOE1, "v1:charges?start=2020-01-01&end=20991231");
  g_autofree char *none = sim_car_path (f, VIN_ZOE1, "v1:charges?start=20000101&end=20000102");
  g_autoptr(SimResponse) r1 = NULL;
  g_autoptr(SimResponse) r2 = NULL;
  g_autoptr(SimResponse) r3 = NULL;

  sim_login (f);
  r1 = sim_get (f, "%s", missing);
  assert_kamereon_error (r1, 400, "err.func.wired.missingRequestParam");
  r2 = sim_get (f, "%s", bad);
  assert_kamereon_error (r2, 400, "err.func.400");
  r3 = sim_get (f, "%s", none);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (sim_response_attributes (r3), "charges")),
                    ==, 0);
}

/* The endpoints no default model serves, opened by a scenario. */
static void
test_scenario_overrides (SimFixture    *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *lock = NULL;
  g_autofree char *res = NULL;
  g_autofree char *hvac = NULL;
  g_autofree char *cockpit = NULL;
  g_autoptr(SimResponse) r_lock = NULL;
  g_autoptr(SimResponse) r_res = NULL;
  g_autoptr(SimResponse) r_hvac = NULL;
  g_autoptr(SimResponse) r_cockpit = NULL;
  g_autoptr(SimResponse) r_privacy = NULL;
  const char *scenario =
    "{\"cars\": ["
    "  {\"model\": \"X102VE\", \"vin\": \"VF1X102VE00000077\", \"allow\": [\"lock-status\", \"res-state\"],"
    "   \"deny\": {\"cockpit\": \"err.func.403\"}, \"quirks\": [\"hvac-status-403011\"]},"
    "  {\"model\": \"X101VE\", \"vin\": \"VF1X101VE00000078\", \"quirks\": [\"privacy-on\"]}"
    "]}";

  g_assert_true (carport_simulator_load_scenario_data (f->sim, scenario, &error));
  g_assert_no_error (error);
  sim_login (f);

  lock = sim_car_path (f, "VF1X102VE00000077", "v1:lock-status");
  r_lock = sim_get (f, "%s", lock);
  g_assert_cmpstr (json_object_get_string_member (sim_response_attributes (r_lock), "lockStatus"), ==, "locked");
  g_assert_cmpstr (json_object_get_string_member (sim_response_attributes (r_lock), "hatchStatus"), ==, "closed");

  res = sim_car_path (f, "VF1X102VE00000077", "v1:res-state");
  r_res = sim_get (f, "%s", res);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (sim_response_object (r_res), "data"),
                                                  "type"), ==, "ResState");
  g_assert_cmpstr (json_object_get_string_member (sim_response_attributes (r_res), "code"), ==, "10");

  hvac = sim_car_path (f, "VF1X102VE00000077", "v1:hvac-status");
  r_hvac = sim_get (f, "%s", hvac);
  assert_kamereon_error (r_hvac, 403, "err.func.403");
  g_assert_nonnull (strstr (sim_response_error_message (r_hvac), "403011"));
  g_assert_nonnull (strstr (sim_response_error_message (r_hvac), "(C1A)"));

  cockpit = sim_car_path (f, "VF1X102VE00000077", "v1:cockpit");
  r_cockpit = sim_get (f, "%s", cockpit);
  assert_kamereon_error (r_cockpit, 403, "err.func.403");

  g_free (cockpit);
  cockpit = sim_car_path (f, "VF1X101VE00000078", "v1:cockpit");
  r_privacy = sim_get (f, "%s", cockpit);
  assert_kamereon_error (r_privacy, 403, "err.func.privacy.on");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/sim/kamereon/auth", SimFixture, NULL, sim_fixture_setup, test_auth, sim_fixture_teardown);
  g_test_add ("/sim/kamereon/jwt-expiry", SimFixture, NULL, sim_fixture_setup, test_jwt_expiry,
              sim_fixture_teardown);
  g_test_add ("/sim/kamereon/routing-errors", SimFixture, NULL, sim_fixture_setup, test_routing_errors,
              sim_fixture_teardown);
  g_test_add ("/sim/kamereon/person-and-vehicles", SimFixture, NULL, sim_fixture_setup,
              test_person_and_vehicles, sim_fixture_teardown);
  g_test_add ("/sim/kamereon/gateway-contracts-picture", SimFixture, NULL, sim_fixture_setup,
              test_gateway_contracts_picture, sim_fixture_teardown);
  g_test_add ("/sim/kamereon/reads", SimFixture, NULL, sim_fixture_setup, test_reads, sim_fixture_teardown);
  g_test_add ("/sim/kamereon/history-params", SimFixture, NULL, sim_fixture_setup, test_history_params,
              sim_fixture_teardown);
  g_test_add ("/sim/kamereon/scenario-overrides", SimFixture, NULL, sim_fixture_setup,
              test_scenario_overrides, sim_fixture_teardown);

  return g_test_run ();
}
