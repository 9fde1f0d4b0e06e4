/* Processes the engine started and their streams. Output is read only while the engine has
 * granted credit for it, so a process that prints forever fills its own pipe and blocks
 * instead of growing memory or starving the others; stdin is buffered up to a window the
 * engine respects, and each byte written to the process is credited back. */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>
#include "agent.h"

#define READ_CHUNK (16 * 1024)

struct proc procs[MAX_PROCS];

struct proc *proc_new(uint32_t id) {
  for (int i = 0; i < MAX_PROCS; i++) {
    if (procs[i].used) continue;
    unsigned gen = procs[i].gen + 1;
    memset(&procs[i], 0, sizeof procs[i]);
    procs[i].used = 1;
    procs[i].gen = gen;
    procs[i].id = id;
    procs[i].fds[0] = procs[i].fds[1] = procs[i].fds[2] = -1;
    return &procs[i];
  }
  return NULL;
}

int proc_accepted(void) {
  int n = 0;
  for (int i = 0; i < MAX_PROCS; i++) n += procs[i].used && procs[i].both_ways;
  return n;
}

struct proc *proc_find(uint32_t id) {
  for (int i = 0; i < MAX_PROCS; i++)
    if (procs[i].used && procs[i].id == id) return &procs[i];
  return NULL;
}

struct proc *proc_init_of(const char *container) {
  for (int i = 0; i < MAX_PROCS; i++)
    if (procs[i].used && procs[i].init && !procs[i].exited && !strcmp(procs[i].container, container)) return &procs[i];
  return NULL;
}

struct proc *proc_by_pid(pid_t pid) {
  for (int i = 0; i < MAX_PROCS; i++)
    if (procs[i].used && procs[i].pid == pid && !procs[i].exited) return &procs[i];
  return NULL;
}

static void close_fd(struct proc *p, int which) {
  int fd = p->fds[which];
  if (fd < 0) return;
  p->fds[which] = -1;
  /* A tty or a socket serves two slots with one descriptor. */
  for (int i = 0; i < 3; i++)
    if (p->fds[i] == fd) return;
  close(fd);
}

void proc_free(struct proc *p) {
  for (int i = 0; i < 3; i++) close_fd(p, i);
  free(p->inbuf);
  p->used = 0;
}

/* What each of the last proc_poll_fds entries belongs to. */
static struct {
  struct proc *p;
  unsigned gen;
  int which;
} polled[MAX_PROCS * 3];

int proc_poll_fds(struct pollfd *pfd, int output) {
  int n = 0;
  for (int i = 0; i < MAX_PROCS; i++) {
    struct proc *p = &procs[i];
    if (!p->used) continue;
    for (int w = 1; w <= 2; w++) {
      if (!output || p->fds[w] < 0 || p->credit == 0) continue;
      pfd[n] = (struct pollfd){.fd = p->fds[w], .events = POLLIN};
      polled[n].p = p;
      polled[n].gen = p->gen;
      polled[n++].which = w;
    }
    if (p->fds[0] >= 0 && p->inlen > 0) {
      pfd[n] = (struct pollfd){.fd = p->fds[0], .events = POLLOUT};
      polled[n].p = p;
      polled[n].gen = p->gen;
      polled[n++].which = 0;
    }
  }
  return n;
}

void proc_events(const struct pollfd *pfd, int n) {
  for (int i = 0; i < n; i++) {
    struct proc *p = polled[i].p;
    /* An earlier handler may have freed this process (its exit was reported), and a request
     * may have given the slot, even the same descriptor number, to a new one. */
    if (!pfd[i].revents || !p->used || p->gen != polled[i].gen || p->fds[polled[i].which] != pfd[i].fd) continue;
    proc_ready(p, polled[i].which, pfd[i].revents);
  }
}

static void end_output(struct proc *p, int which) {
  close_fd(p, which);
  send_frame(F_DATA, which, p->id, NULL, 0);
  proc_maybe_finish(p);
}

/* The engine's input is over and all written: a connection tells its peer (a half close). */
static void end_input(struct proc *p) {
  if (p->is_forward) shutdown(p->fds[0], SHUT_WR);
  if (p->both_ways || (!p->tty && !p->is_forward)) close_fd(p, 0);
}

