/* carport-simulator-hooks.c — the simulator's hooks for tests: tokens, options, introspection
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The part of CarportSimulator's public API that tests and benchmarks use to
 * steer and inspect it: authentication scenarios, the cars' state, and the
 * Nissan side's URLs and options. carport-simulator.c has the rest.
 */

#define G_LOG_DOMAIN "carport-sim"

#include "config.h"

#include "carport-simulator-private.h"

CarportSimCar *
_carport_simulator_find_car (CarportSimulator *self,
              const char       *vin)
{
  CarportSimCar *car = carport_sim_find_car (self->cars, vin);

  return car != NULL ? car : carport_sim_find_car (self->nissan_cars, vin);
}

/**
 * carport_simulator_expire_login_tokens:
 *
 * Forgets every login token handed out so far: getJWT and getAccountInfo
 * answer 403005 for them, so clients must log in with the password again.
 * JWTs already minted stay good until they expire.
 */
void
carport_simulator_expire_login_tokens (CarportSimulator *self)
{
  g_return_if_fail (CARPORT_IS_SIMULATOR (self));

  carport_sim_gigya_expire_login_tokens (self->gigya);
}

/**
 * carport_simulator_set_require_tfa:
 *
 * With %TRUE, the next password logins answer 403101 until the email-code
 * flow (api-renault.md §a.3) has been completed.
 */
void
carport_simulator_set_require_tfa (CarportSimulator *self,
                                   gboolean          require)
{
  g_return_if_fail (CARPORT_IS_SIMULATOR (self));

  carport_sim_gigya_set_require_tfa (self->gigya, require);
}

/**
 * carport_simulator_set_gigya_key_rotated:
 *
 * With %TRUE, Gigya has moved to a new API key, as Renault's did in May
 * 2026: every key a client was given is refused, with 403042 "invalid
 * loginID or password" on accounts.login and 400093 "Invalid ApiKey
 * parameter" on every other call.
 */
void
carport_simulator_set_gigya_key_rotated (CarportSimulator *self,
                                         gboolean          rotated)
{
  g_return_if_fail (CARPORT_IS_SIMULATOR (self));

  carport_sim_gigya_set_key_rotated (self->gigya, rotated);
}

/**
 * carport_simulator_get_last_tfa_code:
 *
 * Returns: (nullable): the 6-digit code last "emailed" by
 *   accounts.tfa.email.sendVerificationCode
 */
const char *
carport_simulator_get_last_tfa_code (CarportSimulator *self)
{
  g_return_val_if_fail (CARPORT_IS_SIMULATOR (self), NULL);

  return carport_sim_gigya_get_last_tfa_code (self->gigya);
}

/**
 * carport_simulator_get_last_device_otp:
 *
 * Returns: (nullable): the 6-digit code last "e-mailed" by a Nissan's
 *   generate-device-otp (remote lock)
 */
const char *
carport_simulator_get_last_device_otp (CarportSimulator *self)
{
  g_return_val_if_fail (CARPORT_IS_SIMULATOR (self), NULL);

  return carport_sim_nissan_get_last_device_otp (self->nissan);
}

/**
 * carport_simulator_expire_device_otps:
 *
 * Makes every code a Nissan's generate-device-otp handed out expire.
 */
void
carport_simulator_expire_device_otps (CarportSimulator *self)
{
  g_return_if_fail (CARPORT_IS_SIMULATOR (self));

  carport_sim_nissan_expire_device_otps (self->nissan);
}

guint
carport_simulator_get_request_count (CarportSimulator *self)
{
  g_return_val_if_fail (CARPORT_IS_SIMULATOR (self), 0);

  return self->request_count;
}

/**
 * carport_simulator_get_endpoint_request_count:
 * @endpoint: an endpoint name as faults take it ("actions/hvac-start",
 *   "notifications", "accounts.getJWT", …)
 *
 * Returns: the requests received for @endpoint, whatever their answer
 */
