/* carport-cli-json.h — the `carport-cli --json` documents (docs/cli-json.md). */
#pragma once

#include <json-glib/json-glib.h>
#include "carport-core.h"

G_BEGIN_DECLS

/* {"vin", "brand", "model_code", "model_name", "registration", "energy", "account_id"} */
JsonNode *carport_cli_json_vehicle (CarportVehicle *vehicle);
/* The status object: identity, battery, cockpit, climate, location, locks,
 * tyres, trips, charge_mode, charge_settings, unsupported, errors. */
JsonNode *carport_cli_json_status  (CarportVehicle *vehicle);
/* {"command", "vin", "id", "state", "message"} */
JsonNode *carport_cli_json_command (CarportCommand *command);
/* Writes @node to stdout, pretty-printed, with a final newline. */
void      carport_cli_json_print   (JsonNode *node);

G_END_DECLS
