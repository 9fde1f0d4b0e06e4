/* requests.c's table: a request whose op it lacks, or with no op at all, is answered
 * NotImplemented with the name asked, and the agent goes on answering the ops it has. */
#include "harness.h"

static void check_field(const struct frame *f, const char *key, const char *want) {
  char *got = frame_get(f, key);
  CHECK(got && !strcmp(got, want), "request %u: %s is \"%s\", not \"%s\"", f->id, key, got ? got : "(none)", want);
  free(got);
}

int main(void) {
  pid_t agent;
  int engine = start_agent(NULL, NULL, &agent);
  struct out o = {0};
  out_str(&o, "op", "teleport");
  request(engine, 1, &o);
  out_str(&o, "id", "c1");
  request(engine, 2, &o);
  out_str(&o, "op", "hello");
  request(engine, 3, &o);
  struct frame f[3];
  bound(30, "the replies");
  await_replies(engine, 1, 3, f);
  unbound();
  check_field(&f[0], "kind", "NotImplemented");
  check_field(&f[0], "error", "the agent has no operation \"teleport\"");
  check_field(&f[1], "kind", "NotImplemented");
  check_field(&f[1], "error", "the agent has no operation \"\"");
  check_field(&f[2], "protocol", AGENT_PROTOCOL);
  for (int i = 0; i < 3; i++) free(f[i].payload);
  stop_agent(engine, agent);
  return 0;
}
