/* fuzz-vehicle.c — see fuzz-vehicle.h. */
#include "config.h"

#include "carport-cli-json.h"
#include "carport-core-enum-types.h"
#include "carport-renault-models.h"
#include "fuzz-vehicle.h"

CarportVehicle *
fuzz_vehicle_new (CarportBrand brand)
{
  CarportVehicle *vehicle = carport_vehicle_new ("VF1FUZZ0000000001");

  carport_vehicle_set_brand (vehicle, brand);
  return vehicle;
}

void
fuzz_vehicle_show (CarportVehicle *vehicle)
{
  GListModel *schedules = carport_charge_settings_get_schedules (carport_vehicle_get_charge_settings (vehicle));
  g_autoptr(JsonNode) status = carport_cli_json_status (vehicle);

  g_free (json_to_string (status, FALSE));
  for (int climate = 0; climate <= 1; climate++)
    {
      JsonNode *document = carport_renault_schedules_to_json (schedules, climate, NULL);

      g_clear_pointer (&document, json_node_unref);
    }
}

int
fuzz_arg_endpoint (const char *arg)
{
  return carport_enum_from_nick (CARPORT_TYPE_ENDPOINT, arg, -1);
}
