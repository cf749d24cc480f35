/* test-command.c — CarportCommand: properties and derived states.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <locale.h>
#include <math.h>

#include "carport-core.h"
#include "core-test-utils.h"

static void
test_defaults (void)
{
  CarportCommand *command = carport_command_new (CARPORT_COMMAND_KIND_HORN, "VF1AG000000000001");
  CarportCommandKind kind;
  g_autofree char *vin = NULL;

  g_assert_cmpint (carport_command_get_kind (command), ==, CARPORT_COMMAND_KIND_HORN);
  g_assert_cmpstr (carport_command_get_vin (command), ==, "VF1AG000000000001");
  g_assert_cmpint (carport_command_get_state (command), ==, CARPORT_COMMAND_STATE_NEW);
  g_assert_false (carport_command_get_in_flight (command));
  g_assert_false (carport_command_get_finished (command));
  g_assert_null (carport_command_get_server_id (command));
  g_assert_null (carport_command_get_message (command));
  g_assert_true (isnan (carport_command_get_temperature_c (command)));
  g_assert_null (carport_command_get_start_at (command));
  g_assert_cmpint (carport_command_get_charge_mode (command), ==, CARPORT_CHARGE_MODE_NONE);
  g_assert_cmpint (carport_command_get_soc_min_percent (command), ==, -1);
  g_assert_cmpint (carport_command_get_soc_target_percent (command), ==, -1);
  assert_all_defaults (G_OBJECT (command));

  g_object_get (command, "kind", &kind, "vin", &vin, NULL);
  g_assert_cmpint (kind, ==, CARPORT_COMMAND_KIND_HORN);
  g_assert_cmpstr (vin, ==, "VF1AG000000000001");

  g_assert_finalize_object (command);
}

static void
test_notify (void)
{
  CarportCommand *command = carport_command_new (CARPORT_COMMAND_KIND_HVAC_START, "VF1");
  const char * const derived[] = { "in-flight", "finished", NULL };

  assert_notifies_once (G_OBJECT (command), derived);
  g_assert_finalize_object (command);
}

static void
test_derived_states (void)
{
  static const struct {
    CarportCommandState state;
    gboolean in_flight;
    gboolean finished;
  } states[] = {
    { CARPORT_COMMAND_STATE_NEW, FALSE, FALSE },
    { CARPORT_COMMAND_STATE_SENDING, TRUE, FALSE },
    { CARPORT_COMMAND_STATE_PENDING, TRUE, FALSE },
    { CARPORT_COMMAND_STATE_COMPLETED, FALSE, TRUE },
    { CARPORT_COMMAND_STATE_FAILED, FALSE, TRUE },
    { CARPORT_COMMAND_STATE_TIMED_OUT, FALSE, TRUE },
  };
  CarportCommand *command = carport_command_new (CARPORT_COMMAND_KIND_CHARGE_START, "VF1");
  NotifyCounter counter;

  notify_counter_init (&counter, G_OBJECT (command));

  /* Every transition: state always notifies, the derived ones only when
   * they change. */
  for (guint from = 0; from < G_N_ELEMENTS (states); from++)
    {
      for (guint to = 0; to < G_N_ELEMENTS (states); to++)
        {
          gboolean in_flight, finished;

          if (from == to)
            continue;

          carport_command_set_state (command, states[from].state);
          notify_counter_reset (&counter);

          carport_command_set_state (command, states[to].state);
          g_assert_cmpint (carport_command_get_state (command), ==, states[to].state);
          g_assert_cmpint (carport_command_get_in_flight (command), ==, states[to].in_flight);
          g_assert_cmpint (carport_command_get_finished (command), ==, states[to].finished);
          g_object_get (command, "in-flight", &in_flight, "finished", &finished, NULL);
          g_assert_cmpint (in_flight, ==, states[to].in_flight);
          g_assert_cmpint (finished, ==, states[to].finished);

          g_assert_cmpuint (notify_counter_get (&counter, "state"), ==, 1);
          g_assert_cmpuint (notify_counter_get (&counter, "in-flight"), ==,
                            states[from].in_flight != states[to].in_flight);
          g_assert_cmpuint (notify_counter_get (&counter, "finished"), ==,
                            states[from].finished != states[to].finished);

          /* The same state again: nothing. */
          notify_counter_reset (&counter);
          carport_command_set_state (command, states[to].state);
          g_assert_cmpuint (notify_counter_total (&counter), ==, 0);
        }
    }

  notify_counter_clear (&counter);
  g_assert_finalize_object (command);
}

