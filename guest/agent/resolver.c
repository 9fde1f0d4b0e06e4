/* resolver: the sockets of the DNS server a container's resolv.conf names, udp port 53 inside its
 * network namespace: Docker's embedded server at 127.0.0.11 on a user-defined network, and on the
 * default bridge the nameservers Docker falls back to (8.8.8.8, 8.8.4.4), which the offline
 * guest cannot reach: made local to the namespace (a route in its local table, no interface
 * shows it), a name asked there is answered at once rather than after the resolver's timeouts.
 * The guest kernel has no netfilter for Docker's DNAT to a daemon's socket, so the agent binds
 * the addresses in the namespace itself, as the endpoint is made, and relays each query to the
 * engine (F_DATAGRAM), which knows the names; its answer comes back as op "datagram". The
 * sockets go when the endpoint does: held open, they would keep the namespace alive. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <net/if.h>
#include <stdio.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>
#include "agent.h"

#define DATAGRAM_MAX 4096 /* a DNS query over UDP is 512 bytes, EDNS's at most a few KiB */
#define QUERIES_A_ROUND 16

static struct resolver {
  char container[80];
  int used;
  int fd[RESOLVER_ADDRESSES]; /* -1: none */
  char server[RESOLVER_ADDRESSES][16];
} resolvers[MAX_RESOLVERS];

static struct resolver *find(const char *id) {
  for (int i = 0; i < MAX_RESOLVERS; i++)
    if (resolvers[i].used && !strcmp(resolvers[i].container, id)) return &resolvers[i];
  return NULL;
}

/* In the namespace the caller is in, lo up (the container's first process would bring it up
 * later: a socket bound before then to 127.0.0.11 answers from 127.0.0.1, which a resolver
 * that checks its server's address drops) and addr local on it when it is not in 127/8.
 * 0, or -1 with errno. */
static int make_local(struct in_addr addr) {
  int s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0), fd = nl_open(), rc = -1;
  struct ifreq ifr = {0};
  snprintf(ifr.ifr_name, IFNAMSIZ, "lo");
  if (s >= 0 && fd >= 0 && ioctl(s, SIOCGIFFLAGS, &ifr) == 0) {
    ifr.ifr_flags |= IFF_UP | IFF_RUNNING;
    int err = ioctl(s, SIOCSIFFLAGS, &ifr) < 0 ? -errno : (ntohl(addr.s_addr) >> 24) == 127 ? 0 : nl_route_local(fd, ifindex("lo"), addr);
    if (err < 0 && err != -EEXIST) errno = -err;
    else rc = 0;
  }
  int saved = errno;
  if (s >= 0) close(s);
  if (fd >= 0) close(fd);
  errno = saved;
  return rc;
}

/* A udp socket bound to addr:53 in the caller's namespace; -1 with errno. */
static int bind53(struct in_addr addr) {
  struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons(53), .sin_addr = addr};
  int fd = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd < 0) return -1;
  if (bind(fd, (struct sockaddr *)&sa, sizeof sa) < 0) {
    int saved = errno;
    close(fd);
    return errno = saved, -1;
  }
  return fd;
}

int resolver_open(const char *id, int netns, char *const *addresses) {
  resolver_close(id);
  struct resolver *r = NULL;
  for (int i = 0; i < MAX_RESOLVERS && !r; i++)
    if (!resolvers[i].used) r = &resolvers[i];
  if (!r) return errno = ENFILE, -1;
  memset(r, 0, sizeof *r);
  for (int i = 0; i < RESOLVER_ADDRESSES; i++) r->fd[i] = -1;
  int n = 0, rc = 0;
  while (addresses && addresses[n]) n++;
  if (n == 0 || n > RESOLVER_ADDRESSES) return errno = EINVAL, -1;
  if (setns(netns, CLONE_NEWNET) < 0) return -1;
  for (int i = 0; i < n && rc == 0; i++) {
    struct in_addr addr;
    if (strlen(addresses[i]) >= sizeof r->server[i] || inet_pton(AF_INET, addresses[i], &addr) != 1) rc = (errno = EINVAL, -1);
    else if (make_local(addr) < 0) rc = -1;
    else if ((r->fd[i] = bind53(addr)) < 0) rc = -1;
    else strcpy(r->server[i], addresses[i]);
  }
  int saved = errno;
  if (setns(self_netns, CLONE_NEWNET) < 0) abort(); /* the agent must not live on in another network */
  if (rc < 0) {
    for (int i = 0; i < n; i++)
      if (r->fd[i] >= 0) close(r->fd[i]);
    return errno = saved, -1;
  }
  snprintf(r->container, sizeof r->container, "%s", id);
  r->used = 1;
  return 0;
}

