/* carport-sim-map.c — what the map of the window asks besides the car's
 * makers: map tiles (/tiles/{z}/{x}/{y}.png) and Nominatim's reverse
 * geocoding (/reverse), so a demo and the tests never leave loopback.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "carport-sim"

#include "config.h"

#include <math.h>

#include "carport-sim-map.h"
#include "carport-sim-util.h"

#define TILE_SIZE 256

/* ------------------------------------------------------------------------ */
/* Tiles                                                                    */
/* ------------------------------------------------------------------------ */

static guint32
png_crc (const guint8 *data,
         gsize         length,
         guint32       crc)
{
  crc = ~crc;
  for (gsize i = 0; i < length; i++)
    {
      crc ^= data[i];
      for (int k = 0; k < 8; k++)
        crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
    }
  return ~crc;
}

static void
png_append_chunk (GByteArray   *png,
                  const char   *type,
                  const guint8 *data,
                  gsize         length)
{
  guint8 header[8];
  guint8 trailer[4];
  guint32 crc;

  header[0] = (length >> 24) & 0xff;
  header[1] = (length >> 16) & 0xff;
  header[2] = (length >> 8) & 0xff;
  header[3] = length & 0xff;
  memcpy (header + 4, type, 4);
  crc = png_crc (header + 4, 4, 0);
  crc = png_crc (data, length, crc);
  trailer[0] = (crc >> 24) & 0xff;
  trailer[1] = (crc >> 16) & 0xff;
  trailer[2] = (crc >> 8) & 0xff;
  trailer[3] = crc & 0xff;
  g_byte_array_append (png, header, sizeof header);
  g_byte_array_append (png, data, length);
  g_byte_array_append (png, trailer, sizeof trailer);
}

/* The colour of the pixel (@px, @py) of tile @x, @y at zoom @z: land with a
 * faint grid, and one street across each tile, so that tiles side by side
 * look like a map and each tile differs from its neighbours. */
static void
tile_pixel (guint   z,
            guint   x,
            guint   y,
            guint   px,
            guint   py,
            guint8 *rgb)
{
  static const guint8 land[3] = { 0xf2, 0xef, 0xe9 };
  static const guint8 grid[3] = { 0xe0, 0xdc, 0xd3 };
  static const guint8 park[3] = { 0xcd, 0xeb, 0xb0 };
  static const guint8 street[3] = { 0xff, 0xff, 0xff };
  static const guint8 casing[3] = { 0xc8, 0xc2, 0xb8 };
  guint seed = (x * 73856093u) ^ (y * 19349663u) ^ (z * 83492791u);
  guint street_y = 40 + seed % 176;
  guint street_x = 40 + (seed / 176) % 176;
  guint dy = py > street_y ? py - street_y : street_y - py;
  guint dx = px > street_x ? px - street_x : street_x - px;
  const guint8 *colour = land;

  if ((seed & 3) == 0 && px > 150 && py > 150)
    colour = park;
  if (px % 64 == 0 || py % 64 == 0)
    colour = grid;
  if (dy <= 6 || dx <= 4)
    colour = casing;
  if (dy <= 4 || dx <= 2)
    colour = street;
  memcpy (rgb, colour, 3);
}

