/* carport-sim-nissan-lock.h — a Nissan's remote lock: devices, PIN, lock-unlock (not public API)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

#include "carport-sim-car.h"

G_BEGIN_DECLS

/* How long an e-mailed code is good for, and the devices a car takes. */
#define CARPORT_SIM_NISSAN_OTP_LIFETIME_US CARPORT_SIM_SECONDS (600)
#define CARPORT_SIM_NISSAN_MAX_DEVICES     10

typedef struct _CarportSimNissanDevices CarportSimNissanDevices;

CarportSimNissanDevices *_carport_sim_nissan_devices_new      (void);
void                     _carport_sim_nissan_devices_free     (CarportSimNissanDevices *self);
gboolean                 _carport_sim_nissan_devices_is_registered (CarportSimNissanDevices *self,
                                                               const char              *vin,
                                                               const char              *device_id);
/* The last code "e-mailed" (tests read it as a person reads the mail). */
const char              *_carport_sim_nissan_devices_get_last_otp (CarportSimNissanDevices *self);
/* Makes codes older than this expired (tests). */
void                     _carport_sim_nissan_devices_expire_otps (CarportSimNissanDevices *self);

/* bff-web v1/users/{id}/vehicles/{vin}/…: @rest is generate-device-otp,
 * register-device or devices/{deviceId}/registration-status; and DELETE
 * v1/vehicles/{vin}/devices/{deviceId} (@rest "devices/{deviceId}"). */
void                     _carport_sim_nissan_devices_handle   (CarportSimNissanDevices *self,
                                                               CarportSimCar           *car,
                                                               SoupServerMessage       *msg,
                                                               char                   **rest);

/* car-adapter v1/cars/{vin}/actions/@name when @name is srp-initiates,
 * srp-sets or lock-unlock (api-nissan.md §3.3–3.4): answered, TRUE; else
 * FALSE and nothing is sent. */
gboolean                 _carport_sim_nissan_lock_act         (CarportSimNissanDevices *self,
                                                               CarportSimCar           *car,
                                                               SoupServerMessage       *msg,
                                                               const char              *name,
                                                               const char              *user_id,
                                                               gint64                   now);

G_END_DECLS
