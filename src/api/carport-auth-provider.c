/* carport-auth-provider.c — how a brand logs in and hands out access tokens.
 *
 * The token bookkeeping every brand shares: the refresh secret, the access
 * token and when it must be renewed, the person id, and one "ensure" flow
 * that mints the token and looks the person id up for every caller waiting
 * meanwhile (each get_token / get_person_id caller is queued as a waiter).
 *
 * Secrets (refresh secret, access tokens) are never logged and are wiped
 * when dropped. */
#include "config.h"

#define G_LOG_DOMAIN "carport-api"

#include <glib/gi18n.h>

#include <string.h>

#include "carport-auth-provider.h"
#include "carport-api-error.h"
#include "carport-jwt.h"

#define RENEW_MARGIN_S 60

typedef struct
{
  /* Secrets: never logged. */
  char         *refresh_secret;
  char         *access_token;
  gint64        fresh_until;      /* seconds since the epoch: renewed from then on */
  char         *person_id;
  gboolean      needs_code;

  guint         generation;       /* bumped when the refresh secret changes */
  GCancellable *cancellable;      /* owned: internal calls; cancelled on logout */

  /* The shared mint. */
  GPtrArray    *waiters;          /* Waiter*, owned */
  gboolean      ensure_running;
  gboolean      just_minted;      /* this round minted a token: hand it out even
                                   * when it is within the margin (short-lived) */
  gboolean      person_retried;   /* the person lookup was refused once */
  gboolean      minting;          /* a mint is in flight */
  gboolean      fetching_person;  /* a person id lookup is in flight */
  GError       *round_error;      /* the round failed; said once nothing is in flight */
} CarportAuthProviderPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (CarportAuthProvider, carport_auth_provider, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_REFRESH_SECRET,
  PROP_NEEDS_CODE,
  PROP_PERSON_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

void
carport_secret_free (char *secret)
{
  if (secret == NULL)
    return;
  explicit_bzero (secret, strlen (secret));
  g_free (secret);
}

#define clear_secret(pp) G_STMT_START { carport_secret_free (*(pp)); *(pp) = NULL; } G_STMT_END

static gint64
now_s (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

static gboolean
access_is_fresh (CarportAuthProviderPrivate *priv)
{
  return priv->access_token != NULL && priv->fresh_until > now_s ();
}

/* Keeps @token (taken) until @expiry, renewed a bit early. */
static void
take_access_token (CarportAuthProvider *self,
                   char                *token,
                   gint64               expiry)
{
  CarportAuthProviderPrivate *priv = carport_auth_provider_get_instance_private (self);
  gint64 lifetime = expiry - now_s ();

  clear_secret (&priv->access_token);
  priv->access_token = token;
  priv->fresh_until = expiry - CARPORT_AUTH_PROVIDER_GET_CLASS (self)->renew_margin (self, lifetime);
}

static void
drop_access_token (CarportAuthProvider *self)
{
  CarportAuthProviderPrivate *priv = carport_auth_provider_get_instance_private (self);

  clear_secret (&priv->access_token);
  priv->fresh_until = 0;
}

static void
set_person_id (CarportAuthProvider *self,
               const char          *person_id)
{
  CarportAuthProviderPrivate *priv = carport_auth_provider_get_instance_private (self);

  if (g_strcmp0 (priv->person_id, person_id) == 0)
    return;

  g_free (priv->person_id);
  priv->person_id = g_strdup (person_id);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PERSON_ID]);
}

/* The access token and the person id belong to the account of the refresh
 * secret: they go with it. */
static void
forget_session (CarportAuthProvider *self)
{
  drop_access_token (self);
  set_person_id (self, NULL);
}

/* Replaces the refresh secret, keeping the session (the server handed out a
 * new one for the same account). */
static void
replace_refresh_secret (CarportAuthProvider *self,
                        const char          *secret)
{
  CarportAuthProviderPrivate *priv = carport_auth_provider_get_instance_private (self);

  if (g_strcmp0 (priv->refresh_secret, secret) == 0)
    return;

  clear_secret (&priv->refresh_secret);
  priv->refresh_secret = g_strdup (secret);
  priv->generation++;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REFRESH_SECRET]);
}

