/* test-sim-faults.c — fault injection, latency and concurrency, scenarios, the info line
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include <unistd.h>

#include <glib/gstdio.h>

#include "sim-test-util.h"

static SimResponse *
battery (SimFixture *f,
         const char *vin)
{
  g_autofree char *path = sim_car_path (f, vin, "v2:battery-status");

  return sim_get (f, "%s", path);
}

static void
assert_normal_battery (SimResponse *r)
{
  g_assert_cmpuint (r->status, ==, 200);
  g_assert_true (json_object_has_member (sim_response_attributes (r), "batteryLevel"));
}

static void
test_fault_kinds (SimFixture    *f,
                  gconstpointer  data)
{
  gsize normal_length;

  sim_login (f);
  {
    g_autoptr(SimResponse) normal = battery (f, VIN_ZOE2);

    assert_normal_battery (normal);
    normal_length = g_bytes_get_size (normal->body);
  }

  /* error with the code's own status */
  {
    CarportSimFault fault = { CARPORT_SIM_FAULT_ERROR, 0, "err.func.wired.forbidden", 0, 0, 1 };
    g_autoptr(SimResponse) r = NULL;

    carport_simulator_add_fault (f->sim, "battery-status", &fault);
    r = battery (f, VIN_ZOE2);
    g_assert_cmpuint (r->status, ==, 403);
    g_assert_cmpstr (sim_response_error_code (r), ==, "err.func.wired.forbidden");
  }
  /* error with a chosen status */
  {
    CarportSimFault fault = { CARPORT_SIM_FAULT_ERROR, 503, "err.tech.wired.kamereon-proxy", 0, 0, 1 };
    g_autoptr(SimResponse) r = NULL;

    carport_simulator_add_fault (f->sim, "battery-status", &fault);
    r = battery (f, VIN_ZOE2);
    g_assert_cmpuint (r->status, ==, 503);
    g_assert_cmpstr (sim_response_error_code (r), ==, "err.tech.wired.kamereon-proxy");
    g_assert_cmpstr (json_object_get_string_member (sim_response_object (r), "type"), ==, "TECHNICAL");
  }
  /* HTML 502 */
  {
    CarportSimFault fault = { CARPORT_SIM_FAULT_HTML_502, 0, NULL, 0, 0, 1 };
    g_autoptr(SimResponse) r = NULL;
    g_autofree char *text = NULL;

    carport_simulator_add_fault (f->sim, "battery-status", &fault);
    r = battery (f, VIN_ZOE2);
    text = sim_response_text (r);
    g_assert_cmpuint (r->status, ==, 502);
    g_assert_cmpstr (r->content_type, ==, "text/html");
    g_assert_null (r->json);
    g_assert_nonnull (strstr (text, "<title>502 Bad Gateway</title>"));
  }
  /* quota */
  {
    CarportSimFault fault = { CARPORT_SIM_FAULT_QUOTA, 0, NULL, 0, 0, 1 };
    g_autoptr(SimResponse) r = NULL;

    carport_simulator_add_fault (f->sim, "battery-status", &fault);
    r = battery (f, VIN_ZOE2);
    g_assert_cmpuint (r->status, ==, 429);
    g_assert_cmpstr (sim_response_error_code (r), ==, "err.func.wired.overloaded");
    g_assert_cmpstr (sim_response_error_message (r), ==, "You have reached your quota limit");
  }
  /* malformed */
  {
    CarportSimFault fault = { CARPORT_SIM_FAULT_MALFORMED, 0, NULL, 0, 0, 1 };
    g_autoptr(SimResponse) r = NULL;

    carport_simulator_add_fault (f->sim, "battery-status", &fault);
    r = battery (f, VIN_ZOE2);
    g_assert_cmpuint (r->status, ==, 200);
    g_assert_cmpuint (g_bytes_get_size (r->body), >, 0);
    g_assert_null (r->json);
  }
  /* truncated */
  {
    CarportSimFault fault = { CARPORT_SIM_FAULT_TRUNCATED, 0, NULL, 0, 0, 1 };
    g_autoptr(SimResponse) r = NULL;
    g_autofree char *text = NULL;

    carport_simulator_add_fault (f->sim, "battery-status", &fault);
    r = battery (f, VIN_ZOE2);
    text = sim_response_text (r);
    g_assert_cmpuint (r->status, ==, 200);
    g_assert_null (r->json);
    g_assert_cmpuint (g_bytes_get_size (r->body), <, normal_length);
    g_assert_cmpuint (g_bytes_get_size (r->body), >, 10);
    g_assert_true (g_str_has_prefix (text, "{\"data\":"));
  }
  /* huge, but still the same valid answer */
  {
    CarportSimFault fault = { CARPORT_SIM_FAULT_HUGE, 0, NULL, 0, 3 * 1024 * 1024, 1 };
    g_autoptr(SimResponse) r = NULL;

    carport_simulator_add_fault (f->sim, "battery-status", &fault);
    r = battery (f, VIN_ZOE2);
    g_assert_cmpuint (g_bytes_get_size (r->body), >=, 3 * 1024 * 1024);
    assert_normal_battery (r);
  }
  /* empty */
  {
    CarportSimFault fault = { CARPORT_SIM_FAULT_EMPTY, 0, NULL, 0, 0, 1 };
    g_autoptr(SimResponse) r = NULL;

    carport_simulator_add_fault (f->sim, "battery-status", &fault);
    r = battery (f, VIN_ZOE2);
    g_assert_cmpuint (r->status, ==, 200);
    g_assert_cmpuint (g_bytes_get_size (r->body), ==, 0);
  }
  /* delay, then the normal answer */
  {
    CarportSimFault fault = { CARPORT_SIM_FAULT_DELAY, 0, NULL, 300, 0, 1 };
    g_autoptr(SimResponse) r = NULL;
    gint64 start = g_get_monotonic_time ();

    carport_simulator_add_fault (f->sim, "battery-status", &fault);
    r = battery (f, VIN_ZOE2);
    g_assert_cmpint (g_get_monotonic_time () - start, >=, 280 * 1000);
    assert_normal_battery (r);
  }

  /* every fault above was for one request only */
  {
    g_autoptr(SimResponse) r = battery (f, VIN_ZOE2);

    assert_normal_battery (r);
  }
}

