/* carport-vehicle.c — one car: identity, what it supports, and its state objects.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "carport-core"

#include "config.h"

#include <math.h>
#include <gio/gio.h>

#include "carport-vehicle.h"
#include "carport-core-enum-types.h"

#define ALL_ENDPOINTS ((1u << CARPORT_N_ENDPOINTS) - 1)
#define ALL_COMMANDS  ((1u << CARPORT_N_COMMAND_KINDS) - 1)

struct _CarportVehicle
{
  GObject parent_instance;

  char                  *vin;          /* owned */
  CarportBrand           brand;
  char                  *model_code;   /* owned, nullable */
  char                  *model_name;   /* owned, nullable */
  char                  *registration; /* owned, nullable */
  CarportEnergy          energy;
  char                  *account_id;   /* owned, nullable */
  char                  *picture_url;  /* owned, nullable */
  char                  *picture_file; /* owned, nullable */
  char                  *client_data;  /* owned, nullable */

  guint                  supported_endpoints;  /* what the brand offers for this model */
  guint                  learned_unsupported;  /* refused twice at run time */
  gint64                 learned_at;           /* unix seconds of the last such lesson */
  guint                  endpoints_with_data;  /* have answered with data: never hidden */
  gint64                 settings_read_at;     /* unix seconds of the last full read of the settings */
  guint                  supported_commands;

  /* owned, created in init, never NULL before dispose */
  CarportBattery        *battery;
  CarportCockpit        *cockpit;
  CarportClimate        *climate;
  CarportLocation       *location;
  CarportLocks          *locks;
  CarportTyres          *tyres;
  CarportServices       *services;
  CarportTrips          *trips;
  CarportChargeSettings *charge_settings;
  CarportCapabilities   *capabilities;

  gboolean               from_cache;
  gboolean               refreshing;
  char                  *last_error;   /* owned, nullable */

  char                  *endpoint_errors[CARPORT_N_ENDPOINTS]; /* owned, nullable */
};

G_DEFINE_FINAL_TYPE (CarportVehicle, carport_vehicle, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_VIN,
  PROP_BRAND,
  PROP_MODEL_CODE,
  PROP_MODEL_NAME,
  PROP_REGISTRATION,
  PROP_ENERGY,
  PROP_ACCOUNT_ID,
  PROP_PICTURE_URL,
  PROP_PICTURE_FILE,
  PROP_CLIENT_DATA,
  PROP_DISPLAY_NAME,
  PROP_SUPPORTED_ENDPOINTS,
  PROP_LEARNED_UNSUPPORTED,
  PROP_LEARNED_AT,
  PROP_ENDPOINTS_WITH_DATA,
  PROP_READABLE_ENDPOINTS,
  PROP_SETTINGS_READ_AT,
  PROP_SUPPORTED_COMMANDS,
  PROP_BATTERY,
  PROP_COCKPIT,
  PROP_CLIMATE,
  PROP_LOCATION,
  PROP_LOCKS,
  PROP_TYRES,
  PROP_SERVICES,
  PROP_TRIPS,
  PROP_CHARGE_SETTINGS,
  PROP_CAPABILITIES,
  PROP_FROM_CACHE,
  PROP_REFRESHING,
  PROP_LAST_ERROR,
  PROP_HAS_ERRORS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_ENDPOINT_ERROR_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

CarportVehicle *
carport_vehicle_new (const char *vin)
{
  return g_object_new (CARPORT_TYPE_VEHICLE,
                       "vin", vin,
                       NULL);
}

/* Sets one of the string fields, and notifies display-name too when the
 * change alters it. */
static void
set_string (CarportVehicle *self,
            char          **field,
            const char     *value,
            guint           prop_id)
{
  g_autofree char *old_display_name = NULL;

  if (g_strcmp0 (*field, value) == 0)
    return;

  old_display_name = g_strdup (carport_vehicle_get_display_name (self));

  g_free (*field);
  *field = g_strdup (value);

  g_object_freeze_notify (G_OBJECT (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
  if (g_strcmp0 (old_display_name, carport_vehicle_get_display_name (self)) != 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DISPLAY_NAME]);
  g_object_thaw_notify (G_OBJECT (self));
}

const char *
carport_vehicle_get_vin (CarportVehicle *self)
{
  g_return_val_if_fail (CARPORT_IS_VEHICLE (self), NULL);

  return self->vin;
}

CarportBrand
carport_vehicle_get_brand (CarportVehicle *self)
{
  g_return_val_if_fail (CARPORT_IS_VEHICLE (self), CARPORT_BRAND_UNKNOWN);

  return self->brand;
}

void
carport_vehicle_set_brand (CarportVehicle *self,
                           CarportBrand    value)
{
  g_return_if_fail (CARPORT_IS_VEHICLE (self));

  if (self->brand == value)
    return;

  self->brand = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BRAND]);
}

