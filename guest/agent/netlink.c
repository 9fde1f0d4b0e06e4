/* rtnetlink, spoken directly (the guest has busybox's ip, which cannot name a veth's peer):
 * messages built in a fixed buffer, every attribute checked against its room, and each request
 * answered by the kernel's ack at once (the kernel handles a route request within sendmsg). */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/if_link.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/veth.h>
#include <net/if.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>
#include "agent.h"

static struct nlmsghdr *head(struct nlreq *q) { return (struct nlmsghdr *)q->buf; }

void nl_begin(struct nlreq *q, int type, int flags, const void *body, size_t len) {
  memset(q, 0, sizeof *q);
  if (NLMSG_LENGTH(len) > sizeof q->buf) {
    q->overflow = 1;
    return;
  }
  struct nlmsghdr *h = head(q);
  h->nlmsg_len = NLMSG_LENGTH(len);
  h->nlmsg_type = (uint16_t)type;
  h->nlmsg_flags = (uint16_t)(NLM_F_REQUEST | NLM_F_ACK | flags);
  if (len) memcpy(NLMSG_DATA(h), body, len);
}

/* Bytes at the next aligned offset; -1 (and the request refused when sent) when they do not fit. */
static int put_raw(struct nlreq *q, const void *data, size_t len, size_t *at) {
  size_t start = NLMSG_ALIGN(head(q)->nlmsg_len);
  if (q->overflow || len > sizeof q->buf || start + NLMSG_ALIGN(len) > sizeof q->buf) {
    q->overflow = 1;
    return -1;
  }
  memset(q->buf + start, 0, NLMSG_ALIGN(len));
  if (len) memcpy(q->buf + start, data, len);
  head(q)->nlmsg_len = (uint32_t)(start + NLMSG_ALIGN(len));
  if (at) *at = start;
  return 0;
}

int nl_put(struct nlreq *q, int type, const void *data, size_t len) {
  size_t start = NLMSG_ALIGN(head(q)->nlmsg_len);
  if (q->overflow || len > 0xffff - RTA_LENGTH(0) || start + RTA_SPACE(len) > sizeof q->buf) {
    q->overflow = 1;
    return -1;
  }
  struct rtattr a = {.rta_len = (unsigned short)RTA_LENGTH(len), .rta_type = (unsigned short)type};
  memcpy(q->buf + start, &a, sizeof a);
  memset(q->buf + start + sizeof a, 0, RTA_SPACE(len) - sizeof a);
  if (len) memcpy(q->buf + start + RTA_LENGTH(0), data, len);
  head(q)->nlmsg_len = (uint32_t)(start + RTA_SPACE(len));
  return 0;
}

int nl_put_str(struct nlreq *q, int type, const char *s) { return nl_put(q, type, s, strlen(s) + 1); }
int nl_put_u32(struct nlreq *q, int type, uint32_t v) { return nl_put(q, type, &v, sizeof v); }

size_t nl_nest(struct nlreq *q, int type) {
  size_t at = NLMSG_ALIGN(head(q)->nlmsg_len);
  return nl_put(q, type, NULL, 0) == 0 ? at : 0;
}

void nl_nest_end(struct nlreq *q, size_t at) {
  if (q->overflow || !at) return;
  size_t len = head(q)->nlmsg_len - at;
  if (len > 0xffff) {
    q->overflow = 1;
    return;
  }
  unsigned short n = (unsigned short)len;
  memcpy(q->buf + at + offsetof(struct rtattr, rta_len), &n, sizeof n);
}

