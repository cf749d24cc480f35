/* carport-cli-json.c — the `carport-cli --json` documents.
 *
 * State objects are written generically from their GObject properties: a
 * property "level-percent" becomes the key "level_percent", so the model's
 * names are the contract of docs/cli-json.md. Unknown values are null. */
#define G_LOG_DOMAIN "carport-cli"

#include "config.h"

#include <string.h>

#include "carport-cli-json.h"

static char *
json_key (const char *property_name)
{
  char *key = g_strdup (property_name);

  g_strdelimit (key, "-", '_');
  return key;
}

static void
add_date (JsonBuilder *builder,
          GDateTime   *when)
{
  g_autofree char *text = carport_format_iso8601_utc (when);

  if (text)
    json_builder_add_string_value (builder, text);
  else
    json_builder_add_null_value (builder);
}

static void
add_string_or_null (JsonBuilder *builder,
                    const char  *value)
{
  if (value && *value)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_enum (JsonBuilder *builder,
          GType        type,
          int          value)
{
  const char *nick = carport_enum_to_nick (type, value);

  /* A state enum's "none" means "not reported". */
  if (g_strcmp0 (nick, "none") == 0)
    json_builder_add_null_value (builder);
  else
    add_string_or_null (builder, nick);
}

static void
add_value (JsonBuilder  *builder,
           const GValue *value)
{
  GType type = G_VALUE_TYPE (value);

  if (type == G_TYPE_DOUBLE)
    {
      double d = g_value_get_double (value);

      if (carport_is_known (d))
        json_builder_add_double_value (builder, d);
      else
        json_builder_add_null_value (builder);
    }
  else if (type == G_TYPE_INT)
    {
      int i = g_value_get_int (value);

      if (i >= 0)
        json_builder_add_int_value (builder, i);
      else
        json_builder_add_null_value (builder);
    }
  else if (type == G_TYPE_UINT)
    json_builder_add_int_value (builder, g_value_get_uint (value));
  else if (type == G_TYPE_BOOLEAN)
    json_builder_add_boolean_value (builder, g_value_get_boolean (value));
  else if (type == G_TYPE_STRING)
    add_string_or_null (builder, g_value_get_string (value));
  else if (type == G_TYPE_DATE_TIME)
    add_date (builder, g_value_get_boxed (value));
  else if (G_TYPE_IS_ENUM (type))
    add_enum (builder, type, g_value_get_enum (value));
  else
    json_builder_add_null_value (builder);
}

/* Every readable property of @object whose value is a plain value and
 * whose name starts with @prefix (NULL: all), keyed without it. */
static void
add_prefixed_members (JsonBuilder *builder,
                      GObject     *object,
                      const char  *prefix)
{
  g_autofree GParamSpec **pspecs = NULL;
  guint n_pspecs = 0;

  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (object), &n_pspecs);
  for (guint i = 0; i < n_pspecs; i++)
    {
      g_auto(GValue) value = G_VALUE_INIT;
      g_autofree char *key = NULL;
      GType type = pspecs[i]->value_type;

      if (!(pspecs[i]->flags & G_PARAM_READABLE))
        continue;
      if (G_TYPE_IS_OBJECT (type) || G_TYPE_IS_INTERFACE (type))
        continue;
      if (prefix != NULL && !g_str_has_prefix (pspecs[i]->name, prefix))
        continue;

      key = json_key (pspecs[i]->name + (prefix != NULL ? strlen (prefix) : 0));
      g_value_init (&value, type);
      g_object_get_property (object, pspecs[i]->name, &value);
      json_builder_set_member_name (builder, key);
      add_value (builder, &value);
    }
}

static void
add_object_members (JsonBuilder *builder,
                    GObject     *object)
{
  add_prefixed_members (builder, object, NULL);
}

static void
add_section (JsonBuilder    *builder,
             CarportVehicle *vehicle,
             const char     *name,
             gpointer        state,
             guint           endpoints)
{
  gboolean supported = FALSE;

  for (guint i = 0; i < CARPORT_N_ENDPOINTS; i++)
    if ((endpoints & (1u << i)) && carport_vehicle_supports_endpoint (vehicle, i))
      supported = TRUE;

  json_builder_set_member_name (builder, name);
  if (!supported)
    {
      json_builder_add_null_value (builder);
      return;
    }
  json_builder_begin_object (builder);
  add_object_members (builder, G_OBJECT (state));
  json_builder_end_object (builder);
}

