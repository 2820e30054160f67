/* Requires the layer tp-good provides, so must run after it. */
#include "tp_common.h"

TP_MARK_SENTENCES("probe2")
static const char *const provides[] = { "probe2", NULL };
static const char *const requires[] = { "probe", NULL };
UM_PLUGIN_DEFINE(.name = "tp-needs", .version = "1.0",
                 .summary = "test: needs probe", .provides = provides,
                 .requires = requires, .init = tp_init, .process = tp_process)
