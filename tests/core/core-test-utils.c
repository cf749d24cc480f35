/* core-test-utils.c — generic property checks shared by the core tests.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <gio/gio.h>
#include <math.h>

#include "core-test-utils.h"

static void
on_notify (GObject    *object,
           GParamSpec *pspec,
           gpointer    user_data)
{
  NotifyCounter *counter = user_data;
  guint count = GPOINTER_TO_UINT (g_hash_table_lookup (counter->counts, pspec->name));

  g_hash_table_insert (counter->counts, (gpointer) g_intern_string (pspec->name),
                       GUINT_TO_POINTER (count + 1));
}

void
notify_counter_init (NotifyCounter *counter,
                     GObject       *object)
{
  counter->counts = g_hash_table_new (g_str_hash, g_str_equal);
  counter->object = object;
  counter->handler_id = g_signal_connect (object, "notify", G_CALLBACK (on_notify), counter);
}

void
notify_counter_clear (NotifyCounter *counter)
{
  g_clear_signal_handler (&counter->handler_id, counter->object);
  g_clear_pointer (&counter->counts, g_hash_table_unref);
}

void
notify_counter_reset (NotifyCounter *counter)
{
  g_hash_table_remove_all (counter->counts);
}

guint
notify_counter_get (NotifyCounter *counter,
                    const char    *name)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (counter->counts, name));
}

guint
notify_counter_total (NotifyCounter *counter)
{
  GHashTableIter iter;
  gpointer count;
  guint total = 0;

  g_hash_table_iter_init (&iter, counter->counts);
  while (g_hash_table_iter_next (&iter, NULL, &count))
    total += GPOINTER_TO_UINT (count);

  return total;
}

static gboolean
is_settable (GParamSpec *pspec)
{
  return (pspec->flags & G_PARAM_WRITABLE) != 0
         && (pspec->flags & G_PARAM_CONSTRUCT_ONLY) == 0;
}

void
test_value_for_pspec (GParamSpec *pspec,
                      GValue     *value)
{
  const GValue *def = g_param_spec_get_default_value (pspec);
  GType type = pspec->value_type;

  g_value_init (value, type);

  switch (G_TYPE_FUNDAMENTAL (type))
    {
    case G_TYPE_BOOLEAN:
      g_value_set_boolean (value, !g_value_get_boolean (def));
      break;

    case G_TYPE_INT:
      g_value_set_int (value, g_value_get_int (def) == 42 ? 43 : 42);
      break;

    case G_TYPE_UINT:
      g_value_set_uint (value, g_value_get_uint (def) ^ 1);
      break;

    case G_TYPE_INT64:
      g_value_set_int64 (value, g_value_get_int64 (def) == 42 ? 43 : 42);
      break;

    case G_TYPE_DOUBLE:
      g_value_set_double (value, 1.5);
      break;

    case G_TYPE_STRING:
      g_value_set_string (value, "abc");
      break;

    case G_TYPE_ENUM:
      {
        GEnumClass *klass = G_PARAM_SPEC_ENUM (pspec)->enum_class;
        int last = klass->values[klass->n_values - 1].value;

        g_value_set_enum (value, last != g_value_get_enum (def) ? last : klass->values[0].value);
        break;
      }

    case G_TYPE_BOXED:
      g_assert_true (type == G_TYPE_DATE_TIME);
      g_value_take_boxed (value, g_date_time_new_utc (2024, 5, 6, 7, 8, 9.25));
      break;

    case G_TYPE_INTERFACE:
      g_assert_true (type == G_TYPE_LIST_MODEL);
      g_value_take_object (value, g_list_store_new (G_TYPE_OBJECT));
      break;

    default:
      g_assert_not_reached ();
    }
}

void
assert_all_defaults (GObject *object)
{
  g_autofree GParamSpec **pspecs = NULL;
  guint n_pspecs;

  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (object), &n_pspecs);
  for (guint i = 0; i < n_pspecs; i++)
    {
      GParamSpec *pspec = pspecs[i];
      g_auto(GValue) value = G_VALUE_INIT;

      if (!is_settable (pspec))
        continue;

      g_value_init (&value, pspec->value_type);
      g_object_get_property (object, pspec->name, &value);

      if (G_VALUE_HOLDS_DOUBLE (&value))
        {
          g_test_message ("%s::%s", G_OBJECT_TYPE_NAME (object), pspec->name);
          g_assert_true (isnan (g_value_get_double (&value)));
        }
      else if (G_VALUE_HOLDS (&value, G_TYPE_DATE_TIME))
        g_assert_null (g_value_get_boxed (&value));
      else
        {
          if (!g_param_value_defaults (pspec, &value))
            g_error ("%s::%s is not at its default", G_OBJECT_TYPE_NAME (object), pspec->name);
        }
    }
}

static void
assert_only (NotifyCounter      *counter,
             const char         *name,
             guint               expected,
             const char * const *derived)
{
  GHashTableIter iter;
  gpointer key, count;

  if (notify_counter_get (counter, name) != expected)
    g_error ("%s::%s notified %u times, expected %u", G_OBJECT_TYPE_NAME (counter->object),
             name, notify_counter_get (counter, name), expected);

  g_hash_table_iter_init (&iter, counter->counts);
  while (g_hash_table_iter_next (&iter, &key, &count))
    {
      if (g_str_equal (key, name))
        continue;
      if (derived != NULL && g_strv_contains (derived, key))
        continue;
      g_error ("Setting %s::%s also notified %s", G_OBJECT_TYPE_NAME (counter->object),
               name, (const char *) key);
    }
}

void
assert_notifies_once (GObject            *object,
                      const char * const *derived)
{
  g_autofree GParamSpec **pspecs = NULL;
  NotifyCounter counter;
  guint n_pspecs;

  notify_counter_init (&counter, object);

  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (object), &n_pspecs);
  for (guint i = 0; i < n_pspecs; i++)
    {
      GParamSpec *pspec = pspecs[i];
      g_auto(GValue) value = G_VALUE_INIT;
      g_auto(GValue) readback = G_VALUE_INIT;
      g_auto(GValue) def = G_VALUE_INIT;

      if (!is_settable (pspec))
        continue;

      g_test_message ("%s::%s", G_OBJECT_TYPE_NAME (object), pspec->name);
      notify_counter_reset (&counter);

      /* A different value: exactly one notification. */
      test_value_for_pspec (pspec, &value);
      g_object_set_property (object, pspec->name, &value);
      assert_only (&counter, pspec->name, 1, derived);

      g_value_init (&readback, pspec->value_type);
      g_object_get_property (object, pspec->name, &readback);
      g_assert_cmpint (g_param_values_cmp (pspec, &value, &readback), ==, 0);

      /* The same value again: none. */
      g_object_set_property (object, pspec->name, &value);
      assert_only (&counter, pspec->name, 1, derived);

      /* An equal but distinct time: none. */
      if (G_VALUE_HOLDS (&value, G_TYPE_DATE_TIME))
        {
          g_auto(GValue) copy = G_VALUE_INIT;
          GDateTime *dt = g_value_get_boxed (&value);
          g_autoptr(GTimeZone) tz = g_time_zone_new_offset (3600);

          g_value_init (&copy, G_TYPE_DATE_TIME);
          g_value_take_boxed (&copy, g_date_time_to_timezone (dt, tz));
          g_object_set_property (object, pspec->name, &copy);
          assert_only (&counter, pspec->name, 1, derived);
        }

      /* Back to the default ("not reported"): one more, then none. */
      g_value_init (&def, pspec->value_type);
      g_param_value_set_default (pspec, &def);
      g_object_set_property (object, pspec->name, &def);
      assert_only (&counter, pspec->name, 2, derived);
      g_object_set_property (object, pspec->name, &def);
      assert_only (&counter, pspec->name, 2, derived);

      if (G_VALUE_HOLDS_DOUBLE (&def))
        {
          g_assert_true (isnan (g_value_get_double (&def)));
          g_object_set (object, pspec->name, (double) NAN, NULL);
          assert_only (&counter, pspec->name, 2, derived);
        }
    }

  notify_counter_clear (&counter);
}

void
set_all_non_default (GObject *object)
{
  g_autofree GParamSpec **pspecs = NULL;
  guint n_pspecs;

  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (object), &n_pspecs);
  for (guint i = 0; i < n_pspecs; i++)
    {
      g_auto(GValue) value = G_VALUE_INIT;

      if (!is_settable (pspecs[i]))
        continue;

      test_value_for_pspec (pspecs[i], &value);
      g_object_set_property (object, pspecs[i]->name, &value);
    }
}
