/* carport-sim-kamereon.h — the Renault Kamereon-commerce server (not public API)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

#include "carport-sim-gigya.h"

G_BEGIN_DECLS

/* What the Kamereon server needs to know of the simulator; borrowed. */
typedef struct {
  const char      *email;
  const char      *locale;
  const char      *first_name;
  const char      *last_name;
  const char      *person_id;
  const char      *account_id;        /* MYRENAULT, with the cars */
  const char      *sfdc_account_id;   /* SFDC, without */
  CarportSimGigya *gigya;
  GPtrArray       *cars;              /* CarportSimCar*, the Renault ones */
} CarportSimRenaultContext;

void  _carport_sim_kamereon_handle        (const CarportSimRenaultContext *context,
                                           SoupServerMessage              *msg,
                                           const char                     *path,
                                           GHashTable                     *query);
char *_carport_sim_kamereon_endpoint_name (const char                     *path);

G_END_DECLS
