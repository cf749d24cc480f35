/* carport-background-status.c — the Background portal's status text.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "carport-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "carport-background-status.h"

#define PORTAL_NAME "org.freedesktop.portal.Desktop"
#define PORTAL_PATH "/org/freedesktop/portal/desktop"
#define BACKGROUND_IFACE "org.freedesktop.portal.Background"
/* What the portal takes (its documentation). */
#define MAX_MESSAGE_CHARS 96

typedef enum {
  PORTAL_UNKNOWN,   /* not asked yet */
  PORTAL_ASKING,
  PORTAL_OFFERS,    /* SetStatus is there */
  PORTAL_ABSENT,    /* no portal, or one without SetStatus: nothing is sent */
} PortalSupport;

struct _CarportBackgroundStatus
{
  GObject parent_instance;

  CarportSession  *session;    /* owned, nullable */
  GPtrArray       *batteries;  /* CarportBattery, watched */
  GDBusConnection *bus;        /* owned once the portal is asked */
  GCancellable    *cancellable;
  char            *message;    /* as last sent, nullable */
  char            *wanted;     /* the text to send, nullable */
  PortalSupport    portal;
  gboolean         active;
  gboolean         sending;
  guint            update_id;
};

G_DEFINE_FINAL_TYPE (CarportBackgroundStatus, carport_background_status, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_ACTIVE,
  PROP_MESSAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

char *
carport_background_status_format (GListModel *vehicles)
{
  guint n = vehicles ? g_list_model_get_n_items (vehicles) : 0;
  g_autoptr(CarportVehicle) charging = NULL;
  guint n_charging = 0;
  g_autofree char *text = NULL;

  if (n == 0)
    return NULL;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CarportVehicle) vehicle = g_list_model_get_item (vehicles, i);

      if (carport_battery_get_charging (carport_vehicle_get_battery (vehicle)) == CARPORT_CHARGING_STATE_CHARGING)
        {
          n_charging++;
          if (charging == NULL)
            charging = g_steal_pointer (&vehicle);
        }
    }

  if (n_charging == 1)
    {
      int level = carport_battery_get_level_percent (carport_vehicle_get_battery (charging));
      g_autofree char *percent = level >= 0 ? carport_format_percent (level) : NULL;

      if (percent)
        /* Translators: the background status of a car charging: its name and level, "Charging Megane: 62 %" */
        text = g_strdup_printf (_("Charging %s: %s"), carport_vehicle_get_display_name (charging), percent);
      else
        /* Translators: the background status of a car charging, "Charging Megane" */
        text = g_strdup_printf (_("Charging %s"), carport_vehicle_get_display_name (charging));
    }
  else if (n_charging > 1)
    /* Translators: the background status when several cars charge */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u car charging", "%u cars charging", n_charging),
                            n_charging);
  else
    /* Translators: the background status when no car charges: how many cars Carport follows */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Watching %u car", "Watching %u cars", n), n);

  if (g_utf8_strlen (text, -1) > MAX_MESSAGE_CHARS)
    {
      g_autofree char *cut = g_utf8_substring (text, 0, MAX_MESSAGE_CHARS - 1);

      return g_strconcat (cut, "…", NULL);
    }
  return g_steal_pointer (&text);
}

static void send_wanted (CarportBackgroundStatus *self);

static void
set_status_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  CarportBackgroundStatus *self = CARPORT_BACKGROUND_STATUS (user_data);
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sent = g_object_steal_data (G_OBJECT (self), "sending-message");

  self->sending = FALSE;
  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);
  if (reply == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("The Background portal did not take the status: %s", error->message);
    }
  else if (g_strcmp0 (self->message, sent) != 0)
    {
      g_free (self->message);
      self->message = g_steal_pointer (&sent);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MESSAGE]);
    }
  if (!g_cancellable_is_cancelled (self->cancellable))
    send_wanted (self);
  g_object_unref (self);
}

