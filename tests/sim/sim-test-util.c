/* sim-test-util.c — drive an in-process CarportSimulator with a plain SoupSession
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The simulator serves on the main context of the test's thread, so every
 * request here is sent asynchronously and the main context is iterated until
 * the answer is in.
 */

#include <string.h>

#include "sim-test-util.h"

void
sim_fixture_setup (SimFixture    *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->sim = carport_simulator_new ();
  carport_simulator_set_command_delay_ms (f->sim, 150);
  g_assert_true (carport_simulator_start (f->sim, 0, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (carport_simulator_get_port (f->sim), >, 0);
  f->session = soup_session_new_with_options ("timeout", 30, "max-conns-per-host", 16, NULL);
  f->gigya = carport_simulator_get_gigya_url (f->sim);
  f->kamereon = carport_simulator_get_kamereon_url (f->sim);
}

void
sim_fixture_teardown (SimFixture    *f,
                      gconstpointer  data)
{
  /* The server closes the connections first: libsoup 3.2 leaks the
   * socket of an idle connection that the client closes. */
  carport_simulator_stop (f->sim);
  g_clear_object (&f->session);
  /* let the closed connections go */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_finalize_object (g_steal_pointer (&f->sim));
  g_clear_pointer (&f->gigya, g_free);
  g_clear_pointer (&f->kamereon, g_free);
  g_clear_pointer (&f->login_token, g_free);
  g_clear_pointer (&f->jwt, g_free);
}

typedef struct {
  GBytes  *body;
  GError  *error;
  gboolean done;
} SendData;

static void
send_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  SendData *data = user_data;

  data->body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &data->error);
  data->done = TRUE;
}

static SimResponse *
send_message (SimFixture  *f,
              SoupMessage *msg)
{
  SendData data = { NULL, NULL, FALSE };
  SimResponse *r = g_new0 (SimResponse, 1);
  gsize length;
  const char *text;

  soup_session_send_and_read_async (f->session, msg, G_PRIORITY_DEFAULT, NULL, send_cb, &data);
  while (!data.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (data.error);

  r->status = soup_message_get_status (msg);
  r->content_type = g_strdup (soup_message_headers_get_content_type (
                                soup_message_get_response_headers (msg), NULL));
  r->headers = soup_message_headers_ref (soup_message_get_response_headers (msg));
  r->body = data.body;
  text = g_bytes_get_data (r->body, &length);
  if (length > 0)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();

      if (json_parser_load_from_data (parser, text, (gssize) length, NULL) &&
          json_parser_get_root (parser) != NULL)
        r->json = json_node_copy (json_parser_get_root (parser));
    }
  return r;
}

/* Extra headers as name, value pairs, then NULL. */
SimResponse *
sim_request (SimFixture *f,
             const char *method,
             const char *url,
             const char *content_type,
             const char *body,
             ...)
{
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  SoupMessageHeaders *headers;
  const char *name;
  va_list args;

  g_assert_nonnull (msg);
  headers = soup_message_get_request_headers (msg);
  va_start (args, body);
  while ((name = va_arg (args, const char *)) != NULL)
    soup_message_headers_append (headers, name, va_arg (args, const char *));
  va_end (args);
  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (msg, content_type, bytes);
    }
  return send_message (f, msg);
}

/* A form POST to {gigya}/@method; fields as name, value pairs, then NULL. */
SimResponse *
sim_gigya (SimFixture *f,
           const char *method,
           ...)
{
  g_autoptr(GHashTable) form = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *url = g_strdup_printf ("%s/%s", f->gigya, method);
  g_autofree char *encoded = NULL;
  const char *name;
  va_list args;

  va_start (args, method);
  while ((name = va_arg (args, const char *)) != NULL)
    g_hash_table_insert (form, (gpointer) name, (gpointer) va_arg (args, const char *));
  va_end (args);
  encoded = soup_form_encode_hash (form);
  return sim_request (f, "POST", url, "application/x-www-form-urlencoded", encoded, NULL);
}

