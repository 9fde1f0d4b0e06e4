/* Starting a process: the parent's half (pipes or a pty, the cgroup, the child's verdict) and
 * the child's last steps (user, capabilities, cwd, stdio, the PATH lookup, exec). */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <grp.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>
#include "agent.h"

#define DEFAULT_PATH "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
#define DEFAULT_WINDOW (256 * 1024)

void spawn_read(struct spawn *s, const struct record *r) {
  memset(s, 0, sizeof *s);
  s->argv = rec_list(r, "arg");
  s->env = rec_list(r, "env");
  s->cwd = rec_get(r, "cwd", 0);
  s->user = rec_get(r, "user", 0);
  s->tty = rec_long(r, "tty", 0);
  s->open_stdin = rec_long(r, "stdin", 0);
  s->privileged = rec_long(r, "privileged", 0);
  s->caps = capabilities_of(r);
  s->no_new_privs = rec_long(r, "noNewPrivileges", 0);
  s->rows = rec_long(r, "rows", 24);
  s->cols = rec_long(r, "cols", 80);
  s->window = (uint32_t)rec_long(r, "window", DEFAULT_WINDOW);
  s->pidns = -2;
}

static void free_list(char **l) {
  for (char **p = l; p && *p; p++) free(*p);
  free(l);
}

void spawn_free(struct spawn *s) {
  free_list(s->argv);
  free_list(s->env);
  free(s->cwd);
  free(s->user);
}

void child_fail(int errfd, int code, const char *fmt, ...) {
  char msg[1024];
  int n = snprintf(msg, sizeof msg, "%d ", code);
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg + n, sizeof msg - n, fmt, ap);
  va_end(ap);
  write_all(errfd, msg, strlen(msg));
  _exit(code);
}

/* ---- the child ---- */

static const char *env_get(char **env, const char *name) {
  size_t n = strlen(name);
  for (char **e = env; e && *e; e++)
    if (!strncmp(*e, name, n) && (*e)[n] == '=') return *e + n + 1;
  return NULL;
}

/* The executable the way runc finds it: a path as given, else the first match on $PATH. */
static void find_executable(const char *name, const char *path, char *out, size_t n, int errfd) {
  struct stat st;
  if (strchr(name, '/')) {
    if (stat(name, &st) < 0) child_fail(errfd, 127, "exec: \"%s\": stat %s: %s", name, name, errtext(errno));
    snprintf(out, n, "%s", name);
    return;
  }
  char dirs[4096];
  snprintf(dirs, sizeof dirs, "%s", path ? path : DEFAULT_PATH);
  for (char *p = dirs, *dir; (dir = strsep(&p, ":"));) {
    snprintf(out, n, "%s/%s", *dir ? dir : ".", name);
    if (stat(out, &st) == 0 && S_ISREG(st.st_mode) && (st.st_mode & 0111)) return;
  }
  child_fail(errfd, 127, "exec: \"%s\": executable file not found in $PATH", name);
}

/* A pty from the devpts the process sees; the master goes back to the agent. */
static void open_tty(const struct spawn *s, int sock, int stdio[3], int errfd) {
  int master = open("/dev/ptmx", O_RDWR | O_NOCTTY | O_CLOEXEC);
  if (master < 0 || unlockpt(master) < 0) child_fail(errfd, 126, "opening a terminal: %s", errtext(errno));
  char name[64];
  ptsname_r(master, name, sizeof name);
  int slave = open(name, O_RDWR | O_NOCTTY | O_CLOEXEC);
  if (slave < 0) child_fail(errfd, 126, "opening %s: %s", name, errtext(errno));
  if (s->console) mount(name, "/dev/console", NULL, MS_BIND, NULL);
  if (send_fd(sock, master) < 0) child_fail(errfd, 126, "passing the terminal: %s", errtext(errno));
  close(master);
  stdio[0] = stdio[1] = stdio[2] = slave;
}

