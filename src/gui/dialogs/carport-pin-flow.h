/* carport-pin-flow.h — remote lock's PIN from the button to the command
 * (experimental): Lock, Unlock, Start Engine and Stop Engine use the PIN remembered in the keyring as
 * it is; without one the PIN dialog asks (its "Remember PIN" off), and a
 * remembered PIN the car refused (which the service then forgot) is asked
 * again, the dialog saying why. The commands go through the page's
 * CarportCommandRunner (progress, the toast of the outcome).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "carport-command-runner.h"

G_BEGIN_DECLS

/* Lock, unlock, engine start or stop (@kind) with the remembered PIN or the one asked for, or
 * a new PIN to set (srp-enrol); dialogs open over @parent. */
void     carport_pin_flow_start         (CarportCommandRunner *runner,
                                         CarportCommandKind    kind,
                                         GtkWindow            *parent);
/* Forgets the PIN remembered for the runner's car, and says so in a toast. */
void     carport_pin_flow_forget        (CarportCommandRunner *runner);
/* Whether Carport knows @vehicle has a PIN (one was remembered, accepted or
 * refused), so that setting one up reads "Change PIN…". */
gboolean carport_pin_flow_get_pin_known (CarportVehicle       *vehicle);
/* Learns it from the keyring, then calls @done on @widget (if still alive). */
void     carport_pin_flow_learn         (CarportSession       *session,
                                         CarportVehicle       *vehicle,
                                         GtkWidget            *widget,
                                         void                (*done) (GtkWidget *widget));

G_END_DECLS
