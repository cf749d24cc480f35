/* carport-contract.c — one of the maker's contracts for a car.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "carport-core"

#include "config.h"

#include "carport-contract.h"
#include "carport-core-enum-types.h"

struct _CarportContract
{
  GObject                parent_instance;

  char                  *kind;
  char                  *code;
  char                  *description;
  CarportContractStatus  status;
  char                  *start_date;
  char                  *end_date;
};

G_DEFINE_FINAL_TYPE (CarportContract, carport_contract, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_KIND,
  PROP_CODE,
  PROP_DESCRIPTION,
  PROP_STATUS,
  PROP_START_DATE,
  PROP_END_DATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

CarportContract *
carport_contract_new (const char            *kind,
                      const char            *code,
                      const char            *description,
                      CarportContractStatus  status,
                      const char            *start_date,
                      const char            *end_date)
{
  return g_object_new (CARPORT_TYPE_CONTRACT,
                       "kind", kind,
                       "code", code,
                       "description", description,
                       "status", status,
                       "start-date", start_date,
                       "end-date", end_date,
                       NULL);
}

const char *
carport_contract_get_kind (CarportContract *self)
{
  g_return_val_if_fail (CARPORT_IS_CONTRACT (self), NULL);

  return self->kind;
}

const char *
carport_contract_get_code (CarportContract *self)
{
  g_return_val_if_fail (CARPORT_IS_CONTRACT (self), NULL);

  return self->code;
}

const char *
carport_contract_get_description (CarportContract *self)
{
  g_return_val_if_fail (CARPORT_IS_CONTRACT (self), NULL);

  return self->description;
}

CarportContractStatus
carport_contract_get_status (CarportContract *self)
{
  g_return_val_if_fail (CARPORT_IS_CONTRACT (self), CARPORT_CONTRACT_STATUS_NONE);

  return self->status;
}

const char *
carport_contract_get_start_date (CarportContract *self)
{
  g_return_val_if_fail (CARPORT_IS_CONTRACT (self), NULL);

  return self->start_date;
}

const char *
carport_contract_get_end_date (CarportContract *self)
{
  g_return_val_if_fail (CARPORT_IS_CONTRACT (self), NULL);

  return self->end_date;
}

static void
carport_contract_finalize (GObject *object)
{
  CarportContract *self = CARPORT_CONTRACT (object);

  g_free (self->kind);
  g_free (self->code);
  g_free (self->description);
  g_free (self->start_date);
  g_free (self->end_date);

  G_OBJECT_CLASS (carport_contract_parent_class)->finalize (object);
}

static void
carport_contract_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  CarportContract *self = CARPORT_CONTRACT (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_string (value, self->kind);
      break;

    case PROP_CODE:
      g_value_set_string (value, self->code);
      break;

    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;

    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;

    case PROP_START_DATE:
      g_value_set_string (value, self->start_date);
      break;

    case PROP_END_DATE:
      g_value_set_string (value, self->end_date);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carport_contract_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  CarportContract *self = CARPORT_CONTRACT (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_free (self->kind);
      self->kind = g_value_dup_string (value);
      break;

    case PROP_CODE:
      g_free (self->code);
      self->code = g_value_dup_string (value);
      break;

    case PROP_DESCRIPTION:
      g_free (self->description);
      self->description = g_value_dup_string (value);
      break;

    case PROP_STATUS:
      self->status = g_value_get_enum (value);
      break;

    case PROP_START_DATE:
      g_free (self->start_date);
      self->start_date = g_value_dup_string (value);
      break;

    case PROP_END_DATE:
      g_free (self->end_date);
      self->end_date = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carport_contract_class_init (CarportContractClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  /* A value object: set when it is made (or restored from the state cache),
   * never changed after. */
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = carport_contract_finalize;
  object_class->get_property = carport_contract_get_property;
  object_class->set_property = carport_contract_set_property;

  properties[PROP_KIND] = g_param_spec_string ("kind", NULL, NULL, NULL, flags);
  properties[PROP_CODE] = g_param_spec_string ("code", NULL, NULL, NULL, flags);
  properties[PROP_DESCRIPTION] = g_param_spec_string ("description", NULL, NULL, NULL, flags);
  properties[PROP_STATUS] = g_param_spec_enum ("status", NULL, NULL,
                                               CARPORT_TYPE_CONTRACT_STATUS, CARPORT_CONTRACT_STATUS_NONE,
                                               flags);
  properties[PROP_START_DATE] = g_param_spec_string ("start-date", NULL, NULL, NULL, flags);
  properties[PROP_END_DATE] = g_param_spec_string ("end-date", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
carport_contract_init (CarportContract *self)
{
}
