/* carport-nissan-client-private.h — what the Nissan client's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "carport-nissan-auth.h"
#include "carport-nissan-client.h"

G_BEGIN_DECLS

/* The root URL of @service (no trailing slash), NULL for an optional host
 * that is not configured. */
const char *_carport_nissan_client_root            (CarportNissanClient  *self,
                                                    CarportNissanService  service);

/* One Kamereon request: the token, "Accept: * / *", a JSON:API body (or the
 * JSON:API type named on a GET). */
void        _carport_nissan_client_request_async   (CarportNissanClient  *self,
                                                    const char           *method,
                                                    const char           *url,
                                                    GBytes               *body,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
JsonNode   *_carport_nissan_client_request_finish  (CarportNissanClient  *self,
                                                    GAsyncResult         *result,
                                                    GError              **error);

/* carport-nissan-lock.c: the remote lock's steps (api-nissan.md §3.4). */
void        _carport_nissan_client_device_async    (CarportVehicleClient *client,
                                                    CarportVehicle       *vehicle,
                                                    CarportDeviceStep     step,
                                                    const char           *device_id,
                                                    const char           *code,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
gboolean    _carport_nissan_client_device_finish   (CarportVehicleClient *client,
                                                    GAsyncResult         *result,
                                                    gboolean             *out_registered,
                                                    GError              **error);
/* For lock, unlock and PIN enrolment: the action (lock-unlock,
 * srp-initiates) and the body to POST, after srp-sets and its challenge for
 * lock and unlock. The command's PIN is wiped once used. Nothing is sent to
 * the car before the body. */
void        _carport_nissan_client_srp_body_async  (CarportNissanClient  *self,
                                                    CarportVehicle       *vehicle,
                                                    CarportCommand       *command,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
char       *_carport_nissan_client_srp_body_finish (CarportNissanClient  *self,
                                                    GAsyncResult         *result,
                                                    const char          **out_action,
                                                    GError              **error);

G_END_DECLS
