/* carport-notifier.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "carport-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "carport-closures.h"
#include "carport-core-enum-types.h"
#include "carport-notifier.h"
#include "carport-window.h"

struct _CarportNotifier
{
  GObject         parent_instance;

  /* Borrowed: the application owns the notifier */
  GtkApplication *application;

  /* Owned */
  CarportSession *session;
  GSettings      *settings;
  GHashTable     *sent;          /* id → VIN of the notifications not withdrawn */
};

G_DEFINE_FINAL_TYPE (CarportNotifier, carport_notifier, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_APPLICATION,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GQuark watched_quark;

char *
carport_notifier_dup_id (CarportSessionEvent  event,
                         const char          *vin,
                         CarportCommandKind   kind)
{
  switch (event)
    {
    case CARPORT_SESSION_EVENT_COMMAND_FINISHED:
      return g_strdup_printf ("command-%s-%s", carport_enum_to_nick (CARPORT_TYPE_COMMAND_KIND, kind), vin);
    case CARPORT_SESSION_EVENT_CHARGE_COMPLETE:
      return g_strdup_printf ("charge-complete-%s", vin);
    case CARPORT_SESSION_EVENT_CHARGE_STOPPED:
      return g_strdup_printf ("charge-stopped-%s", vin);
    default:
      g_return_val_if_reached (NULL);
    }
}

static CarportWindow *
find_window (CarportNotifier *self)
{
  for (GList *l = gtk_application_get_windows (self->application); l; l = l->next)
    if (CARPORT_IS_WINDOW (l->data))
      return l->data;
  return NULL;
}

/* The user has the window in front of them: a toast says it there. */
static CarportWindow *
window_in_front (CarportNotifier *self)
{
  CarportWindow *window = find_window (self);

  if (window && gtk_widget_get_visible (GTK_WIDGET (window)) && gtk_window_is_active (GTK_WINDOW (window)))
    return window;
  return NULL;
}

static void
send (CarportNotifier *self,
      const char      *id,
      const char      *vin,
      GNotification   *notification)
{
  g_application_send_notification (G_APPLICATION (self->application), id, notification);
  g_hash_table_replace (self->sent, g_strdup (id), g_strdup (vin));
}

static void
withdraw (CarportNotifier *self,
          const char      *id)
{
  if (g_hash_table_remove (self->sent, id))
    g_application_withdraw_notification (G_APPLICATION (self->application), id);
}

static GNotification *
new_notification (const char *title,
                  const char *body,
                  const char *vin)
{
  GNotification *notification = g_notification_new (title);
  g_autoptr(GIcon) icon = g_themed_icon_new (APP_ID);

  g_notification_set_body (notification, body);
  g_notification_set_icon (notification, icon);
  /* Clicking it shows the car; no button repeats that. */
  g_notification_set_default_action_and_target (notification, "app.show-vehicle", "s", vin);
  return notification;
}

/* @report_error: the car did it, but what it was asked to report could not
 * be read (a Locate whose location read failed). */
static void
notify_command (CarportNotifier *self,
                CarportVehicle  *vehicle,
                CarportCommand  *command,
                const GError    *report_error)
{
  const char *vin = carport_vehicle_get_vin (vehicle);
  const char *name = carport_vehicle_get_display_name (vehicle);
  CarportCommandKind kind = carport_command_get_kind (command);
  gboolean ok = carport_command_get_state (command) == CARPORT_COMMAND_STATE_COMPLETED && report_error == NULL;
  const char *why = report_error ? report_error->message : carport_command_get_message (command);
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *id = carport_notifier_dup_id (CARPORT_SESSION_EVENT_COMMAND_FINISHED, vin, kind);
  g_autofree char *headline = report_error ? g_strdup (carport_closures_command_outcome (kind, FALSE))
                                           : carport_closures_command_headline (command);
  g_autofree char *body = NULL;

  /* In front, the vehicle page's toast tells the result. */
  if (window_in_front (self) || !g_settings_get_boolean (self->settings, "notify-commands"))
    return;

  if (!ok && why)
    /* Translators: the car's name and why a command failed */
    body = g_strdup_printf (_("%s: %s"), name, why);
  else
    body = g_strdup (name);

  notification = new_notification (headline, body, vin);
  if (!ok)
    g_notification_set_priority (notification, G_NOTIFICATION_PRIORITY_HIGH);
  if (ok && kind == CARPORT_COMMAND_KIND_CHARGE_START &&
      carport_vehicle_supports_command (vehicle, CARPORT_COMMAND_KIND_CHARGE_STOP))
    g_notification_add_button_with_target (notification, _("Stop Charging"), "app.stop-charging", "s", vin);
  send (self, id, vin, notification);
}

typedef struct {
  CarportNotifier *self;
  CarportVehicle  *vehicle;
  CarportCommand  *command;
} ReportWait;

static void
report_wait_free (ReportWait *wait)
{
  g_clear_object (&wait->self);
  g_clear_object (&wait->vehicle);
  g_clear_object (&wait->command);
  g_free (wait);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReportWait, report_wait_free)

static void
report_read_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(ReportWait) wait = user_data;
  g_autoptr(GError) error = NULL;

  carport_session_await_report_finish (CARPORT_SESSION (object), result, &error);
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    notify_command (wait->self, wait->vehicle, wait->command, error);
}

