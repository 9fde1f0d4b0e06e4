/* rm -rf for trees a container built: one directory open at a time, entered with openat and left
 * with "..", read again from the start after each child it emptied. No path is ever put
 * together, so names and depth have no limit, and neither the stack nor the memory nor the
 * descriptors grow with the depth. It never follows a symbolic link and never enters another
 * file system (a mount point in its way is an error: rmdir says EBUSY, and st_dev differs). */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "agent.h"

/* Removes name in dir if it can; 1 when it is a directory that still has entries. */
static int remove_entry(int dir, const struct dirent *e) {
  if (e->d_type != DT_DIR && unlinkat(dir, e->d_name, 0) == 0) return 0;
  if (errno == ENOENT) return 0;
  if (e->d_type != DT_DIR && errno != EISDIR) return -1;
  if (unlinkat(dir, e->d_name, AT_REMOVEDIR) == 0 || errno == ENOENT) return 0;
  return errno == ENOTEMPTY || errno == EEXIST ? 1 : -1;
}

/* A directory under (or above) the current one, checked to be on the tree's file system. */
static DIR *enter(int dir, const char *name, dev_t dev, struct stat *st) {
  int fd = openat(dir, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) return NULL;
  if (fstat(fd, st) < 0 || st->st_dev != dev) {
    close(fd);
    errno = EXDEV;
    return NULL;
  }
  DIR *d = fdopendir(fd);
  if (!d) close(fd);
  return d;
}

/* Empties the directory d (the tree's top, st), closing d. */
static int empty(DIR *d, const struct stat *top) {
  size_t depth = 0;
  struct stat st;
  for (;;) {
    DIR *next = NULL;
    int rc = 0;
    while (!next && rc >= 0) {
      errno = 0;
      struct dirent *e = readdir(d);
      if (!e) {
        rc = errno ? -1 : 0;
        break;
      }
      if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
      if ((rc = remove_entry(dirfd(d), e)) == 1 && !(next = enter(dirfd(d), e->d_name, top->st_dev, &st))) rc = -1;
    }
    if (rc < 0) break;
    if (next) {
      closedir(d);
      d = next;
      depth++;
      continue;
    }
    if (depth == 0) return closedir(d);
    /* Back up: the parent is read again from its start, where the child now empty is. */
    if (!(next = enter(dirfd(d), "..", top->st_dev, &st))) break;
    closedir(d);
    d = next;
    depth--;
    /* Something moved a directory while we were inside: stop rather than climb out of the tree. */
    if ((st.st_ino == top->st_ino) != (depth == 0)) {
      errno = ESTALE;
      break;
    }
  }
  int saved = errno;
  closedir(d);
  errno = saved;
  return -1;
}

int rm_rf(const char *path) {
  struct stat top, st;
  if (lstat(path, &top) < 0) return errno == ENOENT ? 0 : -1;
  if (!S_ISDIR(top.st_mode)) return unlink(path);
  DIR *d = enter(AT_FDCWD, path, top.st_dev, &st);
  if (!d) return -1;
  if (empty(d, &st) < 0) return -1;
  return rmdir(path);
}
