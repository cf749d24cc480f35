/* carport-sim-gigya.c — the simulated Gigya accounts server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Implements accounts.login, accounts.getAccountInfo and accounts.getJWT as
 * renault-api calls them (api-renault.md §a.2), the two-factor email
 * flow of api-renault.md §a.3, and the minting and checking of the JWTs that the Kamereon
 * side accepts.
 */

#define G_LOG_DOMAIN "carport-sim"

#include "config.h"

#include <string.h>

#include "carport-sim-gigya.h"
#include "carport-sim-util.h"

#define DATA_CENTER "eu1.gigya.com"
#define DEFAULT_JWT_LIFETIME 900

/* The keys of api-renault.md §a.4: the EU key, fr_LU, es_MX (US data centre), and the web
 * key seen in the TFA trace of api-renault.md §a.3. */
static const char * const api_keys[] = {
  "3_VgdkgtIRH3AdHvJm-cjV2ug2EFE0lxt0IJzMC4MFqZjFpn_GYFXVdNZ19L7wZX0N",
  "3_zt44Wl_wT9mnqn-BHrR19PvXj3wYRPQKLcPbGWawlatFR837KdxSZZStbBTDaqnb",
  "4_yTFqPSsGxVyRXPZUM7t1Iw",
  "4_2W47rDm77n92RYiL_inSTg",
};

typedef struct {
  char     *reg_token;
  char     *gigya_assertion;
  char     *email_id;
  char     *phv_token;
  char     *code;
  char     *provider_assertion;
} TfaFlow;

struct _CarportSimGigya
{
  GObject parent_instance;

  char *email;
  char *password;
  char *person_id;
  char *uid;

  guint jwt_lifetime;
  guchar jwt_secret[32];

  GHashTable *login_tokens;   /* token → NULL (a set) */
  GPtrArray *issued;          /* every login token and JWT handed out */
  GHashTable *gmids;          /* gmid cookie values handed out (a set) */
  GPtrArray *tfa_flows;       /* TfaFlow* */

  gboolean key_rotated;       /* the keys above are refused: Renault moved on */
  gboolean require_tfa;
  gboolean tfa_verified;      /* finalizeTFA done since the requirement was set */
  gboolean tfa_verified_once; /* … with tempDevice=true: only for the next login */
  char *last_tfa_code;
};

G_DEFINE_FINAL_TYPE (CarportSimGigya, carport_sim_gigya, G_TYPE_OBJECT)

static void
tfa_flow_free (gpointer data)
{
  TfaFlow *flow = data;

  g_free (flow->reg_token);
  g_free (flow->gigya_assertion);
  g_free (flow->email_id);
  g_free (flow->phv_token);
  g_free (flow->code);
  g_free (flow->provider_assertion);
  g_free (flow);
}

static void
carport_sim_gigya_finalize (GObject *object)
{
  CarportSimGigya *self = CARPORT_SIM_GIGYA (object);

  g_clear_pointer (&self->email, g_free);
  g_clear_pointer (&self->password, g_free);
  g_clear_pointer (&self->person_id, g_free);
  g_clear_pointer (&self->uid, g_free);
  g_clear_pointer (&self->login_tokens, g_hash_table_unref);
  g_clear_pointer (&self->issued, g_ptr_array_unref);
  g_clear_pointer (&self->gmids, g_hash_table_unref);
  g_clear_pointer (&self->tfa_flows, g_ptr_array_unref);
  g_clear_pointer (&self->last_tfa_code, g_free);

  G_OBJECT_CLASS (carport_sim_gigya_parent_class)->finalize (object);
}

static void
carport_sim_gigya_class_init (CarportSimGigyaClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = carport_sim_gigya_finalize;
}

