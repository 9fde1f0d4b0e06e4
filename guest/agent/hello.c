/* hello: who the agent is and what `docker info` says of the host; it also sets the clock, since
 * a restored snapshot, or a VM the engine paused, keeps the time it had, and containers should
 * see the engine's. */
#include <stdlib.h>
#include <sys/sysinfo.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>
#include "agent.h"

void op_hello(uint32_t id, const struct record *r) {
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
  struct utsname u;
  if (uname(&u) == 0) out_str(&o, "kernel", u.release);
  struct sysinfo si;
  if (sysinfo(&si) == 0) out_num(&o, "memTotal", (long long)si.totalram * si.mem_unit);
  send_ok(id, &o);
}
