/* carport-session.c — login state, vehicles, refreshes, commands and events.
 *
 * One session serves one account. It owns the HTTP session, the brand's auth
 * provider and the Kamereon client; it keeps the login token (and the current
 * access token, to spare a mint at the next start) in the credential store,
 * and the last known state of every car in the state cache. */
#define G_LOG_DOMAIN "carport-service"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "carport-session.h"
#include "carport-service-enum-types.h"
#include "carport-credential-store.h"
#include "carport-state-cache.h"
#include "carport-http.h"
#include "carport-brand.h"
#include "carport-api-error.h"

/* How long polling stops after the server says "quota reached" (§f.3). */
#define QUOTA_BACK_OFF_SECONDS (15 * 60)
/* First delay between two polls of a command's state; it grows to 5 s. */
#define DEFAULT_POLL_INTERVAL_MS 1000
#define MAX_POLL_INTERVAL_MS 5000

struct _CarportSession
{
  GObject parent_instance;

  /* Owned */
  CarportCredentialStore *store;
  CarportStateCache      *cache;          /* nullable */
  GStrv                   service_roots;  /* nullable "NAME=url" overrides */
  CarportHttp            *http;
  CarportAuthProvider    *auth;           /* nullable until a login is known */
  CarportVehicleClient   *client;         /* nullable, as auth */
  GListStore             *vehicles;
  GPtrArray              *commands;       /* CarportCommand in flight */
  GCancellable           *cancellable;    /* background work; cancelled in dispose */
  char                   *locale;
  char                   *email;
  char                   *password;       /* only during a login that needs a code; wiped */
  char                   *saved_access;   /* the access token last put in the store; wiped */

  CarportBrand            brand;
  CarportSessionState     state;
  guint                   refresh_interval;
  guint                   refresh_source;
  guint                   command_timeout;
  guint                   poll_interval_ms;
  gint64                  quota_until;    /* monotonic µs; 0 = none */
  guint                   busy;
  guint                   pending_writes; /* store and cache writes under way */
  GPtrArray              *flush_waiters;  /* GTask waiting for pending_writes == 0 */
};

G_DEFINE_FINAL_TYPE (CarportSession, carport_session, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STORE,
  PROP_CACHE,
  PROP_SERVICE_ROOTS,
  PROP_STATE,
  PROP_BRAND,
  PROP_LOCALE,
  PROP_EMAIL,
  PROP_VEHICLES,
  PROP_REFRESH_INTERVAL,
  PROP_COMMAND_TIMEOUT,
  PROP_POLL_INTERVAL,
  PROP_BUSY,
  N_PROPS
};