const char *
carport_vehicle_get_model_code (CarportVehicle *self)
{
  g_return_val_if_fail (CARPORT_IS_VEHICLE (self), NULL);

  return self->model_code;
}

void
carport_vehicle_set_model_code (CarportVehicle *self,
                                const char     *value)
{
  g_return_if_fail (CARPORT_IS_VEHICLE (self));

  set_string (self, &self->model_code, value, PROP_MODEL_CODE);
}

const char *
carport_vehicle_get_model_name (CarportVehicle *self)
{
  g_return_val_if_fail (CARPORT_IS_VEHICLE (self), NULL);

  return self->model_name;
}

void
carport_vehicle_set_model_name (CarportVehicle *self,
                                const char     *value)
{
  g_return_if_fail (CARPORT_IS_VEHICLE (self));

  set_string (self, &self->model_name, value, PROP_MODEL_NAME);
}

const char *
carport_vehicle_get_registration (CarportVehicle *self)
{
  g_return_val_if_fail (CARPORT_IS_VEHICLE (self), NULL);

  return self->registration;
}

void
carport_vehicle_set_registration (CarportVehicle *self,
                                  const char     *value)
{
  g_return_if_fail (CARPORT_IS_VEHICLE (self));

  set_string (self, &self->registration, value, PROP_REGISTRATION);
}

CarportEnergy
carport_vehicle_get_energy (CarportVehicle *self)
{
  g_return_val_if_fail (CARPORT_IS_VEHICLE (self), CARPORT_ENERGY_NONE);

  return self->energy;
}

void
carport_vehicle_set_energy (CarportVehicle *self,
                            CarportEnergy   value)
{
  g_return_if_fail (CARPORT_IS_VEHICLE (self));

  if (self->energy == value)
    return;

  self->energy = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENERGY]);
}

const char *
carport_vehicle_get_account_id (CarportVehicle *self)
{
  g_return_val_if_fail (CARPORT_IS_VEHICLE (self), NULL);

  return self->account_id;
}

void
carport_vehicle_set_account_id (CarportVehicle *self,
                                const char     *value)
{
  g_return_if_fail (CARPORT_IS_VEHICLE (self));

  set_string (self, &self->account_id, value, PROP_ACCOUNT_ID);
}

const char *
carport_vehicle_get_picture_url (CarportVehicle *self)
{
  g_return_val_if_fail (CARPORT_IS_VEHICLE (self), NULL);

  return self->picture_url;
}

void
carport_vehicle_set_picture_url (CarportVehicle *self,
                                 const char     *value)
{
  g_return_if_fail (CARPORT_IS_VEHICLE (self));

  set_string (self, &self->picture_url, value, PROP_PICTURE_URL);
}

const char *
carport_vehicle_get_picture_file (CarportVehicle *self)
{
  g_return_val_if_fail (CARPORT_IS_VEHICLE (self), NULL);

  return self->picture_file;
}

void
carport_vehicle_set_picture_file (CarportVehicle *self,
                                  const char     *value)
{
  g_return_if_fail (CARPORT_IS_VEHICLE (self));

  set_string (self, &self->picture_file, value, PROP_PICTURE_FILE);
}

const char *
carport_vehicle_get_client_data (CarportVehicle *self)
{
  g_return_val_if_fail (CARPORT_IS_VEHICLE (self), NULL);

  return self->client_data;
}

void
carport_vehicle_set_client_data (CarportVehicle *self,
                                 const char     *value)
{
  g_return_if_fail (CARPORT_IS_VEHICLE (self));

  set_string (self, &self->client_data, value, PROP_CLIENT_DATA);
}

