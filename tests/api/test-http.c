/* test-http.c — the HTTP layer's time limits and what a request that got no
 * answer means: a request ends at its deadline however slowly the server
 * drips its answer, the caller's cancellation stays a cancellation, and a
 * POST whose connection breaks after it went out is a TIMEOUT (the server
 * may have acted on it), not "cannot reach the server".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "carport-http.h"
#include "carport-http-trace.h"
#include "carport-simulator.h"
#include "carport-test-loop.h"

/* The simulator's info page, answered a byte every @drip_ms. */
static CarportSimulator *
start_dripping_simulator (guint   drip_ms,
                          char  **out_url)
{
  CarportSimFault drip = { .kind = CARPORT_SIM_FAULT_DRIP, .delay_ms = drip_ms };
  g_autoptr(GError) error = NULL;
  CarportSimulator *sim = carport_simulator_new ();

  carport_simulator_add_fault (sim, "info", &drip);
  g_assert_true (carport_simulator_start (sim, 0, &error));
  g_assert_no_error (error);
  *out_url = g_strdup_printf ("http://127.0.0.1:%u/info", carport_simulator_get_port (sim));
  return sim;
}

static GBytes *
request (CarportHttp   *http,
         const char    *method,
         const char    *url,
         GCancellable  *cancellable,
         GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GBytes) body = method[0] == 'P' ? g_bytes_new_static ("{}", 2) : NULL;

  carport_http_request_async (http, method, url, NULL, body, body ? "application/json" : NULL,
                              cancellable, carport_test_result_cb, &result);
  return carport_http_request_finish (http, carport_test_wait_result (&result), NULL, error);
}

/* One byte every 300 ms of a 900-byte answer: 30 s per read is never met,
 * the deadline is. */
static void
test_deadline_ends_a_drip (void)
{
  g_autofree char *url = NULL;
  g_autoptr(CarportSimulator) sim = start_dripping_simulator (300, &url);
  g_autoptr(CarportHttp) http = carport_http_new ();
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (carport_http_get_deadline (http), ==, CARPORT_HTTP_DEFAULT_DEADLINE);
  carport_http_set_deadline (http, 1);
  body = request (http, "GET", url, NULL, &error);
  g_assert_null (body);
  g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_TIMEOUT);
  carport_simulator_stop (sim);
}

static gboolean
cancel_cb (gpointer data)
{
  g_cancellable_cancel (data);
  return G_SOURCE_REMOVE;
}

/* The caller giving up is not the server being late. */
static void
test_cancel_stays_a_cancel (void)
{
  g_autofree char *url = NULL;
  g_autoptr(CarportSimulator) sim = start_dripping_simulator (300, &url);
  g_autoptr(CarportHttp) http = carport_http_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;

  carport_http_set_deadline (http, 20);
  g_timeout_add (300, cancel_cb, cancellable);
  body = request (http, "GET", url, cancellable, &error);
  g_assert_null (body);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  carport_simulator_stop (sim);
}

/* A server that reads the whole request (head and body), then hangs up
 * without a word. */
static gboolean
hangup_run_cb (GThreadedSocketService *service,
               GSocketConnection      *connection,
               GObject                *source_object,
               gpointer                user_data)
{
  GInputStream *in = g_io_stream_get_input_stream (G_IO_STREAM (connection));
  g_autoptr(GString) received = g_string_new (NULL);
  const char *end = NULL;
  const char *length;
  gsize wanted = G_MAXSIZE;
  char buffer[4096];

  while (received->len < wanted)
    {
      gssize n = g_input_stream_read (in, buffer, sizeof buffer, NULL, NULL);

      if (n <= 0)
        break;
      g_string_append_len (received, buffer, n);
      end = strstr (received->str, "\r\n\r\n");
      length = strstr (received->str, "Content-Length: ");
      if (end != NULL)
        wanted = (gsize) (end + 4 - received->str) +
                 (length ? g_ascii_strtoull (length + strlen ("Content-Length: "), NULL, 10) : 0);
    }
  g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
  return TRUE;
}

static void
test_post_without_answer_is_a_timeout (void)
{
  g_autoptr(GSocketService) service = g_threaded_socket_service_new (2);
  g_autoptr(CarportHttp) http = carport_http_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) get_error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GBytes) get_body = NULL;
  g_autofree char *url = NULL;
  guint16 port;

  port = g_socket_listener_add_any_inet_port (G_SOCKET_LISTENER (service), NULL, &error);
  g_assert_no_error (error);
  g_signal_connect (service, "run", G_CALLBACK (hangup_run_cb), NULL);
  g_socket_service_start (service);
  url = g_strdup_printf ("http://127.0.0.1:%u/actions/hvac-start", port);

  /* The POST went out: the server may have acted on it. */
  body = request (http, "POST", url, NULL, &error);
  g_assert_null (body);
  g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_TIMEOUT);

  /* A read that breaks the same way is only a network failure. */
  get_body = request (http, "GET", url, NULL, &get_error);
  g_assert_null (get_body);
  g_assert_error (get_error, CARPORT_API_ERROR, CARPORT_API_ERROR_NETWORK);

  g_socket_service_stop (service);
  g_socket_listener_close (G_SOCKET_LISTENER (service));
}

/* Nothing listens: nothing was sent, so it is not a TIMEOUT. */
static void
test_refused_post_is_a_network_error (void)
{
  g_autoptr(GSocketListener) listener = g_socket_listener_new ();
  g_autoptr(CarportHttp) http = carport_http_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autofree char *url = NULL;
  guint16 port;

  /* A port that was free a moment ago, closed again. */
  port = g_socket_listener_add_any_inet_port (listener, NULL, &error);
  g_assert_no_error (error);
  g_socket_listener_close (listener);
  url = g_strdup_printf ("http://127.0.0.1:%u/actions/hvac-start", port);

  body = request (http, "POST", url, NULL, &error);
  g_assert_null (body);
  g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_NETWORK);
}

/* The device id after "/devices/" goes wherever it is, up to the next
 * '/', '?', quote or space; nothing else is touched. */
static void
test_redact_device_ids (void)
{
  static const struct { const char *text, *expected; } cases[] = {
    { "example.com/v1/cars/VIN/devices/abc123/registration-status",
      "example.com/v1/cars/VIN/devices/[redacted]/registration-status" },
    { "> GET https://h/devices/abc?x=1 and \"/devices/def\" /devices/ghi",
      "> GET https://h/devices/[redacted]?x=1 and \"/devices/[redacted]\" /devices/[redacted]" },
    { "/devices/", "/devices/" },
    { "/devices//x", "/devices//x" },
    { "/cars/VIN/battery-status", "/cars/VIN/battery-status" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *redacted = carport_redact_device_ids (cases[i].text);
      g_autofree char *all = carport_redact_secrets (cases[i].text);

      g_assert_cmpstr (redacted, ==, cases[i].expected);
      g_assert_cmpstr (all, ==, cases[i].expected);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/http/deadline/ends-a-drip", test_deadline_ends_a_drip);
  g_test_add_func ("/http/redact/device-ids", test_redact_device_ids);
  g_test_add_func ("/http/deadline/cancel-stays-cancel", test_cancel_stays_a_cancel);
  g_test_add_func ("/http/post/no-answer-is-timeout", test_post_without_answer_is_a_timeout);
  g_test_add_func ("/http/post/refused-is-network", test_refused_post_is_a_network_error);

  return g_test_run ();
}
