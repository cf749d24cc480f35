/* carport-history-page.h — a car's past: its battery level over a day, a
 * week or a month, the energy it charged, its mileage and climate use per
 * day (CarportChart), its charging sessions, and their export to CSV. */
#pragma once

#include <adwaita.h>

#include "carport-core.h"
#include "carport-session.h"

G_BEGIN_DECLS

#define CARPORT_TYPE_HISTORY_PAGE (carport_history_page_get_type ())
G_DECLARE_FINAL_TYPE (CarportHistoryPage, carport_history_page, CARPORT, HISTORY_PAGE, AdwBin)

/* Properties: session (CarportSession), vehicle (CarportVehicle); the page
 * reads the history when it has both. */
GtkWidget *carport_history_page_new           (CarportSession *session,
                                               CarportVehicle *vehicle);

/* A window of its own with the page, over @parent. */
GtkWidget *carport_history_page_new_window    (GtkWindow      *parent,
                                               CarportSession *session,
                                               CarportVehicle *vehicle);

/* Writes the readings shown (and the charging sessions after them) to @file
 * as CSV, in a worker thread. */
void       carport_history_page_export_async  (CarportHistoryPage  *self,
                                               GFile               *file,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
gboolean   carport_history_page_export_finish (CarportHistoryPage  *self,
                                               GAsyncResult        *result,
                                               GError             **error);

G_END_DECLS