/* A command that asks the car to report something (Locate) is told once
 * the read after it says whether that worked (the runner's check). */
static void
command_finished (CarportNotifier *self,
                  CarportVehicle  *vehicle,
                  CarportCommand  *command)
{
  ReportWait *wait;

  if (carport_command_get_state (command) != CARPORT_COMMAND_STATE_COMPLETED || self->session == NULL)
    {
      notify_command (self, vehicle, command, NULL);
      return;
    }

  wait = g_new0 (ReportWait, 1);
  wait->self = g_object_ref (self);
  wait->vehicle = g_object_ref (vehicle);
  wait->command = g_object_ref (command);
  carport_session_await_report_async (self->session, vehicle, command, NULL, report_read_cb, wait);
}

static void
charge_event (CarportNotifier     *self,
              CarportSessionEvent  event,
              CarportVehicle      *vehicle)
{
  const char *vin = carport_vehicle_get_vin (vehicle);
  const char *name = carport_vehicle_get_display_name (vehicle);
  int level = carport_battery_get_level_percent (carport_vehicle_get_battery (vehicle));
  g_autofree char *percent = carport_format_percent (level);
  g_autofree char *id = carport_notifier_dup_id (event, vin, 0);
  g_autofree char *other = carport_notifier_dup_id (event == CARPORT_SESSION_EVENT_CHARGE_COMPLETE
                                                    ? CARPORT_SESSION_EVENT_CHARGE_STOPPED
                                                    : CARPORT_SESSION_EVENT_CHARGE_COMPLETE, vin, 0);
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *body = NULL;
  const char *title;
  CarportWindow *window;

  /* A charge that completes makes "stopped" stale, and the other way round. */
  withdraw (self, other);
  if (!g_settings_get_boolean (self->settings, "notify-charging"))
    return;

  if (event == CARPORT_SESSION_EVENT_CHARGE_COMPLETE)
    {
      title = _("Charge complete");
      /* Translators: the car's name and its battery level, e.g. "FR-101-ZE is charged to 80 %." */
      body = level >= 0 ? g_strdup_printf (_("%s is charged to %s."), name, percent)
                        : g_strdup_printf (_("%s is charged."), name);
    }
  else
    {
      title = _("Charging stopped");
      /* Translators: the car's name and its battery level */
      body = level >= 0 ? g_strdup_printf (_("%s stopped charging at %s."), name, percent)
                        : g_strdup_printf (_("%s stopped charging."), name);
    }

  window = window_in_front (self);
  if (window)
    {
      g_autofree char *text = g_strdup_printf ("%s — %s", title, body);

      carport_window_add_toast (window, text);
      return;
    }

  notification = new_notification (title, body, vin);
  if (event == CARPORT_SESSION_EVENT_CHARGE_STOPPED)
    {
      /* Unplugged by someone, a power cut: worth a look, not worth
       * breaking through Do Not Disturb (what URGENT does). */
      g_notification_set_priority (notification, G_NOTIFICATION_PRIORITY_HIGH);
      if (carport_vehicle_supports_command (vehicle, CARPORT_COMMAND_KIND_CHARGE_START))
        /* Translators: a notification's button that starts charging again */
        g_notification_add_button_with_target (notification, C_("action", "Charge"), "app.start-charging", "s", vin);
    }
  send (self, id, vin, notification);
}

