/* carport-sim-nissan.h — the simulated Nissan hosts: OneID, bff-web, adapters (not public API)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

#define CARPORT_SIM_NISSAN_CLIENT_ID    "ZM3WK7ax1OtQKYQ8Qqzcv5VgiA8a"
#define CARPORT_SIM_NISSAN_REDIRECT_URI "com://wso2.service.nci"

#define CARPORT_TYPE_SIM_NISSAN (carport_sim_nissan_get_type ())

G_DECLARE_FINAL_TYPE (CarportSimNissan, carport_sim_nissan, CARPORT, SIM_NISSAN, GObject)

CarportSimNissan *carport_sim_nissan_new                (void);
void              carport_sim_nissan_set_account        (CarportSimNissan  *self,
                                                         const char        *email,
                                                         const char        *password);
const char       *carport_sim_nissan_get_user_id        (CarportSimNissan  *self);
void              carport_sim_nissan_set_base_url       (CarportSimNissan  *self,
                                                         const char        *base_url);
/* Where the cars' pictureURL point (the plain http port: a picture host is
 * not Nissan's API). */
void              carport_sim_nissan_set_picture_base_url (CarportSimNissan *self,
                                                         const char        *base_url);
void              carport_sim_nissan_set_cars           (CarportSimNissan  *self,
                                                         GPtrArray         *cars);
void              carport_sim_nissan_set_token_lifetime (CarportSimNissan  *self,
                                                         guint              seconds);
void              carport_sim_nissan_set_bad_password_form (CarportSimNissan *self,
                                                         gboolean           form);
void              carport_sim_nissan_set_interstitial   (CarportSimNissan  *self,
                                                         gboolean           interstitial);
void              carport_sim_nissan_set_rotate_refresh (CarportSimNissan  *self,
                                                         gboolean           rotate);
void              carport_sim_nissan_expire_access_tokens (CarportSimNissan *self);
/* Every authorization code, id token, OneID and Kamereon access and refresh
 * token handed out (char*), expired and revoked ones too. */
GPtrArray        *carport_sim_nissan_get_issued         (CarportSimNissan  *self);
void              carport_sim_nissan_revoke_refresh_tokens (CarportSimNissan *self);
/* The last 6-digit code generate-device-otp "e-mailed", and making every
 * code expire (remote lock, api-nissan.md §3.4). */
const char       *carport_sim_nissan_get_last_device_otp (CarportSimNissan *self);
void              carport_sim_nissan_expire_device_otps (CarportSimNissan *self);

gboolean          carport_sim_nissan_is_path            (const char        *path);
char             *carport_sim_nissan_endpoint_name      (const char        *path);
void              carport_sim_nissan_handle             (CarportSimNissan  *self,
                                                         SoupServerMessage *msg,
                                                         const char        *path,
                                                         GHashTable        *query);

G_END_DECLS
