/* carport-chart.c */
#define G_LOG_DOMAIN "carport-gui"

#include "config.h"

#include <math.h>
#include <string.h>

#include "carport-chart.h"

typedef enum {
  MODE_NONE,
  MODE_LINE,
  MODE_BARS,
} ChartMode;

struct _CarportChart
{
  GtkWidget parent_instance;

  ChartMode mode;
  GArray *xs;            /* double */
  GArray *ys;            /* double */
  GStrv labels;          /* nullable: under the bars */
  double y_min;
  double y_max;
  char *y_unit;
  char *x_start;
  char *x_end;
  char *summary;
};

G_DEFINE_FINAL_TYPE (CarportChart, carport_chart, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SUMMARY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define PAD 6.0

static GdkRGBA
style_color (GtkWidget  *widget,
             const char *name)
{
  GtkStyleContext *context;
  GdkRGBA color = { 0.21, 0.52, 0.89, 1.0 };

G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  context = gtk_widget_get_style_context (widget);
  if (name == NULL)
    gtk_style_context_get_color (context, &color);
  else
    gtk_style_context_lookup_color (context, name, &color);
G_GNUC_END_IGNORE_DEPRECATIONS

  return color;
}

static PangoLayout *
small_layout (GtkWidget  *widget,
              const char *text)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (widget, text);
  PangoAttrList *attributes = pango_attr_list_new ();

  pango_attr_list_insert (attributes, pango_attr_scale_new (PANGO_SCALE_SMALL));
  pango_attr_list_insert (attributes, pango_attr_font_features_new ("tnum=1"));
  pango_layout_set_attributes (layout, attributes);
  pango_attr_list_unref (attributes);

  return layout;
}

/* Draws @text with its top left at (@x, @y) in @color; returns its width. */
static int
draw_text (GtkSnapshot   *snapshot,
           GtkWidget     *widget,
           const char    *text,
           double         x,
           double         y,
           const GdkRGBA *color,
           gboolean       align_end)
{
  g_autoptr(PangoLayout) layout = small_layout (widget, text);
  int width, height;

  pango_layout_get_pixel_size (layout, &width, &height);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (align_end ? x - width : x, y));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);

  return width;
}

static int
text_height (GtkWidget *widget)
{
  g_autoptr(PangoLayout) layout = small_layout (widget, "0");
  int height;

  pango_layout_get_pixel_size (layout, NULL, &height);
  return height;
}

static char *
format_axis_value (double      value,
                   const char *unit)
{
  return g_strdup_printf ("%.*f %s", fabs (value) < 10 && value != floor (value) ? 1 : 0, value, unit ? unit : "");
}

static void
carport_chart_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  CarportChart *self = CARPORT_CHART (widget);
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  GdkRGBA accent = style_color (widget, "accent_color");
  GdkRGBA text = style_color (widget, NULL);
  GdkRGBA grid = text;
  g_autofree char *top = NULL;
  g_autofree char *bottom = NULL;
  int line_height = text_height (widget);
  double left, plot_top = line_height / 2.0, plot_bottom, plot_width, plot_height;
  cairo_t *cr;

  if (self->mode == MODE_NONE || self->ys->len == 0)
    return;

  grid.alpha = 0.15;
  text.alpha = 0.7;
  top = format_axis_value (self->y_max, self->y_unit);
  bottom = format_axis_value (self->y_min, self->y_unit);
  {
    g_autoptr(PangoLayout) widest = small_layout (widget, strlen (top) > strlen (bottom) ? top : bottom);
    int label_width;

    pango_layout_get_pixel_size (widest, &label_width, NULL);
    left = label_width + PAD;
  }
  plot_bottom = height - line_height - PAD;
  plot_width = width - left - PAD;
  plot_height = plot_bottom - plot_top;
  if (plot_width <= 10 || plot_height <= 10)
    return;

  /* The y axis: its top and bottom values, and the grid lines. */
  draw_text (snapshot, widget, top, left - PAD, plot_top - line_height / 2.0, &text, TRUE);
  draw_text (snapshot, widget, bottom, left - PAD, plot_bottom - line_height / 2.0, &text, TRUE);
  for (int i = 0; i <= 4; i++)
    gtk_snapshot_append_color (snapshot, &grid,
                               &GRAPHENE_RECT_INIT (left, plot_top + i * plot_height / 4, plot_width, 1));

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  gdk_cairo_set_source_rgba (cr, &accent);
  if (self->mode == MODE_LINE)
    {
      double x0 = g_array_index (self->xs, double, 0);
      double x1 = g_array_index (self->xs, double, self->xs->len - 1);
      double span = x1 > x0 ? x1 - x0 : 1;
      double range = self->y_max > self->y_min ? self->y_max - self->y_min : 1;

      for (guint i = 0; i < self->ys->len; i++)
        {
          double x = left + (g_array_index (self->xs, double, i) - x0) / span * plot_width;
          double y = plot_bottom - (g_array_index (self->ys, double, i) - self->y_min) / range * plot_height;

          if (i == 0)
            cairo_move_to (cr, x, y);
          else
            cairo_line_to (cr, x, y);
        }
      cairo_set_line_width (cr, 2.0);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      cairo_stroke (cr);
      cairo_destroy (cr);

      if (self->x_start)
        draw_text (snapshot, widget, self->x_start, left, plot_bottom + PAD / 2, &text, FALSE);
      if (self->x_end)
        draw_text (snapshot, widget, self->x_end, left + plot_width, plot_bottom + PAD / 2, &text, TRUE);
    }
  else
    {
      double slot = plot_width / self->ys->len;
      double range = self->y_max > 0 ? self->y_max : 1;
      double next_label_x = 0;

      for (guint i = 0; i < self->ys->len; i++)
        {
          double value = g_array_index (self->ys, double, i);
          double bar = MAX (0, value) / range * plot_height;

          cairo_rectangle (cr, left + i * slot + slot * 0.15, plot_bottom - bar, slot * 0.7, bar);
        }
      cairo_fill (cr);
      cairo_destroy (cr);

      /* The labels that fit, left to right. */
      for (guint i = 0; self->labels && i < self->ys->len && self->labels[i]; i++)
        {
          double x = left + i * slot;

          if (x < next_label_x)
            continue;
          next_label_x = x + draw_text (snapshot, widget, self->labels[i], x, plot_bottom + PAD / 2, &text, FALSE)
                         + PAD;
        }
    }
}

