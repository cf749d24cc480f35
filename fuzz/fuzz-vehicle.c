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

static void
show_status (CarportVehicle *vehicle)
{
  g_autoptr(JsonNode) status = carport_cli_json_status (vehicle);

  g_free (json_to_string (status, FALSE));
}

void
fuzz_vehicle_show (CarportVehicle *vehicle)
{
  GListModel *schedules = carport_charge_settings_get_schedules (carport_vehicle_get_charge_settings (vehicle));
  g_autoptr(GVariant) saved = NULL;
  g_autoptr(GVariant) normal = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GVariant) loaded = NULL;
  g_autoptr(CarportVehicle) restored = NULL;

  show_status (vehicle);
  for (int climate = 0; climate <= 1; climate++)
    {
      JsonNode *document = carport_renault_schedules_to_json (schedules, climate, NULL);

      g_clear_pointer (&document, json_node_unref);
    }

  /* Saved to the state cache and restored, as the cache does it. */
  saved = g_variant_take_ref (carport_vehicle_serialize (vehicle));
  g_assert (g_variant_is_of_type (saved, G_VARIANT_TYPE_VARDICT));
  normal = g_variant_get_normal_form (saved);
  bytes = g_variant_get_data_as_bytes (normal);
  loaded = g_variant_ref_sink (g_variant_new_from_bytes (G_VARIANT_TYPE_VARDICT, bytes, FALSE));
  g_assert (g_variant_is_normal_form (loaded));
  restored = carport_vehicle_new_from_variant (loaded);
  g_assert (restored != NULL);
  show_status (restored);
}

int
fuzz_arg_endpoint (const char *arg)
{
  return carport_enum_from_nick (CARPORT_TYPE_ENDPOINT, arg, -1);
}
