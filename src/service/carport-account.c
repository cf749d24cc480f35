/* carport-account.c — one login: its state, cars, refreshes, commands and events.
 *
 * The account owns the brand's auth provider and car client (made by the
 * brand registry); it keeps its login token (and the current access token, to
 * spare a request at the next start) in its own keyring item, keyed by brand
 * and email, and its cars' last known state in the cache under its owner key. */
#define G_LOG_DOMAIN "carport-service"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "carport-account-private.h"
#include "carport-task-steps.h"
#include "carport-service-enum-types.h"
#include "carport-credential-store.h"
#include "carport-state-cache.h"
#include "carport-http.h"
#include "carport-brand.h"
#include "carport-api-error.h"

/* How long polling stops after the server says "quota reached" (api-renault.md §f.3). */
#define QUOTA_BACK_OFF_SECONDS (15 * 60)
#define DEFAULT_POLL_INTERVAL_MS 1000


G_DEFINE_FINAL_TYPE (CarportAccount, carport_account, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_HTTP,
  PROP_STORE,
  PROP_CACHE,
  PROP_SERVICE_ROOTS,
  PROP_BRAND_ID,
  PROP_LOCALE,
  PROP_EMAIL,
  PROP_STATE,
  PROP_VEHICLES,
  PROP_NEEDS_CODE,
  PROP_COMMAND_TIMEOUT,
  PROP_POLL_INTERVAL,
  PROP_BUSY,
  PROP_LOGIN_STEP,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];
guint carport_account_signals[CARPORT_ACCOUNT_N_SIGNALS];

/* ----------------------------------------------------------------------- */
/* Small helpers                                                           */

void
carport_account_set_state (CarportAccount      *self,
           CarportSessionState  state)
{
  if (self->state == state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
set_login_step (CarportAccount   *self,
                CarportLoginStep  step)
{
  if (self->login_step == step)
    return;
  self->login_step = step;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOGIN_STEP]);
}