static void
carport_sim_gigya_init (CarportSimGigya *self)
{
  self->jwt_lifetime = DEFAULT_JWT_LIFETIME;
  for (guint i = 0; i < sizeof self->jwt_secret; i++)
    self->jwt_secret[i] = (guchar) g_random_int_range (0, 256);
  self->login_tokens = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->issued = g_ptr_array_new_with_free_func (g_free);
  self->gmids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->tfa_flows = g_ptr_array_new_with_free_func (tfa_flow_free);
  self->uid = _carport_sim_random_hex (16);
}

CarportSimGigya *
carport_sim_gigya_new (void)
{
  return g_object_new (CARPORT_TYPE_SIM_GIGYA, NULL);
}

void
carport_sim_gigya_set_account (CarportSimGigya *self,
                               const char      *email,
                               const char      *password,
                               const char      *person_id)
{
  g_return_if_fail (CARPORT_IS_SIM_GIGYA (self));

  g_free (self->email);
  self->email = g_strdup (email);
  g_free (self->password);
  self->password = g_strdup (password);
  g_free (self->person_id);
  self->person_id = g_strdup (person_id);
}

const char *
carport_sim_gigya_get_uid (CarportSimGigya *self)
{
  g_return_val_if_fail (CARPORT_IS_SIM_GIGYA (self), NULL);

  return self->uid;
}

void
carport_sim_gigya_set_jwt_lifetime (CarportSimGigya *self,
                                    guint            seconds)
{
  g_return_if_fail (CARPORT_IS_SIM_GIGYA (self));

  self->jwt_lifetime = MAX (seconds, 1);
}

guint
carport_sim_gigya_get_jwt_lifetime (CarportSimGigya *self)
{
  g_return_val_if_fail (CARPORT_IS_SIM_GIGYA (self), 0);

  return self->jwt_lifetime;
}

void
carport_sim_gigya_set_require_tfa (CarportSimGigya *self,
                                   gboolean         require)
{
  g_return_if_fail (CARPORT_IS_SIM_GIGYA (self));

  self->require_tfa = !!require;
  self->tfa_verified = FALSE;
  self->tfa_verified_once = FALSE;
}

void
carport_sim_gigya_set_key_rotated (CarportSimGigya *self,
                                   gboolean         rotated)
{
  g_return_if_fail (CARPORT_IS_SIM_GIGYA (self));

  self->key_rotated = !!rotated;
}

const char *
carport_sim_gigya_get_last_tfa_code (CarportSimGigya *self)
{
  g_return_val_if_fail (CARPORT_IS_SIM_GIGYA (self), NULL);

  return self->last_tfa_code;
}

GPtrArray *
carport_sim_gigya_get_issued (CarportSimGigya *self)
{
  g_return_val_if_fail (CARPORT_IS_SIM_GIGYA (self), NULL);

  return self->issued;
}

void
carport_sim_gigya_expire_login_tokens (CarportSimGigya *self)
{
  g_return_if_fail (CARPORT_IS_SIM_GIGYA (self));

  g_hash_table_remove_all (self->login_tokens);
}

/* ------------------------------------------------------------------------ */
/* Request parameters                                                       */
/* ------------------------------------------------------------------------ */

static void
merge_form (GHashTable *params,
            const char *encoded)
{
  g_autoptr(GHashTable) form = soup_form_decode (encoded);
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, form);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_replace (params, g_strdup (key), g_strdup (value));
}

/* Query parameters, then the form body on top (renault-api POSTs a form,
 * evcc sends a GET query string; both work on the real server). */
static GHashTable *
collect_params (SoupServerMessage *msg)
{
  GHashTable *params = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  const char *query = g_uri_get_query (soup_server_message_get_uri (msg));
  SoupMessageBody *body = soup_server_message_get_request_body (msg);

  if (query != NULL)
    merge_form (params, query);
  if (body != NULL && body->length > 0)
    {
      const char *type = soup_message_headers_get_content_type (
        soup_server_message_get_request_headers (msg), NULL);

      if (type == NULL || g_ascii_strcasecmp (type, "application/x-www-form-urlencoded") == 0)
        {
          g_autofree char *text = g_strndup (body->data, body->length);

          merge_form (params, text);
        }
    }
  return params;
}

