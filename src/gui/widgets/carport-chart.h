/* carport-chart.h — a small chart drawn with GtkSnapshot: a line over time
 * or bars, in the style's accent colour, with its axis labels and a text
 * summary as its accessible description. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CARPORT_TYPE_CHART (carport_chart_get_type ())
G_DECLARE_FINAL_TYPE (CarportChart, carport_chart, CARPORT, CHART, GtkWidget)

/* Properties: summary (string: what the chart shows in words; its
 * accessible description). */
GtkWidget  *carport_chart_new         (void);
const char *carport_chart_get_summary (CarportChart *self);
void        carport_chart_set_summary (CarportChart *self, const char *summary);

/* A line through (@xs[i], @ys[i]), @xs ascending, on a y axis from @y_min
 * to @y_max; @x_start and @x_end label the ends of the x axis, @y_unit
 * follows the y labels ("%"). */
void        carport_chart_set_line    (CarportChart  *self,
                                       const double  *xs,
                                       const double  *ys,
                                       guint          n,
                                       double         y_min,
                                       double         y_max,
                                       const char    *y_unit,
                                       const char    *x_start,
                                       const char    *x_end);
/* One bar per value, from 0; @labels (n of them, nullable) under the bars,
 * thinned out when they would not fit. */
void        carport_chart_set_bars    (CarportChart       *self,
                                       const double       *values,
                                       const char * const *labels,
                                       guint               n,
                                       const char         *y_unit);

G_END_DECLS
