/* carport-renault-json.c — the Kamereon-commerce shapes only Renault's cloud
 * has: person accounts, vehicle links and details, action ids and the
 * notification of a command (docs/api-renault.md §b, §c.3, §e.1).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#define G_LOG_DOMAIN "carport-api"

#include <string.h>

#include <glib/gi18n.h>

#include "carport-json.h"
#include "carport-kamereon-json.h"
#include "carport-renault-json.h"
#include "carport-renault-models.h"

/* ------------------------------------------------------------------------ */
/* Accounts, vehicles, details                                               */

void
carport_kamereon_account_free (CarportKamereonAccount *account)
{
  if (account == NULL)
    return;

  g_free (account->account_id);
  g_free (account->account_type);
  g_free (account);
}

GPtrArray *
carport_kamereon_parse_accounts (JsonNode  *root,
                                 GError   **error)
{
  g_autoptr(GPtrArray) accounts = NULL;
  JsonArray *array;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      carport_api_set_error (error, CARPORT_API_ERROR_INVALID_RESPONSE, _("no account list in the answer"));
      return NULL;
    }

  accounts = g_ptr_array_new_with_free_func ((GDestroyNotify) carport_kamereon_account_free);

  array = carport_json_get_array (json_node_get_object (root), "accounts");
  if (array == NULL)
    return g_steal_pointer (&accounts);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      CarportKamereonAccount *account;
      g_autofree char *id = NULL;
      JsonObject *object;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      object = json_node_get_object (node);

      id = carport_json_node_dup_code (carport_json_get_member (object, "accountId"));
      if (id == NULL)
        continue;

      account = g_new0 (CarportKamereonAccount, 1);
      account->account_id = g_steal_pointer (&id);
      account->account_type = g_strdup (carport_json_get_string (object, "accountType"));
      g_ptr_array_add (accounts, account);
    }

  return g_steal_pointer (&accounts);
}

static CarportBrand
brand_from_string (const char *text)
{
  if (text == NULL)
    return CARPORT_BRAND_UNKNOWN;
  if (g_ascii_strcasecmp (text, "RENAULT") == 0)
    return CARPORT_BRAND_RENAULT;
  if (g_ascii_strcasecmp (text, "DACIA") == 0)
    return CARPORT_BRAND_DACIA;
  if (g_ascii_strcasecmp (text, "ALPINE") == 0)
    return CARPORT_BRAND_ALPINE;
  if (g_ascii_strcasecmp (text, "NISSAN") == 0)
    return CARPORT_BRAND_NISSAN;
  return CARPORT_BRAND_UNKNOWN;
}

static CarportEnergy
energy_from_code (const char *code)
{
  if (code == NULL)
    return CARPORT_ENERGY_NONE;
  if (g_ascii_strcasecmp (code, "ELEC") == 0 || g_ascii_strcasecmp (code, "ELECX") == 0)
    return CARPORT_ENERGY_ELECTRIC;
  if (g_ascii_strcasecmp (code, "PHEV") == 0)
    return CARPORT_ENERGY_PLUG_IN_HYBRID;
  if (g_ascii_strcasecmp (code, "HEV") == 0)
    return CARPORT_ENERGY_HYBRID;
  if (g_ascii_strcasecmp (code, "OTHER") == 0 || g_ascii_strcasecmp (code, "ESS") == 0 ||
      g_ascii_strcasecmp (code, "GASLN") == 0)
    return CARPORT_ENERGY_FUEL;
  return CARPORT_ENERGY_NONE;
}

static gboolean
is_web_url (const char *url)
{
  return url != NULL &&
         (g_str_has_prefix (url, "https://") || g_str_has_prefix (url, "http://"));
}

/* The ONE_MYRENAULT_LARGE rendition of the PICTURE asset, else its first
 * web rendition. */
