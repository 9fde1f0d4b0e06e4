/* The engine's requests, by "op", and the frames that feed running streams. */
#include <stdlib.h>
#include <string.h>
#include <sys/sysinfo.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>
#include "agent.h"

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
