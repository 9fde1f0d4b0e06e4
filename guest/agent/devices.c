/* The device controller of cgroup v2: a BPF program on each container's cgroup, as runc
 * attaches one, lets the container's processes open only the devices Docker allows by default
 * (null, zero, full, random, urandom, tty, console, ptmx and the pts) and those given with
 * --device. mknod of any device stays allowed, as in Docker; opening what it made is not. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/bpf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <unistd.h>
#include "agent.h"

#define ANY -1L
#define M BPF_DEVCG_ACC_MKNOD
#define RWM (BPF_DEVCG_ACC_READ | BPF_DEVCG_ACC_WRITE | BPF_DEVCG_ACC_MKNOD)

static const struct dev_rule defaults[] = {
    {BPF_DEVCG_DEV_CHAR, ANY, ANY, M}, {BPF_DEVCG_DEV_BLOCK, ANY, ANY, M},
    {BPF_DEVCG_DEV_CHAR, 1, 3, RWM},   {BPF_DEVCG_DEV_CHAR, 1, 5, RWM}, {BPF_DEVCG_DEV_CHAR, 1, 7, RWM},
    {BPF_DEVCG_DEV_CHAR, 1, 8, RWM},   {BPF_DEVCG_DEV_CHAR, 1, 9, RWM}, {BPF_DEVCG_DEV_CHAR, 5, 0, RWM},
    {BPF_DEVCG_DEV_CHAR, 5, 1, RWM},   {BPF_DEVCG_DEV_CHAR, 5, 2, RWM}, {BPF_DEVCG_DEV_CHAR, 136, ANY, RWM},
};
#define NDEFAULTS (sizeof defaults / sizeof *defaults)

static struct bpf_insn insn(uint8_t code, uint8_t dst, uint8_t src, int16_t off, int32_t imm) {
  return (struct bpf_insn){.code = code, .dst_reg = dst, .src_reg = src, .off = off, .imm = imm};
}

/* One rule's test: on a mismatch it jumps past its own end; on a match the program allows.
 * Registers: r2 the device type, r3 the access asked for, r4 major, r5 minor. */
static int emit_rule(struct bpf_insn *p, const struct dev_rule *r) {
  int n = 0, skip[4], nskip = 0;
  skip[nskip++] = n;
  p[n++] = insn(BPF_JMP | BPF_JNE | BPF_K, 2, 0, 0, (int32_t)r->type);
  /* Every access asked for must be among the rule's. */
  p[n++] = insn(BPF_ALU64 | BPF_MOV | BPF_X, 1, 3, 0, 0);
  p[n++] = insn(BPF_ALU64 | BPF_AND | BPF_K, 1, 0, 0, (int32_t)~r->access);
  skip[nskip++] = n;
  p[n++] = insn(BPF_JMP | BPF_JNE | BPF_K, 1, 0, 0, 0);
  if (r->major != ANY) skip[nskip++] = n, p[n++] = insn(BPF_JMP | BPF_JNE | BPF_K, 4, 0, 0, (int32_t)r->major);
  if (r->minor != ANY) skip[nskip++] = n, p[n++] = insn(BPF_JMP | BPF_JNE | BPF_K, 5, 0, 0, (int32_t)r->minor);
  p[n++] = insn(BPF_ALU64 | BPF_MOV | BPF_K, 0, 0, 0, 1);
  p[n++] = insn(BPF_JMP | BPF_EXIT, 0, 0, 0, 0);
  for (int i = 0; i < nskip; i++) p[skip[i]].off = (int16_t)(n - skip[i] - 1);
  return n;
}

int device_program(const struct dev_rule *extra, int nextra, struct bpf_insn *prog, int max) {
  int nrules = (int)NDEFAULTS + nextra;
  if (5 + nrules * 8 + 2 > max) return -1;
  int n = 0;
  /* struct bpf_cgroup_dev_ctx: access_type = access << 16 | type, major, minor. */
  prog[n++] = insn(BPF_LDX | BPF_W | BPF_MEM, 2, 1, 0, 0);
  prog[n++] = insn(BPF_ALU64 | BPF_MOV | BPF_X, 3, 2, 0, 0);
  prog[n++] = insn(BPF_ALU64 | BPF_RSH | BPF_K, 3, 0, 0, 16);
  prog[n++] = insn(BPF_ALU64 | BPF_AND | BPF_K, 2, 0, 0, 0xffff);
  prog[n++] = insn(BPF_LDX | BPF_W | BPF_MEM, 4, 1, 4, 0);
  prog[n++] = insn(BPF_LDX | BPF_W | BPF_MEM, 5, 1, 8, 0);
  for (int i = 0; i < nrules; i++) n += emit_rule(prog + n, i < (int)NDEFAULTS ? &defaults[i] : &extra[i - NDEFAULTS]);
  prog[n++] = insn(BPF_ALU64 | BPF_MOV | BPF_K, 0, 0, 0, 0);
  prog[n++] = insn(BPF_JMP | BPF_EXIT, 0, 0, 0, 0);
  return n;
}

