/* test-srp.c — SRP-6a's client side against RFC 5054 Appendix B, and the
 * Kamereon variant's enrolment and proof against an independent verifier
 * computation (the server's formulas, not the client's). */
#include "config.h"

#include <gmp.h>
#include <string.h>

#include "carport-api-error.h"
#include "carport-srp.h"

/* RFC 5054 Appendix B (1024-bit group, SHA-1). */
#define RFC_I "alice"
#define RFC_P "password123"
#define RFC_SALT "BEB25379D1A8581EB5A727673A2441EE"
#define RFC_V \
  "7E273DE8696FFC4F4E337D05B4B375BEB0DDE1569E8FA00A9886D812" \
  "9BADA1F1822223CA1A605B530E379BA4729FDC59F105B4787E5186F5" \
  "C671085A1447B52A48CF1970B4FB6F8400BBF4CEBFBB168152E08AB5" \
  "EA53D15C1AFF87B2B9DA6E04E058AD51CC72BFC9033B564E26480D78" \
  "E955A5E29E7AB245DB2BE315E2099AFB"
#define RFC_A_PRIVATE "60975527035CF2AD1989806F0407210BC81EDC04E2762A56AFD529DDDA2D4393"
#define RFC_A \
  "61D5E490F6F1B79547B0704C436F523DD0E560F0C64115BB72557EC4" \
  "4352E8903211C04692272D8B2D1A5358A2CF1B6E0BFCF99F921530EC" \
  "8E39356179EAE45E42BA92AEACED825171E1E8B9AF6D9C03E1327F44" \
  "BE087EF06530E69F66615261EEF54073CA11CF5858F0EDFDFE15EFEA" \
  "B349EF5D76988A3672FAC47B0769447B"
#define RFC_B \
  "BD0C61512C692C0CB6D041FA01BB152D4916A1E77AF46AE105393011" \
  "BAF38964DC46A0670DD125B95A981652236F99D9B681CBF87837EC99" \
  "6C6DA04453728610D0C6DDB58B318885D7D82C7F8DEB75CE7BD4FBAA" \
  "37089E6F9C6059F388838E7A00030B331EB76840910440B1B27AAEAE" \
  "EB4012B7D7665238A8E3FB004B117B58"
#define RFC_S \
  "B0DC82BABCF30674AE450C0287745E7990A3381F63B387AAF271A10D" \
  "233861E359B48220F7C4693C9AE12B0A6F67809F0876E2D013800D6C" \
  "41BB59B6D5979B5C00A172B4A2A5903A0BDCAF8A709585EB2AFAFA8F" \
  "3499B200210DCC1F10EB33943CD67FC88A2F39A4BE5BEC4EC0A3212D" \
  "C346D7E474B29EDE8A469FFECA686E5A"

static GBytes *
bytes_from_hex (const char *hex)
{
  gsize len = strlen (hex) / 2;
  guint8 *data = g_malloc (len);

  for (gsize i = 0; i < len; i++)
    data[i] = g_ascii_xdigit_value (hex[2 * i]) << 4 | g_ascii_xdigit_value (hex[2 * i + 1]);
  return g_bytes_new_take (data, len);
}

static void
test_rfc5054_verifier (void)
{
  g_autoptr(GBytes) salt = bytes_from_hex (RFC_SALT);
  g_autofree char *verifier = carport_srp_dup_verifier (carport_srp_params_rfc5054_1024 (),
                                                        RFC_I, RFC_P, salt);

  g_assert_cmpstr (verifier, ==, RFC_V);
}

static void
test_rfc5054_client (void)
{
  g_autoptr(GBytes) a = bytes_from_hex (RFC_A_PRIVATE);
  g_autoptr(CarportSrpClient) client = carport_srp_client_new (carport_srp_params_rfc5054_1024 (), a);
  g_autofree char *public_a = carport_srp_client_dup_public (client);
  g_autofree char *premaster = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *lower_b = g_ascii_strdown (RFC_B, -1);

  g_assert_cmpstr (public_a, ==, RFC_A);
  /* B in lower case: hex is read in either case. */
  g_assert_true (carport_srp_client_set_challenge (client, RFC_I, RFC_P, RFC_SALT, lower_b, &error));
  g_assert_no_error (error);
  premaster = carport_srp_client_dup_premaster (client);
  g_assert_cmpstr (premaster, ==, RFC_S);
}

static void
test_rfc5054_wrong_password (void)
{
  g_autoptr(GBytes) a = bytes_from_hex (RFC_A_PRIVATE);
  g_autoptr(CarportSrpClient) client = carport_srp_client_new (carport_srp_params_rfc5054_1024 (), a);
  g_autofree char *premaster = NULL;

  g_assert_true (carport_srp_client_set_challenge (client, RFC_I, "password124", RFC_SALT, RFC_B, NULL));
  premaster = carport_srp_client_dup_premaster (client);
  g_assert_cmpstr (premaster, !=, RFC_S);
}

