/* sim-test-util.h — drive an in-process CarportSimulator with a plain SoupSession
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "carport-test-loop.h"
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "carport-simulator.h"

G_BEGIN_DECLS

#define SIM_GIGYA_KEY    "3_VgdkgtIRH3AdHvJm-cjV2ug2EFE0lxt0IJzMC4MFqZjFpn_GYFXVdNZ19L7wZX0N"
#define SIM_KAMEREON_KEY "YjkKtHmGfaceeuExUDKGxrLZGGvtVS0J"

#define VIN_ZOE1   "VF1X101VE00000001"
#define VIN_ZOE2   "VF1X102VE00000002"
#define VIN_MEGANE "VF1XCB1VE00000003"
#define VIN_SPRING "UU1XBG1VE00000004"
#define VIN_R5     "VF1R5E1VE00000005"
#define VIN_CAPTUR "VF1XJB1SU00000006"

typedef struct {
  guint               status;
  char               *content_type;
  GBytes             *body;
  JsonNode           *json;      /* NULL when the body is not JSON */
  SoupMessageHeaders *headers;
} SimResponse;

typedef struct {
  CarportSimulator *sim;
  SoupSession      *session;
  char             *gigya;
  char             *kamereon;
  char             *login_token;
  char             *jwt;
} SimFixture;

void         sim_fixture_setup          (SimFixture    *f,
                                         gconstpointer  data);
void         sim_fixture_teardown       (SimFixture    *f,
                                         gconstpointer  data);

SimResponse *sim_request                (SimFixture    *f,
                                         const char    *method,
                                         const char    *url,
                                         const char    *content_type,
                                         const char    *body,
                                         ...) G_GNUC_NULL_TERMINATED;
SimResponse *sim_gigya                  (SimFixture    *f,
                                         const char    *method,
                                         ...) G_GNUC_NULL_TERMINATED;
void         sim_login                  (SimFixture    *f);
SimResponse *sim_get                    (SimFixture    *f,
                                         const char    *path_format,
                                         ...) G_GNUC_PRINTF (2, 3);
SimResponse *sim_post                   (SimFixture    *f,
                                         const char    *body,
                                         const char    *path_format,
                                         ...) G_GNUC_PRINTF (3, 4);
char        *sim_car_path               (SimFixture    *f,
                                         const char    *vin,
                                         const char    *endpoint);

void         sim_response_free          (SimResponse   *r);
JsonObject  *sim_response_object        (SimResponse   *r);
JsonArray   *sim_response_array         (SimResponse   *r);
JsonObject  *sim_response_attributes    (SimResponse   *r);
const char  *sim_response_error_code    (SimResponse   *r);
const char  *sim_response_error_message (SimResponse   *r);
char        *sim_response_text          (SimResponse   *r);

const char  *sim_wait_command           (SimFixture    *f,
                                         const char    *notification_id,
                                         guint          timeout_ms);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SimResponse, sim_response_free)

G_END_DECLS
