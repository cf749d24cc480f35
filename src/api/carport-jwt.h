/* carport-jwt.h — reading what a JWT says about itself (no signature check). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Decodes the payload of a JWT (base64url, no signature check) and returns its
 * "exp" claim (seconds since the epoch), or 0 when there is none. */
gint64  carport_jwt_get_expiry (const char *jwt);

G_END_DECLS
