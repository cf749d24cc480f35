/* carport-state.h — what every state object shares: the car's report time and "clear".
 *
 * The state objects (battery, cockpit, climate, location, locks, tyres,
 * charge settings) derive from this abstract class. Each subclass keeps its
 * own properties; the base class holds the "updated" property and resets an
 * object to "not reported". */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define CARPORT_TYPE_STATE (carport_state_get_type ())
G_DECLARE_DERIVABLE_TYPE (CarportState, carport_state, CARPORT, STATE, GObject)

struct _CarportStateClass
{
  GObjectClass parent_class;

  /* Resets every field to "not reported". The default sets each writable
   * property (the subclass's and "updated") to its GParamSpec default, so a
   * subclass only overrides it for what is not a writable property (and
   * chains up). Called inside g_object_freeze_notify(). */
  void     (*clear) (CarportState *self);
  /* carport_state_merge(). The default copies what @update reports; a
   * subclass whose values depend on each other chains up, then settles
   * them. */
  gboolean (*merge) (CarportState *self,
                     CarportState *update);
};

/* Properties: updated (GDateTime, nullable; the car's own report time). */
GDateTime *carport_state_get_updated (CarportState *self);
void       carport_state_set_updated (CarportState *self, GDateTime *value);
/* Resets every field to "not reported"; each changed property notifies once. */
void       carport_state_clear       (CarportState *self);

/* What a read reports is merged, never assigned: a parser fills @update (a
 * new object of @self's type) with the values an answer carries validly,
 * and merge() copies into @self each writable property of @update that is
 * not "not reported" (its GParamSpec default), "updated" included, inside
 * one freeze/thaw. What the answer did not carry, or carried invalid, keeps
 * its last good value (unless a subclass says that a value goes with
 * another: see CarportBattery). Returns FALSE, leaving @self as it was,
 * when @update reports no value besides "updated". */
gboolean   carport_state_merge       (CarportState *self, CarportState *update);

G_END_DECLS
