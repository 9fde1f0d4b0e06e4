/* Signals, terminal sizes, pause and unpause. */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>
#include "agent.h"

/* A process by stream id, else a container's first process by container id. */
static pid_t target(const struct record *r, struct proc **out) {
  struct proc *p = rec_count(r, "stream") ? proc_find((uint32_t)rec_long(r, "stream", 0)) : NULL;
  if (out) *out = p;
  if (p) return p->exited ? 0 : p->pid;
  char *id = rec_get(r, "id", 0);
  pid_t pid = valid_name(id) ? container_init_pid(id) : 0;
  free(id);
  return pid;
}

void op_signal(uint32_t req, const struct record *r) {
  pid_t pid = target(r, NULL);
  int sig = (int)rec_long(r, "signal", SIGKILL);
  if (!pid) send_error(req, "Conflict", "the process is not running");
  else if (kill(pid, sig) < 0) send_error(req, errno == EINVAL ? "InvalidParameter" : "Internal", "kill: %s", errtext(errno));
  else send_ok(req, NULL);
}

void op_resize(uint32_t req, const struct record *r) {
  struct proc *p;
  target(r, &p);
  struct winsize ws = {.ws_row = (unsigned short)rec_long(r, "rows", 24), .ws_col = (unsigned short)rec_long(r, "cols", 80)};
  if (!p || !p->tty || p->fds[1] < 0) send_error(req, "Conflict", "the process has no terminal");
  else if (ioctl(p->fds[1], TIOCSWINSZ, &ws) < 0) send_error(req, "Internal", "resize: %s", errtext(errno));
  else send_ok(req, NULL);
}

void op_freeze(uint32_t req, const struct record *r, int frozen) {
  char *id = rec_get(r, "id", 0), path[256], buf[256];
  if (!valid_name(id)) {
    send_error(req, "InvalidParameter", "invalid container id");
    free(id);
    return;
  }
  cgroup_path(path, sizeof path, id, "cgroup.freeze");
  if (write_file(path, frozen ? "1" : "0") < 0) {
    send_error(req, errno == ENOENT ? "NotFound" : "Internal", "no such container: %s", id);
    free(id);
    return;
  }
  /* The freeze is asynchronous: cgroup.events says when every task has stopped. */
  cgroup_path(path, sizeof path, id, "cgroup.events");
  const char *want = frozen ? "frozen 1" : "frozen 0";
  int done = 0;
  for (int i = 0; i < 500 && !done; i++) {
    done = read_file(path, buf, sizeof buf) > 0 && strstr(buf, want) != NULL;
    if (!done) {
      struct timespec ts = {0, 4 * 1000 * 1000};
      nanosleep(&ts, NULL);
    }
  }
  if (done) send_ok(req, NULL);
  else send_error(req, "Internal", "container %s did not %s within 2 s", id, frozen ? "freeze" : "thaw");
  free(id);
}
