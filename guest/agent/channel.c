/* The engine's channel: frames over a raw virtio-console port. The port is a tty, so it is put
 * in raw mode. Frames go out through a queue, flushed whenever the port takes bytes: a write
 * never holds up the loop, even when the engine stops reading. */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include "agent.h"

static int chan = -1;
static uint8_t inbuf[FRAME_HEADER + FRAME_MAX];
static size_t inlen;

int channel_open(const char *path) {
  chan = open(path, O_RDWR | O_NOCTTY | O_CLOEXEC);
  if (chan < 0) return -1;
  struct termios t;
  if (tcgetattr(chan, &t) == 0) {
    cfmakeraw(&t);
    tcsetattr(chan, TCSANOW, &t);
  }
  channel_use(chan);
  return chan;
}

void channel_use(int fd) {
  chan = fd;
  set_nonblock(chan);
}

int channel_fd(void) { return chan; }

static void put32(uint8_t *p, uint32_t v) {
  p[0] = v & 0xff;
  p[1] = (v >> 8) & 0xff;
  p[2] = (v >> 16) & 0xff;
  p[3] = (v >> 24) & 0xff;
}
static uint32_t get32(const uint8_t *p) { return p[0] | (p[1] << 8) | (p[2] << 16) | ((uint32_t)p[3] << 24); }

static struct {
  uint8_t *buf;
  size_t head, len, cap;
} queue;

static void enqueue(const void *bytes, size_t n) {
  if (queue.head + queue.len + n > queue.cap) {
    if (queue.head) memmove(queue.buf, queue.buf + queue.head, queue.len);
    queue.head = 0;
    if (queue.len + n > queue.cap) queue.buf = realloc(queue.buf, queue.cap = (queue.len + n) * 2);
  }
  memcpy(queue.buf + queue.head + queue.len, bytes, n);
  queue.len += n;
}

size_t channel_queued(void) { return queue.len; }

int channel_flush(void) {
  while (queue.len) {
    ssize_t n = write(chan, queue.buf + queue.head, queue.len);
    if (n < 0 && (errno == EAGAIN || errno == EINTR)) return 0;
    if (n < 0) {
      fprintf(stderr, "drydock-agent: writing the channel: %s (%zu bytes dropped)\n", errtext(errno), queue.len);
      queue.head = queue.len = 0;
      return -1;
    }
    queue.head += (size_t)n;
    queue.len -= (size_t)n;
  }
  queue.head = 0;
  return 0;
}

void send_frame(int type, int ch, uint32_t id, const void *payload, size_t len) {
  /* The engine skips a length over FRAME_MAX and looks for the next frame inside the payload,
   * where bytes a container chose (a command line, its output) would read as frames. */
  if (len > FRAME_MAX) {
    fprintf(stderr, "drydock-agent: a frame of %zu bytes (type %d, stream %u) was not sent\n", len, type, id);
    return;
  }
  uint8_t head[FRAME_HEADER];
  head[0] = FRAME_MAGIC & 0xff;
  head[1] = FRAME_MAGIC >> 8;
  head[2] = (uint8_t)type;
  head[3] = (uint8_t)ch;
  put32(head + 4, id);
  put32(head + 8, (uint32_t)len);
  enqueue(head, sizeof head);
  if (len) enqueue(payload, len);
  channel_flush();
}

void send_record(int type, uint32_t id, struct out *o) {
  size_t len = o->len;
  if (len > FRAME_MAX && type == F_REPLY) {
    out_free(o);
    send_error(id, "Internal", "the agent's reply was %zu bytes, more than a frame holds", len);
    return;
  }
  send_frame(type, 0, id, o->buf, len);
  out_free(o);
}

void out_ok(struct out *o) { out_str(o, "ok", "1"); }

static void out_verror(struct out *o, const char *kind, const char *fmt, va_list ap) {
  char msg[1024];
  vsnprintf(msg, sizeof msg, fmt, ap);
  out_str(o, "error", msg);
  out_str(o, "kind", kind);
}

void out_error(struct out *o, const char *kind, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  out_verror(o, kind, fmt, ap);
  va_end(ap);
}

void send_ok(uint32_t id, struct out *o) {
  struct out empty = {0};
  if (!o) o = &empty;
  out_ok(o);
  send_record(F_REPLY, id, o);
}

void send_error(uint32_t id, const char *kind, const char *fmt, ...) {
  struct out o = {0};
  va_list ap;
  va_start(ap, fmt);
  out_verror(&o, kind, fmt, ap);
  va_end(ap);
  send_record(F_REPLY, id, &o);
}

int channel_pump(void) {
  for (;;) {
    ssize_t n = read(chan, inbuf + inlen, sizeof inbuf - inlen);
    if (n < 0) return errno == EAGAIN || errno == EINTR ? 0 : -1;
    if (n == 0) return 1;
    inlen += (size_t)n;
    size_t pos = 0;
    while (inlen - pos >= FRAME_HEADER) {
      const uint8_t *h = inbuf + pos;
      if ((h[0] | (h[1] << 8)) != FRAME_MAGIC) {
        /* Out of step (e.g. bytes from before a snapshot): drop a byte and look again. */
        pos++;
        continue;
      }
      uint32_t len = get32(h + 8);
      if (len > FRAME_MAX) {
        pos += 2;
        continue;
      }
      if (inlen - pos < FRAME_HEADER + len) break;
      dispatch(h[2], h[3], get32(h + 4), h + FRAME_HEADER, len);
      pos += FRAME_HEADER + len;
    }
    memmove(inbuf, inbuf + pos, inlen - pos);
    inlen -= pos;
  }
}