/* Exact name first, then any case (Gigya accepts ApiKey, apiKey, APIKey…). */
static const char *
param (GHashTable *params,
       const char *name)
{
  GHashTableIter iter;
  gpointer key, value;
  const char *found = g_hash_table_lookup (params, name);

  if (found != NULL)
    return found;
  g_hash_table_iter_init (&iter, params);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (g_ascii_strcasecmp (key, name) == 0)
      return value;
  return NULL;
}

static char *
prefixed_random (const char *prefix,
                 guint       n_bytes)
{
  g_autofree char *hex = _carport_sim_random_hex (n_bytes);

  return g_strconcat (prefix, hex, NULL);
}

static gboolean
is_known_key (CarportSimGigya *self,
              const char      *key)
{
  if (self->key_rotated)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (api_keys); i++)
    if (g_str_equal (api_keys[i], key))
      return TRUE;
  return FALSE;
}

static void
reply_object (SoupServerMessage *msg,
              JsonObject        *object)
{
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);

  json_node_take_object (root, object);
  _carport_sim_reply_json (msg, SOUP_STATUS_OK, CARPORT_SIM_CT_GIGYA, root);
}

/* ------------------------------------------------------------------------ */
/* JWT                                                                      */
/* ------------------------------------------------------------------------ */

static char *
sign (CarportSimGigya *self,
      const char      *signing_input)
{
  g_autoptr(GHmac) hmac = g_hmac_new (G_CHECKSUM_SHA256, self->jwt_secret, sizeof self->jwt_secret);
  guint8 digest[32];
  gsize digest_len = sizeof digest;

  g_hmac_update (hmac, (const guchar *) signing_input, (gssize) strlen (signing_input));
  g_hmac_get_digest (hmac, digest, &digest_len);
  return _carport_sim_base64url (digest, digest_len);
}

static char *
mint_jwt (CarportSimGigya *self,
          const char      *api_key,
          guint            lifetime)
{
  g_autoptr(JsonNode) header_node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonNode) payload_node = json_node_new (JSON_NODE_OBJECT);
  JsonObject *header = json_object_new ();
  JsonObject *payload = json_object_new ();
  JsonObject *data = json_object_new ();
  g_autofree char *header_json = NULL;
  g_autofree char *payload_json = NULL;
  g_autofree char *header_b64 = NULL;
  g_autofree char *payload_b64 = NULL;
  g_autofree char *signing_input = NULL;
  g_autofree char *signature = NULL;
  g_autofree char *issuer = g_strdup_printf ("https://fidm.gigya.com/jwt/%s/", api_key);
  gint64 now_us = g_get_real_time ();
  gint64 iat = now_us / G_USEC_PER_SEC;
  /* Rounded up, so a token is good for at least @lifetime seconds. */
  gint64 exp = (now_us + (gint64) lifetime * G_USEC_PER_SEC + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC;

  /* Signed with HMAC (the real server uses RS256; clients do not verify). */
  json_object_set_string_member (header, "alg", "HS256");
  json_object_set_string_member (header, "typ", "JWT");
  json_object_set_string_member (header, "kid", "carport-sim");
  json_node_take_object (header_node, header);

  json_object_set_string_member (payload, "iss", issuer);
  json_object_set_string_member (payload, "apiKey", api_key);
  json_object_set_int_member (payload, "iat", iat);
  json_object_set_int_member (payload, "exp", exp);
  json_object_set_string_member (payload, "sub", self->uid);
  json_object_set_string_member (data, "personId", self->person_id);
  json_object_set_string_member (data, "gigyaDataCenter", DATA_CENTER);
  json_object_set_object_member (payload, "data", data);
  json_node_take_object (payload_node, payload);

  header_json = _carport_sim_json_to_string (header_node);
  payload_json = _carport_sim_json_to_string (payload_node);
  header_b64 = _carport_sim_base64url ((const guchar *) header_json, strlen (header_json));
  payload_b64 = _carport_sim_base64url ((const guchar *) payload_json, strlen (payload_json));
  signing_input = g_strconcat (header_b64, ".", payload_b64, NULL);
  signature = sign (self, signing_input);
  return g_strconcat (signing_input, ".", signature, NULL);
}

