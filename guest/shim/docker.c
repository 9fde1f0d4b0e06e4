/* docker: the guest's `docker` command, a shim, built into drydock-agent's binary (/usr/bin/docker
 * links to it: one static glibc in the initramfs, not two). The docker CLI itself runs in the engine; this
 * hands it argv, the cwd, the environment and the terminal's facts, then carries stdio,
 * terminal sizes and signals over /run/drydock/cli.sock, which drydock-agent holds for the
 * engine. The frames are described in src/engine/cli/shim/shim-frames.ts. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <termios.h>
#include <unistd.h>

#define SOCKET_PATH "/run/drydock/cli.sock"
/* What docker says when its daemon is not there, word for word. */
#define NO_DAEMON "Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?\n"
#define CHUNK (16 * 1024)
#define FILE_MAX (8 * 1024 * 1024) /* what 'F' reads, 'T' lists and 'P' writes at most */
#define PATH_LEN 4096

extern char **environ;

/* drydock-agent's (util.c): the shim is linked into the same binary. */
int mkdir_p(const char *path, mode_t mode);
int rm_rf(const char *path);
int write_all(int fd, const void *buf, size_t len);

struct buf {
  uint8_t *data;
  size_t len, cap;
};

static int sock = -1;
static struct buf out;   /* frames not yet taken by the socket */
static int out_broken;   /* the socket refused a write: nothing more goes out */
static int stdin_wanted; /* the engine asked for stdin ('N' 1) */
static int stdin_ended;  /* its end was sent */
static int tty = -1;     /* the terminal whose size the engine is told */
static int raw;          /* stdin's terminal is in raw mode; `saved` puts it back */
static struct termios saved;

static void restore_terminal(void) {
  if (raw) tcsetattr(STDIN_FILENO, TCSANOW, &saved);
  raw = 0;
}

static void __attribute__((noreturn)) quit(int status, const char *message) {
  restore_terminal();
  if (message) fputs(message, stderr);
  exit(status);
}

static void buf_put(struct buf *b, const void *data, size_t n) {
  if (n == 0) return;
  if (b->len + n > b->cap) {
    b->cap = (b->len + n) * 2 + 256;
    if (!(b->data = realloc(b->data, b->cap))) quit(1, "docker: out of memory\n");
  }
  memcpy(b->data + b->len, data, n);
  b->len += n;
}

static void buf_u32(struct buf *b, uint32_t v) {
  uint8_t le[4] = {v & 0xff, (v >> 8) & 0xff, (v >> 16) & 0xff, v >> 24};
  buf_put(b, le, 4);
}

static void buf_u64(struct buf *b, uint64_t v) {
  buf_u32(b, (uint32_t)v);
  buf_u32(b, (uint32_t)(v >> 32));
}

/* One field of the agent's record encoding: u8 key length, key, u32 LE value length, value. */
static void field(struct buf *b, const char *key, const char *val) {
  uint8_t kl = (uint8_t)strlen(key);
  buf_put(b, &kl, 1);
  buf_put(b, key, kl);
  buf_u32(b, (uint32_t)strlen(val));
  buf_put(b, val, strlen(val));
}

static void send_frame(uint8_t type, const void *payload, size_t n) {
  if (out_broken) return;
  buf_put(&out, &type, 1);
  buf_u32(&out, (uint32_t)n);
  buf_put(&out, payload, n);
}

static void flush_out(void) {
  ssize_t n = send(sock, out.data, out.len, MSG_NOSIGNAL);
  if (n < 0) {
    if (errno == EAGAIN || errno == EINTR) return;
    out_broken = 1; /* the engine went: its end of file follows */
    n = (ssize_t)out.len;
  }
  memmove(out.data, out.data + n, out.len - (size_t)n);
  out.len -= (size_t)n;
}

static void send_start(int argc, char **argv) {
  struct buf r = {0};
  for (int i = 1; i < argc; i++) field(&r, "arg", argv[i]);
  char *cwd = getcwd(NULL, 0);
  field(&r, "cwd", cwd ? cwd : "");
  free(cwd);
  /* All of it: DOCKER_HOST and friends, and `-e NAME` takes NAME's value from here. */
  for (char **e = environ; *e; e++) field(&r, "env", *e);
  field(&r, "stdinTty", isatty(STDIN_FILENO) ? "1" : "0");
  field(&r, "stdoutTty", isatty(STDOUT_FILENO) ? "1" : "0");
  field(&r, "stderrTty", isatty(STDERR_FILENO) ? "1" : "0");
  const int order[] = {STDOUT_FILENO, STDIN_FILENO, STDERR_FILENO};
  for (int i = 0; i < 3 && tty < 0; i++)
    if (isatty(order[i])) tty = order[i];
  struct winsize ws = {0};
  if (tty >= 0) ioctl(tty, TIOCGWINSZ, &ws);
  char num[16];
  snprintf(num, sizeof num, "%u", ws.ws_row);
  field(&r, "rows", num);
  snprintf(num, sizeof num, "%u", ws.ws_col);
  field(&r, "cols", num);
  send_frame('S', r.data, r.len);
  free(r.data);
}

