/* resolver.c: a query a container sends to 127.0.0.11:53 reaches the engine as a datagram frame
 * naming the container, the server address and the sender; the engine's answer goes back to the
 * sender from that address; datagram requests the engine (or a forged frame) gets wrong are
 * refused; the default bridge's fallback addresses are made local without an interface showing
 * them; a closed resolver answers nothing more. */
#include "harness.h"
#include <arpa/inet.h>
#include <fcntl.h>
#include <net/if.h>
#include <sys/ioctl.h>

static void loopback_up(void) {
  int s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  struct ifreq ifr = {0};
  snprintf(ifr.ifr_name, IFNAMSIZ, "lo");
  CHECK(ioctl(s, SIOCGIFFLAGS, &ifr) == 0, "lo's flags: %s", strerror(errno));
  ifr.ifr_flags |= IFF_UP | IFF_RUNNING;
  CHECK(ioctl(s, SIOCSIFFLAGS, &ifr) == 0, "lo up: %s", strerror(errno));
  close(s);
}

static void check_error(const struct frame *f, const char *kind) {
  char *got = frame_get(f, "kind");
  CHECK(got && !strcmp(got, kind), "request %u: kind %s, not %s", f->id, got ? got : "(none)", kind);
  free(got);
}

/* A query from the container's namespace to server:53, relayed; the engine answers `answer`. The
 * sender's address is the one the kernel picks: 127.0.0.1 on lo, the local route's own for 8.8.x. */
static void round_trip(int engine, int udp, const char *id_of, const char *server, uint32_t id) {
  struct sockaddr_in to = {.sin_family = AF_INET, .sin_port = htons(53)};
  inet_pton(AF_INET, server, &to.sin_addr);
  static const char query[] = "\x12\x34\x01\x00\x00\x01\x00\x00\x00\x00\x00\x00\x03web\x00\x00\x01\x00\x01";
  CHECK(sendto(udp, query, sizeof query - 1, 0, (struct sockaddr *)&to, sizeof to) == sizeof query - 1, "sendto %s: %s", server, strerror(errno));
  struct frame f;
  do CHECK(next_frame(engine, &f, 10000), "no datagram frame for %s", server);
  while (f.type != F_DATAGRAM && (free(f.payload), 1));
  char *container = frame_get(&f, "container"), *from = frame_get(&f, "server"), *address = frame_get(&f, "address"), *port = frame_get(&f, "port");
  struct record r = {f.payload, f.len};
  size_t pos = 0;
  struct field fl = {0};
  while (rec_next(&r, &pos, &fl) == 1 && !(fl.keylen == 4 && !memcmp(fl.key, "data", 4))) {}
  CHECK(container && !strcmp(container, id_of) && from && !strcmp(from, server) && address && !strcmp(address, strncmp(server, "127.", 4) ? server : "127.0.0.1"), "the frame: %s %s %s", container, from, address);
  CHECK(fl.vallen == sizeof query - 1 && !memcmp(fl.val, query, fl.vallen), "the query's bytes");
  struct out o = {0};
  out_str(&o, "op", "datagram");
  out_str(&o, "container", id_of);
  out_str(&o, "server", server);
  out_str(&o, "address", address);
  out_str(&o, "port", port);
  out_put(&o, "data", "answer", 6);
  request(engine, id, &o);
  struct frame reply = await_reply(engine, id, NULL);
  char *error = frame_get(&reply, "error");
  CHECK(!error, "datagram: %s", error);
  char got[16] = {0};
  struct sockaddr_in peer;
  socklen_t len = sizeof peer;
  CHECK(recvfrom(udp, got, sizeof got, 0, (struct sockaddr *)&peer, &len) == 6 && !memcmp(got, "answer", 6), "the answer");
  char seen[16];
  inet_ntop(AF_INET, &peer.sin_addr, seen, sizeof seen);
  CHECK(peer.sin_addr.s_addr == to.sin_addr.s_addr && peer.sin_port == htons(53), "the answer came from %s:%d, not %s:53", seen, ntohs(peer.sin_port), server);
  free(container), free(from), free(address), free(port), free(f.payload), free(reply.payload);
}

static int ns_pipe[2];

/* In the agent, before its loop: a container's namespace with resolvers at both kinds of address. */
static void open_resolvers(void *arg) {
  (void)arg;
  self_netns = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
  int ns = netns_new();
  CHECK(ns >= 0, "netns: %s", strerror(errno));
  char *embedded[] = {"127.0.0.11", NULL}, *fallback[] = {"8.8.8.8", "8.8.4.4", NULL}, *bad[] = {"not-an-address", NULL};
  CHECK(resolver_open("c", ns, embedded) == 0, "resolver at 127.0.0.11: %s", strerror(errno));
  CHECK(resolver_open("d", ns, bad) < 0 && errno == EINVAL, "a bad address was bound");
  CHECK(resolver_open("d", ns, fallback) == 0, "resolver at 8.8.8.8: %s", strerror(errno));
  resolver_close("d");
  CHECK(resolver_open("e", ns, fallback) == 0, "the fallbacks again, for another container: %s", strerror(errno));
  CHECK(write(ns_pipe[1], &ns, sizeof ns) == sizeof ns, "pipe");
}

int main(void) {
  if (unshare(CLONE_NEWNET) < 0) {
    printf("cannot make a network namespace here: %s\n", strerror(errno));
    return 77;
  }
  CHECK(pipe(ns_pipe) == 0, "pipe");
  pid_t agent;
  int engine = start_agent(open_resolvers, NULL, &agent);
  int ns;
  bound(30, "the resolvers");
  CHECK(read(ns_pipe[0], &ns, sizeof ns) == sizeof ns, "the namespace's descriptor");
  char path[64];
  snprintf(path, sizeof path, "/proc/%d/fd/%d", (int)agent, ns);
  int nsfd = open(path, O_RDONLY | O_CLOEXEC);
  CHECK(nsfd >= 0 && setns(nsfd, CLONE_NEWNET) == 0, "joining the container's namespace: %s", strerror(errno));
  loopback_up();
  int udp = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  struct timeval tv = {5, 0};
  setsockopt(udp, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  round_trip(engine, udp, "c", "127.0.0.11", 1);
  round_trip(engine, udp, "e", "8.8.4.4", 2);

  /* Refused: no such container, no data, a bad address or port, a server it has no socket at. */
  const char *cases[][4] = {{"nobody", "127.0.0.11", "127.0.0.1", "5353"}, {"c", "127.0.0.11", "127.0.0.1", NULL}, {"c", "127.0.0.11", "999.0.0.1", "5353"},
                            {"c", "127.0.0.11", "127.0.0.1", "70000"}, {"c", "8.8.8.8", "127.0.0.1", "5353"}};
  const char *kinds[] = {"NotFound", "InvalidParameter", "InvalidParameter", "InvalidParameter", "NotFound"};
  for (uint32_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    struct out o = {0};
    out_str(&o, "op", "datagram");
    out_str(&o, "container", cases[i][0]);
    out_str(&o, "server", cases[i][1]);
    out_str(&o, "address", cases[i][2]);
    if (cases[i][3]) out_str(&o, "port", cases[i][3]), out_put(&o, "data", "x", 1);
    else out_str(&o, "port", "5353");
    request(engine, 10 + i, &o);
    struct frame f = await_reply(engine, 10 + i, NULL);
    check_error(&f, kinds[i]);
    free(f.payload);
  }
  stop_agent(engine, agent);
  unbound();
  return 0;
}
