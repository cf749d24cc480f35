/* test-remote-lock.c — remote lock (experimental) in the window, on a demo
 * session: Lock and Unlock show only with the experimental setting on and
 * ask for the PIN ("Set Up PIN…" first); the locks card shows the state the
 * car reports once the command is confirmed; with "Remember PIN" on, the PIN
 * is kept (in the demo's memory store, as the keyring would) and used
 * without asking; a remembered PIN the car refuses is forgotten and the
 * dialog asks again saying why; the PIN's menu changes and forgets it.
 * A Nissan asks for its e-mailed code first, and its menu forgets this
 * computer.
 * Start Engine… and Stop Engine… on the Captur, the same way.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "carport-credential-store.h"
#include "carport-device-code-dialog.h"
#include "carport-locks-card.h"
#include "carport-pin-dialog.h"
#include "gui-test-demo.h"
#include "gui-test-util.h"

#define MEGANE "VF1XCB1VE00000003"

static gboolean
pin_dialog_open (gpointer data)
{
  return demo_find_toplevel (CARPORT_TYPE_PIN_DIALOG) != NULL;
}

static gboolean
pin_dialog_closed (gpointer data)
{
  return !pin_dialog_open (data);
}

static gboolean
sim_unlocked (gpointer data)
{
  DemoFixture *f = data;

  return !carport_simulator_get_locked (f->sim, MEGANE);
}

static gboolean
sim_locked (gpointer data)
{
  return !sim_unlocked (data);
}

/* Types @pin in the open PIN dialog, turns "Remember PIN" to @remember and
 * presses Enter there. */
static void
enter_pin (const char *pin,
           gboolean    remember)
{
  GtkWidget *dialog;
  GtkWidget *entry;

  g_assert_true (gui_test_wait_until (pin_dialog_open, NULL, 5000));
  dialog = demo_find_toplevel (CARPORT_TYPE_PIN_DIALOG);
  entry = gui_test_get_accessible (dialog, GTK_ACCESSIBLE_ROLE_TEXT_BOX, "PIN");
  /* Off unless turned on. */
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (gui_test_get_accessible (dialog, GTK_ACCESSIBLE_ROLE_SWITCH,
                                                                              "Remember PIN"))));
  gtk_switch_set_active (GTK_SWITCH (gui_test_get_accessible (dialog, GTK_ACCESSIBLE_ROLE_SWITCH, "Remember PIN")),
                         remember);
  gtk_editable_set_text (GTK_EDITABLE (entry), pin);
  g_signal_emit_by_name (gtk_editable_get_delegate (GTK_EDITABLE (entry)), "activate");
  g_assert_true (gui_test_wait_until (pin_dialog_closed, NULL, 5000));
}

/* The locks card shows @text (the state the car reported). */
static void
assert_locks_card_soon (DemoFixture *f,
                        const char  *text)
{
  GtkWidget *card = gui_test_find_type (f->page, CARPORT_TYPE_LOCKS_CARD);

  g_assert_nonnull (card);
  g_assert_true (gtk_widget_get_visible (card));
  gui_test_assert_label_soon (card, text);
}

static void
lookup_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  char **pin = user_data;

  *pin = carport_session_lookup_pin_finish (CARPORT_SESSION (source), result, NULL);
  if (*pin == NULL)
    *pin = g_strdup ("");
}

static gboolean
is_set (gpointer data)
{
  return *(char **) data != NULL;
}

/* The PIN the demo's store remembers for the Megane ("" for none). */
static char *
remembered_pin (DemoFixture *f)
{
  char *pin = NULL;

  carport_session_lookup_pin_async (f->session, demo_vehicle (f, MEGANE), NULL, lookup_cb, &pin);
  g_assert_true (gui_test_wait_until (is_set, &pin, 5000));
  return pin;
}

/* The demo's store comes to remember @expected ("" for none) soon: the
 * command's end (and the toast) may still be on its way. */
static void
assert_remembered (DemoFixture *f,
                   const char  *expected)
{
  char *pin = remembered_pin (f);

  for (int i = 0; i < 100 && g_strcmp0 (pin, expected) != 0; i++)
    {
      carport_credential_store_pin_free (pin);
      gui_test_wait_until (pin_dialog_open, NULL, 100);
      pin = remembered_pin (f);
    }
  g_assert_cmpstr (pin, ==, expected);
  carport_credential_store_pin_free (pin);
}

