/* carport-sim-fault.h — injected faults: parsing, matching and applying (not public API)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "carport-simulator.h"

G_BEGIN_DECLS

typedef struct {
  char            *endpoint;
  CarportSimFault  fault;       /* fault.error_code points to owned_code, body_file to owned_file */
  char            *owned_code;
  char            *owned_file;
  GBytes          *body;        /* CARPORT_SIM_FAULT_BODY: the file's bytes, NULL if unreadable */
  guint            remaining;   /* when fault.count > 0 */
} CarportSimFaultEntry;

/* Whose error bodies a fault imitates. */
typedef enum {
  CARPORT_SIM_FLAVOUR_KAMEREON,  /* Renault's Kamereon */
  CARPORT_SIM_FLAVOUR_GIGYA,
  CARPORT_SIM_FLAVOUR_NISSAN,    /* Nissan's hosts: {"errors":[{status,code,title,detail}]} */
} CarportSimFlavour;

CarportSimFaultEntry *_carport_sim_fault_entry_new       (const char                  *endpoint,
                                                          const CarportSimFault       *fault);
CarportSimFaultEntry *_carport_sim_fault_entry_copy      (const CarportSimFaultEntry  *entry);
void                  _carport_sim_fault_entry_free      (CarportSimFaultEntry        *entry);
CarportSimFaultEntry *_carport_sim_fault_entry_parse     (const char                  *spec,
                                                          GError                     **error);
CarportSimFaultEntry *_carport_sim_fault_entry_from_json (JsonNode                    *node,
                                                          GError                     **error);
gboolean              _carport_sim_fault_entry_matches   (const CarportSimFaultEntry  *entry,
                                                          const char                  *endpoint,
                                                          const char                  *path);
gboolean              _carport_sim_fault_answer          (const CarportSimFaultEntry  *entry,
                                                          SoupServerMessage           *msg,
                                                          CarportSimFlavour            flavour);
void                  _carport_sim_fault_rewrite         (const CarportSimFaultEntry  *entry,
                                                          SoupServerMessage           *msg);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CarportSimFaultEntry, _carport_sim_fault_entry_free)

G_END_DECLS
