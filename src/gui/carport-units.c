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
