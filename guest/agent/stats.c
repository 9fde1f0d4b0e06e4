/* top and stats: what the cgroup and /proc say about a container. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "agent.h"

/* Room a top reply keeps for what follows the rows: btime, hz, truncated and ok. */
#define TOP_RESERVE 256

static void add_file(struct out *o, const char *key, const char *id, const char *file) {
  char path[256], buf[4096];
  cgroup_path(path, sizeof path, id, file);
  if (read_file(path, buf, sizeof buf) >= 0) out_str(o, key, buf);
}

/* One "proc" per process listed in procs (a cgroup.procs): pid ppid uid start-ticks tty
 * cpu-ticks, a tab, then the command; then what turns ticks into times. */
void top_report(FILE *procs, struct out *o) {
  char line[64], path[64], buf[4096], cmd[4096];
  long dropped = 0;
  while (fgets(line, sizeof line, procs)) {
    int pid = atoi(line);
    if (dropped) {
      dropped += pid > 0;
      continue;
    }
    snprintf(path, sizeof path, "/proc/%d/stat", pid);
    if (read_file(path, buf, sizeof buf) <= 0) continue;
    char *close_paren = strrchr(buf, ')'), *open_paren = strchr(buf, '(');
    if (!close_paren || !open_paren) continue;
    char comm[64];
    snprintf(comm, sizeof comm, "%.*s", (int)(close_paren - open_paren - 1), open_paren + 1);
    int ppid, tty;
    unsigned long utime, stime;
    unsigned long long start;
    if (sscanf(close_paren + 2, "%*c %d %*d %*d %d %*d %*u %*u %*u %*u %*u %lu %lu %*d %*d %*d %*d %*d %*d %llu",
               &ppid, &tty, &utime, &stime, &start) != 5)
      continue;
    snprintf(path, sizeof path, "/proc/%d/status", pid);
    read_file(path, buf, sizeof buf);
    char *u = strstr(buf, "\nUid:");
    int uid = u ? atoi(u + 5) : 0;
    snprintf(path, sizeof path, "/proc/%d/cmdline", pid);
    ssize_t n = read_file(path, cmd, sizeof cmd);
    for (ssize_t i = 0; i + 1 < n; i++)
      if (!cmd[i]) cmd[i] = ' ';
    if (n <= 0) snprintf(cmd, sizeof cmd, "[%s]", comm);
    char row[4200];
    int len = snprintf(row, sizeof row, "%d %d %d %llu %d %lu\t%s", pid, ppid, uid, start, tty, utime + stime, cmd);
    /* The reply is one frame: rows past it are left out (and counted), since an engine reading
     * a longer one would look for frames inside it, among command lines the container chose. */
    if (o->len + 9 + (size_t)len > FRAME_MAX - TOP_RESERVE) {
      dropped = 1;
      continue;
    }
    out_str(o, "proc", row);
  }
  if (dropped) out_num(o, "truncated", dropped);
  if (read_file("/proc/stat", buf, sizeof buf) > 0) {
    char *b = strstr(buf, "btime ");
    if (b) out_num(o, "btime", atoll(b + 6));
  }
  out_num(o, "hz", sysconf(_SC_CLK_TCK));
}

struct top_job {
  const char *id, *procs;
};

static void top_helper(void *ctx, struct out *reply) {
  const struct top_job *job = ctx;
  FILE *f = fopen(job->procs, "re");
  if (!f) {
    out_error(reply, "NotFound", "no such container: %s", job->id);
    return;
  }
  top_report(f, reply);
  fclose(f);
  out_ok(reply);
}

/* A helper's work: it grows with the processes the container runs. */
void op_top(uint32_t req, const struct record *r) {
  char *id = rec_get(r, "id", 0), path[256];
  struct top_job job = {id, path};
  if (!valid_name(id)) send_error(req, "InvalidParameter", "invalid container id");
  else if (cgroup_path(path, sizeof path, id, "cgroup.procs"), access(path, F_OK) < 0) send_error(req, "NotFound", "no such container: %s", id);
  else helper_start(req, "listing the container's processes", top_helper, &job);
  free(id);
}

void op_stats(uint32_t req, const struct record *r) {
  char *id = rec_get(r, "id", 0), path[256], buf[4096];
  cgroup_path(path, sizeof path, valid_name(id) ? id : "-", NULL);
  if (!valid_name(id) || access(path, F_OK) < 0) {
    send_error(req, "NotFound", "no such container: %s", id ? id : "");
    free(id);
    return;
  }
  struct out o = {0};
  add_file(&o, "memory.current", id, "memory.current");
  add_file(&o, "memory.max", id, "memory.max");
  add_file(&o, "memory.stat", id, "memory.stat");
  add_file(&o, "memory.events", id, "memory.events");
  add_file(&o, "cpu.stat", id, "cpu.stat");
  add_file(&o, "pids.current", id, "pids.current");
  add_file(&o, "pids.max", id, "pids.max");
  /* The time CPU time is measured against: /proc/stat's ticks fall behind cpu.stat's usage
   * when the emulator delivers timer interrupts late, and a busy container then read 200 %. */
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  out_num(&o, "clock", (long long)now.tv_sec * 1000000000LL + now.tv_nsec);
  pid_t init = container_init_pid(id);
  if (init) {
    snprintf(path, sizeof path, "/proc/%d/net/dev", init);
    if (read_file(path, buf, sizeof buf) > 0) out_str(&o, "net.dev", buf);
  }
  out_num(&o, "cpus", sysconf(_SC_NPROCESSORS_ONLN));
  send_ok(req, &o);
  free(id);
}
