/* carport-vehicle.h — one car: identity, what it supports, and its state objects.
 *
 * The state objects (battery, cockpit, …) are created with the vehicle and live
 * as long as it does, so views can bind to them once. Parsers update them inside
 * g_object_freeze_notify()/thaw_notify(). */
#pragma once

#include "carport-enums.h"
#include "carport-battery.h"
#include "carport-cockpit.h"
#include "carport-climate.h"
#include "carport-location.h"
#include "carport-locks.h"
#include "carport-tyres.h"
#include "carport-services.h"
#include "carport-trips.h"
#include "carport-charge-settings.h"
#include "carport-capabilities.h"
#include "carport-command.h"

G_BEGIN_DECLS

#define CARPORT_TYPE_VEHICLE (carport_vehicle_get_type ())
G_DECLARE_FINAL_TYPE (CarportVehicle, carport_vehicle, CARPORT, VEHICLE, GObject)

/* Properties:
 *   vin (construct-only), brand (CarportBrand), model-code ("X101VE"),
 *   model-name ("ZOE"), registration, energy (CarportEnergy), account-id,
 *   picture-url, picture-file (string, nullable: the path of the picture
 *   the service downloaded from picture-url and keeps in the cache dir; run
 *   time only), client-data (what the brand's client noted about the car at
 *   discovery, opaque to everyone else; cached with the rest),
 *   display-name (read-only: registration, else model name, else VIN),
 *   supported-endpoints (guint bit mask, bit N = CarportEndpoint N),
 *   supported-commands (guint bit mask, bit N = CarportCommandKind N),
 *   battery, cockpit, climate, location, locks, tyres, services, trips, charge-settings (read-only
 *   state objects), capabilities (read-only: the bounds of what it can be told),
 *   from-cache (boolean: the state shown was loaded from the disk cache and not
 *   yet confirmed by the server), refreshing (boolean), last-error (string,
 *   nullable: a user-readable explanation of the last failed refresh),
 *   has-errors (read-only boolean: any endpoint error is set).
 *
 * Signals:
 *   endpoint-error-changed (CarportEndpoint): the endpoint's error was set,
 *     changed or cleared. */
CarportVehicle        *carport_vehicle_new                     (const char *vin);

const char            *carport_vehicle_get_vin                 (CarportVehicle *self);
CarportBrand           carport_vehicle_get_brand               (CarportVehicle *self);
void                   carport_vehicle_set_brand               (CarportVehicle *self, CarportBrand value);
const char            *carport_vehicle_get_model_code          (CarportVehicle *self);
void                   carport_vehicle_set_model_code          (CarportVehicle *self, const char *value);
const char            *carport_vehicle_get_model_name          (CarportVehicle *self);
void                   carport_vehicle_set_model_name          (CarportVehicle *self, const char *value);
const char            *carport_vehicle_get_registration        (CarportVehicle *self);
void                   carport_vehicle_set_registration        (CarportVehicle *self, const char *value);
CarportEnergy          carport_vehicle_get_energy              (CarportVehicle *self);
void                   carport_vehicle_set_energy              (CarportVehicle *self, CarportEnergy value);
const char            *carport_vehicle_get_account_id          (CarportVehicle *self);
void                   carport_vehicle_set_account_id          (CarportVehicle *self, const char *value);
const char            *carport_vehicle_get_picture_url         (CarportVehicle *self);
void                   carport_vehicle_set_picture_url         (CarportVehicle *self, const char *value);
const char            *carport_vehicle_get_picture_file        (CarportVehicle *self);
void                   carport_vehicle_set_picture_file        (CarportVehicle *self, const char *value);
const char            *carport_vehicle_get_client_data         (CarportVehicle *self);
void                   carport_vehicle_set_client_data         (CarportVehicle *self, const char *value);
const char            *carport_vehicle_get_display_name        (CarportVehicle *self);

guint                  carport_vehicle_get_supported_endpoints (CarportVehicle *self);
void                   carport_vehicle_set_supported_endpoints (CarportVehicle *self, guint mask);
gboolean               carport_vehicle_supports_endpoint       (CarportVehicle *self, CarportEndpoint endpoint);
/* What is learnt at run time. An endpoint refused as "not for this car"
 * (403/404/501) twice in a row is marked unsupported: it is not asked again
 * for a day (CARPORT_VEHICLE_LEARNED_SECONDS after the last lesson), then
 * asked again. An endpoint that has answered with data is never hidden
 * (mark_unsupported() then returns FALSE). readable-endpoints (read-only)
 * is supported-endpoints without the endpoints learnt unsupported: what is
 * asked and shown. */
