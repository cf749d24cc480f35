/* carport-http.c — the one HTTP session of the api layer. */
#include "config.h"

#define G_LOG_DOMAIN "carport-api"

#include <glib/gi18n.h>

#include <string.h>

#include <glib/gstdio.h>

#include "carport-deadline.h"
#include "carport-http.h"
#include "carport-http-trace.h"
#include "carport-tls-database.h"

#define READ_CHUNK_SIZE           (64 * 1024)
#define MAX_CONNECTIONS           48
#define MAX_CONNECTIONS_PER_HOST  32

struct _CarportHttp
{
  GObject      parent_instance;

  SoupSession *session;         /* owned */
  char         *extra_ca_path;  /* nullable: one more CA to trust, read at its first use */
  GTlsDatabase *extra_ca;       /* owned, nullable: that CA once read */
  guint        max_body_size;
  guint        deadline;        /* seconds a request may take in all; 0 = none */
  guint        request_count;
};

G_DEFINE_FINAL_TYPE (CarportHttp, carport_http, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TIMEOUT,
  PROP_IDLE_TIMEOUT,
  PROP_MAX_BODY_SIZE,
  PROP_DEADLINE,
  PROP_REQUEST_COUNT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* carport_http_set_trace(): every exchange is written on stderr. */
static gboolean trace_exchanges;

/* One request in flight. */
typedef struct {
  SoupMessage  *message;   /* owned */
  SoupCookieJar *jar;      /* owned, nullable: the caller's jar for this request */
  GInputStream *stream;    /* owned, NULL until the headers arrived */
  GByteArray   *buffer;    /* owned */
  CarportDeadline *deadline; /* owned: the caller's cancellable, or the time up */
  char         *method;
  char         *host_path; /* "host/path" for debug logs: no query, no headers */
  guint         status;
  guint         max_body_size;
  GBytes       *trace_body; /* owned, nullable: the body sent, kept while tracing */
  gboolean      sent;      /* the whole request went out: the server may act on it */
} Request;

typedef struct {
  guint               status;
  GBytes             *body;
  SoupMessageHeaders *headers;  /* owned */
} Response;

static void
request_free (Request *request)
{
  if (request->stream != NULL && !g_input_stream_is_closed (request->stream))
    g_input_stream_close_async (request->stream, G_PRIORITY_DEFAULT, NULL, NULL, NULL);
  g_clear_object (&request->stream);
  if (request->message != NULL)
    g_signal_handlers_disconnect_by_data (request->message, request);
  g_clear_object (&request->message);
  g_clear_object (&request->jar);
  g_clear_pointer (&request->buffer, g_byte_array_unref);
  g_clear_pointer (&request->deadline, carport_deadline_free);
  g_free (request->method);
  g_free (request->host_path);
  g_clear_pointer (&request->trace_body, g_bytes_unref);
  g_free (request);
}

static void
response_free (Response *response)
{
  g_clear_pointer (&response->body, g_bytes_unref);
  g_clear_pointer (&response->headers, soup_message_headers_unref);
  g_free (response);
}

static void
carport_http_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  CarportHttp *self = CARPORT_HTTP (object);

  switch (prop_id)
    {
    case PROP_TIMEOUT:
      g_value_set_uint (value, carport_http_get_timeout (self));
      break;
    case PROP_IDLE_TIMEOUT:
      g_value_set_uint (value, carport_http_get_idle_timeout (self));
      break;
    case PROP_MAX_BODY_SIZE:
      g_value_set_uint (value, self->max_body_size);
      break;
    case PROP_DEADLINE:
      g_value_set_uint (value, self->deadline);
      break;
    case PROP_REQUEST_COUNT:
      g_value_set_uint (value, self->request_count);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carport_http_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  CarportHttp *self = CARPORT_HTTP (object);

  switch (prop_id)
    {
    case PROP_TIMEOUT:
      carport_http_set_timeout (self, g_value_get_uint (value));
      break;
    case PROP_IDLE_TIMEOUT:
      carport_http_set_idle_timeout (self, g_value_get_uint (value));
      break;
    case PROP_MAX_BODY_SIZE:
      carport_http_set_max_body_size (self, g_value_get_uint (value));
      break;
    case PROP_DEADLINE:
      carport_http_set_deadline (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carport_http_dispose (GObject *object)
{
  CarportHttp *self = CARPORT_HTTP (object);

  if (self->session != NULL)
    soup_session_abort (self->session);
  g_clear_object (&self->session);
  g_clear_object (&self->extra_ca);
  g_clear_pointer (&self->extra_ca_path, g_free);

  G_OBJECT_CLASS (carport_http_parent_class)->dispose (object);
}

static void
carport_http_class_init (CarportHttpClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = carport_http_get_property;
  object_class->set_property = carport_http_set_property;
  object_class->dispose = carport_http_dispose;

  properties[PROP_TIMEOUT] =
    g_param_spec_uint ("timeout", NULL, NULL,
                       0, G_MAXUINT, CARPORT_HTTP_DEFAULT_TIMEOUT,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_IDLE_TIMEOUT] =
    g_param_spec_uint ("idle-timeout", NULL, NULL,
                       0, G_MAXUINT, 60,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MAX_BODY_SIZE] =
    g_param_spec_uint ("max-body-size", NULL, NULL,
                       1, G_MAXUINT, CARPORT_HTTP_DEFAULT_MAX_BODY_SIZE,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DEADLINE] =
    g_param_spec_uint ("deadline", NULL, NULL,
                       0, G_MAXUINT, CARPORT_HTTP_DEFAULT_DEADLINE,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REQUEST_COUNT] =
    g_param_spec_uint ("request-count", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
carport_http_init (CarportHttp *self)
{
  g_autoptr(SoupCookieJar) jar = NULL;
  g_autoptr(GError) error = NULL;
  const char *ca_file;
  const char *deadline;
  guint64 seconds;

  self->max_body_size = CARPORT_HTTP_DEFAULT_MAX_BODY_SIZE;
  self->deadline = CARPORT_HTTP_DEFAULT_DEADLINE;
  /* The user agent ends with a space so libsoup appends its own version.
   * A refresh asks up to ~13 endpoints of each car of one host at once:
   * allow 32 HTTP/1.1 connections to a host (libsoup's default is 6), the
   * bound on requests in flight; the others wait in libsoup's queue. */
  self->session = soup_session_new_with_options ("user-agent", "Carport/" PACKAGE_VERSION " ",
                                                 "timeout", CARPORT_HTTP_DEFAULT_TIMEOUT,
                                                 "idle-timeout", 60,
                                                 "max-conns", MAX_CONNECTIONS,
                                                 "max-conns-per-host", MAX_CONNECTIONS_PER_HOST,
                                                 NULL);

  /* Gigya's two-factor flow needs cookies (webSdkBootstrap sets gmid/ucid).
   * The jar is there from the start: libsoup 3.2 miscounts references when a
   * feature is added or removed while a message is queued. */
  jar = soup_cookie_jar_new ();
  soup_session_add_feature (self->session, SOUP_SESSION_FEATURE (jar));

  /* The Nissan simulator's CA (docs nissan-sim.md): trusted besides the
   * system's, never instead of them. */
  ca_file = g_getenv ("CARPORT_NISSAN_CA_FILE");
  if (ca_file != NULL && *ca_file != '\0' &&
      !carport_http_add_trusted_ca_file (self, ca_file, &error))
    g_warning ("CARPORT_NISSAN_CA_FILE: %s", error->message);

  /* A shorter (or longer) deadline for slow links, and for tests. */
  deadline = g_getenv ("CARPORT_HTTP_DEADLINE");
  if (deadline != NULL && *deadline != '\0')
    {
      if (g_ascii_string_to_unsigned (deadline, 10, 0, 24 * 3600, &seconds, NULL))
        self->deadline = (guint) seconds;
      else
        g_warning ("CARPORT_HTTP_DEADLINE: “%s” is not a number of seconds", deadline);
    }
}

CarportHttp *
carport_http_new (void)
{
  return g_object_new (CARPORT_TYPE_HTTP, NULL);
}

SoupSession *
carport_http_get_session (CarportHttp *self)
{
  g_return_val_if_fail (CARPORT_IS_HTTP (self), NULL);

  return self->session;
}

guint
carport_http_get_timeout (CarportHttp *self)
{
  g_return_val_if_fail (CARPORT_IS_HTTP (self), 0);

  return soup_session_get_timeout (self->session);
}

void
carport_http_set_timeout (CarportHttp *self,
                          guint        seconds)
{
  g_return_if_fail (CARPORT_IS_HTTP (self));

  if (soup_session_get_timeout (self->session) == seconds)
    return;

  soup_session_set_timeout (self->session, seconds);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMEOUT]);
}

guint
carport_http_get_idle_timeout (CarportHttp *self)
{
  g_return_val_if_fail (CARPORT_IS_HTTP (self), 0);

  return soup_session_get_idle_timeout (self->session);
}

void
carport_http_set_idle_timeout (CarportHttp *self,
                               guint        seconds)
{
  g_return_if_fail (CARPORT_IS_HTTP (self));

  if (soup_session_get_idle_timeout (self->session) == seconds)
    return;

  soup_session_set_idle_timeout (self->session, seconds);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IDLE_TIMEOUT]);
}

guint
carport_http_get_max_body_size (CarportHttp *self)
{
  g_return_val_if_fail (CARPORT_IS_HTTP (self), 0);

  return self->max_body_size;
}

void
carport_http_set_max_body_size (CarportHttp *self,
                                guint        bytes)
{
  g_return_if_fail (CARPORT_IS_HTTP (self));
  g_return_if_fail (bytes > 0);

  if (self->max_body_size == bytes)
    return;

  self->max_body_size = bytes;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_BODY_SIZE]);
}

