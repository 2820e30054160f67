/* Half of a dependency cycle with tp-cycle-b. */
#include "tp_common.h"

TP_MARK_SENTENCES("ca")
static const char *const provides[] = { "ca", NULL };
static const char *const requires[] = { "cb", NULL };
UM_PLUGIN_DEFINE(.name = "tp-cycle-a", .version = "1.0",
                 .summary = "test: cycle", .provides = provides,
                 .requires = requires, .init = tp_init, .process = tp_process)
