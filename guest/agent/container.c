/* A container: an overlay root (image layers from the 9p tree below a writable upper dir in
 * the guest) and a cgroup with its limits, made by "create"; its first process, made by
 * "start" in fresh namespaces; and "remove", which leaves nothing behind. */
#define _GNU_SOURCE
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
  long pids = rec_long(r, "pids", 0), quota = rec_long(r, "cpuQuota", 0);
  long period = rec_long(r, "cpuPeriod", 100000), weight = rec_long(r, "cpuWeight", 0);
  int bad = 0;
  if (memory > 0) snprintf(num, sizeof num, "%lld", memory), bad |= set_limit(req, id, "memory.max", num);
  if (!bad && pids > 0) snprintf(num, sizeof num, "%ld", pids), bad |= set_limit(req, id, "pids.max", num);
  if (!bad && quota > 0) snprintf(num, sizeof num, "%ld %ld", quota, period), bad |= set_limit(req, id, "cpu.max", num);
  if (!bad && weight > 0) snprintf(num, sizeof num, "%ld", weight), bad |= set_limit(req, id, "cpu.weight", num);
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

struct init_ctx {
  struct spawn s;
  char id[80], hostname[256];
  int netns_none, readonly;
};

static const char *masked_paths[] = {"/proc/asound", "/proc/acpi", "/proc/kcore", "/proc/keys",
                                     "/proc/latency_stats", "/proc/timer_list", "/proc/timer_stats",
                                     "/proc/sched_debug", "/proc/scsi", "/sys/firmware",
                                     "/sys/devices/virtual/powercap", NULL};
static const char *readonly_paths[] = {"/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger", NULL};

static void must(int rc, int errfd, const char *what) {
  if (rc < 0) child_fail(errfd, 126, "%s: %s", what, errtext(errno));
}

static void mount_at(const char *root, const char *target, const char *type, unsigned long flags, const char *data,
                     int errfd) {
  char path[512];
  snprintf(path, sizeof path, "%s%s", root, target);
  mkdir_p(path, 0755);
  char what[600];
  snprintf(what, sizeof what, "mounting %s on %s", type, target);
  must(mount(type, path, type, flags, data), errfd, what);
}

static void make_dev(const char *root, int errfd, int privileged) {
  static const struct { const char *name; int major, minor; } devs[] = {
      {"null", 1, 3}, {"zero", 1, 5}, {"full", 1, 7}, {"random", 1, 8}, {"urandom", 1, 9}, {"tty", 5, 0}};
  char path[512];
  if (privileged) {
    /* --privileged sees the host's devices, as Docker's does. */
    mount_at(root, "/dev", "devtmpfs", MS_NOSUID, "mode=755", errfd);
  } else {
    mount_at(root, "/dev", "tmpfs", MS_NOSUID | MS_STRICTATIME, "mode=755,size=65536k", errfd);
    for (unsigned i = 0; i < sizeof devs / sizeof *devs; i++) {
      snprintf(path, sizeof path, "%s/dev/%s", root, devs[i].name);
      must(mknod(path, S_IFCHR | 0666, makedev(devs[i].major, devs[i].minor)), errfd, "making /dev");
      chmod(path, 0666);
    }
  }
  static const char *links[][2] = {{"/proc/self/fd", "fd"},     {"/proc/self/fd/0", "stdin"},
                                    {"/proc/self/fd/1", "stdout"}, {"/proc/self/fd/2", "stderr"},
                                    {"/proc/kcore", "core"}};
  for (unsigned i = 0; i < sizeof links / sizeof *links; i++) {
    snprintf(path, sizeof path, "%s/dev/%s", root, links[i][1]);
    symlink(links[i][0], path);
  }
  mount_at(root, "/dev/pts", "devpts", MS_NOSUID | MS_NOEXEC, "newinstance,ptmxmode=0666,mode=0620,gid=5", errfd);
  snprintf(path, sizeof path, "%s/dev/ptmx", root);
  unlink(path);
  symlink("pts/ptmx", path);
  mount_at(root, "/dev/shm", "tmpfs", MS_NOSUID | MS_NODEV | MS_NOEXEC, "mode=1777,size=65536k", errfd);
  mount_at(root, "/dev/mqueue", "mqueue", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL, errfd);
  snprintf(path, sizeof path, "%s/dev/console", root);
  close(open(path, O_CREAT | O_WRONLY | O_CLOEXEC, 0600));
}