static void
test_fault_counts_and_matching (SimFixture    *f,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *cockpit_zoe1 = NULL;
  g_autofree char *cockpit_zoe2 = NULL;

  sim_login (f);

  /* x2: two hits, then normal */
  g_assert_true (carport_simulator_add_fault_from_string (f->sim, "battery-status=quota:x2", &error));
  g_assert_no_error (error);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(SimResponse) r = battery (f, VIN_ZOE2);

      g_assert_cmpuint (r->status, ==, i < 2 ? 429 : 200);
    }

  /* no count: every time, until cleared */
  g_assert_true (carport_simulator_add_fault_from_string (f->sim, "battery-status=error:500:err.tech.500", &error));
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(SimResponse) r = battery (f, VIN_SPRING);

      g_assert_cmpuint (r->status, ==, 500);
      g_assert_cmpstr (sim_response_error_code (r), ==, "err.tech.500");
    }
  carport_simulator_clear_faults (f->sim);
  {
    g_autoptr(SimResponse) r = battery (f, VIN_SPRING);

    assert_normal_battery (r);
  }

  /* a path suffix with a VIN picks one car */
  g_assert_true (carport_simulator_add_fault_from_string (f->sim, VIN_ZOE1 "/cockpit=html-502", &error));
  cockpit_zoe1 = sim_car_path (f, VIN_ZOE1, "v1:cockpit");
  cockpit_zoe2 = sim_car_path (f, VIN_ZOE2, "v1:cockpit");
  {
    g_autoptr(SimResponse) hit = sim_get (f, "%s", cockpit_zoe1);
    g_autoptr(SimResponse) miss = sim_get (f, "%s", cockpit_zoe2);

    g_assert_cmpuint (hit->status, ==, 502);
    g_assert_cmpuint (miss->status, ==, 200);
  }
  carport_simulator_clear_faults (f->sim);

  /* names of actions and of Gigya methods */
  g_assert_true (carport_simulator_add_fault_from_string (f->sim, "hvac-start=error:err.func.privacy.on:x1", &error));
  g_assert_true (carport_simulator_add_fault_from_string (f->sim, "accounts.getJWT=error:403013:x1", &error));
  {
    g_autofree char *path = sim_car_path (f, VIN_ZOE2, "v1:actions/hvac-start");
    g_autoptr(SimResponse) action = sim_post (f, "{\"data\":{\"type\":\"HvacStart\",\"attributes\":"
                                              "{\"action\":\"cancel\"}}}", "%s", path);
    g_autoptr(SimResponse) jwt = sim_gigya (f, "accounts.getJWT", "ApiKey", SIM_GIGYA_KEY,
                                            "login_token", f->login_token, NULL);

    g_assert_cmpuint (action->status, ==, 403);
    g_assert_cmpstr (sim_response_error_code (action), ==, "err.func.privacy.on");
    g_assert_cmpuint (jwt->status, ==, 200);
    g_assert_cmpint (json_object_get_int_member (sim_response_object (jwt), "errorCode"), ==, 403013);
  }

  /* "*" hits everything, Gigya included */
  g_assert_true (carport_simulator_add_fault_from_string (f->sim, "*=html-502:x2", &error));
  {
    g_autoptr(SimResponse) login = sim_gigya (f, "accounts.login", "ApiKey", SIM_GIGYA_KEY, NULL);
    g_autoptr(SimResponse) person = sim_get (f, "/commerce/v1/persons/%s", carport_simulator_get_person_id (f->sim));
    g_autoptr(SimResponse) after = sim_get (f, "/commerce/v1/persons/%s", carport_simulator_get_person_id (f->sim));

    g_assert_cmpuint (login->status, ==, 502);
    g_assert_cmpuint (person->status, ==, 502);
    g_assert_cmpuint (after->status, ==, 200);
  }
}

