/* carport-sim-gigya.h — the simulated Gigya accounts server (not public API)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

#define CARPORT_TYPE_SIM_GIGYA (carport_sim_gigya_get_type ())

G_DECLARE_FINAL_TYPE (CarportSimGigya, carport_sim_gigya, CARPORT, SIM_GIGYA, GObject)

CarportSimGigya *carport_sim_gigya_new                 (void);
void             carport_sim_gigya_set_account         (CarportSimGigya   *self,
                                                        const char        *email,
                                                        const char        *password,
                                                        const char        *person_id);
const char      *carport_sim_gigya_get_uid             (CarportSimGigya   *self);
void             carport_sim_gigya_set_jwt_lifetime    (CarportSimGigya   *self,
                                                        guint              seconds);
guint            carport_sim_gigya_get_jwt_lifetime    (CarportSimGigya   *self);
void             carport_sim_gigya_set_require_tfa     (CarportSimGigya   *self,
                                                        gboolean           require);
void             carport_sim_gigya_set_key_rotated     (CarportSimGigya   *self,
                                                        gboolean           rotated);
const char      *carport_sim_gigya_get_last_tfa_code   (CarportSimGigya   *self);
void             carport_sim_gigya_expire_login_tokens (CarportSimGigya   *self);
/* Every login token and JWT handed out (char*), expired ones too. */
GPtrArray       *carport_sim_gigya_get_issued          (CarportSimGigya   *self);

gboolean         carport_sim_gigya_is_known_method     (const char        *method);
void             carport_sim_gigya_handle              (CarportSimGigya   *self,
                                                        SoupServerMessage *msg,
                                                        const char        *method);
char            *carport_sim_gigya_check_jwt           (CarportSimGigya   *self,
                                                        const char        *jwt);

G_END_DECLS