/**
 * carport_sim_gigya_check_jwt:
 *
 * Returns: (transfer full) (nullable): the personId of a JWT that this
 *   simulator minted and that has not expired, else %NULL.
 */
char *
carport_sim_gigya_check_jwt (CarportSimGigya *self,
                             const char      *jwt)
{
  g_auto(GStrv) parts = NULL;
  g_autofree char *signing_input = NULL;
  g_autofree char *expected = NULL;
  g_autofree guchar *payload_json = NULL;
  g_autoptr(JsonNode) payload = NULL;
  gsize payload_len = 0;
  gint64 exp;
  const char *person_id;

  g_return_val_if_fail (CARPORT_IS_SIM_GIGYA (self), NULL);

  if (jwt == NULL)
    return NULL;
  parts = g_strsplit (jwt, ".", -1);
  if (g_strv_length (parts) != 3)
    return NULL;
  signing_input = g_strconcat (parts[0], ".", parts[1], NULL);
  expected = sign (self, signing_input);
  if (!g_str_equal (expected, parts[2]))
    return NULL;
  payload_json = _carport_sim_base64url_decode (parts[1], &payload_len);
  if (payload_json == NULL)
    return NULL;
  payload = _carport_sim_json_parse ((const char *) payload_json, payload_len);
  if (payload == NULL || !JSON_NODE_HOLDS_OBJECT (payload))
    return NULL;
  if (!_carport_sim_json_get_int (json_node_get_object (payload), "exp", &exp))
    return NULL;
  if (g_get_real_time () >= exp * G_USEC_PER_SEC)
    return NULL;
  person_id = _carport_sim_json_get_string (
    _carport_sim_json_get_object (json_node_get_object (payload), "data"), "personId");
  return g_strdup (person_id);
}

/* ------------------------------------------------------------------------ */
/* Methods                                                                  */
/* ------------------------------------------------------------------------ */

static void
add_account_members (CarportSimGigya *self,
                     JsonObject      *object)
{
  g_autofree char *now = _carport_sim_iso8601 (g_get_real_time (), 0, TRUE);
  g_autofree char *signature_ts = g_strdup_printf ("%" G_GINT64_FORMAT, g_get_real_time () / G_USEC_PER_SEC);
  g_autofree char *signature = _carport_sim_random_hex (20);
  JsonObject *profile = json_object_new ();

  json_object_set_string_member (object, "UID", self->uid);
  json_object_set_string_member (object, "UIDSignature", signature);
  json_object_set_string_member (object, "signatureTimestamp", signature_ts);
  json_object_set_string_member (object, "created", "2021-04-29T20:39:36.880Z");
  json_object_set_int_member (object, "createdTimestamp", 1619728776880);
  json_object_set_boolean_member (object, "isActive", TRUE);
  json_object_set_boolean_member (object, "isRegistered", TRUE);
  json_object_set_boolean_member (object, "isVerified", TRUE);
  json_object_set_string_member (object, "lastLogin", now);
  json_object_set_int_member (object, "lastLoginTimestamp", g_get_real_time () / 1000);
  json_object_set_string_member (object, "loginProvider", "site");
  json_object_set_string_member (profile, "email", self->email);
  json_object_set_object_member (object, "profile", profile);
  json_object_set_string_member (object, "registered", "2021-04-29T20:39:37.022Z");
  json_object_set_string_member (object, "socialProviders", "site");
  json_object_set_string_member (object, "verified", "2021-04-29T20:40:39.441Z");
}

