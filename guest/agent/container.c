/* A container: an overlay root (image layers from the 9p tree below a writable upper dir in
 * the guest) and a cgroup with its limits, made by "create"; its first process, made by
 * "start" in fresh namespaces; and "remove", which leaves nothing behind. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "agent.h"

int valid_name(const char *s) {
  size_t n = s ? strlen(s) : 0;
  return n > 0 && n < 72 && strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789_-") == n;
}

void container_path(char *buf, size_t n, const char *id, const char *leaf) {
  snprintf(buf, n, CONTAINERS_DIR "/%s%s%s", id, leaf ? "/" : "", leaf ? leaf : "");
}

void cgroup_path(char *buf, size_t n, const char *id, const char *leaf) {
  snprintf(buf, n, CGROUP_ROOT "/%s%s%s", id, leaf ? "/" : "", leaf ? leaf : "");
}

pid_t container_init_pid(const char *id) {
  for (int i = 0; i < MAX_PROCS; i++)
    if (procs[i].used && procs[i].init && !procs[i].exited && !procs[i].starting && !strcmp(procs[i].container, id))
      return procs[i].pid;
  return 0;
}

long cgroup_oom_kills(const char *id) {
  char path[256], buf[1024];
  cgroup_path(path, sizeof path, id, "memory.events");
  if (read_file(path, buf, sizeof buf) < 0) return 0;
  char *k = strstr(buf, "oom_kill ");
  return k ? atol(k + 9) : 0;
}

/* ---- create ---- */

static int set_limit(uint32_t req, const char *id, const char *file, const char *value) {
  char path[256];
  cgroup_path(path, sizeof path, id, file);
  if (write_file(path, value) == 0) return 0;
  send_error(req, "InvalidParameter", "setting %s to %s: %s", file, value, errtext(errno));
  return -1;
}

/* Docker's default devices and the --device ones on the cgroup; the --device nodes listed in
 * the container's directory for each start to make. */
static int limit_devices(uint32_t req, const char *id, const struct record *r) {
  int n = rec_count(r, "device");
  if (n > MAX_DEVICES) {
    send_error(req, "InvalidParameter", "a container takes at most %d devices", MAX_DEVICES);
    return -1;
  }
  struct dev_rule rules[MAX_DEVICES];
  struct dev_node nodes[MAX_DEVICES];
  char err[1024] = "", path[256];
  int rc = 0;
  for (int i = 0; i < n && !rc; i++) {
    char *spec = rec_get(r, "device", i);
    rc = device_parse(spec, &rules[i], &nodes[i], err, sizeof err);
    free(spec);
  }
  if (!rc && n > 0 && device_nodes_write(id, nodes, n) < 0) rc = -1, snprintf(err, sizeof err, "writing the device list: %s", errtext(errno));
  if (!rc) {
    cgroup_path(path, sizeof path, id, NULL);
    rc = devices_attach(path, rules, n, err, sizeof err);
  }
  if (rc) send_error(req, "InvalidParameter", "%s", err);
  return rc;
}

