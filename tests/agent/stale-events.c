/* What poll said about a process's descriptor belongs to that process: when a request handled
 * earlier in the same round freed it, and a new process took its slot and the same descriptor
 * number, the old POLLERR must not close the new process's stdin. */
#include "harness.h"
#include <fcntl.h>

long cgroup_oom_kills(const char *id) { (void)id; return 0; }
void endpoint_exited(const char *id) { (void)id; }
void dispatch(int type, int chan, uint32_t id, const uint8_t *payload, size_t len) {
  (void)type, (void)chan, (void)id, (void)payload, (void)len;
}

int main(void) {
  int sv[2], a[2], b[2];
  CHECK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0 && pipe2(a, O_CLOEXEC | O_NONBLOCK) == 0, "pipes");
  channel_use(sv[1]);
  /* A's stdin is full, so the loop polls it for room. */
  struct proc *first = proc_new(1);
  first->fds[0] = a[1];
  while (write(a[1], "xxxxxxxxxxxxxxxx", 16) == 16) {}
  proc_stdin(first, (const uint8_t *)"y", 1);
  struct pollfd pfd[MAX_PROCS * 3];
  int n = proc_poll_fds(pfd, 1);
  CHECK(n == 1 && pfd[0].fd == a[1] && pfd[0].events == POLLOUT, "%d descriptors polled", n);
  /* Then, in the same round: A's reader goes (poll says POLLERR), a request ends A, and a new
   * process gets A's slot and A's descriptor number for its stdin. */
  close(a[0]);
  pfd[0].revents = POLLERR;
  CHECK(pipe2(b, O_CLOEXEC | O_NONBLOCK) == 0, "pipe");
  proc_free(first);
  struct proc *second = proc_new(2);
  CHECK(second == first, "the slot was not reused");
  CHECK(dup3(b[1], a[1], O_CLOEXEC) == a[1], "dup3: %s", strerror(errno));
  close(b[1]);
  second->fds[0] = a[1];
  proc_events(pfd, n);
  CHECK(second->fds[0] == a[1], "the new process's stdin was closed by the old one's POLLERR");
  CHECK(fcntl(a[1], F_GETFD) >= 0, "the descriptor was closed");
  proc_free(second);
  close(b[0]);
  close(sv[0]);
  close(sv[1]);
  return 0;
}
