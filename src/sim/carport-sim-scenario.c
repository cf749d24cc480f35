/* carport-sim-scenario.c — scenario files for both brands
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A scenario is a JSON object whose members replace the simulator's
 * settings; src/sim/README.md describes it. Everything is checked before
 * anything is applied: the caller applies a CarportSimScenario only when
 * _carport_sim_scenario_load() succeeded.
 */

#define G_LOG_DOMAIN "carport-sim"

#include "config.h"

#include <string.h>

#include "carport-simulator.h"
#include "carport-sim-car.h"
#include "carport-sim-fault.h"
#include "carport-sim-scenario.h"
#include "carport-sim-util.h"
#include "renault/carport-sim-renault-car.h"
#include "nissan/carport-sim-nissan-car.h"

/* The demo scenario: what carport_simulator_new() simulates. The README
 * documents the format; a scenario file replaces what it names. */
const char _carport_sim_default_scenario[] =
  "{"
  "  \"latency_ms\": 0,"
  "  \"jwt_lifetime\": 900,"
  "  \"command_delay_ms\": 1500,"
  "  \"charge_rate\": 0.05,"
  "  \"account\": {"
  "    \"email\": \"demo@carport.example\","
  "    \"password\": \"carport-demo\","
  "    \"locale\": \"fr_FR\","
  "    \"first_name\": \"Camille\","
  "    \"last_name\": \"Martin\""
  "  },"
  "  \"cars\": ["
  "    { \"model\": \"X101VE\", \"vin\": \"VF1X101VE00000001\", \"name\": \"Zoé\","
  "      \"registration\": \"FR-101-ZE\", \"battery_level\": 50, \"plugged\": false,"
  "      \"mileage\": 49114.27, \"external_temperature\": 8.0,"
  "      \"latitude\": 48.8566, \"longitude\": 2.3522 },"
  "    { \"model\": \"X102VE\", \"vin\": \"VF1X102VE00000002\", \"name\": \"ZOE\","
  "      \"registration\": \"FR-102-ZE\", \"battery_level\": 62, \"plugged\": true,"
  "      \"mileage\": 5785.75, \"latitude\": 45.764, \"longitude\": 4.8357 },"
  "    { \"model\": \"XCB1VE\", \"vin\": \"VF1XCB1VE00000003\", \"name\": \"Mégane\","
  "      \"registration\": \"FR-203-MG\", \"battery_level\": 71, \"plugged\": true, \"charging\": true,"
  "      \"mileage\": 18230.4, \"latitude\": 47.2184, \"longitude\": -1.5536 },"
  "    { \"model\": \"XBG1VE\", \"vin\": \"UU1XBG1VE00000004\", \"name\": \"Spring\","
  "      \"registration\": \"FR-404-SP\", \"battery_level\": 34, \"plugged\": false,"
  "      \"mileage\": 20110.0, \"latitude\": 43.6047, \"longitude\": 1.4442 },"
  "    { \"model\": \"R5E1VE\", \"vin\": \"VF1R5E1VE00000005\", \"name\": \"R5\","
  "      \"registration\": \"FR-505-RC\", \"battery_level\": 81, \"plugged\": true,"
  "      \"mileage\": 559, \"latitude\": 44.8378, \"longitude\": -0.5792 },"
  "    { \"model\": \"XJB1SU\", \"vin\": \"VF1XJB1SU00000006\", \"name\": \"Captur\","
  "      \"registration\": \"FR-606-CP\", \"battery_level\": 45, \"plugged\": false,"
  "      \"mileage\": 5566.78, \"fuel_litres\": 27, \"latitude\": 43.2965, \"longitude\": 5.3698 }"
  "  ],"
  "  \"nissan\": {"
  "    \"account\": { \"email\": \"nissan-demo@carport.example\", \"password\": \"carport-nissan\","
  "                  \"locale\": \"en_GB\", \"first_name\": \"Alex\", \"last_name\": \"Morgan\" },"
  "    \"cars\": ["
  "      { \"model\": \"LEAF_ZE1\", \"vin\": \"SJNFAAZE1U0000001\", \"name\": \"Leaf\","
  "        \"registration\": \"LE19 AFE\", \"battery_level\": 58, \"plugged\": true, \"charging\": true,"
  "        \"mileage\": 31207.4, \"latitude\": 51.5072, \"longitude\": -0.1276 },"
  "      { \"model\": \"ARIYA\", \"vin\": \"SJNTAAFE0U0000002\", \"name\": \"Ariya\","
  "        \"registration\": \"AR22 IYA\", \"battery_level\": 69, \"plugged\": false,"
  "        \"mileage\": 14210.0, \"latitude\": 52.4862, \"longitude\": -1.8904 },"
  "      { \"model\": \"MICRA\", \"vin\": \"VNVMICRAE00000003\", \"name\": \"Micra\","
  "        \"registration\": \"MI25 CRA\", \"battery_level\": 57, \"plugged\": true,"
  "        \"mileage\": 2345.0, \"latitude\": 53.4808, \"longitude\": -2.2426 },"
  "      { \"model\": \"QASHQAI\", \"vin\": \"SJNFAAJ12U0000004\", \"name\": \"Qashqai\","
  "        \"registration\": \"QA21 SHQ\", \"mileage\": 40112.3, \"fuel_litres\": 38,"
  "        \"latitude\": 55.9533, \"longitude\": -3.1883, \"locked\": false }"
  "    ]"
  "  }"
  "}";

