/* carport-locks-card.h — The doors and locks card. */
#pragma once

#include <adwaita.h>

#include "carport-core.h"
#include "carport-status-card.h"

G_BEGIN_DECLS

#define CARPORT_TYPE_LOCKS_CARD (carport_locks_card_get_type ())
G_DECLARE_FINAL_TYPE (CarportLocksCard, carport_locks_card, CARPORT, LOCKS_CARD, CarportStatusCard)

/* Properties: those of CarportStatusCard (vehicle, distance-unit,
 * temperature-unit). The card hides itself when the vehicle does not
 * offer its endpoint. */
GtkWidget *carport_locks_card_new (void);

G_END_DECLS