static void
session_event_cb (CarportNotifier     *self,
                  CarportSessionEvent  event,
                  CarportVehicle      *vehicle,
                  CarportCommand      *command,
                  CarportSession      *session)
{
  g_return_if_fail (CARPORT_IS_VEHICLE (vehicle));

  switch (event)
    {
    case CARPORT_SESSION_EVENT_COMMAND_FINISHED:
      if (command)
        command_finished (self, vehicle, command);
      break;
    case CARPORT_SESSION_EVENT_CHARGE_COMPLETE:
    case CARPORT_SESSION_EVENT_CHARGE_STOPPED:
      charge_event (self, event, vehicle);
      break;
    default:
      break;
    }
}

/* The car charges again: "complete" and "stopped" are stale. */
static void
charging_changed_cb (CarportNotifier *self,
                     GParamSpec      *pspec,
                     CarportBattery  *battery)
{
  CarportVehicle *vehicle = g_object_get_qdata (G_OBJECT (battery), watched_quark);
  const char *vin;
  g_autofree char *complete = NULL;
  g_autofree char *stopped = NULL;

  if (vehicle == NULL || carport_battery_get_charging (battery) != CARPORT_CHARGING_STATE_CHARGING)
    return;

  vin = carport_vehicle_get_vin (vehicle);
  complete = carport_notifier_dup_id (CARPORT_SESSION_EVENT_CHARGE_COMPLETE, vin, 0);
  stopped = carport_notifier_dup_id (CARPORT_SESSION_EVENT_CHARGE_STOPPED, vin, 0);
  withdraw (self, complete);
  withdraw (self, stopped);
}

static void
watch_vehicles (CarportNotifier *self)
{
  GListModel *vehicles = carport_session_get_vehicles (self->session);

  for (guint i = 0; i < g_list_model_get_n_items (vehicles); i++)
    {
      g_autoptr(CarportVehicle) vehicle = g_list_model_get_item (vehicles, i);
      CarportBattery *battery = carport_vehicle_get_battery (vehicle);

      if (g_object_get_qdata (G_OBJECT (battery), watched_quark) != NULL)
        continue;
      /* The battery lives as long as its vehicle: a borrowed pointer. */
      g_object_set_qdata (G_OBJECT (battery), watched_quark, vehicle);
      g_signal_connect_object (battery, "notify::charging", G_CALLBACK (charging_changed_cb),
                               self, G_CONNECT_SWAPPED);
    }
}

static void
unwatch_vehicles (CarportNotifier *self)
{
  GListModel *vehicles = carport_session_get_vehicles (self->session);

  for (guint i = 0; i < g_list_model_get_n_items (vehicles); i++)
    {
      g_autoptr(CarportVehicle) vehicle = g_list_model_get_item (vehicles, i);
      CarportBattery *battery = carport_vehicle_get_battery (vehicle);

      g_signal_handlers_disconnect_by_func (battery, charging_changed_cb, self);
      g_object_set_qdata (G_OBJECT (battery), watched_quark, NULL);
    }
}

