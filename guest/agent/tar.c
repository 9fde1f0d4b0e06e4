/* Tar entries as layer tars have them: ustar headers, and a pax extended header before one for
 * whatever does not fit its fields (names and link targets over 99 bytes, sizes of 8 GiB or
 * more, large ids), with the field itself in GNU base-256 for readers without pax. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include "agent.h"

void tar_write(struct tar *t, const void *buf, size_t len) {
  if (!t->failed && write_all(t->fd, buf, len) < 0) t->failed = errno;
  t->size += (long long)len;
}

void tar_pad(struct tar *t, long long len) {
  static const char zero[512];
  if (len % 512) tar_write(t, zero, 512 - len % 512);
}

/* A numeric field: octal when it fits width - 1 digits, else base-256 (the pax record says it
 * too). 1 when it did not fit. */
static int number(char *field, size_t width, unsigned long long v) {
  if (v >> (3 * (width - 1)) == 0) {
    snprintf(field, width, "%0*llo", (int)width - 1, v);
    return 0;
  }
  memset(field, 0, width);
  field[0] = (char)0x80;
  for (size_t i = width - 1; i > 0 && v; i--, v >>= 8) field[i] = (char)(v & 0xff);
  return 1;
}

static void checksum(char h[512]) {
  memset(h + 148, ' ', 8);
  unsigned sum = 0;
  for (int i = 0; i < 512; i++) sum += (unsigned char)h[i];
  snprintf(h + 148, 8, "%06o", sum);
}

/* "LEN key=value\n", where LEN counts itself. */
static void pax_record(struct out *pax, const char *key, const char *value) {
  size_t body = strlen(key) + strlen(value) + 3, n = body + 1;
  while (n != body + (size_t)snprintf(NULL, 0, "%zu", n)) n = body + (size_t)snprintf(NULL, 0, "%zu", n);
  char head[32];
  int hl = snprintf(head, sizeof head, "%zu ", n);
  size_t need = pax->len + n;
  if (need > pax->cap) pax->buf = realloc(pax->buf, pax->cap = need * 2);
  memcpy(pax->buf + pax->len, head, (size_t)hl);
  pax->len += (size_t)hl;
  memcpy(pax->buf + pax->len, key, strlen(key));
  pax->len += strlen(key);
  pax->buf[pax->len++] = '=';
  memcpy(pax->buf + pax->len, value, strlen(value));
  pax->len += strlen(value);
  pax->buf[pax->len++] = '\n';
}

static void pax_number(struct out *pax, const char *key, unsigned long long v) {
  char s[32];
  snprintf(s, sizeof s, "%llu", v);
  pax_record(pax, key, s);
}

void tar_entry(struct tar *t, const char *name, const struct stat *st, char type, const char *link, long long size) {
  char h[512] = {0};
  struct out pax = {0};
  if (strlen(name) > 99) pax_record(&pax, "path", name);
  if (link && strlen(link) > 99) pax_record(&pax, "linkpath", link);
  snprintf(h, 100, "%.99s", name);
  number(h + 100, 8, st->st_mode & 07777);
  if (number(h + 108, 8, st->st_uid)) pax_number(&pax, "uid", st->st_uid);
  if (number(h + 116, 8, st->st_gid)) pax_number(&pax, "gid", st->st_gid);
  if (number(h + 124, 12, (unsigned long long)size)) pax_number(&pax, "size", (unsigned long long)size);
  number(h + 136, 12, (unsigned long long)(st->st_mtime < 0 ? 0 : st->st_mtime));
  h[156] = type;
  if (link) snprintf(h + 157, 100, "%.99s", link);
  memcpy(h + 257, "ustar", 6);
  memcpy(h + 263, "00", 2);
  if (type == '3' || type == '4') {
    number(h + 329, 8, major(st->st_rdev));
    number(h + 337, 8, minor(st->st_rdev));
  }
  checksum(h);
  if (pax.len) {
    char x[512] = {0};
    snprintf(x, 100, "PaxHeaders/entry");
    number(x + 100, 8, 0644);
    number(x + 108, 8, 0);
    number(x + 116, 8, 0);
    number(x + 124, 12, pax.len);
    number(x + 136, 12, 0);
    x[156] = 'x';
    memcpy(x + 257, "ustar", 6);
    memcpy(x + 263, "00", 2);
    checksum(x);
    tar_write(t, x, 512);
    tar_write(t, pax.buf, pax.len);
    tar_pad(t, (long long)pax.len);
  }
  out_free(&pax);
  tar_write(t, h, 512);
}

void tar_end(struct tar *t) {
  static const char end[1024];
  tar_write(t, end, sizeof end);
}