guint
carport_simulator_get_endpoint_request_count (CarportSimulator *self,
                                              const char       *endpoint)
{
  g_return_val_if_fail (CARPORT_IS_SIMULATOR (self), 0);
  g_return_val_if_fail (endpoint != NULL, 0);

  return GPOINTER_TO_UINT (g_hash_table_lookup (self->endpoint_requests, endpoint));
}

/**
 * carport_simulator_dup_vins:
 *
 * Returns: (transfer full): the Renault cars' VINs, in the order of the vehicle list
 */
char **
carport_simulator_dup_vins (CarportSimulator *self)
{
  GStrvBuilder *builder;
  char **vins;

  g_return_val_if_fail (CARPORT_IS_SIMULATOR (self), NULL);

  builder = g_strv_builder_new ();
  for (guint i = 0; i < self->cars->len; i++)
    g_strv_builder_add (builder, carport_sim_car_get_vin (g_ptr_array_index (self->cars, i)));
  vins = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return vins;
}

/**
 * carport_simulator_dup_nissan_vins:
 *
 * Returns: (transfer full): the Nissan cars' VINs, in the order of the v5
 *   car list (the other per-VIN functions take them too)
 */
char **
carport_simulator_dup_nissan_vins (CarportSimulator *self)
{
  GStrvBuilder *builder;
  char **vins;

  g_return_val_if_fail (CARPORT_IS_SIMULATOR (self), NULL);

  builder = g_strv_builder_new ();
  for (guint i = 0; i < self->nissan_cars->len; i++)
    g_strv_builder_add (builder, carport_sim_car_get_vin (g_ptr_array_index (self->nissan_cars, i)));
  vins = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return vins;
}

/**
 * carport_simulator_dup_car_state_json:
 *
 * Returns: (transfer full) (nullable): the simulated state of a car as a
 *   JSON object (batteryLevel, plugged, charge, hvacOn, chargeMode, socMin,
 *   socTarget, chargeSchedules[], hvacSchedules[] (the KCA programmes, UTC),
 *   evSettings, commands[]…), or %NULL for an unknown VIN
 */
char *
carport_simulator_dup_car_state_json (CarportSimulator *self,
                                      const char       *vin)
{
  CarportSimCar *car;

  g_return_val_if_fail (CARPORT_IS_SIMULATOR (self), NULL);

  car = _carport_simulator_find_car (self, vin);
  return car != NULL ? carport_sim_car_dup_state_json (car) : NULL;
}

/**
 * carport_simulator_get_battery_level:
 *
 * Returns: the level in percent as battery-status reports it, -1 for an
 *   unknown VIN
 */
int
carport_simulator_get_battery_level (CarportSimulator *self,
                                     const char       *vin)
{
  CarportSimCar *car;

  g_return_val_if_fail (CARPORT_IS_SIMULATOR (self), -1);

  car = _carport_simulator_find_car (self, vin);
  return car != NULL ? carport_sim_car_get_battery_level (car) : -1;
}

gboolean
carport_simulator_get_charging (CarportSimulator *self,
                                const char       *vin)
{
  CarportSimCar *car;

  g_return_val_if_fail (CARPORT_IS_SIMULATOR (self), FALSE);

  car = _carport_simulator_find_car (self, vin);
  return car != NULL && carport_sim_car_get_charging (car);
}

gboolean
carport_simulator_get_hvac_on (CarportSimulator *self,
                               const char       *vin)
{
  CarportSimCar *car;

  g_return_val_if_fail (CARPORT_IS_SIMULATOR (self), FALSE);

  car = _carport_simulator_find_car (self, vin);
  return car != NULL && carport_sim_car_get_hvac_on (car);
}

/**
 * carport_simulator_set_plugged:
 *
 * Plugs the car in or out, as its owner would. Plugging in starts a charge
 * when the charge mode is "always".
 *
 * Returns: %FALSE for an unknown VIN
 */
