/* carport-simulator-private.h — the simulator's instance, shared by its two files (not public API)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

#include "carport-simulator.h"
#include "carport-sim-car.h"
#include "carport-sim-fault.h"
#include "carport-sim-scenario.h"
#include "renault/carport-sim-gigya.h"
#include "nissan/carport-sim-nissan.h"

G_BEGIN_DECLS

/* A request answered later: after the latency, or a byte at a time (drip). */
typedef struct {
  CarportSimulator     *self;        /* borrowed: self owns the list of these */
  SoupServerMessage    *msg;
  CarportSimFaultEntry *fault;
  guint                 source_id;
  gulong                disconnected_id;
  GBytes               *drip;        /* nullable: the body still being written */
  gsize                 drip_offset; /* bytes of it written so far */
} Deferred;

struct _CarportSimulator
{
  GObject parent_instance;

  /* Owned */
  SoupServer *server;
  CarportSimGigya *gigya;
  CarportSimNissan *nissan;
  GPtrArray *cars;              /* CarportSimCar*, Renault */
  GPtrArray *nissan_cars;       /* CarportSimCar*, Nissan */
  CarportSimAccount nissan_account;
  char *tls_dir;                /* private (0700) directory of the CA file */
  char *ca_file;
  GPtrArray *faults;            /* CarportSimFaultEntry* */
  GList *deferred;              /* Deferred*: paused requests */
  GHashTable *endpoint_requests; /* endpoint name → requests received (GUINT_TO_POINTER) */

  CarportSimAccount account;    /* Renault */
  char *person_id;
  char *account_id;
  char *sfdc_account_id;

  guint16 port;
  guint16 nissan_port;
  guint latency_ms;
  guint command_delay_ms;
  double charge_rate;
  guint request_count;
  guint peak_deferred;   /* most requests waiting for their latency at once */
};

/* The car of @vin, of either brand, or NULL. */
CarportSimCar *_carport_simulator_find_car (CarportSimulator *self,
                                            const char       *vin);

G_END_DECLS