void
carport_notifier_withdraw_vehicle (CarportNotifier *self,
                                   const char      *vin)
{
  GHashTableIter iter;
  gpointer id, owner;
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);

  g_return_if_fail (CARPORT_IS_NOTIFIER (self));

  g_hash_table_iter_init (&iter, self->sent);
  while (g_hash_table_iter_next (&iter, &id, &owner))
    if (g_strcmp0 (owner, vin) == 0)
      g_ptr_array_add (ids, g_strdup (id));
  for (guint i = 0; i < ids->len; i++)
    withdraw (self, g_ptr_array_index (ids, i));
}

void
carport_notifier_withdraw_all (CarportNotifier *self)
{
  GHashTableIter iter;
  gpointer id;

  g_return_if_fail (CARPORT_IS_NOTIFIER (self));

  g_hash_table_iter_init (&iter, self->sent);
  while (g_hash_table_iter_next (&iter, &id, NULL))
    {
      g_application_withdraw_notification (G_APPLICATION (self->application), id);
      g_hash_table_iter_remove (&iter);
    }
}

static void
carport_notifier_dispose (GObject *object)
{
  CarportNotifier *self = CARPORT_NOTIFIER (object);

  /* The notifications stay when the app goes: a click starts it again. */
  self->application = NULL;
  carport_notifier_set_session (self, NULL);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (carport_notifier_parent_class)->dispose (object);
}

static void
carport_notifier_finalize (GObject *object)
{
  CarportNotifier *self = CARPORT_NOTIFIER (object);

  g_clear_pointer (&self->sent, g_hash_table_unref);

  G_OBJECT_CLASS (carport_notifier_parent_class)->finalize (object);
}

static void
carport_notifier_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  CarportNotifier *self = CARPORT_NOTIFIER (object);

  switch (prop_id)
    {
    case PROP_APPLICATION:
      g_value_set_object (value, self->application);
      break;
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carport_notifier_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  CarportNotifier *self = CARPORT_NOTIFIER (object);

  switch (prop_id)
    {
    case PROP_APPLICATION:
      self->application = g_value_get_object (value);
      break;
    case PROP_SESSION:
      carport_notifier_set_session (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carport_notifier_class_init (CarportNotifierClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = carport_notifier_dispose;
  object_class->finalize = carport_notifier_finalize;
  object_class->get_property = carport_notifier_get_property;
  object_class->set_property = carport_notifier_set_property;

  properties[PROP_APPLICATION] =
    g_param_spec_object ("application", NULL, NULL, GTK_TYPE_APPLICATION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, CARPORT_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  watched_quark = g_quark_from_static_string ("carport-notifier-watched");
}

static void
carport_notifier_init (CarportNotifier *self)
{
  self->settings = g_settings_new ("io.github.carport.Carport");
  self->sent = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

CarportNotifier *
carport_notifier_new (GtkApplication *application)
{
  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);

  return g_object_new (CARPORT_TYPE_NOTIFIER, "application", application, NULL);
}

CarportSession *
carport_notifier_get_session (CarportNotifier *self)
{
  g_return_val_if_fail (CARPORT_IS_NOTIFIER (self), NULL);
  return self->session;
}

void
carport_notifier_set_session (CarportNotifier *self,
                              CarportSession  *session)
{
  g_return_if_fail (CARPORT_IS_NOTIFIER (self));
  g_return_if_fail (session == NULL || CARPORT_IS_SESSION (session));

  if (self->session == session)
    return;

  if (self->session)
    {
      g_signal_handlers_disconnect_by_data (self->session, self);
      g_signal_handlers_disconnect_by_data (carport_session_get_vehicles (self->session), self);
      unwatch_vehicles (self);
      /* The other account's (or the demo's) cars are gone. */
      if (self->application)
        carport_notifier_withdraw_all (self);
    }
  g_set_object (&self->session, session);
  if (session)
    {
      g_signal_connect_object (session, "event", G_CALLBACK (session_event_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (carport_session_get_vehicles (session), "items-changed",
                               G_CALLBACK (watch_vehicles), self, G_CONNECT_SWAPPED);
      watch_vehicles (self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}
