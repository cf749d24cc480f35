/* carport-nissan-auth.c — MyNISSAN's OneID login and Kamereon tokens.
 *
 * docs/api-nissan.md §1.2 and §9. The login: PKCE authorize on the OneID
 * (WSO2) host, its HTML form posted back, redirects followed by hand and only
 * on that host's origin up to the app's callback, the code traded for an
 * id_token, the id_token for a Kamereon token set at bff-web. Each login has
 * its own cookie jar. Only the Kamereon refresh token outlives a login (the
 * refresh-secret); access tokens are renewed with it, one renewal shared by
 * every caller that asks meanwhile.
 *
 * Secrets (password, tokens, code, code_verifier, id_token) are never logged:
 * the HTTP layer logs host and path only, and nothing here logs a value.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "carport-api"

#include <glib/gi18n.h>

#include <string.h>

#include "carport-nissan-auth.h"
#include "carport-nissan-json.h"
#include "carport-nissan-login.h"
#include "carport-json.h"
#include "carport-renault-auth.h"  /* carport_jwt_get_expiry() */

#define RENEW_MARGIN_S      60
#define RESTORED_LIFETIME_S 300  /* a kept token whose expiry cannot be read */
#define MAX_HOPS            10
#define KAMEREON_MIME_TYPE  "application/vnd.api+json"
#define FORM_MIME_TYPE      "application/x-www-form-urlencoded"
#define HTML_ACCEPT         "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"

struct _CarportNissanAuth
{
  GObject       parent_instance;

  CarportHttp  *http;                                /* owned */
  char         *region;
  GStrv         overrides;
  char         *roots[CARPORT_NISSAN_N_SERVICES];    /* resolved, no trailing slash */

  /* Secrets: never logged. */
  char         *refresh_token;                       /* the refresh-secret */
  char         *access_token;
  gint64        fresh_until;                         /* seconds since the epoch */
  char         *person_id;

  guint         generation;                          /* bumped when the refresh token changes */
  GCancellable *cancellable;                         /* owned: internal calls; cancelled on logout */

  /* The shared renewal. */
  GPtrArray    *waiters;                             /* GTask, owned */
  gboolean      ensure_running;
  gboolean      just_minted;
  gboolean      person_retried;
  guint         ensure_generation;                   /* of the renewal in flight */
};

static void carport_nissan_auth_provider_iface_init (CarportAuthProviderInterface *iface);
static void carport_nissan_auth_initable_iface_init (GInitableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CarportNissanAuth, carport_nissan_auth, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (CARPORT_TYPE_AUTH_PROVIDER,
                                                      carport_nissan_auth_provider_iface_init)
                               G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE,
                                                      carport_nissan_auth_initable_iface_init))

enum {
  PROP_0,
  PROP_HTTP,
  PROP_REGION,
  PROP_OVERRIDES,
  N_PROPS,
  /* From CarportAuthProvider. */
  PROP_REFRESH_SECRET = N_PROPS,
  PROP_NEEDS_CODE,
  PROP_PERSON_ID,
};

static GParamSpec *properties[N_PROPS];

static void
secret_free (char *secret)
{
  if (secret == NULL)
    return;
  explicit_bzero (secret, strlen (secret));
  g_free (secret);
}

#define clear_secret(pp) G_STMT_START { secret_free (*(pp)); *(pp) = NULL; } G_STMT_END

