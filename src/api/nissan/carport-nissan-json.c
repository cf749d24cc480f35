/* carport-nissan-json.c — JSON <-> model mapping of Nissan's Kamereon hosts.
 *
 * docs/api-nissan.md §1.4 (errors), §2 (cars and services), §3 (reads and
 * actions), §4 (action status), §9 (units are km; services carry features).
 * Every field is optional; a value of the wrong type or out of range is
 * treated as absent.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "carport-api"

#include <glib/gi18n.h>

#include <math.h>
#include <string.h>

#include "carport-nissan-json.h"
#include "carport-http.h"
#include "carport-json.h"
#include "carport-kamereon-json.h"

#define CAR_INFO_KEY "carport-nissan-car-info"

const CarportClimateRange carport_nissan_climate_range = { 16.0, 26.0, 1.0 };

/* ------------------------------------------------------------------------ */
/* Per-car info */

static gboolean
model_is (const char *model_name,
          const char *name)
{
  return model_name != NULL && g_ascii_strcasecmp (model_name, name) == 0;
}

CarportNissanCarInfo *
carport_nissan_car_info_new (const char *model_name,
                             const char *can_generation,
                             const char *car_gateway)
{
  CarportNissanCarInfo *info = g_new0 (CarportNissanCarInfo, 1);

  info->battery_api = (model_is (model_name, "Ariya") || model_is (model_name, "Micra"))
                      ? CARPORT_NISSAN_BATTERY_BFF_V3 : CARPORT_NISSAN_BATTERY_V1;
  info->can_generation = (can_generation != NULL && *can_generation != '\0') ? g_strdup (can_generation) : NULL;
  info->car_gateway = (car_gateway != NULL && *car_gateway != '\0') ? g_strdup (car_gateway) : NULL;
  info->cockpit_v2 = car_gateway != NULL && g_ascii_strcasecmp (car_gateway, "RVG") == 0;

  return info;
}

CarportNissanCarInfo *
carport_nissan_car_info_copy (const CarportNissanCarInfo *info)
{
  CarportNissanCarInfo *copy;

  g_return_val_if_fail (info != NULL, NULL);

  copy = g_memdup2 (info, sizeof *info);
  copy->can_generation = g_strdup (info->can_generation);
  copy->car_gateway = g_strdup (info->car_gateway);

  return copy;
}

void
carport_nissan_car_info_free (CarportNissanCarInfo *info)
{
  if (info == NULL)
    return;

  g_free (info->can_generation);
  g_free (info->car_gateway);
  g_free (info);
}

/* What the car list said, kept with the car (and so in the cache) for the
 * cars restored without listing them again: a{ss} in GVariant text. */
static char *
pack_client_data (const char *can_generation,
                  const char *car_gateway)
{
  GVariantBuilder builder;
  g_autoptr(GVariant) variant = NULL;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{ss}"));
  if (can_generation != NULL && *can_generation != '\0')
    g_variant_builder_add (&builder, "{ss}", "can-generation", can_generation);
  if (car_gateway != NULL && *car_gateway != '\0')
    g_variant_builder_add (&builder, "{ss}", "car-gateway", car_gateway);
  variant = g_variant_ref_sink (g_variant_builder_end (&builder));
  return g_variant_print (variant, FALSE);
}

CarportNissanCarInfo *
carport_nissan_car_info_new_for_vehicle (CarportVehicle *vehicle)
{
  const char *data, *can_generation = NULL, *car_gateway = NULL;
  g_autoptr(GVariant) variant = NULL;

  g_return_val_if_fail (CARPORT_IS_VEHICLE (vehicle), NULL);

  data = carport_vehicle_get_client_data (vehicle);
  if (data != NULL)
    variant = g_variant_parse (G_VARIANT_TYPE ("a{ss}"), data, NULL, NULL, NULL);
  if (variant != NULL)
    {
      g_variant_lookup (variant, "can-generation", "&s", &can_generation);
      g_variant_lookup (variant, "car-gateway", "&s", &car_gateway);
    }
  return carport_nissan_car_info_new (carport_vehicle_get_model_name (vehicle), can_generation, car_gateway);
}

CarportNissanCarInfo *
carport_nissan_car_info_get (CarportVehicle *vehicle)
{
  g_return_val_if_fail (CARPORT_IS_VEHICLE (vehicle), NULL);

  return g_object_get_data (G_OBJECT (vehicle), CAR_INFO_KEY);
}

void
carport_nissan_car_info_set (CarportVehicle       *vehicle,
                             CarportNissanCarInfo *info)
{
  g_return_if_fail (CARPORT_IS_VEHICLE (vehicle));

  g_object_set_data_full (G_OBJECT (vehicle), CAR_INFO_KEY, info,
                          (GDestroyNotify) carport_nissan_car_info_free);
}

/* ------------------------------------------------------------------------ */
/* Model names */