gboolean
carport_simulator_set_plugged (CarportSimulator *self,
                               const char       *vin,
                               gboolean          plugged)
{
  CarportSimCar *car;

  g_return_val_if_fail (CARPORT_IS_SIMULATOR (self), FALSE);

  car = _carport_simulator_find_car (self, vin);
  if (car == NULL)
    return FALSE;
  carport_sim_car_set_plugged (car, plugged);
  return TRUE;
}

/**
 * carport_simulator_set_charge_mode:
 * @mode: "always" or "scheduled"
 *
 * Sets the car's charge mode as if changed in the car (for tests: a car that
 * does not start charging when plugged in).
 *
 * Returns: %FALSE for an unknown VIN
 */
gboolean
carport_simulator_set_charge_mode (CarportSimulator *self,
                                   const char       *vin,
                                   const char       *mode)
{
  CarportSimCar *car;

  g_return_val_if_fail (CARPORT_IS_SIMULATOR (self), FALSE);
  g_return_val_if_fail (g_strcmp0 (mode, "always") == 0 || g_strcmp0 (mode, "scheduled") == 0, FALSE);

  car = _carport_simulator_find_car (self, vin);
  if (car == NULL)
    return FALSE;
  g_free (car->charge_mode);
  car->charge_mode = g_strdup (mode);
  return TRUE;
}

/**
 * carport_simulator_get_locked:
 *
 * Returns: whether the car's doors are locked (%FALSE for an unknown VIN)
 */
gboolean
carport_simulator_get_locked (CarportSimulator *self,
                              const char       *vin)
{
  CarportSimCar *car;

  g_return_val_if_fail (CARPORT_IS_SIMULATOR (self), FALSE);

  car = _carport_simulator_find_car (self, vin);
  return car != NULL && carport_sim_car_get_locked (car);
}

/**
 * carport_simulator_get_engine_running:
 *
 * Returns: whether a Renault's engine runs after a remote start (%FALSE for
 *   an unknown VIN)
 */
gboolean
carport_simulator_get_engine_running (CarportSimulator *self,
                                      const char       *vin)
{
  CarportSimCar *car;

  g_return_val_if_fail (CARPORT_IS_SIMULATOR (self), FALSE);

  car = _carport_simulator_find_car (self, vin);
  return car != NULL && carport_sim_car_get_engine_running (car);
}

/* ------------------------------------------------------------------------ */
/* The Nissan side                                                          */
/* ------------------------------------------------------------------------ */

/**
 * carport_simulator_get_nissan_port:
 *
 * Returns: the https port of the Nissan hosts, 0 when stopped
 */
guint16
carport_simulator_get_nissan_port (CarportSimulator *self)
{
  g_return_val_if_fail (CARPORT_IS_SIMULATOR (self), 0);

  return self->nissan_port;
}

/**
 * carport_simulator_get_nissan_url:
 *
 * Returns: (transfer full): e.g. "https://127.0.0.1:PORT/oneid/", always
 *   ending with "/"
 */
char *
carport_simulator_get_nissan_url (CarportSimulator     *self,
                                  CarportSimNissanHost  host)
{
  static const char * const prefixes[] = {
    "oneid", "bff-web", "user-adapter", "car-adapter", "notifications", "action-status",
  };

  g_return_val_if_fail (CARPORT_IS_SIMULATOR (self), NULL);
  g_return_val_if_fail ((guint) host < G_N_ELEMENTS (prefixes), NULL);

  return g_strdup_printf ("https://127.0.0.1:%u/%s/", self->nissan_port, prefixes[host]);
}

/**
 * carport_simulator_get_ca_file:
 *
 * Returns: (nullable): the PEM file of the CA made at start, which the
 *   Nissan side's certificate chains to; %NULL when stopped
 */
const char *
carport_simulator_get_ca_file (CarportSimulator *self)
{
  g_return_val_if_fail (CARPORT_IS_SIMULATOR (self), NULL);

  return self->ca_file;
}

const char *
carport_simulator_get_nissan_demo_email (CarportSimulator *self)
{
  g_return_val_if_fail (CARPORT_IS_SIMULATOR (self), NULL);

  return self->nissan_account.email;
}