static void
test_bad_challenge (void)
{
  g_autoptr(CarportSrpClient) client = carport_srp_client_new (carport_srp_params_kamereon (), NULL);
  const char *zero_mod_n =
    "AC6BDB41324A9A9BF166DE5E1389582FAF72B6651987EE07FC3192943DB56050A37329CBB4A099ED8193E075"
    "7767A13DD52312AB4B03310DCD7F48A9DA04FD50E8083969EDB767B0CF6095179A163AB3661A05FBD5FAAAE8"
    "2918A9962F0B93B855F97993EC975EEAA80D740ADBF4FF747359D041D5C33EA71D281E446B14773BCA97B43A"
    "23FB801676BD207A436C6481F1D2B9078717461A5B9D32E688F87748544523B524B0D57D5EA77A2775D2ECFA"
    "032CFBDBF52FB3786160279004E57AE6AF874E7303CE53299CCC041C7BC308D82A5698F3A8D0C38271AE35F8"
    "E9DBFBB694B5C803D89F7AE435DE236D525F54759B65E372FCD68EF20FA7111F9E4AFF73";
  const char *bad[][2] = {
    { "00010203040506070809", "0" },
    { "00010203040506070809", zero_mod_n },
    { "00010203040506070809", "not hex" },
    { "0001020", "1234" },
    { "", "1234" },
    { "00010203040506070809", " 1234" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (carport_srp_client_set_challenge (client, "user", "1234", bad[i][0], bad[i][1], &error));
      g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_INVALID_RESPONSE);
    }
}

/* The verifier's side, written from the formulas of api-nissan.md §3.4:
 * B = k·v + g^b, u = H(minimal A | PAD(B)), S = (A·v^u)^b, K = H(minimal S),
 * proof = HMAC-SHA256(K, PAD(A) | PAD(B) | user | salt | order). */
static char *
server_expected_proof (const char  *public_a_hex,
                       const char  *verifier_hex,
                       const char  *salt_hex,
                       const char  *user,
                       const char  *order,
                       char       **out_b_hex)
{
  mpz_t n, g, a, v, b, big_b, k, u, s, t;
  guint8 buffer[256 * 2 + 1];
  guint8 digest[32];
  gsize digest_len = sizeof digest;
  g_autoptr(GChecksum) checksum = NULL;
  g_autoptr(GHmac) hmac = NULL;
  g_autoptr(GBytes) salt = bytes_from_hex (salt_hex);
  GString *hex = g_string_new (NULL);
  size_t len;

  mpz_init_set_str (n, "AC6BDB41324A9A9BF166DE5E1389582FAF72B6651987EE07FC3192943DB56050A37329CBB4A099ED8193E0757767A13DD52312AB4B03310DCD7F48A9DA04FD50E8083969EDB767B0CF6095179A163AB3661A05FBD5FAAAE82918A9962F0B93B855F97993EC975EEAA80D740ADBF4FF747359D041D5C33EA71D281E446B14773BCA97B43A23FB801676BD207A436C6481F1D2B9078717461A5B9D32E688F87748544523B524B0D57D5EA77A2775D2ECFA032CFBDBF52FB3786160279004E57AE6AF874E7303CE53299CCC041C7BC308D82A5698F3A8D0C38271AE35F8E9DBFBB694B5C803D89F7AE435DE236D525F54759B65E372FCD68EF20FA7111F9E4AFF73", 16);
  mpz_init_set_str (a, public_a_hex, 16);
  mpz_init_set_str (v, verifier_hex, 16);
  mpz_init_set_str (b, "1234567890ABCDEF1234567890ABCDEF1234567890ABCDEF1234567890ABCDEF", 16);
  mpz_init_set_ui (g, 2);
  mpz_inits (big_b, k, u, s, t, NULL);

  /* k = H(N | 02) */
  checksum = g_checksum_new (G_CHECKSUM_SHA256);
  mpz_export (buffer, &len, 1, 1, 1, 0, n);
  buffer[len] = 2;
  g_checksum_update (checksum, buffer, len + 1);
  g_checksum_get_digest (checksum, digest, &digest_len);
  mpz_import (k, digest_len, 1, 1, 1, 0, digest);

  mpz_powm (big_b, g, b, n);
  mpz_mul (t, k, v);
  mpz_add (big_b, big_b, t);
  mpz_mod (big_b, big_b, n);

  /* u = H(minimal A | PAD(B)) */
  g_checksum_reset (checksum);
  memset (buffer, 0, sizeof buffer);
  mpz_export (buffer, &len, 1, 1, 1, 0, a);
  mpz_export (buffer + len + 256 - (mpz_sizeinbase (big_b, 2) + 7) / 8, NULL, 1, 1, 1, 0, big_b);
  g_checksum_update (checksum, buffer, len + 256);
  digest_len = sizeof digest;
  g_checksum_get_digest (checksum, digest, &digest_len);
  mpz_import (u, digest_len, 1, 1, 1, 0, digest);

  /* S = (A·v^u)^b */
  mpz_powm (t, v, u, n);
  mpz_mul (t, t, a);
  mpz_powm (s, t, b, n);
  mpz_export (buffer, &len, 1, 1, 1, 0, s);
  g_checksum_reset (checksum);
  g_checksum_update (checksum, buffer, len);
  digest_len = sizeof digest;
  g_checksum_get_digest (checksum, digest, &digest_len);

  hmac = g_hmac_new (G_CHECKSUM_SHA256, digest, digest_len);
  memset (buffer, 0, sizeof buffer);
  mpz_export (buffer + 256 - (mpz_sizeinbase (a, 2) + 7) / 8, NULL, 1, 1, 1, 0, a);
  mpz_export (buffer + 512 - (mpz_sizeinbase (big_b, 2) + 7) / 8, NULL, 1, 1, 1, 0, big_b);
  g_hmac_update (hmac, buffer, 512);
  g_hmac_update (hmac, (const guchar *) user, strlen (user));
  g_hmac_update (hmac, g_bytes_get_data (salt, NULL), g_bytes_get_size (salt));
  g_hmac_update (hmac, (const guchar *) order, strlen (order));

  *out_b_hex = mpz_get_str (NULL, 16, big_b);
  mpz_clears (n, g, a, v, b, big_b, k, u, s, t, NULL);
  g_string_append (hex, g_hmac_get_string (hmac));
  return g_string_free (hex, FALSE);
}

