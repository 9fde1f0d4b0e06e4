/* Operations that wait: for a descriptor, a deadline or a child's exit. The agent is one thread
 * with one poll loop, so nothing in it may block: an operation that has to wait registers here
 * and the loop calls it back when what it waits for happens. poll sleeps until the nearest
 * deadline at most. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "agent.h"

static struct pending table[MAX_PENDING];
/* What each of the last pending_poll_fds entries belongs to. */
static struct {
  struct pending *w;
  unsigned gen;
} polled[MAX_PENDING];

struct pending *pending_new(pending_fn step, void *ctx) {
  for (int i = 0; i < MAX_PENDING; i++) {
    if (table[i].used) continue;
    unsigned gen = table[i].gen + 1;
    memset(&table[i], 0, sizeof table[i]);
    table[i] = (struct pending){.used = 1, .gen = gen, .fd = -1, .step = step, .ctx = ctx};
    return &table[i];
  }
  return NULL;
}

void pending_free(struct pending *w) { w->used = 0; }

int pending_poll_fds(struct pollfd *pfd) {
  int n = 0;
  for (int i = 0; i < MAX_PENDING; i++) {
    struct pending *w = &table[i];
    if (!w->used || w->fd < 0) continue;
    pfd[n] = (struct pollfd){.fd = w->fd, .events = w->events};
    polled[n].w = w;
    polled[n++].gen = w->gen;
  }
  return n;
}

int pending_timeout(long long now) {
  long long next = -1;
  for (int i = 0; i < MAX_PENDING; i++)
    if (table[i].used && table[i].deadline && (next < 0 || table[i].deadline < next)) next = table[i].deadline;
  if (next < 0) return -1;
  return next <= now ? 0 : next - now > 60000 ? 60000 : (int)(next - now);
}

void pending_events(const struct pollfd *pfd, int n) {
  for (int i = 0; i < n; i++) {
    struct pending *w = polled[i].w;
    /* An earlier step may have ended this one, or ended it and begun another in its slot. */
    if (!pfd[i].revents || !w->used || w->gen != polled[i].gen || w->fd != pfd[i].fd) continue;
    w->step(w, PENDING_READY, pfd[i].revents);
  }
}

void pending_expire(long long now) {
  for (int i = 0; i < MAX_PENDING; i++) {
    struct pending *w = &table[i];
    if (w->used && w->deadline && w->deadline <= now) {
      w->deadline = 0;
      w->step(w, PENDING_EXPIRED, 0);
    }
  }
}

int pending_child_exited(pid_t pid, int status) {
  for (int i = 0; i < MAX_PENDING; i++) {
    struct pending *w = &table[i];
    if (!w->used || w->pid != pid) continue;
    w->pid = 0;
    w->exited = 1;
    w->status = status;
    w->step(w, PENDING_EXITED, 0);
    return 1;
  }
  return 0;
}
