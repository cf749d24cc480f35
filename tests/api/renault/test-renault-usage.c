/* test-renault-usage.c — charge-history, hvac-history and hvac-sessions
 * (api-renault.md §c.3) parsed from answers written from the spec, and
 * which models read them (§c.5).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "carport-json.h"
#include "carport-renault-charges.h"
#include "carport-renault-models.h"

static GPtrArray *
parse (const char         *body,
       CarportUsageSource  source,
       GError            **error)
{
  g_autoptr(JsonNode) root = carport_json_parse (body, -1);

  g_assert_nonnull (root);
  return carport_renault_parse_usage (root, source, error);
}

static void
assert_day (CarportUsage *usage,
            int           year,
            int           month,
            int           day)
{
  g_assert_nonnull (usage->start);
  g_assert_cmpint (g_date_time_get_year (usage->start), ==, year);
  g_assert_cmpint (g_date_time_get_month (usage->start), ==, month);
  g_assert_cmpint (g_date_time_get_day_of_month (usage->start), ==, day);
  g_assert_cmpint (g_date_time_get_hour (usage->start), ==, 0);
  g_assert_cmpint (g_date_time_get_utc_offset (usage->start), ==, 0);
}

/* The days of the recorded answer, newest first there, oldest first here. */
static void
test_charge_history_days (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) days = parse ("{\"data\":{\"type\":\"Car\",\"id\":\"VF1AAAAA555777999\",\"attributes\":"
                                     "{\"chargeSummaries\":["
                                     "{\"day\":\"20201208\",\"totalChargesNumber\":2,\"totalChargesDuration\":495,"
                                     "\"totalChargesErrors\":0},"
                                     "{\"day\":\"20201205\",\"totalChargesNumber\":1,\"totalChargesDuration\":657,"
                                     "\"totalChargesErrors\":1}]}}}",
                                     CARPORT_USAGE_CHARGES, &error);
  CarportUsage *usage;

  g_assert_no_error (error);
  g_assert_cmpuint (days->len, ==, 2);
  usage = g_ptr_array_index (days, 0);
  assert_day (usage, 2020, 12, 5);
  g_assert_null (usage->end);
  g_assert_cmpint (usage->count, ==, 1);
  g_assert_cmpint (usage->duration_minutes, ==, 657);
  g_assert_cmpint (usage->errors, ==, 1);
  usage = g_ptr_array_index (days, 1);
  assert_day (usage, 2020, 12, 8);
  g_assert_cmpint (usage->count, ==, 2);
  g_assert_cmpint (usage->duration_minutes, ==, 495);
  g_assert_cmpint (usage->errors, ==, 0);

  /* The boxed type copies. */
  {
    CarportUsage *copy = g_boxed_copy (CARPORT_TYPE_USAGE, usage);
    g_assert_true (g_date_time_equal (copy->start, usage->start));
    g_assert_cmpint (copy->duration_minutes, ==, 495);
    g_boxed_free (CARPORT_TYPE_USAGE, copy);
  }
}

static void
test_charge_history_months (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) months = parse ("{\"data\":{\"attributes\":{\"chargeSummaries\":["
                                       "{\"month\":\"202011\",\"totalChargesNumber\":1,"
                                       "\"totalChargesDuration\":479,\"totalChargesErrors\":0}]}}}",
                                       CARPORT_USAGE_CHARGES, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (months->len, ==, 1);
  assert_day (g_ptr_array_index (months, 0), 2020, 11, 1);
  g_assert_cmpint (((CarportUsage *) g_ptr_array_index (months, 0))->duration_minutes, ==, 479);
}

/* Every field is optional: what is broken is unknown, a summary without a
 * valid day or month is left out, the rest is kept. */
static void
test_charge_history_bad_fields (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) days = parse ("{\"data\":{\"attributes\":{\"chargeSummaries\":["
                                     "{\"day\":\"2020-12-08\",\"totalChargesNumber\":2},"
                                     "{\"day\":\"20201332\",\"totalChargesNumber\":2},"
                                     "{\"month\":\"20201\",\"totalChargesNumber\":2},"
                                     "{\"totalChargesNumber\":2},"
                                     "7, null, \"x\", [],"
                                     "{\"day\":\"20240229\",\"totalChargesNumber\":-3,"
                                     "\"totalChargesDuration\":\"long\",\"totalChargesErrors\":null},"
                                     "{\"day\":20240301,\"month\":\"202403\"}]}}}",
                                     CARPORT_USAGE_CHARGES, &error);
  CarportUsage *usage;

  g_assert_no_error (error);
  g_assert_cmpuint (days->len, ==, 2);
  usage = g_ptr_array_index (days, 0);
  assert_day (usage, 2024, 2, 29);
  g_assert_cmpint (usage->count, ==, -1);
  g_assert_cmpint (usage->duration_minutes, ==, -1);
  g_assert_cmpint (usage->errors, ==, -1);
  /* A day that is not a string falls back to the month. */
  assert_day (g_ptr_array_index (days, 1), 2024, 3, 1);
}

