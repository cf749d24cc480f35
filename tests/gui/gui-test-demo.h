/* gui-test-demo.h — the whole window on a demo session (the in-process
 * simulator with its Renault and Nissan cars), for the GUI tests that drive
 * the car's page as a user does. */
#pragma once

#include <adwaita.h>

#include "carport-simulator.h"
#include "carport-vehicle-page.h"
#include "carport-window.h"

G_BEGIN_DECLS

typedef struct {
  CarportSession   *session;
  CarportSimulator *sim;       /* the session's */
  CarportWindow    *window;
  GtkWidget        *page;      /* the window's vehicle page */
} DemoFixture;

/* A demo session, refreshed once, in a window of 1100 × 800; commands
 * answer after 300 ms. */
void            demo_fixture_set_up    (DemoFixture *f, gconstpointer data);
void            demo_fixture_tear_down (DemoFixture *f, gconstpointer data);
/* The first car that supports @kind and @endpoint, or NULL. */
CarportVehicle *demo_find_vehicle      (DemoFixture *f, CarportCommandKind kind, CarportEndpoint endpoint);
/* The car with @vin (the session keeps it). */
CarportVehicle *demo_vehicle           (DemoFixture *f, const char *vin);
/* Shows @vehicle's page and waits until it is there. */
void            demo_show              (DemoFixture *f, CarportVehicle *vehicle);
/* Resizes the window to @width (and lets it settle). */
void            demo_set_width         (DemoFixture *f, int width);
/* The visible toplevel window of @type (a dialog), or NULL. */
GtkWidget      *demo_find_toplevel     (GType type);
/* Presses the page's button named @name (accessible role and name), as a
 * click does; it must be sensitive. */
GtkWidget      *demo_press             (DemoFixture *f, const char *name);
/* Waits until a toast with @text shows. */
void            demo_assert_toast_soon (DemoFixture *f, const char *text);

G_END_DECLS
