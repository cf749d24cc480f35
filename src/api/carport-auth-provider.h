/* carport-auth-provider.h — how a brand logs in and hands out access tokens.
 *
 * An abstract base class: it owns what every brand keeps the same way (the
 * refresh secret, the cached access token and its expiry, the person id, one
 * mint or lookup shared by concurrent callers, the properties and their
 * notifications, wiping secrets, logout). A brand (CarportRenaultAuth,
 * CarportNissanAuth) says only how it logs in, mints an access token from the
 * refresh secret and looks the person id up. The Kamereon client only ever
 * asks for a valid token, and drops it when the server rejects it. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define CARPORT_TYPE_AUTH_PROVIDER (carport_auth_provider_get_type ())
G_DECLARE_DERIVABLE_TYPE (CarportAuthProvider, carport_auth_provider, CARPORT, AUTH_PROVIDER, GObject)

/* Properties:
 *   refresh-secret (string, read/write, nullable): the long-lived secret to keep
 *     in the keyring (Renault: the Gigya login token; Nissan: the Kamereon
 *     refresh token). Notified whenever it changes: after a login, when the
 *     server hands out a new one, and when the server says it expired (then
 *     NULL). Setting another one (from the keyring) drops the cached access
 *     token and person id.
 *   needs-code (boolean, read-only): TRUE after a login answered "a code was
 *     sent to your email" and until a code is accepted (or logout).
 *   person-id (string, read-only, nullable): the account holder's id once known.
 *
 * What a brand implements (secrets passed in are borrowed; never log them):
 *   login_async/finish: a password login. On success it calls
 *     carport_auth_provider_start_session(); for a second factor it calls
 *     carport_auth_provider_set_needs_code() and fails with TFA_REQUIRED.
 *   submit_code_async/finish: optional; by default no code was asked for
 *     (TFA_CODE_INVALID).
 *   resend_code_async/finish: optional; emails a new code for the login that
 *     waits for one (the earlier code is then void); by default no code was
 *     asked for (FAILED).
 *   mint_token_async/finish: a new access token from @refresh_secret, with its
 *     expiry (seconds since the epoch) and, when the server rotated it, the new
 *     refresh secret (else NULL); all three are secrets the caller wipes.
 *     LOGIN_EXPIRED when the refresh secret is no good any more: the base then
 *     forgets it (and notifies refresh-secret).
 *   fetch_person_id_async/finish: the person id, with @refresh_secret or
 *     @access_token (nullable when person_id_first). An UNAUTHORIZED answer
 *     is retried once with a new access token.
 *   person_id_first: TRUE when the person id is looked up with the refresh
 *     secret alone, so that get_token learns it too (Renault: login token →
 *     person id and JWT, both at once); FALSE when it is looked up only when
 *     asked for, after an access token (Nissan).
 *   renew_margin: how long before its expiry a token of @lifetime seconds is
 *     renewed; 60 s by default.
 *   kept_token_expiry: the expiry of an access token kept from an earlier run,
 *     0 when unknown (then it is not taken back); by default its JWT "exp".
 *   logout: forgets what the brand keeps itself, then chains up. */
struct _CarportAuthProviderClass
{
  GObjectClass parent_class;

  gboolean  person_id_first;

  void      (*login_async)            (CarportAuthProvider  *self,
                                       const char           *email,
                                       const char           *password,
                                       GCancellable         *cancellable,
                                       GAsyncReadyCallback   callback,
                                       gpointer              user_data);
  gboolean  (*login_finish)           (CarportAuthProvider  *self,
                                       GAsyncResult         *result,
                                       GError              **error);

  void      (*submit_code_async)      (CarportAuthProvider  *self,
                                       const char           *code,
                                       GCancellable         *cancellable,
                                       GAsyncReadyCallback   callback,
                                       gpointer              user_data);
  gboolean  (*submit_code_finish)     (CarportAuthProvider  *self,
                                       GAsyncResult         *result,
                                       GError              **error);

  void      (*resend_code_async)      (CarportAuthProvider  *self,
                                       GCancellable         *cancellable,
                                       GAsyncReadyCallback   callback,
                                       gpointer              user_data);
  gboolean  (*resend_code_finish)     (CarportAuthProvider  *self,
                                       GAsyncResult         *result,
                                       GError              **error);

  void      (*mint_token_async)       (CarportAuthProvider  *self,
                                       const char           *refresh_secret,
                                       GCancellable         *cancellable,
                                       GAsyncReadyCallback   callback,
                                       gpointer              user_data);
  char *    (*mint_token_finish)      (CarportAuthProvider  *self,
                                       GAsyncResult         *result,
                                       gint64               *out_expiry,
                                       char                **out_refresh_secret,
                                       GError              **error);

