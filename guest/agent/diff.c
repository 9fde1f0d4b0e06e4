/* diff: a container's upper dir as an OCI layer tar: what it added or changed, whiteouts
 * (.wh.NAME) for what it deleted and .wh..wh..opq for a directory it replaced. Written to a
 * path (the 9p tree), which moves bulk data far faster than the channel.
 *
 * The container may still run and change the tree while it is read, and it chose every name
 * and depth in it. So the walk holds one directory open at a time (down with openat, up with
 * ".." checked against the inode it came from), keeps its state on the heap, never builds a
 * path to open, and decides what each entry is from the descriptor it opened with O_PATH and
 * O_NOFOLLOW: a file swapped for a FIFO or a link between a look and an open is not followed,
 * and a device is never opened. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/xattr.h>
#include <unistd.h>
#include "agent.h"

/* Files Docker bind-mounts into every container; they are not the container's changes. */
static const char *skipped[] = {"etc/hostname", "etc/hosts", "etc/resolv.conf", NULL};

/* A directory being read: its entries, sorted, and where its own name ends in the path. */
struct level {
  char **names;
  size_t n, next, pathlen;
  dev_t dev;
  ino_t ino;
};

struct walk {
  struct tar t;
  int dir; /* the directory of the deepest level */
  struct level *levels;
  size_t depth, cap;
  struct out path; /* the entry's name in the tar (buf not terminated; see name()) */
  struct { dev_t dev; ino_t ino; char *path; } *links;
  size_t nlinks, linkcap;
  char *buf; /* file data and link targets */
  size_t bufcap;
};

static void grow(void **p, size_t *cap, size_t need, size_t size) {
  if (need <= *cap) return;
  *cap = need * 2 + 16;
  *p = realloc(*p, *cap * size);
}

/* path = the current directory's path, "/", name (and suffix); returned terminated. */
static const char *name_in(struct walk *w, size_t dirlen, const char *prefix, const char *name, const char *suffix) {
  size_t need = dirlen + 1 + strlen(prefix) + strlen(name) + strlen(suffix) + 1;
  grow((void **)&w->path.buf, &w->path.cap, need, 1);
  char *p = (char *)w->path.buf;
  w->path.len = dirlen;
  w->path.len += (size_t)sprintf(p + dirlen, "%s%s%s%s", dirlen ? "/" : "", prefix, name, suffix);
  return p;
}

