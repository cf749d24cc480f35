/* carport-pin-dialog.h — asks for the car's 4-digit PIN before remote lock,
 * unlock or engine start or stop (experimental), or for the new PIN to set
 * up. Enter sends, Escape cancels; the commands also offer "Set Up PIN…" (or "Change
 * PIN…"), and each can remember the PIN in the keyring. The dialog only
 * asks; whoever opened it sends the command on the "send" response
 * (carport_pin_dialog_apply()) and opens the set-up on "set-up". */
#pragma once

#include <adwaita.h>

#include "carport-core.h"

G_BEGIN_DECLS

#define CARPORT_TYPE_PIN_DIALOG (carport_pin_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CarportPinDialog, carport_pin_dialog, CARPORT, PIN_DIALOG, AdwMessageDialog)

/* Properties: kind (CarportCommandKind, construct-only: lock, unlock,
 * engine-start, engine-stop or srp-enrol), pin-known (construct-only: the car has a PIN, so "Set Up
 * PIN…" reads "Change PIN…"). A "Remember PIN" switch (off) asks to keep
 * the PIN in the keyring. Responses: "cancel", "set-up" (all but srp-enrol),
 * "send" (the default, enabled once four digits are typed). */
GtkWidget *carport_pin_dialog_new   (GtkWindow          *parent,
                                     CarportCommandKind  kind,
                                     gboolean            pin_known);
/* Says first why it asks (a remembered PIN refused). */
void       carport_pin_dialog_set_reason (CarportPinDialog *self,
                                          const char       *reason);
/* Gives @command the PIN typed, to be remembered when the switch is on,
 * and empties the field. */
void       carport_pin_dialog_apply (CarportPinDialog   *self,
                                     CarportCommand     *command);

G_END_DECLS
