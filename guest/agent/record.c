/* The record codec: a flat list of (key, value) pairs, easy to read and write on both sides. */
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include "agent.h"

static uint32_t get32(const uint8_t *p) { return p[0] | (p[1] << 8) | (p[2] << 16) | ((uint32_t)p[3] << 24); }

int rec_next(const struct record *r, size_t *pos, struct field *f) {
  size_t p = *pos;
  if (p >= r->len) return 0;
  /* Lengths are compared with what is left, never added up: a value length near 4 GiB would
   * wrap a 32-bit sum back inside the payload. */
  size_t left = r->len - p, kl = r->data[p];
  if (left < 5 || kl > left - 5) return -1;
  size_t vl = get32(r->data + p + 1 + kl);
  if (vl > left - 5 - kl) return -1;
  f->key = (const char *)r->data + p + 1;
  f->keylen = kl;
  f->val = f->key + kl + 4;
  f->vallen = vl;
  *pos = p + 5 + kl + vl;
  return 1;
}

static int key_is(const struct field *f, const char *key) {
  return f->keylen == strlen(key) && memcmp(f->key, key, f->keylen) == 0;
}

static char *copy_value(const struct field *f) {
  char *s = malloc(f->vallen + 1);
  memcpy(s, f->val, f->vallen);
  s[f->vallen] = 0;
  return s;
}

char *rec_get(const struct record *r, const char *key, int n) {
  size_t pos = 0;
  struct field f;
  while (rec_next(r, &pos, &f) == 1)
    if (key_is(&f, key) && n-- == 0) return copy_value(&f);
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

long long rec_llong(const struct record *r, const char *key, long long fallback) {
  char *s = rec_get(r, key, 0);
  if (!s) return fallback;
  long long v = strtoll(s, NULL, 10);
  free(s);
  return v;
}

/* Two walks, not one per item: a frame can hold tens of thousands of arguments. */
char **rec_list(const struct record *r, const char *key) {
  int n = rec_count(r, key), i = 0;
  char **list = calloc(n + 1, sizeof(char *));
  size_t pos = 0;
  struct field f;
  while (i < n && rec_next(r, &pos, &f) == 1)
    if (key_is(&f, key)) list[i++] = copy_value(&f);
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
