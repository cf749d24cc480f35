/* gui-test-util.h — small helpers shared by the GUI tests. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Spins the main loop until @condition (called with @data) is TRUE or
 * @timeout_ms passed; returns the last result. Never sleeps. */
gboolean    gui_test_wait_until   (gboolean (*condition) (gpointer data), gpointer data, guint timeout_ms);
/* Spins the main loop for pending work (bounded). */
void        gui_test_flush        (void);
/* The first GtkLabel under @root whose text equals @text (visible or not). */
GtkWidget  *gui_test_find_label   (GtkWidget *root, const char *text);
/* Is there a label with @text that is drawable (visible and mapped)? */
gboolean    gui_test_label_shown  (GtkWidget *root, const char *text);
/* Waits (bounded) until a label with @text is shown under @root; fails the
 * test with every label's text otherwise. */
void        gui_test_assert_label_soon (GtkWidget *root, const char *text);
/* The first descendant of @root (or @root) of @type. */
GtkWidget  *gui_test_find_type    (GtkWidget *root, GType type);
/* The first shown widget under @root (or @root) whose accessible role is
 * @role and whose accessible name is @name (NULL: any), as a screen reader
 * finds it: the name is the accessible label when one is set, else the
 * row's title or the text the widget shows (mnemonics left out). */
GtkWidget  *gui_test_find_by_role (GtkWidget *root, GtkAccessibleRole role, const char *name);
/* The accessible name of @widget as gui_test_find_by_role() reads it when no
 * accessible label is set; NULL when it shows no text. */
char       *gui_test_shown_name   (GtkWidget *widget);
/* Every label's text under @root, joined with "|", for failure messages. */
char       *gui_test_dump_labels  (GtkWidget *root);
/* The visible widgets under @root whose minimum width is over @threshold, for failure messages. */
char       *gui_test_dump_min_widths (GtkWidget *root, int threshold);

G_END_DECLS
