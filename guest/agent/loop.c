/* The agent's one poll loop: the channel, children's exits, listeners and process streams. */
#include <poll.h>
#include <signal.h>
#include <sys/signalfd.h>
#include <unistd.h>
#include "agent.h"

#define CHANNEL_PAUSE_MS 100

int self_pidns = -1, self_netns = -1;

int agent_serve(void) {
  sigset_t mask;
  sigemptyset(&mask);
  sigaddset(&mask, SIGCHLD);
  sigprocmask(SIG_BLOCK, &mask, NULL);
  int sfd = signalfd(-1, &mask, SFD_NONBLOCK | SFD_CLOEXEC);

  struct out hello = {0};
  out_str(&hello, "protocol", AGENT_PROTOCOL);
  out_str(&hello, "agent", AGENT_VERSION);
  send_record(F_HELLO, 0, &hello);

  static struct pollfd pfd[2 + MAX_LISTENERS + MAX_RESOLVERS * RESOLVER_ADDRESSES + MAX_PENDING + MAX_PROCS * 3];
  /* An end of file on the channel says so again at once: it is read again only after a pause,
   * not in a loop that would take the guest's CPU. */
  long long quiet_until = 0;
  for (;;) {
    int n = 0;
    long long now = now_ms();
    size_t queued = channel_queued();
    int quiet = now < quiet_until, reading = !quiet && queued < CHANNEL_FULL;
    short events = (reading ? POLLIN : 0) | (queued ? POLLOUT : 0);
    pfd[n++] = (struct pollfd){.fd = events ? channel_fd() : -1, .events = events};
    pfd[n++] = (struct pollfd){.fd = sfd, .events = POLLIN};
    listen_poll_fds(pfd, &n);
    int resolving = n;
    resolver_poll_fds(pfd, &n, queued < CHANNEL_HIGH);
    int waiting = n;
    n += pending_poll_fds(pfd + n);
    int first = n;
    n += proc_poll_fds(pfd + n, queued < CHANNEL_HIGH);
    int timeout = pending_timeout(now);
    if (quiet && (timeout < 0 || quiet_until - now < timeout)) timeout = (int)(quiet_until - now);
    if (poll(pfd, n, timeout) < 0) continue;
    if (pfd[0].revents & POLLOUT) channel_flush();
    int rc = reading && pfd[0].revents & (POLLIN | POLLHUP | POLLERR) ? channel_pump() : 0;
    if (rc < 0) return 1;
    if (rc == 1) quiet_until = now_ms() + CHANNEL_PAUSE_MS;
    if (pfd[1].revents & POLLIN) {
      struct signalfd_siginfo si;
      while (read(sfd, &si, sizeof si) == sizeof si) {}
      proc_reap();
    }
    pending_events(pfd + waiting, first - waiting);
    proc_events(pfd + first, n - first);
    /* Last: a connection accepted before the loop above could take a slot and fd freed there
     * and be handed their stale events. */
    for (int i = 2; i < resolving; i++)
      if (pfd[i].revents) listen_ready(pfd[i].fd);
    for (int i = resolving; i < waiting; i++)
      if (pfd[i].revents) resolver_ready(pfd[i].fd);
    pending_expire(now_ms());
  }
}
