/* carport-simulator.c — the server: listening, routing, latency, faults, the info line
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "carport-sim"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "carport-simulator.h"
#include "carport-simulator-private.h"
#include "carport-sim-car.h"
#include "carport-sim-fault.h"
#include "carport-sim-map.h"
#include "carport-sim-scenario.h"
#include "carport-sim-util.h"
#include "renault/carport-sim-gigya.h"
#include "renault/carport-sim-kamereon.h"
#include "renault/carport-sim-renault-car.h"
#include "nissan/carport-sim-nissan.h"
#include "carport-sim-tls.h"

G_DEFINE_FINAL_TYPE (CarportSimulator, carport_simulator, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PORT,
  PROP_LATENCY_MS,
  PROP_JWT_LIFETIME,
  PROP_COMMAND_DELAY_MS,
  PROP_CHARGE_RATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_QUARK (carport-simulator-error-quark, carport_simulator_error)

static void
deferred_free (Deferred *deferred)
{
  g_clear_handle_id (&deferred->source_id, g_source_remove);
  g_clear_signal_handler (&deferred->disconnected_id, deferred->msg);
  g_clear_object (&deferred->msg);
  g_clear_pointer (&deferred->fault, _carport_sim_fault_entry_free);
  g_clear_pointer (&deferred->drip, g_bytes_unref);
  g_free (deferred);
}

static void
carport_simulator_dispose (GObject *object)
{
  CarportSimulator *self = CARPORT_SIMULATOR (object);

  carport_simulator_stop (self);
  g_clear_object (&self->gigya);
  g_clear_object (&self->nissan);
  g_clear_pointer (&self->cars, g_ptr_array_unref);
  g_clear_pointer (&self->nissan_cars, g_ptr_array_unref);

  G_OBJECT_CLASS (carport_simulator_parent_class)->dispose (object);
}

static void
carport_simulator_finalize (GObject *object)
{
  CarportSimulator *self = CARPORT_SIMULATOR (object);

  g_clear_pointer (&self->faults, g_ptr_array_unref);
  g_clear_pointer (&self->endpoint_requests, g_hash_table_unref);
  _carport_sim_account_clear (&self->account);
  _carport_sim_account_clear (&self->nissan_account);
  g_clear_pointer (&self->person_id, g_free);
  g_clear_pointer (&self->account_id, g_free);
  g_clear_pointer (&self->sfdc_account_id, g_free);

  G_OBJECT_CLASS (carport_simulator_parent_class)->finalize (object);
}

static void
carport_simulator_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  CarportSimulator *self = CARPORT_SIMULATOR (object);

  switch (prop_id)
    {
    case PROP_PORT:
      g_value_set_uint (value, self->port);
      break;
    case PROP_LATENCY_MS:
      g_value_set_uint (value, self->latency_ms);
      break;
    case PROP_JWT_LIFETIME:
      g_value_set_uint (value, carport_sim_gigya_get_jwt_lifetime (self->gigya));
      break;
    case PROP_COMMAND_DELAY_MS:
      g_value_set_uint (value, self->command_delay_ms);
      break;
    case PROP_CHARGE_RATE:
      g_value_set_double (value, self->charge_rate);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carport_simulator_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  CarportSimulator *self = CARPORT_SIMULATOR (object);

  switch (prop_id)
    {
    case PROP_LATENCY_MS:
      carport_simulator_set_latency_ms (self, g_value_get_uint (value));
      break;
    case PROP_JWT_LIFETIME:
      carport_simulator_set_jwt_lifetime (self, g_value_get_uint (value));
      break;
    case PROP_COMMAND_DELAY_MS:
      carport_simulator_set_command_delay_ms (self, g_value_get_uint (value));
      break;
    case PROP_CHARGE_RATE:
      carport_simulator_set_charge_rate (self, g_value_get_double (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carport_simulator_class_init (CarportSimulatorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = carport_simulator_dispose;
  object_class->finalize = carport_simulator_finalize;
  object_class->get_property = carport_simulator_get_property;
  object_class->set_property = carport_simulator_set_property;

  /**
   * CarportSimulator:port:
   *
   * The port it listens on, 0 when stopped.
   */
  properties[PROP_PORT] =
    g_param_spec_uint ("port", NULL, NULL, 0, G_MAXUINT16, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * CarportSimulator:latency-ms:
   *
   * Added to every answer, without blocking.
   */
  properties[PROP_LATENCY_MS] =
    g_param_spec_uint ("latency-ms", NULL, NULL, 0, 600000, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * CarportSimulator:jwt-lifetime:
   *
   * The longest life of a JWT from accounts.getJWT, in seconds.
   */
  properties[PROP_JWT_LIFETIME] =
    g_param_spec_uint ("jwt-lifetime", NULL, NULL, 1, G_MAXINT32, 900,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * CarportSimulator:command-delay-ms:
   *
   * How long a command stays PENDING before the car carries it out.
   */
  properties[PROP_COMMAND_DELAY_MS] =
    g_param_spec_uint ("command-delay-ms", NULL, NULL, 0, 3600000, 1500,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * CarportSimulator:charge-rate:
   *
   * How fast a charging car gains, in percent per second.
   */
  properties[PROP_CHARGE_RATE] =
    g_param_spec_double ("charge-rate", NULL, NULL, 0.0, 100.0, 0.05,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
carport_simulator_init (CarportSimulator *self)
{
  g_autoptr(GError) error = NULL;

  self->gigya = carport_sim_gigya_new ();
  self->nissan = carport_sim_nissan_new ();
  self->cars = g_ptr_array_new_with_free_func (g_object_unref);
  self->nissan_cars = g_ptr_array_new_with_free_func (g_object_unref);
  self->faults = g_ptr_array_new_with_free_func ((GDestroyNotify) _carport_sim_fault_entry_free);
  self->endpoint_requests = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->person_id = g_uuid_string_random ();
  self->account_id = g_uuid_string_random ();
  self->sfdc_account_id = g_uuid_string_random ();
  self->command_delay_ms = 1500;
  self->charge_rate = 0.05;

  if (!carport_simulator_load_scenario_data (self, _carport_sim_default_scenario, &error))
    g_critical ("The built-in scenario does not load: %s", error->message);
}

/**
 * carport_simulator_new:
 *
 * Creates a simulator with the demo scenario: one Renault account (fr_FR)
 * with six cars. Call carport_simulator_start() to serve.
 *
 * Returns: (transfer full): a new #CarportSimulator
 */
CarportSimulator *
carport_simulator_new (void)
{
  return g_object_new (CARPORT_TYPE_SIMULATOR, NULL);
}

/* ------------------------------------------------------------------------ */
/* Scenarios                                                                */
/* ------------------------------------------------------------------------ */

static void
apply_car_settings (CarportSimulator *self,
                    CarportSimCar    *car)
{
  g_autofree char *base = NULL;

  carport_sim_car_set_command_delay_ms (car, self->command_delay_ms);
  carport_sim_car_set_charge_rate (car, self->charge_rate);
  if (self->port != 0)
    {
      base = g_strdup_printf (carport_sim_car_get_brand (car) == CARPORT_SIM_BRAND_NISSAN ? "https://127.0.0.1:%u"
                                                                                       : "http://127.0.0.1:%u",
                              carport_sim_car_get_brand (car) == CARPORT_SIM_BRAND_NISSAN ? self->nissan_port
                                                                                       : self->port);
      carport_sim_car_set_base_url (car, base);
    }
}

static gboolean
load_scenario_node (CarportSimulator  *self,
                    JsonNode          *root,
                    GError           **error)
{
  g_auto(CarportSimScenario) scenario = { 0, };

  scenario.latency_ms = self->latency_ms;
  scenario.jwt_lifetime = carport_sim_gigya_get_jwt_lifetime (self->gigya);
  scenario.command_delay_ms = self->command_delay_ms;
  scenario.charge_rate = self->charge_rate;
  scenario.require_tfa = -1;
  scenario.gigya_key_rotated = -1;
  _carport_sim_account_copy (&scenario.account, &self->account);
  _carport_sim_account_copy (&scenario.nissan_account, &self->nissan_account);
  scenario.nissan_bad_password_form = -1;
  scenario.nissan_interstitial = -1;
  scenario.nissan_rotate_refresh = -1;
  if (!_carport_sim_scenario_load (&scenario, root, error))
    return FALSE;

  /* All checked: apply. */
  _carport_sim_account_clear (&self->account);
  self->account = scenario.account;
  memset (&scenario.account, 0, sizeof scenario.account);
  carport_sim_gigya_set_account (self->gigya, self->account.email, self->account.password, self->person_id);
  _carport_sim_account_clear (&self->nissan_account);
  self->nissan_account = scenario.nissan_account;
  memset (&scenario.nissan_account, 0, sizeof scenario.nissan_account);
  carport_sim_nissan_set_account (self->nissan, self->nissan_account.email, self->nissan_account.password);
  if (scenario.nissan_bad_password_form >= 0)
    carport_sim_nissan_set_bad_password_form (self->nissan, scenario.nissan_bad_password_form);
  if (scenario.nissan_interstitial >= 0)
    carport_sim_nissan_set_interstitial (self->nissan, scenario.nissan_interstitial);
  if (scenario.nissan_rotate_refresh >= 0)
    carport_sim_nissan_set_rotate_refresh (self->nissan, scenario.nissan_rotate_refresh);
  if (scenario.require_tfa >= 0)
    carport_sim_gigya_set_require_tfa (self->gigya, scenario.require_tfa);
  if (scenario.gigya_key_rotated >= 0)
    carport_sim_gigya_set_key_rotated (self->gigya, scenario.gigya_key_rotated);

  carport_simulator_set_latency_ms (self, scenario.latency_ms);
  carport_simulator_set_jwt_lifetime (self, scenario.jwt_lifetime);
  carport_simulator_set_command_delay_ms (self, scenario.command_delay_ms);
  carport_simulator_set_charge_rate (self, scenario.charge_rate);

  if (scenario.cars != NULL)
    {
      g_ptr_array_unref (self->cars);
      self->cars = g_steal_pointer (&scenario.cars);
      for (guint i = 0; i < self->cars->len; i++)
        apply_car_settings (self, g_ptr_array_index (self->cars, i));
    }
  if (scenario.nissan_cars != NULL)
    {
      g_ptr_array_unref (self->nissan_cars);
      self->nissan_cars = g_steal_pointer (&scenario.nissan_cars);
      for (guint i = 0; i < self->nissan_cars->len; i++)
        apply_car_settings (self, g_ptr_array_index (self->nissan_cars, i));
      carport_sim_nissan_set_cars (self->nissan, self->nissan_cars);
    }
  for (guint i = 0; i < scenario.faults->len; i++)
    g_ptr_array_add (self->faults, _carport_sim_fault_entry_copy (g_ptr_array_index (scenario.faults, i)));
  return TRUE;
}

/**
 * carport_simulator_load_scenario_data:
 * @json: a scenario document (see src/sim/README.md)
 *
 * Applies a scenario: what it names replaces the current setting; "cars"
 * replaces all cars; "faults" are added. Nothing changes on error.
 */
gboolean
carport_simulator_load_scenario_data (CarportSimulator  *self,
                                      const char        *json,
                                      GError           **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (CARPORT_IS_SIMULATOR (self), FALSE);
  g_return_val_if_fail (json != NULL, FALSE);

  if (!json_parser_load_from_data (parser, json, -1, &local_error))
    {
      g_set_error (error, CARPORT_SIMULATOR_ERROR, CARPORT_SIMULATOR_ERROR_INVALID_SCENARIO,
                   "not JSON: %s", local_error->message);
      return FALSE;
    }
  return load_scenario_node (self, json_parser_get_root (parser), error);
}

/**
 * carport_simulator_load_scenario:
 * @path: a JSON scenario file
 *
 * As carport_simulator_load_scenario_data(), from a file.
 */
gboolean
carport_simulator_load_scenario (CarportSimulator  *self,
                                 const char        *path,
                                 GError           **error)
{
  g_autofree char *contents = NULL;

  g_return_val_if_fail (CARPORT_IS_SIMULATOR (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!g_file_get_contents (path, &contents, NULL, error))
    return FALSE;
  if (!carport_simulator_load_scenario_data (self, contents, error))
    {
      g_prefix_error (error, "%s: ", path);
      return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* Routing                                                                  */
/* ------------------------------------------------------------------------ */

typedef enum {
  ROUTE_NONE,
  ROUTE_INFO,
  ROUTE_ASSET,
  ROUTE_GIGYA,
  ROUTE_KAMEREON,
  ROUTE_NISSAN,
  ROUTE_TILE,
  ROUTE_REVERSE,
} RouteKind;

/* Which part of the simulator answers @path; *@name is the endpoint name
 * that faults match, *@vin the VIN of an asset. */
static RouteKind
parse_route (const char  *path,
             char       **name,
             char       **vin)
{
  *name = NULL;
  if (vin != NULL)
    *vin = NULL;
  if (g_str_equal (path, "/") || g_str_equal (path, "/info"))
    {
      *name = g_strdup ("info");
      return ROUTE_INFO;
    }
  if (g_str_has_prefix (path, "/gigya/") && strchr (path + 7, '/') == NULL && path[7] != '\0')
    {
      *name = g_strdup (path + 7);
      return ROUTE_GIGYA;
    }
  if (g_str_has_prefix (path, "/assets/") && g_str_has_suffix (path, ".svg") && strlen (path) > 8 + 17)
    {
      *name = g_strdup ("assets");
      if (vin != NULL)
        *vin = g_strndup (path + 8, 17);
      return ROUTE_ASSET;
    }
  if (_carport_sim_map_is_tile_path (path))
    {
      *name = g_strdup ("tiles");
      return ROUTE_TILE;
    }
  if (g_str_equal (path, "/reverse"))
    {
      *name = g_strdup ("reverse");
      return ROUTE_REVERSE;
    }
  if (g_str_has_prefix (path, "/kamereon/"))
    {
      *name = _carport_sim_kamereon_endpoint_name (path);
      return ROUTE_KAMEREON;
    }
  if (carport_sim_nissan_is_path (path))
    {
      *name = carport_sim_nissan_endpoint_name (path);
      return ROUTE_NISSAN;
    }
  /* Where the redirect fault sends clients: a 404 that is counted. */
  if (g_str_has_prefix (path, "/redirected/"))
    *name = g_strdup ("redirected");
  return ROUTE_NONE;
}

static void
renault_context (CarportSimulator         *self,
                 CarportSimRenaultContext *context)
{
  context->email = self->account.email;
  context->locale = self->account.locale;
  context->first_name = self->account.first_name;
  context->last_name = self->account.last_name;
  context->person_id = self->person_id;
  context->account_id = self->account_id;
  context->sfdc_account_id = self->sfdc_account_id;
  context->gigya = self->gigya;
  context->cars = self->cars;
}

/* Answers @msg (after the latency), applying @fault if there is one. */
static void
respond (CarportSimulator           *self,
         SoupServerMessage          *msg,
         const CarportSimFaultEntry *fault)
{
  const char *path = g_uri_get_path (soup_server_message_get_uri (msg));
  const char *raw_query = g_uri_get_query (soup_server_message_get_uri (msg));
  g_autoptr(GHashTable) query = raw_query ? soup_form_decode (raw_query)
                                          : g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *name = NULL;
  g_autofree char *vin = NULL;
  RouteKind kind = parse_route (path, &name, &vin);

  if (fault != NULL && _carport_sim_fault_answer (fault, msg, kind == ROUTE_GIGYA ? CARPORT_SIM_FLAVOUR_GIGYA
                                                     : kind == ROUTE_NISSAN ? CARPORT_SIM_FLAVOUR_NISSAN
                                                     : CARPORT_SIM_FLAVOUR_KAMEREON))
    return;

  switch (kind)
    {
    case ROUTE_INFO:
      {
        g_autofree char *info = carport_simulator_dup_info_json (self);

        _carport_sim_reply_text (msg, SOUP_STATUS_OK, CARPORT_SIM_CT_JSON, info);
      }
      break;

    case ROUTE_GIGYA:
      carport_sim_gigya_handle (self->gigya, msg, name);
      break;

    case ROUTE_ASSET:
      {
        CarportSimCar *car = carport_sim_find_car (self->cars, vin);

        if (car != NULL)
          _carport_sim_renault_reply_picture (car, msg);
        else if (carport_sim_find_car (self->nissan_cars, vin) != NULL)
          _carport_sim_reply_text (msg, SOUP_STATUS_OK, "image/svg+xml",
                                   "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"480\" height=\"240\">"
                                   "<rect x=\"40\" y=\"90\" width=\"400\" height=\"90\" rx=\"30\" fill=\"#8a8d91\"/>"
                                   "<circle cx=\"130\" cy=\"180\" r=\"30\" fill=\"#222\"/>"
                                   "<circle cx=\"350\" cy=\"180\" r=\"30\" fill=\"#222\"/></svg>");
        else
          _carport_sim_reply_text (msg, SOUP_STATUS_NOT_FOUND, "text/plain", "Not Found\n");
      }
      break;

    case ROUTE_KAMEREON:
      {
        CarportSimRenaultContext context;

        renault_context (self, &context);
        _carport_sim_kamereon_handle (&context, msg, path, query);
      }
      break;

    case ROUTE_NISSAN:
      /* the Nissan hosts are https only, as the real ones */
      if (g_strcmp0 (g_uri_get_scheme (soup_server_message_get_uri (msg)), "https") == 0)
        carport_sim_nissan_handle (self->nissan, msg, path, query);
      else
        _carport_sim_reply_text (msg, SOUP_STATUS_NOT_FOUND, "text/plain", "Not Found (https only)\n");
      break;

    case ROUTE_TILE:
      _carport_sim_map_reply_tile (msg, path);
      break;

    case ROUTE_REVERSE:
      _carport_sim_map_reply_reverse (msg, query);
      break;

    case ROUTE_NONE:
    default:
      _carport_sim_reply_text (msg, SOUP_STATUS_NOT_FOUND, "text/plain", "Not Found\n");
      break;
    }

  if (fault != NULL)
    _carport_sim_fault_rewrite (fault, msg);
}

/* The first fault that matches, as a copy; uses one of its counts. */
static CarportSimFaultEntry *
take_fault (CarportSimulator *self,
            const char       *name,
            const char       *path)
{
  if (self->faults->len == 0)
    return NULL;
  for (guint i = 0; i < self->faults->len; i++)
    {
      CarportSimFaultEntry *entry = g_ptr_array_index (self->faults, i);
      CarportSimFaultEntry *copy;

      if (!_carport_sim_fault_entry_matches (entry, name, path))
        continue;
      copy = _carport_sim_fault_entry_copy (entry);
      if (entry->fault.count > 0 && --entry->remaining == 0)
        g_ptr_array_remove_index (self->faults, i);
      return copy;
    }
  return NULL;
}

static void
deferred_disconnected_cb (SoupServerMessage *msg,
                          Deferred          *deferred)
{
  CarportSimulator *self = deferred->self;

  /* The client went away: drop the answer, never unpause. */
  self->deferred = g_list_remove (self->deferred, deferred);
  deferred_free (deferred);
}

/* Sends the next byte of a dripping answer (libsoup pauses the message
 * whenever it has written all there is). */
static gboolean
drip_cb (gpointer user_data)
{
  Deferred *deferred = user_data;
  CarportSimulator *self = deferred->self;
  SoupMessageBody *body = soup_server_message_get_response_body (deferred->msg);
  gsize length;
  const char *data = g_bytes_get_data (deferred->drip, &length);

  if (deferred->drip_offset < length)
    soup_message_body_append (body, SOUP_MEMORY_COPY, data + deferred->drip_offset++, 1);
  if (deferred->drip_offset < length)
    {
      soup_server_message_unpause (deferred->msg);
      return G_SOURCE_CONTINUE;
    }

  soup_message_body_complete (body);
  soup_server_message_unpause (deferred->msg);
  deferred->source_id = 0;
  self->deferred = g_list_remove (self->deferred, deferred);
  deferred_free (deferred);
  return G_SOURCE_REMOVE;
}

/* Keeps @msg (with its normal answer) for later, as @deferred. */
static void
defer (CarportSimulator *self,
       Deferred         *deferred,
       guint             ms,
       GSourceFunc       callback)
{
  deferred->self = self;
  deferred->disconnected_id = g_signal_connect (deferred->msg, "disconnected",
                                                G_CALLBACK (deferred_disconnected_cb), deferred);
  deferred->source_id = g_timeout_add (ms, callback, deferred);
  self->deferred = g_list_prepend (self->deferred, deferred);
}

/* Answers @msg now; a drip fault then writes its body a byte at a time. */
static void
respond_now (CarportSimulator     *self,
             SoupServerMessage    *msg,
             CarportSimFaultEntry *fault)
{
  SoupMessageBody *body;
  Deferred *deferred;

  respond (self, msg, fault);
  if (fault == NULL || fault->fault.kind != CARPORT_SIM_FAULT_DRIP)
    return;

  body = soup_server_message_get_response_body (msg);
  deferred = g_new0 (Deferred, 1);
  deferred->msg = g_object_ref (msg);
  deferred->drip = soup_message_body_flatten (body);
  soup_message_body_truncate (body);
  soup_message_headers_set_content_length (soup_server_message_get_response_headers (msg),
                                           (goffset) g_bytes_get_size (deferred->drip));
  defer (self, deferred, fault->fault.delay_ms, drip_cb);
}

static gboolean
deferred_timeout_cb (gpointer user_data)
{
  Deferred *deferred = user_data;
  CarportSimulator *self = deferred->self;

  deferred->source_id = 0;
  self->deferred = g_list_remove (self->deferred, deferred);
  respond_now (self, deferred->msg, deferred->fault);
  soup_server_message_unpause (deferred->msg);
  deferred_free (deferred);
  return G_SOURCE_REMOVE;
}

static void
server_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  CarportSimulator *self = CARPORT_SIMULATOR (user_data);
  g_autoptr(CarportSimFaultEntry) fault = NULL;
  g_autofree char *name = NULL;
  guint delay;
  Deferred *deferred;

  self->request_count++;
  g_debug ("%s %s", soup_server_message_get_method (msg), path);
  parse_route (path, &name, NULL);
  if (name != NULL)
    g_hash_table_insert (self->endpoint_requests, g_strdup (name),
                         GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (self->endpoint_requests, name)) + 1));

  fault = take_fault (self, name, path);
  delay = self->latency_ms;
  if (fault != NULL && fault->fault.kind == CARPORT_SIM_FAULT_DELAY)
    delay += fault->fault.delay_ms;

  if (delay == 0)
    {
      respond_now (self, msg, fault);
      return;
    }

  /* Latency without blocking: pause, answer from a timeout. */
  deferred = g_new0 (Deferred, 1);
  deferred->msg = g_object_ref (msg);
  deferred->fault = g_steal_pointer (&fault);
  defer (self, deferred, delay, deferred_timeout_cb);
  self->peak_deferred = MAX (self->peak_deferred, g_list_length (self->deferred));
  soup_server_message_pause (msg);
}

/* ------------------------------------------------------------------------ */
/* Life cycle                                                               */
/* ------------------------------------------------------------------------ */

/**
 * carport_simulator_start:
 * @port: the port on 127.0.0.1, 0 for any free one
 *
 * Starts serving on the thread-default main context.
 */
gboolean
carport_simulator_start (CarportSimulator  *self,
                         guint16            port,
                         GError           **error)
{
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(GInetAddress) loopback = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GSocketAddress) tls_address = NULL;
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autofree char *tls_dir = NULL;
  g_autofree char *ca_file = NULL;
  g_autofree char *nissan_base = NULL;
  g_autofree char *picture_base = NULL;
  GSList *uris;

  g_return_val_if_fail (CARPORT_IS_SIMULATOR (self), FALSE);

  if (self->server != NULL)
    {
      g_set_error (error, CARPORT_SIMULATOR_ERROR, CARPORT_SIMULATOR_ERROR_RUNNING,
                   "the simulator is already running");
      return FALSE;
    }

  /* A fresh CA for the Nissan side; only its certificate is written, in a
   * private (0700) directory removed on stop. */
  tls_dir = g_dir_make_tmp ("carport-sim-XXXXXX", error);
  if (tls_dir == NULL)
    return FALSE;
  ca_file = g_build_filename (tls_dir, "ca.pem", NULL);
  certificate = _carport_sim_tls_generate (ca_file, error);
  if (certificate == NULL)
    {
      g_unlink (ca_file);
      g_rmdir (tls_dir);
      return FALSE;
    }

  server = soup_server_new ("server-header", "carport-simulator ", "tls-certificate", certificate, NULL);
  soup_server_add_handler (server, NULL, server_cb, self, NULL);
  loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  address = g_inet_socket_address_new (loopback, port);
  tls_address = g_inet_socket_address_new (loopback, 0);
  if (!soup_server_listen (server, address, 0, error) ||
      !soup_server_listen (server, tls_address, SOUP_SERVER_LISTEN_HTTPS, error))
    {
      soup_server_disconnect (server);
      g_unlink (ca_file);
      g_rmdir (tls_dir);
      return FALSE;
    }

  uris = soup_server_get_uris (server);
  for (GSList *l = uris; l != NULL; l = l->next)
    {
      if (g_str_equal (g_uri_get_scheme (l->data), "https"))
        self->nissan_port = (guint16) g_uri_get_port (l->data);
      else
        self->port = (guint16) g_uri_get_port (l->data);
    }
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  self->server = g_steal_pointer (&server);
  self->tls_dir = g_steal_pointer (&tls_dir);
  self->ca_file = g_steal_pointer (&ca_file);

  nissan_base = g_strdup_printf ("https://127.0.0.1:%u", self->nissan_port);
  carport_sim_nissan_set_base_url (self->nissan, nissan_base);
  picture_base = g_strdup_printf ("http://127.0.0.1:%u", self->port);
  carport_sim_nissan_set_picture_base_url (self->nissan, picture_base);
  for (guint i = 0; i < self->cars->len; i++)
    apply_car_settings (self, g_ptr_array_index (self->cars, i));
  for (guint i = 0; i < self->nissan_cars->len; i++)
    apply_car_settings (self, g_ptr_array_index (self->nissan_cars, i));

  g_debug ("listening on http://127.0.0.1:%u and https://127.0.0.1:%u", self->port, self->nissan_port);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PORT]);
  return TRUE;
}

/**
 * carport_simulator_stop:
 *
 * Stops serving; requests waiting for their latency are dropped.
 */
void
carport_simulator_stop (CarportSimulator *self)
{
  g_return_if_fail (CARPORT_IS_SIMULATOR (self));

  if (self->server == NULL)
    return;

  g_list_free_full (g_steal_pointer (&self->deferred), (GDestroyNotify) deferred_free);
  soup_server_disconnect (self->server);
  g_clear_object (&self->server);
  if (self->ca_file != NULL)
    g_unlink (self->ca_file);
  if (self->tls_dir != NULL)
    g_rmdir (self->tls_dir);
  g_clear_pointer (&self->ca_file, g_free);
  g_clear_pointer (&self->tls_dir, g_free);
  self->port = 0;
  self->nissan_port = 0;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PORT]);
}

