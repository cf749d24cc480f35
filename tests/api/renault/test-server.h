/* test-server.h — an in-process Gigya + Kamereon stand-in for the client tests.
 *
 * Canned answers written from docs/api-renault.md, served over real HTTP on
 * 127.0.0.1. Gigya lives under /gigya, Kamereon under /kamereon. */
#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

#define TS_EMAIL        "driver@example.com"
#define TS_PASSWORD     "s3cret-Passw0rd"
#define TS_PERSON_ID    "person-1"
#define TS_TFA_CODE     "123456"

typedef struct {
  guint   status;
  GBytes *body;          /* nullable */
  char   *content_type;  /* nullable: application/json */
  int     delay_ms;      /* 0: at once; -1: never answer */
  gboolean chunked;      /* send the body in chunks without Content-Length */
} TsRoute;

typedef struct {
  char   *method;
  char   *path;
  char   *query;         /* nullable */
  GBytes *body;          /* nullable */
  char   *content_type;  /* nullable */
  char   *token;         /* x-gigya-id_token, nullable */
} TsRequest;

typedef struct {
  SoupServer  *server;
  char        *base;           /* http://127.0.0.1:PORT */
  char        *gigya_url;      /* base + /gigya */
  char        *kamereon_url;   /* base + /kamereon */
  char        *gigya_key;
  char        *kamereon_key;

  GHashTable  *routes;         /* "METHOD /path" → TsRoute */
  GHashTable  *hits;           /* "/path" → count */
  GPtrArray   *requests;       /* TsRequest, in arrival order */
  GPtrArray   *held;           /* SoupServerMessage never answered */
  guint        in_flight;
  guint        max_in_flight;

  /* Gigya */
  gboolean     tfa;            /* the account asks for a second factor */
  gboolean     tfa_finalized;
  gboolean     tfa_code_sent;
  const char  *gigya_bare;     /* this Gigya method answers a bare success, without its data */
  int          jwt_lifetime;   /* seconds, default 900 */
  int          jwt_error;      /* Gigya error code for getJWT, 0 = none */
  guint        serial;
  char        *login_token;    /* the valid one */
  GHashTable  *valid_jwts;     /* set */
  guint        n_login;
  guint        n_account_info;
  guint        n_jwt;

  /* Kamereon */
  gboolean     reject_always;  /* every Kamereon call: 401 */
  gboolean     reject_with_code; /* answer err.func.wired.unauthorized (403) instead of a bare 401 */
} TestServer;

TestServer *test_server_new        (void);
void        test_server_free       (TestServer *ts);

/* Answers @method @path (path below /kamereon, e.g. "/commerce/v1/…"). */
void        test_server_route      (TestServer *ts,
                                    const char *method,
                                    const char *path,
                                    guint       status,
                                    const char *body,
                                    int         delay_ms);
void        test_server_route_bytes (TestServer *ts,
                                     const char *method,
                                     const char *path,
                                     guint       status,
                                     GBytes     *body,
                                     const char *content_type,
                                     int         delay_ms,
                                     gboolean    chunked);
guint       test_server_hits       (TestServer *ts,
                                    const char *path);
/* The last request to @path (below /kamereon or /gigya as given), or NULL. */
TsRequest  *test_server_last       (TestServer *ts,
                                    const char *method,
                                    const char *full_path);
/* Makes every JWT minted so far invalid for Kamereon. */
void        test_server_revoke_jwts (TestServer *ts);
/* A JWT whose payload is {"exp": @exp} (unsigned). */
char       *test_make_jwt          (gint64 exp, guint serial);

G_END_DECLS
