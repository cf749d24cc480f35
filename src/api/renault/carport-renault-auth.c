/* carport-renault-auth.c — Renault's Gigya login (docs/api-renault.md §a).
 *
 * The token chain: password → login token (kept, the refresh-secret) →
 * personId (cached) and a JWT of 900 s (re-minted 60 s before it expires).
 * CarportAuthProvider keeps them and shares one mint between concurrent
 * callers; this file says how Gigya is asked.
 *
 * Secrets (password, login token, JWT, TFA tokens) are never logged; the
 * password lives in memory only for the duration of a two-factor flow and is
 * wiped afterwards. */
#include "config.h"

#define G_LOG_DOMAIN "carport-api"

#include <glib/gi18n.h>

#include <string.h>

#include "carport-renault-auth.h"
#include "carport-json.h"
#include "carport-jwt.h"
#include "carport-kamereon-json.h"
#include "carport-renault-models.h"

#define JWT_LIFETIME_S  900

struct _CarportRenaultAuth
{
  CarportAuthProvider  parent_instance;

  CarportHttp         *http;             /* owned */
  char                *locale;
  char                *gigya_url;        /* resolved root, no trailing slash */
  char                *gigya_key;

  /* Two-factor flow, kept between login and submit_code. Secrets: never logged. */
  char                *tfa_email;
  char                *tfa_password;     /* wiped after use */
  char                *reg_token;
  char                *gigya_assertion;
  char                *phv_token;
  char                *tfa_email_id;     /* where the codes go */
};

static void carport_renault_auth_initable_iface_init (GInitableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CarportRenaultAuth, carport_renault_auth, CARPORT_TYPE_AUTH_PROVIDER,
                               G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE,
                                                      carport_renault_auth_initable_iface_init))

enum {
  PROP_0,
  PROP_LOCALE,
  PROP_HTTP,
  PROP_GIGYA_URL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define clear_secret(pp) G_STMT_START { carport_secret_free (*(pp)); *(pp) = NULL; } G_STMT_END

static void
clear_tfa (CarportRenaultAuth *self)
{
  clear_secret (&self->tfa_email);
  clear_secret (&self->tfa_password);
  clear_secret (&self->reg_token);
  clear_secret (&self->gigya_assertion);
  clear_secret (&self->phv_token);
  g_clear_pointer (&self->tfa_email_id, g_free);
}

/* ------------------------------------------------------------------------ */
/* Gigya calls: form-encoded POSTs to {gigya}/<method> with ApiKey. */

typedef struct {
  guint   status;
  GBytes *body;
} GigyaAnswer;

static void
gigya_answer_free (GigyaAnswer *answer)
{
  g_clear_pointer (&answer->body, g_bytes_unref);
  g_free (answer);
}

/* A GBytes that wipes its memory when freed (form bodies carry secrets). */
static void
wipe_string_free (gpointer data)
{
  GString *string = data;

  explicit_bzero (string->str, string->allocated_len);
  g_string_free (string, TRUE);
}

static void
form_append (GString    *form,
             const char *key,
             const char *value)
{
  g_autofree char *escaped = g_uri_escape_string (value ? value : "", NULL, FALSE);

  if (form->len > 0)
    g_string_append_c (form, '&');
  g_string_append (form, key);
  g_string_append_c (form, '=');
  g_string_append (form, escaped);
  explicit_bzero (escaped, strlen (escaped));
}

static void
gigya_call_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GigyaAnswer *answer;
  GBytes *body;
  GError *error = NULL;
  guint status = 0;

  body = carport_http_request_finish (CARPORT_HTTP (source), result, &status, &error);
  if (body == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  answer = g_new0 (GigyaAnswer, 1);
  answer->status = status;
  answer->body = body;
  g_task_return_pointer (task, answer, (GDestroyNotify) gigya_answer_free);
}

/* @...: NULL-terminated key/value pairs. */
static void
gigya_call_async (CarportRenaultAuth  *self,
                  const char          *method,
                  GCancellable        *cancellable,
                  GAsyncReadyCallback  callback,
                  gpointer             user_data,
                  ...)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autofree char *url = NULL;
  GString *form;
  const char *key;
  va_list args;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, gigya_call_async);

  form = g_string_sized_new (256);
  form_append (form, "ApiKey", self->gigya_key);
  va_start (args, user_data);
  while ((key = va_arg (args, const char *)) != NULL)
    {
      const char *value = va_arg (args, const char *);
      form_append (form, key, value);
    }
  va_end (args);

  body = g_bytes_new_with_free_func (form->str, form->len, wipe_string_free, form);
  url = g_strconcat (self->gigya_url, "/", method, NULL);

  carport_http_request_async (self->http, "POST", url, NULL, body,
                              "application/x-www-form-urlencoded",
                              cancellable, gigya_call_cb, g_steal_pointer (&task));
}

