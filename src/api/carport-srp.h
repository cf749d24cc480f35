/* carport-srp.h — the client side of SRP-6a (RFC 5054), which Kamereon asks
 * for before privileged commands (lock, unlock).
 *
 * The PIN never leaves this unit: enrolment sends the salt and the verifier
 * g^x, each command sends the public value A and a proof bound to the order
 * ("<VIN>/RLU/Lock"). Secret exponents go through GMP's mpz_powm_sec
 * (constant time) and every secret buffer is wiped before it is freed. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A group and the hashing rules around it. */
typedef struct _CarportSrpParams CarportSrpParams;

/* RFC 5054 Appendix A's 1024-bit group with SHA-1 and the RFC's own k and u
 * (H(N | PAD(g)), H(PAD(A) | PAD(B))): what its Appendix B test vectors use.
 * Only the tests use it. */
const CarportSrpParams *carport_srp_params_rfc5054_1024 (void);

/* What Kamereon takes (api-nissan.md §3.4): RFC 5054's 2048-bit group with
 * SHA-256, k = H(N | one byte g), u = H(minimal A | PAD(B)), K = H(minimal
 * S), and the proof is HMAC-SHA256(K, PAD(A) | PAD(B) | user | salt |
 * order). */
const CarportSrpParams *carport_srp_params_kamereon (void);

/* TRUE when @pin (nullable) is 4 to 8 ASCII digits, what the cars take;
 * else FALSE with CARPORT_API_ERROR_INVALID_INPUT and a sentence for people. */
gboolean carport_srp_check_pin     (const char              *pin,
                                    GError                 **error);

/* @len random bytes for a salt (Kamereon takes 10). */
GBytes  *carport_srp_new_salt      (gsize                    len);

/* The verifier g^x, x = H(salt | H(user | ":" | pin)), as upper-case hex
 * padded to the group's size (512 digits in the 2048-bit group). */
char    *carport_srp_dup_verifier  (const CarportSrpParams  *params,
                                    const char              *user,
                                    const char              *pin,
                                    GBytes                  *salt);

/* One proof: a fresh private value a, its public A, then the server's salt
 * and B turned into the session key. Free with carport_srp_client_free(),
 * which wipes the secrets. */
typedef struct _CarportSrpClient CarportSrpClient;

/* @private_a: the private value a as bytes, or NULL for 32 random bytes (only
 * tests give one). */
CarportSrpClient *carport_srp_client_new          (const CarportSrpParams  *params,
                                                   GBytes                  *private_a);
void              carport_srp_client_free         (CarportSrpClient        *self);

/* A as upper-case hex padded to the group's size. */
char             *carport_srp_client_dup_public   (CarportSrpClient        *self);

/* Takes the server's salt and B (hex, either case) and the PIN, and derives
 * the session key. FALSE with CARPORT_API_ERROR_INVALID_RESPONSE when they
 * are not hex, or B is 0 mod N (RFC 5054 §2.5.4), or u is 0. */
gboolean          carport_srp_client_set_challenge (CarportSrpClient       *self,
                                                    const char             *user,
                                                    const char             *pin,
                                                    const char             *salt_hex,
                                                    const char             *b_hex,
                                                    GError                **error);

/* The premaster secret S as upper-case hex padded to the group's size (the
 * RFC's test vectors give it); after set_challenge(). */
char             *carport_srp_client_dup_premaster (CarportSrpClient       *self);

/* The proof bound to @order, as upper-case hex; after set_challenge(). */
char             *carport_srp_client_dup_proof    (CarportSrpClient        *self,
                                                   const char              *user,
                                                   const char              *order);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CarportSrpClient, carport_srp_client_free)

G_END_DECLS
