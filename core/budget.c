/*
 * A budget of memory for the documents being annotated at once. Tickets
 * keep the order in which workers ask, so that a large document waiting
 * for room is not passed by small ones for ever; one that needs more than
 * the whole budget waits until nothing is taken and then runs alone.
 */
#include "budget.h"

void budget_init(struct budget *b, size_t limit)
{
	pthread_mutex_init(&b->lock, NULL);
	pthread_cond_init(&b->room, NULL);
	b->limit = limit;
	b->used = 0;
	b->next_ticket = 0;
	b->serving = 0;
}

void budget_destroy(struct budget *b)
{
	pthread_mutex_destroy(&b->lock);
	pthread_cond_destroy(&b->room);
}

void budget_take(struct budget *b, size_t n)
{
	unsigned long ticket;
	pthread_mutex_lock(&b->lock);
	ticket = b->next_ticket++;
	while (ticket != b->serving ||
	       (b->used && (b->used > b->limit || n > b->limit - b->used)))
		pthread_cond_wait(&b->room, &b->lock);
	b->serving++;
	b->used += n;
	/* the next ticket may fit too */
	pthread_cond_broadcast(&b->room);
	pthread_mutex_unlock(&b->lock);
}

void budget_give(struct budget *b, size_t n)
{
	pthread_mutex_lock(&b->lock);
	b->used -= n;
	pthread_cond_broadcast(&b->room);
	pthread_mutex_unlock(&b->lock);
}
