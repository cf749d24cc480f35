/* gui-test-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <adwaita.h>

#include "gui-test-util.h"

static gboolean
timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

gboolean
gui_test_wait_until (gboolean (*condition) (gpointer data), gpointer data, guint timeout_ms)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (timeout_ms, timeout_cb, &timed_out);
  gboolean ok;

  while (!(ok = condition (data)) && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  if (!timed_out)
    g_source_remove (id);
  return ok;
}

void
gui_test_flush (void)
{
  for (int i = 0; i < 1000 && g_main_context_pending (NULL); i++)
    g_main_context_iteration (NULL, FALSE);
}

GtkWidget *
gui_test_find_label (GtkWidget *root, const char *text)
{
  if (GTK_IS_LABEL (root) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (root)), text) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = gui_test_find_label (child, text);

      if (found)
        return found;
    }
  return NULL;
}

static gboolean
label_shown (GtkWidget *root, const char *text)
{
  if (!gtk_widget_get_visible (root))
    return FALSE;
  if (GTK_IS_LABEL (root) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (root)), text) == 0)
    return gtk_widget_get_mapped (root);
  if (GTK_IS_REVEALER (root) && !gtk_revealer_get_child_revealed (GTK_REVEALER (root)) &&
      !gtk_revealer_get_reveal_child (GTK_REVEALER (root)))
    return FALSE;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    if (label_shown (child, text))
      return TRUE;
  return FALSE;
}

gboolean
gui_test_label_shown (GtkWidget *root, const char *text)
{
  return label_shown (root, text);
}

typedef struct {
  GtkWidget  *root;
  const char *text;
} LabelWait;

static gboolean
label_wait_cb (gpointer data)
{
  LabelWait *w = data;

  return label_shown (w->root, w->text);
}

void
gui_test_assert_label_soon (GtkWidget *root, const char *text)
{
  LabelWait w = { root, text };

  if (!gui_test_wait_until (label_wait_cb, &w, 10000))
    {
      g_autofree char *labels = gui_test_dump_labels (root);

      g_error ("label “%s” not shown; labels: %s", text, labels);
    }
}

GtkWidget *
gui_test_find_type (GtkWidget *root, GType type)
{
  if (g_type_is_a (G_OBJECT_TYPE (root), type))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = gui_test_find_type (child, type);

      if (found)
        return found;
    }
  return NULL;
}

static void
dump (GtkWidget *root, GString *out)
{
  if (GTK_IS_LABEL (root))
    g_string_append_printf (out, "%s%s|", gtk_label_get_label (GTK_LABEL (root)),
                            gtk_widget_is_drawable (root) ? "" : "(hidden)");
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    dump (child, out);
}

char *
gui_test_dump_labels (GtkWidget *root)
{
  GString *out = g_string_new (NULL);

  dump (root, out);
  return g_string_free (out, FALSE);
}

static void
dump_widths (GtkWidget *root, int depth, int threshold, GString *out)
{
  int min = 0;

  if (!gtk_widget_get_visible (root))
    return;
  gtk_widget_measure (root, GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
  if (min > threshold)
    g_string_append_printf (out, "%*s%s#%s min=%d%s%s\n", depth * 2, "", G_OBJECT_TYPE_NAME (root),
                            gtk_buildable_get_buildable_id (GTK_BUILDABLE (root)) ?: "", min,
                            GTK_IS_LABEL (root) ? " label=" : "",
                            GTK_IS_LABEL (root) ? gtk_label_get_label (GTK_LABEL (root)) : "");
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    dump_widths (child, depth + 1, threshold, out);
}

char *
gui_test_dump_min_widths (GtkWidget *root, int threshold)
{
  GString *out = g_string_new (NULL);

  dump_widths (root, 0, threshold, out);
  return g_string_free (out, FALSE);
}

/* @text without its mnemonic underlines ("_Log In" → "Log In"). */
static char *
strip_mnemonic (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p; p++)
    {
      if (*p == '_' && p[1] != '_')
        continue;
      if (*p == '_')
        p++;
      g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

static void
append_shown_text (GtkWidget *widget, GString *out)
{
  if (!gtk_widget_get_visible (widget) || !gtk_widget_get_child_visible (widget))
    return;
  if (GTK_IS_LABEL (widget))
    {
      if (out->len > 0)
        g_string_append_c (out, ' ');
      g_string_append (out, gtk_label_get_text (GTK_LABEL (widget)));
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    append_shown_text (child, out);
}

char *
gui_test_shown_name (GtkWidget *widget)
{
  GString *out;

  if (ADW_IS_PREFERENCES_ROW (widget))
    return strip_mnemonic (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)));
  if (GTK_IS_BUTTON (widget) && gtk_button_get_label (GTK_BUTTON (widget)))
    return strip_mnemonic (gtk_button_get_label (GTK_BUTTON (widget)));

  out = g_string_new (NULL);
  append_shown_text (widget, out);
  if (out->len == 0)
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  return g_string_free (out, FALSE);
}

/* The row @widget is the activatable widget of, if any: it is labelled by
 * the row's title. */
static AdwActionRow *
row_activated_by (GtkWidget *widget)
{
  GtkWidget *row = gtk_widget_get_ancestor (widget, ADW_TYPE_ACTION_ROW);

  if (row && adw_action_row_get_activatable_widget (ADW_ACTION_ROW (row)) == widget)
    return ADW_ACTION_ROW (row);
  return NULL;
}

static gboolean
has_name (GtkWidget *widget, const char *name)
{
  g_autofree char *shown = NULL;
  g_autofree char *mismatch = NULL;
  AdwActionRow *row;

  if (name == NULL)
    return TRUE;
  if ((row = row_activated_by (widget)) != NULL)
    {
      shown = strip_mnemonic (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
      return g_strcmp0 (shown, name) == 0;
    }
  /* As ARIA names: labelled-by (a button's own label) first, then the
   * accessible label, then what the widget shows. */
  if (!gtk_test_accessible_has_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY) &&
      gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL))
    {
      mismatch = gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, name);
      return mismatch == NULL;
    }
  shown = gui_test_shown_name (widget);
  return g_strcmp0 (shown, name) == 0;
}

GtkWidget *
gui_test_find_by_role (GtkWidget *root, GtkAccessibleRole role, const char *name)
{
  if (!gtk_widget_get_visible (root) || !gtk_widget_get_child_visible (root))
    return NULL;
  if (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (root)) == role && has_name (root, name))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = gui_test_find_by_role (child, role, name);

      if (found)
        return found;
    }
  return NULL;
}
