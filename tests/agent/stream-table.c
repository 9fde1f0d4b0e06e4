/* A full stream table: connections to the agent's listeners (docker.sock is 0666, anyone in the
 * guest may hold 256 of them) must not crash the agent's next start, exec or forward, nor take
 * every slot: the engine's own streams keep some, and past those it says Unavailable. */
#include "harness.h"
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/un.h>

static int accepted, engine;
/* Counts accepted connections, and ends the engine's side of each one the guest closed, as the
 * engine does (the slot is free once both sides are done). */
static void count_accepts(struct frame *f) {
  accepted += f->type == F_ACCEPT;
  if (f->type == F_DATA && f->chan == 1 && f->len == 0 && (f->id & 0x80000000u)) send_to_agent(engine, F_DATA, 0, f->id, NULL, 0);
}

static struct frame ask(int engine, uint32_t id, struct out *o) {
  request(engine, id, o);
  bound(30, "a reply");
  struct frame f = await_reply(engine, id, count_accepts);
  unbound();
  return f;
}

/* A forward to the harness's own TCP listener (its backlog takes the connections). */
static char *forward(int engine, uint32_t stream, int port) {
  struct out o = {0};
  out_str(&o, "op", "forward");
  out_num(&o, "stream", stream);
  out_str(&o, "address", "127.0.0.1");
  out_num(&o, "port", port);
  struct frame f = ask(engine, stream, &o);
  char *kind = frame_get(&f, "kind");
  free(f.payload);
  return kind;
}

int main(void) {
  char path[256];
  CHECK(getcwd(path, sizeof path - 16), "getcwd");
  strcat(path, "/api.sock");
  int tcp = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  struct sockaddr_in sa = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
  socklen_t salen = sizeof sa;
  CHECK(bind(tcp, (struct sockaddr *)&sa, sizeof sa) == 0 && listen(tcp, 1024) == 0 &&
        getsockname(tcp, (struct sockaddr *)&sa, &salen) == 0, "a TCP listener: %s", strerror(errno));
  int port = ntohs(sa.sin_port);

  pid_t agent;
  engine = start_agent(NULL, NULL, &agent);
  struct out o = {0};
  out_str(&o, "op", "listen");
  out_str(&o, "name", "api");
  out_str(&o, "path", path);
  struct frame f = ask(engine, 1, &o);
  char *error = frame_get(&f, "error");
  CHECK(!error, "listen: %s", error);
  free(f.payload);

  /* Someone holds 256 connections: each is accepted (F_ACCEPT) or closed at once. */
  static int held[MAX_PROCS];
  for (int i = 0; i < MAX_PROCS; i++) {
    struct sockaddr_un un = {.sun_family = AF_UNIX};
    strcpy(un.sun_path, path);
    held[i] = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    CHECK(connect(held[i], (struct sockaddr *)&un, sizeof un) == 0, "connect %d: %s", i, strerror(errno));
  }
  bound(30, "the agent taking 256 connections");
  for (;;) {
    int closed = 0;
    for (int i = 0; i < MAX_PROCS; i++) {
      struct pollfd p = {.fd = held[i], .events = POLLIN};
      closed += poll(&p, 1, 0) == 1;
    }
    if (accepted + closed == MAX_PROCS) break;
    if (next_frame(engine, &f, 100)) count_accepts(&f), free(f.payload);
  }
  unbound();
  CHECK(accepted < MAX_PROCS, "every stream slot went to connections from the guest");

  /* The engine's streams take what is left, then are told Unavailable, and the agent lives on. */
  uint32_t stream = 100;
  char *kind;
  while (!(kind = forward(engine, stream, port))) stream++;
  CHECK(!strcmp(kind, "Unavailable"), "a forward with the table full said %s", kind);
  free(kind);
  CHECK(stream - 100 + (uint32_t)accepted == MAX_PROCS, "%u forwards and %d connections fill %d slots", stream - 100, accepted, MAX_PROCS);
  o = (struct out){0};
  out_str(&o, "op", "run");
  out_num(&o, "stream", 99);
  out_str(&o, "arg", "/bin/true");
  f = ask(engine, 99, &o);
  kind = frame_get(&f, "kind");
  error = frame_get(&f, "error");
  CHECK(kind && !strcmp(kind, "Unavailable"), "a run with the table full said %s: %s", kind ? kind : "ok", error ? error : "");
  free(kind);
  free(error);
  free(f.payload);

  /* A connection let go frees its slot for the engine again. */
  for (int i = 0; i < MAX_PROCS; i++) close(held[i]);
  for (int tries = 0; (kind = forward(engine, 5000, port)); tries++) {
    CHECK(!strcmp(kind, "Unavailable") && tries < 3000, "after the connections closed, a forward said %s", kind);
    free(kind);
    usleep(10000);
  }
  stop_agent(engine, agent);
  return 0;
}
