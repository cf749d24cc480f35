/* carport-alert.c — one maintenance alert the maker raised for a car.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "carport-core"

#include "config.h"

#include <math.h>

#include "carport-alert.h"
#include "carport-enums.h"

struct _CarportAlert
{
  GObject  parent_instance;

  char    *code;
  char    *title;
  char    *description;
  int      criticity;
  double   mileage_km;
};

G_DEFINE_FINAL_TYPE (CarportAlert, carport_alert, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CODE,
  PROP_TITLE,
  PROP_DESCRIPTION,
  PROP_CRITICITY,
  PROP_MILEAGE_KM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

CarportAlert *
carport_alert_new (const char *code,
                   const char *title,
                   const char *description,
                   int         criticity,
                   double      mileage_km)
{
  return g_object_new (CARPORT_TYPE_ALERT,
                       "code", code,
                       "title", title,
                       "description", description,
                       "criticity", criticity,
                       "mileage-km", mileage_km,
                       NULL);
}

const char *
carport_alert_get_code (CarportAlert *self)
{
  g_return_val_if_fail (CARPORT_IS_ALERT (self), NULL);

  return self->code;
}

const char *
carport_alert_get_title (CarportAlert *self)
{
  g_return_val_if_fail (CARPORT_IS_ALERT (self), NULL);

  return self->title;
}

const char *
carport_alert_get_description (CarportAlert *self)
{
  g_return_val_if_fail (CARPORT_IS_ALERT (self), NULL);

  return self->description;
}

int
carport_alert_get_criticity (CarportAlert *self)
{
  g_return_val_if_fail (CARPORT_IS_ALERT (self), -1);

  return self->criticity;
}

double
carport_alert_get_mileage_km (CarportAlert *self)
{
  g_return_val_if_fail (CARPORT_IS_ALERT (self), NAN);

  return self->mileage_km;
}

static void
carport_alert_finalize (GObject *object)
{
  CarportAlert *self = CARPORT_ALERT (object);

  g_free (self->code);
  g_free (self->title);
  g_free (self->description);

  G_OBJECT_CLASS (carport_alert_parent_class)->finalize (object);
}

static void
carport_alert_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  CarportAlert *self = CARPORT_ALERT (object);

  switch (prop_id)
    {
    case PROP_CODE:
      g_value_set_string (value, self->code);
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;

    case PROP_CRITICITY:
      g_value_set_int (value, self->criticity);
      break;

    case PROP_MILEAGE_KM:
      g_value_set_double (value, self->mileage_km);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carport_alert_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  CarportAlert *self = CARPORT_ALERT (object);

  switch (prop_id)
    {
    case PROP_CODE:
      g_free (self->code);
      self->code = g_value_dup_string (value);
      break;

    case PROP_TITLE:
      g_free (self->title);
      self->title = g_value_dup_string (value);
      break;

    case PROP_DESCRIPTION:
      g_free (self->description);
      self->description = g_value_dup_string (value);
      break;

    case PROP_CRITICITY:
      self->criticity = g_value_get_int (value);
      break;

    case PROP_MILEAGE_KM:
      self->mileage_km = g_value_get_double (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carport_alert_class_init (CarportAlertClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  /* A value object: set when it is made (or restored from the state cache),
   * never changed after. */
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = carport_alert_finalize;
  object_class->get_property = carport_alert_get_property;
  object_class->set_property = carport_alert_set_property;

  properties[PROP_CODE] = g_param_spec_string ("code", NULL, NULL, NULL, flags);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, flags);
  properties[PROP_DESCRIPTION] = g_param_spec_string ("description", NULL, NULL, NULL, flags);
  properties[PROP_CRITICITY] = g_param_spec_int ("criticity", NULL, NULL, -1, 3, -1, flags);
  properties[PROP_MILEAGE_KM] = carport_param_spec_unknown_double ("mileage-km", flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
carport_alert_init (CarportAlert *self)
{
  self->criticity = -1;
  self->mileage_km = NAN;
}
