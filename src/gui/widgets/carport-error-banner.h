/* carport-error-banner.h — an error in a few words for people, wrapped
 * (never cut off), with a Retry and, one click away, the details (the whole
 * message, the server's words included). */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CARPORT_TYPE_ERROR_BANNER (carport_error_banner_get_type ())
G_DECLARE_FINAL_TYPE (CarportErrorBanner, carport_error_banner, CARPORT, ERROR_BANNER, AdwBin)

/* Properties: retry-action-name (nullable: no Retry), retry-label (the
 * button's, with a mnemonic; "_Retry" unless set, e.g. "_Log In…" for a
 * login to renew), revealed (read-only). */
GtkWidget  *carport_error_banner_new                   (void);
/* Shows @error's summary (carport_api_error_dup_summary()); Retry only
 * when @can_retry and a retry action is set. */
void        carport_error_banner_show_error            (CarportErrorBanner *self, const GError *error,
                                                        gboolean can_retry);
/* Shows @message (a sentence for people) as it is, with @details (nullable)
 * behind "Details"; Retry as above. */
void        carport_error_banner_show_message          (CarportErrorBanner *self, const char *message,
                                                        const char *details, gboolean can_retry);
void        carport_error_banner_hide                  (CarportErrorBanner *self);
gboolean    carport_error_banner_get_revealed          (CarportErrorBanner *self);
/* The summary shown, or NULL while hidden. */
const char *carport_error_banner_get_text              (CarportErrorBanner *self);
/* The details a click on "Details" shows, or NULL when there are none. */
const char *carport_error_banner_get_details           (CarportErrorBanner *self);
const char *carport_error_banner_get_retry_action_name (CarportErrorBanner *self);
void        carport_error_banner_set_retry_action_name (CarportErrorBanner *self, const char *action_name);

G_END_DECLS