/* ------------------------------------------------------------------------ */
/* Accessors                                                                */
/* ------------------------------------------------------------------------ */

guint16
carport_simulator_get_port (CarportSimulator *self)
{
  g_return_val_if_fail (CARPORT_IS_SIMULATOR (self), 0);

  return self->port;
}

/**
 * carport_simulator_get_gigya_url:
 *
 * Returns: (transfer full): e.g. "http://127.0.0.1:PORT/gigya"
 */
char *
carport_simulator_get_gigya_url (CarportSimulator *self)
{
  g_return_val_if_fail (CARPORT_IS_SIMULATOR (self), NULL);

  return g_strdup_printf ("http://127.0.0.1:%u/gigya", self->port);
}

/**
 * carport_simulator_get_kamereon_url:
 *
 * Returns: (transfer full): e.g. "http://127.0.0.1:PORT/kamereon"
 */
char *
carport_simulator_get_kamereon_url (CarportSimulator *self)
{
  g_return_val_if_fail (CARPORT_IS_SIMULATOR (self), NULL);

  return g_strdup_printf ("http://127.0.0.1:%u/kamereon", self->port);
}

/**
 * carport_simulator_dup_environ:
 *
 * Returns: (transfer full): the service roots of this simulator as
 *   environment entries ("CARPORT_RENAULT_GIGYA_URL=http://…", the Nissan
 *   hosts, CARPORT_NISSAN_CA_FILE, the map's CARPORT_MAP_TILE_URL and
 *   CARPORT_GEOCODE_URL), the "env" object of the info line.
 */