static int load_program(const struct bpf_insn *prog, int n, char *log, size_t logsize) {
  union bpf_attr load = {0};
  load.prog_type = BPF_PROG_TYPE_CGROUP_DEVICE;
  load.insns = (uint64_t)(uintptr_t)prog;
  load.insn_cnt = (uint32_t)n;
  load.license = (uint64_t)(uintptr_t) "MIT";
  load.log_buf = (uint64_t)(uintptr_t)log;
  load.log_size = (uint32_t)logsize;
  load.log_level = log ? 1 : 0;
  return (int)syscall(SYS_bpf, BPF_PROG_LOAD, &load, sizeof load);
}

int devices_attach(const char *cgroup, const struct dev_rule *extra, int nextra, char *err, size_t errlen) {
  static struct bpf_insn prog[8 * (11 + MAX_DEVICES) + 8];
  int n = device_program(extra, nextra, prog, (int)(sizeof prog / sizeof *prog));
  if (n < 0) return snprintf(err, errlen, "too many devices"), -1;
  int fd = load_program(prog, n, NULL, 0);
  if (fd < 0) {
    /* Again with the verifier's log, only to say why: a log too small to hold it fails a load. */
    static char log[64 * 1024];
    int saved = errno;
    load_program(prog, n, log, sizeof log);
    char *last = strrchr(log, '\n');
    if (last && last > log) *last = 0;
    last = strrchr(log, '\n');
    return snprintf(err, errlen, "loading the device rules: %s: %s", errtext(saved), last ? last + 1 : log), -1;
  }
  int dir = open(cgroup, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  union bpf_attr attach = {0};
  attach.target_fd = (uint32_t)dir;
  attach.attach_bpf_fd = (uint32_t)fd;
  attach.attach_type = BPF_CGROUP_DEVICE;
  /* No flags: a cgroup below (a privileged container's own) cannot put a laxer program in. */
  int rc = dir < 0 ? -1 : (int)syscall(SYS_bpf, BPF_PROG_ATTACH, &attach, sizeof attach);
  int saved = errno;
  if (dir >= 0) close(dir);
  close(fd); /* the cgroup holds the program now */
  if (rc < 0) return snprintf(err, errlen, "attaching the device rules: %s", errtext(saved)), -1;
  return 0;
}

/* "HOST:CONTAINER:PERMISSIONS" (the engine fills in all three) into a rule and the node to
 * make in the container; Docker's words when the host path is not a device. */
int device_parse(const char *spec, struct dev_rule *rule, struct dev_node *node, char *err, size_t errlen) {
  char host[256], perms[8];
  memset(node, 0, sizeof *node);
  if (sscanf(spec, "%255[^:]:%255[^:]:%7s", host, node->path, perms) != 3 || host[0] != '/' || node->path[0] != '/')
    return snprintf(err, errlen, "invalid device specification: %s", spec), -1;
  struct stat st;
  if (stat(host, &st) < 0)
    return snprintf(err, errlen, "error gathering device information while adding custom device \"%s\": %s", host, errtext(errno)), -1;
  if (!S_ISCHR(st.st_mode) && !S_ISBLK(st.st_mode))
    return snprintf(err, errlen, "error gathering device information while adding custom device \"%s\": not a device node", host), -1;
  rule->type = S_ISCHR(st.st_mode) ? BPF_DEVCG_DEV_CHAR : BPF_DEVCG_DEV_BLOCK;
  rule->major = (long)major(st.st_rdev);
  rule->minor = (long)minor(st.st_rdev);
  rule->access = 0;
  for (const char *p = perms; *p; p++) {
    if (*p == 'r') rule->access |= BPF_DEVCG_ACC_READ;
    else if (*p == 'w') rule->access |= BPF_DEVCG_ACC_WRITE;
    else if (*p == 'm') rule->access |= BPF_DEVCG_ACC_MKNOD;
    else return snprintf(err, errlen, "invalid device mode: %s", perms), -1;
  }
  node->mode = st.st_mode;
  node->rdev = st.st_rdev;
  node->uid = st.st_uid;
  node->gid = st.st_gid;
  return 0;
}

#define NODES_FILE "devices"

int device_nodes_write(const char *id, const struct dev_node *nodes, int n) {
  char path[256];
  container_path(path, sizeof path, id, NODES_FILE);
  int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return -1;
  int rc = write_all(fd, nodes, (size_t)n * sizeof *nodes);
  close(fd);
  return rc;
}

size_t device_nodes_read(const char *id, struct dev_node *nodes, size_t max) {
  char path[256];
  container_path(path, sizeof path, id, NODES_FILE);
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return 0;
  size_t got = 0;
  ssize_t r;
  while (got < max * sizeof *nodes && (r = read(fd, (char *)nodes + got, max * sizeof *nodes - got)) > 0) got += (size_t)r;
  close(fd);
  return got / sizeof *nodes;
}