static char *
new_login_token (CarportSimGigya *self)
{
  guchar raw[48];
  g_autofree char *b64 = NULL;
  char *token;

  for (guint i = 0; i < sizeof raw; i++)
    raw[i] = (guchar) g_random_int_range (0, 256);
  b64 = _carport_sim_base64url (raw, sizeof raw);
  token = g_strconcat ("st2.s.", b64, ".sim", NULL);
  g_hash_table_add (self->login_tokens, g_strdup (token));
  g_ptr_array_add (self->issued, g_strdup (token));
  return token;
}

static void
handle_login (CarportSimGigya   *self,
              SoupServerMessage *msg,
              GHashTable        *params,
              const char        *api_key)
{
  const char *login_id = param (params, "loginID");
  const char *password = param (params, "password");
  g_autofree char *token = NULL;
  g_autofree char *cookie_name = NULL;
  JsonObject *object;
  JsonObject *session;

  if (login_id == NULL || password == NULL)
    {
      _carport_sim_reply_gigya_error (msg, 400002,
                                      login_id == NULL ? "Missing required parameter: loginID"
                                                       : "Missing required parameter: password");
      return;
    }

  if (self->email == NULL ||
      g_ascii_strcasecmp (login_id, self->email) != 0 ||
      !g_str_equal (password, self->password))
    {
      _carport_sim_reply_gigya_error (msg, 403042, NULL);
      return;
    }

  if (self->require_tfa && !self->tfa_verified && !self->tfa_verified_once)
    {
      TfaFlow *flow = g_new0 (TfaFlow, 1);
      JsonObject *info = json_object_new ();
      g_autofree char *hex = _carport_sim_random_hex (24);

      flow->reg_token = g_strconcat ("st2.s.reg.", hex, NULL);
      g_ptr_array_add (self->tfa_flows, flow);

      object = _carport_sim_gigya_object_new (403101);
      json_object_set_string_member (object, "regToken", flow->reg_token);
      json_object_set_string_member (object, "UID", self->uid);
      json_object_set_string_member (info, "expires_in", "3600");
      json_object_set_object_member (object, "sessionInfo", info);
      reply_object (msg, object);
      return;
    }
  self->tfa_verified_once = FALSE;

  token = new_login_token (self);
  cookie_name = g_strconcat ("gac_", api_key, NULL);
  object = _carport_sim_gigya_object_new (0);
  add_account_members (self, object);
  json_object_set_boolean_member (object, "newUser", FALSE);
  session = json_object_new ();
  json_object_set_string_member (session, "cookieName", cookie_name);
  json_object_set_string_member (session, "cookieValue", token);
  json_object_set_object_member (object, "sessionInfo", session);
  reply_object (msg, object);
}

static gboolean
check_login_token (CarportSimGigya   *self,
                   SoupServerMessage *msg,
                   GHashTable        *params)
{
  const char *token = param (params, "login_token");

  if (token == NULL)
    {
      _carport_sim_reply_gigya_error (msg, 400002, "Missing required parameter: login_token");
      return FALSE;
    }
  if (!g_hash_table_contains (self->login_tokens, token))
    {
      _carport_sim_reply_gigya_error (msg, 403005, NULL);
      return FALSE;
    }
  return TRUE;
}

static void
handle_get_account_info (CarportSimGigya   *self,
                         SoupServerMessage *msg,
                         GHashTable        *params)
{
  JsonObject *object;
  JsonObject *data;
  JsonObject *emails;
  JsonArray *verified;

  if (!check_login_token (self, msg, params))
    return;

  object = _carport_sim_gigya_object_new (0);
  add_account_members (self, object);
  data = json_object_new ();
  json_object_set_string_member (data, "personId", self->person_id);
  json_object_set_string_member (data, "gigyaDataCenter", DATA_CENTER);
  json_object_set_object_member (object, "data", data);
  json_object_set_object_member (object, "preferences", json_object_new ());
  emails = json_object_new ();
  verified = json_array_new ();
  json_array_add_string_element (verified, self->email);
  json_object_set_array_member (emails, "verified", verified);
  json_object_set_array_member (emails, "unverified", json_array_new ());
  json_object_set_object_member (object, "emails", emails);
  reply_object (msg, object);
}

