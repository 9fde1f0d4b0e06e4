/* Output credit: a process's two outputs share the engine's credit; when stdout takes the last
 * of it, stderr must wait for more, not read zero bytes and take that for its end. */
#include "harness.h"
#include <fcntl.h>

long cgroup_oom_kills(const char *id) { (void)id; return 0; }
void endpoint_exited(const char *id) { (void)id; }
void dispatch(int type, int chan, uint32_t id, const uint8_t *payload, size_t len) {
  (void)type, (void)chan, (void)id, (void)payload, (void)len;
}

static int engine;

/* Runs one round of the loop's process half: what proc_poll_fds asks for, then proc_events. */
static void one_round(void) {
  struct pollfd pfd[MAX_PROCS * 3];
  int n = proc_poll_fds(pfd, 1);
  CHECK(poll(pfd, n, 1000) > 0, "nothing to read");
  proc_events(pfd, n);
}

int main(void) {
  int sv[2], out[2], err[2];
  CHECK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0 && pipe2(out, O_CLOEXEC) == 0 && pipe2(err, O_CLOEXEC) == 0, "pipes");
  engine = sv[0];
  channel_use(sv[1]);
  struct proc *p = proc_new(7);
  p->pid = 99999;
  p->credit = 10;
  p->fds[1] = out[0];
  p->fds[2] = err[0];
  set_nonblock(out[0]);
  set_nonblock(err[0]);
  /* Both outputs have something when the loop polls: stdout's 16 bytes use up the credit. */
  CHECK(write(out[1], "0123456789abcdef", 16) == 16 && write(err[1], "oops\n", 5) == 5, "writing");
  one_round();
  CHECK(p->credit == 0, "credit %u left", p->credit);
  CHECK(p->fds[2] >= 0, "stderr was closed when the credit ran out");
  struct frame f;
  while (next_frame(engine, &f, 0)) {
    CHECK(!(f.type == F_DATA && f.len == 0), "the agent ended channel %d of a process still writing", f.chan);
    free(f.payload);
  }
  /* More credit: both go on, and stderr's bytes come through. */
  proc_credit(p, 64);
  one_round();
  size_t got_err = 0;
  while (next_frame(engine, &f, 0)) {
    CHECK(!(f.type == F_DATA && f.len == 0), "an end of output before the process ended it");
    if (f.type == F_DATA && f.chan == 2) got_err += f.len;
    free(f.payload);
  }
  CHECK(got_err == 5, "stderr gave %zu bytes", got_err);
  close(out[1]);
  close(err[1]);
  proc_free(p);
  close(sv[0]);
  close(sv[1]);
  return 0;
}