#define CARPORT_VEHICLE_LEARNED_SECONDS (24 * 60 * 60)
gboolean               carport_vehicle_mark_unsupported        (CarportVehicle *self, CarportEndpoint endpoint);
void                   carport_vehicle_note_endpoint_data      (CarportVehicle *self, CarportEndpoint endpoint);
guint                  carport_vehicle_get_readable_endpoints  (CarportVehicle *self);
/* When the car's settings (CARPORT_ENDPOINT_MASK_SETTINGS) were last all
 * read, in unix seconds (0: never). A refresh of every car reads them only
 * when they are due: CARPORT_VEHICLE_SETTINGS_SECONDS after that (or when
 * the clock went back); a refresh of one car reads them always. get_settings_due()
 * is the settings mask when due, else 0. */
#define CARPORT_VEHICLE_SETTINGS_SECONDS (30 * 60)
gint64                 carport_vehicle_get_settings_read_at    (CarportVehicle *self);
void                   carport_vehicle_set_settings_read_at    (CarportVehicle *self, gint64 value);
guint                  carport_vehicle_get_settings_due        (CarportVehicle *self);
guint                  carport_vehicle_get_supported_commands  (CarportVehicle *self);
void                   carport_vehicle_set_supported_commands  (CarportVehicle *self, guint mask);
gboolean               carport_vehicle_supports_command        (CarportVehicle *self, CarportCommandKind kind);

CarportBattery        *carport_vehicle_get_battery             (CarportVehicle *self);
CarportCockpit        *carport_vehicle_get_cockpit             (CarportVehicle *self);
CarportClimate        *carport_vehicle_get_climate             (CarportVehicle *self);
CarportLocation       *carport_vehicle_get_location            (CarportVehicle *self);
CarportLocks          *carport_vehicle_get_locks               (CarportVehicle *self);
CarportTyres          *carport_vehicle_get_tyres               (CarportVehicle *self);
CarportServices       *carport_vehicle_get_services            (CarportVehicle *self);
CarportTrips          *carport_vehicle_get_trips               (CarportVehicle *self);
CarportChargeSettings *carport_vehicle_get_charge_settings     (CarportVehicle *self);
CarportCapabilities   *carport_vehicle_get_capabilities        (CarportVehicle *self);
/* TRUE when the car takes @temperature_c as its climate target; else FALSE
 * with INVALID_INPUT and a message naming the car's range (see
 * carport_climate_range_check()). */
gboolean               carport_vehicle_check_climate_temperature (CarportVehicle *self, double temperature_c, GError **error);
/* TRUE when the car takes @command's parameters (the temperature of
 * HVAC_START, when one is given; the start time of CHARGE_START, see
 * carport_capabilities_check_charge_start_time(); both levels of SOC_LEVELS, in the car's
 * carport_capabilities_get_soc_range()); else FALSE as above. The brands call it
 * before any request. */
gboolean               carport_vehicle_check_command           (CarportVehicle *self, CarportCommand *command, GError **error);
/* Why the car as it is now cannot carry out @kind, in a short sentence for
 * people ("Plug the car in to charge"), or NULL when nothing known stands in
 * the way: the command is not offered, the car is unplugged (charge start),
 * the endpoint a refresh command fills cannot be read. (carport-vehicle-commands.c) */
const char            *carport_vehicle_get_command_obstacle    (CarportVehicle *self, CarportCommandKind kind);

gboolean               carport_vehicle_get_from_cache          (CarportVehicle *self);
void                   carport_vehicle_set_from_cache          (CarportVehicle *self, gboolean value);
gboolean               carport_vehicle_get_refreshing          (CarportVehicle *self);
void                   carport_vehicle_set_refreshing          (CarportVehicle *self, gboolean value);
const char            *carport_vehicle_get_last_error          (CarportVehicle *self);
void                   carport_vehicle_set_last_error          (CarportVehicle *self, const char *value);

/* Per-endpoint failures of the last refresh (user-readable one-liners). */
void                   carport_vehicle_set_endpoint_error      (CarportVehicle *self, CarportEndpoint endpoint, const char *message);
const char            *carport_vehicle_get_endpoint_error      (CarportVehicle *self, CarportEndpoint endpoint);
void                   carport_vehicle_clear_endpoint_errors   (CarportVehicle *self);
/* TRUE when any endpoint has an error (the read-only "has-errors" property). */
gboolean               carport_vehicle_get_has_errors          (CarportVehicle *self);

/* The whole vehicle (identity, support masks, capabilities and every state object) as a
 * GVariant of type a{sv}, for the on-disk cache, and back. Loading sets
 * from-cache to TRUE. Unknown keys are ignored; every key is optional. */
GVariant              *carport_vehicle_serialize               (CarportVehicle *self);
CarportVehicle        *carport_vehicle_new_from_variant        (GVariant *variant);

G_END_DECLS