guint
carport_http_get_deadline (CarportHttp *self)
{
  g_return_val_if_fail (CARPORT_IS_HTTP (self), 0);

  return self->deadline;
}

void
carport_http_set_deadline (CarportHttp *self,
                           guint        seconds)
{
  g_return_if_fail (CARPORT_IS_HTTP (self));

  if (self->deadline == seconds)
    return;

  self->deadline = seconds;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEADLINE]);
}

guint
carport_http_get_request_count (CarportHttp *self)
{
  g_return_val_if_fail (CARPORT_IS_HTTP (self), 0);

  return self->request_count;
}

void
carport_http_clear_cookies (CarportHttp *self)
{
  SoupCookieJar *jar;
  GSList *cookies;

  g_return_if_fail (CARPORT_IS_HTTP (self));

  jar = SOUP_COOKIE_JAR (soup_session_get_feature (self->session, SOUP_TYPE_COOKIE_JAR));
  if (jar == NULL)
    return;

  cookies = soup_cookie_jar_all_cookies (jar);
  for (GSList *l = cookies; l != NULL; l = l->next)
    soup_cookie_jar_delete_cookie (jar, l->data);
  g_slist_free_full (cookies, (GDestroyNotify) soup_cookie_free);
}

/* Transport errors → CARPORT_API_ERROR; the caller's cancellation passes
 * through. After a POST went out, every failure is a TIMEOUT: the server may
 * have acted on it, so its outcome is not known. */
