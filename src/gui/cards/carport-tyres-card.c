/* carport-tyres-card.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "carport-gui"

#include "config.h"

#include "carport-closures.h"
#include "carport-tyres-card.h"

struct _CarportTyresCard
{
  CarportStatusCard parent_instance;
};

G_DEFINE_FINAL_TYPE (CarportTyresCard, carport_tyres_card, CARPORT_TYPE_STATUS_CARD)

static void
carport_tyres_card_class_init (CarportTyresCardClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);


  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/carport/Carport/cards/carport-tyres-card.ui");
  carport_closures_bind (widget_class);
}

static void
carport_tyres_card_init (CarportTyresCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
carport_tyres_card_new (void)
{
  return g_object_new (CARPORT_TYPE_TYRES_CARD, NULL);
}