/* The parsed answer, or an error from carport_gigya_parse_response(). When
 * @out_raw is given it receives the body's JSON even on a Gigya error (the
 * 403101 answer carries the regToken). */
static JsonNode *
gigya_call_finish (CarportRenaultAuth  *self,
                   GAsyncResult        *result,
                   JsonNode           **out_raw,
                   GError             **error)
{
  GigyaAnswer *answer;
  JsonNode *root;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  answer = g_task_propagate_pointer (G_TASK (result), error);
  if (answer == NULL)
    return NULL;

  if (out_raw != NULL)
    {
      gsize len;
      const char *data = g_bytes_get_data (answer->body, &len);

      *out_raw = carport_json_parse (data, (gssize) len);
    }

  root = carport_gigya_parse_response (answer->status, answer->body, error);
  gigya_answer_free (answer);

  return root;
}

static gboolean
missing_field (GError     **error,
               const char  *method,
               const char  *field)
{
  g_set_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_INVALID_RESPONSE,
               _("The login server’s answer to %s lacks %s"), method, field);
  return FALSE;
}

/* ------------------------------------------------------------------------ */
/* CarportAuthProvider: the person id and the JWT, from the login token */

static void
carport_renault_auth_fetch_person_id_async (CarportAuthProvider *provider,
                                            const char          *login_token,
                                            const char          *access_token,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data)
{
  gigya_call_async (CARPORT_RENAULT_AUTH (provider), "accounts.getAccountInfo", cancellable, callback, user_data,
                    "login_token", login_token,
                    NULL);
}

static char *
carport_renault_auth_fetch_person_id_finish (CarportAuthProvider  *provider,
                                             GAsyncResult         *result,
                                             GError              **error)
{
  g_autoptr(JsonNode) root = gigya_call_finish (CARPORT_RENAULT_AUTH (provider), result, NULL, error);
  const char *person_id;

  if (root == NULL)
    return NULL;

  person_id = carport_json_get_path_string (root, "data.personId");
  if (person_id == NULL)
    {
      missing_field (error, "accounts.getAccountInfo", "data.personId");
      return NULL;
    }

  return g_strdup (person_id);
}

static void
carport_renault_auth_mint_token_async (CarportAuthProvider *provider,
                                       const char          *login_token,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autofree char *expiration = g_strdup_printf ("%d", JWT_LIFETIME_S);

  gigya_call_async (CARPORT_RENAULT_AUTH (provider), "accounts.getJWT", cancellable, callback, user_data,
                    "login_token", login_token,
                    "fields", "data.personId,data.gigyaDataCenter",
                    "expiration", expiration,
                    NULL);
}

static char *
carport_renault_auth_mint_token_finish (CarportAuthProvider  *provider,
                                        GAsyncResult         *result,
                                        gint64               *out_expiry,
                                        char                **out_refresh_secret,
                                        GError              **error)
{
  g_autoptr(JsonNode) root = gigya_call_finish (CARPORT_RENAULT_AUTH (provider), result, NULL, error);
  const char *id_token;
  gint64 expiry;

  if (root == NULL)
    return NULL;

  id_token = carport_json_get_path_string (root, "id_token");
  if (id_token == NULL)
    {
      missing_field (error, "accounts.getJWT", "id_token");
      return NULL;
    }

  expiry = carport_jwt_get_expiry (id_token);
  if (expiry <= 0)
    expiry = g_get_real_time () / G_USEC_PER_SEC + JWT_LIFETIME_S;

  /* The login token stays what it is. */
  *out_expiry = expiry;
  *out_refresh_secret = NULL;
  return g_strdup (id_token);
}

