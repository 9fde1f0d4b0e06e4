/* Bridge networking: a container's endpoint is a veth pair whose host end sits on a bridge in
 * the guest (docker0, br-<network>) and whose other end is eth0 in the container's network
 * namespace, with its address, its MAC and a default route via the bridge's address.
 *
 * The namespace is made here before the container's first process is forked (unshare, keep a
 * descriptor, setns back: as the pid namespace is in spawn.c), and all of the endpoint is set
 * up in it from the agent; the child then joins it with setns. So the process finds eth0
 * configured when it runs, and a failure is found before there is a process. The guest has no
 * netfilter and ip_forward stays 0: the bridges are not routed to each other nor anywhere else
 * (Docker's isolation between networks). */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "agent.h"

int valid_ifname(const char *s) {
  size_t n = s ? strlen(s) : 0;
  return n > 0 && n < IFNAMSIZ && strcmp(s, ".") && strcmp(s, "..") &&
         strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-") == n;
}

/* "A.B.C.D/N", nothing more: 0, else -1. */
int parse_cidr(const char *s, struct in_addr *addr, int *prefix) {
  char ip[16];
  const char *slash = s ? strchr(s, '/') : NULL;
  if (!slash || slash == s || (size_t)(slash - s) >= sizeof ip) return -1;
  memcpy(ip, s, (size_t)(slash - s));
  ip[slash - s] = 0;
  if (inet_pton(AF_INET, ip, addr) != 1) return -1;
  const char *p = slash + 1;
  size_t digits = strspn(p, "0123456789");
  if (digits < 1 || digits > 2 || p[digits]) return -1;
  *prefix = atoi(p);
  return *prefix <= 32 ? 0 : -1;
}

/* "xx:xx:xx:xx:xx:xx" in hexadecimal, a unicast address (the kernel refuses others). */
int parse_mac(const char *s, uint8_t mac[6]) {
  if (!s || strlen(s) != 17) return -1;
  for (int i = 0; i < 6; i++) {
    const char *p = s + i * 3;
    if (!strchr("0123456789abcdefABCDEF", p[0]) || !p[0] || !strchr("0123456789abcdefABCDEF", p[1]) || !p[1]) return -1;
    if (i < 5 && p[2] != ':') return -1;
    char hex[3] = {p[0], p[1], 0};
    mac[i] = (uint8_t)strtoul(hex, NULL, 16);
  }
  return 0;
}

int endpoint_parse(const struct record *r, int n, struct endpoint *e, char *err, size_t errlen) {
  char *bridge = rec_get(r, "bridge", n), *gateway = rec_get(r, "gateway", n), *address = rec_get(r, "address", n),
       *mac = rec_get(r, "mac", n), *internal = rec_get(r, "internal", n);
  int rc = -1;
  memset(e, 0, sizeof *e);
  if (!valid_ifname(bridge)) snprintf(err, errlen, "invalid bridge name \"%.40s\"", bridge ? bridge : "");
  else if (parse_cidr(gateway, &e->gateway, &e->gateway_prefix) < 0) snprintf(err, errlen, "invalid gateway \"%.40s\": an IPv4 address with a prefix length, e.g. 172.17.0.1/16", gateway ? gateway : "");
  else if (parse_cidr(address, &e->address, &e->prefix) < 0) snprintf(err, errlen, "invalid address \"%.40s\": an IPv4 address with a prefix length, e.g. 172.17.0.2/16", address ? address : "");
  else if (parse_mac(mac, e->mac) < 0) snprintf(err, errlen, "invalid MAC address \"%.40s\"", mac ? mac : "");
  else if (e->mac[0] & 1) snprintf(err, errlen, "invalid MAC address \"%s\": a multicast address", mac);
  else rc = 0;
  /* eth0 to eth7: the names endpoint_release and endpoint_exited sweep. */
  char *ifname = rec_get(r, "ifname", n);
  if (rc == 0 && ifname && (strlen(ifname) != 4 || strncmp(ifname, "eth", 3) || ifname[3] < '0' || ifname[3] >= '0' + MAX_ENDPOINTS)) {
    snprintf(err, errlen, "invalid interface name \"%.40s\": eth0 to eth%d", ifname, MAX_ENDPOINTS - 1);
    rc = -1;
  }
  if (ifname && rc == 0) snprintf(e->ifname, sizeof e->ifname, "%s", ifname);
  else snprintf(e->ifname, sizeof e->ifname, "eth%d", n);
  free(ifname);
  if (rc == 0) {
    snprintf(e->bridge, sizeof e->bridge, "%s", bridge);
    inet_ntop(AF_INET, &e->address, e->address_text, sizeof e->address_text);
    e->internal = internal && strcmp(internal, "0");
  }
  free(internal);
  free(bridge);
  free(gateway);
  free(address);
  free(mac);
  return rc;
}

int netns_new(void) {
  if (unshare(CLONE_NEWNET) < 0) return -1;
  int fd = open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC), saved = errno;
  if (setns(self_netns, CLONE_NEWNET) < 0) abort(); /* the agent must not live on in another network */
  errno = saved;
  return fd;
}

