/* fuzz-target.h — what every fuzz target of fuzz/ shares.
 *
 * One input is a name line, "NAME[ ARG]\n", and then a body: NAME picks one
 * of the target's parsers, ARG (the rest of the line, "" when absent) is
 * what that parser needs beside the body (an HTTP status, a notification
 * id, an endpoint's nick), and the body is what a server would send. Inputs
 * stay readable, and the seeds are the tests' fixtures behind a name line
 * (fuzz/seeds.list). An input without a known name is skipped: -1, which
 * keeps libFuzzer from adding it to the corpus and fails a replay.
 *
 * A target lists its parsers and ends with FUZZ_TARGET (parsers, read_answer):
 * the libFuzzer entry point (clang, -Dfuzzing=true) or the one
 * fuzz-replay.c calls on kept inputs (the regular build). */
#pragma once

#include <json-glib/json-glib.h>
#include <stdint.h>

G_BEGIN_DECLS

/* A parser takes the body in one of three forms (the others NULL). */
typedef struct {
  const char *name;
  /* the bytes */
  void      (*parse_body) (const char *arg,
                           GBytes     *body);
  /* the body up to its first NUL */
  void      (*parse_text) (const char *arg,
                           const char *text);
  /* the body as the client reads a 200 answer (the target's read_answer),
   * not called when that refuses it */
  void      (*parse_root) (const char *arg,
                           JsonNode   *root);
} FuzzParser;

/* How a client turns an HTTP answer into JSON (carport_kamereon_parse_response(), …). */
typedef JsonNode *(*FuzzReadAnswerFunc) (guint    http_status,
                                         GBytes  *body,
                                         GError **error);

int       fuzz_run_input     (const FuzzParser   *parsers,
                              gsize               n_parsers,
                              FuzzReadAnswerFunc  read_answer,
                              const uint8_t      *data,
                              size_t              size);

/* The HTTP status an ARG names, 200 when it names none. */
guint     fuzz_arg_status    (const char         *arg);

/* @read_answer on @body with the HTTP status @arg names, checked to give
 * either a root or an error. */
JsonNode *fuzz_read_answer   (FuzzReadAnswerFunc  read_answer,
                              const char         *arg,
                              GBytes             *body);

int       LLVMFuzzerTestOneInput (const uint8_t *data,
                                  size_t         size);

#define FUZZ_TARGET(parsers, read_answer) \
  int \
  LLVMFuzzerTestOneInput (const uint8_t *data, \
                          size_t         size) \
  { \
    return fuzz_run_input (parsers, G_N_ELEMENTS (parsers), read_answer, data, size); \
  }

G_END_DECLS
