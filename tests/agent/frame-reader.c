/* The channel's frame reader against what arrives on a virtio console: frames cut anywhere,
 * garbage between them (bytes from before a snapshot), headers with lengths past FRAME_MAX, a
 * frame left half-sent, and plain random bytes. Whole frames must come out exactly, in order. */
#include "harness.h"

struct got {
  int type, chan;
  uint32_t id;
  size_t len;
  uint8_t *payload;
};
static struct got *got;
static size_t ngot, capgot;

void dispatch(int type, int chan, uint32_t id, const uint8_t *payload, size_t len) {
  CHECK(len <= FRAME_MAX, "a frame of %zu bytes was dispatched", len);
  if (ngot == capgot) got = realloc(got, (capgot = capgot * 2 + 16) * sizeof *got);
  uint8_t *copy = malloc(len + 1);
  memcpy(copy, payload, len);
  got[ngot++] = (struct got){type, chan, id, len, copy};
}

static void forget(void) {
  for (size_t i = 0; i < ngot; i++) free(got[i].payload);
  ngot = 0;
}

static int engine;

/* Bytes to the agent in pieces of random size, each followed by what the loop would do. */
static void feed(const uint8_t *bytes, size_t len) {
  while (len) {
    size_t n = 1 + rng() % (rng() % 4 ? 64 : 65536);
    if (n > len) n = len;
    CHECK(write_all(engine, bytes, n) == 0, "write: %s", strerror(errno));
    CHECK(channel_pump() == 0, "channel_pump failed");
    bytes += n;
    len -= n;
  }
}

struct stream {
  uint8_t *buf;
  size_t len, cap;
};
static void put(struct stream *s, const void *p, size_t n) {
  if (s->len + n > s->cap) s->buf = realloc(s->buf, s->cap = (s->len + n) * 2);
  memcpy(s->buf + s->len, p, n);
  s->len += n;
}
/* Random bytes without 0xCC, the magic's first byte: garbage that cannot look like a frame. */
static void garbage(struct stream *s, size_t n) {
  for (size_t i = 0; i < n; i++) {
    uint8_t b = (uint8_t)rng();
    if (b == 0xCC) b = 0;
    put(s, &b, 1);
  }
}
static void header(struct stream *s, int type, int chan, uint32_t id, uint32_t len) {
  uint8_t h[FRAME_HEADER] = {FRAME_MAGIC & 0xff, FRAME_MAGIC >> 8, (uint8_t)type, (uint8_t)chan};
  for (int i = 0; i < 4; i++) h[4 + i] = (id >> (8 * i)) & 0xff, h[8 + i] = (len >> (8 * i)) & 0xff;
  put(s, h, sizeof h);
}

struct sent {
  uint32_t id;
  size_t len;
  uint8_t first, last;
};

static void frames_in_garbage(void) {
  struct stream s = {0};
  struct sent sent[64];
  int n = 0;
  for (; n < 64; n++) {
    if (rng() % 2) garbage(&s, rng() % 300);
    if (n % 8 == 3) {
      /* A length past FRAME_MAX: skipped, and the header's other bytes are garbage. */
      header(&s, F_REQUEST, 0, 0xDEAD, FRAME_MAX + 1 + rng() % 0x7FFFFFFF);
      garbage(&s, rng() % 20);
    }
    size_t len = n == 5 ? FRAME_MAX : n % 4 == 0 ? 0 : rng() % (n % 7 ? 512 : 200000);
    sent[n] = (struct sent){(uint32_t)n + 1, len, 0, 0};
    header(&s, F_DATA, n % 3, sent[n].id, (uint32_t)len);
    size_t at = s.len;
    garbage(&s, len);
    if (len) sent[n].first = s.buf[at], sent[n].last = s.buf[at + len - 1];
  }
  feed(s.buf, s.len);
  CHECK(ngot == (size_t)n, "%zu frames came out of %d", ngot, n);
  for (int i = 0; i < n; i++) {
    CHECK(got[i].id == sent[i].id && got[i].len == sent[i].len && got[i].chan == i % 3 && got[i].type == F_DATA,
          "frame %d came out as id %u, %zu bytes", i, got[i].id, got[i].len);
    CHECK(!sent[i].len || (got[i].payload[0] == sent[i].first && got[i].payload[sent[i].len - 1] == sent[i].last),
          "frame %d's bytes changed", i);
  }
  forget();
  free(s.buf);
}

/* A frame half-sent waits for its rest; then it and the next come out. */
static void half_sent(void) {
  struct stream s = {0};
  header(&s, F_REQUEST, 0, 7, 1000);
  garbage(&s, 1000);
  header(&s, F_CREDIT, 0, 8, 4);
  garbage(&s, 4);
  feed(s.buf, 600);
  CHECK(ngot == 0, "half a frame was dispatched");
  feed(s.buf + 600, s.len - 600);
  CHECK(ngot == 2 && got[0].id == 7 && got[0].len == 1000 && got[1].id == 8, "%zu frames after the rest came", ngot);
  forget();
  free(s.buf);
}

/* Anything at all, magic included: only bounds are checked (and ASan watches the reads). */
static void random_bytes(void) {
  struct stream s = {0};
  for (int round = 0; round < 200; round++) {
    s.len = 0;
    size_t len = rng() % 4096;
    for (size_t i = 0; i < len; i++) {
      uint8_t b = (uint8_t)rng();
      put(&s, &b, 1);
    }
    if (rng() % 2) header(&s, rng() % 8, rng() % 3, rng(), rng() % 8 ? rng() % 64 : rng());
    feed(s.buf, s.len);
    forget();
  }
  free(s.buf);
}

int main(void) {
  int sv[2];
  CHECK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0, "socketpair");
  engine = sv[0];
  channel_use(sv[1]);
  bound(60, "feeding the frame reader");
  frames_in_garbage();
  half_sent();
  random_bytes();
  free(got);
  return 0;
}