static void
carport_renault_auth_logout (CarportAuthProvider *provider)
{
  CarportRenaultAuth *self = CARPORT_RENAULT_AUTH (provider);

  clear_tfa (self);
  carport_http_clear_cookies (self->http);

  CARPORT_AUTH_PROVIDER_CLASS (carport_renault_auth_parent_class)->logout (provider);
}

/* ------------------------------------------------------------------------ */
/* CarportAuthProvider: login and the two-factor flow (api-renault.md §a.3) */

static void
login_succeeded (CarportRenaultAuth *self,
                 const char         *login_token)
{
  clear_tfa (self);
  carport_auth_provider_start_session (CARPORT_AUTH_PROVIDER (self), login_token, NULL, 0);
}

/* Ends a login with @error (taken): the pending second factor, if any, is
 * abandoned and no code is waited for. */
static void
login_failed (CarportRenaultAuth *self,
              GTask              *task,
              GError             *error)
{
  clear_tfa (self);
  carport_auth_provider_set_needs_code (CARPORT_AUTH_PROVIDER (self), FALSE);
  g_task_return_error (task, error);
}

/* The answer to one step of a login, or NULL once @task has failed and the
 * login (with its pending second factor) is abandoned. With @field, that
 * string member of the answer goes to @value and is required. */
static JsonNode *
login_step_finish (CarportRenaultAuth  *self,
                   GAsyncResult        *result,
                   GTask               *task,
                   const char          *method,
                   const char          *field,
                   const char         **value)
{
  g_autoptr(JsonNode) root = NULL;
  GError *error = NULL;

  root = gigya_call_finish (self, result, NULL, &error);
  if (root != NULL && field != NULL && (*value = carport_json_get_path_string (root, field)) == NULL)
    {
      missing_field (&error, method, field);
      g_clear_pointer (&root, json_node_unref);
    }
  if (root == NULL)
    login_failed (self, task, error);
  return g_steal_pointer (&root);
}

static void carport_renault_auth_resend_code_async (CarportAuthProvider *provider,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);

/* The answer to a code sent: its phvToken goes with the code. A first code
 * ends the login with TFA_REQUIRED; a failed new one leaves the login
 * waiting for the code sent before. */
static void
tfa_send_code_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  CarportRenaultAuth *self = CARPORT_RENAULT_AUTH (source);
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonNode) root = NULL;
  const char *phv_token = NULL;
  GError *error = NULL;

  if (g_task_get_source_tag (task) != carport_renault_auth_resend_code_async)
    root = login_step_finish (self, result, task, "accounts.tfa.email.sendVerificationCode",
                              "phvToken", &phv_token);
  else if ((root = gigya_call_finish (self, result, NULL, &error)) == NULL ||
           (phv_token = carport_json_get_path_string (root, "phvToken")) == NULL)
    {
      if (error == NULL)
        missing_field (&error, "accounts.tfa.email.sendVerificationCode", "phvToken");
      g_task_return_error (task, error);
      return;
    }
  if (root == NULL)
    return;

  clear_secret (&self->phv_token);
  self->phv_token = g_strdup (phv_token);

  if (g_task_get_source_tag (task) == carport_renault_auth_resend_code_async)
    {
      g_debug ("Two-factor login: a new code was emailed");
      g_task_return_boolean (task, TRUE);
      return;
    }

  carport_auth_provider_set_needs_code (CARPORT_AUTH_PROVIDER (self), TRUE);
  g_debug ("Two-factor login: a code was emailed");
  g_task_return_new_error (task, CARPORT_API_ERROR, CARPORT_API_ERROR_TFA_REQUIRED,
                           _("A code was sent to your email address. Enter it to finish logging in."));
}

/* Step 4 of api-renault.md §a.3: Gigya emails a code (takes @task). */
static void
send_code (CarportRenaultAuth *self,
           GTask              *task)
{
  g_autofree char *lang = g_strndup (self->locale, 2);

  gigya_call_async (self, "accounts.tfa.email.sendVerificationCode",
                    g_task_get_cancellable (task), tfa_send_code_cb, task,
                    "gigyaAssertion", self->gigya_assertion,
                    "emailID", self->tfa_email_id,
                    "lang", lang,
                    NULL);
}

