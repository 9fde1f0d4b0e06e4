/* diff_write against an upper dir a container built: 100 and 2000 nested directories, sparse
 * files of 4.5 and 9 GiB (past what a 32-bit off_t and the ustar size field hold), long names
 * and link targets, hard links, whiteouts, an opaque directory, a FIFO; and files swapped, just
 * after the diff looked at them, for a FIFO (it hung the agent) or a link to a file outside (it
 * went into the tar). The tar is read back entry by entry, pax records included. */
#include "harness.h"
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/xattr.h>

/* ---- the swap: armed for one inode, it happens right after the diff first looks at it ---- */

static ino_t victim_ino;
static const char *victim_name, *swap_to; /* swap_to NULL: a FIFO */

static void swap_now(void) {
  char path[64];
  snprintf(path, sizeof path, "upper/%s", victim_name);
  char aside[80];
  snprintf(aside, sizeof aside, "aside-%s", victim_name);
  CHECK(rename(path, aside) == 0, "moving the victim: %s", strerror(errno));
  if (swap_to) CHECK(symlink(swap_to, path) == 0, "symlink: %s", strerror(errno));
  else CHECK(mkfifo(path, 0644) == 0, "mkfifo: %s", strerror(errno));
  victim_ino = 0;
}

int __real_lstat64(const char *path, struct stat *st);
int __wrap_lstat64(const char *path, struct stat *st) {
  int rc = __real_lstat64(path, st);
  if (rc == 0 && victim_ino && st->st_ino == victim_ino) swap_now();
  return rc;
}
int __real_fstat64(int fd, struct stat *st);
int __wrap_fstat64(int fd, struct stat *st) {
  int rc = __real_fstat64(fd, st);
  if (rc == 0 && victim_ino && st->st_ino == victim_ino) swap_now();
  return rc;
}

/* ---- the tar, read back ---- */

struct entry {
  char *name, *link;
  char type;
  long long size;
  char *data; /* the first 64 bytes, for small files */
};
static struct entry entries[5000];
static int nentries;

static void read_all(int fd, void *buf, size_t len) {
  for (uint8_t *p = buf; len;) {
    ssize_t n = read(fd, p, len);
    CHECK(n > 0, "the tar ended early: %s", n < 0 ? strerror(errno) : "end of file");
    p += n;
    len -= (size_t)n;
  }
}

static void skip(int fd, long long len) {
  static char devnull_fd = -1;
  if (devnull_fd < 0) devnull_fd = (char)open("/dev/null", O_WRONLY | O_CLOEXEC);
  while (len > 0) {
    ssize_t n = splice(fd, NULL, devnull_fd, NULL, len > (1 << 20) ? (1 << 20) : (size_t)len, SPLICE_F_MOVE);
    CHECK(n > 0, "the tar ended inside an entry: %s", n < 0 ? strerror(errno) : "end of file");
    len -= n;
  }
}

static long long field(const char *h, int off, int width) {
  if ((unsigned char)h[off] & 0x80) {
    long long v = 0;
    for (int i = off + 1; i < off + width; i++) v = v * 256 + (unsigned char)h[i];
    return v;
  }
  char s[16] = {0};
  memcpy(s, h + off, (size_t)width);
  return strtoll(s, NULL, 8);
}

