/* carport-renault-srp.c — the SRP step before a guarded Renault command (§e.2)
 *
 * Lock, unlock, engine start and stop: POST actions/srp-sets with a fresh
 * A and the person id, poll the notifications until the SRP_SALT_REQUEST
 * with loginSalt and loginB arrives, and give back {"srp": proof} bound to
 * "<VIN>/RLU/Lock", "…/RLU/Unlock", "…/RES/Start" or "…/RES/Stop".
 * PIN enrolment: a new salt and the PIN's verifier, {"s","i","v"}.
 * The person id is the SRP user at both steps. The PIN is wiped from the
 * command once used. */
#include "config.h"

#define G_LOG_DOMAIN "carport-api"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "carport-api-error.h"
#include "carport-renault-client-private.h"
#include "carport-renault-json.h"
#include "carport-srp.h"

/* The challenge is polled after 250 ms, then at twice the last wait up to
 * 2 s, until the HTTP deadline has passed since srp-sets. */
#define FIRST_POLL_MS 250
#define LONGEST_POLL_MS 2000
#define SALT_BYTES 10

typedef struct {
  CarportCommand   *command;
  char             *srp_sets_path;
  char             *person_id;
  char             *notification_id;
  CarportSrpClient *srp;
  gint64            poll_end_time;
  guint             poll_wait_ms;
} SrpStep;

static void
srp_step_free (SrpStep *step)
{
  g_clear_object (&step->command);
  g_free (step->srp_sets_path);
  g_free (step->person_id);
  g_free (step->notification_id);
  g_clear_pointer (&step->srp, carport_srp_client_free);
  g_free (step);
}

static void
return_attributes (GTask      *task,
                   JsonObject *attributes)
{
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_node_take_object (node, attributes);
  g_task_return_pointer (task, node, (GDestroyNotify) json_node_unref);
}

static gboolean poll_challenge (gpointer owned_task);

/* The permission the proof is bound to, after "<VIN>" (§e.2). */
static const char *
command_order (CarportCommand *command)
{
  switch (carport_command_get_kind (command))
    {
    case CARPORT_COMMAND_KIND_LOCK:
      return "/RLU/Lock";
    case CARPORT_COMMAND_KIND_ENGINE_START:
      return "/RES/Start";
    case CARPORT_COMMAND_KIND_ENGINE_STOP:
      return "/RES/Stop";
    case CARPORT_COMMAND_KIND_UNLOCK:
    default:
      return "/RLU/Unlock";
    }
}

