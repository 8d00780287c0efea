/* unit-deadline.c - the deadline worker on reads that come back and on
 * reads that never do: an open of a FIFO nobody writes blocks in the
 * kernel as a read behind a held lock would.  Checks the deadline, the
 * rest of a target that missed it, fresh workers for other targets, the
 * cap on stuck workers, and that a worker that comes back is joined. */
#include "config.h"
#include "deadline.h"
#include "test.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int main(void)
{
	char dir[] = "/tmp/unit-deadline-XXXXXX", fifo[64], file[64], buf[64];
	unsigned long long reads, missed;
	unsigned stuck;
	int fd, wfd;
	double t0;

	CHECK(mkdtemp(dir) != NULL);
	snprintf(fifo, sizeof(fifo), "%s/fifo", dir);
	snprintf(file, sizeof(file), "%s/file", dir);
	CHECK_INT(mkfifo(fifo, 0600), 0);
	fd = open(file, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	CHECK(fd >= 0 && write(fd, "hello", 5) == 5);
	close(fd);

	/* a read that comes back: by path, and by fd at an offset */
	CHECK_INT(deadline_pread(100, AT_FDCWD, file, -1, buf, sizeof(buf), 0), 5);
	CHECK_STR(buf, "hello");
	fd = open(file, O_RDONLY);
	CHECK_INT(deadline_pread(100, AT_FDCWD, NULL, fd, buf, 3, 1), 2);
	CHECK_STR(buf, "el");
	close(fd);
	CHECK_INT(deadline_pread(100, AT_FDCWD, "/nonexistent/x", -1, buf, sizeof(buf), 0), -1);
	CHECK_INT(errno, ENOENT);
	CHECK(!deadline_resting(100, NULL));

	/* one that does not: ETIMEDOUT after DEADLINE_READ_S, then pid 200 rests */
	t0 = util_mono_s();
	CHECK_INT(deadline_pread(200, AT_FDCWD, fifo, -1, buf, sizeof(buf), 0), -1);
	CHECK_INT(errno, ETIMEDOUT);
	CHECK(util_mono_s() - t0 >= DEADLINE_READ_S * 0.9 && util_mono_s() - t0 < 2);
	CHECK(deadline_resting(200, NULL));
	t0 = util_mono_s();
	CHECK_INT(deadline_pread(200, AT_FDCWD, file, -1, buf, sizeof(buf), 0), -1);
	CHECK_INT(errno, EAGAIN);
	CHECK(util_mono_s() - t0 < 0.1); /* refused at once */
	/* another target is served by a fresh worker */
	CHECK_INT(deadline_pread(300, AT_FDCWD, file, -1, buf, sizeof(buf), 0), 5);
	deadline_stats(&reads, &missed, &stuck);
	CHECK_INT(missed, 1);
	CHECK_INT(stuck, 1);

	/* at most DEADLINE_MAX_STUCK workers out: then every read is refused */
	for (int pid = 201; pid < 200 + DEADLINE_MAX_STUCK; pid++)
		CHECK_INT(deadline_pread(pid, AT_FDCWD, fifo, -1, buf, sizeof(buf), 0), -1);
	deadline_stats(NULL, NULL, &stuck);
	CHECK_INT(stuck, DEADLINE_MAX_STUCK);
	CHECK_INT(deadline_pread(400, AT_FDCWD, file, -1, buf, sizeof(buf), 0), -1);
	CHECK_INT(errno, EAGAIN);

	/* a writer frees the stuck opens: their workers are joined, the
	 * targets still rest until their backoff ends */
	wfd = open(fifo, O_WRONLY);
	CHECK(wfd >= 0);
	close(wfd);
	for (int i = 0; i < 100; i++) {
		deadline_stats(NULL, NULL, &stuck);
		if (stuck == 0)
			break;
		usleep(20 * 1000);
	}
	CHECK_INT(stuck, 0);
	CHECK(deadline_resting(200, NULL));
	CHECK_INT(deadline_pread(400, AT_FDCWD, file, -1, buf, sizeof(buf), 0), 5);
	deadline_shutdown();

	unlink(fifo);
	unlink(file);
	rmdir(dir);
	return test_done("unit-deadline");
}