/* The renault-api sequence: login, then a JWT. */
void
sim_login (SimFixture *f)
{
  g_autoptr(SimResponse) login = NULL;
  g_autoptr(SimResponse) jwt = NULL;
  JsonObject *object;

  login = sim_gigya (f, "accounts.login",
                     "ApiKey", SIM_GIGYA_KEY,
                     "loginID", carport_simulator_get_demo_email (f->sim),
                     "password", carport_simulator_get_demo_password (f->sim),
                     NULL);
  object = sim_response_object (login);
  g_assert_cmpint (json_object_get_int_member (object, "errorCode"), ==, 0);
  g_free (f->login_token);
  f->login_token = g_strdup (json_object_get_string_member (
                               json_object_get_object_member (object, "sessionInfo"), "cookieValue"));

  jwt = sim_gigya (f, "accounts.getJWT",
                   "ApiKey", SIM_GIGYA_KEY,
                   "login_token", f->login_token,
                   "fields", "data.personId,data.gigyaDataCenter",
                   "expiration", "900",
                   NULL);
  object = sim_response_object (jwt);
  g_assert_cmpint (json_object_get_int_member (object, "errorCode"), ==, 0);
  g_free (f->jwt);
  f->jwt = g_strdup (json_object_get_string_member (object, "id_token"));
}

static char *
kamereon_url (SimFixture *f,
              const char *path)
{
  return g_strdup_printf ("%s%s%scountry=FR", f->kamereon, path, strchr (path, '?') ? "&" : "?");
}

/* GET {kamereon}@path (+ country=FR) with the key and the JWT. */
SimResponse *
sim_get (SimFixture *f,
         const char *path_format,
         ...)
{
  g_autofree char *path = NULL;
  g_autofree char *url = NULL;
  va_list args;

  va_start (args, path_format);
  path = g_strdup_vprintf (path_format, args);
  va_end (args);
  url = kamereon_url (f, path);
  return sim_request (f, "GET", url, NULL, NULL,
                      "apikey", SIM_KAMEREON_KEY,
                      "x-gigya-id_token", f->jwt,
                      "Content-Type", "application/vnd.api+json",
                      NULL);
}

SimResponse *
sim_post (SimFixture *f,
          const char *body,
          const char *path_format,
          ...)
{
  g_autofree char *path = NULL;
  g_autofree char *url = NULL;
  va_list args;

  va_start (args, path_format);
  path = g_strdup_vprintf (path_format, args);
  va_end (args);
  url = kamereon_url (f, path);
  return sim_request (f, "POST", url, "application/vnd.api+json", body,
                      "apikey", SIM_KAMEREON_KEY,
                      "x-gigya-id_token", f->jwt,
                      NULL);
}

/* @endpoint: "v1:cockpit", "v2:battery-status", "kcm:ev/settings", "alerts" */
char *
sim_car_path (SimFixture *f,
              const char *vin,
              const char *endpoint)
{
  const char *account = carport_simulator_get_account_id (f->sim);

  if (g_str_has_prefix (endpoint, "kcm:"))
    return g_strdup_printf ("/commerce/v1/accounts/%s/kamereon/kcm/v1/vehicles/%s/%s",
                            account, vin, endpoint + 4);
  if (g_str_equal (endpoint, "alerts"))
    return g_strdup_printf ("/commerce/v1/accounts/%s/kamereon/vehicles/%s/alerts", account, vin);
  g_assert_true (endpoint[0] == 'v' && endpoint[2] == ':');
  if (endpoint[3] == '\0')
    return g_strdup_printf ("/commerce/v1/accounts/%s/kamereon/kca/car-adapter/v%c/cars/%s",
                            account, endpoint[1], vin);
  return g_strdup_printf ("/commerce/v1/accounts/%s/kamereon/kca/car-adapter/v%c/cars/%s/%s",
                          account, endpoint[1], vin, endpoint + 3);
}