const char *
carport_vehicle_get_display_name (CarportVehicle *self)
{
  g_return_val_if_fail (CARPORT_IS_VEHICLE (self), NULL);

  if (self->registration != NULL && self->registration[0] != '\0')
    return self->registration;
  if (self->model_name != NULL && self->model_name[0] != '\0')
    return self->model_name;

  return self->vin;
}

guint
carport_vehicle_get_supported_endpoints (CarportVehicle *self)
{
  g_return_val_if_fail (CARPORT_IS_VEHICLE (self), 0);

  return self->supported_endpoints;
}

/* Learned lessons are forgotten a day after the last one: the endpoint is
 * asked again. */
static guint
active_learned (CarportVehicle *self)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  if (self->learned_unsupported == 0 || now - self->learned_at > CARPORT_VEHICLE_LEARNED_SECONDS ||
      now < self->learned_at)
    return 0;
  return self->learned_unsupported & ~self->endpoints_with_data;
}

guint
carport_vehicle_get_readable_endpoints (CarportVehicle *self)
{
  g_return_val_if_fail (CARPORT_IS_VEHICLE (self), 0);

  return self->supported_endpoints & ~active_learned (self);
}

static void
set_mask (CarportVehicle *self,
          guint          *field,
          guint           mask,
          GParamSpec     *pspec)
{
  guint readable = carport_vehicle_get_readable_endpoints (self);

  mask &= ALL_ENDPOINTS;
  if (*field == mask)
    return;

  *field = mask;
  g_object_notify_by_pspec (G_OBJECT (self), pspec);
  if (carport_vehicle_get_readable_endpoints (self) != readable)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READABLE_ENDPOINTS]);
}

void
carport_vehicle_set_supported_endpoints (CarportVehicle *self,
                                         guint           mask)
{
  g_return_if_fail (CARPORT_IS_VEHICLE (self));

  set_mask (self, &self->supported_endpoints, mask, properties[PROP_SUPPORTED_ENDPOINTS]);
}

gboolean
carport_vehicle_supports_endpoint (CarportVehicle  *self,
                                   CarportEndpoint  endpoint)
{
  g_return_val_if_fail (CARPORT_IS_VEHICLE (self), FALSE);
  g_return_val_if_fail ((guint) endpoint < CARPORT_N_ENDPOINTS, FALSE);

  return (carport_vehicle_get_readable_endpoints (self) & (1u << endpoint)) != 0;
}

gboolean
carport_vehicle_mark_unsupported (CarportVehicle  *self,
                                  CarportEndpoint  endpoint)
{
  g_return_val_if_fail (CARPORT_IS_VEHICLE (self), FALSE);
  g_return_val_if_fail ((guint) endpoint < CARPORT_N_ENDPOINTS, FALSE);

  if (self->endpoints_with_data & (1u << endpoint))
    return FALSE;

  g_object_freeze_notify (G_OBJECT (self));
  /* Older lessons that expired are forgotten, not renewed with this one. */
  if (active_learned (self) == 0 && self->learned_unsupported != 0)
    set_mask (self, &self->learned_unsupported, 0, properties[PROP_LEARNED_UNSUPPORTED]);
  self->learned_at = g_get_real_time () / G_USEC_PER_SEC;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LEARNED_AT]);
  set_mask (self, &self->learned_unsupported, self->learned_unsupported | (1u << endpoint),
            properties[PROP_LEARNED_UNSUPPORTED]);
  g_object_thaw_notify (G_OBJECT (self));
  return TRUE;
}

void
carport_vehicle_note_endpoint_data (CarportVehicle  *self,
                                    CarportEndpoint  endpoint)
{
  g_return_if_fail (CARPORT_IS_VEHICLE (self));
  g_return_if_fail ((guint) endpoint < CARPORT_N_ENDPOINTS);

  g_object_freeze_notify (G_OBJECT (self));
  set_mask (self, &self->endpoints_with_data, self->endpoints_with_data | (1u << endpoint),
            properties[PROP_ENDPOINTS_WITH_DATA]);
  set_mask (self, &self->learned_unsupported, self->learned_unsupported & ~(1u << endpoint),
            properties[PROP_LEARNED_UNSUPPORTED]);
  g_object_thaw_notify (G_OBJECT (self));
}

gint64
carport_vehicle_get_settings_read_at (CarportVehicle *self)
{
  g_return_val_if_fail (CARPORT_IS_VEHICLE (self), 0);

  return self->settings_read_at;
}

