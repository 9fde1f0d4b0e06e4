/* drydock-agent: started by the guest's init, respawned if it dies. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <sys/sysinfo.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>
#include "agent.h"

#define CHANNEL "/dev/hvc1"

int self_pidns = -1, self_netns = -1;

static uint32_t get32(const uint8_t *p) { return p[0] | (p[1] << 8) | (p[2] << 16) | ((uint32_t)p[3] << 24); }

/* hello also sets the clock: a restored snapshot, or a VM the engine paused, keeps the time it
 * had, and containers should see the engine's. */
static void op_hello(uint32_t id, const struct record *r) {
  char *ms = rec_get(r, "time", 0);
  if (ms) {
    long long t = atoll(ms);
    struct timespec ts = {.tv_sec = (time_t)(t / 1000), .tv_nsec = (long)(t % 1000) * 1000000};
    clock_settime(CLOCK_REALTIME, &ts);
    free(ms);
  }
  struct out o = {0};
  out_str(&o, "protocol", AGENT_PROTOCOL);
  out_str(&o, "agent", AGENT_VERSION);
  out_num(&o, "pid", getpid());
  /* What `docker info` and `docker version` say about the host. */
  struct utsname u;
  if (uname(&u) == 0) out_str(&o, "kernel", u.release);
  struct sysinfo si;
  if (sysinfo(&si) == 0) out_num(&o, "memTotal", (long long)si.totalram * si.mem_unit);
  send_ok(id, &o);
}

/* Runs a process with no container around it: the yardstick for what a container costs. */
static void bare_child(void *ctx, int sync_fd, int err_fd, int sock_fd, int stdio[3]) {
  char b;
  if (read(sync_fd, &b, 1) != 1) _exit(126);
  spawn_finish(ctx, stdio, err_fd, sock_fd);
}

static void op_spawn_bare(uint32_t id, const struct record *r) {
  uint32_t stream = (uint32_t)rec_long(r, "stream", 0);
  struct spawn s;
  spawn_read(&s, r);
  s.privileged = 1;
  spawn_reply(id, stream, "", 0, &s, bare_child, &s);
  spawn_free(&s);
}

static void request(uint32_t id, const struct record *r) {
  char *op = rec_get(r, "op", 0);
  if (!op) op = strdup("");
  if (!strcmp(op, "hello")) op_hello(id, r);
  else if (!strcmp(op, "create")) op_create(id, r);
  else if (!strcmp(op, "start")) op_start(id, r);
  else if (!strcmp(op, "exec")) op_exec(id, r);
  else if (!strcmp(op, "spawn")) op_spawn_bare(id, r);
  else if (!strcmp(op, "signal")) op_signal(id, r);
  else if (!strcmp(op, "resize")) op_resize(id, r);
  else if (!strcmp(op, "pause")) op_freeze(id, r, 1);
  else if (!strcmp(op, "unpause")) op_freeze(id, r, 0);
  else if (!strcmp(op, "top")) op_top(id, r);
  else if (!strcmp(op, "stats")) op_stats(id, r);
  else if (!strcmp(op, "diff")) op_diff(id, r);
  else if (!strcmp(op, "forward")) op_forward(id, r);
  else if (!strcmp(op, "run")) op_run(id, r);
  else if (!strcmp(op, "remove")) op_remove(id, r);
  else if (!strcmp(op, "listen")) op_listen(id, r);
  else if (!strcmp(op, "unlisten")) op_unlisten(id, r);
  else send_error(id, "NotImplemented", "the agent has no operation \"%s\"", op);
  free(op);
}

void dispatch(int type, int chan, uint32_t id, const uint8_t *payload, size_t len) {
  struct record r = {payload, len};
  struct proc *p;
  switch (type) {
  case F_REQUEST:
    request(id, &r);
    break;
  case F_DATA:
    if ((p = proc_find(id)) && chan == 0) proc_stdin(p, payload, len);
    break;
  case F_CREDIT:
    if ((p = proc_find(id)) && len >= 4) proc_credit(p, get32(payload));
    break;
  }
}

