/* carport-sim-kamereon.c — the Renault Kamereon-commerce server: routes, person, vehicles
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything under /kamereon: the API key and JWT checks, the person and its
 * accounts, the vehicle list, details and contracts, the notifications, and
 * the car URLs, which carport-sim-renault-car.c answers.
 */

#define G_LOG_DOMAIN "carport-sim"

#include "config.h"

#include <string.h>

#include "carport-sim-util.h"
#include "carport-sim-gigya.h"
#include "carport-sim-kamereon.h"
#include "carport-sim-renault-car.h"

typedef enum {
  ROUTE_NONE,
  ROUTE_PERSON,
  ROUTE_NOTIFICATIONS,
  ROUTE_VEHICLES,
  ROUTE_DETAILS,
  ROUTE_CONTRACTS,
  ROUTE_CAR,
} RouteKind;

typedef struct {
  RouteKind  kind;
  char      *name;        /* the endpoint name that faults match */
  char      *person_id;
  char      *account_id;
  char      *vin;
  const char *adapter;
  guint      version;
  char      *endpoint;
} Route;

static void
route_clear (Route *route)
{
  g_clear_pointer (&route->name, g_free);
  g_clear_pointer (&route->person_id, g_free);
  g_clear_pointer (&route->account_id, g_free);
  g_clear_pointer (&route->vin, g_free);
  g_clear_pointer (&route->endpoint, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Route, route_clear)

static gboolean
parse_version (const char *segment,
               guint      *version)
{
  guint64 value;

  if (segment[0] != 'v' || !g_ascii_string_to_unsigned (segment + 1, 10, 1, 9, &value, NULL))
    return FALSE;
  *version = (guint) value;
  return TRUE;
}

static char *
join_from (char  **segments,
           guint   first)
{
  return g_strjoinv ("/", segments + first);
}

/* Kamereon paths, relative to /kamereon (api-renault.md §b, §c.1). */
static void
parse_kamereon_route (char  **s,
                      guint   n,
                      Route  *route)
{
  if (n < 4 || !g_str_equal (s[0], "commerce") || !g_str_equal (s[1], "v1"))
    return;

  if (g_str_equal (s[2], "persons"))
    {
      route->person_id = g_strdup (s[3]);
      if (n == 4)
        {
          route->kind = ROUTE_PERSON;
          route->name = g_strdup ("person");
        }
      else if (n == 6 && g_str_equal (s[4], "notifications") && g_str_equal (s[5], "kmr"))
        {
          route->kind = ROUTE_NOTIFICATIONS;
          route->name = g_strdup ("notifications");
        }
      return;
    }

  if (!g_str_equal (s[2], "accounts") || n < 5)
    return;
  route->account_id = g_strdup (s[3]);

  if (g_str_equal (s[4], "vehicles"))
    {
      if (n == 5)
        {
          route->kind = ROUTE_VEHICLES;
          route->name = g_strdup ("vehicles");
        }
      else if (n == 7 && g_str_equal (s[6], "details"))
        {
          route->kind = ROUTE_DETAILS;
          route->name = g_strdup ("vehicle-details");
          route->vin = g_strdup (s[5]);
        }
      else if (n == 7 && g_str_equal (s[6], "contracts"))
        {
          route->kind = ROUTE_CONTRACTS;
          route->name = g_strdup ("contracts");
          route->vin = g_strdup (s[5]);
        }
      return;
    }

  if (!g_str_equal (s[4], "kamereon") || n < 8)
    return;

  /* kca/car-adapter/vN/cars/{vin}[/endpoint…] */
  if (g_str_equal (s[5], "kca") && n >= 10 && g_str_equal (s[6], "car-adapter") &&
      parse_version (s[7], &route->version) && g_str_equal (s[8], "cars"))
    {
      route->kind = ROUTE_CAR;
      route->adapter = "kca";
      route->vin = g_strdup (s[9]);
      route->endpoint = n > 10 ? join_from (s, 10) : g_strdup ("");
      route->name = g_strdup (n > 10 ? route->endpoint : "car-adapter");
    }
  /* kcm/v1/vehicles/{vin}/endpoint… */
  else if (g_str_equal (s[5], "kcm") && n >= 10 && g_str_equal (s[6], "v1") &&
           g_str_equal (s[7], "vehicles"))
    {
      route->kind = ROUTE_CAR;
      route->adapter = "kcm";
      route->vin = g_strdup (s[8]);
      route->endpoint = join_from (s, 9);
      route->name = g_strdup (route->endpoint);
    }
  /* vehicles/{vin}/alerts */
  else if (g_str_equal (s[5], "vehicles") && n == 8)
    {
      route->kind = ROUTE_CAR;
      route->adapter = "vehicles";
      route->vin = g_strdup (s[6]);
      route->endpoint = g_strdup (s[7]);
      route->name = g_strdup (route->endpoint);
    }
}

static void
parse_kamereon_path (const char *path,
                     Route      *route)
{
  g_auto(GStrv) segments = NULL;
  guint n;

  memset (route, 0, sizeof *route);
  if (!g_str_has_prefix (path, "/kamereon/"))
    return;
  segments = g_strsplit (path + strlen ("/kamereon/"), "/", -1);
  n = g_strv_length (segments);
  for (guint i = 0; i < n; i++)
    if (segments[i][0] == '\0')
      return;
  parse_kamereon_route (segments, n, route);
}

static void
reply_node (SoupServerMessage *msg,
            JsonNode          *node)
{
  _carport_sim_reply_json (msg, SOUP_STATUS_OK, CARPORT_SIM_CT_JSON, node);
}

static void
handle_person (const CarportSimRenaultContext *self,
               SoupServerMessage *msg,
               const char        *country)
{
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  JsonObject *person = json_object_new ();
  JsonObject *idp = json_object_new ();
  JsonArray *emails = json_array_new ();
  JsonObject *email = json_object_new ();
  JsonArray *accounts = json_array_new ();
  JsonObject *account;
  g_autofree char *person_locale = g_strdup (self->locale);

  person_locale[2] = '-';
  json_object_set_string_member (person, "personId", self->person_id);
  json_object_set_string_member (person, "type", "I");
  json_object_set_string_member (person, "country", country);
  json_object_set_string_member (person, "civility", "1");
  json_object_set_string_member (person, "firstName", self->first_name ? self->first_name : "");
  json_object_set_string_member (person, "lastName", self->last_name ? self->last_name : "");
  json_object_set_string_member (idp, "idpId", carport_sim_gigya_get_uid (self->gigya));
  json_object_set_string_member (idp, "idpType", "GIGYA");
  json_object_set_string_member (idp, "idpStatus", "ACTIVE");
  json_object_set_string_member (idp, "login", self->email);
  json_object_set_string_member (idp, "loginType", "EMAIL");
  json_object_set_boolean_member (idp, "termsConditionAcceptance", TRUE);
  json_object_set_object_member (person, "idp", idp);
  json_object_set_string_member (email, "emailType", "MAIN");
  json_object_set_string_member (email, "emailValue", self->email);
  json_object_set_boolean_member (email, "validityFlag", TRUE);
  json_array_add_object_element (emails, email);
  json_object_set_array_member (person, "emails", emails);
  json_object_set_array_member (person, "phones", json_array_new ());
  json_object_set_array_member (person, "identities", json_array_new ());
  json_object_set_boolean_member (person, "myrRequest", FALSE);

  account = json_object_new ();
  json_object_set_string_member (account, "accountId", self->account_id);
  json_object_set_string_member (account, "accountType", "MYRENAULT");
  json_object_set_string_member (account, "accountStatus", "ACTIVE");
  json_object_set_string_member (account, "country", country);
  json_object_set_string_member (account, "personId", self->person_id);
  json_object_set_string_member (account, "relationType", "OWNER");
  json_array_add_object_element (accounts, account);
  account = json_object_new ();
  json_object_set_string_member (account, "accountId", self->sfdc_account_id);
  json_object_set_string_member (account, "externalId", "0015800000SIMSFDC");
  json_object_set_string_member (account, "accountType", "SFDC");
  json_object_set_string_member (account, "accountStatus", "ACTIVE");
  json_object_set_string_member (account, "country", country);
  json_object_set_string_member (account, "personId", self->person_id);
  json_object_set_string_member (account, "relationType", "OWNER");
  json_array_add_object_element (accounts, account);
  json_object_set_array_member (person, "accounts", accounts);

  json_object_set_string_member (person, "partyId", "sim-party");
  json_object_set_string_member (person, "mdmId", "sim-mdm");
  json_object_set_string_member (person, "createdDate", "2021-04-29T20:39:37.163635Z");
  json_object_set_string_member (person, "lastModifiedDate", "2025-11-16T11:43:57.658639Z");
  json_object_set_string_member (person, "locale", person_locale);
  json_node_take_object (root, person);
  reply_node (msg, root);
}

static void
handle_vehicles (const CarportSimRenaultContext *self,
                 SoupServerMessage *msg,
                 const char        *account_id,
                 const char        *country)
{
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  JsonObject *object = json_object_new ();
  JsonArray *links = json_array_new ();

  if (g_str_equal (account_id, self->account_id))
    for (guint i = 0; i < self->cars->len; i++)
      {
        CarportSimCar *car = g_ptr_array_index (self->cars, i);

        json_array_add_element (links, _carport_sim_renault_build_link (car, car->details_in_list));
      }
  json_object_set_string_member (object, "accountId", account_id);
  json_object_set_string_member (object, "country", country);
  json_object_set_array_member (object, "vehicleLinks", links);
  json_node_take_object (root, object);
  reply_node (msg, root);
}

static void
handle_notifications (const CarportSimRenaultContext *self,
                      SoupServerMessage *msg,
                      GHashTable        *query)
{
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_ARRAY);
  JsonArray *array = json_array_new ();
  const char *id = g_hash_table_lookup (query, "notificationId");

  for (guint i = 0; i < self->cars->len; i++)
    _carport_sim_renault_add_notifications (g_ptr_array_index (self->cars, i), array, id,
                                       self->person_id, carport_sim_gigya_get_uid (self->gigya));
  json_node_take_array (root, array);
  reply_node (msg, root);
}