static void
test_fault_spec_errors (SimFixture    *f,
                        gconstpointer  data)
{
  static const char * const bad[] = {
    "nonsense", "=quota", "cockpit=", "cockpit=explode", "cockpit=delay", "cockpit=delay:soon",
    "cockpit=quota:x2:x3", "cockpit=huge:lots", "cockpit=quota:500", "cockpit=drip:soon",
    "cockpit=redirect:soon",
  };
  static const char * const good[] = {
    "cockpit=delay:100", "cockpit=huge:2M", "cockpit=huge", "cockpit=error", "cockpit=error:404",
    "cockpit=empty:x5", "cockpit=truncated", "cockpit=malformed", "cockpit=drip", "cockpit=drip:100:x2",
    "cockpit=redirect", "cockpit=redirect:307:x1",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (carport_simulator_add_fault_from_string (f->sim, bad[i], &error));
      g_assert_error (error, CARPORT_SIMULATOR_ERROR, CARPORT_SIMULATOR_ERROR_INVALID_FAULT);
    }
  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (carport_simulator_add_fault_from_string (f->sim, good[i], &error));
      g_assert_no_error (error);
    }
}

/* A dripping answer is the normal one, slowly; every request is counted
 * under its endpoint's name, whatever its answer. */
static void
test_drip_and_endpoint_counts (SimFixture    *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SimResponse) normal = NULL;
  g_autoptr(SimResponse) dripped = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *info = NULL;
  JsonObject *counts;
  gint64 start;

  sim_login (f);
  g_assert_cmpuint (carport_simulator_get_endpoint_request_count (f->sim, "battery-status"), ==, 0);
  normal = battery (f, VIN_ZOE2);
  g_assert_true (carport_simulator_add_fault_from_string (f->sim, "battery-status=drip:4:x1", &error));
  g_assert_no_error (error);

  start = g_get_monotonic_time ();
  dripped = battery (f, VIN_ZOE2);
  assert_normal_battery (dripped);
  g_assert_cmpuint (g_bytes_get_size (dripped->body), ==, g_bytes_get_size (normal->body));
  g_assert_cmpint (g_get_monotonic_time () - start, >=, (gint64) g_bytes_get_size (normal->body) * 4 * 1000);

  g_assert_cmpuint (carport_simulator_get_endpoint_request_count (f->sim, "battery-status"), ==, 2);
  g_assert_cmpuint (carport_simulator_get_endpoint_request_count (f->sim, "accounts.login"), ==, 1);
  info = carport_simulator_dup_info_json (f->sim);
  g_assert_true (json_parser_load_from_data (parser, info, -1, NULL));
  counts = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)), "endpoint_requests");
  g_assert_cmpint (json_object_get_int_member (counts, "battery-status"), ==, 2);
}

