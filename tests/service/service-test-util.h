/* service-test-util.h — a session against its own simulator, for the
 * service tests: a memory credential store (the keyring has its own tests),
 * a state cache in a temporary directory, fast polls and short commands. */
#pragma once

#include "carport-memory-store.h"
#include "carport-session.h"
#include "carport-simulator.h"
#include "carport-state-cache.h"

G_BEGIN_DECLS

#define ZOE1 "X101VE"
#define MEGANE "XCB1VE"
#define SPRING "XBG1VE"
#define R5 "R5E1VE"
#define CAPTUR "XJB1SU"
#define ZOE2 "X102VE"

typedef struct {
  CarportSimulator       *sim;
  CarportCredentialStore *store;
  CarportStateCache      *cache;
  CarportSession         *session;
  char                   *dir;
  GPtrArray              *events;     /* "event:vin" strings */
  char                  **renault_vins; /* the simulator's demo accounts' cars */
  char                  **nissan_vins;
} Fixture;

/* A session on the fixture's simulator, store and cache; its events go to
 * fixture->events. Polls every 50 ms, commands end within 10 s. */
CarportSession *new_session       (Fixture *fixture);
void            fixture_setup     (Fixture *fixture, gconstpointer data);
void            fixture_teardown  (Fixture *fixture, gconstpointer data);

/* Empties the fixture's session's pending work: its cache writes. */
void            flush             (CarportSession *session);
/* The requests a car's own refresh makes: one per supported endpoint, the
 * maker's records only when due. */
guint           count_supported   (CarportVehicle *vehicle);

/* Logs in to the simulator's Renault demo account (asserts it works). */
void            login             (Fixture *fixture);
/* The car of @model (a model code) among the session's. */
CarportVehicle *vehicle_by_model  (Fixture *fixture, const char *model);
gboolean        refresh           (Fixture *fixture, CarportVehicle *vehicle, GError **error);
/* Sends @command and waits for its final state. */
gboolean        send_command      (Fixture *fixture, CarportCommand *command, GError **error);

/* The simulator's Nissan car with remote lock. */
#define LEAF_VIN "SJNFAAZE1U0000001"
/* Logs in to the simulator's Nissan demo account too; its Leaf. */
CarportVehicle *login_nissan_leaf (Fixture *fixture);
/* One step of this computer's registration for @vehicle, waited for. */
gboolean        device_step       (Fixture *fixture, CarportVehicle *vehicle, CarportDeviceStep step,
                                   const char *code, gboolean *out_registered, GError **error);

G_END_DECLS