void resolver_close(const char *id) {
  struct resolver *r = id ? find(id) : NULL;
  if (!r) return;
  for (int i = 0; i < RESOLVER_ADDRESSES; i++)
    if (r->fd[i] >= 0) close(r->fd[i]);
  r->used = 0;
}

void resolver_poll_fds(struct pollfd *pfd, int *n, int reading) {
  for (int i = 0; reading && i < MAX_RESOLVERS; i++)
    for (int j = 0; resolvers[i].used && j < RESOLVER_ADDRESSES; j++)
      if (resolvers[i].fd[j] >= 0) pfd[(*n)++] = (struct pollfd){.fd = resolvers[i].fd[j], .events = POLLIN};
}

void resolver_ready(int fd) {
  struct resolver *r = NULL;
  int which = 0;
  for (int i = 0; i < MAX_RESOLVERS && !r; i++)
    for (int j = 0; resolvers[i].used && j < RESOLVER_ADDRESSES && !r; j++)
      if (resolvers[i].fd[j] == fd) r = &resolvers[i], which = j;
  if (!r) return;
  static uint8_t buf[DATAGRAM_MAX];
  struct sockaddr_in from;
  socklen_t fromlen;
  ssize_t n;
  /* A few a round: one container's flood of queries leaves the channel to the others. Over the
   * channel's high mark the queries wait in the socket (and the client retries). */
  for (int taken = 0; taken < QUERIES_A_ROUND && channel_queued() < CHANNEL_HIGH &&
                      (fromlen = sizeof from, n = recvfrom(fd, buf, sizeof buf, 0, (struct sockaddr *)&from, &fromlen)) >= 0;
       taken++) {
    char address[16];
    inet_ntop(AF_INET, &from.sin_addr, address, sizeof address);
    struct out o = {0};
    out_str(&o, "container", r->container);
    out_str(&o, "server", r->server[which]);
    out_str(&o, "address", address);
    out_num(&o, "port", ntohs(from.sin_port));
    out_put(&o, "data", buf, (size_t)n);
    send_record(F_DATAGRAM, 0, &o);
  }
}

/* datagram {container, server, address, port, data}: an answer sent from the container's
 * resolver socket at server to the asker at address:port. */
void op_datagram(uint32_t req, const struct record *r) {
  char *id = rec_get(r, "container", 0), *server = rec_get(r, "server", 0), *address = rec_get(r, "address", 0);
  long port = rec_long(r, "port", 0);
  struct resolver *res = id ? find(id) : NULL;
  int fd = -1;
  for (int i = 0; res && server && i < RESOLVER_ADDRESSES; i++)
    if (res->fd[i] >= 0 && !strcmp(res->server[i], server)) fd = res->fd[i];
  struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
  size_t pos = 0;
  struct field f = {0};
  int found = 0;
  while (rec_next(r, &pos, &f) == 1)
    if (f.keylen == 4 && !memcmp(f.key, "data", 4)) {
      found = 1;
      break;
    }
  if (fd < 0) send_error(req, "NotFound", "container %s has no resolver at %s", id ? id : "", server ? server : "");
  else if (!address || inet_pton(AF_INET, address, &sa.sin_addr) != 1 || port <= 0 || port > 65535 || !found)
    send_error(req, "InvalidParameter", "datagram needs an address, a port and data");
  /* A client gone meanwhile is no error of the engine's: the answer is lost, as UDP's may be. */
  else if (sendto(fd, f.val, f.vallen, 0, (struct sockaddr *)&sa, sizeof sa) < 0 && errno != ECONNREFUSED && errno != EAGAIN)
    send_error(req, "Internal", "sending a datagram: %s", errtext(errno));
  else send_ok(req, NULL);
  free(id);
  free(server);
  free(address);
}