static void
tfa_get_emails_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  CarportRenaultAuth *self = CARPORT_RENAULT_AUTH (source);
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonNode) root = NULL;
  GError *error = NULL;
  const char *email_id = NULL;
  JsonNode *emails;

  root = login_step_finish (self, result, task, "accounts.tfa.email.getEmails", NULL, NULL);
  if (root == NULL)
    return;

  emails = JSON_NODE_HOLDS_OBJECT (root)
    ? json_object_get_member (json_node_get_object (root), "emails") : NULL;
  if (emails != NULL && JSON_NODE_HOLDS_ARRAY (emails) &&
      json_array_get_length (json_node_get_array (emails)) > 0)
    email_id = carport_json_get_path_string (json_array_get_element (json_node_get_array (emails), 0), "id");

  if (email_id == NULL)
    {
      missing_field (&error, "accounts.tfa.email.getEmails", "emails[0].id");
      login_failed (self, task, error);
      return;
    }

  g_free (self->tfa_email_id);
  self->tfa_email_id = g_strdup (email_id);
  send_code (self, g_steal_pointer (&task));
}

static void
tfa_init_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  CarportRenaultAuth *self = CARPORT_RENAULT_AUTH (source);
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonNode) root = NULL;
  const char *assertion = NULL;

  root = login_step_finish (self, result, task, "accounts.tfa.initTFA", "gigyaAssertion", &assertion);
  if (root == NULL)
    return;

  clear_secret (&self->gigya_assertion);
  self->gigya_assertion = g_strdup (assertion);

  gigya_call_async (self, "accounts.tfa.email.getEmails",
                    g_task_get_cancellable (task), tfa_get_emails_cb, g_object_ref (task),
                    "gigyaAssertion", self->gigya_assertion,
                    NULL);
}

static void
tfa_bootstrap_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  CarportRenaultAuth *self = CARPORT_RENAULT_AUTH (source);
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonNode) root = NULL;

  /* Only the cookies matter here. */
  root = login_step_finish (self, result, task, "accounts.webSdkBootstrap", NULL, NULL);
  if (root == NULL)
    return;

  gigya_call_async (self, "accounts.tfa.initTFA",
                    g_task_get_cancellable (task), tfa_init_cb, g_object_ref (task),
                    "provider", "gigyaEmail",
                    "mode", "verify",
                    "regToken", self->reg_token,
                    NULL);
}

static void
start_tfa (CarportRenaultAuth *self,
           GTask              *task,
           const char         *reg_token)
{
  clear_secret (&self->reg_token);
  self->reg_token = g_strdup (reg_token);

  g_debug ("Gigya asks for a second factor; starting the email code flow");

  gigya_call_async (self, "accounts.webSdkBootstrap",
                    g_task_get_cancellable (task), tfa_bootstrap_cb, task,
                    NULL);
}

/* The answer to a call that needs nothing but the API key, after a login
 * refused as a wrong password: when the key is what Gigya refuses, that is
 * the login's error; otherwise the wrong password (the task's data) is. */
static void
key_checked_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  CarportRenaultAuth *self = CARPORT_RENAULT_AUTH (source);
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonNode) root = NULL;
  GError *error = NULL;

  root = gigya_call_finish (self, result, NULL, &error);
  if (g_error_matches (error, CARPORT_API_ERROR, CARPORT_API_ERROR_API_KEY))
    {
      g_debug ("Gigya refuses the API key: Renault has changed it");
      login_failed (self, task, error);
      return;
    }
  g_clear_error (&error);
  login_failed (self, task, g_error_copy (g_task_get_task_data (task)));
}

/* 403042 "invalid loginID or password" is also what accounts.login said
 * when Renault had changed the API key (api-renault.md §a.2, May 2026); every other call
 * then says 400093. One call that needs only the key tells them apart. */
static void
check_key (CarportRenaultAuth *self,
           GTask              *task,
           GError             *credentials_error)
{
  g_task_set_task_data (task, credentials_error, (GDestroyNotify) g_error_free);
  gigya_call_async (self, "accounts.webSdkBootstrap",
                    g_task_get_cancellable (task), key_checked_cb, task,
                    NULL);
}