/* Another refresh secret (another account, or none): the session goes. */
static void
set_refresh_secret (CarportAuthProvider *self,
                    const char          *secret)
{
  CarportAuthProviderPrivate *priv = carport_auth_provider_get_instance_private (self);

  if (g_strcmp0 (priv->refresh_secret, secret) == 0)
    return;

  g_object_freeze_notify (G_OBJECT (self));
  forget_session (self);
  replace_refresh_secret (self, secret);
  g_object_thaw_notify (G_OBJECT (self));
}

/* ------------------------------------------------------------------------ */
/* The shared mint ("ensure"): a fresh access token and the person id, in the
 * order the brand needs them. */

typedef struct {
  CarportAuthProvider *self;          /* borrowed: the task holds a ref */
  GTask               *task;          /* owned */
  GSource             *cancel_source; /* owned, nullable */
  gboolean             wants_token;
} Waiter;

static void
waiter_free (Waiter *waiter)
{
  if (waiter->cancel_source != NULL)
    {
      g_source_destroy (waiter->cancel_source);
      g_source_unref (waiter->cancel_source);
    }
  g_clear_object (&waiter->task);
  g_free (waiter);
}

static gboolean
waiter_cancelled_cb (GCancellable *cancellable,
                     gpointer      user_data)
{
  Waiter *waiter = user_data;
  CarportAuthProviderPrivate *priv = carport_auth_provider_get_instance_private (waiter->self);
  g_autoptr(GTask) task = g_object_ref (waiter->task);

  /* Frees the waiter (and destroys this source). */
  g_ptr_array_remove (priv->waiters, waiter);
  g_task_return_error_if_cancelled (task);

  return G_SOURCE_REMOVE;
}

static void
complete_waiters (CarportAuthProvider *self,
                  const GError        *error)
{
  CarportAuthProviderPrivate *priv = carport_auth_provider_get_instance_private (self);
  g_autoptr(GPtrArray) waiters = g_steal_pointer (&priv->waiters);

  priv->waiters = g_ptr_array_new_with_free_func ((GDestroyNotify) waiter_free);
  priv->ensure_running = FALSE;
  priv->just_minted = FALSE;
  priv->person_retried = FALSE;

  for (guint i = 0; i < waiters->len; i++)
    {
      Waiter *waiter = g_ptr_array_index (waiters, i);

      if (waiter->cancel_source != NULL)
        {
          g_source_destroy (waiter->cancel_source);
          g_clear_pointer (&waiter->cancel_source, g_source_unref);
        }

      if (g_task_return_error_if_cancelled (waiter->task))
        continue;

      if (error != NULL)
        g_task_return_error (waiter->task, g_error_copy (error));
      else if (waiter->wants_token)
        g_task_return_pointer (waiter->task, g_strdup (priv->access_token), g_free);
      else
        g_task_return_pointer (waiter->task, g_strdup (priv->person_id), g_free);
    }
}

/* Ends the round with @error; when the refresh secret is no good any more,
 * it goes (refresh-secret notified) and a new login is needed. */
static void
ensure_failed (CarportAuthProvider *self,
               const GError        *error)
{
  if (g_error_matches (error, CARPORT_API_ERROR, CARPORT_API_ERROR_LOGIN_EXPIRED))
    {
      g_debug ("The login expired; a new login is needed");
      set_refresh_secret (self, NULL);
    }

  complete_waiters (self, error);
}

static void ensure_step (CarportAuthProvider *self);

/* A request of the round failed with @error (taken): the round ends with the
 * first failure once the other request, if any, is back too (nothing of the
 * round outlives it). */
static void
round_failed (CarportAuthProvider *self,
              GError              *error)
{
  CarportAuthProviderPrivate *priv = carport_auth_provider_get_instance_private (self);

  if (priv->round_error == NULL)
    priv->round_error = error;
  else
    g_error_free (error);
  ensure_step (self);
}

