/*
 * libFuzzer harness: the stream inflater (um_gz_*) on arbitrary bytes,
 * twice: given all the input at once with 64 KiB of room, and in pieces
 * of 1 to 16 bytes with 1 to 32 bytes of room, the sizes drawn from the
 * input. The two must make the same bytes and end the same way (no error,
 * or an error of the same kind), whatever the pieces; anything else, a
 * call that takes and makes nothing while it has input and room, or a
 * crash, is a finding. Output past 1 MiB is not compared: a small input
 * may inflate to much more.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unmine/unmine.h>

#define CAP (1u << 20)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct run {
	char *out;
	size_t len;
	int failed;             /* an error, in why */
	char why[256];
};

/* The next of a small sequence of sizes drawn from the input. */
static unsigned next_size(uint64_t *state, unsigned max)
{
	*state = *state * 6364136223846793005ULL + 1442695040888963407ULL;
	return 1 + (unsigned)(*state >> 33) % max;
}

static void inflate_all(const char *in, size_t len, uint64_t seed,
                        struct run *r)
{
	um_gz *g = um_gz_new();
	char room[65536];
	size_t pos = 0;
	uint64_t state = seed;

	r->out = malloc(CAP);
	if (!r->out)
		abort();
	r->len = 0;
	r->failed = 0;
	for (;;) {
		size_t give = len - pos, space = sizeof(room), used, made;
		if (seed) {
			unsigned k = next_size(&state, 16);
			give = give < k ? give : k;
			space = next_size(&state, 32);
		}
		if (um_gz_inflate(g, in + pos, give, &used, room, space, &made,
		                  r->why, sizeof(r->why)) != 0) {
			r->failed = 1;
			break;
		}
		if (used > give || made > space)
			abort();
		memcpy(r->out + r->len, room,
		       made < CAP - r->len ? made : CAP - r->len);
		r->len += made < CAP - r->len ? made : CAP - r->len;
		pos += used;
		if (r->len == CAP)
			break;
		/* done: all the input given, and room left over */
		if (pos == len && made < space)
			break;
		/* no progress with input and room: the inflater is stuck */
		if (!used && !made && give)
			abort();
	}
	if (!r->failed && r->len < CAP &&
	    um_gz_end(g, r->why, sizeof(r->why)) != 0)
		r->failed = 1;
	um_gz_free(g);
}

/* The kind of an error: its words before the first digit (the offsets
 * in it may differ by where zlib stopped reading). */
static size_t kind_len(const char *why)
{
	size_t n = 0;
	while (why[n] && (why[n] < '0' || why[n] > '9'))
		n++;
	return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct run a, b;
	uint64_t seed = 0x9E3779B97F4A7C15ULL;
	for (size_t i = 0; i < size && i < 64; i++)
		seed = (seed ^ data[i]) * 0x100000001B3ULL;
	inflate_all((const char *)data, size, 0, &a);
	inflate_all((const char *)data, size, seed | 1, &b);
	if (a.len == CAP || b.len == CAP) {
		size_t n = a.len < b.len ? a.len : b.len;
		if (memcmp(a.out, b.out, n))
			abort();
	} else if (a.len != b.len || memcmp(a.out, b.out, a.len) ||
	           a.failed != b.failed ||
	           (a.failed && (kind_len(a.why) != kind_len(b.why) ||
	                         memcmp(a.why, b.why, kind_len(a.why))))) {
		fprintf(stderr, "whole: %zu bytes, %s\npieces: %zu bytes, %s\n",
		        a.len, a.failed ? a.why : "ok", b.len,
		        b.failed ? b.why : "ok");
		abort();
	}
	free(a.out);
	free(b.out);
	return 0;
}
