/* carport-auth-provider.h — how a brand logs in and hands out access tokens.
 *
 * Renault (Gigya) implements it in CarportRenaultAuth; Nissan can slot in
 * later. The Kamereon client only ever asks for a valid token, and drops it
 * when the server rejects it. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define CARPORT_TYPE_AUTH_PROVIDER (carport_auth_provider_get_type ())
G_DECLARE_INTERFACE (CarportAuthProvider, carport_auth_provider, CARPORT, AUTH_PROVIDER, GObject)

/* Properties every implementation has:
 *   refresh-secret (string, read/write, nullable): the long-lived secret to keep
 *     in the keyring (Renault: the Gigya login token). Notified whenever it
 *     changes: after a login, and when the server says it expired (then NULL).
 *     Setting it (from the keyring) drops any cached access token.
 *   needs-code (boolean, read-only): TRUE after a login answered "a code was
 *     sent to your email" and until a code is accepted (or logout).
 *   person-id (string, read-only, nullable): the account holder's id once known. */
struct _CarportAuthProviderInterface
{
  GTypeInterface parent_iface;

  void      (*login_async)          (CarportAuthProvider  *self,
                                     const char           *email,
                                     const char           *password,
                                     GCancellable         *cancellable,
                                     GAsyncReadyCallback   callback,
                                     gpointer              user_data);
  gboolean  (*login_finish)         (CarportAuthProvider  *self,
                                     GAsyncResult         *result,
                                     GError              **error);

  void      (*submit_code_async)    (CarportAuthProvider  *self,
                                     const char           *code,
                                     GCancellable         *cancellable,
                                     GAsyncReadyCallback   callback,
                                     gpointer              user_data);
  gboolean  (*submit_code_finish)   (CarportAuthProvider  *self,
                                     GAsyncResult         *result,
                                     GError              **error);

  void      (*get_token_async)      (CarportAuthProvider  *self,
                                     GCancellable         *cancellable,
                                     GAsyncReadyCallback   callback,
                                     gpointer              user_data);
  char *    (*get_token_finish)     (CarportAuthProvider  *self,
                                     GAsyncResult         *result,
                                     GError              **error);

  void      (*get_person_id_async)  (CarportAuthProvider  *self,
                                     GCancellable         *cancellable,
                                     GAsyncReadyCallback   callback,
                                     gpointer              user_data);
  char *    (*get_person_id_finish) (CarportAuthProvider  *self,
                                     GAsyncResult         *result,
                                     GError              **error);

  void      (*invalidate_token)     (CarportAuthProvider  *self);
  void      (*logout)               (CarportAuthProvider  *self);

  char *    (*dup_access_token)     (CarportAuthProvider  *self);
  void      (*restore_session)      (CarportAuthProvider  *self,
                                     const char           *person_id,
                                     const char           *access_token);
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

G_END_DECLS