static void
mint_token_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  CarportAuthProvider *self = CARPORT_AUTH_PROVIDER (source);
  CarportAuthProviderPrivate *priv = carport_auth_provider_get_instance_private (self);
  g_autoptr(GError) error = NULL;
  char *token;
  char *new_secret = NULL;
  gint64 expiry = 0;

  priv->minting = FALSE;
  token = CARPORT_AUTH_PROVIDER_GET_CLASS (self)->mint_token_finish (self, result, &expiry, &new_secret, &error);

  if (GPOINTER_TO_UINT (user_data) != priv->generation)
    {
      /* Logged out or in again meanwhile: start over with the new state. */
      carport_secret_free (token);
      carport_secret_free (new_secret);
      ensure_step (self);
      return;
    }

  if (token == NULL)
    {
      round_failed (self, g_steal_pointer (&error));
      return;
    }

  g_debug ("Minted a new access token, valid for %" G_GINT64_FORMAT " s", expiry - now_s ());
  take_access_token (self, token, expiry);
  priv->just_minted = TRUE;

  /* Without a new refresh secret the old one stays. */
  if (new_secret != NULL)
    replace_refresh_secret (self, new_secret);
  carport_secret_free (new_secret);

  ensure_step (self);
}

static void
fetch_person_id_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  CarportAuthProvider *self = CARPORT_AUTH_PROVIDER (source);
  CarportAuthProviderPrivate *priv = carport_auth_provider_get_instance_private (self);
  g_autoptr(GError) error = NULL;
  g_autofree char *person_id = NULL;

  priv->fetching_person = FALSE;
  person_id = CARPORT_AUTH_PROVIDER_GET_CLASS (self)->fetch_person_id_finish (self, result, &error);

  if (GPOINTER_TO_UINT (user_data) != priv->generation)
    {
      ensure_step (self);
      return;
    }

  if (person_id == NULL)
    {
      if (g_error_matches (error, CARPORT_API_ERROR, CARPORT_API_ERROR_UNAUTHORIZED) && !priv->person_retried)
        {
          /* The access token was refused: once more with a new one. */
          priv->person_retried = TRUE;
          drop_access_token (self);
          ensure_step (self);
          return;
        }

      round_failed (self, g_steal_pointer (&error));
      return;
    }

  set_person_id (self, person_id);
  ensure_step (self);
}

static gboolean
waiters_want (CarportAuthProvider *self,
              gboolean             token)
{
  CarportAuthProviderPrivate *priv = carport_auth_provider_get_instance_private (self);

  for (guint i = 0; i < priv->waiters->len; i++)
    {
      Waiter *waiter = g_ptr_array_index (priv->waiters, i);

      if (waiter->wants_token == token)
        return TRUE;
    }

  return FALSE;
}

static void
fetch_person_id (CarportAuthProvider *self)
{
  CarportAuthProviderPrivate *priv = carport_auth_provider_get_instance_private (self);

  priv->fetching_person = TRUE;
  CARPORT_AUTH_PROVIDER_GET_CLASS (self)->fetch_person_id_async (self, priv->refresh_secret, priv->access_token,
                                                                 priv->cancellable, fetch_person_id_cb,
                                                                 GUINT_TO_POINTER (priv->generation));
}

static void
mint_token (CarportAuthProvider *self)
{
  CarportAuthProviderPrivate *priv = carport_auth_provider_get_instance_private (self);

  priv->minting = TRUE;
  CARPORT_AUTH_PROVIDER_GET_CLASS (self)->mint_token_async (self, priv->refresh_secret, priv->cancellable,
                                                            mint_token_cb, GUINT_TO_POINTER (priv->generation));
}

/* No token, or one to renew (unless this round just minted it). */
static gboolean
token_needed (CarportAuthProviderPrivate *priv)
{
  return priv->access_token == NULL || (!access_is_fresh (priv) && !priv->just_minted);
}

