/* test-accounts.c — one session, two brands: the simulator's Renault demo
 * account and its Nissan demo account logged in side by side.
 *
 * Each test starts its own simulator and logs in through a memory credential
 * store (as test-session.c does; the keyring has its own tests) and a state
 * cache in a temporary directory. What is checked is what a household with a
 * Renault and a Nissan would see: both accounts' cars in one list, each with
 * its own login item, restored, refreshed, commanded and logged out one at a
 * time. */
#include "config.h"

#include "carport-account.h"
#include "carport-api-error.h"
#include "carport-memory-store.h"
#include "carport-session.h"
#include "carport-simulator.h"
#include "carport-state-cache.h"
#include "carport-test-loop.h"
#include "service-test-util.h"

/* ----------------------------------------------------------------------- */
/* Helpers                                                                 */

static gboolean
login_as (CarportSession  *session,
          const char      *brand,
          const char      *locale,
          const char      *email,
          const char      *password,
          GError         **error)
{
  GAsyncResult *waiter = NULL;
  gboolean ok;

  carport_session_login_async (session, brand, locale, email, password, NULL, carport_test_result_cb, &waiter);
  ok = carport_session_login_finish (session, carport_test_wait_result (&waiter), error);
  g_clear_object (&waiter);
  return ok;
}

static CarportAccount *
login_renault (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  CarportAccount *account;

  g_assert_true (login_as (fixture->session, "renault",
                           carport_simulator_get_demo_locale (fixture->sim),
                           carport_simulator_get_demo_email (fixture->sim),
                           carport_simulator_get_demo_password (fixture->sim), &error));
  g_assert_no_error (error);
  account = carport_session_find_account (fixture->session, "renault",
                                          carport_simulator_get_demo_email (fixture->sim));
  g_assert_nonnull (account);
  g_assert_cmpint (carport_account_get_state (account), ==, CARPORT_SESSION_STATE_READY);
  return account;
}

static CarportAccount *
login_nissan (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  CarportAccount *account;

  g_assert_true (login_as (fixture->session, "nissan", "en_GB",
                           carport_simulator_get_nissan_demo_email (fixture->sim),
                           carport_simulator_get_nissan_demo_password (fixture->sim), &error));
  g_assert_no_error (error);
  account = carport_session_find_account (fixture->session, "nissan",
                                          carport_simulator_get_nissan_demo_email (fixture->sim));
  g_assert_nonnull (account);
  g_assert_cmpint (carport_account_get_state (account), ==, CARPORT_SESSION_STATE_READY);
  return account;
}

static gboolean
refresh_in (CarportSession  *session,
            CarportVehicle  *vehicle,
            GError         **error)
{
  GAsyncResult *waiter = NULL;
  gboolean ok;

  carport_session_refresh_async (session, vehicle, NULL, carport_test_result_cb, &waiter);
  ok = carport_session_refresh_finish (session, carport_test_wait_result (&waiter), error);
  g_clear_object (&waiter);
  return ok;
}

static void
logout_in (CarportSession *session,
           CarportAccount *account)
{
  GAsyncResult *waiter = NULL;
  g_autoptr(GError) error = NULL;

  carport_session_logout_async (session, account, NULL, carport_test_result_cb, &waiter);
  g_assert_true (carport_session_logout_finish (session, carport_test_wait_result (&waiter), &error));
  g_assert_no_error (error);
  g_clear_object (&waiter);
}

/* Returns TRUE when a stored login was restored. */
static gboolean
restore (CarportSession *session)
{
  GAsyncResult *waiter = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  carport_session_restore_async (session, NULL, carport_test_result_cb, &waiter);
  ok = carport_session_restore_finish (session, carport_test_wait_result (&waiter), &error);
  g_assert_no_error (error);
  g_clear_object (&waiter);
  return ok;
}

/* How many cars the disk cache holds for the login of @brand and @email
 * (an account caches under "brand:email", carport-account.c). */
static guint
n_cached (Fixture    *fixture,
          const char *brand,
          const char *email)
{
  GAsyncResult *waiter = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cars = NULL;
  g_autofree char *owner = g_strdup_printf ("%s:%s", brand, email);

  carport_state_cache_load_async (fixture->cache, owner, NULL, carport_test_result_cb, &waiter);
  cars = carport_state_cache_load_finish (fixture->cache, carport_test_wait_result (&waiter), &error);
  g_clear_object (&waiter);
  g_assert_no_error (error);
  return cars ? cars->len : 0;
}

/* The logins in the store, sorted by brand. */
static gint
by_brand (gconstpointer a,
          gconstpointer b)
{
  const CarportCredentials *x = *(CarportCredentials * const *) a;
  const CarportCredentials *y = *(CarportCredentials * const *) b;

  return g_strcmp0 (x->brand, y->brand);
}

