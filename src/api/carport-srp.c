/* carport-srp.c — the client side of SRP-6a (RFC 5054) for Kamereon's
 * privileged commands.
 *
 * Bignums are GMP's; exponents that hold a secret (a, x, a + u·x) go through
 * mpz_powm_sec, which takes the same time whatever their bits. GMP is given
 * allocation functions that wipe every block it frees or moves, so no
 * intermediate value of the PIN's x or of S stays in freed memory. */
#include "config.h"

#define G_LOG_DOMAIN "carport-api"

#include <glib/gi18n-lib.h>
#include <gmp.h>
#include <string.h>
#include <sys/random.h>

#include "carport-api-error.h"
#include "carport-srp.h"

struct _CarportSrpParams
{
  const char   *n_hex;
  guint         g;
  GChecksumType hash;
  gboolean      k_pads_g;  /* k = H(N | PAD(g)) (RFC), else H(N | one byte g) */
  gboolean      u_pads_a;  /* u = H(PAD(A) | PAD(B)) (RFC), else H(minimal A | PAD(B)) */
};

static const CarportSrpParams rfc5054_1024 = {
  .n_hex = "EEAF0AB9ADB38DD69C33F80AFA8FC5E86072618775FF3C0B9EA2314C9C256576D674DF7496EA81D3383B4813D692C6E0E0D5D8E250B98BE48E495C1D6089DAD15DC7D7B46154D6B6CE8EF4AD69B15D4982559B297BCF1885C529F566660E57EC68EDBC3C05726CC02FD4CBF4976EAA9AFD5138FE8376435B9FC61D2FC0EB06E3",
  .g = 2,
  .hash = G_CHECKSUM_SHA1,
  .k_pads_g = TRUE,
  .u_pads_a = TRUE,
};

static const CarportSrpParams kamereon = {
  .n_hex = "AC6BDB41324A9A9BF166DE5E1389582FAF72B6651987EE07FC3192943DB56050A37329CBB4A099ED8193E0757767A13DD52312AB4B03310DCD7F48A9DA04FD50E8083969EDB767B0CF6095179A163AB3661A05FBD5FAAAE82918A9962F0B93B855F97993EC975EEAA80D740ADBF4FF747359D041D5C33EA71D281E446B14773BCA97B43A23FB801676BD207A436C6481F1D2B9078717461A5B9D32E688F87748544523B524B0D57D5EA77A2775D2ECFA032CFBDBF52FB3786160279004E57AE6AF874E7303CE53299CCC041C7BC308D82A5698F3A8D0C38271AE35F8E9DBFBB694B5C803D89F7AE435DE236D525F54759B65E372FCD68EF20FA7111F9E4AFF73",
  .g = 2,
  .hash = G_CHECKSUM_SHA256,
  .k_pads_g = FALSE,
  .u_pads_a = FALSE,
};

const CarportSrpParams *
carport_srp_params_rfc5054_1024 (void)
{
  return &rfc5054_1024;
}

const CarportSrpParams *
carport_srp_params_kamereon (void)
{
  return &kamereon;
}

/* GMP's allocations, wiped when freed or moved. */
static void *
wiping_realloc (void   *block,
                size_t  old_size,
                size_t  new_size)
{
  void *moved = g_malloc (new_size);

  memcpy (moved, block, MIN (old_size, new_size));
  explicit_bzero (block, old_size);
  g_free (block);
  return moved;
}

static void
wiping_free (void   *block,
             size_t  size)
{
  explicit_bzero (block, size);
  g_free (block);
}

static void
ensure_wiping_allocator (void)
{
  static gsize once = 0;

  if (g_once_init_enter (&once))
    {
      mp_set_memory_functions (NULL, wiping_realloc, wiping_free);
      g_once_init_leave (&once, 1);
    }
}

static void
load_group (const CarportSrpParams *params,
            mpz_t                   n,
            mpz_t                   g)
{
  ensure_wiping_allocator ();
  mpz_init_set_str (n, params->n_hex, 16);
  mpz_init_set_ui (g, params->g);
}

static gsize
group_size (const mpz_t n)
{
  return (mpz_sizeinbase (n, 2) + 7) / 8;
}

/* @z's big-endian bytes, left-padded with zeros to @pad_to when it is not 0
 * (minimal otherwise). */
static GBytes *
mpz_to_bytes (const mpz_t z,
              gsize       pad_to)
{
  gsize minimal = mpz_sgn (z) == 0 ? 0 : (mpz_sizeinbase (z, 2) + 7) / 8;
  gsize len = MAX (minimal, pad_to);
  guint8 *buffer = g_malloc0 (MAX (len, 1));
  size_t written = 0;

  mpz_export (buffer + (len - minimal), &written, 1, 1, 1, 0, z);
  return g_bytes_new_with_free_func (buffer, len, (GDestroyNotify) g_free, buffer);
}

static void
mpz_set_bytes (mpz_t          z,
               const guint8  *data,
               gsize          len)
{
  mpz_import (z, len, 1, 1, 1, 0, data);
}