void
sim_response_free (SimResponse *r)
{
  if (r == NULL)
    return;
  g_free (r->content_type);
  g_clear_pointer (&r->body, g_bytes_unref);
  g_clear_pointer (&r->json, json_node_unref);
  g_clear_pointer (&r->headers, soup_message_headers_unref);
  g_free (r);
}

JsonObject *
sim_response_object (SimResponse *r)
{
  if (r->json == NULL || !JSON_NODE_HOLDS_OBJECT (r->json))
    {
      g_autofree char *text = sim_response_text (r);

      g_error ("expected a JSON object, got HTTP %u: %.300s", r->status, text);
    }
  return json_node_get_object (r->json);
}

JsonArray *
sim_response_array (SimResponse *r)
{
  if (r->json == NULL || !JSON_NODE_HOLDS_ARRAY (r->json))
    {
      g_autofree char *text = sim_response_text (r);

      g_error ("expected a JSON array, got HTTP %u: %.300s", r->status, text);
    }
  return json_node_get_array (r->json);
}

/* data.attributes of a JSON:API answer, after checking data.id */
JsonObject *
sim_response_attributes (SimResponse *r)
{
  JsonObject *data;

  if (r->status != 200)
    {
      g_autofree char *text = sim_response_text (r);

      g_error ("expected HTTP 200, got %u: %.300s", r->status, text);
    }
  data = json_object_get_object_member (sim_response_object (r), "data");
  g_assert_nonnull (data);
  g_assert_nonnull (json_object_get_string_member (data, "id"));
  g_assert_true (json_object_has_member (data, "attributes"));
  return json_object_get_object_member (data, "attributes");
}

const char *
sim_response_error_code (SimResponse *r)
{
  JsonArray *errors;

  if (r->json == NULL || !JSON_NODE_HOLDS_OBJECT (r->json))
    return NULL;
  if (!json_object_has_member (json_node_get_object (r->json), "errors"))
    return NULL;
  errors = json_object_get_array_member (json_node_get_object (r->json), "errors");
  g_assert_cmpuint (json_array_get_length (errors), >, 0);
  return json_object_get_string_member (json_array_get_object_element (errors, 0), "errorCode");
}

const char *
sim_response_error_message (SimResponse *r)
{
  JsonArray *errors = json_object_get_array_member (sim_response_object (r), "errors");

  return json_object_get_string_member (json_array_get_object_element (errors, 0), "errorMessage");
}

char *
sim_response_text (SimResponse *r)
{
  gsize length;
  const char *data = g_bytes_get_data (r->body, &length);

  return g_strndup (data, length);
}

/* Polls the notification of a command until it is no longer PENDING. */
const char *
sim_wait_command (SimFixture *f,
                  const char *notification_id,
                  guint       timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  for (;;)
    {
      g_autoptr(SimResponse) r = sim_get (f, "/commerce/v1/persons/%s/notifications/kmr?notificationId=%s",
                                          carport_simulator_get_person_id (f->sim), notification_id);
      JsonArray *array = sim_response_array (r);
      JsonObject *entry;
      const char *status;

      g_assert_cmpuint (r->status, ==, 200);
      g_assert_cmpuint (json_array_get_length (array), ==, 1);
      entry = json_array_get_object_element (array, 0);
      g_assert_cmpstr (json_object_get_string_member (entry, "notificationId"), ==, notification_id);
      g_assert_cmpstr (json_object_get_string_member (entry, "actionType"), ==, "COMMAND_RESPONSE");
      status = json_object_get_string_member (json_object_get_object_member (entry, "commandResponse"),
                                              "status");
      if (!g_str_equal (status, "PENDING"))
        return g_intern_string (status);
      if (g_get_monotonic_time () > deadline)
        return "PENDING";
      carport_test_spin (25);
    }
}
