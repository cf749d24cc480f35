/* carport-locks-card.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "carport-gui"

#include "config.h"

#include "carport-closures.h"
#include "carport-locks-card.h"

struct _CarportLocksCard
{
  CarportStatusCard parent_instance;
};

G_DEFINE_FINAL_TYPE (CarportLocksCard, carport_locks_card, CARPORT_TYPE_STATUS_CARD)

static void
carport_locks_card_class_init (CarportLocksCardClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);


  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/carport/Carport/cards/carport-locks-card.ui");
  carport_closures_bind (widget_class);
}

static void
carport_locks_card_init (CarportLocksCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
carport_locks_card_new (void)
{
  return g_object_new (CARPORT_TYPE_LOCKS_CARD, NULL);
}