char **
carport_simulator_dup_environ (CarportSimulator *self)
{
  static const struct {
    const char           *name;
    CarportSimNissanHost  host;
  } nissan_env[] = {
    { "CARPORT_NISSAN_AUTH_URL", CARPORT_SIM_NISSAN_AUTH },
    { "CARPORT_NISSAN_BFF_URL", CARPORT_SIM_NISSAN_BFF },
    { "CARPORT_NISSAN_USER_ADAPTER_URL", CARPORT_SIM_NISSAN_USER_ADAPTER },
    { "CARPORT_NISSAN_CAR_ADAPTER_URL", CARPORT_SIM_NISSAN_CAR_ADAPTER },
    { "CARPORT_NISSAN_NOTIFICATIONS_URL", CARPORT_SIM_NISSAN_NOTIFICATIONS },
    { "CARPORT_NISSAN_ACTION_STATUS_URL", CARPORT_SIM_NISSAN_ACTION_STATUS },
  };
  g_autofree char *gigya = NULL;
  g_autofree char *kamereon = NULL;
  g_autofree char *tiles = NULL;
  g_autofree char *geocoder = NULL;
  GStrv env = NULL;

  g_return_val_if_fail (CARPORT_IS_SIMULATOR (self), NULL);

  gigya = carport_simulator_get_gigya_url (self);
  kamereon = carport_simulator_get_kamereon_url (self);
  env = g_environ_setenv (env, "CARPORT_RENAULT_GIGYA_URL", gigya, TRUE);
  env = g_environ_setenv (env, "CARPORT_RENAULT_KAMEREON_URL", kamereon, TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (nissan_env); i++)
    {
      g_autofree char *url = carport_simulator_get_nissan_url (self, nissan_env[i].host);

      env = g_environ_setenv (env, nissan_env[i].name, url, TRUE);
    }
  if (self->ca_file != NULL)
    env = g_environ_setenv (env, "CARPORT_NISSAN_CA_FILE", self->ca_file, TRUE);
  tiles = g_strdup_printf ("http://127.0.0.1:%u/tiles/{z}/{x}/{y}.png", self->port);
  env = g_environ_setenv (env, "CARPORT_MAP_TILE_URL", tiles, TRUE);
  geocoder = g_strdup_printf ("http://127.0.0.1:%u", self->port);
  env = g_environ_setenv (env, "CARPORT_GEOCODE_URL", geocoder, TRUE);
  return env;
}