static GPtrArray *
stored_logins (Fixture *fixture)
{
  GAsyncResult *waiter = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *logins;

  carport_credential_store_lookup_async (fixture->store, NULL, carport_test_result_cb, &waiter);
  logins = carport_credential_store_lookup_finish (fixture->store, carport_test_wait_result (&waiter), &error);
  g_clear_object (&waiter);
  g_assert_no_error (error);
  g_assert_nonnull (logins);
  g_ptr_array_sort (logins, by_brand);
  return logins;
}

static guint
n_vehicles (CarportSession *session)
{
  return g_list_model_get_n_items (carport_session_get_vehicles (session));
}

static guint
n_accounts (CarportSession *session)
{
  return g_list_model_get_n_items (carport_session_get_accounts (session));
}

/* The session's car whose model name is @name (any case), or a failure. */
static CarportVehicle *
vehicle_named (CarportSession *session,
               const char     *name)
{
  GListModel *vehicles = carport_session_get_vehicles (session);

  for (guint i = 0; i < g_list_model_get_n_items (vehicles); i++)
    {
      g_autoptr(CarportVehicle) vehicle = g_list_model_get_item (vehicles, i);
      const char *model = carport_vehicle_get_model_name (vehicle);

      if (model && g_ascii_strcasecmp (model, name) == 0)
        return vehicle;   /* the list keeps its reference */
    }
  g_error ("no car called %s", name);
}

static CarportVehicle *
vehicle_by_code (CarportSession *session,
                 const char     *code)
{
  GListModel *vehicles = carport_session_get_vehicles (session);

  for (guint i = 0; i < g_list_model_get_n_items (vehicles); i++)
    {
      g_autoptr(CarportVehicle) vehicle = g_list_model_get_item (vehicles, i);

      if (g_strcmp0 (carport_vehicle_get_model_code (vehicle), code) == 0)
        return vehicle;
    }
  g_error ("no car with model code %s", code);
}

/* The requests of one refresh: one per endpoint, but two for a Nissan's
 * trip-history (this month and today, asked at once). */
static guint
count_reads (CarportVehicle *vehicle)
{
  return count_supported (vehicle) +
         carport_vehicle_supports_endpoint (vehicle, CARPORT_ENDPOINT_TRIP_HISTORY);
}

/* Every car of @vins is in @session, through @account, and no other car is. */
static void
assert_cars_of (CarportSession  *session,
                CarportAccount  *account,
                char           **vins,
                CarportBrand     brand)
{
  for (guint i = 0; vins[i]; i++)
    {
      CarportVehicle *vehicle = carport_session_find_vehicle (session, vins[i]);

      g_test_message ("car %s", vins[i]);
      g_assert_nonnull (vehicle);
      g_assert_true (carport_session_get_vehicle_account (session, vehicle) == account);
      g_assert_true (carport_account_find_vehicle (account, vins[i]) == vehicle);
      if (brand == CARPORT_BRAND_NISSAN)
        g_assert_cmpint (carport_vehicle_get_brand (vehicle), ==, CARPORT_BRAND_NISSAN);
      else
        g_assert_cmpint (carport_vehicle_get_brand (vehicle), !=, CARPORT_BRAND_NISSAN);
    }
  g_assert_cmpuint (g_list_model_get_n_items (carport_account_get_vehicles (account)), ==, g_strv_length (vins));
}

static void
assert_no_car_of (CarportSession  *session,
                  char           **vins)
{
  for (guint i = 0; vins[i]; i++)
    g_assert_null (carport_session_find_vehicle (session, vins[i]));
}

/* ----------------------------------------------------------------------- */

