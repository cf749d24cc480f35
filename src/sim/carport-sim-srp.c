/* carport-sim-srp.c — the verifier side of SRP-6a for a simulated car
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Written from the server's formulas (B = k·v + g^b, S = (A·v^u)^b), not
 * from the client's: the simulator never includes src/api/. Its b comes from
 * GLib's PRNG, which is enough for a stand-in.
 */

#define G_LOG_DOMAIN "carport-sim"

#include "config.h"

#include <gmp.h>
#include <string.h>

#include "carport-sim-srp.h"

#define GROUP_BYTES 256

static const char group_n[] =
  "AC6BDB41324A9A9BF166DE5E1389582FAF72B6651987EE07FC3192943DB56050A37329CBB4A099ED8193E0757767A13DD52312AB4B03310DCD7F48A9DA04FD50E8083969EDB767B0CF6095179A163AB3661A05FBD5FAAAE82918A9962F0B93B855F97993EC975EEAA80D740ADBF4FF747359D041D5C33EA71D281E446B14773BCA97B43A23FB801676BD207A436C6481F1D2B9078717461A5B9D32E688F87748544523B524B0D57D5EA77A2775D2ECFA032CFBDBF52FB3786160279004E57AE6AF874E7303CE53299CCC041C7BC308D82A5698F3A8D0C38271AE35F8E9DBFBB694B5C803D89F7AE435DE236D525F54759B65E372FCD68EF20FA7111F9E4AFF73";

struct _CarportSimSrp
{
  char   *user;
  char   *salt_hex;
  char   *verifier_hex;
  guint   wrong_tries;
  /* the open challenge */
  char   *a_hex;
  char   *b_private_hex;
  char   *b_hex;
};

CarportSimSrp *
carport_sim_srp_new (void)
{
  return g_new0 (CarportSimSrp, 1);
}

static void
close_challenge (CarportSimSrp *self)
{
  g_clear_pointer (&self->a_hex, g_free);
  g_clear_pointer (&self->b_private_hex, g_free);
  g_clear_pointer (&self->b_hex, g_free);
}

void
carport_sim_srp_free (CarportSimSrp *self)
{
  if (self == NULL)
    return;
  close_challenge (self);
  g_free (self->user);
  g_free (self->salt_hex);
  g_free (self->verifier_hex);
  g_free (self);
}

static gboolean
is_hex_of (const char *text,
           gsize       min_digits,
           gsize       max_digits)
{
  gsize len = text != NULL ? strlen (text) : 0;

  return len >= min_digits && len <= max_digits &&
         text[strspn (text, "0123456789abcdefABCDEF")] == '\0';
}

gboolean
carport_sim_srp_enrol (CarportSimSrp *self,
                       const char    *user,
                       const char    *salt_hex,
                       const char    *verifier_hex)
{
  if (user == NULL || *user == '\0' || !is_hex_of (salt_hex, 2, 128) || strlen (salt_hex) % 2 != 0 ||
      !is_hex_of (verifier_hex, 1, 2 * GROUP_BYTES))
    return FALSE;
  close_challenge (self);
  g_free (self->user);
  g_free (self->salt_hex);
  g_free (self->verifier_hex);
  self->user = g_strdup (user);
  self->salt_hex = g_strdup (salt_hex);
  self->verifier_hex = g_strdup (verifier_hex);
  self->wrong_tries = 0;
  return TRUE;
}

gboolean
carport_sim_srp_is_enrolled (CarportSimSrp *self)
{
  return self->verifier_hex != NULL;
}

/* @z's big-endian bytes into @out, left-padded to @pad (0: minimal); the length. */
static gsize
export_bytes (const mpz_t  z,
              guint8      *out,
              gsize        pad)
{
  gsize minimal = mpz_sgn (z) == 0 ? 0 : (mpz_sizeinbase (z, 2) + 7) / 8;
  gsize len = MAX (minimal, pad);

  memset (out, 0, len);
  mpz_export (out + len - minimal, NULL, 1, 1, 1, 0, z);
  return len;
}

static void
sha256_to_mpz (mpz_t         z,
               const guint8 *data,
               gsize         len)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 digest[32];
  gsize digest_len = sizeof digest;

  g_checksum_update (checksum, data, len);
  g_checksum_get_digest (checksum, digest, &digest_len);
  mpz_import (z, digest_len, 1, 1, 1, 0, digest);
}

