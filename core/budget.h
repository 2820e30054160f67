/* A budget of memory shared by worker threads (budget.c): each takes
 * what its document needs, waiting for room in the order asked, and gives
 * it back. */
#ifndef UM_BUDGET_H
#define UM_BUDGET_H

#include <pthread.h>
#include <stddef.h>

struct budget {
	pthread_mutex_t lock;
	pthread_cond_t room;
	size_t limit;
	size_t used;
	unsigned long next_ticket;   /* handed out in the order asked */
	unsigned long serving;       /* the ticket whose turn it is */
};

void budget_init(struct budget *b, size_t limit);
void budget_destroy(struct budget *b);
/* Waits until every earlier caller has taken its share and n fits beside
 * what is taken (or nothing is), then takes n. n may exceed the limit: it
 * is then taken alone. */
void budget_take(struct budget *b, size_t n);
/* Gives back n of what a caller took (all of it or a part). */
void budget_give(struct budget *b, size_t n);

#endif
