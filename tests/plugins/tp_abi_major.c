/* Speaks a future ABI major version. */
#include "tp_common.h"

TP_MARK_SENTENCES("x")
UM_PLUGIN_EXPORT const um_plugin *um_plugin_entry(void);
UM_PLUGIN_EXPORT const um_plugin *um_plugin_entry(void)
{
	static const um_plugin desc = {
		.abi_major = UM_ABI_MAJOR + 1, .abi_minor = 0,
		.size = sizeof(um_plugin), .name = "tp-abi-major",
		.version = "1.0", .init = tp_init, .process = tp_process,
	};
	return &desc;
}