void
carport_account_busy_push (CarportAccount *self)
{
  if (self->busy++ == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

void
carport_account_busy_pop (CarportAccount *self)
{
  g_return_if_fail (self->busy > 0);
  if (--self->busy == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
wipe_string (char **secret)
{
  if (*secret)
    {
      explicit_bzero (*secret, strlen (*secret));
      g_clear_pointer (secret, g_free);
    }
}

static void
wipe_password (CarportAccount *self)
{
  wipe_string (&self->password);
}

gboolean
carport_account_quota_blocked (CarportAccount  *self,
               GError         **error)
{
  gint64 now = g_get_monotonic_time ();

  if (self->quota_until == 0 || now >= self->quota_until)
    return FALSE;

  g_set_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_QUOTA_LIMIT,
               g_dngettext (GETTEXT_PACKAGE,
                            "The car maker's servers limit how often a car can be asked. Carport will try again in %d minute.",
                            "The car maker's servers limit how often a car can be asked. Carport will try again in %d minutes.",
                            (gulong) ((self->quota_until - now) / G_USEC_PER_SEC / 60 + 1)),
               (int) ((self->quota_until - now) / G_USEC_PER_SEC / 60 + 1));
  return TRUE;
}

void
carport_account_note_error (CarportAccount *self,
            const GError   *error)
{
  if (g_error_matches (error, CARPORT_API_ERROR, CARPORT_API_ERROR_QUOTA_LIMIT))
    self->quota_until = g_get_monotonic_time () + (gint64) QUOTA_BACK_OFF_SECONDS * G_USEC_PER_SEC;
}

/* The stored secret: the brand's long-lived token plus what spares requests at
 * the next start (the person id and the current access token), as GVariant
 * text. A plain string (older format) is taken as the token alone. */
static char *
pack_secret (CarportAccount *self)
{
  g_autofree char *token = carport_auth_provider_dup_refresh_secret (self->auth);
  g_autofree char *person = carport_auth_provider_dup_person_id (self->auth);
  /* Some brands' rules keep nothing but the long-lived token (Nissan). */
  g_autofree char *access = self->info->keep_access_token
                            ? carport_auth_provider_dup_access_token (self->auth) : NULL;
  GVariantBuilder builder;
  g_autoptr(GVariant) variant = NULL;

  if (!token)
    return NULL;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{ss}"));
  g_variant_builder_add (&builder, "{ss}", "login-token", token);
  if (person)
    g_variant_builder_add (&builder, "{ss}", "person-id", person);
  if (access)
    g_variant_builder_add (&builder, "{ss}", "access-token", access);
  variant = g_variant_ref_sink (g_variant_builder_end (&builder));
  return g_variant_print (variant, FALSE);
}

static void
unpack_secret (CarportAccount *self,
               const char     *secret)
{
  g_autoptr(GVariant) variant = g_variant_parse (G_VARIANT_TYPE ("a{ss}"), secret, NULL, NULL, NULL);
  const char *token = NULL, *person = NULL, *access = NULL;

  if (!variant)
    {
      carport_auth_provider_set_refresh_secret (self->auth, secret);
      return;
    }
  g_variant_lookup (variant, "login-token", "&s", &token);
  g_variant_lookup (variant, "person-id", "&s", &person);
  g_variant_lookup (variant, "access-token", "&s", &access);
  carport_auth_provider_set_refresh_secret (self->auth, token);
  carport_auth_provider_restore_session (self->auth, person, access);
  /* What the store holds already: a refresh that keeps using this token
   * must not write the keyring again. */
  wipe_string (&self->saved_access);
  self->saved_access = g_strdup (access);
}

void
carport_account_write_started (CarportAccount *self)
{
  self->pending_writes++;
}

void
carport_account_write_done (CarportAccount *self)
{
  g_autoptr(GPtrArray) waiters = NULL;

  g_return_if_fail (self->pending_writes > 0);
  if (--self->pending_writes > 0)
    return;
  waiters = g_steal_pointer (&self->flush_waiters);
  self->flush_waiters = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < waiters->len; i++)
    g_task_return_boolean (g_ptr_array_index (waiters, i), TRUE);
}

static void
stored_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(CarportAccount) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!carport_credential_store_store_finish (CARPORT_CREDENTIAL_STORE (source), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_message ("Could not keep the login: %s", error->message);
  carport_account_write_done (self);
}

static void
save_credentials (CarportAccount *self)
{
  g_autoptr(CarportCredentials) credentials = NULL;
  g_autofree char *secret = NULL;

  if (!self->auth || !self->email)
    return;
  secret = pack_secret (self);
  if (!secret)
    return;

  credentials = carport_credentials_new (self->brand_id, self->locale, self->email, secret);
  explicit_bzero (secret, strlen (secret));
  wipe_string (&self->saved_access);
  self->saved_access = carport_auth_provider_dup_access_token (self->auth);
  carport_account_write_started (self);
  carport_credential_store_store_async (self->store, credentials, self->cancellable, stored_cb,
                                        g_object_ref (self));
}

/* After a refresh: a newly minted access token is kept for the next start. */
void
carport_account_save_credentials_if_renewed (CarportAccount *self)
{
  g_autofree char *access = NULL;

  if (!self->auth || self->state != CARPORT_SESSION_STATE_READY || !self->info->keep_access_token)
    return;
  access = carport_auth_provider_dup_access_token (self->auth);
  if (access && g_strcmp0 (access, self->saved_access) != 0)
    save_credentials (self);
  if (access)
    explicit_bzero (access, strlen (access));
}

static void
needs_code_changed_cb (CarportAccount *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NEEDS_CODE]);
}

static void
auth_secrets_changed_cb (CarportAccount *self)
{
  /* A new login token or access token: keep it for the next start. */
  if (self->state == CARPORT_SESSION_STATE_READY)
    save_credentials (self);
}