static void
handle_get_jwt (CarportSimGigya   *self,
                SoupServerMessage *msg,
                GHashTable        *params,
                const char        *api_key)
{
  const char *expiration = param (params, "expiration");
  guint lifetime = self->jwt_lifetime;
  g_autofree char *jwt = NULL;
  JsonObject *object;

  if (!check_login_token (self, msg, params))
    return;

  if (expiration != NULL)
    {
      guint64 value;

      if (!g_ascii_string_to_unsigned (expiration, 10, 1, G_MAXUINT32, &value, NULL))
        {
          _carport_sim_reply_gigya_error (msg, 400006, "Invalid parameter value: expiration");
          return;
        }
      lifetime = MIN (lifetime, (guint) value);
    }

  jwt = mint_jwt (self, api_key, lifetime);
  g_ptr_array_add (self->issued, g_strdup (jwt));
  object = _carport_sim_gigya_object_new (0);
  json_object_set_string_member (object, "ignoredFields", "");
  json_object_set_string_member (object, "id_token", jwt);
  reply_object (msg, object);
}

static void
handle_bootstrap (CarportSimGigya   *self,
                  SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  g_autofree char *gmid = prefixed_random ("gmid.ver4.", 20);
  g_autofree char *ucid = _carport_sim_random_hex (11);
  g_autofree char *gmid_cookie = g_strdup_printf ("gmid=%s; Path=/; HttpOnly", gmid);
  g_autofree char *ucid_cookie = g_strdup_printf ("ucid=%s; Path=/; HttpOnly", ucid);
  JsonObject *object;

  g_hash_table_add (self->gmids, g_strdup (gmid));
  soup_message_headers_append (headers, "Set-Cookie", gmid_cookie);
  soup_message_headers_append (headers, "Set-Cookie", ucid_cookie);
  soup_message_headers_append (headers, "Set-Cookie", "hasGmid=ver4; Path=/");
  object = _carport_sim_gigya_object_new (0);
  json_object_set_boolean_member (object, "hasGmid", TRUE);
  reply_object (msg, object);
}

static TfaFlow *
find_flow (CarportSimGigya *self,
           const char      *reg_token,
           const char      *assertion)
{
  for (guint i = 0; i < self->tfa_flows->len; i++)
    {
      TfaFlow *flow = g_ptr_array_index (self->tfa_flows, i);

      if (reg_token != NULL && g_str_equal (flow->reg_token, reg_token))
        return flow;
      if (assertion != NULL && flow->gigya_assertion != NULL &&
          g_str_equal (flow->gigya_assertion, assertion))
        return flow;
    }
  return NULL;
}

static char *
obfuscate_email (const char *email)
{
  const char *at = strchr (email, '@');

  if (at == NULL || at == email)
    return g_strdup ("***");
  return g_strdup_printf ("%c***%s", email[0], at);
}