int nl_open(void) {
  int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
  if (fd < 0) return -1;
  /* The kernel acks within sendmsg; a bound on the wait all the same, never a hang. */
  struct timeval tv = {1, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  return fd;
}

/* Sends the request and reads its ack: 0, or a negative errno. */
int nl_talk(int fd, struct nlreq *q) {
  static uint32_t seq;
  if (q->overflow) return -EMSGSIZE;
  struct nlmsghdr *h = head(q);
  h->nlmsg_seq = ++seq;
  struct sockaddr_nl kernel = {.nl_family = AF_NETLINK};
  if (sendto(fd, q->buf, h->nlmsg_len, 0, (struct sockaddr *)&kernel, sizeof kernel) < 0) return -errno;
  for (;;) {
    uint32_t reply[1024]; /* aligned for the headers read in it */
    ssize_t n = recv(fd, reply, sizeof reply, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return -errno;
    size_t left = (size_t)n;
    for (struct nlmsghdr *m = (struct nlmsghdr *)reply; NLMSG_OK(m, left); m = NLMSG_NEXT(m, left)) {
      if (m->nlmsg_seq != seq || m->nlmsg_type != NLMSG_ERROR) continue;
      if (m->nlmsg_len < NLMSG_LENGTH(sizeof(struct nlmsgerr))) return -EBADMSG;
      const struct nlmsgerr *e = NLMSG_DATA(m);
      return e->error;
    }
  }
}

static void link_msg(struct nlreq *q, int type, int flags, int index, unsigned up) {
  struct ifinfomsg ifi = {.ifi_family = AF_UNSPEC, .ifi_index = index, .ifi_flags = up, .ifi_change = up};
  nl_begin(q, type, flags, &ifi, sizeof ifi);
}

int nl_bridge_add(int fd, const char *name) {
  struct nlreq q;
  link_msg(&q, RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL, 0, IFF_UP);
  nl_put_str(&q, IFLA_IFNAME, name);
  size_t info = nl_nest(&q, IFLA_LINKINFO);
  nl_put_str(&q, IFLA_INFO_KIND, "bridge");
  nl_nest_end(&q, info);
  return nl_talk(fd, &q);
}

int nl_veth_add(int fd, const char *name, int master, const char *peer, int peer_netns, const uint8_t mac[6]) {
  struct nlreq q;
  link_msg(&q, RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL, 0, IFF_UP);
  nl_put_str(&q, IFLA_IFNAME, name);
  nl_put_u32(&q, IFLA_MASTER, (uint32_t)master);
  size_t info = nl_nest(&q, IFLA_LINKINFO);
  nl_put_str(&q, IFLA_INFO_KIND, "veth");
  size_t data = nl_nest(&q, IFLA_INFO_DATA);
  /* The peer: an ifinfomsg of its own, then its attributes. */
  size_t peer_at = nl_nest(&q, VETH_INFO_PEER);
  struct ifinfomsg ifi = {.ifi_family = AF_UNSPEC};
  put_raw(&q, &ifi, sizeof ifi, NULL);
  nl_put_str(&q, IFLA_IFNAME, peer);
  nl_put(&q, IFLA_ADDRESS, mac, 6);
  nl_put_u32(&q, IFLA_NET_NS_FD, (uint32_t)peer_netns);
  nl_nest_end(&q, peer_at);
  nl_nest_end(&q, data);
  nl_nest_end(&q, info);
  return nl_talk(fd, &q);
}

int nl_link_up(int fd, int index) {
  struct nlreq q;
  link_msg(&q, RTM_NEWLINK, 0, index, IFF_UP);
  return nl_talk(fd, &q);
}

int nl_link_del(int fd, const char *name) {
  struct nlreq q;
  link_msg(&q, RTM_DELLINK, 0, 0, 0);
  nl_put_str(&q, IFLA_IFNAME, name);
  return nl_talk(fd, &q);
}

int nl_addr_add(int fd, int index, struct in_addr addr, int prefix) {
  struct nlreq q;
  struct ifaddrmsg ifa = {.ifa_family = AF_INET, .ifa_prefixlen = (unsigned char)prefix, .ifa_scope = RT_SCOPE_UNIVERSE, .ifa_index = (unsigned)index};
  nl_begin(&q, RTM_NEWADDR, NLM_F_CREATE | NLM_F_EXCL, &ifa, sizeof ifa);
  nl_put(&q, IFA_LOCAL, &addr, 4);
  nl_put(&q, IFA_ADDRESS, &addr, 4);
  if (prefix < 31) {
    uint32_t host = prefix ? 0xffffffffu >> prefix : 0xffffffffu;
    struct in_addr brd = {addr.s_addr | htonl(host)};
    nl_put(&q, IFA_BROADCAST, &brd, 4);
  }
  return nl_talk(fd, &q);
}

/* A route of type local in the local table, as the kernel makes for an address of its own: what
 * comes for `addr` is delivered here, though no interface shows the address. */
int nl_route_local(int fd, int index, struct in_addr addr) {
  struct nlreq q;
  struct rtmsg rt = {.rtm_family = AF_INET, .rtm_dst_len = 32, .rtm_table = RT_TABLE_LOCAL, .rtm_protocol = RTPROT_BOOT, .rtm_scope = RT_SCOPE_HOST, .rtm_type = RTN_LOCAL};
  nl_begin(&q, RTM_NEWROUTE, NLM_F_CREATE | NLM_F_EXCL, &rt, sizeof rt);
  nl_put(&q, RTA_DST, &addr, 4);
  nl_put(&q, RTA_PREFSRC, &addr, 4);
  nl_put_u32(&q, RTA_OIF, (uint32_t)index);
  return nl_talk(fd, &q);
}

int nl_route_default(int fd, int index, struct in_addr gateway) {
  struct nlreq q;
  struct rtmsg rt = {.rtm_family = AF_INET, .rtm_table = RT_TABLE_MAIN, .rtm_protocol = RTPROT_BOOT, .rtm_scope = RT_SCOPE_UNIVERSE, .rtm_type = RTN_UNICAST};
  nl_begin(&q, RTM_NEWROUTE, NLM_F_CREATE | NLM_F_EXCL, &rt, sizeof rt);
  nl_put(&q, RTA_GATEWAY, &gateway, 4);
  nl_put_u32(&q, RTA_OIF, (uint32_t)index);
  return nl_talk(fd, &q);
}