static void
ensure_step (CarportAuthProvider *self)
{
  CarportAuthProviderPrivate *priv = carport_auth_provider_get_instance_private (self);
  CarportAuthProviderClass *klass = CARPORT_AUTH_PROVIDER_GET_CLASS (self);

  priv->ensure_running = TRUE;

  /* Both requests of a round may run at once: the next step waits for both. */
  if (priv->minting || priv->fetching_person)
    return;

  if (priv->round_error != NULL)
    {
      g_autoptr(GError) error = g_steal_pointer (&priv->round_error);

      ensure_failed (self, error);
      return;
    }

  if (priv->waiters->len == 0)
    {
      /* Every caller went away (cancelled); nothing left to do. */
      priv->ensure_running = FALSE;
      priv->just_minted = FALSE;
      priv->person_retried = FALSE;
      return;
    }

  if (priv->refresh_secret == NULL && !access_is_fresh (priv))
    {
      g_autoptr(GError) error = g_error_new (CARPORT_API_ERROR, CARPORT_API_ERROR_LOGIN_EXPIRED,
                                             _("You are not logged in"));
      complete_waiters (self, error);
      return;
    }

  if (klass->person_id_first && priv->person_id == NULL)
    {
      fetch_person_id (self);
      /* The lookup needs only the refresh secret, and a token is what is
       * asked for next: it is minted meanwhile, a round trip sooner. */
      if (priv->refresh_secret != NULL && token_needed (priv))
        mint_token (self);
      return;
    }

  if ((!klass->person_id_first || waiters_want (self, TRUE)) && token_needed (priv))
    {
      mint_token (self);
      return;
    }

  if (priv->person_id == NULL && waiters_want (self, FALSE))
    {
      fetch_person_id (self);
      return;
    }

  complete_waiters (self, NULL);
}

static void
add_waiter (CarportAuthProvider *self,
            GTask               *task,
            gboolean             wants_token)
{
  CarportAuthProviderPrivate *priv = carport_auth_provider_get_instance_private (self);
  Waiter *waiter = g_new0 (Waiter, 1);
  GCancellable *cancellable = g_task_get_cancellable (task);

  waiter->self = self;
  waiter->task = g_object_ref (task);
  waiter->wants_token = wants_token;

  if (cancellable != NULL)
    {
      waiter->cancel_source = g_cancellable_source_new (cancellable);
      g_source_set_callback (waiter->cancel_source, G_SOURCE_FUNC (waiter_cancelled_cb),
                             waiter, NULL);
      g_source_attach (waiter->cancel_source, g_task_get_context (task));
    }

  g_ptr_array_add (priv->waiters, waiter);

  if (!priv->ensure_running)
    ensure_step (self);
}

/* ------------------------------------------------------------------------ */
/* Public API */

void
carport_auth_provider_login_async (CarportAuthProvider *self,
                                   const char          *email,
                                   const char          *password,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (CARPORT_IS_AUTH_PROVIDER (self));
  g_return_if_fail (email != NULL);
  g_return_if_fail (password != NULL);

  CARPORT_AUTH_PROVIDER_GET_CLASS (self)->login_async (self, email, password, cancellable, callback, user_data);
}

gboolean
carport_auth_provider_login_finish (CarportAuthProvider  *self,
                                    GAsyncResult         *result,
                                    GError              **error)
{
  g_return_val_if_fail (CARPORT_IS_AUTH_PROVIDER (self), FALSE);

  return CARPORT_AUTH_PROVIDER_GET_CLASS (self)->login_finish (self, result, error);
}

void
carport_auth_provider_submit_code_async (CarportAuthProvider *self,
                                         const char          *code,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  g_return_if_fail (CARPORT_IS_AUTH_PROVIDER (self));
  g_return_if_fail (code != NULL);

  CARPORT_AUTH_PROVIDER_GET_CLASS (self)->submit_code_async (self, code, cancellable, callback, user_data);
}

