/* carport-api-error.h — the CARPORT_API_ERROR domain: one code per class of
 * failure in docs/api-renault.md §d, each with a message a person understands. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define CARPORT_API_ERROR (carport_api_error_quark ())
GQuark carport_api_error_quark (void);

typedef enum {
  CARPORT_API_ERROR_NETWORK,              /* cannot reach the server (DNS, refused, TLS) */
  CARPORT_API_ERROR_TIMEOUT,              /* the server did not answer in time */
  CARPORT_API_ERROR_INVALID_RESPONSE,     /* not JSON, HTML error page, truncated, too large, wrong shape */
  CARPORT_API_ERROR_INVALID_CREDENTIALS,  /* Gigya 403042 */
  CARPORT_API_ERROR_TFA_REQUIRED,         /* Gigya 403101: an emailed code is needed */
  CARPORT_API_ERROR_TFA_CODE_INVALID,     /* the emailed code was wrong or expired */
  CARPORT_API_ERROR_LOGIN_EXPIRED,        /* Gigya 403005/403013, or no login token: log in again */
  CARPORT_API_ERROR_UNAUTHORIZED,         /* err.func.wired.unauthorized / HTTP 401: token rejected */
  CARPORT_API_ERROR_API_KEY,              /* plain 403 access_denied from the gateway: key rotated */
  CARPORT_API_ERROR_ACCESS_DENIED,        /* err.func.403 */
  CARPORT_API_ERROR_FORBIDDEN,            /* err.func.wired.forbidden: not for this model/market */
  CARPORT_API_ERROR_NOT_FOUND,            /* err.func.wired.notFound / not-found / 404 */
  CARPORT_API_ERROR_NOT_SUPPORTED,        /* err.tech.501 */
  CARPORT_API_ERROR_QUOTA_LIMIT,          /* err.func.wired.overloaded / HTTP 429 */
  CARPORT_API_ERROR_PRIVACY_MODE,         /* err.func.privacy.on */
  CARPORT_API_ERROR_INVALID_INPUT,        /* err.func.400 */
  CARPORT_API_ERROR_IN_PROGRESS,          /* 409001: another change is still running */
  CARPORT_API_ERROR_UPSTREAM,             /* err.tech.500 / 502 / kamereon-proxy: the car's gateway failed */
  CARPORT_API_ERROR_SERVER,               /* other 5xx */
  CARPORT_API_ERROR_NO_VEHICLES,          /* the account has no car */
  CARPORT_API_ERROR_INSECURE_URL,         /* http:// to a non-loopback host */
  CARPORT_API_ERROR_FAILED,               /* anything else; the message carries the server's words */
} CarportApiError;

/* TRUE for errors that mean "this car does not offer this endpoint"
 * (FORBIDDEN, NOT_FOUND, NOT_SUPPORTED, ACCESS_DENIED), so it can be remembered. */
gboolean carport_api_error_is_unsupported (const GError *error);

/* A translated sentence for people that says what @code means ("Wrong email
 * address or password."). Never NULL. */
const char *carport_api_error_describe (CarportApiError code);

/* What to tell people first about @error: its describe() sentence when the
 * message adds the server's words to it (then @details, if given, receives
 * the whole message), else the message itself (@details NULL). */
char *carport_api_error_dup_summary (const GError *error, char **details);

/* @detail on one line, without control characters, cut at 240 characters;
 * NULL when nothing is left or it is not UTF-8. */
char *carport_api_sanitize_detail (const char *detail);

/* Sets @error to @code with the describe() sentence and, when given, the
 * server's @detail (one line, cut at 240 characters): "<sentence> (<detail>)." */
void carport_api_set_error (GError          **error,
                            CarportApiError   code,
                            const char       *detail);

G_END_DECLS