static void
test_kamereon_proof (void)
{
  const CarportSrpParams *params = carport_srp_params_kamereon ();
  const char *salt_hex = "00010203040506070809";
  g_autoptr(GBytes) salt = bytes_from_hex (salt_hex);
  g_autofree char *verifier = carport_srp_dup_verifier (params, "synthetic-user", "1234", salt);
  g_autoptr(CarportSrpClient) client = carport_srp_client_new (params, NULL);
  g_autofree char *public_a = carport_srp_client_dup_public (client);
  g_autofree char *b_hex = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *proof = NULL;
  g_autofree char *wrong_proof = NULL;
  g_autoptr(CarportSrpClient) wrong = carport_srp_client_new (params, NULL);
  g_autofree char *wrong_a = carport_srp_client_dup_public (wrong);
  g_autofree char *wrong_b = NULL;
  g_autofree char *wrong_expected = NULL;

  g_assert_cmpuint (strlen (verifier), ==, 512);
  g_assert_cmpuint (strlen (public_a), ==, 512);

  expected = server_expected_proof (public_a, verifier, salt_hex, "synthetic-user",
                                    "SYNTHETICVIN/RLU/Lock", &b_hex);
  g_assert_true (carport_srp_client_set_challenge (client, "synthetic-user", "1234", salt_hex, b_hex, NULL));
  proof = carport_srp_client_dup_proof (client, "synthetic-user", "SYNTHETICVIN/RLU/Lock");
  g_assert_cmpuint (strlen (proof), ==, 64);
  g_assert_cmpint (g_ascii_strcasecmp (proof, expected), ==, 0);

  /* A wrong PIN gives a proof the verifier refuses. */
  wrong_expected = server_expected_proof (wrong_a, verifier, salt_hex, "synthetic-user",
                                          "SYNTHETICVIN/RLU/Lock", &wrong_b);
  g_assert_true (carport_srp_client_set_challenge (wrong, "synthetic-user", "1243", salt_hex, wrong_b, NULL));
  wrong_proof = carport_srp_client_dup_proof (wrong, "synthetic-user", "SYNTHETICVIN/RLU/Lock");
  g_assert_cmpint (g_ascii_strcasecmp (wrong_proof, wrong_expected), !=, 0);
}

static void
test_salt (void)
{
  g_autoptr(GBytes) one = carport_srp_new_salt (10);
  g_autoptr(GBytes) two = carport_srp_new_salt (10);

  g_assert_cmpuint (g_bytes_get_size (one), ==, 10);
  g_assert_false (g_bytes_equal (one, two));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/srp/rfc5054/verifier", test_rfc5054_verifier);
  g_test_add_func ("/srp/rfc5054/client", test_rfc5054_client);
  g_test_add_func ("/srp/rfc5054/wrong-password", test_rfc5054_wrong_password);
  g_test_add_func ("/srp/bad-challenge", test_bad_challenge);
  g_test_add_func ("/srp/kamereon/proof", test_kamereon_proof);
  g_test_add_func ("/srp/salt", test_salt);
  return g_test_run ();
}
