/* carport-charge-card.h — The charge mode (which the user can change),
 * charge limits and schedules card. */
#pragma once

#include <adwaita.h>

#include "carport-core.h"
#include "carport-session.h"
#include "carport-status-card.h"

G_BEGIN_DECLS

#define CARPORT_TYPE_CHARGE_CARD (carport_charge_card_get_type ())
G_DECLARE_FINAL_TYPE (CarportChargeCard, carport_charge_card, CARPORT, CHARGE_CARD, CarportStatusCard)

/* Properties: those of CarportStatusCard (vehicle, distance-unit,
 * temperature-unit), and session (CarportSession, nullable: the commands go
 * through it). The card hides itself when the vehicle does not offer its
 * endpoint. For a car that takes the charge mode command, a dropdown shows
 * the mode and sends the one chosen (a failure puts it back). */
GtkWidget      *carport_charge_card_new         (void);
CarportSession *carport_charge_card_get_session (CarportChargeCard *self);
void            carport_charge_card_set_session (CarportChargeCard *self, CarportSession *session);

G_END_DECLS
