/* carport-session-private.h — what the files of CarportSession share:
 * carport-session.c (accounts, cars, routing, properties),
 * carport-session-logins.c (restore, login, logout) and
 * carport-session-places.c (pictures, addresses, the map's tiles). */
#pragma once

#include "carport-session.h"
#include "carport-account.h"
#include "carport-credential-store.h"
#include "carport-state-cache.h"
#include "carport-history-store.h"
#include "carport-http.h"
#include "carport-brand.h"
#include "carport-reverse-geocoder.h"
#include "carport-vehicle-pictures.h"

G_BEGIN_DECLS

struct _CarportSession
{
  GObject parent_instance;

  /* Owned */
  CarportCredentialStore *store;
  CarportStateCache      *cache;          /* nullable */
  CarportHistoryStore    *history;        /* nullable: no history kept */
  GStrv                   service_roots;  /* nullable */
  CarportHttp            *http;           /* shared by the accounts */
  GListStore             *accounts;       /* CarportAccount */
  GListStore             *vehicles;       /* every account's cars, account by account */
  CarportAccount         *pending;        /* a login under way, not yet in @accounts */
  CarportVehiclePictures *pictures;
  CarportReverseGeocoder *geocoder;       /* NULL when CARPORT_GEOCODE_URL is unusable */
  gboolean                fetch_pictures;

  guint                   refresh_interval;
  guint                   refresh_source;
  guint                   command_timeout;
  guint                   poll_interval_ms;
  CarportSessionState     state;
  CarportLoginStep        login_step;
  gboolean                busy;
};

enum {
  PROP_0,
  PROP_STORE,
  PROP_CACHE,
  PROP_HISTORY,
  PROP_SERVICE_ROOTS,
  PROP_STATE,
  PROP_EMAIL,
  PROP_ACCOUNTS,
  PROP_VEHICLES,
  PROP_REFRESH_INTERVAL,
  PROP_COMMAND_TIMEOUT,
  PROP_POLL_INTERVAL,
  PROP_REQUEST_DEADLINE,
  PROP_BUSY,
  PROP_LOGIN_STEP,
  PROP_REVERSE_GEOCODING,
  PROP_FETCH_PICTURES,
  CARPORT_SESSION_N_PROPS
};
extern GParamSpec *carport_session_properties[CARPORT_SESSION_N_PROPS];

CarportAccount *carport_session_account_at     (CarportSession *self, guint position);
guint           carport_session_n_accounts     (CarportSession *self);
/* Recomputes state and busy from the accounts and the login under way. */
void            carport_session_update_state   (CarportSession *self);
/* A new account of this session (not yet listed). */
CarportAccount *carport_session_new_account    (CarportSession *self, const char *brand_id,
                                                const char *locale, const char *email);
/* Lists @account and its cars (once). */
void            carport_session_add_account    (CarportSession *self, CarportAccount *account);
/* Unlists @account and its cars. */
void            carport_session_remove_account (CarportSession *self, CarportAccount *account);
/* The login under way (NULL: none). */
void            carport_session_set_pending    (CarportSession *self, CarportAccount *account);
/* Starts the cars' pictures and addresses (carport-session-places.c), once
 * the service roots are known. */
void            carport_session_places_init    (CarportSession *self);

G_END_DECLS