static void
test_parameters (void)
{
  CarportCommand *command = carport_command_new (CARPORT_COMMAND_KIND_HVAC_START, "VF1");
  g_autoptr(GDateTime) at = g_date_time_new_utc (2025, 1, 2, 7, 30, 0);

  carport_command_set_temperature_c (command, 21.5);
  carport_command_set_start_at (command, at);
  carport_command_set_charge_mode (command, CARPORT_CHARGE_MODE_SCHEDULED);
  carport_command_set_soc_min_percent (command, 20);
  carport_command_set_soc_target_percent (command, 80);
  carport_command_set_server_id (command, "ee3e5d68-1a7c-4f29-8b0b-8c1e8c4d0b1d");
  carport_command_set_message (command, "The car did not answer");

  g_assert_cmpfloat (carport_command_get_temperature_c (command), ==, 21.5);
  g_assert_true (g_date_time_equal (carport_command_get_start_at (command), at));
  g_assert_cmpint (carport_command_get_charge_mode (command), ==, CARPORT_CHARGE_MODE_SCHEDULED);
  g_assert_cmpint (carport_command_get_soc_min_percent (command), ==, 20);
  g_assert_cmpint (carport_command_get_soc_target_percent (command), ==, 80);
  g_assert_cmpstr (carport_command_get_server_id (command), ==, "ee3e5d68-1a7c-4f29-8b0b-8c1e8c4d0b1d");
  g_assert_cmpstr (carport_command_get_message (command), ==, "The car did not answer");

  g_assert_finalize_object (command);
}

static void
test_fail (void)
{
  CarportCommand *command = carport_command_new (CARPORT_COMMAND_KIND_HORN, "VF1AG000000000001");
  NotifyCounter counter;

  carport_command_set_state (command, CARPORT_COMMAND_STATE_PENDING);
  notify_counter_init (&counter, G_OBJECT (command));
  carport_command_fail (command, "The car is asleep.");
  g_assert_cmpint (carport_command_get_state (command), ==, CARPORT_COMMAND_STATE_FAILED);
  g_assert_cmpstr (carport_command_get_message (command), ==, "The car is asleep.");
  g_assert_cmpuint (notify_counter_get (&counter, "state"), ==, 1);
  g_assert_cmpuint (notify_counter_get (&counter, "message"), ==, 1);
  notify_counter_clear (&counter);
  g_assert_finalize_object (command);
}

/* The PIN is no property (nothing copies or saves it) and goes when replaced. */
static void
test_pin (void)
{
  g_autoptr(CarportCommand) command = carport_command_new (CARPORT_COMMAND_KIND_LOCK, "VF1AG000000000001");

  g_assert_null (carport_command_get_pin (command));
  carport_command_set_pin (command, "1234");
  g_assert_cmpstr (carport_command_get_pin (command), ==, "1234");
  g_assert_null (g_object_class_find_property (G_OBJECT_GET_CLASS (command), "pin"));
  carport_command_set_pin (command, NULL);
  g_assert_null (carport_command_get_pin (command));
}

static void
test_titles (void)
{
  static const char * const titles[] = {
    "Start climate", "Stop climate", "Start charging", "Stop charging",
    "Set charge mode", "Set charge schedule", "Set climate schedule",
    "Sound the horn", "Flash the lights", "Locate the car",
    "Refresh battery status", "Refresh climate status", "Set charge limits",
    "Refresh lock status", "Lock", "Unlock", "Set the remote control PIN",
    "Start engine", "Stop engine",
  };

  G_STATIC_ASSERT (G_N_ELEMENTS (titles) == CARPORT_N_COMMAND_KINDS);

  for (guint i = 0; i < CARPORT_N_COMMAND_KINDS; i++)
    g_assert_cmpstr (carport_command_kind_get_title (i), ==, titles[i]);

  g_assert_cmpstr (carport_command_kind_get_title (CARPORT_COMMAND_KIND_HORN), ==, "Sound the horn");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/command/defaults", test_defaults);
  g_test_add_func ("/core/command/notify", test_notify);
  g_test_add_func ("/core/command/derived-states", test_derived_states);
  g_test_add_func ("/core/command/parameters", test_parameters);
  g_test_add_func ("/core/command/titles", test_titles);
  g_test_add_func ("/core/command/pin", test_pin);
  g_test_add_func ("/core/command/fail", test_fail);

  return g_test_run ();
}