static int cmp(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* Enters the directory fd (a fresh descriptor of it, st) whose path ends at pathlen. */
static int push(struct walk *w, int fd, const struct stat *st, size_t pathlen) {
  DIR *d = fdopendir(fd);
  if (!d) return close(fd), -1;
  struct level l = {.pathlen = pathlen, .dev = st->st_dev, .ino = st->st_ino};
  size_t cap = 0;
  errno = 0;
  for (struct dirent *e; (e = readdir(d));) {
    if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
    grow((void **)&l.names, &cap, l.n + 1, sizeof *l.names);
    l.names[l.n++] = strdup(e->d_name);
  }
  if (l.n) qsort(l.names, l.n, sizeof *l.names, cmp);
  /* The listing is taken; the level keeps a descriptor of its own to go on from. */
  int dir = dup(dirfd(d));
  closedir(d);
  if (dir < 0) {
    for (size_t i = 0; i < l.n; i++) free(l.names[i]);
    free(l.names);
    return -1;
  }
  grow((void **)&w->levels, &w->cap, w->depth + 1, sizeof *w->levels);
  w->levels[w->depth++] = l;
  if (w->dir >= 0) close(w->dir);
  w->dir = dir;
  return 0;
}

/* Leaves the deepest level for its parent, which must be the directory it came from. */
static int pop(struct walk *w) {
  struct level *l = &w->levels[--w->depth];
  for (size_t i = 0; i < l->n; i++) free(l->names[i]);
  free(l->names);
  if (!w->depth) return 0;
  int up = openat(w->dir, "..", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  struct stat st;
  struct level *parent = &w->levels[w->depth - 1];
  if (up < 0 || fstat(up, &st) < 0 || st.st_dev != parent->dev || st.st_ino != parent->ino) {
    if (up >= 0) close(up);
    return errno = ESTALE, -1; /* the container moved a directory while it was read */
  }
  close(w->dir);
  w->dir = up;
  return 0;
}

static void regular(struct walk *w, int fd, const char *name) {
  struct stat st;
  char proc[64];
  /* Opened again through the descriptor: the file fstat saw, whatever the name means now. */
  snprintf(proc, sizeof proc, "/proc/self/fd/%d", fd);
  int data = open(proc, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
  if (data < 0 || fstat(data, &st) < 0 || !S_ISREG(st.st_mode)) {
    if (data >= 0) close(data);
    return;
  }
  if (st.st_nlink > 1) {
    for (size_t k = 0; k < w->nlinks; k++) {
      if (w->links[k].dev == st.st_dev && w->links[k].ino == st.st_ino) {
        tar_entry(&w->t, name, &st, '1', w->links[k].path, 0);
        close(data);
        return;
      }
    }
    grow((void **)&w->links, &w->linkcap, w->nlinks + 1, sizeof *w->links);
    w->links[w->nlinks].dev = st.st_dev;
    w->links[w->nlinks].ino = st.st_ino;
    w->links[w->nlinks++].path = strdup(name);
  }
  tar_entry(&w->t, name, &st, '0', NULL, st.st_size);
  grow((void **)&w->buf, &w->bufcap, 65536, 1);
  long long left = st.st_size;
  ssize_t got;
  while (left > 0 && (got = read(data, w->buf, (size_t)(left < 65536 ? left : 65536))) > 0) {
    tar_write(&w->t, w->buf, (size_t)got);
    left -= got;
  }
  close(data);
  /* A file that shrank while being read still fills the size its header promised. */
  memset(w->buf, 0, 65536);
  while (left > 0) {
    size_t k = left > 65536 ? 65536 : (size_t)left;
    tar_write(&w->t, w->buf, k);
    left -= (long long)k;
  }
  tar_pad(&w->t, st.st_size);
}

/* One entry of the deepest level; a directory is entered. */
static int entry(struct walk *w, const char *base) {
  size_t dirlen = w->levels[w->depth - 1].pathlen;
  const char *name = name_in(w, dirlen, "", base, "");
  for (const char **s = skipped; *s; s++)
    if (!strcmp(*s, name)) return 0;
  int fd = openat(w->dir, base, O_PATH | O_NOFOLLOW | O_CLOEXEC);
  struct stat st;
  if (fd < 0 || fstat(fd, &st) < 0) {
    if (fd >= 0) close(fd);
    return 0; /* gone since the listing */
  }
  if (S_ISCHR(st.st_mode) && st.st_rdev == makedev(0, 0)) {
    /* overlay's whiteout: the file was deleted. */
    st.st_mode = 0644;
    tar_entry(&w->t, name_in(w, dirlen, ".wh.", base, ""), &st, '0', NULL, 0);
  } else if (S_ISDIR(st.st_mode)) {
    tar_entry(&w->t, name_in(w, dirlen, "", base, "/"), &st, '5', NULL, 0);
    size_t pathlen = w->path.len - 1;
    int dir = openat(fd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    struct stat ds;
    if (dir >= 0 && fstat(dir, &ds) == 0 && ds.st_ino == st.st_ino && ds.st_dev == st.st_dev) {
      char opaque[2] = "";
      if (fgetxattr(dir, "trusted.overlay.opaque", opaque, 1) == 1 && opaque[0] == 'y') {
        st.st_mode = 0644;
        tar_entry(&w->t, name_in(w, pathlen, "", ".wh..wh..opq", ""), &st, '0', NULL, 0);
      }
      close(fd);
      return push(w, dir, &ds, pathlen);
    }
    if (dir >= 0) close(dir);
  } else if (S_ISLNK(st.st_mode)) {
    ssize_t len;
    for (;;) {
      grow((void **)&w->buf, &w->bufcap, w->bufcap < 4096 ? 4096 : w->bufcap + 1, 1);
      if ((len = readlinkat(fd, "", w->buf, w->bufcap)) < 0 || (size_t)len < w->bufcap) break;
    }
    if (len >= 0) {
      w->buf[len] = 0;
      tar_entry(&w->t, name, &st, '2', w->buf, 0);
    }
  } else if (S_ISREG(st.st_mode)) {
    regular(w, fd, name);
  } else if (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode)) {
    tar_entry(&w->t, name, &st, S_ISCHR(st.st_mode) ? '3' : '4', NULL, 0);
  } else if (S_ISFIFO(st.st_mode)) {
    tar_entry(&w->t, name, &st, '6', NULL, 0);
  }
  close(fd);
  return 0;
}

/* The tar of the upper dir at upper, written to fd; 0 or an errno. */
int diff_write(const char *upper, int fd, long long *size) {
  struct walk w = {.t = {.fd = fd}, .dir = -1};
  int top = open(upper, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC), failed = 0;
  struct stat st;
  if (top < 0 || fstat(top, &st) < 0 || push(&w, top, &st, 0) < 0) failed = errno;
  while (!failed && w.depth) {
    struct level *l = &w.levels[w.depth - 1];
    if (l->next == l->n) {
      if (pop(&w) < 0) failed = errno;
    } else if (entry(&w, l->names[l->next++]) < 0) {
      failed = errno;
    }
  }
  while (w.depth) pop(&w);
  if (w.dir >= 0) close(w.dir);
  tar_end(&w.t);
  for (size_t k = 0; k < w.nlinks; k++) free(w.links[k].path);
  free(w.links);
  free(w.levels);
  free(w.path.buf);
  free(w.buf);
  *size = w.t.size;
  return failed ? failed : w.t.failed;
}

struct diff_job {
  const char *upper, *out;
};

/* Written beside, then renamed: the engine never sees half a tar. */
static void diff_helper(void *ctx, struct out *reply) {
  const struct diff_job *job = ctx;
  char *tmp = malloc(strlen(job->out) + 9);
  sprintf(tmp, "%s.partial", job->out);
  int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) {
    out_error(reply, "Internal", "writing %s: %s", job->out, errtext(errno));
  } else {
    long long size;
    int failed = diff_write(job->upper, fd, &size);
    close(fd);
    if (failed || rename(tmp, job->out) < 0) {
      unlink(tmp);
      out_error(reply, "Internal", "writing %s: %s", job->out, errtext(failed ? failed : errno));
    } else {
      out_num(reply, "size", size);
      out_ok(reply);
    }
  }
  free(tmp);
}

/* A helper's work: it grows with what the container wrote. */
void op_diff(uint32_t req, const struct record *r) {
  char *id = rec_get(r, "id", 0), *out = rec_get(r, "path", 0), upper[256];
  struct stat st;
  if (!valid_name(id) || (container_path(upper, sizeof upper, id, "upper"), stat(upper, &st) < 0)) {
    send_error(req, "NotFound", "no such container: %s", id ? id : "");
  } else if (!out || strncmp(out, "/mnt/host/", 10) != 0 || strstr(out, "..")) {
    send_error(req, "InvalidParameter", "the diff goes under /mnt/host");
  } else {
    struct diff_job job = {upper, out};
    helper_start(req, "writing the diff", diff_helper, &job);
  }
  free(id);
  free(out);
}
