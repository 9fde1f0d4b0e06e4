/* The record codec against payloads an engine (or anything on the channel) could send: lengths
 * that wrap a 32-bit size, truncated fields, random bytes, and a frame full of list items. */
#include "harness.h"

/* A payload in a heap block of exactly its size, so that a read past it is caught. */
static struct record hold(const void *bytes, size_t len) {
  uint8_t *copy = malloc(len ? len : 1);
  memcpy(copy, bytes, len);
  return (struct record){copy, len};
}

/* Walks every field as each reader does, checking each lies inside the payload. */
static void walk_all(const struct record *r, const char *what) {
  bound(20, what);
  size_t pos = 0;
  struct field f;
  int rc, fields = 0;
  while ((rc = rec_next(r, &pos, &f)) == 1) {
    const uint8_t *end = r->data + r->len;
    CHECK((const uint8_t *)f.key >= r->data && (const uint8_t *)f.key + f.keylen <= end, "%s: key outside", what);
    CHECK((const uint8_t *)f.val >= r->data && f.vallen <= (size_t)(end - (const uint8_t *)f.val), "%s: value outside", what);
    CHECK(pos <= r->len, "%s: position %zu past %zu", what, pos, r->len);
    fields++;
  }
  CHECK(rc == 0 || rc == -1, "%s: rec_next said %d", what, rc);
  for (const char *key = "op"; key; key = strcmp(key, "op") ? NULL : "arg") {
    int count = rec_count(r, key);
    char **list = rec_list(r, key);
    int listed = 0;
    while (list[listed]) free(list[listed++]);
    free(list);
    CHECK(listed == count, "%s: rec_list gave %d of %d", what, listed, count);
    free(rec_get(r, key, 0));
    rec_long(r, key, 0);
    rec_llong(r, key, 0);
  }
  unbound();
}

static void malformed(void) {
  /* A value length of 4 GiB - 1 after a 2-byte key: p + 5 + kl + vl wraps to 6. */
  static const uint8_t wrap[] = {0x02, 'o', 'p', 0xFF, 0xFF, 0xFF, 0xFF};
  struct record r = hold(wrap, sizeof wrap);
  CHECK(rec_get(&r, "op", 0) == NULL, "a 4 GiB value in a 7-byte payload was read");
  walk_all(&r, "a value length that wraps");
  free((void *)r.data);

  /* An empty key and a value length that wraps to exactly the same position: it never advances. */
  static const uint8_t still[] = {0x00, 0xFB, 0xFF, 0xFF, 0xFF};
  r = hold(still, sizeof still);
  size_t pos = 0;
  struct field f;
  CHECK(rec_next(&r, &pos, &f) == -1, "a field that does not advance was accepted");
  walk_all(&r, "a value length that wraps to the same field");
  free((void *)r.data);

  /* Every cut of a good record, and a key length past the end. */
  struct out o = {0};
  out_str(&o, "op", "hello");
  out_str(&o, "arg", "one");
  out_str(&o, "arg", "two");
  for (size_t cut = 0; cut <= o.len; cut++) {
    r = hold(o.buf, cut);
    walk_all(&r, "a truncated record");
    free((void *)r.data);
  }
  static const uint8_t long_key[] = {0xFF, 'o', 'p'};
  r = hold(long_key, sizeof long_key);
  walk_all(&r, "a key longer than the payload");
  free((void *)r.data);
  out_free(&o);
}

static void round_trip(void) {
  struct out o = {0};
  out_str(&o, "op", "create");
  out_str(&o, "memory", "3221225472");
  out_put(&o, "blob", "\0\1\2", 3);
  out_num(&o, "n", -42);
  struct record r = hold(o.buf, o.len);
  char *op = rec_get(&r, "op", 0), *blob = NULL;
  CHECK(op && !strcmp(op, "create"), "op came back as %s", op ? op : "(null)");
  CHECK(rec_llong(&r, "memory", 0) == 3221225472LL, "3 GiB came back as %lld", rec_llong(&r, "memory", 0));
  CHECK(rec_long(&r, "n", 0) == -42, "-42 came back as %ld", rec_long(&r, "n", 0));
  CHECK((blob = rec_get(&r, "blob", 0)) && !memcmp(blob, "\0\1\2", 3), "bytes changed");
  CHECK(rec_llong(&r, "missing", 7) == 7, "the fallback was not used");
  free(op);
  free(blob);
  free((void *)r.data);
  out_free(&o);
}

/* Random payloads, half of them shaped like records with lengths near the edges. */
static void random_payloads(void) {
  uint8_t buf[512];
  for (int round = 0; round < 20000; round++) {
    size_t len = rng() % sizeof buf;
    for (size_t i = 0; i < len; i++) buf[i] = (uint8_t)rng();
    if (round % 2) {
      for (size_t p = 0; p + 5 < len;) {
        size_t kl = rng() % 4;
        buf[p] = (uint8_t)kl;
        if (p + 1 + kl + 4 > len) break;
        static const uint32_t edges[] = {0, 1, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF, 0xFFFFFFFB, 0xFFFFFFFA};
        uint32_t vl = rng() % 3 ? rng() % 16 : edges[rng() % 7];
        uint8_t *l = buf + p + 1 + kl;
        l[0] = vl & 0xff, l[1] = (vl >> 8) & 0xff, l[2] = (vl >> 16) & 0xff, l[3] = vl >> 24;
        p += 5 + kl + (vl < 16 ? vl : 0);
      }
    }
    struct record r = hold(buf, len);
    walk_all(&r, "a random payload");
    free((void *)r.data);
  }
}

/* A frame's worth of one-byte list items: the engine may send this many arguments. */
static void many_items(void) {
  struct out o = {0};
  while (o.len + 9 <= FRAME_MAX) out_str(&o, "arg", "x");
  struct record r = hold(o.buf, o.len);
  bound(10, "a frame full of list items");
  char **list = rec_list(&r, "arg");
  unbound();
  int n = 0;
  while (list[n]) free(list[n++]);
  free(list);
  CHECK(n == FRAME_MAX / 9, "listed %d items", n);
  free((void *)r.data);
  out_free(&o);
}

int main(void) {
  malformed();
  round_trip();
  random_payloads();
  many_items();
  return 0;
}
