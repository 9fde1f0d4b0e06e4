/* rm_rf against trees a container can build in its writable layer: a directory whose path is
 * 4094 characters long holding two entries, 10k and 100k nested directories, names of 255
 * characters, a symbolic link out of the tree and a mount inside it. Removal runs on a thread
 * with a 256 KiB stack and at most 64 open descriptors, so that neither may grow with the depth. */
#include "harness.h"
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>

struct job {
  const char *path;
  int rc, err;
};

static void *remove_job(void *arg) {
  struct job *j = arg;
  j->rc = rm_rf(j->path);
  j->err = errno;
  return NULL;
}

/* rm_rf(path) on a small stack with few descriptors; its result, errno in *err. */
static int remove_bounded(const char *path, const char *what, int *err) {
  struct rlimit was, few = {64, 64};
  getrlimit(RLIMIT_NOFILE, &was);
  few.rlim_max = was.rlim_max;
  CHECK(setrlimit(RLIMIT_NOFILE, &few) == 0, "lowering the descriptor limit: %s", strerror(errno));
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, 256 * 1024);
  pthread_t t;
  struct job j = {path, 0, 0};
  bound(120, what);
  CHECK(pthread_create(&t, &attr, remove_job, &j) == 0, "starting a thread");
  pthread_join(t, NULL);
  unbound();
  pthread_attr_destroy(&attr);
  setrlimit(RLIMIT_NOFILE, &was);
  if (err) *err = j.err;
  return j.rc;
}

/* depth directories named `name`, one in the other, under dir; the deepest one, open. */
static int nest(int dir, const char *name, int depth) {
  int fd = dup(dir);
  for (int i = 0; i < depth; i++) {
    CHECK(mkdirat(fd, name, 0755) == 0, "mkdir at depth %d: %s", i, strerror(errno));
    int next = openat(fd, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    CHECK(next >= 0, "opening depth %d: %s", i, strerror(errno));
    close(fd);
    fd = next;
  }
  return fd;
}

static void touch(int dir, const char *name) {
  int fd = openat(dir, name, O_CREAT | O_WRONLY | O_CLOEXEC, 0644);
  CHECK(fd >= 0, "creating %s: %s", name, strerror(errno));
  close(fd);
}

static void gone(const char *path, const char *what) {
  struct stat st;
  CHECK(lstat(path, &st) < 0 && errno == ENOENT, "%s: %s is still there", what, path);
}

static void long_path(void) {
  char base[PATH_MAX];
  CHECK(mkdir("long", 0755) == 0 && realpath("long", base), "making long/");
  int root = open(base, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  /* Components of up to 200 characters until the deepest directory's path is 4094 long. */
  size_t len = strlen(base);
  int fd = dup(root);
  while (len < 4094) {
    size_t n = 4094 - len - 1 < 200 ? 4094 - len - 1 : 200;
    if (4094 - len - 1 - n > 0 && 4094 - len - 1 - n < 2) n -= 2; /* leave room for one more "/x" */
    char name[256];
    memset(name, 'a', n);
    name[n] = 0;
    int next = nest(fd, name, 1);
    close(fd);
    fd = next;
    len += 1 + n;
  }
  CHECK(len == 4094, "the deepest path is %zu long", len);
  int two = nest(fd, "x", 1);
  touch(two, "file");
  close(two);
  two = nest(fd, "y", 1);
  close(two);
  close(fd);
  close(root);
  int err;
  CHECK(remove_bounded(base, "a 4094-character directory with two entries", &err) == 0, "rm_rf: %s", strerror(err));
  gone(base, "a 4094-character path");
}

static void deep(int depth, const char *name, const char *what) {
  CHECK(mkdir("deep", 0755) == 0, "making deep/");
  int root = open("deep", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  int fd = nest(root, name, depth);
  touch(fd, "leaf");
  close(fd);
  close(root);
  int err;
  CHECK(remove_bounded("deep", what, &err) == 0, "%s: rm_rf: %s", what, strerror(err));
  gone("deep", what);
}

/* Several entries per level and a link out of the tree: the link goes, its target stays. */
static void wide_with_link(void) {
  CHECK(mkdir("outside", 0755) == 0, "making outside/");
  int out = open("outside", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  touch(out, "keep");
  close(out);
  CHECK(mkdir("wide", 0755) == 0, "making wide/");
  int root = open("wide", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  for (int i = 0; i < 20; i++) {
    char name[16];
    snprintf(name, sizeof name, "d%d", i);
    int fd = nest(root, name, 3);
    touch(fd, "f");
    CHECK(symlinkat("../../../../outside", fd, "out") == 0, "symlink: %s", strerror(errno));
    CHECK(mkfifoat(fd, "fifo", 0644) == 0, "mkfifo: %s", strerror(errno));
    close(fd);
  }
  close(root);
  int err;
  CHECK(remove_bounded("wide", "a wide tree", &err) == 0, "rm_rf: %s", strerror(err));
  gone("wide", "a wide tree");
  struct stat st;
  CHECK(stat("outside/keep", &st) == 0, "a file outside the tree, behind a link, was removed");
}

/* A mount inside the tree (in a mount namespace of our own): what it holds is not removed. */
static int mount_inside(void) {
  pid_t pid = fork();
  if (pid == 0) {
    if (unshare(CLONE_NEWNS) < 0) _exit(77);
    mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL);
    CHECK(mkdir("mnt", 0755) == 0 && mkdir("mnt/m", 0755) == 0, "making mnt/m");
    CHECK(mount("tmpfs", "mnt/m", "tmpfs", 0, NULL) == 0, "mounting: %s", strerror(errno));
    int m = open("mnt/m", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    int fd = nest(m, "sub", 2);
    touch(fd, "keep");
    close(fd);
    close(m);
    int err;
    CHECK(remove_bounded("mnt", "a tree with a mount", &err) < 0, "removing a tree with a mount in it succeeded");
    struct stat st;
    CHECK(stat("mnt/m/sub/sub/keep", &st) == 0, "rm_rf removed files inside a mount");
    umount2("mnt/m", MNT_DETACH);
    CHECK(rm_rf("mnt") == 0, "removing the tree once unmounted: %s", strerror(errno));
    _exit(0);
  }
  int status;
  waitpid(pid, &status, 0);
  CHECK(WIFEXITED(status) && (WEXITSTATUS(status) == 0 || WEXITSTATUS(status) == 77), "the mount case failed");
  return WEXITSTATUS(status);
}

int main(void) {
  CHECK(mkdir("trees", 0755) == 0 && chdir("trees") == 0, "making trees/");
  long_path();
  deep(10000, "d", "10k nested directories");
  deep(100000, "d", "100k nested directories");
  char name[256];
  memset(name, 'n', 255);
  name[255] = 0;
  deep(300, name, "300 nested directories of 255-character names");
  wide_with_link();
  CHECK(rm_rf("no-such-thing") == 0, "removing nothing failed");
  if (mount_inside() == 77) {
    fprintf(stderr, "the mount case needs a mount namespace (unshare: not permitted); every other case passed\n");
    return 77;
  }
  return 0;
}