/* The PIN changed elsewhere (the maker's app): the store keeps @pin. */
static void
remember_behind_carports_back (DemoFixture *f,
                               const char  *pin)
{
  g_autoptr(CarportCredentialStore) store = NULL;

  g_object_get (f->session, "store", &store, NULL);
  carport_credential_store_store_pin_async (store, "renault", carport_simulator_get_demo_email (f->sim),
                                            MEGANE, pin, NULL, NULL, NULL);
  gui_test_flush ();
}

/* Opens the PIN's menu item @action, and checks the dialog's heading. */
static void
open_from_menu (DemoFixture *f,
                const char  *action,
                const char  *heading)
{
  GtkWidget *dialog;

  g_assert_true (gtk_widget_activate_action (f->page, action, NULL));
  g_assert_true (gui_test_wait_until (pin_dialog_open, NULL, 5000));
  dialog = demo_find_toplevel (CARPORT_TYPE_PIN_DIALOG);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==, heading);
}

/* Remote lock is offered only with the experimental setting on; Unlock asks
 * for the PIN, "Set Up PIN…" sets it first, and the PIN unlocks the car:
 * the simulator's, then the locks card once confirmed. */
static void
test_remote_lock (DemoFixture *f, gconstpointer data)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.carport.Carport");
  CarportVehicle *megane = demo_vehicle (f, MEGANE);
  GtkWidget *dialog;

  demo_show (f, megane);
  g_assert_true (carport_vehicle_supports_command (megane, CARPORT_COMMAND_KIND_UNLOCK));
  g_assert_null (gui_test_find_accessible (f->page, GTK_ACCESSIBLE_ROLE_BUTTON, "Unlock…"));
  assert_locks_card_soon (f, "Locked");

  g_settings_set_boolean (settings, "experimental-remote-lock", TRUE);
  demo_press (f, "Unlock…");
  g_assert_true (gui_test_wait_until (pin_dialog_open, NULL, 5000));
  dialog = demo_find_toplevel (CARPORT_TYPE_PIN_DIALOG);
  g_signal_emit_by_name (gui_test_get_accessible (dialog, GTK_ACCESSIBLE_ROLE_BUTTON, "Set Up PIN…"), "clicked");

  /* The set-up asks for the new PIN in a dialog of its own. */
  g_assert_true (gui_test_wait_until (pin_dialog_open, NULL, 5000));
  enter_pin ("1234", FALSE);
  demo_assert_toast_soon (f, "The remote control PIN is set");

  demo_press (f, "Unlock…");
  /* Carport knows the car has a PIN now: it offers to change it. */
  g_assert_true (gui_test_wait_until (pin_dialog_open, NULL, 5000));
  g_assert_nonnull (gui_test_find_accessible (demo_find_toplevel (CARPORT_TYPE_PIN_DIALOG),
                                              GTK_ACCESSIBLE_ROLE_BUTTON, "Change PIN…"));
  enter_pin ("1234", FALSE);
  g_assert_true (gui_test_wait_until (sim_unlocked, f, 30000));
  assert_locks_card_soon (f, "Unlocked");
  /* Not asked to remember: nothing kept. */
  assert_remembered (f, "");
  g_settings_reset (settings, "experimental-remote-lock");
}

/* "Remember PIN": kept once the car took it, used without asking; refused
 * (changed elsewhere), forgotten and asked again saying why; forgotten
 * from the PIN's menu. */
