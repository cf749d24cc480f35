/* test-sim-nissan-devices.c — the simulator's registration of this computer
 * for a Nissan's remote lock (api-nissan.md §3.4 step 3), over real https
 * on loopback: the e-mailed code, registration-status, the DELETE that
 * forgets it, and their faults.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "sim-nissan-test-util.h"

#define DEVICE_ID "00112233aabbccdd"

/* A device step under bff-web v1/users/{userId}/vehicles/{vin}/ (@rest):
 * POSTed with @type and @otp when @type is set, else a GET. */
static Resp *
device_request (NFixture   *f,
                const char *vin,
                const char *rest,
                const char *type,
                const char *otp)
{
  g_autofree char *url = g_strdup_printf ("%sv1/users/%s/vehicles/%s/%s", f->bff,
                                          carport_simulator_get_nissan_user_id (f->sim), vin, rest);
  g_autofree char *bearer = g_strconcat ("Bearer ", f->access, NULL);
  g_autofree char *body = NULL;

  if (type == NULL)
    return nsim_req (f, "GET", url, NULL, NULL, "Authorization", bearer, NULL);
  body = otp != NULL
         ? g_strdup_printf ("{\"data\":{\"type\":\"%s\",\"attributes\":{\"deviceId\":\"" DEVICE_ID "\","
                            "\"otp\":\"%s\",\"modelName\":\"Test\"}}}", type, otp)
         : g_strdup_printf ("{\"data\":{\"type\":\"%s\",\"attributes\":{\"deviceId\":\"" DEVICE_ID "\"}}}", type);
  return nsim_req (f, "POST", url, "application/json", body, "Authorization", bearer, NULL);
}

static guint
registration_status (NFixture *f)
{
  g_autoptr(Resp) r = device_request (f, VIN_LEAF, "devices/" DEVICE_ID "/registration-status", NULL, NULL);

  return r->status;
}

/* DELETE {BFF}v1/vehicles/{vin}/devices/{deviceId}, with @nsim_token (NULL: none). */
static Resp *
delete_device (NFixture   *f,
               const char *vin,
               const char *token)
{
  g_autofree char *url = g_strdup_printf ("%sv1/vehicles/%s/devices/" DEVICE_ID, f->bff, vin);
  g_autofree char *bearer = token != NULL ? g_strconcat ("Bearer ", token, NULL) : NULL;

  return nsim_req (f, "DELETE", url, NULL, NULL, bearer != NULL ? "Authorization" : NULL, bearer, NULL);
}

/* api-nissan.md §3.4: a device registered with the e-mailed code, then
 * forgotten with the DELETE: registration-status says 404 again, the code
 * is spent, a second DELETE is 404, and one without a token 401; a DELETE
 * voids a code sent and not used yet. The endpoint names leave the device
 * id out. */