/**
 * carport_simulator_dup_info_json:
 *
 * Returns: (transfer full): the one-line JSON of docs/ARCHITECTURE.md:
 *   {"env":{"CARPORT_RENAULT_GIGYA_URL":…,"CARPORT_NISSAN_AUTH_URL":…,…},
 *    "ca_file":…, "accounts":[{"brand","locale","email","password"},…]}
 */
char *
carport_simulator_dup_info_json (CarportSimulator *self)
{
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  JsonObject *info = json_object_new ();
  JsonObject *env = json_object_new ();
  JsonArray *accounts = json_array_new ();
  JsonObject *account = json_object_new ();
  g_auto(GStrv) environ_ = NULL;

  g_return_val_if_fail (CARPORT_IS_SIMULATOR (self), NULL);

  environ_ = carport_simulator_dup_environ (self);
  for (guint i = 0; environ_[i] != NULL; i++)
    {
      g_auto(GStrv) pair = g_strsplit (environ_[i], "=", 2);

      json_object_set_string_member (env, pair[0], pair[1]);
    }
  if (self->ca_file != NULL)
    json_object_set_string_member (info, "ca_file", self->ca_file);
  json_object_set_object_member (info, "env", env);
  json_object_set_string_member (account, "brand", "renault");
  json_object_set_string_member (account, "locale", self->account.locale);
  json_object_set_string_member (account, "email", self->account.email);
  json_object_set_string_member (account, "password", self->account.password);
  json_array_add_object_element (accounts, account);
  account = json_object_new ();
  json_object_set_string_member (account, "brand", "nissan");
  json_object_set_string_member (account, "locale", self->nissan_account.locale);
  json_object_set_string_member (account, "email", self->nissan_account.email);
  json_object_set_string_member (account, "password", self->nissan_account.password);
  json_array_add_object_element (accounts, account);
  json_object_set_array_member (info, "accounts", accounts);
  /* Requests received so far, this one included (benchmarks count with it). */
  json_object_set_int_member (info, "requests", self->request_count);
  json_object_set_int_member (info, "peak_in_flight", self->peak_deferred);
  {
    JsonObject *counts = json_object_new ();
    GHashTableIter iter;
    gpointer name, count;

    g_hash_table_iter_init (&iter, self->endpoint_requests);
    while (g_hash_table_iter_next (&iter, &name, &count))
      json_object_set_int_member (counts, name, GPOINTER_TO_UINT (count));
    json_object_set_object_member (info, "endpoint_requests", counts);
  }
  /* Each car's doors, locked or not, for the remote lock's tests. */
  {
    JsonObject *locked = json_object_new ();

    for (guint i = 0; i < self->cars->len; i++)
      json_object_set_boolean_member (locked, carport_sim_car_get_vin (self->cars->pdata[i]),
                                      carport_sim_car_get_locked (self->cars->pdata[i]));
    for (guint i = 0; i < self->nissan_cars->len; i++)
      json_object_set_boolean_member (locked, carport_sim_car_get_vin (self->nissan_cars->pdata[i]),
                                      carport_sim_car_get_locked (self->nissan_cars->pdata[i]));
    json_object_set_object_member (info, "locked", locked);
  }
  /* Each Renault's engine, running after a remote start or not. */
  {
    JsonObject *running = json_object_new ();

    for (guint i = 0; i < self->cars->len; i++)
      json_object_set_boolean_member (running, carport_sim_car_get_vin (self->cars->pdata[i]),
                                      carport_sim_car_get_engine_running (self->cars->pdata[i]));
    json_object_set_object_member (info, "engine_running", running);
  }
  /* The mailbox: the last code a Nissan's generate-device-otp "e-mailed". */
  if (carport_sim_nissan_get_last_device_otp (self->nissan) != NULL)
    json_object_set_string_member (info, "device_otp", carport_sim_nissan_get_last_device_otp (self->nissan));
  json_node_take_object (root, info);
  return _carport_sim_json_to_string (root);
}