static void checksum_ok(const char *h) {
  unsigned sum = 0;
  for (int i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? ' ' : (unsigned char)h[i];
  CHECK(sum == field(h, 148, 8), "a header's checksum is wrong");
}

static long long read_tar(int fd) {
  long long total = 0;
  char h[512], *pax_path = NULL, *pax_link = NULL;
  long long pax_size = -1;
  for (;;) {
    read_all(fd, h, 512);
    total += 512;
    int zero = 1;
    for (int i = 0; i < 512; i++) zero &= !h[i];
    if (zero) {
      read_all(fd, h, 512);
      return total + 512;
    }
    checksum_ok(h);
    long long size = pax_size >= 0 ? pax_size : field(h, 124, 12);
    long long padded = (size + 511) / 512 * 512;
    if (h[156] == 'x') {
      CHECK(size < 1 << 20, "a pax header of %lld bytes", size);
      char *body = malloc((size_t)padded + 1);
      read_all(fd, body, (size_t)padded);
      body[size] = 0;
      for (char *p = body; p < body + size;) {
        char *sp = strchr(p, ' '), *eq = sp ? strchr(sp, '=') : NULL;
        long len = strtol(p, NULL, 10);
        CHECK(sp && eq && len > 0 && p + len <= body + size && p[len - 1] == '\n', "a bad pax record");
        char *value = strndup(eq + 1, (size_t)(p + len - 1 - (eq + 1)));
        if (!strncmp(sp + 1, "path=", 5)) pax_path = value;
        else if (!strncmp(sp + 1, "linkpath=", 9)) pax_link = value;
        else if (!strncmp(sp + 1, "size=", 5)) pax_size = atoll(value), free(value);
        else free(value);
        p += len;
      }
      free(body);
      total += padded;
      continue;
    }
    CHECK(nentries < 5000, "too many entries");
    struct entry *e = &entries[nentries++];
    e->name = pax_path ? pax_path : strndup(h, 100);
    e->link = pax_link ? pax_link : strndup(h + 157, 100);
    e->type = h[156];
    e->size = size;
    e->data = NULL;
    if (size <= 64) {
      e->data = calloc(1, 65);
      char block[512];
      if (padded) read_all(fd, block, 512), memcpy(e->data, block, (size_t)size);
    } else {
      skip(fd, padded);
    }
    total += padded;
    pax_path = pax_link = NULL;
    pax_size = -1;
  }
}

static struct entry *find(const char *name) {
  for (int i = 0; i < nentries; i++)
    if (!strcmp(entries[i].name, name)) return &entries[i];
  return NULL;
}

static void forget(void) {
  for (int i = 0; i < nentries; i++) free(entries[i].name), free(entries[i].link), free(entries[i].data);
  nentries = 0;
}

/* diff_write in a child (a crash or a hang there is the finding), read back here. */
static void diff(const char *what) {
  int p[2], sz[2];
  CHECK(pipe2(p, O_CLOEXEC) == 0 && pipe2(sz, O_CLOEXEC) == 0, "pipe");
  fcntl(p[0], F_SETPIPE_SZ, 1 << 20);
  pid_t pid = fork();
  if (pid == 0) {
    die_with_parent();
    close(p[0]);
    long long size = 0;
    int failed = diff_write("upper", p[1], &size);
    write(sz[1], &size, sizeof size);
    _exit(failed ? 3 : 0);
  }
  close(p[1]);
  close(sz[1]);
  bound(300, what);
  long long total = read_tar(p[0]), size = -1;
  /* Whatever comes after the tar's end is not read: a writer still going gets EPIPE. */
  close(p[0]);
  int status;
  waitpid(pid, &status, 0);
  unbound();
  CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "%s: diff_write ended with status %#x", what, status);
  CHECK(read(sz[0], &size, sizeof size) == sizeof size && size == total, "%s: diff_write said %lld bytes, the tar had %lld", what, size, total);
  close(sz[0]);
}

static void make_file(const char *path, const char *text) {
  CHECK(write_file(path, text) == 0, "writing %s: %s", path, strerror(errno));
}

static char *nested(const char *dir, int depth, const char *leaf) {
  char *path = malloc(strlen(dir) + (size_t)depth * 2 + strlen(leaf) + 16), *p = path;
  p += sprintf(p, "upper/%s", dir);
  CHECK(mkdir(path, 0755) == 0, "mkdir %s", path);
  for (int i = 1; i < depth; i++) {
    p += sprintf(p, "/%s", dir);
    CHECK(mkdir(path, 0755) == 0, "mkdir at %d: %s", i, strerror(errno));
  }
  sprintf(p, "/%s", leaf);
  make_file(path, "deep\n");
  return path;
}

static void deep_trees(void) {
  CHECK(mkdir("upper", 0755) == 0, "mkdir upper");
  char *hundred = nested("n", 100, "leaf"), *thousands = nested("m", 2000, "leaf");
  diff("100 and 2000 nested directories");
  struct entry *e = find(hundred + 6), *f = find(thousands + 6);
  CHECK(e && e->type == '0' && e->size == 5 && !strcmp(e->data, "deep\n"), "the file under 100 directories is missing");
  CHECK(f && f->type == '0' && f->size == 5, "the file under 2000 directories is missing");
  CHECK(nentries == 2 + 100 + 2000, "%d entries", nentries);
  forget();
  free(hundred);
  free(thousands);
  CHECK(rm_rf("upper") == 0, "rm_rf");
}

static void sparse(const char *name, long long size) {
  char path[64];
  snprintf(path, sizeof path, "upper/%s", name);
  int fd = open(path, O_CREAT | O_WRONLY | O_CLOEXEC, 0644);
  CHECK(fd >= 0 && ftruncate(fd, size) == 0 && pwrite(fd, "end", 3, size - 3) == 3, "a sparse file: %s", strerror(errno));
  close(fd);
}