static void
handle_kamereon (const CarportSimRenaultContext *self,
                 SoupServerMessage              *msg,
                 Route                          *route,
                 GHashTable                     *query)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *method = soup_server_message_get_method (msg);
  const char *api_key = soup_message_headers_get_one (headers, "apikey");
  const char *country = g_hash_table_lookup (query, "country");
  g_autofree char *person_id = NULL;
  CarportSimCar *car = NULL;

  /* The API gateway checks its key first, with its own error shape. */
  if (api_key == NULL || !g_str_equal (api_key, CARPORT_SIM_KAMEREON_APIKEY))
    {
      _carport_sim_reply_text (msg, SOUP_STATUS_FORBIDDEN, CARPORT_SIM_CT_JSON,
                               "{\"error\":\"access_denied\",\"error_description\":\"Unauthorized\"}");
      return;
    }
  person_id = carport_sim_gigya_check_jwt (self->gigya, soup_message_headers_get_one (headers, "x-gigya-id_token"));
  if (person_id == NULL)
    {
      _carport_sim_reply_kamereon_error (msg, "err.func.wired.unauthorized", NULL);
      return;
    }
  if (country == NULL || country[0] == '\0')
    {
      _carport_sim_reply_kamereon_error (msg, "err.func.wired.missingRequestParam",
                                         "Missing request parameter: country");
      return;
    }
  if (route->kind == ROUTE_NONE)
    {
      _carport_sim_reply_kamereon_error (msg, "err.func.wired.not-found", NULL);
      return;
    }

  /* Everything belongs to the token's person. */
  if ((route->person_id != NULL && !g_str_equal (route->person_id, person_id)) ||
      !g_str_equal (person_id, self->person_id) ||
      (route->account_id != NULL && !g_str_equal (route->account_id, self->account_id) &&
       !g_str_equal (route->account_id, self->sfdc_account_id)))
    {
      _carport_sim_reply_kamereon_error (msg, "err.func.wired.forbidden", NULL);
      return;
    }
  if (route->vin != NULL)
    {
      car = carport_sim_find_car (self->cars, route->vin);
      if (car == NULL || !g_str_equal (route->account_id, self->account_id))
        {
          _carport_sim_reply_kamereon_error (msg, "err.func.wired.forbidden", NULL);
          return;
        }
    }

  if (route->kind == ROUTE_CAR)
    {
      CarportSimCarRequest request = {
        method, route->adapter, route->version, route->endpoint, query,
      };

      _carport_sim_renault_car_handle (car, msg, &request);
      return;
    }

  if (!g_str_equal (method, "GET"))
    {
      _carport_sim_reply_kamereon_error (msg, "err.func.wired.methodNotAllowed", NULL);
      return;
    }

  switch (route->kind)
    {
    case ROUTE_PERSON:
      handle_person (self, msg, country);
      break;
    case ROUTE_NOTIFICATIONS:
      handle_notifications (self, msg, query);
      break;
    case ROUTE_VEHICLES:
      handle_vehicles (self, msg, route->account_id, country);
      break;
    case ROUTE_DETAILS:
      {
        g_autoptr(JsonNode) node = _carport_sim_renault_build_details (car);

        reply_node (msg, node);
      }
      break;
    case ROUTE_CONTRACTS:
      {
        g_autoptr(JsonNode) node = _carport_sim_renault_build_contracts (car);

        reply_node (msg, node);
      }
      break;
    case ROUTE_NONE:
    case ROUTE_CAR:
    default:
      g_assert_not_reached ();
    }
}

/**
 * _carport_sim_kamereon_handle:
 * @path: a path under /kamereon/
 *
 * Answers a Kamereon request.
 */
void
_carport_sim_kamereon_handle (const CarportSimRenaultContext *context,
                              SoupServerMessage              *msg,
                              const char                     *path,
                              GHashTable                     *query)
{
  g_auto(Route) route = { 0, };

  parse_kamereon_path (path, &route);
  handle_kamereon (context, msg, &route, query);
}

/* The endpoint name that faults match, for a path under /kamereon/; NULL
 * when the path is not one of ours. */
char *
_carport_sim_kamereon_endpoint_name (const char *path)
{
  g_auto(Route) route = { 0, };

  parse_kamereon_path (path, &route);
  return g_steal_pointer (&route.name);
}
