/* diff: a container's upper dir as an OCI layer tar: what it added or changed, whiteouts
 * (.wh.NAME) for what it deleted and .wh..wh..opq for a directory it replaced. Written to a
 * path (the 9p tree), which moves bulk data far faster than the channel. */
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

struct tar {
  int fd;
  long long size;
  int failed;
  struct { dev_t dev; ino_t ino; char *path; } links[256];
  int nlinks;
};

/* Files Docker bind-mounts into every container; they are not the container's changes. */
static const char *skipped[] = {"etc/hostname", "etc/hosts", "etc/resolv.conf", NULL};

static void emit(struct tar *t, const void *buf, size_t len) {
  if (!t->failed && write_all(t->fd, buf, len) < 0) t->failed = errno;
  t->size += (long long)len;
}

static void pad(struct tar *t, long long len) {
  static const char zero[512];
  if (len % 512) emit(t, zero, 512 - len % 512);
}

static void octal(char *field, size_t width, unsigned long long v) { snprintf(field, width, "%0*llo", (int)width - 1, v); }

/* A pax record for what does not fit the ustar header (long names and link targets). */
static void pax(struct tar *t, const char *key, const char *value) {
  char rec[8300];
  size_t body = strlen(key) + strlen(value) + 3, n = body;
  for (;;) {
    size_t total = n + (size_t)snprintf(NULL, 0, "%zu", n);
    if (total == n + (size_t)snprintf(NULL, 0, "%zu", total)) { n = total; break; }
    n = total;
  }
  int len = snprintf(rec, sizeof rec, "%zu %s=%s\n", n, key, value);
  char h[512] = {0};
  snprintf(h, 100, "PaxHeaders/entry");
  octal(h + 100, 8, 0644);
  octal(h + 108, 8, 0);
  octal(h + 116, 8, 0);
  octal(h + 124, 12, (unsigned)len);
  octal(h + 136, 12, 0);
  h[156] = 'x';
  memcpy(h + 257, "ustar", 6);
  memcpy(h + 263, "00", 2);
  memset(h + 148, ' ', 8);
  unsigned sum = 0;
  for (int i = 0; i < 512; i++) sum += (unsigned char)h[i];
  snprintf(h + 148, 8, "%06o", sum);
  emit(t, h, 512);
  emit(t, rec, (size_t)len);
  pad(t, len);
}

static void header(struct tar *t, const char *name, const struct stat *st, char type, const char *link, long long size) {
  if (strlen(name) > 99) pax(t, "path", name);
  if (link && strlen(link) > 99) pax(t, "linkpath", link);
  char h[512] = {0};
  snprintf(h, 100, "%.99s", name);
  octal(h + 100, 8, st->st_mode & 07777);
  octal(h + 108, 8, st->st_uid);
  octal(h + 116, 8, st->st_gid);
  octal(h + 124, 12, (unsigned long long)size);
  octal(h + 136, 12, (unsigned long long)st->st_mtime);
  h[156] = type;
  if (link) snprintf(h + 157, 100, "%.99s", link);
  memcpy(h + 257, "ustar", 6);
  memcpy(h + 263, "00", 2);
  if (type == '3' || type == '4') {
    octal(h + 329, 8, major(st->st_rdev));
    octal(h + 337, 8, minor(st->st_rdev));
  }
  memset(h + 148, ' ', 8);
  unsigned sum = 0;
  for (int i = 0; i < 512; i++) sum += (unsigned char)h[i];
  snprintf(h + 148, 8, "%06o", sum);
  emit(t, h, 512);
}