/* Creates the brand's auth provider and car client once. */
static gboolean
ensure_client (CarportAccount  *self,
               GError         **error)
{
  g_autoptr(CarportVehicleClient) client = NULL;

  if (self->client)
    return TRUE;
  if (!self->info)
    {
      g_set_error_literal (error, CARPORT_API_ERROR, CARPORT_API_ERROR_INVALID_INPUT,
                           _("Carport does not know this brand."));
      return FALSE;
    }

  client = self->info->create_client (self->http, self->locale,
                                      (const char * const *) self->service_roots, error);
  if (!client)
    return FALSE;

  /* The simulator (or a test server) on this machine: no proxy is asked. */
  if (self->info->is_loopback (client))
    g_object_set (carport_http_get_session (self->http), "proxy-resolver", NULL, NULL);

  self->client = g_steal_pointer (&client);
  self->auth = g_object_ref (carport_vehicle_client_get_auth (self->client));
  g_signal_connect_swapped (self->auth, "notify::refresh-secret", G_CALLBACK (auth_secrets_changed_cb), self);
  g_signal_connect_swapped (self->auth, "notify::needs-code", G_CALLBACK (needs_code_changed_cb), self);
  return TRUE;
}

static void
adopt_vehicle (CarportAccount *self,
               CarportVehicle *vehicle)
{
  g_object_set_data (G_OBJECT (vehicle), "carport-account", self);
  carport_account_watch_charging (self, vehicle);
}

static void
release_vehicles (CarportAccount *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->vehicles));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CarportVehicle) vehicle = g_list_model_get_item (G_LIST_MODEL (self->vehicles), i);

      g_object_set_data (G_OBJECT (vehicle), "carport-account", NULL);
    }
}

/* Replaces the vehicles; a car already shown keeps its object (views stay
 * bound to it) and takes the new identity, support masks and capabilities. */
static void
set_vehicles (CarportAccount *self,
              GPtrArray      *vehicles)
{
  g_autoptr(GPtrArray) kept = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < vehicles->len; i++)
    {
      CarportVehicle *fresh = g_ptr_array_index (vehicles, i);
      CarportVehicle *known = carport_account_find_vehicle (self, carport_vehicle_get_vin (fresh));

      if (known)
        {
          g_object_freeze_notify (G_OBJECT (known));
          carport_vehicle_set_brand (known, carport_vehicle_get_brand (fresh));
          carport_vehicle_set_model_code (known, carport_vehicle_get_model_code (fresh));
          carport_vehicle_set_model_name (known, carport_vehicle_get_model_name (fresh));
          carport_vehicle_set_registration (known, carport_vehicle_get_registration (fresh));
          carport_vehicle_set_energy (known, carport_vehicle_get_energy (fresh));
          carport_vehicle_set_account_id (known, carport_vehicle_get_account_id (fresh));
          carport_vehicle_set_picture_url (known, carport_vehicle_get_picture_url (fresh));
          /* What was learnt at run time stays in learned-unsupported. */
          carport_vehicle_set_supported_endpoints (known, carport_vehicle_get_supported_endpoints (fresh));
          carport_vehicle_set_supported_commands (known, carport_vehicle_get_supported_commands (fresh));
          {
            CarportCapabilities *learnt = carport_vehicle_get_capabilities (fresh);
            CarportCapabilities *kept_capabilities = carport_vehicle_get_capabilities (known);
            CarportClimateRange range;

            carport_capabilities_get_climate_range (learnt, &range);
            carport_capabilities_set_climate_range (kept_capabilities, &range);
            carport_capabilities_set_charge_start_time (kept_capabilities,
                                                        carport_capabilities_get_charge_start_time (learnt));
          }
          g_object_thaw_notify (G_OBJECT (known));
          g_ptr_array_add (kept, g_object_ref (known));
        }
      else
        {
          adopt_vehicle (self, fresh);
          g_ptr_array_add (kept, g_object_ref (fresh));
        }
    }

  release_vehicles (self);
  g_list_store_splice (self->vehicles, 0, g_list_model_get_n_items (G_LIST_MODEL (self->vehicles)),
                       kept->pdata, kept->len);
}

static void
cache_saved_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(CarportAccount) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!carport_state_cache_save_finish (CARPORT_STATE_CACHE (source), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_message ("Could not cache the car's state: %s", error->message);
  carport_account_write_done (self);
}

void
carport_account_save_vehicle (CarportAccount *self,
              CarportVehicle *vehicle)
{
  if (!self->cache)
    return;
  carport_account_write_started (self);
  carport_state_cache_save_async (self->cache, self->owner, vehicle, self->cancellable, cache_saved_cb,
                                  g_object_ref (self));
}