char *
carport_nissan_normalize_model_name (const char *name)
{
  static const char * const known[] = {
    "Leaf", "Ariya", "Micra", "Townstar", "Qashqai", "Juke", "X-Trail", "e-NV200",
    "Note", "Patrol", "Navara", "Primastar", "Interstar", "Pathfinder", "Armada", NULL,
  };

  return carport_format_model_name (name, known);
}

/* ------------------------------------------------------------------------ */
/* Answers */

static JsonNode *
load_json (GBytes *body)
{
  const char *data;
  gsize len = 0;

  if (body == NULL)
    return NULL;

  data = g_bytes_get_data (body, &len);
  return carport_json_parse (data, (gssize) len);
}

typedef struct {
  const char      *code;
  CarportApiError  error;
} CodeMapping;

/* api-nissan.md §1.4: a code is the HTTP status or a six-digit application code. */
static const CodeMapping nissan_codes[] = {
  { "401000", CARPORT_API_ERROR_UNAUTHORIZED },
  { "401", CARPORT_API_ERROR_UNAUTHORIZED },
  { "403009", CARPORT_API_ERROR_PRIVACY_MODE },
  { "403", CARPORT_API_ERROR_FORBIDDEN },
  { "404", CARPORT_API_ERROR_NOT_FOUND },
  { "400", CARPORT_API_ERROR_INVALID_INPUT },
  { "409", CARPORT_API_ERROR_IN_PROGRESS },
  { "409010", CARPORT_API_ERROR_IN_PROGRESS },
  { "429", CARPORT_API_ERROR_QUOTA_LIMIT },
  { "500", CARPORT_API_ERROR_SERVER },
  { "501", CARPORT_API_ERROR_NOT_SUPPORTED },
  { "502", CARPORT_API_ERROR_UPSTREAM },
  { "503", CARPORT_API_ERROR_SERVER },
  { "504", CARPORT_API_ERROR_TIMEOUT },
};

static gboolean
lookup_code (const char      *code,
             CarportApiError *out)
{
  if (code == NULL)
    return FALSE;

  for (gsize i = 0; i < G_N_ELEMENTS (nissan_codes); i++)
    if (g_str_equal (nissan_codes[i].code, code))
      {
        *out = nissan_codes[i].error;
        return TRUE;
      }

  return FALSE;
}

/* What a status says when the body says nothing better. */
static CarportApiError
code_for_status (guint http_status)
{
  g_autofree char *text = g_strdup_printf ("%u", http_status);
  CarportApiError code;

  if (lookup_code (text, &code))
    return code;
  if (http_status >= 500)
    return CARPORT_API_ERROR_SERVER;
  return CARPORT_API_ERROR_FAILED;
}

static void
set_errors_error (JsonNode  *errors,
                  guint      http_status,
                  GError   **error)
{
  JsonObject *entry = NULL;
  g_autofree char *code = NULL;
  g_autoptr(GString) detail = g_string_new (NULL);
  CarportApiError mapped;
  const char *parts[2];

  if (JSON_NODE_HOLDS_OBJECT (errors))
    entry = json_node_get_object (errors);
  else if (JSON_NODE_HOLDS_ARRAY (errors) && json_array_get_length (json_node_get_array (errors)) > 0)
    entry = carport_json_node_get_object (json_array_get_element (json_node_get_array (errors), 0));

  if (entry != NULL)
    {
      code = carport_json_node_dup_code (carport_json_get_member (entry, "code"));
      if (code == NULL)
        code = carport_json_node_dup_code (carport_json_get_member (entry, "errorCode"));
      parts[0] = carport_json_get_string (entry, "title");
      parts[1] = carport_json_get_string (entry, "detail");
      for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
        if (parts[i] != NULL && *parts[i] != '\0')
          g_string_append_printf (detail, "%s%s", detail->len > 0 ? ": " : "", parts[i]);
    }

  if (!lookup_code (code, &mapped))
    mapped = (http_status >= 200 && http_status < 300) ? CARPORT_API_ERROR_FAILED : code_for_status (http_status);

  if (mapped == CARPORT_API_ERROR_FAILED && code != NULL)
    {
      if (detail->len > 0)
        g_string_prepend_c (detail, ' ');
      g_string_prepend (detail, code);
    }

  carport_api_set_error (error, mapped, detail->len > 0 ? detail->str : NULL);
}

JsonNode *
carport_nissan_parse_response (guint    http_status,
                               GBytes  *body,
                               GError **error)
{
  g_autoptr(JsonNode) root = load_json (body);
  g_autoptr(GError) local_error = NULL;
  JsonNode *errors;
  JsonNode *result;

  errors = carport_json_get_member (carport_json_node_get_object (root), "errors");
  if (errors == NULL && root != NULL && JSON_NODE_HOLDS_OBJECT (root) &&
      json_object_has_member (json_node_get_object (root), "errors"))
    errors = json_object_get_member (json_node_get_object (root), "errors");

  if (errors != NULL)
    {
      set_errors_error (errors, http_status, error);
      return NULL;
    }

  /* Everything else as Kamereon does (non-JSON, status classes). */
  result = carport_kamereon_parse_response (http_status, body, &local_error);
  if (result == NULL)
    {
      /* There is no API key at Nissan: a bare 403 is a refusal. */
      if (g_error_matches (local_error, CARPORT_API_ERROR, CARPORT_API_ERROR_API_KEY))
        local_error->code = CARPORT_API_ERROR_FORBIDDEN;
      g_propagate_error (error, g_steal_pointer (&local_error));
    }

  return result;
}

