/* carport-sim-nissan-lock.c — a Nissan's remote lock: devices, PIN (SRP), lock-unlock
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * api-nissan.md §3.4 steps 2–3: generate-device-otp "e-mails" a 6-digit code
 * (written to the simulator's debug output, as the Renault two-factor code
 * is, and kept for tests), register-device takes it with the deviceId and
 * answers 409/409010 for a device already there, registration-status says
 * 200 or 404, and DELETE removes a device (404 for one it does not know)
 * and voids a code sent for it. A code is good for ten minutes
 * and once; a wrong one is 400 "Invalid OTP", an expired or used one 400
 * "OTP expired".
 *
 * Steps 4–5: srp-initiates keeps the PIN's salt and verifier (services 909
 * or 747, the owner only), srp-sets answers its challenge through the action
 * status (srpLoginS, srpLoginB), and lock-unlock (services 27 or 878) takes
 * a registered deviceId and the proof: the car's SRP verifier
 * (carport-sim-srp.c) checks it, a wrong one FAILS the action and
 * CARPORT_SIM_SRP_MAX_TRIES of them lock the PIN out until it is enrolled
 * again.
 */

#define G_LOG_DOMAIN "carport-sim"

#include "config.h"

#include <string.h>

#include "carport-sim-util.h"
#include "carport-sim-nissan-car.h"
#include "carport-sim-nissan-lock.h"

typedef struct {
  char   *code;
  gint64  expires;
} Otp;

struct _CarportSimNissanDevices
{
  GHashTable *registered;   /* "VIN/deviceId" set */
  GHashTable *otps;         /* "VIN/deviceId" → Otp* */
  char       *last_otp;
};

static void
otp_free (gpointer data)
{
  Otp *otp = data;

  g_free (otp->code);
  g_free (otp);
}

CarportSimNissanDevices *
_carport_sim_nissan_devices_new (void)
{
  CarportSimNissanDevices *self = g_new0 (CarportSimNissanDevices, 1);

  self->registered = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->otps = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, otp_free);
  return self;
}

void
_carport_sim_nissan_devices_free (CarportSimNissanDevices *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->registered);
  g_hash_table_unref (self->otps);
  g_free (self->last_otp);
  g_free (self);
}

static char *
key (const char *vin,
     const char *device_id)
{
  return g_strconcat (vin, "/", device_id, NULL);
}

gboolean
_carport_sim_nissan_devices_is_registered (CarportSimNissanDevices *self,
                                           const char              *vin,
                                           const char              *device_id)
{
  g_autofree char *k = NULL;

  if (device_id == NULL || *device_id == '\0')
    return FALSE;
  k = key (vin, device_id);
  return g_hash_table_contains (self->registered, k);
}

const char *
_carport_sim_nissan_devices_get_last_otp (CarportSimNissanDevices *self)
{
  return self->last_otp;
}

void
_carport_sim_nissan_devices_expire_otps (CarportSimNissanDevices *self)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->otps);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    ((Otp *) value)->expires = 0;
}

static guint
devices_of (CarportSimNissanDevices *self,
            const char              *vin)
{
  g_autofree char *prefix = g_strconcat (vin, "/", NULL);
  GHashTableIter iter;
  gpointer k;
  guint n = 0;

  g_hash_table_iter_init (&iter, self->registered);
  while (g_hash_table_iter_next (&iter, &k, NULL))
    if (g_str_has_prefix (k, prefix))
      n++;
  return n;
}

/* The attributes of {"data":{"type":@type,"attributes":{…}}}, or NULL after
 * a 400. */