void
_carport_sim_account_copy (CarportSimAccount       *dest,
                           const CarportSimAccount *src)
{
  dest->email = g_strdup (src->email);
  dest->password = g_strdup (src->password);
  dest->locale = g_strdup (src->locale);
  dest->first_name = g_strdup (src->first_name);
  dest->last_name = g_strdup (src->last_name);
}

void
_carport_sim_account_clear (CarportSimAccount *account)
{
  g_clear_pointer (&account->email, g_free);
  g_clear_pointer (&account->password, g_free);
  g_clear_pointer (&account->locale, g_free);
  g_clear_pointer (&account->first_name, g_free);
  g_clear_pointer (&account->last_name, g_free);
}

void
_carport_sim_scenario_clear (CarportSimScenario *scenario)
{
  _carport_sim_account_clear (&scenario->account);
  _carport_sim_account_clear (&scenario->nissan_account);
  g_clear_pointer (&scenario->nissan_cars, g_ptr_array_unref);
  g_clear_pointer (&scenario->cars, g_ptr_array_unref);
  g_clear_pointer (&scenario->faults, g_ptr_array_unref);
}

static gboolean
scenario_error (GError    **error,
                const char *message)
{
  g_set_error (error, CARPORT_SIMULATOR_ERROR, CARPORT_SIMULATOR_ERROR_INVALID_SCENARIO,
               "%s", message);
  return FALSE;
}

static gboolean
scenario_uint (JsonObject *root,
               const char *member,
               guint       max,
               guint      *out,
               GError    **error)
{
  gint64 value;

  if (!json_object_has_member (root, member))
    return TRUE;
  if (!_carport_sim_json_get_int (root, member, &value) || value < 0 || (guint64) value > max)
    {
      g_autofree char *message = g_strdup_printf ("“%s” must be an integer from 0 to %u", member, max);

      return scenario_error (error, message);
    }
  *out = (guint) value;
  return TRUE;
}

static gboolean
load_account (JsonObject        *account,
              CarportSimAccount *out,
              GError           **error)
{
  static const char * const known[] = { "email", "password", "locale", "first_name", "last_name", NULL };
  char **targets[] = { &out->email, &out->password, &out->locale, &out->first_name, &out->last_name };
  JsonObjectIter iter;
  const char *member;
  JsonNode *node;

  json_object_iter_init (&iter, account);
  while (json_object_iter_next (&iter, &member, &node))
    {
      if (!g_strv_contains (known, member))
        {
          g_autofree char *message = g_strdup_printf ("account: unknown member “%s”", member);

          return scenario_error (error, message);
        }
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING ||
          *json_node_get_string (node) == '\0')
        {
          g_autofree char *message = g_strdup_printf ("account: “%s” must be a non-empty string", member);

          return scenario_error (error, message);
        }
      for (guint i = 0; known[i] != NULL; i++)
        if (g_str_equal (known[i], member))
          {
            g_free (*targets[i]);
            *targets[i] = g_strdup (json_node_get_string (node));
          }
    }
  if (out->locale != NULL)
    {
      const char *l = out->locale;

      if (strlen (l) != 5 || l[2] != '_' || !g_ascii_islower (l[0]) || !g_ascii_islower (l[1]) ||
          !g_ascii_isupper (l[3]) || !g_ascii_isupper (l[4]))
        return scenario_error (error, "account: “locale” looks like fr_FR");
    }
  return TRUE;
}

