/* carport-http-trace.h — the HTTP exchange written out for people
 * (carport-cli --debug), secrets hidden. */
#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

/* @text with every secret it may carry replaced by "[redacted]": the values
 * of headers that carry credentials ("Authorization: …", apikey,
 * x-gigya-id_token, cookies), of JSON members and form or query fields
 * named after a password, token, secret, cookie, JWT, verifier or assertion
 * (login_token, refresh_token, cookieValue…), of an OAuth code= field, and
 * any JWT, and device ids as carport_redact_device_ids() does. Works on
 * header lines, URLs and bodies alike. */
char *carport_redact_secrets (const char *text);

/* @text with the id after each "/devices/" replaced by "[redacted]" (the
 * device id Nissan's remote lock puts in paths); cheap enough for every
 * request's log line. */
char *carport_redact_device_ids (const char *text);

/* Writes one exchange on stderr, through carport_redact_secrets(): the
 * request line, its headers and body, then the status, headers and body of
 * the answer (@response_headers NULL when none came) or @failure. */
void  carport_http_trace_exchange (const char         *method,
                                   GUri               *uri,
                                   SoupMessageHeaders *request_headers,
                                   GBytes             *request_body,
                                   guint               status,
                                   SoupMessageHeaders *response_headers,
                                   const guint8       *response_body,
                                   gsize               response_size,
                                   const char         *failure);

G_END_DECLS
