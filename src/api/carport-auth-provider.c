/* carport-auth-provider.c — how a brand logs in and hands out access tokens. */
#include "config.h"

#define G_LOG_DOMAIN "carport-api"

#include "carport-auth-provider.h"

G_DEFINE_INTERFACE (CarportAuthProvider, carport_auth_provider, G_TYPE_OBJECT)

static void
carport_auth_provider_default_init (CarportAuthProviderInterface *iface)
{
  g_object_interface_install_property (iface,
    g_param_spec_string ("refresh-secret", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_interface_install_property (iface,
    g_param_spec_boolean ("needs-code", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_interface_install_property (iface,
    g_param_spec_string ("person-id", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
}

void
carport_auth_provider_login_async (CarportAuthProvider *self,
                                   const char          *email,
                                   const char          *password,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (CARPORT_IS_AUTH_PROVIDER (self));
  g_return_if_fail (email != NULL);
  g_return_if_fail (password != NULL);

  CARPORT_AUTH_PROVIDER_GET_IFACE (self)->login_async (self, email, password, cancellable,
                                                       callback, user_data);
}

gboolean
carport_auth_provider_login_finish (CarportAuthProvider  *self,
                                    GAsyncResult         *result,
                                    GError              **error)
{
  g_return_val_if_fail (CARPORT_IS_AUTH_PROVIDER (self), FALSE);

  return CARPORT_AUTH_PROVIDER_GET_IFACE (self)->login_finish (self, result, error);
}

void
carport_auth_provider_submit_code_async (CarportAuthProvider *self,
                                         const char          *code,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  g_return_if_fail (CARPORT_IS_AUTH_PROVIDER (self));
  g_return_if_fail (code != NULL);

  CARPORT_AUTH_PROVIDER_GET_IFACE (self)->submit_code_async (self, code, cancellable,
                                                             callback, user_data);
}

gboolean
carport_auth_provider_submit_code_finish (CarportAuthProvider  *self,
                                          GAsyncResult         *result,
                                          GError              **error)
{
  g_return_val_if_fail (CARPORT_IS_AUTH_PROVIDER (self), FALSE);

  return CARPORT_AUTH_PROVIDER_GET_IFACE (self)->submit_code_finish (self, result, error);
}

void
carport_auth_provider_get_token_async (CarportAuthProvider *self,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_return_if_fail (CARPORT_IS_AUTH_PROVIDER (self));

  CARPORT_AUTH_PROVIDER_GET_IFACE (self)->get_token_async (self, cancellable, callback, user_data);
}

char *
carport_auth_provider_get_token_finish (CarportAuthProvider  *self,
                                        GAsyncResult         *result,
                                        GError              **error)
{
  g_return_val_if_fail (CARPORT_IS_AUTH_PROVIDER (self), NULL);

  return CARPORT_AUTH_PROVIDER_GET_IFACE (self)->get_token_finish (self, result, error);
}

void
carport_auth_provider_get_person_id_async (CarportAuthProvider *self,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  g_return_if_fail (CARPORT_IS_AUTH_PROVIDER (self));

  CARPORT_AUTH_PROVIDER_GET_IFACE (self)->get_person_id_async (self, cancellable, callback, user_data);
}

char *
carport_auth_provider_get_person_id_finish (CarportAuthProvider  *self,
                                            GAsyncResult         *result,
                                            GError              **error)
{
  g_return_val_if_fail (CARPORT_IS_AUTH_PROVIDER (self), NULL);

  return CARPORT_AUTH_PROVIDER_GET_IFACE (self)->get_person_id_finish (self, result, error);
}

void
carport_auth_provider_invalidate_token (CarportAuthProvider *self)
{
  g_return_if_fail (CARPORT_IS_AUTH_PROVIDER (self));

  CARPORT_AUTH_PROVIDER_GET_IFACE (self)->invalidate_token (self);
}

void
carport_auth_provider_logout (CarportAuthProvider *self)
{
  g_return_if_fail (CARPORT_IS_AUTH_PROVIDER (self));

  CARPORT_AUTH_PROVIDER_GET_IFACE (self)->logout (self);
}

char *
carport_auth_provider_dup_access_token (CarportAuthProvider *self)
{
  g_return_val_if_fail (CARPORT_IS_AUTH_PROVIDER (self), NULL);

  return CARPORT_AUTH_PROVIDER_GET_IFACE (self)->dup_access_token (self);
}

void
carport_auth_provider_restore_session (CarportAuthProvider *self,
                                       const char          *person_id,
                                       const char          *access_token)
{
  g_return_if_fail (CARPORT_IS_AUTH_PROVIDER (self));

  CARPORT_AUTH_PROVIDER_GET_IFACE (self)->restore_session (self, person_id, access_token);
}

char *
carport_auth_provider_dup_refresh_secret (CarportAuthProvider *self)
{
  char *secret = NULL;

  g_return_val_if_fail (CARPORT_IS_AUTH_PROVIDER (self), NULL);

  g_object_get (self, "refresh-secret", &secret, NULL);
  return secret;
}

void
carport_auth_provider_set_refresh_secret (CarportAuthProvider *self,
                                          const char          *secret)
{
  g_return_if_fail (CARPORT_IS_AUTH_PROVIDER (self));

  g_object_set (self, "refresh-secret", secret, NULL);
}

gboolean
carport_auth_provider_get_needs_code (CarportAuthProvider *self)
{
  gboolean needs_code = FALSE;

  g_return_val_if_fail (CARPORT_IS_AUTH_PROVIDER (self), FALSE);

  g_object_get (self, "needs-code", &needs_code, NULL);
  return needs_code;
}

char *
carport_auth_provider_dup_person_id (CarportAuthProvider *self)
{
  char *person_id = NULL;

  g_return_val_if_fail (CARPORT_IS_AUTH_PROVIDER (self), NULL);

  g_object_get (self, "person-id", &person_id, NULL);
  return person_id;
}