void
carport_vehicle_set_settings_read_at (CarportVehicle *self,
                                      gint64          value)
{
  g_return_if_fail (CARPORT_IS_VEHICLE (self));

  if (self->settings_read_at == value)
    return;
  self->settings_read_at = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SETTINGS_READ_AT]);
}

guint
carport_vehicle_get_settings_due (CarportVehicle *self)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  g_return_val_if_fail (CARPORT_IS_VEHICLE (self), 0);

  if (now - self->settings_read_at < CARPORT_VEHICLE_SETTINGS_SECONDS && now >= self->settings_read_at)
    return 0;
  return CARPORT_ENDPOINT_MASK_SETTINGS;
}

guint
carport_vehicle_get_supported_commands (CarportVehicle *self)
{
  g_return_val_if_fail (CARPORT_IS_VEHICLE (self), 0);

  return self->supported_commands;
}

void
carport_vehicle_set_supported_commands (CarportVehicle *self,
                                        guint           mask)
{
  g_return_if_fail (CARPORT_IS_VEHICLE (self));

  mask &= ALL_COMMANDS;
  if (self->supported_commands == mask)
    return;

  self->supported_commands = mask;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUPPORTED_COMMANDS]);
}

gboolean
carport_vehicle_supports_command (CarportVehicle     *self,
                                  CarportCommandKind  kind)
{
  g_return_val_if_fail (CARPORT_IS_VEHICLE (self), FALSE);
  g_return_val_if_fail ((guint) kind < CARPORT_N_COMMAND_KINDS, FALSE);

  return (self->supported_commands & (1u << kind)) != 0;
}

CarportBattery *
carport_vehicle_get_battery (CarportVehicle *self)
{
  g_return_val_if_fail (CARPORT_IS_VEHICLE (self), NULL);

  return self->battery;
}

CarportCockpit *
carport_vehicle_get_cockpit (CarportVehicle *self)
{
  g_return_val_if_fail (CARPORT_IS_VEHICLE (self), NULL);

  return self->cockpit;
}

CarportClimate *
carport_vehicle_get_climate (CarportVehicle *self)
{
  g_return_val_if_fail (CARPORT_IS_VEHICLE (self), NULL);

  return self->climate;
}

CarportLocation *
carport_vehicle_get_location (CarportVehicle *self)
{
  g_return_val_if_fail (CARPORT_IS_VEHICLE (self), NULL);

  return self->location;
}

CarportLocks *
carport_vehicle_get_locks (CarportVehicle *self)
{
  g_return_val_if_fail (CARPORT_IS_VEHICLE (self), NULL);

  return self->locks;
}

CarportTyres *
carport_vehicle_get_tyres (CarportVehicle *self)
{
  g_return_val_if_fail (CARPORT_IS_VEHICLE (self), NULL);

  return self->tyres;
}

CarportServices *
carport_vehicle_get_services (CarportVehicle *self)
{
  g_return_val_if_fail (CARPORT_IS_VEHICLE (self), NULL);

  return self->services;
}

CarportTrips *
carport_vehicle_get_trips (CarportVehicle *self)
{
  g_return_val_if_fail (CARPORT_IS_VEHICLE (self), NULL);

  return self->trips;
}

CarportChargeSettings *
carport_vehicle_get_charge_settings (CarportVehicle *self)
{
  g_return_val_if_fail (CARPORT_IS_VEHICLE (self), NULL);

  return self->charge_settings;
}

CarportCapabilities *
carport_vehicle_get_capabilities (CarportVehicle *self)
{
  g_return_val_if_fail (CARPORT_IS_VEHICLE (self), NULL);

  return self->capabilities;
}

gboolean
carport_vehicle_check_climate_temperature (CarportVehicle  *self,
                                           double           temperature_c,
                                           GError         **error)
{
  g_return_val_if_fail (CARPORT_IS_VEHICLE (self), FALSE);

  return carport_capabilities_check_climate_temperature (self->capabilities, temperature_c, error);
}

