/* carport-account-private.h — what the files of CarportAccount share:
 * carport-account.c (login, keyring, cache, cars), carport-account-refresh.c
 * and carport-account-commands.c. Not for other users. */
#pragma once

#include "carport-account.h"
#include "carport-credential-store.h"
#include "carport-state-cache.h"
#include "carport-history-store.h"
#include "carport-http.h"
#include "carport-brand.h"

G_BEGIN_DECLS

struct _CarportAccount
{
  GObject parent_instance;

  /* Owned */
  CarportCredentialStore *store;
  CarportStateCache      *cache;          /* nullable */
  CarportHistoryStore    *history;        /* nullable: keeps no history */
  GStrv                   service_roots;  /* nullable "NAME=url" overrides */
  CarportHttp            *http;           /* shared with the session's other accounts */
  const CarportBrandInfo *info;           /* the registry's row */
  char                   *brand_id;
  char                   *owner;          /* "brand:email", the cache's key */
  CarportAuthProvider    *auth;           /* nullable until a login is known */
  CarportVehicleClient   *client;         /* nullable, as auth */
  GListStore             *vehicles;
  GPtrArray              *commands;       /* CarportCommand in flight */
  GCancellable           *cancellable;    /* background work; cancelled in dispose */
  char                   *locale;
  char                   *email;
  char                   *password;       /* only during a login that needs a code; wiped */
  char                   *saved_access;   /* the access token last put in the store; wiped */

  CarportSessionState     state;
  CarportLoginStep        login_step;
  guint                   command_timeout;
  guint                   poll_interval_ms;
  gint64                  quota_until;    /* monotonic µs; 0 = none */
  guint                   busy;
  guint                   pending_writes; /* store and cache writes under way */
  GPtrArray              *flush_waiters;  /* GTask waiting for pending_writes == 0 */
};

enum {
  CARPORT_ACCOUNT_SIGNAL_EVENT,
  CARPORT_ACCOUNT_N_SIGNALS
};
extern guint carport_account_signals[CARPORT_ACCOUNT_N_SIGNALS];

void     carport_account_set_state                   (CarportAccount *self, CarportSessionState state);
void     carport_account_busy_push                   (CarportAccount *self);
void     carport_account_busy_pop                    (CarportAccount *self);
/* carport-account-device.c: this computer's device id for @vehicle (remote
 * lock, Nissan). */
void     carport_account_dup_device_id_async         (CarportAccount *self, CarportVehicle *vehicle,
                                                      GCancellable *cancellable, GAsyncReadyCallback callback,
                                                      gpointer user_data);
char    *carport_account_dup_device_id_finish        (CarportAccount *self, GAsyncResult *result, GError **error);
/* Remembers what an error means for later requests (a quota: wait). */
void     carport_account_note_error                  (CarportAccount *self, const GError *error);
/* TRUE (with @error set, if given) while the servers asked to wait. */
gboolean carport_account_quota_blocked               (CarportAccount *self, GError **error);
/* Store and cache writes under way: carport_account_flush_async() waits for them. */
void     carport_account_write_started           (CarportAccount *self);
void     carport_account_write_done              (CarportAccount *self);
void     carport_account_save_vehicle                (CarportAccount *self, CarportVehicle *vehicle);
/* After a refresh: a newly minted access token is kept for the next start. */
void     carport_account_save_credentials_if_renewed (CarportAccount *self);
/* What a finished refresh of @vehicle means: saved, or its error shown. */
void     carport_account_vehicle_refreshed           (CarportAccount *self, CarportVehicle *vehicle,
                                                      const GError *error);

/* Emits CHARGE_COMPLETE or CHARGE_STOPPED when @vehicle's charge ends. */
void     carport_account_watch_charging              (CarportAccount *self, CarportVehicle *vehicle);

/* carport-account-pins.c: after an SRP-guarded command ended, TRUE when its
 * PIN is to be kept in the keyring (the car took a PIN to remember) or
 * forgotten there (refused, or a new PIN set without "remember"); settle
 * does it (@typed_pin: the PIN to keep, copied before the command wiped it)
 * and never fails: a keyring failure, or a refused PIN forgotten, is said
 * in the command's message. */
gboolean carport_account_pin_needs_settling          (CarportCommand *command);
void     carport_account_settle_pin_async            (CarportAccount *self, CarportCommand *command,
                                                      const char *typed_pin, GAsyncReadyCallback callback,
                                                      gpointer user_data);

G_END_DECLS
