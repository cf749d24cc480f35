/* carport-usage.c — one day's, month's or session's use of a car. */
#include "config.h"

#define G_LOG_DOMAIN "carport-core"

#include "carport-usage.h"

CarportUsage *
carport_usage_copy (const CarportUsage *usage)
{
  CarportUsage *copy;

  g_return_val_if_fail (usage != NULL, NULL);

  copy = g_new0 (CarportUsage, 1);
  *copy = *usage;
  if (usage->start != NULL)
    copy->start = g_date_time_ref (usage->start);
  if (usage->end != NULL)
    copy->end = g_date_time_ref (usage->end);

  return copy;
}

void
carport_usage_free (CarportUsage *usage)
{
  if (usage == NULL)
    return;

  g_clear_pointer (&usage->start, g_date_time_unref);
  g_clear_pointer (&usage->end, g_date_time_unref);
  g_free (usage);
}

G_DEFINE_BOXED_TYPE (CarportUsage, carport_usage, carport_usage_copy, carport_usage_free)
