/* fuzz-vehicle.h — what the brand targets do with a car once a body was
 * read into it. */
#pragma once

#include "carport-core.h"

G_BEGIN_DECLS

/* A car of @brand with no data yet. */
CarportVehicle *fuzz_vehicle_new  (CarportBrand    brand);

/* Shows @vehicle as `carport-cli status --json` does, turns its programmes
 * back into what a command would send (Renault's KCA document), saves it as
 * the state cache does and shows what a restart would restore. */
void            fuzz_vehicle_show (CarportVehicle *vehicle);

/* The endpoint an ARG names by its nick ("battery-status"), or -1. */
int             fuzz_arg_endpoint (const char     *arg);

G_END_DECLS