void op_create(uint32_t req, const struct record *r) {
  char *id = rec_get(r, "id", 0), **lowers = rec_list(r, "lower");
  char dir[256], upper[256], work[256], root[256], cg[256], num[64];
  if (!valid_name(id)) {
    send_error(req, "InvalidParameter", "invalid container id");
    goto out;
  }
  container_path(dir, sizeof dir, id, NULL);
  cgroup_path(cg, sizeof cg, id, NULL);
  if (mkdir(dir, 0700) < 0) {
    send_error(req, errno == EEXIST ? "Conflict" : "Internal", "container %s: %s", id, errtext(errno));
    goto out;
  }
  container_path(upper, sizeof upper, id, "upper");
  container_path(work, sizeof work, id, "work");
  container_path(root, sizeof root, id, "rootfs");
  mkdir(upper, 0755);
  mkdir(work, 0700);
  mkdir(root, 0755);

  /* overlay needs a lower dir even for an image with no layers (FROM scratch). */
  size_t optlen = 256;
  for (char **l = lowers; *l; l++) optlen += strlen(*l) + 1;
  char *opts = malloc(optlen + strlen(upper) + strlen(work) + 64), *p = opts;
  p += sprintf(p, "lowerdir=");
  if (!lowers[0]) {
    char empty[256];
    container_path(empty, sizeof empty, id, "empty");
    mkdir(empty, 0755);
    p += sprintf(p, "%s", empty);
  }
  for (char **l = lowers; *l; l++) p += sprintf(p, "%s%s", l == lowers ? "" : ":", *l);
  sprintf(p, ",upperdir=%s,workdir=%s", upper, work);
  int rc = mount("overlay", root, "overlay", 0, opts);
  int saved = errno;
  free(opts);
  if (rc < 0) {
    rm_rf(dir);
    send_error(req, "InvalidParameter", "mounting the container's root file system: %s", errtext(saved));
    goto out;
  }
  if (mkdir(cg, 0755) < 0 && errno != EEXIST) {
    saved = errno;
    umount2(root, MNT_DETACH);
    rm_rf(dir);
    send_error(req, "Internal", "creating the container's cgroup: %s", errtext(saved));
    goto out;
  }
  long long memory = rec_llong(r, "memory", 0);
  long pids = rec_long(r, "pids", 0), weight = rec_long(r, "cpuWeight", 0);
  char *cpu_max = rec_get(r, "cpuMax", 0);
  int bad = 0;
  if (memory > 0) snprintf(num, sizeof num, "%lld", memory), bad |= set_limit(req, id, "memory.max", num);
  if (!bad && pids > 0) snprintf(num, sizeof num, "%ld", pids), bad |= set_limit(req, id, "pids.max", num);
  if (!bad && cpu_max) bad |= set_limit(req, id, "cpu.max", cpu_max);
  if (!bad && weight > 0) snprintf(num, sizeof num, "%ld", weight), bad |= set_limit(req, id, "cpu.weight", num);
  /* --privileged sees every device, as Docker's does. */
  if (!bad && !rec_long(r, "privileged", 0)) bad |= limit_devices(req, id, r);
  free(cpu_max);
  if (bad) {
    umount2(root, MNT_DETACH);
    rm_rf(dir);
    rmdir(cg);
    goto out;
  }
  send_ok(req, NULL);
out:
  free(id);
  for (char **l = lowers; *l; l++) free(*l);
  free(lowers);
}

/* ---- start: the first process ---- */

enum network { NET_NONE, NET_HOST, NET_BRIDGE };

struct init_ctx {
  struct spawn s;
  char id[80], hostname[256];
  enum network network;
  int netns;        /* a bridge endpoint's namespace, made and set up by the agent; -1: none */
  char address[16]; /* the container's address on the bridge */
  int readonly;
  char *hosts, *resolv; /* /etc/hosts and /etc/resolv.conf as the engine wrote them; NULL: ours, none */
};

static const char *masked_paths[] = {"/proc/asound", "/proc/acpi", "/proc/kcore", "/proc/keys",
                                     "/proc/latency_stats", "/proc/timer_list", "/proc/timer_stats",
                                     "/proc/sched_debug", "/proc/scsi", "/sys/firmware",
                                     "/sys/devices/virtual/powercap", NULL};
static const char *readonly_paths[] = {"/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger", NULL};

static void must(int rc, int errfd, const char *what) {
  if (rc < 0) child_fail(errfd, 126, "%s: %s", what, errtext(errno));
}

/* Mounts inside the container's root once it is "/": a symlink there resolves inside it. */
static void mount_at(const char *target, const char *type, unsigned long flags, const char *data, int errfd) {
  mkdir_p(target, 0755);
  char what[600];
  snprintf(what, sizeof what, "mounting %s on %s", type, target);
  must(mount(type, target, type, flags, data), errfd, what);
}

static void make_node(const char *path, mode_t mode, dev_t rdev, int errfd) {
  char what[300];
  snprintf(what, sizeof what, "making %s", path);
  must(mknod(path, mode, rdev), errfd, what);
  chmod(path, mode & 07777);
}

