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
#include "carport-location-card.h"

/* Close enough to see the streets around the car. */
#define MAP_ZOOM 15
#define OSM_ATTRIBUTION "© OpenStreetMap contributors"
#define OSM_COPYRIGHT_URL "https://www.openstreetmap.org/copyright"

struct _CarportLocationCard
{
  CarportStatusCard  parent_instance;

  /* Template widgets */
  GtkWidget         *map_frame;

  /* Owned */
  char              *map_tile_url;
  CarportLocation   *location;     /* the vehicle's, watched */

  /* Made with the tile URL */
  ShumateSimpleMap  *map;
  ShumateMarker     *marker;
};

G_DEFINE_FINAL_TYPE (CarportLocationCard, carport_location_card, CARPORT_TYPE_STATUS_CARD)

enum {
  PROP_0,
  PROP_MAP_TILE_URL,
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
      g_signal_connect_swapped (self->location, "notify::latitude", G_CALLBACK (update_map), self);
      g_signal_connect_swapped (self->location, "notify::longitude", G_CALLBACK (update_map), self);
    }
  update_map (self);
}

static void
carport_location_card_dispose (GObject *object)
{
  CarportLocationCard *self = CARPORT_LOCATION_CARD (object);

  if (self->location != NULL)
    g_signal_handlers_disconnect_by_data (self->location, self);
  g_clear_object (&self->location);
  /* CarportStatusCard's dispose disposes the template. */
  self->map = NULL;
  self->marker = NULL;

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
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* OpenStreetMap's tile usage policy: an application names itself. */
  shumate_set_user_agent ("Carport/" PACKAGE_VERSION);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/carport/Carport/cards/carport-location-card.ui");
  gtk_widget_class_bind_template_child (widget_class, CarportLocationCard, map_frame);
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
