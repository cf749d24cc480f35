/* carport-credential-store.h — where the long-lived login token is kept.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * CarportCredentialStore is the interface the service talks to; the
 * implementations are CarportSecretStore (the desktop keyring, through
 * libsecret) and CarportMemoryStore (tests and demo mode). A store holds
 * any number of logins, at most one per (brand, email): a household may have
 * a Renault account and a Nissan account, or two accounts of one brand. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Errors of the store layer. Every error of this domain carries a message
 * that can be shown to a person as it is. */
#define CARPORT_STORE_ERROR (carport_store_error_quark ())

typedef enum {
  CARPORT_STORE_ERROR_NO_KEYRING, /* no Secret Service (or Secret portal) to talk to */
  CARPORT_STORE_ERROR_LOCKED,     /* the keyring is locked, or its unlock prompt was dismissed */
  CARPORT_STORE_ERROR_FAILED,     /* the keyring answered with an error */
  CARPORT_STORE_ERROR_CACHE,      /* the on-disk state cache failed */
} CarportStoreError;

GQuark carport_store_error_quark (void);

/* One login. @secret is the long-lived login token of the brand's account
 * service, never the password; carport_credentials_free() wipes it. @locale
 * may be NULL; the other members are never NULL once stored. */
typedef struct _CarportCredentials CarportCredentials;

struct _CarportCredentials
{
  char *brand;   /* "renault", "dacia", "alpine", "nissan" */
  char *locale;  /* "fr_FR", nullable */
  char *email;
  char *secret;
};

#define CARPORT_TYPE_CREDENTIALS (carport_credentials_get_type ())

GType               carport_credentials_get_type (void) G_GNUC_CONST;
CarportCredentials *carport_credentials_new      (const char               *brand,
                                                  const char               *locale,
                                                  const char               *email,
                                                  const char               *secret);
CarportCredentials *carport_credentials_copy     (const CarportCredentials *self);
void                carport_credentials_free     (CarportCredentials       *self);
/* TRUE when brand, locale, email and secret are all the same. */
gboolean            carport_credentials_equal    (const CarportCredentials *a,
                                                  const CarportCredentials *b);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CarportCredentials, carport_credentials_free)

#define CARPORT_TYPE_CREDENTIAL_STORE (carport_credential_store_get_type ())
G_DECLARE_INTERFACE (CarportCredentialStore, carport_credential_store, CARPORT, CREDENTIAL_STORE, GObject)

struct _CarportCredentialStoreInterface
{
  GTypeInterface parent_iface;

  void       (*lookup_async)  (CarportCredentialStore   *self,
                               GCancellable             *cancellable,
                               GAsyncReadyCallback       callback,
                               gpointer                  user_data);
  GPtrArray *(*lookup_finish) (CarportCredentialStore   *self,
                               GAsyncResult             *result,
                               GError                  **error);
  void       (*store_async)   (CarportCredentialStore   *self,
                               const CarportCredentials *credentials,
                               GCancellable             *cancellable,
                               GAsyncReadyCallback       callback,
                               gpointer                  user_data);
  gboolean   (*store_finish)  (CarportCredentialStore   *self,
                               GAsyncResult             *result,
                               GError                  **error);
  void       (*clear_async)   (CarportCredentialStore   *self,
                               const char               *brand,
                               const char               *email,
                               GCancellable             *cancellable,
                               GAsyncReadyCallback       callback,
                               gpointer                  user_data);
  gboolean   (*clear_finish)  (CarportCredentialStore   *self,
                               GAsyncResult             *result,
                               GError                  **error);

  void       (*lookup_pin_async)  (CarportCredentialStore *self,
                                   const char             *brand,
                                   const char             *email,
                                   const char             *vin,
                                   GCancellable           *cancellable,
                                   GAsyncReadyCallback     callback,
                                   gpointer                user_data);
  char      *(*lookup_pin_finish) (CarportCredentialStore *self,
                                   GAsyncResult           *result,
                                   GError                **error);
  void       (*store_pin_async)   (CarportCredentialStore *self,
                                   const char             *brand,
                                   const char             *email,
                                   const char             *vin,
                                   const char             *pin,
                                   GCancellable           *cancellable,
                                   GAsyncReadyCallback     callback,
                                   gpointer                user_data);
  gboolean   (*store_pin_finish)  (CarportCredentialStore *self,
                                   GAsyncResult           *result,
                                   GError                **error);
  void       (*forget_pins_async) (CarportCredentialStore *self,
                                   const char             *brand,
                                   const char             *email,
                                   const char             *vin,
                                   GCancellable           *cancellable,
                                   GAsyncReadyCallback     callback,
                                   gpointer                user_data);
  gboolean   (*forget_pins_finish) (CarportCredentialStore *self,
                                    GAsyncResult           *result,
                                    GError                **error);
};

