/* carport-http.h — the one HTTP session of the api layer.
 *
 * Wraps a single SoupSession (user agent, timeouts, a cookie jar) and
 * offers one async request helper that reads the answer with a size cap and
 * maps transport failures to CARPORT_API_ERROR. Also resolves service roots
 * from their environment overrides (docs/ARCHITECTURE.md "Service roots"). */
#pragma once

#include <libsoup/soup.h>
#include "carport-api-error.h"

G_BEGIN_DECLS

/* Default cap on the size of an answer body. */
#define CARPORT_HTTP_DEFAULT_MAX_BODY_SIZE (4 * 1024 * 1024)
/* Default I/O timeout in seconds: the longest wait for one read or write. */
#define CARPORT_HTTP_DEFAULT_TIMEOUT 30
/* Default deadline in seconds: the longest one request may take in all. */
#define CARPORT_HTTP_DEFAULT_DEADLINE 60

#define CARPORT_TYPE_HTTP (carport_http_get_type ())
G_DECLARE_FINAL_TYPE (CarportHttp, carport_http, CARPORT, HTTP, GObject)

/* Properties:
 *   timeout (guint seconds, default 30; 0 = none — avoid): for each read and
 *     write, so a server that sends a byte now and then never meets it,
 *   deadline (guint seconds, default 60, or CARPORT_HTTP_DEADLINE when set at
 *     creation; 0 = none): for a request from start to its last byte; when it
 *     passes the request ends with TIMEOUT,
 *   idle-timeout (guint seconds, default 60),
 *   max-body-size (guint bytes, default 4 MiB),
 *   request-count (guint, read-only: requests sent since creation). */
CarportHttp *carport_http_new                (void);

SoupSession *carport_http_get_session        (CarportHttp *self);
guint        carport_http_get_timeout        (CarportHttp *self);
void         carport_http_set_timeout        (CarportHttp *self, guint seconds);
guint        carport_http_get_idle_timeout   (CarportHttp *self);
void         carport_http_set_idle_timeout   (CarportHttp *self, guint seconds);
guint        carport_http_get_deadline       (CarportHttp *self);
void         carport_http_set_deadline       (CarportHttp *self, guint seconds);
guint        carport_http_get_max_body_size  (CarportHttp *self);
void         carport_http_set_max_body_size  (CarportHttp *self, guint bytes);
guint        carport_http_get_request_count  (CarportHttp *self);

/* The session keeps cookies (SoupCookieJar): the Gigya two-factor flow
 * needs those its bootstrap call sets. This forgets all of them (logout). */
void         carport_http_clear_cookies      (CarportHttp *self);

/* Sends @method to @url. @headers is NULL or a NULL-terminated array of
 * name/value pairs ("apikey", "…", NULL). @body may be NULL; with a body,
 * @content_type names its type. Completes with the HTTP status and the body
 * (possibly empty, never NULL on success) whatever the status: interpreting it
 * is the caller's job. Redirects are never followed: a 3xx is returned as
 * it is. Failures: NETWORK (nothing reached the server, or a read's
 * connection broke), TIMEOUT (no answer before the timeout or the deadline;
 * for a POST also any failure after the whole request went out: the server
 * may have acted on it), INVALID_RESPONSE (body larger than max-body-size,
 * or cut short), G_IO_ERROR_CANCELLED (the caller's) untouched. */
void         carport_http_request_async      (CarportHttp         *self,
                                              const char          *method,
                                              const char          *url,
                                              const char * const  *headers,
                                              GBytes              *body,
                                              const char          *content_type,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
GBytes      *carport_http_request_finish     (CarportHttp   *self,
                                              GAsyncResult  *result,
                                              guint         *out_status,
                                              GError       **error);

/* The same, for login flows: also hands back the answer's headers
 * (Location, Content-Type, Set-Cookie…) and, when @jar is given, sends the
 * cookies of @jar and stores those the answer sets into it instead of the
 * session's own jar. Like every request, a 3xx answer is returned as it is
 * and never followed. *@out_headers (nullable) is set on success. */
void         carport_http_request_full_async  (CarportHttp         *self,
                                               const char          *method,
                                               const char          *url,
                                               const char * const  *headers,
                                               GBytes              *body,
                                               const char          *content_type,
                                               SoupCookieJar       *jar,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
GBytes      *carport_http_request_full_finish (CarportHttp          *self,
                                               GAsyncResult         *result,
                                               guint                *out_status,
                                               SoupMessageHeaders  **out_headers,
                                               GError              **error);

/* When @trace, every request of this process and its answer (or failure)
 * are written on stderr, secrets hidden (carport_redact_secrets()): the
 * exchange of carport-cli --debug. */
void         carport_http_set_trace           (gboolean trace);

/* Trusts the certificate authority in the PEM file @path besides the system's
 * ones (the Nissan simulator's; CARPORT_NISSAN_CA_FILE is taken at creation).
 * The file must be readable; it is parsed when a certificate first needs it.
 * Certificate checks stay on: a certificate the system refuses is accepted
 * only when it chains to that CA and names the host. */
gboolean     carport_http_add_trusted_ca_file (CarportHttp  *self,
                                               const char   *path,
                                               GError      **error);

/* The root URL of a remote service: the value of the environment variable
 * @env_name when set and not empty, else @default_url; without its trailing
 * slash. Fails with INSECURE_URL unless it is https://, or http:// to a
 * loopback host (127.0.0.0/8, ::1, localhost); INVALID_INPUT if unparsable. */
char        *carport_service_root            (const char  *env_name,
                                              const char  *default_url,
                                              GError     **error);

/* TRUE when @url may be used: https://, or http:// to a loopback host. */
gboolean     carport_url_is_secure           (const char  *url);

/* TRUE when @url names a loopback host (127.0.0.0/8, ::1, localhost). */
gboolean     carport_url_is_loopback         (const char  *url);

G_END_DECLS