static void
version_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  CarportBackgroundStatus *self = CARPORT_BACKGROUND_STATUS (user_data);
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GVariant) version = NULL;
  g_autoptr(GError) error = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);
  if (reply)
    g_variant_get (reply, "(v)", &version);
  /* SetStatus came with version 2 of the interface. */
  if (version && g_variant_is_of_type (version, G_VARIANT_TYPE_UINT32) && g_variant_get_uint32 (version) >= 2)
    self->portal = PORTAL_OFFERS;
  else
    {
      g_debug ("No Background portal with a status: %s", error ? error->message : "version 1");
      self->portal = PORTAL_ABSENT;
    }
  if (!g_cancellable_is_cancelled (self->cancellable))
    send_wanted (self);
  g_object_unref (self);
}

static void
bus_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  CarportBackgroundStatus *self = CARPORT_BACKGROUND_STATUS (user_data);
  g_autoptr(GError) error = NULL;
  GDBusConnection *bus = g_bus_get_finish (result, &error);

  if (bus == NULL)
    {
      g_debug ("No session bus for the Background portal: %s", error->message);
      self->portal = PORTAL_ABSENT;
      g_object_unref (self);
      return;
    }
  self->bus = bus;
  g_dbus_connection_call (bus, PORTAL_NAME, PORTAL_PATH, "org.freedesktop.DBus.Properties", "Get",
                          g_variant_new ("(ss)", BACKGROUND_IFACE, "version"), G_VARIANT_TYPE ("(v)"),
                          G_DBUS_CALL_FLAGS_NONE, -1, self->cancellable, version_cb, self);
}

/* Sends the wanted text when it is not what the portal shows, one call at
 * a time; the portal is asked first whether it takes a status. */
static void
send_wanted (CarportBackgroundStatus *self)
{
  GVariantBuilder options;

  if (self->sending || self->wanted == NULL || g_strcmp0 (self->wanted, self->message) == 0)
    return;
  switch (self->portal)
    {
    case PORTAL_UNKNOWN:
      self->portal = PORTAL_ASKING;
      g_bus_get (G_BUS_TYPE_SESSION, self->cancellable, bus_cb, g_object_ref (self));
      return;
    case PORTAL_ASKING:
    case PORTAL_ABSENT:
      return;
    case PORTAL_OFFERS:
    default:
      break;
    }

  self->sending = TRUE;
  g_object_set_data_full (G_OBJECT (self), "sending-message", g_strdup (self->wanted), g_free);
  g_variant_builder_init (&options, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&options, "{sv}", "message", g_variant_new_string (self->wanted));
  g_dbus_connection_call (self->bus, PORTAL_NAME, PORTAL_PATH, BACKGROUND_IFACE, "SetStatus",
                          g_variant_new ("(a{sv})", &options), NULL, G_DBUS_CALL_FLAGS_NONE, -1,
                          self->cancellable, set_status_cb, g_object_ref (self));
}

static void
update_cb (gpointer user_data)
{
  CarportBackgroundStatus *self = CARPORT_BACKGROUND_STATUS (user_data);

  self->update_id = 0;
  g_free (self->wanted);
  self->wanted = self->active && self->session
                 ? carport_background_status_format (carport_session_get_vehicles (self->session))
                 : NULL;
  send_wanted (self);
}

/* Many changes at once (a refresh of every car) give one update. */
static void
queue_update (CarportBackgroundStatus *self)
{
  if (self->update_id == 0)
    self->update_id = g_idle_add_once (update_cb, self);
}

static void
unwatch_batteries (CarportBackgroundStatus *self)
{
  for (guint i = 0; i < self->batteries->len; i++)
    g_signal_handlers_disconnect_by_data (g_ptr_array_index (self->batteries, i), self);
  g_ptr_array_set_size (self->batteries, 0);
}