/* ------------------------------------------------------------------------ */
/* Tokens */

static void
wipe_free (char *secret)
{
  if (secret == NULL)
    return;
  explicit_bzero (secret, strlen (secret));
  g_free (secret);
}

void
carport_nissan_tokens_clear (CarportNissanTokens *tokens)
{
  g_clear_pointer (&tokens->access_token, wipe_free);
  g_clear_pointer (&tokens->refresh_token, wipe_free);
  g_clear_pointer (&tokens->id_token, wipe_free);
  tokens->expires_in = 0;
}

static char *
dup_nonempty (JsonObject *object,
              const char *name)
{
  const char *value = carport_json_get_string (object, name);

  return (value != NULL && *value != '\0') ? g_strdup (value) : NULL;
}

gboolean
carport_nissan_parse_tokens (guint                http_status,
                             GBytes              *body,
                             CarportNissanTokens *tokens,
                             gboolean            *rejected,
                             GError             **error)
{
  g_autoptr(JsonNode) root = load_json (body);
  JsonObject *object = carport_json_node_get_object (root);
  const char *oauth_error = carport_json_get_string (object, "error");
  const char *token_type;
  double expires_in;

  memset (tokens, 0, sizeof *tokens);
  *rejected = http_status == 400 || http_status == 401 || http_status == 403;

  if (oauth_error != NULL)
    {
      const char *description = carport_json_get_string (object, "error_description");
      g_autofree char *detail = description != NULL ? g_strdup_printf ("%s: %s", oauth_error, description)
                                                    : g_strdup (oauth_error);

      *rejected = TRUE;
      carport_api_set_error (error, CARPORT_API_ERROR_FAILED, detail);
      return FALSE;
    }

  if (http_status < 200 || http_status >= 300)
    {
      g_autofree char *detail = g_strdup_printf ("HTTP %u", http_status);

      carport_api_set_error (error, *rejected ? CARPORT_API_ERROR_FAILED : code_for_status (http_status), detail);
      return FALSE;
    }

  if (object == NULL)
    {
      carport_api_set_error (error, CARPORT_API_ERROR_INVALID_RESPONSE, _("the login server did not send JSON"));
      return FALSE;
    }

  token_type = carport_json_get_string (object, "token_type");
  if (token_type != NULL && g_ascii_strcasecmp (token_type, "Bearer") != 0)
    {
      carport_api_set_error (error, CARPORT_API_ERROR_INVALID_RESPONSE, "token_type");
      return FALSE;
    }

  tokens->access_token = dup_nonempty (object, "access_token");
  if (tokens->access_token == NULL)
    {
      carport_api_set_error (error, CARPORT_API_ERROR_INVALID_RESPONSE, "access_token");
      return FALSE;
    }

  tokens->refresh_token = dup_nonempty (object, "refresh_token");
  tokens->id_token = dup_nonempty (object, "id_token");
  tokens->expires_in = 3600;
  if (carport_json_get_number (object, "expires_in", &expires_in) && expires_in >= 1 && expires_in < G_MAXINT32)
    tokens->expires_in = (gint64) expires_in;

  return TRUE;
}

char *
carport_nissan_parse_user_id (JsonNode *root)
{
  JsonObject *object = carport_json_node_get_object (root);
  char *id = carport_json_node_dup_code (carport_json_get_member (object, "userId"));

  /* Also under a JSON:API envelope, should one come. */
  if (id == NULL)
    id = carport_json_node_dup_code (carport_json_get_member (carport_json_attributes (root), "userId"));

  return id;
}

/* ------------------------------------------------------------------------ */
/* Cars */

static CarportEnergy
energy_from_car (JsonObject *car,
                 const char *model_name)
{
  const char *energy = carport_json_get_string (car, "energy");

  if (energy == NULL)
    energy = carport_json_get_string (car, "engineType");

  if (energy != NULL)
    {
      g_autofree char *lower = g_ascii_strdown (energy, -1);

      if (strstr (lower, "phev") != NULL || strstr (lower, "plug") != NULL)
        return CARPORT_ENERGY_PLUG_IN_HYBRID;
      if (strstr (lower, "hybrid") != NULL || strstr (lower, "e-power") != NULL || strstr (lower, "epower") != NULL)
        return CARPORT_ENERGY_HYBRID;
      if (strstr (lower, "elec") != NULL || g_str_equal (lower, "ev") || g_str_equal (lower, "bev"))
        return CARPORT_ENERGY_ELECTRIC;
      if (strstr (lower, "petrol") != NULL || strstr (lower, "gasoline") != NULL ||
          strstr (lower, "diesel") != NULL || strstr (lower, "fuel") != NULL || g_str_equal (lower, "ice"))
        return CARPORT_ENERGY_FUEL;
    }

  /* Cars on this platform that only come electric. */
  if (model_is (model_name, "Leaf") || model_is (model_name, "Ariya") ||
      model_is (model_name, "Micra") || model_is (model_name, "e-NV200"))
    return CARPORT_ENERGY_ELECTRIC;

  return CARPORT_ENERGY_NONE;
}

