/* Error codes shared by the library and the plugin ABI. */
#ifndef UNMINE_ERROR_H
#define UNMINE_ERROR_H

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Functions that can fail return 0 on success or one of these negative
 * codes. Results come back through out-parameters that are set only on
 * success.
 */
enum {
	UM_OK = 0,
	UM_EINVAL = -1,     /* an argument is out of range or malformed */
	UM_EIO = -2,        /* a file could not be read or written */
	UM_ENOENT = -3,     /* no such file, key, plugin or layer */
	UM_EFORMAT = -4,    /* input is not in the expected format */
	UM_ETOOBIG = -5,    /* input exceeds a configured limit */
	UM_EPLUGIN = -6,    /* a plugin was refused or failed */
	UM_EEXIST = -7,     /* a name is already taken */
	UM_ELOOP = -8,      /* a directory loop or dependency cycle */
	UM_EABI = -9        /* a plugin speaks another ABI */
};

/* A short English description of an error code; never NULL. */
const char *um_strerror(int err);

#ifdef __cplusplus
}
#endif
#endif
