/* api-test-util.h — the API tests' fixtures. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The bytes of fixtures/@name (failing the test when it cannot be read). */
GBytes *load_fixture      (const char *name);
/* @text's bytes, without its NUL. */
GBytes *bytes_from_string (const char *text);

G_END_DECLS
