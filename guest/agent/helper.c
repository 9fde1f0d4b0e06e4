/* Slow work in a child process: removing a container's files, listing its processes, writing
 * its diff. That work grows with what the container made, so it runs where it can neither hold
 * up the loop nor, should it fail, take the agent down. The child writes its reply record to a
 * pipe; the agent sends it once the child has exited with status 0, else an Internal error. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "agent.h"

struct helper {
  uint32_t req; /* 0: nobody waits for the reply */
  char what[64];
  struct out got;
  int eof, too_big;
};

static void helper_finish(struct pending *w) {
  struct helper *h = w->ctx;
  int ok = WIFEXITED(w->status) && WEXITSTATUS(w->status) == 0 && !h->too_big;
  if (h->req && ok) {
    send_frame(F_REPLY, 0, h->req, h->got.buf, h->got.len);
  } else if (h->req) {
    char why[64];
    if (h->too_big) snprintf(why, sizeof why, "its reply was over %d bytes", FRAME_MAX);
    else if (WIFSIGNALED(w->status)) snprintf(why, sizeof why, "killed by signal %d", WTERMSIG(w->status));
    else snprintf(why, sizeof why, "exit status %d", WEXITSTATUS(w->status));
    send_error(h->req, "Internal", "%s failed: %s", h->what, why);
  }
  out_free(&h->got);
  free(h);
  pending_free(w);
}

static void helper_step(struct pending *w, enum pending_why why, short revents) {
  struct helper *h = w->ctx;
  (void)revents;
  if (why == PENDING_READY) {
    uint8_t buf[16384];
    ssize_t n = read(w->fd, buf, sizeof buf);
    if (n < 0 && (errno == EAGAIN || errno == EINTR)) return;
    if (n > 0 && h->got.len + (size_t)n <= FRAME_MAX) {
      if (h->got.len + (size_t)n > h->got.cap) h->got.buf = realloc(h->got.buf, h->got.cap = (h->got.len + (size_t)n) * 2);
      memcpy(h->got.buf + h->got.len, buf, (size_t)n);
      h->got.len += (size_t)n;
    } else if (n > 0) {
      h->too_big = 1;
    }
    if (n > 0) return;
    close(w->fd);
    w->fd = -1;
    h->eof = 1;
  }
  if (h->eof && w->exited) helper_finish(w);
}

int helper_start(uint32_t req, const char *what, helper_fn fn, void *ctx) {
  struct helper *h = calloc(1, sizeof *h);
  struct pending *w = pending_new(helper_step, h);
  int p[2] = {-1, -1};
  pid_t pid = -1;
  if (w && pipe2(p, O_CLOEXEC) == 0 && (pid = fork()) == 0) {
    /* Only the pipe: a helper holding another process's stdin would keep it from its end. */
    close_other_fds(&p[1], 1);
    struct out reply = {0};
    fn(ctx, &reply);
    _exit(write_all(p[1], reply.buf, reply.len) < 0 ? 1 : 0);
  }
  if (pid < 0) {
    if (req && !w) send_error(req, "Unavailable", BUSY, MAX_PENDING);
    else if (req) send_error(req, "Internal", "%s: %s", what, errtext(errno));
    if (p[0] >= 0) close(p[0]), close(p[1]);
    if (w) pending_free(w);
    free(h);
    return -1;
  }
  close(p[1]);
  set_nonblock(p[0]);
  h->req = req;
  snprintf(h->what, sizeof h->what, "%s", what);
  w->fd = p[0];
  w->events = POLLIN;
  w->pid = pid;
  return 0;
}
