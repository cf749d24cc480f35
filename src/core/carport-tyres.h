/* carport-tyres.h — Tyre pressures (endpoint pressure; the server sends mbar). */
#pragma once

#include "carport-enums.h"
#include "carport-state.h"

G_BEGIN_DECLS

#define CARPORT_TYPE_TYRES (carport_tyres_get_type ())
G_DECLARE_FINAL_TYPE (CarportTyres, carport_tyres, CARPORT, TYRES, CarportState)

CarportTyres *carport_tyres_new (void);

/* Properties: front-left-bar, front-right-bar, rear-left-bar, rear-right-bar
 * (double, NAN unknown), and CarportState\'s "updated". */
double     carport_tyres_get_front_left_bar  (CarportTyres *self);
void       carport_tyres_set_front_left_bar  (CarportTyres *self, double value);
double     carport_tyres_get_front_right_bar (CarportTyres *self);
void       carport_tyres_set_front_right_bar (CarportTyres *self, double value);
double     carport_tyres_get_rear_left_bar   (CarportTyres *self);
void       carport_tyres_set_rear_left_bar   (CarportTyres *self, double value);
double     carport_tyres_get_rear_right_bar  (CarportTyres *self);
void       carport_tyres_set_rear_right_bar  (CarportTyres *self, double value);

G_END_DECLS