/* A redirect sends the client to the same path under /redirected/, a 404
 * that is counted: this test's session follows it, Carport's must not. */
static void
test_redirect (SimFixture    *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SimResponse) followed = NULL;
  g_autoptr(SimResponse) normal = NULL;

  sim_login (f);
  g_assert_true (carport_simulator_add_fault_from_string (f->sim, "battery-status=redirect:307:x1", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (carport_simulator_get_endpoint_request_count (f->sim, "redirected"), ==, 0);
  followed = battery (f, VIN_ZOE2);
  g_assert_cmpuint (followed->status, ==, 404);
  g_assert_cmpuint (carport_simulator_get_endpoint_request_count (f->sim, "redirected"), ==, 1);
  normal = battery (f, VIN_ZOE2);
  assert_normal_battery (normal);
}

/* ------------------------------------------------------------------------ */

typedef struct {
  SimFixture *f;
  guint       done;
  guint       requests_seen_at_first_answer;
} Parallel;

static void
parallel_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Parallel *p = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (body), >, 0);
  if (p->done++ == 0)
    p->requests_seen_at_first_answer = carport_simulator_get_request_count (p->f->sim);
}

static void
test_latency_is_concurrent (SimFixture    *f,
                            gconstpointer  data)
{
  static const char * const vins[] = { VIN_ZOE1, VIN_ZOE2, VIN_MEGANE, VIN_SPRING, VIN_R5, VIN_CAPTUR };
  Parallel p = { f, 0, 0 };
  guint base;
  gint64 start;
  const guint latency = 400;

  sim_login (f);
  carport_simulator_set_latency_ms (f->sim, latency);
  base = carport_simulator_get_request_count (f->sim);

  start = g_get_monotonic_time ();
  for (guint i = 0; i < G_N_ELEMENTS (vins); i++)
    {
      g_autofree char *path = sim_car_path (f, vins[i], "v1:cockpit");
      g_autofree char *url = g_strdup_printf ("%s%s?country=FR", f->kamereon, path);
      g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);

      soup_message_headers_append (soup_message_get_request_headers (msg), "apikey", SIM_KAMEREON_KEY);
      soup_message_headers_append (soup_message_get_request_headers (msg), "x-gigya-id_token", f->jwt);
      soup_session_send_and_read_async (f->session, msg, G_PRIORITY_DEFAULT, NULL, parallel_cb, &p);
    }
  while (p.done < G_N_ELEMENTS (vins))
    g_main_context_iteration (NULL, TRUE);

  /* All six were in the server before the first answer left: they waited
   * their latency side by side, not one after the other. */
  g_assert_cmpuint (p.requests_seen_at_first_answer - base, ==, G_N_ELEMENTS (vins));
  g_assert_cmpuint (carport_simulator_get_request_count (f->sim) - base, ==, G_N_ELEMENTS (vins));
  /* one after the other would take at least 6 × 400 ms */
  g_assert_cmpint (g_get_monotonic_time () - start, <, (gint64) G_N_ELEMENTS (vins) * latency * 1000);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, (gint64) (latency - 20) * 1000);
}

static void
keep_result_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static void
test_stop_with_pending (SimFixture    *f,
                        gconstpointer  data)
{
  /* a request waiting for its latency when the simulator stops is dropped */
  g_autofree char *url = g_strdup_printf ("%s/accounts.login", f->gigya);
  g_autoptr(SoupMessage) msg = soup_message_new ("POST", url);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  carport_simulator_set_latency_ms (f->sim, 5000);
  soup_session_send_and_read_async (f->session, msg, G_PRIORITY_DEFAULT, NULL, keep_result_cb, &result);
  while (carport_simulator_get_request_count (f->sim) == 0)
    g_main_context_iteration (NULL, TRUE);
  carport_simulator_stop (f->sim);
  g_assert_cmpuint (carport_simulator_get_port (f->sim), ==, 0);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  body = soup_session_send_and_read_finish (f->session, result, &error);
  g_assert_null (body);
  g_assert_nonnull (error);
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 gpointer    user_data)
{
  guint *count = user_data;

  (*count)++;
}

/* ------------------------------------------------------------------------ */

