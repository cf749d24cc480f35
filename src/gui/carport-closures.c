/* carport-closures.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "carport-gui"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "carport-core.h"
#include "carport-closures.h"

/* Every closure gets the template object first (unused). */

static char *
format_percent (gpointer unused, int percent)
{
  return carport_format_percent (percent);
}

static char *
format_distance (gpointer unused, double km, int unit)
{
  return carport_format_distance (km, (CarportDistanceUnit) unit);
}

static char *
format_distance_grouped (gpointer unused, double km, int unit)
{
  return carport_format_distance_grouped (km, (CarportDistanceUnit) unit);
}

static char *
format_litres (gpointer unused, double litres)
{
  return carport_format_litres (litres);
}

static char *
format_range (gpointer unused, double km, int unit)
{
  g_autofree char *distance = NULL;

  if (!carport_is_known (km))
    return g_strdup (_("Range unknown"));
  distance = carport_format_distance (km, (CarportDistanceUnit) unit);
  /* Translators: the car's estimated range, e.g. "312 km range" */
  return g_strdup_printf (_("%s range"), distance);
}

char *
carport_closures_format_when (GDateTime *when)
{
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) now = NULL;

  g_return_val_if_fail (when != NULL, NULL);

  local = g_date_time_to_local (when);
  now = g_date_time_new_now_local ();
  if (g_date_time_get_year (local) == g_date_time_get_year (now) &&
      g_date_time_get_day_of_year (local) == g_date_time_get_day_of_year (now))
    return g_date_time_format (local, "%H:%M");
  /* Translators: a date and time format, see g_date_time_format() */
  return g_date_time_format (local, _("%a %e %b, %H:%M"));
}

/* "Planned: ready at 18:50" */
static char *
format_planned_climate (gpointer unused, GDateTime *when)
{
  g_autofree char *time = NULL;

  if (when == NULL)
    return NULL;
  time = carport_closures_format_when (when);
  /* Translators: a planned climate start, e.g. "Planned: ready at 18:50" */
  return g_strdup_printf (_("Planned: ready at %s"), time);
}

/* "Charging starts at 23:30" in delayed mode; else the mode. */
static char *
format_charge_mode_start (gpointer unused, int mode, GDateTime *delayed_start)
{
  g_autofree char *time = NULL;

  if (mode != CARPORT_CHARGE_MODE_DELAYED || delayed_start == NULL)
    return g_strdup (carport_format_charge_mode ((CarportChargeMode) mode));
  time = carport_closures_format_when (delayed_start);
  /* Translators: a delayed charge, e.g. "Charging starts at 23:30" */
  return g_strdup_printf (_("Charging starts at %s"), time);
}

static char *
format_temperature (gpointer unused, double celsius, int unit)
{
  return carport_format_temperature (celsius, (CarportTemperatureUnit) unit);
}

static char *
format_power (gpointer unused, double kw)
{
  return carport_format_power (kw);
}

static char *
format_energy (gpointer unused, double kwh)
{
  return carport_format_energy (kwh);
}

static char *
format_pressure (gpointer unused, double bar)
{
  return carport_format_pressure (bar);
}

static char *
format_duration (gpointer unused, int minutes)
{
  return carport_format_duration_minutes (minutes);
}

static char *
format_trip_count (gpointer unused, int trips)
{
  return carport_format_trip_count (trips);
}

static char *
format_trips (gpointer unused, int trips, double km, int unit)
{
  return carport_format_trips (trips, km, (CarportDistanceUnit) unit);
}

static char *
format_relative (gpointer unused, GDateTime *when)
{
  return carport_format_relative_time (when, NULL);
}

static char *
format_plug (gpointer unused, int state)
{
  return g_strdup (carport_format_plug_state ((CarportPlugState) state));
}

static char *
format_charging (gpointer unused, int state)
{
  return g_strdup (carport_format_charging_state ((CarportChargingState) state));
}

static char *
format_climate (gpointer unused, int state)
{
  return g_strdup (carport_format_climate_state ((CarportClimateState) state));
}

static char *
format_lock (gpointer unused, int state)
{
  return g_strdup (carport_format_lock_state ((CarportLockState) state));
}

static char *
format_opening (gpointer unused, int state)
{
  return g_strdup (carport_format_opening_state ((CarportOpeningState) state));
}

static char *
format_energy_type (gpointer unused, int energy)
{
  return g_strdup (carport_format_energy_type ((CarportEnergy) energy));
}

