/* Stop signals: SIGINT and SIGTERM let the documents in flight finish;
 * a second one stops at once. */
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <unmine/loader.h>

#include "cli.h"

/* The signal that stops the run (SIGINT or SIGTERM), 0 while none came:
 * an atomic, lock-free int, which the handler may set and the workers
 * read from other threads. */
static atomic_int interrupted;

_Static_assert(ATOMIC_INT_LOCK_FREE == 2, "a signal handler sets it");

static void on_stop_signal(int sig)
{
	static const char now[] = "\nunmine: stopped at once (a second "
	                          "signal); the documents in flight are lost\n";
	/* a second one: the user will not wait for the documents in
	 * flight (--resume does them); the signal's own death, so that the
	 * status says which */
	if (atomic_load_explicit(&interrupted, memory_order_relaxed)) {
		ssize_t w = write(STDERR_FILENO, now, sizeof(now) - 1);
		(void)w;
		signal(sig, SIG_DFL);
		raise(sig);
		return;
	}
	atomic_store_explicit(&interrupted, sig, memory_order_relaxed);
}

/* Stops on sig with on_stop_signal, system calls restarted (output in
 * flight is not cut short), unless the signal is ignored, as a shell
 * leaves SIGINT for a job it starts in the background. */
void cli_catch_stop(int sig)
{
	struct sigaction sa, old;
	if (sigaction(sig, NULL, &old) == 0 && old.sa_handler == SIG_IGN)
		return;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_stop_signal;
	sa.sa_flags = SA_RESTART;
	sigemptyset(&sa.sa_mask);
	sigaction(sig, &sa, NULL);
}

int cli_stopped(void)
{
	return atomic_load_explicit(&interrupted, memory_order_relaxed);
}

/* The run's output stream failed (set by the batch): what is left is not
 * read. */
static const atomic_int *out_broken;

const atomic_int *cli_stop_flag(void)
{
	return &interrupted;
}

void cli_watch_output(const atomic_int *broken)
{
	out_broken = broken;
}

int cli_halted(void)
{
	return cli_stopped() ||
	       (out_broken && atomic_load_explicit(out_broken,
	                                           memory_order_relaxed));
}

/* A crash: the document being annotated on this thread, as messages
 * write its name, for the one line a crash leaves. */
static __thread const char *crash_doc;

void cli_crash_doc(const char *shown)
{
	crash_doc = shown;
}

static void put(char *buf, size_t *n, size_t cap, const char *s)
{
	while (*s && *n < cap)
		buf[(*n)++] = *s++;
}

/* Writes which document and which plugin, with write(2) alone (the
 * heap may be what broke), then dies of the signal as it would have. */
static void on_crash(int sig)
{
	char buf[2048];
	size_t n = 0;
	const char *plugin = um_plugin_running();
	ssize_t w;
	put(buf, &n, sizeof(buf), "unmine: ");
	if (crash_doc) {
		put(buf, &n, sizeof(buf), crash_doc);
		put(buf, &n, sizeof(buf), ": ");
	}
	put(buf, &n, sizeof(buf), "crashed (");
	put(buf, &n, sizeof(buf), sig == SIGSEGV ? "segmentation fault" :
	    sig == SIGBUS ? "bus error" : sig == SIGFPE ? "arithmetic error" :
	    sig == SIGILL ? "illegal instruction" : "aborted");
	put(buf, &n, sizeof(buf), ")");
	if (plugin) {
		put(buf, &n, sizeof(buf), " in plugin '");
		put(buf, &n, sizeof(buf), plugin);
		put(buf, &n, sizeof(buf), "'");
	}
	put(buf, &n, sizeof(buf), "; the run stops (--resume does the "
	    "documents not written)\n");
	if (n == sizeof(buf))
		buf[n - 1] = '\n';
	w = write(STDERR_FILENO, buf, n);
	(void)w;
	signal(sig, SIG_DFL);
	raise(sig);
}

/* The stack the handler runs on: a plugin's stack overflow, the crash
 * of deep recursion, leaves none on the thread's own. One per thread. */
#define CRASH_STACK (64 * 1024)

void *cli_crash_stack(void)
{
	stack_t ss;
	void *mem = malloc(CRASH_STACK);
	if (!mem)
		return NULL;
	memset(&ss, 0, sizeof(ss));
	ss.ss_sp = mem;
	ss.ss_size = CRASH_STACK;
	if (sigaltstack(&ss, NULL) != 0) {
		free(mem);
		return NULL;
	}
	return mem;
}

void cli_crash_stack_free(void *stack)
{
	stack_t ss;
	if (!stack)
		return;
	memset(&ss, 0, sizeof(ss));
	ss.ss_flags = SS_DISABLE;
	sigaltstack(&ss, NULL);
	free(stack);
}

/* The main thread's, freed at exit. */
static void *main_stack;

static void free_main_stack(void)
{
	cli_crash_stack_free(main_stack);
	main_stack = NULL;
}

void cli_catch_crash(void)
{
	static const int sigs[] = { SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT };
	struct sigaction sa;
	/* bound now, so that the handler calls no dynamic linker code */
	(void)um_plugin_running();
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_crash;
	sa.sa_flags = SA_RESETHAND | SA_NODEFER | SA_ONSTACK;
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		sigaction(sigs[i], &sa, NULL);
	if ((main_stack = cli_crash_stack()) != NULL)
		atexit(free_main_stack);
}