/* The ids of the ACTIVATED services (numbers or strings; anything else,
 * and nested features, ignored). */
static GHashTable *
activated_services (JsonObject *car)
{
  GHashTable *set = g_hash_table_new (g_direct_hash, g_direct_equal);
  JsonArray *services = carport_json_get_array (car, "services");

  for (guint i = 0; services != NULL && i < json_array_get_length (services); i++)
    {
      JsonObject *service = carport_json_node_get_object (json_array_get_element (services, i));
      g_autofree char *id = carport_json_node_dup_code (carport_json_get_member (service, "id"));
      const char *state = carport_json_get_string (service, "activationState");
      guint64 number;

      if (id == NULL || state == NULL || g_ascii_strcasecmp (state, "ACTIVATED") != 0)
        continue;
      if (!g_ascii_string_to_unsigned (id, 10, 1, G_MAXINT, &number, NULL))
        continue;
      g_hash_table_add (set, GUINT_TO_POINTER ((guint) number));
    }

  return set;
}

static gboolean
has_any (GHashTable *set,
         ...)
{
  va_list args;
  gboolean found = FALSE;
  int id;

  va_start (args, set);
  while ((id = va_arg (args, int)) != 0)
    if (g_hash_table_contains (set, GUINT_TO_POINTER ((guint) id)))
      found = TRUE;
  va_end (args);

  return found;
}

#define BIT(n) (1u << (n))

/* The remote lock's gate, as MyNISSAN 4.0.0 has it (api-nissan.md §3.4):
 * lock status is 886 on a CCS2 car (ccsGen "1", not cross-badged), else
 * 2021; lock and unlock need it and 27 or 878; the PIN's set-up is 909 on
 * CCS2 and 747 on CCS1.5 (ccsGen "2"), for the owner only. A car outside
 * the gate is never sent any of it. */
static guint
remote_lock_commands (JsonObject *car,
                      GHashTable *services)
{
  g_autofree char *ccs_gen = carport_json_node_dup_code (carport_json_get_member (car, "ccsGen"));
  const char *role = carport_json_get_string (car, "role");
  gboolean cross_badged = FALSE;
  gboolean ccs2, lock_status, setup;
  guint commands = 0;

  carport_json_get_bool (car, "isCrossBadged", &cross_badged);
  ccs2 = g_strcmp0 (ccs_gen, "1") == 0 && !cross_badged;
  lock_status = ccs2 ? has_any (services, 886, 0) : has_any (services, 2021, 0);
  if (lock_status && has_any (services, 27, 878, 0))
    commands |= BIT (CARPORT_COMMAND_KIND_LOCK) | BIT (CARPORT_COMMAND_KIND_UNLOCK);
  setup = ccs2 ? has_any (services, 909, 0)
               : g_strcmp0 (ccs_gen, "2") == 0 && has_any (services, 747, 0);
  if (setup && (role == NULL || g_ascii_strcasecmp (role, "OWNER") == 0))
    commands |= BIT (CARPORT_COMMAND_KIND_SRP_ENROL);
  return commands;
}

