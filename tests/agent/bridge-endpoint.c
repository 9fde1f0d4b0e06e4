/* A container's bridge endpoint (network.c over netlink.c), made in network namespaces of the
 * machine running the harness (it unshares its own, so the machine's network is not touched):
 * hostile start fields are refused before anything is made; two endpoints on one bridge reach
 * each other; a start that fails half-way and a released endpoint leave no link behind; an
 * internal endpoint has no default route; a request that outgrows its buffer is never sent. */
#include "harness.h"
#include <arpa/inet.h>
#include <dirent.h>
#include <fcntl.h>
#include <linux/rtnetlink.h>
#include <net/if.h>
#include <sys/ioctl.h>

static int count_links(const char *prefix) {
  DIR *d = opendir("/sys/class/net");
  int n = 0;
  for (struct dirent *e; d && (e = readdir(d));) n += !strncmp(e->d_name, prefix, strlen(prefix));
  if (d) closedir(d);
  return n;
}

static int exists(const char *path) {
  struct stat st;
  return stat(path, &st) == 0;
}

/* A record as the engine encodes one: (u8 key length, key, u32 value length, value)*. */
static struct record make_record(uint8_t *buf, size_t cap, const char *const *kv) {
  size_t n = 0;
  for (; kv[0]; kv += 2) {
    size_t k = strlen(kv[0]), v = strlen(kv[1]);
    CHECK(n + 5 + k + v <= cap, "record too big");
    buf[n++] = (uint8_t)k;
    memcpy(buf + n, kv[0], k), n += k;
    buf[n++] = v & 0xff, buf[n++] = (v >> 8) & 0xff, buf[n++] = (v >> 16) & 0xff, buf[n++] = 0;
    memcpy(buf + n, kv[1], v), n += v;
  }
  return (struct record){buf, n};
}

static int parse(const char *bridge, const char *gateway, const char *address, const char *mac, struct endpoint *e, char *err) {
  uint8_t buf[4096];
  const char *kv[] = {"bridge", bridge, "gateway", gateway, "address", address, "mac", mac, NULL};
  struct record r = make_record(buf, sizeof buf, kv);
  return endpoint_parse(&r, 0, e, err, 512);
}

/* An endpoint for container `id` in a fresh namespace, returned as its descriptor. */
static int endpoint(const char *id, const char *bridge, const char *gateway, const char *address, const char *mac, int internal, int *rc, char *err) {
  struct endpoint e;
  char dir[256];
  CHECK(parse(bridge, gateway, address, mac, &e, err) == 0, "parsing %s: %s", address, err);
  e.internal = internal;
  container_path(dir, sizeof dir, id, NULL);
  mkdir_p(dir, 0700);
  int ns = netns_new();
  CHECK(ns >= 0, "netns_new: %s", strerror(errno));
  const char *kind = "";
  *rc = endpoint_make(id, &e, ns, &kind, err, 512);
  return ns;
}

/* Runs fn inside a namespace and comes home. */
static void inside(int ns) { CHECK(setns(ns, CLONE_NEWNET) == 0, "setns: %s", strerror(errno)); }
static void home(void) { CHECK(setns(self_netns, CLONE_NEWNET) == 0, "setns home: %s", strerror(errno)); }

static void check_eth0(int ns, const char *address, const char *mac) {
  inside(ns);
  int s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  struct ifreq ifr = {0};
  snprintf(ifr.ifr_name, IFNAMSIZ, "eth0");
  CHECK(ioctl(s, SIOCGIFADDR, &ifr) == 0, "eth0 has no address: %s", strerror(errno));
  char got[16];
  inet_ntop(AF_INET, &((struct sockaddr_in *)&ifr.ifr_addr)->sin_addr, got, sizeof got);
  CHECK(!strcmp(got, address), "eth0's address %s, not %s", got, address);
  CHECK(ioctl(s, SIOCGIFHWADDR, &ifr) == 0, "eth0's MAC: %s", strerror(errno));
  const uint8_t *m = (const uint8_t *)ifr.ifr_hwaddr.sa_data;
  char text[18];
  snprintf(text, sizeof text, "%02x:%02x:%02x:%02x:%02x:%02x", m[0], m[1], m[2], m[3], m[4], m[5]);
  CHECK(!strcmp(text, mac), "eth0's MAC %s, not %s", text, mac);
  CHECK(ioctl(s, SIOCGIFFLAGS, &ifr) == 0 && (ifr.ifr_flags & IFF_UP), "eth0 is not up");
  close(s);
  home();
}

static int has_default_route(int ns) {
  inside(ns);
  char buf[4096];
  CHECK(read_file("/proc/self/net/route", buf, sizeof buf) > 0, "reading the routes");
  home();
  return strstr(buf, "\neth0\t00000000\t") != NULL;
}