static void make_dev(int errfd, int privileged) {
  static const struct { const char *name; int major, minor; } devs[] = {
      {"/dev/null", 1, 3}, {"/dev/zero", 1, 5}, {"/dev/full", 1, 7}, {"/dev/random", 1, 8}, {"/dev/urandom", 1, 9}, {"/dev/tty", 5, 0}};
  if (privileged) {
    /* --privileged sees the host's devices, as Docker's does. */
    mount_at("/dev", "devtmpfs", MS_NOSUID, "mode=755", errfd);
  } else {
    mount_at("/dev", "tmpfs", MS_NOSUID | MS_STRICTATIME, "mode=755,size=65536k", errfd);
    for (unsigned i = 0; i < sizeof devs / sizeof *devs; i++) make_node(devs[i].name, S_IFCHR | 0666, makedev(devs[i].major, devs[i].minor), errfd);
  }
  static const char *links[][2] = {{"/proc/self/fd", "/dev/fd"},     {"/proc/self/fd/0", "/dev/stdin"},
                                    {"/proc/self/fd/1", "/dev/stdout"}, {"/proc/self/fd/2", "/dev/stderr"},
                                    {"/proc/kcore", "/dev/core"}};
  for (unsigned i = 0; i < sizeof links / sizeof *links; i++) symlink(links[i][0], links[i][1]);
  mount_at("/dev/pts", "devpts", MS_NOSUID | MS_NOEXEC, "newinstance,ptmxmode=0666,mode=0620,gid=5", errfd);
  unlink("/dev/ptmx");
  symlink("pts/ptmx", "/dev/ptmx");
  mount_at("/dev/shm", "tmpfs", MS_NOSUID | MS_NODEV | MS_NOEXEC, "mode=1777,size=65536k", errfd);
  mount_at("/dev/mqueue", "mqueue", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL, errfd);
  close(open("/dev/console", O_CREAT | O_WRONLY | O_NOFOLLOW | O_CLOEXEC, 0600));
}

/* The --device nodes create listed, made in the container's /dev (or wherever it named). */
static void make_device_nodes(const struct dev_node *nodes, size_t n, int errfd) {
  for (size_t i = 0; i < n; i++) {
    char dir[sizeof nodes[i].path];
    memcpy(dir, nodes[i].path, sizeof dir);
    dir[sizeof dir - 1] = 0;
    char *slash = strrchr(dir, '/');
    if (slash && slash != dir) *slash = 0, mkdir_p(dir, 0755);
    unlink(nodes[i].path);
    make_node(nodes[i].path, nodes[i].mode, nodes[i].rdev, errfd);
    if (chown(nodes[i].path, nodes[i].uid, nodes[i].gid) < 0) {}
  }
}

/* What the container's directory holds for its start, read while the guest's tree is in view:
 * the files bound over /etc/hostname, /etc/hosts and /etc/resolv.conf (as Docker's are), and
 * the device nodes. */
#define ETC_FILES 3
struct from_host {
  int etc[ETC_FILES]; /* detached bind mounts (open_tree) of the files; -1: not bound */
  struct dev_node *nodes;
  size_t nnodes;
};
static const char *etc_files[ETC_FILES] = {"hostname", "hosts", "resolv.conf"};

static void read_from_host(const struct init_ctx *c, struct from_host *h, int errfd) {
  char path[256], text[600];
  for (int i = 0; i < ETC_FILES; i++) {
    h->etc[i] = -1;
    if (i == 2 && !c->resolv) continue;
    container_path(path, sizeof path, c->id, etc_files[i]);
    if (i == 0) snprintf(text, sizeof text, "%s\n", c->hostname);
    else if (i == 1 && !c->hosts)
      snprintf(text, sizeof text, "127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n%s%s%s\n",
               c->network == NET_BRIDGE ? c->address : c->network == NET_HOST ? "127.0.1.1" : "",
               c->network == NET_NONE ? "" : "\t", c->network == NET_NONE ? "" : c->hostname);
    must(write_file(path, i == 1 && c->hosts ? c->hosts : i == 2 ? c->resolv : text), errfd, "writing /etc files");
    /* A bind mount not yet attached anywhere: after pivot_root the file's own mount is gone. */
    h->etc[i] = open_tree(AT_FDCWD, path, OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC);
    must(h->etc[i], errfd, "opening /etc files");
  }
  static struct dev_node nodes[MAX_DEVICES];
  h->nodes = nodes;
  h->nnodes = device_nodes_read(c->id, nodes, MAX_DEVICES);
}