void spawn_finish(const struct spawn *s, int stdio[3], int errfd, int sock) {
  if (!s->argv[0]) child_fail(errfd, 126, "no command specified");
  if (s->tty) open_tty(s, sock, stdio, errfd);
  struct ids ids;
  char err[1024];
  if (resolve_user(s->user, "/etc/passwd", "/etc/group", &ids, err, sizeof err) < 0) child_fail(errfd, 126, "%s", err);

  /* HOME as runc sets it when the image did not. */
  int n = 0;
  while (s->env[n]) n++;
  char **env = calloc(n + 2, sizeof(char *));
  memcpy(env, s->env, n * sizeof(char *));
  if (!env_get(env, "HOME")) {
    env[n] = malloc(strlen(ids.home) + 6);
    sprintf(env[n], "HOME=%s", ids.home);
  }

  if (s->cwd && *s->cwd) {
    mkdir_p(s->cwd, 0755);
    if (chdir(s->cwd) < 0)
      child_fail(errfd, 126, "chdir to cwd (\"%s\") set in config.json failed: %s", s->cwd, errtext(errno));
  }

  setsid();
  int null = -1;
  for (int i = 0; i < 3; i++) {
    int fd = stdio[i];
    if (fd < 0) {
      if (null < 0) null = open("/dev/null", O_RDWR | O_CLOEXEC);
      fd = null;
    }
    /* Every descriptor here closes on exec but the copies dup2 makes; one already in place
     * keeps its own, cleared. */
    if (fd == i) fcntl(i, F_SETFD, 0);
    else if (fd >= 0) dup2(fd, i);
  }
  if (s->tty) {
    ioctl(0, TIOCSCTTY, 0);
    struct winsize ws = {.ws_row = (unsigned short)s->rows, .ws_col = (unsigned short)s->cols};
    ioctl(0, TIOCSWINSZ, &ws);
  }

  if (setgroups(ids.ngroups, ids.groups) < 0 || setgid(ids.gid) < 0 || drop_bounding_set(s) < 0 ||
      setuid(ids.uid) < 0)
    child_fail(errfd, 126, "unable to set user %s: %s", s->user ? s->user : "0", errtext(errno));
  if (apply_security(s, ids.uid == 0) < 0)
    child_fail(errfd, 126, "unable to apply capabilities: %s", errtext(errno));

  char exe[4096];
  find_executable(s->argv[0], env_get(env, "PATH"), exe, sizeof exe, errfd);
  signal(SIGPIPE, SIG_DFL);
  sigset_t none;
  sigemptyset(&none);
  sigprocmask(SIG_SETMASK, &none, NULL);
  execve(exe, s->argv, env);
  child_fail(errfd, errno == ENOENT ? 127 : 126, "exec: \"%s\": %s", s->argv[0],
             errno == EACCES ? "permission denied" : errtext(errno));
}

/* ---- the parent ---- */

#define START_MS 10000

/* A process between its fork and its verdict: the pipe that closes on exec or carries
 * "CODE message", and first, with a tty, the socket that brings the pty's master. */
struct starting {
  uint32_t req;
  struct proc *p;
  int sock, verdict, master, in, out, err;
  int tty, open_stdin;
  uint32_t window;
  char msg[1100];
  size_t got;
};

static void start_failed(uint32_t req, const char *kind, int code, const char *message) {
  struct out o = {0};
  out_str(&o, "error", message);
  out_str(&o, "kind", kind);
  out_num(&o, "exitCode", code);
  send_record(F_REPLY, req, &o);
}

static void close_all(const int *fds, int n) {
  for (int i = 0; i < n; i++)
    if (fds[i] >= 0) close(fds[i]);
}

/* The verdict is in (or the time is up: failure says so). */
static void start_finish(struct pending *w, const char *failure) {
  struct starting *st = w->ctx;
  struct proc *p = st->p;
  int code = 126;
  st->msg[st->got] = 0;
  if (!failure && st->got) {
    char *space = strchr(st->msg, ' ');
    code = atoi(st->msg);
    failure = space ? space + 1 : st->msg;
  } else if (!failure && st->tty && st->master < 0) {
    failure = "the process's terminal was not set up";
  }
  int pipes[] = {st->sock, st->verdict};
  close_all(pipes, 2);
  if (failure) {
    /* Not reaped here: its exit comes through SIGCHLD like any other, and nobody waits on it. */
    if (p->pid > 0 && !p->exited) kill(p->pid, SIGKILL);
    if (p->init) endpoint_release(p->container);
    int fds[] = {st->in, st->out, st->err, st->master};
    close_all(fds, 4);
    proc_free(p);
    start_failed(st->req, "StartFailed", code, failure);
  } else {
    p->starting = 0;
    p->tty = st->tty;
    p->credit = st->window;
    if (p->init) p->oom_kills_before = cgroup_oom_kills(p->container);
    if (st->tty) {
      p->fds[0] = st->open_stdin ? st->master : -1;
      p->fds[1] = st->master;
    } else {
      p->fds[0] = st->in;
      p->fds[1] = st->out;
      p->fds[2] = st->err;
    }
    for (int i = 0; i < 3; i++)
      if (p->fds[i] >= 0) set_nonblock(p->fds[i]);
    struct out o = {0};
    out_num(&o, "pid", p->pid);
    send_ok(st->req, &o);
    if (st->open_stdin) {
      uint8_t c[4] = {STDIN_WINDOW & 0xff, (STDIN_WINDOW >> 8) & 0xff, (STDIN_WINDOW >> 16) & 0xff, 0};
      send_frame(F_CREDIT, 0, p->id, c, 4);
    }
  }
  pending_free(w);
  free(st);
}

static void start_step(struct pending *w, enum pending_why why, short revents) {
  struct starting *st = w->ctx;
  (void)revents;
  if (why == PENDING_EXPIRED) start_finish(w, "the process did not start within 10 s");
  if (why != PENDING_READY) return;
  if (w->fd == st->sock) {
    st->master = recv_fd(st->sock);
    close(st->sock);
    st->sock = -1;
    w->fd = st->verdict;
    return;
  }
  ssize_t n = read(st->verdict, st->msg + st->got, sizeof st->msg - 1 - st->got);
  if (n < 0 && (errno == EAGAIN || errno == EINTR)) return;
  if (n > 0) st->got += (size_t)n;
  if (n <= 0 || st->got == sizeof st->msg - 1) start_finish(w, n < 0 ? "reading the process's verdict failed" : NULL);
}