char *
carport_closures_format_model (CarportBrand brand, const char *model_name)
{
  const char *brand_name = brand != CARPORT_BRAND_UNKNOWN ? carport_format_brand ((CarportBrand) brand) : NULL;
  gsize brand_length = brand_name ? strlen (brand_name) : 0;

  /* "Renault 5" names its brand already. */
  if (model_name && brand_name && g_ascii_strncasecmp (model_name, brand_name, brand_length) == 0 &&
      model_name[brand_length] == ' ')
    return g_strdup (model_name);
  if (model_name && *model_name && brand_name && g_strcmp0 (brand_name, "—") != 0)
    /* Translators: brand and model, e.g. "Renault ZOE" */
    return g_strdup_printf (C_("vehicle", "%s %s"), brand_name, model_name);
  if (model_name && *model_name)
    return g_strdup (model_name);
  return g_strdup (brand_name ? brand_name : "");
}

static char *
format_model (gpointer unused, int brand, const char *model_name)
{
  return carport_closures_format_model ((CarportBrand) brand, model_name);
}

/* The same as a title that may wrap: never after the hyphen of "E-Tech"
 * (U+2011, a hyphen that does not break). */
static char *
format_model_title (gpointer unused, int brand, const char *model_name)
{
  g_autofree char *model = format_model (unused, brand, model_name);
  g_auto(GStrv) parts = g_strsplit (model, "-", -1);

  return g_strjoinv ("\u2011", parts);
}

static char *
format_coordinates (gpointer unused, double latitude, double longitude)
{
  char *text = carport_closures_format_coordinates (latitude, longitude);

  return text ? text : g_strdup ("—");
}

static gboolean
is_known_double (gpointer unused, double value)
{
  return carport_is_known (value);
}

static gboolean
is_known_int (gpointer unused, int value)
{
  return value >= 0;
}

/* A time to full belongs beside a charge under way: not "0 min" beside
 * "Waiting for planned charge" or "Not charging". */
static gboolean
shows_time_to_full (gpointer unused, int minutes, int charging)
{
  return minutes > 0 &&
         (charging == CARPORT_CHARGING_STATE_CHARGING || charging == CARPORT_CHARGING_STATE_V2G_CHARGING);
}

static gboolean
is_reported (gpointer unused, int enum_value)
{
  return enum_value != 0;
}

static gboolean
is_tyre_warning (gpointer unused, int status)
{
  return status == CARPORT_TYRE_STATUS_WARNING;
}

static gboolean
is_not_null (gpointer unused, gpointer pointer)
{
  return pointer != NULL;
}

static gboolean
is_non_empty (gpointer unused, const char *text)
{
  return text != NULL && *text != '\0';
}

static gboolean
is_true (gpointer unused, gboolean value)
{
  return !!value;
}

static gboolean
is_false (gpointer unused, gboolean value)
{
  return !value;
}

/* The battery icon for a level and charging state (Adwaita has them in
 * steps of ten). */
static char *
battery_icon (gpointer unused, int percent, int charging)
{
  int tens;

  if (percent < 0)
    return g_strdup ("battery-missing-symbolic");

  tens = CLAMP ((percent + 5) / 10, 0, 10) * 10;
  if (charging == CARPORT_CHARGING_STATE_CHARGING)
    return g_strdup_printf ("battery-level-%d-charging-symbolic", tens);
  if (tens == 100)
    return g_strdup ("battery-level-100-charged-symbolic");
  return g_strdup_printf ("battery-level-%d-symbolic", tens);
}

static double
level_fraction (gpointer unused, int percent)
{
  if (percent < 0)
    return 0.0;
  return CLAMP (percent, 0, 100) / 100.0;
}

static gboolean
supports_endpoint (gpointer unused, guint mask, int endpoint)
{
  return (mask & (1u << endpoint)) != 0;
}

static gboolean
supports_either_endpoint (gpointer unused, guint mask, int endpoint1, int endpoint2)
{
  return (mask & ((1u << endpoint1) | (1u << endpoint2))) != 0;
}

static gboolean
is_equal_int (gpointer unused, int value, int expected)
{
  return value == expected;
}