gboolean
carport_sim_srp_challenge (CarportSimSrp  *self,
                           const char     *user,
                           const char     *a_hex,
                           char          **out_salt_hex,
                           char          **out_b_hex)
{
  guint8 buffer[GROUP_BYTES + 1];
  mpz_t n, g, a, v, k, b, big_b;
  gsize len;
  gboolean valid;

  if (self->verifier_hex == NULL || g_strcmp0 (user, self->user) != 0 ||
      !is_hex_of (a_hex, 1, 2 * GROUP_BYTES))
    return FALSE;

  mpz_init_set_str (n, group_n, 16);
  mpz_init_set_ui (g, 2);
  mpz_init_set_str (a, a_hex, 16);
  mpz_init_set_str (v, self->verifier_hex, 16);
  mpz_inits (k, b, big_b, NULL);
  mpz_mod (k, a, n);
  valid = mpz_sgn (k) != 0;   /* A mod N must not be 0 (RFC 5054 §2.5.4) */
  if (valid)
    {
      g_autoptr(GString) b_private = g_string_new (NULL);

      for (guint i = 0; i < 8; i++)
        g_string_append_printf (b_private, "%08X", g_random_int ());
      mpz_set_str (b, b_private->str, 16);

      /* k = H(N | 02), B = k·v + g^b mod N */
      len = export_bytes (n, buffer, 0);
      buffer[len] = 2;
      sha256_to_mpz (k, buffer, len + 1);
      mpz_mul (k, k, v);
      mpz_powm (big_b, g, b, n);
      mpz_add (big_b, big_b, k);
      mpz_mod (big_b, big_b, n);

      close_challenge (self);
      self->a_hex = g_strdup (a_hex);
      self->b_private_hex = g_string_free (g_steal_pointer (&b_private), FALSE);
      self->b_hex = mpz_get_str (NULL, 16, big_b);
      *out_salt_hex = g_strdup (self->salt_hex);
      *out_b_hex = g_strdup (self->b_hex);
    }
  mpz_clears (n, g, a, v, k, b, big_b, NULL);
  return valid;
}

/* The proof the client should send for @order. */
static char *
expected_proof (CarportSimSrp *self,
                const char    *order)
{
  guint8 buffer[2 * GROUP_BYTES];
  guint8 key[32];
  gsize key_len = sizeof key;
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(GHmac) hmac = NULL;
  mpz_t n, a, b, big_b, v, u, s;
  gsize len;

  mpz_init_set_str (n, group_n, 16);
  mpz_init_set_str (a, self->a_hex, 16);
  mpz_init_set_str (b, self->b_private_hex, 16);
  mpz_init_set_str (big_b, self->b_hex, 16);
  mpz_init_set_str (v, self->verifier_hex, 16);
  mpz_inits (u, s, NULL);

  /* u = H(minimal A | PAD(B)) */
  len = export_bytes (a, buffer, 0);
  len += export_bytes (big_b, buffer + len, GROUP_BYTES);
  sha256_to_mpz (u, buffer, len);

  /* S = (A·v^u)^b mod N, K = H(minimal S) */
  mpz_powm (s, v, u, n);
  mpz_mul (s, s, a);
  mpz_mod (s, s, n);
  mpz_powm (s, s, b, n);
  len = export_bytes (s, buffer, 0);
  g_checksum_update (checksum, buffer, len);
  g_checksum_get_digest (checksum, key, &key_len);

  hmac = g_hmac_new (G_CHECKSUM_SHA256, key, key_len);
  export_bytes (a, buffer, GROUP_BYTES);
  export_bytes (big_b, buffer + GROUP_BYTES, GROUP_BYTES);
  g_hmac_update (hmac, buffer, 2 * GROUP_BYTES);
  g_hmac_update (hmac, (const guchar *) self->user, strlen (self->user));
  for (const char *p = self->salt_hex; p[0] != '\0'; p += 2)
    {
      guint8 byte = g_ascii_xdigit_value (p[0]) << 4 | g_ascii_xdigit_value (p[1]);

      g_hmac_update (hmac, &byte, 1);
    }
  g_hmac_update (hmac, (const guchar *) order, strlen (order));

  mpz_clears (n, a, b, big_b, v, u, s, NULL);
  return g_strdup (g_hmac_get_string (hmac));
}

CarportSimSrpCheck
carport_sim_srp_check (CarportSimSrp *self,
                       const char    *order,
                       const char    *proof_hex)
{
  g_autofree char *expected = NULL;

  if (self->wrong_tries >= CARPORT_SIM_SRP_MAX_TRIES)
    return CARPORT_SIM_SRP_LOCKED_OUT;
  if (self->a_hex == NULL)
    return CARPORT_SIM_SRP_NO_CHALLENGE;

  expected = expected_proof (self, order);
  close_challenge (self);
  if (proof_hex != NULL && g_ascii_strcasecmp (expected, proof_hex) == 0)
    {
      self->wrong_tries = 0;
      return CARPORT_SIM_SRP_OK;
    }
  self->wrong_tries++;
  return self->wrong_tries >= CARPORT_SIM_SRP_MAX_TRIES ? CARPORT_SIM_SRP_LOCKED_OUT
                                                        : CARPORT_SIM_SRP_WRONG_PIN;
}

guint
carport_sim_srp_tries_left (CarportSimSrp *self)
{
  return CARPORT_SIM_SRP_MAX_TRIES - MIN (self->wrong_tries, CARPORT_SIM_SRP_MAX_TRIES);
}