static gint64
now_s (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

static gboolean
access_is_fresh (CarportNissanAuth *self)
{
  return self->access_token != NULL && self->fresh_until > now_s ();
}

/* Keeps @token (taken) for @lifetime seconds, renewed a bit early. */
static void
take_access_token (CarportNissanAuth *self,
                   char              *token,
                   gint64             lifetime)
{
  gint64 margin = MIN (RENEW_MARGIN_S, lifetime / 4);

  clear_secret (&self->access_token);
  self->access_token = token;
  self->fresh_until = now_s () + lifetime - margin;
}

static void
set_person_id (CarportNissanAuth *self,
               const char        *person_id)
{
  if (g_strcmp0 (self->person_id, person_id) == 0)
    return;

  g_free (self->person_id);
  self->person_id = g_strdup (person_id);
  g_object_notify (G_OBJECT (self), "person-id");
}

/* Replaces the refresh token; a different one (another login, or none)
 * drops the access token and the person id. */
static void
set_refresh_token (CarportNissanAuth *self,
                   const char        *refresh_token)
{
  if (g_strcmp0 (self->refresh_token, refresh_token) == 0)
    return;

  clear_secret (&self->refresh_token);
  self->refresh_token = g_strdup (refresh_token);
  self->generation++;

  g_object_freeze_notify (G_OBJECT (self));
  g_object_notify (G_OBJECT (self), "refresh-secret");
  g_object_thaw_notify (G_OBJECT (self));
}

static void
forget_session (CarportNissanAuth *self)
{
  clear_secret (&self->access_token);
  self->fresh_until = 0;
  set_person_id (self, NULL);
}

static char *
url_for (CarportNissanAuth    *self,
         CarportNissanService  service,
         const char           *path)
{
  return g_strconcat (self->roots[service], "/", path, NULL);
}

/* ------------------------------------------------------------------------ */
/* The shared renewal ("ensure"): a fresh access token, then the user id. */

static void ensure_step (CarportNissanAuth *self);

static void
complete_waiters (CarportNissanAuth *self,
                  const GError      *error)
{
  g_autoptr(GPtrArray) waiters = g_steal_pointer (&self->waiters);

  self->waiters = g_ptr_array_new_with_free_func (g_object_unref);
  self->ensure_running = FALSE;
  self->just_minted = FALSE;
  self->person_retried = FALSE;

  for (guint i = 0; i < waiters->len; i++)
    {
      GTask *task = g_ptr_array_index (waiters, i);

      if (g_task_return_error_if_cancelled (task))
        continue;
      if (error != NULL)
        g_task_return_error (task, g_error_copy (error));
      else if (g_task_get_source_tag (task) == carport_auth_provider_get_token_async)
        g_task_return_pointer (task, g_strdup (self->access_token), g_free);
      else
        g_task_return_pointer (task, g_strdup (self->person_id), g_free);
    }
}

static gboolean
waiters_want_person (CarportNissanAuth *self)
{
  for (guint i = 0; i < self->waiters->len; i++)
    if (g_task_get_source_tag (g_ptr_array_index (self->waiters, i)) == carport_auth_provider_get_person_id_async)
      return TRUE;

  return FALSE;
}

static void
refresh_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(CarportNissanAuth) self = user_data;
  CarportNissanTokens tokens = { 0, };
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  gboolean rejected = FALSE;
  guint status = 0;

  body = carport_http_request_full_finish (CARPORT_HTTP (source), result, &status, NULL, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      complete_waiters (self, error);
      return;
    }

  if (self->ensure_generation != self->generation)
    {
      /* Logged in again (or out) meanwhile: start over with that. */
      ensure_step (self);
      return;
    }

  if (body != NULL && carport_nissan_parse_tokens (status, body, &tokens, &rejected, &error))
    {
      g_debug ("Renewed the Kamereon token, valid for %" G_GINT64_FORMAT " s", tokens.expires_in);
      take_access_token (self, g_steal_pointer (&tokens.access_token), tokens.expires_in);
      self->just_minted = TRUE;
      /* Without a new refresh token the old one stays (§1.2). */
      if (tokens.refresh_token != NULL)
        set_refresh_token (self, tokens.refresh_token);
      carport_nissan_tokens_clear (&tokens);
      ensure_step (self);
      return;
    }

  if (rejected)
    {
      g_clear_error (&error);
      g_debug ("The refresh token was refused; a new login is needed");
      g_object_freeze_notify (G_OBJECT (self));
      set_refresh_token (self, NULL);
      forget_session (self);
      g_object_thaw_notify (G_OBJECT (self));
      carport_api_set_error (&error, CARPORT_API_ERROR_LOGIN_EXPIRED, NULL);
    }

  complete_waiters (self, error);
}

static void
user_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(CarportNissanAuth) self = user_data;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *user_id = NULL;
  guint status = 0;

  body = carport_http_request_full_finish (CARPORT_HTTP (source), result, &status, NULL, &error);
  if (body != NULL)
    root = carport_nissan_parse_response (status, body, &error);

  if (root == NULL)
    {
      if (g_error_matches (error, CARPORT_API_ERROR, CARPORT_API_ERROR_UNAUTHORIZED) && !self->person_retried)
        {
          self->person_retried = TRUE;
          clear_secret (&self->access_token);
          self->fresh_until = 0;
          ensure_step (self);
          return;
        }
      complete_waiters (self, error);
      return;
    }

  user_id = carport_nissan_parse_user_id (root);
  if (user_id == NULL)
    {
      g_set_error (&error, CARPORT_API_ERROR, CARPORT_API_ERROR_INVALID_RESPONSE,
                   _("The login server’s answer to %s lacks %s"), "users/current", "userId");
      complete_waiters (self, error);
      return;
    }

  set_person_id (self, user_id);
  ensure_step (self);
}

