/* carport-login-page.h — brand, country, email and password; progress and
 * errors inline; the emailed-code step when the account asks for it. */
#pragma once

#include <adwaita.h>

#include "carport-session.h"

G_BEGIN_DECLS

#define CARPORT_TYPE_LOGIN_PAGE (carport_login_page_get_type ())
G_DECLARE_FINAL_TYPE (CarportLoginPage, carport_login_page, CARPORT, LOGIN_PAGE, AdwBin)

/* Properties: session (nullable), busy (read-only), adding (the page adds
 * an account in a window of its own: no header bar of its own).
 * Signals: logged-in (a login succeeded). */
GtkWidget      *carport_login_page_new          (void);
CarportSession *carport_login_page_get_session  (CarportLoginPage *self);
void            carport_login_page_set_session  (CarportLoginPage *self, CarportSession *session);
gboolean        carport_login_page_get_busy     (CarportLoginPage *self);
/* Clears the password, the code, any error and the notice, and stops a
 * login under way. */
void            carport_login_page_reset        (CarportLoginPage *self);
/* Shows @error as the login page does for a failed login (also for tests). */
void            carport_login_page_show_error   (CarportLoginPage *self, const GError *error);
/* The inline error shown now (its summary), or NULL. */
const char     *carport_login_page_get_error_text (CarportLoginPage *self);
/* A lasting message above the form (e.g. why a login is asked for again);
 * NULL hides it. It stays until the login succeeds or the page is reset. */
void            carport_login_page_set_notice   (CarportLoginPage *self, const char *text);
const char     *carport_login_page_get_notice   (CarportLoginPage *self);
/* The locale ("fr_FR") of the selected country; NULL for a brand without
 * countries (Nissan: the brand's default region). */
const char     *carport_login_page_get_locale   (CarportLoginPage *self);
/* The selected brand ("renault", "dacia", "alpine", "nissan"). */
const char     *carport_login_page_get_brand_id (CarportLoginPage *self);
/* Fills in the brand, country (@locale, nullable) and email, e.g. to log in
 * again to an account whose login expired. */
void            carport_login_page_set_account  (CarportLoginPage *self, const char *brand_id,
                                                 const char *locale, const char *email);
gboolean        carport_login_page_get_adding   (CarportLoginPage *self);
void            carport_login_page_set_adding   (CarportLoginPage *self, gboolean adding);
/* For tests: a template child by id. */
GtkWidget      *carport_login_page_get_part     (CarportLoginPage *self, const char *id);

G_END_DECLS