static void bind_etc(const struct from_host *h, int errfd) {
  struct stat st;
  if (stat("/etc", &st) < 0 || !S_ISDIR(st.st_mode)) return;
  for (int i = 0; i < ETC_FILES; i++) {
    if (h->etc[i] < 0) continue;
    char dst[64];
    snprintf(dst, sizeof dst, "/etc/%s", etc_files[i]);
    if (lstat(dst, &st) < 0) close(open(dst, O_CREAT | O_WRONLY | O_NOFOLLOW | O_CLOEXEC, 0644));
    /* An image's /etc/hosts that is a symlink is followed, inside the container's root. */
    must(move_mount(h->etc[i], "", AT_FDCWD, dst, MOVE_MOUNT_F_EMPTY_PATH | MOVE_MOUNT_T_SYMLINKS), errfd, "mounting /etc files");
    close(h->etc[i]);
  }
}

static void loopback_up(void) {
  int s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  struct ifreq ifr = {0};
  snprintf(ifr.ifr_name, IFNAMSIZ, "lo");
  if (ioctl(s, SIOCGIFFLAGS, &ifr) == 0) {
    ifr.ifr_flags |= IFF_UP | IFF_RUNNING;
    ioctl(s, SIOCSIFFLAGS, &ifr);
  }
  close(s);
}

static void mask_paths(int errfd) {
  for (const char **p = masked_paths; *p; p++) {
    struct stat st;
    if (stat(*p, &st) < 0) continue;
    if (S_ISDIR(st.st_mode)) must(mount("tmpfs", *p, "tmpfs", MS_RDONLY, "size=0"), errfd, "masking /proc");
    else must(mount("/dev/null", *p, NULL, MS_BIND, NULL), errfd, "masking /proc");
  }
  for (const char **p = readonly_paths; *p; p++) {
    if (mount(*p, *p, NULL, MS_BIND | MS_REC, NULL) < 0) continue;
    must(mount(*p, *p, NULL, MS_BIND | MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL), errfd,
         "making /proc read-only");
  }
}

static void init_child(void *arg, int sync_fd, int errfd, int sock, int stdio[3]) {
  struct init_ctx *c = arg;
  char b, root[256];
  if (read(sync_fd, &b, 1) != 1) _exit(126);
  container_path(root, sizeof root, c->id, "rootfs");
  /* A bridge endpoint's namespace is ready, eth0 in it: join it before anything (sysfs shows it). */
  if (c->netns >= 0) must(setns(c->netns, CLONE_NEWNET), errfd, "joining the network namespace");
  int flags = CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWCGROUP | (c->network == NET_NONE ? CLONE_NEWNET : 0);
  must(unshare(flags), errfd, "creating namespaces");
  must(mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL), errfd, "making mounts private");
  must(mount(root, root, NULL, MS_BIND | MS_REC, NULL), errfd, "binding the root");
  struct from_host host;
  read_from_host(c, &host, errfd);

  /* pivot_root(".", ".") stacks the old root under the new one; detaching it leaves only ours.
   * Everything after resolves paths inside the container's root: its symlinks (an /etc or a
   * /dev pointing at /somewhere) cannot lead to the guest's files. */
  must(chdir(root), errfd, "entering the root");
  must(syscall(SYS_pivot_root, ".", "."), errfd, "pivot_root");
  must(umount2(".", MNT_DETACH), errfd, "detaching the old root");
  must(chdir("/"), errfd, "entering the root");

  int priv = c->s.privileged;
  mount_at("/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL, errfd);
  make_dev(errfd, priv);
  make_device_nodes(host.nodes, host.nnodes, errfd);
  mount_at("/sys", "sysfs", MS_NOSUID | MS_NODEV | MS_NOEXEC | (priv ? 0 : MS_RDONLY), NULL, errfd);
  mount_at("/sys/fs/cgroup", "cgroup2", MS_NOSUID | MS_NODEV | MS_NOEXEC | MS_RELATIME | (priv ? 0 : MS_RDONLY), NULL, errfd);
  bind_etc(&host, errfd);
  if (!priv) mask_paths(errfd);
  if (c->readonly) must(mount("/", "/", NULL, MS_BIND | MS_REMOUNT | MS_RDONLY, NULL), errfd, "making / read-only");
  sethostname(c->hostname, strlen(c->hostname));
  if (c->network != NET_HOST) loopback_up();
  spawn_finish(&c->s, stdio, errfd, sock);
}