typedef CarportSimCar *(*CarNewFunc) (JsonObject *config, GError **error);

/* A "cars" array; every VIN must be new to @taken and is added to it. */
static GPtrArray *
load_cars (JsonNode    *node,
           const char  *member,
           CarNewFunc   car_new,
           GHashTable  *taken,
           GError     **error)
{
  g_autoptr(GPtrArray) cars = g_ptr_array_new_with_free_func (g_object_unref);
  JsonArray *array;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_autofree char *message = g_strdup_printf ("“%s” must be an array", member);

      scenario_error (error, message);
      return NULL;
    }
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      CarportSimCar *car;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          scenario_error (error, "every car is an object");
          return NULL;
        }
      car = car_new (json_node_get_object (element), error);
      if (car == NULL)
        return NULL;
      g_ptr_array_add (cars, car);
      if (!g_hash_table_add (taken, (gpointer) carport_sim_car_get_vin (car)))
        {
          g_autofree char *message = g_strdup_printf ("the VIN %s is used twice",
                                                      carport_sim_car_get_vin (car));

          scenario_error (error, message);
          return NULL;
        }
    }
  return g_steal_pointer (&cars);
}

static gboolean
load_faults (JsonNode   *node,
             GPtrArray  *faults,
             GError    **error)
{
  JsonArray *array;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    return scenario_error (error, "“faults” must be an array");
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      CarportSimFaultEntry *entry = _carport_sim_fault_entry_from_json (json_array_get_element (array, i),
                                                                        error);

      if (entry == NULL)
        return FALSE;
      g_ptr_array_add (faults, entry);
    }
  return TRUE;
}

/* A boolean @member of @object (in the section @section, NULL: the top). */
static gboolean
load_flag (JsonObject *object,
           const char *section,
           const char *member,
           int        *out,
           GError    **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    {
      g_autofree char *message = g_strdup_printf ("%s%s“%s” must be true or false",
                                                  section ? section : "", section ? ": " : "", member);

      return scenario_error (error, message);
    }
  *out = json_node_get_boolean (node);
  return TRUE;
}

/* {"account", "cars", "bad_password": "redirect"|"form", "interstitial",
 *  "rotate_refresh_token"} */
static gboolean
load_nissan (CarportSimScenario  *scenario,
             JsonNode            *node,
             GHashTable          *vins,
             GError             **error)
{
  static const char * const known[] = {
    "account", "cars", "bad_password", "interstitial", "rotate_refresh_token", NULL
  };
  JsonObject *object;
  JsonObjectIter iter;
  const char *member;
  JsonNode *value;
  const char *bad_password;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return scenario_error (error, "“nissan” must be an object");
  object = json_node_get_object (node);
  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &member, &value))
    if (!g_strv_contains (known, member))
      {
        g_autofree char *message = g_strdup_printf ("nissan: unknown member “%s”", member);

        return scenario_error (error, message);
      }
  value = json_object_get_member (object, "account");
  if (value != NULL)
    {
      if (!JSON_NODE_HOLDS_OBJECT (value))
        return scenario_error (error, "nissan: “account” must be an object");
      if (!load_account (json_node_get_object (value), &scenario->nissan_account, error))
        return FALSE;
    }
  value = json_object_get_member (object, "cars");
  if (value != NULL)
    {
      g_clear_pointer (&scenario->nissan_cars, g_ptr_array_unref);
      scenario->nissan_cars = load_cars (value, "nissan.cars", _carport_sim_nissan_car_new, vins, error);
      if (scenario->nissan_cars == NULL)
        return FALSE;
    }
  bad_password = _carport_sim_json_get_string (object, "bad_password");
  if (json_object_has_member (object, "bad_password"))
    {
      if (g_strcmp0 (bad_password, "redirect") != 0 && g_strcmp0 (bad_password, "form") != 0)
        return scenario_error (error, "nissan: “bad_password” is \"redirect\" or \"form\"");
      scenario->nissan_bad_password_form = g_str_equal (bad_password, "form");
    }
  return load_flag (object, "nissan", "interstitial", &scenario->nissan_interstitial, error) &&
         load_flag (object, "nissan", "rotate_refresh_token", &scenario->nissan_rotate_refresh, error);
}

