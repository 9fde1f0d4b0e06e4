/* The agent's loop never waits on one thing while others wait on it. Each case starts an agent
 * (a child process serving a socket), has it wait on something slow, and checks that a request
 * sent after the slow one is answered first, that the slow one is answered in the end, and
 * what it left behind. */
#include "harness.h"
#include <fcntl.h>

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
  for (uint32_t id = 50; id <= 51; id++) {
    bound(60, "the start's reply");
    f = await_reply(engine, id, NULL);
    unbound();
    char *error = frame_get(&f, "error"), *kind = frame_get(&f, "kind");
    CHECK(error && !strcmp(error, "the process did not start within 10 s") && !strcmp(kind, "StartFailed"),
          "start %u said %s", id, error ? error : "ok");
    free(error);
    free(kind);
    free(f.payload);
  }
  gone("hung-pipes");
  gone("hung-tty");
  stop_agent(engine, agent);
}

int main(void) {
  end_of_file();
  start_that_hangs();
  return 0;
}