static const char *
find_picture_url (JsonObject *details)
{
  JsonArray *assets = carport_json_get_array (details, "assets");
  const char *fallback = NULL;

  if (assets == NULL)
    return NULL;

  for (guint i = 0; i < json_array_get_length (assets); i++)
    {
      JsonNode *node = json_array_get_element (assets, i);
      JsonArray *renditions;
      JsonObject *asset;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      asset = json_node_get_object (node);
      if (g_strcmp0 (carport_json_get_string (asset, "assetType"), "PICTURE") != 0)
        continue;

      renditions = carport_json_get_array (asset, "renditions");
      if (renditions == NULL)
        continue;

      for (guint j = 0; j < json_array_get_length (renditions); j++)
        {
          JsonNode *rnode = json_array_get_element (renditions, j);
          JsonObject *rendition;
          const char *url;

          if (!JSON_NODE_HOLDS_OBJECT (rnode))
            continue;
          rendition = json_node_get_object (rnode);
          url = carport_json_get_string (rendition, "url");
          if (!is_web_url (url))
            continue;

          if (g_strcmp0 (carport_json_get_string (rendition, "resolutionType"), "ONE_MYRENAULT_LARGE") == 0)
            return url;
          if (fallback == NULL)
            fallback = url;
        }
    }

  return fallback;
}

static void
apply_details (CarportVehicle *vehicle,
               JsonObject     *details)
{
  JsonObject *model = carport_json_get_object (details, "model");
  g_autofree char *name = NULL;
  CarportBrand brand;
  CarportEnergy energy;
  const char *text;

  g_object_freeze_notify (G_OBJECT (vehicle));

  brand = brand_from_string (carport_json_get_string (carport_json_get_object (details, "brand"), "label"));
  if (brand != CARPORT_BRAND_UNKNOWN)
    carport_vehicle_set_brand (vehicle, brand);

  text = carport_json_get_string (model, "code");
  if (text != NULL)
    carport_vehicle_set_model_code (vehicle, text);
  name = carport_renault_model_normalize_name (carport_json_get_string (model, "label"));
  if (name != NULL)
    carport_vehicle_set_model_name (vehicle, name);

  text = carport_json_get_string (details, "registrationNumber");
  if (text != NULL)
    carport_vehicle_set_registration (vehicle, text);

  /* engineEnergyType first, else energy.code (api-renault.md §b.4). */
  energy = energy_from_code (carport_json_get_string (details, "engineEnergyType"));
  if (energy == CARPORT_ENERGY_NONE)
    energy = energy_from_code (carport_json_get_string (carport_json_get_object (details, "energy"), "code"));
  if (energy != CARPORT_ENERGY_NONE)
    carport_vehicle_set_energy (vehicle, energy);

  text = find_picture_url (details);
  if (text != NULL)
    carport_vehicle_set_picture_url (vehicle, text);

  g_object_thaw_notify (G_OBJECT (vehicle));
}

GPtrArray *
carport_kamereon_parse_vehicles (JsonNode    *root,
                                 const char  *account_id,
                                 GError     **error)
{
  g_autoptr(GPtrArray) vehicles = NULL;
  JsonObject *object;
  JsonArray *links;
  const char *root_account;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      carport_api_set_error (error, CARPORT_API_ERROR_INVALID_RESPONSE, _("no vehicle list in the answer"));
      return NULL;
    }

  object = json_node_get_object (root);
  root_account = carport_json_get_string (object, "accountId");
  if (account_id == NULL)
    account_id = root_account;

  vehicles = g_ptr_array_new_with_free_func (g_object_unref);

  links = carport_json_get_array (object, "vehicleLinks");
  if (links == NULL)
    return g_steal_pointer (&vehicles);

  for (guint i = 0; i < json_array_get_length (links); i++)
    {
      JsonNode *node = json_array_get_element (links, i);
      g_autoptr(CarportVehicle) vehicle = NULL;
      JsonObject *link, *details;
      const char *vin, *status;
      CarportBrand brand;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      link = json_node_get_object (node);

      status = carport_json_get_string (link, "status");
      if (status != NULL && g_ascii_strcasecmp (status, "ACTIVE") != 0)
        continue;

      details = carport_json_get_object (link, "vehicleDetails");
      vin = carport_json_get_string (link, "vin");
      if (vin == NULL || *vin == '\0')
        vin = carport_json_get_string (details, "vin");
      if (vin == NULL || *vin == '\0')
        continue;

      vehicle = carport_vehicle_new (vin);
      if (account_id != NULL)
        carport_vehicle_set_account_id (vehicle, account_id);

      brand = brand_from_string (carport_json_get_string (link, "brand"));
      if (brand != CARPORT_BRAND_UNKNOWN)
        carport_vehicle_set_brand (vehicle, brand);

      if (details != NULL)
        apply_details (vehicle, details);

      g_ptr_array_add (vehicles, g_steal_pointer (&vehicle));
    }

  return g_steal_pointer (&vehicles);
}