static void
test_info_and_properties (SimFixture    *f,
                          gconstpointer  data)
{
  g_autofree char *info = carport_simulator_dup_info_json (f->sim);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *gigya = carport_simulator_get_gigya_url (f->sim);
  g_autofree char *kamereon = carport_simulator_get_kamereon_url (f->sim);
  g_autofree char *prefix = g_strdup_printf ("http://127.0.0.1:%u/", carport_simulator_get_port (f->sim));
  g_auto(GStrv) vins = carport_simulator_dup_vins (f->sim);
  g_autofree char *state = NULL;
  JsonObject *root, *env, *account;
  guint latency = 0, port = 0;
  guint notified = 0;

  g_assert_null (strchr (info, '\n'));
  g_assert_true (json_parser_load_from_data (parser, info, -1, NULL));
  root = json_node_get_object (json_parser_get_root (parser));
  env = json_object_get_object_member (root, "env");
  g_assert_cmpstr (json_object_get_string_member (env, "CARPORT_RENAULT_GIGYA_URL"), ==, gigya);
  g_assert_cmpstr (json_object_get_string_member (env, "CARPORT_RENAULT_KAMEREON_URL"), ==, kamereon);
  g_assert_true (g_str_has_prefix (gigya, prefix));
  g_assert_true (g_str_has_suffix (gigya, "/gigya"));
  g_assert_true (g_str_has_suffix (kamereon, "/kamereon"));
  account = json_array_get_object_element (json_object_get_array_member (root, "accounts"), 0);
  g_assert_cmpstr (json_object_get_string_member (account, "brand"), ==, "renault");
  g_assert_cmpstr (json_object_get_string_member (account, "locale"), ==, "fr_FR");
  g_assert_cmpstr (json_object_get_string_member (account, "email"), ==, carport_simulator_get_demo_email (f->sim));
  g_assert_cmpstr (json_object_get_string_member (account, "password"), ==,
                   carport_simulator_get_demo_password (f->sim));

  g_assert_cmpuint (g_strv_length (vins), ==, 6);
  state = carport_simulator_dup_car_state_json (f->sim, VIN_MEGANE);
  g_assert_nonnull (strstr (state, "\"charge\":\"charging\""));
  g_assert_null (carport_simulator_dup_car_state_json (f->sim, "nope"));
  g_assert_cmpint (carport_simulator_get_battery_level (f->sim, "nope"), ==, -1);
  g_assert_cmpint (carport_simulator_get_battery_level (f->sim, VIN_ZOE1), ==, 50);

  g_object_set (f->sim, "latency-ms", 25, NULL);
  g_object_get (f->sim, "latency-ms", &latency, "port", &port, NULL);
  g_assert_cmpuint (latency, ==, 25);
  g_assert_cmpuint (port, ==, carport_simulator_get_port (f->sim));
  {
    gulong id = g_signal_connect (f->sim, "notify::jwt-lifetime", G_CALLBACK (count_notify_cb), &notified);

    carport_simulator_set_jwt_lifetime (f->sim, 60);
    carport_simulator_set_jwt_lifetime (f->sim, 60);   /* unchanged: no notify */
    g_signal_handler_disconnect (f->sim, id);
  }
  g_assert_cmpuint (notified, ==, 1);
  g_assert_cmpuint (carport_simulator_get_jwt_lifetime (f->sim), ==, 60);
  {
    g_autoptr(GError) error = NULL;

    g_assert_false (carport_simulator_start (f->sim, 0, &error));
    g_assert_error (error, CARPORT_SIMULATOR_ERROR, CARPORT_SIMULATOR_ERROR_RUNNING);
  }
}

