/* carport-renault-client-private.h — what the files of CarportRenaultClient
 * share: carport-renault-client.c (reads, commands, history) and
 * carport-renault-discovery.c (the account's cars). Not for other users. */
#pragma once

#include "carport-renault-client.h"

G_BEGIN_DECLS

/* A path segment, escaped (NULL: empty). */
char      *_carport_renault_client_escape          (const char *segment);

/* A Kamereon request: @path is relative to the root, escaped, without a
 * query; @query is NULL or escaped "k=v&k=v" pairs, sent before
 * country=XX. */
void       _carport_renault_client_request_async   (CarportRenaultClient *self,
                                                    const char           *method,
                                                    const char           *path,
                                                    const char           *query,
                                                    GBytes               *body,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
JsonNode  *_carport_renault_client_request_finish  (CarportRenaultClient  *self,
                                                    GAsyncResult          *result,
                                                    GError               **error);

/* carport-renault-srp.c: the attributes an SRP-guarded command carries (the
 * proof for lock and unlock after srp-sets at @srp_sets_path, or the salt
 * and verifier to enrol), made from the command's PIN, which it wipes. */
void       _carport_renault_client_srp_attributes_async  (CarportRenaultClient *self,
                                                          CarportCommand       *command,
                                                          const char           *srp_sets_path,
                                                          GCancellable         *cancellable,
                                                          GAsyncReadyCallback   callback,
                                                          gpointer              user_data);
/* Takes @error, of the SRP step before a command (so the command was not
 * sent), and returns one that says so: no answer in time is not TIMEOUT
 * (which would mean the command may have reached the car) but UPSTREAM. */
GError    *_carport_renault_client_srp_not_sent          (GError               *error);
JsonNode  *_carport_renault_client_srp_attributes_finish (CarportRenaultClient  *self,
                                                          GAsyncResult          *result,
                                                          GError               **error);

/* CarportVehicleClient's list_vehicles. */
void       _carport_renault_client_list_vehicles_async  (CarportVehicleClient *client,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
GPtrArray *_carport_renault_client_list_vehicles_finish (CarportVehicleClient  *client,
                                                         GAsyncResult          *result,
                                                         GError               **error);

G_END_DECLS
