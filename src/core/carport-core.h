/* carport-core.h — the model layer: include this. */
#pragma once

#include "carport-enums.h"
#include "carport-core-enum-types.h"
#include "carport-state.h"
#include "carport-capabilities.h"
#include "carport-vehicle.h"
#include "carport-schedule.h"
#include "carport-schedule-edit.h"
#include "carport-command.h"
#include "carport-format.h"
#include "carport-api-error.h"
#include "carport-charge-session.h"
#include "carport-alert.h"
#include "carport-contract.h"
#include "carport-services.h"

#include "carport-usage.h"
