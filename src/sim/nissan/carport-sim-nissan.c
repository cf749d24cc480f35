/* carport-sim-nissan.c — the simulated Nissan hosts: OneID, bff-web, adapters
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Serves, under path prefixes of one https origin (docs/nissan-sim.md):
 *
 *   /oneid/           the WSO2 OneID login: oauth2/authorize, the
 *                     authenticationendpoint/login.do page, commonauth,
 *                     oauth2/token (authorization code + PKCE S256)
 *   /bff-web/         v1/oauth2/access_token and refresh-token (Kamereon
 *                     tokens), v5/users/{id}/cars, v3/cars/{vin}/battery-status,
 *                     v1/users/{id}/vehicles/{vin}/… device registration and
 *                     v1/vehicles/{vin}/devices/{id} (carport-sim-nissan-lock.c)
 *   /user-adapter/    v1/users/current
 *   /car-adapter/     vN/cars/{vin}/… reads and v1 actions
 *   /notifications/   v2/notifications/users/{id}/vehicles/{vin}
 *   /action-status/   v1/cars/{vin}/actions/status?actionId=
 *
 * Every response has a Content-Length, 302s included (SoupServer sets it).
 */

#define G_LOG_DOMAIN "carport-sim"

#include "config.h"

#include <string.h>

#include "carport-sim-car.h"
#include "carport-sim-util.h"
#include "carport-sim-nissan.h"
#include "carport-sim-nissan-car.h"
#include "carport-sim-nissan-lock.h"

#define CODE_LIFETIME_US CARPORT_SIM_SECONDS (300)

typedef struct {
  char     *key;             /* sessionDataKey */
  char     *jsessionid;
  char     *state;
  char     *challenge;
  gboolean  authenticated;
} LoginSession;

typedef struct {
  char   *challenge;
  gint64  expires;
} AuthCode;

struct _CarportSimNissan
{
  GObject parent_instance;

  char *email;
  char *password;
  char *user_id;
  char *base_url;              /* "https://127.0.0.1:PORT" */
  char *picture_base_url;      /* "http://127.0.0.1:PORT": the cars' pictures, as a CDN's */
  GPtrArray *cars;             /* CarportSimCar*, borrowed from the simulator */
  guint token_lifetime;        /* seconds */
  gboolean bad_password_form;  /* answer a wrong password with the 200 form */
  gboolean interstitial;       /* a page without the form after the password */
  gboolean rotate_refresh;

  GHashTable *sessions;        /* sessionDataKey → LoginSession* */
  GHashTable *codes;           /* code → AuthCode* */
  GHashTable *id_tokens;       /* set */
  GHashTable *access_tokens;   /* token → expiry (gint64*, µs) */
  GHashTable *refresh_tokens;  /* set */
  GPtrArray *issued;           /* every code and token handed out */
  CarportSimNissanDevices *devices;
};

G_DEFINE_FINAL_TYPE (CarportSimNissan, carport_sim_nissan, G_TYPE_OBJECT)

static void
login_session_free (gpointer data)
{
  LoginSession *session = data;

  g_free (session->key);
  g_free (session->jsessionid);
  g_free (session->state);
  g_free (session->challenge);
  g_free (session);
}

static void
auth_code_free (gpointer data)
{
  AuthCode *code = data;

  g_free (code->challenge);
  g_free (code);
}

static void
carport_sim_nissan_finalize (GObject *object)
{
  CarportSimNissan *self = CARPORT_SIM_NISSAN (object);

  g_clear_pointer (&self->email, g_free);
  g_clear_pointer (&self->password, g_free);
  g_clear_pointer (&self->user_id, g_free);
  g_clear_pointer (&self->base_url, g_free);
  g_clear_pointer (&self->picture_base_url, g_free);
  g_clear_pointer (&self->cars, g_ptr_array_unref);
  g_clear_pointer (&self->sessions, g_hash_table_unref);
  g_clear_pointer (&self->codes, g_hash_table_unref);
  g_clear_pointer (&self->id_tokens, g_hash_table_unref);
  g_clear_pointer (&self->access_tokens, g_hash_table_unref);
  g_clear_pointer (&self->refresh_tokens, g_hash_table_unref);
  g_clear_pointer (&self->issued, g_ptr_array_unref);
  g_clear_pointer (&self->devices, _carport_sim_nissan_devices_free);

  G_OBJECT_CLASS (carport_sim_nissan_parent_class)->finalize (object);
}

static void
carport_sim_nissan_class_init (CarportSimNissanClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = carport_sim_nissan_finalize;
}

