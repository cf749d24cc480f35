/* carport-services.c — the car-adapter root, the remote engine start's
 * state, the contracts and the alerts of a car.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "carport-core"

#include "config.h"

#include "carport-services.h"
#include "carport-alert.h"
#include "carport-contract.h"

struct _CarportServices
{
  CarportState  parent_instance;

  char         *car_gateway;
  char         *can_generation;
  char         *remote_start_code;
  char         *remote_start_details;
  GListStore   *alerts;      /* owned, of CarportAlert */
  GListStore   *contracts;   /* owned, of CarportContract */
};

G_DEFINE_FINAL_TYPE (CarportServices, carport_services, CARPORT_TYPE_STATE)

enum {
  PROP_0,
  PROP_CAR_GATEWAY,
  PROP_CAN_GENERATION,
  PROP_REMOTE_START_CODE,
  PROP_REMOTE_START_DETAILS,
  PROP_ALERTS,
  PROP_CONTRACTS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

CarportServices *
carport_services_new (void)
{
  return g_object_new (CARPORT_TYPE_SERVICES, NULL);
}

/* Sets *@field to a copy of @value; TRUE when it changed. */
static gboolean
set_string (char       **field,
            const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

const char *
carport_services_get_car_gateway (CarportServices *self)
{
  g_return_val_if_fail (CARPORT_IS_SERVICES (self), NULL);

  return self->car_gateway;
}

void
carport_services_set_car_gateway (CarportServices *self,
                                  const char      *value)
{
  g_return_if_fail (CARPORT_IS_SERVICES (self));

  if (set_string (&self->car_gateway, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAR_GATEWAY]);
}

const char *
carport_services_get_can_generation (CarportServices *self)
{
  g_return_val_if_fail (CARPORT_IS_SERVICES (self), NULL);

  return self->can_generation;
}

void
carport_services_set_can_generation (CarportServices *self,
                                     const char      *value)
{
  g_return_if_fail (CARPORT_IS_SERVICES (self));

  if (set_string (&self->can_generation, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_GENERATION]);
}

const char *
carport_services_get_remote_start_code (CarportServices *self)
{
  g_return_val_if_fail (CARPORT_IS_SERVICES (self), NULL);

  return self->remote_start_code;
}

void
carport_services_set_remote_start_code (CarportServices *self,
                                        const char      *value)
{
  g_return_if_fail (CARPORT_IS_SERVICES (self));

  if (set_string (&self->remote_start_code, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REMOTE_START_CODE]);
}

const char *
carport_services_get_remote_start_details (CarportServices *self)
{
  g_return_val_if_fail (CARPORT_IS_SERVICES (self), NULL);

  return self->remote_start_details;
}

void
carport_services_set_remote_start_details (CarportServices *self,
                                           const char      *value)
{
  g_return_if_fail (CARPORT_IS_SERVICES (self));

  if (set_string (&self->remote_start_details, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REMOTE_START_DETAILS]);
}

GListModel *
carport_services_get_alerts (CarportServices *self)
{
  g_return_val_if_fail (CARPORT_IS_SERVICES (self), NULL);

  return G_LIST_MODEL (self->alerts);
}

/* Replaces what @store holds by @items (NULL: none) in one splice. */
static void
replace_items (GListStore *store,
               GPtrArray  *items)
{
  guint n_old = g_list_model_get_n_items (G_LIST_MODEL (store));
  guint n_new = items != NULL ? items->len : 0;

  if (n_old == 0 && n_new == 0)
    return;
  g_list_store_splice (store, 0, n_old, n_new > 0 ? items->pdata : NULL, n_new);
}

void
carport_services_set_alerts (CarportServices *self,
                             GPtrArray       *alerts)
{
  g_return_if_fail (CARPORT_IS_SERVICES (self));

  replace_items (self->alerts, alerts);
}

GListModel *
carport_services_get_contracts (CarportServices *self)
{
  g_return_val_if_fail (CARPORT_IS_SERVICES (self), NULL);

  return G_LIST_MODEL (self->contracts);
}

void
carport_services_set_contracts (CarportServices *self,
                                GPtrArray       *contracts)
{
  g_return_if_fail (CARPORT_IS_SERVICES (self));

  replace_items (self->contracts, contracts);
}

static void
carport_services_clear (CarportState *state)
{
  CarportServices *self = CARPORT_SERVICES (state);

  CARPORT_STATE_CLASS (carport_services_parent_class)->clear (state);
  replace_items (self->alerts, NULL);
  replace_items (self->contracts, NULL);
}

static void
carport_services_finalize (GObject *object)
{
  CarportServices *self = CARPORT_SERVICES (object);

  g_free (self->car_gateway);
  g_free (self->can_generation);
  g_free (self->remote_start_code);
  g_free (self->remote_start_details);
  g_clear_object (&self->alerts);
  g_clear_object (&self->contracts);

  G_OBJECT_CLASS (carport_services_parent_class)->finalize (object);
}

static void
carport_services_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  CarportServices *self = CARPORT_SERVICES (object);

  switch (prop_id)
    {
    case PROP_CAR_GATEWAY:
      g_value_set_string (value, self->car_gateway);
      break;

    case PROP_CAN_GENERATION:
      g_value_set_string (value, self->can_generation);
      break;

    case PROP_REMOTE_START_CODE:
      g_value_set_string (value, self->remote_start_code);
      break;

    case PROP_REMOTE_START_DETAILS:
      g_value_set_string (value, self->remote_start_details);
      break;

    case PROP_ALERTS:
      g_value_set_object (value, self->alerts);
      break;

    case PROP_CONTRACTS:
      g_value_set_object (value, self->contracts);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carport_services_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  CarportServices *self = CARPORT_SERVICES (object);

  switch (prop_id)
    {
    case PROP_CAR_GATEWAY:
      carport_services_set_car_gateway (self, g_value_get_string (value));
      break;

    case PROP_CAN_GENERATION:
      carport_services_set_can_generation (self, g_value_get_string (value));
      break;

    case PROP_REMOTE_START_CODE:
      carport_services_set_remote_start_code (self, g_value_get_string (value));
      break;

    case PROP_REMOTE_START_DETAILS:
      carport_services_set_remote_start_details (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carport_services_class_init (CarportServicesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  CarportStateClass *state_class = CARPORT_STATE_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = carport_services_finalize;
  object_class->get_property = carport_services_get_property;
  object_class->set_property = carport_services_set_property;
  state_class->clear = carport_services_clear;

  properties[PROP_CAR_GATEWAY] = g_param_spec_string ("car-gateway", NULL, NULL, NULL, flags);
  properties[PROP_CAN_GENERATION] = g_param_spec_string ("can-generation", NULL, NULL, NULL, flags);
  properties[PROP_REMOTE_START_CODE] = g_param_spec_string ("remote-start-code", NULL, NULL, NULL, flags);
  properties[PROP_REMOTE_START_DETAILS] = g_param_spec_string ("remote-start-details", NULL, NULL, NULL, flags);
  properties[PROP_ALERTS] =
    g_param_spec_object ("alerts", NULL, NULL, G_TYPE_LIST_MODEL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_CONTRACTS] =
    g_param_spec_object ("contracts", NULL, NULL, G_TYPE_LIST_MODEL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
carport_services_init (CarportServices *self)
{
  self->alerts = g_list_store_new (CARPORT_TYPE_ALERT);
  self->contracts = g_list_store_new (CARPORT_TYPE_CONTRACT);
}
