/* test-srp.c — SRP-6a's client side against RFC 5054 Appendix B, and the
 * Kamereon variant's enrolment and proof against an independent verifier
 * computation (the server's formulas, not the client's), and Nissan's known
 * answer from tests/api/srp-nissan-vectors.py. */
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

/* Nissan's variant with the encodings that matter: a known answer computed
 * by tests/api/srp-nissan-vectors.py (Python's hashlib, hmac and pow(), not
 * this code), whose A and S begin with a zero byte, so that padding either
 * one where §3.4 says minimal gives another proof. The user is a MyNISSAN
 * user id. */
#define NISSAN_USER "9204117"
#define NISSAN_PIN "2580"
#define NISSAN_SALT "a0a1a2a3a4a5a6a7a8a9"
#define NISSAN_ORDER "SJNFAAZE1U0000001/RLU/Unlock"
#define NISSAN_A_PRIVATE "a66d4ad84d81247c02428aabb4c4186f4f577112fa4fed1947ff6bbe99f4470d"
#define NISSAN_V \
  "7cb85108dc3508668e9326c1c2800d266c814e49ffadec23bb20450d68824d3d" \
  "a546e6709244dae8ed531ecdb6d6ba98081609ebe35f8622307ff7a0bb522eb8" \
  "3f3f7811110af54549994c9fd73bdf254c0d199469beff1e1212c9ec31a1481d" \
  "3393a22166056e336a001d468fab334a2de48f949cc026efb00330353e96c7e6" \
  "6fd9f9903c4d11922ef19ee94dce4f4f418de0f5ce26e399e4a827b5323362c6" \
  "421c7234ea192d7b8ce29140a13bc07f4206c7438a89a91380655636480a2896" \
  "3c4e02ddc67ec395173868d96a8cefafebbd63f27defc7d59b25b46ad7abd4ba" \
  "90e2ee3bfd7e8eb6bc0a05e5273979451e3148a556cf29a02bcd3fe802fb1afd"
#define NISSAN_A \
  "00f81be3aa1cbde6126906edd0c18d9a0c09a8df17bba6742fa88119c7043029" \
  "7249c9e302236ca6361dda4dbefc1ccb960f560584ef606cb1f61104a2a72632" \
  "f8f478c633381b871ec65cb23c0cb7ae3b132774933c0da829f000492db4568b" \
  "beb63de7665d77bf1a1a2edfc71a0b9176436f032e81c9bba65d8a6a1e0c2c65" \
  "a6e1ddfca0218a3b4f98b5cbb4a0c9752eb585595db469cb9a0a4bce16f9ee04" \
  "94411a4546887123b260edcf05ad194c55656fb1a2998210f893d75d4050e386" \
  "b3fb3dfce54708023ca7c618c364ae47304ba95a25846a24c83c616f54832782" \
  "80c13a1295d04142a64686c60920d2b18ddfbcd491e7fe4dfe1084dae6b86b30"
#define NISSAN_B \
  "6a88203878eee2819a043b6d0a6279b8e1f1e72d8615968ef27d63dae66f95b3" \
  "05923904de1368f296b44887dd23a699080986de29e909e75dc60ab5c2bcfb94" \
  "b2d95e4d7d0893c940fafa1ffbbdea912fa0ecdf39d7ff525bb94bd6749ea503" \
  "8f822bc8440a0f6fd4b5ee9dfeecba2f6bbda09aab721ae9ab3c4707e7db5911" \
  "55da5e620196b22e0769baae898763e295e8169efc9e28fb04a3acafa84f75d7" \
  "81017ad6f0ed3d4a1636d7fa210d75abf47a6acb9d3a64d3cb3954ebb7aea774" \
  "272331db151f033f3024b0b073368b1b79e9325ecc882339f02c113f60d7c3b3" \
  "9f2c50ea658fb2524525c8a4e77df0cc56bf3643c75b69230e52deb7aa7bbe0d"
#define NISSAN_S \
  "008c92e0937a1e74f246a98523bd45db03b44f4a2d7668a72452d74bcad8a718" \
  "5073ca0b8628a0722fb75cfb07a8fc4223abf6a7b43dcee538b3dd86eef3d789" \
  "12f455535604e8c7877f9d510fa60b6694e2b1468c99276ea4ee1d9967e089a1" \
  "2660b20d64882f06743959f3a4fce89a65593c83964d5c7638fc37e52267d030" \
  "d411c2841e50861189eaeb41c2456d99c33eff92aa5021e2a36b97900ff242bb" \
  "e39992a347acad5e63a34349d50fecb372755c29ef51bba3ca682674ab9f8ff1" \
  "ca56dd99e32cb860aaa6f98ac3d9f46c1b897648dc04046f085ea7e531d87db7" \
  "30e03871dd0690c5c8840a59533ecd0a5a927cff65862a8d8d3e3fe15f33daf4"
#define NISSAN_PROOF "0d95903c8c8d8f53cbc2ce5f087adc64b5edfb1403f3306f57db1540bfcb0829"

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
test_nissan_known_answer (void)
{
  const CarportSrpParams *params = carport_srp_params_kamereon ();
  g_autoptr(GBytes) salt = bytes_from_hex (NISSAN_SALT);
  g_autoptr(GBytes) private_a = bytes_from_hex (NISSAN_A_PRIVATE);
  g_autofree char *verifier = carport_srp_dup_verifier (params, NISSAN_USER, NISSAN_PIN, salt);
  g_autoptr(CarportSrpClient) client = carport_srp_client_new (params, private_a);
  g_autofree char *public_a = carport_srp_client_dup_public (client);
  g_autofree char *premaster = NULL;
  g_autofree char *proof = NULL;

  g_assert_cmpint (g_ascii_strcasecmp (verifier, NISSAN_V), ==, 0);
  /* A goes padded to 256 bytes on the wire, its leading zeros kept */
  g_assert_true (g_str_has_prefix (public_a, "00"));
  g_assert_cmpint (g_ascii_strcasecmp (public_a, NISSAN_A), ==, 0);
  g_assert_true (carport_srp_client_set_challenge (client, NISSAN_USER, NISSAN_PIN, NISSAN_SALT, NISSAN_B, NULL));
  premaster = carport_srp_client_dup_premaster (client);
  g_assert_cmpint (g_ascii_strcasecmp (premaster, NISSAN_S), ==, 0);
  proof = carport_srp_client_dup_proof (client, NISSAN_USER, NISSAN_ORDER);
  g_assert_cmpint (g_ascii_strcasecmp (proof, NISSAN_PROOF), ==, 0);
}

static void
test_check_pin (void)
{
  const char *good[] = { "0000", "2580", "12345678" };
  const char *bad[] = { NULL, "", "123", "123456789", "12a4", " 1234", "１２３４" };

  for (gsize i = 0; i < G_N_ELEMENTS (good); i++)
    g_assert_true (carport_srp_check_pin (good[i], NULL));
  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (carport_srp_check_pin (bad[i], &error));
      g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_INVALID_INPUT);
    }
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
  g_test_add_func ("/srp/nissan/known-answer", test_nissan_known_answer);
  g_test_add_func ("/srp/check-pin", test_check_pin);
  g_test_add_func ("/srp/salt", test_salt);
  return g_test_run ();
}
