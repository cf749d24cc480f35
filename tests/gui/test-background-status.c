/* test-background-status.c — the Background portal's status text: its
 * wording, and that it reaches a portal (a stand-in on the private session
 * bus, offering the interface as xdg-desktop-portal does) only when the
 * portal takes a status and Carport runs in the background, following the
 * cars as they change.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "carport-background-status.h"
#include "gui-test-demo.h"
#include "gui-test-util.h"

#define WAIT_MS 10000

/* The status text, from cars made here. */
static CarportVehicle *
car (const char *vin, const char *plate, int level, CarportChargingState charging)
{
  CarportVehicle *vehicle = carport_vehicle_new (vin);

  carport_vehicle_set_registration (vehicle, plate);
  carport_battery_set_level_percent (carport_vehicle_get_battery (vehicle), level);
  carport_battery_set_charging (carport_vehicle_get_battery (vehicle), charging);
  return vehicle;
}

static void
test_format (void)
{
  g_autoptr(GListStore) cars = g_list_store_new (CARPORT_TYPE_VEHICLE);
  g_autoptr(CarportVehicle) zoe = car ("VF1AG000000000001", "FR-101-ZE", 50, CARPORT_CHARGING_STATE_NOT_CHARGING);
  g_autoptr(CarportVehicle) megane = car ("VF1RCB00000000002", "FR-203-MG", 62, CARPORT_CHARGING_STATE_CHARGING);
  g_autoptr(CarportVehicle) leaf = car ("SJNFAAZE000000003", "LE19 AFE", -1, CARPORT_CHARGING_STATE_CHARGING);
  g_autoptr(CarportVehicle) long_name = car ("VF1AG000000000004", NULL, 10, CARPORT_CHARGING_STATE_CHARGING);
  g_autofree char *text = NULL;
  g_autoptr(GString) name = g_string_new (NULL);

  g_assert_null (carport_background_status_format (G_LIST_MODEL (cars)));
  g_list_store_append (cars, zoe);
  text = carport_background_status_format (G_LIST_MODEL (cars));
  g_assert_cmpstr (text, ==, "Watching 1 car");
  g_clear_pointer (&text, g_free);

  g_list_store_append (cars, megane);
  text = carport_background_status_format (G_LIST_MODEL (cars));
  g_assert_cmpstr (text, ==, "Charging FR-203-MG: 62 %");
  g_clear_pointer (&text, g_free);

  g_list_store_append (cars, leaf);
  text = carport_background_status_format (G_LIST_MODEL (cars));
  g_assert_cmpstr (text, ==, "2 cars charging");
  g_clear_pointer (&text, g_free);

  /* No level known: the name alone; a long name is cut to the portal's 96. */
  g_list_store_remove (cars, 1);
  text = carport_background_status_format (G_LIST_MODEL (cars));
  g_assert_cmpstr (text, ==, "Charging LE19 AFE");
  g_clear_pointer (&text, g_free);
  for (int i = 0; i < 30; i++)
    g_string_append (name, "Carport ");
  carport_vehicle_set_registration (long_name, name->str);
  g_list_store_splice (cars, 0, g_list_model_get_n_items (G_LIST_MODEL (cars)), (gpointer *) &long_name, 1);
  text = carport_background_status_format (G_LIST_MODEL (cars));
  g_assert_cmpint (g_utf8_strlen (text, -1), ==, 96);
  g_assert_true (g_str_has_suffix (text, "…"));
}

/* The portal's stand-in. */
typedef struct {
  GDBusConnection *bus;
  guint            owner_id;
  guint            object_id;
  guint32          version;
  guint            version_reads;
  GPtrArray       *messages;  /* what SetStatus got */
} Portal;

static const char portal_xml[] =
  "<node><interface name='org.freedesktop.portal.Background'>"
  "  <method name='SetStatus'><arg type='a{sv}' name='options' direction='in'/></method>"
  "  <property name='version' type='u' access='read'/>"
  "</interface></node>";

static void
portal_method_cb (GDBusConnection *connection, const char *sender, const char *path, const char *iface,
                  const char *method, GVariant *parameters, GDBusMethodInvocation *invocation, gpointer data)
{
  Portal *portal = data;
  g_autoptr(GVariant) options = g_variant_get_child_value (parameters, 0);
  const char *message = NULL;

  g_assert_cmpstr (method, ==, "SetStatus");
  g_assert_cmpuint (portal->version, >=, 2);  /* never called on a portal without it */
  g_assert_true (g_variant_lookup (options, "message", "&s", &message));
  g_ptr_array_add (portal->messages, g_strdup (message));
  g_dbus_method_invocation_return_value (invocation, NULL);
}

static GVariant *
portal_get_property_cb (GDBusConnection *connection, const char *sender, const char *path, const char *iface,
                        const char *property, GError **error, gpointer data)
{
  ((Portal *) data)->version_reads++;
  return g_variant_new_uint32 (((Portal *) data)->version);
}

static const GDBusInterfaceVTable portal_vtable = { portal_method_cb, portal_get_property_cb, NULL, { 0 } };

