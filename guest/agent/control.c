/* Signals, terminal sizes, pause and unpause. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
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

#define FREEZE_MS 2000
#define FREEZE_RECHECK_MS 20

struct freeze {
  uint32_t req;
  int frozen;
  long long until;
  char id[80];
};

/* cgroup.events says whether every task has stopped (or all run again). */
static int freeze_done(int events, int frozen) {
  char buf[256];
  ssize_t n = pread(events, buf, sizeof buf - 1, 0);
  buf[n < 0 ? 0 : n] = 0;
  return strstr(buf, frozen ? "frozen 1" : "frozen 0") != NULL;
}

static void freeze_step(struct pending *w, enum pending_why why, short revents) {
  struct freeze *f = w->ctx;
  (void)why, (void)revents;
  long long now = now_ms();
  if (freeze_done(w->fd, f->frozen)) {
    send_ok(f->req, NULL);
  } else if (now >= f->until) {
    send_error(f->req, "Internal", "container %s did not %s within 2 s", f->id, f->frozen ? "freeze" : "thaw");
  } else {
    w->deadline = now + FREEZE_RECHECK_MS < f->until ? now + FREEZE_RECHECK_MS : f->until;
    return;
  }
  close(w->fd);
  pending_free(w);
  free(f);
}

/* The freeze is asynchronous: the loop waits for cgroup.events to say it is done, woken by its
 * change (POLLPRI) or, at worst, a short timer. */
static void freeze(uint32_t req, const struct record *r, int frozen) {
  char *id = rec_get(r, "id", 0), path[256];
  struct freeze *f = NULL;
  struct pending *w = NULL;
  int events = -1;
  if (!valid_name(id)) {
    send_error(req, "InvalidParameter", "invalid container id");
    goto out;
  }
  cgroup_path(path, sizeof path, id, "cgroup.freeze");
  if (write_file(path, frozen ? "1" : "0") < 0) {
    send_error(req, errno == ENOENT ? "NotFound" : "Internal", "no such container: %s", id);
    goto out;
  }
  cgroup_path(path, sizeof path, id, "cgroup.events");
  if ((events = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
    send_error(req, "Internal", "reading %s: %s", path, errtext(errno));
    goto out;
  }
  if (freeze_done(events, frozen)) {
    send_ok(req, NULL);
    goto out;
  }
  if (!(f = malloc(sizeof *f)) || !(w = pending_new(freeze_step, f))) {
    send_error(req, "Unavailable", BUSY, MAX_PENDING);
    goto out;
  }
  *f = (struct freeze){.req = req, .frozen = frozen, .until = now_ms() + FREEZE_MS};
  snprintf(f->id, sizeof f->id, "%s", id);
  w->fd = events;
  w->events = POLLPRI;
  w->deadline = now_ms() + FREEZE_RECHECK_MS;
  events = -1;
  f = NULL;
out:
  if (events >= 0) close(events);
  free(f);
  free(id);
}

void op_pause(uint32_t req, const struct record *r) { freeze(req, r, 1); }

void op_unpause(uint32_t req, const struct record *r) { freeze(req, r, 0); }