void
carport_account_flush_async (CarportAccount      *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CARPORT_IS_ACCOUNT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, carport_account_flush_async);
  if (self->pending_writes == 0)
    g_task_return_boolean (task, TRUE);
  else
    g_ptr_array_add (self->flush_waiters, g_steal_pointer (&task));
}

gboolean
carport_account_flush_finish (CarportAccount  *self,
                              GAsyncResult    *result,
                              GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ----------------------------------------------------------------------- */
/* Discovery (shared by restore, login and code)                           */

static void
vehicles_listed_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CarportAccount *self = g_task_get_source_object (task);
  g_autoptr(GPtrArray) vehicles = NULL;
  g_autoptr(GError) error = NULL;

  carport_account_busy_pop (self);
  set_login_step (self, CARPORT_LOGIN_STEP_NONE);
  vehicles = carport_vehicle_client_list_vehicles_finish (CARPORT_VEHICLE_CLIENT (source), result, &error);
  if (!vehicles)
    {
      carport_account_note_error (self, error);
      /* The cached cars (if any) stay visible. */
      if (g_list_model_get_n_items (G_LIST_MODEL (self->vehicles)) > 0 &&
          !g_error_matches (error, CARPORT_API_ERROR, CARPORT_API_ERROR_LOGIN_EXPIRED) &&
          !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          carport_account_set_state (self, CARPORT_SESSION_STATE_READY);
          g_task_return_boolean (task, TRUE);
          return;
        }
      carport_account_set_state (self, CARPORT_SESSION_STATE_LOGGED_OUT);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (vehicles->len == 0)
    {
      carport_account_set_state (self, CARPORT_SESSION_STATE_LOGGED_OUT);
      g_task_return_new_error (task, CARPORT_API_ERROR, CARPORT_API_ERROR_NO_VEHICLES,
                               _("There is no car in this account. Add your car in the maker’s app first."));
      return;
    }

  set_vehicles (self, vehicles);
  for (guint i = 0; i < vehicles->len; i++)
    carport_account_save_vehicle (self, g_ptr_array_index (vehicles, i));
  carport_account_set_state (self, CARPORT_SESSION_STATE_READY);
  save_credentials (self);
  g_task_return_boolean (task, TRUE);
}

static void
discover (CarportAccount *self,
          GTask          *task)
{
  carport_account_set_state (self, CARPORT_SESSION_STATE_LOGGING_IN);
  set_login_step (self, CARPORT_LOGIN_STEP_FINDING_CARS);
  carport_account_busy_push (self);
  carport_vehicle_client_list_vehicles_async (self->client, g_task_get_cancellable (task),
                                               vehicles_listed_cb, task);
}

/* ----------------------------------------------------------------------- */
/* Restore                                                                 */

static void
restore_cache_loaded_cb (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CarportAccount *self = g_task_get_source_object (task);
  g_autoptr(GPtrArray) cached = NULL;
  g_autoptr(GError) error = NULL;

  carport_account_busy_pop (self);
  cached = carport_state_cache_load_finish (CARPORT_STATE_CACHE (source), result, &error);
  if (g_task_return_error_if_cancelled (task))
    return;
  if (error)
    g_message ("Could not read the cached state: %s", error->message);

  if (cached && cached->len > 0)
    {
      /* The cars are known: show them at once; refreshing confirms them. */
      set_vehicles (self, cached);
      carport_account_set_state (self, CARPORT_SESSION_STATE_READY);
      g_task_return_boolean (task, TRUE);
      return;
    }
  discover (self, g_steal_pointer (&task));
}

void
carport_account_restore_async (CarportAccount      *self,
                               const char          *secret,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (CARPORT_IS_ACCOUNT (self));
  g_return_if_fail (secret != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, carport_account_restore_async);

  if (!ensure_client (self, &error))
    {
      carport_account_set_state (self, CARPORT_SESSION_STATE_LOGGED_OUT);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  unpack_secret (self, secret);

  carport_account_set_state (self, CARPORT_SESSION_STATE_RESTORING);
  if (!self->cache)
    {
      discover (self, g_steal_pointer (&task));
      return;
    }
  carport_account_busy_push (self);
  carport_state_cache_load_async (self->cache, self->owner, cancellable, restore_cache_loaded_cb,
                                  g_steal_pointer (&task));
}

gboolean
carport_account_restore_finish (CarportAccount  *self,
                                GAsyncResult    *result,
                                GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ----------------------------------------------------------------------- */
/* Login and the second factor                                             */

static void
logged_in (CarportAccount *self,
           GTask          *task,
           gboolean        ok,
           GError         *error)
{
  carport_account_busy_pop (self);
  if (!ok)
    {
      set_login_step (self, CARPORT_LOGIN_STEP_NONE);
      if (g_error_matches (error, CARPORT_API_ERROR, CARPORT_API_ERROR_TFA_REQUIRED) ||
          (g_error_matches (error, CARPORT_API_ERROR, CARPORT_API_ERROR_TFA_CODE_INVALID) &&
           carport_auth_provider_get_needs_code (self->auth)))
        carport_account_set_state (self, CARPORT_SESSION_STATE_NEEDS_CODE);
      else
        {
          wipe_password (self);
          carport_account_set_state (self, CARPORT_SESSION_STATE_LOGGED_OUT);
        }
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  wipe_password (self);
  discover (self, task);
}

static void
login_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  GTask *task = user_data;
  GError *error = NULL;
  gboolean ok = carport_auth_provider_login_finish (CARPORT_AUTH_PROVIDER (source), result, &error);

  logged_in (g_task_get_source_object (task), task, ok, error);
}

void
carport_account_login_async (CarportAccount      *self,
                             const char          *password,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (CARPORT_IS_ACCOUNT (self));
  g_return_if_fail (password != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, carport_account_login_async);

  if (!self->email || !*self->email || !*password)
    {
      g_task_return_new_error (task, CARPORT_API_ERROR, CARPORT_API_ERROR_INVALID_CREDENTIALS,
                               _("Enter the email address and password of your account."));
      return;
    }
  if (!ensure_client (self, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* Kept only while a second factor may be asked for. */
  wipe_password (self);
  self->password = g_strdup (password);
  carport_account_set_state (self, CARPORT_SESSION_STATE_LOGGING_IN);
  set_login_step (self, CARPORT_LOGIN_STEP_CHECKING_PASSWORD);
  carport_account_busy_push (self);
  carport_auth_provider_login_async (self->auth, self->email, password, cancellable, login_cb,
                                     g_steal_pointer (&task));
}

gboolean
carport_account_login_finish (CarportAccount  *self,
                              GAsyncResult    *result,
                              GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
code_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  GTask *task = user_data;
  GError *error = NULL;
  gboolean ok = carport_auth_provider_submit_code_finish (CARPORT_AUTH_PROVIDER (source), result, &error);

  logged_in (g_task_get_source_object (task), task, ok, error);
}

/* A task for a step of the login waiting for a code; NULL (the task has
 * failed) when none waits. */
static GTask *
code_task_new (CarportAccount      *self,
               gpointer             source_tag,
               GCancellable        *cancellable,
               GAsyncReadyCallback  callback,
               gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  if (self->state != CARPORT_SESSION_STATE_NEEDS_CODE || !self->auth)
    {
      g_task_return_new_error (task, CARPORT_API_ERROR, CARPORT_API_ERROR_FAILED,
                               _("No verification code was asked for. Log in again."));
      return NULL;
    }
  carport_account_busy_push (self);
  return g_steal_pointer (&task);
}

void
carport_account_submit_code_async (CarportAccount      *self,
                                   const char          *code,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (CARPORT_IS_ACCOUNT (self));
  g_return_if_fail (code != NULL);

  task = code_task_new (self, carport_account_submit_code_async, cancellable, callback, user_data);
  if (task == NULL)
    return;
  carport_account_set_state (self, CARPORT_SESSION_STATE_LOGGING_IN);
  set_login_step (self, CARPORT_LOGIN_STEP_CHECKING_CODE);
  carport_auth_provider_submit_code_async (self->auth, code, cancellable, code_cb, task);
}

gboolean
carport_account_submit_code_finish (CarportAccount  *self,
                                    GAsyncResult    *result,
                                    GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
code_resent_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CarportAccount *self = g_task_get_source_object (task);
  GError *error = NULL;

  carport_account_busy_pop (self);
  set_login_step (self, CARPORT_LOGIN_STEP_NONE);
  if (carport_auth_provider_resend_code_finish (CARPORT_AUTH_PROVIDER (source), result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
carport_account_resend_code_async (CarportAccount      *self,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (CARPORT_IS_ACCOUNT (self));

  task = code_task_new (self, carport_account_resend_code_async, cancellable, callback, user_data);
  if (task == NULL)
    return;
  set_login_step (self, CARPORT_LOGIN_STEP_SENDING_CODE);
  carport_auth_provider_resend_code_async (self->auth, cancellable, code_resent_cb, task);
}

gboolean
carport_account_resend_code_finish (CarportAccount  *self,
                                    GAsyncResult    *result,
                                    GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ----------------------------------------------------------------------- */
/* Logout                                                                  */

/* Takes a reference to @task off the caller. */
static void
logout_step_done (GTask  *task,
                  GError *error)
{
  carport_task_step_done (task, error);
  g_object_unref (task);
}

static void
logout_store_cleared_cb (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  GError *error = NULL;

  carport_credential_store_clear_finish (CARPORT_CREDENTIAL_STORE (source), result, &error);
  logout_step_done (user_data, error);
}

static void
logout_pins_forgotten_cb (GObject      *source,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  GError *error = NULL;

  carport_account_forget_pins_finish (CARPORT_ACCOUNT (source), result, &error);
  logout_step_done (user_data, error);
}

static void
logout_cache_cleared_cb (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  GError *error = NULL;

  carport_state_cache_clear_finish (CARPORT_STATE_CACHE (source), result, &error);
  logout_step_done (user_data, error);
}

void
carport_account_logout_async (CarportAccount      *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (CARPORT_IS_ACCOUNT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, carport_account_logout_async);
  carport_task_steps_begin (task, self->cache ? 3 : 2);

  /* Stop background work of the account being left. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_ptr_array_set_size (self->commands, 0);

  if (self->auth)
    {
      g_signal_handlers_disconnect_by_data (self->auth, self);
      carport_auth_provider_logout (self->auth);
    }
  g_clear_object (&self->client);
  g_clear_object (&self->auth);
  wipe_password (self);
  release_vehicles (self);
  g_list_store_remove_all (self->vehicles);
  self->quota_until = 0;
  carport_account_set_state (self, CARPORT_SESSION_STATE_LOGGED_OUT);

  carport_credential_store_clear_async (self->store, self->brand_id, self->email, cancellable,
                                        logout_store_cleared_cb, g_object_ref (task));
  carport_account_forget_pins_async (self, NULL, cancellable, logout_pins_forgotten_cb,
                                     self->cache ? g_object_ref (task) : task);
  if (self->cache)
    carport_state_cache_clear_async (self->cache, self->owner, cancellable, logout_cache_cleared_cb, task);
}

gboolean
carport_account_logout_finish (CarportAccount  *self,
                               GAsyncResult    *result,
                               GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ----------------------------------------------------------------------- */
/* GObject                                                                 */

CarportSessionState
carport_account_get_state (CarportAccount *self)
{
  g_return_val_if_fail (CARPORT_IS_ACCOUNT (self), CARPORT_SESSION_STATE_LOGGED_OUT);
  return self->state;
}

GListModel *
carport_account_get_vehicles (CarportAccount *self)
{
  g_return_val_if_fail (CARPORT_IS_ACCOUNT (self), NULL);
  return G_LIST_MODEL (self->vehicles);
}

CarportVehicle *
carport_account_find_vehicle (CarportAccount *self,
                              const char     *vin)
{
  g_return_val_if_fail (CARPORT_IS_ACCOUNT (self), NULL);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->vehicles)); i++)
    {
      g_autoptr(CarportVehicle) vehicle = g_list_model_get_item (G_LIST_MODEL (self->vehicles), i);

      if (g_strcmp0 (carport_vehicle_get_vin (vehicle), vin) == 0)
        return vehicle;   /* the list keeps its reference */
    }
  return NULL;
}

const char *
carport_account_get_brand_id (CarportAccount *self)
{
  g_return_val_if_fail (CARPORT_IS_ACCOUNT (self), NULL);
  return self->brand_id;
}

CarportVehicleClient *
carport_account_get_client (CarportAccount *self)
{
  g_return_val_if_fail (CARPORT_IS_ACCOUNT (self), NULL);
  return self->state == CARPORT_SESSION_STATE_READY ? self->client : NULL;
}

CarportBrand
carport_account_get_brand (CarportAccount *self)
{
  g_return_val_if_fail (CARPORT_IS_ACCOUNT (self), CARPORT_BRAND_UNKNOWN);
  return self->info ? self->info->brand : CARPORT_BRAND_UNKNOWN;
}

const char *
carport_account_get_email (CarportAccount *self)
{
  g_return_val_if_fail (CARPORT_IS_ACCOUNT (self), NULL);
  return self->email;
}

const char *
carport_account_get_locale (CarportAccount *self)
{
  g_return_val_if_fail (CARPORT_IS_ACCOUNT (self), NULL);
  return self->locale;
}

CarportLoginStep
carport_account_get_login_step (CarportAccount *self)
{
  g_return_val_if_fail (CARPORT_IS_ACCOUNT (self), CARPORT_LOGIN_STEP_NONE);
  return self->login_step;
}

gboolean
carport_account_get_busy (CarportAccount *self)
{
  g_return_val_if_fail (CARPORT_IS_ACCOUNT (self), FALSE);
  return self->busy > 0;
}

gboolean
carport_account_matches (CarportAccount *self,
                         const char     *brand_id,
                         const char     *email)
{
  g_return_val_if_fail (CARPORT_IS_ACCOUNT (self), FALSE);

  return self->info != NULL && carport_brand_lookup (brand_id) == self->info &&
         email != NULL && g_ascii_strcasecmp (email, self->email) == 0;
}

gboolean
carport_account_is_quota_blocked (CarportAccount *self)
{
  g_return_val_if_fail (CARPORT_IS_ACCOUNT (self), FALSE);
  return carport_account_quota_blocked (self, NULL);
}

static void
carport_account_constructed (GObject *object)
{
  CarportAccount *self = CARPORT_ACCOUNT (object);

  G_OBJECT_CLASS (carport_account_parent_class)->constructed (object);

  if (!self->http)
    self->http = carport_http_new ();
  self->info = carport_brand_lookup (self->brand_id);
  if (self->info)
    {
      /* One name per brand of login, whatever the older item said ("dacia"). */
      g_free (self->brand_id);
      self->brand_id = g_strdup (self->info->id);
      if (!self->locale || !*self->locale)
        {
          g_free (self->locale);
          self->locale = g_strdup (self->info->default_locale);
        }
    }
  self->owner = g_strdup_printf ("%s:%s", self->brand_id, self->email ? self->email : "");
}

static void
carport_account_dispose (GObject *object)
{
  CarportAccount *self = CARPORT_ACCOUNT (object);

  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  if (self->auth)
    g_signal_handlers_disconnect_by_data (self->auth, self);
  if (self->vehicles)
    release_vehicles (self);
  g_clear_pointer (&self->commands, g_ptr_array_unref);
  g_clear_pointer (&self->flush_waiters, g_ptr_array_unref);
  g_clear_object (&self->client);
  g_clear_object (&self->auth);
  g_clear_object (&self->http);
  g_clear_object (&self->store);
  g_clear_object (&self->cache);
  g_clear_object (&self->history);
  g_clear_object (&self->vehicles);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (carport_account_parent_class)->dispose (object);
}

static void
carport_account_finalize (GObject *object)
{
  CarportAccount *self = CARPORT_ACCOUNT (object);

  wipe_password (self);
  wipe_string (&self->saved_access);
  g_strfreev (self->service_roots);
  g_free (self->locale);
  g_free (self->email);
  g_free (self->brand_id);
  g_free (self->owner);

  G_OBJECT_CLASS (carport_account_parent_class)->finalize (object);
}

static void
carport_account_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CarportAccount *self = CARPORT_ACCOUNT (object);

  switch (prop_id)
    {
    case PROP_HTTP:
      g_value_set_object (value, self->http);
      break;
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_CACHE:
      g_value_set_object (value, self->cache);
      break;
    case PROP_SERVICE_ROOTS:
      g_value_set_boxed (value, self->service_roots);
      break;
    case PROP_BRAND_ID:
      g_value_set_string (value, self->brand_id);
      break;
    case PROP_LOCALE:
      g_value_set_string (value, self->locale);
      break;
    case PROP_EMAIL:
      g_value_set_string (value, self->email);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_VEHICLES:
      g_value_set_object (value, self->vehicles);
      break;
    case PROP_NEEDS_CODE:
      g_value_set_boolean (value, self->auth && carport_auth_provider_get_needs_code (self->auth));
      break;
    case PROP_COMMAND_TIMEOUT:
      g_value_set_uint (value, self->command_timeout);
      break;
    case PROP_POLL_INTERVAL:
      g_value_set_uint (value, self->poll_interval_ms);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy > 0);
      break;
    case PROP_LOGIN_STEP:
      g_value_set_enum (value, self->login_step);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carport_account_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  CarportAccount *self = CARPORT_ACCOUNT (object);

  switch (prop_id)
    {
    case PROP_HTTP:
      self->http = g_value_dup_object (value);
      break;
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_CACHE:
      self->cache = g_value_dup_object (value);
      break;
    case PROP_SERVICE_ROOTS:
      self->service_roots = g_value_dup_boxed (value);
      break;
    case PROP_BRAND_ID:
      self->brand_id = g_value_dup_string (value);
      break;
    case PROP_LOCALE:
      self->locale = g_value_dup_string (value);
      break;
    case PROP_EMAIL:
      self->email = g_value_dup_string (value);
      break;
    case PROP_COMMAND_TIMEOUT:
      if (self->command_timeout != g_value_get_uint (value))
        {
          self->command_timeout = g_value_get_uint (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_POLL_INTERVAL:
      if (self->poll_interval_ms != g_value_get_uint (value))
        {
          self->poll_interval_ms = g_value_get_uint (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carport_account_class_init (CarportAccountClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = carport_account_constructed;
  object_class->dispose = carport_account_dispose;
  object_class->finalize = carport_account_finalize;
  object_class->get_property = carport_account_get_property;
  object_class->set_property = carport_account_set_property;


  properties[PROP_HTTP] =
    g_param_spec_object ("http", NULL, NULL, CARPORT_TYPE_HTTP,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, CARPORT_TYPE_CREDENTIAL_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CACHE] =
    g_param_spec_object ("cache", NULL, NULL, CARPORT_TYPE_STATE_CACHE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SERVICE_ROOTS] =
    g_param_spec_boxed ("service-roots", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BRAND_ID] =
    g_param_spec_string ("brand-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOCALE] =
    g_param_spec_string ("locale", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_EMAIL] =
    g_param_spec_string ("email", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, CARPORT_TYPE_SESSION_STATE, CARPORT_SESSION_STATE_LOGGED_OUT,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_VEHICLES] =
    g_param_spec_object ("vehicles", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NEEDS_CODE] =
    g_param_spec_boolean ("needs-code", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COMMAND_TIMEOUT] =
    g_param_spec_uint ("command-timeout", NULL, NULL, 1, G_MAXUINT, 120,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_POLL_INTERVAL] =
    g_param_spec_uint ("poll-interval", NULL, NULL, 10, 60000, DEFAULT_POLL_INTERVAL_MS,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOGIN_STEP] =
    g_param_spec_enum ("login-step", NULL, NULL, CARPORT_TYPE_LOGIN_STEP, CARPORT_LOGIN_STEP_NONE,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  carport_account_signals[CARPORT_ACCOUNT_SIGNAL_EVENT] =
    g_signal_new ("event", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, CARPORT_TYPE_SESSION_EVENT, CARPORT_TYPE_VEHICLE, CARPORT_TYPE_COMMAND);
}

static void
carport_account_init (CarportAccount *self)
{
  self->vehicles = g_list_store_new (CARPORT_TYPE_VEHICLE);
  self->commands = g_ptr_array_new_with_free_func (g_object_unref);
  self->flush_waiters = g_ptr_array_new_with_free_func (g_object_unref);
  self->cancellable = g_cancellable_new ();
  self->command_timeout = 120;
  self->poll_interval_ms = DEFAULT_POLL_INTERVAL_MS;
}
