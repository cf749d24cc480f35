/* carport-climate-card.h — The climate card: on/off, outside and inside
 * temperature, the target while it runs (when the car reports it), and a
 * planned start with its Cancel. */
#pragma once

#include <adwaita.h>

#include "carport-core.h"
#include "carport-session.h"
#include "carport-status-card.h"

G_BEGIN_DECLS

#define CARPORT_TYPE_CLIMATE_CARD (carport_climate_card_get_type ())
G_DECLARE_FINAL_TYPE (CarportClimateCard, carport_climate_card, CARPORT, CLIMATE_CARD, CarportStatusCard)

/* Properties: those of CarportStatusCard (vehicle, distance-unit,
 * temperature-unit), and session (nullable: the climate programmes and the
 * Cancel of a planned start go through it). The card hides itself when the
 * vehicle does not offer its endpoints. */
GtkWidget      *carport_climate_card_new         (void);
CarportSession *carport_climate_card_get_session (CarportClimateCard *self);
void            carport_climate_card_set_session (CarportClimateCard *self, CarportSession *session);

G_END_DECLS
