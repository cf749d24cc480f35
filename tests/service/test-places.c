/* test-places.c — what the service adds to the cars besides the makers'
 * data, against the simulator over loopback: their pictures, downloaded
 * once into the cache dir (and refused when they are no image), and their
 * addresses, asked for only when the user wants them. */
#include "config.h"

#include <glib/gstdio.h>

#include "carport-test-loop.h"
#include "service-test-util.h"

#define LYON_ZOE "VF1X102VE00000002"

static char *
pictures_dir (void)
{
  return g_build_filename (g_get_user_cache_dir (), "carport", "pictures", NULL);
}

static void
clear_pictures (void)
{
  g_autofree char *dir = pictures_dir ();
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_assert_cmpint (g_remove (path), ==, 0);
    }
}

/* Each test starts with no picture on disk. */
static void
places_setup (Fixture       *fixture,
              gconstpointer  data)
{
  clear_pictures ();
  fixture_setup (fixture, data);
  carport_session_set_fetch_pictures (fixture->session, TRUE);
}

static guint
n_vehicles (Fixture *fixture)
{
  return g_list_model_get_n_items (carport_session_get_vehicles (fixture->session));
}

/* Spins until every car has a picture-file (or @ms passed); how many have one. */
static guint
wait_for_pictures (Fixture *fixture,
                   guint    ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;
  guint with_picture;

  do
    {
      with_picture = 0;
      for (guint i = 0; i < n_vehicles (fixture); i++)
        {
          g_autoptr(CarportVehicle) vehicle = g_list_model_get_item (carport_session_get_vehicles (fixture->session), i);

          with_picture += carport_vehicle_get_picture_file (vehicle) != NULL;
        }
      if (with_picture == n_vehicles (fixture))
        break;
      carport_test_spin (20);
    }
  while (g_get_monotonic_time () < end);
  return with_picture;
}

static void
test_picture_downloaded_once (Fixture       *fixture,
                              gconstpointer  data)
{
  CarportVehicle *zoe;
  g_autofree char *contents = NULL;
  g_autofree char *record = NULL;
  g_autofree char *dir = pictures_dir ();
  guint asked;

  login (fixture);
  g_assert_cmpuint (wait_for_pictures (fixture, 10000), ==, n_vehicles (fixture));
  asked = carport_simulator_get_endpoint_request_count (fixture->sim, "assets");
  g_assert_cmpuint (asked, ==, n_vehicles (fixture));

  /* On disk in the cache dir, as served (the simulator's are SVG). */
  zoe = vehicle_by_model (fixture, ZOE2);
  g_assert_true (g_str_has_prefix (carport_vehicle_get_picture_file (zoe), dir));
  g_assert_true (g_str_has_suffix (carport_vehicle_get_picture_file (zoe), "/" LYON_ZOE ".svg"));
  g_assert_true (g_file_get_contents (carport_vehicle_get_picture_file (zoe), &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "<svg"));

  /* A refresh does not fetch it again. */
  g_assert_true (refresh (fixture, NULL, NULL));
  carport_test_spin (100);
  g_assert_cmpuint (carport_simulator_get_endpoint_request_count (fixture->sim, "assets"), ==, asked);

  /* Nor does the next start: the cache has it. */
  g_clear_object (&fixture->session);
  fixture->session = new_session (fixture);
  carport_session_set_fetch_pictures (fixture->session, TRUE);
  login (fixture);
  g_assert_cmpuint (wait_for_pictures (fixture, 10000), ==, n_vehicles (fixture));
  g_assert_cmpuint (carport_simulator_get_endpoint_request_count (fixture->sim, "assets"), ==, asked);

  /* A new URL is fetched again. */
  record = g_build_filename (dir, LYON_ZOE ".url", NULL);
  g_assert_true (g_file_set_contents (record, "[picture]\nurl=https://example.invalid/old.png\nfile=" LYON_ZOE ".svg\n",
                                      -1, NULL));
  g_clear_object (&fixture->session);
  fixture->session = new_session (fixture);
  carport_session_set_fetch_pictures (fixture->session, TRUE);
  login (fixture);
  g_assert_cmpuint (wait_for_pictures (fixture, 10000), ==, n_vehicles (fixture));
  g_assert_cmpuint (carport_simulator_get_endpoint_request_count (fixture->sim, "assets"), ==, asked + 1);
}

/* Whatever the picture host answers that is no image, the car keeps no
 * picture (the window shows its glyph) and nothing is written. */
static void
test_picture_refused (Fixture       *fixture,
                      gconstpointer  data)
{
  const CarportSimFault *fault = data;
  g_autofree char *dir = pictures_dir ();
  g_autofree char *record = g_build_filename (dir, LYON_ZOE ".url", NULL);

  carport_simulator_add_fault (fixture->sim, "assets", fault);
  login (fixture);
  /* Every car's picture was asked for and answered. */
  while (carport_simulator_get_endpoint_request_count (fixture->sim, "assets") < n_vehicles (fixture))
    carport_test_spin (20);
  g_assert_cmpuint (wait_for_pictures (fixture, 500), ==, 0);
  g_assert_false (g_file_test (record, G_FILE_TEST_EXISTS));
}

