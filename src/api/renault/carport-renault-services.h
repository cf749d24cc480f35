/* carport-renault-services.h — a Renault's contracts and maintenance alerts
 * (docs/api-renault.md §b.6, §b.7). No I/O. */
#pragma once

#include <json-glib/json-glib.h>
#include "carport-core.h"

G_BEGIN_DECLS

/* Most items a list keeps: past them, an answer is cut. */
#define CARPORT_RENAULT_MAX_RECORDS 100

/* @root, the answer of contracts or alerts (a top-level array, or the
 * {"data": […]} that carport_kamereon_parse_response() makes of it), into
 * @vehicle's CarportServices: the list is replaced by the items the answer
 * carries validly (an empty array empties it). FALSE with INVALID_RESPONSE,
 * the list unchanged, when the answer is not an array or none of its items
 * is usable. */
gboolean carport_renault_parse_services (CarportVehicle   *vehicle,
                                         CarportEndpoint   endpoint,
                                         JsonNode         *root,
                                         GError          **error);

G_END_DECLS