/* Every car's battery, while active: its level and charging make the text. */
static void
watch_batteries (CarportBackgroundStatus *self)
{
  GListModel *vehicles = self->session ? carport_session_get_vehicles (self->session) : NULL;

  unwatch_batteries (self);
  for (guint i = 0; self->active && vehicles && i < g_list_model_get_n_items (vehicles); i++)
    {
      g_autoptr(CarportVehicle) vehicle = g_list_model_get_item (vehicles, i);
      CarportBattery *battery = carport_vehicle_get_battery (vehicle);

      g_signal_connect_swapped (battery, "notify", G_CALLBACK (queue_update), self);
      g_ptr_array_add (self->batteries, g_object_ref (battery));
    }
  queue_update (self);
}

void
carport_background_status_set_session (CarportBackgroundStatus *self, CarportSession *session)
{
  g_return_if_fail (CARPORT_IS_BACKGROUND_STATUS (self));
  g_return_if_fail (session == NULL || CARPORT_IS_SESSION (session));

  if (self->session)
    g_signal_handlers_disconnect_by_data (carport_session_get_vehicles (self->session), self);
  if (!g_set_object (&self->session, session))
    return;
  if (session)
    g_signal_connect_object (carport_session_get_vehicles (session), "items-changed",
                             G_CALLBACK (watch_batteries), self, G_CONNECT_SWAPPED);
  watch_batteries (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

void
carport_background_status_set_active (CarportBackgroundStatus *self, gboolean active)
{
  g_return_if_fail (CARPORT_IS_BACKGROUND_STATUS (self));

  active = !!active;
  if (self->active == active)
    return;
  self->active = active;
  watch_batteries (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVE]);
}

const char *
carport_background_status_get_message (CarportBackgroundStatus *self)
{
  g_return_val_if_fail (CARPORT_IS_BACKGROUND_STATUS (self), NULL);

  return self->message;
}

static void
carport_background_status_dispose (GObject *object)
{
  CarportBackgroundStatus *self = CARPORT_BACKGROUND_STATUS (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->update_id, g_source_remove);
  if (self->batteries)
    unwatch_batteries (self);
  if (self->session)
    g_signal_handlers_disconnect_by_data (carport_session_get_vehicles (self->session), self);
  g_clear_object (&self->session);
  g_clear_object (&self->bus);

  G_OBJECT_CLASS (carport_background_status_parent_class)->dispose (object);
}

static void
carport_background_status_finalize (GObject *object)
{
  CarportBackgroundStatus *self = CARPORT_BACKGROUND_STATUS (object);

  g_clear_pointer (&self->batteries, g_ptr_array_unref);
  g_clear_object (&self->cancellable);
  g_free (self->message);
  g_free (self->wanted);

  G_OBJECT_CLASS (carport_background_status_parent_class)->finalize (object);
}

static void
carport_background_status_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  CarportBackgroundStatus *self = CARPORT_BACKGROUND_STATUS (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_ACTIVE:
      g_value_set_boolean (value, self->active);
      break;
    case PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carport_background_status_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  CarportBackgroundStatus *self = CARPORT_BACKGROUND_STATUS (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      carport_background_status_set_session (self, g_value_get_object (value));
      break;
    case PROP_ACTIVE:
      carport_background_status_set_active (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carport_background_status_class_init (CarportBackgroundStatusClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = carport_background_status_dispose;
  object_class->finalize = carport_background_status_finalize;
  object_class->get_property = carport_background_status_get_property;
  object_class->set_property = carport_background_status_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, CARPORT_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ACTIVE] =
    g_param_spec_boolean ("active", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MESSAGE] =
    g_param_spec_string ("message", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
carport_background_status_init (CarportBackgroundStatus *self)
{
  self->batteries = g_ptr_array_new_with_free_func (g_object_unref);
  self->cancellable = g_cancellable_new ();
}

CarportBackgroundStatus *
carport_background_status_new (void)
{
  return g_object_new (CARPORT_TYPE_BACKGROUND_STATUS, NULL);
}