gboolean
carport_auth_provider_submit_code_finish (CarportAuthProvider  *self,
                                          GAsyncResult         *result,
                                          GError              **error)
{
  g_return_val_if_fail (CARPORT_IS_AUTH_PROVIDER (self), FALSE);

  return CARPORT_AUTH_PROVIDER_GET_CLASS (self)->submit_code_finish (self, result, error);
}

void
carport_auth_provider_resend_code_async (CarportAuthProvider *self,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  g_return_if_fail (CARPORT_IS_AUTH_PROVIDER (self));

  CARPORT_AUTH_PROVIDER_GET_CLASS (self)->resend_code_async (self, cancellable, callback, user_data);
}

gboolean
carport_auth_provider_resend_code_finish (CarportAuthProvider  *self,
                                          GAsyncResult         *result,
                                          GError              **error)
{
  g_return_val_if_fail (CARPORT_IS_AUTH_PROVIDER (self), FALSE);

  return CARPORT_AUTH_PROVIDER_GET_CLASS (self)->resend_code_finish (self, result, error);
}

void
carport_auth_provider_get_token_async (CarportAuthProvider *self,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  CarportAuthProviderPrivate *priv = carport_auth_provider_get_instance_private (self);
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CARPORT_IS_AUTH_PROVIDER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, carport_auth_provider_get_token_async);

  if (g_task_return_error_if_cancelled (task))
    return;

  if (access_is_fresh (priv))
    {
      g_task_return_pointer (task, g_strdup (priv->access_token), g_free);
      return;
    }

  add_waiter (self, task, TRUE);
}