/* A device's index in the caller's network namespace; 0 and errno when there is none. (Not
 * if_nametoindex: glibc's drags getifaddrs and two strncpy variants, about 25 KB, into the agent.) */
int ifindex(const char *name) {
  struct ifreq ifr = {0};
  snprintf(ifr.ifr_name, IFNAMSIZ, "%s", name);
  int s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0), rc = s < 0 ? -1 : ioctl(s, SIOCGIFINDEX, &ifr), saved = errno;
  if (s >= 0) close(s);
  errno = saved;
  return rc < 0 ? 0 : ifr.ifr_ifindex;
}

static int link_exists(const char *name, const char *leaf) {
  char path[96];
  struct stat st;
  snprintf(path, sizeof path, "/sys/class/net/%s%s%s", name, leaf ? "/" : "", leaf ? leaf : "");
  return stat(path, &st) == 0;
}

/* The host end's name: veth and 7 hexadecimal digits, as Docker names them. */
static void veth_name(char name[16]) {
  static uint32_t state;
  if (!state) state = (uint32_t)getpid() * 2654435761u ^ (uint32_t)time(NULL);
  state = state * 1103515245u + 12345u;
  snprintf(name, 16, "veth%07x", (unsigned)(state >> 4) & 0xfffffff);
}

/* Where the host end of the container's interface ifname is named: "veth" for eth0 (the name
 * earlier agents wrote), "veth-eth1" for eth1 and so on. */
static void veth_file(const char *id, const char *ifname, char path[256]) {
  char leaf[32];
  snprintf(leaf, sizeof leaf, strcmp(ifname, "eth0") ? "veth-%s" : "veth", ifname);
  container_path(path, 256, id, leaf);
}

#define SETUP "failed to set up container networking: "

static int fail(const char **kind, char *err, size_t errlen, int rc, const char *what) {
  int e = -rc;
  *kind = e == EINVAL || e == ENETUNREACH || e == EADDRNOTAVAIL || e == EEXIST || e == ERANGE ? "InvalidParameter" : "Internal";
  snprintf(err, errlen, SETUP "%s: %s", what, errtext(e));
  return -1;
}

int endpoint_make(const char *id, const struct endpoint *e, int netns, const char **kind, char *err, size_t errlen) {
  char veth[16] = "", what[160], path[256];
  int host = nl_open(), inside = -1, made_bridge = 0, rc = 0, dev = 0;
  if (host < 0) return fail(kind, err, errlen, -errno, "opening a netlink socket");
  if (!link_exists(e->bridge, NULL)) {
    if ((rc = nl_bridge_add(host, e->bridge)) < 0) {
      snprintf(what, sizeof what, "creating the bridge %s", e->bridge);
      goto out;
    }
    made_bridge = 1;
    int index = (int)ifindex(e->bridge);
    if ((rc = index ? nl_addr_add(host, index, e->gateway, e->gateway_prefix) : -errno) < 0) {
      snprintf(what, sizeof what, "adding the gateway's address to %s", e->bridge);
      goto out;
    }
  } else if (!link_exists(e->bridge, "bridge")) {
    *kind = "InvalidParameter";
    snprintf(err, errlen, SETUP "%s is not a bridge", e->bridge);
    close(host);
    return -1;
  }
  int master = (int)ifindex(e->bridge);
  if (!master) {
    rc = -errno;
    snprintf(what, sizeof what, "finding the bridge %s", e->bridge);
    goto out;
  }
  rc = -EEXIST;
  for (int tries = 0; tries < 8 && rc == -EEXIST; tries++) {
    veth_name(veth);
    rc = link_exists(veth, NULL) ? -EEXIST : nl_veth_add(host, veth, master, e->ifname, netns, e->mac);
  }
  if (rc < 0) {
    veth[0] = 0;
    snprintf(what, sizeof what, "creating a veth pair on %s", e->bridge);
    goto out;
  }
  /* Named in the container's directory: its removal (or a new agent) deletes the pair. */
  veth_file(id, e->ifname, path);
  write_file(path, veth);
  /* A socket stays in the namespace it was made in: make it there, then come home. */
  if (setns(netns, CLONE_NEWNET) < 0) {
    rc = -errno;
    snprintf(what, sizeof what, "entering the container's network namespace");
    goto out;
  }
  inside = nl_open();
  int saved = errno;
  dev = ifindex(e->ifname);
  if (setns(self_netns, CLONE_NEWNET) < 0) abort();
  if (inside < 0 || !dev) {
    rc = -(inside < 0 ? saved : ENODEV);
    snprintf(what, sizeof what, "opening the container's %s", e->ifname);
    goto out;
  }
  if ((rc = nl_addr_add(inside, dev, e->address, e->prefix)) < 0) {
    snprintf(what, sizeof what, "adding the address %s/%d to %s", e->address_text, e->prefix, e->ifname);
    goto out;
  }
  if ((rc = nl_link_up(inside, dev)) < 0) {
    snprintf(what, sizeof what, "bringing %s up", e->ifname);
    goto out;
  }
  /* The first network's gateway is the container's way out; one connected later adds only its subnet. */
  if (!e->internal && !strcmp(e->ifname, "eth0") && (rc = nl_route_default(inside, dev, e->gateway)) < 0) {
    char gw[16];
    inet_ntop(AF_INET, &e->gateway, gw, sizeof gw);
    snprintf(what, sizeof what, "adding the default route via %s", gw);
    goto out;
  }
out:
  if (rc < 0) {
    fail(kind, err, errlen, rc, what);
    /* Deleting one end of the pair deletes the other, with its address and route. */
    if (veth[0]) nl_link_del(host, veth), unlink(path);
    if (made_bridge) nl_link_del(host, e->bridge);
  }
  if (inside >= 0) close(inside);
  close(host);
  return rc < 0 ? -1 : 0;
}