/* A new agent (the last one crashed and init respawned us) owns nothing it did not make: the
 * engine has been told its containers died, so make it true. */
static void clean_up_leftovers(void) {
  DIR *d = opendir(CONTAINERS_DIR);
  for (struct dirent *e; d && (e = readdir(d));) {
    if (e->d_name[0] == '.') continue;
    struct out none = {0};
    struct record r = {NULL, 0};
    out_str(&none, "id", e->d_name);
    r.data = none.buf;
    r.len = none.len;
    remove_container(&r);
    out_free(&none);
  }
  if (d) closedir(d);
}

int main(int argc, char **argv) {
  /* The same binary is the guest's /usr/bin/docker (guest/shim). */
  const char *name = strrchr(argv[0], '/');
  name = name ? name + 1 : argv[0];
  if (!strcmp(name, "docker")) return shim_main(argc, argv);
  if (!strcmp(name, "curl")) return tool_main(name, argc, argv);
  /* Exec'd processes that lose their parent come back to us, not to init. */
  prctl(PR_SET_CHILD_SUBREAPER, 1);
  signal(SIGPIPE, SIG_IGN);
  umask(022);
  self_pidns = open("/proc/self/ns/pid", O_RDONLY | O_CLOEXEC);
  self_netns = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
  mkdir_p(CONTAINERS_DIR, 0700);
  mkdir_p(CGROUP_ROOT, 0755);
  /* Containers' cgroups are children of ours: hand them the controllers Docker limits. */
  write_file(CGROUP_ROOT "/cgroup.subtree_control", "+cpu +memory +pids");
  clean_up_leftovers();

  /* The port appears when the virtio-console driver has probed; an emulator without one
   * leaves the agent waiting rather than respawning in a loop. */
  while (channel_open(CHANNEL) < 0) sleep(5);

  sigset_t mask;
  sigemptyset(&mask);
  sigaddset(&mask, SIGCHLD);
  sigprocmask(SIG_BLOCK, &mask, NULL);
  int sfd = signalfd(-1, &mask, SFD_NONBLOCK | SFD_CLOEXEC);

  struct out hello = {0};
  out_str(&hello, "protocol", AGENT_PROTOCOL);
  out_str(&hello, "agent", AGENT_VERSION);
  send_record(F_HELLO, 0, &hello);

  static struct pollfd pfd[2 + MAX_LISTENERS + MAX_PROCS * 3];
  static struct proc *owner[2 + MAX_LISTENERS + MAX_PROCS * 3];
  static int which[2 + MAX_LISTENERS + MAX_PROCS * 3];
  for (;;) {
    int n = 0;
    pfd[n++] = (struct pollfd){.fd = channel_fd(), .events = POLLIN};
    pfd[n++] = (struct pollfd){.fd = sfd, .events = POLLIN};
    listen_poll_fds(pfd, &n);
    int first = n;
    proc_poll_fds(pfd, &n, owner, which);
    if (poll(pfd, n, -1) < 0) continue;
    if (pfd[0].revents & POLLIN && channel_pump() < 0) return 1;
    if (pfd[1].revents & POLLIN) {
      struct signalfd_siginfo si;
      while (read(sfd, &si, sizeof si) == sizeof si) {}
      proc_reap();
    }
    for (int i = first; i < n; i++) {
      /* An earlier handler may have freed this process (its exit was reported). */
      if (!pfd[i].revents || !owner[i]->used || owner[i]->fds[which[i]] != pfd[i].fd) continue;
      proc_ready(owner[i], which[i], pfd[i].revents);
    }
    /* Last: a connection accepted before the loop above could take a slot and fd freed there
     * and be handed their stale events. */
    for (int i = 2; i < first; i++)
      if (pfd[i].revents) listen_ready(pfd[i].fd);
  }
}