const char *
carport_simulator_get_nissan_demo_password (CarportSimulator *self)
{
  g_return_val_if_fail (CARPORT_IS_SIMULATOR (self), NULL);

  return self->nissan_account.password;
}

/**
 * carport_simulator_get_nissan_user_id:
 *
 * Returns: the userId of user-adapter v1/users/current
 */
const char *
carport_simulator_get_nissan_user_id (CarportSimulator *self)
{
  g_return_val_if_fail (CARPORT_IS_SIMULATOR (self), NULL);

  return carport_sim_nissan_get_user_id (self->nissan);
}

/**
 * carport_simulator_dup_issued_secrets:
 *
 * Every secret handed out so far, both brands, expired and revoked ones
 * too: Gigya login tokens and JWTs; Nissan authorization codes, id tokens,
 * OneID and Kamereon access and refresh tokens. For tests that check none
 * of them leaks.
 *
 * Returns: (transfer full): a %NULL-terminated array
 */
char **
carport_simulator_dup_issued_secrets (CarportSimulator *self)
{
  g_autoptr(GStrvBuilder) secrets = g_strv_builder_new ();
  GPtrArray *gigya, *nissan;

  g_return_val_if_fail (CARPORT_IS_SIMULATOR (self), NULL);

  gigya = carport_sim_gigya_get_issued (self->gigya);
  nissan = carport_sim_nissan_get_issued (self->nissan);
  for (guint i = 0; i < gigya->len; i++)
    g_strv_builder_add (secrets, g_ptr_array_index (gigya, i));
  for (guint i = 0; i < nissan->len; i++)
    g_strv_builder_add (secrets, g_ptr_array_index (nissan, i));
  return g_strv_builder_end (secrets);
}

/**
 * carport_simulator_expire_nissan_access_tokens:
 *
 * Every Kamereon access token handed out so far answers 401 401000 from now
 * on, as an expired one does; clients refresh.
 */
void
carport_simulator_expire_nissan_access_tokens (CarportSimulator *self)
{
  g_return_if_fail (CARPORT_IS_SIMULATOR (self));

  carport_sim_nissan_expire_access_tokens (self->nissan);
}

/**
 * carport_simulator_revoke_nissan_refresh_tokens:
 *
 * Every refresh token handed out so far is refused from now on (401
 * invalid_grant); clients must log in again.
 */
void
carport_simulator_revoke_nissan_refresh_tokens (CarportSimulator *self)
{
  g_return_if_fail (CARPORT_IS_SIMULATOR (self));

  carport_sim_nissan_revoke_refresh_tokens (self->nissan);
}

/**
 * carport_simulator_set_nissan_rotate_refresh_token:
 * @rotate: %TRUE (the default): a refresh answers a new refresh token and
 *   retires the old one; %FALSE: it leaves refresh_token out, the old one
 *   stays good
 */
void
carport_simulator_set_nissan_rotate_refresh_token (CarportSimulator *self,
                                                   gboolean          rotate)
{
  g_return_if_fail (CARPORT_IS_SIMULATOR (self));

  carport_sim_nissan_set_rotate_refresh (self->nissan, rotate);
}

/**
 * carport_simulator_set_nissan_bad_password_form:
 * @form: %FALSE (the default): a wrong password answers 302 to
 *   login.do?authFailure=true; %TRUE: the 200 form at once
 */
void
carport_simulator_set_nissan_bad_password_form (CarportSimulator *self,
                                                gboolean          form)
{
  g_return_if_fail (CARPORT_IS_SIMULATOR (self));

  carport_sim_nissan_set_bad_password_form (self->nissan, form);
}

/**
 * carport_simulator_set_nissan_interstitial:
 * @interstitial: %TRUE: after the right password, a 200 page without a
 *   login form (new terms to accept) instead of the callback
 */
void
carport_simulator_set_nissan_interstitial (CarportSimulator *self,
                                           gboolean          interstitial)
{
  g_return_if_fail (CARPORT_IS_SIMULATOR (self));

  carport_sim_nissan_set_interstitial (self->nissan, interstitial);
}
