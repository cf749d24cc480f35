/* carport-enums.c — nick <-> value helpers for the mkenums-generated types.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "carport-core"

#include "config.h"

#include <math.h>

#include "carport-enums.h"
#include "carport-core-enum-types.h"

const char *
carport_enum_to_nick (GType enum_type,
                      int   value)
{
  g_autoptr(GEnumClass) klass = NULL;
  GEnumValue *enum_value;

  g_return_val_if_fail (G_TYPE_IS_ENUM (enum_type), NULL);

  /* Classes of static types are never finalized, so the nick outlives the
   * reference taken here. */
  klass = g_type_class_ref (enum_type);
  enum_value = g_enum_get_value (klass, value);

  return enum_value != NULL ? enum_value->value_nick : NULL;
}

int
carport_enum_from_nick (GType       enum_type,
                        const char *nick,
                        int         fallback)
{
  g_autoptr(GEnumClass) klass = NULL;
  GEnumValue *enum_value;

  g_return_val_if_fail (G_TYPE_IS_ENUM (enum_type), fallback);

  if (nick == NULL)
    return fallback;

  klass = g_type_class_ref (enum_type);
  enum_value = g_enum_get_value_by_nick (klass, nick);

  return enum_value != NULL ? enum_value->value : fallback;
}

GParamSpec *
carport_param_spec_unknown_double (const char  *name,
                                   GParamFlags  flags)
{
  GParamSpec *pspec;

  /* GLib 2.74 validates doubles with CLAMP() and then compares with the
   * original, so NAN counts as "changed": g_object_set() and bindings would
   * warn and drop it. With G_PARAM_LAX_VALIDATION the (unchanged) NAN is
   * set; with the full double range nothing else is affected. */
  pspec = g_param_spec_double (name, NULL, NULL,
                               -G_MAXDOUBLE, G_MAXDOUBLE, 0.0,
                               flags | G_PARAM_LAX_VALIDATION);
  /* Set before anything asks for the default (g_param_spec_get_default_value()
   * caches it on first use). */
  G_PARAM_SPEC_DOUBLE (pspec)->default_value = NAN;

  return pspec;
}