static void
ensure_step (CarportNissanAuth *self)
{
  self->ensure_running = TRUE;

  if (self->waiters->len == 0)
    {
      self->ensure_running = FALSE;
      self->just_minted = FALSE;
      return;
    }

  if (self->refresh_token == NULL && !access_is_fresh (self))
    {
      g_autoptr(GError) error = g_error_new (CARPORT_API_ERROR, CARPORT_API_ERROR_LOGIN_EXPIRED,
                                             _("You are not logged in"));
      complete_waiters (self, error);
      return;
    }

  if (self->access_token == NULL || (!access_is_fresh (self) && !self->just_minted))
    {
      g_autofree char *url = url_for (self, CARPORT_NISSAN_SERVICE_BFF,
                                      "v1/oauth2/refresh-token?platform=" CARPORT_NISSAN_PLATFORM);
      g_autoptr(GBytes) body = g_bytes_new_static ("{\"scope\":\"" CARPORT_NISSAN_KAMEREON_SCOPE "\"}",
                                                   strlen ("{\"scope\":\"" CARPORT_NISSAN_KAMEREON_SCOPE "\"}"));
      const char *headers[] = { "Authorization", self->refresh_token, "Accept", "application/json", NULL };

      self->ensure_generation = self->generation;

      carport_http_request_full_async (self->http, "POST", url, headers, body, KAMEREON_MIME_TYPE, NULL,
                                       self->cancellable, refresh_cb, g_object_ref (self));
      return;
    }

  if (self->person_id == NULL && waiters_want_person (self))
    {
      g_autofree char *url = url_for (self, CARPORT_NISSAN_SERVICE_USER_ADAPTER, "v1/users/current");
      g_autofree char *bearer = g_strconcat ("Bearer ", self->access_token, NULL);
      const char *headers[] = { "Authorization", bearer, "Accept", "*/*",
                                "Content-Type", KAMEREON_MIME_TYPE, NULL };

      carport_http_request_full_async (self->http, "GET", url, headers, NULL, NULL, NULL,
                                       self->cancellable, user_cb, g_object_ref (self));
      explicit_bzero (bearer, strlen (bearer));
      return;
    }

  complete_waiters (self, NULL);
}

static void
add_waiter (CarportNissanAuth *self,
            GTask             *task)
{
  g_ptr_array_add (self->waiters, g_object_ref (task));

  if (!self->ensure_running)
    ensure_step (self);
}

/* ------------------------------------------------------------------------ */
/* CarportAuthProvider: tokens */

static void
carport_nissan_auth_get_token_async (CarportAuthProvider *provider,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  CarportNissanAuth *self = CARPORT_NISSAN_AUTH (provider);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, carport_auth_provider_get_token_async);

  if (g_task_return_error_if_cancelled (task))
    return;

  if (access_is_fresh (self))
    {
      g_task_return_pointer (task, g_strdup (self->access_token), g_free);
      return;
    }

  add_waiter (self, task);
}