static void big_files(void) {
  CHECK(mkdir("upper", 0755) == 0, "mkdir upper");
  long long big = 4608LL << 20, huge = 9216LL << 20;
  sparse("big", big);
  sparse("huge", huge);
  diff("sparse files of 4.5 and 9 GiB");
  struct entry *b = find("big"), *h = find("huge");
  CHECK(b && b->type == '0' && b->size == big, "the 4.5 GiB file is %s", b ? "the wrong size" : "missing");
  CHECK(h && h->type == '0' && h->size == huge, "the 9 GiB file is %s", h ? "the wrong size" : "missing");
  forget();
  CHECK(rm_rf("upper") == 0, "rm_rf");
}

static void kinds(int root) {
  CHECK(mkdir("upper", 0755) == 0 && mkdir("upper/etc", 0755) == 0 && mkdir("upper/opaque", 0755) == 0, "mkdir");
  make_file("upper/etc/hostname", "skipped\n");
  make_file("upper/etc/kept", "kept\n");
  char name[201], target[301], path[256];
  memset(name, 'f', 200);
  name[200] = 0;
  memset(target, 't', 300);
  target[300] = 0;
  snprintf(path, sizeof path, "upper/%s", name);
  make_file(path, "long\n");
  CHECK(symlink(target, "upper/link") == 0, "symlink");
  make_file("upper/one", "same\n");
  CHECK(link("upper/one", "upper/two") == 0, "link");
  CHECK(mkfifo("upper/fifo", 0644) == 0, "mkfifo");
  if (root) {
    CHECK(mknod("upper/gone", S_IFCHR | 0644, makedev(0, 0)) == 0, "a whiteout: %s", strerror(errno));
    CHECK(setxattr("upper/opaque", "trusted.overlay.opaque", "y", 1, 0) == 0, "opaque: %s", strerror(errno));
  }
  diff("every kind of entry");
  struct entry *e;
  CHECK(!find("etc/hostname"), "etc/hostname is Docker's, not the container's");
  CHECK((e = find("etc/kept")) && !strcmp(e->data, "kept\n"), "etc/kept");
  CHECK((e = find(name)) && !strcmp(e->data, "long\n"), "the 200-character name");
  CHECK((e = find("link")) && e->type == '2' && !strcmp(e->link, target), "the 300-character link target");
  CHECK((e = find("one")) && e->type == '0' && !strcmp(e->data, "same\n"), "the first hard link");
  CHECK((e = find("two")) && e->type == '1' && !strcmp(e->link, "one"), "the second hard link");
  CHECK((e = find("fifo")) && e->type == '6', "the FIFO");
  CHECK((e = find("opaque/")) && e->type == '5', "the directory");
  if (root) {
    CHECK((e = find(".wh.gone")) && e->type == '0' && e->size == 0, "the whiteout");
    CHECK(find("opaque/.wh..wh..opq"), "the opaque directory's marker");
  }
  forget();
  CHECK(rm_rf("upper") == 0, "rm_rf");
}

/* The file turns into something else right after the diff looked at it. */
static void swapped(const char *to, const char *what) {
  CHECK(mkdir("upper", 0755) == 0, "mkdir upper");
  make_file("outside", "SECRET\n");
  make_file("upper/victim", "original\n");
  struct stat st;
  CHECK(stat("upper/victim", &st) == 0, "stat");
  victim_name = "victim";
  swap_to = to;
  victim_ino = st.st_ino;
  diff(what);
  victim_ino = 0;
  struct entry *e = find("victim");
  CHECK(!e || e->type != '0' || strcmp(e->data, "SECRET\n"), "%s: a file outside the container went into the tar", what);
  CHECK(!e || e->type != '0' || !strcmp(e->data, "original\n"), "%s: the tar holds %s", what, e->data);
  forget();
  CHECK(rm_rf("upper") == 0 && unlink("outside") == 0 && unlink("aside-victim") == 0, "cleaning up");
}

int main(void) {
  deep_trees();
  big_files();
  kinds(geteuid() == 0);
  swapped(NULL, "a file swapped for a FIFO");
  swapped("../outside", "a file swapped for a link out");
  if (geteuid() != 0) {
    fprintf(stderr, "whiteouts and opaque directories need root (mknod, trusted xattrs); all else passed\n");
    return 77;
  }
  return 0;
}