static void
login_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  CarportRenaultAuth *self = CARPORT_RENAULT_AUTH (source);
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonNode) raw = NULL;
  g_autoptr(JsonNode) root = NULL;
  GError *error = NULL;
  const char *cookie;

  root = gigya_call_finish (self, result, &raw, &error);
  if (root == NULL)
    {
      const char *reg_token = raw ? carport_json_get_path_string (raw, "regToken") : NULL;

      if (g_error_matches (error, CARPORT_API_ERROR, CARPORT_API_ERROR_TFA_REQUIRED) &&
          reg_token != NULL)
        {
          g_clear_error (&error);
          start_tfa (self, g_steal_pointer (&task), reg_token);
          return;
        }
      if (g_error_matches (error, CARPORT_API_ERROR, CARPORT_API_ERROR_INVALID_CREDENTIALS))
        {
          check_key (self, g_steal_pointer (&task), error);
          return;
        }

      login_failed (self, task, error);
      return;
    }

  cookie = carport_json_get_path_string (root, "sessionInfo.cookieValue");
  if (cookie == NULL)
    {
      missing_field (&error, "accounts.login", "sessionInfo.cookieValue");
      login_failed (self, task, error);
      return;
    }

  g_debug ("Logged in to Gigya");
  login_succeeded (self, cookie);
  g_task_return_boolean (task, TRUE);
}

static void
carport_renault_auth_login_async (CarportAuthProvider *provider,
                                  const char          *email,
                                  const char          *password,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  CarportRenaultAuth *self = CARPORT_RENAULT_AUTH (provider);
  g_autoptr(GTask) task = NULL;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, carport_renault_auth_login_async);

  /* A new login abandons any pending second factor. */
  clear_tfa (self);
  carport_auth_provider_set_needs_code (CARPORT_AUTH_PROVIDER (self), FALSE);
  self->tfa_email = g_strdup (email);
  self->tfa_password = g_strdup (password);

  gigya_call_async (self, "accounts.login", cancellable, login_cb, g_steal_pointer (&task),
                    "loginID", email,
                    "password", password,
                    NULL);
}

static gboolean
carport_renault_auth_login_finish (CarportAuthProvider  *provider,
                                   GAsyncResult         *result,
                                   GError              **error)
{
  g_return_val_if_fail (g_task_is_valid (result, provider), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == carport_renault_auth_login_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
submit_login_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  CarportRenaultAuth *self = CARPORT_RENAULT_AUTH (source);
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonNode) root = NULL;
  const char *cookie = NULL;

  root = login_step_finish (self, result, task, "accounts.login", "sessionInfo.cookieValue", &cookie);
  if (root == NULL)
    return;

  g_debug ("Two-factor login completed");
  login_succeeded (self, cookie);
  g_task_return_boolean (task, TRUE);
}

static void
finalize_tfa_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  CarportRenaultAuth *self = CARPORT_RENAULT_AUTH (source);
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonNode) root = NULL;
  GError *error = NULL;

  root = gigya_call_finish (self, result, NULL, &error);
  if (root == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  gigya_call_async (self, "accounts.login",
                    g_task_get_cancellable (task), submit_login_cb, g_object_ref (task),
                    "loginID", self->tfa_email,
                    "password", self->tfa_password,
                    NULL);
}

static void
complete_verification_cb (GObject      *source,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  CarportRenaultAuth *self = CARPORT_RENAULT_AUTH (source);
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonNode) root = NULL;
  GError *error = NULL;
  const char *provider_assertion;

  root = gigya_call_finish (self, result, NULL, &error);
  if (root == NULL)
    {
      /* A Gigya refusal here means the code was wrong or expired;
       * transport errors and cancellation stay what they are. */
      if (error->domain == CARPORT_API_ERROR &&
          error->code != CARPORT_API_ERROR_NETWORK &&
          error->code != CARPORT_API_ERROR_TIMEOUT &&
          error->code != CARPORT_API_ERROR_INVALID_RESPONSE)
        {
          g_debug ("The emailed code was refused: %s", error->message);
          g_clear_error (&error);
          error = g_error_new (CARPORT_API_ERROR, CARPORT_API_ERROR_TFA_CODE_INVALID,
                               _("The code is wrong or has expired"));
        }
      g_task_return_error (task, error);
      return;
    }

  provider_assertion = carport_json_get_path_string (root, "providerAssertion");
  if (provider_assertion == NULL)
    {
      missing_field (&error, "accounts.tfa.email.completeVerification", "providerAssertion");
      g_task_return_error (task, error);
      return;
    }

  gigya_call_async (self, "accounts.tfa.finalizeTFA",
                    g_task_get_cancellable (task), finalize_tfa_cb, g_object_ref (task),
                    "gigyaAssertion", self->gigya_assertion,
                    "providerAssertion", provider_assertion,
                    "regToken", self->reg_token,
                    "tempDevice", "false",
                    NULL);
}