#define EP(e) (1u << CARPORT_ENDPOINT_##e)

/* "trips": {"month": {…}, "today": {…}, "updated"}, or null when the car
 * has no trip history. The periods' keys are the properties' names without
 * "month-"/"today-" ("trips", "distance_km", …). */
static void
add_trips (JsonBuilder    *builder,
           CarportVehicle *vehicle)
{
  CarportTrips *trips = carport_vehicle_get_trips (vehicle);

  json_builder_set_member_name (builder, "trips");
  if (!carport_vehicle_supports_endpoint (vehicle, CARPORT_ENDPOINT_TRIP_HISTORY))
    {
      json_builder_add_null_value (builder);
      return;
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "month");
  json_builder_begin_object (builder);
  add_prefixed_members (builder, G_OBJECT (trips), "month-");
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "today");
  json_builder_begin_object (builder);
  add_prefixed_members (builder, G_OBJECT (trips), "today-");
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "updated");
  add_date (builder, carport_state_get_updated (CARPORT_STATE (trips)));
  json_builder_end_object (builder);
}

/* @name: the items of @model as objects, or null when the car cannot read @endpoint. */
static void
add_list (JsonBuilder    *builder,
          CarportVehicle *vehicle,
          const char     *name,
          GListModel     *model,
          CarportEndpoint endpoint)
{
  json_builder_set_member_name (builder, name);
  if (!carport_vehicle_supports_endpoint (vehicle, endpoint))
    {
      json_builder_add_null_value (builder);
      return;
    }

  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);

      json_builder_begin_object (builder);
      add_object_members (builder, item);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
add_identity (JsonBuilder    *builder,
              CarportVehicle *vehicle)
{
  json_builder_set_member_name (builder, "vin");
  json_builder_add_string_value (builder, carport_vehicle_get_vin (vehicle));
  json_builder_set_member_name (builder, "brand");
  add_enum (builder, CARPORT_TYPE_BRAND, carport_vehicle_get_brand (vehicle));
  json_builder_set_member_name (builder, "model_code");
  add_string_or_null (builder, carport_vehicle_get_model_code (vehicle));
  json_builder_set_member_name (builder, "model_name");
  add_string_or_null (builder, carport_vehicle_get_model_name (vehicle));
  json_builder_set_member_name (builder, "registration");
  add_string_or_null (builder, carport_vehicle_get_registration (vehicle));
  json_builder_set_member_name (builder, "energy");
  add_enum (builder, CARPORT_TYPE_ENERGY, carport_vehicle_get_energy (vehicle));
  json_builder_set_member_name (builder, "account_id");
  add_string_or_null (builder, carport_vehicle_get_account_id (vehicle));
}

JsonNode *
carport_cli_json_vehicle (CarportVehicle *vehicle)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  add_identity (builder, vehicle);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

