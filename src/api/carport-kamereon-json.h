/* carport-kamereon-json.h — pure JSON <-> model mapping of the Kamereon
 * car-adapter that every brand shares. No I/O: every function takes what the
 * transport read (carport-kamereon-response.h turns an answer into JSON). */
#pragma once

#include <json-glib/json-glib.h>
#include "carport-core.h"
#include "carport-api-error.h"
#include "carport-kamereon-response.h"

G_BEGIN_DECLS

/* Read endpoints: updates the matching state object of @vehicle inside one
 * freeze/thaw. Every field optional; wrong types are treated as missing.
 * Returns FALSE with INVALID_RESPONSE only when the shape is unusable. */
gboolean carport_kamereon_parse_endpoint (CarportVehicle  *vehicle,
                                          CarportEndpoint  endpoint,
                                          JsonNode        *root,
                                          GError         **error);

G_END_DECLS
