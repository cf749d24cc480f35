/* carport-nominatim.h — what a Nominatim server answers to a reverse
 * look-up (jsonv2), read into an address people write. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* "12 Rue de la République, 69002 Lyon" from @data (@size bytes, a jsonv2
 * answer of /reverse): house number and road, then postcode and city (or
 * town, or village), else the answer's display_name; NULL when it holds no
 * address (an error answer, or not JSON at all). */
char *carport_nominatim_parse_address (const char *data,
                                       gsize       size);

G_END_DECLS
