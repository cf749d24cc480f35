/* carport-nissan-login.h — the pure pieces of the MyNISSAN OneID login
 * (docs/api-nissan.md §1.2): PKCE, the login page's form, the callback.
 * No I/O: CarportNissanAuth drives the requests. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A fresh PKCE code verifier: 86 characters of base64url from 64 random bytes. */
char       *carport_nissan_pkce_verifier      (void);
/* base64url (no padding) of SHA-256 of @verifier: the S256 code challenge. */
char       *carport_nissan_pkce_challenge     (const char *verifier);
/* A random OAuth state: 43 characters of base64url. */
char       *carport_nissan_random_state       (void);

/* The login form of a WSO2 page. */
typedef struct {
  char      *action;   /* as written in the page (entities decoded); may be "" */
  GPtrArray *names;    /* char*: every named <input>, in page order */
  GPtrArray *values;   /* char*: its value ("" when the attribute is missing) */
} CarportNissanForm;

/* The first <form> of @html that holds both an input named "sessionDataKey"
 * and one named "password", or NULL. Tolerant: any case, quoted or bare
 * attributes, self-closing inputs, comments and scripts skipped, a form left
 * open at the end of the page still counts. */
CarportNissanForm *carport_nissan_form_parse  (const char *html);
void               carport_nissan_form_free   (CarportNissanForm *form);
/* The value of the first input named @name, or NULL. */
const char        *carport_nissan_form_get    (CarportNissanForm *form,
                                               const char        *name);
/* The form's inputs plus userName, username (regionCode/email when the form
 * has a non-empty regionCode) and password, form-encoded. A secret. */
char              *carport_nissan_form_encode (CarportNissanForm *form,
                                               const char        *email,
                                               const char        *password);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CarportNissanForm, carport_nissan_form_free)

/* TRUE when @url is the app's redirect (scheme "com", host
 * "wso2.service.nci"); then its query's code, state and error (with
 * error_description appended) are set, each NULL when absent. */
gboolean    carport_nissan_parse_callback     (const char  *url,
                                               char       **code,
                                               char       **state,
                                               char       **error_text);

/* TRUE when @url has the scheme, host and port of @root. */
gboolean    carport_nissan_same_origin        (const char *url,
                                               const char *root);

/* @reference (a form's action, a redirect's Location) resolved against the
 * @page it came from, when it stays on @root's origin; else NULL. */
char       *carport_nissan_login_target       (const char *page,
                                               const char *reference,
                                               const char *root);

/* Appends "&name=value" (or "name=value" to an empty @form), both escaped. */
void        carport_nissan_form_append        (GString    *form,
                                               const char *name,
                                               const char *value);

G_END_DECLS
