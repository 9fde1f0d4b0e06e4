/* drydock-agent: the guest half of the runtime (the runc + containerd-shim role).
 * One process, one poll loop, talking to the engine over /dev/hvc1 (virtio-console port 1). */
#ifndef DRYDOCK_AGENT_H
#define DRYDOCK_AGENT_H

#include <poll.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>
#include <netinet/in.h>

/* A container's files may pass 2 GiB: build with -D_FILE_OFFSET_BITS=64 (guest/build-initramfs.sh). */
_Static_assert(sizeof(off_t) == 8, "drydock-agent needs 64-bit file offsets");

#define AGENT_PROTOCOL "1"
#define AGENT_VERSION "drydock-agent 1.0"

/* ---- frames: u16 magic, u8 type, u8 channel, u32 id, u32 length, then the payload ---- */
#define FRAME_MAGIC 0xD0CC
#define FRAME_HEADER 12
#define FRAME_MAX (256 * 1024)
enum frame_type {
  F_HELLO = 1,   /* agent -> engine, unasked, when the agent starts: a new agent, old state gone */
  F_REQUEST = 2, /* engine -> agent: record with "op" */
  F_REPLY = 3,   /* agent -> engine: record, "error" + "kind" when it failed */
  F_DATA = 4,    /* both ways: channel 0 stdin, 1 stdout, 2 stderr; empty payload = end of file */
  F_CREDIT = 5,  /* both ways: u32 more bytes the receiver will take on that stream */
  F_EXIT = 6,    /* agent -> engine: record with a process's exit, after its output ended */
  F_ACCEPT = 7,  /* agent -> engine: record {listener}, a connection on a stream the agent numbered */
  F_DATAGRAM = 8, /* agent -> engine: record {container, server, address, port, data}, a query to a container's resolver */
};

/* ---- records: (u8 key length, key, u32 value length, value)*; a repeated key is a list ---- */
struct record {
  const uint8_t *data;
  size_t len;
};
struct field {
  const char *key; /* not terminated: keylen */
  size_t keylen;
  const char *val; /* terminated copies are made by rec_get */
  size_t vallen;
};
int rec_next(const struct record *r, size_t *pos, struct field *f);
/* The n-th value of key as a fresh NUL-terminated string (malloc), or NULL. */
char *rec_get(const struct record *r, const char *key, int n);
int rec_count(const struct record *r, const char *key);
long rec_long(const struct record *r, const char *key, long fallback);
/* Sizes that may pass 2 GiB (a long is 32 bits in the guest). */
long long rec_llong(const struct record *r, const char *key, long long fallback);
char **rec_list(const struct record *r, const char *key); /* NULL-terminated, malloc */

struct out {
  uint8_t *buf;
  size_t len, cap;
};
void out_put(struct out *o, const char *key, const void *val, size_t vallen);
void out_str(struct out *o, const char *key, const char *val);
void out_num(struct out *o, const char *key, long long val);
void out_free(struct out *o);

/* ---- channel ---- */
int channel_open(const char *path);
void channel_use(int fd); /* an open descriptor instead: a socket in tests */
int channel_fd(void);
/* Queues a frame and sends what the channel takes now; the loop flushes the rest. */
void send_frame(int type, int chan, uint32_t id, const void *payload, size_t len);
int channel_flush(void); /* -1 when the channel failed (what was queued is dropped) */
size_t channel_queued(void);
/* Over CHANNEL_HIGH queued, processes' output is left in their pipes until the engine reads;
 * over CHANNEL_FULL, so are its requests (each of which may queue a reply). */