/* Writes the exchange out under carport_http_set_trace(); @failure NULL
 * when the answer came whole. */
static void
trace_request (Request    *request,
               const char *failure)
{
  SoupMessageHeaders *answer = NULL;

  if (!trace_exchanges)
    return;
  if (request->stream != NULL)
    answer = soup_message_get_response_headers (request->message);
  carport_http_trace_exchange (request->method, soup_message_get_uri (request->message),
                               soup_message_get_request_headers (request->message), request->trace_body,
                               request->status, answer,
                               request->buffer ? request->buffer->data : NULL,
                               request->buffer ? request->buffer->len : 0, failure);
}

static GError *
map_transport_error (GError  *error,
                     Request *request,
                     gboolean reading_body)
{
  GError *mapped;

  if (!carport_deadline_expired (request->deadline, error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return error;

  if (carport_deadline_expired (request->deadline, error) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    mapped = g_error_new (CARPORT_API_ERROR, CARPORT_API_ERROR_TIMEOUT,
                          _("The server did not answer in time"));
  else if (request->sent && g_str_equal (request->method, "POST"))
    mapped = g_error_new (CARPORT_API_ERROR, CARPORT_API_ERROR_TIMEOUT,
                          _("The connection broke before the server’s whole answer came"));
  else if (reading_body && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT))
    mapped = g_error_new (CARPORT_API_ERROR, CARPORT_API_ERROR_INVALID_RESPONSE,
                          _("The server’s answer was cut short"));
  else
    mapped = g_error_new (CARPORT_API_ERROR, CARPORT_API_ERROR_NETWORK,
                          _("Cannot reach the server: %s"), error->message);

  g_debug ("%s failed: %s", request->host_path,
           carport_deadline_expired (request->deadline, error) ? "deadline passed" : error->message);
  trace_request (request, mapped->message);
  g_error_free (error);

  return mapped;
}

static void read_next_chunk (GTask *task);

static void
finish_request (GTask *task)
{
  Request *request = g_task_get_task_data (task);
  Response *response = g_new0 (Response, 1);

  g_debug ("%s %s -> %u (%u bytes)", request->method, request->host_path,
           request->status, request->buffer->len);
  trace_request (request, NULL);

  response->status = request->status;
  response->body = g_byte_array_free_to_bytes (g_steal_pointer (&request->buffer));
  response->headers = soup_message_headers_ref (soup_message_get_response_headers (request->message));
  g_task_return_pointer (task, response, (GDestroyNotify) response_free);
}

static void
return_too_large (GTask *task)
{
  Request *request = g_task_get_task_data (task);

  g_debug ("%s %s -> %u: answer larger than %u bytes", request->method,
           request->host_path, request->status, request->max_body_size);
  trace_request (request, _("The server’s answer is too large"));
  g_task_return_new_error (task, CARPORT_API_ERROR, CARPORT_API_ERROR_INVALID_RESPONSE,
                           _("The server’s answer is too large"));
}

static void
read_bytes_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Request *request = g_task_get_task_data (task);
  g_autoptr(GBytes) chunk = NULL;
  GError *error = NULL;

  chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (source), result, &error);
  if (chunk == NULL)
    {
      g_task_return_error (task, map_transport_error (error, request, TRUE));
      return;
    }

  if (g_bytes_get_size (chunk) == 0)
    {
      finish_request (task);
      return;
    }

  if ((gsize) request->buffer->len + g_bytes_get_size (chunk) > request->max_body_size)
    {
      return_too_large (task);
      return;
    }

  g_byte_array_append (request->buffer,
                       g_bytes_get_data (chunk, NULL),
                       g_bytes_get_size (chunk));
  read_next_chunk (g_steal_pointer (&task));
}

