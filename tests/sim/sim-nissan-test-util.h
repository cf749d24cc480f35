/* sim-nissan-test-util.h — the simulator's Nissan side driven over real
 * https on loopback: a SoupSession that trusts only the simulator's CA, the
 * OneID login with PKCE, and requests whose answers are kept whole. Shared
 * by test-sim-nissan.c and test-sim-nissan-devices.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "sim-test-util.h"

#define CLIENT_ID    "ZM3WK7ax1OtQKYQ8Qqzcv5VgiA8a"
#define REDIRECT_URI "com://wso2.service.nci"

#define VIN_LEAF    "SJNFAAZE1U0000001"
#define VIN_ARIYA   "SJNTAAFE0U0000002"
#define VIN_MICRA   "VNVMICRAE00000003"
#define VIN_QASHQAI "SJNFAAJ12U0000004"

typedef struct {
  CarportSimulator *sim;
  SoupSession      *session;
  char             *auth, *bff, *ua, *ca, *notif, *status;
  char             *access, *refresh;
} NFixture;

typedef struct {
  guint               status;
  SoupMessageHeaders *headers;
  char               *body;
  JsonNode           *json;
  GTlsCertificate    *peer;
} Resp;

typedef struct {
  char *verifier;
  char *challenge;
  char *state;
} Pkce;

void        nsim_resp_free         (Resp          *r);
void        nsim_fixture_setup     (NFixture      *f,
                                    gconstpointer  data);
void        nsim_fixture_teardown  (NFixture      *f,
                                    gconstpointer  data);
/* Extra headers as name, value pairs, then NULL; redirects are not followed. */
Resp       *nsim_req               (NFixture      *f,
                                    const char    *method,
                                    const char    *url,
                                    const char    *content_type,
                                    const char    *body,
                                    ...) G_GNUC_NULL_TERMINATED;
JsonObject *nsim_obj               (Resp          *r);
JsonObject *nsim_attrs             (Resp          *r);
const char *nsim_error_code        (Resp          *r);
void        nsim_pkce_init         (Pkce          *p);
void        nsim_pkce_clear        (Pkce          *p);
char       *nsim_authorize_url     (NFixture      *f,
                                    Pkce          *p);
char       *nsim_form_key          (const char    *html);
Resp       *nsim_post_login        (NFixture      *f,
                                    const char    *key,
                                    const char    *password);
void        nsim_fresh_jar         (NFixture      *f);
char       *nsim_start_login       (NFixture      *f,
                                    Pkce          *p);
char       *nsim_login_code        (NFixture      *f,
                                    Pkce          *p);
Resp       *nsim_token             (NFixture      *f,
                                    const char    *code,
                                    const char    *verifier);
/* Logs in through OneID with PKCE: f->access and f->refresh set. */
void        nsim_login             (NFixture      *f);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Resp, nsim_resp_free)