/* The host end named in the container's directory for ifname, if it is still there; "" when not. */
static void endpoint_veth(const char *id, const char *ifname, char veth[32], char path[256]) {
  veth[0] = 0;
  if (!valid_name(id)) return;
  veth_file(id, ifname, path);
  if (read_file(path, veth, 32) <= 0 || !valid_ifname(veth) || strncmp(veth, "veth", 4) || !link_exists(veth, NULL)) veth[0] = 0;
}

static void ifname_of(int i, char name[16]) {
  snprintf(name, 16, "eth%d", i);
}

static void delete_link(const char *name) {
  int fd = nl_open();
  if (fd < 0) return;
  nl_link_del(fd, name);
  close(fd);
}

void endpoint_release(const char *id) {
  char path[256], veth[32], ifname[16];
  resolver_close(id);
  for (int i = 0; i < MAX_ENDPOINTS; i++) {
    ifname_of(i, ifname);
    endpoint_veth(id, ifname, veth, path);
    /* When another deletes it meanwhile (endpoint_exited's helper), the kernel's lock makes this
     * wait until it is gone. */
    if (veth[0]) delete_link(veth);
    if (valid_name(id)) unlink(path);
  }
}

static void delete_helper(void *ctx, struct out *reply) {
  (void)reply;
  delete_link(ctx);
}

/* A deletion takes the kernel tens of milliseconds under emulation (it waits for RCU): a
 * helper's, not the loop's. The name stays in the container's directory for a removal to make
 * sure of, until the next start names its own pair. */
void endpoint_exited(const char *id) {
  char path[256], veth[32], ifname[16];
  resolver_close(id);
  for (int i = 0; i < MAX_ENDPOINTS; i++) {
    ifname_of(i, ifname);
    endpoint_veth(id, ifname, veth, path);
    if (veth[0] && helper_start(0, "deleting a veth pair", delete_helper, veth) < 0) delete_link(veth);
  }
}

void op_add_endpoint(uint32_t req, const struct record *r) {
  char *id = rec_get(r, "id", 0), ns[64], err[512];
  struct endpoint e;
  const char *kind = "InvalidParameter";
  pid_t init = valid_name(id) ? container_init_pid(id) : 0;
  int netns = -1;
  snprintf(ns, sizeof ns, "/proc/%d/ns/net", init);
  if (endpoint_parse(r, 0, &e, err, sizeof err) < 0) send_error(req, kind, "%s", err);
  else if (!init || (netns = open(ns, O_RDONLY | O_CLOEXEC)) < 0) send_error(req, "Conflict", "container %s is not running", id ? id : "");
  else if (endpoint_make(id, &e, netns, &kind, err, sizeof err) < 0) send_error(req, kind, "%s", err);
  else send_ok(req, NULL);
  if (netns >= 0) close(netns);
  free(id);
}

void op_remove_endpoint(uint32_t req, const struct record *r) {
  char *id = rec_get(r, "id", 0), *ifname = rec_get(r, "ifname", 0), path[256], veth[32];
  if (!valid_name(id) || !valid_ifname(ifname) || strncmp(ifname, "eth", 3)) {
    send_error(req, "InvalidParameter", "removeEndpoint needs a container and an interface");
  } else {
    endpoint_veth(id, ifname, veth, path);
    if (veth[0]) delete_link(veth);
    unlink(path);
    send_ok(req, NULL);
  }
  free(id);
  free(ifname);
}

/* removeBridge: the bridge goes, and with it its address; veths still on it are let go (the
 * daemon removes no network that has endpoints). A bridge that is not there is no error. */
void op_remove_bridge(uint32_t req, const struct record *r) {
  char *name = rec_get(r, "name", 0);
  int fd = -1, rc;
  if (!valid_ifname(name)) send_error(req, "InvalidParameter", "invalid bridge name \"%.40s\"", name ? name : "");
  else if (!link_exists(name, NULL)) send_ok(req, NULL);
  else if (!link_exists(name, "bridge")) send_error(req, "InvalidParameter", "%s is not a bridge", name);
  else if ((fd = nl_open()) < 0) send_error(req, "Internal", "opening a netlink socket: %s", errtext(errno));
  else if ((rc = nl_link_del(fd, name)) < 0 && rc != -ENODEV) send_error(req, "Internal", "deleting the bridge %s: %s", name, errtext(-rc));
  else send_ok(req, NULL);
  if (fd >= 0) close(fd);
  free(name);
}
