/* forward: a TCP connection to an address in the guest, or in a container's network, carried
 * as a stream (engine -> guest on channel 0, guest -> engine on channel 1). */
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
#include <unistd.h>
#include "agent.h"

void op_forward(uint32_t req, const struct record *r) {
  uint32_t stream = (uint32_t)rec_long(r, "stream", 0);
  char *address = rec_get(r, "address", 0), *id = rec_get(r, "id", 0);
  long port = rec_long(r, "port", 0);
  struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
  int netns = -1, fd = -1;
  if (!address || inet_pton(AF_INET, address, &sa.sin_addr) != 1 || port <= 0 || port > 65535) {
    send_error(req, "InvalidParameter", "invalid address %s:%ld", address ? address : "", port);
    goto out;
  }
  if (proc_find(stream)) {
    send_error(req, "Conflict", "stream %u is in use", stream);
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
  if (fd < 0 || connect(fd, (struct sockaddr *)&sa, sizeof sa) < 0) {
    send_error(req, "Unavailable", "dial tcp %s:%ld: connect: %s", address, port, errtext(errno));
    if (fd >= 0) close(fd);
    goto out;
  }
  set_nonblock(fd);
  struct proc *p = proc_new(stream);
  p->is_forward = 1;
  p->fds[0] = p->fds[1] = fd;
  p->credit = (uint32_t)rec_long(r, "window", 256 * 1024);
  /* A connection has no process: it has "exited" once both directions are done. */
  p->exited = 1;
  send_ok(req, NULL);
  uint8_t c[4] = {STDIN_WINDOW & 0xff, (STDIN_WINDOW >> 8) & 0xff, (STDIN_WINDOW >> 16) & 0xff, 0};
  send_frame(F_CREDIT, 0, stream, c, 4);
out:
  if (netns >= 0) close(netns);
  free(address);
  free(id);
}
