/* carport-account-row.h — one account in the preferences: its brand, email
 * and whether its login expired, with "Log In…" (when it did) and a Remove
 * button that asks first. */
#pragma once

#include <adwaita.h>

#include "carport-account.h"
#include "carport-session.h"

G_BEGIN_DECLS

#define CARPORT_TYPE_ACCOUNT_ROW (carport_account_row_get_type ())
G_DECLARE_FINAL_TYPE (CarportAccountRow, carport_account_row, CARPORT, ACCOUNT_ROW, AdwActionRow)

/* Properties (construct-only): account, session. */
GtkWidget      *carport_account_row_new         (CarportSession *session, CarportAccount *account);
CarportAccount *carport_account_row_get_account (CarportAccountRow *self);

G_END_DECLS
