/* carport-units.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "carport-gui"

#include "config.h"

#include "carport-units.h"

/* The nicks match the GSettings enums in io.github.carport.Carport.gschema.xml. */
G_DEFINE_ENUM_TYPE (CarportGuiDistanceUnit, carport_gui_distance_unit,
  G_DEFINE_ENUM_VALUE (CARPORT_DISTANCE_UNIT_KILOMETRES, "kilometres"),
  G_DEFINE_ENUM_VALUE (CARPORT_DISTANCE_UNIT_MILES, "miles"))

G_DEFINE_ENUM_TYPE (CarportGuiTemperatureUnit, carport_gui_temperature_unit,
  G_DEFINE_ENUM_VALUE (CARPORT_TEMPERATURE_UNIT_CELSIUS, "celsius"),
  G_DEFINE_ENUM_VALUE (CARPORT_TEMPERATURE_UNIT_FAHRENHEIT, "fahrenheit"))

/* A unit key's nick to the unit: "automatic" to the locale's. */
static gboolean
unit_get_mapping (GValue *value, GVariant *variant, gpointer user_data)
{
  const char *nick = g_variant_get_string (variant, NULL);
  GType type = G_VALUE_TYPE (value);
  g_autoptr(GEnumClass) klass = g_type_class_ref (type);
  GEnumValue *unit;

  if (g_str_equal (nick, "automatic"))
    {
      if (type == CARPORT_TYPE_GUI_DISTANCE_UNIT)
        g_value_set_enum (value, carport_distance_unit_for_locale (NULL));
      else
        g_value_set_enum (value, carport_temperature_unit_for_locale (NULL));
      return TRUE;
    }
  unit = g_enum_get_value_by_nick (klass, nick);
  if (unit == NULL)
    return FALSE;
  g_value_set_enum (value, unit->value);
  return TRUE;
}

void
carport_units_bind (GSettings *settings, gpointer object)
{
  g_return_if_fail (G_IS_SETTINGS (settings));
  g_return_if_fail (G_IS_OBJECT (object));

  g_settings_bind_with_mapping (settings, "distance-unit", object, "distance-unit", G_SETTINGS_BIND_GET,
                                unit_get_mapping, NULL, NULL, NULL);
  g_settings_bind_with_mapping (settings, "temperature-unit", object, "temperature-unit", G_SETTINGS_BIND_GET,
                                unit_get_mapping, NULL, NULL, NULL);
}
