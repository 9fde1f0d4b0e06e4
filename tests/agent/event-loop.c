/* The agent's loop never waits on one thing while others wait on it. Each case starts an agent
 * (a child process serving a socket), has it wait on something slow, and checks that a request
 * sent after the slow one is answered first, that the slow one is answered in the end, and
 * what it left behind. */
#include "harness.h"
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/un.h>

/* ---- an end of file on the channel: read again after a pause, not in a loop ---- */

/* In the agent: how many reads of the channel in a row said end of file. */
static int zero_reads;
ssize_t __real_read(int fd, void *buf, size_t n);
ssize_t __wrap_read(int fd, void *buf, size_t n) {
  ssize_t got = __real_read(fd, buf, n);
  if (fd == channel_fd() && fd >= 0) {
    zero_reads = got == 0 ? zero_reads + 1 : 0;
    if (zero_reads > 20) {
      static const char msg[] = "the agent read its channel's end of file 20 times in a row\n";
      write(2, msg, sizeof msg - 1);
      abort();
    }
  }
  return got;
}

static void hello(int engine, uint32_t id) {
  struct out o = {0};
  out_str(&o, "op", "hello");
  request(engine, id, &o);
}

static void expect_ok(struct frame *f, const char *what) {
  char *error = frame_get(f, "error");
  CHECK(!error, "%s: %s", what, error);
  free(f->payload);
}

static void end_of_file(void) {
  pid_t agent;
  int engine = start_agent(NULL, NULL, &agent);
  hello(engine, 1);
  bound(30, "hello");
  struct frame f = await_reply(engine, 1, NULL);
  unbound();
  expect_ok(&f, "hello");
  /* The engine's side stops sending: the agent sees an end of file, for a second. */
  shutdown(engine, SHUT_WR);
  usleep(1000 * 1000);
  stop_agent(engine, agent);
}

/* ---- a start whose child never gets to exec: others are answered, and after 10 s it fails,
 * its child killed and reaped ---- */

static void hang_child(void *ctx, int sync_fd, int err_fd, int sock_fd, int stdio[3]) {
  (void)err_fd, (void)sock_fd, (void)stdio;
  char b, pid[16];
  die_with_parent();
  if (read(sync_fd, &b, 1) != 1) _exit(126);
  snprintf(pid, sizeof pid, "%d", getpid());
  write_file(ctx, pid);
  for (;;) pause();
}

static void hanging_starts(void *arg) {
  (void)arg;
  static struct spawn s;
  s.pidns = -2;
  spawn_reply(50, 500, "", 0, &s, hang_child, "hung-pipes");
  s.tty = 1;
  spawn_reply(51, 501, "", 0, &s, hang_child, "hung-tty");
}

static void gone(const char *pidfile) {
  char text[16] = "";
  bound(30, "the child to be written down");
  while (read_file(pidfile, text, sizeof text) <= 0) usleep(10000);
  pid_t pid = atoi(text);
  bound(30, "the child that never started to be killed and reaped");
  while (kill(pid, 0) == 0) usleep(10000);
  unbound();
}

static void start_that_hangs(void) {
  pid_t agent;
  int engine = start_agent(hanging_starts, NULL, &agent);
  hello(engine, 1);
  bound(30, "a frame");
  struct frame f;
  do CHECK(next_frame(engine, &f, -1), "no frame");
  while (f.type != F_REPLY && (free(f.payload), 1));
  unbound();
  CHECK(f.id == 1, "the reply to %u came before hello's: the loop waited on it", f.id);
  free(f.payload);
  struct frame starts[2];
  bound(60, "the starts' replies");
  await_replies(engine, 50, 2, starts);
  unbound();
  for (int i = 0; i < 2; i++) {
    char *error = frame_get(&starts[i], "error"), *kind = frame_get(&starts[i], "kind");
    CHECK(error && !strcmp(error, "the process did not start within 10 s") && !strcmp(kind, "StartFailed"),
          "start %d said %s", 50 + i, error ? error : "ok");
    free(error);
    free(kind);
    free(starts[i].payload);
  }
  gone("hung-pipes");
  gone("hung-tty");
  stop_agent(engine, agent);
}

/* ---- forwards to listeners whose queues are full ---- */

/* The first reply that comes, other frames skipped. */
static struct frame first_reply(int engine) {
  struct frame f;
  bound(30, "a reply");
  for (;;) {
    CHECK(next_frame(engine, &f, -1), "no frame");
    if (f.type == F_REPLY) break;
    free(f.payload);
  }
  unbound();
  return f;
}