static void
test_shapes (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) none = NULL;
  g_autoptr(GPtrArray) broken = NULL;

  /* The recorded hvac answers: empty attributes, no entries. */
  none = parse ("{\"data\":{\"type\":\"Car\",\"id\":\"VF1AAAAA555777999\",\"attributes\":{}}}",
                CARPORT_USAGE_CLIMATE_SESSIONS, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (none->len, ==, 0);
  g_clear_pointer (&none, g_ptr_array_unref);
  none = parse ("{\"data\":{\"attributes\":{\"chargeSummaries\":{\"day\":\"20201208\"}}}}",
                CARPORT_USAGE_CHARGES, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (none->len, ==, 0);

  broken = parse ("{\"data\":[]}", CARPORT_USAGE_CLIMATE, &error);
  g_assert_null (broken);
  g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_INVALID_RESPONSE);
  g_clear_error (&error);
  broken = parse ("[]", CARPORT_USAGE_CHARGES, &error);
  g_assert_null (broken);
  g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_INVALID_RESPONSE);
}

static void
test_hvac_history (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) days = parse ("{\"data\":{\"attributes\":{\"hvacSessionsSummaries\":["
                                     "{\"day\":\"20260902\",\"totalHvacSessionsNumber\":1,"
                                     "\"totalHvacSessionsDuration\":10},"
                                     "{\"day\":\"20260901\",\"totalHvacSessionsNumber\":3}]}}}",
                                     CARPORT_USAGE_CLIMATE, &error);
  CarportUsage *usage;

  g_assert_no_error (error);
  g_assert_cmpuint (days->len, ==, 2);
  usage = g_ptr_array_index (days, 0);
  assert_day (usage, 2026, 9, 1);
  g_assert_cmpint (usage->count, ==, 3);
  g_assert_cmpint (usage->duration_minutes, ==, -1);
  usage = g_ptr_array_index (days, 1);
  g_assert_cmpint (usage->count, ==, 1);
  g_assert_cmpint (usage->duration_minutes, ==, 10);
}

static void
test_hvac_sessions (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sessions = parse ("{\"data\":{\"attributes\":{\"hvacSessions\":["
                                         /* end before start: unknown; the duration given */
                                         "{\"hvacSessionStartDate\":\"2026-09-02T07:00:00Z\","
                                         "\"hvacSessionEndDate\":\"2026-09-02T06:00:00Z\",\"hvacSessionDuration\":12},"
                                         /* no start: left out */
                                         "{\"hvacSessionEndDate\":\"2026-09-02T08:00:00Z\"},"
                                         /* end − start wins over a duration that disagrees */
                                         "{\"hvacSessionStartDate\":\"2026-09-01T07:30:00+02:00\","
                                         "\"hvacSessionEndDate\":\"2026-09-01T07:45:00+02:00\",\"hvacSessionDuration\":900}]}}}",
                                         CARPORT_USAGE_CLIMATE_SESSIONS, &error);
  CarportUsage *usage;

  g_assert_no_error (error);
  g_assert_cmpuint (sessions->len, ==, 2);
  usage = g_ptr_array_index (sessions, 0);
  g_assert_cmpint (g_date_time_to_unix (usage->start), ==, 1788240600);  /* 2026-09-01T05:30:00Z */
  g_assert_nonnull (usage->end);
  g_assert_cmpint (usage->duration_minutes, ==, 15);
  g_assert_cmpint (usage->count, ==, 1);
  usage = g_ptr_array_index (sessions, 1);
  g_assert_null (usage->end);
  g_assert_cmpint (usage->duration_minutes, ==, 12);
}

/* The model table (§c.5): marked unsupported means not asked; not listed
 * or unknown models are asked. */
static void
test_models (void)
{
  g_assert_true (carport_renault_model_reads_usage ("X102VE", CARPORT_USAGE_CHARGES));
  g_assert_true (carport_renault_model_reads_usage ("X101VE", CARPORT_USAGE_CLIMATE_SESSIONS));
  g_assert_true (carport_renault_model_reads_usage ("ZZ999VE", CARPORT_USAGE_CLIMATE));
  g_assert_true (carport_renault_model_reads_usage (NULL, CARPORT_USAGE_CHARGES));
  g_assert_false (carport_renault_model_reads_usage ("XCB1VE", CARPORT_USAGE_CHARGES));
  g_assert_false (carport_renault_model_reads_usage ("R5E1VE", CARPORT_USAGE_CLIMATE_SESSIONS));
  /* The Renault 4 lists only charge-history as unsupported. */
  g_assert_false (carport_renault_model_reads_usage ("A4E1VE", CARPORT_USAGE_CHARGES));
  g_assert_true (carport_renault_model_reads_usage ("A4E1VE", CARPORT_USAGE_CLIMATE));
  g_assert_true (carport_renault_model_reads_usage ("XHN1SU", CARPORT_USAGE_CLIMATE_SESSIONS));
  g_assert_false (carport_renault_model_reads_usage ("XHN1SU", CARPORT_USAGE_CHARGES));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/renault-usage/charge-history-days", test_charge_history_days);
  g_test_add_func ("/renault-usage/charge-history-months", test_charge_history_months);
  g_test_add_func ("/renault-usage/charge-history-bad-fields", test_charge_history_bad_fields);
  g_test_add_func ("/renault-usage/shapes", test_shapes);
  g_test_add_func ("/renault-usage/hvac-history", test_hvac_history);
  g_test_add_func ("/renault-usage/hvac-sessions", test_hvac_sessions);
  g_test_add_func ("/renault-usage/models", test_models);

  return g_test_run ();
}
