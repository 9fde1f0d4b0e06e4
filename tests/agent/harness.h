/* Shared by the agent's sanitizer harnesses: checks that say where they failed, a bound on how
 * long a step may take, and the engine's side of the channel. Each harness is its own program
 * (tests/agent/sanitizers.test.ts builds and runs it); exit status 0 is a pass, 77 a skip. */
#ifndef DRYDOCK_HARNESS_H
#define DRYDOCK_HARNESS_H

#define _GNU_SOURCE

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include "agent.h"

#define CHECK(cond, ...)                                                         \
  do {                                                                           \
    if (!(cond)) {                                                               \
      fprintf(stderr, "%s:%d: check failed: %s: ", __FILE__, __LINE__, #cond);   \
      fprintf(stderr, __VA_ARGS__);                                              \
      fputc('\n', stderr);                                                       \
      exit(1);                                                                   \
    }                                                                            \
  } while (0)

static const char *bound_what;
static void bound_expired(int sig) {
  (void)sig;
  static const char head[] = "bound exceeded: ";
  write(2, head, sizeof head - 1);
  write(2, bound_what, strlen(bound_what));
  write(2, "\n", 1);
  _exit(1);
}
/* The step that follows must finish within `seconds`, else the harness fails saying which. A
 * bound, not a measurement: generous, so that only a hang or a runaway trips it. */
static inline void bound(unsigned seconds, const char *what) {
  bound_what = what;
  signal(SIGALRM, bound_expired);
  alarm(seconds);
}
static inline void unbound(void) { alarm(0); }

/* For a harness's children: a failed check ends the harness, and must not leave them holding
 * its output open. */
static inline void die_with_parent(void) { prctl(PR_SET_PDEATHSIG, SIGKILL); }

/* Deterministic pseudo-random bytes: the same cases on every run. */
static uint32_t rng_state = 0x2545F491;
static inline uint32_t rng(void) {
  rng_state ^= rng_state << 13;
  rng_state ^= rng_state >> 17;
  rng_state ^= rng_state << 5;
  return rng_state;
}

/* ---- the engine's end of the channel ---- */

struct frame {
  int type, chan;
  uint32_t id;
  size_t len;
  uint8_t *payload; /* malloc'd; a record for replies */
};

static inline uint32_t get_le32(const uint8_t *p) { return p[0] | (p[1] << 8) | (p[2] << 16) | ((uint32_t)p[3] << 24); }

static inline void read_exactly(int fd, void *buf, size_t len) {
  uint8_t *p = buf;
  while (len) {
    ssize_t n = read(fd, p, len);
    if (n < 0 && (errno == EINTR || errno == EAGAIN)) {
      struct pollfd w = {.fd = fd, .events = POLLIN};
      poll(&w, 1, -1);
      continue;
    }
    CHECK(n > 0, "the agent's channel ended (%s)", n < 0 ? strerror(errno) : "end of file");
    p += n;
    len -= (size_t)n;
  }
}

/* The next frame from the agent; 0 when none came within ms (then *f is untouched). */
static inline int next_frame(int fd, struct frame *f, int ms) {
  struct pollfd w = {.fd = fd, .events = POLLIN};
  if (poll(&w, 1, ms) <= 0) return 0;
  uint8_t h[FRAME_HEADER];
  read_exactly(fd, h, sizeof h);
  CHECK((h[0] | (h[1] << 8)) == FRAME_MAGIC, "a frame without the magic");
  f->type = h[2];
  f->chan = h[3];
  f->id = get_le32(h + 4);
  f->len = get_le32(h + 8);
  CHECK(f->len <= FRAME_MAX, "a frame of %zu bytes", f->len);
  f->payload = malloc(f->len + 1);
  read_exactly(fd, f->payload, f->len);
  f->payload[f->len] = 0;
  return 1;
}

static inline void send_to_agent(int fd, int type, int chan, uint32_t id, const void *payload, size_t len) {
  uint8_t h[FRAME_HEADER] = {FRAME_MAGIC & 0xff, FRAME_MAGIC >> 8, (uint8_t)type, (uint8_t)chan};
  for (int i = 0; i < 4; i++) h[4 + i] = (id >> (8 * i)) & 0xff, h[8 + i] = (len >> (8 * i)) & 0xff;
  CHECK(write_all(fd, h, sizeof h) == 0 && (!len || write_all(fd, payload, len) == 0), "writing to the agent: %s", strerror(errno));
}

static inline char *frame_get(const struct frame *f, const char *key) {
  struct record r = {f->payload, f->len};
  return rec_get(&r, key, 0);
}

/* The agent in a child process, serving one end of a socket pair: the other end comes back.
 * prepare, when given, runs in the child first (to start something before the loop does). */
static inline int start_agent(void (*prepare)(void *), void *arg, pid_t *pid) {
  int sv[2];
  CHECK(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) == 0, "socketpair");
  *pid = fork();
  CHECK(*pid >= 0, "fork");
  if (*pid == 0) {
    die_with_parent();
    close(sv[0]);
    signal(SIGPIPE, SIG_IGN);
    channel_use(sv[1]);
    if (prepare) prepare(arg);
    _exit(agent_serve() == 1 ? 0 : 2);
  }
  close(sv[1]);
  return sv[0];
}

