/* base/sig.c: SIGINT, SIGTERM and SIGHUP set a flag the tools poll between work items. */
#include <signal.h>
#include <string.h>

#include "base/sig.h"

volatile sig_atomic_t interrupted;

static void
onsig(int sig)
{
	interrupted = sig;
}

void
sig_init(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = onsig;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
}