static void
carport_sim_nissan_init (CarportSimNissan *self)
{
  self->user_id = g_strdup_printf ("%u", g_random_int_range (100000, 999999));
  self->base_url = g_strdup ("https://127.0.0.1");
  self->picture_base_url = g_strdup ("http://127.0.0.1");
  self->cars = g_ptr_array_new_with_free_func (g_object_unref);
  self->token_lifetime = 3600;
  self->rotate_refresh = TRUE;
  self->sessions = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, login_session_free);
  self->codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, auth_code_free);
  self->id_tokens = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->access_tokens = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->refresh_tokens = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->issued = g_ptr_array_new_with_free_func (g_free);
  self->devices = _carport_sim_nissan_devices_new ();
}

const char *
carport_sim_nissan_get_last_device_otp (CarportSimNissan *self)
{
  return _carport_sim_nissan_devices_get_last_otp (self->devices);
}

void
carport_sim_nissan_expire_device_otps (CarportSimNissan *self)
{
  _carport_sim_nissan_devices_expire_otps (self->devices);
}

CarportSimNissan *
carport_sim_nissan_new (void)
{
  return g_object_new (CARPORT_TYPE_SIM_NISSAN, NULL);
}

void
carport_sim_nissan_set_account (CarportSimNissan *self,
                                const char       *email,
                                const char       *password)
{
  g_free (self->email);
  self->email = g_strdup (email);
  g_free (self->password);
  self->password = g_strdup (password);
}

const char *
carport_sim_nissan_get_user_id (CarportSimNissan *self)
{
  return self->user_id;
}

void
carport_sim_nissan_set_picture_base_url (CarportSimNissan *self,
                                         const char       *base_url)
{
  g_free (self->picture_base_url);
  self->picture_base_url = g_strdup (base_url);
}

void
carport_sim_nissan_set_base_url (CarportSimNissan *self,
                                 const char       *base_url)
{
  g_free (self->base_url);
  self->base_url = g_strdup (base_url);
}

/* @cars: CarportSimCar*, referenced */
void
carport_sim_nissan_set_cars (CarportSimNissan *self,
                             GPtrArray        *cars)
{
  g_ptr_array_unref (self->cars);
  self->cars = g_ptr_array_ref (cars);
}

void
carport_sim_nissan_set_token_lifetime (CarportSimNissan *self,
                                       guint             seconds)
{
  self->token_lifetime = MAX (seconds, 300);   /* clients fail below */
}

void
carport_sim_nissan_set_bad_password_form (CarportSimNissan *self,
                                          gboolean          form)
{
  self->bad_password_form = form;
}

void
carport_sim_nissan_set_interstitial (CarportSimNissan *self,
                                     gboolean          interstitial)
{
  self->interstitial = interstitial;
}

void
carport_sim_nissan_set_rotate_refresh (CarportSimNissan *self,
                                       gboolean          rotate)
{
  self->rotate_refresh = rotate;
}

/* Every Kamereon access token handed out so far answers 401 from now on. */
GPtrArray *
carport_sim_nissan_get_issued (CarportSimNissan *self)
{
  g_return_val_if_fail (CARPORT_IS_SIM_NISSAN (self), NULL);

  return self->issued;
}

void
carport_sim_nissan_expire_access_tokens (CarportSimNissan *self)
{
  g_hash_table_remove_all (self->access_tokens);
}

/* Every refresh token handed out so far is refused (401 invalid_grant). */
void
carport_sim_nissan_revoke_refresh_tokens (CarportSimNissan *self)
{
  g_hash_table_remove_all (self->refresh_tokens);
}

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */
/* ------------------------------------------------------------------------ */

static char *
new_token (const char *prefix,
           guint       n_bytes)
{
  g_autofree char *hex = _carport_sim_random_hex (n_bytes);

  return g_strconcat (prefix, hex, NULL);
}

static void
redirect (SoupServerMessage *msg,
          const char        *location)
{
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Location", location);
  _carport_sim_reply_text (msg, SOUP_STATUS_FOUND, "text/plain", "");
}

static void
reply_html (SoupServerMessage *msg,
            guint              status,
            const char        *html)
{
  _carport_sim_reply_text (msg, status, CARPORT_SIM_CT_HTML, html);
}

static void
reply_oauth_error (SoupServerMessage *msg,
                   guint              status,
                   const char        *error,
                   const char        *description)
{
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "error", error);
  json_object_set_string_member (object, "error_description", description);
  json_node_take_object (root, object);
  _carport_sim_reply_json (msg, status, CARPORT_SIM_CT_JSON, root);
}

static void
reply_unauthorized (SoupServerMessage *msg)
{
  _carport_sim_reply_nissan_error (msg, 401, "401000", "Unauthorized", "Invalid or missing token");
}

/* b64url(sha256(@verifier)) without padding. */
static char *
s256 (const char *verifier)
{
  guint8 digest[32];
  gsize length = sizeof digest;
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);

  g_checksum_update (checksum, (const guchar *) verifier, (gssize) strlen (verifier));
  g_checksum_get_digest (checksum, digest, &length);
  return _carport_sim_base64url (digest, length);
}