/* Ends the agent: it must still be running (a sanitizer report would have ended it). An agent
 * outlives its channel's end (it waits for the engine to come back), so it is killed. */
static inline void stop_agent(int engine, pid_t pid) {
  int status;
  CHECK(waitpid(pid, &status, WNOHANG) == 0, "the agent ended with status %#x", status);
  close(engine);
  kill(pid, SIGKILL);
  waitpid(pid, &status, 0);
}

/* The agent's own paths (/run/drydock, /sys/fs/cgroup/drydock, /mnt/host) on tmpfs, in a mount
 * namespace of the harness's own: 0, or -1 when the machine allows none. */
static inline int private_mounts(void) {
  if (unshare(CLONE_NEWNS) < 0) {
    uid_t uid = getuid();
    gid_t gid = getgid();
    char map[64];
    if (unshare(CLONE_NEWUSER | CLONE_NEWNS) < 0) return -1;
    write_file("/proc/self/setgroups", "deny");
    snprintf(map, sizeof map, "0 %u 1", uid);
    write_file("/proc/self/uid_map", map);
    snprintf(map, sizeof map, "0 %u 1", gid);
    write_file("/proc/self/gid_map", map);
  }
  CHECK(mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) == 0, "making mounts private: %s", strerror(errno));
  const char *dirs[] = {"/run", "/mnt", "/sys/fs/cgroup"};
  for (int i = 0; i < 3; i++) CHECK(mount("tmpfs", dirs[i], "tmpfs", 0, NULL) == 0, "tmpfs on %s: %s", dirs[i], strerror(errno));
  CHECK(mkdir_p(CONTAINERS_DIR, 0700) == 0 && mkdir_p(CGROUP_ROOT, 0755) == 0 && mkdir_p("/mnt/host", 0755) == 0, "mkdir");
  return 0;
}

/* Sends a request record (consumed) as frame id. */
static inline void request(int engine, uint32_t id, struct out *o) {
  send_to_agent(engine, F_REQUEST, 0, id, o->buf, o->len);
  out_free(o);
}

/* The replies to `n` requests, ids first..first+n-1, into out[0..n-1] in that order, whatever order
 * they come in: the agent answers each when its work is done, not in the order asked. */
static inline void await_replies(int engine, uint32_t first, int n, struct frame *out) {
  int got = 0;
  for (int i = 0; i < n; i++) out[i].payload = NULL;
  while (got < n) {
    struct frame f;
    CHECK(next_frame(engine, &f, -1), "no frame");
    if (f.type == F_REPLY && f.id >= first && f.id < first + (uint32_t)n && !out[f.id - first].payload) {
      out[f.id - first] = f;
      got++;
    } else {
      free(f.payload);
    }
  }
}

/* Frames until the reply to id (returned); each other frame goes to `other` when given. */
static inline struct frame await_reply(int engine, uint32_t id, void (*other)(struct frame *)) {
  struct frame f;
  for (;;) {
    CHECK(next_frame(engine, &f, -1), "no frame");
    if (f.type == F_REPLY && f.id == id) return f;
    if (other) other(&f);
    free(f.payload);
  }
}

#endif
