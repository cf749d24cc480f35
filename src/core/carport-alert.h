/* carport-alert.h — one maintenance alert the maker raised for a car (endpoint alerts). */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define CARPORT_TYPE_ALERT (carport_alert_get_type ())
G_DECLARE_FINAL_TYPE (CarportAlert, carport_alert, CARPORT, ALERT, GObject)

/* Properties, set when it is made (api-renault.md §b.7):
 * code (string, "crashairbagmalfunction"), title (string, "Defective airbag"),
 * description (string, nullable), criticity (int 0–3, the higher the more
 * urgent; -1 unknown), mileage-km (double, the odometer when it was raised;
 * NAN unknown). */
CarportAlert *carport_alert_new             (const char *code,
                                             const char *title,
                                             const char *description,
                                             int         criticity,
                                             double      mileage_km);
const char   *carport_alert_get_code        (CarportAlert *self);
const char   *carport_alert_get_title       (CarportAlert *self);
const char   *carport_alert_get_description (CarportAlert *self);
int           carport_alert_get_criticity   (CarportAlert *self);
double        carport_alert_get_mileage_km  (CarportAlert *self);

G_END_DECLS
