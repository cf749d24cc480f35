/* carport-locks.c — Doors and locks (endpoint lock-status).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "carport-core"

#include "config.h"

#include <math.h>

#include "carport-locks.h"
#include "carport-core-enum-types.h"

struct _CarportLocks
{
  CarportState parent_instance;

  CarportLockState     state;
  CarportOpeningState  driver;
  CarportOpeningState  passenger;
  CarportOpeningState  rear_left;
  CarportOpeningState  rear_right;
  CarportOpeningState  hatch;
};

G_DEFINE_FINAL_TYPE (CarportLocks, carport_locks, CARPORT_TYPE_STATE)

enum {
  PROP_0,
  PROP_STATE,
  PROP_DRIVER,
  PROP_PASSENGER,
  PROP_REAR_LEFT,
  PROP_REAR_RIGHT,
  PROP_HATCH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

CarportLockState
carport_locks_get_state (CarportLocks *self)
{
  g_return_val_if_fail (CARPORT_IS_LOCKS (self), CARPORT_LOCK_STATE_NONE);

  return self->state;
}

void
carport_locks_set_state (CarportLocks     *self,
                         CarportLockState  value)
{
  g_return_if_fail (CARPORT_IS_LOCKS (self));

  if (self->state == value)
    return;

  self->state = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

CarportOpeningState
carport_locks_get_driver (CarportLocks *self)
{
  g_return_val_if_fail (CARPORT_IS_LOCKS (self), CARPORT_OPENING_STATE_NONE);

  return self->driver;
}

void
carport_locks_set_driver (CarportLocks        *self,
                          CarportOpeningState  value)
{
  g_return_if_fail (CARPORT_IS_LOCKS (self));

  if (self->driver == value)
    return;

  self->driver = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DRIVER]);
}

CarportOpeningState
carport_locks_get_passenger (CarportLocks *self)
{
  g_return_val_if_fail (CARPORT_IS_LOCKS (self), CARPORT_OPENING_STATE_NONE);

  return self->passenger;
}

void
carport_locks_set_passenger (CarportLocks        *self,
                             CarportOpeningState  value)
{
  g_return_if_fail (CARPORT_IS_LOCKS (self));

  if (self->passenger == value)
    return;

  self->passenger = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PASSENGER]);
}

CarportOpeningState
carport_locks_get_rear_left (CarportLocks *self)
{
  g_return_val_if_fail (CARPORT_IS_LOCKS (self), CARPORT_OPENING_STATE_NONE);

  return self->rear_left;
}

void
carport_locks_set_rear_left (CarportLocks        *self,
                             CarportOpeningState  value)
{
  g_return_if_fail (CARPORT_IS_LOCKS (self));

  if (self->rear_left == value)
    return;

  self->rear_left = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REAR_LEFT]);
}

CarportOpeningState
carport_locks_get_rear_right (CarportLocks *self)
{
  g_return_val_if_fail (CARPORT_IS_LOCKS (self), CARPORT_OPENING_STATE_NONE);

  return self->rear_right;
}

void
carport_locks_set_rear_right (CarportLocks        *self,
                              CarportOpeningState  value)
{
  g_return_if_fail (CARPORT_IS_LOCKS (self));

  if (self->rear_right == value)
    return;

  self->rear_right = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REAR_RIGHT]);
}

CarportOpeningState
carport_locks_get_hatch (CarportLocks *self)
{
  g_return_val_if_fail (CARPORT_IS_LOCKS (self), CARPORT_OPENING_STATE_NONE);

  return self->hatch;
}

void
carport_locks_set_hatch (CarportLocks        *self,
                         CarportOpeningState  value)
{
  g_return_if_fail (CARPORT_IS_LOCKS (self));

  if (self->hatch == value)
    return;

  self->hatch = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HATCH]);
}

CarportLocks *
carport_locks_new (void)
{
  return g_object_new (CARPORT_TYPE_LOCKS, NULL);
}

gboolean
carport_locks_any_open (CarportLocks *self)
{
  g_return_val_if_fail (CARPORT_IS_LOCKS (self), FALSE);

  return self->driver == CARPORT_OPENING_STATE_OPEN
         || self->passenger == CARPORT_OPENING_STATE_OPEN
         || self->rear_left == CARPORT_OPENING_STATE_OPEN
         || self->rear_right == CARPORT_OPENING_STATE_OPEN
         || self->hatch == CARPORT_OPENING_STATE_OPEN;
}

static void
carport_locks_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  CarportLocks *self = CARPORT_LOCKS (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;

    case PROP_DRIVER:
      g_value_set_enum (value, self->driver);
      break;

    case PROP_PASSENGER:
      g_value_set_enum (value, self->passenger);
      break;

    case PROP_REAR_LEFT:
      g_value_set_enum (value, self->rear_left);
      break;

    case PROP_REAR_RIGHT:
      g_value_set_enum (value, self->rear_right);
      break;

    case PROP_HATCH:
      g_value_set_enum (value, self->hatch);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carport_locks_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  CarportLocks *self = CARPORT_LOCKS (object);

  switch (prop_id)
    {
    case PROP_STATE:
      carport_locks_set_state (self, g_value_get_enum (value));
      break;

    case PROP_DRIVER:
      carport_locks_set_driver (self, g_value_get_enum (value));
      break;

    case PROP_PASSENGER:
      carport_locks_set_passenger (self, g_value_get_enum (value));
      break;

    case PROP_REAR_LEFT:
      carport_locks_set_rear_left (self, g_value_get_enum (value));
      break;

    case PROP_REAR_RIGHT:
      carport_locks_set_rear_right (self, g_value_get_enum (value));
      break;

    case PROP_HATCH:
      carport_locks_set_hatch (self, g_value_get_enum (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carport_locks_class_init (CarportLocksClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = carport_locks_get_property;
  object_class->set_property = carport_locks_set_property;

  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL,
                       CARPORT_TYPE_LOCK_STATE, CARPORT_LOCK_STATE_NONE,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_DRIVER] =
    g_param_spec_enum ("driver", NULL, NULL,
                       CARPORT_TYPE_OPENING_STATE, CARPORT_OPENING_STATE_NONE,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_PASSENGER] =
    g_param_spec_enum ("passenger", NULL, NULL,
                       CARPORT_TYPE_OPENING_STATE, CARPORT_OPENING_STATE_NONE,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_REAR_LEFT] =
    g_param_spec_enum ("rear-left", NULL, NULL,
                       CARPORT_TYPE_OPENING_STATE, CARPORT_OPENING_STATE_NONE,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_REAR_RIGHT] =
    g_param_spec_enum ("rear-right", NULL, NULL,
                       CARPORT_TYPE_OPENING_STATE, CARPORT_OPENING_STATE_NONE,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_HATCH] =
    g_param_spec_enum ("hatch", NULL, NULL,
                       CARPORT_TYPE_OPENING_STATE, CARPORT_OPENING_STATE_NONE,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
carport_locks_init (CarportLocks *self)
{
}
