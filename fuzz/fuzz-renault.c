/* fuzz-renault.c — what Renault's cloud sends: Kamereon answers and error
 * bodies, the shared car-adapter reads, the Kamereon-commerce shapes (person,
 * vehicles, details, action answers, notifications, the charge history) and
 * Gigya's answers.
 *
 *   response STATUS\n BODY   carport_kamereon_parse_response() (error bodies)
 *   gigya STATUS\n BODY      a Gigya answer, its person id and its JWT's expiry
 *   endpoint NICK\n BODY     a read ("battery-status", "lock-status", …), twice
 *                            into one car, which is then shown
 *   accounts\n BODY          persons/{id}
 *   vehicles\n BODY          accounts/{id}/vehicles, and each car's model
 *   details\n BODY           vehicles/{vin}/details
 *   action\n BODY            a command's answer
 *   notification ID\n BODY   notifications/kmr, for the command ID
 *   srp-challenge ID\n BODY  notifications/kmr, the SRP salt and B of srp-sets ID
 *   charges MODEL\n BODY      the charging sessions of a car of MODEL ("X101VE")
 *   usage SOURCE\n BODY       charge-history, hvac-history or hvac-sessions (SOURCE)
 *
 * All but response and gigya read the body as a 200 Kamereon answer. */
#include "config.h"

#include "carport-json.h"
#include "carport-jwt.h"
#include "carport-kamereon-json.h"
#include "carport-renault-charges.h"
#include "carport-renault-services.h"
#include "carport-renault-json.h"
#include "carport-renault-models.h"
#include "fuzz-target.h"
#include "fuzz-vehicle.h"

static void
parse_response (const char *arg,
                GBytes     *body)
{
  JsonNode *root = fuzz_read_answer (carport_kamereon_parse_response, arg, body);

  g_clear_pointer (&root, json_node_unref);
}

static void
parse_gigya (const char *arg,
             GBytes     *body)
{
  g_autoptr(JsonNode) root = fuzz_read_answer (carport_gigya_parse_response, arg, body);

  if (root == NULL)
    return;

  (void) carport_json_get_path_string (root, "data.personId");
  (void) carport_jwt_get_expiry (carport_json_get_path_string (root, "id_token"));
}

static void
read_endpoint (const char *arg,
               JsonNode   *root)
{
  g_autoptr(CarportVehicle) vehicle = fuzz_vehicle_new (CARPORT_BRAND_RENAULT);
  int endpoint = fuzz_arg_endpoint (arg);

  if (endpoint < 0)
    return;

  for (int i = 0; i < 2; i++)
    {
      g_autoptr(GError) error = NULL;

      /* As the client reads them: contracts and alerts are Renault's own. */
      if (endpoint == CARPORT_ENDPOINT_CONTRACTS || endpoint == CARPORT_ENDPOINT_ALERTS)
        (void) carport_renault_parse_services (vehicle, endpoint, root, &error);
      else
        (void) carport_kamereon_parse_endpoint (vehicle, endpoint, root, &error);
    }
  fuzz_vehicle_show (vehicle);
}

static void
read_accounts (const char *arg,
               JsonNode   *root)
{
  GPtrArray *accounts = carport_kamereon_parse_accounts (root, NULL);

  g_clear_pointer (&accounts, g_ptr_array_unref);
}

static void
read_vehicles (const char *arg,
               JsonNode   *root)
{
  g_autoptr(GPtrArray) vehicles = carport_kamereon_parse_vehicles (root, "account-1", NULL);

  for (guint i = 0; vehicles != NULL && i < vehicles->len; i++)
    {
      CarportVehicle *vehicle = g_ptr_array_index (vehicles, i);
      const char *model = carport_vehicle_get_model_code (vehicle);
      CarportClimateRange range;

      (void) carport_renault_model_get_name (model);
      (void) carport_renault_model_supported_endpoints (model);
      (void) carport_renault_model_supported_commands (model);
      carport_renault_model_get_climate_range (model, &range);
      fuzz_vehicle_show (vehicle);
    }
}

static void
read_details (const char *arg,
              JsonNode   *root)
{
  g_autoptr(CarportVehicle) vehicle = fuzz_vehicle_new (CARPORT_BRAND_RENAULT);

  if (carport_kamereon_parse_vehicle_details (vehicle, root, NULL))
    fuzz_vehicle_show (vehicle);
}

static void
read_action (const char *arg,
             JsonNode   *root)
{
  g_free (carport_kamereon_parse_action_id (root));
}

static void
read_notification (const char *arg,
                   JsonNode   *root)
{
  g_autofree char *message = NULL;

  (void) carport_kamereon_parse_notification (root, arg, &message);
}

static void
read_srp_challenge (const char *arg,
                    JsonNode   *root)
{
  g_autofree char *salt = NULL;
  g_autofree char *b = NULL;

  (void) carport_kamereon_parse_srp_challenge (root, arg, &salt, &b);
}

static void
read_charges (const char *arg,
              JsonNode   *root)
{
  GPtrArray *sessions = carport_renault_parse_charges (root, arg, NULL);

  g_clear_pointer (&sessions, g_ptr_array_unref);
}

static void
read_usage (const char *arg,
            JsonNode   *root)
{
  static const char * const sources[] = { "charge-history", "hvac-history", "hvac-sessions" };

  for (guint i = 0; i < G_N_ELEMENTS (sources); i++)
    if (g_strcmp0 (arg, sources[i]) == 0)
      {
        GPtrArray *entries = carport_renault_parse_usage (root, (CarportUsageSource) i, NULL);

        g_clear_pointer (&entries, g_ptr_array_unref);
      }
}

static const FuzzParser parsers[] = {
  { "response", .parse_body = parse_response },
  { "gigya", .parse_body = parse_gigya },
  { "endpoint", .parse_root = read_endpoint },
  { "accounts", .parse_root = read_accounts },
  { "vehicles", .parse_root = read_vehicles },
  { "details", .parse_root = read_details },
  { "action", .parse_root = read_action },
  { "notification", .parse_root = read_notification },
  { "srp-challenge", .parse_root = read_srp_challenge },
  { "charges", .parse_root = read_charges },
  { "usage", .parse_root = read_usage },
};

FUZZ_TARGET (parsers, carport_kamereon_parse_response)