/**
 * _carport_sim_scenario_load:
 * @scenario: in: the current settings; out: with the scenario's applied
 * @root: the parsed scenario
 *
 * On error @scenario is left half-changed: the caller throws it away.
 */
gboolean
_carport_sim_scenario_load (CarportSimScenario  *scenario,
                            JsonNode            *root_node,
                            GError             **error)
{
  static const char * const known[] = {
    "latency_ms", "jwt_lifetime", "command_delay_ms", "charge_rate", "require_tfa",
    "gigya_key_rotated", "account", "cars", "faults", "nissan", NULL
  };
  g_autoptr(GHashTable) vins = g_hash_table_new (g_str_hash, g_str_equal);
  JsonObject *root;
  JsonObjectIter iter;
  const char *member;
  JsonNode *node;

  if (root_node == NULL || !JSON_NODE_HOLDS_OBJECT (root_node))
    return scenario_error (error, "a scenario is a JSON object");
  root = json_node_get_object (root_node);

  json_object_iter_init (&iter, root);
  while (json_object_iter_next (&iter, &member, &node))
    if (!g_strv_contains (known, member))
      {
        g_autofree char *message = g_strdup_printf ("unknown member “%s”", member);

        return scenario_error (error, message);
      }

  if (!scenario_uint (root, "latency_ms", 600000, &scenario->latency_ms, error) ||
      !scenario_uint (root, "jwt_lifetime", G_MAXINT32, &scenario->jwt_lifetime, error) ||
      !scenario_uint (root, "command_delay_ms", 3600000, &scenario->command_delay_ms, error))
    return FALSE;
  if (scenario->jwt_lifetime == 0)
    return scenario_error (error, "“jwt_lifetime” must be at least 1");
  if (json_object_has_member (root, "charge_rate") &&
      (!_carport_sim_json_get_number (root, "charge_rate", &scenario->charge_rate) ||
       scenario->charge_rate < 0 || scenario->charge_rate > 100))
    return scenario_error (error, "“charge_rate” must be a number of percent per second from 0 to 100");

  if (!load_flag (root, NULL, "require_tfa", &scenario->require_tfa, error) ||
      !load_flag (root, NULL, "gigya_key_rotated", &scenario->gigya_key_rotated, error))
    return FALSE;

  node = json_object_get_member (root, "account");
  if (node != NULL)
    {
      if (!JSON_NODE_HOLDS_OBJECT (node))
        return scenario_error (error, "“account” must be an object");
      if (!load_account (json_node_get_object (node), &scenario->account, error))
        return FALSE;
    }

  node = json_object_get_member (root, "cars");
  if (node != NULL)
    {
      g_clear_pointer (&scenario->cars, g_ptr_array_unref);
      scenario->cars = load_cars (node, "cars", _carport_sim_renault_car_new, vins, error);
      if (scenario->cars == NULL)
        return FALSE;
    }

  node = json_object_get_member (root, "nissan");
  if (node != NULL && !load_nissan (scenario, node, vins, error))
    return FALSE;

  if (scenario->faults == NULL)
    scenario->faults = g_ptr_array_new_with_free_func ((GDestroyNotify) _carport_sim_fault_entry_free);
  node = json_object_get_member (root, "faults");
  if (node != NULL && !load_faults (node, scenario->faults, error))
    return FALSE;

  if (scenario->account.email == NULL || scenario->account.password == NULL ||
      scenario->account.locale == NULL)
    return scenario_error (error, "the account needs an email, a password and a locale");
  if (scenario->nissan_account.email == NULL || scenario->nissan_account.password == NULL ||
      scenario->nissan_account.locale == NULL)
    return scenario_error (error, "the Nissan account needs an email, a password and a locale");
  return TRUE;
}