gboolean
carport_kamereon_parse_vehicle_details (CarportVehicle  *vehicle,
                                        JsonNode        *root,
                                        GError         **error)
{
  JsonObject *details;
  const char *vin;

  g_return_val_if_fail (CARPORT_IS_VEHICLE (vehicle), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      carport_api_set_error (error, CARPORT_API_ERROR_INVALID_RESPONSE, _("no vehicle details in the answer"));
      return FALSE;
    }

  details = json_node_get_object (root);
  /* Tolerate the vehicleDetails object inside its link. */
  if (carport_json_get_object (details, "vehicleDetails") != NULL)
    details = carport_json_get_object (details, "vehicleDetails");

  vin = carport_json_get_string (details, "vin");
  if (vin != NULL && carport_vehicle_get_vin (vehicle) != NULL &&
      g_ascii_strcasecmp (vin, carport_vehicle_get_vin (vehicle)) != 0)
    {
      carport_api_set_error (error, CARPORT_API_ERROR_INVALID_RESPONSE,
                             _("the details are for another vehicle"));
      return FALSE;
    }

  apply_details (vehicle, details);

  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* Actions and notifications                                                 */

char *
carport_kamereon_parse_action_id (JsonNode *root)
{
  JsonObject *object;
  char *id;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;

  object = json_node_get_object (root);

  id = carport_json_node_dup_code (carport_json_get_member (carport_json_get_object (object, "data"), "id"));
  if (id == NULL)
    id = carport_json_node_dup_code (carport_json_get_member (object, "commandId"));

  return id;
}

typedef enum {
  STATUS_PENDING,
  STATUS_COMPLETED,
  STATUS_FAILED,
} NotificationStatus;

static NotificationStatus
notification_status (const char *status)
{
  static const char * const completed[] = { "COMPLETED", "OK", "SUCCESS" };
  static const char * const failed[] = { "FAILED", "ERROR", "REJECTED" };

  if (status == NULL)
    return STATUS_PENDING;

  for (gsize i = 0; i < G_N_ELEMENTS (completed); i++)
    if (g_ascii_strcasecmp (status, completed[i]) == 0)
      return STATUS_COMPLETED;

  for (gsize i = 0; i < G_N_ELEMENTS (failed); i++)
    if (g_ascii_strcasecmp (status, failed[i]) == 0)
      return STATUS_FAILED;

  /* "PENDING", "CREATED" and anything not known yet. */
  return STATUS_PENDING;
}

static char *
notification_failure_detail (JsonObject *entry,
                             JsonObject *response)
{
  static const char * const keys[] = {
    "message", "errorMessage", "errorDescription", "reason", "detail", "statusReason",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      const char *text = carport_json_get_string (response, keys[i]);

      if (text == NULL)
        text = carport_json_get_string (entry, keys[i]);
      if (text != NULL && *text != '\0')
        return carport_kamereon_error_message_details (text, NULL);
    }

  return carport_json_node_dup_code (carport_json_get_member (response, "errorCode"));
}

/* The entries of a notifications answer: the top-level array (§e.1), which
 * the response reader hands over as {"data": […]}. */
static JsonArray *
notification_entries (JsonNode *root)
{
  if (root != NULL && JSON_NODE_HOLDS_ARRAY (root))
    return json_node_get_array (root);
  if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
    return carport_json_get_array (json_node_get_object (root), "data");
  return NULL;
}

CarportPinCheck
carport_kamereon_parse_notification_pin (JsonNode   *root,
                                         const char *notification_id,
                                         int        *tries_left)
{
  JsonArray *entries = notification_entries (root);

  *tries_left = -1;
  for (guint i = 0; entries != NULL && i < json_array_get_length (entries); i++)
    {
      JsonNode *node = json_array_get_element (entries, i);
      g_autofree char *id = NULL;
      g_autofree char *code = NULL;
      JsonObject *response;
      int tries;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      id = carport_json_node_dup_code (carport_json_get_member (json_node_get_object (node), "notificationId"));
      response = carport_json_get_object (json_node_get_object (node), "commandResponse");
      if (response == NULL || (notification_id != NULL && g_strcmp0 (id, notification_id) != 0) ||
          notification_status (carport_json_get_string (response, "status")) != STATUS_FAILED)
        continue;
      code = carport_json_node_dup_code (carport_json_get_member (response, "errorCode"));
      if (code == NULL || !g_str_has_prefix (code, "err.func.srp."))
        continue;
      if (g_str_equal (code, "err.func.srp.locked"))
        return CARPORT_PIN_CHECK_LOCKED_OUT;
      if (carport_json_get_int_in (response, "remainingAttempts", 0, 99, &tries))
        *tries_left = tries;
      return CARPORT_PIN_CHECK_WRONG;
    }
  return CARPORT_PIN_CHECK_UNKNOWN;
}

CarportCommandState
carport_kamereon_parse_notification (JsonNode    *root,
                                     const char  *notification_id,
                                     char       **message)
{
  NotificationStatus result = STATUS_PENDING;
  g_autofree char *failure = NULL;
  JsonArray *entries;

  if (message != NULL)
    *message = NULL;

  entries = notification_entries (root);
  if (entries == NULL)
    return CARPORT_COMMAND_STATE_PENDING;

  for (guint i = 0; i < json_array_get_length (entries); i++)
    {
      JsonNode *node = json_array_get_element (entries, i);
      g_autofree char *id = NULL;
      JsonObject *entry, *response;
      NotificationStatus status;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      entry = json_node_get_object (node);

      id = carport_json_node_dup_code (carport_json_get_member (entry, "notificationId"));
      if (notification_id != NULL && g_strcmp0 (id, notification_id) != 0)
        continue;

      /* Only command responses tell about the command (not SRP salts). */
      response = carport_json_get_object (entry, "commandResponse");
      if (response == NULL)
        continue;

      status = notification_status (carport_json_get_string (response, "status"));
      if (status == STATUS_FAILED)
        {
          result = STATUS_FAILED;
          if (failure == NULL)
            failure = notification_failure_detail (entry, response);
        }
      else if (status == STATUS_COMPLETED && result != STATUS_FAILED)
        {
          result = STATUS_COMPLETED;
        }
    }

  switch (result)
    {
    case STATUS_COMPLETED:
      return CARPORT_COMMAND_STATE_COMPLETED;

    case STATUS_FAILED:
      if (message != NULL)
        {
          g_autofree char *clean = carport_api_sanitize_detail (failure);

          if (clean != NULL)
            /* Translators: the text in parentheses comes from Renault's servers. */
            *message = g_strdup_printf (_("The car did not carry out the command (%s)."), clean);
          else
            *message = g_strdup (_("The car did not carry out the command."));
        }
      return CARPORT_COMMAND_STATE_FAILED;

    case STATUS_PENDING:
    default:
      return CARPORT_COMMAND_STATE_PENDING;
    }
}

gboolean
carport_kamereon_parse_srp_challenge (JsonNode    *root,
                                      const char  *notification_id,
                                      char       **out_salt,
                                      char       **out_b)
{
  JsonArray *entries = notification_entries (root);

  for (guint i = 0; entries != NULL && i < json_array_get_length (entries); i++)
    {
      JsonNode *node = json_array_get_element (entries, i);
      JsonObject *entry = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      g_autofree char *id = entry ? carport_json_node_dup_code (carport_json_get_member (entry, "notificationId")) : NULL;
      JsonObject *response = entry ? carport_json_get_object (entry, "srpResponse") : NULL;
      const char *salt = carport_json_get_string (response, "loginSalt");
      const char *b = carport_json_get_string (response, "loginB");

      if (g_strcmp0 (id, notification_id) != 0 ||
          g_strcmp0 (carport_json_get_string (entry, "actionType"), "SRP_SALT_REQUEST") != 0 ||
          salt == NULL || b == NULL)
        continue;
      *out_salt = g_strdup (salt);
      *out_b = g_strdup (b);
      return TRUE;
    }
  return FALSE;
}
