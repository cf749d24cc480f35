/* fuzz-nissan.c — what Nissan's cloud sends: answers and error bodies of
 * its Kamereon hosts, OAuth token answers, the user, the car list, every
 * read (battery in its three shapes, trips), and command answers.
 *
 *   response STATUS\n BODY   carport_nissan_parse_response() (error bodies)
 *   tokens STATUS\n BODY     an OAuth token answer
 *   user\n BODY              users/current
 *   cars\n BODY              v5 cars, and each car's info
 *   endpoint NICK\n BODY     a read ("cockpit", "location", …), twice into one
 *                            car, which is then shown
 *   battery API\n BODY       the battery read of API v1, v2 or v3
 *   trips\n BODY             trip history, the body as month and today
 *   trips-month\n BODY       trip history when today's read failed
 *   action\n BODY            a command's answer
 *   action-status\n BODY     an action-status answer (with an SRP challenge)
 *
 * All but response and tokens read the body as a 200 answer. */
#include "config.h"

#include "carport-nissan-json.h"
#include "carport-nissan-trips.h"
#include "fuzz-target.h"
#include "fuzz-vehicle.h"

static void
parse_response (const char *arg,
                GBytes     *body)
{
  JsonNode *root = fuzz_read_answer (carport_nissan_parse_response, arg, body);

  g_clear_pointer (&root, json_node_unref);
}

static void
parse_tokens (const char *arg,
              GBytes     *body)
{
  CarportNissanTokens tokens = { NULL, };
  g_autoptr(GError) error = NULL;
  gboolean rejected = FALSE;

  if (carport_nissan_parse_tokens (fuzz_arg_status (arg), body, &tokens, &rejected, &error))
    g_assert (tokens.access_token != NULL && tokens.expires_in > 0);
  else
    g_assert (error != NULL);
  carport_nissan_tokens_clear (&tokens);
}

static void
read_user (const char *arg,
           JsonNode   *root)
{
  g_free (carport_nissan_parse_user_id (root));
}

static void
read_cars (const char *arg,
           JsonNode   *root)
{
  g_autoptr(GPtrArray) cars = carport_nissan_parse_cars (root, "user-1", NULL);

  for (guint i = 0; cars != NULL && i < cars->len; i++)
    {
      CarportVehicle *vehicle = g_ptr_array_index (cars, i);
      /* What a restart rebuilds from the car's client-data. */
      CarportNissanCarInfo *info = carport_nissan_car_info_new_for_vehicle (vehicle);

      g_clear_pointer (&info, carport_nissan_car_info_free);
      fuzz_vehicle_show (vehicle);
    }
}

static void
read_twice (CarportEndpoint          endpoint,
            CarportNissanBatteryApi  battery_api,
            JsonNode                *root)
{
  g_autoptr(CarportVehicle) vehicle = fuzz_vehicle_new (CARPORT_BRAND_NISSAN);

  for (int i = 0; i < 2; i++)
    {
      g_autoptr(GError) error = NULL;

      (void) carport_nissan_parse_endpoint (vehicle, endpoint, battery_api, root, &error);
    }
  fuzz_vehicle_show (vehicle);
}

static void
read_endpoint (const char *arg,
               JsonNode   *root)
{
  int endpoint = fuzz_arg_endpoint (arg);

  if (endpoint >= 0)
    read_twice (endpoint, CARPORT_NISSAN_BATTERY_V1, root);
}

static void
read_battery (const char *arg,
              JsonNode   *root)
{
  static const char * const apis[] = { "v1", "v2", "v3" };

  for (gsize i = 0; i < G_N_ELEMENTS (apis); i++)
    if (g_str_equal (arg, apis[i]))
      read_twice (CARPORT_ENDPOINT_BATTERY_STATUS, (CarportNissanBatteryApi) i, root);
}

static void
read_trips_of (JsonNode *month_root,
               JsonNode *day_root)
{
  g_autoptr(CarportVehicle) vehicle = fuzz_vehicle_new (CARPORT_BRAND_NISSAN);
  g_autoptr(GDateTime) today = g_date_time_new_utc (2026, 3, 14, 21, 0, 0);

  (void) carport_nissan_parse_trips (vehicle, month_root, day_root, today, NULL);
  fuzz_vehicle_show (vehicle);
}

static void
read_trips (const char *arg,
            JsonNode   *root)
{
  read_trips_of (root, root);
}

static void
read_trips_month (const char *arg,
                  JsonNode   *root)
{
  read_trips_of (root, NULL);
}

static void
read_action (const char *arg,
             JsonNode   *root)
{
  g_free (carport_nissan_parse_action_id (root));
}

static void
read_action_status (const char *arg,
                    JsonNode   *root)
{
  g_autofree char *message = NULL;
  g_autofree char *salt = NULL;
  g_autofree char *b = NULL;

  (void) carport_nissan_parse_action_status (root, &message);
  /* the SRP challenge of srp-sets (api-nissan.md §3.4) */
  salt = carport_nissan_parse_action_data (root, "srpLoginS");
  b = carport_nissan_parse_action_data (root, "srpLoginB");
}

static const FuzzParser parsers[] = {
  { "response", .parse_body = parse_response },
  { "tokens", .parse_body = parse_tokens },
  { "user", .parse_root = read_user },
  { "cars", .parse_root = read_cars },
  { "endpoint", .parse_root = read_endpoint },
  { "battery", .parse_root = read_battery },
  { "trips", .parse_root = read_trips },
  { "trips-month", .parse_root = read_trips_month },
  { "action", .parse_root = read_action },
  { "action-status", .parse_root = read_action_status },
};

FUZZ_TARGET (parsers, carport_nissan_parse_response)
