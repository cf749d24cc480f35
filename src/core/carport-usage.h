/* carport-usage.h — what the cloud says of a car's use over time: one day's
 * or month's charges or climate use, or one climate session. */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Where a CarportUsage comes from (api-renault.md §c.3). */
typedef enum {
  CARPORT_USAGE_CHARGES,            /* charge-history: chargeSummaries[] */
  CARPORT_USAGE_CLIMATE,            /* hvac-history: hvacSessionsSummaries[] */
  CARPORT_USAGE_CLIMATE_SESSIONS,   /* hvac-sessions: hvacSessions[] */
} CarportUsageSource;

/* What one summary of charge-history or hvac-history covers (their "type"). */
typedef enum {
  CARPORT_USAGE_PER_DAY,
  CARPORT_USAGE_PER_MONTH,
} CarportUsagePeriod;

typedef struct {
  GDateTime *start;              /* the day's or month's first instant (UTC), or the session's start */
  GDateTime *end;                /* a session's end; NULL for a summary or when unknown */
  int        count;              /* sessions in the period (1 for a session); -1 unknown */
  int        duration_minutes;   /* -1 unknown */
  int        errors;             /* sessions that failed; -1 unknown */
} CarportUsage;

#define CARPORT_TYPE_USAGE (carport_usage_get_type ())
GType         carport_usage_get_type (void) G_GNUC_CONST;
CarportUsage *carport_usage_copy     (const CarportUsage *usage);
void          carport_usage_free     (CarportUsage *usage);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CarportUsage, carport_usage_free)

G_END_DECLS