/* A 256 × 256 RGB PNG of tile @x, @y at zoom @z. */
static GBytes *
tile_png (guint z,
          guint x,
          guint y)
{
  static const guint8 signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  const guint8 header[13] = {
    0, 0, TILE_SIZE >> 8, TILE_SIZE & 0xff,  /* width */
    0, 0, TILE_SIZE >> 8, TILE_SIZE & 0xff,  /* height */
    8, 2, 0, 0, 0,                           /* 8 bits, RGB, deflate, no filter, not interlaced */
  };
  gsize row = 1 + TILE_SIZE * 3;
  g_autofree guint8 *raw = g_malloc (row * TILE_SIZE);
  g_autoptr(GZlibCompressor) compressor = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_ZLIB, 9);
  gsize capacity = row * TILE_SIZE + 1024;
  g_autofree guint8 *deflated = g_malloc (capacity);
  g_autoptr(GByteArray) png = g_byte_array_new ();
  gsize read = 0, written = 0;
  GConverterResult result;

  for (guint py = 0; py < TILE_SIZE; py++)
    {
      raw[py * row] = 0;  /* filter: none */
      for (guint px = 0; px < TILE_SIZE; px++)
        tile_pixel (z, x, y, px, py, raw + py * row + 1 + px * 3);
    }
  /* Everything fits in one call: the output buffer is larger than the input. */
  result = g_converter_convert (G_CONVERTER (compressor), raw, row * TILE_SIZE, deflated, capacity,
                                G_CONVERTER_INPUT_AT_END, &read, &written, NULL);
  g_assert (result == G_CONVERTER_FINISHED);

  g_byte_array_append (png, signature, sizeof signature);
  png_append_chunk (png, "IHDR", header, sizeof header);
  png_append_chunk (png, "IDAT", deflated, written);
  png_append_chunk (png, "IEND", NULL, 0);
  return g_byte_array_free_to_bytes (g_steal_pointer (&png));
}

gboolean
_carport_sim_map_is_tile_path (const char *path)
{
  return g_str_has_prefix (path, "/tiles/");
}

void
_carport_sim_map_reply_tile (SoupServerMessage *msg,
                             const char        *path)
{
  guint64 z, x, y;
  g_auto(GStrv) parts = g_strsplit (path + strlen ("/tiles/"), "/", -1);
  g_autoptr(GBytes) png = NULL;

  if (g_strv_length (parts) != 3 || !g_str_has_suffix (parts[2], ".png") ||
      !g_ascii_string_to_unsigned (parts[0], 10, 0, 19, &z, NULL) ||
      !g_ascii_string_to_unsigned (parts[1], 10, 0, (G_GUINT64_CONSTANT (1) << z) - 1, &x, NULL))
    {
      _carport_sim_reply_text (msg, SOUP_STATUS_NOT_FOUND, "text/plain", "Not Found\n");
      return;
    }
  parts[2][strlen (parts[2]) - 4] = '\0';
  if (!g_ascii_string_to_unsigned (parts[2], 10, 0, (G_GUINT64_CONSTANT (1) << z) - 1, &y, NULL))
    {
      _carport_sim_reply_text (msg, SOUP_STATUS_NOT_FOUND, "text/plain", "Not Found\n");
      return;
    }

  png = tile_png ((guint) z, (guint) x, (guint) y);
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "image/png", SOUP_MEMORY_COPY,
                                    g_bytes_get_data (png, NULL), g_bytes_get_size (png));
}

/* ------------------------------------------------------------------------ */
/* Reverse geocoding                                                        */
/* ------------------------------------------------------------------------ */

/* Where the demo's cars are (carport-simulator.c's scenario). */
static const struct {
  double      latitude;
  double      longitude;
  const char *road;
  const char *house_number;
  const char *postcode;
  const char *city;
  const char *country;
  const char *country_code;
} places[] = {
  { 48.8566, 2.3522, "Rue de Rivoli", "1", "75004", "Paris", "France", "fr" },
  { 45.7640, 4.8357, "Rue de la République", "12", "69002", "Lyon", "France", "fr" },
  { 47.2184, -1.5536, "Rue Crébillon", "8", "44000", "Nantes", "France", "fr" },
  { 43.6047, 1.4442, "Rue d'Alsace-Lorraine", "23", "31000", "Toulouse", "France", "fr" },
  { 44.8378, -0.5792, "Cours de l'Intendance", "5", "33000", "Bordeaux", "France", "fr" },
  { 43.2965, 5.3698, "La Canebière", "40", "13001", "Marseille", "France", "fr" },
  { 51.5072, -0.1276, "Whitehall", "10", "SW1A 2AA", "London", "United Kingdom", "gb" },
  { 52.4862, -1.8904, "New Street", "150", "B2 4HQ", "Birmingham", "United Kingdom", "gb" },
  { 53.4808, -2.2426, "Deansgate", "61", "M3 2BW", "Manchester", "United Kingdom", "gb" },
  { 55.9533, -3.1883, "Princes Street", "30", "EH2 2BY", "Edinburgh", "United Kingdom", "gb" },
};