/* A UDP datagram from one namespace to an address, received in the other. */
static int reaches(int from, int to, const char *address) {
  struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons(4242)};
  inet_pton(AF_INET, address, &sa.sin_addr);
  inside(to);
  int rx = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  CHECK(bind(rx, (struct sockaddr *)&sa, sizeof sa) == 0, "bind %s: %s", address, strerror(errno));
  inside(from);
  int tx = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  home();
  int got = 0;
  /* The first datagram may wait on ARP: a few tries. */
  for (int i = 0; i < 10 && !got; i++) {
    sendto(tx, "hi", 2, 0, (struct sockaddr *)&sa, sizeof sa);
    struct pollfd p = {.fd = rx, .events = POLLIN};
    char b[4];
    if (poll(&p, 1, 200) == 1 && recv(rx, b, sizeof b, 0) == 2) got = 1;
  }
  close(rx);
  close(tx);
  return got;
}

int main(void) {
  if (unshare(CLONE_NEWNET | CLONE_NEWNS) < 0) {
    printf("cannot make network and mount namespaces here: %s\n", strerror(errno));
    return 77;
  }
  /* /sys/class/net as this namespace sees it, and a /run of our own for the containers' files. */
  if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0 || mount("sysfs", "/sys", "sysfs", 0, NULL) < 0 ||
      mount("tmpfs", "/run", "tmpfs", 0, NULL) < 0) {
    printf("cannot mount a sysfs and a /run of our own here: %s\n", strerror(errno));
    return 77;
  }
  self_netns = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
  /* The kernel must have bridges and veth pairs (built in or as modules). */
  int probe = nl_open(), made = probe < 0 ? -errno : nl_bridge_add(probe, "probe0");
  if (made < 0) {
    printf("this kernel makes no bridge here: %s\n", strerror(-made));
    return 77;
  }
  nl_link_del(probe, "probe0");
  close(probe);
  bound(30, "the endpoint checks");
  char err[512];
  struct endpoint e;
  int links = count_links(""); /* lo, and what the machine's modules add to each namespace */

  /* Hostile or malformed fields: refused, nothing made. */
  static const char *const bad[][4] = {
      {"", "172.17.0.1/16", "172.17.0.2/16", "02:42:ac:11:00:02"},
      {"a-bridge-name-too-long", "172.17.0.1/16", "172.17.0.2/16", "02:42:ac:11:00:02"},
      {"..", "172.17.0.1/16", "172.17.0.2/16", "02:42:ac:11:00:02"},
      {"br/x", "172.17.0.1/16", "172.17.0.2/16", "02:42:ac:11:00:02"},
      {"docker0", "172.17.0.1", "172.17.0.2/16", "02:42:ac:11:00:02"},
      {"docker0", "172.17.0.1/16", "300.17.0.2/16", "02:42:ac:11:00:02"},
      {"docker0", "172.17.0.1/16", "172.17.0.2/33", "02:42:ac:11:00:02"},
      {"docker0", "172.17.0.1/16", "172.17.0.2/016", "02:42:ac:11:00:02"},
      {"docker0", "172.17.0.1/16", "172.17.0.2/16x", "02:42:ac:11:00:02"},
      {"docker0", "172.17.0.1/16", "/16", "02:42:ac:11:00:02"},
      {"docker0", "172.17.0.1/16", "172.17.0.2.172.17.0.2/16", "02:42:ac:11:00:02"},
      {"docker0", "172.17.0.1/16", "172.17.0.2/16", "02:42:ac:11:00"},
      {"docker0", "172.17.0.1/16", "172.17.0.2/16", "02:42:ac:11:00:0g"},
      {"docker0", "172.17.0.1/16", "172.17.0.2/16", "02-42-ac-11-00-02"},
      {"docker0", "172.17.0.1/16", "172.17.0.2/16", "01:00:5e:00:00:01"},
  };
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
    CHECK(parse(bad[i][0], bad[i][1], bad[i][2], bad[i][3], &e, err) < 0, "case %zu was taken", i);
  {
    uint8_t buf[64];
    const char *kv[] = {"bridge", "docker0", NULL};
    struct record r = make_record(buf, sizeof buf, kv);
    CHECK(endpoint_parse(&r, 0, &e, err, sizeof err) < 0, "missing fields were taken");
  }
  {
    /* A start's second network is eth1; an interface past eth7, or not ethN, is refused. */
    uint8_t buf[512];
    const char *kv[] = {"bridge", "docker0", "gateway", "172.17.0.1/16", "address", "172.17.0.2/16", "mac", "02:42:ac:11:00:02",
                        "bridge", "br-0123456789ab", "gateway", "10.8.0.1/24", "address", "10.8.0.2/24", "mac", "02:42:0a:08:00:02", NULL};
    struct record r = make_record(buf, sizeof buf, kv);
    CHECK(endpoint_parse(&r, 1, &e, err, sizeof err) == 0 && !strcmp(e.ifname, "eth1") && !strcmp(e.bridge, "br-0123456789ab"), "the second endpoint: %s", err);
    CHECK(endpoint_parse(&r, 2, &e, err, sizeof err) < 0, "a third endpoint that is not there was taken");
    const char *names[] = {"eth8", "eth10", "lo", "eth", "ethx"};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
      const char *one[] = {"bridge", "docker0", "gateway", "172.17.0.1/16", "address", "172.17.0.2/16", "mac", "02:42:ac:11:00:02", "ifname", names[i], NULL};
      struct record o = make_record(buf, sizeof buf, one);
      CHECK(endpoint_parse(&o, 0, &e, err, sizeof err) < 0, "interface %s was taken", names[i]);
    }
  }
  CHECK(count_links("") == links, "something was made: %d links", count_links(""));

  /* Two containers on docker0 reach each other; a third on another bridge reaches neither. */
  int rc;
  int a = endpoint("a", "docker0", "172.17.0.1/16", "172.17.0.2/16", "02:42:ac:11:00:02", 0, &rc, err);
  CHECK(rc == 0, "endpoint a: %s", err);
  int b = endpoint("b", "docker0", "172.17.0.1/16", "172.17.0.3/16", "02:42:ac:11:00:03", 0, &rc, err);
  CHECK(rc == 0, "endpoint b: %s", err);
  int c = endpoint("c", "br-other", "172.18.0.1/16", "172.18.0.2/16", "02:42:ac:12:00:02", 0, &rc, err);
  CHECK(rc == 0, "endpoint c: %s", err);
  CHECK(exists("/sys/class/net/docker0/bridge") && exists("/sys/class/net/br-other/bridge"), "the bridges are missing");
  CHECK(count_links("veth") == 3, "%d veths, not 3", count_links("veth"));
  check_eth0(a, "172.17.0.2", "02:42:ac:11:00:02");
  check_eth0(b, "172.17.0.3", "02:42:ac:11:00:03");
  CHECK(has_default_route(a) && has_default_route(c), "no default route");
  CHECK(reaches(a, b, "172.17.0.3") && reaches(b, a, "172.17.0.2"), "a and b do not reach each other");
  CHECK(!reaches(c, a, "172.17.0.2"), "c reaches a across bridges");

  /* An internal endpoint: no default route. */
  int d = endpoint("d", "docker0", "172.17.0.1/16", "172.17.0.4/16", "02:42:ac:11:00:04", 1, &rc, err);
  CHECK(rc == 0, "endpoint d: %s", err);
  CHECK(!has_default_route(d), "an internal endpoint has a default route");

  /* A start that fails half-way (the gateway is not on the container's subnet): no veth, and
   * no bridge, since it made it; an existing bridge stays. */
  int f = endpoint("f", "br-fail", "172.20.0.1/16", "172.21.0.2/16", "02:42:ac:15:00:02", 0, &rc, err);
  CHECK(rc < 0 && strstr(err, "default route"), "the half-way failure: rc %d, %s", rc, err);
  CHECK(!exists("/sys/class/net/br-fail") && count_links("veth") == 4, "left behind: br-fail %d, %d veths", exists("/sys/class/net/br-fail"), count_links("veth"));
  CHECK(!exists("/run/drydock/containers/f/veth"), "the veth's name was left");
  int g = endpoint("g", "docker0", "172.20.0.1/16", "172.21.0.2/16", "02:42:ac:15:00:02", 0, &rc, err);
  CHECK(rc < 0 && exists("/sys/class/net/docker0") && count_links("veth") == 4, "docker0 went or a veth stayed");
  /* Not a bridge: refused. */
  int h = endpoint("h", "lo", "172.20.0.1/16", "172.20.0.2/16", "02:42:ac:14:00:02", 0, &rc, err);
  CHECK(rc < 0 && strstr(err, "not a bridge") && count_links("veth") == 4, "lo taken as a bridge: %s", err);

  /* Released: the pair goes, from the bridge and the container's namespace alike. */
  for (const char *id = "abcd"; *id; id++) {
    char one[2] = {*id, 0};
    endpoint_release(one);
  }
  CHECK(count_links("veth") == 0, "%d veths left", count_links("veth"));
  inside(a);
  CHECK(if_nametoindex("eth0") == 0, "eth0 is still in a's namespace");
  home();
  endpoint_release("a"); /* again: nothing to do */
  endpoint_release("../x");
  close(a), close(b), close(c), close(d), close(f), close(g), close(h);

  /* A request that outgrows its buffer is refused whole, not sent cut. */
  struct nlreq q;
  struct ifinfomsg ifi = {0};
  nl_begin(&q, RTM_NEWLINK, 0, &ifi, sizeof ifi);
  char big[200];
  memset(big, 'x', sizeof big);
  int puts = 0;
  while (nl_put(&q, IFLA_IFALIAS, big, sizeof big) == 0) puts++;
  CHECK(puts == (NL_BUF - 32) / 204 && q.overflow, "%d attributes fitted", puts);
  size_t at = nl_nest(&q, IFLA_LINKINFO);
  CHECK(at == 0, "a nest past the end");
  nl_nest_end(&q, at);
  int fd = nl_open();
  CHECK(nl_talk(fd, &q) == -EMSGSIZE, "an overflowed request was sent");
  nl_begin(&q, RTM_NEWLINK, 0, big, sizeof big * 8);
  CHECK(q.overflow && nl_put(&q, IFLA_IFNAME, "x", 2) < 0, "a body past the buffer");
  CHECK(nl_put(&q, IFLA_IFNAME, big, 70000) < 0, "an attribute past 64 KiB");
  close(fd);
  unbound();
  return 0;
}
