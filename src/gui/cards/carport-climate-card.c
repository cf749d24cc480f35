/* carport-climate-card.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "carport-gui"

#include "config.h"

#include "carport-closures.h"
#include "carport-climate-card.h"
#include "carport-schedule-list.h"

struct _CarportClimateCard
{
  CarportStatusCard parent_instance;

  CarportSession   *session;
};

G_DEFINE_FINAL_TYPE (CarportClimateCard, carport_climate_card, CARPORT_TYPE_STATUS_CARD)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
carport_climate_card_dispose (GObject *object)
{
  CarportClimateCard *self = CARPORT_CLIMATE_CARD (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CARPORT_TYPE_CLIMATE_CARD);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (carport_climate_card_parent_class)->dispose (object);
}

static void
carport_climate_card_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  CarportClimateCard *self = CARPORT_CLIMATE_CARD (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carport_climate_card_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  CarportClimateCard *self = CARPORT_CLIMATE_CARD (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      if (g_set_object (&self->session, g_value_get_object (value)))
        g_object_notify_by_pspec (object, pspec);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carport_climate_card_class_init (CarportClimateCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = carport_climate_card_dispose;
  object_class->get_property = carport_climate_card_get_property;
  object_class->set_property = carport_climate_card_set_property;

  /* The climate programmes are changed through it. */
  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, CARPORT_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/carport/Carport/cards/carport-climate-card.ui");
  carport_closures_bind (widget_class);
}

static void
carport_climate_card_init (CarportClimateCard *self)
{
  g_type_ensure (CARPORT_TYPE_SCHEDULE_LIST);
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
carport_climate_card_new (void)
{
  return g_object_new (CARPORT_TYPE_CLIMATE_CARD, NULL);
}