static CarportVehicle *
parse_car (JsonObject *car,
           const char *user_id)
{
  g_autoptr(CarportVehicle) vehicle = NULL;
  g_autoptr(GHashTable) services = NULL;
  g_autofree char *vin = NULL;
  g_autofree char *model_name = NULL;
  g_autofree char *client_data = NULL;
  const char *raw_vin = carport_json_get_string (car, "vin");
  const char *registration;
  const char *picture;
  const char *model_code;
  guint endpoints = BIT (CARPORT_ENDPOINT_COCKPIT);
  guint commands = 0;
  gboolean climate;

  if (raw_vin == NULL || *raw_vin == '\0')
    return NULL;

  vin = g_ascii_strup (raw_vin, -1);
  g_strstrip (vin);
  model_name = carport_nissan_normalize_model_name (carport_json_get_string (car, "modelName"));
  services = activated_services (car);

  vehicle = carport_vehicle_new (vin);
  g_object_freeze_notify (G_OBJECT (vehicle));
  carport_vehicle_set_brand (vehicle, CARPORT_BRAND_NISSAN);
  carport_vehicle_set_model_name (vehicle, model_name);
  model_code = carport_json_get_string (car, "modelCode");
  if (model_code != NULL && *model_code != '\0')
    carport_vehicle_set_model_code (vehicle, model_code);
  registration = carport_json_get_string (car, "registrationNumber");
  if (registration != NULL && *registration != '\0')
    carport_vehicle_set_registration (vehicle, registration);
  picture = carport_json_get_string (car, "pictureURL");
  if (picture != NULL && carport_url_is_secure (picture))
    carport_vehicle_set_picture_url (vehicle, picture);
  carport_vehicle_set_energy (vehicle, energy_from_car (car, model_name));
  carport_vehicle_set_account_id (vehicle, user_id);

  /* api-nissan.md §2: the list is unreliable, e.g. hvac-status works on a Micra without
   * 307 or 2042; what a car refuses is learnt at run time. */
  climate = has_any (services, 366, 307, 2042, 0);
  if (has_any (services, 319, 0))
    {
      endpoints |= BIT (CARPORT_ENDPOINT_BATTERY_STATUS);
      commands |= BIT (CARPORT_COMMAND_KIND_REFRESH_BATTERY);
    }
  if (has_any (services, 12, 0))
    {
      endpoints |= BIT (CARPORT_ENDPOINT_LOCATION);
      commands |= BIT (CARPORT_COMMAND_KIND_REFRESH_LOCATION);
    }
  if (climate)
    {
      endpoints |= BIT (CARPORT_ENDPOINT_HVAC_STATUS);
      commands |= BIT (CARPORT_COMMAND_KIND_REFRESH_HVAC);
    }
  if (has_any (services, 366, 0))
    commands |= BIT (CARPORT_COMMAND_KIND_HVAC_START) | BIT (CARPORT_COMMAND_KIND_HVAC_STOP);
  if (has_any (services, 2021, 886, 0))
    {
      endpoints |= BIT (CARPORT_ENDPOINT_LOCK_STATUS);
      commands |= BIT (CARPORT_COMMAND_KIND_REFRESH_LOCKS);
    }
  commands |= remote_lock_commands (car, services);
  if (has_any (services, 97, 0))
    commands |= BIT (CARPORT_COMMAND_KIND_HORN) | BIT (CARPORT_COMMAND_KIND_LIGHTS);
  if (has_any (services, 299, 0))
    commands |= BIT (CARPORT_COMMAND_KIND_CHARGE_START);
  if (has_any (services, 303, 0))
    commands |= BIT (CARPORT_COMMAND_KIND_CHARGE_STOP);
  if (has_any (services, 235, 0))
    endpoints |= BIT (CARPORT_ENDPOINT_TRIP_HISTORY);

  carport_vehicle_set_supported_endpoints (vehicle, endpoints);
  carport_vehicle_set_supported_commands (vehicle, commands);
  carport_capabilities_set_climate_range (carport_vehicle_get_capabilities (vehicle), &carport_nissan_climate_range);
  client_data = pack_client_data (carport_json_get_string (car, "canGeneration"),
                                  carport_json_get_string (car, "carGateway"));
  carport_vehicle_set_client_data (vehicle, client_data);
  g_object_thaw_notify (G_OBJECT (vehicle));

  carport_nissan_car_info_set (vehicle,
                               carport_nissan_car_info_new (model_name,
                                                            carport_json_get_string (car, "canGeneration"),
                                                            carport_json_get_string (car, "carGateway")));

  return g_steal_pointer (&vehicle);
}

GPtrArray *
carport_nissan_parse_cars (JsonNode    *root,
                           const char  *user_id,
                           GError     **error)
{
  g_autoptr(GPtrArray) vehicles = g_ptr_array_new_with_free_func (g_object_unref);
  JsonArray *cars = carport_json_get_array (carport_json_node_get_object (root), "data");

  if (cars == NULL)
    {
      carport_api_set_error (error, CARPORT_API_ERROR_INVALID_RESPONSE, _("no vehicle list in the answer"));
      return NULL;
    }

  for (guint i = 0; i < json_array_get_length (cars); i++)
    {
      JsonObject *car = carport_json_node_get_object (json_array_get_element (cars, i));
      CarportVehicle *vehicle;
      gboolean seen = FALSE;

      if (car == NULL || (vehicle = parse_car (car, user_id)) == NULL)
        continue;

      for (guint j = 0; j < vehicles->len; j++)
        if (g_str_equal (carport_vehicle_get_vin (g_ptr_array_index (vehicles, j)),
                         carport_vehicle_get_vin (vehicle)))
          seen = TRUE;

      if (seen)
        g_object_unref (vehicle);
      else
        g_ptr_array_add (vehicles, vehicle);
    }

  if (vehicles->len == 0)
    {
      g_set_error_literal (error, CARPORT_API_ERROR, CARPORT_API_ERROR_NO_VEHICLES,
                           _("There is no car in this account"));
      return NULL;
    }

  return g_steal_pointer (&vehicles);
}

/* ------------------------------------------------------------------------ */
/* Reads */

/* {"data":{"attributes":@attrs}}: what the shared car-adapter parser reads,
 * from an envelope or a flat body alike. */
static JsonNode *
envelope (JsonObject *attrs)
{
  JsonObject *data = json_object_new ();
  JsonObject *top = json_object_new ();
  JsonNode *root = json_node_new (JSON_NODE_OBJECT);

  json_object_set_object_member (data, "attributes", json_object_ref (attrs));
  json_object_set_object_member (top, "data", data);
  json_node_take_object (root, top);

  return root;
}