const char *
carport_simulator_get_demo_email (CarportSimulator *self)
{
  g_return_val_if_fail (CARPORT_IS_SIMULATOR (self), NULL);

  return self->account.email;
}

const char *
carport_simulator_get_demo_password (CarportSimulator *self)
{
  g_return_val_if_fail (CARPORT_IS_SIMULATOR (self), NULL);

  return self->account.password;
}

const char *
carport_simulator_get_demo_locale (CarportSimulator *self)
{
  g_return_val_if_fail (CARPORT_IS_SIMULATOR (self), NULL);

  return self->account.locale;
}

const char *
carport_simulator_get_person_id (CarportSimulator *self)
{
  g_return_val_if_fail (CARPORT_IS_SIMULATOR (self), NULL);

  return self->person_id;
}

/**
 * carport_simulator_get_account_id:
 *
 * Returns: the MYRENAULT account that holds the cars (the person also has an
 *   SFDC account without cars)
 */
const char *
carport_simulator_get_account_id (CarportSimulator *self)
{
  g_return_val_if_fail (CARPORT_IS_SIMULATOR (self), NULL);

  return self->account_id;
}

void
carport_simulator_set_latency_ms (CarportSimulator *self,
                                  guint             ms)
{
  g_return_if_fail (CARPORT_IS_SIMULATOR (self));

  if (self->latency_ms == ms)
    return;
  self->latency_ms = ms;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LATENCY_MS]);
}