static void send_size(void) {
  struct winsize ws;
  if (ioctl(tty, TIOCGWINSZ, &ws) < 0) return;
  uint8_t p[4] = {ws.ws_row & 0xff, ws.ws_row >> 8, ws.ws_col & 0xff, ws.ws_col >> 8};
  send_frame('W', p, 4);
}

/* Docker's raw mode for -it: what cfmakeraw does (no echo, no line editing, no signals keys). */
static void make_raw(void) {
  if (raw || !isatty(STDIN_FILENO) || tcgetattr(STDIN_FILENO, &saved) < 0) return;
  struct termios t = saved;
  cfmakeraw(&t);
  raw = tcsetattr(STDIN_FILENO, TCSANOW, &t) == 0;
}

/* All of it, blocking: stdout and stderr are the shell's, so they are never made non-blocking. */
static void write_out(int fd, const uint8_t *p, size_t n) {
  while (n) {
    ssize_t w = write(fd, p, n);
    if (w < 0) {
      if (errno == EINTR) continue;
      if (errno == EAGAIN) {
        struct pollfd pfd = {.fd = fd, .events = POLLOUT};
        poll(&pfd, 1, -1);
        continue;
      }
      if (errno == EPIPE) {
        /* Nobody reads (`docker ps | head -1`): die of it, as programs do. */
        restore_terminal();
        signal(SIGPIPE, SIG_DFL);
        raise(SIGPIPE);
      }
      return;
    }
    p += w;
    n -= (size_t)w;
  }
}

static uint32_t le32(const uint8_t *p) { return p[0] | (p[1] << 8) | (p[2] << 16) | ((uint32_t)p[3] << 24); }

/* The engine's frames, taken as they come: output is written through as it arrives, so a
 * frame of any size needs no buffer; file requests are gathered in `req`; the others carry at
 * most 4 bytes. */
static struct {
  uint8_t head[5];
  size_t headlen;
  uint32_t left; /* payload bytes still to come */
  uint8_t small[4];
  size_t smalllen;
} in;

/* A file request ('F', 'L', 'T', 'P', 'U'), gathered whole before it is served; one too large to
 * be any request is refused whole. */
static struct buf req;
static int req_too_big;

/* 'D': 0 and the answer, or 1 and why not (strerror's words). */
static void answer(int err, const void *data, size_t n) {
  struct buf b = {0};
  uint8_t status = err ? 1 : 0;
  buf_put(&b, &status, 1);
  if (err) buf_put(&b, strerror(err), strlen(strerror(err)));
  else buf_put(&b, data, n);
  send_frame('D', b.data, b.len);
  free(b.data);
}

/* 'F': the CLI reads a file on the shell's side (--env-file, config.json), relative to our cwd. */
static void read_file(const char *path) {
  struct buf b = {0};
  int fd = open(path, O_RDONLY | O_CLOEXEC), err = fd < 0 ? errno : 0;
  while (!err) {
    uint8_t chunk[CHUNK];
    ssize_t n = read(fd, chunk, sizeof chunk);
    if (n == 0) break;
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) err = errno;
    else if (b.len + (size_t)n > FILE_MAX) err = EFBIG;
    else buf_put(&b, chunk, (size_t)n);
  }
  if (fd >= 0) close(fd);
  answer(err, b.data, b.len);
  free(b.data);
}

/* 'L': the names in a directory (the contexts), each ended by a NUL. */
static void list_dir(const char *path) {
  struct buf b = {0};
  DIR *d = opendir(path);
  int err = d ? 0 : errno;
  for (struct dirent *e; d && (e = readdir(d));)
    if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) buf_put(&b, e->d_name, strlen(e->d_name) + 1);
  if (d) closedir(d);
  answer(err, b.data, b.len);
  free(b.data);
}