static void
carport_renault_auth_submit_code_async (CarportAuthProvider *provider,
                                        const char          *code,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  CarportRenaultAuth *self = CARPORT_RENAULT_AUTH (provider);
  g_autoptr(GTask) task = NULL;
  g_autofree char *trimmed = NULL;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, carport_renault_auth_submit_code_async);

  if (!carport_auth_provider_get_needs_code (provider) || self->gigya_assertion == NULL || self->phv_token == NULL ||
      self->tfa_password == NULL)
    {
      g_task_return_new_error (task, CARPORT_API_ERROR, CARPORT_API_ERROR_FAILED,
                               _("No login is waiting for a code; log in again"));
      return;
    }

  trimmed = g_strstrip (g_strdup (code));
  if (*trimmed == '\0')
    {
      g_task_return_new_error (task, CARPORT_API_ERROR, CARPORT_API_ERROR_TFA_CODE_INVALID,
                               _("Enter the code from the email"));
      return;
    }

  gigya_call_async (self, "accounts.tfa.email.completeVerification",
                    cancellable, complete_verification_cb, g_steal_pointer (&task),
                    "gigyaAssertion", self->gigya_assertion,
                    "phvToken", self->phv_token,
                    "code", trimmed,
                    NULL);
}

static void
carport_renault_auth_resend_code_async (CarportAuthProvider *provider,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  CarportRenaultAuth *self = CARPORT_RENAULT_AUTH (provider);
  g_autoptr(GTask) task = NULL;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, carport_renault_auth_resend_code_async);

  if (!carport_auth_provider_get_needs_code (provider) || self->gigya_assertion == NULL ||
      self->tfa_email_id == NULL)
    {
      g_task_return_new_error (task, CARPORT_API_ERROR, CARPORT_API_ERROR_FAILED,
                               _("No login is waiting for a code; log in again"));
      return;
    }

  send_code (self, g_steal_pointer (&task));
}