  void      (*fetch_person_id_async)  (CarportAuthProvider  *self,
                                       const char           *refresh_secret,
                                       const char           *access_token,
                                       GCancellable         *cancellable,
                                       GAsyncReadyCallback   callback,
                                       gpointer              user_data);
  char *    (*fetch_person_id_finish) (CarportAuthProvider  *self,
                                       GAsyncResult         *result,
                                       GError              **error);

  gint64    (*renew_margin)           (CarportAuthProvider  *self,
                                       gint64                lifetime);
  gint64    (*kept_token_expiry)      (CarportAuthProvider  *self,
                                       const char           *access_token);

  void      (*logout)                 (CarportAuthProvider  *self);
};

/* Logs in with a password. On success refresh-secret is set (and notified).
 * Fails with INVALID_CREDENTIALS, or TFA_REQUIRED when a code was emailed
 * (needs-code becomes TRUE: call submit_code next), or a transport error. */
void      carport_auth_provider_login_async          (CarportAuthProvider  *self,
                                                      const char           *email,
                                                      const char           *password,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
gboolean  carport_auth_provider_login_finish         (CarportAuthProvider  *self,
                                                      GAsyncResult         *result,
                                                      GError              **error);

/* Completes a login that needed a second factor. TFA_CODE_INVALID when the
 * code was wrong (needs-code stays TRUE, another code may be tried). */
void      carport_auth_provider_submit_code_async    (CarportAuthProvider  *self,
                                                      const char           *code,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
gboolean  carport_auth_provider_submit_code_finish   (CarportAuthProvider  *self,
                                                      GAsyncResult         *result,
                                                      GError              **error);

/* Emails a new code to a login that waits for one (needs-code); the code
 * sent before is void. FAILED when no login waits for a code. */
void      carport_auth_provider_resend_code_async    (CarportAuthProvider  *self,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
gboolean  carport_auth_provider_resend_code_finish   (CarportAuthProvider  *self,
                                                      GAsyncResult         *result,
                                                      GError              **error);

/* A valid access token (minting or refreshing it as needed; concurrent
 * callers share one mint). LOGIN_EXPIRED when a new login is needed. */
void      carport_auth_provider_get_token_async      (CarportAuthProvider  *self,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
char     *carport_auth_provider_get_token_finish     (CarportAuthProvider  *self,
                                                      GAsyncResult         *result,
                                                      GError              **error);

/* The account holder's person id (cached after the first call). */
void      carport_auth_provider_get_person_id_async  (CarportAuthProvider  *self,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
char     *carport_auth_provider_get_person_id_finish (CarportAuthProvider  *self,
                                                      GAsyncResult         *result,
                                                      GError              **error);

/* Drops the cached access token: the next get_token mints a new one. */
void      carport_auth_provider_invalidate_token     (CarportAuthProvider  *self);
/* Forgets everything: tokens, person id, a pending second factor. */
void      carport_auth_provider_logout               (CarportAuthProvider  *self);

/* The cached access token while it is still fresh, else NULL (no request).
 * With the person id, what a caller may keep to spare requests at the next start. */
char     *carport_auth_provider_dup_access_token     (CarportAuthProvider  *self);
/* Puts back a person id and an access token kept from an earlier run (both
 * nullable). Call after setting refresh-secret; a stale token is ignored. */
void      carport_auth_provider_restore_session      (CarportAuthProvider  *self,
                                                      const char           *person_id,
                                                      const char           *access_token);

/* Property helpers. */
char     *carport_auth_provider_dup_refresh_secret   (CarportAuthProvider  *self);
void      carport_auth_provider_set_refresh_secret   (CarportAuthProvider  *self,
                                                      const char           *secret);
gboolean  carport_auth_provider_get_needs_code       (CarportAuthProvider  *self);
char     *carport_auth_provider_dup_person_id        (CarportAuthProvider  *self);

/* For subclasses only. */

/* A login succeeded: the previous account's tokens and person id are
 * forgotten, @refresh_secret is kept (refresh-secret notified), @access_token
 * (nullable) too until @access_expiry (seconds since the epoch), and no code
 * is waited for any more. */
void      carport_auth_provider_start_session        (CarportAuthProvider  *self,
                                                      const char           *refresh_secret,
                                                      const char           *access_token,
                                                      gint64                access_expiry);
void      carport_auth_provider_set_needs_code       (CarportAuthProvider  *self,
                                                      gboolean              needs_code);

/* Wipes @secret (nullable) and frees it. */
void      carport_secret_free                        (char                 *secret);

G_END_DECLS