static char *
carport_nissan_auth_get_token_finish (CarportAuthProvider  *provider,
                                      GAsyncResult         *result,
                                      GError              **error)
{
  g_return_val_if_fail (g_task_is_valid (result, provider), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
carport_nissan_auth_get_person_id_async (CarportAuthProvider *provider,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  CarportNissanAuth *self = CARPORT_NISSAN_AUTH (provider);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, carport_auth_provider_get_person_id_async);

  if (g_task_return_error_if_cancelled (task))
    return;

  if (self->person_id != NULL && (self->refresh_token != NULL || access_is_fresh (self)))
    {
      g_task_return_pointer (task, g_strdup (self->person_id), g_free);
      return;
    }

  add_waiter (self, task);
}

static char *
carport_nissan_auth_get_person_id_finish (CarportAuthProvider  *provider,
                                          GAsyncResult         *result,
                                          GError              **error)
{
  g_return_val_if_fail (g_task_is_valid (result, provider), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
carport_nissan_auth_invalidate_token (CarportAuthProvider *provider)
{
  CarportNissanAuth *self = CARPORT_NISSAN_AUTH (provider);

  clear_secret (&self->access_token);
  self->fresh_until = 0;
}

static char *
carport_nissan_auth_dup_access_token (CarportAuthProvider *provider)
{
  CarportNissanAuth *self = CARPORT_NISSAN_AUTH (provider);

  return access_is_fresh (self) ? g_strdup (self->access_token) : NULL;
}

static void
carport_nissan_auth_restore_session (CarportAuthProvider *provider,
                                     const char          *person_id,
                                     const char          *access_token)
{
  CarportNissanAuth *self = CARPORT_NISSAN_AUTH (provider);

  /* Only meaningful on top of a refresh token (set refresh-secret first). */
  if (self->refresh_token == NULL)
    return;

  if (person_id != NULL && *person_id != '\0')
    set_person_id (self, person_id);

  if (access_token != NULL && *access_token != '\0')
    {
      gint64 expiry = carport_jwt_get_expiry (access_token);

      /* An opaque token: kept briefly; a 401 renews it anyway. */
      if (expiry <= 0)
        take_access_token (self, g_strdup (access_token), RESTORED_LIFETIME_S);
      else if (expiry - RENEW_MARGIN_S > now_s ())
        take_access_token (self, g_strdup (access_token), expiry - now_s ());
    }
}

static void
carport_nissan_auth_logout (CarportAuthProvider *provider)
{
  CarportNissanAuth *self = CARPORT_NISSAN_AUTH (provider);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  g_object_freeze_notify (G_OBJECT (self));
  set_refresh_token (self, NULL);
  forget_session (self);
  self->generation++;
  g_object_thaw_notify (G_OBJECT (self));
}

/* ------------------------------------------------------------------------ */
/* CarportAuthProvider: the OneID login (§1.2) */

typedef struct {
  char          *email;
  char          *password;    /* wiped */
  char          *verifier;    /* wiped */
  char          *state;
  char          *url;         /* the page answered last (for relative links) */
  char          *page_url;    /* the login page (Referer) */
  SoupCookieJar *jar;         /* owned: this login's own */
  guint          hops;
  gboolean       submitted;   /* the form went out: a form now means "wrong password" */
} LoginData;

static void
login_data_free (LoginData *data)
{
  g_free (data->email);
  secret_free (data->password);
  secret_free (data->verifier);
  g_free (data->state);
  g_free (data->url);
  g_free (data->page_url);
  g_clear_object (&data->jar);
  g_free (data);
}

static void login_answer_cb (GObject *source, GAsyncResult *result, gpointer user_data);

/* The message for a password OneID did not take. */
static void
set_credentials_error (GError **error)
{
  g_set_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_INVALID_CREDENTIALS,
               _("Wrong email address or password. If the password is right and still refused, "
                 "it may need a reset at the MyNISSAN site (%s)."),
               CARPORT_NISSAN_RESET_SITE);
}

static void
login_fail (GTask           *owned_task,
            CarportApiError  code,
            const char      *detail)
{
  g_autoptr(GTask) task = owned_task;
  GError *error = NULL;

  carport_api_set_error (&error, code, detail);
  g_task_return_error (task, error);
}

/* Takes ownership of @task. */
static void
login_get (GTask      *task,
           const char *url)
{
  CarportNissanAuth *self = g_task_get_source_object (task);
  LoginData *data = g_task_get_task_data (task);
  const char *headers[] = { "Accept", HTML_ACCEPT, NULL };

  g_free (data->url);
  data->url = g_strdup (url);
  carport_http_request_full_async (self->http, "GET", url, headers, NULL, NULL, data->jar,
                                   g_task_get_cancellable (task), login_answer_cb, task);
}

static char *
origin_of (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);

  if (uri == NULL)
    return NULL;
  if (g_uri_get_port (uri) > 0)
    return g_strdup_printf ("%s://%s:%d", g_uri_get_scheme (uri), g_uri_get_host (uri), g_uri_get_port (uri));
  return g_strdup_printf ("%s://%s", g_uri_get_scheme (uri), g_uri_get_host (uri));
}

/* Takes ownership of @task. */
static void
login_post_form (GTask             *task,
                 CarportNissanForm *form)
{
  CarportNissanAuth *self = g_task_get_source_object (task);
  LoginData *data = g_task_get_task_data (task);
  g_autofree char *action = NULL;
  g_autofree char *origin = NULL;
  g_autoptr(GBytes) body = NULL;
  char *encoded;

  action = g_uri_resolve_relative (data->url, *form->action != '\0' ? form->action : data->url,
                                   G_URI_FLAGS_NONE, NULL);
  if (action == NULL || !carport_nissan_same_origin (action, self->roots[CARPORT_NISSAN_SERVICE_AUTH]))
    {
      login_fail (task, CARPORT_API_ERROR_INVALID_RESPONSE, "the login form points to another site");
      return;
    }

  origin = origin_of (action);
  g_free (data->page_url);
  data->page_url = g_strdup (data->url);
  data->submitted = TRUE;

  encoded = carport_nissan_form_encode (form, data->email, data->password);
  body = g_bytes_new_with_free_func (encoded, strlen (encoded), (GDestroyNotify) secret_free, encoded);

  {
    const char *headers[] = { "Accept", HTML_ACCEPT, "Origin", origin, "Referer", data->page_url, NULL };

    g_free (data->url);
    data->url = g_strdup (action);
    carport_http_request_full_async (self->http, "POST", action, headers, body, FORM_MIME_TYPE, data->jar,
                                     g_task_get_cancellable (task), login_answer_cb, task);
  }
}

static void exchange_cb (GObject *source, GAsyncResult *result, gpointer user_data);

static void
token_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CarportNissanAuth *self = g_task_get_source_object (task);
  LoginData *data = g_task_get_task_data (task);
  CarportNissanTokens tokens = { 0, };
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GBytes) empty = NULL;
  g_autofree char *url = NULL;
  GError *error = NULL;
  gboolean rejected;
  guint status = 0;

  body = carport_http_request_full_finish (CARPORT_HTTP (source), result, &status, NULL, &error);
  if (body == NULL || !carport_nissan_parse_tokens (status, body, &tokens, &rejected, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  if (tokens.id_token == NULL)
    {
      carport_nissan_tokens_clear (&tokens);
      login_fail (g_steal_pointer (&task), CARPORT_API_ERROR_INVALID_RESPONSE, "id_token");
      return;
    }

  /* Only the id_token is used: it buys the Kamereon tokens. */
  url = url_for (self, CARPORT_NISSAN_SERVICE_BFF, "v1/oauth2/access_token?platform=" CARPORT_NISSAN_PLATFORM);
  empty = g_bytes_new_static ("", 0);
  {
    const char *headers[] = { "Authorization", tokens.id_token, "Accept", "application/json", NULL };
    GCancellable *cancellable = g_task_get_cancellable (task);

    carport_http_request_full_async (self->http, "POST", url, headers, empty, KAMEREON_MIME_TYPE, data->jar,
                                     cancellable, exchange_cb, g_steal_pointer (&task));
  }
  carport_nissan_tokens_clear (&tokens);
}

static void
exchange_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CarportNissanAuth *self = g_task_get_source_object (task);
  CarportNissanTokens tokens = { 0, };
  g_autoptr(GBytes) body = NULL;
  GError *error = NULL;
  gboolean rejected;
  guint status = 0;

  body = carport_http_request_full_finish (CARPORT_HTTP (source), result, &status, NULL, &error);
  if (body == NULL || !carport_nissan_parse_tokens (status, body, &tokens, &rejected, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  g_debug ("Logged in at MyNISSAN; Kamereon token valid for %" G_GINT64_FORMAT " s", tokens.expires_in);

  /* A fresh login: the old account's tokens and id go. */
  g_object_freeze_notify (G_OBJECT (self));
  forget_session (self);
  set_refresh_token (self, NULL);
  take_access_token (self, g_steal_pointer (&tokens.access_token), tokens.expires_in);
  set_refresh_token (self, tokens.refresh_token);
  g_object_thaw_notify (G_OBJECT (self));
  carport_nissan_tokens_clear (&tokens);

  g_task_return_boolean (task, TRUE);
}

/* Takes ownership of @task. */
static void
login_callback (GTask      *task,
                const char *location)
{
  CarportNissanAuth *self = g_task_get_source_object (task);
  LoginData *data = g_task_get_task_data (task);
  g_autofree char *code = NULL;
  g_autofree char *state = NULL;
  g_autofree char *error_text = NULL;
  g_autofree char *url = NULL;
  g_autoptr(GString) form = NULL;
  g_autoptr(GBytes) body = NULL;

  carport_nissan_parse_callback (location, &code, &state, &error_text);

  if (g_strcmp0 (state, data->state) != 0)
    {
      g_clear_pointer (&code, secret_free);
      login_fail (task, CARPORT_API_ERROR_INVALID_RESPONSE, "the login came back with another state");
      return;
    }

  if (code == NULL)
    {
      if (data->submitted && error_text != NULL)
        {
          g_autoptr(GTask) owned = task;
          GError *error = NULL;

          set_credentials_error (&error);
          g_task_return_error (owned, error);
        }
      else
        {
          login_fail (task, CARPORT_API_ERROR_INVALID_RESPONSE, error_text != NULL ? error_text : "no code");
        }
      return;
    }

  form = g_string_new (NULL);
  carport_nissan_form_append (form, "grant_type", "authorization_code");
  carport_nissan_form_append (form, "client_id", CARPORT_NISSAN_CLIENT_ID);
  carport_nissan_form_append (form, "redirect_uri", CARPORT_NISSAN_REDIRECT_URI);
  carport_nissan_form_append (form, "code", code);
  carport_nissan_form_append (form, "code_verifier", data->verifier);
  carport_nissan_form_append (form, "scope", CARPORT_NISSAN_ONEID_SCOPE);
  {
    gsize len = form->len;
    char *text = g_string_free (g_steal_pointer (&form), FALSE);

    body = g_bytes_new_with_free_func (text, len, (GDestroyNotify) secret_free, text);
  }
  explicit_bzero (code, strlen (code));

  url = url_for (self, CARPORT_NISSAN_SERVICE_AUTH, "oauth2/token");
  {
    const char *headers[] = { "Accept", "application/json", NULL };

    carport_http_request_full_async (self->http, "POST", url, headers, body, FORM_MIME_TYPE, data->jar,
                                     g_task_get_cancellable (task), token_cb, task);
  }
}

static void
login_answer_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CarportNissanAuth *self = g_task_get_source_object (task);
  LoginData *data = g_task_get_task_data (task);
  g_autoptr(SoupMessageHeaders) headers = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(CarportNissanForm) form = NULL;
  g_autofree char *html = NULL;
  GError *error = NULL;
  guint status = 0;

  body = carport_http_request_full_finish (CARPORT_HTTP (source), result, &status, &headers, &error);
  if (body == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (status >= 300 && status < 400)
    {
      const char *location = soup_message_headers_get_one (headers, "Location");
      g_autofree char *target = NULL;
      char *code = NULL, *state = NULL, *error_text = NULL;

      if (location == NULL)
        {
          login_fail (g_steal_pointer (&task), CARPORT_API_ERROR_INVALID_RESPONSE, "a redirect without a target");
          return;
        }

      /* The app's own address: never fetched, read. */
      if (carport_nissan_parse_callback (location, &code, &state, &error_text))
        {
          secret_free (code);
          g_free (state);
          g_free (error_text);
          login_callback (g_steal_pointer (&task), location);
          return;
        }

      target = g_uri_resolve_relative (data->url, location, G_URI_FLAGS_NONE, NULL);
      if (target == NULL || !carport_nissan_same_origin (target, self->roots[CARPORT_NISSAN_SERVICE_AUTH]))
        {
          g_debug ("The login redirected to another site; not following");
          login_fail (g_steal_pointer (&task), CARPORT_API_ERROR_INVALID_RESPONSE,
                      "the login redirected to another site");
          return;
        }

      if (++data->hops > MAX_HOPS)
        {
          login_fail (g_steal_pointer (&task), CARPORT_API_ERROR_INVALID_RESPONSE, "too many redirects");
          return;
        }

      login_get (g_steal_pointer (&task), target);
      return;
    }

  if (status >= 400)
    {
      g_autofree char *detail = g_strdup_printf ("HTTP %u", status);

      login_fail (g_steal_pointer (&task),
                  status >= 500 ? CARPORT_API_ERROR_SERVER : CARPORT_API_ERROR_INVALID_RESPONSE, detail);
      return;
    }

  html = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  form = carport_nissan_form_parse (html);

  if (form != NULL && data->submitted)
    {
      /* The form again: OneID did not take the password (§1.2, §9). */
      set_credentials_error (&error);
      g_task_return_error (task, error);
      return;
    }

  if (form != NULL)
    {
      login_post_form (g_steal_pointer (&task), form);
      return;
    }

  /* Neither form nor callback: terms, consent or a verification waits. */
  g_set_error (&error, CARPORT_API_ERROR, CARPORT_API_ERROR_FAILED,
               _("MyNISSAN wants something Carport cannot show (new terms, a consent or a verification). "
                 "Log in once in the MyNISSAN app or at %s, then try again."),
               CARPORT_NISSAN_RESET_SITE);
  g_task_return_error (task, error);
}

static void
carport_nissan_auth_login_async (CarportAuthProvider *provider,
                                 const char          *email,
                                 const char          *password,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  CarportNissanAuth *self = CARPORT_NISSAN_AUTH (provider);
  g_autoptr(GTask) task = NULL;
  g_autoptr(GString) url = NULL;
  g_autofree char *challenge = NULL;
  LoginData *data;

  g_return_if_fail (email != NULL && password != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, carport_nissan_auth_login_async);

  data = g_new0 (LoginData, 1);
  data->email = g_strdup (email);
  data->password = g_strdup (password);
  data->verifier = carport_nissan_pkce_verifier ();
  data->state = carport_nissan_random_state ();
  /* A fresh jar: old WSO2 cookies could skip the form (§1.2). */
  data->jar = soup_cookie_jar_new ();
  g_task_set_task_data (task, data, (GDestroyNotify) login_data_free);

  challenge = carport_nissan_pkce_challenge (data->verifier);
  url = g_string_new (self->roots[CARPORT_NISSAN_SERVICE_AUTH]);
  g_string_append (url, "/oauth2/authorize?");
  {
    g_autoptr(GString) query = g_string_new (NULL);

    carport_nissan_form_append (query, "response_type", "code");
    carport_nissan_form_append (query, "redirect_uri", CARPORT_NISSAN_REDIRECT_URI);
    carport_nissan_form_append (query, "client_id", CARPORT_NISSAN_CLIENT_ID);
    carport_nissan_form_append (query, "state", data->state);
    carport_nissan_form_append (query, "scope", CARPORT_NISSAN_ONEID_SCOPE);
    carport_nissan_form_append (query, "code_challenge", challenge);
    carport_nissan_form_append (query, "code_challenge_method", "S256");
    carport_nissan_form_append (query, "locale", CARPORT_NISSAN_LOCALE);
    carport_nissan_form_append (query, "brand", CARPORT_NISSAN_BRAND);
    carport_nissan_form_append (query, "client", CARPORT_NISSAN_APP);
    g_string_append (url, query->str);
  }

  g_debug ("Logging in at MyNISSAN");
  login_get (g_steal_pointer (&task), url->str);
}

static gboolean
carport_nissan_auth_login_finish (CarportAuthProvider  *provider,
                                  GAsyncResult         *result,
                                  GError              **error)
{
  g_return_val_if_fail (g_task_is_valid (result, provider), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
carport_nissan_auth_submit_code_async (CarportAuthProvider *provider,
                                       const char          *code,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_task_report_new_error (provider, callback, user_data, carport_nissan_auth_submit_code_async,
                           CARPORT_API_ERROR, CARPORT_API_ERROR_TFA_CODE_INVALID,
                           _("No login is waiting for a code; log in again"));
}

static gboolean
carport_nissan_auth_submit_code_finish (CarportAuthProvider  *provider,
                                        GAsyncResult         *result,
                                        GError              **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ------------------------------------------------------------------------ */
/* GObject / GInitable */

static gboolean
carport_nissan_auth_initable_init (GInitable     *initable,
                                   GCancellable  *cancellable,
                                   GError       **error)
{
  CarportNissanAuth *self = CARPORT_NISSAN_AUTH (initable);
  const CarportNissanRegion *region;

  if (self->http == NULL)
    {
      g_set_error_literal (error, CARPORT_API_ERROR, CARPORT_API_ERROR_INVALID_INPUT,
                           _("No HTTP session given"));
      return FALSE;
    }

  region = carport_nissan_region_lookup (self->region);
  if (region == NULL)
    {
      g_set_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_INVALID_INPUT,
                   _("The country “%s” is not supported"), self->region);
      return FALSE;
    }

  return carport_nissan_resolve_roots (region, (const char * const *) self->overrides, self->roots, error);
}

static void
carport_nissan_auth_initable_iface_init (GInitableIface *iface)
{
  iface->init = carport_nissan_auth_initable_init;
}

static void
carport_nissan_auth_provider_iface_init (CarportAuthProviderInterface *iface)
{
  iface->login_async = carport_nissan_auth_login_async;
  iface->login_finish = carport_nissan_auth_login_finish;
  iface->submit_code_async = carport_nissan_auth_submit_code_async;
  iface->submit_code_finish = carport_nissan_auth_submit_code_finish;
  iface->get_token_async = carport_nissan_auth_get_token_async;
  iface->get_token_finish = carport_nissan_auth_get_token_finish;
  iface->get_person_id_async = carport_nissan_auth_get_person_id_async;
  iface->get_person_id_finish = carport_nissan_auth_get_person_id_finish;
  iface->invalidate_token = carport_nissan_auth_invalidate_token;
  iface->logout = carport_nissan_auth_logout;
  iface->dup_access_token = carport_nissan_auth_dup_access_token;
  iface->restore_session = carport_nissan_auth_restore_session;
}

static void
carport_nissan_auth_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  CarportNissanAuth *self = CARPORT_NISSAN_AUTH (object);

  switch (prop_id)
    {
    case PROP_HTTP:
      g_value_set_object (value, self->http);
      break;
    case PROP_REGION:
      g_value_set_string (value, self->region);
      break;
    case PROP_OVERRIDES:
      g_value_set_boxed (value, self->overrides);
      break;
    case PROP_REFRESH_SECRET:
      g_value_set_string (value, self->refresh_token);
      break;
    case PROP_NEEDS_CODE:
      g_value_set_boolean (value, FALSE);
      break;
    case PROP_PERSON_ID:
      g_value_set_string (value, self->person_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carport_nissan_auth_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  CarportNissanAuth *self = CARPORT_NISSAN_AUTH (object);

  switch (prop_id)
    {
    case PROP_HTTP:
      self->http = g_value_dup_object (value);
      break;
    case PROP_REGION:
      self->region = g_value_dup_string (value);
      break;
    case PROP_OVERRIDES:
      self->overrides = g_value_dup_boxed (value);
      break;
    case PROP_REFRESH_SECRET:
      {
        const char *secret = g_value_get_string (value);

        if (g_strcmp0 (self->refresh_token, secret && *secret ? secret : NULL) != 0)
          {
            g_object_freeze_notify (object);
            forget_session (self);
            set_refresh_token (self, secret && *secret ? secret : NULL);
            g_object_thaw_notify (object);
          }
      }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carport_nissan_auth_dispose (GObject *object)
{
  CarportNissanAuth *self = CARPORT_NISSAN_AUTH (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->http);

  G_OBJECT_CLASS (carport_nissan_auth_parent_class)->dispose (object);
}

static void
carport_nissan_auth_finalize (GObject *object)
{
  CarportNissanAuth *self = CARPORT_NISSAN_AUTH (object);

  clear_secret (&self->refresh_token);
  clear_secret (&self->access_token);
  g_clear_pointer (&self->waiters, g_ptr_array_unref);
  g_free (self->person_id);
  g_free (self->region);
  g_strfreev (self->overrides);
  for (guint i = 0; i < CARPORT_NISSAN_N_SERVICES; i++)
    g_free (self->roots[i]);

  G_OBJECT_CLASS (carport_nissan_auth_parent_class)->finalize (object);
}

static void
carport_nissan_auth_class_init (CarportNissanAuthClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = carport_nissan_auth_get_property;
  object_class->set_property = carport_nissan_auth_set_property;
  object_class->dispose = carport_nissan_auth_dispose;
  object_class->finalize = carport_nissan_auth_finalize;

  properties[PROP_HTTP] =
    g_param_spec_object ("http", NULL, NULL,
                         CARPORT_TYPE_HTTP,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REGION] =
    g_param_spec_string ("region", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_OVERRIDES] =
    g_param_spec_boxed ("overrides", NULL, NULL,
                        G_TYPE_STRV,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_object_class_override_property (object_class, PROP_REFRESH_SECRET, "refresh-secret");
  g_object_class_override_property (object_class, PROP_NEEDS_CODE, "needs-code");
  g_object_class_override_property (object_class, PROP_PERSON_ID, "person-id");
}

static void
carport_nissan_auth_init (CarportNissanAuth *self)
{
  self->cancellable = g_cancellable_new ();
  self->waiters = g_ptr_array_new_with_free_func (g_object_unref);
}

CarportNissanAuth *
carport_nissan_auth_new (CarportHttp         *http,
                         const char          *region,
                         const char * const  *overrides,
                         GError             **error)
{
  g_return_val_if_fail (CARPORT_IS_HTTP (http), NULL);

  return g_initable_new (CARPORT_TYPE_NISSAN_AUTH, NULL, error,
                         "http", http,
                         "region", region,
                         "overrides", overrides,
                         NULL);
}

CarportHttp *
carport_nissan_auth_get_http (CarportNissanAuth *self)
{
  g_return_val_if_fail (CARPORT_IS_NISSAN_AUTH (self), NULL);

  return self->http;
}

const char *
carport_nissan_auth_get_root (CarportNissanAuth    *self,
                              CarportNissanService  service)
{
  g_return_val_if_fail (CARPORT_IS_NISSAN_AUTH (self), NULL);
  g_return_val_if_fail ((guint) service < CARPORT_NISSAN_N_SERVICES, NULL);

  return self->roots[service];
}
