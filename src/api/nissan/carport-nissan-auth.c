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
#include "carport-jwt.h"

#define RENEW_MARGIN_S      60
#define RESTORED_LIFETIME_S 300  /* a kept token whose expiry cannot be read */
#define MAX_HOPS            10
#define KAMEREON_MIME_TYPE  "application/vnd.api+json"
#define FORM_MIME_TYPE      "application/x-www-form-urlencoded"
#define HTML_ACCEPT         "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"

struct _CarportNissanAuth
{
  CarportAuthProvider  parent_instance;

  CarportHttp         *http;                                /* owned */
  char                *region;
  GStrv                overrides;
  char                *roots[CARPORT_NISSAN_N_SERVICES];    /* resolved, no trailing slash */
};

static void carport_nissan_auth_initable_iface_init (GInitableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CarportNissanAuth, carport_nissan_auth, CARPORT_TYPE_AUTH_PROVIDER,
                               G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE,
                                                      carport_nissan_auth_initable_iface_init))

enum {
  PROP_0,
  PROP_HTTP,
  PROP_REGION,
  PROP_OVERRIDES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gint64
now_s (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

static char *
url_for (CarportNissanAuth    *self,
         CarportNissanService  service,
         const char           *path)
{
  return g_strconcat (self->roots[service], "/", path, NULL);
}

/* ------------------------------------------------------------------------ */
/* CarportAuthProvider: the Kamereon token renewed with the refresh token,
 * and the user id (api-nissan.md §1.2) */

static void
tokens_free (CarportNissanTokens *tokens)
{
  carport_nissan_tokens_clear (tokens);
  g_free (tokens);
}

static void
refresh_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CarportNissanTokens tokens = { 0, };
  CarportNissanTokens *copy;
  g_autoptr(GBytes) body = NULL;
  GError *error = NULL;
  gboolean rejected = FALSE;
  guint status = 0;

  body = carport_http_request_full_finish (CARPORT_HTTP (source), result, &status, NULL, &error);
  if (body != NULL && carport_nissan_parse_tokens (status, body, &tokens, &rejected, &error))
    {
      copy = g_new (CarportNissanTokens, 1);
      *copy = tokens;
      g_task_return_pointer (task, copy, (GDestroyNotify) tokens_free);
      return;
    }

  if (rejected)
    {
      g_clear_error (&error);
      g_debug ("The refresh token was refused");
      carport_api_set_error (&error, CARPORT_API_ERROR_LOGIN_EXPIRED, NULL);
    }

  g_task_return_error (task, error);
}

static void
carport_nissan_auth_mint_token_async (CarportAuthProvider *provider,
                                      const char          *refresh_token,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  CarportNissanAuth *self = CARPORT_NISSAN_AUTH (provider);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autofree char *url = url_for (self, CARPORT_NISSAN_SERVICE_BFF,
                                  "v1/oauth2/refresh-token?platform=" CARPORT_NISSAN_PLATFORM);
  g_autoptr(GBytes) body = g_bytes_new_static ("{\"scope\":\"" CARPORT_NISSAN_KAMEREON_SCOPE "\"}",
                                               strlen ("{\"scope\":\"" CARPORT_NISSAN_KAMEREON_SCOPE "\"}"));
  const char *headers[] = { "Authorization", refresh_token, "Accept", "application/json", NULL };

  g_task_set_source_tag (task, carport_nissan_auth_mint_token_async);
  carport_http_request_full_async (self->http, "POST", url, headers, body, KAMEREON_MIME_TYPE, NULL,
                                   cancellable, refresh_cb, g_steal_pointer (&task));
}

static char *
carport_nissan_auth_mint_token_finish (CarportAuthProvider  *provider,
                                       GAsyncResult         *result,
                                       gint64               *out_expiry,
                                       char                **out_refresh_token,
                                       GError              **error)
{
  CarportNissanTokens *tokens;
  char *access_token;

  g_return_val_if_fail (g_task_is_valid (result, provider), NULL);

  tokens = g_task_propagate_pointer (G_TASK (result), error);
  if (tokens == NULL)
    return NULL;

  /* Without a new refresh token the old one stays (api-nissan.md §1.2). */
  *out_expiry = now_s () + tokens->expires_in;
  *out_refresh_token = g_steal_pointer (&tokens->refresh_token);
  access_token = g_steal_pointer (&tokens->access_token);
  tokens_free (tokens);

  return access_token;
}

static void
user_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *user_id = NULL;
  GError *error = NULL;
  guint status = 0;

  body = carport_http_request_full_finish (CARPORT_HTTP (source), result, &status, NULL, &error);
  if (body != NULL)
    root = carport_nissan_parse_response (status, body, &error);

  if (root == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  user_id = carport_nissan_parse_user_id (root);
  if (user_id == NULL)
    {
      g_task_return_new_error (task, CARPORT_API_ERROR, CARPORT_API_ERROR_INVALID_RESPONSE,
                               _("The login server’s answer to %s lacks %s"), "users/current", "userId");
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&user_id), g_free);
}

