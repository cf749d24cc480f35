/* carport-vehicle-commands.c — what stands in the way of a command, from
 * what the car offers and the state it last reported.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "carport-core"

#include "config.h"

#include <glib/gi18n.h>

#include "carport-vehicle.h"

static const char *
not_offered (CarportCommandKind kind)
{
  switch (kind)
    {
    case CARPORT_COMMAND_KIND_CHARGE_START:
      return _("This car cannot be told to start charging");
    case CARPORT_COMMAND_KIND_CHARGE_STOP:
      return _("This car cannot be told to stop charging; it stops when full or unplugged");
    case CARPORT_COMMAND_KIND_HVAC_START:
      return _("This car cannot be told to start its climate control");
    case CARPORT_COMMAND_KIND_HVAC_STOP:
      return _("This car cannot be told to stop its climate control; it stops by itself");
    default:
      return _("This car does not offer this command");
    }
}

const char *
carport_vehicle_get_command_obstacle (CarportVehicle     *self,
                                      CarportCommandKind  kind)
{
  CarportEndpoint endpoint;

  g_return_val_if_fail (CARPORT_IS_VEHICLE (self), NULL);
  g_return_val_if_fail ((guint) kind < CARPORT_N_COMMAND_KINDS, NULL);

  if (!carport_vehicle_supports_command (self, kind))
    return not_offered (kind);

  if (kind == CARPORT_COMMAND_KIND_CHARGE_START &&
      carport_battery_get_plug (carport_vehicle_get_battery (self)) == CARPORT_PLUG_STATE_UNPLUGGED)
    return _("Plug the car in to charge");

  /* Asking the car to report what Carport cannot read would end in nothing. */
  if (carport_command_kind_get_reported_endpoint (kind, &endpoint) &&
      (carport_vehicle_get_readable_endpoints (self) & (1u << endpoint)) == 0)
    return endpoint == CARPORT_ENDPOINT_LOCATION ? _("This car does not report its location")
                                                 : _("This car does not report what this command asks for");

  return NULL;
}
