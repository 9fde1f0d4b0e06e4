/* What a new process holds: between fork and exec, the child reads the container's files (its
 * passwd, group, /dev/ptmx) with every capability, so it must hold only its own pipes, not the
 * agent's channel, listeners or other processes' pipes; once it runs, only 0, 1 and 2. */
#include "harness.h"
#include <dirent.h>
#include <fcntl.h>
#include <sys/resource.h>

/* The descriptors the child was handed; anything else open is a leak. */
static void probe_child(void *ctx, int sync_fd, int err_fd, int sock_fd, int stdio[3]) {
  (void)ctx;
  char b;
  if (read(sync_fd, &b, 1) != 1) _exit(126);
  int keep[] = {0, 1, 2, sync_fd, err_fd, sock_fd, stdio[0], stdio[1], stdio[2]};
  DIR *d = opendir("/proc/self/fd");
  char leaked[512] = "";
  for (struct dirent *e; d && (e = readdir(d));) {
    int fd = atoi(e->d_name), expected = e->d_name[0] == '.' || fd == dirfd(d);
    for (unsigned i = 0; i < sizeof keep / sizeof *keep; i++) expected |= keep[i] == fd;
    if (!expected) snprintf(leaked + strlen(leaked), sizeof leaked - strlen(leaked), " %d", fd);
  }
  child_fail(err_fd, 126, "leaked:%s", leaked);
}

/* Runs in the agent before its loop: descriptors an agent holds (a pipe of another process, a
 * listener), then a start whose child reports what it holds. */
static void prepare(void *arg) {
  (void)arg;
  int p[2];
  CHECK(pipe(p) == 0, "pipe");
  CHECK(open("/dev/null", O_RDONLY) >= 0, "open");
  static struct spawn s;
  memset(&s, 0, sizeof s);
  s.pidns = -2;
  s.window = 65536;
  spawn_reply(99, 7, "", 0, &s, probe_child, NULL);
}

/* An agent with two descriptors to spare once its loop has its own (a signalfd): pipes for a
 * new process cannot all be made. */
static void few_descriptors(void *arg) {
  (void)arg;
  struct rlimit few = {256, 256};
  CHECK(setrlimit(RLIMIT_NOFILE, &few) == 0, "setrlimit");
  int last[3] = {-1, -1, -1}, fd;
  while ((fd = dup(0)) >= 0) last[0] = last[1], last[1] = last[2], last[2] = fd;
  for (int i = 0; i < 3; i++) close(last[i]);
}

static void pipes_that_cannot_be_made(void) {
  pid_t agent;
  int engine = start_agent(few_descriptors, NULL, &agent);
  struct out o = {0};
  out_str(&o, "op", "run");
  out_num(&o, "stream", 30);
  out_str(&o, "arg", "/bin/true");
  request(engine, 30, &o);
  bound(30, "the reply to a run without descriptors");
  struct frame f = await_reply(engine, 30, NULL);
  unbound();
  char *error = frame_get(&f, "error");
  CHECK(error && strstr(error, "creating the process's pipes: too many open files"), "run said %s", error ? error : "ok");
  free(error);
  free(f.payload);
  stop_agent(engine, agent);
}

static char output[4096];
static size_t outlen;
static uint32_t watched;
static int exited;
static void take(struct frame *f) {
  if (f->id != watched) return;
  if (f->type == F_DATA && f->len && outlen + f->len < sizeof output) memcpy(output + outlen, f->payload, f->len), outlen += f->len;
  if (f->type == F_EXIT) exited = 1;
}

/* The descriptors ls finds open in itself: 0 1 2 and its own for /proc/self/fd. */
static void exec_holds_only_stdio(int engine, uint32_t stream, int tty) {
  struct out o = {0};
  out_str(&o, "op", "run");
  out_num(&o, "stream", stream);
  out_str(&o, "arg", "/bin/ls");
  out_str(&o, "arg", "/proc/self/fd");
  out_num(&o, "tty", tty);
  request(engine, stream, &o);
  watched = stream;
  outlen = 0;
  exited = 0;
  struct frame f = await_reply(engine, stream, take);
  char *error = frame_get(&f, "error");
  CHECK(!error, "run: %s", error);
  free(f.payload);
  bound(30, "ls to finish");
  while (!exited) {
    CHECK(next_frame(engine, &f, -1), "no frame");
    take(&f);
    free(f.payload);
  }
  unbound();
  output[outlen] = 0;
  int count = 0;
  for (char *p = output; *p;) {
    if (*p >= '0' && *p <= '9') count++, strtol(p, &p, 10);
    else p++;
  }
  CHECK(count == 4, "%s ls found %d descriptors: %s", tty ? "with a tty," : "without stdin,", count, output);
}

int main(void) {
  pid_t agent;
  int engine = start_agent(prepare, NULL, &agent);
  bound(30, "the start's reply");
  struct frame f = await_reply(engine, 99, NULL);
  unbound();
  char *error = frame_get(&f, "error");
  CHECK(error && !strcmp(error, "leaked:"), "the child held descriptors it was not given: %s", error ? error : "(none)");
  free(error);
  free(f.payload);
  if (geteuid() != 0) {
    stop_agent(engine, agent);
    fprintf(stderr, "the exec'd half needs root (setgroups); the child's half passed\n");
    return 77;
  }
  exec_holds_only_stdio(engine, 20, 1);
  exec_holds_only_stdio(engine, 21, 0);
  stop_agent(engine, agent);
  pipes_that_cannot_be_made();
  return 0;
}