static void flush_stdin(struct proc *p) {
  ssize_t n = write(p->fds[0], p->inbuf, p->inlen);
  if (n < 0) {
    if (errno == EAGAIN || errno == EINTR) return;
    /* The reader went away (EPIPE): what is left will never be read. */
    n = (ssize_t)p->inlen;
    close_fd(p, 0);
  }
  memmove(p->inbuf, p->inbuf + n, p->inlen - (size_t)n);
  p->inlen -= (size_t)n;
  uint8_t c[4] = {n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, (n >> 24) & 0xff};
  send_frame(F_CREDIT, 0, p->id, c, 4);
  if (p->inlen == 0 && p->in_eof && p->fds[0] >= 0) end_input(p);
  proc_maybe_finish(p);
}

void proc_ready(struct proc *p, int which, short revents) {
  if (which == 0) {
    if (revents & (POLLERR | POLLHUP)) {
      p->inlen = 0;
      close_fd(p, 0);
      proc_maybe_finish(p);
    } else {
      flush_stdin(p);
    }
    return;
  }
  static uint8_t buf[READ_CHUNK];
  size_t want = p->credit < READ_CHUNK ? p->credit : READ_CHUNK;
  /* The other output took the last of the credit in this round: a read of 0 bytes would say 0,
   * which is a pipe's end of file. Wait for the engine's next credit instead. */
  if (want == 0) return;
  ssize_t n = read(p->fds[which], buf, want);
  if (n > 0) {
    p->credit -= (uint32_t)n;
    send_frame(F_DATA, which, p->id, buf, (size_t)n);
  } else if (n == 0 || (errno != EAGAIN && errno != EINTR)) {
    /* 0 is a pipe's end; a pty master says EIO once every slave is closed. A connection that
     * failed (reset) takes no more input either. */
    if (n < 0 && p->both_ways) {
      p->inlen = 0;
      close_fd(p, 0);
    }
    end_output(p, which);
  }
}

void proc_stdin(struct proc *p, const uint8_t *data, size_t len) {
  if (len == 0) {
    p->in_eof = 1;
    if (p->inlen == 0 && p->fds[0] >= 0) end_input(p);
    proc_maybe_finish(p);
    return;
  }
  if (p->fds[0] < 0) {
    /* Nobody reads any more: take the bytes anyway, so the engine's writer is not left waiting. */
    uint8_t c[4] = {len & 0xff, (len >> 8) & 0xff, (len >> 16) & 0xff, (len >> 24) & 0xff};
    send_frame(F_CREDIT, 0, p->id, c, 4);
    return;
  }
  if (p->inlen + len > STDIN_WINDOW) len = STDIN_WINDOW - p->inlen; /* the engine overran its credit */
  if (!p->inbuf) p->inbuf = malloc(STDIN_WINDOW);
  memcpy(p->inbuf + p->inlen, data, len);
  p->inlen += len;
  flush_stdin(p);
}

void proc_credit(struct proc *p, uint32_t bytes) { p->credit += bytes; }

void proc_maybe_finish(struct proc *p) {
  if (p->starting || !p->exited || p->fds[1] >= 0 || p->fds[2] >= 0) return;
  if (p->both_ways && p->fds[0] >= 0) return; /* the engine's input is not through yet */
  struct out o = {0};
  int code = 0, sig = 0;
  if (WIFEXITED(p->status)) code = WEXITSTATUS(p->status);
  else if (WIFSIGNALED(p->status)) sig = WTERMSIG(p->status), code = 128 + sig;
  out_num(&o, "code", code);
  out_num(&o, "signal", sig);
  if (p->init) out_num(&o, "oomKilled", cgroup_oom_kills(p->container) > p->oom_kills_before);
  send_record(F_EXIT, p->id, &o);
  proc_free(p);
}

void proc_reap(void) {
  int status;
  pid_t pid;
  while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
    struct proc *p = proc_by_pid(pid);
    if (!p) {
      pending_child_exited(pid, status);
      continue;
    }
    p->exited = 1;
    p->status = status;
    /* Now, before a new start of the container can name another: its veth pair goes (its
     * namespace would take it along, but only once every process and socket in it is gone). */
    if (p->init) endpoint_exited(p->container);
    proc_maybe_finish(p);
  }
}
