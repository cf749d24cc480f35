/* carport-command-button.h — a button that sends a command to the car and
 * shows its progress: sending → waiting for the car → done / failed, with a
 * spinner, then a tick or a warning, in place of its icon (its title stays,
 * so it keeps its width). It is actionable ("command.…" on the vehicle page):
 * whoever owns the action decides whether it can be pressed; the button only
 * shows the command given to it. */
#pragma once

#include <gtk/gtk.h>

#include "carport-core.h"

G_BEGIN_DECLS

#define CARPORT_TYPE_COMMAND_BUTTON (carport_command_button_get_type ())
G_DECLARE_FINAL_TYPE (CarportCommandButton, carport_command_button, CARPORT, COMMAND_BUTTON, GtkButton)

/* Properties: title, icon (icon name), kind (CarportCommandKind: what the
 * button tells the car; the vehicle page finds its buttons and their kinds
 * in its .ui), planned (boolean, construct: the button asks when the
 * command is to start, "Charge Later…"; its action is
 * "command.<nick>-later"), command (CarportCommand, nullable: the last command sent from
 * this button; its state is shown), explanation (nullable: what pressing it
 * does, when the title does not say it all), reason (nullable: why it cannot
 * be pressed now). The tooltip and the accessible description say the
 * reason, else the explanation (the tooltip: else the title). */
GtkWidget      *carport_command_button_new          (void);
CarportCommand *carport_command_button_get_command  (CarportCommandButton *self);
void            carport_command_button_set_command  (CarportCommandButton *self, CarportCommand *command);
const char     *carport_command_button_get_title    (CarportCommandButton *self);
CarportCommandKind carport_command_button_get_kind  (CarportCommandButton *self);
gboolean        carport_command_button_get_planned  (CarportCommandButton *self);
const char     *carport_command_button_get_explanation (CarportCommandButton *self);
void            carport_command_button_set_explanation (CarportCommandButton *self, const char *explanation);
const char     *carport_command_button_get_reason   (CarportCommandButton *self);
void            carport_command_button_set_reason   (CarportCommandButton *self, const char *reason);
void            carport_command_button_set_kind     (CarportCommandButton *self, CarportCommandKind kind);
/* How its command goes ("Sending…", "Waiting for the car…", "Done", …), or
 * NULL at rest: in the tooltip and the accessible description while the
 * spinner or the result icon stands in for the icon; the title stays. */
const char     *carport_command_button_get_status_text (CarportCommandButton *self);

G_END_DECLS
