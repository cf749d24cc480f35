/* fuzz-text.c — the parsers of text that is not a JSON body: what a token
 * says about itself, the Nissan login page and its redirects, times, and
 * the JSON-in-a-string of Kamereon error messages.
 *
 *   jwt\n TOKEN            carport_jwt_get_expiry()
 *   login-form\n HTML      the Nissan login page's form, filled and checked
 *   redirect\n URL         a Location of the Nissan login: callback or next page
 *   iso8601\n TEXT         carport_parse_iso8601()
 *   clock\n TEXT           carport_parse_clock()
 *   error-message\n TEXT   carport_kamereon_error_message_details() */
#include "config.h"

#include "carport-core.h"
#include "carport-jwt.h"
#include "carport-kamereon-response.h"
#include "carport-nissan-login.h"
#include "fuzz-target.h"

/* Where the pages of the login come from (any https origin does). */
#define LOGIN_PAGE "https://login.example.com/oauth2/authorize?client_id=x"
#define LOGIN_ROOT "https://login.example.com"

/* As CarportNissanAuth follows a form's action or a redirect: resolved
 * against the page, and only on the login's origin. */
static void
check_target (const char *reference)
{
  g_free (carport_nissan_login_target (LOGIN_PAGE, reference, LOGIN_ROOT));
}

static void
parse_jwt (const char *arg,
           const char *text)
{
  (void) carport_jwt_get_expiry (text);
}

static void
parse_login_form (const char *arg,
                  const char *html)
{
  g_autoptr(CarportNissanForm) form = carport_nissan_form_parse (html);

  if (form == NULL)
    return;

  (void) carport_nissan_form_get (form, "sessionDataKey");
  g_free (carport_nissan_form_encode (form, "user@example.com", "secret"));
  check_target (*form->action != '\0' ? form->action : LOGIN_PAGE);
}

static void
parse_redirect (const char *arg,
                const char *location)
{
  g_autofree char *code = NULL;
  g_autofree char *state = NULL;
  g_autofree char *error_text = NULL;

  if (!carport_nissan_parse_callback (location, &code, &state, &error_text))
    check_target (location);
}

static void
parse_iso8601 (const char *arg,
               const char *text)
{
  GDateTime *time = carport_parse_iso8601 (text);

  g_clear_pointer (&time, g_date_time_unref);
}

static void
parse_clock (const char *arg,
             const char *text)
{
  int hours, minutes;

  (void) carport_parse_clock (text, &hours, &minutes);
}

static void
parse_error_message (const char *arg,
                     const char *text)
{
  g_autofree char *nested_code = NULL;

  g_free (carport_kamereon_error_message_details (text, &nested_code));
}

static const FuzzParser parsers[] = {
  { "jwt", .parse_text = parse_jwt },
  { "login-form", .parse_text = parse_login_form },
  { "redirect", .parse_text = parse_redirect },
  { "iso8601", .parse_text = parse_iso8601 },
  { "clock", .parse_text = parse_clock },
  { "error-message", .parse_text = parse_error_message },
};

FUZZ_TARGET (parsers, NULL)
