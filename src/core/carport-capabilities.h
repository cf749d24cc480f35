/* carport-capabilities.h — what a car can be told, and within which bounds.
 *
 * Each CarportVehicle holds one CarportCapabilities, created with it
 * (carport_vehicle_get_capabilities()). The brand fills it in when it lists
 * the car: Renault from its model table, Nissan from its protocol notes. The
 * GUI and the CLI offer what it says and the protocol layers refuse anything
 * else with the same check, so all three agree. It is kept in the vehicle's
 * cache variant under "capabilities" (a{sv}); a cache written before it
 * existed gets the defaults below until the brand lists the car again.
 *
 * Which endpoints and commands a car offers stay the vehicle's
 * supported-endpoints and supported-commands masks. Remote lock (lock,
 * unlock and srp-enrol, experimental: api-renault.md §e.2) is in that mask
 * for the cars whose brand says it may work (Renault: the models whose
 * horn and lights work); so is remote engine start (engine-start,
 * engine-stop: a Renault with an engine whose res-state is read). The
 * window offers them only while the
 * experimental-remote-lock setting is on, the CLI's help calls it
 * experimental. */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* The target temperatures climate start takes, in °C: from @min_c to @max_c,
 * in steps of @step_c (what a dialog offers). */
typedef struct {
  double min_c;
  double max_c;
  double step_c;
} CarportClimateRange;

/* What a car has before its brand says otherwise: the values every brand
 * takes (16–25 °C, whole degrees). */
#define CARPORT_CLIMATE_RANGE_DEFAULT ((CarportClimateRange) { 16.0, 25.0, 1.0 })

/* TRUE when @temperature_c is a number from @range's min_c to max_c, both
 * included. Otherwise FALSE, with CARPORT_API_ERROR_INVALID_INPUT and a
 * translated message that names the range. A value between two steps is not
 * refused: the brand sends it as its protocol wants (Nissan rounds it to a
 * whole degree). */
gboolean carport_climate_range_check (const CarportClimateRange  *range,
                                      double                      temperature_c,
                                      GError                    **error);

/* The charge limits a car takes, in %: a minimum level from @min_lower to
 * @min_upper and a target from @target_lower to @target_upper, both in steps
 * of @step from 0 (what the limits dialog offers). */
typedef struct {
  int min_lower;
  int min_upper;
  int target_lower;
  int target_upper;
  int step;
} CarportSocRange;

/* What every car with charge limits takes (Renault's ev/soc-levels). */
#define CARPORT_SOC_RANGE_DEFAULT ((CarportSocRange) { 15, 45, 55, 100, 5 })

/* TRUE when @soc_min and @soc_target are both in @range, on its steps.
 * Otherwise FALSE, with CARPORT_API_ERROR_INVALID_INPUT and a translated
 * message that names the bounds of the one refused. */
gboolean carport_soc_range_check (const CarportSocRange  *range,
                                  int                     soc_min,
                                  int                     soc_target,
                                  GError                **error);

/* TRUE when a charge start may carry @start_at: none (start now), or a time
 * in the future for a car that @takes_start_time (the KCM charge/start of
 * the Megane, api-renault.md §c.4). Otherwise FALSE, with
 * CARPORT_API_ERROR_INVALID_INPUT and a translated message that says why. */
gboolean carport_charge_start_time_check (gboolean     takes_start_time,
                                          GDateTime   *start_at,
                                          GError     **error);

#define CARPORT_TYPE_CAPABILITIES (carport_capabilities_get_type ())
G_DECLARE_FINAL_TYPE (CarportCapabilities, carport_capabilities, CARPORT, CAPABILITIES, GObject)

CarportCapabilities *carport_capabilities_new (void);

/* Properties: climate-min-c, climate-max-c, climate-step-c (double, °C;
 * CARPORT_CLIMATE_RANGE_DEFAULT until set). */
void     carport_capabilities_get_climate_range         (CarportCapabilities        *self,
                                                         CarportClimateRange        *out_range);
/* Sets all three at once; @range must have min_c <= max_c and step_c > 0. */
void     carport_capabilities_set_climate_range         (CarportCapabilities        *self,
                                                         const CarportClimateRange  *range);
/* carport_climate_range_check() with this car's range. */
gboolean carport_capabilities_check_climate_temperature (CarportCapabilities        *self,
                                                         double                      temperature_c,
                                                         GError                    **error);

/* The charge limits this car takes (CARPORT_SOC_RANGE_DEFAULT: no brand
 * says otherwise). */
/* Property charge-start-time (boolean, FALSE until the brand says so):
 * whether a charge start can be told when to start ("start at"). */
gboolean carport_capabilities_get_charge_start_time     (CarportCapabilities        *self);
void     carport_capabilities_set_charge_start_time     (CarportCapabilities        *self,
                                                         gboolean                    value);
/* carport_charge_start_time_check() for this car. */
gboolean carport_capabilities_check_charge_start_time   (CarportCapabilities        *self,
                                                         GDateTime                  *start_at,
                                                         GError                    **error);

void     carport_capabilities_get_soc_range             (CarportCapabilities        *self,
                                                         CarportSocRange            *out_range);

G_END_DECLS
