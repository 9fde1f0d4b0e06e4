/* run: a process in the guest itself, the Docker host, outside any container: what a learner
 * would see typing the command at the host's prompt (lesson checks ask the host, not a
 * container). Same record as exec, without an id; privileged unless told otherwise. spawn is the
 * same process, always privileged: the yardstick for what a container costs (bench/runtime.ts). */
#include <string.h>
#include <unistd.h>
#include "agent.h"

static void run_child(void *arg, int sync_fd, int errfd, int sock, int stdio[3]) {
  char b;
  if (read(sync_fd, &b, 1) != 1) _exit(126);
  spawn_finish(arg, stdio, errfd, sock);
}

static void run_process(uint32_t req, const struct record *r, int privileged) {
  struct spawn s;
  memset(&s, 0, sizeof s);
  spawn_read(&s, r);
  s.pidns = -2;
  s.privileged = privileged;
  spawn_reply(req, (uint32_t)rec_long(r, "stream", 0), "", 0, &s, run_child, &s);
  spawn_free(&s);
}

void op_run(uint32_t req, const struct record *r) { run_process(req, r, (int)rec_long(r, "privileged", 1)); }

void op_spawn(uint32_t req, const struct record *r) { run_process(req, r, 1); }
