/* carport-services-card.h — The maker's alerts and contracts for a car. */
#pragma once

#include <adwaita.h>

#include "carport-core.h"
#include "carport-status-card.h"

G_BEGIN_DECLS

#define CARPORT_TYPE_SERVICES_CARD (carport_services_card_get_type ())
G_DECLARE_FINAL_TYPE (CarportServicesCard, carport_services_card, CARPORT, SERVICES_CARD, CarportStatusCard)

/* Properties: those of CarportStatusCard. Each alert is a warning row with
 * its title and text; each contract a row with its name and until when it
 * runs. The card hides itself when the vehicle reads neither. */
GtkWidget *carport_services_card_new (void);

G_END_DECLS
