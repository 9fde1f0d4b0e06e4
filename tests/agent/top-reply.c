/* top's reply fits one frame whatever the container runs: here 100 processes whose command
 * lines are 4 KiB each (a container chooses its command lines). Rows past the frame are left
 * out, and the reply says how many. */
#include "harness.h"
#include <sys/wait.h>

int main(int argc, char **argv) {
  (void)argv;
  if (argc > 1) pause(); /* the child, with its long command line */
  char arg[4000];
  memset(arg, 'x', sizeof arg - 1);
  arg[sizeof arg - 1] = 0;
  pid_t child = fork();
  if (child == 0) {
    die_with_parent();
    execl("/proc/self/exe", "top-reply", arg, (char *)NULL);
    _exit(127);
  }
  /* Wait until the child runs with its command line. */
  char path[64], buf[64];
  snprintf(path, sizeof path, "/proc/%d/cmdline", child);
  bound(30, "the child starting");
  while (read_file(path, buf, sizeof buf) < 20 || strcmp(buf, "top-reply")) usleep(1000);
  unbound();
  FILE *procs = tmpfile();
  for (int i = 0; i < 100; i++) fprintf(procs, "%d\n", child);
  rewind(procs);
  struct out o = {0};
  top_report(procs, &o);
  fclose(procs);
  kill(child, SIGKILL);
  waitpid(child, NULL, 0);
  /* The reply is this record and "ok". */
  CHECK(o.len + 8 <= FRAME_MAX, "the reply is %zu bytes, a frame holds %d", o.len + 8, FRAME_MAX);
  struct record r = {o.buf, o.len};
  int rows = rec_count(&r, "proc");
  long dropped = rec_long(&r, "truncated", 0);
  CHECK(rows > 0 && rows < 100, "%d rows", rows);
  CHECK(dropped == 100 - rows, "truncated says %ld, %d rows of 100 were sent", dropped, rows);
  CHECK(rec_count(&r, "hz") == 1 && rec_count(&r, "btime") == 1, "hz and btime are missing");
  char *row = rec_get(&r, "proc", 0);
  CHECK(row && strstr(row, "xxxx"), "the first row is %s", row ? row : "(none)");
  free(row);
  out_free(&o);

  /* send_frame refuses what no engine would take: it would read inside the payload for frames. */
  int sv[2];
  CHECK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0, "socketpair");
  channel_use(sv[1]);
  /* The frames go out from a child, so that the socket is read while it writes. */
  pid_t sender = fork();
  if (sender == 0) {
    die_with_parent();
    static uint8_t big[FRAME_MAX + 1];
    send_frame(F_DATA, 1, 5, big, sizeof big);
    send_frame(F_DATA, 1, 6, big, FRAME_MAX);
    while (channel_queued()) {
      struct pollfd w = {.fd = sv[1], .events = POLLOUT};
      poll(&w, 1, -1);
      channel_flush();
    }
    _exit(0);
  }
  close(sv[1]);
  struct frame f;
  bound(30, "reading the frames");
  CHECK(next_frame(sv[0], &f, -1) && f.id == 6 && f.len == FRAME_MAX, "the first frame was not the one that fits");
  free(f.payload);
  unbound();
  waitpid(sender, NULL, 0);
  return 0;
}
