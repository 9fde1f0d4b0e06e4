/* forward: a connection made in the guest and carried as a stream (engine -> guest on channel 0,
 * guest -> engine on channel 1): TCP to an address in the guest or in a container's network
 * (published ports), or to a UNIX socket ("path"; the docker CLI's -H unix://...). A name
 * instead of an address is looked up in the guest's /etc/hosts: the guest has no DNS. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>
#include "agent.h"

/* The first address /etc/hosts gives name, as the C library's "files" lookup would. */
static int hosts_lookup(const char *name, struct in_addr *addr) {
  FILE *f = fopen("/etc/hosts", "re");
  char line[512];
  int found = 0;
  while (f && !found && fgets(line, sizeof line, f)) {
    char *hash = strchr(line, '#'), *save = NULL;
    if (hash) *hash = 0;
    char *ip = strtok_r(line, " \t\n", &save), *alias;
    struct in_addr a;
    if (!ip || inet_pton(AF_INET, ip, &a) != 1) continue;
    while (!found && (alias = strtok_r(NULL, " \t\n", &save)))
      if (!strcasecmp(alias, name)) *addr = a, found = 1;
  }
  if (f) fclose(f);
  return found;
}

/* A connect is waited for this long, in the loop (a listener's queue may be full); a UNIX
 * socket's full queue says EAGAIN at once and is tried again every UNIX_RETRY_MS. */
#define DIAL_MS 5000
#define UNIX_RETRY_MS 20

struct dial {
  uint32_t req;
  struct proc *p;
  int fd;
  struct sockaddr_un un; /* sun_family 0: TCP */
  long long until;
  uint32_t window;
  char what[160]; /* "dial tcp ADDRESS:PORT", "dial unix PATH" */
};

static void connected(uint32_t req, struct proc *p, int fd, uint32_t window) {
  p->is_forward = 1;
  p->fds[0] = p->fds[1] = fd;
  p->credit = window;
  /* A connection has no process: it has "exited" once both directions are done. */
  p->exited = 1;
  p->starting = 0;
  send_ok(req, NULL);
  uint8_t c[4] = {STDIN_WINDOW & 0xff, (STDIN_WINDOW >> 8) & 0xff, (STDIN_WINDOW >> 16) & 0xff, 0};
  send_frame(F_CREDIT, 0, p->id, c, 4);
}

static void dial_done(struct pending *w, int err) {
  struct dial *d = w->ctx;
  if (err) {
    send_error(d->req, "Unavailable", "%s: connect: %s", d->what, errtext(err));
    close(d->fd);
    proc_free(d->p);
  } else {
    connected(d->req, d->p, d->fd, d->window);
  }
  pending_free(w);
  free(d);
}

static void dial_step(struct pending *w, enum pending_why why, short revents) {
  struct dial *d = w->ctx;
  (void)revents;
  int err = 0;
  socklen_t len = sizeof err;
  if (d->un.sun_family) {
    if (connect(d->fd, (struct sockaddr *)&d->un, sizeof d->un) == 0) err = 0;
    else if ((err = errno) == EAGAIN && now_ms() < d->until) {
      w->deadline = now_ms() + UNIX_RETRY_MS;
      return;
    }
  } else if (why == PENDING_EXPIRED) {
    err = ETIMEDOUT;
  } else if (getsockopt(d->fd, SOL_SOCKET, SO_ERROR, &err, &len) < 0) {
    err = errno;
  }
  dial_done(w, err);
}