static gboolean
is_b64url (const char *text,
           gsize       min,
           gsize       max)
{
  gsize n = text ? strlen (text) : 0;

  if (n < min || n > max)
    return FALSE;
  for (gsize i = 0; i < n; i++)
    if (!g_ascii_isalnum (text[i]) && text[i] != '-' && text[i] != '_' && text[i] != '.' && text[i] != '~')
      return FALSE;
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* OneID (WSO2)                                                             */
/* ------------------------------------------------------------------------ */

static void
issue_code (CarportSimNissan  *self,
            SoupServerMessage *msg,
            LoginSession      *session)
{
  g_autofree char *code = g_uuid_string_random ();
  g_autofree char *session_state = _carport_sim_random_hex (16);
  g_autofree char *escaped_state = g_uri_escape_string (session->state, NULL, FALSE);
  g_autofree char *location = NULL;
  AuthCode *entry = g_new0 (AuthCode, 1);

  entry->challenge = g_strdup (session->challenge);
  entry->expires = g_get_real_time () + CODE_LIFETIME_US;
  g_hash_table_replace (self->codes, g_strdup (code), entry);
  g_ptr_array_add (self->issued, g_strdup (code));
  location = g_strdup_printf ("%s?code=%s&state=%s&session_state=%s", CARPORT_SIM_NISSAN_REDIRECT_URI,
                              code, escaped_state, session_state);
  redirect (msg, location);
}

static LoginSession *
session_by_cookie (CarportSimNissan  *self,
                   SoupServerMessage *msg)
{
  g_autofree char *jsessionid = _carport_sim_cookie_value (msg, "JSESSIONID");
  GHashTableIter iter;
  gpointer value;

  if (jsessionid == NULL)
    return NULL;
  g_hash_table_iter_init (&iter, self->sessions);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (g_str_equal (((LoginSession *) value)->jsessionid, jsessionid))
      return value;
  return NULL;
}

static void
oneid_authorize (CarportSimNissan  *self,
                 SoupServerMessage *msg,
                 GHashTable        *query)
{
  const char *key = g_hash_table_lookup (query, "sessionDataKey");
  const char *client_id = g_hash_table_lookup (query, "client_id");
  const char *redirect_uri = g_hash_table_lookup (query, "redirect_uri");
  const char *state = g_hash_table_lookup (query, "state");
  const char *challenge = g_hash_table_lookup (query, "code_challenge");
  const char *method = g_hash_table_lookup (query, "code_challenge_method");
  const char *response_type = g_hash_table_lookup (query, "response_type");
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  LoginSession *session;
  LoginSession *known;
  g_autofree char *cookie = NULL;
  g_autofree char *lb = NULL;
  g_autofree char *location = NULL;

  /* the hop after commonauth */
  if (key != NULL)
    {
      session = g_hash_table_lookup (self->sessions, key);
      if (session == NULL || !session->authenticated || session_by_cookie (self, msg) != session)
        {
          reply_html (msg, SOUP_STATUS_BAD_REQUEST,
                      "<!DOCTYPE html><html><body><h1>Session expired</h1></body></html>");
          return;
        }
      if (self->interstitial)
        {
          reply_html (msg, SOUP_STATUS_OK,
                      "<!DOCTYPE html><html><head><title>MyNISSAN</title></head><body>"
                      "<h1>Our terms and conditions have changed</h1>"
                      "<p>Please accept them in the MyNISSAN app to continue.</p>"
                      "<form action=\"../consent\" method=\"post\">"
                      "<input type=\"hidden\" name=\"sessionDataKey\" value=\"\"/>"
                      "<button type=\"submit\">Accept</button></form></body></html>");
          return;
        }
      issue_code (self, msg, session);
      return;
    }

  if (g_strcmp0 (client_id, CARPORT_SIM_NISSAN_CLIENT_ID) != 0 ||
      g_strcmp0 (redirect_uri, CARPORT_SIM_NISSAN_REDIRECT_URI) != 0)
    {
      reply_html (msg, SOUP_STATUS_BAD_REQUEST,
                  "<!DOCTYPE html><html><body><h1>Invalid client or redirect URI</h1></body></html>");
      return;
    }
  if (g_strcmp0 (response_type, "code") != 0 || g_strcmp0 (method, "S256") != 0 ||
      !is_b64url (challenge, 43, 128) || state == NULL || *state == '\0')
    {
      g_autofree char *escaped = g_uri_escape_string (state ? state : "", NULL, FALSE);

      location = g_strdup_printf ("%s?error=invalid_request&error_description=PKCE+S256%%2C+code+and+state+"
                                  "are+required&state=%s", CARPORT_SIM_NISSAN_REDIRECT_URI, escaped);
      redirect (msg, location);
      return;
    }

  /* re-auth with the cookies of a finished login skips the form */
  known = session_by_cookie (self, msg);
  if (known != NULL && known->authenticated)
    {
      g_free (known->state);
      known->state = g_strdup (state);
      g_free (known->challenge);
      known->challenge = g_strdup (challenge);
      issue_code (self, msg, known);
      return;
    }

  session = g_new0 (LoginSession, 1);
  session->key = g_uuid_string_random ();
  session->jsessionid = _carport_sim_random_hex (16);
  session->state = g_strdup (state);
  session->challenge = g_strdup (challenge);
  g_hash_table_replace (self->sessions, session->key, session);

  cookie = g_strdup_printf ("JSESSIONID=%s; Path=/; Secure; HttpOnly", session->jsessionid);
  lb = new_token ("AWSALB=", 12);
  soup_message_headers_append (headers, "Set-Cookie", cookie);
  g_free (cookie);
  cookie = g_strconcat (lb, "; Path=/", NULL);
  soup_message_headers_append (headers, "Set-Cookie", cookie);
  location = g_strdup_printf ("%s/oneid/authenticationendpoint/login.do?client_id=%s&commonAuthCallerPath="
                              "%%2Foauth2%%2Fauthorize&forceAuth=false&passiveAuth=false&tenantDomain="
                              "carbon.super&sessionDataKey=%s&relyingParty=%s&type=oidc&sp=MyNISSAN&"
                              "isSaaSApp=false&authenticators=BasicAuthenticator%%3ALOCAL",
                              self->base_url, CARPORT_SIM_NISSAN_CLIENT_ID, session->key,
                              CARPORT_SIM_NISSAN_CLIENT_ID);
  redirect (msg, location);
}

static char *
login_page (const char *key,
            gboolean    failed)
{
  return g_strdup_printf (
    "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>MyNISSAN - Sign in</title></head>\n"
    "<body>\n"
    "<form action=\"login.do\" method=\"get\" id=\"language-form\">\n"
    "  <select name=\"ui_locales\"><option value=\"en_GB\" selected>English</option>"
    "<option value=\"fr_FR\">Fran&ccedil;ais</option></select>\n"
    "  <input type=\"hidden\" name=\"sessionDataKey\" value=\"%s\"/>\n"
    "</form>\n"
    "%s"
    "<form action=\"../commonauth\" method=\"post\" id=\"loginForm\">\n"
    "  <input type=\"hidden\" name=\"sessionDataKey\" value=\"%s\"/>\n"
    "  <input type=\"hidden\" name=\"regionCode\" value=\"EU\"/>\n"
    "  <input type=\"email\" id=\"usernameUserInput\" name=\"usernameUserInput\" value=\"\">\n"
    "  <input type=\"hidden\" id=\"username\" name=\"username\"/>\n"
    "  <input type=\"password\" id=\"password\" name=\"password\" value=\"\" autocomplete=\"off\">\n"
    "  <button type=\"submit\">Sign in</button>\n"
    "</form>\n"
    "</body></html>\n",
    key, failed ? "<div class=\"ui negative message\" id=\"error-msg\">Login failed! Please recheck the "
                  "username and password and try again.</div>\n" : "",
    key);
}

static void
oneid_login_page (CarportSimNissan  *self,
                  SoupServerMessage *msg,
                  GHashTable        *query)
{
  const char *key = g_hash_table_lookup (query, "sessionDataKey");
  g_autofree char *page = NULL;

  if (key == NULL || !g_hash_table_contains (self->sessions, key))
    {
      reply_html (msg, SOUP_STATUS_BAD_REQUEST,
                  "<!DOCTYPE html><html><body><h1>Unknown or expired session</h1></body></html>");
      return;
    }
  page = login_page (key, g_strcmp0 (g_hash_table_lookup (query, "authFailure"), "true") == 0);
  reply_html (msg, SOUP_STATUS_OK, page);
}

static gboolean
credentials_match (CarportSimNissan *self,
                   const char       *username,
                   const char       *password)
{
  const char *slash = username ? strchr (username, '/') : NULL;
  const char *email = slash ? slash + 1 : username;   /* "<regionCode>/<email>" */

  return email != NULL && password != NULL && self->email != NULL &&
         g_ascii_strcasecmp (email, self->email) == 0 && g_str_equal (password, self->password);
}

static void
oneid_commonauth (CarportSimNissan  *self,
                  SoupServerMessage *msg)
{
  g_autoptr(GHashTable) form = _carport_sim_form_body (msg);
  const char *key = g_hash_table_lookup (form, "sessionDataKey");
  const char *username = g_hash_table_lookup (form, "username");
  LoginSession *session = key ? g_hash_table_lookup (self->sessions, key) : NULL;
  g_autofree char *location = NULL;

  if (session == NULL || session_by_cookie (self, msg) != session)
    {
      reply_html (msg, SOUP_STATUS_BAD_REQUEST,
                  "<!DOCTYPE html><html><body><h1>Session expired: start the login again</h1></body></html>");
      return;
    }
  if (username == NULL)
    username = g_hash_table_lookup (form, "userName");
  if (!credentials_match (self, username, g_hash_table_lookup (form, "password")))
    {
      if (self->bad_password_form)
        {
          g_autofree char *page = login_page (key, TRUE);

          reply_html (msg, SOUP_STATUS_OK, page);
          return;
        }
      location = g_strdup_printf ("%s/oneid/authenticationendpoint/login.do?authFailure=true&errorCode=17001&"
                                  "errorMsg=login.fail.message&sessionDataKey=%s", self->base_url, key);
      redirect (msg, location);
      return;
    }
  session->authenticated = TRUE;
  soup_message_headers_append (soup_server_message_get_response_headers (msg), "Set-Cookie",
                               "commonAuthId=sim; Path=/; Secure; HttpOnly");
  location = g_strdup_printf ("%s/oneid/oauth2/authorize?sessionDataKey=%s", self->base_url, key);
  redirect (msg, location);
}

/* A JWT-looking id_token (a valid header value; clients only echo it). */
static char *
new_id_token (CarportSimNissan *self)
{
  g_autofree char *payload = g_strdup_printf ("{\"sub\":\"%s\",\"aud\":\"%s\",\"iss\":\"%s/oneid/oauth2/token\","
                                              "\"exp\":%" G_GINT64_FORMAT "}",
                                              self->email, CARPORT_SIM_NISSAN_CLIENT_ID, self->base_url,
                                              g_get_real_time () / G_USEC_PER_SEC + 3600);
  static const char header[] = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";
  g_autofree char *h = _carport_sim_base64url ((const guchar *) header, strlen (header));
  g_autofree char *p = _carport_sim_base64url ((const guchar *) payload, strlen (payload));
  g_autofree char *s = _carport_sim_random_hex (32);

  return g_strconcat (h, ".", p, ".", s, NULL);
}

static void
oneid_token (CarportSimNissan  *self,
             SoupServerMessage *msg)
{
  g_autoptr(GHashTable) form = _carport_sim_form_body (msg);
  const char *grant = g_hash_table_lookup (form, "grant_type");
  const char *code = g_hash_table_lookup (form, "code");
  const char *verifier = g_hash_table_lookup (form, "code_verifier");
  AuthCode *entry = code ? g_hash_table_lookup (self->codes, code) : NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *computed = NULL;
  g_autofree char *access = NULL;
  g_autofree char *refresh = NULL;
  char *id_token;
  JsonObject *object;

  if (g_strcmp0 (grant, "authorization_code") != 0)
    {
      reply_oauth_error (msg, 400, "unsupported_grant_type", "Unsupported grant_type value");
      return;
    }
  if (g_strcmp0 (g_hash_table_lookup (form, "client_id"), CARPORT_SIM_NISSAN_CLIENT_ID) != 0)
    {
      reply_oauth_error (msg, 401, "invalid_client", "Client Authentication failed.");
      return;
    }
  if (g_strcmp0 (g_hash_table_lookup (form, "redirect_uri"), CARPORT_SIM_NISSAN_REDIRECT_URI) != 0)
    {
      reply_oauth_error (msg, 400, "invalid_grant", "Callback url mismatch");
      return;
    }
  if (entry == NULL || entry->expires < g_get_real_time ())
    {
      reply_oauth_error (msg, 400, "invalid_grant", "Invalid authorization code received from token request");
      return;
    }
  if (!is_b64url (verifier, 43, 128) || !g_str_equal ((computed = s256 (verifier)), entry->challenge))
    {
      g_hash_table_remove (self->codes, code);
      reply_oauth_error (msg, 400, "invalid_grant", "PKCE validation failed");
      return;
    }
  g_hash_table_remove (self->codes, code);   /* a code is good once */

  id_token = new_id_token (self);
  g_hash_table_add (self->id_tokens, id_token);
  access = g_uuid_string_random ();
  refresh = g_uuid_string_random ();
  g_ptr_array_add (self->issued, g_strdup (id_token));
  g_ptr_array_add (self->issued, g_strdup (access));
  g_ptr_array_add (self->issued, g_strdup (refresh));
  root = json_node_new (JSON_NODE_OBJECT);
  object = json_object_new ();
  json_object_set_string_member (object, "access_token", access);
  json_object_set_string_member (object, "refresh_token", refresh);
  json_object_set_string_member (object, "scope", "openid name profile email offline_access");
  json_object_set_string_member (object, "id_token", id_token);
  json_object_set_string_member (object, "token_type", "Bearer");
  json_object_set_int_member (object, "expires_in", 3600);
  json_node_take_object (root, object);
  _carport_sim_reply_json (msg, SOUP_STATUS_OK, CARPORT_SIM_CT_JSON, root);
}

/* ------------------------------------------------------------------------ */
/* Kamereon tokens (bff-web)                                                */
/* ------------------------------------------------------------------------ */

static void
reply_kamereon_tokens (CarportSimNissan  *self,
                       SoupServerMessage *msg,
                       gboolean           with_refresh)
{
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  JsonObject *object = json_object_new ();
  char *access = new_token ("", 24);
  gint64 *expiry = g_new (gint64, 1);

  *expiry = g_get_real_time () + CARPORT_SIM_SECONDS (self->token_lifetime);
  g_hash_table_replace (self->access_tokens, access, expiry);
  g_ptr_array_add (self->issued, g_strdup (access));
  json_object_set_string_member (object, "access_token", access);
  if (with_refresh)
    {
      char *refresh = new_token ("", 24);

      g_hash_table_add (self->refresh_tokens, refresh);
      g_ptr_array_add (self->issued, g_strdup (refresh));
      json_object_set_string_member (object, "refresh_token", refresh);
    }
  json_object_set_string_member (object, "token_type", "Bearer");
  json_object_set_int_member (object, "expires_in", self->token_lifetime);
  json_node_take_object (root, object);
  _carport_sim_reply_json (msg, SOUP_STATUS_OK, CARPORT_SIM_CT_JSON, root);
}

static const char *
raw_authorization (SoupServerMessage *msg)
{
  return soup_message_headers_get_one (soup_server_message_get_request_headers (msg), "Authorization");
}

static void
bff_access_token (CarportSimNissan  *self,
                  SoupServerMessage *msg)
{
  const char *id_token = raw_authorization (msg);

  if (id_token == NULL || !g_hash_table_contains (self->id_tokens, id_token))
    {
      reply_oauth_error (msg, 401, "invalid_token", "id token is invalid or has expired");
      return;
    }
  reply_kamereon_tokens (self, msg, TRUE);
}

static void
bff_refresh_token (CarportSimNissan  *self,
                   SoupServerMessage *msg)
{
  const char *refresh = raw_authorization (msg);
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(JsonNode) node = _carport_sim_json_parse (body->data, (gsize) body->length);

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node) ||
      _carport_sim_json_get_string (json_node_get_object (node), "scope") == NULL)
    {
      reply_oauth_error (msg, 400, "invalid_request", "the body must be {\"scope\": …}");
      return;
    }
  if (refresh == NULL || !g_hash_table_contains (self->refresh_tokens, refresh))
    {
      reply_oauth_error (msg, 401, "invalid_grant", "Invalid or revoked refresh token");
      return;
    }
  if (self->rotate_refresh)
    g_hash_table_remove (self->refresh_tokens, refresh);
  reply_kamereon_tokens (self, msg, self->rotate_refresh);
}