/* Everything up to the fork and the child's go-ahead; the rest happens in start_step. */
static const char *start_child(struct starting *st, struct pending *w, const char *container, const struct spawn *s,
                               child_fn fn, void *ctx, char *err, size_t errlen) {
  int in[2] = {-1, -1}, out[2] = {-1, -1}, errp[2] = {-1, -1}, sync[2] = {-1, -1}, verdict[2] = {-1, -1},
      sock[2] = {-1, -1};
  int made = pipe2(sync, O_CLOEXEC) == 0 && pipe2(verdict, O_CLOEXEC) == 0;
  if (made && s->tty) made = socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sock) == 0;
  else if (made) made = (!s->open_stdin || pipe2(in, O_CLOEXEC) == 0) && pipe2(out, O_CLOEXEC) == 0 && pipe2(errp, O_CLOEXEC) == 0;
  if (!made) {
    snprintf(err, errlen, "creating the process's pipes: %s", errtext(errno));
    int all[] = {in[0], in[1], out[0], out[1], errp[0], errp[1], sync[0], sync[1], verdict[0], verdict[1], sock[0], sock[1]};
    close_all(all, 12);
    return err;
  }
  if (s->pidns == -1) unshare(CLONE_NEWPID);
  else if (s->pidns >= 0) setns(s->pidns, CLONE_NEWPID);
  pid_t pid = fork();
  if (s->pidns != -2) setns(self_pidns, CLONE_NEWPID);
  if (pid == 0) {
    /* First of all, before it reads a single file of the container's: the child keeps its own
     * pipes and nothing else of the agent's (the channel, listeners, other processes' pipes). */
    int keep[16] = {sync[0], verdict[1], sock[1], in[0], out[1], errp[1]}, nkeep = 6;
    for (int i = 0; i < s->nkeep && nkeep < 16; i++) keep[nkeep++] = s->keep[i];
    close_other_fds(keep, nkeep);
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    int stdio[3] = {in[0], out[1], errp[1]};
    fn(ctx, sync[0], verdict[1], sock[1], stdio);
    _exit(126);
  }
  int child_ends[] = {sync[0], verdict[1], in[0], out[1], errp[1], sock[1]};
  close_all(child_ends, 6);
  st->sock = sock[0], st->verdict = verdict[0], st->in = in[1], st->out = out[0], st->err = errp[0];
  const char *failure = NULL;
  if (pid < 0) failure = (snprintf(err, errlen, "fork: %s", errtext(errno)), err);
  if (!failure && container[0]) {
    char path[256], num[16];
    cgroup_path(path, sizeof path, container, "cgroup.procs");
    snprintf(num, sizeof num, "%d", pid);
    if (write_file(path, num) < 0) failure = (snprintf(err, errlen, "joining the container's cgroup: %s", errtext(errno)), err);
  }
  if (!failure) write_all(sync[1], "1", 1);
  close(sync[1]);
  if (pid > 0) st->p->pid = pid;
  set_nonblock(st->verdict);
  w->fd = s->tty ? st->sock : st->verdict;
  w->events = POLLIN;
  w->deadline = now_ms() + START_MS;
  return failure;
}

void spawn_reply(uint32_t req, uint32_t stream, const char *container, int init, struct spawn *s, child_fn fn,
                 void *ctx) {
  char err[1024];
  if (proc_find(stream)) {
    snprintf(err, sizeof err, "stream %u is in use", stream);
    start_failed(req, "StartFailed", 126, err);
    return;
  }
  if (init && proc_init_of(container)) {
    send_error(req, "Conflict", "container %s is already running", container);
    return;
  }
  /* The slot before the fork: a full table must say so, not be found full once it ran. */
  struct proc *p = proc_new(stream);
  struct starting *st = malloc(sizeof *st);
  struct pending *w = p ? pending_new(start_step, st) : NULL;
  if (!w) {
    if (p) proc_free(p);
    free(st);
    snprintf(err, sizeof err, p ? BUSY : NO_ROOM, p ? MAX_PENDING : MAX_PROCS);
    start_failed(req, "Unavailable", 126, err);
    return;
  }
  /* Starting: a slot whose process is not the engine's yet (no streams, no exit report). */
  p->starting = 1;
  p->init = init;
  snprintf(p->container, sizeof p->container, "%s", container);
  *st = (struct starting){.req = req, .p = p, .sock = -1, .verdict = -1, .master = -1, .in = -1, .out = -1, .err = -1,
                          .tty = s->tty, .open_stdin = s->open_stdin, .window = s->window};
  const char *failure = start_child(st, w, container, s, fn, ctx, err, sizeof err);
  if (failure) start_finish(w, failure);
}