static CarportPlugState
plug_from_value (JsonObject *attrs)
{
  int value;

  if (!carport_json_get_int (attrs, "plugStatus", &value))
    return CARPORT_PLUG_STATE_NONE;

  switch (value)
    {
    case 0:
      return CARPORT_PLUG_STATE_UNPLUGGED;
    case 1:
      return CARPORT_PLUG_STATE_PLUGGED;
    case -1:
      return CARPORT_PLUG_STATE_ERROR;
    default:
      return CARPORT_PLUG_STATE_UNKNOWN;
    }
}

/* v1's chargeStatus (and v3's when it has no chargingStatus): −1, 0, 1. */
static CarportChargingState
charge_status_from_value (JsonObject *attrs)
{
  double value;

  if (!carport_json_get_number (attrs, "chargeStatus", &value))
    return CARPORT_CHARGING_STATE_NONE;

  if (value == 0)
    return CARPORT_CHARGING_STATE_NOT_CHARGING;
  if (value == 1)
    return CARPORT_CHARGING_STATE_CHARGING;
  if (value == -1)
    return CARPORT_CHARGING_STATE_ERROR;
  return CARPORT_CHARGING_STATE_UNKNOWN;
}

static GDateTime *
updated_time (JsonObject *attrs)
{
  GDateTime *updated = carport_json_get_time (attrs, "lastUpdateTime");

  return updated != NULL ? updated : carport_json_get_time (attrs, "timestamp");
}

/* Minutes to full for the car's charge power (1 slow, 2 normal, 3–4 fast). */
static int
minutes_to_full (JsonObject *attrs)
{
  static const char * const by_power[] = { "timeRequiredToFullSlow", "timeRequiredToFullNormal",
                                           "timeRequiredToFullFast", "timeRequiredToFullFast" };
  static const char * const fallback[] = { "timeRequiredToFullNormal", "timeRequiredToFullSlow",
                                           "timeRequiredToFullFast" };
  const int max = CARPORT_KAMEREON_MAX_REMAINING_MINUTES;
  int power, minutes;

  if (carport_json_get_int_in (attrs, "chargePower", 1, 4, &power) &&
      carport_json_get_int_in (attrs, by_power[power - 1], 0, max, &minutes))
    return minutes;

  for (gsize i = 0; i < G_N_ELEMENTS (fallback); i++)
    if (carport_json_get_int_in (attrs, fallback[i], 0, max, &minutes))
      return minutes;

  return -1;
}

/* car-adapter v1 (Leaf): its own shape. Its battery temperature has no
 * known unit (api-nissan.md §3.2) and its energy is not reported: they stay as they were. */
static gboolean
parse_battery_v1 (CarportVehicle  *vehicle,
                  JsonObject      *attrs,
                  GError         **error)
{
  g_autoptr(CarportBattery) update = carport_battery_new ();
  g_autoptr(GDateTime) updated = carport_json_get_time (attrs, "lastUpdateTime");
  double number;
  int level, bars;

  if (carport_json_get_int_in (attrs, "batteryLevel", 0, 100, &level))
    carport_battery_set_level_percent (update, level);
  else if (carport_json_get_int_in (attrs, "batteryBarLevel", 0, 240, &bars))
    carport_battery_set_level_percent (update, (int) lround (bars * 100.0 / 240.0));

  /* With the climate off, as people read a range. */
  if (carport_json_get_number_in (attrs, "rangeHvacOff", 0, CARPORT_KAMEREON_MAX_RANGE_KM, &number) ||
      carport_json_get_number_in (attrs, "rangeHvacOn", 0, CARPORT_KAMEREON_MAX_RANGE_KM, &number))
    carport_battery_set_range_km (update, number);

  /* kWh (api-nissan.md §3.2). */
  if (carport_json_get_number_in (attrs, "batteryCapacity", 0, CARPORT_KAMEREON_MAX_ENERGY_KWH, &number) && number > 0)
    carport_battery_set_capacity_kwh (update, number);

  carport_battery_set_plug (update, plug_from_value (attrs));
  carport_battery_set_charging (update, charge_status_from_value (attrs));
  if (carport_json_get_number_in (attrs, "instantaneousPower", 0, CARPORT_KAMEREON_MAX_POWER_KW, &number))
    carport_battery_set_charging_power_kw (update, number);
  carport_battery_set_remaining_minutes (update, minutes_to_full (attrs));
  carport_state_set_updated (CARPORT_STATE (update), updated);

  return carport_kamereon_merge_update (carport_vehicle_get_battery (vehicle), update, error);
}