static void
carport_chart_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 120;
      *natural = 480;
    }
  else
    {
      *minimum = 120;
      *natural = 160;
    }
}

static void
set_values (CarportChart *self,
            ChartMode     mode,
            const double *xs,
            const double *ys,
            guint         n,
            const char   *y_unit)
{
  self->mode = mode;
  g_array_set_size (self->xs, 0);
  g_array_set_size (self->ys, 0);
  if (xs)
    g_array_append_vals (self->xs, xs, n);
  g_array_append_vals (self->ys, ys, n);
  g_free (self->y_unit);
  self->y_unit = g_strdup (y_unit);
  g_clear_pointer (&self->labels, g_strfreev);
  g_clear_pointer (&self->x_start, g_free);
  g_clear_pointer (&self->x_end, g_free);
}

void
carport_chart_set_line (CarportChart *self,
                        const double *xs,
                        const double *ys,
                        guint         n,
                        double        y_min,
                        double        y_max,
                        const char   *y_unit,
                        const char   *x_start,
                        const char   *x_end)
{
  g_return_if_fail (CARPORT_IS_CHART (self));

  set_values (self, MODE_LINE, xs, ys, n, y_unit);
  self->y_min = y_min;
  self->y_max = y_max;
  self->x_start = g_strdup (x_start);
  self->x_end = g_strdup (x_end);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
carport_chart_set_bars (CarportChart       *self,
                        const double       *values,
                        const char * const *labels,
                        guint               n,
                        const char         *y_unit)
{
  g_return_if_fail (CARPORT_IS_CHART (self));

  set_values (self, MODE_BARS, NULL, values, n, y_unit);
  self->y_min = 0;
  self->y_max = 0;
  for (guint i = 0; i < n; i++)
    self->y_max = MAX (self->y_max, values[i]);
  /* A round top: the next multiple of 5 (or 1 below 5). */
  self->y_max = self->y_max >= 5 ? ceil (self->y_max / 5) * 5 : ceil (self->y_max);
  if (labels)
    self->labels = g_strdupv ((char **) labels);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

const char *
carport_chart_get_summary (CarportChart *self)
{
  g_return_val_if_fail (CARPORT_IS_CHART (self), NULL);
  return self->summary;
}

void
carport_chart_set_summary (CarportChart *self,
                           const char   *summary)
{
  g_return_if_fail (CARPORT_IS_CHART (self));

  if (g_strcmp0 (self->summary, summary) == 0)
    return;
  g_free (self->summary);
  self->summary = g_strdup (summary);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  summary ? summary : "", -1);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), summary);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUMMARY]);
}

static void
carport_chart_finalize (GObject *object)
{
  CarportChart *self = CARPORT_CHART (object);

  g_clear_pointer (&self->xs, g_array_unref);
  g_clear_pointer (&self->ys, g_array_unref);
  g_clear_pointer (&self->labels, g_strfreev);
  g_clear_pointer (&self->y_unit, g_free);
  g_clear_pointer (&self->x_start, g_free);
  g_clear_pointer (&self->x_end, g_free);
  g_clear_pointer (&self->summary, g_free);

  G_OBJECT_CLASS (carport_chart_parent_class)->finalize (object);
}

static void
carport_chart_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  CarportChart *self = CARPORT_CHART (object);

  switch (prop_id)
    {
    case PROP_SUMMARY:
      g_value_set_string (value, self->summary);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carport_chart_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  CarportChart *self = CARPORT_CHART (object);

  switch (prop_id)
    {
    case PROP_SUMMARY:
      carport_chart_set_summary (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carport_chart_class_init (CarportChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = carport_chart_finalize;
  object_class->get_property = carport_chart_get_property;
  object_class->set_property = carport_chart_set_property;
  widget_class->snapshot = carport_chart_snapshot;
  widget_class->measure = carport_chart_measure;

  properties[PROP_SUMMARY] =
    g_param_spec_string ("summary", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
carport_chart_init (CarportChart *self)
{
  self->xs = g_array_new (FALSE, FALSE, sizeof (double));
  self->ys = g_array_new (FALSE, FALSE, sizeof (double));
}

GtkWidget *
carport_chart_new (void)
{
  return g_object_new (CARPORT_TYPE_CHART, NULL);
}