/* The container's network: "none" (its own namespace with lo), "host" (the guest's), or
 * "bridge" (an endpoint, network.c, set up here before the fork). 0, or -1 once answered. */
static int start_network(uint32_t req, const struct record *r, const char *network, struct init_ctx *c) {
  if (!network || !*network || !strcmp(network, "none")) {
    c->network = NET_NONE;
    return 0;
  }
  if (!strcmp(network, "host")) {
    c->network = NET_HOST;
    return 0;
  }
  if (strcmp(network, "bridge")) {
    send_error(req, "InvalidParameter", "invalid network \"%.40s\": none, host or bridge", network);
    return -1;
  }
  /* One endpoint per network, each field a list with one value per network, eth0 first. */
  struct endpoint e[MAX_ENDPOINTS];
  char err[512];
  const char *kind = "InvalidParameter";
  int count = rec_count(r, "bridge");
  if (count < 1 || count > MAX_ENDPOINTS) {
    send_error(req, kind, "a bridge start needs 1 to %d endpoints", MAX_ENDPOINTS);
    return -1;
  }
  for (int i = 0; i < count; i++)
    if (endpoint_parse(r, i, &e[i], err, sizeof err) < 0) {
      send_error(req, kind, "%s", err);
      return -1;
    }
  c->network = NET_BRIDGE;
  snprintf(c->address, sizeof c->address, "%s", e[0].address_text);
  if ((c->netns = netns_new()) < 0) {
    send_error(req, "Internal", "failed to set up container networking: creating a network namespace: %s", errtext(errno));
    return -1;
  }
  for (int i = 0; i < count; i++)
    if (endpoint_make(c->id, &e[i], c->netns, &kind, err, sizeof err) < 0) {
      endpoint_release(c->id); /* the ones made before it */
      close(c->netns);
      c->netns = -1;
      send_error(req, kind, "%s", err);
      return -1;
    }
  char **resolver = rec_list(r, "resolver");
  int refused = resolver && resolver[0] && resolver_open(c->id, c->netns, resolver) < 0;
  if (refused) send_error(req, "Internal", "failed to set up container networking: binding its DNS server's address: %s", errtext(errno));
  for (char **p = resolver; p && *p; p++) free(*p);
  free(resolver);
  if (refused) {
    endpoint_release(c->id);
    close(c->netns);
    c->netns = -1;
    return -1;
  }
  c->s.keep = &c->netns;
  c->s.nkeep = 1;
  return 0;
}

void op_start(uint32_t req, const struct record *r) {
  struct init_ctx c;
  memset(&c, 0, sizeof c);
  spawn_read(&c.s, r);
  uint32_t stream = (uint32_t)rec_long(r, "stream", 0);
  char *id = rec_get(r, "id", 0), *hostname = rec_get(r, "hostname", 0), *network = rec_get(r, "network", 0);
  char dir[256];
  struct stat st;
  if (!valid_name(id) || (container_path(dir, sizeof dir, id, "rootfs"), stat(dir, &st) < 0)) {
    send_error(req, "NotFound", "no such container: %s", id ? id : "");
  } else if (container_init_pid(id)) {
    send_error(req, "Conflict", "container %s is already running", id);
  } else {
    snprintf(c.id, sizeof c.id, "%s", id);
    snprintf(c.hostname, sizeof c.hostname, "%s", hostname && *hostname ? hostname : id);
    c.readonly = rec_long(r, "readonly", 0);
    c.hosts = rec_get(r, "hosts", 0);
    c.resolv = rec_get(r, "resolvConf", 0);
    c.s.pidns = -1;
    c.s.console = 1;
    c.netns = -1;
    if (start_network(req, r, network, &c) == 0) {
      spawn_reply(req, stream, id, 1, &c.s, init_child, &c);
      if (c.netns >= 0) {
        close(c.netns);
        /* Refused before a process was there (spawn_reply answered): the endpoint goes now. */
        if (!proc_init_of(id)) endpoint_release(id);
      }
    }
  }
  spawn_free(&c.s);
  free(c.hosts);
  free(c.resolv);
  free(id);
  free(hostname);
  free(network);
}

/* ---- remove ---- */

