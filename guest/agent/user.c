/* Who a process runs as: a user spec (name or uid, then :group) read against the container's
 * passwd and group files, the way runc reads them. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "agent.h"

/* Finds `want` (a name or a number) in a passwd/group style file; fills fields 0..3. */
static int lookup(const char *file, const char *want, char fields[7][256]) {
  FILE *f = fopen(file, "re");
  if (!f) return -1;
  char line[1024];
  while (fgets(line, sizeof line, f)) {
    line[strcspn(line, "\n")] = 0;
    int i = 0;
    char *tok, *p = line;
    for (; i < 7; i++) fields[i][0] = 0;
    /* strsep keeps empty fields, which passwd has (the password). */
    for (i = 0; i < 7 && (tok = strsep(&p, ":")); i++) snprintf(fields[i], 256, "%s", tok);
    if (i >= 3 && (!strcmp(fields[0], want) || !strcmp(fields[2], want))) {
      fclose(f);
      return 0;
    }
  }
  fclose(f);
  return -1;
}

static int numeric(const char *s) { return *s && strspn(s, "0123456789") == strlen(s); }

int resolve_user(const char *spec, const char *passwd, const char *groups, struct ids *ids, char *err, size_t errlen) {
  char user[256] = "0", group[256] = "";
  if (spec && *spec) {
    const char *colon = strchr(spec, ':');
    snprintf(user, sizeof user, "%.*s", colon ? (int)(colon - spec) : (int)strlen(spec), spec);
    if (colon) snprintf(group, sizeof group, "%s", colon + 1);
  }
  char pw[7][256];
  snprintf(ids->home, sizeof ids->home, "/");
  ids->ngroups = 0;
  if (lookup(passwd, user, pw) == 0) {
    ids->uid = (uid_t)strtoul(pw[2], NULL, 10);
    ids->gid = (gid_t)strtoul(pw[3], NULL, 10);
    if (pw[5][0]) snprintf(ids->home, sizeof ids->home, "%s", pw[5]);
    /* The primary group, then every group that lists the user by name. */
    ids->groups[ids->ngroups++] = ids->gid;
    FILE *f = fopen(groups, "re");
    char line[1024];
    while (f && fgets(line, sizeof line, f) && ids->ngroups < 32) {
      line[strcspn(line, "\n")] = 0;
      char *p = line, *name = strsep(&p, ":"), *pass = strsep(&p, ":"), *gid = strsep(&p, ":");
      (void)name, (void)pass;
      for (char *m; p && (m = strsep(&p, ","));)
        if (gid && !strcmp(m, pw[0]) && (gid_t)strtoul(gid, NULL, 10) != ids->gid) ids->groups[ids->ngroups++] = (gid_t)strtoul(gid, NULL, 10);
    }
    if (f) fclose(f);
  } else if (numeric(user)) {
    ids->uid = (uid_t)strtoul(user, NULL, 10);
    ids->gid = 0;
  } else {
    return snprintf(err, errlen, "unable to find user %s: no matching entries in passwd file", user), -1;
  }
  if (group[0]) {
    char gr[7][256];
    if (lookup(groups, group, gr) == 0) ids->gid = (gid_t)strtoul(gr[2], NULL, 10);
    else if (numeric(group)) ids->gid = (gid_t)strtoul(group, NULL, 10);
    else return snprintf(err, errlen, "unable to find group %s: no matching entries in group file", group), -1;
  }
  return 0;
}

