/* carport-format.h — turning model values into text for people.
 *
 * The one place where units and wording are decided; the GUI's .ui closures
 * and the CLI's tables call these. Every function accepts "unknown" values
 * (NAN, -1, NULL, NONE) and returns an em dash "—" for them. */
#pragma once

#include "carport-enums.h"

G_BEGIN_DECLS

typedef enum {
  CARPORT_DISTANCE_UNIT_KILOMETRES,
  CARPORT_DISTANCE_UNIT_MILES,
} CarportDistanceUnit;

typedef enum {
  CARPORT_TEMPERATURE_UNIT_CELSIUS,
  CARPORT_TEMPERATURE_UNIT_FAHRENHEIT,
} CarportTemperatureUnit;

/* The units people use where @locale is (a locale name, "en_US.UTF-8";
 * NULL: this process's measurement locale, from $LC_ALL, $LC_MEASUREMENT or
 * $LANG, whether or not it is installed): miles in the United States, the
 * United Kingdom, Liberia and Myanmar, kilometres elsewhere; degrees
 * Fahrenheit in the United States, Liberia, the Bahamas, Belize, the Cayman
 * Islands and Palau, Celsius elsewhere. */
CarportDistanceUnit    carport_distance_unit_for_locale    (const char *locale);
CarportTemperatureUnit carport_temperature_unit_for_locale (const char *locale);

char *carport_format_percent          (int percent);                                        /* "50 %" (locale) */
char *carport_format_distance         (double km, CarportDistanceUnit unit);                 /* "128 km", "80 mi" */
/* With the locale's digit grouping, a narrow no-break space where the locale
 * has none: "49 114 km", "49,114 km" (for odometers). */
char *carport_format_distance_grouped (double km, CarportDistanceUnit unit);
char *carport_format_temperature      (double celsius, CarportTemperatureUnit unit);         /* "21 °C", "69.8 °F" */
char *carport_format_litres           (double litres);                                      /* "27 l", "4.5 l" */
char *carport_format_power            (double kw);                                          /* "7.4 kW" */
char *carport_format_energy           (double kwh);                                         /* "41 kWh" */
char *carport_format_pressure         (double bar);                                         /* "2.5 bar" */
char *carport_format_duration_minutes (int minutes);                                        /* "1 h 25 min", "45 min" */
char *carport_format_trip_count       (int trips);                                          /* "33 trips", "No trips" */
/* "2 trips, 24 km"; "No trips"; the count alone when @km is unknown. */
char *carport_format_trips            (int trips, double km, CarportDistanceUnit unit);
/* "just now", "5 min ago", "3 h ago", "yesterday", else a date; relative to @now (NULL: current time). */
char *carport_format_relative_time    (GDateTime *when, GDateTime *now);
/* "updated 5 min ago" */
char *carport_format_updated          (GDateTime *when, GDateTime *now);
const char *carport_format_plug_state     (CarportPlugState state);     /* "Plugged in" */
const char *carport_format_charging_state (CarportChargingState state); /* "Charging", "Waiting for planned charge" */
const char *carport_format_climate_state  (CarportClimateState state);
const char *carport_format_lock_state     (CarportLockState state);
const char *carport_format_opening_state  (CarportOpeningState state);
const char *carport_format_charge_mode    (CarportChargeMode mode);
const char *carport_format_energy_type    (CarportEnergy energy);       /* "Electric", "Plug-in hybrid" */
const char *carport_format_brand          (CarportBrand brand);         /* "Renault" */
/* A contract's state with its end (@end_date "YYYY-MM-DD", nullable):
 * "Until 8 Mar 2027", "Ended on 3 Apr 2020", "Not activated", "Active". */
char *carport_format_contract_state   (CarportContractStatus status, const char *end_date);
/* A model name as people write it, from what a maker's server sends: trimmed,
 * in the spelling of @known_names (NULL-terminated, may be NULL) when it is
 * one of them whatever its case ("E-NV200" → "e-NV200"), else each word
 * capitalised ("MEGANE E-TECH" → "Megane E-Tech", "RENAULT 5" → "Renault 5")
 * but roman numerals ("CAPTUR II" → "Captur II"). NULL for NULL or blank. */
char *carport_format_model_name       (const char *name, const char * const *known_names);
/* ISO-8601 UTC with Z ("2020-11-17T08:06:48Z"), as the CLI's JSON writes times; NULL for NULL. */
char *carport_format_iso8601_utc      (GDateTime *when);
/* Parses ISO-8601 with Z, an offset, fractions or none (then UTC); NULL when invalid. */
GDateTime *carport_parse_iso8601      (const char *text);
/* A time of day, "H:MM" or "HH:MM" (00:00 to 23:59): TRUE with @hours and
 * @minutes set, else FALSE. */
gboolean   carport_parse_clock        (const char *text,
                                       int        *hours,
                                       int        *minutes);

G_END_DECLS
