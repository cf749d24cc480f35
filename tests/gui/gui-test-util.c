/* gui-test-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <adwaita.h>

#include "carport-error-banner.h"
#include "gui-test-util.h"

#include <locale.h>
#include <stdlib.h>

/* A map tile that a test's end cut short (or that one map reads from the
 * tile cache while another is still writing it) is libshumate's warning, not
 * the test's failure: the map shows the tiles it has (test-map checks them).
 * Two parts keep it so. The fatal handler keeps GLib from aborting; GLib
 * resets it at each test case, so each wait sets it again (tolerate_tiles()):
 * the main loop only turns there. The log handler of the "shumate" domain,
 * set once, writes the message as a TAP comment: GLib's own would print it as
 * "Bail out!", which ends the TAP stream although the test goes on. */
static gboolean
is_tile_warning (const char     *log_domain,
                 GLogLevelFlags  log_level,
                 const char     *message)
{
  return g_strcmp0 (log_domain, "shumate") == 0 && (log_level & G_LOG_LEVEL_WARNING) != 0 &&
         strstr (message, "tile") != NULL;
}

static gboolean
tolerate_tile_warnings (const char     *log_domain,
                        GLogLevelFlags  log_level,
                        const char     *message,
                        gpointer        user_data)
{
  return !is_tile_warning (log_domain, log_level, message);
}

static void
log_shumate (const char     *log_domain,
             GLogLevelFlags  log_level,
             const char     *message,
             gpointer        user_data)
{
  if (is_tile_warning (log_domain, log_level, message))
    g_test_message ("tolerated: %s-WARNING: %s", log_domain, message);
  else
    g_log_default_handler (log_domain, log_level, message, user_data);
}

void
gui_test_init (int *argc, char ***argv)
{
  gboolean tap = FALSE;

  for (int i = 1; i < *argc; i++)
    tap |= g_str_equal ((*argv)[i], "--tap");

  g_test_init (argc, argv, NULL);
  g_log_set_handler ("shumate", G_LOG_LEVEL_WARNING | G_LOG_FLAG_FATAL | G_LOG_FLAG_RECURSION, log_shumate, NULL);
  /* What gtk_test_init() does, with a check where it would abort. */
  gtk_disable_setlocale ();
  setlocale (LC_ALL, "en_US.UTF-8");
  if (!gtk_init_check ())
    {
      const char *reason = "no display can be opened";

      if (tap)
        {
          g_print ("1..0 # SKIP %s\n", reason);
          exit (0);
        }
      g_printerr ("SKIP: %s\n", reason);
      exit (77);
    }
  adw_init ();
}

static gboolean
timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
tolerate_tiles (void)
{
  g_test_log_set_fatal_handler (tolerate_tile_warnings, NULL);
}

gboolean
gui_test_wait_until (gboolean (*condition) (gpointer data), gpointer data, guint timeout_ms)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (timeout_ms, timeout_cb, &timed_out);
  gboolean ok;

  tolerate_tiles ();
  while (!(ok = condition (data)) && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  if (!timed_out)
    g_source_remove (id);
  return ok;
}

void
gui_test_flush (void)
{
  tolerate_tiles ();
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

gboolean
gui_test_accessible_has (GtkWidget *widget, GtkAccessibleProperty property, const char *value)
{
  g_autofree char *difference = NULL;

  if (!gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), property))
    return FALSE;
  difference = gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget), property, value);
  return difference == NULL;
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

static char *
shown_name (GtkWidget *widget)
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

/* What a screen reader calls @widget, or NULL, as GTK names it: the title
 * of the row it is the activatable widget of (the row labels it); its
 * labelled-by relation (a button's own label, which it shows); its
 * accessible label; else what it shows. */
static char *
accessible_name (GtkWidget *widget)
{
  AdwActionRow *row;

  if ((row = row_activated_by (widget)) != NULL)
    return strip_mnemonic (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
  if (!gtk_test_accessible_has_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY) &&
      gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL))
    {
      /* The check answers with the value it found when it differs. */
      char *found = gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, "");

      return found ? found : g_strdup ("");
    }
  return shown_name (widget);
}