enum {
  SIGNAL_EVENT,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* ----------------------------------------------------------------------- */
/* Small helpers                                                           */

static void
set_state (CarportSession      *self,
           CarportSessionState  state)
{
  if (self->state == state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
busy_push (CarportSession *self)
{
  if (self->busy++ == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
busy_pop (CarportSession *self)
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
wipe_password (CarportSession *self)
{
  wipe_string (&self->password);
}

static gboolean
quota_blocked (CarportSession  *self,
               GError         **error)
{
  gint64 now = g_get_monotonic_time ();

  if (self->quota_until == 0 || now >= self->quota_until)
    return FALSE;

  g_set_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_QUOTA_LIMIT,
               g_dngettext (GETTEXT_PACKAGE,
                            "Renault's servers limit how often a car can be asked. Carport will try again in %d minute.",
                            "Renault's servers limit how often a car can be asked. Carport will try again in %d minutes.",
                            (gulong) ((self->quota_until - now) / G_USEC_PER_SEC / 60 + 1)),
               (int) ((self->quota_until - now) / G_USEC_PER_SEC / 60 + 1));
  return TRUE;
}

static void
note_error (CarportSession *self,
            const GError   *error)
{
  if (g_error_matches (error, CARPORT_API_ERROR, CARPORT_API_ERROR_QUOTA_LIMIT))
    self->quota_until = g_get_monotonic_time () + (gint64) QUOTA_BACK_OFF_SECONDS * G_USEC_PER_SEC;
}

/* The stored secret: the brand's long-lived token plus what spares requests at
 * the next start (the person id and the current access token), as GVariant
 * text. A plain string (older format) is taken as the token alone. */
static char *
pack_secret (CarportSession *self)
{
  g_autofree char *token = carport_auth_provider_dup_refresh_secret (self->auth);
  g_autofree char *person = carport_auth_provider_dup_person_id (self->auth);
  g_autofree char *access = carport_auth_provider_dup_access_token (self->auth);
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
unpack_secret (CarportSession *self,
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

static void
write_started (CarportSession *self)
{
  self->pending_writes++;
}

static void
write_done (CarportSession *self)
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
  g_autoptr(CarportSession) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!carport_credential_store_store_finish (CARPORT_CREDENTIAL_STORE (source), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_message ("Could not keep the login: %s", error->message);
  write_done (self);
}

static void
save_credentials (CarportSession *self)
{
  g_autoptr(CarportCredentials) credentials = NULL;
  g_autofree char *secret = NULL;

  if (!self->auth || !self->email)
    return;
  secret = pack_secret (self);
  if (!secret)
    return;

  credentials = carport_credentials_new (carport_enum_to_nick (CARPORT_TYPE_BRAND, self->brand),
                                         self->locale, self->email, secret);
  explicit_bzero (secret, strlen (secret));
  wipe_string (&self->saved_access);
  self->saved_access = carport_auth_provider_dup_access_token (self->auth);
  write_started (self);
  carport_credential_store_store_async (self->store, credentials, self->cancellable, stored_cb,
                                        g_object_ref (self));
}

/* After a refresh: a newly minted access token is kept for the next start. */
static void
save_credentials_if_renewed (CarportSession *self)
{
  g_autofree char *access = NULL;

  if (!self->auth || self->state != CARPORT_SESSION_STATE_READY)
    return;
  access = carport_auth_provider_dup_access_token (self->auth);
  if (access && g_strcmp0 (access, self->saved_access) != 0)
    save_credentials (self);
  if (access)
    explicit_bzero (access, strlen (access));
}

static void
auth_secrets_changed_cb (CarportSession *self)
{
  /* A new login token or access token: keep it for the next start. */
  if (self->state == CARPORT_SESSION_STATE_READY)
    save_credentials (self);
}

static gboolean
setup_account (CarportSession  *self,
               CarportBrand     brand,
               const char      *locale,
               const char      *email,
               GError         **error)
{
  const CarportBrandInfo *info = carport_brand_for_brand (brand);
  g_autoptr(CarportVehicleClient) client = NULL;
  CarportAuthProvider *auth;

  if (info == NULL)
    {
      g_set_error_literal (error, CARPORT_API_ERROR, CARPORT_API_ERROR_INVALID_INPUT,
                           _("Carport does not know this brand."));
      return FALSE;
    }

  client = info->create_client (self->http, locale ? locale : info->default_locale,
                                (const char * const *) self->service_roots, error);
  if (!client)
    return FALSE;
  auth = carport_vehicle_client_get_auth (client);

  /* The simulator (or a test server) on this machine: no proxy is asked. */
  if (info->is_loopback (client))
    g_object_set (carport_http_get_session (self->http), "proxy-resolver", NULL, NULL);

  if (self->auth)
    g_signal_handlers_disconnect_by_data (self->auth, self);
  g_set_object (&self->auth, auth);
  g_set_object (&self->client, client);
  g_signal_connect_swapped (self->auth, "notify::refresh-secret", G_CALLBACK (auth_secrets_changed_cb), self);

  self->brand = brand;
  g_free (self->locale);
  self->locale = g_strdup (locale);
  g_free (self->email);
  self->email = g_strdup (email);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BRAND]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOCALE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EMAIL]);
  return TRUE;
}

/* ----------------------------------------------------------------------- */
/* Vehicles and events                                                     */

static GQuark previous_charging_quark;

static void
battery_charging_changed_cb (CarportBattery *battery,
                             GParamSpec     *pspec,
                             CarportVehicle *vehicle)
{
  CarportSession *self = g_object_get_data (G_OBJECT (vehicle), "carport-session");
  CarportChargingState now = carport_battery_get_charging (battery);
  CarportChargingState before = GPOINTER_TO_INT (g_object_get_qdata (G_OBJECT (battery), previous_charging_quark));

  g_object_set_qdata (G_OBJECT (battery), previous_charging_quark, GINT_TO_POINTER (now));
  if (!self || before != CARPORT_CHARGING_STATE_CHARGING || now == CARPORT_CHARGING_STATE_CHARGING ||
      now == CARPORT_CHARGING_STATE_NONE)
    return;

  if (now == CARPORT_CHARGING_STATE_ENDED || carport_battery_get_level_percent (battery) >= 100)
    g_signal_emit (self, signals[SIGNAL_EVENT], 0, CARPORT_SESSION_EVENT_CHARGE_COMPLETE, vehicle, NULL);
  else if (!carport_session_get_command_in_flight (self, vehicle, CARPORT_COMMAND_KIND_CHARGE_STOP) &&
           !g_object_get_data (G_OBJECT (vehicle), "carport-stop-asked"))
    g_signal_emit (self, signals[SIGNAL_EVENT], 0, CARPORT_SESSION_EVENT_CHARGE_STOPPED, vehicle, NULL);
  g_object_set_data (G_OBJECT (vehicle), "carport-stop-asked", NULL);
}

static void
adopt_vehicle (CarportSession *self,
               CarportVehicle *vehicle)
{
  CarportBattery *battery = carport_vehicle_get_battery (vehicle);

  g_object_set_data (G_OBJECT (vehicle), "carport-session", self);
  g_object_set_qdata (G_OBJECT (battery), previous_charging_quark,
                      GINT_TO_POINTER (carport_battery_get_charging (battery)));
  g_signal_connect_object (battery, "notify::charging",
                           G_CALLBACK (battery_charging_changed_cb), vehicle, 0);
}

static void
release_vehicles (CarportSession *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->vehicles));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CarportVehicle) vehicle = g_list_model_get_item (G_LIST_MODEL (self->vehicles), i);

      g_object_set_data (G_OBJECT (vehicle), "carport-session", NULL);
    }
}

/* Replaces the vehicles; a car already shown keeps its object (views stay
 * bound to it) and takes the new identity and support masks. */