static JsonObject *
request_attributes (SoupServerMessage *msg,
                    const char        *type,
                    JsonNode         **out_node)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  JsonNode *node = _carport_sim_json_parse (body->data, (gsize) body->length);
  JsonObject *data = node != NULL && JSON_NODE_HOLDS_OBJECT (node)
                     ? _carport_sim_json_get_object (json_node_get_object (node), "data") : NULL;
  JsonObject *attributes = _carport_sim_json_get_object (data, "attributes");

  if (attributes == NULL || g_strcmp0 (_carport_sim_json_get_string (data, "type"), type) != 0 ||
      _carport_sim_json_get_string (attributes, "deviceId") == NULL ||
      *_carport_sim_json_get_string (attributes, "deviceId") == '\0')
    {
      g_autofree char *detail = g_strdup_printf ("expected {\"data\":{\"type\":\"%s\",\"attributes\":"
                                                 "{\"deviceId\":…}}}", type);

      g_clear_pointer (&node, json_node_unref);
      _carport_sim_reply_nissan_error (msg, 400, "400", "Http message is not readable", detail);
      return NULL;
    }
  *out_node = node;
  return attributes;
}

static void
reply_data (SoupServerMessage *msg,
            const char        *type,
            const char        *device_id,
            const char        *status)
{
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  JsonObject *outer = json_object_new ();
  JsonObject *data = json_object_new ();
  JsonObject *attributes = json_object_new ();

  json_object_set_string_member (attributes, "deviceId", device_id);
  json_object_set_string_member (attributes, "status", status);
  json_object_set_string_member (data, "type", type);
  json_object_set_object_member (data, "attributes", attributes);
  json_object_set_object_member (outer, "data", data);
  json_node_take_object (root, outer);
  _carport_sim_reply_json (msg, SOUP_STATUS_OK, CARPORT_SIM_CT_JSON, root);
}

static void
generate_otp (CarportSimNissanDevices *self,
              CarportSimCar           *car,
              SoupServerMessage       *msg)
{
  g_autoptr(JsonNode) node = NULL;
  JsonObject *attributes = request_attributes (msg, "GenerateDeviceOtp", &node);
  const char *device_id;
  Otp *otp;

  if (attributes == NULL)
    return;
  device_id = _carport_sim_json_get_string (attributes, "deviceId");
  otp = g_new0 (Otp, 1);
  otp->code = g_strdup_printf ("%06d", g_random_int_range (0, 1000000));
  otp->expires = g_get_real_time () + CARPORT_SIM_NISSAN_OTP_LIFETIME_US;
  g_free (self->last_otp);
  self->last_otp = g_strdup (otp->code);
  g_debug ("Device code for %s: %s", car->vin, otp->code);
  g_hash_table_replace (self->otps, key (car->vin, device_id), otp);
  reply_data (msg, "GenerateDeviceOtp", device_id, "SENT");
}

static void
register_device (CarportSimNissanDevices *self,
                 CarportSimCar           *car,
                 SoupServerMessage       *msg)
{
  g_autoptr(JsonNode) node = NULL;
  JsonObject *attributes = request_attributes (msg, "RegisterDevice", &node);
  g_autofree char *k = NULL;
  const char *device_id, *code;
  Otp *otp;

  if (attributes == NULL)
    return;
  device_id = _carport_sim_json_get_string (attributes, "deviceId");
  code = _carport_sim_json_get_string (attributes, "otp");
  k = key (car->vin, device_id);
  if (g_hash_table_contains (self->registered, k))
    {
      _carport_sim_reply_nissan_error (msg, 409, "409010", "Device already exists", NULL);
      return;
    }
  if (code == NULL || _carport_sim_json_get_string (attributes, "modelName") == NULL)
    {
      _carport_sim_reply_nissan_error (msg, 400, "400", "Http message is not readable",
                                       "attributes.otp and attributes.modelName are required");
      return;
    }
  otp = g_hash_table_lookup (self->otps, k);
  if (otp == NULL || otp->expires <= g_get_real_time ())
    {
      g_hash_table_remove (self->otps, k);
      _carport_sim_reply_nissan_error (msg, 400, "400021", "OTP expired", "Ask for a new code");
      return;
    }
  if (!g_str_equal (otp->code, code))
    {
      _carport_sim_reply_nissan_error (msg, 400, "400020", "Invalid OTP", NULL);
      return;
    }
  if (devices_of (self, car->vin) >= CARPORT_SIM_NISSAN_MAX_DEVICES)
    {
      _carport_sim_reply_nissan_error (msg, 403, "403", "Too many devices",
                                       "Remove a device from the car in the MyNISSAN app");
      return;
    }
  g_hash_table_remove (self->otps, k);
  g_hash_table_add (self->registered, g_steal_pointer (&k));
  reply_data (msg, "RegisterDevice", device_id, "REGISTERED");
}