/* Connects fd (non-blocking) to sa: at once, or later from the loop. */
static void dial(uint32_t req, struct proc *p, int fd, const struct sockaddr *sa, socklen_t salen, uint32_t window,
                 const char *what) {
  if (connect(fd, sa, salen) == 0) {
    connected(req, p, fd, window);
    return;
  }
  int err = errno, is_unix = sa->sa_family == AF_UNIX;
  struct dial *d = NULL;
  struct pending *w = NULL;
  if (err == (is_unix ? EAGAIN : EINPROGRESS) && (d = calloc(1, sizeof *d)) && (w = pending_new(dial_step, d))) {
    *d = (struct dial){.req = req, .p = p, .fd = fd, .until = now_ms() + DIAL_MS, .window = window};
    if (is_unix) memcpy(&d->un, sa, sizeof d->un);
    snprintf(d->what, sizeof d->what, "%s", what);
    w->fd = is_unix ? -1 : fd;
    w->events = POLLOUT;
    w->deadline = is_unix ? now_ms() + UNIX_RETRY_MS : d->until;
    return;
  }
  free(d);
  close(fd);
  proc_free(p);
  if (err == (is_unix ? EAGAIN : EINPROGRESS)) send_error(req, "Unavailable", BUSY, MAX_PENDING);
  else send_error(req, "Unavailable", "%s: connect: %s", what, errtext(err));
}

void op_forward(uint32_t req, const struct record *r) {
  uint32_t stream = (uint32_t)rec_long(r, "stream", 0), window = (uint32_t)rec_long(r, "window", 256 * 1024);
  char *address = rec_get(r, "address", 0), *id = rec_get(r, "id", 0), *path = rec_get(r, "path", 0);
  long port = rec_long(r, "port", 0);
  struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
  struct sockaddr_un un = {.sun_family = AF_UNIX};
  char what[160];
  int netns = -1, fd = -1;
  struct proc *p = NULL;
  if (path) {
    if (strlen(path) >= sizeof un.sun_path) send_error(req, "Unavailable", "dial unix %s: connect: %s", path, errtext(ENAMETOOLONG));
    else if (proc_find(stream)) send_error(req, "Conflict", "stream %u is in use", stream);
    /* The slot first: a full table must say so, not be found full once connected. */
    else if (!(p = proc_new(stream))) send_error(req, "Unavailable", NO_ROOM, MAX_PROCS);
    else if ((fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0)) < 0)
      send_error(req, "Unavailable", "dial unix %s: socket: %s", path, errtext(errno));
    else {
      strcpy(un.sun_path, path);
      snprintf(what, sizeof what, "dial unix %.140s", path);
      p->starting = 1;
      dial(req, p, fd, (struct sockaddr *)&un, sizeof un, window, what);
      p = NULL;
    }
    goto out;
  }
  if (!address || port <= 0 || port > 65535) {
    send_error(req, "InvalidParameter", "invalid address %s:%ld", address ? address : "", port);
    goto out;
  }
  if (inet_pton(AF_INET, address, &sa.sin_addr) != 1 && !hosts_lookup(address, &sa.sin_addr)) {
    send_error(req, "NotFound", "dial tcp: lookup %s: no such host", address);
    goto out;
  }
  if (proc_find(stream)) {
    send_error(req, "Conflict", "stream %u is in use", stream);
    goto out;
  }
  if (!(p = proc_new(stream))) {
    send_error(req, "Unavailable", NO_ROOM, MAX_PROCS);
    goto out;
  }
  if (id && *id) {
    pid_t init = valid_name(id) ? container_init_pid(id) : 0;
    char ns[64];
    snprintf(ns, sizeof ns, "/proc/%d/ns/net", init);
    if (!init || (netns = open(ns, O_RDONLY | O_CLOEXEC)) < 0) {
      send_error(req, "Conflict", "container %s is not running", id);
      goto out;
    }
    /* A socket stays in the namespace it was made in: make it there, then come home. */
    setns(netns, CLONE_NEWNET);
  }
  fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (netns >= 0) setns(self_netns, CLONE_NEWNET);
  if (fd < 0) {
    send_error(req, "Unavailable", "dial tcp %s:%ld: socket: %s", address, port, errtext(errno));
    goto out;
  }
  snprintf(what, sizeof what, "dial tcp %.100s:%ld", address, port);
  p->starting = 1;
  dial(req, p, fd, (struct sockaddr *)&sa, sizeof sa, window, what);
  p = NULL;
out:
  if (p) proc_free(p);
  if (netns >= 0) close(netns);
  free(address);
  free(id);
  free(path);
}
