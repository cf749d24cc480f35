/* carport-login-page.h — brand, country, email and password; progress and
 * errors inline; the emailed-code step when the account asks for it. */
#pragma once

#include <adwaita.h>

#include "carport-session.h"

G_BEGIN_DECLS

#define CARPORT_TYPE_LOGIN_PAGE (carport_login_page_get_type ())
G_DECLARE_FINAL_TYPE (CarportLoginPage, carport_login_page, CARPORT, LOGIN_PAGE, AdwBin)

/* Properties: session (nullable), busy (read-only). */
GtkWidget      *carport_login_page_new          (void);
CarportSession *carport_login_page_get_session  (CarportLoginPage *self);
void            carport_login_page_set_session  (CarportLoginPage *self, CarportSession *session);
gboolean        carport_login_page_get_busy     (CarportLoginPage *self);
/* Clears the password, the code and any error (after logging out). */
void            carport_login_page_reset        (CarportLoginPage *self);
/* Shows @error as the login page does for a failed login (also for tests). */
void            carport_login_page_show_error   (CarportLoginPage *self, const GError *error);
/* The inline error shown now, or NULL. */
const char     *carport_login_page_get_error_text (CarportLoginPage *self);
/* The locale ("fr_FR") of the selected country. */
const char     *carport_login_page_get_locale   (CarportLoginPage *self);
/* For tests: a template child by id. */
GtkWidget      *carport_login_page_get_part     (CarportLoginPage *self, const char *id);

G_END_DECLS