/* H(parts…) into @z; the list ends with NULL. */
static void
hash_to_mpz (const CarportSrpParams *params,
             mpz_t                   z,
             GBytes                 *first,
             ...)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (params->hash);
  guint8 digest[64];
  gsize digest_len = sizeof digest;
  va_list args;

  va_start (args, first);
  for (GBytes *part = first; part != NULL; part = va_arg (args, GBytes *))
    {
      gsize len;
      const guint8 *data = g_bytes_get_data (part, &len);

      g_checksum_update (checksum, data, len);
    }
  va_end (args);
  g_checksum_get_digest (checksum, digest, &digest_len);
  mpz_set_bytes (z, digest, digest_len);
  explicit_bzero (digest, sizeof digest);
}

static char *
mpz_to_hex (const mpz_t z,
            gsize       pad_to)
{
  g_autoptr(GBytes) bytes = mpz_to_bytes (z, pad_to);
  gsize len;
  const guint8 *data = g_bytes_get_data (bytes, &len);
  GString *hex = g_string_sized_new (len * 2);

  for (gsize i = 0; i < len; i++)
    g_string_append_printf (hex, "%02X", data[i]);
  return g_string_free (hex, FALSE);
}

static gboolean
is_hex (const char *text)
{
  return text != NULL && *text != '\0' && text[strspn (text, "0123456789abcdefABCDEF")] == '\0';
}

/* x = H(salt | H(user | ":" | pin)). */
static void
derive_x (const CarportSrpParams *params,
          mpz_t                   x,
          const char             *user,
          const char             *pin,
          GBytes                 *salt)
{
  g_autofree char *identity = g_strconcat (user, ":", pin, NULL);
  g_autoptr(GBytes) identity_bytes = g_bytes_new_static (identity, strlen (identity));
  g_autoptr(GBytes) inner = NULL;
  mpz_t inner_z;

  mpz_init (inner_z);
  hash_to_mpz (params, inner_z, identity_bytes, NULL);
  inner = mpz_to_bytes (inner_z, g_checksum_type_get_length (params->hash));
  hash_to_mpz (params, x, salt, inner, NULL);
  mpz_clear (inner_z);
  explicit_bzero (identity, strlen (identity));
}

gboolean
carport_srp_check_pin (const char  *pin,
                       GError     **error)
{
  gsize len = pin != NULL ? strlen (pin) : 0;

  if (len >= 4 && len <= 8 && strspn (pin, "0123456789") == len)
    return TRUE;
  g_set_error_literal (error, CARPORT_API_ERROR, CARPORT_API_ERROR_INVALID_INPUT,
                       _("The PIN must be 4 to 8 digits."));
  return FALSE;
}

GBytes *
carport_srp_new_salt (gsize len)
{
  guint8 *buffer = g_malloc (len);
  gsize filled = 0;

  while (filled < len)
    {
      gssize got = getrandom (buffer + filled, len - filled, 0);

      if (got > 0)
        filled += got;
    }
  return g_bytes_new_take (buffer, len);
}

char *
carport_srp_dup_verifier (const CarportSrpParams *params,
                          const char             *user,
                          const char             *pin,
                          GBytes                 *salt)
{
  mpz_t n, g, x, v;
  char *hex;

  load_group (params, n, g);
  mpz_inits (x, v, NULL);
  derive_x (params, x, user, pin, salt);
  mpz_powm_sec (v, g, x, n);
  hex = mpz_to_hex (v, group_size (n));
  mpz_clears (n, g, x, v, NULL);
  return hex;
}

struct _CarportSrpClient
{
  const CarportSrpParams *params;
  mpz_t n;
  mpz_t g;
  mpz_t a;
  mpz_t public_a;
  mpz_t b;
  mpz_t premaster;
  GBytes *salt;
  GBytes *key;
};

CarportSrpClient *
carport_srp_client_new (const CarportSrpParams *params,
                        GBytes                 *private_a)
{
  CarportSrpClient *self = g_new0 (CarportSrpClient, 1);
  g_autoptr(GBytes) random_a = private_a == NULL ? carport_srp_new_salt (32) : NULL;
  GBytes *a_bytes = private_a != NULL ? private_a : random_a;
  gsize len;
  const guint8 *data = g_bytes_get_data (a_bytes, &len);

  self->params = params;
  load_group (params, self->n, self->g);
  mpz_inits (self->a, self->public_a, self->b, self->premaster, NULL);
  mpz_set_bytes (self->a, data, len);
  mpz_powm_sec (self->public_a, self->g, self->a, self->n);
  return self;
}

void
carport_srp_client_free (CarportSrpClient *self)
{
  if (self == NULL)
    return;
  mpz_clears (self->n, self->g, self->a, self->public_a, self->b, self->premaster, NULL);
  g_clear_pointer (&self->salt, g_bytes_unref);
  g_clear_pointer (&self->key, g_bytes_unref);
  g_free (self);
}

char *
carport_srp_client_dup_public (CarportSrpClient *self)
{
  return mpz_to_hex (self->public_a, group_size (self->n));
}