static void
portal_start (Portal *portal, guint32 version)
{
  g_autofree char *address = g_dbus_address_get_for_bus_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr(GDBusNodeInfo) info = g_dbus_node_info_new_for_xml (portal_xml, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) owner = NULL;
  guint32 reply = 0;

  portal->version = version;
  portal->messages = g_ptr_array_new_with_free_func (g_free);
  portal->bus = g_dbus_connection_new_for_address_sync (address,
                                                        G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                        G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                        NULL, NULL, &error);
  g_assert_no_error (error);
  portal->object_id = g_dbus_connection_register_object (portal->bus, "/org/freedesktop/portal/desktop",
                                                         info->interfaces[0], &portal_vtable, portal, NULL, &error);
  g_assert_no_error (error);
  owner = g_dbus_connection_call_sync (portal->bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "RequestName",
                                       g_variant_new ("(su)", "org.freedesktop.portal.Desktop", 4 /* do not queue */),
                                       G_VARIANT_TYPE ("(u)"), G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);
  g_variant_get (owner, "(u)", &reply);
  g_assert_cmpuint (reply, ==, 1);  /* the primary owner */
}

static void
portal_stop (Portal *portal)
{
  g_dbus_connection_unregister_object (portal->bus, portal->object_id);
  g_dbus_connection_close_sync (portal->bus, NULL, NULL);
  g_clear_object (&portal->bus);
  g_clear_pointer (&portal->messages, g_ptr_array_unref);
}

typedef struct {
  Portal                  *portal;
  CarportBackgroundStatus *status;
  const char              *message;
} Wanted;

/* The portal got @message last, and the status knows it was taken. */
static gboolean
portal_got (gpointer data)
{
  Wanted *wanted = data;
  GPtrArray *messages = wanted->portal->messages;

  return messages->len > 0 && g_str_equal (g_ptr_array_index (messages, messages->len - 1), wanted->message) &&
         g_strcmp0 (carport_background_status_get_message (wanted->status), wanted->message) == 0;
}

static void
test_portal (DemoFixture *f, gconstpointer data)
{
  Portal portal = { 0 };
  g_autoptr(CarportBackgroundStatus) status = carport_background_status_new ();
  GListModel *vehicles = carport_session_get_vehicles (f->session);
  g_autofree char *expected = carport_background_status_format (vehicles);
  g_autoptr(CarportVehicle) first = g_list_model_get_item (vehicles, 0);
  g_autofree char *changed = NULL;
  Wanted wanted = { &portal, status, expected };

  portal_start (&portal, 2);

  /* Not in the background: nothing is said. */
  carport_background_status_set_session (status, f->session);
  gui_test_flush ();
  g_assert_cmpuint (portal.messages->len, ==, 0);

  /* In the background: the cars as they are. */
  carport_background_status_set_active (status, TRUE);
  g_assert_true (gui_test_wait_until (portal_got, &wanted, WAIT_MS));

  /* A car's charging changes: the text follows, once. */
  carport_battery_set_charging (carport_vehicle_get_battery (first),
                                carport_battery_get_charging (carport_vehicle_get_battery (first)) == CARPORT_CHARGING_STATE_CHARGING
                                ? CARPORT_CHARGING_STATE_NOT_CHARGING : CARPORT_CHARGING_STATE_CHARGING);
  changed = carport_background_status_format (vehicles);
  g_assert_cmpstr (changed, !=, expected);
  wanted.message = changed;
  g_assert_true (gui_test_wait_until (portal_got, &wanted, WAIT_MS));
  gui_test_flush ();
  g_assert_cmpuint (portal.messages->len, ==, 2);

  portal_stop (&portal);
}

static gboolean
version_read (gpointer data)
{
  return ((Portal *) data)->version_reads > 0;
}

/* A portal of interface version 1 has no SetStatus: nothing is sent (the
 * stand-in fails the test if it is called). */
static void
test_old_portal (DemoFixture *f, gconstpointer data)
{
  Portal portal = { 0 };
  g_autoptr(CarportBackgroundStatus) status = carport_background_status_new ();

  portal_start (&portal, 1);
  carport_background_status_set_session (status, f->session);
  carport_background_status_set_active (status, TRUE);
  g_assert_true (gui_test_wait_until (version_read, &portal, WAIT_MS));
  gui_test_flush ();
  g_assert_cmpuint (portal.messages->len, ==, 0);
  g_assert_null (carport_background_status_get_message (status));
  portal_stop (&portal);
}

int
main (int argc, char *argv[])
{
  gui_test_init (&argc, &argv);

  g_test_add_func ("/gui/background-status/format", test_format);
  g_test_add ("/gui/background-status/portal", DemoFixture, NULL, demo_fixture_set_up, test_portal,
              demo_fixture_tear_down);
  g_test_add ("/gui/background-status/old-portal", DemoFixture, NULL, demo_fixture_set_up, test_old_portal,
              demo_fixture_tear_down);

  return g_test_run ();
}
