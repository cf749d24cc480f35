/* carport-welcome-page.h — first run: what Carport does, "Log In" and "Try the Demo". */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CARPORT_TYPE_WELCOME_PAGE (carport_welcome_page_get_type ())
G_DECLARE_FINAL_TYPE (CarportWelcomePage, carport_welcome_page, CARPORT, WELCOME_PAGE, AdwBin)

GtkWidget *carport_welcome_page_new (void);

G_END_DECLS
