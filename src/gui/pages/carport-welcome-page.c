/* carport-welcome-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "carport-gui"

#include "config.h"

#include "carport-welcome-page.h"

struct _CarportWelcomePage
{
  AdwBin parent_instance;
};

G_DEFINE_FINAL_TYPE (CarportWelcomePage, carport_welcome_page, ADW_TYPE_BIN)

static void
carport_welcome_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), CARPORT_TYPE_WELCOME_PAGE);
  G_OBJECT_CLASS (carport_welcome_page_parent_class)->dispose (object);
}

static void
carport_welcome_page_class_init (CarportWelcomePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = carport_welcome_page_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/carport/Carport/pages/carport-welcome-page.ui");
}

static void
carport_welcome_page_init (CarportWelcomePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
carport_welcome_page_new (void)
{
  return g_object_new (CARPORT_TYPE_WELCOME_PAGE, NULL);
}
