/* Compressed input: gzip data (RFC 1952) inflated whole or as a stream. */
#include <stdlib.h>
#include <zlib.h>

#include "internal.h"

/* Where the data is: inside a member, just after one (another member, zero
 * padding or the end may follow), or in zero padding (only zeros or the
 * end may follow, as tar and some archivers leave). */
enum {
	IN_MEMBER,
	AFTER_MEMBER,
	IN_ZEROS
};

struct um_gz {
	z_stream z;
	int where;
	uint64_t read;        /* compressed bytes taken, for messages */
	/* an error found after some output of the same call: that output
	 * is handed out first, the error at the next call */
	char *error;
};

int um_gz_magic(const void *buf, size_t len)
{
	const unsigned char *b = buf;
	/* The two bytes of the magic number: no text starts with them (0x8b
	 * cannot follow a control character in UTF-8 or be a character
	 * alone), so a file cut after them, or in another method than
	 * deflate, is refused as gzip data, not read as text. */
	return len >= 2 && b[0] == 0x1f && b[1] == 0x8b;
}

um_gz *um_gz_new(void)
{
	um_gz *g = um_xcalloc(1, sizeof(*g));
	/* 16 + MAX_WBITS: a gzip header and trailer, whose CRC-32 and
	 * length inflate checks */
	if (inflateInit2(&g->z, 16 + MAX_WBITS) != Z_OK)
		abort();
	return g;
}

void um_gz_free(um_gz *g)
{
	if (!g)
		return;
	inflateEnd(&g->z);
	free(g->error);
	free(g);
}

int um_gz_inflate(um_gz *g, const char *in, size_t inlen, size_t *ret_used,
                  char *out, size_t outlen, size_t *ret_made, char *err,
                  size_t errlen)
{
	size_t used = 0, made = 0;
	char why[256];

	if (g->error) {
		um_seterr(err, errlen, "%s", g->error);
		return UM_EFORMAT;
	}
	/* Inside a member, inflate may still hold output when the input is
	 * all taken: it is called until it makes no progress. */
	while (made < outlen) {
		size_t ain, aout, took, gave;
		int r;
		if (g->where != IN_MEMBER) {
			unsigned char c;
			if (used == inlen)
				break;
			c = (unsigned char)in[used];
			if (g->where == AFTER_MEMBER && c == 0x1f) {
				if (inflateReset(&g->z) != Z_OK)
					abort();
				g->where = IN_MEMBER;
				continue;
			}
			if (c != 0) {
				snprintf(why, sizeof(why), "data after the gzip data, at "
				         "byte %llu of the file",
				         (unsigned long long)(g->read + used));
				goto bad;
			}
			g->where = IN_ZEROS;
			used++;
			continue;
		}
		/* zlib counts in unsigned int: at most 1 GiB a call */
		ain = inlen - used < (1u << 30) ? inlen - used : 1u << 30;
		aout = outlen - made < (1u << 30) ? outlen - made : 1u << 30;
		g->z.next_in = (unsigned char *)(in + used);
		g->z.avail_in = (unsigned)ain;
		g->z.next_out = (unsigned char *)(out + made);
		g->z.avail_out = (unsigned)aout;
		r = inflate(&g->z, Z_NO_FLUSH);
		took = ain - g->z.avail_in;
		gave = aout - g->z.avail_out;
		used += took;
		made += gave;
		if (r == Z_STREAM_END) {
			g->where = AFTER_MEMBER;
		} else if (r == Z_MEM_ERROR) {
			abort();
		} else if (r != Z_OK && r != Z_BUF_ERROR) {
			snprintf(why, sizeof(why), "corrupt gzip data (%s), at byte "
			         "%llu of the file", g->z.msg ? g->z.msg : "bad data",
			         (unsigned long long)(g->read + used));
			goto bad;
		} else if (!took && !gave) {
			break;        /* it needs more input */
		}
	}
	g->read += used;
	*ret_used = used;
	*ret_made = made;
	return 0;
bad:
	if (made) {
		g->error = um_xstrdup(why);
		g->read += used;
		*ret_used = used;
		*ret_made = made;
		return 0;
	}
	um_seterr(err, errlen, "%s", why);
	return UM_EFORMAT;
}

int um_gz_end(const um_gz *g, char *err, size_t errlen)
{
	if (g->error) {
		um_seterr(err, errlen, "%s", g->error);
		return UM_EFORMAT;
	}
	if (g->where != IN_MEMBER)
		return 0;
	um_seterr(err, errlen, "truncated gzip data: the file ends inside it, "
	          "after %llu bytes", (unsigned long long)g->read);
	return UM_EFORMAT;
}

int um_gunzip(const char *in, size_t inlen, size_t max, char **ret,
              size_t *ret_len, char *err, size_t errlen)
{
	size_t cap, len = 0, done = 0;
	char *out;
	um_gz *g;
	int r = 0;

	if (max > SIZE_MAX / 4)
		max = SIZE_MAX / 4;   /* no limit: max + 1 must not wrap */
	/* a first guess at the ratio of prose, then doubling, up to one
	 * byte over max: that byte tells a document over the limit */
	cap = inlen < max / 4 ? inlen * 4 + 4096 : max + 1;
	if (cap > max + 1)
		cap = max + 1;
	g = um_gz_new();
	out = um_xmalloc(cap + 1);
	for (;;) {
		size_t used, made, room;
		if (len == cap) {
			if (cap > max) {
				um_seterr(err, errlen, "document is over the size limit "
				          "of %zu bytes once decompressed", max);
				r = UM_ETOOBIG;
				goto out;
			}
			cap = cap > max / 2 ? max + 1 : cap * 2;
			out = um_xrealloc(out, cap + 1);
		}
		room = cap - len;
		r = um_gz_inflate(g, in + done, inlen - done, &used, out + len,
		                  room, &made, err, errlen);
		if (r)
			goto out;
		done += used;
		len += made;
		if (made < room)
			break;        /* not for want of room: the input is done */
	}
	if ((r = um_gz_end(g, err, errlen)) != 0)
		goto out;
	out[len] = 0;
	*ret = out;
	*ret_len = len;
	out = NULL;
out:
	free(out);
	um_gz_free(g);
	return r;
}