static void
test_remember_pin (DemoFixture *f, gconstpointer data)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.carport.Carport");
  GtkWidget *dialog;

  demo_show (f, demo_vehicle (f, MEGANE));
  g_settings_set_boolean (settings, "experimental-remote-lock", TRUE);
  gui_test_flush ();
  g_assert_true (gtk_widget_get_visible (gui_test_get_accessible (f->page, GTK_ACCESSIBLE_ROLE_BUTTON,
                                                                  "Remote Control PIN")));
  open_from_menu (f, "vehicle.pin-set-up", "Set Up the Remote Control PIN");
  enter_pin ("1234", TRUE);
  demo_assert_toast_soon (f, "The remote control PIN is set");
  assert_remembered (f, "1234");

  /* Now the menu changes it; a new PIN (remembered again) replaces the old. */
  open_from_menu (f, "vehicle.pin-change", "Change the Remote Control PIN");
  enter_pin ("2468", TRUE);
  demo_assert_toast_soon (f, "The remote control PIN is set");
  assert_remembered (f, "2468");

  /* Unlock and Lock use it: no dialog. */
  demo_press (f, "Unlock…");
  g_assert_true (gui_test_wait_until (sim_unlocked, f, 30000));
  g_assert_false (pin_dialog_open (NULL));
  assert_locks_card_soon (f, "Unlocked");
  demo_press (f, "Lock…");
  g_assert_true (gui_test_wait_until (sim_locked, f, 30000));
  g_assert_false (pin_dialog_open (NULL));
  assert_locks_card_soon (f, "Locked");

  /* Changed elsewhere: refused, forgotten, and asked for, saying why. */
  remember_behind_carports_back (f, "1111");
  demo_press (f, "Unlock…");
  g_assert_true (gui_test_wait_until (pin_dialog_open, NULL, 30000));
  dialog = demo_find_toplevel (CARPORT_TYPE_PIN_DIALOG);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), "The PIN was wrong"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)),
                            "Carport forgot the remembered PIN."));
  assert_remembered (f, "");
  enter_pin ("2468", FALSE);
  g_assert_true (gui_test_wait_until (sim_unlocked, f, 30000));
  assert_remembered (f, "");

  /* Forgotten from the PIN's menu. */
  remember_behind_carports_back (f, "1234");
  g_assert_true (gtk_widget_activate_action (f->page, "vehicle.pin-forget", NULL));
  assert_remembered (f, "");
  g_settings_reset (settings, "experimental-remote-lock");
}

#define CAPTUR "VF1XJB1SU00000006"

static gboolean
engine_running (gpointer data)
{
  DemoFixture *f = data;

  return carport_simulator_get_engine_running (f->sim, CAPTUR);
}

static gboolean
engine_stopped (gpointer data)
{
  return !engine_running (data);
}

/* Start Engine… and Stop Engine… show only with the experimental setting
 * on, and only on the car with an engine that takes it (the Captur, not the
 * electric Megane, which takes remote lock); they go through the PIN dialog
 * and the simulator's engine follows. */
static void
test_engine (DemoFixture *f, gconstpointer data)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.carport.Carport");
  CarportVehicle *captur = demo_vehicle (f, CAPTUR);
  GtkWidget *dialog;

  demo_show (f, captur);
  g_assert_true (carport_vehicle_supports_command (captur, CARPORT_COMMAND_KIND_ENGINE_START));
  g_assert_null (gui_test_find_accessible (f->page, GTK_ACCESSIBLE_ROLE_BUTTON, "Start Engine…"));
  g_assert_null (gui_test_find_accessible (f->page, GTK_ACCESSIBLE_ROLE_BUTTON, "Stop Engine…"));

  g_settings_set_boolean (settings, "experimental-remote-lock", TRUE);
  gui_test_flush ();
  g_assert_nonnull (gui_test_find_accessible (f->page, GTK_ACCESSIBLE_ROLE_BUTTON, "Stop Engine…"));
  /* The Captur takes no remote lock. */
  g_assert_null (gui_test_find_accessible (f->page, GTK_ACCESSIBLE_ROLE_BUTTON, "Lock…"));

  demo_press (f, "Start Engine…");
  g_assert_true (gui_test_wait_until (pin_dialog_open, NULL, 5000));
  dialog = demo_find_toplevel (CARPORT_TYPE_PIN_DIALOG);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==, "Start the Engine");
  g_signal_emit_by_name (gui_test_get_accessible (dialog, GTK_ACCESSIBLE_ROLE_BUTTON, "Set Up PIN…"), "clicked");
  g_assert_true (gui_test_wait_until (pin_dialog_open, NULL, 5000));
  enter_pin ("1234", FALSE);
  demo_assert_toast_soon (f, "The remote control PIN is set");

  demo_press (f, "Start Engine…");
  enter_pin ("1234", FALSE);
  g_assert_true (gui_test_wait_until (engine_running, f, 30000));
  demo_assert_toast_soon (f, "The engine is running");

  demo_press (f, "Stop Engine…");
  g_assert_true (gui_test_wait_until (pin_dialog_open, NULL, 5000));
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (demo_find_toplevel (CARPORT_TYPE_PIN_DIALOG))),
                   ==, "Stop the Engine");
  enter_pin ("1234", FALSE);
  g_assert_true (gui_test_wait_until (engine_stopped, f, 30000));
  demo_assert_toast_soon (f, "The engine is stopped");

  /* An electric car has no engine to start, even with remote lock. */
  demo_show (f, demo_vehicle (f, MEGANE));
  gui_test_flush ();
  g_assert_nonnull (gui_test_find_accessible (f->page, GTK_ACCESSIBLE_ROLE_BUTTON, "Lock…"));
  g_assert_null (gui_test_find_accessible (f->page, GTK_ACCESSIBLE_ROLE_BUTTON, "Start Engine…"));
  g_assert_null (gui_test_find_accessible (f->page, GTK_ACCESSIBLE_ROLE_BUTTON, "Stop Engine…"));
  g_settings_reset (settings, "experimental-remote-lock");
}

