/* carport-charge-settings.h — Charge mode, charge limits and programmes (endpoints charge-mode, charging-settings, charge-schedule, ev/settings, ev/soc-levels, hvac-settings). */
#pragma once

#include <gio/gio.h>

#include "carport-enums.h"
#include "carport-state.h"

G_BEGIN_DECLS

#define CARPORT_TYPE_CHARGE_SETTINGS (carport_charge_settings_get_type ())
G_DECLARE_FINAL_TYPE (CarportChargeSettings, carport_charge_settings, CARPORT, CHARGE_SETTINGS, CarportState)

CarportChargeSettings *carport_charge_settings_new (void);

/* Properties: mode (CarportChargeMode), soc-min-percent, soc-target-percent
 * (int, -1 unknown), delayed-start (GDateTime, nullable: when a charge in
 * delayed mode starts; a read that reports the mode without one clears it),
 * schedules (GListModel of CarportSchedule, never NULL,
 * read-only; the charge and climate programmes), and CarportState\'s "updated". */
CarportChargeMode carport_charge_settings_get_mode               (CarportChargeSettings *self);
void              carport_charge_settings_set_mode               (CarportChargeSettings *self, CarportChargeMode value);
int               carport_charge_settings_get_soc_min_percent    (CarportChargeSettings *self);
void              carport_charge_settings_set_soc_min_percent    (CarportChargeSettings *self, int value);
int               carport_charge_settings_get_soc_target_percent (CarportChargeSettings *self);
void              carport_charge_settings_set_soc_target_percent (CarportChargeSettings *self, int value);
GDateTime        *carport_charge_settings_get_delayed_start      (CarportChargeSettings *self);
void              carport_charge_settings_set_delayed_start      (CarportChargeSettings *self, GDateTime *value);
GListModel       *carport_charge_settings_get_schedules          (CarportChargeSettings *self);
/* Replaces the programmes of @kind (charge, or climate) with @schedules
 * (a GPtrArray of CarportSchedule; NULL or empty clears them). */
void              carport_charge_settings_set_schedules          (CarportChargeSettings *self, gboolean climate, GPtrArray *schedules);

G_END_DECLS