static gboolean
parse_degrees (GHashTable *query,
               const char *name,
               double      limit,
               double     *out)
{
  const char *text = g_hash_table_lookup (query, name);
  char *end = NULL;

  if (text == NULL || *text == '\0')
    return FALSE;
  *out = g_ascii_strtod (text, &end);
  return *end == '\0' && isfinite (*out) && fabs (*out) <= limit;
}

static void
reply_error (SoupServerMessage *msg,
             guint              status,
             const char        *message)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "error");
  json_builder_add_string_value (builder, message);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  _carport_sim_reply_json (msg, status, CARPORT_SIM_CT_JSON, root);
}

void
_carport_sim_map_reply_reverse (SoupServerMessage *msg,
                                GHashTable        *query)
{
  const char *agent = soup_message_headers_get_one (soup_server_message_get_request_headers (msg), "User-Agent");
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *display = NULL;
  double latitude, longitude;
  double best = G_MAXDOUBLE;
  guint nearest = 0;

  /* Nominatim's usage policy: an application names itself. */
  if (agent == NULL || !g_str_has_prefix (agent, "Carport/"))
    {
      reply_error (msg, SOUP_STATUS_FORBIDDEN, "Access blocked: identify your application");
      return;
    }
  if (!parse_degrees (query, "lat", 90, &latitude) || !parse_degrees (query, "lon", 180, &longitude))
    {
      reply_error (msg, SOUP_STATUS_BAD_REQUEST, "Parameter 'lat' or 'lon' missing or invalid.");
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (places); i++)
    {
      double distance = hypot (places[i].latitude - latitude, places[i].longitude - longitude);

      if (distance < best)
        {
          best = distance;
          nearest = i;
        }
    }
  /* Out at sea, as far as the simulator knows. */
  if (best > 1.0)
    {
      reply_error (msg, SOUP_STATUS_OK, "Unable to geocode");
      return;
    }

  display = g_strdup_printf ("%s, %s, %s, %s, %s", places[nearest].house_number, places[nearest].road,
                             places[nearest].city, places[nearest].postcode, places[nearest].country);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "place_id");
  json_builder_add_int_value (builder, 100000 + nearest);
  json_builder_set_member_name (builder, "licence");
  json_builder_add_string_value (builder, "Data © OpenStreetMap contributors, ODbL 1.0. http://osm.org/copyright");
  json_builder_set_member_name (builder, "lat");
  json_builder_add_string_value (builder, g_hash_table_lookup (query, "lat"));
  json_builder_set_member_name (builder, "lon");
  json_builder_add_string_value (builder, g_hash_table_lookup (query, "lon"));
  json_builder_set_member_name (builder, "category");
  json_builder_add_string_value (builder, "building");
  json_builder_set_member_name (builder, "display_name");
  json_builder_add_string_value (builder, display);
  json_builder_set_member_name (builder, "address");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "house_number");
  json_builder_add_string_value (builder, places[nearest].house_number);
  json_builder_set_member_name (builder, "road");
  json_builder_add_string_value (builder, places[nearest].road);
  json_builder_set_member_name (builder, "city");
  json_builder_add_string_value (builder, places[nearest].city);
  json_builder_set_member_name (builder, "postcode");
  json_builder_add_string_value (builder, places[nearest].postcode);
  json_builder_set_member_name (builder, "country");
  json_builder_add_string_value (builder, places[nearest].country);
  json_builder_set_member_name (builder, "country_code");
  json_builder_add_string_value (builder, places[nearest].country_code);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  _carport_sim_reply_json (msg, SOUP_STATUS_OK, CARPORT_SIM_CT_JSON, root);
}