gboolean
carport_vehicle_check_command (CarportVehicle  *self,
                               CarportCommand  *command,
                               GError         **error)
{
  double temperature;

  g_return_val_if_fail (CARPORT_IS_VEHICLE (self), FALSE);
  g_return_val_if_fail (CARPORT_IS_COMMAND (command), FALSE);

  temperature = carport_command_get_temperature_c (command);
  if (carport_command_get_kind (command) == CARPORT_COMMAND_KIND_HVAC_START && !isnan (temperature))
    return carport_vehicle_check_climate_temperature (self, temperature, error);

  if (carport_command_get_kind (command) == CARPORT_COMMAND_KIND_CHARGE_START)
    return carport_capabilities_check_charge_start_time (self->capabilities, carport_command_get_start_at (command),
                                                         error);

  if (carport_command_get_kind (command) == CARPORT_COMMAND_KIND_SOC_LEVELS)
    {
      CarportSocRange range;

      carport_capabilities_get_soc_range (self->capabilities, &range);
      return carport_soc_range_check (&range, carport_command_get_soc_min_percent (command),
                                      carport_command_get_soc_target_percent (command), error);
    }

  return TRUE;
}

gboolean
carport_vehicle_get_from_cache (CarportVehicle *self)
{
  g_return_val_if_fail (CARPORT_IS_VEHICLE (self), FALSE);

  return self->from_cache;
}

void
carport_vehicle_set_from_cache (CarportVehicle *self,
                                gboolean        value)
{
  g_return_if_fail (CARPORT_IS_VEHICLE (self));

  value = !!value;
  if (self->from_cache == value)
    return;

  self->from_cache = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FROM_CACHE]);
}

gboolean
carport_vehicle_get_refreshing (CarportVehicle *self)
{
  g_return_val_if_fail (CARPORT_IS_VEHICLE (self), FALSE);

  return self->refreshing;
}

void
carport_vehicle_set_refreshing (CarportVehicle *self,
                                gboolean        value)
{
  g_return_if_fail (CARPORT_IS_VEHICLE (self));

  value = !!value;
  if (self->refreshing == value)
    return;

  self->refreshing = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REFRESHING]);
}

const char *
carport_vehicle_get_last_error (CarportVehicle *self)
{
  g_return_val_if_fail (CARPORT_IS_VEHICLE (self), NULL);

  return self->last_error;
}

void
carport_vehicle_set_last_error (CarportVehicle *self,
                                const char     *value)
{
  g_return_if_fail (CARPORT_IS_VEHICLE (self));

  set_string (self, &self->last_error, value, PROP_LAST_ERROR);
}

gboolean
carport_vehicle_get_has_errors (CarportVehicle *self)
{
  g_return_val_if_fail (CARPORT_IS_VEHICLE (self), FALSE);

  for (guint i = 0; i < CARPORT_N_ENDPOINTS; i++)
    {
      if (self->endpoint_errors[i] != NULL)
        return TRUE;
    }

  return FALSE;
}

void
carport_vehicle_set_endpoint_error (CarportVehicle  *self,
                                    CarportEndpoint  endpoint,
                                    const char      *message)
{
  gboolean had_errors;

  g_return_if_fail (CARPORT_IS_VEHICLE (self));
  g_return_if_fail ((guint) endpoint < CARPORT_N_ENDPOINTS);

  if (g_strcmp0 (self->endpoint_errors[endpoint], message) == 0)
    return;

  had_errors = carport_vehicle_get_has_errors (self);

  g_free (self->endpoint_errors[endpoint]);
  self->endpoint_errors[endpoint] = g_strdup (message);

  g_signal_emit (self, signals[SIGNAL_ENDPOINT_ERROR_CHANGED], 0, endpoint);
  if (had_errors != carport_vehicle_get_has_errors (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_ERRORS]);
}

const char *
carport_vehicle_get_endpoint_error (CarportVehicle  *self,
                                    CarportEndpoint  endpoint)
{
  g_return_val_if_fail (CARPORT_IS_VEHICLE (self), NULL);
  g_return_val_if_fail ((guint) endpoint < CARPORT_N_ENDPOINTS, NULL);

  return self->endpoint_errors[endpoint];
}

void
carport_vehicle_clear_endpoint_errors (CarportVehicle *self)
{
  gboolean had_errors;

  g_return_if_fail (CARPORT_IS_VEHICLE (self));

  had_errors = carport_vehicle_get_has_errors (self);

  for (guint i = 0; i < CARPORT_N_ENDPOINTS; i++)
    if (self->endpoint_errors[i] != NULL)
      {
        g_clear_pointer (&self->endpoint_errors[i], g_free);
        g_signal_emit (self, signals[SIGNAL_ENDPOINT_ERROR_CHANGED], 0, (CarportEndpoint) i);
      }

  if (had_errors)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_ERRORS]);
}

