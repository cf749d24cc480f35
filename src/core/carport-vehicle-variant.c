/* carport-vehicle-variant.c — a vehicle as a GVariant for the on-disk cache, and back.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "carport-core"

#include "config.h"

#include <math.h>
#include <gio/gio.h>

#include "carport-vehicle.h"
#include "carport-core-enum-types.h"

/* Serialization.
 *
 * One generic walk over the properties: every readable and writable property
 * is stored under its name (doubles that are NAN and NULL strings or times
 * are left out, they are the defaults); read-only object properties (the
 * state objects, the capabilities) are stored as nested a{sv}; read-only list models (the
 * charge programmes) as aa{sv}. Run-time state is skipped. */

static const char * const skipped_properties[] = {
  "from-cache",
  "refreshing",
  "last-error",
  "picture-file",   /* the service finds it in its own cache */
  "address",        /* of the location: looked up again when asked for */
  NULL
};

static GVariant *serialize_object (GObject *object);

static gboolean
is_skipped (GParamSpec *pspec)
{
  return g_strv_contains (skipped_properties, pspec->name);
}

static GVariant *
serialize_list_model (GListModel *model)
{
  GVariantBuilder builder;
  guint n_items = g_list_model_get_n_items (model);

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("aa{sv}"));

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);

      g_variant_builder_add_value (&builder, serialize_object (item));
    }

  return g_variant_builder_end (&builder);
}

/* A floating variant for @value, or NULL when it is unknown or not stored. */
static GVariant *
value_to_variant (const GValue *value)
{
  GType type = G_VALUE_TYPE (value);

  switch (G_TYPE_FUNDAMENTAL (type))
    {
    case G_TYPE_BOOLEAN:
      return g_variant_new_boolean (g_value_get_boolean (value));

    case G_TYPE_INT:
      return g_variant_new_int32 (g_value_get_int (value));

    case G_TYPE_UINT:
      return g_variant_new_uint32 (g_value_get_uint (value));

    case G_TYPE_INT64:
      return g_variant_new_int64 (g_value_get_int64 (value));

    case G_TYPE_DOUBLE:
      if (isnan (g_value_get_double (value)))
        return NULL;
      return g_variant_new_double (g_value_get_double (value));

    case G_TYPE_STRING:
      if (g_value_get_string (value) == NULL)
        return NULL;
      return g_variant_new_string (g_value_get_string (value));

    case G_TYPE_ENUM:
      {
        const char *nick = carport_enum_to_nick (type, g_value_get_enum (value));

        return nick != NULL ? g_variant_new_string (nick) : NULL;
      }

    case G_TYPE_BOXED:
      if (type == G_TYPE_DATE_TIME && g_value_get_boxed (value) != NULL)
        {
          GDateTime *dt = g_value_get_boxed (value);

          return g_variant_new_int64 (g_date_time_to_unix (dt) * G_USEC_PER_SEC
                                      + g_date_time_get_microsecond (dt));
        }
      return NULL;

    case G_TYPE_OBJECT:
    case G_TYPE_INTERFACE:
      {
        GObject *object = g_value_get_object (value);

        if (object == NULL)
          return NULL;
        if (G_IS_LIST_MODEL (object))
          return serialize_list_model (G_LIST_MODEL (object));
        return serialize_object (object);
      }

    default:
      return NULL;
    }
}

static gboolean
is_object_type (GType type)
{
  return g_type_is_a (type, G_TYPE_OBJECT) || g_type_is_a (type, G_TYPE_LIST_MODEL);
}

static GVariant *
serialize_object (GObject *object)
{
  GVariantBuilder builder;
  g_autofree GParamSpec **pspecs = NULL;
  guint n_pspecs;

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);

  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (object), &n_pspecs);
  for (guint i = 0; i < n_pspecs; i++)
    {
      GParamSpec *pspec = pspecs[i];
      g_auto(GValue) value = G_VALUE_INIT;
      GVariant *variant;

      if ((pspec->flags & G_PARAM_READABLE) == 0 || is_skipped (pspec))
        continue;

      /* Derived values (display-name, has-errors, …) are not stored; the
       * read-only state objects are. */
      if ((pspec->flags & G_PARAM_WRITABLE) == 0 && !is_object_type (pspec->value_type))
        continue;

      g_value_init (&value, pspec->value_type);
      g_object_get_property (object, pspec->name, &value);

      variant = value_to_variant (&value);
      if (variant != NULL)
        g_variant_builder_add (&builder, "{sv}", pspec->name, variant);
    }

  return g_variant_builder_end (&builder);
}

GVariant *
carport_vehicle_serialize (CarportVehicle *self)
{
  g_return_val_if_fail (CARPORT_IS_VEHICLE (self), NULL);

  return g_variant_ref_sink (serialize_object (G_OBJECT (self)));
}

static void deserialize_object (GObject  *object,
                                GVariant *dict);

/* Fills @value (initialised to the property's type) from @variant; FALSE when
 * the variant has the wrong type or an unknown value. */