void
_carport_sim_nissan_devices_handle (CarportSimNissanDevices  *self,
                                    CarportSimCar            *car,
                                    SoupServerMessage        *msg,
                                    char                    **rest)
{
  const char *method = soup_server_message_get_method (msg);
  guint n = g_strv_length (rest);

  if (n == 1 && g_str_equal (method, "POST") && g_str_equal (rest[0], "generate-device-otp"))
    generate_otp (self, car, msg);
  else if (n == 1 && g_str_equal (method, "POST") && g_str_equal (rest[0], "register-device"))
    register_device (self, car, msg);
  else if (n == 3 && g_str_equal (method, "GET") && g_str_equal (rest[0], "devices") &&
           g_str_equal (rest[2], "registration-status"))
    {
      if (_carport_sim_nissan_devices_is_registered (self, car->vin, rest[1]))
        reply_data (msg, "RegistrationStatus", rest[1], "REGISTERED");
      else
        _carport_sim_reply_nissan_error (msg, 404, "404", "Device not found", NULL);
    }
  else if (n == 2 && g_str_equal (method, "DELETE") && g_str_equal (rest[0], "devices"))
    {
      g_autofree char *k = key (car->vin, rest[1]);

      /* Forgotten, with any code sent for it: registering again takes a new one. */
      g_hash_table_remove (self->otps, k);
      if (g_hash_table_remove (self->registered, k))
        reply_data (msg, "DeleteDevice", rest[1], "DELETED");
      else
        _carport_sim_reply_nissan_error (msg, 404, "404", "Device not found", NULL);
    }
  else
    _carport_sim_reply_nissan_error (msg, 404, "404", "Not Found", NULL);
}

/* ------------------------------------------------------------------------ */
/* The PIN and the lock command                                             */
/* ------------------------------------------------------------------------ */

static void
reply_action (SoupServerMessage *msg,
              const char        *type,
              const char        *id)
{
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  JsonObject *outer = json_object_new ();
  JsonObject *data = json_object_new ();

  json_object_set_string_member (data, "type", type);
  json_object_set_string_member (data, "id", id);
  json_object_set_object_member (data, "attributes", json_object_new ());
  json_object_set_object_member (outer, "data", data);
  json_node_take_object (root, outer);
  _carport_sim_reply_json (msg, SOUP_STATUS_OK, CARPORT_SIM_CT_JSON_API, root);
}