static void
test_login_both_brands (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GPtrArray) logins = NULL;
  CarportAccount *renault, *nissan;
  CarportCredentials *stored;

  renault = login_renault (fixture);
  nissan = login_nissan (fixture);

  g_assert_cmpuint (n_accounts (fixture->session), ==, 2);
  g_assert_true (renault != nissan);
  g_assert_cmpstr (carport_account_get_brand_id (renault), ==, "renault");
  g_assert_cmpstr (carport_account_get_brand_id (nissan), ==, "nissan");
  g_assert_cmpint (carport_session_get_state (fixture->session), ==, CARPORT_SESSION_STATE_READY);

  /* One list with the cars of both, each through its own account. */
  g_assert_cmpuint (n_vehicles (fixture->session), ==,
                    g_strv_length (fixture->renault_vins) + g_strv_length (fixture->nissan_vins));
  assert_cars_of (fixture->session, renault, fixture->renault_vins, CARPORT_BRAND_RENAULT);
  assert_cars_of (fixture->session, nissan, fixture->nissan_vins, CARPORT_BRAND_NISSAN);

  /* Two login items, one per brand, and neither is a password. */
  flush (fixture->session);
  logins = stored_logins (fixture);
  g_assert_cmpuint (logins->len, ==, 2);
  stored = g_ptr_array_index (logins, 0);
  g_assert_cmpstr (stored->brand, ==, "nissan");
  g_assert_cmpstr (stored->email, ==, carport_simulator_get_nissan_demo_email (fixture->sim));
  g_assert_nonnull (stored->secret);
  g_assert_null (strstr (stored->secret, carport_simulator_get_nissan_demo_password (fixture->sim)));
  g_assert_null (strstr (stored->secret, carport_simulator_get_demo_password (fixture->sim)));
  /* Nissan's item keeps the refresh token alone, no access token. */
  g_assert_nonnull (strstr (stored->secret, "login-token"));
  g_assert_null (strstr (stored->secret, "access-token"));
  stored = g_ptr_array_index (logins, 1);
  g_assert_cmpstr (stored->brand, ==, "renault");
  g_assert_cmpstr (stored->email, ==, carport_simulator_get_demo_email (fixture->sim));
  g_assert_nonnull (stored->secret);
  g_assert_null (strstr (stored->secret, carport_simulator_get_demo_password (fixture->sim)));
  g_assert_null (strstr (stored->secret, carport_simulator_get_nissan_demo_password (fixture->sim)));
}