static void forward_request(int engine, uint32_t stream, const char *path, int port) {
  struct out o = {0};
  out_str(&o, "op", "forward");
  out_num(&o, "stream", stream);
  if (path) out_str(&o, "path", path);
  else out_str(&o, "address", "127.0.0.1"), out_num(&o, "port", port);
  request(engine, stream, &o);
}

/* A listener with a queue of one, filled: a further connect waits (TCP) or says EAGAIN (UNIX). */
static int full_listener(int family, struct sockaddr *sa, socklen_t len) {
  int l = socket(family, SOCK_STREAM | SOCK_CLOEXEC, 0);
  CHECK(l >= 0 && bind(l, sa, len) == 0 && listen(l, 0) == 0 && getsockname(l, sa, &len) == 0, "listen: %s", strerror(errno));
  for (int i = 0; i < 16; i++) {
    int c = socket(family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (connect(c, sa, len) == 0) continue;
    if (errno == EAGAIN) return close(c), l;
    CHECK(errno == EINPROGRESS, "connect: %s", strerror(errno));
    struct pollfd p = {.fd = c, .events = POLLOUT};
    if (poll(&p, 1, 300) == 0) return l; /* this one hangs: the queue is full */
  }
  CHECK(0, "the listener's queue never filled");
  return -1;
}

static void full_queues(void) {
  pid_t agent;
  int engine = start_agent(NULL, NULL, &agent);
  struct sockaddr_un un = {.sun_family = AF_UNIX};
  CHECK(getcwd(un.sun_path, sizeof un.sun_path - 16), "getcwd");
  strcat(un.sun_path, "/full.sock");
  int unix_listener = full_listener(AF_UNIX, (struct sockaddr *)&un, sizeof un);
  struct sockaddr_in in = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
  int tcp_listener = full_listener(AF_INET, (struct sockaddr *)&in, sizeof in);

  /* TCP: hello is answered while the connect waits, which then fails after 5 s. */
  forward_request(engine, 600, NULL, ntohs(in.sin_port));
  hello(engine, 2);
  struct frame f = first_reply(engine);
  CHECK(f.id == 2, "the reply to %u came before hello's: the loop waited on the connect", f.id);
  free(f.payload);
  bound(30, "the TCP forward's reply");
  f = await_reply(engine, 600, NULL);
  unbound();
  char *error = frame_get(&f, "error"), *kind = frame_get(&f, "kind"), want[128];
  snprintf(want, sizeof want, "dial tcp 127.0.0.1:%d: connect: connection timed out", ntohs(in.sin_port));
  CHECK(error && !strcmp(error, want) && !strcmp(kind, "Unavailable"), "the TCP forward said %s", error ? error : "ok");
  free(error);
  free(kind);
  free(f.payload);

  /* UNIX: hello is answered while the connect is tried again, and it connects once there is room. */
  forward_request(engine, 601, un.sun_path, 0);
  hello(engine, 3);
  f = first_reply(engine);
  CHECK(f.id == 3, "the reply to %u came before hello's: the loop waited on the connect", f.id);
  free(f.payload);
  int taken = accept(unix_listener, NULL, NULL);
  CHECK(taken >= 0, "accept");
  bound(30, "the UNIX forward's reply");
  f = await_reply(engine, 601, NULL);
  unbound();
  expect_ok(&f, "the UNIX forward once there was room");
  close(taken);
  close(unix_listener);
  close(tcp_listener);
  stop_agent(engine, agent);
}

/* ---- pause and unpause: cgroup.events is read again until it says so (here a plain file the
 * harness writes, standing in for the kernel) ---- */

static void container_request(int engine, uint32_t id, const char *op, const char *container) {
  struct out o = {0};
  out_str(&o, "op", op);
  out_str(&o, "id", container);
  request(engine, id, &o);
}

static void freezing(void) {
  CHECK(mkdir(CGROUP_ROOT "/c1", 0755) == 0, "mkdir");
  CHECK(write_file(CGROUP_ROOT "/c1/cgroup.freeze", "0") == 0, "cgroup.freeze");
  CHECK(write_file(CGROUP_ROOT "/c1/cgroup.events", "populated 1\nfrozen 0\n") == 0, "cgroup.events");
  pid_t agent;
  int engine = start_agent(NULL, NULL, &agent);
  container_request(engine, 10, "pause", "c1");
  hello(engine, 11);
  struct frame f = first_reply(engine);
  CHECK(f.id == 11, "the reply to %u came before hello's: the loop waited on the freeze", f.id);
  free(f.payload);
  char text[16] = "";
  read_file(CGROUP_ROOT "/c1/cgroup.freeze", text, sizeof text);
  CHECK(!strcmp(text, "1"), "cgroup.freeze says %s", text);
  CHECK(write_file(CGROUP_ROOT "/c1/cgroup.events", "populated 1\nfrozen 1\n") == 0, "cgroup.events");
  bound(30, "the pause's reply");
  f = await_reply(engine, 10, NULL);
  unbound();
  expect_ok(&f, "pause");

  /* A thaw that never comes: the others are answered, and it fails after 2 s. */
  container_request(engine, 12, "unpause", "c1");
  hello(engine, 13);
  f = first_reply(engine);
  CHECK(f.id == 13, "the reply to %u came before hello's: the loop waited on the thaw", f.id);
  free(f.payload);
  bound(30, "the unpause's reply");
  f = await_reply(engine, 12, NULL);
  unbound();
  char *error = frame_get(&f, "error");
  CHECK(error && !strcmp(error, "container c1 did not thaw within 2 s"), "unpause said %s", error ? error : "ok");
  free(error);
  free(f.payload);
  stop_agent(engine, agent);
}

/* ---- remove, top and diff: the work runs in a helper; the reply comes when it is done ---- */

/* A request and a hello sent together: hello's reply must come first. */
static struct frame slow_then_hello(int engine, uint32_t id, struct out *o, uint32_t hello_id) {
  request(engine, id, o);
  hello(engine, hello_id);
  struct frame f = first_reply(engine);
  CHECK(f.id == hello_id, "the reply to %u came before hello's: the loop did its work", f.id);
  free(f.payload);
  bound(60, "a helper's reply");
  f = await_reply(engine, id, NULL);
  unbound();
  return f;
}

static void tree(const char *top, int files, int depth) {
  CHECK(mkdir_p(top, 0755) == 0, "mkdir %s", top);
  char path[8192];
  for (int i = 0; i < files; i++) {
    snprintf(path, sizeof path, "%s/f%d", top, i);
    CHECK(write_file(path, "x") == 0, "writing %s", path);
  }
  size_t len = (size_t)snprintf(path, sizeof path, "%s", top);
  for (int i = 0; i < depth; i++) {
    len += (size_t)snprintf(path + len, sizeof path - len, "/d");
    CHECK(mkdir(path, 0755) == 0, "mkdir at depth %d", i);
  }
}

static void helpers(void) {
  pid_t agent;
  int engine = start_agent(NULL, NULL, &agent);

  tree(CONTAINERS_DIR "/c2/upper", 2000, 1000);
  struct out o = {0};
  out_str(&o, "op", "remove");
  out_str(&o, "id", "c2");
  struct frame f = slow_then_hello(engine, 20, &o, 21);
  expect_ok(&f, "remove");
  struct stat st;
  CHECK(stat(CONTAINERS_DIR "/c2", &st) < 0 && errno == ENOENT, "the container's files are still there");
  o = (struct out){0};
  out_str(&o, "op", "remove");
  out_str(&o, "id", "c2");
  f = slow_then_hello(engine, 22, &o, 23);
  char *error = frame_get(&f, "error");
  CHECK(error && !strcmp(error, "no such container: c2"), "removing it again said %s", error ? error : "ok");
  free(error);
  free(f.payload);

  CHECK(mkdir(CGROUP_ROOT "/c4", 0755) == 0, "mkdir");
  char pid[16];
  snprintf(pid, sizeof pid, "%d\n", getpid());
  CHECK(write_file(CGROUP_ROOT "/c4/cgroup.procs", pid) == 0, "cgroup.procs");
  o = (struct out){0};
  out_str(&o, "op", "top");
  out_str(&o, "id", "c4");
  f = slow_then_hello(engine, 24, &o, 25);
  struct record r = {f.payload, f.len};
  char *row = rec_get(&r, "proc", 0);
  CHECK(row && atoi(row) == getpid() && rec_count(&r, "hz") == 1, "top said %s", row ? row : "nothing");
  free(row);
  free(f.payload);

  tree(CONTAINERS_DIR "/c5/upper", 500, 300);
  o = (struct out){0};
  out_str(&o, "op", "diff");
  out_str(&o, "id", "c5");
  out_str(&o, "path", "/mnt/host/c5.tar");
  f = slow_then_hello(engine, 26, &o, 27);
  char *said = frame_get(&f, "size");
  long long size = said ? atoll(said) : 0;
  free(said);
  expect_ok(&f, "diff");
  CHECK(stat("/mnt/host/c5.tar", &st) == 0 && st.st_size == size && size > 800 * 512, "the diff is %lld bytes", size);
  stop_agent(engine, agent);
}

/* ---- an engine that stops reading: the agent goes on (a signal is sent, an exit reaped), and
 * what it holds for the engine stays bounded ---- */

static volatile long long *printed; /* shared with the printer, through the agent */

/* Children that say they started (their verdict pipe closes, as on exec) and then print, or sleep. */
static void printer_child(void *ctx, int sync_fd, int err_fd, int sock_fd, int stdio[3]) {
  (void)ctx, (void)sock_fd;
  char b;
  static char block[65536];
  die_with_parent();
  if (read(sync_fd, &b, 1) != 1) _exit(126);
  close(err_fd);
  memset(block, 'y', sizeof block);
  for (ssize_t n; (n = write(stdio[1], block, sizeof block)) > 0;) *printed += n;
  _exit(0);
}

static void sleeper_child(void *ctx, int sync_fd, int err_fd, int sock_fd, int stdio[3]) {
  (void)sock_fd, (void)stdio;
  char b, pid[16];
  die_with_parent();
  if (read(sync_fd, &b, 1) != 1) _exit(126);
  snprintf(pid, sizeof pid, "%d", getpid());
  write_file(ctx, pid);
  close(err_fd);
  for (;;) pause();
}

static void printer_and_sleeper(void *arg) {
  (void)arg;
  static struct spawn s;
  s.pidns = -2;
  s.window = 1u << 30;
  spawn_reply(70, 700, "", 0, &s, printer_child, NULL);
  spawn_reply(71, 701, "", 0, &s, sleeper_child, "sleeper");
}

static void signal_request(int engine, uint32_t id, uint32_t stream) {
  struct out o = {0};
  out_str(&o, "op", "signal");
  out_num(&o, "stream", stream);
  out_num(&o, "signal", 9);
  request(engine, id, &o);
}

static void engine_not_reading(void) {
  printed = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  CHECK(printed != MAP_FAILED, "mmap");
  pid_t agent;
  int engine = start_agent(printer_and_sleeper, NULL, &agent);
  struct frame spawned[2];
  bound(30, "the spawns' replies");
  await_replies(engine, 70, 2, spawned);
  unbound();
  for (int i = 0; i < 2; i++) expect_ok(&spawned[i], "spawn");
  /* The engine reads nothing for a second: the printer fills the socket, then the agent's queue. */
  usleep(1000 * 1000);
  int waiting = 0;
  ioctl(engine, FIONREAD, &waiting);
  CHECK(waiting > 0, "nothing came from the printer");
  CHECK(*printed < 16 << 20, "the agent took %lld bytes of output the engine did not read", *printed);
  /* Still not reading: the sleeper is killed at the engine's word, and its exit reaped. */
  signal_request(engine, 72, 701);
  char text[16] = "";
  read_file("sleeper", text, sizeof text);
  pid_t sleeper = atoi(text);
  CHECK(sleeper > 0, "the sleeper's pid");
  bound(30, "the sleeper to be killed and reaped while the engine reads nothing");
  while (kill(sleeper, 0) == 0) usleep(10000);
  unbound();
  /* Then it reads again: everything comes, the printer is stopped, and its end is reported. */
  signal_request(engine, 73, 700);
  bound(60, "the printer's exit");
  struct frame f;
  int exits = 0;
  while (exits < 2) {
    CHECK(next_frame(engine, &f, -1), "no frame");
    if (f.type == F_DATA && f.len && f.id == 700) {
      uint8_t c[4] = {f.len & 0xff, (f.len >> 8) & 0xff, (f.len >> 16) & 0xff, 0};
      send_to_agent(engine, F_CREDIT, 0, 700, c, 4);
    }
    exits += f.type == F_EXIT;
    free(f.payload);
  }
  unbound();
  stop_agent(engine, agent);
}

int main(void) {
  end_of_file();
  start_that_hangs();
  full_queues();
  engine_not_reading();
  if (private_mounts() < 0) {
    fprintf(stderr, "the cases with containers need a mount namespace (unshare: not permitted); the others passed\n");
    return 77;
  }
  freezing();
  helpers();
  return 0;
}