#define LEAF "SJNFAAZE1U0000001"

/* The open code dialog, with a problem shown when @with_problem. */
static gboolean
code_dialog_open (gpointer with_problem)
{
  GtkWidget *dialog = demo_find_toplevel (CARPORT_TYPE_DEVICE_CODE_DIALOG);
  g_autofree char *problem = NULL;

  if (dialog == NULL)
    return FALSE;
  g_object_get (dialog, "problem", &problem, NULL);
  return with_problem == NULL || problem != NULL;
}

static gboolean
leaf_unlocked (gpointer data)
{
  DemoFixture *f = data;

  return !carport_simulator_get_locked (f->sim, LEAF);
}

/* Types @code in the open code dialog and presses Enter there. */
static GtkWidget *
enter_code (const char *code,
            gpointer    with_problem)
{
  GtkWidget *dialog;
  GtkWidget *entry;

  g_assert_true (gui_test_wait_until (code_dialog_open, with_problem, 5000));
  dialog = demo_find_toplevel (CARPORT_TYPE_DEVICE_CODE_DIALOG);
  gui_test_assert_controls_named (dialog);
  entry = gui_test_get_accessible (dialog, GTK_ACCESSIBLE_ROLE_TEXT_BOX, "Code from the e-mail");
  gtk_editable_set_text (GTK_EDITABLE (entry), code);
  g_signal_emit_by_name (entry, "activate");
  return dialog;
}

/* A Nissan asks for the code it e-mailed before the first lock or unlock on
 * this computer: a wrong code is said so and asked again, the right one
 * registers the computer, then the PIN is set up and unlocks the car; the
 * next time no code is asked. */
static void
test_nissan_device_code (DemoFixture *f, gconstpointer data)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.carport.Carport");
  CarportVehicle *leaf = demo_vehicle (f, LEAF);
  g_autofree char *body = NULL;
  GtkWidget *dialog;
  const char *code;

  g_settings_set_boolean (settings, "experimental-remote-lock", TRUE);
  demo_show (f, leaf);
  g_assert_true (carport_vehicle_supports_command (leaf, CARPORT_COMMAND_KIND_UNLOCK));
  demo_press (f, "Unlock…");

  g_assert_true (gui_test_wait_until (code_dialog_open, NULL, 5000));
  code = carport_simulator_get_last_device_otp (f->sim);
  g_assert_nonnull (code);
  /* A demo has no mailbox: the dialog shows the code */
  g_object_get (demo_find_toplevel (CARPORT_TYPE_DEVICE_CODE_DIALOG), "body", &body, NULL);
  g_assert_nonnull (strstr (body, code));
  /* The register button waits for six digits */
  dialog = enter_code (g_str_equal (code, "000000") ? "999999" : "000000", NULL);
  g_assert_true (gui_test_wait_until (code_dialog_open, GINT_TO_POINTER (TRUE), 5000));
  dialog = demo_find_toplevel (CARPORT_TYPE_DEVICE_CODE_DIALOG);
  g_assert_true (gui_test_label_shown (dialog, "The code is not right. Check the e-mail from Nissan and try again."));
  g_assert_null (demo_find_toplevel (CARPORT_TYPE_PIN_DIALOG));

  enter_code (code, GINT_TO_POINTER (TRUE));
  g_assert_true (gui_test_wait_until (pin_dialog_open, NULL, 5000));
  g_assert_null (demo_find_toplevel (CARPORT_TYPE_DEVICE_CODE_DIALOG));
  dialog = demo_find_toplevel (CARPORT_TYPE_PIN_DIALOG);
  g_signal_emit_by_name (gui_test_get_accessible (dialog, GTK_ACCESSIBLE_ROLE_BUTTON, "Set Up PIN…"), "clicked");
  g_assert_true (gui_test_wait_until (pin_dialog_open, NULL, 5000));
  enter_pin ("1234", FALSE);
  demo_assert_toast_soon (f, "The remote control PIN is set");

  /* Registered: straight to the PIN */
  demo_press (f, "Unlock…");
  enter_pin ("1234", FALSE);
  g_assert_null (demo_find_toplevel (CARPORT_TYPE_DEVICE_CODE_DIALOG));
  g_assert_true (gui_test_wait_until (leaf_unlocked, f, 30000));
  g_settings_reset (settings, "experimental-remote-lock");
}

