/* carport-closures.h — the functions that .ui <closure>s call. They turn
 * model values into text through the carport-format helpers (the one place
 * where wording and units are decided) and never format anything themselves.
 *
 * carport_closures_bind() registers them on a widget class, so every
 * template can use them by name. */
#pragma once

#include <gtk/gtk.h>

#include "carport-core.h"

G_BEGIN_DECLS

void carport_closures_bind (GtkWidgetClass *widget_class);

/* The car's make and model as people write them: "Renault ZOE", "Renault 5"
 * (not "Renault Renault 5"), "Nissan Leaf". */
char *carport_closures_format_model (CarportBrand brand, const char *model_name);

/* "48.85660° N, 2.35220° E"; NULL when unknown. */
char *carport_closures_format_coordinates (double latitude, double longitude);

/* A time to come, in local time as the app writes clock times: "18:50"
 * today, "Tue 8 Dec, 18:50" another day. */
char *carport_closures_format_when (GDateTime *when);

/* What a finished command did, for toasts and notifications: "Charging
 * started", "Could not start charging". @ok: it completed. */
const char *carport_closures_command_outcome (CarportCommandKind kind, gboolean ok);

/* The headline of @command's end, for toasts and notification titles: its
 * outcome (for a planned one, its time: "Ready at 18:50", "Charging starts
 * at 23:30"), or "Start climate: outcome unknown" when whether the car carried
 * it out is not known (timed out, unknown). */
char       *carport_closures_command_headline (CarportCommand *command);

/* A toast for @command's end: its headline and, when the command did not
 * complete, why (@error's message). */
char       *carport_closures_command_toast (CarportCommand *command, const GError *error);

/* The name of a brand's account, a product name: "MY Renault", "MyDacia",
 * "My Alpine", "MyNISSAN". */
const char *carport_closures_account_name (CarportBrand brand);

G_END_DECLS