guint
carport_simulator_get_latency_ms (CarportSimulator *self)
{
  g_return_val_if_fail (CARPORT_IS_SIMULATOR (self), 0);

  return self->latency_ms;
}

void
carport_simulator_set_jwt_lifetime (CarportSimulator *self,
                                    guint             seconds)
{
  g_return_if_fail (CARPORT_IS_SIMULATOR (self));

  seconds = MAX (seconds, 1);
  if (carport_sim_gigya_get_jwt_lifetime (self->gigya) == seconds)
    return;
  carport_sim_gigya_set_jwt_lifetime (self->gigya, seconds);
  carport_sim_nissan_set_token_lifetime (self->nissan, seconds);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_JWT_LIFETIME]);
}

guint
carport_simulator_get_jwt_lifetime (CarportSimulator *self)
{
  g_return_val_if_fail (CARPORT_IS_SIMULATOR (self), 0);

  return carport_sim_gigya_get_jwt_lifetime (self->gigya);
}

void
carport_simulator_set_command_delay_ms (CarportSimulator *self,
                                        guint             ms)
{
  g_return_if_fail (CARPORT_IS_SIMULATOR (self));

  if (self->command_delay_ms == ms)
    return;
  self->command_delay_ms = ms;
  for (guint i = 0; i < self->cars->len; i++)
    carport_sim_car_set_command_delay_ms (g_ptr_array_index (self->cars, i), ms);
  for (guint i = 0; i < self->nissan_cars->len; i++)
    carport_sim_car_set_command_delay_ms (g_ptr_array_index (self->nissan_cars, i), ms);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMMAND_DELAY_MS]);
}

