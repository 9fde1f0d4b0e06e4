/* listen: sockets in the guest that the engine answers (the `docker` shim's, the Engine API's at
 * /var/run/docker.sock and tcp 2375). The agent owns them, in its own namespaces; each connection
 * it accepts becomes a stream it numbers itself, announced with F_ACCEPT and carried like a
 * forward's (engine -> guest on channel 0, guest -> engine on channel 1). A listener is a UNIX
 * socket ("path") or a TCP one ("address" and "port"). */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <libgen.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>
#include "agent.h"

#define OUTPUT_WINDOW (256 * 1024) /* output the engine takes at first: a forward's default */
/* The kernel completes this many connections before the agent accepts them: a burst of clients
 * (docker -H tcp://docker:2375 many at once, the agent's own dials to its listeners among them)
 * waits in the queue, not in connect's retries, until the loop comes round to accept. */
#define BACKLOG 4096

static struct listener {
  char name[64];
  char path[sizeof ((struct sockaddr_un *)0)->sun_path]; /* "" for a TCP listener */
  int fd; /* -1: a free slot */
} listeners[MAX_LISTENERS] = {[0 ... MAX_LISTENERS - 1] = {.fd = -1}};

static struct listener *find(const char *name) {
  for (int i = 0; i < MAX_LISTENERS; i++)
    if (listeners[i].fd >= 0 && !strcmp(listeners[i].name, name)) return &listeners[i];
  return NULL;
}

/* A listening UNIX socket at path that anyone may connect to; -1 with errno when it fails. */
static int unix_listener(const char *path) {
  struct sockaddr_un sa = {.sun_family = AF_UNIX};
  strcpy(sa.sun_path, path);
  char dir[sizeof sa.sun_path];
  strcpy(dir, path);
  mkdir_p(dirname(dir), 0755);
  unlink(path); /* a stale socket, from an agent before us */
  int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd < 0) return -1;
  if (bind(fd, (struct sockaddr *)&sa, sizeof sa) < 0 || chmod(path, 0666) < 0 || listen(fd, BACKLOG) < 0) {
    int saved = errno;
    close(fd);
    return errno = saved, -1;
  }
  return fd;
}

static int tcp_listener(const struct sockaddr_in *sa) {
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0), on = 1;
  if (fd < 0) return -1;
  /* A new agent rebinds at once, whatever its predecessor's connections left in TIME_WAIT. */
  setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
  if (bind(fd, (const struct sockaddr *)sa, sizeof *sa) < 0 || listen(fd, BACKLOG) < 0) {
    int saved = errno;
    close(fd);
    return errno = saved, -1;
  }
  return fd;
}

void op_listen(uint32_t req, const struct record *r) {
  char *name = rec_get(r, "name", 0), *path = rec_get(r, "path", 0), *address = rec_get(r, "address", 0);
  long port = rec_long(r, "port", 0);
  struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
  int tcp = !path && address;
  struct listener *l = name ? find(name) : NULL;
  for (int i = 0; i < MAX_LISTENERS && !l; i++)
    if (listeners[i].fd < 0) l = &listeners[i];
  int fd = -1;
  if (!name || !*name || strlen(name) >= sizeof listeners[0].name)
    send_error(req, "InvalidParameter", "listen needs a name");
  else if (!tcp && (!path || path[0] != '/' || strlen(path) >= sizeof listeners[0].path))
    send_error(req, "InvalidParameter", "listen needs an absolute socket path, or an address and a port");
  else if (tcp && (inet_pton(AF_INET, address, &sa.sin_addr) != 1 || port <= 0 || port > 65535))
    send_error(req, "InvalidParameter", "invalid address %s:%ld", address, port);
  else if (!l)
    send_error(req, "Conflict", "the agent holds %d listeners already", MAX_LISTENERS);
  else {
    /* A TCP listener under this name goes first: its port is likely the one to bind again. */
    if (tcp && l->fd >= 0 && !*l->path) {
      close(l->fd);
      l->fd = -1;
    }
    if ((fd = tcp ? tcp_listener(&sa) : unix_listener(path)) < 0) {
      if (tcp) send_error(req, "Internal", "listen tcp %s:%ld: %s", address, port, errtext(errno));
      else send_error(req, "Internal", "listen unix %s: %s", path, errtext(errno));
    } else {
      /* The same name again: the old socket goes once the new one listens. */
      if (l->fd >= 0) {
        close(l->fd);
        if (*l->path && (tcp || strcmp(l->path, path))) unlink(l->path);
      }
      strcpy(l->name, name);
      strcpy(l->path, tcp ? "" : path);
      l->fd = fd;
      send_ok(req, NULL);
    }
  }
  free(name);
  free(path);
  free(address);
}

void op_unlisten(uint32_t req, const struct record *r) {
  char *name = rec_get(r, "name", 0);
  struct listener *l = name ? find(name) : NULL;
  if (l) {
    close(l->fd);
    l->fd = -1;
    if (*l->path) unlink(l->path);
  }
  send_ok(req, NULL);
  free(name);
}

void listen_poll_fds(struct pollfd *pfd, int *n) {
  for (int i = 0; i < MAX_LISTENERS; i++)
    if (listeners[i].fd >= 0) pfd[(*n)++] = (struct pollfd){.fd = listeners[i].fd, .events = POLLIN};
}

/* The agent's ids have the top bit set; the engine's never do. */
static uint32_t new_stream_id(void) {
  static uint32_t counter;
  uint32_t id;
  do id = 0x80000000u | (counter++ & 0x7fffffffu);
  while (proc_find(id));
  return id;
}

static void accept_one(struct listener *l, int fd) {
  struct proc *p = proc_accepted() < MAX_ACCEPTED ? proc_new(new_stream_id()) : NULL;
  if (!p) {
    close(fd);
    return;
  }
  p->is_forward = p->both_ways = 1;
  p->fds[0] = p->fds[1] = fd;
  p->credit = OUTPUT_WINDOW;
  p->exited = 1; /* no process: it is done when both directions are */
  struct out o = {0};
  out_str(&o, "listener", l->name);
  send_record(F_ACCEPT, p->id, &o);
  uint8_t c[4] = {STDIN_WINDOW & 0xff, (STDIN_WINDOW >> 8) & 0xff, (STDIN_WINDOW >> 16) & 0xff, 0};
  send_frame(F_CREDIT, 0, p->id, c, 4);
}

void listen_ready(int fd) {
  struct listener *l = NULL;
  for (int i = 0; i < MAX_LISTENERS && !l; i++)
    if (listeners[i].fd == fd) l = &listeners[i];
  if (!l) return;
  int c;
  while ((c = accept4(fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC)) >= 0) accept_one(l, c);
}
