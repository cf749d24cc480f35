/* gui-test-util.h — small helpers shared by the GUI tests. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* gtk_test_init() and adw_init(), for a test that needs a display: with
 * none (no X server or Wayland compositor to open, as in a Flatpak build
 * sandbox), the program says it skips and exits 77, the GNU "skipped"
 * status (with --tap, a "1..0 # SKIP" plan and 0, which meson reads as
 * skipped). Never returns without GTK initialised. */
void        gui_test_init         (int *argc, char ***argv);

/* Spins the main loop until @condition (called with @data) is TRUE or
 * @timeout_ms passed; returns the last result. Never sleeps. */
gboolean    gui_test_wait_until   (gboolean (*condition) (gpointer data), gpointer data, guint timeout_ms);
/* Waits (bounded) until @banner (a CarportErrorBanner) is @revealed or not;
 * returns whether it came. */
gboolean    gui_test_wait_banner  (GtkWidget *banner, gboolean revealed, guint timeout_ms);
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
/* TRUE when @widget has the accessible string property @property (LABEL,
 * DESCRIPTION, …) set to @value. */
gboolean    gui_test_accessible_has (GtkWidget *widget, GtkAccessibleProperty property, const char *value);
/* The first shown widget under @root (or @root) with the accessible @role
 * and the accessible name @name (NULL: any), as a screen reader finds it:
 * the title of the row it activates, its labelled-by relation or accessible
 * label, else the text it shows (mnemonic underscores left out). NULL when
 * there is none. Needs GTK_A11Y=test. */
GtkWidget  *gui_test_find_accessible (GtkWidget *root, GtkAccessibleRole role, const char *name);
/* The same, failing the test with every accessible name under @root when
 * there is none. */
GtkWidget  *gui_test_get_accessible  (GtkWidget *root, GtkAccessibleRole role, const char *name);
/* Fails the test when a visible control under @root (a button, switch,
 * spin button, combo box, text field, …) has no accessible name (a label or
 * a labelled-by relation). */
void        gui_test_assert_controls_named (GtkWidget *root);
/* Every label's text under @root, joined with "|", for failure messages. */
char       *gui_test_dump_labels  (GtkWidget *root);
/* The visible widgets under @root whose minimum width is over @threshold, for failure messages. */
char       *gui_test_dump_min_widths (GtkWidget *root, int threshold);

G_END_DECLS
