/* resolve_user against a container's own /etc/passwd and /etc/group, which it writes as it
 * likes: a group naming the user 100 times, lines longer than any buffer (with a forged entry
 * in their tail), a name longer than the buffers, FIFOs and a directory in place of the files. */
#include "harness.h"
#include <sys/stat.h>

static void write_text(const char *path, const char *text) {
  unlink(path);
  CHECK(write_file(path, text) == 0, "writing %s", path);
}

/* The result in a heap block of exactly its size, so that writing past it is caught. */
static struct ids *resolve(const char *spec, int *rc, char *err) {
  struct ids *ids = malloc(sizeof *ids);
  bound(10, spec);
  *rc = resolve_user(spec, "passwd", "group", ids, err, 256);
  unbound();
  return ids;
}

static struct ids *must_resolve(const char *spec) {
  int rc;
  char err[256] = "";
  struct ids *ids = resolve(spec, &rc, err);
  CHECK(rc == 0, "%s: %s", spec, err);
  return ids;
}

static void must_fail(const char *spec, const char *message) {
  int rc;
  char err[256] = "";
  free(resolve(spec, &rc, err));
  CHECK(rc < 0 && !strcmp(err, message), "%s: said \"%s\"", spec, err);
}

static int has_group(const struct ids *ids, gid_t g) {
  for (int i = 0; i < ids->ngroups; i++)
    if (ids->groups[i] == g) return 1;
  return 0;
}

static void many_groups(void) {
  write_text("passwd", "root:x:0:0:root:/root:/bin/sh\napp:x:1000:1000::/home/app:/bin/sh\n");
  char *line = malloc(100 * 4 + 64), *p = line;
  p += sprintf(p, "crowd:x:2000:");
  for (int i = 0; i < 100; i++) p += sprintf(p, "%sapp", i ? "," : "");
  sprintf(p, "\nwheel:x:10:root,app\n");
  write_text("group", line);
  free(line);
  struct ids *ids = must_resolve("app");
  CHECK(ids->uid == 1000 && ids->gid == 1000, "uid %u gid %u", ids->uid, ids->gid);
  CHECK(ids->ngroups == 3 && has_group(ids, 1000) && has_group(ids, 2000) && has_group(ids, 10),
        "%d groups for a user in 3", ids->ngroups);
  free(ids);

  /* 40 groups: as many as fit are taken, each once. */
  char *text = malloc(40 * 32), *t = text;
  for (int i = 0; i < 40; i++) t += sprintf(t, "g%d:x:%d:app,app\n", i, 3000 + i);
  write_text("group", text);
  free(text);
  ids = must_resolve("app");
  CHECK(ids->ngroups > 0 && ids->ngroups <= (int)(sizeof ids->groups / sizeof *ids->groups), "%d groups", ids->ngroups);
  for (int i = 0; i < ids->ngroups; i++)
    for (int j = 0; j < i; j++) CHECK(ids->groups[i] != ids->groups[j], "group %u twice", ids->groups[i]);
  free(ids);
}

/* A line's tail is not a line: a forged entry at the end of a long comment is not read, where
 * the line is cut at 1023 characters (fgets with 1 KiB) and past any buffer (100 KiB). */
static void long_lines(void) {
  static const size_t lengths[] = {2 * 1023, 100 * 1023};
  for (int i = 0; i < 2; i++) {
    size_t len = lengths[i];
    char *text = malloc(len + 256), *p = text;
    p += sprintf(p, "evil:x:1001:1001:");
    memset(p, 'c', len - (size_t)(p - text));
    p = text + len;
    p += sprintf(p, "app:x:0:0:forged:/root:/bin/sh\n");
    sprintf(p, "app:x:1000:1000::/home/app:/bin/sh\n");
    write_text("passwd", text);
    free(text);
    write_text("group", "");
    struct ids *ids = must_resolve("app");
    CHECK(ids->uid == 1000, "the tail of a %zu-character line was read as a user (uid %u)", len, ids->uid);
    free(ids);
  }
}

static void long_name(void) {
  char name[301], line[512];
  memset(name, 'a', 300);
  name[300] = 0;
  snprintf(line, sizeof line, "%.255s:x:1002:1002::/:/bin/sh\n", name);
  write_text("passwd", line);
  write_text("group", "");
  char message[400];
  snprintf(message, sizeof message, "unable to find user %s: no matching entries in passwd file", name);
  int rc;
  char err[256] = "";
  free(resolve(name, &rc, err));
  CHECK(rc < 0, "a 300-character name matched a 255-character one");
}

/* Not regular files: nothing to read, and nothing to wait for. */
static void not_files(void) {
  unlink("passwd");
  unlink("group");
  CHECK(mkfifo("passwd", 0644) == 0 && mkfifo("group", 0644) == 0, "mkfifo");
  struct ids *ids = must_resolve("1234:5678");
  CHECK(ids->uid == 1234 && ids->gid == 5678, "uid %u gid %u", ids->uid, ids->gid);
  free(ids);
  must_fail("app", "unable to find user app: no matching entries in passwd file");
  unlink("passwd");
  write_text("passwd", "app:x:1000:1000::/home/app:/bin/sh\n");
  ids = must_resolve("app");
  CHECK(ids->uid == 1000 && ids->ngroups == 1, "uid %u, %d groups", ids->uid, ids->ngroups);
  free(ids);
  unlink("group");
  CHECK(mkdir("group", 0755) == 0, "mkdir");
  ids = must_resolve("app:42");
  CHECK(ids->gid == 42, "gid %u", ids->gid);
  free(ids);
  rmdir("group");
}

static void ordinary(void) {
  write_text("passwd", "root:x:0:0:root:/root:/bin/sh\napp:x:1000:1000::/home/app:/bin/sh\nnohome:x:7:7:::\nshort:x:8\n");
  write_text("group", "root:x:0:\nstaff:x:50:app\nempty:x:60:\n");
  struct ids *ids = must_resolve(NULL);
  CHECK(ids->uid == 0 && ids->gid == 0 && !strcmp(ids->home, "/root"), "root is %u:%u %s", ids->uid, ids->gid, ids->home);
  free(ids);
  ids = must_resolve("app:staff");
  CHECK(ids->uid == 1000 && ids->gid == 50 && !strcmp(ids->home, "/home/app") && has_group(ids, 50), "app:staff is %u:%u", ids->uid, ids->gid);
  free(ids);
  ids = must_resolve("1000");
  CHECK(ids->uid == 1000 && ids->gid == 1000, "1000 is %u:%u", ids->uid, ids->gid);
  free(ids);
  ids = must_resolve("nohome");
  CHECK(ids->uid == 7 && !strcmp(ids->home, "/"), "nohome is %u %s", ids->uid, ids->home);
  free(ids);
  ids = must_resolve("short");
  CHECK(ids->uid == 8 && ids->gid == 0 && !strcmp(ids->home, "/"), "short is %u:%u %s", ids->uid, ids->gid, ids->home);
  free(ids);
  ids = must_resolve("4242:4343");
  CHECK(ids->uid == 4242 && ids->gid == 4343 && ids->ngroups == 0, "4242:4343 is %u:%u", ids->uid, ids->gid);
  free(ids);
  must_fail("nobody", "unable to find user nobody: no matching entries in passwd file");
  must_fail("app:nogroup", "unable to find group nogroup: no matching entries in group file");
}

int main(void) {
  ordinary();
  many_groups();
  long_lines();
  long_name();
  not_files();
  return 0;
}
