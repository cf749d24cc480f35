/* carport-state.c — what every state object shares: the car's report time and "clear".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "carport-core"

#include "config.h"

#include <math.h>

#include "carport-state.h"

typedef struct
{
  GDateTime *updated; /* owned, nullable */
} CarportStatePrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (CarportState, carport_state, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_UPDATED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

GDateTime *
carport_state_get_updated (CarportState *self)
{
  CarportStatePrivate *priv;

  g_return_val_if_fail (CARPORT_IS_STATE (self), NULL);

  priv = carport_state_get_instance_private (self);
  return priv->updated;
}

void
carport_state_set_updated (CarportState *self,
                           GDateTime    *value)
{
  CarportStatePrivate *priv;

  g_return_if_fail (CARPORT_IS_STATE (self));

  priv = carport_state_get_instance_private (self);
  if (priv->updated == value
      || (priv->updated != NULL && value != NULL && g_date_time_equal (priv->updated, value)))
    return;

  g_clear_pointer (&priv->updated, g_date_time_unref);
  if (value != NULL)
    priv->updated = g_date_time_ref (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UPDATED]);
}

void
carport_state_clear (CarportState *self)
{
  g_return_if_fail (CARPORT_IS_STATE (self));

  g_object_freeze_notify (G_OBJECT (self));
  CARPORT_STATE_GET_CLASS (self)->clear (self);
  g_object_thaw_notify (G_OBJECT (self));
}

/* Every writable property back to its default. The properties notify
 * explicitly, so only those that change say so. */
static void
carport_state_real_clear (CarportState *self)
{
  g_autofree GParamSpec **pspecs = NULL;
  guint n_pspecs;

  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (self), &n_pspecs);
  for (guint i = 0; i < n_pspecs; i++)
    {
      if ((pspecs[i]->flags & G_PARAM_WRITABLE) == 0 || (pspecs[i]->flags & G_PARAM_CONSTRUCT_ONLY) != 0)
        continue;
      g_object_set_property (G_OBJECT (self), pspecs[i]->name, g_param_spec_get_default_value (pspecs[i]));
    }
}

/* TRUE when @value is "not reported": @pspec's default (NAN for doubles). */
static gboolean
is_unreported (GParamSpec   *pspec,
               const GValue *value)
{
  if (G_VALUE_HOLDS_DOUBLE (value))
    return isnan (g_value_get_double (value));

  return g_param_values_cmp (pspec, value, g_param_spec_get_default_value (pspec)) == 0;
}

gboolean
carport_state_merge (CarportState *self,
                     CarportState *update)
{
  g_return_val_if_fail (CARPORT_IS_STATE (self), FALSE);
  g_return_val_if_fail (G_TYPE_CHECK_INSTANCE_TYPE (update, G_OBJECT_TYPE (self)), FALSE);

  return CARPORT_STATE_GET_CLASS (self)->merge (self, update);
}

/* Every writable property that @update reports, in one freeze/thaw. */
static gboolean
carport_state_real_merge (CarportState *self,
                          CarportState *update)
{
  g_autofree GParamSpec **pspecs = NULL;
  g_autoptr(GPtrArray) reported = g_ptr_array_new ();
  gboolean any_value = FALSE;
  guint n_pspecs;

  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (update), &n_pspecs);
  for (guint i = 0; i < n_pspecs; i++)
    {
      g_auto(GValue) value = G_VALUE_INIT;

      if ((pspecs[i]->flags & G_PARAM_WRITABLE) == 0 || (pspecs[i]->flags & G_PARAM_CONSTRUCT_ONLY) != 0 ||
          G_TYPE_IS_OBJECT (pspecs[i]->value_type))
        continue;

      g_value_init (&value, pspecs[i]->value_type);
      g_object_get_property (G_OBJECT (update), pspecs[i]->name, &value);
      if (is_unreported (pspecs[i], &value))
        continue;

      g_ptr_array_add (reported, pspecs[i]);
      if (pspecs[i] != properties[PROP_UPDATED])
        any_value = TRUE;
    }

  if (!any_value)
    return FALSE;

  g_object_freeze_notify (G_OBJECT (self));
  for (guint i = 0; i < reported->len; i++)
    {
      GParamSpec *pspec = g_ptr_array_index (reported, i);
      g_auto(GValue) value = G_VALUE_INIT;

      g_value_init (&value, pspec->value_type);
      g_object_get_property (G_OBJECT (update), pspec->name, &value);
      g_object_set_property (G_OBJECT (self), pspec->name, &value);
    }
  g_object_thaw_notify (G_OBJECT (self));

  return TRUE;
}

static void
carport_state_finalize (GObject *object)
{
  CarportStatePrivate *priv = carport_state_get_instance_private (CARPORT_STATE (object));

  g_clear_pointer (&priv->updated, g_date_time_unref);

  G_OBJECT_CLASS (carport_state_parent_class)->finalize (object);
}

static void
carport_state_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  CarportState *self = CARPORT_STATE (object);

  switch (prop_id)
    {
    case PROP_UPDATED:
      g_value_set_boxed (value, carport_state_get_updated (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carport_state_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  CarportState *self = CARPORT_STATE (object);

  switch (prop_id)
    {
    case PROP_UPDATED:
      carport_state_set_updated (self, g_value_get_boxed (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carport_state_class_init (CarportStateClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = carport_state_finalize;
  object_class->get_property = carport_state_get_property;
  object_class->set_property = carport_state_set_property;

  klass->clear = carport_state_real_clear;
  klass->merge = carport_state_real_merge;

  properties[PROP_UPDATED] =
    g_param_spec_boxed ("updated", NULL, NULL,
                        G_TYPE_DATE_TIME,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
carport_state_init (CarportState *self)
{
}
