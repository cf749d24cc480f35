/* carport-climate.h — Climate control (endpoint hvac-status). */
#pragma once

#include "carport-enums.h"
#include "carport-state.h"

G_BEGIN_DECLS

#define CARPORT_TYPE_CLIMATE (carport_climate_get_type ())
G_DECLARE_FINAL_TYPE (CarportClimate, carport_climate, CARPORT, CLIMATE, CarportState)

CarportClimate *carport_climate_new (void);

/* Properties: state (CarportClimateState), outside-c, inside-c, soc-threshold-percent,
 * target-c (the temperature the climate heats or cools to, when the car
 * reports it: Nissan's nextTargetTemperature) (double, NAN unknown), next-start (GDateTime, nullable), and CarportState\'s "updated".
 * carport_state_merge() keeps what a read leaves out, except the next start
 * when the read reports the state without one (none is set any more). */
/* Shows @start, a planned start a command just set, as the next start until
 * the car reports it: a read older than now, or without a time, that reports
 * none leaves it (the car's report lags), a newer one or the start's time
 * passing ends it. */
void                carport_climate_expect_next_start         (CarportClimate *self, GDateTime *start);
CarportClimateState carport_climate_get_state                 (CarportClimate *self);
void                carport_climate_set_state                 (CarportClimate *self, CarportClimateState value);
double              carport_climate_get_outside_c             (CarportClimate *self);
void                carport_climate_set_outside_c             (CarportClimate *self, double value);
double              carport_climate_get_inside_c              (CarportClimate *self);
void                carport_climate_set_inside_c              (CarportClimate *self, double value);
double              carport_climate_get_soc_threshold_percent (CarportClimate *self);
void                carport_climate_set_soc_threshold_percent (CarportClimate *self, double value);
double              carport_climate_get_target_c              (CarportClimate *self);
void                carport_climate_set_target_c              (CarportClimate *self, double value);
GDateTime          *carport_climate_get_next_start            (CarportClimate *self);
void                carport_climate_set_next_start            (CarportClimate *self, GDateTime *value);

G_END_DECLS