/* Kills what runs in the container and unmounts its root; 1 when there was a container. */
static int stop_container(const char *id) {
  char dir[256], root[256], cg[256], path[256], buf[64];
  container_path(dir, sizeof dir, id, NULL);
  container_path(root, sizeof root, id, "rootfs");
  cgroup_path(cg, sizeof cg, id, NULL);
  struct stat st;
  int existed = stat(dir, &st) == 0 || stat(cg, &st) == 0;
  /* cgroup.kill takes every process, also one that forked away from the first. */
  cgroup_path(path, sizeof path, id, "cgroup.freeze");
  write_file(path, "0");
  cgroup_path(path, sizeof path, id, "cgroup.kill");
  write_file(path, "1");
  /* "populated 0" counts the processes of the cgroups a privileged container made below too. */
  cgroup_path(path, sizeof path, id, "cgroup.events");
  for (int i = 0; i < 200 && read_file(path, buf, sizeof buf) > 0 && !strstr(buf, "populated 0"); i++) {
    struct timespec ts = {0, 10 * 1000 * 1000};
    nanosleep(&ts, NULL);
  }
  umount2(root, MNT_DETACH);
  return existed;
}

/* rmdir of a cgroup and of those a privileged container made below it (mkdir in its
 * /sys/fs/cgroup), deepest first: a cgroup with children cannot go. Paths on the heap, no
 * recursion: the container chose how deep. */
static int remove_cgroup(const char *cg) {
  size_t cap = strlen(cg) + 256, len = strlen(cg);
  char *path = malloc(cap);
  strcpy(path, cg);
  int rc = 0;
  for (;;) {
    DIR *d = opendir(path);
    struct dirent *e = NULL;
    while (d && (e = readdir(d)) && (e->d_type != DT_DIR || !strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))) {}
    if (d && e) {
      size_t n = strlen(e->d_name);
      if (len + n + 2 > cap) path = realloc(path, cap = (len + n + 2) * 2);
      path[len++] = '/';
      memcpy(path + len, e->d_name, n + 1);
      len += n;
      closedir(d);
      continue;
    }
    if (d) closedir(d);
    if (rmdir(path) < 0 && errno != ENOENT) {
      rc = -1;
      break;
    }
    if (len == strlen(cg)) break;
    while (len > 0 && path[len - 1] != '/') len--;
    path[--len] = 0;
  }
  int saved = errno;
  free(path);
  errno = saved;
  return rc;
}

/* Kills what runs, unmounts and deletes; 0, ENOENT when there was nothing, or an errno. Slow
 * (it waits for the processes, and deletes all the container wrote): a helper's work. */
int remove_container(const struct record *r) {
  char *id = rec_get(r, "id", 0), dir[256], cg[256];
  if (!valid_name(id)) {
    free(id);
    return EINVAL;
  }
  container_path(dir, sizeof dir, id, NULL);
  cgroup_path(cg, sizeof cg, id, NULL);
  int existed = stop_container(id);
  endpoint_release(id);
  int fail = rm_rf(dir) < 0 ? errno : 0;
  if (remove_cgroup(cg) < 0) fail = errno;
  free(id);
  return fail ? fail : existed ? 0 : ENOENT;
}

void retire_container(const char *id, const char *trash) {
  char dir[256], cg[256], aside[512];
  if (!valid_name(id)) return;
  container_path(dir, sizeof dir, id, NULL);
  cgroup_path(cg, sizeof cg, id, NULL);
  stop_container(id);
  endpoint_release(id);
  remove_cgroup(cg);
  snprintf(aside, sizeof aside, "%s/%s-%d", trash, id, (int)getpid());
  if (rename(dir, aside) < 0) rm_rf(dir);
}

static void remove_helper(void *ctx, struct out *reply) {
  const struct record *r = ctx;
  char *id = rec_get(r, "id", 0);
  int rc = remove_container(r);
  if (rc == EINVAL) out_error(reply, "InvalidParameter", "invalid container id");
  else if (rc == ENOENT) out_error(reply, "NotFound", "no such container: %s", id);
  else if (rc) out_error(reply, "Internal", "removing container %s: %s", id, errtext(rc));
  else out_ok(reply);
  free(id);
}

void op_remove(uint32_t req, const struct record *r) { helper_start(req, "removing the container", remove_helper, (void *)r); }
