/* renault-test-util.h — what the Renault client tests share: the fixture
 * (a test server, an HTTP session, the auth and the client), canned answers,
 * and a log handler that fails on any secret in a message. */
#pragma once

#include "carport-http.h"
#include "carport-renault-auth.h"
#include "carport-jwt.h"
#include "carport-renault-client.h"
#include "carport-test-loop.h"
#include "carport-renault-models.h"
#include "test-server.h"

#define VIN1 "VF1AAAAA555777999"
#define VIN2 "VF1BBBBB555777888"
#define ACCOUNT "acc-1"

typedef struct {
  TestServer            *ts;
  CarportHttp           *http;
  CarportRenaultAuth    *auth;
  CarportRenaultClient *client;
} Fixture;

extern guint n_debug_messages;
extern const char * const secret_markers[];
extern const char *quota_body;
extern const char *not_found_body;
extern const char *upstream_body;
extern const char *forbidden_body;
extern const char *html_502;

void log_handler (const char *log_domain, GLogLevelFlags log_level, const char *message, gpointer user_data);
void fixture_setup (Fixture *f, gconstpointer data);
void fixture_teardown (Fixture *f, gconstpointer data);
void login (Fixture *f);
char *get_token (Fixture *f, GError **error);
gboolean refresh (Fixture *f, CarportVehicle *vehicle, guint mask, GError **error);
gboolean send_command (Fixture *f, CarportVehicle *vehicle, CarportCommand *command, GError **error);
CarportCommandState poll_command (Fixture *f, CarportCommand *command);
CarportVehicle *make_vehicle (const char *vin, const char *model);
char *endpoint_path (const char *model, CarportEndpoint endpoint, const char *vin);
char *action_path (const char *model, CarportCommandKind kind, const char *vin);
guint khits (TestServer *ts, const char *path);
char *kca (const char *attributes);
char *endpoint_body (CarportEndpoint endpoint, int battery_level, double mileage);
guint route_all_endpoints (TestServer *ts, const char *model, int delay_ms, int battery_level, double mileage);
/* Counts notifications in the guint @user_data points to. */
void notify_count_cb (GObject *object, GParamSpec *pspec, gpointer user_data);
/* The log handler checked every message for secrets: there were some. */
void test_logging_happened (void);