static void
read_next_chunk (GTask *task)
{
  Request *request = g_task_get_task_data (task);
  /* Ask for one byte more than still fits, to notice an oversized body. */
  gsize room = (gsize) request->max_body_size - request->buffer->len + 1;

  g_input_stream_read_bytes_async (request->stream,
                                   MIN (room, READ_CHUNK_SIZE),
                                   G_PRIORITY_DEFAULT,
                                   carport_deadline_get_cancellable (request->deadline),
                                   read_bytes_cb,
                                   task);
}

static void
send_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Request *request = g_task_get_task_data (task);
  GError *error = NULL;
  goffset length;

  request->stream = soup_session_send_finish (SOUP_SESSION (source), result, &error);
  if (request->stream == NULL)
    {
      g_task_return_error (task, map_transport_error (error, request, FALSE));
      return;
    }

  request->status = soup_message_get_status (request->message);

  if (request->jar != NULL)
    {
      GSList *cookies = soup_cookies_from_response (request->message);
      GUri *uri = soup_message_get_uri (request->message);

      for (GSList *l = cookies; l != NULL; l = l->next)
        soup_cookie_jar_add_cookie_full (request->jar, l->data, uri, uri);
      g_slist_free (cookies);
    }

  length = soup_message_headers_get_content_length (soup_message_get_response_headers (request->message));
  if (length > (goffset) request->max_body_size)
    {
      return_too_large (task);
      return;
    }

  read_next_chunk (g_steal_pointer (&task));
}

