/* carport-clock-chooser.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "carport-gui"

#include "config.h"

#include "carport-clock-chooser.h"

struct _CarportClockChooser
{
  GtkBox         parent_instance;

  /* Template widgets */
  GtkSpinButton *hour_spin;
  GtkSpinButton *minute_spin;
};

G_DEFINE_FINAL_TYPE (CarportClockChooser, carport_clock_chooser, GTK_TYPE_BOX)

static gboolean
output_two_digits_cb (GtkSpinButton *spin)
{
  g_autofree char *text = g_strdup_printf ("%02d", gtk_spin_button_get_value_as_int (spin));

  gtk_editable_set_text (GTK_EDITABLE (spin), text);
  return TRUE;
}

/* Enter in a number field activates the default, as anywhere else in a
 * dialog (GTK 4.8's spin buttons have no activates-default of their own). */
static void
activate_default_on_enter (GtkSpinButton *spin)
{
  g_object_set (gtk_editable_get_delegate (GTK_EDITABLE (spin)), "activates-default", TRUE, NULL);
}

static void
carport_clock_chooser_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), CARPORT_TYPE_CLOCK_CHOOSER);

  G_OBJECT_CLASS (carport_clock_chooser_parent_class)->dispose (object);
}

static void
carport_clock_chooser_class_init (CarportClockChooserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = carport_clock_chooser_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/carport/Carport/widgets/carport-clock-chooser.ui");
  gtk_widget_class_bind_template_child (widget_class, CarportClockChooser, hour_spin);
  gtk_widget_class_bind_template_child (widget_class, CarportClockChooser, minute_spin);
  gtk_widget_class_bind_template_callback (widget_class, output_two_digits_cb);
}

static void
carport_clock_chooser_init (CarportClockChooser *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  activate_default_on_enter (self->hour_spin);
  activate_default_on_enter (self->minute_spin);
}

GtkWidget *
carport_clock_chooser_new (void)
{
  return g_object_new (CARPORT_TYPE_CLOCK_CHOOSER, NULL);
}

void
carport_clock_chooser_set_time (CarportClockChooser *self,
                                int                  hour,
                                int                  minute)
{
  g_return_if_fail (CARPORT_IS_CLOCK_CHOOSER (self));

  gtk_spin_button_set_value (self->hour_spin, hour);
  gtk_spin_button_set_value (self->minute_spin, minute);
}

void
carport_clock_chooser_set_from_now (CarportClockChooser *self,
                                    int                  minutes)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) later = g_date_time_add_minutes (now, minutes);

  g_return_if_fail (CARPORT_IS_CLOCK_CHOOSER (self));

  carport_clock_chooser_set_time (self, g_date_time_get_hour (later), (g_date_time_get_minute (later) / 5) * 5);
}

GDateTime *
carport_clock_chooser_dup_next (CarportClockChooser *self)
{
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) today = NULL;

  g_return_val_if_fail (CARPORT_IS_CLOCK_CHOOSER (self), NULL);

  /* What was typed counts, even without leaving the field. */
  gtk_spin_button_update (self->hour_spin);
  gtk_spin_button_update (self->minute_spin);
  now = g_date_time_new_now_local ();
  today = g_date_time_new_local (g_date_time_get_year (now), g_date_time_get_month (now),
                                 g_date_time_get_day_of_month (now),
                                 gtk_spin_button_get_value_as_int (self->hour_spin),
                                 gtk_spin_button_get_value_as_int (self->minute_spin), 0);

  /* A time already past today means tomorrow. */
  if (g_date_time_compare (today, now) <= 0)
    return g_date_time_add_days (today, 1);
  return g_steal_pointer (&today);
}