static void
carport_vehicle_dispose (GObject *object)
{
  CarportVehicle *self = (CarportVehicle *) object;

  g_clear_object (&self->battery);
  g_clear_object (&self->cockpit);
  g_clear_object (&self->climate);
  g_clear_object (&self->location);
  g_clear_object (&self->locks);
  g_clear_object (&self->tyres);
  g_clear_object (&self->services);
  g_clear_object (&self->trips);
  g_clear_object (&self->charge_settings);
  g_clear_object (&self->capabilities);

  G_OBJECT_CLASS (carport_vehicle_parent_class)->dispose (object);
}

static void
carport_vehicle_finalize (GObject *object)
{
  CarportVehicle *self = (CarportVehicle *) object;

  g_clear_pointer (&self->vin, g_free);
  g_clear_pointer (&self->model_code, g_free);
  g_clear_pointer (&self->model_name, g_free);
  g_clear_pointer (&self->registration, g_free);
  g_clear_pointer (&self->account_id, g_free);
  g_clear_pointer (&self->picture_url, g_free);
  g_clear_pointer (&self->picture_file, g_free);
  g_clear_pointer (&self->client_data, g_free);
  g_clear_pointer (&self->last_error, g_free);
  for (guint i = 0; i < CARPORT_N_ENDPOINTS; i++)
    g_clear_pointer (&self->endpoint_errors[i], g_free);

  G_OBJECT_CLASS (carport_vehicle_parent_class)->finalize (object);
}

