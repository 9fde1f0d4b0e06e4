/* The agent's loop never waits on one thing while others wait on it. Each case starts an agent
 * (a child process serving a socket), has it wait on something slow, and checks that a request
 * sent after the slow one is answered first, that the slow one is answered in the end, and
 * what it left behind. */
#include "harness.h"

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

int main(void) {
  end_of_file();
  return 0;
}
