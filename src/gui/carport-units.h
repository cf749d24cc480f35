/* carport-units.h — GTypes for the unit enums of carport-format.h, so that
 * GSettings enum keys can be bound to widget properties. */
#pragma once

#include <gio/gio.h>

#include "carport-core.h"

G_BEGIN_DECLS

#define CARPORT_TYPE_GUI_DISTANCE_UNIT (carport_gui_distance_unit_get_type ())
GType carport_gui_distance_unit_get_type (void);

#define CARPORT_TYPE_GUI_TEMPERATURE_UNIT (carport_gui_temperature_unit_get_type ())
GType carport_gui_temperature_unit_get_type (void);

/* Binds the GSettings keys distance-unit and temperature-unit of @settings
 * (read only) to the properties of the same names of @object; "automatic"
 * is the unit of the measurement locale (carport_distance_unit_for_locale()). */
void carport_units_bind (GSettings *settings, gpointer object);

G_END_DECLS
