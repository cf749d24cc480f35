/* carport-search-provider.c — the GNOME Shell search provider.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "carport-gui"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "carport-closures.h"
#include "carport-search-provider.h"
#include "carport-state-cache.h"

struct _CarportSearchProvider
{
  GObject parent_instance;

  GApplication      *application;  /* weak: it owns us */
  CarportSession    *session;      /* owned, nullable */
  CarportStateCache *cache;        /* owned, created when first read */
  GPtrArray         *cached;       /* CarportVehicle: the cache's cars, last read */
  GDBusConnection   *connection;   /* owned while registered */
  guint              registration;
};

G_DEFINE_FINAL_TYPE (CarportSearchProvider, carport_search_provider, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char introspection_xml[] =
  "<node>"
  "  <interface name='org.gnome.Shell.SearchProvider2'>"
  "    <method name='GetInitialResultSet'>"
  "      <arg type='as' name='terms' direction='in'/>"
  "      <arg type='as' name='results' direction='out'/>"
  "    </method>"
  "    <method name='GetSubsearchResultSet'>"
  "      <arg type='as' name='previous_results' direction='in'/>"
  "      <arg type='as' name='terms' direction='in'/>"
  "      <arg type='as' name='results' direction='out'/>"
  "    </method>"
  "    <method name='GetResultMetas'>"
  "      <arg type='as' name='identifiers' direction='in'/>"
  "      <arg type='aa{sv}' name='metas' direction='out'/>"
  "    </method>"
  "    <method name='ActivateResult'>"
  "      <arg type='s' name='identifier' direction='in'/>"
  "      <arg type='as' name='terms' direction='in'/>"
  "      <arg type='u' name='timestamp' direction='in'/>"
  "    </method>"
  "    <method name='LaunchSearch'>"
  "      <arg type='as' name='terms' direction='in'/>"
  "      <arg type='u' name='timestamp' direction='in'/>"
  "    </method>"
  "  </interface>"
  "</node>";

/* The cars to search: the session's while it has any, else the cache's. */
static GPtrArray *
dup_vehicles (CarportSearchProvider *self)
{
  GPtrArray *vehicles = g_ptr_array_new_with_free_func (g_object_unref);
  GListModel *model = self->session ? carport_session_get_vehicles (self->session) : NULL;
  guint n = model ? g_list_model_get_n_items (model) : 0;

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (vehicles, g_list_model_get_item (model, i));
  if (n == 0 && self->cached)
    for (guint i = 0; i < self->cached->len; i++)
      g_ptr_array_add (vehicles, g_object_ref (g_ptr_array_index (self->cached, i)));
  return vehicles;
}

static CarportVehicle *
find_vehicle (GPtrArray *vehicles, const char *vin)
{
  for (guint i = 0; i < vehicles->len; i++)
    if (g_strcmp0 (carport_vehicle_get_vin (g_ptr_array_index (vehicles, i)), vin) == 0)
      return g_ptr_array_index (vehicles, i);
  return NULL;
}

/* Every term is in the car's name, plate, make and model or VIN (case and
 * accents aside, as the Shell's own searches do). */
static gboolean
vehicle_matches (CarportVehicle *vehicle, const char * const *terms)
{
  g_autofree char *model = carport_closures_format_model (carport_vehicle_get_brand (vehicle),
                                                          carport_vehicle_get_model_name (vehicle));
  g_autofree char *text = g_strjoin (" ",
                                     carport_vehicle_get_display_name (vehicle) ? carport_vehicle_get_display_name (vehicle) : "",
                                     carport_vehicle_get_registration (vehicle) ? carport_vehicle_get_registration (vehicle) : "",
                                     model,
                                     carport_vehicle_get_vin (vehicle),
                                     NULL);
  g_autofree char *folded = g_utf8_casefold (text, -1);
  g_autofree char *haystack = g_str_to_ascii (folded, NULL);

  if (terms[0] == NULL)
    return FALSE;
  for (guint i = 0; terms[i]; i++)
    {
      g_autofree char *term_folded = g_utf8_casefold (terms[i], -1);
      g_autofree char *term = g_str_to_ascii (term_folded, NULL);

      if (strstr (haystack, term) == NULL)
        return FALSE;
    }
  return TRUE;
}

static GVariant *
search (CarportSearchProvider *self, const char * const *terms, const char * const *within)
{
  g_autoptr(GPtrArray) vehicles = dup_vehicles (self);
  GVariantBuilder results;

  g_variant_builder_init (&results, G_VARIANT_TYPE ("as"));
  for (guint i = 0; i < vehicles->len; i++)
    {
      CarportVehicle *vehicle = g_ptr_array_index (vehicles, i);
      const char *vin = carport_vehicle_get_vin (vehicle);

      if ((within == NULL || g_strv_contains (within, vin)) && vehicle_matches (vehicle, terms))
        g_variant_builder_add (&results, "s", vin);
    }
  return g_variant_new ("(as)", &results);
}

/* "Renault Megane E-Tech · 71 % · 320 km", from the last known state. */
static char *
describe (CarportVehicle *vehicle)
{
  CarportBattery *battery = carport_vehicle_get_battery (vehicle);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *model = carport_closures_format_model (carport_vehicle_get_brand (vehicle),
                                                          carport_vehicle_get_model_name (vehicle));
  int level = carport_battery_get_level_percent (battery);
  double range = carport_battery_get_range_km (battery);

  g_string_append (text, model);
  if (level >= 0)
    {
      g_autofree char *percent = carport_format_percent (level);

      /* Translators: a separator between the parts of a search result's description */
      g_string_append_printf (text, "%s%s", text->len ? _(" · ") : "", percent);
    }
  if (!isnan (range))
    {
      g_autofree char *distance = carport_format_distance (range, carport_distance_unit_for_locale (NULL));

      g_string_append_printf (text, "%s%s", text->len ? _(" · ") : "", distance);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static GVariant *
result_metas (CarportSearchProvider *self, const char * const *ids)
{
  g_autoptr(GPtrArray) vehicles = dup_vehicles (self);
  g_autoptr(GIcon) icon = g_themed_icon_new (APP_ID);
  GVariantBuilder metas;

  g_variant_builder_init (&metas, G_VARIANT_TYPE ("aa{sv}"));
  for (guint i = 0; ids[i]; i++)
    {
      CarportVehicle *vehicle = find_vehicle (vehicles, ids[i]);
      g_autofree char *description = NULL;
      GVariantBuilder meta;

      if (vehicle == NULL)
        continue;
      description = describe (vehicle);
      g_variant_builder_init (&meta, G_VARIANT_TYPE_VARDICT);
      g_variant_builder_add (&meta, "{sv}", "id", g_variant_new_string (ids[i]));
      g_variant_builder_add (&meta, "{sv}", "name", g_variant_new_string (carport_vehicle_get_display_name (vehicle)));
      g_variant_builder_add (&meta, "{sv}", "description", g_variant_new_string (description));
      g_variant_builder_add (&meta, "{sv}", "icon", g_icon_serialize (icon));
      g_variant_builder_add_value (&metas, g_variant_builder_end (&meta));
    }
  return g_variant_new ("(aa{sv})", &metas);
}

/* A search needs the cars: the cache is read first when the session has
 * none (a start by the Shell, for a search only). */
typedef struct {
  CarportSearchProvider *self;
  GDBusMethodInvocation *invocation;
  char                 **terms;
  char                 **within;
} PendingSearch;

static void
pending_search_free (PendingSearch *pending)
{
  g_object_unref (pending->self);
  g_object_unref (pending->invocation);
  g_strfreev (pending->terms);
  g_strfreev (pending->within);
  g_free (pending);
}

static void
cache_loaded_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  PendingSearch *pending = user_data;
  CarportSearchProvider *self = pending->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) vehicles = carport_state_cache_load_finish (CARPORT_STATE_CACHE (source), result, &error);

  if (vehicles == NULL)
    g_debug ("No cars for the search: %s", error->message);
  else
    {
      g_clear_pointer (&self->cached, g_ptr_array_unref);
      self->cached = g_steal_pointer (&vehicles);
    }
  g_dbus_method_invocation_return_value (pending->invocation,
                                         search (self, (const char * const *) pending->terms,
                                                 (const char * const *) pending->within));
  g_application_release (self->application);
  pending_search_free (pending);
}

static void
start_search (CarportSearchProvider *self, GDBusMethodInvocation *invocation, char **terms, char **within)
{
  GListModel *model = self->session ? carport_session_get_vehicles (self->session) : NULL;
  PendingSearch *pending;

  if ((model && g_list_model_get_n_items (model) > 0) || self->cached)
    {
      g_dbus_method_invocation_return_value (invocation, search (self, (const char * const *) terms,
                                                                 (const char * const *) within));
      g_strfreev (terms);
      g_strfreev (within);
      return;
    }

  if (self->cache == NULL)
    self->cache = carport_state_cache_new ();
  pending = g_new0 (PendingSearch, 1);
  pending->self = g_object_ref (self);
  pending->invocation = g_object_ref (invocation);
  pending->terms = terms;
  pending->within = within;
  /* A start for a search only: the app stays while it reads. */
  g_application_hold (self->application);
  carport_state_cache_load_async (self->cache, NULL, NULL, cache_loaded_cb, pending);
}

static void
method_call_cb (GDBusConnection       *connection,
                const char            *sender,
                const char            *object_path,
                const char            *interface_name,
                const char            *method_name,
                GVariant              *parameters,
                GDBusMethodInvocation *invocation,
                gpointer               user_data)
{
  CarportSearchProvider *self = CARPORT_SEARCH_PROVIDER (user_data);

  /* Each call counts as use: a start for searching ends a while after the
   * last one (releasing restarts the inactivity timeout). */
  g_application_hold (self->application);

  if (g_str_equal (method_name, "GetInitialResultSet"))
    {
      char **terms = NULL;

      g_variant_get (parameters, "(^as)", &terms);
      start_search (self, invocation, terms, NULL);
    }
  else if (g_str_equal (method_name, "GetSubsearchResultSet"))
    {
      char **previous = NULL;
      char **terms = NULL;

      g_variant_get (parameters, "(^as^as)", &previous, &terms);
      start_search (self, invocation, terms, previous);
    }
  else if (g_str_equal (method_name, "GetResultMetas"))
    {
      g_autofree const char **ids = NULL;

      g_variant_get (parameters, "(^a&s)", &ids);
      g_dbus_method_invocation_return_value (invocation, result_metas (self, ids));
    }
  else if (g_str_equal (method_name, "ActivateResult"))
    {
      const char *vin = NULL;

      g_variant_get (parameters, "(&s@asu)", &vin, NULL, NULL);
      g_action_group_activate_action (G_ACTION_GROUP (self->application), "show-vehicle",
                                      g_variant_new_string (vin));
      g_dbus_method_invocation_return_value (invocation, NULL);
    }
  else if (g_str_equal (method_name, "LaunchSearch"))
    {
      g_application_activate (self->application);
      g_dbus_method_invocation_return_value (invocation, NULL);
    }
  else
    g_dbus_method_invocation_return_error (invocation, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_METHOD,
                                           "No method %s", method_name);
  g_application_release (self->application);
}

static const GDBusInterfaceVTable vtable = { method_call_cb, NULL, NULL, { 0 } };

gboolean
carport_search_provider_register (CarportSearchProvider  *self,
                                  GDBusConnection        *connection,
                                  const char             *object_path,
                                  GError                **error)
{
  g_autoptr(GDBusNodeInfo) info = NULL;

  g_return_val_if_fail (CARPORT_IS_SEARCH_PROVIDER (self), FALSE);
  g_return_val_if_fail (G_IS_DBUS_CONNECTION (connection), FALSE);
  g_return_val_if_fail (self->registration == 0, FALSE);

  info = g_dbus_node_info_new_for_xml (introspection_xml, error);
  if (info == NULL)
    return FALSE;
  self->registration = g_dbus_connection_register_object (connection, object_path, info->interfaces[0],
                                                          &vtable, self, NULL, error);
  if (self->registration == 0)
    return FALSE;
  self->connection = g_object_ref (connection);
  return TRUE;
}

void
carport_search_provider_unregister (CarportSearchProvider *self)
{
  g_return_if_fail (CARPORT_IS_SEARCH_PROVIDER (self));

  if (self->registration != 0)
    g_dbus_connection_unregister_object (self->connection, self->registration);
  self->registration = 0;
  g_clear_object (&self->connection);
}

void
carport_search_provider_set_session (CarportSearchProvider *self,
                                     CarportSession        *session)
{
  g_return_if_fail (CARPORT_IS_SEARCH_PROVIDER (self));
  g_return_if_fail (session == NULL || CARPORT_IS_SESSION (session));

  if (g_set_object (&self->session, session))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

static void
carport_search_provider_dispose (GObject *object)
{
  CarportSearchProvider *self = CARPORT_SEARCH_PROVIDER (object);

  carport_search_provider_unregister (self);
  g_clear_object (&self->session);
  g_clear_object (&self->cache);
  g_clear_pointer (&self->cached, g_ptr_array_unref);

  G_OBJECT_CLASS (carport_search_provider_parent_class)->dispose (object);
}

static void
carport_search_provider_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  CarportSearchProvider *self = CARPORT_SEARCH_PROVIDER (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carport_search_provider_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  CarportSearchProvider *self = CARPORT_SEARCH_PROVIDER (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      carport_search_provider_set_session (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carport_search_provider_class_init (CarportSearchProviderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = carport_search_provider_dispose;
  object_class->get_property = carport_search_provider_get_property;
  object_class->set_property = carport_search_provider_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, CARPORT_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
carport_search_provider_init (CarportSearchProvider *self)
{
}

CarportSearchProvider *
carport_search_provider_new (GApplication *application)
{
  CarportSearchProvider *self;

  g_return_val_if_fail (G_IS_APPLICATION (application), NULL);

  self = g_object_new (CARPORT_TYPE_SEARCH_PROVIDER, NULL);
  self->application = application;
  return self;
}
