/* The record codec: a flat list of (key, value) pairs, easy to read and write on both sides. */
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include "agent.h"

int rec_next(const struct record *r, size_t *pos, struct field *f) {
  size_t p = *pos;
  if (p >= r->len) return 0;
  size_t kl = r->data[p];
  if (p + 1 + kl + 4 > r->len) return -1;
  f->key = (const char *)r->data + p + 1;
  f->keylen = kl;
  const uint8_t *l = r->data + p + 1 + kl;
  size_t vl = l[0] | (l[1] << 8) | (l[2] << 16) | ((size_t)l[3] << 24);
  if (p + 5 + kl + vl > r->len) return -1;
  f->val = (const char *)l + 4;
  f->vallen = vl;
  *pos = p + 5 + kl + vl;
  return 1;
}

static int key_is(const struct field *f, const char *key) {
  return f->keylen == strlen(key) && memcmp(f->key, key, f->keylen) == 0;
}

char *rec_get(const struct record *r, const char *key, int n) {
  size_t pos = 0;
  struct field f;
  while (rec_next(r, &pos, &f) == 1) {
    if (!key_is(&f, key) || n-- > 0) continue;
    char *s = malloc(f.vallen + 1);
    memcpy(s, f.val, f.vallen);
    s[f.vallen] = 0;
    return s;
  }
  return NULL;
}

int rec_count(const struct record *r, const char *key) {
  size_t pos = 0;
  struct field f;
  int n = 0;
  while (rec_next(r, &pos, &f) == 1) n += key_is(&f, key);
  return n;
}

long rec_long(const struct record *r, const char *key, long fallback) {
  char *s = rec_get(r, key, 0);
  if (!s) return fallback;
  long v = strtol(s, NULL, 10);
  free(s);
  return v;
}

char **rec_list(const struct record *r, const char *key) {
  int n = rec_count(r, key);
  char **list = calloc(n + 1, sizeof(char *));
  for (int i = 0; i < n; i++) list[i] = rec_get(r, key, i);
  return list;
}

void out_put(struct out *o, const char *key, const void *val, size_t vallen) {
  size_t kl = strlen(key), need = o->len + 5 + kl + vallen;
  if (need > o->cap) {
    o->cap = need * 2 + 256;
    o->buf = realloc(o->buf, o->cap);
  }
  uint8_t *p = o->buf + o->len;
  *p++ = (uint8_t)kl;
  memcpy(p, key, kl);
  p += kl;
  *p++ = vallen & 0xff;
  *p++ = (vallen >> 8) & 0xff;
  *p++ = (vallen >> 16) & 0xff;
  *p++ = (vallen >> 24) & 0xff;
  memcpy(p, val, vallen);
  o->len = need;
}

void out_str(struct out *o, const char *key, const char *val) { out_put(o, key, val, strlen(val)); }

void out_num(struct out *o, const char *key, long long val) {
  char s[32];
  int n = snprintf(s, sizeof s, "%lld", val);
  out_put(o, key, s, (size_t)n);
}

void out_free(struct out *o) {
  free(o->buf);
  o->buf = NULL;
  o->len = o->cap = 0;
}