static gboolean
check_bearer (CarportSimNissan  *self,
              SoupServerMessage *msg)
{
  const char *header = raw_authorization (msg);
  gint64 *expiry;

  if (header == NULL || g_ascii_strncasecmp (header, "Bearer ", 7) != 0)
    return FALSE;
  expiry = g_hash_table_lookup (self->access_tokens, header + 7);
  return expiry != NULL && *expiry > g_get_real_time ();
}

/* ------------------------------------------------------------------------ */
/* Routing                                                                  */
/* ------------------------------------------------------------------------ */

static const char * const prefixes[] = {
  "/oneid/", "/bff-web/", "/user-adapter/", "/car-adapter/", "/notifications/", "/action-status/",
};

gboolean
carport_sim_nissan_is_path (const char *path)
{
  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    if (g_str_has_prefix (path, prefixes[i]))
      return TRUE;
  return FALSE;
}

static gboolean
parse_version (const char *segment,
               guint      *version)
{
  guint64 value;

  if (segment == NULL || segment[0] != 'v' || !g_ascii_string_to_unsigned (segment + 1, 10, 1, 9, &value, NULL))
    return FALSE;
  *version = (guint) value;
  return TRUE;
}

/* The path segments @s after the VIN as an endpoint name, without the
 * device id after "devices" (faults and counts need not know it). */