/* The open message dialog whose heading is @heading, or NULL. */
static GtkWidget *
message_dialog (const char *heading)
{
  GtkWidget *found = NULL;

  for (GList *l = gtk_window_list_toplevels (); l; l = g_list_delete_link (l, l))
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data) &&
        g_strcmp0 (adw_message_dialog_get_heading (l->data), heading) == 0)
      found = l->data;
  return found;
}

static gboolean
message_dialog_open (gpointer heading)
{
  return message_dialog (heading) != NULL;
}

static gboolean
message_dialog_closed (gpointer heading)
{
  return message_dialog (heading) == NULL;
}

/* The PIN's menu, open: TRUE when it shows @item. */
static gboolean
menu_shows (DemoFixture *f,
            const char  *item)
{
  GtkWidget *button = gui_test_get_accessible (f->page, GTK_ACCESSIBLE_ROLE_BUTTON, "Remote Control PIN");
  GtkWidget *popover = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (button)));
  gboolean shown;

  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  gui_test_flush ();
  g_assert_true (gui_test_label_shown (popover, "Forget Remembered PIN"));
  shown = gui_test_label_shown (popover, item);
  if (!shown)
    gtk_menu_button_popdown (GTK_MENU_BUTTON (button));
  return shown;
}

static void
result_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static gboolean
has_result (gpointer data)
{
  return *(GAsyncResult **) data != NULL;
}

/* *@result once the call that fills it (result_cb) is done. */
static GAsyncResult *
wait_result (GAsyncResult **result)
{
  g_assert_true (gui_test_wait_until (has_result, result, 10000));
  return *result;
}

static gboolean
leaf_registered (DemoFixture *f)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gboolean registered = FALSE;

  carport_session_device_async (f->session, demo_vehicle (f, LEAF), CARPORT_DEVICE_STEP_CHECK, NULL, NULL,
                                result_cb, &result);
  g_assert_true (carport_session_device_finish (f->session, wait_result (&result), &registered,
                                                &error));
  g_assert_no_error (error);
  return registered;
}

static void
register_leaf (DemoFixture *f)
{
  g_autoptr(GAsyncResult) requested = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  CarportVehicle *leaf = demo_vehicle (f, LEAF);

  carport_session_device_async (f->session, leaf, CARPORT_DEVICE_STEP_REQUEST_CODE, NULL, NULL,
                                result_cb, &requested);
  g_assert_true (carport_session_device_finish (f->session, wait_result (&requested), NULL, &error));
  carport_session_device_async (f->session, leaf, CARPORT_DEVICE_STEP_REGISTER,
                                carport_simulator_get_last_device_otp (f->sim), NULL, result_cb, &result);
  g_assert_true (carport_session_device_finish (f->session, wait_result (&result), NULL, &error));
  g_assert_no_error (error);
  g_assert_true (leaf_registered (f));
}

/* "Forget This Computer…" in the PIN's menu of a Nissan (not of a Renault):
 * its dialog says what happens, Escape cancels, Forget has Nissan forget the
 * computer and a toast says so; the next Unlock asks for a new code; a
 * failure is said in a dialog, with whether it may still be registered. */
