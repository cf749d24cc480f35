/* carport-trips-card.c — this month's trips, from the trips state object.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "carport-gui"

#include "config.h"

#include "carport-closures.h"
#include "carport-trips-card.h"

struct _CarportTripsCard
{
  CarportStatusCard parent_instance;
};

G_DEFINE_FINAL_TYPE (CarportTripsCard, carport_trips_card, CARPORT_TYPE_STATUS_CARD)

static void
carport_trips_card_class_init (CarportTripsCardClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);


  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/carport/Carport/cards/carport-trips-card.ui");
  carport_closures_bind (widget_class);
}

static void
carport_trips_card_init (CarportTripsCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
carport_trips_card_new (void)
{
  return g_object_new (CARPORT_TYPE_TRIPS_CARD, NULL);
}
