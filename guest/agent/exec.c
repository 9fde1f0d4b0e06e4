/* exec: a new process in a running container, with its namespaces and in its cgroup. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "agent.h"

static const struct { const char *name; int flag; } joined[] = {
    {"ipc", CLONE_NEWIPC}, {"uts", CLONE_NEWUTS}, {"net", CLONE_NEWNET}, {"cgroup", CLONE_NEWCGROUP}, {"mnt", CLONE_NEWNS}};
#define NJOINED (sizeof joined / sizeof *joined)

struct exec_ctx {
  struct spawn s;
  int ns[NJOINED];
};

static void exec_child(void *arg, int sync_fd, int errfd, int sock, int stdio[3]) {
  struct exec_ctx *c = arg;
  char b;
  if (read(sync_fd, &b, 1) != 1) _exit(126);
  /* mnt last: it also moves our root and cwd into the container. */
  for (unsigned i = 0; i < NJOINED; i++)
    if (setns(c->ns[i], joined[i].flag) < 0) child_fail(errfd, 126, "joining the container's %s namespace", joined[i].name);
  spawn_finish(&c->s, stdio, errfd, sock);
}

void op_exec(uint32_t req, const struct record *r) {
  struct exec_ctx c;
  memset(&c, 0, sizeof c);
  spawn_read(&c.s, r);
  char *id = rec_get(r, "id", 0);
  pid_t init = valid_name(id) ? container_init_pid(id) : 0;
  for (unsigned i = 0; i < NJOINED; i++) c.ns[i] = -1;
  if (!init) {
    send_error(req, "Conflict", "container %s is not running", id ? id : "");
    goto out;
  }
  char path[64];
  snprintf(path, sizeof path, "/proc/%d/ns/pid", init);
  c.s.pidns = open(path, O_RDONLY | O_CLOEXEC);
  for (unsigned i = 0; i < NJOINED; i++) {
    snprintf(path, sizeof path, "/proc/%d/ns/%s", init, joined[i].name);
    c.ns[i] = open(path, O_RDONLY | O_CLOEXEC);
  }
  c.s.keep = c.ns;
  c.s.nkeep = NJOINED;
  spawn_reply(req, (uint32_t)rec_long(r, "stream", 0), id, 0, &c.s, exec_child, &c);
  close(c.s.pidns);
out:
  for (unsigned i = 0; i < NJOINED; i++)
    if (c.ns[i] >= 0) close(c.ns[i]);
  spawn_free(&c.s);
  free(id);
}
