/* carport-contract.h — one of the maker's contracts for a car (endpoint contracts). */
#pragma once

#include "carport-enums.h"

G_BEGIN_DECLS

#define CARPORT_TYPE_CONTRACT (carport_contract_get_type ())
G_DECLARE_FINAL_TYPE (CarportContract, carport_contract, CARPORT, CONTRACT, GObject)

/* Properties, set when it is made (api-renault.md §b.6):
 * kind (string, the maker's type: "WARRANTY", "WARRANTY_MAINTENANCE_CONTRACTS",
 * "CONNECTED_SERVICES"), code (string, "ZECONNECTP"), description (string,
 * what the maker calls it, in the account's language), status
 * (CarportContractStatus), start-date and end-date (string "YYYY-MM-DD",
 * nullable). */
CarportContract       *carport_contract_new             (const char            *kind,
                                                         const char            *code,
                                                         const char            *description,
                                                         CarportContractStatus  status,
                                                         const char            *start_date,
                                                         const char            *end_date);
const char            *carport_contract_get_kind        (CarportContract *self);
const char            *carport_contract_get_code        (CarportContract *self);
const char            *carport_contract_get_description (CarportContract *self);
CarportContractStatus  carport_contract_get_status      (CarportContract *self);
const char            *carport_contract_get_start_date  (CarportContract *self);
const char            *carport_contract_get_end_date    (CarportContract *self);

G_END_DECLS