static void
test_restore_both_brands (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(CarportSession) second = NULL;
  g_autoptr(GPtrArray) logins = NULL;
  g_autoptr(GError) error = NULL;
  CarportAccount *renault, *nissan;
  CarportVehicle *zoe2, *leaf, *micra, *ariya;
  guint before;
  int zoe2_level, leaf_level;

  login_renault (fixture);
  login_nissan (fixture);
  g_assert_true (refresh_in (fixture->session, NULL, &error));
  g_assert_no_error (error);
  zoe2_level = carport_battery_get_level_percent (carport_vehicle_get_battery (vehicle_by_code (fixture->session, "X102VE")));
  leaf_level = carport_battery_get_level_percent (carport_vehicle_get_battery (vehicle_named (fixture->session, "Leaf")));
  g_assert_cmpint (zoe2_level, >=, 0);
  g_assert_cmpint (leaf_level, >=, 0);
  flush (fixture->session);

  /* The next start: both logins back, their cars from the cache at once,
   * without a single request. */
  second = new_session (fixture);
  before = carport_simulator_get_request_count (fixture->sim);
  g_assert_true (restore (second));
  g_assert_cmpuint (carport_simulator_get_request_count (fixture->sim) - before, ==, 0);
  g_assert_cmpuint (n_accounts (second), ==, 2);
  g_assert_cmpint (carport_session_get_state (second), ==, CARPORT_SESSION_STATE_READY);
  renault = carport_session_find_account (second, "renault", carport_simulator_get_demo_email (fixture->sim));
  nissan = carport_session_find_account (second, "nissan", carport_simulator_get_nissan_demo_email (fixture->sim));
  g_assert_nonnull (renault);
  g_assert_nonnull (nissan);
  g_assert_cmpint (carport_account_get_state (renault), ==, CARPORT_SESSION_STATE_READY);
  g_assert_cmpint (carport_account_get_state (nissan), ==, CARPORT_SESSION_STATE_READY);
  g_assert_cmpuint (n_vehicles (second), ==,
                    g_strv_length (fixture->renault_vins) + g_strv_length (fixture->nissan_vins));
  assert_cars_of (second, renault, fixture->renault_vins, CARPORT_BRAND_RENAULT);
  assert_cars_of (second, nissan, fixture->nissan_vins, CARPORT_BRAND_NISSAN);

  zoe2 = vehicle_by_code (second, "X102VE");
  leaf = vehicle_named (second, "Leaf");
  g_assert_true (carport_vehicle_get_from_cache (zoe2));
  g_assert_true (carport_vehicle_get_from_cache (leaf));
  g_assert_cmpint (carport_battery_get_level_percent (carport_vehicle_get_battery (zoe2)), ==, zoe2_level);
  g_assert_cmpint (carport_battery_get_level_percent (carport_vehicle_get_battery (leaf)), ==, leaf_level);

  /* The stored tokens still work, and no password is asked: one request per
   * endpoint (two for the Leaf's trip history); a Renault keeps its access
   * token, a Nissan only its refresh token (so one token refresh first). */
  before = carport_simulator_get_request_count (fixture->sim);
  g_assert_true (refresh_in (second, zoe2, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (carport_simulator_get_request_count (fixture->sim) - before, ==, count_reads (zoe2));
  g_assert_false (carport_vehicle_get_from_cache (zoe2));

  before = carport_simulator_get_request_count (fixture->sim);
  g_assert_true (refresh_in (second, leaf, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (carport_simulator_get_request_count (fixture->sim) - before, ==, count_reads (leaf) + 1);
  g_assert_false (carport_vehicle_get_from_cache (leaf));
  g_assert_false (carport_vehicle_get_has_errors (leaf));

  /* Every car of both confirmed by the server; what a Nissan car learnt
   * about its endpoints (Micra: v2 cockpit, Ariya: bff-web battery) still
   * holds for cars that came from the cache. */
  g_assert_true (refresh_in (second, NULL, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < n_vehicles (second); i++)
    {
      g_autoptr(CarportVehicle) vehicle = g_list_model_get_item (carport_session_get_vehicles (second), i);

      g_test_message ("%s", carport_vehicle_get_vin (vehicle));
      g_assert_false (carport_vehicle_get_from_cache (vehicle));
      g_assert_null (carport_vehicle_get_last_error (vehicle));
    }
  micra = vehicle_named (second, "Micra");
  ariya = vehicle_named (second, "Ariya");
  g_assert_null (carport_vehicle_get_endpoint_error (micra, CARPORT_ENDPOINT_COCKPIT));
  g_assert_true (carport_is_known (carport_cockpit_get_mileage_km (carport_vehicle_get_cockpit (micra))));
  g_assert_null (carport_vehicle_get_endpoint_error (ariya, CARPORT_ENDPOINT_BATTERY_STATUS));
  g_assert_true (carport_is_known (carport_battery_get_range_km (carport_vehicle_get_battery (ariya))));

  /* Nothing new was written: the tokens used were the stored ones. */
  flush (second);
  logins = stored_logins (fixture);
  g_assert_cmpuint (logins->len, ==, 2);
}

static void
test_refresh_all_both_brands (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  CarportVehicle *zoe2, *leaf;
  CarportBattery *battery;

  login_renault (fixture);
  login_nissan (fixture);
  zoe2 = vehicle_by_code (fixture->session, "X102VE");
  leaf = vehicle_named (fixture->session, "Leaf");
  g_assert_true (refresh_in (fixture->session, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (carport_battery_get_plug (carport_vehicle_get_battery (zoe2)), ==, CARPORT_PLUG_STATE_PLUGGED);
  g_assert_cmpint (carport_battery_get_plug (carport_vehicle_get_battery (leaf)), ==, CARPORT_PLUG_STATE_PLUGGED);
  g_assert_cmpint (carport_battery_get_charging (carport_vehicle_get_battery (leaf)), ==, CARPORT_CHARGING_STATE_CHARGING);

  /* Both cars change at the server; one refresh of everything sees both. */
  g_assert_true (carport_simulator_set_plugged (fixture->sim, carport_vehicle_get_vin (zoe2), FALSE));
  g_assert_true (carport_simulator_set_plugged (fixture->sim, carport_vehicle_get_vin (leaf), FALSE));
  g_assert_true (refresh_in (fixture->session, NULL, &error));
  g_assert_no_error (error);

  battery = carport_vehicle_get_battery (zoe2);
  g_assert_cmpint (carport_battery_get_plug (battery), ==, CARPORT_PLUG_STATE_UNPLUGGED);
  g_assert_cmpint (carport_battery_get_level_percent (battery), ==,
                   carport_simulator_get_battery_level (fixture->sim, carport_vehicle_get_vin (zoe2)));
  battery = carport_vehicle_get_battery (leaf);
  g_assert_cmpint (carport_battery_get_plug (battery), ==, CARPORT_PLUG_STATE_UNPLUGGED);
  g_assert_cmpint (carport_battery_get_charging (battery), !=, CARPORT_CHARGING_STATE_CHARGING);
  g_assert_cmpint (carport_battery_get_level_percent (battery), ==,
                   carport_simulator_get_battery_level (fixture->sim, carport_vehicle_get_vin (leaf)));
  g_assert_false (carport_vehicle_get_from_cache (zoe2));
  g_assert_false (carport_vehicle_get_from_cache (leaf));
}

static void
test_commands_both_brands (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(CarportCommand) climate = NULL;
  g_autoptr(CarportCommand) horn = NULL;
  g_autoptr(GError) climate_error = NULL;
  g_autoptr(GError) horn_error = NULL;
  g_autofree char *ariya_done = NULL;
  g_autofree char *megane_done = NULL;
  GAsyncResult *climate_waiter = NULL, *horn_waiter = NULL;
  CarportVehicle *ariya, *megane;

  login_renault (fixture);
  login_nissan (fixture);
  ariya = vehicle_named (fixture->session, "Ariya");
  megane = vehicle_by_code (fixture->session, "XCB1VE");
  g_assert_true (carport_vehicle_supports_command (ariya, CARPORT_COMMAND_KIND_HVAC_START));
  g_assert_true (carport_vehicle_supports_command (megane, CARPORT_COMMAND_KIND_HORN));
  g_assert_false (carport_simulator_get_hvac_on (fixture->sim, carport_vehicle_get_vin (ariya)));

  /* Both at once: each goes through its own account and is followed to
   * its end by that brand's way of polling. */
  climate = carport_session_create_command (fixture->session, ariya, CARPORT_COMMAND_KIND_HVAC_START);
  carport_command_set_temperature_c (climate, 21);
  horn = carport_session_create_command (fixture->session, megane, CARPORT_COMMAND_KIND_HORN);
  carport_session_send_command_async (fixture->session, climate, TRUE, NULL, carport_test_result_cb, &climate_waiter);
  carport_session_send_command_async (fixture->session, horn, TRUE, NULL, carport_test_result_cb, &horn_waiter);
  g_assert_true (carport_session_send_command_finish (fixture->session, carport_test_wait_result (&climate_waiter),
                                                      &climate_error));
  g_assert_no_error (climate_error);
  g_assert_true (carport_session_send_command_finish (fixture->session, carport_test_wait_result (&horn_waiter),
                                                      &horn_error));
  g_assert_no_error (horn_error);
  g_clear_object (&climate_waiter);
  g_clear_object (&horn_waiter);

  g_assert_cmpint (carport_command_get_state (climate), ==, CARPORT_COMMAND_STATE_COMPLETED);
  g_assert_cmpint (carport_command_get_state (horn), ==, CARPORT_COMMAND_STATE_COMPLETED);
  g_assert_true (carport_simulator_get_hvac_on (fixture->sim, carport_vehicle_get_vin (ariya)));

  /* The Nissan's climate is read back without asking. */
  {
    CarportClimate *state = carport_vehicle_get_climate (ariya);
    gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

    while (carport_climate_get_state (state) != CARPORT_CLIMATE_STATE_ON && g_get_monotonic_time () < deadline)
      g_main_context_iteration (NULL, TRUE);
    g_assert_cmpint (carport_climate_get_state (state), ==, CARPORT_CLIMATE_STATE_ON);
  }

  ariya_done = g_strdup_printf ("%d:%s", CARPORT_SESSION_EVENT_COMMAND_FINISHED, carport_vehicle_get_vin (ariya));
  megane_done = g_strdup_printf ("%d:%s", CARPORT_SESSION_EVENT_COMMAND_FINISHED, carport_vehicle_get_vin (megane));
  g_assert_true (g_ptr_array_find_with_equal_func (fixture->events, ariya_done, g_str_equal, NULL));
  g_assert_true (g_ptr_array_find_with_equal_func (fixture->events, megane_done, g_str_equal, NULL));
}

static void
test_logout_one_account (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(CarportSession) second = NULL;
  g_autoptr(GPtrArray) logins = NULL;
  g_autoptr(GError) error = NULL;
  CarportAccount *renault, *nissan;
  CarportVehicle *zoe2;

  renault = login_renault (fixture);
  nissan = login_nissan (fixture);
  g_assert_true (refresh_in (fixture->session, NULL, &error));
  flush (fixture->session);
  g_assert_cmpuint (n_cached (fixture, "nissan", carport_simulator_get_nissan_demo_email (fixture->sim)), ==,
                    g_strv_length (fixture->nissan_vins));

  logout_in (fixture->session, nissan);
  nissan = NULL;
  flush (fixture->session);
  g_assert_cmpuint (n_cached (fixture, "nissan", carport_simulator_get_nissan_demo_email (fixture->sim)), ==, 0);
  g_assert_cmpuint (n_cached (fixture, "renault", carport_simulator_get_demo_email (fixture->sim)), ==,
                    g_strv_length (fixture->renault_vins));

  /* Only the Nissan's cars and login went. */
  g_assert_cmpuint (n_accounts (fixture->session), ==, 1);
  g_assert_null (carport_session_find_account (fixture->session, "nissan",
                                               carport_simulator_get_nissan_demo_email (fixture->sim)));
  g_assert_true (carport_session_find_account (fixture->session, "renault",
                                               carport_simulator_get_demo_email (fixture->sim)) == renault);
  g_assert_cmpuint (n_vehicles (fixture->session), ==, g_strv_length (fixture->renault_vins));
  assert_no_car_of (fixture->session, fixture->nissan_vins);
  assert_cars_of (fixture->session, renault, fixture->renault_vins, CARPORT_BRAND_RENAULT);
  g_assert_cmpint (carport_session_get_state (fixture->session), ==, CARPORT_SESSION_STATE_READY);
  logins = stored_logins (fixture);
  g_assert_cmpuint (logins->len, ==, 1);
  g_assert_cmpstr (((CarportCredentials *) g_ptr_array_index (logins, 0))->brand, ==, "renault");
  g_clear_pointer (&logins, g_ptr_array_unref);

  /* The other keeps working. */
  zoe2 = vehicle_by_code (fixture->session, "X102VE");
  g_assert_true (carport_simulator_set_plugged (fixture->sim, carport_vehicle_get_vin (zoe2), FALSE));
  g_assert_true (refresh_in (fixture->session, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (carport_battery_get_plug (carport_vehicle_get_battery (zoe2)), ==, CARPORT_PLUG_STATE_UNPLUGGED);
  flush (fixture->session);

  /* And is restored alone next time, without the Nissan's cached cars. */
  second = new_session (fixture);
  g_assert_true (restore (second));
  g_assert_cmpuint (n_accounts (second), ==, 1);
  g_assert_nonnull (carport_session_find_account (second, "renault", carport_simulator_get_demo_email (fixture->sim)));
  g_assert_null (carport_session_find_account (second, "nissan", carport_simulator_get_nissan_demo_email (fixture->sim)));
  g_assert_cmpuint (n_vehicles (second), ==, g_strv_length (fixture->renault_vins));
  assert_no_car_of (second, fixture->nissan_vins);
  g_assert_true (refresh_in (second, NULL, &error));
  g_assert_no_error (error);
}

static void
test_nissan_login_expires_alone (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(GPtrArray) logins = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) leaf_error = NULL;
  CarportAccount *renault, *nissan;
  CarportVehicle *zoe2, *leaf;
  int leaf_level;

  renault = login_renault (fixture);
  nissan = login_nissan (fixture);
  zoe2 = vehicle_by_code (fixture->session, "X102VE");
  leaf = vehicle_named (fixture->session, "Leaf");
  g_assert_true (refresh_in (fixture->session, NULL, &error));
  g_assert_no_error (error);
  leaf_level = carport_battery_get_level_percent (carport_vehicle_get_battery (leaf));

  /* Nissan forgets the login: the access token is refused and so is the
   * refresh token that would renew it. */
  carport_simulator_expire_nissan_access_tokens (fixture->sim);
  carport_simulator_revoke_nissan_refresh_tokens (fixture->sim);
  g_assert_false (refresh_in (fixture->session, leaf, &leaf_error));
  g_assert_error (leaf_error, CARPORT_API_ERROR, CARPORT_API_ERROR_LOGIN_EXPIRED);
  g_assert_cmpint (carport_account_get_state (nissan), ==, CARPORT_SESSION_STATE_LOGGED_OUT);
  g_assert_cmpint (carport_account_get_state (renault), ==, CARPORT_SESSION_STATE_READY);
  g_assert_cmpint (carport_session_get_state (fixture->session), ==, CARPORT_SESSION_STATE_READY);
  /* The Nissan's cars stay, with their last values, until it logs in again. */
  g_assert_true (carport_session_find_vehicle (fixture->session, carport_vehicle_get_vin (leaf)) == leaf);
  g_assert_cmpint (carport_battery_get_level_percent (carport_vehicle_get_battery (leaf)), ==, leaf_level);

  /* The Renault's cars keep refreshing. */
  g_assert_true (carport_simulator_set_plugged (fixture->sim, carport_vehicle_get_vin (zoe2), FALSE));
  g_assert_true (refresh_in (fixture->session, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (carport_battery_get_plug (carport_vehicle_get_battery (zoe2)), ==, CARPORT_PLUG_STATE_UNPLUGGED);
  g_assert_cmpint (carport_account_get_state (renault), ==, CARPORT_SESSION_STATE_READY);
  g_assert_cmpint (carport_account_get_state (nissan), ==, CARPORT_SESSION_STATE_LOGGED_OUT);

  /* Logging in again to the same brand and email takes the same account
   * back: no second account, no car twice, one item per login. */
  g_assert_true (login_nissan (fixture) == nissan);
  g_assert_cmpuint (n_accounts (fixture->session), ==, 2);
  g_assert_cmpuint (n_vehicles (fixture->session), ==,
                    g_strv_length (fixture->renault_vins) + g_strv_length (fixture->nissan_vins));
  assert_cars_of (fixture->session, nissan, fixture->nissan_vins, CARPORT_BRAND_NISSAN);
  leaf = vehicle_named (fixture->session, "Leaf");
  g_assert_true (refresh_in (fixture->session, leaf, &error));
  g_assert_no_error (error);
  g_assert_null (carport_vehicle_get_last_error (leaf));
  flush (fixture->session);
  logins = stored_logins (fixture);
  g_assert_cmpuint (logins->len, ==, 2);
}

static void
test_login_again_reuses_account (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(GPtrArray) logins = NULL;
  CarportAccount *renault, *nissan;

  renault = login_renault (fixture);
  nissan = login_nissan (fixture);
  /* Again while both are logged in, in the other order. */
  g_assert_true (login_nissan (fixture) == nissan);
  g_assert_true (login_renault (fixture) == renault);
  g_assert_cmpuint (n_accounts (fixture->session), ==, 2);
  g_assert_cmpuint (n_vehicles (fixture->session), ==,
                    g_strv_length (fixture->renault_vins) + g_strv_length (fixture->nissan_vins));
  assert_cars_of (fixture->session, renault, fixture->renault_vins, CARPORT_BRAND_RENAULT);
  assert_cars_of (fixture->session, nissan, fixture->nissan_vins, CARPORT_BRAND_NISSAN);
  flush (fixture->session);
  logins = stored_logins (fixture);
  g_assert_cmpuint (logins->len, ==, 2);
}

static void
test_wrong_nissan_password_keeps_renault (Fixture       *fixture,
                                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) logins = NULL;

  login_renault (fixture);
  g_assert_false (login_as (fixture->session, "nissan", "en_GB",
                            carport_simulator_get_nissan_demo_email (fixture->sim), "not the password", &error));
  g_assert_error (error, CARPORT_API_ERROR, CARPORT_API_ERROR_INVALID_CREDENTIALS);
  /* The failed login adds nothing. */
  g_assert_cmpuint (n_accounts (fixture->session), ==, 1);
  g_assert_cmpuint (n_vehicles (fixture->session), ==, g_strv_length (fixture->renault_vins));
  g_assert_cmpint (carport_session_get_state (fixture->session), ==, CARPORT_SESSION_STATE_READY);
  flush (fixture->session);
  logins = stored_logins (fixture);
  g_assert_cmpuint (logins->len, ==, 1);
}

/* The Nissan models' quirks, as the service shows them. */
static void
test_nissan_quirks (Fixture       *fixture,
                    gconstpointer  data)
{
  static const CarportSimFault forbidden = { CARPORT_SIM_FAULT_ERROR, 403, "403", 0, 0, 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *leaf_locks = NULL;
  CarportVehicle *micra, *ariya, *qashqai, *leaf;
  CarportBattery *battery;
  CarportCockpit *cockpit;

  login_nissan (fixture);
  micra = vehicle_named (fixture->session, "Micra");
  ariya = vehicle_named (fixture->session, "Ariya");
  qashqai = vehicle_named (fixture->session, "Qashqai");
  leaf = vehicle_named (fixture->session, "Leaf");
  g_assert_true (carport_vehicle_supports_endpoint (leaf, CARPORT_ENDPOINT_LOCK_STATUS));

  /* The Leaf's lock-status refused with a 403, as the Ariya's is. */
  leaf_locks = g_strdup_printf ("%s/lock-status", carport_vehicle_get_vin (leaf));
  carport_simulator_add_fault (fixture->sim, leaf_locks, &forbidden);
  g_assert_true (refresh_in (fixture->session, NULL, &error));
  g_assert_no_error (error);

  /* Micra: cockpit v1 answers 501, v2 gives the odometer. */
  cockpit = carport_vehicle_get_cockpit (micra);
  g_assert_null (carport_vehicle_get_endpoint_error (micra, CARPORT_ENDPOINT_COCKPIT));
  g_assert_true (carport_vehicle_supports_endpoint (micra, CARPORT_ENDPOINT_COCKPIT));
  g_assert_true (carport_is_known (carport_cockpit_get_mileage_km (cockpit)));
  g_assert_cmpfloat (carport_cockpit_get_mileage_km (cockpit), >, 0);
  /* … and its battery, over bff-web v3. */
  battery = carport_vehicle_get_battery (micra);
  g_assert_cmpint (carport_battery_get_level_percent (battery), ==,
                   carport_simulator_get_battery_level (fixture->sim, carport_vehicle_get_vin (micra)));
  g_assert_cmpint (carport_battery_get_plug (battery), ==, CARPORT_PLUG_STATE_PLUGGED);
  g_assert_false (carport_vehicle_supports_endpoint (micra, CARPORT_ENDPOINT_LOCK_STATUS));
  g_assert_null (carport_vehicle_get_endpoint_error (micra, CARPORT_ENDPOINT_LOCK_STATUS));

  /* Ariya: no lock status (its lock-status answers 403), and a battery with a range. */
  g_assert_false (carport_vehicle_supports_endpoint (ariya, CARPORT_ENDPOINT_LOCK_STATUS));
  g_assert_null (carport_vehicle_get_endpoint_error (ariya, CARPORT_ENDPOINT_LOCK_STATUS));
  g_assert_cmpint (carport_locks_get_state (carport_vehicle_get_locks (ariya)), ==, CARPORT_LOCK_STATE_NONE);
  battery = carport_vehicle_get_battery (ariya);
  g_assert_cmpint (carport_battery_get_level_percent (battery), ==,
                   carport_simulator_get_battery_level (fixture->sim, carport_vehicle_get_vin (ariya)));
  g_assert_true (carport_is_known (carport_battery_get_range_km (battery)));
  g_assert_cmpint (carport_battery_get_plug (battery), ==, CARPORT_PLUG_STATE_UNPLUGGED);

  /* The Leaf learnt it from the 403: unsupported, and not an error. */
  g_assert_false (carport_vehicle_supports_endpoint (leaf, CARPORT_ENDPOINT_LOCK_STATUS));
  g_assert_null (carport_vehicle_get_endpoint_error (leaf, CARPORT_ENDPOINT_LOCK_STATUS));
  g_assert_null (carport_vehicle_get_last_error (leaf));
  g_assert_cmpint (carport_battery_get_level_percent (carport_vehicle_get_battery (leaf)), >=, 0);

  /* Qashqai (petrol): no battery at all, but a fuel range and an odometer. */
  g_assert_cmpint (carport_vehicle_get_energy (qashqai), ==, CARPORT_ENERGY_FUEL);
  g_assert_false (carport_vehicle_supports_endpoint (qashqai, CARPORT_ENDPOINT_BATTERY_STATUS));
  g_assert_cmpint (carport_battery_get_level_percent (carport_vehicle_get_battery (qashqai)), <, 0);
  g_assert_false (carport_is_known (carport_battery_get_range_km (carport_vehicle_get_battery (qashqai))));
  cockpit = carport_vehicle_get_cockpit (qashqai);
  g_assert_true (carport_is_known (carport_cockpit_get_fuel_range_km (cockpit)));
  g_assert_cmpfloat (carport_cockpit_get_fuel_range_km (cockpit), >, 0);
  g_assert_true (carport_is_known (carport_cockpit_get_mileage_km (cockpit)));
  g_assert_null (carport_vehicle_get_last_error (qashqai));
}

/* What the car list told about a Nissan (its gateway and CAN generation,
 * which choose the Micra's v2 cockpit and its bff-web battery query) must
 * survive a restart: a restored Micra is read as one just discovered, in one
 * request per endpoint, without first asking the v1 cockpit that its RVG
 * gateway refuses. */
static void
test_nissan_restored_car_info (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(CarportSession) second = NULL;
  g_autoptr(GError) error = NULL;
  CarportVehicle *micra;
  guint before;

  login_nissan (fixture);
  micra = vehicle_named (fixture->session, "Micra");
  g_assert_true (refresh_in (fixture->session, micra, &error));
  g_assert_no_error (error);
  before = carport_simulator_get_request_count (fixture->sim);
  g_assert_true (refresh_in (fixture->session, micra, &error));
  g_assert_cmpuint (carport_simulator_get_request_count (fixture->sim) - before, ==, count_reads (micra));
  flush (fixture->session);

  second = new_session (fixture);
  g_assert_true (restore (second));
  micra = vehicle_named (second, "Micra");
  g_assert_true (carport_vehicle_get_from_cache (micra));
  before = carport_simulator_get_request_count (fixture->sim);
  g_assert_true (refresh_in (second, micra, &error));
  g_assert_no_error (error);
  g_assert_false (carport_vehicle_get_has_errors (micra));
  g_assert_true (carport_is_known (carport_cockpit_get_mileage_km (carport_vehicle_get_cockpit (micra))));
  /* One per endpoint (no v1 cockpit tried first), after the one token
   * refresh a restored Nissan login needs (only its refresh token is kept). */
  g_assert_cmpuint (carport_simulator_get_request_count (fixture->sim) - before, ==, count_reads (micra) + 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/accounts/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("two-brands/login", test_login_both_brands);
  ADD ("two-brands/restore", test_restore_both_brands);
  ADD ("two-brands/refresh-all", test_refresh_all_both_brands);
  ADD ("two-brands/commands", test_commands_both_brands);
  ADD ("two-brands/login-again-reuses", test_login_again_reuses_account);
  ADD ("two-brands/wrong-nissan-password", test_wrong_nissan_password_keeps_renault);
  ADD ("logout/one-account", test_logout_one_account);
  ADD ("nissan/login-expired-alone", test_nissan_login_expires_alone);
  ADD ("nissan/quirks", test_nissan_quirks);
  ADD ("nissan/restored-car-info", test_nissan_restored_car_info);

  return g_test_run ();
}
