/* Tools that live on the engine's side until first used (guest/build-tools.sh): /usr/bin/curl
 * starts as a link to this binary. Run by that name, it asks the engine for the tool's archive
 * over /run/drydock/tools.sock (the engine answers with the archive's path on the 9p tree, or
 * "error: why"), unpacks it over / with busybox tar, renames the real binary over the link and
 * runs it. Every later run is the tool's own binary, with no detour. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>
#include "agent.h"

#define TOOLS_SOCKET "/run/drydock/tools.sock"

static void __attribute__((noreturn)) fail(const char *tool, const char *why) {
  fprintf(stderr, "%s: cannot be installed in the guest: %s\n", tool, why);
  exit(127);
}

/* The archive's path in the guest, as the engine says it; the connection stays open until the
 * archive is unpacked (the engine then drops its copy). */
static int ask_engine(const char *tool, char *path, size_t n) {
  struct sockaddr_un sa = {.sun_family = AF_UNIX, .sun_path = TOOLS_SOCKET};
  int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0 || connect(fd, (struct sockaddr *)&sa, sizeof sa) < 0) fail(tool, "the engine does not answer on " TOOLS_SOCKET);
  char line[512];
  snprintf(line, sizeof line, "%s\n", tool);
  write_all(fd, line, strlen(line));
  size_t len = 0;
  ssize_t got;
  while (len < sizeof line - 1 && (got = read(fd, line + len, sizeof line - 1 - len)) > 0) {
    len += (size_t)got;
    if (memchr(line, '\n', len)) break;
  }
  line[len] = 0;
  char *end = strchr(line, '\n');
  if (!end) fail(tool, "the engine's answer was cut short");
  *end = 0;
  if (strncmp(line, "/", 1)) fail(tool, line);
  snprintf(path, n, "%s", line);
  return fd;
}

int tool_main(const char *tool, int argc, char **argv) {
  (void)argc;
  char path[512], staged[128], final[128], lock[128];
  snprintf(staged, sizeof staged, "/usr/bin/.%s.new", tool);
  snprintf(final, sizeof final, "/usr/bin/%s", tool);
  snprintf(lock, sizeof lock, "/run/drydock/%s.install", tool);
  /* One install at a time (`curl a & curl b`): the second finds the tool there once it may go. */
  mkdir_p("/run/drydock", 0755);
  int held = open(lock, O_CREAT | O_RDWR | O_CLOEXEC, 0600);
  if (held >= 0) flock(held, LOCK_EX);
  struct stat st;
  if (lstat(final, &st) == 0 && S_ISREG(st.st_mode)) {
    execv(final, argv);
    fail(tool, strerror(errno));
  }
  if (isatty(STDERR_FILENO)) fprintf(stderr, "(first use: installing Debian's %s in the guest)\n", tool);
  int sock = ask_engine(tool, path, sizeof path);
  pid_t pid = fork();
  if (pid == 0) {
    execl("/bin/busybox", "tar", "-xf", path, "-C", "/", (char *)NULL);
    _exit(127);
  }
  int status = 0;
  if (pid < 0 || waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status)) fail(tool, "unpacking its archive failed");
  if (rename(staged, final) < 0) fail(tool, strerror(errno));
  close(sock);
  execv(final, argv);
  fail(tool, strerror(errno));
}