char *
carport_closures_format_coordinates (double latitude, double longitude)
{
  char lat[G_ASCII_DTOSTR_BUF_SIZE];
  char lon[G_ASCII_DTOSTR_BUF_SIZE];

  if (!carport_is_known (latitude) || !carport_is_known (longitude))
    return NULL;

  g_snprintf (lat, sizeof lat, "%.5f", fabs (latitude));
  g_snprintf (lon, sizeof lon, "%.5f", fabs (longitude));
  /* Translators: coordinates, e.g. "48.85660° N, 2.35220° E";
   * the letters are the compass points */
  return g_strdup_printf (_("%s° %s, %s° %s"),
                          lat, latitude >= 0 ? C_("compass", "N") : C_("compass", "S"),
                          lon, longitude >= 0 ? C_("compass", "E") : C_("compass", "W"));
}

const char *
carport_closures_command_outcome (CarportCommandKind kind, gboolean ok)
{
  switch (kind)
    {
    case CARPORT_COMMAND_KIND_HVAC_START:
      return ok ? _("Climate control is on") : _("Could not start the climate control");
    case CARPORT_COMMAND_KIND_HVAC_STOP:
      return ok ? _("Climate control is off") : _("Could not stop the climate control");
    case CARPORT_COMMAND_KIND_CHARGE_START:
      return ok ? _("Charging started") : _("Could not start charging");
    case CARPORT_COMMAND_KIND_CHARGE_STOP:
      return ok ? _("Charging stopped") : _("Could not stop charging");
    case CARPORT_COMMAND_KIND_HORN:
      return ok ? _("The horn sounded") : _("Could not sound the horn");
    case CARPORT_COMMAND_KIND_LIGHTS:
      return ok ? _("The lights flashed") : _("Could not flash the lights");
    case CARPORT_COMMAND_KIND_REFRESH_LOCATION:
      return ok ? _("Location updated") : _("Could not locate the car");
    case CARPORT_COMMAND_KIND_CHARGE_MODE:
      return ok ? _("Charge mode changed") : _("Could not change the charge mode");
    case CARPORT_COMMAND_KIND_CHARGE_SCHEDULE:
    case CARPORT_COMMAND_KIND_HVAC_SCHEDULE:
      return ok ? _("Schedule saved") : _("Could not save the schedule");
    case CARPORT_COMMAND_KIND_SOC_LEVELS:
      return ok ? _("Charge limits saved") : _("Could not save the charge limits");
    case CARPORT_COMMAND_KIND_LOCK:
      return ok ? _("The car is locked") : _("Could not lock the car");
    case CARPORT_COMMAND_KIND_UNLOCK:
      return ok ? _("The car is unlocked") : _("Could not unlock the car");
    case CARPORT_COMMAND_KIND_SRP_ENROL:
      return ok ? _("The remote control PIN is set") : _("Could not set the remote control PIN");
    case CARPORT_COMMAND_KIND_ENGINE_START:
      return ok ? _("The engine is running") : _("Could not start the engine");
    case CARPORT_COMMAND_KIND_ENGINE_STOP:
      return ok ? _("The engine is stopped") : _("Could not stop the engine");
    case CARPORT_COMMAND_KIND_REFRESH_BATTERY:
    case CARPORT_COMMAND_KIND_REFRESH_HVAC:
    case CARPORT_COMMAND_KIND_REFRESH_LOCKS:
    case CARPORT_N_COMMAND_KINDS:
    default:
      return ok ? _("The car carried out the command") : _("The car did not carry out the command");
    }
}

char *
carport_closures_command_headline (CarportCommand *command)
{
  CarportCommandKind kind = carport_command_get_kind (command);
  CarportCommandState state = carport_command_get_state (command);
  GDateTime *start_at = carport_command_get_start_at (command);

  if (state == CARPORT_COMMAND_STATE_TIMED_OUT || state == CARPORT_COMMAND_STATE_UNKNOWN)
    /* Translators: a command, e.g. "Start climate: outcome unknown" (the car may or may not have done it) */
    return g_strdup_printf (_("%s: outcome unknown"), carport_command_kind_get_title (kind));
  if (state == CARPORT_COMMAND_STATE_COMPLETED && start_at != NULL)
    {
      g_autofree char *time = carport_closures_format_when (start_at);

      switch (kind)
        {
        case CARPORT_COMMAND_KIND_HVAC_START:
          /* Translators: a planned climate start was accepted, e.g. "Ready at 18:50" */
          return g_strdup_printf (_("Ready at %s"), time);
        case CARPORT_COMMAND_KIND_CHARGE_START:
          /* Translators: a delayed charge was accepted, e.g. "Charging starts at 23:30" */
          return g_strdup_printf (_("Charging starts at %s"), time);
        case CARPORT_COMMAND_KIND_HVAC_STOP:
          return g_strdup (_("Planned climate cancelled"));
        default:
          break;
        }
    }
  return g_strdup (carport_closures_command_outcome (kind, state == CARPORT_COMMAND_STATE_COMPLETED));
}