static uint8_t type_letter(mode_t m) {
  if (S_ISREG(m)) return 'f';
  if (S_ISDIR(m)) return 'd';
  if (S_ISLNK(m)) return 'l';
  if (S_ISFIFO(m)) return 'p';
  if (S_ISSOCK(m)) return 's';
  if (S_ISCHR(m)) return 'c';
  if (S_ISBLK(m)) return 'b';
  return '?';
}

/* 'T': a directory's entries as lstat sees them, for docker build's walk of its context: u8
 * type, u32 LE mode bits, u64 LE size, i64 LE mtime, the name and a link's target, each ended
 * by a NUL. One call a directory, so an excluded node_modules is never listed at all. */
static void stat_dir(const char *path) {
  struct buf b = {0};
  DIR *d = opendir(path);
  int err = d ? 0 : errno;
  while (!err) {
    errno = 0;
    struct dirent *e = readdir(d);
    if (!e) {
      err = errno;
      break;
    }
    if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
    struct stat st;
    /* Gone since readdir (or unreadable): left out, as a walk that came a moment later would. */
    if (fstatat(dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) < 0) continue;
    char target[PATH_LEN];
    ssize_t n = S_ISLNK(st.st_mode) ? readlinkat(dirfd(d), e->d_name, target, sizeof target - 1) : 0;
    if (n < 0) n = 0;
    target[n] = 0;
    size_t name_len = strlen(e->d_name);
    if (b.len + 21 + name_len + 1 + (size_t)n + 1 > FILE_MAX) {
      err = EFBIG;
      break;
    }
    uint8_t type = type_letter(st.st_mode);
    buf_put(&b, &type, 1);
    buf_u32(&b, (uint32_t)(st.st_mode & 07777));
    buf_u64(&b, (uint64_t)st.st_size);
    buf_u64(&b, (uint64_t)(int64_t)st.st_mtime);
    buf_put(&b, e->d_name, name_len + 1);
    buf_put(&b, target, (size_t)n + 1);
  }
  if (d) closedir(d);
  answer(err, b.data, b.len);
  free(b.data);
}

/* 'P': u32 LE mode, the path, a NUL, the bytes. Written beside the file then renamed over it,
 * so a docker CLI reading it (ours or Docker's) never sees half of it. */
static int put_file(const uint8_t *p, size_t n) {
  const uint8_t *end = n > 4 ? memchr(p + 4, 0, n - 4) : NULL;
  if (!end) return EINVAL;
  if (end - (p + 4) >= PATH_LEN) return ENAMETOOLONG;
  const char *path = (const char *)p + 4;
  char dir[PATH_LEN], tmp[PATH_LEN + 32];
  snprintf(dir, sizeof dir, "%s", path);
  char *slash = strrchr(dir, '/');
  if (slash && slash != dir) *slash = 0;
  if (slash && slash != dir && mkdir_p(dir, 0755) < 0) return errno;
  snprintf(tmp, sizeof tmp, "%s.%d.tmp", path, (int)getpid());
  int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, (mode_t)(le32(p) & 07777));
  if (fd < 0) return errno;
  int err = write_all(fd, end + 1, n - (size_t)(end + 1 - p)) < 0 ? errno : 0;
  if (close(fd) < 0 && !err) err = errno;
  if (!err && rename(tmp, path) < 0) err = errno;
  if (err) unlink(tmp);
  return err;
}

static void serve_request(uint8_t type) {
  char path[PATH_LEN];
  if (req_too_big) answer(EFBIG, NULL, 0);
  else if (type == 'P') answer(put_file(req.data, req.len), NULL, 0);
  else if (req.len >= PATH_LEN) answer(ENAMETOOLONG, NULL, 0);
  else {
    memcpy(path, req.data, req.len);
    path[req.len] = 0;
    if (type == 'F') read_file(path);
    else if (type == 'L') list_dir(path);
    else if (type == 'T') stat_dir(path);
    else answer(rm_rf(path) < 0 ? errno : 0, NULL, 0); /* 'U' */
  }
}

static int is_request(uint8_t type) { return type == 'F' || type == 'L' || type == 'T' || type == 'P' || type == 'U'; }

static void frame_done(void) {
  uint8_t type = in.head[0], flag = in.smalllen >= 1 && in.small[0];
  in.headlen = 0;
  switch (type) {
  case 'R':
    if (flag) make_raw();
    else restore_terminal();
    break;
  case 'N':
    stdin_wanted = flag;
    break;
  case 'X':
    quit(in.smalllen == 4 ? (int)le32(in.small) : 1, NULL);
  case 'F':
  case 'L':
  case 'T':
  case 'P':
  case 'U':
    serve_request(type);
    break;
  }
}

