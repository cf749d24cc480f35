/* nissan-test-server.h — an in-process OneID (WSO2) + Kamereon stand-in for
 * the Nissan client tests, written from docs/api-nissan.md and
 * docs/nissan-sim.md; plain HTTP on 127.0.0.1 (loopback is allowed http). */
#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

#define NTS_EMAIL     "owner@example.com"
#define NTS_PASSWORD  "Pa55-w0rd&more"
#define NTS_USER_ID   "user-1"

typedef enum {
  NTS_WRONG_PASSWORD_FORM,      /* 200 with the form again */
  NTS_WRONG_PASSWORD_REDIRECT,  /* 302 to login.do?authFailure=true, then the form */
} NtsWrongPasswordMode;

typedef struct {
  char   *method;
  char   *path;
  char   *query;           /* nullable */
  char   *body;            /* nullable, as text */
  char   *authorization;   /* nullable */
  char   *content_type;    /* nullable */
  char   *accept;          /* nullable */
  char   *cookie;          /* nullable */
  char   *origin;          /* nullable */
  char   *referer;         /* nullable */
} NtsRequest;

typedef struct {
  SoupServer  *server;
  char        *base;           /* http://127.0.0.1:PORT */
  GStrv        overrides;      /* CARPORT_NISSAN_*_URL=… for this server */

  GHashTable  *routes;         /* "METHOD /path" → "status\nbody" */
  GPtrArray   *requests;       /* NtsRequest */

  /* OneID */
  NtsWrongPasswordMode wrong_password_mode;
  gboolean     interstitial;   /* the login page has no form */
  gboolean     offsite;        /* authorize redirects to another origin */
  gboolean     bad_state;      /* the callback carries another state */
  gboolean     token_error;    /* oauth2/token answers an OAuth error */
  char        *state;
  char        *challenge;
  char        *code;
  char        *verifier_seen;  /* the code_verifier that came (to look for in logs) */
  char        *id_token;
  guint        serial;

  /* Kamereon */
  int          lifetime;       /* expires_in of access tokens, default 3600 */
  gboolean     rotate_refresh; /* refresh answers carry a new refresh token */
  gboolean     refuse_refresh; /* refresh answers 401 invalid_grant */
  char        *refresh_token;  /* the valid one */
  GHashTable  *valid_access;   /* set */
  guint        n_refresh;
  guint        n_exchange;
  guint        n_actions;
} NissanTestServer;

NissanTestServer *nissan_test_server_new      (void);
void              nissan_test_server_free     (NissanTestServer *ts);
/* Answers @method @path (e.g. "/ca/v1/cars/VIN/cockpit") with @status and
 * @body (a text, or "@name" for fixtures/name). */
void              nissan_test_server_route    (NissanTestServer *ts,
                                               const char       *method,
                                               const char       *path,
                                               guint             status,
                                               const char       *body);
/* Makes every access token handed out so far invalid. */
void              nissan_test_server_revoke   (NissanTestServer *ts);
/* How many requests came for @path (any method). */
guint             nissan_test_server_hits     (NissanTestServer *ts,
                                               const char       *path);
/* The last request for @path, or NULL. */
NtsRequest       *nissan_test_server_last     (NissanTestServer *ts,
                                               const char       *path);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NissanTestServer, nissan_test_server_free)

G_END_DECLS