static gboolean
variant_to_value (GVariant *variant,
                  GValue   *value)
{
  GType type = G_VALUE_TYPE (value);

  switch (G_TYPE_FUNDAMENTAL (type))
    {
    case G_TYPE_BOOLEAN:
      if (!g_variant_is_of_type (variant, G_VARIANT_TYPE_BOOLEAN))
        return FALSE;
      g_value_set_boolean (value, g_variant_get_boolean (variant));
      return TRUE;

    case G_TYPE_INT:
      if (!g_variant_is_of_type (variant, G_VARIANT_TYPE_INT32))
        return FALSE;
      g_value_set_int (value, g_variant_get_int32 (variant));
      return TRUE;

    case G_TYPE_UINT:
      if (!g_variant_is_of_type (variant, G_VARIANT_TYPE_UINT32))
        return FALSE;
      g_value_set_uint (value, g_variant_get_uint32 (variant));
      return TRUE;

    case G_TYPE_INT64:
      if (!g_variant_is_of_type (variant, G_VARIANT_TYPE_INT64))
        return FALSE;
      g_value_set_int64 (value, g_variant_get_int64 (variant));
      return TRUE;

    case G_TYPE_DOUBLE:
      if (!g_variant_is_of_type (variant, G_VARIANT_TYPE_DOUBLE))
        return FALSE;
      g_value_set_double (value, g_variant_get_double (variant));
      return TRUE;

    case G_TYPE_STRING:
      if (!g_variant_is_of_type (variant, G_VARIANT_TYPE_STRING))
        return FALSE;
      g_value_set_string (value, g_variant_get_string (variant, NULL));
      return TRUE;

    case G_TYPE_ENUM:
      {
        int enum_value;

        if (!g_variant_is_of_type (variant, G_VARIANT_TYPE_STRING))
          return FALSE;
        /* No Carport enum has a value of -1. */
        enum_value = carport_enum_from_nick (type, g_variant_get_string (variant, NULL), -1);
        if (enum_value == -1)
          return FALSE;
        g_value_set_enum (value, enum_value);
        return TRUE;
      }

    case G_TYPE_BOXED:
      if (type == G_TYPE_DATE_TIME && g_variant_is_of_type (variant, G_VARIANT_TYPE_INT64))
        {
          g_autoptr(GDateTime) epoch = g_date_time_new_from_unix_utc (0);
          GDateTime *dt = g_date_time_add (epoch, g_variant_get_int64 (variant));

          if (dt == NULL)
            return FALSE;
          g_value_take_boxed (value, dt);
          return TRUE;
        }
      return FALSE;

    default:
      return FALSE;
    }
}

static void
deserialize_list_store (GListStore *store,
                        GVariant   *array)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  GType item_type = g_list_model_get_item_type (G_LIST_MODEL (store));
  GVariantIter iter;
  GVariant *child;

  if (!G_TYPE_IS_INSTANTIATABLE (item_type) || G_TYPE_IS_ABSTRACT (item_type))
    return;

  g_variant_iter_init (&iter, array);
  while ((child = g_variant_iter_next_value (&iter)) != NULL)
    {
      GObject *item = g_object_new (item_type, NULL);

      deserialize_object (item, child);
      g_ptr_array_add (items, item);
      g_variant_unref (child);
    }

  g_list_store_splice (store, 0, g_list_model_get_n_items (G_LIST_MODEL (store)),
                       items->pdata, items->len);
}

static void
deserialize_property (GObject    *object,
                      GParamSpec *pspec,
                      GVariant   *variant)
{
  g_auto(GValue) value = G_VALUE_INIT;

  if (is_object_type (pspec->value_type))
    {
      g_autoptr(GObject) child = NULL;

      g_object_get (object, pspec->name, &child, NULL);

      if (G_IS_LIST_STORE (child) && g_variant_is_of_type (variant, G_VARIANT_TYPE ("aa{sv}")))
        deserialize_list_store (G_LIST_STORE (child), variant);
      else if (child != NULL && !G_IS_LIST_MODEL (child)
               && g_variant_is_of_type (variant, G_VARIANT_TYPE_VARDICT))
        deserialize_object (child, variant);
      else
        g_debug ("Ignoring cached “%s” of type %s", pspec->name, g_variant_get_type_string (variant));
      return;
    }

  if ((pspec->flags & G_PARAM_WRITABLE) == 0 || (pspec->flags & G_PARAM_CONSTRUCT_ONLY) != 0)
    return;

  g_value_init (&value, pspec->value_type);
  if (!variant_to_value (variant, &value) || g_param_value_validate (pspec, &value))
    {
      g_debug ("Ignoring cached “%s” of type %s", pspec->name, g_variant_get_type_string (variant));
      return;
    }

  g_object_set_property (object, pspec->name, &value);
}

static void
deserialize_object (GObject  *object,
                    GVariant *dict)
{
  GObjectClass *klass = G_OBJECT_GET_CLASS (object);
  GVariantIter iter;
  const char *key;
  GVariant *variant;

  if (!g_variant_is_of_type (dict, G_VARIANT_TYPE_VARDICT))
    return;

  g_object_freeze_notify (object);

  g_variant_iter_init (&iter, dict);
  while (g_variant_iter_loop (&iter, "{&sv}", &key, &variant))
    {
      GParamSpec *pspec = g_object_class_find_property (klass, key);

      if (pspec == NULL || (pspec->flags & G_PARAM_READABLE) == 0 || is_skipped (pspec))
        {
          g_debug ("Ignoring unknown cached key “%s” of %s", key, G_OBJECT_TYPE_NAME (object));
          continue;
        }

      deserialize_property (object, pspec, variant);
    }

  g_object_thaw_notify (object);
}

CarportVehicle *
carport_vehicle_new_from_variant (GVariant *variant)
{
  g_autoptr(CarportVehicle) self = NULL;
  const char *vin = NULL;

  g_return_val_if_fail (variant != NULL, NULL);
  g_return_val_if_fail (g_variant_is_of_type (variant, G_VARIANT_TYPE_VARDICT), NULL);

  g_variant_lookup (variant, "vin", "&s", &vin);
  self = carport_vehicle_new (vin);

  g_object_freeze_notify (G_OBJECT (self));
  deserialize_object (G_OBJECT (self), variant);
  carport_vehicle_set_from_cache (self, TRUE);
  g_object_thaw_notify (G_OBJECT (self));

  return g_steal_pointer (&self);
}
