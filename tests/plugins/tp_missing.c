/* Requires a layer that no plugin provides. */
#include "tp_common.h"

TP_MARK_SENTENCES("orphan")
static const char *const provides[] = { "orphan", NULL };
static const char *const requires[] = { "nobody-provides-this", NULL };
UM_PLUGIN_DEFINE(.name = "tp-missing", .version = "1.0",
                 .summary = "test: unmet requirement", .provides = provides,
                 .requires = requires, .init = tp_init, .process = tp_process)