static void
handle_tfa (CarportSimGigya   *self,
            SoupServerMessage *msg,
            const char        *method,
            GHashTable        *params)
{
  g_autofree char *gmid = _carport_sim_cookie_value (msg, "gmid");
  const char *assertion = param (params, "gigyaAssertion");
  TfaFlow *flow = NULL;
  JsonObject *object;

  /* The TFA calls need the cookies that webSdkBootstrap set. */
  if (gmid == NULL || !g_hash_table_contains (self->gmids, gmid))
    {
      _carport_sim_reply_gigya_error (msg, 400006,
                                      "Missing or unknown gmid cookie: call accounts.webSdkBootstrap first");
      return;
    }

  if (g_str_equal (method, "accounts.tfa.initTFA"))
    {
      const char *provider = param (params, "provider");
      const char *mode = param (params, "mode");
      const char *reg_token = param (params, "regToken");

      if (provider == NULL || mode == NULL || reg_token == NULL)
        {
          _carport_sim_reply_gigya_error (msg, 400002, "Missing required parameter: provider, mode or regToken");
          return;
        }
      flow = find_flow (self, reg_token, NULL);
      if (flow == NULL || !g_str_equal (provider, "gigyaEmail") || !g_str_equal (mode, "verify"))
        {
          _carport_sim_reply_gigya_error (msg, 400006, flow == NULL ? "Invalid regToken" : "Invalid provider or mode");
          return;
        }
      g_free (flow->gigya_assertion);
      flow->gigya_assertion = prefixed_random ("sim-assertion.", 24);
      object = _carport_sim_gigya_object_new (0);
      json_object_set_string_member (object, "gigyaAssertion", flow->gigya_assertion);
      reply_object (msg, object);
      return;
    }

  if (assertion == NULL)
    {
      _carport_sim_reply_gigya_error (msg, 400002, "Missing required parameter: gigyaAssertion");
      return;
    }
  flow = find_flow (self, NULL, assertion);
  if (flow == NULL)
    {
      _carport_sim_reply_gigya_error (msg, 400006, "Invalid gigyaAssertion");
      return;
    }

  if (g_str_equal (method, "accounts.tfa.email.getEmails"))
    {
      g_autofree char *obfuscated = obfuscate_email (self->email);
      JsonArray *emails = json_array_new ();
      JsonObject *entry = json_object_new ();

      if (flow->email_id == NULL)
        flow->email_id = _carport_sim_random_hex (8);
      json_object_set_string_member (entry, "id", flow->email_id);
      json_object_set_string_member (entry, "obfuscated", obfuscated);
      json_object_set_string_member (entry, "lastVerification", "2026-06-01T08:00:00.000Z");
      json_array_add_object_element (emails, entry);
      object = _carport_sim_gigya_object_new (0);
      json_object_set_array_member (object, "emails", emails);
      reply_object (msg, object);
    }
  else if (g_str_equal (method, "accounts.tfa.email.sendVerificationCode"))
    {
      const char *email_id = param (params, "emailID");

      if (email_id == NULL)
        {
          _carport_sim_reply_gigya_error (msg, 400002, "Missing required parameter: emailID");
          return;
        }
      if (flow->email_id == NULL || !g_str_equal (email_id, flow->email_id))
        {
          _carport_sim_reply_gigya_error (msg, 400006, "Invalid emailID");
          return;
        }
      g_free (flow->code);
      flow->code = g_strdup_printf ("%06d", g_random_int_range (0, 1000000));
      g_free (self->last_tfa_code);
      self->last_tfa_code = g_strdup (flow->code);
      g_free (flow->phv_token);
      flow->phv_token = prefixed_random ("sim-phv.", 16);
      g_debug ("TFA code for %s: %s", self->email, flow->code);
      object = _carport_sim_gigya_object_new (0);
      json_object_set_string_member (object, "phvToken", flow->phv_token);
      reply_object (msg, object);
    }
  else if (g_str_equal (method, "accounts.tfa.email.completeVerification"))
    {
      const char *phv_token = param (params, "phvToken");
      const char *code = param (params, "code");

      if (phv_token == NULL || code == NULL)
        {
          _carport_sim_reply_gigya_error (msg, 400002, "Missing required parameter: phvToken or code");
          return;
        }
      if (flow->phv_token == NULL || !g_str_equal (phv_token, flow->phv_token))
        {
          _carport_sim_reply_gigya_error (msg, 400006, "Invalid phvToken");
          return;
        }
      if (flow->code == NULL || !g_str_equal (code, flow->code))
        {
          _carport_sim_reply_gigya_error (msg, 400006, "Invalid verification code");
          return;
        }
      g_free (flow->provider_assertion);
      flow->provider_assertion = prefixed_random ("sim-provider.", 16);
      object = _carport_sim_gigya_object_new (0);
      json_object_set_string_member (object, "providerAssertion", flow->provider_assertion);
      reply_object (msg, object);
    }
  else if (g_str_equal (method, "accounts.tfa.finalizeTFA"))
    {
      const char *provider_assertion = param (params, "providerAssertion");
      const char *reg_token = param (params, "regToken");
      const char *temp_device = param (params, "tempDevice");

      if (provider_assertion == NULL || reg_token == NULL)
        {
          _carport_sim_reply_gigya_error (msg, 400002, "Missing required parameter: providerAssertion or regToken");
          return;
        }
      if (flow->provider_assertion == NULL ||
          !g_str_equal (provider_assertion, flow->provider_assertion) ||
          !g_str_equal (reg_token, flow->reg_token))
        {
          _carport_sim_reply_gigya_error (msg, 400006, "Invalid providerAssertion or regToken");
          return;
        }
      /* tempDevice=true: this device is not remembered, so only the next
       * login passes; false ("don't ask again for 30 days"): all do. */
      if (temp_device != NULL && g_ascii_strcasecmp (temp_device, "true") == 0)
        self->tfa_verified_once = TRUE;
      else
        self->tfa_verified = TRUE;
      g_ptr_array_remove (self->tfa_flows, flow);
      reply_object (msg, _carport_sim_gigya_object_new (0));
    }
  else
    {
      g_assert_not_reached ();
    }
}

