/* resolver: the socket of Docker's embedded DNS server, udp 127.0.0.11:53 inside a container's
 * network namespace (its resolv.conf names it). The guest kernel has no netfilter for Docker's
 * DNAT to a daemon's socket, so the agent binds the address in the namespace itself, as the
 * endpoint is made, and relays each query to the engine (F_DATAGRAM), which knows the names; its
 * answer comes back as op "datagram". The socket goes when the endpoint does: held open, it
 * would keep the namespace alive. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include "agent.h"

#define RESOLVER_ADDRESS "127.0.0.11"
#define DATAGRAM_MAX 4096 /* a DNS query over UDP is 512 bytes, EDNS's at most a few KiB */

static struct resolver {
  char container[80];
  int fd; /* -1: a free slot */
} resolvers[MAX_RESOLVERS] = {[0 ... MAX_RESOLVERS - 1] = {.fd = -1}};

static struct resolver *find(const char *id) {
  for (int i = 0; i < MAX_RESOLVERS; i++)
    if (resolvers[i].fd >= 0 && !strcmp(resolvers[i].container, id)) return &resolvers[i];
  return NULL;
}

int resolver_open(const char *id, int netns) {
  struct resolver *r = NULL;
  for (int i = 0; i < MAX_RESOLVERS && !r; i++)
    if (resolvers[i].fd < 0) r = &resolvers[i];
  if (!r) return errno = ENFILE, -1;
  resolver_close(id);
  struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons(53)};
  inet_pton(AF_INET, RESOLVER_ADDRESS, &sa.sin_addr);
  if (setns(netns, CLONE_NEWNET) < 0) return -1;
  int fd = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0), on = 1;
  if (setns(self_netns, CLONE_NEWNET) < 0) abort(); /* the agent must not live on in another network */
  if (fd < 0) return -1;
  /* lo is brought up by the container's first process, later: the address is not there yet. */
  setsockopt(fd, IPPROTO_IP, IP_FREEBIND, &on, sizeof on);
  if (bind(fd, (struct sockaddr *)&sa, sizeof sa) < 0) {
    int saved = errno;
    close(fd);
    return errno = saved, -1;
  }
  snprintf(r->container, sizeof r->container, "%s", id);
  r->fd = fd;
  return 0;
}

void resolver_close(const char *id) {
  struct resolver *r = id ? find(id) : NULL;
  if (!r) return;
  close(r->fd);
  r->fd = -1;
}

void resolver_poll_fds(struct pollfd *pfd, int *n) {
  for (int i = 0; i < MAX_RESOLVERS; i++)
    if (resolvers[i].fd >= 0) pfd[(*n)++] = (struct pollfd){.fd = resolvers[i].fd, .events = POLLIN};
}

void resolver_ready(int fd) {
  struct resolver *r = NULL;
  for (int i = 0; i < MAX_RESOLVERS && !r; i++)
    if (resolvers[i].fd == fd) r = &resolvers[i];
  if (!r) return;
  static uint8_t buf[DATAGRAM_MAX];
  struct sockaddr_in from;
  socklen_t fromlen;
  ssize_t n;
  /* Over the channel's high mark the queries wait in the socket (and the client retries). */
  while (channel_queued() < CHANNEL_HIGH && (fromlen = sizeof from, n = recvfrom(fd, buf, sizeof buf, 0, (struct sockaddr *)&from, &fromlen)) >= 0) {
    char address[16];
    inet_ntop(AF_INET, &from.sin_addr, address, sizeof address);
    struct out o = {0};
    out_str(&o, "container", r->container);
    out_str(&o, "address", address);
    out_num(&o, "port", ntohs(from.sin_port));
    out_put(&o, "data", buf, (size_t)n);
    send_record(F_DATAGRAM, 0, &o);
  }
}

/* datagram {container, address, port, data}: an answer sent from the container's resolver socket. */
void op_datagram(uint32_t req, const struct record *r) {
  char *id = rec_get(r, "container", 0), *address = rec_get(r, "address", 0);
  long port = rec_long(r, "port", 0);
  struct resolver *res = id ? find(id) : NULL;
  struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
  size_t pos = 0;
  struct field f = {0};
  int found = 0;
  while (rec_next(r, &pos, &f) == 1)
    if (f.keylen == 4 && !memcmp(f.key, "data", 4)) {
      found = 1;
      break;
    }
  if (!res) send_error(req, "NotFound", "container %s has no resolver", id ? id : "");
  else if (!address || inet_pton(AF_INET, address, &sa.sin_addr) != 1 || port <= 0 || port > 65535 || !found)
    send_error(req, "InvalidParameter", "datagram needs an address, a port and data");
  /* A client gone meanwhile is no error of the engine's: the answer is lost, as UDP's may be. */
  else if (sendto(res->fd, f.val, f.vallen, 0, (struct sockaddr *)&sa, sizeof sa) < 0 && errno != ECONNREFUSED && errno != EAGAIN)
    send_error(req, "Internal", "sending a datagram: %s", errtext(errno));
  else send_ok(req, NULL);
  free(id);
  free(address);
}
