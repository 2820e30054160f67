/* unmine: the whole public interface of the library. */
#ifndef UNMINE_UNMINE_H
#define UNMINE_UNMINE_H

#include <unmine/error.h>
#include <unmine/arena.h>
#include <unmine/token.h>
#include <unmine/plugin.h>
#include <unmine/doc.h>
#include <unmine/reader.h>
#include <unmine/annot.h>
#include <unmine/matcher.h>
#include <unmine/loader.h>
#include <unmine/writer.h>
#include <unmine/walk.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The library's version, e.g. "0.1.0". */
const char *um_version(void);

/* Plugins' log lines above this level (enum um_log_level) are dropped;
 * UM_LOG_WARNING by default. Lines go to stderr, one write each. */
void um_set_log_level(int level);

#ifdef __cplusplus
}
#endif
#endif
