/* carport-account-window.h — adds an account (or logs in again to one whose
 * login expired) in a window of its own, over the cars: the login page, and
 * the window closes once the login succeeded. Escape closes it. */
#pragma once

#include <adwaita.h>

#include "carport-account.h"
#include "carport-login-page.h"
#include "carport-session.h"

G_BEGIN_DECLS

#define CARPORT_TYPE_ACCOUNT_WINDOW (carport_account_window_get_type ())
G_DECLARE_FINAL_TYPE (CarportAccountWindow, carport_account_window, CARPORT, ACCOUNT_WINDOW, AdwWindow)

/* Properties: session (nullable). */
GtkWidget        *carport_account_window_new            (GtkWindow *parent, CarportSession *session);
CarportSession   *carport_account_window_get_session    (CarportAccountWindow *self);
void              carport_account_window_set_session    (CarportAccountWindow *self, CarportSession *session);
/* Opens a window to log in again to @account (brand, country and email
 * filled in), over @parent. */
void              carport_account_window_log_in_again   (GtkWindow *parent, CarportSession *session,
                                                         CarportAccount *account);
/* Fills in an account to log in to again (@locale may be NULL). */
void              carport_account_window_set_account    (CarportAccountWindow *self, const char *brand_id,
                                                         const char *locale, const char *email);
CarportLoginPage *carport_account_window_get_login_page (CarportAccountWindow *self);

G_END_DECLS