static int cmp(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static void walk(struct tar *t, const char *base, const char *rel) {
  char dir[4096];
  snprintf(dir, sizeof dir, "%s/%s", base, rel);
  DIR *d = opendir(dir);
  if (!d) return;
  char **names = NULL;
  size_t n = 0;
  for (struct dirent *e; (e = readdir(d));) {
    if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
    names = realloc(names, (n + 1) * sizeof *names);
    names[n++] = strdup(e->d_name);
  }
  closedir(d);
  qsort(names, n, sizeof *names, cmp);
  for (size_t i = 0; i < n; i++) {
    char path[8200], name[4096];
    snprintf(name, sizeof name, "%s%s%s", rel, *rel ? "/" : "", names[i]);
    snprintf(path, sizeof path, "%s/%s", base, name);
    int skip = 0;
    for (const char **s = skipped; *s; s++) skip |= !strcmp(*s, name);
    struct stat st;
    if (skip || lstat(path, &st) < 0) continue;
    if (S_ISCHR(st.st_mode) && st.st_rdev == makedev(0, 0)) {
      /* overlay's whiteout: the file was deleted. */
      char wh[4200];
      snprintf(wh, sizeof wh, "%s%s.wh.%s", rel, *rel ? "/" : "", names[i]);
      st.st_mode = 0644;
      header(t, wh, &st, '0', NULL, 0);
    } else if (S_ISDIR(st.st_mode)) {
      char dname[4100];
      snprintf(dname, sizeof dname, "%s/", name);
      header(t, dname, &st, '5', NULL, 0);
      char opaque[2] = "";
      if (getxattr(path, "trusted.overlay.opaque", opaque, 1) == 1 && opaque[0] == 'y') {
        char wh[4200];
        snprintf(wh, sizeof wh, "%s/.wh..wh..opq", name);
        st.st_mode = 0644;
        header(t, wh, &st, '0', NULL, 0);
      }
      walk(t, base, name);
    } else if (S_ISLNK(st.st_mode)) {
      char target[4096];
      ssize_t len = readlink(path, target, sizeof target - 1);
      target[len < 0 ? 0 : len] = 0;
      header(t, name, &st, '2', target, 0);
    } else if (S_ISREG(st.st_mode)) {
      int linked = 0;
      for (int k = 0; k < t->nlinks && st.st_nlink > 1; k++) {
        if (t->links[k].dev == st.st_dev && t->links[k].ino == st.st_ino) {
          header(t, name, &st, '1', t->links[k].path, 0);
          linked = 1;
        }
      }
      if (linked) continue;
      if (st.st_nlink > 1 && t->nlinks < 256)
        t->links[t->nlinks].dev = st.st_dev, t->links[t->nlinks].ino = st.st_ino, t->links[t->nlinks++].path = strdup(name);
      int fd = open(path, O_RDONLY | O_CLOEXEC);
      if (fd < 0) continue;
      header(t, name, &st, '0', NULL, st.st_size);
      char buf[65536];
      long long left = st.st_size;
      ssize_t got;
      while (left > 0 && (got = read(fd, buf, sizeof buf)) > 0) {
        if (got > left) got = (ssize_t)left;
        emit(t, buf, (size_t)got);
        left -= got;
      }
      close(fd);
      /* A file that shrank while being read still fills the size its header promised. */
      static const char zero[512];
      while (left > 0) {
        size_t k = left > 512 ? 512 : (size_t)left;
        emit(t, zero, k);
        left -= (long long)k;
      }
      pad(t, st.st_size);
    } else if (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode)) {
      header(t, name, &st, S_ISCHR(st.st_mode) ? '3' : '4', NULL, 0);
    } else if (S_ISFIFO(st.st_mode)) {
      header(t, name, &st, '6', NULL, 0);
    }
  }
  for (size_t i = 0; i < n; i++) free(names[i]);
  free(names);
}

/* The tar of the upper dir at upper, written to fd; 0 or an errno. */
int diff_write(const char *upper, int fd, long long *size) {
  struct tar t = {.fd = fd};
  walk(&t, upper, "");
  static const char end[1024];
  emit(&t, end, sizeof end);
  for (int k = 0; k < t.nlinks; k++) free(t.links[k].path);
  *size = t.size;
  return t.failed;
}

void op_diff(uint32_t req, const struct record *r) {
  char *id = rec_get(r, "id", 0), *out = rec_get(r, "path", 0), upper[256], tmp[4200];
  struct stat st;
  if (!valid_name(id) || (container_path(upper, sizeof upper, id, "upper"), stat(upper, &st) < 0)) {
    send_error(req, "NotFound", "no such container: %s", id ? id : "");
  } else if (!out || strncmp(out, "/mnt/host/", 10) != 0 || strstr(out, "..")) {
    send_error(req, "InvalidParameter", "the diff goes under /mnt/host");
  } else {
    /* Written beside, then renamed: the engine never sees half a tar. */
    snprintf(tmp, sizeof tmp, "%s.partial", out);
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) {
      send_error(req, "Internal", "writing %s: %s", out, errtext(errno));
    } else {
      long long size;
      int failed = diff_write(upper, fd, &size);
      close(fd);
      if (failed || rename(tmp, out) < 0) {
        unlink(tmp);
        send_error(req, "Internal", "writing %s: %s", out, errtext(failed ? failed : errno));
      } else {
        struct out o = {0};
        out_num(&o, "size", size);
        send_ok(req, &o);
      }
    }
  }
  free(id);
  free(out);
}
