/* Half of a dependency cycle with tp-cycle-a. */
#include "tp_common.h"

TP_MARK_SENTENCES("cb")
static const char *const provides[] = { "cb", NULL };
static const char *const requires[] = { "ca", NULL };
UM_PLUGIN_DEFINE(.name = "tp-cycle-b", .version = "1.0",
                 .summary = "test: cycle", .provides = provides,
                 .requires = requires, .init = tp_init, .process = tp_process)
