/* carport-renault-services.c — a Renault's contracts and maintenance alerts
 * into the model (docs/api-renault.md §b.6, §b.7).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#define G_LOG_DOMAIN "carport-api"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "carport-json.h"
#include "carport-kamereon-json.h"
#include "carport-renault-services.h"

/* A text of the maker's: NULL when absent, empty or too long to be one. */
static const char *
record_text (JsonObject *object,
             const char *name)
{
  const char *text = carport_json_get_string (object, name);

  return text != NULL && *text != '\0' && strlen (text) <= 500 ? text : NULL;
}

static const char *
first_text (JsonObject *object,
            const char *name,
            const char *fallback)
{
  const char *text = record_text (object, name);

  return text != NULL ? text : record_text (object, fallback);
}

/* "YYYY-MM-DD" (the day of an ISO time too), or NULL when it is not a valid date. */
static char *
record_date (JsonObject *object,
             const char *name)
{
  const char *text = carport_json_get_string (object, name);
  int year, month, day;

  if (text == NULL || strlen (text) < 10 || sscanf (text, "%4d-%2d-%2d", &year, &month, &day) != 3 ||
      (text[10] != '\0' && text[10] != 'T') ||
      !g_date_valid_dmy (day, month, year))
    return NULL;

  return g_strdup_printf ("%04d-%02d-%02d", year, month, day);
}

static CarportContractStatus
contract_status_from_string (const char *text)
{
  if (text == NULL)
    return CARPORT_CONTRACT_STATUS_NONE;
  if (g_ascii_strcasecmp (text, "ACTIVE") == 0)
    return CARPORT_CONTRACT_STATUS_ACTIVE;
  if (g_ascii_strcasecmp (text, "ENDED") == 0)
    return CARPORT_CONTRACT_STATUS_ENDED;
  if (g_ascii_strcasecmp (text, "REJECTED") == 0)
    return CARPORT_CONTRACT_STATUS_REJECTED;
  return CARPORT_CONTRACT_STATUS_UNKNOWN;
}

/* A contract needs a name: its description, else its code. */
static gpointer
read_contract (JsonObject *object)
{
  const char *code = record_text (object, "code");
  const char *description = record_text (object, "description");
  g_autofree char *start = record_date (object, "startDate");
  g_autofree char *end = record_date (object, "endDate");

  if (code == NULL && description == NULL)
    return NULL;

  return carport_contract_new (record_text (object, "type"), code, description,
                               contract_status_from_string (carport_json_get_string (object, "status")),
                               start, end);
}

/* An alert needs a title: the maker's title, else its short description. */
static gpointer
read_alert (JsonObject *object)
{
  const char *title = first_text (object, "alertCodeTitle", "shortDescription");
  double mileage = NAN;
  int criticity = -1;

  if (title == NULL)
    return NULL;

  carport_json_get_int_in (object, "criticity", 0, 3, &criticity);
  carport_json_get_number_in (object, "mileage", 0, CARPORT_KAMEREON_MAX_MILEAGE_KM, &mileage);
  return carport_alert_new (record_text (object, "alertCode"), title,
                            first_text (object, "alertCodeDescription", "longDescription"),
                            criticity, mileage);
}

gboolean
carport_renault_parse_services (CarportVehicle   *vehicle,
                                CarportEndpoint   endpoint,
                                JsonNode         *root,
                                GError          **error)
{
  CarportServices *services;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  gpointer (*read_item) (JsonObject *object);
  JsonArray *array;
  guint length;

  g_return_val_if_fail (CARPORT_IS_VEHICLE (vehicle), FALSE);
  g_return_val_if_fail (endpoint == CARPORT_ENDPOINT_CONTRACTS || endpoint == CARPORT_ENDPOINT_ALERTS, FALSE);

  /* The answer's array, as sent or as the response reader wraps it ({"data": […]}). */
  if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
    {
      JsonNode *data = json_object_get_member (json_node_get_object (root), "data");

      root = data != NULL && JSON_NODE_HOLDS_ARRAY (data) ? data : NULL;
    }
  if (root == NULL || !JSON_NODE_HOLDS_ARRAY (root))
    {
      carport_api_set_error (error, CARPORT_API_ERROR_INVALID_RESPONSE,
                             endpoint == CARPORT_ENDPOINT_CONTRACTS ? _("the contracts have an unexpected shape")
                                                                    : _("the alerts have an unexpected shape"));
      return FALSE;
    }

  read_item = endpoint == CARPORT_ENDPOINT_CONTRACTS ? read_contract : read_alert;
  array = json_node_get_array (root);
  length = json_array_get_length (array);
  for (guint i = 0; i < length && items->len < CARPORT_RENAULT_MAX_RECORDS; i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      gpointer item;

      if (JSON_NODE_HOLDS_OBJECT (node) && (item = read_item (json_node_get_object (node))) != NULL)
        g_ptr_array_add (items, item);
    }

  if (length > 0 && items->len == 0)
    {
      carport_api_set_error (error, CARPORT_API_ERROR_INVALID_RESPONSE, _("the answer holds no usable value"));
      return FALSE;
    }

  services = carport_vehicle_get_services (vehicle);
  if (endpoint == CARPORT_ENDPOINT_CONTRACTS)
    carport_services_set_contracts (services, items);
  else
    carport_services_set_alerts (services, items);
  return TRUE;
}
