/* Capabilities the way Docker grants them: its default set, or the set the engine computed from
 * --cap-add and --cap-drop; every one with --privileged. */
#include <linux/capability.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "agent.h"

static const int default_caps[] = {
    CAP_CHOWN,  CAP_DAC_OVERRIDE, CAP_FSETID,     CAP_FOWNER,     CAP_MKNOD,       CAP_NET_RAW,     CAP_SETGID,
    CAP_SETUID, CAP_SETFCAP,      CAP_SETPCAP,    CAP_NET_BIND_SERVICE, CAP_SYS_CHROOT, CAP_KILL, CAP_AUDIT_WRITE,
};

uint64_t default_capabilities(void) {
  uint64_t set = 0;
  for (unsigned i = 0; i < sizeof default_caps / sizeof *default_caps; i++) set |= 1ULL << default_caps[i];
  return set;
}

/* "caps" is the set as a hexadecimal mask; without it, Docker's defaults. */
uint64_t capabilities_of(const struct record *r) {
  char *hex = rec_get(r, "caps", 0);
  uint64_t set = hex ? strtoull(hex, NULL, 16) : default_capabilities();
  free(hex);
  return set;
}

int drop_bounding_set(const struct spawn *s) {
  if (s->privileged) return 0;
  for (int cap = 0; prctl(PR_CAPBSET_READ, cap, 0, 0, 0) >= 0; cap++)
    if (!(cap < 64 && (s->caps >> cap) & 1) && prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) < 0) return -1;
  return 0;
}

int apply_security(const struct spawn *s, int root) {
  if (!s->privileged && root) {
    struct __user_cap_header_struct head = {.version = _LINUX_CAPABILITY_VERSION_3, .pid = 0};
    struct __user_cap_data_struct data[2] = {{0}};
    for (int i = 0; i < 2; i++) data[i].effective = data[i].permitted = data[i].inheritable = (uint32_t)(s->caps >> (32 * i));
    if (syscall(SYS_capset, &head, data) < 0) return -1;
  }
  if (s->no_new_privs && prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0) return -1;
  return 0;
}
