/* carport-account-charge.c — the charge monitor: an account's events when a
 * car's charge ends (complete) or stops without being asked to. */
#define G_LOG_DOMAIN "carport-service"

#include "config.h"

#include "carport-account-private.h"

static GQuark
previous_charging_quark (void)
{
  return g_quark_from_static_string ("carport-previous-charging");
}

static void
battery_charging_changed_cb (CarportBattery *battery,
                             GParamSpec     *pspec,
                             CarportVehicle *vehicle)
{
  CarportAccount *self = g_object_get_data (G_OBJECT (vehicle), "carport-account");
  CarportChargingState now = carport_battery_get_charging (battery);
  CarportChargingState before = GPOINTER_TO_INT (g_object_get_qdata (G_OBJECT (battery), previous_charging_quark ()));

  g_object_set_qdata (G_OBJECT (battery), previous_charging_quark (), GINT_TO_POINTER (now));
  if (!self || before != CARPORT_CHARGING_STATE_CHARGING || now == CARPORT_CHARGING_STATE_CHARGING ||
      now == CARPORT_CHARGING_STATE_NONE)
    return;

  if (now == CARPORT_CHARGING_STATE_ENDED || carport_battery_get_level_percent (battery) >= 100)
    g_signal_emit (self, carport_account_signals[CARPORT_ACCOUNT_SIGNAL_EVENT], 0, CARPORT_SESSION_EVENT_CHARGE_COMPLETE, vehicle, NULL);
  else if (!carport_account_get_command_in_flight (self, vehicle, CARPORT_COMMAND_KIND_CHARGE_STOP) &&
           !g_object_get_data (G_OBJECT (vehicle), "carport-stop-asked"))
    g_signal_emit (self, carport_account_signals[CARPORT_ACCOUNT_SIGNAL_EVENT], 0, CARPORT_SESSION_EVENT_CHARGE_STOPPED, vehicle, NULL);
  g_object_set_data (G_OBJECT (vehicle), "carport-stop-asked", NULL);
}

void
carport_account_watch_charging (CarportAccount *self,
                                CarportVehicle *vehicle)
{
  CarportBattery *battery = carport_vehicle_get_battery (vehicle);

  g_object_set_qdata (G_OBJECT (battery), previous_charging_quark (),
                      GINT_TO_POINTER (carport_battery_get_charging (battery)));
  g_signal_connect_object (battery, "notify::charging",
                           G_CALLBACK (battery_charging_changed_cb), vehicle, 0);
}