static char *
device_endpoint_name (char **s)
{
  g_autofree char *rest = NULL;

  if (!g_str_equal (s[0], "devices") || s[1] == NULL)
    return g_strjoinv ("/", s);
  if (s[2] == NULL)
    return g_strdup ("devices");
  rest = g_strjoinv ("/", s + 2);
  return g_strconcat ("devices/", rest, NULL);
}

/**
 * carport_sim_nissan_endpoint_name:
 *
 * Returns: (transfer full) (nullable): the name faults match: the path after
 *   the VIN for car URLs ("battery-status", "actions/hvac-start"), else the
 *   path after the host prefix and version ("oauth2/token", "users/current"),
 *   a device's without its id ("devices/registration-status", "devices")
 */
char *
carport_sim_nissan_endpoint_name (const char *path)
{
  g_auto(GStrv) s = NULL;
  guint n, version;
  const char *rest = strchr (path + 1, '/');

  if (!carport_sim_nissan_is_path (path) || rest == NULL)
    return NULL;
  rest++;
  if (g_str_has_prefix (path, "/oneid/"))
    return g_strdup (g_str_has_prefix (rest, "authenticationendpoint/") ? rest + strlen ("authenticationendpoint/")
                                                                         : rest);
  s = g_strsplit (rest, "/", -1);
  n = g_strv_length (s);
  if (n >= 4 && parse_version (s[0], &version) && g_str_equal (s[1], "cars"))
    return g_strjoinv ("/", s + 3);
  if (g_str_has_prefix (path, "/notifications/"))
    return g_strdup ("notifications");
  if (n >= 2 && parse_version (s[0], &version))
    {
      if (n == 4 && g_str_equal (s[1], "users") && g_str_equal (s[3], "cars"))
        return g_strdup ("cars");
      /* device registration: "register-device", "devices/registration-status"
       * and the DELETE's "devices" (the device id left out) */
      if (n >= 6 && g_str_equal (s[1], "users") && g_str_equal (s[3], "vehicles"))
        return device_endpoint_name (s + 5);
      if (n >= 5 && g_str_equal (s[1], "vehicles") && g_str_equal (s[3], "devices"))
        return device_endpoint_name (s + 3);
      return g_strjoinv ("/", s + 1);
    }
  return g_strdup (rest);
}

