/* carport-api-error.c — the CARPORT_API_ERROR domain.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#define G_LOG_DOMAIN "carport-core"

#include <glib/gi18n.h>

#include <string.h>

#include "carport-api-error.h"

G_DEFINE_QUARK (carport-api-error-quark, carport_api_error)

/* Server details quoted in error messages are cut at this many characters. */
#define MAX_DETAIL_CHARS 240

/* One line, no control characters, not too long. */
char *
carport_api_sanitize_detail (const char *detail)
{
  g_autoptr(GString) out = g_string_new (NULL);
  const char *p;
  guint n_chars = 0;
  gboolean space = FALSE;

  if (detail == NULL || !g_utf8_validate (detail, -1, NULL))
    return NULL;

  for (p = detail; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || g_unichar_iscntrl (c))
        {
          space = out->len > 0;
          continue;
        }

      if (n_chars >= MAX_DETAIL_CHARS)
        {
          g_string_append (out, "…");
          break;
        }

      if (space)
        {
          g_string_append_c (out, ' ');
          n_chars++;
          space = FALSE;
        }

      g_string_append_unichar (out, c);
      n_chars++;
    }

  if (out->len == 0)
    return NULL;

  return g_string_free (g_steal_pointer (&out), FALSE);
}

char *
carport_api_error_dup_summary (const GError  *error,
                               char         **details)
{
  const char *sentence;
  gsize len;

  g_return_val_if_fail (error != NULL, NULL);

  if (details)
    *details = NULL;
  if (error->domain != CARPORT_API_ERROR)
    return g_strdup (error->message);

  /* carport_api_set_error()'s "<sentence> (<detail>).": the sentence, and
   * the whole for the details. */
  sentence = carport_api_error_describe (error->code);
  len = strlen (sentence);
  if (len > 0 && sentence[len - 1] == '.')
    len--;
  if (strncmp (error->message, sentence, len) != 0 || g_str_equal (error->message + len, ".") ||
      error->message[len] == '\0')
    return g_strdup (error->message);

  if (details)
    *details = g_strdup (error->message);
  return g_strdup (sentence);
}

/* "<sentence> (<detail>)." — the describe() sentence with the server's words. */
void
carport_api_set_error (GError          **error,
                       CarportApiError   code,
                       const char       *detail)
{
  const char *sentence = carport_api_error_describe (code);
  g_autofree char *clean = carport_api_sanitize_detail (detail);
  gsize len;

  if (clean == NULL)
    {
      g_set_error_literal (error, CARPORT_API_ERROR, code, sentence);
      return;
    }

  len = strlen (sentence);
  if (len > 0 && sentence[len - 1] == '.')
    len--;

  g_set_error (error, CARPORT_API_ERROR, code, "%.*s (%s).", (int) len, sentence, clean);
}


gboolean
carport_api_error_is_unsupported (const GError *error)
{
  if (error == NULL || error->domain != CARPORT_API_ERROR)
    return FALSE;

  switch ((CarportApiError) error->code)
    {
    case CARPORT_API_ERROR_FORBIDDEN:
    case CARPORT_API_ERROR_NOT_FOUND:
    case CARPORT_API_ERROR_NOT_SUPPORTED:
    case CARPORT_API_ERROR_ACCESS_DENIED:
      return TRUE;

    case CARPORT_API_ERROR_NETWORK:
    case CARPORT_API_ERROR_TIMEOUT:
    case CARPORT_API_ERROR_INVALID_RESPONSE:
    case CARPORT_API_ERROR_INVALID_CREDENTIALS:
    case CARPORT_API_ERROR_TFA_REQUIRED:
    case CARPORT_API_ERROR_TFA_CODE_INVALID:
    case CARPORT_API_ERROR_LOGIN_EXPIRED:
    case CARPORT_API_ERROR_UNAUTHORIZED:
    case CARPORT_API_ERROR_API_KEY:
    case CARPORT_API_ERROR_QUOTA_LIMIT:
    case CARPORT_API_ERROR_PRIVACY_MODE:
    case CARPORT_API_ERROR_INVALID_INPUT:
    case CARPORT_API_ERROR_IN_PROGRESS:
    case CARPORT_API_ERROR_UPSTREAM:
    case CARPORT_API_ERROR_SERVER:
    case CARPORT_API_ERROR_NO_VEHICLES:
    case CARPORT_API_ERROR_INSECURE_URL:
    case CARPORT_API_ERROR_FAILED:
    default:
      return FALSE;
    }
}

const char *
carport_api_error_describe (CarportApiError code)
{
  switch (code)
    {
    case CARPORT_API_ERROR_NETWORK:
      return _("Could not reach the car maker's servers. Check your internet connection.");
    case CARPORT_API_ERROR_TIMEOUT:
      return _("The car maker's servers did not answer in time. Carport will try again later.");
    case CARPORT_API_ERROR_INVALID_RESPONSE:
      return _("The car maker's servers answered with something Carport does not understand.");
    case CARPORT_API_ERROR_INVALID_CREDENTIALS:
      return _("Wrong email address or password.");
    case CARPORT_API_ERROR_TFA_REQUIRED:
      return _("Renault sent a verification code to your email address.");
    case CARPORT_API_ERROR_TFA_CODE_INVALID:
      return _("The verification code is wrong or has expired.");
    case CARPORT_API_ERROR_LOGIN_EXPIRED:
      return _("Your login has expired. Please log in again.");
    case CARPORT_API_ERROR_UNAUTHORIZED:
      return _("The car maker's servers did not accept Carport's login. Carport will log in again.");
    case CARPORT_API_ERROR_API_KEY:
      return _("Renault's servers refused Carport's access key. Renault may have changed it; an update of Carport may be needed.");
    case CARPORT_API_ERROR_ACCESS_DENIED:
      return _("The car maker's servers denied access to this feature for this car.");
    case CARPORT_API_ERROR_FORBIDDEN:
      return _("This car does not offer this feature.");
    case CARPORT_API_ERROR_NOT_FOUND:
      return _("The car maker's servers have no data for this car.");
    case CARPORT_API_ERROR_NOT_SUPPORTED:
      return _("This feature is not supported by this car's connection box.");
    case CARPORT_API_ERROR_QUOTA_LIMIT:
      return _("The car maker's servers are limiting requests right now. Carport will try again later.");
    case CARPORT_API_ERROR_PRIVACY_MODE:
      return _("The car's privacy mode is on.");
    case CARPORT_API_ERROR_INVALID_INPUT:
      return _("The car maker's servers did not accept the request.");
    case CARPORT_API_ERROR_IN_PROGRESS:
      return _("Another change is still in progress on this car. Try again in a moment.");
    case CARPORT_API_ERROR_UPSTREAM:
      return _("The car's connection service did not answer properly. Try again later.");
    case CARPORT_API_ERROR_SERVER:
      return _("The car maker's servers are having trouble right now. Try again later.");
    case CARPORT_API_ERROR_NO_VEHICLES:
      return _("There is no car in this account.");
    case CARPORT_API_ERROR_INSECURE_URL:
      return _("Carport refuses to send your data over an unencrypted connection.");
    case CARPORT_API_ERROR_FAILED:
    default:
      return _("The car maker's servers reported an error.");
    }
}