/* Only while the certificate failed the system's checks: accepted when it
 * chains to the extra CA for this very host. */
static gboolean
accept_certificate_cb (SoupMessage          *message,
                       GTlsCertificate      *certificate,
                       GTlsCertificateFlags  errors,
                       gpointer              user_data)
{
  CarportHttp *self = CARPORT_HTTP (user_data);
  GUri *uri = soup_message_get_uri (message);
  g_autoptr(GSocketConnectable) identity = NULL;
  g_autoptr(GError) error = NULL;
  GTlsCertificateFlags flags;

  if (self->extra_ca_path == NULL || uri == NULL || g_uri_get_host (uri) == NULL)
    return FALSE;

  /* Read when a certificate first needs it: a run that never meets one
   * loads no TLS database at all. */
  if (self->extra_ca == NULL)
    {
      self->extra_ca = g_tls_file_database_new (self->extra_ca_path, &error);
      if (self->extra_ca == NULL)
        {
          g_warning ("Cannot read the extra certificate authority: %s", error->message);
          g_clear_pointer (&self->extra_ca_path, g_free);
          return FALSE;
        }
    }

  identity = g_network_address_new (g_uri_get_host (uri),
                                    (guint16) (g_uri_get_port (uri) > 0 ? g_uri_get_port (uri) : 443));
  flags = g_tls_database_verify_chain (self->extra_ca, certificate,
                                       G_TLS_DATABASE_PURPOSE_AUTHENTICATE_SERVER,
                                       identity, NULL, G_TLS_DATABASE_VERIFY_NONE,
                                       NULL, &error);
  if (error != NULL || flags != 0)
    {
      g_debug ("%s: certificate refused (flags 0x%x)", g_uri_get_host (uri), (guint) (flags | errors));
      return FALSE;
    }

  return TRUE;
}

static void
wrote_body_cb (SoupMessage *message,
               gpointer     user_data)
{
  Request *request = user_data;

  request->sent = TRUE;
}