static void
test_nissan_forget_device (DemoFixture *f, gconstpointer data)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.carport.Carport");
  GtkWidget *button = NULL;
  GtkWidget *popover;
  GtkWidget *dialog;
  const char *body;

  g_settings_set_boolean (settings, "experimental-remote-lock", TRUE);
  register_leaf (f);

  /* A Renault registers no computer: nothing to forget */
  demo_show (f, demo_vehicle (f, MEGANE));
  g_assert_false (menu_shows (f, "Forget This Computer…"));

  demo_show (f, demo_vehicle (f, LEAF));
  g_assert_true (menu_shows (f, "Forget This Computer…"));
  button = gui_test_get_accessible (f->page, GTK_ACCESSIBLE_ROLE_BUTTON, "Remote Control PIN");
  popover = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (button)));
  g_signal_emit_by_name (gui_test_get_accessible (popover, GTK_ACCESSIBLE_ROLE_MENU_ITEM, "Forget This Computer…"),
                         "clicked");
  g_assert_true (gui_test_wait_until (message_dialog_open, "Forget This Computer?", 5000));
  dialog = message_dialog ("Forget This Computer?");
  gui_test_assert_controls_named (dialog);
  body = adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog));
  g_assert_nonnull (strstr (body, "Nissan will no longer accept remote lock of"));
  g_assert_nonnull (strstr (body, "until it is registered again with a code sent by e-mail"));
  g_assert_cmpint (adw_message_dialog_get_response_appearance (ADW_MESSAGE_DIALOG (dialog), "forget"), ==,
                   ADW_RESPONSE_DESTRUCTIVE);
  g_assert_cmpstr (adw_message_dialog_get_default_response (ADW_MESSAGE_DIALOG (dialog)), ==, "cancel");
  /* Escape: nothing is asked of Nissan */
  g_assert_true (gtk_widget_activate_action (dialog, "window.close", NULL));
  g_assert_true (gui_test_wait_until (message_dialog_closed, "Forget This Computer?", 5000));
  gui_test_flush ();
  g_assert_cmpuint (carport_simulator_get_endpoint_request_count (f->sim, "devices"), ==, 0);
  g_assert_true (leaf_registered (f));

  g_assert_true (gtk_widget_activate_action (f->page, "vehicle.device-forget", NULL));
  g_assert_true (gui_test_wait_until (message_dialog_open, "Forget This Computer?", 5000));
  g_signal_emit_by_name (gui_test_get_accessible (message_dialog ("Forget This Computer?"),
                                                  GTK_ACCESSIBLE_ROLE_BUTTON, "Forget"), "clicked");
  demo_assert_toast_soon (f, "Nissan forgot this computer");
  g_assert_cmpuint (carport_simulator_get_endpoint_request_count (f->sim, "devices"), ==, 1);
  g_assert_false (leaf_registered (f));

  /* Remote lock from here needs a new code */
  demo_press (f, "Unlock…");
  g_assert_true (gui_test_wait_until (code_dialog_open, NULL, 5000));
  g_assert_null (demo_find_toplevel (CARPORT_TYPE_PIN_DIALOG));
  gtk_window_close (GTK_WINDOW (demo_find_toplevel (CARPORT_TYPE_DEVICE_CODE_DIALOG)));
  gui_test_flush ();

  /* Nissan's server fails: said in a dialog */
  carport_simulator_add_fault_from_string (f->sim, "devices=html-502:x1", NULL);
  g_assert_true (gtk_widget_activate_action (f->page, "vehicle.device-forget", NULL));
  g_assert_true (gui_test_wait_until (message_dialog_open, "Forget This Computer?", 5000));
  g_signal_emit_by_name (gui_test_get_accessible (message_dialog ("Forget This Computer?"),
                                                  GTK_ACCESSIBLE_ROLE_BUTTON, "Forget"), "clicked");
  g_assert_true (gui_test_wait_until (message_dialog_open, "Could Not Forget This Computer", 10000));
  dialog = message_dialog ("Could Not Forget This Computer");
  body = adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog));
  g_assert_true (g_str_has_prefix (body, "This computer could not be removed from the car. The car maker"));
  g_assert_nonnull (strstr (body, "502"));
  gtk_window_close (GTK_WINDOW (dialog));
  g_settings_reset (settings, "experimental-remote-lock");
}

int
main (int argc, char *argv[])
{
  gui_test_init (&argc, &argv);

#define ADD(path, func) g_test_add ("/gui/remote-lock/" path, DemoFixture, NULL, \
                                    demo_fixture_set_up, func, demo_fixture_tear_down)
  ADD ("set-up-and-unlock", test_remote_lock);
  ADD ("remember-pin", test_remember_pin);
  ADD ("nissan-device-code", test_nissan_device_code);
  ADD ("nissan-forget-device", test_nissan_forget_device);
  ADD ("engine", test_engine);
#undef ADD

  return g_test_run ();
}
