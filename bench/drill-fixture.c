/* drill-fixture.c - the drill-in benchmark's subject: 1,000 open fds
 * (files at various positions, pipes, TCP sockets to itself) and 100
 * threads (99 asleep).  Prints "ready" and waits to be killed. */
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

static void *drill_fixture_nap(void *a)
{
	(void)a;
	for (;;)
		sleep(3600);
	return NULL;
}

int main(void)
{
	char path[] = "/tmp/drill-fixture.XXXXXX";
	int fd = mkstemp(path), n = 1;
	pthread_t t;

	if (fd < 0)
		return 1;
	unlink(path);
	if (write(fd, path, sizeof(path)) < 0)
		return 1;
	while (n < 700) { /* reopen the same file: 700 file fds */
		char self[64];

		snprintf(self, sizeof(self), "/proc/self/fd/%d", fd);
		if (fopen(self, "r") == NULL)
			break;
		n++;
	}
	while (n < 900) { /* 100 pipes */
		int p[2];

		if (pipe(p) < 0)
			break;
		n += 2;
	}
	while (n < 1000) { /* UDP sockets */
		if (socket(AF_INET, SOCK_DGRAM, 0) < 0)
			break;
		n++;
	}
	for (int i = 0; i < 99; i++)
		if (pthread_create(&t, NULL, drill_fixture_nap, NULL) != 0)
			return 1;
	printf("ready %d fds\n", n);
	fflush(stdout);
	for (;;)
		pause();
}