static void
start_request (CarportHttp         *self,
               GTask               *owned_task,
               const char          *method,
               const char          *url,
               const char * const  *headers,
               GBytes              *body,
               const char          *content_type,
               SoupCookieJar       *jar)
{
  g_autoptr(GTask) task = owned_task;
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GError) error = NULL;
  SoupMessageHeaders *request_headers;
  Request *request;

  uri = g_uri_parse (url, SOUP_HTTP_URI_FLAGS, &error);
  if (uri == NULL)
    {
      g_task_return_new_error (task, CARPORT_API_ERROR, CARPORT_API_ERROR_INVALID_INPUT,
                               _("Invalid address: %s"), error->message);
      return;
    }

  /* The system's trust store, read once for every connection
   * (carport-tls-database.h); before the first HTTPS request only, so that
   * a run that speaks plain HTTP to loopback loads no TLS at all. */
  if (g_ascii_strcasecmp (g_uri_get_scheme (uri), "https") == 0)
    carport_tls_database_install ();

  request = g_new0 (Request, 1);
  request->method = g_strdup (method);
  {
    g_autofree char *host_path = g_strconcat (g_uri_get_host (uri) ? g_uri_get_host (uri) : "",
                                              g_uri_get_path (uri), NULL);

    /* No device id in a log either */
    request->host_path = carport_redact_device_ids (host_path);
  }
  request->buffer = g_byte_array_new ();
  request->max_body_size = self->max_body_size;
  request->message = soup_message_new_from_uri (method, uri);
  request->deadline = carport_deadline_new (g_task_get_cancellable (task), self->deadline);
  g_task_set_task_data (task, request, (GDestroyNotify) request_free);
  /* The request lives as long as the task, which outlives the message's I/O. */
  g_signal_connect (request->message, "wrote-body", G_CALLBACK (wrote_body_cb), request);

  /* A redirect comes back to the caller: credentials and tokens never
   * follow a Location somewhere else. */
  soup_message_add_flags (request->message, SOUP_MESSAGE_NO_REDIRECT);
  if (self->extra_ca_path != NULL)
    g_signal_connect_object (request->message, "accept-certificate",
                             G_CALLBACK (accept_certificate_cb), self, 0);

  request_headers = soup_message_get_request_headers (request->message);
  for (guint i = 0; headers != NULL && headers[i] != NULL && headers[i + 1] != NULL; i += 2)
    soup_message_headers_replace (request_headers, headers[i], headers[i + 1]);

  if (jar != NULL)
    {
      GSList *cookies = soup_cookie_jar_get_cookie_list (jar, uri, TRUE);

      request->jar = g_object_ref (jar);
      soup_message_disable_feature (request->message, SOUP_TYPE_COOKIE_JAR);
      if (cookies != NULL)
        soup_cookies_to_request (cookies, request->message);
      g_slist_free_full (cookies, (GDestroyNotify) soup_cookie_free);
    }

  if (body != NULL && trace_exchanges)
    request->trace_body = g_bytes_ref (body);
  if (body != NULL)
    soup_message_set_request_body_from_bytes (request->message,
                                              content_type ? content_type : "application/octet-stream",
                                              body);

  self->request_count++;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REQUEST_COUNT]);

  soup_session_send_async (self->session,
                           request->message,
                           G_PRIORITY_DEFAULT,
                           carport_deadline_get_cancellable (request->deadline),
                           send_cb,
                           g_steal_pointer (&task));
}

void
carport_http_request_async (CarportHttp         *self,
                            const char          *method,
                            const char          *url,
                            const char * const  *headers,
                            GBytes              *body,
                            const char          *content_type,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (CARPORT_IS_HTTP (self));
  g_return_if_fail (method != NULL);
  g_return_if_fail (url != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, carport_http_request_async);
  start_request (self, task, method, url, headers, body, content_type, NULL);
}

void
carport_http_request_full_async (CarportHttp         *self,
                                 const char          *method,
                                 const char          *url,
                                 const char * const  *headers,
                                 GBytes              *body,
                                 const char          *content_type,
                                 SoupCookieJar       *jar,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (CARPORT_IS_HTTP (self));
  g_return_if_fail (method != NULL);
  g_return_if_fail (url != NULL);
  g_return_if_fail (jar == NULL || SOUP_IS_COOKIE_JAR (jar));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, carport_http_request_full_async);
  start_request (self, task, method, url, headers, body, content_type, jar);
}