static const CarportSimFault not_found = { .kind = CARPORT_SIM_FAULT_ERROR, .http_status = 404,
                                           .error_code = "err.func.wired.notFound" };
static const CarportSimFault html_page = { .kind = CARPORT_SIM_FAULT_HTML_502 };
static const CarportSimFault empty = { .kind = CARPORT_SIM_FAULT_EMPTY };
static const CarportSimFault huge = { .kind = CARPORT_SIM_FAULT_HUGE, .size = 6 * 1024 * 1024 };

static CarportVehicle *
lyon_zoe (Fixture *fixture)
{
  CarportVehicle *zoe = vehicle_by_model (fixture, ZOE2);

  g_assert_cmpstr (carport_vehicle_get_vin (zoe), ==, LYON_ZOE);
  return zoe;
}

/* carport-cli shows no picture: a session fetches none unless asked. */
static void
test_picture_not_fetched_unless_asked (Fixture       *fixture,
                                       gconstpointer  data)
{
  carport_session_set_fetch_pictures (fixture->session, FALSE);
  login (fixture);
  g_assert_true (refresh (fixture, NULL, NULL));
  g_assert_cmpuint (wait_for_pictures (fixture, 200), ==, 0);
  g_assert_cmpuint (carport_simulator_get_endpoint_request_count (fixture->sim, "assets"), ==, 0);
}

static void
test_address_off_by_default (Fixture       *fixture,
                             gconstpointer  data)
{
  CarportVehicle *zoe;

  g_assert_false (carport_session_get_reverse_geocoding (fixture->session));
  login (fixture);
  g_assert_true (refresh (fixture, NULL, NULL));
  zoe = lyon_zoe (fixture);
  g_assert_cmpfloat_with_epsilon (carport_location_get_latitude (carport_vehicle_get_location (zoe)), 45.764, 1e-6);
  carport_test_spin (200);
  g_assert_cmpuint (carport_simulator_get_endpoint_request_count (fixture->sim, "reverse"), ==, 0);
  g_assert_null (carport_location_get_address (carport_vehicle_get_location (zoe)));
}

static void
test_address_when_asked (Fixture       *fixture,
                         gconstpointer  data)
{
  CarportLocation *location;
  gint64 end;
  guint asked;

  login (fixture);
  g_assert_true (refresh (fixture, NULL, NULL));
  location = carport_vehicle_get_location (lyon_zoe (fixture));

  g_object_set (fixture->session, "reverse-geocoding", TRUE, NULL);
  end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (carport_location_get_address (location) == NULL && g_get_monotonic_time () < end)
    carport_test_spin (20);
  g_assert_cmpstr (carport_location_get_address (location), ==, "12 Rue de la République, 69002 Lyon");
  /* The other cars' addresses may still be on their way (a slow machine,
   * valgrind): count once no more come. */
  do
    {
      asked = carport_simulator_get_endpoint_request_count (fixture->sim, "reverse");
      carport_test_spin (500);
    }
  while (carport_simulator_get_endpoint_request_count (fixture->sim, "reverse") != asked
         && g_get_monotonic_time () < end);
  g_assert_cmpuint (asked, >=, 1);

  /* Once for each position: a refresh that finds the car where it was asks nothing. */
  g_assert_true (refresh (fixture, NULL, NULL));
  carport_test_spin (200);
  g_assert_cmpuint (carport_simulator_get_endpoint_request_count (fixture->sim, "reverse"), ==, asked);
  g_assert_cmpstr (carport_location_get_address (location), ==, "12 Rue de la République, 69002 Lyon");

  /* Turned off, the addresses go. */
  g_object_set (fixture->session, "reverse-geocoding", FALSE, NULL);
  g_assert_null (carport_location_get_address (location));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *cache = g_dir_make_tmp ("carport-places-XXXXXX", NULL);
  int status;

  /* Before GLib reads it: the pictures go to a cache of this test's own. */
  g_setenv ("XDG_CACHE_HOME", cache, TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, data, func) \
  g_test_add ("/places/" path, Fixture, data, places_setup, func, fixture_teardown)
  ADD ("picture/downloaded-once", NULL, test_picture_downloaded_once);
  ADD ("picture/not-fetched-unless-asked", NULL, test_picture_not_fetched_unless_asked);
  ADD ("picture/refused/not-found", &not_found, test_picture_refused);
  ADD ("picture/refused/html", &html_page, test_picture_refused);
  ADD ("picture/refused/empty", &empty, test_picture_refused);
  ADD ("picture/refused/huge", &huge, test_picture_refused);
  ADD ("address/off-by-default", NULL, test_address_off_by_default);
  ADD ("address/when-asked", NULL, test_address_when_asked);
#undef ADD

  status = g_test_run ();
  clear_pictures ();
  {
    g_autofree char *dir = pictures_dir ();
    g_autofree char *carport = g_path_get_dirname (dir);

    g_rmdir (dir);
    g_rmdir (carport);
    g_rmdir (cache);
  }
  return status;
}
