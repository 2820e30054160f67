/* Error codes to text, and the library's version. */
#include "internal.h"
#include "config.h"

const char *um_strerror(int err)
{
	switch (err) {
	case UM_OK: return "success";
	case UM_EINVAL: return "invalid argument";
	case UM_EIO: return "input/output error";
	case UM_ENOENT: return "not found";
	case UM_EFORMAT: return "malformed input";
	case UM_ETOOBIG: return "input too large";
	case UM_EPLUGIN: return "plugin error";
	case UM_EEXIST: return "name already taken";
	case UM_ELOOP: return "loop";
	case UM_EABI: return "incompatible plugin ABI";
	}
	return "unknown error";
}

const char *um_version(void)
{
	return PACKAGE_VERSION;
}