static GBytes *
bytes_from_hex (const char *hex)
{
  gsize len = strlen (hex) / 2;
  guint8 *buffer = g_malloc (MAX (len, 1));

  for (gsize i = 0; i < len; i++)
    buffer[i] = g_ascii_xdigit_value (hex[2 * i]) << 4 | g_ascii_xdigit_value (hex[2 * i + 1]);
  return g_bytes_new_take (buffer, len);
}

gboolean
carport_srp_client_set_challenge (CarportSrpClient  *self,
                                  const char        *user,
                                  const char        *pin,
                                  const char        *salt_hex,
                                  const char        *b_hex,
                                  GError           **error)
{
  const CarportSrpParams *params = self->params;
  gsize size = group_size (self->n);
  g_autoptr(GBytes) padded_a = NULL;
  g_autoptr(GBytes) padded_b = NULL;
  g_autoptr(GBytes) n_bytes = NULL;
  g_autoptr(GBytes) g_bytes = NULL;
  g_autoptr(GBytes) s_bytes = NULL;
  mpz_t u, k, x, v, base, exponent;
  gboolean usable;

  if (!is_hex (salt_hex) || strlen (salt_hex) % 2 != 0 || strlen (salt_hex) > 128 ||
      !is_hex (b_hex) || strlen (b_hex) > 2 * size)
    {
      g_set_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_INVALID_RESPONSE,
                   _("The car’s answer to the PIN check is not valid"));
      return FALSE;
    }

  mpz_set_str (self->b, b_hex, 16);
  g_clear_pointer (&self->salt, g_bytes_unref);
  self->salt = bytes_from_hex (salt_hex);

  mpz_inits (u, k, x, v, base, exponent, NULL);
  padded_a = mpz_to_bytes (self->public_a, params->u_pads_a ? size : 0);
  padded_b = mpz_to_bytes (self->b, size);
  hash_to_mpz (params, u, padded_a, padded_b, NULL);
  mpz_mod (base, self->b, self->n);
  usable = mpz_sgn (base) != 0 && mpz_sgn (u) != 0;
  if (usable)
    {
      n_bytes = mpz_to_bytes (self->n, 0);
      g_bytes = mpz_to_bytes (self->g, params->k_pads_g ? size : 1);
      hash_to_mpz (params, k, n_bytes, g_bytes, NULL);
      derive_x (params, x, user, pin, self->salt);
      mpz_powm_sec (v, self->g, x, self->n);
      /* S = (B - k·v)^(a + u·x) mod N */
      mpz_mul (k, k, v);
      mpz_sub (base, self->b, k);
      mpz_mod (base, base, self->n);
      mpz_mul (exponent, u, x);
      mpz_add (exponent, exponent, self->a);
      mpz_powm_sec (self->premaster, base, exponent, self->n);
      s_bytes = mpz_to_bytes (self->premaster, 0);
      mpz_set_ui (x, 0);
      hash_to_mpz (params, x, s_bytes, NULL);
      g_clear_pointer (&self->key, g_bytes_unref);
      self->key = mpz_to_bytes (x, g_checksum_type_get_length (params->hash));
    }
  mpz_clears (u, k, x, v, base, exponent, NULL);
  if (!usable)
    g_set_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_INVALID_RESPONSE,
                 _("The car’s answer to the PIN check is not valid"));
  return usable;
}

char *
carport_srp_client_dup_premaster (CarportSrpClient *self)
{
  g_return_val_if_fail (self->key != NULL, NULL);
  return mpz_to_hex (self->premaster, group_size (self->n));
}

char *
carport_srp_client_dup_proof (CarportSrpClient *self,
                              const char       *user,
                              const char       *order)
{
  gsize size = group_size (self->n);
  g_autoptr(GBytes) padded_a = mpz_to_bytes (self->public_a, size);
  g_autoptr(GBytes) padded_b = mpz_to_bytes (self->b, size);
  g_autoptr(GHmac) hmac = NULL;
  gsize key_len;
  const guint8 *key;
  guint8 digest[32];
  gsize digest_len = sizeof digest;
  mpz_t proof;
  char *hex;

  g_return_val_if_fail (self->key != NULL, NULL);

  key = g_bytes_get_data (self->key, &key_len);
  hmac = g_hmac_new (G_CHECKSUM_SHA256, key, key_len);
  g_hmac_update (hmac, g_bytes_get_data (padded_a, NULL), size);
  g_hmac_update (hmac, g_bytes_get_data (padded_b, NULL), size);
  g_hmac_update (hmac, (const guchar *) user, strlen (user));
  g_hmac_update (hmac, g_bytes_get_data (self->salt, NULL), g_bytes_get_size (self->salt));
  g_hmac_update (hmac, (const guchar *) order, strlen (order));
  g_hmac_get_digest (hmac, digest, &digest_len);

  mpz_init (proof);
  mpz_set_bytes (proof, digest, digest_len);
  hex = mpz_to_hex (proof, digest_len);
  mpz_clear (proof);
  return hex;
}