static CarportSimCar *
user_car (CarportSimNissan  *self,
          SoupServerMessage *msg,
          const char        *vin)
{
  CarportSimCar *car = carport_sim_find_car (self->cars, vin);

  if (car == NULL)
    _carport_sim_reply_nissan_error (msg, 403, "403", "security.access", "Access is denied for this resource");
  return car;
}

static void
handle_cars (CarportSimNissan  *self,
             SoupServerMessage *msg)
{
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  JsonObject *object = json_object_new ();
  JsonArray *data = json_array_new ();

  for (guint i = 0; i < self->cars->len; i++)
    json_array_add_element (data, _carport_sim_nissan_build_car (g_ptr_array_index (self->cars, i),
                                                                 self->picture_base_url));
  json_object_set_array_member (object, "data", data);
  json_node_take_object (root, object);
  _carport_sim_reply_json (msg, SOUP_STATUS_OK, CARPORT_SIM_CT_JSON, root);
}

static void
handle_notifications (CarportSimNissan  *self,
                      SoupServerMessage *msg,
                      CarportSimCar     *car)
{
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  JsonObject *outer = json_object_new ();
  JsonObject *data = json_object_new ();
  JsonObject *attributes = json_object_new ();
  JsonArray *messages = json_array_new ();

  _carport_sim_nissan_add_messages (car, messages);
  json_object_set_array_member (attributes, "messages", messages);
  json_object_set_string_member (data, "type", "Notifications");
  json_object_set_string_member (data, "id", car->vin);
  json_object_set_object_member (data, "attributes", attributes);
  json_object_set_object_member (outer, "data", data);
  json_node_take_object (root, outer);
  _carport_sim_reply_json (msg, SOUP_STATUS_OK, CARPORT_SIM_CT_JSON, root);
}

