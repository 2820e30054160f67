/* A well-formed plugin: marks sentence starts in layer "probe". */
#include "tp_common.h"

TP_MARK_SENTENCES("probe")
static const char *const provides[] = { "probe", NULL };
UM_PLUGIN_DEFINE(.name = "tp-good", .version = "1.0",
                 .summary = "test: marks sentence starts",
                 .provides = provides, .init = tp_init, .process = tp_process)
