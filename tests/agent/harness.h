/* Shared by the agent's sanitizer harnesses: checks that say where they failed, a bound on how
 * long a step may take, and the engine's side of the channel. Each harness is its own program
 * (tests/agent/sanitizers.test.ts builds and runs it); exit status 0 is a pass, 77 a skip. */
#ifndef DRYDOCK_HARNESS_H
#define DRYDOCK_HARNESS_H

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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

/* Deterministic pseudo-random bytes: the same cases on every run. */
static uint32_t rng_state = 0x2545F491;
static inline uint32_t rng(void) {
  rng_state ^= rng_state << 13;
  rng_state ^= rng_state >> 17;
  rng_state ^= rng_state << 5;
  return rng_state;
}

#endif
