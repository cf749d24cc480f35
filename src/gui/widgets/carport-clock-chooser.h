/* carport-clock-chooser.h — a time of day in local time, hours and minutes
 * (in steps of five), for "ready at" and "start at": the next such time is
 * today or tomorrow. Enter in either field activates the window's default. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CARPORT_TYPE_CLOCK_CHOOSER (carport_clock_chooser_get_type ())
G_DECLARE_FINAL_TYPE (CarportClockChooser, carport_clock_chooser, CARPORT, CLOCK_CHOOSER, GtkBox)

GtkWidget *carport_clock_chooser_new      (void);
/* Shows @minutes from now, the minutes rounded down to five. */
void       carport_clock_chooser_set_from_now (CarportClockChooser *self, int minutes);
/* Shows @hour:@minute. */
void       carport_clock_chooser_set_time (CarportClockChooser *self, int hour, int minute);
/* The next time shown (today, or tomorrow when it has passed today), in local time. */
GDateTime *carport_clock_chooser_dup_next (CarportClockChooser *self);

G_END_DECLS
