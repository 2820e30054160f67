/* A shared object that is not a plugin: it exports no entry symbol. */
int tp_noentry_answer(void);
int tp_noentry_answer(void)
{
	return 42;
}