static const char * const known_methods[] = {
  "accounts.login",
  "accounts.getAccountInfo",
  "accounts.getJWT",
  "accounts.webSdkBootstrap",
  "accounts.tfa.initTFA",
  "accounts.tfa.email.getEmails",
  "accounts.tfa.email.sendVerificationCode",
  "accounts.tfa.email.completeVerification",
  "accounts.tfa.finalizeTFA",
};

gboolean
carport_sim_gigya_is_known_method (const char *method)
{
  for (guint i = 0; i < G_N_ELEMENTS (known_methods); i++)
    if (g_str_equal (known_methods[i], method))
      return TRUE;
  return FALSE;
}

/**
 * carport_sim_gigya_handle:
 * @method: the last path segment, e.g. "accounts.login"
 *
 * Answers one Gigya call.
 */
void
carport_sim_gigya_handle (CarportSimGigya   *self,
                          SoupServerMessage *msg,
                          const char        *method)
{
  g_autoptr(GHashTable) params = NULL;
  const char *api_key;

  g_return_if_fail (CARPORT_IS_SIM_GIGYA (self));

  if (!carport_sim_gigya_is_known_method (method))
    {
      g_autofree char *details = g_strdup_printf ("Invalid namespace 'accounts' or method '%s', "
                                                  "or you do not have the required permissions",
                                                  method);

      _carport_sim_reply_gigya_error (msg, 403007, details);
      return;
    }

  params = collect_params (msg);
  api_key = param (params, "apiKey");
  if (api_key == NULL)
    {
      _carport_sim_reply_gigya_error (msg, 400002, "Missing required parameter: apiKey");
      return;
    }
  if (!is_known_key (self, api_key))
    {
      /* An outdated key made accounts.login answer 403042 in May 2026 (api-renault.md §a.2). */
      if (g_str_equal (method, "accounts.login"))
        _carport_sim_reply_gigya_error (msg, 403042, NULL);
      else
        _carport_sim_reply_gigya_error (msg, 400093, NULL);
      return;
    }

  if (g_str_equal (method, "accounts.login"))
    handle_login (self, msg, params, api_key);
  else if (g_str_equal (method, "accounts.getAccountInfo"))
    handle_get_account_info (self, msg, params);
  else if (g_str_equal (method, "accounts.getJWT"))
    handle_get_jwt (self, msg, params, api_key);
  else if (g_str_equal (method, "accounts.webSdkBootstrap"))
    handle_bootstrap (self, msg);
  else
    handle_tfa (self, msg, method, params);
}