static void
test_devices (NFixture      *f,
              gconstpointer  data)
{
  g_autoptr(Resp) sent = NULL;
  g_autoptr(Resp) registered = NULL;
  g_autoptr(Resp) deleted = NULL;
  g_autoptr(Resp) again = NULL;
  g_autoptr(Resp) anonymous = NULL;
  g_autoptr(Resp) stranger = NULL;
  g_autoptr(Resp) reused = NULL;
  g_autoptr(Resp) resent = NULL;
  g_autoptr(Resp) voided = NULL;
  g_autoptr(Resp) voided_register = NULL;
  g_autoptr(Resp) not_delete = NULL;
  g_autofree char *code = NULL;
  g_autofree char *get_url = NULL;
  g_autofree char *bearer = NULL;

  nsim_login (f);
  g_assert_cmpuint (registration_status (f), ==, 404);
  sent = device_request (f, VIN_LEAF, "generate-device-otp", "GenerateDeviceOtp", NULL);
  g_assert_cmpuint (sent->status, ==, 200);
  code = g_strdup (carport_simulator_get_last_device_otp (f->sim));
  registered = device_request (f, VIN_LEAF, "register-device", "RegisterDevice", code);
  g_assert_cmpuint (registered->status, ==, 200);
  g_assert_cmpuint (registration_status (f), ==, 200);

  anonymous = delete_device (f, VIN_LEAF, NULL);
  g_assert_cmpuint (anonymous->status, ==, 401);
  g_assert_cmpuint (registration_status (f), ==, 200);
  stranger = delete_device (f, "SJNFAAZE1U0000099", f->access);
  g_assert_cmpuint (stranger->status, ==, 403);

  deleted = delete_device (f, VIN_LEAF, f->access);
  g_assert_cmpuint (deleted->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (nsim_attrs (deleted), "deviceId"), ==, DEVICE_ID);
  g_assert_cmpstr (json_object_get_string_member (nsim_attrs (deleted), "status"), ==, "DELETED");
  g_assert_cmpuint (registration_status (f), ==, 404);
  again = delete_device (f, VIN_LEAF, f->access);
  g_assert_cmpuint (again->status, ==, 404);
  g_assert_cmpstr (nsim_error_code (again), ==, "404");
  /* The code was spent: registering again takes a new one */
  reused = device_request (f, VIN_LEAF, "register-device", "RegisterDevice", code);
  g_assert_cmpuint (reused->status, ==, 400);
  g_assert_cmpstr (nsim_error_code (reused), ==, "400021");

  /* A code sent, then the device forgotten: the code is void */
  resent = device_request (f, VIN_LEAF, "generate-device-otp", "GenerateDeviceOtp", NULL);
  g_assert_cmpuint (resent->status, ==, 200);
  g_free (code);
  code = g_strdup (carport_simulator_get_last_device_otp (f->sim));
  voided = delete_device (f, VIN_LEAF, f->access);
  g_assert_cmpuint (voided->status, ==, 404);
  voided_register = device_request (f, VIN_LEAF, "register-device", "RegisterDevice", code);
  g_assert_cmpuint (voided_register->status, ==, 400);
  g_assert_cmpstr (nsim_error_code (voided_register), ==, "400021");
  g_assert_cmpuint (registration_status (f), ==, 404);

  /* Only DELETE there */
  get_url = g_strdup_printf ("%sv1/vehicles/%s/devices/" DEVICE_ID, f->bff, VIN_LEAF);
  bearer = g_strconcat ("Bearer ", f->access, NULL);
  not_delete = nsim_req (f, "GET", get_url, NULL, NULL, "Authorization", bearer, NULL);
  g_assert_cmpuint (not_delete->status, ==, 404);

  /* Counted without the device id */
  g_assert_cmpuint (carport_simulator_get_endpoint_request_count (f->sim, "devices"), ==, 6);
  g_assert_cmpuint (carport_simulator_get_endpoint_request_count (f->sim, "devices/registration-status"), ==, 5);
}

/* A fault on the DELETE by its endpoint name, "devices". */
static void
test_device_faults (NFixture      *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(Resp) page = NULL;
  g_autoptr(Resp) refused = NULL;

  nsim_login (f);
  g_assert_true (carport_simulator_add_fault_from_string (f->sim, "devices=html-502:x1", &error));
  g_assert_true (carport_simulator_add_fault_from_string (f->sim, "devices=error:401:401000:x1", &error));
  g_assert_no_error (error);
  page = delete_device (f, VIN_LEAF, f->access);
  g_assert_cmpuint (page->status, ==, 502);
  g_assert_cmpstr (soup_message_headers_get_content_type (page->headers, NULL), ==, "text/html");
  refused = delete_device (f, VIN_LEAF, f->access);
  g_assert_cmpuint (refused->status, ==, 401);
  g_assert_cmpstr (nsim_error_code (refused), ==, "401000");
  /* registration-status is not hit */
  g_assert_cmpuint (registration_status (f), ==, 404);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, NFixture, NULL, nsim_fixture_setup, fn, nsim_fixture_teardown)
  ADD ("/sim/nissan/devices", test_devices);
  ADD ("/sim/nissan/device-faults", test_device_faults);
#undef ADD

  return g_test_run ();
}