static void
carport_vehicle_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CarportVehicle *self = CARPORT_VEHICLE (object);

  switch (prop_id)
    {
    case PROP_VIN:
      g_value_set_string (value, self->vin);
      break;

    case PROP_BRAND:
      g_value_set_enum (value, self->brand);
      break;

    case PROP_MODEL_CODE:
      g_value_set_string (value, self->model_code);
      break;

    case PROP_MODEL_NAME:
      g_value_set_string (value, self->model_name);
      break;

    case PROP_REGISTRATION:
      g_value_set_string (value, self->registration);
      break;

    case PROP_ENERGY:
      g_value_set_enum (value, self->energy);
      break;

    case PROP_ACCOUNT_ID:
      g_value_set_string (value, self->account_id);
      break;

    case PROP_PICTURE_URL:
      g_value_set_string (value, self->picture_url);
      break;

    case PROP_PICTURE_FILE:
      g_value_set_string (value, self->picture_file);
      break;

    case PROP_CLIENT_DATA:
      g_value_set_string (value, self->client_data);
      break;

    case PROP_DISPLAY_NAME:
      g_value_set_string (value, carport_vehicle_get_display_name (self));
      break;

    case PROP_SUPPORTED_ENDPOINTS:
      g_value_set_uint (value, self->supported_endpoints);
      break;
    case PROP_LEARNED_UNSUPPORTED:
      g_value_set_uint (value, self->learned_unsupported);
      break;
    case PROP_LEARNED_AT:
      g_value_set_int64 (value, self->learned_at);
      break;
    case PROP_ENDPOINTS_WITH_DATA:
      g_value_set_uint (value, self->endpoints_with_data);
      break;
    case PROP_READABLE_ENDPOINTS:
      g_value_set_uint (value, carport_vehicle_get_readable_endpoints (self));
      break;
    case PROP_SETTINGS_READ_AT:
      g_value_set_int64 (value, self->settings_read_at);
      break;

    case PROP_SUPPORTED_COMMANDS:
      g_value_set_uint (value, self->supported_commands);
      break;

    case PROP_BATTERY:
      g_value_set_object (value, self->battery);
      break;

    case PROP_COCKPIT:
      g_value_set_object (value, self->cockpit);
      break;

    case PROP_CLIMATE:
      g_value_set_object (value, self->climate);
      break;

    case PROP_LOCATION:
      g_value_set_object (value, self->location);
      break;

    case PROP_LOCKS:
      g_value_set_object (value, self->locks);
      break;

    case PROP_TYRES:
      g_value_set_object (value, self->tyres);
      break;

    case PROP_SERVICES:
      g_value_set_object (value, self->services);
      break;

    case PROP_TRIPS:
      g_value_set_object (value, self->trips);
      break;

    case PROP_CHARGE_SETTINGS:
      g_value_set_object (value, self->charge_settings);
      break;

    case PROP_CAPABILITIES:
      g_value_set_object (value, self->capabilities);
      break;

    case PROP_FROM_CACHE:
      g_value_set_boolean (value, self->from_cache);
      break;

    case PROP_REFRESHING:
      g_value_set_boolean (value, self->refreshing);
      break;

    case PROP_LAST_ERROR:
      g_value_set_string (value, self->last_error);
      break;

    case PROP_HAS_ERRORS:
      g_value_set_boolean (value, carport_vehicle_get_has_errors (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carport_vehicle_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  CarportVehicle *self = CARPORT_VEHICLE (object);

  switch (prop_id)
    {
    case PROP_VIN:
      self->vin = g_value_dup_string (value);
      break;

    case PROP_BRAND:
      carport_vehicle_set_brand (self, g_value_get_enum (value));
      break;

    case PROP_MODEL_CODE:
      carport_vehicle_set_model_code (self, g_value_get_string (value));
      break;

    case PROP_MODEL_NAME:
      carport_vehicle_set_model_name (self, g_value_get_string (value));
      break;

    case PROP_REGISTRATION:
      carport_vehicle_set_registration (self, g_value_get_string (value));
      break;

    case PROP_ENERGY:
      carport_vehicle_set_energy (self, g_value_get_enum (value));
      break;

    case PROP_ACCOUNT_ID:
      carport_vehicle_set_account_id (self, g_value_get_string (value));
      break;

    case PROP_PICTURE_URL:
      carport_vehicle_set_picture_url (self, g_value_get_string (value));
      break;

    case PROP_PICTURE_FILE:
      carport_vehicle_set_picture_file (self, g_value_get_string (value));
      break;

    case PROP_CLIENT_DATA:
      carport_vehicle_set_client_data (self, g_value_get_string (value));
      break;

    case PROP_SUPPORTED_ENDPOINTS:
      carport_vehicle_set_supported_endpoints (self, g_value_get_uint (value));
      break;
    case PROP_LEARNED_UNSUPPORTED:
      set_mask (self, &self->learned_unsupported, g_value_get_uint (value), pspec);
      break;
    case PROP_SETTINGS_READ_AT:
      carport_vehicle_set_settings_read_at (self, g_value_get_int64 (value));
      break;
    case PROP_LEARNED_AT:
      if (self->learned_at != g_value_get_int64 (value))
        {
          guint readable = carport_vehicle_get_readable_endpoints (self);

          self->learned_at = g_value_get_int64 (value);
          g_object_notify_by_pspec (object, pspec);
          if (carport_vehicle_get_readable_endpoints (self) != readable)
            g_object_notify_by_pspec (object, properties[PROP_READABLE_ENDPOINTS]);
        }
      break;
    case PROP_ENDPOINTS_WITH_DATA:
      set_mask (self, &self->endpoints_with_data, g_value_get_uint (value), pspec);
      break;

    case PROP_SUPPORTED_COMMANDS:
      carport_vehicle_set_supported_commands (self, g_value_get_uint (value));
      break;

    case PROP_FROM_CACHE:
      carport_vehicle_set_from_cache (self, g_value_get_boolean (value));
      break;

    case PROP_REFRESHING:
      carport_vehicle_set_refreshing (self, g_value_get_boolean (value));
      break;

    case PROP_LAST_ERROR:
      carport_vehicle_set_last_error (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carport_vehicle_class_init (CarportVehicleClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = carport_vehicle_dispose;
  object_class->finalize = carport_vehicle_finalize;
  object_class->get_property = carport_vehicle_get_property;
  object_class->set_property = carport_vehicle_set_property;

  properties[PROP_VIN] =
    g_param_spec_string ("vin", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_BRAND] =
    g_param_spec_enum ("brand", NULL, NULL,
                       CARPORT_TYPE_BRAND, CARPORT_BRAND_UNKNOWN,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_MODEL_CODE] =
    g_param_spec_string ("model-code", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_MODEL_NAME] =
    g_param_spec_string ("model-name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_REGISTRATION] =
    g_param_spec_string ("registration", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_ENERGY] =
    g_param_spec_enum ("energy", NULL, NULL,
                       CARPORT_TYPE_ENERGY, CARPORT_ENERGY_NONE,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_ACCOUNT_ID] =
    g_param_spec_string ("account-id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_PICTURE_URL] =
    g_param_spec_string ("picture-url", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_PICTURE_FILE] =
    g_param_spec_string ("picture-file", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_CLIENT_DATA] =
    g_param_spec_string ("client-data", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_DISPLAY_NAME] =
    g_param_spec_string ("display-name", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_SUPPORTED_ENDPOINTS] =
    g_param_spec_uint ("supported-endpoints", NULL, NULL,
                       0, ALL_ENDPOINTS, ALL_ENDPOINTS,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_LEARNED_UNSUPPORTED] =
    g_param_spec_uint ("learned-unsupported", NULL, NULL,
                       0, ALL_ENDPOINTS, 0,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_LEARNED_AT] =
    g_param_spec_int64 ("learned-at", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_ENDPOINTS_WITH_DATA] =
    g_param_spec_uint ("endpoints-with-data", NULL, NULL,
                       0, ALL_ENDPOINTS, 0,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SETTINGS_READ_AT] =
    g_param_spec_int64 ("settings-read-at", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_READABLE_ENDPOINTS] =
    g_param_spec_uint ("readable-endpoints", NULL, NULL,
                       0, ALL_ENDPOINTS, ALL_ENDPOINTS,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SUPPORTED_COMMANDS] =
    g_param_spec_uint ("supported-commands", NULL, NULL,
                       0, ALL_COMMANDS, ALL_COMMANDS,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_BATTERY] =
    g_param_spec_object ("battery", NULL, NULL,
                         CARPORT_TYPE_BATTERY,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_COCKPIT] =
    g_param_spec_object ("cockpit", NULL, NULL,
                         CARPORT_TYPE_COCKPIT,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_CLIMATE] =
    g_param_spec_object ("climate", NULL, NULL,
                         CARPORT_TYPE_CLIMATE,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_LOCATION] =
    g_param_spec_object ("location", NULL, NULL,
                         CARPORT_TYPE_LOCATION,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_LOCKS] =
    g_param_spec_object ("locks", NULL, NULL,
                         CARPORT_TYPE_LOCKS,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_TYRES] =
    g_param_spec_object ("tyres", NULL, NULL,
                         CARPORT_TYPE_TYRES,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_SERVICES] =
    g_param_spec_object ("services", NULL, NULL,
                         CARPORT_TYPE_SERVICES,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_TRIPS] =
    g_param_spec_object ("trips", NULL, NULL,
                         CARPORT_TYPE_TRIPS,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_CHARGE_SETTINGS] =
    g_param_spec_object ("charge-settings", NULL, NULL,
                         CARPORT_TYPE_CHARGE_SETTINGS,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_CAPABILITIES] =
    g_param_spec_object ("capabilities", NULL, NULL,
                         CARPORT_TYPE_CAPABILITIES,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_FROM_CACHE] =
    g_param_spec_boolean ("from-cache", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_REFRESHING] =
    g_param_spec_boolean ("refreshing", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_LAST_ERROR] =
    g_param_spec_string ("last-error", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* TRUE when any endpoint failed in the last refresh. */
  properties[PROP_HAS_ERRORS] =
    g_param_spec_boolean ("has-errors", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_ENDPOINT_ERROR_CHANGED] =
    g_signal_new ("endpoint-error-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, CARPORT_TYPE_ENDPOINT);
}

static void
carport_vehicle_init (CarportVehicle *self)
{
  self->brand = CARPORT_BRAND_UNKNOWN;
  self->energy = CARPORT_ENERGY_NONE;
  self->supported_endpoints = ALL_ENDPOINTS;
  self->supported_commands = ALL_COMMANDS;

  self->battery = carport_battery_new ();
  self->cockpit = carport_cockpit_new ();
  self->climate = carport_climate_new ();
  self->location = carport_location_new ();
  self->locks = carport_locks_new ();
  self->tyres = carport_tyres_new ();
  self->services = carport_services_new ();
  self->trips = carport_trips_new ();
  self->charge_settings = carport_charge_settings_new ();
  self->capabilities = carport_capabilities_new ();
}
