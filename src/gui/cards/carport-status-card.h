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

  /* The endpoints (a mask of 1u << CarportEndpoint) the card shows; it
   * hides itself when the vehicle offers none of them. Set in class_init. */
  guint endpoints;

  /* Called after the vehicle changed (the new one is already set);
   * old_vehicle is the previous one, or NULL. */
  void (*vehicle_changed) (CarportStatusCard *self,
                           CarportVehicle    *old_vehicle);
};

/* Properties: vehicle (CarportVehicle, nullable), distance-unit,
 * temperature-unit (the units of carport-format.h). Subclasses set their
 * template in class_init and call gtk_widget_init_template() in init. */
CarportVehicle *carport_status_card_get_vehicle (CarportStatusCard *self);
void            carport_status_card_set_vehicle (CarportStatusCard *self,
                                                 CarportVehicle    *vehicle);

G_END_DECLS