static void
set_vehicles (CarportSession *self,
              GPtrArray      *vehicles)
{
  g_autoptr(GPtrArray) kept = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < vehicles->len; i++)
    {
      CarportVehicle *fresh = g_ptr_array_index (vehicles, i);
      CarportVehicle *known = carport_session_find_vehicle (self, carport_vehicle_get_vin (fresh));

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
          carport_vehicle_set_supported_endpoints (known, carport_vehicle_get_supported_endpoints (fresh) &
                                                          carport_vehicle_get_supported_endpoints (known));
          carport_vehicle_set_supported_commands (known, carport_vehicle_get_supported_commands (fresh));
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
  g_autoptr(CarportSession) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!carport_state_cache_save_finish (CARPORT_STATE_CACHE (source), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_message ("Could not cache the car's state: %s", error->message);
  write_done (self);
}

static void
save_vehicle (CarportSession *self,
              CarportVehicle *vehicle)
{
  if (!self->cache)
    return;
  write_started (self);
  carport_state_cache_save_async (self->cache, vehicle, self->cancellable, cache_saved_cb,
                                  g_object_ref (self));
}

void
carport_session_flush_async (CarportSession      *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CARPORT_IS_SESSION (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, carport_session_flush_async);
  if (self->pending_writes == 0)
    g_task_return_boolean (task, TRUE);
  else
    g_ptr_array_add (self->flush_waiters, g_steal_pointer (&task));
}

gboolean
carport_session_flush_finish (CarportSession  *self,
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
  CarportSession *self = g_task_get_source_object (task);
  g_autoptr(GPtrArray) vehicles = NULL;
  g_autoptr(GError) error = NULL;

  busy_pop (self);
  vehicles = carport_vehicle_client_list_vehicles_finish (CARPORT_VEHICLE_CLIENT (source), result, &error);
  if (!vehicles)
    {
      note_error (self, error);
      /* The cached cars (if any) stay visible. */
      if (g_list_model_get_n_items (G_LIST_MODEL (self->vehicles)) > 0 &&
          !g_error_matches (error, CARPORT_API_ERROR, CARPORT_API_ERROR_LOGIN_EXPIRED) &&
          !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          set_state (self, CARPORT_SESSION_STATE_READY);
          g_task_return_boolean (task, TRUE);
          return;
        }
      set_state (self, CARPORT_SESSION_STATE_LOGGED_OUT);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (vehicles->len == 0)
    {
      set_state (self, CARPORT_SESSION_STATE_LOGGED_OUT);
      g_task_return_new_error (task, CARPORT_API_ERROR, CARPORT_API_ERROR_NO_VEHICLES,
                               _("There is no car in this account. Add your car in the MyRenault app first."));
      return;
    }

  set_vehicles (self, vehicles);
  for (guint i = 0; i < vehicles->len; i++)
    save_vehicle (self, g_ptr_array_index (vehicles, i));
  set_state (self, CARPORT_SESSION_STATE_READY);
  save_credentials (self);
  g_task_return_boolean (task, TRUE);
}

static void
discover (CarportSession *self,
          GTask          *task)
{
  set_state (self, CARPORT_SESSION_STATE_LOGGING_IN);
  busy_push (self);
  carport_vehicle_client_list_vehicles_async (self->client, g_task_get_cancellable (task),
                                               vehicles_listed_cb, task);
}

/* ----------------------------------------------------------------------- */
/* Restore                                                                 */

/* Restoring reads the keyring and the cache at the same time. */
typedef struct {
  guint               pending;
  CarportCredentials *credentials;
  GPtrArray          *cached;
  GError             *error;      /* from the keyring */
} RestoreData;

static void
restore_data_free (RestoreData *data)
{
  g_clear_pointer (&data->credentials, carport_credentials_free);
  g_clear_pointer (&data->cached, g_ptr_array_unref);
  g_clear_error (&data->error);
  g_free (data);
}

static void
restore_continue (GTask *task)
{
  CarportSession *self = g_task_get_source_object (task);
  RestoreData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  CarportCredentials *credentials = data->credentials;
  CarportBrand brand;

  busy_pop (self);
  if (g_task_return_error_if_cancelled (task))
    return;
  if (!credentials)
    {
      set_state (self, CARPORT_SESSION_STATE_LOGGED_OUT);
      if (data->error)
        g_task_return_error (task, g_steal_pointer (&data->error));
      else
        g_task_return_boolean (task, FALSE);
      return;
    }

  brand = carport_enum_from_nick (CARPORT_TYPE_BRAND, credentials->brand, CARPORT_BRAND_RENAULT);
  if (!setup_account (self, brand, credentials->locale ? credentials->locale : "fr_FR",
                      credentials->email, &error))
    {
      set_state (self, CARPORT_SESSION_STATE_LOGGED_OUT);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  unpack_secret (self, credentials->secret);

  if (data->cached && data->cached->len > 0)
    {
      /* The cars are known: show them at once; refreshing confirms them. */
      set_vehicles (self, data->cached);
      set_state (self, CARPORT_SESSION_STATE_READY);
      g_task_return_boolean (task, TRUE);
      return;
    }
  discover (self, g_object_ref (task));
}

static void
cache_loaded_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RestoreData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  data->cached = carport_state_cache_load_finish (CARPORT_STATE_CACHE (source), result, &error);
  if (error && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_message ("Could not read the cached state: %s", error->message);
  if (--data->pending == 0)
    restore_continue (task);
}

static void
credentials_found_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RestoreData *data = g_task_get_task_data (task);

  data->credentials = carport_credential_store_lookup_finish (CARPORT_CREDENTIAL_STORE (source), result,
                                                              &data->error);
  if (--data->pending == 0)
    restore_continue (task);
}

void
carport_session_restore_async (CarportSession      *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  RestoreData *data;

  g_return_if_fail (CARPORT_IS_SESSION (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, carport_session_restore_async);
  data = g_new0 (RestoreData, 1);
  data->pending = self->cache ? 2 : 1;
  g_task_set_task_data (task, data, (GDestroyNotify) restore_data_free);

  set_state (self, CARPORT_SESSION_STATE_RESTORING);
  busy_push (self);
  carport_credential_store_lookup_async (self->store, cancellable, credentials_found_cb, g_object_ref (task));
  if (self->cache)
    carport_state_cache_load_async (self->cache, cancellable, cache_loaded_cb, g_object_ref (task));
}

gboolean
carport_session_restore_finish (CarportSession  *self,
                                GAsyncResult    *result,
                                GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ----------------------------------------------------------------------- */
/* Login and the second factor                                             */

static void
logged_in (CarportSession *self,
           GTask          *task,
           gboolean        ok,
           GError         *error)
{
  busy_pop (self);
  if (!ok)
    {
      if (g_error_matches (error, CARPORT_API_ERROR, CARPORT_API_ERROR_TFA_REQUIRED) ||
          (g_error_matches (error, CARPORT_API_ERROR, CARPORT_API_ERROR_TFA_CODE_INVALID) &&
           carport_auth_provider_get_needs_code (self->auth)))
        set_state (self, CARPORT_SESSION_STATE_NEEDS_CODE);
      else
        {
          wipe_password (self);
          set_state (self, CARPORT_SESSION_STATE_LOGGED_OUT);
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
carport_session_login_async (CarportSession      *self,
                             CarportBrand         brand,
                             const char          *locale,
                             const char          *email,
                             const char          *password,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (CARPORT_IS_SESSION (self));
  g_return_if_fail (email != NULL && password != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, carport_session_login_async);

  if (!*email || !*password)
    {
      g_task_return_new_error (task, CARPORT_API_ERROR, CARPORT_API_ERROR_INVALID_CREDENTIALS,
                               _("Enter the email address and password of your account."));
      return;
    }
  if (!setup_account (self, brand, locale, email, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* Kept only while a second factor may be asked for. */
  wipe_password (self);
  self->password = g_strdup (password);
  set_state (self, CARPORT_SESSION_STATE_LOGGING_IN);
  busy_push (self);
  carport_auth_provider_login_async (self->auth, email, password, cancellable, login_cb,
                                     g_steal_pointer (&task));
}

gboolean
carport_session_login_finish (CarportSession  *self,
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

void
carport_session_submit_code_async (CarportSession      *self,
                                   const char          *code,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CARPORT_IS_SESSION (self));
  g_return_if_fail (code != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, carport_session_submit_code_async);
  if (self->state != CARPORT_SESSION_STATE_NEEDS_CODE || !self->auth)
    {
      g_task_return_new_error (task, CARPORT_API_ERROR, CARPORT_API_ERROR_FAILED,
                               _("No verification code was asked for. Log in again."));
      return;
    }
  set_state (self, CARPORT_SESSION_STATE_LOGGING_IN);
  busy_push (self);
  carport_auth_provider_submit_code_async (self->auth, code, cancellable, code_cb, g_steal_pointer (&task));
}

gboolean
carport_session_submit_code_finish (CarportSession  *self,
                                    GAsyncResult    *result,
                                    GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ----------------------------------------------------------------------- */
/* Logout                                                                  */

typedef struct {
  guint    pending;
  GError  *error;
} LogoutData;

static void
logout_data_free (LogoutData *data)
{
  g_clear_error (&data->error);
  g_free (data);
}

static void
logout_step_done (GTask  *task,
                  GError *error)
{
  LogoutData *data = g_task_get_task_data (task);

  if (error && !data->error)
    data->error = error;
  else if (error)
    g_error_free (error);

  if (--data->pending > 0)
    {
      g_object_unref (task);
      return;
    }
  if (data->error)
    g_task_return_error (task, g_steal_pointer (&data->error));
  else
    g_task_return_boolean (task, TRUE);
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
logout_cache_cleared_cb (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  GError *error = NULL;

  carport_state_cache_clear_finish (CARPORT_STATE_CACHE (source), result, &error);
  logout_step_done (user_data, error);
}

void
carport_session_logout_async (CarportSession      *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  GTask *task;
  LogoutData *data;

  g_return_if_fail (CARPORT_IS_SESSION (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, carport_session_logout_async);
  data = g_new0 (LogoutData, 1);
  data->pending = self->cache ? 2 : 1;
  g_task_set_task_data (task, data, (GDestroyNotify) logout_data_free);

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
  g_clear_pointer (&self->email, g_free);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EMAIL]);
  release_vehicles (self);
  g_list_store_remove_all (self->vehicles);
  self->quota_until = 0;
  set_state (self, CARPORT_SESSION_STATE_LOGGED_OUT);

  carport_credential_store_clear_async (self->store, cancellable, logout_store_cleared_cb,
                                        self->cache ? g_object_ref (task) : task);
  if (self->cache)
    carport_state_cache_clear_async (self->cache, cancellable, logout_cache_cleared_cb, task);
}

gboolean
carport_session_logout_finish (CarportSession  *self,
                               GAsyncResult    *result,
                               GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ----------------------------------------------------------------------- */
/* Refresh                                                                 */

typedef struct {
  guint   pending;
  guint   succeeded;
  GError *error;     /* the first failure */
} RefreshData;

static void
refresh_data_free (RefreshData *data)
{
  g_clear_error (&data->error);
  g_free (data);
}

typedef struct {
  GTask          *task;      /* nullable: a refresh nobody waits for */
  CarportSession *session;   /* weak: only used while the task holds it */
  CarportVehicle *vehicle;
} VehicleRefresh;

static void
vehicle_refreshed (CarportSession *self,
                   CarportVehicle *vehicle,
                   const GError   *error)
{
  if (!error)
    {
      carport_vehicle_set_from_cache (vehicle, FALSE);
      carport_vehicle_set_last_error (vehicle, NULL);
      save_vehicle (self, vehicle);
      save_credentials_if_renewed (self);
    }
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      note_error (self, error);
      carport_vehicle_set_last_error (vehicle, error->message);
      if (g_error_matches (error, CARPORT_API_ERROR, CARPORT_API_ERROR_LOGIN_EXPIRED))
        set_state (self, CARPORT_SESSION_STATE_LOGGED_OUT);
    }
}

static void
vehicle_refreshed_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  VehicleRefresh *call = user_data;
  g_autoptr(GTask) task = call->task;
  g_autoptr(CarportVehicle) vehicle = call->vehicle;
  CarportSession *self = g_task_get_source_object (task);
  RefreshData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  g_free (call);
  if (carport_vehicle_client_refresh_finish (CARPORT_VEHICLE_CLIENT (source), result, &error))
    data->succeeded++;
  vehicle_refreshed (self, vehicle, error);
  if (error && !data->error)
    data->error = g_steal_pointer (&error);

  if (--data->pending > 0)
    return;

  busy_pop (self);
  if (data->succeeded == 0 && data->error)
    g_task_return_error (task, g_steal_pointer (&data->error));
  else
    g_task_return_boolean (task, TRUE);
}

void
carport_session_refresh_async (CarportSession      *self,
                               CarportVehicle      *vehicle,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GPtrArray) targets = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  RefreshData *data;

  g_return_if_fail (CARPORT_IS_SESSION (self));
  g_return_if_fail (vehicle == NULL || CARPORT_IS_VEHICLE (vehicle));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, carport_session_refresh_async);

  if (!self->client || self->state != CARPORT_SESSION_STATE_READY)
    {
      g_task_return_new_error (task, CARPORT_API_ERROR, CARPORT_API_ERROR_LOGIN_EXPIRED,
                               _("Not logged in."));
      return;
    }
  if (quota_blocked (self, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (vehicle)
    g_ptr_array_add (targets, g_object_ref (vehicle));
  else
    for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->vehicles)); i++)
      g_ptr_array_add (targets, g_list_model_get_item (G_LIST_MODEL (self->vehicles), i));
  if (targets->len == 0)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  data = g_new0 (RefreshData, 1);
  data->pending = targets->len;
  g_task_set_task_data (task, data, (GDestroyNotify) refresh_data_free);
  busy_push (self);

  /* Every car at once; the client asks every endpoint of a car at once. */
  for (guint i = 0; i < targets->len; i++)
    {
      VehicleRefresh *call = g_new0 (VehicleRefresh, 1);

      call->task = g_object_ref (task);
      call->vehicle = g_object_ref (g_ptr_array_index (targets, i));
      carport_vehicle_client_refresh_async (self->client, call->vehicle, G_MAXUINT, cancellable,
                                             vehicle_refreshed_cb, call);
    }
}

gboolean
carport_session_refresh_finish (CarportSession  *self,
                                GAsyncResult    *result,
                                GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static gboolean
refresh_timeout_cb (gpointer user_data)
{
  CarportSession *self = user_data;

  if (self->state == CARPORT_SESSION_STATE_READY && !quota_blocked (self, NULL))
    carport_session_refresh_async (self, NULL, self->cancellable, NULL, NULL);
  return G_SOURCE_CONTINUE;
}

/* ----------------------------------------------------------------------- */
/* History                                                                 */

static void
charges_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CarportSession *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  GPtrArray *charges;

  busy_pop (self);
  charges = carport_vehicle_client_get_charges_finish (CARPORT_VEHICLE_CLIENT (source), result, &error);
  if (!charges)
    {
      note_error (self, error);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_pointer (task, charges, (GDestroyNotify) g_ptr_array_unref);
}

void
carport_session_get_charges_async (CarportSession      *self,
                                   CarportVehicle      *vehicle,
                                   GDateTime           *from,
                                   GDateTime           *to,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (CARPORT_IS_SESSION (self));
  g_return_if_fail (CARPORT_IS_VEHICLE (vehicle));
  g_return_if_fail (from != NULL && to != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, carport_session_get_charges_async);
  if (!self->client || self->state != CARPORT_SESSION_STATE_READY)
    {
      g_task_return_new_error (task, CARPORT_API_ERROR, CARPORT_API_ERROR_LOGIN_EXPIRED, _("Not logged in."));
      return;
    }
  if (quota_blocked (self, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  busy_push (self);
  carport_vehicle_client_get_charges_async (self->client, vehicle, from, to, cancellable, charges_cb,
                                             g_steal_pointer (&task));
}

GPtrArray *
carport_session_get_charges_finish (CarportSession  *self,
                                    GAsyncResult    *result,
                                    GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ----------------------------------------------------------------------- */
/* Commands                                                                */

static guint
endpoints_changed_by (CarportCommandKind kind)
{
#define EP(e) (1u << CARPORT_ENDPOINT_##e)
  switch (kind)
    {
    case CARPORT_COMMAND_KIND_HVAC_START:
    case CARPORT_COMMAND_KIND_HVAC_STOP:
    case CARPORT_COMMAND_KIND_REFRESH_HVAC:
      return EP (HVAC_STATUS);
    case CARPORT_COMMAND_KIND_CHARGE_START:
    case CARPORT_COMMAND_KIND_CHARGE_STOP:
    case CARPORT_COMMAND_KIND_REFRESH_BATTERY:
      return EP (BATTERY_STATUS) | EP (EV_SETTINGS);
    case CARPORT_COMMAND_KIND_CHARGE_MODE:
    case CARPORT_COMMAND_KIND_CHARGE_SCHEDULE:
      return EP (CHARGE_MODE) | EP (CHARGING_SETTINGS) | EP (CHARGE_SCHEDULE) | EP (EV_SETTINGS);
    case CARPORT_COMMAND_KIND_HVAC_SCHEDULE:
      return EP (HVAC_SETTINGS);
    case CARPORT_COMMAND_KIND_REFRESH_LOCATION:
      return EP (LOCATION);
    case CARPORT_COMMAND_KIND_SOC_LEVELS:
      return EP (SOC_LEVELS);
    case CARPORT_COMMAND_KIND_REFRESH_LOCKS:
      return EP (LOCK_STATUS);
    case CARPORT_COMMAND_KIND_HORN:
    case CARPORT_COMMAND_KIND_LIGHTS:
    case CARPORT_N_COMMAND_KINDS:
    default:
      return 0;
    }
#undef EP
}

CarportCommand *
carport_session_create_command (CarportSession     *self,
                                CarportVehicle     *vehicle,
                                CarportCommandKind  kind)
{
  g_return_val_if_fail (CARPORT_IS_SESSION (self), NULL);
  g_return_val_if_fail (CARPORT_IS_VEHICLE (vehicle), NULL);

  return carport_command_new (kind, carport_vehicle_get_vin (vehicle));
}

CarportCommand *
carport_session_get_command_in_flight (CarportSession     *self,
                                       CarportVehicle     *vehicle,
                                       CarportCommandKind  kind)
{
  g_return_val_if_fail (CARPORT_IS_SESSION (self), NULL);

  for (guint i = 0; i < self->commands->len; i++)
    {
      CarportCommand *command = g_ptr_array_index (self->commands, i);

      if (carport_command_get_kind (command) == kind &&
          g_strcmp0 (carport_command_get_vin (command), carport_vehicle_get_vin (vehicle)) == 0)
        return command;
    }
  return NULL;
}

typedef struct {
  CarportCommand *command;
  CarportVehicle *vehicle;
  GTask          *waiter;     /* the caller's task while it waits; NULL without @wait */
  guint           interval_ms;
  gint64          deadline;   /* monotonic µs */
  guint           timeout_source;
} Tracking;

static void
tracking_free (Tracking *tracking)
{
  g_clear_handle_id (&tracking->timeout_source, g_source_remove);
  g_clear_object (&tracking->command);
  g_clear_object (&tracking->vehicle);
  g_clear_object (&tracking->waiter);
  g_free (tracking);
}

static void track_poll (CarportSession *self, Tracking *tracking);

static void
command_refreshed_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(CarportVehicle) vehicle = user_data;
  g_autoptr(GError) error = NULL;
  CarportSession *self = g_object_get_data (G_OBJECT (vehicle), "carport-session");

  carport_vehicle_client_refresh_finish (CARPORT_VEHICLE_CLIENT (source), result, &error);
  if (self)
    vehicle_refreshed (self, vehicle, error);
}

static void
track_finish (CarportSession *self,
              Tracking       *tracking)
{
  CarportCommand *command = tracking->command;
  CarportCommandState state = carport_command_get_state (command);
  guint endpoints = endpoints_changed_by (carport_command_get_kind (command));

  g_ptr_array_remove (self->commands, command);

  if (state == CARPORT_COMMAND_STATE_COMPLETED && endpoints && self->client)
    carport_vehicle_client_refresh_async (self->client, tracking->vehicle, endpoints, self->cancellable,
                                           command_refreshed_cb, g_object_ref (tracking->vehicle));
  if (state == CARPORT_COMMAND_STATE_COMPLETED &&
      carport_command_get_kind (command) == CARPORT_COMMAND_KIND_CHARGE_STOP)
    g_object_set_data (G_OBJECT (tracking->vehicle), "carport-stop-asked", GINT_TO_POINTER (TRUE));

  g_signal_emit (self, signals[SIGNAL_EVENT], 0, CARPORT_SESSION_EVENT_COMMAND_FINISHED,
                 tracking->vehicle, command);

  if (tracking->waiter)
    {
      if (state == CARPORT_COMMAND_STATE_COMPLETED)
        g_task_return_boolean (tracking->waiter, TRUE);
      else
        g_task_return_new_error (tracking->waiter, CARPORT_API_ERROR, CARPORT_API_ERROR_FAILED, "%s",
                                 carport_command_get_message (command)
                                   ? carport_command_get_message (command)
                                   : _("The car did not carry out the command."));
    }
  tracking_free (tracking);
}

static void
poll_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Tracking *tracking = user_data;
  CarportSession *self;
  g_autoptr(GError) error = NULL;
  CarportCommandState state = CARPORT_COMMAND_STATE_PENDING;

  carport_vehicle_client_poll_command_finish (CARPORT_VEHICLE_CLIENT (source), result, &state, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      if (tracking->waiter)
        g_task_return_error (tracking->waiter, g_steal_pointer (&error));
      tracking_free (tracking);
      return;
    }
  self = g_object_get_data (G_OBJECT (tracking->vehicle), "carport-session");
  if (!self)
    {
      tracking_free (tracking);
      return;
    }

  if (error)
    {
      /* A failed poll is not a failed command: try again until the deadline. */
      note_error (self, error);
      g_debug ("Polling a command failed: %s", error->message);
    }
  else if (state != CARPORT_COMMAND_STATE_PENDING)
    {
      track_finish (self, tracking);
      return;
    }
  track_poll (self, tracking);
}

static gboolean
poll_timeout_cb (gpointer user_data)
{
  Tracking *tracking = user_data;
  CarportSession *self = g_object_get_data (G_OBJECT (tracking->vehicle), "carport-session");

  tracking->timeout_source = 0;
  if (!self || !self->client)
    {
      if (tracking->waiter)
        g_task_return_new_error (tracking->waiter, G_IO_ERROR, G_IO_ERROR_CANCELLED, "Logged out");
      tracking_free (tracking);
      return G_SOURCE_REMOVE;
    }

  if (g_get_monotonic_time () >= tracking->deadline)
    {
      carport_command_set_state (tracking->command, CARPORT_COMMAND_STATE_TIMED_OUT);
      carport_command_set_message (tracking->command,
                                   _("The car did not confirm the command in time. It may still carry it out."));
      track_finish (self, tracking);
      return G_SOURCE_REMOVE;
    }

  carport_vehicle_client_poll_command_async (self->client, tracking->vehicle, tracking->command, self->cancellable,
                                              poll_cb, tracking);
  return G_SOURCE_REMOVE;
}

static void
track_poll (CarportSession *self,
            Tracking       *tracking)
{
  tracking->timeout_source = g_timeout_add (tracking->interval_ms, poll_timeout_cb, tracking);
  tracking->interval_ms = MIN (tracking->interval_ms * 2, MAX (MAX_POLL_INTERVAL_MS, self->poll_interval_ms));
}

static void
command_sent_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CarportSession *self = g_task_get_source_object (task);
  CarportCommand *command = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  Tracking *tracking;
  CarportVehicle *vehicle;

  busy_pop (self);
  vehicle = carport_session_find_vehicle (self, carport_command_get_vin (command));
  if (!carport_vehicle_client_send_command_finish (CARPORT_VEHICLE_CLIENT (source), result, &error))
    {
      note_error (self, error);
      if (carport_command_get_state (command) != CARPORT_COMMAND_STATE_FAILED)
        {
          carport_command_set_message (command, error->message);
          carport_command_set_state (command, CARPORT_COMMAND_STATE_FAILED);
        }
      g_ptr_array_remove (self->commands, command);
      if (vehicle && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_signal_emit (self, signals[SIGNAL_EVENT], 0, CARPORT_SESSION_EVENT_COMMAND_FINISHED, vehicle, command);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  tracking = g_new0 (Tracking, 1);
  tracking->command = g_object_ref (command);
  tracking->vehicle = vehicle ? g_object_ref (vehicle) : NULL;
  tracking->interval_ms = self->poll_interval_ms;
  tracking->deadline = g_get_monotonic_time () + (gint64) self->command_timeout * G_USEC_PER_SEC;

  if (!vehicle)
    {
      tracking_free (tracking);
      g_task_return_boolean (task, TRUE);
      return;
    }

  /* Without a server id there is nothing to follow: the server took it. */
  if (!carport_command_get_server_id (command))
    {
      carport_command_set_state (command, CARPORT_COMMAND_STATE_COMPLETED);
      tracking->waiter = g_steal_pointer (&task);
      track_finish (self, tracking);
      return;
    }

  if (g_task_get_task_data (task) && g_object_get_data (G_OBJECT (task), "carport-wait"))
    tracking->waiter = g_steal_pointer (&task);
  else
    g_task_return_boolean (task, TRUE);

  track_poll (self, tracking);
}

void
carport_session_send_command_async (CarportSession      *self,
                                    CarportCommand      *command,
                                    gboolean             wait,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  CarportVehicle *vehicle;

  g_return_if_fail (CARPORT_IS_SESSION (self));
  g_return_if_fail (CARPORT_IS_COMMAND (command));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, carport_session_send_command_async);
  g_task_set_task_data (task, g_object_ref (command), g_object_unref);
  if (wait)
    g_object_set_data (G_OBJECT (task), "carport-wait", GINT_TO_POINTER (TRUE));

  vehicle = carport_session_find_vehicle (self, carport_command_get_vin (command));
  if (!self->client || !vehicle)
    {
      g_task_return_new_error (task, CARPORT_API_ERROR, CARPORT_API_ERROR_FAILED,
                               _("This car is not in the account any more."));
      return;
    }
  if (carport_command_get_state (command) != CARPORT_COMMAND_STATE_NEW)
    {
      g_task_return_new_error (task, CARPORT_API_ERROR, CARPORT_API_ERROR_FAILED,
                               "A command is sent only once");
      return;
    }
  if (carport_session_get_command_in_flight (self, vehicle, carport_command_get_kind (command)))
    {
      g_task_return_new_error (task, CARPORT_API_ERROR, CARPORT_API_ERROR_IN_PROGRESS,
                               _("%s is already on its way to the car."),
                               carport_command_kind_get_title (carport_command_get_kind (command)));
      return;
    }
  if (quota_blocked (self, &error))
    {
      carport_command_set_message (command, error->message);
      carport_command_set_state (command, CARPORT_COMMAND_STATE_FAILED);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_ptr_array_add (self->commands, g_object_ref (command));
  busy_push (self);
  carport_vehicle_client_send_command_async (self->client, vehicle, command, self->cancellable,
                                              command_sent_cb, g_steal_pointer (&task));
}

gboolean
carport_session_send_command_finish (CarportSession  *self,
                                     GAsyncResult    *result,
                                     GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ----------------------------------------------------------------------- */
/* GObject                                                                 */

CarportSession *
carport_session_new (gpointer store,
                     gpointer cache)
{
  g_return_val_if_fail (CARPORT_IS_CREDENTIAL_STORE (store), NULL);
  g_return_val_if_fail (cache == NULL || CARPORT_IS_STATE_CACHE (cache), NULL);

  return g_object_new (CARPORT_TYPE_SESSION, "store", store, "cache", cache, NULL);
}

CarportSessionState
carport_session_get_state (CarportSession *self)
{
  g_return_val_if_fail (CARPORT_IS_SESSION (self), CARPORT_SESSION_STATE_LOGGED_OUT);
  return self->state;
}

GListModel *
carport_session_get_vehicles (CarportSession *self)
{
  g_return_val_if_fail (CARPORT_IS_SESSION (self), NULL);
  return G_LIST_MODEL (self->vehicles);
}

CarportVehicle *
carport_session_find_vehicle (CarportSession *self,
                              const char     *vin)
{
  g_return_val_if_fail (CARPORT_IS_SESSION (self), NULL);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->vehicles)); i++)
    {
      g_autoptr(CarportVehicle) vehicle = g_list_model_get_item (G_LIST_MODEL (self->vehicles), i);

      if (g_strcmp0 (carport_vehicle_get_vin (vehicle), vin) == 0)
        return vehicle;   /* the list keeps its reference */
    }
  return NULL;
}

const char *
carport_session_get_email (CarportSession *self)
{
  g_return_val_if_fail (CARPORT_IS_SESSION (self), NULL);
  return self->email;
}

const char *
carport_session_get_locale (CarportSession *self)
{
  g_return_val_if_fail (CARPORT_IS_SESSION (self), NULL);
  return self->locale;
}

CarportBrand
carport_session_get_brand (CarportSession *self)
{
  g_return_val_if_fail (CARPORT_IS_SESSION (self), CARPORT_BRAND_UNKNOWN);
  return self->brand;
}

guint
carport_session_get_refresh_interval (CarportSession *self)
{
  g_return_val_if_fail (CARPORT_IS_SESSION (self), 0);
  return self->refresh_interval;
}

void
carport_session_set_refresh_interval (CarportSession *self,
                                      guint           seconds)
{
  g_return_if_fail (CARPORT_IS_SESSION (self));

  if (self->refresh_interval == seconds)
    return;
  self->refresh_interval = seconds;
  g_clear_handle_id (&self->refresh_source, g_source_remove);
  if (seconds > 0)
    self->refresh_source = g_timeout_add_seconds (seconds, refresh_timeout_cb, self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REFRESH_INTERVAL]);
}

static void
carport_session_dispose (GObject *object)
{
  CarportSession *self = CARPORT_SESSION (object);

  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->refresh_source, g_source_remove);
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
  g_clear_object (&self->vehicles);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (carport_session_parent_class)->dispose (object);
}

static void
carport_session_finalize (GObject *object)
{
  CarportSession *self = CARPORT_SESSION (object);

  wipe_password (self);
  wipe_string (&self->saved_access);
  g_strfreev (self->service_roots);
  g_free (self->locale);
  g_free (self->email);

  G_OBJECT_CLASS (carport_session_parent_class)->finalize (object);
}

static void
carport_session_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CarportSession *self = CARPORT_SESSION (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_CACHE:
      g_value_set_object (value, self->cache);
      break;
    case PROP_SERVICE_ROOTS:
      g_value_set_boxed (value, self->service_roots);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_BRAND:
      g_value_set_enum (value, self->brand);
      break;
    case PROP_LOCALE:
      g_value_set_string (value, self->locale);
      break;
    case PROP_EMAIL:
      g_value_set_string (value, self->email);
      break;
    case PROP_VEHICLES:
      g_value_set_object (value, self->vehicles);
      break;
    case PROP_REFRESH_INTERVAL:
      g_value_set_uint (value, self->refresh_interval);
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
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carport_session_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  CarportSession *self = CARPORT_SESSION (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_CACHE:
      self->cache = g_value_dup_object (value);
      break;
    case PROP_SERVICE_ROOTS:
      self->service_roots = g_value_dup_boxed (value);
      break;
    case PROP_REFRESH_INTERVAL:
      carport_session_set_refresh_interval (self, g_value_get_uint (value));
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
carport_session_class_init (CarportSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = carport_session_dispose;
  object_class->finalize = carport_session_finalize;
  object_class->get_property = carport_session_get_property;
  object_class->set_property = carport_session_set_property;

  previous_charging_quark = g_quark_from_static_string ("carport-previous-charging");

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, CARPORT_TYPE_CREDENTIAL_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CACHE] =
    g_param_spec_object ("cache", NULL, NULL, CARPORT_TYPE_STATE_CACHE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SERVICE_ROOTS] =
    g_param_spec_boxed ("service-roots", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, CARPORT_TYPE_SESSION_STATE, CARPORT_SESSION_STATE_LOGGED_OUT,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BRAND] =
    g_param_spec_enum ("brand", NULL, NULL, CARPORT_TYPE_BRAND, CARPORT_BRAND_UNKNOWN,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOCALE] =
    g_param_spec_string ("locale", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_EMAIL] =
    g_param_spec_string ("email", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_VEHICLES] =
    g_param_spec_object ("vehicles", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_REFRESH_INTERVAL] =
    g_param_spec_uint ("refresh-interval", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COMMAND_TIMEOUT] =
    g_param_spec_uint ("command-timeout", NULL, NULL, 1, G_MAXUINT, 120,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_POLL_INTERVAL] =
    g_param_spec_uint ("poll-interval", NULL, NULL, 10, 60000, DEFAULT_POLL_INTERVAL_MS,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_EVENT] =
    g_signal_new ("event", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, CARPORT_TYPE_SESSION_EVENT, CARPORT_TYPE_VEHICLE, CARPORT_TYPE_COMMAND);
}

static void
carport_session_init (CarportSession *self)
{
  self->http = carport_http_new ();
  self->vehicles = g_list_store_new (CARPORT_TYPE_VEHICLE);
  self->commands = g_ptr_array_new_with_free_func (g_object_unref);
  self->flush_waiters = g_ptr_array_new_with_free_func (g_object_unref);
  self->cancellable = g_cancellable_new ();
  self->command_timeout = 120;
  self->poll_interval_ms = DEFAULT_POLL_INTERVAL_MS;
}
