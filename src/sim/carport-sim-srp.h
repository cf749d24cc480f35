/* carport-sim-srp.h — the verifier side of SRP-6a for a simulated car (not public API)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Kamereon's variant (api-nissan.md §3.4): RFC 5054's 2048-bit group, g = 2,
 * SHA-256, k = H(N | 02), u = H(minimal A | PAD(B)), K = H(minimal S) and the
 * proof HMAC-SHA256(K, PAD(A) | PAD(B) | user | salt | order). The car keeps
 * what srp-initiates enrolled, hands out one challenge per srp-sets, checks
 * one proof against it and locks the PIN out after
 * CARPORT_SIM_SRP_MAX_TRIES wrong ones in a row.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CARPORT_SIM_SRP_MAX_TRIES 3

typedef enum {
  CARPORT_SIM_SRP_OK,
  CARPORT_SIM_SRP_WRONG_PIN,
  CARPORT_SIM_SRP_LOCKED_OUT,     /* too many wrong PINs: enrol again */
  CARPORT_SIM_SRP_NO_CHALLENGE,   /* no srp-sets before, or its challenge was used */
} CarportSimSrpCheck;

typedef struct _CarportSimSrp CarportSimSrp;

CarportSimSrp      *carport_sim_srp_new          (void);
void                carport_sim_srp_free         (CarportSimSrp  *self);

/* Keeps @salt_hex (1 to 64 bytes) and @verifier_hex (at most 256 bytes) for
 * @user; FALSE when they are not hex of those sizes. Clears a lock-out. */
gboolean            carport_sim_srp_enrol        (CarportSimSrp  *self,
                                                  const char     *user,
                                                  const char     *salt_hex,
                                                  const char     *verifier_hex);
gboolean            carport_sim_srp_is_enrolled  (CarportSimSrp  *self);

/* A fresh challenge for the client's @a_hex: the salt and B as hex. FALSE
 * when nothing is enrolled for @user or A is not a valid public value. A
 * locked-out PIN still gets one: the proof's check tells the lock-out. */
gboolean            carport_sim_srp_challenge    (CarportSimSrp  *self,
                                                  const char     *user,
                                                  const char     *a_hex,
                                                  char          **out_salt_hex,
                                                  char          **out_b_hex);

/* Checks @proof_hex for @order against the last challenge and uses it up. */
CarportSimSrpCheck  carport_sim_srp_check        (CarportSimSrp  *self,
                                                  const char     *order,
                                                  const char     *proof_hex);
guint               carport_sim_srp_tries_left   (CarportSimSrp  *self);

G_END_DECLS