#define CHANNEL_HIGH (256 * 1024)
#define CHANNEL_FULL (4 * 1024 * 1024)
void send_record(int type, uint32_t id, struct out *o);
void send_error(uint32_t id, const char *kind, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void send_ok(uint32_t id, struct out *o);
/* The same replies as records, for a helper to hand back. */
void out_ok(struct out *o);
void out_error(struct out *o, const char *kind, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Reads what the channel has and dispatches whole frames; -1 when the channel failed, 1 at an
 * end of file (the engine's side hung up: it may come back). */
int channel_pump(void);
void dispatch(int type, int chan, uint32_t id, const uint8_t *payload, size_t len);
/* Says hello, then serves the channel until it fails. */
int agent_serve(void);

/* ---- processes and streams ---- */
#define MAX_PROCS 256
/* Connections accepted on the agent's listeners take at most this many slots, so that whoever
 * holds connections open in the guest cannot leave the engine none for its own streams. */
#define MAX_ACCEPTED (MAX_PROCS - 32)
#define NO_ROOM "the agent has no room for another stream: %d are open"
#define STDIN_WINDOW (64 * 1024)
struct proc {
  int used;
  unsigned gen;       /* counts the slot's uses: poll's results for an earlier one are stale */
  uint32_t id;        /* the stream: the engine numbers its own, the agent (top bit set) accepted ones */
  pid_t pid;
  char container[80]; /* "" for a forward */
  int init;           /* the container's first process */
  int tty;            /* 1: fds[1] is a pty master serving stdin and output */
  int fds[3];         /* stdin write end, stdout read end, stderr read end; -1 when closed */
  uint32_t credit;    /* bytes of output the engine still takes */
  uint8_t *inbuf;     /* stdin bytes not yet written */
  size_t inlen;
  int in_eof;         /* the engine closed stdin: close the pipe once inbuf drains */
  int exited, status;
  int is_forward;     /* a connection: fds[0] == fds[1] socket */
  int both_ways;      /* an accepted connection: done once both directions are, not just its output */
  long oom_kills_before; /* the cgroup's OOM kills when this run started (a restart keeps the cgroup) */
  int starting;       /* forked, not yet exec'd: no streams yet, and not a container's to join */
};
struct proc *proc_new(uint32_t id); /* NULL when all MAX_PROCS are in use */
int proc_accepted(void);
struct proc *proc_find(uint32_t id);
struct proc *proc_by_pid(pid_t pid);
struct proc *proc_init_of(const char *container); /* its first process, started or starting */
void proc_free(struct proc *p);
extern struct proc procs[MAX_PROCS];
/* Fills pfd with what the processes wait for (their output only when `output`) and returns how
 * many; proc_events takes what poll said about them. */
int proc_poll_fds(struct pollfd *pfd, int output);
void proc_events(const struct pollfd *pfd, int n);
void proc_ready(struct proc *p, int which, short revents);
void proc_stdin(struct proc *p, const uint8_t *data, size_t len);
void proc_credit(struct proc *p, uint32_t bytes);
void proc_reap(void);
void proc_maybe_finish(struct proc *p);

/* ---- operations that wait (pending.c): the loop calls step when the descriptor is ready, the
 * deadline (a now_ms() time) has passed or the child has exited; step re-arms or frees ---- */
#define MAX_PENDING 64
#define BUSY "the agent is busy: %d operations are waiting"
enum pending_why { PENDING_READY, PENDING_EXPIRED, PENDING_EXITED };
struct pending;
typedef void (*pending_fn)(struct pending *w, enum pending_why why, short revents);
struct pending {
  int used;
  unsigned gen;
  int fd;             /* waited on for events; -1: none */
  short events;
  long long deadline; /* 0: none */
  pid_t pid;          /* a child whose exit it waits for; 0: none */
  int exited, status; /* that child's, once it exited */
  pending_fn step;
  void *ctx;
};
struct pending *pending_new(pending_fn step, void *ctx); /* NULL when MAX_PENDING wait already */
void pending_free(struct pending *w);
int pending_poll_fds(struct pollfd *pfd);
int pending_timeout(long long now); /* ms until the nearest deadline, -1 for none */
void pending_events(const struct pollfd *pfd, int n);
void pending_expire(long long now);
int pending_child_exited(pid_t pid, int status); /* 1 when one waited for it */

/* ---- helpers (helper.c): fn(ctx, reply) runs in a child process, and the record it fills is
 * the reply to req (0: no reply) once the child has exited; -1 when it could not start (the
 * request was answered) ---- */
typedef void (*helper_fn)(void *ctx, struct out *reply);
int helper_start(uint32_t req, const char *what, helper_fn fn, void *ctx);

/* ---- operations (one file each), dispatched by requests.c's table ---- */
void op_hello(uint32_t id, const struct record *r);
void op_create(uint32_t id, const struct record *r);
void op_start(uint32_t id, const struct record *r);
void op_exec(uint32_t id, const struct record *r);
void op_run(uint32_t id, const struct record *r);
void op_spawn(uint32_t id, const struct record *r);
void op_signal(uint32_t id, const struct record *r);
void op_resize(uint32_t id, const struct record *r);
void op_pause(uint32_t id, const struct record *r);
void op_unpause(uint32_t id, const struct record *r);
void op_top(uint32_t id, const struct record *r);
void op_stats(uint32_t id, const struct record *r);
void top_report(FILE *procs, struct out *o);
/* A container's upper dir as a layer tar on fd; 0 or an errno, the tar's size in *size. */
int diff_write(const char *upper, int fd, long long *size);
/* ---- tar (tar.c): entries written to fd; the first write error is kept in failed ---- */
struct tar {
  int fd;
  long long size;
  int failed;
};
struct stat;
void tar_write(struct tar *t, const void *buf, size_t len);
void tar_pad(struct tar *t, long long len);
/* A header (with a pax one before it when needed) for an entry of `size` bytes that follow. */
void tar_entry(struct tar *t, const char *name, const struct stat *st, char type, const char *link, long long size);
void tar_end(struct tar *t);
void op_diff(uint32_t id, const struct record *r);
void op_forward(uint32_t id, const struct record *r);
void op_remove(uint32_t id, const struct record *r);
void op_listen(uint32_t id, const struct record *r);
void op_unlisten(uint32_t id, const struct record *r);
void op_remove_bridge(uint32_t id, const struct record *r);
void op_datagram(uint32_t id, const struct record *r);

/* ---- listeners (listen.c) ---- */
#define MAX_LISTENERS 8
void listen_poll_fds(struct pollfd *pfd, int *n);
void listen_ready(int fd);

/* ---- a container's DNS resolver socket, 127.0.0.11:53 in its namespace (resolver.c) ---- */
#define MAX_RESOLVERS MAX_PROCS
#define RESOLVER_ADDRESSES 2
/* Binds udp port 53 on each of addresses (at most RESOLVER_ADDRESSES, NULL-terminated) in netns
 * (a descriptor); one outside 127/8 is made local there first. 0, or -1 with errno. */
int resolver_open(const char *id, int netns, char *const *addresses);
void resolver_close(const char *id);
/* Their sockets, only while the channel takes more (`reading`): queries wait in them meanwhile. */
void resolver_poll_fds(struct pollfd *pfd, int *n, int reading);
void resolver_ready(int fd);

/* ---- containers ---- */
#define CONTAINERS_DIR "/run/drydock/containers"
#define CGROUP_ROOT "/sys/fs/cgroup/drydock"
int valid_name(const char *s);
void container_path(char *buf, size_t n, const char *id, const char *leaf);
void cgroup_path(char *buf, size_t n, const char *id, const char *leaf);
pid_t container_init_pid(const char *id);
long cgroup_oom_kills(const char *id);
int remove_container(const struct record *r);
/* What a dead agent left: stopped and unmounted now, its files moved under trash to delete later. */
void retire_container(const char *id, const char *trash);

/* ---- rtnetlink (netlink.c): a request built in a fixed buffer; what does not fit marks it
 * overflowed, and nl_talk refuses it (EMSGSIZE). Each call: 0 or a negative errno. ---- */
#define NL_BUF 1024
struct nlreq {
  uint8_t buf[NL_BUF] __attribute__((aligned(4)));
  int overflow;
};
void nl_begin(struct nlreq *q, int type, int flags, const void *body, size_t len);
int nl_put(struct nlreq *q, int type, const void *data, size_t len);
int nl_put_str(struct nlreq *q, int type, const char *s);
int nl_put_u32(struct nlreq *q, int type, uint32_t v);
size_t nl_nest(struct nlreq *q, int type); /* 0 when it did not fit */
void nl_nest_end(struct nlreq *q, size_t at);
int nl_open(void); /* a NETLINK_ROUTE socket in the caller's network namespace */
int nl_talk(int fd, struct nlreq *q);
int nl_bridge_add(int fd, const char *name);
/* A veth pair: `name` here, up, on the bridge `master`; `peer` made in the namespace peer_netns
 * (a descriptor) with the MAC address `mac`. */
int nl_veth_add(int fd, const char *name, int master, const char *peer, int peer_netns, const uint8_t mac[6]);
int nl_link_up(int fd, int index);
int nl_link_del(int fd, const char *name);
int nl_addr_add(int fd, int index, struct in_addr addr, int prefix);
int nl_route_default(int fd, int index, struct in_addr gateway);
int nl_route_local(int fd, int index, struct in_addr addr);

/* ---- a container's network endpoint on a bridge (network.c) ---- */
struct endpoint {
  char bridge[16];         /* the bridge device in the guest (IFNAMSIZ) */
  struct in_addr gateway;  /* the bridge's own address */
  int gateway_prefix;
  struct in_addr address;  /* the container's, on eth0 */
  int prefix;
  uint8_t mac[6];
  int internal;            /* no default route */
  char address_text[16];   /* the address as /etc/hosts names it */
  char ifname[16];         /* the device in the container: eth0, or eth1... for a network connected later */
};
/* A container's devices: eth0 for its first network, eth1 and on for the others. */
#define MAX_ENDPOINTS 8
/* The n-th endpoint of a request's bridge fields (a start's lists hold one per network); -1 and
 * a message in err when one is malformed. */
int endpoint_parse(const struct record *r, int n, struct endpoint *e, char *err, size_t errlen);
int parse_cidr(const char *s, struct in_addr *addr, int *prefix);
int parse_mac(const char *s, uint8_t mac[6]);
int valid_ifname(const char *s);
/* A device's index in the caller's network namespace; 0 and errno when there is none. */
int ifindex(const char *name);
/* A fresh network namespace, as a descriptor; the agent stays in its own. -1 and errno. */
int netns_new(void);
/* The bridge (made and addressed when missing), a veth pair on it whose other end is eth0 in
 * netns, eth0's address and the default route. 0, or -1 with the error's kind and message and
 * nothing left of what it made. */
int endpoint_make(const char *id, const struct endpoint *e, int netns, const char **kind, char *err, size_t errlen);
/* Deletes the host end of the container's veth pair (the other end goes with it), if any, and
 * forgets it; endpoint_exited does it in a helper (the first process exited: it is not waited for). */
void endpoint_release(const char *id);
void endpoint_exited(const char *id);
/* addEndpoint: a running container's endpoint on another network (docker network connect). */
void op_add_endpoint(uint32_t id, const struct record *r);
/* removeEndpoint: one endpoint of a container deleted (docker network disconnect). */
void op_remove_endpoint(uint32_t id, const struct record *r);

/* ---- devices (devices.c): the cgroup's BPF program and --device nodes ---- */
struct dev_rule {
  unsigned type;     /* BPF_DEVCG_DEV_CHAR or _BLOCK */
  long major, minor; /* -1: any */
  unsigned access;   /* BPF_DEVCG_ACC_* */
};
struct dev_node {
  char path[256]; /* in the container */
  mode_t mode;
  dev_t rdev;
  uid_t uid;
  gid_t gid;
};
#define MAX_DEVICES 64
struct bpf_insn;
int device_program(const struct dev_rule *extra, int nextra, struct bpf_insn *prog, int max);
int devices_attach(const char *cgroup, const struct dev_rule *extra, int nextra, char *err, size_t errlen);
int device_parse(const char *spec, struct dev_rule *rule, struct dev_node *node, char *err, size_t errlen);
/* The --device nodes a container's starts make, kept in its directory. */
int device_nodes_write(const char *id, const struct dev_node *nodes, int n);
size_t device_nodes_read(const char *id, struct dev_node *nodes, size_t max);

/* What a process needs once forked; shared by start and exec. */
struct spawn {
  char **argv, **env;
  char *cwd, *user;
  int tty, open_stdin, privileged, no_new_privs;
  uint64_t caps;   /* kept unless privileged (bit n: capability n) */
  int console; /* bind the pty over /dev/console (a container's first process) */
  int rows, cols;
  uint32_t window; /* output bytes the engine takes before its first credit */
  int pidns;       /* -1: a new pid namespace; >= 0: join it; -2: stay in ours */
  const int *keep; /* descriptors the child needs besides its pipes (namespaces to join) */
  int nkeep;
};
void spawn_read(struct spawn *s, const struct record *r);
void spawn_free(struct spawn *s);
/* In the child, inside the container's root: user, groups, caps, cwd, stdio, exec. Writes
 * "CODE MESSAGE" to errfd when it fails and exits. */
void spawn_finish(const struct spawn *s, int stdio[3], int errfd, int sock) __attribute__((noreturn));
void child_fail(int errfd, int code, const char *fmt, ...) __attribute__((noreturn, format(printf, 3, 4)));
typedef void (*child_fn)(void *ctx, int sync_fd, int err_fd, int sock_fd, int stdio[3]);
/* Starts a process (pipes or a pty, fork, fn in the child) and replies to the start, exec or
 * spawn request once it ran (its pid) or failed (the child's error and exit code): the reply
 * comes from the loop, within 10 s. */
void spawn_reply(uint32_t req, uint32_t stream, const char *container, int init, struct spawn *s, child_fn fn, void *ctx);
/* The container's capabilities (Docker's defaults with --cap-add/--cap-drop) unless privileged:
 * the bounding set while still root, then the process's own set (none for a non-root user, as
 * Docker does) and no_new_privs. */
uint64_t default_capabilities(void);
uint64_t capabilities_of(const struct record *r);
int drop_bounding_set(const struct spawn *s);
int apply_security(const struct spawn *s, int root);
/* A user spec ("name", "uid", "name:group", ...) against passwd and group files; -1 and a
 * message in err when the user or group is not there. */
struct ids {
  uid_t uid;
  gid_t gid;
  gid_t groups[32];
  int ngroups;
  char home[256];
};
int resolve_user(const char *spec, const char *passwd, const char *groups, struct ids *ids, char *err, size_t errlen);
int send_fd(int sock, int fd);
int recv_fd(int sock);

/* ---- the guest's docker command (guest/shim/docker.c), when run by that name ---- */
int shim_main(int argc, char **argv);
/* ---- a tool the engine hands over on first use (tool.c), when run by its name ---- */
int tool_main(const char *tool, int argc, char **argv);

/* ---- small helpers ---- */
int write_file(const char *path, const char *data);
ssize_t read_file(const char *path, char *buf, size_t n);
int mkdir_p(const char *path, mode_t mode);
int rm_rf(const char *path);
int write_all(int fd, const void *buf, size_t len); /* a blocking descriptor's (the loop's never block) */
void set_nonblock(int fd);
long long now_ms(void); /* a monotonic clock, for deadlines */
/* Closes every descriptor but 0, 1, 2 and the n in keep (at most 16): a child's first step. */
void close_other_fds(const int *keep, int n);
const char *errtext(int e);
extern int self_pidns, self_netns;

#endif