static void
test_scenario_file (SimFixture    *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(SimResponse) wrong = NULL;
  g_autoptr(SimResponse) login = NULL;
  g_autoptr(SimResponse) vehicles = NULL;
  g_autoptr(SimResponse) faulty = NULL;
  g_autoptr(SimResponse) faulty_again = NULL;
  g_autofree char *cockpit = NULL;
  int fd;
  const char *scenario =
    "{\n"
    "  \"latency_ms\": 5,\n"
    "  \"jwt_lifetime\": 120,\n"
    "  \"command_delay_ms\": 10,\n"
    "  \"charge_rate\": 1.5,\n"
    "  \"account\": {\"email\": \"tester@example.org\", \"password\": \"s3cret\", \"locale\": \"de_DE\"},\n"
    "  \"cars\": [\n"
    "    {\"model\": \"R5E1VE\", \"vin\": \"VF1R5E1VE00000042\", \"name\": \"Cinq\", \"battery_level\": 12.5,\n"
    "     \"plugged\": true, \"charging\": true, \"soc_target\": 80},\n"
    "    {\"model\": \"XBG1VE\", \"vin\": \"UU1XBG1VE00000043\", \"details_in_vehicle_list\": false}\n"
    "  ],\n"
    "  \"faults\": [\"UU1XBG1VE00000043/cockpit=quota:x1\",\n"
    "             {\"endpoint\": \"person\", \"kind\": \"error\", \"code\": \"err.tech.500\", \"count\": 0}]\n"
    "}\n";

  fd = g_file_open_tmp ("carport-sim-XXXXXX.json", &path, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (path, scenario, -1, &error));
  close (fd);

  g_assert_true (carport_simulator_load_scenario (f->sim, path, &error));
  g_assert_no_error (error);
  g_unlink (path);

  g_assert_cmpuint (carport_simulator_get_latency_ms (f->sim), ==, 5);
  g_assert_cmpuint (carport_simulator_get_jwt_lifetime (f->sim), ==, 120);
  g_assert_cmpuint (carport_simulator_get_command_delay_ms (f->sim), ==, 10);
  g_assert_cmpfloat (carport_simulator_get_charge_rate (f->sim), ==, 1.5);
  g_assert_cmpstr (carport_simulator_get_demo_email (f->sim), ==, "tester@example.org");
  g_assert_cmpstr (carport_simulator_get_demo_locale (f->sim), ==, "de_DE");
  g_assert_true (carport_simulator_get_charging (f->sim, "VF1R5E1VE00000042"));
  g_assert_cmpint (carport_simulator_get_battery_level (f->sim, "VF1R5E1VE00000042"), >=, 12);

  wrong = sim_gigya (f, "accounts.login", "ApiKey", SIM_GIGYA_KEY,
                     "loginID", "demo@carport.example", "password", "carport-demo", NULL);
  g_assert_cmpint (json_object_get_int_member (sim_response_object (wrong), "errorCode"), ==, 403042);
  sim_login (f);

  vehicles = sim_get (f, "/commerce/v1/accounts/%s/vehicles", carport_simulator_get_account_id (f->sim));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (sim_response_object (vehicles),
                                                                         "vehicleLinks")), ==, 2);
  login = sim_get (f, "/commerce/v1/persons/%s", carport_simulator_get_person_id (f->sim));
  g_assert_cmpuint (login->status, ==, 500);

  cockpit = sim_car_path (f, "UU1XBG1VE00000043", "v1:cockpit");
  faulty = sim_get (f, "%s", cockpit);
  g_assert_cmpuint (faulty->status, ==, 429);
  faulty_again = sim_get (f, "%s", cockpit);
  g_assert_cmpuint (faulty_again->status, ==, 200);
}

