/* carport-tyres-card.h — The tyre pressure card. */
#pragma once

#include <adwaita.h>

#include "carport-core.h"
#include "carport-status-card.h"

G_BEGIN_DECLS

#define CARPORT_TYPE_TYRES_CARD (carport_tyres_card_get_type ())
G_DECLARE_FINAL_TYPE (CarportTyresCard, carport_tyres_card, CARPORT, TYRES_CARD, CarportStatusCard)

/* Properties: those of CarportStatusCard (vehicle, distance-unit,
 * temperature-unit). The card hides itself when the vehicle does not
 * offer its endpoint. */
GtkWidget *carport_tyres_card_new (void);

G_END_DECLS