/* Finds every stored login. The finish function returns a GPtrArray of
 * CarportCredentials (free function set), oldest first, empty when nothing is
 * stored (not an error); NULL with @error on failure. A login stored again
 * counts as new. */
void       carport_credential_store_lookup_async  (CarportCredentialStore   *self,
                                                   GCancellable             *cancellable,
                                                   GAsyncReadyCallback       callback,
                                                   gpointer                  user_data);
GPtrArray *carport_credential_store_lookup_finish (CarportCredentialStore   *self,
                                                   GAsyncResult             *result,
                                                   GError                  **error);

/* Stores a copy of @credentials, replacing the login of the same brand and
 * email (whatever its locale); other logins are kept. @credentials must have
 * a brand, an email and a secret. */
void       carport_credential_store_store_async   (CarportCredentialStore   *self,
                                                   const CarportCredentials *credentials,
                                                   GCancellable             *cancellable,
                                                   GAsyncReadyCallback       callback,
                                                   gpointer                  user_data);
gboolean   carport_credential_store_store_finish  (CarportCredentialStore   *self,
                                                   GAsyncResult             *result,
                                                   GError                  **error);

/* Forgets the login of @brand and @email; every login when both are NULL
 * (give both or neither). Clearing what is not there succeeds. */
void       carport_credential_store_clear_async   (CarportCredentialStore   *self,
                                                   const char               *brand,
                                                   const char               *email,
                                                   GCancellable             *cancellable,
                                                   GAsyncReadyCallback       callback,
                                                   gpointer                  user_data);
gboolean   carport_credential_store_clear_finish  (CarportCredentialStore   *self,
                                                   GAsyncResult             *result,
                                                   GError                  **error);

/* Remembered remote control PINs: at most one per car of a login (@brand,
 * @email, @vin), kept only when the person asks, apart from the logins.
 * lookup_pin finishes with the PIN (wipe it: carport_credential_store_pin_free())
 * or NULL without an error when none is remembered. store_pin replaces the
 * car's PIN. forget_pins forgets the PIN of @vin, of every car of the login
 * when @vin is NULL, or every PIN when all three are NULL; forgetting what
 * is not there succeeds. */
void       carport_credential_store_lookup_pin_async   (CarportCredentialStore *self,
                                                        const char             *brand,
                                                        const char             *email,
                                                        const char             *vin,
                                                        GCancellable           *cancellable,
                                                        GAsyncReadyCallback     callback,
                                                        gpointer                user_data);
char      *carport_credential_store_lookup_pin_finish  (CarportCredentialStore *self,
                                                        GAsyncResult           *result,
                                                        GError                **error);
void       carport_credential_store_store_pin_async    (CarportCredentialStore *self,
                                                        const char             *brand,
                                                        const char             *email,
                                                        const char             *vin,
                                                        const char             *pin,
                                                        GCancellable           *cancellable,
                                                        GAsyncReadyCallback     callback,
                                                        gpointer                user_data);
gboolean   carport_credential_store_store_pin_finish   (CarportCredentialStore *self,
                                                        GAsyncResult           *result,
                                                        GError                **error);
void       carport_credential_store_forget_pins_async  (CarportCredentialStore *self,
                                                        const char             *brand,
                                                        const char             *email,
                                                        const char             *vin,
                                                        GCancellable           *cancellable,
                                                        GAsyncReadyCallback     callback,
                                                        gpointer                user_data);
gboolean   carport_credential_store_forget_pins_finish (CarportCredentialStore *self,
                                                        GAsyncResult           *result,
                                                        GError                **error);
/* Wipes and frees a PIN (or any secret string); NULL is ignored. */
void       carport_credential_store_pin_free           (char                   *pin);

G_END_DECLS