gboolean
_carport_sim_nissan_lock_act (CarportSimNissanDevices *self,
                              CarportSimCar           *car,
                              SoupServerMessage       *msg,
                              const char              *name,
                              const char              *user_id,
                              gint64                   now)
{
  static const char * const types[][2] = {
    { "srp-initiates", "SrpInitiates" }, { "srp-sets", "SrpSets" }, { "lock-unlock", "LockUnlock" },
  };
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(JsonNode) node = NULL;
  JsonObject *data, *attributes;
  CarportSimCommand *command;
  const char *type = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    if (g_str_equal (name, types[i][0]))
      type = types[i][1];
  if (type == NULL)
    return FALSE;

  node = _carport_sim_json_parse (body->data, (gsize) body->length);
  data = node != NULL && JSON_NODE_HOLDS_OBJECT (node)
         ? _carport_sim_json_get_object (json_node_get_object (node), "data") : NULL;
  attributes = _carport_sim_json_get_object (data, "attributes");
  if (attributes == NULL || g_strcmp0 (_carport_sim_json_get_string (data, "type"), type) != 0)
    {
      g_autofree char *detail = g_strdup_printf ("expected {\"data\":{\"type\":\"%s\",\"attributes\":…}}", type);

      _carport_sim_reply_nissan_error (msg, 400, "400", "Http message is not readable", detail);
      return TRUE;
    }

  if (g_str_equal (name, "srp-initiates"))
    {
      if (!_carport_sim_nissan_car_can (car, CARPORT_SIM_NISSAN_CAN_SRP_SETUP))
        _carport_sim_reply_nissan_error (msg, 403, "403", "Forbidden", "No PIN set-up for this car");
      else if (g_strcmp0 (_carport_sim_json_get_string (attributes, "i"), user_id) != 0 ||
               !carport_sim_srp_enrol (car->srp, user_id, _carport_sim_json_get_string (attributes, "s"),
                                       _carport_sim_json_get_string (attributes, "v")))
        _carport_sim_reply_nissan_error (msg, 400, "400", "Http message is not readable",
                                         "attributes: i (the user id), s (salt hex), v (verifier hex)");
      else
        {
          command = carport_sim_car_queue_command (car, CARPORT_SIM_CMD_SRP_INITIATES, type, now);
          reply_action (msg, type, command->id);
        }
      return TRUE;
    }

  if (!_carport_sim_nissan_car_can (car, CARPORT_SIM_NISSAN_CAN_LOCK))
    {
      _carport_sim_reply_nissan_error (msg, 403, "403", "Forbidden", "No remote lock for this car");
      return TRUE;
    }

  if (g_str_equal (name, "srp-sets"))
    {
      g_autofree char *salt = NULL;
      g_autofree char *b = NULL;

      if (g_strcmp0 (_carport_sim_json_get_string (attributes, "i"), user_id) != 0 ||
          !carport_sim_srp_challenge (car->srp, user_id, _carport_sim_json_get_string (attributes, "a"), &salt, &b))
        {
          _carport_sim_reply_nissan_error (msg, 400, "400", "Bad Request",
                                           carport_sim_srp_is_enrolled (car->srp)
                                           ? "attributes.a is not a valid public value"
                                           : "No PIN is set for this car");
          return TRUE;
        }
      command = carport_sim_car_queue_command (car, CARPORT_SIM_CMD_SRP_SETS, type, now);
      /* The challenge is ready at once: no car is asked. */
      command->due = now;
      command->srp_salt = g_steal_pointer (&salt);
      command->srp_b = g_steal_pointer (&b);
      reply_action (msg, type, command->id);
      return TRUE;
    }

  /* lock-unlock, MyNISSAN 4.0.0's body */
  {
    static const char * const actions[] = { "lock", "unlock", NULL };
    static const char * const targets[] = { "doors_hatch", "driver_s_door", "hatch", NULL };
    const char *action = _carport_sim_json_get_string (attributes, "action");
    const char *target = _carport_sim_json_get_string (attributes, "target");
    const char *device_id = _carport_sim_json_get_string (attributes, "deviceId");
    g_autofree char *order = NULL;
    gboolean lock;

    if (action == NULL || !g_strv_contains (actions, action) || target == NULL || !g_strv_contains (targets, target))
      {
        _carport_sim_reply_nissan_error (msg, 400, "400", "Http message is not readable",
                                         "attributes.action must be lock or unlock, attributes.target doors_hatch, "
                                         "driver_s_door or hatch");
        return TRUE;
      }
    if (!_carport_sim_nissan_devices_is_registered (self, car->vin, device_id))
      {
        _carport_sim_reply_nissan_error (msg, 403, "403", "Forbidden", "The device is not registered for this car");
        return TRUE;
      }
    lock = g_str_equal (action, "lock");
    order = g_strconcat (car->vin, lock ? "/RLU/Lock" : "/RLU/Unlock", NULL);
    command = carport_sim_car_queue_srp_command (car, lock ? CARPORT_SIM_CMD_LOCK : CARPORT_SIM_CMD_UNLOCK, type,
                                                 order, _carport_sim_json_get_string (attributes, "srp"), now);
    reply_action (msg, type, command->id);
  }
  return TRUE;
}