/* v2 / v3: Renault's car-adapter shape, plus Nissan's own times and zeros. */
static gboolean
parse_battery_v2 (CarportVehicle  *vehicle,
                  JsonObject      *attrs,
                  GError         **error)
{
  g_autoptr(CarportBattery) update = carport_battery_new ();
  g_autoptr(GDateTime) updated = updated_time (attrs);
  double number;
  int level;

  carport_kamereon_read_state (vehicle, CARPORT_ENDPOINT_BATTERY_STATUS, attrs, CARPORT_STATE (update));
  carport_state_set_updated (CARPORT_STATE (update), updated);
  /* 0 means "not measured" on Ariya and Micra (api-nissan.md §4.3). */
  if (carport_json_get_number (attrs, "batteryTemperature", &number) && number == 0)
    carport_battery_set_temperature_c (update, CARPORT_UNKNOWN_DOUBLE);
  if (!carport_json_get_number (attrs, "chargingStatus", &number))
    carport_battery_set_charging (update, charge_status_from_value (attrs));
  /* The Townstar's bff v2 names the level so. */
  if (carport_battery_get_level_percent (update) < 0 &&
      carport_json_get_int_in (attrs, "stateOfCharge", 0, 100, &level))
    carport_battery_set_level_percent (update, level);

  return carport_kamereon_merge_update (carport_vehicle_get_battery (vehicle), update, error);
}

/* The car-adapter's cockpit, with Nissan's "mileage" and times. */
static gboolean
parse_cockpit (CarportVehicle  *vehicle,
               JsonObject      *attrs,
               GError         **error)
{
  g_autoptr(CarportCockpit) update = carport_cockpit_new ();
  g_autoptr(GDateTime) updated = updated_time (attrs);
  double km;

  carport_kamereon_read_state (vehicle, CARPORT_ENDPOINT_COCKPIT, attrs, CARPORT_STATE (update));
  if (!carport_is_known (carport_cockpit_get_mileage_km (update)) &&
      carport_json_get_number_in (attrs, "mileage", 0, CARPORT_KAMEREON_MAX_MILEAGE_KM, &km))
    carport_cockpit_set_mileage_km (update, km);
  if (updated != NULL)
    carport_state_set_updated (CARPORT_STATE (update), updated);

  return carport_kamereon_merge_update (carport_vehicle_get_cockpit (vehicle), update, error);
}

gboolean
carport_nissan_parse_endpoint (CarportVehicle          *vehicle,
                               CarportEndpoint          endpoint,
                               CarportNissanBatteryApi  battery_api,
                               JsonNode                *root,
                               GError                 **error)
{
  JsonObject *attrs;
  g_autoptr(JsonNode) wrapped = NULL;

  g_return_val_if_fail (CARPORT_IS_VEHICLE (vehicle), FALSE);

  attrs = carport_json_attributes (root);
  if (attrs == NULL)
    {
      carport_api_set_error (error, CARPORT_API_ERROR_INVALID_RESPONSE, _("no vehicle data in the answer"));
      return FALSE;
    }
  if (json_object_get_size (attrs) == 0)
    return TRUE;   /* nothing reported, nothing changes */

  if (endpoint == CARPORT_ENDPOINT_BATTERY_STATUS && battery_api == CARPORT_NISSAN_BATTERY_V1)
    return parse_battery_v1 (vehicle, attrs, error);
  if (endpoint == CARPORT_ENDPOINT_BATTERY_STATUS)
    return parse_battery_v2 (vehicle, attrs, error);
  if (endpoint == CARPORT_ENDPOINT_COCKPIT)
    return parse_cockpit (vehicle, attrs, error);

  wrapped = envelope (attrs);
  return carport_kamereon_parse_endpoint (vehicle, endpoint, wrapped, error);
}

/* ------------------------------------------------------------------------ */
/* Actions */

char *
carport_nissan_parse_action_id (JsonNode *root)
{
  JsonObject *data = carport_json_get_object (carport_json_node_get_object (root), "data");

  return carport_json_node_dup_code (carport_json_get_member (data, "id"));
}

CarportCommandState
carport_nissan_parse_action_status (JsonNode  *root,
                                    char     **message)
{
  static const char * const failures[] = { "REJECTED", "CANCELLED", "CANCELED", "TIMEOUT", "FAILED", "ERROR" };
  JsonObject *attrs = carport_json_attributes (root);
  const char *status = carport_json_get_string (attrs, "status");
  g_autofree char *code = carport_json_node_dup_code (carport_json_get_member (attrs, "errorCode"));

  if (message != NULL)
    *message = NULL;

  if (status == NULL)
    return CARPORT_COMMAND_STATE_PENDING;

  if (g_ascii_strcasecmp (status, "COMPLETED") == 0 || g_ascii_strcasecmp (status, "SYNCHRONIZED") == 0)
    return CARPORT_COMMAND_STATE_COMPLETED;

  for (gsize i = 0; i < G_N_ELEMENTS (failures); i++)
    if (g_ascii_strcasecmp (status, failures[i]) == 0)
      {
        if (message != NULL)
          {
            g_autofree char *lower = g_ascii_strdown (status, -1);
            g_autofree char *detail = code != NULL ? g_strdup_printf ("%s, %s", lower, code) : g_strdup (lower);

            *message = g_strdup_printf (_("The car did not carry out the command (%s)."), detail);
          }
        return CARPORT_COMMAND_STATE_FAILED;
      }

  return CARPORT_COMMAND_STATE_PENDING;
}

