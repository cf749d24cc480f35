/* store-test-vehicle.h — a car with every field set, and the deep
 * comparison of two cars, for the tests of what is kept on disk.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "carport-core.h"

G_BEGIN_DECLS

/* A car with a value in every property of every state object. */
CarportVehicle *store_test_full_vehicle         (const char *vin);
/* Fails when a property of @object (or of its state objects) was left at
 * "not reported", so that a round trip really covers every field; @where
 * names @object in the failure. */
void            store_test_assert_all_set       (GObject    *object,
                                                 const char *where);
/* Compares every readable property of @a and @b, state objects and
 * programmes included; the run-time state the cache does not keep aside. */
void            store_test_assert_objects_equal (GObject    *a,
                                                 GObject    *b,
                                                 const char *where);

G_END_DECLS
