/* carport-device-code-dialog.h — registering this computer for a car's
 * remote lock (Nissan, experimental): the 6-digit code the maker e-mails.
 *
 * carport_device_code_dialog_ensure_async() runs the whole step before lock,
 * unlock or the PIN's set-up: it checks whether this computer is registered
 * for the car, has the maker e-mail a code when not, asks for the code in
 * this dialog (again, with what went wrong, after a wrong or expired code or
 * a network failure; "Send a New Code" asks for another) and registers.
 * carport_device_code_dialog_forget() undoes it ("Forget This Computer…").
 * Nothing is sent to the car. */
#pragma once

#include <adwaita.h>

#include "carport-command-runner.h"
#include "carport-core.h"
#include "carport-session.h"

G_BEGIN_DECLS

#define CARPORT_TYPE_DEVICE_CODE_DIALOG (carport_device_code_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CarportDeviceCodeDialog, carport_device_code_dialog, CARPORT, DEVICE_CODE_DIALOG,
                      AdwMessageDialog)

/* Properties: car-name (string, construct-only), problem (string, nullable:
 * what went wrong with the last code, shown under the field), demo-code
 * (string, construct-only, nullable: in a demo, the code "e-mailed").
 * Responses: "cancel", "resend", "register" (the default, enabled once six
 * digits are typed). */
GtkWidget *carport_device_code_dialog_new      (GtkWindow               *parent,
                                                const char              *car_name,
                                                const char              *problem,
                                                const char              *demo_code);
/* The code typed; the field is emptied. */
char      *carport_device_code_dialog_dup_code (CarportDeviceCodeDialog *self);

/* TRUE once this computer is registered for @vehicle (at once when it was,
 * or when its brand needs no registration); FALSE when the person cancelled
 * or it cannot be done (the reason shown in a dialog first). */
void       carport_device_code_dialog_ensure_async  (GtkWindow            *parent,
                                                     CarportSession       *session,
                                                     CarportVehicle       *vehicle,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
gboolean   carport_device_code_dialog_ensure_finish (GAsyncResult         *result);

/* Asks over @parent whether to forget this computer for @runner's car (its
 * maker then takes remote lock from here only once it is registered again
 * with a new e-mailed code); Cancel or Escape does nothing, Forget has the
 * maker unregister it: @runner's toast says it was done, a dialog why it
 * failed (and whether the computer may still be registered). */
void       carport_device_code_dialog_forget        (GtkWindow            *parent,
                                                     CarportCommandRunner *runner);

G_END_DECLS
