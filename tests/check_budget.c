/* Tests: the memory budget that worker threads share (core/budget.c). */
#include <check.h>
#include <pthread.h>
#include <time.h>

#include "budget.h"
#include "suites.h"

static void pause_ms(long ms)
{
	struct timespec t = { ms / 1000, (ms % 1000) * 1000000L };
	nanosleep(&t, NULL);
}

/* Waits (up to 10 s) until n tickets are handed out: the threads started
 * have asked. */
static void wait_tickets(struct budget *b, unsigned long n)
{
	for (int i = 0; i < 10000; i++) {
		unsigned long t;
		pthread_mutex_lock(&b->lock);
		t = b->next_ticket;
		pthread_mutex_unlock(&b->lock);
		if (t >= n)
			return;
		pause_ms(1);
	}
	ck_abort_msg("a thread never asked");
}

/* How many threads' takes have returned. */
struct log {
	struct budget *b;
	pthread_mutex_t lock;
	int n;
};

struct taker {
	struct log *log;
	size_t amount;
	size_t seen;       /* taken in all, this one's too, when it returned */
};

static void *take_and_note(void *arg)
{
	struct taker *t = arg;
	budget_take(t->log->b, t->amount);
	pthread_mutex_lock(&t->log->b->lock);
	t->seen = t->log->b->used;
	pthread_mutex_unlock(&t->log->b->lock);
	pthread_mutex_lock(&t->log->lock);
	t->log->n++;
	pthread_mutex_unlock(&t->log->lock);
	return NULL;
}

static int noted(struct log *log)
{
	int n;
	pthread_mutex_lock(&log->lock);
	n = log->n;
	pthread_mutex_unlock(&log->lock);
	return n;
}

/* Starts a thread that takes for t, waits until it has asked (the
 * tickets handed out reach tickets) and checks, a little later, that it
 * is still waiting. */
static void start_waiting(pthread_t *thread, struct taker *t,
                          unsigned long tickets)
{
	ck_assert_int_eq(pthread_create(thread, NULL, take_and_note, t), 0);
	wait_tickets(t->log->b, tickets);
	pause_ms(50);
	ck_assert_int_eq(noted(t->log), 0);
}

START_TEST(takes_within_the_limit_do_not_wait)
{
	struct budget b;
	budget_init(&b, 100);
	budget_take(&b, 40);
	budget_take(&b, 60);
	ck_assert_uint_eq(b.used, 100);
	budget_give(&b, 60);
	budget_give(&b, 40);
	ck_assert_uint_eq(b.used, 0);
	/* more than the limit, with nothing taken: alone */
	budget_take(&b, 150);
	ck_assert_uint_eq(b.used, 150);
	budget_give(&b, 150);
	budget_destroy(&b);
}
END_TEST

/* A take that does not fit waits until enough is given back; a smaller
 * one asked after it waits behind it though it would fit at once. */
START_TEST(takes_wait_for_room_in_order)
{
	struct budget b;
	struct log log = { &b, PTHREAD_MUTEX_INITIALIZER, 0 };
	struct taker big = { &log, 60, 0 }, small = { &log, 10, 0 };
	pthread_t t1, t2;
	budget_init(&b, 100);
	budget_take(&b, 60);
	start_waiting(&t1, &big, 2);        /* 60 + 60 > 100 */
	start_waiting(&t2, &small, 3);      /* behind the big one */
	budget_give(&b, 60);
	ck_assert_int_eq(pthread_join(t1, NULL), 0);
	ck_assert_int_eq(pthread_join(t2, NULL), 0);
	ck_assert_int_eq(log.n, 2);
	/* the small one had its turn after the big one took: 60 + 10 */
	ck_assert_uint_eq(small.seen, 70);
	ck_assert_uint_ge(big.seen, 60);
	ck_assert_uint_eq(b.used, 70);
	budget_give(&b, 70);
	budget_destroy(&b);
}
END_TEST

/* Giving back part of a take lets a waiting one in. */
START_TEST(part_given_back_makes_room)
{
	struct budget b;
	struct log log = { &b, PTHREAD_MUTEX_INITIALIZER, 0 };
	struct taker other = { &log, 50, 0 };
	pthread_t t;
	budget_init(&b, 100);
	budget_take(&b, 100);
	start_waiting(&t, &other, 2);
	budget_give(&b, 50);
	ck_assert_int_eq(pthread_join(t, NULL), 0);
	ck_assert_int_eq(log.n, 1);
	ck_assert_uint_eq(other.seen, 100);
	ck_assert_uint_eq(b.used, 100);
	budget_give(&b, 100);
	budget_destroy(&b);
}
END_TEST

Suite *budget_suite(void)
{
	Suite *s = suite_create("budget");
	TCase *tc = tcase_create("budget");
	tcase_add_test(tc, takes_within_the_limit_do_not_wait);
	tcase_add_test(tc, takes_wait_for_room_in_order);
	tcase_add_test(tc, part_given_back_makes_room);
	suite_add_tcase(s, tc);
	return s;
}