static void
challenge_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SrpStep *step = g_task_get_task_data (task);
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *salt = NULL;
  g_autofree char *b = NULL;
  g_autofree char *order = NULL;
  g_autofree char *proof = NULL;
  JsonObject *attributes;
  GError *error = NULL;

  root = _carport_renault_client_request_finish (CARPORT_RENAULT_CLIENT (source), result, &error);
  if (root == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (!carport_kamereon_parse_srp_challenge (root, step->notification_id, &salt, &b))
    {
      step->poll_wait_ms = step->poll_wait_ms == 0 ? FIRST_POLL_MS : MIN (2 * step->poll_wait_ms, LONGEST_POLL_MS);
      if (g_get_monotonic_time () + step->poll_wait_ms * G_TIME_SPAN_MILLISECOND > step->poll_end_time)
        g_task_return_new_error (task, CARPORT_API_ERROR, CARPORT_API_ERROR_TIMEOUT,
                                 _("The car did not answer the PIN check."));
      else
        g_timeout_add (step->poll_wait_ms, poll_challenge, g_steal_pointer (&task));
      return;
    }

  if (!carport_srp_client_set_challenge (step->srp, step->person_id, carport_command_get_pin (step->command),
                                         salt, b, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  carport_command_set_pin (step->command, NULL);
  order = g_strconcat (carport_command_get_vin (step->command), command_order (step->command), NULL);
  proof = carport_srp_client_dup_proof (step->srp, step->person_id, order);
  attributes = json_object_new ();
  json_object_set_string_member (attributes, "srp", proof);
  return_attributes (task, attributes);
}

/* Takes ownership of @owned_task. */
static gboolean
poll_challenge (gpointer owned_task)
{
  GTask *task = owned_task;
  SrpStep *step = g_task_get_task_data (task);
  g_autofree char *person = _carport_renault_client_escape (step->person_id);
  g_autofree char *id = g_uri_escape_string (step->notification_id, NULL, FALSE);
  g_autofree char *path = g_strdup_printf ("commerce/v1/persons/%s/notifications/kmr", person);
  g_autofree char *query = g_strdup_printf ("notificationId=%s", id);

  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      return G_SOURCE_REMOVE;
    }
  _carport_renault_client_request_async (g_task_get_source_object (task), "GET", path, query, NULL,
                                         g_task_get_cancellable (task), challenge_cb, task);
  return G_SOURCE_REMOVE;
}

static void
srp_sets_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SrpStep *step = g_task_get_task_data (task);
  g_autoptr(JsonNode) root = NULL;
  guint deadline;
  GError *error = NULL;

  root = _carport_renault_client_request_finish (CARPORT_RENAULT_CLIENT (source), result, &error);
  if (root == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  deadline = carport_http_get_deadline (carport_vehicle_client_get_http (CARPORT_VEHICLE_CLIENT (source)));
  step->poll_end_time = deadline == 0 ? G_MAXINT64 : g_get_monotonic_time () + deadline * G_TIME_SPAN_SECOND;
  step->notification_id = carport_kamereon_parse_action_id (root);
  if (step->notification_id == NULL)
    {
      g_task_return_new_error (task, CARPORT_API_ERROR, CARPORT_API_ERROR_INVALID_RESPONSE,
                               _("The car did not answer the PIN check."));
      return;
    }
  poll_challenge (g_steal_pointer (&task));
}

static void
person_id_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SrpStep *step = g_task_get_task_data (task);
  g_autoptr(JsonObject) attributes = json_object_new ();
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonObject) envelope = json_object_new ();
  g_autoptr(JsonObject) data = json_object_new ();
  g_autoptr(GBytes) body = NULL;
  g_autofree char *public_a = NULL;
  char *text;
  GError *error = NULL;

  step->person_id = carport_auth_provider_get_person_id_finish (CARPORT_AUTH_PROVIDER (source), result, &error);
  if (step->person_id == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (carport_command_get_kind (step->command) == CARPORT_COMMAND_KIND_SRP_ENROL)
    {
      g_autoptr(GBytes) salt = carport_srp_new_salt (SALT_BYTES);
      g_autofree char *verifier = carport_srp_dup_verifier (carport_srp_params_kamereon (), step->person_id,
                                                            carport_command_get_pin (step->command), salt);
      GString *hex = g_string_new (NULL);

      for (gsize i = 0; i < g_bytes_get_size (salt); i++)
        g_string_append_printf (hex, "%02X", ((const guint8 *) g_bytes_get_data (salt, NULL))[i]);
      carport_command_set_pin (step->command, NULL);
      json_object_set_string_member (attributes, "s", hex->str);
      json_object_set_string_member (attributes, "i", step->person_id);
      json_object_set_string_member (attributes, "v", verifier);
      g_string_free (hex, TRUE);
      return_attributes (task, g_steal_pointer (&attributes));
      return;
    }

  step->srp = carport_srp_client_new (carport_srp_params_kamereon (), NULL);
  public_a = carport_srp_client_dup_public (step->srp);
  json_object_set_string_member (attributes, "a", public_a);
  json_object_set_string_member (attributes, "i", step->person_id);
  json_object_set_string_member (data, "type", "SrpSets");
  json_object_set_object_member (data, "attributes", g_steal_pointer (&attributes));
  json_object_set_object_member (envelope, "data", g_steal_pointer (&data));
  json_node_set_object (root, envelope);
  text = json_to_string (root, FALSE);
  body = g_bytes_new_take (text, strlen (text));
  _carport_renault_client_request_async (CARPORT_RENAULT_CLIENT (g_task_get_source_object (task)), "POST",
                                         step->srp_sets_path, NULL, body, g_task_get_cancellable (task),
                                         srp_sets_cb, g_object_ref (task));
}

void
_carport_renault_client_srp_attributes_async (CarportRenaultClient *self,
                                              CarportCommand       *command,
                                              const char           *srp_sets_path,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  SrpStep *step = g_new0 (SrpStep, 1);
  GError *error = NULL;

  g_task_set_source_tag (task, _carport_renault_client_srp_attributes_async);
  step->command = g_object_ref (command);
  step->srp_sets_path = g_strdup (srp_sets_path);
  g_task_set_task_data (task, step, (GDestroyNotify) srp_step_free);

  if (!carport_srp_check_pin (carport_command_get_pin (command), &error))
    {
      g_task_return_error (task, error);
      return;
    }
  carport_auth_provider_get_person_id_async (carport_vehicle_client_get_auth (CARPORT_VEHICLE_CLIENT (self)),
                                             cancellable, person_id_cb, g_steal_pointer (&task));
}

GError *
_carport_renault_client_srp_not_sent (GError *error)
{
  g_autoptr(GError) taken = error;
  g_autofree char *message = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_steal_pointer (&taken);
  if (g_error_matches (error, CARPORT_API_ERROR, CARPORT_API_ERROR_TIMEOUT))
    return g_error_new_literal (CARPORT_API_ERROR, CARPORT_API_ERROR_UPSTREAM,
                                _("The car did not answer the PIN check in time, so nothing was sent to it. "
                                  "Try again later."));
  /* Translators: %s says why the PIN check before the command failed. */
  message = g_strdup_printf (_("%s Nothing was sent to the car."), error->message);
  return g_error_new_literal (error->domain, error->code, message);
}

JsonNode *
_carport_renault_client_srp_attributes_finish (CarportRenaultClient  *self,
                                               GAsyncResult          *result,
                                               GError               **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
