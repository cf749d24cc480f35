/* carport-location-card.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "carport-gui"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <shumate/shumate.h>

#include "carport-closures.h"
#include "carport-history.h"
#include "carport-history-store.h"
#include "carport-location-card.h"

/* Close enough to see the streets around the car. */
#define MAP_ZOOM 15
/* How far back the trail of where the car was goes. */
#define TRAIL_HOURS 24
#define OSM_ATTRIBUTION "© OpenStreetMap contributors"
#define OSM_COPYRIGHT_URL "https://www.openstreetmap.org/copyright"

struct _CarportLocationCard
{
  CarportStatusCard  parent_instance;

  /* Template widgets */
  GtkWidget         *map_frame;
  GtkWidget         *trail_label;

  /* Owned */
  char              *map_tile_url;
  CarportSession    *session;      /* nullable: no trail without it */
  CarportLocation   *location;     /* the vehicle's, watched */
  GCancellable      *trail_cancellable;

  /* Made with the tile URL */
  ShumateSimpleMap  *map;
  ShumateMarker     *marker;
  ShumatePathLayer  *trail;
};

G_DEFINE_FINAL_TYPE (CarportLocationCard, carport_location_card, CARPORT_TYPE_STATUS_CARD)

enum {
  PROP_0,
  PROP_MAP_TILE_URL,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The map follows the car: marker and centre at its position; no map while
 * the position is unknown. */
static void
update_map (CarportLocationCard *self)
{
  double latitude = self->location ? carport_location_get_latitude (self->location) : NAN;
  double longitude = self->location ? carport_location_get_longitude (self->location) : NAN;
  gboolean known = !isnan (latitude) && !isnan (longitude);

  gtk_widget_set_visible (self->map_frame, self->map != NULL && known);
  if (self->map == NULL || !known)
    return;
  shumate_location_set_location (SHUMATE_LOCATION (self->marker), latitude, longitude);
  shumate_map_center_on (shumate_simple_map_get_map (self->map), latitude, longitude);
}

/* The trail: the positions the history store kept over the last
 * TRAIL_HOURS, in order, then the car's position now. Shown when the car
 * went somewhere. */
static void
trail_loaded_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  CarportLocationCard *self;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) readings = carport_history_get_readings_finish (result, &error);
  double latitude = NAN, longitude = NAN;
  double last[2] = { NAN, NAN };
  guint nodes = 0;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = CARPORT_LOCATION_CARD (user_data);
  if (self->trail == NULL)
    return;
  shumate_path_layer_remove_all (self->trail);
  if (readings == NULL)
    {
      g_debug ("No trail: %s", error->message);
      readings = g_array_new (FALSE, FALSE, sizeof (CarportReading));
    }

  for (guint i = 0; i <= readings->len; i++)
    {
      const CarportReading *reading = i < readings->len ? &g_array_index (readings, CarportReading, i) : NULL;
      gboolean next_time = reading == NULL || (i > 0 && reading->time != g_array_index (readings, CarportReading, i - 1).time);

      /* A position is whole once every reading of its time is read. */
      if (next_time && !isnan (latitude) && !isnan (longitude) && (latitude != last[0] || longitude != last[1]))
        {
          shumate_path_layer_add_node (self->trail, SHUMATE_LOCATION (shumate_coordinate_new_full (latitude, longitude)));
          last[0] = latitude;
          last[1] = longitude;
          nodes++;
        }
      if (reading != NULL && reading->kind == CARPORT_READING_LATITUDE)
        latitude = reading->value;
      else if (reading != NULL && reading->kind == CARPORT_READING_LONGITUDE)
        longitude = reading->value;
    }
  latitude = self->location ? carport_location_get_latitude (self->location) : NAN;
  longitude = self->location ? carport_location_get_longitude (self->location) : NAN;
  if (!isnan (latitude) && !isnan (longitude) && (latitude != last[0] || longitude != last[1]))
    {
      shumate_path_layer_add_node (self->trail, SHUMATE_LOCATION (shumate_coordinate_new_full (latitude, longitude)));
      nodes++;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->trail), nodes >= 2);
  gtk_widget_set_visible (self->trail_label, nodes >= 2);
}

static void
load_trail (CarportLocationCard *self)
{
  CarportVehicle *vehicle = carport_status_card_get_vehicle (CARPORT_STATUS_CARD (self));
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  g_cancellable_cancel (self->trail_cancellable);
  g_clear_object (&self->trail_cancellable);
  if (self->trail == NULL)
    return;
  /* Never another car's trail, not even for a moment. */
  shumate_path_layer_remove_all (self->trail);
  gtk_widget_set_visible (GTK_WIDGET (self->trail), FALSE);
  gtk_widget_set_visible (self->trail_label, FALSE);
  if (self->session == NULL || vehicle == NULL)
    return;
  self->trail_cancellable = g_cancellable_new ();
  carport_history_get_readings_async (self->session, vehicle, now - TRAIL_HOURS * 3600, now,
                                      self->trail_cancellable, trail_loaded_cb, self);
}

