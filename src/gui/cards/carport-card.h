/* carport-card.h — the frame every status card shares: an icon, a title, how
 * old the data is ("updated 5 min ago"), a "cached" tag, why the last
 * refresh did not update it ("Not updated: …"), and the content. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CARPORT_TYPE_CARD (carport_card_get_type ())
G_DECLARE_FINAL_TYPE (CarportCard, carport_card, CARPORT, CARD, GtkWidget)

/* Properties: title, icon-name, updated (GDateTime, nullable), cached (boolean),
 * problem (nullable: why the values shown were not updated, one reason a
 * line; the card shows the first sentence of the first without details in
 * brackets, the tooltip all),
 * child (GtkWidget). */
GtkWidget  *carport_card_new            (void);
const char *carport_card_get_title      (CarportCard *self);
void        carport_card_set_title      (CarportCard *self, const char *title);
GDateTime  *carport_card_get_updated    (CarportCard *self);
void        carport_card_set_updated    (CarportCard *self, GDateTime *updated);
gboolean    carport_card_get_cached     (CarportCard *self);
void        carport_card_set_cached     (CarportCard *self, gboolean cached);
const char *carport_card_get_problem    (CarportCard *self);
void        carport_card_set_problem    (CarportCard *self, const char *problem);
GtkWidget  *carport_card_get_child      (CarportCard *self);
void        carport_card_set_child      (CarportCard *self, GtkWidget *child);
/* The text of the "updated …" line, for tests. */
const char *carport_card_get_updated_text (CarportCard *self);
/* The text of the "Not updated: …" line (NULL when hidden), for tests. */
const char *carport_card_get_problem_text (CarportCard *self);

G_END_DECLS