GBytes *
carport_http_request_full_finish (CarportHttp          *self,
                                  GAsyncResult         *result,
                                  guint                *out_status,
                                  SoupMessageHeaders  **out_headers,
                                  GError              **error)
{
  Response *response;
  GBytes *body;

  g_return_val_if_fail (CARPORT_IS_HTTP (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == carport_http_request_full_async, NULL);

  if (out_headers != NULL)
    *out_headers = NULL;

  response = g_task_propagate_pointer (G_TASK (result), error);
  if (response == NULL)
    {
      if (out_status != NULL)
        *out_status = 0;
      return NULL;
    }

  if (out_status != NULL)
    *out_status = response->status;
  if (out_headers != NULL)
    *out_headers = g_steal_pointer (&response->headers);
  body = g_steal_pointer (&response->body);
  response_free (response);

  return body;
}

void
carport_http_set_trace (gboolean trace)
{
  trace_exchanges = trace;
}

gboolean
carport_http_add_trusted_ca_file (CarportHttp  *self,
                                  const char   *path,
                                  GError      **error)
{
  g_return_val_if_fail (CARPORT_IS_HTTP (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR) || g_access (path, R_OK) != 0)
    {
      g_set_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_INVALID_INPUT,
                   _("Cannot read the certificate authority file %s"), path);
      return FALSE;
    }

  g_clear_object (&self->extra_ca);
  g_free (self->extra_ca_path);
  self->extra_ca_path = g_strdup (path);
  g_debug ("Trusting one more certificate authority");

  return TRUE;
}

GBytes *
carport_http_request_finish (CarportHttp   *self,
                             GAsyncResult  *result,
                             guint         *out_status,
                             GError       **error)
{
  Response *response;
  GBytes *body;

  g_return_val_if_fail (CARPORT_IS_HTTP (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == carport_http_request_async, NULL);

  response = g_task_propagate_pointer (G_TASK (result), error);
  if (response == NULL)
    {
      if (out_status != NULL)
        *out_status = 0;
      return NULL;
    }

  if (out_status != NULL)
    *out_status = response->status;
  body = g_steal_pointer (&response->body);
  response_free (response);

  return body;
}

static gboolean
host_is_loopback (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;

  if (host == NULL || *host == '\0')
    return FALSE;

  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;

  address = g_inet_address_new_from_string (host);
  if (address == NULL)
    return FALSE;

  return g_inet_address_get_is_loopback (address);
}

static gboolean
check_url (const char  *url,
           GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *scheme;
  const char *host;

  uri = g_uri_parse (url, G_URI_FLAGS_NONE, &local_error);
  if (uri == NULL)
    {
      g_set_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_INVALID_INPUT,
                   _("Invalid server address “%s”: %s"), url, local_error->message);
      return FALSE;
    }

  scheme = g_uri_get_scheme (uri);
  host = g_uri_get_host (uri);

  if (host == NULL || *host == '\0')
    {
      g_set_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_INVALID_INPUT,
                   _("Invalid server address “%s”: no host"), url);
      return FALSE;
    }

  if (g_ascii_strcasecmp (scheme, "https") == 0)
    return TRUE;

  if (g_ascii_strcasecmp (scheme, "http") == 0 && host_is_loopback (host))
    return TRUE;

  g_set_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_INSECURE_URL,
               _("Refusing the insecure server address “%s”: use https://"), url);
  return FALSE;
}

gboolean
carport_url_is_loopback (const char *url)
{
  g_autoptr(GUri) uri = NULL;

  g_return_val_if_fail (url != NULL, FALSE);

  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  return uri != NULL && host_is_loopback (g_uri_get_host (uri));
}

gboolean
carport_url_is_secure (const char *url)
{
  g_return_val_if_fail (url != NULL, FALSE);

  return check_url (url, NULL);
}

char *
carport_service_root (const char  *env_name,
                      const char  *default_url,
                      GError     **error)
{
  const char *value = NULL;
  g_autofree char *root = NULL;
  gsize len;

  g_return_val_if_fail (default_url != NULL || env_name != NULL, NULL);

  if (env_name != NULL)
    value = g_getenv (env_name);
  if (value == NULL || *value == '\0')
    value = default_url;

  if (value == NULL)
    {
      g_set_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_INVALID_INPUT,
                   _("No server address for %s"), env_name);
      return NULL;
    }

  if (!check_url (value, error))
    return NULL;

  root = g_strdup (value);
  len = strlen (root);
  while (len > 0 && root[len - 1] == '/')
    root[--len] = '\0';

  if (value != default_url)
    g_debug ("%s overrides the server address", env_name);

  return g_steal_pointer (&root);
}
