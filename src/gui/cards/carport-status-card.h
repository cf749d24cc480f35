/* carport-status-card.h — Base class of the vehicle status cards. */
#pragma once

#include <adwaita.h>

#include "carport-core.h"

G_BEGIN_DECLS

#define CARPORT_TYPE_STATUS_CARD (carport_status_card_get_type ())
G_DECLARE_DERIVABLE_TYPE (CarportStatusCard, carport_status_card, CARPORT, STATUS_CARD, AdwBin)

struct _CarportStatusCardClass
{
  AdwBinClass parent_class;

  /* Called after the vehicle changed (the new one is already set);
   * old_vehicle is the previous one, or NULL. */
  void (*vehicle_changed) (CarportStatusCard *self,
                           CarportVehicle    *old_vehicle);
};

/* Properties: vehicle (CarportVehicle, nullable), distance-unit,
 * temperature-unit (the units of carport-format.h), endpoints (the read
 * endpoints the card shows, their nicks separated by spaces: "battery-status";
 * set in the card's template). The card hides itself when the vehicle can
 * read none of them, and its frame (a CarportCard child) says "Not updated"
 * with the reason when some failed in the last refresh while others did not.
 * Subclasses set their template in class_init and call
 * gtk_widget_init_template() in init. */
CarportVehicle *carport_status_card_get_vehicle       (CarportStatusCard *self);
void            carport_status_card_set_vehicle       (CarportStatusCard *self,
                                                       CarportVehicle    *vehicle);
const char     *carport_status_card_get_endpoints     (CarportStatusCard *self);
void            carport_status_card_set_endpoints     (CarportStatusCard *self,
                                                       const char        *endpoints);
/* The endpoints as a mask of 1u << CarportEndpoint. */
guint           carport_status_card_get_endpoint_mask (CarportStatusCard *self);

G_END_DECLS
