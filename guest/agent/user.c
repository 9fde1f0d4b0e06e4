/* Who a process runs as: a user spec (name or uid, then :group) read against the container's
 * passwd and group files, the way runc reads them. The files are the container's own, read by a
 * child that still holds every capability: nothing in them may write past a buffer, block, or
 * make one line read as two. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "agent.h"

/* Longer lines are skipped whole (a group of a few thousand members still fits). */
#define LINE_MAX_LEN (64 * 1024)
#define NGROUPS (int)(sizeof ((struct ids *)0)->groups / sizeof *((struct ids *)0)->groups)

/* A passwd or group file if it is a regular one. A FIFO would block the open or the reads and a
 * device could say anything: those count as absent, as a missing file does for runc. */
static FILE *open_table(const char *path) {
  int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
  if (fd < 0) return NULL;
  struct stat st;
  FILE *f = NULL;
  if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) f = fdopen(fd, "r");
  if (!f) close(fd);
  return f;
}

/* The next line, split at ':' into fields (passwd has 7, group 4); how many, or -1 at the end.
 * A line longer than buf is skipped to its end, so that its tail is never taken for a line. */
static int next_entry(FILE *f, char *buf, char *fields[7]) {
  while (fgets(buf, LINE_MAX_LEN, f)) {
    size_t len = strlen(buf);
    if (len && buf[len - 1] == '\n') buf[--len] = 0;
    else if (!feof(f)) {
      int c;
      while ((c = getc(f)) != EOF && c != '\n') {}
      continue;
    }
    static char none[1];
    int n = 0;
    for (char *p = buf; n < 7 && p;) fields[n++] = strsep(&p, ":");
    for (int i = n; i < 7; i++) fields[i] = none;
    return n;
  }
  return -1;
}

/* The entry whose name or number is want; its fields point into buf. */
static int lookup(const char *path, const char *want, char *buf, char *fields[7]) {
  FILE *f = open_table(path);
  int n, found = 0;
  while (f && !found && (n = next_entry(f, buf, fields)) >= 0)
    found = n >= 3 && (!strcmp(fields[0], want) || !strcmp(fields[2], want));
  if (f) fclose(f);
  return found;
}

static void add_group(struct ids *ids, gid_t g) {
  for (int i = 0; i < ids->ngroups; i++)
    if (ids->groups[i] == g) return;
  if (ids->ngroups < NGROUPS) ids->groups[ids->ngroups++] = g;
}

/* Every group that lists the user by name, as many as fit. */
static void member_groups(const char *path, const char *user, struct ids *ids, char *buf) {
  FILE *f = open_table(path);
  char *fields[7];
  int n;
  while (f && ids->ngroups < NGROUPS && (n = next_entry(f, buf, fields)) >= 0) {
    if (n < 4) continue;
    gid_t g = (gid_t)strtoul(fields[2], NULL, 10);
    for (char *p = fields[3], *m; (m = strsep(&p, ","));)
      if (!strcmp(m, user)) add_group(ids, g);
  }
  if (f) fclose(f);
}

static int numeric(const char *s) { return *s && strspn(s, "0123456789") == strlen(s); }

int resolve_user(const char *spec, const char *passwd, const char *groups, struct ids *ids, char *err, size_t errlen) {
  char *user = strdup(spec && *spec ? spec : "0"), *group = strchr(user, ':'), *buf = malloc(LINE_MAX_LEN);
  char *pw[7];
  int rc = -1;
  if (group) *group++ = 0;
  snprintf(ids->home, sizeof ids->home, "/");
  ids->ngroups = 0;
  if (lookup(passwd, user, buf, pw)) {
    ids->uid = (uid_t)strtoul(pw[2], NULL, 10);
    ids->gid = (gid_t)strtoul(pw[3], NULL, 10);
    if (pw[5][0]) snprintf(ids->home, sizeof ids->home, "%s", pw[5]);
    /* The primary group, then every group that lists the user by name. */
    char *name = strdup(pw[0]);
    add_group(ids, ids->gid);
    member_groups(groups, name, ids, buf);
    free(name);
  } else if (numeric(user)) {
    ids->uid = (uid_t)strtoul(user, NULL, 10);
    ids->gid = 0;
  } else {
    snprintf(err, errlen, "unable to find user %s: no matching entries in passwd file", user);
    goto out;
  }
  if (group && *group) {
    char *gr[7];
    if (lookup(groups, group, buf, gr)) ids->gid = (gid_t)strtoul(gr[2], NULL, 10);
    else if (numeric(group)) ids->gid = (gid_t)strtoul(group, NULL, 10);
    else {
      snprintf(err, errlen, "unable to find group %s: no matching entries in group file", group);
      goto out;
    }
  }
  rc = 0;
out:
  free(user);
  free(buf);
  return rc;
}