/* The end of submit_code and of resend_code. */
static gboolean
carport_renault_auth_code_finish (CarportAuthProvider  *provider,
                                  GAsyncResult         *result,
                                  GError              **error)
{
  g_return_val_if_fail (g_task_is_valid (result, provider), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ------------------------------------------------------------------------ */
/* GObject / GInitable */

static gboolean
carport_renault_auth_initable_init (GInitable     *initable,
                                    GCancellable  *cancellable,
                                    GError       **error)
{
  CarportRenaultAuth *self = CARPORT_RENAULT_AUTH (initable);
  const CarportRenaultLocale *entry;

  if (self->http == NULL)
    {
      g_set_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_INVALID_INPUT,
                   _("No HTTP session given"));
      return FALSE;
    }

  entry = carport_renault_locale_resolve (self->locale, CARPORT_RENAULT_SERVICE_GIGYA,
                                          &self->gigya_url, error);
  if (entry == NULL)
    return FALSE;

  g_free (self->gigya_key);
  self->gigya_key = g_strdup (entry->gigya_key);

  return TRUE;
}

static void
carport_renault_auth_initable_iface_init (GInitableIface *iface)
{
  iface->init = carport_renault_auth_initable_init;
}

static void
carport_renault_auth_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  CarportRenaultAuth *self = CARPORT_RENAULT_AUTH (object);

  switch (prop_id)
    {
    case PROP_LOCALE:
      g_value_set_string (value, self->locale);
      break;
    case PROP_HTTP:
      g_value_set_object (value, self->http);
      break;
    case PROP_GIGYA_URL:
      g_value_set_string (value, self->gigya_url);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carport_renault_auth_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  CarportRenaultAuth *self = CARPORT_RENAULT_AUTH (object);

  switch (prop_id)
    {
    case PROP_LOCALE:
      self->locale = g_value_dup_string (value);
      break;
    case PROP_HTTP:
      self->http = g_value_dup_object (value);
      break;
    case PROP_GIGYA_URL:
      self->gigya_url = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carport_renault_auth_dispose (GObject *object)
{
  CarportRenaultAuth *self = CARPORT_RENAULT_AUTH (object);

  g_clear_object (&self->http);

  G_OBJECT_CLASS (carport_renault_auth_parent_class)->dispose (object);
}

static void
carport_renault_auth_finalize (GObject *object)
{
  CarportRenaultAuth *self = CARPORT_RENAULT_AUTH (object);

  clear_tfa (self);
  g_free (self->locale);
  g_free (self->gigya_url);
  g_free (self->gigya_key);

  G_OBJECT_CLASS (carport_renault_auth_parent_class)->finalize (object);
}

static void
carport_renault_auth_class_init (CarportRenaultAuthClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  CarportAuthProviderClass *provider_class = CARPORT_AUTH_PROVIDER_CLASS (klass);

  object_class->get_property = carport_renault_auth_get_property;
  object_class->set_property = carport_renault_auth_set_property;
  object_class->dispose = carport_renault_auth_dispose;
  object_class->finalize = carport_renault_auth_finalize;

  properties[PROP_LOCALE] =
    g_param_spec_string ("locale", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HTTP] =
    g_param_spec_object ("http", NULL, NULL,
                         CARPORT_TYPE_HTTP,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_GIGYA_URL] =
    g_param_spec_string ("gigya-url", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The person id needs only the login token: login token → person id and JWT. */
  provider_class->person_id_first = TRUE;
  provider_class->login_async = carport_renault_auth_login_async;
  provider_class->login_finish = carport_renault_auth_login_finish;
  provider_class->submit_code_async = carport_renault_auth_submit_code_async;
  provider_class->submit_code_finish = carport_renault_auth_code_finish;
  provider_class->resend_code_async = carport_renault_auth_resend_code_async;
  provider_class->resend_code_finish = carport_renault_auth_code_finish;
  provider_class->mint_token_async = carport_renault_auth_mint_token_async;
  provider_class->mint_token_finish = carport_renault_auth_mint_token_finish;
  provider_class->fetch_person_id_async = carport_renault_auth_fetch_person_id_async;
  provider_class->fetch_person_id_finish = carport_renault_auth_fetch_person_id_finish;
  provider_class->logout = carport_renault_auth_logout;
}

static void
carport_renault_auth_init (CarportRenaultAuth *self)
{
}

CarportRenaultAuth *
carport_renault_auth_new (CarportHttp  *http,
                          const char   *locale,
                          GError      **error)
{
  g_return_val_if_fail (CARPORT_IS_HTTP (http), NULL);
  g_return_val_if_fail (locale != NULL, NULL);

  return g_initable_new (CARPORT_TYPE_RENAULT_AUTH, NULL, error,
                         "http", http,
                         "locale", locale,
                         NULL);
}

CarportRenaultAuth *
carport_renault_auth_new_for_url (CarportHttp  *http,
                                  const char   *locale,
                                  const char   *gigya_url,
                                  GError      **error)
{
  g_return_val_if_fail (CARPORT_IS_HTTP (http), NULL);
  g_return_val_if_fail (locale != NULL, NULL);

  return g_initable_new (CARPORT_TYPE_RENAULT_AUTH, NULL, error,
                         "http", http,
                         "locale", locale,
                         "gigya-url", gigya_url,
                         NULL);
}

const char *
carport_renault_auth_get_locale (CarportRenaultAuth *self)
{
  g_return_val_if_fail (CARPORT_IS_RENAULT_AUTH (self), NULL);

  return self->locale;
}

CarportHttp *
carport_renault_auth_get_http (CarportRenaultAuth *self)
{
  g_return_val_if_fail (CARPORT_IS_RENAULT_AUTH (self), NULL);

  return self->http;
}

const char *
carport_renault_auth_get_gigya_url (CarportRenaultAuth *self)
{
  g_return_val_if_fail (CARPORT_IS_RENAULT_AUTH (self), NULL);

  return self->gigya_url;
}