char *
carport_closures_command_toast (CarportCommand *command,
                                const GError   *error)
{
  g_autofree char *headline = NULL;

  /* The car did it but what it changed could not be read (a Locate whose
   * location read failed): not a success either. */
  if (error != NULL && carport_command_get_state (command) == CARPORT_COMMAND_STATE_COMPLETED)
    headline = g_strdup (carport_closures_command_outcome (carport_command_get_kind (command), FALSE));
  else
    headline = carport_closures_command_headline (command);
  if (error == NULL)
    return g_steal_pointer (&headline);
  /* Translators: what failed and why, e.g. "Could not start charging: The car is not plugged in." */
  return g_strdup_printf (_("%s: %s"), headline, error->message);
}

const char *
carport_closures_account_name (CarportBrand brand)
{
  /* Product names: not translated. */
  switch (brand)
    {
    case CARPORT_BRAND_DACIA:
      return "MyDacia";
    case CARPORT_BRAND_ALPINE:
      return "My Alpine";
    case CARPORT_BRAND_NISSAN:
      return "MyNISSAN";
    case CARPORT_BRAND_RENAULT:
    case CARPORT_BRAND_UNKNOWN:
    default:
      return "MY Renault";
    }
}

void
carport_closures_bind (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, format_percent);
  gtk_widget_class_bind_template_callback (widget_class, format_distance);
  gtk_widget_class_bind_template_callback (widget_class, format_distance_grouped);
  gtk_widget_class_bind_template_callback (widget_class, format_litres);
  gtk_widget_class_bind_template_callback (widget_class, format_temperature);
  gtk_widget_class_bind_template_callback (widget_class, format_range);
  gtk_widget_class_bind_template_callback (widget_class, format_planned_climate);
  gtk_widget_class_bind_template_callback (widget_class, format_charge_mode_start);
  gtk_widget_class_bind_template_callback (widget_class, format_power);
  gtk_widget_class_bind_template_callback (widget_class, format_energy);
  gtk_widget_class_bind_template_callback (widget_class, format_pressure);
  gtk_widget_class_bind_template_callback (widget_class, format_duration);
  gtk_widget_class_bind_template_callback (widget_class, format_trip_count);
  gtk_widget_class_bind_template_callback (widget_class, format_trips);
  gtk_widget_class_bind_template_callback (widget_class, format_relative);
  gtk_widget_class_bind_template_callback (widget_class, format_plug);
  gtk_widget_class_bind_template_callback (widget_class, format_charging);
  gtk_widget_class_bind_template_callback (widget_class, format_climate);
  gtk_widget_class_bind_template_callback (widget_class, format_lock);
  gtk_widget_class_bind_template_callback (widget_class, format_opening);
  gtk_widget_class_bind_template_callback (widget_class, format_energy_type);
  gtk_widget_class_bind_template_callback (widget_class, format_model);
  gtk_widget_class_bind_template_callback (widget_class, format_model_title);
  gtk_widget_class_bind_template_callback (widget_class, format_coordinates);
  gtk_widget_class_bind_template_callback (widget_class, is_known_double);
  gtk_widget_class_bind_template_callback (widget_class, is_known_int);
  gtk_widget_class_bind_template_callback (widget_class, shows_time_to_full);
  gtk_widget_class_bind_template_callback (widget_class, is_reported);
  gtk_widget_class_bind_template_callback (widget_class, is_tyre_warning);
  gtk_widget_class_bind_template_callback (widget_class, is_not_null);
  gtk_widget_class_bind_template_callback (widget_class, is_non_empty);
  gtk_widget_class_bind_template_callback (widget_class, is_true);
  gtk_widget_class_bind_template_callback (widget_class, is_false);
  gtk_widget_class_bind_template_callback (widget_class, is_equal_int);
  gtk_widget_class_bind_template_callback (widget_class, level_fraction);
  gtk_widget_class_bind_template_callback (widget_class, battery_icon);
  gtk_widget_class_bind_template_callback (widget_class, supports_endpoint);
  gtk_widget_class_bind_template_callback (widget_class, supports_either_endpoint);
}