static void
handle_kamereon (CarportSimNissan  *self,
                 SoupServerMessage *msg,
                 const char        *prefix,
                 char             **s,
                 GHashTable        *query)
{
  guint n = g_strv_length (s);
  gboolean get = g_str_equal (soup_server_message_get_method (msg), "GET");
  guint version = 0;
  CarportSimCar *car;

  if (!check_bearer (self, msg))
    {
      reply_unauthorized (msg);
      return;
    }
  if (n < 2 || !parse_version (s[0], &version))
    {
      _carport_sim_reply_nissan_error (msg, 404, "404", "Not Found", NULL);
      return;
    }

  if (g_str_equal (prefix, "user-adapter") && get && version == 1 && n == 3 &&
      g_str_equal (s[1], "users") && g_str_equal (s[2], "current"))
    {
      g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
      JsonObject *object = json_object_new ();

      json_object_set_string_member (object, "userId", self->user_id);
      json_node_take_object (root, object);
      _carport_sim_reply_json (msg, SOUP_STATUS_OK, CARPORT_SIM_CT_JSON, root);
      return;
    }
  if (g_str_equal (prefix, "bff-web") && get && version == 5 && n == 4 &&
      g_str_equal (s[1], "users") && g_str_equal (s[3], "cars"))
    {
      if (!g_str_equal (s[2], self->user_id))
        _carport_sim_reply_nissan_error (msg, 403, "403", "security.access", "Access is denied for this resource");
      else
        handle_cars (self, msg);
      return;
    }
  if (g_str_equal (prefix, "notifications") && get && version == 2 && n == 6 &&
      g_str_equal (s[1], "notifications") && g_str_equal (s[2], "users") && g_str_equal (s[4], "vehicles"))
    {
      if (!g_str_equal (s[3], self->user_id))
        _carport_sim_reply_nissan_error (msg, 403, "403", "security.access", "Access is denied for this resource");
      else if ((car = user_car (self, msg, s[5])) != NULL)
        handle_notifications (self, msg, car);
      return;
    }
  /* Device registration (api-nissan.md §3.4) */
  if (g_str_equal (prefix, "bff-web") && version == 1 && n >= 5 &&
      g_str_equal (s[1], "users") && g_str_equal (s[3], "vehicles"))
    {
      if (!g_str_equal (s[2], self->user_id))
        _carport_sim_reply_nissan_error (msg, 403, "403", "security.access", "Access is denied for this resource");
      else if ((car = user_car (self, msg, s[4])) != NULL)
        _carport_sim_nissan_devices_handle (self->devices, car, msg, s + 5);
      return;
    }
  if (g_str_equal (prefix, "bff-web") && version == 1 && n == 5 && g_str_equal (s[1], "vehicles") &&
      g_str_equal (s[3], "devices"))
    {
      if ((car = user_car (self, msg, s[2])) != NULL)
        _carport_sim_nissan_devices_handle (self->devices, car, msg, s + 3);
      return;
    }
  /* The PIN and lock-unlock, which need the user and the devices */
  if (g_str_equal (prefix, "car-adapter") && version == 1 && n == 5 && g_str_equal (s[1], "cars") &&
      g_str_equal (s[3], "actions") && g_str_equal (soup_server_message_get_method (msg), "POST") &&
      (car = carport_sim_find_car (self->cars, s[2])) != NULL &&
      _carport_sim_nissan_lock_act (self->devices, car, msg, s[4], self->user_id, g_get_real_time ()))
    return;
  if (g_str_equal (prefix, "action-status") && get && version == 1 && n == 5 &&
      g_str_equal (s[1], "cars") && g_str_equal (s[3], "actions") && g_str_equal (s[4], "status"))
    {
      const char *id = g_hash_table_lookup (query, "actionId");

      if (id == NULL)
        _carport_sim_reply_nissan_error (msg, 400, "400", "Bad Request", "actionId is required");
      else if ((car = user_car (self, msg, s[2])) != NULL)
        _carport_sim_nissan_action_status (car, msg, id);
      return;
    }
  if ((g_str_equal (prefix, "car-adapter") || g_str_equal (prefix, "bff-web")) && n >= 4 &&
      g_str_equal (s[1], "cars"))
    {
      g_autofree char *endpoint = g_strjoinv ("/", s + 3);

      if ((car = user_car (self, msg, s[2])) != NULL)
        _carport_sim_nissan_car_handle (car, msg,
                                        g_str_equal (prefix, "bff-web") ? CARPORT_SIM_NISSAN_HOST_BFF
                                                                        : CARPORT_SIM_NISSAN_HOST_CAR_ADAPTER,
                                        version, endpoint, query);
      return;
    }
  _carport_sim_reply_nissan_error (msg, 404, "404", "Not Found", NULL);
}

