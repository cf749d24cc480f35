/* carport-kamereon-json.h — pure JSON <-> model mapping of the Kamereon
 * car-adapter that every brand shares. No I/O: every function takes what the
 * transport read (carport-kamereon-response.h turns an answer into JSON). */
#pragma once

#include <json-glib/json-glib.h>
#include "carport-core.h"
#include "carport-api-error.h"
#include "carport-kamereon-response.h"

G_BEGIN_DECLS

/* A command's body in the JSON:API envelope both brands' Kamereon take:
 * {"data":{"type":@type[,"attributes":@attributes]}}; @attributes
 * (nullable) is not taken. */
char *carport_kamereon_jsonapi_body (const char *type,
                                     JsonObject *attributes);

/* The same with {"action":@action} as its attributes, or none when
 * @action is NULL: the body of most commands. */
char *carport_kamereon_action_body  (const char *type,
                                     const char *action);

/* Where a car's value stops being plausible (docs/api-renault.md §c.3,
 * api-nissan.md §3.2): past these bounds a value is a glitch and is treated
 * as absent. */
#define CARPORT_KAMEREON_MAX_RANGE_KM           2000.0     /* battery or fuel range */
#define CARPORT_KAMEREON_MIN_BATTERY_C          (-50.0)
#define CARPORT_KAMEREON_MAX_BATTERY_C          100.0
#define CARPORT_KAMEREON_MAX_ENERGY_KWH         250.0
#define CARPORT_KAMEREON_MAX_STATUS_CODE        100.0      /* |chargingStatus| */
#define CARPORT_KAMEREON_MAX_POWER_KW           400.0      /* |charging power| */
#define CARPORT_KAMEREON_MAX_REMAINING_MINUTES  6000       /* stale 2555 min are seen */
#define CARPORT_KAMEREON_MAX_MILEAGE_KM         2000000.0
#define CARPORT_KAMEREON_MAX_FUEL_LITRES        200.0
#define CARPORT_KAMEREON_MIN_AIR_C              (-70.0)    /* outside and inside */
#define CARPORT_KAMEREON_MAX_AIR_C              90.0
#define CARPORT_KAMEREON_MAX_PRESSURE_MBAR      10000.0

/* The days of a KCA programme ("monday"…) and the flags of a KCM
 * ev/settings one ("programActivationMonday"…), Monday first. */
extern const char * const carport_kamereon_day_names[CARPORT_N_WEEKDAYS];
extern const char * const carport_kamereon_program_day_flags[CARPORT_N_WEEKDAYS];

/* Read endpoints: merges what the answer reports into the matching state
 * object of @vehicle (carport_state_merge(), one freeze/thaw). Every field
 * is optional; a value of the wrong type, outside its bounds or of an
 * unknown name is absent, and what is absent keeps its last good value.
 * An answer that reports nothing (no attributes) changes nothing. Returns
 * FALSE with INVALID_RESPONSE, changing nothing, when the shape is unusable
 * or the answer's values are all unusable. */
gboolean carport_kamereon_parse_endpoint (CarportVehicle  *vehicle,
                                          CarportEndpoint  endpoint,
                                          JsonNode        *root,
                                          GError         **error);

/* For a brand whose answers differ a little: fills @update, a new state
 * object of the kind @endpoint fills as a whole (battery-status, cockpit,
 * location, hvac-status, lock-status, pressure), with what the car-adapter
 * attributes @attrs report validly. The brand adjusts it, then merges it. */
void     carport_kamereon_read_state     (CarportVehicle  *vehicle,
                                          CarportEndpoint  endpoint,
                                          JsonObject      *attrs,
                                          CarportState    *update);

/* Merges @update (a new state object of @state's type that a parser
 * filled) into @state: FALSE with INVALID_RESPONSE, and @state unchanged,
 * when it reports no value. */
gboolean carport_kamereon_merge_update   (gpointer         state,
                                          gpointer         update,
                                          GError         **error);

G_END_DECLS