JsonNode *
carport_cli_json_status (CarportVehicle *vehicle)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  CarportChargeSettings *settings = carport_vehicle_get_charge_settings (vehicle);
  CarportServices *services = carport_vehicle_get_services (vehicle);
  guint charge_endpoints = EP (CHARGE_MODE) | EP (CHARGING_SETTINGS) | EP (EV_SETTINGS);
  gboolean any_charge = FALSE;

  json_builder_begin_object (builder);
  add_identity (builder, vehicle);
  add_section (builder, vehicle, "battery", carport_vehicle_get_battery (vehicle), EP (BATTERY_STATUS));
  add_section (builder, vehicle, "cockpit", carport_vehicle_get_cockpit (vehicle), EP (COCKPIT));
  add_section (builder, vehicle, "climate", carport_vehicle_get_climate (vehicle), EP (HVAC_STATUS));
  add_section (builder, vehicle, "location", carport_vehicle_get_location (vehicle), EP (LOCATION));
  add_section (builder, vehicle, "locks", carport_vehicle_get_locks (vehicle), EP (LOCK_STATUS));
  add_section (builder, vehicle, "tyres", carport_vehicle_get_tyres (vehicle), EP (PRESSURE));
  add_trips (builder, vehicle);
  add_section (builder, vehicle, "settings", settings,
               EP (HVAC_SETTINGS) | charge_endpoints | EP (CHARGE_SCHEDULE) | EP (SOC_LEVELS));
  add_section (builder, vehicle, "services", services, EP (CAR_ADAPTER) | EP (RES_STATE));
  add_list (builder, vehicle, "contracts", carport_services_get_contracts (services), CARPORT_ENDPOINT_CONTRACTS);
  add_list (builder, vehicle, "alerts", carport_services_get_alerts (services), CARPORT_ENDPOINT_ALERTS);

  for (guint i = 0; i < CARPORT_N_ENDPOINTS; i++)
    if ((charge_endpoints & (1u << i)) && carport_vehicle_supports_endpoint (vehicle, i))
      any_charge = TRUE;
  json_builder_set_member_name (builder, "charge_mode");
  if (any_charge)
    add_enum (builder, CARPORT_TYPE_CHARGE_MODE, carport_charge_settings_get_mode (settings));
  else
    json_builder_add_null_value (builder);

  json_builder_set_member_name (builder, "charge_limits");
  if (carport_vehicle_supports_endpoint (vehicle, CARPORT_ENDPOINT_SOC_LEVELS))
    {
      int min = carport_charge_settings_get_soc_min_percent (settings);
      int target = carport_charge_settings_get_soc_target_percent (settings);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "min_percent");
      if (min >= 0)
        json_builder_add_int_value (builder, min);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "target_percent");
      if (target >= 0)
        json_builder_add_int_value (builder, target);
      else
        json_builder_add_null_value (builder);
      json_builder_end_object (builder);
    }
  else
    json_builder_add_null_value (builder);

  json_builder_set_member_name (builder, "schedules");
  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (carport_charge_settings_get_schedules (settings)); i++)
    {
      g_autoptr(CarportSchedule) schedule =
        g_list_model_get_item (carport_charge_settings_get_schedules (settings), i);

      /* The empty slots a car reports are no programmes. */
      if (!carport_schedule_is_set_up (schedule))
        continue;
      json_builder_begin_object (builder);
      add_object_members (builder, G_OBJECT (schedule));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "unsupported");
  json_builder_begin_array (builder);
  for (guint i = 0; i < CARPORT_N_ENDPOINTS; i++)
    if (!carport_vehicle_supports_endpoint (vehicle, i))
      json_builder_add_string_value (builder, carport_enum_to_nick (CARPORT_TYPE_ENDPOINT, i));
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "errors");
  json_builder_begin_object (builder);
  for (guint i = 0; i < CARPORT_N_ENDPOINTS; i++)
    {
      const char *message = carport_vehicle_get_endpoint_error (vehicle, i);

      if (message)
        {
          json_builder_set_member_name (builder, carport_enum_to_nick (CARPORT_TYPE_ENDPOINT, i));
          json_builder_add_string_value (builder, message);
        }
    }
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "from_cache");
  json_builder_add_boolean_value (builder, carport_vehicle_get_from_cache (vehicle));

  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

JsonNode *
carport_cli_json_command (CarportCommand *command)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "command");
  json_builder_add_string_value (builder, carport_enum_to_nick (CARPORT_TYPE_COMMAND_KIND,
                                                                carport_command_get_kind (command)));
  json_builder_set_member_name (builder, "vin");
  add_string_or_null (builder, carport_command_get_vin (command));
  json_builder_set_member_name (builder, "id");
  add_string_or_null (builder, carport_command_get_server_id (command));
  json_builder_set_member_name (builder, "state");
  json_builder_add_string_value (builder, carport_enum_to_nick (CARPORT_TYPE_COMMAND_STATE,
                                                                carport_command_get_state (command)));
  json_builder_set_member_name (builder, "message");
  add_string_or_null (builder, carport_command_get_message (command));
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

void
carport_cli_json_print (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}