static void take(const uint8_t *p, size_t n) {
  while (n) {
    if (in.headlen < sizeof in.head) {
      size_t k = sizeof in.head - in.headlen < n ? sizeof in.head - in.headlen : n;
      memcpy(in.head + in.headlen, p, k);
      in.headlen += k, p += k, n -= k;
      if (in.headlen < sizeof in.head) return;
      in.left = le32(in.head + 1);
      in.smalllen = req.len = 0;
      req_too_big = 0;
      if (in.left == 0) frame_done();
      continue;
    }
    size_t k = in.left < n ? in.left : n;
    if (in.head[0] == 'O' || in.head[0] == 'E') {
      write_out(in.head[0] == 'O' ? STDOUT_FILENO : STDERR_FILENO, p, k);
    } else if (is_request(in.head[0])) {
      if (req.len + k > FILE_MAX + PATH_LEN + 4) req_too_big = 1;
      else buf_put(&req, p, k);
    } else {
      for (size_t i = 0; i < k && in.smalllen < sizeof in.small; i++) in.small[in.smalllen++] = p[i];
    }
    in.left -= (uint32_t)k, p += k, n -= k;
    if (in.left == 0) frame_done();
  }
}

static void read_socket(int *received) {
  static uint8_t b[CHUNK];
  ssize_t n = read(sock, b, sizeof b);
  if (n < 0 && (errno == EAGAIN || errno == EINTR)) return;
  /* The end (or a reset) without an exit status: nobody answered, or the engine went away. */
  if (n <= 0) quit(1, *received ? "error during connect: unexpected EOF\n" : NO_DAEMON);
  *received = 1;
  take(b, (size_t)n);
}

static void read_stdin(void) {
  static uint8_t b[CHUNK];
  ssize_t n = read(STDIN_FILENO, b, sizeof b);
  if (n < 0 && (errno == EAGAIN || errno == EINTR)) return;
  if (n <= 0) stdin_ended = 1;
  send_frame('I', b, n > 0 ? (size_t)n : 0);
}

static void read_signals(int sfd) {
  struct signalfd_siginfo si;
  while (read(sfd, &si, sizeof si) == sizeof si) {
    uint8_t sig = (uint8_t)si.ssi_signo;
    if (sig != SIGWINCH) send_frame('K', &sig, 1);
    else if (tty >= 0) send_size();
  }
}

int shim_main(int argc, char **argv) {
  struct sockaddr_un sa = {.sun_family = AF_UNIX, .sun_path = SOCKET_PATH};
  sock = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (sock < 0 || connect(sock, (struct sockaddr *)&sa, sizeof sa) < 0) quit(1, NO_DAEMON);
  fcntl(sock, F_SETFL, fcntl(sock, F_GETFL) | O_NONBLOCK);
  signal(SIGPIPE, SIG_IGN);
  /* Caught, not fatal, from here on: the engine decides what a ^C means. */
  sigset_t mask;
  sigemptyset(&mask);
  sigaddset(&mask, SIGINT);
  sigaddset(&mask, SIGTERM);
  sigaddset(&mask, SIGHUP);
  sigaddset(&mask, SIGQUIT);
  sigaddset(&mask, SIGWINCH);
  sigprocmask(SIG_BLOCK, &mask, NULL);
  int sfd = signalfd(-1, &mask, SFD_NONBLOCK | SFD_CLOEXEC);
  send_start(argc, argv);

  int received = 0;
  for (;;) {
    struct pollfd p[3] = {
        {.fd = sock, .events = POLLIN | (out.len ? POLLOUT : 0)},
        {.fd = sfd, .events = POLLIN},
        {.fd = STDIN_FILENO, .events = POLLIN},
    };
    /* stdin only when asked, and one chunk at a time: what the engine does not take stays in
     * the terminal (or pipe) for whoever reads next, and the engine's output is never stuck
     * behind it. */
    int n = stdin_wanted && !stdin_ended && !out_broken && out.len == 0 ? 3 : 2;
    if (poll(p, n, -1) < 0) {
      if (errno == EINTR) continue;
      quit(1, "docker: poll failed\n");
    }
    if (p[1].revents) read_signals(sfd);
    if (p[0].revents & POLLOUT) flush_out();
    if (p[0].revents & (POLLIN | POLLHUP | POLLERR)) read_socket(&received);
    if (n == 3 && p[2].revents) read_stdin();
  }
}
