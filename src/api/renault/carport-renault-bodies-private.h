/* carport-renault-bodies-private.h — what the files building Renault
 * action bodies share: carport-renault-models.c (the model table and the
 * actions) and carport-renault-schedules.c (the programmes). Not for other
 * users. */
#pragma once

#include <json-glib/json-glib.h>

#include "carport-core.h"

G_BEGIN_DECLS

char     *_carport_renault_node_to_string (JsonNode *node);
/* The ev/settings object just read (bare, or in a JSON:API envelope) as a
 * deep copy of its own, or NULL when there is none. */
JsonNode *_carport_renault_ev_settings_copy (JsonNode *current);

/* ChargeSchedule / HvacSchedule from @current, {"schedules":[…]} in the
 * KCA shape; NULL with CARPORT_API_ERROR_INVALID_INPUT. */
char     *_carport_renault_build_schedules (JsonNode  *current,
                                            gboolean   climate,
                                            GError   **error);
/* The ev/settings just read (@current) with programs[] rebuilt from the
 * charge programmes @schedules; NULL with CARPORT_API_ERROR_INVALID_INPUT. */
char     *_carport_renault_build_ev_settings_programs (JsonNode    *current,
                                                       GListModel  *schedules,
                                                       GError     **error);

G_END_DECLS