/* /etc/hostname and /etc/hosts come from the container's directory, as Docker's do. */
static void bind_etc(const char *root, const struct init_ctx *c, int errfd) {
  char src[512], dst[512], etc[512], text[600];
  snprintf(etc, sizeof etc, "%s/etc", root);
  struct stat st;
  if (stat(etc, &st) < 0 || !S_ISDIR(st.st_mode)) return;
  const char *files[] = {"hostname", "hosts"};
  for (int i = 0; i < 2; i++) {
    container_path(src, sizeof src, c->id, files[i]);
    if (i == 0) snprintf(text, sizeof text, "%s\n", c->hostname);
    else snprintf(text, sizeof text, "127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n%s%s\n",
                  c->netns_none ? "" : "127.0.1.1\t", c->netns_none ? "" : c->hostname);
    write_file(src, text);
    snprintf(dst, sizeof dst, "%s/etc/%s", root, files[i]);
    if (lstat(dst, &st) < 0) close(open(dst, O_CREAT | O_WRONLY | O_CLOEXEC, 0644));
    must(mount(src, dst, NULL, MS_BIND, NULL), errfd, "mounting /etc files");
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
  int flags = CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWCGROUP | (c->netns_none ? CLONE_NEWNET : 0);
  must(unshare(flags), errfd, "creating namespaces");
  must(mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL), errfd, "making mounts private");
  must(mount(root, root, NULL, MS_BIND | MS_REC, NULL), errfd, "binding the root");

  int priv = c->s.privileged;
  mount_at(root, "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL, errfd);
  make_dev(root, errfd, priv);
  mount_at(root, "/sys", "sysfs", MS_NOSUID | MS_NODEV | MS_NOEXEC | (priv ? 0 : MS_RDONLY), NULL, errfd);
  mount_at(root, "/sys/fs/cgroup", "cgroup2", MS_NOSUID | MS_NODEV | MS_NOEXEC | MS_RELATIME | (priv ? 0 : MS_RDONLY),
           NULL, errfd);
  bind_etc(root, c, errfd);

  /* pivot_root(".", ".") stacks the old root under the new one; detaching it leaves only ours. */
  must(chdir(root), errfd, "entering the root");
  must(syscall(SYS_pivot_root, ".", "."), errfd, "pivot_root");
  must(umount2(".", MNT_DETACH), errfd, "detaching the old root");
  must(chdir("/"), errfd, "entering the root");
  if (!priv) mask_paths(errfd);
  if (c->readonly) must(mount("/", "/", NULL, MS_BIND | MS_REMOUNT | MS_RDONLY, NULL), errfd, "making / read-only");
  sethostname(c->hostname, strlen(c->hostname));
  if (c->netns_none) loopback_up();
  spawn_finish(&c->s, stdio, errfd, sock);
}

void op_start(uint32_t req, const struct record *r) {
  struct init_ctx c;
  memset(&c, 0, sizeof c);
  spawn_read(&c.s, r);
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
    c.netns_none = !network || strcmp(network, "host") != 0;
    c.readonly = rec_long(r, "readonly", 0);
    c.s.pidns = -1;
    c.s.console = 1;
    spawn_reply(req, (uint32_t)rec_long(r, "stream", 0), id, 1, &c.s, init_child, &c);
  }
  spawn_free(&c.s);
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
  cgroup_path(path, sizeof path, id, "cgroup.procs");
  for (int i = 0; i < 200 && read_file(path, buf, sizeof buf) > 0; i++) {
    struct timespec ts = {0, 10 * 1000 * 1000};
    nanosleep(&ts, NULL);
  }
  umount2(root, MNT_DETACH);
  return existed;
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
  int fail = rm_rf(dir) < 0 ? errno : 0;
  if (rmdir(cg) < 0 && errno != ENOENT) fail = errno;
  free(id);
  return fail ? fail : existed ? 0 : ENOENT;
}

void retire_container(const char *id, const char *trash) {
  char dir[256], cg[256], aside[512];
  if (!valid_name(id)) return;
  container_path(dir, sizeof dir, id, NULL);
  cgroup_path(cg, sizeof cg, id, NULL);
  stop_container(id);
  rmdir(cg);
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
