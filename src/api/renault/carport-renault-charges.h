/* carport-renault-charges.h — the charging sessions of a Renault and its
 * charge and climate history (docs/api-renault.md §c.3). No I/O. */
#pragma once

#include <json-glib/json-glib.h>
#include "carport-core.h"

G_BEGIN_DECLS

/* A charges answer ({"data":{"attributes":{"charges":[…]}}}) → a GPtrArray
 * of CarportChargeSession (free func set) by start time, for a car of
 * @model_code (nullable; the ZOE ph1 gives durations in minutes, others in
 * seconds: the reading that agrees with end − start wins). INVALID_RESPONSE
 * without data.attributes. */
GPtrArray *carport_renault_parse_charges (JsonNode    *root,
                                          const char  *model_code,
                                          GError     **error);

/* A charge-history, hvac-history or hvac-sessions answer (@source) → a
 * GPtrArray of CarportUsage (free func set), oldest first. Every field is
 * optional: a summary without a valid day or month, or a session without a
 * start, is left out; no list at all is none (the recorded hvac answers are
 * "attributes":{}). INVALID_RESPONSE without data.attributes. */
GPtrArray *carport_renault_parse_usage   (JsonNode            *root,
                                          CarportUsageSource   source,
                                          GError             **error);

G_END_DECLS