static void
position_changed_cb (CarportLocationCard *self)
{
  update_map (self);
  load_trail (self);
}

/* Ctrl and the wheel zoom; a plain scroll goes on to the page, so that a
 * map under the pointer never stops the page from scrolling. */
static gboolean
map_scrolled_cb (GtkEventControllerScroll *controller,
                 double                    dx,
                 double                    dy,
                 CarportLocationCard      *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));

  if ((state & GDK_CONTROL_MASK) == 0 || dy == 0)
    return GDK_EVENT_PROPAGATE;
  if (dy < 0)
    shumate_map_zoom_in (shumate_simple_map_get_map (self->map));
  else
    shumate_map_zoom_out (shumate_simple_map_get_map (self->map));
  return GDK_EVENT_STOP;
}

/* libshumate zooms on every scroll over the map: that one is turned off and
 * map_scrolled_cb() takes its place. */
static void
take_over_scrolling (CarportLocationCard *self)
{
  ShumateMap *map = shumate_simple_map_get_map (self->map);
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (map));
  GtkEventController *scroll;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_SCROLL (controller))
        gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_NONE);
    }
  scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL |
                                            GTK_EVENT_CONTROLLER_SCROLL_DISCRETE);
  g_signal_connect (scroll, "scroll", G_CALLBACK (map_scrolled_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (map), scroll);
}

/* libshumate's zoom buttons show an icon (and a tooltip) only: their
 * tooltips become the names a screen reader says. */
static void
name_zoom_buttons (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      const char *tooltip = gtk_widget_get_tooltip_text (child);

      if (GTK_IS_BUTTON (child) && tooltip != NULL)
        gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
      name_zoom_buttons (child);
    }
}

static void
build_map (CarportLocationCard *self)
{
  g_autoptr(ShumateRasterRenderer) source = NULL;
  g_autofree char *id = NULL;
  ShumateViewport *viewport;
  ShumateMarkerLayer *layer;
  GtkWidget *pin;

  if (self->map != NULL)
    gtk_frame_set_child (GTK_FRAME (self->map_frame), NULL);
  self->map = NULL;
  self->marker = NULL;
  self->trail = NULL;
  if (self->map_tile_url == NULL)
    {
      update_map (self);
      return;
    }

  /* One tile cache for each source: the demo's tiles are not OpenStreetMap's. */
  id = g_strdup_printf ("carport-%08x", g_str_hash (self->map_tile_url));
  source = shumate_raster_renderer_new_full_from_url (id, "OpenStreetMap", OSM_ATTRIBUTION, OSM_COPYRIGHT_URL,
                                                      0, 19, 256, SHUMATE_MAP_PROJECTION_MERCATOR,
                                                      self->map_tile_url);
  self->map = SHUMATE_SIMPLE_MAP (shumate_simple_map_new ());
  shumate_simple_map_set_map_source (self->map, SHUMATE_MAP_SOURCE (source));
  shumate_simple_map_set_show_zoom_buttons (self->map, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->map),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Map of the car’s position"),
                                  -1);
  viewport = shumate_simple_map_get_viewport (self->map);
  shumate_viewport_set_zoom_level (viewport, MAP_ZOOM);

  /* Under the marker: the trail, in GNOME's blue (the style sheet's
   * accent), wide enough to stand out from the streets. */
  self->trail = shumate_path_layer_new (viewport);
  shumate_path_layer_set_stroke_color (self->trail, &(GdkRGBA) { 0.21, 0.52, 0.89, 0.85 });
  shumate_path_layer_set_stroke_width (self->trail, 5);
  shumate_path_layer_set_outline_width (self->trail, 0);
  gtk_widget_set_visible (GTK_WIDGET (self->trail), FALSE);
  shumate_simple_map_add_overlay_layer (self->map, SHUMATE_LAYER (self->trail));

  layer = shumate_marker_layer_new (viewport);
  self->marker = shumate_marker_new ();
  pin = gtk_image_new_from_icon_name ("mark-location-symbolic");
  gtk_image_set_pixel_size (GTK_IMAGE (pin), 32);
  /* The marker is centred on the position: the pin's point goes there. */
  gtk_widget_set_margin_bottom (pin, 28);
  gtk_widget_add_css_class (pin, "map-marker");
  gtk_accessible_update_property (GTK_ACCESSIBLE (pin), GTK_ACCESSIBLE_PROPERTY_LABEL, _("The car"), -1);
  shumate_marker_set_child (self->marker, pin);
  shumate_marker_layer_add_marker (layer, self->marker);
  shumate_simple_map_add_overlay_layer (self->map, SHUMATE_LAYER (layer));

  take_over_scrolling (self);
  name_zoom_buttons (GTK_WIDGET (self->map));
  gtk_frame_set_child (GTK_FRAME (self->map_frame), GTK_WIDGET (self->map));
  update_map (self);
  load_trail (self);
}