guint
carport_simulator_get_command_delay_ms (CarportSimulator *self)
{
  g_return_val_if_fail (CARPORT_IS_SIMULATOR (self), 0);

  return self->command_delay_ms;
}

void
carport_simulator_set_charge_rate (CarportSimulator *self,
                                   double            percent_per_second)
{
  g_return_if_fail (CARPORT_IS_SIMULATOR (self));

  percent_per_second = CLAMP (percent_per_second, 0.0, 100.0);
  if (self->charge_rate == percent_per_second)
    return;
  self->charge_rate = percent_per_second;
  for (guint i = 0; i < self->cars->len; i++)
    carport_sim_car_set_charge_rate (g_ptr_array_index (self->cars, i), percent_per_second);
  for (guint i = 0; i < self->nissan_cars->len; i++)
    carport_sim_car_set_charge_rate (g_ptr_array_index (self->nissan_cars, i), percent_per_second);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHARGE_RATE]);
}

double
carport_simulator_get_charge_rate (CarportSimulator *self)
{
  g_return_val_if_fail (CARPORT_IS_SIMULATOR (self), 0.0);

  return self->charge_rate;
}

/**
 * carport_simulator_add_fault:
 * @endpoint: "*", an endpoint name, or a path suffix (see the header)
 * @fault: what to do; copied
 */