char *
carport_auth_provider_get_token_finish (CarportAuthProvider  *self,
                                        GAsyncResult         *result,
                                        GError              **error)
{
  g_return_val_if_fail (CARPORT_IS_AUTH_PROVIDER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == carport_auth_provider_get_token_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
carport_auth_provider_get_person_id_async (CarportAuthProvider *self,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  CarportAuthProviderPrivate *priv = carport_auth_provider_get_instance_private (self);
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CARPORT_IS_AUTH_PROVIDER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, carport_auth_provider_get_person_id_async);

  if (g_task_return_error_if_cancelled (task))
    return;

  if (priv->person_id != NULL && (priv->refresh_secret != NULL || access_is_fresh (priv)))
    {
      g_task_return_pointer (task, g_strdup (priv->person_id), g_free);
      return;
    }

  add_waiter (self, task, FALSE);
}

char *
carport_auth_provider_get_person_id_finish (CarportAuthProvider  *self,
                                            GAsyncResult         *result,
                                            GError              **error)
{
  g_return_val_if_fail (CARPORT_IS_AUTH_PROVIDER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == carport_auth_provider_get_person_id_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
carport_auth_provider_invalidate_token (CarportAuthProvider *self)
{
  g_return_if_fail (CARPORT_IS_AUTH_PROVIDER (self));

  drop_access_token (self);
}

void
carport_auth_provider_logout (CarportAuthProvider *self)
{
  g_return_if_fail (CARPORT_IS_AUTH_PROVIDER (self));

  CARPORT_AUTH_PROVIDER_GET_CLASS (self)->logout (self);
}

char *
carport_auth_provider_dup_access_token (CarportAuthProvider *self)
{
  CarportAuthProviderPrivate *priv = carport_auth_provider_get_instance_private (self);

  g_return_val_if_fail (CARPORT_IS_AUTH_PROVIDER (self), NULL);

  return access_is_fresh (priv) ? g_strdup (priv->access_token) : NULL;
}

void
carport_auth_provider_restore_session (CarportAuthProvider *self,
                                       const char          *person_id,
                                       const char          *access_token)
{
  CarportAuthProviderPrivate *priv = carport_auth_provider_get_instance_private (self);

  g_return_if_fail (CARPORT_IS_AUTH_PROVIDER (self));

  /* Only meaningful on top of a refresh secret (set refresh-secret first). */
  if (priv->refresh_secret == NULL)
    return;

  if (person_id != NULL && *person_id != '\0')
    set_person_id (self, person_id);

  if (access_token != NULL && *access_token != '\0')
    {
      gint64 expiry = CARPORT_AUTH_PROVIDER_GET_CLASS (self)->kept_token_expiry (self, access_token);

      if (expiry - RENEW_MARGIN_S > now_s ())
        take_access_token (self, g_strdup (access_token), expiry);
    }
}

char *
carport_auth_provider_dup_refresh_secret (CarportAuthProvider *self)
{
  CarportAuthProviderPrivate *priv = carport_auth_provider_get_instance_private (self);

  g_return_val_if_fail (CARPORT_IS_AUTH_PROVIDER (self), NULL);

  return g_strdup (priv->refresh_secret);
}

void
carport_auth_provider_set_refresh_secret (CarportAuthProvider *self,
                                          const char          *secret)
{
  g_return_if_fail (CARPORT_IS_AUTH_PROVIDER (self));

  set_refresh_secret (self, secret != NULL && *secret != '\0' ? secret : NULL);
}

gboolean
carport_auth_provider_get_needs_code (CarportAuthProvider *self)
{
  CarportAuthProviderPrivate *priv = carport_auth_provider_get_instance_private (self);

  g_return_val_if_fail (CARPORT_IS_AUTH_PROVIDER (self), FALSE);

  return priv->needs_code;
}

char *
carport_auth_provider_dup_person_id (CarportAuthProvider *self)
{
  CarportAuthProviderPrivate *priv = carport_auth_provider_get_instance_private (self);

  g_return_val_if_fail (CARPORT_IS_AUTH_PROVIDER (self), NULL);

  return g_strdup (priv->person_id);
}

/* ------------------------------------------------------------------------ */
/* For subclasses */

void
carport_auth_provider_start_session (CarportAuthProvider *self,
                                     const char          *refresh_secret,
                                     const char          *access_token,
                                     gint64               access_expiry)
{
  g_return_if_fail (CARPORT_IS_AUTH_PROVIDER (self));

  g_object_freeze_notify (G_OBJECT (self));
  /* A fresh login: forget the old account's tokens and person id. */
  set_refresh_secret (self, NULL);
  set_refresh_secret (self, refresh_secret);
  if (access_token != NULL)
    take_access_token (self, g_strdup (access_token), access_expiry);
  carport_auth_provider_set_needs_code (self, FALSE);
  g_object_thaw_notify (G_OBJECT (self));
}

void
carport_auth_provider_set_needs_code (CarportAuthProvider *self,
                                      gboolean             needs_code)
{
  CarportAuthProviderPrivate *priv = carport_auth_provider_get_instance_private (self);

  g_return_if_fail (CARPORT_IS_AUTH_PROVIDER (self));

  needs_code = !!needs_code;
  if (priv->needs_code == needs_code)
    return;

  priv->needs_code = needs_code;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NEEDS_CODE]);
}

/* ------------------------------------------------------------------------ */
/* Defaults */

static void
carport_auth_provider_real_submit_code_async (CarportAuthProvider *self,
                                              const char          *code,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data)
{
  g_task_report_new_error (self, callback, user_data, carport_auth_provider_real_submit_code_async,
                           CARPORT_API_ERROR, CARPORT_API_ERROR_TFA_CODE_INVALID,
                           _("No login is waiting for a code; log in again"));
}

/* Also the end of the default resend_code. */
static gboolean
carport_auth_provider_real_submit_code_finish (CarportAuthProvider  *self,
                                               GAsyncResult         *result,
                                               GError              **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
carport_auth_provider_real_resend_code_async (CarportAuthProvider *self,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data)
{
  g_task_report_new_error (self, callback, user_data, carport_auth_provider_real_resend_code_async,
                           CARPORT_API_ERROR, CARPORT_API_ERROR_FAILED,
                           _("No login is waiting for a code; log in again"));
}

static gint64
carport_auth_provider_real_renew_margin (CarportAuthProvider *self,
                                         gint64               lifetime)
{
  return RENEW_MARGIN_S;
}

static gint64
carport_auth_provider_real_kept_token_expiry (CarportAuthProvider *self,
                                              const char          *access_token)
{
  return carport_jwt_get_expiry (access_token);
}

static void
carport_auth_provider_real_logout (CarportAuthProvider *self)
{
  CarportAuthProviderPrivate *priv = carport_auth_provider_get_instance_private (self);

  g_cancellable_cancel (priv->cancellable);
  g_clear_object (&priv->cancellable);
  priv->cancellable = g_cancellable_new ();

  g_object_freeze_notify (G_OBJECT (self));
  carport_auth_provider_set_needs_code (self, FALSE);
  set_refresh_secret (self, NULL);
  forget_session (self);
  priv->generation++;
  g_object_thaw_notify (G_OBJECT (self));
}

/* ------------------------------------------------------------------------ */
/* GObject */

static void
carport_auth_provider_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  CarportAuthProvider *self = CARPORT_AUTH_PROVIDER (object);
  CarportAuthProviderPrivate *priv = carport_auth_provider_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_REFRESH_SECRET:
      g_value_set_string (value, priv->refresh_secret);
      break;
    case PROP_NEEDS_CODE:
      g_value_set_boolean (value, priv->needs_code);
      break;
    case PROP_PERSON_ID:
      g_value_set_string (value, priv->person_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carport_auth_provider_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  CarportAuthProvider *self = CARPORT_AUTH_PROVIDER (object);

  switch (prop_id)
    {
    case PROP_REFRESH_SECRET:
      carport_auth_provider_set_refresh_secret (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carport_auth_provider_dispose (GObject *object)
{
  CarportAuthProvider *self = CARPORT_AUTH_PROVIDER (object);
  CarportAuthProviderPrivate *priv = carport_auth_provider_get_instance_private (self);

  if (priv->cancellable != NULL)
    g_cancellable_cancel (priv->cancellable);
  g_clear_object (&priv->cancellable);

  G_OBJECT_CLASS (carport_auth_provider_parent_class)->dispose (object);
}

static void
carport_auth_provider_finalize (GObject *object)
{
  CarportAuthProvider *self = CARPORT_AUTH_PROVIDER (object);
  CarportAuthProviderPrivate *priv = carport_auth_provider_get_instance_private (self);

  clear_secret (&priv->refresh_secret);
  clear_secret (&priv->access_token);
  g_clear_pointer (&priv->waiters, g_ptr_array_unref);
  g_free (priv->person_id);

  G_OBJECT_CLASS (carport_auth_provider_parent_class)->finalize (object);
}

static void
carport_auth_provider_class_init (CarportAuthProviderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = carport_auth_provider_get_property;
  object_class->set_property = carport_auth_provider_set_property;
  object_class->dispose = carport_auth_provider_dispose;
  object_class->finalize = carport_auth_provider_finalize;

  klass->submit_code_async = carport_auth_provider_real_submit_code_async;
  klass->submit_code_finish = carport_auth_provider_real_submit_code_finish;
  klass->resend_code_async = carport_auth_provider_real_resend_code_async;
  klass->resend_code_finish = carport_auth_provider_real_submit_code_finish;
  klass->renew_margin = carport_auth_provider_real_renew_margin;
  klass->kept_token_expiry = carport_auth_provider_real_kept_token_expiry;
  klass->logout = carport_auth_provider_real_logout;

  properties[PROP_REFRESH_SECRET] =
    g_param_spec_string ("refresh-secret", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NEEDS_CODE] =
    g_param_spec_boolean ("needs-code", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PERSON_ID] =
    g_param_spec_string ("person-id", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
carport_auth_provider_init (CarportAuthProvider *self)
{
  CarportAuthProviderPrivate *priv = carport_auth_provider_get_instance_private (self);

  priv->cancellable = g_cancellable_new ();
  priv->waiters = g_ptr_array_new_with_free_func ((GDestroyNotify) waiter_free);
}
