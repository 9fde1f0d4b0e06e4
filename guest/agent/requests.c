/* The engine's requests, dispatched by "op" from a table, and the frames that feed running
 * streams. src/engine/machine/agent-protocol.ts declares the same ops, with each one's fields and
 * reply: a new op is an entry there and one here, with its handler. */
#include <stdlib.h>
#include <string.h>
#include "agent.h"

static uint32_t get32(const uint8_t *p) { return p[0] | (p[1] << 8) | (p[2] << 16) | ((uint32_t)p[3] << 24); }

static const struct {
  const char *name;
  void (*handle)(uint32_t id, const struct record *r);
} ops[] = {
    {"hello", op_hello},
    {"create", op_create},
    {"start", op_start},
    {"exec", op_exec},
    {"spawn", op_spawn},
    {"run", op_run},
    {"signal", op_signal},
    {"resize", op_resize},
    {"pause", op_pause},
    {"unpause", op_unpause},
    {"top", op_top},
    {"stats", op_stats},
    {"diff", op_diff},
    {"forward", op_forward},
    {"remove", op_remove},
    {"listen", op_listen},
    {"unlisten", op_unlisten},
    {"removeBridge", op_remove_bridge},
    {"datagram", op_datagram},
    {"addEndpoint", op_add_endpoint},
    {"removeEndpoint", op_remove_endpoint},
};

static void request(uint32_t id, const struct record *r) {
  char *op = rec_get(r, "op", 0);
  for (size_t i = 0; op && i < sizeof ops / sizeof *ops; i++) {
    if (strcmp(op, ops[i].name)) continue;
    ops[i].handle(id, r);
    free(op);
    return;
  }
  send_error(id, "NotImplemented", "the agent has no operation \"%s\"", op ? op : "");
  free(op);
}

void dispatch(int type, int chan, uint32_t id, const uint8_t *payload, size_t len) {
  struct record r = {payload, len};
  struct proc *p;
  switch (type) {
  case F_REQUEST:
    request(id, &r);
    break;
  case F_DATA:
    if ((p = proc_find(id)) && chan == 0) proc_stdin(p, payload, len);
    break;
  case F_CREDIT:
    if ((p = proc_find(id)) && len >= 4) proc_credit(p, get32(payload));
    break;
  }
}