GtkWidget *
gui_test_find_accessible (GtkWidget *root, GtkAccessibleRole role, const char *name)
{
  if (!gtk_widget_get_visible (root) || !gtk_widget_get_child_visible (root))
    return NULL;
  if (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (root)) == role)
    {
      g_autofree char *found = accessible_name (root);

      if (name == NULL || g_strcmp0 (found, name) == 0)
        return root;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = gui_test_find_accessible (child, role, name);

      if (found)
        return found;
    }
  return NULL;
}

static void
dump_accessible (GtkWidget *root, GString *out)
{
  g_autofree char *name = NULL;

  if (!gtk_widget_get_visible (root))
    return;
  name = accessible_name (root);
  if (name)
    g_string_append_printf (out, "%s “%s”|", G_OBJECT_TYPE_NAME (root), name);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    dump_accessible (child, out);
}

GtkWidget *
gui_test_get_accessible (GtkWidget *root, GtkAccessibleRole role, const char *name)
{
  GtkWidget *found = gui_test_find_accessible (root, role, name);

  if (found == NULL)
    {
      g_autoptr(GString) names = g_string_new (NULL);

      dump_accessible (root, names);
      g_error ("no control named “%s” with role %d; names: %s", name, role, names->str);
    }
  return found;
}

/* The roles people act on. */
static gboolean
is_control (GtkAccessibleRole role)
{
  switch (role)
    {
    case GTK_ACCESSIBLE_ROLE_BUTTON:
    case GTK_ACCESSIBLE_ROLE_CHECKBOX:
    case GTK_ACCESSIBLE_ROLE_COMBO_BOX:
    case GTK_ACCESSIBLE_ROLE_LINK:
    case GTK_ACCESSIBLE_ROLE_RADIO:
    case GTK_ACCESSIBLE_ROLE_SEARCH_BOX:
    case GTK_ACCESSIBLE_ROLE_SLIDER:
    case GTK_ACCESSIBLE_ROLE_SPIN_BUTTON:
    case GTK_ACCESSIBLE_ROLE_SWITCH:
    case GTK_ACCESSIBLE_ROLE_TEXT_BOX:
      return TRUE;
    default:
      return FALSE;
    }
}

static void
find_unnamed (GtkWidget *root, GString *out)
{
  GtkAccessibleRole role;

  if (!gtk_widget_get_visible (root))
    return;
  role = gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (root));
  if (is_control (role))
    {
      g_autofree char *name = accessible_name (root);

      if ((name == NULL || *name == '\0') &&
          !gtk_test_accessible_has_relation (GTK_ACCESSIBLE (root), GTK_ACCESSIBLE_RELATION_LABELLED_BY))
        g_string_append_printf (out, "%s#%s (role %d)|", G_OBJECT_TYPE_NAME (root),
                                gtk_buildable_get_buildable_id (GTK_BUILDABLE (root)) ?: "", role);
      /* Its parts (a spin button's text) go with it. */
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    find_unnamed (child, out);
}

void
gui_test_assert_controls_named (GtkWidget *root)
{
  g_autoptr(GString) unnamed = g_string_new (NULL);

  find_unnamed (root, unnamed);
  if (unnamed->len > 0)
    g_error ("controls without an accessible name: %s", unnamed->str);
}

typedef struct {
  GtkWidget *banner;
  gboolean   revealed;
} BannerWait;

static gboolean
banner_is (gpointer data)
{
  BannerWait *wait = data;

  return carport_error_banner_get_revealed (CARPORT_ERROR_BANNER (wait->banner)) == wait->revealed;
}

gboolean
gui_test_wait_banner (GtkWidget *banner, gboolean revealed, guint timeout_ms)
{
  BannerWait wait = { banner, revealed };

  g_return_val_if_fail (CARPORT_IS_ERROR_BANNER (banner), FALSE);
  return gui_test_wait_until (banner_is, &wait, timeout_ms);
}