/**
 * carport_sim_nissan_handle:
 * @path: a path for which carport_sim_nissan_is_path() is %TRUE
 *
 * Answers a request on one of the Nissan hosts.
 */
void
carport_sim_nissan_handle (CarportSimNissan  *self,
                           SoupServerMessage *msg,
                           const char        *path,
                           GHashTable        *query)
{
  const char *method = soup_server_message_get_method (msg);
  gboolean get = g_str_equal (method, "GET");
  gboolean post = g_str_equal (method, "POST");
  const char *rest = strchr (path + 1, '/') + 1;
  g_autofree char *prefix = g_strndup (path + 1, (gsize) (rest - path - 2));
  g_auto(GStrv) segments = NULL;

  if (g_str_equal (prefix, "oneid"))
    {
      if (get && g_str_equal (rest, "oauth2/authorize"))
        oneid_authorize (self, msg, query);
      else if (get && g_str_equal (rest, "authenticationendpoint/login.do"))
        oneid_login_page (self, msg, query);
      else if (post && g_str_equal (rest, "commonauth"))
        oneid_commonauth (self, msg);
      else if (post && g_str_equal (rest, "oauth2/token"))
        oneid_token (self, msg);
      else
        reply_html (msg, SOUP_STATUS_NOT_FOUND, "<!DOCTYPE html><html><body><h1>Not Found</h1></body></html>");
      return;
    }
  if (g_str_equal (prefix, "bff-web") && post && g_str_equal (rest, "v1/oauth2/access_token"))
    {
      bff_access_token (self, msg);
      return;
    }
  if (g_str_equal (prefix, "bff-web") && post && g_str_equal (rest, "v1/oauth2/refresh-token"))
    {
      bff_refresh_token (self, msg);
      return;
    }
  segments = g_strsplit (rest, "/", -1);
  for (guint i = 0; segments[i] != NULL; i++)
    if (segments[i][0] == '\0')
      {
        _carport_sim_reply_nissan_error (msg, 404, "404", "Not Found", NULL);
        return;
      }
  handle_kamereon (self, msg, prefix, segments, query);
}
