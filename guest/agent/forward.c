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
#include <sys/time.h>
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

/* The agent is one thread: a connect may wait this long (a listener's queue full), no more. */
static void bound_connect_wait(int fd) {
  struct timeval t = {.tv_sec = 5};
  setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &t, sizeof t);
}

/* A UNIX socket's connection, or -1 with errno. */
static int dial_unix(const char *path) {
  struct sockaddr_un sa = {.sun_family = AF_UNIX};
  if (strlen(path) >= sizeof sa.sun_path) return errno = ENAMETOOLONG, -1;
  strcpy(sa.sun_path, path);
  int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd >= 0) bound_connect_wait(fd);
  if (fd >= 0 && connect(fd, (struct sockaddr *)&sa, sizeof sa) < 0) {
    int saved = errno;
    close(fd);
    return errno = saved, -1;
  }
  return fd;
}

void op_forward(uint32_t req, const struct record *r) {
  uint32_t stream = (uint32_t)rec_long(r, "stream", 0);
  char *address = rec_get(r, "address", 0), *id = rec_get(r, "id", 0), *path = rec_get(r, "path", 0);
  long port = rec_long(r, "port", 0);
  struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
  int netns = -1, fd = -1;
  struct proc *p = NULL;
  if (path) {
    if (proc_find(stream)) send_error(req, "Conflict", "stream %u is in use", stream);
    else if (!(p = proc_new(stream))) send_error(req, "Unavailable", NO_ROOM, MAX_PROCS);
    else if ((fd = dial_unix(path)) < 0) send_error(req, "Unavailable", "dial unix %s: connect: %s", path, errtext(errno));
    if (fd >= 0) goto connected;
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
  /* The slot first: a full table must say so, not be found full once connected. */
  if (!(p = proc_new(stream))) {
    send_error(req, "Unavailable", NO_ROOM, MAX_PROCS);
    goto out;
  }
  if (id && *id) {
    pid_t init = valid_name(id) ? container_init_pid(id) : 0;
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/ns/net", init);
    if (!init || (netns = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
      send_error(req, "Conflict", "container %s is not running", id);
      goto out;
    }
    /* A socket stays in the namespace it was made in: make it there, then come home. */
    setns(netns, CLONE_NEWNET);
  }
  fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (netns >= 0) setns(self_netns, CLONE_NEWNET);
  if (fd >= 0) bound_connect_wait(fd);
  if (fd < 0 || connect(fd, (struct sockaddr *)&sa, sizeof sa) < 0) {
    send_error(req, "Unavailable", "dial tcp %s:%ld: connect: %s", address, port, errtext(errno));
    if (fd >= 0) close(fd);
    goto out;
  }
connected:
  set_nonblock(fd);
  p->is_forward = 1;
  p->fds[0] = p->fds[1] = fd;
  p->credit = (uint32_t)rec_long(r, "window", 256 * 1024);
  /* A connection has no process: it has "exited" once both directions are done. */
  p->exited = 1;
  send_ok(req, NULL);
  uint8_t c[4] = {STDIN_WINDOW & 0xff, (STDIN_WINDOW >> 8) & 0xff, (STDIN_WINDOW >> 16) & 0xff, 0};
  send_frame(F_CREDIT, 0, stream, c, 4);
  p = NULL;
out:
  if (p) proc_free(p);
  if (netns >= 0) close(netns);
  free(address);
  free(id);
  free(path);
}