static void
carport_nissan_auth_fetch_person_id_async (CarportAuthProvider *provider,
                                           const char          *refresh_token,
                                           const char          *access_token,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  CarportNissanAuth *self = CARPORT_NISSAN_AUTH (provider);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autofree char *url = url_for (self, CARPORT_NISSAN_SERVICE_USER_ADAPTER, "v1/users/current");
  g_autofree char *bearer = g_strconcat ("Bearer ", access_token, NULL);
  const char *headers[] = { "Authorization", bearer, "Accept", "*/*",
                            "Content-Type", KAMEREON_MIME_TYPE, NULL };

  g_task_set_source_tag (task, carport_nissan_auth_fetch_person_id_async);
  carport_http_request_full_async (self->http, "GET", url, headers, NULL, NULL, NULL,
                                   cancellable, user_cb, g_steal_pointer (&task));
  explicit_bzero (bearer, strlen (bearer));
}

static char *
carport_nissan_auth_fetch_person_id_finish (CarportAuthProvider  *provider,
                                            GAsyncResult         *result,
                                            GError              **error)
{
  g_return_val_if_fail (g_task_is_valid (result, provider), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Kamereon tokens are renewed a minute early, or a quarter of their
 * lifetime for short-lived ones. */
static gint64
carport_nissan_auth_renew_margin (CarportAuthProvider *provider,
                                  gint64               lifetime)
{
  return MIN (RENEW_MARGIN_S, lifetime / 4);
}

static gint64
carport_nissan_auth_kept_token_expiry (CarportAuthProvider *provider,
                                       const char          *access_token)
{
  gint64 expiry = carport_jwt_get_expiry (access_token);

  /* An opaque token: kept briefly; a 401 renews it anyway. */
  return expiry > 0 ? expiry : now_s () + RESTORED_LIFETIME_S;
}

/* ------------------------------------------------------------------------ */
/* CarportAuthProvider: the OneID login (api-nissan.md §1.2) */

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
  carport_secret_free (data->password);
  carport_secret_free (data->verifier);
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

  action = carport_nissan_login_target (data->url, *form->action != '\0' ? form->action : data->url,
                                        self->roots[CARPORT_NISSAN_SERVICE_AUTH]);
  if (action == NULL)
    {
      login_fail (task, CARPORT_API_ERROR_INVALID_RESPONSE, "the login form points to another site");
      return;
    }

  origin = origin_of (action);
  g_free (data->page_url);
  data->page_url = g_strdup (data->url);
  data->submitted = TRUE;

  encoded = carport_nissan_form_encode (form, data->email, data->password);
  body = g_bytes_new_with_free_func (encoded, strlen (encoded), (GDestroyNotify) carport_secret_free, encoded);

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
  carport_auth_provider_start_session (CARPORT_AUTH_PROVIDER (self), tokens.refresh_token,
                                       tokens.access_token, now_s () + tokens.expires_in);
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
      g_clear_pointer (&code, carport_secret_free);
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

    body = g_bytes_new_with_free_func (text, len, (GDestroyNotify) carport_secret_free, text);
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
          carport_secret_free (code);
          g_free (state);
          g_free (error_text);
          login_callback (g_steal_pointer (&task), location);
          return;
        }

      target = carport_nissan_login_target (data->url, location, self->roots[CARPORT_NISSAN_SERVICE_AUTH]);
      if (target == NULL)
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
      /* The form again: OneID did not take the password (api-nissan.md §1.2, §9). */
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
  /* A fresh jar: old WSO2 cookies could skip the form (api-nissan.md §1.2). */
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
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carport_nissan_auth_dispose (GObject *object)
{
  CarportNissanAuth *self = CARPORT_NISSAN_AUTH (object);

  g_clear_object (&self->http);

  G_OBJECT_CLASS (carport_nissan_auth_parent_class)->dispose (object);
}

static void
carport_nissan_auth_finalize (GObject *object)
{
  CarportNissanAuth *self = CARPORT_NISSAN_AUTH (object);

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
  CarportAuthProviderClass *provider_class = CARPORT_AUTH_PROVIDER_CLASS (klass);

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

  /* The user id is asked with a Kamereon token, and only when wanted. */
  provider_class->person_id_first = FALSE;
  provider_class->login_async = carport_nissan_auth_login_async;
  provider_class->login_finish = carport_nissan_auth_login_finish;
  provider_class->mint_token_async = carport_nissan_auth_mint_token_async;
  provider_class->mint_token_finish = carport_nissan_auth_mint_token_finish;
  provider_class->fetch_person_id_async = carport_nissan_auth_fetch_person_id_async;
  provider_class->fetch_person_id_finish = carport_nissan_auth_fetch_person_id_finish;
  provider_class->renew_margin = carport_nissan_auth_renew_margin;
  provider_class->kept_token_expiry = carport_nissan_auth_kept_token_expiry;
}

static void
carport_nissan_auth_init (CarportNissanAuth *self)
{
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