static void
test_scenario_errors (SimFixture    *f,
                      gconstpointer  data)
{
  static const struct { const char *json; int code; } bad[] = {
    { "[1, 2]", CARPORT_SIMULATOR_ERROR_INVALID_SCENARIO },
    { "{\"latency\": 5}", CARPORT_SIMULATOR_ERROR_INVALID_SCENARIO },
    { "{\"latency_ms\": -5}", CARPORT_SIMULATOR_ERROR_INVALID_SCENARIO },
    { "{\"jwt_lifetime\": 0}", CARPORT_SIMULATOR_ERROR_INVALID_SCENARIO },
    { "{\"account\": {\"email\": \"\"}}", CARPORT_SIMULATOR_ERROR_INVALID_SCENARIO },
    { "{\"account\": {\"locale\": \"french\"}}", CARPORT_SIMULATOR_ERROR_INVALID_SCENARIO },
    { "{\"cars\": [{\"model\": \"T800\", \"vin\": \"VF1AAAAA555777999\"}]}", CARPORT_SIMULATOR_ERROR_UNKNOWN_MODEL },
    { "{\"cars\": [{\"model\": \"X101VE\", \"vin\": \"short\"}]}", CARPORT_SIMULATOR_ERROR_INVALID_SCENARIO },
    { "{\"cars\": [{\"model\": \"X101VE\", \"vin\": \"VF1AAAAA555777999\"},"
      "{\"model\": \"X102VE\", \"vin\": \"VF1AAAAA555777999\"}]}", CARPORT_SIMULATOR_ERROR_INVALID_SCENARIO },
    { "{\"cars\": [{\"model\": \"X101VE\", \"vin\": \"VF1AAAAA555777999\", \"colour\": \"red\"}]}",
      CARPORT_SIMULATOR_ERROR_INVALID_SCENARIO },
    { "{\"cars\": [{\"model\": \"X101VE\", \"vin\": \"VF1AAAAA555777999\", \"battery_level\": 140}]}",
      CARPORT_SIMULATOR_ERROR_INVALID_SCENARIO },
    { "{\"cars\": [{\"model\": \"X101VE\", \"vin\": \"VF1AAAAA555777999\", \"charging\": true}]}",
      CARPORT_SIMULATOR_ERROR_INVALID_SCENARIO },
    { "{\"cars\": [{\"model\": \"X101VE\", \"vin\": \"VF1AAAAA555777999\", \"allow\": [\"teleport\"]}]}",
      CARPORT_SIMULATOR_ERROR_INVALID_SCENARIO },
    { "{\"faults\": [\"cockpit=explode\"]}", CARPORT_SIMULATOR_ERROR_INVALID_FAULT },
    { "{\"faults\": [{\"endpoint\": \"cockpit\"}]}", CARPORT_SIMULATOR_ERROR_INVALID_FAULT },
    { "not json", CARPORT_SIMULATOR_ERROR_INVALID_SCENARIO },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_auto(GStrv) vins = NULL;

      g_test_message ("%s", bad[i].json);
      g_assert_false (carport_simulator_load_scenario_data (f->sim, bad[i].json, &error));
      g_assert_error (error, CARPORT_SIMULATOR_ERROR, bad[i].code);
      /* nothing changed */
      vins = carport_simulator_dup_vins (f->sim);
      g_assert_cmpuint (g_strv_length (vins), ==, 6);
      g_assert_cmpstr (carport_simulator_get_demo_email (f->sim), ==, "demo@carport.example");
      g_assert_cmpuint (carport_simulator_get_latency_ms (f->sim), ==, 0);
    }

  {
    g_autoptr(GError) error = NULL;

    g_assert_false (carport_simulator_load_scenario (f->sim, "/nonexistent/scenario.json", &error));
    g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/sim/faults/kinds", SimFixture, NULL, sim_fixture_setup, test_fault_kinds, sim_fixture_teardown);
  g_test_add ("/sim/faults/counts-and-matching", SimFixture, NULL, sim_fixture_setup,
              test_fault_counts_and_matching, sim_fixture_teardown);
  g_test_add ("/sim/faults/redirect", SimFixture, NULL, sim_fixture_setup, test_redirect, sim_fixture_teardown);
  g_test_add ("/sim/faults/drip-and-endpoint-counts", SimFixture, NULL, sim_fixture_setup,
              test_drip_and_endpoint_counts, sim_fixture_teardown);
  g_test_add ("/sim/faults/spec-errors", SimFixture, NULL, sim_fixture_setup, test_fault_spec_errors,
              sim_fixture_teardown);
  g_test_add ("/sim/latency/concurrent", SimFixture, NULL, sim_fixture_setup, test_latency_is_concurrent,
              sim_fixture_teardown);
  g_test_add ("/sim/latency/stop-with-pending", SimFixture, NULL, sim_fixture_setup, test_stop_with_pending,
              sim_fixture_teardown);
  g_test_add ("/sim/info-and-properties", SimFixture, NULL, sim_fixture_setup, test_info_and_properties,
              sim_fixture_teardown);
  g_test_add ("/sim/scenario/file", SimFixture, NULL, sim_fixture_setup, test_scenario_file,
              sim_fixture_teardown);
  g_test_add ("/sim/scenario/errors", SimFixture, NULL, sim_fixture_setup, test_scenario_errors,
              sim_fixture_teardown);

  return g_test_run ();
}