void
carport_simulator_add_fault (CarportSimulator      *self,
                             const char            *endpoint,
                             const CarportSimFault *fault)
{
  g_return_if_fail (CARPORT_IS_SIMULATOR (self));
  g_return_if_fail (endpoint != NULL && *endpoint != '\0');
  g_return_if_fail (fault != NULL);

  g_ptr_array_add (self->faults, _carport_sim_fault_entry_new (endpoint, fault));
}

/**
 * carport_simulator_add_fault_from_string:
 * @spec: "ENDPOINT=KIND[:ARG…][:xN]", e.g. "battery-status=quota:x2",
 *   "cockpit=error:err.func.wired.forbidden", "location=delay:3000"
 *   (the syntax is in src/sim/README.md)
 */
gboolean
carport_simulator_add_fault_from_string (CarportSimulator  *self,
                                         const char        *spec,
                                         GError           **error)
{
  CarportSimFaultEntry *entry;

  g_return_val_if_fail (CARPORT_IS_SIMULATOR (self), FALSE);
  g_return_val_if_fail (spec != NULL, FALSE);

  entry = _carport_sim_fault_entry_parse (spec, error);
  if (entry == NULL)
    return FALSE;
  g_ptr_array_add (self->faults, entry);
  return TRUE;
}

void
carport_simulator_clear_faults (CarportSimulator *self)
{
  g_return_if_fail (CARPORT_IS_SIMULATOR (self));

  g_ptr_array_set_size (self->faults, 0);
}