char *
carport_nissan_parse_action_data (JsonNode   *root,
                                  const char *name)
{
  JsonArray *pairs = carport_json_get_array (carport_json_attributes (root), "data");

  for (guint i = 0; pairs != NULL && i < json_array_get_length (pairs); i++)
    {
      JsonObject *pair = carport_json_node_get_object (json_array_get_element (pairs, i));
      const char *value = carport_json_get_string (pair, "value");

      if (g_strcmp0 (carport_json_get_string (pair, "name"), name) == 0 && value != NULL && *value != '\0')
        return g_strdup (value);
    }
  return NULL;
}

/* HornLights with @target ("horn_lights" or "lights") for five seconds. */
static char *
horn_lights_body (const char *target)
{
  g_autoptr(JsonObject) attributes = json_object_new ();

  json_object_set_string_member (attributes, "action", "start");
  json_object_set_int_member (attributes, "duration", 5);
  json_object_set_string_member (attributes, "target", target);
  return carport_kamereon_jsonapi_body ("HornLights", attributes);
}

char *
carport_nissan_build_action (CarportCommand  *command,
                             const char     **out_action,
                             GError         **error)
{
  CarportCommandKind kind;
  double temperature;
  int degrees = 21;

  g_return_val_if_fail (CARPORT_IS_COMMAND (command), NULL);
  g_return_val_if_fail (out_action != NULL, NULL);

  kind = carport_command_get_kind (command);
  switch (kind)
    {
    case CARPORT_COMMAND_KIND_REFRESH_BATTERY:
      *out_action = "refresh-battery-status";
      return carport_kamereon_action_body ("RefreshBatteryStatus", NULL);
    case CARPORT_COMMAND_KIND_REFRESH_LOCATION:
      *out_action = "refresh-location";
      return carport_kamereon_action_body ("RefreshLocation", NULL);
    case CARPORT_COMMAND_KIND_REFRESH_HVAC:
      *out_action = "refresh-hvac-status";
      return carport_kamereon_action_body ("RefreshHvacStatus", NULL);
    case CARPORT_COMMAND_KIND_REFRESH_LOCKS:
      *out_action = "refresh-lock-status";
      return carport_kamereon_action_body ("RefreshLockStatus", NULL);
    case CARPORT_COMMAND_KIND_HVAC_START:
      temperature = carport_command_get_temperature_c (command);
      if (carport_is_known (temperature))
        {
          if (!carport_climate_range_check (&carport_nissan_climate_range, temperature, error))
            return NULL;
          /* Whole degrees only (api-nissan.md §4.3): half degrees are refused. */
          degrees = (int) round (temperature);
        }
      *out_action = "hvac-start";
      {
        g_autofree char *start_text = carport_format_iso8601_utc (carport_command_get_start_at (command));
        g_autoptr(JsonObject) attributes = json_object_new ();

        json_object_set_string_member (attributes, "action", "start");
        json_object_set_int_member (attributes, "targetTemperature", degrees);
        /* A planned start ("ready at") goes as startDateTime (§4.3). */
        if (start_text != NULL)
          json_object_set_string_member (attributes, "startDateTime", start_text);
        return carport_kamereon_jsonapi_body ("HvacStart", attributes);
      }
    case CARPORT_COMMAND_KIND_HVAC_STOP:
      *out_action = "hvac-start";
      /* "cancel" deletes a planned start; "stop" ends the climate running. */
      if (carport_command_get_start_at (command) != NULL)
        return carport_kamereon_action_body ("HvacStart", "cancel");
      return carport_kamereon_action_body ("HvacStart", "stop");
    case CARPORT_COMMAND_KIND_CHARGE_START:
      /* charging-start takes no start time (§4.3): now only. */
      if (!carport_charge_start_time_check (FALSE, carport_command_get_start_at (command), error))
        return NULL;
      *out_action = "charging-start";
      return carport_kamereon_action_body ("ChargingStart", "start");
    case CARPORT_COMMAND_KIND_CHARGE_STOP:
      *out_action = "charging-start";
      return carport_kamereon_action_body ("ChargingStart", "stop");
    case CARPORT_COMMAND_KIND_HORN:
      *out_action = "horn-lights";
      return horn_lights_body ("horn_lights");
    case CARPORT_COMMAND_KIND_LIGHTS:
      *out_action = "horn-lights";
      return horn_lights_body ("lights");
    case CARPORT_COMMAND_KIND_CHARGE_MODE:
    case CARPORT_COMMAND_KIND_CHARGE_SCHEDULE:
    case CARPORT_COMMAND_KIND_HVAC_SCHEDULE:
    case CARPORT_COMMAND_KIND_SOC_LEVELS:
    case CARPORT_N_COMMAND_KINDS:
    default:
      g_set_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_NOT_SUPPORTED,
                   _("This car does not offer “%s”"), carport_command_kind_get_title (kind));
      return NULL;
    }
}
