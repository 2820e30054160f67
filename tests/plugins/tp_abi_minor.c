/* Needs a minor version newer than the core's. */
#include "tp_common.h"

TP_MARK_SENTENCES("x")
UM_PLUGIN_EXPORT const um_plugin *um_plugin_entry(void);
UM_PLUGIN_EXPORT const um_plugin *um_plugin_entry(void)
{
	static const um_plugin desc = {
		.abi_major = UM_ABI_MAJOR, .abi_minor = UM_ABI_MINOR + 1,
		.size = sizeof(um_plugin), .name = "tp-abi-minor",
		.version = "1.0", .init = tp_init, .process = tp_process,
	};
	return &desc;
}