const char *
carport_location_card_get_map_tile_url (CarportLocationCard *self)
{
  g_return_val_if_fail (CARPORT_IS_LOCATION_CARD (self), NULL);

  return self->map_tile_url;
}

void
carport_location_card_set_map_tile_url (CarportLocationCard *self,
                                        const char          *url)
{
  g_return_if_fail (CARPORT_IS_LOCATION_CARD (self));

  if (g_strcmp0 (self->map_tile_url, url) == 0)
    return;
  g_free (self->map_tile_url);
  self->map_tile_url = g_strdup (url);
  build_map (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAP_TILE_URL]);
}

CarportSession *
carport_location_card_get_session (CarportLocationCard *self)
{
  g_return_val_if_fail (CARPORT_IS_LOCATION_CARD (self), NULL);

  return self->session;
}

void
carport_location_card_set_session (CarportLocationCard *self,
                                   CarportSession      *session)
{
  g_return_if_fail (CARPORT_IS_LOCATION_CARD (self));
  g_return_if_fail (session == NULL || CARPORT_IS_SESSION (session));

  if (!g_set_object (&self->session, session))
    return;
  load_trail (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

static void
carport_location_card_vehicle_changed (CarportStatusCard *card,
                                       CarportVehicle    *old_vehicle)
{
  CarportLocationCard *self = CARPORT_LOCATION_CARD (card);
  CarportVehicle *vehicle = carport_status_card_get_vehicle (card);

  if (self->location != NULL)
    g_signal_handlers_disconnect_by_data (self->location, self);
  g_clear_object (&self->location);
  if (vehicle != NULL)
    self->location = g_object_ref (carport_vehicle_get_location (vehicle));
  if (self->location != NULL)
    {
      g_signal_connect_swapped (self->location, "notify::latitude", G_CALLBACK (position_changed_cb), self);
      g_signal_connect_swapped (self->location, "notify::longitude", G_CALLBACK (position_changed_cb), self);
    }
  update_map (self);
  load_trail (self);
}

static void
carport_location_card_dispose (GObject *object)
{
  CarportLocationCard *self = CARPORT_LOCATION_CARD (object);

  if (self->location != NULL)
    g_signal_handlers_disconnect_by_data (self->location, self);
  g_clear_object (&self->location);
  g_cancellable_cancel (self->trail_cancellable);
  g_clear_object (&self->trail_cancellable);
  g_clear_object (&self->session);
  /* CarportStatusCard's dispose disposes the template. */
  self->map = NULL;
  self->marker = NULL;
  self->trail = NULL;

  G_OBJECT_CLASS (carport_location_card_parent_class)->dispose (object);
}

static void
carport_location_card_finalize (GObject *object)
{
  CarportLocationCard *self = CARPORT_LOCATION_CARD (object);

  g_free (self->map_tile_url);

  G_OBJECT_CLASS (carport_location_card_parent_class)->finalize (object);
}

static void
carport_location_card_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  CarportLocationCard *self = CARPORT_LOCATION_CARD (object);

  switch (prop_id)
    {
    case PROP_MAP_TILE_URL:
      g_value_set_string (value, self->map_tile_url);
      break;
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carport_location_card_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  CarportLocationCard *self = CARPORT_LOCATION_CARD (object);

  switch (prop_id)
    {
    case PROP_MAP_TILE_URL:
      carport_location_card_set_map_tile_url (self, g_value_get_string (value));
      break;
    case PROP_SESSION:
      carport_location_card_set_session (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carport_location_card_class_init (CarportLocationCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  CarportStatusCardClass *card_class = CARPORT_STATUS_CARD_CLASS (klass);

  object_class->dispose = carport_location_card_dispose;
  object_class->finalize = carport_location_card_finalize;
  object_class->get_property = carport_location_card_get_property;
  object_class->set_property = carport_location_card_set_property;
  card_class->vehicle_changed = carport_location_card_vehicle_changed;

  properties[PROP_MAP_TILE_URL] =
    g_param_spec_string ("map-tile-url", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, CARPORT_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* OpenStreetMap's tile usage policy: an application names itself. */
  shumate_set_user_agent ("Carport/" PACKAGE_VERSION);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/carport/Carport/cards/carport-location-card.ui");
  gtk_widget_class_bind_template_child (widget_class, CarportLocationCard, map_frame);
  gtk_widget_class_bind_template_child (widget_class, CarportLocationCard, trail_label);
  carport_closures_bind (widget_class);
}

static void
carport_location_card_init (CarportLocationCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
carport_location_card_new (void)
{
  return g_object_new (CARPORT_TYPE_LOCATION_CARD, NULL);
}
